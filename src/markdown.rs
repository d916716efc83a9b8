//! Markdown → HTML for one entry: pulldown-cmark with tables, footnotes, strikethrough, task
//! lists, heading ids and smart punctuation; summaries; word counts; and links, rewritten so
//! that a link to another entry's `.md` file lands on its permalink and a root-relative link
//! carries the site's base path.
//!
//! This module does not decide which entries are published: the caller passes the map of
//! entry files to permalinks, with `None` for entries that must not be linked.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Location, line_column};
use crate::wiki::{Found, WikiTargets};

/// Where a summary ends when the writer marks it.
const MORE_MARKER: &str = "<!-- more -->";
/// Ids the built-in templates use on entry pages; headings never take them.
pub const RESERVED_IDS: &[&str] = &[
    "main",
    "capabilities-heading",
    "backlinks-heading",
    "related-heading",
];
/// Words a minute, for reading time.
const WORDS_PER_MINUTE: usize = 200;

/// An entry's body as HTML, with what was learnt while rendering it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Rendered {
    /// The whole body; shared, since a preview keeps it between rebuilds and each rebuild's
    /// journal holds it again.
    pub html: std::sync::Arc<str>,
    /// The summary as HTML: the front matter's, the text before `<!-- more -->`, or the first paragraph.
    pub summary_html: String,
    /// The summary as plain text, for feeds, search and page descriptions.
    pub summary_text: String,
    /// Words in the body.
    pub word_count: usize,
    /// Minutes to read the body, at least 1.
    pub reading_minutes: usize,
    /// Permalinks of the entries this one links to, without the base path.
    pub links_to: BTreeSet<String>,
    /// For each of those, the sentence of this body its first link to it stands in, as plain
    /// text: what the linked entry's backlinks quote.
    pub link_sentences: BTreeMap<String, String>,
    /// Site paths of the capability, layer and tag pages its `[[wiki links]]` name.
    pub links_to_pages: BTreeSet<String>,
    /// Files beside the entry that it links to or shows, to publish next to its page.
    pub attachments: Vec<Attachment>,
    /// What its links looked up, and found.
    #[serde(skip)]
    pub lookups: Lookups,
    /// A fingerprint of everything this was rendered from (the text, the entry's file and
    /// permalink, and what its links found), set when a preview keeps it; 0 otherwise.
    #[serde(skip)]
    pub source_print: u64,
}

/// What a body's links looked up in [`Links`], and what each found: the rendered body stays
/// right for as long as every lookup finds the same, whatever else changes in the journal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Lookups {
    /// Entry files linked to, and the permalink each had (`Some(None)`: not published;
    /// `None`: no such entry).
    entries: BTreeMap<PathBuf, Option<Option<String>>>,
    /// Files beside the entry linked to or shown, and whether each was there.
    attachments: BTreeMap<PathBuf, bool>,
    /// Wiki link targets (`[[Budget season]]`), and what each found.
    wiki: BTreeMap<String, Found>,
}

impl Lookups {
    /// Whether every lookup finds in `links` what it found before.
    pub fn still_hold(&self, links: Links<'_>) -> bool {
        self.entries
            .iter()
            .all(|(file, found)| links.entries.get(file) == found.as_ref())
            && self
                .attachments
                .iter()
                .all(|(file, found)| links.attachments.contains(file) == *found)
            && self
                .wiki
                .iter()
                .all(|(target, found)| links.wiki.find(target) == *found)
    }
}

/// A file beside an entry (an image, a PDF) that the entry links to, and where the site has it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Attachment {
    /// The file, relative to the journal (`entries/2026/03/whiteboard.png`).
    pub source: PathBuf,
    /// Its site path, next to the entry's page (`/2026/03/hiring-cap/whiteboard.png`).
    pub path: String,
}

/// What links may point at.
#[derive(Debug, Clone, Copy)]
pub struct Links<'a> {
    /// The site's base path (`/` or `/sub/`), put before every root-relative link.
    pub base_path: &'a str,
    /// Every entry file (relative to the journal) to its permalink, or `None` when the entry is
    /// not published in this build.
    pub entries: &'a BTreeMap<PathBuf, Option<String>>,
    /// Every other file under `entries/` (relative to the journal): what an entry may show or
    /// link to beside it.
    pub attachments: &'a BTreeSet<PathBuf>,
    /// What `[[wiki links]]` may name: the entries, capabilities, tags and layers shown.
    pub wiki: &'a WikiTargets,
    /// Entry files shown here that a published build hides (private and draft ones, in a
    /// check or a private preview): a link to one is a warning, for it will be plain text once
    /// published.
    pub unpublished: &'a BTreeSet<PathBuf>,
}

