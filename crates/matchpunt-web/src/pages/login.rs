//! The login form, shown when an access token is set: it sets the token cookie.

use super::{frame, respond};
use crate::i18n::L;
use crate::security::{cookie, see_other, token_cookie, token_matches};
use crate::{App, Lang, Ui};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use maud::{html, Markup};
use std::time::Duration;

fn login_page(lang: Lang, wrong: bool) -> Markup {
    let ui = Ui {
        lang,
        path: "/login".into(),
    };
    let t = |l: L| l.text(lang);
    let body = html! {
        section.login {
            h1 { (t(L::LoginTitle)) }
            @if wrong { p.error { (t(L::WrongToken)) } }
            form method="post" action="/login" {
                label { (t(L::Token)) " "
                    input type="password" name="token" autocomplete="current-password" required autofocus;
                }
                " "
                button type="submit" { (t(L::LoginButton)) }
            }
        }
    };
    frame(&ui, None, t(L::LoginTitle), body)
}

/// The 401 answer to a request without the token: the login form (the page asks again after it).
pub fn unauthorised(req: &Request) -> Response {
    let lang = cookie(req.headers(), "lang")
        .and_then(Lang::parse)
        .unwrap_or(Lang::Nl);
    let mut resp = respond(StatusCode::UNAUTHORIZED, login_page(lang, false));
    resp.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"matchpunt\""),
    );
    resp
}

/// `GET /login`.
pub async fn form(ui: Ui) -> Response {
    respond(StatusCode::OK, login_page(ui.lang, false))
}

/// `POST /login`: a right token sets the cookie and goes to the week; a wrong one waits a
/// moment (to slow guessing) and shows the form again with a 401.
pub async fn submit(State(app): State<App>, ui: Ui, body: axum::body::Bytes) -> Response {
    let given = form_urlencoded::parse(&body)
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    match &app.cfg.token {
        Some(token) if token_matches(token, given.trim()) => {
            let mut resp = see_other("/");
            if let Ok(v) = HeaderValue::from_str(&token_cookie(token)) {
                resp.headers_mut().insert(header::SET_COOKIE, v);
            }
            resp
        }
        Some(_) => {
            tokio::time::sleep(Duration::from_millis(300)).await;
            respond(StatusCode::UNAUTHORIZED, login_page(ui.lang, true))
        }
        None => see_other("/"),
    }
}
