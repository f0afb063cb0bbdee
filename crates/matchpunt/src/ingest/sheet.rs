//! How a spreadsheet export becomes text, lines and a header, before [`crate::ingest`] reads its
//! cells.
//!
//! Excel saves "CSV" in several forms, and coordinators use them all:
//!
//! - **Encodings** ([`decode`], in [`crate::ingest::decode`]): UTF-8 with or without a byte-order mark ("CSV UTF-8"), UTF-16
//!   little- or big-endian with a byte-order mark ("Unicode text", tab-separated) or without one
//!   (NUL bytes at every other position), Windows-1252 (plain "CSV" on Windows) and Mac Roman
//!   ("CSV (Macintosh)" of Excel for Mac). Text that is valid UTF-8 is UTF-8. Text that is not is
//!   binary (control bytes, a workbook) or mixes UTF-8 with another encoding, which are errors, or
//!   is one of the two single-byte encodings, decided by evidence ([`single_byte_evidence`]): the
//!   Dutch accented letters sit at 0xE0-0xFF in Windows-1252 and at 0x80-0x9F in Mac Roman, and
//!   each reading of the other's bytes gives symbols, quotes inside words or capitals after small
//!   letters. When the evidence is not clear, the text is read as Windows-1252 and
//!   [`Decoded::undecided`] says so: the reader then refuses the file if a safety column holds a
//!   character beyond ASCII, since guessing there could match the wrong organisation or theme.
//! - **Line ends** ([`Lines`]): LF, CRLF and the old Mac CR alone all end a line, so that every
//!   message names the line a text editor shows.
//! - **The header line** ([`locate_header`]): Excel's `sep=;` first line sets the delimiter; blank
//!   lines and a title line before the header are skipped; the delimiter (`,`, `;` or tab) is
//!   taken from the header line itself, never from a blank line.
//! - **Header names** ([`HeaderNames`]): matched without regard to case, spacing, `_`, `-`,
//!   apostrophes and accents, with Dutch aliases ([`EXPERT_ALIASES`], [`REQUEST_ALIASES`],
//!   [`HISTORY_ALIASES`]). A name close to a known column is a near miss ([`HeaderMatch::NearMiss`]),
//!   which the reader reports as an error: a misspelt safety column must never switch a rule off.
//!
//! It also holds the parsers of numbers as spreadsheets write them: [`whole_number`] (`2,0`) and
//! [`year`] (a year, a date or an Excel date serial number).

pub use super::decode::{decode, single_byte_evidence, DecodeError, Decoded, Encoding, Evidence};
use crate::model::{civil_from_days, days_from_civil};
use std::fmt;

/// The physical lines of a text: LF, CRLF and CR alone each end a line.
#[derive(Clone, Debug)]
pub struct Lines {
    /// Byte offset where each line starts; the first is 0.
    starts: Vec<usize>,
    len: usize,
}

