//! The rule table. Every rule has a stable code, a default severity, a
//! description and a wrong/right example; family modules hold the checks.
//!
//! Paragraph rules see one block at a time (their results are cached per
//! paragraph content); document rules run over cached paragraph summaries and
//! the outline, and must stay cheap.

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use super::config::Config;
use super::figures::Figure;
use super::finding::{Finding, Severity};
use super::nlp::{self, Token};
use super::outline::BlockClass;
use super::text::{Block, BlockKind, DocKind};

pub mod dedi;
pub mod extraction;
pub mod figures;
pub mod latin;
pub mod lexicon;
pub mod names;
pub mod numbering;
pub mod pinyin;
pub mod punct;
pub mod punct_halfwidth;
pub mod repeat;
pub mod script;
pub mod spacing;
pub mod terms;
pub mod typo;
pub mod words;

/// A check over one paragraph.
pub type ParaCheck = fn(&ParaCtx, &mut Vec<Finding>);
/// A check over the whole document.
pub type DocCheck = fn(&DocCtx, &mut Vec<Finding>);

#[derive(Clone, Copy)]
pub enum Check {
    Para(ParaCheck),
    Doc(DocCheck),
}

/// One rule of the table.
#[derive(Clone, Copy)]
pub struct Rule {
    pub code: &'static str,
    /// Family (the module it lives in), for the rule reference.
    pub family: &'static str,
    pub severity: Severity,
    /// Off by default (user turns it on)?
    pub default_off: bool,
    /// Does it offer a fix?
    pub fixable: bool,
    /// Chinese description.
    pub description: &'static str,
    pub wrong: &'static str,
    pub right: &'static str,
    pub check: Check,
}

/// All rules, in reference order. Family modules each export `RULES`.
pub static TABLE: LazyLock<Vec<&'static Rule>> = LazyLock::new(|| {
    let families: &[&'static [Rule]] = &[
        punct_halfwidth::RULES,
        punct::RULES,
        spacing::RULES,
        latin::RULES,
        script::RULES,
        pinyin::RULES,
        extraction::RULES,
        numbering::RULES,
        figures::RULES,
        words::RULES,
        terms::RULES,
        names::RULES,
        typo::RULES,
        dedi::RULES,
        repeat::RULES,
    ];
    families.iter().flat_map(|f| f.iter()).collect()
});

pub fn all() -> &'static [&'static Rule] {
    &TABLE
}

/// Rule codes to their index in [`TABLE`].
static BY_CODE: LazyLock<crate::core::chars::FxHashMap<&'static str, usize>> =
    LazyLock::new(|| {
        let mut m = crate::core::chars::FxHashMap::default();
        for (i, r) in TABLE.iter().enumerate() {
            // the first rule of a code wins, as a scan of the table would find it
            m.entry(r.code).or_insert(i);
        }
        m
    });

pub fn get(code: &str) -> Option<&'static Rule> {
    BY_CODE.get(code).and_then(|&i| TABLE.get(i).copied())
}

pub fn default_severity(code: &str) -> Severity {
    get(code).map(|r| r.severity).unwrap_or(Severity::Warning)
}

pub fn default_enabled(code: &str) -> bool {
    get(code).map(|r| !r.default_off).unwrap_or(false)
}

/// What a paragraph rule sees.
pub struct ParaCtx<'a> {
    /// The paragraph's text as written.
    pub text: &'a str,
    /// Same length as `text`, with code, URLs and markup replaced by MASK.
    pub masked: &'a str,
    pub kind: BlockKind,
    pub doc_kind: DocKind,
    pub config: &'a Config,
    /// `None`: the same as `masked`.
    simplified: OnceCell<Option<String>>,
    tokens: OnceCell<Vec<Token>>,
    figures: OnceCell<Vec<Figure>>,
    may_change: OnceCell<bool>,
    /// Matches of the word lists (see [`lexicon::list_hits`]).
    pub(crate) lexicon_hits: OnceCell<lexicon::ParaHits>,
}

impl<'a> ParaCtx<'a> {
    pub fn new(
        text: &'a str,
        masked: &'a str,
        kind: BlockKind,
        doc_kind: DocKind,
        config: &'a Config,
    ) -> Self {
        ParaCtx {
            text,
            masked,
            kind,
            doc_kind,
            config,
            simplified: OnceCell::new(),
            tokens: OnceCell::new(),
            figures: OnceCell::new(),
            may_change: OnceCell::new(),
            lexicon_hits: OnceCell::new(),
        }
    }

