//! The words of the interface in one language: headings, labels, verdicts, month names and how
//! a date is written. English is built in and complete; another language is one strings file
//! (`i18n/<language>.yaml`, in a theme or the journal) that says what it has, and English
//! stands in for anything it leaves out.
//!
//! A leaf module: it knows how to read and use a strings file, not where they are kept.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::yaml::{self, YamlError};

/// English, as built in: every key any page or message uses.
const ENGLISH: &str = include_str!("../themes/default/i18n/en.yaml");

/// The interface's words in one language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Strings {
    /// The language code they are for (`en`, `de`).
    #[serde(skip)]
    pub language: String,
    /// Every text by key; templates see them as `t.<key>`.
    #[serde(flatten)]
    texts: BTreeMap<String, String>,
}

impl Strings {
    /// The built-in English strings, shared.
    pub fn english() -> Arc<Strings> {
        static ENGLISH_STRINGS: OnceLock<Arc<Strings>> = OnceLock::new();
        Arc::clone(ENGLISH_STRINGS.get_or_init(|| {
            let texts = yaml::parse::<BTreeMap<String, String>>(ENGLISH).unwrap_or_default();
            Arc::new(Strings {
                language: "en".into(),
                texts,
            })
        }))
    }

    /// The strings of `language` from the text of its strings file, English for every key it
    /// does not have.
    pub fn parse(language: &str, text: &str) -> Result<Strings, YamlError> {
        let own: BTreeMap<String, String> = yaml::parse(text)?;
        let mut texts = Strings::english().texts.clone();
        texts.extend(own);
        Ok(Strings {
            language: language.to_string(),
            texts,
        })
    }

    /// The text of `key`; the key itself when no strings file has it, so a missing text shows
    /// where it is missing rather than nothing.
    pub fn get<'s>(&'s self, key: &'s str) -> &'s str {
        self.texts.get(key).map_or(key, String::as_str)
    }

    /// The text of `key` with each `{name}` replaced by its value.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.get(key).to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// `key`'s singular or plural form (`key_one`, `key_other`) for `count`, filled with it as
    /// `{count}`: `1 entry`, `3 entries`.
    pub fn count(&self, key: &str, count: usize) -> String {
        let form = if count == 1 { "one" } else { "other" };
        self.fill(&format!("{key}_{form}"), &[("count", &count.to_string())])
    }

    /// The name of a month, `month0` counted from 0 for January.
    pub fn month(&self, month0: u32) -> &str {
        const KEYS: [&str; 12] = [
            "month_1", "month_2", "month_3", "month_4", "month_5", "month_6", "month_7", "month_8",
            "month_9", "month_10", "month_11", "month_12",
        ];
        self.get(KEYS.get(month0 as usize).copied().unwrap_or("month_1"))
    }

    /// A day as people read it: `14 March 2026`, `14. März 2026`.
    pub fn long_date(&self, date: NaiveDate) -> String {
        self.fill(
            "date_long",
            &[
                ("day", &date.day().to_string()),
                ("month", self.month(date.month0())),
                ("year", &date.year().to_string()),
            ],
        )
    }

    /// A month of a year: `March 2026`.
    pub fn month_year(&self, date: NaiveDate) -> String {
        self.fill(
            "date_month",
            &[
                ("month", self.month(date.month0())),
                ("year", &date.year().to_string()),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_complete_and_another_language_falls_back_to_it() {
        let en = Strings::english();
        let day = NaiveDate::from_ymd_opt(2026, 3, 14).unwrap_or_default();
        assert_eq!(en.long_date(day), "14 March 2026");
        assert_eq!(en.month_year(day), "March 2026");
        assert_eq!(en.count("entries", 1), "1 entry");
        assert_eq!(en.count("entries", 3), "3 entries");
        let de = Strings::parse(
            "de",
            "month_3: März\ndate_long: \"{day}. {month} {year}\"\n",
        )
        .unwrap_or_else(|_| Strings::english().as_ref().clone());
        assert_eq!(de.long_date(day), "14. März 2026");
        // What the file leaves out is English.
        assert_eq!(de.count("entries", 2), "2 entries");
        assert_eq!(de.get("no such key"), "no such key");
    }

    #[test]
    fn the_german_strings_have_every_english_key() {
        let english: BTreeMap<String, String> = yaml::parse(ENGLISH).unwrap_or_default();
        let german: BTreeMap<String, String> =
            yaml::parse(include_str!("../themes/default/i18n/de.yaml")).unwrap_or_default();
        let missing: Vec<&String> = english
            .keys()
            .filter(|k| !german.contains_key(*k))
            .collect();
        assert!(missing.is_empty(), "de.yaml lacks {missing:?}");
        assert!(english.len() > 100, "{}", english.len());
    }
}
