//! The weekly round: proposals go out, experts and organisations accept or decline, and the
//! coordinator re-runs the batch.
//!
//! Why a module of its own: a re-run must keep what people agreed to, never propose again what
//! someone declined, and move as few other proposals as it can, since every moved proposal is
//! another phone call. So the re-run is still an exact optimum, of a stated objective:
//!
//! - **accepted** pairs become pins (checked against the rules like any pin; one that now breaks
//!   a rule is a pin conflict, and a change "dropped: rule now broken");
//! - **declined** pairs are no candidates at all, also not through a pin in requests.csv;
//! - every other pair of the **previous** proposals that is still possible is worth the policy's
//!   `[round] keep_bonus` points more (default 120: more than any difference in score, as the
//!   weights sum to 100, and less than a normal seat, 200). A proposal therefore moves when that
//!   fills a seat, not for a slightly better pair.
//!
//! [`run_round`] then lists every pair as kept, dropped (with why) or new.
//!
//! The module takes readers and returns data, as the rest of the library does.

use crate::batch::{self, Adjust, BatchResult};
use crate::eligibility::{self, Stage};
use crate::ingest::assignments::{read_pair_rows, BatchIds, PairFile};
use crate::ingest::{did_you_mean, InputErrors, Source, MAX_ERRORS_PER_FILE};
use crate::messages::{Lang, Msg};
use crate::model::{normalize, Instance};
use crate::policy::Policy;
use crate::scoring::to_units;
use crate::solve::SolveOptions;
use std::collections::HashMap;

/// A decision on one proposal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Accepted by expert and organisation: kept like a pin.
    Accepted,
    /// Declined: never proposed again this week.
    Declined,
}

/// A proposal of an earlier run, or a decision on one, by ids as written (a request may have
/// been withdrawn since, an expert may have left the file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairRow {
    /// Request id.
    pub request: String,
    /// Expert id.
    pub expert: String,
    /// The decision, for a decisions row.
    pub verdict: Option<Verdict>,
    /// Line in its file.
    pub line: u64,
}

/// The inputs of a re-run: the previous proposals (a run's `assignments.csv`) and the decisions.
#[derive(Clone, Debug, Default)]
pub struct Round {
    /// The previous run's pairs.
    pub previous: Vec<PairRow>,
    /// Decisions, in file order (a later row on the same pair wins).
    pub decisions: Vec<PairRow>,
}

/// What happened to one pair between the previous run and this one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Proposed before and again now.
    Kept,
    /// Proposed before, not now, and why.
    Dropped(DropWhy),
    /// Proposed now, not before.
    New,
}

impl Change {
    /// `kept`, `dropped` or `new`.
    pub fn code(&self) -> &'static str {
        match self {
            Change::Kept => "kept",
            Change::Dropped(_) => "dropped",
            Change::New => "new",
        }
    }
}

/// Why a proposal of the previous run is not proposed again: data, rendered in the reader's
/// language by [`DropWhy::text`]. A broken rule is kept as its [`Stage`] said of a named expert,
/// so rules 3 and 4 are one stage here too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropWhy {
    /// The expert declined it (decisions).
    Declined,
    /// The request is no longer in the requests file.
    Withdrawn,
    /// The expert is no longer in the experts file.
    ExpertGone,
    /// The expert is no longer active.
    ExpertInactive,
    /// The pair now breaks a rule (the expert's stage: rules 3-4 as one), on its own or, for a
    /// pin (an accepted pair), with the pins before it: a limit (rule 9), a team rule or the
    /// seats (rule 10), the slot (rule 8), as the batch's pin conflict says.
    RuleBroken(Stage),
    /// Still eligible and not a refused pin; the re-run found a better use of the seats.
    Moved,
}

