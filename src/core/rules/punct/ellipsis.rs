//! `punct-ellipsis`: `...` `。。。` `···` and a single `…` for `……`.

use super::scan::{doubled_at, run_of, MarkScan};
use super::ELLIPSIS;
use crate::core::chars::{is_cjk, is_han};
use crate::core::finding::{Finding, Fix};
use crate::core::rules::{next_char, prev_char, ParaCtx};

/// The mark of an ellipsis at byte `i`, and its length (read from the bytes).
fn ellipsis_mark(b: &[u8], i: usize) -> Option<(char, usize)> {
    let m = match (*b.get(i)?, b.get(i + 1..i + 3)) {
        (b'.', _) => ('.', 1),
        (0xC2, _) if b.get(i + 1) == Some(&0xB7) => ('·', 2),
        (0xE2, Some([0x80, 0xA6])) => ('…', 3),
        (0xE3, Some([0x80, 0x82])) => ('。', 3),
        (0xE3, Some([0x83, 0xBB])) => ('・', 3),
        (0xEF, Some([0xBC, 0x8E])) => ('．', 3),
        _ => return None,
    };
    Some(m)
}

/// The check of the rule (see the rule table).
pub(super) fn check_ellipsis(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    let s = ctx.masked;
    let b = s.as_bytes();
    let mut scan = MarkScan::new(
        s,
        |r| memchr::memchr2(b'.', 0xC2, r),
        |r| memchr::memchr3(0xE2, 0xE3, 0xEF, r),
    );
    let mut i = 0;
    while let Some(at) = scan.next(i) {
        i = at;
        let Some((c, len)) = ellipsis_mark(b, i) else {
            i += 1;
            continue;
        };
        // only `…` fires alone; a single other mark is skipped as the run of one it is
        i = if c == '…' || doubled_at(b, i, len) {
            ellipsis_run(s, i, c, out)
        } else {
            i + len
        };
    }
}

/// The run of `c` starting at byte `i`: its finding if it is a wrong
/// ellipsis; returns the end of the run.
fn ellipsis_run(s: &str, i: usize, c: char, out: &mut Vec<Finding>) -> usize {
    let (end, n) = run_of(s, i, c);
    let p = prev_char(s, i);
    let nx = next_char(s, end);
    let prev_cjk = p.is_some_and(is_cjk);
    let next_han = nx.is_some_and(is_han);
    let prev_alnum = p.is_some_and(|x| x.is_ascii_alphanumeric());
    // long runs are leaders in a table of contents (`一、总体要求........3`)
    let leader = n > 6 || nx.is_some_and(|x| x.is_ascii_digit());
    let fire = match c {
        // `...` in Chinese text; not after letters or digits (English, 1...10)
        '.' | '．' => n >= 3 && !leader && !prev_alnum && (prev_cjk || next_han),
        '。' => n >= 3 && !leader,
        // `···` (a single `·` is the name separator)
        '·' | '・' => n >= 3 && !leader && (prev_cjk || next_han),
        // a single `…` or three of them; `……` and `…………` are right
        '…' => (n == 1 || n == 3) && !prev_alnum && (prev_cjk || next_han),
        _ => false,
    };
    if fire {
        let written = &s[i..end];
        out.push(
            Finding::new(
                ELLIPSIS,
                i..end,
                format!("省略号应为“……”，不应写作“{written}”"),
            )
            .with_fix(Fix::replace(i..end, "……", "改为“……”")),
        );
    }
    end
}
