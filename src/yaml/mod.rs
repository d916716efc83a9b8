//! The one place that knows which YAML crate strata uses.
//!
//! Front matter and `journal.yaml` are both parsed through here, so the parser can be swapped
//! without touching either. Besides parsing, this module finds where a top-level key or a value
//! stands in the source, so that errors found after parsing (an unknown layer, a bad date) can
//! still point at the exact line and column.

use serde::de::DeserializeOwned;

mod simple;

use crate::diagnostics::Location;

/// A YAML mapping, as parsed, for looking at which keys a document has.
pub type Mapping = serde_yaml_ng::Mapping;

/// A parsed YAML value of any shape.
pub type Value = serde_yaml_ng::Value;

/// A YAML problem with its place in the parsed text.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    /// What is wrong, without the position.
    pub message: String,
    /// Where, relative to the parsed text; `None` when the parser could not tell.
    pub location: Option<Location>,
}

/// Parses `text` into `T`, keeping strings as they are written (`1.10` stays `"1.10"` when the
/// field is a string).
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml_ng::from_str(text).map_err(|e| {
        let message = strip_position(&e.to_string());
        match e.location() {
            Some(l) => YamlError {
                message,
                location: Some(Location::new(l.line(), l.column(), 1)),
            },
            // The parser gives no position when aliases expand too far (a "billion laughs"
            // bomb): point at the first alias used.
            None if message.contains("limit exceeded") => YamlError {
                message: format!("{message}: aliases (`*name`) expand too far"),
                location: first_alias(text),
            },
            // Anything else without a position is about the text as a whole: its first line.
            None => YamlError {
                message,
                location: Some(Location::start()),
            },
        }
    })
}

/// Where the first alias (`*name`) of `text` is used.
fn first_alias(text: &str) -> Option<Location> {
    text.lines().enumerate().find_map(|(i, line)| {
        line.char_indices()
            .find(|&(at, c)| {
                c == '*'
                    && line[..at].ends_with([' ', '[', ',', '-', ':'])
                    && line[at + 1..].starts_with(|n: char| n.is_alphanumeric() || n == '_')
            })
            .map(|(at, _)| Location::new(i + 1, line[..at].chars().count() + 1, 1))
    })
}

/// A document parsed as a mapping, kept as the value it was parsed to so that a type can be
/// read from it without copying it ([`from_document`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Document(Value);

impl Document {
    /// Its mapping.
    pub fn mapping(&self) -> &Mapping {
        static EMPTY: std::sync::OnceLock<Mapping> = std::sync::OnceLock::new();
        self.0
            .as_mapping()
            .unwrap_or_else(|| EMPTY.get_or_init(Mapping::new))
    }
}

/// Reads `T` from a document already parsed from `text`, by reference, without parsing the
/// text again; when that fails, from `text` itself, which gives the same value where the
/// parsed scalars lost how they were written (`title: 1.10`), or the error with its position.
pub fn from_document<T: DeserializeOwned>(document: &Document, text: &str) -> Result<T, YamlError> {
    T::deserialize(&document.0).or_else(|_| parse(text))
}

/// Parses `text` as a mapping; an empty document is an empty mapping.
pub fn parse_document(text: &str) -> Result<Document, YamlError> {
    if text.trim().is_empty() {
        return Ok(Document(Value::Mapping(Mapping::new())));
    }
    if let Some(mapping) = simple::mapping(text) {
        return Ok(Document(Value::Mapping(mapping)));
    }
    match parse::<Value>(text)? {
        value @ Value::Mapping(_) => Ok(Document(value)),
        Value::Null => Ok(Document(Value::Mapping(Mapping::new()))),
        _ => Err(YamlError {
            message: "expected a mapping of `key: value` lines".into(),
            location: Some(Location::start()),
        }),
    }
}

/// Parses `text` as a mapping; an empty document is an empty mapping.
pub fn parse_mapping(text: &str) -> Result<Mapping, YamlError> {
    parse_document(text).map(|d| match d.0 {
        Value::Mapping(m) => m,
        _ => Mapping::new(),
    })
}

/// The keys of a mapping as text, in the order written.
pub fn keys(mapping: &Mapping) -> Vec<String> {
    mapping.keys().map(key_text).collect()
}

/// A mapping key as text (`1: x` has the key `"1"`).
pub fn key_text(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => serde_yaml_ng::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

/// TOML front matter (as Hugo writes it between `+++` lines) as YAML text with the same keys
/// in the same order — dates as their text, as Hugo reads them; a TOML error with its place.
pub fn from_toml(text: &str) -> Result<String, YamlError> {
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        let location = e.span().map(|span| {
            let (line, column) = crate::diagnostics::line_column(text, span.start);
            Location::new(line, column, 1)
        });
        YamlError {
            message: e.message().to_string(),
            location: location.or(Some(Location::start())),
        }
    })?;
    serde_yaml_ng::to_string(&yaml_of_toml(toml::Value::Table(table))).map_err(|e| YamlError {
        message: e.to_string(),
        location: Some(Location::start()),
    })
}

/// A TOML value as YAML.
fn yaml_of_toml(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(n) => Value::Number(n.into()),
        toml::Value::Float(f) => Value::Number(f.into()),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(list) => Value::Sequence(list.into_iter().map(yaml_of_toml).collect()),
        toml::Value::Table(table) => Value::Mapping(
            table
                .into_iter()
                .map(|(k, v)| (Value::String(k), yaml_of_toml(v)))
                .collect(),
        ),
    }
}

