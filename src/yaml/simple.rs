//! A fast reader for the plain front matter nearly every entry has — `key: value` lines, flow
//! lists (`tags: [a, b]`) and block lists of values or of flat mappings (`capabilities:` with
//! `- name: …` items) — giving exactly the value the YAML parser gives, and `None` for
//! anything else, which the YAML parser then reads. At 10,000 entries the parser's generality
//! cost a tenth of a build; this reads the common shape in a fraction of that.
//!
//! Whatever this cannot be sure of, it leaves to the parser: comments, escapes, quotes inside
//! quotes, anchors, tags, multi-line values, nested mappings, duplicate keys, every plain word
//! YAML could read as something other than text (`yes`, `null`, `0x1f`, `.5`), tabs and
//! unusual line breaks. A property test holds it equal to the parser on generated front matter.

use serde_yaml_ng::{Mapping, Number, Value};

/// `text` as a mapping when every line has a shape this reads, else `None`.
pub(super) fn mapping(text: &str) -> Option<Mapping> {
    if text.contains(|c: char| (c.is_control() && c != '\n') || is_odd_break(c)) {
        return None;
    }
    let mut lines = text.lines().filter(|l| !l.trim().is_empty()).peekable();
    let mut mapping = Mapping::new();
    while let Some(line) = lines.next() {
        let (key, rest) = key_and_rest(line)?;
        let value = if rest.is_empty() {
            block_list(&mut lines)?
        } else {
            inline_value(rest)?
        };
        if mapping
            .insert(Value::String(key.to_string()), value)
            .is_some()
        {
            return None;
        }
    }
    Some(mapping)
}

