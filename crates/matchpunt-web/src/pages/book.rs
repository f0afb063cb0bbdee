//! Booking from the phone form (`POST /book`): the book button beside each candidate.
//!
//! The booking goes through the season ledger's one transaction ([`matchpunt_ledger::Ledger::book`])
//! around the same check as `matchpunt book` ([`matchpunt_ledger::rules::check`]): every hard
//! rule, against this week's proposals and bookings as they are when the transaction starts. Of
//! two staff booking an expert's last free slot at once, the second waits for the first and is
//! told why not, in the reader's language. The request typed into the form is booked as an
//! inline request with a new id of the week (`tel-1`, `tel-2`, ...), its cells kept by the
//! ledger, so that the next `run --ledger` sees it.
//!
//! Needs a session (the user name is the booking's actor in the ledger's log) and the session's
//! CSRF token in the form.

use super::form::FormValues;
use super::login::csrf_ok;
use super::request::{banner, form_view};
use super::{failure, forbidden, frame, ledger_line, respond};
use crate::i18n::{fill, L};
use crate::state::{places, Data};
use crate::{App, Lang, Ui};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use matchpunt::ingest::parse_request;
use matchpunt_ledger::rules;
use matchpunt_ledger::Ledger;
use maud::{html, Markup};
use std::collections::HashSet;

/// The form's fields as hidden inputs of a book button (the request is sent again with it).
pub fn hidden_fields(v: &FormValues) -> Markup {
    html! {
        input type="hidden" name="role" value=(v.role);
        @for t in &v.themes { input type="hidden" name="themes" value=(t); }
        input type="hidden" name="place" value=(v.place);
        input type="hidden" name="slot" value=(v.slot);
        @if v.online { input type="hidden" name="online" value="yes"; }
        input type="hidden" name="language" value=(v.language);
        input type="hidden" name="client_age" value=(v.client_age);
        input type="hidden" name="experts_needed" value=(v.experts_needed);
        input type="hidden" name="org" value=(v.org);
    }
}

/// Splits a book form into its CSRF token, its expert and the request's fields.
fn split(body: &[u8]) -> (String, String, Vec<u8>) {
    let (mut csrf, mut expert) = (String::new(), String::new());
    let mut rest = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(body) {
        match k.as_ref() {
            "csrf" => csrf = v.into_owned(),
            "expert" => expert = v.into_owned(),
            _ => {
                rest.append_pair(&k, &v);
            }
        }
    }
    (csrf, expert, rest.finish().into_bytes())
}

/// The first id `tel-N` that is neither a request of the batch nor booked this week.
fn new_id(batch: &HashSet<String>, view: &matchpunt_ledger::WeekView) -> String {
    (1..)
        .map(|n| format!("tel-{n}"))
        .find(|id| !batch.contains(id) && !view.bookings.iter().any(|b| &b.seat.request == id))
        .unwrap_or_default()
}

/// What a booking came to.
enum Outcome {
    Booked,
    Refused(String),
}

/// Books expert `expert` for the form's request `v` in the ledger, as `user`.
fn book(d: &Data, lang: Lang, user: &str, expert: &str, v: &FormValues) -> Outcome {
    let Some(lw) = &d.ledger else {
        return Outcome::Refused(L::BookNeedsLedger.text(lang).into());
    };
    let Some(ei) = d.expert(expert) else {
        return Outcome::Refused(fill(lang, L::NoSuchExpert, &[("id", &expert)]));
    };
    let cells = v.cells();
    let named: Vec<(&str, &str)> = cells.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut inst = d.template.clone();
    let request = match parse_request(&named, "form", places(), d.policy(), &mut inst) {
        Ok((r, _)) => r,
        Err(e) => return Outcome::Refused(e.in_lang(lang).to_string()),
    };
    inst.requests.push(request);
    let ri = inst.requests.len() - 1;
    let batch: HashSet<String> = d.inst().requests.iter().map(|r| r.id.clone()).collect();
    let policy = d.policy();
    let mut l = match Ledger::open(&lw.path, user) {
        Ok(l) => l,
        Err(e) => return Outcome::Refused(e.text(lang)),
    };
    let got = l.book_checked(&lw.week, |view| {
        let id = new_id(&batch, view);
        inst.requests[ri].id = id.clone();
        let cells: Vec<(&str, String)> = cells
            .iter()
            .map(|(k, v)| (*k, if *k == "id" { id.clone() } else { v.clone() }))
            .collect();
        rules::check(&inst, policy, view, ri, ei, true)
            .map(|seat| (seat, Some(rules::inline_text(&cells))))
            .map_err(matchpunt_ledger::Denial::Booking)
    });
    match got {
        Ok(_) => Outcome::Booked,
        Err(matchpunt_ledger::Error::Refused(why)) => Outcome::Refused(why.text(lang)),
        Err(matchpunt_ledger::Error::Closed(_)) => {
            Outcome::Refused(L::WeekClosed.text(lang).into())
        }
        Err(e) => Outcome::Refused(e.text(lang)),
    }
}

