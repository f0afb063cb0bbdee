//! `matchpunt serve`: the match point's local web page.
//!
//! A small server (axum on tokio) that reads one data folder, solves its batch with the
//! `matchpunt` library and shows it: the week at a glance, a request form for phone requests
//! with the best candidates and their reasons, and the explain view of one expert or one
//! request. Pages are rendered on the server from compile-time-checked templates (maud), every
//! value from the data HTML-escaped; the stylesheet is compiled in and there is no script, so
//! the page loads nothing from any other host and works offline.
//!
//! The page is a view on the library: what it says about candidates, reasons and fixes comes
//! from the library's functions, never from a second implementation here. The core crate stays
//! free of networking; this crate is the only one that listens on a socket.
//!
//! Security: see [`security`] and [`session`]. Loopback only, unless an access token is set.
//! Idle or slow clients cannot block the page ([`serve_on`]): each connection must send its
//! request headers within [`Config::header_timeout`], each request is answered within
//! [`Config::request_timeout`], and at most [`Config::max_connections`] are served at once.
//!
//! With a season ledger ([`Config::ledger`]) the page shows the ledger's week (its latest run's
//! proposals, decisions and bookings) and books from the phone form through the ledger's one
//! booking transaction, the same as `matchpunt book` ([`matchpunt_ledger::rules::check`]).

pub mod i18n;
pub mod pages;
pub mod security;
pub mod session;
pub mod state;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use matchpunt::model::Week;
use state::{fixes_in_background, Snapshot};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// The language of the texts: the library's, so that the page and the CLI speak alike.
pub use matchpunt::messages::Lang;

/// The other language, for the switch.
pub fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Nl => Lang::En,
        Lang::En => Lang::Nl,
    }
}

/// How the server was started.
#[derive(Clone, Debug)]
pub struct Config {
    /// Folder with experts.csv, requests.csv and (optional) history.csv, or one workbook with
    /// the sheets experts, requests and (optional) history.
    pub data: PathBuf,
    /// Policy file (TOML); the built-in policy when absent.
    pub policy: Option<PathBuf>,
    /// A run's assignments.csv to show instead of solving the batch.
    pub assignments: Option<PathBuf>,
    /// This week's decisions without a ledger (a decisions file, or a round's changes.csv): a
    /// declined pair is never put forward again. With a ledger, its decisions count instead.
    pub decisions: Option<PathBuf>,
    /// The batch week; else the week after the latest history week, else the current week.
    pub week: Option<Week>,
    /// Time limit of the batch's proof.
    pub time_limit: Duration,
    /// The access token; every request needs it when set.
    pub token: Option<String>,
    /// Print one line per request to stderr (method, path without query, status, time).
    pub access_log: bool,
    /// The season ledger: the week's proposals, decisions and bookings from it, and booking from
    /// the phone form. None: the page reads files only and does not book.
    pub ledger: Option<PathBuf>,
    /// A session ends after this long without a request.
    pub session_idle: Duration,
    /// Mark the session cookie `Secure` (set when serving beyond loopback).
    pub secure_cookies: bool,
    /// Most connections served at once; more wait to be accepted.
    pub max_connections: usize,
    /// A connection that has not sent a request's headers within this is closed (idle
    /// keep-alive connections too).
    pub header_timeout: Duration,
    /// A request not answered within this gets a 408.
    pub request_timeout: Duration,
}

impl Config {
    /// The defaults for a data folder: built-in policy, solved batch, no token, no log.
    pub fn new(data: impl Into<PathBuf>) -> Config {
        Config {
            data: data.into(),
            policy: None,
            assignments: None,
            decisions: None,
            week: None,
            time_limit: Duration::from_secs(30),
            token: None,
            access_log: false,
            ledger: None,
            session_idle: Duration::from_secs(30 * 60),
            secure_cookies: false,
            max_connections: 512,
            header_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(120),
        }
    }
}

/// The server's shared state.
pub struct AppState {
    /// How it was started.
    pub cfg: Config,
    snapshot: RwLock<Arc<Snapshot>>,
    reloading: tokio::sync::Mutex<()>,
    /// One permit per core for the heavy pages (suggest, explain): more at once only thrash.
    pub work: tokio::sync::Semaphore,
    /// Who is signed in.
    pub sessions: session::Sessions,
    /// Failed sign-ins in a row, and the delay they call for.
    pub backoff: session::Backoff,
}

/// A handle on the shared state.
pub type App = Arc<AppState>;

impl AppState {
    /// Reads the folder once (blocking) and returns the state.
    pub fn new(cfg: Config) -> App {
        let snap = Arc::new(state::load(&cfg));
        fixes_in_background(&snap);
        Arc::new(AppState {
            sessions: session::Sessions::new(cfg.session_idle),
            backoff: session::Backoff::default(),
            cfg,
            snapshot: RwLock::new(snap),
            reloading: tokio::sync::Mutex::new(()),
            work: tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            ),
        })
    }

    /// The current snapshot.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Re-reads the folder on a blocking thread and swaps the new snapshot in. Reloads queue up.
    pub async fn reload(self: &Arc<Self>) {
        let _one_at_a_time = self.reloading.lock().await;
        let me = self.clone();
        let snap = tokio::task::spawn_blocking(move || state::load(&me.cfg)).await;
        if let Ok(snap) = snap {
            let snap = Arc::new(snap);
            fixes_in_background(&snap);
            *self.snapshot.write().unwrap_or_else(|e| e.into_inner()) = snap;
        }
    }
}

