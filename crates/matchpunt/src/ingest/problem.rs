//! What is wrong with an input, as data: the kind of an [`InputError`], with the values its text
//! needs, rendered in the reader's language through the one message table
//! ([`crate::messages`]). The place (file, line, column or sheet and cell) and the value stay on
//! the [`InputError`]; a kind says what is wrong and what was expected.
//!
//! Why typed: `run --lang nl` and `check --lang nl` print Dutch input errors, and a test holds
//! every kind to a text in both languages ([`Problem::samples`]).

use crate::ingest::decode::Encoding;
use crate::messages::{Lang, Msg};
use std::fmt;

/// What an `is empty: expected ...` error expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// A unique id.
    UniqueId,
    /// One or more roles.
    Roles,
    /// The requesting organisation.
    RequestingOrg,
    /// One role.
    OneRole,
    /// An expert id.
    ExpertId,
    /// An organisation.
    AnOrg,
    /// A request id.
    RequestId,
}

impl Expected {
    fn msg(self) -> Msg {
        match self {
            Expected::UniqueId => Msg::InWhatUniqueId,
            Expected::Roles => Msg::InWhatRoles,
            Expected::RequestingOrg => Msg::InWhatRequestingOrg,
            Expected::OneRole => Msg::InWhatOneRole,
            Expected::ExpertId => Msg::InWhatExpertId,
            Expected::AnOrg => Msg::InWhatAnOrg,
            Expected::RequestId => Msg::InWhatRequestId,
        }
    }
}

/// Which small file of pairs a [`Problem`] is about (what its header should hold).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PairFileKind {
    /// A run's `assignments.csv`.
    Assignments,
    /// A decisions file.
    Decisions,
}

