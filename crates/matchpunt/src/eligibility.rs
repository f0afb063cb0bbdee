//! Hard rules 1-8 of the contract for one (request, expert) pair, and an index that finds all
//! eligible pairs of a batch without testing every pair.
//!
//! Why one file: every hard rule of a pair is defined here and nowhere else, so that a new rule
//! is added, and reviewed, in one place (the index, the funnel and the stages beside it).
//!
//! [`check`] is the single definition of the rules: it returns every rule a pair breaks, as
//! [`Reason`] codes with a plain-language text. [`candidates`] must return exactly the pairs for
//! which `check` is empty (a property test holds it to that); it only narrows the search:
//! experts are grouped by (role, theme) and each group is sorted by latitude, so an on-site request
//! scans only the band of latitudes its farthest-travelling candidate could come from. In the
//! band, the slot, online and language rules and a distance bound without trigonometry (the
//! chord through the earth, never longer than the great circle) rule most experts out before the
//! remaining rules are tested; debug builds check every answer against `check`.
//!
//! Rules over the whole batch (8's one-per-slot, 9, 10, 11) belong to the solver.

use crate::model::{Expert, Instance, LatLon, PreparedPoint, Request, Role, Supervision};
use crate::policy::Policy;
use rayon::prelude::*;

/// Why a pair is not allowed: one code per hard rule clause, in the order a coordinator checks them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Reason {
    /// Rule 1: the expert is on leave.
    Inactive,
    /// Rule 1: not certified, and the policy does not open this role to uncertified experts.
    NotCertified,
    /// Rule 1 (extended): the last supervision (intervisie) is missing or too long ago.
    SupervisionLapsed,
    /// Rule 2: the expert does not take this role.
    Role,
    /// Rule 3: no theme of the request is among the expert's themes.
    NoSharedTheme,
    /// Rule 3: a theme of the request is one the expert avoids now.
    AvoidedTheme,
    /// Rule 4: the expert must not be sent to this organisation.
    ExcludedOrg,
    /// Rule 5: the request is online and the expert does not work online.
    NotOnline,
    /// Rule 5: the request is farther than the expert travels.
    TooFar,
    /// Rule 6: the expert does not speak the request's language.
    Language,
    /// Rule 6: the expert's gender is not the requested one.
    Gender,
    /// Rule 7: the age gap to the young person is too large.
    AgeGap,
    /// Rule 8: the expert is not available in the request's slot.
    SlotUnavailable,
    /// Rule 8: a flexible request needs an expert with at least one available slot.
    NoAvailability,
    /// Rule 9 (over weeks): a heavy-theme request within the expert's pause after one.
    HeavyPause,
}

impl Reason {
    /// All reasons, in check order.
    pub const ALL: [Reason; 15] = [
        Reason::Inactive,
        Reason::NotCertified,
        Reason::SupervisionLapsed,
        Reason::Role,
        Reason::NoSharedTheme,
        Reason::AvoidedTheme,
        Reason::ExcludedOrg,
        Reason::NotOnline,
        Reason::TooFar,
        Reason::Language,
        Reason::Gender,
        Reason::AgeGap,
        Reason::SlotUnavailable,
        Reason::NoAvailability,
        Reason::HeavyPause,
    ];

    /// Whether this reason is personal: which themes someone has lived experience of or avoids
    /// now (rule 3) is health data, and an excluded organisation (rule 4) may be a former care
    /// provider. Said of a named expert, all three read the same ([`PERSONAL_REASON`]), so that
    /// no text tells them apart.
    pub fn is_personal(self) -> bool {
        matches!(
            self,
            Reason::NoSharedTheme | Reason::AvoidedTheme | Reason::ExcludedOrg
        )
    }

    /// The stage this reason belongs to, as every output shows it: an avoided theme and an
    /// excluded organisation are both [`Stage::Personal`].
    pub fn stage(self) -> Stage {
        match self {
            Reason::Inactive => Stage::Inactive,
            Reason::NotCertified => Stage::NotCertified,
            Reason::SupervisionLapsed => Stage::SupervisionLapsed,
            Reason::Role => Stage::Role,
            Reason::NoSharedTheme => Stage::NoSharedTheme,
            Reason::AvoidedTheme | Reason::ExcludedOrg => Stage::Personal,
            Reason::NotOnline => Stage::NotOnline,
            Reason::TooFar => Stage::TooFar,
            Reason::Language => Stage::Language,
            Reason::Gender => Stage::Gender,
            Reason::AgeGap => Stage::AgeGap,
            Reason::SlotUnavailable => Stage::SlotUnavailable,
            Reason::NoAvailability => Stage::NoAvailability,
            Reason::HeavyPause => Stage::HeavyPause,
        }
    }

