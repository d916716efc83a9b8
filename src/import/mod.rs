//! Importing a journal kept with another tool: each format's reader turns its files into
//! [`Imported`] entries — front matter, body, the files to copy beside them — and says what it
//! skipped and what it left as text. Writing them (never over an existing file) is the
//! command's; growth, depth, layers and capabilities are never guessed.

pub mod dayone;
pub mod jekyll;
pub mod jrnl;
pub mod obsidian;

use std::path::PathBuf;

use chrono::NaiveDate;

/// The formats `strata import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The JSON `jrnl --export json` writes.
    Jrnl,
    /// A Day One JSON export: its `.zip`, or the folder it unpacks to.
    Dayone,
    /// A folder of Obsidian daily notes (`YYYY-MM-DD.md`) and their attachments.
    Obsidian,
    /// A Jekyll site's `_posts` folder.
    Jekyll,
    /// A Hugo site's `content` folder.
    Hugo,
}

/// One entry to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The day it counts on: the folder and file name start with it.
    pub date: NaiveDate,
    /// The file name's stem after the date (`budget-season`).
    pub slug: String,
    /// The whole file: front matter and body.
    pub text: String,
    /// Files to copy beside the entry: where each is, and the name it gets.
    pub files: Vec<(PathBuf, String)>,
    /// Where it came from, for the summary.
    pub source: String,
}

impl Imported {
    /// The entry's file stem: `2026-01-10-budget-season`, or the date alone for a note
    /// named by its day (`2026-01-10`), so `[[2026-01-10]]` still finds it.
    pub fn stem(&self) -> String {
        if self.slug.is_empty() {
            self.date.to_string()
        } else {
            format!("{}-{}", self.date, self.slug)
        }
    }
}

/// What an import read: the entries, what it skipped and why, and what it kept as text that
/// another tool would have run (a Liquid tag, a shortcode), each with its file, line and column.
#[derive(Debug, Default)]
pub struct Read {
    /// Entries to write.
    pub entries: Vec<Imported>,
    /// Sources not imported, each with why.
    pub skipped: Vec<(String, String)>,
    /// Things kept as written that the writer should look at: `file:line:col: message`.
    pub notes: Vec<String>,
}

/// An entry file of a title, a date (as the front matter writes it), tags and a body: what
/// the exports without front matter of their own (jrnl, Day One) become.
pub fn entry_text(title: &str, date: &str, tags: &[String], body: &str) -> String {
    let mut front = format!("title: {}\ndate: {date}\n", yaml_string(title));
    if !tags.is_empty() {
        let list: Vec<String> = tags.iter().map(|t| yaml_string(t)).collect();
        front.push_str(&format!("tags: [{}]\n", list.join(", ")));
    }
    format!("---\n{front}---\n{}\n", body.trim_end())
}

/// A YAML scalar for `text`: quoted, with what YAML would read otherwise escaped.
pub fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

/// A file name's part for `title`: its slug, or `entry` when it has no letters or digits.
pub fn slug_of(title: &str) -> String {
    let slug: String = slug::slugify(title).chars().take(60).collect();
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        "entry".to_string()
    } else {
        slug
    }
}
