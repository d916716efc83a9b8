//! Calendar periods — ISO weeks (Monday start), months and quarters — with their first and last
//! days, labels (`2026-W03`, `2026-03`, `2026-Q1`) and the run of periods between two dates.

use std::fmt;

use chrono::{Datelike, Days, IsoWeek, NaiveDate, Weekday};

/// The three lengths the timelines are cut into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// An ISO week, Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
    /// A calendar quarter: January–March, April–June, July–September, October–December.
    Quarter,
}

/// One period of a [`Kind`], identified by its first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    /// Week, month or quarter.
    pub kind: Kind,
    /// Its first day.
    pub start: NaiveDate,
}

impl Period {
    /// The period of `kind` that contains `date`.
    pub fn containing(kind: Kind, date: NaiveDate) -> Period {
        let start = match kind {
            Kind::Week => date - Days::new(u64::from(date.weekday().num_days_from_monday())),
            Kind::Month => date.with_day(1).unwrap_or(date),
            Kind::Quarter => {
                let month = (date.month0() / 3) * 3 + 1;
                NaiveDate::from_ymd_opt(date.year(), month, 1).unwrap_or(date)
            }
        };
        Period { kind, start }
    }

    /// Its last day.
    pub fn end(&self) -> NaiveDate {
        self.next().start.pred_opt().unwrap_or(self.start)
    }

    /// The period right after this one.
    pub fn next(&self) -> Period {
        let start = match self.kind {
            Kind::Week => self.start + Days::new(7),
            Kind::Month => self
                .start
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(NaiveDate::MAX),
            Kind::Quarter => self
                .start
                .checked_add_months(chrono::Months::new(3))
                .unwrap_or(NaiveDate::MAX),
        };
        Period {
            kind: self.kind,
            start,
        }
    }

    /// The period right before this one.
    pub fn previous(&self) -> Period {
        let day_before = self.start.pred_opt().unwrap_or(self.start);
        Period::containing(self.kind, day_before)
    }

    /// Whether `date` falls in this period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end()
    }

    /// Every period of `kind` from the one holding `first` to the one holding `last`, in order.
    pub fn range(kind: Kind, first: NaiveDate, last: NaiveDate) -> Vec<Period> {
        let mut periods = Vec::new();
        let mut period = Period::containing(kind, first);
        while period.start <= last {
            periods.push(period);
            period = period.next();
        }
        periods
    }

    /// The ISO week of a week period.
    fn iso_week(&self) -> IsoWeek {
        self.start.iso_week()
    }

    /// The quarter number, 1 to 4.
    pub fn quarter(&self) -> u32 {
        self.start.month0() / 3 + 1
    }

    /// The label of the URL of a quarter's review: `2026-q1`.
    pub fn slug(&self) -> String {
        self.to_string().to_lowercase()
    }

    /// A label for people, in English: `Q1 2026`, `March 2026`, `week 3 of 2026`.
    pub fn display(&self) -> String {
        self.display_in(&crate::strings::Strings::english())
    }

    /// A label for people in the language of `strings`: `Q1 2026`, `März 2026`, `KW 3/2026`.
    pub fn display_in(&self, strings: &crate::strings::Strings) -> String {
        match self.kind {
            Kind::Week => strings.fill(
                "period_week",
                &[
                    ("week", &self.iso_week().week().to_string()),
                    ("year", &self.iso_week().year().to_string()),
                ],
            ),
            Kind::Month => strings.month_year(self.start),
            Kind::Quarter => strings.fill(
                "period_quarter",
                &[
                    ("quarter", &self.quarter().to_string()),
                    ("year", &self.start.year().to_string()),
                ],
            ),
        }
    }

    /// Reads `2026-Q1`, `2026-q1`, `2026-03` or `2026-W03`.
    pub fn parse(text: &str) -> Option<Period> {
        let (year, rest) = text.trim().split_once('-')?;
        let year: i32 = year.parse().ok()?;
        let number = |digits: &str| digits.parse::<u32>().ok();
        let start = match rest.chars().next()? {
            'Q' | 'q' => {
                let quarter = number(rest.get(1..)?).filter(|q| (1..=4).contains(q))?;
                (
                    Kind::Quarter,
                    NaiveDate::from_ymd_opt(year, quarter * 3 - 2, 1)?,
                )
            }
            'W' | 'w' => (
                Kind::Week,
                NaiveDate::from_isoywd_opt(year, number(rest.get(1..)?)?, Weekday::Mon)?,
            ),
            _ => (
                Kind::Month,
                NaiveDate::from_ymd_opt(year, number(rest)?, 1)?,
            ),
        };
        Some(Period {
            kind: start.0,
            start: start.1,
        })
    }
}

impl fmt::Display for Period {
    /// The label used in `timelines.json`: `2026-Q1`, `2026-03`, `2026-W03`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            Kind::Week => write!(
                f,
                "{}-W{:02}",
                self.iso_week().year(),
                self.iso_week().week()
            ),
            Kind::Month => write!(f, "{}-{:02}", self.start.year(), self.start.month()),
            Kind::Quarter => write!(f, "{}-Q{}", self.start.year(), self.quarter()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn quarters_start_and_end_on_the_calendar_boundaries() {
        let q = Period::containing(Kind::Quarter, day(2026, 3, 31));
        assert_eq!(
            (q.to_string().as_str(), q.start, q.end()),
            ("2026-Q1", day(2026, 1, 1), day(2026, 3, 31))
        );
        assert_eq!(
            Period::containing(Kind::Quarter, day(2026, 4, 1)).to_string(),
            "2026-Q2"
        );
        assert_eq!(
            Period::containing(Kind::Quarter, day(2025, 12, 31)).end(),
            day(2025, 12, 31)
        );
    }

    #[test]
    fn weeks_are_iso_weeks_starting_on_monday() {
        let w = Period::containing(Kind::Week, day(2026, 1, 1));
        assert_eq!(
            (w.to_string().as_str(), w.start, w.end()),
            ("2026-W01", day(2025, 12, 29), day(2026, 1, 4))
        );
        let w = Period::containing(Kind::Week, day(2027, 1, 1));
        assert_eq!(w.to_string(), "2026-W53");
    }

    #[test]
    fn ranges_include_empty_periods() {
        let months = Period::range(Kind::Month, day(2025, 11, 20), day(2026, 2, 1));
        let labels: Vec<_> = months.iter().map(Period::to_string).collect();
        assert_eq!(labels, ["2025-11", "2025-12", "2026-01", "2026-02"]);
    }

    #[test]
    fn parses_labels_and_refuses_nonsense() {
        assert_eq!(
            Period::parse("2026-Q1"),
            Some(Period::containing(Kind::Quarter, day(2026, 2, 2)))
        );
        assert_eq!(
            Period::parse("2026-q4").map(|p| p.end()),
            Some(day(2026, 12, 31))
        );
        assert_eq!(Period::parse("2026-03").map(|p| p.kind), Some(Kind::Month));
        assert_eq!(
            Period::parse("2026-W03").map(|p| p.start),
            Some(day(2026, 1, 12))
        );
        for bad in [
            "2026-Q5", "2026-13", "2026", "Q1-2026", "", "2026-Q", "x-03",
        ] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
    }
}