/// The line breaks inside `s` as [`Lines`] counts them: `\n`, `\r\n` and a lone `\r`.
pub fn line_breaks(s: &str) -> u64 {
    let b = s.as_bytes();
    b.iter()
        .enumerate()
        .filter(|&(i, &c)| c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')))
        .count() as u64
}

impl Lines {
    /// The lines of `text`.
    pub fn new(text: &str) -> Self {
        let b = text.as_bytes();
        let mut starts = vec![0];
        for (i, &c) in b.iter().enumerate() {
            if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        Lines {
            starts,
            len: b.len(),
        }
    }

    /// Number of lines; a line end at the very end does not start another line.
    pub fn count(&self) -> u64 {
        let n = self.starts.len();
        if n > 1 && self.starts[n - 1] == self.len {
            (n - 1) as u64
        } else {
            n as u64
        }
    }

    /// The 1-based line that byte `at` is on.
    pub fn line_of(&self, at: usize) -> u64 {
        self.starts.partition_point(|&s| s <= at) as u64
    }

    /// The 1-based line a record starting at byte `at` is on. A CSV reader's record can start
    /// on the line end before it (the `\n` of a CRLF, or blank lines it skipped), so line ends
    /// at `at` are passed over first.
    pub fn record_line(&self, text: &str, at: usize) -> u64 {
        let b = text.as_bytes();
        let mut at = at.min(b.len());
        while at < b.len() && matches!(b[at], b'\r' | b'\n') {
            at += 1;
        }
        self.line_of(at.min(self.len.saturating_sub(1)))
            .min(self.count())
    }

    /// Byte range of 0-based line `n`, without its line end.
    fn span(&self, text: &str, n: usize) -> (usize, usize) {
        let start = self.starts[n];
        let mut end = self.starts.get(n + 1).copied().unwrap_or(self.len);
        let b = text.as_bytes();
        while end > start && matches!(b[end - 1], b'\r' | b'\n') {
            end -= 1;
        }
        (start, end)
    }
}

/// Where a file's header is and how its lines are separated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderLine {
    /// Byte offset of the header line in the text.
    pub start: usize,
    /// Its 1-based line.
    pub line: u64,
    /// The delimiter: from a `sep=` line, else from the header line.
    pub delimiter: u8,
    /// Whether line 1 was Excel's `sep=` line.
    pub sep_line: bool,
    /// Blank lines (or lines of only delimiters) before the header.
    pub skipped_blank: Vec<u64>,
    /// Other lines before the header: a title or a note, naming no column.
    pub skipped_other: Vec<u64>,
}

/// How many non-blank lines before the header are looked through for it.
const MAX_LINES_BEFORE_HEADER: usize = 10;

/// Finds the header: the first line, among the first non-blank ones, that names at least two
/// columns (`is_column` says which cells do); without one, the first non-blank line. A first line
/// `sep=;` (Excel's) sets the delimiter. `None` when the text has no non-blank line.
pub fn locate_header(
    text: &str,
    lines: &Lines,
    is_column: impl Fn(&str) -> bool,
) -> Option<HeaderLine> {
    let mut sep = None;
    let mut blank = Vec::new();
    let mut others: Vec<(u64, usize, u8, Vec<u64>)> = Vec::new();
    for n in 0..lines.count() as usize {
        let (s, e) = lines.span(text, n);
        let line = &text[s..e];
        let no = n as u64 + 1;
        if n == 0 {
            if let Some(d) = sep_directive(line) {
                sep = Some(d);
                continue;
            }
        }
        if is_blank(line) {
            blank.push(no);
            continue;
        }
        let delimiter = sep.unwrap_or_else(|| detect_delimiter(line));
        let named = split_line(line, delimiter)
            .iter()
            .filter(|c| is_column(c))
            .count();
        if named >= 2 {
            return Some(HeaderLine {
                start: s,
                line: no,
                delimiter,
                sep_line: sep.is_some(),
                skipped_blank: blank,
                skipped_other: others.iter().map(|o| o.0).collect(),
            });
        }
        others.push((no, s, delimiter, blank.clone()));
        if others.len() >= MAX_LINES_BEFORE_HEADER {
            break;
        }
    }
    let (line, start, delimiter, blank_before) = others.into_iter().next()?;
    Some(HeaderLine {
        start,
        line,
        delimiter,
        sep_line: sep.is_some(),
        skipped_blank: blank_before,
        skipped_other: Vec::new(),
    })
}

/// The delimiter of Excel's `sep=;` line (also `sep=,`, `sep=|` or `sep=` and a tab).
fn sep_directive(line: &str) -> Option<u8> {
    let rest = line
        .trim_start()
        .strip_prefix("sep=")
        .or_else(|| line.trim_start().strip_prefix("SEP="))?;
    let rest = rest.trim_end_matches([' ', '\r', '\n']);
    let d = *rest.as_bytes().first()?;
    let ok = (d == b'\t' || d.is_ascii_punctuation()) && d != b'"';
    (ok && rest.bytes().all(|b| b == d)).then_some(d)
}

/// A line of only white space, delimiters and quotes (Excel writes `;;;;` for an emptied row).
fn is_blank(line: &str) -> bool {
    line.chars()
        .all(|c| c.is_whitespace() || matches!(c, ';' | ',' | '\t' | '"'))
}

/// The delimiter of a header line: the most frequent of `,`, `;` and tab outside quotes; `;`
/// over `,` on a tie, and `,` when there is none.
pub fn detect_delimiter(line: &str) -> u8 {
    let (mut semi, mut comma, mut tab, mut quoted) = (0, 0, 0, false);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ';' if !quoted => semi += 1,
            ',' if !quoted => comma += 1,
            '\t' if !quoted => tab += 1,
            _ => {}
        }
    }
    if tab > semi && tab > comma {
        b'\t'
    } else if semi > comma {
        b';'
    } else {
        b','
    }
}

/// How a delimiter is named in messages.
pub fn delimiter_name(d: u8) -> String {
    match d {
        b'\t' => "tab".into(),
        d => format!("'{}'", d as char),
    }
}

/// The trimmed cells of one line.
fn split_line(line: &str, delimiter: u8) -> Vec<String> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(line.as_bytes());
    match rdr.records().next() {
        Some(Ok(r)) => r.iter().map(|c| c.trim().to_string()).collect(),
        _ => Vec::new(),
    }
}

// ---- Header names ---------------------------------------------------------------------------------

