//! `matchpunt policy`: print or check a matching policy.

use anyhow::{Context, Result};
use matchpunt::policy::{Policy, DEFAULT_POLICY_TOML};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Print the default policy, or check a policy file.
///
/// A policy (TOML) sets the hard-rule defaults (travel, load budget, age gap, roles open to
/// uncertified experts), default intensities and the weights of the score. Every field is
/// optional: start from `matchpunt policy --default > policy.toml` and change what you test.
#[derive(clap::Args, Debug)]
#[command(arg_required_else_help = true)]
pub struct Args {
    /// Print the built-in default policy with comments.
    #[arg(long, conflicts_with = "check")]
    default: bool,
    /// Check a policy file and print it as the engine reads it.
    #[arg(long, value_name = "FILE")]
    check: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    if args.default {
        out.write_all(DEFAULT_POLICY_TOML.as_bytes())?;
    } else if let Some(p) = args.check {
        let text = std::fs::read_to_string(&p)
            .with_context(|| format!("cannot read policy file {}", p.display()))?;
        let policy = Policy::from_toml(&text, &p.display().to_string())?;
        writeln!(out, "{} is a valid policy:\n{policy:#?}", p.display())?;
    }
    Ok(ExitCode::SUCCESS)
}
