//! Encodings by evidence: one batch written in every encoding and form a coordinator's
//! spreadsheet may save (UTF-8 with and without a byte-order mark, Windows-1252 `;` with decimal
//! commas, Mac Roman `;` with CR line ends and decimal commas, UTF-16 little- and big-endian with
//! and without a byte-order mark) reads as the same instance, or, where the single-byte bytes
//! leave the encoding open, is refused with a hint: never a different instance.

use matchpunt::model::Instance;
use matchpunt::policy::Policy;
use proptest::prelude::*;
use proptest::strategy::ValueTree;

const NAMES: &[&str] = &[
    "Zoë",
    "Anaïs",
    "Chloë",
    "Noël",
    "Sem",
    "Jan",
    "Renée",
    "Ömer",
    "Françoise",
    "Lotte",
    "Daan",
    "Joëlle",
    "Inès",
    "Björn",
    "Thijs",
];
const ORGS: &[&str] = &[
    "Coöperatie Zorgbreed",
    "Jeugdhulp 's-Hertogenbosch",
    "Stichting Zoë",
    "Café Ümit",
    "Reclassering",
    "Gemeente Utrecht",
    "Crèche Ons Hûs",
    "Françoise Zorg",
    "Buurthuis De Brug",
    "Zorgboerderij Één",
];
const THEMES: &[&str] = &[
    "pesten",
    "suïcidaliteit",
    "rouw",
    "eetstoornis",
    "geweld",
    "scheiding",
    "zelfbeschadiging",
    "financiële zorgen",
];
const PLACES: &[&str] = &["Utrecht", "Amsterdam", "'s-Hertogenbosch", "Zeist"];

/// An expert: (name, place, travel in tenths of km, themes, avoided themes, excluded orgs).
type ExpertRow = (usize, usize, u32, Vec<usize>, Vec<usize>, Vec<usize>);

#[derive(Clone, Debug)]
struct Batch {
    experts: Vec<ExpertRow>,
    /// (org, place, themes)
    requests: Vec<(usize, usize, Vec<usize>)>,
    ascii: bool,
}

fn batch() -> impl Strategy<Value = Batch> {
    let pick = |n: usize, max: usize| prop::collection::vec(0..n, 0..=max);
    let expert = (
        0..NAMES.len(),
        0..PLACES.len(),
        10u32..500,
        prop::collection::vec(0..THEMES.len(), 1..3),
        pick(THEMES.len(), 2),
        pick(ORGS.len(), 2),
    );
    let request = (
        0..ORGS.len(),
        0..PLACES.len(),
        prop::collection::vec(0..THEMES.len(), 1..3),
    );
    (
        prop::collection::vec(expert, 1..8),
        prop::collection::vec(request, 1..8),
        any::<bool>(),
    )
        .prop_map(|(experts, requests, ascii)| Batch {
            experts,
            requests,
            ascii,
        })
}

/// Text with its diacritics dropped, for the ASCII-only batches.
fn fold(s: &str, ascii: bool) -> String {
    if !ascii {
        return s.to_string();
    }
    s.chars()
        .map(|c| match c {
            'é' | 'è' | 'ë' => 'e',
            'É' => 'E',
            'ï' => 'i',
            'ö' => 'o',
            'Ö' => 'O',
            'ü' | 'û' => 'u',
            'Ü' => 'U',
            'ç' => 'c',
            _ => c,
        })
        .collect()
}

/// The batch's two files as text: `sep` between cells, `decimal` in the travel distance.
fn texts(b: &Batch, sep: &str, decimal: &str, eol: &str) -> (String, String) {
    let list = |v: &[usize], of: &[&str]| {
        let mut v: Vec<&str> = v.iter().map(|&i| of[i]).collect();
        v.dedup();
        fold(&v.join("|"), b.ascii)
    };
    let mut e = [
        "id",
        "name",
        "roles",
        "certified",
        "themes",
        "place",
        "availability",
        "max_travel_km",
        "avoid_themes",
        "excluded_orgs",
    ]
    .join(sep);
    e.push_str(eol);
    for (i, (name, place, tenths, themes, avoid, excl)) in b.experts.iter().enumerate() {
        let km = format!("{}{decimal}{}", tenths / 10, tenths % 10);
        let cells = [
            format!("E{i}"),
            fold(NAMES[*name], b.ascii),
            "speaker".into(),
            "yes".into(),
            list(themes, THEMES),
            PLACES[*place].into(),
            "*".into(),
            km,
            list(avoid, THEMES),
            list(excl, ORGS),
        ];
        e.push_str(&cells.join(sep));
        e.push_str(eol);
    }
    let mut r = ["id", "org", "role", "themes", "place", "slot"].join(sep);
    r.push_str(eol);
    for (i, (org, place, themes)) in b.requests.iter().enumerate() {
        let cells = [
            format!("R{i}"),
            fold(ORGS[*org], b.ascii),
            "speaker".into(),
            list(themes, THEMES),
            PLACES[*place].into(),
            "mon-am".into(),
        ];
        r.push_str(&cells.join(sep));
        r.push_str(eol);
    }
    (e, r)
}

fn single_byte(s: &str, enc: &'static encoding_rs::Encoding) -> Vec<u8> {
    let (bytes, _, unmappable) = enc.encode(s);
    assert!(!unmappable, "{s}");
    bytes.into_owned()
}

