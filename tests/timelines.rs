//! `timelines.json` and `strata review` on the `quarters` fixture, whose answers were worked
//! out by hand from the product's rules (see the comments), not by running strata.

// Helpers here read fixtures the tests control; a panic is the test failing.
#![allow(clippy::unwrap_used)]

mod common;

use common::Journal;
use serde_json::{Value, json};

fn timelines() -> Value {
    let site = Journal::fixture("quarters").build(&[]);
    serde_json::from_str(&site.text("timelines.json")).unwrap()
}

fn period(
    (label, start, end): (&str, &str, &str),
    counts: (u64, f64, f64),
    share: Value,
    layers: [u64; 3],
    firsts: (&[&str], &[&str]),
    treadmill: bool,
) -> Value {
    // Every entry of the fixture but h names a work kind, and h is alone in its periods: a
    // period has a share exactly when its entries are all classified.
    let classified = if share.is_null() { 0 } else { counts.0 };
    let (maintenance_entries, maintenance_hours, maintenance_share) = maintenance(label);
    json!({
        "period": label, "start": start, "end": end,
        "maintenance_entries": maintenance_entries, "maintenance_hours": maintenance_hours,
        "maintenance_share": maintenance_share,
        "entries": counts.0, "classified_entries": classified, "growth_hours": counts.1, "depth_hours": counts.2, "growth_share": share,
        "layers": {"resources": layers[0], "process": layers[1], "cooperation": layers[2]},
        "first_attempted": firsts.0, "first_demonstrated": firsts.1, "treadmill": treadmill,
    })
}

/// Maintenance by hand: b (1 h), c (3 h) and g (4 h) name no capability (e and h name theirs on
/// the lines after `capabilities:`), so a period's maintenance is its share of those.
fn maintenance(label: &str) -> (u64, f64, Value) {
    match label {
        "2026-Q1" | "2026-01" => (2, 4.0, json!(if label == "2026-Q1" { 0.4 } else { 0.667 })),
        "2026-Q2" => (1, 4.0, json!(1.0)),
        "2026-05" => (0, 0.0, Value::Null),
        _ => (0, 0.0, json!(0.0)),
    }
}

#[test]
fn quarters_match_the_rules_worked_by_hand() {
    let t = timelines();
    // Eight published entries (a to h); the private one (10 growth hours) and the draft count nowhere.
    assert_eq!(t["entries"], 8);
    let expected = json!([
        // a (30 Dec): depth 2 h, process; the treadmill starts Monday 29 December.
        period(
            ("2025-Q4", "2025-10-01", "2025-12-31"),
            (1, 0.0, 2.0),
            json!(0.0),
            [0, 1, 0],
            (&["systems-thinking"], &[]),
            true
        ),
        // b, c, d (depth 1 + 3 + 2 h), e (growth 1.5 h), f (growth 0.5 h, 23:30 -05:00 on 31 March
        // counts on 31 March): 2 / 8 = 0.25; c names two layers; f's layer comes from a tag.
        period(
            ("2026-Q1", "2026-01-01", "2026-03-31"),
            (5, 2.0, 6.0),
            json!(0.25),
            [1, 3, 2],
            (&["negotiation"], &["systems-thinking"]),
            true
        ),
        // g: depth and cooperation from its comma-separated tags, 4 h.
        period(
            ("2026-Q2", "2026-04-01", "2026-06-30"),
            (1, 0.0, 4.0),
            json!(0.0),
            [0, 0, 1],
            (&[], &[]),
            false
        ),
        // h: no work kind, so no share.
        period(
            ("2026-Q3", "2026-07-01", "2026-09-30"),
            (1, 0.0, 0.0),
            Value::Null,
            [1, 0, 0],
            (&[], &["negotiation"]),
            false
        ),
    ]);
    assert_eq!(t["quarters"], expected);
}

