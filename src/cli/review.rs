//! `strata review`: a quarterly (or monthly) review as markdown on standard output, ready to
//! paste into a self-review or a promotion packet.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Reporter, journal_root, usage_error};
use crate::build::{load_config, load_journal};
use crate::journal::Visibility;
use crate::review::Review;
use crate::site::Urls;
use crate::timeline::{self, Kind, Period, TreadmillStretch};

/// Arguments of `strata review`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  strata review                 # the latest quarter\n  strata review --period 2026-03 > march.md"
)]
pub(super) struct Args {
    /// The journal folder [default: the journal the current folder is in]
    dir: Option<PathBuf>,
    /// The quarter (2026-Q1) or month (2026-03) to review [default: the latest quarter]
    #[arg(long, value_name = "PERIOD")]
    period: Option<String>,
}

pub(super) fn run(args: Args, reporter: Reporter) -> ExitCode {
    let root = match journal_root(args.dir.as_deref()) {
        Ok(root) => root.path().to_path_buf(),
        Err(code) => return code,
    };
    match find_review(&root, args.period.as_deref(), false, reporter) {
        Ok(found) => {
            print!("{}", found.review.to_markdown());
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

/// A review and the treadmill stretches that overlap its period.
pub(super) struct FoundReview {
    /// The review.
    pub(super) review: Review,
    /// Depth-only stretches inside or across the period.
    pub(super) stretches: Vec<TreadmillStretch>,
}

/// The review of `period` (a quarter, or a month unless `quarters_only`; the latest quarter
/// when `None`) of the published journal at `root`. Problems are reported, and give the exit
/// code. Links are site paths when `quarters_only` (the review becomes an entry, whose
/// root-relative links get the base path), absolute URLs otherwise.
pub(super) fn find_review(
    root: &Path,
    period: Option<&str>,
    quarters_only: bool,
    reporter: Reporter,
) -> Result<FoundReview, ExitCode> {
    let wanted = match period.map(|p| (p, Period::parse(p))) {
        None => None,
        Some((_, Some(period)))
            if period.kind == Kind::Quarter || (!quarters_only && period.kind == Kind::Month) =>
        {
            Some(period)
        }
        Some((text, _)) if quarters_only => {
            return Err(usage_error(&format!(
                "invalid quarter \"{text}\"; write a quarter like 2026-Q1"
            )));
        }
        Some((text, _)) => {
            return Err(usage_error(&format!(
                "invalid period \"{text}\"; write a quarter like 2026-Q1 or a month like 2026-03"
            )));
        }
    };
    let loaded = load_config(root, None)
        .and_then(|c| load_journal(root, c, Visibility::PUBLISHED))
        .map_err(|e| reporter.build_error(&e, "no review was made"))?;
    reporter.diagnostics(&loaded.warnings);
    let journal = loaded.journal;
    let timelines = timeline::aggregate(&journal);
    let (Some(first), Some(last)) = (timelines.quarters.first(), timelines.quarters.last()) else {
        reporter.failure("the journal has no published entries to review");
        return Err(ExitCode::from(1));
    };
    let period = wanted.unwrap_or(last.span);
    let list = if period.kind == Kind::Quarter {
        &timelines.quarters
    } else {
        &timelines.months
    };
    let Some(stats) = list.get(period) else {
        return Err(usage_error(&format!(
            "{period} is outside the journal, which runs from {} to {}",
            first.period, last.period
        )));
    };
    let urls = Urls::new(&journal.config);
    let review = if quarters_only {
        Review::new(&journal, &timelines, &stats, &|path| path.to_string())
    } else {
        Review::new(&journal, &timelines, &stats, &|path| urls.absolute(path))
    };
    let stretches = timelines
        .treadmill
        .iter()
        .filter(|s| s.start <= stats.end && s.end >= stats.start)
        .cloned()
        .collect();
    Ok(FoundReview { review, stretches })
}
