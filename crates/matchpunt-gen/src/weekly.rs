//! Weekly requests for a world that already exists: the organisations, places and experts of a
//! real or generated batch, for a rolling simulation.
//!
//! [`WeekModel`] keeps the generator's request model (roles and themes by kind of
//! organisation, theme clusters, places near the organisation, slots by role, seats, priority,
//! language, age, gender wishes, a few preferred and pinned experts) and draws it over the
//! caller's organisations instead of invented ones. The kind of an organisation is read from its
//! name as the generator writes them (`Gemeente ...`, `GGZ ...`, `ROC ...`, `Jongerenwerk ...`;
//! anything else is a youth-care provider). Each week is drawn from its own seed, so week 7 is
//! the same whatever was drawn before it.

use std::io::{self, Write};

use rand::distributions::{Distribution, WeightedIndex};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::model::{haversine_km, Expert, Gen, Org};
use crate::vocab::{slot_code, OrgKind, GGZ_BRANDS, THEMES};
use crate::{opt, themes_cell, GenParams, PlaceWeight, Style, REQUEST_COLUMNS};

/// An organisation of the world.
#[derive(Clone, Debug, PartialEq)]
pub struct OrgSpec {
    /// Name, exactly as it is to appear in `requests.csv`.
    pub name: String,
    /// Index of its home place in the model's places.
    pub place: usize,
    /// Relative number of requests (e.g. its requests and history rows so far).
    pub volume: f64,
}

/// An expert of the world, as far as the request model needs one (for preferred and pinned
/// experts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpertSpec {
    /// Id, as it is to appear in `preferred_expert` and `pinned_expert`.
    pub id: String,
    /// Takes each role, in the order buddy, adviser, trainer, speaker.
    pub roles: [bool; 4],
    /// Theme names (those outside the generator's vocabulary are ignored).
    pub themes: Vec<String>,
    /// Avoided theme names.
    pub avoid_themes: Vec<String>,
    /// Active and certified.
    pub available: bool,
}

/// The request model over a given world. See the module docs.
pub struct WeekModel {
    places: Vec<PlaceWeight>,
    orgs: Vec<Org>,
    experts: Vec<Expert>,
    ids: Vec<String>,
    org_experts: Vec<Vec<(usize, u8)>>,
}

/// The kind of organisation a name suggests (see the module docs).
fn kind_of(name: &str) -> OrgKind {
    let n = name.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| n.contains(w));
    if n.starts_with("gemeente") {
        OrgKind::Gemeente
    } else if has(&["ggz", "psychiatr", "psyzorg"]) || GGZ_BRANDS.contains(&name) {
        OrgKind::Ggz
    } else if has(&["roc ", "college", "lyceum", "school", "scholengemeenschap"]) {
        OrgKind::School
    } else if has(&["jongerenwerk", "welzijn", "jongerencentrum"]) {
        OrgKind::Youthwork
    } else {
        OrgKind::Care
    }
}

fn theme_index(name: &str) -> Option<u8> {
    let n = name.trim().to_lowercase();
    THEMES.iter().position(|t| t.name == n).map(|i| i as u8)
}

/// Most draws of one request's role and themes over a pool that does not fit them, before they
/// are taken from an expert of the pool (see [`WeekModel::write_requests`]).
const REDRAWS: usize = 10;

