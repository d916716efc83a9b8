//! The `strata` command: parse the command line, run it, and map the outcome to an exit code.

fn main() -> std::process::ExitCode {
    strata::cli::main()
}
