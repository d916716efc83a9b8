//! One entry's front matter: split it from the body, parse it, and normalise it into
//! [`FrontMatter`] — aliases honoured, tags as list or comma string, work and layers from
//! fields or tags, capabilities as names or `{name, stage}`, unknown keys kept in `extra`.
//!
//! Locations in the [`Problem`]s returned here are relative to the front matter text; the
//! caller knows where that text starts in the file. Fallbacks that need the file name or the
//! body (title, date, slug) live in `entry.rs`.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::raw::{CapabilitySpec, NameList, RawFrontMatter};
use crate::diagnostics::{Location, Severity, did_you_mean};
use crate::yaml;

/// Which kind of work an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Work {
    /// Attempting what you are not yet good at.
    Growth,
    /// Getting better at what you already do.
    Depth,
}

impl Work {
    fn from_name(name: &str) -> Option<Work> {
        match name.trim().to_lowercase().as_str() {
            "growth" => Some(Work::Growth),
            "depth" => Some(Work::Depth),
            _ => None,
        }
    }

    /// The lowercase name, as written in front matter.
    pub fn name(self) -> &'static str {
        match self {
            Work::Growth => "growth",
            Work::Depth => "depth",
        }
    }
}

/// How far along a capability an entry shows the writer to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// A first try.
    Attempted,
    /// Done again, getting surer.
    Practiced,
    /// Shown to work, for real.
    Demonstrated,
}

impl Stage {
    const NAMES: [&'static str; 3] = ["attempted", "practiced", "demonstrated"];

    /// The lowercase name, as written in front matter.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The stage a name stands for (`Practised` too), or `None`.
    pub fn parse(name: &str) -> Option<Stage> {
        match name.trim().to_lowercase().as_str() {
            "attempted" => Some(Stage::Attempted),
            "practiced" | "practised" => Some(Stage::Practiced),
            "demonstrated" => Some(Stage::Demonstrated),
            _ => None,
        }
    }
}

/// A capability as one entry names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CapabilityRef {
    /// The name as written in this entry.
    pub name: String,
    /// The identity shared by all spellings of the name.
    pub slug: String,
    /// The stage this entry is evidence of.
    pub stage: Stage,
    /// Whether the entry wrote the stage (rather than taking the default from its work kind).
    #[serde(skip)]
    pub stage_written: bool,
    /// The stage as read from the file, before a journal moved it on
    /// (`never_back_a_stage`), so that the journal can decide again after an edit.
    #[serde(skip)]
    pub read_stage: Stage,
}

/// An entry's date as written, and the calendar date it counts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryDate {
    /// The calendar date as written, whatever the offset.
    pub date: NaiveDate,
    /// The full timestamp when a time was written; a time without an offset is taken as UTC.
    pub datetime: Option<DateTime<FixedOffset>>,
}

/// The first and last years an entry may be dated in. A date outside them is almost always a
/// typo (`0206-03-14`), and every week, month and quarter between a journal's first and last
/// entry becomes pages and memory.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// How many tags, or capabilities, one entry may name: each is a page, and far more is a
/// mistake (a pasted list), not a journal.
pub const MOST_NAMES: usize = 100;

/// The most hours one entry may weigh: more is a typo, and sums of such weights would stop
/// being numbers.
pub const MOST_HOURS: f64 = 1000.0;

/// How long a tag's or a capability's name may be, in bytes: it becomes a file name.
pub const LONGEST_NAME: usize = 200;

impl EntryDate {
    /// Whether the date is in the years an entry may be dated in ([`YEARS`]).
    pub fn in_range(&self) -> bool {
        YEARS.contains(&chrono::Datelike::year(&self.date))
    }

    /// Why the date cannot be an entry's, when it cannot: the message names where it came from
    /// (`source`).
    pub fn out_of_range(&self, source: &str) -> Option<String> {
        (!self.in_range()).then(|| {
            format!(
                "{source} {} is outside the years {} to {} strata accepts; is it a typo?",
                self.date,
                YEARS.start(),
                YEARS.end()
            )
        })
    }