/// The page's language and path, from the `lang` query parameter, else the `lang` cookie, else
/// Dutch (the page's default; the CLI's is English). A bad `lang` value is a 400 naming the field.
#[derive(Clone, Debug)]
pub struct Ui {
    /// The language.
    pub lang: Lang,
    /// The request's path (for the language switch and the reload button).
    pub path: String,
    /// The signed-in user's session, if any.
    pub session: Option<session::Session>,
}

impl FromRequestParts<App> for Ui {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let path = parts.uri.path().to_string();
        let query = parts.uri.query().unwrap_or("");
        let given = form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == "lang");
        let lang = match given {
            Some((_, v)) => Lang::parse(&v).ok_or_else(|| {
                pages::bad_field(Lang::Nl, "lang", &v, i18n::L::ExpectLang.text(Lang::Nl))
            })?,
            None => security::cookie(&parts.headers, "lang")
                .and_then(Lang::parse)
                .unwrap_or(Lang::Nl),
        };
        let session = security::session(app, &parts.headers);
        Ok(Ui {
            lang,
            path,
            session,
        })
    }
}

/// Remembers a `?lang=` choice in a cookie.
async fn remember_lang(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let chosen = req.uri().query().and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "lang")
            .and_then(|(_, v)| Lang::parse(&v))
    });
    let mut resp = next.run(req).await;
    if let Some(lang) = chosen {
        if let Ok(v) =
            HeaderValue::from_str(&format!("lang={}; SameSite=Strict; Path=/", lang.code()))
        {
            resp.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    resp
}

/// The routes, with the security middleware around all of them.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/", get(pages::week::page))
        .route(
            "/request",
            get(pages::request::form).post(pages::request::submit),
        )
        .route("/experts/{id}", get(pages::detail::expert))
        .route("/requests/{id}", get(pages::detail::request))
        .route("/reload", post(pages::reload))
        .route("/book", post(pages::book::submit))
        .route("/standby", post(pages::book::standby))
        .route("/login", get(pages::login::form).post(pages::login::submit))
        .route("/logout", post(pages::login::logout))
        .route("/static/style.css", get(pages::stylesheet))
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn(remember_lang))
        .layer(axum::extract::DefaultBodyLimit::max(64 * 1024))
        .layer(axum::middleware::from_fn_with_state(app.clone(), guard))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            app.cfg.request_timeout,
        ))
        .with_state(app)
}

/// [`security::guard`] with the login page as the answer to a request without the token.
async fn guard(
    state: axum::extract::State<App>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    security::guard(state, req, next, pages::login::unauthorised).await
}

/// Why the server refuses to start on an address.
pub fn check_bind(addr: SocketAddr, token: Option<&str>) -> Result<(), String> {
    match token {
        Some(t) => security::check_token_form(t),
        None if addr.ip().is_loopback() => Ok(()),
        None => Err(format!(
            "{addr} is not a loopback address: set an access token (MATCHPUNT_TOKEN or --token-file) to serve other machines"
        )),
    }
}

/// Binds, reads the folder, prints the address and serves until Ctrl-C. The session cookie is
/// `Secure` when `addr` is not loopback.
pub async fn serve(mut cfg: Config, addr: SocketAddr) -> anyhow::Result<()> {
    check_bind(addr, cfg.token.as_deref()).map_err(anyhow::Error::msg)?;
    cfg.secure_cookies = !addr.ip().is_loopback();
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let app = tokio::task::spawn_blocking(move || AppState::new(cfg)).await?;
    let local = listener.local_addr()?;
    println!("matchpunt serve: http://{local}/ (Ctrl-C stops)");
    let state = app.snapshot();
    if let Err(f) = &state.data {
        println!("the data has errors; the page lists them: {}", f.summary());
    }
    tokio::select! {
        r = serve_on(listener, app) => r?,
        _ = tokio::signal::ctrl_c() => {}
    }
    Ok(())
}

/// [`serve`] on a runtime of its own, for a command line without one.
pub fn serve_blocking(cfg: Config, addr: SocketAddr) -> anyhow::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(serve(cfg, addr))
}

/// Serves on an already bound listener (the server, the tests and the load check): HTTP/1.1,
/// at most [`Config::max_connections`] connections at once (the next waits in the listen
/// backlog until one closes), each closed when it sends no complete request headers within
/// [`Config::header_timeout`] (so idle and slow clients free their place within that time).
/// Runs until the listener fails.
pub async fn serve_on(listener: tokio::net::TcpListener, app: App) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let limit = Arc::new(tokio::sync::Semaphore::new(app.cfg.max_connections.max(1)));
    let header_timeout = app.cfg.header_timeout;
    let service = router(app);
    loop {
        let permit = limit
            .clone()
            .acquire_owned()
            .await
            .map_err(std::io::Error::other)?;
        let (stream, _) = match listener.accept().await {
            Ok(s) => s,
            // Out of file descriptors and the like: wait a moment, keep serving.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let svc = hyper_util::service::TowerToHyperService::new(service.clone());
        tokio::spawn(async move {
            let _permit = permit;
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(TokioIo::new(stream), svc);
            let _ = conn.await;
        });
    }
}
