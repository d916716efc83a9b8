//! Writing a build to disk safely: everything goes into a temporary folder beside the output,
//! which is then swapped in, so a failed build leaves the previous site untouched. A marker
//! file tells strata which folders it wrote; it never deletes one it did not.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::render::Asset;

/// The file strata leaves in every output folder it writes.
pub const MARKER_FILE: &str = ".strata-output";
const MARKER_TEXT: &str = "This folder is written by strata and replaced on every build.\n";

/// What goes into one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Rendered text, handed over as it was rendered, not copied.
    Text(String),
    /// A static file, copied.
    Asset(Asset),
    /// A rendered file known to be as the last render wrote it: a preview keeps what each
    /// page was rendered from, not its text, and hands on a page whose inputs did not change
    /// as this, which is not written again. (A preview forgets what it rendered whenever a
    /// render or a write failed, so this never stands for a file that was not written.)
    Unchanged,
}

/// Why an output folder cannot be written.
#[derive(Debug, Error)]
pub enum OutputError {
    /// The folder has files and no marker: it is someone else's.
    #[error(
        "{0} is not empty and was not written by strata; choose another output folder or empty it yourself"
    )]
    NotOurs(PathBuf),
    /// A folder beside the output has the name strata gives its own temporary folders, but is
    /// not one of them.
    #[error(
        "{0} is in the way: strata builds into a folder of that name beside the output, and this one was not written by strata; move it"
    )]
    InTheWay(PathBuf),
    /// A file would land outside the output folder, or could not be made there.
    #[error("{path} cannot be written into the site: {reason}")]
    UnsafePath {
        /// The site path.
        path: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Writing there would replace the journal or a folder of its sources.
    #[error(
        "{0} is, or holds, the journal's own files; choose an output folder outside entries/, static/ and templates/"
    )]
    WouldReplaceJournal(PathBuf),
    /// A file system operation failed.
    #[error("{action} {path}: {source}")]
    Io {
        /// What strata was doing.
        action: &'static str,
        /// On which path.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
}