/// Characters some YAML readers take as line breaks or marks.
fn is_odd_break(c: char) -> bool {
    matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

/// A `key: rest` line at the margin: the key and what follows the colon, trimmed.
fn key_and_rest(line: &str) -> Option<(&str, &str)> {
    let (key, rest) = line.split_once(':')?;
    let plain_key = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && !is_special_word(key);
    if !plain_key || !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((key, rest.trim()))
}

/// The value after `key:` with nothing on its line: the block list on the lines below, or
/// null when the next line is another key.
fn block_list<'a, I: Iterator<Item = &'a str>>(
    lines: &mut std::iter::Peekable<I>,
) -> Option<Value> {
    let Some(first) = lines.peek() else {
        return Some(Value::Null);
    };
    let indent = first.len() - first.trim_start_matches(' ').len();
    if !first.get(indent..)?.starts_with("- ") {
        return (indent == 0).then_some(Value::Null);
    }
    let mut items = Vec::new();
    let item_line = |l: &&str| l.get(indent..).is_some_and(|t| t.starts_with("- "));
    while let Some(line) = lines.next_if(item_line) {
        if line.get(..indent)?.contains(|c| c != ' ') {
            return None;
        }
        let item = line.get(indent + 2..)?.trim();
        items.push(match key_and_rest(item) {
            Some((key, rest)) => item_mapping(key, rest, indent + 2, lines)?,
            None => scalar(item)?,
        });
    }
    // The next line must be back at the margin: anything else is a shape this does not read.
    match lines.peek() {
        Some(next) if next.starts_with(' ') => None,
        _ => Some(Value::Sequence(items)),
    }
}

/// A list item that is a flat mapping: its first `key: rest`, then each `key: value` line
/// indented to `indent`, the column of the first key.
fn item_mapping<'a, I: Iterator<Item = &'a str>>(
    key: &str,
    rest: &str,
    indent: usize,
    lines: &mut std::iter::Peekable<I>,
) -> Option<Value> {
    let mut mapping = Mapping::new();
    mapping.insert(Value::String(key.to_string()), scalar(rest)?);
    let at_indent = |l: &&str| {
        l.get(..indent)
            .is_some_and(|pad| pad.bytes().all(|b| b == b' '))
            && l.get(indent..)
                .is_some_and(|t| !t.is_empty() && !t.starts_with(' '))
    };
    while let Some(line) = lines.next_if(at_indent) {
        let (key, rest) = key_and_rest(line.get(indent..)?)?;
        if mapping
            .insert(Value::String(key.to_string()), scalar(rest)?)
            .is_some()
        {
            return None;
        }
    }
    Some(Value::Mapping(mapping))
}

/// A value on the key's own line: a flow list of scalars or a scalar.
fn inline_value(rest: &str) -> Option<Value> {
    let Some(inner) = rest.strip_prefix('[') else {
        return scalar(rest);
    };
    let inner = inner.strip_suffix(']')?;
    if inner.contains(['[', ']', '{', '}', '"', '\'', ':', '#']) {
        return None;
    }
    if inner.trim().is_empty() {
        return Some(Value::Sequence(Vec::new()));
    }
    inner
        .split(',')
        .map(|item| scalar(item.trim()).filter(|_| !item.trim().is_empty()))
        .collect::<Option<Vec<_>>>()
        .map(Value::Sequence)
}

/// One scalar, already trimmed: text quoted without escapes or quotes inside, a plain word
/// that can only be text, `true` or `false`, a whole number or a decimal fraction.
fn scalar(text: &str) -> Option<Value> {
    let quoted = |q: char| {
        text.strip_prefix(q)
            .and_then(|t| t.strip_suffix(q))
            .filter(|inner| !inner.contains([q, '\\']))
    };
    if let Some(inner) = quoted('"').or_else(|| quoted('\'')) {
        return (text.len() >= 2).then(|| Value::String(inner.to_string()));
    }
    // The flags entries set (`draft: true`, `private: true`); other spellings go to the parser.
    match text {
        "true" => return Some(Value::Bool(true)),
        "false" => return Some(Value::Bool(false)),
        _ => {}
    }
    let first = text.chars().next()?;
    if first.is_ascii_digit() {
        return number_or_date(text);
    }
    let plain = first.is_alphabetic()
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !is_special_word(text);
    plain.then(|| Value::String(text.to_string()))
}

/// A plain word starting with a digit: a whole number without a leading zero, a decimal
/// fraction, or a date (`2024-03-01`), which YAML as strata reads it keeps as text.
fn number_or_date(text: &str) -> Option<Value> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if digits(text) && text.len() <= 18 && !(text.len() > 1 && text.starts_with('0')) {
        return text
            .parse::<u64>()
            .ok()
            .map(|n| Value::Number(Number::from(n)));
    }
    if let Some((whole, fraction)) = text.split_once('.') {
        let plain = digits(whole) && digits(fraction) && whole.len() <= 15;
        if plain && !(whole.len() > 1 && whole.starts_with('0')) {
            return text
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .map(|f| Value::Number(Number::from(f)));
        }
        return None;
    }
    let b = text.as_bytes();
    let date = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && [&b[..4], &b[5..7], &b[8..]]
            .iter()
            .all(|p| p.iter().all(u8::is_ascii_digit));
    date.then(|| Value::String(text.to_string()))
}

