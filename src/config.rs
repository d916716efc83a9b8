//! `journal.yaml` → [`Config`]: defaults for every key, validation, and "did you mean" hints for
//! misspelt keys. Nothing here reads entries or renders pages.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Location, did_you_mean};
use crate::strings::Strings;
use crate::yaml;

/// The name of the config file inside a journal folder.
pub const CONFIG_FILE: &str = "journal.yaml";

/// The keys `journal.yaml` understands.
const KNOWN_KEYS: &[&str] = &[
    "title",
    "author",
    "base_url",
    "language",
    "permalink",
    "layers",
    "growth_target",
    "treadmill_weeks",
    "verdict_min_entries",
    "goals",
    "goal_stall_weeks",
    "neglected_layer_share",
    "feed_entries",
    "theme",
    "extra",
];

/// A journal's settings, with every default filled in and every value checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Config {
    /// The site's title.
    pub title: String,
    /// The writer's name, for the feed and page metadata.
    pub author: String,
    /// Where the site is published, always ending in `/`: an absolute URL or a path.
    pub base_url: String,
    /// The language of the pages (`lang` attribute).
    pub language: String,
    /// The pattern of entry URLs, with `{year}`, `{month}`, `{day}` and `{slug}`.
    pub permalink: String,
    /// The layers of progress an entry may name, in display order.
    pub layers: Vec<String>,
    /// The healthy band for the share of growth work, low then high.
    pub growth_target: [f64; 2],
    /// Consecutive depth-only weeks before a stretch is flagged as a treadmill.
    pub treadmill_weeks: u32,
    /// How few entries with a work kind a period may have before its verdict is "too little to
    /// judge".
    pub verdict_min_entries: VerdictMinimum,
    /// The capabilities the writer aims to demonstrate, in the order written.
    pub goals: Vec<Goal>,
    /// Weeks without evidence after which an undemonstrated goal is stalled.
    pub goal_stall_weeks: u32,
    /// The share of entries under which a layer is neglected (over the last two quarters with
    /// enough entries for a verdict).
    pub neglected_layer_share: f64,
    /// How many of the latest entries the feed carries.
    pub feed_entries: usize,
    /// A theme folder under the journal's `themes/`, instead of the built-in theme.
    pub theme: Option<String>,
    /// Free-form values passed to templates as `config.extra`.
    pub extra: BTreeMap<String, serde_json::Value>,
    /// The interface's words in `language` (English until a build finds the strings file;
    /// see `theme::prepare`).
    #[serde(skip)]
    pub strings: Arc<Strings>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            title: "My journal".into(),
            author: String::new(),
            base_url: "/".into(),
            language: "en".into(),
            permalink: "/{year}/{month}/{slug}/".into(),
            layers: vec!["resources".into(), "process".into(), "cooperation".into()],
            growth_target: [0.15, 0.20],
            treadmill_weeks: 6,
            verdict_min_entries: VerdictMinimum::default(),
            goals: Vec::new(),
            goal_stall_weeks: 8,
            neglected_layer_share: 0.10,
            feed_entries: 20,
            theme: None,
            extra: BTreeMap::new(),
            strings: Strings::english(),
        }
    }
}

/// The file as written: every key optional.
#[derive(Debug, Deserialize)]
struct RawConfig {
    title: Option<String>,
    author: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
    permalink: Option<String>,
    layers: Option<Vec<String>>,
    growth_target: Option<[f64; 2]>,
    treadmill_weeks: Option<u32>,
    verdict_min_entries: Option<VerdictMinimum>,
    goals: Option<Vec<RawGoal>>,
    goal_stall_weeks: Option<u32>,
    neglected_layer_share: Option<f64>,
    feed_entries: Option<usize>,
    theme: Option<String>,
    extra: Option<yaml::Value>,
}

