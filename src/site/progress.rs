//! The pages that show progress: `/progress/`, `/capabilities/`, each capability, each layer,
//! the quarterly reviews, and the dashboard's progress parts — all from [`Timelines`].

use crate::strings::Strings;
use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use serde_json::{Value, json};

use super::charts::{self, BalanceRow, Bar, CapabilityRow, Mark, ShareChart, percent};
use super::data::{CapabilityPage, Evidence, Exercised, LayerPage, PageData, ReviewPage};
use super::data::{page, page_meta, typed};
use super::periods::{self, PeriodLine};
use super::views::EntryView;
use super::{Page, Urls};
use crate::journal::Journal;
use crate::review::Review;
use crate::timeline::{CapabilityTimeline, Kind, PeriodStats, Timelines};

/// How many of the latest weeks the weekly view shows: a year, week by week.
const CHARTED_WEEKS: usize = 52;

/// How many quarters the dashboard looks back over.
const DASHBOARD_QUARTERS: usize = 4;

fn bars(
    strings: &Strings,
    periods: &[PeriodStats],
    value: impl Fn(&PeriodStats) -> Option<f64>,
    what: &str,
) -> Vec<Bar> {
    periods
        .iter()
        .map(|p| {
            let value = value(p);
            let count = format!(
                "{} {}",
                p.entries,
                if p.entries == 1 { "entry" } else { "entries" }
            );
            let tooltip = match value {
                Some(v) => format!(
                    "{}: {} {what} ({count})",
                    p.span.display_in(strings),
                    percent(v)
                ),
                None => format!(
                    "{}: no {what} to measure ({count})",
                    p.span.display_in(strings)
                ),
            };
            Bar {
                period: p.span,
                value,
                tooltip,
                treadmill: p.treadmill,
            }
        })
        .collect()
}

fn growth_chart(
    strings: &Strings,
    id: &str,
    kind: Kind,
    periods: &[PeriodStats],
    band: [f64; 2],
) -> String {
    let (title, axis) = match kind {
        Kind::Quarter => ("chart_growth_quarter", "axis_quarter"),
        Kind::Month => ("chart_growth_month", "axis_month"),
        Kind::Week => ("chart_growth_week", "axis_week"),
    };
    let (title, axis) = (strings.get(title), strings.get(axis));
    let bars = bars(strings, periods, |p| p.growth_share, "growth work");
    let description = format!(
        "Share of growth hours in growth and depth hours, {} periods ({}), against a target band of {} to {}; red marks under the axis are treadmill stretches",
        periods.len(),
        axis,
        percent(band[0]),
        percent(band[1])
    );
    charts::share_bars(&ShareChart {
        id,
        title,
        description: &description,
        axis,
        band: Some(band),
        bars: &bars,
        strings,
    })
}

/// `/progress/`: growth share per week, month and quarter, the verdicts and the treadmill.
pub fn progress_page(
    journal: &Journal,
    timelines: &Timelines,
    views: &[EntryView<'_>],
) -> Page<'static> {
    let strings = &journal.config.strings;
    let config = &journal.config;
    let band = config.growth_target;
    // Every period, the empty ones too, made for this page alone.
    let (quarters, months) = (timelines.quarters.every(), timelines.months.every());
    let weeks = periods::rolling_weeks(periods::latest(&timelines.weeks.every(), CHARTED_WEEKS));
    let stretches: Vec<Value> = timelines
        .treadmill
        .iter()
        .map(|t| {
            let entries: Vec<&EntryView<'_>> = t
                .entry_indexes
                .iter()
                .filter_map(|&i| views.get(i))
                .collect();
            json!({
                "start": strings.long_date(t.start),
                "end": strings.long_date(t.end),
                "weeks": t.weeks,
                "entry_count": t.entries,
                "entries": entries,
            })
        })
        .collect();
    page(
        "/progress/",
        "progress.html",
        page_meta(
            strings.get("title_progress"),
            "/progress/",
            "/progress/",
            "Growth work against depth work, per week, month and quarter",
        ),
        json!({
            "target": crate::review::target_band(band, strings),
            "treadmill_weeks": journal.config.treadmill_weeks,
            "quarter_chart": growth_chart(strings, "quarters-chart", Kind::Quarter, &quarters, band),
            "month_chart": growth_chart(strings, "months-chart", Kind::Month, &months, band),
            "week_chart": growth_chart(strings, "weeks-chart", Kind::Week, &weeks, band),
            "charted_weeks": weeks.len(),
            "rolling_weeks": periods::ROLLING_WEEKS,
            "quarters": periods::lines(&quarters, config),
            "months": periods::lines(&months, config),
            "weeks": periods::lines(&weeks, config),
            "stretches": stretches,
        }),
    )
}