    /// Parses `2026-03-14`, `2026-03-14T09:30:00+01:00`, `2026-03-14 09:30` and the like.
    pub fn parse(text: &str) -> Option<EntryDate> {
        let text = text.trim();
        let Some(date) = text
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        else {
            // Dates as other generators' templates write them (`Jul 08 2022` in Astro's).
            return WRITTEN_DATE_FORMATS
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
                .map(|date| EntryDate {
                    date,
                    datetime: None,
                });
        };
        if text.len() == 10 {
            return Some(EntryDate {
                date,
                datetime: None,
            });
        }
        let utc = FixedOffset::east_opt(0)?;
        let datetime = DateTime::parse_from_rfc3339(text)
            .ok()
            .or_else(|| DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S %z").ok())
            .or_else(|| {
                [
                    "%Y-%m-%dT%H:%M:%S",
                    "%Y-%m-%d %H:%M:%S",
                    "%Y-%m-%dT%H:%M",
                    "%Y-%m-%d %H:%M",
                ]
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
                .map(|naive| naive.and_utc().with_timezone(&utc))
            })?;
        Some(EntryDate {
            date,
            datetime: Some(datetime),
        })
    }
}

/// Date-only formats accepted besides ISO 8601.
const WRITTEN_DATE_FORMATS: &[&str] = &[
    "%b %d %Y",
    "%B %d %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%Y/%m/%d",
];

/// A problem found in front matter, located relative to the front matter text.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Where in the front matter text.
    pub location: Option<Location>,
    /// What is wrong.
    pub message: String,
}

/// An entry file cut in two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines, or the TOML between `+++` lines (empty when the file
    /// has none).
    pub front_matter: &'a str,
    /// Whether the front matter is TOML (`+++`, as Hugo writes it).
    pub toml: bool,
    /// The 1-based line of the file where the front matter text starts.
    pub front_matter_line: usize,
    /// The markdown after the closing `---`.
    pub body: &'a str,
    /// The 1-based line of the file where the body starts.
    pub body_line: usize,
}

/// Cuts `text` (LF line endings, no byte-order mark) into front matter and body. A file that
/// does not start with `---` has no front matter. An opening `---` without a closing one is an
/// error located at the end of the file.
pub fn split(text: &str) -> Result<Split<'_>, Problem> {
    let Some(first_newline) = text.find('\n') else {
        return Ok(no_front_matter(text));
    };
    let fence = match text.get(..first_newline).map(str::trim_end) {
        Some(fence @ ("---" | "+++")) => fence,
        _ => return Ok(no_front_matter(text)),
    };
    let mut offset = first_newline + 1;
    for (index, line) in text
        .get(offset..)
        .unwrap_or("")
        .split_inclusive('\n')
        .enumerate()
    {
        let content = line.trim_end();
        if content == fence || (fence == "---" && content == "...") {
            let body_start = offset + line.len();
            return Ok(Split {
                front_matter: text.get(first_newline + 1..offset).unwrap_or(""),
                toml: fence == "+++",
                front_matter_line: 2,
                body: text.get(body_start..).unwrap_or(""),
                body_line: index + 3,
            });
        }
        offset += line.len();
    }
    let last_line = text.trim_end_matches('\n').lines().count().max(1);
    Err(Problem {
        severity: Severity::Error,
        location: Some(Location::new(last_line, 1, 1)),
        message: format!("front matter is not closed: no `{fence}` line after line 1"),
    })
}

fn no_front_matter(text: &str) -> Split<'_> {
    Split {
        front_matter: "",
        toml: false,
        front_matter_line: 1,
        body: text,
        body_line: 1,
    }
}

