//! What every response passes through: sign-in, the Host and Origin checks, the security
//! headers and the access log.
//!
//! - **Sign-in.** When an access token is set, every route except the login form and the
//!   stylesheet needs a session ([`crate::session`]): signing in with a user name and the token
//!   starts one; its random id (never the token) is the `matchpunt_session` cookie,
//!   `HttpOnly; SameSite=Strict`, and `Secure` when served beyond loopback. Scripts may send
//!   `Authorization: Bearer TOKEN` instead, to read (booking needs a session: it records who).
//!   The token is compared in constant time; it must have at least [`MIN_TOKEN_BITS`] bits of
//!   entropy ([`check_token_form`]).
//! - **Host.** Without a token the server only listens on loopback; a page of another site could
//!   still reach it through a name that resolves to 127.0.0.1 (DNS rebinding), so the `Host`
//!   header must then be a loopback name or address.
//! - **Origin.** A form posted from another site (an `Origin` header that is not this host) is
//!   refused. Forms that write to the ledger also carry the session's CSRF token.
//! - **Headers.** A strict Content-Security-Policy (nothing from any other host, no script at
//!   all), `Cache-Control: no-store` (pages carry health data), no referrer to other sites, no
//!   framing.
//! - **Log.** One line per request with the method, the path without its query string, the status
//!   and the time. Query strings and form bodies carry themes, which are health data; cookies
//!   carry session ids: neither is logged.

use crate::App;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Instant;
use subtle::ConstantTimeEq;

/// The Content-Security-Policy of every response: the page's own stylesheet, inline SVG, forms
/// to itself; no script, no frame, nothing from another host.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Least entropy of an access token, in bits.
pub const MIN_TOKEN_BITS: f64 = 128.0;

/// The estimated entropy of a token in bits: its length times log2 of the size of the alphabet
/// its characters come from (lower-case letters 26, upper-case 26, digits 10, the symbols
/// `-._~+/=` 7, each class counted when used). An upper estimate for a random token; a token
/// with few distinct characters or made of one repeated block is refused by
/// [`check_token_form`] whatever this says.
pub fn token_bits(token: &str) -> f64 {
    type Class = (fn(char) -> bool, f64);
    let classes: [Class; 4] = [
        (|c| c.is_ascii_lowercase(), 26.0),
        (|c| c.is_ascii_uppercase(), 26.0),
        (|c| c.is_ascii_digit(), 10.0),
        (|c| "-._~+/=".contains(c), 7.0),
    ];
    let alphabet: f64 = classes
        .iter()
        .filter(|(is, _)| token.chars().any(is))
        .map(|(_, n)| n)
        .sum();
    if alphabet < 2.0 {
        return 0.0;
    }
    token.chars().count() as f64 * alphabet.log2()
}

/// Checks a token: only letters, digits and `-._~+/=` (it stands in a header), at least
/// [`MIN_TOKEN_BITS`] bits by [`token_bits`], at least 8 distinct characters, and not one block
/// repeated (`abcabcabc...`). The error says what was found and how to make a good one.
pub fn check_token_form(token: &str) -> Result<(), String> {
    const MAKE: &str = "make one with `openssl rand -hex 32` (or any 32 random hex digits)";
    if let Some(c) = token
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "-._~+/=".contains(*c)))
    {
        return Err(format!(
            "the access token contains {c:?}: expected only letters, digits and -._~+/=; {MAKE}"
        ));
    }
    let chars: Vec<char> = token.chars().collect();
    let mut distinct = chars.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let n = chars.len();
    let repeated =
        (1..=n / 2).any(|p| n.is_multiple_of(p) && chars.chunks(p).all(|b| b == &chars[..p]));
    if distinct.len() < 8 || repeated {
        return Err(format!(
            "the access token is too easy to guess ({n} characters, {} distinct{}): expected a random token of at least {MIN_TOKEN_BITS:.0} bits; {MAKE}",
            distinct.len(),
            if repeated { ", one block repeated" } else { "" }
        ));
    }
    let bits = token_bits(token);
    if bits < MIN_TOKEN_BITS {
        return Err(format!(
            "the access token has about {bits:.0} bits of entropy ({n} characters of an alphabet of {:.0}): expected at least {MIN_TOKEN_BITS:.0}; {MAKE}",
            2f64.powf(bits / n.max(1) as f64)
        ));
    }
    let rest = unguessable_rest(token);
    if token_bits(&rest) < MIN_TOKEN_BITS * 0.75 {
        return Err(format!(
            "the access token is too easy to guess: it is made of words, names, years, sequences (abcd, 1234) or repeats, and the {} of its {n} characters left are far from random: expected a random token of at least {MIN_TOKEN_BITS:.0} bits; {MAKE}",
            rest.chars().count()
        ));
    }
    Ok(())
}

