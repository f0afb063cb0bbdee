//! Reading experts, requests and history as the data contract says.
//!
//! Coordinators export these files from spreadsheets, so ingest is forgiving about form (the
//! encodings, delimiters, line ends, lines before the header and Dutch header names of
//! [`crate::ingest::sheet`], decimal commas, cells as Excel users type them) and strict about content: a
//! header close to a known column is an error, not an ignored column, and every bad cell
//! becomes an [`InputError`] naming file, line, column, the value and what was expected, and all the
//! errors of a batch are returned together (up to [`MAX_ERRORS_PER_FILE`] per file). A batch with any
//! error yields no [`Instance`], so nothing downstream ever sees half-read data.
//!
//! The library takes readers, never paths: the caller names each source for the messages.
//!
//! What lives here: [`sheet`] turns bytes into text (encodings by evidence, delimiters, line
//! ends, the header line and its aliases); [`workbook`] reads one sheet of an xlsx/xls/ods
//! workbook, bounded before the spreadsheet library allocates, with each cell's problems
//! (error values, formulas without a value, merges); [`gate`] is the one list of safety columns
//! and what is refused in them; [`assignments`] is the one reader of the small files (previous
//! assignments, decisions, bookings); this file turns cells into typed values.

pub mod decode;
pub mod gate;
pub mod ids;
pub mod sheet;
pub mod workbook;

use crate::messages::Msg;
use crate::model::places::Places;
use crate::model::{
    normalize, Expert, HistoryRow, Instance, Interner, LatLon, Request, Role, RoleSet, Slot,
    SlotSet, Supervision, Week,
};
use crate::names::org;
use crate::policy::{Heavy, Policy};
use sheet::{HeaderMatch, HeaderNames, Lines};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::Read;

pub mod assignments;
mod cells;
mod error;
mod not_with;
mod orgs;
mod persons;
mod problem;
mod problem_kinds;
mod rows;
mod table;
mod unknown_columns;
mod warning;

pub use cells::*;
pub use error::*;
use not_with::*;
pub use orgs::*;
pub use problem::*;
use rows::*;
use table::*;
pub use warning::Warning;

/// One input: a name for messages and a reader.
pub struct Source<'a> {
    /// The name used in messages (usually the path).
    pub name: String,
    /// The bytes.
    pub reader: Box<dyn Read + 'a>,
}

impl<'a> Source<'a> {
    /// A named source.
    pub fn new(name: impl Into<String>, reader: impl Read + 'a) -> Self {
        Source {
            name: name.into(),
            reader: Box::new(reader),
        }
    }
}

/// The inputs of one batch.
pub struct Inputs<'a> {
    /// experts.csv
    pub experts: Source<'a>,
    /// requests.csv
    pub requests: Source<'a>,
    /// history.csv, optional.
    pub history: Option<Source<'a>>,
}

/// The inputs of a batch kept in one workbook (`--data week.xlsx`), named `name` in messages:
/// its experts and requests sheets, and its history sheet if it has one (see
/// [`crate::ingest::workbook::EXPERTS_SHEETS`] and the others for the names). Also returns the sheets
/// found, for the summary.
///
/// # Errors
///
/// One error naming the file when it cannot be read as a workbook (damaged, password-protected)
/// or lacks the experts or requests sheet (the message lists the sheets it has).
pub fn workbook_inputs<'a>(
    name: &str,
    bytes: &'a [u8],
) -> Result<(Inputs<'a>, crate::ingest::workbook::BatchSheets), InputErrors> {
    let fail = |problem: Problem| InputErrors {
        errors: vec![InputError::whole_file(name, problem)],
        ..InputErrors::default()
    };
    let sheets = crate::ingest::workbook::batch_sheets(bytes).map_err(|e| fail(e.1))?;
    if let Some(m) = sheets.missing() {
        return Err(fail(m));
    }
    let inputs = Inputs {
        experts: Source::new(name, bytes),
        requests: Source::new(name, bytes),
        history: sheets.history.as_ref().map(|_| Source::new(name, bytes)),
    };
    Ok((inputs, sheets))
}