fn capability_row<'a>(journal: &'a Journal, capability: &CapabilityTimeline) -> CapabilityRow<'a> {
    CapabilityRow {
        name: capability.name.clone(),
        first_attempted: capability.first_attempted,
        first_demonstrated: capability.first_demonstrated,
        last: capability.last,
        marks: capability
            .stages
            .iter()
            .map(|e| Mark {
                date: e.date,
                stage: e.stage.name(),
                title: journal
                    .entries
                    .get(e.entry)
                    .map_or("", |x| x.title.as_str()),
            })
            .collect(),
    }
}

/// The time span every timeline chart shares: the journal's first to last entry.
fn span(journal: &Journal) -> Option<(NaiveDate, NaiveDate)> {
    Some((journal.entries.first()?.date, journal.entries.last()?.date))
}

/// `/capabilities/` and one page per capability.
pub fn capability_pages<'a>(
    journal: &Journal,
    timelines: &Timelines,
    urls: &Urls,
    views: &'a [EntryView<'a>],
) -> Vec<Page<'a>> {
    use rayon::prelude::*;
    // Each page draws its own chart over the journal's whole span: in parallel.
    let (index, mut pages) = rayon::join(
        || capabilities_index(journal, timelines, urls),
        || {
            timelines
                .capabilities
                .par_iter()
                .map(|c| capability_page(journal, c, urls, views))
                .collect::<Vec<_>>()
        },
    );
    pages.insert(0, index);
    pages
}

/// A capability as lists show it: name, link, first attempt and demonstration, evidence.
fn capability_summary(c: &CapabilityTimeline, urls: &Urls, strings: &Strings) -> Value {
    json!({
        "name": c.name,
        "slug": c.slug,
        "url": urls.link(&format!("/capabilities/{}/", c.slug)),
        "first_attempted": strings.long_date(c.first_attempted),
        "first_demonstrated": c.first_demonstrated.map(|d| strings.long_date(d)),
        "evidence": c.evidence,
    })
}

/// `/capabilities/`: the timeline of every capability, and the capabilities grouped by the
/// quarter of their first attempt.
fn capabilities_index(journal: &Journal, timelines: &Timelines, urls: &Urls) -> Page<'static> {
    let strings = &journal.config.strings;
    let mut groups: BTreeMap<String, (String, Vec<Value>)> = BTreeMap::new();
    for c in &timelines.capabilities {
        let quarter = crate::timeline::Period::containing(Kind::Quarter, c.first_attempted);
        groups
            .entry(quarter.to_string())
            .or_insert_with(|| (quarter.display_in(strings), Vec::new()))
            .1
            .push(capability_summary(c, urls, strings));
    }
    let groups: Vec<Value> = groups.into_iter().map(|(id, (name, list))| json!({"id": id.to_lowercase(), "name": name, "capabilities": list})).collect();
    let chart = span(journal).map(|(from, to)| {
        let rows: Vec<CapabilityRow> = timelines
            .capabilities
            .iter()
            .map(|c| capability_row(journal, c))
            .collect();
        charts::capability_timeline("capability-chart", &rows, (from, to), strings)
    });
    let demonstrated = timelines
        .capabilities
        .iter()
        .filter(|c| c.first_demonstrated.is_some())
        .count();
    page(
        "/capabilities/",
        "capabilities.html",
        page_meta(
            strings.get("title_capabilities"),
            "/capabilities/",
            "/capabilities/",
            "Every capability from first attempt to demonstrated",
        ),
        json!({
            "chart": chart,
            "groups": groups,
            "by_layer": journal.config.layers.iter().map(|l| json!({"layer": l, "url": urls.link(&format!("/layers/{l}/")), "capabilities": exercised(journal, urls, l)})).collect::<Vec<_>>(),
            "count": timelines.capabilities.len(),
            "demonstrated": demonstrated,
        }),
    )
}