/// The entry being rendered: its file (relative to the journal), its permalink, and the line
/// of the file its body starts on.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The entry file.
    pub path: &'a Path,
    /// The entry's permalink, where files beside it are published.
    pub permalink: &'a str,
    /// The line of the file where the body starts.
    pub body_line: usize,
}

/// Renders the body of the entry at `source`. Links to entries that cannot be resolved are
/// returned as warnings and rendered as plain text, so that nothing unpublished is named;
/// links and images pointing at files beside the entry are rewritten to where the site
/// publishes those files, and at missing files are warnings.
pub fn render(
    source: Source<'_>,
    body: &str,
    summary: Option<&str>,
    links: Links<'_>,
) -> (Rendered, Vec<Diagnostic>) {
    let mut pass = Pass {
        source: source.path,
        permalink: source.permalink,
        body,
        body_line: source.body_line,
        links,
        warnings: Vec::new(),
        links_to: BTreeSet::new(),
        link_sentences: BTreeMap::new(),
        links_to_pages: BTreeSet::new(),
        attachments: BTreeSet::new(),
        lookups: Lookups::default(),
        unsaid: 0,
    };
    let events = pass.events(body);
    let html = to_html(&events).into();
    let summary_events = summary_events(&mut pass, &events, summary);
    let word_count = word_count(&events);
    let warnings = pass.take_warnings();
    // A summary taken from the body shows no template tag another generator would have run
    // (`{% include note.html %}`, `{{< youtube id >}}`): in a list of entries it is noise.
    let derived = summary.is_none();
    let untagged = |text: String| {
        // Every tag starts with `{`: most summaries have none to take out.
        if derived && text.contains('{') {
            without_template_tags(&text)
        } else {
            text
        }
    };
    let rendered = Rendered {
        html,
        summary_html: untagged(to_html(&summary_events)),
        summary_text: single_spaced(&untagged(plain_text(&summary_events))),
        word_count,
        reading_minutes: word_count.div_ceil(WORDS_PER_MINUTE).max(1),
        links_to: pass.links_to,
        link_sentences: pass.link_sentences,
        links_to_pages: pass.links_to_pages,
        attachments: pass.attachments.into_iter().collect(),
        lookups: pass.lookups,
        source_print: 0,
    };
    (rendered, warnings)
}

/// The events of an entry's summary: the front matter's `summary`, else the body up to
/// `<!-- more -->`, else its first paragraph — without footnote references, which would lead
/// nowhere in a list.
fn summary_events<'t>(
    pass: &mut Pass<'t>,
    events: &[Event<'t>],
    summary: Option<&str>,
) -> Vec<Event<'t>> {
    let body = pass.body;
    let events: Vec<Event<'t>> = match (summary, more_marker(body)) {
        (Some(text), _) => vec![
            Event::Start(Tag::Paragraph),
            Event::Text(CowStr::from(text.trim().to_string())),
            Event::End(TagEnd::Paragraph),
        ],
        (None, Some(end)) => pass.events(body.get(..end).unwrap_or("")),
        (None, None) => first_paragraph(events),
    };
    events
        .into_iter()
        .filter(|e| !matches!(e, Event::FootnoteReference(_)))
        .collect()
}

