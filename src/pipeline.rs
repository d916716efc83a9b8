//! [`Pipeline`]: the stages from an assembled journal to the files of its site — the entry
//! views, the plan of pages, rendering, and the files that are not pages — as one type that
//! `build`, `check` and a preview all drive. A build streams every file to its staging folder,
//! entries' pages a batch at a time ([`Pipeline::stream_entry_pages`], then
//! [`Pipeline::stream_other_files`]); a preview renders the part of the site a change reaches
//! and keeps what it rendered for the next change ([`Pipeline::render`], [`RenderCache`]).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::journal::Journal;
use crate::output::{Content, OutputError};
use crate::render::{self, Asset, Renderer};
use crate::site::views::EntryView;
use crate::site::{self, Scope};
use crate::timeline::Timelines;

/// One journal on its way to its site's files.
pub struct Pipeline<'j> {
    root: &'j Path,
    journal: &'j Journal,
    timelines: &'j Timelines,
    renderer: &'j Renderer,
    /// How every entry looks to templates, made once for every page that shows it.
    views: Vec<EntryView<'j>>,
}

/// Where a streamed render puts each file as soon as it is made: the staging folder of a
/// build, or nowhere, for a check.
pub type Sink<'s> = &'s (dyn Fn(&str, &Content) -> Result<(), OutputError> + Sync);

/// Why a streamed render did not make every file.
#[derive(Debug)]
pub enum StreamError {
    /// Pages whose templates failed on their data.
    Render(Vec<Diagnostic>),
    /// A file could not be handed on.
    Output(OutputError),
}

/// How many entry pages a streamed build plans at a time.
const ENTRY_BATCH: usize = 1024;

