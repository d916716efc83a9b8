//! `strata serve` end to end over HTTP: what it serves, what it refuses, and how it follows
//! edits — each case a failure other previews are known for.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant};

use common::Journal;
use common::server::{Server, free_port};

const PATIENCE: Duration = Duration::from_secs(15);
const ENTRY: &str = "entries/2026/2026-01-20-routine.md";

fn started(journal: &Journal, extra: &[&str]) -> Server {
    Server::start(journal.path(), extra)
}

/// Waits for the next event called `name`, skipping others.
fn next_event(events: &std::sync::mpsc::Receiver<(String, String)>, name: &str) -> String {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match events.recv_timeout(left) {
            Ok((event, data)) if event == name => return data,
            Ok(_) => continue,
            Err(_) => panic!("no {name} event"),
        }
    }
}

#[test]
fn serves_pages_with_their_content_types_and_the_sites_own_404() {
    let journal = Journal::fixture("basic");
    let server = started(&journal, &[]);
    let index = server.get("/");
    assert_eq!(index.status, 200);
    assert!(
        index
            .header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    assert!(index.body.contains("<h1>Test journal</h1>"));
    assert!(
        index
            .body
            .contains(r#"<script src="/__strata/live.js" data-base="/" defer></script></body>"#),
        "{}",
        index.body
    );
    assert_eq!(server.get("/2026/01/routine/").status, 200);
    let folder = server.get("/2026/01/routine");
    assert_eq!(
        (folder.status, folder.header("location")),
        (307, Some("/2026/01/routine/")),
        "a folder without its slash"
    );
    assert!(
        server
            .get("/style.css")
            .header("content-type")
            .unwrap()
            .starts_with("text/css")
    );
    assert!(
        server
            .get("/images/rack.svg")
            .header("content-type")
            .unwrap()
            .starts_with("image/svg+xml")
    );
    assert!(
        server
            .get("/timelines.json")
            .header("content-type")
            .unwrap()
            .starts_with("application/json")
    );
    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<h1>Page not found</h1>"));
    assert!(server.get("/__strata/live.js").body.contains("EventSource"));
    assert_eq!(server.get("/").header("cache-control"), Some("no-store"));
}

#[test]
fn no_request_reaches_a_file_outside_the_site() {
    let journal = Journal::fixture("basic");
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/passwd", journal.path().join("static/passwd")).unwrap();
    journal.write("secret.txt", "top secret");
    let server = started(&journal, &[]);
    for path in [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/..%5c..%5c..%5cetc%5cpasswd",
        "/\\..\\..\\etc\\passwd",
        "//etc/passwd",
        "/passwd",
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/../entries/2026/2026-01-05-first-steps.md",
        "/../journal.yaml",
    ] {
        let response = server.get(path);
        assert!(
            response.status == 404 || response.status == 400,
            "{path}: {}",
            response.status
        );
        assert!(
            !response.body.contains("root:") && !response.body.contains("top secret"),
            "{path} leaked"
        );
    }
}

#[test]
fn listens_on_loopback_only_by_default() {
    let journal = Journal::fixture("basic");
    let server = started(&journal, &[]);
    let line = server.wait_for_log("serving", PATIENCE);
    assert!(
        line.contains(&format!("at http://127.0.0.1:{}/", server.port)),
        "{line}"
    );
}

#[test]
fn a_busy_port_moves_to_the_next_free_one_and_says_so() {
    let journal = Journal::fixture("basic");
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port();
    let server = Server::start_on(journal.path(), port, &[]);
    let line = server.wait_for_log("is busy", PATIENCE);
    assert!(
        line.contains(&format!("port {port} is busy; using")),
        "{line}"
    );
}

#[test]
fn an_edit_is_served_as_soon_as_the_reload_is_announced() {
    let journal = Journal::fixture("basic");
    let server = started(&journal, &[]);
    let events = server.events("/");
    assert!(next_event(&events, "hello").contains("\"error\":null"));
    let text = std::fs::read_to_string(journal.path().join(ENTRY)).unwrap();
    journal.write(
        ENTRY,
        text.replace("Patched servers.", "Patched every server twice."),
    );
    let reload = next_event(&events, "reload");
    assert!(reload.contains("\"/2026/01/routine/\""), "{reload}");
    // The reload is sent only once every file is written: the page is already new.
    let page = server.get("/2026/01/routine/");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Patched every server twice."),
        "the reload came before the page was written"
    );
    assert!(
        server
            .wait_for_log("entries/2026/2026-01-20-routine.md changed", PATIENCE)
            .contains("1 entries read")
    );
}

#[test]
fn a_deleted_entry_is_gone_and_a_new_folder_of_entries_appears() {
    let journal = Journal::fixture("basic");
    let server = started(&journal, &[]);
    let events = server.events("/");
    next_event(&events, "hello");
    std::fs::remove_file(journal.path().join(ENTRY)).unwrap();
    let reload = next_event(&events, "reload");
    assert!(reload.contains("\"/2026/01/routine/\""), "{reload}");
    assert_eq!(server.get("/2026/01/routine/").status, 404);

    std::fs::create_dir_all(journal.path().join("entries/2027/03")).unwrap();
    journal.write(
        "entries/2027/03/2027-03-01-new.md",
        "---\ntitle: A new year\n---\nHello.\n",
    );
    server.wait_for_page("/2027/03/new/", "A new year", PATIENCE);
}

#[test]
fn an_atomic_save_is_noticed_like_vims() {
    let journal = Journal::fixture("basic");
    let server = started(&journal, &[]);
    let path = journal.path().join(ENTRY);
    let text = std::fs::read_to_string(&path).unwrap();
    // vim: write a test file 4913, a backup, the new text beside the old, then rename over it.
    journal.write("entries/2026/4913", "");
    std::fs::remove_file(journal.path().join("entries/2026/4913")).unwrap();
    std::fs::rename(
        &path,
        journal.path().join("entries/2026/2026-01-20-routine.md~"),
    )
    .unwrap();
    let temp = journal
        .path()
        .join("entries/2026/.2026-01-20-routine.md.swp");
    std::fs::write(&temp, text.replace("Patched servers.", "Saved atomically.")).unwrap();
    std::fs::rename(&temp, &path).unwrap();
    server.wait_for_page("/2026/01/routine/", "Saved atomically.", PATIENCE);
}

#[test]
fn editor_leftovers_do_not_rebuild() {
    let journal = Journal::fixture("basic");
    let server = started(&journal, &[]);
    let before = server.rebuilds();
    journal.write("entries/2026/.scratch.md.swp", "x");
    journal.write("entries/2026/notes.md~", "x");
    journal.write("entries/.#lock.md", "x");
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(server.rebuilds(), before, "{}", server.log_text());
}

#[test]
fn a_burst_of_changes_is_one_rebuild() {
    let journal = Journal::fixture("basic");
    let server = started(&journal, &[]);
    let before = server.rebuilds();
    for i in 0..300 {
        journal.write(
            &format!("entries/burst/2026-04-{:02}-burst-{i}.md", i % 28 + 1),
            format!("Burst {i}.\n"),
        );
    }
    server.wait_for_page("/2026/04/burst-299/", "Burst 299.", PATIENCE);
    std::thread::sleep(Duration::from_millis(300));
    let rebuilds = server.rebuilds() - before;
    assert!(
        rebuilds <= 2,
        "{rebuilds} rebuilds for one burst:\n{}",
        server.log_text()
    );
}

#[test]
fn a_broken_entry_shows_its_error_while_the_last_good_page_stays() {
    let journal = Journal::fixture("basic");
    let server = started(&journal, &[]);
    let events = server.events("/");
    next_event(&events, "hello");
    let text = std::fs::read_to_string(journal.path().join(ENTRY)).unwrap();
    journal.write(ENTRY, text.replace("layer: process", "layer: proces"));
    let failed = next_event(&events, "failed");
    assert!(
        failed.contains("entries/2026/2026-01-20-routine.md:6:8: unknown layer"),
        "{failed}"
    );
    let old = server.get("/2026/01/routine/");
    assert_eq!(old.status, 200);
    assert!(old.body.contains("Patched servers."));
    // A page opened now learns of the error when it connects.
    let late = server.events("/");
    assert!(next_event(&late, "hello").contains("unknown layer"));
    server.wait_for_log("still serving the last good site", PATIENCE);

    journal.write(
        ENTRY,
        text.replace("Patched servers.", "Fixed and patched."),
    );
    next_event(&events, "reload");
    assert!(
        server
            .get("/2026/01/routine/")
            .body
            .contains("Fixed and patched.")
    );
    assert!(next_event(&server.events("/"), "hello").contains("\"error\":null"));
}

#[test]
fn a_css_change_announces_only_the_stylesheet() {
    let journal = Journal::fixture("basic");
    let server = started(&journal, &[]);
    let events = server.events("/");
    next_event(&events, "hello");
    journal.write("static/style.css", "body { color: rebeccapurple; }\n");
    let reload = next_event(&events, "reload");
    assert!(reload.ends_with("\"paths\":[\"/style.css\"]}"), "{reload}");
}

#[test]
fn preview_works_under_a_sub_path() {
    let journal = Journal::fixture("basic");
    journal.write(
        "journal.yaml",
        "title: Test journal\nbase_url: \"https://example.org/sub/\"\n",
    );
    let server = started(&journal, &[]);
    let line = server.wait_for_log("serving", PATIENCE);
    assert!(
        line.contains(&format!("http://127.0.0.1:{}/sub/", server.port)),
        "{line}"
    );
    let index = server.get("/sub/");
    assert_eq!(index.status, 200);
    assert!(
        index
            .body
            .contains(r#"<script src="/sub/__strata/live.js" data-base="/sub/" defer></script>"#)
    );
    assert!(index.body.contains(r#"href="/sub/2026/02/second-try/""#));
    assert!(
        server
            .get("/sub/__strata/live.js")
            .body
            .contains("EventSource")
    );
    let events = server.events("/sub/");
    next_event(&events, "hello");
    let text = std::fs::read_to_string(journal.path().join(ENTRY)).unwrap();
    journal.write(ENTRY, text.replace("Patched servers.", "Under a sub-path."));
    assert!(next_event(&events, "reload").contains("\"/sub/2026/01/routine/\""));
    assert!(
        server
            .get("/sub/2026/01/routine/")
            .body
            .contains("Under a sub-path.")
    );
    assert_eq!(
        server.get("/2026/01/routine/").status,
        404,
        "nothing outside the base path"
    );
    assert_eq!(
        server.get("/").status,
        307,
        "the root sends you to the base path"
    );
    let folder = server.get("/sub/2026/01/routine");
    assert_eq!(
        folder.header("location"),
        Some("/sub/2026/01/routine/"),
        "redirects keep the base path"
    );
    let outside = server.get("/elsewhere/");
    assert_eq!(outside.status, 404);
    assert!(outside.body.contains("Page not found"));
}

#[test]
fn drafts_and_private_entries_only_when_asked() {
    let journal = Journal::fixture("basic");
    let plain = started(&journal, &[]);
    assert_eq!(plain.get("/2026/02/draft/").status, 404);
    assert_eq!(plain.get("/2026/02/secret/").status, 404);
    drop(plain);
    let drafts = started(&journal, &["--drafts"]);
    assert_eq!(drafts.get("/2026/02/draft/").status, 200);
    assert_eq!(drafts.get("/2026/02/secret/").status, 404);
    drop(drafts);
    let private = started(&journal, &["--drafts", "--private"]);
    assert!(
        private
            .get("/2026/02/secret/")
            .body
            .contains("Zebrafish private text.")
    );
}

#[test]
fn polling_notices_changes_where_notifications_do_not_arrive() {
    let journal = Journal::fixture("basic");
    let server = started(&journal, &["--poll"]);
    assert!(
        server
            .wait_for_log("serving", PATIENCE)
            .contains("polling for changes")
    );
    // The poller's first look at the files runs in the background; an edit before it would
    // be its starting point rather than a change.
    std::thread::sleep(Duration::from_millis(800));
    let text = std::fs::read_to_string(journal.path().join(ENTRY)).unwrap();
    journal.write(ENTRY, text.replace("Patched servers.", "Seen by polling."));
    server.wait_for_page("/2026/01/routine/", "Seen by polling.", PATIENCE);
    // A second save within the same second (same size, same mtime to the second) is seen too.
    journal.write(ENTRY, text.replace("Patched servers.", "Seen by polling!"));
    server.wait_for_page("/2026/01/routine/", "Seen by polling!", PATIENCE);
}

#[test]
fn the_build_output_never_gets_the_live_reload_script() {
    let journal = Journal::fixture("basic");
    let site = journal.build(&[]);
    assert!(!site.all_text().contains("__strata"));
}

#[test]
fn every_spelling_of_the_journal_path_reloads_on_an_edit() {
    let parent = Journal::empty();
    let copy = parent.path().join("my-journal");
    common::copy_dir(&common::fixture_path("basic"), &copy);
    #[cfg(unix)]
    std::os::unix::fs::symlink(&copy, parent.path().join("link")).unwrap();
    let mut spellings = vec![
        (parent.path().to_path_buf(), Some("my-journal")),
        (parent.path().to_path_buf(), Some("my-journal/")),
        (
            parent.path().to_path_buf(),
            Some("./my-journal/../my-journal"),
        ),
        (copy.clone(), Some(".")),
        (copy.join("entries"), Some("..")),
        // No folder: the journal is found upward from where the command runs.
        (copy.join("entries/2026"), None),
    ];
    if cfg!(unix) {
        spellings.push((parent.path().to_path_buf(), Some("link")));
    }
    for (round, (cwd, dir)) in spellings.into_iter().enumerate() {
        let server = Server::start_in(&cwd, dir.map(std::path::Path::new), free_port(), &[]);
        let entry = copy.join("entries/2026/2026-01-20-routine.md");
        let text = std::fs::read_to_string(&entry).unwrap();
        let marker = format!("Spelling {round} reloads.");
        std::fs::write(&entry, format!("{text}\n{marker}\n")).unwrap();
        server.wait_for_page("/2026/01/routine/", &marker, Duration::from_secs(20));
    }
}

#[cfg(unix)]
#[test]
fn ctrl_c_and_sigterm_stop_the_server_with_pages_open() {
    for signal in ["INT", "TERM"] {
        let journal = Journal::fixture("basic");
        let mut server = started(&journal, &[]);
        // Open event streams, as open tabs hold them.
        let streams: Vec<_> = (0..5).map(|_| server.events("/")).collect();
        for events in &streams {
            next_event(events, "hello");
        }
        let (took, code) = server.stop_with(signal, Duration::from_secs(10));
        assert_eq!(code, Some(0), "SIG{signal}: {}", server.log_text());
        eprintln!(
            "SIG{signal} with 5 open pages: stopped in {} ms",
            took.as_millis()
        );
    }
}

#[test]
fn a_changed_picture_beside_an_entry_is_served_and_announced() {
    let journal = Journal::fixture("basic");
    journal.write(
        "entries/2026/2026-03-01-pic.md",
        "---\ntitle: Pic\n---\n![A picture](pic.svg)\n",
    );
    let server = started(&journal, &[]);
    let events = server.events("/");
    next_event(&events, "hello");
    assert!(
        !server
            .get("/2026/03/pic/")
            .body
            .contains("/2026/03/pic/pic.svg")
    );
    journal.write(
        "entries/2026/pic.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\">one</svg>",
    );
    server.wait_for_page(
        "/2026/03/pic/",
        "src=\"/2026/03/pic/pic.svg\"",
        Duration::from_secs(20),
    );
    server.wait_for_page("/2026/03/pic/pic.svg", ">one<", Duration::from_secs(20));
    journal.write(
        "entries/2026/pic.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\">two, longer</svg>",
    );
    server.wait_for_page(
        "/2026/03/pic/pic.svg",
        "two, longer",
        Duration::from_secs(20),
    );
    // The reload message follows the written file: wait for it rather than race it.
    let mut announced = Vec::new();
    while let Ok((_, data)) = events.recv_timeout(Duration::from_secs(20)) {
        if data.contains("\"/2026/03/pic/pic.svg\"]") {
            return;
        }
        announced.push(data);
    }
    panic!("the picture was never announced: {announced:?}");
}

#[test]
fn a_standing_warning_is_printed_once_not_on_every_save() {
    let journal = Journal::fixture("basic");
    journal.write(
        "entries/2026/2026-03-01-pic.md",
        "---\ntitle: Pic\n---\n![A picture](gone.svg)\n",
    );
    let server = started(&journal, &[]);
    let entry = journal.path().join("entries/2026/2026-01-20-routine.md");
    let text = std::fs::read_to_string(&entry).unwrap();
    for round in 0..2 {
        std::fs::write(&entry, format!("{text}\nSave {round}.\n")).unwrap();
        server.wait_for_page(
            "/2026/01/routine/",
            &format!("Save {round}."),
            Duration::from_secs(20),
        );
    }
    let log = server.log_text();
    assert_eq!(
        log.matches("image `gone.svg` points at nothing").count(),
        1,
        "{log}"
    );
}

#[test]
fn answers_only_to_localhost_and_ip_addresses_so_other_sites_cannot_read_it() {
    let journal = Journal::fixture("basic");
    let server = started(&journal, &["--private"]);
    let port = server.port;
    for host in [
        "localhost".to_string(),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        "192.168.1.20:4000".into(),
        "journal.localhost".into(),
    ] {
        let response = common::server::get_as(port, "/", &host);
        assert_eq!(response.status, 200, "{host}");
    }
    for host in [
        "evil.example",
        "evil.example:4000",
        "localhost.evil.example",
    ] {
        let response = common::server::get_as(port, "/", host);
        assert_eq!(response.status, 403, "{host}");
        assert!(
            !response.body.to_lowercase().contains("zebrafish"),
            "{host}"
        );
    }
}

#[test]
fn binds_to_localhost_by_name_and_warns_when_private_entries_reach_the_network() {
    let journal = Journal::fixture("basic");
    let server = started(&journal, &["--bind", "localhost"]);
    assert_eq!(server.get("/").status, 200);
    drop(server);
    let server = started(&journal, &["--private", "--bind", "0.0.0.0"]);
    assert_eq!(server.get("/").status, 200);
    let warning = "warning: --private with --bind 0.0.0.0: private entries are served to anyone";
    let deadline = Instant::now() + PATIENCE;
    let mut log = String::new();
    while !log.contains(warning) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
        log = server.log.lock().map(|l| l.join("\n")).unwrap_or_default();
    }
    assert!(log.contains(warning), "{log}");
}

#[test]
fn a_preview_on_the_network_shows_pages_how_many_errors_not_which_files() {
    let journal = Journal::fixture("basic");
    let server = started(&journal, &["--bind", "0.0.0.0"]);
    let events = server.events("/");
    next_event(&events, "hello");
    journal.write(
        "entries/2026/2026-03-09-diary.md",
        "---\ntitle: Pangolin diary\ndate: 2026-03-09\nprivate: [yes\n---\n",
    );
    let failed = next_event(&events, "failed");
    assert!(failed.contains("1 error: see the terminal"), "{failed}");
    assert!(
        !failed.contains("diary") && !failed.contains("Pangolin"),
        "{failed}"
    );
}
