//! Preview speed: a full build against an incremental rebuild after one entry changed, and the
//! time from saving an entry to its page being served again after the reload message.
//!
//! Run with `cargo bench --bench preview`. `STRATA_BENCH_ENTRIES=10000` adds a journal of that
//! many entries from the project's corpus generator (ten years with gaps): the same figures,
//! and the resident memory of `strata serve` after the first and after `STRATA_BENCH_EDITS`
//! (default 200) saves.

#![allow(clippy::unwrap_used, missing_docs)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use strata::build::{BuildOptions, build};
use strata::journal::Visibility;
use strata::serve::changes::{Changes, classify};
use strata::serve::session::Session;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn percentile(mut times: Vec<Duration>, p: f64) -> Duration {
    times.sort();
    times[((times.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// The entry a run edits, its page, and the base path the preview serves the site under.
struct Target {
    file: PathBuf,
    page: String,
    base: String,
}

/// Rewrites the target's last line with a marker of `round`; returns the file.
fn edit(root: &Path, target: &Target, round: usize) -> PathBuf {
    let path = root.join(&target.file);
    let text = std::fs::read_to_string(&path).unwrap();
    let kept = text
        .trim_end()
        .rsplit_once('\n')
        .filter(|(_, last)| last.starts_with("Edit mark "))
        .map_or(text.trim_end(), |(rest, _)| rest);
    std::fs::write(&path, format!("{kept}\n\nEdit mark {round}.\n")).unwrap();
    path
}

/// Flips the target's `work:` between growth and depth (adding it when missing), a change
/// every aggregate sees; returns the file.
fn toggle_work(root: &Path, target: &Target) -> PathBuf {
    let path = root.join(&target.file);
    let text = std::fs::read_to_string(&path).unwrap();
    let text = if text.contains("\nwork: growth\n") {
        text.replacen("\nwork: growth\n", "\nwork: depth\n", 1)
    } else if text.contains("\nwork: depth\n") {
        text.replacen("\nwork: depth\n", "\nwork: growth\n", 1)
    } else {
        text.replacen("---\n", "---\nwork: growth\n", 1)
    };
    std::fs::write(&path, text).unwrap();
    path
}

fn full_vs_incremental(label: &str, root: &Path, target: &Target, rounds: usize) {
    let entries = strata::journal::load::entry_files(root).len();
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: out.path().join("public"),
        base_url: None,
        visibility: Visibility::PUBLISHED,
    };
    build(&options).unwrap();
    let full: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            build(&options).unwrap();
            start.elapsed()
        })
        .collect();
    let preview = tempfile::tempdir().unwrap();
    let mut session = Session::new(
        root,
        preview.path(),
        "http://127.0.0.1:1111/",
        Visibility::PUBLISHED,
    );
    let start = Instant::now();
    session.rebuild(&Changes::everything()).unwrap();
    let first = start.elapsed();
    let mut page_first = Vec::new();
    let incremental: Vec<Duration> = (0..2 * rounds + 1)
        .map(|round| {
            let path = edit(root, target, round);
            let start = Instant::now();
            let mut early = |_: &[String]| page_first.push(start.elapsed());
            session
                .rebuild_then(&classify(root, [path]), &mut early)
                .unwrap();
            start.elapsed()
        })
        .collect();
    let work_edits: Vec<Duration> = (0..2 * rounds + 1)
        .map(|_| {
            let path = toggle_work(root, target);
            let start = Instant::now();
            let rebuilt = session.rebuild(&classify(root, [path])).unwrap();
            assert!(rebuilt.aggregated);
            start.elapsed()
        })
        .collect();
    println!(
        "{label}: an edit of the entry's `work` (every aggregate changes): rebuilt in {} (median of {})",
        ms(median(work_edits.clone())),
        work_edits.len()
    );
    if !page_first.is_empty() {
        println!(
            "{label}: the edited entry's own page written {} after the change reached the preview (median of {})",
            ms(median(page_first.clone())),
            page_first.len()
        );
    }
    let command: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            let status = std::process::Command::new(env!("CARGO_BIN_EXE_strata"))
                .args(["build", "-q", "-o"])
                .arg(out.path().join("cli"))
                .arg(root)
                .status()
                .unwrap();
            assert!(status.success());
            start.elapsed()
        })
        .collect();
    let fastest = |times: &[Duration]| times.iter().min().copied().unwrap_or_default();
    let (full_min, command_min, inc_min) =
        (fastest(&full), fastest(&command), fastest(&incremental));
    println!(
        "{label}: fastest runs: full build {} in-process, {} as `strata build`; incremental {}; {:.1}x / {:.1}x faster",
        ms(full_min),
        ms(command_min),
        ms(inc_min),
        full_min.as_secs_f64() / inc_min.as_secs_f64(),
        command_min.as_secs_f64() / inc_min.as_secs_f64()
    );
    let (full, command, inc) = (median(full), median(command), median(incremental));
    println!(
        "{label}: {entries} entries; full build {} in-process, {} as `strata build` (medians of {rounds}); first preview build {}; incremental rebuild after one entry changed {} (median of {}); {:.1}x / {:.1}x faster",
        ms(full),
        ms(command),
        ms(first),
        ms(inc),
        2 * rounds + 1,
        full.as_secs_f64() / inc.as_secs_f64(),
        command.as_secs_f64() / inc.as_secs_f64()
    );
}

