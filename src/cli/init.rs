//! `strata init`: start a journal — `journal.yaml`, `entries/`, `static/` and a first entry.
//! Never overwrites a file that exists.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Reporter, journal_dir};
use crate::config::CONFIG_FILE;

/// Arguments of `strata init`.
#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// The folder of the new journal [default: the current folder]
    dir: Option<PathBuf>,
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

pub(super) fn run(args: Args, reporter: Reporter) -> ExitCode {
    let root = journal_dir(args.dir);
    if root.join(CONFIG_FILE).exists() {
        reporter.failure(&format!(
            "{} already has a {CONFIG_FILE}; nothing was changed",
            root.display()
        ));
        return ExitCode::from(1);
    }
    let today = chrono::Local::now().date_naive();
    let entry = format!(
        "entries/{}/{}-first-entry.md",
        today.format("%Y"),
        today.format("%Y-%m-%d")
    );
    let first = format!(
        "---\ntitle: My first entry\ndate: {}\nwork: growth\nlayer: process\ncapabilities:\n  - keeping a work journal\n---\n\nWhat did I attempt today that I am not yet good at?\n",
        today.format("%Y-%m-%d")
    );
    let created = [
        (PathBuf::from(CONFIG_FILE), CONFIG_TEMPLATE.to_string()),
        (PathBuf::from(entry), first),
        (PathBuf::from("static/.keep"), String::new()),
    ]
    .iter()
    .try_for_each(|(path, text)| create_new(&root, path, text));
    match created {
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

/// Writes a file that must not exist yet, creating its folders.
pub(super) fn create_new(root: &Path, relative: &Path, text: &str) -> Result<(), String> {
    use std::io::Write;
    let path = root.join(relative);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    file.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}
