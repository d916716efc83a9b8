//! [`Site`]: every file a build writes, as a template and the data it renders — decided from
//! the journal alone, before anything is rendered or written.
//!
//! Which pages exist lives in `pages.rs`; how an entry looks to a template in `views.rs`; the
//! feed and the sitemap in `feed.rs`. Nothing here touches the file system.

pub mod charts;
pub mod concepts;
pub mod data;
pub mod feed;
pub mod goals;
pub mod pages;
pub mod periods;
pub mod progress;
pub mod redirects;
pub mod search;
pub mod svg;
pub mod views;

use serde::Serialize;
use serde_json::json;

use crate::config::Config;
use crate::journal::Journal;
use crate::timeline::Timelines;

/// One file of the site, rendered from a template.
#[derive(Debug, Clone, Serialize)]
pub struct Page<'a> {
    /// The site path, from the site root: `/2026/03/x/` for a page, `/feed.xml` for a file.
    pub path: String,
    /// The template that renders it.
    pub template: &'static str,
    /// The data the template sees, besides `site`.
    pub data: data::PageData<'a>,
}

impl Page<'_> {
    /// The file the page is written to, relative to the output folder.
    pub fn output_file(&self) -> String {
        output_file(&self.path)
    }

    /// How many entries the page lists: a measure of how long it takes to render, so that
    /// the longest start first rather than leave one core rendering them alone at the end.
    pub fn entries_listed(&self) -> usize {
        match &self.data {
            data::PageData::Tag(p) => p.entries.len(),
            data::PageData::Archive(p) => p
                .years
                .iter()
                .flat_map(|y| &y.months)
                .map(|m| m.entries.len())
                .sum(),
            data::PageData::Layer(p) => p.entries.len(),
            data::PageData::Capability(p) => p.evidence.len() + p.linked_from.len(),
            data::PageData::Sitemap(p) => p.urls.len(),
            _ => 0,
        }
    }
}

/// The file a page at the site path `path` is written to, relative to the output folder:
/// `/2026/03/x/` → `2026/03/x/index.html`, `/feed.xml` → `feed.xml`.
pub fn output_file(path: &str) -> String {
    let path = path.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// Every file of a build.
#[derive(Debug, Clone, Default)]
pub struct Site<'a> {
    /// The pages, in a stable order.
    pub pages: Vec<Page<'a>>,
    /// Files that are data rather than pages, by site path: `timelines.json`.
    pub data: Vec<(String, String)>,
}

/// Makes URLs for the site: every internal link starts with the base path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Urls {
    base_path: String,
    base_url: String,
}

impl Urls {
    /// URLs for a site configured with `config`.
    pub fn new(config: &Config) -> Self {
        Self {
            base_path: config.base_path(),
            base_url: config.base_url.clone(),
        }
    }

    /// The link to a site path (`/tags/` → `/sub/tags/`).
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path.trim_start_matches('/'))
    }

    /// The absolute URL of a site path, for feeds and sitemaps; the link itself when the
    /// configured `base_url` is only a path.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }
}

/// How every entry of the journal looks to templates; the pages of [`plan`] refer to these.
pub fn entry_views(journal: &Journal) -> Vec<views::EntryView<'_>> {
    let linkable = views::Linkable {
        layers: true,
        capabilities: true,
    };
    views::entry_views(journal, &Urls::new(&journal.config), linkable)
}

/// Which of a site's files to plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'s> {
    /// Every page and data file.
    Everything,
    /// Every page and data file, but of the entries' own pages only those at these indexes:
    /// a preview that knows the others are unchanged ([`pages::EntryReads`]) skips them.
    Site(&'s [usize]),
    /// The pages of the entries at these indexes, alone.
    Entries(&'s [usize]),
    /// The pages that summarise the journal or list its entries, and the feed: every page
    /// besides its own that shows an entry's text. Not the sitemap nor `timelines.json`, which
    /// read only what an entry is (its date, permalink, work, layers…), not what it says.
    Listings,
}

/// Decides every file of the journal's site from the journal, its timelines and its entry
/// views (from [`entry_views`]).
pub fn plan<'a>(
    journal: &'a Journal,
    timelines: &'a Timelines,
    views: &'a [views::EntryView<'a>],
) -> Site<'a> {
    plan_scope(journal, timelines, views, Scope::Everything)
}

/// Decides the files of the journal's site that `scope` takes in.
pub fn plan_scope<'a>(
    journal: &'a Journal,
    timelines: &'a Timelines,
    views: &'a [views::EntryView<'a>],
    scope: Scope<'_>,
) -> Site<'a> {
    let urls = Urls::new(&journal.config);
    match scope {
        Scope::Everything | Scope::Site(_) => {
            let mut json = serde_json::to_string_pretty(timelines).unwrap_or_default();
            json.push('\n');
            let pages = match scope {
                Scope::Site(entries) => pages::site_with(journal, timelines, &urls, views, entries),
                _ => pages::all(journal, timelines, &urls, views),
            };
            let mut data = vec![("timelines.json".into(), json)];
            data.extend(redirects::files(journal, &urls));
            Site { pages, data }
        }
        Scope::Entries(indices) => Site {
            pages: pages::entry_pages(journal, views, &urls, indices),
            data: Vec::new(),
        },
        Scope::Listings => Site {
            pages: pages::listings(journal, timelines, &urls, views),
            data: Vec::new(),
        },
    }
}

/// What every template sees as `site`: the config's values, the base path, the navigation, and
/// the stylesheet's address with its `version` (see [`crate::render::stylesheet_version`]).
pub fn site_data(config: &Config, stylesheet: Option<&str>) -> serde_json::Value {
    let urls = Urls::new(config);
    let nav: Vec<serde_json::Value> = pages::NAV
        .iter()
        .map(|(key, path)| json!({"name": config.strings.get(key), "path": path, "url": urls.link(path)}))
        .collect();
    json!({
        "title": config.title,
        "author": config.author,
        "base_url": config.base_url,
        "base_path": config.base_path(),
        "language": config.language,
        "layers": config.layers,
        "growth_target": config.growth_target,
        "extra": config.extra,
        "nav": nav,
        "feed_url": urls.link("/feed.xml"),
        "home_url": urls.link("/"),
        "stylesheet_url": match stylesheet {
            Some(version) => format!("{}?v={version}", urls.link("/style.css")),
            None => urls.link("/style.css"),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_written_as_index_files() {
        let page = |path: &str| Page {
            path: path.into(),
            template: "",
            data: data::PageData::Json(json!({})),
        };
        assert_eq!(page("/").output_file(), "index.html");
        assert_eq!(page("/2026/03/x/").output_file(), "2026/03/x/index.html");
        assert_eq!(page("/feed.xml").output_file(), "feed.xml");
    }

    #[test]
    fn links_carry_the_base_path() {
        let mut config = Config::default();
        config.set_base_url("https://example.org/sub/");
        let urls = Urls::new(&config);
        assert_eq!(urls.link("/tags/"), "/sub/tags/");
        assert_eq!(urls.absolute("/tags/"), "https://example.org/sub/tags/");
    }
}
