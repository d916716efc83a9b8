//! Themes: which files make a journal's look. The built-in themes are compiled into the binary
//! (`default`, the base of every other, and the smaller ones beside it that change only what
//! they have); a journal may keep its own under `themes/NAME/`, which wins over a built-in
//! theme of that name; and its `templates/` and `static/` override any theme, file by file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::strings::Strings;

/// The built-in themes, one folder each, compiled into the binary so an installed `strata`
/// needs no other files.
static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes");

/// The theme every other builds on.
pub const DEFAULT: &str = "default";
/// A journal's own templates, overriding the theme's of the same name.
pub const TEMPLATES_DIR: &str = "templates";
/// A journal's own static files, copied to the site root.
pub const STATIC_DIR: &str = "static";
/// Where a journal keeps themes it selects with `theme:`.
pub const THEMES_DIR: &str = "themes";

/// One file of a theme layer: where it comes from and how a template or the site names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file compiled into strata, by its path under `themes/` (`default/static/style.css`).
    Embedded(&'static include_dir::File<'static>),
    /// A file of the journal, relative to the journal's folder.
    File(PathBuf),
}

/// The theme a journal selected, found.
#[derive(Debug, Clone, Copy)]
enum Selected<'a> {
    /// Only the built-in default.
    Default,
    /// A built-in theme other than the default.
    BuiltIn(&'static Dir<'static>),
    /// The journal's `themes/NAME/`.
    Journal(&'a str),
}

/// The names of the built-in themes, the default first.
pub fn built_in_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = BUILT_IN
        .dirs()
        .filter_map(|d| d.path().to_str())
        .filter(|name| *name != DEFAULT)
        .collect();
    names.sort_unstable();
    names.insert(0, DEFAULT);
    names
}

/// The names of the themes under the journal's `themes/`.
fn journal_names(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join(THEMES_DIR))
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .filter_map(|e| e.file_name().to_str().map(str::to_string))
                .filter(|name| !name.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Finds the theme `config` selects: the journal's `themes/NAME/` first, then a built-in one.
/// An unknown name is an error that lists the themes there are.
fn select<'a>(root: &Path, config: &'a Config) -> Result<Selected<'a>, String> {
    let Some(name) = config.theme.as_deref() else {
        return Ok(Selected::Default);
    };
    let in_journal = journal_names(root);
    if in_journal.iter().any(|n| n == name) {
        return Ok(Selected::Journal(name));
    }
    if name == DEFAULT {
        return Ok(Selected::Default);
    }
    if let Some(dir) = BUILT_IN.get_dir(name) {
        return Ok(Selected::BuiltIn(dir));
    }
    let mut known = format!("the built-in themes are {}", built_in_names().join(", "));
    if !in_journal.is_empty() {
        known.push_str(&format!(
            ", and in {THEMES_DIR}/: {}",
            in_journal.join(", ")
        ));
    }
    Err(format!("there is no theme `{name}`: {known}"))
}

/// Checks that the theme `config` names exists; the error, at the `theme:` line of
/// `journal.yaml`, lists the themes there are.
pub fn check(root: &Path, config: &Config) -> Result<(), Diagnostic> {
    select(root, config).map(|_| ()).map_err(|message| {
        let file = Path::new(crate::config::CONFIG_FILE);
        let text = std::fs::read_to_string(root.join(file)).unwrap_or_default();
        let location = crate::yaml::locate_key(&text, "theme");
        Diagnostic::error(file, Some(&text), location, message)
    })
}

/// Where strings files are kept, in a theme and in the journal.
pub const STRINGS_DIR: &str = "i18n";

/// `config` made ready to build with: its theme found (an unknown one is an error at its line,
/// listing the themes there are) and the strings of its language loaded, from the journal's
/// `i18n/`, the theme's or the built-in ones. Without a strings file for the language the
/// pages are in English; [`language_warning`] says so.
pub fn prepare(root: &Path, mut config: Config) -> Result<Config, Diagnostic> {
    check(root, &config)?;
    if let Some(strings) = strings(root, &config)? {
        config.strings = std::sync::Arc::new(strings);
    }
    Ok(config)
}

/// A warning when `config`'s language has no strings file and the pages are in English.
pub fn language_warning(config: &Config) -> Option<Diagnostic> {
    let language = config.language.as_str();
    let english = language == "en" || language.starts_with("en-");
    (!english && config.strings.language == "en").then(|| {
        Diagnostic::warning(
            Path::new(crate::config::CONFIG_FILE),
            None,
            None,
            format!(
                "there are no strings for `language: {language}`, so the pages are in English; the built-in languages are en and de, and another is one file, {STRINGS_DIR}/{language}.yaml, with the keys of the built-in en.yaml"
            ),
        )
    })
}