/// A loaded batch and the warnings met on the way (unknown columns, ignored history rows).
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The batch.
    pub instance: Instance,
    /// Warnings for the user; they never contain theme names.
    pub warnings: Vec<Warning>,
    /// The field separator of the experts file (`;` for Dutch Excel; `;` too for a workbook
    /// whose experts header is Dutch), so that outputs can follow the input's dialect.
    pub delimiter: u8,
    /// The exclusions taken on the safe side, in experts file order: the pairs of spellings
    /// that `check` lists for the coordinator to confirm.
    pub safe_side_orgs: Vec<SafeSideOrg>,
    /// Every personal cell (avoided themes, excluded organisations) read on the safe side, in
    /// experts file order: not in `warnings` (which the match point's commands show), but for
    /// `check` ([`safe_side_warnings_in`]) and `run` ([`safe_side_summary_in`]).
    pub safe_side_cells: Vec<SafeSideCell>,
}

/// Which week the batch is for.
#[derive(Clone, Copy, Debug)]
pub struct WeekChoice {
    /// Given by the user.
    pub given: Option<Week>,
    /// Used when not given and there is no history (the CLI passes the current week).
    pub fallback: Week,
}

/// Reads and validates a batch. Without an explicit week, the batch is for the week after the
/// latest history week, else `week.fallback`.
pub fn load(
    inputs: Inputs<'_>,
    places: &Places,
    policy: &Policy,
    week: WeekChoice,
) -> Result<Loaded, InputErrors> {
    load_with(inputs, places, policy, week, false)
}

/// Like [`load`], but a row with a bad cell is left out (with its error as a warning) instead of
/// failing the batch: for an urgent suggestion that an unrelated broken row must not block.
/// Leaving a row out only removes an expert or a request, never a limit or an exclusion of one
/// that stays; a bad history row is not left out but counted on the safe side (its load at its
/// own intensity, or the highest default of any role, and not declined), since forgetting load
/// would loosen a rolling budget or a heavy-theme pause. Errors of a whole file (unreadable, a header problem) still fail.
pub fn load_skipping_bad_rows(
    inputs: Inputs<'_>,
    places: &Places,
    policy: &Policy,
    week: WeekChoice,
) -> Result<Loaded, InputErrors> {
    load_with(inputs, places, policy, week, true)
}

fn load_with(
    inputs: Inputs<'_>,
    places: &Places,
    policy: &Policy,
    week: WeekChoice,
    skip_bad_rows: bool,
) -> Result<Loaded, InputErrors> {
    load_with_organisations(inputs, None, places, policy, week, skip_bad_rows)
}

