//! The input gate for cells whose value is not known for certain.
//!
//! Why: a wrong match is worse than no match. A few columns decide whether an expert may be sent
//! at all (their exclusions, avoided themes, limits, certification, supervision, age); in those
//! [`SAFETY_COLUMNS`] a cell the reader cannot read with certainty stops the batch with an error
//! naming the file, sheet and cell, the value and what was expected. Elsewhere it is read as
//! empty with one warning per column. Every reader hands its uncertain cells here: the
//! workbook reader ([`crate::ingest::workbook::SheetText::problems`]: error values, formulas without a
//! stored value or with a stored 0, merged ranges), and every table, CSV or sheet, the cells of a
//! safety column whose text is an Excel error value ([`is_error_text`]: `#N/A`, Dutch `#N/B`,
//! `#WAARDE!`, `#######`, ...), as Excel writes a failed formula when it saves CSV, or as a
//! string cell holds it when such a value was pasted or typed. Read as a name, `#N/B` matches
//! nothing and the expert would silently go anywhere; read as a number it is no number; so it
//! is refused exactly like a real error cell.
//!
//! Merged ranges are read as a coordinator means them: the merge's value for every cell in it,
//! with one warning per range. In `excluded_orgs` and `avoid_themes` that is the safe side (the
//! rows inside the merge get the exclusion instead of none); in a limit or flag column it is the
//! value the coordinator typed for those rows.

use crate::ingest::workbook::CellProblem;
use crate::ingest::{InputError, Problem};
use crate::messages::Msg;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Columns (by their canonical name, in any input file) in which an uncertain cell is an error.
/// A new column that limits where or how much an expert may go belongs here.
pub const SAFETY_COLUMNS: &[&str] = &[
    "excluded_orgs",
    "avoid_themes",
    "load_budget",
    "max_assignments",
    "rolling_budget",
    "availability",
    // Where an expert may go (issue 7 of the third trial: an error cell read as empty gave the
    // 25 km default): the travel limit and whether they work online.
    "max_travel_km",
    "online",
    "active",
    "certified",
    "last_supervision",
    "birth_year",
    "client_age",
    // Team rules (issue 24): who may go alone, and with whom.
    "certified_on",
    "deployments",
    "not_with",
    "experienced_min",
    // Trajectories (issue 24): how much of the rolling budget a request takes.
    "meetings",
    "every_weeks",
    // A request's load on the expert's budget, and when it is (empty reads as flexible).
    "intensity",
    "slot",
    // A request's organisation and themes are what rules 3 and 4 compare with.
    "org",
    "themes",
    // Organisation ids (KvK numbers): an unreadable id would be a silent non-match of rule 4.
    "excluded_org_ids",
    "org_id",
];

/// Whether `column` (a canonical column name) is one of [`SAFETY_COLUMNS`].
pub fn is_safety_column(column: &str) -> bool {
    SAFETY_COLUMNS.contains(&column)
}

/// What the gate found in one table.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    /// Errors, each naming a cell.
    pub errors: Vec<InputError>,
    /// Warnings (one per column or merged range).
    pub warnings: Vec<crate::ingest::Warning>,
}

/// Excel's error values in every language Excel writes them in (English, Dutch, German, French),
/// upper case. Besides these, [`is_error_text`] takes any `#` + letters/digits/`/`/`_`/`.` +
/// `!` or `?` and a cell of only `#`s (`#######`, a value too wide for its column).
pub const ERROR_VALUES: &[&str] = &[
    "#NULL!",
    "#DIV/0!",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#N/A",
    "#GETTING_DATA",
    "#SPILL!",
    "#CALC!",
    "#FIELD!",
    "#BLOCKED!",
    "#CONNECT!",
    "#BUSY!",
    "#UNKNOWN!",
    // Dutch Excel.
    "#LEEG!",
    "#DEEL/0!",
    "#WAARDE!",
    "#VERW!",
    "#NAAM?",
    "#GETAL!",
    "#N/B",
    "#OVERLOOP!",
    "#BEREKENEN!",
    "#GEGEVENS_OPHALEN",
    // German and French Excel.
    "#NV",
    "#WERT!",
    "#BEZUG!",
    "#ZAHL!",
    "#VALEUR!",
    "#NOM?",
    "#NOMBRE!",
    "#NUL!",
];

