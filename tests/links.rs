//! `[[wiki links]]` as an Obsidian journal writes them: every form resolves, a broken one is
//! named by file, line and column, and a link to a hidden entry is plain text with nothing of
//! the hidden entry in the site.

mod common;

use common::Journal;

/// Daily notes that link to each other the Obsidian way, and one private entry.
fn obsidian() -> Journal {
    let journal = Journal::empty();
    journal.write("journal.yaml", "title: Notes\n");
    journal.write(
        "entries/2026-01-10.md",
        "---\ntitle: Budget season\ntags: [budget]\ncapabilities: [Negotiation]\nlayer: resources\nwork: growth\n---\n## What I learnt\n\nAsk early.\n",
    );
    journal.write(
        "entries/2026-01-20.md",
        "---\ntitle: Follow-up\nwork: depth\n---\nAfter [[Budget season]] came [[2026-01-10#What I learnt|the lesson]].\nSee [[capability:Negotiation]], [[tag:budget]] and [[layer:resources]].\nNot yet: [[The offsite]].\nAnd [[Quiet plans]].\n",
    );
    journal.write(
        "entries/2026-01-25-quiet.md",
        "---\ntitle: Quiet plans\nprivate: true\n---\nQUIETMARKER\n",
    );
    journal
}

#[test]
fn an_obsidian_journal_builds_with_its_wiki_links_working() {
    let journal = obsidian();
    let site = journal.build(&[]);
    let page = site.text("2026/01/follow-up/index.html");
    assert!(
        page.contains(r#"After <a href="/2026/01/budget-season/">Budget season</a>"#),
        "{page}"
    );
    assert!(page.contains(r#"<a href="/2026/01/budget-season/#what-i-learnt">the lesson</a>"#));
    assert!(page.contains(r#"<a href="/capabilities/negotiation/">capability:Negotiation</a>"#));
    assert!(page.contains(r#"<a href="/tags/budget/">tag:budget</a>"#));
    assert!(page.contains(r#"<a href="/layers/resources/">layer:resources</a>"#));
    assert!(page.contains("Not yet: The offsite."));
    // The linked entry lists the one that links to it.
    let budget = site.text("2026/01/budget-season/index.html");
    assert!(
        budget.contains(r#"<a href="/2026/01/follow-up/">Follow-up</a>"#),
        "{budget}"
    );
    // The capability's page lists the entry that links to it.
    let capability = site.text("capabilities/negotiation/index.html");
    assert!(
        capability.contains(
            r#"<li><a href="/2026/01/follow-up/">Follow-up</a>, <time datetime="2026-01-20">"#
        ),
        "{capability}"
    );
    assert!(
        site.broken_links("/").is_empty(),
        "{:?}",
        site.broken_links("/")
    );
}

#[test]
fn a_wiki_link_to_a_private_entry_is_plain_text_and_leaves_no_trace() {
    let journal = obsidian();
    let site = journal.build(&[]);
    let page = site.text("2026/01/follow-up/index.html");
    assert!(page.contains("And Quiet plans."), "{page}");
    let everything = site.all_text();
    assert!(!everything.contains("QUIETMARKER"));
    assert!(!everything.contains("quiet-plans") && !everything.contains("2026-01-25-quiet"));
    // The same journal without the private file gives the same site.
    let without = obsidian();
    std::fs::remove_file(without.path().join("entries/2026-01-25-quiet.md")).unwrap();
    assert_eq!(without.build(&[]).files, site.files);
}

#[test]
fn check_names_the_broken_wiki_link_by_file_line_and_column() {
    let journal = obsidian();
    let run = journal.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning: entries/2026-01-20.md:7:10: `[[The offsite]]`: no entry has that title, slug or file name"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_says_a_link_to_a_private_entry_will_be_plain_text_once_published() {
    let journal = obsidian();
    let run = journal.run(&["check"]);
    assert!(
        run.stderr.contains("warning: entries/2026-01-20.md:8:5: link to `[[Quiet plans]]`, a private or draft entry: a published build shows it as plain text"),
        "{}",
        run.stderr
    );
    // A build, which hides the entry, finds nothing by that name: the link is plain text,
    // counted with the other broken link in one warning; `--verbose` names each.
    let run = journal.run(&["build"]);
    assert!(
        run.stderr.contains("warning: entries: 2 links or pictures in 1 entry lead to nothing this build shows, shown as plain text; `strata check` lists each"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("Quiet plans"), "{}", run.stderr);
    let run = journal.run(&["build", "--verbose"]);
    assert!(
        run.stderr
            .contains("entries/2026-01-20.md:8:5: `[[Quiet plans]]`: no entry has that title"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_entry_page_ends_with_the_entries_sharing_most_with_it_never_a_hidden_one() {
    let journal = obsidian();
    let entry = |day: u32, title: &str, more: &str| {
        journal.write(
            &format!("entries/2026-02-{day:02}.md"),
            format!("---\ntitle: {title}\n{more}---\nText.\n"),
        );
    };
    entry(
        1,
        "Budget again",
        "tags: [Budget]\ncapabilities: [negotiation]\n",
    );
    entry(2, "Budget only", "tags: [budget]\n");
    entry(3, "Unrelated", "tags: [garden]\n");
    entry(
        4,
        "Hidden budget",
        "tags: [budget]\ncapabilities: [Negotiation]\nprivate: true\n",
    );
    let site = journal.build(&[]);
    let page = site.text("2026/01/budget-season/index.html");
    let related = page
        .split("<h2 id=\"related-heading\">Related entries</h2>")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .unwrap_or_else(|| panic!("no related entries: {page}"));
    // Both shared first, then the newer of those sharing one; nothing unrelated or hidden.
    let budget_again = related.find("Budget again").expect("Budget again");
    let budget_only = related.find("Budget only").expect("Budget only");
    assert!(budget_again < budget_only, "{related}");
    assert!(related.contains("(budget, Negotiation)"), "{related}");
    assert!(
        !related.contains("Unrelated") && !related.contains("Hidden"),
        "{related}"
    );
    assert_eq!(related.matches("<li>").count(), 2, "{related}");
    assert!(
        !site
            .text("2026/02/unrelated/index.html")
            .contains("related-heading")
    );
}
