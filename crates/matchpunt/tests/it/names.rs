//! Names that differ only in writing, and the safety fields that depend on them (issue 8):
//! one normalisation for every name-like cell, theme keys through the vocabulary, avoided and
//! heavy themes one letter off taken on the safe side, excluded organisations with separators in
//! their names and near misses compared word by word, and privacy in every text that names an
//! expert.

use crate::common::{loaded as ok, try_load};
use matchpunt::batch;
use matchpunt::eligibility::{self, Reason, Stage, PERSONAL_REASON};
use matchpunt::ingest::{self, Loaded};
use matchpunt::model::{fold_theme, normalize, Instance};
use matchpunt::policy::Policy;
use matchpunt::report;
use matchpunt::solve::SolveOptions;

fn reasons(i: &Instance, e: usize, r: usize) -> eligibility::Reasons {
    eligibility::check(i, &Policy::default(), &i.requests[r], &i.experts[e])
}

/// One expert per avoid_themes cell, all eligible for a request on `theme` but for the avoid.
fn avoid_batch(request_themes: &str, avoid: &[&str]) -> (String, String) {
    let mut e = String::from("id,roles,certified,themes,avoid_themes,place,availability\n");
    for (i, a) in avoid.iter().enumerate() {
        e.push_str(&format!(
            "E{i},speaker,yes,\"{request_themes}\",\"{a}\",Utrecht,*\n"
        ));
    }
    let r = format!("id,org,role,themes,place\nR1,Org A,speaker,\"{request_themes}\",Utrecht\n");
    (e, r)
}

// ---- One normalisation ---------------------------------------------------------------------------

#[test]
fn normalize_folds_writing_but_keeps_letters() {
    assert_eq!(normalize("  Gesloten   Jeugdzorg "), "gesloten jeugdzorg");
    // NFD (as a Mac writes it) equals NFC.
    assert_eq!(normalize("Se\u{0301}verine"), normalize("Séverine"));
    assert_eq!(normalize("Se\u{0301}verine"), "séverine");
    // Invisible characters go, non-breaking spaces are spaces.
    for s in [
        "Gemeente\u{00A0}Utrecht",
        "Gemeente \u{200B}Utrecht",
        "\u{FEFF}Gemeente Utrecht",
        "Gemeente Utr\u{00AD}echt",
        "Gemeente Utrecht\u{200D}",
        "Gemeente\u{202F}Utrecht\u{2060}",
        "GEMEENTE\tUtrecht",
    ] {
        assert_eq!(normalize(s), "gemeente utrecht", "{s:?}");
    }
    // Look-alike dashes and apostrophes.
    assert_eq!(
        normalize("\u{2019}s\u{2013}Hertogenbosch"),
        "'s-hertogenbosch"
    );
    // Names keep their diacritics; themes fold them.
    assert_ne!(normalize("Coöperatie"), normalize("Cooperatie"));
    assert_eq!(fold_theme("Zelf-Beschadiging"), "zelfbeschadiging");
    assert_eq!(fold_theme("su\u{00EF}cidaliteit"), "suicidaliteit");
}

#[test]
fn ids_are_compared_normalised() {
    let e = "id,roles,certified,themes,place,availability\nE1,buddy,yes,pesten,Utrecht,*\n";
    let r = "id,org,role,themes,place,pinned_expert\nR1,Org,buddy,pesten,Utrecht,e1\u{200B}\n";
    let l = ok(e, r);
    assert_eq!(l.instance.requests[0].pinned, vec![0]);
    let dup = "id,roles,certified,themes,place,availability\nE1,buddy,yes,pesten,Utrecht,*\ne1 ,buddy,yes,pesten,Utrecht,*\n";
    let err = try_load(dup, r).unwrap_err();
    assert!(err.to_string().contains("duplicate id"), "{err}");
}

// ---- Themes --------------------------------------------------------------------------------------