    /// The stage as said of one named expert: every personal reason ([`Reason::is_personal`],
    /// a missing theme included) is [`Stage::Personal`].
    pub fn stage_of_expert(self) -> Stage {
        if self.is_personal() {
            Stage::Personal
        } else {
            self.stage()
        }
    }
}

/// A hard rule as every output of the crate shows it: [`Reason`] with an avoided theme (rule 3)
/// and an excluded organisation (rule 4) joined into one stage, [`Stage::Personal`], with one
/// label (`rules 3-4`) and one code (`not-now`). Nothing public maps a stage back to the two
/// reasons, so an output built from stages cannot tell them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    /// Rule 1: on leave.
    Inactive,
    /// Rule 1: not certified.
    NotCertified,
    /// Rule 1: no recent supervision.
    SupervisionLapsed,
    /// Rule 2: not this role.
    Role,
    /// Rule 3: no theme of the request among the expert's themes.
    NoSharedTheme,
    /// Rules 3-4: an avoided theme or an excluded organisation, never told apart.
    Personal,
    /// Rule 5: not online.
    NotOnline,
    /// Rule 5: too far.
    TooFar,
    /// Rule 6: language.
    Language,
    /// Rule 6: gender.
    Gender,
    /// Rule 7: age gap.
    AgeGap,
    /// Rule 8: not available in the slot.
    SlotUnavailable,
    /// Rule 8: no available slot at all.
    NoAvailability,
    /// Rule 9 (over weeks): heavy-theme pause.
    HeavyPause,
    /// Rule 8 over pins: already pinned in the slot.
    PinnedInSlot,
    /// Rule 9 over pins: beyond the expert's limits with the pins before it.
    PinLimits,
    /// Rule 10: more pinned experts than seats.
    PinSeats,
    /// Rule 11: declined in the decisions.
    Declined,
    /// Team rules (issue 24) over pins and bookings: a new expert without an experienced
    /// expert fixed beside them, a pair kept apart, or `experienced_min` broken.
    PinTeam,
}

impl Stage {
    /// The rule as shown in `lang`: `rule 5` / `regel 5`, or for [`Stage::Personal`] the one
    /// label of rules 3 and 4 together (never which of the two).
    pub fn label_in(self, lang: crate::messages::Lang) -> String {
        use crate::messages::Msg;
        if self.is_personal() {
            lang.text(Msg::RulesPersonal).to_string()
        } else {
            lang.fill(Msg::RuleOne, &[("rule", &self.rule_text())])
        }
    }