fn io_error(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> OutputError + use<> {
    let path = path.to_path_buf();
    move |source| OutputError::Io {
        action,
        path,
        source,
    }
}

/// Refuses an output folder that strata must not replace: one that is, or contains, the journal
/// or one of its source folders, and a non-empty one without strata's marker.
pub fn check_target(journal: &Path, output: &Path) -> Result<(), OutputError> {
    let journal = absolute(journal);
    let output = absolute(output);
    let sources = ["entries", "static", "templates", "themes"].map(|d| journal.join(d));
    if journal.starts_with(&output) || sources.iter().any(|s| output.starts_with(s)) {
        return Err(OutputError::WouldReplaceJournal(output));
    }
    match fs::read_dir(&output) {
        Ok(mut items) => {
            if items.next().is_some() && !output.join(MARKER_FILE).is_file() {
                return Err(OutputError::NotOurs(output));
            }
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => Err(OutputError::NotOurs(output)),
        Err(e) => Err(io_error("cannot read", &output)(e)),
    }
}

/// A new site being written beside the output folder, swapped in only when complete: files can
/// be written into it as they are made (from many threads), so a build never holds the whole
/// site in memory. Dropped without [`Staging::commit`], it is removed and the old output stays.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    previous: PathBuf,
    committed: bool,
    /// Held from the start of a build to its end: a second build into the same folder (an
    /// editor's build-on-save beside a terminal's) waits for it instead of taking its files.
    _lock: OutputLock,
}

impl Staging {
    /// Makes an empty temporary folder beside `output`, with strata's marker in it; clears the
    /// leftovers of an interrupted build first. Call [`check_target`] before.
    pub fn begin(output: &Path) -> Result<Staging, OutputError> {
        let output = absolute(output);
        let parent = output
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("/"));
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let staging = parent.join(format!(".{name}.strata-tmp"));
        let previous = parent.join(format!(".{name}.strata-old"));
        fs::create_dir_all(&parent).map_err(io_error("cannot create", &parent))?;
        let lock = lock_output(&parent.join(format!(".{name}.strata-lock")))?;
        for leftover in [&staging, &previous] {
            // Left by an interrupted build — but only a folder strata marked as its own goes.
            if leftover.exists() {
                if !leftover.join(MARKER_FILE).is_file() {
                    return Err(OutputError::InTheWay(leftover.clone()));
                }
                fs::remove_dir_all(leftover).map_err(io_error("cannot remove", leftover))?;
            }
        }
        fs::create_dir(&staging).map_err(io_error("cannot create", &staging))?;
        fs::write(staging.join(MARKER_FILE), MARKER_TEXT)
            .map_err(io_error("cannot write", &staging))?;
        Ok(Staging {
            output,
            staging,
            previous,
            committed: false,
            _lock: lock,
        })
    }

    /// Writes one file of the new site (`relative` to its root).
    pub fn write(&self, relative: &str, content: &Content) -> Result<(), OutputError> {
        write_file(&inside(&self.staging, relative)?, content)
    }

    /// Swaps the new site in for the output folder.
    pub fn commit(mut self) -> Result<(), OutputError> {
        if self.output.exists() {
            fs::rename(&self.output, &self.previous)
                .map_err(io_error("cannot move aside", &self.output))?;
        }
        fs::rename(&self.staging, &self.output)
            .map_err(io_error("cannot move into place", &self.output))?;
        self.committed = true;
        if self.previous.exists() {
            fs::remove_dir_all(&self.previous)
                .map_err(io_error("cannot remove", &self.previous))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    /// An unfinished site is removed; the output folder was never touched.
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// The lock on an output folder, held for a whole build: a file beside the folder, removed
/// while still held at the end, so that no lock file stays behind in the journal.
struct OutputLock {
    _file: fs::File,
    path: PathBuf,
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed before it is let go: a build waiting on it then finds it gone and locks a
        // new one (see `lock_output`). Elsewhere than Unix an open file cannot be removed.
        if cfg!(unix) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Takes the lock on an output folder (the file `path` beside it), waiting while another
/// build holds it. The system releases it when the build ends, however it ends.
fn lock_output(path: &Path) -> Result<OutputLock, OutputError> {
    loop {
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(io_error("cannot create", path))?;
        file.lock().map_err(io_error("cannot lock", path))?;
        if still_at(&file, path) {
            return Ok(OutputLock {
                _file: file,
                path: path.to_path_buf(),
            });
        }
        // The build before removed the file it held: this lock is on a file no one else
        // will open. Lock the one at `path` now.
    }
}

/// Whether the open `file` is still the file at `path` (not removed, not replaced).
#[cfg(unix)]
fn still_at(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(held), Ok(now)) => held.ino() == now.ino() && held.dev() == now.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_at(_file: &fs::File, _path: &Path) -> bool {
    true
}

/// `relative` joined to `folder`, once [`crate::site_path::safe_site_path`] lets it through.
fn inside(folder: &Path, relative: &str) -> Result<PathBuf, OutputError> {
    crate::site_path::safe_site_path(relative).map_err(|reason| OutputError::UnsafePath {
        path: relative.to_string(),
        reason,
    })?;
    Ok(folder.join(relative.trim_start_matches('/')))
}

/// Writes one file, creating its folder.
fn write_file(path: &Path, content: &Content) -> Result<(), OutputError> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(io_error("cannot create", dir))?;
    }
    match content {
        Content::Text(text) => {
            fs::write(path, text.as_bytes()).map_err(io_error("cannot write", path))
        }
        Content::Asset(Asset::Embedded(bytes)) => {
            fs::write(path, bytes).map_err(io_error("cannot write", path))
        }
        Content::Asset(Asset::File(source)) => fs::copy(source, path)
            .map(|_| ())
            .map_err(io_error("cannot copy", source)),
        Content::Unchanged => Ok(()),
    }
}

/// What an output folder holds, as strata last wrote it, so that a rebuild writes only the
/// files whose bytes changed: a fingerprint of each rendered text (keeping the texts themselves
/// held a 10,000-entry preview's whole site in memory) and a stamp of each copied file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Written {
    files: BTreeMap<String, Print>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Print {
    Text(u64),
    Stamp(u64),
}

/// What [`write_changes`] did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Update {
    /// Files written, relative to the output folder.
    pub written: Vec<String>,
    /// Files removed, relative to the output folder.
    pub removed: Vec<String>,
}

/// Makes `folder` hold exactly `files`, writing only those that changed since `written` was
/// filled and removing those no longer produced. Each file is written to a temporary name and
/// renamed into place, so a reader never sees half a file.
pub fn write_changes(
    folder: &Path,
    files: BTreeMap<String, Content>,
    written: &mut Written,
) -> Result<Update, OutputError> {
    let gone: Vec<String> = written
        .files
        .keys()
        .filter(|k| !files.contains_key(*k))
        .cloned()
        .collect();
    let mut update = Update {
        written: write_some(folder, files, written)?,
        removed: Vec::new(),
    };
    for relative in gone {
        remove_file(folder, &relative)?;
        written.files.remove(&relative);
        update.removed.push(relative);
    }
    Ok(update)
}

/// Removes the files of a kind (those `of_kind` accepts) that `written` holds and `made` does
/// not: what a partial update leaves behind of a set of files it always makes whole (the
/// search index, whose shards come and go with the words of the entries). Returns the files
/// removed.
pub fn remove_unmade(
    folder: &Path,
    of_kind: impl Fn(&str) -> bool,
    made: &std::collections::BTreeSet<String>,
    written: &mut Written,
) -> Result<Vec<String>, OutputError> {
    let gone: Vec<String> = written
        .files
        .keys()
        .filter(|k| of_kind(k) && !made.contains(*k))
        .cloned()
        .collect();
    for relative in &gone {
        remove_file(folder, relative)?;
        written.files.remove(relative);
    }
    Ok(gone)
}

/// Writes those of `files` that changed since `written` was filled, as [`write_changes`]
/// does, leaving every other file of `folder` as it is; returns the files written.
pub fn write_some(
    folder: &Path,
    files: BTreeMap<String, Content>,
    written: &mut Written,
) -> Result<Vec<String>, OutputError> {
    use rayon::prelude::*;
    let mut changed = Vec::new();
    for (relative, content) in files {
        let print = match &content {
            Content::Text(text) => Print::Text(crate::fingerprint::of(&text.as_str())),
            Content::Asset(asset) => Print::Stamp(asset_stamp(asset)),
            Content::Unchanged => continue,
        };
        if written.files.get(&relative) != Some(&print) {
            changed.push((relative, content, print));
        }
    }
    changed.par_iter().try_for_each(|(relative, content, _)| {
        let path = inside(folder, relative)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let part = path.with_file_name(format!(".{name}.strata-part"));
        write_file(&part, content)?;
        fs::rename(&part, &path).map_err(io_error("cannot move into place", &path))
    })?;
    // Recorded only once written, so a failed write is tried again by the next rebuild.
    Ok(changed
        .into_iter()
        .map(|(relative, _, print)| {
            written.files.insert(relative.clone(), print);
            relative
        })
        .collect())
}

/// Removes `relative` from `folder`, and the folders it leaves empty, so a removed page is a
/// 404 and not an empty listing.
fn remove_file(folder: &Path, relative: &str) -> Result<(), OutputError> {
    let path = folder.join(relative);
    if path.exists() {
        fs::remove_file(&path).map_err(io_error("cannot remove", &path))?;
    }
    let mut dir = path.parent();
    while let Some(d) = dir.filter(|d| *d != folder) {
        if fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}

/// A fingerprint of a copied file: its bytes when built in, else its source's path, size and
/// modification time (reading every image on every rebuild would be slow).
fn asset_stamp(asset: &Asset) -> u64 {
    match asset {
        Asset::Embedded(bytes) => crate::fingerprint::of(bytes),
        Asset::File(source) => {
            let meta = fs::metadata(source).ok();
            let size = meta.as_ref().map(fs::Metadata::len);
            crate::fingerprint::of(&(source, size, meta.and_then(|m| m.modified().ok())))
        }
    }
}

/// `path` made absolute and cleaned of `.` and `..`, following links where the path exists.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(real) = fs::canonicalize(path) {
        return real;
    }
    let joined = std::env::current_dir()
        .map(|cwd| cwd.join(path))
        .unwrap_or_else(|_| path.to_path_buf());
    // The folder may not exist yet: resolve the part that does.
    match (joined.parent(), joined.file_name()) {
        (Some(parent), Some(name)) => absolute(parent).join(name),
        _ => joined,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pairs: &[(&str, &str)]) -> BTreeMap<String, Content> {
        pairs
            .iter()
            .map(|(p, t)| (p.to_string(), Content::Text(t.to_string())))
            .collect()
    }

    /// Writes `files` as the new content of `out`, as a build does.
    fn write_site(out: &Path, files: &BTreeMap<String, Content>) -> Result<(), OutputError> {
        let staging = Staging::begin(out)?;
        for (relative, content) in files {
            staging.write(relative, content)?;
        }
        staging.commit()
    }

    #[test]
    fn replaces_its_own_output_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &files(&[("index.html", "one"), ("old.html", "x")])).unwrap();
        check_target(dir.path(), &out).unwrap();
        write_site(&out, &files(&[("index.html", "two")])).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(!out.join("old.html").exists());
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, ["public"]);
    }

    #[test]
    fn a_folder_of_the_name_strata_builds_into_that_is_not_strata_s_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let theirs = dir.path().join(".public.strata-tmp");
        fs::create_dir(&theirs).unwrap();
        fs::write(theirs.join("notes.txt"), "mine").unwrap();
        let error = write_site(&out, &files(&[("index.html", "one")])).unwrap_err();
        assert!(
            matches!(error, OutputError::InTheWay(ref p) if p == &theirs),
            "{error}"
        );
        assert_eq!(
            fs::read_to_string(theirs.join("notes.txt")).unwrap(),
            "mine"
        );
        assert!(!out.exists());
    }

    #[test]
    fn no_file_is_written_outside_the_output_whatever_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site").join("public");
        for path in [
            "../escaped.html",
            "a/../../escaped.html",
            "/../escaped.html",
        ] {
            let error = write_site(&out, &files(&[(path, "x")])).unwrap_err();
            assert!(
                matches!(error, OutputError::UnsafePath { .. }),
                "{path}: {error}"
            );
            let error = write_changes(&out, files(&[(path, "x")]), &mut Written::default());
            assert!(
                matches!(error, Err(OutputError::UnsafePath { .. })),
                "{path}"
            );
        }
        assert!(!dir.path().join("site").join("escaped.html").exists());
        assert!(!dir.path().join("escaped.html").exists());
    }

    #[test]
    fn a_second_build_into_the_same_folder_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = Staging::begin(&out).unwrap();
        first
            .write("index.html", &files(&[("x", "first")])["x"])
            .unwrap();
        let second = {
            let out = out.clone();
            std::thread::spawn(move || {
                let staging = Staging::begin(&out)?;
                staging.write("index.html", &files(&[("x", "second")])["x"])?;
                staging.commit()
            })
        };
        std::thread::sleep(std::time::Duration::from_millis(200));
        assert!(!second.is_finished(), "the second build went ahead");
        first.commit().unwrap();
        second.join().unwrap().unwrap();
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap(),
            "second"
        );
    }

    #[test]
    fn writes_only_what_changed_and_removes_what_went_away() {
        let dir = tempfile::tempdir().unwrap();
        let mut written = Written::default();
        let first = write_changes(
            dir.path(),
            files(&[("a/index.html", "a"), ("b/index.html", "b")]),
            &mut written,
        )
        .unwrap();
        assert_eq!(first.written, ["a/index.html", "b/index.html"]);
        let second =
            write_changes(dir.path(), files(&[("a/index.html", "a2")]), &mut written).unwrap();
        assert_eq!(
            (second.written, second.removed),
            (
                vec!["a/index.html".to_string()],
                vec!["b/index.html".to_string()]
            )
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("a/index.html")).unwrap(),
            "a2"
        );
        assert!(!dir.path().join("b").exists(), "the emptied folder is gone");
        let third =
            write_changes(dir.path(), files(&[("a/index.html", "a2")]), &mut written).unwrap();
        assert!(third.written.is_empty() && third.removed.is_empty());
    }

    #[test]
    fn refuses_a_folder_it_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("mine.txt"), "keep").unwrap();
        assert!(matches!(
            check_target(&dir.path().join("journal"), &out),
            Err(OutputError::NotOurs(_))
        ));
    }

    #[test]
    fn refuses_the_journal_and_its_source_folders() {
        let dir = tempfile::tempdir().unwrap();
        for out in [
            dir.path().to_path_buf(),
            dir.path().join("entries/site"),
            dir.path().parent().unwrap().to_path_buf(),
        ] {
            assert!(
                matches!(
                    check_target(dir.path(), &out),
                    Err(OutputError::WouldReplaceJournal(_))
                ),
                "{out:?}"
            );
        }
        assert!(check_target(dir.path(), &dir.path().join("public")).is_ok());
    }
}