/// Other names for the columns of experts.csv: `(column, aliases)`. Names are compared by their
/// [`header_key`], so `thema's`, `Thema's` and `themas` are one name.
pub const EXPERT_ALIASES: &[(&str, &[&str])] = &[
    ("id", &["expert_id", "deskundige_id"]),
    ("name", &["naam"]),
    ("roles", &["role", "rollen", "rol"]),
    ("certified", &["gecertificeerd", "certificaat"]),
    ("themes", &["theme", "thema's", "thema", "ervaringsthema's"]),
    ("avoid_themes", super::gate::AVOID_THEMES_ALIASES),
    ("place", &["woonplaats", "plaats"]),
    ("lat", &["latitude", "breedtegraad"]),
    ("lon", &["longitude", "lng", "lengtegraad"]),
    (
        "max_travel_km",
        &["max_reisafstand_km", "max_reisafstand", "reisafstand_km"],
    ),
    ("online", &[]),
    (
        "availability",
        &["beschikbaarheid", "beschikbaar", "dagdelen"],
    ),
    (
        "max_assignments",
        &["max_opdrachten", "max_aantal_opdrachten", "max_inzetten"],
    ),
    ("load_budget", &["belastbaarheid", "belastingbudget"]),
    ("birth_year", &["geboortejaar"]),
    ("languages", &["language", "talen", "taal"]),
    ("gender", &["geslacht"]),
    ("excluded_orgs", super::gate::EXCLUDED_ORGS_ALIASES),
    (
        "excluded_org_ids",
        &[
            "excluded_organisation_ids",
            "excluded_organization_ids",
            "uitgesloten_organisatie_ids",
            "uitgesloten_kvk",
            "uitgesloten_kvk_nummers",
        ],
    ),
    ("active", &["actief"]),
    ("coach", &["begeleider", "jobcoach"]),
    (
        "last_supervision",
        &[
            "laatste_intervisie",
            "intervisie",
            "laatste_supervisie",
            "supervisie",
        ],
    ),
    ("rolling_budget", &["rollend_budget"]),
    (
        "certified_on",
        &[
            "certification_date",
            "gecertificeerd_op",
            "certificeringsdatum",
            "datum_certificering",
        ],
    ),
    (
        "deployments",
        &[
            "aantal_inzetten",
            "eerdere_inzetten",
            "previous_deployments",
        ],
    ),
    ("not_with", &["never_with", "niet_samen_met", "niet_met"]),
];

/// The aliases of [`EXPERT_ALIASES`] that are English, not Dutch.
const ENGLISH_EXPERT_ALIASES: &[&str] = &[
    "expert_id",
    "role",
    "theme",
    "avoid_theme",
    "latitude",
    "longitude",
    "lng",
    "language",
    "excluded_org",
    "excluded_organisations",
    "excluded_organizations",
    "excluded_organisation_ids",
    "excluded_organization_ids",
];

/// Whether an experts table's header is Dutch: more of its columns are named by a Dutch alias
/// of [`EXPERT_ALIASES`] (`naam`, `rollen`, `thema's`, `woonplaats`, ...) than by the contract's
/// English names. A workbook has no delimiter to tell its dialect, so its header does: a
/// Dutch one makes the output set Dutch (`;`, decimal commas), as a `;` CSV does.
pub fn dutch_expert_headers(headers: &[String]) -> bool {
    let (mut dutch, mut english) = (0usize, 0usize);
    for h in headers {
        let key = header_key(h);
        for (name, aliases) in EXPERT_ALIASES {
            if header_key(name) == key {
                english += 1;
            } else if let Some(a) = aliases.iter().find(|a| header_key(a) == key) {
                if ENGLISH_EXPERT_ALIASES.contains(a) {
                    english += 1;
                } else {
                    dutch += 1;
                }
            }
        }
    }
    dutch > english
}

/// Other names for the columns of requests.csv (see [`EXPERT_ALIASES`]).
pub const REQUEST_ALIASES: &[(&str, &[&str])] = &[
    ("id", &["request_id", "aanvraag_id"]),
    ("org", &["organisatie", "organisation", "organization"]),
    (
        "org_id",
        &[
            "organisatie_id",
            "organisation_id",
            "organization_id",
            "kvk",
            "kvk_nummer",
            "kvk_nr",
        ],
    ),
    ("role", &["rol"]),
    ("themes", &["theme", "thema's", "thema"]),
    ("place", &["plaats", "locatie"]),
    ("lat", &["latitude", "breedtegraad"]),
    ("lon", &["longitude", "lng", "lengtegraad"]),
    ("online", &[]),
    ("slot", &["dagdeel", "tijdslot", "tijdvak"]),
    (
        "experts_needed",
        &[
            "aantal",
            "aantal_deskundigen",
            "aantal_ervaringsdeskundigen",
        ],
    ),
    ("intensity", &["intensiteit", "belasting"]),
    ("priority", &["prioriteit", "urgentie"]),
    ("language", &["taal"]),
    (
        "client_age",
        &["leeftijd", "leeftijd_cliënt", "leeftijd_jongere"],
    ),
    ("gender_pref", &["voorkeur_geslacht", "gewenst_geslacht"]),
    (
        "preferred_expert",
        &["voorkeur_deskundige", "voorkeursdeskundige"],
    ),
    (
        "pinned_expert",
        &["vaste_deskundige", "vastgezette_deskundige"],
    ),
    (
        "experienced_min",
        &["min_experienced", "minimaal_ervaren", "min_ervaren"],
    ),
    (
        "meetings",
        &[
            "bijeenkomsten",
            "aantal_bijeenkomsten",
            "afspraken",
            "aantal_afspraken",
        ],
    ),
    (
        "every_weeks",
        &["om_de_weken", "elke_weken", "interval_weken"],
    ),
];

