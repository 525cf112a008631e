//! The analysis core: text in, findings out (byte ranges), with the
//! entities, figures and sections of the text. Knows nothing of LSP, JSON or
//! async. The layers, bottom to top (see `docs/architecture.md`; nothing
//! imports from a layer above its own):
//!
//! 0. text: [`chars`], [`data`], [`text`], [`lines`]
//! 1. findings and configuration: [`finding`], [`edits`], [`config`], [`suppress`]
//! 2. language: [`nlp`], [`hanzi`], [`figures`]
//! 3. paragraph context: [`para`]
//! 4. knowledge: [`boilerplate`], [`broken`], [`wordlists`], [`latin_words`], [`entities`], [`outline`]
//! 5. rules: [`doc`], [`rules`]
//! 6. [`analyzer`]
//! 7. services: [`hover`], [`fix`], [`config_file`]

pub mod analyzer;
pub mod boilerplate;
pub mod broken;
pub mod chars;
pub mod config;
pub mod config_file;
pub mod data;
pub mod doc;
pub mod edits;
pub mod entities;
pub mod figures;
pub mod finding;
pub mod fix;
pub mod hanzi;
pub mod hover;
pub mod latin_words;
pub mod lines;
#[cfg(test)]
mod md_awareness_tests;
pub mod nlp;
pub mod outline;
pub mod para;
pub mod rules;
pub mod suppress;
pub mod text;
pub mod wordlists;

pub use analyzer::{analyze, Analysis, Analyzer};
pub use config::Config;
pub use finding::{Edit, Finding, Fix, Severity};
pub use text::DocKind;
