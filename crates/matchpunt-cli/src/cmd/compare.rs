//! `matchpunt compare`: one batch under several policies and reference strategies, side by side.
//!
//! Also holds what `compare` and `simulate` share: the batch's files, read once into memory,
//! the list of contenders (`--policy` repeated, `--strategy` repeated), and the progress bar.

use crate::out::Outputs;
use anyhow::{bail, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use matchpunt::analysis::metrics::{self, Metrics, Row};
use matchpunt::analysis::simulate::Contender;
use matchpunt::batch;
use matchpunt::batch::strategy::Strategy;
use matchpunt::ingest::{self, Inputs, Loaded, Source, WeekChoice};
use matchpunt::messages::{Lang, Msg};
use matchpunt::model::places::Places;
use matchpunt::model::Week;
use matchpunt::policy::Policy;
use matchpunt::solve::SolveOptions;
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// The batch's files (as `run` takes them, without `--policy`, which names contenders here).
#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "Inputs")]
pub struct BatchArgs {
    /// Folder with experts.csv, requests.csv and (optional) history.csv, or one workbook
    /// (.xlsx, .ods, .xls) with the sheets experts, requests and (optional) history.
    #[arg(long, value_name = "DIR|BOOK", default_value = "data/sample")]
    pub data: PathBuf,
    /// Experts file [default: DIR/experts.csv].
    #[arg(long, value_name = "FILE")]
    pub experts: Option<PathBuf>,
    /// Requests file [default: DIR/requests.csv].
    #[arg(long, value_name = "FILE")]
    pub requests: Option<PathBuf>,
    /// History file [default: DIR/history.csv if it exists].
    #[arg(long, value_name = "FILE")]
    pub history: Option<PathBuf>,
    /// The batch's ISO week, e.g. 2026-W48 [default: the week after the latest history week,
    /// else the current week].
    #[arg(long, value_name = "WEEK", value_parser = crate::inputs::parse_week)]
    pub week: Option<Week>,
}

/// A file read into memory, with its name for messages.
pub struct File {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

impl File {
    pub fn read(path: &Path) -> Result<File> {
        let bytes = crate::voice::read(path)?;
        Ok(File {
            path: path.to_path_buf(),
            bytes,
        })
    }
    pub fn name(&self) -> String {
        self.path.display().to_string()
    }
}

/// The batch's files, read once.
pub struct BatchFiles {
    pub experts: File,
    pub requests: File,
    pub history: Option<File>,
    pub week: Option<Week>,
}

impl BatchArgs {
    pub fn read(&self) -> Result<BatchFiles> {
        if crate::inputs::is_book_path(&self.data) {
            // One workbook: each table not given as a file is its sheet.
            let book = crate::inputs::read_book(&self.data)?;
            let sheets = book.check()?;
            let from_book = |given: &Option<PathBuf>| match given {
                Some(p) => File::read(p),
                None => Ok(File {
                    path: book.path.clone(),
                    bytes: book.bytes.clone(),
                }),
            };
            let history = match (&self.history, &sheets.history) {
                (None, None) => None,
                (given, _) => Some(from_book(given)?),
            };
            return Ok(BatchFiles {
                experts: from_book(&self.experts)?,
                requests: from_book(&self.requests)?,
                history,
                week: self.week,
            });
        }
        let experts = self
            .experts
            .clone()
            .unwrap_or_else(|| self.data.join("experts.csv"));
        let requests = self
            .requests
            .clone()
            .unwrap_or_else(|| self.data.join("requests.csv"));
        let history = self.history.clone().or_else(|| {
            let p = self.data.join("history.csv");
            p.exists().then_some(p)
        });
        Ok(BatchFiles {
            experts: File::read(&experts)?,
            requests: File::read(&requests)?,
            history: history.as_deref().map(File::read).transpose()?,
            week: self.week,
        })
    }
}

impl BatchFiles {
    /// Reads and validates the batch under `policy`.
    pub fn load(&self, policy: &Policy, places: &Places) -> Result<Loaded> {
        let inputs = Inputs {
            experts: Source::new(self.experts.name(), &self.experts.bytes[..]),
            requests: Source::new(self.requests.name(), &self.requests.bytes[..]),
            history: self
                .history
                .as_ref()
                .map(|h| Source::new(h.name(), &h.bytes[..])),
        };
        let week = WeekChoice {
            given: self.week,
            fallback: crate::inputs::current_week(),
        };
        Ok(ingest::load(inputs, places, policy, week)?)
    }

    /// The input files, which an output must never replace.
    pub fn paths(&self) -> Vec<&Path> {
        let mut out = vec![self.experts.path.as_path(), self.requests.path.as_path()];
        if let Some(h) = &self.history {
            out.push(h.path.as_path());
        }
        out
    }
}

/// The contenders: policies and reference strategies.
#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "Contenders")]
pub struct ContenderArgs {
    /// A policy file (TOML) to compare; repeat for more. The word `default` is the built-in
    /// policy. Without any, the built-in policy alone.
    #[arg(long = "policy", value_name = "FILE")]
    pub policies: Vec<PathBuf>,
    /// A reference strategy to compare with: `greedy` (first come, first served) or
    /// `max-weight` (the exact solver without load-spread and fairness terms); repeat for
    /// both. They use the first policy's rules and report its scores.
    #[arg(long = "strategy", value_name = "NAME", value_parser = parse_strategy)]
    pub strategies: Vec<Strategy>,
}

fn parse_strategy(s: &str) -> Result<Strategy, String> {
    match Strategy::parse(s) {
        Some(st) if st != Strategy::Exact => Ok(st),
        _ => Err(format!("{s:?}: expected greedy or max-weight")),
    }
}

impl ContenderArgs {
    /// The contenders in order: the policies, then the strategies; names made unique.
    pub fn contenders(&self) -> Result<Vec<Contender>> {
        let mut out: Vec<Contender> = Vec::new();
        for p in &self.policies {
            let (name, policy) = if p.as_os_str() == "default" && !p.exists() {
                ("default".to_string(), Policy::default())
            } else {
                let text =
                    std::fs::read_to_string(p).map_err(|e| crate::voice::CannotOpen::new(p, &e))?;
                let name = p
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| p.display().to_string());
                (name, Policy::from_toml(&text, &p.display().to_string())?)
            };
            out.push(Contender {
                name,
                policy,
                strategy: Strategy::Exact,
            });
        }
        if out.is_empty() {
            out.push(Contender {
                name: "default".into(),
                policy: Policy::default(),
                strategy: Strategy::Exact,
            });
        }
        let base = out[0].policy.clone();
        for &s in &self.strategies {
            out.push(Contender {
                name: s.as_str().into(),
                policy: base.clone(),
                strategy: s,
            });
        }
        let mut seen: Vec<String> = Vec::new();
        for c in &mut out {
            let mut name = c.name.clone();
            let mut k = 2;
            while seen.contains(&name) {
                name = format!("{}-{k}", c.name);
                k += 1;
            }
            seen.push(name.clone());
            c.name = name;
        }
        Ok(out)
    }
}

/// A progress bar on stderr, drawn only when stderr is a terminal.
pub fn progress(len: u64, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {elapsed_precise} (eta {eta})")
    {
        pb.set_style(style.progress_chars("=> "));
    }
    pb.set_message(what.to_string());
    pb
}

/// Compare policies and reference strategies on one batch, side by side.
///
/// Runs the batch under each policy (and each reference strategy) in parallel and prints every
/// metric, with each column's difference to the first. `--out FILE` also writes the table as CSV.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    batch: BatchArgs,
    #[command(flatten)]
    contenders: ContenderArgs,
    /// Stop branching on load budgets after this many seconds and report the proven gap.
    #[arg(long, value_name = "SECS", default_value_t = 30.0,
        value_parser = crate::cmd::run::parse_seconds, allow_negative_numbers = true)]
    time_limit: f64,
    /// Also write the table as CSV (metric, each contender, and its difference to the first).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    #[command(flatten)]
    lang: crate::args::LangArg,
}

