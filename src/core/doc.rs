//! What the analysis keeps of each paragraph, and what a document rule sees.
//!
//! A paragraph's result ([`ParaResult`]) is cached by the analyzer with the
//! paragraph's content: its findings, the facts the document-level passes
//! need (figures, mentions, the block's shape for the outline), and the
//! summaries that document rules asked for ([`Summary`]). A document rule
//! sees all of it through [`DocCtx`], and never re-reads a paragraph.

use std::any::Any;
use std::ops::Range;
use std::sync::Arc;

use super::config::{Config, Switches};
use super::entities::Mention;
use super::figures::Figure;
use super::finding::Finding;
use super::outline::{BlockClass, BlockShape};
use super::text::{Block, DocKind};

/// A document rule's summary of one paragraph, made when the paragraph is
/// analysed and cached with it (the rule downcasts it to its own type).
pub type Summary = Box<dyn Any + Send + Sync>;

/// What the analysis found in one block (offsets relative to the block).
#[derive(Debug, Default)]
pub struct ParaResult {
    pub findings: Vec<Finding>,
    /// Figures (numbers, dates, …) of the paragraph, in paragraph offsets.
    pub figures: Vec<Figure>,
    /// Panics caught while analysing this paragraph (rule code, message).
    pub panics: Vec<(String, String)>,
    /// People, organizations and places named in the paragraph.
    pub mentions: Vec<Mention>,
    /// What the block says about itself, for the outline (cached here so a
    /// keystroke does not re-read every paragraph).
    pub shape: Option<BlockShape>,
    /// The summaries of the document rules that declared one, by rule code.
    pub summaries: Summaries,
}

/// Document rules' summaries of one paragraph, by rule code.
#[derive(Default)]
pub struct Summaries(Vec<(&'static str, Summary)>);

impl Summaries {
    pub fn insert(&mut self, code: &'static str, summary: Summary) {
        self.0.push((code, summary));
    }

    /// The summary the rule `code` made, as its type `T`.
    pub fn get<T: 'static>(&self, code: &str) -> Option<&T> {
        self.0
            .iter()
            .find(|(c, _)| *c == code)
            .and_then(|(_, s)| s.downcast_ref::<T>())
    }
}

impl std::fmt::Debug for Summaries {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(c, _)| c))
            .finish()
    }
}

/// What a document rule sees.
pub struct DocCtx<'a> {
    pub text: &'a str,
    pub doc_kind: DocKind,
    pub blocks: &'a [Block],
    pub classes: &'a [BlockClass],
    /// Per block, aligned with `blocks`.
    pub paras: &'a [Arc<ParaResult>],
    pub config: &'a Config,
    pub switches: &'a Switches,
}

impl DocCtx<'_> {
    pub fn block_text(&self, i: usize) -> &str {
        self.blocks
            .get(i)
            .and_then(|b| self.text.get(b.range.clone()))
            .unwrap_or("")
    }

    pub fn block_range(&self, i: usize) -> Range<usize> {
        self.blocks.get(i).map(|b| b.range.clone()).unwrap_or(0..0)
    }

    /// The summary that rule `code` made of block `i`, if it made one.
    pub fn summary<T: 'static>(&self, i: usize, code: &str) -> Option<&T> {
        self.paras.get(i).and_then(|p| p.summaries.get::<T>(code))
    }
}
