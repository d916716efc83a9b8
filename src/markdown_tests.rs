//! Markdown rendering, as small inputs and the HTML they must give.

use super::*;

fn entries() -> BTreeMap<PathBuf, Option<String>> {
    [
        ("entries/2026/a.md", Some("/2026/01/a/")),
        ("entries/2025/old.md", Some("/2025/05/old/")),
        ("entries/2026/secret.md", None),
    ]
    .into_iter()
    .map(|(p, l)| (PathBuf::from(p), l.map(String::from)))
    .collect()
}

/// What wiki links may name beside [`entries`]: `a.md` as "First steps" (slug `a`), two
/// entries titled "Retro", a capability and a tag.
fn wiki_targets() -> crate::wiki::WikiTargets {
    let mut wiki = crate::wiki::WikiTargets::new(&["cooperation".into()]);
    wiki.add_entry(Path::new("entries/2026/a.md"), "First steps", "a");
    wiki.add_entry(Path::new("entries/2026/r1.md"), "Retro", "retro-1");
    wiki.add_entry(Path::new("entries/2026/r2.md"), "Retro", "retro-2");
    wiki.add_names(["systems-thinking"], ["Hiring"]);
    wiki
}

fn render_with(base_path: &str, body: &str, summary: Option<&str>) -> (Rendered, Vec<Diagnostic>) {
    let entries = entries();
    let attachments: BTreeSet<PathBuf> =
        ["entries/2026/white board.png", "entries/shared/plan.pdf"]
            .into_iter()
            .map(PathBuf::from)
            .collect();
    let wiki = wiki_targets();
    let links = Links {
        base_path,
        entries: &entries,
        attachments: &attachments,
        wiki: &wiki,
        unpublished: &BTreeSet::new(),
    };
    let source = Source {
        path: Path::new("entries/2026/b.md"),
        permalink: "/2026/02/b/",
        body_line: 5,
    };
    render(source, body, summary, links)
}