/// Where `<!-- more -->` starts in `body`, found by its first character, which most bodies
/// never hold: searching every whole body for the marker took a twentieth of reading a
/// journal.
fn more_marker(body: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = body.get(from..)?.find('<') {
        let at = from + at;
        if body[at..].starts_with(MORE_MARKER) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// `text` (plain or HTML) without the template tags of Jekyll (`{% … %}`, `{{ … }}`) and Hugo
/// (`{{< … >}}`, `{{% … %}}`), each as written or with its `<` and `>` escaped, and never
/// across a line or an HTML tag.
pub fn without_template_tags(text: &str) -> String {
    const FORMS: [(&str, &str); 5] = [
        ("{{&lt;", "&gt;}}"),
        ("{{<", ">}}"),
        ("{{%", "%}}"),
        ("{%", "%}"),
        ("{{", "}}"),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let here = &rest[at..];
        let tag = FORMS.iter().find_map(|(open, close)| {
            let inner = here.strip_prefix(open)?;
            let end = inner.find(close)?;
            let within = &inner[..end];
            (!within.contains(['\n', '<', '{'])).then_some(open.len() + end + close.len())
        });
        match tag {
            Some(len) => rest = &here[len..],
            None => {
                out.push('{');
                rest = &here[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

/// Where the quoted value of the next `href=` or `src=` attribute starts (at its opening
/// quote) in `lower`, HTML already lowered to ASCII lower case.
fn find_url_attribute(lower: &str) -> Option<usize> {
    ["href=\"", "href='", "src=\"", "src='"]
        .iter()
        .filter_map(|a| lower.find(a).map(|at| at + a.len() - 1))
        .min()
}

/// What a table is put in: a box that scrolls it sideways when it is wider than the page.
const TABLE_BOX_OPEN: &str = "<div class=\"table-scroll\" tabindex=\"0\">\n";

/// Footnotes and task-list checkboxes as the site writes them: footnote ids get a prefix so
/// they cannot clash with heading ids, and a checkbox needs a label to be read out (its state
/// is the label). Any other event is kept.
fn relabel(event: Event<'_>) -> Event<'_> {
    match event {
        Event::FootnoteReference(name) => Event::FootnoteReference(format!("fn-{name}").into()),
        Event::Start(Tag::FootnoteDefinition(name)) => {
            Event::Start(Tag::FootnoteDefinition(format!("fn-{name}").into()))
        }
        Event::TaskListMarker(done) => Event::InlineHtml(CowStr::from(if done {
            r#"<input type="checkbox" disabled checked aria-label="done"> "#
        } else {
            r#"<input type="checkbox" disabled aria-label="not done"> "#
        })),
        other => other,
    }
}

struct Pass<'a> {
    source: &'a Path,
    permalink: &'a str,
    body: &'a str,
    body_line: usize,
    links: Links<'a>,
    warnings: Vec<Diagnostic>,
    links_to: BTreeSet<String>,
    link_sentences: BTreeMap<String, String>,
    links_to_pages: BTreeSet<String>,
    attachments: BTreeSet<Attachment>,
    lookups: Lookups,
    /// Problems found past [`MOST_WARNINGS`], counted rather than listed.
    unsaid: usize,
}

/// The most problems one body reports one by one; the rest are counted. A body with thousands
/// of broken links would otherwise print (and keep) thousands of quoted lines.
const MOST_WARNINGS: usize = 20;

/// A body's events as they are written out: each heading given its id once it is whole, each
/// table wrapped in a box that scrolls on a narrow screen.
#[derive(Default)]
struct Placed<'t> {
    events: Vec<Event<'t>>,
    /// The events of the heading under way.
    heading: Option<Vec<Event<'t>>>,
    /// The ids given so far, and those the page itself uses.
    used_ids: Option<BTreeSet<String>>,
}

impl<'t> Placed<'t> {
    fn push(&mut self, event: Event<'t>) {
        match (&mut self.heading, event) {
            (None, event @ Event::Start(Tag::Heading { .. })) => self.heading = Some(vec![event]),
            (Some(events), Event::End(TagEnd::Heading(level))) => {
                events.push(Event::End(TagEnd::Heading(level)));
                let used = self
                    .used_ids
                    .get_or_insert_with(|| RESERVED_IDS.iter().map(|id| id.to_string()).collect());
                self.events.extend(with_id(std::mem::take(events), used));
                self.heading = None;
            }
            (Some(events), event) => events.push(event),
            // A table wider than a phone scrolls in its own box, which a keyboard must be
            // able to reach: the box takes focus.
            (None, event @ Event::Start(Tag::Table(_))) => {
                self.events.push(Event::Html(TABLE_BOX_OPEN.into()));
                self.events.push(event);
            }
            (None, event @ Event::End(TagEnd::Table)) => {
                self.events.push(event);
                self.events.push(Event::Html("</div>\n".into()));
            }
            (None, event) => self.events.push(event),
        }
    }
}

impl Pass<'_> {
    /// Parses `text` and rewrites its links and headings.
    fn events<'t>(&mut self, text: &'t str) -> Vec<Event<'t>> {
        let mut placed = Placed::default();
        let mut dropping_link = false;
        for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
            if let Some(event) = self.rewritten(event, range.start, &mut dropping_link) {
                placed.push(event);
            }
        }
        placed.events
    }

    /// `event` (at `offset` in the body) with its links and images resolved; `None` for a
    /// link that leads nowhere this build shows, which is dropped with its end (`dropping_link`
    /// says one was) so that only its text remains.
    fn rewritten<'t>(
        &mut self,
        event: Event<'t>,
        offset: usize,
        dropping_link: &mut bool,
    ) -> Option<Event<'t>> {
        Some(match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let resolved = match link_type {
                    LinkType::WikiLink { .. } => self.wiki_link(&dest_url, offset),
                    _ => self.rewrite(&dest_url, offset),
                };
                *dropping_link = resolved.is_none();
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: resolved?.into(),
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Link) if *dropping_link => {
                *dropping_link = false;
                return None;
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: self.image_url(&dest_url, offset).into(),
                title,
                id,
            }),
            Event::Html(html) => Event::Html(self.html_links(&html, offset).into()),
            Event::InlineHtml(html) => Event::InlineHtml(self.html_links(&html, offset).into()),
            other => relabel(other),
        })
    }

    /// The URL an image should load: root-relative ones under the base path, files beside
    /// the entry where the site publishes them, an entry file as a link to it is (nothing, when
    /// it is hidden), anything else as written.
    fn image_url(&mut self, url: &str, offset: usize) -> String {
        if let Some((target, fragment)) = self.entry_file(url) {
            // An entry is no picture; a hidden one's name must not show either.
            return self
                .link_to_entry(target, &fragment, url, offset)
                .unwrap_or_default();
        }
        match self.root_relative(url) {
            Some(rooted) => rooted,
            None => self
                .beside(url, offset, "image")
                .unwrap_or_else(|| url.to_string()),
        }
    }

    /// The URL a `[[wiki link]]` to `target` points at (`Budget season#What I learnt`), or
    /// `None` when it must become plain text: it names nothing shown in this build, or more
    /// than one entry. An entry goes through [`Pass::link_to_entry`], like every other link to
    /// one.
    fn wiki_link(&mut self, target: &str, offset: usize) -> Option<String> {
        let (name, heading) = match target.split_once('#') {
            Some((name, heading)) => (name, Some(heading)),
            None => (target, None),
        };
        let fragment = heading.map_or_else(String::new, |h| format!("#{}", slug::slugify(h)));
        let found = self.links.wiki.find(name);
        self.lookups.wiki.insert(name.to_string(), found.clone());
        match found {
            Found::Entry(file) => {
                self.link_to_entry(file, &fragment, &format!("[[{target}]]"), offset)
            }
            Found::Page(path) => {
                let url = format!("{}{}", self.links.base_path, path.trim_start_matches('/'));
                self.links_to_pages.insert(path);
                Some(url)
            }
            Found::Ambiguous(files) => {
                let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
                self.warn(
                    offset,
                    format!(
                        "`[[{target}]]` names more than one entry ({}); it is shown as plain text — link to one by its slug or file name",
                        names.join(" and ")
                    ),
                );
                None
            }
            Found::Nothing => {
                self.warn(
                    offset,
                    format!("`[[{target}]]`: no entry has that title, slug or file name, and no page that name; it is shown as plain text"),
                );
                None
            }
        }
    }

    /// The URL a link should point at, or `None` when the link must become plain text.
    fn rewrite(&mut self, url: &str, offset: usize) -> Option<String> {
        if let Some((target, fragment)) = self.entry_file(url) {
            return self.link_to_entry(target, &fragment, url, offset);
        }
        if let Some(rooted) = self.root_relative(url) {
            return Some(rooted);
        }
        if is_external(url) || url.starts_with('#') {
            return Some(url.to_string());
        }
        Some(
            self.beside(url, offset, "link")
                .unwrap_or_else(|| url.to_string()),
        )
    }

    /// Raw HTML with each `href="…"` or `src="…"` that names an entry file decided as a
    /// markdown link to it is: its page when published, else `#` — a hidden entry's name is
    /// not written even from a hand-written `<a>`. Other attributes are left as written.
    fn html_links(&mut self, html: &str, offset: usize) -> String {
        // Lowered once: the attribute names are found in it, at the same byte offsets.
        let lower = html.to_ascii_lowercase();
        let mut out = String::with_capacity(html.len());
        let mut done = 0;
        while let Some(at) = find_url_attribute(&lower[done..]).map(|at| done + at) {
            out.push_str(&html[done..at]);
            let quote = html[at..].chars().next().unwrap_or('"');
            let end = html[at + 1..]
                .find(quote)
                .map_or(html.len(), |i| at + 1 + i);
            let value = &html[at + 1..end];
            match self.entry_file(value) {
                Some((target, fragment)) => {
                    let url = self.link_to_entry(target, &fragment, value, offset);
                    out.push(quote);
                    out.push_str(&url.unwrap_or_else(|| "#".into()));
                }
                None => out.push_str(&html[at..end]),
            }
            done = end;
        }
        out.push_str(&html[done..]);
        out
    }

    /// The entry file a link or image names, with the `#fragment` to keep, when it names one:
    /// in any form — beside the entry or from the journal's root (`/entries/…`), with a
    /// `?query` or a trailing `/` — so that every form of a link to a hidden entry is decided
    /// in one place, [`Pass::link_to_entry`].
    fn entry_file(&self, url: &str) -> Option<(PathBuf, String)> {
        if is_external(url) || url.starts_with('#') {
            return None;
        }
        let (before, fragment) = match url.split_once('#') {
            Some((before, fragment)) => (before, format!("#{fragment}")),
            None => (url, String::new()),
        };
        let path = before.split('?').next().unwrap_or("").trim_end_matches('/');
        if !(path.ends_with(".md") || path.ends_with(".markdown")) {
            return None;
        }
        let target = match path.strip_prefix('/') {
            Some(rooted) => normalise(Path::new(&percent_decode(rooted))),
            None => self.beside_entry(path),
        };
        Some((target, fragment))
    }

    /// Where a link to the entry file `target` goes: its page when it is published, else
    /// nowhere — the link becomes plain text, and nothing of the hidden entry (not its name,
    /// not its slug) is written.
    fn link_to_entry(
        &mut self,
        target: PathBuf,
        fragment: &str,
        url: &str,
        offset: usize,
    ) -> Option<String> {
        let found = self.links.entries.get(&target);
        let unpublished = self.links.unpublished.contains(&target);
        self.lookups.entries.insert(target, found.cloned());
        match found {
            Some(Some(permalink)) => {
                if unpublished {
                    self.warn(offset, format!("link to `{url}`, a private or draft entry: a published build shows it as plain text"));
                }
                self.links_to.insert(permalink.clone());
                if !self.link_sentences.contains_key(permalink) {
                    let sentence = sentence_at(self.body, offset);
                    self.link_sentences.insert(permalink.clone(), sentence);
                }
                Some(format!(
                    "{}{}{fragment}",
                    self.links.base_path,
                    permalink.trim_start_matches('/')
                ))
            }
            Some(None) => {
                self.warn(offset, format!("link to `{url}`, an entry that is not published in this build, is shown as plain text"));
                None
            }
            None => {
                self.warn(
                    offset,
                    format!("link to `{url}`: no such entry; it is shown as plain text"),
                );
                None
            }
        }
    }

    /// Where the site publishes the file a relative `url` points at beside the entry, or `None`
    /// when the URL is not a relative link to a file. A missing file is a warning.
    fn beside(&mut self, url: &str, offset: usize, what: &str) -> Option<String> {
        if url.is_empty() || is_external(url) || url.starts_with(['#', '/', '?']) {
            return None;
        }
        let end = url.find(['?', '#']).unwrap_or(url.len());
        let (path, rest) = url.split_at(end);
        let target = self.beside_entry(path);
        let name = target.file_name()?.to_string_lossy().into_owned();
        // A link to a folder or a page (`../tags/`, `notes`) is not a file to publish.
        if path.ends_with('/') || !name.contains('.') {
            return None;
        }
        let found = self.links.attachments.contains(&target);
        self.lookups.attachments.insert(target.clone(), found);
        if !found {
            self.warn(
                offset,
                format!(
                    "{what} `{url}` points at nothing: there is no file {}",
                    target.display()
                ),
            );
            return None;
        }
        let site_path = format!("{}{name}", self.permalink);
        self.attachments.insert(Attachment {
            source: target,
            path: site_path.clone(),
        });
        let encoded = percent_encoding::utf8_percent_encode(&name, URL_UNSAFE);
        Some(format!(
            "{}{}{encoded}{rest}",
            self.links.base_path,
            self.permalink.trim_start_matches('/')
        ))
    }

    /// The file a relative link's `path` (percent-encoded, as written) names, relative to the
    /// journal: resolved from the entry's folder.
    fn beside_entry(&self, path: &str) -> PathBuf {
        let folder = self.source.parent().unwrap_or(Path::new(""));
        normalise(&folder.join(percent_decode(path)))
    }

    /// A root-relative URL with the base path put in front.
    fn root_relative(&self, url: &str) -> Option<String> {
        let rest = url
            .strip_prefix('/')
            .filter(|rest| !rest.starts_with('/'))?;
        Some(format!("{}{rest}", self.links.base_path))
    }

    /// The problems found, with one more that counts those past [`MOST_WARNINGS`].
    fn take_warnings(&mut self) -> Vec<Diagnostic> {
        let mut warnings = std::mem::take(&mut self.warnings);
        if self.unsaid > 0 {
            let message = format!(
                "and {} more problems with links or pictures in this entry",
                self.unsaid
            );
            warnings.push(
                Diagnostic::warning(self.source, None, None, message)
                    .about_broken_links(self.unsaid),
            );
        }
        warnings
    }

    fn warn(&mut self, offset: usize, message: String) {
        if self.warnings.len() >= MOST_WARNINGS {
            self.unsaid += 1;
            return;
        }
        let (line, column) = line_column(self.body, offset);
        // The line is quoted from the body, then numbered as in the file.
        let mut diagnostic = Diagnostic::warning(
            self.source,
            Some(self.body),
            Some(Location::new(line, column, 1)),
            message,
        );
        diagnostic.location = Some(Location::new(line + self.body_line - 1, column, 1));
        self.warnings.push(diagnostic.about_broken_links(1));
    }
}

