//! Every kind of page, in a real headless Chromium, on a 390 px phone and a 1280 px desktop, in
//! light and dark: no console error or failed request, nothing wider than the screen, no chart
//! text under 12 px, no axis labels on top of each other. On the example journal, on a
//! generated journal of fifteen years with gaps, and on a journal of one entry.
//!
//! With `STRATA_AXE` naming axe-core's `axe.min.js` (as `.ci/run` sets it), every page is also
//! checked for serious and critical accessibility problems.
//!
//! With `STRATA_SCREENSHOTS=DIR`, it also saves a screenshot of the key pages of the example
//! journal on each screen (how `docs/screenshots/` is made).
//!
//! Needs Chromium and ChromeDriver, as `tests/browser.rs` does.

#![allow(clippy::unwrap_used)]

#[path = "common/browser.rs"]
mod browser;
mod common;

use std::path::{Path, PathBuf};

use browser::{Screen, browser, connect_to, console_errors, wait_until};
use common::Journal;
use common::corpus::{CorpusOptions, generate};
use common::server::Server;
use fantoccini::Client;

/// What is wrong with the open page's layout, as sentences; empty when nothing is.
const LAYOUT_PROBLEMS: &str = r#"
const problems = [];
const page = document.documentElement;
if (page.scrollWidth > window.innerWidth + 1) {
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.chart-scroll, table.data, pre'))
    .slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + e.className);
  problems.push(`the page is ${page.scrollWidth}px wide on a ${window.innerWidth}px screen (${wide.join(', ')})`);
}
for (const text of document.querySelectorAll('svg text')) {
  const m = text.getScreenCTM();
  if (!m || !text.getClientRects().length) continue;
  const size = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(m.a, m.b);
  if (size < 11.9) problems.push(`chart text "${text.textContent}" is ${size.toFixed(1)}px`);
}
for (const svg of document.querySelectorAll('svg.chart')) {
  const ticks = [...svg.querySelectorAll('.axis-tick')].map(t => [t.textContent, t.getBoundingClientRect()]);
  for (let i = 1; i < ticks.length; i++) {
    const [a, r] = ticks[i - 1], [b, s] = ticks[i];
    if (r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom)
      problems.push(`axis labels "${a}" and "${b}" overlap`);
  }
}
for (const r of performance.getEntriesByType('resource'))
  if (r.responseStatus >= 400) problems.push(`${r.name} answered ${r.responseStatus}`);
return problems;
"#;

