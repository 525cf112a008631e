//! The `zhproof` binary: `zhproof lsp` (or `--stdio`), `zhproof check`,
//! `zhproof outline`, `zhproof entities`, `zhproof rules`. Parses the
//! arguments and hands them to `zhproof::cli::run`.

use std::process::ExitCode;

use clap::Parser;
use zhproof::cli;

/// Huge pages for the dictionary's tables (see `zhproof::memory`).
#[global_allocator]
static GLOBAL: zhproof::memory::HugePageAlloc = zhproof::memory::HugePageAlloc;

fn main() -> ExitCode {
    let code = match cli::Args::try_parse() {
        Ok(args) => cli::run(args),
        Err(e) => {
            let _ = e.print();
            if e.use_stderr() {
                cli::EXIT_USAGE
            } else {
                cli::EXIT_CLEAN
            }
        }
    };
    ExitCode::from(code as u8)
}