impl WeekModel {
    /// A model over `places` (the region: requests are held at an organisation's place or a
    /// place within 25 km of it), `orgs` (each `place` an index into `places`), `experts`, and
    /// `past` assignments as (org index, expert index, role index) for preferred experts.
    pub fn new(
        places: Vec<PlaceWeight>,
        orgs: &[OrgSpec],
        experts: &[ExpertSpec],
        past: &[(usize, usize, u8)],
    ) -> Self {
        let orgs: Vec<Org> = orgs
            .iter()
            .map(|o| {
                let home = &places[o.place];
                let mut nearby = vec![o.place];
                let mut nearby_w = vec![home.population.max(1) as f64];
                for (i, p) in places.iter().enumerate() {
                    if i != o.place && haversine_km(home, p) <= 25.0 {
                        nearby.push(i);
                        nearby_w.push(p.population.max(1) as f64);
                    }
                }
                Org {
                    name: o.name.clone(),
                    kind: kind_of(&o.name),
                    place: o.place,
                    volume: o.volume.max(0.0),
                    nearby,
                    nearby_w,
                }
            })
            .collect();
        let model_experts = experts
            .iter()
            .map(|e| Expert {
                name: String::new(),
                roles: (0..4u8).filter(|&r| e.roles[r as usize]).collect(),
                certified: e.available,
                themes: e.themes.iter().filter_map(|t| theme_index(t)).collect(),
                avoid: e.avoid_themes.iter().find_map(|t| theme_index(t)),
                place: 0,
                max_travel: None,
                online: true,
                avail: 0,
                avail_star: false,
                max_assignments: None,
                load_budget: None,
                birth_year: 2000,
                languages: vec!["nl"],
                gender: None,
                excluded_org: None,
                active: e.available,
            })
            .collect();
        let mut org_experts = vec![Vec::new(); orgs.len()];
        for &(o, e, r) in past {
            if o < orgs.len() && e < experts.len() && !org_experts[o].contains(&(e, r)) {
                org_experts[o].push((e, r));
            }
        }
        WeekModel {
            places,
            orgs,
            experts: model_experts,
            ids: experts.iter().map(|e| e.id.clone()).collect(),
            org_experts,
        }
    }

    /// Whether some available expert of the pool takes `r`'s role and offers one of its themes
    /// without avoiding any (the first test of eligibility; places and slots are left to the
    /// batch).
    fn fits(&self, r: &crate::model::Request) -> bool {
        self.experts.iter().any(|e| {
            e.active
                && e.certified
                && e.roles.contains(&r.role)
                && r.themes.iter().any(|t| e.themes.contains(t))
                && e.avoid.is_none_or(|a| !r.themes.contains(&a))
        })
    }