#[test]
fn themes_that_differ_only_in_writing_are_one_theme() {
    let e = "id,roles,certified,themes,place,availability\n\
             E1,buddy,yes,Suïcidaliteit,Utrecht,*\n\
             E2,buddy,yes,Eetstoornissen,Utrecht,*\n\
             E3,buddy,yes,zelf-beschadiging,Utrecht,*\n\
             E4,buddy,yes,Huiselijk\u{00A0}Geweld,Utrecht,*\n";
    let r = "id,org,role,themes,place\n\
             R1,Org,buddy,suicidaliteit,Utrecht\n\
             R2,Org,buddy,eetstoornis,Utrecht\n\
             R3,Org,buddy,zelfbeschadiging,Utrecht\n\
             R4,Org,buddy,huiselijk geweld,Utrecht\n";
    let l = ok(e, r);
    let i = &l.instance;
    for k in 0..4 {
        assert!(reasons(i, k, k).is_eligible(), "E{} for R{}", k + 1, k + 1);
    }
    // Known themes are shown by their canonical name.
    assert_eq!(i.themes.name(i.requests[1].themes[0]), "eetstoornis");
    assert_eq!(i.experts[1].themes, i.requests[1].themes);
}

#[test]
fn avoided_themes_hold_whatever_the_spelling() {
    // The case avoid-theme-invisible-char, and more.
    let spellings = [
        "huiselijk\u{00A0}geweld",
        "Huiselijk  Geweld ",
        "HUISELIJK-GEWELD",
        "huiselijk\u{200B}geweld",
    ];
    let (e, r) = avoid_batch("huiselijk geweld|autisme", &spellings);
    let l = ok(&e, &r);
    for (k, sp) in spellings.iter().enumerate() {
        assert!(
            reasons(&l.instance, k, 0).contains(Reason::AvoidedTheme),
            "{sp:?}"
        );
    }
    for (req, avoid) in [
        ("eetstoornis|autisme", "eetstoornissen"),
        ("verslaving|autisme", "Verslaving "),
        ("zelfbeschadiging|autisme", "zelf-beschadiging"),
        ("rouw|autisme", "rou\u{200B}w"),
        ("suïcidaliteit|autisme", "suicidaliteit"),
        ("suicidaliteit|autisme", "Sui\u{0308}cidaliteit"),
        ("trauma|autisme", "trauma's"),
        ("eetstoornis|autisme", "anorexia"),
        ("lgbtiq|autisme", "LHBTIQ+"),
    ] {
        let (e, r) = avoid_batch(req, &[avoid]);
        let l = ok(&e, &r);
        assert!(
            reasons(&l.instance, 0, 0).contains(Reason::AvoidedTheme),
            "{avoid:?} / {req:?}"
        );
        assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    }
}

#[test]
fn an_avoided_theme_one_letter_off_is_avoided_with_a_warning_naming_the_row() {
    for (req, avoid) in [
        ("suïcidaliteit|autisme", "suicidalitiet"),
        ("eetstoornis|autisme", "eetstoornisen"),
        ("depressie|autisme", "depresie"),
        // The typo is in the request.
        ("depresie|autisme", "depressie"),
    ] {
        let (e, r) = avoid_batch(req, &["", avoid]);
        let l = ok(&e, &r);
        assert!(
            reasons(&l.instance, 1, 0).contains(Reason::AvoidedTheme),
            "{avoid:?} / {req:?}"
        );
        assert!(reasons(&l.instance, 0, 0).is_eligible());
        // Said to the coordinator (`check`) by the cell, in the words of an excluded
        // organisation's; not among the warnings the match point shows.
        assert!(l.warnings.is_empty(), "{:?}", l.warnings);
        let w = matchpunt::ingest::safe_side_warnings(&l.safe_side_cells);
        assert_eq!(w.len(), 1, "{w:?}");
        let w = &w[0];
        assert!(
            w.contains("experts.csv:3") && w.contains("E1") && w.contains("'avoid_themes'"),
            "{w}"
        );
        let key = fold_theme(avoid);
        for t in [avoid, req, key.as_str(), "suic", "eetst", "depres"] {
            assert!(
                !w.to_lowercase().contains(t),
                "the warning names a theme: {w}"
            );
        }
    }
}

#[test]
fn two_themes_of_the_vocabulary_are_never_a_near_miss() {
    // `ass` (autisme) and `add` (adhd) are one letter apart, but both known.
    let (e, r) = avoid_batch("add|angst", &["ass"]);
    let l = ok(&e, &r);
    assert!(reasons(&l.instance, 0, 0).is_eligible());
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    // Far from every request theme: no warning, nothing added.
    let (e, r) = avoid_batch("pesten", &["schulden"]);
    let l = ok(&e, &r);
    assert_eq!(l.instance.experts[0].avoid_themes.len(), 1);
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
}

