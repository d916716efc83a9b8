//! A review of one period — "what can I now do that I couldn't three months ago?" — built from
//! the timelines, for the `/reviews/…` pages and for `strata review`, which prints it as
//! markdown ready to paste into a self-review.

use crate::format::{long_date, number, percent};
use std::fmt::Write;

use serde::Serialize;

use crate::config::VerdictMinimum;
use crate::journal::Journal;
use crate::strings::Strings;
use crate::timeline::{Kind, PeriodStats, Timelines};

/// How a period's growth share compares with the healthy band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// `movement`, `progress`, `stretch`, `thin` (too few entries to judge) or `none`.
    pub kind: &'static str,
    /// The plain-words verdict: "progress: 18 % growth work".
    pub text: String,
}

/// What a verdict stands on: a period's growth share and how many entries with a work kind it
/// was measured from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measured {
    /// Growth hours over growth plus depth hours; `None` when both are 0.
    pub share: Option<f64>,
    /// Entries that say `work: growth` or `work: depth`.
    pub classified: usize,
}

impl Measured {
    /// What `stats` measured.
    pub fn of(stats: &PeriodStats) -> Measured {
        Measured {
            share: stats.growth_share,
            classified: stats.classified_entries,
        }
    }
}

/// The fewest entries with a work kind a period of `kind` needs for a verdict.
pub fn minimum_for(kind: Kind, minimum: VerdictMinimum) -> usize {
    match kind {
        Kind::Quarter => minimum.quarter,
        Kind::Month | Kind::Week => minimum.month,
    }
}

/// The plain-words verdict for a measured growth share against the band, in the language of
/// `strings`; "too little to judge" when fewer than `minimum` entries had a work kind, so that
/// one entry never decides a quarter.
pub fn verdict(measured: Measured, minimum: usize, band: [f64; 2], strings: &Strings) -> Verdict {
    let share = |key: &str, s: f64| {
        strings.fill(key, &[("share", &percent(s)), ("high", &percent(band[1]))])
    };
    match measured.share {
        None if measured.classified == 0 => Verdict {
            kind: "none",
            text: strings.get("verdict_none").to_string(),
        },
        _ if measured.classified < minimum => Verdict {
            kind: "thin",
            text: strings.fill(
                "verdict_thin",
                &[
                    ("entries", &strings.count("entries", measured.classified)),
                    ("minimum", &minimum.to_string()),
                ],
            ),
        },
        None => Verdict {
            kind: "none",
            text: strings.get("verdict_no_hours").to_string(),
        },
        Some(s) if s < band[0] => Verdict {
            kind: "movement",
            text: share("verdict_movement", s),
        },
        Some(s) if s <= band[1] => Verdict {
            kind: "progress",
            text: share("verdict_progress", s),
        },
        Some(s) => Verdict {
            kind: "stretch",
            text: share("verdict_stretch", s),
        },
    }
}

/// A goal in one line: its name, state, and its latest evidence or first demonstration.
fn goal_line(goal: &crate::timeline::GoalStatus, strings: &Strings) -> String {
    let state = strings
        .get(&format!("goal_state_{}", goal.state))
        .to_string();
    let detail = match (goal.first_demonstrated, goal.weeks_since_evidence) {
        (Some(day), _) => strings.long_date(day),
        (None, Some(weeks)) => strings.fill(
            "goal_evidence",
            &[
                ("entries", &strings.count("entries", goal.evidence)),
                ("weeks", &weeks.to_string()),
            ],
        ),
        (None, None) => strings.get("goal_no_evidence").to_string(),
    };
    let by = goal
        .by
        .as_deref()
        .map(|by| {
            format!(
                " ({})",
                strings.fill("goal_by", &[("quarter", &quarter_name(by, strings))])
            )
        })
        .unwrap_or_default();
    format!("{}{by} — {state}: {detail}", goal.name)
}

/// The sentence that names a neglected layer: "The cooperation layer has gone quiet: 4 % of the
/// entries of Q2 2026 and Q3 2026 (1 of 23)."
pub fn neglected_sentence(n: &crate::timeline::NeglectedLayer, strings: &Strings) -> String {
    let quarters: Vec<String> = n
        .quarters
        .iter()
        .map(|q| quarter_name(q, strings))
        .collect();
    strings.fill(
        "neglected_sentence",
        &[
            ("layer", &n.layer),
            ("share", &percent(n.share)),
            ("entries", &n.entries.to_string()),
            ("of", &n.of.to_string()),
            ("quarters", &quarters.join(strings.get("and"))),
        ],
    )
}

