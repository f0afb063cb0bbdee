//! Cells as typed values: the parsers of one row's cells (numbers, booleans, lists, slots,
//! places, dates), each bad cell an error naming it; and the "did you mean" of names.

#[allow(unused_imports)]
use super::*;
use crate::messages::Msg;

/// The closest of `candidates` to `name` (Damerau-Levenshtein on normalised names, at most a
/// quarter of the length away, at least 1), for a "did you mean". For many look-ups in the same
/// names, build a [`NearNames`] once.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    NearNames::new(candidates).closest(name).copied()
}

/// Names longer than this (in characters, normalised) get no "did you mean" and are never
/// suggested: no real id or name is that long, and edit distances grow with the square of it.
pub const MAX_SUGGEST_LEN: usize = 200;

/// Names prepared for "did you mean" look-ups ([`did_you_mean`]): normalised once, each with its
/// length and a letter-count signature. Both bound the edit distance from below (an edit
/// changes the length by at most 1 and the letter counts by at most 2), so that most names are
/// ruled out without computing it.
pub struct NearNames<T> {
    pub(crate) names: Vec<NearName<T>>,
}

pub(crate) struct NearName<T> {
    pub(crate) name: T,
    pub(crate) norm: String,
    pub(crate) len: usize,
    pub(crate) sig: [u8; 32],
}

pub(crate) fn signature(norm: &str) -> [u8; 32] {
    let mut sig = [0u8; 32];
    for c in norm.chars() {
        let b = &mut sig[(c as u32 % 32) as usize];
        *b = b.saturating_add(1);
    }
    sig
}

impl<T: AsRef<str>> NearNames<T> {
    /// Prepares `candidates`, in their order (ties go to the first).
    pub fn new(candidates: impl IntoIterator<Item = T>) -> Self {
        let names = candidates
            .into_iter()
            .filter_map(|name| {
                let norm = normalize(name.as_ref());
                let len = norm.chars().count();
                (len <= MAX_SUGGEST_LEN).then(|| NearName {
                    sig: signature(&norm),
                    name,
                    norm,
                    len,
                })
            })
            .collect();
        NearNames { names }
    }

    /// The closest name to `name`, as [`did_you_mean`] defines it.
    pub fn closest(&self, name: &str) -> Option<&T> {
        let n = normalize(name);
        let len = n.chars().count();
        if len > MAX_SUGGEST_LEN {
            return None;
        }
        let sig = signature(&n);
        let limit = (len / 4).max(1);
        let mut best: Option<(usize, &T)> = None;
        for c in &self.names {
            // Only a distance below both the limit + 1 and the best so far can win.
            let beat = best.map_or(limit + 1, |(d, _)| d.min(limit + 1));
            if len.abs_diff(c.len) >= beat {
                continue;
            }
            let l1: usize = sig
                .iter()
                .zip(&c.sig)
                .map(|(&a, &b)| a.abs_diff(b) as usize)
                .sum();
            if l1.div_ceil(2) >= beat {
                continue;
            }
            let d = strsim::damerau_levenshtein(&n, &c.norm);
            if d < beat {
                best = Some((d, &c.name));
            }
        }
        best.map(|b| b.1)
    }
}

/// Splits a list cell on `|`, `;` or `,`, trimming items and dropping empty ones.
pub fn split_list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(['|', ';', ',', '\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A cell that is none of the contract's boolean spellings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotABool;

impl fmt::Display for NotABool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(BOOL_EXPECTED)
    }
}

impl std::error::Error for NotABool {}

/// Parses a contract boolean; `None` for an empty cell, `Err` for anything else.
pub fn parse_bool(cell: &str) -> Result<Option<bool>, NotABool> {
    match normalize(cell).as_str() {
        "" => Ok(None),
        "yes" | "ja" | "true" | "y" | "j" | "1" | "waar" | "✓" | "✔" | "☑" => Ok(Some(true)),
        "no" | "nee" | "false" | "n" | "0" | "onwaar" | "✗" | "✘" => Ok(Some(false)),
        _ => Err(NotABool),
    }
}

pub(crate) const BOOL_EXPECTED: &str = "expected yes/no, ja/nee, true/false, y/n, j/n or 1/0";

/// What a bad boolean cell is told: an `x` may mean ticked or crossed out, so it is never read
/// either way.
pub(crate) fn bool_expected(v: &str) -> Problem {
    Problem::NotBool {
        x_ambiguous: normalize(v) == "x",
    }
}

