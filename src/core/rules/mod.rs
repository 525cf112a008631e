//! The rule table. Every rule has a stable code, a default severity, a
//! description and a wrong/right example; family modules hold the checks.
//!
//! Paragraph rules see one block at a time (their results are cached per
//! paragraph content); document rules run over cached paragraph summaries and
//! the outline, and must stay cheap.

use std::sync::LazyLock;

pub use super::doc::{DocCtx, Summary};
use super::finding::{Finding, Severity};
pub use super::para::ParaCtx;
use super::text::Block;

pub mod de_particles;
pub mod extraction;
pub mod figure_checks;
pub mod latin;
pub mod lists;
pub mod names;
pub mod numbering;
pub mod pinyin;
pub mod punct;
pub mod repeat;
pub mod script;
pub mod spacing;
pub mod typo;

/// A check over one paragraph.
pub type ParaCheck = fn(&ParaCtx, &mut Vec<Finding>);
/// A check over the whole document.
pub type DocCheck = fn(&DocCtx, &mut Vec<Finding>);

/// A document rule's summary of one paragraph (see [`Check::DocWith`]).
pub type Summarize = fn(&ParaCtx, &Block) -> Summary;

#[derive(Clone, Copy)]
pub enum Check {
    /// A paragraph rule: runs on every paragraph that changed.
    Para(ParaCheck),
    /// A document rule over the cached paragraph results and the outline.
    Doc(DocCheck),
    /// A document rule that needs a summary of each paragraph: `summarize`
    /// runs with the paragraph rules (and is cached with their results), and
    /// `check` reads the summaries with [`DocCtx::summary`].
    DocWith {
        summarize: Summarize,
        check: DocCheck,
    },
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
    pub(crate) check: Check,
}

/// All rules, in reference order. Family modules each export `RULES`.
pub static TABLE: LazyLock<Vec<&'static Rule>> = LazyLock::new(|| {
    let families: &[&'static [Rule]] = &[
        punct::halfwidth::RULES,
        punct::RULES,
        spacing::RULES,
        latin::RULES,
        script::RULES,
        pinyin::RULES,
        extraction::RULES,
        numbering::RULES,
        figure_checks::RULES,
        lists::words::RULES,
        lists::terms::RULES,
        names::RULES,
        typo::RULES,
        de_particles::RULES,
        repeat::RULES,
    ];
    families.iter().flat_map(|f| f.iter()).collect()
});

/// Every rule of the table, in reference order (code, severity, description, examples).
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

/// The default severity of a rule code (Warning for a code the table does
/// not know).
#[cfg(test)]
pub fn default_severity(code: &str) -> Severity {
    get(code).map(|r| r.severity).unwrap_or(Severity::Warning)
}

/// Helpers shared by rules: neighbouring characters in a str.
pub fn prev_char(s: &str, at: usize) -> Option<char> {
    s.get(..at).and_then(|p| p.chars().next_back())
}

pub fn next_char(s: &str, at: usize) -> Option<char> {
    s.get(at..).and_then(|p| p.chars().next())
}

#[cfg(test)]
pub mod testutil {
    //! Run one rule over a paragraph, as the analyzer would.
    use super::*;
    use crate::core::config::{Config, Switches};
    use crate::core::text::{self, BlockKind, DocKind};

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
        let switches = switches(config);
        let ctx = ParaCtx::new(para, &masked, BlockKind::Para, doc_kind, config, &switches);
        let mut out = Vec::new();
        if let Check::Para(f) = rule.check {
            f(&ctx, &mut out);
        }
        out.retain(|f| f.code == code);
        for f in &mut out {
            if !f.own_severity {
                f.severity = default_severity(f.code);
            }
        }
        out
    }

    /// The rule table resolved under `config`, as the analyzer resolves it.
    pub fn switches(config: &Config) -> Switches {
        Switches::resolve(
            config,
            all().iter().map(|r| (r.code, !r.default_off, r.severity)),
        )
    }

    /// Apply all fixes of the findings to the paragraph.
    pub fn fixed(para: &str, findings: &[Finding]) -> String {
        let edits = crate::core::edits::fix_all_edits(findings);
        crate::core::edits::apply_edits(para, &edits).0
    }
}
