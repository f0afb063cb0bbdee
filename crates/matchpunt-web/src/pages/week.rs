//! The week at a glance: seats asked and filled by role with the proof of optimality, the
//! assignments as a sortable table, the open seats with their reasons, and a bar per expert of
//! load used against budget.

use super::{bad_field, failure, frame, respond, seg};
use crate::i18n::{fill, L};
use crate::state::{Data, Origin};
use crate::{App, Lang, Ui};
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use matchpunt::model::Role;
use matchpunt::report::fmt_units;
use maud::{html, Markup};

/// Most rows of one table: a week of 10,000 experts would make a page of tens of megabytes.
/// The assignments table shows the first rows in the chosen order.
pub const MAX_ROWS: usize = 500;

fn more(lang: Lang, shown: usize, total: usize) -> Markup {
    html! {
        @if total > shown { p.hint { (fill(lang, L::Shown, &[("n", &shown), ("total", &total)])) } }
    }
}

/// The columns the assignments table sorts by.
const SORT_KEYS: [&str; 7] = ["request", "expert", "org", "role", "slot", "km", "score"];

/// `GET /` (`?sort=score`, `?sort=-score` for descending).
pub async fn page(State(app): State<App>, ui: Ui, RawQuery(q): RawQuery) -> Response {
    let sort = form_urlencoded::parse(q.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "sort")
        .map(|(_, v)| v.into_owned());
    let sort = match sort {
        None => None,
        Some(s) => {
            let (key, desc) = match s.strip_prefix('-') {
                Some(k) => (k, true),
                None => (s.as_str(), false),
            };
            match SORT_KEYS.iter().position(|k| *k == key) {
                Some(i) => Some((i, desc)),
                None => {
                    return bad_field(
                        ui.lang,
                        "sort",
                        &s,
                        &crate::i18n::fill(
                            ui.lang,
                            L::ExpectSort,
                            &[("keys", &SORT_KEYS.join(", "))],
                        ),
                    )
                }
            }
        }
    };
    let snap = app.snapshot();
    let title = L::NavWeek.text(ui.lang);
    let body = match &snap.data {
        Err(f) => failure(ui.lang, f),
        // Rows were left out for the phone form: the week would be a batch without them.
        Ok(d) => match &d.skipped {
            Some(f) => failure(ui.lang, f),
            None => week(ui.lang, d, sort),
        },
    };
    respond(StatusCode::OK, frame(&ui, Some(&snap), title, body))
}

fn pct(a: u32, b: u32) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Requests, seats asked and seats filled per role, in [`Role::ALL`] order.
fn by_role(d: &Data) -> [(u32, u32, u32); 4] {
    let inst = d.inst();
    let mut out = [(0u32, 0u32, 0u32); 4];
    for r in &inst.requests {
        out[r.role.index()].0 += 1;
        out[r.role.index()].1 += r.experts_needed;
    }
    for &(r, _, _) in &d.base().assigned {
        out[inst.requests[r].role.index()].2 += 1;
    }
    out
}