    /// Writes `requests.csv` for one week: about `count` requests (±10%), ids
    /// `{id_prefix}R0001`.., drawn from `seed` alone. Returns the number of requests. A request
    /// whose role and themes no available expert of the pool takes is drawn again (the same
    /// organisation), up to 10 times; then it takes a role and a theme of an available expert
    /// drawn from the pool.
    ///
    /// # Errors
    ///
    /// Any error of the writer.
    pub fn write_requests<W: Write>(
        &self,
        seed: u64,
        count: usize,
        id_prefix: &str,
        out: W,
    ) -> io::Result<usize> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut wr = csv::Writer::from_writer(out);
        wr.write_record(REQUEST_COLUMNS)?;
        let Ok(org_ix) = WeightedIndex::new(self.orgs.iter().map(|o| o.volume)) else {
            wr.flush()?;
            return Ok(0);
        };
        let n = (count as f64 * rng.gen_range(0.9..1.1)).round() as usize;
        let params = GenParams::default();
        let inside = vec![true; self.places.len()];
        let mut g = Gen {
            rng: ChaCha8Rng::from_rng(&mut rng).map_err(io::Error::other)?,
            params: &params,
            places: &self.places,
            inside,
            place_index: None,
        };
        let w = n.to_string().len().max(4);
        let fitting = self.experts.iter().any(|e| {
            e.active
                && e.certified
                && !e.roles.is_empty()
                && e.themes.iter().any(|&t| e.avoid != Some(t))
        });
        for i in 0..n {
            let o = org_ix.sample(&mut rng);
            let mut r = g.request(o, &self.orgs, &self.experts, &self.org_experts);
            // Over a small or specialised pool, the organisation's role and themes are drawn
            // again until some available expert takes the role with one of the themes: a week
            // of requests nobody in the pool could ever fill says nothing about a policy. A pool
            // that fits the model everywhere (a generated one) draws exactly as before.
            if fitting {
                for _ in 0..REDRAWS {
                    if self.fits(&r) {
                        break;
                    }
                    r = g.request(o, &self.orgs, &self.experts, &self.org_experts);
                }
                if !self.fits(&r) {
                    // Still nothing: the role and a theme of an available expert of the pool.
                    let able: Vec<&Expert> = self
                        .experts
                        .iter()
                        .filter(|e| e.active && e.certified && !e.roles.is_empty())
                        .filter(|e| e.themes.iter().any(|t| e.avoid != Some(*t)))
                        .collect();
                    let e = able[rng.gen_range(0..able.len())];
                    r.role = e.roles[rng.gen_range(0..e.roles.len())];
                    let themes: Vec<u8> = e
                        .themes
                        .iter()
                        .copied()
                        .filter(|&t| e.avoid != Some(t))
                        .collect();
                    r.themes = vec![themes[rng.gen_range(0..themes.len())]];
                }
            }
            let st = Style::draw(&mut rng);
            let online = if r.online { "yes" } else { "no" };
            let id = |e: usize| self.ids[e].clone();
            wr.write_record([
                format!("{id_prefix}R{:0w$}", i + 1).as_str(),
                &self.orgs[r.org].name,
                st.role(r.role, &mut rng),
                &themes_cell(&st, &r.themes),
                r.place.map_or("", |p| self.places[p].name.as_str()),
                online,
                &opt(r.slot.map(|s| slot_code(s, false))),
                &r.experts_needed.to_string(),
                &opt(r.intensity),
                &r.priority.to_string(),
                r.language,
                &opt(r.client_age),
                &opt(r.gender_pref),
                &opt(r.preferred.map(id)),
                &st.join(r.pinned.iter().map(|&e| id(e))),
            ])?;
        }
        wr.flush()?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_generated_names() {
        assert_eq!(kind_of("Gemeente Zwolle"), OrgKind::Gemeente);
        assert_eq!(kind_of("GGZ Breda"), OrgKind::Ggz);
        assert_eq!(kind_of("Mindwijs Jeugd-GGZ"), OrgKind::Ggz);
        assert_eq!(kind_of("ROC Tilburg"), OrgKind::School);
        assert_eq!(kind_of("Christelijk Lyceum Rotterdam"), OrgKind::School);
        assert_eq!(kind_of("Jongerenwerk Delft"), OrgKind::Youthwork);
        assert_eq!(kind_of("Kompas Jeugdhulp"), OrgKind::Care);
    }

    #[test]
    fn same_seed_same_week() {
        let places = vec![
            PlaceWeight {
                name: "Utrecht".into(),
                lat: 52.09,
                lon: 5.12,
                population: 300_000,
            },
            PlaceWeight {
                name: "Zeist".into(),
                lat: 52.09,
                lon: 5.23,
                population: 60_000,
            },
        ];
        let orgs = [OrgSpec {
            name: "Gemeente Utrecht".into(),
            place: 0,
            volume: 1.0,
        }];
        let experts = [ExpertSpec {
            id: "E1".into(),
            roles: [true; 4],
            themes: vec!["pesten".into()],
            avoid_themes: vec![],
            available: true,
        }];
        let m = WeekModel::new(places, &orgs, &experts, &[(0, 0, 1)]);
        let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
        let n = m.write_requests(5, 40, "W1-", &mut a).unwrap();
        m.write_requests(5, 40, "W1-", &mut b).unwrap();
        m.write_requests(6, 40, "W1-", &mut c).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!((36..=44).contains(&n));
        let text = String::from_utf8(a).unwrap();
        assert_eq!(text.lines().count(), n + 1);
        assert!(text
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("W1-R0001,Gemeente Utrecht,"));
    }
}
