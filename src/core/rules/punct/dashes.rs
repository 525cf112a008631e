//! `punct-dash`: a single `—` or `--` `－－` for the dash `——`, and the
//! triple `———`; but not the connecting one-em dash (GB/T 15834-2011 §4.13)
//! between places or times, in compound names and chains of levels, nor
//! number ranges.

use super::scan::{doubled_at, is_space, run_of};
use super::DASH;
use crate::core::chars::is_han;
use crate::core::finding::{Finding, Fix};
use crate::core::rules::ParaCtx;
use crate::core::text::BlockKind;

/// An opening quote, book-title mark or bracket.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '《' | '（' | '「' | '『' | '【' | '〔' | '〈'
    )
}

/// Last char of a place name (`青岛市—北京市`, `红岛站—青岛北站`).
const PLACE_END: &str = "市省县区镇乡村站港岛路街州国洲湾场口园馆";

/// The check of the rule (see the rule table).
pub(super) fn check_dash(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    // table cells hold ranges and placeholders (`甲—乙`, `—` for no data)
    if ctx.kind == BlockKind::TableRow {
        return;
    }
    let s = ctx.masked;
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(k) = b
        .get(i..)
        .and_then(|r| memchr::memchr3(b'-', 0xE2, 0xEF, r))
    {
        i += k;
        let (c, len) = match (b[i], b.get(i + 1..i + 3)) {
            (b'-', _) => ('-', 1),
            (0xE2, Some([0x80, 0x94])) => ('—', 3),
            (0xEF, Some([0xBC, 0x8D])) => ('－', 3),
            _ => {
                i += 1;
                continue;
            }
        };
        // `－` and `-` are candidates only in runs of two
        if c != '—' && !doubled_at(b, i, len) {
            i += len;
            continue;
        }
        let (end, n) = run_of(s, i, c);
        if c == '—' && n == 3 && triple_in_text(s, i, end) {
            out.push(
                Finding::new(DASH, i..end, "破折号应为“——”（两个一字线），不应写作“———”")
                    .with_fix(Fix::replace(i..end, "——", "改为“——”")),
            );
            i = end;
            continue;
        }
        let candidate = match c {
            '—' => n == 1,
            '－' => n == 2,
            '-' => n == 2,
            _ => false,
        };
        if candidate && dash_between_words(ctx, s, i, end) {
            let written = &s[i..end];
            out.push(
                Finding::new(DASH, i..end, format!("破折号应为“——”，不应写作“{written}”"))
                    .with_fix(Fix::replace(i..end, "——", "改为“——”")),
            );
        }
        i = end;
    }
}

/// `———` with text on at least one side on its line (a line of dashes alone
/// is a separator, not a dash).
fn triple_in_text(s: &str, i: usize, end: usize) -> bool {
    let near = |c: Option<char>| c.is_some_and(|c| !is_space(c) && c != '\n' && c != '—');
    near(s[..i].trim_end_matches(is_space).chars().next_back())
        || near(s[end..].trim_start_matches(is_space).chars().next())
}

/// A one-em `—` that is a connecting mark (GB/T 15834-2011 §4.13), not a
/// dash: part of a chain `甲—乙—丙` with no clause mark between, or between
/// two nouns of which one is a name (`道—琼斯指数`, `俄通社—塔斯社`,
/// `罗德—拉森`, `镇党委—村党组织`).
fn connector(ctx: &ParaCtx, s: &str, i: usize, end: usize, bi: usize, ai: usize) -> bool {
    let clause_end = |c: char| !(is_han(c) || c == '·');
    let left_run = &s[..i];
    let left_start = left_run
        .char_indices()
        .rev()
        .find(|&(_, c)| clause_end(c) && c != '—')
        .map_or(0, |(k, c)| k + c.len_utf8());
    let right_end = s[end..]
        .char_indices()
        .find(|&(_, c)| clause_end(c) && c != '—')
        .map_or(s.len(), |(k, _)| end + k);
    // a chain of single dashes in one run of Han characters
    let single = |k: usize| {
        s[k..].starts_with('—') && !s[k + 3..].starts_with('—') && (k < 3 || !s[..k].ends_with('—'))
    };
    let chain = s[left_start..i]
        .match_indices('—')
        .any(|(k, _)| single(left_start + k))
        || s[end..right_end]
            .match_indices('—')
            .any(|(k, _)| single(end + k));
    if chain {
        return true;
    }
    let toks = ctx.tokens();
    let at = |x: usize| toks.iter().find(|t| t.range.start <= x && x < t.range.end);
    let (Some(l), Some(r)) = (at(bi), at(ai)) else {
        return false;
    };
    let name = |t: &crate::core::nlp::Token| {
        matches!(
            t.tag,
            "nr" | "nrt" | "nrfg" | "ns" | "nt" | "nz" | "eng" | "j"
        )
    };
    let noun = |t: &crate::core::nlp::Token| t.tag.starts_with('n') || name(t);
    // a transliterated name goes on after the dash (`道—琼斯`: `道` alone is no word)
    name(r)
        || (name(l) && noun(r))
        || (noun(l)
            && noun(r)
            && s[bi..].starts_with(|c: char| "党委会组部局厅处社团队".contains(c)))
}