/// Like [`load`] (or [`load_skipping_bad_rows`] when `skip_bad_rows`), with the coordinator's
/// optional organisations.csv (`id`, `name`, `aliases`: a list): the name and every alias of a
/// row, and every request whose `org_id` is the row's `id`, are one organisation. An exclusion
/// that names any of them (by the rule of [`crate::names::org`], or by `excluded_org_ids`)
/// excludes all of them; the same name or id silently, a contained name or a near miss on the
/// safe side.
///
/// # Errors
///
/// As [`load`], and the input errors of organisations.csv (a row without a name, a header
/// problem).
pub fn load_with_organisations(
    inputs: Inputs<'_>,
    organisations: Option<Source<'_>>,
    places: &Places,
    policy: &Policy,
    week: WeekChoice,
    skip_bad_rows: bool,
) -> Result<Loaded, InputErrors> {
    let mut errs = Errs::default();
    let mut warnings = Vec::new();
    let mut inst = Instance::default();
    let groups = organisations
        .and_then(|o| {
            read_table(
                o,
                FileKind::Organisations,
                ORGANISATION_COLUMNS,
                &mut errs,
                &mut warnings,
            )
        })
        .map(|t| OrgGroups::new(&t, &mut errs))
        .unwrap_or_default();

    let experts_t = read_table(
        inputs.experts,
        FileKind::Experts,
        EXPERT_COLUMNS,
        &mut errs,
        &mut warnings,
    );
    let requests_t = read_table(
        inputs.requests,
        FileKind::Requests,
        REQUEST_COLUMNS,
        &mut errs,
        &mut warnings,
    );
    let history_t = inputs.history.and_then(|h| {
        read_table(
            h,
            FileKind::History,
            HISTORY_COLUMNS,
            &mut errs,
            &mut warnings,
        )
    });

    let mut expert_rows = Vec::new();
    let mut safe_side_orgs = Vec::new();
    let mut safe_side_cells = Vec::new();
    if let Some(t) = &experts_t {
        expert_rows = parse_experts(t, places, policy, &mut inst, &mut errs);
    }
    // Without a readable experts file, references to experts cannot be checked.
    let expert_ids = experts_t.as_ref().map(|t| ExpertIds::new(t, &inst.experts));
    let mut requests = Vec::new();
    if let Some(t) = &requests_t {
        requests = parse_requests(
            t,
            places,
            policy,
            expert_ids.as_ref(),
            &mut inst,
            &mut errs,
            &mut warnings,
        );
    }
    let mut history = Vec::new();
    let mut counted = HashMap::new();
    if let Some(t) = &history_t {
        history = parse_history(
            t,
            policy,
            expert_ids.as_ref(),
            &mut inst,
            &mut errs,
            &mut counted,
        );
    }
    inst.requests = requests;
    inst.history = history;

    if let Some(t) = &experts_t {
        let orgs = BatchOrgs::new([&requests_t, &history_t].into_iter().flatten());
        resolve_excluded_orgs(
            t,
            &expert_rows,
            &orgs,
            &groups,
            &mut inst,
            &mut safe_side_orgs,
        );
        unknown_columns::check_unknown_columns(t, &orgs, &inst, &mut errs);
        if let Some(r) = &requests_t {
            unknown_columns::check_unknown_request_columns(r, &inst, &mut errs);
        }
        let theme_rows = resolve_avoided_near_misses(&expert_rows, &mut inst);
        safe_side_cells = orgs::safe_side_cells(t, &safe_side_orgs, &theme_rows);
        if let Some(ids) = &expert_ids {
            resolve_not_with(t, &expert_rows, ids, &mut inst, &mut warnings, &mut errs);
        }
    }

    // A quote left open loses every row after its own: the whole file is unreadable.
    let row_errors_only = errs.found.iter().all(|(_, e)| {
        e.line.is_some_and(|l| l > 1) && !matches!(e.problem, Problem::UnclosedQuote { .. })
    });
    if !errs.is_empty() {
        if !(skip_bad_rows && row_errors_only) {
            // The cells read on the safe side are not said with the errors: a failed read is
            // shown by the match point's commands too, and `check` lists them once it reads.
            return Err(errs.finish(warnings));
        }
        // A bad history row's load is still counted (rows::parse_history) for the experts its
        // cell could name, and the warning says for whom; other rows are left out.
        let history_file = history_t.as_ref().map(|t| t.file.clone());
        let found = errs.finish(Vec::new());
        warnings.extend(found.errors.iter().map(|e| {
            let in_history = history_file.as_ref() == Some(&e.file);
            let how = e.line.and_then(|l| counted.get(&l));
            let ids = how.map(|c| c.ids.join(", ")).unwrap_or_default();
            let msg = match how {
                _ if !in_history => Msg::WRowLeftOut,
                Some(c) if c.exactly => Msg::WHistoryRowCounted,
                Some(_) => Msg::WHistoryRowCountedFor,
                None => Msg::WHistoryRowNotCounted,
            };
            Warning::new(|lang| lang.fill(msg, &[("error", &e.render(lang)), ("ids", &ids)]))
        }));
        if found.not_listed > 0 {
            let n = found.not_listed;
            warnings.push(Warning::new(|lang| {
                lang.fill(Msg::WMoreRowErrors, &[("n", &n)])
            }));
        }
        // The notes on how cells were read came back with the errors.
        warnings.extend(found.warnings);
    } else {
        warnings.append(&mut errs.notes);
    }
    let latest = inst.history.iter().map(|h| h.week).max();
    let w = week
        .given
        .or(latest.map(|w| w.plus(1)))
        .unwrap_or(week.fallback);
    let later = inst.history.iter().filter(|h| h.week >= w).count();
    if later > 0 {
        warnings.push(Warning::new(|lang| {
            lang.fill(Msg::WHistoryLater, &[("n", &later), ("week", &w)])
        }));
    }
    inst.week = Some(w);
    apply_history_rules(&mut inst, policy);
    // The dialect of the outputs follows the experts file: a `;` CSV, or a workbook whose
    // header is Dutch, makes the set Dutch.
    let delimiter = experts_t.as_ref().map_or(b',', |t| {
        if t.workbook && sheet::dutch_expert_headers(&t.headers) {
            b';'
        } else {
            t.delimiter
        }
    });
    Ok(Loaded {
        instance: inst,
        warnings,
        delimiter,
        safe_side_orgs,
        safe_side_cells,
    })
}

