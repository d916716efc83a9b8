//! Posts as Jekyll and Hugo write them build without edits: their dates, excerpts and old
//! addresses are read as those tools read them.

mod common;

use common::Journal;

#[test]
fn a_jekyll_date_with_more_after_it_is_read_when_it_agrees_with_the_file_name() {
    let journal = Journal::empty();
    journal.write("journal.yaml", "title: Posts\n");
    journal.write(
        "entries/2023-01-29-release.md",
        "---\ntitle: Release\ndate: 2023-01-29 18:30:22 2023 -0800\nexcerpt: The short of it.\n---\nText.\n",
    );
    let run = journal.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning: entries/2023-01-29-release.md:3:7: cannot read \"2023-01-29 18:30:22 2023 -0800\" as a date; it is read as 2023-01-29"),
        "{}",
        run.stderr
    );
    let site = common::Site::read(&journal.path().join("public"));
    assert!(site.files.contains_key("2023/01/release/index.html"));
    // Jekyll's `excerpt:` is the summary the lists show.
    assert!(site.text("archive/index.html").contains("Release"));
    assert!(site.text("index.html").contains("The short of it."));
    // A date that disagrees with the file name is still an error.
    journal.write(
        "entries/2023-01-29-release.md",
        "---\ntitle: Release\ndate: 2023-01-30 18:30:22 2023 -0800\n---\nText.\n",
    );
    let run = journal.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error: entries/2023-01-29-release.md:3:7: cannot read \"2023-01-30 18:30:22 2023 -0800\" as a date"),
        "{}",
        run.stderr
    );
}

#[test]
fn old_addresses_send_the_reader_on_to_the_entry() {
    let journal = Journal::empty();
    journal.write(
        "journal.yaml",
        "title: Posts\nbase_url: https://example.org/j/\n",
    );
    journal.write(
        "entries/2024-05-01-renamed.md",
        "---\ntitle: Renamed <post>\naliases: [/2019/old-name/, posts/older.html]\nredirect_from: /2020/01/jekyll-name/\n---\nText.\n",
    );
    let site = journal.build(&[]);
    let target = "https://example.org/j/2024/05/renamed/";
    for file in [
        "2019/old-name/index.html",
        "posts/older.html",
        "2020/01/jekyll-name/index.html",
    ] {
        let page = site.text(file);
        assert!(
            page.contains(&format!(
                "<meta http-equiv=\"refresh\" content=\"0; url={target}\">"
            )),
            "{file}: {page}"
        );
        assert!(page.contains(&format!("<link rel=\"canonical\" href=\"{target}\">")));
        assert!(page.contains(&format!("<a href=\"{target}\">Renamed &lt;post&gt;</a>")));
    }
    // An old address that is another entry's address is an error naming both.
    journal.write(
        "entries/2024-06-01-other.md",
        "---\ntitle: Other\naliases: [/2024/05/renamed/]\n---\nText.\n",
    );
    let run = journal.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error: entries/2024-06-01-other.md:1:1: the old address /2024/05/renamed/ is also the address of entries/2024-05-01-renamed.md"),
        "{}",
        run.stderr
    );
    // One that leaves the site is refused at its line.
    journal.write(
        "entries/2024-06-01-other.md",
        "---\ntitle: Other\naliases: [/../../escaped/]\n---\nText.\n",
    );
    let run = journal.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error: entries/2024-06-01-other.md:3:"),
        "{}",
        run.stderr
    );
}

#[test]
fn hugo_toml_front_matter_is_read_and_its_errors_point_at_its_own_lines() {
    let journal = Journal::empty();
    journal.write("journal.yaml", "title: Posts\n");
    journal.write(
        "entries/my-post.md",
        "+++\ntitle = \"A TOML post\"\ndate = 2024-05-06T08:00:00+02:00\ntags = [\"hugo\", \"toml\"]\nwork = \"growth\"\n+++\n\nWritten with TOML.\n",
    );
    let site = journal.build(&[]);
    let page = site.text("2024/05/my-post/index.html");
    assert!(page.contains("<h1>A TOML post</h1>"), "{page}");
    assert!(page.contains("Written with TOML."), "{page}");
    assert!(site.files.contains_key("tags/toml/index.html"));
    // A problem in it is placed on its line as written.
    journal.write(
        "entries/my-post.md",
        "+++\ntitle = \"A TOML post\"\ndate = 2024-05-06\nlayer = \"cooperaton\"\n+++\nText.\n",
    );
    let run = journal.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: entries/my-post.md:4:10: unknown layer \"cooperaton\""),
        "{}",
        run.stderr
    );
    // And so is a TOML syntax error.
    journal.write(
        "entries/my-post.md",
        "+++\ntitle = \"A TOML post\"\ndate = \n+++\nText.\n",
    );
    let run = journal.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error: entries/my-post.md:3:"),
        "{}",
        run.stderr
    );
}
