//! What every response passes through: the access token, the Host and Origin checks, the
//! security headers and the access log.
//!
//! - **Token.** When one is set, every route except the login form and the stylesheet needs it:
//!   the `matchpunt_token` cookie (set by the login form, `HttpOnly; SameSite=Strict`) or an
//!   `Authorization: Bearer` header (for scripts). It is compared in constant time.
//! - **Host.** Without a token the server only listens on loopback; a page of another site could
//!   still reach it through a name that resolves to 127.0.0.1 (DNS rebinding), so the `Host`
//!   header must then be a loopback name or address.
//! - **Origin.** A form posted from another site (an `Origin` header that is not this host) is
//!   refused.
//! - **Headers.** A strict Content-Security-Policy (nothing from any other host, no script at
//!   all), `Cache-Control: no-store` (pages carry health data), no referrer to other sites, no
//!   framing.
//! - **Log.** One line per request with the method, the path without its query string, the status
//!   and the time. Query strings and form bodies carry themes, which are health data.

use crate::App;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Instant;
use subtle::ConstantTimeEq;

/// The name of the cookie that carries the token.
pub const COOKIE: &str = "matchpunt_token";

/// The Content-Security-Policy of every response: the page's own stylesheet, inline SVG, forms
/// to itself; no script, no frame, nothing from another host.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Shortest token accepted.
pub const MIN_TOKEN_LEN: usize = 16;

/// Checks a token's form: at least [`MIN_TOKEN_LEN`] characters, all printable ASCII that may
/// stand in a cookie (letters, digits and `-._~+/=`).
pub fn check_token_form(token: &str) -> Result<(), String> {
    if token.len() < MIN_TOKEN_LEN {
        return Err(format!(
            "the access token has {} characters: expected at least {MIN_TOKEN_LEN}",
            token.len()
        ));
    }
    if let Some(c) = token
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "-._~+/=".contains(*c)))
    {
        return Err(format!(
            "the access token contains {c:?}: expected only letters, digits and -._~+/="
        ));
    }
    Ok(())
}

/// Whether `given` is the token, in time that does not depend on where they differ.
pub fn token_matches(expected: &str, given: &str) -> bool {
    expected.as_bytes().ct_eq(given.as_bytes()).into()
}

/// The value of cookie `name` in the request's `Cookie` headers.
pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn authorised(app: &App, headers: &HeaderMap) -> bool {
    let Some(token) = &app.cfg.token else {
        return true;
    };
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    bearer.is_some_and(|b| token_matches(token, b.trim()))
        || cookie(headers, COOKIE).is_some_and(|c| token_matches(token, c))
}

/// The host part of a `Host` header value or an origin's authority, without the port.
fn host_name(authority: &str) -> &str {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split(']').next().unwrap_or("");
    }
    authority.rsplit_once(':').map_or(authority, |(h, _)| h)
}

/// Whether a `Host` header names this machine's loopback.
pub fn is_loopback_host(host: &str) -> bool {
    let h = host_name(host);
    h.eq_ignore_ascii_case("localhost")
        || h.parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn refuse(status: StatusCode, text: &'static str) -> Response {
    (status, text).into_response()
}

/// Paths open without the token: the login form and the stylesheet it uses.
fn is_open_path(path: &str) -> bool {
    path == "/login" || path.starts_with("/static/")
}

fn gate(app: &App, req: &Request, sign_in: fn(&Request) -> Response) -> Option<Response> {
    let headers = req.headers();
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    if app.cfg.token.is_none() && host.is_some_and(|h| !is_loopback_host(h)) {
        return Some(refuse(
            StatusCode::MISDIRECTED_REQUEST,
            "this server answers only to a loopback address (localhost, 127.0.0.1)",
        ));
    }
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
        if fetch_site == Some("cross-site") {
            return Some(refuse(
                StatusCode::FORBIDDEN,
                "a form from another site is not accepted",
            ));
        }
        if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
            let origin_host = origin.split_once("://").map_or(origin, |x| x.1);
            if host.is_none_or(|h| !origin_host.eq_ignore_ascii_case(h)) {
                return Some(refuse(
                    StatusCode::FORBIDDEN,
                    "a form from another site is not accepted",
                ));
            }
        }
    }
    if !is_open_path(req.uri().path()) && !authorised(app, headers) {
        return Some(sign_in(req));
    }
    None
}

