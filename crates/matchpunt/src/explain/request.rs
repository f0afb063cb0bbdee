//! `explain --request`: who got a request and why, each runner-up with the exact cost of putting
//! them in, the experts never eligible by stage, and for open seats the one reason and the fixes.

#[allow(unused_imports)]
use super::*;
use rayon::prelude::*;

impl Base<'_> {
    /// The one reason for request `r`'s open seats, as every output shows it (`unmatched.csv`'s
    /// reason, the web page): the pins of `r` not kept ([`PinConflict`] in words), then
    /// [`Base::open_why`], joined by "; ".
    pub fn open_reason(&self, r: usize, booked: &Booked, lang: Lang) -> String {
        self.open_reason_given(r, booked, lang, None)
    }

    /// [`Base::open_reason`] once the fixes of `r` are known ([`Base::open_why_given`]).
    pub fn open_reason_given(
        &self,
        r: usize,
        booked: &Booked,
        lang: Lang,
        fixes: Option<&Fixes>,
    ) -> String {
        let mut parts: Vec<String> = self
            .pins
            .conflicts
            .iter()
            .filter(|c| c.request == r)
            .map(|c| pin_conflict_text(self.inst, self.policy, c, lang))
            .collect();
        let why = self.open_why_given(r, booked, lang, fixes);
        if !why.is_empty() {
            parts.push(why);
        }
        parts.join("; ")
    }

    /// Why request `r` has open seats, besides its pins not kept: the funnel when nobody is
    /// eligible ([`funnel_text`]), else who is eligible and why none of them is put here.
    /// Experts who declined the request (the base's declined pairs) are not eligible here.
    pub fn open_why(&self, r: usize, booked: &Booked, lang: Lang) -> String {
        self.open_why_given(r, booked, lang, None)
    }

    /// [`Base::open_why`] said from the same facts as the fixes of `r` ([`Base::fixes`]), when
    /// given: if a fix found raises the batch objective, free eligible experts are not "better
    /// used elsewhere" (the base is not the optimum, e.g. assignments made before a decline),
    /// and the reason says how many are free and to re-run or pin one.
    pub fn open_why_given(
        &self,
        r: usize,
        booked: &Booked,
        lang: Lang,
        fixes: Option<&Fixes>,
    ) -> String {
        self.open_why_known(r, booked, lang, fixes.map(FixesKnown::Found))
    }

    /// [`Base::open_why_given`], also for the first view, where the fixes are still pending.
    fn open_why_known(
        &self,
        r: usize,
        booked: &Booked,
        lang: Lang,
        fixes: Option<FixesKnown<'_>>,
    ) -> String {
        let inst = self.inst;
        let req = &inst.requests[r];
        let cands = self.scored_of_request(r);
        if cands.is_empty() {
            return funnel_text(inst, self.policy, req, lang).unwrap_or_default();
        }
        let here = self.experts_of(r);
        let others: Vec<usize> = cands
            .iter()
            .map(|s| s.pair.expert as usize)
            .filter(|e| !here.contains(e))
            .collect();
        if others.is_empty() {
            return lang.fill(Msg::OnlyAssignedHere, &[("n", &cands.len())]);
        }
        // Each other candidate's limit, if one keeps them away; the texts are written only
        // when they are shown (all of them busy): at 10,000 x 20,000 writing them for every
        // open request was most of the reasons stage.
        let misses: Vec<(usize, Option<_>)> = others
            .iter()
            .map(|&e| (e, limit_miss(inst, self.policy, r, e, &booked.uses[e])))
            .collect();
        let mut busy: Vec<usize> = misses
            .iter()
            .filter(|m| m.1.is_some())
            .map(|m| m.0)
            .collect();
        busy.sort_unstable();
        let limited = busy.len();
        let teams = self.team_rules();
        if teams.is_active() {
            let free: Vec<usize> = cands
                .iter()
                .map(|s| s.pair.expert as usize)
                .filter(|e| here.contains(e) || busy.binary_search(e).is_err())
                .collect();
            if let Some((_, text)) = crate::teams::why_open(inst, teams, r, &free, lang) {
                return text;
            }
        }
        if limited == others.len() {
            let list: Vec<String> = misses
                .iter()
                .filter_map(|&(e, m)| {
                    let ex = &inst.experts[e];
                    let u = &booked.uses[e];
                    m.map(|m| {
                        format!(
                            "{} ({})",
                            ex.id,
                            miss_text(inst, self.policy, req, ex, u, m, lang)
                        )
                    })
                })
                .collect();
            lang.fill(
                Msg::WhyAllBusy,
                &[("n", &others.len()), ("list", &list.join(", "))],
            )
        } else {
            let n = others.len() - limited;
            let msg = match fixes {
                // The first view (no re-solve yet): whether a fix gains is not known.
                Some(FixesKnown::Pending) => Msg::WhyFreePending,
                Some(FixesKnown::Found(Fixes::Found(v)))
                    if v.iter().any(|f| f.outcome.delta > 0) =>
                {
                    Msg::WhyFreeGain
                }
                _ => Msg::WhyBetterElsewhere,
            };
            lang.fill(msg, &[("n", &n)])
        }
    }

    /// `explain --request`: who got request `r` and why, the `top` best runners-up with the
    /// exact cost of each, the ineligible experts by rule, and for open seats the fixes.
    /// Every re-solve together stops at the options' time limit from now (see
    /// [`Base::explain_request_until`]).
    pub fn explain_request(&self, r: usize, top: usize, lang: Lang) -> ExplainRequestView {
        let deadline = self.opts.time_limit.map(|t| Instant::now() + t);
        self.explain_request_until(r, top, lang, deadline)
    }

    /// [`Base::explain_request`] with one `deadline` for all its re-solves: the runners-up's
    /// (re-solved in parallel, each on its own copy of the affected part, so the view is the
    /// same at any thread count) and the fixes'. A re-solve cut short by it shows its cost as
    /// not proven; a fix search cut short says so. Without a deadline, each re-solve has the
    /// options' limits.
    ///
    /// It is [`Base::explain_request_first`] filled in by [`Base::fill_request_costs`].
    pub fn explain_request_until(
        &self,
        r: usize,
        top: usize,
        lang: Lang,
        deadline: Option<Instant>,
    ) -> ExplainRequestView {
        let mut v = self.explain_request_first(r, top, lang);
        self.fill_request_costs(&mut v, r, top, lang, deadline);
        v
    }

    /// The first view of [`Base::explain_request`], without any re-solve (the web page shows it
    /// at once and fills it in): the request, who is assigned and why, the same `top`
    /// runners-up in the same order with their scores and status, the never-eligible counts
    /// (masked as [`never_eligible_counts`] masks them), the pins not kept and the open seats.
    ///
    /// What needs a re-solve is marked as being computed, never guessed: each runner-up has
    /// `objective_change: None`, `proven: false`, no `changes` and no `refused`, and its text
    /// says its cost is being computed; an open seat has no fixes, `no_fix` says they are being
    /// computed, and its `why` says so where it depends on them ([`Msg::WhyFreePending`]).
    /// Every other field equals the full view's.
    ///
    /// Work: one eligibility check per expert and one sort of the request's candidates,
    /// O(experts + candidates log candidates); no solve.
    pub fn explain_request_first(&self, r: usize, top: usize, lang: Lang) -> ExplainRequestView {
        let inst = self.inst;
        let policy = self.policy;
        let req = &inst.requests[r];
        let booked = self.booked();
        let here = self.experts_of(r);
        let assigned: Vec<AssignedView> = here
            .iter()
            .map(|&e| {
                let s = self.scored_pair(r, e).expect("an assignment is eligible");
                let ex = &inst.experts[e];
                let reasons = part_views(inst, policy, &self.hist, s, lang);
                let pinned = self.is_pinned(r, e);
                let words: Vec<&str> = reasons.iter().map(|p| p.text.as_str()).collect();
                let mut text = format!(
                    "{}, score {}: {}",
                    expert_label(ex),
                    lang.num(s.score, 1),
                    words.join("; ")
                );
                if pinned {
                    text = format!("{text}; {}", lang.text(Msg::AssignedPinned));
                }
                AssignedView {
                    expert: ex.id.clone(),
                    name: ex.name.clone(),
                    pinned,
                    score: round3(s.score),
                    distance_km: s.distance_km.map(round3),
                    reasons,
                    text,
                }
            })
            .collect();
        let (others, weakest) = self.runner_up_candidates(r, top);
        let runners_up = others
            .iter()
            .map(|s| self.runner_up_pending(r, s, weakest, &booked, lang))
            .collect();
        let mut counts: BTreeMap<Stage, usize> = BTreeMap::new();
        for e in &inst.experts {
            if let Some(first) = eligibility::check(inst, policy, req, e).first_stage() {
                *counts.entry(first.rule_group()).or_default() += 1;
            }
        }
        let never_eligible = never_eligible_counts(counts, lang);
        let pin_conflicts = self
            .pins
            .conflicts
            .iter()
            .filter(|c| c.request == r)
            .map(|c| pin_conflict_text(inst, policy, c, lang))
            .collect();
        let filled = here.len() as u32;
        let open = (filled < req.experts_needed).then(|| OpenView {
            seats_open: req.experts_needed - filled,
            why: self.open_why_known(r, &booked, lang, Some(FixesKnown::Pending)),
            fixes: Vec::new(),
            no_fix: Some(lang.text(Msg::FixesPending).to_string()),
        });
        let mut text = lang.fill(
            Msg::ExplainHead,
            &[
                ("request", &req.id),
                ("org", &inst.orgs.name(req.org)),
                ("role", &lang.role(req.role)),
                ("where", &where_text(req, lang)),
                ("slot", &slot_text(req, lang)),
                ("filled", &filled),
                ("seats", &req.experts_needed),
            ],
        );
        if let Some(t) = crate::teams::trajectory_text(inst, r, lang) {
            text = format!("{text}; {t}");
        }
        ExplainRequestView {
            schema: "matchpunt.explain-request/1",
            lang: lang.code(),
            week: inst.week.map(|w| w.to_string()),
            request: request_view(inst, req),
            filled,
            objective: round3(points(self.objective)),
            proven: self.proven,
            assigned,
            runners_up,
            never_eligible,
            pin_conflicts,
            open,
            text,
        }
    }

    /// Fills in `v`, a [`Base::explain_request_first`] of the same `r`, `top` and `lang`: each
    /// runner-up's exact cost (re-solved in parallel, each on its own copy of the affected
    /// part) and the open seats' fixes and reason, all re-solves together stopping at
    /// `deadline`. Afterwards `v` is [`Base::explain_request_until`]'s view.
    ///
    /// Work: one re-solve of the affected components per runner-up (at most `top`) and the fix
    /// search of [`Base::fixes`] (at most [`FixBudget::for_explain`]'s work) for open seats.
    pub fn fill_request_costs(
        &self,
        v: &mut ExplainRequestView,
        r: usize,
        top: usize,
        lang: Lang,
        deadline: Option<Instant>,
    ) {
        let inst = self.inst;
        let policy = self.policy;
        let req = &inst.requests[r];
        let booked = self.booked();
        let (others, weakest) = self.runner_up_candidates(r, top);
        v.runners_up = others
            .par_iter()
            .map(|s| self.runner_up(r, s, weakest, &booked, lang, deadline))
            .collect();
        let filled = self.experts_of(r).len() as u32;
        v.open = (filled < req.experts_needed).then(|| {
            let mut budget = FixBudget {
                deadline,
                ..FixBudget::for_explain()
            };
            let fixes = self.fixes(r, &booked, 3, &mut budget);
            let (list, no_fix) = match &fixes {
                Fixes::Found(v) => (v.iter().map(|f| fix_view(inst, r, f, lang)).collect(), None),
                other => (Vec::new(), Some(fixes_text(inst, policy, r, other, lang))),
            };
            OpenView {
                seats_open: req.experts_needed - filled,
                why: self.open_why_given(r, &booked, lang, Some(&fixes)),
                fixes: list,
                no_fix,
            }
        });
    }

    /// The `top` best eligible experts of request `r` not assigned to it, best score first (ties
    /// by expert index), and the weakest assigned pair (None when nobody is assigned).
    fn runner_up_candidates(&self, r: usize, top: usize) -> (Vec<&Scored>, Option<&Scored>) {
        let here = self.experts_of(r);
        let weakest = here
            .iter()
            .filter_map(|&e| self.scored_pair(r, e))
            .min_by(|a, b| a.score.total_cmp(&b.score));
        let mut others: Vec<&Scored> = self
            .scored_of_request(r)
            .iter()
            .filter(|s| !here.contains(&(s.pair.expert as usize)))
            .collect();
        others.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.pair.expert.cmp(&b.pair.expert))
        });
        others.truncate(top);
        (others, weakest)
    }

    /// Where runner-up `e` of request `r` stands without any re-solve: the requests they are
    /// assigned to, the limit they would break here, and both in words.
    fn runner_up_status(
        &self,
        r: usize,
        e: usize,
        booked: &Booked,
        lang: Lang,
    ) -> (Vec<String>, Option<Miss>, String) {
        let inst = self.inst;
        let req = &inst.requests[r];
        let ex = &inst.experts[e];
        let u = &booked.uses[e];
        let elsewhere: Vec<String> = self
            .requests_of(e)
            .into_iter()
            .map(|x| inst.requests[x].id.clone())
            .collect();
        let miss = limit_miss(inst, self.policy, r, e, u);
        let mut status = Vec::new();
        if !elsewhere.is_empty() {
            status.push(lang.fill(
                Msg::StatusUsedElsewhere,
                &[("requests", &lang.list(&elsewhere))],
            ));
        }
        match miss {
            Some(m) => status.push(miss_text(inst, self.policy, req, ex, u, m, lang)),
            None if elsewhere.is_empty() => status.push(lang.text(Msg::StatusFree).to_string()),
            None => {}
        }
        (elsewhere, miss, status.join("; "))
    }

    /// A runner-up of the first view: as [`Base::runner_up`] says it, with the cost being
    /// computed.
    fn runner_up_pending(
        &self,
        r: usize,
        s: &Scored,
        weakest: Option<&Scored>,
        booked: &Booked,
        lang: Lang,
    ) -> RunnerUpView {
        let inst = self.inst;
        let e = s.pair.expert as usize;
        let ex = &inst.experts[e];
        let (elsewhere, miss, status) = self.runner_up_status(r, e, booked, lang);
        let label = expert_label(ex);
        let name = display_name(ex).to_string();
        let score = lang.num(s.score, 1);
        let msgs = (Msg::RunnerUpLinePending, Msg::RunnerUpLineOpenPending);
        let text = runner_up_line(
            inst,
            lang,
            s,
            weakest,
            msgs,
            &[
                ("who", &label),
                ("name", &name),
                ("score", &score),
                ("status", &status),
            ],
        );
        RunnerUpView {
            expert: ex.id.clone(),
            name: ex.name.clone(),
            score: round3(s.score),
            score_diff: weakest.map(|w| round3(s.score - w.score)),
            assigned_to: elsewhere,
            limit: miss.map(Miss::code),
            objective_change: None,
            proven: false,
            changes: Vec::new(),
            refused: None,
            text,
        }
    }

    pub(crate) fn runner_up(
        &self,
        r: usize,
        s: &Scored,
        weakest: Option<&Scored>,
        booked: &Booked,
        lang: Lang,
        deadline: Option<Instant>,
    ) -> RunnerUpView {
        let inst = self.inst;
        let e = s.pair.expert as usize;
        let ex = &inst.experts[e];
        let (elsewhere, miss, status) = self.runner_up_status(r, e, booked, lang);
        let change = Change::Pin {
            request: r,
            expert: e,
        };
        let label = expert_label(ex);
        // No limit on the part: an error is a search stopped before it found any batch with
        // the pair in it (under team rules), so there is no figure to show.
        // A part too large to re-solve in time (its components before the change bound it
        // from below) is priced by a repair of the base assignment, not proven.
        let ne = inst.experts.len();
        let part =
            self.comp_arcs[self.comp[ne + r] as usize].max(self.comp_arcs[self.comp[e] as usize]);
        let priced = if part > EXPLAIN_RESOLVE_MAX_ARCS {
            self.price_pin_large(r, e, part)
        } else if let Some(o) = self.pin_settled_by_bound(r, e) {
            Ok(o)
        } else {
            self.evaluate_until(&change, usize::MAX, deadline)
        };
        let score = lang.num(s.score, 1);
        // What the view says whether the pin is unpriced, refused or priced.
        let view = RunnerUpView {
            expert: ex.id.clone(),
            name: ex.name.clone(),
            score: round3(s.score),
            score_diff: weakest.map(|w| round3(s.score - w.score)),
            assigned_to: elsewhere,
            limit: miss.map(Miss::code),
            objective_change: None,
            proven: false,
            changes: Vec::new(),
            refused: None,
            text: String::new(),
        };
        let outcome = match priced {
            Ok(o) => o,
            Err(_) => {
                return RunnerUpView {
                    text: lang.fill(
                        Msg::RunnerUpLineOpen,
                        &[
                            ("who", &label),
                            ("name", &display_name(ex).to_string()),
                            ("score", &score),
                            ("status", &status),
                            ("cost", &lang.text(Msg::NotProven).to_string()),
                            ("changes", &String::new()),
                        ],
                    ),
                    ..view
                };
            }
        };
        let view = RunnerUpView {
            proven: outcome.proven,
            ..view
        };
        if let Some(c) = &outcome.refused {
            // A team rule: the one that keeps this expert out, not the list of all of them.
            let why = if c.stage == Stage::PinTeam && (c.request, c.expert) == (r, e) {
                let standing = crate::teams::standings(inst, self.policy);
                let others: Vec<usize> = self
                    .pins
                    .accepted
                    .iter()
                    .filter(|p| p.0 == r && p.1 != e)
                    .map(|p| p.1)
                    .collect();
                match crate::teams::fixed_miss(inst, &standing, r, e, &others) {
                    Some(m) => m.text(inst, r, e, lang),
                    None => lang.fill(Msg::TeamNoTeamHolds, &[("expert", &ex.id)]),
                }
            } else {
                pin_conflict_text(inst, self.policy, c, lang)
            };
            return RunnerUpView {
                refused: Some(why.clone()),
                text: lang.fill(
                    Msg::CannotForce,
                    &[("who", &label), ("score", &score), ("why", &why)],
                ),
                ..view
            };
        }
        let changes = change_views(inst, &outcome, Some((r, Some(e))), lang);
        let mut cost = lang.signed(points(outcome.delta));
        if part > EXPLAIN_RESOLVE_MAX_ARCS {
            cost = format!("{cost} {}", lang.text(Msg::NotProvenRepair));
        } else if !outcome.proven {
            cost = format!("{cost} {}", lang.text(Msg::NotProven));
        }
        let changes_words = lang.fill(
            Msg::ChangesIntro,
            &[("list", &changes_text(&changes, lang))],
        );
        let name = display_name(ex).to_string();
        let msgs = (Msg::RunnerUpLine, Msg::RunnerUpLineOpen);
        let text = runner_up_line(
            inst,
            lang,
            s,
            weakest,
            msgs,
            &[
                ("who", &label),
                ("name", &name),
                ("score", &score),
                ("status", &status),
                ("cost", &cost),
                ("changes", &changes_words),
            ],
        );
        RunnerUpView {
            objective_change: Some(round3(points(outcome.delta))),
            changes,
            text,
            ..view
        }
    }
}

