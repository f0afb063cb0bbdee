//! One theme identity for rule 3 on both sides (the third trial's finding 2): an everyday word
//! of the avoid table ([`AVOID_SYNONYMS`]) or a spelling of the vocabulary stands for its theme
//! whether the expert's `avoid_themes` cell or the request writes it, on the batch path and the
//! phone path (the inline request of `suggest`/`book`/the web form), and heavy themes are read
//! by the same identity. The trial's batches are kept as cases.

use crate::common::loaded;
use crate::themes_safe_side::{batch_refuses, inline_refuses};
use matchpunt::model::theme_key;
use matchpunt::names::themes::{Vocabulary, AVOID_SYNONYMS};
use matchpunt::policy::Policy;
use proptest::prelude::*;

/// Every spelling that stands for the theme `key`: the vocabulary's forms (as folded) and the
/// table's words.
fn spellings_of(key: &str) -> Vec<String> {
    let v = Vocabulary::bundled();
    let t = v.by_key(key).unwrap();
    let mut out: Vec<String> = t.forms.clone();
    out.extend(
        AVOID_SYNONYMS
            .iter()
            .filter(|(_, th)| theme_key(th) == key)
            .map(|(w, _)| w.to_string()),
    );
    out
}

/// The pairs (a, b) of spellings of one theme where at least one is a table word.
fn table_pairs() -> Vec<(String, String)> {
    let mut keys: Vec<String> = AVOID_SYNONYMS.iter().map(|(_, t)| theme_key(t)).collect();
    keys.sort();
    keys.dedup();
    let mut out = Vec::new();
    for k in keys {
        let s = spellings_of(&k);
        let words: Vec<&str> = AVOID_SYNONYMS
            .iter()
            .filter(|(_, t)| theme_key(t) == k)
            .map(|(w, _)| *w)
            .collect();
        for a in &s {
            for b in &s {
                if a != b && (words.contains(&a.as_str()) || words.contains(&b.as_str())) {
                    out.push((a.clone(), b.clone()));
                }
            }
        }
    }
    out
}

