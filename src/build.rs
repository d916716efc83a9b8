//! One whole build: config → journal → site → rendered files → output folder. The stages are
//! called in order here and nowhere else, so `build`, `check` and a preview run the same code.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use thiserror::Error;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::journal::{self, Journal, Visibility};
use crate::output::{self, Content, OutputError};
use crate::render::{self, Asset, Renderer};
use crate::site::views::EntryView;
use crate::site::{self, Scope};

/// What to build, and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The journal folder.
    pub root: PathBuf,
    /// The output folder.
    pub output: PathBuf,
    /// Replaces the config's `base_url`.
    pub base_url: Option<String>,
    /// Which entries to show.
    pub visibility: Visibility,
}

/// How long each stage of a build took, in order, for `--verbose` and benchmarks.
#[derive(Debug, Clone)]
pub struct Timings {
    /// Each stage's name and time.
    pub stages: Vec<(&'static str, std::time::Duration)>,
    /// When the stage under way began.
    last: std::time::Instant,
}

impl Timings {
    /// Starts the clock.
    fn start() -> Timings {
        Timings {
            stages: Vec::new(),
            last: std::time::Instant::now(),
        }
    }

    /// Ends the stage `name` now and starts the next.
    fn mark(&mut self, name: &'static str) {
        let now = std::time::Instant::now();
        self.stages.push((name, now - self.last));
        self.last = now;
    }

