//! The matching policy: hard-rule settings, default intensities and the weights of the soft score.
//!
//! A policy is a TOML file; every field has a documented default, so an empty file is the default
//! policy and an analyst changes only what they test. `matchpunt policy --default` prints
//! [`DEFAULT_POLICY_TOML`], which is parsed in a test so that the printed text and the built-in
//! values never drift apart.

use crate::model::{theme_key, Role};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

thread_local! {
    /// [`Policy::heavy`]'s verdict per (hash of the heavy list, theme as written).
    static HEAVY_MEMO: std::cell::RefCell<HashMap<u64, HashMap<String, Heavy>>> =
        std::cell::RefCell::new(HashMap::new());
}

/// The default policy, as printed by `matchpunt policy --default`.
pub const DEFAULT_POLICY_TOML: &str = r#"# matchpunt policy. Every field is optional; a missing field takes the value shown here.

[rules]
# Hard-rule settings (contract rules 1, 5, 7, 9).
default_max_travel_km = 25.0    # experts.max_travel_km when empty
default_max_assignments = 2     # experts.max_assignments when empty
default_load_budget = 4         # experts.load_budget when empty
buddy_max_age_gap = 10          # rule 7: |expert age - client age| <= this, in years
uncertified_roles = []          # roles open to experts without the training, e.g. ["speaker"]
# Supervision (intervisie): where experts.csv has a last_supervision column, an expert whose
# last supervision is more than this many weeks before the batch week (or empty) is not deployed.
supervision_within_weeks = 8
# Heavy-theme requests may ask for a fresher supervision (weeks); off when absent.
# supervision_heavy_within_weeks = 4
# Load over weeks (wellbeing over a season). The sum of intensities over this week and the
# rolling_weeks - 1 weeks of history before it is at most:
# - rolling_budget points (experts.rolling_budget overrides); off when absent;
# - rolling_share x rolling_weeks x load_budget, rounded down: relative to each expert's own
#   weekly budget, so one setting fits experts whose budgets differ. 1 binds only where the
#   history holds weeks over the weekly budget.
# The smaller limit holds. Protects: with 0.9 over 3 weeks nobody is at their full weekly budget
# three weeks in a row. Costs: 2.4-3.1 points of fill where every budget is scarce, at most 0.7
# elsewhere (measured on 15 simulated seasons: docs/guide/analysts.md).
rolling_weeks = 3
# rolling_budget = 10
rolling_share = 0.9
# After a seat with a heavy theme, no heavy-theme seat for this many weeks (0 = off).
heavy_pause_weeks = 0

[intensity]
# Wellbeing load of one seat when requests.intensity is empty: by role, plus heavy_extra when
# any of the request's themes is heavy.
buddy = 2
adviser = 1
trainer = 1
speaker = 1
heavy_extra = 1
heavy_themes = ["suicidaliteit", "eetstoornis", "zelfbeschadiging", "trauma"]

[objective]
# Value of one filled seat, in points, by request priority. With the weights below summing to
# 100 points, a normal seat is worth twice a perfect score: filling seats comes first.
seat_low = 100
seat_normal = 200
seat_urgent = 400
# Convex batch spread: the k-th assignment of one expert in this batch costs (k - 1) * this.
# Protects: a second seat in one week goes to someone else where the pairs are about as good.
batch_spread = 15
# No starvation: an expert without a seat for w weeks (from history) gets
# waiting_bonus * min(w, waiting_weeks) / waiting_weeks points on each of their pairs. At most
# half of seat_low, so it never outweighs a seat: filling seats comes first. 0 = off. When a
# policy file sets seat_low but not this, it is min(50, seat_low / 2). Protects: experts
# eligible and without a seat 4+ weeks stay under 1% of the pool (measured, as above).
waiting_bonus = 50
# Pair values (seat value + score) are rounded to a multiple of this many points before
# optimising. Coarser values let the solver prove optimality sooner; 0.001 is the finest.
resolution = 0.1

[weights]
# Points for each part of the score of a pair; each part is a number from 0 to 1.
theme_fit = 30          # share of the request's themes the expert has
distance = 15           # 1 - km / max_travel_km (online: 1)
# continuity and role_experience reward whoever was chosen before, fair_spread whoever was
# not: these three spread seats wider (top 10% of experts hold about 20% of the seats).
continuity = 10         # 1 preferred expert, 0.5 worked with this org before, else 0
recent_load = 10        # 1 - decayed recent load / load budget
fair_spread = 20        # 1 / (1 + decayed recent assignments)
role_experience = 5     # past assignments in this role, 3 or more = 1
age_proximity = 10      # buddy: 1 - age gap / max gap; not applicable: 0.5

