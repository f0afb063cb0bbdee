//! `report.html`: one self-contained page with the summary table and a line chart per metric
//! over the weeks, one line per policy.
//!
//! The charts are inline SVG written here: a line chart is a few dozen elements (axes, grid,
//! one `<polyline>` per policy, a legend per chart in Okabe-Ito colours with a dash pattern
//! past eight policies), each the page's full width, and writing them directly keeps the page free of
//! scripts, fonts and external files, and byte-identical for the same simulation. Each chart is
//! a `<figure class="chart" data-metric="NAME">`, each line a
//! `<polyline class="series" data-policy="NAME">` with a `<title>`, so the page can be checked
//! by a parser.

use crate::report::{summary_text_in, team_values, TEAM_COLUMNS};
use matchpunt::analysis::simulate::{ContenderRun, WeekRecord};
use matchpunt::messages::{Lang, Msg};
use std::fmt::Write as _;

/// One chart: the metric's name, its title, and how to read it from a week.
pub struct Chart {
    /// Stable name (the `data-metric` attribute).
    pub name: &'static str,
    /// Title over the chart.
    pub title: &'static str,
    /// Whether the values are shares shown as percentages.
    pub percent: bool,
    /// Whether the values are whole numbers (counts): no ticks between them.
    pub integer: bool,
    /// The value of a week.
    pub value: fn(&WeekRecord) -> f64,
}

/// The charted metrics, in page order.
pub const CHARTS: [Chart; 14] = [
    Chart {
        name: "fill_rate",
        title: "Seats filled (%)",
        percent: true,
        integer: false,
        value: |w| w.metrics.seats.rate(),
    },
    Chart {
        name: "fill_rate.priority_urgent",
        title: "Urgent seats filled (%)",
        percent: true,
        integer: false,
        value: |w| w.metrics.by_priority[2].rate(),
    },
    Chart {
        name: "mean_score",
        title: "Mean score of the filled seats (points)",
        percent: false,
        integer: false,
        value: |w| w.metrics.mean_score,
    },
    Chart {
        name: "load_points_p90",
        title: "Load per expert-week with work, p90 (intensity points)",
        percent: false,
        integer: false,
        value: |w| w.load_points_p90,
    },
    Chart {
        name: "load_points_max",
        title: "Load of the most loaded expert this week (intensity points)",
        percent: false,
        integer: true,
        value: |w| w.load_points_max,
    },
    Chart {
        name: "load_share_p90",
        title: "Load used as a share of the budget, p90 (%)",
        percent: true,
        integer: false,
        value: |w| w.metrics.load_share_p90,
    },
    Chart {
        name: "load_share_mean",
        title: "Load used as a share of the budget, mean over experts with work (%)",
        percent: true,
        integer: false,
        value: |w| w.metrics.load_share_mean,
    },
    Chart {
        name: "starved",
        title: "Experts starved (eligible, no proposal for 4+ weeks)",
        percent: false,
        integer: true,
        value: |w| w.starved as f64,
    },
    Chart {
        name: "gini",
        title: "Gini coefficient of assignments over active experts (0: all equal; 1: one expert holds all)",
        percent: false,
        integer: false,
        value: |w| w.metrics.gini,
    },
    Chart {
        name: "share_used",
        title: "Active experts with an assignment (%)",
        percent: true,
        integer: false,
        value: |w| w.metrics.share_used(),
    },
    Chart {
        name: "continuity_rate",
        title: "Seats with continuity (%)",
        percent: true,
        integer: false,
        value: |w| w.metrics.continuity_rate,
    },
    Chart {
        name: "travel_km_mean",
        title: "Mean travel distance of on-site seats (km)",
        percent: false,
        integer: false,
        value: |w| w.metrics.travel_km_mean,
    },
    Chart {
        name: "heavy_per_expert_max",
        title: "Most heavy-theme seats held by one expert",
        percent: false,
        integer: true,
        value: |w| w.metrics.heavy_per_expert_max as f64,
    },
    Chart {
        name: "declined",
        title: "Proposals declined by the expert",
        percent: false,
        integer: true,
        value: |w| w.declined as f64,
    },
];

/// Okabe-Ito colours, distinguishable with the common colour-vision deficiencies.
const COLOURS: [&str; 8] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442",
];

const DASHES: [&str; 3] = ["", "6 3", "2 3"];

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A "nice" step (1, 2 or 5 times a power of ten) for about `ticks` intervals over `span`.
fn nice_step(span: f64, ticks: f64) -> f64 {
    let raw = (span / ticks).max(1e-9);
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    mag * if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    }
}

