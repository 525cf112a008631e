//! The analysis core: text in, findings out (byte ranges), with the
//! entities, figures and sections of the text. Knows nothing of LSP, JSON or
//! async.
//!
//! Its modules are private to the crate (the language server and the command
//! line use them); what this module re-exports is the public API: [`analyze`]
//! or an [`Analyzer`] for findings, the fixes ([`fix_until_stable`]), the
//! configuration ([`Config`], [`parse_config`]), the rule table ([`rules`]),
//! and what the text holds ([`outline`], [`hover`], [`EntityIndex`],
//! [`parse_figures`], [`tokens`]).
//!
//! The layers, bottom to top (see `docs/architecture.md`; nothing imports
//! from a layer above its own):
//!
//! 0. text: `chars`, `data`, `text`, `lines`
//! 1. findings and configuration: `finding`, `edits`, `config`, `suppress`
//! 2. language: `nlp`, `hanzi`, `figures`
//! 3. paragraph context: `para`
//! 4. knowledge: `boilerplate`, `broken`, `wordlists`, `latin_words`, `entities`, `outline`
//! 5. rules: `doc`, `rules`
//! 6. `analyzer`
//! 7. services: `hover`, `fix`, `config_file`

pub(crate) mod analyzer;
pub(crate) mod boilerplate;
pub(crate) mod broken;
pub(crate) mod chars;
pub(crate) mod config;
pub(crate) mod config_file;
pub(crate) mod data;
pub(crate) mod doc;
pub(crate) mod edits;
pub(crate) mod entities;
pub(crate) mod figures;
#[cfg(test)]
mod figures_article_tests;
pub(crate) mod finding;
pub(crate) mod fix;
pub(crate) mod hanzi;
pub(crate) mod hover;
pub(crate) mod latin_words;
pub(crate) mod lines;
#[cfg(test)]
mod md_awareness_tests;
pub(crate) mod nlp;
pub(crate) mod outline;
pub(crate) mod para;
pub(crate) mod rules;
pub(crate) mod suppress;
pub(crate) mod text;
pub(crate) mod wordlists;

// The public API: what a program outside the crate (tests, benchmarks,
// fuzzers) may name. Everything else is `pub(crate)`.

// analysing
pub use analyzer::{analyze, outline, warm_up, Analysis, Analyzer};
pub use text::DocKind;

// findings and fixes
pub use edits::{apply_edits, fix_all_edits};
pub use finding::{Edit, Finding, Fix, Related, Severity};
pub use fix::fix_until_stable;

// configuration
pub use config::{Config, Quotes, RuleSetting, Spacing, Ymd};
pub use config_file::{parse_config, ConfigProblem, ParsedConfig};

// the rule table, read-only
pub use rules::{all as rules, Rule};

// what the text holds: sections, figures, entities, hovers
pub use entities::{hover_markdown as entity_hover_markdown, Entity, EntityIndex, EntityKind};
pub use figures::{parse as parse_figures, Figure, Kind as FigureKind};
pub use hover::{hover, HoverIndex, HoverInfo};
pub use nlp::{tokens, Token};
pub use outline::Section;
