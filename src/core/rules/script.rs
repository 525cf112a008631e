//! Mixed simplified and traditional characters. Every paragraph counts its
//! traditional-only and simplified-only characters when it is analysed
//! ([`count`], the rule's paragraph summary, cached with the paragraph); the
//! document check sums the counts, decides the dominant script and re-reads
//! only the paragraphs that hold characters of the other script.
//!
//! Traditional → simplified is `fast2s` (1:1 per character, with its few
//! word contexts such as 乾隆, 慰藉). Simplified → traditional is the reverse
//! of that map, built once at runtime from all CJK code points; a simplified
//! character is only flagged in a traditional document when exactly one
//! traditional character maps to it. Characters legitimate in both scripts
//! (`data/script_both.txt`) are never counted or flagged.

use std::sync::LazyLock;

use super::{Check, DocCtx, ParaCtx, Rule, Summary};
use crate::core::chars::is_han;
use crate::core::data::{self, data_file};
use crate::core::finding::{Finding, Fix, Severity};
use crate::core::hanzi::{self, Tables};
use crate::core::text::{self, Block, BlockKind};

pub const CODE: &str = "script-mixed";

pub const RULES: &[Rule] = &[Rule {
    code: CODE,
    family: "文字",
    severity: Severity::Warning,
    default_off: false,
    fixable: true,
    description: "简繁混用：按全文判断主要字形（简体或繁体），标出另一种字形的字并给出替换。简繁通用的字和两种字形中都合法使用的字（乾隆的“乾”、姓氏“於”、宫商角徵羽的“徵”等）不报；繁体文稿中只在简→繁对应唯一时报。",
    wrong: "市南区召开解放思想大讨论座谈会，邀请各界代表参加，记者羅某在会上发言。",
    right: "市南区召开解放思想大讨论座谈会，邀请各界代表参加，记者罗某在会上发言。",
    check: Check::DocWith { summarize, check },
}];

static TABLES: &LazyLock<Tables> = &hanzi::TABLES;

/// What a Han character says about the script, given its simplified form
/// in context.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Evidence {
    Traditional(char),
    Simplified,
    Neutral,
}

/// Walk the Han characters of a paragraph with their evidence. The
/// paragraph's context-aware simplified text (fast2s keeps 乾隆, 慰藉 …) is
/// only needed, and only computed, when a character the map changes occurs.
fn walk(ctx: &ParaCtx, mut f: impl FnMut(usize, char, Evidence)) {
    let t = TABLES;
    let mut simp: Option<&str> = None;
    for (i, c) in ctx.masked.char_indices() {
        if (c as u32) < 0x3400 || !is_han(c) {
            continue;
        }
        let e = if t.changed.has(c) {
            if t.both_simp.has(c) {
                Evidence::Neutral
            } else {
                let s = *simp.get_or_insert_with(|| ctx.simplified());
                let sc = s
                    .get(i..i + c.len_utf8())
                    .and_then(|x| x.chars().next())
                    .unwrap_or(c);
                if sc != c {
                    Evidence::Traditional(sc)
                } else {
                    Evidence::Neutral
                }
            }
        } else if t.simp_only.has(c) {
            Evidence::Simplified
        } else {
            Evidence::Neutral
        };
        f(i, c, e);
    }
}

/// (traditional-only, simplified-only) character counts of a paragraph.
/// The paragraph's summary for the document check: its [`count`].
fn summarize(ctx: &ParaCtx, _: &Block) -> Summary {
    Box::new(count(ctx))
}

