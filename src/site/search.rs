//! The search index: made at build time from the entries a build shows (their rendered text,
//! so nothing a page leaves out is found), as small static files a page script fetches only as
//! a query needs them — no server, no request to another host.
//!
//! - `search/meta.json`: how many entries, the size of a chunk of them, which word shards exist,
//!   each year's entries (a run of numbers) and the layers;
//! - `search/work-growth.json`, `layer-N.json`, `tag-<slug>.json`…: the entries of each work
//!   kind, layer and tag, for the filters;
//! - `search/docs-N.json`: each chunk of entries' title, link, date and summary;
//! - `search/w-XX.json`: a shard of the word index — every word starting with the two letters
//!   (or, where those are many, the three letters) `XX` (hex of their UTF-8 bytes) to the
//!   entries that have it, as ascending gaps.
//!
//! Entries are numbered newest first, so the lowest numbers are the most recent results.

use std::collections::BTreeMap;

use chrono::Datelike;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use serde_json::json;

use super::Urls;
use crate::journal::{Journal, Work};

/// How many entries one `docs-N.json` holds.
pub const CHUNK: usize = 500;
/// Words shorter than this are not indexed.
const SHORTEST: usize = 2;
/// Words longer than this are cut to it.
const LONGEST: usize = 40;

/// The search index's files, by site path (`search/meta.json`…), from `journal`'s entries and
/// their rendered bodies: each from `bodies` where that holds it (a build takes the bodies out
/// of the journal to let them go as pages are written), else from the journal.
pub fn files(journal: &Journal, bodies: &[Option<std::sync::Arc<str>>]) -> Vec<(String, String)> {
    let order = newest_first(journal);
    let shards = word_shards(journal, &order, bodies);
    index_files(journal, &order, shards)
}

/// The word shards made last time and a fingerprint of what they were made from, so that a
/// preview remakes them only when some entry's words changed: an edit of `work` or a date's
/// neighbours changes the filters' lists and the results, not the words.
#[derive(Debug, Default, Clone)]
pub struct WordShards {
    print: Option<u64>,
    shards: BTreeMap<String, String>,
}

/// [`files`] with every body in the journal, the word shards taken from `kept` when every
/// entry's words are as they were (in the same order), and kept there for next time otherwise.
pub fn files_keeping(journal: &Journal, kept: &mut WordShards) -> Vec<(String, String)> {
    let order = newest_first(journal);
    let print = words_print(journal);
    if kept.print != Some(print) {
        kept.shards = word_shards(journal, &order, &[]);
        kept.print = Some(print);
    }
    index_files(journal, &order, kept.shards.clone())
}

/// The journal's entries newest first: entry `i` of the journal is document `n - 1 - i`.
fn newest_first(journal: &Journal) -> Vec<usize> {
    (0..journal.entries.len()).rev().collect()
}

/// Every file of the index, around its word shards.
fn index_files(
    journal: &Journal,
    order: &[usize],
    shards: BTreeMap<String, String>,
) -> Vec<(String, String)> {
    let urls = Urls::new(&journal.config);
    let mut out = vec![(
        "search/meta.json".to_string(),
        meta(journal, order, &shards),
    )];
    out.extend(facets(journal, order));
    out.extend(docs(journal, order, &urls));
    out.extend(
        shards
            .into_iter()
            .map(|(shard, json)| (format!("search/w-{shard}.json"), json)),
    );
    out
}

/// A fingerprint of everything the word shards are made from, entry by entry in order: title,
/// tags, capabilities, layers and rendered body. The body stands in by the fingerprint of what
/// it was rendered from where a preview keeps one, rather than its 40 MB of HTML at 10,000
/// entries being hashed on every save.
fn words_print(journal: &Journal) -> u64 {
    let words: Vec<_> = journal
        .entries
        .iter()
        .map(|e| {
            let capabilities: Vec<&str> = e.capabilities.iter().map(|c| c.name.as_str()).collect();
            let body = match e.rendered.source_print {
                0 => Err(&e.rendered.html),
                print => Ok(print),
            };
            (&e.title, &e.tags, capabilities, &e.layers, body)
        })
        .collect();
    crate::fingerprint::of(&words)
}

