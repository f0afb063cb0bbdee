//! `serve` knows this week's declines without a ledger (trial 3, #15): with a decisions file,
//! the request page never puts forward an expert who declined the request, and its open seat
//! says who declined.

use crate::common::send_filled;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use matchpunt_web::{router, AppState, Config};
use std::path::Path;

#[tokio::test]
async fn the_request_page_leaves_out_whoever_declined() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../matchpunt-cli/tests/fixtures/trial3-file-flow-decline");
    let dir = tempfile::tempdir().unwrap();
    for f in ["experts.csv", "requests.csv", "dec.csv"] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    // The first run's proposals: E1 and E2 on R1's two seats; then E2 declines.
    let assignments = dir.path().join("assignments.csv");
    std::fs::write(&assignments, "request;expert\nR1;E1\nR1;E2\n").unwrap();
    let mut cfg = Config::new(dir.path());
    cfg.week = Some(matchpunt::model::Week {
        year: 2026,
        week: 48,
    });
    cfg.assignments = Some(assignments);
    let page = |cfg: Config| async move {
        let app = router(AppState::new(cfg));
        let g = send_filled(&app, || {
            Request::get("/requests/R1").body(Body::empty()).unwrap()
        })
        .await;
        assert_eq!(g.status, StatusCode::OK, "{}", g.body);
        g.body
    };
    // Without the decisions: E2 is on the seat.
    let before = page(cfg.clone()).await;
    assert!(before.contains("Bram Jansen"), "{before}");
    cfg.decisions = Some(dir.path().join("dec.csv"));
    let after = page(cfg).await;
    assert!(!after.contains("Bram Jansen"), "{after}");
    assert!(after.contains("afgewezen deze week door E2"), "{after}");
    assert!(
        after.contains("Chris Bakker"),
        "the free expert is put forward: {after}"
    );
}