impl Config {
    /// Reads `journal.yaml` from `root`; a journal without one gets the defaults.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Config::parse(&text),
                Err(_) => Err(vec![Diagnostic::error(
                    Path::new(CONFIG_FILE),
                    None,
                    None,
                    "is not valid UTF-8 text",
                )]),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(vec![Diagnostic::error(
                Path::new(CONFIG_FILE),
                None,
                None,
                format!("cannot be read: {e}"),
            )]),
        }
    }

    /// Parses and checks the text of a `journal.yaml`.
    pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let path = Path::new(CONFIG_FILE);
        let error = |location: Option<Location>, message: String| {
            Diagnostic::error(path, Some(text), location, message)
        };
        let mapping = yaml::parse_mapping(text).map_err(|e| vec![error(e.location, e.message)])?;
        let unknown: Vec<Diagnostic> = yaml::keys(&mapping)
            .iter()
            .filter(|key| !KNOWN_KEYS.contains(&key.as_str()))
            .map(|key| {
                let hint = did_you_mean(key, KNOWN_KEYS.iter().copied())
                    .map(|k| format!(" (did you mean `{k}`?)"))
                    .unwrap_or_default();
                let location = yaml::locate_key(text, key)
                    .map(|l| Location::new(l.line, 1, key.chars().count()));
                error(
                    location,
                    format!("unknown key `{key}`{hint}; put your own values under `extra:`"),
                )
            })
            .collect();
        if !unknown.is_empty() {
            return Err(unknown);
        }
        let raw: RawConfig = if mapping.is_empty() {
            RawConfig::empty()
        } else {
            yaml::parse(text).map_err(|e| vec![error(e.location, e.message)])?
        };
        let config = Config::from_raw(raw);
        let problems = config.problems(text);
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    fn from_raw(raw: RawConfig) -> Config {
        // Destructured whole so that a new key cannot be forgotten here.
        let RawConfig {
            title,
            author,
            base_url,
            language,
            permalink,
            layers,
            growth_target,
            treadmill_weeks,
            verdict_min_entries,
            goals,
            goal_stall_weeks,
            neglected_layer_share,
            feed_entries,
            theme,
            extra,
        } = raw;
        let defaults = Config::default();
        let extra = match extra.as_ref().map(yaml::to_json) {
            Some(serde_json::Value::Object(map)) => map.into_iter().collect(),
            _ => BTreeMap::new(),
        };
        Config {
            title: title.unwrap_or(defaults.title),
            author: author.unwrap_or(defaults.author),
            base_url: normalise_base_url(&base_url.unwrap_or(defaults.base_url)),
            language: language.unwrap_or(defaults.language),
            permalink: permalink.unwrap_or(defaults.permalink),
            layers: layers
                .map(|l| l.iter().map(|s| s.trim().to_lowercase()).collect())
                .unwrap_or(defaults.layers),
            growth_target: growth_target.unwrap_or(defaults.growth_target),
            treadmill_weeks: treadmill_weeks.unwrap_or(defaults.treadmill_weeks),
            verdict_min_entries: verdict_min_entries.unwrap_or(defaults.verdict_min_entries),
            goals: goals
                .unwrap_or_default()
                .into_iter()
                .map(RawGoal::into_goal)
                .collect(),
            goal_stall_weeks: goal_stall_weeks.unwrap_or(defaults.goal_stall_weeks),
            neglected_layer_share: neglected_layer_share.unwrap_or(defaults.neglected_layer_share),
            feed_entries: feed_entries.unwrap_or(defaults.feed_entries),
            theme: theme.filter(|t| !t.trim().is_empty()),
            extra,
            strings: defaults.strings,
        }
    }

    /// Values that parse but make no sense, each pointing at its key.
    fn problems(&self, text: &str) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let mut check = |ok: bool, key: &str, message: &str| {
            if !ok {
                problems.push(Diagnostic::error(
                    Path::new(CONFIG_FILE),
                    Some(text),
                    yaml::locate_key(text, key),
                    message,
                ));
            }
        };
        let [low, high] = self.growth_target;
        check(
            (0.0..=1.0).contains(&low) && (0.0..=1.0).contains(&high) && low <= high,
            "growth_target",
            "growth_target must be two shares between 0 and 1, low then high, like [0.15, 0.20]",
        );
        check(
            self.permalink.starts_with('/')
                && self.permalink.contains("{slug}")
                && crate::site_path::safe_site_path(&self.permalink).is_ok(),
            "permalink",
            "permalink must start with `/`, contain `{slug}`, and stay inside the site (no `..`, `\\` or empty parts), like \"/{year}/{month}/{slug}/\"",
        );
        let mut layers = self.layers.clone();
        layers.sort();
        layers.dedup();
        check(
            !self.layers.is_empty()
                && layers.len() == self.layers.len()
                && layers.iter().all(|l| is_simple_name(l)),
            "layers",
            "layers must be a list of distinct names made of letters, digits and `-`",
        );
        check(
            self.treadmill_weeks > 0,
            "treadmill_weeks",
            "treadmill_weeks must be at least 1",
        );
        check(valid_base_url(&self.base_url), "base_url", BASE_URL_RULE);
        check(
            (0.0..=1.0).contains(&self.neglected_layer_share),
            "neglected_layer_share",
            "neglected_layer_share must be a share between 0 and 1, like 0.10",
        );
        check(
            self.goal_stall_weeks > 0,
            "goal_stall_weeks",
            "goal_stall_weeks must be at least 1",
        );
        check(
            self.theme.as_deref().is_none_or(is_simple_name),
            "theme",
            "theme must be the name of a folder under themes/",
        );
        problems.extend(self.goal_problems(text));
        problems
    }

    /// Goals without a name, or with a `by` that is not a quarter.
    fn goal_problems(&self, text: &str) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for goal in &self.goals {
            if goal.name.trim().is_empty() || slug::slugify(&goal.name).is_empty() {
                problems.push(Diagnostic::error(
                    Path::new(CONFIG_FILE),
                    Some(text),
                    yaml::locate_key(text, "goals"),
                    "every goal needs a name, like `- name: Public speaking`",
                ));
            }
            if let Some(by) = &goal.by_text
                && goal.by.is_none()
            {
                problems.push(Diagnostic::error(
                    Path::new(CONFIG_FILE),
                    Some(text),
                    yaml::locate_within(text, "goals", by),
                    format!(
                        "goal `{}`: `by: {by}` is not a quarter; write it like 2027-Q2",
                        goal.name
                    ),
                ));
            }
        }
        problems
    }

    /// The path part of `base_url`, starting and ending with `/`: what every internal link starts with.
    pub fn base_path(&self) -> String {
        let rest = self
            .base_url
            .strip_prefix("https://")
            .or_else(|| self.base_url.strip_prefix("http://"));
        match rest {
            Some(after_scheme) => match after_scheme.find('/') {
                Some(i) => after_scheme.get(i..).unwrap_or("/").to_string(),
                None => "/".into(),
            },
            None => self.base_url.clone(),
        }
    }

    /// Whether `base_url` is an absolute URL, as feeds and sitemaps need.
    pub fn has_absolute_base_url(&self) -> bool {
        self.base_url.starts_with("http://") || self.base_url.starts_with("https://")
    }

    /// Replaces `base_url`, as `--base-url` does.
    pub fn set_base_url(&mut self, url: &str) {
        self.base_url = normalise_base_url(url);
    }
}