    /// The rule as shown, e.g. `"5"`, or `"3-4"` for [`Stage::Personal`].
    pub fn rule_text(self) -> &'static str {
        match self {
            Stage::Inactive | Stage::NotCertified | Stage::SupervisionLapsed => "1",
            Stage::Role => "2",
            Stage::NoSharedTheme => "3",
            Stage::Personal => "3-4",
            Stage::NotOnline | Stage::TooFar => "5",
            Stage::Language | Stage::Gender => "6",
            Stage::AgeGap => "7",
            Stage::SlotUnavailable | Stage::NoAvailability | Stage::PinnedInSlot => "8",
            Stage::HeavyPause | Stage::PinLimits => "9",
            Stage::PinSeats | Stage::PinTeam => "10",
            Stage::Declined => "11",
        }
    }

    /// The stage that stands for the rule in counts by rule: the first stage with the same
    /// [`Stage::rule_text`].
    pub fn rule_group(self) -> Stage {
        match self {
            Stage::Inactive | Stage::NotCertified | Stage::SupervisionLapsed => Stage::Inactive,
            Stage::NotOnline | Stage::TooFar => Stage::NotOnline,
            Stage::Language | Stage::Gender => Stage::Language,
            Stage::SlotUnavailable | Stage::NoAvailability | Stage::PinnedInSlot => {
                Stage::SlotUnavailable
            }
            Stage::HeavyPause | Stage::PinLimits => Stage::HeavyPause,
            s => s,
        }
    }

    /// The rule as shown in English: `rule 5`, or `rules 3-4` for [`Stage::Personal`].
    pub fn rule_label(self) -> String {
        match self {
            Stage::Personal => "rules 3-4".into(),
            s => format!("rule {}", s.rule_text()),
        }
    }

    /// A stable machine-readable code; [`Stage::Personal`] is `not-now`.
    pub fn code(self) -> &'static str {
        match self {
            Stage::Inactive => "inactive",
            Stage::NotCertified => "not-certified",
            Stage::SupervisionLapsed => "supervision-lapsed",
            Stage::Role => "role",
            Stage::NoSharedTheme => "no-shared-theme",
            Stage::Personal => "not-now",
            Stage::NotOnline => "not-online",
            Stage::TooFar => "too-far",
            Stage::Language => "language",
            Stage::Gender => "gender",
            Stage::AgeGap => "age-gap",
            Stage::SlotUnavailable => "slot-unavailable",
            Stage::NoAvailability => "no-availability",
            Stage::HeavyPause => "heavy-pause",
            Stage::PinnedInSlot => "pinned-in-slot",
            Stage::PinLimits => "pin-limits",
            Stage::PinSeats => "pin-seats",
            Stage::PinTeam => "pin-team",
            Stage::Declined => "declined",
        }
    }

    /// Whether this is the personal stage (rules 3-4): any count of it reads [`shown_count`].
    pub fn is_personal(self) -> bool {
        self == Stage::Personal
    }

    /// Whether a near miss may name it: only rules 5-8 (a coordinator's change can remove
    /// them; the personal stage is never hinted at).
    pub fn is_near(self) -> bool {
        matches!(
            self,
            Stage::NotOnline
                | Stage::TooFar
                | Stage::Language
                | Stage::Gender
                | Stage::AgeGap
                | Stage::SlotUnavailable
                | Stage::NoAvailability
        )
    }

    /// Plain words for a coordinator, said of a named expert. Never names a theme;
    /// [`Stage::NoSharedTheme`] and [`Stage::Personal`] read [`PERSONAL_REASON`].
    pub fn text(self) -> &'static str {
        match self {
            Stage::Inactive => "is on leave",
            Stage::NotCertified => "has not completed the training",
            Stage::SupervisionLapsed => "has no recent enough supervision (intervisie)",
            Stage::Role => "does not take this role",
            Stage::NoSharedTheme | Stage::Personal => PERSONAL_REASON,
            Stage::NotOnline => "does not work online",
            Stage::TooFar => "lives beyond their travel distance",
            Stage::Language => "does not speak the request's language",
            Stage::Gender => "is not of the requested gender",
            Stage::AgeGap => "differs too much in age from the young person",
            Stage::SlotUnavailable => "is not available in the request's slot",
            Stage::NoAvailability => "has no available slot",
            Stage::HeavyPause => "is in a pause from heavy-theme requests",
            Stage::PinnedInSlot => "is already pinned in this slot",
            Stage::PinLimits => "would go beyond their limits with the pins before it",
            Stage::PinSeats => "is pinned to a request whose seats are taken by the pins before it",
            Stage::PinTeam => "is pinned against a team rule",
            Stage::Declined => "declined this request",
        }
    }

    /// [`Stage::text`] in `lang`, from the message table: the same words for
    /// [`Stage::NoSharedTheme`] and [`Stage::Personal`].
    pub fn text_in(self, lang: crate::messages::Lang) -> &'static str {
        use crate::messages::Msg;
        lang.text(match self {
            Stage::Inactive => Msg::OnLeave,
            Stage::NotCertified => Msg::NotCertifiedYet,
            Stage::SupervisionLapsed => Msg::SupervisionOld,
            Stage::Role => Msg::NoRole,
            Stage::NoSharedTheme | Stage::Personal => Msg::StagePersonalSaid,
            Stage::NotOnline => Msg::NotOnlineWork,
            Stage::TooFar => Msg::StageTooFarSaid,
            Stage::Language => Msg::StageLanguageSaid,
            Stage::Gender => Msg::NotGender,
            Stage::AgeGap => Msg::StageAgeSaid,
            Stage::SlotUnavailable => Msg::StageSlotSaid,
            Stage::NoAvailability => Msg::NoAvailabilityAtAll,
            Stage::HeavyPause => Msg::HeavyPauseNow,
            Stage::PinnedInSlot => Msg::StagePinnedSaid,
            Stage::PinLimits => Msg::StagePinLimitsSaid,
            Stage::PinSeats => Msg::StagePinSeatsSaid,
            Stage::PinTeam => Msg::StagePinTeamSaid,
            Stage::Declined => Msg::StageDeclinedSaid,
        })
    }

    /// What the surviving experts lack, for "no expert ..." sentences (the funnel).
    pub fn funnel_text(self) -> &'static str {
        match self {
            Stage::Inactive => "active (not on leave)",
            Stage::NotCertified => "certified",
            Stage::SupervisionLapsed => "with a recent supervision",
            Stage::Role => "with this role",
            Stage::NoSharedTheme => "with experience of a request theme",
            Stage::Personal => "free for this request now, for personal reasons",
            Stage::NotOnline => "working online",
            Stage::TooFar => "within travel distance",
            Stage::Language => "speaking the language",
            Stage::Gender => "of the requested gender",
            Stage::AgeGap => "within the buddy age gap",
            Stage::SlotUnavailable => "available in the slot",
            Stage::NoAvailability => "with any available slot",
            Stage::HeavyPause => "outside a heavy-theme pause",
            Stage::PinnedInSlot
            | Stage::PinLimits
            | Stage::PinSeats
            | Stage::PinTeam
            | Stage::Declined => "free of the pins before it",
        }
    }
}