#[test]
fn months_include_empty_ones() {
    let t = timelines();
    let months = t["months"].as_array().unwrap();
    let labels: Vec<&str> = months
        .iter()
        .map(|m| m["period"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        [
            "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"
        ]
    );
    assert_eq!(
        months[1],
        period(
            ("2026-01", "2026-01-01", "2026-01-31"),
            (3, 0.0, 6.0),
            json!(0.0),
            [1, 2, 1],
            (&[], &[]),
            true
        )
    );
    assert_eq!(
        months[2],
        period(
            ("2026-02", "2026-02-01", "2026-02-28"),
            (1, 1.5, 0.0),
            json!(1.0),
            [0, 0, 1],
            (&[], &["systems-thinking"]),
            false
        )
    );
    assert_eq!(
        months[5],
        period(
            ("2026-05", "2026-05-01", "2026-05-31"),
            (0, 0.0, 0.0),
            Value::Null,
            [0, 0, 0],
            (&[], &[]),
            false
        )
    );
}

#[test]
fn weeks_are_iso_weeks_from_first_to_last_entry() {
    let t = timelines();
    let weeks = t["weeks"].as_array().unwrap();
    // 30 December 2025 is in ISO week 2026-W01 (29 December to 4 January); 2 July 2026 in W27.
    assert_eq!(weeks.len(), 27);
    assert_eq!(
        (
            weeks[0]["period"].as_str(),
            weeks[0]["start"].as_str(),
            weeks[0]["end"].as_str()
        ),
        (Some("2026-W01"), Some("2025-12-29"), Some("2026-01-04"))
    );
    assert_eq!(weeks[26]["period"], "2026-W27");
    let flagged: Vec<&str> = weeks
        .iter()
        .filter(|w| w["treadmill"] == true)
        .map(|w| w["period"].as_str().unwrap())
        .collect();
    assert_eq!(flagged, ["2026-W01", "2026-W02", "2026-W03", "2026-W04"]);
}

#[test]
fn capabilities_and_treadmill_match_the_rules() {
    let t = timelines();
    assert_eq!(
        t["capabilities"],
        json!([
            {"slug": "systems-thinking", "name": "Systems Thinking", "first_attempted": "2025-12-30",
             "first_demonstrated": "2026-02-02", "last": "2026-02-02", "evidence": 3,
             "entries": ["/2025/12/a/", "/2026/01/d/", "/2026/02/e/"]},
            {"slug": "negotiation", "name": "Negotiation", "first_attempted": "2026-03-31",
             "first_demonstrated": "2026-07-02", "last": "2026-07-02", "evidence": 2,
             "entries": ["/2026/03/f/", "/2026/07/h/"]},
        ])
    );
    // Four depth-only weeks in a row (a, b, c, d), with treadmill_weeks: 3; e's growth ends it.
    assert_eq!(
        t["treadmill"],
        json!([{"start": "2025-12-29", "end": "2026-01-25", "weeks": 4, "entries": 4}])
    );
}

#[test]
fn key_order_is_stable_and_builds_are_identical() {
    let journal = Journal::fixture("quarters");
    let first = journal.build(&[]).text("timelines.json");
    let second = journal.build(&[]).text("timelines.json");
    assert_eq!(first, second);
    let keys: Vec<&str> = [
        "\"entries\"",
        "\"quarters\"",
        "\"months\"",
        "\"weeks\"",
        "\"capabilities\"",
        "\"treadmill\"",
    ]
    .into_iter()
    .filter(|k| first.contains(&format!("\n  {k}")))
    .collect();
    assert_eq!(keys.len(), 6);
    let positions: Vec<usize> = keys
        .iter()
        .map(|k| first.find(&format!("\n  {k}")).unwrap())
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "top-level keys out of order"
    );
}

#[test]
fn drafts_count_in_a_staging_build_but_private_entries_never() {
    let journal = Journal::fixture("quarters");
    let site = journal.build(&["--drafts"]);
    let t: Value = serde_json::from_str(&site.text("timelines.json")).unwrap();
    assert_eq!(t["entries"], 9);
    assert_eq!(t["months"][5]["growth_hours"], 1.0);
    assert!(!site.all_text().contains("secret skill"));
}

