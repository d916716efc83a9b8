//! Aggregation: the loaded [`Journal`] → [`Timelines`], the data behind every progress view and
//! `timelines.json`. Pure functions of the journal; nothing here renders or writes.
//!
//! The rules are the product's: periods run from the first to the last entry with empty ones
//! included; `growth_share` is growth hours over growth plus depth hours; layers count entries;
//! a treadmill is a run of at least `treadmill_weeks` ISO weeks that all have entries and none
//! of them growth work.

pub mod goals;
pub mod period;
pub mod sparse;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::journal::{Entry, Journal, Stage, Work};
pub use goals::{GoalStatus, NeglectedLayer};
pub use period::{Kind, Period};
pub use sparse::Periods;

/// Everything the progress views show, in the shape of `timelines.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timelines {
    /// How many entries count.
    pub entries: usize,
    /// Per calendar quarter, oldest first (only those with entries kept in memory).
    pub quarters: Periods,
    /// Per calendar month, oldest first.
    pub months: Periods,
    /// Per ISO week, oldest first.
    pub weeks: Periods,
    /// Every capability, by first attempt.
    pub capabilities: Vec<CapabilityTimeline>,
    /// Depth-only stretches long enough to be a treadmill, oldest first.
    pub treadmill: Vec<TreadmillStretch>,
    /// Each goal of `journal.yaml`, in its order, where it stands on the build date.
    pub goals: Vec<GoalStatus>,
    /// Layers with too small a share of the latest entries.
    pub neglected_layers: Vec<NeglectedLayer>,
    /// The build date they were counted to: what "this quarter" and "weeks since" mean.
    #[serde(skip)]
    pub today: NaiveDate,
}

/// What happened in one week, month or quarter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodStats {
    /// Which period.
    #[serde(skip)]
    pub span: Period,
    /// Its label: `2026-Q1`, `2026-03`, `2026-W11`.
    pub period: String,
    /// Its first day.
    pub start: NaiveDate,
    /// Its last day.
    pub end: NaiveDate,
    /// Entries dated in it.
    pub entries: usize,
    /// Of those, the entries that say `work: growth` or `work: depth`: what a verdict on the
    /// period stands on.
    pub classified_entries: usize,
    /// Hours of growth work.
    pub growth_hours: f64,
    /// Hours of depth work.
    pub depth_hours: f64,
    /// Growth hours over growth plus depth hours, to 3 decimals; `None` when both are 0.
    pub growth_share: Option<f64>,
    /// Entries that are evidence of no capability: work that is necessary but not
    /// developmental.
    pub maintenance_entries: usize,
    /// Their hours.
    pub maintenance_hours: f64,
    /// Maintenance entries over all entries, to 3 decimals; `None` without entries.
    pub maintenance_share: Option<f64>,
    /// Entries per layer, in the config's order.
    pub layers: LayerCounts,
    /// Capabilities first attempted in it (slugs).
    pub first_attempted: Vec<String>,
    /// Capabilities first demonstrated in it (slugs).
    pub first_demonstrated: Vec<String>,
    /// Whether a treadmill stretch overlaps it.
    pub treadmill: bool,
    /// Indexes of its entries in the journal, oldest first.
    #[serde(skip)]
    pub entry_indexes: Vec<usize>,
}

/// Entry counts per layer, serialised as a map in the config's layer order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LayerCounts(pub Vec<(String, usize)>);

impl LayerCounts {
    /// The count for `layer`, 0 when unknown.
    pub fn get(&self, layer: &str) -> usize {
        self.0
            .iter()
            .find(|(name, _)| name == layer)
            .map_or(0, |(_, n)| *n)
    }
}

impl Serialize for LayerCounts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (layer, count) in &self.0 {
            map.serialize_entry(layer, count)?;
        }
        map.end()
    }
}

/// One capability from its first attempt on, with every entry that is evidence of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapabilityTimeline {
    /// Its identity.
    pub slug: String,
    /// Its name, as first spelt.
    pub name: String,
    /// The date of its first evidence, at any stage.
    pub first_attempted: NaiveDate,
    /// The date of its first evidence at stage demonstrated.
    pub first_demonstrated: Option<NaiveDate>,
    /// The date of its latest evidence.
    pub last: NaiveDate,
    /// How many entries are evidence of it.
    pub evidence: usize,
    /// Their permalinks, oldest first.
    pub entries: Vec<String>,
    /// Each piece of evidence with its stage, oldest first.
    #[serde(skip)]
    pub stages: Vec<Evidence>,
}

/// One entry as evidence of a capability.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    /// The entry's index in the journal.
    pub entry: usize,
    /// Its date.
    pub date: NaiveDate,
    /// The stage it shows.
    pub stage: Stage,
}

