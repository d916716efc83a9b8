//! One whole build: config → journal → site → rendered files → output folder. The stages are
//! called in order here and nowhere else, so `build`, `check` and a preview run the same code.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::journal::{self, Journal, Visibility};
use crate::output::{self, Content, OutputError};
pub use crate::pipeline::RenderCache;
use crate::pipeline::{self, Pipeline, Sink, StreamError};
use crate::render::Renderer;
use crate::site::Scope;

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

impl BuildError {
    /// The error of a journal's `diagnostics`, `files` entry files read, as a function for
    /// `map_err`.
    fn in_journal(files: usize) -> impl Fn(Vec<Diagnostic>) -> BuildError {
        move |diagnostics| BuildError::Journal { diagnostics, files }
    }
}

/// Loads the config at `root`, with `base_url` replaced when given.
pub fn load_config(root: &Path, base_url: Option<&str>) -> Result<Config, BuildError> {
    let mut config = Config::load(root).map_err(BuildError::in_journal(0))?;
    if let Some(url) = base_url {
        config.set_base_url(url);
    }
    crate::theme::prepare(root, config).map_err(|d| BuildError::Journal {
        diagnostics: vec![d],
        files: 0,
    })
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

/// Renders every file of the journal's site in memory, with `today` as the build date (what
/// "this quarter" and the goals' "weeks since" are counted to).
pub fn render_site(
    root: &Path,
    journal: &Journal,
    today: chrono::NaiveDate,
) -> Result<BTreeMap<String, Content>, Vec<Diagnostic>> {
    let renderer = Renderer::new(root, &journal.config)?;
    let timelines = crate::timeline::aggregate_on(journal, today);
    Pipeline::new(root, journal, &timelines, &renderer)
        .render(&mut RenderCache::default(), Scope::Everything)
}

/// Renders every file of the site and hands each to `sink` as soon as it is made, in
/// parallel, so the rendered site is never held in memory at once. Returns how many files
/// there are. Errors name `entry_files`, the number of entry files read. The search index is
/// made only `with_search`: nothing in it can fail, so a check leaves it out.
fn render_into(
    root: &Path,
    journal: &mut Journal,
    renderer: &Renderer,
    sink: Sink<'_>,
    entry_files: usize,
    with_search: bool,
    timings: &mut Timings,
) -> Result<usize, BuildError> {
    let stream_error = |e| match e {
        StreamError::Render(diagnostics) => BuildError::in_journal(entry_files)(diagnostics),
        StreamError::Output(e) => BuildError::Output(e),
    };
    let timelines = crate::timeline::aggregate(journal);
    timings.mark("aggregate");
    let mut html = pipeline::take_bodies(journal);
    // The search index reads every body, so it holds them (shared, not copied) until it is
    // made, beside the entries' own pages, which let each go once its page is written.
    let search_bodies = if with_search {
        html.clone()
    } else {
        Vec::new()
    };
    let pipeline = Pipeline::new(root, journal, &timelines, renderer);
    // The entries' own pages first, so that their HTML is gone before the pages that list
    // entries are rendered.
    let (search, entry_pages) = rayon::join(
        || {
            let search = with_search.then(|| crate::site::search::files(journal, &search_bodies));
            drop(search_bodies);
            search.unwrap_or_default()
        },
        || pipeline.stream_entry_pages(&mut html, sink),
    );
    let entry_pages = entry_pages.map_err(stream_error)?;
    timings.mark("entry pages and search index");
    let others = pipeline
        .stream_other_files(sink, search)
        .map_err(stream_error)?;
    timings.mark("other pages");
    Ok(entry_pages + others)
}

/// The templates of the journal at `root`; errors name `entry_files`, the entry files read.
fn renderer_of(root: &Path, journal: &Journal, entry_files: usize) -> Result<Renderer, BuildError> {
    Renderer::new(root, &journal.config).map_err(BuildError::in_journal(entry_files))
}

/// Checks that the journal's templates compile and, when any of them is the journal's own,
/// that every page of its site renders, writing and keeping nothing; errors name
/// `entry_files`, the number of entry files read.
///
/// The built-in templates read only data typed and checked before them (entries that loaded,
/// strings English fills in), and the tests render them with every kind of entry, so a page of
/// theirs is rendered by a build, not twice: at 10,000 entries that is half a check's time.
pub fn check_render(
    root: &Path,
    journal: &mut Journal,
    entry_files: usize,
) -> Result<(), BuildError> {
    let renderer = renderer_of(root, journal, entry_files)?;
    if renderer.templates_built_in() {
        return Ok(());
    }
    let sink: Sink<'_> = &|_, _| Ok(());
    render_into(
        root,
        journal,
        &renderer,
        sink,
        entry_files,
        false,
        &mut Timings::start(),
    )
    .map(|_| ())
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
    warnings.extend(crate::theme::language_warning(&loaded.journal.config));
    if !loaded.journal.config.has_absolute_base_url() {
        warnings.push(Diagnostic::warning(
            Path::new(crate::config::CONFIG_FILE),
            None,
            None,
            "base_url is not an absolute URL, so the feed and sitemap hold site paths only; set it (or pass --base-url) before publishing",
        ));
    }
    let renderer = renderer_of(&options.root, &loaded.journal, loaded.files)?;
    let staging = output::Staging::begin(&options.output)?;
    timings.mark("guidance");
    let files = render_into(
        &options.root,
        &mut loaded.journal,
        &renderer,
        &|path, content| staging.write(path, content),
        loaded.files,
        true,
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