/// Cell readers that record errors and return a fallback so that parsing goes on.
pub(crate) struct Cells<'t, 'e> {
    pub(crate) t: &'t Table,
    pub(crate) errs: &'e mut Errs,
    pub(crate) line: u64,
    pub(crate) row: &'t [String],
    pub(crate) ok: bool,
}

impl<'t, 'e> Cells<'t, 'e> {
    pub(crate) fn new(t: &'t Table, errs: &'e mut Errs, line: u64, row: &'t [String]) -> Self {
        Cells {
            t,
            errs,
            line,
            row,
            ok: true,
        }
    }

    pub(crate) fn get(&self, col: &str) -> &'t str {
        self.t.cell(self.row, col)
    }
    pub(crate) fn err(&mut self, col: &str, value: &str, problem: Problem) {
        self.ok = false;
        self.errs.push_cell(self.t, self.line, col, value, problem);
    }
    /// An error about the whole row, not one cell.
    pub(crate) fn err_row(&mut self, problem: Problem) {
        self.ok = false;
        self.errs.push(
            self.t.kind,
            InputError {
                file: self.t.file.clone(),
                line: Some(self.line),
                row: None,
                column: None,
                value: None,
                problem,
            },
        );
    }
    /// Checks an organisation id cell (`list`: a list of them) by the one reading of ids
    /// ([`org::id_key`]): scientific notation (`4,57E+07`) is an error naming the cell, as its
    /// digits are lost. The keys themselves are taken where the ids are resolved.
    pub(crate) fn org_ids(&mut self, col: &str, list: bool) {
        let v = self.get(col);
        let read = if list {
            org::id_list_keys(v).map(drop)
        } else {
            org::id_key(v).map(drop)
        };
        if read.is_err() {
            self.err(col, v, Problem::OrgIdLostDigits);
        }
    }
    pub(crate) fn bool_or(&mut self, col: &str, default: bool) -> bool {
        let v = self.get(col);
        match parse_bool(v) {
            Ok(b) => b.unwrap_or(default),
            Err(NotABool) => {
                self.err(col, v, bool_expected(v));
                default
            }
        }
    }
    pub(crate) fn required_bool(&mut self, col: &str) -> bool {
        let v = self.get(col);
        match parse_bool(v) {
            Ok(Some(b)) => b,
            Ok(None) => {
                self.err(col, v, Problem::EmptyBool);
                false
            }
            Err(NotABool) => {
                self.err(col, v, bool_expected(v));
                false
            }
        }
    }
    pub(crate) fn uint(&mut self, col: &str, range: std::ops::RangeInclusive<u32>) -> Option<u32> {
        let v = self.get(col);
        if v.is_empty() {
            return None;
        }
        // Spreadsheets write a whole number in a number cell as `2,0` or `2.00`.
        match sheet::whole_number(v) {
            Ok(n) if n <= u64::from(*range.end()) && n >= u64::from(*range.start()) => {
                Some(n as u32)
            }
            Err(sheet::NotWhole::Ambiguous) => {
                self.err(
                    col,
                    v,
                    Problem::WholeAmbiguous {
                        min: *range.start(),
                        max: *range.end(),
                    },
                );
                None
            }
            _ => {
                self.err(
                    col,
                    v,
                    Problem::NotWhole {
                        min: *range.start(),
                        max: *range.end(),
                    },
                );
                None
            }
        }
    }
    /// A year from 1900 to 2100. A date or an Excel date serial number (a date cell saved as a
    /// number) gives its year, with a warning naming the cell; the date itself is personal and
    /// is not repeated.
    pub(crate) fn year(&mut self, col: &str) -> Option<i32> {
        let v = self.get(col);
        if v.is_empty() {
            return None;
        }
        match sheet::year(v) {
            Some((y, from)) if (1900..=2100).contains(&y) => {
                let how = match from {
                    sheet::YearFrom::Year => None,
                    sheet::YearFrom::Date => Some(("date", Msg::WDateAsYear)),
                    sheet::YearFrom::ExcelSerial => Some(("serial", Msg::WSerialAsYear)),
                };
                if let Some((how, msg)) = how {
                    self.errs.note_column(self.t, self.line, col, how, |lang| {
                        lang.fill(msg, &[("year", &y)])
                    });
                }
                Some(y)
            }
            _ => {
                self.err(col, v, Problem::NotYear);
                None
            }
        }
    }
    /// A distance in km: a number, optionally followed by `km` (`20 km`).
    pub(crate) fn km(&mut self, col: &str, range: std::ops::RangeInclusive<f64>) -> Option<f64> {
        let v = self.get(col);
        if v.is_empty() {
            return None;
        }
        let lower = v.to_ascii_lowercase();
        let number = lower.strip_suffix("km").unwrap_or(&lower).trim_end();
        if let Some((small, large)) = sheet::thousands_ambiguity(number, self.t.delimiter) {
            if range.contains(&small) && range.contains(&large) {
                // Both readings are limits: the smaller one keeps the expert closer to home.
                let msg = format!(
                    "{v:?} is ambiguous in a file separated by {} (a thousands separator: {large} km, or a decimal point: {small} km); read as {small} km, the stricter limit: write {} or {} without a thousands separator",
                    sheet::delimiter_name(self.t.delimiter),
                    large,
                    format!("{small}").replace('.', ","),
                );
                self.errs.note_cell(self.t, self.line, col, |_| msg.clone());
                return Some(small);
            }
        }
        match number.replace(',', ".").parse::<f64>() {
            Ok(x) if x.is_finite() && range.contains(&x) => Some(x),
            _ => {
                self.err(
                    col,
                    v,
                    Problem::NotKm {
                        min: *range.start(),
                        max: *range.end(),
                    },
                );
                None
            }
        }
    }
    pub(crate) fn float(&mut self, col: &str, range: std::ops::RangeInclusive<f64>) -> Option<f64> {
        let v = self.get(col);
        if v.is_empty() {
            return None;
        }
        // Dutch Excel writes a decimal comma.
        match v.replace(',', ".").parse::<f64>() {
            Ok(x) if x.is_finite() && range.contains(&x) => Some(x),
            _ => {
                self.err(
                    col,
                    v,
                    Problem::NotNumber {
                        min: *range.start(),
                        max: *range.end(),
                    },
                );
                None
            }
        }
    }
    pub(crate) fn required_nonempty(&mut self, col: &str, what: Expected) -> &'t str {
        let v = self.get(col);
        if v.is_empty() {
            self.err(col, v, Problem::Empty(what));
        }
        v
    }
    /// A safety cell (`avoid_themes`, `excluded_orgs`) as names: `""` when it means none, an
    /// input error naming the cell when it is a note or unknown marker
    /// ([`crate::names::notes::read_safety_cell`]).
    pub(crate) fn safety(&mut self, col: &str) -> &'t str {
        use crate::names::notes::{read_safety_cell, SafetyCell};
        let v = self.get(col);
        match read_safety_cell(v) {
            SafetyCell::None => "",
            SafetyCell::Names => v,
            SafetyCell::Note => {
                let orgs = col == "excluded_orgs";
                self.err(col, v, Problem::SafetyNote { orgs });
                ""
            }
        }
    }
    /// A request's `themes` cell, read as a safety cell: a theme that is not said (`angst|zie
    /// bijlage`, `angst|?`, `angst + overige`) may be an avoided one, so a note in it is an input
    /// error naming the cell, by the same reading as `avoid_themes`
    /// ([`crate::names::notes::read_safety_cell`]). A cell that means none is read as empty (an
    /// error of its own: a request needs a theme).
    pub(crate) fn request_themes(&mut self) -> &'t str {
        use crate::names::notes::{read_safety_cell, SafetyCell};
        let v = self.get("themes");
        match read_safety_cell(v) {
            SafetyCell::Note => {
                self.err("themes", v, Problem::RequestThemesNote);
                ""
            }
            _ => v,
        }
    }
    /// An expert's `avoid_themes` cell: its themes (interned, sorted, unique) and what its
    /// other items mean ([`crate::names::theme_words::avoid_scope`]): a cell of only `*` or an
    /// item `alles` is every theme, an item `zware thema's` the policy's heavy themes, which are
    /// interned among the themes here. A note in it is an input error
    /// ([`Cells::safety`]). O(cell length × the vocabulary).
    pub(crate) fn avoid_themes(
        &mut self,
        heavy: &[String],
        themes: &mut Interner,
    ) -> (Vec<u32>, Option<crate::names::theme_words::AvoidScope>) {
        use crate::names::theme_words::{avoid_scope, AvoidScope};
        let v = self.safety("avoid_themes");
        // `*` alone is a bullet to the cell splitter: read the whole cell first.
        let mut scope = avoid_scope(v).filter(|s| *s == AvoidScope::All);
        let mut ids = Vec::new();
        for item in crate::names::themes::split_cell(v, true) {
            match avoid_scope(&item) {
                Some(s) => scope = scope.max(Some(s)),
                None => ids.push(themes.intern(&item)),
            }
        }
        if scope == Some(AvoidScope::Heavy) {
            ids.extend(heavy.iter().map(|h| themes.intern(h)));
        }
        ids.sort_unstable();
        ids.dedup();
        (ids, scope)
    }
    pub(crate) fn themes(&mut self, col: &str, required: bool, themes: &mut Interner) -> Vec<u32> {
        let request = col == "themes" && self.t.kind == FileKind::Requests;
        let v = if col == "avoid_themes" {
            self.safety(col)
        } else if request {
            let v = self.request_themes();
            if v.is_empty() && !self.ok {
                // The note is the error; an "empty" one on top would say the cell is empty.
                return Vec::new();
            }
            v
        } else {
            self.get(col)
        };
        // '/', ' en ' and a bracketed note too: an avoided theme must not hide in a list.
        let items = crate::names::themes::split_cell(v, col == "avoid_themes");
        let mut ids: Vec<u32> = items.iter().map(|t| themes.intern(t)).collect();
        ids.sort_unstable();
        ids.dedup();
        if required && ids.is_empty() {
            // The value is empty, so nothing sensitive is printed.
            self.err(col, v, Problem::EmptyThemes);
        }
        ids
    }
    pub(crate) fn location(&mut self, places: &Places, required: bool) -> (String, Option<LatLon>) {
        let place = self.get("place");
        let (lat_s, lon_s) = (self.get("lat"), self.get("lon"));
        if !lat_s.is_empty() || !lon_s.is_empty() {
            let lat = self.float("lat", -90.0..=90.0);
            let lon = self.float("lon", -180.0..=180.0);
            if lat_s.is_empty() {
                self.err("lat", lat_s, Problem::HalfCoordinates { given: "lon" });
            }
            if lon_s.is_empty() {
                self.err("lon", lon_s, Problem::HalfCoordinates { given: "lat" });
            }
            return match (lat, lon) {
                (Some(lat), Some(lon)) if crate::model::places::in_netherlands(lat, lon) => {
                    (place.to_string(), Some(LatLon { lat, lon }))
                }
                (Some(lat), Some(lon)) => {
                    // Outside the country the expert silently fits nothing, or the request
                    // no one: a swap is the usual cause.
                    let swapped = crate::model::places::in_netherlands(lon, lat);
                    self.err(
                        "lat",
                        lat_s,
                        Problem::NotInNetherlands { lat, lon, swapped },
                    );
                    (place.to_string(), None)
                }
                _ => (place.to_string(), None),
            };
        }
        if place.is_empty() {
            if required {
                if self.t.has("place") || self.t.has("lat") {
                    let col = if self.t.has("place") { "place" } else { "lat" };
                    self.err(col, place, Problem::EmptyPlace);
                } else {
                    self.err_row(Problem::NoPlaceColumnOnSite);
                }
            }
            return (String::new(), None);
        }
        match places.lookup(place) {
            Ok(p) => {
                // "Hengelo" is Hengelo (Overijssel), but Hengelo (Gelderland) exists too: the
                // table's row of the bare name is used, and the coordinator is told once.
                let others = places.others_named(place, p);
                if !others.is_empty() {
                    let list = others
                        .iter()
                        .map(|o| format!("{:?} ({})", o.name, o.province))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let example = format!("{} ({})", place.trim(), others[0].province);
                    self.errs.note_cell_once(
                        self.t,
                        self.line,
                        "place",
                        &format!("other-province\u{0}{}", place.trim()),
                        |lang| {
                            lang.fill(
                                Msg::WPlaceOtherProvince,
                                &[
                                    ("place", &place.trim()),
                                    ("found", &p.name),
                                    ("province", &p.province),
                                    ("others", &list),
                                    ("example", &example),
                                ],
                            )
                        },
                    );
                }
                (place.to_string(), Some(p.location))
            }
            Err(miss) => {
                self.err("place", place, Problem::from_place_miss(&miss));
                (place.to_string(), None)
            }
        }
    }
    /// The index of the expert `id` refers to. No error when the experts file could not be read
    /// or the expert's own row has an error: that is reported already, and a second error here
    /// would only mislead. The row is then not used either way.
    pub(crate) fn expert_ref(
        &mut self,
        col: &str,
        id: &str,
        experts: Option<&ExpertIds>,
    ) -> Option<usize> {
        let Some(known) = experts else {
            self.ok = false;
            return None;
        };
        match known.index.get(&normalize(id)) {
            Some(Some(i)) => Some(*i),
            Some(None) => {
                self.ok = false;
                None
            }
            None => {
                let given = {
                    let mut hints = known.hints.borrow_mut();
                    let n = hints.entry(self.t.file.clone()).or_insert(0);
                    *n += 1;
                    *n
                };
                let hint = (given <= MAX_ERRORS_PER_FILE)
                    .then(|| {
                        known
                            .near
                            .get_or_init(|| NearNames::new(known.sorted.iter().cloned()))
                            .closest(id)
                    })
                    .flatten()
                    .cloned();
                self.err(col, id, Problem::UnknownExpert(hint));
                None
            }
        }
    }
}

