//! `strata build`: build the site into an output folder.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use super::{Reporter, journal_root};
use crate::build::{BuildOptions, build};
use crate::journal::Visibility;

/// Arguments of `strata build`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  strata build                                   # the journal here into public/\n  strata build my-journal -o /tmp/site --base-url https://me.github.io/journal/\n  strata build --drafts -o staging               # a staging build with drafts"
)]
pub(super) struct Args {
    /// The journal folder [default: the journal the current folder is in]
    dir: Option<PathBuf>,
    /// The output folder [default: public/ inside the journal]
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Publish under this URL instead of the config's base_url (e.g. https://me.example.org/journal/)
    #[arg(long, value_name = "URL", value_parser = base_url)]
    base_url: Option<String>,
    /// A staging build: include drafts (never private entries)
    #[arg(long)]
    drafts: bool,
}

pub(super) fn run(args: Args, reporter: Reporter) -> ExitCode {
    let started = Instant::now();
    let root = match journal_root(args.dir.as_deref()) {
        Ok(root) => root.path().to_path_buf(),
        Err(code) => return code,
    };
    let output = args.output.unwrap_or_else(|| root.join("public"));
    let options = BuildOptions {
        root,
        output: output.clone(),
        base_url: args.base_url,
        visibility: Visibility {
            drafts: args.drafts,
            private: false,
        },
    };
    reporter.detail(&format!(
        "strata: building {} into {} (drafts: {})",
        options.root.display(),
        options.output.display(),
        if args.drafts { "shown" } else { "hidden" }
    ));
    match build(&options) {
        Ok(report) => {
            // Each broken link is `check`'s to list; a build counts them, unless asked for
            // every detail.
            let warnings = if reporter.verbose {
                report.warnings
            } else {
                crate::diagnostics::sum_up_links(report.warnings)
            };
            reporter.diagnostics(&warnings);
            reporter.detail(&format!("strata: {}", report.timings.describe()));
            reporter.info(&format!(
                "strata: built {} files from {} entries into {} in {:.2} s",
                report.files,
                report.entries,
                output.display(),
                started.elapsed().as_secs_f64()
            ));
            ExitCode::SUCCESS
        }
        Err(e) => reporter.build_error(&e, "nothing was written"),
    }
}

/// A `--base-url`, held to the same rule as `base_url` in `journal.yaml`.
fn base_url(url: &str) -> Result<String, String> {
    if crate::config::valid_base_url(url) {
        Ok(url.to_string())
    } else {
        Err(crate::config::BASE_URL_RULE.replacen("base_url", "the URL", 1))
    }
}
