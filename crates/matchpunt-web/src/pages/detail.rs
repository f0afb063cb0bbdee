//! The explain view of one expert's week (`/experts/{id}`) and of one request
//! (`/requests/{id}`): the library's `explain --expert` and `explain --request`, as a page.
//!
//! Both re-solve parts of the batch (the exact cost of each runner-up, the verified fixes), so
//! they run on a blocking thread. The request view shows at once what needs no re-solve and
//! fills in the costs when they are worked out ([`request`]): the match point is on the phone.

use super::{failure, frame, frame_refreshing, respond, seg};
use crate::i18n::{fill, L};
use crate::state::{Claim, Data, RequestSlot, Snapshot};
use crate::{App, Lang, Ui};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use matchpunt::explain::{standby_text, ExplainExpertView, ExplainRequestView, PartView};
use matchpunt::ingest::did_you_mean;
use matchpunt::messages::Msg;
use maud::{html, Markup};
use std::sync::Arc;

/// How many runners-up (and not-given requests) are worked out exactly.
pub const TOP: usize = 5;

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

/// How long a first view waits before the browser loads it again, in seconds.
pub const REFRESH_SECS: u32 = 1;

/// `GET /requests/{id}`: the request's explain view, in two steps so that nobody waits for
/// the re-solves.
///
/// The first view needs none ([`matchpunt::explain::Base::explain_request_first`]): the
/// request, who is assigned and why, the runners-up ranked, the never-eligible counts, with
/// each cost, the fixes and the standbys marked as being computed, and a refresh of the page
/// after [`REFRESH_SECS`] (no script: the CSP allows none). The first view to ask starts the
/// re-solves (`start_request_page`) once per (snapshot, request, language); every later view
/// shows the first view until they are done, then the complete page (`explain --request`'s
/// view and the standbys), without a refresh.
pub async fn request(State(app): State<App>, ui: Ui, Path(id): Path<String>) -> Response {
    let snap = app.snapshot();
    let lang = ui.lang;
    let csrf = ui.session.as_ref().map(|s| s.csrf.clone());
    // Where this page's re-solves stand; the first view to ask starts them.
    let claim = match &snap.data {
        Ok(d) if d.skipped.is_none() => d.request(&id).map(|ri| {
            let c = d.claim_request_page(ri, lang);
            if matches!(c, Claim::Start) {
                start_request_page(&app, &snap, ri, lang);
            }
            c
        }),
        _ => None,
    };
    let fill = match &claim {
        Some(Claim::Start | Claim::Pending) => Fill::Pending,
        Some(Claim::Failed) => Fill::Failed,
        _ => Fill::Done,
    };
    let (status, title, body) = explained(snap.clone(), lang, move |d| match d.request(&id) {
        Some(ri) => {
            // Nobody who declined the request this week is put forward again (the base has no
            // declined pair), and the open seat's reason says who declined (as `explain`).
            let declined = d.declined_of(ri);
            let n = d.policy().round.standbys as usize;
            let (mut v, standbys) = match claim {
                Some(Claim::Done(page)) => {
                    let standbys: Vec<String> = page
                        .standbys
                        .iter()
                        .filter(|s| !declined.contains(&s.standby))
                        .take(n)
                        .map(|s| standby_text(d.inst(), s, lang))
                        .collect();
                    (page.view.clone(), Some(standbys))
                }
                _ => {
                    let v = d.base().explain_request_first(ri, TOP, lang);
                    // Standbys stand in for assigned experts: with nobody assigned there are
                    // none, without a re-solve.
                    let none = v.assigned.is_empty().then(Vec::new);
                    (v, none)
                }
            };
            matchpunt_ledger::rules::say_declined(&mut v, d.inst(), &declined, lang);
            let mut page = request_view(lang, &v, fill);
            if n > 0 {
                page = html! {
                    (page)
                    h2 { (heading(lang.text(Msg::StandbysHead))) }
                    @match &standbys {
                        Some(standbys) => {
                            @if standbys.is_empty() { p { (heading(lang.text(Msg::NoStandbys))) "." } }
                            ul.explain.standbys { @for s in standbys { li { (s) } } }
                        }
                        None => p.pending { (heading(lang.text(fill.standbys()))) "." }
                    }
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
    let refresh = (fill == Fill::Pending && status == StatusCode::OK).then_some(REFRESH_SECS);
    respond(
        status,
        frame_refreshing(&ui, Some(&snap), &title, body, refresh),
    )
}

/// Whether a request page shows its costs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fill {
    /// Being computed: the first view.
    Pending,
    /// Computed: the complete page.
    Done,
    /// The computation failed: the first view, without a refresh.
    Failed,
}

impl Fill {
    /// What the standbys section says while it has no standbys to show.
    fn standbys(self) -> Msg {
        match self {
            Fill::Failed => Msg::PageCostsFailed,
            _ => Msg::StandbysPending,
        }
    }
}

/// Starts the re-solves of request `ri`'s page in `lang` on the snapshot `snap`: a task that
/// waits for one of the server's work permits (as every heavy page: more re-solves at once than
/// cores only thrash), computes the page on a blocking thread
/// ([`crate::state::Data::compute_request_page`]) and records it in the snapshot's
/// [`crate::state::Data::request_views`]. Returns at once. A snapshot replaced by a reload
/// before the permit comes is not computed (nobody can ask for it any more).
fn start_request_page(app: &App, snap: &Arc<Snapshot>, ri: usize, lang: Lang) {
    let app = app.clone();
    let weak = Arc::downgrade(snap);
    tokio::spawn(async move {
        let Ok(_permit) = app.work.acquire().await else {
            return;
        };
        let Some(snap) = weak.upgrade() else {
            return;
        };
        let mine = snap.clone();
        let job = tokio::task::spawn_blocking(move || {
            if let Ok(d) = &mine.data {
                let page = d.compute_request_page(ri, TOP, lang);
                d.finish_request_page(ri, lang, RequestSlot::Done(Arc::new(page)));
            }
        })
        .await;
        if job.is_err() {
            if let Ok(d) = &snap.data {
                d.finish_request_page(ri, lang, RequestSlot::Failed);
            }
        }
    });
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

fn request_view(lang: Lang, v: &ExplainRequestView, state: Fill) -> Markup {
    let t = |l: L| l.text(lang);
    let head = |m: Msg| heading(lang.text(m));
    let class = match state {
        Fill::Pending => "pending",
        Fill::Failed => "failed",
        Fill::Done => "done",
    };
    html! {
        h1 { (fill(lang, L::RequestTitle, &[("id", &v.request.id)])) }
        @match state {
            Fill::Pending => p.pending #pending { (lang.text(Msg::PagePending)) },
            Fill::Failed => p.warn #costs-failed { (lang.text(Msg::PageCostsFailed)) },
            Fill::Done => {},
        }
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
        section #runners-up class=(class) {
            h2 { (head(Msg::RunnersUpHead)) }
            @if v.runners_up.is_empty() { p { (heading(lang.text(Msg::NoRunnersUp))) "." } }
            ul.explain {
                @for r in &v.runners_up {
                    li { (expert_link(&r.expert, &r.name)) " · " (after_name(&r.text, &r.name, &r.expert, false)) }
                }
            }
        }
        @if !v.never_eligible.is_empty() {
            @let counts: Vec<&str> = v.never_eligible.iter().map(|c| c.text.as_str()).collect();
            p.hint { (lang.fill(Msg::NeverEligibleHead, &[("counts", &counts.join(", "))])) }
        }
    }
}