/// Other names for the columns of history.csv (see [`EXPERT_ALIASES`]).
pub const HISTORY_ALIASES: &[(&str, &[&str])] = &[
    ("week", &[]),
    ("expert", &["deskundige", "ervaringsdeskundige"]),
    ("org", &["organisatie", "organisation", "organization"]),
    ("role", &["rol"]),
    ("intensity", &["intensiteit", "belasting"]),
    ("request", &["aanvraag"]),
    ("themes", &["theme", "thema's", "thema"]),
    ("declined", &["afgewezen", "geweigerd"]),
];

/// Other names for the columns of the optional organisations.csv (see [`EXPERT_ALIASES`]).
pub const ORGANISATION_ALIASES: &[(&str, &[&str])] = &[
    (
        "id",
        &["org_id", "organisatie_id", "kvk", "kvk_nummer", "kvk_nr"],
    ),
    ("name", &["naam", "organisatie", "org"]),
    (
        "aliases",
        &["alias", "aliassen", "andere_namen", "ook_bekend_als"],
    ),
];

/// Other names for the columns of an assignments file (a run's `assignments.csv`, as read by
/// `--previous`, `--assignments` and `metrics`): the Dutch headers a run writes with
/// `--lang nl` ([`crate::messages::Lang::header`]).
pub const ASSIGNMENT_ALIASES: &[(&str, &[&str])] = &[
    ("request", &["aanvraag"]),
    ("expert", &["deskundige"]),
    ("slot", &["tijdvak", "dagdeel"]),
    ("intensity", &["intensiteit"]),
    ("pinned", &["vastgezet"]),
];

/// Other names for the columns of a decisions file (`request, expert, decision`).
pub const DECISION_ALIASES: &[(&str, &[&str])] = &[
    ("request", &["aanvraag"]),
    ("expert", &["deskundige"]),
    ("decision", &["besluit", "beslissing"]),
];

/// The column of `table` (a contract name and its aliases) that header cell `h` names, by
/// [`header_key`]; None when it names none.
pub fn alias_column(table: &[(&'static str, &[&str])], h: &str) -> Option<&'static str> {
    let k = header_key(h);
    table
        .iter()
        .find(|(name, aliases)| header_key(name) == k || aliases.iter().any(|a| header_key(a) == k))
        .map(|(name, _)| *name)
}

/// A header name as compared: lower case, accents dropped, only letters and digits
/// (`Thema's` → `themas`, `Max travel (km)` → `maxtravelkm`, `leeftijd cliënt` → `leeftijdclient`).
pub fn header_key(h: &str) -> String {
    h.chars()
        .flat_map(char::to_lowercase)
        .map(fold_accent)
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'ç' => 'c',
        'ñ' => 'n',
        c => c,
    }
}

/// What a header cell names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderMatch {
    /// A column, by its contract name (also when written as an alias).
    Known(&'static str),
    /// Not a column, but close to one: `suggestion` is the name as it would be written (the
    /// contract name or the alias it is closest to), `column` the contract name.
    NearMiss {
        /// The closest name, as written in the alias table.
        suggestion: &'static str,
        /// The column it names.
        column: &'static str,
    },
    /// Resembles no column (or is empty): ignored with a warning.
    Unknown,
}

/// The header names of one kind of file.
#[derive(Clone, Debug)]
pub struct HeaderNames {
    /// (key, name as written, column)
    names: Vec<(String, &'static str, &'static str)>,
    stems: &'static [(&'static str, &'static [&'static str])],
}

impl HeaderNames {
    /// The names of experts.csv.
    pub fn experts() -> Self {
        Self::new(EXPERT_ALIASES, super::gate::EXPERT_SAFETY_STEMS)
    }
    /// The names of requests.csv.
    pub fn requests() -> Self {
        Self::new(REQUEST_ALIASES, &[])
    }
    /// The names of history.csv.
    pub fn history() -> Self {
        Self::new(HISTORY_ALIASES, &[])
    }
    /// The names of the optional organisations.csv.
    pub fn organisations() -> Self {
        Self::new(ORGANISATION_ALIASES, &[])
    }

