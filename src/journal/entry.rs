//! [`Entry`]: what one file means — its front matter with every fallback applied (title from
//! the first heading or the file name, date from the file name, slug from the file name), its
//! permalink and its markdown body.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};

use super::front_matter::{self, CapabilityRef, EntryDate, Problem, Work};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Location, Severity};
use crate::markdown::Rendered;

/// One journal entry, ready to be aggregated and rendered.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The file, relative to the journal folder (`entries/2026/03/x.md`).
    pub source: PathBuf,
    /// The title: front matter, else the first `# heading`, else the file name.
    pub title: String,
    /// The calendar date the entry counts on.
    pub date: NaiveDate,
    /// The full timestamp, when the front matter gives a time.
    pub datetime: Option<DateTime<FixedOffset>>,
    /// Tags as written.
    pub tags: Vec<String>,
    /// Growth or depth work, if the entry says.
    pub work: Option<Work>,
    /// The layers of progress it moved.
    pub layers: Vec<String>,
    /// The capabilities it is evidence of.
    pub capabilities: Vec<CapabilityRef>,
    /// Its weight: `hours`, or 1.
    pub hours: f64,
    /// A summary written in the front matter.
    pub summary: Option<String>,
    /// The last part of its URL.
    pub slug: String,
    /// The site path of its page, from the root of the site (`/2026/03/x/`).
    pub permalink: String,
    /// Its old addresses (`aliases:`, `redirect_from:`), as site paths: each gets a page that
    /// sends the reader on to this one.
    pub aliases: Vec<String>,
    /// Never published.
    pub private: bool,
    /// Published only in a staging build.
    pub draft: bool,
    /// Front matter keys strata does not know.
    pub extra: BTreeMap<String, serde_json::Value>,
    /// The markdown after the front matter; empty once the journal is assembled and the body
    /// rendered into `rendered`. Shared, since a preview keeps every parsed entry between
    /// rebuilds and hands each rebuild a copy.
    pub body: std::sync::Arc<str>,
    /// The line of the file where `body` starts, for locating problems in it.
    pub body_line: usize,
    /// The body as HTML, filled in when the journal is assembled.
    pub rendered: Rendered,
}

/// What reading one file gave: the entry when it has no error, and every problem either way.
#[derive(Debug, Default, Clone)]
pub struct Parsed {
    /// The entry, when the file has no error.
    pub entry: Option<Entry>,
    /// Errors and warnings, located in the file.
    pub diagnostics: Vec<Diagnostic>,
}

/// The front matter of a file split as `split`, whose name without extension is `stem`: YAML
/// or TOML, a date that starts as the file name's read leniently.
fn parse_front_matter(
    split: &front_matter::Split<'_>,
    stem: &str,
    config: &Config,
) -> (Option<front_matter::FrontMatter>, Vec<Problem>) {
    let named = date_prefix(stem).map(|d| d.date);
    let parse = match split.toml {
        true => front_matter::parse_toml,
        false => front_matter::parse_named,
    };
    parse(split.front_matter, &config.layers, named)
}

impl Entry {
    /// Builds an entry from a file's text (LF endings, no byte-order mark). `source` is the path
    /// relative to the journal, used in messages and for fallbacks.
    pub fn parse(source: &Path, text: &str, config: &Config) -> Parsed {
        let report = |offset: usize, problems: Vec<Problem>| -> Vec<Diagnostic> {
            located(source, text, offset, problems)
        };
        let split = match front_matter::split(text) {
            Ok(split) => split,
            Err(problem) => {
                return Parsed {
                    entry: None,
                    diagnostics: report(0, vec![problem]),
                };
            }
        };
        let stem = file_stem(source);
        let (front, problems) = parse_front_matter(&split, &stem, config);
        let diagnostics = report(split.front_matter_line - 1, problems);
        let Some(front) = front else {
            return Parsed {
                entry: None,
                diagnostics,
            };
        };
        // A whole-file error: the problems so far, and this one at the file's start.
        let failed = |mut diagnostics: Vec<Diagnostic>, message: String| {
            let at = Some(Location::start());
            diagnostics.push(Diagnostic::error(source, Some(text), at, message));
            Parsed {
                entry: None,
                diagnostics,
            }
        };
        let Some(date) = front.date.clone().or_else(|| date_prefix(&stem)) else {
            return failed(diagnostics, "the entry has no date: add `date: YYYY-MM-DD` to the front matter or start the file name with one".into());
        };
        // A date in the front matter was checked with its line; one from the file name is
        // checked here.
        if let Some(message) = date.out_of_range("the date in the file name") {
            return failed(diagnostics, message);
        }
        let (title, body) = match &front.title {
            Some(title) => (title.clone(), split.body.to_string()),
            None => title_from_body(split.body)
                .unwrap_or_else(|| (stem.clone(), split.body.to_string())),
        };
        let entry = Entry::from_parts(source, front, date, title, &stem, config)
            .with_body(body, split.body_line);
        if let Err(reason) = crate::site_path::safe_site_path(&entry.permalink) {
            let message = format!(
                "the entry's address {} cannot be a page: {reason}; give it a shorter `slug:`",
                entry.permalink
            );
            return failed(diagnostics, message);
        }
        Parsed {
            entry: Some(entry),
            diagnostics,
        }
    }

