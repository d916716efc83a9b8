//! Templates: the built-in theme embedded in the binary, a journal's chosen theme, and the
//! journal's own `templates/` overriding either by name. Turns a [`Page`] into text.
//!
//! This module owns Tera; no other module knows which template engine strata uses.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::value::Value;
use tera::{Context, Tera};

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::site::Page;
use crate::site::data::{ArchiveYear, PageData};
use crate::site::views::EntryView;

use crate::theme::{self, Source};
pub use crate::theme::{STATIC_DIR, TEMPLATES_DIR, THEMES_DIR};

/// A file copied into the site as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asset {
    /// Bytes compiled into strata (the built-in theme).
    Embedded(&'static [u8]),
    /// A file of the journal or its theme.
    File(PathBuf),
}

/// The templates of one build, ready to render pages.
pub struct Renderer {
    tera: Tera,
    stylesheet: Option<String>,
    /// Whether lists show each entry's card rendered once ([`CARD`]): only when the card and
    /// what it includes are a built-in theme's, which read nothing but `entry`, `site` and
    /// `t`. A journal's own card may read the page or loop it is in, so each list renders it.
    cards: bool,
    /// Whether every template is a built-in theme's.
    built_in: bool,
    /// The site's header ([`HEADER`]) as rendered once for each navigation section, when it
    /// is a built-in theme's; `None` when it is the journal's own.
    headers: Option<std::sync::RwLock<HeaderTexts>>,
}

/// The site header's text by navigation section and whether the page is the home page: all the
/// built-in header reads of a page (`page.section`, `page.path == "/"`). A site has a handful
/// of sections, looked through in place, so finding one allocates nothing on each page.
type HeaderTexts = Vec<(String, bool, Value)>;

/// The site's header, with its navigation: the same on every page of a section, so pages
/// whose `page` object tells the section are handed it rendered once as `header_html`, where
/// rendering it again on each page took a tenth of the time of an entry's page.
pub const HEADER: &str = "partials/site_header.html";

/// The templates an entry's card is made of.
const CARD_PARTS: [&str; 2] = [CARD, "partials/entry_meta.html"];

/// The version of the site's stylesheet (`style.css`) as it is now: a short hash of its bytes,
/// put after its address (`style.css?v=…`) so that a browser fetches it again when it changed
/// and may keep it for as long as it likes otherwise. `None` when the site has none.
pub fn stylesheet_version(root: &Path, config: &Config) -> Option<String> {
    let bytes = match theme::files(root, config, STATIC_DIR).remove("style.css")? {
        Source::Embedded(file) => file.contents().to_vec(),
        Source::File(relative) => std::fs::read(root.join(relative)).ok()?,
    };
    Some(format!("{:016x}", crate::fingerprint::of(&bytes))[..10].to_string())
}

impl Renderer {
    /// Loads the theme and the journal's overrides; every template sees the config's values
    /// as `site`. Template syntax errors are returned, naming the template file.
    pub fn new(root: &Path, config: &Config) -> Result<Renderer, Vec<Diagnostic>> {
        let stylesheet = stylesheet_version(root, config);
        let site = crate::site::site_data(config, stylesheet.as_deref());
        let sources = theme::files(root, config, TEMPLATES_DIR);
        let templates = template_sources(root, &sources)?;
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        tera.add_raw_templates(
            templates
                .iter()
                .map(|(name, (_, text))| (name.as_str(), text.as_str())),
        )
        .map_err(|e| vec![template_error(&templates, &e)])?;
        tera.global_context().insert("site", &site);
        tera.global_context().insert("t", config.strings.as_ref());
        let built_in = |name: &&str| sources.get(*name).is_some_and(|s| theme::all_built_in([s]));
        Ok(Renderer {
            tera,
            stylesheet,
            cards: CARD_PARTS.iter().all(built_in),
            built_in: theme::all_built_in(sources.values()),
            headers: built_in(&HEADER).then(Default::default),
        })
    }

    /// An entry's card ([`CARD`]) rendered with the entry's converted view as `entry` (and
    /// `site` and `t`); `None` when the card is the journal's own, or it fails so.
    fn card(&self, entry: &Value) -> Option<String> {
        if !self.cards {
            return None;
        }
        let mut context = Context::new();
        context.insert_value("entry", entry.clone());
        self.tera.render(CARD, &context).ok()
    }

