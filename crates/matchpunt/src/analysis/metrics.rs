//! Metrics of one batch's outcome, for analysts comparing policies.
//!
//! Every metric is a plain function of the batch (its requests and experts), the assignment and
//! the scored pairs; nothing here reads a file. The definitions, with `F` the filled seats (the
//! assignments), `A` the active experts (`active = yes`) and `U ⊆ A` the experts with at least one
//! assignment:
//!
//! | metric | formula |
//! |---|---|
//! | seats asked, filled | `Σ_r experts_needed(r)`, `|F|` |
//! | fill rate | `filled / asked` (also per role, per priority and per province of the request's place; online requests count under `online`) |
//! | mean score | `Σ_{f ∈ F} score(f) / |F|`, the policy's score in points (0 when nothing is filled) |
//! | travel km mean, p90 | mean and 90th percentile of `distance_km(f)` over the on-site seats of `F` |
//! | load share mean, p90, max | over `U`: `load_used(e) / load_budget(e)` (0 when the budget is 0) |
//! | Gini | over `A`, with `x_i` the assignments of the i-th expert in ascending order (i = 1..n): `G = Σ_i (2i − n − 1)·x_i / (n · Σ_i x_i)`; 0 = everyone the same, towards 1 = a few hold everything; 0 when nothing is assigned |
//! | share used | `|U| / |A|` |
//! | continuity rate | share of `F` whose continuity part is above 0 (the preferred expert, or one who worked for the organisation before) |
//! | heavy seats per expert mean, max | over `U`: the number of seats on a request with a heavy theme (the policy's `heavy_themes`) |
//! | pins honoured | pinned pairs assigned / pinned pairs asked (1 when none are asked) |
//!
//! Percentiles are by nearest rank: the p-th percentile of `n` sorted values `v_1 ≤ … ≤ v_n` is
//! `v_k` with `k = ⌈p/100 · n⌉` (0 for no values). So p90 of ten values is the 9th smallest.

use crate::batch::{Assignment, BatchResult};
use crate::ingest::Warning;
use crate::messages::Msg;
use crate::model::places::Places;
use crate::model::{Instance, Role};
use crate::policy::Policy;
use crate::scoring::Scored;

/// Seats asked and filled in one group (a role, a priority, a province).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fill {
    /// Seats asked (`experts_needed` summed).
    pub asked: u32,
    /// Seats filled.
    pub filled: u32,
}

impl Fill {
    /// `filled / asked`, 0 when nothing is asked.
    pub fn rate(self) -> f64 {
        ratio(self.filled as f64, self.asked as f64)
    }
}

/// The metrics of one batch outcome; see the module docs for each formula.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metrics {
    /// All seats.
    pub seats: Fill,
    /// By role, in [`Role::ALL`] order.
    pub by_role: [Fill; 4],
    /// By priority 1 (low), 2 (normal), 3 (urgent).
    pub by_priority: [Fill; 3],
    /// By province of the request's place, sorted by name; online requests under `online`.
    pub by_province: Vec<(String, Fill)>,
    /// Mean score of the filled seats, in points.
    pub mean_score: f64,
    /// Mean travel distance of the on-site filled seats, km.
    pub travel_km_mean: f64,
    /// 90th percentile of the travel distance of the on-site filled seats, km.
    pub travel_km_p90: f64,
    /// Mean load used as a share of the budget, over the experts with an assignment.
    pub load_share_mean: f64,
    /// 90th percentile of the load share, over the experts with an assignment.
    pub load_share_p90: f64,
    /// Highest load share.
    pub load_share_max: f64,
    /// Gini coefficient of the assignment counts over the active experts.
    pub gini: f64,
    /// Active experts.
    pub experts_active: u32,
    /// Active experts with at least one assignment.
    pub experts_used: u32,
    /// Share of the filled seats with continuity.
    pub continuity_rate: f64,
    /// Mean number of heavy-theme seats per expert with an assignment.
    pub heavy_per_expert_mean: f64,
    /// Most heavy-theme seats held by one expert.
    pub heavy_per_expert_max: u32,
    /// Pinned pairs asked.
    pub pins_asked: u32,
    /// Pinned pairs assigned.
    pub pins_kept: u32,
}

