//! jrnl's JSON export (`jrnl --export json`): `{"tags": {…}, "entries": [{"title", "body",
//! "date", "time", "tags": ["@work"], "starred"}]}`. Tags lose their `@`; a starred entry gets
//! the tag `starred`.

use serde::Deserialize;

use super::{Imported, Read, entry_text, slug_of};

/// The export as jrnl writes it.
#[derive(Debug, Deserialize)]
struct Export {
    entries: Vec<JrnlEntry>,
}

/// One entry of the export.
#[derive(Debug, Deserialize)]
struct JrnlEntry {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    date: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
}

/// Reads the export `text` (from the file `source`).
pub fn read(text: &str, source: &str) -> Result<Read, String> {
    let export: Export = serde_json::from_str(text).map_err(|e| {
        format!(
            "{source}:{}:{}: not the JSON `jrnl --export json` writes: {e}",
            e.line(),
            e.column()
        )
    })?;
    let mut read = Read::default();
    for (n, entry) in export.entries.into_iter().enumerate() {
        let shown = format!("{source}: entry {}", n + 1);
        let Ok(date) = chrono::NaiveDate::parse_from_str(&entry.date, "%Y-%m-%d") else {
            read.skipped.push((
                shown,
                format!("its date \"{}\" is not YYYY-MM-DD", entry.date),
            ));
            continue;
        };
        let mut tags: Vec<String> = entry
            .tags
            .iter()
            .map(|t| t.trim_start_matches('@').to_string())
            .filter(|t| !t.is_empty())
            .collect();
        if entry.starred {
            tags.push("starred".into());
        }
        tags.dedup();
        let when = if entry.time.is_empty() {
            date.to_string()
        } else {
            format!("{date} {}", entry.time)
        };
        read.entries.push(Imported {
            date,
            slug: slug_of(&entry.title),
            text: entry_text(&entry.title, &when, &tags, &entry.body),
            files: Vec::new(),
            source: shown,
        });
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_keep_title_date_time_body_and_tags_without_their_at() {
        let export = r#"{"tags": {"@work": 1}, "entries": [
            {"title": "Budget: season", "body": "Asked early.\n", "date": "2026-01-10", "time": "09:30", "tags": ["@work", "@budget"], "starred": true},
            {"title": "Bad", "body": "", "date": "10/01/2026", "time": "", "tags": [], "starred": false}
        ]}"#;
        let found = read(export, "journal.json").expect("an export");
        assert_eq!(found.entries.len(), 1);
        let entry = &found.entries[0];
        assert_eq!(entry.stem(), "2026-01-10-budget-season");
        assert_eq!(
            entry.text,
            "---\ntitle: \"Budget: season\"\ndate: 2026-01-10 09:30\ntags: [\"work\", \"budget\", \"starred\"]\n---\nAsked early.\n"
        );
        assert_eq!(found.skipped[0].0, "journal.json: entry 2");
        assert!(read("{\"entries\": 3}", "j.json").is_err_and(|e| e.starts_with("j.json:1:")));
    }
}
