//! Timelines → inline SVG, made at build time so every chart reads without JavaScript.
//!
//! Every chart is an `<svg role="img">` named by its own `<title>` and `<desc>`, with a `<title>`
//! tooltip on each mark, axis labels, and colours from CSS classes so it follows the page's
//! light, dark and print styles. The tables that stand beside the charts are in the templates.

use crate::format::long_date;
pub use crate::format::percent;
use std::fmt::Write;

use chrono::{Datelike, Days, NaiveDate};

/// Plot width of every chart, in SVG units; charts scale to the page width.
const WIDTH: f64 = 720.0;

/// One bar of a share chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The period's short label under the axis (shown only where `labelled`).
    pub label: String,
    /// The share, 0 to 1; `None` when there is nothing to divide.
    pub value: Option<f64>,
    /// The tooltip.
    pub tooltip: String,
    /// Whether the bar's label is shown on the axis.
    pub labelled: bool,
    /// Whether the period is inside a treadmill stretch.
    pub treadmill: bool,
}

/// What a share chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareChart<'a> {
    /// A prefix for the chart's ids, unique on its page.
    pub id: &'a str,
    /// The chart's name, read out by screen readers.
    pub title: &'a str,
    /// A sentence saying what it shows.
    pub description: &'a str,
    /// The label of the time axis.
    pub axis: &'a str,
    /// The healthy band, drawn behind the bars.
    pub band: Option<[f64; 2]>,
    /// The bars, oldest first.
    pub bars: &'a [Bar],
}

/// Escapes text for SVG.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn open_svg(out: &mut String, id: &str, height: f64, title: &str, description: &str) {
    let _ = write!(
        out,
        r#"<svg class="chart" viewBox="0 0 {w} {height}" role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{t}</title><desc id="{id}-desc">{d}</desc>"#,
        w = WIDTH + 60.0,
        t = escape(title),
        d = escape(description),
    );
}

/// Bars of a share (growth share, a layer's share) per period, against an optional band, with
/// treadmill periods marked under the time axis.
pub fn share_bars(chart: &ShareChart<'_>) -> String {
    let (left, top, plot_h) = (48.0, 12.0, 180.0);
    let highest = chart
        .bars
        .iter()
        .filter_map(|b| b.value)
        .fold(0.0_f64, f64::max)
        .max(chart.band.map_or(0.0, |b| b[1]));
    let max = ((highest * 10.0).ceil() / 10.0).clamp(0.2, 1.0);
    let y = |v: f64| top + plot_h - v / max * plot_h;
    let mut out = String::new();
    open_svg(
        &mut out,
        chart.id,
        top + plot_h + 70.0,
        chart.title,
        chart.description,
    );
    if let Some([low, high]) = chart.band {
        let _ = write!(
            out,
            r#"<rect class="band" x="{left}" y="{:.1}" width="{WIDTH}" height="{:.1}"><title>Target band: {} to {}</title></rect>"#,
            y(high),
            y(low) - y(high),
            percent(low),
            percent(high)
        );
    }
    let step = if max > 0.6 { 0.2 } else { 0.1 };
    let mut tick = 0.0;
    while tick <= max + 1e-9 {
        let _ = write!(
            out,
            r#"<line class="grid" x1="{left}" x2="{}" y1="{:.1}" y2="{:.1}"/><text class="tick" x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            left + WIDTH,
            y(tick),
            y(tick),
            left - 6.0,
            y(tick) + 4.0,
            percent(tick)
        );
        tick += step;
    }
    let slot = WIDTH / chart.bars.len().max(1) as f64;
    let bar_w = (slot * 0.7).max(1.0);
    for (i, bar) in chart.bars.iter().enumerate() {
        let x = left + i as f64 * slot + (slot - bar_w) / 2.0;
        let value = bar.value.unwrap_or(0.0);
        let class = match (bar.value, chart.band) {
            (None, _) => "bar none",
            (Some(v), Some([low, _])) if v < low => "bar below",
            _ => "bar",
        };
        let height = (top + plot_h - y(value)).max(if bar.value.is_some() { 1.0 } else { 0.0 });
        let _ = write!(
            out,
            r#"<rect class="{class}" x="{x:.1}" y="{:.1}" width="{bar_w:.1}" height="{height:.1}"><title>{}</title></rect>"#,
            top + plot_h - height,
            escape(&bar.tooltip)
        );
        if bar.treadmill {
            let _ = write!(
                out,
                r#"<rect class="treadmill-mark" x="{:.1}" y="{:.1}" width="{slot:.1}" height="6"><title>{}: inside a treadmill stretch</title></rect>"#,
                left + i as f64 * slot,
                top + plot_h + 2.0,
                escape(&bar.label)
            );
        }
        if bar.labelled {
            let _ = write!(
                out,
                r#"<text class="tick" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                left + i as f64 * slot + slot / 2.0,
                top + plot_h + 22.0,
                escape(&bar.label)
            );
        }
    }
    let _ = write!(
        out,
        r#"<line class="axis" x1="{left}" x2="{}" y1="{:.1}" y2="{:.1}"/><text class="axis-label" x="{}" y="{:.1}" text-anchor="middle">{}</text><text class="axis-label" transform="translate(12 {:.1}) rotate(-90)" text-anchor="middle">share</text></svg>"#,
        left + WIDTH,
        top + plot_h,
        top + plot_h,
        left + WIDTH / 2.0,
        top + plot_h + 50.0,
        escape(chart.axis),
        top + plot_h / 2.0
    );
    out
}

