//! The masked never-eligible counts cannot be given back by subtraction (the fourth new-user
//! trial, #11). Whoever reads the web pages knows the pool's size (the week page), the counts
//! of rules 1-2 (the week page's active count, `check`'s role table, the phone form's
//! candidates for a request of that role) and how many are eligible for the request (the
//! request page's candidates), so the sum of every stage's count; the request page must then
//! leave at least two personal counts (rules 3-4) possible whenever that count is masked.
//! Checked over random small pools (read from CSV like a coordinator's files) and over random
//! counts: every split of the hidden experts between the themes stage, the personal stage and
//! any other stage that shows the same is a possible world.

use matchpunt::eligibility::{check, Stage};
use matchpunt::explain::{never_eligible_counts, RuleCountView};
use matchpunt::ingest::{load, Inputs, Source};
use matchpunt::messages::Lang;
use matchpunt::policy::Policy;
use proptest::prelude::*;
use std::collections::BTreeMap;

/// The stages that are public anyway: rules 1 and 2.
fn public(s: Stage) -> bool {
    s <= Stage::Role
}

fn texts(v: &[RuleCountView]) -> Vec<String> {
    v.iter().map(|c| c.text.clone()).collect()
}

/// The personal counts that fit what the page shows for `counts`: every split of the
/// experts behind the stages after rule 2 between themes, personal and another stage (slot)
/// whose shown counts equal the page's. Sorted.
fn possible_personal(counts: &BTreeMap<Stage, usize>, lang: Lang) -> Vec<usize> {
    let shown = texts(&never_eligible_counts(counts.clone(), lang));
    let hidden: usize = counts
        .iter()
        .filter(|(s, _)| !public(**s))
        .map(|(_, c)| c)
        .sum();
    let mut out = Vec::new();
    for p in 0..=hidden {
        for t in 0..=hidden - p {
            let o = hidden - p - t;
            let mut alt: BTreeMap<Stage, usize> = counts
                .iter()
                .filter(|(s, _)| public(**s))
                .map(|(s, c)| (*s, *c))
                .collect();
            for (s, c) in [
                (Stage::NoSharedTheme, t),
                (Stage::Personal, p),
                (Stage::SlotUnavailable, o),
            ] {
                if c > 0 {
                    alt.insert(s, c);
                }
            }
            if texts(&never_eligible_counts(alt, lang)) == shown && !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out.sort_unstable();
    out
}

/// The property for one request's counts, in both languages.
fn holds(counts: &BTreeMap<Stage, usize>) -> Result<(), TestCaseError> {
    let personal = counts.get(&Stage::Personal).copied().unwrap_or(0);
    let themes = counts.get(&Stage::NoSharedTheme).copied().unwrap_or(0);
    let masked = (1..3).contains(&personal) || (1..3).contains(&themes);
    for lang in [Lang::En, Lang::Nl] {
        let shown = never_eligible_counts(counts.clone(), lang);
        if !masked {
            // Nothing masked: every count exact.
            let exact: Vec<(Stage, usize)> = counts.iter().map(|(s, c)| (*s, *c)).collect();
            prop_assert_eq!(shown.len(), exact.len());
            prop_assert!(shown
                .iter()
                .zip(&exact)
                .all(|(v, (_, c))| v.count == Some(*c)));
            continue;
        }
        // No exact count of a stage after rule 2, and one folded count for them.
        for v in &shown {
            prop_assert!(
                v.count.is_none() || ["1", "2"].contains(&v.rule),
                "an exact count after rule 2: {}",
                v.text
            );
        }
        prop_assert_eq!(shown.iter().filter(|v| v.count.is_none()).count(), 1);
        let possible = possible_personal(counts, lang);
        prop_assert!(possible.contains(&personal), "{:?}", possible);
        if (1..3).contains(&personal) {
            prop_assert!(
                possible.len() >= 2,
                "the personal count {} is given back: {:?} fits {:?}",
                personal,
                possible,
                texts(&shown)
            );
        }
    }
    Ok(())
}

/// One expert of a random small pool: (buddy?, has the theme, avoids it, excludes the
/// organisation, far away, free in the slot, active).
type Drawn = (bool, bool, bool, bool, bool, bool, bool);

fn experts_csv(pool: &[Drawn]) -> String {
    let mut s = String::from(
        "id;naam;rollen;gecertificeerd;thema's;vermijd_thema's;woonplaats;max_reisafstand_km;online;beschikbaarheid;uitgesloten_organisaties;actief\n",
    );
    for (i, &(buddy, theme, avoid, exclude, far, free, active)) in pool.iter().enumerate() {
        s.push_str(&format!(
            "E{};Naam {};{};ja;{};{};{};30;ja;{};{};{}\n",
            i + 1,
            i + 1,
            if buddy { "maatje" } else { "trainer" },
            if theme { "angst|pesten" } else { "pesten" },
            if avoid { "angst" } else { "" },
            if far { "Groningen" } else { "Utrecht" },
            if free { "*" } else { "do-middag" },
            if exclude { "Kwintes" } else { "" },
            if active { "ja" } else { "nee" },
        ));
    }
    s
}

const REQUESTS: &str = "aanvraag_id;organisatie;rol;thema's;plaats;online;dagdeel;aantal;intensiteit\nR1;Kwintes;maatje;angst;Utrecht;nee;wo-middag;3;2\n";

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Random small pools: the request's counts as the request page makes them.
    #[test]
    fn a_masked_personal_count_fits_two_values_over_random_small_pools(
        pool in proptest::collection::vec(any::<Drawn>(), 3..10),
    ) {
        let e = experts_csv(&pool);
        let policy = Policy::default();
        let inputs = Inputs {
            experts: Source::new("experts.csv", e.as_bytes()),
            requests: Source::new("requests.csv", REQUESTS.as_bytes()),
            history: None,
        };
        let week = crate::common::week48_unless_given();
        let inst = load(inputs, crate::common::places(), &policy, week).unwrap().instance;
        let req = &inst.requests[0];
        let mut counts: BTreeMap<Stage, usize> = BTreeMap::new();
        for x in &inst.experts {
            if let Some(first) = check(&inst, &policy, req, x).first_stage() {
                *counts.entry(first.rule_group()).or_default() += 1;
            }
        }
        holds(&counts)?;
    }

    /// Random counts of random stages.
    #[test]
    fn a_masked_personal_count_fits_two_values_over_random_counts(
        draw in proptest::collection::vec((0usize..9, 1usize..40), 1..8),
    ) {
        let stages = [
            Stage::Inactive,
            Stage::NotCertified,
            Stage::Role,
            Stage::NoSharedTheme,
            Stage::Personal,
            Stage::TooFar,
            Stage::Language,
            Stage::AgeGap,
            Stage::SlotUnavailable,
        ];
        let mut counts: BTreeMap<Stage, usize> = BTreeMap::new();
        for (s, c) in draw {
            counts.insert(stages[s].rule_group(), c);
        }
        holds(&counts)?;
    }
}

/// The trial's pool (7 experts: E1-E4 buddies, E5-E7 trainers; E1 excludes Kwintes; E4 in
/// Groningen; R1 at Kwintes for 3 buddies): the page said "rule 2: 2 or more, rules 3-4:
/// fewer than 3, rule 5: 1", and 7 - 3 - 2 - 1 = 1 gave E1's rule 4 back.
#[test]
fn the_trials_pool_shows_one_folded_count_after_rule_2() {
    let e = "id;naam;rollen;gecertificeerd;thema's;woonplaats;max_reisafstand_km;online;beschikbaarheid;uitgesloten_organisaties;actief\n\
        E1;Anna de Vries;maatje;ja;angst;Utrecht;30;ja;*;Kwintes;ja\n\
        E2;Bram Jansen;maatje;ja;angst;Utrecht;30;ja;*;;ja\n\
        E3;Chris Bakker;maatje;ja;angst;Zeist;30;ja;*;;ja\n\
        E4;Dewi Smit;maatje;ja;angst;Groningen;30;ja;*;;ja\n\
        E5;Eva Mol;trainer;ja;angst;Utrecht;30;ja;*;;ja\n\
        E6;Fleur Mol;trainer;ja;angst;Utrecht;30;ja;*;;ja\n\
        E7;Gijs Bos;trainer;ja;angst;Utrecht;30;ja;*;;ja\n";
    let policy = Policy::default();
    let inputs = Inputs {
        experts: Source::new("experts.csv", e.as_bytes()),
        requests: Source::new("requests.csv", REQUESTS.as_bytes()),
        history: None,
    };
    let inst = load(
        inputs,
        crate::common::places(),
        &policy,
        crate::common::week48_unless_given(),
    )
    .unwrap()
    .instance;
    let mut counts: BTreeMap<Stage, usize> = BTreeMap::new();
    for x in &inst.experts {
        if let Some(first) = check(&inst, &policy, &inst.requests[0], x).first_stage() {
            *counts.entry(first.rule_group()).or_default() += 1;
        }
    }
    assert_eq!(counts.get(&Stage::Personal), Some(&1));
    let nl = texts(&never_eligible_counts(counts.clone(), Lang::Nl));
    assert_eq!(
        nl,
        [
            "regel 2 (rol): 3",
            "regels 3-11 (thema's, persoonlijke redenen of andere regels): minder dan 3"
        ]
    );
    let en = texts(&never_eligible_counts(counts.clone(), Lang::En));
    assert_eq!(
        en[1],
        "rules 3-11 (themes, personal reasons or other rules): fewer than 3"
    );
    assert_eq!(possible_personal(&counts, Lang::Nl), [0, 1, 2]);
}
