//! Standbys in the ledger: each run's ranked standbys per proposal, and whether one is still
//! free this week when the assigned expert declines.
//!
//! Why the ledger can judge a standby without the input files: the run stored, with each
//! standby, how many assignments and load points the standby could still take on top of the
//! seat (with every other proposal as it was), and the last booking it counted. What can have
//! changed since is only recorded here: decisions (a decline frees room, never takes it) and
//! bookings made after the run, which are counted against those margins and the seat's slot.

use super::*;
use crate::rules::Refusal;
use matchpunt::model::Instance;
use matchpunt::policy::Policy;
use matchpunt::teams::FixedMiss;

/// The run's batch and policy, for the team rules of a standby ([`WeekView::standby_team`]);
/// None where the run's input files cannot be read again (a workbook): then only the run's own
/// check holds (a run lists no standby that breaks a team rule beside its proposals).
pub type StandbyTeam<'a> = Option<(&'a Instance, &'a Policy)>;

/// One standby of one proposal, as a run recorded it.
#[derive(Clone, Debug, PartialEq)]
pub struct StandbyRow {
    /// Request id.
    pub request: String,
    /// The assigned expert's id.
    pub expert: String,
    /// 1 for the first to call.
    pub rank: u32,
    /// The standby's id.
    pub standby: String,
    /// Points lost against the assigned expert.
    pub cost: f64,
    /// Whether the cost is proven by the re-solve.
    pub proven: bool,
    /// Points lost with every other proposal kept (the rank's key).
    pub swap_cost: f64,
    /// Assignments the standby could still take on top of this seat, at the run.
    pub spare_count: u32,
    /// Load points the standby could still take on top of this seat, at the run.
    pub spare_load: u32,
}

pub(crate) fn insert(tx: &Transaction<'_>, run: i64, rows: &[StandbyRow]) -> Result<()> {
    let mut st = tx.prepare(
        "INSERT INTO standbys (run, request, expert, rank, standby, cost, proven, swap_cost, spare_count, spare_load)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for s in rows {
        st.execute(params![
            run,
            s.request,
            s.expert,
            s.rank,
            s.standby,
            s.cost,
            s.proven,
            s.swap_cost,
            s.spare_count,
            s.spare_load
        ])?;
    }
    Ok(())
}