/// How a personal reason ([`Reason::is_personal`]) reads in every text about a named expert.
pub const PERSONAL_REASON: &str = "is not for this request now, for a personal reason";

/// A count as shown in any text that could point at a person: below 3 (but not 0) it is
/// "fewer than 3", so that no count singles anyone out.
/// The English of [`crate::messages::Lang::count`], the one helper every output's count goes
/// through.
pub fn shown_count(n: usize) -> String {
    crate::messages::Lang::En.count(n)
}

/// A set of [`Reason`]s as a bit set; empty = eligible.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Reasons(pub u16);

impl Reasons {
    /// No rule broken.
    pub fn is_eligible(self) -> bool {
        self.0 == 0
    }
    /// Whether `r` is in the set.
    pub fn contains(self, r: Reason) -> bool {
        self.0 & (1 << r as u8) != 0
    }
    fn add(&mut self, r: Reason) {
        self.0 |= 1 << r as u8;
    }
    /// The reasons in check order.
    pub fn iter(self) -> impl Iterator<Item = Reason> {
        Reason::ALL.into_iter().filter(move |&r| self.contains(r))
    }
    /// The stages broken, in check order, each once (an avoided theme and an excluded
    /// organisation are one [`Stage::Personal`]).
    pub fn stages(self) -> impl Iterator<Item = Stage> {
        let mut last = None;
        self.iter().filter_map(move |r| {
            let s = r.stage();
            (last.replace(s) != Some(s)).then_some(s)
        })
    }
    /// The first stage broken, if any.
    pub fn first_stage(self) -> Option<Stage> {
        self.iter().next().map(Reason::stage)
    }
}

/// The expert's age in the batch's week, from the birth year (ISO year of the week - birth year).
pub fn age_in_week(birth_year: i32, inst: &Instance) -> i32 {
    inst.week.map_or(0, |w| w.year) - birth_year
}

/// Distance in km between the request's place and the expert's home, when on site.
pub fn distance_km(r: &Request, e: &Expert) -> Option<f64> {
    if r.online {
        return None;
    }
    r.location.map(|l| l.distance_km(e.location))
}