    /// The site header of a page with `data` and `context`, rendered on the first page of its
    /// section and kept for the others; `None` when the header is the journal's own, the page
    /// does not tell its section, or the header fails (the page then includes it, and fails
    /// with the page's own message).
    fn header(&self, data: &PageData<'_>, context: &Context) -> Option<Value> {
        let headers = self.headers.as_ref()?;
        let (section, path) = data.section_and_path()?;
        let home = path == "/";
        let known = |texts: &HeaderTexts| {
            texts
                .iter()
                .find(|(s, h, _)| s == section && *h == home)
                .map(|(_, _, text)| text.clone())
        };
        if let Some(text) = known(&*headers.read().ok()?) {
            return Some(text);
        }
        let text = Value::safe_string(&self.tera.render(HEADER, context).ok()?);
        let mut texts = headers.write().ok()?;
        // Another page of the section may have rendered it meanwhile.
        if known(&texts).is_none() {
            texts.push((section.to_string(), home, text.clone()));
        }
        Some(text)
    }

    /// Whether every template is built into strata, none the journal's own: such templates
    /// read only data typed and checked before them.
    pub fn templates_built_in(&self) -> bool {
        self.built_in
    }

    /// The stylesheet version the pages it renders name.
    pub fn stylesheet(&self) -> Option<&str> {
        self.stylesheet.as_deref()
    }

    /// Renders one page. `views` converts the journal's entry views for templates once, for
    /// every page that lists them ([`PreparedViews`]).
    pub fn render(&self, page: &Page<'_>, views: &PreparedViews<'_>) -> Result<String, Diagnostic> {
        let mut context = context(&page.data, views).map_err(|e| {
            Diagnostic::error(
                Path::new(page.template),
                None,
                None,
                format!("cannot pass page data: {e}"),
            )
        })?;
        if let Some(header) = self.header(&page.data, &context) {
            context.insert_value("header_html", header);
        }
        let mut text = self.tera.render(page.template, &context).map_err(|e| {
            Diagnostic::error(
                &Path::new(TEMPLATES_DIR).join(page.template),
                None,
                None,
                format!("while rendering {}: {}", page.path, error_chain(&e)),
            )
        })?;
        if page.template.ends_with(".xml") && text.contains(|c| !is_xml_char(c)) {
            // A control character pasted into a title or a body would make the feed or the
            // sitemap unreadable to every reader: XML has no way to write it, so it goes.
            text.retain(is_xml_char);
        }
        Ok(text)
    }
}

/// Whether XML 1.0 allows `c` in a document: tab, line feed, carriage return, and everything
/// from the space up but U+FFFE and U+FFFF (Rust's `char` has no surrogates).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
}

/// The journal's entry views converted for templates at most once each, in journal order: a
/// list page holds shared copies instead of converting each entry again (most of a large
/// site's entries appear on four or five pages), and a preview that renders two pages converts
/// only what those show. Each entry of a list carries its card, rendered once ([`CARD`]).
pub struct PreparedViews<'v> {
    views: &'v [EntryView<'v>],
    converted: Vec<std::sync::OnceLock<Value>>,
    /// Renders each listed entry's card; `None` for views that no list shows.
    cards: Option<&'v Renderer>,
    /// Views converted by an earlier render, by the fingerprint of the view, and each view's
    /// fingerprint by its index: a preview converts again only the views that changed.
    earlier: Option<(&'v ConvertedViews, &'v [u64])>,
}

/// Entry views as templates see them, with their cards, by the fingerprint of the view: what
/// a preview keeps between renders with the same templates, so that a change that reaches the
/// archive converts one view again, not ten thousand.
#[derive(Debug, Default)]
pub struct ConvertedViews(rustc_hash::FxHashMap<u64, Value>);

/// The template of an entry in a list. Pages that list entries show it as `entry.card_html`,
/// rendered once for every page that lists the entry, where rendering it again on each page
/// once took most of the time of a large journal's listing pages.
pub const CARD: &str = "partials/entry_card.html";

impl<'v> PreparedViews<'v> {
    /// Ready to convert `views` as pages ask for them, each listed one with its card rendered
    /// by `renderer`.
    pub fn new(views: &'v [EntryView<'v>], renderer: &'v Renderer) -> PreparedViews<'v> {
        PreparedViews {
            views,
            converted: views.iter().map(|_| std::sync::OnceLock::new()).collect(),
            cards: Some(renderer),
            earlier: None,
        }
    }

