//! The `/concepts/` page: how to read the views — growth and depth work, the band, the layers,
//! capability stages, treadmill stretches, the quarterly question — from `docs/concepts.md`,
//! compiled into strata so every site explains itself, offline and under any base path.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::json;

use super::Page;
use super::data::{page, page_meta};
use crate::markdown::{self, Links, Source};

/// The explanation, as written for the repository's docs.
const CONCEPTS: &str = include_str!("../../docs/concepts.md");
/// Where the site has it.
pub const CONCEPTS_PATH: &str = "/concepts/";

/// The page; `base_path` prefixes its root-relative links.
pub fn concepts_page(base_path: &str) -> Page<'static> {
    // The first line is the document's title, which the page shows as its heading.
    let (title, body) = CONCEPTS.split_once('\n').unwrap_or(("", CONCEPTS));
    let title = title.trim_start_matches('#').trim();
    let links = Links {
        base_path,
        entries: &BTreeMap::new(),
        attachments: &BTreeSet::new(),
        wiki: &crate::wiki::WikiTargets::default(),
        unpublished: &BTreeSet::new(),
    };
    let source = Source {
        path: Path::new("docs/concepts.md"),
        permalink: CONCEPTS_PATH,
        body_line: 2,
    };
    let (rendered, _) = markdown::render(source, body, None, links);
    page(
        CONCEPTS_PATH,
        "concepts.html",
        page_meta(title, CONCEPTS_PATH, CONCEPTS_PATH, &rendered.summary_text),
        json!({"content_html": rendered.html}),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_explains_every_concept_with_an_anchor_to_link_to() {
        let page = concepts_page("/sub/");
        let super::super::data::PageData::Json(data) = &page.data else {
            panic!("the concepts page is JSON");
        };
        let html = data["content_html"].as_str().unwrap_or_default();
        for id in [
            "growth-work-and-depth-work",
            "progress-and-movement",
            "the-15-20-band",
            "treadmill",
            "the-three-layers",
            "capability-stages",
            "the-quarterly-question",
            "a-worked-example",
        ] {
            assert!(html.contains(&format!("id=\"{id}\"")), "no #{id} in {html}");
        }
        assert_eq!(data["page"]["title"], "How to read a strata journal");
    }
}
