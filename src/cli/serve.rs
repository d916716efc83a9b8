//! `strata serve`: preview the journal with live reload.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Reporter, journal_root};
use crate::journal::Visibility;
use crate::serve::{ServeError, ServeOptions, run};

/// Arguments of `strata serve`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  strata serve --open           # http://127.0.0.1:1111/, reloads on every save; Ctrl-C stops it\n  strata serve --private        # private entries too, on this machine only\n  strata serve --bind 0.0.0.0   # to read it on a phone on the same network"
)]
pub(super) struct Args {
    /// The journal folder [default: the journal the current folder is in]
    dir: Option<PathBuf>,
    /// The port to listen on (the next free one is used when it is busy)
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on; anything but 127.0.0.1 shows the journal to the network
    #[arg(long, default_value = "127.0.0.1")]
    bind: String,
    /// Show drafts
    #[arg(long)]
    drafts: bool,
    /// Show private entries too (never use with --bind on a shared network)
    #[arg(long)]
    private: bool,
    /// Open the site in a browser
    #[arg(long)]
    open: bool,
    /// Poll for changes instead of using the system's notifications (network drives, WSL2)
    #[arg(long)]
    poll: bool,
}

pub(super) fn run_serve(args: Args, reporter: Reporter) -> ExitCode {
    let root = match journal_root(args.dir.as_deref()) {
        Ok(root) => root,
        Err(code) => return code,
    };
    let options = ServeOptions {
        root,
        bind: args.bind,
        port: args.port,
        visibility: Visibility {
            drafts: args.drafts,
            private: args.private,
        },
        open: args.open,
        poll: args.poll,
        quiet: reporter.quiet,
    };
    match run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(ServeError::Config(diagnostics)) => {
            reporter.diagnostics(&diagnostics);
            reporter.failure("journal.yaml has errors; fix them and start again");
            ExitCode::from(1)
        }
        Err(e) => {
            reporter.failure(&e.to_string());
            ExitCode::from(1)
        }
    }
}
