//! What the router tests share: one request through the router as the server runs it
//! (tower's `oneshot`), and its answer as text.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
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
