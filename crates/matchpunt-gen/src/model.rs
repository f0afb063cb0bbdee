//! The in-memory instance: organisations, experts, history and requests, drawn from one RNG stream.

use rand::distributions::{Distribution, WeightedIndex};
use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::vocab::{
    OrgKind, CARE_BRANDS, CARE_TEMPLATES, EXPERT_ROLE_WEIGHTS, EXPERT_SLOT_WEIGHTS, GGZ_BRANDS,
    GGZ_TEMPLATES, INITIALS, NAMES_F, NAMES_M, NAMES_X, REQUEST_SLOT_WEIGHTS, SCHOOL_TEMPLATES,
    THEMES, YOUTHWORK_TEMPLATES,
};
use crate::{GenParams, PlaceWeight, Shape};

/// Great-circle distance in km (haversine, Earth radius 6371 km), as in the contract.
pub(crate) fn haversine_km(a: &PlaceWeight, b: &PlaceWeight) -> f64 {
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = la2 - la1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// Index by weight with a linear scan (for short tables). Falls back to 0 when all weights are 0.
pub(crate) fn pick(rng: &mut ChaCha8Rng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return 0;
    }
    let mut x = rng.gen::<f64>() * total;
    for (i, &w) in weights.iter().enumerate() {
        if x < w {
            return i;
        }
        x -= w;
    }
    weights.iter().rposition(|&w| w > 0.0).unwrap_or(0)
}

/// `k` distinct indexes by weight, in ascending order.
fn pick_distinct(rng: &mut ChaCha8Rng, weights: &[f64], k: usize) -> Vec<u8> {
    let mut w = weights.to_vec();
    let mut out = Vec::with_capacity(k);
    for _ in 0..k.min(w.iter().filter(|&&x| x > 0.0).count()) {
        let i = pick(rng, &w);
        w[i] = 0.0;
        out.push(i as u8);
    }
    out.sort_unstable();
    out
}

/// `k` distinct themes; themes of a cluster already drawn are `cluster_boost` times as likely.
fn pick_themes(rng: &mut ChaCha8Rng, base: &[f64; 20], k: usize, cluster_boost: f64) -> Vec<u8> {
    let mut chosen: Vec<u8> = Vec::with_capacity(k);
    for _ in 0..k {
        let w: Vec<f64> = THEMES
            .iter()
            .enumerate()
            .map(|(i, t)| {
                if chosen.contains(&(i as u8)) {
                    0.0
                } else if chosen
                    .iter()
                    .any(|&c| THEMES[c as usize].cluster == t.cluster)
                {
                    base[i] * cluster_boost
                } else {
                    base[i]
                }
            })
            .collect();
        chosen.push(pick(rng, &w) as u8);
    }
    chosen
}

fn base_theme_weights() -> [f64; 20] {
    let mut w = [0.0; 20];
    for (i, t) in THEMES.iter().enumerate() {
        w[i] = t.weight;
    }
    w
}

/// A requesting organisation.
pub(crate) struct Org {
    pub name: String,
    pub kind: OrgKind,
    pub place: usize,
    /// Relative number of requests.
    pub volume: f64,
    /// Places within 25 km (the org's own place first), for requests held elsewhere in its region.
    pub nearby: Vec<usize>,
    pub nearby_w: Vec<f64>,
}

/// An expert by experience.
pub(crate) struct Expert {
    pub name: String,
    pub roles: Vec<u8>,
    pub certified: bool,
    pub themes: Vec<u8>,
    pub avoid: Option<u8>,
    pub place: usize,
    pub max_travel: Option<u32>,
    pub online: bool,
    /// Available slots as a bit set (bit `day * 3 + part`).
    pub avail: u32,
    /// Availability written as `*` (all 21 slots).
    pub avail_star: bool,
    pub max_assignments: Option<u8>,
    pub load_budget: Option<u8>,
    pub birth_year: i32,
    pub languages: Vec<&'static str>,
    pub gender: Option<char>,
    pub excluded_org: Option<usize>,
    pub active: bool,
}

impl Expert {
    fn has_role(&self, role: u8) -> bool {
        self.roles.contains(&role)
    }

