//! Messages about what a user wrote: `path:line:column: message`, the offending source line and
//! a caret under the offending text.
//!
//! This module owns how problems are described and printed; it knows nothing of YAML, markdown
//! or pages. Every stage that reads user files reports through [`Diagnostic`], so an error in a
//! front matter, a config file or a link reads the same way.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build goes on; the output is still correct but maybe not what the writer meant.
    Warning,
    /// The build fails and writes nothing.
    Error,
}

/// A place in a user's file, 1-based like an editor shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// Line number, starting at 1.
    pub line: usize,
    /// Column number in characters, starting at 1.
    pub column: usize,
    /// How many characters the caret underlines (at least one is shown).
    pub width: usize,
}

impl Location {
    /// A location at `line`:`column` underlining `width` characters.
    pub fn new(line: usize, column: usize, width: usize) -> Self {
        Self {
            line,
            column,
            width,
        }
    }

    /// The start of a file.
    pub fn start() -> Self {
        Self::new(1, 1, 1)
    }
}

/// One problem found in a user's file, with everything needed to show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the journal folder where possible.
    pub path: PathBuf,
    /// Where in the file; `None` when the problem is the file as a whole.
    pub location: Option<Location>,
    /// What is wrong, in one line, with a hint where one helps.
    pub message: String,
    /// The text of the offending line, shown under the message: around the column when the
    /// line is long.
    pub source_line: Option<String>,
    /// How many characters of the line are left out before what `source_line` shows.
    source_from: usize,
    /// How many links or pictures that lead to nothing the site shows this stands for: one,
    /// or the count a summary of an entry's further problems stands for; 0 for a problem of
    /// another kind. A build sums these up where `check` lists them one by one.
    pub broken_links: u32,
}

/// `diagnostics` with the problems about links summed up in one warning that counts them and
/// the entries they are in (and says how to see each), after the others; unchanged when there
/// are none.
pub fn sum_up_links(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let (links, mut others): (Vec<Diagnostic>, Vec<Diagnostic>) =
        diagnostics.into_iter().partition(|d| d.broken_links > 0);
    let count: u64 = links.iter().map(|d| u64::from(d.broken_links)).sum();
    if count == 0 {
        return others;
    }
    let mut files: Vec<&Path> = links.iter().map(|d| d.path.as_path()).collect();
    files.sort();
    files.dedup();
    let (links_word, entries_word, lead) = (
        if count == 1 {
            "link or picture"
        } else {
            "links or pictures"
        },
        if files.len() == 1 { "entry" } else { "entries" },
        if count == 1 { "leads" } else { "lead" },
    );
    others.push(Diagnostic::warning(
        Path::new(crate::journal::load::ENTRIES_DIR),
        None,
        None,
        format!(
            "{count} {links_word} in {} {entries_word} {lead} to nothing this build shows, shown as plain text; `strata check` lists each with its line and column",
            files.len()
        ),
    ));
    others
}

/// The longest line quoted whole; a longer one is quoted around the column, so a file with a
/// single long line and many problems on it cannot fill the memory with copies of it.
const LONGEST_QUOTE: usize = 200;

