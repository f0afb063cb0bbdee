//! The words of `explain`'s changes and fixes, and of a pin not kept: the one place where a
//! re-solve's outcome becomes text.

#[allow(unused_imports)]
use super::*;

// ---------------------------------------------------------------------------------------------
// explain.

/// One change a re-solve makes, as shown.
#[derive(Clone, Debug, Serialize)]
pub struct ChangeView {
    /// `seat-lost`, `seat-gained`, `expert-moves`, `expert-added`, `expert-dropped` or `pin-lost`.
    pub kind: &'static str,
    /// The request concerned (seats, pins).
    pub request: Option<String>,
    /// The expert concerned (moves, pins).
    pub expert: Option<String>,
    /// Requests the expert leaves.
    pub from: Vec<String>,
    /// Requests the expert takes.
    pub to: Vec<String>,
    /// Filled seats of the request before and after.
    pub filled: Option<[u32; 2]>,
    /// In words.
    pub text: String,
}

/// The changes of an outcome in words: seats lost and gained, experts moving, pins lost. The
/// expert of a forced pair is not said to take the request it is forced on.
pub fn change_views(
    inst: &Instance,
    o: &Outcome,
    target: Option<(usize, Option<usize>)>,
    lang: Lang,
) -> Vec<ChangeView> {
    let rid = |r: usize| inst.requests[r].id.clone();
    let mut out = Vec::new();
    for &(r, before, after) in &o.seats {
        if target.is_some_and(|t| t.0 == r) {
            continue;
        }
        let seats = inst.requests[r].experts_needed;
        let text = if after == 0 {
            lang.fill(Msg::SeatLost, &[("request", &rid(r))])
        } else if after < before {
            lang.fill(
                Msg::SeatLostSome,
                &[("request", &rid(r)), ("filled", &after), ("seats", &seats)],
            )
        } else {
            lang.fill(Msg::SeatGained, &[("request", &rid(r))])
        };
        out.push(ChangeView {
            kind: if after < before {
                "seat-lost"
            } else {
                "seat-gained"
            },
            request: Some(rid(r)),
            expert: None,
            from: Vec::new(),
            to: Vec::new(),
            filled: Some([before, after]),
            text,
        });
    }
    for (e, before, after) in &o.moves {
        let mut from: Vec<usize> = before
            .iter()
            .copied()
            .filter(|r| !after.contains(r))
            .collect();
        let mut to: Vec<usize> = after
            .iter()
            .copied()
            .filter(|r| !before.contains(r))
            .collect();
        if let Some((r, Some(fe))) = target {
            if fe == *e {
                to.retain(|&x| x != r);
            }
        }
        from.dedup();
        to.dedup();
        let ids = |v: &[usize]| -> Vec<String> { v.iter().map(|&r| rid(r)).collect() };
        let (f, t) = (ids(&from), ids(&to));
        let name = expert_label(&inst.experts[*e]);
        let (kind, text) = match (f.is_empty(), t.is_empty()) {
            (true, true) => continue,
            (false, false) => (
                "expert-moves",
                lang.fill(
                    Msg::ExpertMoves,
                    &[
                        ("expert", &name),
                        ("from", &lang.list(&f)),
                        ("to", &lang.list(&t)),
                    ],
                ),
            ),
            (true, false) => (
                "expert-added",
                lang.fill(
                    Msg::ExpertAdded,
                    &[("expert", &name), ("to", &lang.list(&t))],
                ),
            ),
            (false, true) => (
                "expert-dropped",
                lang.fill(
                    Msg::ExpertDropped,
                    &[("expert", &name), ("from", &lang.list(&f))],
                ),
            ),
        };
        out.push(ChangeView {
            kind,
            request: None,
            expert: Some(inst.experts[*e].id.clone()),
            from: f,
            to: t,
            filled: None,
            text,
        });
    }
    for &(r, e) in &o.pins_lost {
        out.push(ChangeView {
            kind: "pin-lost",
            request: Some(rid(r)),
            expert: Some(inst.experts[e].id.clone()),
            from: Vec::new(),
            to: Vec::new(),
            filled: None,
            text: lang.fill(
                Msg::PinDropped,
                &[
                    ("expert", &expert_label(&inst.experts[e])),
                    ("request", &rid(r)),
                ],
            ),
        });
    }
    out
}

