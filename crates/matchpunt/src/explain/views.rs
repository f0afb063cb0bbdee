//! Views: what `suggest` prints, as data (for `--format json`) with the texts in the chosen
//! language; and the words of a reason, a near miss and a funnel, shared by every view.

#[allow(unused_imports)]
use super::*;

// ---------------------------------------------------------------------------------------------
// Views: what `suggest` and `explain` print, as data (for `--format json`) with the texts in
// the chosen language.

pub(crate) fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

pub(crate) fn points(units: i64) -> f64 {
    units as f64 / SCALE
}

/// A request as shown.
#[derive(Clone, Debug, Serialize)]
pub struct RequestView {
    /// Request id.
    pub id: String,
    /// Organisation.
    pub org: String,
    /// Role code.
    pub role: &'static str,
    /// Place (None online).
    pub place: Option<String>,
    /// Online.
    pub online: bool,
    /// Slot code (`wed-pm`), None when flexible.
    pub slot: Option<String>,
    /// Seats asked.
    pub seats: u32,
    /// Load of one seat.
    pub intensity: u32,
    /// 1 low, 2 normal, 3 urgent.
    pub priority: u8,
    /// Language code.
    pub language: String,
    /// The request's own themes, as the theme vocabulary names them (never an expert's).
    pub themes: Vec<String>,
}

pub(crate) fn request_view(inst: &Instance, r: &Request) -> RequestView {
    RequestView {
        id: r.id.clone(),
        org: inst.orgs.name(r.org).to_string(),
        role: r.role.as_str(),
        place: (!r.online).then(|| r.place.clone()),
        online: r.online,
        slot: r.slot.map(|s| s.to_string()),
        seats: r.experts_needed,
        intensity: r.intensity,
        priority: r.priority,
        language: inst.languages.name(r.language).to_string(),
        themes: r
            .themes
            .iter()
            .map(|&t| inst.themes.name(t).to_string())
            .collect(),
    }
}

pub(crate) fn where_text(r: &Request, lang: Lang) -> String {
    if r.online {
        lang.text(Msg::Online).to_string()
    } else {
        r.place.clone()
    }
}

pub(crate) fn slot_text(r: &Request, lang: Lang) -> String {
    r.slot
        .map(|s| lang.slot(s))
        .unwrap_or_else(|| lang.text(Msg::Flexible).to_string())
}

/// One part of a candidate's score, in words.
#[derive(Clone, Debug, Serialize)]
pub struct PartView {
    /// The part's name (`theme_fit`, `distance`, ...; `waiting` for the waiting advantage).
    pub part: &'static str,
    /// The part's value, 0 to 1.
    pub value: f64,
    /// Points it adds to the score (weight × value); for `waiting`, the points the batch adds
    /// to the pair's value beside the score.
    pub points: f64,
    /// In words.
    pub text: String,
}