fn sorted_intersects(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Every hard rule 1-8 (and the per-pair parts of the supervision and heavy-pause rules) that
/// assigning expert `e` to request `r` breaks.
pub fn check(inst: &Instance, policy: &Policy, r: &Request, e: &Expert) -> Reasons {
    let mut out = Reasons::default();
    if !e.active {
        out.add(Reason::Inactive);
    }
    if !e.certified && !policy.uncertified_allowed(r.role) {
        out.add(Reason::NotCertified);
    }
    if supervision_lapsed(inst, policy, r, e) {
        out.add(Reason::SupervisionLapsed);
    }
    if !e.roles.contains(r.role) {
        out.add(Reason::Role);
    }
    if !sorted_intersects(&r.themes, &e.themes) {
        out.add(Reason::NoSharedTheme);
    }
    if e.avoid_all || sorted_intersects(&r.themes, &e.avoid_themes) {
        out.add(Reason::AvoidedTheme);
    }
    if e.excluded_orgs.binary_search(&r.org).is_ok() {
        out.add(Reason::ExcludedOrg);
    }
    if r.online {
        if !e.online {
            out.add(Reason::NotOnline);
        }
    } else if distance_km(r, e).is_none_or(|d| d > e.max_travel_km) {
        out.add(Reason::TooFar);
    }
    if e.languages.binary_search(&r.language).is_err() {
        out.add(Reason::Language);
    }
    if !r.gender_pref.is_empty() && r.gender_pref != e.gender {
        out.add(Reason::Gender);
    }
    if r.role == Role::Buddy {
        if let (Some(age), Some(by)) = (r.client_age, e.birth_year) {
            let gap = (age_in_week(by, inst) - age as i32).unsigned_abs();
            if gap > policy.rules.buddy_max_age_gap {
                out.add(Reason::AgeGap);
            }
        }
    }
    match r.slot {
        Some(s) if !e.availability.contains(s) => out.add(Reason::SlotUnavailable),
        None if e.availability.is_empty() => out.add(Reason::NoAvailability),
        _ => {}
    }
    if in_heavy_pause(inst, policy, r, e) {
        out.add(Reason::HeavyPause);
    }
    out
}

/// Whether the expert's last supervision is missing or older than the policy allows for this
/// request (`supervision_heavy_within_weeks` for a heavy one, when set). Never when the experts
/// file has no `last_supervision` column, or the batch has no week.
pub fn supervision_lapsed(inst: &Instance, policy: &Policy, r: &Request, e: &Expert) -> bool {
    let rules = &policy.rules;
    let within = match rules.supervision_heavy_within_weeks {
        Some(h) if r.heavy => h.min(rules.supervision_within_weeks),
        _ => rules.supervision_within_weeks,
    };
    match (e.supervision, inst.week) {
        (Supervision::NotChecked, _) | (_, None) => false,
        (Supervision::Never, Some(_)) => true,
        (Supervision::Week(last), Some(now)) => now.weeks_since(last) > within as i64,
    }
}

/// Whether a heavy-theme request falls in the expert's pause: a heavy-theme seat in one of the
/// `heavy_pause_weeks` weeks before the batch week.
pub fn in_heavy_pause(inst: &Instance, policy: &Policy, r: &Request, e: &Expert) -> bool {
    let pause = policy.rules.heavy_pause_weeks as i64;
    match (pause > 0 && r.heavy, e.last_heavy, inst.week) {
        (true, Some(last), Some(now)) => (1..=pause).contains(&now.weeks_since(last)),
        _ => false,
    }
}

/// One eligible pair, by index into the instance's requests and experts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pair {
    /// Request index.
    pub request: u32,
    /// Expert index.
    pub expert: u32,
}

/// One expert in a group of the [`CandidateIndex`]: what the search reads for every expert in
/// a request's latitude band, next to each other in memory.
#[derive(Clone, Copy, Debug)]
struct Entry {
    /// Latitude in degrees (the group's sort key).
    lat: f64,
    /// Home as a point on the unit sphere.
    unit: [f64; 3],
    /// A bound on the squared chord (on the unit sphere) between the home and any place within
    /// the expert's travel distance, with a margin; infinite when the home or the distance is
    /// outside what the bound is proven for, so that nothing is ruled out by it.
    reach2: f64,
    /// Expert index.
    expert: u32,
    /// Available slots ([`Expert::availability`]).
    availability: u32,
    /// The expert's languages with an id below 64, as bits.
    languages: u64,
    /// Works online.
    online: bool,
}

impl Entry {
    /// Whether a rule the entry holds rules the expert out for a request in `slot`, online or
    /// not, in the language with id `language`: slot (rule 8), online (rule 5), language (rule 6).
    #[inline]
    fn ruled_out(&self, slot: Option<u8>, online: bool, language: u32) -> bool {
        let no_slot = match slot {
            Some(s) => self.availability & (1 << s) == 0,
            None => self.availability == 0,
        };
        no_slot
            || (online && !self.online)
            || (language < 64 && self.languages & (1 << language) == 0)
    }
}

/// Experts grouped by (role, theme), each group sorted by latitude, with the group's longest
/// travel distance.
pub struct CandidateIndex {
    /// `groups[role][theme]`: the experts with that role and theme, sorted by latitude.
    groups: Vec<Vec<Vec<Entry>>>,
    max_travel: Vec<Vec<f64>>,
    /// Each expert's home, prepared for exact distances.
    homes: Vec<PreparedPoint>,
}

/// Km per degree of latitude on the contract's sphere.
const KM_PER_DEG_LAT: f64 = std::f64::consts::PI * crate::model::EARTH_RADIUS_KM / 180.0;

/// A point on the unit sphere, when its coordinates are valid ones (latitude within ±90, both
/// finite).
fn unit_vector(p: LatLon) -> Option<[f64; 3]> {
    if !(p.lat.abs() <= 90.0 && p.lon.is_finite()) {
        return None;
    }
    let (lat, lon) = (p.lat.to_radians(), p.lon.to_radians());
    Some([lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()])
}

