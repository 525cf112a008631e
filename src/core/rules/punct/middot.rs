//! `punct-middot`: the separator of a foreign or minority name written with a
//! look-alike of the middle dot `·` (GB/T 15834-2011 §4.14): `●` `•` `・`
//! `‧` `･` `∙` `⋅` directly between two Han characters (`马克●吐温`).
//!
//! A bullet at the start of a line, or one with a space or a mark beside it
//! (`● 第一条`), is a list marker and stays silent.

use super::MIDDOT;
use crate::core::chars::is_han;
use crate::core::finding::{Finding, Fix};
use crate::core::rules::{next_char, prev_char, ParaCtx};

/// The look-alikes of `·`.
fn is_odd_dot(c: char) -> bool {
    matches!(c, '●' | '•' | '・' | '‧' | '･' | '∙' | '⋅')
}

/// The check of the rule (see the rule table).
pub(super) fn check_middot(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    let s = ctx.masked;
    let b = s.as_bytes();
    // cheap pre-check: the look-alikes start with byte E2 or EF, but for
    // `・` (E3 83 BB; E3 leads most Chinese marks, so that one is searched whole)
    let mut at: Vec<usize> = memchr::memchr2_iter(0xE2, 0xEF, b)
        .filter(|&i| {
            s.get(i..)
                .and_then(|r| r.chars().next())
                .is_some_and(is_odd_dot)
        })
        .collect();
    if memchr::memchr(0xBB, b).is_some() {
        at.extend(s.match_indices('・').map(|(k, _)| k));
        at.sort_unstable();
    }
    for i in at {
        let Some(c) = s[i..].chars().next() else {
            continue;
        };
        let end = i + c.len_utf8();
        if prev_char(s, i).is_some_and(is_han) && next_char(s, end).is_some_and(is_han) {
            out.push(
                Finding::new(
                    MIDDOT,
                    i..end,
                    format!("人名、译名中的间隔号应为“·”，而不是“{c}”"),
                )
                .with_fix(Fix::replace(i..end, "·", "改为“·”")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::core::rules::testutil::{fixed, run_para};
    use crate::core::text::DocKind;

    fn fix(s: &str) -> String {
        fixed(s, &run_para("punct-middot", s, DocKind::Plain))
    }

    #[test]
    fn look_alike_dots_between_han() {
        assert_eq!(fix("中●文"), "中·文");
        assert_eq!(fix("美国作家马克•吐温的作品"), "美国作家马克·吐温的作品");
        assert_eq!(fix("买买提・艾力在会上发言。"), "买买提·艾力在会上发言。");
    }

    #[test]
    fn bullets_and_correct_dots_left_alone() {
        for t in [
            "● 坚持党的领导",
            "●坚持党的领导",
            "• 第一条：加强学习",
            "马克·吐温的作品",
            "评分：●●●○○",
        ] {
            assert!(
                run_para("punct-middot", t, DocKind::Plain).is_empty(),
                "{t}"
            );
        }
    }
}
