//! Timelines → inline SVG, made at build time so every chart reads without JavaScript.
//!
//! Every chart is an `<svg role="img">` named by its own `<title>` and `<desc>`, with a `<title>`
//! tooltip on each mark, axis labels, and colours from CSS classes so it follows the page's
//! light, dark and print styles. The tables that stand beside the charts are in the templates.

use chrono::{Datelike, Days, NaiveDate};

use crate::timeline::{Kind, Period};

use super::svg::{Attr, Svg};
pub use crate::format::percent;
use crate::strings::Strings;

/// The widest plot of a time chart, in CSS pixels (one SVG unit each): with its margins it
/// fits the page's column on a desktop screen. Longer series get narrower slots, down to
/// [`MIN_SLOT`], and past that a wider chart that scrolls in its own box.
const PLOT_MAX: f64 = 600.0;
/// The narrowest plot: a journal of one quarter still gets a chart that looks drawn on purpose.
const PLOT_MIN: f64 = 280.0;
/// The slot a bar gets when there is room.
const IDEAL_SLOT: f64 = 40.0;
/// The narrowest slot a bar gets; a longer series makes the chart wider instead.
const MIN_SLOT: f64 = 6.0;
/// The width of one character of chart text (12 px), generously, for fitting labels.
const CHAR_W: f64 = 7.5;
/// The least room between two axis labels.
const LABEL_GAP: f64 = 12.0;
/// Widest chart of fixed layout (the capability timeline), in CSS pixels.
const WIDTH: f64 = 700.0;

/// One bar of a share chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The period the bar stands for; the axis labels are chosen from the periods.
    pub period: Period,
    /// The share, 0 to 1; `None` when there is nothing to divide.
    pub value: Option<f64>,
    /// The tooltip.
    pub tooltip: String,
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
    /// The words of the chart's labels.
    pub strings: &'a Strings,
}

/// A finished chart in the box that scrolls it sideways when it is wider than the page: a
/// time chart starts scrolled to its latest end (`latest_first`), without script, by laying
/// the box out right to left. The box can be focused, so a keyboard can scroll it.
fn scrolling(svg: Svg, title: &str, latest_first: bool, strings: &Strings) -> String {
    let class = if latest_first {
        "chart-scroll latest-first"
    } else {
        "chart-scroll"
    };
    // The box is named after its chart, and says it is one: a section of the page may carry
    // the chart's title as its heading, and two landmarks of one name are one too many.
    let name = strings.fill("chart_box", &[("title", title)]);
    format!(
        r#"<div class="{class}" tabindex="0" role="region" aria-label="{}">{}</div>"#,
        crate::format::escape_markup(&name),
        svg.finish()
    )
}

/// Attributes of an element: `[("x", 1.0.into()), …]`.
type Attrs<'a, const N: usize> = [(&'static str, Attr<'a>); N];

/// The width of the plot of `count` bars: [`IDEAL_SLOT`] each within [`PLOT_MIN`] and
/// [`PLOT_MAX`], and never under [`MIN_SLOT`] each.
fn plot_width(count: usize) -> f64 {
    let count = count.max(1) as f64;
    (count * IDEAL_SLOT)
        .clamp(PLOT_MIN, PLOT_MAX)
        .max(count * MIN_SLOT)
}

