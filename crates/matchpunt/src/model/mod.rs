//! The domain vocabulary: roles, slots, ISO weeks, experts, requests and history rows.
//!
//! Everything here is plain data after ingest: names are resolved to dense ids (themes, orgs,
//! languages are interned), places to coordinates and defaults to values, so that the later stages
//! (eligibility, scoring, solving) compare integers and never strings.
//!
//! What lives here: this file (the vocabulary and [`Instance`]); [`places`] (the places table and
//! place names as people write them). The name-folding functions are re-exported from
//! [`crate::names`].

pub mod places;

use std::collections::HashMap;
use std::fmt;

/// What an expert does for an organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// A buddy (ervaringsmaatje) for one young person.
    Buddy,
    /// An adviser (adviseur, meedenker) to a care organisation or municipality.
    Adviser,
    /// A trainer of professionals.
    Trainer,
    /// A speaker (spreker, voorlichter).
    Speaker,
}

impl Role {
    /// All roles, in output order.
    pub const ALL: [Role; 4] = [Role::Buddy, Role::Adviser, Role::Trainer, Role::Speaker];

    /// Parses a role or one of its Dutch aliases (case-insensitive, trimmed).
    pub fn parse(s: &str) -> Option<Role> {
        match normalize(s).as_str() {
            "buddy" | "maatje" | "ervaringsmaatje" => Some(Role::Buddy),
            "adviser" | "advisor" | "adviseur" | "meedenker" => Some(Role::Adviser),
            "trainer" => Some(Role::Trainer),
            "speaker" | "spreker" | "voorlichter" => Some(Role::Speaker),
            _ => None,
        }
    }

    /// The canonical (English) code.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Buddy => "buddy",
            Role::Adviser => "adviser",
            Role::Trainer => "trainer",
            Role::Speaker => "speaker",
        }
    }

    /// Index 0..4, used for per-role tables.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The bit of this role in a [`RoleSet`].
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of roles as a bit set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RoleSet(pub u8);

impl RoleSet {
    /// Whether `role` is in the set.
    pub fn contains(self, role: Role) -> bool {
        self.0 & role.bit() != 0
    }
    /// Adds `role`.
    pub fn insert(&mut self, role: Role) {
        self.0 |= role.bit();
    }
    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// Days of the week, in slot order.
pub const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/// Parts of the day, in slot order.
pub const PARTS: [&str; 3] = ["am", "pm", "eve"];

/// Names of days (English and Dutch, short and full) and their index in [`DAYS`].
const DAY_NAMES: [(&str, usize); 35] = [
    ("mon", 0),
    ("monday", 0),
    ("ma", 0),
    ("maandag", 0),
    ("tue", 1),
    ("tues", 1),
    ("tuesday", 1),
    ("di", 1),
    ("dinsdag", 1),
    ("wed", 2),
    ("weds", 2),
    ("wednesday", 2),
    ("wo", 2),
    ("woensdag", 2),
    ("thu", 3),
    ("thur", 3),
    ("thurs", 3),
    ("thursday", 3),
    ("do", 3),
    ("donderdag", 3),
    ("fri", 4),
    ("friday", 4),
    ("vr", 4),
    ("vrij", 4),
    ("vrijdag", 4),
    ("sat", 5),
    ("saturday", 5),
    ("za", 5),
    ("zat", 5),
    ("zaterdag", 5),
    ("sun", 6),
    ("sunday", 6),
    ("zo", 6),
    ("zon", 6),
    ("zondag", 6),
];

/// Names of day parts and their index in [`PARTS`].
const PART_NAMES: [(&str, usize); 12] = [
    ("am", 0),
    ("morning", 0),
    ("ochtend", 0),
    ("ochtends", 0),
    ("pm", 1),
    ("afternoon", 1),
    ("middag", 1),
    ("middags", 1),
    ("eve", 2),
    ("evening", 2),
    ("avond", 2),
    ("avonds", 2),
];

/// The index of `token` in a name table: a name, or the start (3 letters or more) of names of
/// only one index (`mid` for middag, `woe` for woensdag).
fn name_index(token: &str, names: &[(&str, usize)]) -> Option<usize> {
    if let Some(&(_, i)) = names.iter().find(|(n, _)| *n == token) {
        return Some(i);
    }
    if token.chars().count() < 3 {
        return None;
    }
    let mut found = None;
    for &(n, i) in names {
        if n.starts_with(token) {
            if found.is_some_and(|f| f != i) {
                return None;
            }
            found = Some(i);
        }
    }
    found
}

/// One of the 21 weekly slots (`wed-pm`), stored as `day * 3 + part`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Slot(pub u8);

impl Slot {
    /// Number of slots in a week.
    pub const COUNT: usize = 21;