/// `POST /book` (`csrf`, `expert` and the request form's fields): books and goes to the week's
/// bookings (303), or answers 409 with the form and why not. No session: 401 with the login
/// form; a missing or wrong CSRF token: 403; a bad field: 400 naming it.
pub async fn submit(State(app): State<App>, ui: Ui, body: axum::body::Bytes) -> Response {
    let lang = ui.lang;
    let Some(session) = ui.session.clone() else {
        let body = html! { p.error { (L::BookSignIn.text(lang)) } p { a href="/login" { (L::LoginTitle.text(lang)) } } };
        return respond(
            StatusCode::UNAUTHORIZED,
            frame(&ui, None, L::LoginTitle.text(lang), body),
        );
    };
    let (csrf, expert, rest) = split(&body);
    if !csrf_ok(&session.csrf, &csrf) {
        return forbidden(lang);
    }
    let snap = app.snapshot();
    let title = L::FormTitle.text(lang);
    let job = {
        let snap = snap.clone();
        tokio::task::spawn_blocking(move || -> (StatusCode, Option<Markup>) {
            let d = match &snap.data {
                Err(f) => return (StatusCode::CONFLICT, Some(failure(lang, f))),
                Ok(d) => d,
            };
            let v = match FormValues::parse(&rest, lang) {
                Ok(v) => v,
                Err(e) => {
                    return (
                        StatusCode::BAD_REQUEST,
                        Some(form_view(lang, d, &FormValues::default(), Some(&e))),
                    )
                }
            };
            match book(d, lang, &session.user, &expert, &v) {
                Outcome::Booked => (StatusCode::SEE_OTHER, None),
                Outcome::Refused(why) => (
                    StatusCode::CONFLICT,
                    Some(html! {
                        (banner(lang, d))
                        p.error #book-error { (fill(lang, L::NotBooked, &[("why", &why)])) }
                        (ledger_line(lang, d))
                        (form_view(lang, d, &v, None))
                    }),
                ),
            }
        })
    };
    match job.await {
        Ok((StatusCode::SEE_OTHER, _)) => {
            // The page shows the ledger's week: read it again with the booking.
            app.reload().await;
            crate::security::see_other("/#bookings")
        }
        Ok((status, Some(body))) => respond(status, frame(&ui, Some(&snap), title, body)),
        _ => respond(
            StatusCode::INTERNAL_SERVER_ERROR,
            frame(
                &ui,
                Some(&snap),
                title,
                html! { p.error { "internal error" } },
            ),
        ),
    }
}

/// `POST /standby` (`csrf`, `request`, `standby`): books the ledger's standby for a request whose
/// assigned expert declined ([`Ledger::book_standby`]: one transaction, the standby's recorded
/// margins against this week's decisions and bookings), then back to the request's page (303);
/// refused: 409 naming why. No session: 401; a wrong CSRF token: 403; no ledger: 409.
pub async fn standby(State(app): State<App>, ui: Ui, body: axum::body::Bytes) -> Response {
    let lang = ui.lang;
    let Some(session) = ui.session.clone() else {
        let body = html! { p.error { (L::StandbySignIn.text(lang)) } p { a href="/login" { (L::LoginTitle.text(lang)) } } };
        return respond(
            StatusCode::UNAUTHORIZED,
            frame(&ui, None, L::LoginTitle.text(lang), body),
        );
    };
    let (mut csrf, mut request, mut standby) = (String::new(), String::new(), String::new());
    for (k, v) in form_urlencoded::parse(&body) {
        match k.as_ref() {
            "csrf" => csrf = v.into_owned(),
            "request" => request = v.into_owned(),
            "standby" => standby = v.into_owned(),
            _ => {}
        }
    }
    if !csrf_ok(&session.csrf, &csrf) {
        return forbidden(lang);
    }
    let snap = app.snapshot();
    let job = {
        let snap = snap.clone();
        let request = request.clone();
        tokio::task::spawn_blocking(move || -> Result<(), String> {
            let lw = match &snap.data {
                Ok(d) => d.ledger.as_ref(),
                Err(_) => None,
            };
            let Some(lw) = lw else {
                return Err(L::BookNeedsLedger.text(lang).into());
            };
            let d = snap.data.as_ref().ok();
            let team = d.map(|d| (d.inst(), d.policy()));
            let mut l = Ledger::open(&lw.path, &session.user).map_err(|e| e.text(lang))?;
            match l.book_standby(&lw.week, team, &request, &standby) {
                Ok(_) => Ok(()),
                Err(matchpunt_ledger::Error::Closed(_)) => Err(L::WeekClosed.text(lang).into()),
                Err(matchpunt_ledger::Error::Refused(why)) => Err(why.text(lang)),
                Err(e) => Err(e.text(lang)),
            }
        })
    };
    let title = L::NavRequest.text(lang);
    match job.await {
        Ok(Ok(())) => {
            app.reload().await;
            crate::security::see_other(&format!("/requests/{}", super::seg(&request)))
        }
        Ok(Err(why)) => respond(
            StatusCode::CONFLICT,
            frame(
                &ui,
                Some(&snap),
                title,
                html! { p.error #book-error { (fill(lang, L::NotBooked, &[("why", &why)])) } },
            ),
        ),
        Err(_) => respond(
            StatusCode::INTERNAL_SERVER_ERROR,
            frame(
                &ui,
                Some(&snap),
                title,
                html! { p.error { "internal error" } },
            ),
        ),
    }
}