/// Bars of a share (growth share, a layer's share) per period, against an optional band, with
/// treadmill periods marked under the time axis and the scale at the right, beside the
/// latest bars.
pub fn share_bars(chart_data: &ShareChart<'_>) -> String {
    let highest = chart_data
        .bars
        .iter()
        .filter_map(|b| b.value)
        .fold(0.0_f64, f64::max)
        .max(chart_data.band.map_or(0.0, |b| b[1]));
    let plot = plot_width(chart_data.bars.len());
    let frame = ShareFrame {
        max: ((highest * 10.0).ceil() / 10.0).clamp(0.2, 1.0),
        slot: plot / chart_data.bars.len().max(1) as f64,
        plot,
    };
    let mut svg = Svg::chart(
        chart_data.id,
        SHARE_LEFT + plot + SHARE_RIGHT,
        SHARE_TOP + SHARE_PLOT_H + 64.0,
        chart_data.title,
        chart_data.description,
    );
    frame.draw_scale(&mut svg, chart_data.band);
    let periods: Vec<Period> = chart_data.bars.iter().map(|b| b.period).collect();
    let starts: Vec<f64> = (0..periods.len()).map(|i| frame.slot_x(i)).collect();
    let labels = axis_labels(&periods, &starts, chart_data.strings);
    for (i, bar) in chart_data.bars.iter().enumerate() {
        frame.draw_bar(&mut svg, i, bar, chart_data.band);
    }
    frame.draw_labels(&mut svg, &starts, &labels);
    frame.draw_axes(&mut svg, chart_data.axis);
    scrolling(svg, chart_data.title, true, chart_data.strings)
}

/// Where a share chart's plot starts, from the left and from the top, its height, and the room
/// at its right for the scale.
const SHARE_LEFT: f64 = 8.0;
const SHARE_TOP: f64 = 12.0;
const SHARE_PLOT_H: f64 = 180.0;
const SHARE_RIGHT: f64 = 56.0;

/// The scale of one share chart: the share at the top of the plot, each bar's slot width and
/// the plot's width.
struct ShareFrame {
    max: f64,
    slot: f64,
    plot: f64,
}

impl ShareFrame {
    /// The vertical position of a share.
    fn y(&self, value: f64) -> f64 {
        SHARE_TOP + SHARE_PLOT_H - value / self.max * SHARE_PLOT_H
    }

    /// Where the `i`th bar's slot starts.
    fn slot_x(&self, i: usize) -> f64 {
        SHARE_LEFT + i as f64 * self.slot
    }

