//! Fingerprints: 64-bit hashes that say whether something changed between two builds of one
//! process. The hasher has fixed keys, so equal inputs always give equal fingerprints; they are
//! never written anywhere, so their values may change between versions of strata.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

/// The fingerprint of a hashable value.
pub fn of(value: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// One fingerprint from several, in order.
pub fn combine(parts: impl IntoIterator<Item = u64>) -> u64 {
    let mut hasher = DefaultHasher::new();
    for part in parts {
        part.hash(&mut hasher);
    }
    hasher.finish()
}

/// The fingerprint of anything serialisable, through its JSON form, written straight into the
/// hasher without building a string.
pub fn of_json(value: &impl serde::Serialize) -> u64 {
    let mut writer = HashWriter(DefaultHasher::new());
    let _ = serde_json::to_writer(&mut writer, value);
    writer.0.finish()
}

struct HashWriter(DefaultHasher);

impl std::io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
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
        assert_ne!(combine([1, 2]), combine([2, 1]));
    }
}
