//! The project's one generator of synthetic journals, for tests, benchmarks and trying strata
//! on journals nobody tuned: any number of entries over any span of years, with gaps, entries
//! that name no work kind, private and draft entries, links between entries and images beside
//! them. Deterministic: the same options give the same files.
//!
//! From the command line: `cargo run --release --example corpus -- --help`.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use std::fmt::Write as _;
use std::path::Path;

use chrono::{Duration, NaiveDate};

/// What to generate.
#[derive(Debug, Clone)]
pub struct CorpusOptions {
    /// How many entry files.
    pub entries: usize,
    /// The span in years, ending on `last_day`.
    pub years: u32,
    /// The last day with an entry.
    pub last_day: NaiveDate,
    /// How many empty stretches of 3–9 months to leave in the span.
    pub gaps: usize,
    /// The share of entries that say neither `work: growth` nor `work: depth` (0–1).
    pub unclassified: f64,
    /// The share of growth work among the classified entries (0–1).
    pub growth: f64,
    /// Words in each body.
    pub words: usize,
    /// The share of private entries and, separately, of drafts (0–1).
    pub hidden: f64,
    /// Seed of the pseudo-random choices.
    pub seed: u64,
}

impl Default for CorpusOptions {
    fn default() -> Self {
        CorpusOptions {
            entries: 1000,
            years: 3,
            last_day: NaiveDate::from_ymd_opt(2026, 10, 30).unwrap(),
            gaps: 0,
            unclassified: 0.1,
            growth: 0.18,
            words: 600,
            hidden: 0.02,
            seed: 1,
        }
    }
}

/// A small, fast, seeded generator (xorshift64*); good enough for shaping test data.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() % 1_000_000) as f64 / 1_000_000.0 < p
    }
}

const CAPABILITIES: &[&str] = &[
    "Systems thinking",
    "Cross-team negotiation",
    "Facilitating group decisions",
    "Budget planning",
    "Giving hard feedback",
    "Hiring",
    "Incident command",
    "Writing proposals",
    "Coaching",
    "Roadmapping",
    "Public speaking",
    "Data modelling",
];
const TAGS: &[&str] = &[
    "budget",
    "leadership",
    "hiring",
    "ops",
    "writing",
    "planning",
    "team",
    "research",
];
const LAYERS: &[&str] = &["resources", "process", "cooperation"];
const WORDS: &[&str] = &[
    "the", "team", "budget", "process", "meeting", "decision", "learned", "tried", "again",
    "review", "plan", "agreed", "risk", "quarter", "hiring", "draft", "notes", "partners",
    "feedback", "system", "change", "slowly", "today", "because", "we", "I", "next", "time",
];

/// The days entries fall on: `count` days spread over the span, skipping the gaps, oldest first.
fn days(options: &CorpusOptions, random: &mut Random) -> Vec<NaiveDate> {
    let first = options.last_day - Duration::days(i64::from(options.years.max(1)) * 365);
    let span = (options.last_day - first).num_days().max(1);
    let gaps: Vec<(NaiveDate, NaiveDate)> = (0..options.gaps)
        .map(|_| {
            let start = first + Duration::days(random.below(span as usize) as i64);
            (start, start + Duration::days(90 + random.below(180) as i64))
        })
        .collect();
    let open: Vec<NaiveDate> = (0..=span)
        .map(|d| first + Duration::days(d))
        .filter(|d| !gaps.iter().any(|(a, b)| d >= a && d < b))
        .collect();
    let mut days: Vec<NaiveDate> = (0..options.entries)
        .map(|i| open[(i * open.len()) / options.entries.max(1)])
        .collect();
    if let Some(last) = days.last_mut() {
        *last = *open.last().unwrap_or(last);
    }
    days
}

/// Writes the journal into `root`: `journal.yaml`, `entries/YYYY/MM/*.md` and a few images.
/// Returns the entry files written, relative to `root`, oldest first.
pub fn generate(root: &Path, options: &CorpusOptions) -> Vec<String> {
    let mut random = Random(options.seed.max(1) ^ 0x9E37_79B9_7F4A_7C15);
    std::fs::create_dir_all(root.join("entries")).unwrap();
    std::fs::write(
        root.join("journal.yaml"),
        "title: A generated journal\nauthor: Generated\nbase_url: https://example.org/journal/\n",
    )
    .unwrap();
    let mut files: Vec<String> = Vec::with_capacity(options.entries);
    for (index, day) in days(options, &mut random).into_iter().enumerate() {
        let folder = format!("entries/{}", day.format("%Y/%m"));
        let name = format!("{}-entry-{index}.md", day.format("%Y-%m-%d"));
        let text = entry_text(index, day, &files, options, &mut random);
        std::fs::create_dir_all(root.join(&folder)).unwrap();
        if index % 97 == 5 {
            std::fs::write(
                root.join(&folder).join(format!("sketch-{index}.svg")),
                svg(index),
            )
            .unwrap();
        }
        std::fs::write(root.join(&folder).join(&name), text).unwrap();
        files.push(format!("{folder}/{name}"));
    }
    files
}

fn entry_text(
    index: usize,
    day: NaiveDate,
    earlier: &[String],
    options: &CorpusOptions,
    random: &mut Random,
) -> String {
    let mut text = format!(
        "---\ntitle: Entry {index} on {}\ndate: {day}\n",
        WORDS[index % WORDS.len()]
    );
    if !random.chance(options.unclassified) {
        let work = if random.chance(options.growth) {
            "growth"
        } else {
            "depth"
        };
        let _ = writeln!(text, "work: {work}");
    }
    let _ = writeln!(text, "layer: {}", LAYERS[random.below(LAYERS.len())]);
    let _ = writeln!(
        text,
        "tags: [{}, {}]",
        TAGS[random.below(TAGS.len())],
        TAGS[random.below(TAGS.len())]
    );
    let capability = CAPABILITIES[random.below(CAPABILITIES.len())];
    let stage = ["attempted", "practiced", "demonstrated"][random.below(3)];
    let _ = writeln!(
        text,
        "capabilities:\n  - name: {capability}\n    stage: {stage}"
    );
    let _ = writeln!(text, "hours: {}", 1 + random.below(4));
    if random.chance(options.hidden) {
        text.push_str("private: true\n");
    } else if random.chance(options.hidden) {
        text.push_str("draft: true\n");
    }
    text.push_str("---\n\n");
    text.push_str(&body(index, earlier, options.words, random));
    text
}

fn body(index: usize, earlier: &[String], words: usize, random: &mut Random) -> String {
    let mut body = String::new();
    for n in 0..words {
        body.push_str(WORDS[random.below(WORDS.len())]);
        body.push(match n % 90 {
            89 => '\n',
            _ if n % 15 == 14 => '.',
            _ => ' ',
        });
        if n % 90 == 89 {
            body.push('\n');
        }
    }
    if index % 10 == 3 && !earlier.is_empty() {
        // A link to an earlier entry, written as a path from this entry's folder.
        let target = &earlier[random.below(earlier.len())];
        let _ = write!(
            body,
            "\n\nSee also [an earlier entry](../../{}).",
            target.trim_start_matches("entries/")
        );
    }
    if index % 97 == 5 {
        let _ = write!(body, "\n\n![A sketch](sketch-{index}.svg)");
    }
    body.push('\n');
    body
}

fn svg(index: usize) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"><text x=\"2\" y=\"15\">{index}</text></svg>\n"
    )
}
