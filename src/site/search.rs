//! The search index: made at build time from the entries a build shows (their rendered text,
//! so nothing a page leaves out is found), as small static files a page script fetches only as
//! a query needs them — no server, no request to another host.
//!
//! - `search/meta.json`: how many entries, the size of a chunk of them, which word shards exist;
//! - `search/facets.json`: each entry's year, work kind, layers and tags, for the filters;
//! - `search/docs-N.json`: each chunk of entries' title, link, date and summary;
//! - `search/w-XX.json`: a shard of the word index — every word starting with the two letters
//!   `XX` (hex of their UTF-8 bytes) to the entries that have it, as ascending gaps.
//!
//! Entries are numbered newest first, so the lowest numbers are the most recent results.

use std::collections::BTreeMap;

use chrono::Datelike;
use rayon::prelude::*;
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
/// their rendered bodies.
pub fn files(journal: &Journal) -> Vec<(String, String)> {
    let urls = Urls::new(&journal.config);
    // Newest first: entry `i` of the journal is document `n - 1 - i`.
    let order: Vec<usize> = (0..journal.entries.len()).rev().collect();
    let words: Vec<Vec<String>> = order
        .par_iter()
        .map(|&i| {
            let entry = &journal.entries[i];
            let text = format!(
                "{} {} {} {} {}",
                entry.title,
                entry.tags.join(" "),
                entry
                    .capabilities
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                entry.layers.join(" "),
                text_of(&entry.rendered.html)
            );
            words_of(&text)
        })
        .collect();
    let mut shards: BTreeMap<String, BTreeMap<String, Vec<u32>>> = BTreeMap::new();
    for (doc, list) in words.into_iter().enumerate() {
        for word in list {
            let postings = shards
                .entry(shard_of(&word))
                .or_default()
                .entry(word)
                .or_default();
            postings.push(doc as u32);
        }
    }
    let mut out = vec![
        ("search/meta.json".to_string(), meta(journal, &shards)),
        ("search/facets.json".to_string(), facets(journal, &order)),
    ];
    out.extend(docs(journal, &order, &urls));
    out.extend(shards.into_iter().map(|(shard, words)| {
        let gaps: BTreeMap<String, Vec<u32>> = words
            .into_iter()
            .map(|(word, docs)| (word, gaps_of(&docs)))
            .collect();
        (format!("search/w-{shard}.json"), to_json(&gaps))
    }));
    out
}

/// Whether `path` (relative to the output folder) is one of the index's files.
pub fn is_index_file(path: &str) -> bool {
    path.starts_with("search/") && path.ends_with(".json")
}

/// The readable text of rendered HTML: tags dropped, the usual entities read.
fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// The distinct words of `text`, lowered: runs of letters and digits, as the page script
/// splits a query.
pub fn words_of(text: &str) -> Vec<String> {
    let mut words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= SHORTEST)
        .map(|w| w.to_lowercase().chars().take(LONGEST).collect())
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// The shard a word is in: the hex of the UTF-8 bytes of its first two characters.
fn shard_of(word: &str) -> String {
    word.chars()
        .take(2)
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

fn meta(journal: &Journal, shards: &BTreeMap<String, BTreeMap<String, Vec<u32>>>) -> String {
    to_json(&json!({
        "entries": journal.entries.len(),
        "chunk": CHUNK,
        "shards": shards.keys().collect::<Vec<_>>(),
    }))
}

/// Each document's `[year, work, layers, tags]`: work 0 (none), 1 (growth) or 2 (depth),
/// layers as their place in the config's list, tags as their place in `tags`.
fn facets(journal: &Journal, order: &[usize]) -> String {
    let mut tags: Vec<String> = journal
        .entries
        .iter()
        .flat_map(|e| e.tags.iter().map(slug::slugify))
        .collect();
    tags.sort();
    tags.dedup();
    let layers = &journal.config.layers;
    let rows: Vec<Value4> = order
        .iter()
        .map(|&i| {
            let e = &journal.entries[i];
            let work = match e.work {
                None => 0,
                Some(Work::Growth) => 1,
                Some(Work::Depth) => 2,
            };
            (
                e.date.year(),
                work,
                e.layers
                    .iter()
                    .filter_map(|l| layers.iter().position(|x| x == l))
                    .collect(),
                e.tags
                    .iter()
                    .filter_map(|t| tags.binary_search(&slug::slugify(t)).ok())
                    .collect(),
            )
        })
        .collect();
    to_json(&json!({"layers": layers, "tags": tags, "entries": rows}))
}

/// One document's facets: year, work kind, layer places, tag places.
type Value4 = (i32, u8, Vec<usize>, Vec<usize>);

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
                        summary: &e.rendered.summary_text,
                    }
                })
                .collect();
            (format!("search/docs-{n}.json"), to_json(&docs))
        })
        .collect()
}

fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowered_distinct_and_split_like_a_query() {
        assert_eq!(
            words_of("Budget season: the BUDGET, a café-day in Zürich 2026!"),
            [
                "2026", "budget", "café", "day", "in", "season", "the", "zürich"
            ]
        );
        assert_eq!(text_of("<p>A &amp; B<br>C</p>"), " A & B C ");
        assert_eq!(shard_of("budget"), "6275");
        assert_eq!(gaps_of(&[3, 4, 10]), [3, 1, 6]);
    }
}
