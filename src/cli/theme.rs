//! `strata theme`: the themes there are, and `eject`, which copies a built-in theme into the
//! journal to be edited.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Reporter, journal_root};

/// Arguments of `strata theme`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  strata theme list\n  strata theme eject            # copy the theme in use into the journal to edit"
)]
pub(super) struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// List the built-in themes.
    List,
    /// Copy a built-in theme's templates and static files into the journal's templates/ and
    /// static/, where they override every theme, to edit them. Files the journal already has
    /// are kept as they are.
    Eject {
        /// The built-in theme [default: default]
        name: Option<String>,
        /// The journal folder [default: the journal the current folder is in]
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

pub(super) fn run(args: Args, reporter: Reporter) -> ExitCode {
    match args.action {
        Action::List => {
            for name in crate::theme::built_in_names() {
                println!("{name}");
            }
            ExitCode::SUCCESS
        }
        Action::Eject { name, dir } => eject(name, dir, reporter),
    }
}

fn eject(name: Option<String>, dir: Option<PathBuf>, reporter: Reporter) -> ExitCode {
    let root = match journal_root(dir.as_deref()) {
        Ok(root) => root.path().to_path_buf(),
        Err(code) => return code,
    };
    let name = name.unwrap_or_else(|| crate::theme::DEFAULT.to_string());
    match crate::theme::eject(&root, &name) {
        Ok(done) => {
            for file in &done.written {
                reporter.detail(&format!("wrote {}", file.display()));
            }
            for file in &done.kept {
                reporter.info(&format!("kept {}: it was there already", file.display()));
            }
            reporter.info(&format!(
                "strata: copied the {name} theme into {}: {} files written, {} kept; edit them there",
                root.display(),
                done.written.len(),
                done.kept.len()
            ));
            ExitCode::SUCCESS
        }
        Err(message) => {
            reporter.failure(&message);
            ExitCode::from(1)
        }
    }
}
