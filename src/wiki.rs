//! What `[[wiki links]]` can name, as people write them after Obsidian, Logseq or Quartz: an
//! entry by title (any case), slug or file name, and the pages of a capability, a layer or a
//! tag (`[[capability:Systems thinking]]`). Built from the entries a build shows, and nothing
//! else, so that a hidden entry never changes what a published link finds.
//!
//! A leaf module: it is told the names; the journal tells it, and markdown asks it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The names a wiki link may use, for one build.
#[derive(Debug, Clone, Default)]
pub struct WikiTargets {
    /// Each entry's title, slug and file name (without `.md`), lowered, to its files (their
    /// places in `files`, in the order added); hashed, for a large journal's hundreds of
    /// thousands of names are only ever looked up.
    entries: rustc_hash::FxHashMap<String, Vec<u32>>,
    /// The file of each entry added.
    files: Vec<PathBuf>,
    /// The slugs of the capabilities shown entries name.
    capabilities: BTreeSet<String>,
    /// The slugs of the tags shown entries carry.
    tags: BTreeSet<String>,
    /// The layers of the config.
    layers: BTreeSet<String>,
}

/// What one wiki link finds.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Found {
    /// The entry file it names.
    Entry(PathBuf),
    /// A page of the site (a capability, layer or tag), by its site path.
    Page(String),
    /// Two or more entries answer to the name: these.
    Ambiguous(Vec<PathBuf>),
    /// Nothing answers to it.
    Nothing,
}

impl WikiTargets {
    /// Ready for `layers` (the config's).
    pub fn new(layers: &[String]) -> WikiTargets {
        WikiTargets {
            layers: layers.iter().cloned().collect(),
            ..WikiTargets::default()
        }
    }

    /// Adds a shown entry: its file (relative to the journal), title and slug.
    pub fn add_entry(&mut self, file: &Path, title: &str, slug: &str) {
        self.add_entries(&[(file, title, slug)]);
    }

    /// Adds shown entries, each as its file, title and slug ([`WikiTargets::add_entry`]):
    /// their names lowered in parallel, for at 100,000 entries that alone held up the build.
    pub fn add_entries(&mut self, entries: &[(&Path, &str, &str)]) {
        use rayon::prelude::*;
        let names: Vec<[String; 3]> = entries
            .par_iter()
            .map(|(file, title, slug)| {
                let stem = file.file_stem().unwrap_or_default().to_string_lossy();
                [key(title), key(slug), key(&stem)]
            })
            .collect();
        for ((file, _, _), names) in entries.iter().zip(names) {
            let Ok(place) = u32::try_from(self.files.len()) else {
                return;
            };
            self.files.push(file.to_path_buf());
            for name in names.into_iter().filter(|n| !n.is_empty()) {
                let places = self.entries.entry(name).or_default();
                // A title that is also the file's name names the file once.
                if places.last() != Some(&place) {
                    places.push(place);
                }
            }
        }
    }

    /// Adds the capabilities and tags (their slugs) a shown entry names.
    pub fn add_names<'n>(
        &mut self,
        capabilities: impl IntoIterator<Item = &'n str>,
        tags: impl IntoIterator<Item = &'n str>,
    ) {
        self.capabilities
            .extend(capabilities.into_iter().map(str::to_string));
        self.tags.extend(tags.into_iter().map(slug::slugify));
    }

    /// What `target` — the part of `[[target]]` before any `#` or `|` — names.
    pub fn find(&self, target: &str) -> Found {
        let target = target.trim();
        let prefixed = |prefix: &str| {
            target
                .get(..prefix.len())
                .filter(|p| p.eq_ignore_ascii_case(prefix))
                .map(|_| slug::slugify(&target[prefix.len()..]))
        };
        let page = |slug: String, set: &BTreeSet<String>, folder: &str| {
            if set.contains(&slug) {
                Found::Page(format!("/{folder}/{slug}/"))
            } else {
                Found::Nothing
            }
        };
        if let Some(slug) = prefixed("capability:") {
            return page(slug, &self.capabilities, "capabilities");
        }
        if let Some(slug) = prefixed("layer:") {
            return page(slug, &self.layers, "layers");
        }
        if let Some(slug) = prefixed("tag:") {
            return page(slug, &self.tags, "tags");
        }
        let name = target
            .strip_suffix(".md")
            .or_else(|| target.strip_suffix(".markdown"))
            .unwrap_or(target);
        // A path (`2025/01/budget`) names the file at its end.
        let name = name.rsplit('/').next().unwrap_or(name);
        let files = self.files_named(&key(name));
        match files[..] {
            [] => Found::Nothing,
            [file] => Found::Entry(file.clone()),
            _ => Found::Ambiguous(files.into_iter().cloned().collect()),
        }
    }

    /// The files a name (as [`key`] makes it) names, sorted, each once.
    fn files_named(&self, name: &str) -> Vec<&PathBuf> {
        let mut files: Vec<&PathBuf> = self
            .entries
            .get(name)
            .into_iter()
            .flatten()
            .filter_map(|&place| self.files.get(place as usize))
            .collect();
        files.sort();
        files.dedup();
        files
    }
}

