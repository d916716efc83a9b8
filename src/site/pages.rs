//! Which pages a journal's site has, and the data each one shows.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use rayon::prelude::*;

use super::data::{
    ArchiveMonth, ArchivePage, ArchiveYear, Backlink, EntryLink, EntryMeta, EntryPage, PageData,
    RelatedEntry, TagPage, page, page_meta, typed,
};
use super::views::{EntryView, Link};
use super::{Page, Urls, feed, progress};
use crate::journal::Journal;
use crate::strings::Strings;
use crate::timeline::Timelines;

/// The main navigation: (the key of its label in the strings, site path).
pub const NAV: &[(&str, &str)] = &[
    ("nav_journal", "/"),
    ("nav_progress", "/progress/"),
    ("nav_capabilities", "/capabilities/"),
    ("nav_layers", "/layers/"),
    ("nav_reviews", "/reviews/"),
    ("nav_archive", "/archive/"),
    ("nav_tags", "/tags/"),
    ("nav_search", "/search/"),
];

/// How many entries the dashboard lists.
const LATEST_ON_DASHBOARD: usize = 10;

/// Every page of the site, in a stable order (the order decides nothing in the output, where
/// each page is its own file); `views` are the journal's entries as templates see them.
pub fn all<'a>(
    journal: &'a Journal,
    timelines: &'a Timelines,
    urls: &Urls,
    views: &'a [EntryView<'a>],
) -> Vec<Page<'a>> {
    // Entry pages are most of a site: their data is made in parallel, in order, beside the
    // pages that summarise the journal.
    let every_entry: Vec<usize> = (0..journal.entries.len()).collect();
    site_with(journal, timelines, urls, views, &every_entry)
}

/// Like [`all`], with the pages of the entries at `entries` alone: a preview that knows the
/// other entries' pages are unchanged does not plan them (see [`EntryReads`]).
pub fn site_with<'a>(
    journal: &'a Journal,
    timelines: &'a Timelines,
    urls: &Urls,
    views: &'a [EntryView<'a>],
    entries: &[usize],
) -> Vec<Page<'a>> {
    let (mut pages, entry_pages) = rayon::join(
        || listings(journal, timelines, urls, views),
        || entry_pages(journal, views, urls, entries),
    );
    let sitemap = feed::sitemap(&pages, views, urls);
    pages.extend(entry_pages);
    pages.push(sitemap);
    pages
}

/// The pages of the entries at `indices`.
pub fn entry_pages<'a>(
    journal: &'a Journal,
    views: &'a [EntryView<'a>],
    urls: &Urls,
    indices: &[usize],
) -> Vec<Page<'a>> {
    entry_pages_with(journal, views, urls, indices, &|_| None)
}

/// Like [`entry_pages`], each entry's body HTML taken from `html` where it gives one rather
/// than from the journal: a build that lets each body go once its page is written keeps
/// them apart.
pub fn entry_pages_with<'a>(
    journal: &'a Journal,
    views: &'a [EntryView<'a>],
    urls: &Urls,
    indices: &[usize],
    html: &(dyn Fn(usize) -> Option<&'a str> + Sync),
) -> Vec<Page<'a>> {
    indices
        .par_iter()
        .filter_map(|&i| {
            let entry = journal.entries.get(i)?;
            let content = html(i).unwrap_or(&entry.rendered.html);
            Some(entry_page(journal, views, urls, i, content))
        })
        .collect()
}

/// Every page but the entries' own and the sitemap: those that summarise the journal or list
/// its entries, and the feed.
pub fn listings<'a>(
    journal: &'a Journal,
    timelines: &'a Timelines,
    urls: &Urls,
    views: &'a [EntryView<'a>],
) -> Vec<Page<'a>> {
    let mut pages = summaries(journal, timelines, urls, views);
    pages.push(feed::feed(journal, views, urls));
    pages
}