#[test]
fn heavy_themes_whatever_the_spelling() {
    let e = "id,roles,certified,themes,place,availability\nE1,buddy,yes,pesten,Utrecht,*\n";
    let r = "id,org,role,themes,place\n\
             R1,Org,buddy,suïcidaliteit,Utrecht\n\
             R2,Org,buddy,Sui\u{0308}cidaliteit,Utrecht\n\
             R3,Org,buddy,eetstoornissen,Utrecht\n\
             R4,Org,buddy,zelf-beschadiging,Utrecht\n\
             R5,Org,buddy,pesten,Utrecht\n\
             R6,Org,buddy,suicidalitiet,Utrecht\n";
    let l = ok(e, r);
    let got: Vec<u32> = l.instance.requests.iter().map(|r| r.intensity).collect();
    assert_eq!(got, [3, 3, 3, 3, 2, 3]);
    // The near miss (R6) is heavy to be safe, with a warning naming the row, not the theme.
    assert_eq!(l.warnings.len(), 1, "{:?}", l.warnings);
    let w = &l.warnings[0];
    assert!(w.contains("requests.csv:7") && w.contains("R6"), "{w}");
    assert!(!w.contains("suicid"), "{w}");
}

#[test]
fn unknown_themes_are_listed_by_spelling_and_count_only() {
    let e = "id,roles,certified,themes,avoid_themes,place,availability\n\
             E1,buddy,yes,depresie|pesten,,Utrecht,*\n\
             E2,buddy,yes,pesten,Eigen Thema,Utrecht,*\n";
    let r = "id,org,role,themes,place\nR1,Org,buddy,Depresie,Utrecht\n";
    let l = ok(e, r);
    let u = matchpunt::model::unknown_themes(&l.instance);
    // A spelling only avoided is not listed, and avoid cells are not counted: a count they
    // move would tell an avoided theme from an excluded organisation.
    assert_eq!(u.len(), 1, "{u:?}");
    assert_eq!(
        (u[0].spelling.as_str(), u[0].cells),
        ("depresie", 2),
        "{u:?}"
    );
    assert_eq!(u[0].suggestion.as_deref(), Some("depressie"));
}

// ---- Excluded organisations ----------------------------------------------------------------------

/// The load's warnings with `check`'s warnings of the cells read on the safe side, each followed
/// by the pairs of spellings `check` lists for its row.
fn all_warnings(l: &Loaded) -> Vec<String> {
    let mut w: Vec<String> = l.warnings.iter().map(|w| w.to_string()).collect();
    let cells = matchpunt::ingest::safe_side_warnings(&l.safe_side_cells);
    for (c, text) in l.safe_side_cells.iter().zip(cells) {
        let pairs: Vec<String> = l
            .safe_side_orgs
            .iter()
            .filter(|o| o.line == c.line && c.column == "excluded_orgs")
            .map(|o| format!("{:?} as {:?}", o.written, o.org))
            .collect();
        w.push(format!("{text} {}", pairs.join("; ")));
    }
    w
}

fn org_batch(excluded: &str, orgs: &[&str]) -> Loaded {
    let e = format!(
        "id,roles,certified,themes,place,availability,excluded_orgs\nE1,buddy,yes,pesten,Utrecht,*,\"{}\"\n",
        excluded.replace('"', "\"\"")
    );
    let mut r = String::from("id,org,role,themes,place\n");
    for (k, o) in orgs.iter().enumerate() {
        r.push_str(&format!(
            "R{},\"{}\",buddy,pesten,Utrecht\n",
            k + 1,
            o.replace('"', "\"\"")
        ));
    }
    ok(&e, &r)
}

/// Which requests (by index) rule 4 keeps expert 0 from.
fn refused(l: &Loaded) -> Vec<usize> {
    (0..l.instance.requests.len())
        .filter(|&r| reasons(&l.instance, 0, r).contains(Reason::ExcludedOrg))
        .collect()
}