/// `2026-Q2` as people read it in the language of `strings`: `Q2 2026`.
pub fn quarter_name(label: &str, strings: &Strings) -> String {
    crate::timeline::Period::parse(label)
        .map_or_else(|| label.to_string(), |p| p.display_in(strings))
}

/// The healthy band as text: `15 % to 20 %`.
pub fn target_band(band: [f64; 2], strings: &Strings) -> String {
    strings.fill(
        "target_band",
        &[("low", &percent(band[0])), ("high", &percent(band[1]))],
    )
}

/// A capability as a review lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewCapability {
    /// Its name.
    pub name: String,
    /// Its page.
    pub url: String,
    /// The day of the milestone (first attempt or first demonstration), `14 March 2026`.
    pub date: String,
    /// The entry that is the milestone's evidence.
    pub entry_title: String,
    /// That entry's page.
    pub entry_url: String,
}

/// An entry as a review lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewEntry {
    /// Its title.
    pub title: String,
    /// Its page.
    pub url: String,
    /// `2026-03-14`.
    pub date: String,
    /// `growth`, `depth` or empty.
    pub work: &'static str,
    /// Its layers, comma-separated.
    pub layers: String,
}

/// One layer's part of the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayerShare {
    /// The layer.
    pub layer: String,
    /// Entries naming it.
    pub entries: usize,
    /// Its share of the period's entries, `40 %`.
    pub share: String,
}

/// Everything a review of one period says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    /// `2026-Q1` or `2026-03`.
    pub period: String,
    /// `Q1 2026` or `March 2026`.
    pub title: String,
    /// `1 January 2026`.
    pub start: String,
    /// `31 March 2026`.
    pub end: String,
    /// Entries in the period.
    pub entry_count: usize,
    /// Growth hours, as text.
    pub growth_hours: String,
    /// Growth plus depth hours, as text.
    pub work_hours: String,
    /// The share, if any work was recorded.
    pub growth_share: Option<f64>,
    /// The target band, as text: `15 % to 20 %`.
    pub target: String,
    /// How the share compares with the band.
    pub verdict: Verdict,
    /// Whether a treadmill stretch overlaps the period.
    pub treadmill: bool,
    /// Capabilities first demonstrated in the period.
    pub demonstrated: Vec<ReviewCapability>,
    /// Capabilities first attempted in the period.
    pub attempted: Vec<ReviewCapability>,
    /// The share of the period's entries that are evidence of no capability, `40 %`.
    pub maintenance: Option<String>,
    /// Each goal where it stands on the build date: "Public speaking — stalled: 3 entries, the
    /// latest 12 weeks ago".
    pub goals: Vec<String>,
    /// A sentence for each neglected layer.
    pub neglected: Vec<String>,
    /// The layer mix.
    pub layers: Vec<LayerShare>,
    /// The period's entries, oldest first.
    pub entries: Vec<ReviewEntry>,
}

/// The capabilities `slugs` names, each with the entry that first attempted it — or, when
/// `demonstrated`, first demonstrated it.
fn milestones(
    journal: &Journal,
    timelines: &Timelines,
    slugs: &[String],
    demonstrated: bool,
    link: &dyn Fn(&str) -> String,
) -> Vec<ReviewCapability> {
    let strings = &journal.config.strings;
    slugs
        .iter()
        .filter_map(|slug| timelines.capabilities.iter().find(|c| &c.slug == slug))
        .filter_map(|c| {
            let evidence = c
                .stages
                .iter()
                .find(|e| !demonstrated || e.stage == crate::journal::Stage::Demonstrated)?;
            let entry = journal.entries.get(evidence.entry)?;
            Some(ReviewCapability {
                name: c.name.clone(),
                url: link(&format!("/capabilities/{}/", c.slug)),
                date: strings.long_date(evidence.date),
                entry_title: entry.title.clone(),
                entry_url: link(&entry.permalink),
            })
        })
        .collect()
}