    /// Like [`PreparedViews::new`], taking from `earlier` each view whose fingerprint
    /// (`prints`, by index) it holds.
    pub fn reusing(
        views: &'v [EntryView<'v>],
        renderer: &'v Renderer,
        earlier: &'v ConvertedViews,
        prints: &'v [u64],
    ) -> PreparedViews<'v> {
        PreparedViews {
            earlier: Some((earlier, prints)),
            ..PreparedViews::new(views, renderer)
        }
    }

    /// Lets the converted views go on a thread of their own, beside whatever the command does
    /// next: a build that ends soon after need not wait for a large journal's to be freed.
    pub fn let_go(self) {
        let converted = self.converted;
        std::thread::spawn(move || drop(converted));
    }

    /// The views converted so far, and those of `earlier` still shown, for the next render.
    pub fn keep(self) -> ConvertedViews {
        let Some((earlier, prints)) = self.earlier else {
            return ConvertedViews::default();
        };
        let kept = prints.iter().enumerate().filter_map(|(i, &print)| {
            let value = self.converted.get(i).and_then(|cell| cell.get()).cloned();
            value
                .or_else(|| earlier.0.get(&print).cloned())
                .map(|value| (print, value))
        });
        ConvertedViews(kept.collect())
    }

    /// `views` converted each time a page asks, and never kept: for pages that each show a
    /// different entry, where keeping them would only hold memory.
    pub fn single_use(views: &'v [EntryView<'v>]) -> PreparedViews<'v> {
        PreparedViews {
            views,
            converted: Vec::new(),
            cards: None,
            earlier: None,
        }
    }

    /// `view` converted as a list shows it: shared when it is one of the views this was made
    /// from (the same entry title in memory at its index), else converted on the spot.
    fn get(&self, view: &EntryView<'_>) -> Value {
        match (self.converted.get(view.index), self.views.get(view.index)) {
            (Some(cell), Some(known)) if std::ptr::eq(known.title, view.title) => cell
                .get_or_init(|| {
                    self.earlier
                        .and_then(|(earlier, prints)| earlier.0.get(prints.get(view.index)?))
                        .cloned()
                        .unwrap_or_else(|| self.listed(known))
                })
                .clone(),
            _ => self.listed(view),
        }
    }

    /// `view` converted with its card as `card_html` — left out when the card is the
    /// journal's own (or fails on the entry alone), so each page renders it itself, as the
    /// built-in lists do when `card_html` is missing.
    fn listed(&self, view: &EntryView<'_>) -> Value {
        let plain = Value::from_serializable(view);
        let Some(card) = self.cards.and_then(|renderer| renderer.card(&plain)) else {
            return plain;
        };
        match plain.into_map() {
            Some(mut fields) => {
                fields.insert("card_html".into(), Value::safe_string(&card));
                Value::from(fields)
            }
            None => Value::from_serializable(view),
        }
    }

    /// Converts every view, with its card, at once and in parallel: for a build, whose pages
    /// together list every entry, so that no page converts one again.
    pub fn convert_all(&self) {
        use rayon::prelude::*;
        self.converted
            .par_iter()
            .zip(self.views)
            .for_each(|(cell, view)| {
                cell.get_or_init(|| self.listed(view));
            });
    }

    fn list(&self, views: &[&EntryView<'_>]) -> Value {
        Value::from(views.iter().map(|v| self.get(v)).collect::<Vec<_>>())
    }
}

