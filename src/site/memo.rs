//! Planning pages again only when what they show changed. Each group of pages has a key — a
//! fingerprint of the journal data it reads — and a preview keeps the pages planned last time
//! to reuse while their group's key is the same. A clean build starts from an empty cache, so
//! both always plan the same pages.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::Page;
use super::views::EntryView;
use crate::fingerprint::{combine, of, of_json};
use crate::journal::Journal;

/// Pages planned by an earlier build, by group, with the key they were planned for.
#[derive(Debug, Default)]
pub struct PlanCache {
    groups: BTreeMap<String, (u64, Vec<Arc<Page>>)>,
    values: BTreeMap<String, (u64, serde_json::Value)>,
    pub(super) timelines: Option<(u64, String)>,
}

/// Fingerprints of every entry: what lists show of it, what aggregation reads of it, and its
/// body.
pub(super) struct Fingerprints {
    /// Each entry's view, as lists show it.
    pub view: Vec<u64>,
    /// Each entry's body.
    pub content: Vec<u64>,
    /// Everything aggregation, archives and reviews read: dates, titles, links, work, layers,
    /// tags, capabilities and hours of every entry, in order.
    pub meta_all: u64,
}

impl Fingerprints {
    pub(super) fn new(journal: &Journal, views: &[EntryView<'_>]) -> Fingerprints {
        let view = views.iter().map(of_json).collect();
        let content = journal
            .entries
            .iter()
            .map(|e| of(&(&e.rendered.html, e.rendered.word_count)))
            .collect();
        let meta_all = combine(journal.entries.iter().zip(views).map(|(entry, view)| {
            let capabilities: Vec<_> = entry
                .capabilities
                .iter()
                .map(|c| (&c.name, &c.slug, c.stage))
                .collect();
            of(&(
                (
                    &entry.source,
                    view.title,
                    view.permalink,
                    &view.date,
                    &view.timestamp,
                    view.work,
                ),
                (
                    &entry.tags,
                    &entry.layers,
                    view.draft,
                    entry.hours.to_bits(),
                    capabilities,
                ),
            ))
        }));
        Fingerprints {
            view,
            content,
            meta_all,
        }
    }
}

/// Plans groups of pages through a [`PlanCache`].
pub(super) struct Memo<'c> {
    cache: &'c mut PlanCache,
    kept: BTreeMap<String, (u64, Vec<Arc<Page>>)>,
    kept_values: BTreeMap<String, (u64, serde_json::Value)>,
}

impl<'c> Memo<'c> {
    pub(super) fn new(cache: &'c mut PlanCache) -> Self {
        Memo {
            cache,
            kept: BTreeMap::new(),
            kept_values: BTreeMap::new(),
        }
    }

    /// A part of a page's data: last time's when its key is unchanged, else `make()`'s.
    pub(super) fn value(
        &mut self,
        name: &str,
        key: u64,
        make: impl FnOnce() -> serde_json::Value,
    ) -> serde_json::Value {
        let value = match self.cache.values.remove(name) {
            Some((old, value)) if old == key => value,
            _ => make(),
        };
        self.kept_values
            .insert(name.to_string(), (key, value.clone()));
        value
    }

    /// The pages of `group`: last time's when its key is unchanged, else `plan()`'s.
    pub(super) fn group(
        &mut self,
        group: &str,
        key: u64,
        plan: impl FnOnce() -> Vec<Page>,
    ) -> Vec<Arc<Page>> {
        let pages = match self.cache.groups.remove(group) {
            Some((old, pages)) if old == key => pages,
            _ => plan()
                .into_iter()
                .map(|mut page| {
                    page.key = combine([key, of(&(&page.path, &page.template))]);
                    Arc::new(page)
                })
                .collect(),
        };
        self.kept.insert(group.to_string(), (key, pages.clone()));
        pages
    }
}

impl Drop for Memo<'_> {
    /// Keeps only the groups planned this time, so pages that are gone are forgotten.
    fn drop(&mut self) {
        self.cache.groups = std::mem::take(&mut self.kept);
        self.cache.values = std::mem::take(&mut self.kept_values);
    }
}
