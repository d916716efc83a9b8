//! The preview's HTTP side: the built site served from its folder under the base path, with a
//! server-sent-events endpoint that tells open pages to reload, and a tiny script added to every
//! HTML page on its way out (never to the files on disk).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;
use tower_http::services::{ServeDir, ServeFile};

/// The live-reload script, served at `<base>__strata/live.js`.
const LIVE_JS: &str = include_str!("live.js");
/// The largest HTML page the script is added to; larger ones are served as they are.
const MAX_INJECT: usize = 64 * 1024 * 1024;

/// What open pages are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// A rebuild wrote these site paths (with the base path).
    Reload {
        /// The build's number.
        build: u64,
        /// What changed.
        paths: Vec<String>,
    },
    /// The last change did not build.
    Failed(String),
    /// The server is stopping: every event stream ends, so no open page holds it up.
    Closing,
}

/// The state pages learn when they connect, and the channel for what happens next.
pub struct Live {
    sender: broadcast::Sender<Message>,
    status: Mutex<(u64, Option<String>)>,
}

impl Live {
    /// A new channel; `build` identifies this server's builds, so pages notice a restart.
    pub fn new(build: u64) -> Arc<Live> {
        let (sender, _) = broadcast::channel(64);
        Arc::new(Live {
            sender,
            status: Mutex::new((build, None)),
        })
    }

    /// Tells every open page about a rebuild (or a failed one).
    pub fn send(&self, message: Message) {
        if let Ok(mut status) = self.status.lock() {
            match &message {
                Message::Reload { build, .. } => *status = (*build, None),
                Message::Failed(text) => status.1 = Some(text.clone()),
                Message::Closing => {}
            }
        }
        let _ = self.sender.send(message);
    }

    fn hello(&self) -> Event {
        let (build, error) = self.status.lock().map(|s| s.clone()).unwrap_or((0, None));
        Event::default()
            .event("hello")
            .data(serde_json::json!({"build": build, "error": error}).to_string())
    }
}

fn event(message: Message) -> Event {
    match message {
        Message::Closing => Event::default().event("closing").data("{}"),
        Message::Reload { build, paths } => Event::default()
            .event("reload")
            .data(serde_json::json!({"build": build, "paths": paths}).to_string()),
        Message::Failed(text) => Event::default()
            .event("failed")
            .data(serde_json::json!({"message": text}).to_string()),
    }
}

/// How long open connections get to finish once `shutdown` resolves; then the server stops
/// regardless, so a stalled client never keeps the preview running.
const GRACE: Duration = Duration::from_millis(500);

/// Serves the site under `base_path` from `listener` until `shutdown` resolves: the files,
/// the events endpoint and the script beside them. The base path is handled around the
/// router, since routing must see the path with the base stripped. On shutdown the event
/// streams are closed first, since a graceful stop otherwise waits for them forever.
pub async fn serve(
    listener: tokio::net::TcpListener,
    site: &Path,
    base_path: &str,
    live: Arc<Live>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let not_found = ServeFile::new(site.join("404.html"));
    let files = ServeDir::new(site)
        .append_index_html_on_directories(true)
        .not_found_service(not_found);
    let router = Router::new()
        .route("/__strata/events", get(events))
        .route("/__strata/live.js", get(script))
        .fallback_service(files)
        .with_state(Arc::clone(&live));
    let app = tower::Layer::layer(
        &middleware::from_fn_with_state(base_path.to_string(), under_base),
        router,
    );
    let app = tower::Layer::layer(&middleware::from_fn(local_host_only), app);
    let (stopping, stopped) = tokio::sync::oneshot::channel();
    let closing = async move {
        shutdown.await;
        live.send(Message::Closing);
        let _ = stopping.send(());
    };
    // Without TCP_NODELAY a response's last small packet can wait for the browser's delayed
    // acknowledgement, about 40 ms on Linux: the preview answers at once.
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let graceful = axum::serve(
        listener,
        axum::ServiceExt::<Request>::into_make_service(app),
    )
    .with_graceful_shutdown(closing);
    let deadline = async move {
        match stopped.await {
            Ok(()) => tokio::time::sleep(GRACE).await,
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        result = graceful => result,
        () = deadline => Ok(()),
    }
}

/// Answers only requests addressed to this machine by name (`localhost`, a name under
/// `.localhost`) or to an IP address, so that a page on another site cannot read the preview
/// — private entries too, with `--private` — by pointing its own name at 127.0.0.1 (DNS
/// rebinding). A phone on the network opens the preview by the machine's IP address.
async fn local_host_only(request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .map(|h| h.to_str().unwrap_or(""));
    if host.is_none_or(is_local_host) {
        next.run(request).await
    } else {
        (
            StatusCode::FORBIDDEN,
            "strata serve answers only to localhost and IP addresses: open it at http://127.0.0.1:PORT/\n",
        )
            .into_response()
    }
}

/// Whether a `Host` header names this machine: `localhost`, a name under `.localhost`, or an
/// IP address, with or without a port.
fn is_local_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    }
    .to_ascii_lowercase();
    name.parse::<std::net::IpAddr>().is_ok() || name == "localhost" || name.ends_with(".localhost")
}

