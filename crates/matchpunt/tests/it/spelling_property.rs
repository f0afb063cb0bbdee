//! For random spellings of a theme or an organisation (case, diacritics, decomposed Unicode,
//! invisible characters, non-breaking spaces, hyphens, separators inside organisation names,
//! plurals and synonyms, one-letter typos), an expert who avoids the theme or excludes the
//! organisation is never assigned to it: every assignment of the solved batch is checked against
//! the spelling as generated, not through the engine's own comparison.
//!
//! One typo at a time: an avoided theme with a typo meets a request spelt right, or a request
//! with a typo meets an avoided theme spelt right. Two different typos on both sides are two
//! letters apart, which is no longer a near miss.

use crate::common::read;
use matchpunt::batch::{self, BatchResult};
use matchpunt::eligibility::candidates;
use matchpunt::model::{fold_theme, Instance};
use matchpunt::names::themes::Vocabulary;
use matchpunt::policy::Policy;
use matchpunt::solve::SolveOptions;
use matchpunt_gen::GenParams;
use proptest::prelude::*;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use unicode_normalization::UnicodeNormalization;

const INVISIBLE: [char; 7] = [
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{FEFF}', '\u{00AD}', '\u{2060}', '\u{200E}',
];

/// A vowel with a diacritic, composed.
fn accented(c: char) -> Option<char> {
    Some(match c {
        'a' => 'á',
        'e' => 'ë',
        'i' => 'ï',
        'o' => 'ö',
        'u' => 'ü',
        'A' => 'Á',
        'E' => 'Ë',
        'I' => 'Ï',
        'O' => 'Ö',
        'U' => 'Ü',
        _ => return None,
    })
}

/// One letter changed: inserted, deleted, replaced, or swapped with its neighbour, always on a
/// letter of a word of at least `min_word` letters (so an organisation's short words stay).
fn typo(s: &str, min_word: usize, rng: &mut ChaCha8Rng) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut candidates = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().chain([' '].iter()).enumerate() {
        if !c.is_alphabetic() {
            if i - start >= min_word {
                candidates.extend(start..i);
            }
            start = i + 1;
        }
    }
    let &at = candidates.choose(rng)?;
    let mut out = chars.clone();
    let letter = (b'a' + rng.gen_range(0..26u8)) as char;
    match rng.gen_range(0..4) {
        0 => out.insert(at, letter),
        1 => {
            out.remove(at);
        }
        2 => out[at] = letter,
        _ => {
            if at + 1 < out.len() && out[at + 1].is_alphabetic() {
                out.swap(at, at + 1);
            } else {
                out[at] = letter;
            }
        }
    }
    Some(out.into_iter().collect())
}

/// The writing variations that never change a name: case, diacritics (composed or decomposed),
/// invisible characters, non-breaking and doubled spaces, surrounding spaces; for themes also
/// hyphens inside words.
fn dress(s: &str, theme: bool, rng: &mut ChaCha8Rng) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let mut c = c;
        if rng.gen_bool(0.3) {
            c = c.to_uppercase().next().unwrap_or(c);
        }
        if theme && rng.gen_bool(0.15) {
            if let Some(a) = accented(c) {
                c = a;
            }
        }
        if c == ' ' {
            out.push_str(["\u{00A0}", "  ", " ", "\u{202F}"][rng.gen_range(0..4)]);
        } else {
            out.push(c);
        }
        if rng.gen_bool(0.08) {
            out.push(*INVISIBLE.choose(rng).unwrap());
        }
        if theme && c.is_alphabetic() && rng.gen_bool(0.05) {
            out.push('-');
        }
    }
    if rng.gen_bool(0.3) {
        out = out.nfd().collect();
    }
    if rng.gen_bool(0.3) {
        out = format!(" {out}\u{00A0}");
    }
    out
}

/// A random spelling of canonical theme `t`: one of its forms (plurals, synonyms), maybe with a
/// typo that lands on no other theme of the vocabulary, dressed.
fn theme_spelling(t: &str, allow_typo: bool, rng: &mut ChaCha8Rng) -> String {
    let v = Vocabulary::bundled();
    let theme = v.get(t).expect("a vocabulary theme");
    let base = if rng.gen_bool(0.5) {
        t.to_string()
    } else {
        theme.forms.choose(rng).unwrap().clone()
    };
    let mut s = base.clone();
    if allow_typo && rng.gen_bool(0.5) {
        for _ in 0..10 {
            if let Some(x) = typo(&base, 1, rng) {
                let f = fold_theme(&x);
                if !f.is_empty() && v.get(&x).is_none_or(|o| o.name == theme.name) {
                    s = x;
                    break;
                }
            }
        }
    }
    dress(&s, true, rng)
}