/// Every page but the entries', the feed and the sitemap: the dashboard, archive, concepts,
/// progress, capabilities and reviews, then tags and layers.
fn summaries<'a>(
    journal: &'a Journal,
    timelines: &'a Timelines,
    urls: &Urls,
    views: &'a [EntryView<'a>],
) -> Vec<Page<'a>> {
    let progress = progress::dashboard(journal, timelines, urls, timelines.today);
    let mut pages = vec![
        dashboard(journal, views, progress),
        archive(views, &journal.config.strings),
        not_found(&journal.config.strings),
        super::concepts::concepts_page(&journal.config.base_path()),
        progress::progress_page(journal, timelines, views),
    ];
    pages.extend(progress::capability_pages(journal, timelines, urls, views));
    pages.extend(progress::review_pages(journal, timelines, urls));
    let tags = tags_by_slug(journal);
    let strings = &journal.config.strings;
    pages.push(tags_index(&tags, urls, strings));
    pages.extend(
        tags.iter()
            .map(|(slug, (name, entries))| tag_page(slug, name, entries, views, strings)),
    );
    pages.push(progress::layers_index(journal, timelines, urls));
    pages.push(search_page(journal, &tags));
    pages.extend(
        journal
            .config
            .layers
            .iter()
            .map(|layer| progress::layer_page(journal, timelines, views, layer)),
    );
    pages
}

fn dashboard(journal: &Journal, views: &[EntryView<'_>], progress: Value) -> Page<'static> {
    let latest: Vec<&EntryView<'_>> = views.iter().rev().take(LATEST_ON_DASHBOARD).collect();
    let description = format!(
        "{} — a journal of {} entries",
        journal.config.title,
        views.len()
    );
    page(
        "/",
        "index.html",
        page_meta(&journal.config.title, "/", "/", &description),
        json!({
            "latest": latest,
            "entry_count": views.len(),
            "first_date": views.first().map(|v| v.date_display.clone()),
            "last_date": views.last().map(|v| v.date_display.clone()),
            "progress": progress,
        }),
    )
}

/// The entries an entry's page shows something of: itself, the entries before and after it,
/// and those that link to it, by index. Its page is made from these alone, so a preview that
/// finds none of them changed knows the page has not.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EntryReads {
    /// The entry.
    pub index: usize,
    /// The entry before it, by date.
    pub previous: Option<usize>,
    /// The entry after it.
    pub next: Option<usize>,
    /// The entries that link to it.
    pub backlinks: Vec<usize>,
    /// The entries most related to it.
    pub related: Vec<usize>,
}

impl EntryReads {
    /// What the page of the `index`th entry of `journal` reads.
    pub fn of(journal: &Journal, index: usize) -> EntryReads {
        EntryReads {
            index,
            previous: index.checked_sub(1),
            next: (index + 1 < journal.entries.len()).then_some(index + 1),
            backlinks: journal
                .entries
                .get(index)
                .and_then(|e| journal.backlinks.get(&e.permalink))
                .cloned()
                .unwrap_or_default(),
            related: journal.related.get(index).cloned().unwrap_or_default(),
        }
    }

    /// The entries whose pages read the `index`th entry: itself, its neighbours, and those
    /// it links to.
    pub fn readers_of(journal: &Journal, index: usize) -> Vec<usize> {
        let Some(entry) = journal.entries.get(index) else {
            return Vec::new();
        };
        let linked = journal
            .entries
            .iter()
            .enumerate()
            .filter(|(i, e)| *i != index && entry.rendered.links_to.contains(&e.permalink))
            .map(|(i, _)| i);
        let mut readers: Vec<usize> = [index.checked_sub(1), Some(index), Some(index + 1)]
            .into_iter()
            .flatten()
            .filter(|&i| i < journal.entries.len())
            .chain(linked)
            .collect();
        readers.sort_unstable();
        readers.dedup();
        readers
    }

    /// Every index read, the entry's own first.
    pub fn all(&self) -> impl Iterator<Item = usize> + '_ {
        [Some(self.index), self.previous, self.next]
            .into_iter()
            .flatten()
            .chain(self.backlinks.iter().copied())
            .chain(self.related.iter().copied())
    }
}

