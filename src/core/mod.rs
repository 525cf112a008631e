//! The analysis core: text in, findings out. Knows nothing of LSP.

pub mod analyzer;
pub mod boilerplate;
pub mod broken;
pub mod chars;
pub mod config;
pub mod config_file;
pub mod data;
pub mod edits;
pub mod entities;
pub mod figures;
pub mod finding;
pub mod fix;
pub mod hover;
#[cfg(test)]
mod md_awareness_tests;
pub mod nlp;
pub mod outline;
pub mod rules;
pub mod suppress;
pub mod text;

pub use analyzer::{analyze, Analysis, Analyzer};
pub use config::Config;
pub use finding::{Edit, Finding, Fix, Severity};
pub use text::DocKind;
