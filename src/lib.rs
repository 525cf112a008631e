//! zhproof: proofreading for Chinese news articles and official documents.
//!
//! - [`core`]: the analysis core (text in, findings out; no LSP types).
//! - [`lsp`]: the language server, a thin adapter over the core.
//! - [`cli`]: the command line, another thin adapter.

pub mod cli;
pub mod core;
pub mod lsp;