[history]
# Week k before the batch counts decay^(k - 1); weeks beyond window are ignored.
decay = 0.5
window_weeks = 8
# The waiting advantage ([objective] waiting_bonus) is full after this many weeks without a
# seat (0 = off).
waiting_weeks = 3

[round]
# Re-runs with --previous: each earlier proposal that is still possible is worth this many points
# more. Above any difference in score (the weights sum to 100), below a normal seat (200): a
# proposal moves when that fills a seat, not for a slightly better pair.
keep_bonus = 120
# Standbys per filled seat (0 to 10), in standbys.csv: who to call when the assigned expert drops
# out, each keeping every hard rule with the other proposals as they are.
standbys = 2

[texts]
# Language of the texts of run, suggest and explain when --lang is not given: "en" or "nl".
language = "en"

[teams]
# Team rules, used only where experts.csv has certified_on or not_with, or requests.csv has
# experienced_min. An expert certified fewer than new_weeks weeks before the batch is new: only
# deployed on a request of two or more seats that also gets an experienced expert. Experienced:
# at least experienced_after deployments in history (plus experts.csv deployments).
new_weeks = 13
experienced_after = 5
# A team request is staffed whole or left open; true accepts a partial team that keeps the rules.
allow_partial = false
"#;

/// A whole policy.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    /// Hard-rule settings.
    pub rules: Rules,
    /// Default intensities.
    pub intensity: Intensity,
    /// Seat values and batch spread.
    pub objective: Objective,
    /// Score weights.
    pub weights: Weights,
    /// History decay.
    pub history: History,
    /// The weekly round: re-runs after decisions.
    pub round: Round,
    /// Texts for people.
    pub texts: Texts,
    /// Team rules (issue 24).
    pub teams: Teams,
    /// The season ledger: how long it keeps weeks.
    pub ledger: LedgerKeep,
}

/// The `[teams]` section: who counts as new or experienced, and whether a team may be partial.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Teams {
    /// Weeks after `certified_on` in which an expert is new (0..=520).
    pub new_weeks: u32,
    /// Deployments (history plus experts.csv `deployments`) from which an expert is experienced
    /// (0..=1000).
    pub experienced_after: u32,
    /// Accept a partial team that keeps the rules instead of leaving the request open.
    pub allow_partial: bool,
}

impl Default for Teams {
    fn default() -> Self {
        Teams {
            new_weeks: 13,
            experienced_after: 5,
            allow_partial: false,
        }
    }
}

/// The `[ledger]` section: retention.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct LedgerKeep {
    /// Weeks kept (1 to 520): `ledger purge` without `--before` erases every week older than
    /// this many weeks before the current one. None: weeks are kept until purged by hand.
    pub keep_weeks: Option<u32>,
}

/// The `[round]` section: re-runs with `--previous`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Round {
    /// Points added to the value of a pair proposed in the previous run.
    pub keep_bonus: f64,
    /// Standbys per filled seat (0 to 10): ranked experts who keep every hard rule if the
    /// assigned expert drops out, with the other proposals as they are (`standbys.csv`).
    pub standbys: u32,
}

impl Default for Round {
    fn default() -> Self {
        Round {
            keep_bonus: 120.0,
            standbys: 2,
        }
    }
}

/// Texts for people.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Texts {
    /// The default language of `run`, `suggest` and `explain` (`en` or `nl`).
    pub language: String,
}

impl Default for Texts {
    fn default() -> Self {
        Texts {
            language: "en".into(),
        }
    }
}

