//! Jekyll's `_posts` and Hugo's `content` folders: each post keeps its front matter as written
//! (strata reads Jekyll's and Hugo's keys), and the template tags that have a markdown meaning
//! become that markdown — highlighted code to fenced code, links to other posts to links to
//! their entry files, `{% raw %}` unwrapped, `{{ site.baseurl }}` dropped. Any other tag or
//! shortcode is kept as text and named with its line and column.

use std::path::{Path, PathBuf};

use super::{Imported, Read, slug_of};
use crate::journal::front_matter;
use crate::journal::load::decode;

/// Which generator wrote the posts: Jekyll's tags are Liquid (`{% %}`, `{{ }}`), Hugo's are
/// shortcodes (`{{< >}}`, `{{% %}}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generator {
    /// Jekyll.
    Jekyll,
    /// Hugo.
    Hugo,
}

/// Reads every markdown post under `folder`.
pub fn read(folder: &Path, generator: Generator) -> Read {
    let mut read = Read::default();
    let dated = posts_in(folder, &mut read);
    // Every post's name, its entry's file stem and its date, for links between posts.
    let names: Vec<PostName> = dated
        .iter()
        .map(|(p, _)| PostName {
            name: p.name.clone(),
            stem: format!("{}-{}", p.date, p.slug),
            date: p.date,
        })
        .collect();
    for (post, text) in dated {
        let converter = Converter {
            generator,
            file: &post.shown,
            body_line: post.body_line,
            date: post.date,
            posts: &names,
        };
        let (body, notes) = converter.convert(&text[post.body_start..]);
        read.notes.extend(notes);
        read.entries.push(Imported {
            date: post.date,
            slug: post.slug,
            text: format!("{}{body}", &text[..post.body_start]),
            files: Vec::new(),
            source: post.shown,
        });
    }
    read
}

/// Every markdown file under `folder` that is a post with a date, with its text (TOML front
/// matter written as YAML); what is not goes into `read.skipped` with why.
fn posts_in(folder: &Path, read: &mut Read) -> Vec<(Post, String)> {
    let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("md" | "markdown")
            )
        })
        .collect();
    paths.sort();
    let mut posts = Vec::new();
    for path in &paths {
        let shown = path.display().to_string();
        let text = std::fs::read(path)
            .map_err(|e| format!("cannot be read: {e}"))
            .and_then(|bytes| {
                decode(&bytes)
                    .map(std::borrow::Cow::into_owned)
                    .map_err(|_| "is not UTF-8 text".to_string())
            })
            .and_then(|text| {
                if text.starts_with("+++") {
                    toml_to_yaml(&text)
                } else {
                    Ok(text)
                }
            });
        match text.and_then(|text| post(path, &text).map(|post| (post, text))) {
            Ok(found) => posts.push(found),
            Err(reason) => read.skipped.push((shown, reason)),
        }
    }
    posts
}

/// How a post is named in its source, and its entry's file stem and date.
struct PostName {
    name: String,
    stem: String,
    date: chrono::NaiveDate,
}

/// A post's date, name and where its body starts.
struct Post {
    shown: String,
    name: String,
    date: chrono::NaiveDate,
    slug: String,
    body_start: usize,
    body_line: usize,
}

/// Reads where `text`'s body starts and the post's date: the file name's `YYYY-MM-DD-`
/// prefix (Jekyll), else the front matter's `date:` (Hugo).
fn post(path: &Path, text: &str) -> Result<Post, String> {
    if text.starts_with("+++") {
        return Err(
            "has TOML front matter (+++), which strata does not read yet; convert it to YAML (---)"
                .into(),
        );
    }
    let split = front_matter::split(text).map_err(|p| p.message)?;
    let body_start = text.len() - split.body.len();
    let name = stem_of(path);
    let prefix = name
        .get(..10)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    // The front matter's own `date:`, read as a build reads it.
    let written = crate::yaml::parse_mapping(split.front_matter)
        .ok()
        .and_then(|m| {
            m.get("date")
                .and_then(crate::yaml::Value::as_str)
                .map(str::to_string)
        })
        .and_then(|d| front_matter::EntryDate::parse(&d))
        .map(|d| d.date);
    let Some(date) = prefix.or(written) else {
        return Err(
            "has no date: neither its file name nor its front matter starts with one".into(),
        );
    };
    let rest = if prefix.is_some() {
        name.get(11..).unwrap_or_default()
    } else {
        &name
    };
    let slug = slug_of(rest);
    Ok(Post {
        shown: path.display().to_string(),
        name,
        date,
        slug,
        body_start,
        body_line: split.body_line,
    })
}

