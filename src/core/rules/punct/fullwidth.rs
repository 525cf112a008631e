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
        // `：` (EF BC 9A) in a clock time: `16：32`
        if b.get(i + 1..i + 3) == Some(&[0xBC, 0x9A]) {
            if let Some(f) = time_colon(s, i) {
                out.push(f);
            }
            i += 3;
            continue;
        }
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

/// The full-width colon at byte `i` written in a clock time (`16：32`;
/// GB/T 15835-2011 writes `16:32`): one or two digits (an hour, 0–23)
/// before, exactly two (minutes, 00–59) after, and a time word around
/// (`上午`, `日`, `北京时间` before; `许`, `左右`, `至` after) — a score
/// (`以21：19获胜`) or a ratio stays silent.
fn time_colon(s: &str, i: usize) -> Option<Finding> {
    let b = s.as_bytes();
    let h_start = (i.saturating_sub(2)..i).find(|&k| b[k..i].iter().all(u8::is_ascii_digit))?;
    if h_start > 0 && b[h_start - 1].is_ascii_digit() {
        return None;
    }
    let m = b.get(i + 3..i + 5)?;
    if !m.iter().all(u8::is_ascii_digit) || b.get(i + 5).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let hour: u32 = s[h_start..i].parse().ok()?;
    let min: u32 = s[i + 3..i + 5].parse().ok()?;
    if hour > 23 || min > 59 {
        return None;
    }
    let before: String = s[..h_start].chars().rev().take(3).collect();
    let after = &s[i + 5..];
    let time_before = before.chars().any(|c| "日午晚早晨间于至到—～".contains(c));
    let time_after = [
        "许", "左右", "前后", "至", "到", "开始", "起", "—", "-", "～", "~", ":", "：",
    ]
    .iter()
    .any(|w| after.starts_with(w));
    if !(time_before || time_after) {
        return None;
    }
    let written = &s[h_start..i + 5];
    let right = format!("{}:{}", &s[h_start..i], &s[i + 3..i + 5]);
    Some(
        Finding::new(
            FULLWIDTH_ALNUM,
            i..i + 3,
            format!("时间“{written}”中的冒号应为半角“:”（{right}）"),
        )
        .with_fix(Fix::replace(i..i + 3, ":", "改为“:”")),
    )
}

#[cfg(test)]
mod tests {
    use crate::core::rules::testutil::{fixed, run_para};
    use crate::core::text::DocKind;

    fn fix(s: &str) -> String {
        fixed(s, &run_para("punct-fullwidth-alnum", s, DocKind::Plain))
    }

    #[test]
    fn clock_time_colon() {
        assert_eq!(fix("5日16：32，地震发生。"), "5日16:32，地震发生。");
        assert_eq!(
            fix("北京时间8：05许，飞船发射。"),
            "北京时间8:05许，飞船发射。"
        );
        assert_eq!(fix("会议于9：30至11：30举行。"), "会议于9:30至11:30举行。");
    }

    #[test]
    fn scores_and_ratios_left_alone() {
        for t in [
            "中国队以21：19获胜。",
            "双方比分为3：2。",
            "男女比例为1：1。",
            "中国队以25：23拿下首局。",
            "会议议程：16项。",
            "时间：2023年5月。",
        ] {
            assert!(
                run_para("punct-fullwidth-alnum", t, DocKind::Plain).is_empty(),
                "{t}"
            );
        }
    }
}