fn chart_svg(chart: &Chart, title: &str, runs: &[ContenderRun], lang: Lang) -> String {
    let (w, h) = (1200.0, 300.0);
    let (left, right, top, bottom) = (56.0, 16.0, 12.0, 36.0);
    let scale = if chart.percent { 100.0 } else { 1.0 };
    let series: Vec<Vec<f64>> = runs
        .iter()
        .map(|r| r.weeks.iter().map(|wk| scale * (chart.value)(wk)).collect())
        .collect();
    let n = runs.iter().map(|r| r.weeks.len()).max().unwrap_or(0);
    let max = series.iter().flatten().copied().fold(0.0f64, f64::max);
    let min = series.iter().flatten().copied().fold(0.0f64, f64::min);
    let mut step = nice_step((max - min).max(1e-9), 5.0);
    if chart.integer {
        step = step.max(1.0);
    }
    let (lo, hi) = (
        (min / step).floor() * step,
        ((max / step).ceil() * step).max(step),
    );
    let x = |i: usize| left + (w - left - right) * i as f64 / (n.max(2) - 1) as f64;
    let y = |v: f64| top + (h - top - bottom) * (1.0 - (v - lo) / (hi - lo));
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg viewBox="0 0 {w} {h}" width="100%" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">"#,
        esc(title)
    );
    let mut v = lo;
    while v <= hi + step / 2.0 {
        let yy = y(v);
        let _ = write!(
            s,
            r##"<line class="grid" x1="{left}" x2="{}" y1="{yy:.1}" y2="{yy:.1}" stroke="#ddd"/><text x="{}" y="{:.1}" text-anchor="end">{}</text>"##,
            w - right,
            left - 6.0,
            yy + 4.0,
            fmt_tick(v, step, lang)
        );
        v += step;
    }
    let every = n.div_ceil(8).max(1);
    if let Some(first) = runs.iter().find(|r| !r.weeks.is_empty()) {
        for (i, wk) in first.weeks.iter().enumerate() {
            // Every `every`-th week, and the last one unless it would touch the one before.
            if i % every == 0 || (i + 1 == n && i % every >= every.div_ceil(2)) {
                let _ = write!(
                    s,
                    r#"<text x="{:.1}" y="{}" text-anchor="middle">{}</text>"#,
                    x(i),
                    h - bottom + 16.0,
                    esc(&format!("W{:02}", wk.week.week))
                );
            }
        }
    }
    let _ = write!(
        s,
        r##"<line class="axis" x1="{left}" x2="{left}" y1="{top}" y2="{}" stroke="#333"/><line class="axis" x1="{left}" x2="{}" y1="{}" y2="{}" stroke="#333"/>"##,
        h - bottom,
        w - right,
        h - bottom,
        h - bottom
    );
    for (k, (run, values)) in runs.iter().zip(&series).enumerate() {
        let points: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(i, &v)| format!("{:.1},{:.1}", x(i), y(v)))
            .collect();
        let dash = DASHES[(k / COLOURS.len()) % DASHES.len()];
        let _ = write!(
            s,
            r#"<polyline class="series" data-policy="{}" fill="none" stroke="{}" stroke-width="2"{} points="{}"><title>{}</title></polyline>"#,
            esc(&run.name),
            COLOURS[k % COLOURS.len()],
            if dash.is_empty() {
                String::new()
            } else {
                format!(r#" stroke-dasharray="{dash}""#)
            },
            points.join(" "),
            esc(&run.name)
        );
    }
    s.push_str("</svg>");
    s
}

fn fmt_tick(v: f64, step: f64, lang: Lang) -> String {
    if step >= 1.0 {
        lang.num(v, 0)
    } else {
        lang.num(v, (-step.log10().floor()) as usize)
    }
}