/// Converts a YAML value into JSON for templates and `extra`.
pub fn to_json(value: &Value) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// Where the value of the top-level `key` stands in `text`: its line, its first column and the
/// width of the value up to the end of the line. Falls back to the key itself when the value
/// is on following lines, and to `None` when the key is not written at the top level.
pub fn locate_key(text: &str, key: &str) -> Option<Location> {
    locate_key_at_start(text, key).or_else(|| locate_word(text, key))
}

/// Where `key` is first written as a word anywhere in `text`: the place of a key the line-wise
/// reading of [`locate_key_at_start`] cannot find (inside a flow mapping, `{layer: x}`).
fn locate_word(text: &str, key: &str) -> Option<Location> {
    words_at(text, key).next()
}

/// Where `key` is last written as a word in `text`: the second of a key written twice.
pub fn locate_last_word(text: &str, key: &str) -> Option<Location> {
    words_at(text, key).last()
}

/// Every place `key` is written as a whole word in `text`, in order.
fn words_at<'t>(text: &'t str, key: &'t str) -> impl Iterator<Item = Location> + 't {
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    text.lines()
        .enumerate()
        .filter(move |_| !key.is_empty())
        .flat_map(move |(index, line)| {
            line.match_indices(key).filter_map(move |(at, _)| {
                let before = line.get(..at)?.chars().next_back();
                let after = line.get(at + key.len()..)?.chars().next();
                (!before.is_some_and(is_word) && !after.is_some_and(is_word)).then(|| {
                    let column = line.get(..at).map_or(0, |s| s.chars().count()) + 1;
                    Location::new(index + 1, column, key.chars().count())
                })
            })
        })
}

/// [`locate_key`] for a key written at the start of a line.
fn locate_key_at_start(text: &str, key: &str) -> Option<Location> {
    text.lines().enumerate().find_map(|(index, raw)| {
        let line = raw.trim_end_matches('\r');
        let rest = strip_key(line, key)?;
        let value = rest.trim_start();
        let value_col = line.chars().count() - value.chars().count() + 1;
        let value = strip_comment(value).trim_end();
        if value.is_empty() {
            Some(Location::new(index + 1, 1, key.chars().count()))
        } else {
            Some(Location::new(index + 1, value_col, value.chars().count()))
        }
    })
}

/// Where `needle` is first written at or after the line of the top-level `key`, or the key's
/// own location when it is not found there. Used for values inside lists and nested maps.
pub fn locate_within(text: &str, key: &str, needle: &str) -> Option<Location> {
    let start = locate_key(text, key)?;
    for (index, raw) in text.lines().enumerate().skip(start.line - 1) {
        if let Some(byte) = raw.find(needle) {
            let column = raw.get(..byte).map_or(0, |s| s.chars().count()) + 1;
            return Some(Location::new(index + 1, column, needle.chars().count()));
        }
    }
    Some(start)
}

/// The rest of `line` after `key:` at its start — the key plain or quoted, with any spaces or
/// tabs before the colon, as YAML allows (`layer\t:` is the key `layer`) — or after `key =`,
/// as TOML front matter writes it.
fn strip_key<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    for quote in ["", "\"", "'"] {
        let head = format!("{quote}{key}{quote}");
        if let Some(rest) = line.strip_prefix(&head) {
            let rest = rest.trim_start_matches([' ', '\t']);
            if let Some(rest) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('='))
                && (rest.is_empty() || rest.starts_with([' ', '\t']))
            {
                return Some(rest);
            }
        }
    }
    None
}

fn strip_comment(value: &str) -> &str {
    if value.starts_with(['"', '\'']) {
        return value;
    }
    match value.find(" #") {
        Some(i) => value.get(..i).unwrap_or(value),
        None => value,
    }
}

/// The parser's message without its trailing " at line L column C", which strata prints itself.
fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message.get(..i).unwrap_or(message).to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_a_key_with_space_before_its_colon_or_in_a_flow_mapping() {
        // Found by fuzzing: `layer\t\t:` is the key `layer`, and its error had no position.
        let text = "\nlayer\t\t:\t\tcess\n";
        assert_eq!(locate_key(text, "layer"), Some(Location::new(2, 11, 4)));
        assert_eq!(
            locate_key("{title: x, layer: cess}\n", "layer"),
            Some(Location::new(1, 12, 5))
        );
        assert_eq!(locate_key("{relayers: x}\n", "layer"), None);
    }

    #[test]
    fn locates_a_top_level_value() {
        let text = "title: x\nlayer: cooperaton # typo\n";
        assert_eq!(locate_key(text, "layer"), Some(Location::new(2, 8, 10)));
        assert_eq!(locate_key(text, "lay"), None);
    }

    #[test]
    fn locates_a_value_inside_a_list() {
        let text = "title: x\ncapabilities:\n  - name: a\n    stage: mastered\n";
        assert_eq!(
            locate_within(text, "capabilities", "mastered"),
            Some(Location::new(4, 12, 8))
        );
    }

    #[test]
    fn reports_syntax_errors_with_their_line() {
        let err = parse::<Value>("title: [a\nother: b\n").unwrap_err();
        assert!(err.location.is_some());
        assert!(!err.message.contains("at line"));
    }

    #[test]
    fn keeps_strings_as_written() {
        #[derive(serde::Deserialize)]
        struct T {
            title: String,
            tag: String,
        }
        let t: T = parse("title: 1.10\ntag: no\n").unwrap();
        assert_eq!((t.title.as_str(), t.tag.as_str()), ("1.10", "no"));
    }
}