/// The middleware around every route: checks, headers, log. `sign_in` answers a request without
/// the token (the login page, which lives with the pages: the crate root passes it, so that this
/// module needs none of them).
pub async fn guard(
    State(app): State<App>,
    req: Request,
    next: Next,
    sign_in: fn(&Request) -> Response,
) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let mut resp = match gate(&app, &req, sign_in) {
        Some(r) => r,
        None => next.run(req).await,
    };
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // same-origin, not no-referrer: with no-referrer a browser posts forms with `Origin: null`,
    // which the Origin check could not tell from another site's.
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    if app.cfg.access_log {
        eprintln!(
            "{}",
            log_line(&method, &path, resp.status(), start.elapsed())
        );
    }
    resp
}

/// One access log line: method, path (never the query string), status, milliseconds.
pub fn log_line(
    method: &Method,
    path: &str,
    status: StatusCode,
    elapsed: std::time::Duration,
) -> String {
    let path = path.split('?').next().unwrap_or("");
    format!(
        "{method} {path} {} {:.1} ms",
        status.as_u16(),
        elapsed.as_secs_f64() * 1000.0
    )
}

/// A `Set-Cookie` value for the token.
pub fn token_cookie(token: &str) -> String {
    format!("{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/")
}

/// A 303 redirect to a path of this site (`/` when `to` cannot stand in a header).
pub fn see_other(to: &str) -> Response {
    let location = HeaderValue::from_str(to).unwrap_or(HeaderValue::from_static("/"));
    let mut resp = Response::new(Body::empty());
    *resp.status_mut() = StatusCode::SEE_OTHER;
    resp.headers_mut().insert(header::LOCATION, location);
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_lines_drop_the_query() {
        let l = log_line(
            &Method::GET,
            "/request?themes=eetstoornis",
            StatusCode::OK,
            std::time::Duration::from_millis(3),
        );
        assert!(l.starts_with("GET /request 200 "), "{l}");
        assert!(!l.contains("eetstoornis"));
    }

    #[test]
    fn loopback_hosts() {
        for h in [
            "localhost",
            "localhost:8080",
            "127.0.0.1:8080",
            "127.1.2.3",
            "[::1]:80",
            "LOCALHOST",
        ] {
            assert!(is_loopback_host(h), "{h}");
        }
        for h in [
            "evil.example:8080",
            "192.168.1.2:8080",
            "localhost.evil.example",
            "[::2]:80",
        ] {
            assert!(!is_loopback_host(h), "{h}");
        }
    }

    #[test]
    fn tokens() {
        assert!(check_token_form("short").is_err());
        assert!(check_token_form("abcdefghijklmnop;q").is_err());
        assert!(check_token_form("abcdefghijklmnopq").is_ok());
        assert!(token_matches("abcdefghijklmnopq", "abcdefghijklmnopq"));
        assert!(!token_matches("abcdefghijklmnopq", "abcdefghijklmnopr"));
        assert!(!token_matches("abcdefghijklmnopq", "abcdefghijklmnop"));
    }

    #[test]
    fn cookies_are_found_among_others() {
        let mut h = HeaderMap::new();
        h.append(header::COOKIE, HeaderValue::from_static("a=1; lang=en"));
        h.append(
            header::COOKIE,
            HeaderValue::from_static("matchpunt_token=xyz"),
        );
        assert_eq!(cookie(&h, "lang"), Some("en"));
        assert_eq!(cookie(&h, COOKIE), Some("xyz"));
        assert_eq!(cookie(&h, "b"), None);
    }
}