    /// Parses a day and a part of the day, case-insensitive: `wed-pm`, the Dutch `wo-middag`, and
    /// as spreadsheets are typed: full names (`woensdag middag`, `wednesday afternoon`), the two
    /// written together (`woensdagmiddag`), unambiguous starts of names (`wo-mid`), with `-`,
    /// `_`, `/`, `.`, `:` or a space between.
    pub fn parse(s: &str) -> Option<Slot> {
        let t = normalize(s);
        let is_sep = |c: char| matches!(c, '-' | '_' | '/' | ' ' | '.' | ':');
        let (day, part) = match t.find(is_sep) {
            Some(i) => (
                name_index(&t[..i], &DAY_NAMES)?,
                name_index(t[i..].trim_start_matches(is_sep), &PART_NAMES)?,
            ),
            None => DAY_NAMES.iter().find_map(|&(n, d)| {
                let rest = t.strip_prefix(n)?;
                let p = PART_NAMES.iter().find(|(pn, _)| *pn == rest)?.1;
                Some((d, p))
            })?,
        };
        Some(Slot((day * 3 + part) as u8))
    }
}

impl fmt::Display for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = self.0 as usize;
        write!(f, "{}-{}", DAYS[i / 3], PARTS[i % 3])
    }
}

/// A set of slots as a 21-bit mask.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SlotSet(pub u32);

impl SlotSet {
    /// All 21 slots (`*` or `any`).
    pub const ALL: SlotSet = SlotSet((1 << 21) - 1);
    /// Whether `slot` is in the set.
    pub fn contains(self, slot: Slot) -> bool {
        self.0 & (1 << slot.0) != 0
    }
    /// Adds `slot`.
    pub fn insert(&mut self, slot: Slot) {
        self.0 |= 1 << slot.0;
    }
    /// Removes `slot`.
    pub fn remove(&mut self, slot: Slot) {
        self.0 &= !(1 << slot.0);
    }
    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// Number of slots in the set.
    pub fn len(self) -> u32 {
        self.0.count_ones()
    }
}

/// An ISO 8601 week, written `2026-W47`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Week {
    /// ISO week-numbering year.
    pub year: i32,
    /// Week 1..=52 or 53.
    pub week: u32,
}

impl Week {
    /// Parses `2026-W47` (also `2026W47`, `2026-w7`).
    pub fn parse(s: &str) -> Option<Week> {
        let t = s.trim().to_ascii_uppercase();
        let (y, w) = t.split_once('W')?;
        let year: i32 = y.trim_end_matches('-').parse().ok()?;
        let week: u32 = w.parse().ok()?;
        if !(1900..=2200).contains(&year) || week == 0 || week > weeks_in_year(year) {
            return None;
        }
        Some(Week { year, week })
    }

    /// Days since 1970-01-01 of this week's Monday.
    pub fn monday(self) -> i64 {
        // Jan 4 is always in week 1.
        let jan4 = days_from_civil(self.year, 1, 4);
        let wd = weekday(jan4); // 0 = Monday
        jan4 - wd + (self.week as i64 - 1) * 7
    }

