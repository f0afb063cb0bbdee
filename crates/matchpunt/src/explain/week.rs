//! This week's bookings (an assignments file, or the ledger's week) as each expert's use of the
//! week: assignments, load and the slots taken.

#[allow(unused_imports)]
use super::*;

// ---------------------------------------------------------------------------------------------
// This week's bookings.

pub use crate::batch::usage::WeekUse;

/// The week's bookings of every expert, from an assignments file or a batch result.
#[derive(Clone, Debug, Default)]
pub struct Booked {
    /// Per expert, by index.
    pub uses: Vec<WeekUse>,
    /// Experts the file already assigns to the request asked about (not counted as bookings).
    pub own: Vec<usize>,
    /// Notes for the user (rows left out or read on the safe side), in both languages.
    pub warnings: Vec<crate::ingest::Warning>,
}

impl Booked {
    /// The bookings of a set of (request, expert) assignments of `inst` (trajectories at their
    /// meetings in `policy`'s rolling window).
    pub fn from_pairs(
        inst: &Instance,
        policy: &Policy,
        pairs: impl IntoIterator<Item = (usize, usize)>,
    ) -> Self {
        let uses = crate::batch::usage::week_use(inst, policy, pairs);
        Booked {
            uses,
            own: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// What of a booking row cannot be read.
enum Unreadable {
    /// An empty slot on a request this batch does not know.
    EmptySlot,
    /// No slot column, on a request this batch does not know.
    NoSlot,
    /// A slot cell that is no slot.
    Slot(String),
    /// An intensity cell that is no whole number.
    Intensity(String),
    /// No intensity column, on a request this batch does not know.
    NoIntensity,
}

/// Reads this week's bookings from an assignments file. Rows of `skip_request` (the request
/// being asked about) are not counted; their experts are listed in [`Booked::own`]. A row of a
/// trajectory of the batch takes its meetings in `policy`'s rolling window of the rolling budget
/// ([`WeekUse::rolling`]).
///
/// On the safe side: an expert whose booking row has an unreadable slot or intensity (or names a
/// request this batch does not know and lacks those columns) is treated as unavailable, with a
/// warning naming the row. An expert id written another way (`E01`, `E 1`, `E1 (Anna)`) is read
/// as [`BatchIds::expert_read`] reads it, with a warning naming the row; a row naming no expert
/// of the batch is an error (as `explain`, `serve` and `metrics` refuse it): a booking left out
/// is a limit lost.
///
/// # Errors
///
/// As [`read_pair_rows`], and every row whose expert is no expert of this batch.
pub fn read_booked(
    src: Source<'_>,
    inst: &Instance,
    policy: &Policy,
    skip_request: Option<&str>,
) -> Result<Booked, InputErrors> {
    let t = read_pair_rows(src, PairFile::Assignments)?;
    let ids = BatchIds::new(inst);
    let skip = skip_request.and_then(|r| ids.request(r));
    let mut out = Booked {
        uses: vec![WeekUse::default(); inst.experts.len()],
        ..Booked::default()
    };
    let mut errs = InputErrors::default();
    for row in &t.rows {
        let (req, exp, line) = (row.request.as_str(), row.expert.as_str(), row.line);
        let Some((e, reread)) = ids.expert_read(exp) else {
            if errs.errors.len() < crate::ingest::MAX_ERRORS_PER_FILE {
                let not_in = crate::ingest::Problem::NotInBatch { request: false };
                errs.errors.push(t.cell_error(row, "expert", exp, not_in));
            } else {
                errs.not_listed += 1;
            }
            continue;
        };
        if reread {
            out.warnings
                .push(reread_warning(&t.file, line, exp, &inst.experts[e].id));
        }
        let known = ids.request(req);
        if known.is_some() && known == skip {
            out.own.push(e);
            continue;
        }
        let meetings = known.map_or(1, |r| crate::batch::usage::window_meetings(inst, policy, r));
        let known = known.map(|r| &inst.requests[r]);
        // An empty slot cell: the request's own slot when the batch knows it (a flexible request
        // has none, as in the batch); a request the batch does not know leaves the day open.
        let slot = match (row.slot.as_deref(), known) {
            (Some(""), Some(r)) | (None, Some(r)) => {
                if row.slot.is_some() && r.slot.is_some() {
                    let file = &t.file;
                    out.warnings.push(crate::ingest::Warning::new(|lang| {
                        lang.fill(
                            Msg::BookedEmptySlot,
                            &[
                                ("file", file),
                                ("line", &line),
                                ("expert", &exp),
                                ("request", &format!("{req:?}")),
                                ("slot", &r.slot.map(|s| lang.slot(s)).unwrap_or_default()),
                            ],
                        )
                    }));
                }
                Ok(r.slot)
            }
            (Some(""), None) => Err(Unreadable::EmptySlot),
            (Some(s), _) => Slot::parse(s)
                .map(Some)
                .ok_or_else(|| Unreadable::Slot(s.to_string())),
            (None, None) => Err(Unreadable::NoSlot),
        };
        let intensity = match (row.intensity.as_deref(), known) {
            // As in requests.csv: `2,0` is 2, and `1.000` is ambiguous (unreadable).
            (Some(v), _) if !v.is_empty() => crate::ingest::sheet::whole_number(v)
                .ok()
                .filter(|&x| x <= 1_000_000)
                .map(|x| x as u32)
                .ok_or_else(|| Unreadable::Intensity(v.to_string())),
            (_, Some(r)) => Ok(r.intensity),
            _ => Err(Unreadable::NoIntensity),
        };
        let u = &mut out.uses[e];
        match (slot, intensity) {
            (Ok(s), Ok(i)) => {
                u.count += 1;
                u.load += i;
                u.rolling = u.rolling.saturating_add(i.saturating_mul(meetings));
                if let Some(s) = s {
                    u.slots |= 1 << s.0;
                }
            }
            (Err(why), _) | (_, Err(why)) => {
                u.unsure = true;
                let file = &t.file;
                out.warnings.push(crate::ingest::Warning::new(|lang| {
                    let why = match &why {
                        Unreadable::EmptySlot => lang.text(Msg::BookedWhyEmptySlot).to_string(),
                        Unreadable::NoSlot => lang.text(Msg::BookedWhyNoSlot).to_string(),
                        Unreadable::NoIntensity => lang.text(Msg::BookedWhyNoIntensity).to_string(),
                        Unreadable::Slot(v) => {
                            lang.fill(Msg::BookedWhySlot, &[("value", &format!("{v:?}"))])
                        }
                        Unreadable::Intensity(v) => {
                            lang.fill(Msg::BookedWhyIntensity, &[("value", &format!("{v:?}"))])
                        }
                    };
                    lang.fill(
                        Msg::BookedUnreadable,
                        &[
                            ("file", file),
                            ("line", &line),
                            ("expert", &exp),
                            ("request", &format!("{req:?}")),
                            ("why", &why),
                        ],
                    )
                }));
            }
        }
    }
    if !errs.errors.is_empty() {
        errs.warnings = out.warnings;
        return Err(errs);
    }
    out.own.sort_unstable();
    out.own.dedup();
    Ok(out)
}

/// The warning for an expert id of a small file read another way than written.
fn reread_warning(file: &str, line: u64, written: &str, id: &str) -> crate::ingest::Warning {
    crate::ingest::assignments::expert_read_warning(file, line, written, id)
}

/// Reads the (request, expert, pinned) assignments of an assignments file, strictly: every
/// request and expert must be in this batch (ids compared as [`crate::ingest`] compares them).
///
/// # Errors
///
/// As [`read_pair_rows`], and every row naming a request or expert this batch does not have.
pub fn read_assignment_pairs(
    src: Source<'_>,
    inst: &Instance,
) -> Result<Vec<(usize, usize, bool)>, InputErrors> {
    read_assignment_pairs_noting(src, inst).map(|(pairs, _)| pairs)
}

/// One row of an assignments file: (request index, expert index, pinned).
pub type AssignmentPair = (usize, usize, bool);

/// [`read_assignment_pairs`], with a warning for each expert id read another way than written
/// (`E01` for `E1`, as [`BatchIds::expert_read`] reads it), for the caller to show.
///
/// # Errors
///
/// As [`read_assignment_pairs`].
pub fn read_assignment_pairs_noting(
    src: Source<'_>,
    inst: &Instance,
) -> Result<(Vec<AssignmentPair>, Vec<crate::ingest::Warning>), InputErrors> {
    let t = read_pair_rows(src, PairFile::Assignments)?;
    let mut warnings = Vec::new();
    let ids = BatchIds::new(inst);
    let mut errs = InputErrors::default();
    let mut out = Vec::new();
    for row in &t.rows {
        let pinned = row
            .pinned
            .as_deref()
            .is_some_and(|p| crate::ingest::parse_bool(p) == Ok(Some(true)));
        let (r, e) = (ids.request(&row.request), ids.expert_read(&row.expert));
        if let Some((e, true)) = e {
            let id = &inst.experts[e].id;
            warnings.push(reread_warning(&t.file, row.line, &row.expert, id));
        }
        let e = e.map(|(e, _)| e);
        let msg = |request: bool| crate::ingest::Problem::NotInBatch { request };
        match (r, e) {
            (Some(r), Some(e)) => out.push((r, e, pinned)),
            (r, e) => {
                if r.is_none() && errs.errors.len() < MAX_ERRORS_PER_FILE {
                    errs.errors
                        .push(t.cell_error(row, "request", &row.request, msg(true)));
                }
                if e.is_none() && errs.errors.len() < MAX_ERRORS_PER_FILE {
                    errs.errors
                        .push(t.cell_error(row, "expert", &row.expert, msg(false)));
                }
            }
        }
    }
    if errs.errors.is_empty() {
        out.sort_unstable();
        out.dedup();
        Ok((out, warnings))
    } else {
        errs.warnings = warnings;
        Err(errs)
    }
}
