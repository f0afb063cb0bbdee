//! Synthetic, realistic matchpunt instances: `experts.csv`, `requests.csv` and `history.csv` for
//! one batch week, valid input under the project's data contract.
//!
//! The instance models a Dutch pool of *experts by experience* (young people trained to use their
//! lived experience as buddy, adviser, trainer or speaker) and the requests of youth-care
//! providers, GGZ, municipalities, schools and youth work. Everything is drawn from one
//! `ChaCha8Rng` seeded with [`GenParams::seed`], so the same parameters and places give the same
//! bytes on every platform.
//!
//! # Vocabulary
//!
//! - **Roles**: `buddy`, `adviser`, `trainer`, `speaker`. About 5% of rows write a Dutch alias
//!   instead (`maatje`, `ervaringsmaatje`, `adviseur`, `meedenker`, `spreker`, `voorlichter`;
//!   `trainer` has none). Experts hold 1-3 roles, buddy and speaker most often.
//! - **Themes** (lowercase Dutch, skewed frequencies, co-occurring in clusters):
//!   `uithuisplaatsing`, `verslaving`, `eetstoornis`, `schooluitval`, `echtscheiding`, `pesten`,
//!   `suicidaliteit`, `zelfbeschadiging`, `trauma`, `dakloosheid`, `mantelzorg`, `lvb`,
//!   `autisme`, `adhd`, `depressie`, `angst`, `jeugdzorg`, `gesloten jeugdzorg`, `armoede`,
//!   `lgbtiq`.
//! - **Gender** (`gender` and `gender_pref`): `f` (female), `m` (male), `x` (non-binary / other).
//!   About 3% of experts leave `gender` empty; such an expert never meets a `gender_pref`.
//! - **Slots**: `wed-pm` style; about 6% of experts write Dutch (`wo-middag`), 2% write `*` or
//!   `any`, 3% leave availability empty.
//! - **Booleans**: `yes`/`no`, about 8% of rows `ja`/`nee`; a few cells are empty and take the
//!   contract default.
//! - **Lists** are separated by `|` (88% of rows), `;` (8%) or `,` (4%, quoted by the writer).
//! - **Languages**: `nl` (nearly everyone; an empty cell means `nl`), `en` (~30%), a few `ar`,
//!   `tr`, `pl`, `pap`.
//! - **Ids**: experts `E0001`.., requests `R00001`.. (zero-padded, the width grows with the
//!   count); history requests `2026-W46-R00012`.
//! - **Organisations**: about 40 (plus one per 250 requests beyond that), fictional names such
//!   as `Gemeente Zwolle`, `Jeugdbescherming Utrecht`, `GGZ Breda`, `ROC Tilburg`,
//!   `Kompas Jeugdhulp`, each with a home place. Organisation names never contain `|`, `;` or `,`.
//!   Orgs named in `excluded_orgs` and `history.csv` always also appear in `requests.csv`.
//! - Places are the caller's [`PlaceWeight`]s, drawn by population. Every `place` cell names one
//!   of them exactly; online requests leave `place` empty 60% of the time.
//! - **Small pools are regional**, like a foundation serving one region: the instance lives in the
//!   places nearest a centre (drawn by population) that together hold `experts / 2500` of the
//!   population (at least 12%); from 2,500 experts the pool is national. This keeps a small week
//!   realistic (most requests have a few candidates, some none) while a national 10,000 x 20,000
//!   instance has about 1.3% eligible pairs (role, theme, reach, slot).
//!
//! # Example
//!
//! ```
//! use matchpunt_gen::{generate, GenParams, PlaceWeight};
//!
//! let places = vec![
//!     PlaceWeight { name: "Utrecht".into(), lat: 52.0908, lon: 5.1222, population: 376_435 },
//!     PlaceWeight { name: "Amersfoort".into(), lat: 52.155, lon: 5.3875, population: 160_000 },
//!     PlaceWeight { name: "Zeist".into(), lat: 52.09, lon: 5.2333, population: 60_000 },
//! ];
//! let params = GenParams::new(120, 80, 7, (2026, 47));
//! let (mut experts, mut requests, mut history) = (Vec::new(), Vec::new(), Vec::new());
//! let stats = generate(&params, &places, &mut experts, &mut requests, &mut history)?;
//! assert_eq!((stats.experts, stats.requests), (120, 80));
//!
//! let experts = String::from_utf8(experts).unwrap();
//! assert!(experts.starts_with("id,name,roles,certified,themes,"));
//! assert_eq!(experts.lines().count(), 1 + 120);
//! let history = String::from_utf8(history).unwrap();
//! assert!(history.lines().nth(1).unwrap().starts_with("2026-W43,"));
//! # Ok::<(), std::io::Error>(())
//! ```