/// `text` with its TOML front matter (`+++` … `+++`, as Hugo writes it) written as YAML
/// (`---` … `---`), the body as it is.
fn toml_to_yaml(text: &str) -> Result<String, String> {
    let split = front_matter::split(text).map_err(|p| p.message)?;
    let yaml = crate::yaml::from_toml(split.front_matter)
        .map_err(|e| format!("has TOML front matter that cannot be read: {}", e.message))?;
    Ok(format!("---\n{yaml}---\n{}", split.body))
}

fn stem_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Turns one post's template tags into markdown.
struct Converter<'a> {
    generator: Generator,
    /// The post, as the notes name it.
    file: &'a str,
    /// The line of the file the body starts on.
    body_line: usize,
    /// The post's date: its entry goes in that year's folder.
    date: chrono::NaiveDate,
    /// Every post's names and date, for links between them.
    posts: &'a [PostName],
}

impl Converter<'_> {
    /// `body` with its tags converted, and a note for each tag kept as text.
    fn convert(&self, body: &str) -> (String, Vec<String>) {
        let (mut out, mut notes) = (String::with_capacity(body.len()), Vec::new());
        let mut rest = body;
        let mut raw = false;
        while let Some(at) = rest.find(['{']) {
            let (before, tag_text) = rest.split_at(at);
            out.push_str(before);
            let Some((tag, len)) = tag_at(tag_text) else {
                out.push('{');
                rest = &tag_text[1..];
                continue;
            };
            let offset = body.len() - tag_text.len();
            rest = &tag_text[len..];
            if raw {
                if tag.is_liquid_block("endraw") {
                    raw = false;
                } else {
                    out.push_str(&tag_text[..len]);
                }
                continue;
            }
            match self.replacement(&tag) {
                Some(Replacement::Text(text)) => out.push_str(&text),
                Some(Replacement::Raw) => raw = true,
                // Hugo reads `{{ }}` and `{% %}` in content as plain text: so does strata.
                None if self.generator == Generator::Hugo && tag.kind != TagKind::Shortcode => {
                    out.push_str(&tag_text[..len]);
                }
                None => {
                    out.push_str(&tag_text[..len]);
                    notes.push(self.note(body, offset, &tag_text[..len]));
                }
            }
        }
        out.push_str(rest);
        (out, notes)
    }

    /// What a tag becomes, or `None` to keep it as written.
    fn replacement(&self, tag: &Tag<'_>) -> Option<Replacement> {
        let words: Vec<&str> = tag.inner.split_whitespace().collect();
        let text = |t: String| Some(Replacement::Text(t));
        match (self.generator, tag.kind, words.as_slice()) {
            (Generator::Jekyll, TagKind::Block, ["raw"]) => Some(Replacement::Raw),
            (Generator::Jekyll, TagKind::Block, ["highlight", lang, ..]) => {
                text(format!("```{lang}"))
            }
            (Generator::Jekyll, TagKind::Block, ["endhighlight"]) => text("```".into()),
            (Generator::Jekyll, TagKind::Block, ["post_url", name]) => self.link_to(name),
            (Generator::Jekyll, TagKind::Block, ["link", path]) => {
                self.link_to(&stem_of(Path::new(path)))
            }
            (Generator::Jekyll, TagKind::Output, ["site.baseurl"]) => text(String::new()),
            (Generator::Hugo, TagKind::Shortcode, ["highlight", lang, ..]) => {
                text(format!("```{lang}"))
            }
            (Generator::Hugo, TagKind::Shortcode, ["/highlight"]) => text("```".into()),
            (Generator::Hugo, TagKind::Shortcode, ["ref" | "relref", target]) => {
                let target = target.trim_matches(['"', '\'']);
                let name = stem_of(Path::new(target.split('#').next().unwrap_or(target)));
                self.link_to(&name)
            }
            _ => None,
        }
    }

    /// A relative link from this post's entry to the entry of the post named `name`.
    fn link_to(&self, name: &str) -> Option<Replacement> {
        let post = self
            .posts
            .iter()
            .find(|p| p.name == name || p.stem == name || p.name.get(11..) == Some(name))?;
        let here = chrono::Datelike::year(&self.date);
        let there = chrono::Datelike::year(&post.date);
        let file = format!("{}.md", post.stem);
        Some(Replacement::Text(if here == there {
            file
        } else {
            format!("../{there}/{file}")
        }))
    }

    /// `file:line:col: … kept as text` for the tag at `offset` in `body`.
    fn note(&self, body: &str, offset: usize, written: &str) -> String {
        let (line, column) = crate::diagnostics::line_column(body, offset);
        let line = line + self.body_line - 1;
        let what = match self.generator {
            Generator::Jekyll => "Liquid tag",
            Generator::Hugo => "shortcode",
        };
        let shown: String = written.chars().take(60).collect();
        format!(
            "{}:{line}:{column}: {what} `{shown}` has no markdown meaning; it is kept as text",
            self.file
        )
    }
}

