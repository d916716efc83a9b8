//! A preview session: the journal kept in memory between rebuilds. A change re-reads only the
//! entry files that changed, re-renders only the pages whose template or data changed, and
//! writes only the files whose bytes changed. The result is always what a clean build of the
//! same input would give.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;

use super::changes::Changes;
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::journal::{Journal, MarkdownCache, Parsed, Visibility, load};
use crate::output::{self, Written};
use crate::pipeline::{Pipeline, RenderCache};
use crate::render::Renderer;
use crate::site::Scope;
use crate::site::pages::EntryReads;
use crate::timeline::Timelines;

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
    /// The journal of the last good rebuild, kept so that a change to an entry's text alone
    /// can be rebuilt without assembling and aggregating it again.
    assembled: Option<Assembled>,
    /// The build date every rebuild counts to, when fixed ([`Session::on`]).
    today: Option<chrono::NaiveDate>,
}

/// A journal as the last good rebuild assembled it.
struct Assembled {
    journal: Journal,
    timelines: Timelines,
    /// Problems that did not stop it.
    warnings: Vec<Diagnostic>,
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
    /// Whether the journal's aggregates were computed again and every page considered; not
    /// when only the text of entries changed.
    pub aggregated: bool,
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
            assembled: None,
            today: None,
        }
    }

    /// The same session with `today` as its build date, for every rebuild, rather than the
    /// day each rebuild happens on ([`crate::clock::today`]).
    pub fn on(mut self, today: chrono::NaiveDate) -> Session {
        self.today = Some(today);
        self
    }

    /// The configuration in use, once a rebuild has read it.
    pub fn config(&self) -> Option<&Config> {
        self.config.as_ref()
    }

    /// Brings the output up to date with `changes`. On errors the output keeps the last good
    /// site, and the session stays ready for the next change.
    pub fn rebuild(&mut self, changes: &Changes) -> Result<Rebuilt, Vec<Diagnostic>> {
        self.rebuild_then(changes, &mut |_| {})
    }

    /// Like [`Session::rebuild`]; when only entries' text changed, their own pages are written
    /// first and `early` is told their site paths before the pages that list them are
    /// rendered, so the page being written reloads at once. The result names them too.
    pub fn rebuild_then(
        &mut self,
        changes: &Changes,
        early: &mut dyn FnMut(&[String]),
    ) -> Result<Rebuilt, Vec<Diagnostic>> {
        match self.refresh_texts(changes, early)? {
            Some(rebuilt) => Ok(rebuilt),
            None => self.rebuild_all(changes),
        }
    }

    /// Rebuilds after a change that can reach anything: the journal is assembled again from
    /// every entry (reading again only the files that changed), aggregated and planned whole.
    fn rebuild_all(&mut self, changes: &Changes) -> Result<Rebuilt, Vec<Diagnostic>> {
        let config = self.prepare(changes)?;
        let parsed = self.refresh_entries(changes, &config);
        let (journal, warnings) = match self.update_journal(changes) {
            Some(updated) => updated,
            None => {
                let entries: Vec<Parsed> = self.entries.values().map(|(_, p)| p.clone()).collect();
                let loaded = Journal::assemble_with(
                    config,
                    entries,
                    &self.attachments,
                    self.visibility,
                    &mut self.bodies,
                )
                .map_err(|failed| failed.diagnostics)?;
                (loaded.journal, loaded.warnings)
            }
        };
        let assembled = Assembled {
            timelines: crate::timeline::aggregate_on(
                &journal,
                self.today.unwrap_or_else(crate::clock::today),
            ),
            journal,
            warnings,
        };
        let renderer = self.renderer.as_ref().ok_or_else(Vec::new)?;
        let files = Pipeline::new(
            &self.root,
            &assembled.journal,
            &assembled.timelines,
            renderer,
        )
        .render(&mut self.cache, Scope::Everything)?;
        let update = output::write_changes(&self.output, files, &mut self.written);
        let update = forget_on_failure(&mut self.cache, &self.output, update)?;
        let rebuilt = Rebuilt {
            changed: update.written.iter().map(|f| site_path(f)).collect(),
            removed: update.removed.iter().map(|f| site_path(f)).collect(),
            parsed,
            rendered: self.cache.rendered_last_time(),
            entries: assembled.journal.entries.len(),
            warnings: assembled.warnings.clone(),
            aggregated: true,
        };
        self.assembled = Some(assembled);
        Ok(rebuilt)
    }

    /// The configuration for a rebuild after `changes`, read again when it changed (every
    /// entry is then read again too); the templates are loaded again when they or the
    /// configuration changed.
    fn prepare(&mut self, changes: &Changes) -> Result<Config, Vec<Diagnostic>> {
        if changes.config || self.config.is_none() {
            let mut config = Config::load(&self.root)?;
            config.set_base_url(&self.base_url);
            let config = crate::theme::prepare(&self.root, config).map_err(|d| vec![d])?;
            // Layers and permalinks shape every entry: read them all again.
            self.entries.clear();
            self.renderer = None;
            self.config = Some(config);
        }
        let config = self.config.clone().ok_or_else(Vec::new)?;
        // Every page names the stylesheet's version: a new stylesheet is a new `site`.
        let restyled = changes.assets
            && self.renderer.as_ref().is_some_and(|r| {
                r.stylesheet() != crate::render::stylesheet_version(&self.root, &config).as_deref()
            });
        if changes.templates || restyled || self.renderer.is_none() {
            self.renderer = Some(Renderer::new(&self.root, &config)?);
            self.cache = RenderCache::remembering();
        }
        Ok(config)
    }

    /// The journal of the last rebuild brought up to date with the entry files `changes`
    /// names (already read again), with its warnings: [`Journal::update`], when the change is
    /// to entry files alone. `None` when the journal must be assembled again from every file;
    /// the last one is then gone.
    fn update_journal(&mut self, changes: &Changes) -> Option<(Journal, Vec<Diagnostic>)> {
        let old = self.assembled.take();
        let mut assembled = match old {
            Some(assembled) if changes.entries_only() => assembled,
            old => {
                // Freeing a large journal takes a while: beside the rebuild, not before it.
                std::thread::spawn(move || drop(old));
                return None;
            }
        };
        let rereads = changes
            .entries
            .iter()
            .map(|f| (f.clone(), self.entries.get(f).map(|(_, p)| p.clone())))
            .collect();
        let entries = &self.entries;
        let read = |file: &Path| entries.get(file).map(|(_, p)| p.clone());
        let Some(updated) =
            assembled
                .journal
                .update(rereads, self.visibility, &mut self.bodies, &read)
        else {
            std::thread::spawn(move || drop(assembled));
            return None;
        };
        let mut warnings = assembled.warnings;
        warnings.retain(|d| !updated.files.contains(&d.path));
        warnings.extend(updated.diagnostics);
        crate::diagnostics::sort(&mut warnings);
        Some((assembled.journal, warnings))
    }

    /// Rebuilds after a change to the text of entries alone (their bodies or summaries, see
    /// [`Journal::refresh`]): nothing is aggregated again, and only the entries' own pages
    /// and the pages that list entries are planned. `None` when the change is not of that
    /// kind, and nothing was written.
    fn refresh_texts(
        &mut self,
        changes: &Changes,
        early: &mut dyn FnMut(&[String]),
    ) -> Result<Option<Rebuilt>, Vec<Diagnostic>> {
        let Some(indices) = self.reread_texts(changes) else {
            return Ok(None);
        };
        let (Some(assembled), Some(renderer)) = (&self.assembled, &self.renderer) else {
            return Ok(None);
        };
        let readers = readers(&assembled.journal, &indices);
        let (mut changed, mut removed) = (Vec::new(), Vec::new());
        let mut rendered = 0;
        let pipeline = Pipeline::new(
            &self.root,
            &assembled.journal,
            &assembled.timelines,
            renderer,
        );
        for scope in [Scope::Entries(&readers), Scope::Listings] {
            let files = pipeline.render(&mut self.cache, scope)?;
            rendered += self.cache.rendered_last_time();
            let listings = scope == Scope::Listings;
            let (written, gone) = write_part(
                &self.output,
                files,
                listings,
                &mut self.cache,
                &mut self.written,
            )?;
            removed.extend(gone);
            let paths: Vec<String> = written.iter().map(|f| site_path(f)).collect();
            if scope != Scope::Listings && !paths.is_empty() {
                early(&paths);
            }
            changed.extend(paths);
        }
        Ok(Some(Rebuilt {
            changed,
            removed,
            parsed: indices.len(),
            rendered,
            entries: assembled.journal.entries.len(),
            warnings: assembled.warnings.clone(),
            aggregated: false,
        }))
    }

    /// Reads again the entry files `changes` names and puts each in place in the journal
    /// ([`Journal::refresh`]) with its problems; their places in the journal, or `None` when
    /// `changes` is not a change to entries' text alone.
    fn reread_texts(&mut self, changes: &Changes) -> Option<Vec<usize>> {
        let (Some(assembled), Some(config)) = (&mut self.assembled, &self.config) else {
            return None;
        };
        if !changes.entries_only() {
            return None;
        }
        let mut indices = Vec::new();
        for file in &changes.entries {
            let ((_, old), new_stamp) = self.entries.get(file).zip(stamp(&self.root.join(file)))?;
            let parsed = load::load_entry(&self.root, file, config);
            // When this is `None`, the whole rebuild that follows reads the file again.
            let refreshed =
                assembled
                    .journal
                    .refresh(old.entry.as_ref()?, &parsed, &mut self.bodies)?;
            assembled.warnings.retain(|d| d.path != *file);
            assembled.warnings.extend(refreshed.diagnostics);
            self.entries.insert(file.clone(), (new_stamp, parsed));
            indices.push(refreshed.index);
        }
        crate::diagnostics::sort(&mut assembled.warnings);
        Some(indices)
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
                // A folder that cannot be read stands in the journal as an error, as in a
                // build, until a walk reads it.
                for problem in files.unreadable {
                    let parsed = Parsed {
                        entry: None,
                        diagnostics: vec![problem.clone()],
                    };
                    self.entries.insert(problem.path, ((None, 0), parsed));
                }
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

/// A failure to write the preview's folder, as the terminal and the page show it.
fn output_error(output: &Path, error: &output::OutputError) -> Vec<Diagnostic> {
    vec![Diagnostic::error(output, None, None, error.to_string())]
}

/// The entries whose pages read any of the entries at `indices` (their previous, next,
/// backlinks and related entries), those entries first among them, each once.
fn readers(journal: &crate::journal::Journal, indices: &[usize]) -> Vec<usize> {
    let mut readers: Vec<usize> = indices.to_vec();
    for &i in indices {
        readers.extend(EntryReads::readers_of(journal, i));
    }
    readers.sort_unstable();
    readers.dedup();
    readers
}

/// Writes the `files` of part of a site into `output`: the files written and, with the
/// `listings` (with which the search index is made whole), the site paths of the index's
/// files no longer made, which are removed.
fn write_part(
    output: &Path,
    files: std::collections::BTreeMap<String, output::Content>,
    listings: bool,
    cache: &mut RenderCache,
    written: &mut output::Written,
) -> Result<(Vec<String>, Vec<String>), Vec<Diagnostic>> {
    let search: BTreeSet<String> = files
        .keys()
        .filter(|k| crate::site::search::is_index_file(k))
        .cloned()
        .collect();
    let made = output::write_some(output, files, written);
    let made = forget_on_failure(cache, output, made)?;
    if !listings {
        return Ok((made, Vec::new()));
    }
    // Shards of words no entry has any more go.
    let gone = output::remove_unmade(output, crate::site::search::is_index_file, &search, written)
        .map_err(|e| output_error(output, &e))?;
    Ok((made, gone.iter().map(|f| site_path(f)).collect()))
}

/// `written` as the error a preview shows when a file could not be written, the render cache
/// then forgotten: it knows pages by fingerprint only, and the next rebuild must render and
/// write again every page this one may have left unwritten.
fn forget_on_failure<T>(
    cache: &mut RenderCache,
    output: &Path,
    written: Result<T, output::OutputError>,
) -> Result<T, Vec<Diagnostic>> {
    written.map_err(|e| {
        *cache = RenderCache::remembering();
        output_error(output, &e)
    })
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
