//! Guidance: warnings about what makes the progress views empty or wrong, each said once with
//! a count, where the writer will see it (`strata check` and the end of a build): entries that
//! name no work kind, capability names that differ only in spelling, and entries dated in the
//! future. Links and images that point at nothing are found while rendering (`markdown`).
//!
//! A pure function of the loaded journal and the build date; it reads no files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::diagnostics::Diagnostic;
use crate::journal::{Entry, Journal};

/// How many examples a warning names before it says "and N more".
const EXAMPLES: usize = 3;

/// Every piece of guidance for `journal`, with `today` as the build date.
pub fn advise(journal: &Journal, today: NaiveDate) -> Vec<Diagnostic> {
    let entries = &journal.entries;
    let mut advice: Vec<Diagnostic> = unclassified(entries).into_iter().collect();
    advice.extend(spellings(entries));
    advice.extend(future(entries, today));
    advice.extend(goal_spellings(journal));
    advice
}

/// Goals that no entry names, but whose name is a near miss of a capability that entries do
/// name: most likely the same capability spelt otherwise.
fn goal_spellings(journal: &Journal) -> Vec<Diagnostic> {
    let named: BTreeMap<&str, &str> = journal
        .entries
        .iter()
        .flat_map(|e| &e.capabilities)
        .map(|c| (c.slug.as_str(), c.name.as_str()))
        .collect();
    journal
        .config
        .goals
        .iter()
        .filter(|goal| !named.contains_key(goal.slug.as_str()))
        .filter_map(|goal| {
            let near = crate::diagnostics::did_you_mean(&goal.name, named.values().copied())?;
            Some(Diagnostic::warning(
                Path::new(crate::config::CONFIG_FILE),
                None,
                None,
                format!(
                    "goal `{}` is not a capability any entry names (did you mean `{near}`?); goals match capabilities by name, ignoring case and punctuation",
                    goal.name
                ),
            ))
        })
        .collect()
}

fn journal_warning(message: String) -> Diagnostic {
    Diagnostic::warning(
        Path::new(crate::journal::load::ENTRIES_DIR),
        None,
        None,
        message,
    )
}

/// Entries that say neither growth nor depth do not count in the growth share.
fn unclassified(entries: &[Entry]) -> Option<Diagnostic> {
    let total = entries.len();
    let missing = entries.iter().filter(|e| e.work.is_none()).count();
    let message = match missing {
        0 => return None,
        n if n == total => format!(
            "none of the {total} entries says `work: growth` or `work: depth`, so the progress views are empty; add `work: growth` to entries where you attempted what you can't do yet and `work: depth` where you did what you already do (or tag them growth or depth)"
        ),
        n => format!(
            "{n} of {total} entries say neither `work: growth` nor `work: depth`; the progress views count only the {} that do",
            total - n
        ),
    };
    Some(journal_warning(message))
}

/// Capability names whose identities are so close that they are probably one capability
/// written two ways (`system thinking` / `Systems Thinking`).
fn spellings(entries: &[Entry]) -> Vec<Diagnostic> {
    // Every spelling by identity, with how many entries use it and the first file that does.
    let mut names: BTreeMap<&str, BTreeMap<&str, (usize, &Path)>> = BTreeMap::new();
    for entry in entries {
        for capability in &entry.capabilities {
            names
                .entry(&capability.slug)
                .or_default()
                .entry(&capability.name)
                .or_insert((0, &entry.source))
                .0 += 1;
        }
    }
    let slugs: Vec<&str> = names.keys().copied().collect();
    let mut reported: BTreeSet<&str> = BTreeSet::new();
    let mut warnings = Vec::new();
    for (i, first) in slugs.iter().enumerate() {
        if reported.contains(first) {
            continue;
        }
        let group: Vec<&str> = std::iter::once(*first)
            .chain(slugs[i + 1..].iter().copied().filter(|s| near(first, s)))
            .collect();
        if group.len() < 2 {
            continue;
        }
        reported.extend(&group);
        let listed: Vec<String> = group
            .iter()
            .flat_map(|slug| &names[slug])
            .map(|(name, (count, file))| {
                let plural = if *count == 1 { "entry" } else { "entries" };
                format!("`{name}` ({count} {plural}, e.g. {})", file.display())
            })
            .collect();
        warnings.push(journal_warning(format!(
            "capabilities {} differ only in spelling, so they count as {} capabilities; if they are one, write it one way",
            listed.join(", "),
            group.len()
        )));
    }
    warnings
}

