//! Any bytes as an entry file give an entry, or errors that name where in the file they are:
//! never a panic. Arbitrary bytes, and text shaped like front matter and markdown so that the
//! parsers' deeper paths are reached too.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use proptest::prelude::*;
use strata::config::Config;
use strata::journal::Entry;
use strata::journal::load::decode;
use strata::markdown::{Links, Source, render};

/// Reads `bytes` as strata reads an entry file, and checks what it gives.
fn read(bytes: &[u8]) -> Result<(), TestCaseError> {
    let Ok(text) = decode(bytes) else {
        // Not UTF-8: an error at the first bad byte, tested in the loader's own tests.
        return Ok(());
    };
    let parsed = Entry::parse(
        Path::new("entries/2026-01-01-x.md"),
        &text,
        &Config::default(),
    );
    if let Some(entry) = &parsed.entry {
        // The body goes through the markdown pipeline, links and all.
        let (entries, files) = (BTreeMap::new(), BTreeSet::new());
        // Wiki links find the entry itself, by any of its names.
        let mut wiki = strata::wiki::WikiTargets::new(&Config::default().layers);
        wiki.add_entry(&entry.source, &entry.title, &entry.slug);
        let links = Links {
            base_path: "/sub/",
            entries: &entries,
            attachments: &files,
            wiki: &wiki,
            unpublished: &files,
        };
        let source = Source {
            path: &entry.source,
            permalink: &entry.permalink,
            body_line: entry.body_line,
        };
        let (rendered, _) = render(source, &entry.body, entry.summary.as_deref(), links);
        prop_assert!(rendered.reading_minutes >= 1);
    }
    if parsed.entry.is_none() {
        let errors: Vec<_> = parsed.diagnostics.iter().filter(|d| d.is_error()).collect();
        prop_assert!(!errors.is_empty(), "no entry and no error for {text:?}");
        for error in errors {
            prop_assert!(
                error.location.is_some(),
                "{error} has no position, for {text:?}"
            );
        }
    }
    Ok(())
}

/// Text shaped like an entry: a front matter of keys strata knows with odd values, then a body
/// of markdown pieces.
fn entry_like() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "title",
        "date",
        "tags",
        "work",
        "layer",
        "capabilities",
        "hours",
        "summary",
        "slug",
        "private",
        "draft",
        "published",
        "Private",
        "x",
    ]);
    let value = prop::sample::select(vec![
        "",
        "2026-01-01",
        "0001-01-01",
        "[a, b]",
        "{name: x, stage: nope}",
        "-1",
        "1e308",
        "\"unterminated",
        "&a [1]",
        "*a",
        "[*a, *a]",
        "true",
        "growth",
        "|\n  block",
        "{",
        "\u{7}",
        "a: b: c",
        "'quoted'",
        "- x\n- y",
    ]);
    let line = (key, value).prop_map(|(k, v)| format!("{k}: {v}"));
    let body = prop::collection::vec(
        prop::sample::select(vec![
            "# Heading",
            "[l](x.md)",
            "![i](p.png)",
            "<a href='y.md'>",
            "```",
            "[^n]",
            "[^n]: note",
            "<!-- more -->",
            "- [ ] task",
            "| a | b |",
            "\u{0}",
            "\r\n",
            "---",
            "[[x]]",
            "[[x|y]]",
            "[[#h]]",
            "[[capability:]]",
            "![[p.png]]",
            "[[[a]]]",
            "`[[x]]`",
        ]),
        0..8,
    );
    (prop::collection::vec(line, 0..8), body, any::<bool>()).prop_map(|(lines, body, close)| {
        let front = lines.join("\n");
        let end = if close { "\n---\n" } else { "\n" };
        format!("---\n{front}{end}{}\n", body.join("\n"))
    })
}

/// 1,000 cases each in `cargo test`; `PROPTEST_CASES=100000` for a long run.
fn cases() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(cases())]

    #[test]
    fn any_bytes_give_an_entry_or_located_errors(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        read(&bytes)?;
    }

    #[test]
    fn any_entry_shaped_text_gives_an_entry_or_located_errors(text in entry_like()) {
        read(text.as_bytes())?;
    }
}