/// The strings of `config`'s language — its own file (`de-AT.yaml`) or its main language's
/// (`de.yaml`) — or `None` when there is neither.
fn strings(root: &Path, config: &Config) -> Result<Option<Strings>, Diagnostic> {
    let files = files(root, config, STRINGS_DIR);
    let language = config.language.as_str();
    let main = language.split(['-', '_']).next().unwrap_or(language);
    let Some((name, source)) = [language, main]
        .iter()
        .find_map(|l| files.get_key_value(&format!("{l}.yaml")))
    else {
        return Ok(None);
    };
    let (path, text) = match source {
        Source::Embedded(file) => (
            Path::new(THEMES_DIR).join(file.path()),
            file.contents_utf8().unwrap_or_default().to_string(),
        ),
        Source::File(relative) => {
            let text = std::fs::read_to_string(root.join(relative)).map_err(|e| {
                Diagnostic::error(relative, None, None, format!("cannot be read: {e}"))
            })?;
            (relative.clone(), text)
        }
    };
    let language = name.trim_end_matches(".yaml");
    Strings::parse(language, &text)
        .map(Some)
        .map_err(|e| Diagnostic::error(&path, Some(&text), e.location, e.message))
}

/// Every file of `kind` (`templates` or `static`) the journal's site uses, by its name under
/// that folder (`partials/entry_card.html`, `style.css`): the default theme's, then the
/// selected theme's, then the journal's own folder of that kind, each overriding the one
/// before. Markdown files are left out of `templates` (they start new entries).
pub fn files(root: &Path, config: &Config, kind: &str) -> BTreeMap<String, Source> {
    let mut files = embedded(default_dir(), kind);
    match select(root, config) {
        Ok(Selected::BuiltIn(dir)) => files.extend(embedded(dir, kind)),
        Ok(Selected::Journal(name)) => {
            files.extend(on_disk(root, &Path::new(THEMES_DIR).join(name).join(kind)));
        }
        Ok(Selected::Default) | Err(_) => {}
    }
    files.extend(on_disk(root, Path::new(kind)));
    if kind == TEMPLATES_DIR {
        files.retain(|name, _| !name.ends_with(".md"));
    }
    files
}

/// Whether every one of `sources` is built into strata: none from the journal's own
/// `templates/` or `static/` folder or a theme folder of its own.
pub fn all_built_in<'s>(sources: impl IntoIterator<Item = &'s Source>) -> bool {
    sources
        .into_iter()
        .all(|source| matches!(source, Source::Embedded(_)))
}

/// The built-in default theme's folder.
fn default_dir() -> &'static Dir<'static> {
    BUILT_IN.get_dir(DEFAULT).unwrap_or(&BUILT_IN)
}

/// Every file under `theme/kind`, at any depth, by its name under `kind`.
fn embedded(theme: &'static Dir<'static>, kind: &str) -> BTreeMap<String, Source> {
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<&'static include_dir::File<'static>>) {
        out.extend(dir.files());
        for sub in dir.dirs() {
            walk(sub, out);
        }
    }
    let mut found = Vec::new();
    if let Some(dir) = theme.get_dir(theme.path().join(kind)) {
        walk(dir, &mut found);
    }
    let prefix = theme.path().join(kind);
    found
        .into_iter()
        .filter_map(|file| {
            let name = file.path().strip_prefix(&prefix).ok()?;
            Some((slashed(name), Source::Embedded(file)))
        })
        .collect()
}

/// Files under `root/folder`, by their name under `folder`, skipping hidden files, editor
/// leftovers and links.
fn on_disk(root: &Path, folder: &Path) -> BTreeMap<String, Source> {
    walkdir::WalkDir::new(root.join(folder))
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !e.file_name().to_string_lossy().ends_with('~'))
        .filter_map(|e| {
            let relative = e.path().strip_prefix(root).ok()?.to_path_buf();
            let name = e.path().strip_prefix(root.join(folder)).ok()?;
            Some((slashed(name), Source::File(relative)))
        })
        .collect()
}

/// A path with `/` separators, as templates and URLs name files.
fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// What `strata theme eject` did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Ejected {
    /// Files written, relative to the journal.
    pub written: Vec<PathBuf>,
    /// Files that were there already and were kept as they were.
    pub kept: Vec<PathBuf>,
}