/// A runner-up's line: `msgs.0` beside the weakest assigned expert `weakest` (with the score
/// difference and their name added to `args`), `msgs.1` for an open seat (no one to compare).
fn runner_up_line(
    inst: &Instance,
    lang: Lang,
    s: &Scored,
    weakest: Option<&Scored>,
    msgs: (Msg, Msg),
    args: &[(&str, &dyn std::fmt::Display)],
) -> String {
    match weakest {
        Some(w) => {
            let diff = lang.signed(s.score - w.score);
            let other = display_name(&inst.experts[w.pair.expert as usize]);
            let mut all: Vec<(&str, &dyn std::fmt::Display)> = args.to_vec();
            all.push(("diff", &diff));
            all.push(("other", &other));
            lang.fill(msgs.0, &all)
        }
        None => lang.fill(msgs.1, args),
    }
}

/// What an open seat's reason knows of its fixes: found (or not) by [`Base::fixes`], or still
/// being computed (the web page's first view).
#[derive(Clone, Copy)]
enum FixesKnown<'f> {
    Found(&'f Fixes),
    Pending,
}

/// The never-eligible counts of a request as shown, by stage in rule order.
///
/// A count of the personal stage (rules 3-4) or of the themes stage (which themes someone has is
/// health data too) of 1 or 2 is masked. Then every stage after rule 2 is folded into one count,
/// "rules 3-11 (themes, personal reasons or other rules)", which reads "fewer than 3" when it is 1
/// or 2 (`count` is `None`); the stages up to rule 2 (active, certified, role) stay exact, being
/// public anyway (the week page's pool, `check`'s role table, the phone form's candidates).
///
/// Why a fold and not a blurred largest count: the pool's size less the eligible experts less
/// every exact count gives the masked one back by subtraction, and any other stage's count (a
/// distance of 1) is as public as the role's (the fourth new-user trial, #11: 7 - 3 - 2 - 1 = 1,
/// rule 4 for the one buddy not named). A fold leaves the split between the personal stage and
/// the others open: whatever the other pages show, at least two personal counts fit it (0 and 1
/// at least, since a themes count of 1 or 2 makes the same fold). Its range is the same for
/// every request, so which stages are in it is not told either.
pub fn never_eligible_counts(counts: BTreeMap<Stage, usize>, lang: Lang) -> Vec<RuleCountView> {
    let masked = |stage: Stage, count: usize| {
        (stage.is_personal() || stage == Stage::NoSharedTheme) && (1..3).contains(&count)
    };
    let exact = |(stage, count): (Stage, usize)| RuleCountView {
        rule: stage.rule_text(),
        count: Some(count),
        text: lang.fill(
            Msg::RuleCount,
            &[
                ("rule", &stage.label_in(lang)),
                ("what", &rule_what(stage, lang)),
                ("n", &count),
            ],
        ),
    };
    if !counts.iter().any(|(&s, &c)| masked(s, c)) {
        return counts.into_iter().map(exact).collect();
    }
    let public = |s: Stage| s <= Stage::Role;
    let folded: usize = counts
        .iter()
        .filter(|(&s, _)| !public(s))
        .map(|(_, &c)| c)
        .sum();
    let mut out: Vec<RuleCountView> = counts
        .into_iter()
        .filter(|(s, _)| public(*s))
        .map(exact)
        .collect();
    out.push(RuleCountView {
        rule: FOLDED_RULES,
        count: None,
        text: lang.fill(
            Msg::RuleCount,
            &[
                ("rule", &lang.text(Msg::RulesFolded)),
                ("what", &lang.text(Msg::RuleWhatFolded)),
                ("n", &lang.count(folded)),
            ],
        ),
    });
    out
}

