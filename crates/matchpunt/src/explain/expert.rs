//! `explain --expert`: one expert's week, and every request they were eligible for but did not
//! get, with who got it and the exact cost of putting them there.

#[allow(unused_imports)]
use super::*;

/// One of an expert's assignments as shown.
#[derive(Clone, Debug, Serialize)]
pub struct ExpertAssignmentView {
    /// Request id.
    pub request: String,
    /// Organisation.
    pub org: String,
    /// Role code.
    pub role: &'static str,
    /// Slot code.
    pub slot: Option<String>,
    /// Load of the seat.
    pub load: u32,
    /// The pair's score.
    pub score: f64,
    /// Set by a coordinator's pin.
    pub pinned: bool,
    /// The score's parts in words.
    pub reasons: Vec<PartView>,
    /// In words.
    pub text: String,
}

/// A request the expert was eligible for but did not get, as shown.
#[derive(Clone, Debug, Serialize)]
pub struct NotAssignedView {
    /// Request id.
    pub request: String,
    /// The pair's score.
    pub score: f64,
    /// Experts the request went to.
    pub went_to: Vec<String>,
    /// Why the expert was not free for it ([`Miss::code`]), None when free.
    pub limit: Option<&'static str>,
    /// Objective change of putting the expert there, in points (for the best few).
    pub objective_change: Option<f64>,
    /// Whether that re-solve proved its optimum.
    pub proven: Option<bool>,
    /// What else would change.
    pub changes: Vec<ChangeView>,
    /// In words.
    pub text: String,
}

/// An expert's week as shown.
#[derive(Clone, Debug, Serialize)]
pub struct ExpertWeekView {
    /// Expert id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Not on leave.
    pub active: bool,
    /// Assignments in the batch.
    pub assignments: u32,
    /// Most assignments.
    pub max_assignments: u32,
    /// Load used.
    pub load: u32,
    /// Load budget.
    pub load_budget: u32,
}

/// The output of `explain --expert`; `--format json` prints it as is.
#[derive(Clone, Debug, Serialize)]
pub struct ExplainExpertView {
    /// `matchpunt.explain-expert/1`.
    pub schema: &'static str,
    /// Language of the texts.
    pub lang: &'static str,
    /// The batch week.
    pub week: Option<String>,
    /// The expert's week.
    pub expert: ExpertWeekView,
    /// The assignments.
    pub assignments: Vec<ExpertAssignmentView>,
    /// Requests eligible for but not assigned, best score first.
    pub not_assigned: Vec<NotAssignedView>,
    /// The heading line.
    pub text: String,
}