/// The template context of a page: the same fields as its data serialises to, with entry
/// views taken from `views` rather than converted again.
fn context(data: &PageData<'_>, views: &PreparedViews<'_>) -> tera::TeraResult<Context> {
    let mut context = Context::new();
    match data {
        PageData::Entry(p) => {
            context.insert("page", &p.page);
            // The entry's own view, without a card: no list shows it here.
            context.insert("entry", p.entry);
            context.insert("content_html", p.content_html);
            context.insert("previous", &p.previous);
            context.insert("next", &p.next);
            context.insert("backlinks", &p.backlinks);
            context.insert("related", &p.related);
            context.insert("url", &p.url);
        }
        PageData::Tag(p) => {
            context.insert("page", &p.page);
            context.insert("tag", &p.tag);
            context.insert_value("entries", views.list(&p.entries));
        }
        PageData::Archive(p) => {
            context.insert("page", &p.page);
            context.insert_value("years", archive_years(&p.years, views));
        }
        PageData::Layer(p) => {
            context.insert("page", &p.page);
            context.insert("layer", p.layer);
            context.insert("chart", &p.chart);
            context.insert("quarters", &p.quarters);
            context.insert("capabilities", &p.capabilities);
            context.insert_value("entries", views.list(&p.entries));
        }
        PageData::Capability(p) => {
            context.insert("page", &p.page);
            context.insert("capability", &p.capability);
            context.insert("chart", &p.chart);
            let evidence = p.evidence.iter().map(|e| {
                map(vec![
                    ("entry", views.get(e.entry)),
                    ("stage", Value::from(e.stage)),
                ])
            });
            context.insert_value("evidence", Value::from(evidence.collect::<Vec<_>>()));
            context.insert_value("linked_from", views.list(&p.linked_from));
        }
        PageData::Json(_) | PageData::Review(_) | PageData::Sitemap(_) => {
            return Context::from_serialize(data);
        }
    }
    Ok(context)
}