/// Hard-rule settings.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Rules {
    /// Default max_travel_km.
    pub default_max_travel_km: f64,
    /// Default max_assignments.
    pub default_max_assignments: u32,
    /// Default load_budget.
    pub default_load_budget: u32,
    /// Rule 7 limit in years.
    pub buddy_max_age_gap: u32,
    /// Roles open to uncertified experts.
    pub uncertified_roles: Vec<String>,
    /// Weeks within which the last supervision must lie (where the column is given).
    pub supervision_within_weeks: u32,
    /// A stricter limit for heavy-theme requests; `None` = the same as for others.
    pub supervision_heavy_within_weeks: Option<u32>,
    /// The rolling load window in weeks, this week included.
    pub rolling_weeks: u32,
    /// Default rolling budget over the window; `None` = off (unless an expert has one).
    pub rolling_budget: Option<u32>,
    /// The rolling budget relative to each expert's own weekly budget: over the window, at most
    /// `floor(rolling_share × rolling_weeks × load_budget)` points (a share from 0 to 1). One
    /// setting then fits experts whose weekly budgets differ. With `rolling_budget` (or an
    /// expert's own) the smaller of the two holds. Default 0.9; `None` = off; 1 binds only where
    /// the history holds weeks over the weekly budget.
    pub rolling_share: Option<f64>,
    /// Weeks without heavy-theme seats after one (0 = off).
    pub heavy_pause_weeks: u32,
}

/// Default intensities.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Intensity {
    /// Buddy seat.
    pub buddy: u32,
    /// Adviser seat.
    pub adviser: u32,
    /// Trainer seat.
    pub trainer: u32,
    /// Speaker seat.
    pub speaker: u32,
    /// Added when a theme is heavy.
    pub heavy_extra: u32,
    /// Heavy themes.
    pub heavy_themes: Vec<String>,
}

/// Seat values and batch spread, in points.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Objective {
    /// Priority 1.
    pub seat_low: f64,
    /// Priority 2.
    pub seat_normal: f64,
    /// Priority 3.
    pub seat_urgent: f64,
    /// Cost of the k-th assignment of an expert: (k - 1) * this.
    pub batch_spread: f64,
    /// Pair values are rounded to a multiple of this (points).
    pub resolution: f64,
    /// The waiting advantage in points after `history.waiting_weeks` weeks without a seat
    /// (see [`crate::scoring::waiting_points`]); from 0 to `seat_low / 2`.
    pub waiting_bonus: f64,
}

/// Weights of the score parts, in points.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    /// Theme fit.
    pub theme_fit: f64,
    /// Distance.
    pub distance: f64,
    /// Continuity.
    pub continuity: f64,
    /// Recent load.
    pub recent_load: f64,
    /// Fair spread.
    pub fair_spread: f64,
    /// Role experience.
    pub role_experience: f64,
    /// Age proximity.
    pub age_proximity: f64,
}

/// History decay.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct History {
    /// Weight of week k back is decay^(k-1).
    pub decay: f64,
    /// Weeks considered.
    pub window_weeks: u32,
    /// Weeks without a seat after which the waiting advantage is full (0 = off), 0 to 52.
    pub waiting_weeks: u32,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            default_max_travel_km: 25.0,
            default_max_assignments: 2,
            default_load_budget: 4,
            buddy_max_age_gap: 10,
            uncertified_roles: Vec::new(),
            supervision_within_weeks: 8,
            supervision_heavy_within_weeks: None,
            rolling_weeks: 3,
            rolling_budget: None,
            rolling_share: Some(0.9),
            heavy_pause_weeks: 0,
        }
    }
}

impl Default for Intensity {
    fn default() -> Self {
        Intensity {
            buddy: 2,
            adviser: 1,
            trainer: 1,
            speaker: 1,
            heavy_extra: 1,
            heavy_themes: ["suicidaliteit", "eetstoornis", "zelfbeschadiging", "trauma"]
                .map(String::from)
                .to_vec(),
        }
    }
}

impl Default for Objective {
    fn default() -> Self {
        Objective {
            seat_low: 100.0,
            seat_normal: 200.0,
            seat_urgent: 400.0,
            batch_spread: 15.0,
            resolution: 0.1,
            waiting_bonus: 50.0,
        }
    }
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            theme_fit: 30.0,
            distance: 15.0,
            continuity: 10.0,
            recent_load: 10.0,
            fair_spread: 20.0,
            role_experience: 5.0,
            age_proximity: 10.0,
        }
    }
}

impl Default for History {
    fn default() -> Self {
        History {
            decay: 0.5,
            window_weeks: 8,
            waiting_weeks: 3,
        }
    }
}

/// How a seat's themes meet the policy's heavy themes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Heavy {
    /// No theme is heavy.
    No,
    /// A theme is heavy.
    Yes,
    /// No theme is heavy, but one is a [`crate::names::themes::near_miss`] of a heavy theme: perhaps a
    /// typo, so counted as heavy to be safe.
    NearMiss,
}