/// Equal when every name finds the same: the order entries were added in does not count (a
/// preview adds an entry it read again last).
impl PartialEq for WikiTargets {
    fn eq(&self, other: &Self) -> bool {
        self.capabilities == other.capabilities
            && self.tags == other.tags
            && self.layers == other.layers
            && self.entries.len() == other.entries.len()
            && self
                .entries
                .keys()
                .all(|name| self.files_named(name) == other.files_named(name))
    }
}

impl Eq for WikiTargets {}

/// A name as it is looked up: lowered, with runs of spaces as one.
fn key(name: &str) -> String {
    // Most names are ASCII with single spaces inside: lowered as they are, in one copy.
    let plain = name.is_ascii()
        && !name.starts_with(' ')
        && !name.ends_with(' ')
        && !name.contains("  ")
        && !name.bytes().any(|b| b.is_ascii_whitespace() && b != b' ');
    if plain {
        return name.to_ascii_lowercase();
    }
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets() -> WikiTargets {
        let mut t = WikiTargets::new(&["cooperation".into()]);
        t.add_entry(
            Path::new("entries/2025/2025-01-10-budget-season.md"),
            "Budget season",
            "budget-season",
        );
        t.add_entry(Path::new("entries/a.md"), "Retro", "retro-a");
        t.add_entry(Path::new("entries/b.md"), "retro", "retro-b");
        t.add_names(["systems-thinking"], ["Hiring"]);
        t
    }

    #[test]
    fn an_entry_is_found_by_title_slug_or_file_name_in_any_case() {
        let t = targets();
        let budget = Found::Entry(PathBuf::from("entries/2025/2025-01-10-budget-season.md"));
        for name in [
            "Budget season",
            "budget  SEASON",
            "budget-season",
            "2025-01-10-budget-season",
            "2025-01-10-budget-season.md",
        ] {
            assert_eq!(t.find(name), budget, "{name}");
        }
        assert_eq!(
            t.find("retro"),
            Found::Ambiguous(vec![
                PathBuf::from("entries/a.md"),
                PathBuf::from("entries/b.md")
            ])
        );
        assert_eq!(
            t.find("retro-b"),
            Found::Entry(PathBuf::from("entries/b.md"))
        );
        assert_eq!(t.find("nothing here"), Found::Nothing);
    }

    #[test]
    fn capabilities_layers_and_tags_are_found_by_prefix() {
        let t = targets();
        assert_eq!(
            t.find("capability:Systems thinking"),
            Found::Page("/capabilities/systems-thinking/".into())
        );
        assert_eq!(
            t.find("Layer:cooperation"),
            Found::Page("/layers/cooperation/".into())
        );
        assert_eq!(t.find("tag:hiring"), Found::Page("/tags/hiring/".into()));
        assert_eq!(t.find("capability:Juggling"), Found::Nothing);
    }

    #[test]
    fn targets_are_equal_when_every_name_finds_the_same_whatever_the_order_added() {
        let mut reversed = WikiTargets::new(&["cooperation".into()]);
        reversed.add_entries(&[
            (Path::new("entries/b.md"), "retro", "retro-b"),
            (Path::new("entries/a.md"), "Retro", "retro-a"),
            (
                Path::new("entries/2025/2025-01-10-budget-season.md"),
                "Budget season",
                "budget-season",
            ),
        ]);
        reversed.add_names(["systems-thinking"], ["Hiring"]);
        assert_eq!(reversed, targets());
        assert_eq!(reversed.find("retro"), targets().find("retro"));
        // An entry read again (a preview adds it once more) still names its file once.
        reversed.add_entry(Path::new("entries/b.md"), "retro", "retro-b");
        assert_eq!(reversed, targets());
        reversed.add_entry(Path::new("entries/c.md"), "Retro", "retro-c");
        assert_ne!(reversed, targets());
    }
}