fn legend(runs: &[ContenderRun]) -> String {
    let mut s = String::from(r#"<ul class="legend">"#);
    for (k, run) in runs.iter().enumerate() {
        // A swatch of the line's colour and dash (solid, dashed, dotted as in DASHES), as a
        // border: the chart's one <svg> stays the chart.
        let style = ["solid", "dashed", "dotted"][(k / COLOURS.len()) % DASHES.len()];
        let _ = write!(
            s,
            r#"<li><span class="swatch" style="border-top:3px {style} {}"></span> {}</li>"#,
            COLOURS[k % COLOURS.len()],
            esc(&run.name)
        );
    }
    s.push_str("</ul>");
    s
}

/// The page in English. `description` is one line under the title (what was simulated).
pub fn render(runs: &[ContenderRun], description: &str) -> String {
    render_in(runs, description, Lang::En)
}

/// The page in `lang`: its headings, notes, column heads and chart titles from the message
/// table, numbers as `lang` writes them (a decimal comma in Dutch). `description` is one line
/// under the title (what was simulated). O(weeks · policies · charts).
pub fn render_in(runs: &[ContenderRun], description: &str, lang: Lang) -> String {
    let t = |m: Msg| esc(lang.text(m));
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
        lang.code()
    );
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = write!(s, "<title>{}</title>\n<style>\n", t(Msg::SimHtmlTitle));
    s.push_str(concat!(
        "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:1340px;padding:0 1rem;color:#222}\n",
        "h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}\n",
        "table{border-collapse:collapse;font-variant-numeric:tabular-nums}\n",
        "th,td{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:right}\n",
        "th:first-child,td:first-child{text-align:left}\n",
        ".charts{display:grid;grid-template-columns:1fr;gap:2rem}\n",
        "figure{margin:0}figcaption{font-weight:600;margin-bottom:.3rem}\n",
        "svg text{font-size:13px;fill:#444}\n",
        ".legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:1.2rem}\n",
        ".swatch{display:inline-block;width:28px;vertical-align:middle}\n",
        ".note{color:#555;font-size:.9rem}\n",
        "</style>\n</head>\n<body>\n"
    ));
    let _ = writeln!(s, "<h1>{}</h1>", t(Msg::SimHtmlTitle));
    let _ = writeln!(s, "<p>{}</p>", esc(description));
    let labels: Vec<&str> = lang.text(Msg::SimColumns).split('|').collect();
    let _ = write!(
        s,
        "<h2>{}</h2>\n<table class=\"summary\">\n<thead><tr>",
        t(Msg::SimHtmlSummary)
    );
    for l in &labels {
        let _ = write!(s, "<th>{}</th>", esc(l));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    let text = summary_text_in(runs, lang);
    let width = runs
        .iter()
        .map(|r| r.name.len())
        .max()
        .unwrap_or(6)
        .max(labels[0].len())
        .max(6);
    for (run, line) in runs.iter().zip(text.lines().skip(1)) {
        let _ = write!(s, "<tr><td>{}</td>", esc(&run.name));
        for cell in line[width.min(line.len())..].split_whitespace() {
            let _ = write!(s, "<td>{}</td>", esc(cell));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n");
    let _ = writeln!(s, "<p class=\"note\">{}</p>", t(Msg::SimHtmlSummaryNote));
    // Issue 24: the team rules and trajectories over the run (zero without team or trajectory
    // requests).
    let _ = write!(
        s,
        "<h2>{}</h2>\n<table class=\"teams\">\n<thead><tr><th>{}</th>",
        t(Msg::SimHtmlTeams),
        esc(labels[0])
    );
    let team_heads: Vec<&str> = lang.text(Msg::SimHtmlTeamColumns).split('|').collect();
    for (i, (name, heading)) in TEAM_COLUMNS.iter().enumerate() {
        let heading = team_heads.get(i).copied().unwrap_or(heading);
        let _ = write!(s, "<th data-column=\"{name}\">{}</th>", esc(heading));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for run in runs {
        let _ = write!(s, "<tr><td>{}</td>", esc(&run.name));
        for v in team_values(run) {
            let _ = write!(s, "<td>{v}</td>");
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n");
    let _ = writeln!(s, "<p class=\"note\">{}</p>", t(Msg::SimHtmlTeamsNote));
    let _ = writeln!(s, "<h2>{}</h2>", t(Msg::SimHtmlWeeks));
    s.push_str("<div class=\"charts\">\n");
    let titles: Vec<&str> = lang.text(Msg::SimHtmlCharts).split('|').collect();
    for (i, chart) in CHARTS.iter().enumerate() {
        let title = titles.get(i).copied().unwrap_or(chart.title);
        // Each chart has its own legend, so that it reads on its own (and on a screenshot).
        let _ = writeln!(
            s,
            "<figure class=\"chart\" data-metric=\"{}\"><figcaption>{}</figcaption>{}{}</figure>",
            esc(chart.name),
            esc(title),
            legend(runs),
            chart_svg(chart, title, runs, lang)
        );
    }
    let _ = write!(
        s,
        "</div>\n<h2>{}</h2>\n<table class=\"totals\">\n<thead><tr><th>{}</th>",
        t(Msg::SimHtmlTotals),
        esc(labels[0])
    );
    for h in lang.text(Msg::SimHtmlTotalsColumns).split('|') {
        let _ = write!(s, "<th>{}</th>", esc(h));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for run in runs {
        let weeks = run.weeks.len().max(1) as f64;
        let proven = run.weeks.iter().filter(|w| w.proven).count();
        let eligible: f64 = run.weeks.iter().map(|w| w.eligible_experts as f64).sum();
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&run.name),
            run.weeks.len(),
            proven,
            lang.num(eligible / weeks, 1)
        );
    }
    s.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    s
}