fn entry_page<'a>(
    journal: &'a Journal,
    views: &'a [EntryView<'a>],
    urls: &Urls,
    index: usize,
    content_html: &'a str,
) -> Page<'a> {
    let link = |i: usize| {
        views.get(i).map(|v| Link {
            name: v.title.to_string(),
            url: Some(v.url.clone()),
        })
    };
    let reads = EntryReads::of(journal, index);
    let entry = &journal.entries[index];
    let view = &views[index];
    let meta = EntryMeta {
        title: &entry.title,
        path: &entry.permalink,
        section: "/archive/",
        description: view.summary_text,
        date: &view.date,
    };
    typed(
        &entry.permalink,
        "entry.html",
        PageData::Entry(EntryPage {
            page: meta,
            entry: view,
            content_html,
            previous: reads.previous.and_then(link),
            next: reads.next.and_then(link),
            backlinks: reads
                .backlinks
                .iter()
                .filter_map(|&i| backlink(journal, views, i, &entry.permalink))
                .collect(),
            related: reads
                .related
                .iter()
                .filter_map(|&i| related_entry(views, index, i))
                .collect(),
            url: urls.link(&entry.permalink),
        }),
    )
}

/// The `i`th entry as a backlink of the entry at `permalink`: with the sentence it links in.
fn backlink<'a>(
    journal: &'a Journal,
    views: &'a [EntryView<'a>],
    i: usize,
    permalink: &str,
) -> Option<Backlink<'a>> {
    let (entry, view) = (journal.entries.get(i)?, views.get(i)?);
    Some(Backlink {
        link: entry_link(view),
        sentence: entry
            .rendered
            .link_sentences
            .get(permalink)
            .map(String::as_str),
    })
}

/// The `other`th entry as related to the `index`th: with the tags and capabilities they share.
/// The entry page shows it, and the preview's key for that page is made from it.
pub fn related_entry<'a>(
    views: &'a [EntryView<'a>],
    index: usize,
    other: usize,
) -> Option<RelatedEntry<'a>> {
    let view = views.get(other)?;
    Some(RelatedEntry {
        link: entry_link(view),
        shared: shared_names(views.get(index)?, view),
    })
}

/// The entry of `view` as a page lists it.
fn entry_link<'a>(view: &'a EntryView<'a>) -> EntryLink<'a> {
    EntryLink {
        name: view.title,
        url: &view.url,
        date: &view.date_display,
        iso: &view.date,
    }
}

/// The tags and capabilities (both by slug, as their pages know them) the entry of `view`
/// shares with that of `other`, as `view` spells them: its tags first.
fn shared_names<'a>(view: &'a EntryView<'_>, other: &EntryView<'_>) -> Vec<&'a str> {
    let tags = view
        .tags
        .iter()
        .filter(|t| other.tags.iter().any(|o| o.url == t.url && o.url.is_some()))
        .map(|t| &t.name);
    let capabilities = view
        .capabilities
        .iter()
        .filter(|c| other.capabilities.iter().any(|o| o.slug == c.slug))
        .map(|c| &c.name);
    let mut names: Vec<&str> = Vec::new();
    for name in tags.chain(capabilities) {
        if !names.contains(&name.as_str()) {
            names.push(name);
        }
    }
    names
}

/// Every tag by slug, with the first spelling seen and the indexes of its entries.
fn tags_by_slug(journal: &Journal) -> BTreeMap<String, (String, Vec<usize>)> {
    let mut tags: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    for (index, entry) in journal.entries.iter().enumerate() {
        for tag in &entry.tags {
            let slug = slug::slugify(tag);
            if !slug.is_empty() {
                tags.entry(slug)
                    .or_insert_with(|| (tag.clone(), Vec::new()))
                    .1
                    .push(index);
            }
        }
    }
    tags
}