#[test]
fn review_prints_the_quarter_as_markdown() {
    let journal = Journal::fixture("quarters");
    let run = journal.run(&["review", "--period", "2026-Q1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = run.stdout;
    assert!(
        md.starts_with("# Review of Q1 2026 (1 January 2026 – 31 March 2026)\n"),
        "{md}"
    );
    assert!(
        md.contains(
            "**Growth share:** stretching: 25 % growth work, above the 20 % band — 2 of 8 hours"
        ),
        "{md}"
    );
    assert!(md.contains("- **Systems Thinking** — demonstrated 2 February 2026 in [e](https://example.org/2026/02/e/)"), "{md}");
    assert!(md.contains("- **Negotiation** — first attempted 31 March 2026 in [f](https://example.org/2026/03/f/)"), "{md}");
    assert!(md.contains("| process | 3 | 60 % |"), "{md}");
    assert!(
        md.contains(
            "- 2026-01-13 — [c](https://example.org/2026/01/c/) (depth; process, cooperation)"
        ),
        "{md}"
    );
    assert!(!md.contains("secret"));

    let latest = journal.run(&["review"]);
    assert!(
        latest.stdout.starts_with("# Review of Q3 2026"),
        "{}",
        latest.stdout
    );
    let month = journal.run(&["review", "--period", "2026-02"]);
    assert!(
        month.stdout.starts_with("# Review of February 2026"),
        "{}",
        month.stdout
    );
}

#[test]
fn review_refuses_a_bad_period() {
    let journal = Journal::fixture("quarters");
    for bad in ["2026-Q5", "Q1", "2026-W03", "spring"] {
        let run = journal.run(&["review", "--period", bad]);
        assert_eq!(run.code, 2, "{bad}");
        assert!(
            run.stderr.contains(&format!("invalid period \"{bad}\"")),
            "{}",
            run.stderr
        );
    }
    let outside = journal.run(&["review", "--period", "2019-Q1"]);
    assert_eq!(outside.code, 2);
    assert!(
        outside
            .stderr
            .contains("2019-Q1 is outside the journal, which runs from 2025-Q4 to 2026-Q3"),
        "{}",
        outside.stderr
    );
}

#[test]
fn progress_pages_show_the_figures_of_the_data() {
    let site = Journal::fixture("quarters").build(&[]);
    let progress = site.text("progress/index.html");
    assert_eq!(
        progress.matches(r#"<svg class="chart""#).count(),
        3,
        "quarter, month and week charts"
    );
    assert!(
        progress.contains("<title>Q1 2026: 25 % growth work (5 entries)</title>"),
        "{progress}"
    );
    assert!(progress.contains("<title>Q3 2026: no growth work to measure (1 entry)</title>"));
    // Q4 2025 has one entry with a work kind: too few for a verdict (4 by default).
    assert!(progress.contains("<strong>Q4 2025</strong> — <span class=\"verdict verdict-thin\">too little to judge (1 entry with a work kind; a verdict needs 4)</span> · Maintenance 0 % <span class=\"treadmill-flag\">treadmill</span>"), "{progress}");
    assert!(progress.contains("<strong>Q1 2026</strong> — <span class=\"verdict verdict-stretch\">stretching: 25 % growth work, above the 20 % band</span>"), "{progress}");
    assert!(progress.contains("<h3>29 December 2025 – 25 January 2026: 4 weeks, 4 entries</h3>"));
    assert!(progress.contains(r#"<a href="/2026/01/d/">d</a>"#));
    // The first four ISO weeks are marked as treadmill under the week chart's axis.
    let weeks_chart = &progress[progress.find("id=\"weeks-chart-title\"").unwrap()..];
    assert_eq!(
        weeks_chart[..weeks_chart.find("</svg>").unwrap()]
            .matches("class=\"treadmill-mark\"")
            .count(),
        4
    );

    let capabilities = site.text("capabilities/index.html");
    assert_eq!(capabilities.matches("class=\"row-label\"").count(), 2);
    assert_eq!(
        capabilities.matches("class=\"mark stage-").count(),
        5,
        "one mark per piece of evidence"
    );
    assert!(
        capabilities.contains("<title>2 February 2026: e (demonstrated)</title>"),
        "{capabilities}"
    );
    assert!(capabilities.contains(r#"<h3 id="group-2025-q4">First attempted in Q4 2025</h3>"#));

    let one = site.text("capabilities/systems-thinking/index.html");
    assert!(one.contains("First attempted 30 December 2025; first demonstrated 2 February 2026. 3 entries are evidence of it."), "{one}");
    assert_eq!(one.matches("<span class=\"stage stage-").count(), 3);

    let layer = site.text("layers/process/index.html");
    assert!(
        layer.contains("<title>Q1 2026: 60 % process (5 entries)</title>"),
        "{layer}"
    );
    assert!(
        layer.contains("Entries that name the process layer: 4."),
        "{layer}"
    );

    let review = site.text("reviews/2026-q1/index.html");
    assert!(review.contains("<h1>Review of Q1 2026</h1>"));
    assert!(review.contains(r#"<li><a href="/capabilities/systems-thinking/">Systems Thinking</a>, demonstrated 2 February 2026: <a href="/2026/02/e/">e</a></li>"#), "{review}");
    assert!(
        review.contains(r#"<a rel="prev" href="/reviews/2025-q4/">"#)
            && review.contains(r#"<a rel="next" href="/reviews/2026-q2/">"#)
    );
    assert_eq!(
        site.text("reviews/index.html")
            .matches("<li><a href=\"/reviews/20")
            .count(),
        4
    );

    let dashboard = site.text("index.html");
    // Built on 25 November 2026: this quarter is Q4 2026, which has no entries yet.
    assert!(dashboard.contains("This quarter: Q4 2026"), "{dashboard}");
    assert!(
        dashboard
            .contains("No entries in Q4 2026 yet. The latest quarter with entries is Q3 2026:")
    );
    assert!(dashboard.contains("Capabilities gained since 1 October 2025"));
    assert!(dashboard.contains(r#"<a href="/capabilities/negotiation/">Negotiation</a>, demonstrated <time datetime="2026-07-02">2 July 2026</time>"#), "{dashboard}");
    assert!(dashboard.contains("8 entries on 8 days between 3 July 2025 and 2 July 2026"));
    assert_eq!(dashboard.matches("class=\"day ").count(), 365);
}

#[test]
fn this_quarter_is_the_quarter_of_the_build_date() {
    let journal = Journal::fixture("quarters");
    let out = journal.dir.path().join("at");
    // 1 August 2026: Q3 2026, which has entry h, and only one (no work kind) — so no verdict.
    let run = common::run_in_at(
        journal.dir.path(),
        &["build", "--output", out.to_str().unwrap()],
        "1785542400",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dashboard = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(dashboard.contains("This quarter: Q3 2026"), "{dashboard}");
    assert!(!dashboard.contains("yet. The latest quarter"));
    assert!(dashboard.contains("verdict-none"), "{dashboard}");
}

/// The `goals` fixture, built on 25 November 2026 (Q4): a goal in every state, a quarter of
/// pure maintenance (Q1), and no cooperation in the last two quarters with four entries or
/// more (Q3, Q4).
fn goals_site() -> common::Site {
    Journal::fixture("goals").build(&[])
}

#[test]
fn goals_stand_where_the_rules_put_them() {
    let site = goals_site();
    let t: Value = serde_json::from_str(&site.text("timelines.json")).unwrap();
    let goals: Vec<(&str, &str, Value, Value, bool, bool)> = t["goals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["name"].as_str().unwrap(),
                g["state"].as_str().unwrap(),
                g["stage"].clone(),
                g["weeks_since_evidence"].clone(),
                g["stalled"].as_bool().unwrap(),
                g["overdue"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        goals,
        [
            // Demonstrated 5 October: 51 days before the build date.
            (
                "Negotiation",
                "demonstrated",
                json!("demonstrated"),
                json!(7),
                false,
                false
            ),
            // Due by Q2 2026, attempted once on 5 May (204 days ago): overdue, and stalled too.
            (
                "Public speaking",
                "overdue",
                json!("attempted"),
                json!(29),
                true,
                true
            ),
            // Practiced on 1 August, 116 days ago: past the 8 weeks of goal_stall_weeks.
            (
                "Systems thinking",
                "stalled",
                json!("practiced"),
                json!(16),
                true,
                false
            ),
            (
                "Facilitation",
                "in_progress",
                json!("practiced"),
                json!(2),
                false,
                false
            ),
            // Due by Q1 2027, which has not ended.
            (
                "Mentoring",
                "not_attempted",
                Value::Null,
                Value::Null,
                false,
                false
            ),
        ]
    );
    assert_eq!(t["goals"][0]["first_practiced"], "2026-06-10");
    assert_eq!(t["goals"][0]["by"], Value::Null);
    assert_eq!(t["goals"][1]["by"], "2026-Q2");
    // Maintenance: entries that are evidence of no capability.
    let maintenance: Vec<(Value, Value)> = t["quarters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["maintenance_entries"].clone(),
                q["maintenance_share"].clone(),
            )
        })
        .collect();
    assert_eq!(
        maintenance,
        [
            (json!(3), json!(1.0)),
            (json!(0), json!(0.0)),
            (json!(2), json!(0.5)),
            (json!(2), json!(0.5))
        ]
    );
    assert_eq!(t["quarters"][0]["maintenance_hours"], 6.0);
    // Q2 has three entries, under the verdict minimum: the last two quarters with four or more
    // are Q3 and Q4, where no entry names cooperation.
    assert_eq!(
        t["neglected_layers"],
        json!([{"layer": "cooperation", "share": 0.0, "entries": 0, "of": 8, "quarters": ["2026-Q3", "2026-Q4"]}])
    );
}

#[test]
fn the_dashboard_opens_with_the_goals_that_need_attention_and_names_the_quiet_layer() {
    let site = goals_site();
    let home = site.text("index.html");
    let order: Vec<usize> = [
        "Public speaking",
        "Systems thinking",
        "Facilitation",
        "Mentoring",
        "Negotiation",
    ]
    .iter()
    .map(|name| {
        home.find(&format!(">{name}<"))
            .unwrap_or_else(|| panic!("{name}: {home}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(home.find("goals-heading").unwrap() < home.find("quarter-heading").unwrap());
    assert!(home.contains(r#"<span class="goal-state state-overdue">overdue</span> <span class="meta-inline">by Q2 2026</span>"#), "{home}");
    assert!(home.contains("1 entry, the latest 29 weeks ago"));
    assert!(home.contains(r#"<time datetime="2026-10-05">5 October 2026</time>"#));
    assert!(home.contains("First demonstrated in Q4 2026:"));
    assert!(home.contains(r#"The cooperation layer has gone quiet: 0 % of the entries of Q3 2026 and Q4 2026 (0 of 8). <a href="/layers/cooperation/">"#), "{home}");
    let progress = site.text("progress/index.html");
    assert!(progress.contains("Maintenance 100 %"), "{progress}");
    let layer = site.text("layers/resources/index.html");
    assert!(layer.contains(r#"<a href="/capabilities/negotiation/">Negotiation</a> — 2 entries, furthest demonstrated"#), "{layer}");
    // A journal without goals has no goal section.
    let plain = Journal::fixture("quarters").build(&[]).text("index.html");
    assert!(!plain.contains("goals-heading") && !plain.contains("now-can-heading"));
}

#[test]
fn reviews_say_the_goals_the_maintenance_share_and_the_quiet_layer() {
    let journal = Journal::fixture("goals");
    let run = journal.run(&["review", "--period", "2026-Q3"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = run.stdout;
    assert!(
        md.contains("**Maintenance:** 50 % of the entries were evidence of no capability."),
        "{md}"
    );
    assert!(
        md.contains("**Neglected layer:** The cooperation layer has gone quiet"),
        "{md}"
    );
    assert!(md.contains("## Goals\n\n- Negotiation — demonstrated: 5 October 2026\n- Public speaking (by Q2 2026) — overdue: 1 entry, the latest 29 weeks ago\n"), "{md}");
    assert!(
        md.contains("- Mentoring (by Q1 2027) — not attempted yet: No entry names it yet."),
        "{md}"
    );
}

#[test]
fn the_example_journal_tells_its_goals_story() {
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-journal");
    let site = Journal::copy(&example).build(&[]);
    let t: Value = serde_json::from_str(&site.text("timelines.json")).unwrap();
    let states: Vec<(&str, &str)> = t["goals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["name"].as_str().unwrap(), g["state"].as_str().unwrap()))
        .collect();
    assert_eq!(
        states,
        [
            ("Cross-team negotiation", "demonstrated"),
            ("Writing design docs", "stalled"),
            ("Performance profiling", "overdue"),
            ("Coaching other leads", "not_attempted"),
        ]
    );
    // Writing design docs: last evidence 19 February 2026, 39 weeks before the build date.
    assert_eq!(t["goals"][1]["weeks_since_evidence"], 39);
    let home = site.text("index.html");
    let at = |name: &str| home.find(&format!(">{name}<")).unwrap();
    assert!(at("Performance profiling") < at("Writing design docs"));
    assert!(at("Writing design docs") < at("Coaching other leads"));
    assert!(at("Coaching other leads") < at("Cross-team negotiation"));
}