/// A policy file that could not be used.
#[derive(Debug, thiserror::Error)]
#[error("{source_name}: {message}")]
pub struct PolicyError {
    /// The file.
    pub source_name: String,
    /// What is wrong, with the line and column where TOML says.
    pub message: String,
}

impl Weights {
    /// The names of the score's parts and their weights, in output order.
    pub const NAMES: [&'static str; 7] = [
        "theme_fit",
        "distance",
        "continuity",
        "recent_load",
        "fair_spread",
        "role_experience",
        "age_proximity",
    ];

    /// The weights in the order of [`Weights::NAMES`].
    pub fn as_array(&self) -> [f64; 7] {
        [
            self.theme_fit,
            self.distance,
            self.continuity,
            self.recent_load,
            self.fair_spread,
            self.role_experience,
            self.age_proximity,
        ]
    }
}

impl Policy {
    /// The policy as TOML, every field written out (what the engine uses).
    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("a policy is plain numbers, strings and lists")
    }

    /// Parses and checks a policy; `source_name` names the file in errors.
    pub fn from_toml(text: &str, source_name: &str) -> Result<Policy, PolicyError> {
        let err = |message: String| PolicyError {
            source_name: source_name.to_string(),
            message,
        };
        let mut policy: Policy = toml::from_str(text).map_err(|e| err(e.to_string()))?;
        // The waiting bonus's default (50) is half of the default seat_low: a file that lowers
        // seat_low without setting the bonus keeps its meaning (no bonus above half a seat).
        let bonus_set = toml::from_str::<toml::Table>(text).is_ok_and(|t| {
            t.get("objective")
                .and_then(|o| o.as_table())
                .is_some_and(|o| o.contains_key("waiting_bonus"))
        });
        if !bonus_set {
            policy.objective.waiting_bonus = policy
                .objective
                .waiting_bonus
                .min(policy.objective.seat_low / 2.0);
        }
        policy.validate().map_err(|e| err(e.0))?;
        Ok(policy)
    }

    /// Checks ranges: weights and seat values finite, from 0 to 1,000,000; travel from 0 to
    /// 1,000 km; the whole numbers of [`Policy::whole_numbers`] within theirs; resolution from
    /// 0.001 to 100; decay in (0, 1]; roles known.
    ///
    /// # Errors
    ///
    /// [`PolicyRangeError`]: the first field out of range, as `section.field = value: expected ...`.
    pub fn validate(&self) -> Result<(), PolicyRangeError> {
        self.check_ranges().map_err(PolicyRangeError)
    }

    fn check_ranges(&self) -> Result<(), String> {
        let o = &self.objective;
        let weights = Weights::NAMES.iter().zip(self.weights.as_array());
        let named = weights.map(|(n, w)| (format!("weights.{n}"), w)).chain(
            [
                ("objective.seat_low", o.seat_low),
                ("objective.seat_normal", o.seat_normal),
                ("objective.seat_urgent", o.seat_urgent),
                ("objective.batch_spread", o.batch_spread),
                ("objective.waiting_bonus", o.waiting_bonus),
                ("round.keep_bonus", self.round.keep_bonus),
            ]
            .map(|(n, w)| (n.to_string(), w)),
        );
        for (name, v) in named {
            if !v.is_finite() || !(0.0..=1.0e6).contains(&v) {
                return Err(format!("{name} = {v}: expected a number from 0 to 1000000"));
            }
        }
        // Issue 23: standbys and retention.
        if self.round.standbys > 10 {
            return Err(format!(
                "round.standbys = {}: expected a whole number from 0 to 10",
                self.round.standbys
            ));
        }
        if let Some(k) = self.ledger.keep_weeks.filter(|k| !(1..=520).contains(k)) {
            return Err(format!(
                "ledger.keep_weeks = {k}: expected a whole number from 1 to 520"
            ));
        }
        // The waiting advantage never outweighs a seat (fill first): at most half a low seat.
        if o.waiting_bonus > o.seat_low / 2.0 {
            return Err(format!(
                "objective.waiting_bonus = {}: expected at most half of objective.seat_low ({})",
                o.waiting_bonus,
                o.seat_low / 2.0
            ));
        }
        if let Some(share) = self.rules.rolling_share {
            if !share.is_finite() || !(0.0..=1.0).contains(&share) {
                return Err(format!(
                    "rules.rolling_share = {share}: expected a share from 0 to 1 (0.75 is 75%)"
                ));
            }
        }
        for (name, v, hi) in [
            ("teams.new_weeks", self.teams.new_weeks, 520),
            (
                "teams.experienced_after",
                self.teams.experienced_after,
                1000,
            ),
        ] {
            if v > hi {
                return Err(format!(
                    "{name} = {v}: expected a whole number from 0 to {hi}"
                ));
            }
        }
        let km = self.rules.default_max_travel_km;
        if !(0.0..=1000.0).contains(&km) {
            return Err(format!(
                "rules.default_max_travel_km = {km}: expected a number from 0 to 1000"
            ));
        }
        for (name, v, range) in self.whole_numbers() {
            if !range.contains(&v) {
                return Err(format!(
                    "{name} = {v}: expected a whole number from {} to {}",
                    range.start(),
                    range.end()
                ));
            }
        }
        if !(self.objective.resolution >= 0.001 && self.objective.resolution <= 100.0) {
            return Err(format!(
                "objective.resolution = {}: expected a number from 0.001 to 100",
                self.objective.resolution
            ));
        }
        if !(self.history.decay > 0.0 && self.history.decay <= 1.0) {
            return Err(format!(
                "history.decay = {}: expected a number above 0 and at most 1",
                self.history.decay
            ));
        }
        if crate::messages::Lang::parse(&self.texts.language).is_none() {
            return Err(format!(
                "texts.language = {:?}: expected \"en\" or \"nl\"",
                self.texts.language
            ));
        }
        for r in &self.rules.uncertified_roles {
            if Role::parse(r).is_none() {
                return Err(format!(
                    "rules.uncertified_roles: {r:?}: expected buddy, adviser, trainer or speaker"
                ));
            }
        }
        Ok(())
    }

    /// The policy's whole numbers with their allowed ranges: the ranges of the matching
    /// experts and requests columns, so that a default can be nothing a file could not say,
    /// and no load or count sum can overflow (at most 50 assignments of load 200 each).
    pub fn whole_numbers(&self) -> [(&'static str, u32, std::ops::RangeInclusive<u32>); 15] {
        let (r, i) = (&self.rules, &self.intensity);
        [
            (
                "rules.supervision_within_weeks",
                r.supervision_within_weeks,
                0..=520,
            ),
            (
                "rules.supervision_heavy_within_weeks",
                r.supervision_heavy_within_weeks.unwrap_or(0),
                0..=520,
            ),
            ("rules.rolling_weeks", r.rolling_weeks, 1..=52),
            (
                "rules.rolling_budget",
                r.rolling_budget.unwrap_or(0),
                0..=10_000,
            ),
            ("rules.heavy_pause_weeks", r.heavy_pause_weeks, 0..=52),
            (
                "rules.default_max_assignments",
                r.default_max_assignments,
                0..=50,
            ),
            ("rules.default_load_budget", r.default_load_budget, 0..=1000),
            ("rules.buddy_max_age_gap", r.buddy_max_age_gap, 0..=120),
            ("intensity.buddy", i.buddy, 0..=100),
            ("intensity.adviser", i.adviser, 0..=100),
            ("intensity.trainer", i.trainer, 0..=100),
            ("intensity.speaker", i.speaker, 0..=100),
            ("intensity.heavy_extra", i.heavy_extra, 0..=100),
            ("history.window_weeks", self.history.window_weeks, 1..=520),
            ("history.waiting_weeks", self.history.waiting_weeks, 0..=52),
        ]
    }

    /// The default language of the texts.
    pub fn lang(&self) -> crate::messages::Lang {
        crate::messages::Lang::parse(&self.texts.language).unwrap_or_default()
    }

    /// Whether uncertified experts may take `role`.
    pub fn uncertified_allowed(&self, role: Role) -> bool {
        self.rules
            .uncertified_roles
            .iter()
            .any(|r| Role::parse(r) == Some(role))
    }

    /// How the themes (as written) of a seat meet the policy's heavy themes. Themes are compared
    /// by [`theme_key`], so spelling, diacritics, plurals and synonyms do not matter; a theme
    /// that is a heavy theme only on the safe side (a one-letter near miss, or the comparison of
    /// avoided themes, [`crate::names::themes::safe_side_same`] with the heavy theme on the avoid
    /// side: `zelfmoordpoging`, `suïcidaal`, `zelfbeschadigingen`) is [`Heavy::NearMiss`],
    /// counted as heavy.
    ///
    /// Each theme's verdict is memoised per thread (keyed by the heavy list and the theme as
    /// written): folding and comparing themes is the costly part, and a batch names a few
    /// hundred distinct themes in tens of thousands of rows (at 10,000 x 20,000 the heavy check
    /// of the requests and history rows took a quarter of a run's processor time).
    pub fn heavy<'a>(&self, themes: impl IntoIterator<Item = &'a str>) -> Heavy {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.intensity.heavy_themes.hash(&mut h);
        let list = h.finish();
        let mut out = Heavy::No;
        for t in themes {
            let verdict = HEAVY_MEMO.with(|memo| {
                let mut memo = memo.borrow_mut();
                let memo = memo.entry(list).or_default();
                if let Some(&v) = memo.get(t) {
                    return v;
                }
                let v = self.heavy_theme(t);
                if memo.len() >= 100_000 {
                    memo.clear();
                }
                memo.insert(t.to_string(), v);
                v
            });
            match verdict {
                Heavy::Yes => return Heavy::Yes,
                Heavy::NearMiss => out = Heavy::NearMiss,
                Heavy::No => {}
            }
        }
        out
    }

    /// [`Policy::heavy`] of one theme, not memoised.
    fn heavy_theme(&self, t: &str) -> Heavy {
        let k = theme_key(t);
        let heavy = self.intensity.heavy_themes.iter().map(|h| theme_key(h));
        let mut out = Heavy::No;
        for h in heavy {
            if h == k {
                return Heavy::Yes;
            }
            if crate::names::themes::near_miss(&k, &h)
                || crate::names::themes::safe_side_same(&h, t)
            {
                out = Heavy::NearMiss;
            }
        }
        out
    }

    /// Whether a seat with these themes counts as heavy: a heavy theme or, to be safe, a near
    /// miss of one ([`Policy::heavy`]).
    pub fn is_heavy<'a>(&self, themes: impl IntoIterator<Item = &'a str>) -> bool {
        self.heavy(themes) != Heavy::No
    }

    /// The default intensity of a seat of `role` whose themes (as written) are `themes`: the
    /// role's intensity, plus `heavy_extra` when a theme is heavy or, to be safe, one letter
    /// away from a heavy theme ([`Heavy::NearMiss`]).
    pub fn default_intensity<'a>(
        &self,
        role: Role,
        themes: impl IntoIterator<Item = &'a str>,
    ) -> u32 {
        let i = &self.intensity;
        let base = match role {
            Role::Buddy => i.buddy,
            Role::Adviser => i.adviser,
            Role::Trainer => i.trainer,
            Role::Speaker => i.speaker,
        };
        let heavy = self.heavy(themes) != Heavy::No;
        base + if heavy { i.heavy_extra } else { 0 }
    }

    /// The value of one filled seat of a request with `priority` (1, 2, 3).
    pub fn seat_value(&self, priority: u8) -> f64 {
        match priority {
            1 => self.objective.seat_low,
            3 => self.objective.seat_urgent,
            _ => self.objective.seat_normal,
        }
    }
}

