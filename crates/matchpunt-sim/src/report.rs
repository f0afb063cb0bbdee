//! A simulation's outcome as CSV files and as the terminal summary.
//!
//! Every function writes to a writer it is handed. Numbers are written with a fixed number of
//! decimals, so the same simulation gives the same bytes.

use matchpunt::analysis::metrics::Row;
use matchpunt::analysis::simulate::{ContenderRun, WeekRecord};
use matchpunt::messages::{Lang, Msg};
use std::io::Write;

/// The per-week metrics of a record, as named numbers: the batch metrics (without the
/// per-province rows, whose set changes from week to week), then `declined`,
/// `eligible_experts` and `starved`.
pub fn week_rows(w: &WeekRecord) -> Vec<Row> {
    let mut rows: Vec<Row> = w
        .metrics
        .rows()
        .into_iter()
        .filter(|r| !r.name.starts_with("fill_rate.province."))
        .collect();
    for (name, value, better) in [
        ("declined", w.declined as f64, None),
        ("eligible_experts", w.eligible_experts as f64, None),
        ("starved", w.starved as f64, Some(false)),
    ] {
        rows.push(Row {
            name: name.to_string(),
            value,
            higher_is_better: better,
            share: false,
        });
    }
    rows
}

/// Formats a metric value: whole numbers without decimals, others with four.
pub fn fmt_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v:.4}")
    }
}

