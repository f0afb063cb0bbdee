//! A runner-up's what-if without a re-solve, for batches whose affected part is too large to
//! re-solve within `explain`'s time (issue 26: one component of 1.6 million pairs at
//! 10,000 x 20,000, where a re-solve proves nothing in minutes).
//!
//! Why a repair: the base assignment with the runner-up put in, the fewest assignments taken
//! out to keep every limit, and the seats and experts so freed refilled greedily, is a batch
//! that keeps every rule. Its objective change is exact for that batch, and the best batch with
//! the runner-up in is at least as good, so the cost shown is an upper bound of the true cost,
//! shown as not proven. Team rules and trajectories are not repaired here (no figure).

#[allow(unused_imports)]
use super::*;

/// Re-solves of `explain --request` are skipped above this many candidate pairs in the part a
/// runner-up's pin affects (as [`FixBudget::for_explain`] skips fixes): the cost shown is then
/// [`Base::repair_pin`]'s, not proven.
pub const EXPLAIN_RESOLVE_MAX_ARCS: usize = 200_000;

impl Base<'_> {
    /// The pin of expert `e` on request `r`, priced by repairing the base assignment (see the
    /// module docs) instead of re-solving: an [`Outcome`] that is never proven, whose `delta`
    /// is the exact objective change of the repaired batch (a lower bound of the best batch's
    /// change). None when the pair is no candidate, the pin would break a limit on its own,
    /// or team rules or trajectories apply. O(pairs) for the scans, plus O(k log k) for the k
    /// pairs of the experts and requests the repair frees.
    pub fn repair_pin(&self, r: usize, e: usize) -> Option<Outcome> {
        if self.team_rules().is_active() {
            return None;
        }
        let p: &Problem = &self.problem;
        let pick = p
            .arcs
            .iter()
            .position(|a| a.request as usize == r && a.expert as usize == e)?;
        let arc = p.arcs[pick];
        let cap = p.experts[e];
        if cap.max_count == 0 || arc.intensity > cap.budget || cap.busy_slots & arc.conflicts() != 0
        {
            return None;
        }
        let mut chosen: Vec<usize> = self.chosen.to_vec();
        // The expert's other arcs out where they clash with the pin: the same slot or heavy
        // seat first, then the least valuable while the count or load is over.
        let mut freed_requests: Vec<usize> = Vec::new();
        let mut freed_experts: Vec<usize> = Vec::new();
        let take_out = |chosen: &mut Vec<usize>, a: usize, out: &mut Vec<usize>| {
            chosen.retain(|&x| x != a);
            out.push(a);
        };
        let mut out: Vec<usize> = Vec::new();
        for a in chosen.clone() {
            let x = p.arcs[a];
            if x.expert as usize == e && x.conflicts() & arc.conflicts() != 0 {
                take_out(&mut chosen, a, &mut out);
            }
        }
        loop {
            let mine: Vec<usize> = chosen
                .iter()
                .copied()
                .filter(|&a| p.arcs[a].expert as usize == e)
                .collect();
            let load: u32 = mine.iter().map(|&a| p.arcs[a].intensity).sum();
            if mine.len() < cap.max_count as usize && load + arc.intensity <= cap.budget {
                break;
            }
            let least = *mine.iter().min_by_key(|&&a| (p.arcs[a].value, a))?;
            take_out(&mut chosen, least, &mut out);
        }
        freed_requests.extend(out.iter().map(|&a| p.arcs[a].request as usize));
        // The request's least valuable arc out when its seats are full.
        let here: Vec<usize> = chosen
            .iter()
            .copied()
            .filter(|&a| p.arcs[a].request as usize == r)
            .collect();
        if here.len() >= p.seats[r] as usize {
            let least = *here.iter().min_by_key(|&&a| (p.arcs[a].value, a))?;
            chosen.retain(|&x| x != least);
            freed_experts.push(p.arcs[least].expert as usize);
        }
        chosen.push(pick);
        // Refill: the freed requests' and experts' arcs, most valuable first, where they fit.
        let mut count = vec![0u32; p.experts.len()];
        let mut load = vec![0u32; p.experts.len()];
        let mut bits: Vec<u32> = p.experts.iter().map(|c| c.busy_slots).collect();
        let mut seats = vec![0u32; p.seats.len()];
        for &a in &chosen {
            let x = p.arcs[a];
            count[x.expert as usize] += 1;
            load[x.expert as usize] += x.intensity;
            bits[x.expert as usize] |= x.conflicts();
            seats[x.request as usize] += 1;
        }
        let mut cands: Vec<usize> = (0..p.arcs.len())
            .filter(|&a| {
                let x = p.arcs[a];
                a != pick
                    && !out.contains(&a)
                    && (freed_requests.contains(&(x.request as usize))
                        || freed_experts.contains(&(x.expert as usize)))
            })
            .collect();
        cands.sort_by_key(|&a| (std::cmp::Reverse(p.arcs[a].value), a));
        for a in cands {
            let x = p.arcs[a];
            let (xe, xr) = (x.expert as usize, x.request as usize);
            let c = p.experts[xe];
            let extra = p.spread * i64::from(c.already + count[xe]);
            if x.value <= extra
                || seats[xr] >= p.seats[xr]
                || count[xe] >= c.max_count
                || load[xe] + x.intensity > c.budget
                || bits[xe] & x.conflicts() != 0
            {
                continue;
            }
            chosen.push(a);
            count[xe] += 1;
            load[xe] += x.intensity;
            bits[xe] |= x.conflicts();
            seats[xr] += 1;
        }
        chosen.sort_unstable();
        let after_value = solve::evaluate(p, &chosen).ok()?;
        let before_value = solve::evaluate(p, &self.chosen).ok()?;
        // What moved: the experts and requests of the arcs that differ.
        let mut differ: Vec<usize> = chosen
            .iter()
            .copied()
            .filter(|a| self.chosen.binary_search(a).is_err())
            .chain(
                self.chosen
                    .iter()
                    .copied()
                    .filter(|a| chosen.binary_search(a).is_err()),
            )
            .collect();
        differ.sort_unstable();
        let experts: Vec<usize> = differ.iter().map(|&a| p.arcs[a].expert as usize).collect();
        let requests: Vec<usize> = differ.iter().map(|&a| p.arcs[a].request as usize).collect();
        let pairs = |set: &[usize]| -> Vec<(usize, usize)> {
            let mut v: Vec<(usize, usize)> = set
                .iter()
                .map(|&a| (p.arcs[a].request as usize, p.arcs[a].expert as usize))
                .filter(|(xr, xe)| experts.contains(xe) || requests.contains(xr))
                .collect();
            v.extend(
                self.pins
                    .accepted
                    .iter()
                    .copied()
                    .filter(|(xr, xe)| experts.contains(xe) || requests.contains(xr)),
            );
            v.sort_unstable();
            v
        };
        let (before, after) = (pairs(&self.chosen), pairs(&chosen));
        let mut seats_at: BTreeMap<usize, (u32, u32)> = BTreeMap::new();
        let mut by_expert: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
        for &(xr, xe) in &before {
            if requests.contains(&xr) {
                seats_at.entry(xr).or_default().0 += 1;
            }
            if experts.contains(&xe) {
                by_expert.entry(xe).or_default().0.push(xr);
            }
        }
        for &(xr, xe) in &after {
            if requests.contains(&xr) {
                seats_at.entry(xr).or_default().1 += 1;
            }
            if experts.contains(&xe) {
                by_expert.entry(xe).or_default().1.push(xr);
            }
        }
        let ne = self.inst.experts.len();
        Some(Outcome {
            delta: after_value - before_value,
            proven: false,
            seats: seats_at
                .into_iter()
                .filter(|(_, (b, a))| a != b)
                .map(|(xr, (b, a))| (xr, b, a))
                .collect(),
            moves: by_expert
                .into_iter()
                .filter(|(_, (b, a))| a != b)
                .map(|(xe, (b, a))| (xe, b, a))
                .collect(),
            pins_lost: Vec::new(),
            refused: None,
            arcs: self.comp_arcs[self.comp[ne + r] as usize],
            nodes: 0,
        })
    }

    /// Whether pinning expert `e` on request `r` keeps every pin of the base and adds this one
    /// (so that the what-if's batches are the base's batches that hold the pair): `Err(Some)`
    /// with the conflict when the pin itself is refused, `Err(None)` when another pin would be
    /// lost. O(requests + experts + pins).
    pub(crate) fn pin_settles(&self, r: usize, e: usize) -> Result<(), Option<PinConflict>> {
        let mut pinned = self.inst.clone();
        Change::Pin {
            request: r,
            expert: e,
        }
        .apply(&mut pinned);
        let pins = batch::settle_pins_except(&pinned, self.policy, &self.forbidden);
        if let Some(c) = pins
            .conflicts
            .iter()
            .find(|c| c.request == r && c.expert == e)
        {
            return Err(Some(c.clone()));
        }
        let mut want = pin_set(&self.pins);
        want.push((r, e));
        want.sort_unstable();
        if pin_set(&pins) == want {
            Ok(())
        } else {
            Err(None)
        }
    }

    /// A runner-up's pin priced without a re-solve where the part it affects holds `part`
    /// candidate pairs, more than [`EXPLAIN_RESOLVE_MAX_ARCS`]: refused as a re-solve would
    /// refuse it, else [`Base::repair_pin`]. `Err(part)` when there is no figure (another pin
    /// would be lost, or the repair gives none).
    pub(crate) fn price_pin_large(
        &self,
        r: usize,
        e: usize,
        part: usize,
    ) -> Result<Outcome, usize> {
        match self.pin_settles(r, e) {
            Err(Some(c)) => Ok(Outcome {
                delta: 0,
                proven: true,
                seats: Vec::new(),
                moves: Vec::new(),
                pins_lost: Vec::new(),
                refused: Some(c),
                arcs: part,
                nodes: 0,
            }),
            Err(None) => Err(part),
            Ok(()) => self.repair_pin(r, e).ok_or(part),
        }
    }

    /// A runner-up's pin settled by a bound, without a re-solve: when the base is a proven
    /// optimum, no batch holding the pair is better (the pin only takes batches away, all other
    /// pins kept), so a repair that loses nothing ([`Base::repair_pin`] with a change of 0) is
    /// the exact cost, proven. None otherwise (then the pin is re-solved).
    pub(crate) fn pin_settled_by_bound(&self, r: usize, e: usize) -> Option<Outcome> {
        if !self.proven || self.pin_settles(r, e).is_err() {
            return None;
        }
        let mut o = self.repair_pin(r, e).filter(|o| o.delta == 0)?;
        o.proven = true;
        Some(o)
    }
}
