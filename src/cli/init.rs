//! `strata init`: start a journal — `journal.yaml`, `entries/`, `static/` and a first entry.
//! Never overwrites a file that exists.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::new::ENTRY_TEMPLATE;
use super::{Reporter, journal_dir};
use crate::config::CONFIG_FILE;

/// Arguments of `strata init`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  strata init my-journal && cd my-journal\n  strata init                   # the current folder\n  strata init --ci github       # add .github/workflows/pages.yml to this journal"
)]
pub(super) struct Args {
    /// The folder of the new journal [default: the current folder]
    dir: Option<PathBuf>,
    /// Also write a workflow that publishes the journal: `github` writes
    /// `.github/workflows/pages.yml` (GitHub Pages). In a journal that exists, writes only that.
    #[arg(long, value_enum)]
    ci: Option<Ci>,
    /// Where strata's releases are (`OWNER/REPO` on GitHub), for the workflow to install
    /// strata from [default: the repository this strata was released from]
    #[arg(long, value_name = "OWNER/REPO")]
    release_repository: Option<String>,
}

/// The hosts `strata init --ci` writes a publishing workflow for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Ci {
    /// GitHub Pages, with GitHub Actions.
    Github,
}

/// The GitHub Pages workflow, with `{version}` and `{repository}` to fill in.
const PAGES_WORKFLOW: &str = include_str!("pages.yml");

/// Where the workflow is written.
const PAGES_WORKFLOW_FILE: &str = ".github/workflows/pages.yml";

/// The repository a release build of strata comes from, set by the release workflow.
const RELEASED_FROM: Option<&str> = option_env!("STRATA_RELEASE_REPOSITORY");

/// The Pages workflow for this strata's version, installing it from `repository`'s releases.
fn pages_workflow(repository: &str) -> Result<String, String> {
    let valid = repository.split('/').count() == 2
        && repository
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.'));
    if !valid {
        return Err(format!(
            "--release-repository {repository:?} is not OWNER/REPO"
        ));
    }
    Ok(PAGES_WORKFLOW
        .replace("{version}", concat!("v", env!("CARGO_PKG_VERSION")))
        .replace("{repository}", repository))
}

const CONFIG_TEMPLATE: &str = r#"# strata journal settings; every key is optional.
title: My journal
author: ""
# Where the site is published; it may be a sub-path, e.g. https://me.github.io/journal/
base_url: "/"
language: en
permalink: "/{year}/{month}/{slug}/"
layers: [resources, process, cooperation]
growth_target: [0.15, 0.20]
treadmill_weeks: 6
feed_entries: 20
"#;

/// The first entry: every front-matter field in use, each with a comment on what it is for.
const FIRST_ENTRY: &str = r#"---
title: Started a work journal
date: {date}
# growth: attempting what I am not yet good at; depth: doing what I already do well.
work: growth
# Which layer of progress did this move? resources, process or cooperation (or a list).
layer: process
tags: [journal]
# What this entry is evidence of; a stage says how far along it is:
# attempted, practiced or demonstrated.
capabilities:
  - name: keeping a work journal
    stage: attempted
# How much work this entry stands for; the progress views weigh entries by it.
hours: 1
summary: Why I keep this journal, and what I want it to show me.
# private: true keeps an entry out of every published build; draft: true shows it only
# with --drafts.
private: false
draft: false
---

I want to see, three months from now, what I can do that I can't do today.
"#;

/// What `strata new` starts each entry with (the journal may edit it). Comments do not show
/// on the site.
const ENTRY_STARTING_TEXT: &str = "<!--
What did I attempt that I can't do yet?
What did I do that I already do well?
Which layer did this move: resources, process or cooperation?
Which capability is this evidence of, and how far along is it:
attempted, practiced or demonstrated?
-->

";

pub(super) fn run(args: Args, reporter: Reporter) -> ExitCode {
    let root = journal_dir(args.dir);
    if let Some(Ci::Github) = args.ci {
        if let Err(code) =
            write_pages_workflow(&root, args.release_repository.as_deref(), &reporter)
        {
            return code;
        }
        if root.join(CONFIG_FILE).exists() {
            return ExitCode::SUCCESS;
        }
    }
    if root.join(CONFIG_FILE).exists() {
        reporter.failure(&format!(
            "{} already has a {CONFIG_FILE}; nothing was changed",
            root.display()
        ));
        return ExitCode::from(1);
    }
    match write_new_journal(&root) {
        Ok(()) => {
            reporter.info(&format!(
                "strata: a new journal in {}; write entries under entries/ and run `strata build`",
                root.display()
            ));
            ExitCode::SUCCESS
        }
        Err(message) => {
            reporter.failure(&message);
            ExitCode::from(1)
        }
    }
}

/// Writes the GitHub Pages workflow into the journal at `root`, installing the release of
/// `repository` (else of the repository this strata was released from).
fn write_pages_workflow(
    root: &Path,
    repository: Option<&str>,
    reporter: &Reporter,
) -> Result<(), ExitCode> {
    let Some(repository) = repository.or(RELEASED_FROM) else {
        reporter.failure("this strata was not built by a release, so it does not know where its releases are: add --release-repository OWNER/REPO");
        return Err(ExitCode::from(2));
    };
    let text = pages_workflow(repository).map_err(|message| {
        reporter.failure(&message);
        ExitCode::from(2)
    })?;
    if let Err(e) = create_new(root, Path::new(PAGES_WORKFLOW_FILE), &text) {
        reporter.failure(&e.message);
        return Err(ExitCode::from(1));
    }
    reporter.info(&format!(
        "strata: wrote {}; in the repository's settings, choose GitHub Actions as the source of Pages",
        root.join(PAGES_WORKFLOW_FILE).display()
    ));
    Ok(())
}

/// Writes a new journal's config, first entry, entry template and static folder into `root`,
/// never over a file that is there.
fn write_new_journal(root: &Path) -> Result<(), String> {
    let today = chrono::Local::now().date_naive();
    let entry = format!(
        "entries/{}/{}-first-entry.md",
        today.format("%Y"),
        today.format("%Y-%m-%d")
    );
    let first = FIRST_ENTRY.replace("{date}", &today.format("%Y-%m-%d").to_string());
    [
        (PathBuf::from(CONFIG_FILE), CONFIG_TEMPLATE.to_string()),
        (PathBuf::from(entry), first),
        (
            PathBuf::from(ENTRY_TEMPLATE),
            ENTRY_STARTING_TEXT.to_string(),
        ),
        (PathBuf::from("static/.keep"), String::new()),
    ]
    .iter()
    .try_for_each(|(path, text)| create_new(root, path, text).map_err(|e| e.message))
}

/// Why a file could not be created.
pub(super) struct CreateError {
    /// The file is there already.
    pub(super) exists: bool,
    /// What to tell the writer.
    pub(super) message: String,
}

/// Writes a file that must not exist yet, creating its folders.
pub(super) fn create_new(root: &Path, relative: &Path, text: &str) -> Result<(), CreateError> {
    use std::io::Write;
    let failed = |what: &str, path: &Path, e: std::io::Error| CreateError {
        exists: false,
        message: format!("cannot {what} {}: {e}", path.display()),
    };
    let path = root.join(relative);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| failed("create", dir, e))?;
    }
    // Only the file itself being there already is `exists`; a folder in the way is not.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| CreateError {
            exists: e.kind() == std::io::ErrorKind::AlreadyExists,
            ..failed("create", &path, e)
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| failed("write", &path, e))
}