/// The word index's shards as JSON, by name.
fn word_shards(
    journal: &Journal,
    order: &[usize],
    bodies: &[Option<std::sync::Arc<str>>],
) -> BTreeMap<String, String> {
    let mut by_two: BTreeMap<String, Words> = BTreeMap::new();
    for (word, mut docs) in postings(journal, order, bodies) {
        docs.sort_unstable();
        by_two
            .entry(shard_of(&word, 2))
            .or_default()
            .insert(word, gaps_of(&docs));
    }
    split_large(by_two)
}

/// Words to the gaps between the documents that have them.
type Words = BTreeMap<String, Vec<u32>>;

/// A shard bigger than this is split by three letters: a search fetches the shard of each of
/// its words, and the shards of the commonest two letters (`re`, `th`) grow large.
const LARGEST_SHARD: usize = 24 * 1024;

/// The shards as JSON by name: each shard of two letters, or, where that is larger than
/// [`LARGEST_SHARD`], its words of three letters and more by their first three (and its
/// two-letter words alone under its own name).
fn split_large(by_two: BTreeMap<String, Words>) -> BTreeMap<String, String> {
    let mut shards = BTreeMap::new();
    for (two, words) in by_two {
        let json = to_json(&words);
        if json.len() <= LARGEST_SHARD {
            shards.insert(two, json);
            continue;
        }
        let mut by_three: BTreeMap<String, Words> = BTreeMap::new();
        for (word, gaps) in words {
            by_three
                .entry(shard_of(&word, 3))
                .or_default()
                .insert(word, gaps);
        }
        shards.extend(by_three.into_iter().map(|(name, w)| (name, to_json(&w))));
    }
    shards
}

/// How many documents one task of [`postings`] reads.
const TASK: usize = 256;

/// Words to the documents that have them, hashed with a fast hasher: the index looks up every
/// word of every entry, millions at 10,000 entries, where SipHash's cost showed.
type Postings = FxHashMap<String, Vec<u32>>;

/// Every word to the documents that have it (in no order): read in parallel, a few hundred
/// documents a task, each word of a document made a `String` only the first time its task
/// meets it.
fn postings(
    journal: &Journal,
    order: &[usize],
    bodies: &[Option<std::sync::Arc<str>>],
) -> Postings {
    order
        .par_chunks(TASK)
        .enumerate()
        .map(|(task, chunk)| {
            let mut found = Postings::default();
            for (k, &i) in chunk.iter().enumerate() {
                let doc = (task * TASK + k) as u32;
                let entry = &journal.entries[i];
                let body = match bodies.get(i) {
                    Some(Some(body)) => body,
                    _ => &entry.rendered.html,
                };
                each_document_word(entry, body, |word| add(&mut found, word, doc));
            }
            found
        })
        .reduce(Postings::default, |mut all, part| {
            for (word, mut docs) in part {
                all.entry(word).or_default().append(&mut docs);
            }
            all
        })
}

/// Records that document `doc` has `word`.
fn add(found: &mut Postings, word: &str, doc: u32) {
    match found.get_mut(word) {
        // A word met again in the same document is already there, last.
        Some(docs) if docs.last() == Some(&doc) => {}
        Some(docs) => docs.push(doc),
        None => {
            found.insert(word.to_string(), vec![doc]);
        }
    }
}

/// Calls `f` with every word of what search reads of an entry: title, tags, capabilities,
/// layers and the text of its rendered `body` (read in place, tags and entities skipped).
fn each_document_word(entry: &crate::journal::Entry, body: &str, mut f: impl FnMut(&str)) {
    let mut lowered = String::new();
    for piece in [&entry.title]
        .into_iter()
        .chain(&entry.tags)
        .chain(entry.capabilities.iter().map(|c| &c.name))
        .chain(&entry.layers)
    {
        each_run(piece, Text::Plain, |run| {
            each_word(run, &mut lowered, &mut f)
        });
    }
    each_run(body, Text::Html, |run| each_word(run, &mut lowered, &mut f));
}

