//! The journal: every published entry, loaded, validated, rendered to HTML and sorted by date.
//!
//! This is the first stage of the pipeline. It decides which entries a build may show
//! ([`Visibility`]), so that no later stage ever sees a private or draft entry it must not
//! publish. It knows nothing of aggregation or pages.

pub mod entry;
pub mod front_matter;
pub mod load;
mod raw;
pub mod related;
pub mod root;
mod update;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use entry::{Entry, Parsed};
pub use front_matter::{CapabilityRef, Stage, Work};
pub use root::{JournalRoot, RootError};
pub use update::Updated;

use crate::config::Config;
use crate::diagnostics::{self, Diagnostic, Location};
use crate::markdown::{self, Links};
use crate::wiki::WikiTargets;

/// Which entries a build shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Visibility {
    /// Show drafts (a staging build or a preview).
    pub drafts: bool,
    /// Show private entries (a local preview only; never a build).
    pub private: bool,
}

impl Visibility {
    /// What a published site shows: neither drafts nor private entries.
    pub const PUBLISHED: Visibility = Visibility {
        drafts: false,
        private: false,
    };
    /// Everything, for checking every entry.
    pub const EVERYTHING: Visibility = Visibility {
        drafts: true,
        private: true,
    };

    /// Whether `entry` is shown.
    pub fn shows(&self, entry: &Entry) -> bool {
        (self.drafts || !entry.draft) && (self.private || !entry.private)
    }
}

/// The published entries of a journal, sorted by date then file, with their HTML.
#[derive(Debug, Clone)]
pub struct Journal {
    /// The journal's settings.
    pub config: Config,
    /// Every shown entry, oldest first.
    pub entries: Vec<Entry>,
    /// For each entry's permalink, the indexes of the entries that link to it.
    pub backlinks: BTreeMap<String, Vec<usize>>,
    /// For each entry, by index, the entries most related to it ([`related::related`]).
    pub related: Vec<Vec<usize>>,
}

/// A journal that loaded, with the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    /// The journal.
    pub journal: Journal,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// How many entry files were read, shown or not.
    pub files: usize,
}

/// A journal that did not load: every error, and the warnings too.
#[derive(Debug)]
pub struct Failed {
    /// Errors and warnings, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// How many entry files were read.
    pub files: usize,
}

impl Failed {
    /// How many of the diagnostics are errors.
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// Loads the journal at `root` with `config`, showing what `visibility` allows.
pub fn load(root: &Path, config: Config, visibility: Visibility) -> Result<Loaded, Failed> {
    let files = load::source_files(root);
    let mut parsed = load::load_entries(root, &files.entries, &config);
    if !files.unreadable.is_empty() {
        parsed.push(Parsed {
            entry: None,
            diagnostics: files.unreadable,
        });
    }
    Journal::assemble_with(
        config,
        parsed,
        &files.attachments,
        visibility,
        &mut MarkdownCache::default(),
    )
}

impl Journal {
    /// Builds the journal from entries already parsed (in any order): drops what `visibility`
    /// hides, sorts, checks permalinks are unique and renders every body.
    pub fn assemble(
        config: Config,
        parsed: Vec<Parsed>,
        visibility: Visibility,
    ) -> Result<Loaded, Failed> {
        Journal::assemble_with(
            config,
            parsed,
            &BTreeSet::new(),
            visibility,
            &mut MarkdownCache::default(),
        )
    }