/// Sets each expert's load in the rolling window's earlier weeks and their latest heavy-theme
/// week, from the history rows before the batch week (declined rows did not take place).
pub(crate) fn apply_history_rules(inst: &mut Instance, policy: &Policy) {
    let Some(now) = inst.week else { return };
    let earlier = i64::from(policy.rules.rolling_weeks) - 1;
    for h in &inst.history {
        let back = now.weeks_since(h.week);
        if h.declined || back < 1 {
            continue;
        }
        let e = &mut inst.experts[h.expert];
        if back <= earlier {
            e.rolling_used = e.rolling_used.saturating_add(h.intensity);
        }
        if h.heavy && e.last_heavy.is_none_or(|w| w < h.week) {
            e.last_heavy = Some(h.week);
        }
    }
}

/// An ISO week (`2026-W48`) or a date: `2026-11-24`, `24-11-2026`, `24/11/2026`, `24.11.2026`,
/// or an Excel date serial (days since 1899-12-30, from 1 to 200,000). Returns the week the day
/// is in.
pub fn parse_week_or_date(v: &str) -> Option<crate::model::Week> {
    use crate::model::{days_from_civil, Week};
    let v = v.trim();
    if let Some(w) = Week::parse(v) {
        return Some(w);
    }
    if let Ok(serial) = v.parse::<u32>() {
        if (1..=200_000).contains(&serial) {
            return Some(Week::of_day(
                days_from_civil(1899, 12, 30) + i64::from(serial),
            ));
        }
        return None;
    }
    // A time part (Excel writes "2026-11-24 00:00:00") is ignored.
    let date = v.split([' ', 'T']).next().unwrap_or(v);
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let (y, m, d) = if a.len() == 4 {
        (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?)
    } else if c.len() == 4 {
        (c.parse().ok()?, b.parse().ok()?, a.parse().ok()?)
    } else {
        return None;
    };
    let valid_day = |y: i32, m: u32, d: u32| {
        (1..=12).contains(&m)
            && d >= 1
            && crate::model::civil_from_days(days_from_civil(y, m, d)) == (y, m, d)
    };
    if !(1900..=2200).contains(&y) || !valid_day(y, m, d) {
        return None;
    }
    Some(Week::of_day(days_from_civil(y, m, d)))
}

