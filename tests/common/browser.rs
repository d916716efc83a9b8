//! A real headless Chromium driven through ChromeDriver, for the end-to-end tests: found on
//! the PATH (or named by `STRATA_CHROMIUM` and `STRATA_CHROMEDRIVER`), started with a screen of
//! a given size and colour scheme.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::json;

use crate::common::server::free_port;

/// How long a browser step may take before the test fails.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// The screen a session emulates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    /// CSS pixels wide.
    pub width: u32,
    /// CSS pixels high.
    pub height: u32,
    /// Whether it is a phone: device metrics are emulated (headless Chromium makes no window
    /// narrower than about 500 px).
    pub phone: bool,
    /// Whether the page is asked for its dark colour scheme.
    pub dark: bool,
}

impl Screen {
    /// A desktop window, 1280 × 900, light.
    pub const DESKTOP: Screen = Screen {
        width: 1280,
        height: 900,
        phone: false,
        dark: false,
    };
    /// A 390 px phone, light.
    pub const PHONE: Screen = Screen {
        width: 390,
        height: 844,
        phone: true,
        dark: false,
    };

    /// The same screen in the dark colour scheme.
    pub const fn dark(self) -> Screen {
        Screen { dark: true, ..self }
    }

    /// `390px light`, for messages.
    pub fn name(&self) -> String {
        format!(
            "{}px {}",
            self.width,
            if self.dark { "dark" } else { "light" }
        )
    }
}

fn find(candidates: &[&str], variable: &str) -> Option<PathBuf> {
    if let Ok(path) = std::env::var(variable) {
        return Some(PathBuf::from(path));
    }
    let path_dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    candidates
        .iter()
        .find_map(|name| path_dirs.iter().map(|d| d.join(name)).find(|p| p.is_file()))
}

/// A running ChromeDriver, stopped when dropped.
pub struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        // ChromeDriver leads a process group of its own, with the browsers it started: end
        // them all, so a test that fails before closing its session leaves no browser behind.
        #[cfg(unix)]
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.0.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts ChromeDriver and a session on `screen`.
pub async fn connect_to(
    screen: Screen,
    driver: &std::path::Path,
    chromium: &std::path::Path,
    profile: &std::path::Path,
) -> (Driver, Client) {
    let port = free_port();
    let mut command = Command::new(driver);
    command
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let child = command.spawn().unwrap();
    let driver = Driver(child);
    let mut args = vec![
        "--headless=new".to_string(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-dev-shm-usage".into(),
        "--disable-quic".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--hide-scrollbars".into(),
        format!("--user-data-dir={}", profile.display()),
        format!("--window-size={},{}", screen.width, screen.height),
    ];
    if screen.dark {
        args.push("--force-dark-mode".into());
    }
    let mut options = json!({ "binary": chromium, "args": args });
    if screen.phone {
        options["mobileEmulation"] = json!({
            "deviceMetrics": { "width": screen.width, "height": screen.height, "pixelRatio": 2.0, "mobile": true, "touch": true }
        });
    }
    let capabilities = json!({
        "goog:chromeOptions": options,
        "goog:loggingPrefs": { "browser": "ALL" },
    });
    let capabilities: fantoccini::wd::Capabilities = capabilities
        .as_object()
        .unwrap()
        .clone()
        .into_iter()
        .collect();
    let start = Instant::now();
    loop {
        let attempt = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await;
        match attempt {
            Ok(client) => return (driver, client),
            Err(e) if start.elapsed() < PATIENCE => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("cannot start a browser session: {e}"),
        }
    }
}

/// Starts ChromeDriver and a desktop session.
pub async fn connect(
    driver: &std::path::Path,
    chromium: &std::path::Path,
    profile: &std::path::Path,
) -> (Driver, Client) {
    connect_to(Screen::DESKTOP, driver, chromium, profile).await
}

/// Evaluates `script` (a JavaScript expression) in the page until it is truthy.
pub async fn wait_until(client: &Client, script: &str, what: &str) -> Duration {
    let start = Instant::now();
    loop {
        let value = client
            .execute(&format!("return Boolean({script});"), vec![])
            .await;
        if matches!(value, Ok(serde_json::Value::Bool(true))) {
            return start.elapsed();
        }
        assert!(start.elapsed() < PATIENCE, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// ChromeDriver and Chromium, or `None` (after saying why) when the machine has none and
/// `STRATA_REQUIRE_BROWSER=1` is not set.
pub fn browser() -> Option<(PathBuf, PathBuf)> {
    let required = std::env::var("STRATA_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
    let driver = find(&["chromedriver"], "STRATA_CHROMEDRIVER");
    let chromium = find(
        &["chromium", "chromium-browser", "google-chrome"],
        "STRATA_CHROMIUM",
    );
    let (Some(driver), Some(chromium)) = (driver, chromium) else {
        assert!(
            !required,
            "STRATA_REQUIRE_BROWSER=1 but Chromium or ChromeDriver is not installed"
        );
        eprintln!(
            "skipped: the browser test needs chromium and chromedriver on the PATH (Debian: apt-get install chromium chromium-driver)"
        );
        return None;
    };
    Some((driver, chromium))
}

/// ChromeDriver's command for the browser's console messages since the last time asked.
#[derive(Debug)]
struct BrowserLog;

impl fantoccini::wd::WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.into()))
    }
}

/// The console errors (and failed loads, which Chromium logs as errors) since the last call.
pub async fn console_errors(client: &Client) -> Vec<String> {
    let log = client.issue_cmd(BrowserLog).await.unwrap();
    log.as_array()
        .map(|entries| {
            entries
                .iter()
                .filter(|e| e["level"] == "SEVERE")
                .map(|e| e["message"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}
