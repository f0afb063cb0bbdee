//! Booking from the phone form with a season ledger, and the hardening of a page that writes:
//! sign-in with a user name, sessions (random id, cookie flags, expiry, logout), the CSRF token
//! of the book form, the delay after failed sign-ins, and idle connections that cannot block
//! the page.

use crate::common::{send, Got};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use matchpunt::model::Week;
use matchpunt_ledger::Ledger;
use matchpunt_web::{router, AppState, Config};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The shared case round-declined-seat-no-reason-and-redeclined-suggested (kept by the CLI's
/// tests): E2 (buddy, pleegzorg, Soest) has one slot, ma-avond.
fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../matchpunt-cli/tests/fixtures/round-declined-seat-no-reason-and-redeclined-suggested",
    )
}

const WEEK: &str = "2026-W48";

/// A phone request only E2 fits, in her one slot.
const E2_FORM: &str = "role=maatje&themes=pleegzorg&place=Soest&slot=ma-avond&language=nl&client_age=&experts_needed=1&org=Vakcollege+De+Vaart";

async fn get(app: &Router, uri: &str, cookie: &str) -> Got {
    let mut r = Request::get(uri);
    if !cookie.is_empty() {
        r = r.header(header::COOKIE, cookie);
    }
    send(app, r.body(Body::empty()).unwrap()).await
}

/// [`get`] once a request page has filled in (its costs and fixes come after its first view).
async fn get_filled(app: &Router, uri: &str, cookie: &str) -> Got {
    crate::common::send_filled(app, || {
        let mut r = Request::get(uri);
        if !cookie.is_empty() {
            r = r.header(header::COOKIE, cookie);
        }
        r.body(Body::empty()).unwrap()
    })
    .await
}

async fn post(app: &Router, uri: &str, cookie: &str, form: &str) -> Got {
    let mut r =
        Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if !cookie.is_empty() {
        r = r.header(header::COOKIE, cookie);
    }
    send(app, r.body(Body::from(form.to_string())).unwrap()).await
}

/// A copy of the fixture and a new ledger beside it.
fn with_ledger() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for f in ["experts.csv", "requests.csv"] {
        std::fs::copy(fixture().join(f), dir.path().join(f)).unwrap();
    }
    let l = dir.path().join("season.ledger");
    Ledger::init(&l, "test").unwrap();
    (dir, l)
}

fn ledger_cfg(dir: &Path, ledger: Option<&Path>) -> Config {
    let mut cfg = Config::new(dir);
    cfg.week = Week::parse(WEEK);
    cfg.ledger = ledger.map(Path::to_path_buf);
    cfg
}

/// Signs in as `user` (and the token, when given); returns the cookie pair.
async fn sign_in(app: &Router, user: &str, token: Option<&str>) -> String {
    let form = match token {
        Some(t) => format!("user={user}&token={t}"),
        None => format!("user={user}"),
    };
    let g = post(app, "/login", "", &form).await;
    assert_eq!(g.status, StatusCode::SEE_OTHER, "{}", g.body);
    let c = g.headers[header::SET_COOKIE].to_str().unwrap();
    c.split(';').next().unwrap().to_string()
}