impl DropWhy {
    /// The words of the `why` column of `changes.csv` in `lang`; the personal stage (rules
    /// 3-4) reads one way whichever of the two it is.
    pub fn text(self, lang: Lang) -> String {
        match self {
            DropWhy::Declined => lang.text(Msg::DropDeclined).to_string(),
            DropWhy::Withdrawn => lang.text(Msg::DropWithdrawn).to_string(),
            DropWhy::ExpertGone => lang.text(Msg::DropExpertGone).to_string(),
            DropWhy::ExpertInactive => lang.text(Msg::DropExpertInactive).to_string(),
            DropWhy::Moved => lang.text(Msg::DropMoved).to_string(),
            DropWhy::RuleBroken(stage) => lang.fill(
                Msg::DropRuleBroken,
                &[
                    (
                        "why",
                        &if stage.is_personal() {
                            lang.text(Msg::DropPersonal)
                        } else {
                            stage.text_in(lang)
                        },
                    ),
                    ("rule", &stage.label_in(lang)),
                ],
            ),
        }
    }
}

/// One row of `changes.csv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeRow {
    /// Request id.
    pub request: String,
    /// Expert id.
    pub expert: String,
    /// What happened.
    pub change: Change,
    /// Accepted or declined, when decided.
    pub verdict: Option<Verdict>,
}

/// Reads a `decisions.csv`: `request, expert, decision` (`accepted`/`declined`, Dutch
/// `geaccepteerd`/`afgewezen`, or `ja`/`nee`, `yes`/`no`) and an optional `note`.
///
/// # Errors
///
/// Every bad row, located (file, line, column, value, what was expected): a missing column, an
/// empty id, a decision that is none of the words above.
pub fn read_decisions(src: Source<'_>) -> Result<Vec<PairRow>, InputErrors> {
    read_pairs(src, true, false)
}

/// Reads the decisions a round recorded in its `changes.csv` (`request, expert, change, why,
/// decision`, English or Dutch headers): as [`read_decisions`], where an empty decision (a pair
/// kept, dropped or new without a decision) is no decision.
///
/// # Errors
///
/// As [`read_decisions`], for a decision that is not empty.
pub fn read_recorded_decisions(src: Source<'_>) -> Result<Vec<PairRow>, InputErrors> {
    read_pairs(src, true, true)
}

/// Reads the pairs of a previous run's `assignments.csv` (columns `request` and `expert`; others
/// are ignored).
///
/// # Errors
///
/// As [`read_decisions`].
pub fn read_previous(src: Source<'_>) -> Result<Vec<PairRow>, InputErrors> {
    read_pairs(src, false, false)
}

fn parse_verdict(v: &str) -> Option<Verdict> {
    match normalize(v).as_str() {
        "accepted" | "accept" | "geaccepteerd" | "akkoord" | "ja" | "yes" | "j" | "y" => {
            Some(Verdict::Accepted)
        }
        "declined" | "decline" | "afgewezen" | "geweigerd" | "nee" | "no" | "n" => {
            Some(Verdict::Declined)
        }
        _ => None,
    }
}

fn read_pairs(
    src: Source<'_>,
    decisions: bool,
    empty_is_none: bool,
) -> Result<Vec<PairRow>, InputErrors> {
    let kind = if decisions {
        PairFile::Decisions
    } else {
        PairFile::Assignments
    };
    let t = read_pair_rows(src, kind)?;
    let mut out = Vec::new();
    let mut errs = InputErrors::default();
    for row in &t.rows {
        let verdict = match &row.decision {
            Some(v) if decisions && !(empty_is_none && v.trim().is_empty()) => {
                let parsed = parse_verdict(v);
                if parsed.is_none() {
                    if errs.errors.len() < MAX_ERRORS_PER_FILE {
                        errs.errors.push(t.cell_error(
                            row,
                            "decision",
                            v,
                            crate::ingest::Problem::NotDecision,
                        ));
                    } else {
                        errs.not_listed += 1;
                    }
                    continue;
                }
                parsed
            }
            _ => None,
        };
        out.push(PairRow {
            request: row.request.clone(),
            expert: row.expert.clone(),
            verdict,
            line: row.line,
        });
    }
    if errs.is_empty() {
        Ok(out)
    } else {
        Err(errs)
    }
}