/// One named number of a [`Metrics`], for tables, CSV files and charts.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Stable name (`fill_rate`, `fill_rate.buddy`, `fill_rate.province.Utrecht`).
    pub name: String,
    /// The value; rates and shares are fractions from 0 to 1.
    pub value: f64,
    /// Whether higher is better (for reading a difference), `None` when neither is.
    pub higher_is_better: Option<bool>,
    /// Whether the value is a share, best shown as a percentage.
    pub share: bool,
}

impl Metrics {
    /// Share of active experts with an assignment.
    pub fn share_used(&self) -> f64 {
        ratio(self.experts_used as f64, self.experts_active as f64)
    }

    /// Pinned pairs assigned / asked (1 when none are asked).
    pub fn pins_honoured(&self) -> f64 {
        if self.pins_asked == 0 {
            1.0
        } else {
            self.pins_kept as f64 / self.pins_asked as f64
        }
    }

    /// Every metric as a named number, in a fixed order: the headline numbers first, then fill
    /// by role, by priority and by province.
    pub fn rows(&self) -> Vec<Row> {
        let row = |name: &str, value: f64, better: Option<bool>| Row {
            name: name.to_string(),
            value,
            higher_is_better: better,
            share: name.starts_with("fill_rate")
                || name.starts_with("load_share")
                || matches!(name, "share_used" | "continuity_rate" | "pins_honoured"),
        };
        let mut out = vec![
            row("seats_asked", self.seats.asked as f64, None),
            row("seats_filled", self.seats.filled as f64, Some(true)),
            row("fill_rate", self.seats.rate(), Some(true)),
            row("mean_score", self.mean_score, Some(true)),
            row("travel_km_mean", self.travel_km_mean, Some(false)),
            row("travel_km_p90", self.travel_km_p90, Some(false)),
            row("load_share_mean", self.load_share_mean, Some(false)),
            row("load_share_p90", self.load_share_p90, Some(false)),
            row("load_share_max", self.load_share_max, Some(false)),
            row("gini", self.gini, Some(false)),
            row("share_used", self.share_used(), Some(true)),
            row("continuity_rate", self.continuity_rate, Some(true)),
            row(
                "heavy_per_expert_mean",
                self.heavy_per_expert_mean,
                Some(false),
            ),
            row(
                "heavy_per_expert_max",
                self.heavy_per_expert_max as f64,
                Some(false),
            ),
            row("pins_honoured", self.pins_honoured(), Some(true)),
        ];
        for role in Role::ALL {
            out.push(row(
                &format!("fill_rate.{role}"),
                self.by_role[role.index()].rate(),
                Some(true),
            ));
        }
        for (i, name) in ["low", "normal", "urgent"].iter().enumerate() {
            out.push(row(
                &format!("fill_rate.priority_{name}"),
                self.by_priority[i].rate(),
                Some(true),
            ));
        }
        for (p, f) in &self.by_province {
            out.push(row(
                &format!("fill_rate.province.{p}"),
                f.rate(),
                Some(true),
            ));
        }
        out
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        0.0
    } else {
        a / b
    }
}

/// The `p`-th percentile (0-100) of `values` by nearest rank; 0 for no values. Sorts `values`.
pub fn percentile(values: &mut [f64], p: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let k = ((p / 100.0) * values.len() as f64).ceil() as usize;
    values[k.clamp(1, values.len()) - 1]
}

/// The Gini coefficient of non-negative `counts` (see the module docs); 0 when all are 0.
pub fn gini(counts: &[u32]) -> f64 {
    let n = counts.len();
    let total: u64 = counts.iter().map(|&c| c as u64).sum();
    if n == 0 || total == 0 {
        return 0.0;
    }
    let mut sorted = counts.to_vec();
    sorted.sort_unstable();
    let num: i64 = sorted
        .iter()
        .enumerate()
        .map(|(i, &x)| (2 * (i as i64 + 1) - n as i64 - 1) * x as i64)
        .sum();
    num as f64 / (n as f64 * total as f64)
}

/// The province of each request's place (`online` for online requests, `unknown` for a place
/// the table does not know), for [`Metrics::by_province`]. A request given by coordinates gets
/// the province of the nearest place in the table.
pub fn request_provinces(inst: &Instance, places: &Places) -> Vec<String> {
    inst.requests
        .iter()
        .map(|r| {
            if r.online {
                return "online".to_string();
            }
            if let Some(p) = places.get(&r.place) {
                return p.province.clone();
            }
            let Some(loc) = r.location else {
                return "unknown".to_string();
            };
            places
                .all()
                .iter()
                .filter(|p| !p.province.is_empty())
                .min_by(|a, b| {
                    a.location
                        .distance_km(loc)
                        .total_cmp(&b.location.distance_km(loc))
                })
                .map_or_else(|| "unknown".to_string(), |p| p.province.clone())
        })
        .collect()
}

