//! `strata serve`: build the journal into a private folder, serve it over HTTP on 127.0.0.1,
//! rebuild what each change touches, and reload the open pages by themselves.
//!
//! Three parts: [`watch`] turns file events into batches of paths, [`changes`] sorts them,
//! [`session`] rebuilds incrementally, and [`server`] serves the site and tells pages to reload
//! once every file of a rebuild is written. Errors show in the terminal and in the page while
//! the last good site stays served.

pub mod changes;
pub mod server;
pub mod session;
pub mod watch;

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use thiserror::Error;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::journal::{JournalRoot, Visibility};
use changes::{Changes, classify};
use server::{Live, Message};
use session::{Rebuilt, Session};
use watch::{Backend, JournalWatcher};

/// How to preview a journal.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The journal folder, absolute, so file events (which name absolute paths) match it.
    pub root: JournalRoot,
    /// The address to listen on; 127.0.0.1 unless the writer asks otherwise.
    pub bind: String,
    /// The port to try first.
    pub port: u16,
    /// Which entries to show.
    pub visibility: Visibility,
    /// Open the site in a browser once it is served.
    pub open: bool,
    /// Poll for changes instead of relying on the system's notifications.
    pub poll: bool,
    /// Print only errors.
    pub quiet: bool,
}

/// Why a preview could not start.
#[derive(Debug, Error)]
pub enum ServeError {
    /// The config has errors, so the base path is unknown.
    #[error("journal.yaml has errors")]
    Config(Vec<Diagnostic>),
    /// No port could be bound, or the runtime could not start.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Neither native nor polling file watching could start.
    #[error("cannot watch the journal: {0}")]
    Watch(#[from] notify::Error),
}

/// Runs the preview until interrupted.
pub fn run(options: ServeOptions) -> Result<(), ServeError> {
    let config = Config::load(options.root.path()).map_err(ServeError::Config)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let served = runtime.block_on(serve(options, config));
    // Connections still open after the grace period are dropped, not waited for.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    served
}

async fn serve(options: ServeOptions, config: Config) -> Result<(), ServeError> {
    let base_path = config.base_path();
    let (listener, moved) = server::bind(&options.bind, options.port).await?;
    let address = listener.local_addr()?;
    let url = format!("http://{address}{base_path}");
    let output = preview_folder()?;
    let mut session = Session::new(options.root.path(), output.path(), &url, options.visibility);
    let first_build = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(1, |d| d.as_millis() as u64);
    let live = Live::new(first_build);
    let say = move |line: &str| {
        if !options.quiet {
            let _ = writeln!(anstream::stderr(), "{line}");
        }
    };
    // Errors in full only on a preview for this machine alone.
    let detailed = is_loopback(&options.bind);
    let started = Instant::now();
    let mut shown = Vec::new();
    match session.rebuild(&Changes::everything()) {
        Ok(rebuilt) => {
            report_warnings(&rebuilt, &mut shown, options.quiet);
            say(&format!(
                "strata: built {} entries in {} ms",
                rebuilt.entries,
                started.elapsed().as_millis()
            ));
        }
        Err(diagnostics) => live.send(Message::Failed(failure(&diagnostics, detailed))),
    }
    let watcher = JournalWatcher::start(options.root.path(), options.poll)?;
    for line in announcements(&options, &watcher, moved.then_some(address.port()), &url) {
        say(&line);
    }
    let rebuilder = Rebuilder {
        session,
        live: Arc::clone(&live),
        root: options.root.path().to_path_buf(),
        quiet: options.quiet,
        build: first_build,
        shown,
        detailed,
    };
    std::thread::spawn(move || rebuilder.run(&watcher));
    if options.open {
        let _ = opener::open(&url);
    }
    server::serve(listener, output.path(), &base_path, live, shutdown()).await?;
    drop(output);
    Ok(())
}

/// The private folder a preview builds into: readable by its owner alone, since with
/// `--private` it holds private entries.
fn preview_folder() -> std::io::Result<tempfile::TempDir> {
    let mut builder = tempfile::Builder::new();
    builder.prefix("strata-serve-");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
    builder.tempdir()
}

/// What the terminal is told once the preview is up: a moved port, a fallback to polling, and
/// where the site is served.
fn announcements(
    options: &ServeOptions,
    watcher: &JournalWatcher,
    moved_to: Option<u16>,
    url: &str,
) -> Vec<String> {
    let mut lines = Vec::new();
    if options.visibility.private && !is_loopback(&options.bind) {
        lines.push(format!(
            "strata: warning: --private with --bind {}: private entries are served to anyone who can reach this machine",
            options.bind
        ));
    }
    if let Some(port) = moved_to {
        lines.push(format!(
            "strata: port {} is busy; using {port} instead",
            options.port
        ));
    }
    if let Some(reason) = &watcher.fallback_reason {
        lines.push(format!(
            "strata: native file watching failed ({reason}); polling for changes instead"
        ));
    }
    let backend = match watcher.backend {
        Backend::Native => "watching for changes",
        Backend::Poll => "polling for changes",
    };
    lines.push(format!(
        "strata: serving {} at {url} ({backend}); press Ctrl-C to stop",
        options.root.path().display()
    ));
    lines
}

/// Whether `bind` listens on this machine alone (`127.0.0.1`, `::1`, `localhost`).
fn is_loopback(bind: &str) -> bool {
    bind.eq_ignore_ascii_case("localhost")
        || bind
            .trim_matches(['[', ']'])
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Whether the site path `path` is an HTML page (`/x/`, `/404.html`).
fn is_page(path: &str) -> bool {
    path.ends_with('/') || path.ends_with(".html")
}

/// The watch loop: rebuilds after each batch of changes and tells the open pages.
struct Rebuilder {
    session: Session,
    live: Arc<Live>,
    root: PathBuf,
    quiet: bool,
    build: u64,
    /// The warnings printed last, not printed again while they stand.
    shown: Vec<Diagnostic>,
    /// Whether pages are shown the errors in full (see [`failure`]).
    detailed: bool,
}

impl Rebuilder {
    fn run(mut self, watcher: &JournalWatcher) {
        while let Some(paths) = watcher.next_batch() {
            let changes = classify(&self.root, paths);
            if !changes.is_empty() {
                self.rebuild(&changes);
            }
        }
    }

    fn rebuild(&mut self, changes: &Changes) {
        let started = Instant::now();
        let build = self.build + 1;
        let live = Arc::clone(&self.live);
        let prefix = self.base_path();
        // The pages of entries whose text alone changed reload as soon as they are written,
        // before the pages that list them are done.
        let mut told = Vec::new();
        let mut early = |paths: &[String]| {
            told.extend_from_slice(paths);
            let paths = paths.iter().map(|p| with_base(&prefix, p)).collect();
            live.send(Message::Reload { build, paths });
        };
        let rebuilt = match self.session.rebuild_then(changes, &mut early) {
            Ok(rebuilt) => rebuilt,
            Err(diagnostics) => {
                let text = failure(&diagnostics, self.detailed);
                return self.live.send(Message::Failed(text));
            }
        };
        self.build = build;
        report_warnings(&rebuilt, &mut self.shown, self.quiet);
        let prefix = self.base_path();
        // After a change to static files alone, a page differs only in the stylesheet version
        // it names: open pages swap the stylesheet in place instead of reloading.
        let restyled_only = changes.assets_only();
        let paths = rebuilt
            .changed
            .iter()
            .filter(|p| !told.contains(p))
            .filter(|p| !(restyled_only && is_page(p)))
            .chain(&rebuilt.removed)
            .map(|p| with_base(&prefix, p))
            .collect();
        self.live.send(Message::Reload {
            build: self.build,
            paths,
        });
        if !self.quiet {
            let _ = writeln!(
                anstream::stderr(),
                "strata: {} changed: {} files written, {} removed, {} pages rendered, {} entries read in {} ms",
                changes.describe(),
                rebuilt.changed.len(),
                rebuilt.removed.len(),
                rebuilt.rendered,
                rebuilt.parsed,
                started.elapsed().as_millis()
            );
        }
    }
}

impl Rebuilder {
    /// The base path the site is served under, once a rebuild has read the config.
    fn base_path(&self) -> String {
        self.session
            .config()
            .map(Config::base_path)
            .unwrap_or_else(|| "/".into())
    }
}

/// `/2026/03/x/` under the base path `/sub/`: `/sub/2026/03/x/`.
fn with_base(base_path: &str, path: &str) -> String {
    format!("{base_path}{}", path.trim_start_matches('/'))
}

/// Prints the errors of a failed rebuild and returns them as text for the page overlay: in
/// full when the preview is for this machine alone (`detailed`), else their count only — a
/// preview on the network must not show a private entry's file name and lines to others.
fn failure(diagnostics: &[Diagnostic], detailed: bool) -> String {
    // Warnings of a failed build are mostly echoes of its errors; they return with the next
    // good build.
    let mut stderr = anstream::stderr().lock();
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        let _ = d.emit(&mut stderr);
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let plural = if errors == 1 { "error" } else { "errors" };
    let _ = writeln!(
        stderr,
        "strata: {errors} {plural}; still serving the last good site"
    );
    if !detailed {
        return format!("{errors} {plural}: see the terminal where `strata serve` runs.");
    }
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Prints the warnings of a rebuild that were not printed after the one before, so a journal
/// with standing warnings does not repeat them on every save; `shown` becomes this rebuild's.
fn report_warnings(rebuilt: &Rebuilt, shown: &mut Vec<Diagnostic>, quiet: bool) {
    if !quiet {
        let mut stderr = anstream::stderr().lock();
        for d in rebuilt.warnings.iter().filter(|d| !shown.contains(d)) {
            let _ = d.emit(&mut stderr);
        }
    }
    shown.clone_from(&rebuilt.warnings);
}

/// Resolves on Ctrl-C or, on Unix, a termination signal.
async fn shutdown() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    {
        let terminate = async {
            if let Ok(mut signal) =
                tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            {
                signal.recv().await;
            }
        };
        tokio::select! {
            () = interrupt => {},
            () = terminate => {},
        }
    }
    #[cfg(not(unix))]
    interrupt.await;
}

#[cfg(all(test, unix))]
mod folder_tests {
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn the_preview_folder_is_readable_by_its_owner_alone() {
        let folder = super::preview_folder().ok();
        let mode = folder
            .as_ref()
            .and_then(|f| std::fs::metadata(f.path()).ok())
            .map(|m| m.permissions().mode() & 0o777);
        assert_eq!(mode, Some(0o700));
    }
}