/// The parts of a pair's score in words, largest contribution first; parts worth nothing and
/// an age part that does not apply are left out. Last, where the policy gives one, the
/// expert's waiting advantage (not in the score, in the pair's value).
pub fn part_views(
    inst: &Instance,
    policy: &Policy,
    hist: &[ExpertHistory],
    s: &Scored,
    lang: Lang,
) -> Vec<PartView> {
    let r = &inst.requests[s.pair.request as usize];
    let ei = s.pair.expert as usize;
    let e = &inst.experts[ei];
    let h = &hist[ei];
    let p = &s.parts;
    let w = &policy.weights;
    let mut out = Vec::new();
    let mut push = |part: &'static str, value: f64, weight: f64, text: String| {
        let pts = value * weight;
        if pts > 0.0 {
            out.push(PartView {
                part,
                value: round3(value),
                points: round3(pts),
                text,
            });
        }
    };
    let n = r.themes.len();
    let k = (p.theme_fit * n as f64).round() as usize;
    push(
        "theme_fit",
        p.theme_fit,
        w.theme_fit,
        if n == 1 {
            lang.text(Msg::SharesAllThemes).to_string()
        } else {
            lang.fill(Msg::SharesThemes, &[("k", &k), ("n", &n)])
        },
    );
    push(
        "distance",
        p.distance,
        w.distance,
        match s.distance_km {
            None => lang.text(Msg::WorksOnline).to_string(),
            Some(d) => lang.fill(
                Msg::KmAway,
                &[
                    ("km", &lang.num(d, 1)),
                    ("max", &km_limit(lang, e.max_travel_km)),
                ],
            ),
        },
    );
    let with_org = match inst.week {
        Some(week) => inst
            .history
            .iter()
            .filter(|x| x.expert == ei && x.org == r.org && week.weeks_since(x.week) >= 1)
            .count(),
        None => 0,
    };
    push(
        "continuity",
        p.continuity,
        w.continuity,
        if r.preferred_expert == Some(ei) {
            lang.text(Msg::Preferred).to_string()
        } else if with_org == 1 {
            lang.text(Msg::OrgOnce).to_string()
        } else {
            lang.fill(Msg::OrgTimes, &[("n", &with_org)])
        },
    );
    push(
        "recent_load",
        p.recent_load,
        w.recent_load,
        lang.text(if p.recent_load >= 0.75 {
            Msg::LoadLight
        } else if p.recent_load >= 0.4 {
            Msg::LoadModerate
        } else {
            Msg::LoadHeavy
        })
        .to_string(),
    );
    push(
        "fair_spread",
        p.fair_spread,
        w.fair_spread,
        lang.text(if h.decayed_count == 0.0 {
            Msg::SpreadNone
        } else if p.fair_spread >= 0.5 {
            Msg::SpreadFew
        } else {
            Msg::SpreadMany
        })
        .to_string(),
    );
    let roles = h.role_counts[r.role.index()];
    push(
        "role_experience",
        p.role_experience,
        w.role_experience,
        if roles == 1 {
            lang.text(Msg::RoleOnce).to_string()
        } else {
            lang.fill(Msg::RoleTimes, &[("n", &roles)])
        },
    );
    if let (Role::Buddy, Some(age), Some(by)) = (r.role, r.client_age, e.birth_year) {
        let gap = (eligibility::age_in_week(by, inst) - age as i32).unsigned_abs();
        push(
            "age_proximity",
            p.age_proximity,
            w.age_proximity,
            if gap == 0 {
                lang.text(Msg::AgeSame).to_string()
            } else {
                lang.fill(Msg::AgeGap, &[("years", &gap)])
            },
        );
    }
    out.sort_by(|a, b| b.points.total_cmp(&a.points));
    // The waiting advantage ([`crate::scoring::waiting_points`]) is not part of the score but
    // is in the pair's value in the batch: said last, so that a cost "in total" that differs
    // from the score's difference by it has a reason shown.
    let waiting = crate::scoring::waiting_points(policy, h);
    if waiting > 0.0 {
        let weeks = policy.history.waiting_weeks;
        out.push(PartView {
            part: "waiting",
            value: round3(f64::from(h.waited.min(weeks)) / f64::from(weeks)),
            points: round3(waiting),
            text: lang.fill(
                Msg::Waiting,
                &[("n", &h.waited), ("pts", &lang.signed(waiting))],
            ),
        });
    }
    out
}

/// An expert's week as shown with a candidate.
#[derive(Clone, Debug, Serialize)]
pub struct WeekView {
    /// Assignments this week before this request.
    pub assignments: u32,
    /// Load this week before this request.
    pub load: u32,
    /// The expert's most assignments.
    pub max_assignments: u32,
    /// The expert's load budget.
    pub load_budget: u32,
    /// Load left after this request: of the weekly budget, or of what the rolling budget
    /// leaves this week where that is less (the text then says so).
    pub load_left_after: i64,
    /// In words.
    pub text: String,
}

/// One suggested expert as shown.
#[derive(Clone, Debug, Serialize)]
pub struct CandidateView {
    /// 1 = best.
    pub rank: usize,
    /// Expert id.
    pub expert: String,
    /// Display name.
    pub name: String,
    /// The pair's score in points.
    pub score: f64,
    /// What ranks: the score minus the batch spread of one more assignment this week.
    pub rank_score: f64,
    /// Km (None online).
    pub distance_km: Option<f64>,
    /// This week's bookings (with an assignments file).
    pub week: Option<WeekView>,
    /// The score's parts in words, largest first.
    pub reasons: Vec<PartView>,
    /// Rank, name, id, score and km.
    pub heading: String,
    /// The whole candidate in words.
    pub text: String,
}

