//! `strata new "TITLE"`: write a new entry under `entries/YYYY/` and print its path; with
//! `--review`, a quarterly-review entry pre-filled from the timelines.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use super::init::create_new;
use super::{Reporter, journal_root, review::find_review, usage_error};
use crate::config::Config;
use crate::diagnostics::did_you_mean;
use crate::journal::Stage;

/// Where a journal keeps the starting text of new entries.
pub(super) const ENTRY_TEMPLATE: &str = "templates/entry.md";

/// Arguments of `strata new`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  strata new \"Chaired my first design review\" --growth --layer cooperation --tag leadership\n  strata new \"Fixed the flaky deploy\" --depth --capability \"incident command=practiced\" --edit\n  strata new --review 2026-Q4"
)]
pub(super) struct Args {
    /// The entry's title
    #[arg(required_unless_present = "review")]
    title: Option<String>,
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
    /// A capability the entry is evidence of, with its stage if you know it:
    /// `--capability "systems thinking=practiced"` (repeatable)
    #[arg(long = "capability", value_name = "NAME[=STAGE]")]
    capabilities: Vec<String>,
    /// The entry's weight in hours
    #[arg(long, value_name = "HOURS")]
    hours: Option<f64>,
    /// The entry's date [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = entry_date)]
    date: Option<NaiveDate>,
    /// A draft: shown only with --drafts
    #[arg(long)]
    draft: bool,
    /// A private entry: never published
    #[arg(long)]
    private: bool,
    /// Open the new file in $VISUAL or $EDITOR, then return
    #[arg(long)]
    edit: bool,
    /// Write a quarterly review of QUARTER (2026-Q4) instead, pre-filled from the timelines
    /// [default: the latest quarter with entries]
    #[arg(long, value_name = "QUARTER", num_args = 0..=1, default_missing_value = "",
          conflicts_with_all = ["title", "growth", "depth", "capabilities", "hours"])]
    review: Option<String>,
    /// The journal folder [default: the journal the current folder is in]
    #[arg(long, short = 'C', value_name = "DIR")]
    dir: Option<PathBuf>,
}

pub(super) fn run(args: Args, reporter: Reporter) -> ExitCode {
    let root = match journal_root(args.dir.as_deref()) {
        Ok(root) => root.path().to_path_buf(),
        Err(code) => return code,
    };
    let config = match Config::load(&root) {
        Ok(config) => config,
        Err(diagnostics) => {
            reporter.diagnostics(&diagnostics);
            return ExitCode::from(1);
        }
    };
    let date = args
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let made = match &args.review {
        Some(period) => review_entry(&root, period, date, reporter),
        None => entry(&args, &config, &root, date),
    };
    let (stem, text) = match made {
        Ok(made) => made,
        Err(code) => return code,
    };
    let folder = PathBuf::from(format!("entries/{}", date.format("%Y")));
    let stem = format!("{}-{stem}", date.format("%Y-%m-%d"));
    match create_unique(&root, &folder, &stem, &text) {
        Ok(path) => {
            println!("{}", path.display());
            if args.edit {
                return open_editor(&path, reporter);
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            reporter.failure(&format!("{message}; nothing was changed"));
            ExitCode::from(1)
        }
    }
}

/// A `--date`: a calendar date in the years an entry may be dated in, so that `new` never
/// writes an entry that cannot build.
fn entry_date(text: &str) -> Result<NaiveDate, String> {
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| format!("{e}; write the date as YYYY-MM-DD"))?;
    let entry_date = crate::journal::front_matter::EntryDate {
        date,
        datetime: None,
    };
    if entry_date.in_range() {
        return Ok(date);
    }
    let years = crate::journal::front_matter::YEARS;
    Err(format!(
        "{date} is outside the years {} to {} an entry may be dated in",
        years.start(),
        years.end()
    ))
}

/// The file stem (without the date) and text of an ordinary entry.
fn entry(
    args: &Args,
    config: &Config,
    root: &Path,
    date: NaiveDate,
) -> Result<(String, String), ExitCode> {
    check_layers(&args.layers, config)?;
    // A control character (a stray DEL or escape from the terminal) would make the entry's
    // front matter unreadable: it is left out of the title.
    let title: String = args
        .title
        .clone()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    let slug = slug::slugify(&title);
    if slug.is_empty() {
        return Err(usage_error("the title needs at least one letter or digit"));
    }
    let most = crate::journal::front_matter::MOST_HOURS;
    if let Some(hours) = args.hours.filter(|h| !(0.0..=most).contains(h)) {
        return Err(usage_error(&format!(
            "--hours {hours}: hours are a number from 0 to {most}"
        )));
    }
    let mut front = format!("---\ntitle: {}\ndate: {date}\n", quoted(&title));
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
    front.push_str(&capabilities(&args.capabilities)?);
    if let Some(hours) = args.hours {
        front.push_str(&format!("hours: {hours}\n"));
    }
    for (flag, key) in [(args.draft, "draft"), (args.private, "private")] {
        if flag {
            front.push_str(&format!("{key}: true\n"));
        }
    }
    front.push_str("---\n\n");
    front.push_str(&starting_text(root));
    Ok((slug, front))
}