mod model;
mod vocab;
mod week;
mod weekly;

use std::io::{self, Read, Write};

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use model::{pick, Instance};
use vocab::{slot_code, ROLES, ROLE_ALIASES, THEMES};
pub use week::{format_iso_week, iso_weeks_in_year, previous_iso_week};
pub use weekly::{ExpertSpec, OrgSpec, WeekModel};

/// One place the generator may put people and requests in (the caller maps its places table to
/// this).
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceWeight {
    /// Place name exactly as in the places table (written to `place` cells).
    pub name: String,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// Inhabitants: people, organisations and requests are drawn proportionally (0 counts as 1).
    pub population: u64,
}

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenParams {
    /// Number of experts (rows of `experts.csv`).
    pub experts: usize,
    /// Number of requests (rows of `requests.csv`).
    pub requests: usize,
    /// RNG seed: the same seed gives the same bytes.
    pub seed: u64,
    /// The batch week as (ISO year, ISO week).
    pub week: (i32, u32),
    /// How many ISO weeks before `week` the history covers (default 4).
    pub history_weeks: u32,
}

impl GenParams {
    /// Parameters with the default history of 4 weeks.
    pub fn new(experts: usize, requests: usize, seed: u64, week: (i32, u32)) -> Self {
        GenParams {
            experts,
            requests,
            seed,
            week,
            history_weeks: 4,
        }
    }
}

impl Default for GenParams {
    /// A small, typical week: 120 experts, 80 requests, seed 1, week 2026-W47, 4 history weeks.
    fn default() -> Self {
        GenParams::new(120, 80, 1, (2026, 47))
    }
}

/// Optional changes to the pool's shape, for benchmarks that need batches unlike a typical week.
/// The default changes nothing: [`generate`] is [`generate_shaped`] with `Shape::default()`, byte
/// for byte.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shape {
    /// Every expert's `max_assignments` cell holds this number (instead of the usual mix of
    /// empty cells and 1-3). Scarce capacity: `Some(1)`.
    pub max_assignments: Option<u8>,
    /// Every expert's `load_budget` cell holds this number (instead of the usual mix of empty
    /// cells and 2-6). Scarce capacity: a budget below the policy's default of 4.
    pub load_budget: Option<u8>,
    /// Spread the pool over all the given places, whatever its size. Without it a pool under
    /// 2,500 experts lives in a region around a centre drawn by population (see the crate docs).
    /// For a batch confined to one province, pass only that province's places and set this.
    pub all_places: bool,
}

/// Row counts written by [`generate`] (data rows, without headers).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GenStats {
    /// Rows of `experts.csv`.
    pub experts: usize,
    /// Rows of `requests.csv`.
    pub requests: usize,
    /// Rows of `history.csv`.
    pub history_rows: usize,
}

/// Header of `experts.csv`.
pub const EXPERT_COLUMNS: [&str; 17] = [
    "id",
    "name",
    "roles",
    "certified",
    "themes",
    "avoid_themes",
    "place",
    "max_travel_km",
    "online",
    "availability",
    "max_assignments",
    "load_budget",
    "birth_year",
    "languages",
    "gender",
    "excluded_orgs",
    "active",
];

/// Header of `requests.csv`.
pub const REQUEST_COLUMNS: [&str; 15] = [
    "id",
    "org",
    "role",
    "themes",
    "place",
    "online",
    "slot",
    "experts_needed",
    "intensity",
    "priority",
    "language",
    "client_age",
    "gender_pref",
    "preferred_expert",
    "pinned_expert",
];

