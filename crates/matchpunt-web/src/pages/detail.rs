//! The explain view of one expert's week (`/experts/{id}`) and of one request
//! (`/requests/{id}`): the library's `explain --expert` and `explain --request`, as a page.
//!
//! Both re-solve parts of the batch (the exact cost of each runner-up, the verified fixes), so
//! they run on a blocking thread.

use super::{failure, frame, respond, seg};
use crate::i18n::{fill, L};
use crate::state::{Data, Snapshot};
use crate::{App, Lang, Ui};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use matchpunt::explain::{
    standby_text, ExplainExpertView, ExplainRequestView, FixBudget, PartView,
};
use matchpunt::ingest::did_you_mean;
use matchpunt::messages::Msg;
use maud::{html, Markup};
use std::sync::Arc;

/// How many runners-up (and not-given requests) are worked out exactly.
const TOP: usize = 5;

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

/// Runs `view` on the snapshot's batch on a blocking thread; the data's errors otherwise.
async fn explained(
    snap: Arc<Snapshot>,
    lang: Lang,
    view: impl FnOnce(&Data) -> (StatusCode, String, Markup) + Send + 'static,
) -> (StatusCode, String, Markup) {
    let job = tokio::task::spawn_blocking(move || match &snap.data {
        Err(f) => (StatusCode::OK, String::new(), failure(lang, f)),
        // Rows left out for the phone form: an explanation would be of a batch without them.
        Ok(d) => match &d.skipped {
            Some(f) => (StatusCode::OK, String::new(), failure(lang, f)),
            None => view(d),
        },
    })
    .await;
    job.unwrap_or_else(|_| {
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            String::new(),
            html! { p.error { "internal error" } },
        )
    })
}

/// `GET /experts/{id}`.
pub async fn expert(State(app): State<App>, ui: Ui, Path(id): Path<String>) -> Response {
    let snap = app.snapshot();
    let _permit = app.work.acquire().await;
    let lang = ui.lang;
    let (status, title, body) = explained(snap.clone(), lang, move |d| match d.expert(&id) {
        Some(ei) => {
            let v = d.base().explain_expert(ei, TOP, lang);
            (StatusCode::OK, v.expert.name.clone(), expert_view(lang, &v))
        }
        None => (
            StatusCode::NOT_FOUND,
            id.clone(),
            missing(
                lang,
                L::NoSuchExpert,
                &id,
                d.inst().experts.iter().map(|e| e.id.as_str()).collect(),
            ),
        ),
    })
    .await;
    respond(status, frame(&ui, Some(&snap), &title, body))
}

/// `GET /requests/{id}`.
pub async fn request(State(app): State<App>, ui: Ui, Path(id): Path<String>) -> Response {
    let snap = app.snapshot();
    let _permit = app.work.acquire().await;
    let lang = ui.lang;
    let csrf = ui.session.as_ref().map(|s| s.csrf.clone());
    let (status, title, body) = explained(snap.clone(), lang, move |d| match d.request(&id) {
        Some(ri) => {
            let base = d.base();
            // Nobody who declined the request this week is put forward again (the base has no
            // declined pair), and the open seat's reason says who declined (as `explain`).
            let declined = d.declined_of(ri);
            let n = base.policy.round.standbys as usize;
            // The re-solves once per request, language and snapshot (see `Data::request_views`).
            let key = (ri, lang.code());
            let cached = d
                .request_views
                .lock()
                .ok()
                .and_then(|m| m.get(&key).cloned());
            let page = cached.unwrap_or_else(|| {
                let page = std::sync::Arc::new(crate::state::RequestPage {
                    view: base.explain_request(ri, TOP, lang),
                    standbys: base.standbys_of_request(
                        ri,
                        n + declined.len(),
                        &mut FixBudget::for_explain(),
                    ),
                });
                if let Ok(mut m) = d.request_views.lock() {
                    m.insert(key, page.clone());
                }
                page
            });
            let mut v = page.view.clone();
            matchpunt_ledger::rules::say_declined(&mut v, d.inst(), &declined, lang);
            let standbys: Vec<String> = page
                .standbys
                .iter()
                .filter(|s| !declined.contains(&s.standby))
                .take(n)
                .map(|s| standby_text(d.inst(), s, lang))
                .collect();
            let mut page = request_view(lang, &v);
            if n > 0 {
                page = html! {
                    (page)
                    h2 { (heading(lang.text(Msg::StandbysHead))) }
                    @if standbys.is_empty() { p { (heading(lang.text(Msg::NoStandbys))) "." } }
                    ul.explain.standbys { @for s in &standbys { li { (s) } } }
                };
            }
            if let Some(lw) = &d.ledger {
                page = html! { (page) (ledger_standbys(lang, lw, Some((d.inst(), d.policy())), &id, csrf.as_deref())) };
            }
            (StatusCode::OK, id.clone(), page)
        }
        None => (
            StatusCode::NOT_FOUND,
            id.clone(),
            missing(
                lang,
                L::NoSuchRequest,
                &id,
                d.inst().requests.iter().map(|r| r.id.as_str()).collect(),
            ),
        ),
    })
    .await;
    respond(status, frame(&ui, Some(&snap), &title, body))
}

