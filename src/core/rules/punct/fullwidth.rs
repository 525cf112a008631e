//! `punct-fullwidth-alnum`: full-width digits and Latin letters
//! (`１２３` `ＡＰＰ`) for half-width ones.

use super::FULLWIDTH_ALNUM;
use crate::core::finding::{Finding, Fix};
use crate::core::rules::ParaCtx;

/// A full-width digit or Latin letter.
fn is_fw_alnum(c: char) -> bool {
    matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// A full-width digit.
fn is_fw_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

/// The half-width form of a full-width char (`．` is `.`).
fn half(c: char) -> char {
    if c == '．' {
        return '.';
    }
    char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
}

/// The check of the rule (see the rule table).
pub(super) fn check_fullwidth_alnum(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    let s = ctx.masked;
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(k) = b.get(i..).and_then(|r| memchr::memchr(0xEF, r)) {
        i += k;
        // ０-９ Ａ-Ｚ (EF BC 90..99, A1..BA), ａ-ｚ (EF BD 81..9A)
        if !matches!(
            b.get(i + 1..i + 3),
            Some([0xBC, 0x90..=0x99 | 0xA1..=0xBA] | [0xBD, 0x81..=0x9A])
        ) {
            i += 1;
            continue;
        }
        // the run, with a full-width point between full-width digits (１２．５)
        let mut end = i;
        let mut prev: Option<char> = None;
        let mut it = s[i..].char_indices().peekable();
        while let Some((k, ch)) = it.next() {
            let ok = is_fw_alnum(ch)
                || (ch == '．'
                    && prev.is_some_and(is_fw_digit)
                    && it.peek().is_some_and(|&(_, nx)| is_fw_digit(nx)));
            if !ok {
                break;
            }
            end = i + k + ch.len_utf8();
            prev = Some(ch);
        }
        let written = &s[i..end];
        let ascii: String = written.chars().map(half).collect();
        out.push(
            Finding::new(
                FULLWIDTH_ALNUM,
                i..end,
                format!("全角字符“{written}”应改为半角“{ascii}”"),
            )
            .with_fix(Fix::replace(
                i..end,
                ascii.clone(),
                format!("改为“{ascii}”"),
            )),
        );
        i = end;
    }
}