/// One near miss as shown.
#[derive(Clone, Debug, Serialize)]
pub struct NearMissView {
    /// Expert id.
    pub expert: String,
    /// Display name.
    pub name: String,
    /// Why not ([`Miss::code`]).
    pub code: &'static str,
    /// How far off ([`Miss::gap`]).
    pub gap: f64,
    /// Km (on site).
    pub distance_km: Option<f64>,
    /// Available slots not booked this week (codes).
    pub free_slots: Vec<String>,
    /// In words.
    pub text: String,
}

/// The output of `suggest`; `--format json` prints it as is.
#[derive(Clone, Debug, Serialize)]
pub struct SuggestView {
    /// `matchpunt.suggest/1`.
    pub schema: &'static str,
    /// Language of the texts.
    pub lang: &'static str,
    /// The batch week.
    pub week: Option<String>,
    /// The request.
    pub request: RequestView,
    /// Experts meeting rules 1-8.
    pub eligible: usize,
    /// Of those, free this week (with an assignments file).
    pub free: Option<usize>,
    /// The candidates, best first.
    pub candidates: Vec<CandidateView>,
    /// Near misses, closest first.
    pub near_misses: Vec<NearMissView>,
    /// Why nobody is suggested, when nobody is.
    pub nobody: Option<String>,
    /// Notes (the request's own assignments in the file).
    pub notes: Vec<String>,
    /// The heading line.
    pub text: String,
}

pub(crate) fn slot_codes(bits: u32) -> Vec<String> {
    (0..21u8)
        .filter(|s| bits & (1 << s) != 0)
        .map(|s| Slot(s).to_string())
        .collect()
}

pub(crate) fn week_view(
    r: &Request,
    e: &Expert,
    u: &WeekUse,
    policy: &Policy,
    lang: Lang,
) -> WeekView {
    // What this week may still carry: the weekly budget, or less where the rolling budget
    // leaves less (Expert::budget), as the limit check reads it.
    let left = e.budget() as i64 - u.load as i64 - r.intensity as i64;
    let mut text = if u.count == 0 {
        lang.fill(
            Msg::WeekFree,
            &[("left", &left), ("budget", &e.load_budget)],
        )
    } else {
        lang.fill(
            Msg::WeekBooked,
            &[
                ("n", &u.count),
                (
                    "spread",
                    &lang.signed(-policy.objective.batch_spread * u.count as f64),
                ),
                ("left", &left),
                ("budget", &e.load_budget),
            ],
        )
    };
    if e.budget() < e.load_budget {
        text.push_str(&lang.fill(
            Msg::WeekRollingBinds,
            &[("weeks", &policy.rules.rolling_weeks)],
        ));
    }
    WeekView {
        assignments: u.count,
        load: u.load,
        max_assignments: e.max_assignments,
        load_budget: e.load_budget,
        load_left_after: left,
        text,
    }
}

/// The near miss in words.
pub fn miss_text(
    inst: &Instance,
    policy: &Policy,
    r: &Request,
    e: &Expert,
    u: &WeekUse,
    miss: Miss,
    lang: Lang,
) -> String {
    match miss {
        Miss::Rule(stage) => reason_text(inst, policy, r, e, u, stage, lang),
        Miss::Busy => lang.fill(
            Msg::BusyInSlot,
            &[("slot", &r.slot.map(|s| lang.slot(s)).unwrap_or_default())],
        ),
        Miss::AtCount => lang.fill(
            Msg::AtMaxCount,
            &[("n", &u.count), ("max", &e.max_assignments)],
        ),
        // Within the weekly budget but over what the rolling budget leaves: say which.
        Miss::AtLoad if u.load + r.intensity <= e.load_budget => lang.fill(
            Msg::AtRollingLoad,
            &[
                ("left", &e.budget().saturating_sub(u.load)),
                ("weeks", &policy.rules.rolling_weeks),
                ("needs", &r.intensity),
            ],
        ),
        Miss::AtLoad => lang.fill(
            Msg::AtLoad,
            &[
                ("load", &(u.load + r.intensity)),
                ("budget", &e.load_budget),
            ],
        ),
        Miss::HeavyPause => lang.text(Msg::HeavyPauseWeek).to_string(),
        Miss::Unsure => lang.text(Msg::Unsure).to_string(),
        Miss::HeavyTrajectory { every_weeks, pause } => lang.fill(
            Msg::HeavyTrajectoryPause,
            &[("every", &every_weeks), ("pause", &pause)],
        ),
        Miss::Rolling { meetings, left } => lang.fill(
            if meetings > 1 {
                Msg::RollingTrajectory
            } else {
                Msg::RollingReserved
            },
            &[("n", &meetings), ("left", &left)],
        ),
    }
}

