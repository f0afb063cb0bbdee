//! The kinds of [`Problem`] counted and sampled, for the test that every kind has a text in
//! both languages (kept apart from the texts, which are what a reader sees).

use super::problem::{Expected, PairFileKind, Problem};
use crate::ingest::decode::Encoding;

impl Problem {
    /// How many kinds there are ([`Problem::kind_index`] is below it).
    pub const KINDS: usize = 78;

    /// The kind's number, from 0 to [`Problem::KINDS`] - 1 (a variant's cases with different
    /// texts count apart). For a test that every kind renders in every language.
    pub fn kind_index(&self) -> usize {
        use Problem as P;
        match self {
            P::Text(_) => 0,
            P::NoColumn(..) => 1,
            P::NotBool { x_ambiguous: false } => 2,
            P::NotBool { x_ambiguous: true } => 3,
            P::EmptyBool => 4,
            P::WholeAmbiguous { .. } => 5,
            P::NotWhole { .. } => 6,
            P::NotYear => 7,
            P::NotKm { .. } => 8,
            P::NotNumber { .. } => 9,
            P::Empty(_) => 10,
            P::EmptyThemes => 11,
            P::SafetyNote { orgs: false } => 70,
            P::SafetyNote { orgs: true } => 71,
            P::OrgIdLostDigits => 72,
            P::HalfCoordinates { .. } => 12,
            P::NotInNetherlands { swapped: false, .. } => 13,
            P::NotInNetherlands { swapped: true, .. } => 14,
            P::EmptyPlace => 15,
            P::NoPlaceColumnOnSite => 16,
            P::UnknownPlace(None) => 17,
            P::UnknownPlace(Some(_)) => 18,
            P::AmbiguousPlace(_) => 19,
            P::UnknownExpert(None) => 20,
            P::UnknownExpert(Some(_)) => 21,
            P::DuplicateId { .. } => 22,
            P::AmbiguousExpert(_) => 73,
            P::DuplicateIdRead { .. } => 74,
            P::SamePerson { .. } => 75,
            P::NotGenderWish => 76,
            P::OneLanguage => 77,
            P::MissingLocationColumn => 23,
            P::NotARole {
                ervaringsdeskundige: false,
            } => 24,
            P::NotARole {
                ervaringsdeskundige: true,
            } => 25,
            P::NotOneRole => 26,
            P::NotHistoryRole => 27,
            P::NotSlotList => 28,
            P::NotSlot => 29,
            P::NotSupervisionDate => 30,
            P::NotCertifiedOnDate => 31,
            P::NotPriority => 32,
            P::NotWeek => 33,
            P::EmptyOrgName => 34,
            P::CannotRead(_) => 35,
            P::NoSheet { .. } => 36,
            P::EmptyTable(_) => 37,
            P::BadHeaderLine(_) => 38,
            P::DuplicateColumn { .. } => 39,
            P::NearMissColumn { .. } => 40,
            P::NoHeaderLine { .. } => 41,
            P::MissingColumn { .. } => 42,
            P::BadCsv(_) => 43,
            P::LongCell { .. } => 44,
            P::FieldCount { .. } => 45,
            P::UndecidedEncoding { .. } => 46,
            P::BinaryNul { .. } => 47,
            P::BomNotUtf8 => 48,
            P::BadUtf16 => 49,
            P::ZipNotCsv => 50,
            P::XlsNotCsv => 51,
            P::ControlByte(_) => 52,
            P::MixedEncodings => 53,
            P::PairNoHeader(_) | P::PairMissingColumns { .. } => 54,
            P::SafetyFormulaZero => 55,
            P::SafetyErrorValue(_) => 56,
            P::SafetyNoValue(_) => 57,
            P::NoRequest => 58,
            P::NotDecision => 59,
            P::PairIdUndecidedEncoding => 60,
            P::NoBatchSheets { .. } => 61,
            P::NotInBatch { request: true } => 62,
            P::NotInBatch { request: false } => 63,
            P::WorkbookDamaged => 64,
            P::WorkbookPassword => 65,
            P::WorkbookUnreadable(_) => 66,
            P::WorkbookPartRatio { .. } => 67,
            P::WorkbookTooLarge { .. } => 68,
            P::WorkbookStreamTooLarge { .. } => 69,
        }
    }

