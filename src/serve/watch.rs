//! Watching a journal for changes: native notifications where the system gives them, polling
//! where it does not (network drives, WSL2, some containers), debounced so that an editor's
//! save or a burst like `git checkout` becomes one batch of paths.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer_opt,
};

/// How long a path must be quiet before its events are passed on.
const DEBOUNCE: Duration = Duration::from_millis(20);
/// How long the whole journal must be quiet before a batch is closed: coalesces bursts.
const QUIET: Duration = Duration::from_millis(20);
/// How often the polling watcher looks at the files.
const POLL_INTERVAL: Duration = Duration::from_millis(250);

/// The folders a polling watcher looks into; the journal's root is looked at without them.
const SOURCE_FOLDERS: [&str; 5] = [
    crate::journal::load::ENTRIES_DIR,
    crate::render::STATIC_DIR,
    crate::render::TEMPLATES_DIR,
    crate::render::THEMES_DIR,
    crate::theme::STRINGS_DIR,
];

/// Which way changes are noticed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The operating system's notifications.
    Native,
    /// Looking at every file's modification time, a few times a second.
    Poll,
}

/// A running watcher and the channel its batches arrive on.
pub struct JournalWatcher {
    /// Which way changes are noticed.
    pub backend: Backend,
    /// Why the native watcher could not be used, when it was tried and failed.
    pub fallback_reason: Option<String>,
    batches: Receiver<Vec<PathBuf>>,
    _native: Option<Debouncer<RecommendedWatcher, RecommendedCache>>,
    _poll: Option<Debouncer<PollWatcher, NoCache>>,
}

impl JournalWatcher {
    /// Watches everything under `root`; polls when `poll` is set or native watching fails.
    pub fn start(root: &Path, poll: bool) -> Result<JournalWatcher, notify::Error> {
        let (sender, batches) = channel();
        let handler = move |result: DebounceEventResult| {
            if let Ok(events) = result {
                let paths: Vec<PathBuf> = events
                    .into_iter()
                    .filter(|e| is_change(&e.event.kind))
                    .flat_map(|e| e.event.paths)
                    .collect();
                if !paths.is_empty() {
                    let _ = sender.send(paths);
                }
            }
        };
        let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
        let mut fallback_reason = None;
        if !poll {
            let native = new_debouncer_opt::<_, RecommendedWatcher, _>(
                DEBOUNCE,
                None,
                handler.clone(),
                RecommendedCache::new(),
                config,
            )
            .and_then(|mut d| d.watch(root, RecursiveMode::Recursive).map(|()| d));
            match native {
                Ok(debouncer) => {
                    return Ok(JournalWatcher {
                        backend: Backend::Native,
                        fallback_reason,
                        batches,
                        _native: Some(debouncer),
                        _poll: None,
                    });
                }
                Err(e) => fallback_reason = Some(e.to_string()),
            }
        }
        // Polling sees modification times only to the second, so it compares contents too;
        // and it looks only at the journal's sources, not at .git or a built site.
        let config = config.with_compare_contents(true);
        let mut debouncer =
            new_debouncer_opt::<_, PollWatcher, _>(DEBOUNCE, None, handler, NoCache, config)?;
        debouncer.watch(root, RecursiveMode::NonRecursive)?;
        for folder in SOURCE_FOLDERS {
            let path = root.join(folder);
            if path.is_dir() {
                debouncer.watch(&path, RecursiveMode::Recursive)?;
            }
        }
        Ok(JournalWatcher {
            backend: Backend::Poll,
            fallback_reason,
            batches,
            _native: None,
            _poll: Some(debouncer),
        })
    }

    /// Waits for the next batch of changed paths, then keeps collecting until the journal has
    /// been quiet for a moment. `None` when the watcher has stopped.
    pub fn next_batch(&self) -> Option<Vec<PathBuf>> {
        let mut paths = self.batches.recv().ok()?;
        loop {
            match self.batches.recv_timeout(QUIET) {
                Ok(more) => paths.extend(more),
                Err(RecvTimeoutError::Timeout) => return Some(paths),
                Err(RecvTimeoutError::Disconnected) => return Some(paths),
            }
        }
    }
}

/// Whether an event kind is a change to a file's content or existence. Reads (strata's own,
/// while it rebuilds) and access-time updates are not.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(access) => *access == AccessKind::Close(AccessMode::Write),
        // Polling reports a new modification time as metadata; only access times are noise.
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, RemoveKind, RenameMode};

    #[test]
    fn reads_and_metadata_are_not_changes() {
        for kind in [
            EventKind::Access(AccessKind::Open(AccessMode::Read)),
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
            EventKind::Access(AccessKind::Read),
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)),
        ] {
            assert!(!is_change(&kind), "{kind:?}");
        }
        for kind in [
            EventKind::Create(CreateKind::File),
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            EventKind::Remove(RemoveKind::Folder),
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::WriteTime)),
            EventKind::Any,
        ] {
            assert!(is_change(&kind), "{kind:?}");
        }
    }
}