/// With a ledger: for each proposal of request `id` whose expert declined this week, the first
/// standby the run recorded that is still free (as `decide` prints it), with a button that books
/// it (`POST /standby`, signed in) or a sign-in link. Nothing for an open week without declines.
fn ledger_standbys(
    lang: Lang,
    lw: &crate::state::LedgerWeek,
    team: matchpunt_ledger::StandbyTeam<'_>,
    id: &str,
    csrf: Option<&str>,
) -> Markup {
    let declined: Vec<String> = lw
        .view
        .verdicts()
        .into_iter()
        .filter(|((r, e), accepted)| {
            let standbys = lw.view.standbys_of(r, e);
            // Once one of the standbys is booked for the request, the call is made.
            r == id
                && !accepted
                && !standbys.is_empty()
                && !lw.view.bookings.iter().any(|b| {
                    &b.seat.request == r && standbys.iter().any(|s| s.standby == b.seat.expert)
                })
        })
        .map(|((_, e), _)| e)
        .collect();
    html! {
        @for e in &declined {
            @match lw.view.first_free_standby(team, id, e).0 {
                Some(s) => p.standby-call {
                    (fill(lang, L::StandbyCall, &[("expert", e), ("standby", &s.standby), ("rank", &s.rank)]))
                    @if lw.view.closed {
                        " " (L::WeekClosed.text(lang))
                    } @else if let Some(csrf) = csrf {
                        form.book method="post" action="/standby" {
                            input type="hidden" name="csrf" value=(csrf);
                            input type="hidden" name="request" value=(id);
                            input type="hidden" name="standby" value=(s.standby);
                            input type="hidden" name="lang" value=(lang.code());
                            button type="submit" .standby-button data-expert=(s.standby) {
                                (fill(lang, L::StandbyAccept, &[("standby", &s.standby)]))
                            }
                        }
                    } @else {
                        " " a href="/login" { (L::StandbySignIn.text(lang)) }
                    }
                },
                None => p.standby-call { (fill(lang, L::StandbyNoneFree, &[("expert", e)])) },
            }
        }
    }
}

/// A library heading (`near misses (closest first):`) as a page heading: a capital, no colon.
pub fn heading(s: &str) -> String {
    let s = s.trim().trim_end_matches(':');
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A score's parts in words, largest first.
pub fn reasons(parts: &[PartView]) -> Markup {
    html! {
        @if !parts.is_empty() {
            ul.reasons { @for p in parts { li { (p.text) } } }
        }
    }
}

fn expert_link(id: &str, name: &str) -> Markup {
    html! { a href={ "/experts/" (seg(id)) } { (if name.is_empty() { id } else { name }) } " " span.id { (id) } }
}

/// `text` without the `name (id)` it starts with (the link beside it names the expert once), and
/// when the reasons are shown as a list, without them too (each reason once).
fn after_name<'t>(text: &'t str, name: &str, id: &str, chips: bool) -> &'t str {
    let rest = text
        .strip_prefix(&format!("{name} ({id})"))
        .map(|r| r.trim_start_matches([',', ' ']))
        .unwrap_or(text);
    if chips {
        rest.split_once(": ").map_or(rest, |(head, _)| head)
    } else {
        rest
    }
}