/// Header of `history.csv`.
pub const HISTORY_COLUMNS: [&str; 7] = [
    "week",
    "expert",
    "org",
    "role",
    "intensity",
    "request",
    "themes",
];

/// Writes `experts.csv`, `requests.csv` and `history.csv` (comma-delimited, header line,
/// RFC 4180 quoting) for one batch week.
///
/// History covers the `params.history_weeks` ISO weeks before `params.week` (oldest first), with
/// about `0.7 * params.requests` assignments a week, each to an active, certified expert who holds
/// the role.
///
/// # Errors
///
/// `InvalidInput` when `params.week` is not an ISO week, or when experts or requests are asked
/// for without any places; otherwise any error of the writers.
pub fn generate<W1: Write, W2: Write, W3: Write>(
    params: &GenParams,
    places: &[PlaceWeight],
    experts: W1,
    requests: W2,
    history: W3,
) -> io::Result<GenStats> {
    generate_shaped(
        params,
        &Shape::default(),
        places,
        experts,
        requests,
        history,
    )
}

/// [`generate`] with a [`Shape`]: the same files, except for what `shape` changes.
///
/// ```
/// use matchpunt_gen::{generate_shaped, GenParams, PlaceWeight, Shape};
///
/// let places = vec![
///     PlaceWeight { name: "Utrecht".into(), lat: 52.0908, lon: 5.1222, population: 376_435 },
///     PlaceWeight { name: "Zeist".into(), lat: 52.09, lon: 5.2333, population: 60_000 },
/// ];
/// let shape = Shape { max_assignments: Some(1), load_budget: Some(2), all_places: true };
/// let (mut experts, mut requests, mut history) = (Vec::new(), Vec::new(), Vec::new());
/// generate_shaped(&GenParams::default(), &shape, &places, &mut experts, &mut requests, &mut history)?;
/// let experts = String::from_utf8(experts).unwrap();
/// // max_assignments and load_budget are the 11th and 12th columns.
/// assert!(experts.lines().skip(1).all(|l| l.contains(",1,2,")));
/// # Ok::<(), std::io::Error>(())
/// ```
///
/// # Errors
///
/// As [`generate`].
pub fn generate_shaped<W1: Write, W2: Write, W3: Write>(
    params: &GenParams,
    shape: &Shape,
    places: &[PlaceWeight],
    experts: W1,
    requests: W2,
    history: W3,
) -> io::Result<GenStats> {
    if !week::is_valid_week(params.week) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "week {}-W{:02} does not exist (ISO year {} has {} weeks)",
                params.week.0,
                params.week.1,
                params.week.0,
                iso_weeks_in_year(params.week.0)
            ),
        ));
    }
    if places.is_empty() && (params.experts > 0 || params.requests > 0) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "no places to put experts and requests in",
        ));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(params.seed);
    let inst = model::build(
        params,
        shape,
        places,
        ChaCha8Rng::from_rng(&mut rng).map_err(io::Error::other)?,
    );
    let ew = id_width(params.experts, 4);
    let rw = id_width(params.requests, 5);
    write_experts(&inst, places, ew, &mut rng, experts)?;
    write_requests(&inst, places, ew, rw, &mut rng, requests)?;
    write_history(&inst, ew, history)?;
    Ok(GenStats {
        experts: inst.experts.len(),
        requests: inst.requests.len(),
        history_rows: inst.history.len(),
    })
}

