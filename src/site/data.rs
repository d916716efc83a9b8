//! What each page's template sees: typed, serialisable page data. The pages that hold many
//! entries (each entry's page, tags, the archive, layers, capabilities, reviews) are structs of
//! references into the journal and its entry views, so planning a site copies no entry; the
//! small pages are still assembled as JSON. The fingerprint that decides whether a preview
//! renders a page again is taken from the same data, so it covers every field a page shows.
//!
//! The helpers that make pages live here too, so every module that plans pages depends on this
//! one and none on another.

use serde::Serialize;
use serde_json::Value;

use serde_json::json;

use super::Page;
use super::views::{EntryView, Link};
use crate::review::Review;

/// The data of one page, besides `site`. Each kind serialises as its fields alone, so
/// templates see `page`, `entry`, `entries`… whatever the kind.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum PageData<'a> {
    /// Data assembled as JSON (small pages and aggregates).
    Json(Value),
    /// An entry at its permalink.
    Entry(EntryPage<'a>),
    /// A tag's entries.
    Tag(TagPage<'a>),
    /// Every entry by year and month.
    Archive(ArchivePage<'a>),
    /// A layer's entries and share.
    Layer(LayerPage<'a>),
    /// One capability and its evidence.
    Capability(CapabilityPage<'a>),
    /// A quarterly review.
    Review(Box<ReviewPage>),
    /// The sitemap.
    Sitemap(SitemapPage<'a>),
}

impl PageData<'_> {
    /// The page's navigation section and path (`page.section`, `page.path`), for the pages
    /// whose `page` object has them; `None` for data files and pages assembled as JSON.
    pub fn section_and_path(&self) -> Option<(&str, &str)> {
        let page = match self {
            PageData::Entry(p) => return Some((p.page.section, p.page.path)),
            PageData::Tag(p) => &p.page,
            PageData::Archive(p) => &p.page,
            PageData::Layer(p) => &p.page,
            PageData::Capability(p) => &p.page,
            PageData::Json(_) | PageData::Review(_) | PageData::Sitemap(_) => return None,
        };
        Some((page.get("section")?.as_str()?, page.get("path")?.as_str()?))
    }
}

/// The `page` object of an entry's page: the same fields as [`page_meta`] gives other pages,
/// and the date, all borrowed from the entry.
#[derive(Debug, Clone, Serialize)]
pub struct EntryMeta<'a> {
    /// The entry's title.
    pub title: &'a str,
    /// Its permalink.
    pub path: &'a str,
    /// The navigation section it belongs to.
    pub section: &'static str,
    /// Its summary as text.
    pub description: &'a str,
    /// `2026-03-14`.
    pub date: &'a str,
}

/// `entry.html`.
#[derive(Debug, Clone, Serialize)]
pub struct EntryPage<'a> {
    /// The `page` object.
    pub page: EntryMeta<'a>,
    /// The entry.
    #[serde(serialize_with = "view")]
    pub entry: &'a EntryView<'a>,
    /// Its body as HTML.
    pub content_html: &'a str,
    /// The entry before it, by date.
    pub previous: Option<Link>,
    /// The entry after it.
    pub next: Option<Link>,
    /// The entries that link to it, oldest first.
    pub backlinks: Vec<Backlink<'a>>,
    /// Up to five entries sharing the most tags and capabilities with it, most shared first,
    /// then newest first.
    pub related: Vec<RelatedEntry<'a>>,
    /// Its link, with the base path.
    pub url: String,
}

/// Another entry as a page lists it: its title, page and date, borrowed from its view.
#[derive(Debug, Clone, PartialEq, Hash, Serialize)]
pub struct EntryLink<'a> {
    /// Its title.
    pub name: &'a str,
    /// Its page.
    pub url: &'a str,
    /// Its date, in words.
    pub date: &'a str,
    /// Its date, `2026-03-14`.
    pub iso: &'a str,
}

/// An entry related to the page's entry: it shares tags or capabilities with it.
#[derive(Debug, Clone, PartialEq, Hash, Serialize)]
pub struct RelatedEntry<'a> {
    /// Its title, page and date (`name`, `url`, `date`, `iso`).
    #[serde(flatten)]
    pub link: EntryLink<'a>,
    /// The tags and capabilities the two share, as the page's entry spells them.
    pub shared: Vec<&'a str>,
}

/// An entry that links to the page's entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Backlink<'a> {
    /// Its title, page and date (`name`, `url`, `date`, `iso`).
    #[serde(flatten)]
    pub link: EntryLink<'a>,
    /// The sentence its link stands in, as plain text, borrowed from its rendered body.
    pub sentence: Option<&'a str>,
}

/// `tag.html`.
#[derive(Debug, Clone, Serialize)]
pub struct TagPage<'a> {
    /// The `page` object.
    pub page: Value,
    /// The tag as first written.
    pub tag: String,
    /// Its entries, newest first.
    #[serde(serialize_with = "views")]
    pub entries: Vec<&'a EntryView<'a>>,
}