    /// The ISO week containing the day `days` since 1970-01-01.
    pub fn of_day(days: i64) -> Week {
        let thursday = days - weekday(days) + 3;
        let (year, _, _) = civil_from_days(thursday);
        let jan1 = days_from_civil(year, 1, 1);
        Week {
            year,
            week: ((thursday - jan1) / 7 + 1) as u32,
        }
    }

    /// The week `n` weeks later (negative: earlier).
    pub fn plus(self, n: i64) -> Week {
        Week::of_day(self.monday() + 7 * n)
    }

    /// How many weeks `self` lies after `earlier` (negative if before).
    pub fn weeks_since(self, earlier: Week) -> i64 {
        (self.monday() - earlier.monday()) / 7
    }
}

impl fmt::Display for Week {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-W{:02}", self.year, self.week)
    }
}

/// Number of ISO weeks (52 or 53) in ISO year `year`.
pub fn weeks_in_year(year: i32) -> u32 {
    let dec28 = days_from_civil(year, 12, 28);
    Week::of_day(dec28).week
}

fn weekday(days: i64) -> i64 {
    // 1970-01-01 was a Thursday (3 when Monday = 0).
    (days + 3).rem_euclid(7)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y as i64 - 1 } else { y as i64 };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The date of a day since 1970-01-01 (Howard Hinnant's `civil_from_days`).
pub fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y } as i32, m, d)
}

pub use crate::names::{fold_theme, is_invisible, normalize, theme_key, tidy};

/// Which comparison an [`Interner`] uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NameKind {
    /// Names ([`normalize`]): organisations, languages.
    #[default]
    Name,
    /// Themes ([`theme_key`]); a theme the vocabulary knows is shown by its canonical name.
    Theme,
}

/// Interns names as dense `u32` ids under their comparison key ([`normalize`] or [`theme_key`]),
/// keeping a spelling for display: the first one seen, or for a known theme its canonical name.
#[derive(Clone, Debug, Default)]
pub struct Interner {
    kind: NameKind,
    ids: HashMap<String, u32>,
    names: Vec<String>,
    keys: Vec<String>,
}

impl Interner {
    /// An empty interner for names of `kind`.
    pub fn new(kind: NameKind) -> Self {
        Interner {
            kind,
            ..Interner::default()
        }
    }
    /// The comparison key of `name`.
    pub fn key_of(&self, name: &str) -> String {
        match self.kind {
            NameKind::Name => normalize(name),
            NameKind::Theme => theme_key(name),
        }
    }
    /// The id of `name`, adding it if new.
    pub fn intern(&mut self, name: &str) -> u32 {
        let key = self.key_of(name);
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let id = self.names.len() as u32;
        let display = match self.kind {
            NameKind::Theme => crate::names::themes::Vocabulary::bundled()
                .by_key(&key)
                .map(|t| t.name.clone()),
            NameKind::Name => None,
        };
        self.names.push(display.unwrap_or_else(|| tidy(name)));
        self.keys.push(key.clone());
        self.ids.insert(key, id);
        id
    }
    /// The id of `name`, if known.
    pub fn get(&self, name: &str) -> Option<u32> {
        self.ids.get(&self.key_of(name)).copied()
    }
    /// The display name of `id`.
    pub fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }
    /// The comparison key of `id`.
    pub fn key(&self, id: u32) -> &str {
        &self.keys[id as usize]
    }
    /// Which comparison this interner uses.
    pub fn kind(&self) -> NameKind {
        self.kind
    }
    /// Number of names.
    pub fn len(&self) -> usize {
        self.names.len()
    }
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
    /// All display names, by id.
    pub fn names(&self) -> &[String] {
        &self.names
    }
}

/// A point on Earth in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LatLon {
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
}

/// Earth radius used for distances, in km (as the contract says).
pub const EARTH_RADIUS_KM: f64 = 6371.0;

impl LatLon {
    /// Great-circle (haversine) distance in km.
    pub fn distance_km(self, other: LatLon) -> f64 {
        self.prepared().distance_km(other.prepared())
    }

