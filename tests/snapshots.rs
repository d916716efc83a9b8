//! Snapshots of the key pages of the `basic` fixture. A change here is a change users see:
//! review it as carefully as code.

mod common;

use common::Journal;

#[test]
fn key_pages_render_as_reviewed() {
    let site = Journal::fixture("basic").build(&[]);
    for (name, path) in [
        ("dashboard", "index.html"),
        ("entry", "2026/01/first-steps/index.html"),
        ("entry_with_footnote", "2026/02/second-try/index.html"),
        ("tags", "tags/index.html"),
        ("tag", "tags/leadership/index.html"),
        ("archive", "archive/index.html"),
        ("feed", "feed.xml"),
        ("sitemap", "sitemap.xml"),
    ] {
        insta::assert_snapshot!(name, site.text(path));
    }
}
