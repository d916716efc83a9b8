//! `strata build` on fixture journals: the pages, their links, the feed, the sitemap, the base
//! path, privacy, reproducibility and output safety.

mod common;

use common::{Journal, Site};

#[test]
fn builds_every_page_with_its_content() {
    let journal = Journal::fixture("basic");
    let site = journal.build(&[]);

    let index = site.text("index.html");
    assert!(index.contains("<h1>Test journal</h1>"), "{index}");
    assert!(
        index.contains("3 entries, from 5 January 2026 to 10 February 2026."),
        "{index}"
    );
    assert!(
        index.contains(r#"<a href="/2026/02/second-try/">Second try at the shared window</a>"#)
    );
    assert!(
        index.find("Second try").unwrap() < index.find("First steps").unwrap(),
        "newest first"
    );

    let entry = site.text("2026/01/first-steps/index.html");
    assert!(entry.contains("<h1>First steps in negotiation</h1>"));
    assert!(entry.contains(r#"<h2 id="what-i-learnt">What I learnt</h2>"#));
    assert!(
        entry.contains(r#"<a href="/2026/02/second-try/#result">the follow-up</a>"#),
        "{entry}"
    );
    assert!(entry.contains(r#"<a rel="next" href="/2026/01/routine/">"#));
    assert!(entry.contains("<span class=\"work work-growth\">growth work</span>"));
    assert!(
        entry.contains(
            r#"<span class="layer layer-cooperation"><a href="/layers/cooperation/">cooperation</a></span>"#
        )
    );
    assert!(
        entry.contains(
            r#"<a href="/capabilities/cross-team-negotiation/">cross-team negotiation</a> <span class="stage stage-attempted">attempted</span>"#
        ),
        "{entry}"
    );
    assert!(entry.contains("2 hours"));

    let second = site.text("2026/02/second-try/index.html");
    assert!(second.contains("<h2 id=\"backlinks-heading\">Linked from</h2>"));
    // The backlink says when, and quotes the sentence the link stands in.
    assert!(
        second.contains(r#"<li><a href="/2026/01/first-steps/">First steps in negotiation</a>, <time datetime="2026-01-05">5 January 2026</time>: <q>See the follow-up.</q></li>"#),
        "{second}"
    );
    assert!(second.contains(r#"<meta name="description" content="The second attempt worked.">"#));

    let routine = site.text("2026/01/routine/index.html");
    assert!(
        routine.contains(r#"<img src="/images/rack.svg" alt="Rack diagram" />"#),
        "{routine}"
    );
    assert!(site.files.contains_key("images/rack.svg") && site.files.contains_key("style.css"));

    let tags = site.text("tags/index.html");
    assert!(
        tags.contains(r#"<a href="/tags/budget/">budget</a> <span class="count">(2)</span>"#),
        "{tags}"
    );
    let leadership = site.text("tags/leadership/index.html");
    assert!(
        leadership.contains("2 entries.")
            && leadership.contains("First steps")
            && leadership.contains("Second try")
    );

    let archive = site.text("archive/index.html");
    assert!(
        archive.contains(r#"<h3 id="2026-02">February 2026</h3>"#),
        "{archive}"
    );
    assert!(site.text("404.html").contains("<h1>Page not found</h1>"));
}

#[test]
fn writes_a_valid_atom_feed_and_sitemap() {
    let site = Journal::fixture("basic").build(&[]);
    let feed = site.text("feed.xml");
    assert_eq!(feed.matches("<entry>").count(), 3);
    assert!(feed.contains("<id>https://example.org/2026/02/second-try/</id>"));
    assert!(
        feed.contains("<updated>2026-02-10T09:30:00+01:00</updated>"),
        "{feed}"
    );
    assert!(feed.contains("<author><name>Ada Tester</name></author>"));
    assert!(
        feed.contains("&lt;strong&gt;release window&lt;/strong&gt;"),
        "content is escaped HTML"
    );
    let sitemap = site.text("sitemap.xml");
    assert!(
        sitemap.contains(
            "<loc>https://example.org/2026/01/routine/</loc>\n    <lastmod>2026-01-20</lastmod>"
        ),
        "{sitemap}"
    );
    assert!(sitemap.contains("<loc>https://example.org/tags/</loc>"));
    assert!(!sitemap.contains("404"));
}

#[test]
fn every_internal_link_resolves() {
    let site = Journal::fixture("basic").build(&[]);
    assert_eq!(site.broken_links("/"), Vec::<(String, String)>::new());
}

#[test]
fn every_link_carries_a_sub_path_base() {
    let journal = Journal::fixture("basic");
    let site = journal.build(&["--base-url", "https://example.org/sub/"]);
    let rooted: Vec<_> = site
        .links()
        .into_iter()
        .filter(|(_, l)| l.starts_with('/'))
        .collect();
    assert!(rooted.len() > 50);
    let outside: Vec<_> = rooted
        .iter()
        .filter(|(_, l)| !l.starts_with("/sub/"))
        .collect();
    assert!(outside.is_empty(), "links outside /sub/: {outside:?}");
    assert_eq!(site.broken_links("/sub/"), Vec::<(String, String)>::new());
    assert!(
        site.text("feed.xml")
            .contains("<id>https://example.org/sub/2026/01/routine/</id>")
    );
}

#[test]
fn private_and_draft_entries_appear_nowhere() {
    let journal = Journal::fixture("basic");
    let published = journal.build(&[]).all_text().to_lowercase();
    for word in ["zebrafish", "okapi", "secret", "draft/"] {
        assert!(
            !published.contains(word),
            "{word} leaked into a published build"
        );
    }
    let staging = journal.build(&["--drafts"]).all_text().to_lowercase();
    assert!(staging.contains("okapi draft text"));
    assert!(
        !staging.contains("zebrafish"),
        "private entries never appear, not even with --drafts"
    );
}

#[test]
fn privacy_keys_fail_closed_and_other_generators_hiding_keys_hide() {
    let journal = Journal::fixture("basic");
    journal.write(
        "entries/2026/2026-03-01-jekyll.md",
        "---\ntitle: Capybara unpublished\npublished: false\n---\nCapybara text.\n",
    );
    journal.write(
        "entries/2026/2026-03-02-obsidian.md",
        "---\ntitle: Quokka unpublished\npublish: false\n---\nQuokka text.\n",
    );
    let published = journal.build(&[]).all_text().to_lowercase();
    for word in ["capybara", "quokka"] {
        assert!(
            !published.contains(word),
            "{word} leaked into a published build"
        );
    }
    let staging = journal.build(&["--drafts"]).all_text().to_lowercase();
    assert!(staging.contains("capybara text") && staging.contains("quokka text"));
    journal.write(
        "entries/2026/2026-03-03-typo.md",
        "---\ntitle: Narwhal meant private\nPrivate: true\n---\nNarwhal text.\n",
    );
    let run = journal.run(&["build", "-o", "second"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error: entries/2026/2026-03-03-typo.md:3:1: `Private` is not a key strata reads; write `private` (lower case)"
        ),
        "{}",
        run.stderr
    );
    assert!(!journal.path().join("second").exists());
}

#[test]
fn control_characters_xml_cannot_hold_are_dropped_from_the_feed_and_sitemap() {
    let journal = Journal::empty();
    journal.write("journal.yaml", "title: X\nbase_url: https://example.org/\n");
    journal.write(
        "entries/a.md",
        "---\ndate: 2026-01-02\n---\n# Bell\u{7} title\u{1b}\n\nForm\u{c} feed, tab\u{b} and \u{fffe}.\n",
    );
    journal.write(
        "entries/b.md",
        "---\ntitle: \"Quoted \\a bell\"\ndate: 2026-01-03\ntags: [\"t\\x1b\"]\n---\nHi.\n",
    );
    let site = journal.build(&[]);
    for file in ["feed.xml", "sitemap.xml"] {
        let text = site.text(file);
        let bad: Vec<char> = text
            .chars()
            .filter(|&c| (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{fffe}')
            .collect();
        assert!(bad.is_empty(), "{file} holds {bad:?}");
    }
    let feed = site.text("feed.xml");
    assert!(feed.contains("<title>Bell title</title>"), "{feed}");
    assert!(feed.contains("<title>Quoted  bell</title>"), "{feed}");
}

#[test]
fn two_builds_are_byte_identical() {
    let journal = Journal::fixture("basic");
    let first = journal.build(&[]).files;
    let second = journal.build(&[]).files;
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    assert!(first == second, "the second build differs");
}

#[test]
fn builds_journals_written_for_jekyll_hugo_and_astro() {
    let journal = Journal::fixture("imported");
    let site = journal.build(&[]);
    let jekyll = site.text("2024/01/jekyll-post/index.html");
    assert!(jekyll.contains("<h1>Welcome to Jekyll!</h1>"));
    assert!(
        site.text("2024/02/hugo-post/index.html")
            .contains("<span class=\"work work-growth\">growth work</span>")
    );
    let astro = site.text("2022/07/astro-post/index.html");
    assert!(
        astro.contains(r#"<meta name="description" content="Lorem ipsum dolor sit amet">"#),
        "{astro}"
    );
}

#[test]
fn reads_crlf_files_with_a_byte_order_mark() {
    let journal = Journal::empty();
    journal.write("entries/a.md", "\u{feff}---\r\ntitle: Windows entry\r\ndate: 2026-05-01\r\n---\r\n\r\nLine one.\r\nLine two.\r\n");
    let site = journal.build(&[]);
    let page = site.text("2026/05/a/index.html");
    assert!(
        page.contains("<h1>Windows entry</h1>") && page.contains("<p>Line one.\nLine two.</p>"),
        "{page}"
    );
}

#[test]
fn a_journal_with_an_empty_entries_folder_builds() {
    let journal = Journal::empty();
    std::fs::create_dir(journal.path().join("entries")).unwrap();
    let site = journal.build(&[]);
    assert!(site.text("index.html").contains("No entries yet."));
}

#[test]
fn a_folder_that_is_not_a_journal_is_refused_and_nothing_is_created() {
    let folder = Journal::empty();
    for command in ["build", "check", "serve", "review"] {
        let run = folder.run(&[command, "nope"]);
        assert_eq!(run.code, 2, "{command}: {}", run.stderr);
        assert!(run.stderr.contains("nope does not exist"), "{}", run.stderr);
        assert!(run.stderr.contains("strata init nope"), "{}", run.stderr);
        let run = folder.run(&[command, "."]);
        assert_eq!(run.code, 2, "{command}: {}", run.stderr);
        assert!(
            run.stderr
                .contains(". is not a journal: it has no journal.yaml and no entries/ folder"),
            "{}",
            run.stderr
        );
    }
    let run = folder.run(&["new", "A title", "--dir", "nope"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 0);
}

#[test]
fn a_command_run_in_a_subfolder_finds_the_journal_above() {
    let journal = Journal::fixture("basic");
    let inside = journal.path().join("entries/2026");
    let run = common::run_in(&inside, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(journal.path().join("public/index.html").is_file());
    assert!(!inside.join("public").exists());
    let run = common::run_in(&inside, &["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn journal_templates_override_the_theme() {
    let journal = Journal::fixture("basic");
    journal.write("templates/404.html", "{% extends \"base.html\" %}{% block content %}<h1>Lost, {{ site.author }}?</h1>{% endblock content %}");
    journal.write("static/style.css", "body { color: red; }");
    let site = journal.build(&[]);
    assert!(site.text("404.html").contains("<h1>Lost, Ada Tester?</h1>"));
    assert_eq!(site.text("style.css"), "body { color: red; }");
}

#[test]
fn refuses_a_folder_it_did_not_write() {
    let journal = Journal::fixture("basic");
    journal.write("public/notes.txt", "my notes");
    let run = journal.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("is not empty and was not written by strata"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(journal.path().join("public/notes.txt")).unwrap(),
        "my notes"
    );
}

#[test]
fn refuses_to_write_over_the_journal() {
    let journal = Journal::fixture("basic");
    for output in [".", "entries", "entries/site", ".."] {
        let run = journal.run(&["build", "-o", output]);
        assert_eq!(run.code, 1, "{output}");
        assert!(
            run.stderr.contains("holds, the journal's own files"),
            "{output}: {}",
            run.stderr
        );
    }
    assert!(
        journal
            .path()
            .join("entries/2026/2026-01-05-first-steps.md")
            .is_file()
    );
}

#[test]
fn two_builds_at_once_into_one_folder_both_succeed_and_leave_a_whole_site() {
    let journal = Journal::fixture("basic");
    let expected = journal.build(&[]).files;
    std::fs::remove_dir_all(journal.path().join("public")).unwrap();
    let start = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_strata"))
            .args(["build", "-q"])
            .current_dir(journal.path())
            .spawn()
            .unwrap()
    };
    let (mut first, mut second) = (start(), start());
    assert!(first.wait().unwrap().success());
    assert!(second.wait().unwrap().success());
    let got = common::Site::read(&journal.path().join("public")).files;
    assert!(got == expected, "the site differs from a single build's");
    let siblings: Vec<_> = std::fs::read_dir(journal.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("strata-"))
        .collect();
    assert!(siblings.is_empty(), "{siblings:?}");
}

#[test]
fn replaces_only_its_own_previous_output() {
    let journal = Journal::fixture("basic");
    journal.build(&[]);
    std::fs::remove_file(journal.path().join("entries/2026/2026-01-20-routine.md")).unwrap();
    let site = journal.build(&[]);
    assert!(
        !site.files.contains_key("2026/01/routine/index.html"),
        "stale pages are removed"
    );
    let siblings: Vec<_> = std::fs::read_dir(journal.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        !siblings
            .iter()
            .any(|n| n.to_string_lossy().contains("strata-")),
        "{siblings:?}"
    );
}

#[test]
fn builds_the_example_journal_without_broken_links() {
    let journal =
        Journal::copy(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-journal"));
    let run = journal.run(&["build", "--base-url", "https://example.org/sub/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site = Site::read(&journal.path().join("public"));
    let entries = site
        .files
        .keys()
        .filter(|k| {
            k.matches('/').count() == 3 && k.ends_with("/index.html") && k.starts_with("20")
        })
        .count();
    assert!(entries >= 40, "only {entries} entry pages");
    assert_eq!(site.broken_links("/sub/"), Vec::<(String, String)>::new());
    assert!(
        !site.all_text().contains("Salary negotiation"),
        "the private entry leaked"
    );
}

#[test]
fn private_and_draft_entries_change_nothing_in_a_published_build() {
    for fixture in ["basic", "quarters"] {
        let journal = Journal::fixture(fixture);
        let with_them = journal.build(&[]).files;
        let mut removed = 0;
        for entry in walkdir::WalkDir::new(journal.path().join("entries")) {
            let entry = entry.unwrap();
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            if text.contains("private: true") || text.contains("draft: true") {
                std::fs::remove_file(entry.path()).unwrap();
                removed += 1;
            }
        }
        assert_eq!(removed, 2, "{fixture}");
        let without_them = journal.build(&[]).files;
        assert!(
            with_them == without_them,
            "{fixture}: private or draft entries changed the site"
        );
    }
}

#[test]
fn pages_make_no_external_requests() {
    let journal =
        Journal::copy(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-journal"));
    let site = journal.build(&[]);
    for (page, text) in site.files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let text = String::from_utf8_lossy(text);
        for external in [
            "src=\"http",
            "src=\"//",
            "<link rel=\"stylesheet\" href=\"http",
            "@import",
            "url(http",
        ] {
            assert!(
                !text.contains(external),
                "{page} loads something from elsewhere: {external}"
            );
        }
        // The search page is the one page with a script, its own (from the site), and it
        // says without one where else to look.
        if page == "search/index.html" {
            assert_eq!(text.matches("<script").count(), 1);
            assert!(text.contains(r#"<script src="/search.js""#));
            assert!(text.contains("<noscript>") && text.contains(r#"<a href="/archive/">"#));
            continue;
        }
        assert!(
            !text.contains("<script"),
            "{page} has a script: pages must work without JavaScript"
        );
    }
    assert!(!site.text("style.css").contains("url(http"));
}

#[test]
fn files_beside_an_entry_are_published_next_to_its_page_and_only_for_shown_entries() {
    let journal = Journal::fixture("basic");
    journal.write(
        "journal.yaml",
        "title: T\nbase_url: https://example.org/sub/\npermalink: \"/notes/{year}/{slug}/\"\n",
    );
    journal.write("entries/2026/03/deep/whiteboard.png", b"\x89PNG board");
    journal.write(
        "entries/2026/03/deep/private-map.png",
        b"\x89PNG secret map",
    );
    journal.write(
        "entries/2026/03/deep/2026-03-02-board.md",
        "---\ntitle: Board\n---\n![The board](whiteboard.png) and ![gone](missing.png)\n",
    );
    journal.write(
        "entries/2026/03/deep/2026-03-03-hidden.md",
        "---\ntitle: Hidden\nprivate: true\n---\n![Map](private-map.png)\n",
    );
    let run = journal.run(&["build", "--verbose"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "entries/2026/03/deep/2026-03-02-board.md:4:34: image `missing.png` points at nothing"
        ),
        "{}",
        run.stderr
    );
    let site = Site::read(&journal.path().join("public"));
    assert_eq!(
        site.files["notes/2026/board/whiteboard.png"],
        b"\x89PNG board"
    );
    let page = site.text("notes/2026/board/index.html");
    assert!(
        page.contains(r#"<img src="/sub/notes/2026/board/whiteboard.png" alt="The board" />"#),
        "{page}"
    );
    assert!(
        !site.files.keys().any(|f| f.contains("private-map")),
        "a private entry's image is never published"
    );
    assert!(
        site.broken_links("/sub/")
            .iter()
            .all(|(_, l)| l.contains("missing.png"))
    );
}

#[test]
fn the_streamed_build_writes_exactly_the_files_a_preview_renders() {
    let journal =
        Journal::copy(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-journal"));
    journal.write(
        "entries/2026/01/board.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    journal.write(
        "entries/2026/01/2026-01-30-board.md",
        "---\ntitle: Board\nwork: depth\n---\n![Board](board.svg)\n",
    );
    let site = journal.build(&["--base-url", "https://example.org/j/"]);
    let mut built = site.files.clone();
    built.remove(".strata-output");
    let expected = common::clean_build(journal.path(), "https://example.org/j/").unwrap();
    assert_eq!(
        built.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    assert!(built == expected, "file contents differ");
    assert!(built.contains_key("2026/01/board/board.svg"));
}

#[test]
fn language_de_gives_german_headings_dates_and_verdicts() {
    let journal = Journal::fixture("quarters");
    let config = std::fs::read_to_string(journal.path().join("journal.yaml")).unwrap();
    journal.write("journal.yaml", format!("{config}language: de\n"));
    let site = journal.build(&[]);
    let dashboard = site.text("index.html");
    assert!(dashboard.contains(r#"<html lang="de">"#));
    assert!(dashboard.contains(">Fortschritt</a>"), "{dashboard}");
    assert!(dashboard.contains("Dieses Quartal: Q4 2026"));
    assert!(dashboard.contains("Neueste Einträge"));
    let progress = site.text("progress/index.html");
    assert!(progress.contains("<h1>Fortschritt</h1>"));
    assert!(
        progress.contains("Dehnung: 25 % Wachstumsarbeit, über dem Band von 20 %"),
        "{progress}"
    );
    assert!(
        progress
            .contains("zu wenig für ein Urteil (1 Eintrag mit Arbeitsart; ein Urteil braucht 4)")
    );
    assert!(
        progress.contains("Keine Einträge von Mai 2026 bis Juni 2026"),
        "{progress}"
    );
    let archive = site.text("archive/index.html");
    assert!(
        archive.contains("<h3 id=\"2026-03\">März 2026</h3>"),
        "{archive}"
    );
    assert!(archive.contains(">31. März 2026</time>"), "{archive}");
    let review = site.text("reviews/2026-q1/index.html");
    assert!(
        review.contains("<h1>Rückblick auf Q1 2026</h1>"),
        "{review}"
    );
}

#[test]
fn a_language_without_strings_warns_and_a_journal_strings_file_adds_one() {
    let journal = Journal::fixture("basic");
    let config = std::fs::read_to_string(journal.path().join("journal.yaml")).unwrap();
    journal.write("journal.yaml", format!("{config}language: fr\n"));
    let run = journal.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("there are no strings for `language: fr`, so the pages are in English"),
        "{}",
        run.stderr
    );
    let english = common::Site::read(&journal.path().join("public"));
    assert!(english.text("index.html").contains("Latest entries"));
    // One file adds the language; what it leaves out stays English.
    journal.write(
        "i18n/fr.yaml",
        "index_latest: Dernières entrées\nmonth_1: janvier\n",
    );
    let run = journal.run(&["build"]);
    assert!(!run.stderr.contains("no strings"), "{}", run.stderr);
    let french = common::Site::read(&journal.path().join("public"));
    let home = french.text("index.html");
    assert!(home.contains("Dernières entrées"), "{home}");
    assert!(home.contains("janvier 2026"), "{home}");
    assert!(home.contains("All entries in the archive"));
    // A broken strings file is an error at its line.
    journal.write("i18n/fr.yaml", "index_latest: [unclosed\n");
    let run = journal.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("i18n/fr.yaml:"), "{}", run.stderr);
}

#[test]
fn the_example_dashboard_weighs_under_100_kb_with_its_stylesheet() {
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-journal");
    let site = Journal::copy(&example).build(&[]);
    let weight = site.files["index.html"].len() + site.files["style.css"].len();
    assert!(weight < 100 * 1024, "the dashboard weighs {weight} bytes");
    // And nothing on it is fetched from another host (the SVG namespace is a name, not a fetch).
    let home = site
        .text("index.html")
        .replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    for attribute in ["src=\"http", "href=\"http", "url(http"] {
        assert!(!home.contains(attribute), "{attribute} on the dashboard");
    }
}

/// Every text file of `root` written again with Windows line ends and a byte-order mark, as
/// an editor on Windows saves them.
fn to_windows_text(root: &std::path::Path) {
    for entry in walkdir::WalkDir::new(root) {
        let path = entry.expect("the journal copy can be read").into_path();
        let text_file = path.extension().is_some_and(|e| e == "md" || e == "yaml");
        if text_file {
            let text = std::fs::read_to_string(&path).expect("a text file of the copy");
            let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
            std::fs::write(&path, windows).expect("the copy can be written");
        }
    }
}

#[test]
fn windows_line_ends_and_a_byte_order_mark_give_the_same_site() {
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-journal");
    let example = example.to_str().unwrap();
    for fixture in ["basic", "quarters", "goals", example] {
        let copy = || match fixture {
            "basic" | "quarters" | "goals" => Journal::fixture(fixture),
            path => Journal::copy(std::path::Path::new(path)),
        };
        let unix = copy().build(&[]);
        let windows = copy();
        to_windows_text(windows.path());
        let built = windows.build(&[]);
        assert_eq!(
            built.files.keys().collect::<Vec<_>>(),
            unix.files.keys().collect::<Vec<_>>(),
            "{fixture}"
        );
        for (path, bytes) in &unix.files {
            assert!(built.files[path] == *bytes, "{fixture}: {path} differs");
        }
    }
}
