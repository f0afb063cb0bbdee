//! Property: the ledger's per-person operations take a person's rows by their id column only.
//! Over random ledgers (numeric or lettered ids, `not_with` items written as another spelling of
//! an id or as a full name, requests' preferred experts, history rows, numeric cells equal to
//! ids), an access export of X holds no cell of another person's row (no other expert's name,
//! avoided theme or excluded organisation), and after forgetting X nothing in the stored inputs
//! names X while every other row is intact but for the references to X.

use matchpunt_ledger::{InputFile, Ledger, NewRun};
use proptest::prelude::*;

/// One random batch: `n` experts, each one's `not_with` items (other expert, how it is
/// written), requests' preferred experts, history rows (expert, intensity).
#[derive(Clone, Debug)]
struct Batch {
    numeric: bool,
    /// A Dutch coordinator's files: Dutch headers, `;`, CRLF and a byte-order mark.
    dutch: bool,
    n: usize,
    not_with: Vec<Vec<(usize, u8)>>,
    limits: Vec<u8>,
    preferred: Vec<Vec<usize>>,
    history: Vec<(usize, u8)>,
}

fn batch() -> impl Strategy<Value = Batch> {
    (any::<bool>(), any::<bool>(), 2usize..7).prop_flat_map(|(numeric, dutch, n)| {
        (
            proptest::collection::vec(proptest::collection::vec((0..n, 0u8..4), 0..3), n),
            proptest::collection::vec(1u8..4, n),
            proptest::collection::vec(proptest::collection::vec(0..n, 0..3), 1..4),
            proptest::collection::vec((0..n, 1u8..4), 0..6),
        )
            .prop_map(move |(not_with, limits, preferred, history)| Batch {
                numeric,
                dutch,
                n,
                not_with,
                limits,
                preferred,
                history,
            })
    })
}

/// Letters that no other expert's token holds: a, b, c... (never a digit).
fn letter(i: usize) -> char {
    (b'a' + i as u8) as char
}

impl Batch {
    fn id(&self, i: usize) -> String {
        if self.numeric {
            format!("{}", i + 1)
        } else {
            format!("E{}", i + 1)
        }
    }
    /// Another spelling of the id that the rest of matchpunt reads as it.
    fn spelling(&self, i: usize) -> String {
        if self.numeric {
            format!("nr. {}", i + 1)
        } else {
            format!("E0{}", i + 1)
        }
    }
    fn name(&self, i: usize) -> String {
        format!("Naam Zq{}", letter(i))
    }
    /// The tokens of expert i's health data.
    fn tokens(&self, i: usize) -> [String; 3] {
        let l = letter(i);
        [self.name(i), format!("zqavoid{l}"), format!("Zqorg{l}")]
    }
    /// How expert i's `not_with` names j: the id, another spelling, the full name, or the
    /// surname alone.
    fn reference(&self, j: usize, how: u8) -> String {
        match how {
            0 => self.id(j),
            1 => self.spelling(j),
            2 => self.name(j),
            _ => format!("Zq{}", letter(j)),
        }
    }
    fn not_with_cell(&self, i: usize, without: Option<usize>) -> String {
        let items: Vec<String> = self.not_with[i]
            .iter()
            .filter(|(j, _)| *j != i && Some(*j) != without)
            .map(|(j, how)| self.reference(*j, *how))
            .collect();
        items.join("|")
    }
    fn expert_row(&self, i: usize, without: Option<usize>) -> Vec<String> {
        let [name, avoid, org] = self.tokens(i);
        vec![
            self.id(i),
            name,
            "buddy".into(),
            "angst".into(),
            avoid,
            org,
            self.limits[i].to_string(),
            self.not_with_cell(i, without),
        ]
    }
    fn request_row(&self, r: usize, without: Option<usize>) -> Vec<String> {
        let items: Vec<String> = self.preferred[r]
            .iter()
            .filter(|j| Some(**j) != without)
            .map(|j| self.id(*j))
            .collect();
        vec![
            format!("R{}", r + 1),
            "Org".into(),
            "buddy".into(),
            "angst".into(),
            "2".into(),
            items.join("|"),
        ]
    }
    fn history_row(&self, h: usize) -> Vec<String> {
        let (e, k) = self.history[h];
        vec![
            "2026-W47".into(),
            self.id(e),
            "Org".into(),
            "buddy".into(),
            k.to_string(),
        ]
    }
    fn files(&self) -> Vec<InputFile> {
        let dutch = self.dutch;
        let csv = |header: &str, rows: Vec<Vec<String>>| {
            let (d, term, bom) = if dutch {
                (b';', csv::Terminator::CRLF, "\u{feff}")
            } else {
                (b',', csv::Terminator::Any(b'\n'), "")
            };
            let mut w = csv::WriterBuilder::new()
                .delimiter(d)
                .terminator(term)
                .from_writer(bom.as_bytes().to_vec());
            w.write_record(header.split(',')).unwrap();
            for r in rows {
                w.write_record(&r).unwrap();
            }
            w.into_inner().unwrap()
        };
        let [experts, requests, history] = if dutch {
            [
                "id,naam,rollen,thema's,vermijd_thema's,uitgesloten_organisaties,max_opdrachten,niet_samen_met",
                "aanvraag_id,organisatie,rol,thema's,intensiteit,voorkeur_deskundige",
                "week,deskundige,organisatie,rol,intensiteit",
            ]
        } else {
            [
                "id,name,roles,themes,avoid_themes,excluded_orgs,max_assignments,not_with",
                "id,org,role,themes,intensity,preferred_expert",
                "week,expert,org,role,intensity",
            ]
        };
        let file = |kind: &str, bytes| InputFile {
            kind: kind.into(),
            name: format!("{kind}.csv"),
            bytes,
        };
        vec![
            file(
                "experts",
                csv(
                    experts,
                    (0..self.n).map(|i| self.expert_row(i, None)).collect(),
                ),
            ),
            file(
                "requests",
                csv(
                    requests,
                    (0..self.preferred.len())
                        .map(|r| self.request_row(r, None))
                        .collect(),
                ),
            ),
            file(
                "history",
                csv(
                    history,
                    (0..self.history.len())
                        .map(|h| self.history_row(h))
                        .collect(),
                ),
            ),
        ]
    }
}