    /// The masked text mapped to simplified characters (same offsets), with
    /// inline pinyin annotations (`见习(xí)记者`) blanked out by MASK bytes so
    /// that they do not disturb segmentation.
    pub fn simplified(&self) -> &str {
        self.simplified
            .get_or_init(|| {
                // nothing to convert: the masked text as it is (asked once per paragraph)
                let converted = self
                    .may_change()
                    .then(|| nlp::to_simplified(self.masked))
                    .filter(|c| c != self.masked);
                let base = converted.as_deref().unwrap_or(self.masked);
                let found = pinyin::annotations(base);
                if found.is_empty() {
                    return converted;
                }
                let mut bytes = base.as_bytes().to_vec();
                for r in found {
                    if let Some(part) = bytes.get_mut(r) {
                        part.fill(crate::core::chars::MASK as u8);
                    }
                }
                // whole chars were replaced by ASCII bytes: still valid UTF-8
                Some(String::from_utf8(bytes).unwrap_or_else(|_| nlp::to_simplified(self.masked)))
            })
            .as_deref()
            .unwrap_or(self.masked)
    }

    /// Could the simplifier change anything in the masked text? (Asked once.)
    pub fn may_change(&self) -> bool {
        *self
            .may_change
            .get_or_init(|| lexicon::may_change(self.masked))
    }

    /// jieba words with POS tags, over the simplified masked text.
    pub fn tokens(&self) -> &[Token] {
        self.tokens.get_or_init(|| {
            let j = nlp::jieba_with_words(&self.config.words);
            nlp::tag(&j, self.simplified())
        })
    }

    /// The figures of the paragraph (parsed once, over the masked text).
    pub fn figures(&self) -> &[Figure] {
        self.figures
            .get_or_init(|| super::figures::parse(self.masked))
    }

    /// The figures, for the paragraph cache.
    pub fn take_figures(self) -> Vec<Figure> {
        let _ = self.figures();
        self.figures.into_inner().unwrap_or_default()
    }

    /// The (simplified) word of a token.
    pub fn word(&self, t: &Token) -> &str {
        &self.simplified()[t.range.clone()]
    }

    /// Is a rule on?
    pub fn enabled(&self, code: &str) -> bool {
        self.config.enabled(code)
    }
}

/// What a document rule sees.
pub struct DocCtx<'a> {
    pub text: &'a str,
    pub doc_kind: DocKind,
    pub blocks: &'a [Block],
    pub classes: &'a [BlockClass],
    pub paras: &'a [Arc<super::analyzer::ParaResult>],
    pub config: &'a Config,
}

impl DocCtx<'_> {
    pub fn block_text(&self, i: usize) -> &str {
        self.blocks
            .get(i)
            .map(|b| &self.text[b.range.clone()])
            .unwrap_or("")
    }

    pub fn block_range(&self, i: usize) -> Range<usize> {
        self.blocks.get(i).map(|b| b.range.clone()).unwrap_or(0..0)
    }
}

/// Helpers shared by rules: neighbouring characters in a str.
pub fn prev_char(s: &str, at: usize) -> Option<char> {
    s.get(..at).and_then(|p| p.chars().next_back())
}

pub fn next_char(s: &str, at: usize) -> Option<char> {
    s.get(at..).and_then(|p| p.chars().next())
}

/// The previous char that is not an ASCII space/tab, and its byte index.
pub fn prev_nonspace(s: &str, at: usize) -> Option<(usize, char)> {
    s.get(..at)?
        .char_indices()
        .rev()
        .find(|(_, c)| *c != ' ' && *c != '\t')
}

/// The next char that is not an ASCII space/tab, and its byte index.
pub fn next_nonspace(s: &str, at: usize) -> Option<(usize, char)> {
    let rest = s.get(at..)?;
    rest.char_indices()
        .find(|(_, c)| *c != ' ' && *c != '\t')
        .map(|(i, c)| (at + i, c))
}

#[cfg(test)]
pub mod testutil {
    //! Run one rule over a paragraph, as the analyzer would.
    use super::*;
    use crate::core::text;

    pub fn run_para(code: &str, para: &str, doc_kind: DocKind) -> Vec<Finding> {
        run_para_with(code, para, doc_kind, &Config::default())
    }

    pub fn run_para_with(
        code: &str,
        para: &str,
        doc_kind: DocKind,
        config: &Config,
    ) -> Vec<Finding> {
        let rule = get(code).expect("rule exists");
        let masked = text::mask(para, doc_kind, 0);
        let ctx = ParaCtx::new(para, &masked, BlockKind::Para, doc_kind, config);
        let mut out = Vec::new();
        if let Check::Para(f) = rule.check {
            f(&ctx, &mut out);
        }
        out.retain(|f| f.code == code);
        out
    }

    /// Apply all fixes of the findings to the paragraph.
    pub fn fixed(para: &str, findings: &[Finding]) -> String {
        let edits = crate::core::edits::fix_all_edits(findings);
        crate::core::edits::apply_edits(para, &edits).0
    }
}
