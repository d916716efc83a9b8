//! Running `strata serve` in tests: start it on a free port, talk HTTP and server-sent events
//! to it over plain TCP, and stop it.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `strata serve`, stopped when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
    /// Every line it printed on standard error so far.
    pub log: Arc<Mutex<Vec<String>>>,
}

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Server {
    /// Starts `strata serve DIR --port P EXTRA…` on a free port and waits until it serves.
    pub fn start(dir: &Path, extra: &[&str]) -> Server {
        Server::start_on(dir, free_port(), extra)
    }

    /// Starts `strata serve DIR --port PORT EXTRA…` and waits until it serves.
    pub fn start_on(dir: &Path, port: u16, extra: &[&str]) -> Server {
        Server::start_in(Path::new("."), Some(dir), port, extra)
    }

    /// Starts `strata serve [DIR] --port PORT EXTRA…` from the folder `cwd` (so `dir` may be
    /// relative to it, as a writer types it) and waits until it serves.
    pub fn start_in(cwd: &Path, dir: Option<&Path>, port: u16, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_strata"))
            .current_dir(cwd)
            .arg("serve")
            .args(dir)
            .args(["--port", &port.to_string()])
            .args(extra)
            .env("NO_COLOR", "1")
            .env("SOURCE_DATE_EPOCH", super::BUILD_DATE)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let stderr = child.stderr.take().unwrap();
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        let server = Server { child, port, log };
        server.wait_for_log("press Ctrl-C to stop", Duration::from_secs(30));
        server
    }

    /// Waits until a printed line contains `text`; panics with the log after `timeout`.
    pub fn wait_for_log(&self, text: &str, timeout: Duration) -> String {
        let start = Instant::now();
        loop {
            if let Some(line) = self.log.lock().unwrap().iter().find(|l| l.contains(text)) {
                return line.clone();
            }
            assert!(
                start.elapsed() < timeout,
                "no {text:?} in the log:\n{}",
                self.log_text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The address of the site's home page as the server printed it (`http://127.0.0.1:PORT/`,
    /// or with the journal's sub-path), without its final `/`.
    pub fn site_url(&self) -> String {
        let line = self.wait_for_log("press Ctrl-C to stop", Duration::from_secs(1));
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        url.trim_end_matches('/').to_string()
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn log_text(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    /// How many rebuilds it has reported.
    pub fn rebuilds(&self) -> usize {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|l| l.contains(" changed: "))
            .count()
    }

    pub fn get(&self, path: &str) -> Response {
        get(self.port, path)
    }

    /// Polls `path` until its body contains `text`, for at most `timeout`.
    pub fn wait_for_page(&self, path: &str, text: &str, timeout: Duration) -> Response {
        let start = Instant::now();
        loop {
            let response = self.get(path);
            if response.body.contains(text) {
                return response;
            }
            assert!(
                start.elapsed() < timeout,
                "{path} never showed {text:?}; log:\n{}",
                self.log_text()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Opens the events endpoint; each event arrives as (name, data).
    pub fn events(&self, base: &str) -> Receiver<(String, String)> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(stream, "GET {base}__strata/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n").unwrap();
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            let reader = BufReader::new(stream);
            let mut name = String::new();
            for line in reader.lines().map_while(Result::ok) {
                // Chunked framing lines are skipped: they are hex sizes or empty.
                if let Some(value) = line.strip_prefix("event: ") {
                    name = value.to_string();
                } else if let Some(value) = line.strip_prefix("data: ")
                    && sender
                        .send((std::mem::take(&mut name), value.to_string()))
                        .is_err()
                {
                    return;
                }
            }
        });
        receiver
    }
}

impl Server {
    /// Sends `signal` (`INT` as Ctrl-C does, or `TERM`) and returns how long the server took to
    /// exit and its exit code; panics if it is still running after `patience`.
    #[cfg(unix)]
    pub fn stop_with(&mut self, signal: &str, patience: Duration) -> (Duration, Option<i32>) {
        let start = Instant::now();
        let sent = Command::new("kill")
            .args([format!("-{signal}"), self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return (start.elapsed(), status.code());
            }
            assert!(
                start.elapsed() < patience,
                "strata serve still runs {patience:?} after SIG{signal}; log:\n{}",
                self.log_text()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(Some(_)) = self.child.try_wait() {
            return;
        }
        #[cfg(unix)]
        {
            // A termination signal lets it remove its temporary folder.
            let _ = Command::new("kill")
                .arg(self.child.id().to_string())
                .status();
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(5) {
                if let Ok(Some(_)) = self.child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP response, as read from the wire.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A GET of `path`, sent exactly as written (no normalising of `..`).
pub fn get(port: u16, path: &str) -> Response {
    get_as(port, path, "localhost")
}

/// A GET of `path` addressed to `host` (the `Host` header), as a browser that reached the
/// server by that name would send it.
pub fn get_as(port: u16, path: &str, host: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| {
            l.split_once(':')
                .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        })
        .collect();
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked {
        unchunk(body)
    } else {
        body.to_string()
    };
    Response {
        status,
        headers,
        body,
    }
}

fn unchunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        body = rest[size..].trim_start_matches("\r\n");
    }
    out
}
