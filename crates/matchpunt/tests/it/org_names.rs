//! One identity for organisations (issue 19): an exclusion written the way people say the name
//! keeps the expert from that organisation, through the real ingest and eligibility, in a batch
//! and for the inline request of `suggest` and the web form ([`ingest::parse_request`]); another
//! town's organisation stays eligible.

use crate::common::{loaded as load, week48 as week};
use matchpunt::eligibility::{self, Reason};
use matchpunt::ingest::{self, InputErrors, Inputs, Loaded, Source};
use matchpunt::model::Instance;
use matchpunt::names::org::{self, Match};
use matchpunt::policy::Policy;
use proptest::prelude::*;

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// An experts file: one speaker in Utrecht per `excluded_orgs` cell, `E1`, `E2`, ...
pub(crate) fn experts(cells: &[&str]) -> String {
    let mut e = String::from("id,roles,certified,themes,place,availability,excluded_orgs\n");
    for (i, c) in cells.iter().enumerate() {
        e.push_str(&format!(
            "E{},speaker,yes,pesten,Utrecht,*,{}\n",
            i + 1,
            quoted(c)
        ));
    }
    e
}

/// A requests file: one speaker request in Utrecht per organisation, `R1`, `R2`, ...
pub(crate) fn requests(orgs: &[&str]) -> String {
    let mut r = String::from("id,org,role,themes,place\n");
    for (i, o) in orgs.iter().enumerate() {
        r.push_str(&format!(
            "R{},{},speaker,pesten,Utrecht\n",
            i + 1,
            quoted(o)
        ));
    }
    r
}

pub(crate) fn org_refused(i: &Instance, e: usize, r: usize) -> bool {
    eligibility::check(i, &Policy::default(), &i.requests[r], &i.experts[e])
        .contains(Reason::ExcludedOrg)
}

/// The inline request of `suggest --org` and the web form, for a speaker in Utrecht at `org`,
/// added to the batch; its index.
pub(crate) fn inline(i: &mut Instance, org: &str) -> (usize, Vec<String>) {
    let cells = [
        ("id", "phone"),
        ("org", org),
        ("role", "speaker"),
        ("themes", "pesten"),
        ("place", "Utrecht"),
    ];
    let (r, w) = ingest::parse_request(
        &cells,
        "the request options",
        crate::common::places(),
        &Policy::default(),
        i,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    i.requests.push(r);
    (
        i.requests.len() - 1,
        w.iter().map(|w| w.to_string()).collect(),
    )
}

/// The issue's spellings: (the expert's exclusion, the request's organisation, the match).
const TEN: [(&str, &str, Match); 10] = [
    (
        "Jeugdhulp Utrecht",
        "Stichting Jeugdhulp Utrecht",
        Match::Same,
    ),
    (
        "Stg. Jeugdhulp Utrecht",
        "Stichting Jeugdhulp Utrecht",
        Match::Same,
    ),
    (
        "Stichting Jeugdhulp Utrecht",
        "Stg. Jeugdhulp Utrecht",
        Match::Same,
    ),
    ("Kwintes", "Kwintes B.V.", Match::Same),
    ("GGZ-Centraal", "GGZ Centraal Amersfoort", Match::Contained),
    (
        "Zorg en Welzijn Utrecht",
        "Zorg & Welzijn Utrecht",
        Match::Same,
    ),
    ("Rading", "De Rading", Match::Same),
    ("Stichting Pluryn", "Pluryn", Match::Same),
    ("St. Timon", "Stichting Timon", Match::Same),
    ("Altrecht", "Altrecht GGZ", Match::Contained),
];

#[test]
fn the_issues_ten_spellings_match() {
    for (exclusion, org, want) in TEN {
        assert_eq!(org::excludes(exclusion, org), want, "{exclusion} / {org}");
        assert_eq!(org::excludes(org, exclusion), want, "{org} / {exclusion}");
    }
    assert_eq!(
        org::excludes("Jeugdhulp Amersfoort", "Stichting Jeugdhulp Utrecht"),
        Match::No
    );
}

#[test]
fn the_issues_ten_spellings_exclude_in_a_batch_and_inline() {
    // Experts E1..E10 exclude the spellings; E11 excludes another town's organisation. Each
    // request's organisation appears once (R3 and R2's spellings name one organisation).
    let mut cells: Vec<&str> = TEN.iter().map(|t| t.0).collect();
    cells.push("Jeugdhulp Amersfoort");
    let orgs: Vec<&str> = TEN.iter().map(|t| t.1).collect();
    let l = load(&experts(&cells), &requests(&orgs));
    let i = &l.instance;
    for (k, (exclusion, org, _)) in TEN.iter().enumerate() {
        assert!(
            org_refused(i, k, k),
            "E{} ({exclusion}) at R{} ({org})",
            k + 1,
            k + 1
        );
    }
    for (r, org) in orgs.iter().enumerate() {
        assert!(
            !org_refused(i, 10, r),
            "E11 (Jeugdhulp Amersfoort) at {org}"
        );
    }
    // One warning per row, only for the two matches that are not the same canonical name.
    let w = ingest::safe_side_warnings(&l.safe_side_cells);
    assert_eq!(w.len(), 2, "{w:#?}");
    assert!(w[0].starts_with("experts.csv:6: expert E5:"), "{}", w[0]);
    let pairs: Vec<(&str, &str)> = l
        .safe_side_orgs
        .iter()
        .map(|o| (o.written.as_str(), o.org.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("GGZ-Centraal", "GGZ Centraal Amersfoort"),
            ("Altrecht", "Altrecht GGZ")
        ]
    );
    assert!(w[1].starts_with("experts.csv:11: expert E10:"), "{}", w[1]);
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);

    // Inline: the same organisations said on the phone, against a batch that does not have them.
    let l = load(&experts(&cells), &requests(&["Gemeente Ede"]));
    for (k, (exclusion, org, m)) in TEN.iter().enumerate() {
        let mut i = l.instance.clone();
        let (r, w) = inline(&mut i, org);
        assert!(
            org_refused(&i, k, r),
            "E{} ({exclusion}) at {org} inline",
            k + 1
        );
        assert!(!org_refused(&i, 10, r), "E11 at {org} inline");
        // Whatever the match, the phone path says nothing of who was kept away or why.
        let _ = m;
        assert!(w.is_empty(), "{org}: {w:?}");
    }
}