/// `archive.html`.
#[derive(Debug, Clone, Serialize)]
pub struct ArchivePage<'a> {
    /// The `page` object.
    pub page: Value,
    /// Years, newest first.
    pub years: Vec<ArchiveYear<'a>>,
}

/// A year of the archive.
#[derive(Debug, Clone, Serialize)]
pub struct ArchiveYear<'a> {
    /// `2026`.
    pub year: String,
    /// Its months with entries, newest first.
    pub months: Vec<ArchiveMonth<'a>>,
}

/// A month of the archive.
#[derive(Debug, Clone, Serialize)]
pub struct ArchiveMonth<'a> {
    /// `03`.
    pub month: String,
    /// `March`.
    pub name: String,
    /// `2026-03`, the id of its heading.
    pub id: String,
    /// Its entries, newest first.
    #[serde(serialize_with = "views")]
    pub entries: Vec<&'a EntryView<'a>>,
}

/// `layer.html`.
#[derive(Debug, Clone, Serialize)]
pub struct LayerPage<'a> {
    /// The `page` object.
    pub page: Value,
    /// The layer.
    pub layer: &'a str,
    /// Its share per quarter, as SVG.
    pub chart: String,
    /// Its share per quarter, as table rows.
    pub quarters: Vec<Value>,
    /// The capabilities its entries are evidence of, most evidence first.
    pub capabilities: Vec<Exercised>,
    /// Its entries, newest first.
    #[serde(serialize_with = "views")]
    pub entries: Vec<&'a EntryView<'a>>,
}

/// A capability as a layer exercises it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exercised {
    /// Its name.
    pub name: String,
    /// Its page.
    pub url: String,
    /// How many of the layer's entries are evidence of it.
    pub entries: usize,
    /// The furthest stage those entries show.
    pub stage: &'static str,
    /// Both in words: "3 entries, furthest practiced".
    pub line: String,
}

/// `capability.html`.
#[derive(Debug, Clone, Serialize)]
pub struct CapabilityPage<'a> {
    /// The `page` object.
    pub page: Value,
    /// Its name, link, first attempt and demonstration, and evidence count.
    pub capability: Value,
    /// Its stages over time, as SVG.
    pub chart: Option<String>,
    /// Every entry that is evidence of it, oldest first.
    pub evidence: Vec<Evidence<'a>>,
    /// The entries that link to it (`[[capability:…]]`), newest first.
    #[serde(serialize_with = "views")]
    pub linked_from: Vec<&'a EntryView<'a>>,
}

/// One entry as evidence of a capability.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence<'a> {
    /// The entry.
    #[serde(serialize_with = "view")]
    pub entry: &'a EntryView<'a>,
    /// The stage it shows.
    pub stage: &'static str,
}

/// `sitemap.xml`.
#[derive(Debug, Clone, Serialize)]
pub struct SitemapPage<'a> {
    /// The `page` object.
    pub page: Value,
    /// Every page, by address.
    pub urls: Vec<SitemapUrl<'a>>,
}

/// One page in the sitemap.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct SitemapUrl<'a> {
    /// Its absolute URL.
    pub loc: String,
    /// Its date, `2026-03-14`, when it has one.
    pub lastmod: Option<&'a str>,
}

/// `review.html`.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewPage {
    /// The `page` object.
    pub page: Value,
    /// The review.
    pub review: Review,
    /// The growth share against the band, as SVG.
    pub gauge: String,
    /// The quarter before, `{name, url}`.
    pub previous: Option<Value>,
    /// The quarter after.
    pub next: Option<Value>,
}

/// Serialises an entry view as itself — or, while a preview takes a page's fingerprint, as the
/// view's own fingerprint ([`crate::fingerprint::of_json_with_views`]).
fn view<S: serde::Serializer>(view: &&EntryView<'_>, serializer: S) -> Result<S::Ok, S::Error> {
    match crate::fingerprint::view_print(view.index) {
        Some(print) => serializer.serialize_u64(print),
        None => view.serialize(serializer),
    }
}

/// A list of entry views, each as [`view`] serialises it.
fn views<S: serde::Serializer>(list: &[&EntryView<'_>], serializer: S) -> Result<S::Ok, S::Error> {
    struct One<'v>(&'v EntryView<'v>);
    impl Serialize for One<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            view(&self.0, serializer)
        }
    }
    serializer.collect_seq(list.iter().map(|v| One(v)))
}

/// The `page` object every template gets: its title, site path, link and a description.
pub fn page_meta(title: &str, path: &str, section: &str, description: &str) -> Value {
    json!({"title": title, "path": path, "section": section, "description": description})
}

/// A page whose data is assembled as JSON, with its `page` object put in.
pub fn page(path: &str, template: &'static str, meta: Value, mut data: Value) -> Page<'static> {
    if let Value::Object(map) = &mut data {
        map.insert("page".into(), meta);
    }
    typed(path, template, PageData::Json(data))
}

/// A page of typed data.
pub fn typed<'a>(path: &str, template: &'static str, data: PageData<'a>) -> Page<'a> {
    Page {
        path: path.into(),
        template,
        data,
    }
}
