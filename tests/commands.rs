//! `strata init` and `strata new`: they create files, never overwrite one, and what they
//! create builds.

mod common;

use common::Journal;

#[test]
fn init_creates_a_journal_that_builds() {
    let journal = Journal::empty();
    let run = journal.run(&["init", "mine"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let root = journal.path().join("mine");
    let config = std::fs::read_to_string(root.join("journal.yaml")).unwrap();
    assert!(config.contains("growth_target: [0.15, 0.20]"));
    let run = common::run_in(&root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site = common::Site::read(&root.join("public"));
    assert!(site.text("index.html").contains("Started a work journal"));
    let starting = std::fs::read_to_string(root.join("templates/entry.md")).unwrap();
    assert!(
        starting.contains("What did I attempt that I can't do yet?"),
        "{starting}"
    );
    assert!(starting.contains("Which layer did this move: resources, process or cooperation?"));
    let first = std::fs::read_dir(root.join("entries"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let first = std::fs::read_dir(first)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(first).unwrap();
    for field in [
        "title:",
        "date:",
        "work:",
        "layer:",
        "tags:",
        "capabilities:",
        "stage:",
        "hours:",
        "summary:",
        "private:",
        "draft:",
    ] {
        assert!(
            text.contains(&format!("\n{field}"))
                || text.contains(&format!("  - name: keeping a work journal\n    {field}")),
            "{field} missing from the first entry:\n{text}"
        );
    }
}

#[test]
fn init_never_overwrites_a_journal() {
    let journal = Journal::empty();
    journal.write("journal.yaml", "title: Mine\n");
    let run = journal.run(&["init"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        std::fs::read_to_string(journal.path().join("journal.yaml")).unwrap(),
        "title: Mine\n"
    );
}

#[test]
fn new_refuses_a_date_no_entry_may_have_and_writes_nothing() {
    let journal = Journal::empty();
    journal.write("journal.yaml", "title: Mine\n");
    let run = journal.run(&["new", "Old", "--date", "0206-03-14"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("0206-03-14 is outside the years 1900 to 2200 an entry may be dated in"),
        "{}",
        run.stderr
    );
    assert!(!journal.path().join("entries").exists());
}

#[test]
fn new_leaves_control_characters_out_so_the_entry_builds() {
    let journal = Journal::empty();
    journal.write("journal.yaml", "title: Mine\n");
    let run = journal.run(&["new", "Bad\u{7f} key\u{1b}s", "--date", "2026-02-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(journal.path().join("entries/2026/2026-02-01-bad-keys.md"))
        .unwrap();
    assert!(text.starts_with("---\ntitle: \"Bad keys\"\n"), "{text}");
    let site = journal.build(&[]);
    assert!(
        site.text("2026/02/bad-keys/index.html")
            .contains("Bad keys")
    );
}

#[test]
fn new_writes_an_entry_for_today_and_prints_its_path() {
    let journal = Journal::empty();
    journal.write("journal.yaml", "title: Mine\n");
    let run = journal.run(&[
        "new",
        "Ran the \"big\" retro",
        "--growth",
        "--layer",
        "Process",
        "--tag",
        "retro",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let today = chrono::Local::now().date_naive();
    let expected = format!(
        "entries/{}/{}-ran-the-big-retro.md",
        today.format("%Y"),
        today.format("%Y-%m-%d")
    );
    assert!(run.stdout.trim().ends_with(&expected), "{}", run.stdout);
    let text = std::fs::read_to_string(journal.path().join(&expected)).unwrap();
    assert!(
        text.starts_with("---\ntitle: \"Ran the \\\"big\\\" retro\"\n"),
        "{text}"
    );
    assert!(
        text.contains("work: growth\nlayer: [\"Process\"]\ntags: [\"retro\"]\n"),
        "{text}"
    );

    let again = journal.run(&["new", "Ran the \"big\" retro"]);
    assert_eq!(
        again.code, 0,
        "a second entry of that title and day: {}",
        again.stderr
    );
    assert!(
        again.stdout.trim().ends_with("-ran-the-big-retro-2.md"),
        "{}",
        again.stdout
    );
    assert_eq!(
        std::fs::read_to_string(journal.path().join(&expected)).unwrap(),
        text,
        "never overwrites"
    );
    let site = journal.build(&[]);
    let page = site.text(&format!(
        "{}/ran-the-big-retro/index.html",
        today.format("%Y/%m")
    ));
    assert!(
        page.contains("<h1>Ran the &quot;big&quot; retro</h1>"),
        "{page}"
    );
    assert!(site.files.contains_key(&format!(
        "{}/ran-the-big-retro-2/index.html",
        today.format("%Y/%m")
    )));
}

#[test]
fn new_takes_every_field_a_writer_sets_and_the_journals_starting_text() {
    let journal = Journal::empty();
    journal.write("entries/.keep", "");
    journal.write(
        "templates/entry.md",
        "What did I attempt? {{ not a template }}\n",
    );
    let run = journal.run(&[
        "new",
        "Led the offsite",
        "-C",
        ".",
        "--depth",
        "--capability",
        "Facilitation=demonstrated",
        "--capability",
        "systems thinking",
        "--hours",
        "2.5",
        "--date",
        "2025-06-30",
        "--private",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = journal
        .path()
        .join("entries/2025/2025-06-30-led-the-offsite.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text,
        "---\ntitle: \"Led the offsite\"\ndate: 2025-06-30\nwork: depth\ncapabilities:\n  - name: \"Facilitation\"\n    stage: demonstrated\n  - \"systems thinking\"\nhours: 2.5\nprivate: true\n---\n\nWhat did I attempt? {{ not a template }}\n"
    );
    // The starting text is not a page template, and the private entry stays out of the site.
    let site = journal.build(&[]);
    assert!(!site.all_text().contains("Led the offsite"));
    let bad = journal.run(&["new", "X", "--capability", "y=mastered"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("unknown stage \"mastered\""),
        "{}",
        bad.stderr
    );
}

#[test]
fn new_edit_opens_the_editor_on_the_new_file() {
    let journal = Journal::empty();
    journal.write("entries/.keep", "");
    let script = journal.path().join("editor.sh");
    std::fs::write(&script, "#!/bin/sh\necho \"edited\" >> \"$1\"\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_strata"))
            .args(["new", "Edited", "--date", "2026-01-02", "--edit"])
            .current_dir(journal.path())
            .env_remove("VISUAL")
            .env("EDITOR", &script)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let text =
            std::fs::read_to_string(journal.path().join("entries/2026/2026-01-02-edited.md"))
                .unwrap();
        assert!(text.ends_with("edited\n"), "{text}");
    }
}

#[test]
fn new_review_writes_a_review_entry_from_the_timelines() {
    let journal = Journal::fixture("basic");
    let run = journal.run(&["new", "--review", "2026-Q1", "--date", "2026-04-02"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(
        journal
            .path()
            .join("entries/2026/2026-04-02-review-2026-q1.md"),
    )
    .unwrap();
    assert!(
        text.starts_with(
            "---\ntitle: \"Review of Q1 2026\"\ndate: 2026-04-02\ntags: [review]\n---\n"
        ),
        "{text}"
    );
    assert!(text.contains("**Growth share:**"), "{text}");
    assert!(text.contains("## Layer mix"), "{text}");
    assert!(
        text.trim_end().ends_with(
            "<!-- Answer in your own words: name the capability and the entry that shows it. -->"
        ),
        "{text}"
    );
    assert!(
        text.contains("## What can I do now that I couldn't three months ago?"),
        "{text}"
    );
    assert_eq!(journal.run(&["new", "--review", "2026-03"]).code, 2);
    journal.build(&[]);
}

#[test]
fn an_unknown_theme_fails_with_the_themes_there_are_and_a_known_one_changes_the_look() {
    let journal = Journal::fixture("basic");
    let config = std::fs::read_to_string(journal.path().join("journal.yaml")).unwrap();
    journal.write("journal.yaml", format!("{config}theme: nope\n"));
    let run = journal.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("there is no theme `nope`: the built-in themes are default, paper"),
        "{}",
        run.stderr
    );
    let line = config.lines().count() + 1;
    assert!(
        run.stderr.contains(&format!("journal.yaml:{line}:8")),
        "{}",
        run.stderr
    );
    journal.write("journal.yaml", &config);
    let plain = journal.build(&[]);
    journal.write("journal.yaml", format!("{config}theme: paper\n"));
    let paper = journal.build(&[]);
    assert!(!plain.text("index.html").contains("The paper theme"));
    assert!(paper.text("index.html").contains("--bg: #f6f1e7"));
    // The stylesheet is the same; the pages name it with the same version.
    assert_eq!(plain.text("style.css"), paper.text("style.css"));
}

#[test]
fn theme_eject_copies_the_theme_into_the_journal_and_keeps_its_files() {
    let journal = Journal::fixture("basic");
    journal.write(
        "templates/entry.html",
        "{% extends \"base.html\" %}{% block content %}mine{% endblock content %}",
    );
    let run = journal.run(&["theme", "eject", "paper"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("kept templates/entry.html: it was there already"),
        "{}",
        run.stderr
    );
    assert!(
        journal
            .path()
            .join("templates/partials/palette.html")
            .is_file()
    );
    assert!(journal.path().join("static/style.css").is_file());
    // The copy builds as the theme did, with the journal's own entry page kept.
    let site = journal.build(&[]);
    assert!(site.text("index.html").contains("--bg: #f6f1e7"));
    assert!(site.text("2026/01/routine/index.html").contains("mine"));
    let run = journal.run(&["theme", "eject", "nope"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("the built-in themes are default, paper")
    );
    let run = journal.run(&["theme", "list"]);
    assert_eq!(run.stdout, "default\npaper\n");
}

#[test]
fn bash_completions_source_cleanly_and_complete_subcommands() {
    let journal = Journal::empty();
    let run = journal.run(&["completions", "bash"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    journal.write("strata.bash", &run.stdout);
    let script = "set -e; source ./strata.bash; \
        COMP_WORDS=(strata ch); COMP_CWORD=1; _strata strata ch strata; echo \"${COMPREPLY[*]}\"; \
        COMP_WORDS=(strata import j); COMP_CWORD=2; _strata strata j import; echo \"${COMPREPLY[*]}\"";
    let output = std::process::Command::new("bash")
        .args(["-c", script])
        .current_dir(journal.path())
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.first(), Some(&"check"), "{stdout}");
    assert!(
        lines
            .get(1)
            .is_some_and(|l| l.split(' ').any(|w| w == "jekyll") && l.contains("jrnl")),
        "{stdout}"
    );
}

#[test]
fn the_manual_page_names_every_command() {
    let run = Journal::empty().run(&["man"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(".TH strata 1"), "{}", run.stdout);
    for command in [
        "build", "check", "import", "init", "new", "review", "serve", "theme",
    ] {
        assert!(run.stdout.contains(command), "{command}");
    }
}

#[test]
fn every_command_helps_with_an_example() {
    let journal = Journal::empty();
    for command in [
        "build", "check", "import", "init", "new", "review", "serve", "theme",
    ] {
        let run = journal.run(&[command, "--help"]);
        assert_eq!(run.code, 0, "{command}: {}", run.stderr);
        let examples = run.stdout.split("Examples:\n").nth(1).unwrap_or_default();
        assert!(
            examples.contains(&format!("strata {command}")),
            "{command}: {}",
            run.stdout
        );
    }
}

#[test]
fn init_ci_github_writes_a_pages_workflow_that_installs_this_version_and_never_overwrites() {
    let journal = Journal::empty();
    // A strata not built by a release does not know where its releases are.
    let run = journal.run(&["init", "--ci", "github"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("--release-repository OWNER/REPO"),
        "{}",
        run.stderr
    );
    assert!(!journal.path().join(".github").exists());
    let init_ci = [
        "init",
        "--ci",
        "github",
        "--release-repository",
        "someone/strata",
    ];
    let run = journal.run(&init_ci);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let workflow = journal.read(".github/workflows/pages.yml");
    assert!(workflow.contains(&format!(
        "STRATA_VERSION: \"v{}\"",
        env!("CARGO_PKG_VERSION")
    )));
    assert!(
        workflow
            .contains("STRATA_RELEASES: \"https://github.com/someone/strata/releases/download\"")
    );
    assert!(workflow.contains("sha256sum --check --ignore-missing SHA256SUMS"));
    assert!(
        journal.path().join("journal.yaml").exists(),
        "a new journal too"
    );
    // In a journal that exists: the workflow alone, and never over one that is there.
    journal.write(".github/workflows/pages.yml", "mine\n");
    let run = journal.run(&init_ci);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(journal.read(".github/workflows/pages.yml"), "mine\n");
    let run = journal.run(&[
        "init",
        "--ci",
        "github",
        "--release-repository",
        "not a repo",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}
