//! The Atom feed and the sitemap: the two files other programs read.

use serde_json::{Value, json};

use super::data::{PageData, SitemapPage, SitemapUrl};
use super::views::EntryView;
use super::{Page, Urls};
use crate::journal::Journal;

/// The entries the feed shows, by index: the latest `feed_entries`. A build keeps these
/// entries' HTML to the end for the feed.
pub fn feed_entries(journal: &Journal) -> std::ops::Range<usize> {
    let count = journal.entries.len();
    count.saturating_sub(journal.config.feed_entries)..count
}

/// The Atom feed of the latest `feed_entries` entries, newest first.
pub fn feed(journal: &Journal, views: &[EntryView<'_>], urls: &Urls) -> Page<'static> {
    let config = &journal.config;
    let shown = feed_entries(journal);
    let entries: Vec<Value> = journal.entries[shown.clone()]
        .iter()
        .zip(views.get(shown).unwrap_or(&[]))
        .rev()
        .map(|(entry, view)| {
            json!({
                "title": view.title,
                "url": urls.absolute(&entry.permalink),
                "published": view.timestamp,
                "summary": view.summary_text,
                "content_html": entry.rendered.html,
                "tags": view.tags,
            })
        })
        .collect();
    let updated = views
        .iter()
        .map(|v| v.timestamp.clone())
        .max()
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let author = if config.author.is_empty() {
        config.title.clone()
    } else {
        config.author.clone()
    };
    Page {
        path: "/feed.xml".into(),
        template: "feed.xml",
        data: PageData::Json(json!({
            "page": {"title": config.title, "path": "/feed.xml", "section": "", "description": ""},
            "feed_url": urls.absolute("/feed.xml"),
            "home_url": urls.absolute("/"),
            "updated": updated,
            "author": author,
            "entries": entries,
        })),
    }
}

/// The sitemap: every HTML page but the not-found page — `pages`, and the page of each of
/// `entries` (whether planned or not) — with its date where it has one.
pub fn sitemap<'a>(pages: &[Page<'_>], entries: &'a [EntryView<'a>], urls: &Urls) -> Page<'a> {
    // Of all pages, only an entry's has a date.
    let other_pages = pages
        .iter()
        .filter(|p| p.template.ends_with(".html") && p.path != "/404.html")
        .map(|p| SitemapUrl {
            loc: urls.absolute(&p.path),
            lastmod: None,
        });
    let entry_pages = entries.iter().map(|v| SitemapUrl {
        loc: urls.absolute(v.permalink),
        lastmod: Some(v.date.as_str()),
    });
    let mut list: Vec<SitemapUrl<'a>> = other_pages.chain(entry_pages).collect();
    list.sort_unstable();
    Page {
        path: "/sitemap.xml".into(),
        template: "sitemap.xml",
        data: PageData::Sitemap(SitemapPage {
            page: json!({"title": "sitemap", "path": "/sitemap.xml", "section": "", "description": ""}),
            urls: list,
        }),
    }
}