impl RawConfig {
    fn empty() -> Self {
        Self {
            title: None,
            author: None,
            base_url: None,
            language: None,
            permalink: None,
            layers: None,
            growth_target: None,
            treadmill_weeks: None,
            verdict_min_entries: None,
            goals: None,
            goal_stall_weeks: None,
            neglected_layer_share: None,
            feed_entries: None,
            theme: None,
            extra: None,
        }
    }
}

/// A capability the writer aims to demonstrate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Goal {
    /// The capability's name, matched to entries' capabilities by slug.
    pub name: String,
    /// The slug it is matched by.
    pub slug: String,
    /// The quarter to demonstrate it by, as year and quarter (1–4).
    pub by: Option<(i32, u32)>,
    /// `by` as written, for messages.
    #[serde(skip)]
    pub by_text: Option<String>,
    /// Why it matters, in the writer's words.
    pub why: Option<String>,
}

/// A goal as `journal.yaml` writes it: a name alone, or a name with `by` and `why`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawGoal {
    Name(String),
    Full {
        name: String,
        by: Option<String>,
        why: Option<String>,
    },
}

impl RawGoal {
    fn into_goal(self) -> Goal {
        let (name, by, why) = match self {
            RawGoal::Name(name) => (name, None, None),
            RawGoal::Full { name, by, why } => (name, by, why),
        };
        Goal {
            slug: slug::slugify(&name),
            name: name.trim().to_string(),
            by: by.as_deref().and_then(parse_quarter),
            by_text: by,
            why,
        }
    }
}

