//! What the router tests share: one request through the router as the server runs it
//! (tower's `oneshot`), and its answer as text.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use std::time::{Duration, Instant};
use tower::ServiceExt;

/// An answer of the router: status, headers and the body as text (lossy).
pub struct Got {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: axum::http::HeaderMap,
    /// The body as text.
    pub body: String,
}

/// Sends `req` through a clone of `app` and reads the whole answer.
pub async fn send(app: &Router, req: Request<Body>) -> Got {
    let resp = app.clone().oneshot(req).await.expect("the router answers");
    let status = resp.status();
    let headers = resp.headers().clone();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    Got {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// Whether a request page says its costs are still being computed (its first view).
pub fn is_pending(g: &Got) -> bool {
    g.body.contains("id=\"pending\"")
}

/// The answer to `req()` once the page has filled in: sent again (as the page's own refresh
/// does) until it no longer says its costs are being computed, for at most two minutes.
pub async fn send_filled(app: &Router, req: impl Fn() -> Request<Body>) -> Got {
    let t0 = Instant::now();
    loop {
        let g = send(app, req()).await;
        if !is_pending(&g) {
            return g;
        }
        assert!(
            t0.elapsed() < Duration::from_secs(120),
            "the page never filled in: {}",
            g.body
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