/// A policy field out of its range, in words (see [`Policy::validate`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PolicyRangeError(pub String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_default_is_the_builtin_default() {
        let p = Policy::from_toml(DEFAULT_POLICY_TOML, "default").unwrap();
        assert_eq!(p, Policy::default());
        assert_eq!(Policy::from_toml("", "empty").unwrap(), Policy::default());
    }

    /// Issue 25: the default is wellbeing over a season, and a policy file that lowers seat_low
    /// without a waiting bonus still loads (the bonus never exceeds half a seat); one that sets
    /// the bonus keeps it.
    #[test]
    fn the_season_defaults_and_files_that_lower_seat_low() {
        let d = Policy::default();
        assert_eq!(d.rules.rolling_share, Some(0.9));
        assert_eq!((d.rules.rolling_weeks, d.history.waiting_weeks), (3, 3));
        assert_eq!(d.objective.waiting_bonus, 50.0);
        let low = Policy::from_toml("[objective]\nseat_low = 60\n", "p").unwrap();
        assert_eq!(low.objective.waiting_bonus, 30.0);
        let set = Policy::from_toml("[objective]\nseat_low = 60\nwaiting_bonus = 10\n", "p");
        assert_eq!(set.unwrap().objective.waiting_bonus, 10.0);
        let too_much = "[objective]\nseat_low = 60\nwaiting_bonus = 40\n";
        assert!(Policy::from_toml(too_much, "p").is_err());
        let high = Policy::from_toml("[objective]\nseat_low = 300\n", "p").unwrap();
        assert_eq!(high.objective.waiting_bonus, 50.0);
    }

    #[test]
    fn unknown_field_is_an_error_with_position() {
        let e = Policy::from_toml("[weights]\nthem_fit = 3\n", "p.toml").unwrap_err();
        let s = e.to_string();
        assert!(
            s.contains("p.toml") && s.contains("them_fit") && s.contains("line 2"),
            "{s}"
        );
    }

    #[test]
    fn bad_ranges_rejected() {
        assert!(Policy::from_toml("[history]\ndecay = 0\n", "p").is_err());
        assert!(Policy::from_toml("[weights]\ndistance = -1\n", "p").is_err());
        assert!(Policy::from_toml("[rules]\nuncertified_roles=[\"pilot\"]\n", "p").is_err());
        assert!(Policy::from_toml("[texts]\nlanguage = \"fr\"\n", "p").is_err());
        let nl = Policy::from_toml("[texts]\nlanguage = \"nl\"\n", "p").unwrap();
        assert_eq!(nl.lang(), crate::messages::Lang::Nl);
    }

    #[test]
    fn numbers_that_would_wrap_are_refused() {
        for (text, field) in [
            ("[intensity]\nbuddy = 4294967295\n", "intensity.buddy"),
            ("[intensity]\nheavy_extra = 101\n", "intensity.heavy_extra"),
            (
                "[rules]\ndefault_max_assignments = 4294967295\n",
                "rules.default_max_assignments",
            ),
            (
                "[rules]\ndefault_load_budget = 1001\n",
                "rules.default_load_budget",
            ),
            (
                "[rules]\ndefault_max_travel_km = 1e9\n",
                "rules.default_max_travel_km",
            ),
            ("[history]\nwindow_weeks = 0\n", "history.window_weeks"),
        ] {
            let e = Policy::from_toml(text, "p.toml").unwrap_err().to_string();
            assert!(e.contains(field) && e.contains("expected"), "{text}: {e}");
        }
        // A value beyond u32 is refused by the TOML reader itself, naming the field.
        let e = Policy::from_toml("[intensity]\nbuddy = 99999999999\n", "p").unwrap_err();
        assert!(e.to_string().contains("buddy"), "{e}");
        // The edges of every range are accepted.
        let edges = "[rules]\ndefault_max_assignments = 50\ndefault_load_budget = 1000\n[intensity]\nbuddy = 100\nheavy_extra = 100\n";
        assert!(Policy::from_toml(edges, "p").is_ok());
    }

    #[test]
    fn default_intensity_by_role_and_heavy_theme() {
        let p = Policy::default();
        assert_eq!(p.default_intensity(Role::Buddy, ["pesten"]), 2);
        assert_eq!(
            p.default_intensity(Role::Buddy, ["pesten", "Eetstoornis"]),
            3
        );
        assert_eq!(p.default_intensity(Role::Speaker, ["trauma"]), 2);
    }

    #[test]
    fn heavy_themes_compare_by_theme_key() {
        let p = Policy::default();
        for t in [
            "suïcidaliteit",
            "Sui\u{0308}cidaliteit",
            "eetstoornissen",
            "zelf-beschadiging",
            "Trauma's",
            "anorexia",
        ] {
            assert_eq!(p.heavy([t]), Heavy::Yes, "{t}");
            assert_eq!(p.default_intensity(Role::Speaker, [t]), 2, "{t}");
        }
        // One letter away from a heavy theme: counted as heavy, to be safe.
        assert_eq!(p.heavy(["suicidalitiet"]), Heavy::NearMiss);
        assert_eq!(p.default_intensity(Role::Buddy, ["suicidalitiet"]), 3);
        assert_eq!(p.heavy(["pesten", "angst"]), Heavy::No);
    }
}
