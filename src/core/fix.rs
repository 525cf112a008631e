//! Fixing a whole document (a service, layer 7): apply every safe fix,
//! analyse the result again (a fix may reveal another), and repeat until
//! nothing is left to fix. The command line's `--fix` and the language
//! server's fix-all both want this.
//!
//! Applying edits is the lower layer `core::edits`; its two functions are
//! re-exported here for the callers that name them through `fix`.

use std::sync::Arc;

use super::analyzer::Analyzer;
use super::config::Config;
use super::text::DocKind;

pub use super::edits::{apply_edits, fix_all_edits};

/// How many rounds of analyse-and-fix at most (each round applies every
/// fix that does not overlap another).
pub const MAX_ROUNDS: usize = 8;

/// Apply all fixes repeatedly until none is left (or nothing changes, or
/// `MAX_ROUNDS` (8) rounds have run). Returns the fixed text and how many
/// edits were applied in all.
pub fn fix_until_stable(text: &str, kind: DocKind, config: Arc<Config>) -> (String, usize) {
    let mut analyzer = Analyzer::new(config);
    let mut cur = text.to_string();
    let mut total = 0;
    for _ in 0..MAX_ROUNDS {
        let a = analyzer.analyze(&cur, kind);
        let edits = fix_all_edits(&a.findings);
        if edits.is_empty() {
            break;
        }
        let (next, n) = apply_edits(&cur, &edits);
        if n == 0 || next == cur {
            break;
        }
        total += n;
        cur = next;
    }
    (cur, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixes_until_nothing_is_left() {
        let text = "红岛经济区(高新区)召开会议,部署工作:一是学习。\r\n";
        let (fixed, n) = fix_until_stable(text, DocKind::Plain, Arc::new(Config::default()));
        assert_eq!(
            fixed,
            "红岛经济区（高新区）召开会议，部署工作：一是学习。\r\n"
        );
        assert!(n >= 4, "{n}");
        let (again, m) = fix_until_stable(&fixed, DocKind::Plain, Arc::new(Config::default()));
        assert_eq!((again.as_str(), m), (fixed.as_str(), 0));
    }
}
