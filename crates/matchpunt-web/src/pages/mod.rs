//! The pages: a shared frame (navigation, language switch, reload button, the data's errors)
//! around each page's body.

pub mod book;
pub mod detail;
pub mod form;
pub mod login;
pub mod request;
pub mod suggest;
pub mod week;

use crate::i18n::{fill, L};
use crate::state::{clock, Failure, Snapshot};
use crate::{other, App, Lang, Ui};
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};

/// The stylesheet, compiled in.
pub const STYLE: &str = include_str!("../../assets/style.css");

/// `GET /static/style.css`.
pub async fn stylesheet() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE).into_response()
}

/// A path segment, percent-encoded (ids may hold any character).
pub fn seg(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// The frame of every page.
pub fn frame(ui: &Ui, snap: Option<&Snapshot>, title: &str, body: Markup) -> Markup {
    frame_refreshing(ui, snap, title, body, None)
}

/// [`frame`] that the browser loads again after `refresh` seconds, when given: a page that
/// fills in as the server works it out, without a script (the Content-Security-Policy allows
/// none). The same address is loaded again, so nothing new appears in it.
pub fn frame_refreshing(
    ui: &Ui,
    snap: Option<&Snapshot>,
    title: &str,
    body: Markup,
    refresh: Option<u32>,
) -> Markup {
    let lang = ui.lang;
    let t = |l: L| l.text(lang);
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                @if let Some(secs) = refresh { meta http-equiv="refresh" content=(secs); }
                title { (title) " · " (t(L::Title)) }
                link rel="stylesheet" href="/static/style.css";
            }
            body {
                header.top {
                    nav {
                        a.brand href="/" { (t(L::Title)) }
                        a href="/" { (t(L::NavWeek)) }
                        a href="/request" { (t(L::NavRequest)) }
                    }
                    div.tools {
                        a.lang href={ (ui.path) "?lang=" (other(lang).code()) } hreflang=(other(lang).code()) {
                            (t(L::OtherLang))
                        }
                        @if let Some(s) = &ui.session {
                            span.user #signed-in { (s.user) }
                            form.inline method="post" action="/logout" {
                                input type="hidden" name="csrf" value=(s.csrf);
                                button type="submit" #logout { (t(L::Logout)) }
                            }
                        }
                        @if let Some(s) = snap {
                            span.read { (t(L::ReadAt)) " " (clock(s.read_at)) }
                            form.inline method="post" action="/reload" {
                                input type="hidden" name="back" value=(ui.path);
                                button type="submit" { (t(L::Reload)) }
                            }
                        }
                    }
                }
                main { (body) }
            }
        }
    }
}

/// The data's errors: every bad cell with file, line, column, value and what was expected.
pub fn failure(lang: Lang, f: &Failure) -> Markup {
    errors(lang, f, L::InputErrorsHint)
}

/// [`failure`] with another hint: the rows left out so that the phone form keeps answering.
pub fn rows_left_out(lang: Lang, f: &Failure) -> Markup {
    errors(lang, f, L::RowsLeftOutHint)
}

fn errors(lang: Lang, f: &Failure, hint: L) -> Markup {
    let t = |l: L| l.text(lang);
    html! {
        section.errors {
            h1 { (t(L::InputErrorsTitle)) }
            p { (t(hint)) }
            @match f {
                Failure::Other(_) | Failure::InLang(..) => {
                    p.error { (f.text_in(lang).unwrap_or_default()) }
                }
                Failure::Input(errs) => {
                    table.data {
                        thead { tr {
                            th { (t(L::File)) } th { (t(L::Line)) } th { (t(L::Column)) }
                            th { (t(L::Value)) } th { (t(L::Problem)) }
                        } }
                        tbody {
                            @for e in &errs.errors {
                                tr {
                                    td { (e.file) }
                                    td.num { @if let Some(l) = e.line { (l) } }
                                    td { @if let Some((n, name)) = &e.column { (n) " (" (name) ")" } }
                                    td { @if let Some(v) = &e.value { code { (v) } } }
                                    td { (e.problem.render(lang)) }
                                }
                            }
                        }
                    }
                    @if errs.not_listed > 0 {
                        p { (fill(lang, L::MoreErrors, &[("n", &errs.not_listed)])) }
                    }
                    @if !errs.warnings.is_empty() {
                        h2 { (t(L::Warnings)) }
                        ul { @for w in &errs.warnings { li { (w.render(lang)) } } }
                    }
                }
            }
        }
    }
}

/// An HTML response with a status.
pub fn respond(status: StatusCode, m: Markup) -> Response {
    (status, Html(m.into_string())).into_response()
}

/// A 400 naming the field, its value and what was expected.
pub fn bad_field(lang: Lang, field: &str, value: &str, expected: &str) -> Response {
    let ui = Ui {
        lang,
        path: "/".into(),
        session: None,
    };
    let problem = format!("{value:?}: {expected}");
    let body = html! {
        h1 { (L::BadRequest.text(lang)) }
        p.error { (fill(lang, L::FieldError, &[("field", &field), ("problem", &problem)])) }
    };
    respond(
        StatusCode::BAD_REQUEST,
        frame(&ui, None, L::BadRequest.text(lang), body),
    )
}

/// A 403: a form without this session's CSRF token (or with another).
pub fn forbidden(lang: Lang) -> Response {
    let ui = Ui {
        lang,
        path: "/".into(),
        session: None,
    };
    let body = html! { h1 { (L::Forbidden.text(lang)) } p.error { (L::CsrfWrong.text(lang)) } };
    respond(
        StatusCode::FORBIDDEN,
        frame(&ui, None, L::Forbidden.text(lang), body),
    )
}

/// The ledger's count of the week, one line: its latest run's proposals, the decisions and the
/// bookings. Nothing without a ledger.
pub fn ledger_line(lang: Lang, d: &crate::state::Data) -> Markup {
    html! {
        @if let Some(lw) = &d.ledger {
            @let (acc, dec) = lw.verdict_counts();
            p.ledger #ledger-week {
                (fill(lang, L::LedgerWeek, &[
                    ("week", &lw.week),
                    ("proposals", &lw.view.proposals.len()),
                    ("accepted", &acc),
                    ("declined", &dec),
                    ("bookings", &lw.view.bookings.len()),
                ]))
                @if lw.view.closed { " " (L::WeekClosed.text(lang)) }
                @if lw.view.latest_run.is_none() { " " (fill(lang, L::NoRunYet, &[("week", &lw.week)])) }
            }
        }
    }
}

/// Any path that is not a page.
pub async fn not_found(ui: Ui) -> Response {
    let body = html! { h1 { (L::NotFound.text(ui.lang)) } };
    respond(
        StatusCode::NOT_FOUND,
        frame(&ui, None, L::NotFound.text(ui.lang), body),
    )
}

/// `POST /reload`: re-reads the folder, then back to the page the button was on.
pub async fn reload(State(app): State<App>, ui: Ui, body: axum::body::Bytes) -> Response {
    let back = form_urlencoded::parse(&body)
        .find(|(k, _)| k == "back")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| "/".into());
    // Only a path of this site: no scheme, no other host.
    let safe = back
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/-_.%~".contains(c));
    if !safe || !back.starts_with('/') || back.starts_with("//") {
        return bad_field(ui.lang, "back", &back, L::ExpectBack.text(ui.lang));
    }
    app.reload().await;
    crate::security::see_other(&back)
}
