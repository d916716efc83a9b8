//! The dashboard's opening: the writer's goals, stalled and overdue ones first, each as a small
//! timeline of its stages; what they can do now that they couldn't three months ago; and the
//! layer that has gone quiet, if one has.

use chrono::NaiveDate;
use serde::Serialize;

use super::Urls;
use crate::journal::Stage;
use crate::review::{neglected_sentence, quarter_name};
use crate::strings::Strings;
use crate::timeline::{GoalStatus, Kind, Period, Timelines};

/// What the dashboard says about goals, and about the layers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalsPanel {
    /// Every goal, overdue and stalled first, then in progress, not attempted, demonstrated.
    pub goals: Vec<GoalView>,
    /// The capabilities first demonstrated in the build date's quarter, newest first.
    pub now_can: Vec<Demonstrated>,
    /// That quarter, `Q4 2026`.
    pub quarter: String,
    /// The neglected layers, each with its sentence.
    pub neglected: Vec<NeglectedView>,
}

/// One goal as the dashboard shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalView {
    /// Its name.
    pub name: String,
    /// The capability's page, once an entry names it.
    pub url: Option<String>,
    /// `demonstrated`, `overdue`, `stalled`, `in_progress` or `not_attempted`.
    pub state: &'static str,
    /// The state in words.
    pub state_text: String,
    /// `by 2027-Q2`, in words, when it has a deadline.
    pub by: Option<String>,
    /// Why it matters.
    pub why: Option<String>,
    /// Attempted, practiced, demonstrated: each reached or not, with the date it was.
    pub steps: Vec<GoalStep>,
    /// "3 entries, the latest 12 weeks ago", or that none names it yet.
    pub evidence: String,
}

/// One stage on a goal's small timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalStep {
    /// `attempted`, `practiced` or `demonstrated`.
    pub stage: &'static str,
    /// The stage in words.
    pub name: String,
    /// The day it was first reached, in words.
    pub date: Option<String>,
    /// That day, `2026-03-14`.
    pub iso: Option<String>,
}

/// A capability first demonstrated in the quarter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Demonstrated {
    /// Its name.
    pub name: String,
    /// Its page.
    pub url: String,
    /// The day, in words.
    pub date: String,
}

/// A neglected layer with the sentence that names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NeglectedView {
    /// The layer.
    pub layer: String,
    /// Its page.
    pub url: String,
    /// "Cooperation had 4 % of the entries of Q2 2026 and Q3 2026." — before the link.
    pub sentence: String,
}

/// The panel for `timelines` on `today`.
pub fn panel(
    timelines: &Timelines,
    urls: &Urls,
    strings: &Strings,
    today: NaiveDate,
) -> GoalsPanel {
    let mut goals: Vec<&GoalStatus> = timelines.goals.iter().collect();
    goals.sort_by_key(|g| urgency(g.state));
    let known = |slug: &str| timelines.capabilities.iter().any(|c| c.slug == slug);
    let quarter = Period::containing(Kind::Quarter, today);
    let mut now_can: Vec<(NaiveDate, Demonstrated)> = timelines
        .capabilities
        .iter()
        .filter_map(|c| {
            let day = c.first_demonstrated.filter(|d| quarter.contains(*d))?;
            Some((
                day,
                Demonstrated {
                    name: c.name.clone(),
                    url: urls.link(&format!("/capabilities/{}/", c.slug)),
                    date: strings.long_date(day),
                },
            ))
        })
        .collect();
    now_can.sort_by_key(|d| std::cmp::Reverse(d.0));
    GoalsPanel {
        goals: goals
            .into_iter()
            .map(|g| goal_view(g, known(&g.slug), urls, strings))
            .collect(),
        now_can: now_can.into_iter().map(|(_, d)| d).collect(),
        quarter: quarter.display_in(strings),
        neglected: neglected(timelines, urls, strings),
    }
}

/// Where a goal in `state` stands in the list: what needs attention first.
fn urgency(state: &str) -> u8 {
    match state {
        "overdue" => 0,
        "stalled" => 1,
        "in_progress" => 2,
        "not_attempted" => 3,
        _ => 4,
    }
}

fn goal_view(goal: &GoalStatus, known: bool, urls: &Urls, strings: &Strings) -> GoalView {
    let step = |stage: Stage, date: Option<NaiveDate>| GoalStep {
        stage: stage.name(),
        name: strings.get(&format!("stage_{}", stage.name())).to_string(),
        date: date.map(|d| strings.long_date(d)),
        iso: date.map(|d| d.to_string()),
    };
    let evidence = match (goal.evidence, goal.weeks_since_evidence) {
        (0, _) | (_, None) => strings.get("goal_no_evidence").to_string(),
        (n, Some(weeks)) => strings.fill(
            "goal_evidence",
            &[
                ("entries", &strings.count("entries", n)),
                ("weeks", &weeks.to_string()),
            ],
        ),
    };
    GoalView {
        name: goal.name.clone(),
        url: known.then(|| urls.link(&format!("/capabilities/{}/", goal.slug))),
        state: goal.state,
        state_text: strings
            .get(&format!("goal_state_{}", goal.state))
            .to_string(),
        by: goal
            .by
            .as_deref()
            .map(|by| strings.fill("goal_by", &[("quarter", &quarter_name(by, strings))])),
        why: goal.why.clone(),
        steps: vec![
            step(Stage::Attempted, goal.first_attempted),
            step(Stage::Practiced, goal.first_practiced),
            step(Stage::Demonstrated, goal.first_demonstrated),
        ],
        evidence,
    }
}

fn neglected(timelines: &Timelines, urls: &Urls, strings: &Strings) -> Vec<NeglectedView> {
    timelines
        .neglected_layers
        .iter()
        .map(|n| NeglectedView {
            layer: n.layer.clone(),
            url: urls.link(&format!("/layers/{}/", n.layer)),
            sentence: neglected_sentence(n, strings),
        })
        .collect()
}