#[test]
fn excluded_org_with_a_separator_in_its_name() {
    let orgs = [
        "Jeugdhulp Utrecht, locatie Oost",
        "Stichting Jeugd; Gezin & Zo",
        "Hogeschool Utrecht",
    ];
    for (cell, want) in [
        ("Jeugdhulp Utrecht, locatie Oost", vec![0]),
        ("jeugdhulp utrecht ,locatie  oost", vec![0]),
        ("Jeugdhulp Utrecht; locatie Oost", vec![0]),
        ("Stichting Jeugd; Gezin & Zo", vec![1]),
        ("Stichting Jeugd, Gezin & Zo", vec![1]),
        // In a list, before and after other items.
        (
            "Hogeschool Utrecht|Jeugdhulp Utrecht, locatie Oost",
            vec![0, 2],
        ),
        (
            "GGZ Zeist, Stichting Jeugd; Gezin & Zo, Hogeschool Utrecht",
            vec![1, 2],
        ),
        // A typo in the long name.
        ("Jeugdhulp Utrecht, locatie Ooost", vec![0]),
    ] {
        let l = org_batch(cell, &orgs);
        assert_eq!(refused(&l), want, "{cell:?} {:?}", all_warnings(&l));
    }
}

#[test]
fn a_cell_that_reads_both_as_one_org_and_as_a_list_excludes_both_with_a_warning() {
    let l = org_batch(
        "Jeugdhulp Utrecht, locatie Oost",
        &["Jeugdhulp Utrecht, locatie Oost", "Jeugdhulp Utrecht"],
    );
    assert_eq!(refused(&l), [0, 1]);
    assert_eq!(all_warnings(&l).len(), 1, "{:?}", all_warnings(&l));
    assert!(
        all_warnings(&l)[0].contains("experts.csv:2"),
        "{:?}",
        all_warnings(&l)
    );
}

#[test]
fn excluded_org_near_misses_are_typos_of_the_same_name_word_by_word() {
    let orgs = [
        "Jeugdbescherming Utrecht",
        "Gemeente Epe",
        "Jeugdhulp Utrecht",
    ];
    for (cell, want, warned) in [
        // Another branch in another town, another small town: not a near miss.
        ("Jeugdbescherming Maastricht", vec![], false),
        ("Jeugdbescherming Amersfoort", vec![], false),
        ("Gemeente Ede", vec![], false),
        ("Jeugdzorg Utrecht", vec![], false),
        // Typos of the same name.
        ("Jeugdbescherming Utrech", vec![0], true),
        ("Jeugdbeschreming Utrecht", vec![0], true),
        ("JeugdhulpUtrecht", vec![2], true),
        // The same canonical name (issue 19: hyphens, diacritics, legal forms): no warning.
        ("Jeugdhulp-Utrecht", vec![2], false),
        ("Jéugdhulp Utrecht", vec![2], false),
        ("Stichting Jeugdhulp Utrecht", vec![2], false),
        ("jeugdhulp\u{00A0}UTRECHT\u{200B}", vec![2], false),
    ] {
        let l = org_batch(cell, &orgs);
        assert_eq!(refused(&l), want, "{cell:?}");
        assert_eq!(
            !all_warnings(&l).is_empty(),
            warned,
            "{cell:?}: {:?}",
            all_warnings(&l)
        );
    }
    assert!(!ingest::org_near_miss(
        "Jeugdbescherming Maastricht",
        "Jeugdbescherming Utrecht"
    ));
    assert!(ingest::org_near_miss("Gemeente Utrech", "Gemeente Utrecht"));
    assert!(!ingest::org_near_miss(
        "Gemeente Utrecht",
        "gemeente  utrecht"
    ));
}