/// Serves the site under its base path: strips the base from the request, sends `/` to the
/// base, refuses anything else outside it with the site's 404 page, puts the base back in
/// front of redirects, and adds the live-reload script to HTML.
async fn under_base(State(base): State<String>, mut request: Request, next: Next) -> Response {
    let base = base.as_str();
    let path = request.uri().path().to_string();
    if base != "/" {
        let Some(rest) = path.strip_prefix(base.trim_end_matches('/')) else {
            if path == "/" {
                return Redirect::temporary(base).into_response();
            }
            let outside = request.uri().clone();
            *request.uri_mut() = "/404.html".parse().unwrap_or(outside);
            let mut response = with_live_reload(next.run(request).await, base).await;
            *response.status_mut() = StatusCode::NOT_FOUND;
            return response;
        };
        let rest = if rest.is_empty() { "/" } else { rest };
        let query = request
            .uri()
            .query()
            .map(|q| format!("?{q}"))
            .unwrap_or_default();
        match format!("{rest}{query}").parse() {
            Ok(uri) => *request.uri_mut() = uri,
            Err(_) => return StatusCode::BAD_REQUEST.into_response(),
        }
    }
    let mut response = next.run(request).await;
    if base != "/"
        && let Some(location) = response
            .headers()
            .get(header::LOCATION)
            .and_then(|l| l.to_str().ok())
        && let Some(rooted) = location.strip_prefix('/')
        && let Ok(value) = HeaderValue::from_str(&format!("{base}{rooted}"))
    {
        response.headers_mut().insert(header::LOCATION, value);
    }
    with_live_reload(response, base).await
}

async fn events(
    State(live): State<Arc<Live>>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let hello = live.hello().retry(Duration::from_millis(500));
    let updates = BroadcastStream::new(live.sender.subscribe())
        .filter_map(Result::ok)
        .take_while(|m| *m != Message::Closing)
        .map(|m| Ok(event(m)));
    let stream = tokio_stream::once(Ok(hello)).chain(updates);
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        LIVE_JS,
    )
}

/// Adds the live-reload script to HTML responses and keeps the browser from caching anything.
async fn with_live_reload(mut response: Response, base: &str) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_INJECT).await else {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "page too large to preview",
        )
            .into_response();
    };
    let mut html = String::from_utf8_lossy(&bytes).into_owned();
    // The base path comes from a checked `base_url`, and is escaped here all the same: it is
    // written into an attribute of every page.
    let base = crate::format::escape_markup(base);
    let tag = format!(r#"<script src="{base}__strata/live.js" data-base="{base}" defer></script>"#);
    match html.rfind("</body>") {
        Some(at) => html.insert_str(at, &tag),
        None => html.push_str(&tag),
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(html))
}

/// Binds `bind:port`, or the next free port above it when that one is busy. Returns the
/// listener and whether another port had to be used.
pub async fn bind(bind: &str, port: u16) -> std::io::Result<(tokio::net::TcpListener, bool)> {
    let mut last = None;
    // Up to twenty ports from `port`, `port` itself included even when it is the last one.
    for candidate in port..=port.saturating_add(19) {
        let address = address(bind, candidate).await?;
        match tokio::net::TcpListener::bind(address).await {
            Ok(listener) => return Ok((listener, candidate != port)),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free port")))
}

/// The address to listen on: `bind` as an IP address, or a name such as `localhost` as the
/// system resolves it.
async fn address(bind: &str, port: u16) -> std::io::Result<SocketAddr> {
    if let Ok(ip) = bind.trim_matches(['[', ']']).parse::<std::net::IpAddr>() {
        return Ok(SocketAddr::new(ip, port));
    }
    // IPv4 first where the name has both, as browsers reach `localhost` by either.
    let found: Vec<SocketAddr> = tokio::net::lookup_host((bind, port))
        .await
        .map(Iterator::collect)
        .unwrap_or_default();
    found
        .iter()
        .find(|a| a.is_ipv4())
        .or(found.first())
        .copied()
        .ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("{bind} is neither an IP address nor a name of this machine"),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_hosts_are_this_machines_names_and_ip_addresses() {
        for host in [
            "localhost",
            "LOCALHOST:1111",
            "journal.localhost:80",
            "127.0.0.1",
            "192.168.1.20:4000",
            "[::1]:1111",
            "[fe80::1]",
        ] {
            assert!(is_local_host(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "",
        ] {
            assert!(!is_local_host(host), "{host}");
        }
    }

    #[tokio::test]
    async fn the_last_port_is_tried_and_names_are_resolved() {
        // 65535 is both the port asked for and the last there is: it is tried, not skipped.
        let bound = bind("127.0.0.1", u16::MAX).await;
        let port = bound
            .ok()
            .and_then(|(l, _)| l.local_addr().ok())
            .map(|a| a.port());
        assert_eq!(port, Some(u16::MAX));
        let localhost = address("localhost", 1111).await.ok();
        assert_eq!(localhost.map(|a| a.ip().is_loopback()), Some(true));
        assert!(address("no-such-host.invalid", 1111).await.is_err());
    }
}