    /// The point with its latitude in radians and that latitude's cosine, for many distances
    /// from or to it ([`PreparedPoint::distance_km`]).
    pub fn prepared(self) -> PreparedPoint {
        let lat_rad = self.lat.to_radians();
        PreparedPoint {
            lat_rad,
            cos_lat: lat_rad.cos(),
            lon: self.lon,
        }
    }
}

/// A [`LatLon`] with the parts of the haversine formula that depend on one point only, computed
/// once ([`LatLon::prepared`]). Distances between prepared points are bit for bit those of
/// [`LatLon::distance_km`], which computes through them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PreparedPoint {
    /// Latitude in radians.
    pub lat_rad: f64,
    /// Cosine of the latitude.
    pub cos_lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
}

impl PreparedPoint {
    /// Great-circle (haversine) distance in km, as [`LatLon::distance_km`].
    #[inline]
    pub fn distance_km(self, other: PreparedPoint) -> f64 {
        let dp = other.lat_rad - self.lat_rad;
        let dl = (other.lon - self.lon).to_radians();
        let a = (dp / 2.0).sin().powi(2) + self.cos_lat * other.cos_lat * (dl / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
    }
}

/// An expert by experience, after ingest.
#[derive(Clone, Debug)]
pub struct Expert {
    /// Unique id.
    pub id: String,
    /// Zero-based data row in the input file.
    pub row: usize,
    /// Display name (may be empty).
    pub name: String,
    /// Roles the expert takes on.
    pub roles: RoleSet,
    /// Completed the experts-by-experience training.
    pub certified: bool,
    /// Themes of lived experience (interned ids, sorted, unique).
    pub themes: Vec<u32>,
    /// Themes not taken on now (interned ids, sorted, unique).
    pub avoid_themes: Vec<u32>,
    /// Every theme is avoided now (`avoid_themes` written `alles`, `*`): the expert is deployed
    /// on no request (rule 3), whatever its themes.
    pub avoid_all: bool,
    /// Home place name as written (empty when given by coordinates).
    pub place: String,
    /// Home coordinates.
    pub location: LatLon,
    /// Furthest on-site request, km.
    pub max_travel_km: f64,
    /// Willing to work online.
    pub online: bool,
    /// Available slots.
    pub availability: SlotSet,
    /// Most assignments this week.
    pub max_assignments: u32,
    /// Most wellbeing load this week.
    pub load_budget: u32,
    /// Birth year, for the buddy age rule.
    pub birth_year: Option<i32>,
    /// Languages spoken (interned ids, sorted).
    pub languages: Vec<u32>,
    /// Gender, normalised (empty = not given).
    pub gender: String,
    /// Organisations of the batch the expert must not be sent to (interned org ids, sorted):
    /// those the `excluded_orgs` cell names, resolved by [`crate::names::org`] (the same
    /// canonical name, contained in order, or a near miss) and by `excluded_org_ids`.
    pub excluded_orgs: Vec<u32>,
    /// The items of the `excluded_orgs` cell as written (tidied, in cell order), so that an
    /// organisation that is not in the batch (the inline request of `suggest`, the web form) is
    /// compared with them by the same rule ([`crate::names::org::resolve_cell`]).
    pub excluded_org_names: Vec<String>,
    /// The `excluded_org_ids` cell: stable identities (e.g. KvK numbers) of excluded
    /// organisations, normalised; a request whose `org_id` is one of them is excluded whatever
    /// its name.
    pub excluded_org_ids: Vec<String>,
    /// Not on leave.
    pub active: bool,
    /// The expert's coach (empty when not given).
    pub coach: String,
    /// The last supervision (intervisie), when the experts file has the column.
    pub supervision: Supervision,
    /// Most wellbeing load over the policy's rolling window (this week and the weeks of history
    /// before it); `None` = no rolling budget.
    pub rolling_budget: Option<u32>,
    /// Load already used in the rolling window's earlier weeks (from history, declines excluded).
    pub rolling_used: u32,
    /// The latest week before the batch with a heavy-theme seat (from history).
    pub last_heavy: Option<Week>,
}

impl Expert {
    /// The load this expert may take on this week (rule 9): the weekly `load_budget`, and no
    /// more than what the rolling budget leaves after the window's earlier weeks.
    pub fn budget(&self) -> u32 {
        match self.rolling_budget {
            Some(b) => self.load_budget.min(b.saturating_sub(self.rolling_used)),
            None => self.load_budget,
        }
    }
}

/// What the experts file says about an expert's last supervision (intervisie).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Supervision {
    /// The file has no `last_supervision` column: supervision is not checked.
    NotChecked,
    /// The column is there and the cell is empty: never supervised, as far as the file says.
    Never,
    /// The week of the last supervision.
    Week(Week),
}