    /// Like [`Journal::assemble`], with the other files under `entries/` that entries may show
    /// beside them (`attachments`), reusing from `cache` the HTML of bodies that did not change
    /// (nor did any link target) since it was filled.
    pub fn assemble_with(
        config: Config,
        parsed: Vec<Parsed>,
        attachments: &BTreeSet<PathBuf>,
        visibility: Visibility,
        cache: &mut MarkdownCache,
    ) -> Result<Loaded, Failed> {
        let files = parsed.len();
        let mut diagnostics = Vec::new();
        let mut entries = Vec::with_capacity(files);
        for p in parsed {
            diagnostics.extend(p.diagnostics);
            entries.extend(p.entry);
        }
        let link_targets = link_targets(&entries, visibility);
        entries.retain(|e| visibility.shows(e));
        entries.par_sort_by(|a, b| (a.date, &a.source).cmp(&(b.date, &b.source)));
        let (wiki, unpublished, related) = readings(&entries, &config.layers);
        never_back_a_stage(&mut entries);
        diagnostics.extend(duplicate_permalinks(&entries));

        let base_path = config.base_path();
        let links = Links {
            base_path: &base_path,
            entries: &link_targets,
            attachments,
            wiki: &wiki,
            unpublished: &unpublished,
        };
        diagnostics.extend(render_bodies(&mut entries, links, cache));
        diagnostics::sort(&mut diagnostics);
        if cache.remember {
            cache.links = Some(LinkTargets {
                base_path,
                entries: link_targets,
                attachments: attachments.clone(),
                wiki,
                unpublished,
            });
        }

        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(Failed { diagnostics, files });
        }
        Ok(Loaded {
            journal: Journal::linked(config, entries, related),
            warnings: diagnostics,
            files,
        })
    }

    /// The journal of `entries`, sorted and rendered, with what links them: backlinks, and
    /// the `related` entries of each.
    fn linked(config: Config, entries: Vec<Entry>, related: Vec<Vec<usize>>) -> Journal {
        let backlinks = backlinks(&entries);
        Journal {
            config,
            entries,
            backlinks,
            related,
        }
    }
}

/// Three independent readings of the sorted, shown `entries`, made in parallel — a few hundred
/// milliseconds at 100,000 entries, which would otherwise leave cores idle: what wiki links
/// may name, the files of entries not published, and each entry's related entries (which
/// read only tags and capabilities' names, never a stage or a body).
fn readings(
    entries: &[Entry],
    layers: &[String],
) -> (WikiTargets, BTreeSet<PathBuf>, Vec<Vec<usize>>) {
    let unpublished = || -> BTreeSet<PathBuf> {
        entries
            .iter()
            .filter(|e| !Visibility::PUBLISHED.shows(e))
            .map(|e| e.source.clone())
            .collect()
    };
    let ((wiki, unpublished), related) = rayon::join(
        || rayon::join(|| wiki_targets(entries, layers), unpublished),
        || related::related(entries),
    );
    (wiki, unpublished, related)
}

/// Where a link to each entry file leads: its permalink when `visibility` shows it, nothing
/// (the link is plain text) when it does not.
fn link_targets(entries: &[Entry], visibility: Visibility) -> BTreeMap<PathBuf, Option<String>> {
    let mut targets: Vec<(PathBuf, Option<String>)> = entries
        .par_iter()
        .map(|e| {
            (
                e.source.clone(),
                visibility.shows(e).then(|| e.permalink.clone()),
            )
        })
        .collect();
    // Sorted on every core first, the map is built in one pass rather than by an insertion
    // for each entry, each comparing paths part by part.
    targets.par_sort_by(|a, b| a.0.cmp(&b.0));
    targets.into_iter().collect()
}

/// What `[[wiki links]]` may name in a journal of the shown `entries`.
fn wiki_targets<'e>(
    entries: impl IntoIterator<Item = &'e Entry>,
    layers: &[String],
) -> WikiTargets {
    let mut wiki = WikiTargets::new(layers);
    // Each spelling of a tag or capability is added once: slugging every entry's tags took
    // most of this at 100,000 entries.
    let mut tags: BTreeSet<&str> = BTreeSet::new();
    let mut capabilities: BTreeSet<&str> = BTreeSet::new();
    let mut named = Vec::new();
    for entry in entries {
        let slug = entry
            .permalink
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("");
        named.push((entry.source.as_path(), entry.title.as_str(), slug));
        tags.extend(entry.tags.iter().map(String::as_str));
        capabilities.extend(entry.capabilities.iter().map(|c| c.slug.as_str()));
    }
    wiki.add_entries(&named);
    wiki.add_names(capabilities, tags);
    wiki
}

