//! Any bytes as an entry file: front matter split and parsed, then the body rendered — an
//! entry or errors with a position, never a panic.
#![no_main]

#[path = "../../tests/common/any_entry.rs"]
mod any_entry;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    if let Err(problem) = any_entry::check_entry_bytes(bytes) {
        panic!("{problem}");
    }
});