impl Cells<'_, '_> {
    /// The experts a history row's expert cell names, read as bookings and decisions read
    /// theirs ([`crate::ingest::ids::IdKeys::read_cell`]): the id as written; else an id written
    /// another way or a name naming one expert, with a note naming the cell; else an error
    /// naming the cell, and the experts the row's load is counted for on the safe side where
    /// bad rows are skipped: every expert an ambiguous cell could name, or the closest id.
    /// Empty when the cell can name no expert of the batch. O(length), O(ids) for a hint.
    pub(crate) fn expert_history(
        &mut self,
        col: &str,
        id: &str,
        experts: Option<&ExpertIds>,
    ) -> Vec<usize> {
        let Some(known) = experts else {
            self.ok = false;
            return Vec::new();
        };
        if known.index.contains_key(&normalize(id)) {
            return self.expert_ref(col, id, experts).into_iter().collect();
        }
        match known.keys.read_cell(id).as_slice() {
            [] => {
                self.expert_ref(col, id, experts);
                // The closest id (a typo of an expert of the batch), as the error just given
                // names it (only the listed errors get one): counted for them.
                let hint = match self.errs.found.last() {
                    Some((_, e)) => match &e.problem {
                        Problem::UnknownExpert(Some(h)) => Some(h.clone()),
                        _ => None,
                    },
                    None => None,
                };
                hint.and_then(|h| known.index.get(&normalize(&h)).copied().flatten())
                    .into_iter()
                    .collect()
            }
            [one] => {
                let (written, expert) = (format!("{id:?}"), known_id(known, *one));
                self.errs.note_cell(self.t, self.line, col, |lang| {
                    lang.fill(
                        crate::messages::Msg::HistoryExpertRead,
                        &[("written", &written), ("expert", &expert)],
                    )
                });
                vec![*one]
            }
            several => {
                let ids = several.iter().map(|&i| known_id(known, i)).collect();
                self.err(col, id, Problem::AmbiguousExpert(ids));
                several.to_vec()
            }
        }
    }
}