impl Review {
    /// The review of `stats`, one of the periods of `timelines`.
    /// `link` turns a site path into the URL the review shows.
    pub fn new(
        journal: &Journal,
        timelines: &Timelines,
        stats: &PeriodStats,
        link: &dyn Fn(&str) -> String,
    ) -> Review {
        let band = journal.config.growth_target;
        let strings = &journal.config.strings;
        let milestones = |slugs: &[String], demonstrated: bool| {
            milestones(journal, timelines, slugs, demonstrated, link)
        };
        Review {
            period: stats.period.clone(),
            title: stats.span.display_in(strings),
            start: strings.long_date(stats.start),
            end: strings.long_date(stats.end),
            entry_count: stats.entries,
            growth_hours: number(stats.growth_hours),
            work_hours: number(stats.growth_hours + stats.depth_hours),
            growth_share: stats.growth_share,
            target: target_band(band, strings),
            verdict: verdict(
                Measured::of(stats),
                minimum_for(stats.span.kind, journal.config.verdict_min_entries),
                band,
                strings,
            ),
            treadmill: stats.treadmill,
            demonstrated: milestones(&stats.first_demonstrated, true),
            attempted: milestones(&stats.first_attempted, false),
            maintenance: stats.maintenance_share.map(percent),
            goals: timelines
                .goals
                .iter()
                .map(|g| goal_line(g, strings))
                .collect(),
            neglected: timelines
                .neglected_layers
                .iter()
                .map(|n| neglected_sentence(n, strings))
                .collect(),
            layers: layer_shares(stats),
            entries: review_entries(journal, stats, link),
        }
    }

    /// The review as the body of a journal entry (`strata new --review`): the sections of
    /// [`Review::to_markdown`] without its heading (the entry's title says it), the treadmill
    /// stretches that touch the period with their dates, and the quarter's question to answer.
    pub fn to_entry_markdown(&self, stretches: &[crate::timeline::TreadmillStretch]) -> String {
        let mut md = self.sections(stretches);
        md.push_str(
            "\n## What can I do now that I couldn't three months ago?\n\n<!-- Answer in your own words: name the capability and the entry that shows it. -->\n",
        );
        md
    }

    /// The review as markdown.
    pub fn to_markdown(&self) -> String {
        format!(
            "# Review of {} ({} – {})\n\n{}",
            self.title,
            self.start,
            self.end,
            self.sections(&[])
        )
    }

    /// Everything but the heading; treadmill `stretches` named with their dates when given,
    /// else one line when the period had one.
    fn sections(&self, stretches: &[crate::timeline::TreadmillStretch]) -> String {
        let mut md = String::new();
        self.growth_notes(&mut md, stretches);
        if !self.goals.is_empty() {
            md.push_str("## Goals\n\n");
            for goal in &self.goals {
                let _ = writeln!(md, "- {goal}");
            }
            md.push('\n');
        }
        md.push_str("## What I can now do that I couldn't before\n\n");
        list(
            &mut md,
            &self.demonstrated,
            "demonstrated",
            "Nothing was demonstrated for the first time.",
        );
        md.push_str("## What I started attempting\n\n");
        list(
            &mut md,
            &self.attempted,
            "first attempted",
            "Nothing new was attempted.",
        );
        md.push_str("## Layer mix\n\n| Layer | Entries | Share |\n| --- | ---: | ---: |\n");
        for layer in &self.layers {
            let _ = writeln!(
                md,
                "| {} | {} | {} |",
                layer.layer, layer.entries, layer.share
            );
        }
        self.entry_list(&mut md);
        md
    }

