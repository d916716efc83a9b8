//! `strata import FORMAT SOURCE [JOURNAL]`: another tool's journal as entry files, one per
//! entry, in `entries/<year>/`; never over an existing file (a clash gets `-2`), with a summary
//! of what was written, what was skipped and why, and what was kept as text.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::new::create_unique;
use super::{Reporter, journal_root};
use crate::import::{self, Format, Imported, Read};

/// Arguments of `strata import`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  jrnl --export json > journal.json && strata import jrnl journal.json\n  strata import obsidian ~/vault\n  strata import jekyll ~/blog/_posts my-journal"
)]
pub(super) struct Args {
    /// What wrote the source
    #[arg(value_enum)]
    format: Format,
    /// The export file (jrnl's JSON) or folder (an unzipped Day One export, an Obsidian vault,
    /// Jekyll's `_posts`, Hugo's `content`)
    source: PathBuf,
    /// The journal to import into [default: the journal the current folder is in]
    dir: Option<PathBuf>,
}

pub(super) fn run(args: Args, reporter: Reporter) -> ExitCode {
    let root = match journal_root(args.dir.as_deref()) {
        Ok(root) => root.path().to_path_buf(),
        Err(code) => return code,
    };
    // A Day One archive is unpacked into a folder that lives until its photos are copied.
    let unpacked = match unpack(args.format, &args.source) {
        Ok(unpacked) => unpacked,
        Err(message) => {
            reporter.failure(&format!("error: {message}"));
            return ExitCode::from(1);
        }
    };
    let source = unpacked
        .as_ref()
        .map_or(args.source.as_path(), |d| d.path());
    let read = match read(args.format, source) {
        Ok(read) => read,
        Err(message) => {
            reporter.failure(&format!("error: {message}"));
            return ExitCode::from(1);
        }
    };
    for note in &read.notes {
        reporter.info(&format!("note: {note}"));
    }
    for (source, reason) in &read.skipped {
        reporter.info(&format!("skipped: {source} {reason}"));
    }
    let mut written = 0;
    for entry in &read.entries {
        match write(&root, entry) {
            Ok((path, notes)) => {
                written += 1;
                reporter.detail(&format!("wrote {}", path.display()));
                for note in notes {
                    reporter.info(&format!("note: {note}"));
                }
            }
            Err(message) => {
                reporter.failure(&format!("error: {message}"));
                return ExitCode::from(1);
            }
        }
    }
    reporter.info(&format!(
        "strata: imported {written} entries into {} ({} skipped, {} notes); `strata check` says what the progress views need (growth or depth, layers, capabilities are not guessed)",
        root.join(crate::journal::load::ENTRIES_DIR).display(),
        read.skipped.len(),
        read.notes.len()
    ));
    ExitCode::SUCCESS
}

/// The folder a Day One `.zip` export unpacks to, or `None` for any other source.
fn unpack(format: Format, source: &Path) -> Result<Option<tempfile::TempDir>, String> {
    let zipped = source.extension().and_then(|e| e.to_str()) == Some("zip");
    if format != Format::Dayone || !zipped {
        return Ok(None);
    }
    let folder =
        tempfile::tempdir().map_err(|e| format!("cannot make a folder to unpack into: {e}"))?;
    import::dayone::unzip(source, folder.path())?;
    Ok(Some(folder))
}

/// What the source holds, read as `format`.
fn read(format: Format, source: &Path) -> Result<Read, String> {
    let shown = source.display().to_string();
    match format {
        Format::Jrnl => {
            let text =
                std::fs::read_to_string(source).map_err(|e| format!("cannot read {shown}: {e}"))?;
            import::jrnl::read(&text, &shown)
        }
        Format::Dayone | Format::Obsidian | Format::Jekyll | Format::Hugo if !source.is_dir() => {
            Err(format!("{shown} is not a folder"))
        }
        Format::Dayone => import::dayone::read(source),
        Format::Obsidian => Ok(import::obsidian::read(source)),
        Format::Jekyll => Ok(import::jekyll::read(
            source,
            import::jekyll::Generator::Jekyll,
        )),
        Format::Hugo => Ok(import::jekyll::read(
            source,
            import::jekyll::Generator::Hugo,
        )),
    }
}

/// Writes `entry` into `entries/<year>/` under `root`, and copies its files beside it (never
/// over a file there); the path written, and a note for each file not copied.
fn write(root: &Path, entry: &Imported) -> Result<(PathBuf, Vec<String>), String> {
    let folder = Path::new(crate::journal::load::ENTRIES_DIR)
        .join(chrono::Datelike::year(&entry.date).to_string());
    let path = create_unique(root, &folder, &entry.stem(), &entry.text)?;
    let beside = path.parent().unwrap_or(root);
    let mut notes = Vec::new();
    for (source, name) in &entry.files {
        let target = beside.join(name);
        if target.exists() {
            notes.push(format!(
                "{}: {} is there already and was kept; check that it is the picture {} shows",
                target.display(),
                name,
                path.display()
            ));
            continue;
        }
        std::fs::copy(source, &target).map_err(|e| {
            format!(
                "cannot copy {} to {}: {e}",
                source.display(),
                target.display()
            )
        })?;
    }
    Ok((path, notes))
}
