//! Periods as the progress views list them: one row per period with entries, runs of empty
//! periods said once ("no entries from 2014 Q2 to 2016 Q1"), weeks as rolling four-week shares,
//! and the verdict on each under the journal's minimum of entries.

use serde::Serialize;

use crate::config::Config;
use crate::format::{number, percent};
use crate::review::{Measured, Verdict, minimum_for, verdict};
use crate::strings::Strings;
use crate::timeline::{PeriodStats, round3};

/// How many weeks a weekly share is taken over: single weeks are almost all 0 % or 100 %.
pub const ROLLING_WEEKS: usize = 4;

/// One line of a list of periods: a period, or a run of periods without entries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodLine {
    /// `2026-Q1`, `2026-03` or `2026-W11`; for a run of empty periods, its first.
    pub period: String,
    /// `Q1 2026`, `March 2026`, `week 11 of 2026`.
    pub display: String,
    /// For a run of empty periods, what the line says ("No entries from Q2 2014 to Q1 2016");
    /// `None` for a period.
    pub gap: Option<String>,
    /// Entries dated in the period.
    pub entries: usize,
    /// Entries with a work kind, on which the verdict stands.
    pub classified_entries: usize,
    /// Growth hours, as text.
    pub growth_hours: String,
    /// Depth hours, as text.
    pub depth_hours: String,
    /// The growth share, `18 %`, when any growth or depth hours were recorded.
    pub share: Option<String>,
    /// The share of entries that are evidence of no capability, `40 %`, when there are entries.
    pub maintenance: Option<String>,
    /// How the share compares with the band, or why there is no verdict.
    pub verdict: Verdict,
    /// Whether a treadmill stretch overlaps the period.
    pub treadmill: bool,
}

impl PeriodLine {
    /// The line of one period, judged by `config`'s band and minimum.
    pub fn of(stats: &PeriodStats, config: &Config) -> PeriodLine {
        let minimum = minimum_for(stats.span.kind, config.verdict_min_entries);
        PeriodLine {
            period: stats.period.clone(),
            display: stats.span.display_in(&config.strings),
            gap: None,
            entries: stats.entries,
            classified_entries: stats.classified_entries,
            growth_hours: number(stats.growth_hours),
            depth_hours: number(stats.depth_hours),
            share: stats.growth_share.map(percent),
            maintenance: stats.maintenance_share.map(percent),
            verdict: verdict(
                Measured::of(stats),
                minimum,
                config.growth_target,
                &config.strings,
            ),
            treadmill: stats.treadmill,
        }
    }

    /// The one line that stands for the empty periods `first` to `last`.
    fn gap(first: &PeriodStats, last: &PeriodStats, strings: &Strings) -> PeriodLine {
        let text = if first.period == last.period {
            strings.fill("gap_one", &[("period", &first.span.display_in(strings))])
        } else {
            strings.fill(
                "gap_many",
                &[
                    ("first", &first.span.display_in(strings)),
                    ("last", &last.span.display_in(strings)),
                ],
            )
        };
        PeriodLine {
            period: first.period.clone(),
            display: text.clone(),
            gap: Some(text),
            entries: 0,
            classified_entries: 0,
            growth_hours: number(0.0),
            depth_hours: number(0.0),
            share: None,
            maintenance: None,
            verdict: verdict(
                Measured {
                    share: None,
                    classified: 0,
                },
                0,
                [0.0, 0.0],
                strings,
            ),
            treadmill: false,
        }
    }
}

/// `periods` as lines, newest last: each period with entries, and each run of periods without
/// any as one line.
pub fn lines(periods: &[PeriodStats], config: &Config) -> Vec<PeriodLine> {
    let mut lines = Vec::new();
    let mut empty_run: Option<(&PeriodStats, &PeriodStats)> = None;
    for stats in periods {
        if stats.entries == 0 {
            empty_run = Some(empty_run.map_or((stats, stats), |(first, _)| (first, stats)));
            continue;
        }
        if let Some((first, last)) = empty_run.take() {
            lines.push(PeriodLine::gap(first, last, &config.strings));
        }
        lines.push(PeriodLine::of(stats, config));
    }
    if let Some((first, last)) = empty_run {
        lines.push(PeriodLine::gap(first, last, &config.strings));
    }
    lines
}

