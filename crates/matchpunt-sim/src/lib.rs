//! Rolling simulations of matchpunt policies: the weeks to simulate, and their reports.
//!
//! The simulation itself (history feedback, declines, metrics, starvation) is
//! [`matchpunt::analysis::simulate`], in the core library. This crate makes its inputs, which need the
//! generator at run time: the core may use `matchpunt-gen` only in its tests, so the driver that
//! draws weekly requests from it lives here, depending on both.
//!
//! - [`generated`]: each week's requests drawn by [`matchpunt_gen::WeekModel`] over the
//!   organisations, places and experts of the starting batch, from the seed alone.
//! - [`replayed`]: a folder of real weekly request files, one per week.
//!
//! Both add the same churn ([`Churn`]): experts leave and join at set rates and take a week off
//! now and then, drawn from the seed, so every policy sees the same weeks. The reports are
//! [`report`] (CSV) and [`html`] (the self-contained `report.html`).

pub mod html;
pub mod report;

use matchpunt::analysis::simulate::{past_rows, Joiner, PastRow, Roster, WeekInput};
use matchpunt::model::places::Places;
use matchpunt::model::{Instance, Role, Week};
use matchpunt_gen::{ExpertSpec, OrgSpec, PlaceWeight, WeekModel};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::{HashMap, HashSet};

/// How the pool changes from week to week. Rates are per week.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Churn {
    /// Chance that an expert leaves for good in a week.
    pub leave_rate: f64,
    /// Newcomers per week, as a share of the starting pool (0.01 with 120 experts: 1.2 a week).
    pub join_rate: f64,
    /// Chance that an expert takes a week off.
    pub off_rate: f64,
}

impl Default for Churn {
    fn default() -> Self {
        Churn {
            leave_rate: 0.01,
            join_rate: 0.01,
            off_rate: 0.05,
        }
    }
}

/// What to simulate.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    /// Number of weeks.
    pub weeks: usize,
    /// Seed of everything drawn (requests, churn, declines).
    pub seed: u64,
    /// Requests per generated week (about: ±10%).
    pub requests_per_week: usize,
    /// Churn of the pool.
    pub churn: Churn,
}

/// The inputs of a simulation: the pool, the weeks and the starting history.
#[derive(Clone, Debug)]
pub struct World {
    /// The experts file and the newcomers.
    pub roster: Roster,
    /// Week by week.
    pub weeks: Vec<WeekInput>,
    /// The starting history.
    pub history: Vec<PastRow>,
}