    /// The band behind the bars, and the grid lines with their percentages at the right.
    fn draw_scale(&self, svg: &mut Svg, band: Option<[f64; 2]>) {
        if let Some([low, high]) = band {
            let attrs: Attrs<'_, 5> = [
                ("class", "band".into()),
                ("x", SHARE_LEFT.into()),
                ("y", self.y(high).into()),
                ("width", self.plot.into()),
                ("height", (self.y(low) - self.y(high)).into()),
            ];
            let tooltip = format!("Target band: {} to {}", percent(low), percent(high));
            svg.element("rect", &attrs, Some(&tooltip));
        }
        let step = if self.max > 0.6 { 0.2 } else { 0.1 };
        let mut tick = 0.0;
        while tick <= self.max + 1e-9 {
            let y = self.y(tick);
            let line: Attrs<'_, 5> = [
                ("class", "grid".into()),
                ("x1", SHARE_LEFT.into()),
                ("x2", (SHARE_LEFT + self.plot).into()),
                ("y1", y.into()),
                ("y2", y.into()),
            ];
            svg.element("line", &line, None);
            let at = tick_at(SHARE_LEFT + self.plot + 6.0, y + 4.0, "start");
            svg.text(&at, &percent(tick));
            tick += step;
        }
    }

    /// The `i`th bar and its treadmill mark.
    fn draw_bar(&self, svg: &mut Svg, i: usize, bar: &Bar, band: Option<[f64; 2]>) {
        let bar_w = (self.slot * 0.7).clamp(1.0, IDEAL_SLOT);
        let slot_x = self.slot_x(i);
        let class = match (bar.value, band) {
            (None, _) => "bar none",
            (Some(v), Some([low, _])) if v < low => "bar below",
            _ => "bar",
        };
        let floor = SHARE_TOP + SHARE_PLOT_H;
        let least = if bar.value.is_some() { 1.0 } else { 0.0 };
        let height = (floor - self.y(bar.value.unwrap_or(0.0))).max(least);
        let attrs: Attrs<'_, 5> = [
            ("class", class.into()),
            ("x", (slot_x + (self.slot - bar_w) / 2.0).into()),
            ("y", (floor - height).into()),
            ("width", bar_w.into()),
            ("height", height.into()),
        ];
        svg.element("rect", &attrs, Some(&bar.tooltip));
        if bar.treadmill {
            let mark: Attrs<'_, 5> = [
                ("class", "treadmill-mark".into()),
                ("x", slot_x.into()),
                ("y", (floor + 2.0).into()),
                ("width", self.slot.into()),
                ("height", 6.0.into()),
            ];
            let tooltip = format!("{}: inside a treadmill stretch", bar.period.display());
            svg.element("rect", &mark, Some(&tooltip));
        }
    }

    /// The labels under the time axis, each starting where its period starts.
    fn draw_labels(&self, svg: &mut Svg, starts: &[f64], labels: &[Option<String>]) {
        let floor = SHARE_TOP + SHARE_PLOT_H;
        for (x, label) in starts.iter().zip(labels) {
            if let Some(label) = label {
                svg.text(&axis_tick_at(*x, floor + 24.0), label);
            }
        }
    }

    /// The time axis and its name.
    fn draw_axes(&self, svg: &mut Svg, axis: &str) {
        let floor = SHARE_TOP + SHARE_PLOT_H;
        let line: Attrs<'_, 5> = [
            ("class", "axis".into()),
            ("x1", SHARE_LEFT.into()),
            ("x2", (SHARE_LEFT + self.plot).into()),
            ("y1", floor.into()),
            ("y2", floor.into()),
        ];
        svg.element("line", &line, None);
        let under: Attrs<'_, 4> = [
            ("class", "axis-label".into()),
            ("x", (SHARE_LEFT + self.plot / 2.0).into()),
            ("y", (floor + 52.0).into()),
            ("text-anchor", "middle".into()),
        ];
        svg.text(&under, axis);
    }
}

/// How finely a time axis is labelled: each step is coarser than the one before.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    /// Each month: `Mar 26`.
    Month,
    /// Each quarter: `Q1 2026`.
    Quarter,
    /// Every `n` years: `2026`.
    Years(i32),
}

impl Step {
    /// The steps a series of `kind` periods may be labelled by, finest first.
    fn for_kind(kind: Kind) -> &'static [Step] {
        const STEPS: [Step; 7] = [
            Step::Month,
            Step::Quarter,
            Step::Years(1),
            Step::Years(2),
            Step::Years(5),
            Step::Years(10),
            Step::Years(50),
        ];
        match kind {
            // A quarter is never labelled by its month.
            Kind::Quarter => &STEPS[1..],
            Kind::Month | Kind::Week => &STEPS,
        }
    }

    /// Which label of this step `period` falls under, and its text. A week belongs to the
    /// month and year of its Thursday, as ISO weeks do.
    fn of(self, period: &Period, strings: &Strings) -> (i64, String) {
        let day = match period.kind {
            Kind::Week => period.start + Days::new(3),
            Kind::Month | Kind::Quarter => period.start,
        };
        let (year, month0) = (day.year(), day.month0());
        match self {
            Step::Month => (
                i64::from(year) * 12 + i64::from(month0),
                format!(
                    "{} {:02}",
                    short_month(strings, month0),
                    year.rem_euclid(100)
                ),
            ),
            Step::Quarter => (
                i64::from(year) * 4 + i64::from(month0 / 3),
                strings.fill(
                    "period_quarter",
                    &[
                        ("quarter", &(month0 / 3 + 1).to_string()),
                        ("year", &year.to_string()),
                    ],
                ),
            ),
            Step::Years(n) => (i64::from(year.div_euclid(n)), year.to_string()),
        }
    }
}