#[test]
fn an_org_id_excludes_whatever_the_name() {
    let e = "id,roles,certified,themes,place,availability,excluded_orgs,excluded_org_ids\n\
             E1,speaker,yes,pesten,Utrecht,*,,12345678\n\
             E2,speaker,yes,pesten,Utrecht,*,,\n";
    let r = "id,org,org_id,role,themes,place\n\
             R1,Zorgaanbieder Midden,12345678,speaker,pesten,Utrecht\n\
             R2,Zorgaanbieder Midden Nederland,,speaker,pesten,Utrecht\n\
             R3,Iets Anders,87654321,speaker,pesten,Utrecht\n";
    let l = load(e, r);
    let i = &l.instance;
    assert!(org_refused(i, 0, 0));
    // Another request without an id whose name holds the id's organisation's name is excluded
    // on the safe side, as it would be had the name been written (the fifth new-user trial: an
    // exclusion by id covers every name the batch gives that id, read as names are).
    assert!(
        org_refused(i, 0, 1),
        "a longer name of the id's organisation, without the id"
    );
    assert!(!org_refused(i, 0, 2));
    assert!(!org_refused(i, 1, 0));
    // Inline, with the id under its Dutch name.
    let mut i = l.instance.clone();
    let cells = [
        ("id", "phone"),
        ("org", "Heel Andere Naam"),
        ("kvk", "12345678"),
        ("role", "speaker"),
        ("themes", "pesten"),
        ("place", "Utrecht"),
    ];
    let (req, w) = ingest::parse_request(
        &cells,
        "form",
        crate::common::places(),
        &Policy::default(),
        &mut i,
    )
    .unwrap();
    assert!(w.is_empty(), "{w:?}");
    i.requests.push(req);
    assert!(org_refused(&i, 0, 3));
    assert!(!org_refused(&i, 1, 3));
}