/// Calls `f` with `run` (letters and digits) as the index holds it — lowered, cut to
/// [`LONGEST`] characters — when it is long enough to be a word, as the page script splits a
/// query: `lowered` is scratch.
fn each_word(run: &str, lowered: &mut String, f: &mut impl FnMut(&str)) {
    if run.is_ascii() {
        if !is_word(run) {
            return;
        }
        if run.bytes().any(|b| b.is_ascii_uppercase()) {
            lowered.clear();
            lowered.push_str(run);
            lowered.make_ascii_lowercase();
            f(cut(lowered));
        } else {
            f(cut(run));
        }
    } else {
        // Lowering can change what is a letter (`İ` becomes `i` and a combining dot), so the
        // lowered run is split again, as a query is lowered before it is split.
        each_run(&run.to_lowercase(), Text::Plain, |part| {
            if is_word(part) {
                f(cut(part));
            }
        });
    }
}

/// Whether a run of letters and digits is long enough to be indexed.
fn is_word(run: &str) -> bool {
    run.len() > SHORTEST || (run.len() == SHORTEST && run.is_ascii())
}

/// What [`each_run`] reads: plain text, or rendered HTML whose tags and character references
/// are skipped. A reference stands for a character that is never part of a word (`&amp;`,
/// `&lt;`…), so it only separates words.
#[derive(Clone, Copy, PartialEq)]
enum Text {
    Plain,
    Html,
}

/// Calls `f` with each run of letters and digits of `text`, read byte by byte: nearly every
/// character of most journals is ASCII, which needs no decoding — the index reads millions of
/// words at 10,000 entries.
fn each_run(text: &str, kind: Text, mut f: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let (mut at, mut start) = (0, None);
    while let Some(&b) = bytes.get(at) {
        let (in_word, next) = if b.is_ascii_alphanumeric() {
            (true, at + 1)
        } else if b.is_ascii() {
            let next = match b {
                b'<' if kind == Text::Html => after_tag(bytes, at),
                b'&' if kind == Text::Html => after_reference(bytes, at),
                _ => at + 1,
            };
            (false, next)
        } else {
            let c = text[at..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric(), at + c.len_utf8())
        };
        match (in_word, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                f(&text[from..at]);
                start = None;
            }
            _ => {}
        }
        at = next;
    }
    if let Some(from) = start {
        f(&text[from..]);
    }
}

/// Where the text after the tag opening at `at` starts (the end, when it never closes).
fn after_tag(bytes: &[u8], at: usize) -> usize {
    bytes[at..]
        .iter()
        .position(|&b| b == b'>')
        .map_or(bytes.len(), |n| at + n + 1)
}

/// Where the text after the `&` at `at` starts: after its `;` when a name or number runs up to
/// one (`&amp;`, `&#38;`), else right after the `&`.
fn after_reference(bytes: &[u8], at: usize) -> usize {
    let name = bytes[at + 1..]
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'#'));
    match name {
        Some(n) if bytes[at + 1 + n] == b';' => at + n + 2,
        _ => at + 1,
    }
}

/// A word cut to [`LONGEST`] characters.
fn cut(word: &str) -> &str {
    if word.len() <= LONGEST {
        return word;
    }
    match word.char_indices().nth(LONGEST) {
        Some((at, _)) => &word[..at],
        None => word,
    }
}

/// Whether `path` (relative to the output folder) is one of the index's files.
pub fn is_index_file(path: &str) -> bool {
    path.starts_with("search/") && path.ends_with(".json")
}