fn mix(seed: u64, stream: u64) -> u64 {
    let mut z = seed ^ stream.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The first week simulated: the starting batch's week.
fn first_week(base: &Instance) -> Week {
    base.week.unwrap_or(Week {
        year: 2026,
        week: 1,
    })
}

/// Draws who leaves, joins and takes a week off, week by week; returns the joiners and, per
/// week, (joined so far, away indexes).
fn churn(base: &Instance, params: &Params) -> (Vec<Joiner>, Vec<(usize, Vec<usize>)>) {
    let mut rng = ChaCha8Rng::seed_from_u64(mix(params.seed, 1));
    let n = base.experts.len();
    let ids: HashSet<&str> = base.experts.iter().map(|e| e.id.as_str()).collect();
    let profiles: Vec<usize> = (0..n).filter(|&i| base.experts[i].active).collect();
    let mut left: Vec<bool> = vec![false; n];
    let mut joiners: Vec<Joiner> = Vec::new();
    let mut out = Vec::with_capacity(params.weeks);
    let mut next_id = 1usize;
    for _ in 0..params.weeks {
        let expected = params.churn.join_rate.max(0.0) * n as f64;
        let mut k = expected.floor() as usize;
        if rng.gen_bool((expected - expected.floor()).clamp(0.0, 1.0)) {
            k += 1;
        }
        if !profiles.is_empty() {
            for _ in 0..k {
                let mut id = format!("N{next_id:04}");
                while ids.contains(id.as_str()) {
                    next_id += 1;
                    id = format!("N{next_id:04}");
                }
                next_id += 1;
                joiners.push(Joiner {
                    id,
                    profile: profiles[rng.gen_range(0..profiles.len())],
                });
                left.push(false);
            }
        }
        let mut away = Vec::new();
        for (i, gone) in left.iter_mut().enumerate() {
            if !*gone && rng.gen_bool(params.churn.leave_rate.clamp(0.0, 1.0)) {
                *gone = true;
            }
            if *gone || rng.gen_bool(params.churn.off_rate.clamp(0.0, 1.0)) {
                away.push(i);
            }
        }
        out.push((joiners.len(), away));
    }
    (joiners, out)
}

/// The region of the world: the table's towns within 25 km of an organisation's place or an
/// expert's home, as generator places, with the index of each table place in it.
fn region(base: &Instance, places: &Places, centres: &[usize]) -> (Vec<PlaceWeight>, Vec<usize>) {
    let all = places.all();
    let mut homes: Vec<_> = base.experts.iter().map(|e| e.location).collect();
    homes.extend(centres.iter().map(|&i| all[i].location));
    let mut out = Vec::new();
    let mut index = vec![usize::MAX; all.len()];
    for (i, p) in all.iter().enumerate() {
        let wanted = centres.contains(&i)
            || (!p.is_municipality && homes.iter().any(|h| h.distance_km(p.location) <= 25.0));
        if wanted {
            index[i] = out.len();
            out.push(PlaceWeight {
                name: p.name.clone(),
                lat: p.location.lat,
                lon: p.location.lon,
                population: p.population,
            });
        }
    }
    (out, index)
}

/// The table place an organisation is at: where most of its on-site requests are, else a place
/// named at the end of its name (`GGZ Breda`), else the place nearest the experts' centre.
fn org_place(base: &Instance, places: &Places, org: u32) -> usize {
    let all = places.all();
    let idx = |name: &str| {
        places
            .get(name)
            .and_then(|p| all.iter().position(|q| std::ptr::eq(q, p)))
    };
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for r in base.requests.iter().filter(|r| r.org == org && !r.online) {
        if let Some(i) = idx(&r.place) {
            *counts.entry(i).or_default() += 1;
        }
    }
    if let Some((&i, _)) = counts
        .iter()
        .max_by_key(|(&i, &c)| (c, std::cmp::Reverse(i)))
    {
        return i;
    }
    let words: Vec<&str> = base.orgs.name(org).split_whitespace().collect();
    for k in (1..=words.len().min(3)).rev() {
        if let Some(i) = idx(&words[words.len() - k..].join(" ")) {
            return i;
        }
    }
    let n = base.experts.len().max(1) as f64;
    let (lat, lon) = base.experts.iter().fold((0.0, 0.0), |(a, b), e| {
        (a + e.location.lat / n, b + e.location.lon / n)
    });
    let centre = matchpunt::model::LatLon { lat, lon };
    (0..all.len())
        .filter(|&i| !all[i].is_municipality)
        .min_by(|&a, &b| {
            all[a]
                .location
                .distance_km(centre)
                .total_cmp(&all[b].location.distance_km(centre))
        })
        .unwrap_or(0)
}

/// The request model over the starting batch's world.
pub fn week_model(base: &Instance, places: &Places) -> WeekModel {
    let mut volume: HashMap<u32, f64> = HashMap::new();
    for r in &base.requests {
        *volume.entry(r.org).or_default() += 1.0;
    }
    for h in &base.history {
        *volume.entry(h.org).or_default() += 1.0;
    }
    let mut orgs: Vec<u32> = volume.keys().copied().collect();
    orgs.sort_unstable();
    let homes: Vec<usize> = orgs.iter().map(|&o| org_place(base, places, o)).collect();
    let (region, index) = region(base, places, &homes);
    let specs: Vec<OrgSpec> = orgs
        .iter()
        .zip(&homes)
        .map(|(&o, &h)| OrgSpec {
            name: base.orgs.name(o).to_string(),
            place: index[h],
            volume: volume[&o],
        })
        .collect();
    let experts: Vec<ExpertSpec> = base
        .experts
        .iter()
        .map(|e| ExpertSpec {
            id: e.id.clone(),
            roles: Role::ALL.map(|r| e.roles.contains(r)),
            themes: e
                .themes
                .iter()
                .map(|&t| base.themes.name(t).to_string())
                .collect(),
            avoid_themes: e
                .avoid_themes
                .iter()
                .map(|&t| base.themes.name(t).to_string())
                .collect(),
            // An expert who avoids every theme now (`alles`) is deployed on no request.
            available: e.active && e.certified && !e.avoid_all,
        })
        .collect();
    let org_pos: HashMap<u32, usize> = orgs.iter().enumerate().map(|(i, &o)| (o, i)).collect();
    let past: Vec<(usize, usize, u8)> = base
        .history
        .iter()
        .map(|h| (org_pos[&h.org], h.expert, h.role.index() as u8))
        .collect();
    WeekModel::new(region, &specs, &experts, &past)
}

/// A world whose weekly requests are drawn by the generator over the starting batch `base`
/// (read from the experts file `experts`, named `experts_name`).
pub fn generated(
    base: &Instance,
    experts_name: &str,
    experts: Vec<u8>,
    places: &Places,
    params: &Params,
) -> World {
    let model = week_model(base, places);
    let start = first_week(base);
    let (joiners, churned) = churn(base, params);
    let weeks = churned
        .into_iter()
        .enumerate()
        .map(|(k, (joined, away))| {
            let week = start.plus(k as i64);
            let mut requests = Vec::new();
            model
                .write_requests(
                    mix(params.seed, 1000 + k as u64),
                    params.requests_per_week,
                    &format!("{week}-"),
                    &mut requests,
                )
                .expect("writing to memory cannot fail");
            WeekInput {
                week,
                requests_name: format!("requests of {week} (generated)"),
                requests,
                joined,
                away,
            }
        })
        .collect();
    world(base, experts_name, experts, joiners, weeks)
}

/// The world of `weeks` with the roster of `experts` and `joiners`, and `base`'s history.
fn world(
    base: &Instance,
    experts_name: &str,
    experts: Vec<u8>,
    joiners: Vec<Joiner>,
    weeks: Vec<WeekInput>,
) -> World {
    World {
        roster: Roster {
            experts_name: experts_name.to_string(),
            experts,
            joiners,
        },
        weeks,
        history: past_rows(base),
    }
}

/// A world that replays `files` (name, bytes), one a week in the order given. A file named
/// after an ISO week (`2026-W49.csv`) is that week's batch; otherwise the weeks follow the
/// starting batch's week.
pub fn replayed(
    base: &Instance,
    experts_name: &str,
    experts: Vec<u8>,
    files: Vec<(String, Vec<u8>)>,
    params: &Params,
) -> World {
    let start = first_week(base);
    let params = Params {
        weeks: files.len(),
        ..params.clone()
    };
    let (joiners, churned) = churn(base, &params);
    let weeks = files
        .into_iter()
        .zip(churned)
        .enumerate()
        .map(|(k, ((name, bytes), (joined, away)))| {
            let stem = std::path::Path::new(&name)
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(Week::parse);
            WeekInput {
                week: stem.unwrap_or_else(|| start.plus(k as i64)),
                requests_name: name,
                requests: bytes,
                joined,
                away,
            }
        })
        .collect();
    world(base, experts_name, experts, joiners, weeks)
}
