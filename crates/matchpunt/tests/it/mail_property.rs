//! `matchpunt messages`' texts over random batches: a text names no theme but the request's own,
//! none of the expert's excluded organisations, and nothing that tells rule 3 from rule 4.

use crate::common::instance;
use matchpunt::batch;
use matchpunt::messages::Lang;
use matchpunt::policy::Policy;
use matchpunt::report::mail::{rows_of, Event, Kind, Templates};
use matchpunt::solve::SolveOptions;
use proptest::prelude::*;

/// The words of a text, lower case (letters, digits and `-`).
fn words(t: &str) -> Vec<String> {
    t.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `text` holds `phrase` as whole words.
fn has_phrase(text: &[String], phrase: &str) -> bool {
    let p = words(phrase);
    !p.is_empty() && text.windows(p.len()).any(|w| w == p.as_slice())
}

const TELLTALE: [&str; 16] = [
    "rule 3",
    "rule 4",
    "regel 3",
    "regel 4",
    "personal",
    "persoonlijk",
    "persoonlijke",
    "avoid",
    "avoids",
    "vermijdt",
    "excluded",
    "uitgesloten",
    "former",
    "client",
    "cliënt",
    "themes",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn messages_name_no_other_theme_and_nothing_of_rules_3_and_4(
        seed in 0u64..10_000,
        experts in 20usize..80,
        requests in 10usize..60,
        nl in any::<bool>(),
    ) {
        let policy = Policy::default();
        let inst = instance(experts, requests, seed, &policy);
        let opts = SolveOptions { time_limit: None, node_limit: 2_000, ..SolveOptions::default() };
        let res = batch::run(&inst, &policy, &opts);
        let week = inst.week.unwrap();
        let t = Templates::builtin();
        let lang = if nl { Lang::Nl } else { Lang::En };
        for (i, a) in res.assignments.iter().enumerate() {
            let req = &inst.requests[a.request];
            let ex = &inst.experts[a.expert];
            let e = Event {
                kind: Kind::ALL[i % Kind::ALL.len()],
                request: req.id.clone(),
                org: inst.orgs.name(req.org).to_string(),
                role: req.role,
                slot: req.slot,
                place: req.place.clone(),
                online: req.online,
                topics: req.themes.iter().map(|&x| inst.themes.name(x).to_string()).collect(),
                expert: ex.id.clone(),
                expert_name: ex.name.clone(),
                expert_lang: lang,
                org_lang: if i % 2 == 0 { Lang::Nl } else { Lang::En },
                expert_contact: Vec::new(),
                org_contact: Vec::new(),
            };
            for row in rows_of(&e, week, &t) {
                // The request's organisation, place and the expert's name are the request's and
                // the reader's own (an organisation may be called "... Jeugdzorg"): taken out
                // before looking for themes.
                let mut plain = format!("{} {}", row.subject, row.text);
                // The request's own themes likewise ("gesloten jeugdzorg" holds "jeugdzorg").
                let own_fields = [e.org.as_str(), e.place.as_str(), e.expert_name.as_str()];
                let mut owns: Vec<&str> = e.topics.iter().map(String::as_str).collect();
                owns.sort_by_key(|t| std::cmp::Reverse(t.len()));
                for own in own_fields.into_iter().chain(owns) {
                    if !own.is_empty() {
                        plain = plain.replace(own, " ");
                    }
                }
                let text = words(&plain);
                // No theme of the vocabulary but the request's own (an expert's themes and
                // avoided themes included).
                for th in ex.themes.iter().chain(&ex.avoid_themes) {
                    if req.themes.contains(th) {
                        continue;
                    }
                    let name = inst.themes.name(*th);
                    prop_assert!(!has_phrase(&text, name), "{name:?} in {}", row.text);
                }
                for org in &ex.excluded_org_names {
                    prop_assert!(!has_phrase(&text, org), "{org:?} in {}", row.text);
                }
                for w in TELLTALE {
                    prop_assert!(!has_phrase(&text, w), "{w:?} in {}", row.text);
                }
            }
        }
    }
}
