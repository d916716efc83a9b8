//! The project's one generator of synthetic journals, for tests, benchmarks and trying strata
//! on journals nobody tuned: any number of entries over any span of years, with gaps, entries
//! that name no work kind, private and draft entries, links between entries and images beside
//! them; realistic prose, about 1 entry in 6 growth work, 0–3 capabilities of 40, 1–4 tags of
//! 60. Deterministic: the same options give the same files.
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
    /// Also write `capability_names:` (a list of names), for a Hugo site's taxonomy.
    pub hugo: bool,
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
            hugo: false,
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

/// Capabilities are drawn from 40 names: 8 skills, each about 5 subjects.
const SKILLS: &[&str] = &[
    "Negotiating",
    "Facilitating",
    "Planning",
    "Coaching on",
    "Writing",
    "Presenting",
    "Modelling",
    "Reviewing",
];
const SUBJECTS: &[&str] = &["budgets", "roadmaps", "hiring", "incidents", "partnerships"];
/// Tags are drawn from 60.
const TAGS: &[&str] = &[
    "budget",
    "leadership",
    "hiring",
    "ops",
    "writing",
    "planning",
    "team",
    "research",
    "design",
    "security",
    "data",
    "finance",
    "legal",
    "vendor",
    "onboarding",
    "retro",
    "offsite",
    "okrs",
    "roadmap",
    "incident",
    "oncall",
    "mentoring",
    "interview",
    "architecture",
    "migration",
    "cost",
    "capacity",
    "training",
    "docs",
    "api",
    "mobile",
    "infra",
    "cloud",
    "database",
    "testing",
    "release",
    "customer",
    "support",
    "sales",
    "marketing",
    "strategy",
    "metrics",
    "quality",
    "process",
    "tooling",
    "automation",
    "community",
    "conference",
    "reading",
    "health",
    "travel",
    "partners",
    "contracts",
    "compliance",
    "privacy",
    "accessibility",
    "performance",
    "reliability",
    "observability",
    "culture",
];
const LAYERS: &[&str] = &["resources", "process", "cooperation"];
const SUBJECT_WORDS: &[&str] = &[
    "the team",
    "finance",
    "the other leads",
    "our manager",
    "the vendor",
    "two engineers",
    "the board",
    "a new hire",
    "the platform group",
    "support",
];
const VERBS: &[&str] = &[
    "asked for",
    "pushed back on",
    "agreed to",
    "questioned",
    "drafted",
    "reviewed",
    "postponed",
    "rewrote",
    "presented",
    "untangled",
    "simplified",
    "measured",
];
const OBJECTS: &[&str] = &[
    "the hiring plan",
    "the on-call rota",
    "a budget split",
    "the migration timeline",
    "the incident review",
    "our quarterly goals",
    "a shared dashboard",
    "the release process",
    "the vendor contract",
    "the onboarding guide",
    "a cost model",
    "the team charter",
];
const ENDINGS: &[&str] = &[
    "before lunch",
    "after a long debate",
    "with less friction than last time",
    "because the numbers were clear",
    "although nobody was fully happy",
    "in one afternoon",
    "for the third time this month",
    "and it worked better than expected",
];

/// A capability's name: one of 40.
fn capability(random: &mut Random) -> String {
    format!(
        "{} {}",
        SKILLS[random.below(SKILLS.len())],
        SUBJECTS[random.below(SUBJECTS.len())]
    )
}

/// One sentence of plausible work-journal prose, and its length in words.
fn sentence(random: &mut Random) -> (String, usize) {
    let text = format!(
        "{} {} {} {}.",
        SUBJECT_WORDS[random.below(SUBJECT_WORDS.len())],
        VERBS[random.below(VERBS.len())],
        OBJECTS[random.below(OBJECTS.len())],
        ENDINGS[random.below(ENDINGS.len())]
    );
    let words = text.split_whitespace().count();
    let mut chars = text.chars();
    let capitalised = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    (capitalised, words)
}

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
    let (title, _) = sentence(random);
    let mut text = format!(
        "---\ntitle: \"{} ({index})\"\ndate: {day}\n",
        title.trim_end_matches('.')
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
    let tags: Vec<&str> = (0..1 + random.below(4))
        .map(|_| TAGS[random.below(TAGS.len())])
        .collect();
    let _ = writeln!(text, "tags: [{}]", tags.join(", "));
    let capabilities: Vec<String> = (0..random.below(4)).map(|_| capability(random)).collect();
    if !capabilities.is_empty() {
        text.push_str("capabilities:\n");
        for name in &capabilities {
            let stage = ["attempted", "practiced", "demonstrated"][random.below(3)];
            let _ = writeln!(text, "  - name: {name}\n    stage: {stage}");
        }
        if options.hugo {
            // Hugo's taxonomies take a list of names.
            let _ = writeln!(text, "capability_names: [{}]", capabilities.join(", "));
        }
    }
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

/// About `words` words of prose in paragraphs of 4 to 7 sentences, sometimes a heading or a
/// list, and now and then a link to an earlier entry and a picture beside the entry.
fn body(index: usize, earlier: &[String], words: usize, random: &mut Random) -> String {
    let mut body = String::new();
    let mut written = 0;
    let mut paragraph = 0;
    while written < words {
        if paragraph == 2 && index.is_multiple_of(4) {
            body.push_str("## What I would do differently\n\n");
        }
        if paragraph == 3 && index.is_multiple_of(5) {
            for _ in 0..3 {
                let (line, count) = sentence(random);
                let _ = writeln!(body, "- {line}");
                written += count;
            }
            body.push('\n');
        }
        for n in 0..4 + random.below(4) {
            let (line, count) = sentence(random);
            if n == 1 && random.chance(0.3) {
                let _ = write!(body, "*{}*. ", line.trim_end_matches('.'));
            } else {
                body.push_str(&line);
                body.push(' ');
            }
            written += count;
        }
        body.push_str("\n\n");
        paragraph += 1;
    }
    if index % 10 == 3 && !earlier.is_empty() {
        // A link to an earlier entry, written as a path from this entry's folder.
        let target = &earlier[random.below(earlier.len())];
        let _ = write!(
            body,
            "See also [an earlier entry](../../{}).\n\n",
            target.trim_start_matches("entries/")
        );
    }
    if index % 97 == 5 {
        let _ = writeln!(body, "![A sketch](sketch-{index}.svg)");
    }
    body
}

fn svg(index: usize) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"><text x=\"2\" y=\"15\">{index}</text></svg>\n"
    )
}