/// Chinese on both sides, and not a one-em connecting dash between places or times.
fn dash_between_words(ctx: &ParaCtx, s: &str, i: usize, end: usize) -> bool {
    let before = s[..i].char_indices().rev().find(|&(_, c)| !is_space(c));
    let after = s[end..]
        .char_indices()
        .find(|&(_, c)| !is_space(c))
        .map(|(k, c)| (end + k, c));
    let (Some((bi, bc)), Some((ai, ac))) = (before, after) else {
        return false;
    };
    let left_ok = is_han(bc) || matches!(bc, '”' | '’' | '》' | '）' | '」' | '』' | '】');
    let right_ok = is_han(ac) || is_opening(ac);
    // between two quoted names it connects them (`“十三五”—“十四五”`)
    if !left_ok || !right_ok || (!is_han(bc) && !is_han(ac)) {
        return false;
    }
    if PLACE_END.contains(bc) {
        return false;
    }
    if is_han(bc) && is_han(ac) && s[i..end].starts_with('—') && connector(ctx, s, i, end, bi, ai)
    {
        return false;
    }
    // the words on either side: places (ns), times (t) and numerals (m) are ranges
    let toks = ctx.tokens();
    let range_like = |t: &crate::core::nlp::Token| {
        t.tag.starts_with("ns") || t.tag.starts_with('t') || t.tag.starts_with('m')
    };
    let left = toks
        .iter()
        .find(|t| t.range.start <= bi && bi < t.range.end);
    let right = toks
        .iter()
        .find(|t| t.range.start <= ai && ai < t.range.end);
    if is_han(bc) && left.is_some_and(range_like) {
        return false;
    }
    if is_han(ac) && right.is_some_and(range_like) {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use crate::core::rules::testutil::{fixed, run_para};
    use crate::core::text::DocKind;

    fn fix(s: &str) -> String {
        fixed(s, &run_para("punct-dash", s, DocKind::Plain))
    }

    fn count(s: &str) -> usize {
        run_para("punct-dash", s, DocKind::Plain).len()
    }

    #[test]
    fn connecting_dashes_are_silent() {
        assert_eq!(count("纽约股市道—琼斯指数当天下跌120点。"), 0);
        assert_eq!(count("据俄通社—塔斯社报道，会谈在莫斯科举行。"), 0);
        assert_eq!(count("丹麦选手罗德—拉森获得冠军。"), 0);
        assert_eq!(count("构建镇党委—村党组织—网格党支部三级组织体系。"), 0);
        assert_eq!(count("北京—上海高速铁路全线贯通。"), 0);
    }

    #[test]
    fn dashes_still_found() {
        assert_eq!(
            fix("这次活动的主题—解放思想，改革再出发。"),
            "这次活动的主题——解放思想，改革再出发。"
        );
        assert_eq!(
            fix("他说，这是一次难忘的经历———一次心灵的洗礼。"),
            "他说，这是一次难忘的经历——一次心灵的洗礼。"
        );
        assert_eq!(count("———"), 0);
        assert_eq!(count("这是我们的目标——全面建成小康社会。"), 0);
    }
}