/// One capability's page: its stages over time and every entry that is evidence of it.
fn capability_page<'a>(
    journal: &Journal,
    c: &CapabilityTimeline,
    urls: &Urls,
    views: &'a [EntryView<'a>],
) -> Page<'a> {
    let strings = &journal.config.strings;
    let path = format!("/capabilities/{}/", c.slug);
    let evidence: Vec<Evidence<'a>> = c
        .stages
        .iter()
        .filter_map(|e| {
            views.get(e.entry).map(|entry| Evidence {
                entry,
                stage: e.stage.name(),
            })
        })
        .collect();
    let chart = span(journal).map(|(from, to)| {
        charts::capability_timeline(
            "stages-chart",
            &[capability_row(journal, c)],
            (from, to),
            strings,
        )
    });
    let meta = page_meta(
        &c.name,
        &path,
        "/capabilities/",
        &format!("{}: {} pieces of evidence", c.name, c.evidence),
    );
    typed(
        &path,
        "capability.html",
        PageData::Capability(CapabilityPage {
            page: meta,
            capability: capability_summary(c, urls, strings),
            chart,
            evidence,
            linked_from: journal
                .entries
                .iter()
                .zip(views)
                .rev()
                .filter(|(e, _)| e.rendered.links_to_pages.contains(&path))
                .map(|(_, v)| v)
                .collect(),
        }),
    )
}

/// The page of one layer: its entries and its share of all entries per quarter.
pub fn layer_page<'a>(
    journal: &Journal,
    timelines: &Timelines,
    views: &'a [EntryView<'a>],
    layer: &'a str,
) -> Page<'a> {
    let strings = &journal.config.strings;
    let share =
        |p: &PeriodStats| (p.entries > 0).then(|| p.layers.get(layer) as f64 / p.entries as f64);
    let quarters = timelines.quarters.every();
    let bars = bars(strings, &quarters, share, layer);
    let title = format!("Share of entries in the {layer} layer per quarter");
    let description =
        format!("For each quarter, the share of its entries that name the {layer} layer");
    let chart = charts::share_bars(&ShareChart {
        id: "layer-chart",
        title: &title,
        description: &description,
        axis: "quarter",
        band: None,
        bars: &bars,
        strings,
    });
    let rows: Vec<Value> = quarters
        .iter()
        .map(|p| json!({"display": p.span.display_in(strings), "entries": p.entries, "layer_entries": p.layers.get(layer), "share": share(p).map(percent)}))
        .collect();
    let entries: Vec<&'a EntryView<'a>> = journal
        .entries
        .iter()
        .zip(views)
        .rev()
        .filter(|(e, _)| e.layers.iter().any(|l| l == layer))
        .map(|(_, v)| v)
        .collect();
    let path = format!("/layers/{layer}/");
    let meta = page_meta(
        &strings.fill("title_layer", &[("layer", layer)]),
        &path,
        "/progress/",
        &format!("{} entries in the {layer} layer", entries.len()),
    );
    typed(
        &path,
        "layer.html",
        PageData::Layer(LayerPage {
            page: meta,
            layer,
            chart,
            quarters: rows,
            capabilities: exercised(journal, &Urls::new(&journal.config), layer),
            entries,
        }),
    )
}

/// The capabilities that the entries naming `layer` are evidence of, most evidence first.
pub fn exercised(journal: &Journal, urls: &Urls, layer: &str) -> Vec<Exercised> {
    let strings = &journal.config.strings;
    let mut found: BTreeMap<&str, (&str, usize, crate::journal::Stage)> = BTreeMap::new();
    let in_layer = journal
        .entries
        .iter()
        .filter(|e| e.layers.iter().any(|l| l == layer));
    for capability in in_layer.flat_map(|e| &e.capabilities) {
        let seen = found
            .entry(&capability.slug)
            .or_insert((&capability.name, 0, capability.stage));
        seen.1 += 1;
        seen.2 = seen.2.max(capability.stage);
    }
    let mut list: Vec<Exercised> = found
        .into_iter()
        .map(|(slug, (name, entries, stage))| {
            let stage_name = strings.get(&format!("stage_{}", stage.name())).to_string();
            Exercised {
                name: name.to_string(),
                url: urls.link(&format!("/capabilities/{slug}/")),
                entries,
                stage: stage.name(),
                line: strings.fill(
                    "layer_capability_line",
                    &[
                        ("entries", &strings.count("entries", entries)),
                        ("stage", &stage_name),
                    ],
                ),
            }
        })
        .collect();
    list.sort_by(|a, b| b.entries.cmp(&a.entries).then_with(|| a.name.cmp(&b.name)));
    list
}