/// The name of the shard of the words starting as `word` does: the hex of the UTF-8 bytes of
/// its first `letters` characters (all of them when it has fewer).
fn shard_of(word: &str, letters: usize) -> String {
    word.chars()
        .take(letters)
        .collect::<String>()
        .bytes()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Ascending numbers as the gaps between them (the first as itself): small numbers, short JSON.
fn gaps_of(docs: &[u32]) -> Vec<u32> {
    let mut last = 0;
    docs.iter()
        .map(|&d| {
            let gap = d - last;
            last = d;
            gap
        })
        .collect()
}

fn meta(journal: &Journal, order: &[usize], shards: &BTreeMap<String, String>) -> String {
    to_json(&json!({
        "entries": journal.entries.len(),
        "chunk": CHUNK,
        "shards": shards.keys().collect::<Vec<_>>(),
        "years": years(journal, order),
        "layers": journal.config.layers,
    }))
}

/// The filters' files: for each work kind (`work-growth.json`), layer (`layer-N.json`, by its
/// place in the config's list) and tag (`tag-<slug>.json`), the documents that have it, as
/// ascending gaps — a search with a filter fetches that one list.
fn facets(journal: &Journal, order: &[usize]) -> Vec<(String, String)> {
    let mut lists: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for name in ["work-growth", "work-depth"] {
        lists.insert(name.to_string(), Vec::new());
    }
    for n in 0..journal.config.layers.len() {
        lists.insert(format!("layer-{n}"), Vec::new());
    }
    for (doc, &i) in order.iter().enumerate() {
        let e = &journal.entries[i];
        let doc = doc as u32;
        let mut names: Vec<String> = Vec::new();
        names.extend(e.work.map(|w| match w {
            Work::Growth => "work-growth".to_string(),
            Work::Depth => "work-depth".to_string(),
        }));
        names.extend(e.layers.iter().filter_map(|l| {
            let n = journal.config.layers.iter().position(|x| x == l)?;
            Some(format!("layer-{n}"))
        }));
        names.extend(
            e.tags
                .iter()
                .map(slug::slugify)
                .filter(|s| !s.is_empty())
                .map(|s| format!("tag-{s}")),
        );
        for name in names {
            let docs = lists.entry(name).or_default();
            // The same tag twice in one entry counts once.
            if docs.last() != Some(&doc) {
                docs.push(doc);
            }
        }
    }
    lists
        .into_iter()
        .map(|(name, docs)| (format!("search/{name}.json"), to_json(&gaps_of(&docs))))
        .collect()
}

/// Each year's documents, `[first, after last)`: entries are numbered newest first, so a
/// year's are one run.
fn years(journal: &Journal, order: &[usize]) -> BTreeMap<i32, (usize, usize)> {
    let mut years: BTreeMap<i32, (usize, usize)> = BTreeMap::new();
    for (doc, &i) in order.iter().enumerate() {
        let run = years
            .entry(journal.entries[i].date.year())
            .or_insert((doc, doc));
        run.1 = doc + 1;
    }
    years
}

/// A document as a result shows it.
#[derive(Serialize)]
struct Doc<'a> {
    title: &'a str,
    url: String,
    date: String,
    iso: String,
    summary: &'a str,
}

fn docs(journal: &Journal, order: &[usize], urls: &Urls) -> Vec<(String, String)> {
    let strings = &journal.config.strings;
    order
        .chunks(CHUNK)
        .enumerate()
        .map(|(n, chunk)| {
            let docs: Vec<Doc<'_>> = chunk
                .iter()
                .map(|&i| {
                    let e = &journal.entries[i];
                    Doc {
                        title: &e.title,
                        url: urls.link(&e.permalink),
                        date: strings.long_date(e.date),
                        iso: e.date.to_string(),
                        summary: snippet(&e.rendered.summary_text),
                    }
                })
                .collect();
            (format!("search/docs-{n}.json"), to_json(&docs))
        })
        .collect()
}

/// The start of a summary, as a result shows it: up to [`SNIPPET`] characters, at a word.
fn snippet(summary: &str) -> &str {
    match summary.char_indices().nth(SNIPPET) {
        None => summary,
        Some((at, _)) => summary[..at]
            .rfind(' ')
            .map_or(&summary[..at], |space| &summary[..space]),
    }
}

/// The longest summary a result shows.
const SNIPPET: usize = 160;

fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The distinct words of `text`, lowered, as the index holds them.
    fn words_of(text: &str) -> Vec<String> {
        let mut words = Vec::new();
        let mut lowered = String::new();
        each_run(text, Text::Plain, |run| {
            each_word(run, &mut lowered, &mut |w| words.push(w.to_string()))
        });
        words.sort_unstable();
        words.dedup();
        words
    }

    #[test]
    fn words_are_lowered_distinct_and_split_like_a_query() {
        assert_eq!(
            words_of("Budget season: the BUDGET, a café-day in Zürich 2026!"),
            [
                "2026", "budget", "café", "day", "in", "season", "the", "zürich"
            ]
        );
        assert_eq!(words_of(&"x".repeat(50)), ["x".repeat(LONGEST)]);
        let runs = |text, kind| {
            let mut runs = Vec::new();
            each_run(text, kind, |r| runs.push(r.to_string()));
            runs
        };
        let html = "<p>A &amp; B<br>C&copy;D 1 &lt; 2 & x&#; y&z</p><b";
        assert_eq!(
            runs(html, Text::Html),
            ["A", "B", "C", "D", "1", "2", "x", "y", "z"]
        );
        assert_eq!(
            runs(html, Text::Plain),
            [
                "p", "A", "amp", "B", "br", "C", "copy", "D", "1", "lt", "2", "x", "y", "z", "p",
                "b"
            ]
        );
        assert_eq!(shard_of("budget", 2), "6275");
        assert_eq!(shard_of("budget", 3), "627564");
        assert_eq!(shard_of("é", 3), "c3a9");
        assert_eq!(gaps_of(&[3, 4, 10]), [3, 1, 6]);
    }

    /// The runs of letters and digits of `html`'s text, read the plain way: split at tags and
    /// references first, then at every character that is neither a letter nor a digit.
    fn runs_read_plainly(html: &str) -> Vec<String> {
        let mut texts = Vec::new();
        let mut rest = html;
        while let Some(at) = rest.find(['<', '&']) {
            texts.push(&rest[..at]);
            rest = &rest[at..];
            let end = if rest.starts_with('<') {
                rest.find('>')
            } else {
                rest[1..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
                    .filter(|&n| rest[1 + n..].starts_with(';'))
                    .map(|n| n + 1)
            };
            rest = match end {
                Some(end) => &rest[end + 1..],
                None if rest.starts_with('<') => "",
                None => &rest[1..],
            };
        }
        texts.push(rest);
        texts
            .into_iter()
            .flat_map(|text| text.split(|c: char| !c.is_alphanumeric()))
            .filter(|run| !run.is_empty())
            .map(str::to_string)
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn runs_read_byte_by_byte_equal_runs_read_plainly(
            html in "([<>&;#/ a-zA-Z0-9.,é€İ\u{300}\u{a0}-]|&amp;|&#38;|<p>|</a>){0,40}"
        ) {
            let mut runs = Vec::new();
            each_run(&html, Text::Html, |run| runs.push(run.to_string()));
            proptest::prop_assert_eq!(runs, runs_read_plainly(&html));
        }
    }

    #[test]
    fn a_large_shard_is_split_by_three_letters_and_a_small_one_kept() {
        let gaps: Vec<u32> = vec![1; 4_000];
        let big: Words = ["re", "rev", "review", "reader"]
            .into_iter()
            .map(|w| (w.to_string(), gaps.clone()))
            .collect();
        let small: Words = [("budget".to_string(), vec![1, 2])].into_iter().collect();
        let shards = split_large([("7265".to_string(), big), ("6275".to_string(), small)].into());
        assert_eq!(
            shards.keys().collect::<Vec<_>>(),
            ["6275", "7265", "726561", "726576"]
        );
        assert_eq!(shards["7265"], format!("{{\"re\":{}}}", to_json(&gaps)));
        assert!(
            shards["726576"].starts_with("{\"rev\":") && shards["726576"].contains("\"review\":")
        );
        assert_eq!(shards["6275"], r#"{"budget":[1,2]}"#);
    }
}
