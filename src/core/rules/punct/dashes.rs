//! `punct-dash`: a single `—` or `--` `－－` for the dash `——`, but not the
//! connecting one-em dash between places or times, nor number ranges.

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