impl Base<'_> {
    /// `explain --expert`: expert `e`'s week, and the requests they were eligible for but did
    /// not get, with the reason (and, for the best `top`, the exact cost of putting them there).
    pub fn explain_expert(&self, e: usize, top: usize, lang: Lang) -> ExplainExpertView {
        let inst = self.inst;
        let ex = &inst.experts[e];
        let booked = self.booked();
        let u = booked.uses[e];
        let mine = self.requests_of(e);
        let assignments = mine
            .iter()
            .map(|&r| {
                let req = &inst.requests[r];
                let s = self.scored_pair(r, e).expect("an assignment is eligible");
                let reasons = part_views(inst, self.policy, &self.hist, s, lang);
                let pinned = self.is_pinned(r, e);
                let words: Vec<&str> = reasons.iter().map(|p| p.text.as_str()).collect();
                let head = lang.fill(
                    Msg::ExpertAssignment,
                    &[
                        ("request", &req.id),
                        ("org", &inst.orgs.name(req.org)),
                        ("role", &lang.role(req.role)),
                        ("slot", &slot_text(req, lang)),
                        ("load", &req.intensity),
                        ("score", &lang.num(s.score, 1)),
                        (
                            "pinned",
                            &if pinned {
                                format!(", {}", lang.text(Msg::AssignedPinned))
                            } else {
                                String::new()
                            },
                        ),
                    ],
                );
                ExpertAssignmentView {
                    request: req.id.clone(),
                    org: inst.orgs.name(req.org).to_string(),
                    role: req.role.as_str(),
                    slot: req.slot.map(|s| s.to_string()),
                    load: req.intensity,
                    score: round3(s.score),
                    pinned,
                    text: format!("{head}: {}", words.join("; ")),
                    reasons,
                }
            })
            .collect();
        let mut eligible: Vec<&Scored> = self
            .scored
            .iter()
            .filter(|s| s.pair.expert as usize == e && !mine.contains(&(s.pair.request as usize)))
            .collect();
        eligible.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.pair.request.cmp(&b.pair.request))
        });
        let not_assigned = eligible
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let r = s.pair.request as usize;
                let req = &inst.requests[r];
                let went: Vec<String> = self
                    .experts_of(r)
                    .into_iter()
                    .map(|x| inst.experts[x].id.clone())
                    .collect();
                let miss = limit_miss(inst, self.policy, r, e, &u);
                let mut why = vec![if went.is_empty() {
                    lang.text(Msg::StaysOpen).to_string()
                } else {
                    lang.fill(Msg::WentTo, &[("experts", &lang.list(&went))])
                }];
                if let Some(m) = miss {
                    why.push(miss_text(inst, self.policy, req, ex, &u, m, lang));
                }
                let (mut cost, mut proven, mut changes) = (None, None, Vec::new());
                if i < top {
                    let o = self
                        .evaluate(
                            &Change::Pin {
                                request: r,
                                expert: e,
                            },
                            usize::MAX,
                        )
                        .expect("no limit on the part");
                    if let Some(c) = &o.refused {
                        why.push(pin_conflict_text(inst, self.policy, c, lang));
                    } else {
                        changes = change_views(inst, &o, Some((r, Some(e))), lang);
                        let mut c = lang.signed(points(o.delta));
                        if !o.proven {
                            c = format!("{c} {}", lang.text(Msg::NotProven));
                        }
                        why.push(lang.fill(
                            Msg::ForcedCost,
                            &[
                                ("name", &display_name(ex)),
                                ("cost", &c),
                                (
                                    "changes",
                                    &lang.fill(
                                        Msg::ChangesIntro,
                                        &[("list", &changes_text(&changes, lang))],
                                    ),
                                ),
                            ],
                        ));
                        cost = Some(round3(points(o.delta)));
                        proven = Some(o.proven);
                    }
                }
                NotAssignedView {
                    request: req.id.clone(),
                    score: round3(s.score),
                    went_to: went,
                    limit: miss.map(Miss::code),
                    objective_change: cost,
                    proven,
                    changes,
                    text: lang.fill(
                        Msg::ExpertNotAssigned,
                        &[
                            ("request", &req.id),
                            ("org", &inst.orgs.name(req.org)),
                            ("role", &lang.role(req.role)),
                            ("slot", &slot_text(req, lang)),
                            ("score", &lang.num(s.score, 1)),
                            ("why", &why.join("; ")),
                        ],
                    ),
                }
            })
            .collect();
        let text = if ex.active {
            lang.fill(
                Msg::ExpertHead,
                &[
                    ("who", &expert_label(ex)),
                    ("count", &u.count),
                    ("max", &ex.max_assignments),
                    ("load", &u.load),
                    ("budget", &ex.load_budget),
                ],
            )
        } else {
            lang.fill(Msg::ExpertOnLeave, &[("who", &expert_label(ex))])
        };
        ExplainExpertView {
            schema: "matchpunt.explain-expert/1",
            lang: lang.code(),
            week: inst.week.map(|w| w.to_string()),
            expert: ExpertWeekView {
                id: ex.id.clone(),
                name: ex.name.clone(),
                active: ex.active,
                assignments: u.count,
                max_assignments: ex.max_assignments,
                load: u.load,
                load_budget: ex.load_budget,
            },
            assignments,
            not_assigned,
            text,
        }
    }
}

/// A travel limit as written in a text: whole km without decimals (`25`), otherwise with the
/// decimals it has, up to two (`1.5`, not `2`: a limit is never shown larger than it is).
pub fn km_limit(lang: Lang, km: f64) -> String {
    let decimals = (0..2)
        .find(|&d| {
            let f = 10f64.powi(d as i32);
            ((km * f).round() - km * f).abs() < 1e-9
        })
        .unwrap_or(2);
    lang.num(km, decimals)
}

/// The text of an [`ExplainExpertView`], as `explain --expert` prints it.
pub fn render_explain_expert(v: &ExplainExpertView, lang: Lang) -> String {
    let mut out = format!("{}\n", v.text);
    for a in &v.assignments {
        out.push_str(&format!("  {}\n", a.text));
    }
    out.push_str(&format!("{}\n", lang.text(Msg::ExpertEligibleHead)));
    if v.not_assigned.is_empty() {
        out.push_str(&format!("  {}\n", lang.text(Msg::ExpertNoEligible)));
    }
    for n in &v.not_assigned {
        out.push_str(&format!("  {}\n", n.text));
    }
    out
}