    fn new(
        table: &'static [(&'static str, &'static [&'static str])],
        stems: &'static [(&'static str, &'static [&'static str])],
    ) -> Self {
        let mut names = Vec::new();
        for (column, aliases) in table {
            names.push((header_key(column), *column, *column));
            for a in *aliases {
                names.push((header_key(a), *a, *column));
            }
        }
        HeaderNames { names, stems }
    }

    /// The column `header` names exactly (by its key), if any.
    pub fn known(&self, header: &str) -> Option<&'static str> {
        let key = header_key(header);
        self.names
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, _, c)| *c)
    }

    /// What `header` names: a column, a near miss of one, or nothing.
    ///
    /// A near miss is a header (of 4 or more letters and digits) within a Damerau-Levenshtein
    /// distance of a quarter of its length (at least 1) of a column name or alias, or one that
    /// holds a piece of a safety column's name (`exclu`, `avoid`, `certif`...).
    pub fn classify(&self, header: &str) -> HeaderMatch {
        let key = header_key(header);
        if key.is_empty() {
            return HeaderMatch::Unknown;
        }
        if let Some(c) = self.known(header) {
            return HeaderMatch::Known(c);
        }
        let n = key.chars().count();
        if n >= 4 {
            let limit = (n / 4).max(1);
            let mut best: Option<(usize, &'static str, &'static str)> = None;
            for (k, written, column) in &self.names {
                if k.len() < 4 {
                    continue;
                }
                let d = strsim::damerau_levenshtein(&key, k);
                if d <= limit && best.is_none_or(|b| d < b.0) {
                    best = Some((d, written, column));
                }
            }
            if let Some((_, suggestion, column)) = best {
                return HeaderMatch::NearMiss { suggestion, column };
            }
        }
        // A stem written `=org` is a whole word of the header (`Niet bij org`, not `zorg`).
        let words: Vec<String> = header
            .split(|c: char| !c.is_alphanumeric())
            .map(header_key)
            .collect();
        for (column, stems) in self.stems {
            let hit = |s: &&str| match s.strip_prefix('=') {
                Some(w) => words.iter().any(|x| x == w),
                None => key.contains(s),
            };
            if stems.iter().any(hit) {
                return HeaderMatch::NearMiss {
                    suggestion: column,
                    column,
                };
            }
        }
        HeaderMatch::Unknown
    }
}

// ---- Numbers as spreadsheets write them -----------------------------------------------------------

/// Why a cell is not a whole number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotWhole {
    /// Not a number at all, a fraction, or negative.
    NotANumber,
    /// Three zero decimals (`1.000`, `2,000`): a thousands separator or a decimal one?
    Ambiguous,
}

impl fmt::Display for NotWhole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotWhole::NotANumber => f.write_str("not a whole number"),
            NotWhole::Ambiguous => {
                f.write_str("ambiguous: a thousands separator or a decimal point? Write the number without separators")
            }
        }
    }
}

/// A whole number as a spreadsheet writes it: `2`, or `2,0`, `2.0`, `2,00` (a number cell with a
/// decimal format). A fraction (`2,5`) is not whole; three zero decimals (`1.000`) are ambiguous.
pub fn whole_number(s: &str) -> Result<u64, NotWhole> {
    let s = s.trim();
    let (int, frac) = match s.find([',', '.']) {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, ""),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NotWhole::NotANumber);
    }
    if !frac.bytes().all(|b| b == b'0') {
        return Err(NotWhole::NotANumber);
    }
    if frac.len() >= 3 {
        return Err(NotWhole::Ambiguous);
    }
    if s.len() > int.len() && frac.is_empty() {
        return Err(NotWhole::NotANumber); // "2," or "2."
    }
    int.parse::<u64>().map_err(|_| NotWhole::NotANumber)
}

/// A number whose one separator is followed by exactly three digits (`1.000`, `2,500`), and
/// that separator is the thousands separator of a file delimited by `delimiter` while a reader
/// of the other convention takes it for a decimal one: `.` in a `;` (Dutch) file, `,` in a `,`
/// file. Returns (the decimal reading, the thousands reading), e.g. `1.000` in a `;` file is
/// (1.0, 1000.0). `None` for any other number (`1,000` in a `;` file is one, unambiguously).
pub fn thousands_ambiguity(s: &str, delimiter: u8) -> Option<(f64, f64)> {
    let sep = match delimiter {
        b';' => '.',
        b',' => ',',
        _ => return None,
    };
    let s = s.trim();
    let (int, frac) = s.split_once(sep)?;
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || int.len() > 3 || frac.len() != 3 || !digits(frac) {
        return None;
    }
    let small: f64 = format!("{int}.{frac}").parse().ok()?;
    let large: f64 = format!("{int}{frac}").parse().ok()?;
    Some((small, large))
}