    /// Could take on a request of this role and these themes (ignores place, slot and load).
    fn fits(&self, role: u8, themes: &[u8]) -> bool {
        self.active
            && self.certified
            && self.has_role(role)
            && themes.iter().any(|t| self.themes.contains(t))
            && !self.avoid.is_some_and(|a| themes.contains(&a))
    }
}

/// A request of an organisation for one role.
pub(crate) struct Request {
    pub org: usize,
    pub role: u8,
    pub themes: Vec<u8>,
    pub place: Option<usize>,
    pub online: bool,
    pub slot: Option<u8>,
    pub experts_needed: u8,
    pub intensity: Option<u8>,
    pub priority: u8,
    pub language: &'static str,
    pub client_age: Option<u8>,
    pub gender_pref: Option<char>,
    pub preferred: Option<usize>,
    pub pinned: Vec<usize>,
}

/// One past assignment.
pub(crate) struct HistoryRow {
    pub week: (i32, u32),
    pub expert: usize,
    pub org: usize,
    pub role: u8,
    pub intensity: u8,
    pub request: String,
    pub themes: Vec<u8>,
}

/// The whole generated instance.
pub(crate) struct Instance {
    pub orgs: Vec<Org>,
    pub experts: Vec<Expert>,
    pub requests: Vec<Request>,
    pub history: Vec<HistoryRow>,
}

/// Default-ish intensity of one seat: by role, heavier for heavy themes.
fn typical_intensity(rng: &mut ChaCha8Rng, role: u8, themes: &[u8]) -> u8 {
    let base: u8 = match role {
        0 => 2,
        2 => 2,
        _ => 1,
    };
    let heavy = themes.iter().any(|&t| THEMES[t as usize].heavy);
    let jitter = u8::from(rng.gen_bool(0.15));
    (base + u8::from(heavy) + jitter).min(3)
}

pub(crate) struct Gen<'a> {
    pub(crate) rng: ChaCha8Rng,
    pub(crate) params: &'a GenParams,
    pub(crate) places: &'a [PlaceWeight],
    /// Places of the pool's region.
    pub(crate) inside: Vec<bool>,
    pub(crate) place_index: Option<WeightedIndex<f64>>,
}

/// Population share of the country a pool of `experts` covers: small pools are regional (a
/// foundation serving one region), from 2,500 experts the pool is national.
fn region_share(experts: usize) -> f64 {
    (experts as f64 / 2500.0).clamp(0.12, 1.0)
}

/// The places of the pool's region: a centre drawn by population, then the nearest places until
/// the region holds [`region_share`] of the population. A bit set over `places`.
fn region(rng: &mut ChaCha8Rng, places: &[PlaceWeight], experts: usize) -> Vec<bool> {
    let pop = |p: &PlaceWeight| p.population.max(1) as f64;
    let total: f64 = places.iter().map(pop).sum();
    let share = region_share(experts);
    if share >= 1.0 || places.is_empty() {
        return vec![true; places.len()];
    }
    let weights: Vec<f64> = places.iter().map(pop).collect();
    let centre = &places[pick(rng, &weights)];
    let mut order: Vec<(f64, usize)> = places
        .iter()
        .enumerate()
        .map(|(i, p)| (haversine_km(centre, p), i))
        .collect();
    order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut inside = vec![false; places.len()];
    let mut covered = 0.0;
    for (n, &(_, i)) in order.iter().enumerate() {
        if covered >= share * total && n >= 5 {
            break;
        }
        inside[i] = true;
        covered += pop(&places[i]);
    }
    inside
}