pub(crate) fn changes_text(changes: &[ChangeView], lang: Lang) -> String {
    if changes.is_empty() {
        return lang.text(Msg::CostNothing).to_string();
    }
    let mut items: Vec<String> = changes.iter().take(5).map(|c| c.text.clone()).collect();
    if changes.len() > 5 {
        items.push(lang.fill(Msg::MoreChanges, &[("n", &(changes.len() - 5))]));
    }
    items.join("; ")
}

/// A fix as shown.
#[derive(Clone, Debug, Serialize)]
pub struct FixView {
    /// The kind of change ([`Change::code`]).
    pub change: &'static str,
    /// Its size ([`Change::size`]).
    pub size: f64,
    /// Objective after minus before, in points.
    pub objective_change: f64,
    /// Whether the re-solve proved its optimum (so the change is exact).
    pub proven: bool,
    /// Requests that lose a seat.
    pub seats_lost_elsewhere: Vec<String>,
    /// Everything else that changes.
    pub changes: Vec<ChangeView>,
    /// In words.
    pub text: String,
}

/// The view of a verified fix of request `r`.
pub fn fix_view(inst: &Instance, r: usize, f: &Fix, lang: Lang) -> FixView {
    let o = &f.outcome;
    let forced = match f.change {
        Change::Pin { expert, .. } => Some(expert),
        _ => None,
    };
    let changes = change_views(inst, o, Some((r, forced)), lang);
    let lost: Vec<String> = o
        .seats_lost_elsewhere(r)
        .into_iter()
        .map(|x| inst.requests[x].id.clone())
        .collect();
    let mut delta = lang.signed(points(o.delta));
    if !o.proven {
        delta = format!("{delta} {}", lang.text(Msg::NotProven));
    }
    let effect = if lost.is_empty() {
        lang.fill(Msg::FixCostNothing, &[("delta", &delta)])
    } else {
        // Seats lost, and those gained in their place (an equally good solution may move them).
        let seat_changes: Vec<ChangeView> = changes
            .iter()
            .filter(|c| c.kind == "seat-lost" || c.kind == "seat-gained")
            .cloned()
            .collect();
        lang.fill(
            Msg::FixCost,
            &[
                ("list", &changes_text(&seat_changes, lang)),
                ("delta", &delta),
            ],
        )
    };
    FixView {
        change: f.change.code(),
        size: f.size,
        objective_change: round3(points(o.delta)),
        proven: o.proven,
        seats_lost_elsewhere: lost,
        changes,
        text: lang.fill(
            Msg::FixLine,
            &[("change", &f.change.text(inst, lang)), ("effect", &effect)],
        ),
    }
}

/// The words of a [`Fixes`] result for a one-cell summary (the `fix` column): the smallest fix,
/// or why there is none.
pub fn fixes_text(inst: &Instance, policy: &Policy, r: usize, fixes: &Fixes, lang: Lang) -> String {
    let req = &inst.requests[r];
    match fixes {
        Fixes::Found(v) => fix_view(inst, r, &v[0], lang).text,
        Fixes::NoneFound => match funnel_text(inst, policy, req, lang) {
            Some(f) => lang.fill(Msg::FixNone, &[("funnel", &f)]),
            None => lang.text(Msg::FixNoneRules).to_string(),
        },
        Fixes::TooLarge(n) => lang.fill(
            Msg::FixNotComputed,
            &[(
                "why",
                &lang.fill(Msg::FixTooLarge, &[("arcs", n), ("request", &req.id)]),
            )],
        ),
        Fixes::WorkLimit => lang.fill(
            Msg::FixNotComputed,
            &[(
                "why",
                &lang.fill(Msg::FixWorkLimit, &[("request", &req.id)]),
            )],
        ),
        Fixes::TimeLimit => lang.fill(
            Msg::FixNotComputed,
            &[(
                "why",
                &lang.fill(Msg::FixTimeLimit, &[("request", &req.id)]),
            )],
        ),
    }
}

