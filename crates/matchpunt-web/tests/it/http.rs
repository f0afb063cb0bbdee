//! Every route on the sample, through the router as the server runs it (tower's `oneshot`):
//! status, key content, headers, escaping of hostile names, 400 naming a bad field, 401 without
//! the token when one is set, and the data's errors on the page.

use crate::common::{send, send_filled, Got};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use matchpunt_web::{router, AppState, Config};
use std::path::{Path, PathBuf};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample")
}

fn app_with(cfg: Config) -> Router {
    router(AppState::new(cfg))
}

fn app() -> Router {
    app_with(Config::new(sample()))
}

async fn get(app: &Router, uri: &str) -> Got {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// [`get`] once the page has filled in (a request page's costs are worked out after its first
/// view).
async fn get_filled(app: &Router, uri: &str) -> Got {
    send_filled(app, || Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn post(app: &Router, uri: &str, form: &str) -> Got {
    send(
        app,
        Request::post(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form.to_string()))
            .unwrap(),
    )
    .await
}

/// A copy of the sample in a temporary folder, with `edit` applied to each file's text.
fn sample_copy(edit: impl Fn(&str, String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["experts.csv", "requests.csv", "history.csv"] {
        let text = std::fs::read_to_string(sample().join(f)).unwrap();
        std::fs::write(dir.path().join(f), edit(f, text)).unwrap();
    }
    dir
}

fn assert_secure_headers(g: &Got) {
    let csp = g.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(!csp.contains("unsafe"), "{csp}");
    assert_eq!(g.headers[header::CACHE_CONTROL], "no-store");
    assert_eq!(g.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
}

const GOOD_FORM: &str = "role=speaker&themes=pesten&themes=autisme&place=Rotterdam&slot=&language=nl&client_age=&experts_needed=1&org=Hogeschool+Rotterdam";

#[tokio::test]
async fn week_page_shows_the_batch() {
    let app = app();
    let g = get(&app, "/").await;
    assert_eq!(g.status, StatusCode::OK);
    assert_secure_headers(&g);
    assert!(g.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let b = &g.body;
    assert!(b.contains("<html lang=\"nl\">"));
    assert!(b.contains("Week 2026-W48"), "week");
    assert!(
        b.contains("130 deskundigen (119 actief), 80 aanvragen"),
        "counts"
    );
    assert!(b.contains("Bewezen optimaal"), "proof");
    // Seats by role: speakers 27 requests, 35 seats, 29 filled.
    assert!(b.contains("<td>spreker</td><td class=\"num\">27</td><td class=\"num\">35</td><td class=\"num\">29</td>"));
    // The assignments, the open seats with their reason, the load bars.
    assert!(b.contains("Toewijzingen (65)"));
    assert!(b.contains("href=\"/requests/R00013\""), "an open request");
    // The open seats' reason, in words from the library's message table.
    assert!(
        b.contains("maar geen van hen heeft di-ochtend vrij (regel 8)"),
        "an open seat's reason"
    );
    assert!(b.contains("<svg class=\"bar\""), "load bars");
    assert!(b.contains("aan de grens"), "someone at their limit");
    // Nothing from another host, no script.
    assert!(!b.contains("http://") && !b.contains("https://"));
    assert!(!b.contains("<script"));
}

#[tokio::test]
async fn a_workbook_as_data_gives_the_same_week() {
    // The sample as LibreOffice saves it (the command line's fixture), one sheet per table.
    let books =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../matchpunt-cli/tests/fixtures/workbooks");
    let app = app_with(Config::new(books.join("sample.ods")));
    let b = get(&app, "/").await.body;
    assert!(
        b.contains("130 deskundigen (119 actief), 80 aanvragen"),
        "counts"
    );
    assert!(b.contains("Bewezen optimaal") && b.contains("Toewijzingen (65)"));
    // A workbook without a requests sheet: the error names the file and its sheets, in the
    // page's language.
    let app = app_with(Config::new(books.join("missing-sheet.xlsx")));
    let b = get(&app, "/").await.body;
    assert!(b.contains("De gegevens bevatten fouten"), "{b}");
    assert!(
        b.contains(
            "heeft geen blad met de naam requests of aanvragen; de bladen zijn: experts, Blad2"
        ),
        "{b}"
    );
    let b = get(&app, "/?lang=en").await.body;
    assert!(
        b.contains("has no sheet named requests or aanvragen; its sheets are: experts, Blad2"),
        "{b}"
    );
}

#[tokio::test]
async fn week_page_shows_each_open_seats_smallest_fix_once_worked_out() {
    let app = app();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
    let body = loop {
        let g = get(&app, "/").await;
        assert_eq!(g.status, StatusCode::OK);
        if !g.body.contains("wordt berekend") {
            break g.body;
        }
        assert!(std::time::Instant::now() < deadline, "fixes never came");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    assert!(body.contains("verplaats R00013 naar wo-avond: elders gaat niets verloren"));
    let g = get(&app, "/?lang=en").await;
    assert!(g.body.contains("R00013"));
    assert!(!g.body.contains("verplaats"), "English fixes");
}

#[tokio::test]
async fn week_sorts_by_a_column_and_names_a_bad_sort() {
    let app = app();
    let g = get(&app, "/?sort=-score").await;
    assert_eq!(g.status, StatusCode::OK);
    // The best score first: R00008's 75.4 is the sample's highest.
    let table = g.body.split("id=\"assignments\"").nth(1).unwrap();
    let first = table.split("<tbody>").nth(1).unwrap();
    assert!(
        first.find("R00008").unwrap() < first.find("R00002").unwrap(),
        "descending by score"
    );
    assert!(g.body.contains("aria-sort=\"descending\""));
    let g = get(&app, "/?sort=shoe").await;
    assert_eq!(g.status, StatusCode::BAD_REQUEST);
    assert!(g.body.contains("sort"), "{}", g.body);
    assert!(g.body.contains("shoe"));
}

#[tokio::test]
async fn english_by_a_switch_remembered_in_a_cookie() {
    let app = app();
    let g = get(&app, "/?lang=en").await;
    assert_eq!(g.status, StatusCode::OK);
    assert!(g.body.contains("Proven optimal"));
    assert!(g.body.contains("<html lang=\"en\">"));
    let cookie = g.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("lang=en;") && cookie.contains("SameSite=Strict"));
    let g = send(
        &app,
        Request::get("/request")
            .header(header::COOKIE, "lang=en")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(g.body.contains("Request by phone"));
    let g = get(&app, "/?lang=fr").await;
    assert_eq!(g.status, StatusCode::BAD_REQUEST);
    assert!(g.body.contains("lang"));
}

#[tokio::test]
async fn expert_and_request_pages() {
    let app = app();
    let g = get(&app, "/experts/E0009").await;
    assert_eq!(g.status, StatusCode::OK);
    assert_secure_headers(&g);
    assert!(g.body.contains("Jayden L."));
    assert!(
        g.body.contains("href=\"/requests/R00002\""),
        "their assignment"
    );
    let g = get(&app, "/experts/E00009").await;
    assert_eq!(g.status, StatusCode::NOT_FOUND);
    assert!(g.body.contains("href=\"/experts/E0009\""), "did you mean");

    let g = get(&app, "/requests/R00002").await;
    assert_eq!(g.status, StatusCode::OK);
    assert!(g.body.contains("Christelijk Lyceum Rotterdam"));
    assert!(g.body.contains("href=\"/experts/E0009\""), "who got it");
    // The id once (the link), each reason once (the list), and the request's own themes.
    assert!(
        g.body
            .contains("<span class=\"id\">E0009</span> · score 55,6<ul class=\"reasons\">"),
        "{}",
        g.body
    );
    assert_eq!(
        g.body.matches("deelt het thema van de aanvraag").count(),
        1,
        "{}",
        g.body
    );
    assert!(g.body.contains("Thema's: verslaving"), "{}", g.body);
    let g = get(&app, "/experts/E0009").await;
    assert!(g.body.contains("E0009 · Jayden L."), "{}", g.body);
    assert!(!g.body.contains("R00002 R00002"), "{}", g.body);
    let g = get_filled(&app, "/requests/R00013").await;
    assert_eq!(g.status, StatusCode::OK);
    assert!(g.body.contains("(regel 8)"), "why it stays open");
    // The fixes, each verified by a re-solve.
    assert!(
        g.body
            .contains("verplaats R00013 naar wo-avond: elders gaat niets verloren"),
        "the smallest fix"
    );
    let g = get(&app, "/requests/nope").await;
    assert_eq!(g.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn expert_pages_never_name_their_themes() {
    let app = app();
    let experts = std::fs::read_to_string(sample().join("experts.csv")).unwrap();
    // E0001 has schooluitval, pesten, autisme.
    assert!(experts.contains("E0001,Iris M.,trainer|speaker,yes,schooluitval|pesten|autisme"));
    let g = get(&app, "/experts/E0001").await;
    assert_eq!(g.status, StatusCode::OK);
    for theme in ["schooluitval", "pesten", "autisme"] {
        assert!(!g.body.contains(theme), "{theme} on the expert page");
    }
}

#[tokio::test]
async fn request_form_offers_the_data() {
    let app = app();
    let g = get(&app, "/request").await;
    assert_eq!(g.status, StatusCode::OK);
    let b = &g.body;
    assert!(b.contains("<datalist id=\"places\">"));
    assert!(b.contains("<option value=\"Utrecht\">"), "a place");
    assert!(b.contains("<option value=\"Den Bosch\">"), "an alias");
    assert!(
        b.contains("name=\"themes\" value=\"pesten\""),
        "a theme of the data"
    );
    assert!(b.contains("<datalist id=\"orgs\">"));
    assert!(b.contains("<option value=\"Hogeschool Rotterdam\">"));
    assert!(b.contains("value=\"wed-pm\""), "slots");
    assert!(b.contains(">wo-middag<"), "slot names in Dutch");
}

#[tokio::test]
async fn request_form_submit_shows_candidates() {
    let app = app();
    let g = post(&app, "/request", GOOD_FORM).await;
    assert_eq!(g.status, StatusCode::OK);
    assert_secure_headers(&g);
    let b = &g.body;
    let list = b
        .split("<ol class=\"candidates\">")
        .nth(1)
        .expect("a list of candidates")
        .split("</ol>")
        .next()
        .unwrap();
    let n = list.matches("<li><span class=\"who\">").count();
    assert!((1..=5).contains(&n), "{n} candidates listed");
    // The form keeps what was typed.
    assert!(b.contains("value=\"Rotterdam\""));
    assert!(b.contains("name=\"themes\" value=\"pesten\" checked"));
}

#[tokio::test]
async fn bad_fields_get_a_400_naming_the_field() {
    let app = app();
    for (form, field) in [
        // The field as the Dutch page labels it.
        (
            GOOD_FORM.replace("experts_needed=1", "experts_needed=abc"),
            "Plekken",
        ),
        (
            GOOD_FORM.replace("client_age=", "client_age=-3"),
            "Leeftijd jongere",
        ),
        (GOOD_FORM.replace("role=speaker", "role=chef"), "Rol"),
        (GOOD_FORM.replace("slot=", "slot=wed-pn"), "Dagdeel"),
        (
            GOOD_FORM.replace("place=Rotterdam", "place=Rotterdm"),
            "Plaats",
        ),
        (format!("{GOOD_FORM}&shoe=7"), "shoe"),
        (format!("{GOOD_FORM}&role=buddy"), "Rol"),
        (
            GOOD_FORM.replace("&themes=pesten&themes=autisme", ""),
            "Thema's",
        ),
        (format!("{GOOD_FORM}&online=perhaps"), "Online"),
        // A note among the themes (trial 4): a theme not said may be one an expert avoids.
        (format!("{GOOD_FORM}&themes=zie+bijlage"), "Thema's"),
        (format!("{GOOD_FORM}&themes=%3F"), "Thema's"),
    ] {
        let g = post(&app, "/request", &form).await;
        assert_eq!(g.status, StatusCode::BAD_REQUEST, "{form}");
        let shown = g
            .body
            .split("id=\"form-error\">")
            .nth(1)
            .map(|s| &s[..s.find("</p>").unwrap()]);
        assert!(
            shown.is_some_and(|s| s.starts_with(&format!("Veld {field}:"))),
            "{form}: {shown:?}"
        );
        // What was expected, in the page's language too (the library's input errors).
        assert!(
            shown.is_some_and(|s| !s.contains("expected")),
            "{form}: {shown:?}"
        );
    }
    // The form's own errors in the page's language: Dutch by default, English with lang=en.
    for (form, nl, en) in [
        (
            format!("{GOOD_FORM}&online=perhaps"),
            "Veld Online: &quot;perhaps&quot;: ja of nee",
            "Field Online: &quot;perhaps&quot;: yes or no",
        ),
        (
            format!("{GOOD_FORM}&shoe=7"),
            "geen veld met deze naam: verwacht een van role,",
            "no such field: expected one of role,",
        ),
        (
            format!("{GOOD_FORM}&role=buddy"),
            "Veld Rol: &quot;buddy&quot;: dit veld één keer",
            "Field Role: &quot;buddy&quot;: this field once",
        ),
    ] {
        let g = post(&app, "/request", &form).await;
        assert!(g.body.contains(nl), "{form}: {}", g.body);
        let g = post(&app, "/request?lang=en", &form).await;
        assert!(g.body.contains(en), "{form}: {}", g.body);
    }
    // The place's error says what was meant.
    let g = post(
        &app,
        "/request",
        &GOOD_FORM.replace("place=Rotterdam", "place=Rotterdm"),
    )
    .await;
    assert!(g.body.contains("Rotterdam"), "did you mean");
}

#[tokio::test]
async fn odd_bodies_never_give_a_500() {
    let app = app();
    let bodies: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"&&&==&".to_vec(),
        b"role=%ZZ&themes=%FF%FE".to_vec(),
        vec![0xff, 0x00, 0x3d, 0x26],
        format!("{GOOD_FORM}&org={}", "x".repeat(20_000)).into_bytes(),
        GOOD_FORM
            .replace("experts_needed=1", "experts_needed=99999999999999999999")
            .into_bytes(),
        GOOD_FORM
            .replace("client_age=", "client_age=1e9")
            .into_bytes(),
    ];
    for b in bodies {
        let g = send(
            &app,
            Request::post("/request")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(b.clone()))
                .unwrap(),
        )
        .await;
        assert!(
            g.status == StatusCode::OK || g.status == StatusCode::BAD_REQUEST,
            "{:?} for {:?}",
            g.status,
            String::from_utf8_lossy(&b)
        );
    }
    let big = vec![b'a'; 200_000];
    let g = send(
        &app,
        Request::post("/request")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(big))
            .unwrap(),
    )
    .await;
    assert_eq!(g.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn hostile_names_are_shown_as_text() {
    let dir = sample_copy(|f, text| match f {
        "experts.csv" => text.replace("E0009,Jayden L.,", "E0009,<script>alert(1)</script>,"),
        "requests.csv" | "history.csv" => text.replace(
            "Christelijk Lyceum Rotterdam",
            "\"<img src=x onerror=alert(2)> & Co\"",
        ),
        _ => text,
    });
    let app = app_with(Config::new(dir.path()));
    for uri in ["/", "/experts/E0009", "/requests/R00002", "/request"] {
        let g = get(&app, uri).await;
        assert_eq!(g.status, StatusCode::OK, "{uri}");
        assert!(!g.body.contains("<script"), "{uri}");
        assert!(!g.body.contains("<img"), "{uri}");
    }
    let g = get(&app, "/").await;
    assert!(g.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(g
        .body
        .contains("&lt;img src=x onerror=alert(2)&gt; &amp; Co"));
    // A hostile value typed into the form comes back as text too.
    let g = post(
        &app,
        "/request",
        &GOOD_FORM.replace("place=Rotterdam", "place=%3Cscript%3Ex%3C%2Fscript%3E"),
    )
    .await;
    assert_eq!(g.status, StatusCode::BAD_REQUEST);
    assert!(!g.body.contains("<script"));
    assert!(g.body.contains("&lt;script&gt;"));
}

#[tokio::test]
async fn input_errors_are_shown_with_file_line_and_column_and_reload_reads_again() {
    let dir = sample_copy(|_, t| t);
    let app = app_with(Config::new(dir.path()));
    assert!(get(&app, "/").await.body.contains("Bewezen optimaal"));

    // Break a cell: E0002's load_budget (line 3, column 12).
    let experts = dir.path().join("experts.csv");
    let text = std::fs::read_to_string(&experts).unwrap();
    std::fs::write(
        &experts,
        text.replace(
            "thu-am|thu-eve|fri-pm|sun-pm,,4,",
            "thu-am|thu-eve|fri-pm|sun-pm,,vier,",
        ),
    )
    .unwrap();
    // Until reloaded the page shows the batch it has.
    assert!(get(&app, "/").await.body.contains("Bewezen optimaal"));
    let g = post(&app, "/reload", "back=%2Frequest").await;
    assert_eq!(g.status, StatusCode::SEE_OTHER);
    assert_eq!(g.headers[header::LOCATION], "/request");
    for uri in ["/", "/request", "/experts/E0001", "/requests/R00001"] {
        let g = get(&app, uri).await;
        assert_eq!(g.status, StatusCode::OK, "{uri}");
        let b = &g.body;
        assert!(b.contains("De gegevens bevatten fouten"), "{uri}");
        assert!(
            b.contains("experts.csv</td><td class=\"num\">3</td><td>12 (load_budget)</td>"),
            "{uri}"
        );
        assert!(b.contains("<code>vier</code>"), "{uri}");
        assert!(b.contains("Opnieuw inlezen"), "the reload button");
    }
    let g = post(&app, "/request", GOOD_FORM).await;
    assert_eq!(g.status, StatusCode::OK);
    assert!(g.body.contains("De gegevens bevatten fouten"));

    // A missing file is named too.
    std::fs::remove_file(&experts).unwrap();
    post(&app, "/reload", "back=%2F").await;
    let g = get(&app, "/").await;
    assert_eq!(g.status, StatusCode::OK);
    assert!(g.body.contains("cannot open") && g.body.contains("experts.csv"));

    // Repaired: back to the batch.
    std::fs::write(&experts, text).unwrap();
    post(&app, "/reload", "").await;
    assert!(get(&app, "/").await.body.contains("Bewezen optimaal"));

    // A reload only goes back to a path of this site.
    for back in [
        "https%3A%2F%2Fevil.example%2F",
        "%2F%2Fevil.example",
        "%2F%0D%0ASet-Cookie:x",
    ] {
        let g = post(&app, "/reload", &format!("back={back}")).await;
        assert_eq!(g.status, StatusCode::BAD_REQUEST, "{back}");
        assert!(g.body.contains("back"));
    }
}

#[tokio::test]
async fn a_bad_policy_is_shown_with_its_line() {
    let dir = sample_copy(|_, t| t);
    let policy = dir.path().join("policy.toml");
    std::fs::write(&policy, "[rules]\nbuddy_max_age_gap = \"ten\"\n").unwrap();
    let mut cfg = Config::new(dir.path());
    cfg.policy = Some(policy);
    let app = app_with(cfg);
    let g = get(&app, "/").await;
    assert_eq!(g.status, StatusCode::OK);
    assert!(g.body.contains("policy.toml"), "{}", g.body);
    assert!(g.body.contains("line 2"), "{}", g.body);
}

#[tokio::test]
async fn a_runs_assignments_file_is_shown_instead_of_a_solve() {
    let dir = sample_copy(|_, t| t);
    // The assignments.csv a run writes, from the library's own writer.
    let app = AppState::new(Config::new(dir.path()));
    let snap = app.snapshot();
    let d = snap.data.as_ref().unwrap();
    let mut csv = Vec::new();
    matchpunt::report::write_assignments(d.inst(), d.result().unwrap(), &mut csv).unwrap();
    let file = dir.path().join("assignments.csv");
    std::fs::write(&file, &csv).unwrap();
    let mut cfg = Config::new(dir.path());
    cfg.assignments = Some(file.clone());
    let app = app_with(cfg.clone());
    let g = get(&app, "/").await;
    assert_eq!(g.status, StatusCode::OK);
    assert!(g.body.contains("Toewijzingen uit"), "the file named");
    assert!(g.body.contains("Toewijzingen (65)"));
    assert!(!g.body.contains("Bewezen optimaal"), "no proof claimed");
    let g = post(&app, "/request", GOOD_FORM).await;
    assert_eq!(g.status, StatusCode::OK);
    assert!(g.body.contains("<ol class=\"candidates\">"));

    // An assignments file that names an unknown expert: file, line and column on the page.
    let text = String::from_utf8(csv).unwrap();
    std::fs::write(&file, text.replacen("E0009", "E9999", 1)).unwrap();
    let app = app_with(cfg);
    let g = get(&app, "/").await;
    assert_eq!(g.status, StatusCode::OK);
    assert!(g.body.contains("De gegevens bevatten fouten"));
    assert!(g.body.contains("<code>E9999</code>"));
    assert!(g.body.contains("2 (expert)"));
}

const TOKEN: &str = "correct-horse-battery-staple";

fn token_app() -> Router {
    let mut cfg = Config::new(sample());
    cfg.token = Some(TOKEN.into());
    app_with(cfg)
}

#[tokio::test]
async fn with_a_token_every_page_needs_it() {
    let app = token_app();
    for uri in [
        "/",
        "/request",
        "/experts/E0009",
        "/requests/R00002",
        "/nothing",
    ] {
        let g = get(&app, uri).await;
        assert_eq!(g.status, StatusCode::UNAUTHORIZED, "{uri}");
        assert!(g.body.contains("name=\"token\""), "the login form");
        assert!(!g.body.contains("Jayden"), "{uri}");
        assert_secure_headers(&g);
    }
    for (uri, form) in [("/request", GOOD_FORM), ("/reload", "back=%2F")] {
        assert_eq!(post(&app, uri, form).await.status, StatusCode::UNAUTHORIZED);
    }
    // The stylesheet and the login form are open.
    let g = get(&app, "/static/style.css").await;
    assert_eq!(g.status, StatusCode::OK);
    assert!(g.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/css"));
    assert_eq!(get(&app, "/login").await.status, StatusCode::OK);

    // A wrong token: 401 again, no cookie.
    let g = post(
        &app,
        "/login",
        "user=Sanne&token=correct-horse-battery-stapler",
    )
    .await;
    assert_eq!(g.status, StatusCode::UNAUTHORIZED);
    assert!(g.headers.get(header::SET_COOKIE).is_none());
    // The right one starts a session: its random id (never the token) in an HttpOnly,
    // SameSite=Strict cookie.
    let g = post(&app, "/login", &format!("user=Sanne&token={TOKEN}")).await;
    assert_eq!(g.status, StatusCode::SEE_OTHER);
    let cookie = g.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    assert!(!cookie.contains(TOKEN), "{cookie}");
    let pair = cookie.split(';').next().unwrap().to_string();
    let g = send(
        &app,
        Request::get("/")
            .header(header::COOKIE, &pair)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(g.status, StatusCode::OK);
    assert!(g.body.contains("Bewezen optimaal"));
    assert!(g.body.contains("Sanne"), "the signed-in user is shown");
    // Or a bearer header, for scripts.
    let g = send(
        &app,
        Request::post("/request")
            .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
            .body(Body::from(GOOD_FORM))
            .unwrap(),
    )
    .await;
    assert_eq!(g.status, StatusCode::OK);
    // The token itself as a cookie is no sign-in; nor is a made-up session id.
    for c in [
        format!("matchpunt_token={TOKEN}"),
        format!("matchpunt_session={TOKEN}"),
        format!("matchpunt_session={}", "ab".repeat(32)),
    ] {
        let g = send(
            &app,
            Request::get("/")
                .header(header::COOKIE, c)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(g.status, StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn other_hosts_and_other_sites_are_refused() {
    let app = app();
    let g = send(
        &app,
        Request::get("/")
            .header(header::HOST, "evil.example:8080")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(g.status, StatusCode::MISDIRECTED_REQUEST);
    assert!(!g.body.contains("Jayden"));
    let g = send(
        &app,
        Request::get("/")
            .header(header::HOST, "127.0.0.1:8080")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(g.status, StatusCode::OK);
    // A form posted from another site.
    let g = send(
        &app,
        Request::post("/reload")
            .header(header::HOST, "127.0.0.1:8080")
            .header(header::ORIGIN, "http://evil.example")
            .body(Body::from("back=%2F"))
            .unwrap(),
    )
    .await;
    assert_eq!(g.status, StatusCode::FORBIDDEN);
    let g = send(
        &app,
        Request::post("/request")
            .header("sec-fetch-site", "cross-site")
            .body(Body::from(GOOD_FORM))
            .unwrap(),
    )
    .await;
    assert_eq!(g.status, StatusCode::FORBIDDEN);
    let g = send(
        &app,
        Request::post("/reload")
            .header(header::HOST, "127.0.0.1:8080")
            .header(header::ORIGIN, "http://127.0.0.1:8080")
            .body(Body::from("back=%2F"))
            .unwrap(),
    )
    .await;
    assert_eq!(g.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn unknown_paths_are_404_pages() {
    let app = app();
    let g = get(&app, "/wp-admin").await;
    assert_eq!(g.status, StatusCode::NOT_FOUND);
    assert!(g.body.contains("Niet gevonden"));
    assert_secure_headers(&g);
}

#[test]
fn non_loopback_needs_a_token() {
    use matchpunt_web::check_bind;
    let lan = "0.0.0.0:8080".parse().unwrap();
    let lo = "127.0.0.1:8080".parse().unwrap();
    let err = check_bind(lan, None).unwrap_err();
    assert!(err.contains("MATCHPUNT_TOKEN"), "{err}");
    assert!(check_bind(lo, None).is_ok());
    assert!(check_bind("[::1]:8080".parse().unwrap(), None).is_ok());
    assert!(check_bind(lan, Some("short")).is_err());
    assert!(check_bind(lan, Some(TOKEN)).is_ok());
    // A run of one letter, however long, and a short token: refused with the reason.
    let err = check_bind(lan, Some(&"a".repeat(40))).unwrap_err();
    assert!(err.contains("too easy to guess"), "{err}");
    let err = check_bind(lan, Some("Xk3-pQ9z")).unwrap_err();
    assert!(err.contains("bits of entropy"), "{err}");
    assert!(err.contains("at least 128"), "{err}");
}

/// serve-phone-form-reveals-avoided-themes: the phone form offers the experts' own themes and
/// the requests' themes and organisations, never a theme known only from an `avoid_themes` cell
/// or an organisation known only from an `excluded_orgs` cell.
#[tokio::test]
async fn phone_form_never_offers_an_avoided_theme_or_an_excluded_organisation() {
    let dir = sample_copy(|f, text| {
        if f != "experts.csv" {
            return text;
        }
        text.replace(
            "E0003,Sam O.,buddy,yes,autisme|jeugdzorg|gesloten jeugdzorg|armoede,verslaving,Rotterdam,10,,tue-pm|wed-pm|thu-pm|fri-pm|sat-am|sun-eve,,,2006,,,GGZ Rotterdam,no",
            "E0003,Sam O.,buddy,yes,autisme|privthemea,verslaving|privavoidb,Rotterdam,10,,tue-pm|wed-pm|thu-pm|fri-pm|sat-am|sun-eve,,,2006,,,GGZ Rotterdam|Privorgc Jeugdzorg,no",
        )
    });
    let app = app_with(Config::new(dir.path()));
    for uri in ["/request", "/request?lang=en"] {
        let g = get(&app, uri).await;
        assert_eq!(g.status, StatusCode::OK);
        let b = &g.body;
        assert!(
            b.contains("value=\"privthemea\""),
            "an expert's own theme is offered"
        );
        assert!(
            !b.contains("privavoidb"),
            "an avoided theme is never offered"
        );
        assert!(
            !b.contains("Privorgc"),
            "an excluded organisation is never offered"
        );
        assert!(
            b.contains("value=\"pesten\""),
            "the request themes are offered"
        );
    }
}

/// The shared case web-one-bad-cell-disables-phone-form: one bad cell in an unrelated expert row
/// no longer turns the phone form into an error page. The form answers as `suggest` reads
/// (that row left out, so that expert is never suggested), with the errors above it; the week
/// and explain views, which would be of a batch without that row, show the errors instead.
#[tokio::test]
async fn one_bad_cell_leaves_the_phone_form_answering_without_that_row() {
    let dir = sample_copy(|f, text| match f {
        // E0002's load_budget (line 3, column 12).
        "experts.csv" => text.replace(
            "thu-am|thu-eve|fri-pm|sun-pm,,4,",
            "thu-am|thu-eve|fri-pm|sun-pm,,vier,",
        ),
        _ => text,
    });
    let app = app_with(Config::new(dir.path()));
    let g = post(&app, "/request", GOOD_FORM).await;
    assert_eq!(g.status, StatusCode::OK);
    let b = &g.body;
    assert!(b.contains("De gegevens bevatten fouten"), "{b}");
    assert!(b.contains("<code>vier</code>"), "the bad cell is named");
    assert!(
        b.contains("weggelaten"),
        "the banner says the rows are left out"
    );
    assert!(b.contains("/experts/"), "candidates are listed: {b}");
    assert!(
        !b.contains("E0002"),
        "the left-out expert is never suggested"
    );
    let g = get(&app, "/request").await;
    assert!(g.body.contains("De gegevens bevatten fouten") && g.body.contains("<form"));
    for uri in ["/", "/experts/E0001", "/requests/R00001"] {
        let g = get(&app, uri).await;
        assert!(g.body.contains("De gegevens bevatten fouten"), "{uri}");
        assert!(!g.body.contains("Bewezen optimaal"), "{uri}");
    }
}

/// Trial 4, #16: an own assignments file with a pair that breaks the rules is said in the
/// page's language (it was English on the Dutch page), with the file named.
#[tokio::test]
async fn an_own_assignments_files_broken_rule_is_said_in_the_pages_language() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("experts.csv"), "id;naam;rollen;gecertificeerd;thema's;woonplaats;online;beschikbaarheid;uitgesloten_organisaties\r\nE1;Anna;maatje;ja;angst;Utrecht;ja;*;Kwintes\r\n").unwrap();
    std::fs::write(d.join("requests.csv"), "aanvraag_id;organisatie;rol;thema's;plaats;online;dagdeel\r\nR1;Kwintes;maatje;angst;Utrecht;nee;wo-middag\r\n").unwrap();
    let own = d.join("own.csv");
    std::fs::write(&own, "aanvraag;deskundige\r\nR1;E1\r\n").unwrap();
    let mut cfg = Config::new(d);
    cfg.assignments = Some(own);
    let app = app_with(cfg);
    let g = get(&app, "/").await;
    assert!(
        g.body
            .contains("own.csv: de opdracht van E1 voor R1 breekt"),
        "{}",
        g.body
    );
    assert!(!g.body.contains("re-run the batch"), "{}", g.body);
}