/// Whether two capability identities look like one name written two ways: the same once
/// plurals are dropped, or one typing slip apart in a long name.
fn near(a: &str, b: &str) -> bool {
    let singular = |s: &str| -> String {
        s.split('-')
            .map(|w| w.strip_suffix('s').filter(|w| w.len() > 2).unwrap_or(w))
            .collect::<Vec<_>>()
            .join("-")
    };
    singular(a) == singular(b) || (a.len().min(b.len()) >= 8 && strsim::levenshtein(a, b) <= 1)
}

/// Entries dated after the build date count in periods that have not happened yet.
fn future(entries: &[Entry], today: NaiveDate) -> Option<Diagnostic> {
    let later: Vec<(&PathBuf, NaiveDate)> = entries
        .iter()
        .filter(|e| e.date > today)
        .map(|e| (&e.source, e.date))
        .collect();
    if later.is_empty() {
        return None;
    }
    let mut named: Vec<String> = later
        .iter()
        .take(EXAMPLES)
        .map(|(path, date)| format!("{} ({date})", path.display()))
        .collect();
    if later.len() > EXAMPLES {
        named.push(format!("and {} more", later.len() - EXAMPLES));
    }
    let count = match later.len() {
        1 => "1 entry is".to_string(),
        n => format!("{n} entries are"),
    };
    Some(journal_warning(format!(
        "{count} dated after today ({today}), so they count in periods that have not happened yet: {}",
        named.join(", ")
    )))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::config::Config;
    use crate::journal::Visibility;

    fn journal(files: &[(&str, &str)]) -> Journal {
        let parsed = files
            .iter()
            .map(|(path, text)| Entry::parse(Path::new(path), text, &Config::default()))
            .collect();
        Journal::assemble(Config::default(), parsed, Visibility::EVERYTHING)
            .unwrap()
            .journal
    }

    fn messages(journal: &Journal) -> Vec<String> {
        advise(journal, NaiveDate::from_ymd_opt(2026, 11, 25).unwrap())
            .into_iter()
            .map(|d| format!("{}: {}", d.position(), d.message))
            .collect()
    }

    #[test]
    fn says_how_many_entries_name_no_work_kind() {
        let some = journal(&[
            ("entries/a.md", "---\ndate: 2026-01-01\nwork: growth\n---\n"),
            ("entries/b.md", "---\ndate: 2026-01-02\n---\n"),
            ("entries/c.md", "---\ndate: 2026-01-03\n---\n"),
        ]);
        assert_eq!(
            messages(&some),
            [
                "entries: 2 of 3 entries say neither `work: growth` nor `work: depth`; the progress views count only the 1 that do"
            ]
        );
        let none = journal(&[("entries/b.md", "---\ndate: 2026-01-02\n---\n")]);
        assert!(
            messages(&none)[0].starts_with("entries: none of the 1 entries says `work: growth` or `work: depth`, so the progress views are empty; add `work: growth`"),
            "{:?}",
            messages(&none)
        );
    }

    #[test]
    fn names_capabilities_that_differ_only_in_spelling() {
        let j = journal(&[
            (
                "entries/a.md",
                "---\ndate: 2026-01-01\nwork: depth\ncapabilities: [systems-thinking, Hiring]\n---\n",
            ),
            (
                "entries/b.md",
                "---\ndate: 2026-01-02\nwork: depth\ncapabilities: [Systems Thinking, Firing]\n---\n",
            ),
            (
                "entries/c.md",
                "---\ndate: 2026-01-03\nwork: depth\ncapabilities: [system thinking]\n---\n",
            ),
        ]);
        assert_eq!(
            messages(&j),
            [
                "entries: capabilities `system thinking` (1 entry, e.g. entries/c.md), `Systems Thinking` (1 entry, e.g. entries/b.md), `systems-thinking` (1 entry, e.g. entries/a.md) differ only in spelling, so they count as 2 capabilities; if they are one, write it one way"
            ]
        );
    }

    #[test]
    fn counts_entries_dated_in_the_future() {
        let j = journal(&[
            ("entries/a.md", "---\ndate: 2026-11-25\nwork: depth\n---\n"),
            ("entries/b.md", "---\ndate: 2027-01-02\nwork: depth\n---\n"),
        ]);
        assert_eq!(
            messages(&j),
            [
                "entries: 1 entry is dated after today (2026-11-25), so they count in periods that have not happened yet: entries/b.md (2027-01-02)"
            ]
        );
    }
}
