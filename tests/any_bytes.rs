//! Any bytes as an entry file give an entry, or errors that name where in the file they are:
//! never a panic. Arbitrary bytes, and text shaped like front matter and markdown so that the
//! parsers' deeper paths are reached too.

#[path = "common/any_entry.rs"]
mod any_entry;

use proptest::prelude::*;

/// Reads `bytes` as strata reads an entry file, and checks what it gives.
fn read(bytes: &[u8]) -> Result<(), TestCaseError> {
    any_entry::check_entry_bytes(bytes).map_err(TestCaseError::fail)
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

/// Inputs the fuzz targets (`fuzz/`) found an error without a position for, kept as cases.
#[test]
fn what_fuzzing_found_stays_fixed() {
    for found in [
        // A lone carriage return ends a line for YAML.
        &b"---\ntitle: 'x\r\r'\rpubDate: 'J ul239 022'\n---\nBody.\n"[..],
        // Tabs between a key and its colon.
        b"---\n\nlayer\t\t:\t\t\tcess\n---\nentr",
        // A key inside a flow mapping.
        b"---\n{title: x, layer: cess}\n---\n",
        // TOML front matter, broken in the ways TOML can be.
        b"+++\ntitle = \n+++\n",
        b"+++\n[x\n+++\n",
        b"+++\ntags = 3\nhours = \"many\"\n+++\n",
        b"+++\ntitle = \"t\"\ntitle = \"u\"\n+++\n",
        b"+++\ncapabilities = [{ name = \"x\", stage = \"nope\" }]\n+++\n",
        b"+++\nno closing fence\n",
        // A key written twice, the second time after a tag.
        b"---\ndate: 2026-02-02\nwor: 1---\n!titW:r date: 4apabilitie\n---\nh.\n",
    ] {
        if let Err(problem) = read(found) {
            panic!("{problem}");
        }
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

    #[test]
    fn any_text_as_a_body_renders_with_its_links_resolved(text in "(\\PC|\\[|\\]|\\(|\\)|!|#|<|>|\n|\\.md| |\\|)*") {
        any_entry::check_markdown(&text).map_err(TestCaseError::fail)?;
    }
}