/// Where a year cell's year came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YearFrom {
    /// Written as a year (`2001`, `2001,0`).
    Year,
    /// A date (`12-3-2001`, `2001-03-12`, `12/03/2001`): its year.
    Date,
    /// An Excel date serial number (days since 1899-12-30: a date cell formatted as a number).
    ExcelSerial,
}

/// The latest Excel date serial read as a year: 2100-12-31.
pub const LAST_SERIAL: u64 = 73_415;

/// Reads a year where a spreadsheet may have put a date: a whole number from 1000 to 2100 is a
/// year; a larger one up to [`LAST_SERIAL`] (2100-12-31) is an Excel date serial; a date with a
/// four-digit year, day and month (`d-m-yyyy`, `m/d/yyyy`, `yyyy-mm-dd`, also with `.` and a
/// time after it) gives its year. `None` for anything else.
pub fn year(s: &str) -> Option<(i32, YearFrom)> {
    let s = s.trim();
    if let Ok(n) = whole_number(s) {
        return match n {
            1000..=2100 => Some((n as i32, YearFrom::Year)),
            2101..=LAST_SERIAL => {
                // Serials from 61 on count from 1899-12-30 (Excel's 1900 is a leap year).
                let (y, _, _) = civil_from_days(days_from_civil(1899, 12, 30) + n as i64);
                Some((y, YearFrom::ExcelSerial))
            }
            _ => None,
        };
    }
    // A serial with a time of day (a fraction): 35796,5.
    if let Some((int, frac)) = s.split_once([',', '.']) {
        if !frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(n) = whole_number(int) {
                if (2101..=LAST_SERIAL).contains(&n) {
                    let (y, _, _) = civil_from_days(days_from_civil(1899, 12, 30) + n as i64);
                    return Some((y, YearFrom::ExcelSerial));
                }
            }
        }
    }
    date_year(s).map(|y| (y, YearFrom::Date))
}

