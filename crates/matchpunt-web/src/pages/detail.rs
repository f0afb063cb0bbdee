//! The explain view of one expert's week (`/experts/{id}`) and of one request (`/requests/{id}`).

use super::{failure, frame, respond, seg};
use crate::i18n::{fill, L};
use crate::state::Data;
use crate::{App, Lang, Ui};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use matchpunt::ingest::did_you_mean;
use maud::{html, Markup};

fn missing(lang: Lang, label: L, id: &str, ids: Vec<&str>) -> Markup {
    html! {
        h1 { (L::NotFound.text(lang)) }
        p.error { (fill(lang, label, &[("id", &id)])) }
        @if let Some(s) = did_you_mean(id, ids) {
            p { (L::DidYouMean.text(lang)) " " a href=(link(label, s)) { (s) } "?" }
        }
    }
}

fn link(label: L, id: &str) -> String {
    match label {
        L::NoSuchExpert => format!("/experts/{}", seg(id)),
        _ => format!("/requests/{}", seg(id)),
    }
}

/// `GET /experts/{id}`.
pub async fn expert(State(app): State<App>, ui: Ui, Path(id): Path<String>) -> Response {
    let snap = app.snapshot();
    let (status, title, body) = match &snap.data {
        Err(f) => (StatusCode::OK, id.clone(), failure(ui.lang, f)),
        Ok(d) => match d.expert(&id) {
            Some(ei) => (
                StatusCode::OK,
                d.inst.experts[ei].name.clone(),
                expert_view(ui.lang, d, ei),
            ),
            None => (
                StatusCode::NOT_FOUND,
                id.clone(),
                missing(
                    ui.lang,
                    L::NoSuchExpert,
                    &id,
                    d.inst.experts.iter().map(|e| e.id.as_str()).collect(),
                ),
            ),
        },
    };
    respond(status, frame(&ui, Some(&snap), &title, body))
}

/// `GET /requests/{id}`.
pub async fn request(State(app): State<App>, ui: Ui, Path(id): Path<String>) -> Response {
    let snap = app.snapshot();
    let (status, body) = match &snap.data {
        Err(f) => (StatusCode::OK, failure(ui.lang, f)),
        Ok(d) => match d.request(&id) {
            Some(ri) => (StatusCode::OK, request_view(ui.lang, d, ri)),
            None => (
                StatusCode::NOT_FOUND,
                missing(
                    ui.lang,
                    L::NoSuchRequest,
                    &id,
                    d.inst.requests.iter().map(|r| r.id.as_str()).collect(),
                ),
            ),
        },
    };
    respond(status, frame(&ui, Some(&snap), &id, body))
}

fn expert_view(lang: Lang, d: &Data, ei: usize) -> Markup {
    let t = |l: L| l.text(lang);
    let inst = &d.inst;
    let e = &inst.experts[ei];
    let u = &d.used[ei];
    let mine: Vec<_> = d
        .res
        .assignments
        .iter()
        .filter(|a| a.expert == ei)
        .collect();
    let title = format!("{} ({})", e.name, e.id);
    html! {
        h1 { (fill(lang, L::ExpertWeek, &[("name", &title)])) }
        @if !e.active { p.warn { (t(L::Inactive)) } }
        p { (fill(lang, L::LoadUsed, &[
            ("used", &u.load), ("budget", &e.load_budget),
            ("count", &u.count), ("max", &e.max_assignments),
        ])) }
        h2 { (t(L::Assignments)) " (" (mine.len()) ")" }
        @if mine.is_empty() { p { (t(L::NoAssignments)) } } @else {
            table.data {
                thead { tr { th { (t(L::Request)) } th { (t(L::Org)) } th { (t(L::Role)) } th { (t(L::Slot)) } th.num { (t(L::Km)) } th.num { (t(L::Score)) } } }
                tbody { @for a in &mine {
                    @let r = &inst.requests[a.request];
                    @let s = &d.res.scored[a.scored];
                    tr {
                        td { a href={ "/requests/" (seg(&r.id)) } { (r.id) } }
                        td { (inst.orgs.name(r.org)) }
                        td { (lang.role(r.role)) }
                        td { @if let Some(sl) = r.slot { (lang.slot(sl)) } @else { (t(L::Flexible)) } }
                        td.num { @if let Some(km) = s.distance_km { (lang.num(km, 1)) } @else { (t(L::Online)) } }
                        td.num { (lang.num(s.score, 1)) }
                    }
                } }
            }
        }
        @let others: Vec<_> = d.res.scored.iter()
            .filter(|s| s.pair.expert as usize == ei && !mine.iter().any(|a| a.request == s.pair.request as usize))
            .collect();
        h2 { (t(L::EligibleNotGot)) " (" (others.len()) ")" }
        @if !others.is_empty() {
            ul { @for s in &others {
                @let r = &inst.requests[s.pair.request as usize];
                li { a href={ "/requests/" (seg(&r.id)) } { (r.id) } " (" (inst.orgs.name(r.org)) ", " (lang.role(r.role)) ")" }
            } }
        }
    }
}

fn request_view(lang: Lang, d: &Data, ri: usize) -> Markup {
    let t = |l: L| l.text(lang);
    let inst = &d.inst;
    let r = &inst.requests[ri];
    let assigned: Vec<_> = d
        .res
        .assignments
        .iter()
        .filter(|a| a.request == ri)
        .collect();
    let runners: Vec<_> = d
        .res
        .scored
        .iter()
        .filter(|s| {
            s.pair.request as usize == ri
                && !assigned.iter().any(|a| a.expert == s.pair.expert as usize)
        })
        .collect();
    let open = d.unmatched.iter().find(|u| u.request == ri);
    html! {
        h1 { (fill(lang, L::RequestTitle, &[("id", &r.id)])) }
        p {
            (inst.orgs.name(r.org)) ", " (lang.role(r.role)) ", "
            @if r.online { (t(L::Online)) } @else { (r.place) } ", "
            @if let Some(sl) = r.slot { (lang.slot(sl)) } @else { (t(L::Flexible)) }
        }
        h2 { (t(L::Assigned)) }
        @if assigned.is_empty() { p { (t(L::NobodyAssigned)) } } @else {
            ul { @for a in &assigned {
                @let e = &inst.experts[a.expert];
                @let s = &d.res.scored[a.scored];
                li { a href={ "/experts/" (seg(&e.id)) } { (e.name) } " " span.id { (e.id) } ", " (t(L::Score)) " " (lang.num(s.score, 1)) }
            } }
        }
        @if let Some(u) = open {
            h2 { (t(L::OpenSeats)) ": " (u.seats_open) }
            p { (u.reason) }
        }
        h2 { (t(L::RunnersUp)) " (" (runners.len()) ")" }
        @if !runners.is_empty() {
            ul { @for s in &runners {
                @let e = &inst.experts[s.pair.expert as usize];
                li { a href={ "/experts/" (seg(&e.id)) } { (e.name) } " " span.id { (e.id) } ", " (t(L::Score)) " " (lang.num(s.score, 1)) }
            } }
        }
    }
}