impl<'j> Pipeline<'j> {
    /// The pipeline of `journal` (at `root`), aggregated into `timelines`, rendered by
    /// `renderer`.
    pub fn new(
        root: &'j Path,
        journal: &'j Journal,
        timelines: &'j Timelines,
        renderer: &'j Renderer,
    ) -> Pipeline<'j> {
        Pipeline {
            root,
            journal,
            timelines,
            renderer,
            views: site::entry_views(journal),
        }
    }

    /// Renders the files of the site that `scope` takes in with `renderer`, re-rendering only the
    /// pages whose inputs changed since the render that filled `cache`. A whole site forgets the
    /// pages it no longer has; a part of one keeps the others.
    ///
    /// An entry's page is known by what it reads ([`site::pages::EntryReads`]): when none of
    /// those entries changed, a whole site does not even plan it. Every other page is known by a
    /// fingerprint of its template name and whole data, so no change to what it shows can leave
    /// it stale.
    pub fn render(
        &self,
        cache: &mut RenderCache,
        scope: Scope<'_>,
    ) -> Result<BTreeMap<String, Content>, Vec<Diagnostic>> {
        let (journal, views) = (self.journal, &self.views);
        cache.take_view_prints(views, scope);
        let whole = matches!(scope, Scope::Everything | Scope::Site(_));
        let (stale, kept) = match scope {
            Scope::Everything if cache.remember => cache.stale_entries(journal, views),
            _ => (Vec::new(), Vec::new()),
        };
        let scope = if kept.is_empty() {
            scope
        } else {
            Scope::Site(&stale)
        };
        let plan = site::plan_scope(journal, self.timelines, views, scope);
        let converted = std::mem::take(&mut cache.converted);
        let prints = std::sync::Arc::clone(&cache.view_prints);
        let prepared = match cache.remember {
            true => render::PreparedViews::reusing(views, self.renderer, &converted, &prints),
            false => render::PreparedViews::new(views, self.renderer),
        };
        // A whole site forgets the pages it no longer has; a part of one leaves the rest alone.
        let mut previous = match whole {
            true => std::mem::take(&mut cache.pages),
            false => BTreeMap::new(),
        };
        let mut files = match whole {
            true => other_files(self.root, journal, plan.data, &plan.pages),
            false => BTreeMap::new(),
        };
        // The search index reads every entry's text: whatever a change reaches beyond the
        // entries' own pages, it is made again.
        if whole || matches!(scope, Scope::Listings) {
            files.extend(
                site::search::files_keeping(journal, &mut cache.search_words)
                    .into_iter()
                    .map(|(path, text)| (path, Content::Text(text))),
            );
        }
        cache.carry_over(journal, &kept, &mut previous, &mut files);
        let known = if whole { &previous } else { &cache.pages };
        let rendered = self.render_stale(&plan.pages, cache, known, &prepared);
        if cache.remember {
            cache.converted = prepared.keep();
        }
        cache
            .keep(&plan.pages, rendered, &mut files)
            .map(|()| files)
    }

    /// Renders each of `pages` in parallel whose key in `cache` differs from the one `known`
    /// holds for it; the others are kept as they were.
    fn render_stale(
        &self,
        pages: &[site::Page<'_>],
        cache: &RenderCache,
        known: &BTreeMap<String, u64>,
        prepared: &render::PreparedViews<'_>,
    ) -> Vec<Result<Outcome, Diagnostic>> {
        pages
            .par_iter()
            .map(|page| {
                let key = cache.key(self.journal, &self.views, page);
                match known.get(&page.path) {
                    Some(&old) if old == key => Ok(Outcome::Kept(key)),
                    _ => self
                        .renderer
                        .render(page, prepared)
                        .map(|text| Outcome::Fresh(key, text)),
                }
            })
            .collect()
    }

    /// Renders every entry's page and hands each to `sink`, a batch at a time so that a large
    /// journal's pages are never all planned at once, each entry's view converted for its own
    /// page alone (no other page shows all of it). The body of each entry that `html` holds
    /// is taken from there, and let go once its page is written ([`take_bodies`]).
    pub fn stream_entry_pages(
        &self,
        html: &mut [Option<Arc<str>>],
        sink: Sink<'_>,
    ) -> Result<usize, StreamError> {
        let urls = site::Urls::new(&self.journal.config);
        let once = render::PreparedViews::single_use(&self.views);
        let total = self.journal.entries.len();
        let mut failures = Vec::new();
        for start in (0..total).step_by(ENTRY_BATCH) {
            let range = start..total.min(start + ENTRY_BATCH);
            let batch: Vec<usize> = range.clone().collect();
            let bodies: &[Option<Arc<str>>] = html;
            let content = |i: usize| bodies.get(i).and_then(|b| b.as_deref());
            let pages =
                site::pages::entry_pages_with(self.journal, &self.views, &urls, &batch, &content);
            failures.extend(render_pages(self.renderer, &pages, &once, sink));
            // Freed on every core, as the pages were made.
            pages.into_par_iter().for_each(drop);
            if let Some(bodies) = html.get_mut(range) {
                bodies.par_iter_mut().for_each(|body| *body = None);
            }
        }
        outcome(failures).map(|()| total)
    }

    /// Renders every other file of the site — the pages that summarise the journal or list
    /// its entries, the feed, the sitemap, data and static files — and hands each to `sink`.
    ///
    /// `search` is the search index ([`site::search::files`]), made before the entries' bodies
    /// were let go.
    pub fn stream_other_files(
        &self,
        sink: Sink<'_>,
        search: Vec<(String, String)>,
    ) -> Result<usize, StreamError> {
        let prepared = render::PreparedViews::new(&self.views, self.renderer);
        // Planning the pages is much work on one core: every view is converted beside it.
        let (mut plan, ()) = rayon::join(
            || site::plan_scope(self.journal, self.timelines, &self.views, Scope::Site(&[])),
            || prepared.convert_all(),
        );
        // The pages that list most entries first: the archive of a large journal takes as
        // long as dozens of other pages, and started last it would end the build alone.
        plan.pages
            .sort_by_key(|page| std::cmp::Reverse(page.entries_listed()));
        let mut data = plan.data;
        data.extend(search);
        let others = other_files(self.root, self.journal, data, &plan.pages);
        others
            .par_iter()
            .try_for_each(|(path, content)| sink(path, content))
            .map_err(StreamError::Output)?;
        let made = outcome(render_pages(self.renderer, &plan.pages, &prepared, sink))
            .map(|()| others.len() + plan.pages.len());
        // Freeing every entry's converted view and every page's data took 0.65 s of a
        // 100,000-entry build on one core: the views are let go beside the rest of the build,
        // the pages on every core.
        prepared.let_go();
        plan.pages.into_par_iter().for_each(drop);
        made
    }
}

/// Takes out of the journal the HTML of every entry the feed does not show (the feed reads
/// the latest entries' from the journal), for [`Pipeline::stream_entry_pages`] to let go as
/// each entry's page is written — before the pages that list entries, which hold every entry's
/// view converted for the templates, are rendered.
pub fn take_bodies(journal: &mut Journal) -> Vec<Option<Arc<str>>> {
    let in_feed = site::feed::feed_entries(journal);
    journal
        .entries
        .iter_mut()
        .enumerate()
        .map(|(i, e)| (!in_feed.contains(&i)).then(|| std::mem::take(&mut e.rendered.html)))
        .collect()
}

/// Why one page of a streamed render did not make it.
enum PageFailure {
    Render(Diagnostic),
    Write(OutputError),
}