pub fn count(ctx: &ParaCtx) -> (u32, u32) {
    // nothing the simplifier could change: no traditional evidence, and the
    // simplified-only characters are counted without the walk's context
    // (every character `changed` holds, `may_change` holds too: tested);
    if !ctx.may_change() {
        // (the paragraph's facts counted them, as the walk would have)
        return (0, ctx.facts().simp_only);
    }
    let (mut tr, mut si) = (0u32, 0u32);
    walk(ctx, |_, _, e| match e {
        Evidence::Traditional(_) => tr += 1,
        Evidence::Simplified => si += 1,
        Evidence::Neutral => {}
    });
    (tr, si)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Script {
    Simplified,
    Traditional,
}

/// The dominant script of a document from its total counts, if one script
/// clearly dominates (three times the other) and the other occurs at all.
pub fn dominant(trad: u32, simp: u32) -> Option<Script> {
    let (t, s) = (trad as u64, simp as u64);
    if t > 0 && s >= 3 * t {
        Some(Script::Simplified)
    } else if s > 0 && t >= 3 * s {
        Some(Script::Traditional)
    } else {
        None
    }
}

fn check(ctx: &DocCtx, out: &mut Vec<Finding>) {
    let counts = |i: usize| {
        ctx.summary::<(u32, u32)>(i, CODE)
            .copied()
            .unwrap_or((0, 0))
    };
    let (trad, simp) = (0..ctx.paras.len())
        .map(counts)
        .fold((0u32, 0u32), |(a, b), c| {
            (a.saturating_add(c.0), b.saturating_add(c.1))
        });
    // a traditional text: the one-to-many characters are decided by the word
    // (干部 → 幹部, 以后 → 以後), in every paragraph
    if dominant(trad, simp) == Some(Script::Traditional) || simp == 0 && trad >= MIN_TRADITIONAL {
        for i in 0..ctx.paras.len() {
            trad_words(ctx, i, out);
        }
    }
    let Some(dom) = dominant(trad, simp) else {
        return;
    };
    for i in 0..ctx.paras.len() {
        let (t, s) = counts(i);
        let minority = match dom {
            Script::Simplified => t,
            Script::Traditional => s,
        };
        let Some(b) = ctx.blocks.get(i) else { continue };
        if minority == 0 || b.kind == BlockKind::Code {
            continue;
        }
        let bt = ctx.block_text(i);
        let masked = text::mask(bt, ctx.doc_kind, b.prefix);
        let pc = ParaCtx::new(bt, &masked, b.kind, ctx.doc_kind, ctx.config, ctx.switches);
        let base = b.range.start;
        walk(&pc, |at, c, e| {
            let r = base + at..base + at + c.len_utf8();
            match (dom, e) {
                (Script::Simplified, Evidence::Traditional(s)) => out.push(
                    Finding::new(
                        CODE,
                        r.clone(),
                        format!("简体文稿中混入繁体字“{c}”，应为“{s}”"),
                    )
                    .with_fix(Fix::replace(
                        r,
                        s.to_string(),
                        format!("改为“{s}”"),
                    )),
                ),
                (Script::Traditional, Evidence::Simplified) => {
                    if let Some(t) = TABLES.unique.get(&c) {
                        out.push(
                            Finding::new(
                                CODE,
                                r.clone(),
                                format!("繁体文稿中混入简体字“{c}”，应为“{t}”"),
                            )
                            .with_fix(Fix::replace(
                                r,
                                t.to_string(),
                                format!("改为“{t}”"),
                            )),
                        );
                    }
                }
                _ => {}
            }
        });
    }
}

/// Traditional characters a document needs, without any simplified-only
/// one, to be read as a traditional text by the word check.
const MIN_TRADITIONAL: u32 = 8;

/// The word table of `data/script_trad_words.txt`: (wrong, right) pairs and
/// the words that keep the simplified-looking character.
struct TradWords {
    pairs: Vec<(&'static str, &'static str)>,
    keep: Vec<&'static str>,
}

static TRAD_WORDS: LazyLock<TradWords> = LazyLock::new(|| {
    let mut t = TradWords {
        pairs: Vec::new(),
        keep: Vec::new(),
    };
    for f in data::lines(data_file!("script_trad_words.txt")) {
        match f.as_slice() {
            [w, r] => t.pairs.push((w, r)),
            [w] => t.keep.push(w),
            _ => {}
        }
    }
    t
});

/// The words of block `i` written with a simplified character where a
/// traditional text needs the traditional one (`干部` → `幹部`).
fn trad_words(ctx: &DocCtx, i: usize, out: &mut Vec<Finding>) {
    let Some(b) = ctx.blocks.get(i) else { return };
    if b.kind == BlockKind::Code {
        return;
    }
    let bt = ctx.block_text(i);
    let words = &*TRAD_WORDS;
    let kept: Vec<std::ops::Range<usize>> = words
        .keep
        .iter()
        .flat_map(|k| bt.match_indices(k).map(|(at, k)| at..at + k.len()))
        .collect();
    for (wrong, right) in &words.pairs {
        for (at, w) in bt.match_indices(wrong) {
            let r = at..at + w.len();
            if kept.iter().any(|k| k.start < r.end && r.start < k.end) {
                continue;
            }
            let dr = b.range.start + r.start..b.range.start + r.end;
            out.push(
                Finding::new(
                    CODE,
                    dr.clone(),
                    format!("繁体文稿中“{wrong}”应为“{right}”"),
                )
                .with_fix(Fix::replace(dr, *right, format!("改为“{right}”"))),
            );
        }
    }
}

#[cfg(test)]
mod tests {

    /// The shortcut in `count` relies on this: a character the script rule
    /// treats as changed by the simplifier is one `may_change` reports.
    #[test]
    fn changed_characters_are_ones_the_simplifier_may_change() {
        let t = TABLES;
        for u in 0u32..0x1_0000 {
            if let Some(c) = char::from_u32(u) {
                if t.changed.has(c) {
                    assert!(crate::core::nlp::may_change(&c.to_string()), "{c}");
                }
            }
        }
    }

    use super::*;
    use crate::core::config::Config;
    use crate::core::{analyze, fix, DocKind};
    use std::sync::Arc;

    fn run(text: &str) -> Vec<(String, String)> {
        analyze(text, DocKind::Plain, Arc::new(Config::default()))
            .findings
            .into_iter()
            .filter(|f| f.code == CODE)
            .map(|f| (text[f.range.clone()].to_string(), f.message.into_owned()))
            .collect()
    }

    fn fixed(text: &str) -> String {
        let a = analyze(text, DocKind::Plain, Arc::new(Config::default()));
        let fs: Vec<Finding> = a.findings.into_iter().filter(|f| f.code == CODE).collect();
        fix::apply_edits(text, &fix::fix_all_edits(&fs)).0
    }

    /// The paragraph facts count what `count` counts itself when the
    /// simplifier changes nothing.
    #[test]
    fn simplified_only_characters_are_counted() {
        let t = TABLES;
        let mut total = 0;
        for s in crate::core::wordlists::sample_texts() {
            let si = s
                .chars()
                .filter(|&c| (c as u32) >= 0x3400 && is_han(c) && t.simp_only.has(c))
                .count();
            let got = crate::core::para::Facts::of(&s).simp_only;
            assert_eq!(got as usize, si, "{s}");
            total += si;
        }
        assert!(total > 10_000, "{total}");
    }

    #[test]
    fn tables() {
        let t = TABLES;
        assert_eq!(t.unique.get(&'们'), Some(&'們'));
        assert!(t.simp_only.has('们'));
        assert!(!t.simp_only.has('后'));
        assert!(!t.simp_only.has('才'));
        assert!(t.both_simp.has('乾'));
        assert!(t.both_simp.has('於'));
    }

    #[test]
    fn traditional_in_simplified_document() {
        let text = "市南区召开解放思想大讨论座谈会，邀请代表参加。\n羅某在会上发言，他们表示要进一步提升干部素质和能力。\n";
        let f = run(text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "羅");
        assert!(f[0].1.contains("应为“罗”"));
        assert_eq!(fixed(text), text.replace('羅', "罗"));
    }

    #[test]
    fn simplified_in_traditional_document() {
        let text = "市南區召開解放思想大討論座談會，邀請代表們參加。\n會議強調，要進一步提升幹部素質和能力，这項工作要落實。\n";
        let f = run(text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "这");
        assert_eq!(fixed(text), text.replace('这', "這"));
    }

    #[test]
    fn shared_and_legitimate_variants_are_silent() {
        for text in [
            "乾隆年间的古建筑群得到修缮，游客们纷纷前来参观。\n",
            "於梨华的作品受到读者们的喜爱，她的著作在国内出版。\n",
            "他们给予了慰藉，这份情谊令人难忘。\n",
            "古代五音为宫商角徵羽，这些知识需要普及。\n",
            "皇后的故事在台里流传，这里才是起点。\n",
            "市南区召开座谈会，部署下一步工作。\n",
        ] {
            assert!(run(text).is_empty(), "{text}: {:?}", run(text));
        }
        // a traditional document keeps its 后, 才, 台, 里
        let t = "皇后與太子們在臺上才說話，這裡是會場。\n";
        assert!(run(t).is_empty(), "{:?}", run(t));
    }

    #[test]
    fn names_of_the_standard_table_are_neutral() {
        for text in [
            "全国人大常委会原副委员长彭珮云出席会议，她们与代表们亲切交谈。\n",
            "活字印刷术由北宋的毕昇发明，这项发明影响深远。\n",
        ] {
            assert!(run(text).is_empty(), "{text}: {:?}", run(text));
        }
        // a traditional character outside the table is still reported
        let text = "彭珮云出席会议，她们与代表们亲切交谈，羅某在会上发言。\n";
        let f = run(text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "羅");
    }

    #[test]
    fn one_to_many_characters_in_a_traditional_text_by_the_word() {
        let text = "市南區召開解放思想大討論座談會，邀請代表們參加。\n會議強調，要進一步提升干部素質，以后要把工作落實，由于各方支持，這里的變化很大。\n";
        let f = run(text);
        let got: Vec<&str> = f.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(got, vec!["干部", "以后", "由于", "這里"], "{f:?}");
        assert_eq!(
            fixed(text),
            text.replace("干部", "幹部")
                .replace("以后", "以後")
                .replace("由于", "由於")
                .replace("這里", "這裡")
        );
        // the same characters where traditional text writes them so
        let ok = "市南區召開解放思想大討論座談會，邀請代表們參加。\n皇后來到會場，他們在掙扎中前行，若干干擾因素被排除，全程五十公里面積廣大，于先生與范先生出席。\n";
        assert!(run(ok).is_empty(), "{:?}", run(ok));
        // a simplified text is never read by the word table
        let simp =
            "会议强调，要进一步提升干部素质，以后要把工作落实，由于各方支持，这里的变化很大。\n";
        assert!(run(simp).is_empty(), "{:?}", run(simp));
    }

    #[test]
    fn no_verdict_when_scripts_are_balanced() {
        assert_eq!(dominant(10, 20), None);
        assert_eq!(dominant(0, 50), None);
        assert_eq!(dominant(1, 3), Some(Script::Simplified));
        assert_eq!(dominant(9, 3), Some(Script::Traditional));
    }
}
