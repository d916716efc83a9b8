//! A Day One JSON export, unzipped: a folder with one `*.json` file per journal
//! (`{"entries": [{"creationDate", "text", "tags", "starred", "photos": [{"identifier", "md5",
//! "type"}]}]}`) and a `photos/` folder of `<md5>.<type>` files. The first line of an entry's
//! text is its title; each `![](dayone-moment://<identifier>)` becomes a markdown image of the
//! photo, copied beside the entry; a starred entry gets the tag `starred`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{Imported, Read, entry_text, slug_of};

#[derive(Debug, Deserialize)]
struct Export {
    entries: Vec<DayOneEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DayOneEntry {
    creation_date: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
    #[serde(default)]
    photos: Vec<Photo>,
}

#[derive(Debug, Deserialize)]
struct Photo {
    identifier: String,
    md5: String,
    #[serde(rename = "type", default = "jpeg")]
    kind: String,
}

fn jpeg() -> String {
    "jpeg".into()
}

/// The most a Day One archive may unpack to: an export is text and photos, and a small file
/// that unpacks to more would fill the disk.
const LARGEST_UNPACKED: u128 = 8 << 30;

/// Unpacks the Day One archive `zip` into `into`, refusing one that would unpack to more than
/// 8 GiB or outside `into`.
pub fn unzip(zip: &Path, into: &Path) -> Result<(), String> {
    let shown = zip.display();
    let file = std::fs::File::open(zip).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let mut archive =
        zip::ZipArchive::new(file).map_err(|e| format!("{shown} is not a zip archive: {e}"))?;
    if archive
        .decompressed_size()
        .is_none_or(|size| size > LARGEST_UNPACKED)
    {
        return Err(format!("{shown} would unpack to more than 8 GiB"));
    }
    archive
        .extract(into)
        .map_err(|e| format!("cannot unpack {shown}: {e}"))
}

/// Reads every journal of the export in `folder`.
pub fn read(folder: &Path) -> Result<Read, String> {
    let mut journals: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(|e| format!("cannot read {}: {e}", folder.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("json"))
        .collect();
    journals.sort();
    if journals.is_empty() {
        return Err(format!(
            "{} has no Day One journal (*.json); unzip the export and name its folder",
            folder.display()
        ));
    }
    let mut read = Read::default();
    for journal in journals {
        let shown = journal.display().to_string();
        let text =
            std::fs::read_to_string(&journal).map_err(|e| format!("cannot read {shown}: {e}"))?;
        let export: Export = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{shown}:{}:{}: not a Day One export: {e}",
                e.line(),
                e.column()
            )
        })?;
        for (n, entry) in export.entries.into_iter().enumerate() {
            let source = format!("{shown}: entry {}", n + 1);
            match imported(entry, folder, &source) {
                Ok((entry, notes)) => {
                    read.notes.extend(notes);
                    read.entries.push(entry);
                }
                Err(reason) => read.skipped.push((source, reason)),
            }
        }
    }
    Ok(read)
}

/// One Day One entry as an entry file, and notes on photos the export does not hold.
fn imported(
    entry: DayOneEntry,
    folder: &Path,
    source: &str,
) -> Result<(Imported, Vec<String>), String> {
    // `2026-01-10T08:30:00Z`: counted on its date in UTC, as the export writes it.
    let moment = chrono::DateTime::parse_from_rfc3339(&entry.creation_date)
        .map_err(|_| format!("its creationDate \"{}\" is not a date", entry.creation_date))?;
    let date = moment.date_naive();
    let text = entry.text;
    let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
    let title = first.trim_start_matches('#').trim().to_string();
    let mut body = rest.trim_start_matches('\n').to_string();
    let (mut files, mut notes) = (Vec::new(), Vec::new());
    for photo in &entry.photos {
        let moment_url = format!("dayone-moment://{}", photo.identifier);
        if !body.contains(&moment_url) {
            continue;
        }
        let name = format!("{}.{}", photo.md5, photo.kind);
        let file = folder.join("photos").join(&name);
        if file.is_file() {
            body = body.replace(&moment_url, &name);
            files.push((file, name));
        } else {
            notes.push(format!(
                "{source}: photo {name} is not in the export; its link is kept"
            ));
        }
    }
    let mut tags: Vec<String> = entry.tags.clone();
    if entry.starred {
        tags.push("starred".into());
    }
    Ok((
        Imported {
            date,
            slug: slug_of(&title),
            text: entry_text(&title, &moment.to_rfc3339(), &tags, &body),
            files,
            source: source.to_string(),
        },
        notes,
    ))
}