/// A run of depth-only weeks long enough to be flagged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TreadmillStretch {
    /// The Monday of its first week.
    pub start: NaiveDate,
    /// The Sunday of its last week.
    pub end: NaiveDate,
    /// How many weeks.
    pub weeks: usize,
    /// How many entries inside it.
    pub entries: usize,
    /// Their indexes in the journal, oldest first.
    #[serde(skip)]
    pub entry_indexes: Vec<usize>,
}

/// Aggregates the journal's entries (in journal order: sorted by date) into timelines, on the
/// build date ([`crate::clock::today`]).
pub fn aggregate(journal: &Journal) -> Timelines {
    aggregate_on(journal, crate::clock::today())
}

/// [`aggregate`] with `today` as the build date, which goals are counted to.
pub fn aggregate_on(journal: &Journal, today: NaiveDate) -> Timelines {
    let entries = &journal.entries;
    let capabilities = capabilities(entries);
    let (Some(first), Some(last)) = (
        entries.iter().map(|e| e.date).min(),
        entries.iter().map(|e| e.date).max(),
    ) else {
        return Timelines {
            entries: 0,
            quarters: Periods::default(),
            months: Periods::default(),
            weeks: Periods::default(),
            goals: goals::goals(&journal.config, &capabilities, today),
            capabilities,
            treadmill: Vec::new(),
            neglected_layers: Vec::new(),
            today,
        };
    };
    let layers = &journal.config.layers;
    let stats = |kind| -> Periods {
        let with_entries = periods_with_entries(kind, entries)
            .into_iter()
            .map(|p| period_stats(p, entries, layers, &capabilities))
            .collect();
        let (first, last) = (
            Period::containing(kind, first),
            Period::containing(kind, last),
        );
        Periods::new(with_entries, first, last, layers)
    };
    let mut weeks = stats(Kind::Week);
    let treadmill = treadmill(
        weeks.with_entries(),
        entries,
        journal.config.treadmill_weeks as usize,
    );
    let stretches: Vec<(NaiveDate, NaiveDate)> =
        treadmill.iter().map(|t| (t.start, t.end)).collect();
    let mut months = stats(Kind::Month);
    let mut quarters = stats(Kind::Quarter);
    for list in [&mut weeks, &mut months, &mut quarters] {
        list.mark_treadmill(&stretches);
    }
    Timelines {
        entries: entries.len(),
        goals: goals::goals(&journal.config, &capabilities, today),
        neglected_layers: goals::neglected_layers(&journal.config, quarters.with_entries()),
        quarters,
        months,
        weeks,
        capabilities,
        treadmill,
        today,
    }
}

/// The periods of `kind` that hold an entry, oldest first (`entries` are in date order).
fn periods_with_entries(kind: Kind, entries: &[Entry]) -> Vec<Period> {
    let mut periods: Vec<Period> = entries
        .iter()
        .map(|e| Period::containing(kind, e.date))
        .collect();
    periods.dedup();
    periods
}

fn period_stats(
    span: Period,
    entries: &[Entry],
    layers: &[String],
    capabilities: &[CapabilityTimeline],
) -> PeriodStats {
    // Entries are sorted by date, so a period's entries are one run of them, found by two
    // binary searches rather than a look at every entry for every period.
    let first = entries.partition_point(|e| e.date < span.start);
    let end = entries.partition_point(|e| e.date <= span.end());
    let entry_indexes: Vec<usize> = (first..end.max(first))
        .filter(|&i| span.contains(entries[i].date))
        .collect();
    let inside = || entry_indexes.iter().map(|&i| &entries[i]);
    let hours = |work| {
        inside()
            .filter(|e| e.work == Some(work))
            .map(|e| e.hours)
            .sum::<f64>()
    };
    let (growth_hours, depth_hours) = (round3(hours(Work::Growth)), round3(hours(Work::Depth)));
    let total = growth_hours + depth_hours;
    let layers = LayerCounts(
        layers
            .iter()
            .map(|layer| {
                let count = inside().filter(|e| e.layers.contains(layer)).count();
                (layer.clone(), count)
            })
            .collect(),
    );
    let maintenance = || inside().filter(|e| e.capabilities.is_empty());
    let maintenance_entries = maintenance().count();
    PeriodStats {
        span,
        period: span.to_string(),
        start: span.start,
        end: span.end(),
        maintenance_entries,
        maintenance_hours: round3(maintenance().map(|e| e.hours).sum()),
        maintenance_share: (!entry_indexes.is_empty())
            .then(|| round3(maintenance_entries as f64 / entry_indexes.len() as f64)),
        entries: entry_indexes.len(),
        classified_entries: inside().filter(|e| e.work.is_some()).count(),
        growth_hours,
        depth_hours,
        growth_share: (total > 0.0).then(|| round3(growth_hours / total)),
        layers,
        first_attempted: firsts_in(span, capabilities, |c| Some(c.first_attempted)),
        first_demonstrated: firsts_in(span, capabilities, |c| c.first_demonstrated),
        treadmill: false,
        entry_indexes,
    }
}

