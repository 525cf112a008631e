//! Inline pinyin annotations (`見習(xí)記者`, `实（shí）干`): where they are.
//!
//! The paragraph context blanks them out of the text it segments, so that
//! `见习(xí)记者` still yields 记者; the `pinyin-inline` rule reports them.

use std::ops::Range;

use crate::core::chars::{is_han, is_pinyin_annotation};

/// Byte ranges of parenthesised pinyin (parentheses included) directly after a
/// Han character, half- or full-width parentheses.
pub fn annotations(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !has_open_paren(s) {
        return out;
    }
    // visit only the opening parentheses (`(`, or `（` = EF BC 88); the
    // character before one is never inside an annotation already found
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(k) = b.get(from..).and_then(|r| memchr::memchr2(b'(', 0xEF, r)) {
        let i = from + k;
        let open_end = if b[i] == b'(' {
            i + 1
        } else if b.get(i..i + 3) == Some("（".as_bytes()) {
            i + 3
        } else {
            from = i + 1;
            continue;
        };
        from = open_end;
        if !s
            .get(..i)
            .and_then(|p| p.chars().next_back())
            .is_some_and(is_han)
        {
            continue;
        }
        let rest = &s[open_end..];
        let close = rest
            .char_indices()
            .take(48)
            .find(|(_, x)| matches!(x, ')' | '）' | '(' | '（'));
        if let Some((k, x)) = close {
            if matches!(x, ')' | '）') && is_pinyin_annotation(&rest[..k]) {
                let end = open_end + k + x.len_utf8();
                out.push(i..end);
                from = end;
            }
        }
    }
    out
}

/// Does `s` hold `(` or `（`? (Asked of every paragraph when its simplified
/// text is made: two vector searches, the second for the whole three bytes.)
pub fn has_open_paren(s: &str) -> bool {
    static FULL: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("（".as_bytes()));
    let b = s.as_bytes();
    memchr::memchr(b'(', b).is_some() || FULL.find(b).is_some()
}