/// A request from an organisation, after ingest.
#[derive(Clone, Debug)]
pub struct Request {
    /// Unique id.
    pub id: String,
    /// Zero-based data row in the input file.
    pub row: usize,
    /// Requesting organisation (interned).
    pub org: u32,
    /// The role asked for.
    pub role: Role,
    /// Themes the request is about (interned, sorted, unique).
    pub themes: Vec<u32>,
    /// Where it happens (None when online without a place).
    pub location: Option<LatLon>,
    /// Place name as written.
    pub place: String,
    /// Takes place online.
    pub online: bool,
    /// When it happens; None = flexible.
    pub slot: Option<Slot>,
    /// Seats to fill.
    pub experts_needed: u32,
    /// Wellbeing load of one seat (resolved from the policy when not given).
    pub intensity: u32,
    /// Whether `intensity` was given in the file (otherwise the policy's default).
    pub intensity_given: bool,
    /// 1 low, 2 normal, 3 urgent.
    pub priority: u8,
    /// Language the expert must speak (interned).
    pub language: u32,
    /// Age of the young person (buddy).
    pub client_age: Option<u32>,
    /// The expert's gender must equal this (normalised; empty = none).
    pub gender_pref: String,
    /// Soft wish: index of the preferred expert.
    pub preferred_expert: Option<usize>,
    /// Coordinator's decision: indexes of experts that must be assigned.
    pub pinned: Vec<usize>,
    /// Whether a theme of the request is one of the policy's heavy themes.
    pub heavy: bool,
}

/// One past assignment.
#[derive(Clone, Debug)]
pub struct HistoryRow {
    /// The week it took place.
    pub week: Week,
    /// Index of the expert.
    pub expert: usize,
    /// Organisation (interned).
    pub org: u32,
    /// Role.
    pub role: Role,
    /// Wellbeing load.
    pub intensity: u32,
    /// Whether the seat had a heavy theme (from the optional `themes` column).
    pub heavy: bool,
    /// The proposal was declined: it did not take place, so it adds no load, count or
    /// continuity.
    pub declined: bool,
}

/// A whole batch after ingest: the experts, requests and history, and the name tables.
#[derive(Clone, Debug)]
pub struct Instance {
    /// Experts, in file order.
    pub experts: Vec<Expert>,
    /// Requests, in file order.
    pub requests: Vec<Request>,
    /// History rows, in file order.
    pub history: Vec<HistoryRow>,
    /// Theme names (compared by [`theme_key`]).
    pub themes: Interner,
    /// Organisation names.
    pub orgs: Interner,
    /// Language names.
    pub languages: Interner,
    /// The batch's week.
    pub week: Option<Week>,
    /// The optional team columns (issue 24): empty when the files have none of them.
    pub teams: TeamData,
}

/// The team columns of a batch, by expert and request index. Every field is optional input, so
/// an empty [`TeamData`] means the files carry no team rule and the batch is solved as before.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TeamData {
    /// experts.csv `certified_on`, by expert index: the week of certification.
    pub certified_on: std::collections::BTreeMap<usize, Week>,
    /// experts.csv `deployments`, by expert index: deployments before the history file.
    pub deployments: std::collections::BTreeMap<usize, u32>,
    /// experts.csv `not_with`: pairs of expert indexes `(a, b)`, `a < b`, never sent on one
    /// request (symmetric whichever row names the other).
    pub not_with: std::collections::BTreeSet<(usize, usize)>,
    /// requests.csv `experienced_min`, by request index (only where above 0).
    pub experienced_min: std::collections::BTreeMap<usize, u32>,
    /// requests.csv `meetings` and `every_weeks`, by request index (only trajectories: more
    /// than one meeting).
    pub trajectories: std::collections::BTreeMap<usize, Trajectory>,
}

