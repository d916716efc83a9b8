//! `strata review`: a quarterly (or monthly) review as markdown on standard output, ready to
//! paste into a self-review or a promotion packet.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Reporter, journal_dir, usage_error};
use crate::build::{load_config, load_journal};
use crate::journal::Visibility;
use crate::review::Review;
use crate::site::Urls;
use crate::timeline::{self, Kind, Period};

/// Arguments of `strata review`.
#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// The journal folder [default: the current folder]
    dir: Option<PathBuf>,
    /// The quarter (2026-Q1) or month (2026-03) to review [default: the latest quarter]
    #[arg(long, value_name = "PERIOD")]
    period: Option<String>,
}

pub(super) fn run(args: Args, reporter: Reporter) -> ExitCode {
    let wanted = match args.period.as_deref().map(|p| (p, Period::parse(p))) {
        None => None,
        Some((_, Some(period))) if period.kind != Kind::Week => Some(period),
        Some((text, _)) => {
            return usage_error(&format!(
                "invalid period \"{text}\"; write a quarter like 2026-Q1 or a month like 2026-03"
            ));
        }
    };
    let root = journal_dir(args.dir);
    let loaded = match load_config(&root, None)
        .and_then(|c| load_journal(&root, c, Visibility::PUBLISHED))
    {
        Ok(loaded) => loaded,
        Err(e) => return reporter.build_error(&e, "no review was made"),
    };
    reporter.diagnostics(&loaded.warnings);
    let journal = loaded.journal;
    let timelines = timeline::aggregate(&journal);
    let (Some(first), Some(last)) = (timelines.quarters.first(), timelines.quarters.last()) else {
        reporter.failure("the journal has no published entries to review");
        return ExitCode::from(1);
    };
    let period = wanted.unwrap_or(last.span);
    let list = if period.kind == Kind::Quarter {
        &timelines.quarters
    } else {
        &timelines.months
    };
    let Some(stats) = list.iter().find(|p| p.span == period) else {
        return usage_error(&format!(
            "{period} is outside the journal, which runs from {} to {}",
            first.period, last.period
        ));
    };
    let urls = Urls::new(&journal.config);
    let review = Review::new(&journal, &timelines, stats, &|path| urls.absolute(path));
    print!("{}", review.to_markdown());
    ExitCode::SUCCESS
}