/// The squared chord that no place within `max_travel_km` of a home can exceed, with a margin
/// (see [`CandidateIndex::for_request_with_distance`]); infinite when not proven.
fn reach2(max_travel_km: f64) -> f64 {
    if !(max_travel_km >= 0.0 && max_travel_km.is_finite()) {
        return f64::INFINITY;
    }
    let angle = max_travel_km / crate::model::EARTH_RADIUS_KM;
    angle * angle * (1.0 + 1e-6) + 1e-16
}

/// Reusable space of one worker of [`candidates`]: a mark per expert, so that an expert found
/// through several of a request's themes is tested once.
struct Scratch {
    seen: Vec<u32>,
    round: u32,
}

impl Scratch {
    fn new(experts: usize) -> Self {
        Scratch {
            seen: vec![0; experts],
            round: 0,
        }
    }

    /// Starts a new request: no expert is marked.
    fn next_round(&mut self) {
        if self.round == u32::MAX {
            self.seen.fill(0);
            self.round = 0;
        }
        self.round += 1;
    }

    /// Marks expert `e`; false if it was marked already in this round.
    fn mark(&mut self, e: u32) -> bool {
        let s = &mut self.seen[e as usize];
        let new = *s != self.round;
        *s = self.round;
        new
    }
}

impl CandidateIndex {
    /// Builds the index over the experts that can take some role at all (active, certified or
    /// allowed uncertified).
    pub fn new(inst: &Instance, policy: &Policy) -> Self {
        let nt = inst.themes.len();
        let mut groups = vec![vec![Vec::new(); nt]; 4];
        let mut max_travel = vec![vec![0.0f64; nt]; 4];
        for (i, e) in inst.experts.iter().enumerate() {
            if !e.active {
                continue;
            }
            let (unit, reach2) = match unit_vector(e.location) {
                Some(u) => (u, reach2(e.max_travel_km)),
                None => ([0.0; 3], f64::INFINITY),
            };
            let entry = Entry {
                lat: e.location.lat,
                unit,
                reach2,
                expert: i as u32,
                availability: e.availability.0,
                languages: e
                    .languages
                    .iter()
                    .filter(|&&l| l < 64)
                    .fold(0, |m, &l| m | 1 << l),
                online: e.online,
            };
            for role in Role::ALL {
                if !e.roles.contains(role) || (!e.certified && !policy.uncertified_allowed(role)) {
                    continue;
                }
                for &t in &e.themes {
                    groups[role.index()][t as usize].push(entry);
                    let m = &mut max_travel[role.index()][t as usize];
                    *m = m.max(e.max_travel_km);
                }
            }
        }
        for g in groups.iter_mut().flatten() {
            g.sort_by(|a, b| a.lat.total_cmp(&b.lat).then(a.expert.cmp(&b.expert)));
        }
        let homes = inst.experts.iter().map(|e| e.location.prepared()).collect();
        CandidateIndex {
            groups,
            max_travel,
            homes,
        }
    }

    /// The experts eligible for request `ri`, ascending by index.
    pub fn for_request(&self, inst: &Instance, policy: &Policy, ri: usize) -> Vec<u32> {
        let mut scratch = Scratch::new(inst.experts.len());
        self.for_request_with_distance(inst, policy, ri, &mut scratch)
            .into_iter()
            .map(|(e, _)| e)
            .collect()
    }