/// A trajectory (issue 24): a request met `meetings` times with the same expert, one meeting
/// every `every_weeks` weeks, the first in the batch week.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Trajectory {
    /// Meetings in all, this week's included (2 to [`Trajectory::MAX_MEETINGS`]).
    pub meetings: u32,
    /// Weeks between two meetings (1 to [`Trajectory::MAX_EVERY_WEEKS`]).
    pub every_weeks: u32,
}

impl Trajectory {
    /// The most meetings requests.csv accepts.
    pub const MAX_MEETINGS: u32 = 12;
    /// The most weeks between two meetings requests.csv accepts.
    pub const MAX_EVERY_WEEKS: u32 = 8;

    /// The meetings that fall in a rolling window of `rolling_weeks` weeks starting with the
    /// batch week: `min(meetings, ceil(rolling_weeks / every_weeks))`, at least 1. O(1).
    pub fn in_window(&self, rolling_weeks: u32) -> u32 {
        let every = self.every_weeks.max(1);
        let fit = rolling_weeks.max(1).saturating_sub(1) / every + 1;
        self.meetings.max(1).min(fit)
    }

    /// The weeks of the meetings after the first (`week + k × every_weeks`, k = 1 ..
    /// meetings − 1). O(meetings).
    pub fn later_weeks(&self, week: Week) -> Vec<Week> {
        (1..self.meetings)
            .map(|k| week.plus(i64::from(k * self.every_weeks.max(1))))
            .collect()
    }
}

impl TeamData {
    /// Whether the batch has no team column value at all.
    pub fn is_empty(&self) -> bool {
        self.certified_on.is_empty()
            && self.not_with.is_empty()
            && self.experienced_min.is_empty()
            && self.trajectories.is_empty()
    }

    /// The meetings of request `r` in a rolling window of `rolling_weeks` weeks from the batch
    /// week ([`Trajectory::in_window`]); 1 for a request of one meeting.
    pub fn window_meetings(&self, r: usize, rolling_weeks: u32) -> u32 {
        self.trajectories
            .get(&r)
            .map_or(1, |t| t.in_window(rolling_weeks))
    }
}

impl Default for Instance {
    fn default() -> Self {
        Instance {
            experts: Vec::new(),
            requests: Vec::new(),
            history: Vec::new(),
            themes: Interner::new(NameKind::Theme),
            orgs: Interner::default(),
            languages: Interner::default(),
            week: None,
            teams: TeamData::default(),
        }
    }
}

/// A theme spelling of the batch that the vocabulary does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownTheme {
    /// The spelling as first met (tidied).
    pub spelling: String,
    /// In how many cells (experts' and requests' themes) it occurs. Avoid cells are not
    /// counted: a count they move would tell an avoided theme (rule 3) from an excluded
    /// organisation (rule 4); their spellings are read on the safe side with a warning per row.
    pub cells: usize,
    /// The closest canonical theme, for a "did you mean".
    pub suggestion: Option<String>,
}