pub(crate) fn of_run(conn: &Connection, run: i64) -> Result<(Vec<StandbyRow>, i64)> {
    let seen: i64 = conn.query_row("SELECT bookings_seen FROM runs WHERE id = ?1", [run], |r| {
        r.get(0)
    })?;
    let mut st = conn.prepare(
        "SELECT request, expert, rank, standby, cost, proven, swap_cost, spare_count, spare_load
         FROM standbys WHERE run = ?1 ORDER BY request, expert, rank",
    )?;
    let rows = st
        .query_map([run], |r| {
            Ok(StandbyRow {
                request: r.get(0)?,
                expert: r.get(1)?,
                rank: r.get(2)?,
                standby: r.get(3)?,
                cost: r.get(4)?,
                proven: r.get(5)?,
                swap_cost: r.get(6)?,
                spare_count: r.get(7)?,
                spare_load: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok((rows, seen))
}

impl WeekView {
    /// The standbys of `expert` on `request` in the latest run, by rank.
    pub fn standbys_of(&self, request: &str, expert: &str) -> Vec<&StandbyRow> {
        self.standbys
            .iter()
            .filter(|s| s.request == request && s.expert == expert)
            .collect()
    }

    /// Whether standby `s` can still take the seat this week; the reason otherwise (words
    /// without health data: limits and decisions only).
    pub fn standby_free(&self, s: &StandbyRow) -> Result<(), Denial> {
        let verdicts = self.verdicts();
        if verdicts.get(&(s.request.clone(), s.standby.clone())) == Some(&false) {
            return Err(Denial::StandbyDeclined {
                standby: s.standby.clone(),
                request: s.request.clone(),
            });
        }
        let taken = self.taken();
        if taken
            .iter()
            .any(|t| t.request == s.request && t.expert == s.standby)
        {
            return Err(Denial::StandbyHasIt {
                standby: s.standby.clone(),
                request: s.request.clone(),
            });
        }
        let later: Vec<&Seat> = self
            .bookings
            .iter()
            .filter(|b| b.id > self.bookings_seen)
            .map(|b| &b.seat)
            .collect();
        if let Some(b) = later.iter().find(|b| b.request == s.request) {
            return Err(Denial::BookedAfter {
                expert: b.expert.clone(),
                request: s.request.clone(),
            });
        }
        let mine: Vec<&&Seat> = later.iter().filter(|b| b.expert == s.standby).collect();
        let slot = self
            .seat_of_request(&s.request)
            .map(|x| x.slot.clone())
            .unwrap_or_default();
        if !slot.is_empty() && mine.iter().any(|b| b.slot == slot) {
            return Err(Denial::SlotAfter {
                standby: s.standby.clone(),
                slot,
            });
        }
        if mine.len() as u32 > s.spare_count {
            return Err(Denial::CountAfter {
                standby: s.standby.clone(),
            });
        }
        if mine.iter().map(|b| b.intensity).sum::<u32>() > s.spare_load {
            return Err(Denial::LoadAfter {
                standby: s.standby.clone(),
            });
        }
        Ok(())
    }

    /// The first standby of (`request`, `expert`) still free this week and keeping the team
    /// rules ([`WeekView::standby_team`]), with the reasons the ones before it were passed over.
    pub fn first_free_standby(
        &self,
        team: StandbyTeam<'_>,
        request: &str,
        expert: &str,
    ) -> (Option<&StandbyRow>, Vec<Denial>) {
        let mut passed = Vec::new();
        for s in self.standbys_of(request, expert) {
            match self
                .standby_free(s)
                .and_then(|()| self.standby_team(team, request, &s.standby))
            {
                Ok(()) => return (Some(s), passed),
                Err(why) => passed.push(why),
            }
        }
        (None, passed)
    }

    /// The team rules of `standby` on `request` beside the experts still on it this week (the
    /// latest run's proposals not declined, the bookings: [`WeekView::taken`]): the check of
    /// [`matchpunt::teams::swap_miss`], the one a booking and a pin get from
    /// [`matchpunt::teams::fixed_miss`]. Ok without `team` or when the batch does not hold the
    /// request or the standby. O(seats of the request²).
    ///
    /// # Errors
    ///
    /// [`Denial::Booking`] of a [`Refusal::Team`] naming the expert whose rule breaks.
    pub fn standby_team(
        &self,
        team: StandbyTeam<'_>,
        request: &str,
        standby: &str,
    ) -> Result<(), Denial> {
        let Some((inst, policy)) = team else {
            return Ok(());
        };
        let index = |id: &str| inst.experts.iter().position(|x| x.id == id);
        let (Some(ri), Some(x)) = (
            inst.requests.iter().position(|r| r.id == request),
            index(standby),
        ) else {
            return Ok(());
        };
        let mut others: Vec<usize> = self
            .taken()
            .iter()
            .filter(|t| t.request == request)
            .filter_map(|t| index(&t.expert))
            .filter(|&o| o != x)
            .collect();
        others.sort_unstable();
        others.dedup();
        let standing = matchpunt::teams::standings(inst, policy);
        let Some((who, miss)) = matchpunt::teams::swap_miss(inst, &standing, ri, x, &others) else {
            return Ok(());
        };
        let r = &inst.requests[ri];
        Err(Denial::Booking(Refusal::Team {
            expert: inst.experts[who].id.clone(),
            request: request.to_string(),
            miss,
            other: match miss {
                FixedMiss::NotWith(o) => inst.experts[o].id.clone(),
                _ => String::new(),
            },
            min: inst.teams.experienced_min.get(&ri).copied().unwrap_or(0),
            seats: r.experts_needed,
        }))
    }

    /// The data of request `request`'s seat (any proposal of it in any run of the week).
    fn seat_of_request(&self, request: &str) -> Option<&Seat> {
        self.ever_proposed.iter().find(|s| s.request == request)
    }

    /// Whether `standby` may be booked for `request` as a standby now: a standby of an expert
    /// of the request who declined it, and still free. The seat to book otherwise.
    ///
    /// # Errors
    ///
    /// The reason in words: not a standby of the latest run, no decline of the expert it stands
    /// in for, no longer free ([`WeekView::standby_free`]), or a team rule broken beside the
    /// request's other experts ([`WeekView::standby_team`]).
    pub fn standby_seat(
        &self,
        team: StandbyTeam<'_>,
        request: &str,
        standby: &str,
    ) -> Result<Seat, Denial> {
        let rows: Vec<&StandbyRow> = self
            .standbys
            .iter()
            .filter(|s| s.request == request && s.standby == standby)
            .collect();
        if rows.is_empty() {
            return Err(Denial::NotAStandby {
                standby: standby.to_string(),
                request: request.to_string(),
                week: self.week.clone(),
            });
        }
        let verdicts = self.verdicts();
        let Some(row) = rows
            .iter()
            .find(|s| verdicts.get(&(s.request.clone(), s.expert.clone())) == Some(&false))
        else {
            return Err(Denial::NotDeclinedYet {
                standby: standby.to_string(),
                request: request.to_string(),
                of: rows.iter().map(|s| s.expert.clone()).collect(),
            });
        };
        self.standby_free(row)?;
        self.standby_team(team, request, standby)?;
        let mut seat =
            self.seat_of_request(request)
                .cloned()
                .ok_or_else(|| Denial::NoProposal {
                    request: request.to_string(),
                })?;
        seat.expert = standby.to_string();
        seat.pinned = true;
        Ok(seat)
    }
}

impl Ledger {
    /// Books standby `standby` for `request`, in one transaction with the check of
    /// [`WeekView::standby_seat`]: a booking like any other (`ledger log`, `close`, the next
    /// run's pins).
    ///
    /// # Errors
    ///
    /// [`Error::Closed`]; [`Error::Refused`] with the reason; SQL errors.
    pub fn book_standby(
        &mut self,
        week: &str,
        team: StandbyTeam<'_>,
        request: &str,
        standby: &str,
    ) -> Result<i64> {
        self.book_checked(week, |view| {
            view.standby_seat(team, request, standby)
                .map(|seat| (seat, None))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seat(r: &str, e: &str, slot: &str) -> Seat {
        Seat {
            request: r.into(),
            expert: e.into(),
            org: "Org".into(),
            role: "buddy".into(),
            slot: slot.into(),
            intensity: 2,
            themes: "angst".into(),
            heavy: false,
            pinned: false,
        }
    }

    fn row(r: &str, e: &str, rank: u32, s: &str, spare: u32) -> StandbyRow {
        StandbyRow {
            request: r.into(),
            expert: e.into(),
            rank,
            standby: s.into(),
            cost: 1.5,
            proven: true,
            swap_cost: 1.5,
            spare_count: spare,
            spare_load: 2 * spare,
        }
    }

    #[test]
    fn the_first_free_standby_follows_decisions_and_later_bookings() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("l.sqlite");
        let mut l = Ledger::init(&p, "t").unwrap();
        let w = "2026-W48";
        l.record_run(&NewRun {
            week: w.into(),
            proposals: vec![seat("R1", "E1", "wed-pm"), seat("R2", "E2", "wed-pm")],
            standbys: vec![
                row("R1", "E1", 1, "E3", 0),
                row("R1", "E1", 2, "E4", 1),
                row("R2", "E2", 1, "E4", 1),
            ],
            ..NewRun::default()
        })
        .unwrap();
        let v = l.week(w).unwrap();
        assert_eq!(
            v.first_free_standby(None, "R1", "E1").0.unwrap().standby,
            "E3"
        );
        // Not before the assigned expert declined.
        let e = l.book_standby(w, None, "R1", "E3").unwrap_err();
        assert!(e.to_string().contains("record that decline first"), "{e}");
        l.decide(w, &[("R1".into(), "E1".into(), false, String::new())])
            .unwrap();
        // E3 had no room beyond this seat: a later booking elsewhere takes it.
        l.book(w, |_| Ok((seat("R9", "E3", "mon-am"), None)))
            .unwrap();
        let v = l.week(w).unwrap();
        let (first, passed) = v.first_free_standby(None, "R1", "E1");
        assert_eq!(first.unwrap().standby, "E4");
        assert_eq!(passed.len(), 1, "{passed:?}");
        // Accepting E4 is a booking; after it, R2's standby E4 is busy in that slot.
        l.book_standby(w, None, "R1", "E4").unwrap();
        let v = l.week(w).unwrap();
        assert!(v
            .taken()
            .iter()
            .any(|s| s.request == "R1" && s.expert == "E4"));
        assert!(v.standby_free(v.standbys_of("R2", "E2")[0]).is_err());
        assert!(l.book_standby(w, None, "R1", "E4").is_err());
        assert!(l.check().unwrap().is_empty());
        let log = l.log().unwrap();
        assert_eq!(log.last().unwrap().action, "book");
    }
}
