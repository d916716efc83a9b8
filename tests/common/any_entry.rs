//! What any bytes as an entry file must give: an entry whose body goes through the markdown
//! pipeline (links resolved against a small journal, published, hidden and missing targets
//! alike), or errors that say where in the file they are — never a panic. Shared by the
//! property test (`tests/any_bytes.rs`) and the fuzz targets (`fuzz/`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use strata::config::Config;
use strata::journal::Entry;
use strata::journal::load::decode;
use strata::markdown::{Links, Source, render};

/// Reads `bytes` as strata reads an entry file, and says what is wrong with what it gives.
pub(crate) fn check_entry_bytes(bytes: &[u8]) -> Result<(), String> {
    let Ok(text) = decode(bytes) else {
        // Not UTF-8: an error at the first bad byte, tested in the loader's own tests.
        return Ok(());
    };
    let parsed = Entry::parse(
        Path::new("entries/2026/2026-01-01-x.md"),
        &text,
        &Config::default(),
    );
    match &parsed.entry {
        Some(entry) => check_body(entry),
        None => {
            let errors: Vec<_> = parsed.diagnostics.iter().filter(|d| d.is_error()).collect();
            if errors.is_empty() {
                return Err(format!("no entry and no error for {text:?}"));
            }
            match errors.iter().find(|e| e.location.is_none()) {
                Some(error) => Err(format!("{error} has no position, for {text:?}")),
                None => Ok(()),
            }
        }
    }
}

/// Renders any text as the body of an entry, in a journal with a published entry, a hidden
/// one and a picture beside them.
pub(crate) fn check_markdown(text: &str) -> Result<(), String> {
    let parsed = Entry::parse(
        Path::new("entries/2026/2026-01-01-x.md"),
        "---\ntitle: X\n---\n",
        &Config::default(),
    );
    let mut entry = parsed.entry.ok_or("the plain entry did not parse")?;
    entry.body = text.into();
    check_body(&entry)
}

/// The entry's body through the markdown pipeline, links and all.
fn check_body(entry: &Entry) -> Result<(), String> {
    let published = PathBuf::from("entries/2026/2026-01-02-shown.md");
    let hidden = PathBuf::from("entries/2026/2026-01-03-hidden.md");
    let entries: BTreeMap<PathBuf, Option<String>> = [
        (published.clone(), Some("/2026/01/shown/".to_string())),
        (hidden.clone(), None),
    ]
    .into();
    let files: BTreeSet<PathBuf> = [PathBuf::from("entries/2026/p.png")].into();
    let unpublished: BTreeSet<PathBuf> = [hidden].into();
    let config = Config::default();
    let mut wiki = strata::wiki::WikiTargets::new(&config.layers);
    wiki.add_entry(&entry.source, &entry.title, &entry.slug);
    wiki.add_entry(&published, "Shown", "shown");
    let links = Links {
        base_path: "/sub/",
        entries: &entries,
        attachments: &files,
        wiki: &wiki,
        unpublished: &unpublished,
    };
    let source = Source {
        path: &entry.source,
        permalink: &entry.permalink,
        body_line: entry.body_line,
    };
    let (rendered, warnings) = render(source, &entry.body, entry.summary.as_deref(), links);
    if rendered.reading_minutes == 0 {
        return Err("a body takes no time to read".into());
    }
    match warnings.iter().find(|w| w.path != entry.source) {
        Some(w) => Err(format!("a warning names another file: {w}")),
        None => Ok(()),
    }
}