/// The batch's themes that are not in the bundled vocabulary, most frequent first, the first
/// [`crate::names::themes::MAX_SUGGESTED`] with a "did you mean". Says nothing about who has or avoids them: only the
/// spelling and a count of cells. Cost: O(themes · log themes) plus the suggestions.
pub fn unknown_themes(inst: &Instance) -> Vec<UnknownTheme> {
    let v = crate::names::themes::Vocabulary::bundled();
    let mut cells = vec![0usize; inst.themes.len()];
    for e in &inst.experts {
        for &t in &e.themes {
            cells[t as usize] += 1;
        }
    }
    for r in &inst.requests {
        for &t in &r.themes {
            cells[t as usize] += 1;
        }
    }
    let mut out: Vec<UnknownTheme> = (0..inst.themes.len() as u32)
        .filter(|&t| cells[t as usize] > 0 && v.by_key(inst.themes.key(t)).is_none())
        .map(|t| UnknownTheme {
            spelling: inst.themes.name(t).to_string(),
            cells: cells[t as usize],
            suggestion: None,
        })
        .collect();
    out.sort_by(|a, b| b.cells.cmp(&a.cells).then(a.spelling.cmp(&b.spelling)));
    for u in out.iter_mut().take(crate::names::themes::MAX_SUGGESTED) {
        u.suggestion = v.suggest(&u.spelling).map(String::from);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_parse_english_and_dutch() {
        assert_eq!(Slot::parse("wed-pm"), Slot::parse("wo-middag"));
        assert_eq!(Slot::parse(" WED-PM ").unwrap().to_string(), "wed-pm");
        assert_eq!(Slot::parse("zo-avond").unwrap().to_string(), "sun-eve");
        assert_eq!(Slot::parse("mon-am").unwrap().0, 0);
        assert_eq!(Slot::parse("sun-eve").unwrap().0, 20);
        assert!(Slot::parse("wed-pn").is_none());
        assert!(Slot::parse("wed").is_none());
    }

    #[test]
    fn slots_as_spreadsheets_are_typed() {
        let wed_pm = Slot::parse("wed-pm");
        for s in [
            "woensdagmiddag",
            "Woensdag middag",
            "wo middag",
            "Wo-Middag",
            "wo-mid",
            "woe. middag",
            "wednesday afternoon",
            "wedpm",
            "wo_middag",
        ] {
            assert_eq!(Slot::parse(s), wed_pm, "{s}");
        }
        assert_eq!(
            Slot::parse("donderdagavond").unwrap().to_string(),
            "thu-eve"
        );
        assert_eq!(Slot::parse("zondagochtend").unwrap().to_string(), "sun-am");
        assert_eq!(Slot::parse("vrij-och").unwrap().to_string(), "fri-am");
        assert_eq!(Slot::parse("zat avond").unwrap().to_string(), "sat-eve");
        for bad in [
            "woensdag",
            "middag",
            "wo-",
            "w-pm",
            "wo-mi",
            "wo-middagje",
            "wodag",
        ] {
            assert_eq!(Slot::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn iso_weeks() {
        // 2026-11-27 is a Friday in 2026-W48.
        let d = days_from_civil(2026, 11, 27);
        assert_eq!(Week::of_day(d).to_string(), "2026-W48");
        // 2021-01-03 (Sunday) belongs to 2020-W53; 2026 has 53 weeks.
        assert_eq!(
            Week::of_day(days_from_civil(2021, 1, 3)).to_string(),
            "2020-W53"
        );
        assert_eq!(weeks_in_year(2026), 53);
        assert_eq!(weeks_in_year(2025), 52);
        let w = Week::parse("2027-W01").unwrap();
        assert_eq!(w.plus(-1).to_string(), "2026-W53");
        assert_eq!(w.weeks_since(Week::parse("2026-W50").unwrap()), 4);
        assert!(Week::parse("2025-W53").is_none());
        assert_eq!(civil_from_days(days_from_civil(2000, 2, 29)), (2000, 2, 29));
    }

    #[test]
    fn haversine_known_distance() {
        let utrecht = LatLon {
            lat: 52.0908,
            lon: 5.1222,
        };
        let amsterdam = LatLon {
            lat: 52.374,
            lon: 4.8897,
        };
        let d = utrecht.distance_km(amsterdam);
        assert!((d - 34.9).abs() < 0.5, "{d}");
        assert_eq!(utrecht.distance_km(utrecht), 0.0);
    }

    #[test]
    fn normalize_collapses() {
        assert_eq!(normalize("  Gesloten   Jeugdzorg "), "gesloten jeugdzorg");
    }
}
