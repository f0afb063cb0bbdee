//! `matchpunt serve`: the match point's local web page.

use anyhow::{Context, Result};
use matchpunt::model::Week;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Serve the match point's web page: the week at a glance, a request form for phone requests
/// with the best candidates and why, and the explain view of each expert and request.
///
/// Prints the address and serves until Ctrl-C. Listens on loopback only, unless an access token
/// is set (MATCHPUNT_TOKEN or --token-file, at least 128 bits: e.g. `openssl rand -hex 32`):
/// then every page needs a sign-in with a user name and the token. Errors in the data folder
/// are shown on the page; its Reload button reads the folder again.
///
/// With a season ledger (--ledger FILE or MATCHPUNT_LEDGER) the page shows the ledger's week
/// (--week, default the current week): its latest run's proposals, decisions and bookings, and
/// the phone form's candidates get a book button (sign-in with a user name needed; the name is
/// recorded in the ledger's log). Without a ledger, --decisions (default: the changes.csv of
/// the --assignments run folder) gives this week's declines: a declined pair is never put
/// forward again.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Folder with experts.csv, requests.csv and (optional) history.csv, or one workbook
    /// (.xlsx, .ods, .xls) with the sheets experts, requests and (optional) history.
    #[arg(long, value_name = "DIR|BOOK", default_value = "data/sample")]
    data: PathBuf,
    /// A run's assignments.csv: show these assignments instead of solving the batch.
    #[arg(long, value_name = "FILE")]
    assignments: Option<PathBuf>,
    /// Policy file (TOML) [default: the built-in policy].
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// The batch's ISO week, e.g. 2026-W48 [default: the week after the latest history week,
    /// else the current week].
    #[arg(long, value_name = "WEEK", value_parser = crate::inputs::parse_week)]
    week: Option<Week>,
    /// Address to listen on (`localhost:8080` is 127.0.0.1:8080). Anything but loopback needs
    /// an access token.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080", value_parser = parse_bind)]
    bind: SocketAddr,
    /// File holding the access token (at least 16 characters); MATCHPUNT_TOKEN also sets it.
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,
    /// Stop the batch's proof of optimality after this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30.0,
        value_parser = crate::cmd::run::parse_seconds, allow_negative_numbers = true)]
    time_limit: f64,
    /// Print one line per request to stderr: method, path (never the query), status, time.
    #[arg(long)]
    access_log: bool,
    #[command(flatten)]
    ledger: crate::cmd::ledger::LedgerArg,
    #[command(flatten)]
    decisions: crate::round::DecisionsArg,
    /// Sign a user out after this many minutes without a request.
    #[arg(long, value_name = "MIN", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=1440))]
    session_minutes: u64,
    /// Most connections served at once; more wait until one closes.
    #[arg(long, value_name = "N", default_value_t = 512, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    max_connections: u64,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let token = match &args.token_file {
        Some(p) => Some(
            std::fs::read_to_string(p)
                .with_context(|| format!("cannot read token file {}", p.display()))?
                .trim()
                .to_string(),
        ),
        None => std::env::var("MATCHPUNT_TOKEN")
            .ok()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty()),
    };
    let cfg = matchpunt_web::Config {
        data: args.data,
        policy: args.policy,
        decisions: args.decisions.file(args.assignments.as_deref()),
        assignments: args.assignments,
        week: args.week,
        time_limit: Duration::from_secs_f64(args.time_limit),
        token,
        access_log: args.access_log,
        ledger: args.ledger.ledger,
        session_idle: Duration::from_secs(args.session_minutes * 60),
        max_connections: args.max_connections as usize,
        ..matchpunt_web::Config::new("")
    };
    matchpunt_web::serve_blocking(cfg, args.bind)?;
    Ok(ExitCode::SUCCESS)
}

/// `--bind`: an address and port (`127.0.0.1:8080`, `[::1]:8080`), or `localhost:PORT` as
/// `127.0.0.1:PORT` (the trial's `localhost:8080` got "invalid socket address syntax" alone).
fn parse_bind(s: &str) -> Result<SocketAddr, String> {
    let t = s.trim();
    if let Ok(a) = t.parse() {
        return Ok(a);
    }
    if let Some(port) = t
        .strip_prefix("localhost:")
        .and_then(|p| p.parse::<u16>().ok())
    {
        return Ok(SocketAddr::from(([127, 0, 0, 1], port)));
    }
    Err(format!(
        "{s:?} is no address and port: write e.g. 127.0.0.1:8080 (or localhost:8080) for this computer only, or 0.0.0.0:8080 for the network (which needs an access token)"
    ))
}
