//! Bad input: every error of a build reported as `path:line:column` with its line and a caret,
//! the previous output left in place, the right exit codes, and no input that makes strata panic.

mod common;

use common::Journal;

fn broken_journal() -> Journal {
    let journal = Journal::empty();
    journal.write(
        "entries/good.md",
        "---\ntitle: Good\ndate: 2026-01-01\n---\nFine.\n",
    );
    journal.write(
        "entries/unclosed.md",
        "---\ntitle: x\ndate: 2026-01-01\n\nbody\n",
    );
    journal.write(
        "entries/syntax.md",
        "---\ntitle: Incident: DNS\ndate: 2026-01-01\n---\n",
    );
    journal.write(
        "entries/hours.md",
        "---\ndate: 2026-01-01\nhours: lots\n---\n",
    );
    journal.write(
        "entries/work.md",
        "---\ndate: 2026-01-01\nwork: grwth\n---\n",
    );
    journal.write(
        "entries/layer.md",
        "---\ntitle: Hiring cap\ndate: 2026-01-01\nlayer: cooperaton\n---\n",
    );
    journal.write("entries/date.md", "---\ndate: 2026-13-45\n---\n");
    journal.write("entries/nodate.md", "---\ntitle: No date\n---\n");
    journal.write("entries/2026-01-02-dup.md", "One.\n");
    journal.write("entries/sub/2026-01-02-dup.md", "Two.\n");
    journal.write(
        "entries/latin1.md",
        b"---\ndate: 2026-01-01\ntitle: caf\xe9\n---\n",
    );
    journal
}

#[test]
fn reports_every_error_with_its_position_and_line() {
    let run = broken_journal().run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let expected = [
        "error: entries/unclosed.md:5:1: front matter is not closed: no `---` line after line 1",
        "error: entries/syntax.md:2:16: mapping values are not allowed in this context",
        "error: entries/hours.md:3:8: hours: invalid type: string \"lots\", expected f64\n  |\n3 | hours: lots\n  |        ^^^^\n",
        "error: entries/work.md:3:7: unknown work \"grwth\"; expected growth or depth (did you mean \"growth\"?)",
        "error: entries/layer.md:4:8: unknown layer \"cooperaton\"; expected one of resources, process, cooperation (did you mean \"cooperation\"?)\n  |\n4 | layer: cooperaton\n  |        ^^^^^^^^^^\n",
        "error: entries/date.md:2:7: cannot read \"2026-13-45\" as a date",
        "error: entries/nodate.md:1:1: the entry has no date",
        "error: entries/sub/2026-01-02-dup.md:1:1: duplicate permalink /2026/01/dup/: entries/2026-01-02-dup.md has it too",
        "error: entries/latin1.md:3:11: is not valid UTF-8 text",
        "strata: 9 errors in 11 entries; nothing was written",
    ];
    for line in expected {
        assert!(
            run.stderr.contains(line),
            "missing {line:?} in:\n{}",
            run.stderr
        );
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_in_place() {
    let journal = Journal::empty();
    journal.write(
        "entries/good.md",
        "---\ntitle: Good\ndate: 2026-01-01\n---\nFine.\n",
    );
    let before = journal.build(&[]);
    journal.write(
        "entries/bad.md",
        "---\ndate: 2026-01-01\nlayer: nope\n---\n",
    );
    let run = journal.run(&["build"]);
    assert_eq!(run.code, 1);
    let after = common::Site::read(&journal.path().join("public"));
    assert!(
        before.files == after.files,
        "the output changed after a failed build"
    );
}

#[test]
fn bad_config_keys_get_a_hint() {
    let journal = Journal::empty();
    journal.write("journal.yaml", "title: x\ntreadmil_weeks: 4\n");
    let run = journal.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error: journal.yaml:2:1: unknown key `treadmil_weeks` (did you mean `treadmill_weeks`?)"), "{}", run.stderr);
}

#[test]
fn near_miss_keys_warn_but_build() {
    let journal = Journal::empty();
    journal.write(
        "entries/a.md",
        "---\ndate: 2026-01-01\nlayr: process\n---\n",
    );
    let run = journal.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning: entries/a.md:3:1: unknown key `layr`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("(did you mean `layer`?)"));
    assert!(
        journal.run(&["build", "-q"]).stderr.is_empty(),
        "quiet hides warnings and progress"
    );
}

#[test]
fn usage_errors_exit_with_2() {
    let journal = Journal::empty();
    for args in [
        &["build", "--no-such-flag"][..],
        &["frobnicate"],
        &["new"],
        &["new", "x", "--layer", "peoples"],
    ] {
        let run = journal.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    }
    assert_eq!(journal.run(&["--help"]).code, 0);
}

#[test]
fn check_validates_everything_and_writes_nothing() {
    let journal = broken_journal();
    let run = journal.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("entries/layer.md:4:8"));
    assert!(!journal.path().join("public").exists());

    let good = Journal::fixture("basic");
    good.write(
        "entries/2026/2026-03-01-private-bad.md",
        "---\nprivate: true\nwork: sideways\n---\n",
    );
    let run = good.run(&["check"]);
    assert_eq!(
        run.code, 1,
        "check also reads private entries: {}",
        run.stderr
    );
    std::fs::remove_file(good.path().join("entries/2026/2026-03-01-private-bad.md")).unwrap();
    let run = good.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("5 entries checked, no errors"),
        "{}",
        run.stderr
    );
    assert!(!good.path().join("public").exists());
}