/// Writes `metrics.csv`: one row per (policy, week), one column per metric of [`week_rows`].
///
/// # Errors
///
/// Any error of the writer.
pub fn write_metrics<W: Write>(runs: &[ContenderRun], w: W) -> csv::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    let Some(first) = runs.iter().flat_map(|r| r.weeks.first()).next() else {
        out.write_record(["policy", "week"])?;
        out.flush()?;
        return Ok(());
    };
    let mut header = vec!["policy".to_string(), "week".to_string()];
    header.extend(week_rows(first).into_iter().map(|r| r.name));
    out.write_record(&header)?;
    for run in runs {
        for wk in &run.weeks {
            let mut row = vec![run.name.clone(), wk.week.to_string()];
            row.extend(week_rows(wk).iter().map(|r| fmt_value(r.value)));
            out.write_record(&row)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Writes `assignments.csv`: every proposed assignment of every week and policy, declined ones
/// marked.
///
/// # Errors
///
/// Any error of the writer.
pub fn write_assignments<W: Write>(runs: &[ContenderRun], w: W) -> csv::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record([
        "policy",
        "week",
        "request",
        "expert",
        "org",
        "role",
        "slot",
        "intensity",
        "score",
        "pinned",
        "declined",
    ])?;
    for run in runs {
        for wk in &run.weeks {
            let week = wk.week.to_string();
            for a in &wk.assignments {
                out.write_record([
                    run.name.as_str(),
                    &week,
                    &a.request,
                    &a.expert,
                    &a.org,
                    a.role.as_str(),
                    &a.slot,
                    &a.intensity.to_string(),
                    &format!("{:.3}", a.score),
                    if a.pinned { "yes" } else { "no" },
                    if a.declined { "yes" } else { "no" },
                ])?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// The summary columns, with their headings in the terminal table.
pub const SUMMARY_COLUMNS: [(&str, &str); 17] = [
    ("seats_asked", "asked"),
    ("seats_filled", "filled"),
    ("fill_rate", "fill%"),
    ("urgent_fill_rate", "urgent%"),
    ("mean_score", "score"),
    ("load_points_p90", "pts p90"),
    ("load_points_max", "pts max"),
    ("load_share_p90", "load% p90"),
    ("load_share_max", "load% max"),
    ("at_full_budget", "at budget%"),
    ("full_budget_streaks", "3wk full"),
    ("starved_experts", "starved"),
    ("starved_per_week", "starved/wk"),
    ("eligible_experts", "pool"),
    ("top10_share", "top10%"),
    ("continuity_rate", "contin%"),
    ("declined", "declined"),
];

fn summary_values(run: &ContenderRun) -> [f64; 17] {
    let s = &run.summary;
    [
        s.seats_asked as f64,
        s.seats_filled as f64,
        s.fill_rate,
        s.urgent_fill_rate,
        s.mean_score,
        s.load_points_p90,
        s.load_points_max,
        s.load_share_p90,
        s.load_share_max,
        s.at_full_budget,
        s.full_budget_streaks as f64,
        s.starved_experts as f64,
        s.starved_per_week,
        s.eligible_experts as f64,
        s.top10_share,
        s.continuity_rate,
        s.declined as f64,
    ]
}

/// The team and trajectory columns of `summary.csv` (issue 24), after [`SUMMARY_COLUMNS`]:
/// new experts deployed alone (the team rules make it 0) and beside an experienced one,
/// trajectories started, and their later meetings that kept their expert or lost them. Counts
/// over the run; not in the terminal table (`simulate` prints them on a line of their own) but in
/// the report's table of their own ([`crate::html::render`]).
pub const TEAM_COLUMNS: [(&str, &str); 5] = [
    ("new_alone", "new experts alone"),
    ("new_in_team", "new beside an experienced one"),
    ("trajectories_started", "trajectories started"),
    ("meetings_kept", "later meetings that kept their expert"),
    ("meetings_lost", "later meetings that lost it"),
];

/// The values of [`TEAM_COLUMNS`] of a run, in that order.
pub fn team_values(run: &ContenderRun) -> [u64; 5] {
    let s = &run.summary;
    [
        s.new_alone,
        s.new_in_team,
        s.trajectories_started,
        s.meetings_kept,
        s.meetings_lost,
    ]
}

/// Whether a summary column is a share (0 to 1), shown in % in the terminal and the report.
pub fn is_share_column(name: &str) -> bool {
    matches!(
        name,
        "fill_rate"
            | "urgent_fill_rate"
            | "top10_share"
            | "continuity_rate"
            | "at_full_budget"
            | "load_share_p90"
            | "load_share_max"
    )
}

/// Writes `summary.csv`: one row per policy, the columns of [`SUMMARY_COLUMNS`] then those of
/// [`TEAM_COLUMNS`].
///
/// # Errors
///
/// Any error of the writer.
pub fn write_summary<W: Write>(runs: &[ContenderRun], w: W) -> csv::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    let mut header = vec!["policy"];
    header.extend(SUMMARY_COLUMNS.iter().map(|c| c.0));
    header.extend(TEAM_COLUMNS.iter().map(|c| c.0));
    out.write_record(&header)?;
    for run in runs {
        let mut row = vec![run.name.clone()];
        row.extend(summary_values(run).iter().map(|&v| fmt_value(v)));
        row.extend(team_values(run).iter().map(u64::to_string));
        out.write_record(&row)?;
    }
    out.flush()?;
    Ok(())
}

/// The summary as a terminal table: fill rate, load share p90 and max, starved experts (ever,
/// and per week), the share of seats held by the top 10% of experts, continuity, declines.
pub fn summary_text(runs: &[ContenderRun]) -> String {
    summary_text_in(runs, Lang::En)
}

/// [`summary_text`] in `lang`: the column labels from the message table
/// ([`Msg::SimColumns`]), numbers with a decimal comma in Dutch. O(contenders × columns).
pub fn summary_text_in(runs: &[ContenderRun], lang: Lang) -> String {
    let labels: Vec<&str> = lang.text(Msg::SimColumns).split('|').collect();
    let width = runs
        .iter()
        .map(|r| r.name.len())
        .max()
        .unwrap_or(6)
        .max(labels[0].len())
        .max(6);
    let mut s = format!("{:<width$}", labels[0]);
    for (i, (_, h)) in SUMMARY_COLUMNS.iter().enumerate() {
        let h = labels.get(i + 1).copied().unwrap_or(h);
        s.push_str(&format!(" {h:>10}"));
    }
    s.push('\n');
    for run in runs {
        s.push_str(&format!("{:<width$}", run.name));
        for ((name, _), v) in SUMMARY_COLUMNS.iter().zip(summary_values(run)) {
            let cell = match *name {
                n if is_share_column(n) => format!("{:.1}", 100.0 * v),
                "mean_score" | "starved_per_week" | "load_points_p90" | "load_points_max" => {
                    format!("{v:.2}")
                }
                _ => format!("{v:.0}"),
            };
            let cell = match lang {
                Lang::En => cell,
                Lang::Nl => cell.replace('.', ","),
            };
            s.push_str(&format!(" {cell:>10}"));
        }
        s.push('\n');
    }
    s
}