/// The metrics of a batch result (its assignments as they stand: a caller may have removed
/// declined ones). `provinces` is [`request_provinces`] of the same batch.
pub fn compute(
    inst: &Instance,
    policy: &Policy,
    res: &BatchResult,
    provinces: &[String],
) -> Metrics {
    of_assignments(inst, policy, &res.scored, &res.assignments, provinces)
}

/// The metrics of `assignments` (each naming its pair in `scored`).
pub fn of_assignments(
    inst: &Instance,
    policy: &Policy,
    scored: &[Scored],
    assignments: &[Assignment],
    provinces: &[String],
) -> Metrics {
    let mut m = Metrics::default();
    let heavy: Vec<u32> = policy
        .intensity
        .heavy_themes
        .iter()
        .filter_map(|h| inst.themes.get(h))
        .collect();
    let is_heavy: Vec<bool> = inst
        .requests
        .iter()
        .map(|r| r.themes.iter().any(|t| heavy.contains(t)))
        .collect();

    let mut provinces_fill: std::collections::BTreeMap<&str, Fill> = Default::default();
    for (ri, r) in inst.requests.iter().enumerate() {
        m.seats.asked += r.experts_needed;
        m.by_role[r.role.index()].asked += r.experts_needed;
        m.by_priority[priority_index(r.priority)].asked += r.experts_needed;
        provinces_fill
            .entry(provinces[ri].as_str())
            .or_default()
            .asked += r.experts_needed;
        m.pins_asked += r.pinned.len() as u32;
    }

    let n = inst.experts.len();
    let (mut count, mut load, mut heavy_seats) = (vec![0u32; n], vec![0u32; n], vec![0u32; n]);
    let (mut score_sum, mut continuity) = (0.0, 0u32);
    let mut km = Vec::new();
    for a in assignments {
        let r = &inst.requests[a.request];
        let s = &scored[a.scored];
        m.seats.filled += 1;
        m.by_role[r.role.index()].filled += 1;
        m.by_priority[priority_index(r.priority)].filled += 1;
        provinces_fill
            .entry(provinces[a.request].as_str())
            .or_default()
            .filled += 1;
        score_sum += s.score;
        if s.parts.continuity > 0.0 {
            continuity += 1;
        }
        if let Some(d) = s.distance_km {
            km.push(d);
        }
        count[a.expert] += 1;
        load[a.expert] += r.intensity;
        heavy_seats[a.expert] += u32::from(is_heavy[a.request]);
        m.pins_kept += u32::from(a.pinned);
    }
    m.by_province = provinces_fill
        .into_iter()
        .map(|(p, f)| (p.to_string(), f))
        .collect();
    let filled = m.seats.filled as f64;
    m.mean_score = ratio(score_sum, filled);
    m.continuity_rate = ratio(continuity as f64, filled);
    m.travel_km_mean = ratio(km.iter().sum(), km.len() as f64);
    m.travel_km_p90 = percentile(&mut km, 90.0);

    let used: Vec<usize> = (0..n).filter(|&e| count[e] > 0).collect();
    let mut shares: Vec<f64> = used
        .iter()
        .map(|&e| ratio(load[e] as f64, inst.experts[e].load_budget as f64))
        .collect();
    m.load_share_mean = ratio(shares.iter().sum(), shares.len() as f64);
    m.load_share_max = shares.iter().copied().fold(0.0, f64::max);
    m.load_share_p90 = percentile(&mut shares, 90.0);
    m.heavy_per_expert_mean = ratio(
        used.iter().map(|&e| heavy_seats[e] as f64).sum(),
        used.len() as f64,
    );
    m.heavy_per_expert_max = heavy_seats.iter().copied().max().unwrap_or(0);

    let active: Vec<u32> = (0..n)
        .filter(|&e| inst.experts[e].active)
        .map(|e| count[e])
        .collect();
    m.experts_active = active.len() as u32;
    m.experts_used = active.iter().filter(|&&c| c > 0).count() as u32;
    m.gini = gini(&active);
    m
}