    /// The entry of the file `source` (whose name without extension is `stem`) from its
    /// parsed front matter, date and title, with its slug and permalink; no body yet.
    fn from_parts(
        source: &Path,
        front: front_matter::FrontMatter,
        date: EntryDate,
        title: String,
        stem: &str,
        config: &Config,
    ) -> Entry {
        let slug = entry_slug(front.slug.as_deref(), stem, &title);
        let permalink = permalink(&config.permalink, date.date, &slug);
        Entry {
            source: source.to_path_buf(),
            title,
            date: date.date,
            datetime: date.datetime,
            tags: front.tags,
            work: front.work,
            layers: front.layers,
            capabilities: front.capabilities,
            hours: front.hours.unwrap_or(1.0),
            summary: front.summary,
            slug,
            permalink,
            aliases: front.aliases,
            private: front.private,
            draft: front.draft,
            extra: front.extra,
            body: std::sync::Arc::from(""),
            body_line: 0,
            rendered: Rendered::default(),
        }
    }

    /// The entry with `body`, which starts on line `body_line` of its file.
    fn with_body(mut self, body: String, body_line: usize) -> Entry {
        self.body = body.into();
        self.body_line = body_line;
        self
    }

    /// Whether `other` differs from this entry in its text alone — body and summary — so that
    /// every aggregate, every other entry's page and the set of pages stay as they were. Both
    /// are compared as read from their files, before a journal adjusts them.
    pub fn same_shape(&self, other: &Entry) -> bool {
        self.shape() == other.shape()
    }

    /// Everything about the entry but its text.
    fn shape(&self) -> impl PartialEq + '_ {
        // Written as a destructuring so that a new field must be placed in the shape or out
        // of it before this compiles.
        let Entry {
            source,
            title,
            date,
            datetime,
            tags,
            work,
            layers,
            capabilities,
            hours,
            summary: _,
            slug,
            permalink,
            aliases,
            private,
            draft,
            extra,
            body: _,
            body_line: _,
            rendered: _,
        } = self;
        (
            (source, title, date, datetime, tags, work),
            (layers, capabilities, hours.to_bits()),
            (slug, permalink, aliases, private, draft, extra),
        )
    }

    /// The timestamp for feeds: the written time, or midnight UTC of the date.
    pub fn timestamp(&self) -> String {
        match self.datetime {
            Some(dt) => dt.to_rfc3339(),
            None => format!("{}T00:00:00Z", self.date.format("%Y-%m-%d")),
        }
    }
}

/// Front-matter `problems` as diagnostics of the file `source` (whose text is `text`), their
/// lines moved down by `offset`, the lines before the front matter.
fn located(source: &Path, text: &str, offset: usize, problems: Vec<Problem>) -> Vec<Diagnostic> {
    problems
        .into_iter()
        .map(|p| {
            let location = p
                .location
                .map(|l| Location::new(l.line + offset, l.column, l.width));
            match p.severity {
                Severity::Error => Diagnostic::error(source, Some(text), location, p.message),
                Severity::Warning => Diagnostic::warning(source, Some(text), location, p.message),
            }
        })
        .collect()
}

