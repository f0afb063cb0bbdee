//! Load check for `matchpunt serve`: N concurrent clients post request forms to the server on
//! loopback for a fixed time, then the latency percentiles and the error count are printed.
//!
//! ```text
//! cargo run --release -p matchpunt-web --example load -- [--data DIR] [--clients 50] [--seconds 10]
//!     [--time-limit SECS] [--url http://127.0.0.1:8080]
//! ```
//!
//! Without `--url` the server runs in this process, on a runtime of its own, on a free loopback
//! port. With `--url` it must be a loopback address: this check sends traffic nowhere else.
//! The loops are bounded in time and stop by themselves. Exits 1 if any request failed.

use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use matchpunt_web::{serve_on, AppState, Config};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Opts {
    data: PathBuf,
    clients: usize,
    seconds: f64,
    time_limit: f64,
    url: Option<String>,
}

fn opts() -> Opts {
    let mut o = Opts {
        data: PathBuf::from("data/sample"),
        clients: 50,
        seconds: 10.0,
        time_limit: 30.0,
        url: None,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let v = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--data" => o.data = PathBuf::from(v),
            "--clients" => o.clients = v.parse().expect("--clients N"),
            "--seconds" => o.seconds = v.parse().expect("--seconds S"),
            "--time-limit" => o.time_limit = v.parse().expect("--time-limit S"),
            "--url" => o.url = Some(v.trim_end_matches('/').to_string()),
            other => panic!("unknown option {other}"),
        }
        i += 2;
    }
    assert!(
        o.seconds > 0.0 && o.seconds <= 600.0,
        "--seconds from 0 to 600"
    );
    assert!(
        o.clients >= 1 && o.clients <= 1000,
        "--clients from 1 to 1000"
    );
    o
}

/// Forms a phone request might send, over the roles, places and slots of the sample.
const FORMS: [&str; 4] = [
    "role=speaker&org=Hogeschool+Rotterdam&place=Rotterdam&slot=&language=nl&client_age=&experts_needed=1&themes=pesten&themes=autisme",
    "role=buddy&org=GGZ+Rotterdam&place=Schiedam&slot=wed-pm&language=nl&client_age=16&experts_needed=1&themes=angst",
    "role=trainer&org=Jeugdhulp+Rotterdam&place=Delft&online=yes&slot=thu-am&language=nl&client_age=&experts_needed=2&themes=trauma&themes=depressie",
    "role=adviser&org=Gemeente+Ridderkerk&place=Ridderkerk&slot=&language=nl&client_age=&experts_needed=1&themes=armoede&themes=schooluitval",
];

fn pct(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn main() {
    let o = opts();
    // The server: in this process on its own runtime, or the one given (loopback only).
    let server_rt;
    let base = match &o.url {
        Some(u) => {
            let host = u
                .strip_prefix("http://")
                .expect("--url http://...")
                .split('/')
                .next()
                .unwrap();
            assert!(
                matchpunt_web::security::is_loopback_host(host),
                "--url must be a loopback address"
            );
            u.clone()
        }
        None => {
            let mut cfg = Config::new(&o.data);
            cfg.time_limit = Duration::from_secs_f64(o.time_limit);
            let t = Instant::now();
            let app = AppState::new(cfg);
            if let Err(f) = &app.snapshot().data {
                panic!("the data has errors: {}", f.summary());
            }
            eprintln!(
                "read and solved {} in {:.1} s",
                o.data.display(),
                t.elapsed().as_secs_f64()
            );
            server_rt = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .thread_name("server")
                .build()
                .unwrap();
            let listener = server_rt
                .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
                .unwrap();
            let addr = listener.local_addr().unwrap();
            server_rt.spawn(serve_on(listener, app));
            format!("http://{addr}")
        }
    };
    let client_rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .worker_threads(2)
        .thread_name("client")
        .build()
        .unwrap();
    let (lat, errors) = client_rt.block_on(async move {
        let client: Client<_, String> = Client::builder(TokioExecutor::new())
            .pool_max_idle_per_host(o.clients)
            .build(HttpConnector::new());
        let client = Arc::new(client);
        let deadline = Instant::now() + Duration::from_secs_f64(o.seconds);
        let mut tasks = Vec::new();
        for c in 0..o.clients {
            let client = client.clone();
            let url = format!("{base}/request");
            tasks.push(tokio::spawn(async move {
                let mut lat = Vec::new();
                let mut errors = 0usize;
                let mut k = c;
                while Instant::now() < deadline {
                    let req = axum::http::Request::post(&url)
                        .header("content-type", "application/x-www-form-urlencoded")
                        .body(FORMS[k % FORMS.len()].to_string())
                        .unwrap();
                    k += 1;
                    let t = Instant::now();
                    match client.request(req).await {
                        Ok(resp) => {
                            let ok = resp.status() == 200;
                            use http_body_util::BodyExt;
                            let body = resp.into_body().collect().await;
                            if ok && body.is_ok() {
                                lat.push(t.elapsed());
                            } else {
                                errors += 1;
                            }
                        }
                        Err(_) => errors += 1,
                    }
                }
                (lat, errors)
            }));
        }
        let mut all = Vec::new();
        let mut errors = 0;
        for t in tasks {
            let (l, e) = t.await.unwrap();
            all.extend(l);
            errors += e;
        }
        (all, errors)
    });
    let mut lat = lat;
    lat.sort_unstable();
    println!(
        "{} clients, {:.0} s: {} requests ({:.0}/s), {} errors; latency p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        o.clients,
        o.seconds,
        lat.len(),
        lat.len() as f64 / o.seconds,
        errors,
        pct(&lat, 50.0),
        pct(&lat, 90.0),
        pct(&lat, 99.0),
        pct(&lat, 100.0),
    );
    if errors > 0 {
        std::process::exit(1);
    }
}