/// Each week with the growth and depth work of the [`ROLLING_WEEKS`] weeks up to it: its
/// hours, entries with a work kind and share are the window's, its entries its own.
pub fn rolling_weeks(weeks: &[PeriodStats]) -> Vec<PeriodStats> {
    weeks
        .iter()
        .enumerate()
        .map(|(i, week)| {
            let window = &weeks[i.saturating_sub(ROLLING_WEEKS - 1)..=i];
            let growth: f64 = window.iter().map(|w| w.growth_hours).sum();
            let depth: f64 = window.iter().map(|w| w.depth_hours).sum();
            PeriodStats {
                span: week.span,
                period: week.period.clone(),
                start: week.start,
                end: week.end,
                entries: week.entries,
                classified_entries: window.iter().map(|w| w.classified_entries).sum(),
                growth_hours: round3(growth),
                depth_hours: round3(depth),
                growth_share: (growth + depth > 0.0).then(|| round3(growth / (growth + depth))),
                maintenance_entries: week.maintenance_entries,
                maintenance_hours: week.maintenance_hours,
                maintenance_share: week.maintenance_share,
                layers: week.layers.clone(),
                first_attempted: Vec::new(),
                first_demonstrated: Vec::new(),
                treadmill: week.treadmill,
                entry_indexes: Vec::new(),
            }
        })
        .collect()
}

/// The last `count` periods of `periods`: what a chart of a long journal shows of its
/// shortest periods.
pub fn latest(periods: &[PeriodStats], count: usize) -> &[PeriodStats] {
    &periods[periods.len().saturating_sub(count)..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::{Kind, Period};
    use chrono::NaiveDate;

    fn quarter(year: i32, month: u32, entries: usize, growth: f64, depth: f64) -> PeriodStats {
        let start = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default();
        let span = Period::containing(Kind::Quarter, start);
        PeriodStats {
            span,
            period: span.to_string(),
            start: span.start,
            end: span.end(),
            entries,
            classified_entries: entries,
            growth_hours: growth,
            depth_hours: depth,
            growth_share: (growth + depth > 0.0).then(|| growth / (growth + depth)),
            maintenance_entries: 0,
            maintenance_hours: 0.0,
            maintenance_share: None,
            layers: Default::default(),
            first_attempted: Vec::new(),
            first_demonstrated: Vec::new(),
            treadmill: false,
            entry_indexes: Vec::new(),
        }
    }

    #[test]
    fn runs_of_empty_periods_are_one_line() {
        let quarters = [
            quarter(2014, 1, 5, 1.0, 4.0),
            quarter(2014, 4, 0, 0.0, 0.0),
            quarter(2014, 7, 0, 0.0, 0.0),
            quarter(2014, 10, 0, 0.0, 0.0),
            quarter(2015, 1, 6, 1.0, 5.0),
            quarter(2015, 4, 0, 0.0, 0.0),
            quarter(2015, 7, 1, 1.0, 0.0),
        ];
        let lines = lines(&quarters, &Config::default());
        let said: Vec<&str> = lines.iter().map(|l| l.display.as_str()).collect();
        assert_eq!(
            said,
            [
                "Q1 2014",
                "No entries from Q2 2014 to Q4 2014",
                "Q1 2015",
                "No entries in Q2 2015",
                "Q3 2015"
            ]
        );
        assert_eq!(lines[0].verdict.kind, "progress");
        assert_eq!(lines[4].verdict.kind, "thin");
        assert_eq!(lines[1].gap.as_deref(), Some(lines[1].display.as_str()));
    }

    #[test]
    fn a_weekly_share_is_taken_over_four_weeks() {
        let week = |day: u32, growth: f64, depth: f64| {
            let mut stats = quarter(2026, 1, 1, growth, depth);
            let date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default()
                + chrono::Days::new(u64::from(day));
            stats.span = Period::containing(Kind::Week, date);
            stats
        };
        let weeks = [
            week(5, 1.0, 0.0),
            week(12, 0.0, 3.0),
            week(19, 0.0, 3.0),
            week(26, 0.0, 3.0),
            week(33, 0.0, 2.0),
        ];
        let rolled = rolling_weeks(&weeks);
        assert_eq!(rolled[0].growth_share, Some(1.0));
        assert_eq!(rolled[3].growth_share, Some(0.1));
        assert_eq!(rolled[3].classified_entries, 4);
        assert_eq!(rolled[4].growth_share, Some(0.0));
        assert_eq!(rolled[4].depth_hours, 11.0);
    }
}
