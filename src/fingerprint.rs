//! Fingerprints: 64-bit hashes that say whether something changed between two builds of one
//! process. They use XXH3, which is fast on long inputs (a page's data runs to kilobytes) and
//! has the spread a fingerprint needs: two different inputs that collide would leave a preview
//! page stale. The seed is fixed, so equal inputs always give equal fingerprints; they are never
//! written anywhere, so their values may change between versions of strata.

use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use xxhash_rust::xxh3::Xxh3;

/// The fingerprint of a hashable value.
pub fn of(value: &impl Hash) -> u64 {
    let mut hasher = Xxh3::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The fingerprint of anything serialisable, through its JSON form, written straight into the
/// hasher without building a string.
pub fn of_json(value: &impl serde::Serialize) -> u64 {
    let mut writer = HashWriter(Xxh3::new());
    let _ = serde_json::to_writer(&mut writer, value);
    writer.0.digest()
}

thread_local! {
    /// The fingerprints of the entry views while [`of_json_with_views`] runs on this thread.
    static VIEW_PRINTS: RefCell<Option<Arc<[u64]>>> = const { RefCell::new(None) };
}

/// Like [`of_json`], with every entry view inside `value` standing for its own fingerprint in
/// `prints` (by the view's index), so a view listed on many pages is hashed once, not once per
/// page. Any change to a view changes its print, so the result changes exactly as
/// [`of_json`]'s would (up to collisions).
pub fn of_json_with_views(value: &impl serde::Serialize, prints: &Arc<[u64]>) -> u64 {
    VIEW_PRINTS.with(|p| *p.borrow_mut() = Some(Arc::clone(prints)));
    let print = of_json(value);
    VIEW_PRINTS.with(|p| *p.borrow_mut() = None);
    print
}

/// The fingerprint that stands for the entry view `index` while [`of_json_with_views`] runs on
/// this thread; `None` otherwise, when views serialise as themselves.
pub fn view_print(index: usize) -> Option<u64> {
    VIEW_PRINTS.with(|p| p.borrow().as_ref().and_then(|v| v.get(index).copied()))
}

struct HashWriter(Xxh3);

impl std::io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_inputs_give_equal_fingerprints() {
        assert_eq!(of(&"a"), of(&"a"));
        assert_ne!(of(&"a"), of(&"b"));
        assert_eq!(
            of_json(&serde_json::json!({"a": [1, 2]})),
            of_json(&serde_json::json!({"a": [1, 2]}))
        );
        assert_ne!(of(&(1, 2)), of(&(2, 1)));
    }

    #[test]
    fn view_prints_are_seen_only_inside_of_json_with_views() {
        struct Probe;
        impl serde::Serialize for Probe {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_u64(view_print(1).unwrap_or(0))
            }
        }
        let prints: Arc<[u64]> = vec![10, 20].into();
        assert_eq!(of_json_with_views(&Probe, &prints), of_json(&20u64));
        assert_eq!(view_print(1), None);
        assert_eq!(of_json(&Probe), of_json(&0u64));
    }
}