/// The front matter of one entry, normalised. Fallbacks that need the file (title, date,
/// slug) are left as `None` for the caller.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FrontMatter {
    /// `title`.
    pub title: Option<String>,
    /// `date` or one of its aliases.
    pub date: Option<EntryDate>,
    /// `tags`, as written, without duplicates.
    pub tags: Vec<String>,
    /// `work`, or a `growth`/`depth` tag.
    pub work: Option<Work>,
    /// `layer`, or tags named like a layer; in the config's order.
    pub layers: Vec<String>,
    /// `capabilities`, with their stages.
    pub capabilities: Vec<CapabilityRef>,
    /// `hours`, the weight of the entry.
    pub hours: Option<f64>,
    /// `summary`, `description` (Astro, Hugo) or `excerpt` (Jekyll).
    pub summary: Option<String>,
    /// `slug`.
    pub slug: Option<String>,
    /// Old addresses of the entry (`aliases:`, `redirect_from:`), as site paths: each gets a
    /// page that sends the reader on to the entry.
    pub aliases: Vec<String>,
    /// `private: true`.
    pub private: bool,
    /// `draft: true`.
    pub draft: bool,
    /// Every key strata does not know, for templates.
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// Keys other generators hide a post with, `published: false` (Jekyll) and `publish: false`
/// (Obsidian Publish): false hides the entry as `draft: true` does.
const HIDING_KEYS: &[&str] = &["published", "publish"];

/// `key`'s value in `mapping` when it is `true` or `false`.
fn yaml_bool(mapping: &yaml::Mapping, key: &str) -> Option<bool> {
    mapping.iter().find_map(|(k, v)| match v {
        yaml::Value::Bool(b) if yaml::key_text(k) == key => Some(*b),
        _ => None,
    })
}

/// Whether `published: false` or `publish: false` hides the entry, as other generators read
/// them; `published` with a date is a date, as it is for them.
fn hidden_by_other_generators(mapping: &yaml::Mapping) -> bool {
    HIDING_KEYS
        .iter()
        .any(|key| yaml_bool(mapping, key) == Some(false))
}