/// Reads a places table (`place`, `lat`, `lon`, optional `population`; rows of `kind`
/// `municipality` are skipped, as their towns have rows of their own; other columns ignored;
/// `,` or `;` delimited, detected from the header; a UTF-8 byte-order mark allowed) into
/// [`PlaceWeight`]s. A missing population counts as 1.
///
/// ```
/// let table = "place,province,lat,lon,population\nUtrecht,Utrecht,52.0908,5.1222,376435\n";
/// let places = matchpunt_gen::places_from_csv(table.as_bytes())?;
/// assert_eq!(places[0].name, "Utrecht");
/// assert_eq!(places[0].population, 376_435);
/// # Ok::<(), std::io::Error>(())
/// ```
///
/// # Errors
///
/// `InvalidData` naming the line and column for a missing column or a bad number.
pub fn places_from_csv<R: Read>(mut reader: R) -> io::Result<Vec<PlaceWeight>> {
    let mut text = String::new();
    reader.read_to_string(&mut text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let header = text.lines().next().unwrap_or("");
    let delim = if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut rd = csv::ReaderBuilder::new()
        .delimiter(delim)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let bad = |msg: String| io::Error::new(io::ErrorKind::InvalidData, msg);
    let headers = rd.headers().map_err(io::Error::from)?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let missing = |name: &str| bad(format!("places table: missing column `{name}`"));
    let (ip, ilat, ilon) = (
        col("place").ok_or_else(|| missing("place"))?,
        col("lat").ok_or_else(|| missing("lat"))?,
        col("lon").ok_or_else(|| missing("lon"))?,
    );
    let ipop = col("population");
    let ikind = col("kind");
    let mut out = Vec::new();
    for (n, rec) in rd.records().enumerate() {
        let rec = rec.map_err(io::Error::from)?;
        let line = n + 2;
        // A municipality row sums the population of its towns, which have rows of their own.
        if ikind.and_then(|i| rec.get(i)) == Some("municipality") {
            continue;
        }
        let num = |i: usize, what: &str| -> io::Result<f64> {
            let v = rec.get(i).unwrap_or("");
            v.parse::<f64>().map_err(|_| {
                bad(format!(
                    "places table line {line}, column `{what}`: expected a number, got {v:?}"
                ))
            })
        };
        let population = match ipop.map(|i| rec.get(i).unwrap_or("")) {
            None | Some("") => 1,
            Some(v) => v.parse::<u64>().map_err(|_| {
                bad(format!(
                    "places table line {line}, column `population`: expected a whole number, got {v:?}"
                ))
            })?,
        };
        out.push(PlaceWeight {
            name: rec.get(ip).unwrap_or("").to_string(),
            lat: num(ilat, "lat")?,
            lon: num(ilon, "lon")?,
            population,
        });
    }
    Ok(out)
}

fn id_width(n: usize, min: usize) -> usize {
    n.to_string().len().max(min)
}

fn expert_id(i: usize, w: usize) -> String {
    format!("E{:0w$}", i + 1)
}

fn request_id(i: usize, w: usize) -> String {
    format!("R{:0w$}", i + 1)
}

/// Per-row writing style: list separator, Dutch booleans, role aliases, Dutch slots.
struct Style {
    sep: &'static str,
    dutch_bool: bool,
    alias: bool,
    dutch_slots: bool,
}

impl Style {
    fn draw(rng: &mut ChaCha8Rng) -> Style {
        Style {
            sep: ["|", ";", ","][pick(rng, &[0.88, 0.08, 0.04])],
            dutch_bool: rng.gen_bool(0.08),
            alias: rng.gen_bool(0.05),
            dutch_slots: rng.gen_bool(0.06),
        }
    }

    fn boolean(&self, b: bool) -> &'static str {
        match (self.dutch_bool, b) {
            (false, true) => "yes",
            (false, false) => "no",
            (true, true) => "ja",
            (true, false) => "nee",
        }
    }

    fn role(&self, role: u8, rng: &mut ChaCha8Rng) -> &'static str {
        let aliases = ROLE_ALIASES[role as usize];
        if self.alias && !aliases.is_empty() {
            aliases.choose(rng).copied().unwrap_or(ROLES[role as usize])
        } else {
            ROLES[role as usize]
        }
    }

    fn join<I: IntoIterator<Item = S>, S: AsRef<str>>(&self, items: I) -> String {
        let mut out = String::new();
        for (i, s) in items.into_iter().enumerate() {
            if i > 0 {
                out.push_str(self.sep);
            }
            out.push_str(s.as_ref());
        }
        out
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(String::new, |x| x.to_string())
}

fn themes_cell(style: &Style, themes: &[u8]) -> String {
    style.join(themes.iter().map(|&t| THEMES[t as usize].name))
}