/// A random spelling of organisation `o`: maybe a typo in a word of 4 or more letters that
/// names no other organisation of the batch, its separators swapped (`,` and `;`), dressed.
fn org_spelling(o: &str, others: &[String], rng: &mut ChaCha8Rng) -> String {
    let mut s = o.to_string();
    if rng.gen_bool(0.5) {
        if let Some(x) = typo(o, 4, rng) {
            let key = |n: &str| matchpunt::model::normalize(&n.replace([',', ';', '|'], " "));
            if !others.iter().any(|other| key(other) == key(&x)) {
                s = x;
            }
        }
    }
    if rng.gen_bool(0.3) {
        s = s.replace(", ", if rng.gen_bool(0.5) { "; " } else { "," });
    }
    dress(&s, false, rng)
}

fn load_csv(experts: &[u8], requests: &[u8]) -> Instance {
    match read(experts, requests, None, &Policy::default()) {
        Ok(l) => l.instance,
        Err(e) => panic!(
            "does not load:\n{e}\n{}\n{}",
            String::from_utf8_lossy(experts),
            String::from_utf8_lossy(requests)
        ),
    }
}

fn solve(inst: &Instance) -> BatchResult {
    let opts = SolveOptions {
        time_limit: None,
        node_limit: 2000,
        ..SolveOptions::default()
    };
    batch::run(inst, &Policy::default(), &opts)
}

fn csv_rows(bytes: &[u8]) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut rdr = csv::Reader::from_reader(bytes);
    let h = rdr.headers().unwrap().clone();
    let rows = rdr.records().map(Result::unwrap).collect();
    (h, rows)
}

