//! Fingerprints: 64-bit hashes that say whether something changed between two builds of one
//! process. They use XXH3, which is fast on long inputs (a page's data runs to kilobytes) and
//! has the spread a fingerprint needs: two different inputs that collide would leave a preview
//! page stale. The seed is fixed, so equal inputs always give equal fingerprints; they are never
//! written anywhere, so their values may change between versions of strata.

use std::hash::{Hash, Hasher};

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
}
