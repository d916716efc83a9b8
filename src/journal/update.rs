//! Bringing an assembled journal up to date after some entry files changed, without assembling
//! it again from every file: what a preview does on most saves that change more than an
//! entry's text.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{
    Entry, Journal, MarkdownCache, Parsed, Visibility, backlinks, duplicate_permalinks,
    never_back_a_stage, render_cached, wiki_targets,
};
use crate::diagnostics::Diagnostic;
use crate::markdown::Links;

/// What [`Journal::update`] found.
#[derive(Debug)]
pub struct Updated {
    /// The files whose problems are replaced: those read again, and those whose bodies were
    /// rendered again because their links now find something else.
    pub files: BTreeSet<PathBuf>,
    /// Those files' problems now.
    pub diagnostics: Vec<Diagnostic>,
}

/// The entries read again, as [`reread`] takes them in.
struct Reread {
    /// The shown entries among them.
    fresh: Vec<Entry>,
    /// Their files' problems.
    diagnostics: Vec<Diagnostic>,
    /// Whether a link to any of their files now leads somewhere else.
    moved: bool,
}

/// Takes in new readings of entry files: what `visibility` shows of them, their problems, and
/// where links to them now lead (recorded in `targets`).
fn reread(
    rereads: Vec<(PathBuf, Option<Parsed>)>,
    visibility: Visibility,
    targets: &mut std::collections::BTreeMap<PathBuf, Option<String>>,
) -> Reread {
    let mut out = Reread {
        fresh: Vec::new(),
        diagnostics: Vec::new(),
        moved: false,
    };
    for (file, parsed) in rereads {
        let entry = parsed.and_then(|p| {
            out.diagnostics.extend(p.diagnostics);
            p.entry
        });
        let target = entry
            .as_ref()
            .map(|e| visibility.shows(e).then(|| e.permalink.clone()));
        let before = match target.clone() {
            Some(target) => targets.insert(file, target),
            None => targets.remove(&file),
        };
        out.moved |= before != target;
        out.fresh.extend(entry.filter(|e| visibility.shows(e)));
    }
    out
}

impl Journal {
    /// Brings the journal, assembled with the remembering `cache`, up to date with new
    /// readings of some entry files (`None`: the file is gone), as [`Journal::assemble_with`]
    /// would assemble it from every file. `read(file)` gives any other entry file as read, for
    /// the bodies whose links now find something else.
    ///
    /// `None` when the update cannot be made here — a file has an error, two entries share a
    /// permalink, or `cache` kept no link targets — and the journal, perhaps changed part way,
    /// must be assembled again.
    pub fn update(
        &mut self,
        rereads: Vec<(PathBuf, Option<Parsed>)>,
        visibility: Visibility,
        cache: &mut MarkdownCache,
        read: &dyn Fn(&Path) -> Option<Parsed>,
    ) -> Option<Updated> {
        let mut targets = cache.links.take()?;
        let mut files: BTreeSet<PathBuf> = rereads.iter().map(|(f, _)| f.clone()).collect();
        self.entries.retain(|e| !files.contains(&e.source));
        let Reread {
            mut fresh,
            mut diagnostics,
            mut moved,
        } = reread(rereads, visibility, &mut targets.entries);
        if diagnostics.iter().any(Diagnostic::is_error) {
            return None;
        }
        // Titles, slugs, capabilities and tags are what wiki links find: when they changed,
        // the bodies whose wiki links now find something else are rendered again too.
        let wiki = wiki_targets(self.entries.iter().chain(&fresh), &self.config.layers);
        moved |= wiki != targets.wiki;
        targets.wiki = wiki;
        targets.unpublished = self
            .entries
            .iter()
            .chain(&fresh)
            .filter(|e| !Visibility::PUBLISHED.shows(e))
            .map(|e| e.source.clone())
            .collect();
        let links = targets.links();
        for entry in &mut fresh {
            diagnostics.extend(render_into_cache(entry, links, cache, true));
        }
        if moved {
            let rendered = self.render_moved_links(links, cache, read)?;
            for (file, found) in rendered {
                files.insert(file);
                diagnostics.extend(found);
            }
        }
        for entry in fresh {
            let at = self
                .entries
                .partition_point(|e| (e.date, &e.source) < (entry.date, &entry.source));
            self.entries.insert(at, entry);
        }
        never_back_a_stage(&mut self.entries);
        if !duplicate_permalinks(&self.entries).is_empty() {
            return None;
        }
        self.backlinks = backlinks(&self.entries);
        self.related = super::related::related(&self.entries);
        cache.links = Some(targets);
        Some(Updated { files, diagnostics })
    }

    /// Renders again the bodies whose links now find something else in `links`, from their
    /// files as `read` gives them; returns each file with its problems now.
    fn render_moved_links(
        &mut self,
        links: Links<'_>,
        cache: &mut MarkdownCache,
        read: &dyn Fn(&Path) -> Option<Parsed>,
    ) -> Option<Vec<(PathBuf, Vec<Diagnostic>)>> {
        let mut rendered = Vec::new();
        for shown in &mut self.entries {
            if shown.rendered.lookups.still_hold(links) {
                continue;
            }
            let again = read(&shown.source)?;
            let mut entry = again.entry?;
            let mut found = again.diagnostics;
            found.extend(render_into_cache(&mut entry, links, cache, false));
            shown.rendered = entry.rendered;
            rendered.push((shown.source.clone(), found));
        }
        Some(rendered)
    }
}

/// Renders `entry`'s body — from `cache` when `reuse` and it holds there — and keeps it in
/// `cache`; returns its warnings.
fn render_into_cache(
    entry: &mut Entry,
    links: Links<'_>,
    cache: &mut MarkdownCache,
    reuse: bool,
) -> Vec<Diagnostic> {
    let previous = cache.bodies.get(&entry.source).filter(|_| reuse);
    let (key, warnings) = render_cached(entry, links, previous, true);
    cache.bodies.insert(
        entry.source.clone(),
        (key, entry.rendered.clone(), warnings.clone()),
    );
    warnings
}
