//! The masked "fewer than 3" is not given back by combining the web pages (the fourth new-user
//! trial, #11): the week page's pool size, the phone form's candidates for a buddy request and
//! the request page's counts. With the trial's pool the request page shows rule 2 exactly and
//! every later stage as one folded count, so no "rule 5: 1" completes the subtraction.

use crate::common::{send, send_filled};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use matchpunt_web::{router, AppState, Config};
use std::path::Path;

/// The page's text without its tags, spaces collapsed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut tag = false;
    for c in html.chars() {
        match c {
            '<' => tag = true,
            '>' => {
                tag = false;
                out.push(' ');
            }
            c if !tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn the_request_page_folds_the_stages_after_rule_2_beside_a_masked_count() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../matchpunt-cli/tests/fixtures/trial4-subtraction");
    let dir = tempfile::tempdir().unwrap();
    for f in ["experts.csv", "requests.csv"] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let mut cfg = Config::new(dir.path());
    cfg.week = Some(matchpunt::model::Week {
        year: 2026,
        week: 48,
    });
    let app = router(AppState::new(cfg));
    // The week page: the pool's size.
    let week = send(&app, Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(week.status, StatusCode::OK, "{}", week.body);
    assert!(text(&week.body).contains("7 deskundigen"), "{}", week.body);
    // The phone form: the four buddies (the role's count is public).
    let form = send(
        &app,
        Request::post("/request")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(
                "role=buddy&org=Lister&online=yes&slot=thu-eve&themes=angst&lang=nl&experts_needed=1",
            ))
            .unwrap(),
    )
    .await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(
        text(&form.body).contains("4 geschikte deskundigen"),
        "{}",
        form.body
    );
    // The request page: rule 2 exact, everything after it one count.
    let page = send_filled(&app, || {
        Request::get("/requests/R1").body(Body::empty()).unwrap()
    })
    .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let t = text(&page.body);
    assert!(
        t.contains("regel 2 (rol): 3, regels 3-11 (thema's, persoonlijke redenen of andere regels): minder dan 3"),
        "{t}"
    );
    for leak in ["regel 5 (", "regels 3-4 (persoonlijke redenen):", "regel 4"] {
        assert!(!t.contains(leak), "{leak}: {t}");
    }
}