/// What an unknown front matter key may have been meant as.
#[derive(Debug, Clone, Copy)]
enum KeyHint {
    /// A key that hides an entry, misspelt: the entry is held back.
    Hiding(&'static str),
    /// Another key strata reads.
    Known(&'static str),
    /// Nothing near it: a key of the journal's own, kept as `extra`.
    Nothing,
}

/// What `key` may have been meant as, remembered for each key a thread meets: a journal
/// imported from another generator has the same unknown keys (`categories`, `aliases`…) in
/// every entry, and comparing each with every known key took a quarter of the time of
/// reading the front matter of such a journal.
fn unknown_key_hint(key: &str) -> KeyHint {
    thread_local! {
        static HINTS: std::cell::RefCell<BTreeMap<String, KeyHint>> = const {
            std::cell::RefCell::new(BTreeMap::new())
        };
    }
    let reckon = || match privacy_near_miss(key) {
        Some(meant) => KeyHint::Hiding(meant),
        None => {
            did_you_mean(key, KNOWN_KEYS.iter().copied()).map_or(KeyHint::Nothing, KeyHint::Known)
        }
    };
    HINTS.with(|hints| {
        let mut hints = hints.borrow_mut();
        if let Some(&hint) = hints.get(key) {
            return hint;
        }
        let hint = reckon();
        hints.insert(key.to_string(), hint);
        hint
    })
}

/// The key a writer meant when `key` is `private` or `draft` in another case, or one edit away
/// from either (`Private`, `privat`, `drafts`): such a key is an error, not a warning, since
/// taking it for an unknown key would publish what its writer meant to hide.
fn privacy_near_miss(key: &str) -> Option<&'static str> {
    let folded = key.to_lowercase();
    ["private", "draft"]
        .into_iter()
        .find(|meant| strsim::damerau_levenshtein(&folded, meant) <= 1)
}

/// An old address as a site path: from the root, ending in `/` unless it names a file
/// (`/2019/old.html`).
fn alias_path(alias: &str) -> String {
    let trimmed = alias.trim();
    let mut path = format!("/{}", trimmed.trim_start_matches('/'));
    let last = path.rsplit('/').next().unwrap_or_default();
    if !path.ends_with('/') && !last.contains('.') {
        path.push('/');
    }
    path
}

/// Keys strata reads, including aliases.
const KNOWN_KEYS: &[&str] = &[
    "title",
    "date",
    "pubDate",
    "published",
    "created",
    "tags",
    "work",
    "layer",
    "layers",
    "capabilities",
    "hours",
    "summary",
    "description",
    "excerpt",
    "slug",
    "aliases",
    "redirect_from",
    "private",
    "draft",
];

/// Parses and normalises front matter text. `layers` are the config's layer names.
/// Returns the front matter when there is no error, and every problem found either way.
pub fn parse(text: &str, layers: &[String]) -> (Option<FrontMatter>, Vec<Problem>) {
    parse_named(text, layers, None)
}

/// [`parse_named`] for TOML front matter: read as the same keys in YAML, each problem placed
/// in the TOML as written (`key = value` is found like `key: value`).
pub fn parse_toml(
    text: &str,
    layers: &[String],
    named: Option<NaiveDate>,
) -> (Option<FrontMatter>, Vec<Problem>) {
    match yaml::from_toml(text) {
        Ok(yaml) => parse_located(&yaml, text, layers, named),
        Err(e) => (
            None,
            vec![Problem {
                severity: Severity::Error,
                location: e.location,
                message: e.message,
            }],
        ),
    }
}

/// [`parse`] for a file whose name starts with the date `named`: a date that cannot be read
/// whole, but whose first ten characters are that date (`2023-01-29 18:30:22 2023 -0800`, as
/// a real Jekyll post has it), is read as it with a warning rather than failing the entry.
pub fn parse_named(
    text: &str,
    layers: &[String],
    named: Option<NaiveDate>,
) -> (Option<FrontMatter>, Vec<Problem>) {
    parse_located(text, text, layers, named)
}

/// Parses the YAML `text`, placing problems in `written`: the same text, or the TOML it was
/// made from.
fn parse_located(
    text: &str,
    written: &str,
    layers: &[String],
    named: Option<NaiveDate>,
) -> (Option<FrontMatter>, Vec<Problem>) {
    let error = |location, message: String| Problem {
        severity: Severity::Error,
        location,
        message,
    };
    let document = match yaml::parse_document(text) {
        Ok(d) => d,
        Err(e) => return (None, vec![error(e.location, e.message)]),
    };
    let mapping = document.mapping();
    let raw: RawFrontMatter = if mapping.is_empty() {
        RawFrontMatter::default()
    } else {
        match yaml::from_document(&document, text) {
            Ok(raw) => raw,
            Err(e) => {
                return (
                    None,
                    vec![error(
                        if std::ptr::eq(text, written) {
                            widen(text, &e.message, e.location)
                        } else {
                            // The parser's place is in the YAML made from TOML: find the key
                            // in the TOML instead.
                            widen(written, &e.message, None)
                        },
                        e.message,
                    )],
                );
            }
        }
    };
    let mut normaliser = Normaliser {
        text: written,
        layers,
        named,
        problems: Vec::new(),
    };
    let front_matter = normaliser.normalise(raw, mapping);
    let failed = normaliser
        .problems
        .iter()
        .any(|p| p.severity == Severity::Error);
    (
        if failed { None } else { Some(front_matter) },
        normaliser.problems,
    )
}

struct Normaliser<'a> {
    text: &'a str,
    layers: &'a [String],
    /// The date the file's name starts with.
    named: Option<NaiveDate>,
    problems: Vec<Problem>,
}