/// An assigned expert as shown.
#[derive(Clone, Debug, Serialize)]
pub struct AssignedView {
    /// Expert id.
    pub expert: String,
    /// Display name.
    pub name: String,
    /// Set by a coordinator's pin.
    pub pinned: bool,
    /// The pair's score.
    pub score: f64,
    /// Km (on site).
    pub distance_km: Option<f64>,
    /// The score's parts in words, largest first.
    pub reasons: Vec<PartView>,
    /// In words.
    pub text: String,
}

/// A runner-up as shown.
#[derive(Clone, Debug, Serialize)]
pub struct RunnerUpView {
    /// Expert id.
    pub expert: String,
    /// Display name.
    pub name: String,
    /// The pair's score.
    pub score: f64,
    /// Score minus the weakest assigned expert's (None when nobody is assigned).
    pub score_diff: Option<f64>,
    /// Requests the expert is assigned to in the batch.
    pub assigned_to: Vec<String>,
    /// Why the expert is not free for this request ([`Miss::code`]), None when free.
    pub limit: Option<&'static str>,
    /// Objective change of putting the expert here, in points (None when it cannot be done).
    pub objective_change: Option<f64>,
    /// Whether the re-solve proved its optimum.
    pub proven: bool,
    /// What else changes.
    pub changes: Vec<ChangeView>,
    /// Why the pair cannot be forced (a pin conflict).
    pub refused: Option<String>,
    /// In words.
    pub text: String,
}

/// Ineligible experts counted by the first rule they break; rules 3 and 4 are one stage.
#[derive(Clone, Debug, Serialize)]
pub struct RuleCountView {
    /// The contract's rule as shown: `"1"`, `"3"` (no shared theme), `"3-4"` (personal), ...,
    /// or `"3-11"` for the stages after rule 2 folded into one count when a personal or themes
    /// count is 1 or 2 ([`crate::explain::never_eligible_counts`]).
    pub rule: &'static str,
    /// Experts whose first broken rule it is; `null` for the folded count (which reads "fewer
    /// than 3" when it is 1 or 2).
    pub count: Option<usize>,
    /// In words.
    pub text: String,
}

/// The open seats of a request as shown.
#[derive(Clone, Debug, Serialize)]
pub struct OpenView {
    /// Seats not filled.
    pub seats_open: u32,
    /// Why, in words.
    pub why: String,
    /// Verified fixes, smallest first.
    pub fixes: Vec<FixView>,
    /// When there is no fix: why not.
    pub no_fix: Option<String>,
}

/// The output of `explain --request`; `--format json` prints it as is.
#[derive(Clone, Debug, Serialize)]
pub struct ExplainRequestView {
    /// `matchpunt.explain-request/1`.
    pub schema: &'static str,
    /// Language of the texts.
    pub lang: &'static str,
    /// The batch week.
    pub week: Option<String>,
    /// The request.
    pub request: RequestView,
    /// Seats filled.
    pub filled: u32,
    /// The batch objective in points.
    pub objective: f64,
    /// Whether it is a proven optimum.
    pub proven: bool,
    /// Assigned experts.
    pub assigned: Vec<AssignedView>,
    /// The best other eligible experts, with the exact cost of putting each in.
    pub runners_up: Vec<RunnerUpView>,
    /// Ineligible experts by the first rule they break.
    pub never_eligible: Vec<RuleCountView>,
    /// Pins of this request the batch could not keep, in words.
    pub pin_conflicts: Vec<String>,
    /// The open seats, when there are any.
    pub open: Option<OpenView>,
    /// The heading line.
    pub text: String,
}