/// How many of the latest quarters with entries the layers index charts.
const BALANCE_QUARTERS: usize = 8;

/// `/layers/`: the balance of the layers over the latest quarters with entries, and each layer
/// with its entries in all.
pub fn layers_index(journal: &Journal, timelines: &Timelines, urls: &Urls) -> Page<'static> {
    let strings = &journal.config.strings;
    let with_entries: Vec<&PeriodStats> = timelines.quarters.with_entries().iter().collect();
    let recent = &with_entries[with_entries.len().saturating_sub(BALANCE_QUARTERS)..];
    let rows: Vec<BalanceRow> = recent
        .iter()
        .map(|q| BalanceRow {
            label: q.span.display_in(strings),
            counts: q.layers.0.clone(),
        })
        .collect();
    let total = journal.entries.len();
    let layers: Vec<Value> = journal
        .config
        .layers
        .iter()
        .enumerate()
        .map(|(slot, layer)| {
            let entries = journal.entries.iter().filter(|e| e.layers.contains(layer)).count();
            let share = (total > 0).then(|| percent(entries as f64 / total as f64));
            json!({"name": layer, "slot": slot, "url": urls.link(&format!("/layers/{layer}/")), "entries": entries, "share": share})
        })
        .collect();
    page(
        "/layers/",
        "layers.html",
        page_meta(
            strings.get("title_layers"),
            "/layers/",
            "/layers/",
            "The balance of resources, process and cooperation over time",
        ),
        json!({
            "chart": (!rows.is_empty()).then(|| charts::layer_balance("layers-chart", &rows, strings)),
            "quarters": rows.len(),
            "balance": balance_table(recent, strings),
            "layers": layers,
            "entry_count": total,
        }),
    )
}

/// `/reviews/` and one review per quarter.
pub fn review_pages(journal: &Journal, timelines: &Timelines, urls: &Urls) -> Vec<Page<'static>> {
    let strings = &journal.config.strings;
    let link = |p: &str| urls.link(p);
    let band = journal.config.growth_target;
    let review_path = |stats: &PeriodStats| format!("/reviews/{}/", stats.span.slug());
    // A quarter without entries has nothing to review: it gets no page, and its neighbours
    // link past it.
    let reviewed: Vec<&PeriodStats> = timelines.quarters.with_entries().iter().collect();
    let index: Vec<Value> = reviewed
        .iter()
        .rev()
        .map(|q| json!({"title": q.span.display_in(strings), "url": urls.link(&review_path(q)), "entries": q.entries, "verdict": PeriodLine::of(q, &journal.config).verdict}))
        .collect();
    let mut pages = vec![page(
        "/reviews/",
        "reviews.html",
        page_meta(
            strings.get("title_reviews"),
            "/reviews/",
            "/reviews/",
            "A review of every quarter",
        ),
        json!({"reviews": index}),
    )];
    for (i, &stats) in reviewed.iter().enumerate() {
        let review = Review::new(journal, timelines, stats, &link);
        let neighbour = |q: Option<&PeriodStats>| {
            q.map(
                |q| json!({"name": q.span.display_in(strings), "url": urls.link(&review_path(q))}),
            )
        };
        let path = review_path(stats);
        let gauge = charts::gauge(
            "review-gauge",
            stats.growth_share,
            band,
            &stats.span.display_in(strings),
            strings,
        );
        let meta = page_meta(
            &strings.fill("title_review", &[("period", &review.title)]),
            &path,
            "/reviews/",
            &format!("Review of {}: {}", review.title, review.verdict.text),
        );
        pages.push(typed(
            &path,
            "review.html",
            PageData::Review(Box::new(ReviewPage {
                page: meta,
                review,
                gauge,
                previous: neighbour(i.checked_sub(1).and_then(|j| reviewed.get(j).copied())),
                next: neighbour(reviewed.get(i + 1).copied()),
            })),
        ));
    }
    pages
}