/// `2027-Q2` (or `2027-q2`) as year and quarter.
fn parse_quarter(text: &str) -> Option<(i32, u32)> {
    let (year, quarter) = text.trim().split_once('-')?;
    let quarter = quarter.strip_prefix(['Q', 'q'])?.parse().ok()?;
    let year = year.parse().ok()?;
    ((1..=4).contains(&quarter) && (1900..=2200).contains(&year)).then_some((year, quarter))
}

/// The fewest entries with a work kind a quarter or a month needs for a verdict on its growth
/// share: below it, one or two entries would decide "stretching" or "movement" for the whole
/// period. Weekly views judge their rolling four weeks by the month's minimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerdictMinimum {
    /// For a calendar quarter.
    #[serde(default = "VerdictMinimum::default_quarter")]
    pub quarter: usize,
    /// For a calendar month, and for four weeks.
    #[serde(default = "VerdictMinimum::default_month")]
    pub month: usize,
}

impl VerdictMinimum {
    fn default_quarter() -> usize {
        4
    }

    fn default_month() -> usize {
        2
    }
}

impl Default for VerdictMinimum {
    fn default() -> Self {
        Self {
            quarter: Self::default_quarter(),
            month: Self::default_month(),
        }
    }
}

fn is_simple_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// What a `base_url` must be, as every check of one says it.
pub const BASE_URL_RULE: &str = "base_url must be a path like \"/journal/\" or a URL like \"https://me.example.org/journal/\" (http or https, with a host; no quotes, spaces or angle brackets)";

