//! Aggregation on small hand-built journals, with answers computed by hand.

use std::path::Path;

use super::*;
use crate::config::Config;
use crate::journal::{Journal, Visibility};

/// A journal of `(file name, front matter)` pairs, each entry with an empty body.
fn journal_with(config: Config, entries: &[(&str, &str)]) -> Journal {
    let parsed = entries
        .iter()
        .map(|(name, front)| {
            let text = format!("---\n{front}\n---\n");
            Entry::parse(&Path::new("entries").join(name), &text, &config)
        })
        .collect();
    match Journal::assemble(config, parsed, Visibility::PUBLISHED) {
        Ok(loaded) => loaded.journal,
        Err(failed) => panic!("{:?}", failed.diagnostics),
    }
}

fn journal(entries: &[(&str, &str)]) -> Journal {
    journal_with(Config::default(), entries)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn an_empty_journal_has_empty_timelines() {
    let t = aggregate(&journal(&[]));
    assert_eq!(
        (
            t.entries,
            t.quarters.len(),
            t.weeks.len(),
            t.capabilities.len()
        ),
        (0, 0, 0, 0)
    );
}

#[test]
fn quarters_split_on_calendar_boundaries_and_offsets_count_as_written() {
    let t = aggregate(&journal(&[
        ("a.md", "date: 2026-03-31T23:30:00-05:00\nwork: growth"),
        ("b.md", "date: 2026-04-01\nwork: depth"),
    ]));
    let labels: Vec<_> = t
        .quarters
        .iter()
        .map(|q| (q.period.clone(), q.entries))
        .collect();
    assert_eq!(
        labels,
        [("2026-Q1".to_string(), 1), ("2026-Q2".to_string(), 1)]
    );
    assert_eq!(t.quarters.every()[0].growth_share, Some(1.0));
    assert_eq!(
        t.months
            .iter()
            .map(|m| m.period.clone())
            .collect::<Vec<_>>(),
        ["2026-03", "2026-04"]
    );
    assert_eq!(
        t.weeks.len(),
        1,
        "31 March and 1 April 2026 are in the same ISO week"
    );
}

#[test]
fn growth_share_weighs_entries_by_hours() {
    // 2 growth hours + 1 (default) growth hour against 3 + 6 depth hours: 3 / 12 = 0.25.
    let t = aggregate(&journal(&[
        ("a.md", "date: 2026-01-05\nwork: growth\nhours: 2"),
        ("b.md", "date: 2026-01-06\nwork: growth"),
        ("c.md", "date: 2026-01-07\nwork: depth\nhours: 3"),
        ("d.md", "date: 2026-02-07\nwork: depth\nhours: 6"),
        ("e.md", "date: 2026-02-08\nhours: 50"),
    ]));
    let q = &t.quarters.every()[0];
    assert_eq!(
        (q.entries, q.growth_hours, q.depth_hours, q.growth_share),
        (5, 3.0, 9.0, Some(0.25))
    );
    assert_eq!(t.months.every()[0].growth_share, Some(0.5));
    assert_eq!(t.months.every()[1].growth_share, Some(0.0));
}

#[test]
fn shares_are_rounded_to_three_decimals_and_null_without_work() {
    let t = aggregate(&journal(&[
        ("a.md", "date: 2026-01-05\nwork: growth"),
        ("b.md", "date: 2026-01-06\nwork: depth\nhours: 5"),
        ("c.md", "date: 2026-05-06"),
    ]));
    assert_eq!(t.quarters.every()[0].growth_share, Some(0.167));
    assert_eq!(t.quarters.every()[1].growth_share, None);
}

#[test]
fn an_entry_with_two_layers_counts_once_in_each() {
    let t = aggregate(&journal(&[
        ("a.md", "date: 2026-01-05\nlayer: [process, cooperation]"),
        ("b.md", "date: 2026-01-06\nlayer: process"),
    ]));
    let layers = &t.quarters.every()[0].layers;
    assert_eq!(
        (
            layers.get("resources"),
            layers.get("process"),
            layers.get("cooperation")
        ),
        (0, 2, 1)
    );
    let json = serde_json::to_string(layers).unwrap();
    assert_eq!(
        json, r#"{"resources":0,"process":2,"cooperation":1}"#,
        "config order"
    );
}

#[test]
fn a_capability_spelled_three_ways_is_one_with_its_first_spelling() {
    let t = aggregate(&journal(&[
        (
            "a.md",
            "date: 2026-01-05\nwork: growth\ncapabilities: [Systems Thinking]",
        ),
        ("b.md", "date: 2026-02-05\ncapabilities: [systems thinking]"),
        (
            "c.md",
            "date: 2026-04-05\ncapabilities:\n  - name: SYSTEMS-thinking\n    stage: demonstrated",
        ),
        (
            "d.md",
            "date: 2026-05-05\ncapabilities: [systems   thinking]",
        ),
    ]));
    assert_eq!(t.capabilities.len(), 1);
    let c = &t.capabilities[0];
    assert_eq!(
        (c.slug.as_str(), c.name.as_str()),
        ("systems-thinking", "Systems Thinking")
    );
    assert_eq!(
        (c.first_attempted, c.first_demonstrated, c.last, c.evidence),
        (day(2026, 1, 5), Some(day(2026, 4, 5)), day(2026, 5, 5), 4)
    );
    assert_eq!(
        c.entries,
        ["/2026/01/a/", "/2026/02/b/", "/2026/04/c/", "/2026/05/d/"]
    );
    let stages: Vec<_> = c.stages.iter().map(|e| e.stage).collect();
    assert_eq!(
        stages,
        [
            Stage::Attempted,
            Stage::Practiced,
            Stage::Demonstrated,
            Stage::Practiced
        ]
    );
    assert_eq!(t.quarters.every()[0].first_attempted, ["systems-thinking"]);
    assert_eq!(
        t.quarters.every()[1].first_demonstrated,
        ["systems-thinking"]
    );
    assert!(t.quarters.every()[0].first_demonstrated.is_empty());
}

/// One depth entry on the Monday of each of `weeks` consecutive weeks from 5 January 2026.
fn weekly_depth(weeks: u64) -> Vec<(String, String)> {
    (0..weeks)
        .map(|w| {
            let date = day(2026, 1, 5) + chrono::Days::new(7 * w);
            (format!("w{w}.md"), format!("date: {date}\nwork: depth"))
        })
        .collect()
}

fn aggregate_owned(entries: &[(String, String)]) -> Timelines {
    let borrowed: Vec<(&str, &str)> = entries
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    aggregate(&journal(&borrowed))
}

#[test]
fn five_depth_only_weeks_are_not_a_treadmill_but_six_are() {
    assert!(aggregate_owned(&weekly_depth(5)).treadmill.is_empty());
    let t = aggregate_owned(&weekly_depth(6));
    assert_eq!(t.treadmill.len(), 1);
    let s = &t.treadmill[0];
    assert_eq!(
        (s.start, s.end, s.weeks, s.entries),
        (day(2026, 1, 5), day(2026, 2, 15), 6, 6)
    );
    assert!(t.quarters.every()[0].treadmill);
    assert!(t.weeks.every().iter().all(|w| w.treadmill));
}

#[test]
fn a_week_without_entries_or_with_growth_work_breaks_a_run() {
    let mut entries = weekly_depth(7);
    entries.remove(3); // no entry in the fourth week: 3 + 3 weeks
    assert!(aggregate_owned(&entries).treadmill.is_empty());
    let mut entries = weekly_depth(7);
    entries.push((
        "g.md".into(),
        "date: 2026-01-27\nwork: growth\nhours: 0".into(),
    ));
    assert!(
        aggregate_owned(&entries).treadmill.is_empty(),
        "a growth entry breaks it, even at 0 hours"
    );
    let mut entries = weekly_depth(7);
    entries.push(("n.md".into(), "date: 2026-01-27".into()));
    assert_eq!(
        aggregate_owned(&entries).treadmill[0].entries,
        8,
        "entries without a work kind don't break it"
    );
}

#[test]
fn the_treadmill_length_comes_from_the_config() {
    let config = Config {
        treadmill_weeks: 3,
        ..Config::default()
    };
    let entries = weekly_depth(3);
    let borrowed: Vec<(&str, &str)> = entries
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(
        aggregate(&journal_with(config, &borrowed)).treadmill.len(),
        1
    );
}

#[test]
fn empty_periods_between_entries_are_included_with_zeros() {
    let t = aggregate(&journal(&[
        ("a.md", "date: 2025-02-10\nwork: growth"),
        ("b.md", "date: 2025-11-03\nwork: depth"),
    ]));
    let every = t.quarters.every();
    let quarters: Vec<_> = every
        .iter()
        .map(|q| (q.period.as_str(), q.entries, q.growth_share))
        .collect();
    // Only the quarters with entries are kept; the empty ones are made as they are read.
    assert_eq!(t.quarters.with_entries().len(), 2);
    assert_eq!(
        quarters,
        [
            ("2025-Q1", 1, Some(1.0)),
            ("2025-Q2", 0, None),
            ("2025-Q3", 0, None),
            ("2025-Q4", 1, Some(0.0))
        ]
    );
    assert_eq!(t.months.len(), 10);
    assert_eq!(
        t.weeks.every().first().map(|w| w.start),
        Some(day(2025, 2, 10))
    );
    assert_eq!(
        t.weeks.every().last().map(|w| w.end),
        Some(day(2025, 11, 9))
    );
}

#[test]
fn serialises_in_the_documented_shape() {
    let t = aggregate(&journal(&[(
        "a.md",
        "date: 2026-02-02\nwork: growth\nlayer: cooperation\ncapabilities: [Cross-team negotiation]\nhours: 6",
    )]));
    let json = serde_json::to_string(&t.quarters.every()[0]).unwrap();
    assert_eq!(
        json,
        r#"{"period":"2026-Q1","start":"2026-01-01","end":"2026-03-31","entries":1,"classified_entries":1,"growth_hours":6.0,"depth_hours":0.0,"growth_share":1.0,"maintenance_entries":0,"maintenance_hours":0.0,"maintenance_share":0.0,"layers":{"resources":0,"process":0,"cooperation":1},"first_attempted":["cross-team-negotiation"],"first_demonstrated":[],"treadmill":false}"#
    );
    let json = serde_json::to_string(&t.capabilities[0]).unwrap();
    assert_eq!(
        json,
        r#"{"slug":"cross-team-negotiation","name":"Cross-team negotiation","first_attempted":"2026-02-02","first_demonstrated":null,"last":"2026-02-02","evidence":1,"entries":["/2026/02/a/"]}"#
    );
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    fn entry() -> impl Strategy<Value = (u32, Option<bool>, u8, u8)> {
        (
            0u32..600,
            proptest::option::of(any::<bool>()),
            0u8..8,
            0u8..4,
        )
    }

    fn front((offset, work, hours, capability): (u32, Option<bool>, u8, u8)) -> String {
        let date = day(2025, 1, 1) + chrono::Days::new(u64::from(offset));
        let work = match work {
            Some(true) => "\nwork: growth",
            Some(false) => "\nwork: depth",
            None => "",
        };
        format!("date: {date}{work}\nhours: {hours}\ncapabilities: [skill {capability}]")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn period_hours_sum_to_the_total(entries in proptest::collection::vec(entry(), 1..40)) {
            let files: Vec<(String, String)> = entries.iter().enumerate().map(|(i, e)| (format!("e{i}.md"), front(*e))).collect();
            let t = aggregate_owned(&files);
            let total: f64 = entries.iter().filter(|e| e.1.is_some()).map(|e| f64::from(e.2)).sum();
            for list in [&t.quarters, &t.months, &t.weeks] {
                let sum: f64 = list.iter().map(|p| p.growth_hours + p.depth_hours).sum();
                prop_assert!((sum - total).abs() < 1e-6, "{sum} != {total}");
                prop_assert_eq!(list.iter().map(|p| p.entries).sum::<usize>(), entries.len());
            }
        }

        #[test]
        fn the_order_of_files_never_changes_the_timelines(
            entries in proptest::collection::vec(entry(), 1..30),
            seed in any::<u64>(),
        ) {
            let files: Vec<(String, String)> = entries.iter().enumerate().map(|(i, e)| (format!("e{i}.md"), front(*e))).collect();
            let mut shuffled = files.clone();
            // A deterministic shuffle from the seed.
            let mut state = seed | 1;
            for i in (1..shuffled.len()).rev() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                shuffled.swap(i, (state % (i as u64 + 1)) as usize);
            }
            let a = serde_json::to_string(&aggregate_owned(&files)).unwrap();
            let b = serde_json::to_string(&aggregate_owned(&shuffled)).unwrap();
            prop_assert_eq!(a, b);
        }
    }
}
