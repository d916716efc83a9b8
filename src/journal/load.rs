//! Reading a journal's `entries/` folder: walk it, read every entry file in parallel, and
//! collect every problem of every file instead of stopping at the first.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::entry::{Entry, Parsed};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Location, line_column};

/// The folder of entries inside a journal.
pub const ENTRIES_DIR: &str = "entries";

/// The files under `root/entries`, relative to `root`: the entries, and the other files beside
/// them that entries may show or link to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceFiles {
    /// Entry files, sorted.
    pub entries: Vec<PathBuf>,
    /// Every other file: images, PDFs…
    pub attachments: std::collections::BTreeSet<PathBuf>,
    /// What could not be read while walking, as errors: a folder strata may not open would
    /// otherwise leave its entries out of the site without a word.
    pub unreadable: Vec<Diagnostic>,
}

/// Walks `root/entries` once. Hidden files and folders, editor leftovers and symbolic links
/// are skipped.
pub fn source_files(root: &Path) -> SourceFiles {
    let mut files = SourceFiles::default();
    let walk = WalkDir::new(root.join(ENTRIES_DIR))
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for found in walk {
        let entry = match found {
            Ok(entry) if entry.file_type().is_file() => entry,
            Ok(_) => continue,
            // A journal without `entries/` has no entries; that is not an error.
            Err(e)
                if e.depth() == 0
                    && e.io_error().map(std::io::Error::kind)
                        == Some(std::io::ErrorKind::NotFound) =>
            {
                continue;
            }
            Err(e) => {
                files.unreadable.push(unreadable(root, &e));
                continue;
            }
        };
        let Ok(relative) = entry.path().strip_prefix(root) else {
            continue;
        };
        if is_entry_file(relative) {
            files.entries.push(relative.to_path_buf());
        } else if !is_leftover(&entry.file_name().to_string_lossy()) {
            files.attachments.insert(relative.to_path_buf());
        }
    }
    files.entries.sort();
    files
}

/// The error for a part of `entries/` the walk could not read.
fn unreadable(root: &Path, error: &walkdir::Error) -> Diagnostic {
    let path = error.path().unwrap_or(Path::new(ENTRIES_DIR));
    let relative = path.strip_prefix(root).unwrap_or(path);
    let cause = error
        .io_error()
        .map_or_else(|| error.to_string(), std::io::Error::to_string);
    Diagnostic::error(
        relative,
        None,
        None,
        format!("cannot be read ({cause}); the entries in it would be left out of the site"),
    )
}

/// The entry files under `root/entries`, relative to `root`, sorted.
pub fn entry_files(root: &Path) -> Vec<PathBuf> {
    source_files(root).entries
}

/// Files editors write beside the real one while saving: backups, swap and lock files, and the
/// `4913` file vim writes to test a folder.
pub fn is_leftover(name: &str) -> bool {
    name.ends_with('~')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swo", ".swx", ".tmp"]
            .iter()
            .any(|ext| name.ends_with(ext))
        || name == "4913"
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Whether `path` names a markdown entry rather than an editor's temporary or backup file.
pub fn is_entry_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let leftover = name.starts_with(['.', '#']) || is_leftover(&name);
    let markdown = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "markdown")
    );
    markdown && !leftover
}

/// Reads and parses the entry `files` of the journal at `root`, in parallel. The results come
/// back in file order, each with its own problems.
pub fn load_entries(root: &Path, files: &[PathBuf], config: &Config) -> Vec<Parsed> {
    files
        .par_iter()
        .map(|source| load_entry(root, source, config))
        .collect()
}

/// Reads and parses one entry file; `source` is relative to `root`.
pub fn load_entry(root: &Path, source: &Path, config: &Config) -> Parsed {
    let fail = |location, message: String| Parsed {
        entry: None,
        diagnostics: vec![Diagnostic::error(source, None, location, message)],
    };
    let bytes = match std::fs::read(root.join(source)) {
        Ok(bytes) => bytes,
        Err(e) => return fail(None, format!("cannot be read: {e}")),
    };
    match decode(&bytes) {
        Ok(text) => Entry::parse(source, &text, config),
        Err(location) => fail(
            Some(location),
            "is not valid UTF-8 text; save it as UTF-8".into(),
        ),
    }
}

/// UTF-8 text with any byte-order mark removed and CRLF and lone CR line endings turned into
/// LF (YAML and CommonMark both end a line at a lone CR: left in, a line would be numbered
/// differently from the parsers' count); on invalid UTF-8, the place of the first bad byte.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, Location> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        // Most files have no CR: read in place, not copied twice.
        Ok(text) if !bytes.contains(&b'\r') => Ok(Cow::Borrowed(text)),
        Ok(text) => Ok(Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))),
        Err(e) => {
            let valid = String::from_utf8_lossy(bytes.get(..e.valid_up_to()).unwrap_or_default());
            let (line, column) = line_column(&valid, valid.len());
            Err(Location::new(line, column, 1))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_editor_leftovers_and_other_files() {
        for (name, wanted) in [
            ("a.md", true),
            ("a.markdown", true),
            ("a.md~", false),
            (".a.md.swp", false),
            (".#a.md", false),
            ("#a.md#", false),
            ("a.txt", false),
        ] {
            assert_eq!(is_entry_file(Path::new(name)), wanted, "{name}");
        }
    }

    #[test]
    fn decodes_bom_and_crlf() {
        assert_eq!(
            decode(b"\xEF\xBB\xBF---\r\ntitle: x\r\n---\r\n").unwrap(),
            "---\ntitle: x\n---\n"
        );
    }

    #[test]
    fn a_file_gone_between_listing_and_reading_is_an_error_naming_it() {
        // What a build sees when an editor removes or renames an entry while it runs.
        let root = tempfile::tempdir().expect("a temporary folder");
        let entries = root.path().join(ENTRIES_DIR);
        std::fs::create_dir_all(&entries).expect("entries/");
        std::fs::write(
            entries.join("2026-01-01-a.md"),
            "---\ntitle: A\n---\nText.\n",
        )
        .expect("a");
        std::fs::write(
            entries.join("2026-01-02-b.md"),
            "---\ntitle: B\n---\nText.\n",
        )
        .expect("b");
        let listed = entry_files(root.path());
        assert_eq!(listed.len(), 2);
        std::fs::remove_file(entries.join("2026-01-02-b.md")).expect("b removed");
        let parsed = load_entries(root.path(), &listed, &Config::default());
        assert!(parsed[0].entry.is_some());
        assert!(parsed[1].entry.is_none());
        let error = parsed[1].diagnostics[0].to_string();
        assert!(
            error.starts_with("error: entries/2026-01-02-b.md: cannot be read: No such file"),
            "{error}"
        );
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_as_for_yaml() {
        // Found by fuzzing: YAML read `pubDate` on a line of its own after a lone CR, where
        // the error's position was looked for by LF alone, and the error had none.
        let text = decode(b"---\ntitle: 'x\r'\rpubDate: 'J ul239'\n---\nBody.\n").unwrap();
        assert_eq!(text, "---\ntitle: 'x\n'\npubDate: 'J ul239'\n---\nBody.\n");
        let parsed = Entry::parse(Path::new("entries/x.md"), &text, &Config::default());
        let error = &parsed.diagnostics[0];
        assert_eq!(
            error.location.map(|l| (l.line, l.column)),
            Some((4, 10)),
            "{error}"
        );
    }

    #[test]
    fn locates_the_first_invalid_byte() {
        assert_eq!(decode(b"ok\nab\xFF").unwrap_err(), Location::new(2, 3, 1));
    }
}
