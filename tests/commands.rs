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
    assert!(site.text("index.html").contains("My first entry"));
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
fn new_writes_an_entry_for_today_and_prints_its_path() {
    let journal = Journal::empty();
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
    assert_eq!(again.code, 1, "never overwrites");
    let site = journal.build(&[]);
    let page = site.text(&format!(
        "{}/ran-the-big-retro/index.html",
        today.format("%Y/%m")
    ));
    assert!(
        page.contains("<h1>Ran the &quot;big&quot; retro</h1>"),
        "{page}"
    );
}