/// What an entry's links were resolved against when the journal was assembled, kept by a
/// remembering [`MarkdownCache`] so that one entry can be rendered again alone.
#[derive(Debug, Clone)]
struct LinkTargets {
    base_path: String,
    entries: BTreeMap<PathBuf, Option<String>>,
    attachments: BTreeSet<PathBuf>,
    wiki: WikiTargets,
    unpublished: BTreeSet<PathBuf>,
}

impl LinkTargets {
    fn links(&self) -> Links<'_> {
        Links {
            base_path: &self.base_path,
            entries: &self.entries,
            attachments: &self.attachments,
            wiki: &self.wiki,
            unpublished: &self.unpublished,
        }
    }
}

/// What [`Journal::refresh`] did.
#[derive(Debug)]
pub struct Refreshed {
    /// The entry's place in the journal, which has not moved.
    pub index: usize,
    /// The problems found in its file, now.
    pub diagnostics: Vec<Diagnostic>,
}

impl Journal {
    /// Puts a new reading of a shown entry's file in place of the old one when only its text
    /// changed: `parsed` has no error, its entry has the shape of `old` (the previous reading,
    /// [`Entry::same_shape`]), and its body links to the same entries and files. The body is
    /// rendered against the link targets `cache` kept from the last assembly. `None` — with the
    /// journal untouched — when the change reaches further and the journal must be assembled
    /// again.
    pub fn refresh(
        &mut self,
        old: &Entry,
        parsed: &Parsed,
        cache: &mut MarkdownCache,
    ) -> Option<Refreshed> {
        let new = parsed.entry.as_ref()?;
        if parsed.diagnostics.iter().any(Diagnostic::is_error) || !old.same_shape(new) {
            return None;
        }
        let index = self
            .entries
            .binary_search_by(|e| (e.date, &e.source).cmp(&(new.date, &new.source)))
            .ok()?;
        let targets = cache.links.as_ref()?;
        let (mut rendered, warnings) = render_body(new, targets.links());
        let key = body_key(&targets.base_path, new);
        rendered.source_print = source_print(key, &rendered);
        let shown = &mut self.entries[index];
        if rendered.links_to != shown.rendered.links_to
            || rendered.attachments != shown.rendered.attachments
        {
            return None;
        }
        cache.bodies.insert(
            new.source.clone(),
            (key, rendered.clone(), warnings.clone()),
        );
        // The capabilities keep the stages the journal gave them: the same as read, so the
        // same as adjusted.
        shown.rendered = rendered;
        shown.summary.clone_from(&new.summary);
        shown.body_line = new.body_line;
        let mut diagnostics = parsed.diagnostics.clone();
        diagnostics.extend(warnings);
        Some(Refreshed { index, diagnostics })
    }
}

/// Renders `entry`'s body with `links`.
fn render_body(entry: &Entry, links: Links<'_>) -> (markdown::Rendered, Vec<Diagnostic>) {
    markdown::render(
        markdown::Source {
            path: &entry.source,
            permalink: &entry.permalink,
            body_line: entry.body_line,
        },
        &entry.body,
        entry.summary.as_deref(),
        links,
    )
}

/// Renders every entry's body (reusing from `cache` the HTML of bodies whose text and
/// permalink are unchanged and whose links find what they found before) and returns the
/// warnings found on the way.
fn render_bodies(
    entries: &mut [Entry],
    links: Links<'_>,
    cache: &mut MarkdownCache,
) -> Vec<Diagnostic> {
    // A one-off build has nothing to reuse and keeps nothing: it needs no keys.
    let keyed_cache = cache.remember;
    let previous = std::mem::take(&mut cache.bodies);
    let mut found = Vec::new();
    let keyed: Vec<(u64, Vec<Diagnostic>)> = entries
        .par_iter_mut()
        .map(|entry| {
            let previous = previous.get(&entry.source);
            render_cached(entry, links, previous, keyed_cache)
        })
        .collect();
    for (entry, (key, warnings)) in entries.iter().zip(keyed) {
        found.extend(warnings.iter().cloned());
        if cache.remember {
            cache.bodies.insert(
                entry.source.clone(),
                (key, entry.rendered.clone(), warnings),
            );
        }
    }
    found
}