/// The labels of a time axis of `periods` drawn from `starts` (each label's left edge): the
/// finest [`Step`] whose labels keep [`LABEL_GAP`] apart, so that one month or fifteen years
/// both read. A label goes where the step's value changes, and on the first period when it
/// fits before the next label.
fn axis_labels(periods: &[Period], starts: &[f64], strings: &Strings) -> Vec<Option<String>> {
    let Some(kind) = periods.first().map(|p| p.kind) else {
        return Vec::new();
    };
    let steps = Step::for_kind(kind);
    let fits = |labels: &[Option<String>]| {
        let placed: Vec<(f64, &String)> = starts
            .iter()
            .zip(labels)
            .filter_map(|(x, l)| l.as_ref().map(|l| (*x, l)))
            .collect();
        placed
            .windows(2)
            .all(|w| w[1].0 - w[0].0 >= label_width(w[0].1) + LABEL_GAP)
    };
    let mut labels = Vec::new();
    for step in steps {
        labels = step_labels(*step, periods, starts, strings);
        if fits(&labels) {
            break;
        }
    }
    labels
}

/// The labels one `step` gives `periods`: where its value changes, and on the first period
/// when that fits before the next.
fn step_labels(
    step: Step,
    periods: &[Period],
    starts: &[f64],
    strings: &Strings,
) -> Vec<Option<String>> {
    let keyed: Vec<(i64, String)> = periods.iter().map(|p| step.of(p, strings)).collect();
    let mut labels: Vec<Option<String>> = keyed
        .iter()
        .enumerate()
        .map(|(i, (key, text))| {
            let changed = i == 0 || keyed.get(i - 1).is_some_and(|(before, _)| before != key);
            changed.then(|| text.clone())
        })
        .collect();
    let next = labels
        .iter()
        .skip(1)
        .position(Option::is_some)
        .map(|i| i + 1);
    if let (Some(next), Some(Some(first))) = (next, labels.first()) {
        let room =
            starts.get(next).copied().unwrap_or(0.0) - starts.first().copied().unwrap_or(0.0);
        if room < label_width(first) + LABEL_GAP {
            labels[0] = None;
        }
    }
    labels
}

/// The first three letters of a month's name: `Mar`, `Mär`.
fn short_month(strings: &Strings, month0: u32) -> String {
    strings.month(month0).chars().take(3).collect()
}

/// How wide `label` is drawn, generously.
fn label_width(label: &str) -> f64 {
    label.chars().count() as f64 * CHAR_W
}

/// The attributes of a time-axis label whose left edge is at `x`.
fn axis_tick_at(x: f64, y: f64) -> Attrs<'static, 4> {
    [
        ("class", "tick axis-tick".into()),
        ("x", x.into()),
        ("y", y.into()),
        ("text-anchor", "start".into()),
    ]
}

/// The attributes of a tick label at (`x`, `y`), anchored at its `anchor`.
fn tick_at(x: f64, y: f64, anchor: &str) -> Attrs<'_, 4> {
    [
        ("class", "tick".into()),
        ("x", x.into()),
        ("y", y.into()),
        ("text-anchor", anchor.into()),
    ]
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
fn draw_marks(
    svg: &mut Svg,
    marks: &[Mark<'_>],
    x: impl Fn(NaiveDate) -> f64,
    cy: f64,
    strings: &Strings,
) {
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
            1 => format!(
                "{}: {} ({stage})",
                strings.long_date(first.date),
                first.title
            ),
            n if first.date == last.date => {
                format!("{n} entries on {} ({stage})", strings.long_date(first.date))
            }
            n => format!(
                "{n} entries from {} to {} ({stage})",
                strings.long_date(first.date),
                strings.long_date(last.date)
            ),
        };
        let class = format!("mark stage-{stage}");
        let attrs: Attrs<'_, 4> = [
            ("class", Attr::Text(&class)),
            ("cx", at.into()),
            ("cy", cy.into()),
            ("r", 4.5.into()),
        ];
        svg.element("circle", &attrs, Some(&tooltip));
    }
}