/// `text` with each `[[target|shown]]` as what it shows: `shown`, or the target when no text
/// is given.
fn wiki_shown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("[[") {
        let Some(end) = rest[at..].find("]]").map(|e| at + e) else {
            break;
        };
        out.push_str(&rest[..at]);
        let inner = &rest[at + 2..end];
        out.push_str(inner.split_once('|').map_or(inner, |(_, shown)| shown));
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

/// The longest sentence a backlink quotes.
const LONGEST_SENTENCE: usize = 200;

/// The sentence of `body` that the byte `offset` stands in, as plain text: its paragraph cut
/// at the sentence ends around it, the markdown of links and emphasis taken out.
fn sentence_at(body: &str, offset: usize) -> String {
    let offset = (0..=offset.min(body.len()))
        .rev()
        .find(|&i| body.is_char_boundary(i))
        .unwrap_or(0);
    let start = body[..offset].rfind("\n\n").map_or(0, |i| i + 2);
    let end = body[offset..]
        .find("\n\n")
        .map_or(body.len(), |i| offset + i);
    let paragraph = &body[start..end];
    let at = offset - start;
    let from = paragraph[..at].rfind(['.', '!', '?']).map_or(0, |i| i + 1);
    let to = paragraph[at..]
        .find(". ")
        .or_else(|| paragraph[at..].find(".\n"))
        .map_or(paragraph.len(), |i| at + i + 1);
    let plain = plain_markdown(&paragraph[from..to]);
    match plain.char_indices().nth(LONGEST_SENTENCE) {
        Some((cut, _)) => format!("{}…", plain[..cut].trim_end()),
        None => plain,
    }
}

/// Markdown text with the addresses of links, HTML tags and autolinks (`<…>`), the brackets
/// around links and the marks of emphasis and code taken out, and its whitespace made single
/// spaces. What it keeps is text a reader sees on the page: an address never survives, so a
/// quoted sentence cannot name a hidden entry's file.
fn plain_markdown(text: &str) -> String {
    let text = &wiki_shown_text(text);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    let next = |rest: &str| match (rest.find('<'), rest.find("](")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    while let Some(at) = next(rest) {
        out.push_str(&rest[..at]);
        let close = if rest[at..].starts_with('<') {
            '>'
        } else {
            ')'
        };
        rest = rest[at..]
            .find(close)
            .map_or("", |end| &rest[at + end + 1..]);
    }
    out.push_str(rest);
    let out: String = out
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | '*' | '_' | '`' | '#' | '!'))
        .collect();
    single_spaced(&out)
}