#[test]
fn no_input_makes_strata_panic() {
    let hostile: &[&[u8]] = &[
        b"",
        b"---",
        b"---\n---",
        b"---\n---\n",
        b"\xff\xfe\x00\x01",
        b"---\n: \n---\n",
        b"---\ntitle: !!binary aGVsbG8=\ndate: 2026-01-01\n---\n",
        b"---\ndate: ~\n---\n",
        b"---\ndate: 2026-01-01\ntags: {a: 1}\n---\n",
        b"---\ndate: 2026-01-01\ncapabilities: [{name: [1]}]\n---\n",
        b"---\ndate: 2026-01-01\ncapabilities: [{name: '!!!'}]\n---\n",
        b"---\ndate: 2026-01-01\nlayer: [[a]]\n---\n",
        b"---\ndate: 2026-01-01\nhours: .nan\n---\n",
        b"---\ndate: 2026-01-01\nhours: 1e400\n---\n",
        b"---\ndate: 9999-12-31T23:59:59+14:00\n---\n",
        b"---\ndate: 2026-01-01\nslug: '../../../etc'\n---\n",
        b"---\ndate: 2026-01-01\n---\n[x](%zz.md) [y](../../../../etc/passwd.md) ![z](/) [w](#) <script>x</script>\n#\n",
        b"---\ndate: 2026-01-01\n---\n[^a]: b\n\n| a |\n| - |\n| b | c |\n\n- [ ] \n",
        b"---\n\tdate: 2026-01-01\n---\n",
        b"---\r\r\n---\n",
    ];
    for (index, content) in hostile.iter().enumerate() {
        let journal = Journal::empty();
        journal.write(&format!("entries/2026-01-01-case{index}.md"), content);
        let run = journal.run(&["build"]);
        assert!(
            matches!(run.code, 0 | 1),
            "case {index} exited {}: {}",
            run.code,
            run.stderr
        );
        assert!(
            !run.stderr.contains("panicked"),
            "case {index}: {}",
            run.stderr
        );
    }
    let deep = format!(
        "---\ndate: 2026-01-01\nx: {}{}\n---\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let journal = Journal::empty();
    journal.write("entries/deep.md", deep);
    let run = journal.run(&["build"]);
    assert!(
        matches!(run.code, 0 | 1) && !run.stderr.contains("panicked"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_renders_every_page_and_reports_a_template_that_fails_on_some_data() {
    let journal = Journal::fixture("basic");
    write_moody_entry_and_template(&journal);
    std::fs::remove_file(journal.path().join("entries/2026/2026-03-02-moody.md")).unwrap();
    let run = journal.run(&["check"]);
    assert_eq!(run.code, 0, "no entry has a mood yet: {}", run.stderr);
    write_moody_entry_and_template(&journal);
    let run = journal.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("while rendering /2026/03/moody/"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("1 error in 6 entries"),
        "{}",
        run.stderr
    );
    assert!(!journal.path().join("public").exists());
}

#[test]
fn a_page_that_fails_to_render_leaves_the_previous_site_and_no_temporary_folder() {
    let journal = Journal::fixture("basic");
    let before = journal.build(&[]);
    write_moody_entry_and_template(&journal);
    let run = journal.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let after = common::Site::read(&journal.path().join("public"));
    assert!(
        after.files == before.files,
        "the previous site is untouched"
    );
    let leftovers: Vec<_> = std::fs::read_dir(journal.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("strata-tmp") || name.contains("strata-old"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// An entry template that fails only on entries with a `mood` key (an attribute of a string is
/// undefined), and one such entry: a parse of the template alone would pass.
fn write_moody_entry_and_template(journal: &Journal) {
    journal.write(
        "templates/entry.html",
        "{% if entry.extra.mood %}{{ entry.extra.mood.nothing.deeper }}{% endif %}{{ entry.title }}",
    );
    journal.write(
        "entries/2026/2026-03-02-moody.md",
        "---\nmood: calm\nwork: depth\n---\nText.\n",
    );
}

#[test]
fn a_date_centuries_away_is_an_error_not_thousands_of_empty_pages() {
    // Two entries, one dated in year 1, once made 8,102 review pages and 920 MB of memory.
    let journal = Journal::empty();
    journal.write(
        "entries/a.md",
        "---\ntitle: A\ndate: 0001-01-01\nwork: growth\n---\nHi.\n",
    );
    journal.write(
        "entries/0206-03-14-typo.md",
        "No date in the front matter.\n",
    );
    journal.write(
        "entries/b.md",
        "---\ntitle: B\ndate: 2026-01-01\nwork: depth\n---\nHi.\n",
    );
    let run = journal.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error: entries/a.md:3:7: the date 0001-01-01 is outside the years 1900 to 2200 strata accepts; is it a typo?"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "error: entries/0206-03-14-typo.md:1:1: the date in the file name 0206-03-14 is outside the years 1900 to 2200"
        ),
        "{}",
        run.stderr
    );
    assert!(!journal.path().join("public").exists());
    let check = journal.run(&["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
}

#[test]
fn a_base_url_that_is_not_a_path_or_an_http_url_is_refused_wherever_it_comes_from() {
    let journal = Journal::empty();
    journal.write(
        "entries/a.md",
        "---\ntitle: A\ndate: 2026-01-01\n---\nHi.\n",
    );
    let run = journal.run(&["build", "--base-url", "javascript:alert(1);//x"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("the URL must be a path like"),
        "{}",
        run.stderr
    );
    journal.write("journal.yaml", "title: J\nbase_url: //evil.example/\n");
    let run = journal.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: journal.yaml:2:11: base_url must be a path like"),
        "{}",
        run.stderr
    );
    assert!(!journal.path().join("public").exists());
}

#[test]
fn no_path_leaves_the_site_and_a_name_too_long_for_a_file_fails_check_not_only_build() {
    let journal = Journal::empty();
    journal.write(
        "entries/a.md",
        "---\ntitle: A\ndate: 2026-01-01\n---\nHi.\n",
    );
    journal.write(
        "journal.yaml",
        "title: J\npermalink: \"/../../../escaped/{slug}/\"\n",
    );
    let run = journal.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error: journal.yaml:2:12: permalink must start with `/`, contain `{slug}`, and stay inside the site"),
        "{}",
        run.stderr
    );
    let escaped = journal.path().parent().map(|p| p.join("escaped"));
    assert!(escaped.is_some_and(|e| !e.exists()));
    journal.write("journal.yaml", "title: J\n");
    let slug = "s".repeat(300);
    journal.write(
        "entries/long.md",
        format!("---\ntitle: Long\ndate: 2026-01-02\nslug: {slug}\n---\nHi.\n"),
    );
    for command in ["check", "build"] {
        let run = journal.run(&[command]);
        assert_eq!(run.code, 1, "{command}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("error: entries/long.md:1:1: the entry's address /2026/01/sss"),
            "{command}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("longer than 255 bytes"),
            "{}",
            run.stderr
        );
    }
}

#[cfg(unix)]
#[test]
fn a_folder_of_entries_strata_cannot_read_is_an_error_not_a_silent_gap() {
    use std::os::unix::fs::PermissionsExt;
    let journal = Journal::empty();
    journal.write(
        "entries/a.md",
        "---\ntitle: A\ndate: 2026-01-01\n---\nHi.\n",
    );
    journal.write(
        "entries/locked/b.md",
        "---\ntitle: B\ndate: 2026-01-02\n---\nHi.\n",
    );
    let mode = |path: &str, mode: u32| {
        let path = journal.path().join(path);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    for (path, bits) in [("", 0o755), ("entries", 0o755), ("entries/a.md", 0o644)] {
        mode(path, bits);
    }
    mode("entries/locked", 0o000);
    // Root reads any folder: the check runs as an unprivileged user then.
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let mut command = if root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
        c.arg(env!("CARGO_BIN_EXE_strata"));
        c
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_strata"))
    };
    let output = command
        .arg("check")
        .current_dir(journal.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    mode("entries/locked", 0o755);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error: entries/locked: cannot be read (Permission denied"),
        "{stderr}"
    );
}

#[test]
fn thousands_of_problems_on_one_long_line_are_counted_not_each_quoted() {
    // 50,000 broken links on one line once made 14 GB of quoted copies of that line.
    let journal = Journal::empty();
    journal.write(
        "entries/2026-01-06-links.md",
        format!("---\ntitle: Links\n---\n{}\n", "[a](b.md) ".repeat(50_000)),
    );
    // A build counts them all in one line.
    let run = journal.run(&["build"]);
    assert_eq!(run.code, 0, "{}", &run.stderr[..run.stderr.len().min(2000)]);
    assert!(
        run.stderr
            .contains("warning: entries: 50000 links or pictures in 1 entry lead to nothing"),
        "{}",
        &run.stderr[..run.stderr.len().min(2000)]
    );
    assert!(run.stderr.len() < 2000, "{}", run.stderr.len());
    // Check lists them: the first twenty, then a count.
    let run = journal.run(&["check"]);
    assert_eq!(run.code, 0, "{}", &run.stderr[..run.stderr.len().min(2000)]);
    assert!(
        run.stderr.contains(
            "warning: entries/2026-01-06-links.md: and 49980 more problems with links or pictures in this entry"
        ),
        "{}",
        &run.stderr[..run.stderr.len().min(2000)]
    );
    let quoted: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("[a](b.md)"))
        .collect();
    assert_eq!(quoted.len(), 20, "one quoted line per reported problem");
    assert!(quoted.iter().all(|l| l.chars().count() < 260), "{quoted:?}");
}

#[test]
fn deep_huge_and_binary_entries_and_a_link_loop_build_or_fail_cleanly() {
    let journal = Journal::empty();
    let write = |name: &str, text: String| journal.write(&format!("entries/{name}"), text);
    write(
        "2026-01-01-quotes.md",
        format!("{} deep\n", ">".repeat(10_000)),
    );
    let list: String = (0..3_000)
        .map(|i| format!("{}- x\n", "  ".repeat(i)))
        .collect();
    write("2026-01-02-list.md", list);
    write(
        "2026-01-03-emphasis.md",
        format!("{}a{}\n", "*".repeat(100_000), "*".repeat(100_000)),
    );
    write(
        "2026-01-04-big.md",
        "word word word word word.\n\n".repeat(200_000),
    );
    journal.write(
        "entries/2026-01-05-binary.md",
        [0xff_u8, 0xfe, 0x00, 0x9f, 0x80].repeat(100),
    );
    #[cfg(unix)]
    {
        std::fs::create_dir_all(journal.path().join("entries/loop")).unwrap();
        std::os::unix::fs::symlink(
            journal.path().join("entries"),
            journal.path().join("entries/loop/back"),
        )
        .unwrap();
    }
    let run = journal.run(&["build"]);
    assert_eq!(run.code, 1, "{}", &run.stderr[..run.stderr.len().min(3000)]);
    assert!(!run.stderr.contains("panicked"));
    assert!(
        run.stderr
            .contains("error: entries/2026-01-05-binary.md:1:1: is not valid UTF-8 text"),
        "{}",
        &run.stderr[..run.stderr.len().min(3000)]
    );
    std::fs::remove_file(journal.path().join("entries/2026-01-05-binary.md")).unwrap();
    let run = journal.run(&["build"]);
    assert_eq!(run.code, 0, "{}", &run.stderr[..run.stderr.len().min(3000)]);
    let site = common::Site::read(&journal.path().join("public"));
    assert!(site.text("2026/01/big/index.html").contains("word word"));
}

#[test]
fn a_run_that_hangs_fails_its_test_instead_of_the_whole_suite() {
    // `serve` runs until stopped: to the helper every test runs strata through, a hang.
    let journal = Journal::fixture("basic");
    let path = journal.path().to_path_buf();
    let hung = std::panic::catch_unwind(|| {
        common::run_within(
            &path,
            &["serve", "--port", "0"],
            common::BUILD_DATE,
            std::time::Duration::from_secs(2),
        )
    });
    let message = hung.expect_err("a run that does not end is a failure");
    let message = message
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    assert!(message.ends_with("ran longer than 2s: a hang"), "{message}");
}