/// A number as written: a decimal comma in Dutch.
fn in_lang(s: String, lang: Lang) -> String {
    match lang {
        Lang::En => s,
        Lang::Nl => s.replace('.', ","),
    }
}

fn fmt_cell(r: &Row, lang: Lang) -> String {
    let s = if r.share {
        format!("{:.1}%", 100.0 * r.value)
    } else if r.value.fract() == 0.0 {
        format!("{:.0}", r.value)
    } else {
        format!("{:.2}", r.value)
    };
    in_lang(s, lang)
}

fn fmt_diff(r: &Row, first: &Row, lang: Lang) -> String {
    let d = r.value - first.value;
    let s = if r.share {
        format!("{:+.1}", 100.0 * d)
    } else if d.fract() == 0.0 {
        format!("{d:+.0}")
    } else {
        format!("{d:+.2}")
    };
    in_lang(s, lang)
}

/// The side-by-side table as text, in `lang` (the column `metric`, decimal commas in Dutch;
/// the metric names are the contract's). O(metrics × contenders).
pub fn table_text(names: &[String], all: &[Metrics], lang: Lang) -> String {
    let rows: Vec<Vec<Row>> = all.iter().map(Metrics::rows).collect();
    let mut cells: Vec<Vec<String>> = Vec::new();
    let mut header = vec![lang.text(Msg::CompareMetric).to_string()];
    header.extend(names.iter().cloned());
    cells.push(header);
    for (i, first) in rows[0].iter().enumerate() {
        let mut line = vec![first.name.clone(), fmt_cell(first, lang)];
        for col in &rows[1..] {
            let r = col.get(i).filter(|r| r.name == first.name);
            line.push(match r {
                Some(r) => format!("{} ({})", fmt_cell(r, lang), fmt_diff(r, first, lang)),
                None => "-".into(),
            });
        }
        cells.push(line);
    }
    let widths: Vec<usize> = (0..cells[0].len())
        .map(|c| {
            cells
                .iter()
                .map(|l| l[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut s = String::new();
    for line in &cells {
        for (c, cell) in line.iter().enumerate() {
            if c == 0 {
                s.push_str(&format!("{cell:<w$}", w = widths[0]));
            } else {
                s.push_str(&format!("  {cell:>w$}", w = widths[c]));
            }
        }
        s.push('\n');
    }
    s
}

/// The mean score of `res`'s assignments with the score's parts weighted by `policy`: the same
/// seats measured with one ruler. 0 without assignments.
fn score_under(res: &batch::BatchResult, policy: &matchpunt::policy::Policy) -> f64 {
    let n = res.assignments.len();
    if n == 0 {
        return 0.0;
    }
    let sum: f64 = res
        .assignments
        .iter()
        .map(|a| res.scored[a.scored].parts.score(policy))
        .sum();
    sum / n as f64
}

/// When the contenders weigh the score's parts differently, a line saying that their
/// `mean_score` difference is partly one of weights, with every contender's mean score under
/// the first one's weights (`common`), in `lang`; empty when all weights are the same.
pub fn weights_note(names: &[String], weights: &[[f64; 7]], common: &[f64], lang: Lang) -> String {
    if weights.iter().all(|w| *w == weights[0]) {
        return String::new();
    }
    let scores: Vec<String> = names
        .iter()
        .zip(common)
        .map(|(n, v)| format!("{n} {}", in_lang(format!("{v:.2}"), lang)))
        .collect();
    let text = lang.fill(
        Msg::CompareWeights,
        &[("first", &names[0]), ("scores", &scores.join(", "))],
    );
    format!("{}\n", lang.fill(Msg::Note, &[("text", &text)]))
}

/// The table as CSV: the column names in `lang`, the numbers with six decimals and a point
/// (for analysis tools), `,`-separated.
fn write_csv(names: &[String], all: &[Metrics], w: &mut dyn Write, lang: Lang) -> Result<()> {
    let rows: Vec<Vec<Row>> = all.iter().map(Metrics::rows).collect();
    let mut out = csv::Writer::from_writer(w);
    let mut header = vec![lang.text(Msg::CompareMetric).to_string(), names[0].clone()];
    for n in &names[1..] {
        header.push(n.clone());
        header.push(lang.fill(Msg::CompareDiff, &[("name", n)]));
    }
    out.write_record(&header)?;
    for (i, first) in rows[0].iter().enumerate() {
        let mut line = vec![first.name.clone(), format!("{:.6}", first.value)];
        for col in &rows[1..] {
            match col.get(i).filter(|r| r.name == first.name) {
                Some(r) => {
                    line.push(format!("{:.6}", r.value));
                    line.push(format!("{:.6}", r.value - first.value));
                }
                None => line.extend([String::new(), String::new()]),
            }
        }
        out.write_record(&line)?;
    }
    out.flush()?;
    Ok(())
}

pub fn run(args: Args) -> Result<ExitCode> {
    // --lang, else the first policy's texts.language (an error before it: --lang as given).
    let contenders = args.contenders.contenders()?;
    let lang = args.lang.or_policy(&contenders[0].policy);
    let files = args.batch.read()?;
    let places = Places::bundled();
    let opts = SolveOptions {
        time_limit: Some(Duration::from_secs_f64(args.time_limit)),
        ..SolveOptions::default()
    };
    let pb = progress(contenders.len() as u64, "compare");
    let first = &contenders[0].policy;
    let results: Vec<Result<(Metrics, Vec<matchpunt::ingest::Warning>, f64)>> = contenders
        .par_iter()
        .map(|c| {
            let loaded = files.load(&c.policy, &places)?;
            let inst = &loaded.instance;
            let res = batch::run_with(inst, &c.policy, &opts, c.strategy);
            let provinces = metrics::request_provinces(inst, &places);
            pb.inc(1);
            Ok((
                metrics::compute(inst, &c.policy, &res, &provinces),
                loaded.warnings.clone(),
                score_under(&res, first),
            ))
        })
        .collect();
    pb.finish_and_clear();
    let mut all = Vec::new();
    let mut common = Vec::new();
    let mut warned = std::collections::BTreeSet::new();
    for r in results {
        let (m, warnings, under_first) = r?;
        common.push(under_first);
        for w in warnings {
            let text = w.render(lang).to_string();
            if warned.insert(text.clone()) {
                eprintln!("{}", lang.fill(Msg::Warning, &[("text", &text)]));
            }
        }
        all.push(m);
    }
    let names: Vec<String> = contenders.iter().map(|c| c.name.clone()).collect();
    if let Some(path) = &args.out {
        if path.as_os_str().is_empty() {
            bail!("--out needs a file name");
        }
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let mut outs = Outputs::new(dir, &files.paths())?;
        outs.stage_path(path, |w| write_csv(&names, &all, w, lang))?;
        outs.commit()?;
    }
    let mut out = std::io::stdout().lock();
    out.write_all(table_text(&names, &all, lang).as_bytes())?;
    let weights: Vec<[f64; 7]> = contenders
        .iter()
        .map(|c| c.policy.weights.as_array())
        .collect();
    out.write_all(weights_note(&names, &weights, &common, lang).as_bytes())?;
    if let Some(path) = &args.out {
        writeln!(
            out,
            "{}",
            lang.fill(Msg::Wrote, &[("files", &path.display())])
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::weights_note;
    use matchpunt::messages::Lang;

    #[test]
    fn the_note_names_a_difference_of_weights_only_when_there_is_one() {
        let names = ["default".to_string(), "protect-load".to_string()];
        let same = [[30.0, 15.0, 15.0, 10.0, 10.0, 10.0, 10.0]; 2];
        assert_eq!(weights_note(&names, &same, &[70.0, 69.0], Lang::En), "");
        let mut other = same;
        other[1][3] = 35.0;
        let nl = weights_note(&names, &other, &[70.0, 68.25], Lang::Nl);
        assert!(
            nl.starts_with("let op: de beleidsregels wegen")
                && nl.contains("default 70,00, protect-load 68,25"),
            "{nl}"
        );
        let note = weights_note(&names, &other, &[70.0, 68.25], Lang::En);
        assert!(note.contains("partly a difference of weights"), "{note}");
        assert!(
            note.contains("with the weights of default: default 70.00, protect-load 68.25"),
            "{note}"
        );
    }
}