/// The slugs of the capabilities whose date `pick` falls in `span`, in date order.
fn firsts_in(
    span: Period,
    capabilities: &[CapabilityTimeline],
    pick: fn(&CapabilityTimeline) -> Option<NaiveDate>,
) -> Vec<String> {
    let mut found: Vec<(NaiveDate, &str)> = capabilities
        .iter()
        .filter_map(|c| {
            pick(c)
                .filter(|d| span.contains(*d))
                .map(|d| (d, c.slug.as_str()))
        })
        .collect();
    found.sort();
    found
        .into_iter()
        .map(|(_, slug)| slug.to_string())
        .collect()
}

/// Every capability named by any entry, ordered by first attempt then slug.
fn capabilities(entries: &[Entry]) -> Vec<CapabilityTimeline> {
    let mut by_slug: BTreeMap<&str, CapabilityTimeline> = BTreeMap::new();
    for (index, entry) in entries.iter().enumerate() {
        for capability in &entry.capabilities {
            let timeline = by_slug
                .entry(&capability.slug)
                .or_insert_with(|| CapabilityTimeline {
                    slug: capability.slug.clone(),
                    name: capability.name.clone(),
                    first_attempted: entry.date,
                    first_demonstrated: None,
                    last: entry.date,
                    evidence: 0,
                    entries: Vec::new(),
                    stages: Vec::new(),
                });
            timeline.stages.push(Evidence {
                entry: index,
                date: entry.date,
                stage: capability.stage,
            });
        }
    }
    let mut list: Vec<CapabilityTimeline> = by_slug
        .into_values()
        .map(|mut c| {
            // Entries are in date order already; sorting keeps that promise explicit.
            c.stages.sort_by_key(|e| (e.date, e.entry));
            c.first_attempted = c.stages.first().map_or(c.first_attempted, |e| e.date);
            c.last = c.stages.last().map_or(c.last, |e| e.date);
            c.first_demonstrated = c
                .stages
                .iter()
                .find(|e| e.stage == Stage::Demonstrated)
                .map(|e| e.date);
            c.evidence = c.stages.len();
            c.entries = c
                .stages
                .iter()
                .map(|e| entries[e.entry].permalink.clone())
                .collect();
            c.name = c
                .stages
                .first()
                .and_then(|e| {
                    entries[e.entry]
                        .capabilities
                        .iter()
                        .find(|r| r.slug == c.slug)
                })
                .map_or(c.name, |r| r.name.clone());
            c
        })
        .collect();
    list.sort_by(|a, b| (a.first_attempted, &a.slug).cmp(&(b.first_attempted, &b.slug)));
    list
}

/// Runs of at least `minimum` consecutive weeks that all have entries and no growth work.
/// `weeks` are the weeks with entries: a week missing between two breaks a run.
fn treadmill(weeks: &[PeriodStats], entries: &[Entry], minimum: usize) -> Vec<TreadmillStretch> {
    let mut stretches = Vec::new();
    let mut run: Vec<&PeriodStats> = Vec::new();
    let mut close = |run: &mut Vec<&PeriodStats>| {
        if run.len() >= minimum.max(1)
            && let (Some(first), Some(last)) = (run.first(), run.last())
        {
            let entry_indexes: Vec<usize> = run
                .iter()
                .flat_map(|w| w.entry_indexes.iter().copied())
                .collect();
            stretches.push(TreadmillStretch {
                start: first.start,
                end: last.end,
                weeks: run.len(),
                entries: entry_indexes.len(),
                entry_indexes,
            });
        }
        run.clear();
    };
    for week in weeks {
        // Any growth entry breaks a run, even one weighted 0 hours.
        let depth_only = week
            .entry_indexes
            .iter()
            .all(|&i| entries[i].work != Some(Work::Growth));
        let follows = run.last().is_none_or(|last| last.span.next() == week.span);
        if !follows {
            close(&mut run);
        }
        if week.entries > 0 && depth_only {
            run.push(week);
        } else {
            close(&mut run);
        }
    }
    close(&mut run);
    stretches
}

/// Rounds to 3 decimals; adding 0.0 turns the -0.0 of an empty sum into 0.0.
pub fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0 + 0.0
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
