//! Where a journal lives: the one place a folder given on the command line (or the current
//! folder) becomes the journal's root. The root is absolute and has its symlinks resolved, so
//! every later stage — the loader, the watcher, the classification of file events — compares
//! like with like, whatever form the writer typed (`.`, `../j/`, a symlink, a trailing slash).

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::load::ENTRIES_DIR;
use crate::config::CONFIG_FILE;

/// The absolute, symlink-free folder of a journal that exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalRoot(PathBuf);

/// Why a folder is not a journal.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum RootError {
    /// The folder does not exist or cannot be read.
    #[error("{} does not exist or cannot be read ({reason}); to start a journal there, run `strata init {}`", .path.display(), .path.display())]
    Missing {
        /// The folder as given.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
    /// The folder has neither `journal.yaml` nor `entries/`.
    #[error("{} is not a journal: it has no journal.yaml and no entries/ folder; to start one there, run `strata init {}`", .path.display(), .path.display())]
    NotAJournal {
        /// The folder as given.
        path: PathBuf,
    },
    /// No folder from the current one upward is a journal.
    #[error("no journal here: neither {} nor any folder above it has a journal.yaml or an entries/ folder; pass the journal's folder, or run `strata init` to start one", .start.display())]
    NotFound {
        /// Where the search started.
        start: PathBuf,
    },
}

impl JournalRoot {
    /// The journal at `dir` exactly (an explicit folder is taken as given), or, without one,
    /// the nearest journal from the current folder upward, as git and cargo find theirs.
    pub fn find(dir: Option<&Path>) -> Result<JournalRoot, RootError> {
        match dir {
            Some(dir) => JournalRoot::at(dir),
            None => {
                let here = std::env::current_dir().map_err(|e| RootError::Missing {
                    path: PathBuf::from("."),
                    reason: e.to_string(),
                })?;
                JournalRoot::upward_from(&here)
            }
        }
    }

    /// The journal at `dir`, which must exist and look like a journal.
    pub fn at(dir: &Path) -> Result<JournalRoot, RootError> {
        let absolute = dir.canonicalize().map_err(|e| RootError::Missing {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        if is_journal(&absolute) {
            Ok(JournalRoot(absolute))
        } else {
            Err(RootError::NotAJournal {
                path: dir.to_path_buf(),
            })
        }
    }

    /// The nearest folder from `start` upward that is a journal.
    pub fn upward_from(start: &Path) -> Result<JournalRoot, RootError> {
        let absolute = start.canonicalize().map_err(|e| RootError::Missing {
            path: start.to_path_buf(),
            reason: e.to_string(),
        })?;
        absolute
            .ancestors()
            .find(|folder| is_journal(folder))
            .map(|folder| JournalRoot(folder.to_path_buf()))
            .ok_or(RootError::NotFound {
                start: start.to_path_buf(),
            })
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

/// Whether `folder` has a `journal.yaml` file or an `entries/` folder.
fn is_journal(folder: &Path) -> bool {
    folder.join(CONFIG_FILE).is_file() || folder.join(ENTRIES_DIR).is_dir()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn an_explicit_folder_must_be_a_journal() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            JournalRoot::at(dir.path()),
            Err(RootError::NotAJournal {
                path: dir.path().to_path_buf()
            })
        );
        let missing = dir.path().join("nope");
        assert!(matches!(
            JournalRoot::at(&missing),
            Err(RootError::Missing { .. })
        ));
        assert!(!missing.exists(), "nothing is created");
        std::fs::create_dir(dir.path().join("entries")).unwrap();
        let root = JournalRoot::at(dir.path()).unwrap();
        assert!(root.path().is_absolute());
    }

    #[test]
    fn every_spelling_of_a_folder_gives_one_root() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("j/entries/2026")).unwrap();
        let plain = JournalRoot::at(&dir.path().join("j")).unwrap();
        for spelling in ["j/", "j/.", "j/entries/..", "j/entries/2026/../../"] {
            assert_eq!(JournalRoot::at(&dir.path().join(spelling)).unwrap(), plain);
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("j"), dir.path().join("link")).unwrap();
            assert_eq!(JournalRoot::at(&dir.path().join("link")).unwrap(), plain);
        }
    }

    #[test]
    fn a_subfolder_finds_the_journal_above_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("j/entries/2026/03")).unwrap();
        std::fs::write(dir.path().join("j/journal.yaml"), "title: J\n").unwrap();
        let found = JournalRoot::upward_from(&dir.path().join("j/entries/2026/03")).unwrap();
        assert_eq!(found, JournalRoot::at(&dir.path().join("j")).unwrap());
        assert!(matches!(
            JournalRoot::upward_from(dir.path()),
            Err(RootError::NotFound { .. })
        ));
    }
}