    /// The experts eligible for request `ri`, ascending by index, each with the distance in km
    /// ([`distance_km`]; NaN for an online request).
    ///
    /// Only the experts of the request's role and themes in the latitude band of the group's
    /// longest travel are looked at. Of those, an expert whose home is farther from the request
    /// as the crow flies through the earth (the chord) than their travel distance is left out
    /// without the haversine: the great-circle distance is never shorter than the chord. The
    /// bound keeps a margin (a relative 10^-6 on the squared chord and 6 cm) far above the
    /// rounding of either formula, so it only ever leaves out pairs that [`check`] finds too far.
    /// Before it, the slot, online and language rules as the group entry holds them; after it,
    /// every rule the index does not already guarantee ([`admits`]).
    fn for_request_with_distance(
        &self,
        inst: &Instance,
        policy: &Policy,
        ri: usize,
        scratch: &mut Scratch,
    ) -> Vec<(u32, f64)> {
        let r = &inst.requests[ri];
        let on_site = match (r.online, r.location) {
            (false, Some(loc)) => Some(loc),
            _ => None,
        };
        let unit = on_site.and_then(unit_vector);
        let slot = r.slot.map(|s| s.0);
        scratch.next_round();
        let mut found: Vec<u32> = Vec::new();
        for &t in &r.themes {
            let g = &self.groups[r.role.index()][t as usize];
            let slice = match on_site {
                Some(loc) => {
                    // An expert farther in latitude than the group's longest travel is out of range.
                    let band = self.max_travel[r.role.index()][t as usize] / KM_PER_DEG_LAT + 1e-9;
                    let lo = g.partition_point(|x| x.lat < loc.lat - band);
                    let hi = g.partition_point(|x| x.lat <= loc.lat + band);
                    &g[lo..hi]
                }
                None => &g[..],
            };
            match unit {
                Some(u) => {
                    for x in slice {
                        if x.ruled_out(slot, r.online, r.language) {
                            continue;
                        }
                        let d = [u[0] - x.unit[0], u[1] - x.unit[1], u[2] - x.unit[2]];
                        if d[0] * d[0] + d[1] * d[1] + d[2] * d[2] > x.reach2 {
                            continue;
                        }
                        if scratch.mark(x.expert) {
                            found.push(x.expert);
                        }
                    }
                }
                None => {
                    for x in slice {
                        if x.ruled_out(slot, r.online, r.language) {
                            continue;
                        }
                        if scratch.mark(x.expert) {
                            found.push(x.expert);
                        }
                    }
                }
            }
        }
        found.sort_unstable();
        let here = on_site.map(LatLon::prepared);
        let mut out = Vec::with_capacity(found.len());
        for e in found {
            let expert = &inst.experts[e as usize];
            let ok = admits(inst, policy, r, expert, here, self.homes[e as usize]);
            debug_assert_eq!(
                ok.is_some(),
                check(inst, policy, r, expert).is_eligible(),
                "the index's test of {} x {} differs from check",
                r.id,
                expert.id
            );
            if let Some(d) = ok {
                out.push((e, d));
            }
        }
        out
    }
}

/// Rules 1-8 for a pair the [`CandidateIndex`] offers, where the index has already made sure
/// that the expert is active, certified or allowed uncertified, takes the role and shares a
/// theme. The same rules as [`check`] (debug builds compare the two on every pair), cheapest
/// first, stopping at the first broken one. `here` is the request's place when on site,
/// `home` the expert's, both prepared. Returns the distance in km (NaN online) when eligible.
fn admits(
    inst: &Instance,
    policy: &Policy,
    r: &Request,
    e: &Expert,
    here: Option<PreparedPoint>,
    home: PreparedPoint,
) -> Option<f64> {
    match r.slot {
        Some(s) if !e.availability.contains(s) => return None,
        None if e.availability.is_empty() => return None,
        _ => {}
    }
    if r.online && !e.online {
        return None;
    }
    if e.languages.binary_search(&r.language).is_err()
        || (!r.gender_pref.is_empty() && r.gender_pref != e.gender)
        || e.excluded_orgs.binary_search(&r.org).is_ok()
        || e.avoid_all
        || sorted_intersects(&r.themes, &e.avoid_themes)
    {
        return None;
    }
    if r.role == Role::Buddy {
        if let (Some(age), Some(by)) = (r.client_age, e.birth_year) {
            let gap = (age_in_week(by, inst) - age as i32).unsigned_abs();
            if gap > policy.rules.buddy_max_age_gap {
                return None;
            }
        }
    }
    if supervision_lapsed(inst, policy, r, e) || in_heavy_pause(inst, policy, r, e) {
        return None;
    }
    if r.online {
        return Some(f64::NAN);
    }
    // On site: `distance_km(r, e)`, computed through the prepared points (the same bits).
    let d = here?.distance_km(home);
    if d > e.max_travel_km {
        return None;
    }
    Some(d)
}

/// The eligible pairs of a batch with their distances: [`candidates`] and, for each pair in
/// the same order, the distance in km of [`distance_km`] (NaN for an online request).
pub fn candidates_with_distance(inst: &Instance, policy: &Policy) -> (Vec<Pair>, Vec<f64>) {
    let index = CandidateIndex::new(inst, policy);
    let per_request: Vec<Vec<(u32, f64)>> = (0..inst.requests.len())
        .into_par_iter()
        .map_init(
            || Scratch::new(inst.experts.len()),
            |scratch, ri| index.for_request_with_distance(inst, policy, ri, scratch),
        )
        .collect();
    let total = per_request.iter().map(Vec::len).sum();
    let mut pairs = Vec::with_capacity(total);
    let mut dist = Vec::with_capacity(total);
    for (ri, es) in per_request.into_iter().enumerate() {
        for (e, d) in es {
            pairs.push(Pair {
                request: ri as u32,
                expert: e,
            });
            dist.push(d);
        }
    }
    (pairs, dist)
}

