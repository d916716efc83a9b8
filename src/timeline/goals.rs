//! Goals and the neglected layer: where the writer aims (the capabilities `goals:` names) and
//! which layer has gone quiet — both read off the capability timelines and the quarters.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{CapabilityTimeline, PeriodStats};
use crate::config::{Config, Goal};
use crate::journal::Stage;

/// Where one goal stands on the build date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalStatus {
    /// The goal's name, as `journal.yaml` writes it.
    pub name: String,
    /// The capability slug it is matched by.
    pub slug: String,
    /// The quarter to demonstrate it by, `2027-Q2`.
    pub by: Option<String>,
    /// Why it matters.
    pub why: Option<String>,
    /// The furthest stage reached; `None` when no entry names it yet.
    pub stage: Option<Stage>,
    /// `demonstrated`, `overdue`, `stalled`, `in_progress` or `not_attempted`: the first that
    /// holds, in that order.
    pub state: &'static str,
    /// Its first evidence.
    pub first_attempted: Option<NaiveDate>,
    /// Its first evidence at stage practiced or beyond.
    pub first_practiced: Option<NaiveDate>,
    /// Its first evidence at stage demonstrated.
    pub first_demonstrated: Option<NaiveDate>,
    /// Its latest evidence.
    pub last_evidence: Option<NaiveDate>,
    /// How many entries are evidence of it.
    pub evidence: usize,
    /// Whole weeks from the latest evidence to the build date.
    pub weeks_since_evidence: Option<i64>,
    /// Not demonstrated, attempted, and no evidence for `goal_stall_weeks` weeks.
    pub stalled: bool,
    /// Its `by` quarter has ended and it is not demonstrated.
    pub overdue: bool,
}

/// A layer with too small a share of the latest entries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NeglectedLayer {
    /// The layer.
    pub layer: String,
    /// Its share of the entries of `quarters`, to 3 decimals.
    pub share: f64,
    /// Entries naming it in those quarters.
    pub entries: usize,
    /// All entries in those quarters.
    pub of: usize,
    /// The quarters looked at: the last two with at least the verdict minimum of entries.
    pub quarters: Vec<String>,
}

/// Each goal of `config` against the capability timelines, on `today`.
pub fn goals(
    config: &Config,
    capabilities: &[CapabilityTimeline],
    today: NaiveDate,
) -> Vec<GoalStatus> {
    config
        .goals
        .iter()
        .map(|goal| {
            let timeline = capabilities.iter().find(|c| c.slug == goal.slug);
            status(goal, timeline, today, config.goal_stall_weeks)
        })
        .collect()
}

fn status(
    goal: &Goal,
    timeline: Option<&CapabilityTimeline>,
    today: NaiveDate,
    stall_weeks: u32,
) -> GoalStatus {
    let stages = timeline.map_or(&[][..], |t| t.stages.as_slice());
    let first_at = |least: Stage| stages.iter().find(|e| e.stage >= least).map(|e| e.date);
    let last_evidence = stages.iter().map(|e| e.date).max();
    let first_demonstrated = first_at(Stage::Demonstrated);
    let weeks_since_evidence = last_evidence.map(|d| (today - d).num_days().max(0) / 7);
    let stalled = first_demonstrated.is_none()
        && weeks_since_evidence.is_some_and(|w| w >= i64::from(stall_weeks));
    let overdue = first_demonstrated.is_none()
        && goal
            .by
            .is_some_and(|(year, quarter)| quarter_has_ended(year, quarter, today));
    let state = match (first_demonstrated, overdue, stalled, last_evidence) {
        (Some(_), _, _, _) => "demonstrated",
        (None, true, _, _) => "overdue",
        (None, false, true, _) => "stalled",
        (None, false, false, Some(_)) => "in_progress",
        (None, false, false, None) => "not_attempted",
    };
    GoalStatus {
        name: goal.name.clone(),
        slug: goal.slug.clone(),
        by: goal.by.map(|(year, quarter)| format!("{year}-Q{quarter}")),
        why: goal.why.clone(),
        stage: stages.iter().map(|e| e.stage).max(),
        state,
        first_attempted: first_at(Stage::Attempted),
        first_practiced: first_at(Stage::Practiced),
        first_demonstrated,
        last_evidence,
        evidence: stages.len(),
        weeks_since_evidence,
        stalled,
        overdue,
    }
}

/// Whether quarter `quarter` of `year` ended before `today`.
fn quarter_has_ended(year: i32, quarter: u32, today: NaiveDate) -> bool {
    let today_quarter = today.month0() / 3 + 1;
    (year, quarter) < (today.year(), today_quarter)
}

/// The layers with less than `neglected_layer_share` of the entries of the last two quarters
/// that had at least the verdict minimum of entries; none when fewer than two quarters had.
pub fn neglected_layers(config: &Config, quarters: &[PeriodStats]) -> Vec<NeglectedLayer> {
    let minimum = config.verdict_min_entries.quarter.max(1);
    let recent: Vec<&PeriodStats> = quarters
        .iter()
        .rev()
        .filter(|q| q.entries >= minimum)
        .take(2)
        .collect();
    if recent.len() < 2 {
        return Vec::new();
    }
    let of: usize = recent.iter().map(|q| q.entries).sum();
    let mut names: Vec<String> = recent.iter().map(|q| q.period.clone()).collect();
    names.reverse();
    config
        .layers
        .iter()
        .filter_map(|layer| {
            let entries: usize = recent.iter().map(|q| q.layers.get(layer)).sum();
            let share = entries as f64 / of as f64;
            (share < config.neglected_layer_share).then(|| NeglectedLayer {
                layer: layer.clone(),
                share: super::round3(share),
                entries,
                of,
                quarters: names.clone(),
            })
        })
        .collect()
}