    /// One problem of every kind (every [`Problem::kind_index`]), with made-up values: for tests
    /// that every kind renders in both languages.
    pub fn samples() -> Vec<Problem> {
        use Problem as P;
        let s = |x: &str| x.to_string();
        let mut out = vec![
            P::Text(s("a text from a library")),
            P::NoColumn(s("place"), Box::new(P::EmptyPlace)),
            P::NotBool { x_ambiguous: false },
            P::NotBool { x_ambiguous: true },
            P::EmptyBool,
            P::WholeAmbiguous { min: 0, max: 50 },
            P::NotWhole { min: 0, max: 50 },
            P::NotYear,
            P::NotKm {
                min: 0.0,
                max: 1000.0,
            },
            P::NotNumber {
                min: -90.0,
                max: 90.0,
            },
            P::EmptyThemes,
            P::SafetyNote { orgs: false },
            P::SafetyNote { orgs: true },
            P::OrgIdLostDigits,
            P::HalfCoordinates { given: "lon" },
            P::NotInNetherlands {
                lat: 5.1,
                lon: 52.1,
                swapped: true,
            },
            P::NotInNetherlands {
                lat: 40.0,
                lon: 3.0,
                swapped: false,
            },
            P::EmptyPlace,
            P::NoPlaceColumnOnSite,
            P::UnknownPlace(None),
            P::UnknownPlace(Some((s("Utrecht"), s("Utrecht")))),
            P::AmbiguousPlace(vec![
                (s("Bergen"), s("Noord-Holland")),
                (s("Bergen"), s("Limburg")),
            ]),
            P::UnknownExpert(None),
            P::UnknownExpert(Some(s("E0001"))),
            P::DuplicateId { first: 2 },
            P::AmbiguousExpert(vec![s("E1"), s("E3")]),
            P::NotGenderWish,
            P::OneLanguage,
            P::SamePerson {
                line: 2,
                id: s("E1"),
                year: 2001,
            },
            P::DuplicateIdRead {
                first: 2,
                first_id: s("E1"),
            },
            P::MissingLocationColumn,
            P::NotARole {
                ervaringsdeskundige: false,
            },
            P::NotARole {
                ervaringsdeskundige: true,
            },
            P::NotOneRole,
            P::NotHistoryRole,
            P::NotSlotList,
            P::NotSlot,
            P::NotSupervisionDate,
            P::NotCertifiedOnDate,
            P::NotPriority,
            P::NotWeek,
            P::EmptyOrgName,
            P::CannotRead(s("permission denied")),
            P::NoSheet {
                wanted: vec![s("experts"), s("deskundigen")],
                have: vec![s("Blad1")],
            },
            P::EmptyTable(vec![s("id"), s("roles")]),
            P::BadHeaderLine(s("invalid")),
            P::DuplicateColumn {
                header: s("rollen"),
                as_column: Some(s("roles")),
            },
            P::NearMissColumn {
                n: 3,
                header: s("avoid_theme"),
                suggestion: s("avoid_themes"),
                column: None,
            },
            P::NoHeaderLine {
                line: 1,
                required: vec![s("id"), s("roles")],
            },
            P::MissingColumn {
                name: s("roles"),
                have: vec![s("id"), s("name")],
            },
            P::BadCsv(s("invalid")),
            P::LongCell {
                chars: 40_000,
                max: 32_767,
            },
            P::FieldCount {
                got: 5,
                want: 6,
                delimiter: b'\t',
            },
            P::UndecidedEncoding {
                n: 5,
                header: s("avoid_themes"),
                read: Encoding::Windows1252,
                other: Encoding::MacRoman,
            },
            P::BinaryNul { utf16: true },
            P::BomNotUtf8,
            P::BadUtf16,
            P::ZipNotCsv,
            P::XlsNotCsv,
            P::ControlByte(7),
            P::MixedEncodings,
            P::PairMissingColumns {
                file: PairFileKind::Decisions,
                missing: vec![s("decision")],
                have: vec![s("request"), s("expert")],
            },
            P::PairNoHeader(PairFileKind::Assignments),
            P::NoBatchSheets {
                experts: false,
                requests: true,
                have: vec![s("experts"), s("Blad2")],
            },
            P::NotInBatch { request: true },
            P::NotInBatch { request: false },
            P::NoRequest,
            P::NotDecision,
            P::PairIdUndecidedEncoding,
            P::SafetyFormulaZero,
            P::SafetyErrorValue("excluded_orgs"),
            P::SafetyNoValue("avoid_themes"),
            P::WorkbookDamaged,
            P::WorkbookPassword,
            P::WorkbookUnreadable(s("invalid zip header")),
            P::WorkbookPartRatio {
                part: s("xl/worksheets/sheet1.xml"),
                stored: 1_048_576,
                size: 2_000_000_000,
                max: 1000,
            },
            P::WorkbookTooLarge {
                size: 900_000_000,
                max: 400_000_000,
            },
            P::WorkbookStreamTooLarge { mb: 900, max: 400 },
        ];
        for e in [
            Expected::UniqueId,
            Expected::Roles,
            Expected::RequestingOrg,
            Expected::OneRole,
            Expected::ExpertId,
            Expected::AnOrg,
            Expected::RequestId,
        ] {
            out.push(P::Empty(e));
        }
        out
    }
}
