//! Snapshots of the key pages of the `basic` and `quarters` fixtures. A change here is a change
//! users see: review it as carefully as code.

mod common;

use common::Journal;

fn snapshot_pages(fixture: &str, pages: &[(&str, &str)]) {
    let site = Journal::fixture(fixture).build(&[]);
    for (name, path) in pages {
        insta::assert_snapshot!(*name, site.text(path));
    }
}

#[test]
fn key_pages_render_as_reviewed() {
    snapshot_pages(
        "basic",
        &[
            ("dashboard", "index.html"),
            ("entry", "2026/01/first-steps/index.html"),
            ("entry_with_footnote", "2026/02/second-try/index.html"),
            ("tags", "tags/index.html"),
            ("tag", "tags/leadership/index.html"),
            ("archive", "archive/index.html"),
            ("feed", "feed.xml"),
            ("sitemap", "sitemap.xml"),
        ],
    );
}

#[test]
fn timeline_pages_render_as_reviewed() {
    snapshot_pages(
        "quarters",
        &[
            ("timeline_dashboard", "index.html"),
            ("timeline_progress", "progress/index.html"),
            ("timeline_capabilities", "capabilities/index.html"),
            ("timeline_capability", "capabilities/negotiation/index.html"),
            ("timeline_layer", "layers/cooperation/index.html"),
            ("timeline_review", "reviews/2026-q1/index.html"),
            ("timeline_reviews", "reviews/index.html"),
            ("timelines_json", "timelines.json"),
        ],
    );
}

#[test]
fn goal_pages_render_as_reviewed() {
    snapshot_pages(
        "goals",
        &[
            ("goals_dashboard", "index.html"),
            ("goals_layer", "layers/resources/index.html"),
        ],
    );
}