/// The body rows of a stored CSV input (either dialect).
fn body(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes)
        .unwrap()
        .trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("");
    let d = if first.contains(';') { b';' } else { b',' };
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(d)
        .from_reader(text.as_bytes());
    r.records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn export_holds_only_the_persons_rows_and_forget_only_their_references(
        b in batch(),
        pick in 0usize..7,
    ) {
        let x = pick % b.n;
        let dir = tempfile::tempdir().unwrap();
        let mut l = Ledger::init(&dir.path().join("l.sqlite"), "t").unwrap();
        l.record_run(&NewRun {
            week: "2026-W48".into(),
            inputs: b.files(),
            ..NewRun::default()
        })
        .unwrap();

        // The export: X's rows, whole, and nothing of anybody else's.
        let d = l.expert_data(&b.id(x)).unwrap();
        let of = |kind: &str| -> Vec<Vec<String>> {
            d.inputs.iter().filter(|i| i.kind == kind).flat_map(|i| i.rows.clone()).collect()
        };
        prop_assert_eq!(of("experts"), vec![b.expert_row(x, None)]);
        let history: Vec<Vec<String>> = (0..b.history.len())
            .filter(|h| b.history[*h].0 == x)
            .map(|h| b.history_row(h))
            .collect();
        prop_assert_eq!(of("history"), history);
        for r in of("requests") {
            prop_assert!(
                r[5].split('|').all(|item| item == b.id(x)),
                "a request row keeps only X's item: {:?}", r
            );
        }
        let shown = format!("{:?}", d.inputs);
        // Another expert's name may stand in X's own `not_with` (X's data); their avoided
        // theme and excluded organisation never.
        let own = b.expert_row(x, None).join(",");
        for i in (0..b.n).filter(|i| *i != x) {
            for t in b.tokens(i).into_iter().filter(|t| !own.contains(t.as_str())) {
                prop_assert!(!shown.contains(&t), "{} of expert {} in X's export", t, i);
            }
        }
        // Another spelling of the id is the same person.
        prop_assert_eq!(&l.expert_data(&b.spelling(x)).unwrap().inputs, &d.inputs);

        // The forget: X's rows gone, references to X gone, everything else as it was.
        l.forget(&b.id(x)).unwrap();
        let stored = l.run_inputs(1).unwrap();
        let experts: Vec<Vec<String>> =
            (0..b.n).filter(|i| *i != x).map(|i| b.expert_row(i, Some(x))).collect();
        prop_assert_eq!(body(&stored[0].bytes), experts);
        let requests: Vec<Vec<String>> =
            (0..b.preferred.len()).map(|r| b.request_row(r, Some(x))).collect();
        prop_assert_eq!(body(&stored[1].bytes), requests);
        let history: Vec<Vec<String>> = (0..b.history.len())
            .filter(|h| b.history[*h].0 != x)
            .map(|h| b.history_row(h))
            .collect();
        prop_assert_eq!(body(&stored[2].bytes), history);
        for f in &stored {
            let text = String::from_utf8_lossy(&f.bytes);
            for t in b.tokens(x) {
                prop_assert!(!text.contains(&t), "{} still in {}", t, f.kind);
            }
        }
        prop_assert!(l.expert_data(&b.id(x)).is_err(), "X still resolves");
    }
}

/// A person with no row of their own left (never stored, or purged) whom another expert's
/// `not_with` still names: forget removes the reference; an id nobody names is refused.
#[test]
fn forget_erases_a_reference_without_an_own_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = Ledger::init(&dir.path().join("l.sqlite"), "t").unwrap();
    let experts =
        "id;naam;rollen;niet_samen_met\nE1;Anna de Vries;maatje;E3|E2\nE2;Bram Jansen;maatje;\n";
    l.record_run(&NewRun {
        week: "2026-W48".into(),
        inputs: vec![InputFile {
            kind: "experts".into(),
            name: "experts.csv".into(),
            bytes: experts.as_bytes().to_vec(),
        }],
        ..NewRun::default()
    })
    .unwrap();
    assert!(
        l.expert_data("E3").is_err(),
        "nothing of E3's own to export"
    );
    assert!(l.forget("E9").is_err(), "nobody names E9");
    l.forget("E03").unwrap();
    let stored = String::from_utf8(l.run_inputs(1).unwrap()[0].bytes.clone()).unwrap();
    assert_eq!(
        stored,
        "id;naam;rollen;niet_samen_met\nE1;Anna de Vries;maatje;E2\nE2;Bram Jansen;maatje;\n"
    );
}
