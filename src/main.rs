//! The `strata` command: parse the command line, run it, and map the outcome to an exit code.

/// A build allocates and frees millions of small values on every core (page data, template
/// values, the search index's words), where glibc's allocator took a sixth of its time: with
/// jemalloc a 10,000-entry build takes a tenth less. Its background thread hands freed
/// memory back to the system while the preview waits for the next edit; `.cargo/config.toml`
/// has it do so after a quarter of a second rather than ten.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    strata::cli::main()
}