/// The id of the parsed expert `i` as the experts file writes it.
fn known_id(known: &ExpertIds, i: usize) -> String {
    known.written.get(i).cloned().unwrap_or_default()
}

/// Cells that say "no wish" in a request's `gender_pref` or `language` (the fourth trial, #15).
const NO_WISH: &[&str] = &[
    "geen voorkeur",
    "maakt niet uit",
    "geen",
    "nvt",
    "n.v.t.",
    "n.v.t",
    "-",
    "no preference",
    "none",
    "any",
    "either",
    "doesn't matter",
    "does not matter",
    "maakt niet uit.",
    "om het even",
    "alle",
    "all",
];

/// Words before a wish that make it a preference (`liefst vrouw`).
const PREFERENCE_LEADS: &[&str] = &[
    "liefst een ",
    "liefst ",
    "bij voorkeur een ",
    "bij voorkeur ",
    "voorkeur voor een ",
    "voorkeur voor ",
    "voorkeur ",
    "graag een ",
    "graag ",
    "preferably a ",
    "preferably ",
    "prefer ",
];

/// The parts of a cell naming several values as alternatives: `v/m`, `v of m`, `NL/EN`,
/// `Engels of Nederlands`, `nl, en`.
fn alternatives(n: &str) -> Vec<String> {
    // Separators first, then words joining two values inside a part (`en` alone is English,
    // not "and": only a joiner with a value on each side splits).
    n.split(['/', '|', ',', ';'])
        .flat_map(|part| {
            [" of ", " or ", " en ", " and ", " & ", " + "]
                .iter()
                .fold(part.trim().to_string(), |acc, j| acc.replace(j, "/"))
                .split('/')
                .map(|p| p.trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

impl Cells<'_, '_> {
    /// A request's `gender_pref` (rule 6): empty, or a "no wish" form (`geen voorkeur`, `maakt
    /// niet uit`), is none; `v`, `vrouw`, `m`, `x` ... a wish; a list naming both `v` and `m`
    /// (`v/m`, `man of vrouw`) is none, with a note; a preference (`liefst vrouw`) is read as
    /// that wish, with a note (rule 6 holds it like any wish); anything else is an error
    /// naming the cell and the accepted values. The gender code (`f`, `m`, `x`) or empty. O(length).
    pub(crate) fn gender_pref(&mut self, col: &str) -> String {
        let raw = self.get(col);
        let n = normalize(raw);
        let n = n.trim_matches(|c: char| c == '.' || c == '!' || c.is_whitespace());
        if n.is_empty() || NO_WISH.contains(&n) {
            return String::new();
        }
        let known = |g: &str| {
            let g = parse_gender(g);
            matches!(g.as_str(), "f" | "m" | "x").then_some(g)
        };
        if let Some(g) = known(n) {
            return g;
        }
        let (line, value) = (self.line, raw.trim().to_string());
        for lead in PREFERENCE_LEADS {
            if let Some(g) = n.strip_prefix(lead).and_then(known) {
                let wish = g.clone();
                self.errs.note_cell(self.t, line, col, |lang| {
                    lang.fill(
                        crate::messages::Msg::WGenderPreference,
                        &[("value", &format!("{value:?}")), ("gender", &wish)],
                    )
                });
                return g;
            }
        }
        let parts: Option<Vec<String>> = alternatives(n).iter().map(|p| known(p)).collect();
        match parts {
            Some(mut gs) if gs.len() > 1 => {
                gs.sort_unstable();
                gs.dedup();
                if gs.len() == 1 {
                    return gs.remove(0);
                }
                if gs.iter().any(|g| g == "f") && gs.iter().any(|g| g == "m") {
                    self.errs.note_cell(self.t, line, col, |lang| {
                        lang.fill(
                            crate::messages::Msg::WGenderEither,
                            &[("value", &format!("{value:?}"))],
                        )
                    });
                    return String::new();
                }
                self.err(col, raw, Problem::NotGenderWish);
                String::new()
            }
            _ => {
                self.err(col, raw, Problem::NotGenderWish);
                String::new()
            }
        }
    }

    /// A request's `language`: empty or a "no wish" form is `nl`; one language (`nl`,
    /// `Nederlands`, `engels`) is that language; several as alternatives (`NL/EN`, `Engels of
    /// Nederlands`) are an error naming the cell (a request has one language, the one the
    /// conversation is in). O(length).
    pub(crate) fn request_language(&mut self, col: &str) -> String {
        let raw = self.get(col);
        let n = normalize(raw);
        let n = n.trim_matches(|c: char| c == '.' || c.is_whitespace());
        if n.is_empty() || NO_WISH.contains(&n) {
            return "nl".to_string();
        }
        let mut parts: Vec<String> = alternatives(n).iter().map(|p| parse_language(p)).collect();
        parts.sort_unstable();
        parts.dedup();
        match parts.len() {
            0 => "nl".to_string(),
            1 => parts.remove(0),
            _ => {
                self.err(col, raw, Problem::OneLanguage);
                "nl".to_string()
            }
        }
    }
}

pub(crate) fn parse_gender(s: &str) -> String {
    let n = normalize(s);
    match n.as_str() {
        "v" | "f" | "vrouw" | "female" | "woman" => "f".into(),
        "m" | "man" | "male" => "m".into(),
        "x" | "nb" | "non-binary" | "non-binair" | "anders" => "x".into(),
        _ => n,
    }
}

pub(crate) fn parse_language(s: &str) -> String {
    let n = normalize(s);
    match n.as_str() {
        "nederlands" | "dutch" | "nld" => "nl".into(),
        "engels" | "english" | "eng" => "en".into(),
        _ => n,
    }
}

/// An expert's `languages`: a list (`|`, `,`, `;`), each item also split where it joins
/// languages (`NL/EN`, `Nederlands en Engels`: both). `nl` when empty. O(length).
pub(crate) fn language_ids(v: &str, langs: &mut Interner) -> Vec<u32> {
    let mut ids: Vec<u32> = split_list(v)
        .flat_map(|l| alternatives(&normalize(l)))
        .map(|l| langs.intern(&parse_language(&l)))
        .collect();
    if ids.is_empty() {
        ids.push(langs.intern("nl"));
    }
    ids.sort_unstable();
    ids.dedup();
    ids
}