/// Each recent quarter's entries per layer, as table rows beside the balance chart.
fn balance_table(recent: &[&PeriodStats], strings: &Strings) -> Vec<Value> {
    recent
        .iter()
        .map(|q| {
            let total: usize = q.layers.0.iter().map(|(_, n)| n).sum();
            let cells: Vec<Value> = q
                .layers
                .0
                .iter()
                .map(|(layer, n)| json!({"layer": layer, "entries": n, "share": (total > 0).then(|| percent(*n as f64 / total as f64))}))
                .collect();
            json!({"display": q.span.display_in(strings), "layers": cells})
        })
        .collect()
}

/// The heatmap of the year up to the latest entry, and that year's months with their entries.
fn heatmap_year(
    journal: &Journal,
    timelines: &Timelines,
    current: &PeriodStats,
) -> (String, Vec<Value>) {
    let strings = &journal.config.strings;
    let last = journal.entries.last().map_or(current.end, |e| e.date);
    let from = last.checked_sub_days(Days::new(364)).unwrap_or(last);
    let mut counts: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for entry in &journal.entries {
        *counts.entry(entry.date).or_default() += 1;
    }
    let months: Vec<Value> = timelines
        .months
        .iter()
        .filter(|m| m.end >= from)
        .map(|m| json!({"display": m.span.display_in(strings), "entries": m.entries}))
        .collect();
    (
        charts::heatmap("heatmap", &counts, (from, last), strings),
        months,
    )
}

/// The dashboard's progress parts: this calendar quarter (of `today`, the build date) against
/// the band — or, when it has no entries yet, saying so beside the latest quarter that has —
/// capabilities gained in the last four quarters with entries, newest first, the layer balance
/// over them, and a heatmap of the last year.
pub fn dashboard(journal: &Journal, timelines: &Timelines, urls: &Urls, today: NaiveDate) -> Value {
    let strings = &journal.config.strings;
    let band = journal.config.growth_target;
    let this_quarter = crate::timeline::Period::containing(Kind::Quarter, today);
    let with_entries = || timelines.quarters.with_entries().iter().rev();
    let Some(current) = with_entries()
        .find(|q| q.span == this_quarter)
        .or_else(|| with_entries().next())
    else {
        return json!(null);
    };
    let shown_is_this_quarter = current.span == this_quarter;
    let every = timelines.quarters.every();
    let recent: Vec<&PeriodStats> = every.iter().rev().take(DASHBOARD_QUARTERS).rev().collect();
    let since = recent.first().map_or(current.start, |q| q.start);
    let mut gained: Vec<(NaiveDate, &CapabilityTimeline)> = timelines
        .capabilities
        .iter()
        .filter_map(|c| c.first_demonstrated.filter(|d| *d >= since).map(|d| (d, c)))
        .collect();
    gained.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    let gained: Vec<Value> = gained
        .into_iter()
        .map(|(d, c)| json!({"name": c.name, "url": urls.link(&format!("/capabilities/{}/", c.slug)), "date": strings.long_date(d), "iso": d.to_string()}))
        .collect();
    let balance_rows: Vec<BalanceRow> = recent
        .iter()
        .map(|q| BalanceRow {
            label: q.span.display_in(strings),
            counts: q.layers.0.clone(),
        })
        .collect();
    let balance_table = balance_table(&recent, strings);
    let (heatmap, months) = heatmap_year(journal, timelines, current);
    json!({
        "this_quarter": this_quarter.display_in(strings),
        "this_quarter_has_entries": shown_is_this_quarter,
        "quarter": PeriodLine::of(current, &journal.config),
        "review_url": urls.link(&format!("/reviews/{}/", current.span.slug())),
        "gauge": charts::gauge("dashboard-gauge", current.growth_share, band, &current.span.display_in(strings), strings),
        "target": crate::review::target_band(band, strings),
        "gained": gained,
        "gained_since": strings.long_date(since),
        "balance_chart": charts::layer_balance("balance-chart", &balance_rows, strings),
        "balance": balance_table,
        "layers": journal.config.layers.iter().map(|l| json!({"name": l, "url": urls.link(&format!("/layers/{l}/"))})).collect::<Vec<_>>(),
        "heatmap": heatmap,
        "heatmap_months": months,
        "treadmill": timelines.treadmill.len(),
        "goals": super::goals::panel(timelines, urls, strings, today),
    })
}
