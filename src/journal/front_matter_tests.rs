//! Front matter, as a table of small inputs and what each must give.

use super::*;

fn layers() -> Vec<String> {
    ["resources", "process", "cooperation"]
        .map(String::from)
        .to_vec()
}

fn ok(text: &str) -> FrontMatter {
    let (front, problems) = parse(text, &layers());
    let errors: Vec<_> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert!(
        errors.is_empty(),
        "unexpected errors for {text:?}: {errors:?}"
    );
    front.expect("front matter")
}

fn first_error(text: &str) -> Problem {
    let (front, problems) = parse(text, &layers());
    assert!(front.is_none(), "expected an error for {text:?}");
    problems
        .into_iter()
        .find(|p| p.severity == Severity::Error)
        .expect("an error")
}

fn warnings(text: &str) -> Vec<Problem> {
    parse(text, &layers())
        .1
        .into_iter()
        .filter(|p| p.severity == Severity::Warning)
        .collect()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

#[test]
fn splits_front_matter_from_the_body() {
    let split = split("---\ntitle: x\n---\nbody\n").unwrap();
    assert_eq!(split.front_matter, "title: x\n");
    assert_eq!(split.body, "body\n");
    assert_eq!((split.front_matter_line, split.body_line), (2, 4));
}

#[test]
fn a_file_without_front_matter_is_all_body() {
    let split = split("# Title\n\ntext\n").unwrap();
    assert_eq!((split.front_matter, split.body), ("", "# Title\n\ntext\n"));
}

#[test]
fn errors_if_front_matter_is_not_closed() {
    let problem = split("---\ntitle: x\ndate: 2026-01-01\n\nbody\n").unwrap_err();
    assert_eq!(
        problem.message,
        "front matter is not closed: no `---` line after line 1"
    );
    assert_eq!(problem.location, Some(Location::new(5, 1, 1)));
}

#[test]
fn an_empty_front_matter_is_allowed() {
    assert_eq!(ok(""), FrontMatter::default());
    assert_eq!(split("---\n---\nbody").unwrap().body, "body");
}

#[test]
fn keeps_titles_and_tags_as_written() {
    let front = ok("title: 1.10\ntags: [no, on, 2026, yes]\n");
    assert_eq!(front.title.as_deref(), Some("1.10"));
    assert_eq!(front.tags, ["no", "on", "2026", "yes"]);
}

#[test]
fn tags_may_be_a_comma_separated_string() {
    assert_eq!(
        ok("tags: budget, leadership ,  ops\n").tags,
        ["budget", "leadership", "ops"]
    );
    assert_eq!(ok("tags: single\n").tags, ["single"]);
    assert_eq!(ok("tags:\n").tags, Vec::<String>::new());
}

#[test]
fn reads_every_date_alias() {
    for key in ["date", "pubDate", "published", "created"] {
        let front = ok(&format!("{key}: 2026-03-14\n"));
        assert_eq!(front.date.map(|d| d.date), Some(date(2026, 3, 14)), "{key}");
    }
}

#[test]
fn date_wins_over_its_aliases() {
    let front = ok("created: 2020-01-01\ndate: 2026-03-14\n");
    assert_eq!(front.date.map(|d| d.date), Some(date(2026, 3, 14)));
}

#[test]
fn reads_dates_with_times_on_their_own_calendar_date() {
    for (written, day) in [
        ("2026-03-14T09:30:00+01:00", 14),
        ("2026-03-31T23:30:00-05:00", 31),
        ("2026-03-14 09:30:00", 14),
        ("2026-03-14 09:30", 14),
        ("2026-03-14T09:30:00Z", 14),
        ("2026-03-14 09:30:00 +0100", 14),
        ("\"2026-03-14\"", 14),
        ("'Mar 14 2026'", 14),
        ("March 14, 2026", 14),
        ("14 March 2026", 14),
        ("2026/03/14", 14),
    ] {
        let front = ok(&format!("date: {written}\n"));
        assert_eq!(
            front.date.map(|d| d.date),
            Some(date(2026, 3, day)),
            "{written}"
        );
    }
    let with_offset = ok("date: 2026-03-31T23:30:00-05:00\n").date.unwrap();
    assert_eq!(
        with_offset.datetime.unwrap().to_rfc3339(),
        "2026-03-31T23:30:00-05:00"
    );
}

#[test]
fn errors_on_an_unparseable_date_at_its_value() {
    let problem = first_error("title: x\ndate: 14/03/2026\n");
    assert!(
        problem
            .message
            .starts_with("cannot read \"14/03/2026\" as a date"),
        "{}",
        problem.message
    );
    assert_eq!(problem.location, Some(Location::new(2, 7, 10)));
    assert!(
        first_error("date: 2026-02-30\n")
            .message
            .contains("2026-02-30")
    );
}

#[test]
fn reads_work_from_the_field_or_a_tag() {
    assert_eq!(ok("work: growth\n").work, Some(Work::Growth));
    assert_eq!(ok("work: Depth\n").work, Some(Work::Depth));
    assert_eq!(ok("tags: [growth, budget]\n").work, Some(Work::Growth));
    assert_eq!(ok("work: depth\ntags: [growth]\n").work, Some(Work::Depth));
    assert_eq!(ok("tags: [budget]\n").work, None);
}

#[test]
fn contradictory_work_tags_warn_and_count_as_neither() {
    let text = "tags: [growth, depth]\n";
    assert_eq!(ok(text).work, None);
    assert_eq!(warnings(text).len(), 1);
}

#[test]
fn errors_on_an_unknown_work_with_a_hint() {
    let problem = first_error("work: grwth\n");
    assert_eq!(
        problem.message,
        "unknown work \"grwth\"; expected growth or depth (did you mean \"growth\"?)"
    );
    assert_eq!(problem.location, Some(Location::new(1, 7, 5)));
}

#[test]
fn reads_layers_from_a_string_a_list_an_alias_or_tags() {
    assert_eq!(ok("layer: cooperation\n").layers, ["cooperation"]);
    assert_eq!(
        ok("layer: [cooperation, resources]\n").layers,
        ["resources", "cooperation"]
    );
    assert_eq!(ok("layers: Process\n").layers, ["process"]);
    assert_eq!(ok("tags: [process, budget]\n").layers, ["process"]);
    assert_eq!(ok("layer: process\ntags: [process]\n").layers, ["process"]);
}

#[test]
fn errors_on_an_unknown_layer_listing_the_allowed_ones() {
    let problem = first_error("title: x\nlayer: cooperaton\n");
    assert_eq!(
        problem.message,
        "unknown layer \"cooperaton\"; expected one of resources, process, cooperation (did you mean \"cooperation\"?)"
    );
    assert_eq!(problem.location, Some(Location::new(2, 8, 10)));
    let in_list = first_error("layer:\n  - process\n  - peoples\n");
    assert_eq!(in_list.location, Some(Location::new(3, 5, 7)));
}

#[test]
fn reads_capabilities_as_names_or_name_and_stage() {
    let front = ok(
        "work: growth\ncapabilities:\n  - facilitating group decisions\n  - name: Cross-team negotiation\n    stage: demonstrated\n",
    );
    let got: Vec<_> = front
        .capabilities
        .iter()
        .map(|c| (c.slug.as_str(), c.stage))
        .collect();
    assert_eq!(
        got,
        [
            ("facilitating-group-decisions", Stage::Attempted),
            ("cross-team-negotiation", Stage::Demonstrated)
        ]
    );
    assert_eq!(front.capabilities[1].name, "Cross-team negotiation");
}

#[test]
fn the_default_stage_depends_on_the_work() {
    let stage = |text: &str| ok(text).capabilities[0].stage;
    assert_eq!(stage("work: growth\ncapabilities: [x]\n"), Stage::Attempted);
    assert_eq!(stage("work: depth\ncapabilities: [x]\n"), Stage::Practiced);
    assert_eq!(stage("capabilities: [x]\n"), Stage::Practiced);
    assert_eq!(stage("capabilities: x, y\n"), Stage::Practiced);
}

#[test]
fn one_capability_spelled_twice_counts_once_at_its_furthest_stage() {
    let front = ok(
        "capabilities:\n  - Systems Thinking\n  - name: systems thinking\n    stage: demonstrated\n",
    );
    assert_eq!(front.capabilities.len(), 1);
    assert_eq!(front.capabilities[0].stage, Stage::Demonstrated);
}

#[test]
fn errors_on_an_unknown_stage_at_its_value() {
    let problem = first_error("capabilities:\n  - name: x\n    stage: mastered\n");
    assert!(
        problem.message.starts_with("unknown stage \"mastered\""),
        "{}",
        problem.message
    );
    assert_eq!(problem.location, Some(Location::new(3, 12, 8)));
}

#[test]
fn errors_on_a_capability_without_a_name() {
    assert!(
        first_error("capabilities:\n  - stage: attempted\n")
            .message
            .contains("needs a `name`")
    );
    assert!(
        first_error("capabilities:\n  - name: x\n    level: 3\n")
            .message
            .contains("unknown capability key `level`")
    );
}

#[test]
fn reads_hours_and_rejects_wrong_types() {
    assert_eq!(ok("hours: 3\n").hours, Some(3.0));
    assert_eq!(ok("hours: 1.5\n").hours, Some(1.5));
    let problem = first_error("title: x\nhours: lots\n");
    assert!(
        problem.message.contains("invalid type: string \"lots\""),
        "{}",
        problem.message
    );
    assert_eq!(problem.location.map(|l| l.line), Some(2));
    assert!(
        first_error("hours: -2\n")
            .message
            .contains("from 0 to 1000")
    );
    assert!(
        first_error("hours: 1.7e308\n")
            .message
            .contains("from 0 to 1000")
    );
    assert_eq!(ok("hours: 1000\n").hours, Some(1000.0));
}

#[test]
fn summary_falls_back_to_description() {
    assert_eq!(
        ok("description: From Astro\n").summary.as_deref(),
        Some("From Astro")
    );
    assert_eq!(
        ok("summary: Mine\ndescription: Theirs\n")
            .summary
            .as_deref(),
        Some("Mine")
    );
}

#[test]
fn reads_private_draft_and_slug() {
    let front = ok("private: true\ndraft: true\nslug: My Slug\n");
    assert!(front.private && front.draft);
    assert_eq!(front.slug.as_deref(), Some("My Slug"));
    assert!(
        first_error("draft: maybe\n")
            .message
            .contains("invalid type")
    );
}

#[test]
fn keeps_unknown_keys_in_extra() {
    let front = ok("categories: [notes]\nlayout: post\nheroImage: /a.png\n");
    assert_eq!(front.extra["categories"], serde_json::json!(["notes"]));
    assert_eq!(front.extra["layout"], serde_json::json!("post"));
    assert!(warnings("categories: [notes]\nlayout: post\n").is_empty());
}

#[test]
fn warns_about_keys_one_edit_from_a_known_one() {
    for (key, known) in [
        ("layr", "layer"),
        ("capabilites", "capabilities"),
        ("tittle", "title"),
        ("pubdate", "pubDate"),
    ] {
        let found = warnings(&format!("{key}: x\n"));
        assert_eq!(found.len(), 1, "{key}");
        assert!(
            found[0]
                .message
                .contains(&format!("did you mean `{known}`?")),
            "{}",
            found[0].message
        );
        assert_eq!(found[0].location, Some(Location::new(1, 1, key.len())));
    }
}

#[test]
fn reports_yaml_syntax_errors_with_their_position() {
    let problem = first_error("title: x\ntags: [a, b\nwork: growth\n");
    assert!(problem.location.is_some_and(|l| l.line >= 2), "{problem:?}");
    let colon = first_error("title: Incident: DNS\n");
    assert_eq!(colon.location.map(|l| (l.line, l.column)), Some((1, 16)));
}

#[test]
fn rejects_front_matter_that_is_not_a_mapping() {
    assert!(first_error("- a\n- b\n").message.contains("mapping"));
}

#[test]
fn rejects_duplicate_keys() {
    assert!(
        first_error("title: a\ntitle: b\n")
            .message
            .contains("duplicate")
    );
}

#[test]
fn refuses_an_alias_bomb() {
    let bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\ni: [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
    let (front, problems) = parse(bomb, &layers());
    assert!(front.is_none());
    assert!(!problems.is_empty());
}

#[test]
fn stage_names_match_what_templates_see() {
    for stage in [Stage::Attempted, Stage::Practiced, Stage::Demonstrated] {
        assert_eq!(Stage::parse(stage.name()), Some(stage));
        assert_eq!(
            serde_json::to_value(stage).unwrap(),
            serde_json::json!(stage.name())
        );
    }
}

#[test]
fn values_read_from_the_parsed_mapping_equal_values_read_from_the_text() {
    // The mapping loses how scalars were written; the text does not. Both paths must agree.
    let text = "title: 1.10\nslug: no\ntags: 1.10, b\nhours: 3\nprivate: false\nsummary: true\n";
    let document = crate::yaml::parse_document(text).unwrap();
    let fast: crate::journal::raw::RawFrontMatter =
        crate::yaml::from_document(&document, text).unwrap();
    let slow: crate::journal::raw::RawFrontMatter = crate::yaml::parse(text).unwrap();
    assert_eq!(format!("{fast:?}"), format!("{slow:?}"));
    assert_eq!(fast.title.as_deref(), Some("1.10"));
}

#[test]
fn dates_outside_the_years_an_entry_may_have_are_errors_at_the_value() {
    for text in ["date: 0001-01-01\n", "title: T\ndate: 2201-01-01\n"] {
        let error = first_error(text);
        assert!(
            error.message.contains("is outside the years 1900 to 2200"),
            "{}",
            error.message
        );
        let location = error.location.expect("a location");
        assert_eq!(
            (location.line, location.column),
            (text.lines().count(), 7),
            "{text:?}"
        );
    }
    assert_eq!(
        ok("date: 1900-01-01\n").date.map(|d| d.date.to_string()),
        Some("1900-01-01".into())
    );
    assert!(ok("date: 2200-12-31T23:59:00+01:00\n").date.is_some());
}

#[test]
fn an_entry_names_at_most_a_hundred_tags_or_capabilities_of_at_most_200_bytes() {
    let many: Vec<String> = (0..=MOST_NAMES).map(|i| format!("t{i}")).collect();
    let error = first_error(&format!("tags: [{}]\n", many.join(", ")));
    assert_eq!(error.message, "101 tags; an entry may name 100 at most");
    assert_eq!(error.location.map(|l| l.line), Some(1));
    let hundred = &many[..MOST_NAMES];
    assert_eq!(
        ok(&format!("tags: [{}]\n", hundred.join(", "))).tags.len(),
        100
    );
    let long = "x".repeat(LONGEST_NAME + 1);
    let error = first_error(&format!("title: T\ncapabilities: [ok, {long}]\n"));
    assert!(
        error.message.contains("201 bytes long"),
        "{}",
        error.message
    );
    assert_eq!(error.location.map(|l| (l.line, l.column)), Some((2, 20)));
    assert!(
        ok(&format!("capabilities: [{}]\n", "y".repeat(LONGEST_NAME)))
            .capabilities
            .len()
            == 1
    );
}

#[test]
fn a_privacy_key_in_another_case_or_one_edit_away_is_an_error_not_a_leak() {
    for (text, meant) in [
        ("Private: true\n", "private"),
        ("PRIVATE: true\n", "private"),
        ("privat: true\n", "private"),
        ("Draft: true\n", "draft"),
        ("drafts: true\n", "draft"),
    ] {
        let error = first_error(text);
        assert!(
            error
                .message
                .contains(&format!("write `{meant}` (lower case)")),
            "{text:?}: {}",
            error.message
        );
        let key = text.split(':').next().unwrap_or_default();
        assert_eq!(
            error.location.map(|l| (l.line, l.column, l.width)),
            Some((1, 1, key.len())),
            "{text:?}"
        );
    }
    // Other unknown keys still only warn.
    assert!(
        ok("privacy_note: true\n")
            .extra
            .contains_key("privacy_note")
    );
}

#[test]
fn published_or_publish_false_hides_the_entry_and_published_with_a_date_dates_it() {
    assert!(ok("published: false\n").draft);
    assert!(ok("publish: false\n").draft);
    assert!(!ok("published: true\n").draft);
    assert!(ok("published: true\n").date.is_none());
    let dated = ok("published: 2026-01-05\n");
    assert!(!dated.draft);
    assert_eq!(
        dated.date.map(|d| d.date.to_string()),
        Some("2026-01-05".into())
    );
}

#[test]
fn an_alias_bomb_is_an_error_at_its_first_alias() {
    let mut text =
        String::from("title: Bomb\na: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    let mut previous = 'a';
    for name in ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] {
        let aliases = vec![format!("*{previous}"); 9].join(",");
        text.push_str(&format!("{name}: &{name} [{aliases}]\n"));
        previous = name;
    }
    let error = first_error(&text);
    assert!(
        error.message.contains("expand too far"),
        "{}",
        error.message
    );
    assert_eq!(error.location.map(|l| (l.line, l.column)), Some((3, 8)));
}