/// `text` without the request id it starts with (the link beside it shows the id once).
fn after_id<'t>(text: &'t str, id: &str) -> &'t str {
    text.strip_prefix(id).map_or(text, str::trim_start)
}

fn request_link(id: &str) -> Markup {
    html! { a href={ "/requests/" (seg(id)) } { (id) } }
}

fn expert_view(lang: Lang, v: &ExplainExpertView) -> Markup {
    let t = |l: L| l.text(lang);
    let e = &v.expert;
    let title = if e.name.is_empty() {
        e.id.clone()
    } else {
        format!("{} · {}", e.id, e.name)
    };
    html! {
        h1 { (fill(lang, L::ExpertWeek, &[("name", &title)])) }
        @if !e.active { p.warn { (t(L::Inactive)) } }
        p.lead { (v.text) }
        h2 { (t(L::Assignments)) " (" (v.assignments.len()) ")" }
        @if v.assignments.is_empty() { p { (t(L::NoAssignments)) } }
        ul.explain {
            @for a in &v.assignments {
                li {
                    (request_link(&a.request)) " · " (after_id(&a.text, &a.request))
                    @if a.pinned { " " span.tag { (t(L::Pinned)) } }
                    (reasons(&a.reasons))
                }
            }
        }
        h2 { (heading(lang.text(Msg::ExpertEligibleHead))) " (" (v.not_assigned.len()) ")" }
        @if v.not_assigned.is_empty() { p { (heading(lang.text(Msg::ExpertNoEligible))) "." } }
        ul.explain {
            @for n in &v.not_assigned {
                li { (request_link(&n.request)) " · " (after_id(&n.text, &n.request)) }
            }
        }
    }
}

fn request_view(lang: Lang, v: &ExplainRequestView) -> Markup {
    let t = |l: L| l.text(lang);
    let head = |m: Msg| heading(lang.text(m));
    html! {
        h1 { (fill(lang, L::RequestTitle, &[("id", &v.request.id)])) }
        p.lead { (v.text) }
        @if !v.request.themes.is_empty() {
            p { (t(L::Themes)) ": " (v.request.themes.join(", ")) }
        }
        h2 { (head(Msg::AssignedHead)) }
        @if v.assigned.is_empty() { p { (heading(lang.text(Msg::NobodyAssigned))) "." } }
        ul.explain {
            @for a in &v.assigned {
                li {
                    (expert_link(&a.expert, &a.name)) " · "
                    (after_name(&a.text, &a.name, &a.expert, !a.reasons.is_empty()))
                    @if a.pinned { " " span.tag { (t(L::Pinned)) } }
                    (reasons(&a.reasons))
                }
            }
            @for p in &v.pin_conflicts { li.warn { (p) } }
        }
        @if let Some(o) = &v.open {
            section.open {
                h2 { (t(L::OpenSeats)) ": " (o.seats_open) }
                p { (o.why) }
                @if !o.fixes.is_empty() {
                    h3 { (head(Msg::FixesHead)) }
                    ol.fixes { @for f in &o.fixes { li { (f.text) } } }
                }
                @if let Some(n) = &o.no_fix { p { (n) } }
            }
        }
        h2 { (head(Msg::RunnersUpHead)) }
        @if v.runners_up.is_empty() { p { (heading(lang.text(Msg::NoRunnersUp))) "." } }
        ul.explain {
            @for r in &v.runners_up {
                li { (expert_link(&r.expert, &r.name)) " · " (after_name(&r.text, &r.name, &r.expert, false)) }
            }
        }
        @if !v.never_eligible.is_empty() {
            @let counts: Vec<&str> = v.never_eligible.iter().map(|c| c.text.as_str()).collect();
            p.hint { (lang.fill(Msg::NeverEligibleHead, &[("counts", &counts.join(", "))])) }
        }
    }
}