/// A cell of 1,200 items resolves (the pairwise loop over runs of items was cubic: 1,000 items
/// took 60 s and 1.3 GB, 2,000 aborted at 4 GB) and excludes what the pairwise rule says, item
/// by item. (Cells are read up to 10,000 characters: a longer one is an input error naming the
/// cell, so the items are short.)
#[test]
fn an_excluded_orgs_cell_of_1200_items_resolves() {
    let towns = ["Utrecht", "Zeist", "Amersfoort", "Leiden", "Zwolle"];
    let mut batch: Vec<String> = Vec::new();
    for (k, t) in towns.iter().enumerate() {
        batch.push(format!("Jeugdhulp {t}"));
        batch.push(format!("Stichting Zorggroep {k} {t}"));
        batch.push(format!("Gemeente {t}"));
    }
    batch.push("Altrecht GGZ".into());
    let items: Vec<String> = (0..1200)
        .map(|k| match k % 100 {
            0 => "Altrecht".to_string(),
            1 => "Zorggroep 3".to_string(),
            2 => "Gemeente Zeist B.V.".to_string(),
            3 => "Jeugdhulp Leidn".to_string(),
            _ => format!("Zorg{k}"),
        })
        .collect();
    let cell = items.join("|");
    let orgs: Vec<&str> = batch.iter().map(String::as_str).collect();
    let l = load(&experts(&[&cell]), &requests(&orgs));
    let i = &l.instance;
    let refused: Vec<&str> = (0..orgs.len())
        .filter(|&r| org_refused(i, 0, r))
        .map(|r| orgs[r])
        .collect();
    let want: Vec<&str> = orgs
        .iter()
        .copied()
        .filter(|o| {
            items
                .iter()
                .any(|it| org::excludes(it, o) != Match::No || org::near_miss(it, o))
        })
        .collect();
    assert_eq!(refused, want);
    assert_eq!(
        refused,
        [
            "Gemeente Zeist",
            "Jeugdhulp Leiden",
            "Stichting Zorggroep 3 Leiden",
            "Altrecht GGZ"
        ]
    );
    assert_eq!(i.experts[0].excluded_org_names.len(), 1200);
    // The inline request against the same cell.
    let mut i = l.instance.clone();
    let (r, w) = inline(&mut i, "Zorg1199");
    assert!(org_refused(&i, 0, r), "{w:?}");
}

// ---- The metamorphic property --------------------------------------------------------------------

/// Organisation kinds: a name and a town make the base name ("Jeugdhulp Utrecht").
const KINDS: &[&str] = &[
    "Jeugdhulp",
    "GGZ Centraal",
    "Zorg en Welzijn",
    "Jeugdbescherming",
    "Kwintes",
    "Pluryn",
    "Timon",
    "Rading",
    "Coöperatie Zorgkracht",
    "Het Vlechtwerk",
];
/// Towns of the base names; the control excludes the same kind in another one of them.
const TOWNS: &[&str] = &["Utrecht", "Amersfoort", "Zwolle", "Groningen", "Maastricht"];
/// Words a longer spelling adds (never a town, so the control never contains them).
const EXTRA: &[&str] = &["Oost", "Regio", "Jeugd", "locatie Noord", "GGZ"];

/// One spelling of `base` (words, never a list separator).
#[derive(Clone, Debug)]
struct Spelling {
    prefix: usize,
    article: usize,
    suffix: usize,
    and: usize,
    joins: Vec<usize>,
    cases: Vec<usize>,
    marks: Vec<bool>,
}

fn spelling() -> impl Strategy<Value = Spelling> {
    (
        0..5usize,
        0..4usize,
        0..6usize,
        0..4usize,
        prop::collection::vec(0..4usize, 6),
        prop::collection::vec(0..3usize, 6),
        prop::collection::vec(any::<bool>(), 6),
    )
        .prop_map(
            |(prefix, article, suffix, and, joins, cases, marks)| Spelling {
                prefix,
                article,
                suffix,
                and,
                joins,
                cases,
                marks,
            },
        )
}

impl Spelling {
    fn write(&self, words: &[&str]) -> String {
        let mut out = String::new();
        out.push_str(["", "Stichting ", "Stg. ", "St. ", "stg "][self.prefix]);
        out.push_str(["", "De ", "Het ", "'t "][self.article]);
        for (k, w) in words.iter().enumerate() {
            if k > 0 {
                out.push_str([" ", "-", " - ", "  "][self.joins[k % 6]]);
            }
            let w = if *w == "en" {
                ["en", "&", "+", "and"][self.and]
            } else {
                w
            };
            let w: String = if self.marks[k % 6] {
                w.replacen('e', "é", 1).replacen('o', "ö", 1)
            } else {
                w.to_string()
            };
            let w = match self.cases[k % 6] {
                0 => w.to_lowercase(),
                1 => w.to_uppercase(),
                _ => w,
            };
            out.push_str(&w);
        }
        out.push_str(["", " B.V.", " BV", " b.v.", " N.V.", " U.A."][self.suffix]);
        out
    }
}