/// Whether `url` can be a site's `base_url`, wherever it comes from (`journal.yaml` or
/// `--base-url`): a path from the root (`/journal/`, not the protocol-relative `//host/`,
/// which would load every page's styles from another site), or an http(s) URL with a host
/// (never `javascript:`); and nothing that could end the attribute it is written into.
pub fn valid_base_url(url: &str) -> bool {
    let url = url.trim();
    let safe = !url.chars().any(|c| {
        c.is_control() || c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`')
    });
    let shaped = match url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    {
        Some(rest) => rest.split('/').next().is_some_and(|host| !host.is_empty()),
        None => url.starts_with('/') && !url.starts_with("//"),
    };
    safe && shaped
}

/// Ends the URL with exactly one `/`, so that joining paths never doubles or drops one.
fn normalise_base_url(url: &str) -> String {
    let trimmed = url.trim().trim_end_matches('/');
    format!("{trimmed}/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_url_is_a_rooted_path_or_an_http_url_with_a_host() {
        for good in [
            "/",
            "/journal/",
            "https://me.example.org/journal/",
            "http://127.0.0.1:1111/",
            "https://example.org",
        ] {
            assert!(valid_base_url(good), "{good}");
        }
        for bad in [
            "javascript:alert(1);//x",
            "//evil.example/",
            "https:///path",
            "journal/",
            "ftp://example.org/",
            "/a\"><script>/",
            "/with space/",
            "https://example.org/\u{7}",
        ] {
            assert!(!valid_base_url(bad), "{bad}");
        }
        let errors = Config::parse("base_url: //evil.example/\n").unwrap_err();
        assert_eq!(errors[0].position(), "journal.yaml:1:11");
        assert_eq!(errors[0].message, BASE_URL_RULE);
    }

    #[test]
    fn the_verdict_minimum_takes_either_period_and_defaults_the_other() {
        let config = Config::parse("verdict_min_entries:\n  quarter: 6\n").unwrap();
        assert_eq!(
            config.verdict_min_entries,
            VerdictMinimum {
                quarter: 6,
                month: 2
            }
        );
        let errors = Config::parse("verdict_min_entries: {quartr: 6}\n").unwrap_err();
        assert!(
            errors[0].message.contains("unknown field `quartr`"),
            "{}",
            errors[0].message
        );
        assert_eq!(errors[0].position(), "journal.yaml:1:23");
    }

    #[test]
    fn goals_are_names_or_maps_and_a_deadline_must_be_a_quarter() {
        let config = Config::parse(
            "goals:\n  - Systems thinking\n  - name: Public Speaking\n    by: 2027-q2\n    why: To teach\n",
        )
        .unwrap();
        assert_eq!(config.goals.len(), 2);
        assert_eq!(config.goals[0].slug, "systems-thinking");
        assert_eq!(config.goals[0].by, None);
        assert_eq!(config.goals[1].slug, "public-speaking");
        assert_eq!(config.goals[1].by, Some((2027, 2)));
        assert_eq!(config.goals[1].why.as_deref(), Some("To teach"));
        assert_eq!(config.goal_stall_weeks, 8);
        assert_eq!(config.neglected_layer_share, 0.10);
        let errors =
            Config::parse("goals:\n  - name: Public speaking\n    by: next spring\n").unwrap_err();
        assert_eq!(
            errors[0].message,
            "goal `Public speaking`: `by: next spring` is not a quarter; write it like 2027-Q2"
        );
        assert_eq!(errors[0].position(), "journal.yaml:3:9");
        let errors = Config::parse("neglected_layer_share: 10\n").unwrap_err();
        assert!(
            errors[0]
                .message
                .starts_with("neglected_layer_share must be a share")
        );
    }

    #[test]
    fn an_empty_file_gives_the_defaults() {
        assert_eq!(Config::parse("").unwrap(), Config::default());
    }

    #[test]
    fn unknown_keys_are_errors_with_a_hint() {
        let errors = Config::parse("title: x\ntitel: y\n").unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].position(), "journal.yaml:2:1");
        assert!(
            errors[0].message.contains("did you mean `title`?"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn wrong_types_point_at_their_line() {
        let errors = Config::parse("title: x\ntreadmill_weeks: many\n").unwrap_err();
        assert_eq!(errors[0].location.map(|l| l.line), Some(2));
    }

    #[test]
    fn base_path_is_the_path_of_the_url() {
        let mut config = Config::default();
        assert_eq!(config.base_path(), "/");
        config.set_base_url("https://example.org/sub");
        assert_eq!(
            (config.base_url.as_str(), config.base_path().as_str()),
            ("https://example.org/sub/", "/sub/")
        );
        config.set_base_url("https://example.org");
        assert_eq!(config.base_path(), "/");
    }

    #[test]
    fn a_bad_growth_band_is_refused() {
        let errors = Config::parse("growth_target: [0.3, 0.1]\n").unwrap_err();
        assert!(errors[0].message.contains("growth_target"));
        assert_eq!(errors[0].location.map(|l| l.line), Some(1));
    }

    #[test]
    fn extra_reaches_templates() {
        let config = Config::parse("extra:\n  mastodon: \"@me\"\n").unwrap();
        assert_eq!(config.extra["mastodon"], serde_json::json!("@me"));
    }
}
