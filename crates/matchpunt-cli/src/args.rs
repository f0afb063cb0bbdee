//! The option blocks that several commands share, each defined once and flattened into every
//! command that takes it (`#[command(flatten)]`), so that an option reads, parses and is
//! documented the same way everywhere: `--lang`, and a ledger command's `--ledger` with `--week`.

use crate::cmd::ledger::LedgerArg;
use crate::inputs::parse_week;
use matchpunt::messages::Lang;
use matchpunt::model::Week;
use matchpunt::policy::Policy;

/// `--lang en|nl`: the language of every text the command writes for a person (printouts,
/// warnings, and the column names and texts of its output files). Global, so that a command
/// with subcommands (`ledger`) takes it after the subcommand too.
#[derive(clap::Args, Debug, Clone, Copy, Default)]
pub struct LangArg {
    /// Language of the texts for a person (printouts, warnings, output columns and reasons): en
    /// or nl [default: the policy's texts.language where the command reads a policy, else en].
    #[arg(
        long,
        global = true,
        value_name = "LANG",
        value_parser = parse_lang,
        help_heading = "Output"
    )]
    pub lang: Option<Lang>,
}

impl LangArg {
    /// The language: `--lang`, else the policy's `[texts] language`.
    /// Also the language of the process's errors ([`crate::voice::set_reader`]).
    pub fn or_policy(self, policy: &Policy) -> Lang {
        let lang = self.lang.unwrap_or_else(|| policy.lang());
        crate::voice::set_reader(lang);
        lang
    }

    /// The language: `--lang`, else English (for a command that reads no policy).
    /// Also the language of the process's errors ([`crate::voice::set_reader`]).
    pub fn get(self) -> Lang {
        let lang = self.lang.unwrap_or_default();
        crate::voice::set_reader(lang);
        lang
    }
}

/// Parses `--lang`: en or nl (or english, engels, dutch, nederlands).
pub fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("{s:?} is not a language: expected en or nl"))
}

/// `--ledger FILE --week WEEK`: the season ledger and the week a ledger command works on.
#[derive(clap::Args, Debug, Clone)]
pub struct LedgerWeek {
    #[command(flatten)]
    pub ledger: LedgerArg,
    /// The ISO week, e.g. 2026-W48.
    #[arg(
        long,
        value_name = "WEEK",
        value_parser = parse_week,
        help_heading = "Season ledger"
    )]
    pub week: Week,
}