/// `base`'s words with `extra` put in at `at` (0: before, 1: after the first word, 2: at the
/// end), or as they are.
fn longer<'a>(base: &[&'a str], extra: Option<(&'a str, usize)>) -> Vec<&'a str> {
    let mut w = base.to_vec();
    if let Some((x, at)) = extra {
        let at = [0, 1, w.len()][at].min(w.len());
        for (k, piece) in x.split(' ').enumerate() {
            w.insert(at + k, piece);
        }
    }
    w
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    /// Legal forms, abbreviations, articles, `&`/`en`, hyphens, case, diacritics and
    /// containment (on either side) applied to an excluded organisation never make the pair
    /// eligible, in a batch or inline; the same kind in another town stays eligible (a named
    /// organisation in another town is its branch, on the safe side).
    #[test]
    fn spellings_of_an_excluded_org_never_make_it_eligible(
        kind in 0..KINDS.len(),
        town in 0..TOWNS.len(),
        other in 1..TOWNS.len(),
        ex_spelling in spelling(),
        org_spelling in spelling(),
        extra in (0..EXTRA.len(), 0..3usize, 0..3usize),
    ) {
        let base_text = format!("{} {}", KINDS[kind], TOWNS[town]);
        let base: Vec<&str> = base_text.split(' ').collect();
        let (x, at, side) = extra;
        let ex_words = longer(&base, (side == 1).then_some((EXTRA[x], at)));
        let org_words = longer(&base, (side == 2).then_some((EXTRA[x], at)));
        let exclusion = ex_spelling.write(&ex_words);
        let org_name = org_spelling.write(&org_words);
        let control = format!("{} {}", KINDS[kind], TOWNS[(town + other) % TOWNS.len()]);

        let l = load(&experts(&[&exclusion, &control]), &requests(&[&org_name]));
        let i = &l.instance;
        prop_assert!(org_refused(i, 0, 0), "batch: {exclusion:?} does not exclude {org_name:?}");
        // A kind of organisation in another town is another organisation; a named one (Kwintes,
        // Pluryn) in another town may be its branch, excluded on the safe side (Match::Branch).
        let generic = org::is_generic(&org::canonical_words(KINDS[kind]));
        prop_assert!(!generic || !org_refused(i, 1, 0), "batch: control {control:?} excludes {org_name:?}");

        let l = load(&experts(&[&exclusion, &control]), &requests(&["Gemeente Ede"]));
        let mut i = l.instance.clone();
        let (r, _) = inline(&mut i, &org_name);
        prop_assert!(org_refused(&i, 0, r), "inline: {exclusion:?} does not exclude {org_name:?}");
        prop_assert!(!generic || !org_refused(&i, 1, r), "inline: control {control:?} excludes {org_name:?}");
    }
}

// ---- The index against the pairwise rule ---------------------------------------------------------

/// Words that make legal forms, articles, shared words, typos and other towns likely.
const VOCAB: &[&str] = &[
    "Jeugdhulp",
    "Utrecht",
    "Utrech",
    "GGZ",
    "Centraal",
    "Amersfoort",
    "Zorg",
    "en",
    "&",
    "Welzijn",
    "Jeugdhlp",
    "De",
    "Stichting",
    "B.V.",
    "Oost",
    "Ede",
    "Epe",
    "JB",
    "Jeugdbescherming",
    "HM",
    "Hollands",
    "Midden",
    "RvdK",
    "Raad voor de Kinderbescherming",
    "Den Bosch",
    "'s-Hertogenbosch",
    // Words cut short with a dot.
    "Gem.",
    "Gemeente",
    "Jeugd.",
    "Utr.",
    "Ut.",
    "Ver.",
    "Z.",
    "Zuid-Holland",
];

fn random_name() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(VOCAB), 1..5).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// The index finds exactly what the pairwise rule finds (a missed entry would be a missed
    /// exclusion), and a cell's resolution excludes at least every entry an item matches.
    #[test]
    fn the_index_finds_what_the_pairwise_rule_finds(
        batch in prop::collection::vec(random_name(), 1..12),
        items in prop::collection::vec(random_name(), 1..6),
    ) {
        let mut ix = org::OrgIndex::new();
        for b in &batch {
            ix.push(org::OrgName::new(b));
        }
        for q in &items {
            let n = org::OrgName::new(q);
            let pairwise = |m: Match| -> Vec<usize> {
                (0..batch.len()).filter(|&e| org::excludes(q, &batch[e]) == m).collect()
            };
            prop_assert_eq!(ix.same(&n).to_vec(), pairwise(Match::Same), "same {:?}", q);
            prop_assert_eq!(ix.contained(&n), pairwise(Match::Contained), "contained {:?}", q);
            prop_assert_eq!(ix.abbreviated(&n), pairwise(Match::Abbreviated), "abbreviated {:?}", q);
            let near: Vec<usize> =
                (0..batch.len()).filter(|&e| org::near_miss(q, &batch[e])).collect();
            prop_assert_eq!(ix.near(&n), near, "near {:?}", q);
        }
        let refs: Vec<&str> = items.iter().map(String::as_str).collect();
        let hits: Vec<usize> = org::resolve_cell(&refs, &ix).iter().map(|h| h.entry).collect();
        for (e, b) in batch.iter().enumerate() {
            let matched = items.iter().any(|q| org::excludes(q, b) != Match::No);
            prop_assert!(!matched || hits.contains(&e), "{:?} not excluded by {:?}", b, items);
        }
    }
}