/// The capability timeline: one row per capability on a shared time axis, shaded from first
/// attempt to first demonstration (lighter while not yet demonstrated), a mark per evidence.
pub fn capability_timeline(
    id: &str,
    rows: &[CapabilityRow<'_>],
    (from, to): (NaiveDate, NaiveDate),
    strings: &Strings,
) -> String {
    let (label_w, top, row_h) = (200.0, 28.0, 24.0);
    let plot_w = WIDTH - label_w - 16.0;
    let days = (to - from).num_days().max(1) as f64;
    let x = |d: NaiveDate| label_w + (d - from).num_days() as f64 / days * plot_w;
    let height = top + rows.len() as f64 * row_h + 24.0;
    let description = format!(
        "{} capabilities from {} to {}; shading runs from the first attempt to the first demonstration",
        rows.len(),
        strings.long_date(from),
        strings.long_date(to)
    );
    let title = strings.get("chart_capabilities");
    let mut svg = Svg::chart(id, WIDTH, height, title, &description);
    let quarters: Vec<Period> = Period::range(Kind::Quarter, from, to)
        .into_iter()
        .filter(|p| p.start >= from)
        .collect();
    let starts: Vec<f64> = quarters.iter().map(|p| x(p.start)).collect();
    for (at, label) in starts.iter().zip(axis_labels(&quarters, &starts, strings)) {
        let Some(label) = label else { continue };
        let line: Attrs<'_, 5> = [
            ("class", "grid".into()),
            ("x1", (*at).into()),
            ("x2", (*at).into()),
            ("y1", (top - 6.0).into()),
            ("y2", (height - 20.0).into()),
        ];
        svg.element("line", &line, None);
        svg.text(&axis_tick_at(*at, top - 12.0), &label);
    }
    for (i, row) in rows.iter().enumerate() {
        let cy = top + i as f64 * row_h + row_h / 2.0;
        let name: String = if row.name.chars().count() > 32 {
            format!("{}…", row.name.chars().take(31).collect::<String>())
        } else {
            row.name.clone()
        };
        let label: Attrs<'_, 4> = [
            ("class", "row-label".into()),
            ("x", (label_w - 8.0).into()),
            ("y", (cy + 4.0).into()),
            ("text-anchor", "end".into()),
        ];
        svg.text(&label, &name);
        draw_span(&mut svg, row, &x, cy, strings);
        draw_marks(&mut svg, &row.marks, x, cy, strings);
    }
    scrolling(svg, title, false, strings)
}

/// The shaded span of a capability's row, from its first attempt to its first demonstration
/// (or its latest evidence while not demonstrated).
fn draw_span(
    svg: &mut Svg,
    row: &CapabilityRow<'_>,
    x: &impl Fn(NaiveDate) -> f64,
    cy: f64,
    strings: &Strings,
) {
    let (end, class, state) = match row.first_demonstrated {
        Some(d) => (
            d,
            "span-demonstrated",
            format!("demonstrated {}", strings.long_date(d)),
        ),
        None => (row.last, "span-open", "not demonstrated yet".to_string()),
    };
    let attrs: Attrs<'_, 6> = [
        ("class", class.into()),
        ("x", (x(row.first_attempted) - 5.0).into()),
        ("y", (cy - 5.0).into()),
        ("width", (x(end) - x(row.first_attempted) + 10.0).into()),
        ("height", 10.0.into()),
        ("rx", 5.0.into()),
    ];
    let tooltip = format!(
        "{}: first attempted {}, {state}",
        row.name,
        strings.long_date(row.first_attempted)
    );
    svg.element("rect", &attrs, Some(&tooltip));
}