pub(crate) fn build(
    params: &GenParams,
    shape: &Shape,
    places: &[PlaceWeight],
    mut rng: ChaCha8Rng,
) -> Instance {
    let inside = if shape.all_places {
        vec![true; places.len()]
    } else {
        region(&mut rng, places, params.experts)
    };
    let place_index = WeightedIndex::new(places.iter().zip(&inside).map(|(p, &r)| {
        if r {
            p.population.max(1) as f64
        } else {
            0.0
        }
    }))
    .ok();
    let mut g = Gen {
        rng,
        params,
        places,
        inside,
        place_index,
    };
    let orgs = if places.is_empty() {
        Vec::new()
    } else {
        g.orgs()
    };
    // Draw every request's organisation first: history and excluded_orgs only name orgs that
    // appear in requests.csv, so that an engine checking org references accepts them.
    let request_orgs: Vec<usize> = match WeightedIndex::new(orgs.iter().map(|o| o.volume)) {
        Ok(ix) => (0..params.requests)
            .map(|_| ix.sample(&mut g.rng))
            .collect(),
        Err(_) => Vec::new(),
    };
    let mut used = vec![false; orgs.len()];
    for &o in &request_orgs {
        used[o] = true;
    }
    let experts: Vec<Expert> = (0..params.experts)
        .map(|_| {
            // The usual values are drawn either way, so the rest of the instance stays the same.
            let mut e = g.expert(&orgs, &used);
            e.max_assignments = shape.max_assignments.or(e.max_assignments);
            e.load_budget = shape.load_budget.or(e.load_budget);
            e
        })
        .collect();
    let (history, org_experts) = g.history(&orgs, &used, &experts);
    let requests = request_orgs
        .into_iter()
        .map(|o| g.request(o, &orgs, &experts, &org_experts))
        .collect();
    Instance {
        orgs,
        experts,
        requests,
        history,
    }
}