fn priority_index(p: u8) -> usize {
    (p.clamp(1, 3) - 1) as usize
}

/// Reads an assignments file (any CSV with `request` and `expert` columns, such as the
/// `assignments.csv` that `run` writes, or a coordinator's own) against the batch, for
/// [`of_assignments`]. `scored` are the batch's scored eligible pairs, sorted by (request,
/// expert). A pair is pinned when its request pins the expert. The file is read by
/// [`crate::ingest::assignments::read_pair_rows`] (any encoding the batch's files may have, Dutch
/// headers), and ids are compared as experts.csv and requests.csv compare them.
///
/// Returns the assignments, sorted by (request, expert), and warnings for the batch limits the
/// file breaks (rules 8-10: one assignment per slot, max assignments, load budget, seats), each
/// in both languages ([`Warning::render`]).
///
/// # Errors
///
/// Every row that names an unknown request or expert, a pair twice, or a pair that breaks one of
/// rules 1-8 (with the rules' codes), as `name:line: ...` lines; at most 50 are listed.
pub fn assignments_from_csv<R: std::io::Read>(
    inst: &Instance,
    policy: &Policy,
    scored: &[Scored],
    reader: R,
    name: &str,
) -> Result<(Vec<Assignment>, Vec<Warning>), AssignmentsError> {
    read_assignments(inst, policy, scored, reader, name).map_err(AssignmentsError)
}

/// An assignments file that cannot be measured, in words in both languages (see
/// [`assignments_from_csv`]); `Display` is English.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct AssignmentsError(pub Warning);