#[test]
fn files_beside_an_entry_are_published_next_to_its_page() {
    let (out, warnings) = render_with(
        "/sub/",
        "![Board](white%20board.png \"t\") and [the plan](../shared/plan.pdf#page=2).\n",
        None,
    );
    assert!(
        out.html
            .contains(r#"<img src="/sub/2026/02/b/white%20board.png" alt="Board" title="t" />"#),
        "{}",
        out.html
    );
    assert!(
        out.html
            .contains(r#"<a href="/sub/2026/02/b/plan.pdf#page=2">the plan</a>"#),
        "{}",
        out.html
    );
    assert_eq!(
        out.attachments,
        [
            Attachment {
                source: PathBuf::from("entries/2026/white board.png"),
                path: "/2026/02/b/white board.png".into()
            },
            Attachment {
                source: PathBuf::from("entries/shared/plan.pdf"),
                path: "/2026/02/b/plan.pdf".into()
            }
        ]
    );
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn an_image_or_a_link_to_a_missing_file_is_a_warning_at_its_place() {
    let (out, warnings) = render_with(
        "/",
        "Text.\n\nSee ![x](gone.png) and [y](notes/missing.txt).\n",
        None,
    );
    assert!(out.html.contains(r#"src="gone.png""#), "{}", out.html);
    let found: Vec<String> = warnings
        .iter()
        .map(|w| format!("{}: {}", w.position(), w.message))
        .collect();
    assert_eq!(
        found,
        [
            "entries/2026/b.md:7:5: image `gone.png` points at nothing: there is no file entries/2026/gone.png",
            "entries/2026/b.md:7:24: link `notes/missing.txt` points at nothing: there is no file entries/2026/notes/missing.txt",
        ]
    );
    // Links to pages and folders, fragments and queries are not files to check.
    let (_, warnings) = render_with(
        "/",
        "[a](#top) [b](../tags/) [c](?q=1) [d](https://x.org/y.png)\n",
        None,
    );
    assert!(warnings.is_empty(), "{warnings:?}");
}

fn html(body: &str) -> String {
    render_with("/", body, None).0.html.to_string()
}

#[test]
fn renders_tables_footnotes_strikethrough_and_task_lists() {
    let out = html(
        "| a | b |\n| - | - |\n| 1 | 2 |\n\nText[^1] ~~old~~\n\n- [x] done\n- [ ] open\n\n[^1]: Note.\n",
    );
    assert!(out.contains("<table>"), "{out}");
    assert!(out.contains("<del>old</del>"), "{out}");
    assert!(
        out.contains(r#"<div class="footnote-definition" id="fn-1">"#),
        "{out}"
    );
    assert!(
        out.contains(r##"<sup class="footnote-reference"><a href="#fn-1">1</a></sup>"##),
        "{out}"
    );
    assert!(
        out.contains(r#"<input type="checkbox" disabled checked aria-label="done">"#),
        "{out}"
    );
    assert!(out.contains(r#"aria-label="not done""#), "{out}");
}

#[test]
fn uses_smart_punctuation() {
    assert!(html("\"Quoted\" -- it's...\n").contains("“Quoted” – it’s…"));
}

#[test]
fn gives_headings_unique_ids() {
    let out = html("## What I did\n\n## What I did\n\n## Custom {#mine}\n\n## Main\n");
    assert!(
        out.contains(r#"<h2 id="main-1">Main</h2>"#),
        "template ids are reserved: {out}"
    );
    assert!(
        out.contains(r#"<h2 id="what-i-did">What I did</h2>"#),
        "{out}"
    );
    assert!(
        out.contains(r#"<h2 id="what-i-did-1">What I did</h2>"#),
        "{out}"
    );
    assert!(out.contains(r#"<h2 id="mine">Custom</h2>"#), "{out}");
}

#[test]
fn rewrites_links_to_entries_with_the_base_path() {
    let (rendered, warnings) =
        render_with("/sub/", "[a](a.md) and [old](../2025/old.md#why)\n", None);
    assert!(
        rendered.html.contains(r#"<a href="/sub/2026/01/a/">a</a>"#),
        "{}",
        rendered.html
    );
    assert!(
        rendered
            .html
            .contains(r#"<a href="/sub/2025/05/old/#why">old</a>"#),
        "{}",
        rendered.html
    );
    assert!(warnings.is_empty());
    assert_eq!(
        rendered.links_to.iter().collect::<Vec<_>>(),
        ["/2025/05/old/", "/2026/01/a/"]
    );
}

#[test]
fn puts_the_base_path_before_root_relative_links_and_images() {
    let out = render_with(
        "/sub/",
        "[t](/tags/) ![i](/images/x.png) [e](https://e.org/) [f](#part) [p](//cdn.org/x)\n",
        None,
    )
    .0
    .html;
    assert!(out.contains(r#"href="/sub/tags/""#), "{out}");
    assert!(out.contains(r#"src="/sub/images/x.png""#), "{out}");
    assert!(
        out.contains(r#"href="https://e.org/""#)
            && out.contains(r##"href="#part""##)
            && out.contains(r#"href="//cdn.org/x""#)
    );
}

#[test]
fn links_to_unpublished_or_missing_entries_become_text_with_a_warning() {
    let (rendered, warnings) = render_with(
        "/",
        "Line one.\n\nSee [the plan](secret.md) and [gone](nope.md).\n",
        None,
    );
    assert!(
        rendered.html.contains("See the plan and gone."),
        "{}",
        rendered.html
    );
    assert!(!rendered.html.contains("secret"));
    assert_eq!(warnings.len(), 2);
    // The body starts at line 5 of the file: the link is on line 7.
    assert_eq!(warnings[0].position(), "entries/2026/b.md:7:5");
    assert_eq!(
        warnings[0].source_line.as_deref(),
        Some("See [the plan](secret.md) and [gone](nope.md).")
    );
}

#[test]
fn the_summary_is_the_first_paragraph_without_footnote_marks() {
    let (rendered, _) = render_with("/", "First *para*[^n].\n\nSecond.\n\n[^n]: Note.\n", None);
    assert_eq!(rendered.summary_html, "<p>First <em>para</em>.</p>\n");
    assert_eq!(rendered.summary_text, "First para.");
}

#[test]
fn the_summary_ends_at_the_more_marker() {
    let (rendered, _) = render_with("/", "One.\n\nTwo.\n\n<!-- more -->\n\nThree.\n", None);
    assert_eq!(rendered.summary_text, "One. Two.");
    assert!(rendered.html.contains("Three."));
    // Other HTML before it, and a marker almost written, are passed over.
    let body = "One <b>x</b>.\n\n<!-- mor -->\n\nTwo.\n\n<!-- more -->\n\nThree.\n";
    assert_eq!(render_with("/", body, None).0.summary_text, "One x. Two.");
    assert_eq!(more_marker("a < b <!-- more -->"), Some(6));
    assert_eq!(more_marker("a < b <!-- more"), None);
}

#[test]
fn a_written_summary_wins_and_is_escaped() {
    let (rendered, _) = render_with("/", "Body.\n", Some("Mine <b>"));
    assert_eq!(rendered.summary_html, "<p>Mine &lt;b&gt;</p>\n");
}

#[test]
fn counts_words_and_reading_time() {
    let (rendered, _) = render_with("/", &"word ".repeat(401), None);
    assert_eq!((rendered.word_count, rendered.reading_minutes), (401, 3));
    assert_eq!(render_with("/", "", None).0.reading_minutes, 1);
}

#[test]
fn decodes_percent_escapes_in_links() {
    assert_eq!(percent_decode("my%20file.md"), "my file.md");
    assert_eq!(percent_decode("100%"), "100%");
}

#[test]
fn words_are_counted_as_the_plain_text_splits_them() {
    for body in [
        "One *two* three\n\nfour five\u{a0}six — don't `seven`\n\n- eight\n- nine\n",
        "",
        "   \n\n",
        "[a link](x.md) and ![an image](y.png) end",
        "tab\tvertical\u{b}feed\u{c}return\rend, all ASCII",
    ] {
        let events: Vec<Event<'_>> = Parser::new_ext(body, options()).collect();
        assert_eq!(
            word_count(&events),
            plain_text(&events).split_whitespace().count(),
            "{body:?}"
        );
    }
}

#[test]
fn a_body_holds_while_what_its_links_find_is_unchanged() {
    let (rendered, _) = render_with(
        "/",
        "[a](a.md), [gone](missing.md) and ![board](white%20board.png).\n",
        None,
    );
    let mut entries = entries();
    let mut attachments: BTreeSet<PathBuf> = ["entries/2026/white board.png"]
        .into_iter()
        .map(PathBuf::from)
        .collect();
    let holds = |entries: &BTreeMap<PathBuf, Option<String>>, attachments: &BTreeSet<PathBuf>| {
        rendered.lookups.still_hold(Links {
            base_path: "/",
            entries,
            attachments,
            wiki: &crate::wiki::WikiTargets::default(),
            unpublished: &BTreeSet::new(),
        })
    };
    // Entries and files it does not link to come and go without touching it.
    entries.insert("entries/2026/new.md".into(), Some("/2026/03/new/".into()));
    entries.remove(Path::new("entries/2025/old.md"));
    assert!(holds(&entries, &attachments));
    // Its target moves, a missing target appears, or its picture goes: it must be rendered again.
    let mut moved = entries.clone();
    moved.insert("entries/2026/a.md".into(), Some("/2026/04/a/".into()));
    assert!(!holds(&moved, &attachments));
    let mut appeared = entries.clone();
    appeared.insert("entries/2026/missing.md".into(), None);
    assert!(!holds(&appeared, &attachments));
    attachments.clear();
    assert!(!holds(&entries, &attachments));
}

#[test]
fn no_form_of_a_link_to_a_hidden_entry_writes_its_name() {
    // `entries/2026/secret.md` is an entry this build does not publish.
    for body in [
        "[s](secret.md)",
        "[s](secret.md#part)",
        "[s](secret.md?x=1)",
        "[s](secret.md/)",
        "[s](./secret.md)",
        "[s](/entries/2026/secret.md)",
        "[s](/entries/2026/secret.md?x=1#part)",
        "[s](%73ecret.md)",
        "![s](secret.md)",
        "[s][ref]\n\n[ref]: secret.md",
        "<a href=\"secret.md\">s</a>",
        "Inline <a HREF='/entries/2026/secret.md?x'>s</a> html.",
        "<img src=\"secret.md\" alt=\"s\">",
    ] {
        let (rendered, warnings) = render_with("/", &format!("{body}\n"), None);
        assert!(
            !rendered.html.contains("secret"),
            "{body}: {}",
            rendered.html
        );
        assert!(
            warnings.iter().any(|w| w.message.contains("not published")),
            "{body}: {warnings:?}"
        );
    }
    // The same forms to a published entry all reach its page.
    for body in [
        "[a](a.md?x=1)",
        "[a](a.md/)",
        "[a](/entries/2026/a.md#x)",
        "<a href=\"a.md\">a</a>",
    ] {
        let (rendered, _) = render_with("/sub/", &format!("{body}\n"), None);
        assert!(
            rendered.html.contains("href=\"/sub/2026/01/a/"),
            "{body}: {}",
            rendered.html
        );
    }
}

#[test]
fn wiki_links_in_every_form_go_where_they_name() {
    let body = "See [[First steps]], [[first STEPS|the start]], [[a]], [[a.md#What I learnt]],\n[[capability:Systems thinking]], [[layer:cooperation]] and [[tag:hiring]].\n";
    let (out, warnings) = render_with("/sub/", body, None);
    assert!(warnings.is_empty(), "{warnings:?}");
    let html = &out.html;
    assert!(
        html.contains(r#"<a href="/sub/2026/01/a/">First steps</a>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<a href="/sub/2026/01/a/">the start</a>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<a href="/sub/2026/01/a/">a</a>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<a href="/sub/2026/01/a/#what-i-learnt">a.md#What I learnt</a>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<a href="/sub/capabilities/systems-thinking/">"#),
        "{html}"
    );
    assert!(html.contains(r#"<a href="/sub/layers/cooperation/">"#));
    assert!(html.contains(r#"<a href="/sub/tags/hiring/">"#));
    // A wiki link to an entry is a link to it: the entry gets a backlink.
    assert!(out.links_to.contains("/2026/01/a/"));
}

#[test]
fn wiki_links_that_name_nothing_or_two_entries_are_plain_text_and_warned_at_their_column() {
    let body =
        "Intro.\n\nThen [[Nowhere]] and [[Retro|the retro]].\n\n`[[First steps]]` stays code.\n";
    let (out, warnings) = render_with("/", body, None);
    let html = &out.html;
    assert!(html.contains("Then Nowhere and the retro."), "{html}");
    assert!(html.contains("<code>[[First steps]]</code>"), "{html}");
    let said: Vec<(String, String)> = warnings
        .iter()
        .map(|d| (d.position(), d.message.clone()))
        .collect();
    assert_eq!(said.len(), 2, "{said:?}");
    // The body starts on line 5 of the file; the `[[` is the column.
    assert_eq!(said[0].0, "entries/2026/b.md:7:6");
    assert!(
        said[0]
            .1
            .starts_with("`[[Nowhere]]`: no entry has that title"),
        "{}",
        said[0].1
    );
    assert_eq!(said[1].0, "entries/2026/b.md:7:22");
    assert!(
        said[1]
            .1
            .contains("names more than one entry (entries/2026/r1.md and entries/2026/r2.md)"),
        "{}",
        said[1].1
    );
}

#[test]
fn a_link_remembers_the_sentence_it_stands_in_as_plain_text() {
    let body = "First paragraph.\n\nWe met again. After **the talk** in [the first session](../2026/a.md) it went well. Then lunch.\n";
    let (out, _) = render_with("/", body, None);
    assert_eq!(
        out.link_sentences.get("/2026/01/a/").map(String::as_str),
        Some("After the talk in the first session it went well.")
    );
    let (out, _) = render_with("/", "A [[First steps|wiki link]] alone", None);
    assert_eq!(
        out.link_sentences.get("/2026/01/a/").map(String::as_str),
        Some("A wiki link alone")
    );
}

#[test]
fn a_quoted_sentence_keeps_no_address_of_any_kind() {
    let body = "See [a](a.md), <a href=\"secret.md\">this</a> and <secret.md> too.\n";
    let (out, _) = render_with("/", body, None);
    let sentence = out
        .link_sentences
        .get("/2026/01/a/")
        .cloned()
        .unwrap_or_default();
    assert_eq!(sentence, "See a, this and too.");
    assert!(!sentence.contains("secret"));
}

#[test]
fn a_summary_from_the_body_shows_no_template_tag_of_another_generator() {
    let body = "Hello {% include note.html %}Jekyllers {{< youtube abc >}}and {{ site.title }}.\n\n`{% kept %}` in code.\n";
    let (rendered, _) = render_with("/", body, None);
    assert_eq!(rendered.summary_text, "Hello Jekyllers and .");
    assert_eq!(rendered.summary_html, "<p>Hello Jekyllers and .</p>\n");
    // The page itself shows the body as written.
    assert!(rendered.html.contains("{% include note.html %}"));
    assert!(rendered.html.contains("{{&lt; youtube abc &gt;}}"));
    // A summary the writer gave is theirs, tags and all.
    let (given, _) = render_with("/", body, Some("About {% raw %}"));
    assert_eq!(given.summary_text, "About {% raw %}");
    assert_eq!(without_template_tags("a { b } {{ c"), "a { b } {{ c");
}