/// The first failure to write, else every failure to render, else nothing.
fn outcome(failures: Vec<PageFailure>) -> Result<(), StreamError> {
    let mut diagnostics = Vec::new();
    for failure in failures {
        match failure {
            PageFailure::Write(e) => return Err(StreamError::Output(e)),
            PageFailure::Render(d) => diagnostics.push(d),
        }
    }
    if diagnostics.is_empty() {
        Ok(())
    } else {
        Err(StreamError::Render(diagnostics))
    }
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
        // One page a task: a few pages list thousands of entries, and bigger shares of work
        // would leave one core rendering them alone at the end.
        .with_max_len(1)
        .filter_map(|page| {
            let text = match renderer.render(page, views) {
                Ok(text) => text,
                Err(d) => return Some(PageFailure::Render(d)),
            };
            let content = Content::Text(text);
            sink(&page.output_file(), &content)
                .err()
                .map(PageFailure::Write)
        })
        .collect()
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
            .map(|(path, text)| (path, Content::Text(text))),
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

/// What an earlier render made, so that a page whose template and data are unchanged is not
/// rendered or written again. Valid only with the same [`Renderer`] and output folder: start
/// a new cache when templates or config change.
///
/// A page is known by a fingerprint of everything its template sees (the template's name and
/// the whole page data), so no change to what a page shows can leave it stale.
#[derive(Debug, Default)]
pub struct RenderCache {
    /// Each page's key ([`RenderCache::key`]) when it was last rendered and written.
    pages: BTreeMap<String, u64>,
    /// Each entry view's fingerprint, by the entry's index: it stands for the view in the
    /// fingerprint of every page that lists it, so a view is hashed once, not once a page.
    view_prints: std::sync::Arc<[u64]>,
    rendered: usize,
    /// Whether to keep what was rendered for the next render; a one-off build does not, and
    /// skips fingerprinting the pages' data.
    remember: bool,
    /// The search index's word shards, remade only when some entry's words change.
    search_words: site::search::WordShards,
    /// The entry views as the last render converted them for templates.
    converted: render::ConvertedViews,
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
    /// body was rendered from, the title and link of its neighbours, of each entry that
    /// links to it also the date and the sentence of the link, and of each related entry the
    /// date and what they share — not their places in the journal, so an entry added before it
    /// leaves it as it was.
    fn entry_key(&self, journal: &Journal, views: &[EntryView<'_>], index: usize) -> u64 {
        let reads = site::pages::EntryReads::of(journal, index);
        let link = |i: usize| views.get(i).map(|v| (v.title, v.url.as_str()));
        let own = (
            self.view_prints.get(index),
            journal.entries.get(index).map(|e| e.rendered.source_print),
        );
        let around = (reads.previous.map(link), reads.next.map(link));
        // A backlink shows the linking entry's date and the sentence its link stands in too.
        let permalink = journal.entries.get(index).map(|e| e.permalink.as_str());
        let backlinks: Vec<_> = reads
            .backlinks
            .iter()
            .map(|&i| {
                let sentence = journal
                    .entries
                    .get(i)
                    .zip(permalink)
                    .and_then(|(e, p)| e.rendered.link_sentences.get(p));
                (link(i), views.get(i).map(|v| v.date.as_str()), sentence)
            })
            .collect();
        // A related entry: as its page shows it (title, link, date, what the two share).
        let related: Vec<_> = reads
            .related
            .iter()
            .map(|&i| site::pages::related_entry(views, index, i))
            .collect();
        crate::fingerprint::of(&(own, around, backlinks, related))
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
                .is_none_or(|&key| key != self.entry_key(journal, views, i))
        })
    }

    /// Keeps the pages of the entries at `kept`, known unchanged, from the `previous` render,
    /// adding them to `files` as unchanged.
    fn carry_over(
        &mut self,
        journal: &Journal,
        kept: &[usize],
        previous: &mut BTreeMap<String, u64>,
        files: &mut BTreeMap<String, Content>,
    ) {
        for &index in kept {
            if let Some((path, key)) = journal
                .entries
                .get(index)
                .and_then(|e| previous.remove_entry(&e.permalink))
            {
                files.insert(site::output_file(&path), Content::Unchanged);
                self.pages.insert(path, key);
            }
        }
    }

    /// Takes in the outcome of rendering `pages`: counts what was rendered, remembers each
    /// page when the cache keeps pages, and adds each output to `files`. Every render error,
    /// when there is one.
    fn keep(
        &mut self,
        pages: &[site::Page<'_>],
        rendered: Vec<Result<Outcome, Diagnostic>>,
        files: &mut BTreeMap<String, Content>,
    ) -> Result<(), Vec<Diagnostic>> {
        let mut errors = Vec::new();
        self.rendered = 0;
        for (page, result) in pages.iter().zip(rendered) {
            let (key, content) = match result {
                Ok(Outcome::Fresh(key, text)) => {
                    self.rendered += 1;
                    (key, Content::Text(text))
                }
                Ok(Outcome::Kept(key)) => (key, Content::Unchanged),
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            files.insert(page.output_file(), content);
            if self.remember {
                self.pages.insert(page.path.clone(), key);
            }
        }
        if errors.is_empty() {
            return Ok(());
        }
        // Nothing of a failed render is written, so none of its pages may be known as on
        // disk: the next render makes each of them again.
        for page in pages {
            self.pages.remove(&page.path);
        }
        Err(errors)
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

/// A page of a render, with its key: rendered now, with its text, or known unchanged since
/// the last.
enum Outcome {
    Fresh(u64, String),
    Kept(u64),
}