/// One row of the capability timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct CapabilityRow<'a> {
    /// Its name.
    pub name: String,
    /// Its first evidence.
    pub first_attempted: NaiveDate,
    /// Its first demonstration.
    pub first_demonstrated: Option<NaiveDate>,
    /// Its latest evidence.
    pub last: NaiveDate,
    /// Each piece of evidence, oldest first.
    pub marks: Vec<Mark<'a>>,
}

/// One piece of evidence on the capability timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark<'a> {
    /// The entry's date.
    pub date: NaiveDate,
    /// The stage it shows: `attempted`, `practiced` or `demonstrated`.
    pub stage: &'static str,
    /// The entry's title.
    pub title: &'a str,
}

/// How close (in chart units) marks of one stage must be to be drawn as one: closer than a
/// mark is wide, they would only hide each other — and a journal of ten years would draw
/// thousands.
const MARK_BUCKET: f64 = 4.0;

/// Draws `marks` (oldest first) on the row at `cy`: a mark of one stage closer than
/// [`MARK_BUCKET`] units to the first of the group before it of that stage joins that group;
/// each group is one circle, its tooltip naming the entry, or how many entries it stands for.
fn draw_marks(out: &mut String, marks: &[Mark<'_>], x: impl Fn(NaiveDate) -> f64, cy: f64) {
    let mut groups: Vec<(&str, f64, Vec<&Mark<'_>>)> = Vec::new();
    for mark in marks {
        let at = x(mark.date);
        match groups
            .iter_mut()
            .rev()
            .find(|(stage, _, _)| *stage == mark.stage)
        {
            Some((_, start, group)) if at - *start < MARK_BUCKET => group.push(mark),
            _ => groups.push((mark.stage, at, vec![mark])),
        }
    }
    for (stage, at, group) in groups {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        let tooltip = match group.len() {
            1 => format!("{}: {} ({stage})", long_date(first.date), first.title),
            n if first.date == last.date => {
                format!("{n} entries on {} ({stage})", long_date(first.date))
            }
            n => format!(
                "{n} entries from {} to {} ({stage})",
                long_date(first.date),
                long_date(last.date)
            ),
        };
        let _ = write!(
            out,
            r#"<circle class="mark stage-{stage}" cx="{at:.1}" cy="{cy:.1}" r="4.5"><title>{}</title></circle>"#,
            escape(&tooltip)
        );
    }
}

/// The capability timeline: one row per capability on a shared time axis, shaded from first
/// attempt to first demonstration (lighter while not yet demonstrated), a mark per evidence.
pub fn capability_timeline(
    id: &str,
    rows: &[CapabilityRow<'_>],
    from: NaiveDate,
    to: NaiveDate,
) -> String {
    let (label_w, top, row_h) = (230.0, 28.0, 24.0);
    let plot_w = WIDTH + 60.0 - label_w - 12.0;
    let days = (to - from).num_days().max(1) as f64;
    let x = |d: NaiveDate| label_w + (d - from).num_days() as f64 / days * plot_w;
    let height = top + rows.len() as f64 * row_h + 24.0;
    let mut out = String::new();
    let description = format!(
        "{} capabilities from {} to {}; shading runs from the first attempt to the first demonstration",
        rows.len(),
        long_date(from),
        long_date(to)
    );
    open_svg(&mut out, id, height, "Capability timeline", &description);
    for (date, label) in quarter_ticks(from, to) {
        let _ = write!(
            out,
            r#"<line class="grid" x1="{0:.1}" x2="{0:.1}" y1="{1}" y2="{2:.1}"/><text class="tick" x="{0:.1}" y="{3}" text-anchor="middle">{label}</text>"#,
            x(date),
            top - 6.0,
            height - 20.0,
            top - 12.0
        );
    }
    for (i, row) in rows.iter().enumerate() {
        let cy = top + i as f64 * row_h + row_h / 2.0;
        let name: String = if row.name.chars().count() > 32 {
            format!("{}…", row.name.chars().take(31).collect::<String>())
        } else {
            row.name.clone()
        };
        let _ = write!(
            out,
            r#"<text class="row-label" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            label_w - 8.0,
            cy + 4.0,
            escape(&name)
        );
        let (end, class, state) = match row.first_demonstrated {
            Some(d) => (
                d,
                "span-demonstrated",
                format!("demonstrated {}", long_date(d)),
            ),
            None => (row.last, "span-open", "not demonstrated yet".to_string()),
        };
        let _ = write!(
            out,
            r#"<rect class="{class}" x="{:.1}" y="{:.1}" width="{:.1}" height="10" rx="5"><title>{}: first attempted {}, {state}</title></rect>"#,
            x(row.first_attempted) - 5.0,
            cy - 5.0,
            x(end) - x(row.first_attempted) + 10.0,
            escape(&row.name),
            long_date(row.first_attempted)
        );
        draw_marks(&mut out, &row.marks, x, cy);
    }
    out.push_str("</svg>");
    out
}

/// The first day of every quarter between two dates, with a label like `2026 Q1`.
fn quarter_ticks(from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, String)> {
    crate::timeline::Period::range(crate::timeline::Kind::Quarter, from, to)
        .into_iter()
        .filter(|p| p.start >= from)
        .map(|p| (p.start, format!("{} Q{}", p.start.year(), p.quarter())))
        .collect()
}

/// A calendar heatmap: a column per week, a row per weekday, each day shaded by its number of
/// entries. `counts` gives the entries of each day with any.
pub fn heatmap(
    id: &str,
    counts: &std::collections::BTreeMap<NaiveDate, usize>,
    from: NaiveDate,
    to: NaiveDate,
) -> String {
    let (left, top, cell) = (34.0, 22.0, 13.0);
    let monday = from - Days::new(u64::from(from.weekday().num_days_from_monday()));
    let weeks = ((to - monday).num_days() / 7 + 1) as usize;
    let total: usize = counts.range(from..=to).map(|(_, n)| n).sum();
    let days_with = counts.range(from..=to).count();
    let mut out = String::new();
    let description = format!(
        "{total} {} on {days_with} {} between {} and {}",
        if total == 1 { "entry" } else { "entries" },
        if days_with == 1 { "day" } else { "days" },
        long_date(from),
        long_date(to)
    );
    open_svg(
        &mut out,
        id,
        top + 7.0 * cell + 8.0,
        "Entries per day",
        &description,
    );
    for (row, name) in [(0, "Mon"), (2, "Wed"), (4, "Fri")] {
        let _ = write!(
            out,
            r#"<text class="tick" x="{}" y="{:.1}" text-anchor="end">{name}</text>"#,
            left - 4.0,
            top + row as f64 * cell + 10.0
        );
    }
    let mut last_month = None;
    for week in 0..weeks {
        for weekday in 0..7u64 {
            let date = monday + Days::new(week as u64 * 7 + weekday);
            if date < from || date > to {
                continue;
            }
            if weekday == 0 && last_month != Some(date.month()) && date.day() <= 7 {
                last_month = Some(date.month());
                let _ = write!(
                    out,
                    r#"<text class="tick" x="{:.1}" y="{}">{}</text>"#,
                    left + week as f64 * cell,
                    top - 8.0,
                    date.format("%b")
                );
            }
            let count = counts.get(&date).copied().unwrap_or(0);
            let level = count.min(3);
            let noun = if count == 1 { "entry" } else { "entries" };
            let _ = write!(
                out,
                r#"<rect class="day level-{level}" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="2"><title>{}: {count} {noun}</title></rect>"#,
                left + week as f64 * cell,
                top + weekday as f64 * cell,
                cell - 2.0,
                cell - 2.0,
                long_date(date)
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// One stacked row of the layer balance.
#[derive(Debug, Clone, PartialEq)]
pub struct BalanceRow {
    /// The row's label (a quarter).
    pub label: String,
    /// Entries per layer, in the config's order.
    pub counts: Vec<(String, usize)>,
}

/// The balance of the layers: one stacked bar per row, each layer's part proportional to its
/// share of the row's layer mentions.
pub fn layer_balance(id: &str, rows: &[BalanceRow]) -> String {
    let (label_w, top, row_h) = (90.0, 8.0, 30.0);
    let plot_w = WIDTH + 60.0 - label_w - 8.0;
    let mut out = String::new();
    open_svg(
        &mut out,
        id,
        top + rows.len() as f64 * row_h + 8.0,
        "Layer balance",
        "Each bar splits a quarter's entries between the layers of progress",
    );
    for (i, row) in rows.iter().enumerate() {
        let y = top + i as f64 * row_h;
        let _ = write!(
            out,
            r#"<text class="row-label" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            label_w - 8.0,
            y + 16.0,
            escape(&row.label)
        );
        let total: usize = row.counts.iter().map(|(_, n)| n).sum();
        let mut x = label_w;
        for (index, (layer, count)) in row.counts.iter().enumerate() {
            if total == 0 || *count == 0 {
                continue;
            }
            let share = *count as f64 / total as f64;
            let w = share * plot_w;
            let _ = write!(
                out,
                r#"<rect class="layer-{} " x="{x:.1}" y="{y:.1}" width="{w:.1}" height="22"><title>{}: {} {} ({})</title></rect>"#,
                index % 6,
                escape(&row.label),
                escape(layer),
                count,
                percent(share)
            );
            if w > 70.0 {
                let _ = write!(
                    out,
                    r#"<text class="in-bar" x="{:.1}" y="{:.1}">{} {}</text>"#,
                    x + 6.0,
                    y + 15.0,
                    escape(layer),
                    percent(share)
                );
            }
            x += w;
        }
        if total == 0 {
            let _ = write!(
                out,
                r#"<text class="tick" x="{label_w}" y="{:.1}">no layers named</text>"#,
                y + 16.0
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// A single share on a 0–100 % scale with the target band: the dashboard's gauge.
pub fn gauge(id: &str, share: Option<f64>, band: [f64; 2], label: &str) -> String {
    let (left, w) = (24.0, WIDTH + 12.0);
    let x = |v: f64| left + v.clamp(0.0, 1.0) * w;
    let mut out = String::new();
    let said = share.map_or_else(|| "no growth or depth work recorded".to_string(), percent);
    open_svg(
        &mut out,
        id,
        64.0,
        &format!("Growth share, {label}"),
        &format!(
            "{said}; target {} to {}",
            percent(band[0]),
            percent(band[1])
        ),
    );
    let _ = write!(
        out,
        r#"<rect class="track" x="{left}" y="10" width="{w}" height="18" rx="4"/>"#
    );
    let _ = write!(
        out,
        r#"<rect class="band" x="{:.1}" y="6" width="{:.1}" height="26"><title>Target band: {} to {}</title></rect>"#,
        x(band[0]),
        x(band[1]) - x(band[0]),
        percent(band[0]),
        percent(band[1])
    );
    if let Some(value) = share {
        let _ = write!(
            out,
            r#"<rect class="bar" x="{left}" y="14" width="{:.1}" height="10" rx="3"><title>{said}</title></rect>"#,
            x(value) - left
        );
    }
    for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let _ = write!(
            out,
            r#"<text class="tick" x="{:.1}" y="50" text-anchor="middle">{}</text>"#,
            x(tick),
            percent(tick)
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capability_marks_too_close_to_tell_apart_are_drawn_once_and_counted() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2020, 1, d).unwrap_or_default();
        let mark = |date, stage, title| Mark { date, stage, title };
        let row = CapabilityRow {
            name: "Negotiating".into(),
            first_attempted: day(1),
            first_demonstrated: None,
            last: day(31),
            marks: vec![
                mark(day(1), "attempted", "First <try>"),
                mark(day(15), "attempted", "Second"),
                mark(day(15), "attempted", "Third"),
                mark(day(15), "practiced", "Fourth"),
            ],
        };
        // Ten years wide, so all of January falls within a few units.
        let svg = capability_timeline(
            "c",
            std::slice::from_ref(&row),
            day(1),
            day(1) + Days::new(3650),
        );
        assert_eq!(svg.matches("<circle").count(), 2, "{svg}");
        assert!(svg.contains("3 entries from 1 January 2020 to 15 January 2020 (attempted)"));
        assert!(svg.contains("15 January 2020: Fourth (practiced)"));
        // A month wide: each day is its own place, and two entries on one day are one mark.
        let svg = capability_timeline("c", &[row], day(1), day(31));
        assert_eq!(svg.matches("<circle").count(), 3, "{svg}");
        assert!(svg.contains("1 January 2020: First &lt;try&gt; (attempted)"));
        assert!(svg.contains("2 entries on 15 January 2020 (attempted)"));
    }

    fn bar(value: Option<f64>, treadmill: bool) -> Bar {
        Bar {
            label: "Q1".into(),
            value,
            tooltip: "t <x>".into(),
            labelled: true,
            treadmill,
        }
    }

    #[test]
    fn share_bars_draw_the_band_every_bar_and_treadmill_marks() {
        let bars = [
            bar(Some(0.1), false),
            bar(None, true),
            bar(Some(0.3), false),
        ];
        let chart = ShareChart {
            id: "q",
            title: "Growth",
            description: "d",
            axis: "quarter",
            band: Some([0.15, 0.2]),
            bars: &bars,
        };
        let svg = share_bars(&chart);
        assert!(svg.starts_with(r#"<svg class="chart""#) && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"aria-labelledby="q-title q-desc""#));
        assert_eq!(svg.matches(r#"<rect class="bar"#).count(), 3);
        assert_eq!(
            svg.matches("class=\"bar below\"").count(),
            1,
            "the 10 % bar is below the band"
        );
        assert_eq!(svg.matches("treadmill-mark").count(), 1);
        assert!(svg.contains("<title>Target band: 15 % to 20 %</title>"));
        assert!(
            svg.contains("<title>t &lt;x&gt;</title>"),
            "tooltips are escaped"
        );
    }

    #[test]
    fn bar_heights_follow_the_values() {
        let bars = [bar(Some(0.5), false), bar(Some(0.25), false)];
        let chart = ShareChart {
            id: "q",
            title: "",
            description: "",
            axis: "",
            band: None,
            bars: &bars,
        };
        let svg = share_bars(&chart);
        // The scale tops out at 50 %: the first bar is the full 180 units, the second half.
        assert!(svg.contains(r#"height="180.0"><title>"#), "{svg}");
        assert!(svg.contains(r#"height="90.0"><title>"#), "{svg}");
    }

    #[test]
    fn the_heatmap_has_a_cell_per_day_and_says_the_totals() {
        let from = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        let counts = [(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(), 2)]
            .into_iter()
            .collect();
        let svg = heatmap("h", &counts, from, to);
        assert_eq!(svg.matches("class=\"day ").count(), 31);
        assert!(svg.contains("<title>5 January 2026: 2 entries</title>"));
        assert!(svg.contains("2 entries on 1 day between 1 January 2026 and 31 January 2026"));
    }
}