/// Reads a decisions file ([`read_decisions`], or [`read_recorded_decisions`] when
/// `recorded`) and reads every decision's request and expert in `inst` as bookings are read
/// ([`BatchIds::expert_candidates`]: the id as written, another way, or a name that is one
/// expert's), so that every command applies the same declines (the fourth trial, #13: a
/// decline written `Anna de Vries` was dropped in silence by `suggest`, `explain` and
/// `serve`). The rows come back with the batch's own ids; an expert cell read another way is a
/// warning naming the file and line.
///
/// Cost: O(bytes + rows).
///
/// # Errors
///
/// As [`read_decisions`], and every decision on a request this batch does not have, or with an
/// expert cell that names no expert of the batch or more than one: file, line, column and the
/// value (a decline must not be dropped, nor applied to a guess).
pub fn read_decisions_in(
    src: Source<'_>,
    inst: &Instance,
    recorded: bool,
) -> Result<(Vec<PairRow>, Vec<crate::ingest::Warning>), InputErrors> {
    use crate::ingest::Problem;
    let t = read_pair_rows(src, PairFile::Decisions)?;
    let ids = BatchIds::new(inst);
    let (mut out, mut warnings) = (Vec::new(), Vec::new());
    let mut errs = InputErrors::default();
    let mut fail = |e: crate::ingest::InputError| {
        if errs.errors.len() < MAX_ERRORS_PER_FILE {
            errs.errors.push(e);
        } else {
            errs.not_listed += 1;
        }
    };
    for row in &t.rows {
        let v = row.decision.as_deref().unwrap_or("");
        if recorded && v.trim().is_empty() {
            continue;
        }
        let Some(verdict) = parse_verdict(v) else {
            fail(t.cell_error(row, "decision", v, Problem::NotDecision));
            continue;
        };
        let request = ids.request(&row.request);
        if request.is_none() {
            let p = Problem::NotInBatch { request: true };
            fail(t.cell_error(row, "request", &row.request, p));
        }
        let expert = match ids.expert_candidates(&row.expert) {
            (c, exact) if c.len() == 1 => {
                if !exact {
                    let id = &inst.experts[c[0]].id;
                    let w = crate::ingest::assignments::expert_read_warning(
                        &t.file,
                        row.line,
                        &row.expert,
                        id,
                    );
                    warnings.push(w);
                }
                Some(c[0])
            }
            (c, _) if c.is_empty() => {
                let p = Problem::NotInBatch { request: false };
                fail(t.cell_error(row, "expert", &row.expert, p));
                None
            }
            (c, _) => {
                let named = c.iter().map(|&i| inst.experts[i].id.clone()).collect();
                let p = Problem::AmbiguousExpert(named);
                fail(t.cell_error(row, "expert", &row.expert, p));
                None
            }
        };
        if let (Some(r), Some(e)) = (request, expert) {
            out.push(PairRow {
                request: inst.requests[r].id.clone(),
                expert: inst.experts[e].id.clone(),
                verdict: Some(verdict),
                line: row.line,
            });
        }
    }
    if errs.errors.is_empty() {
        Ok((out, warnings))
    } else {
        errs.warnings = warnings;
        Err(errs)
    }
}

/// The declined (request, expert) pairs of `decisions` as indexes of `inst`, sorted: the last
/// decision on a pair counts, ids compared as [`run_round`] compares them. A decision on an id
/// that is not in the batch cannot apply and is left out ([`run_round`] warns of it). This is
/// the exclusion every candidate list of the week goes through ([`crate::batch::Adjust`]'s
/// `forbidden`, [`crate::explain::suggest_except`],
/// [`crate::explain::Base::from_assignments_except`]). O(decisions · log decisions).
pub fn declined_pairs(inst: &Instance, decisions: &[PairRow]) -> Vec<(usize, usize)> {
    let ids = BatchIds::new(inst);
    let mut last: HashMap<(usize, usize), Option<Verdict>> = HashMap::new();
    for d in decisions {
        if let (Some(r), Some(e)) = (ids.request(&d.request), ids.expert(&d.expert)) {
            last.insert((r, e), d.verdict);
        }
    }
    let mut out: Vec<(usize, usize)> = last
        .into_iter()
        .filter(|(_, v)| *v == Some(Verdict::Declined))
        .map(|(p, _)| p)
        .collect();
    out.sort_unstable();
    out
}