/// What a heatmap shows, in words: how many entries on how many days between two dates.
fn heatmap_description(
    counts: &std::collections::BTreeMap<NaiveDate, usize>,
    (from, to): (NaiveDate, NaiveDate),
    strings: &Strings,
) -> String {
    let total: usize = counts.range(from..=to).map(|(_, n)| n).sum();
    let days_with = counts.range(from..=to).count();
    format!(
        "{total} {} on {days_with} {} between {} and {}",
        if total == 1 { "entry" } else { "entries" },
        if days_with == 1 { "day" } else { "days" },
        strings.long_date(from),
        strings.long_date(to)
    )
}

/// A calendar heatmap: a column per week, a row per weekday, each day shaded by its number of
/// entries. `counts` gives the entries of each day with any.
pub fn heatmap(
    id: &str,
    counts: &std::collections::BTreeMap<NaiveDate, usize>,
    (from, to): (NaiveDate, NaiveDate),
    strings: &Strings,
) -> String {
    let (left, top, cell) = (34.0, 22.0, 12.0);
    let monday = from - Days::new(u64::from(from.weekday().num_days_from_monday()));
    let weeks = ((to - monday).num_days() / 7 + 1) as usize;
    let description = heatmap_description(counts, (from, to), strings);
    let width = left + weeks as f64 * cell + 8.0;
    let mut svg = Svg::chart(
        id,
        width,
        top + 7.0 * cell + 8.0,
        strings.get("chart_heatmap"),
        &description,
    );
    for (row, name) in [(0, "weekday_mon"), (2, "weekday_wed"), (4, "weekday_fri")] {
        svg.text(
            &tick_at(left - 4.0, top + row as f64 * cell + 10.0, "end"),
            strings.get(name),
        );
    }
    let mut last_month = None;
    let days = (0..weeks).flat_map(|week| (0..7u64).map(move |weekday| (week, weekday)));
    for (week, weekday) in days {
        let date = monday + Days::new(week as u64 * 7 + weekday);
        if date < from || date > to {
            continue;
        }
        let x = left + week as f64 * cell;
        if weekday == 0 && last_month != Some(date.month()) && date.day() <= 7 {
            last_month = Some(date.month());
            let at: Attrs<'_, 3> = [
                ("class", "tick".into()),
                ("x", x.into()),
                ("y", (top - 8.0).into()),
            ];
            svg.text(&at, &short_month(strings, date.month0()));
        }
        let count = counts.get(&date).copied().unwrap_or(0);
        let class = format!("day level-{}", count.min(3));
        let attrs: Attrs<'_, 6> = [
            ("class", Attr::Text(&class)),
            ("x", x.into()),
            ("y", (top + weekday as f64 * cell).into()),
            ("width", (cell - 2.0).into()),
            ("height", (cell - 2.0).into()),
            ("rx", 2.0.into()),
        ];
        let noun = if count == 1 { "entry" } else { "entries" };
        let tooltip = format!("{}: {count} {noun}", strings.long_date(date));
        svg.element("rect", &attrs, Some(&tooltip));
    }
    scrolling(svg, strings.get("chart_heatmap"), true, strings)
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
pub fn layer_balance(id: &str, rows: &[BalanceRow], strings: &Strings) -> String {
    let (label_w, top, row_h) = (90.0, 8.0, 30.0);
    let width = 600.0;
    let plot_w = width - label_w - 8.0;
    let mut svg = Svg::chart(
        id,
        width,
        top + rows.len() as f64 * row_h + 8.0,
        strings.get("chart_balance"),
        "Each bar splits a quarter's entries between the layers of progress",
    );
    for (i, row) in rows.iter().enumerate() {
        let y = top + i as f64 * row_h;
        let label: Attrs<'_, 4> = [
            ("class", "row-label".into()),
            ("x", (label_w - 8.0).into()),
            ("y", (y + 16.0).into()),
            ("text-anchor", "end".into()),
        ];
        svg.text(&label, &row.label);
        let total: usize = row.counts.iter().map(|(_, n)| n).sum();
        let mut x = label_w;
        for (index, (layer, count)) in row.counts.iter().enumerate() {
            if total == 0 || *count == 0 {
                continue;
            }
            let share = *count as f64 / total as f64;
            let w = share * plot_w;
            let class = format!("layer-{} ", index % 6);
            let part: Attrs<'_, 5> = [
                ("class", Attr::Text(&class)),
                ("x", x.into()),
                ("y", y.into()),
                ("width", w.into()),
                ("height", 22.0.into()),
            ];
            let tooltip = format!("{}: {layer} {count} ({})", row.label, percent(share));
            svg.element("rect", &part, Some(&tooltip));
            let said = format!("{layer} {}", percent(share));
            if w > label_width(&said) + 12.0 {
                let inside: Attrs<'_, 3> = [
                    ("class", "in-bar".into()),
                    ("x", (x + 6.0).into()),
                    ("y", (y + 15.0).into()),
                ];
                svg.text(&inside, &said);
            }
            x += w;
        }
        if total == 0 {
            let none: Attrs<'_, 3> = [
                ("class", "tick".into()),
                ("x", label_w.into()),
                ("y", (y + 16.0).into()),
            ];
            svg.text(&none, "no layers named");
        }
    }
    scrolling(svg, strings.get("chart_balance"), false, strings)
}

