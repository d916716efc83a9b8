//! `strata import`: journals kept with jrnl, Obsidian, Jekyll and Hugo become entry files that
//! build, with nothing overwritten and every left-over template tag named.

mod common;

use common::Journal;

/// A new journal with `journal.yaml` alone.
fn journal() -> Journal {
    let journal = Journal::empty();
    journal.write("journal.yaml", "title: Imported\n");
    journal
}

fn fixture(name: &str) -> String {
    common::fixture_path(&format!("import/{name}"))
        .display()
        .to_string()
}

#[test]
fn a_jrnl_export_becomes_entries_that_build_and_a_second_import_overwrites_nothing() {
    let journal = journal();
    // Exported by jrnl 4.6 (`jrnl --export json`).
    let run = journal.run(&["import", "jrnl", &fixture("jrnl-export.json")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("strata: imported 4 entries"),
        "{}",
        run.stderr
    );
    let entry = journal.read("entries/2026/2026-02-20-shipped-the-budget-model.md");
    assert_eq!(
        entry,
        "---\ntitle: \"Shipped the @budget model.\"\ndate: 2026-02-20 12:00\ntags: [\"budget\", \"starred\"]\n---\nFinance signed off.\n"
    );
    let site = journal.build(&[]);
    let page = site.text("tags/starred/index.html");
    assert!(page.contains("Shipped the @budget model."), "{page}");
    // Again: every file gets `-2`, none is replaced.
    let run = journal.run(&["import", "jrnl", &fixture("jrnl-export.json")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        journal.read("entries/2026/2026-02-20-shipped-the-budget-model.md"),
        entry
    );
    assert!(
        journal
            .path()
            .join("entries/2026/2026-02-20-shipped-the-budget-model-2.md")
            .exists()
    );
}

#[test]
fn jekyll_posts_keep_their_front_matter_and_lose_liquid_with_a_markdown_meaning() {
    let journal = journal();
    let run = journal.run(&["import", "jekyll", &fixture("jekyll/_posts")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("2023-01-29-release.md:22:1: Liquid tag `{% include docs_contents.html %}` has no markdown meaning; it is kept as text"),
        "{}",
        run.stderr
    );
    let post = journal.read("entries/2023/2023-01-29-release.md");
    assert!(post.starts_with("---\nlayout: news_item\ntitle: \"Jekyll 4.3.2 Released\"\n"));
    assert!(
        post.contains("[the last one](../2022/2022-10-26-jekyll-4-3-1-released.md)"),
        "{post}"
    );
    assert!(
        post.contains("```ruby\ngem \"jekyll\", \"~> 4.3.2\"\n```"),
        "{post}"
    );
    assert!(
        post.contains("`{{ page.title }}`") && !post.contains("{% raw %}"),
        "{post}"
    );
    assert!(post.contains("![logo](/img/logo.png)"), "{post}");
    let site = journal.build(&[]);
    let page = site.text("2023/01/release/index.html");
    assert!(page.contains("<code class=\"language-ruby\">"), "{page}");
    assert!(
        page.contains("href=\"/2022/10/jekyll-4-3-1-released/\""),
        "{page}"
    );
    assert!(
        !page.contains("{% highlight") && !page.contains("{% raw"),
        "{page}"
    );
}

#[test]
fn obsidian_daily_notes_bring_their_tags_links_and_pictures() {
    let journal = journal();
    let run = journal.run(&["import", "obsidian", &fixture("obsidian")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("Ideas.md is not a daily note"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("2026-01-12.md:1:38: `![[missing.png]]`: the vault has no such file"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("strata: imported 2 entries"),
        "{}",
        run.stderr
    );
    assert_eq!(
        journal.read("entries/2026/2026-01-10.md"),
        "---\nmood: good\ntags:\n- budget\n- team/leads\n---\nPlanned the #budget with the #team/leads.\n\n![](whiteboard.png)\n\nFollow-up in [[2026-01-12]].\n"
    );
    let site = journal.build(&[]);
    let page = site.text("2026/01/2026-01-10/index.html");
    assert!(
        page.contains("<img src=\"/2026/01/2026-01-10/whiteboard.png\""),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"/2026/01/2026-01-12/\">2026-01-12</a>"),
        "{page}"
    );
    assert!(site.files.contains_key("2026/01/2026-01-10/whiteboard.png"));
    assert!(site.files.contains_key("tags/team-leads/index.html"));
}

#[test]
fn a_source_that_is_not_the_format_is_an_error_with_its_position() {
    let journal = journal();
    journal.write("export.json", "{\"entries\": {}}");
    let run = journal.run(&["import", "jrnl", "export.json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("export.json:1:"), "{}", run.stderr);
    assert!(!journal.path().join("entries").exists());
}

#[test]
fn hugo_content_is_dated_from_its_front_matter_and_its_shortcodes_converted() {
    let journal = journal();
    let run = journal.run(&["import", "hugo", &fixture("hugo/content")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("my-first-post.md:14:49: shortcode `{{< tweet user=\"x\" id=\"1\" >}}` has no markdown meaning"),
        "{}",
        run.stderr
    );
    let post = journal.read("entries/2024/2024-03-01-my-first-post.md");
    assert!(post.contains("```go\nfmt.Println(\"hi\")\n```"), "{post}");
    assert!(
        post.contains("[the second](2024-04-02-second-post.md)"),
        "{post}"
    );
    // TOML front matter (`+++`) becomes YAML.
    assert_eq!(
        journal.read("entries/2024/2024-05-06-toml-post.md"),
        "---\ntitle: A TOML post\ndate: 2024-05-06T08:00:00+02:00\ntags:\n- hugo\n- toml\ndraft: false\n---\n\nWritten with TOML front matter.\n"
    );
    let site = journal.build(&[]);
    let page = site.text("2024/03/my-first-post/index.html");
    assert!(page.contains("href=\"/2024/04/second-post/\""), "{page}");
    assert!(site.files.contains_key("tags/toml/index.html"));
}

#[test]
fn a_day_one_export_becomes_entries_with_their_photos_and_every_entry_is_on_the_site() {
    let journal = journal();
    let run = journal.run(&["import", "dayone", &fixture("dayone")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("strata: imported 2 entries"),
        "{}",
        run.stderr
    );
    let entry = journal.read("entries/2026/2026-01-10-budget-season.md");
    assert!(
        entry.starts_with("---\ntitle: \"Budget season\"\ndate: 2026-01-10T08:30:00+00:00\ntags: [\"work\", \"budget\", \"starred\"]\n---\n"),
        "{entry}"
    );
    assert!(
        entry.contains("![](9e107d9d372bb6826bd81d3542a419d6.jpeg)"),
        "{entry}"
    );
    let site = journal.build(&[]);
    let page = site.text("2026/01/budget-season/index.html");
    assert!(page.contains("Asked finance early. It worked."), "{page}");
    assert!(
        site.files
            .contains_key("2026/01/budget-season/9e107d9d372bb6826bd81d3542a419d6.jpeg")
    );
    assert!(
        site.files
            .contains_key("2026/01/first-incident-review/index.html")
    );
    assert!(site.files.contains_key("tags/starred/index.html"));
}

#[test]
fn a_zipped_day_one_export_imports_like_the_folder() {
    let journal = journal();
    // The fixture folder as Day One hands it out: one .zip.
    let archive = journal.path().join("Export.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&archive).expect("Export.zip"));
    let folder = common::fixture_path("import/dayone");
    for name in [
        "Journal.json",
        "photos/9e107d9d372bb6826bd81d3542a419d6.jpeg",
    ] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("a file in the zip");
        std::io::Write::write_all(&mut zip, &std::fs::read(folder.join(name)).expect(name))
            .expect("written");
    }
    zip.finish().expect("the zip closed");
    let run = journal.run(&["import", "dayone", "Export.zip"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("strata: imported 2 entries"),
        "{}",
        run.stderr
    );
    assert!(
        journal
            .path()
            .join("entries/2026/9e107d9d372bb6826bd81d3542a419d6.jpeg")
            .exists()
    );
    // Something that is not a zip is refused with what it is.
    journal.write("Other.zip", "not a zip");
    let run = journal.run(&["import", "dayone", "Other.zip"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("Other.zip is not a zip archive"),
        "{}",
        run.stderr
    );
}
