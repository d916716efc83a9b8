//! The `strata` command: parse the command line, run it, and map the outcome to an exit code.

/// A build allocates and frees millions of small values (page data, template values, words of
/// the search index) on every core; mimalloc does that with far less time in the allocator and
/// in page faults than the system's (glibc's, and musl's in the static Linux binaries above all).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    strata::cli::main()
}
