//! The weekly batch through the library, without the CLI: load the sample, run, print.
//!
//! `cargo run --example weekly_batch -p matchpunt`

use matchpunt::ingest::{load, Inputs, Source, WeekChoice};
use matchpunt::model::places::Places;
use matchpunt::model::Week;
use matchpunt::policy::Policy;
use matchpunt::report::{fmt_units, summary_text, unmatched};
use matchpunt::solve::SolveOptions;
use std::fs::File;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample");
    let open = |f: &str| -> std::io::Result<Source<'static>> {
        Ok(Source::new(f.to_string(), File::open(dir.join(f))?))
    };
    let inputs = Inputs {
        experts: open("experts.csv")?,
        requests: open("requests.csv")?,
        history: Some(open("history.csv")?),
    };
    let policy = Policy::default();
    let week = WeekChoice {
        given: None,
        fallback: Week::parse("2026-W48").expect("a valid week"),
    };
    let loaded = load(inputs, &Places::bundled(), &policy, week)?;
    let inst = &loaded.instance;
    let res = matchpunt::batch::run(inst, &policy, &SolveOptions::default());
    print!("{}", summary_text(inst, &res));
    for a in res.assignments.iter().take(5) {
        println!(
            "{} -> {} (value {})",
            inst.requests[a.request].id,
            inst.experts[a.expert].id,
            fmt_units(res.scored[a.scored].value)
        );
    }
    for u in unmatched(inst, &policy, &res).iter().take(3) {
        println!("{} open: {}", inst.requests[u.request].id, u.reason);
    }
    Ok(())
}