    /// `load 440 ms, aggregate 30 ms, …`.
    pub fn describe(&self) -> String {
        self.stages
            .iter()
            .map(|(name, time)| format!("{name} {} ms", time.as_millis()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// How long each stage took.
    pub timings: Timings,
    /// Files written.
    pub files: usize,
    /// Entries published.
    pub entries: usize,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Why a build wrote nothing.
#[derive(Debug, Error)]
pub enum BuildError {
    /// The journal has errors: every one of them, with the warnings.
    #[error("{} errors in {files} entries", diagnostics.iter().filter(|d| d.is_error()).count())]
    Journal {
        /// Errors and warnings.
        diagnostics: Vec<Diagnostic>,
        /// How many entry files were read.
        files: usize,
    },
    /// The output folder cannot be written.
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// Loads the config at `root`, with `base_url` replaced when given.
pub fn load_config(root: &Path, base_url: Option<&str>) -> Result<Config, BuildError> {
    let mut config = Config::load(root).map_err(|diagnostics| BuildError::Journal {
        diagnostics,
        files: 0,
    })?;
    if let Some(url) = base_url {
        config.set_base_url(url);
    }
    Ok(config)
}

/// Loads the journal at `root` with `config`.
pub fn load_journal(
    root: &Path,
    config: Config,
    visibility: Visibility,
) -> Result<journal::Loaded, BuildError> {
    journal::load(root, config, visibility).map_err(|failed| BuildError::Journal {
        diagnostics: failed.diagnostics,
        files: failed.files,
    })
}

/// Renders every file of the journal's site, in parallel, without writing anything.
pub fn render_site(
    root: &Path,
    journal: &Journal,
) -> Result<BTreeMap<String, Content>, Vec<Diagnostic>> {
    let renderer = Renderer::new(root, &journal.config, &site::site_data(&journal.config))?;
    let timelines = crate::timeline::aggregate(journal);
    let mut cache = RenderCache::default();
    render_with(
        root,
        journal,
        &timelines,
        &renderer,
        &mut cache,
        Scope::Everything,
    )
}

/// Page outputs of an earlier render, reused while a page's template and data are unchanged.
/// Valid only with the same [`Renderer`]: start a new cache when templates or config change.
///
/// A page is known by a fingerprint of everything its template sees (the template's name and
/// the whole page data), so no change to what a page shows can leave it stale.
#[derive(Debug, Default)]
pub struct RenderCache {
    pages: BTreeMap<String, RenderedPage>,
    /// Each entry view's fingerprint, by the entry's index: it stands for the view in the
    /// fingerprint of every page that lists it, so a view is hashed once, not once a page.
    view_prints: std::sync::Arc<[u64]>,
    rendered: usize,
    /// Whether to keep what was rendered for the next render; a one-off build does not, and
    /// skips fingerprinting the pages' data.
    remember: bool,
}

impl RenderCache {
    /// A cache that keeps every page for the next render, as a preview needs.
    pub fn remembering() -> RenderCache {
        RenderCache {
            remember: true,
            ..RenderCache::default()
        }
    }

    /// How many pages the last render had to render rather than reuse.
    pub fn rendered_last_time(&self) -> usize {
        self.rendered
    }

    /// The key a page is known by in this cache: for an entry's page, a fingerprint of the
    /// entries it reads; for any other, of its template name and whole data; nothing when the
    /// cache keeps nothing.
    fn key(&self, journal: &Journal, views: &[EntryView<'_>], page: &site::Page<'_>) -> u64 {
        if !self.remember {
            return 0;
        }
        match &page.data {
            site::data::PageData::Entry(data) => self.entry_key(journal, views, data.entry.index),
            data => {
                crate::fingerprint::of_json_with_views(&(&page.template, data), &self.view_prints)
            }
        }
    }

    /// What the page of the `index`th entry is known by: all of its own view and what its
    /// body was rendered from, and the title and link of each entry it links to — not their
    /// places in the journal, so an entry added before it leaves it as it was.
    fn entry_key(&self, journal: &Journal, views: &[EntryView<'_>], index: usize) -> u64 {
        let reads = site::pages::EntryReads::of(journal, index);
        let link = |i: usize| views.get(i).map(|v| (v.title, v.url.as_str()));
        let own = (
            self.view_prints.get(index),
            journal.entries.get(index).map(|e| e.rendered.source_print),
        );
        let around = (reads.previous.map(link), reads.next.map(link));
        let backlinks: Vec<_> = reads.backlinks.iter().map(|&i| link(i)).collect();
        crate::fingerprint::of(&(own, around, backlinks))
    }

    /// The entries whose pages may have changed since the last render (new ones, or ones
    /// whose key differs), and those whose pages have not.
    fn stale_entries(
        &self,
        journal: &Journal,
        views: &[EntryView<'_>],
    ) -> (Vec<usize>, Vec<usize>) {
        (0..journal.entries.len()).into_par_iter().partition(|&i| {
            self.pages
                .get(&journal.entries[i].permalink)
                .is_none_or(|page| page.data != self.entry_key(journal, views, i))
        })
    }

    /// Keeps the pages of the entries at `kept`, known unchanged, from the `previous` render,
    /// adding their outputs to `files`.
    fn carry_over(
        &mut self,
        journal: &Journal,
        kept: &[usize],
        previous: &mut BTreeMap<String, RenderedPage>,
        files: &mut BTreeMap<String, Content>,
    ) {
        for &index in kept {
            if let Some((path, page)) = journal
                .entries
                .get(index)
                .and_then(|e| previous.remove_entry(&e.permalink))
            {
                files.insert(
                    site::output_file(&path),
                    Content::Text(Arc::clone(&page.text)),
                );
                self.pages.insert(path, page);
            }
        }
    }

    /// Takes in the outcome of rendering `pages`: counts what was rendered, remembers each
    /// page when the cache keeps pages, and adds each output to `files`. Every render error,
    /// when there is one.
    fn keep(
        &mut self,
        pages: &[site::Page<'_>],
        rendered: Vec<Result<(RenderedPage, bool), Diagnostic>>,
        files: &mut BTreeMap<String, Content>,
    ) -> Result<(), Vec<Diagnostic>> {
        let mut errors = Vec::new();
        self.rendered = 0;
        for (page, result) in pages.iter().zip(rendered) {
            match result {
                Ok((done, fresh)) => {
                    self.rendered += usize::from(fresh);
                    files.insert(page.output_file(), Content::Text(Arc::clone(&done.text)));
                    if self.remember {
                        self.pages.insert(page.path.clone(), done);
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Takes the fingerprints of the views `scope` can have changed: every view for a whole
    /// site, those of the named entries for their pages.
    fn take_view_prints(&mut self, views: &[site::views::EntryView<'_>], scope: Scope<'_>) {
        if !self.remember {
            return;
        }
        match scope {
            Scope::Everything | Scope::Site(_) => {
                let prints: Vec<u64> = views.par_iter().map(crate::fingerprint::of_json).collect();
                self.view_prints = prints.into();
            }
            Scope::Entries(indices) => {
                let mut prints = self.view_prints.to_vec();
                for &i in indices {
                    if let (Some(print), Some(view)) = (prints.get_mut(i), views.get(i)) {
                        *print = crate::fingerprint::of_json(view);
                    }
                }
                self.view_prints = prints.into();
            }
            Scope::Listings => {}
        }
    }
}

/// A page's output with what it was rendered from.
#[derive(Debug, Clone)]
struct RenderedPage {
    /// A fingerprint of its template name and data.
    data: u64,
    /// The output.
    text: std::sync::Arc<str>,
}

/// Renders the files of the site that `scope` takes in with `renderer`, re-rendering only the
/// pages whose inputs changed since the render that filled `cache`. A whole site forgets the
/// pages it no longer has; a part of one keeps the others.
///
/// An entry's page is known by what it reads ([`site::pages::EntryReads`]): when none of
/// those entries changed, a whole site does not even plan it. Every other page is known by a
/// fingerprint of its template name and whole data, so no change to what it shows can leave
/// it stale.
pub fn render_with(
    root: &Path,
    journal: &Journal,
    timelines: &crate::timeline::Timelines,
    renderer: &Renderer,
    cache: &mut RenderCache,
    scope: Scope<'_>,
) -> Result<BTreeMap<String, Content>, Vec<Diagnostic>> {
    let views = site::entry_views(journal);
    cache.take_view_prints(&views, scope);
    let whole = matches!(scope, Scope::Everything | Scope::Site(_));
    let (stale, kept) = match scope {
        Scope::Everything if cache.remember => cache.stale_entries(journal, &views),
        _ => (Vec::new(), Vec::new()),
    };
    let scope = if kept.is_empty() {
        scope
    } else {
        Scope::Site(&stale)
    };
    let plan = site::plan_scope(journal, timelines, &views, scope);
    let prepared = render::PreparedViews::new(&views);
    // A whole site forgets the pages it no longer has; a part of one leaves the rest alone.
    let mut previous = if whole {
        std::mem::take(&mut cache.pages)
    } else {
        BTreeMap::new()
    };
    let mut files = match whole {
        true => other_files(root, journal, plan.data, &plan.pages),
        false => BTreeMap::new(),
    };
    cache.carry_over(journal, &kept, &mut previous, &mut files);
    let known = if whole { &previous } else { &cache.pages };
    let rendered: Vec<Result<(RenderedPage, bool), Diagnostic>> = plan
        .pages
        .par_iter()
        .map(|page| {
            let key = cache.key(journal, &views, page);
            match known.get(&page.path) {
                Some(old) if old.data == key => Ok((old.clone(), false)),
                _ => renderer.render(page, &prepared).map(|text| {
                    let text = text.into();
                    (RenderedPage { data: key, text }, true)
                }),
            }
        })
        .collect();
    cache
        .keep(&plan.pages, rendered, &mut files)
        .map(|()| files)
}

/// Every file of the site that is not a page: the theme's and the journal's static files, data
/// files (`timelines.json`), and the files beside entries that shown entries link to (a hidden
/// entry's images are never published). Later kinds win over earlier ones at the same path,
/// and a page over all of them: none is at the output file of one of `pages` or of any
/// entry's page.
fn other_files(
    root: &Path,
    journal: &Journal,
    data: Vec<(String, String)>,
    pages: &[site::Page<'_>],
) -> BTreeMap<String, Content> {
    let mut files: BTreeMap<String, Content> = render::assets(root, &journal.config)
        .into_iter()
        .map(|(path, asset)| (path, Content::Asset(asset)))
        .collect();
    files.extend(
        data.into_iter()
            .map(|(path, text)| (path, Content::Text(text.into()))),
    );
    files.extend(
        journal
            .entries
            .iter()
            .flat_map(|e| &e.rendered.attachments)
            .map(|a| {
                let path = a.path.trim_start_matches('/').to_string();
                (path, Content::Asset(Asset::File(root.join(&a.source))))
            }),
    );
    // Every entry's page, planned now or not.
    for entry in &journal.entries {
        files.remove(&site::output_file(&entry.permalink));
    }
    for page in pages {
        files.remove(&page.output_file());
    }
    files
}

/// Why one page of a streamed build did not make it into the new site.
enum PageFailure {
    Render(Diagnostic),
    Write(OutputError),
}

/// Where a streamed render puts each file as soon as it is made: the staging folder of a
/// build, or nowhere, for a check.
type Sink<'s> = &'s (dyn Fn(&str, &Content) -> Result<(), OutputError> + Sync);

/// How many entry pages a streamed build plans at a time.
const ENTRY_BATCH: usize = 1024;

/// Renders every file of the site and hands each to `sink` as soon as it is made, in
/// parallel, so the rendered site is never held in memory at once. Returns how many files
/// there are. Errors name `entry_files`, the number of entry files read.
fn render_into(
    root: &Path,
    journal: &mut Journal,
    sink: Sink<'_>,
    entry_files: usize,
    timings: &mut Timings,
) -> Result<usize, BuildError> {
    let journal_error = |diagnostics| BuildError::Journal {
        diagnostics,
        files: entry_files,
    };
    let renderer = Renderer::new(root, &journal.config, &site::site_data(&journal.config))
        .map_err(journal_error)?;
    let timelines = crate::timeline::aggregate(journal);
    timings.mark("aggregate");
    let mut html = take_bodies(journal);
    let journal = &*journal;
    let views = site::entry_views(journal);
    // The entries' own pages first, so that their HTML is gone before the pages that list
    // entries — which hold every entry's view converted for the templates — are rendered.
    let mut failures = render_entry_pages(&renderer, journal, &views, &mut html, sink);
    timings.mark("entry pages");
    let plan = site::plan_scope(journal, &timelines, &views, Scope::Site(&[]));
    let others = other_files(root, journal, plan.data, &plan.pages);
    others
        .par_iter()
        .try_for_each(|(path, content)| sink(path, content))?;
    let prepared = render::PreparedViews::new(&views);
    failures.extend(render_pages(&renderer, &plan.pages, &prepared, sink));
    timings.mark("other pages");
    let mut diagnostics = Vec::new();
    for failure in failures {
        match failure {
            PageFailure::Write(e) => return Err(BuildError::Output(e)),
            PageFailure::Render(d) => diagnostics.push(d),
        }
    }
    if diagnostics.is_empty() {
        Ok(others.len() + plan.pages.len() + journal.entries.len())
    } else {
        Err(journal_error(diagnostics))
    }
}

/// Takes out of the journal the HTML of every entry the feed does not show (the feed reads
/// the latest entries' from the journal), to be let go as each entry's page is written.
fn take_bodies(journal: &mut Journal) -> Vec<Option<Arc<str>>> {
    let feed_from = journal
        .entries
        .len()
        .saturating_sub(journal.config.feed_entries);
    journal
        .entries
        .iter_mut()
        .enumerate()
        .map(|(i, e)| (i < feed_from).then(|| std::mem::take(&mut e.rendered.html)))
        .collect()
}

/// Renders every entry's page a batch at a time, so a large journal's pages are never all
/// planned at once, each entry's view converted for its own page alone (no other page shows
/// all of it), and lets each body in `html` go once its page is written.
fn render_entry_pages(
    renderer: &Renderer,
    journal: &Journal,
    views: &[EntryView<'_>],
    html: &mut [Option<Arc<str>>],
    sink: Sink<'_>,
) -> Vec<PageFailure> {
    let urls = site::Urls::new(&journal.config);
    let once = render::PreparedViews::single_use(views);
    let every_entry: Vec<usize> = (0..journal.entries.len()).collect();
    let mut failures = Vec::new();
    for batch in every_entry.chunks(ENTRY_BATCH) {
        let bodies: &[Option<Arc<str>>] = html;
        let content = |i: usize| bodies.get(i).and_then(|b| b.as_deref());
        let pages = site::pages::entry_pages_with(journal, views, &urls, batch, &content);
        failures.extend(render_pages(renderer, &pages, &once, sink));
        drop(pages);
        for &i in batch {
            if let Some(body) = html.get_mut(i) {
                *body = None;
            }
        }
    }
    failures
}

/// Renders `pages` in parallel, handing each to `sink`; returns what failed.
fn render_pages(
    renderer: &Renderer,
    pages: &[site::Page<'_>],
    views: &render::PreparedViews<'_>,
    sink: Sink<'_>,
) -> Vec<PageFailure> {
    pages
        .par_iter()
        .filter_map(|page| {
            let text = match renderer.render(page, views) {
                Ok(text) => text,
                Err(d) => return Some(PageFailure::Render(d)),
            };
            let content = Content::Text(text.into());
            sink(&page.output_file(), &content)
                .err()
                .map(PageFailure::Write)
        })
        .collect()
}

/// Checks that every page of the journal's site renders, writing and keeping nothing; errors
/// name `entry_files`, the number of entry files read.
pub fn check_render(
    root: &Path,
    journal: &mut Journal,
    entry_files: usize,
) -> Result<(), BuildError> {
    let sink: Sink<'_> = &|_, _| Ok(());
    render_into(root, journal, sink, entry_files, &mut Timings::start()).map(|_| ())
}

/// Builds the site: loads and renders everything, and only then replaces the output folder.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let mut timings = Timings::start();
    output::check_target(&options.root, &options.output)?;
    let config = load_config(&options.root, options.base_url.as_deref())?;
    let mut loaded = load_journal(&options.root, config, options.visibility)?;
    timings.mark("load");
    let mut warnings = std::mem::take(&mut loaded.warnings);
    warnings.extend(crate::guidance::advise(
        &loaded.journal,
        crate::clock::today(),
    ));
    if !loaded.journal.config.has_absolute_base_url() {
        warnings.push(Diagnostic::warning(
            Path::new(crate::config::CONFIG_FILE),
            None,
            None,
            "base_url is not an absolute URL, so the feed and sitemap hold site paths only; set it (or pass --base-url) before publishing",
        ));
    }
    let staging = output::Staging::begin(&options.output)?;
    timings.mark("guidance");
    let files = render_into(
        &options.root,
        &mut loaded.journal,
        &|path, content| staging.write(path, content),
        loaded.files,
        &mut timings,
    )?;
    staging.commit()?;
    timings.mark("swap");
    let entries = loaded.journal.entries.len();
    // Freeing a large journal takes a noticeable time, and the command ends right after the
    // build: let it happen beside the end of the command rather than before it.
    let journal = loaded.journal;
    std::thread::spawn(move || drop(journal));
    Ok(BuildReport {
        timings,
        files,
        entries,
        warnings,
    })
}