/// All eligible pairs of the batch, sorted by request then expert. Runs in parallel; the result
/// does not depend on the thread count.
pub fn candidates(inst: &Instance, policy: &Policy) -> Vec<Pair> {
    candidates_with_distance(inst, policy).0
}

/// The plain all-pairs reference for [`candidates`]: every pair tested with [`check`].
pub fn candidates_all_pairs(inst: &Instance, policy: &Policy) -> Vec<Pair> {
    let mut out = Vec::new();
    for (ri, r) in inst.requests.iter().enumerate() {
        for (ei, e) in inst.experts.iter().enumerate() {
            if check(inst, policy, r, e).is_eligible() {
                out.push(Pair {
                    request: ri as u32,
                    expert: ei as u32,
                });
            }
        }
    }
    out
}

/// How many experts pass each rule in turn for request `r` (rules in [`Reason::ALL`] order; a
/// reason that cannot apply to this request is skipped). The first stage that reaches zero is why
/// nobody can take the request. Avoided themes and excluded organisations are one stage,
/// [`Stage::Personal`], so that the funnel never tells which of the two it is.
pub fn funnel(inst: &Instance, policy: &Policy, r: &Request) -> Vec<(Stage, usize)> {
    let all: Vec<Reasons> = inst
        .experts
        .iter()
        .map(|e| check(inst, policy, r, e))
        .collect();
    funnel_masks(policy, r)
        .into_iter()
        .map(|(stage, mask)| (stage, all.iter().filter(|x| x.0 & mask == 0).count()))
        .collect()
}

/// The experts (indices, ascending) who meet the first `stages` stages of request `r`'s
/// [`funnel`]: those counted before stage `stages`.
pub fn funnel_passed(inst: &Instance, policy: &Policy, r: &Request, stages: usize) -> Vec<usize> {
    let mask = match stages.checked_sub(1) {
        Some(k) => funnel_masks(policy, r).get(k).map_or(0, |x| x.1),
        None => 0,
    };
    inst.experts
        .iter()
        .enumerate()
        .filter(|(_, e)| check(inst, policy, r, e).0 & mask == 0)
        .map(|(i, _)| i)
        .collect()
}

/// The stages of the funnel of `r`, each with the reasons (as bits of [`Reasons`]) of it and of
/// every stage before it. The personal stage holds both an avoided theme and an excluded
/// organisation.
fn funnel_masks(policy: &Policy, r: &Request) -> Vec<(Stage, u16)> {
    let mut mask = 0u16;
    let mut out = Vec::new();
    for reason in Reason::ALL {
        let applies = match reason {
            Reason::NotOnline => r.online,
            Reason::TooFar => !r.online,
            Reason::Gender => !r.gender_pref.is_empty(),
            Reason::AgeGap => r.role == Role::Buddy && r.client_age.is_some(),
            Reason::SlotUnavailable => r.slot.is_some(),
            Reason::NoAvailability => r.slot.is_none(),
            Reason::HeavyPause => r.heavy && policy.rules.heavy_pause_weeks > 0,
            Reason::ExcludedOrg => false, // joined with AvoidedTheme
            _ => true,
        };
        if !applies {
            continue;
        }
        mask |= 1 << reason as u8;
        if reason == Reason::AvoidedTheme {
            mask |= 1 << Reason::ExcludedOrg as u8;
        }
        out.push((reason.stage(), mask));
    }
    out
}

/// A sentence for a request nobody can take, from its [`funnel`]: the first rule that no
/// expert meets, and how many met every rule before it ([`shown_count`]: "fewer than 3" below 3).
pub fn nobody_sentence(funnel: &[(Stage, usize)]) -> String {
    let Some(zero) = funnel.iter().position(|x| x.1 == 0) else {
        return String::new();
    };
    let stage = funnel[zero].0;
    if zero == 0 {
        return format!(
            "no expert is {} ({})",
            stage.funnel_text(),
            stage.rule_label()
        );
    }
    let before = funnel[zero - 1].1;
    format!(
        "no expert {} ({}) among {} who meet the rules before it",
        stage.funnel_text(),
        stage.rule_label(),
        match before {
            1 | 2 => shown_count(before),
            n => format!("the {n}"),
        }
    )
}
