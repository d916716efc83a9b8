//! `strata check`: validate everything a build reads — config, every entry (drafts and private
//! ones too) and the templates — and write nothing.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Reporter, journal_root};
use crate::build::{BuildError, load_config, load_journal, render_site};
use crate::journal::Visibility;

/// Arguments of `strata check`.
#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// The journal folder [default: the current folder]
    dir: Option<PathBuf>,
}

pub(super) fn run(args: Args, reporter: Reporter) -> ExitCode {
    let root = match journal_root(args.dir.as_deref()) {
        Ok(root) => root.path().to_path_buf(),
        Err(code) => return code,
    };
    let checked = load_config(&root, None)
        .and_then(|config| load_journal(&root, config, Visibility::EVERYTHING))
        .and_then(|loaded| {
            render_site(&root, &loaded.journal)
                .map(|_| loaded)
                .map_err(|diagnostics| BuildError::Journal {
                    diagnostics,
                    files: 0,
                })
        });
    match checked {
        Ok(loaded) => {
            reporter.diagnostics(&loaded.warnings);
            reporter.info(&format!(
                "strata: {} entries checked, no errors ({} warnings)",
                loaded.files,
                loaded.warnings.len()
            ));
            ExitCode::SUCCESS
        }
        Err(e) => reporter.build_error(&e, "checked, nothing written"),
    }
}
