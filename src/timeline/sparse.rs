//! One kind of period (weeks, months or quarters) over a journal's span, kept sparsely: only
//! the periods with entries are stored, so a journal with a long silence holds nothing for it.
//! The views and `timelines.json` list every period, each empty one made as it is read.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};

use super::period::Period;
use super::{LayerCounts, PeriodStats};

/// Every period of one kind from the journal's first entry to its last.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Periods {
    /// The periods with entries, oldest first.
    with_entries: Vec<PeriodStats>,
    /// The first period of the span and how many periods it has; none without entries.
    span: Option<(Period, usize)>,
    /// The config's layers, each counted 0 in a period without entries.
    layers: Vec<String>,
    /// The first and last days of the treadmill stretches: an empty period between two weeks of
    /// a stretch is part of it.
    stretches: Vec<(NaiveDate, NaiveDate)>,
}

impl Periods {
    /// The periods from `first` to `last` (inclusive), of which `with_entries` (oldest first)
    /// are the ones with entries.
    pub(super) fn new(
        with_entries: Vec<PeriodStats>,
        first: Period,
        last: Period,
        layers: &[String],
    ) -> Periods {
        let mut count = 1;
        let mut period = first;
        while period.start < last.start {
            period = period.next();
            count += 1;
        }
        Periods {
            with_entries,
            span: Some((first, count)),
            layers: layers.to_vec(),
            stretches: Vec::new(),
        }
    }

    /// Marks each period that overlaps one of `stretches` (first and last days) as part of a
    /// treadmill stretch.
    pub(super) fn mark_treadmill(&mut self, stretches: &[(NaiveDate, NaiveDate)]) {
        for period in &mut self.with_entries {
            period.treadmill = overlaps(stretches, period.start, period.end);
        }
        self.stretches = stretches.to_vec();
    }

    /// The periods with entries, oldest first.
    pub fn with_entries(&self) -> &[PeriodStats] {
        &self.with_entries
    }

    /// The first period, which holds the first entry.
    pub fn first(&self) -> Option<&PeriodStats> {
        self.with_entries.first()
    }

    /// The last period, which holds the last entry.
    pub fn last(&self) -> Option<&PeriodStats> {
        self.with_entries.last()
    }

    /// The period `span`, when it is within the journal's span.
    pub fn get(&self, span: Period) -> Option<Cow<'_, PeriodStats>> {
        if let Ok(at) = self.with_entries.binary_search_by_key(&span, |p| p.span) {
            return self.with_entries.get(at).map(Cow::Borrowed);
        }
        let (first, last) = (self.first()?, self.last()?);
        (span.kind == first.span.kind && first.span < span && span < last.span)
            .then(|| Cow::Owned(self.empty(span)))
    }

    /// How many periods the span has, with entries or not.
    pub fn len(&self) -> usize {
        self.span.map_or(0, |(_, count)| count)
    }

    /// Whether there is no period at all (a journal without entries).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every period, oldest first: the stored ones borrowed, the empty ones made.
    pub fn iter(&self) -> impl Iterator<Item = Cow<'_, PeriodStats>> + '_ {
        let mut stored = self.with_entries.iter().peekable();
        let mut period = self.span.map(|(first, _)| first);
        (0..self.len()).filter_map(move |_| {
            let here = period?;
            period = Some(here.next());
            match stored.next_if(|s| s.span == here) {
                Some(stats) => Some(Cow::Borrowed(stats)),
                None => Some(Cow::Owned(self.empty(here))),
            }
        })
    }

    /// Every period, oldest first, as a list a view can index.
    pub fn every(&self) -> Vec<PeriodStats> {
        self.iter().map(Cow::into_owned).collect()
    }

    /// The figures of a period without entries.
    fn empty(&self, span: Period) -> PeriodStats {
        PeriodStats {
            span,
            period: span.to_string(),
            start: span.start,
            end: span.end(),
            entries: 0,
            classified_entries: 0,
            growth_hours: 0.0,
            depth_hours: 0.0,
            growth_share: None,
            maintenance_entries: 0,
            maintenance_hours: 0.0,
            maintenance_share: None,
            layers: LayerCounts(self.layers.iter().map(|l| (l.clone(), 0)).collect()),
            first_attempted: Vec::new(),
            first_demonstrated: Vec::new(),
            treadmill: overlaps(&self.stretches, span.start, span.end()),
            entry_indexes: Vec::new(),
        }
    }
}

/// Whether the days `start` to `end` overlap one of `stretches`.
fn overlaps(stretches: &[(NaiveDate, NaiveDate)], start: NaiveDate, end: NaiveDate) -> bool {
    stretches.iter().any(|&(s, e)| s <= end && start <= e)
}

impl Serialize for Periods {
    /// Every period, as a list: the empty ones made one at a time as they are written.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut list = serializer.serialize_seq(Some(self.len()))?;
        for period in self.iter() {
            list.serialize_element(period.as_ref())?;
        }
        list.end()
    }
}