fn file_stem(source: &Path) -> String {
    source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `2026-03-14-hiring-cap` → 14 March 2026.
fn date_prefix(stem: &str) -> Option<EntryDate> {
    let prefix = stem.get(..10)?;
    EntryDate::parse(prefix)
}

/// The slug: from the front matter, else the file name without a leading date, else the title.
fn entry_slug(written: Option<&str>, stem: &str, title: &str) -> String {
    let from_name = if date_prefix(stem).is_some() {
        stem.get(10..).unwrap_or("")
    } else {
        stem
    };
    [written.unwrap_or(""), from_name, title]
        .iter()
        .map(slug::slugify)
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "entry".into())
}

/// Fills `{year}`, `{month}`, `{day}` and `{slug}` into the permalink pattern.
pub fn permalink(pattern: &str, date: NaiveDate, slug: &str) -> String {
    pattern
        .replace("{year}", &format!("{:04}", date.year()))
        .replace("{month}", &format!("{:02}", date.month()))
        .replace("{day}", &format!("{:02}", date.day()))
        .replace("{slug}", slug)
}

/// The first `# heading` of the body as the title, and the body without it. Headings inside
/// fenced code do not count.
fn title_from_body(body: &str) -> Option<(String, String)> {
    let mut fenced = false;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
        } else if !fenced && let Some(heading) = line.strip_prefix("# ") {
            let title = heading.trim().trim_end_matches('#').trim().to_string();
            if !title.is_empty() {
                let rest = format!(
                    "{}{}",
                    body.get(..offset).unwrap_or(""),
                    body.get(offset + line.len()..).unwrap_or("")
                );
                return Some((title, rest));
            }
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(path: &str, text: &str) -> Parsed {
        Entry::parse(Path::new(path), text, &Config::default())
    }

    #[test]
    fn falls_back_to_the_first_heading_and_the_file_name_date() {
        let parsed = parse(
            "entries/2026-03-14-hiring-cap.md",
            "# Hiring cap\n\nText.\n",
        );
        let entry = parsed.entry.unwrap();
        assert_eq!(entry.title, "Hiring cap");
        assert_eq!(entry.date, NaiveDate::from_ymd_opt(2026, 3, 14).unwrap());
        assert_eq!(entry.slug, "hiring-cap");
        assert_eq!(entry.permalink, "/2026/03/hiring-cap/");
        assert_eq!(entry.body.trim(), "Text.");
    }

    #[test]
    fn falls_back_to_the_file_name_for_the_title() {
        let entry = parse("entries/2026-03-14-notes.md", "Just text.\n")
            .entry
            .unwrap();
        assert_eq!(entry.title, "2026-03-14-notes");
        assert_eq!(entry.slug, "notes");
    }

    #[test]
    fn a_date_only_file_name_takes_its_slug_from_the_title() {
        let entry = parse("entries/2026-03-14.md", "---\ntitle: Quiet Day\n---\n")
            .entry
            .unwrap();
        assert_eq!(entry.slug, "quiet-day");
    }

    #[test]
    fn an_entry_without_any_date_is_an_error() {
        let parsed = parse("entries/notes.md", "---\ntitle: x\n---\nbody\n");
        assert!(parsed.entry.is_none());
        assert_eq!(parsed.diagnostics[0].position(), "entries/notes.md:1:1");
        assert!(parsed.diagnostics[0].message.contains("no date"));
    }

    #[test]
    fn problems_are_located_in_the_file_not_the_front_matter() {
        let parsed = parse(
            "entries/a.md",
            "---\ntitle: x\ndate: 2026-01-01\nlayer: cooperaton\n---\n",
        );
        assert_eq!(parsed.diagnostics[0].position(), "entries/a.md:4:8");
        assert_eq!(
            parsed.diagnostics[0].source_line.as_deref(),
            Some("layer: cooperaton")
        );
    }

    #[test]
    fn a_heading_in_code_is_not_the_title() {
        let body = "```\n# not a title\n```\n";
        assert_eq!(title_from_body(body), None);
    }

    #[test]
    fn permalink_patterns_fill_every_placeholder() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
        assert_eq!(
            permalink("/{year}/{month}/{day}/{slug}/", date, "x"),
            "/2026/03/04/x/"
        );
    }
}
