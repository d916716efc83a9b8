//! Which pages a journal's site has, and the data each one shows.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use std::sync::Arc;

use rayon::prelude::*;

use super::views::{EntryView, Link, Linkable, entry_views};
use super::{Page, Urls, feed, progress};
use crate::journal::Journal;
use crate::timeline::Timelines;

/// The main navigation: (label, site path).
pub const NAV: &[(&str, &str)] = &[
    ("Journal", "/"),
    ("Progress", "/progress/"),
    ("Capabilities", "/capabilities/"),
    ("Reviews", "/reviews/"),
    ("Archive", "/archive/"),
    ("Tags", "/tags/"),
];

/// How many entries the dashboard lists.
const LATEST_ON_DASHBOARD: usize = 10;

/// Every page of the site, in a stable order.
pub fn all(journal: &Journal, timelines: &Timelines, urls: &Urls) -> Vec<Arc<Page>> {
    let linkable = Linkable {
        layers: true,
        capabilities: true,
    };
    let views = entry_views(journal, urls, linkable);
    let progress = progress::dashboard(journal, timelines, urls);
    let mut pages = vec![
        dashboard(journal, &views, progress),
        archive(&views),
        not_found(),
        super::concepts::concepts_page(&journal.config.base_path()),
        progress::progress_page(journal, timelines, &views),
    ];
    pages.extend(progress::capability_pages(journal, timelines, urls, &views));
    pages.extend(progress::review_pages(journal, timelines, urls));
    // Entry pages are most of a site: their data is made in parallel, in order.
    let entries: Vec<Page> = (0..journal.entries.len())
        .into_par_iter()
        .map(|i| entry_page(journal, &views, urls, i))
        .collect();
    pages.extend(entries);
    let tags = tags_by_slug(journal);
    pages.push(tags_index(&tags, urls));
    pages.extend(
        tags.iter()
            .map(|(slug, (name, entries))| tag_page(slug, name, entries, &views)),
    );
    pages.extend(
        journal
            .config
            .layers
            .iter()
            .map(|layer| progress::layer_page(journal, timelines, &views, layer)),
    );
    pages.push(feed::feed(journal, &views, urls));
    let sitemap = feed::sitemap(&pages, urls);
    pages.push(sitemap);
    pages.into_iter().map(Arc::new).collect()
}

/// The `page` object every template gets: its title, site path, link and a description.
pub(crate) fn page_meta(title: &str, path: &str, section: &str, description: &str) -> Value {
    json!({"title": title, "path": path, "section": section, "description": description})
}

pub(crate) fn page(path: &str, template: &str, meta: Value, mut data: Value) -> Page {
    if let Value::Object(map) = &mut data {
        map.insert("page".into(), meta);
    }
    Page {
        path: path.into(),
        template: template.into(),
        context: data,
    }
}

fn dashboard(journal: &Journal, views: &[EntryView<'_>], progress: Value) -> Page {
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

fn entry_page(journal: &Journal, views: &[EntryView<'_>], urls: &Urls, index: usize) -> Page {
    let link = |i: usize| {
        views.get(i).map(|v| Link {
            name: v.title.to_string(),
            url: Some(v.url.clone()),
        })
    };
    let entry = &journal.entries[index];
    let view = &views[index];
    let backlinks: Vec<Link> = journal
        .backlinks
        .get(&entry.permalink)
        .map(|from| from.iter().filter_map(|&i| link(i)).collect())
        .unwrap_or_default();
    page(
        &entry.permalink,
        "entry.html",
        json!({
            "title": entry.title, "path": entry.permalink, "section": "/archive/",
            "description": view.summary_text, "date": view.date,
        }),
        json!({
            "entry": view,
            "content_html": entry.rendered.html,
            "previous": index.checked_sub(1).and_then(link),
            "next": link(index + 1),
            "backlinks": backlinks,
            "url": urls.link(&entry.permalink),
        }),
    )
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

fn tags_index(tags: &BTreeMap<String, (String, Vec<usize>)>, urls: &Urls) -> Page {
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
            "Tags",
            "/tags/",
            "/tags/",
            &format!("{} tags", summary.len()),
        ),
        json!({"tags": summary}),
    )
}

fn tag_page(slug: &str, name: &str, entries: &[usize], views: &[EntryView<'_>]) -> Page {
    let path = format!("/tags/{slug}/");
    let newest_first: Vec<&EntryView<'_>> =
        entries.iter().rev().filter_map(|&i| views.get(i)).collect();
    page(
        &path,
        "tag.html",
        page_meta(
            &format!("Tagged “{name}”"),
            &path,
            "/tags/",
            &format!("{} entries tagged {name}", entries.len()),
        ),
        json!({"tag": name, "entries": newest_first}),
    )
}

fn archive(views: &[EntryView<'_>]) -> Page {
    let mut years: BTreeMap<String, BTreeMap<String, Vec<&EntryView<'_>>>> = BTreeMap::new();
    for view in views.iter().rev() {
        let (year, month) = (
            view.date.get(..4).unwrap_or(""),
            view.date.get(5..7).unwrap_or(""),
        );
        years
            .entry(year.into())
            .or_default()
            .entry(month.into())
            .or_default()
            .push(view);
    }
    let years: Vec<Value> = years
        .iter()
        .rev()
        .map(|(year, months)| {
            let months: Vec<Value> = months
                .iter()
                .rev()
                .map(|(month, entries)| {
                    let name = entries.first().map(|e| month_name(&e.date_display)).unwrap_or_default();
                    json!({"month": month, "name": name, "id": format!("{year}-{month}"), "entries": entries})
                })
                .collect();
            json!({"year": year, "months": months})
        })
        .collect();
    page(
        "/archive/",
        "archive.html",
        page_meta(
            "Archive",
            "/archive/",
            "/archive/",
            &format!("All {} entries by year and month", views.len()),
        ),
        json!({"years": years}),
    )
}

/// `14 March 2026` → `March`.
fn month_name(display: &str) -> String {
    display.split(' ').nth(1).unwrap_or("").to_string()
}

fn not_found() -> Page {
    page(
        "/404.html",
        "404.html",
        page_meta(
            "Page not found",
            "/404.html",
            "",
            "This page does not exist.",
        ),
        json!({}),
    )
}