fn write_experts<W: Write>(
    inst: &Instance,
    places: &[PlaceWeight],
    ew: usize,
    rng: &mut ChaCha8Rng,
    out: W,
) -> io::Result<()> {
    let mut wr = csv::Writer::from_writer(out);
    wr.write_record(EXPERT_COLUMNS)?;
    for (i, e) in inst.experts.iter().enumerate() {
        let st = Style::draw(rng);
        let roles: Vec<&str> = e.roles.iter().map(|&r| st.role(r, rng)).collect();
        let availability = if e.avail_star {
            if rng.gen_bool(0.8) { "*" } else { "any" }.to_string()
        } else {
            st.join(
                (0..21u8)
                    .filter(|s| e.avail & (1 << s) != 0)
                    .map(|s| slot_code(s, st.dutch_slots)),
            )
        };
        let online = if e.online && rng.gen_bool(0.03) {
            ""
        } else {
            st.boolean(e.online)
        };
        let active = if e.active && rng.gen_bool(0.05) {
            ""
        } else {
            st.boolean(e.active)
        };
        let languages = if e.languages == ["nl"] && rng.gen_bool(0.25) {
            String::new()
        } else {
            st.join(&e.languages)
        };
        wr.write_record([
            expert_id(i, ew).as_str(),
            &e.name,
            &st.join(roles),
            st.boolean(e.certified),
            &themes_cell(&st, &e.themes),
            &opt(e.avoid.map(|t| THEMES[t as usize].name)),
            &places[e.place].name,
            &opt(e.max_travel),
            online,
            &availability,
            &opt(e.max_assignments),
            &opt(e.load_budget),
            &e.birth_year.to_string(),
            &languages,
            &opt(e.gender),
            &opt(e.excluded_org.map(|o| inst.orgs[o].name.as_str())),
            active,
        ])?;
    }
    wr.flush()
}

fn write_requests<W: Write>(
    inst: &Instance,
    places: &[PlaceWeight],
    ew: usize,
    rw: usize,
    rng: &mut ChaCha8Rng,
    out: W,
) -> io::Result<()> {
    let mut wr = csv::Writer::from_writer(out);
    wr.write_record(REQUEST_COLUMNS)?;
    for (i, r) in inst.requests.iter().enumerate() {
        let st = Style::draw(rng);
        let online = if !r.online && rng.gen_bool(0.3) {
            ""
        } else {
            st.boolean(r.online)
        };
        let priority = if r.priority == 2 && rng.gen_bool(0.1) {
            String::new()
        } else {
            r.priority.to_string()
        };
        let language = if r.language == "nl" && rng.gen_bool(0.4) {
            ""
        } else {
            r.language
        };
        let role = st.role(r.role, rng);
        wr.write_record([
            request_id(i, rw).as_str(),
            &inst.orgs[r.org].name,
            role,
            &themes_cell(&st, &r.themes),
            r.place.map_or("", |p| places[p].name.as_str()),
            online,
            &opt(r.slot.map(|s| slot_code(s, st.dutch_slots))),
            &r.experts_needed.to_string(),
            &opt(r.intensity),
            &priority,
            language,
            &opt(r.client_age),
            &opt(r.gender_pref),
            &opt(r.preferred.map(|e| expert_id(e, ew))),
            &st.join(r.pinned.iter().map(|&e| expert_id(e, ew))),
        ])?;
    }
    wr.flush()
}

fn write_history<W: Write>(inst: &Instance, ew: usize, out: W) -> io::Result<()> {
    let mut wr = csv::Writer::from_writer(out);
    wr.write_record(HISTORY_COLUMNS)?;
    for h in &inst.history {
        let themes: Vec<&str> = h.themes.iter().map(|&t| THEMES[t as usize].name).collect();
        wr.write_record([
            format_iso_week(h.week).as_str(),
            &expert_id(h.expert, ew),
            &inst.orgs[h.org].name,
            ROLES[h.role as usize],
            &h.intensity.to_string(),
            &h.request,
            &themes.join("|"),
        ])?;
    }
    wr.flush()
}