#[test]
fn near_miss_warnings_stay_few_on_a_batch_of_branches() {
    // 30 branches of one organisation in 30 towns; every expert excludes a branch that is not
    // in this batch. Before, each one also excluded (and warned about) a branch elsewhere.
    let towns = [
        "Utrecht",
        "Zwolle",
        "Breda",
        "Tilburg",
        "Leiden",
        "Delft",
        "Gouda",
        "Assen",
        "Emmen",
        "Venlo",
        "Almelo",
        "Hengelo",
        "Ede",
        "Zeist",
        "Houten",
        "Weert",
        "Heerlen",
        "Sittard",
        "Oss",
        "Uden",
        "Veghel",
        "Boxtel",
        "Goes",
        "Vlissingen",
        "Middelburg",
        "Terneuzen",
        "Hoorn",
        "Alkmaar",
        "Purmerend",
        "Zaandam",
    ];
    let orgs: Vec<String> = towns
        .iter()
        .map(|t| format!("Jeugdbescherming {t}"))
        .collect();
    let mut e = String::from("id,roles,certified,themes,place,availability,excluded_orgs\n");
    for (k, t) in [
        "Maastricht",
        "Amersfoort",
        "Groningen",
        "Nijmegen",
        "Arnhem",
    ]
    .iter()
    .enumerate()
    {
        e.push_str(&format!(
            "E{k},buddy,yes,pesten,Utrecht,*,Jeugdbescherming {t}\n"
        ));
    }
    let mut r = String::from("id,org,role,themes,place\n");
    for (k, o) in orgs.iter().enumerate() {
        r.push_str(&format!("R{k},{o},buddy,pesten,Utrecht\n"));
    }
    let l = ok(&e, &r);
    assert!(all_warnings(&l).is_empty(), "{:?}", all_warnings(&l));
    for ex in &l.instance.experts {
        // Another town's branch is no organisation of this batch: nothing to exclude here.
        assert!(ex.excluded_orgs.is_empty(), "{ex:?}");
        assert_eq!(ex.excluded_org_names.len(), 1);
    }
}

// ---- Privacy -------------------------------------------------------------------------------------

/// The case pin-privacy: one expert pinned to a request at an organisation they exclude, and to a
/// request with a theme they avoid.
const PIN_EXPERTS: &str =
    "id,roles,certified,themes,avoid_themes,place,availability,excluded_orgs\n\
    E01,buddy,yes,angst|depressie,suicidaliteit,Utrecht,*,Jeugdhulp Oost\n\
    E02,buddy,yes,angst,,Utrecht,*,\n";
const PIN_REQUESTS: &str = "id,org,role,themes,place,slot,pinned_expert\n\
    R01,Jeugdhulp Oost,buddy,angst,Utrecht,wed-pm,E01\n\
    R02,Gemeente Utrecht,buddy,angst|suicidaliteit,Utrecht,mon-eve,E01\n\
    R03,Gemeente Utrecht,buddy,angst,Utrecht,tue-am,E02|E01\n";

#[test]
fn pin_conflicts_for_rules_3_and_4_read_alike() {
    let l = ok(PIN_EXPERTS, PIN_REQUESTS);
    let i = &l.instance;
    let pins = batch::settle_pins(i, &Policy::default());
    let text = |r: usize| {
        pins.conflicts
            .iter()
            .find(|c| c.request == r)
            .map(|c| c.text.clone())
            .unwrap_or_else(|| panic!("no conflict for request {r}: {:?}", pins.conflicts))
    };
    let (org, theme) = (text(0), text(1));
    assert_eq!(org, theme, "the two reasons must not be told apart");
    assert_eq!(org, format!("E01 {PERSONAL_REASON} (rules 3-4)"));
    for leak in [
        "theme",
        "organisation",
        "avoid",
        "exclu",
        "rule 3",
        "rule 4",
    ] {
        assert!(!org.contains(leak), "{leak}: {org}");
    }
}

#[test]
fn a_pin_not_kept_is_named_in_the_summary_even_when_its_seat_is_filled() {
    let l = ok(PIN_EXPERTS, PIN_REQUESTS);
    let i = &l.instance;
    let policy = Policy::default();
    let res = batch::run(i, &policy, &SolveOptions::default());
    // R03 has one seat, pinned to E02 and E01: E01's pin is not kept, and R03 is full.
    let c = res
        .pin_conflicts
        .iter()
        .find(|c| c.request == 2)
        .expect("a conflict for R03");
    assert_eq!(c.stage, Stage::PinSeats);
    assert!(
        c.text.contains("E01") && c.text.contains("E02"),
        "{}",
        c.text
    );
    let un = report::unmatched(i, &policy, &res);
    assert!(!un.iter().any(|u| u.request == 2), "R03 is filled");
    let s = report::summary_text(i, &res);
    let lines: Vec<&str> = s
        .lines()
        .filter(|l| l.starts_with("pin not kept"))
        .collect();
    assert_eq!(lines.len(), 3, "{s}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("R03") && l.contains("E01") && l.contains("rule 10")),
        "{s}"
    );
    for l in &lines {
        assert!(!l.contains("suicid") && !l.contains("avoid"), "{l}");
    }
}