/// Whether a cell's text (trimmed, any case) is an Excel error value as Excel saves it in a CSV
/// file or shows it in a cell: one of [`ERROR_VALUES`], `#` followed by letters, digits, `/`,
/// `_` or `.` and ending in `!` or `?` (an error value of another language or version), `#N/`
/// and one or two letters (`#N/A`, `#N/B`, `#N/D`), two or more `#` and nothing else
/// (`#######`), or LibreOffice's `Err:` and a number (`Err:502`). A theme or organisation name never has that form.
/// O(cell length).
pub fn is_error_text(cell: &str) -> bool {
    let t = cell.trim();
    // LibreOffice and OpenOffice write a failed formula as `Err:502`, `Err:504`, ... (in a CSV
    // file, and as the text of an .ods error cell).
    if let Some(code) = t
        .strip_prefix("Err:")
        .or_else(|| t.strip_prefix("ERR:"))
        .or_else(|| t.strip_prefix("err:"))
    {
        return !code.is_empty() && code.len() <= 4 && code.chars().all(|c| c.is_ascii_digit());
    }
    let Some(rest) = t.strip_prefix('#') else {
        return false;
    };
    // "Not available" in every language: `#N/A`, `#N/B` (Dutch), `#N/D` (Spanish, Italian,
    // Polish, LibreOffice in those languages), `#NV` (German).
    if let Some(code) = rest.strip_prefix("N/").or_else(|| rest.strip_prefix("n/")) {
        return (1..=2).contains(&code.chars().count()) && code.chars().all(char::is_alphabetic);
    }
    if !rest.is_empty() && rest.chars().all(|c| c == '#') {
        return true;
    }
    let upper = t.to_uppercase();
    if ERROR_VALUES.contains(&upper.as_str()) {
        return true;
    }
    let Some(body) = rest.strip_suffix(['!', '?']) else {
        return false;
    };
    body.chars().count() >= 2
        && body.chars().next().is_some_and(char::is_alphabetic)
        && body
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '/' | '_' | '.'))
}

/// Marks, in `problems`, every cell of a safety column of `rows` that is (or holds, as an item
/// of a list) an Excel error value as text ([`is_error_text`]), as
/// [`CellProblem::ErrorValue`] with that text, so that [`uncertain_cells`] refuses it as it
/// refuses a workbook's error cell. Keys are (line, 1-based column), as in
/// [`crate::ingest::workbook::SheetText::problems`]; a cell already marked otherwise (inside a
/// merge) is marked again. `O(rows × safety columns × cell length)`.
pub(crate) fn mark_error_texts(
    known: &HashMap<usize, &'static str>,
    rows: &[(u64, Vec<String>)],
    problems: &mut BTreeMap<(u64, usize), CellProblem>,
) {
    let mut safety: Vec<usize> = known
        .iter()
        .filter(|(_, name)| is_safety_column(name))
        .map(|(&i, _)| i)
        .collect();
    safety.sort_unstable();
    for (line, cells) in rows {
        for &i in &safety {
            let Some(cell) = cells.get(i) else { continue };
            if !cell.contains('#') && !cell.to_ascii_lowercase().contains("err:") {
                continue;
            }
            if let Some(v) = std::iter::once(cell.as_str())
                .chain(crate::ingest::split_list(cell))
                .find(|item| is_error_text(item))
            {
                problems.insert(
                    (*line, i + 1),
                    CellProblem::ErrorValue(v.trim().to_string()),
                );
            }
        }
    }
}

/// Applies the gate to the data rows of a table (a CSV file or a workbook sheet): `file` names the
/// file and sheet (`week.xlsx, sheet experts`), `headers` are the header cells, `known` maps a
/// column index (0-based) to its canonical name, `rows` are (line, cells) after the header.
/// Cells of unknown (ignored) columns are not looked at. `O(rows + problems)`.
pub(crate) fn uncertain_cells(
    file: &str,
    headers: &[String],
    known: &HashMap<usize, &'static str>,
    rows: &[(u64, Vec<String>)],
    problems: &BTreeMap<(u64, usize), CellProblem>,
) -> Findings {
    let mut out = Findings::default();
    if problems.is_empty() {
        return out;
    }
    let mut merges = BTreeSet::new();
    // Per non-safety column: how many uncertain cells read as empty, and the first one.
    let mut emptied: BTreeMap<usize, (usize, u64, String)> = BTreeMap::new();
    for (line, cells) in rows {
        for (&(_, col), problem) in problems.range((*line, 0)..=(*line, usize::MAX)) {
            let i = col - 1;
            let Some(&name) = known.get(&i) else { continue };
            let cell = || format!("{}{line}", crate::ingest::workbook::column_letters(col));
            let error = |value: Option<String>, problem: Problem| InputError {
                file: file.to_string(),
                line: Some(*line),
                row: None,
                column: Some((col, headers.get(i).cloned().unwrap_or_default())),
                value,
                problem,
            };
            match problem {
                CellProblem::InsideMerge { range } => {
                    merges.insert(range.clone());
                }
                CellProblem::FormulaStoredZero if is_safety_column(name) => {
                    out.errors
                        .push(error(cells.get(i).cloned(), Problem::SafetyFormulaZero));
                }
                CellProblem::FormulaStoredZero => {}
                CellProblem::ErrorValue(v) if is_safety_column(name) => {
                    out.errors
                        .push(error(Some(v.clone()), Problem::SafetyErrorValue(name)));
                }
                CellProblem::FormulaWithoutValue if is_safety_column(name) => {
                    out.errors.push(error(None, Problem::SafetyNoValue(name)));
                }
                CellProblem::ErrorValue(_) | CellProblem::FormulaWithoutValue => {
                    let e = emptied.entry(col).or_insert((0, *line, cell()));
                    e.0 += 1;
                }
            }
        }
    }
    for (col, (n, _, first)) in emptied {
        let column = headers.get(col - 1).map(String::as_str).unwrap_or("");
        out.warnings.push(crate::ingest::Warning::new(|lang| {
            lang.fill(
                Msg::WEmptiedCells,
                &[
                    ("file", &file),
                    ("column", &column),
                    ("n", &n),
                    ("first", &first),
                ],
            )
        }));
    }
    for range in merges {
        out.warnings.push(crate::ingest::Warning::new(|lang| {
            lang.fill(Msg::WMerged, &[("file", &file), ("range", &range)])
        }));
    }
    out
}