/// Copies the built-in theme `name` (the default's files with its own over them) into the
/// journal's `templates/` and `static/`, where they override every theme, to be edited. A file
/// the journal has already is never overwritten.
pub fn eject(root: &Path, name: &str) -> Result<Ejected, String> {
    let theme = match name {
        DEFAULT => None,
        _ => Some(BUILT_IN.get_dir(name).ok_or_else(|| {
            format!(
                "there is no built-in theme `{name}`: the built-in themes are {}",
                built_in_names().join(", ")
            )
        })?),
    };
    let mut ejected = Ejected::default();
    for kind in [TEMPLATES_DIR, STATIC_DIR] {
        let mut files = embedded(default_dir(), kind);
        if let Some(dir) = theme {
            files.extend(embedded(dir, kind));
        }
        for (file, source) in files {
            let Source::Embedded(embedded) = source else {
                continue;
            };
            let relative = Path::new(kind).join(&file);
            let target = root.join(&relative);
            if target.exists() {
                ejected.kept.push(relative);
                continue;
            }
            write_new(&target, embedded.contents())
                .map_err(|e| format!("cannot write {}: {e}", relative.display()))?;
            ejected.written.push(relative);
        }
    }
    Ok(ejected)
}

/// Writes `bytes` to a new file at `path`, making its folders; fails rather than replace a
/// file that appeared meanwhile.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?
        .write_all(bytes)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn config(theme: Option<&str>) -> Config {
        Config {
            theme: theme.map(str::to_string),
            ..Config::default()
        }
    }

    #[test]
    fn an_unknown_theme_lists_the_themes_there_are() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("themes/mine/static")).unwrap();
        let error = check(root.path(), &config(Some("nope"))).unwrap_err();
        assert_eq!(
            error.message,
            "there is no theme `nope`: the built-in themes are default, paper, and in themes/: mine"
        );
        assert!(check(root.path(), &config(Some("mine"))).is_ok());
        assert!(check(root.path(), &config(Some("paper"))).is_ok());
        assert!(check(root.path(), &config(Some("default"))).is_ok());
    }

    #[test]
    fn a_theme_overrides_the_default_and_the_journal_overrides_both() {
        let root = tempfile::tempdir().unwrap();
        let paper = files(root.path(), &config(Some("paper")), TEMPLATES_DIR);
        let Some(Source::Embedded(palette)) = paper.get("partials/palette.html") else {
            panic!("no palette");
        };
        assert_eq!(
            palette.path(),
            Path::new("paper/templates/partials/palette.html")
        );
        // The default's files the theme does not have are still there.
        let Some(Source::Embedded(base)) = paper.get("base.html") else {
            panic!("no base.html");
        };
        assert_eq!(base.path(), Path::new("default/templates/base.html"));
        std::fs::create_dir_all(root.path().join("static")).unwrap();
        std::fs::write(root.path().join("static/style.css"), "body{}").unwrap();
        let mine = files(root.path(), &config(Some("paper")), STATIC_DIR);
        assert_eq!(
            mine.get("style.css"),
            Some(&Source::File(PathBuf::from("static/style.css")))
        );
    }

    #[test]
    fn templates_are_built_in_until_the_journal_or_a_theme_of_its_own_has_one() {
        let root = tempfile::tempdir().unwrap();
        let templates_built_in = |root: &Path, config: &Config| {
            all_built_in(files(root, config, TEMPLATES_DIR).values())
        };
        assert!(templates_built_in(root.path(), &config(None)));
        assert!(templates_built_in(root.path(), &config(Some("paper"))));
        // A theme folder of the journal's with only static files changes no template.
        std::fs::create_dir_all(root.path().join("themes/mine/static")).unwrap();
        assert!(templates_built_in(root.path(), &config(Some("mine"))));
        std::fs::create_dir_all(root.path().join("themes/mine/templates")).unwrap();
        std::fs::write(root.path().join("themes/mine/templates/tag.html"), "x").unwrap();
        assert!(!templates_built_in(root.path(), &config(Some("mine"))));
        assert!(templates_built_in(root.path(), &config(None)));
        std::fs::create_dir_all(root.path().join("templates/partials")).unwrap();
        std::fs::write(root.path().join("templates/partials/entry_card.html"), "x").unwrap();
        assert!(!templates_built_in(root.path(), &config(None)));
    }

    #[test]
    fn eject_copies_the_theme_and_keeps_what_the_journal_has() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("templates")).unwrap();
        std::fs::write(root.path().join("templates/entry.html"), "mine").unwrap();
        let done = eject(root.path(), "paper").unwrap();
        assert_eq!(done.kept, [PathBuf::from("templates/entry.html")]);
        assert!(done.written.contains(&PathBuf::from("templates/base.html")));
        assert_eq!(
            std::fs::read_to_string(root.path().join("templates/entry.html")).unwrap(),
            "mine"
        );
        let palette =
            std::fs::read_to_string(root.path().join("templates/partials/palette.html")).unwrap();
        assert!(palette.contains("The paper theme"), "{palette}");
        assert!(root.path().join("static/style.css").is_file());
        assert!(eject(root.path(), "nope").is_err());
    }
}