/// A body in a [`MarkdownCache`]: its [`body_key`], the HTML and the warnings found.
type CachedBody = (u64, markdown::Rendered, Vec<Diagnostic>);

/// Renders `entry`'s body with `links` — or takes it from `previous`, its file's body in the
/// cache, when its text is the same and its links find the same — then releases the markdown.
/// Returns the body's key (0 unless `keyed`) and its warnings.
fn render_cached(
    entry: &mut Entry,
    links: Links<'_>,
    previous: Option<&CachedBody>,
    keyed: bool,
) -> (u64, Vec<Diagnostic>) {
    let key = if keyed {
        body_key(links.base_path, entry)
    } else {
        0
    };
    let (rendered, warnings) = match previous {
        Some((old, rendered, warnings)) if *old == key && rendered.lookups.still_hold(links) => {
            (rendered.clone(), warnings.clone())
        }
        _ => render_body(entry, links),
    };
    entry.rendered = rendered;
    if keyed {
        entry.rendered.source_print = source_print(key, &entry.rendered);
    } else {
        // What its links found matters only to a cache; a one-off build has none, and at
        // 100,000 entries the record is tens of megabytes.
        entry.rendered.lookups = markdown::Lookups::default();
    }
    // The markdown is rendered now; nothing later reads it, and on a large journal it is a
    // good part of the memory.
    entry.body = std::sync::Arc::from("");
    (key, warnings)
}

/// Everything an entry's rendered body depends on besides what its links find: the base
/// path, its file, permalink, text, position and summary.
fn body_key(base_path: &str, entry: &Entry) -> u64 {
    crate::fingerprint::of(&(
        base_path,
        &entry.source,
        &entry.permalink,
        &entry.body,
        entry.body_line,
        &entry.summary,
    ))
}

/// What a rendered body is known by: its [`body_key`] and what its links found.
fn source_print(body_key: u64, rendered: &markdown::Rendered) -> u64 {
    crate::fingerprint::of(&(body_key, &rendered.lookups))
}

/// Bodies rendered by an earlier assembly, reused while their text and every link target are
/// the same.
#[derive(Debug, Default)]
pub struct MarkdownCache {
    bodies: BTreeMap<PathBuf, CachedBody>,
    /// The link targets of the last assembly.
    links: Option<LinkTargets>,
    /// Whether to keep this assembly's bodies for the next; a one-off build does not.
    remember: bool,
}

impl MarkdownCache {
    /// A cache that keeps every body's HTML for the next assembly, as a preview needs.
    pub fn remembering() -> MarkdownCache {
        MarkdownCache {
            remember: true,
            ..MarkdownCache::default()
        }
    }
}

/// A capability never goes back a stage: once an entry has shown it demonstrated, a later
/// entry that names it without writing a stage counts it as practiced, not attempted (the
/// default of a growth entry). Only the entries shown take part, so hidden entries never change
/// a published build.
fn never_back_a_stage(entries: &mut [Entry]) {
    let mut demonstrated: std::collections::BTreeSet<String> = Default::default();
    for entry in entries {
        for capability in &mut entry.capabilities {
            // Decided afresh from the stage as read, so deciding again after an edit (when
            // an earlier entry no longer shows it demonstrated) gives what a first time would.
            capability.stage = capability.read_stage;
            if !capability.stage_written
                && capability.stage == Stage::Attempted
                && demonstrated.contains(&capability.slug)
            {
                capability.stage = Stage::Practiced;
            }
            if capability.stage == Stage::Demonstrated && !demonstrated.contains(&capability.slug) {
                demonstrated.insert(capability.slug.clone());
            }
        }
    }
}