/// The comparison itself, over every pair, both ways: a table word and any spelling of its
/// theme (or another word of it) are one theme for rule 3; heavy reads them alike.
#[test]
fn every_table_pair_is_one_theme_both_ways_and_equally_heavy() {
    let v = Vocabulary::bundled();
    let p = Policy::default();
    let pairs = table_pairs();
    assert!(pairs.len() > 100, "{}", pairs.len());
    for (a, b) in &pairs {
        assert!(
            theme_key(a) == theme_key(b) || v.safe_side_same(a, b),
            "avoid {a:?}, request {b:?}"
        );
        assert_eq!(
            p.is_heavy([a.as_str()]),
            p.is_heavy([b.as_str()]),
            "{a} / {b}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// For a pair (a, b) of one theme (one of them a table word) and either side: avoiding a
    /// keeps the expert from a request on b, on the batch path and the phone path.
    #[test]
    fn avoid_a_request_b_is_never_assigned(i in 0usize..10_000, swap in any::<bool>()) {
        let pairs = table_pairs();
        let (a, b) = &pairs[i % pairs.len()];
        let (a, b) = if swap { (b, a) } else { (a, b) };
        prop_assert!(batch_refuses(a, &format!("sport|{b}")), "avoid {a:?}, request {b:?}");
        prop_assert!(inline_refuses(a, &format!("sport,{b}")), "avoid {a:?}, request {b:?}");
    }
}

/// The trial's words, each written by the request while the expert avoids the theme (or
/// another word of it), and a vocabulary phrase holding the avoided word (`overlijden ouder`).
#[test]
fn the_trials_request_words_are_avoided() {
    for (avoid, req) in [
        ("overlijden", "overlijden ouder"),
        ("overlijden", "overlijden van een ouder"),
        ("zelfmoord", "zelfdoding"),
        ("suïcidaliteit", "zelfdoding"),
        ("suïcidaliteit", "doodswens"),
        ("zelfbeschadiging", "snijden"),
        ("zelfbeschadiging", "krassen"),
        ("verslaving", "gokken"),
        ("verslaving", "blowen"),
        ("verslaving", "drugs"),
        ("verslaving", "alcoholgebruik"),
        ("seksueel misbruik", "verkrachting"),
        ("seksueel misbruik", "aanranding"),
        ("echtscheiding", "gescheiden ouders"),
        ("scheiding", "gescheiden ouders"),
        ("zelfmoord", "suïcide"),
    ] {
        assert!(
            batch_refuses(avoid, &format!("angst|{req}")),
            "{avoid} / {req}"
        );
        assert!(
            inline_refuses(avoid, &format!("angst,{req}")),
            "{avoid} / {req}"
        );
    }
    // Not more than the theme: a request on another theme stays open.
    assert!(!batch_refuses("zelfmoord", "angst|pesten"));
    assert!(!batch_refuses("overlijden", "angst|depressie"));
}

/// The trial's batch (trial3-rule3a): E1 avoids `overlijden`, E2 `zelfmoord`, E3 `verslaving`;
/// R1 is on `overlijden ouder`, R2 on `zelfdoding`, R3 on `drugs`. Each expert is kept from the
/// request on their theme.
#[test]
fn the_trials_rule3a_batch_keeps_each_expert_away() {
    let experts = "id;naam;rollen;gecertificeerd;thema's;vermijd_thema's;woonplaats;max_reisafstand_km;online;beschikbaarheid;actief\r\n\
        E1;Anna de Vries;maatje;ja;angst|pesten;overlijden;Utrecht;30;ja;*;ja\r\n\
        E2;Bram Jansen;maatje;ja;angst|pesten;zelfmoord;Utrecht;30;ja;*;ja\r\n\
        E3;Chris Bakker;maatje;ja;angst|pesten;verslaving;Utrecht;30;ja;*;ja\r\n";
    let requests =
        "aanvraag_id;organisatie;rol;thema's;plaats;online;dagdeel;aantal;intensiteit\r\n\
        R1;Kwintes;maatje;angst|overlijden ouder;Utrecht;nee;wo-middag;3;2\r\n\
        R2;Pluryn;maatje;angst|zelfdoding;Utrecht;nee;do-middag;3;2\r\n\
        R3;Youké;maatje;angst|drugs;Utrecht;nee;vr-middag;3;2\r\n";
    let l = loaded(experts, requests);
    let i = &l.instance;
    let p = Policy::default();
    for (e, r) in [(0, 0), (1, 1), (2, 2)] {
        for (rr, req) in i.requests.iter().enumerate() {
            let why = matchpunt::eligibility::check(i, &p, req, &i.experts[e]);
            assert_eq!(
                why.contains(matchpunt::eligibility::Reason::AvoidedTheme),
                rr == r,
                "{} / {}",
                i.experts[e].id,
                req.id
            );
        }
    }
}

/// The trial's heavy batch (trial3-heavy): `zelfdoding` and `doodswens` are heavy where
/// `suïcidaliteit` is, so their seats cost the same default intensity.
#[test]
fn the_trials_heavy_words_cost_the_heavy_intensity() {
    let p = Policy::default();
    let heavy = p.default_intensity(matchpunt::model::Role::Buddy, ["angst", "suïcidaliteit"]);
    for t in [
        "zelfdoding",
        "doodswens",
        "suicidaal",
        "snijden",
        "zelfmoord",
    ] {
        assert_eq!(
            p.default_intensity(matchpunt::model::Role::Buddy, ["angst", t]),
            heavy,
            "{t}"
        );
    }
    assert!(
        p.default_intensity(matchpunt::model::Role::Buddy, ["angst"]) < heavy,
        "angst alone is not heavy"
    );
}