// ---- organisations.csv ---------------------------------------------------------------------------

fn load_with_orgs(experts: &str, requests: &str, orgs: &str) -> Result<Loaded, InputErrors> {
    ingest::load_with_organisations(
        Inputs {
            experts: Source::new("experts.csv", experts.as_bytes()),
            requests: Source::new("requests.csv", requests.as_bytes()),
            history: None,
        },
        Some(Source::new("organisations.csv", orgs.as_bytes())),
        crate::common::places(),
        &Policy::default(),
        week(),
        false,
    )
}

#[test]
fn organisations_csv_makes_a_name_and_its_aliases_one_organisation() {
    let orgs = "id;naam;aliassen\n\
                12345678;Stichting Kwintes;KW Wonen|Kwintes Beschermd Wonen\n\
                ;Altrecht;\n";
    // E1 excludes the group's name, E2 an alias said another way, E3 the group by id, E4
    // another organisation (the control).
    let e = "id,roles,certified,themes,place,availability,excluded_orgs,excluded_org_ids\n\
             E1,speaker,yes,pesten,Utrecht,*,Kwintes,\n\
             E2,speaker,yes,pesten,Utrecht,*,KW-wonen,\n\
             E3,speaker,yes,pesten,Utrecht,*,,12345678\n\
             E4,speaker,yes,pesten,Utrecht,*,Altrecht,\n";
    let r = requests(&["KW Wonen", "Kwintes Beschermd Wonen", "Pluryn"]);
    let l = load_with_orgs(e, &r, orgs).unwrap_or_else(|e| panic!("{e}"));
    let i = &l.instance;
    for ex in 0..3 {
        for rq in 0..2 {
            assert!(org_refused(i, ex, rq), "E{} at R{}", ex + 1, rq + 1);
        }
        assert!(!org_refused(i, ex, 2), "E{} at Pluryn", ex + 1);
    }
    for rq in 0..3 {
        assert!(!org_refused(i, 3, rq), "E4 (Altrecht) at R{}", rq + 1);
    }
    // The coordinator said they are one: no warning.
    assert!(l.safe_side_orgs.is_empty(), "{:?}", l.safe_side_orgs);
    // Without the file, only E3's id and nothing else reaches them.
    let l = load(e, &r);
    assert!(!org_refused(&l.instance, 0, 0));
    // Inline: an alias said on the phone.
    let l = load_with_orgs(e, &requests(&["Gemeente Ede"]), orgs).unwrap();
    let mut i = l.instance.clone();
    let (rq, w) = inline(&mut i, "Kwintes Beschermd Wonen");
    assert!(w.is_empty(), "{w:?}");
    for ex in 0..3 {
        assert!(org_refused(&i, ex, rq), "E{} inline", ex + 1);
    }
    assert!(!org_refused(&i, 3, rq));
    // A row without a name is an error naming the cell.
    let err = load_with_orgs(e, &r, "id,name,aliases\n1,,X\n").unwrap_err();
    assert_eq!(err.errors.len(), 1, "{err}");
    assert_eq!(err.errors[0].file, "organisations.csv");
    assert_eq!(err.errors[0].line, Some(2));
}