/// The kind of an input error: what is wrong and what was expected, with the values the text
/// needs (never a cell's value: that is the [`InputError`](super::InputError)'s `value`). Rendered by
/// [`Problem::render`]; `Display` is the English text.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// A text from outside the message table (a library's error, a caller's own text), shown
    /// as is.
    Text(String),
    /// A cell of a column the file lacks: the column, and what is wrong with the cell.
    NoColumn(String, Box<Problem>),
    /// Not a boolean; `x_ambiguous` when the cell is an `x` (ticked or crossed out?).
    NotBool {
        /// Whether the cell is `x`.
        x_ambiguous: bool,
    },
    /// A required boolean is empty.
    EmptyBool,
    /// A whole number with a separator that may be either a thousands separator or a decimal
    /// point.
    WholeAmbiguous {
        /// Smallest allowed.
        min: u32,
        /// Largest allowed.
        max: u32,
    },
    /// Not a whole number in the range.
    NotWhole {
        /// Smallest allowed.
        min: u32,
        /// Largest allowed.
        max: u32,
    },
    /// Not a year from 1900 to 2100.
    NotYear,
    /// Not a distance in km in the range.
    NotKm {
        /// Smallest allowed.
        min: f64,
        /// Largest allowed.
        max: f64,
    },
    /// Not a number in the range.
    NotNumber {
        /// Smallest allowed.
        min: f64,
        /// Largest allowed.
        max: f64,
    },
    /// A required cell is empty.
    Empty(Expected),
    /// A safety cell (`avoid_themes`, `excluded_orgs`) that is a note or an unknown marker
    /// ([`crate::names::notes::read_safety_cell`]), not names.
    SafetyNote {
        /// Whether the column holds organisations (else themes).
        orgs: bool,
    },
    /// A request's `themes` cell with a note or an unknown marker (`angst|zie bijlage`,
    /// `angst|?`, `angst + overige`): a theme not said may be one an expert avoids.
    RequestThemesNote,
    /// A request's `intensity` of 0 on a heavy theme (or one read as heavy on the safe side): a
    /// heavy-theme seat always weighs; `default` is the intensity an empty cell would get.
    HeavyIntensityZero {
        /// The default intensity of the request's role and themes.
        default: u32,
    },
    /// A request's organisation that is a note or a placeholder (`?`, `onbekend`, `nnb`, `zie
    /// mail`, `n.t.b.`, `anoniem`, `-`, `x`: [`crate::names::notes::is_placeholder_name`]), not
    /// a name: rule 4 could not be checked against it.
    OrgNote,
    /// An organisation id (`org_id`, `excluded_org_ids`, organisations.csv `id`) in scientific
    /// notation (`4,57E+07`): its digits are lost ([`crate::names::org::id_key`]).
    OrgIdLostDigits,
    /// A required theme list is empty.
    EmptyThemes,
    /// One of lat and lon given without the other: `given` is the one given.
    HalfCoordinates {
        /// `lat` or `lon`.
        given: &'static str,
    },
    /// Coordinates outside the Netherlands; `swapped` when they fit the other way round.
    NotInNetherlands {
        /// Latitude read.
        lat: f64,
        /// Longitude read.
        lon: f64,
        /// Whether swapping them lands in the Netherlands.
        swapped: bool,
    },
    /// A required place is empty.
    EmptyPlace,
    /// An on-site row in a file without a place column.
    NoPlaceColumnOnSite,
    /// A place not in the places table, with the closest one (name, province).
    UnknownPlace(Option<(String, String)>),
    /// A place name that names more than one place (name, province).
    AmbiguousPlace(Vec<(String, String)>),
    /// Not an expert id of the experts file, with the closest id.
    UnknownExpert(Option<String>),
    /// An expert cell that names more than one expert by the one reading of ids and names
    /// ([`crate::ingest::ids::IdKeys::read_cell`]): their ids.
    AmbiguousExpert(Vec<String>),
    /// An id that the one reading of ids takes as an id seen before (`E01` after `E1`): the
    /// first's line and id as written.
    DuplicateIdRead {
        /// The line of the first.
        first: u64,
        /// The first's id as written.
        first_id: String,
    },
    /// The same full name and birth year as the expert of another row: one person in two rows.
    SamePerson {
        /// The other row's line.
        line: u64,
        /// The other row's id.
        id: String,
        /// The birth year both rows have.
        year: i32,
    },
    /// A request's `gender_pref` that is no gender wish.
    NotGenderWish,
    /// A request's `language` naming several languages.
    OneLanguage,
    /// An id seen before, first on `first`.
    DuplicateId {
        /// The line of the first.
        first: u64,
    },
    /// The experts or requests file has no place column (nor lat and lon).
    MissingLocationColumn,
    /// Not a role; `ervaringsdeskundige` when the cell names the expert's kind instead.
    NotARole {
        /// Whether the cell starts with "ervaringsdeskundig".
        ervaringsdeskundige: bool,
    },
    /// A request's role is not one role.
    NotOneRole,
    /// A history row's role is not a role.
    NotHistoryRole,
    /// An availability item is not a slot.
    NotSlotList,
    /// A request's slot is not a slot.
    NotSlot,
    /// Not a supervision date.
    NotSupervisionDate,
    /// Not a certification date.
    NotCertifiedOnDate,
    /// Not a priority.
    NotPriority,
    /// Not an ISO week.
    NotWeek,
    /// An organisations row without a name.
    EmptyOrgName,
    /// The file cannot be read (the system's reason).
    CannotRead(String),
    /// A workbook without the sheet a table needs: the names looked for, the sheets it has.
    NoSheet {
        /// The names looked for.
        wanted: Vec<String>,
        /// The sheets the workbook has.
        have: Vec<String>,
    },
    /// No header line at all: the required columns.
    EmptyTable(Vec<String>),
    /// The header line is not CSV (the reader's reason).
    BadHeaderLine(String),
    /// A column twice in the header; `as_column` when it is an alias of that column.
    DuplicateColumn {
        /// The header as written.
        header: String,
        /// The column it stands for, when not the same name.
        as_column: Option<String>,
    },
    /// A header close to a known column.
    NearMissColumn {
        /// 1-based column number.
        n: usize,
        /// The header as written.
        header: String,
        /// The name it is close to.
        suggestion: String,
        /// The column that name stands for, when not the same.
        column: Option<String>,
    },
    /// A column of experts.csv that no known column name reads, whose cells name organisations
    /// or themes of the batch: it may be a safety column under another name, so it is never
    /// silently ignored (`ingest::unknown_columns`). The cells are never echoed.
    UnknownColumnNamesBatch {
        /// 1-based column number.
        n: usize,
        /// The header as written.
        header: String,
    },
    /// A column of requests.csv that no known column name reads, whose cells name themes: a
    /// second themes column would hide a theme from rule 3 (`ingest::unknown_columns`).
    UnknownRequestColumnNamesThemes {
        /// 1-based column number.
        n: usize,
        /// The header as written.
        header: String,
    },
    /// The first line names no column.
    NoHeaderLine {
        /// The line.
        line: u64,
        /// The required columns.
        required: Vec<String>,
    },
    /// A required column is missing.
    MissingColumn {
        /// The column.
        name: String,
        /// The header as written.
        have: Vec<String>,
    },
    /// A record is not CSV (the reader's reason).
    BadCsv(String),
    /// A cell longer than the reader reads.
    LongCell {
        /// Its length in characters.
        chars: usize,
        /// The most read.
        max: usize,
    },
    /// A quote opened in a cell and never closed: the rest of the file was read as that cell
    /// (a whole-file problem: the rows after it are lost, not one row).
    UnclosedQuote {
        /// Physical lines read into the cell after the row's own.
        swallowed: usize,
    },
    /// A row with another number of fields than the header.
    FieldCount {
        /// Fields in the row.
        got: usize,
        /// Fields in the header.
        want: usize,
        /// The delimiter.
        delimiter: u8,
    },
    /// A safety column with a letter beyond ASCII in a file of two possible encodings.
    UndecidedEncoding {
        /// 1-based column number.
        n: usize,
        /// Its header.
        header: String,
        /// The encoding it was read as.
        read: Encoding,
        /// The other possible encoding.
        other: Encoding,
    },
    /// Binary data (a NUL byte); `utf16` when it looks like UTF-16 without a byte-order mark.
    BinaryNul {
        /// Whether it looks like UTF-16.
        utf16: bool,
    },
    /// A UTF-8 byte-order mark before bytes that are not UTF-8.
    BomNotUtf8,
    /// A UTF-16 byte-order mark before bytes that are not UTF-16.
    BadUtf16,
    /// A zip file (a workbook) where CSV text was expected.
    ZipNotCsv,
    /// An old Excel workbook where CSV text was expected.
    XlsNotCsv,
    /// A control byte.
    ControlByte(u8),
    /// UTF-8 mixed with another encoding.
    MixedEncodings,
    /// A formula whose stored value is 0 in a safety column of a workbook.
    SafetyFormulaZero,
    /// An error value in a safety column (its canonical name): a workbook's error cell, or its
    /// text (`#N/A`, `#N/B`, ...) in any file.
    SafetyErrorValue(&'static str),
    /// A formula without a stored value in a safety column (its canonical name).
    SafetyNoValue(&'static str),
    /// A batch workbook without its experts or requests sheet (which are missing), with the
    /// sheets it has.
    NoBatchSheets {
        /// No experts sheet.
        experts: bool,
        /// No requests sheet.
        requests: bool,
        /// The sheets it has.
        have: Vec<String>,
    },
    /// A given assignment's request (`request`) or expert not of this batch.
    NotInBatch {
        /// The request, not the expert.
        request: bool,
    },
    /// An inline request without a request.
    NoRequest,
    /// A decision that is neither accepted nor declined.
    NotDecision,
    /// An id beyond ASCII in a pair file of two possible encodings.
    PairIdUndecidedEncoding,
    /// A pair file without a header line.
    PairNoHeader(PairFileKind),
    /// A pair file without required columns.
    PairMissingColumns {
        /// The file's kind.
        file: PairFileKind,
        /// The columns missing.
        missing: Vec<String>,
        /// The header as written.
        have: Vec<String>,
    },
    /// A workbook its reader failed on (a damaged file).
    WorkbookDamaged,
    /// A workbook encrypted with a password.
    WorkbookPassword,
    /// A workbook the spreadsheet library cannot open (the library's reason).
    WorkbookUnreadable(String),
    /// A workbook part that would expand at a ratio no real sheet has.
    WorkbookPartRatio {
        /// The part's name in the zip.
        part: String,
        /// Its stored size in bytes.
        stored: u64,
        /// Its declared expanded size in bytes.
        size: u64,
        /// The limit on the ratio.
        max: u64,
    },
    /// A workbook whose parts would expand beyond the limit, in bytes.
    WorkbookTooLarge {
        /// The expanded size.
        size: u64,
        /// The limit.
        max: u64,
    },
    /// An `.xls` workbook stream beyond the limit, in MB (10^6 bytes).
    WorkbookStreamTooLarge {
        /// The stream's size.
        mb: u64,
        /// The limit.
        max: u64,
    },
}

/// Bytes as a message writes them: `1.5 MB` (MiB, one decimal; a decimal comma in Dutch).
fn mb(lang: Lang, bytes: u64) -> String {
    format!("{} MB", lang.num(bytes as f64 / 1_048_576.0, 1))
}

/// `f64` as the messages write a range end: `0`, `1000`, `-90`, `50.5`.
fn n(x: f64) -> String {
    format!("{x}")
}

/// Names quoted as in a message: `'a', 'b'`.
fn join(items: &[String], sep: &str) -> String {
    items.join(sep)
}

impl Problem {
    /// The text in `lang`: what is wrong and what was expected. `O(length of the text)`.
    pub fn render(&self, lang: Lang) -> String {
        use Problem as P;
        let t = |m: Msg| lang.text(m).to_string();
        let save_as = lang.text(Msg::InSaveAs);
        match self {
            P::Text(s) => s.clone(),
            P::NoColumn(col, inner) => lang.fill(
                Msg::InNoColumn,
                &[("column", col), ("problem", &inner.render(lang))],
            ),
            P::NotBool { x_ambiguous: false } => t(Msg::InBoolExpected),
            P::NotBool { x_ambiguous: true } => lang.fill(
                Msg::InBoolAmbiguous,
                &[("expected", &lang.text(Msg::InBoolExpected))],
            ),
            P::EmptyBool => lang.fill(
                Msg::InEmptyExpected,
                &[("expected", &lang.text(Msg::InBoolExpected))],
            ),
            P::WholeAmbiguous { min, max } => {
                lang.fill(Msg::InWholeAmbiguous, &[("min", min), ("max", max)])
            }
            P::NotWhole { min, max } => lang.fill(Msg::InNotWhole, &[("min", min), ("max", max)]),
            P::NotYear => t(Msg::InNotYear),
            P::NotKm { min, max } => {
                lang.fill(Msg::InNotKm, &[("min", &n(*min)), ("max", &n(*max))])
            }
            P::NotNumber { min, max } => {
                lang.fill(Msg::InNotNumber, &[("min", &n(*min)), ("max", &n(*max))])
            }
            P::Empty(what) => {
                let what = lang.text(what.msg());
                let expected = lang.fill(Msg::InExpected, &[("what", &what)]);
                lang.fill(Msg::InEmptyExpected, &[("expected", &expected)])
            }
            P::EmptyThemes => t(Msg::InEmptyThemes),
            P::SafetyNote { orgs: false } => t(Msg::InSafetyNoteThemes),
            P::SafetyNote { orgs: true } => t(Msg::InSafetyNoteOrgs),
            P::RequestThemesNote => t(Msg::InRequestThemesNote),
            P::HeavyIntensityZero { default } => {
                lang.fill(Msg::InHeavyIntensityZero, &[("default", default)])
            }
            P::OrgIdLostDigits => t(Msg::InOrgIdLostDigits),
            P::OrgNote => t(Msg::InOrgNote),
            P::HalfCoordinates { given } => lang.fill(Msg::InHalfCoordinates, &[("given", given)]),
            P::NotInNetherlands { lat, lon, swapped } => {
                let (la, lo) = (crate::model::places::NL_LAT, crate::model::places::NL_LON);
                let hint = if *swapped {
                    t(Msg::InLatLonSwapped)
                } else {
                    String::new()
                };
                lang.fill(
                    Msg::InNotInNetherlands,
                    &[
                        ("lat", lat),
                        ("lon", lon),
                        ("lat0", &n(*la.start())),
                        ("lat1", &n(*la.end())),
                        ("lon0", &n(*lo.start())),
                        ("lon1", &n(*lo.end())),
                        ("hint", &hint),
                    ],
                )
            }
            P::EmptyPlace => t(Msg::InEmptyPlace),
            P::NoPlaceColumnOnSite => t(Msg::InNoPlaceColumnOnSite),
            P::UnknownPlace(None) => t(Msg::InUnknownPlace),
            P::UnknownPlace(Some((name, province))) => lang.fill(
                Msg::InUnknownPlaceNear,
                &[("name", &format!("{name:?}")), ("province", province)],
            ),
            P::AmbiguousPlace(places) => {
                let list: Vec<String> = places
                    .iter()
                    .map(|(name, province)| format!("{name:?} ({province})"))
                    .collect();
                lang.fill(Msg::InAmbiguousPlace, &[("places", &list.join(", "))])
            }
            P::UnknownExpert(None) => t(Msg::InUnknownExpert),
            P::UnknownExpert(Some(id)) => {
                lang.fill(Msg::InUnknownExpertNear, &[("id", &format!("{id:?}"))])
            }
            P::DuplicateId { first } => lang.fill(Msg::InDuplicateId, &[("first", first)]),
            P::SamePerson { line, id, year } => lang.fill(
                Msg::InSamePerson,
                &[("line", line), ("id", &format!("{id:?}")), ("year", year)],
            ),
            P::NotGenderWish => t(Msg::InNotGenderWish),
            P::OneLanguage => t(Msg::InOneLanguage),
            P::AmbiguousExpert(ids) => {
                lang.fill(Msg::InAmbiguousExpert, &[("ids", &ids.join(", "))])
            }
            P::DuplicateIdRead { first, first_id } => lang.fill(
                Msg::InDuplicateIdRead,
                &[("first", first), ("id", &format!("{first_id:?}"))],
            ),
            P::MissingLocationColumn => t(Msg::InMissingLocationColumn),
            P::NotARole {
                ervaringsdeskundige,
            } => {
                let hint = if *ervaringsdeskundige {
                    t(Msg::InErvaringsdeskundige)
                } else {
                    String::new()
                };
                lang.fill(Msg::InNotARole, &[("hint", &hint)])
            }
            P::NotOneRole => t(Msg::InNotOneRole),
            P::NotHistoryRole => t(Msg::InNotHistoryRole),
            P::NotSlotList => t(Msg::InNotSlotList),
            P::NotSlot => t(Msg::InNotSlot),
            P::NotSupervisionDate => t(Msg::InNotSupervisionDate),
            P::NotCertifiedOnDate => t(Msg::InNotCertifiedOnDate),
            P::NotPriority => t(Msg::InNotPriority),
            P::NotWeek => t(Msg::InNotWeek),
            P::EmptyOrgName => t(Msg::InEmptyOrgName),
            P::CannotRead(why) => lang.fill(Msg::InCannotRead, &[("why", why)]),
            P::NoSheet { wanted, have } => {
                let or = format!(" {} ", lang.text(Msg::InOr));
                lang.fill(
                    Msg::InNoSheet,
                    &[("wanted", &join(wanted, &or)), ("have", &join(have, ", "))],
                )
            }
            P::EmptyTable(required) => {
                lang.fill(Msg::InEmptyTable, &[("columns", &join(required, ", "))])
            }
            P::BadHeaderLine(why) => lang.fill(Msg::InBadHeaderLine, &[("why", why)]),
            P::DuplicateColumn { header, as_column } => {
                let also = as_column
                    .as_ref()
                    .map(|c| lang.fill(Msg::InAsColumn, &[("column", c)]))
                    .unwrap_or_default();
                lang.fill(
                    Msg::InDuplicateColumn,
                    &[("header", header), ("also", &also)],
                )
            }
            P::UnknownColumnNamesBatch { n, header } => lang.fill(
                Msg::InUnknownColumnNamesBatch,
                &[("n", n), ("header", header)],
            ),
            P::UnknownRequestColumnNamesThemes { n, header } => lang.fill(
                Msg::InUnknownRequestColumnNamesThemes,
                &[("n", n), ("header", header)],
            ),
            P::NearMissColumn {
                n,
                header,
                suggestion,
                column,
            } => {
                let also = column
                    .as_ref()
                    .map(|c| format!(" (= {c})"))
                    .unwrap_or_default();
                lang.fill(
                    Msg::InNearMissColumn,
                    &[
                        ("n", n),
                        ("header", header),
                        ("suggestion", suggestion),
                        ("also", &also),
                    ],
                )
            }
            P::NoHeaderLine { line, required } => lang.fill(
                Msg::InNoHeaderLine,
                &[("line", line), ("columns", &join(required, ", "))],
            ),
            P::MissingColumn { name, have } => lang.fill(
                Msg::InMissingColumn,
                &[("column", name), ("have", &join(have, ", "))],
            ),
            P::BadCsv(why) => lang.fill(Msg::InBadCsv, &[("why", why)]),
            P::LongCell { chars, max } => {
                lang.fill(Msg::InLongCell, &[("chars", chars), ("max", max)])
            }
            P::UnclosedQuote { swallowed } => lang.fill(Msg::InUnclosedQuote, &[("n", swallowed)]),
            P::FieldCount {
                got,
                want,
                delimiter,
            } => {
                let d = match delimiter {
                    b'\t' => t(Msg::InTab),
                    d => format!("'{}'", *d as char),
                };
                lang.fill(
                    Msg::InFieldCount,
                    &[("got", got), ("want", want), ("delimiter", &d)],
                )
            }
            P::UndecidedEncoding {
                n,
                header,
                read,
                other,
            } => {
                let name = |e: &Encoding| match e {
                    Encoding::MacRoman => t(Msg::InMacRoman),
                    _ => t(Msg::InWindows1252),
                };
                lang.fill(
                    Msg::InUndecidedEncoding,
                    &[
                        ("n", n),
                        ("header", header),
                        ("read", &name(read)),
                        ("other", &name(other)),
                    ],
                )
            }
            P::BinaryNul { utf16 } => {
                let hint = if *utf16 {
                    t(Msg::InLooksUtf16)
                } else {
                    String::new()
                };
                lang.fill(Msg::InBinaryNul, &[("hint", &hint), ("save", &save_as)])
            }
            P::BomNotUtf8 => lang.fill(Msg::InBomNotUtf8, &[("save", &save_as)]),
            P::BadUtf16 => lang.fill(Msg::InBadUtf16, &[("save", &save_as)]),
            P::ZipNotCsv => lang.fill(Msg::InZipNotCsv, &[("save", &save_as)]),
            P::XlsNotCsv => lang.fill(Msg::InXlsNotCsv, &[("save", &save_as)]),
            P::ControlByte(b) => lang.fill(
                Msg::InControlByte,
                &[("byte", &format!("0x{b:02X}")), ("save", &save_as)],
            ),
            P::MixedEncodings => lang.fill(Msg::InMixedEncodings, &[("save", &save_as)]),
            P::NoBatchSheets {
                experts,
                requests,
                have,
            } => {
                let or = format!(" {} ", lang.text(Msg::InOr));
                let mut want = Vec::new();
                if *experts {
                    want.push(crate::ingest::workbook::EXPERTS_SHEETS.join(&or));
                }
                if *requests {
                    want.push(crate::ingest::workbook::REQUESTS_SHEETS.join(&or));
                }
                lang.fill(
                    Msg::InNoBatchSheets,
                    &[
                        ("wanted", &want.join(lang.text(Msg::InAndNoneNamed))),
                        ("have", &join(have, ", ")),
                    ],
                )
            }
            P::NotInBatch { request: true } => t(Msg::InNotRequestOfBatch),
            P::NotInBatch { request: false } => t(Msg::InNotExpertOfBatch),
            P::NoRequest => t(Msg::InNoRequest),
            P::WorkbookDamaged => t(Msg::InWorkbookDamaged),
            P::WorkbookPassword => t(Msg::InWorkbookPassword),
            P::WorkbookUnreadable(why) => lang.fill(Msg::InWorkbookUnreadable, &[("why", why)]),
            P::WorkbookPartRatio {
                part,
                stored,
                size,
                max,
            } => lang.fill(
                Msg::InWorkbookPartRatio,
                &[
                    ("part", part),
                    ("stored", &mb(lang, *stored)),
                    ("size", &mb(lang, *size)),
                    ("ratio", &(size / (*stored).max(1))),
                    ("max", max),
                ],
            ),
            P::WorkbookTooLarge { size, max } => lang.fill(
                Msg::InWorkbookTooLarge,
                &[("size", &mb(lang, *size)), ("max", &mb(lang, *max))],
            ),
            P::WorkbookStreamTooLarge { mb, max } => {
                lang.fill(Msg::InWorkbookStreamTooLarge, &[("mb", mb), ("max", max)])
            }
            P::NotDecision => t(Msg::InNotDecision),
            P::PairIdUndecidedEncoding => t(Msg::InPairIdUndecidedEncoding),
            P::SafetyFormulaZero => t(Msg::InSafetyFormulaZero),
            P::SafetyErrorValue(c) => lang.fill(
                Msg::InSafetyErrorValue,
                &[("expected", &lang.text(crate::ingest::gate::expected(c)))],
            ),
            P::SafetyNoValue(c) => lang.fill(
                Msg::InSafetyNoValue,
                &[("expected", &lang.text(crate::ingest::gate::expected(c)))],
            ),
            P::PairNoHeader(f) => {
                let what = lang.text(pair_what(*f));
                lang.fill(Msg::InPairNoHeader, &[("what", &what)])
            }
            P::PairMissingColumns {
                file,
                missing,
                have,
            } => {
                let what = lang.text(pair_what(*file));
                let m = if missing.len() == 1 {
                    Msg::InPairMissingColumn
                } else {
                    Msg::InPairMissingColumns
                };
                lang.fill(
                    m,
                    &[
                        ("columns", &join(missing, ", ")),
                        ("what", &what),
                        ("have", &join(have, ", ")),
                    ],
                )
            }
        }
    }
}

impl Problem {
    /// The problem of a place cell that is not one place of the table.
    pub fn from_place_miss(miss: &crate::model::places::PlaceMiss<'_>) -> Problem {
        use crate::model::places::PlaceMiss;
        let named = |p: &crate::model::places::Place| (p.name.to_string(), p.province.to_string());
        match miss {
            PlaceMiss::Unknown(p) => Problem::UnknownPlace(p.map(named)),
            PlaceMiss::Ambiguous(ps) => {
                Problem::AmbiguousPlace(ps.iter().map(|p| named(p)).collect())
            }
        }
    }
}

fn pair_what(f: PairFileKind) -> Msg {
    match f {
        PairFileKind::Assignments => Msg::InPairAssignments,
        PairFileKind::Decisions => Msg::InPairDecisions,
    }
}

// Ranges hold no NaN: every value is a number of the message table's texts.
impl Eq for Problem {}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl From<String> for Problem {
    fn from(s: String) -> Self {
        Problem::Text(s)
    }
}

impl From<&str> for Problem {
    fn from(s: &str) -> Self {
        Problem::Text(s.to_string())
    }
}