/// What a safety column (its canonical name) expects, for a message.
pub(crate) fn expected(column: &str) -> Msg {
    match column {
        "excluded_orgs" => Msg::InSafeOrgs,
        "avoid_themes" | "themes" => Msg::InSafeThemes,
        "load_budget" | "max_assignments" | "rolling_budget" | "client_age" | "intensity" => {
            Msg::InSafeWhole
        }
        "max_travel_km" => Msg::InSafeKm,
        "active" | "certified" | "online" => Msg::InSafeYesNo,
        "last_supervision" | "certified_on" => Msg::InSafeDate,
        "deployments" | "experienced_min" | "meetings" | "every_weeks" => Msg::InSafeWhole,
        "not_with" => Msg::InSafeIds,
        "birth_year" => Msg::InSafeYear,
        "availability" | "slot" => Msg::InSafeSlots,
        "org" => Msg::InSafeOrg,
        "excluded_org_ids" | "org_id" => Msg::InSafeOrgIds,
        _ => Msg::InSafeValue,
    }
}

/// Pieces of a header that make it a near miss of a safety column of experts.csv even when the
/// whole name is not close (`Excluded orgs (former care)`, `inactive`, `gecertificeerd per`,
/// `Oud-cliënt van`, `geen inzet bij`, `Triggers`, `Liever niet`): a header holding one and
/// naming no column is an error, never silently ignored. A stem starting with `=` is a whole
/// word of the header (`org` in `Niet bij org`, not in `zorg`).
pub(crate) const EXPERT_SAFETY_STEMS: &[(&str, &[&str])] = &[
    (
        "excluded_orgs",
        &[
            "exclu",
            "uitgesl",
            "uitsluit",
            "uitgezonder",
            "uitzonder",
            "organis",
            "organiz",
            "=org",
            "=orgs",
            "client",
            "nietbij",
            "geeninzet",
            "nooitbij",
        ],
    ),
    (
        "avoid_themes",
        &[
            "avoid",
            "vermijd",
            "vermeid",
            "vermeden",
            "trigger",
            "lieverniet",
            "gevoelig",
        ],
    ),
    ("max_assignments", &["assignment", "opdracht"]),
    ("load_budget", &["budget", "belast"]),
    ("active", &["activ", "actief", "verlof"]),
    ("certified", &["certif"]),
    ("last_supervision", &["supervis", "intervis"]),
];

/// The header aliases of `avoid_themes` (in [`super::sheet::EXPERT_ALIASES`]), kept here with
/// the other safety-column names: the trial's free wordings of an avoided-themes column.
pub const AVOID_THEMES_ALIASES: &[&str] = &[
    "avoid_theme",
    "vermijd_thema's",
    "te_vermijden_thema's",
    "thema's_vermijden",
    "niet_nu_thema's",
    "niet_nu",
    "nog_niet",
    "liever_geen",
    "niet_over",
    "thema's_niet",
    "geen_thema's",
    "taboe",
    "sensitive_topics",
    "do_not_discuss",
];

/// The header aliases of `excluded_orgs` (in [`super::sheet::EXPERT_ALIASES`]), kept here with
/// the other safety-column names: the trial's free wordings of an exclusions column.
pub const EXCLUDED_ORGS_ALIASES: &[&str] = &[
    "excluded_org",
    "excluded_organisations",
    "excluded_organizations",
    "uitgesloten_organisaties",
    "uitgesloten_orgs",
    "niet_naar_organisaties",
    "niet_naar",
    "niet_inzetten_bij",
    "blacklist",
    "no-go",
    "voormalige_zorgaanbieder",
    "zorgverleden_bij",
    "hulpverlening_gehad_bij",
    "oude_instelling",
    "former_care_provider",
    "do_not_send_to",
    "conflict_of_interest",
    "belangenverstrengeling",
];
