//! Signing in and out: a user name (recorded as the actor of each booking in the ledger's audit
//! log) and, when one is set, the access token. A right sign-in starts a session
//! ([`crate::session`]); a wrong one waits (longer after each failure in a row, for everyone:
//! [`crate::session::Backoff`]).

use super::{frame, respond};
use crate::i18n::L;
use crate::security::{
    clear_session_cookie, cookie, see_other, session, session_cookie, token_matches,
};
use crate::session::check_user;
use crate::{App, Lang, Ui};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use maud::{html, Markup};
use subtle::ConstantTimeEq;

fn login_page(lang: Lang, with_token: bool, error: Option<&str>) -> Markup {
    let ui = Ui {
        lang,
        path: "/login".into(),
        session: None,
    };
    let t = |l: L| l.text(lang);
    let body = html! {
        section.login {
            h1 { (t(L::LoginTitle)) }
            @if let Some(e) = error { p.error #login-error { (e) } }
            form method="post" action="/login" {
                label { (t(L::UserName)) " "
                    input type="text" name="user" autocomplete="username" maxlength="64" required autofocus;
                }
                " "
                @if with_token {
                    label { (t(L::Token)) " "
                        input type="password" name="token" autocomplete="current-password" required;
                    }
                    " "
                }
                button type="submit" #login { (t(L::LoginButton)) }
            }
            p.hint { (t(L::LoginHint)) }
        }
    };
    frame(&ui, None, t(L::LoginTitle), body)
}

/// The language of a request without a [`Ui`]: the `lang` cookie, else Dutch.
fn lang_of(req: &Request) -> Lang {
    cookie(req.headers(), "lang")
        .and_then(Lang::parse)
        .unwrap_or(Lang::Nl)
}

/// The 401 answer to a request without a session: the login form.
pub fn unauthorised(req: &Request) -> Response {
    // The token field is shown: this answer is only given when a token is set.
    let mut resp = respond(
        StatusCode::UNAUTHORIZED,
        login_page(lang_of(req), true, None),
    );
    resp.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"matchpunt\""),
    );
    resp
}

/// `GET /login`.
pub async fn form(State(app): State<App>, ui: Ui) -> Response {
    respond(
        StatusCode::OK,
        login_page(ui.lang, app.cfg.token.is_some(), None),
    )
}

/// `POST /login` (`user`, and `token` when one is set): a right sign-in starts a session (its
/// id in the cookie) and goes to the week; a wrong one is a 401 with the form again, after the
/// delay the failures in a row call for. A bad user name is a 400 naming it (no delay: it says
/// nothing of the token).
pub async fn submit(State(app): State<App>, ui: Ui, body: axum::body::Bytes) -> Response {
    let field = |name: &str| {
        form_urlencoded::parse(&body)
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    let with_token = app.cfg.token.is_some();
    let user = match check_user(&field("user")) {
        Ok(u) => u,
        Err(e) => {
            return respond(
                StatusCode::BAD_REQUEST,
                login_page(ui.lang, with_token, Some(&e)),
            )
        }
    };
    let given = field("token");
    let right = app
        .backoff
        .attempt(|| {
            let ok = match &app.cfg.token {
                Some(token) => token_matches(token, given.trim()),
                None => true,
            };
            (ok, ok)
        })
        .await;
    if !right {
        return respond(
            StatusCode::UNAUTHORIZED,
            login_page(ui.lang, true, Some(L::WrongToken.text(ui.lang))),
        );
    }
    let id = app.sessions.start(&user);
    let mut resp = see_other("/");
    if let Ok(v) = HeaderValue::from_str(&session_cookie(&id, app.cfg.secure_cookies)) {
        resp.headers_mut().insert(header::SET_COOKIE, v);
    }
    resp
}

/// Whether `given` is the session's CSRF token (constant time).
pub fn csrf_ok(expected: &str, given: &str) -> bool {
    !given.is_empty() && bool::from(expected.as_bytes().ct_eq(given.as_bytes()))
}

/// `POST /logout` (`csrf`): ends the session and removes the cookie, then the login form. A
/// missing or wrong CSRF token is a 403.
pub async fn logout(State(app): State<App>, ui: Ui, req: Request) -> Response {
    let headers = req.headers().clone();
    let body = axum::body::to_bytes(req.into_body(), 64 * 1024)
        .await
        .unwrap_or_default();
    let given = form_urlencoded::parse(&body)
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    if let Some(s) = session(&app, &headers) {
        if !csrf_ok(&s.csrf, &given) {
            return super::forbidden(ui.lang);
        }
        if let Some(id) = cookie(&headers, crate::session::COOKIE) {
            app.sessions.end(id);
        }
    }
    let mut resp = see_other("/login");
    if let Ok(v) = HeaderValue::from_str(&clear_session_cookie(app.cfg.secure_cookies)) {
        resp.headers_mut().insert(header::SET_COOKIE, v);
    }
    resp
}