fn check_layers(layers: &[String], config: &Config) -> Result<(), ExitCode> {
    for layer in layers {
        if !config.layers.contains(&layer.to_lowercase()) {
            let hint = did_you_mean(layer, config.layers.iter().map(String::as_str))
                .map(|l| format!(" (did you mean \"{l}\"?)"))
                .unwrap_or_default();
            return Err(usage_error(&format!(
                "unknown layer \"{layer}\"; expected one of {}{hint}",
                config.layers.join(", ")
            )));
        }
    }
    Ok(())
}

/// The `capabilities:` block for `NAME[=STAGE]` arguments; an empty list when there are none,
/// so the writer sees where they go.
fn capabilities(specs: &[String]) -> Result<String, ExitCode> {
    if specs.is_empty() {
        return Ok("capabilities: []\n".into());
    }
    let mut block = String::from("capabilities:\n");
    for spec in specs {
        let (name, stage) = match spec.rsplit_once('=') {
            Some((name, stage)) => (name.trim(), Some(stage.trim())),
            None => (spec.trim(), None),
        };
        if name.is_empty() {
            return Err(usage_error(&format!("--capability \"{spec}\" has no name")));
        }
        match stage {
            None => block.push_str(&format!("  - {}\n", quoted(name))),
            Some(stage) => {
                let Some(stage) = Stage::parse(stage) else {
                    return Err(usage_error(&format!(
                        "--capability \"{spec}\": unknown stage \"{stage}\"; expected attempted, practiced or demonstrated"
                    )));
                };
                block.push_str(&format!(
                    "  - name: {}\n    stage: {}\n",
                    quoted(name),
                    stage.name()
                ));
            }
        }
    }
    Ok(block)
}

/// The journal's `templates/entry.md`, or a line asking the journal's question.
fn starting_text(root: &Path) -> String {
    std::fs::read_to_string(root.join(ENTRY_TEMPLATE))
        .unwrap_or_else(|_| "What did I attempt that I can't do yet?\n".into())
}

/// The file stem and text of a quarterly-review entry for `period` (empty: the latest quarter).
fn review_entry(
    root: &Path,
    period: &str,
    date: NaiveDate,
    reporter: Reporter,
) -> Result<(String, String), ExitCode> {
    let wanted = (!period.is_empty()).then_some(period);
    let found = find_review(root, wanted, true, reporter)?;
    let review = &found.review;
    let front = format!(
        "---\ntitle: {}\ndate: {date}\ntags: [review]\n---\n\n",
        quoted(&format!("Review of {}", review.title))
    );
    let stem = format!("review-{}", slug::slugify(&review.period));
    Ok((stem, front + &review.to_entry_markdown(&found.stretches)))
}

/// Writes `folder/stem.md` under `root`, or `stem-2.md`, `stem-3.md`… when it exists; never
/// overwrites. Returns the path written.
pub(super) fn create_unique(
    root: &Path,
    folder: &Path,
    stem: &str,
    text: &str,
) -> Result<PathBuf, String> {
    for n in 1..1000 {
        let name = match n {
            1 => format!("{stem}.md"),
            n => format!("{stem}-{n}.md"),
        };
        let relative = folder.join(name);
        match create_new(root, &relative, text) {
            Ok(()) => return Ok(root.join(relative)),
            Err(e) if e.exists => {}
            Err(e) => return Err(e.message),
        }
    }
    Err(format!(
        "{} has 999 entries named {stem}",
        root.join(folder).display()
    ))
}

/// Opens `path` in the writer's editor and waits for it.
fn open_editor(path: &Path, reporter: Reporter) -> ExitCode {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().trim().to_string())
        .find(|v| !v.is_empty());
    let Some(editor) = editor else {
        reporter.failure("--edit: set VISUAL or EDITOR to the command of your editor");
        return ExitCode::from(2);
    };
    // `code --wait`, `emacsclient -t`: the first word is the program, the rest its arguments.
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or_default();
    match std::process::Command::new(program)
        .args(words)
        .arg(path)
        .status()
    {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(status) => {
            reporter.failure(&format!("{editor} ended with {status}; the entry was kept"));
            ExitCode::from(1)
        }
        Err(e) => {
            reporter.failure(&format!("cannot start {editor}: {e}; the entry was kept"));
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