/// A pin not kept in words (`pin of Demi B. (E1) not kept: ...`), the personal stage
/// (rules 3-4) alone, never which of the two.
pub fn pin_conflict_text(inst: &Instance, policy: &Policy, c: &PinConflict, lang: Lang) -> String {
    let r = &inst.requests[c.request];
    let e = &inst.experts[c.expert];
    // The pin's own reason (a limit with the pins before it, the seats, the slot, a team rule)
    // with its figures; a rule of the pair itself is worded from its stage.
    let detail = c.detail(inst, lang);
    let why = match c.stage {
        _ if detail.is_some() => detail.unwrap_or_default(),
        Stage::PinLimits
        | Stage::PinSeats
        | Stage::PinTeam
        | Stage::PinnedInSlot
        | Stage::Declined => reason_text(inst, policy, r, e, &WeekUse::default(), c.stage, lang),
        // Which of rules 3 and 4 it is would tell something personal: the stage reads alone.
        Stage::Personal => reason_text(inst, policy, r, e, &WeekUse::default(), c.stage, lang),
        stage => {
            let t = reason_text(inst, policy, r, e, &WeekUse::default(), stage, lang);
            lang.fill(
                Msg::PinRuleBroken,
                &[("why", &t), ("rule", &stage.label_in(lang))],
            )
        }
    };
    lang.fill(
        Msg::PinConflictText,
        &[("id", &expert_label(e)), ("why", &why)],
    )
}

pub(crate) fn rule_what(stage: Stage, lang: Lang) -> &'static str {
    lang.text(match stage.rule_group() {
        Stage::Inactive => Msg::RuleWhat1,
        Stage::Role => Msg::RuleWhat2,
        Stage::NoSharedTheme => Msg::RuleWhat3,
        Stage::Personal => Msg::RuleWhatPersonal,
        Stage::NotOnline => Msg::RuleWhat5,
        Stage::Language => Msg::RuleWhat6,
        Stage::AgeGap => Msg::RuleWhat7,
        Stage::SlotUnavailable => Msg::RuleWhat8,
        _ => Msg::RuleWhat9,
    })
}

impl Change {
    /// The change in words.
    pub fn text(&self, inst: &Instance, lang: Lang) -> String {
        let ename = |e: usize| expert_label(&inst.experts[e]);
        match *self {
            Change::Limits {
                expert,
                max_assignments,
                load_budget,
            } => {
                let e = &inst.experts[expert];
                let extra = load_budget.saturating_sub(e.load_budget);
                let more = max_assignments > e.max_assignments;
                let n = ename(expert);
                match (more, extra > 0) {
                    (true, false) => {
                        lang.fill(Msg::FixLimits, &[("expert", &n), ("max", &max_assignments)])
                    }
                    (false, _) => lang.fill(
                        Msg::FixLoad,
                        &[("expert", &n), ("budget", &load_budget), ("extra", &extra)],
                    ),
                    (true, true) => lang.fill(
                        Msg::FixLimitsAndLoad,
                        &[
                            ("expert", &n),
                            ("max", &max_assignments),
                            ("budget", &load_budget),
                            ("extra", &extra),
                        ],
                    ),
                }
            }
            Change::Travel {
                expert,
                max_travel_km,
                distance_km,
            } => {
                let e = &inst.experts[expert];
                lang.fill(
                    Msg::FixTravel,
                    &[
                        ("expert", &ename(expert)),
                        ("km", &lang.num(distance_km, 1)),
                        ("max", &km_limit(lang, e.max_travel_km)),
                        ("to", &km_limit(lang, max_travel_km)),
                    ],
                )
            }
            Change::Slot { request, slot } => lang.fill(
                Msg::FixSlot,
                &[
                    ("request", &inst.requests[request].id),
                    ("slot", &lang.slot(slot)),
                ],
            ),
            Change::Online { request } => {
                lang.fill(Msg::FixOnline, &[("request", &inst.requests[request].id)])
            }
            Change::Language { request, language } => lang.fill(
                Msg::FixLanguage,
                &[
                    ("request", &inst.requests[request].id),
                    ("language", &lang.language(inst.languages.name(language))),
                ],
            ),
            Change::DropPin { request, expert } => lang.fill(
                Msg::FixDropPin,
                &[
                    ("expert", &ename(expert)),
                    ("request", &inst.requests[request].id),
                ],
            ),
            Change::Pin { request, expert } => lang.fill(
                Msg::FixPin,
                &[
                    ("expert", &ename(expert)),
                    ("request", &inst.requests[request].id),
                ],
            ),
            Change::Replace {
                request,
                out,
                expert,
            } => lang.fill(
                Msg::StandbyReplace,
                &[
                    ("expert", &ename(expert)),
                    ("out", &ename(out)),
                    ("request", &inst.requests[request].id),
                ],
            ),
        }
    }
}