/// One broken rule in words; rules 3 and 4 (and a missing theme, said of a named expert) only
/// as "not for this request now".
pub fn reason_text(
    inst: &Instance,
    policy: &Policy,
    r: &Request,
    e: &Expert,
    u: &WeekUse,
    stage: Stage,
    lang: Lang,
) -> String {
    use Stage as Reason;
    match stage {
        Reason::Inactive => lang.text(Msg::OnLeave).into(),
        Reason::NotCertified => lang.text(Msg::NotCertifiedYet).into(),
        Reason::SupervisionLapsed => lang.text(Msg::SupervisionOld).into(),
        Reason::HeavyPause => lang.text(Msg::HeavyPauseNow).into(),
        Reason::Role => lang.text(Msg::NoRole).into(),
        Reason::NoSharedTheme | Reason::Personal => lang.text(Msg::NotNow).into(),
        Reason::NotOnline => lang.text(Msg::NotOnlineWork).into(),
        Reason::TooFar => match eligibility::distance_km(r, e) {
            Some(d) => lang.fill(
                Msg::TooFarKm,
                &[
                    ("km", &lang.num(d, 1)),
                    ("max", &km_limit(lang, e.max_travel_km)),
                ],
            ),
            None => lang.text(Msg::NoPlace).into(),
        },
        Reason::Language => lang.fill(
            Msg::NoLanguage,
            &[("language", &lang.language(inst.languages.name(r.language)))],
        ),
        Reason::Gender => lang.text(Msg::NotGender).into(),
        Reason::AgeGap => {
            let gap = match (r.client_age, e.birth_year) {
                (Some(a), Some(by)) => {
                    (eligibility::age_in_week(by, inst) - a as i32).unsigned_abs()
                }
                _ => 0,
            };
            lang.fill(
                Msg::AgeGapTooBig,
                &[("years", &gap), ("max", &policy.rules.buddy_max_age_gap)],
            )
        }
        Reason::SlotUnavailable => lang.fill(
            Msg::NotInSlot,
            &[
                ("slot", &r.slot.map(|s| lang.slot(s)).unwrap_or_default()),
                ("free", &lang.slots(e.availability.0 & !u.slots)),
            ],
        ),
        Reason::NoAvailability => lang.text(Msg::NoAvailabilityAtAll).into(),
        Reason::PinnedInSlot => lang.text(Msg::PinRule8).into(),
        Reason::PinLimits => lang.text(Msg::PinRule9).into(),
        Reason::PinSeats => lang.text(Msg::PinRule10).into(),
        Reason::PinTeam => lang.text(Msg::StagePinTeamSaid).into(),
        Reason::Declined => lang.text(Msg::PinDeclined).into(),
    }
}