/// Words a guessed token is made of (lower case, 4 letters or more): the tool's name, the
/// field's words, common passwords, the largest places. A token holding them is guessed by a
/// dictionary attack long before its length says.
const GUESSABLE_WORDS: &[&str] = &[
    "matchpunt",
    "match",
    "punt",
    "password",
    "passwd",
    "wachtwoord",
    "welkom",
    "welcome",
    "admin",
    "secret",
    "geheim",
    "qwerty",
    "azerty",
    "letmein",
    "token",
    "test",
    "jeugdzorg",
    "jeugd",
    "zorg",
    "ervaring",
    "deskundige",
    "expert",
    "stichting",
    "gemeente",
    "utrecht",
    "amsterdam",
    "rotterdam",
    "haag",
    "eindhoven",
    "groningen",
    "nijmegen",
    "zwolle",
    "arnhem",
    "tilburg",
    "breda",
    "leiden",
    "almere",
    "kwintes",
    "lister",
    "altrecht",
    "pluryn",
    "youke",
];

/// What is left of a token after taking out what a guesser tries first (the fourth trial, #14:
/// `passwordpassword1234567890`, the alphabet, the tool's name three times and
/// `Utrecht-Jeugdzorg-2026-match` were accepted): the `GUESSABLE_WORDS` (any case), years
/// 1900-2099, runs of 4 or more consecutive letters or digits up or down (`abcd`, `9876`), and a
/// block repeated (`k3J9k3J9` keeps `k3J9`). A random token loses little. O(length × words).
pub fn unguessable_rest(token: &str) -> String {
    let mut s: Vec<char> = token.chars().collect();
    let lower = |s: &[char]| -> String { s.iter().map(|c| c.to_ascii_lowercase()).collect() };
    // Words, longest first.
    let mut words: Vec<&str> = GUESSABLE_WORDS.to_vec();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    for w in words {
        while let Some(at) = lower(&s).find(w) {
            s.drain(at..at + w.len());
        }
    }
    // Years.
    let mut i = 0;
    while i + 4 <= s.len() {
        let y: String = s[i..i + 4].iter().collect();
        if (y.starts_with("19") || y.starts_with("20")) && y.chars().all(|c| c.is_ascii_digit()) {
            s.drain(i..i + 4);
        } else {
            i += 1;
        }
    }
    // Runs of consecutive characters.
    let step = |a: char, b: char| {
        let (a, b) = (a.to_ascii_lowercase() as i32, b.to_ascii_lowercase() as i32);
        let same_class = (a as u8 as char).is_ascii_alphanumeric()
            && ((a as u8).is_ascii_digit() == (b as u8).is_ascii_digit());
        if same_class && b - a == 1 {
            1
        } else if same_class && a - b == 1 {
            -1
        } else {
            0
        }
    };
    let mut out: Vec<char> = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let mut j = i + 1;
        let dir = if j < s.len() { step(s[i], s[j]) } else { 0 };
        while dir != 0 && j < s.len() && step(s[j - 1], s[j]) == dir {
            j += 1;
        }
        if dir != 0 && j - i >= 4 {
            i = j;
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    // A block repeated, with a short tail.
    let n = out.len();
    for p in 1..=n / 2 {
        let whole = n - n % p;
        if whole / p >= 2 && n - whole <= 3 && out[..whole].chunks(p).all(|b| b == &out[..p]) {
            let mut kept: Vec<char> = out[..p].to_vec();
            kept.extend_from_slice(&out[whole..]);
            return kept.into_iter().collect();
        }
    }
    out.into_iter().collect()
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

/// The session of a request (its cookie's id, when live).
pub fn session(app: &App, headers: &HeaderMap) -> Option<crate::session::Session> {
    cookie(headers, crate::session::COOKIE).and_then(|id| app.sessions.get(id))
}

fn authorised(app: &App, headers: &HeaderMap) -> bool {
    let Some(token) = &app.cfg.token else {
        return true;
    };
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    bearer.is_some_and(|b| token_matches(token, b.trim())) || session(app, headers).is_some()
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

/// Paths open without signing in: the login form and the stylesheet it uses.
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

/// A `Set-Cookie` value for a session id: `HttpOnly; SameSite=Strict`, and `Secure` with
/// `secure`. No `Max-Age`: the browser forgets it when closed, the server when it expires.
pub fn session_cookie(id: &str, secure: bool) -> String {
    format!(
        "{}={id}; HttpOnly; SameSite=Strict; Path=/{}",
        crate::session::COOKIE,
        if secure { "; Secure" } else { "" }
    )
}

/// A `Set-Cookie` value that removes the session cookie (logout).
pub fn clear_session_cookie(secure: bool) -> String {
    format!(
        "{}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0{}",
        crate::session::COOKIE,
        if secure { "; Secure" } else { "" }
    )
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
        // 17 letters: about 80 bits.
        let e = check_token_form("qmzrtkwbxnvhjslpd").unwrap_err();
        assert!(e.contains("bits of entropy"), "{e}");
        // A run of one letter, however long.
        let e = check_token_form(&"a".repeat(64)).unwrap_err();
        assert!(e.contains("too easy to guess"), "{e}");
        let e = check_token_form(&"abcdefgh".repeat(8)).unwrap_err();
        assert!(e.contains("one block repeated"), "{e}");
        // 32 hex digits (openssl rand -hex 16) and 22 base64 characters pass.
        assert!(check_token_form("3f9a0c7e51b24d86a9e0f1c2d3b4a596").is_ok());
        assert!(check_token_form("q8Zr-Lm3Xv_T0pWc9YbN2e").is_ok());
        // The fourth trial's guessable tokens.
        for t in [
            "matchpuntmatchpuntmatchpunt1",
            "abcdefghijklmnopqrstuvwxyz012345",
            "passwordpassword1234567890",
            "Utrecht-Jeugdzorg-2026-match",
            "WachtwoordWelkomGeheim-2026-Jeugdzorg",
        ] {
            let e = check_token_form(t).unwrap_err();
            assert!(e.contains("too easy to guess"), "{t}: {e}");
        }
        // openssl rand -hex 32 and -base64 32 pass.
        assert!(check_token_form(
            "9c1f4e2b7a3d8f60c5e1b9a7d2f4c8e03b6a9d1e7f2c5b8a4d0e3f6c9b2a7d1e"
        )
        .is_ok());
        assert!(check_token_form("kP7vQ2xN9mR4tY8wZ3bC6dF1gH5jL0sA+eU/oI7qW2M=").is_ok());
        assert!(token_matches("abcdefghijklmnopq", "abcdefghijklmnopq"));
        assert!(!token_matches("abcdefghijklmnopq", "abcdefghijklmnopr"));
        assert!(!token_matches("abcdefghijklmnopq", "abcdefghijklmnop"));
    }

    #[test]
    fn cookie_flags() {
        let c = session_cookie("ab12", false);
        assert_eq!(
            c,
            "matchpunt_session=ab12; HttpOnly; SameSite=Strict; Path=/"
        );
        assert!(session_cookie("ab12", true).ends_with("; Secure"));
        assert!(clear_session_cookie(false).contains("Max-Age=0"));
    }

    #[test]
    fn cookies_are_found_among_others() {
        let mut h = HeaderMap::new();
        h.append(header::COOKIE, HeaderValue::from_static("a=1; lang=en"));
        h.append(
            header::COOKIE,
            HeaderValue::from_static("matchpunt_session=xyz"),
        );
        assert_eq!(cookie(&h, "lang"), Some("en"));
        assert_eq!(cookie(&h, crate::session::COOKIE), Some("xyz"));
        assert_eq!(cookie(&h, "b"), None);
    }
}