impl Normaliser<'_> {
    fn normalise(&mut self, raw: RawFrontMatter, mapping: &yaml::Mapping) -> FrontMatter {
        // Destructured whole so that a new field cannot be dropped silently.
        let RawFrontMatter {
            title,
            date,
            pub_date,
            published,
            created,
            tags,
            work,
            layer,
            layers,
            capabilities,
            hours,
            summary,
            description,
            excerpt,
            slug,
            aliases,
            redirect_from,
            private,
            draft,
        } = raw;
        let tags = dedup(tags.map(|t| t.0).unwrap_or_default());
        self.limit_names("tags", tags.iter().map(String::as_str));
        let work = self.work(work, &tags);
        // `published: true|false` says whether to publish (as Jekyll reads it), not when.
        let published = published.filter(|_| yaml_bool(mapping, "published").is_none());
        let date = self.first_date([date, pub_date, published, created]);
        let layer_names = layer.or(layers).map(|l| l.0).unwrap_or_default();
        let layers = self.layers(&layer_names, &tags);
        let capabilities = capabilities.map(|c| c.0).unwrap_or_default();
        self.limit_names("capabilities", capabilities.iter().map(|c| c.name.as_str()));
        let capabilities = self.capabilities(capabilities, work);
        self.check_hours(hours);
        FrontMatter {
            title: title
                .filter(|t| !t.trim().is_empty())
                .map(|t| t.trim().to_string()),
            date,
            tags,
            work,
            layers,
            capabilities,
            hours,
            summary: summary
                .or(description)
                .or(excerpt)
                .filter(|s| !s.trim().is_empty()),
            aliases: self.aliases(aliases, redirect_from),
            slug: slug.filter(|s| !s.trim().is_empty()),
            private: private.unwrap_or(false),
            draft: draft.unwrap_or(false) || hidden_by_other_generators(mapping),
            extra: self.extra(mapping),
        }
    }

    /// An error at `hours:` when it is not a number of hours a day can hold.
    fn check_hours(&mut self, hours: Option<f64>) {
        if hours.is_some_and(|h| !(0.0..=MOST_HOURS).contains(&h)) {
            self.error(
                "hours",
                format!("hours must be a number of hours from 0 to {MOST_HOURS}"),
            );
        }
    }

    /// The date of the first of `date`, `pubDate`, `published` and `created` (in that order)
    /// the front matter has, as other generators read them.
    fn first_date(&mut self, values: [Option<String>; 4]) -> Option<EntryDate> {
        let keys = ["date", "pubDate", "published", "created"];
        values
            .into_iter()
            .zip(keys)
            .find_map(|(value, key)| value.map(|v| (v, key)))
            .and_then(|(value, key)| self.date(&value, key))
    }

    /// The date `value` starts with, when that is the file name's date: with a warning, for
    /// the rest of the value is not read.
    fn named_date(&mut self, value: &str, key: &str) -> Option<EntryDate> {
        let named = self.named?;
        let date = NaiveDate::parse_from_str(value.trim().get(..10)?, "%Y-%m-%d").ok()?;
        if date != named {
            return None;
        }
        self.problems.push(Problem {
            severity: Severity::Warning,
            location: yaml::locate_within(self.text, key, value.trim()),
            message: format!(
                "cannot read \"{value}\" as a date; it is read as {date}, the date it starts with and the file name's — write it as YYYY-MM-DD or 2026-03-14T09:30:00+01:00"
            ),
        });
        Some(EntryDate {
            date,
            datetime: None,
        })
    }

    /// The old addresses of `aliases:` (Hugo) and `redirect_from:` (Jekyll), each a site
    /// path from the root (`/2019/old-name/`); one that cannot be a page is an error.
    fn aliases(
        &mut self,
        aliases: Option<NameList>,
        redirect_from: Option<NameList>,
    ) -> Vec<String> {
        let mut paths = Vec::new();
        for (list, key) in [(aliases, "aliases"), (redirect_from, "redirect_from")] {
            for alias in list.map(|l| l.0).unwrap_or_default() {
                let path = alias_path(&alias);
                match crate::site_path::safe_site_path(&path) {
                    Ok(()) if !paths.contains(&path) => paths.push(path),
                    Ok(()) => {}
                    Err(reason) => {
                        let location = yaml::locate_within(self.text, key, &alias)
                            .or_else(|| yaml::locate_key(self.text, key));
                        self.problems.push(Problem {
                            severity: Severity::Error,
                            location,
                            message: format!("the old address {alias} cannot be a page: {reason}"),
                        });
                    }
                }
            }
        }
        paths
    }

    fn error(&mut self, key: &str, message: String) {
        let location = yaml::locate_key(self.text, key);
        self.problems.push(Problem {
            severity: Severity::Error,
            location,
            message,
        });
    }

    fn work(&mut self, work: Option<String>, tags: &[String]) -> Option<Work> {
        if let Some(name) = work {
            let parsed = Work::from_name(&name);
            if parsed.is_none() {
                let hint = hint(&name, ["growth", "depth"]);
                self.error(
                    "work",
                    format!("unknown work \"{name}\"; expected growth or depth{hint}"),
                );
            }
            return parsed;
        }
        let from_tags: Vec<Work> = tags.iter().filter_map(|t| Work::from_name(t)).collect();
        match from_tags.as_slice() {
            [only] => Some(*only),
            [first, rest @ ..] if rest.iter().all(|w| w == first) => Some(*first),
            [] => None,
            _ => {
                self.problems.push(Problem {
                    severity: Severity::Warning,
                    location: yaml::locate_key(self.text, "tags"),
                    message: "tags say both growth and depth; the entry counts as neither (set `work:` to choose)".into(),
                });
                None
            }
        }
    }

    fn date(&mut self, value: &str, key: &str) -> Option<EntryDate> {
        let parsed = EntryDate::parse(value).or_else(|| self.named_date(value, key));
        match &parsed {
            None => self.error(key, format!("cannot read \"{value}\" as a date; write it as YYYY-MM-DD or 2026-03-14T09:30:00+01:00")),
            Some(date) => {
                if let Some(message) = date.out_of_range("the date") {
                    let location = yaml::locate_within(self.text, key, value.trim())
                        .or_else(|| yaml::locate_key(self.text, key));
                    self.problems.push(Problem {
                        severity: Severity::Error,
                        location,
                        message,
                    });
                }
            }
        }
        parsed
    }

    /// An error at `key` for each limit `names` (its tags or capabilities) goes over: more than
    /// [`MOST_NAMES`] of them, or one longer than [`LONGEST_NAME`] bytes.
    fn limit_names<'n>(&mut self, key: &str, names: impl ExactSizeIterator<Item = &'n str>) {
        if names.len() > MOST_NAMES {
            let count = names.len();
            self.error(
                key,
                format!("{count} {key}; an entry may name {MOST_NAMES} at most"),
            );
            return;
        }
        for name in names.filter(|n| n.len() > LONGEST_NAME) {
            let location = yaml::locate_within(self.text, key, name)
                .or_else(|| yaml::locate_key(self.text, key));
            self.problems.push(Problem {
                severity: Severity::Error,
                location,
                message: format!(
                    "a name in {key} is {} bytes long; {LONGEST_NAME} is the most, since it becomes a file name",
                    name.len()
                ),
            });
        }
    }

    fn layers(&mut self, names: &[String], tags: &[String]) -> Vec<String> {
        let known = self.layers;
        let mut chosen = Vec::new();
        for name in names {
            let wanted = name.trim().to_lowercase();
            if known.contains(&wanted) {
                chosen.push(wanted);
            } else {
                let hint = hint(name, known.iter().map(String::as_str));
                let key = if yaml::locate_key(self.text, "layer").is_some() {
                    "layer"
                } else {
                    "layers"
                };
                let location = yaml::locate_within(self.text, key, name);
                self.problems.push(Problem {
                    severity: Severity::Error,
                    location,
                    message: format!(
                        "unknown layer \"{name}\"; expected one of {}{hint}",
                        known.join(", ")
                    ),
                });
            }
        }
        chosen.extend(
            tags.iter()
                .map(|t| t.to_lowercase())
                .filter(|t| known.contains(t)),
        );
        known
            .iter()
            .filter(|l| chosen.contains(l))
            .cloned()
            .collect()
    }

    fn capabilities(
        &mut self,
        specs: Vec<CapabilitySpec>,
        work: Option<Work>,
    ) -> Vec<CapabilityRef> {
        let default_stage = if work == Some(Work::Growth) {
            Stage::Attempted
        } else {
            Stage::Practiced
        };
        let mut refs: Vec<CapabilityRef> = Vec::new();
        for spec in specs {
            let name = spec.name.trim().to_string();
            let slug = slug::slugify(&name);
            if slug.is_empty() {
                self.error(
                    "capabilities",
                    "a capability needs a name made of letters or digits".into(),
                );
                continue;
            }
            let stage_written = spec.stage.is_some();
            let stage = match spec.stage {
                None => default_stage,
                Some(written) => match Stage::parse(&written) {
                    Some(stage) => stage,
                    None => {
                        let hint = hint(&written, Stage::NAMES);
                        self.problems.push(Problem {
                            severity: Severity::Error,
                            location: yaml::locate_within(self.text, "capabilities", &written),
                            message: format!("unknown stage \"{written}\"; expected one of attempted, practiced, demonstrated{hint}"),
                        });
                        continue;
                    }
                },
            };
            // The same capability named twice counts once, at the furthest stage named.
            match refs.iter_mut().find(|r| r.slug == slug) {
                Some(existing) => {
                    existing.stage = existing.stage.max(stage);
                    existing.read_stage = existing.stage;
                    existing.stage_written |= stage_written;
                }
                None => refs.push(CapabilityRef {
                    name,
                    slug,
                    stage,
                    stage_written,
                    read_stage: stage,
                }),
            }
        }
        refs
    }

    fn extra(&mut self, mapping: &yaml::Mapping) -> BTreeMap<String, serde_json::Value> {
        let mut extra = BTreeMap::new();
        for (key, value) in mapping {
            let key = yaml::key_text(key);
            if KNOWN_KEYS.contains(&key.as_str()) || HIDING_KEYS.contains(&key.as_str()) {
                continue;
            }
            let problem = match unknown_key_hint(&key) {
                KeyHint::Hiding(meant) => Some((
                    Severity::Error,
                    format!(
                        "`{key}` is not a key strata reads; write `{meant}` (lower case) — the entry is not built until then, so nothing meant to stay hidden is published"
                    ),
                )),
                KeyHint::Known(known) => Some((
                    Severity::Warning,
                    format!(
                        "unknown key `{key}` is kept for templates as `extra.{key}` (did you mean `{known}`?)"
                    ),
                )),
                KeyHint::Nothing => None,
            };
            if let Some((severity, message)) = problem {
                let location = yaml::locate_key(self.text, &key)
                    .map(|l| Location::new(l.line, 1, key.chars().count()));
                self.problems.push(Problem {
                    severity,
                    location,
                    message,
                });
                if severity == Severity::Error {
                    continue;
                }
            }
            extra.insert(key, yaml::to_json(value));
        }
        extra
    }
}

