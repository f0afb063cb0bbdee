//! The request page's first view (issue 26): shown at once without a re-solve, with the
//! runners-up ranked and their costs, the fixes and the standbys marked as being computed; the
//! page then fills in by itself (a refresh, no script) with exactly `explain --request`'s proven
//! costs, computed once per (snapshot, request, language) however many views ask meanwhile.

use crate::common::{is_pending, send, send_filled, Got};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use matchpunt::explain::ExplainRequestView;
use matchpunt::messages::Lang;
use matchpunt_web::pages::detail::TOP;
use matchpunt_web::{router, App, AppState, Config};
use std::path::Path;
use std::sync::atomic::Ordering;

fn sample_app() -> (App, Router) {
    let app = AppState::new(Config::new(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample"),
    ));
    (app.clone(), router(app))
}

fn req(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

/// Text as maud writes it into the page.
fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A runner-up's text as the page shows it beside the link that names them.
fn shown(r: &matchpunt::explain::RunnerUpView) -> String {
    let t = r
        .text
        .strip_prefix(&format!("{} ({})", r.name, r.expert))
        .map_or(r.text.as_str(), |t| t.trim_start_matches([',', ' ']));
    escaped(t)
}

/// The library's complete view of request `id`, as `explain --request` prints it.
fn library_view(app: &App, id: &str, lang: Lang) -> ExplainRequestView {
    let snap = app.snapshot();
    let d = snap.data.as_ref().unwrap();
    d.base().explain_request(d.request(id).unwrap(), TOP, lang)
}

/// The never-eligible line of a page.
fn counts_line(g: &Got) -> &str {
    let at = g
        .body
        .find("<p class=\"hint\">")
        .expect("never-eligible counts");
    let rest = &g.body[at..];
    &rest[..rest.find("</p>").unwrap()]
}

#[tokio::test]
async fn the_first_view_lists_the_candidates_at_once_and_fills_in_to_the_proven_costs() {
    let (app, router) = sample_app();
    for (id, lang) in [("R00002", Lang::En), ("R00013", Lang::Nl)] {
        let uri = format!("/requests/{id}?lang={}", lang.code());
        let full = library_view(&app, id, lang);
        // R00002 has runners-up; R00013 an open seat with fixes.
        assert!(
            !full.runners_up.is_empty() || full.open.as_ref().is_some_and(|o| !o.fixes.is_empty()),
            "{id}"
        );

        let first = send(&router, req(&uri)).await;
        assert_eq!(first.status, StatusCode::OK);
        assert!(is_pending(&first), "{}", first.body);
        let csp = first.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        assert!(csp.contains("default-src 'none'") && !csp.contains("script-src"));
        assert!(
            first
                .body
                .contains("<meta http-equiv=\"refresh\" content=\"1\">"),
            "the page asks again by itself"
        );
        let computing = match lang {
            Lang::En => "cost being computed",
            Lang::Nl => "kosten worden berekend",
        };
        // Every candidate, ranked as in the complete view, each cost marked as being computed.
        let mut at = 0;
        for r in &full.runners_up {
            let link = format!("href=\"/experts/{}\"", r.expert);
            let found = first.body[at..].find(&link).map(|i| at + i);
            at = found.unwrap_or_else(|| panic!("{id}: {} in order: {}", r.expert, first.body));
        }
        assert_eq!(
            first.body.matches(computing).count(),
            full.runners_up.len(),
            "{}",
            first.body
        );
        for r in &full.runners_up {
            assert!(
                !first.body.contains(&shown(r)),
                "no cost before it is proven"
            );
        }

        let filled = send_filled(&router, || req(&uri)).await;
        assert_eq!(filled.status, StatusCode::OK);
        assert!(!filled.body.contains("http-equiv=\"refresh\""));
        assert!(!filled.body.contains(computing), "{}", filled.body);
        // Exactly the library's costs, each proven on this small batch.
        for r in &full.runners_up {
            assert!(r.proven || r.refused.is_some(), "{}", r.text);
            assert!(
                filled.body.contains(&shown(r)),
                "{}\n{}",
                shown(r),
                filled.body
            );
        }
        if let Some(o) = &full.open {
            let fixes_pending = escaped(lang.text(matchpunt::messages::Msg::FixesPending));
            assert!(first.body.contains(&fixes_pending), "{}", first.body);
            assert!(!filled.body.contains(&fixes_pending));
            for f in &o.fixes {
                assert!(
                    !first.body.contains(&escaped(&f.text)),
                    "no fix before it is checked"
                );
                assert!(filled.body.contains(&escaped(&f.text)), "{}", f.text);
            }
        }
        // The counts (masked as ever) are the same in both views.
        assert_eq!(counts_line(&first), counts_line(&filled));
        assert!(filled
            .body
            .contains("section id=\"runners-up\" class=\"done\""));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_first_views_start_one_computation() {
    let (app, router) = sample_app();
    let computations = || {
        app.snapshot()
            .data
            .as_ref()
            .unwrap()
            .request_computations
            .load(Ordering::SeqCst)
    };
    assert_eq!(computations(), 0);
    let views: Vec<_> = (0..4)
        .map(|_| {
            let r = router.clone();
            tokio::spawn(async move { send(&r, req("/requests/R00005")).await })
        })
        .collect();
    let mut pending = 0;
    for v in views {
        let g = v.await.unwrap();
        assert_eq!(g.status, StatusCode::OK);
        pending += usize::from(is_pending(&g));
    }
    assert!(pending >= 1, "the view that started it did not wait for it");
    let filled = send_filled(&router, || req("/requests/R00005")).await;
    assert!(!is_pending(&filled));
    assert_eq!(computations(), 1, "one computation for one page");
    // Once done, views are served from it; another language is another page.
    send(&router, req("/requests/R00005")).await;
    assert_eq!(computations(), 1);
    send_filled(&router, || req("/requests/R00005?lang=en")).await;
    assert_eq!(computations(), 2);
}