fn read_assignments<R: std::io::Read>(
    inst: &Instance,
    policy: &Policy,
    scored: &[Scored],
    mut reader: R,
    name: &str,
) -> Result<(Vec<Assignment>, Vec<Warning>), Warning> {
    let t = crate::ingest::assignments::read_pair_rows(
        crate::ingest::Source::new(name, &mut reader),
        crate::ingest::assignments::PairFile::Assignments,
    )
    .map_err(|e| Warning::new(|lang| e.clone().in_lang(lang).to_string()))?;
    let ids = crate::ingest::assignments::BatchIds::new(inst);
    let mut errors = Vec::new();
    let mut out: Vec<Assignment> = Vec::new();
    // Expert ids read another way than written (`E01` for `E1`), said as every command says it.
    let mut reread = Vec::new();
    for row in &t.rows {
        let (line, rid, eid) = (row.line, row.request.as_str(), row.expert.as_str());
        if let Some((e, true)) = ids.expert_read(eid) {
            let (written, id) = (format!("{eid:?}"), inst.experts[e].id.clone());
            reread.push(Warning::new(|lang| {
                lang.fill(
                    Msg::MetricsExpertRead,
                    &[("line", &line), ("written", &written), ("expert", &id)],
                )
            }));
        }
        let (Some(ri), Some(ei)) = (ids.request(rid), ids.expert(eid)) else {
            let (msg, id) = if ids.request(rid).is_some() {
                (Msg::MetricsUnknownExpert, eid)
            } else {
                (Msg::MetricsUnknownRequest, rid)
            };
            errors.push(Warning::new(|lang| {
                lang.fill(
                    msg,
                    &[("file", &name), ("line", &line), ("id", &format!("{id:?}"))],
                )
            }));
            continue;
        };
        let (rid, eid) = (inst.requests[ri].id.as_str(), inst.experts[ei].id.as_str());
        let found = scored
            .binary_search_by(|s| (s.pair.request as usize, s.pair.expert as usize).cmp(&(ri, ei)));
        match found {
            Ok(si) => out.push(Assignment {
                scored: si,
                request: ri,
                expert: ei,
                pinned: inst.requests[ri].pinned.contains(&ei),
            }),
            Err(_) => {
                let why =
                    crate::eligibility::check(inst, policy, &inst.requests[ri], &inst.experts[ei]);
                // Stages as said of a named expert: rules 3 and 4 are one, "rules 3-4: not-now".
                let mut stages: Vec<crate::eligibility::Stage> =
                    why.iter().map(|r| r.stage_of_expert()).collect();
                stages.dedup();
                errors.push(Warning::new(|lang| {
                    let rules: Vec<String> = stages
                        .iter()
                        .map(|s| format!("{}: {}", s.label_in(lang), s.code()))
                        .collect();
                    lang.fill(
                        Msg::MetricsBreaks,
                        &[
                            ("file", &name),
                            ("line", &line),
                            ("expert", &eid),
                            ("request", &rid),
                            ("rules", &rules.join(", ")),
                        ],
                    )
                }));
            }
        }
    }
    out.sort_by_key(|a| (a.request, a.expert));
    for w in out.windows(2) {
        if (w[0].request, w[0].expert) == (w[1].request, w[1].expert) {
            let (e, r) = (
                &inst.experts[w[0].expert].id,
                &inst.requests[w[0].request].id,
            );
            errors.push(Warning::new(|lang| {
                lang.fill(
                    Msg::MetricsTwice,
                    &[("file", &name), ("expert", e), ("request", r)],
                )
            }));
        }
    }
    if !errors.is_empty() {
        let more = errors.len().saturating_sub(50);
        errors.truncate(50);
        if more > 0 {
            errors.push(Warning::new(|lang| {
                lang.fill(Msg::CheckMore, &[("n", &more)])
            }));
        }
        return Err(Warning::new(|lang| {
            let lines: Vec<&str> = errors.iter().map(|e| e.render(lang)).collect();
            lines.join("\n")
        }));
    }
    let mut warnings = reread;
    let n = inst.experts.len();
    let (mut count, mut load, mut slots) = (vec![0u32; n], vec![0u32; n], vec![0u32; n]);
    let mut seats = vec![0u32; inst.requests.len()];
    for a in &out {
        let r = &inst.requests[a.request];
        count[a.expert] += 1;
        load[a.expert] += r.intensity;
        seats[a.request] += 1;
        if let Some(s) = r.slot {
            if slots[a.expert] & (1 << s.0) != 0 {
                let e = &inst.experts[a.expert].id;
                warnings.push(Warning::new(|lang| {
                    lang.fill(
                        Msg::MetricsTwoInSlot,
                        &[("expert", e), ("slot", &lang.slot(s))],
                    )
                }));
            }
            slots[a.expert] |= 1 << s.0;
        }
    }
    for (i, e) in inst.experts.iter().enumerate() {
        if count[i] > e.max_assignments {
            warnings.push(Warning::new(|lang| {
                lang.fill(
                    Msg::MetricsOverCount,
                    &[
                        ("expert", &e.id),
                        ("n", &count[i]),
                        ("max", &e.max_assignments),
                    ],
                )
            }));
        }
        if load[i] > e.load_budget {
            warnings.push(Warning::new(|lang| {
                lang.fill(
                    Msg::MetricsOverLoad,
                    &[
                        ("expert", &e.id),
                        ("load", &load[i]),
                        ("budget", &e.load_budget),
                    ],
                )
            }));
        }
    }
    for (i, r) in inst.requests.iter().enumerate() {
        if seats[i] > r.experts_needed {
            warnings.push(Warning::new(|lang| {
                lang.fill(
                    Msg::MetricsOverSeats,
                    &[
                        ("request", &r.id),
                        ("n", &seats[i]),
                        ("seats", &r.experts_needed),
                    ],
                )
            }));
        }
    }
    Ok((out, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gini_by_hand() {
        assert_eq!(gini(&[]), 0.0);
        assert_eq!(gini(&[0, 0]), 0.0);
        assert_eq!(gini(&[2, 2, 2]), 0.0);
        // One of four holds everything: (2*4 - 5) * 4 / (4 * 4) = 0.75 = (n - 1) / n.
        assert!((gini(&[0, 0, 4, 0]) - 0.75).abs() < 1e-12);
        // [0, 1, 1, 2]: (-3*0 - 1*1 + 1*1 + 3*2) / (4 * 4) = 6 / 16.
        assert!((gini(&[1, 0, 2, 1]) - 0.375).abs() < 1e-12);
    }

    #[test]
    fn percentile_by_nearest_rank() {
        let mut v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(percentile(&mut v, 90.0), 9.0);
        assert_eq!(percentile(&mut v, 100.0), 10.0);
        assert_eq!(percentile(&mut v, 0.0), 1.0);
        assert_eq!(percentile(&mut [3.0], 90.0), 3.0);
        assert_eq!(percentile(&mut [], 90.0), 0.0);
        // Five values: rank ceil(4.5) = 5.
        assert_eq!(percentile(&mut [5.0, 1.0, 4.0, 2.0, 3.0], 90.0), 5.0);
    }
}