/// Underlines the whole value of a `key: …` type error, where the parser points at one character.
fn widen(text: &str, message: &str, location: Option<Location>) -> Option<Location> {
    if location.is_none() {
        // Every error has a place: the key the message names, else the front matter's start.
        let prefixed = message
            .split_once(": ")
            .and_then(|(key, _)| yaml::locate_key(text, key));
        return Some(
            named_in(text, message)
                .or(prefixed)
                .unwrap_or_else(Location::start),
        );
    }
    // A message that names no key keeps the parser's place (the `?` here once lost it).
    let Some((key, _)) = message.split_once(": ") else {
        return location;
    };
    let found = yaml::locate_key(text, key);
    match (found, location) {
        (Some(found), Some(at)) if found.line == at.line => Some(found),
        _ => location,
    }
}

/// Where the key a parser's message names (`duplicate field `date``) is written: for a
/// duplicate, its second place.
fn named_in(text: &str, message: &str) -> Option<Location> {
    let name = message.split('`').nth(1)?;
    if message.starts_with("duplicate field") {
        yaml::locate_last_word(text, name)
    } else {
        yaml::locate_key(text, name)
    }
}

fn hint<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    did_you_mean(word, candidates)
        .map(|c| format!(" (did you mean \"{c}\"?)"))
        .unwrap_or_default()
}

fn dedup(names: Vec<String>) -> Vec<String> {
    let mut seen = Vec::new();
    for name in names {
        let name = name.trim().to_string();
        if !name.is_empty()
            && !seen
                .iter()
                .any(|s: &String| s.to_lowercase() == name.to_lowercase())
        {
            seen.push(name);
        }
    }
    seen
}

#[cfg(test)]
#[path = "front_matter_tests.rs"]
mod tests;
