//! `strata check`: validate everything a build reads — config, every entry (drafts and private
//! ones too) and the templates — give the guidance that keeps the views meaningful, and write
//! nothing.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Reporter, journal_root};
use crate::build::{BuildError, check_render, load_config, load_journal};
use crate::diagnostics::{Diagnostic, Severity};
use crate::journal::Visibility;

/// How `check` prints what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum Format {
    /// For people: each problem with its line and a caret, on standard error.
    Text,
    /// For editors and CI: one JSON object per problem and line, on standard output.
    Json,
}

/// Arguments of `strata check`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  strata check                  # everything, nothing written\n  strata check --strict         # warnings fail too (for CI)\n  strata check --format json    # one JSON object per problem, for editors"
)]
pub(super) struct Args {
    /// The journal folder [default: the journal the current folder is in]
    dir: Option<PathBuf>,
    /// Treat every warning as an error (exit 1 when there is any)
    #[arg(long)]
    strict: bool,
    /// How to print the problems
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub(super) fn run(args: Args, reporter: Reporter) -> ExitCode {
    let root = match journal_root(args.dir.as_deref()) {
        Ok(root) => root.path().to_path_buf(),
        Err(code) => return code,
    };
    let checked = load_config(&root, None)
        .and_then(|config| load_journal(&root, config, Visibility::EVERYTHING))
        .and_then(|mut loaded| {
            check_render(&root, &mut loaded.journal, loaded.files).map(|()| loaded)
        });
    let (mut diagnostics, files) = match checked {
        Ok(loaded) => {
            let mut all = loaded.warnings;
            all.extend(crate::theme::language_warning(&loaded.journal.config));
            all.extend(crate::guidance::advise(
                &loaded.journal,
                crate::clock::today(),
            ));
            (all, loaded.files)
        }
        Err(BuildError::Journal { diagnostics, files }) => (diagnostics, files),
        Err(e) => return reporter.build_error(&e, "checked, nothing written"),
    };
    if args.strict {
        for d in &mut diagnostics {
            d.severity = Severity::Error;
        }
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    match args.format {
        Format::Json => print_json(&diagnostics),
        Format::Text => reporter.diagnostics(&diagnostics),
    }
    if errors > 0 {
        let plural = if errors == 1 { "error" } else { "errors" };
        reporter.failure(&format!(
            "{errors} {plural} in {files} entries; checked, nothing written"
        ));
        return ExitCode::from(1);
    }
    reporter.info(&format!(
        "strata: {files} entries checked, no errors ({warnings} warnings)"
    ));
    ExitCode::SUCCESS
}

/// One JSON object per diagnostic and line: severity, path, line and column (or null) and the
/// message — what an editor or a CI annotation needs.
fn print_json(diagnostics: &[Diagnostic]) {
    let mut stdout = std::io::stdout().lock();
    for d in diagnostics {
        let record = JsonDiagnostic {
            severity: if d.is_error() { "error" } else { "warning" },
            path: d.path.to_string_lossy().replace('\\', "/"),
            line: d.location.map(|l| l.line),
            column: d.location.map(|l| l.column),
            message: &d.message,
        };
        if let Ok(line) = serde_json::to_string(&record) {
            let _ = writeln!(stdout, "{line}");
        }
    }
}

/// A diagnostic as `check --format json` writes it.
#[derive(serde::Serialize)]
struct JsonDiagnostic<'a> {
    severity: &'static str,
    path: String,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
}