/// Saves the target once per round (each save different) in a running `strata serve`, each
/// after the last reload, and reports the time from save to reload message and to the page
/// served again.
fn save_to_reload(
    label: &str,
    server: &common::server::Server,
    root: &Path,
    target: &Target,
    rounds: std::ops::Range<usize>,
) {
    let saves = rounds.len();
    let events = server.events(&target.base);
    let deadline = Duration::from_secs(60);
    events.recv_timeout(deadline).unwrap();
    let mut to_event = Vec::new();
    let mut to_page = Vec::new();
    for round in rounds {
        std::thread::sleep(Duration::from_millis(150));
        let start = Instant::now();
        edit(root, target, round);
        loop {
            let (name, data) = events.recv_timeout(deadline).unwrap();
            if name == "reload" && data.contains(&target.page) {
                break;
            }
        }
        to_event.push(start.elapsed());
        let response = server.get(&format!(
            "{}{}",
            target.base,
            target.page.trim_start_matches('/')
        ));
        assert!(response.body.contains(&format!("Edit mark {round}.")));
        to_page.push(start.elapsed());
    }
    println!(
        "{label}: save to reload: reload message {} median, {} p95; page served again {} median, {} p95 ({saves} saves; a browser adds its own page load)",
        ms(median(to_event.clone())),
        ms(percentile(to_event, 0.95)),
        ms(median(to_page.clone())),
        ms(percentile(to_page, 0.95))
    );
}

/// The resident memory of a process, from `/proc` (Linux), in MiB.
fn resident_mib(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// `strata serve`'s resident memory after one save, after `saves` saves, and two seconds
/// later, once it has waited for an edit as long as a writer does between two saves.
fn serve_memory(label: &str, root: &Path, target: &Target, saves: usize) {
    let server = common::server::Server::start(root, &[]);
    save_to_reload(label, &server, root, target, 1000..1001);
    let after_one = resident_mib(server.pid());
    save_to_reload(label, &server, root, target, 1001..1000 + saves.max(2));
    let after_all = resident_mib(server.pid());
    std::thread::sleep(Duration::from_secs(2));
    let waiting = resident_mib(server.pid());
    if let (Some(one), Some(all), Some(waiting)) = (after_one, after_all, waiting) {
        println!(
            "{label}: serve resident memory {one:.0} MiB after 1 save, {all:.0} MiB after {saves} saves ({:+.1} %), {waiting:.0} MiB two seconds later",
            (all / one - 1.0) * 100.0
        );
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a plain `cargo test` run of benches passes nothing we need.
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-journal");
    let work = common::Journal::copy(&example);
    let target = Target {
        file: PathBuf::from("entries/2026/01/2026-01-21-hiring-cap-session.md"),
        page: "/2026/01/hiring-cap-session/".into(),
        base: "/".into(),
    };
    full_vs_incremental("example journal", work.path(), &target, 15);
    let server = common::server::Server::start(work.path(), &[]);
    save_to_reload("example journal", &server, work.path(), &target, 1000..1020);
    drop(server);
    if let Some(total) = std::env::var("STRATA_BENCH_ENTRIES")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        let big = common::Journal::empty();
        let options = common::corpus::CorpusOptions {
            entries: total,
            years: 10,
            gaps: 2,
            ..Default::default()
        };
        let files = common::corpus::generate(big.path(), &options);
        // The newest entry that is published.
        let last = files
            .iter()
            .rev()
            .find(|f| {
                let text = std::fs::read_to_string(big.path().join(f)).unwrap();
                !text.contains("private: true") && !text.contains("draft: true")
            })
            .unwrap();
        let number: usize = last
            .rsplit_once("entry-")
            .and_then(|(_, n)| n.trim_end_matches(".md").parse().ok())
            .unwrap();
        let target = Target {
            file: PathBuf::from(last),
            page: format!("/{}/{}/entry-{number}/", &last[8..12], &last[13..15]),
            // The generated journal is published under a sub-path, and so previewed.
            base: "/journal/".into(),
        };
        let label = format!("generated journal of {total}");
        full_vs_incremental(&label, big.path(), &target, 3);
        let saves = std::env::var("STRATA_BENCH_EDITS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(200);
        serve_memory(&label, big.path(), &target, saves);
    }
}