/// An error on every entry whose permalink an earlier entry already has, naming both files.
fn duplicate_permalinks(entries: &[Entry]) -> Vec<Diagnostic> {
    // Hashed, and sorted on every core: at 100,000 entries the ordered map and the sort by
    // path were a twentieth of loading, with the other core idle.
    let mut first: Taken<'_> = Taken::default();
    let mut errors = Vec::new();
    let mut by_source: Vec<&Entry> = entries.iter().collect();
    by_source.par_sort_by(|a, b| a.source.cmp(&b.source));
    for entry in by_source {
        if let Some(other) = first.get(entry.permalink.as_str()) {
            errors.push(Diagnostic::error(
                &entry.source,
                None,
                Some(Location::start()),
                format!(
                    "duplicate permalink {}: {} has it too; give one of them another `slug`",
                    entry.permalink,
                    other.display()
                ),
            ));
        } else {
            first.insert(&entry.permalink, &entry.source);
        }
    }
    errors.extend(clashing_aliases(entries, first));
    errors
}

/// The site paths taken so far, each by the first entry file that has it.
type Taken<'a> = rustc_hash::FxHashMap<&'a str, &'a Path>;

/// An old address (`aliases:`) that is another entry's address, or another entry's old
/// address too: its redirect page would replace a page or send readers to the wrong entry.
fn clashing_aliases<'a>(entries: &'a [Entry], mut taken: Taken<'a>) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for entry in entries {
        for alias in &entry.aliases {
            match taken.get(alias.as_str()) {
                Some(other) => errors.push(Diagnostic::error(
                    &entry.source,
                    None,
                    Some(Location::start()),
                    format!(
                        "the old address {alias} is also the address of {}; an old address must lead to one entry",
                        other.display()
                    ),
                )),
                None => {
                    taken.insert(alias, &entry.source);
                }
            }
        }
    }
    errors
}