/// The outcome of a re-run.
#[derive(Clone, Debug)]
pub struct RoundResult {
    /// The batch as the round solved it: the accepted decisions added to the requests' pins
    /// (a declined pin stays, and is a pin conflict, `declined`). Reasons and fixes of the
    /// result must be computed on this instance, with the result's `forbidden` pairs.
    pub instance: Instance,
    /// The batch, solved with the round's pins, forbidden pairs and keep bonus.
    pub result: BatchResult,
    /// Every pair of the previous run and of this one, in (request, expert) order of ids.
    pub changes: Vec<ChangeRow>,
    /// Warnings: decisions on pairs that were not proposed, or on unknown ids.
    pub warnings: Vec<crate::ingest::Warning>,
}

/// Re-runs a batch in the weekly round (see the module docs): accepted pairs pinned, declined
/// pairs forbidden, the other previous pairs worth `policy.round.keep_bonus` more.
///
/// `inst` is the batch as read now; ids of the previous run that are no longer in it count as a
/// withdrawn request or an expert who left. A decision on an id that is not in the batch is a
/// warning, not an error: the decision cannot apply any more. Ids are compared as experts.csv
/// and requests.csv compare them ([`crate::model::normalize`]): `r00002` or `R00002` with an
/// invisible character is request `R00002`.
///
/// Cost: one batch solve ([`batch::run_adjusted`]) plus O(pairs · log pairs).
pub fn run_round(
    inst: &Instance,
    policy: &Policy,
    opts: &SolveOptions,
    round: &Round,
) -> RoundResult {
    // Every id as the batch writes it, so that a decision on `r00002` applies to `R00002`.
    let ids = BatchIds::new(inst);
    let canonical = |p: &PairRow| {
        let mut p = p.clone();
        if let Some(r) = ids.request(&p.request) {
            p.request = inst.requests[r].id.clone();
        }
        if let Some(e) = ids.expert(&p.expert) {
            p.expert = inst.experts[e].id.clone();
        }
        p
    };
    let round = &Round {
        previous: round.previous.iter().map(canonical).collect(),
        decisions: round.decisions.iter().map(canonical).collect(),
    };
    let req_index: HashMap<&str, usize> = inst
        .requests
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let exp_index: HashMap<&str, usize> = inst
        .experts
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let mut warnings = Vec::new();
    let mut verdicts: HashMap<(&str, &str), Verdict> = HashMap::new();
    for d in &round.decisions {
        if let Some(v) = d.verdict {
            verdicts.insert((d.request.as_str(), d.expert.as_str()), v);
        }
    }
    let mut inst_pinned = inst.clone();
    let (mut forbidden, mut kept) = (Vec::new(), Vec::new());
    for d in &round.decisions {
        let (Some(&ri), Some(&ei)) = (
            req_index.get(d.request.as_str()),
            exp_index.get(d.expert.as_str()),
        ) else {
            let (msg, id, hint) = if !req_index.contains_key(d.request.as_str()) {
                let hint = did_you_mean(&d.request, inst.requests.iter().map(|r| r.id.as_str()));
                (Msg::RoundUnknownRequest, &d.request, hint)
            } else {
                let hint = did_you_mean(&d.expert, inst.experts.iter().map(|e| e.id.as_str()));
                (Msg::RoundUnknownExpert, &d.expert, hint)
            };
            let line = d.line;
            warnings.push(crate::ingest::Warning::new(|lang| {
                let hint = hint.as_ref().map_or_else(String::new, |h| {
                    lang.fill(Msg::RoundDidYouMean, &[("id", &format!("{h:?}"))])
                });
                lang.fill(
                    msg,
                    &[("line", &line), ("id", &format!("{id:?}")), ("hint", &hint)],
                )
            }));
            continue;
        };
        // The last decision on a pair is the one that counts.
        match verdicts.get(&(d.request.as_str(), d.expert.as_str())) {
            Some(Verdict::Accepted) => {
                let pins = &mut inst_pinned.requests[ri].pinned;
                if !pins.contains(&ei) {
                    pins.push(ei);
                }
            }
            Some(Verdict::Declined) => forbidden.push((ri, ei)),
            None => {}
        }
    }
    for p in &round.previous {
        if let (Some(&ri), Some(&ei)) = (
            req_index.get(p.request.as_str()),
            exp_index.get(p.expert.as_str()),
        ) {
            if !verdicts.contains_key(&(p.request.as_str(), p.expert.as_str())) {
                kept.push((ri, ei));
            }
        }
    }
    forbidden.sort_unstable();
    forbidden.dedup();
    kept.sort_unstable();
    kept.dedup();
    let adjust = Adjust {
        forbidden,
        kept,
        bonus: to_units(policy.round.keep_bonus),
    };
    let result = batch::run_adjusted(&inst_pinned, policy, opts, &adjust);
    let changes = compare(&inst_pinned, policy, round, &result, &verdicts);
    RoundResult {
        instance: inst_pinned,
        result,
        changes,
        warnings,
    }
}