/// The first rule that no expert meets for request `r`, in words, naming (up to five of) the
/// experts who meet every rule before it (not when the rule is 3 or 4: that would tell something
/// personal about each); None when someone meets them all.
pub fn funnel_text(inst: &Instance, policy: &Policy, r: &Request, lang: Lang) -> Option<String> {
    let f = eligibility::funnel(inst, policy, r);
    let zero = f.iter().position(|x| x.1 == 0)?;
    let stage = f[zero].0;
    let stage_text = match stage {
        Stage::Inactive => lang.text(Msg::StageActive).to_string(),
        Stage::NotCertified => lang.text(Msg::StageCertified).to_string(),
        Stage::SupervisionLapsed => lang.text(Msg::StageSupervision).to_string(),
        Stage::HeavyPause => lang.text(Msg::StageHeavyPause).to_string(),
        Stage::Role => lang.text(Msg::StageRole).to_string(),
        Stage::NoSharedTheme => lang.text(Msg::StageThemes).to_string(),
        Stage::Personal => lang.text(Msg::StagePersonal).to_string(),
        Stage::NotOnline => lang.text(Msg::StageOnline).to_string(),
        Stage::TooFar => lang.text(Msg::StageDistance).to_string(),
        Stage::Language => lang.fill(
            Msg::StageLanguage,
            &[("language", &lang.language(inst.languages.name(r.language)))],
        ),
        Stage::Gender => lang.text(Msg::StageGender).to_string(),
        Stage::AgeGap => lang.text(Msg::StageAge).to_string(),
        Stage::SlotUnavailable => lang.fill(
            Msg::StageSlot,
            &[("slot", &r.slot.map(|s| lang.slot(s)).unwrap_or_default())],
        ),
        Stage::NoAvailability => lang.text(Msg::StageAnySlot).to_string(),
        // Not stages of the funnel (pins).
        Stage::PinnedInSlot
        | Stage::PinLimits
        | Stage::PinSeats
        | Stage::PinTeam
        | Stage::Declined => lang.text(Msg::StageAnySlot).to_string(),
    };
    let rule = stage.label_in(lang);
    let before_idx = zero;
    if before_idx == 0 {
        return Some(lang.fill(
            Msg::FunnelNobody,
            &[("stage", &stage_text), ("rule", &rule)],
        ));
    }
    let passed: Vec<&str> = eligibility::funnel_passed(inst, policy, r, before_idx)
        .into_iter()
        .map(|i| inst.experts[i].id.as_str())
        .collect();
    if matches!(stage, Stage::NoSharedTheme | Stage::Personal) {
        // Naming the experts who fail only here would tell something personal about each, and
        // a count of 1 or 2 would single them out.
        return Some(lang.fill(
            Msg::FunnelAmongUnnamed,
            &[
                ("n", &lang.count(passed.len())),
                ("stage", &stage_text),
                ("rule", &rule),
            ],
        ));
    }
    let mut names: Vec<String> = passed.iter().take(5).map(|s| s.to_string()).collect();
    if passed.len() > 5 {
        names.push(lang.fill(Msg::ExpertMoreEligible, &[("n", &(passed.len() - 5))]));
    }
    Some(lang.fill(
        Msg::FunnelAmong,
        &[
            ("n", &passed.len()),
            ("experts", &lang.list(&names)),
            ("stage", &stage_text),
            ("rule", &rule),
        ],
    ))
}

