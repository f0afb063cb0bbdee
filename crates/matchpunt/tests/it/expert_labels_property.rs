//! Every line of `explain` and `suggest` that names an expert names them once: "Sam (E1)", or
//! "E1" for an expert without a name, never "Sam (E1) (E1)" nor "E1 (E1)" (trial 3, #20: the
//! runners-up of a team request that cannot be put in doubled the id).

use matchpunt::batch;
use matchpunt::explain::{self, Base};
use matchpunt::ingest::{load, Inputs, Source};
use matchpunt::messages::Lang;
use matchpunt::model::Instance;
use matchpunt::policy::Policy;
use matchpunt::solve::SolveOptions;
use proptest::prelude::*;

fn opts() -> SolveOptions {
    SolveOptions {
        time_limit: None,
        node_limit: 20_000,
        ..SolveOptions::default()
    }
}

/// The lines naming an expert twice in a row, in `texts`.
fn doubled<'a>(inst: &Instance, texts: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    let mut bad = Vec::new();
    for t in texts {
        for e in &inst.experts {
            let twice = [format!("({0}) ({0})", e.id), format!("{0} ({0})", e.id)];
            if twice.iter().any(|p| t.contains(p.as_str())) {
                bad.push(t.clone());
            }
        }
    }
    bad
}

/// Every text of the explain view of each request in `requests` and of its suggestion.
fn all_texts(inst: &Instance, policy: &Policy, requests: &[usize], lang: Lang) -> Vec<String> {
    let res = batch::run(inst, policy, &opts());
    let base = Base::from_result(inst, policy, opts(), &res);
    let mut out = Vec::new();
    for &r in requests {
        let v = base.explain_request(r, 4, lang);
        out.extend(v.assigned.iter().map(|a| a.text.clone()));
        out.extend(v.runners_up.iter().map(|a| a.text.clone()));
        let s = explain::suggest(inst, policy, r, None, 5);
        let sv = explain::suggest_view(inst, policy, &s, None, lang);
        out.push(explain::render_suggest(&sv, lang));
    }
    for e in 0..inst.experts.len().min(6) {
        out.push(base.explain_expert(e, 2, lang).text);
    }
    out
}

#[test]
fn the_team_example_names_each_runner_up_once() {
    let e = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/teams/experts.csv"
    ))
    .unwrap();
    let r = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/teams/requests.csv"
    ))
    .unwrap();
    let inputs = Inputs {
        experts: Source::new("experts.csv", &e[..]),
        requests: Source::new("requests.csv", &r[..]),
        history: None,
    };
    let policy = Policy::default();
    let inst = load(
        inputs,
        crate::common::places(),
        &policy,
        crate::common::week48(),
    )
    .unwrap()
    .instance;
    let all: Vec<usize> = (0..inst.requests.len()).collect();
    for lang in [Lang::En, Lang::Nl] {
        let texts = all_texts(&inst, &policy, &all, lang);
        // R4 is the request whose runners-up cannot be put in (the team rules): those lines
        // must be among the texts looked at.
        assert!(
            texts.iter().any(|t| t.contains("Sam (E1), score")),
            "{texts:#?}"
        );
        assert_eq!(doubled(&inst, &texts), Vec::<String>::new());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    /// Generated batches where some experts have no name: no line names an expert twice.
    #[test]
    fn no_line_names_an_expert_twice(seed in 0u64..10_000, nameless in 0u64..4) {
        let policy = Policy::default();
        let mut inst = crate::common::instance(24, 12, seed, &policy);
        for (i, e) in inst.experts.iter_mut().enumerate() {
            if (i as u64 + seed) % 4 <= nameless {
                e.name.clear();
            }
        }
        let some: Vec<usize> = (0..inst.requests.len()).step_by(3).collect();
        let texts = all_texts(&inst, &policy, &some, Lang::Nl);
        prop_assert_eq!(doubled(&inst, &texts), Vec::<String>::new());
    }
}
