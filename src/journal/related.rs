//! Related entries: for each entry, the few others that share the most tags and capabilities
//! with it — what an entry page ends with, so a reader can follow a thread the writer never
//! linked by hand.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::Entry;

/// The most related entries an entry shows.
pub const RELATED: usize = 5;

/// How many of the most recent entries of each tag and capability are counted. A tag on most
/// of a long journal's entries says little about any two of them, and counting all of them
/// would make the work grow with the square of the journal: with 1,000, ranking took 1.1 s of
/// a 100,000-entry build (40 ms at 10,000); with 250, 0.4 s.
pub const SCAN: usize = 250;

/// For each of `entries` (oldest first), the indexes of up to [`RELATED`] others sharing the
/// most tags and capabilities with it (both by slug, as their pages know them), most
/// shared first, then newest first. An entry sharing nothing is never related.
pub fn related(entries: &[Entry]) -> Vec<Vec<usize>> {
    let (items, lists) = items_of(entries);
    let every: Vec<usize> = (0..entries.len()).collect();
    every
        .par_chunks(TASK)
        .flat_map_iter(|chunk| {
            let mut tally = Tally::new(entries.len());
            chunk
                .iter()
                .map(|&index| tally.most_shared(index, &items[index], &lists))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// How many entries one task of [`related`] ranks, with one tally.
const TASK: usize = 512;

/// Each entry's tags and capabilities as numbers, and for each number the entries that have
/// it, oldest first. Each spelling is made a key once, not once an entry.
fn items_of<'a>(entries: &'a [Entry]) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let mut keys: BTreeMap<(bool, String), usize> = BTreeMap::new();
    let mut spellings: BTreeMap<(bool, &'a str), usize> = BTreeMap::new();
    let mut lists: Vec<Vec<usize>> = Vec::new();
    let mut number = |capability: bool, spelling: &'a str| -> usize {
        if let Some(&n) = spellings.get(&(capability, spelling)) {
            return n;
        }
        let key = slug::slugify(spelling);
        let next = keys.len();
        let n = *keys.entry((capability, key)).or_insert(next);
        spellings.insert((capability, spelling), n);
        n
    };
    let items = entries
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            let tags = entry.tags.iter().map(|t| (false, t.as_str()));
            let capabilities = entry.capabilities.iter().map(|c| (true, c.name.as_str()));
            let mut mine: Vec<usize> = tags
                .chain(capabilities)
                .map(|(c, s)| number(c, s))
                .collect();
            mine.sort_unstable();
            mine.dedup();
            for &item in &mine {
                if item >= lists.len() {
                    lists.resize_with(item + 1, Vec::new);
                }
                lists[item].push(index);
            }
            mine
        })
        .collect();
    (items, lists)
}

/// A count of shared items per entry, kept between entries of one task so it is allocated
/// once; only the counts touched are reset.
struct Tally {
    counts: Vec<u16>,
    touched: Vec<usize>,
}

impl Tally {
    fn new(entries: usize) -> Tally {
        Tally {
            counts: vec![0; entries],
            touched: Vec::new(),
        }
    }

    /// The entries most related to the `index`th, which has `items`.
    fn most_shared(&mut self, index: usize, items: &[usize], lists: &[Vec<usize>]) -> Vec<usize> {
        for list in items.iter().filter_map(|&item| lists.get(item)) {
            for &other in list.iter().rev().filter(|&&o| o != index).take(SCAN) {
                if let Some(count) = self.counts.get_mut(other) {
                    if *count == 0 {
                        self.touched.push(other);
                    }
                    *count = count.saturating_add(1);
                }
            }
        }
        let counts = &self.counts;
        let by_rank = |&o: &usize| (std::cmp::Reverse(counts[o]), std::cmp::Reverse(o));
        if self.touched.len() > RELATED {
            self.touched.select_nth_unstable_by_key(RELATED, by_rank);
        }
        // A new vector of its own length: the tally's is as long as every entry touched, and
        // thousands of those kept for a journal's lifetime would hold a hundred megabytes.
        let mut chosen: Vec<usize> = self.touched.iter().take(RELATED).copied().collect();
        chosen.sort_unstable_by_key(by_rank);
        // Every count touched goes back to zero for the next entry, chosen or not.
        for &o in &self.touched {
            self.counts[o] = 0;
        }
        self.touched.clear();
        chosen
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use std::path::Path;

    fn entry(day: u32, tags: &str, capabilities: &str) -> Entry {
        let text = format!(
            "---\ntitle: Day {day}\ndate: 2026-01-{day:02}\ntags: [{tags}]\ncapabilities: [{capabilities}]\n---\nBody.\n"
        );
        let path = format!("entries/day-{day}.md");
        Entry::parse(Path::new(&path), &text, &Config::default())
            .entry
            .expect("a valid entry")
    }

    #[test]
    fn most_shared_first_then_newest_and_never_itself_or_unrelated() {
        let entries = [
            entry(1, "hiring, budget", "Systems thinking"),
            entry(2, "hiring", ""),
            entry(3, "Hiring, budget", "systems thinking"),
            entry(4, "garden", ""),
            entry(5, "budget", ""),
        ];
        let related = related(&entries);
        // Day 3 shares all three with day 1; days 5 and 2 one each, day 5 the newer.
        assert_eq!(related[0], [2, 4, 1]);
        assert_eq!(related[2], [0, 4, 1]);
        assert_eq!(related[1], [2, 0]);
        assert!(related[3].is_empty());
    }

    #[test]
    fn counts_start_again_for_each_entry() {
        // Seven entries share `a`: each leaves counts behind on the one of them it does not
        // choose. One tally kept across them must choose what a fresh tally does.
        let entries: Vec<Entry> = (1..=7).map(|d| entry(d, "a", "")).collect();
        let (items, lists) = items_of(&entries);
        let mut kept = Tally::new(entries.len());
        for (index, mine) in items.iter().enumerate() {
            let fresh = Tally::new(entries.len()).most_shared(index, mine, &lists);
            assert_eq!(
                kept.most_shared(index, mine, &lists),
                fresh,
                "entry {index}"
            );
        }
    }

    #[test]
    fn at_most_five_however_many_share() {
        let entries: Vec<Entry> = (1..=9).map(|d| entry(d, "hiring", "")).collect();
        assert_eq!(related(&entries)[0], [8, 7, 6, 5, 4]);
    }
}