/// `text`'s words with one space between each, made in one string.
fn single_spaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn is_external(url: &str) -> bool {
    url.starts_with("//")
        || url.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}

/// Gives a heading an id from its text unless it has one, unique within the page.
fn with_id<'t>(mut events: Vec<Event<'t>>, used: &mut BTreeSet<String>) -> Vec<Event<'t>> {
    let text = plain_text(&events);
    if let Some(Event::Start(Tag::Heading { id, .. })) = events.first_mut() {
        let base = match id.take() {
            Some(written) => written.to_string(),
            None => Some(slug::slugify(&text))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "section".into()),
        };
        let mut unique = base.clone();
        let mut n = 1;
        while !used.insert(unique.clone()) {
            unique = format!("{base}-{n}");
            n += 1;
        }
        *id = Some(unique.into());
    }
    events
}

fn first_paragraph<'t>(events: &[Event<'t>]) -> Vec<Event<'t>> {
    let Some(start) = events
        .iter()
        .position(|e| matches!(e, Event::Start(Tag::Paragraph)))
    else {
        return Vec::new();
    };
    let end = events
        .iter()
        .skip(start)
        .position(|e| matches!(e, Event::End(TagEnd::Paragraph)))
        .map_or(events.len(), |i| start + i + 1);
    events
        .get(start..end)
        .map(<[_]>::to_vec)
        .unwrap_or_default()
}

