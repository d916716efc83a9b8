//! The command line: parses arguments with clap and hands each subcommand to its own module.
//! Every subcommand is a thin layer over the library; exit codes are 0 (ok), 1 (problems in
//! the journal or its output folder) and 2 (usage errors).

mod build;
mod check;
mod import;
mod init;
mod new;
mod review;
mod serve;
mod theme;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::build::BuildError;
use crate::diagnostics::Diagnostic;
use crate::journal::JournalRoot;

/// strata turns a folder of markdown journal entries into a static site that shows progress:
/// capabilities gained, the share of growth work, and the balance of the layers of progress.
#[derive(Debug, Parser)]
#[command(name = "strata", version, about, long_about = None)]
struct Cli {
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more about what is done (timings, every file).
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into an output folder.
    Build(build::Args),
    /// Check every entry, the config and the templates; write nothing.
    Check(check::Args),
    /// Import another tool's journal (jrnl, Day One, Obsidian, Jekyll, Hugo) as entry files.
    Import(import::Args),
    /// Start a new journal: journal.yaml, entries/ and a first entry.
    Init(init::Args),
    /// Write a new entry for today and print its path.
    New(new::Args),
    /// Print a quarterly (or monthly) review as markdown.
    Review(review::Args),
    /// Preview the site while you write: rebuilds on every change and reloads open pages.
    Serve(serve::Args),
    /// List the built-in themes, or copy one into the journal to edit.
    Theme(theme::Args),
    /// Print a shell's completions for strata: `source <(strata completions bash)`.
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print strata's manual page (roff): `strata man > strata.1 && man ./strata.1`.
    Man,
}

/// How much to print, shared by every subcommand.
#[derive(Debug, Clone, Copy)]
struct Reporter {
    quiet: bool,
    verbose: bool,
}

impl Reporter {
    /// A progress or result line, on standard error, unless quiet.
    fn info(&self, message: &str) {
        if !self.quiet {
            let _ = writeln!(anstream::stderr(), "{message}");
        }
    }

    /// Detail shown only with `--verbose`.
    fn detail(&self, message: &str) {
        if self.verbose {
            self.info(message);
        }
    }

    /// Prints diagnostics: errors always, warnings unless quiet.
    fn diagnostics(&self, diagnostics: &[Diagnostic]) {
        let mut stderr = anstream::stderr().lock();
        for d in diagnostics.iter().filter(|d| d.is_error() || !self.quiet) {
            let _ = d.emit(&mut stderr);
        }
    }

    /// A one-line failure, always shown.
    fn failure(&self, message: &str) {
        let style = anstyle::AnsiColor::Red.on_default().bold();
        let _ = writeln!(anstream::stderr(), "{style}strata{style:#}: {message}");
    }

    /// Reports why a build (or check) failed and gives its exit code.
    fn build_error(&self, error: &BuildError, outcome: &str) -> ExitCode {
        match error {
            BuildError::Journal { diagnostics, files } => {
                self.diagnostics(diagnostics);
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                let plural = if errors == 1 { "error" } else { "errors" };
                self.failure(&format!("{errors} {plural} in {files} entries; {outcome}"));
            }
            BuildError::Output(e) => self.failure(&format!("{e}; nothing was written")),
        }
        ExitCode::from(1)
    }
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let reporter = Reporter {
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    match cli.command {
        Command::Build(args) => build::run(args, reporter),
        Command::Check(args) => check::run(args, reporter),
        Command::Import(args) => import::run(args, reporter),
        Command::Init(args) => init::run(args, reporter),
        Command::New(args) => new::run(args, reporter),
        Command::Review(args) => review::run(args, reporter),
        Command::Serve(args) => serve::run_serve(args, reporter),
        Command::Theme(args) => theme::run(args, reporter),
        Command::Completions { shell } => {
            // Made in memory and written at once: a closed pipe (`| head`) is then an error
            // to ignore, not a panic inside the generator.
            let mut text = Vec::new();
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "strata", &mut text);
            print_bytes(&text)
        }
        Command::Man => {
            let mut text = Vec::new();
            let man = clap_mangen::Man::new(<Cli as clap::CommandFactory>::command());
            match man.render(&mut text) {
                Ok(()) => print_bytes(&text),
                Err(e) => {
                    reporter.failure(&format!("cannot make the manual page: {e}"));
                    ExitCode::from(1)
                }
            }
        }
    }
}

/// The folder argument of `init`: the current folder unless one is given.
fn journal_dir(dir: Option<PathBuf>) -> PathBuf {
    dir.unwrap_or_else(|| PathBuf::from("."))
}

/// Writes `bytes` to standard output; a reader that stopped early is not an error.
fn print_bytes(bytes: &[u8]) -> ExitCode {
    let _ = std::io::stdout().lock().write_all(bytes);
    ExitCode::SUCCESS
}

/// The journal a command works on: `dir` as given, or the nearest journal from the current
/// folder upward. A folder that is not a journal is a usage error, and nothing is created.
fn journal_root(dir: Option<&std::path::Path>) -> Result<JournalRoot, ExitCode> {
    JournalRoot::find(dir).map_err(|e| usage_error(&e.to_string()))
}

/// A usage error: printed like clap's, exit code 2.
fn usage_error(message: &str) -> ExitCode {
    let style = anstyle::AnsiColor::Red.on_default().bold();
    let _ = writeln!(anstream::stderr(), "{style}error{style:#}: {message}");
    ExitCode::from(2)
}
