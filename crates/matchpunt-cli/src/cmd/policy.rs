//! `matchpunt policy`: print or check a matching policy.

use anyhow::Result;
use matchpunt::policy::DEFAULT_POLICY_TOML;
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
    /// Check a policy file and print it as the engine reads it: TOML with every field, the
    /// defaults filled in (usable as a policy file itself).
    #[arg(long, value_name = "FILE")]
    check: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    if args.default {
        out.write_all(DEFAULT_POLICY_TOML.as_bytes())?;
    } else if let Some(p) = args.check {
        let policy = crate::inputs::read_policy(&p)?;
        writeln!(
            out,
            "# {} is a valid policy. As the engine reads it, with every default filled in:\n",
            p.display()
        )?;
        out.write_all(policy.to_toml().as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}