#[test]
fn the_funnel_joins_rules_3_and_4_and_hides_small_counts() {
    let l = ok(PIN_EXPERTS, PIN_REQUESTS);
    let i = &l.instance;
    let policy = Policy::default();
    // Only E01 and E02 are buddies; R01 (excluded org) and R02 (avoided theme) each lose E01.
    let e = "id,roles,certified,themes,avoid_themes,place,availability,excluded_orgs\n\
             E01,buddy,yes,angst|depressie,suicidaliteit,Utrecht,*,Jeugdhulp Oost\n";
    let r = "id,org,role,themes,place\n\
             R01,Jeugdhulp Oost,buddy,angst,Utrecht\n\
             R02,Gemeente Utrecht,buddy,angst|suicidaliteit,Utrecht\n";
    let l1 = ok(e, r);
    let s: Vec<String> = (0..2)
        .map(|r| {
            eligibility::nobody_sentence(&eligibility::funnel(
                &l1.instance,
                &policy,
                &l1.instance.requests[r],
            ))
        })
        .collect();
    assert_eq!(s[0], s[1], "org and theme read alike");
    assert!(s[0].contains("personal reasons"), "{}", s[0]);
    assert!(s[0].contains("fewer than 3"), "{}", s[0]);
    assert!(!s[0].contains("among the 1"), "{}", s[0]);
    // No stage of the funnel is rule 3 or rule 4 alone: one personal stage, labelled "rules 3-4".
    let f = eligibility::funnel(i, &policy, &i.requests[0]);
    assert_eq!(
        f.iter().filter(|(s, _)| *s == Stage::Personal).count(),
        1,
        "{f:?}"
    );
    assert_eq!(Stage::Personal.rule_label(), "rules 3-4");
    assert_eq!(Stage::Personal.code(), "not-now");
    assert_eq!(eligibility::shown_count(0), "0");
    assert_eq!(eligibility::shown_count(2), "fewer than 3");
    assert_eq!(eligibility::shown_count(3), "3");
}

#[test]
fn errors_quote_only_the_offending_cell() {
    // Every other cell of the row is bad; none of the errors may echo the avoid_themes cell.
    let e = "id,roles,certified,themes,avoid_themes,place,availability,max_travel_km,birth_year,online,excluded_orgs\n\
             E1,piloot,misschien,,suicidaliteit|eetstoornis,Nergenshuizen,wed-xx,ver,negentien,soms,Jeugdhulp Oost\n";
    let r = "id,org,role,themes,place,pinned_expert\nR1,Org,buddy,angst,Utrecht,E9\n";
    let err = try_load(e, r).unwrap_err();
    assert!(err.count() >= 7, "{err}");
    let text = err.to_string();
    for leak in ["suicid", "eetstoornis", "Jeugdhulp"] {
        assert!(!text.contains(leak), "{leak} echoed:\n{text}");
    }
    // Each error's value is its own cell.
    for x in &err.errors {
        if let (Some(v), Some((_, col))) = (&x.value, &x.column) {
            assert!(!v.contains('|') || col == "availability", "{x}");
        }
    }
}

/// A file without a header line: its first row is data, and its cells (an avoided theme among
/// them) are never echoed in an error or warning.
#[test]
fn a_headerless_file_does_not_echo_its_first_row() {
    let e = "E1,buddy,yes,pesten,eetstoornis,Utrecht,*\nE2,buddy,yes,pesten,,Utrecht,*\n";
    let r = "id,org,role,themes,place\nR1,Org,buddy,pesten,Utrecht\n";
    let err = crate::common::try_load(e, r).unwrap_err().to_string();
    assert!(err.contains("experts.csv:1: has no header line"), "{err}");
    assert!(!err.contains("eetstoornis"), "{err}");
}