/// One request given as named cells (`("role", "spreker")`, `("slot", "wo-middag")`, ...), as a
/// requests.csv row with those columns would be: the same cell parsers, aliases, defaults and
/// error messages. `source` names it in messages; every error is on line 2 of `source`, in the
/// column named as given. Names are interned into `inst`, which gains no request.
///
/// The request's organisation is compared with every expert's `excluded_orgs` as written, by the
/// rule of a batch ([`crate::names::org`]), and with their `excluded_org_ids` (an `org_id`
/// cell): an expert it excludes gets it in `excluded_orgs`. Where that is on the safe side only
/// (contained, a near miss), one warning says how many experts were kept away, naming none.
pub fn parse_request(
    cells: &[(&str, &str)],
    source: &str,
    places: &Places,
    policy: &Policy,
    inst: &mut Instance,
) -> Result<(Request, Vec<Warning>), InputErrors> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header: Vec<&str> = cells.iter().map(|c| c.0).collect();
    let row: Vec<&str> = cells.iter().map(|c| c.1).collect();
    let bytes = w
        .write_record(&header)
        .and_then(|_| w.write_record(&row))
        .map_err(|e| e.to_string())
        .and_then(|_| w.into_inner().map_err(|e| e.to_string()));
    let mut errs = Errs::default();
    let mut warnings = Vec::new();
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            errs.push_file(FileKind::Requests, source, None, e);
            return Err(errs.finish(warnings));
        }
    };
    let src = Source::new(source, std::io::Cursor::new(bytes));
    let table = read_table(
        src,
        FileKind::Requests,
        REQUEST_COLUMNS,
        &mut errs,
        &mut warnings,
    );
    let ids = ExpertIds::of_experts(&inst.experts);
    // The row's team and trajectory columns land at index 0 of the one-row table: keep the
    // batch's own entry of request 0 aside, and move the row's to its index in the batch.
    let kept_traj = inst.teams.trajectories.remove(&0);
    let kept_min = inst.teams.experienced_min.remove(&0);
    let mut parsed = match &table {
        Some(t) => parse_requests(
            t,
            places,
            policy,
            Some(&ids),
            inst,
            &mut errs,
            &mut warnings,
        ),
        None => Vec::new(),
    };
    let row_traj = inst.teams.trajectories.remove(&0);
    let row_min = inst.teams.experienced_min.remove(&0);
    if let Some(t) = kept_traj {
        inst.teams.trajectories.insert(0, t);
    }
    if let Some(m) = kept_min {
        inst.teams.experienced_min.insert(0, m);
    }
    if !errs.is_empty() {
        return Err(errs.finish(warnings));
    }
    // The request is appended by the caller at index `inst.requests.len()`.
    let at = inst.requests.len();
    if let Some(t) = row_traj {
        inst.teams.trajectories.insert(at, t);
    }
    if let Some(m) = row_min {
        inst.teams.experienced_min.insert(at, m);
    }
    let Some(mut r) = parsed.pop() else {
        errs.push_file(FileKind::Requests, source, None, Problem::NoRequest);
        return Err(errs.finish(warnings));
    };
    r.row = inst.requests.len();
    let org_id = table
        .as_ref()
        .and_then(|t| {
            t.rows
                .first()
                .and_then(|(_, row)| org::id_key(t.cell(row, "org_id")).ok())
        })
        .unwrap_or_default();
    // An organisation said as its KvK number (`--org 41179811`) is that id.
    let org_id = if org_id.is_empty() {
        orgs::kvk_item(inst.orgs.name(r.org)).unwrap_or_default()
    } else {
        org_id
    };
    // Kept away on the safe side without a word on the phone path: a warning there would be
    // a count one expert can move, next to the "personal reasons" count (rules 3-4), and would
    // tell the reader the reason is an organisation (rule 4). The coordinator's `check` lists
    // such readings.
    exclude_inline_org(inst, r.org, &org_id);
    // The same safe-side reading of avoided themes as a batch's (no text either).
    orgs::extend_avoided(inst, &r.themes);
    Ok((r, warnings))
}

/// Adds the organisation `org` of an inline request to the `excluded_orgs` of every expert whose
/// `excluded_orgs` items (as written) exclude it by [`org::resolve_cell`], the rule of a batch,
/// or whose `excluded_org_ids` hold `org_id`. Returns how many experts were kept away on the safe
/// side only (not the same name, not the same id, not excluded already), for a warning that
/// names no expert: the inline request is the phone's and the web form's.
///
/// O(items of all experts' `excluded_orgs` cells).
fn exclude_inline_org(inst: &mut Instance, org: u32, org_id: &str) -> usize {
    let mut index = org::OrgIndex::new();
    index.push(org::OrgName::new(inst.orgs.name(org)));
    let mut safe_side = 0;
    for e in &mut inst.experts {
        let items: Vec<&str> = e.excluded_org_names.iter().map(String::as_str).collect();
        let hits = org::resolve_cell(&items, &index);
        let by_id = !org_id.is_empty() && e.excluded_org_ids.iter().any(|i| i == org_id);
        if hits.is_empty() && !by_id {
            continue;
        }
        if let Err(at) = e.excluded_orgs.binary_search(&org) {
            e.excluded_orgs.insert(at, org);
            if !by_id && hits.iter().all(|h| h.kind.is_safe_side()) {
                safe_side += 1;
            }
        }
    }
    safe_side
}