fn week(lang: Lang, d: &Data, sort: Option<(usize, bool)>) -> Markup {
    let t = |l: L| l.text(lang);
    let inst = d.inst();
    let base = d.base();
    let counts = by_role(d);
    let (asked, filled): (u32, u32) = counts.iter().fold((0, 0), |a, c| (a.0 + c.1, a.1 + c.2));
    let week = inst.week.map(|w| w.to_string()).unwrap_or_default();
    html! {
        h1 { (fill(lang, L::WeekOf, &[("week", &week)])) }
        p {
            (fill(lang, L::Counts, &[
                ("experts", &inst.experts.len()),
                ("active", &inst.experts.iter().filter(|e| e.active).count()),
                ("requests", &inst.requests.len()),
                ("pairs", &base.scored.len()),
            ]))
        }
        table.data.summary {
            thead { tr {
                th { (t(L::Role)) } th.num { (t(L::Requests)) } th.num { (t(L::Seats)) }
                th.num { (t(L::Filled)) } th.num { (t(L::FillPct)) }
            } }
            tbody {
                @for role in Role::ALL {
                    @let c = counts[role.index()];
                    tr {
                        td { (lang.role(role)) } td.num { (c.0) } td.num { (c.1) }
                        td.num { (c.2) } td.num { (lang.num(pct(c.2, c.1), 1)) }
                    }
                }
                tr.total {
                    td { (t(L::Total)) } td.num { (inst.requests.len()) } td.num { (asked) }
                    td.num { (filled) } td.num { (lang.num(pct(filled, asked), 1)) }
                }
            }
        }
        @match d.result() {
            Some(res) if res.proven => {
                p.proof.ok { (fill(lang, L::Proven, &[("objective", &units(lang, res.objective))])) }
            }
            Some(res) => {
                p.proof.warn { (fill(lang, L::NotProven, &[
                    ("objective", &units(lang, res.objective)),
                    ("bound", &units(lang, res.bound)),
                    ("gap", &units(lang, res.bound - res.objective)),
                ])) }
            }
            None => {
                @match (&d.origin, &d.ledger) {
                    (Origin::Ledger(p), Some(lw)) => {
                        p.proof { (fill(lang, L::FromLedger, &[
                            ("week", &lw.week),
                            ("file", &p.display()),
                            ("objective", &units(lang, base.objective)),
                        ])) }
                    }
                    _ => {
                        p.proof { (fill(lang, L::FromFile, &[
                            ("file", &match &d.origin { Origin::File(p) => p.display().to_string(), _ => String::new() }),
                            ("objective", &units(lang, base.objective)),
                        ])) }
                    }
                }
            }
        }
        (super::ledger_line(lang, d))
        p { (fill(lang, L::Pins, &[
            ("kept", &base.assigned.iter().filter(|a| a.2).count()),
            ("conflicts", &base.pin_conflicts().len()),
        ])) }
        @if !d.warnings.is_empty() {
            details.warnings {
                summary { (t(L::Warnings)) " (" (d.warnings.len()) ")" }
                ul { @for w in &d.warnings { li { (w.render(lang)) } } }
            }
        }
        (open_seats(lang, d))
        (bookings(lang, d))
        (load_bars(lang, d))
        (assignments(lang, d, sort))
    }
}

/// The ledger's bookings of the week (from the phone form or `matchpunt book`), newest first.
fn bookings(lang: Lang, d: &Data) -> Markup {
    let t = |l: L| l.text(lang);
    let inst = d.inst();
    html! {
        @if let Some(lw) = &d.ledger {
            section #bookings {
                h2 { (t(L::Bookings)) " (" (lw.view.bookings.len()) ")" }
                @if lw.view.bookings.is_empty() {
                    p { (t(L::NoBookings)) }
                } @else {
                    table.data #bookings-table {
                        thead { tr {
                            th { (t(L::Request)) } th { (t(L::Expert)) } th { (t(L::Org)) }
                            th { (t(L::Role)) } th { (t(L::Slot)) } th { (t(L::BookedAt)) } th { (t(L::BookedBy)) }
                        } }
                        tbody {
                            @for b in lw.view.bookings.iter().rev().take(MAX_ROWS) {
                                @let name = d.expert(&b.seat.expert).map(|e| inst.experts[e].name.as_str()).unwrap_or("");
                                @let role = Role::parse(&b.seat.role);
                                @let slot = matchpunt::model::Slot::parse(&b.seat.slot);
                                tr {
                                    td { a href={ "/requests/" (seg(&b.seat.request)) } { (b.seat.request) } }
                                    td { a href={ "/experts/" (seg(&b.seat.expert)) } { (name) } " " span.id { (b.seat.expert) } }
                                    td { (b.seat.org) }
                                    td { @if let Some(r) = role { (lang.role(r)) } @else { (b.seat.role) } }
                                    td { @if let Some(sl) = slot { (lang.slot(sl)) } @else { (t(L::Flexible)) } }
                                    td { (b.at) }
                                    td { (b.actor) }
                                }
                            }
                        }
                    }
                    (more(lang, lw.view.bookings.len().min(MAX_ROWS), lw.view.bookings.len()))
                }
            }
        }
    }
}

