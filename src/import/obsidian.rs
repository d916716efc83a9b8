//! An Obsidian vault's daily notes (`YYYY-MM-DD.md`, in any folder): front matter kept, inline
//! `#tags` added to its `tags`, `[[links]]` kept (strata reads them), and each `![[picture.png]]`
//! embed made a markdown image of the file, found anywhere in the vault and copied beside the
//! entry.

use std::path::{Path, PathBuf};

use super::{Imported, Read};
use crate::journal::front_matter;
use crate::journal::load::decode;

/// Reads the daily notes under `vault`.
pub fn read(vault: &Path) -> Read {
    let mut read = Read::default();
    let files: Vec<PathBuf> = walkdir::WalkDir::new(vault)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    let mut notes: Vec<&PathBuf> = files
        .iter()
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("md"))
        .collect();
    notes.sort();
    for path in notes {
        let shown = path.display().to_string();
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Ok(date) = chrono::NaiveDate::parse_from_str(&stem, "%Y-%m-%d") else {
            read.skipped
                .push((shown, "is not a daily note (YYYY-MM-DD.md)".into()));
            continue;
        };
        let text = match std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|b| {
                decode(&b)
                    .map(std::borrow::Cow::into_owned)
                    .map_err(|_| "is not UTF-8 text".to_string())
            }) {
            Ok(text) => text,
            Err(reason) => {
                read.skipped.push((shown, reason));
                continue;
            }
        };
        match note(&text, &files, &shown) {
            Ok((text, copies, notes)) => {
                read.notes.extend(notes);
                read.entries.push(Imported {
                    date,
                    slug: String::new(),
                    text,
                    files: copies,
                    source: shown,
                });
            }
            Err(reason) => read.skipped.push((shown, reason)),
        }
    }
    read
}

/// A note as an entry: its file's text, the files to copy beside it (where each is, the name
/// it gets), and notes on embeds whose file is not in the vault.
type Note = (String, Vec<(PathBuf, String)>, Vec<String>);

/// One note as an entry file: its text with tags and embeds made strata's, the files to copy
/// beside it, and notes on embeds whose file is not in the vault.
fn note(text: &str, vault: &[PathBuf], shown: &str) -> Result<Note, String> {
    let split = front_matter::split(text).map_err(|p| p.message)?;
    let (body, copies, notes) = embeds(split.body, vault, shown, split.body_line);
    let tags = inline_tags(split.body);
    let front = with_tags(split.front_matter, &tags)?;
    let text = if front.trim().is_empty() {
        body
    } else {
        format!("---\n{}---\n{body}", ensure_newline(&front))
    };
    Ok((text, copies, notes))
}

fn ensure_newline(text: &str) -> String {
    if text.ends_with('\n') {
        text.to_string()
    } else {
        format!("{text}\n")
    }
}

/// The front matter `yaml` with `tags` added to its own (kept as written when there are none
/// to add).
fn with_tags(yaml: &str, tags: &[String]) -> Result<String, String> {
    if tags.is_empty() {
        return Ok(yaml.to_string());
    }
    let mut mapping: crate::yaml::Mapping = if yaml.trim().is_empty() {
        crate::yaml::Mapping::new()
    } else {
        serde_yaml_ng::from_str(yaml).map_err(|e| format!("its front matter is not YAML: {e}"))?
    };
    let mut all: Vec<String> = match mapping.get("tags") {
        Some(crate::yaml::Value::Sequence(list)) => list
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        Some(crate::yaml::Value::String(text)) => {
            text.split(',').map(|t| t.trim().to_string()).collect()
        }
        _ => Vec::new(),
    };
    for tag in tags {
        if !all.contains(tag) {
            all.push(tag.clone());
        }
    }
    let list: Vec<crate::yaml::Value> = all.into_iter().map(crate::yaml::Value::String).collect();
    mapping.insert("tags".into(), crate::yaml::Value::Sequence(list));
    serde_yaml_ng::to_string(&mapping).map_err(|e| e.to_string())
}

/// The `#tags` written in `body` outside code (`#2026` alone is not a tag, as in Obsidian),
/// in order, once each.
fn inline_tags(body: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut fenced = false;
    for line in body.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        let mut in_code = false;
        let mut previous = ' ';
        for (at, c) in line.char_indices() {
            if c == '`' {
                in_code = !in_code;
            } else if c == '#' && !in_code && previous.is_whitespace() {
                let tag: String = line[at + 1..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '/'))
                    .collect();
                if tag.chars().any(|c| !c.is_ascii_digit()) && !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
            previous = c;
        }
    }
    tags
}

/// `body` with each `![[file]]` whose file is in the vault made `![](file)`, the files to copy,
/// and a note for each embed of a file the vault does not have.
fn embeds(
    body: &str,
    vault: &[PathBuf],
    shown: &str,
    body_line: usize,
) -> (String, Vec<(PathBuf, String)>, Vec<String>) {
    let (mut out, mut copies, mut notes) = (String::new(), Vec::new(), Vec::new());
    let mut rest = body;
    while let Some(at) = rest.find("![[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 3..];
        let Some(end) = after.find("]]") else {
            out.push_str(&rest[at..]);
            rest = "";
            break;
        };
        let target = after[..end].split('|').next().unwrap_or_default().trim();
        let name = Path::new(target)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match vault
            .iter()
            .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy() == name))
        {
            Some(file) if !name.is_empty() => {
                out.push_str(&format!("![]({})", name.replace(' ', "%20")));
                if !copies.iter().any(|(_, n)| n == &name) {
                    copies.push((file.clone(), name));
                }
            }
            _ => {
                let offset = body.len() - rest.len() + at;
                let (line, column) = crate::diagnostics::line_column(body, offset);
                let line = line + body_line - 1;
                notes.push(format!(
                    "{shown}:{line}:{column}: `![[{target}]]`: the vault has no such file; it is kept as text"
                ));
                out.push_str(&rest[at..at + 3 + end + 2]);
            }
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    (out, copies, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_tags_join_the_front_matter_and_embeds_become_images() {
        let vault = vec![PathBuf::from("vault/attachments/board.png")];
        let (text, copies, notes) = note(
            "---\ntags: [work]\n---\nPlanned the #budget with #team/leads. Issue #42 is no tag.\n\
             `#code` neither.\n![[board.png|300]] and ![[gone.png]] and [[2026-01-09]].\n",
            &vault,
            "vault/2026-01-10.md",
        )
        .expect("a note");
        assert_eq!(
            text,
            "---\ntags:\n- work\n- budget\n- team/leads\n---\nPlanned the #budget with #team/leads. Issue #42 is no tag.\n\
             `#code` neither.\n![](board.png) and ![[gone.png]] and [[2026-01-09]].\n"
        );
        assert_eq!(copies, [(vault[0].clone(), "board.png".to_string())]);
        assert_eq!(
            notes,
            [
                "vault/2026-01-10.md:6:24: `![[gone.png]]`: the vault has no such file; it is kept as text"
            ]
        );
    }
}