fn to_html(events: &[Event<'_>]) -> String {
    let mut out = String::new();
    html::push_html(&mut out, events.iter().cloned());
    out
}

/// The readable text of some events, with spaces where blocks and breaks separate words.
pub fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for_text(events, |piece| text.push_str(piece));
    text
}

/// How many words [`plain_text`] would hold, counted without building it.
fn word_count(events: &[Event<'_>]) -> usize {
    let (mut count, mut in_word) = (0, false);
    for_text(events, |piece| {
        if let (true, Some(&first), Some(&last)) = (
            piece.is_ascii(),
            piece.as_bytes().first(),
            piece.as_bytes().last(),
        ) {
            // A word starts at each letter after a space: counted over pairs of neighbours,
            // with no state carried from one byte to the next, so the compiler reads many at
            // once — a loop that carried it cost more than the rest of rendering the body.
            let bytes = piece.as_bytes();
            count += usize::from(!in_word & !is_ascii_space(first));
            count += bytes
                .iter()
                .zip(&bytes[1..])
                .map(|(&a, &b)| usize::from(is_ascii_space(a) & !is_ascii_space(b)))
                .sum::<usize>();
            in_word = !is_ascii_space(last);
        } else {
            for c in piece.chars() {
                let space = c.is_whitespace();
                count += usize::from(!space & !in_word);
                in_word = !space;
            }
        }
    });
    count
}

/// Whether `b` is one of the six ASCII characters `char::is_whitespace` takes.
fn is_ascii_space(b: u8) -> bool {
    b == b' ' || b.wrapping_sub(b'\t') < 5
}

/// Calls `take` with each piece of readable text of `events`, in order, and `" "` where blocks
/// and breaks separate words.
fn for_text(events: &[Event<'_>], mut take: impl FnMut(&str)) {
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => take(t),
            Event::SoftBreak | Event::HardBreak => take(" "),
            // Inline elements run on; the end of a block separates words.
            Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image,
            ) => {}
            Event::End(_) => take(" "),
            _ => {}
        }
    }
}

/// Resolves `.` and `..` without touching the file system.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(part) => out.push(part),
            _ => {}
        }
    }
    out
}

/// Decodes `%XX` escapes, as editors write spaces in links.
fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// What a file name must escape to be a URL path segment.
const URL_UNSAFE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
