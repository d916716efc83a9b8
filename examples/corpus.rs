//! Writes a synthetic journal for trying and measuring strata on journals of any size:
//!
//! ```sh
//! cargo run --release --example corpus -- /tmp/big --entries 10000 --years 15 --gaps 3
//! ```

#![allow(clippy::unwrap_used)]

#[path = "../tests/common/corpus.rs"]
mod corpus;

use std::path::PathBuf;

use clap::Parser;
use corpus::{CorpusOptions, generate};

/// Writes a synthetic journal (journal.yaml and entries/) into a new or empty folder.
#[derive(Debug, Parser)]
struct Args {
    /// The folder to write the journal into
    folder: PathBuf,
    /// How many entry files
    #[arg(long, default_value_t = 1000)]
    entries: usize,
    /// The span in years, ending in October 2026
    #[arg(long, default_value_t = 3)]
    years: u32,
    /// Empty stretches of 3 to 9 months inside the span
    #[arg(long, default_value_t = 0)]
    gaps: usize,
    /// The share of entries with no work kind (0 to 1); 1 makes an imported-looking journal
    #[arg(long, default_value_t = 0.1)]
    unclassified: f64,
    /// The share of growth work among classified entries (0 to 1)
    #[arg(long, default_value_t = 0.18)]
    growth: f64,
    /// Words in each entry's body
    #[arg(long, default_value_t = 600)]
    words: usize,
    /// The share of private entries, and of drafts (0 to 1)
    #[arg(long, default_value_t = 0.02)]
    hidden: f64,
    /// Seed of the pseudo-random choices
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Also write `capability_names:` for a Hugo site's taxonomy (benches/hugo-site)
    #[arg(long)]
    hugo: bool,
}

fn main() {
    let args = Args::parse();
    if std::fs::read_dir(&args.folder).is_ok_and(|mut d| d.next().is_some()) {
        eprintln!(
            "{} is not empty; choose a new folder",
            args.folder.display()
        );
        std::process::exit(2);
    }
    let options = CorpusOptions {
        entries: args.entries,
        years: args.years,
        gaps: args.gaps,
        unclassified: args.unclassified,
        growth: args.growth,
        words: args.words,
        hidden: args.hidden,
        seed: args.seed,
        hugo: args.hugo,
        ..CorpusOptions::default()
    };
    let files = generate(&args.folder, &options);
    println!(
        "{} entries written to {}",
        files.len(),
        args.folder.display()
    );
}