impl Diagnostic {
    /// An error about `path` at `location`, quoting the line from `source` when it has one.
    pub fn error(
        path: &Path,
        source: Option<&str>,
        location: Option<Location>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Error, path, source, location, message)
    }

    /// A warning about `path` at `location`, quoting the line from `source` when it has one.
    pub fn warning(
        path: &Path,
        source: Option<&str>,
        location: Option<Location>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, path, source, location, message)
    }

    fn new(
        severity: Severity,
        path: &Path,
        source: Option<&str>,
        location: Option<Location>,
        message: impl Into<String>,
    ) -> Self {
        let quoted = match (source, location) {
            (Some(text), Some(loc)) => text
                .lines()
                .nth(loc.line.saturating_sub(1))
                .map(|l| quote(l.trim_end_matches('\r'), loc.column)),
            _ => None,
        };
        Self {
            severity,
            path: path.to_path_buf(),
            location,
            message: message.into(),
            source_from: quoted.as_ref().map_or(0, |(_, from)| *from),
            source_line: quoted.map(|(line, _)| line),
            broken_links: 0,
        }
    }

    /// The diagnostic, marked as standing for `count` broken links or pictures.
    pub fn about_broken_links(mut self, count: usize) -> Self {
        self.broken_links = u32::try_from(count).unwrap_or(u32::MAX);
        self
    }

    /// Whether this diagnostic fails the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Prints the diagnostic, coloured when `stream` is a terminal that wants colour.
    pub fn emit(&self, stream: &mut dyn std::io::Write) -> std::io::Result<()> {
        let (label, style) = match self.severity {
            Severity::Error => ("error", anstyle::AnsiColor::Red.on_default().bold()),
            Severity::Warning => ("warning", anstyle::AnsiColor::Yellow.on_default().bold()),
        };
        let gutter = anstyle::AnsiColor::Blue.on_default().bold();
        writeln!(
            stream,
            "{style}{label}{style:#}: {}: {}",
            self.position(),
            self.message
        )?;
        if let (Some(line), Some(loc)) = (&self.source_line, self.location) {
            let number = loc.line.to_string();
            let pad = " ".repeat(number.len());
            let indent: String = line
                .chars()
                .take(
                    loc.column
                        .saturating_sub(1)
                        .saturating_sub(self.source_from),
                )
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let carets = "^".repeat(loc.width.max(1));
            writeln!(stream, "{gutter}{pad} |{gutter:#}")?;
            writeln!(stream, "{gutter}{number} |{gutter:#} {line}")?;
            writeln!(
                stream,
                "{gutter}{pad} |{gutter:#} {indent}{style}{carets}{style:#}"
            )?;
        }
        Ok(())
    }

    /// `path:line:column`, or just the path when there is no location.
    pub fn position(&self) -> String {
        let path = self.path.display();
        match self.location {
            Some(loc) => format!("{path}:{}:{}", loc.line, loc.column),
            None => path.to_string(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut plain = Vec::new();
        self.emit(&mut plain).map_err(|_| fmt::Error)?;
        let styled = String::from_utf8_lossy(&plain);
        write!(f, "{}", anstream::adapter::strip_str(&styled))
    }
}

/// `line` as a diagnostic quotes it: whole when short, else about [`LONGEST_QUOTE`] characters
/// around `column` with `…` for what is left out; and how many characters before the quote's
/// first one stand for the left-out part (so the caret lands under `column`).
fn quote(line: &str, column: usize) -> (String, usize) {
    let length = line.chars().count();
    if length <= LONGEST_QUOTE {
        return (line.to_string(), 0);
    }
    let start = column
        .saturating_sub(LONGEST_QUOTE / 2)
        .min(length - LONGEST_QUOTE);
    let shown: String = line.chars().skip(start).take(LONGEST_QUOTE).collect();
    let before = if start > 0 { "…" } else { "" };
    let after = if start + LONGEST_QUOTE < length {
        "…"
    } else {
        ""
    };
    // The `…` takes the place of one left-out character.
    (
        format!("{before}{shown}{after}"),
        start.saturating_sub(usize::from(start > 0)),
    )
}

/// Sorts diagnostics by file and position, so every run reports them in the same order.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics
        .sort_by(|a, b| (&a.path, a.location, &a.message).cmp(&(&b.path, b.location, &b.message)));
}

/// The closest of `candidates` to `word`, if it is near enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    let length = word.chars().count();
    candidates
        .into_iter()
        .filter_map(|c| {
            let allowed = (c.chars().count() / 3).max(1);
            // Two words further apart in length than the allowed distance cannot be within
            // it; skipping them saves the costly comparison for most unknown keys.
            if length.abs_diff(c.chars().count()) > allowed {
                return None;
            }
            let distance = strsim::damerau_levenshtein(&word, &c.to_lowercase());
            (distance <= allowed).then_some((distance, c))
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

/// Converts a byte offset in `text` to a 1-based line and character column.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_position_line_and_caret_under_the_value() {
        let source = "---\ntitle: x\nlayer: cooperaton\n---\n";
        let d = Diagnostic::error(
            Path::new("entries/a.md"),
            Some(source),
            Some(Location::new(3, 8, 10)),
            "unknown layer",
        );
        assert_eq!(
            d.to_string(),
            "error: entries/a.md:3:8: unknown layer\n  |\n3 | layer: cooperaton\n  |        ^^^^^^^^^^\n"
        );
    }

    #[test]
    fn suggests_near_misses_only() {
        assert_eq!(
            did_you_mean("cooperaton", ["resources", "process", "cooperation"]),
            Some("cooperation")
        );
        assert_eq!(did_you_mean("layr", ["layer", "tags"]), Some("layer"));
        assert_eq!(did_you_mean("banana", ["layer", "tags"]), None);
    }

    #[test]
    fn converts_offsets_to_line_and_column() {
        assert_eq!(line_column("ab\ncdé\nf", 0), (1, 1));
        assert_eq!(line_column("ab\ncdé\nf", 3), (2, 1));
        assert_eq!(line_column("ab\ncdé\nf", 8), (3, 1));
    }
}

#[cfg(test)]
mod quote_tests {
    use super::*;

    #[test]
    fn a_long_line_is_quoted_around_its_column_with_the_caret_under_it() {
        let line = format!("{}TARGET{}", "a".repeat(1000), "b".repeat(1000));
        let d = Diagnostic::warning(
            Path::new("entries/x.md"),
            Some(&line),
            Some(Location::new(1, 1001, 6)),
            "here",
        );
        let shown = d.source_line.clone().unwrap_or_default();
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.chars().count() <= LONGEST_QUOTE + 2);
        let printed = d.to_string();
        let quoted = printed.lines().nth(2).unwrap_or_default();
        let carets = printed.lines().nth(3).unwrap_or_default();
        let at = |s: &str, needle: &str| s.find(needle).map(|b| s[..b].chars().count());
        assert_eq!(at(quoted, "TARGET"), at(carets, "^^^^^^"), "{printed}");
        assert_eq!(d.position(), "entries/x.md:1:1001");
        // A short line is quoted whole.
        let short = Diagnostic::warning(
            Path::new("x.md"),
            Some("short line"),
            Some(Location::new(1, 7, 4)),
            "m",
        );
        assert_eq!(short.source_line.as_deref(), Some("short line"));
    }
}
