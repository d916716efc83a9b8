//! `strata check` says what makes the progress views empty or wrong, once and with a count;
//! `--strict` makes that fail, and `--format json` gives it to editors and CI.

mod common;

use common::Journal;

/// A folder of blog posts written for Jekyll and Hugo, with no strata fields at all.
fn imported() -> Journal {
    let journal = Journal::empty();
    journal.write(
        "entries/_posts/2024-01-02-welcome.md",
        "---\nlayout: post\ntitle: \"Welcome to Jekyll!\"\ndate: 2024-01-02 10:00:00 +0100\ncategories: jekyll update\n---\nYou'll find this post in your `_posts` directory.\n",
    );
    journal.write(
        "entries/posts/first.md",
        "---\ntitle: \"First\"\ndate: 2024-03-04T10:00:00Z\ndraft: false\ntags: [\"go\", \"hugo\"]\n---\nHello from Hugo.\n",
    );
    journal.write(
        "entries/posts/second.md",
        "---\ntitle: Second\npubDate: 'Jul 08 2024'\ndescription: An Astro post\n---\nHello from Astro.\n",
    );
    journal
}

#[test]
fn an_imported_journal_builds_and_check_says_in_one_line_why_its_progress_views_are_empty() {
    let journal = imported();
    let site = journal.build(&[]);
    assert!(site.text("index.html").contains("Welcome to Jekyll!"));
    let run = journal.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("work: growth"))
        .collect();
    assert_eq!(
        lines,
        [
            "warning: entries: none of the 3 entries says `work: growth` or `work: depth`, so the progress views are empty; add `work: growth` to entries where you attempted what you can't do yet and `work: depth` where you did what you already do (or tag them growth or depth)"
        ]
    );
    let built = journal.run(&["build"]);
    assert!(
        built
            .stderr
            .contains("none of the 3 entries says `work: growth`"),
        "{}",
        built.stderr
    );
}

#[test]
fn strict_turns_warnings_into_errors() {
    let journal = imported();
    let run = journal.run(&["check", "--strict"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error: entries: none of the 3 entries"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("strata: 1 error in 3 entries"),
        "{}",
        run.stderr
    );
}

#[test]
fn json_gives_one_object_per_diagnostic() {
    let journal = Journal::fixture("basic");
    journal.write(
        "entries/2026/2026-03-01-pic.md",
        "---\ntitle: Pic\nwork: depth\n---\nSee ![x](gone.png).\n",
    );
    journal.write(
        "entries/2026/2099-01-01-later.md",
        "---\nwork: depth\ncapabilities: [Cross-team negotiations]\n---\nLater.\n",
    );
    let run = journal.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let objects: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let image = objects
        .iter()
        .find(|o| o["message"].as_str().unwrap().contains("gone.png"))
        .unwrap();
    assert_eq!(image["severity"], "warning");
    assert_eq!(image["path"], "entries/2026/2026-03-01-pic.md");
    assert_eq!(
        (image["line"].as_u64(), image["column"].as_u64()),
        (Some(5), Some(5))
    );
    let messages: Vec<&str> = objects
        .iter()
        .map(|o| o["message"].as_str().unwrap())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("1 entry is dated after today") && m.contains("2099-01-01")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("`Cross-team negotiations`")
                && m.contains("`cross-team negotiation`")),
        "{messages:?}"
    );
}

#[test]
fn a_goal_spelt_near_a_named_capability_is_a_did_you_mean_and_an_unknown_one_is_fine() {
    let journal = Journal::fixture("goals");
    let config = std::fs::read_to_string(journal.path().join("journal.yaml")).unwrap();
    journal.write(
        "journal.yaml",
        format!("{config}  - Negotiatoin\n  - Writing design documents\n"),
    );
    let run = journal.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "goal `Negotiatoin` is not a capability any entry names (did you mean `Negotiation`?)"
        ),
        "{}",
        run.stderr
    );
    // A goal no entry names, and near none, is a goal not attempted yet: nothing to say.
    assert!(
        !run.stderr.contains("Writing design documents"),
        "{}",
        run.stderr
    );
}