fn utf16(s: &str, big: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = bom.then_some(0xFEFF).into_iter().chain(s.encode_utf16());
    for u in units {
        out.extend(if big {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

/// The instance as compared: experts, requests, and the names behind theme, organisation and
/// language ids (an interner's hash map has no fixed order).
fn canon(i: &Instance) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        i.experts,
        i.requests,
        i.themes.names(),
        i.orgs.names(),
        i.languages.names(),
        i.week
    )
}

fn read(experts: &[u8], requests: &[u8]) -> Result<Instance, String> {
    crate::common::read(experts, requests, None, &Policy::default())
        .map(|l| l.instance)
        .map_err(|e| e.to_string())
}

/// Every form of the batch: (label, experts bytes, requests bytes, may be refused).
fn forms(b: &Batch) -> Vec<(&'static str, Vec<u8>, Vec<u8>, bool)> {
    let (e, r) = texts(b, ",", ".", "\n");
    let (en, rn) = texts(b, ";", ",", "\r\n");
    let (em, rm) = texts(b, ";", ",", "\r");
    let bom = |s: &str| [b"\xEF\xBB\xBF".as_slice(), s.as_bytes()].concat();
    vec![
        ("utf-8 bom", bom(&e), bom(&r), false),
        (
            "windows-1252 ;",
            single_byte(&en, encoding_rs::WINDOWS_1252),
            single_byte(&rn, encoding_rs::WINDOWS_1252),
            true,
        ),
        (
            "mac roman ;",
            single_byte(&em, encoding_rs::MACINTOSH),
            single_byte(&rm, encoding_rs::MACINTOSH),
            true,
        ),
        (
            "utf-16 le bom",
            utf16(&e, false, true),
            utf16(&r, false, true),
            false,
        ),
        (
            "utf-16 be bom",
            utf16(&e, true, true),
            utf16(&r, true, true),
            false,
        ),
        (
            "utf-16 le",
            utf16(&e, false, false),
            utf16(&r, false, false),
            false,
        ),
        (
            "utf-16 be",
            utf16(&e, true, false),
            utf16(&r, true, false),
            false,
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]
    /// The differential test: every form reads as the UTF-8 file does, or (a single-byte
    /// form whose bytes leave the encoding open) is refused with the hint to save as CSV UTF-8.
    #[test]
    fn every_encoding_reads_the_same_batch_or_is_refused(b in batch()) {
        let (e, r) = texts(&b, ",", ".", "\n");
        let want = canon(&read(e.as_bytes(), r.as_bytes()).unwrap());
        for (label, eb, rb, may_refuse) in forms(&b) {
            match read(&eb, &rb) {
                Ok(inst) => prop_assert_eq!(&canon(&inst), &want, "{}", label),
                Err(msg) => {
                    prop_assert!(may_refuse, "{label}: {msg}");
                    prop_assert!(msg.contains("save the file as \"CSV UTF-8\""), "{label}: {msg}");
                    prop_assert!(!b.ascii, "{label}: an ASCII batch refused: {msg}");
                }
            }
        }
    }
}

/// How often a single-byte form is refused rather than read: the evidence must decide the
/// ordinary Dutch batch (at most 1 in 20 refused), or the refusal would be a nuisance; what it
/// reads must be the batch.
#[test]
fn the_evidence_decides_most_dutch_batches() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut tried, mut refused) = (0, 0);
    // What the reader before the evidence did with the Mac Roman files: read them as
    // Windows-1252 (a different batch), or refuse a byte 1252 leaves undefined as binary.
    let (mut mac, mut mac_misread_before, mut mac_binary_before) = (0, 0, 0);
    for _ in 0..300 {
        let b = batch().new_tree(&mut runner).unwrap().current();
        if b.ascii {
            continue;
        }
        for (label, eb, rb, may_refuse) in forms(&b) {
            if label.starts_with("mac") && !(eb.is_ascii() && rb.is_ascii()) {
                mac += 1;
                let undefined = [&eb, &rb].iter().any(|f| {
                    f.iter()
                        .any(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
                });
                if undefined {
                    mac_binary_before += 1;
                } else {
                    mac_misread_before += 1;
                }
            }
            if may_refuse {
                tried += 1;
                match read(&eb, &rb) {
                    Err(_) => {
                        refused += 1;
                        eprintln!("{label} refused: {b:?}");
                    }
                    Ok(inst) => {
                        let (e, r) = texts(&b, ",", ".", "\n");
                        let want = canon(&read(e.as_bytes(), r.as_bytes()).unwrap());
                        assert_eq!(canon(&inst), want, "{label} misread");
                    }
                }
            }
        }
    }
    assert!(refused * 20 <= tried, "{refused} of {tried} refused");
    eprintln!("{refused} of {tried} single-byte files refused");
    eprintln!(
        "Mac Roman files beyond ASCII: {mac}; before: {mac_misread_before} read as Windows-1252, {mac_binary_before} refused as binary"
    );
}

/// One accented letter whose two readings are both plausible (`ZOË` in capitals: Ë in
/// Windows-1252, À in Mac Roman) in an excluded organisation: refused, naming the cell, never
/// read as the other organisation.
#[test]
fn an_undecidable_safety_cell_is_refused_naming_the_line() {
    let experts = "id;name;roles;certified;themes;place;availability;excluded_orgs\r\nE1;Anna;speaker;yes;pesten;Utrecht;*;STICHTING ZOË\r\n";
    let requests =
        "id;org;role;themes;place;slot\r\nR1;Gemeente Utrecht;speaker;pesten;Utrecht;mon-am\r\n";
    let e = read(
        &single_byte(experts, encoding_rs::WINDOWS_1252),
        requests.as_bytes(),
    )
    .unwrap_err();
    assert!(e.contains("experts.csv:2"), "{e}");
    assert!(e.contains("'excluded_orgs'"), "{e}");
    assert!(e.contains("Mac Roman"), "{e}");
    assert!(!e.contains("ZO"), "the value is not repeated: {e}");
}