fn csv_bytes(h: &csv::StringRecord, rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(h).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

fn col(h: &csv::StringRecord, name: &str) -> usize {
    h.iter().position(|x| x == name).unwrap()
}

/// One request on theme `t` (spelt `req`) with a seat for every expert; every expert has the
/// theme as the request writes it; the experts in `avoiders` avoid it, spelt `avoid[k]`. Without
/// the avoid, every expert would be assigned.
fn theme_case(req: &str, avoid: &[Option<String>]) -> (Instance, BatchResult) {
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut e = String::from(
        "id,roles,certified,themes,avoid_themes,place,availability,max_assignments,load_budget\n",
    );
    for (k, a) in avoid.iter().enumerate() {
        e.push_str(&format!(
            "E{k},speaker,yes,{}|pesten,{},Utrecht,*,5,20\n",
            q(req),
            q(a.as_deref().unwrap_or(""))
        ));
    }
    let r = format!(
        "id,org,role,themes,place,experts_needed\nR1,Org A,speaker,{},Utrecht,{}\n",
        q(req),
        avoid.len()
    );
    let inst = load_csv(e.as_bytes(), r.as_bytes());
    let res = solve(&inst);
    (inst, res)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every theme of the vocabulary, spelt at random on the avoid side (with typos) or on the
    /// request side (with typos; the avoid then spelt right).
    #[test]
    fn an_avoided_theme_is_never_assigned_whatever_the_spelling(
        seed in any::<u64>(),
        theme in 0usize..1000,
        experts in 1usize..6,
        typo_in_request in any::<bool>(),
    ) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let v = Vocabulary::bundled();
        let t = v.themes()[theme % v.themes().len()].name.clone();
        let req = theme_spelling(&t, typo_in_request, &mut rng);
        let avoid: Vec<Option<String>> = (0..experts)
            .map(|_| rng.gen_bool(0.6).then(|| theme_spelling(&t, !typo_in_request, &mut rng)))
            .collect();
        let (inst, res) = theme_case(&req, &avoid);
        for a in &res.assignments {
            prop_assert!(
                avoid[a.expert].is_none(),
                "E{} avoids {:?} but is assigned to a request on {:?}",
                a.expert, avoid[a.expert], req
            );
        }
        // Not vacuous: everyone who does not avoid the theme is assigned.
        let assigned = res.assignments.len();
        prop_assert_eq!(assigned, avoid.iter().filter(|a| a.is_none()).count());
        prop_assert_eq!(inst.requests.len(), 1);
    }

    /// Generated batches: experts avoid a theme of, or exclude the organisation of, a request
    /// they are eligible for, in a random spelling; organisations get separators in their names.
    #[test]
    fn generated_batches_keep_avoided_themes_and_excluded_orgs_whatever_the_spelling(
        seed in 0u64..10_000,
        experts in 20usize..80,
        requests in 20usize..80,
        mutate in 1usize..12,
    ) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed);
        let pw = matchpunt_gen::places_from_csv(matchpunt::model::places::BUNDLED_CSV.as_bytes()).unwrap();
        let params = GenParams { experts, requests, seed, week: (2026, 48), history_weeks: 0 };
        let (mut e, mut r, mut h) = (Vec::new(), Vec::new(), Vec::new());
        matchpunt_gen::generate(&params, &pw, &mut e, &mut r, &mut h).unwrap();
        let (eh, erows) = csv_rows(&e);
        let (rh, rrows) = csv_rows(&r);
        let mut erows: Vec<Vec<String>> = erows.iter().map(|x| x.iter().map(String::from).collect()).collect();
        let mut rrows: Vec<Vec<String>> = rrows.iter().map(|x| x.iter().map(String::from).collect()).collect();
        let (org_c, themes_c) = (col(&rh, "org"), col(&rh, "themes"));
        let (avoid_c, excl_c) = (col(&eh, "avoid_themes"), col(&eh, "excluded_orgs"));

        // Some organisations get a separator in their name, in requests and exclusions alike.
        let mut orgs: Vec<String> = rrows.iter().map(|x| x[org_c].clone()).collect();
        orgs.sort();
        orgs.dedup();
        for o in orgs.clone() {
            if rng.gen_bool(0.3) {
                let renamed = format!("{o}{}", [", locatie Oost", "; afdeling Jeugd", ", team Noord-West"][rng.gen_range(0..3)]);
                for x in rrows.iter_mut().filter(|x| x[org_c] == o) {
                    x[org_c] = renamed.clone();
                }
                for x in erows.iter_mut() {
                    let cell: Vec<String> = x[excl_c]
                        .split(['|', ';', ','])
                        .map(|p| if p.trim() == o { renamed.clone() } else { p.trim().to_string() })
                        .filter(|p| !p.is_empty())
                        .collect();
                    x[excl_c] = cell.join("|");
                }
            }
        }
        orgs = rrows.iter().map(|x| x[org_c].clone()).collect();
        orgs.sort();
        orgs.dedup();

        // Eligible pairs of the unmutated batch.
        let base = load_csv(&csv_bytes(&eh, &erows), &csv_bytes(&rh, &rrows));
        let pairs = candidates(&base, &Policy::default());
        prop_assume!(!pairs.is_empty());
        // (expert row, theme as generated) and (expert row, org as generated)
        let mut avoids: Vec<(usize, String)> = Vec::new();
        let mut excludes: Vec<(usize, String)> = Vec::new();
        let mut used = std::collections::HashSet::new();
        for _ in 0..mutate {
            let p = pairs.choose(&mut rng).unwrap();
            let (er, rr) = (base.experts[p.expert as usize].row, base.requests[p.request as usize].row);
            if !used.insert(er) {
                continue;
            }
            let x = &mut erows[er];
            if rng.gen_bool(0.5) {
                let themes: Vec<&str> = rrows[rr][themes_c].split(['|', ';', ',']).map(str::trim).collect();
                let t = themes.choose(&mut rng).unwrap().to_string();
                let spelt = theme_spelling(&t, true, &mut rng);
                x[avoid_c] = if x[avoid_c].is_empty() { spelt } else { format!("{}|{spelt}", x[avoid_c]) };
                avoids.push((er, t));
            } else {
                let o = rrows[rr][org_c].clone();
                let others: Vec<String> = orgs.iter().filter(|x| **x != o).cloned().collect();
                let spelt = org_spelling(&o, &others, &mut rng);
                x[excl_c] = match (x[excl_c].is_empty(), rng.gen_range(0..3)) {
                    (true, _) => spelt,
                    (false, 0) => format!("{spelt}|{}", x[excl_c]),
                    (false, _) => format!("{}|{spelt}", x[excl_c]),
                };
                excludes.push((er, o));
            }
        }
        let inst = load_csv(&csv_bytes(&eh, &erows), &csv_bytes(&rh, &rrows));
        let res = solve(&inst);
        for a in &res.assignments {
            let er = inst.experts[a.expert].row;
            let rr = inst.requests[a.request].row;
            let row = &rrows[rr];
            for (x, t) in &avoids {
                prop_assert!(
                    !(*x == er && row[themes_c].split(['|', ';', ',']).any(|y| y.trim() == t)),
                    "expert row {er} avoids {t:?} ({:?}) but is assigned to {} ({:?})",
                    erows[er][avoid_c], row[0], row[themes_c]
                );
            }
            for (x, o) in &excludes {
                prop_assert!(
                    !(*x == er && row[org_c] == *o),
                    "expert row {er} excludes {o:?} ({:?}) but is assigned to {}",
                    erows[er][excl_c], row[0]
                );
            }
        }
    }
}
