//! Any text as an entry's body, through the markdown pipeline with its links resolved against
//! published, hidden and missing entries and files — never a panic.
#![no_main]

#[path = "../../tests/common/any_entry.rs"]
mod any_entry;

libfuzzer_sys::fuzz_target!(|text: &str| {
    if let Err(problem) = any_entry::check_markdown(text) {
        panic!("{problem}");
    }
});
