//! Templates: the built-in theme embedded in the binary, a journal's chosen theme, and the
//! journal's own `templates/` overriding either by name. Turns a [`Page`] into text.
//!
//! This module owns Tera; no other module knows which template engine strata uses.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use tera::{Context, Tera};

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::site::Page;

/// The built-in theme, compiled into the binary so an installed `strata` needs no other files.
static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A journal's own templates, overriding the theme's of the same name.
pub const TEMPLATES_DIR: &str = "templates";
/// A journal's own static files, copied to the site root.
pub const STATIC_DIR: &str = "static";
/// Where a journal keeps themes it selects with `theme:`.
pub const THEMES_DIR: &str = "themes";

/// A file copied into the site as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asset {
    /// Bytes compiled into strata (the built-in theme).
    Embedded(&'static [u8]),
    /// A file of the journal or its theme.
    File(PathBuf),
}

/// The templates of one build, ready to render pages.
pub struct Renderer {
    tera: Tera,
}

impl Renderer {
    /// Loads the theme and the journal's overrides. `site` is the data every template sees as
    /// `site`. Template syntax errors are returned, naming the template file.
    pub fn new(
        root: &Path,
        config: &Config,
        site: &serde_json::Value,
    ) -> Result<Renderer, Vec<Diagnostic>> {
        let templates = template_sources(root, config)?;
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        tera.add_raw_templates(
            templates
                .iter()
                .map(|(name, (_, text))| (name.as_str(), text.as_str())),
        )
        .map_err(|e| vec![template_error(&templates, &e)])?;
        tera.global_context().insert("site", site);
        Ok(Renderer { tera })
    }

    /// Renders one page.
    pub fn render(&self, page: &Page<'_>) -> Result<String, Diagnostic> {
        let context = Context::from_serialize(&page.data).map_err(|e| {
            Diagnostic::error(
                Path::new(&page.template),
                None,
                None,
                format!("cannot pass page data: {e}"),
            )
        })?;
        self.tera.render(&page.template, &context).map_err(|e| {
            Diagnostic::error(
                &Path::new(TEMPLATES_DIR).join(&page.template),
                None,
                None,
                format!("while rendering {}: {}", page.path, error_chain(&e)),
            )
        })
    }
}

/// Every template by name, with where it came from and its text: the built-in theme, then the
/// selected theme, then the journal's `templates/`, each overriding the one before.
fn template_sources(
    root: &Path,
    config: &Config,
) -> Result<BTreeMap<String, (PathBuf, String)>, Vec<Diagnostic>> {
    let mut templates = BTreeMap::new();
    for file in embedded_files("templates") {
        let name = file.path().strip_prefix("templates").unwrap_or(file.path());
        if let Some(text) = file.contents_utf8() {
            templates.insert(
                slashed(name),
                (
                    PathBuf::from("themes/default").join(file.path()),
                    text.to_string(),
                ),
            );
        }
    }
    let mut errors = Vec::new();
    for folder in overrides(config, TEMPLATES_DIR) {
        // Markdown files there are starting texts for new entries, not page templates.
        for (relative, name) in files_under(root, &folder)
            .into_iter()
            .filter(|(_, name)| name.extension().is_none_or(|e| e != "md"))
        {
            match std::fs::read_to_string(root.join(&relative)) {
                Ok(text) => {
                    templates.insert(slashed(&name), (relative, text));
                }
                Err(e) => errors.push(Diagnostic::error(
                    &relative,
                    None,
                    None,
                    format!("cannot be read: {e}"),
                )),
            }
        }
    }
    if errors.is_empty() {
        Ok(templates)
    } else {
        Err(errors)
    }
}

/// Static files by site path: the built-in theme's, the selected theme's, then the journal's
/// `static/`, each overriding the one before.
pub fn assets(root: &Path, config: &Config) -> BTreeMap<String, Asset> {
    let mut assets = BTreeMap::new();
    for file in embedded_files("static") {
        let name = file.path().strip_prefix("static").unwrap_or(file.path());
        assets.insert(slashed(name), Asset::Embedded(file.contents()));
    }
    for folder in overrides(config, STATIC_DIR) {
        for (relative, name) in files_under(root, &folder) {
            assets.insert(slashed(&name), Asset::File(root.join(relative)));
        }
    }
    assets
}

/// The journal's folders of `kind` (templates or static) that override the built-in theme, in
/// order: the selected theme's, then the journal's own.
fn overrides(config: &Config, kind: &str) -> Vec<PathBuf> {
    let theme = config
        .theme
        .as_ref()
        .map(|theme| Path::new(THEMES_DIR).join(theme).join(kind));
    theme
        .into_iter()
        .chain(std::iter::once(PathBuf::from(kind)))
        .collect()
}

/// Every file of the built-in theme under `folder`, at any depth.
fn embedded_files(folder: &str) -> Vec<&'static include_dir::File<'static>> {
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<&'static include_dir::File<'static>>) {
        out.extend(dir.files());
        for sub in dir.dirs() {
            walk(sub, out);
        }
    }
    let mut files = Vec::new();
    if let Some(dir) = DEFAULT_THEME.get_dir(folder) {
        walk(dir, &mut files);
    }
    files
}

/// Files under `root/folder`, as (path relative to root, path relative to folder), skipping
/// hidden files, editor leftovers and links.
fn files_under(root: &Path, folder: &Path) -> Vec<(PathBuf, PathBuf)> {
    let mut files: Vec<(PathBuf, PathBuf)> = walkdir::WalkDir::new(root.join(folder))
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !e.file_name().to_string_lossy().ends_with('~'))
        .filter_map(|e| {
            let relative = e.path().strip_prefix(root).ok()?.to_path_buf();
            let name = e.path().strip_prefix(root.join(folder)).ok()?.to_path_buf();
            Some((relative, name))
        })
        .collect();
    files.sort();
    files
}

/// A path with `/` separators, as templates and URLs name files.
fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn template_error(
    templates: &BTreeMap<String, (PathBuf, String)>,
    error: &tera::Error,
) -> Diagnostic {
    let message = error_chain(error);
    // Tera names the template it failed on; point at its file when we can tell which.
    let path = templates
        .iter()
        .find(|(name, _)| message.contains(name.as_str()))
        .map_or_else(
            || PathBuf::from(TEMPLATES_DIR),
            |(_, (path, _))| path.clone(),
        );
    Diagnostic::error(&path, None, None, format!("template error: {message}"))
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    message
}