/// The serious and critical problems axe-core finds on the open page, with `axe`, the text of
/// `axe.min.js`, put into it first.
async fn accessibility_problems(client: &Client, axe: &str) -> Vec<String> {
    client.execute(axe, vec![]).await.unwrap();
    let found = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations
               .filter(v => v.impact === 'serious' || v.impact === 'critical')
               .map(v => `${v.impact}: ${v.id} (${v.nodes.length} nodes): ${v.help}`)));",
            vec![],
        )
        .await
        .unwrap();
    found
        .as_array()
        .map(|v| {
            v.iter()
                .map(|p| p.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The text of axe-core's `axe.min.js` when `STRATA_AXE` names it (`.ci/run` fetches it from
/// npm); without it the accessibility check is skipped, and says so.
fn axe() -> Option<String> {
    let path = std::env::var_os("STRATA_AXE")?;
    Some(std::fs::read_to_string(path).expect("STRATA_AXE names a readable axe.min.js"))
}

/// Whether the page's stylesheet has loaded.
const STYLED: &str = "[...document.styleSheets].some(s => s.href && s.cssRules.length > 0)";

/// One page of each kind of the site served at `base`: the fixed ones, and the first
/// capability, review, tag, layer and entry its index pages link to.
async fn pages_of(client: &Client, base: &str) -> Vec<String> {
    let mut pages: Vec<String> = [
        "/",
        "/progress/",
        "/capabilities/",
        "/reviews/",
        "/tags/",
        "/archive/",
        "/concepts/",
        "/search/",
        "/404.html",
    ]
    .iter()
    .map(|p| p.to_string())
    .collect();
    let linked = [
        (
            "/capabilities/",
            "main a[href*='/capabilities/'][href$='/']:not([href$='/capabilities/'])",
        ),
        ("/reviews/", "main a[href*='/reviews/20']"),
        (
            "/tags/",
            "main a[href*='/tags/'][href$='/']:not([href$='/tags/'])",
        ),
        ("/progress/", "main a[href*='/layers/']"),
        ("/archive/", "main .archive-list a"),
    ];
    for (index, selector) in linked {
        client.goto(&format!("{base}{index}")).await.unwrap();
        let script = format!(
            "const a = document.querySelector({selector:?}); return a ? a.href.slice({}) : null;",
            base.len()
        );
        let found = client.execute(&script, vec![]).await.unwrap();
        let path = found
            .as_str()
            .unwrap_or_else(|| panic!("{base}{index} links to nothing matching {selector}"));
        pages.push(path.to_string());
    }
    pages
}

/// Loads each of `pages` on the session and collects what is wrong with each; with `axe`,
/// what axe-core finds too.
async fn problems_on(
    client: &Client,
    base: &str,
    pages: &[String],
    axe: Option<&str>,
) -> Vec<String> {
    let mut problems = Vec::new();
    console_errors(client).await;
    for page in pages {
        client.goto(&format!("{base}{page}")).await.unwrap();
        // The preview swaps the stylesheet in place when it changes: wait until one is there.
        wait_until(client, STYLED, &format!("the stylesheet of {page}")).await;
        let found = client.execute(LAYOUT_PROBLEMS, vec![]).await.unwrap();
        let mut here: Vec<String> = found
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap_or_default().to_string())
            .collect();
        // The 404 page is a real 404 when served: its own status is not a failure. And the
        // preview's event stream, cut by every navigation, belongs to the preview, not the site.
        here.extend(
            console_errors(client)
                .await
                .into_iter()
                .filter(|e| !(page == "/404.html" && e.contains("404")))
                .filter(|e| !e.contains("__strata/events")),
        );
        if let Some(axe) = axe {
            here.extend(accessibility_problems(client, axe).await);
        }
        problems.extend(here.into_iter().map(|p| format!("{page}: {p}")));
    }
    problems
}

/// A journal of fifteen years with gaps, from the project's corpus generator.
fn fifteen_years() -> Journal {
    let journal = Journal::empty();
    let options = CorpusOptions {
        entries: 700,
        years: 15,
        gaps: 3,
        words: 40,
        ..CorpusOptions::default()
    };
    generate(journal.path(), &options);
    journal
}

/// A journal of a single entry.
fn one_entry() -> Journal {
    let journal = Journal::empty();
    journal.write("journal.yaml", "title: One entry\n");
    journal.write(
        "entries/2026-03-02-first.md",
        "---\ntitle: The first entry\ndate: 2026-03-02\nwork: growth\nlayer: cooperation\ncapabilities: [Facilitation]\ntags: [start]\n---\nIt begins.\n",
    );
    journal
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_kind_reads_on_a_phone_and_a_desktop_in_light_and_dark() {
    let Some((driver, chromium)) = browser() else {
        return;
    };
    let example = Journal::copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("example-journal"));
    let long = fifteen_years();
    let single = one_entry();
    let journals = [
        ("example", &example),
        ("fifteen years", &long),
        ("one entry", &single),
    ];
    let screens = [
        Screen::PHONE,
        Screen::DESKTOP,
        Screen::PHONE.dark(),
        Screen::DESKTOP.dark(),
    ];
    let axe = axe();
    if axe.is_none() {
        eprintln!("accessibility not checked: set STRATA_AXE to axe-core's axe.min.js");
    }
    let mut problems = Vec::new();
    for (name, journal) in journals {
        let server = Server::start(journal.path(), &[]);
        // The generated journal is published under a sub-path, `/journal/`, and served there.
        let base = server.site_url();
        let profile = tempfile::tempdir().unwrap();
        let (_driver, client) =
            connect_to(Screen::DESKTOP, &driver, &chromium, profile.path()).await;
        let pages = pages_of(&client, &base).await;
        client.close().await.unwrap();
        for screen in screens {
            let profile = tempfile::tempdir().unwrap();
            let (_driver, client) = connect_to(screen, &driver, &chromium, profile.path()).await;
            client.goto(&base).await.unwrap();
            // The emulated screen can take a moment to apply on a busy machine.
            wait_until(
                &client,
                &format!("window.innerWidth === {}", screen.width),
                "the emulated screen's width",
            )
            .await;
            let found = problems_on(&client, &base, &pages, axe.as_deref()).await;
            problems.extend(
                found
                    .into_iter()
                    .map(|p| format!("{name}, {}: {p}", screen.name())),
            );
            if name == "example"
                && let Some(dir) = std::env::var_os("STRATA_SCREENSHOTS")
            {
                screenshots(&client, &base, screen, &PathBuf::from(dir)).await;
            }
            client.close().await.unwrap();
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Saves the key pages of the site at `base`, whole, as `DIR/<page>-<screen>.png`.
async fn screenshots(client: &Client, base: &str, screen: Screen, dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let pages = [
        ("dashboard", "/"),
        ("entry", "/2026/01/hiring-cap-session/"),
        ("progress", "/progress/"),
        ("capability", "/capabilities/cross-team-negotiation/"),
        ("review", "/reviews/2025-q3/"),
    ];
    for (name, path) in pages {
        client.goto(&format!("{base}{path}")).await.unwrap();
        let shot = client.screenshot().await.unwrap();
        let kind = if screen.phone { "phone" } else { "desktop" };
        let scheme = if screen.dark { "dark" } else { "light" };
        std::fs::write(dir.join(format!("{name}-{kind}-{scheme}.png")), shot).unwrap();
    }
}
