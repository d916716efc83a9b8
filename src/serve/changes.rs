//! Sorting file-system events into what they change — entries, templates, static files or the
//! config — so a rebuild does only the work a change needs. A pure function of paths.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use crate::config::CONFIG_FILE;
use crate::journal::load::{ENTRIES_DIR, is_leftover};
use crate::render::{STATIC_DIR, TEMPLATES_DIR, THEMES_DIR};
use crate::theme::STRINGS_DIR;

/// What a batch of file events changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Entry files that changed, appeared or went away (relative to the journal).
    pub entries: BTreeSet<PathBuf>,
    /// Something else under `entries/` changed: a folder made, renamed or removed.
    pub entry_folders: bool,
    /// A file beside the entries (an image, a PDF) changed, appeared or went away.
    pub attachments: bool,
    /// A template or theme file changed: every page is rendered again.
    pub templates: bool,
    /// A static file changed.
    pub assets: bool,
    /// `journal.yaml` changed: everything is rebuilt.
    pub config: bool,
}

impl Changes {
    /// A change that asks for everything: the first build.
    pub fn everything() -> Changes {
        Changes {
            entries: BTreeSet::new(),
            entry_folders: true,
            attachments: true,
            templates: true,
            assets: true,
            config: true,
        }
    }

    /// Whether nothing that matters changed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
            && !self.entry_folders
            && !self.attachments
            && !self.templates
            && !self.assets
            && !self.config
    }

    /// Whether only entry files changed (and at least one): no folder, file beside the
    /// entries, template, static file or config.
    pub fn entries_only(&self) -> bool {
        !self.entries.is_empty()
            && !self.entry_folders
            && !self.attachments
            && !self.templates
            && !self.assets
            && !self.config
    }

    /// Whether only static files changed: the pages then change at most in the stylesheet
    /// version they name, and open pages swap the stylesheet rather than reload.
    pub fn assets_only(&self) -> bool {
        self.assets
            && self.entries.is_empty()
            && !self.entry_folders
            && !self.attachments
            && !self.templates
            && !self.config
    }

    /// A short description for the terminal: `entries/a.md`, `2 entries`, `templates`…
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.config {
            parts.push(CONFIG_FILE.to_string());
        }
        match self.entries.len() {
            0 if self.entry_folders => parts.push("entries/".into()),
            0 => {}
            1 => parts.extend(self.entries.iter().map(|p| p.display().to_string())),
            n => parts.push(format!("{n} entries")),
        }
        if self.attachments {
            parts.push("files beside entries".into());
        }
        if self.templates {
            parts.push("templates".into());
        }
        if self.assets {
            parts.push("static files".into());
        }
        parts.join(", ")
    }
}

/// Sorts `paths` (as file events name them) under the journal at `root` into [`Changes`].
/// Hidden files and folders, editor leftovers and anything outside the journal's sources are
/// ignored.
pub fn classify(root: &Path, paths: impl IntoIterator<Item = PathBuf>) -> Changes {
    let mut changes = Changes::default();
    for path in paths {
        let Ok(relative) = path.strip_prefix(root) else {
            continue;
        };
        let parts: Vec<String> = relative
            .components()
            .filter_map(|c| match c {
                Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        let Some(name) = parts.last() else { continue };
        if parts.iter().any(|p| p.starts_with('.')) || is_leftover(name) {
            continue;
        }
        match parts.first().map(String::as_str) {
            Some(ENTRIES_DIR) if is_markdown(name) => {
                changes.entries.insert(relative.to_path_buf());
            }
            // A name without an extension under entries/ is most likely a folder.
            Some(ENTRIES_DIR) if !name.contains('.') => changes.entry_folders = true,
            Some(ENTRIES_DIR) => changes.attachments = true,
            Some(TEMPLATES_DIR) => changes.templates = true,
            // A theme or a strings file may change the words of every page: read all again.
            Some(THEMES_DIR | STRINGS_DIR) => changes.config = true,
            Some(STATIC_DIR) => changes.assets = true,
            Some(CONFIG_FILE) if parts.len() == 1 => changes.config = true,
            _ => {}
        }
    }
    changes
}

fn is_markdown(name: &str) -> bool {
    name.ends_with(".md") || name.ends_with(".markdown")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changes(paths: &[&str]) -> Changes {
        classify(
            Path::new("/j"),
            paths.iter().map(|p| Path::new("/j").join(p)),
        )
    }

    #[test]
    fn sorts_paths_by_what_they_change() {
        let c = changes(&[
            "entries/2026/a.md",
            "entries/b.markdown",
            "templates/entry.html",
            "static/x.png",
            "journal.yaml",
        ]);
        assert_eq!(
            c.entries
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect::<Vec<_>>(),
            ["entries/2026/a.md", "entries/b.markdown"]
        );
        assert!(c.templates && c.assets && c.config && !c.entry_folders);
        // A theme's files and strings may change every page's words: everything again.
        assert!(changes(&["themes/dark/templates/base.html"]).config);
        assert!(changes(&["i18n/de.yaml"]).config);
    }

    #[test]
    fn ignores_editor_leftovers_hidden_files_and_other_folders() {
        for path in [
            "entries/.a.md.swp",
            "entries/a.md~",
            "entries/.#a.md",
            "entries/#a.md#",
            "entries/4913",
            "entries/a.md.tmp",
            ".git/index",
            "entries/.hidden/a.md",
            "public/index.html",
            "notes.txt",
            "static/.DS_Store",
            "sub/journal.yaml",
        ] {
            assert!(changes(&[path]).is_empty(), "{path}");
        }
        assert!(classify(Path::new("/j"), [PathBuf::from("/elsewhere/entries/a.md")]).is_empty());
    }

    #[test]
    fn only_entry_files_is_a_change_of_entries_only() {
        assert!(changes(&["entries/a.md", "entries/b.md"]).entries_only());
        assert!(!changes(&["entries/a.md", "templates/entry.html"]).entries_only());
        assert!(!changes(&["entries/a.md", "entries/x.png"]).entries_only());
        assert!(!Changes::default().entries_only());
    }

    #[test]
    fn a_new_or_renamed_folder_of_entries_is_noticed() {
        assert!(changes(&["entries/2027"]).entry_folders);
    }

    #[test]
    fn a_file_beside_the_entries_is_noticed() {
        let c = changes(&["entries/2026/03/whiteboard.png"]);
        assert!(c.attachments && c.entries.is_empty() && !c.entry_folders);
        assert_eq!(c.describe(), "files beside entries");
    }

    #[test]
    fn describes_what_changed() {
        assert_eq!(changes(&["entries/a.md"]).describe(), "entries/a.md");
        assert_eq!(
            changes(&["entries/a.md", "entries/b.md", "static/s.css"]).describe(),
            "2 entries, static files"
        );
        assert_eq!(
            Changes::everything().describe(),
            "journal.yaml, entries/, files beside entries, templates, static files"
        );
    }
}