fn tags_index(
    tags: &BTreeMap<String, (String, Vec<usize>)>,
    urls: &Urls,
    strings: &Strings,
) -> Page<'static> {
    let summary: Vec<Value> = tags
        .iter()
        .map(|(slug, (name, entries))| {
            json!({"name": name, "url": urls.link(&format!("/tags/{slug}/")), "count": entries.len()})
        })
        .collect();
    page(
        "/tags/",
        "tags.html",
        page_meta(
            strings.get("title_tags"),
            "/tags/",
            "/tags/",
            &format!("{} tags", summary.len()),
        ),
        json!({"tags": summary}),
    )
}

fn tag_page<'a>(
    slug: &str,
    name: &str,
    entries: &[usize],
    views: &'a [EntryView<'a>],
    strings: &Strings,
) -> Page<'a> {
    let path = format!("/tags/{slug}/");
    let meta = page_meta(
        &strings.fill("title_tag", &[("tag", name)]),
        &path,
        "/tags/",
        &format!("{} entries tagged {name}", entries.len()),
    );
    let newest_first = entries.iter().rev().filter_map(|&i| views.get(i)).collect();
    typed(
        &path,
        "tag.html",
        PageData::Tag(TagPage {
            page: meta,
            tag: name.to_string(),
            entries: newest_first,
        }),
    )
}

fn archive<'a>(views: &'a [EntryView<'a>], strings: &Strings) -> Page<'a> {
    let mut years: BTreeMap<&str, BTreeMap<&str, Vec<&EntryView<'_>>>> = BTreeMap::new();
    for view in views.iter().rev() {
        let (year, month) = (
            view.date.get(..4).unwrap_or(""),
            view.date.get(5..7).unwrap_or(""),
        );
        years
            .entry(year)
            .or_default()
            .entry(month)
            .or_default()
            .push(view);
    }
    let years = years
        .into_iter()
        .rev()
        .map(|(year, months)| ArchiveYear {
            year: year.to_string(),
            months: months
                .into_iter()
                .rev()
                .map(|(month, entries)| ArchiveMonth {
                    month: month.to_string(),
                    name: strings
                        .month(month.parse::<u32>().unwrap_or(1).saturating_sub(1))
                        .to_string(),
                    id: format!("{year}-{month}"),
                    entries,
                })
                .collect(),
        })
        .collect();
    let meta = page_meta(
        strings.get("title_archive"),
        "/archive/",
        "/archive/",
        &format!("All {} entries by year and month", views.len()),
    );
    typed(
        "/archive/",
        "archive.html",
        PageData::Archive(ArchivePage { page: meta, years }),
    )
}

/// `/search/`: the form, with the years, layers and tags to filter by; the results are the
/// page script's, from the index in `search/`.
fn search_page(journal: &Journal, tags: &BTreeMap<String, (String, Vec<usize>)>) -> Page<'static> {
    use chrono::Datelike;
    let mut years: Vec<i32> = journal.entries.iter().map(|e| e.date.year()).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let tags: Vec<Value> = tags
        .iter()
        .map(|(slug, (name, _))| json!({"slug": slug, "name": name}))
        .collect();
    let strings = &journal.config.strings;
    page(
        "/search/",
        "search.html",
        page_meta(
            strings.get("title_search"),
            "/search/",
            "/search/",
            strings.get("search_description"),
        ),
        json!({"years": years, "layers": journal.config.layers, "tags": tags}),
    )
}

fn not_found(strings: &Strings) -> Page<'static> {
    page(
        "/404.html",
        "404.html",
        page_meta(
            strings.get("title_not_found"),
            "/404.html",
            "",
            "This page does not exist.",
        ),
        json!({}),
    )
}