/// What a tag is turned into.
enum Replacement {
    /// This text.
    Text(String),
    /// Nothing, and what follows up to `{% endraw %}` as written.
    Raw,
}

/// The kinds of tag: `{% … %}`, `{{ … }}`, `{{< … >}}` or `{{% … %}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagKind {
    Block,
    Output,
    Shortcode,
}

/// A tag: its kind and what is between its delimiters, trimmed.
struct Tag<'a> {
    kind: TagKind,
    inner: &'a str,
}

impl Tag<'_> {
    fn is_liquid_block(&self, name: &str) -> bool {
        self.kind == TagKind::Block && self.inner.split_whitespace().next() == Some(name)
    }
}

/// The tag `text` starts with, and its length; `None` when it starts with no complete tag.
fn tag_at(text: &str) -> Option<(Tag<'_>, usize)> {
    let forms = [
        ("{{<", ">}}", TagKind::Shortcode),
        ("{{%", "%}}", TagKind::Shortcode),
        ("{%", "%}", TagKind::Block),
        ("{{", "}}", TagKind::Output),
    ];
    let (open, close, kind) = forms
        .into_iter()
        .find(|(open, ..)| text.starts_with(open))?;
    let end = text.get(open.len()..)?.find(close)? + open.len();
    // Whitespace control (`{%-`, `-%}`) is part of the delimiters.
    let inner = text.get(open.len()..end)?.trim_matches('-').trim();
    Some((Tag { kind, inner }, end + close.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn converted(generator: Generator, body: &str) -> (String, Vec<String>) {
        let post = |name: &str, date| PostName {
            name: name.to_string(),
            stem: name.to_string(),
            date,
        };
        let posts = [
            post("2010-07-21-name", day(2010, 7, 21)),
            post("2023-01-02-near", day(2023, 1, 2)),
        ];
        Converter {
            generator,
            file: "_posts/2023-01-29-x.md",
            body_line: 5,
            date: day(2023, 1, 29),
            posts: &posts,
        }
        .convert(body)
    }

    fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn liquid_with_a_markdown_meaning_becomes_markdown_and_the_rest_is_named() {
        let (body, notes) = converted(
            Generator::Jekyll,
            "{% highlight rb linenos %}\nputs 1\n{% endhighlight %}\n\
             {% raw %}{{ not_liquid }}{% endraw %}\n\
             [old]({% post_url 2010-07-21-name %}) [near]({% link _posts/2023-01-02-near.md %})\n\
             ![x]({{ site.baseurl }}/img.png)\n{% include note.html %}",
        );
        assert_eq!(
            body,
            "```rb\nputs 1\n```\n{{ not_liquid }}\n\
             [old](../2010/2010-07-21-name.md) [near](2023-01-02-near.md)\n\
             ![x](/img.png)\n{% include note.html %}"
        );
        assert_eq!(
            notes,
            [
                "_posts/2023-01-29-x.md:11:1: Liquid tag `{% include note.html %}` has no markdown meaning; it is kept as text"
            ]
        );
    }

    #[test]
    fn hugo_shortcodes_with_a_markdown_meaning_become_markdown() {
        let (body, notes) = converted(
            Generator::Hugo,
            "{{< highlight go >}}\nx := 1\n{{< /highlight >}}\n[n]({{< ref \"posts/2010-07-21-name.md\" >}}) {{< youtube abc >}} {{ site.baseurl }}",
        );
        assert_eq!(
            body,
            "```go\nx := 1\n```\n[n](../2010/2010-07-21-name.md) {{< youtube abc >}} {{ site.baseurl }}"
        );
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0].starts_with("_posts/2023-01-29-x.md:8:45: shortcode `{{< youtube abc >}}`")
        );
    }
}