/// The CSRF token in a page's forms.
fn csrf_of(body: &str) -> String {
    let at = body
        .find("name=\"csrf\" value=\"")
        .expect("a form with a CSRF token");
    let rest = &body[at + "name=\"csrf\" value=\"".len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

fn book_form(csrf: Option<&str>, expert: &str) -> String {
    match csrf {
        Some(c) => format!("csrf={c}&expert={expert}&{E2_FORM}"),
        None => format!("expert={expert}&{E2_FORM}"),
    }
}

#[tokio::test]
async fn booking_needs_a_session_and_its_csrf_token_and_the_week_page_shows_it() {
    let (dir, l) = with_ledger();
    let app = router(AppState::new(ledger_cfg(dir.path(), Some(&l))));
    // Signed out: the candidates say to sign in, and a booking is a 401.
    let g = post(&app, "/request", "", E2_FORM).await;
    assert_eq!(g.status, StatusCode::OK);
    assert!(g.body.contains("id=\"no-booking\""), "{}", g.body);
    assert!(!g.body.contains("action=\"/book\""));
    assert!(g.body.contains("id=\"ledger-week\""), "the ledger's count");
    assert_eq!(
        post(&app, "/book", "", &book_form(Some("x"), "E2"))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let cookie = sign_in(&app, "Sanne", None).await;
    let g = post(&app, "/request", &cookie, E2_FORM).await;
    assert!(g.body.contains("action=\"/book\""), "{}", g.body);
    let csrf = csrf_of(&g.body);
    assert_eq!(csrf.len(), 64);
    // No CSRF token, or another: refused, nothing booked.
    for form in [
        book_form(None, "E2"),
        book_form(Some(&"0".repeat(64)), "E2"),
    ] {
        let g = post(&app, "/book", &cookie, &form).await;
        assert_eq!(g.status, StatusCode::FORBIDDEN, "{}", g.body);
    }
    // Another session's token is no good either.
    let other = sign_in(&app, "Piet", None).await;
    let g = post(&app, "/book", &other, &book_form(Some(&csrf), "E2")).await;
    assert_eq!(g.status, StatusCode::FORBIDDEN);
    assert!(Ledger::open(&l, "t")
        .unwrap()
        .week(WEEK)
        .unwrap()
        .bookings
        .is_empty());
    // The right one books, as Sanne, and the week page lists it.
    let g = post(&app, "/book", &cookie, &book_form(Some(&csrf), "E2")).await;
    assert_eq!(g.status, StatusCode::SEE_OTHER, "{}", g.body);
    assert_eq!(g.headers[header::LOCATION], "/#bookings");
    let week = Ledger::open(&l, "t").unwrap().week(WEEK).unwrap();
    assert_eq!(week.bookings.len(), 1);
    assert_eq!(week.bookings[0].seat.expert, "E2");
    assert_eq!(week.bookings[0].seat.request, "tel-1");
    assert_eq!(week.bookings[0].actor, "Sanne");
    assert!(week.bookings[0]
        .inline_request
        .as_deref()
        .unwrap()
        .contains("tel-1"));
    let log = Ledger::open(&l, "t").unwrap().log().unwrap();
    assert!(log.iter().any(|e| e.action == "book" && e.actor == "Sanne"));
    let g = get(&app, "/", &cookie).await;
    assert_eq!(g.status, StatusCode::OK);
    let at = g
        .body
        .find("id=\"bookings\"")
        .expect("the bookings section");
    let section = &g.body[at..];
    assert!(section.contains("tel-1") && section.contains("E2") && section.contains("Sanne"));
    assert!(g.body.contains("1 boekingen"), "the ledger's count");
    // The form now counts the booking: E2 is no longer free in ma-avond.
    let g = post(&app, "/request", &cookie, E2_FORM).await;
    assert!(!g.body.contains("data-expert=\"E2\""), "{}", g.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_two_staff_booking_the_last_slot_exactly_one_succeeds_and_the_other_hears_why() {
    for trial in 0..3 {
        let (dir, l) = with_ledger();
        let app = router(AppState::new(ledger_cfg(dir.path(), Some(&l))));
        let a = sign_in(&app, "Sanne", None).await;
        let b = sign_in(&app, "Piet", None).await;
        let csrf_a = csrf_of(&post(&app, "/request", &a, E2_FORM).await.body);
        let csrf_b = csrf_of(&post(&app, "/request", &b, E2_FORM).await.body);
        // Piet reads English.
        let b_en = format!("{b}; lang=en");
        let (fa, fb) = (
            book_form(Some(&csrf_a), "E2"),
            book_form(Some(&csrf_b), "E2"),
        );
        let (ga, gb) = tokio::join!(
            post(&app, "/book", &a, &fa),
            post(&app, "/book", &b_en, &fb),
        );
        let statuses = [ga.status, gb.status];
        let won = statuses
            .iter()
            .filter(|s| **s == StatusCode::SEE_OTHER)
            .count();
        assert_eq!(won, 1, "trial {trial}: {statuses:?}");
        let lost = if ga.status == StatusCode::SEE_OTHER {
            &gb
        } else {
            &ga
        };
        assert_eq!(lost.status, StatusCode::CONFLICT);
        let said = if ga.status == StatusCode::SEE_OTHER {
            "Not booked: expert E2 has a seat in this slot this week already"
        } else {
            "Niet geboekt: deskundige E2 heeft deze week al een plek in dit dagdeel"
        };
        assert!(lost.body.contains(said), "trial {trial}: {}", lost.body);
        let week = Ledger::open(&l, "t").unwrap().week(WEEK).unwrap();
        assert_eq!(week.bookings.len(), 1, "trial {trial}");
        assert!(Ledger::open(&l, "t").unwrap().check().unwrap().is_empty());
    }
}

#[tokio::test]
async fn without_a_ledger_there_is_no_book_button_and_the_page_says_why() {
    let (dir, _) = with_ledger();
    let app = router(AppState::new(ledger_cfg(dir.path(), None)));
    let cookie = sign_in(&app, "Sanne", None).await;
    let g = post(&app, "/request", &cookie, E2_FORM).await;
    assert_eq!(g.status, StatusCode::OK);
    assert!(!g.body.contains("action=\"/book\""));
    assert!(
        g.body.contains("Boeken kan alleen met de ledger"),
        "{}",
        g.body
    );
    // A crafted post books nothing either.
    let csrf = csrf_of(&g.body); // the logout form's
    let g = post(&app, "/book", &cookie, &book_form(Some(&csrf), "E2")).await;
    assert_eq!(g.status, StatusCode::CONFLICT);
    assert!(g.body.contains("Boeken kan alleen met de ledger"));
}

#[tokio::test]
async fn a_closed_week_is_not_booked() {
    let (dir, l) = with_ledger();
    {
        let mut led = Ledger::open(&l, "t").unwrap();
        led.book(WEEK, |_| {
            Ok((
                matchpunt_ledger::Seat {
                    request: "R1".into(),
                    expert: "E1".into(),
                    org: "x".into(),
                    role: "buddy".into(),
                    slot: "wed-pm".into(),
                    intensity: 1,
                    themes: String::new(),
                    heavy: false,
                    pinned: true,
                },
                None,
            ))
        })
        .unwrap();
        led.close(WEEK).unwrap();
    }
    let app = router(AppState::new(ledger_cfg(dir.path(), Some(&l))));
    let cookie = sign_in(&app, "Sanne", None).await;
    let g = post(&app, "/request", &cookie, E2_FORM).await;
    assert!(!g.body.contains("action=\"/book\""));
    assert!(g.body.contains("De week is gesloten"), "{}", g.body);
}

const TOKEN: &str = "3f9a0c7e51b24d86a9e0f1c2d3b4a596";

#[tokio::test]
async fn sessions_expire_and_logout_ends_them() {
    let (dir, _) = with_ledger();
    let mut cfg = ledger_cfg(dir.path(), None);
    cfg.token = Some(TOKEN.into());
    cfg.session_idle = Duration::from_millis(300);
    let app = router(AppState::new(cfg));
    let cookie = sign_in(&app, "Sanne", Some(TOKEN)).await;
    assert_eq!(get(&app, "/", &cookie).await.status, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(450)).await;
    assert_eq!(
        get(&app, "/", &cookie).await.status,
        StatusCode::UNAUTHORIZED,
        "expired on the server"
    );
    // Logout: needs the session's CSRF token; then the session is gone and the cookie cleared.
    let cookie = sign_in(&app, "Sanne", Some(TOKEN)).await;
    let g = get(&app, "/", &cookie).await;
    let csrf = csrf_of(&g.body);
    assert_eq!(
        post(&app, "/logout", &cookie, "csrf=wrong").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(get(&app, "/", &cookie).await.status, StatusCode::OK);
    let g = post(&app, "/logout", &cookie, &format!("csrf={csrf}")).await;
    assert_eq!(g.status, StatusCode::SEE_OTHER);
    assert_eq!(g.headers[header::LOCATION], "/login");
    let c = g.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        c.starts_with("matchpunt_session=;") && c.contains("Max-Age=0"),
        "{c}"
    );
    assert_eq!(
        get(&app, "/", &cookie).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn session_cookies_are_httponly_strict_and_secure_beyond_loopback() {
    let (dir, _) = with_ledger();
    for secure in [false, true] {
        let mut cfg = ledger_cfg(dir.path(), None);
        cfg.token = Some(TOKEN.into());
        cfg.secure_cookies = secure;
        let app = router(AppState::new(cfg));
        let g = post(&app, "/login", "", &format!("user=Sanne&token={TOKEN}")).await;
        let c = g.headers[header::SET_COOKIE].to_str().unwrap().to_string();
        let id = c
            .split(';')
            .next()
            .unwrap()
            .strip_prefix("matchpunt_session=")
            .unwrap();
        assert_eq!(id.len(), 64, "256 bits, hex: {c}");
        assert!(!c.contains(TOKEN));
        assert!(
            c.contains("; HttpOnly") && c.contains("; SameSite=Strict") && c.contains("; Path=/")
        );
        assert_eq!(c.contains("; Secure"), secure, "{c}");
        // Another sign-in gets another id.
        let g = post(&app, "/login", "", &format!("user=Sanne&token={TOKEN}")).await;
        assert!(!g.headers[header::SET_COOKIE].to_str().unwrap().contains(id));
    }
    // A bad user name is named, and is no sign-in.
    let mut cfg = ledger_cfg(dir.path(), None);
    cfg.token = Some(TOKEN.into());
    let app = router(AppState::new(cfg));
    let g = post(&app, "/login", "", &format!("user=%3Cb%3E&token={TOKEN}")).await;
    assert_eq!(g.status, StatusCode::BAD_REQUEST);
    assert!(g.headers.get(header::SET_COOKIE).is_none());
}

#[tokio::test]
async fn failed_sign_ins_are_answered_ever_later() {
    let (dir, _) = with_ledger();
    let mut cfg = ledger_cfg(dir.path(), None);
    cfg.token = Some(TOKEN.into());
    let app = router(AppState::new(cfg));
    let mut took = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let g = post(
            &app,
            "/login",
            "",
            "user=Sanne&token=3f9a0c7e51b24d86a9e0f1c2d3b4a597",
        )
        .await;
        took.push(t.elapsed());
        assert_eq!(g.status, StatusCode::UNAUTHORIZED);
        assert!(g.headers.get(header::SET_COOKIE).is_none());
    }
    assert!(took[0] >= Duration::from_millis(250), "{took:?}");
    assert!(took[1] >= Duration::from_millis(500), "{took:?}");
    assert!(took[2] >= Duration::from_millis(750), "{took:?}");
    // The right token still signs in, and resets the count.
    let _ = sign_in(&app, "Sanne", Some(TOKEN)).await;
    let t = Instant::now();
    let _ = sign_in(&app, "Sanne", Some(TOKEN)).await;
    assert!(t.elapsed() < Duration::from_millis(250));
}

/// A real request over TCP (blocking, on a thread of its own); returns the status line.
async fn real_get(addr: std::net::SocketAddr) -> String {
    tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.write_all(
            b"GET /static/style.css HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        )
        .unwrap();
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        String::from_utf8_lossy(&buf)
            .lines()
            .next()
            .unwrap_or("")
            .to_string()
    })
    .await
    .unwrap()
}

async fn idle_then_real(cfg: Config, idle: usize, within: Duration) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = AppState::new(cfg);
    let server = tokio::spawn(matchpunt_web::serve_on(listener, app));
    let mut sockets = Vec::new();
    for _ in 0..idle {
        sockets.push(std::net::TcpStream::connect(addr).unwrap());
    }
    let t = Instant::now();
    let line = tokio::time::timeout(within, real_get(addr))
        .await
        .unwrap_or_else(|_| panic!("no answer within {within:?} behind {idle} idle connections"));
    assert!(line.starts_with("HTTP/1.1 200"), "{line}");
    eprintln!(
        "answered in {:?} behind {idle} idle connections",
        t.elapsed()
    );
    // The idle ones are closed by the server (a read gives end of file, not a timeout).
    let first = sockets.swap_remove(0);
    let n = tokio::task::spawn_blocking(move || {
        use std::io::Read;
        let mut first = first;
        first
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut b = [0u8; 1];
        first.read(&mut b)
    })
    .await
    .unwrap();
    assert_eq!(n.expect("closed by the server, not timed out"), 0);
    server.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_hundred_idle_connections_do_not_block_a_real_request() {
    let (dir, _) = with_ledger();
    // The defaults: 512 connections, headers within 5 s.
    idle_then_real(ledger_cfg(dir.path(), None), 300, Duration::from_secs(3)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn beyond_the_connection_limit_idle_ones_make_room_within_the_header_timeout() {
    let (dir, _) = with_ledger();
    let mut cfg = ledger_cfg(dir.path(), None);
    cfg.max_connections = 8;
    cfg.header_timeout = Duration::from_millis(300);
    // 40 idle connections, 8 at a time, each closed after 0.3 s: the real one in about 1.5 s.
    idle_then_real(cfg, 40, Duration::from_secs(6)).await;
}

/// The sample served with a new ledger: the history file's weeks (not yet in the ledger) are
/// read as `run --ledger` would import them, and the form answers.
#[tokio::test]
async fn the_sample_with_a_new_ledger_shows_the_form_and_the_ledger_count() {
    let dir = tempfile::tempdir().unwrap();
    let l = dir.path().join("season.ledger");
    Ledger::init(&l, "test").unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample");
    let app = router(AppState::new(ledger_cfg(&sample, Some(&l))));
    let g = get(&app, "/request", "").await;
    assert_eq!(g.status, StatusCode::OK);
    assert!(g.body.contains("name=\"role\""), "{}", g.body);
    assert!(g.body.contains("id=\"ledger-week\""), "{}", g.body);
    let g = get(&app, "/", "").await;
    assert!(g.body.contains("Nog geen run van deze week"), "{}", g.body);
}

fn seat(request: &str, expert: &str, slot: &str) -> matchpunt_ledger::Seat {
    matchpunt_ledger::Seat {
        request: request.into(),
        expert: expert.into(),
        org: "x".into(),
        role: "buddy".into(),
        slot: slot.into(),
        intensity: 1,
        themes: String::new(),
        heavy: false,
        pinned: false,
    }
}

/// The shared case round-declined-seat-no-reason-and-redeclined-suggested on the page: after E1
/// declined R1, R1's open seat says so on the week page and the request page, and E1 is not put
/// forward for it again.
#[tokio::test]
async fn a_seat_whose_expert_declined_says_so_and_the_expert_is_not_put_forward_again() {
    let (dir, l) = with_ledger();
    {
        let mut led = Ledger::open(&l, "coordinator").unwrap();
        led.record_run(&matchpunt_ledger::NewRun {
            week: WEEK.into(),
            proposals: vec![seat("R1", "E1", "wed-pm"), seat("R2", "E2", "mon-eve")],
            ..Default::default()
        })
        .unwrap();
        led.decide(WEEK, &[("R1".into(), "E1".into(), false, "ziek".into())])
            .unwrap();
    }
    let app = router(AppState::new(ledger_cfg(dir.path(), Some(&l))));
    let g = get(&app, "/", "").await;
    assert_eq!(g.status, StatusCode::OK);
    let open = &g.body[g.body.find("id=\"open\"").expect("open seats")..];
    assert!(
        open.contains("afgewezen deze week door E1 (wordt niet opnieuw voorgesteld)"),
        "{open}"
    );
    assert!(g.body.contains("1 afgewezen"), "the ledger's count");
    assert!(
        !g.body.contains("ziek"),
        "a decision's note stays in the ledger"
    );
    let g = get_filled(&app, "/requests/R1?lang=en", "").await;
    assert_eq!(g.status, StatusCode::OK);
    assert!(
        g.body
            .contains("declined this week by E1 (not proposed again)"),
        "{}",
        g.body
    );
    // Not among the runners-up, nor in a fix: no link to E1 anywhere on the page.
    assert!(!g.body.contains("/experts/E1\""), "{}", g.body);
}

/// With a ledger, a request whose assigned expert declined shows the run's first free standby
/// with a button: signed out, a sign-in link; a wrong CSRF token is refused (403) and books
/// nothing; the right one books the standby (303 back to the request), after which the page no
/// longer offers the call and the week page lists the booking.
#[tokio::test]
async fn a_declined_seat_offers_its_first_free_standby_and_the_button_books_it() {
    let (dir, l) = with_ledger();
    {
        let mut led = Ledger::open(&l, "coordinator").unwrap();
        led.record_run(&matchpunt_ledger::NewRun {
            week: WEEK.into(),
            proposals: vec![seat("R1", "E1", "wed-pm"), seat("R2", "E2", "mon-eve")],
            standbys: vec![matchpunt_ledger::StandbyRow {
                request: "R1".into(),
                expert: "E1".into(),
                rank: 1,
                standby: "E2".into(),
                cost: 2.0,
                proven: true,
                swap_cost: 2.0,
                spare_count: 1,
                spare_load: 2,
            }],
            ..Default::default()
        })
        .unwrap();
    }
    let app = router(AppState::new(ledger_cfg(dir.path(), Some(&l))));
    let g = get(&app, "/requests/R1?lang=en", "").await;
    assert!(!g.body.contains("standby-call"), "no call before a decline");
    Ledger::open(&l, "coordinator")
        .unwrap()
        .decide(WEEK, &[("R1".into(), "E1".into(), false, String::new())])
        .unwrap();
    let app = router(AppState::new(ledger_cfg(dir.path(), Some(&l))));
    let g = get(&app, "/requests/R1?lang=en", "").await;
    assert!(
        g.body
            .contains("E1 declined; first free standby: E2 (rank 1)."),
        "{}",
        g.body
    );
    assert!(g.body.contains("Sign in to book a standby"), "{}", g.body);
    assert!(
        !g.body.contains("action=\"/standby\""),
        "no button signed out"
    );

    let cookie = sign_in(&app, "anna", None).await;
    let g = get(&app, "/requests/R1?lang=en", &cookie).await;
    assert!(g.body.contains("action=\"/standby\""), "{}", g.body);
    let csrf = csrf_of(&g.body[g.body.find("action=\"/standby\"").unwrap()..]);
    let form = |c: &str| format!("csrf={c}&request=R1&standby=E2&lang=en");
    assert_eq!(
        post(&app, "/standby", "", &form(&csrf)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        post(&app, "/standby", &cookie, &form("wrong")).await.status,
        StatusCode::FORBIDDEN
    );
    assert!(Ledger::open(&l, "t")
        .unwrap()
        .week(WEEK)
        .unwrap()
        .bookings
        .is_empty());

    let g = post(&app, "/standby", &cookie, &form(&csrf)).await;
    assert_eq!(g.status, StatusCode::SEE_OTHER, "{}", g.body);
    assert_eq!(g.headers[header::LOCATION], "/requests/R1");
    let view = Ledger::open(&l, "t").unwrap().week(WEEK).unwrap();
    assert_eq!(view.bookings.len(), 1);
    assert_eq!(
        (
            view.bookings[0].seat.request.as_str(),
            view.bookings[0].seat.expert.as_str()
        ),
        ("R1", "E2")
    );
    let g = get(&app, "/requests/R1?lang=en", &cookie).await;
    assert!(
        !g.body.contains("standby-call"),
        "the call is made: {}",
        g.body
    );
    // Booking it twice is refused with a reason, not a second booking.
    let g = post(&app, "/standby", &cookie, &form(&csrf)).await;
    assert_eq!(g.status, StatusCode::CONFLICT, "{}", g.body);
    assert_eq!(
        Ledger::open(&l, "t")
            .unwrap()
            .week(WEEK)
            .unwrap()
            .bookings
            .len(),
        1
    );
}