/// The view of a [`Suggestion`] in `lang`.
pub fn suggest_view(
    inst: &Instance,
    policy: &Policy,
    s: &Suggestion,
    booked: Option<&Booked>,
    lang: Lang,
) -> SuggestView {
    let r = &inst.requests[s.request];
    let hist = scoring::history_stats(inst, policy);
    let none = WeekUse::default();
    let use_of = |e: usize| booked.map_or(none, |b| b.uses[e]);
    let candidates = s
        .candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let ei = c.scored.pair.expert as usize;
            let e = &inst.experts[ei];
            let reasons = part_views(inst, policy, &hist, &c.scored, lang);
            let week = s.booked.then(|| week_view(r, e, &c.week, policy, lang));
            let mut words: Vec<String> = reasons.iter().map(|p| p.text.clone()).collect();
            if let Some(w) = &week {
                words.push(w.text.clone());
            }
            let head = lang.fill(
                Msg::CandidateLine,
                &[
                    ("rank", &(i + 1)),
                    ("who", &expert_label(e)),
                    ("score", &lang.num(c.rank_score, 1)),
                    (
                        "km",
                        &c.scored
                            .distance_km
                            .map(|d| format!(", {} km", lang.num(d, 1)))
                            .unwrap_or_default(),
                    ),
                ],
            );
            CandidateView {
                rank: i + 1,
                expert: e.id.clone(),
                name: e.name.clone(),
                score: round3(c.scored.score),
                rank_score: round3(c.rank_score),
                distance_km: c.scored.distance_km.map(round3),
                week,
                reasons,
                text: format!("{head}: {}", words.join("; ")),
                heading: head,
            }
        })
        .collect();
    let near_misses = s
        .near
        .iter()
        .map(|n| {
            let e = &inst.experts[n.expert];
            let u = use_of(n.expert);
            let why = miss_text(inst, policy, r, e, &u, n.miss, lang);
            let not_now = n.miss.code() == "not-now";
            let mut extra = Vec::new();
            if !not_now {
                if let (Some(d), false) = (n.distance_km, n.miss == Miss::Rule(Stage::TooFar)) {
                    extra.push(lang.fill(Msg::NearExtraKm, &[("km", &lang.num(d, 1))]));
                }
                if !matches!(n.miss, Miss::Rule(Stage::SlotUnavailable)) {
                    extra.push(
                        lang.fill(Msg::NearExtraFree, &[("free", &lang.slots(n.free_slots))]),
                    );
                }
            }
            let extra = if extra.is_empty() {
                String::new()
            } else {
                format!(" ({})", extra.join("; "))
            };
            NearMissView {
                expert: e.id.clone(),
                name: e.name.clone(),
                code: n.miss.code(),
                gap: n.gap,
                distance_km: if not_now {
                    None
                } else {
                    n.distance_km.map(round3)
                },
                free_slots: if not_now {
                    Vec::new()
                } else {
                    slot_codes(n.free_slots)
                },
                text: lang.fill(
                    Msg::NearMissLine,
                    &[("who", &expert_label(e)), ("why", &why), ("extra", &extra)],
                ),
            }
        })
        .collect();
    let nobody = if s.eligible == 0 {
        funnel_text(inst, policy, r, lang)
    } else if s.free == 0 {
        Some(lang.text(Msg::NobodyFree).to_string())
    } else {
        None
    };
    let mut notes: Vec<String> = crate::teams::trajectory_text(inst, s.request, lang)
        .into_iter()
        .collect();
    if let Some(b) = booked {
        if !b.own.is_empty() {
            let ids: Vec<&str> = b.own.iter().map(|&e| inst.experts[e].id.as_str()).collect();
            notes.push(lang.fill(
                Msg::OwnAssignments,
                &[("n", &ids.len()), ("experts", &lang.list(&ids))],
            ));
        }
    }
    if let Some(teams) = &s.teams {
        if teams.is_empty() {
            notes.push(lang.fill(Msg::TeamNoProposal, &[("n", &r.experts_needed)]));
        } else {
            let names: Vec<String> = teams
                .iter()
                .map(|t| {
                    let ids: Vec<&str> = t.iter().map(|&e| inst.experts[e].id.as_str()).collect();
                    ids.join(" + ")
                })
                .collect();
            notes.push(lang.fill(Msg::TeamProposals, &[("teams", &names.join(", "))]));
        }
    }
    let args: [(&str, &dyn Display); 7] = [
        ("request", &r.id),
        ("org", &inst.orgs.name(r.org)),
        ("role", &lang.role(r.role)),
        ("where", &where_text(r, lang)),
        ("slot", &slot_text(r, lang)),
        ("n", &s.eligible),
        ("free", &s.free),
    ];
    let text = lang.fill(
        if s.booked {
            Msg::SuggestHeadBooked
        } else {
            Msg::SuggestHead
        },
        &args,
    );
    SuggestView {
        schema: "matchpunt.suggest/1",
        lang: lang.code(),
        week: inst.week.map(|w| w.to_string()),
        request: request_view(inst, r),
        eligible: s.eligible,
        free: s.booked.then_some(s.free),
        candidates,
        near_misses,
        nobody,
        notes,
        text,
    }
}

pub(crate) fn display_name(e: &Expert) -> &str {
    if e.name.is_empty() {
        &e.id
    } else {
        &e.name
    }
}

/// The text of a [`SuggestView`], as `suggest` prints it.
pub fn render_suggest(v: &SuggestView, lang: Lang) -> String {
    let mut out = format!("{}\n", v.text);
    for n in &v.notes {
        out.push_str(&format!("  {n}\n"));
    }
    if let Some(n) = &v.nobody {
        out.push_str(&format!("  {n}\n"));
    }
    for c in &v.candidates {
        out.push_str(&format!("{:>2}{}\n", "", c.heading));
        let words: Vec<&str> = c.reasons.iter().map(|p| p.text.as_str()).collect();
        out.push_str(&format!("      {}\n", words.join("; ")));
        if let Some(w) = &c.week {
            out.push_str(&format!("      {}\n", w.text));
        }
    }
    if !v.near_misses.is_empty() {
        out.push_str(lang.text(Msg::NearMissesHead));
        out.push('\n');
        for n in &v.near_misses {
            out.push_str(&format!("  {}\n", n.text));
        }
    }
    out
}