/// A map value from its fields.
fn map(pairs: Vec<(&'static str, Value)>) -> Value {
    Value::from(
        pairs
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect::<BTreeMap<String, Value>>(),
    )
}

/// The archive's years, months and shared entry views.
fn archive_years(years: &[ArchiveYear<'_>], views: &PreparedViews<'_>) -> Value {
    let years = years.iter().map(|y| {
        let months = y.months.iter().map(|m| {
            map(vec![
                ("month", Value::from(m.month.as_str())),
                ("name", Value::from(m.name.as_str())),
                ("id", Value::from(m.id.as_str())),
                ("entries", views.list(&m.entries)),
            ])
        });
        map(vec![
            ("year", Value::from(y.year.as_str())),
            ("months", Value::from(months.collect::<Vec<_>>())),
        ])
    });
    Value::from(years.collect::<Vec<_>>())
}

/// Every template by name, with where it came from and its text: the built-in theme, then the
/// selected theme, then the journal's `templates/`, each overriding the one before.
fn template_sources(
    root: &Path,
    sources: &BTreeMap<String, Source>,
) -> Result<BTreeMap<String, (PathBuf, String)>, Vec<Diagnostic>> {
    let mut templates = BTreeMap::new();
    let mut errors = Vec::new();
    for (name, source) in sources {
        let name = name.clone();
        match source {
            Source::Embedded(file) => {
                let path = Path::new(THEMES_DIR).join(file.path());
                match file.contents_utf8() {
                    Some(text) => {
                        templates.insert(name, (path, text.to_string()));
                    }
                    None => errors.push(Diagnostic::error(&path, None, None, "is not UTF-8")),
                }
            }
            Source::File(relative) => match std::fs::read_to_string(root.join(relative)) {
                Ok(text) => {
                    templates.insert(name, (relative.clone(), text));
                }
                Err(e) => errors.push(Diagnostic::error(
                    relative,
                    None,
                    None,
                    format!("cannot be read: {e}"),
                )),
            },
        }
    }
    if errors.is_empty() {
        Ok(templates)
    } else {
        Err(errors)
    }
}

/// Static files by site path: the built-in theme's, the selected theme's, then the journal's
/// `static/`, each overriding the one before.
pub fn assets(root: &Path, config: &Config) -> BTreeMap<String, Asset> {
    theme::files(root, config, STATIC_DIR)
        .into_iter()
        .map(|(name, source)| {
            let asset = match source {
                Source::Embedded(file) => Asset::Embedded(file.contents()),
                Source::File(relative) => Asset::File(root.join(relative)),
            };
            (name, asset)
        })
        .collect()
}

fn template_error(
    templates: &BTreeMap<String, (PathBuf, String)>,
    error: &tera::Error,
) -> Diagnostic {
    let message = error_chain(error);
    // Tera names the template it failed on; point at its file when we can tell which.
    let path = templates
        .iter()
        .find(|(name, _)| message.contains(name.as_str()))
        .map_or_else(
            || PathBuf::from(TEMPLATES_DIR),
            |(_, (path, _))| path.clone(),
        );
    Diagnostic::error(&path, None, None, format!("template error: {message}"))
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    message
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// The context built with shared entry views is exactly what serialising the page data
    /// gives, for every page of a journal: no field is lost on the fast path.
    /// Calls `check` with the example journal's entry views and the plan of its site.
    fn with_example_site(check: impl FnOnce(&[EntryView<'_>], &crate::site::Site<'_>)) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-journal");
        let config = Config::load(&root).unwrap();
        let loaded =
            crate::journal::load(&root, config, crate::journal::Visibility::PUBLISHED).unwrap();
        let journal = &loaded.journal;
        let timelines = crate::timeline::aggregate(journal);
        let views = crate::site::entry_views(journal);
        let site = crate::site::plan(journal, &timelines, &views);
        check(&views, &site);
    }

    #[test]
    fn prepared_contexts_equal_serialised_page_data() {
        with_example_site(prepared_contexts_equal);
    }

    fn prepared_contexts_equal(views: &[EntryView<'_>], site: &crate::site::Site<'_>) {
        let prepared = PreparedViews::single_use(views);
        let mut tera = Tera::new();
        tera.add_raw_template("dump", "{{ __tera_context | safe }}")
            .unwrap();
        let mut kinds = std::collections::BTreeSet::new();
        for page in &site.pages {
            let fast = tera
                .render("dump", &context(&page.data, &prepared).unwrap())
                .unwrap();
            let plain = tera
                .render("dump", &Context::from_serialize(&page.data).unwrap())
                .unwrap();
            assert_eq!(fast, plain, "{}", page.path);
            kinds.insert(page.template);
        }
        for template in [
            "entry.html",
            "tag.html",
            "archive.html",
            "layer.html",
            "capability.html",
        ] {
            assert!(kinds.contains(template), "no {template} page was compared");
        }
    }

    /// The templates of a journal (in a temporary folder, kept while the first value is)
    /// whose only template of its own is `partials/NAME`, holding `text`.
    fn with_own_partial(name: &str, text: &str, config: &Config) -> (tempfile::TempDir, Renderer) {
        let journal = tempfile::tempdir().unwrap();
        let partials = journal.path().join("templates/partials");
        std::fs::create_dir_all(&partials).unwrap();
        std::fs::write(partials.join(name), text).unwrap();
        let renderer = Renderer::new(journal.path(), config).unwrap();
        (journal, renderer)
    }

    /// Every page lists its entries' cards as rendered once (`card_html`) exactly as it would
    /// render each card itself, and a journal's card that reads the page it is on is rendered
    /// by the page, as before.
    #[test]
    fn cards_rendered_once_read_as_cards_rendered_on_each_page() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-journal");
        let config = Config::load(&root).unwrap();
        let renderer = Renderer::new(&root, &config).unwrap();
        with_example_site(|views, site| {
            let once = PreparedViews::new(views, &renderer);
            let each = PreparedViews::single_use(views);
            let mut listing = 0;
            for page in &site.pages {
                let with_cards = renderer.render(page, &once).unwrap();
                assert_eq!(
                    with_cards,
                    renderer.render(page, &each).unwrap(),
                    "{}",
                    page.path
                );
                listing += usize::from(with_cards.contains("<article class=\"card\">"));
            }
            assert!(listing > 5, "only {listing} pages list cards");
        });
        // A journal's own card is rendered by each list, with the page it is on — even one
        // that would render without it (`page` undefined is no error inside `if`).
        let (_journal, mine) = with_own_partial(
            "entry_card.html",
            "{{ entry.title }}{% if page %} on {{ page.path }}{% endif %}",
            &config,
        );
        with_example_site(|views, site| {
            let prepared = PreparedViews::new(views, &mine);
            let tag = site
                .pages
                .iter()
                .find(|p| p.template == "tag.html")
                .unwrap();
            let text = mine.render(tag, &prepared).unwrap();
            assert!(text.contains(&format!(" on {}", tag.path)), "{text}");
        });
    }

    /// Every page shows the header rendered once for its section (`header_html`) exactly as
    /// it would render the header itself, and a journal's header that reads the page's title
    /// is rendered by each page.
    #[test]
    fn headers_rendered_once_read_as_headers_rendered_on_each_page() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-journal");
        let config = Config::load(&root).unwrap();
        let once = Renderer::new(&root, &config).unwrap();
        let mut each = Renderer::new(&root, &config).unwrap();
        each.headers = None;
        with_example_site(|views, site| {
            let views = PreparedViews::single_use(views);
            for page in &site.pages {
                let text = once.render(page, &views).unwrap();
                assert_eq!(text, each.render(page, &views).unwrap(), "{}", page.path);
            }
        });
        let sections = once.headers.as_ref().unwrap().read().unwrap().len();
        assert!(sections >= 4, "only {sections} sections' headers were kept");
        // A journal's own header, which may read anything of the page.
        let (_journal, mine) = with_own_partial(
            "site_header.html",
            "<header>{{ page.title }}</header>",
            &config,
        );
        with_example_site(|views, site| {
            let views = PreparedViews::single_use(views);
            let mut entries = 0;
            for page in &site.pages {
                let PageData::Entry(data) = &page.data else {
                    continue;
                };
                let text = mine.render(page, &views).unwrap();
                let title = crate::format::escape_markup(data.page.title).replace('\'', "&#39;");
                assert!(
                    text.contains(&format!("<header>{title}</header>")),
                    "{text}"
                );
                entries += 1;
            }
            assert!(entries > 10, "only {entries} entry pages");
        });
    }

    /// The part of `docs` from the heading `heading` to the next heading of its level or above.
    fn section<'d>(docs: &'d str, heading: &str) -> &'d str {
        let start = docs
            .find(heading)
            .unwrap_or_else(|| panic!("no {heading:?}"));
        let level = heading.chars().take_while(|c| *c == '#').count();
        let rest = &docs[start + heading.len()..];
        let end = rest
            .match_indices("\n#")
            .find(|(at, _)| rest[at + 1..].chars().take_while(|c| *c == '#').count() <= level)
            .map_or(rest.len(), |(at, _)| at);
        &rest[..end]
    }

    fn keys(value: &serde_json::Value) -> Vec<String> {
        value
            .as_object()
            .map(|o| o.keys().filter(|k| *k != "page").cloned().collect())
            .unwrap_or_default()
    }

    fn undocumented(keys: &[String], text: &str) -> Vec<String> {
        keys.iter()
            .filter(|k| !text.contains(&format!("`{k}`")) && !text.contains(&format!("`{k} ")))
            .cloned()
            .collect()
    }

    /// `docs/templates.md` names every template of the built-in themes, and every name each
    /// page's data gives its template — checked against the data the example journal's pages
    /// serialise to, so the documentation cannot fall behind the code.
    #[test]
    fn the_template_docs_name_every_template_and_every_field() {
        let docs = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/templates.md"),
        )
        .unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-journal");
        let config = Config::load(&root).unwrap();
        let listed = section(&docs, "## Templates of the built-in theme");
        for theme in crate::theme::built_in_names() {
            let chosen = Config {
                theme: Some(theme.into()),
                ..config.clone()
            };
            for name in crate::theme::files(&root, &chosen, TEMPLATES_DIR).keys() {
                assert!(
                    listed.contains(&format!("`{name}`")),
                    "{name} is not documented"
                );
            }
        }
        with_example_site(|_, site| every_field_documented(&docs, site));
    }

    fn every_field_documented(docs: &str, site: &crate::site::Site<'_>) {
        let table = section(docs, "## Data of each page");
        let mut missing = Vec::new();
        for page in &site.pages {
            let data = serde_json::to_value(&page.data).unwrap();
            let row = table
                .lines()
                .find(|l| {
                    l.starts_with("| `")
                        && l.split(" | ")
                            .next()
                            .unwrap_or("")
                            .contains(&format!("`{}`", page.template))
                })
                .unwrap_or_else(|| panic!("no row for {}", page.template));
            missing.extend(
                undocumented(&keys(&data), row)
                    .into_iter()
                    .map(|k| format!("{}: {k}", page.template)),
            );
            let nested = [
                ("progress", "### The dashboard's `progress`"),
                ("review", "### A review"),
                ("quarters", "### A period line"),
                ("entry", "## An entry"),
            ];
            for (field, heading) in nested {
                let value = match &data[field] {
                    serde_json::Value::Array(items) if page.template == "progress.html" => {
                        items.first().cloned().unwrap_or_default()
                    }
                    serde_json::Value::Object(_) if page.template != "capability.html" => {
                        data[field].clone()
                    }
                    _ => continue,
                };
                let text = section(docs, heading);
                missing.extend(
                    undocumented(&keys(&value), text)
                        .into_iter()
                        .map(|k| format!("{}: {field}.{k}", page.template)),
                );
            }
        }
        missing.sort();
        missing.dedup();
        assert!(
            missing.is_empty(),
            "undocumented in docs/templates.md: {missing:?}"
        );
    }
}
