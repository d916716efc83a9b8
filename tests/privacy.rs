//! The privacy invariant: private and draft entries carrying a marker in every field, and
//! linked from a public entry in every form a link can take, leave no trace — in any file of a
//! published build, in any response of `strata serve` without flags, nor (private ones) with
//! `--drafts` — and the published site equals that of the journal without them.

mod common;

use common::Journal;
use common::server::Server;

const PRIVATE: &str = "zebrapriv";
const DRAFT: &str = "okapidraft";

/// An entry file whose every field carries `marker`, and a picture beside it. It shares the
/// tag `budget` with published entries, which must never list it as related.
fn hidden_entry(journal: &Journal, marker: &str, flag: &str) {
    journal.write(
        &format!("entries/2026/2026-03-1{}-{marker}.md", flag.len() % 10),
        format!(
            "---\ntitle: {marker} title\ndate: 2026-03-10\n{flag}: true\nwork: growth\n\
             tags: [{marker}tag, budget]\ncapabilities: [{{name: {marker}skill, stage: demonstrated}}]\n\
             summary: {marker} summary\nslug: {marker}-slug\nmood: {marker}extra\n\
             aliases: [/{marker}-old/]\n---\n\
             {marker} body ![{marker} picture]({marker}.png)\n"
        ),
    );
    journal.write(&format!("entries/2026/{marker}.png"), marker);
}

/// A public entry linking to both hidden entries in every form a link can take.
fn public_linker(journal: &Journal) {
    let mut body = String::from("Links:\n\n");
    for (marker, flag) in [(PRIVATE, "private"), (DRAFT, "draft")] {
        let file = format!("2026-03-1{}-{marker}.md", flag.len() % 10);
        for form in [
            format!("[a]({file})"),
            format!("[a]({file}#part)"),
            format!("[a]({file}?x=1)"),
            format!("[a]({file}/)"),
            format!("[a](/entries/2026/{file})"),
            format!("![a]({file})"),
            format!("<a href=\"{file}\">a</a>"),
            format!("[a][{marker}]\n\n[{marker}]: {file}"),
            // In one sentence with a link to a published entry, whose page quotes it.
            format!("See [the routine](2026-01-20-routine.md) and <a href=\"{file}\">a</a>."),
        ] {
            body.push_str(&form);
            body.push_str("\n\n");
        }
    }
    journal.write(
        "entries/2026/2026-03-20-linker.md",
        format!("---\ntitle: Linker\ndate: 2026-03-20\nwork: depth\n---\n{body}"),
    );
}

fn journal_with_hidden_entries() -> Journal {
    let journal = Journal::fixture("basic");
    hidden_entry(&journal, PRIVATE, "private");
    hidden_entry(&journal, DRAFT, "draft");
    public_linker(&journal);
    journal
}

/// Every file name and text of `site` that holds one of `markers`, case-folded.
fn traces(site: &common::Site, markers: &[&str]) -> Vec<String> {
    site.files
        .iter()
        .filter(|(path, bytes)| {
            let text = format!("{path}\n{}", String::from_utf8_lossy(bytes)).to_lowercase();
            markers.iter().any(|m| text.contains(m))
        })
        .map(|(path, _)| path.clone())
        .collect()
}

#[test]
fn a_published_build_holds_no_trace_of_hidden_entries_and_equals_one_without_them() {
    let journal = journal_with_hidden_entries();
    let published = journal.build(&[]);
    assert_eq!(traces(&published, &[PRIVATE, DRAFT]), Vec::<String>::new());
    let staging = journal.build(&["--drafts"]);
    assert_eq!(traces(&staging, &[PRIVATE]), Vec::<String>::new());
    assert!(
        !traces(&staging, &[DRAFT]).is_empty(),
        "drafts show with --drafts"
    );
    // The same journal without the hidden files builds the same site, byte for byte.
    for marker in [PRIVATE, DRAFT] {
        for path in [
            format!("entries/2026/{marker}.png"),
            format!(
                "entries/2026/2026-03-1{}-{marker}.md",
                if marker == PRIVATE { 7 } else { 5 }
            ),
        ] {
            std::fs::remove_file(journal.path().join(path)).unwrap();
        }
    }
    let without = journal.build(&[]);
    assert!(
        published.files == without.files,
        "hidden entries changed the published site"
    );
}

#[test]
fn the_preview_shows_no_private_entry_without_private_and_no_draft_without_drafts() {
    let journal = journal_with_hidden_entries();
    let published = journal.build(&[]);
    for (flags, markers) in [
        (vec![], vec![PRIVATE, DRAFT]),
        (vec!["--drafts"], vec![PRIVATE]),
    ] {
        let server = Server::start(journal.path(), &flags);
        let mut paths: Vec<String> = published
            .files
            .keys()
            .map(|f| format!("/{}", f.strip_suffix("index.html").unwrap_or(f)))
            .collect();
        for marker in [PRIVATE, DRAFT] {
            paths.push(format!("/2026/03/{marker}-slug/"));
            paths.push(format!("/tags/{marker}tag/"));
            paths.push(format!("/capabilities/{marker}skill/"));
            paths.push(format!("/2026/03/{marker}-slug/{marker}.png"));
        }
        for path in paths {
            let response = server.get(&path);
            let text = response.body.to_lowercase();
            for marker in &markers {
                assert!(!text.contains(marker), "{flags:?}: {path} shows {marker}");
            }
        }
    }
}
