//! zhproof: proofreading for Chinese news articles and official documents.
//!
//! - [`core`]: the analysis core (text in, findings out; no LSP types).
//! - [`lsp`]: the language server, a thin adapter over the core.
//! - [`cli`]: the command line, another thin adapter.
//! - [`memory`]: the allocator the binary and the benchmark use (huge pages
//!   for the dictionary).

pub mod cli;
pub mod core;
pub mod lsp;
pub mod memory;

// (the library's own tests run with it too)
#[cfg(test)]
#[global_allocator]
static GLOBAL: memory::HugePageAlloc = memory::HugePageAlloc;
