//! How journal data looks to templates: small serialisable views with every URL already made,
//! so templates hold no logic beyond loops and conditions.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Urls;
pub use crate::format::number;
use crate::journal::{Entry, Journal, Stage};
use crate::strings::Strings;

/// A named link; `url` is `None` when there is no page to link to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// The text.
    pub name: String,
    /// Where it goes, with the base path.
    pub url: Option<String>,
}

/// A capability as an entry names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapabilityView {
    /// Its name as written in the entry.
    pub name: String,
    /// Its identity.
    pub slug: String,
    /// The stage the entry shows.
    pub stage: Stage,
    /// Its page, when the site has one.
    pub url: Option<String>,
}

/// An entry as lists and cards show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryView<'a> {
    /// The title.
    pub title: &'a str,
    /// The link to its page.
    pub url: String,
    /// Its site path, without the base path.
    pub permalink: &'a str,
    /// `2026-03-14`.
    pub date: String,
    /// `14 March 2026`.
    pub date_display: String,
    /// The full timestamp, for feeds and `<time>`.
    pub timestamp: String,
    /// `growth`, `depth` or nothing.
    pub work: Option<&'static str>,
    /// Its layers.
    pub layers: Vec<Link>,
    /// Its tags.
    pub tags: Vec<Link>,
    /// Its capabilities.
    pub capabilities: Vec<CapabilityView>,
    /// Its weight in hours.
    pub hours: f64,
    /// The weight as people write it (`3`, `1.5`).
    pub hours_display: String,
    /// The summary as HTML.
    pub summary_html: &'a str,
    /// The summary as text.
    pub summary_text: &'a str,
    /// Words in the body.
    pub word_count: usize,
    /// Minutes to read.
    pub reading_minutes: usize,
    /// Whether it is a draft (shown only in staging builds).
    pub draft: bool,
    /// Front matter keys strata does not know.
    pub extra: &'a BTreeMap<String, serde_json::Value>,
    /// Its place in the journal (and in [`entry_views`]), so a render can convert each view
    /// for templates once and share it between the pages that list it.
    #[serde(skip)]
    pub index: usize,
}

/// Which linked pages the site has, so views link only to pages that exist.
#[derive(Debug, Clone, Copy, Default)]
pub struct Linkable {
    /// `/layers/<layer>/` pages exist.
    pub layers: bool,
    /// `/capabilities/<slug>/` pages exist.
    pub capabilities: bool,
}

impl<'a> EntryView<'a> {
    /// The view of `entry`, the `index`th of the journal.
    pub fn new(
        entry: &'a Entry,
        index: usize,
        urls: &Urls,
        linkable: Linkable,
        strings: &Strings,
    ) -> Self {
        let maybe = |exists: bool, path: String| exists.then(|| urls.link(&path));
        EntryView {
            title: &entry.title,
            url: urls.link(&entry.permalink),
            permalink: &entry.permalink,
            date: entry.date.format("%Y-%m-%d").to_string(),
            date_display: strings.long_date(entry.date),
            timestamp: entry.timestamp(),
            work: entry.work.map(|w| w.name()),
            layers: entry
                .layers
                .iter()
                .map(|l| Link {
                    name: l.clone(),
                    url: maybe(linkable.layers, format!("/layers/{l}/")),
                })
                .collect(),
            tags: entry
                .tags
                .iter()
                .filter_map(|t| {
                    let slug = slug::slugify(t);
                    (!slug.is_empty()).then(|| Link {
                        name: t.clone(),
                        url: Some(urls.link(&format!("/tags/{slug}/"))),
                    })
                })
                .collect(),
            capabilities: entry
                .capabilities
                .iter()
                .map(|c| CapabilityView {
                    name: c.name.clone(),
                    slug: c.slug.clone(),
                    stage: c.stage,
                    url: maybe(linkable.capabilities, format!("/capabilities/{}/", c.slug)),
                })
                .collect(),
            hours: entry.hours,
            hours_display: number(entry.hours),
            summary_html: &entry.rendered.summary_html,
            summary_text: &entry.rendered.summary_text,
            word_count: entry.rendered.word_count,
            reading_minutes: entry.rendered.reading_minutes,
            draft: entry.draft,
            extra: &entry.extra,
            index,
        }
    }
}

/// Views of every entry of the journal, in journal order.
pub fn entry_views<'a>(
    journal: &'a Journal,
    urls: &Urls,
    linkable: Linkable,
) -> Vec<EntryView<'a>> {
    use rayon::prelude::*;
    journal
        .entries
        .par_iter()
        .enumerate()
        .map(|(i, e)| EntryView::new(e, i, urls, linkable, &journal.config.strings))
        .collect()
}