    /// The lines before the sections: the growth share, treadmill `stretches` (or one line
    /// when the period had one), maintenance and neglected layers.
    fn growth_notes(&self, md: &mut String, stretches: &[crate::timeline::TreadmillStretch]) {
        let _ = writeln!(
            md,
            "**Growth share:** {} — {} of {} hours of growth and depth work were growth work (target {}).\n",
            self.verdict.text, self.growth_hours, self.work_hours, self.target
        );
        if !stretches.is_empty() {
            md.push_str("**Treadmill stretches:**\n\n");
            for s in stretches {
                let _ = writeln!(
                    md,
                    "- {} to {}: {} weeks, {} entries, no growth work",
                    long_date(s.start),
                    long_date(s.end),
                    s.weeks,
                    s.entries
                );
            }
            md.push('\n');
        } else if self.treadmill {
            md.push_str(
                "**Treadmill:** part of this period was a long stretch of depth-only weeks.\n\n",
            );
        }
        if let Some(share) = &self.maintenance {
            let _ = writeln!(
                md,
                "**Maintenance:** {share} of the entries were evidence of no capability.\n"
            );
        }
        for sentence in &self.neglected {
            let _ = writeln!(md, "**Neglected layer:** {sentence}\n");
        }
    }
}

impl Review {
    /// The `## Entries` section: each entry of the period, linked, with its work and layers.
    fn entry_list(&self, md: &mut String) {
        let _ = writeln!(md, "\n## Entries ({})\n", self.entry_count);
        for entry in &self.entries {
            let kind = [entry.work, entry.layers.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join("; ");
            let detail = if kind.is_empty() {
                String::new()
            } else {
                format!(" ({kind})")
            };
            let _ = writeln!(
                md,
                "- {} — [{}]({}){detail}",
                entry.date, entry.title, entry.url
            );
        }
        if self.entries.is_empty() {
            md.push_str("No entries.\n");
        }
    }
}

/// Each layer's entries in the period, and its share of them.
fn layer_shares(stats: &PeriodStats) -> Vec<LayerShare> {
    stats
        .layers
        .0
        .iter()
        .map(|(layer, count)| LayerShare {
            layer: layer.clone(),
            entries: *count,
            share: if stats.entries == 0 {
                "–".into()
            } else {
                percent(*count as f64 / stats.entries as f64)
            },
        })
        .collect()
}

/// The period's entries as a review lists them, oldest first.
fn review_entries(
    journal: &Journal,
    stats: &PeriodStats,
    link: &dyn Fn(&str) -> String,
) -> Vec<ReviewEntry> {
    stats
        .entry_indexes
        .iter()
        .filter_map(|&i| journal.entries.get(i))
        .map(|e| ReviewEntry {
            title: e.title.clone(),
            url: link(&e.permalink),
            date: e.date.format("%Y-%m-%d").to_string(),
            work: e.work.map_or("", |w| w.name()),
            layers: e.layers.join(", "),
        })
        .collect()
}

fn list(md: &mut String, capabilities: &[ReviewCapability], what: &str, none: &str) {
    for c in capabilities {
        let _ = writeln!(
            md,
            "- **{}** — {what} {} in [{}]({})",
            c.name, c.date, c.entry_title, c.entry_url
        );
    }
    if capabilities.is_empty() {
        md.push_str(none);
        md.push('\n');
    }
    md.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_compare_the_share_with_the_band() {
        let band = [0.15, 0.20];
        let judged = |share| {
            verdict(
                Measured {
                    share: Some(share),
                    classified: 4,
                },
                4,
                band,
                &Strings::english(),
            )
        };
        assert_eq!(judged(0.04).text, "movement: 4 % growth work");
        assert_eq!(judged(0.18).text, "progress: 18 % growth work");
        assert_eq!(judged(0.15).kind, "progress");
        assert_eq!(
            judged(0.35).text,
            "stretching: 35 % growth work, above the 20 % band"
        );
        let nothing = Measured {
            share: None,
            classified: 0,
        };
        assert_eq!(verdict(nothing, 4, band, &Strings::english()).kind, "none");
    }

    #[test]
    fn fewer_classified_entries_than_the_minimum_give_no_verdict() {
        let one = Measured {
            share: Some(1.0),
            classified: 1,
        };
        let thin = verdict(one, 4, [0.15, 0.20], &Strings::english());
        assert_eq!(thin.kind, "thin");
        assert_eq!(
            thin.text,
            "too little to judge (1 entry with a work kind; a verdict needs 4)"
        );
        assert_eq!(
            verdict(one, 1, [0.15, 0.20], &Strings::english()).kind,
            "stretch"
        );
        assert_eq!(minimum_for(Kind::Quarter, VerdictMinimum::default()), 4);
        assert_eq!(minimum_for(Kind::Week, VerdictMinimum::default()), 2);
    }
}
