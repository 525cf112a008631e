//! Numbering markers at the start of a block: `一、`, `（一）`, `1.`, `1．`,
//! `1、`, `（1）`, and the value of Chinese numerals.

use super::{Marker, NumStyle};

/// The characters of Chinese numerals (`〇零一二三四五六七八九十百两`).
fn is_han_digit(c: char) -> bool {
    matches!(
        c,
        '〇' | '零'
            | '一'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '两'
    )
}

/// Value of a Chinese numeral up to 999 (`十二`, `二十`, `一百零三`).
pub fn han_number(s: &str) -> Option<u32> {
    if s.is_empty() || !s.chars().all(is_han_digit) {
        return None;
    }
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '〇' | '零' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let mut total = 0;
    let mut cur = 0;
    let mut seen_unit = false;
    for c in s.chars() {
        match c {
            '十' => {
                total += if cur == 0 { 1 } else { cur } * 10;
                cur = 0;
                seen_unit = true;
            }
            '百' => {
                total += if cur == 0 { 1 } else { cur } * 100;
                cur = 0;
                seen_unit = true;
            }
            _ => {
                let d = digit(c)?;
                if !seen_unit && cur > 0 {
                    // 一二 is not a number
                    return None;
                }
                cur = d;
            }
        }
    }
    Some(total + cur)
}

/// Parse a numbering marker at the start of `s` (document offset `base`).
/// Returns the marker and the byte length it takes (incl. following spaces).
#[inline]
pub fn parse_marker(s: &str, base: usize) -> Option<(Marker, usize)> {
    // every marker starts with a parenthesis, a Chinese numeral or an ASCII
    // digit: one look at the first char, inlined, turns away almost every
    // paragraph without a call
    let first = s.chars().next()?;
    if !(matches!(first, '（' | '(') || is_han_digit(first) || first.is_ascii_digit()) {
        return None;
    }
    parse_marker_from(s, base, first)
}

/// [`parse_marker`] of `s`, whose first char `first` may start a marker.
fn parse_marker_from(s: &str, base: usize, first: char) -> Option<(Marker, usize)> {
    let t = s;
    // （一） (一) （1） (1)
    let open = if first == '（' {
        Some(3)
    } else if first == '(' {
        Some(1)
    } else {
        None
    };
    if let Some(ol) = open {
        return paren_marker(t, base, ol);
    }
    // 一、
    let han_len: usize = t
        .chars()
        .take_while(|&c| is_han_digit(c))
        .take(4)
        .map(char::len_utf8)
        .sum();
    if han_len > 0 && t[han_len..].starts_with('、') {
        let n = han_number(&t[..han_len])?;
        let end = han_len + '、'.len_utf8();
        return Some(found(t, base, NumStyle::HanComma, n, end));
    }
    // 1. 1． 1、
    arabic_marker(t, base)
}

/// The marker of `style` and `number` ending at byte `end` of `t`, and the
/// bytes it takes with the spaces after it.
fn found(t: &str, base: usize, style: NumStyle, number: u32, end: usize) -> (Marker, usize) {
    let sp = t[end..].len() - t[end..].trim_start_matches([' ', '\u{3000}']).len();
    (
        Marker {
            style,
            number,
            range: base..base + end,
        },
        end + sp,
    )
}

/// A number in parentheses (`（一）` `(一)` `（1）` `(1)`); the opening one
/// takes `ol` bytes.
fn paren_marker(t: &str, base: usize, ol: usize) -> Option<(Marker, usize)> {
    let rest = &t[ol..];
    // the number inside has at most three chars (three digits or three
    // numerals): a closing parenthesis further on closes no marker, so
    // only the first four chars are searched, not the whole paragraph
    let close_pos = rest
        .char_indices()
        .take(4)
        .find(|&(_, c)| matches!(c, '）' | ')'))
        .map(|(i, _)| i)?;
    let inner = &rest[..close_pos];
    let close_len = if rest[close_pos..].starts_with('）') {
        3
    } else {
        1
    };
    let end = ol + close_pos + close_len;
    let style;
    let number;
    if !inner.is_empty() && inner.len() <= 3 && inner.bytes().all(|b| b.is_ascii_digit()) {
        style = NumStyle::ArabicParen;
        number = inner.parse().ok()?;
    } else if let Some(n) = han_number(inner) {
        if inner.chars().count() > 3 {
            return None;
        }
        style = NumStyle::HanParen;
        number = n;
    } else {
        return None;
    }
    Some(found(t, base, style, number, end))
}

/// An Arabic number and a point or comma: `1.` `1．` `1、` (not `1.5亿元`).
fn arabic_marker(t: &str, base: usize) -> Option<(Marker, usize)> {
    let dl = t.bytes().take_while(|b| b.is_ascii_digit()).count();
    if !(1..=3).contains(&dl) {
        return None;
    }
    let rest = &t[dl..];
    let (style, ml) = if rest.starts_with('.') {
        (NumStyle::ArabicDot, 1)
    } else if rest.starts_with('．') {
        (NumStyle::ArabicFullDot, 3)
    } else if rest.starts_with('、') {
        (NumStyle::ArabicComma, 3)
    } else {
        return None;
    };
    let after = &rest[ml..];
    // 1.5亿元, 3.14 are numbers, not markers
    if after.starts_with(|c: char| c.is_ascii_digit() || c == '%') {
        return None;
    }
    let end = dl + ml;
    Some(found(t, base, style, t[..dl].parse().ok()?, end))
}