/// The phone path keeps experts away on the safe side without a word: a warning would be a
/// count one expert can move (0 or "fewer than 3") and would name the organisation as the
/// reason, telling rule 4 from rule 3 next to the "personal reasons" count. For 1 to 4 experts
/// in either language: no warning, and every one of them is kept away.
#[test]
fn the_inline_path_says_nothing_of_who_was_kept_away() {
    use matchpunt::messages::Lang;
    for n in 1..=4usize {
        let cells: Vec<&str> = vec!["Jeugdhulp Utrecht"; n];
        let l = load(&experts(&cells), &requests(&["Iets Anders"]));
        for lang in [Lang::En, Lang::Nl] {
            let mut i = l.instance.clone();
            let row = [
                ("id", "phone"),
                ("org", "Jeugdhulp Utrecht, locatie Oost"),
                ("role", "speaker"),
                ("themes", "pesten"),
                ("place", "Utrecht"),
            ];
            let (r, w) = ingest::parse_request(
                &row,
                "src",
                crate::common::places(),
                &Policy::default(),
                &mut i,
            )
            .unwrap();
            let w: Vec<&str> = w.iter().map(|w| w.render(lang)).collect();
            assert!(w.is_empty(), "{n} {lang:?}: {w:?}");
            i.requests.push(r);
            let at = i.requests.len() - 1;
            for k in 0..n {
                assert!(
                    org_refused(&i, k, at),
                    "{n} {lang:?}: E{} not kept away",
                    k + 1
                );
            }
        }
    }
}

/// The trial's case: a name written together excludes a longer name whose words, written
/// together, hold it (the written-together and subset rules combined), in a batch, inline and
/// either way round; a name that is only a shared prefix does not.
#[test]
fn a_name_written_together_excludes_a_longer_name_written_apart() {
    let org = "’s Heeren Loo Zorggroep B.V.";
    assert_eq!(excludes_kind("'s Heerenloo", org), Match::Contained);
    assert_eq!(
        excludes_kind("Heeren Loo", "Heerenloo Zorggroep"),
        Match::Contained
    );
    assert_eq!(excludes_kind("Heerenlo", org), Match::No);
    let l = load(
        &experts(&["'s Heerenloo", "Heeren Loo", "Jeugdhulp Amersfoort"]),
        &requests(&[org, "Heerenloo Zorggroep"]),
    );
    let i = &l.instance;
    for (e, r) in [(0, 0), (1, 0), (1, 1)] {
        assert!(org_refused(i, e, r), "E{} at R{}", e + 1, r + 1);
    }
    assert!(!org_refused(i, 2, 0) && !org_refused(i, 2, 1));
    let mut i = l.instance.clone();
    let (r, w) = inline(&mut i, "’s Heeren Loo Zorggroep");
    assert!(org_refused(&i, 0, r) && org_refused(&i, 1, r) && !org_refused(&i, 2, r));
    assert!(w.is_empty(), "{w:?}");
}

fn excludes_kind(a: &str, b: &str) -> Match {
    org::excludes(a, b)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// For random names of 3 to 5 words, a run of 2 or more consecutive words written together
    /// excludes the whole name, by the pairwise rule and through the index.
    #[test]
    fn a_run_of_words_written_together_is_contained(
        words in proptest::collection::vec("[a-z]{3,8}", 3..6),
        at in 0usize..5, len in 2usize..4,
    ) {
        prop_assume!(words
            .iter()
            .all(|w| !org::LEGAL_FORMS.contains(&w.as_str()) && !org::ARTICLES.contains(&w.as_str())));
        // Words the reader gives another meaning: "and" is the word "en", a place has its
        // table's name, an abbreviation or a vowelless word may be initials.
        prop_assume!(words.iter().all(|w| w != "and"
            && !matchpunt::names::abbrev::looks_like_initials(w)
            && matchpunt::names::place::canonical_place(w).is_none()
            && !matchpunt::names::abbrev::ABBREVIATIONS
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case(w))));
        let at = at % (words.len() - 1);
        let end = (at + len).min(words.len());
        prop_assume!(end - at < words.len());
        let together = words[at..end].concat();
        let name = words.join(" ");
        prop_assert_eq!(org::excludes(&together, &name), Match::Contained);
        let mut index = org::OrgIndex::new();
        index.push(org::OrgName::new(&name));
        prop_assert_eq!(index.contained(&org::OrgName::new(&together)), vec![0]);
    }
}
