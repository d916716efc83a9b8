//! `strata new "TITLE"`: write a new entry for today under `entries/YYYY/` and print its path.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Reporter, init::create_new, journal_dir, usage_error};
use crate::config::Config;
use crate::diagnostics::did_you_mean;

/// Arguments of `strata new`.
#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// The entry's title
    title: String,
    /// Growth work: attempting what you are not yet good at
    #[arg(long, conflicts_with = "depth")]
    growth: bool,
    /// Depth work: getting better at what you already do
    #[arg(long)]
    depth: bool,
    /// A layer of progress the entry moves (repeatable)
    #[arg(long = "layer", value_name = "LAYER")]
    layers: Vec<String>,
    /// A tag (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// The journal folder [default: the current folder]
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

pub(super) fn run(args: Args, reporter: Reporter) -> ExitCode {
    let root = journal_dir(args.dir);
    let config = match Config::load(&root) {
        Ok(config) => config,
        Err(diagnostics) => {
            reporter.diagnostics(&diagnostics);
            return ExitCode::from(1);
        }
    };
    for layer in &args.layers {
        if !config.layers.contains(&layer.to_lowercase()) {
            let hint = did_you_mean(layer, config.layers.iter().map(String::as_str))
                .map(|l| format!(" (did you mean \"{l}\"?)"))
                .unwrap_or_default();
            return usage_error(&format!(
                "unknown layer \"{layer}\"; expected one of {}{hint}",
                config.layers.join(", ")
            ));
        }
    }
    let slug = slug::slugify(&args.title);
    if slug.is_empty() {
        return usage_error("the title needs at least one letter or digit");
    }
    let today = chrono::Local::now().date_naive();
    let relative = PathBuf::from(format!(
        "entries/{}/{}-{slug}.md",
        today.format("%Y"),
        today.format("%Y-%m-%d")
    ));
    let mut front = format!(
        "---\ntitle: {}\ndate: {}\n",
        quoted(&args.title),
        today.format("%Y-%m-%d")
    );
    if args.growth || args.depth {
        front.push_str(if args.growth {
            "work: growth\n"
        } else {
            "work: depth\n"
        });
    }
    if !args.layers.is_empty() {
        front.push_str(&format!("layer: [{}]\n", list(&args.layers)));
    }
    if !args.tags.is_empty() {
        front.push_str(&format!("tags: [{}]\n", list(&args.tags)));
    }
    front.push_str("capabilities: []\n---\n\n");
    match create_new(&root, &relative, &front) {
        Ok(()) => {
            println!("{}", root.join(&relative).display());
            ExitCode::SUCCESS
        }
        Err(message) => {
            reporter.failure(&format!("{message}; nothing was changed"));
            ExitCode::from(1)
        }
    }
}

/// A YAML double-quoted string (JSON's string syntax is valid YAML).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{}\"", text.replace('"', "'")))
}

fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| quoted(i))
        .collect::<Vec<_>>()
        .join(", ")
}