/// Solver units as points, exactly, with a decimal comma in Dutch.
fn units(lang: Lang, u: i64) -> String {
    let s = fmt_units(u);
    match lang {
        Lang::Nl => s.replace('.', ","),
        Lang::En => s,
    }
}

fn assignments(lang: Lang, d: &Data, sort: Option<(usize, bool)>) -> Markup {
    let t = |l: L| l.text(lang);
    let inst = d.inst();
    let base = d.base();
    let assigned = &base.assigned;
    // Every assignment is an eligible, scored pair.
    let scored: Vec<_> = assigned
        .iter()
        .map(|&(r, e, _)| base.scored_pair(r, e))
        .collect();
    let mut rows: Vec<usize> = (0..assigned.len())
        .filter(|&i| scored[i].is_some())
        .collect();
    if let Some((key, desc)) = sort {
        rows.sort_by(|&a, &b| {
            let (sa, sb) = (scored[a].expect("kept"), scored[b].expect("kept"));
            let (a, b) = (&assigned[a], &assigned[b]);
            let (ra, rb) = (&inst.requests[a.0], &inst.requests[b.0]);
            let (ea, eb) = (&inst.experts[a.1], &inst.experts[b.1]);
            let o = match key {
                0 => ra.id.cmp(&rb.id),
                1 => (&ea.name, &ea.id).cmp(&(&eb.name, &eb.id)),
                2 => inst.orgs.name(ra.org).cmp(inst.orgs.name(rb.org)),
                3 => ra.role.cmp(&rb.role),
                4 => ra.slot.cmp(&rb.slot),
                5 => sa
                    .distance_km
                    .unwrap_or(-1.0)
                    .total_cmp(&sb.distance_km.unwrap_or(-1.0)),
                _ => sa.score.total_cmp(&sb.score),
            };
            let o = if desc { o.reverse() } else { o };
            o.then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1))
        });
    }
    let heads = [
        L::Request,
        L::Expert,
        L::Org,
        L::Role,
        L::Slot,
        L::Km,
        L::Score,
    ];
    html! {
        section #assignments {
            h2 { (t(L::Assignments)) " (" (assigned.len()) ")" }
            @if assigned.is_empty() {
                p { (t(L::NoAssignments)) }
            } @else {
                p.hint { (t(L::SortHint)) }
                table.data.sortable {
                    thead { tr {
                        @for (i, h) in heads.iter().enumerate() {
                            @let (cur, desc) = sort.map_or((false, false), |(k, d)| (k == i, d));
                            @let next = if cur && !desc { format!("-{}", SORT_KEYS[i]) } else { SORT_KEYS[i].to_string() };
                            th.num[i >= 5] aria-sort=(if !cur { "none" } else if desc { "descending" } else { "ascending" }) {
                                a href={ "/?sort=" (next) "#assignments" } {
                                    (t(*h))
                                    @if cur { (if desc { " ▼" } else { " ▲" }) }
                                }
                            }
                        }
                    } }
                    tbody {
                        @for &i in rows.iter().take(MAX_ROWS) {
                            @let (ri, ei, pinned) = assigned[i];
                            @let r = &inst.requests[ri];
                            @let e = &inst.experts[ei];
                            @let s = scored[i].expect("kept");
                            tr {
                                td { a href={ "/requests/" (seg(&r.id)) } { (r.id) } }
                                td { a href={ "/experts/" (seg(&e.id)) } { (e.name) } " " span.id { (e.id) }
                                    @if pinned { " " span.tag { (t(L::Pinned)) } } }
                                td { (inst.orgs.name(r.org)) }
                                td { (lang.role(r.role)) }
                                td { @if let Some(sl) = r.slot { (lang.slot(sl)) } @else { (t(L::Flexible)) } }
                                td.num { @if let Some(km) = s.distance_km { (lang.num(km, 1)) } @else { (t(L::Online)) } }
                                td.num { (lang.num(s.score, 1)) }
                            }
                        }
                    }
                }
                (more(lang, rows.len().min(MAX_ROWS), rows.len()))
            }
        }
    }
}

