//! Preview speed: a full build against an incremental rebuild after one entry changed, and the
//! time from saving an entry to its page being served again after the reload message.
//!
//! Run with `cargo bench --bench preview`; `STRATA_BENCH_ENTRIES=2000` adds a synthetic journal
//! of that many entries (made from the example journal's) to the figures.

#![allow(clippy::unwrap_used, missing_docs)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use strata::build::{BuildOptions, build};
use strata::journal::Visibility;
use strata::serve::changes::{Changes, classify};
use strata::serve::session::Session;

const EDITED: &str = "entries/2026/01/2026-01-21-hiring-cap-session.md";

/// Adds copies of every entry, shifted by whole years, until the journal has `total` entries.
fn grow(root: &Path, total: usize) {
    let originals: Vec<(PathBuf, String)> = strata::journal::load::entry_files(root)
        .into_iter()
        .map(|p| (p.clone(), std::fs::read_to_string(root.join(&p)).unwrap()))
        .collect();
    let mut count = originals.len();
    let mut round = 1;
    while count < total {
        for (path, text) in &originals {
            if count >= total {
                break;
            }
            let shifted = text
                .replace("date: 2025-", &format!("date: {}-", 2025 - 2 * round))
                .replace("date: 2026-", &format!("date: {}-", 2026 - 2 * round));
            let name = path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .replace("2025-", &format!("{}-", 2025 - 2 * round))
                .replace("2026-", &format!("{}-", 2026 - 2 * round));
            let target = root
                .join(format!("entries/copy{round}"))
                .join(format!("{round}-{name}"));
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, shifted).unwrap();
            count += 1;
        }
        round += 1;
    }
}

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

fn edit(root: &Path, round: usize) -> PathBuf {
    let path = root.join(EDITED);
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find("Finance capped hiring").unwrap();
    let end = text[start..].find('.').unwrap() + start;
    let new = format!(
        "{}Finance capped hiring (edit {round}){}",
        &text[..start],
        &text[end..]
    );
    std::fs::write(&path, new).unwrap();
    path
}

fn full_vs_incremental(label: &str, root: &Path) {
    let entries = strata::journal::load::entry_files(root).len();
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: out.path().join("public"),
        base_url: None,
        visibility: Visibility::PUBLISHED,
    };
    build(&options).unwrap();
    let full: Vec<Duration> = (0..15)
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
    let incremental: Vec<Duration> = (0..31)
        .map(|round| {
            let path = edit(root, round);
            let start = Instant::now();
            session.rebuild(&classify(root, [path])).unwrap();
            start.elapsed()
        })
        .collect();
    let command: Vec<Duration> = (0..15)
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
        "{label}: {entries} entries; full build {} in-process, {} as `strata build` (medians of 15); first preview build {}; incremental rebuild after one entry changed {} (median of 31); {:.1}x / {:.1}x faster",
        ms(full),
        ms(command),
        ms(first),
        ms(inc),
        full.as_secs_f64() / inc.as_secs_f64(),
        command.as_secs_f64() / inc.as_secs_f64()
    );
}

fn save_to_reload(root: &Path) {
    let server = common::server::Server::start(root, &[]);
    let events = server.events("/");
    let deadline = Duration::from_secs(10);
    events.recv_timeout(deadline).unwrap();
    let page = "/2026/01/hiring-cap-session/";
    let mut to_event = Vec::new();
    let mut to_page = Vec::new();
    for round in 0..25 {
        std::thread::sleep(Duration::from_millis(150));
        let start = Instant::now();
        edit(root, 1000 + round);
        loop {
            let (name, data) = events.recv_timeout(deadline).unwrap();
            if name == "reload" && data.contains(page) {
                break;
            }
        }
        to_event.push(start.elapsed());
        let response = server.get(page);
        assert!(response.body.contains(&format!("(edit {})", 1000 + round)));
        to_page.push(start.elapsed());
    }
    println!(
        "save to reload: reload message {} median, {} p95; page served again {} median, {} p95 (25 saves; a browser adds its own page load)",
        ms(median(to_event.clone())),
        ms(percentile(to_event, 0.95)),
        ms(median(to_page.clone())),
        ms(percentile(to_page, 0.95))
    );
}

fn main() {
    // `cargo bench` passes `--bench`; a plain `cargo test` run of benches passes nothing we need.
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-journal");
    let work = common::Journal::copy(&example);
    full_vs_incremental("example journal", work.path());
    save_to_reload(work.path());
    if let Some(total) = std::env::var("STRATA_BENCH_ENTRIES")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        let big = common::Journal::copy(&example);
        grow(big.path(), total);
        full_vs_incremental("synthetic journal", big.path());
    }
}