/// Words YAML reads as null or true/false in one version or another, or that a reader may
/// take as a number: left to the parser.
fn is_special_word(word: &str) -> bool {
    const SPECIAL: [&str; 12] = [
        "null", "true", "false", "yes", "no", "on", "off", "y", "n", "inf", "nan", "infinity",
    ];
    SPECIAL.iter().any(|s| word.eq_ignore_ascii_case(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parsed(text: &str) -> Option<Value> {
        serde_yaml_ng::from_str::<Value>(text).ok()
    }

    #[test]
    fn reads_an_entry_s_front_matter_as_the_parser_does() {
        let text = "title: \"Two engineers (3675)\"\ndate: 2020-03-01\nlayer: cooperation\ntags: [training, automation, contracts]\ncapabilities:\n  - name: Reviewing roadmaps\n    stage: practiced\n  - name: Hiring\nhours: 2\nweight: 1.5\nsummary: 'A day.'\nempty:\nlast: x\n";
        let fast = mapping(text).expect("read");
        assert_eq!(Some(Value::Mapping(fast)), parsed(text));
    }

    #[test]
    fn leaves_what_it_cannot_be_sure_of_to_the_parser() {
        for text in [
            "title: yes\n",
            "title: a # comment\n",
            "title: \"a \\\"b\\\"\"\n",
            "title: &a x\n",
            "tags:\n  - a\n   - b\n",
            "title: a\ntitle: b\n",
            "title: 007\n",
            "title: 0x1f\n",
            "title: a\n  continued\n",
            "caps:\n  - name: a\n    nested:\n      deep: 1\n",
            "title: .5\n",
            "true: x\n",
            "title:\ttab\n",
        ] {
            assert_eq!(mapping(text), None, "{text:?}");
        }
    }

    #[test]
    fn reads_the_example_journal_and_every_fixture_as_the_parser_does() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (mut read, mut left) = (0, 0);
        for dir in ["example-journal", "tests/fixtures"] {
            for file in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
                let Ok(text) = std::fs::read_to_string(file.path()) else {
                    continue;
                };
                let Some(front) = text
                    .strip_prefix("---\n")
                    .and_then(|t| t.split_once("\n---\n"))
                    .map(|(front, _)| format!("{front}\n"))
                else {
                    continue;
                };
                match mapping(&front) {
                    Some(fast) => {
                        read += 1;
                        assert_eq!(
                            Some(Value::Mapping(fast)),
                            parsed(&front),
                            "{:?}",
                            file.path()
                        );
                    }
                    None => left += 1,
                }
            }
        }
        // Most real front matter is the plain shape; a few fixtures are odd on purpose.
        assert!(read > 3 * left, "read {read}, left to the parser {left}");
    }

    /// Scalars worth trying: plain words, numbers, dates, quotes, YAML's special words and
    /// characters that mean something to it.
    fn a_scalar() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z][a-zA-Z0-9 .,!?()/-]{0,12}",
            "[0-9]{1,4}(\\.[0-9]{1,3})?",
            "[0-9]{4}-[0-9]{2}-[0-9]{2}",
            "\"[a-z :#'\\\\]{0,8}\"",
            "'[a-z :#\"]{0,8}'",
            prop::sample::select(vec![
                "yes", "No", "NULL", "~", "true", "false", "False", "on", ".inf", "-1", "+1",
                "1e3", "0o17", "1_000", "a: b", "a #b", "a:", "é", "ü x", "[x]", "{a: 1}", "*x",
                "&x", "!x", "|", ">", "%x", "@x", "`x",
            ])
            .prop_map(str::to_string),
        ]
    }

    fn a_line() -> impl Strategy<Value = String> {
        let key = "[a-z_][a-z0-9_-]{0,6}";
        prop_oneof![
            (key, a_scalar()).prop_map(|(k, v)| format!("{k}: {v}")),
            (key, prop::collection::vec(a_scalar(), 0..4))
                .prop_map(|(k, v)| format!("{k}: [{}]", v.join(", "))),
            (key, prop::collection::vec(a_scalar(), 0..3), 0..3usize).prop_map(|(k, v, i)| {
                let pad = " ".repeat(i);
                let items: String = v.iter().map(|s| format!("{pad}- {s}\n")).collect();
                format!("{k}:\n{items}")
            }),
            (key, a_scalar(), a_scalar()).prop_map(|(k, a, b)| {
                format!("{k}:\n  - name: {a}\n    stage: {b}\n  - name: {b}")
            }),
            key.prop_map(|k| format!("{k}:")),
        ]
    }

    /// Compares the reader with the parser on `text`, when the reader reads it.
    fn agrees(text: &str) -> Result<(), TestCaseError> {
        if let Some(fast) = mapping(text) {
            let agreed = match parsed(text) {
                Some(Value::Null) => fast.is_empty(),
                Some(value) => value == Value::Mapping(fast.clone()),
                None => false,
            };
            prop_assert!(agreed, "{text:?}: fast {fast:?}, parser {:?}", parsed(text));
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        /// Lines of YAML's own characters in any order after a key or a dash, not only the
        /// shapes of front matter.
        #[test]
        fn what_it_reads_of_any_line_the_parser_reads_alike(
            lines in prop::collection::vec(
                "( {0,4}- ?)?[a-cyn_]{1,3} ?:( ?[a-cyn0-2 :#\\-\\[\\],'\".{}&*!|>~é\t]{0,14})?",
                1..6,
            )
        ) {
            agrees(&(lines.join("\n") + "\n"))?;
        }

        #[test]
        fn what_it_reads_the_parser_reads_alike(lines in prop::collection::vec(a_line(), 0..6)) {
            agrees(&(lines.join("\n") + "\n"))?;
        }
    }
}
