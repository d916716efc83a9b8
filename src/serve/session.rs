//! A preview session: the journal kept in memory between rebuilds. A change re-reads only the
//! entry files that changed, re-renders only the pages whose template or data changed, and
//! writes only the files whose bytes changed. The result is always what a clean build of the
//! same input would give.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;

use super::changes::Changes;
use crate::build::{RenderCache, render_with};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::journal::{Journal, MarkdownCache, Parsed, Visibility, load};
use crate::output::{self, Written};
use crate::render::Renderer;
use crate::site;

/// When an entry file was last seen: its modification time and size.
type Stamp = (Option<SystemTime>, u64);

/// What a preview needs to rebuild quickly.
pub struct Session {
    root: PathBuf,
    output: PathBuf,
    base_url: String,
    visibility: Visibility,
    config: Option<Config>,
    entries: BTreeMap<PathBuf, (Stamp, Parsed)>,
    attachments: BTreeSet<PathBuf>,
    renderer: Option<Renderer>,
    bodies: MarkdownCache,
    cache: RenderCache,
    written: Written,
}

/// What one rebuild did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rebuilt {
    /// Site paths whose files were written (`/2026/03/x/`, `/style.css`).
    pub changed: Vec<String>,
    /// Site paths whose files were removed.
    pub removed: Vec<String>,
    /// Entry files read again.
    pub parsed: usize,
    /// Pages rendered rather than reused.
    pub rendered: usize,
    /// Entries shown.
    pub entries: usize,
    /// Problems that did not stop the rebuild.
    pub warnings: Vec<Diagnostic>,
}

impl Session {
    /// A session previewing the journal at `root` into `output`, as if published at `base_url`.
    pub fn new(root: &Path, output: &Path, base_url: &str, visibility: Visibility) -> Session {
        Session {
            root: root.to_path_buf(),
            output: output.to_path_buf(),
            base_url: base_url.to_string(),
            visibility,
            config: None,
            entries: BTreeMap::new(),
            attachments: BTreeSet::new(),
            renderer: None,
            bodies: MarkdownCache::remembering(),
            cache: RenderCache::remembering(),
            written: Written::default(),
        }
    }

    /// The configuration in use, once a rebuild has read it.
    pub fn config(&self) -> Option<&Config> {
        self.config.as_ref()
    }

    /// Brings the output up to date with `changes`. On errors the output keeps the last good
    /// site, and the session stays ready for the next change.
    pub fn rebuild(&mut self, changes: &Changes) -> Result<Rebuilt, Vec<Diagnostic>> {
        if changes.config || self.config.is_none() {
            let mut config = Config::load(&self.root)?;
            config.set_base_url(&self.base_url);
            // Layers and permalinks shape every entry: read them all again.
            self.entries.clear();
            self.renderer = None;
            self.config = Some(config);
        }
        let config = self.config.clone().ok_or_else(Vec::new)?;
        if changes.templates || self.renderer.is_none() {
            self.renderer = Some(Renderer::new(
                &self.root,
                &config,
                &site::site_data(&config),
            )?);
            self.cache = RenderCache::remembering();
        }
        let parsed = self.refresh_entries(changes, &config);
        let entries: Vec<Parsed> = self.entries.values().map(|(_, p)| p.clone()).collect();
        let loaded = Journal::assemble_with(
            config,
            entries,
            &self.attachments,
            self.visibility,
            &mut self.bodies,
        )
        .map_err(|failed| failed.diagnostics)?;
        let renderer = self.renderer.as_ref().ok_or_else(Vec::new)?;
        let files = render_with(&self.root, &loaded.journal, renderer, &mut self.cache)?;
        let update = output::write_changes(&self.output, files, &mut self.written)
            .map_err(|e| vec![Diagnostic::error(&self.output, None, None, e.to_string())])?;
        Ok(Rebuilt {
            changed: update.written.iter().map(|f| site_path(f)).collect(),
            removed: update.removed.iter().map(|f| site_path(f)).collect(),
            parsed,
            rendered: self.cache.rendered_last_time(),
            entries: loaded.journal.entries.len(),
            warnings: loaded.warnings,
        })
    }

    /// Re-reads the entry files that changed or are new, forgets those that are gone, and
    /// returns how many were read.
    fn refresh_entries(&mut self, changes: &Changes, config: &Config) -> usize {
        // When the events name every changed file, only those are looked at; a change to the
        // folders (or a first build) walks them all.
        let walked = (changes.entry_folders || changes.attachments || self.entries.is_empty())
            .then(|| load::source_files(&self.root));
        let candidates: Vec<PathBuf> = match &walked {
            Some(files) => files.entries.clone(),
            None => changes.entries.iter().cloned().collect(),
        };
        let stale: Vec<(PathBuf, Stamp)> = candidates
            .into_iter()
            .filter(|f| load::is_entry_file(f))
            .filter_map(|f| stamp(&self.root.join(&f)).map(|s| (f, s)))
            .filter(|(f, s)| {
                changes.entries.contains(f) || self.entries.get(f).is_none_or(|(old, _)| old != s)
            })
            .collect();
        let fresh: Vec<(PathBuf, Stamp, Parsed)> = stale
            .into_par_iter()
            .map(|(f, s)| {
                let parsed = load::load_entry(&self.root, &f, config);
                (f, s, parsed)
            })
            .collect();
        match walked {
            Some(files) => {
                self.entries.retain(|f, _| files.entries.contains(f));
                self.attachments = files.attachments;
            }
            None => self
                .entries
                .retain(|f, _| !changes.entries.contains(f) || self.root.join(f).is_file()),
        }
        let count = fresh.len();
        for (f, s, parsed) in fresh {
            self.entries.insert(f, (s, parsed));
        }
        count
    }
}

/// The stamp of an existing file; `None` when there is no file (any more).
fn stamp(path: &Path) -> Option<Stamp> {
    std::fs::metadata(path)
        .ok()
        .filter(std::fs::Metadata::is_file)
        .map(|m| (m.modified().ok(), m.len()))
}

/// `2026/03/x/index.html` → `/2026/03/x/`; `style.css` → `/style.css`.
fn site_path(file: &str) -> String {
    match file.strip_suffix("index.html") {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => format!("/{dir}"),
        _ => format!("/{file}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_name_pages_by_their_folder() {
        assert_eq!(site_path("index.html"), "/");
        assert_eq!(site_path("2026/03/x/index.html"), "/2026/03/x/");
        assert_eq!(site_path("style.css"), "/style.css");
        assert_eq!(site_path("notindex.html"), "/notindex.html");
    }
}