/// The year of a date `d-m-yyyy`, `m/d/yyyy` or `yyyy-mm-dd` (separators `-`, `/`, `.`), with an
/// optional time after a space.
fn date_year(s: &str) -> Option<i32> {
    let date = match s.split_once(' ') {
        Some((d, time)) if time.trim().contains(':') || time.trim().is_empty() => d,
        Some(_) => return None,
        None => s,
    };
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n: Vec<u32> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
    let (y, a, b) = if parts[0].len() == 4 {
        // yyyy-mm-dd: a month then a day.
        (n[0], n[1], n[2])
    } else if parts[2].len() == 4 {
        (n[2], n[0], n[1])
    } else {
        return None;
    };
    let (lo, hi) = (a.min(b), a.max(b));
    let plausible = if parts[0].len() == 4 {
        (1..=12).contains(&a) && (1..=31).contains(&b)
    } else {
        (1..=12).contains(&lo) && hi <= 31
    };
    (plausible && (1000..=2100).contains(&y)).then_some(y as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_in_every_line_end_convention() {
        for text in ["a\nb\nc\n", "a\r\nb\r\nc\r\n", "a\rb\rc\r", "a\nb\r\nc"] {
            let l = Lines::new(text);
            assert_eq!(l.count(), 3, "{text:?}");
            let c = text.find('c').unwrap();
            assert_eq!(l.line_of(c), 3, "{text:?}");
            assert_eq!(l.line_of(0), 1);
        }
        assert_eq!(Lines::new("").count(), 1);
        assert_eq!(Lines::new("x").count(), 1);
        assert_eq!(super::super::decode::count_lines(b"a\rb\r\nc\n"), 4);
    }

    #[test]
    fn whole_numbers() {
        assert_eq!(whole_number("2"), Ok(2));
        assert_eq!(whole_number("2,0"), Ok(2));
        assert_eq!(whole_number("2.00"), Ok(2));
        assert_eq!(whole_number(" 12 "), Ok(12));
        assert_eq!(whole_number("2,5"), Err(NotWhole::NotANumber));
        assert_eq!(whole_number("1.000"), Err(NotWhole::Ambiguous));
        assert_eq!(whole_number("-1"), Err(NotWhole::NotANumber));
        assert_eq!(whole_number("2,"), Err(NotWhole::NotANumber));
        assert_eq!(whole_number(",0"), Err(NotWhole::NotANumber));
        assert_eq!(whole_number("twee"), Err(NotWhole::NotANumber));
        assert_eq!(whole_number(""), Err(NotWhole::NotANumber));
        assert_eq!(
            whole_number("99999999999999999999999"),
            Err(NotWhole::NotANumber)
        );
    }

    #[test]
    fn years_dates_and_serials() {
        assert_eq!(year("2001"), Some((2001, YearFrom::Year)));
        assert_eq!(year("1996,0"), Some((1996, YearFrom::Year)));
        assert_eq!(year("12-3-2001"), Some((2001, YearFrom::Date)));
        assert_eq!(year("3/12/2001"), Some((2001, YearFrom::Date)));
        assert_eq!(year("2001-03-12"), Some((2001, YearFrom::Date)));
        assert_eq!(year("12.03.2001 00:00"), Some((2001, YearFrom::Date)));
        // 35796 is 1998-01-01; 36526 is 2000-01-01; 73415 is 2100-12-31.
        assert_eq!(year("35796"), Some((1998, YearFrom::ExcelSerial)));
        assert_eq!(year("36526"), Some((2000, YearFrom::ExcelSerial)));
        assert_eq!(year("36525"), Some((1999, YearFrom::ExcelSerial)));
        assert_eq!(year("73415"), Some((2100, YearFrom::ExcelSerial)));
        assert_eq!(year("35796,25"), Some((1998, YearFrom::ExcelSerial)));
        for bad in [
            "73416",
            "999",
            "13-13-2001",
            "32-1-2001",
            "2001-13-01",
            "12-3-01",
            "twee",
            "",
            "1.000",
            "12-3-2001 morgen",
        ] {
            assert_eq!(year(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn header_keys_and_near_misses() {
        assert_eq!(header_key(" Thema's "), "themas");
        assert_eq!(header_key("Max travel (km)"), "maxtravelkm");
        assert_eq!(header_key("leeftijd_clie\u{308}nt"), "leeftijdclient");
        let e = HeaderNames::experts();
        assert_eq!(
            e.classify("Excluded Orgs"),
            HeaderMatch::Known("excluded_orgs")
        );
        assert_eq!(e.classify("thema's"), HeaderMatch::Known("themes"));
        assert_eq!(
            e.classify("exluded_orgs"),
            HeaderMatch::NearMiss {
                suggestion: "excluded_orgs",
                column: "excluded_orgs"
            }
        );
        assert_eq!(
            e.classify("avoided_themes"),
            HeaderMatch::NearMiss {
                suggestion: "avoid_themes",
                column: "avoid_themes"
            }
        );
        assert_eq!(
            e.classify("availabilty"),
            HeaderMatch::NearMiss {
                suggestion: "availability",
                column: "availability"
            }
        );
        assert_eq!(
            e.classify("beschikbaarhied"),
            HeaderMatch::NearMiss {
                suggestion: "beschikbaarheid",
                column: "availability"
            }
        );
        for (h, col) in [
            ("Excluded orgs (former care)", "excluded_orgs"),
            ("inactive", "active"),
            ("met verlof", "active"),
            // Since the team columns: closest to certified_on (certification_date); an error all the same.
            ("certificate date", "certified_on"),
        ] {
            assert!(
                matches!(e.classify(h), HeaderMatch::NearMiss { column, .. } if column == col),
                "{h}: {:?}",
                e.classify(h)
            );
        }
        for h in [
            "Opmerking",
            "email",
            "notes",
            "no",
            "x",
            "",
            "mentor",
            "telefoon",
        ] {
            assert_eq!(e.classify(h), HeaderMatch::Unknown, "{h}");
        }
        // The requests file has no safety stems; history's intensity alias works.
        assert_eq!(
            HeaderNames::history().classify("Intensiteit"),
            HeaderMatch::Known("intensity")
        );
    }

    #[test]
    fn no_alias_is_a_near_miss_of_another_column() {
        // Otherwise a correct header would read as one column while its typo hinted another.
        for names in [
            HeaderNames::experts(),
            HeaderNames::requests(),
            HeaderNames::history(),
        ] {
            let mut keys: Vec<&str> = names.names.iter().map(|n| n.0.as_str()).collect();
            keys.sort_unstable();
            let n = keys.len();
            keys.dedup();
            assert_eq!(keys.len(), n, "two names with one key");
        }
    }

    #[test]
    fn header_line_after_blank_title_and_sep_lines() {
        let known = |c: &str| HeaderNames::experts().known(c).is_some();
        let t = "\u{20}\r\n;;;\r\nid;roles;themes\r\nE1;x;y\r\n";
        let h = locate_header(t, &Lines::new(t), known).unwrap();
        assert_eq!((h.line, h.delimiter), (3, b';'));
        assert_eq!(h.skipped_blank, vec![1, 2]);
        let t = "Deskundigen, week 48\nid\troles\tthemes\n";
        let h = locate_header(t, &Lines::new(t), known).unwrap();
        assert_eq!((h.line, h.delimiter), (2, b'\t'));
        assert_eq!(h.skipped_other, vec![1]);
        let t = "sep=;\r\nid,x;roles;themes\r\n";
        let h = locate_header(t, &Lines::new(t), known).unwrap();
        assert_eq!((h.line, h.delimiter, h.sep_line), (2, b';', true));
        // No line names two columns: the first non-blank line is the header.
        let t = "\nfoo,bar\nbaz\n";
        let h = locate_header(t, &Lines::new(t), known).unwrap();
        assert_eq!((h.line, h.skipped_blank.clone()), (2, vec![1]));
        assert!(locate_header("\n ;;\n", &Lines::new("\n ;;\n"), known).is_none());
    }

    #[test]
    fn encodings() {
        let d = decode(b"\xEF\xBB\xBFid").unwrap();
        assert_eq!((d.text.as_ref(), d.encoding), ("id", Encoding::Utf8));
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Zoë\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let d = decode(&le).unwrap();
        assert_eq!(
            (d.text.as_ref(), d.encoding),
            ("Zoë\r\n", Encoding::Utf16Le)
        );
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Zoë".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).unwrap().text, "Zoë");
        let d = decode(b"Zo\xEB \x80").unwrap();
        assert_eq!(
            (d.text.as_ref(), d.encoding),
            ("Zoë €", Encoding::Windows1252)
        );
        assert_eq!(decode(b"a\nb\x01\xFF").unwrap_err().line, Some(2));
        assert_eq!(decode(b"a\rb\r\xC3\xAB\xEB").unwrap_err().line, Some(3));
        assert!(decode(b"a\rb\r\xC3\xAB\xEB")
            .unwrap_err()
            .problem
            .to_string()
            .contains("mixes"));
        assert!(decode(b"PK\x03\x04\xff")
            .unwrap_err()
            .problem
            .to_string()
            .contains("workbook"));
        // UTF-16 without a byte-order mark: NUL bytes at every other position.
        let d = decode(b"i\0d\0,\0o\0r\0g\0").unwrap();
        assert_eq!(
            (d.text.as_ref(), d.encoding),
            ("id,org", Encoding::Utf16LeNoBom)
        );
        let d = decode(b"\0i\0d\0,\0\xEB").unwrap();
        assert_eq!(
            (d.text.as_ref(), d.encoding),
            ("id,ë", Encoding::Utf16BeNoBom)
        );
        // A NUL byte here and there is no UTF-16.
        assert!(decode(b"id,org\0\nab,cd")
            .unwrap_err()
            .problem
            .to_string()
            .contains("NUL"));
        // Mac Roman: ë 0x91, ö 0x9A, é 0x8E, ç 0x8D (undefined in Windows-1252).
        let d = decode(b"Zo\x91;Co\x9Aperatie;caf\x8E").unwrap();
        assert_eq!(
            (d.text.as_ref(), d.encoding, d.undecided),
            ("Zoë;Coöperatie;café", Encoding::MacRoman, None)
        );
        assert_eq!(decode(b"Fran\x8Doise").unwrap().text, "Françoise");
        // The same letters in Windows-1252.
        let d = decode(b"Zo\xEB;Co\xF6peratie;caf\xE9").unwrap();
        assert_eq!(
            (d.text.as_ref(), d.encoding, d.undecided),
            ("Zoë;Coöperatie;café", Encoding::Windows1252, None)
        );
        // Capitals after capitals: Ë (1252) or À (Mac Roman) are as likely.
        let d = decode(b"ZO\xCB").unwrap();
        assert_eq!(d.undecided, Some(Encoding::MacRoman));
        // A UTF-16 file with an unpaired surrogate on line 2.
        let mut bad: Vec<u8> = vec![0xFF, 0xFE];
        bad.extend("a\nb".encode_utf16().flat_map(u16::to_le_bytes));
        bad.extend([0x00, 0xD8]);
        assert_eq!(decode(&bad).unwrap_err().line, Some(2));
    }

    proptest::proptest! {
        /// A separator and exactly three digits is ambiguous where the file's convention makes
        /// the separator a thousands one, never elsewhere, and never for a whole number or a
        /// number with another count of decimals.
        #[test]
        fn thousands_ambiguity_is_the_three_digit_group(int in 0u32..1000, frac in 0u32..1000, other in 1usize..6) {
            let dot = format!("{int}.{frac:03}");
            let comma = format!("{int},{frac:03}");
            let (small, large) = thousands_ambiguity(&dot, b';').unwrap();
            proptest::prop_assert_eq!(small, dot.parse::<f64>().unwrap());
            proptest::prop_assert_eq!(large, f64::from(int * 1000 + frac));
            proptest::prop_assert!(thousands_ambiguity(&comma, b',').is_some());
            proptest::prop_assert!(thousands_ambiguity(&comma, b';').is_none());
            proptest::prop_assert!(thousands_ambiguity(&dot, b'\t').is_none());
            proptest::prop_assert!(thousands_ambiguity(&int.to_string(), b';').is_none());
            if other != 3 {
                let digits = "7".repeat(other);
                let longer = format!("{int}.{digits}");
                proptest::prop_assert!(thousands_ambiguity(&longer, b';').is_none());
            }
        }
    }
}