/// The rules of the one count [`never_eligible_counts`] folds the stages after rule 2 into.
pub const FOLDED_RULES: &str = "3-11";

/// The text of an [`ExplainRequestView`], as `explain --request` prints it.
pub fn render_explain_request(v: &ExplainRequestView, lang: Lang) -> String {
    let mut out = format!("{}\n", v.text);
    out.push_str(&format!("{}\n", lang.text(Msg::AssignedHead)));
    if v.assigned.is_empty() {
        out.push_str(&format!("  {}\n", lang.text(Msg::NobodyAssigned)));
    }
    for a in &v.assigned {
        out.push_str(&format!("  {}\n", a.text));
    }
    for p in &v.pin_conflicts {
        out.push_str(&format!("  {p}\n"));
    }
    out.push_str(&format!("{}\n", lang.text(Msg::RunnersUpHead)));
    if v.runners_up.is_empty() {
        out.push_str(&format!("  {}\n", lang.text(Msg::NoRunnersUp)));
    }
    for r in &v.runners_up {
        out.push_str(&format!("  {}\n", r.text));
    }
    if !v.never_eligible.is_empty() {
        let counts: Vec<&str> = v.never_eligible.iter().map(|c| c.text.as_str()).collect();
        out.push_str(&format!(
            "{}\n",
            lang.fill(Msg::NeverEligibleHead, &[("counts", &counts.join(", "))])
        ));
    }
    if let Some(o) = &v.open {
        out.push_str(&format!(
            "{}\n",
            lang.fill(Msg::OpenSeatsHead, &[("n", &o.seats_open), ("why", &o.why)])
        ));
        if !o.fixes.is_empty() {
            out.push_str(&format!("{}\n", lang.text(Msg::FixesHead)));
            for f in &o.fixes {
                out.push_str(&format!("  {}\n", f.text));
            }
        }
        if let Some(n) = &o.no_fix {
            out.push_str(&format!("  {n}\n"));
        }
    }
    out
}