/// A single share on a 0–100 % scale with the target band: the dashboard's gauge.
pub fn gauge(
    id: &str,
    share: Option<f64>,
    band: [f64; 2],
    label: &str,
    strings: &Strings,
) -> String {
    let (left, w) = (20.0, 280.0);
    let x = |v: f64| left + v.clamp(0.0, 1.0) * w;
    let said = share.map_or_else(|| "no growth or depth work recorded".to_string(), percent);
    let target = format!("Target band: {} to {}", percent(band[0]), percent(band[1]));
    let title = strings.fill("chart_gauge", &[("period", label)]);
    let mut svg = Svg::chart(
        id,
        left + w + 20.0,
        64.0,
        &title,
        &format!(
            "{said}; target {} to {}",
            percent(band[0]),
            percent(band[1])
        ),
    );
    let track: Attrs<'_, 6> = [
        ("class", "track".into()),
        ("x", left.into()),
        ("y", 10.0.into()),
        ("width", w.into()),
        ("height", 18.0.into()),
        ("rx", 4.0.into()),
    ];
    svg.element("rect", &track, None);
    let band_attrs: Attrs<'_, 5> = [
        ("class", "band".into()),
        ("x", x(band[0]).into()),
        ("y", 6.0.into()),
        ("width", (x(band[1]) - x(band[0])).into()),
        ("height", 26.0.into()),
    ];
    svg.element("rect", &band_attrs, Some(&target));
    if let Some(value) = share {
        let bar: Attrs<'_, 6> = [
            ("class", "bar".into()),
            ("x", left.into()),
            ("y", 14.0.into()),
            ("width", (x(value) - left).into()),
            ("height", 10.0.into()),
            ("rx", 3.0.into()),
        ];
        svg.element("rect", &bar, Some(&said));
    }
    for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
        svg.text(&tick_at(x(tick), 50.0, "middle"), &percent(tick));
    }
    scrolling(svg, &title, false, strings)
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
            (day(1), day(1) + Days::new(3650)),
            &Strings::english(),
        );
        assert_eq!(svg.matches("<circle").count(), 2, "{svg}");
        assert!(svg.contains("3 entries from 1 January 2020 to 15 January 2020 (attempted)"));
        assert!(svg.contains("15 January 2020: Fourth (practiced)"));
        // A month wide: each day is its own place, and two entries on one day are one mark.
        let svg = capability_timeline("c", &[row], (day(1), day(31)), &Strings::english());
        assert_eq!(svg.matches("<circle").count(), 3, "{svg}");
        assert!(svg.contains("1 January 2020: First &lt;try&gt; (attempted)"));
        assert!(svg.contains("2 entries on 15 January 2020 (attempted)"));
    }

    fn bar(value: Option<f64>, treadmill: bool) -> Bar {
        let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
        Bar {
            period: Period::containing(Kind::Quarter, start),
            value,
            tooltip: "t <x>".into(),
            treadmill,
        }
    }

    /// The labels of a chart of `count` periods of `kind` from `first`, drawn as share bars.
    fn labels_of(kind: Kind, first: NaiveDate, count: usize) -> Vec<(f64, String)> {
        let mut period = Period::containing(kind, first);
        let mut periods = Vec::new();
        for _ in 0..count {
            periods.push(period);
            period = period.next();
        }
        let slot = plot_width(count) / count as f64;
        let starts: Vec<f64> = (0..count).map(|i| i as f64 * slot).collect();
        starts
            .iter()
            .zip(axis_labels(&periods, &starts, &Strings::english()))
            .filter_map(|(x, l)| l.map(|l| (*x, l)))
            .collect()
    }

    #[test]
    fn axis_labels_thin_by_span_and_never_overlap() {
        let day = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default();
        let texts = |labels: &[(f64, String)]| -> Vec<String> {
            labels.iter().map(|(_, l)| l.clone()).collect()
        };
        // A few quarters: each is named.
        let few = labels_of(Kind::Quarter, day(2026, 1), 4);
        assert_eq!(texts(&few), ["Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026"]);
        // Fifteen years of quarters: years, every other one.
        let years = labels_of(Kind::Quarter, day(2011, 1), 60);
        assert_eq!(texts(&years)[..3], ["2012", "2014", "2016"]);
        // Fifteen years of months, and a year of weeks.
        let months = labels_of(Kind::Month, day(2011, 1), 180);
        assert!(texts(&months).iter().all(|l| l.len() == 4), "{months:?}");
        let weeks = labels_of(Kind::Week, day(2025, 11), 52);
        assert!(texts(&weeks).contains(&"Q1 2026".to_string()), "{weeks:?}");
        for labels in [few, years, months, weeks] {
            for pair in labels.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                assert!(
                    b.0 - a.0 >= label_width(&a.1) + LABEL_GAP,
                    "{a:?} and {b:?} overlap"
                );
            }
        }
    }

    #[test]
    fn a_long_series_widens_the_chart_rather_than_shrinking_its_slots() {
        assert_eq!(plot_width(1), PLOT_MIN);
        assert_eq!(plot_width(8), 320.0);
        assert_eq!(plot_width(60), PLOT_MAX);
        assert_eq!(plot_width(180), 180.0 * MIN_SLOT);
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
            strings: &Strings::english(),
        };
        let svg = share_bars(&chart);
        assert!(svg.starts_with(r#"<div class="chart-scroll latest-first" tabindex="0" role="region" aria-label="Chart: Growth"><svg class="chart""#));
        assert!(svg.ends_with("</svg></div>"));
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
            strings: &Strings::english(),
        };
        let svg = share_bars(&chart);
        // The scale tops out at 50 %: the first bar is the full 180 units, the second half.
        assert!(svg.contains(r#"height="180"><title>"#), "{svg}");
        assert!(svg.contains(r#"height="90"><title>"#), "{svg}");
    }

    #[test]
    fn the_heatmap_has_a_cell_per_day_and_says_the_totals() {
        let from = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        let counts = [(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(), 2)]
            .into_iter()
            .collect();
        let svg = heatmap("h", &counts, (from, to), &Strings::english());
        assert_eq!(svg.matches("class=\"day ").count(), 31);
        assert!(svg.contains("<title>5 January 2026: 2 entries</title>"));
        assert!(svg.contains("2 entries on 1 day between 1 January 2026 and 31 January 2026"));
    }
}
