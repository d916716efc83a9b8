//! Helpers for running the real `strata` binary on fixture journals.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

pub mod corpus;
pub mod server;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fixture journal copied into a temporary folder, so builds never touch the repository.
pub struct Journal {
    pub dir: tempfile::TempDir,
}

impl Journal {
    /// Copies `tests/fixtures/<name>` (or any folder) into a fresh temporary folder.
    pub fn copy(source: &Path) -> Journal {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(source, dir.path());
        Journal { dir }
    }

    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Journal {
        Journal::copy(&fixture_path(name))
    }

    /// An empty journal to fill by hand.
    pub fn empty() -> Journal {
        Journal {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file of the journal, creating its folders.
    pub fn write(&self, relative: &str, content: impl AsRef<[u8]>) {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }

    /// The text of a file of the journal; panics when it cannot be read.
    #[allow(dead_code)]
    pub fn read(&self, relative: &str) -> String {
        let path = self.path().join(relative);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Runs `strata ARGS` inside the journal folder.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.path(), args)
    }

    /// `strata build` into `out` (relative to the journal) with extra arguments; asserts success.
    pub fn build(&self, extra: &[&str]) -> Site {
        let out = self.path().join("public");
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        let run = self.run(&args);
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        Site::read(&out)
    }
}

/// The build date every run of the binary in the tests sees, as `SOURCE_DATE_EPOCH`: 25 November
/// 2026, so that "this quarter" and "weeks since" never depend on the day the tests run.
pub const BUILD_DATE: &str = "1795564800";

/// [`BUILD_DATE`] as a day, for the builds the tests make in their own process.
pub fn build_date() -> chrono::NaiveDate {
    let seconds: i64 = BUILD_DATE.parse().unwrap();
    chrono::DateTime::from_timestamp(seconds, 0)
        .unwrap()
        .date_naive()
}

/// What a run of the binary gave.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    run_in_at(dir, args, BUILD_DATE)
}

/// How long one run of the binary may take before it counts as hung: generous, for a loaded
/// machine building thousands of entries in a debug build, but a hang fails the test instead
/// of the whole run.
pub const HANG: std::time::Duration = std::time::Duration::from_secs(300);

/// [`run_in`] with `build_date` (seconds since 1970) as the build date. A run longer than
/// [`HANG`] is killed and fails the test.
pub fn run_in_at(dir: &Path, args: &[&str], build_date: &str) -> Run {
    run_within(dir, args, build_date, HANG)
}

/// [`run_in_at`], killed and failing the test after `limit`.
pub fn run_within(dir: &Path, args: &[&str], build_date: &str, limit: std::time::Duration) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", build_date)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("strata starts");
    // Read both streams as they come, so a chatty run cannot fill a pipe and stall.
    let drain = |stream: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut stream) = stream {
                let _ = stream.read_to_end(&mut bytes);
            }
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(child.stdout.take().map(|s| Box::new(s) as _));
    let stderr = drain(child.stderr.take().map(|s| Box::new(s) as _));
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("strata's status") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("strata {args:?} ran longer than {limit:?}: a hang");
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: stdout.join().expect("stdout read"),
        stderr: stderr.join().expect("stderr read"),
    }
}

/// Every file of a built site, by path relative to the site.
pub struct Site {
    pub root: PathBuf,
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Site {
    pub fn read(root: &Path) -> Site {
        let mut files = BTreeMap::new();
        for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let relative = entry
                    .path()
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(relative, std::fs::read(entry.path()).unwrap());
            }
        }
        Site {
            root: root.to_path_buf(),
            files,
        }
    }

    /// The text of one file; panics with the list of files when it is missing.
    pub fn text(&self, path: &str) -> String {
        let bytes = self
            .files
            .get(path)
            .unwrap_or_else(|| panic!("no {path} in {:?}", self.files.keys()));
        String::from_utf8(bytes.clone()).unwrap()
    }

    /// Every text file's content, joined: for checking that something appears nowhere.
    pub fn all_text(&self) -> String {
        self.files
            .values()
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Every `href="…"` and `src="…"` value of every HTML page, with the page it is on.
    pub fn links(&self) -> Vec<(String, String)> {
        let mut links = Vec::new();
        for (path, bytes) in &self.files {
            if !path.ends_with(".html") {
                continue;
            }
            let text = String::from_utf8_lossy(bytes);
            for attribute in ["href=\"", "src=\""] {
                for (start, _) in text.match_indices(attribute) {
                    let rest = &text[start + attribute.len()..];
                    if let Some(end) = rest.find('"') {
                        links.push((path.clone(), rest[..end].to_string()));
                    }
                }
            }
        }
        links
    }

    /// Internal links (starting with `base`) whose target file or fragment does not exist.
    pub fn broken_links(&self, base: &str) -> Vec<(String, String)> {
        self.links()
            .into_iter()
            .filter(|(_, link)| link.starts_with('/') && !link.starts_with("//"))
            .filter(|(_, link)| {
                let Some(rest) = link.strip_prefix(base) else {
                    return true;
                };
                let (path, fragment) = rest.split_once('#').unwrap_or((rest, ""));
                // A query (`style.css?v=…`) names the same file.
                let path = path.split_once('?').map_or(path, |(file, _)| file);
                let file = if path.is_empty() || path.ends_with('/') {
                    format!("{path}index.html")
                } else {
                    path.to_string()
                };
                match self.files.get(&file) {
                    None => true,
                    Some(bytes) => {
                        !fragment.is_empty()
                            && !String::from_utf8_lossy(bytes)
                                .contains(&format!("id=\"{fragment}\""))
                    }
                }
            })
            .collect()
    }
}

/// The files a clean build of the journal at `root` gives, published at `base_url`, by path;
/// `None` when it does not build. Nothing is written.
pub fn clean_build(root: &Path, base_url: &str) -> Option<BTreeMap<String, Vec<u8>>> {
    use strata::output::Content;
    use strata::render::Asset;
    let config = strata::build::load_config(root, Some(base_url)).ok()?;
    let loaded =
        strata::build::load_journal(root, config, strata::journal::Visibility::PUBLISHED).ok()?;
    let files = strata::build::render_site(root, &loaded.journal, build_date()).ok()?;
    Some(
        files
            .into_iter()
            .map(|(path, content)| {
                let bytes = match content {
                    Content::Text(text) => text.as_bytes().to_vec(),
                    Content::Asset(Asset::Embedded(bytes)) => bytes.to_vec(),
                    Content::Asset(Asset::File(source)) => std::fs::read(source).unwrap(),
                    Content::Unchanged => panic!("{path}: a clean build has no earlier render"),
                };
                (path, bytes)
            })
            .collect(),
    )
}

/// Where the fixture journal `name` is kept.
pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Copies the folder `from` to `to` (made when missing), leaving out a built `public/`.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_entry(|e| e.depth() != 1 || e.file_name() != "public")
    {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