fn backlinks(entries: &[Entry]) -> BTreeMap<String, Vec<usize>> {
    let mut map: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (index, entry) in entries.iter().enumerate() {
        for target in &entry.rendered.links_to {
            if *target != entry.permalink {
                map.entry(target.clone()).or_default().push(index);
            }
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(path: &str, text: &str) -> Parsed {
        Entry::parse(Path::new(path), text, &Config::default())
    }

    fn journal(files: &[(&str, &str)], visibility: Visibility) -> Result<Loaded, Failed> {
        let parsed = files.iter().map(|(p, t)| parsed(p, t)).collect();
        Journal::assemble(Config::default(), parsed, visibility)
    }

    #[test]
    fn only_a_change_of_its_text_keeps_an_entrys_shape() {
        let entry = |text: &str| parsed("entries/a.md", text).entry.unwrap();
        let first = entry("---\ntitle: A\ndate: 2026-01-01\nwork: growth\n---\nOne.\n");
        let text_only =
            entry("---\ntitle: A\ndate: 2026-01-01\nwork: growth\nsummary: S\n---\n\nTwo.\n");
        assert!(first.same_shape(&text_only));
        for other in [
            "---\ntitle: B\ndate: 2026-01-01\nwork: growth\n---\nOne.\n",
            "---\ntitle: A\ndate: 2026-01-02\nwork: growth\n---\nOne.\n",
            "---\ntitle: A\ndate: 2026-01-01\nwork: depth\n---\nOne.\n",
            "---\ntitle: A\ndate: 2026-01-01\nwork: growth\nhours: 2\n---\nOne.\n",
            "---\ntitle: A\ndate: 2026-01-01\nwork: growth\ndraft: true\n---\nOne.\n",
            "---\ntitle: A\ndate: 2026-01-01\nwork: growth\ntags: [x]\n---\nOne.\n",
        ] {
            assert!(!first.same_shape(&entry(other)), "{other}");
        }
    }

    #[test]
    fn a_capability_never_goes_back_a_stage() {
        let loaded = journal(
            &[
                ("entries/a.md", "---\ndate: 2026-01-01\nwork: growth\ncapabilities: [Hiring]\n---\n"),
                ("entries/b.md", "---\ndate: 2026-02-01\ncapabilities: [{name: hiring, stage: demonstrated}]\n---\n"),
                ("entries/c.md", "---\ndate: 2026-03-01\nwork: growth\ncapabilities: [Hiring]\n---\n"),
                ("entries/d.md", "---\ndate: 2026-04-01\nwork: growth\ncapabilities: [{name: Hiring, stage: attempted}]\n---\n"),
            ],
            Visibility::PUBLISHED,
        )
        .unwrap();
        let stages: Vec<Stage> = loaded
            .journal
            .entries
            .iter()
            .map(|e| e.capabilities[0].stage)
            .collect();
        // Before the demonstration the default holds; after it, an unwritten stage is practice;
        // a stage the writer wrote is kept as written.
        assert_eq!(
            stages,
            [
                Stage::Attempted,
                Stage::Demonstrated,
                Stage::Practiced,
                Stage::Attempted
            ]
        );
    }

    #[test]
    fn sorts_by_date_then_file() {
        let loaded = journal(
            &[
                ("entries/b.md", "---\ndate: 2026-01-02\n---\n"),
                ("entries/c.md", "---\ndate: 2026-01-01\n---\n"),
                ("entries/a.md", "---\ndate: 2026-01-02\n---\n"),
            ],
            Visibility::PUBLISHED,
        )
        .unwrap();
        let order: Vec<_> = loaded
            .journal
            .entries
            .iter()
            .map(|e| e.source.to_string_lossy().into_owned())
            .collect();
        assert_eq!(order, ["entries/c.md", "entries/a.md", "entries/b.md"]);
    }

    #[test]
    fn hides_private_and_draft_entries_from_a_published_build() {
        let files = [
            ("entries/a.md", "---\ndate: 2026-01-01\n---\n"),
            (
                "entries/b.md",
                "---\ndate: 2026-01-01\nprivate: true\n---\n",
            ),
            ("entries/c.md", "---\ndate: 2026-01-01\ndraft: true\n---\n"),
        ];
        let count = |v| journal(&files, v).unwrap().journal.entries.len();
        assert_eq!(count(Visibility::PUBLISHED), 1);
        assert_eq!(
            count(Visibility {
                drafts: true,
                private: false
            }),
            2
        );
        assert_eq!(count(Visibility::EVERYTHING), 3);
    }

    #[test]
    fn duplicate_permalinks_name_both_files() {
        let failed = journal(
            &[
                ("entries/2026-01-01-x.md", "text\n"),
                ("entries/other/2026-01-01-x.md", "text\n"),
            ],
            Visibility::PUBLISHED,
        )
        .unwrap_err();
        assert_eq!(failed.error_count(), 1);
        let message = &failed.diagnostics[0];
        assert_eq!(message.path, Path::new("entries/other/2026-01-01-x.md"));
        assert!(
            message
                .message
                .contains("entries/2026-01-01-x.md has it too"),
            "{}",
            message.message
        );
    }

    #[test]
    fn links_between_entries_become_permalinks_and_backlinks() {
        let loaded = journal(
            &[
                (
                    "entries/2026/2026-01-01-a.md",
                    "See [b](2026-01-02-b.md#part).\n",
                ),
                ("entries/2026/2026-01-02-b.md", "Hello.\n"),
            ],
            Visibility::PUBLISHED,
        )
        .unwrap();
        let a = &loaded.journal.entries[0];
        assert!(
            a.rendered
                .html
                .contains(r#"<a href="/2026/01/b/#part">b</a>"#),
            "{}",
            a.rendered.html
        );
        assert_eq!(loaded.journal.backlinks["/2026/01/b/"], vec![0]);
    }

    #[test]
    fn a_link_to_a_private_entry_does_not_name_it() {
        let loaded = journal(
            &[
                (
                    "entries/2026-01-01-a.md",
                    "See [my secret](2026-01-02-secret.md).\n",
                ),
                (
                    "entries/2026-01-02-secret.md",
                    "---\nprivate: true\n---\nHidden.\n",
                ),
            ],
            Visibility::PUBLISHED,
        )
        .unwrap();
        let html = &loaded.journal.entries[0].rendered.html;
        assert!(
            !html.contains("secret.md") && !html.contains("/2026/01/secret/"),
            "{html}"
        );
        assert!(html.contains("my secret"));
        assert_eq!(loaded.warnings.len(), 1);
        assert_eq!(loaded.warnings[0].position(), "entries/2026-01-01-a.md:1:5");
    }
}