impl Gen<'_> {
    fn place(&mut self) -> usize {
        self.place_index
            .as_ref()
            .map_or(0, |ix| ix.sample(&mut self.rng))
    }

    fn orgs(&mut self) -> Vec<Org> {
        let n = 40 + self.params.requests / 250;
        let kinds: Vec<f64> = OrgKind::ALL.iter().map(|k| k.1).collect();
        // Place names usable in an org name: no list separators (excluded_orgs is a list).
        let nameable: Vec<bool> = self
            .places
            .iter()
            .map(|p| !p.name.contains(['|', ';', ',']) && !p.name.trim().is_empty())
            .collect();
        let mut names: Vec<String> = Vec::with_capacity(n);
        let mut orgs = Vec::with_capacity(n);
        let mut attempts = 0;
        while orgs.len() < n && attempts < n * 50 {
            attempts += 1;
            let kind = OrgKind::ALL[pick(&mut self.rng, &kinds)].0;
            let mut place = self.place();
            if matches!(kind, OrgKind::Care | OrgKind::Ggz) {
                // Providers sit in bigger towns: draw twice, keep the bigger.
                let other = self.place();
                if self.places[other].population > self.places[place].population {
                    place = other;
                }
            }
            if kind == OrgKind::Gemeente {
                // A place right next to a bigger one is a district or village of that
                // municipality (Hoge Vucht, Breda): the municipality is the bigger place.
                let here = &self.places[place];
                let mut best = place;
                for (i, p) in self.places.iter().enumerate() {
                    if p.population > self.places[best].population && haversine_km(here, p) <= 3.5 {
                        best = i;
                    }
                }
                place = best;
            }
            let pname = self.places[place].name.trim();
            let templated = |templates: &[&str], rng: &mut ChaCha8Rng| {
                templates.choose(rng).unwrap().replace("{}", pname)
            };
            let name = match kind {
                OrgKind::Gemeente => format!("Gemeente {pname}"),
                OrgKind::Care if self.rng.gen_bool(0.5) => {
                    CARE_BRANDS.choose(&mut self.rng).unwrap().to_string()
                }
                OrgKind::Care => templated(&CARE_TEMPLATES, &mut self.rng),
                OrgKind::Ggz if self.rng.gen_bool(0.5) => {
                    GGZ_BRANDS.choose(&mut self.rng).unwrap().to_string()
                }
                OrgKind::Ggz => templated(&GGZ_TEMPLATES, &mut self.rng),
                OrgKind::School => templated(&SCHOOL_TEMPLATES, &mut self.rng),
                OrgKind::Youthwork => templated(&YOUTHWORK_TEMPLATES, &mut self.rng),
            };
            let uses_place = name.contains(pname);
            if (uses_place && !nameable[place]) || names.iter().any(|x| x == &name) {
                continue;
            }
            let volume = match kind {
                OrgKind::Care => 1.6,
                OrgKind::Ggz => 1.2,
                OrgKind::Gemeente => 0.8,
                OrgKind::School => 0.9,
                OrgKind::Youthwork => 0.7,
            } * self.rng.gen_range(0.4..1.6);
            let home = &self.places[place];
            let mut nearby = vec![place];
            let mut nearby_w = vec![home.population.max(1) as f64];
            for (i, p) in self.places.iter().enumerate() {
                if i != place && self.inside[i] && haversine_km(home, p) <= 25.0 {
                    nearby.push(i);
                    nearby_w.push(p.population.max(1) as f64);
                }
            }
            names.push(name.clone());
            orgs.push(Org {
                name,
                kind,
                place,
                volume,
                nearby,
                nearby_w,
            });
        }
        orgs
    }

    fn expert(&mut self, orgs: &[Org], used: &[bool]) -> Expert {
        let rng = &mut self.rng;
        let gender = match pick(rng, &[0.60, 0.32, 0.05, 0.03]) {
            0 => Some('f'),
            1 => Some('m'),
            2 => Some('x'),
            _ => None,
        };
        let list: &[&str] = match gender {
            Some('f') => &NAMES_F,
            Some('m') => &NAMES_M,
            Some(_) => &NAMES_X,
            None => [NAMES_F.as_slice(), &NAMES_M, &NAMES_X][pick(rng, &[0.5, 0.4, 0.1])],
        };
        let first = list.choose(rng).copied().unwrap_or("Sam");
        let initial = *INITIALS.choose(rng).unwrap() as char;
        let name = format!("{first} {initial}.");

        let n_roles = 1 + pick(rng, &[0.45, 0.38, 0.17]);
        let roles = pick_distinct(rng, &EXPERT_ROLE_WEIGHTS, n_roles);
        let certified = rng.gen_bool(0.90);
        let n_themes = 1 + pick(rng, &[0.25, 0.35, 0.25, 0.15]);
        let mut themes = pick_themes(rng, &base_theme_weights(), n_themes, 4.0);
        themes.sort_unstable();
        let avoid = if rng.gen_bool(0.20) {
            let own_heavy: Vec<u8> = themes
                .iter()
                .copied()
                .filter(|&t| THEMES[t as usize].heavy)
                .collect();
            if themes.len() >= 2 && !own_heavy.is_empty() && rng.gen_bool(0.6) {
                own_heavy.choose(rng).copied()
            } else {
                let others: Vec<u8> = (0..THEMES.len() as u8)
                    .filter(|t| !themes.contains(t) && THEMES[*t as usize].heavy)
                    .collect();
                others.choose(rng).copied()
            }
        } else {
            None
        };
        let max_travel = if rng.gen_bool(0.6) {
            None
        } else {
            let opts = [10, 15, 20, 30, 40, 50, 60];
            Some(opts[pick(rng, &[2.0, 3.0, 3.0, 3.0, 2.0, 1.0, 1.0])])
        };
        let online = rng.gen_bool(0.80);
        let (avail, avail_star) = match pick(rng, &[0.03, 0.02, 0.95]) {
            0 => (0, false),
            1 => ((1 << 21) - 1, true),
            _ => {
                let k = rng.gen_range(2..=10);
                let slots = pick_distinct(rng, &EXPERT_SLOT_WEIGHTS, k);
                (slots.iter().fold(0u32, |m, &s| m | (1 << s)), false)
            }
        };
        let max_assignments = rng
            .gen_bool(0.2)
            .then(|| 1 + pick(rng, &[3.0, 4.0, 2.0]) as u8);
        let load_budget = rng.gen_bool(0.18).then(|| rng.gen_range(2..=6));
        let birth_year = 1995
            + pick(
                rng,
                &[4., 5., 6., 7., 8., 9., 10., 10., 10., 9., 8., 6., 4.],
            ) as i32;
        let mut languages = Vec::with_capacity(3);
        if rng.gen_bool(0.99) {
            languages.push("nl");
        }
        if rng.gen_bool(0.30) || languages.is_empty() {
            languages.push("en");
        }
        for (code, p) in [("ar", 0.03), ("tr", 0.03), ("pl", 0.015), ("pap", 0.01)] {
            if rng.gen_bool(p) {
                languages.push(code);
            }
        }
        let active = rng.gen_bool(0.92);
        let place = self.place();
        // ~15% name their former care provider, most likely one near home.
        let excluded_org = if self.rng.gen_bool(0.15) {
            let home = &self.places[place];
            let w: Vec<f64> = orgs
                .iter()
                .zip(used)
                .map(|(o, &u)| {
                    if u && matches!(o.kind, OrgKind::Care | OrgKind::Ggz) {
                        let d = haversine_km(home, &self.places[o.place]);
                        1.0 / (1.0 + d / 20.0).powi(2)
                    } else {
                        0.0
                    }
                })
                .collect();
            w.iter().any(|&x| x > 0.0).then(|| pick(&mut self.rng, &w))
        } else {
            None
        };
        Expert {
            name,
            roles,
            certified,
            themes,
            avoid,
            place,
            max_travel,
            online,
            avail,
            avail_star,
            max_assignments,
            load_budget,
            birth_year,
            languages,
            gender,
            excluded_org,
            active,
        }
    }

    /// Draws a request's role and themes for an organisation.
    fn role_and_themes(&mut self, org: &Org) -> (u8, Vec<u8>) {
        let role = pick(&mut self.rng, &org.kind.role_weights()) as u8;
        let mut base = base_theme_weights();
        for &t in org.kind.boosted_themes() {
            base[t as usize] *= 3.0;
        }
        let k = if self.rng.gen_bool(0.6) { 1 } else { 2 };
        let mut themes = pick_themes(&mut self.rng, &base, k, 3.0);
        themes.sort_unstable();
        (role, themes)
    }

    /// Past weeks' assignments. Returns the rows (oldest week first) and, per org, the
    /// (expert, role) pairs that worked there.
    fn history(
        &mut self,
        orgs: &[Org],
        used: &[bool],
        experts: &[Expert],
    ) -> (Vec<HistoryRow>, Vec<Vec<(usize, u8)>>) {
        let mut org_experts: Vec<Vec<(usize, u8)>> = vec![Vec::new(); orgs.len()];
        let mut rows = Vec::new();
        let org_w: Vec<f64> = orgs
            .iter()
            .zip(used)
            .map(|(o, &u)| if u { o.volume } else { 0.0 })
            .collect();
        let Ok(org_ix) = WeightedIndex::new(&org_w) else {
            return (rows, org_experts);
        };
        let mut pools: [Vec<usize>; 4] = Default::default();
        for (i, e) in experts.iter().enumerate() {
            if e.active && e.certified && e.avail != 0 {
                for &r in &e.roles {
                    pools[r as usize].push(i);
                }
            }
        }
        let mut weeks = Vec::new();
        let mut w = self.params.week;
        for _ in 0..self.params.history_weeks {
            w = crate::week::previous_iso_week(w);
            weeks.push(w);
        }
        weeks.reverse();
        let mut load = vec![0u8; experts.len()];
        for week in weeks {
            load.iter_mut().for_each(|l| *l = 0);
            let target = self.params.requests as f64 * 0.7 * self.rng.gen_range(0.9..1.1);
            let wk = crate::week::format_iso_week(week);
            for n in 0..target.round() as usize {
                let org = org_ix.sample(&mut self.rng);
                let (role, themes) = self.role_and_themes(&orgs[org]);
                let pool = &pools[role as usize];
                if pool.is_empty() {
                    continue;
                }
                let mut chosen = None;
                // Continuity: a third of the time, someone who worked for this org before.
                if self.rng.gen_bool(0.35) {
                    let prev: Vec<usize> = org_experts[org]
                        .iter()
                        .filter(|&&(e, r)| r == role && load[e] < 3)
                        .map(|&(e, _)| e)
                        .collect();
                    chosen = prev.choose(&mut self.rng).copied();
                }
                if chosen.is_none() {
                    let home = &self.places[orgs[org].place];
                    let mut fallback = None;
                    for _ in 0..40 {
                        let e = pool[self.rng.gen_range(0..pool.len())];
                        let ex = &experts[e];
                        if load[e] >= 3 || !ex.fits(role, &themes) {
                            continue;
                        }
                        let reach = f64::from(ex.max_travel.unwrap_or(25));
                        if ex.online || haversine_km(home, &self.places[ex.place]) <= reach {
                            chosen = Some(e);
                            break;
                        }
                        fallback.get_or_insert(e);
                    }
                    chosen = chosen.or(fallback);
                }
                let Some(e) = chosen else { continue };
                load[e] += 1;
                if !org_experts[org].contains(&(e, role)) {
                    org_experts[org].push((e, role));
                }
                let ex = &experts[e];
                let shared: Vec<u8> = themes
                    .iter()
                    .copied()
                    .filter(|t| ex.themes.contains(t))
                    .collect();
                let intensity = typical_intensity(&mut self.rng, role, &themes);
                rows.push(HistoryRow {
                    week,
                    expert: e,
                    org,
                    role,
                    intensity,
                    request: format!("{wk}-R{:05}", n + 1),
                    themes: if shared.is_empty() { themes } else { shared },
                });
            }
        }
        (rows, org_experts)
    }

    pub(crate) fn request(
        &mut self,
        org: usize,
        orgs: &[Org],
        experts: &[Expert],
        org_experts: &[Vec<(usize, u8)>],
    ) -> Request {
        let o = &orgs[org];
        let (role, themes) = self.role_and_themes(o);
        let rng = &mut self.rng;
        let online = rng.gen_bool([0.18, 0.40, 0.25, 0.28][role as usize]);
        let place = if online {
            rng.gen_bool(0.4).then_some(o.place)
        } else if rng.gen_bool(0.8) {
            Some(o.place)
        } else {
            Some(o.nearby[pick(rng, &o.nearby_w)])
        };
        let slot = rng
            .gen_bool(0.7)
            .then(|| pick(rng, &REQUEST_SLOT_WEIGHTS[role as usize]) as u8);
        let experts_needed = match role {
            0 => 1,
            1 => 1 + u8::from(rng.gen_bool(0.08)),
            _ => 1 + pick(rng, &[0.70, 0.22, 0.08]) as u8,
        };
        let intensity = rng.gen_bool(0.15).then(|| rng.gen_range(1..=3));
        let priority = 1 + pick(rng, &[0.20, 0.65, 0.15]) as u8;
        let language =
            ["nl", "en", "ar", "tr", "pl"][pick(rng, &[0.95, 0.035, 0.005, 0.005, 0.005])];
        let client_age = (role == 0 && rng.gen_bool(0.8))
            .then(|| 12 + pick(rng, &[3., 5., 8., 10., 10., 9., 7., 5., 4., 3., 2., 2.]) as u8);
        let gender_pref = rng
            .gen_bool(0.10)
            .then(|| ['f', 'm', 'x'][pick(rng, &[0.70, 0.27, 0.03])]);
        let preferred = if !experts.is_empty() && rng.gen_bool(0.05) {
            let same_role: Vec<usize> = org_experts[org]
                .iter()
                .filter(|&&(_, r)| r == role)
                .map(|&(e, _)| e)
                .collect();
            let any: Vec<usize> = org_experts[org].iter().map(|&(e, _)| e).collect();
            same_role
                .choose(rng)
                .or_else(|| any.choose(rng))
                .copied()
                .or_else(|| {
                    // No history with this org: someone with the role, if any.
                    (0..40)
                        .map(|_| rng.gen_range(0..experts.len()))
                        .find(|&e| experts[e].has_role(role))
                })
        } else {
            None
        };
        let mut pinned = Vec::new();
        if !experts.is_empty() && rng.gen_bool(0.03) {
            let n = if experts_needed >= 2 && rng.gen_bool(0.3) {
                2
            } else {
                1
            };
            for _ in 0..n {
                let plausible = rng.gen_bool(0.85);
                let mut pick_e = None;
                for _ in 0..200 {
                    let e = rng.gen_range(0..experts.len());
                    if pinned.contains(&e) {
                        continue;
                    }
                    if !plausible || experts[e].fits(role, &themes) {
                        pick_e = Some(e);
                        break;
                    }
                }
                pinned.extend(pick_e);
            }
        }
        Request {
            org,
            role,
            themes,
            place,
            online,
            slot,
            experts_needed,
            intensity,
            priority,
            language,
            client_age,
            gender_pref,
            preferred,
            pinned,
        }
    }
}