fn open_seats(lang: Lang, d: &Data) -> Markup {
    let t = |l: L| l.text(lang);
    let inst = d.inst();
    html! {
        section #open {
            h2 { (t(L::OpenSeats)) " (" (d.open.iter().map(|u| u.seats_open).sum::<u32>()) ")" }
            @if d.open.is_empty() {
                p { (t(L::NoOpenSeats)) }
            } @else {
                table.data {
                    thead { tr {
                        th { (t(L::Request)) } th { (t(L::Org)) } th { (t(L::Role)) }
                        th.num { (t(L::Open)) } th.num { (t(L::Eligible)) } th { (t(L::Reason)) }
                        th { (t(L::Fix)) }
                    } }
                    tbody {
                        @for (i, u) in d.open.iter().enumerate().take(MAX_ROWS) {
                            @let r = &inst.requests[u.request];
                            tr {
                                td { a href={ "/requests/" (seg(&r.id)) } { (r.id) } }
                                td { (inst.orgs.name(r.org)) }
                                td { (lang.role(r.role)) }
                                td.num { (u.seats_open) }
                                td.num { (u.eligible) }
                                td { (d.open_why(u.request, lang)) }
                                td.fix { @if d.fix_left_to_page(i) {
                                    a href={ "/requests/" (seg(&r.id)) } { (t(L::FixOnRequestPage)) }
                                } @else { @match d.fix_text(i, lang) {
                                    Some(f) => (f),
                                    None => span.hint { (t(L::FixPending)) },
                                } } }
                            }
                        }
                    }
                }
                (more(lang, d.open.len().min(MAX_ROWS), d.open.len()))
            }
        }
    }
}

/// Width of a load bar in SVG units.
const BAR: f64 = 160.0;

fn load_bars(lang: Lang, d: &Data) -> Markup {
    let t = |l: L| l.text(lang);
    let inst = d.inst();
    let used = &d.booked.uses;
    let mut shown: Vec<usize> = (0..inst.experts.len())
        .filter(|&i| used[i].count > 0)
        .collect();
    let share = |i: usize| {
        let b = inst.experts[i].load_budget;
        if b == 0 {
            1.0
        } else {
            used[i].load as f64 / b as f64
        }
    };
    let full = |i: usize| {
        let (e, u) = (&inst.experts[i], &used[i]);
        u.load >= e.load_budget || u.count >= e.max_assignments
    };
    // Those at their limit first, then by the share of the budget used.
    shown.sort_by(|&a, &b| {
        full(b)
            .cmp(&full(a))
            .then(share(b).total_cmp(&share(a)))
            .then(a.cmp(&b))
    });
    let idle = inst
        .experts
        .iter()
        .zip(used)
        .filter(|(e, u)| e.active && u.count == 0)
        .count();
    html! {
        section #load {
            h2 { (t(L::LoadTitle)) }
            p.hint { (t(L::LoadHint)) }
            table.bars {
                tbody {
                    @for &i in shown.iter().take(MAX_ROWS) {
                        @let e = &inst.experts[i];
                        @let u = &used[i];
                        @let full = full(i);
                        @let w = (share(i).min(1.0) * BAR).round();
                        tr.full[full] {
                            td { a href={ "/experts/" (seg(&e.id)) } { (e.name) } " " span.id { (e.id) } }
                            td {
                                svg.bar width=(BAR) height="14" viewBox={ "0 0 " (BAR) " 14" } role="img"
                                    aria-label={ (t(L::Load)) " " (u.load) "/" (e.load_budget) } {
                                    rect.budget width=(BAR) height="14" rx="2" {}
                                    rect.used width=(w) height="14" rx="2" {}
                                }
                            }
                            td.num { (t(L::Load)) " " (u.load) "/" (e.load_budget) }
                            td.num { (t(L::Count)) " " (u.count) "/" (e.max_assignments) }
                            td { @if full { span.tag.limit { (t(L::AtLimit)) } } }
                        }
                    }
                }
            }
            (more(lang, shown.len().min(MAX_ROWS), shown.len()))
            @if idle > 0 { p.hint { (fill(lang, L::LoadRest, &[("n", &idle)])) } }
        }
    }
}