/// Every pair of the previous run and of `res`: kept, dropped with why, or new.
fn compare(
    inst: &Instance,
    policy: &Policy,
    round: &Round,
    res: &BatchResult,
    verdicts: &HashMap<(&str, &str), Verdict>,
) -> Vec<ChangeRow> {
    let now: std::collections::BTreeSet<(&str, &str)> = res
        .assignments
        .iter()
        .map(|a| {
            (
                inst.requests[a.request].id.as_str(),
                inst.experts[a.expert].id.as_str(),
            )
        })
        .collect();
    let before: std::collections::BTreeSet<(&str, &str)> = round
        .previous
        .iter()
        .map(|p| (p.request.as_str(), p.expert.as_str()))
        .collect();
    let request = |id: &str| inst.requests.iter().find(|r| r.id == id);
    let expert = |id: &str| inst.experts.iter().find(|e| e.id == id);
    // A pin (an accepted pair, or a pin of requests.csv) the batch refused: the rule it broke
    // (a limit with the pins before it, a team rule, the seats), not a better use of the seats.
    let refused: HashMap<(&str, &str), Stage> = res
        .pin_conflicts
        .iter()
        .map(|c| {
            (
                (
                    inst.requests[c.request].id.as_str(),
                    inst.experts[c.expert].id.as_str(),
                ),
                c.stage,
            )
        })
        .collect();
    let mut out = Vec::new();
    for &(r, e) in before.union(&now) {
        let verdict = verdicts.get(&(r, e)).copied();
        let change = match (before.contains(&(r, e)), now.contains(&(r, e))) {
            (true, true) => Change::Kept,
            (false, _) => Change::New,
            (true, false) => Change::Dropped(match (request(r), expert(e)) {
                _ if verdict == Some(Verdict::Declined) => DropWhy::Declined,
                (None, _) => DropWhy::Withdrawn,
                (_, None) => DropWhy::ExpertGone,
                (_, Some(ex)) if !ex.active => DropWhy::ExpertInactive,
                (Some(rq), Some(ex)) => {
                    match eligibility::check(inst, policy, rq, ex).iter().next() {
                        Some(reason) => DropWhy::RuleBroken(reason.stage_of_expert()),
                        None => match refused.get(&(r, e)) {
                            Some(&stage) => DropWhy::RuleBroken(stage),
                            None => DropWhy::Moved,
                        },
                    }
                }
            }),
        };
        out.push(ChangeRow {
            request: r.to_string(),
            expert: e.to_string(),
            change,
            verdict,
        });
    }
    out
}

/// Counts of a round's changes: (kept, of which accepted), dropped, new.
pub fn counts(changes: &[ChangeRow]) -> (usize, usize, usize, usize) {
    let kept = changes.iter().filter(|c| c.change == Change::Kept).count();
    let accepted = changes
        .iter()
        .filter(|c| c.change == Change::Kept && c.verdict == Some(Verdict::Accepted))
        .count();
    let dropped = changes
        .iter()
        .filter(|c| matches!(c.change, Change::Dropped(_)))
        .count();
    let new = changes.iter().filter(|c| c.change == Change::New).count();
    (kept, accepted, dropped, new)
}
