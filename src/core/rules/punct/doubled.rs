//! `punct-doubled`: runs of pause marks (`。，` `，，` `、、`), reduced to the
//! strongest one; `？！` and `！！` are allowed.

use super::scan::{ascii_set, find_ascii, is_space, MarkScan};
use super::DOUBLED;
use crate::core::chars::{is_cjk, is_han};
use crate::core::finding::{Finding, Fix};
use crate::core::rules::{next_char, prev_char, ParaCtx};

/// Strength of a pause mark (higher wins when a doubled run is reduced).
fn rank(c: char) -> Option<u8> {
    match c {
        '？' | '！' | '?' | '!' => Some(4),
        '。' => Some(3),
        '；' | '：' | ';' | ':' => Some(2),
        '，' | ',' => Some(1),
        '、' => Some(0),
        _ => None,
    }
}

/// The full-width form of a half-width pause mark.
fn full_mark(c: char) -> char {
    match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        other => other,
    }
}

/// `？` or `！`, full or half width.
fn is_qe(c: char) -> bool {
    matches!(c, '？' | '！' | '?' | '!')
}

/// Is the char at byte `i` a pause mark for the doubled-mark check? Half-width
/// marks inside numbers and times (`3,000`, `10:30`) are not, nor are ASCII
/// `??` runs (encoding losses).
fn is_pause_at(s: &str, i: usize, c: char) -> bool {
    if rank(c).is_none() {
        return false;
    }
    if c.is_ascii() {
        let p = prev_char(s, i);
        let n = next_char(s, i + 1);
        if p.is_some_and(|x| x.is_ascii_alphanumeric())
            && n.is_some_and(|x| x.is_ascii_alphanumeric())
        {
            return false;
        }
        if c == '?' && (p == Some('?') || n == Some('?')) {
            return false;
        }
        // the end of an HTML entity left in pasted text (`&nbsp;`)
        if c == ';' && p.is_some_and(|x| x.is_ascii_alphanumeric()) {
            let word = s[..i].trim_end_matches(|x: char| x.is_ascii_alphanumeric() || x == '#');
            if word.ends_with('&') {
                return false;
            }
        }
    }
    true
}

/// A run of pause marks (possibly separated by spaces) starting at the mark at
/// byte `start`: (end of the last mark, marks with their offsets).
fn scan_pause_run(s: &str, start: usize) -> (usize, Vec<(usize, char)>) {
    let mut marks = Vec::new();
    let mut end = start;
    for (k, c) in s[start..].char_indices() {
        let at = start + k;
        if is_pause_at(s, at, c) {
            marks.push((at, c));
            end = at + c.len_utf8();
        } else if !is_space(c) {
            break;
        }
    }
    (end, marks)
}

/// The finding for a run of pause marks, if it is a doubled mark.
fn doubled_finding(s: &str, start: usize, end: usize, marks: &[(usize, char)]) -> Option<Finding> {
    if marks.len() < 2 {
        return None;
    }
    // ？！ ！！ ？？ ？！！ are allowed combinations
    if marks.iter().all(|&(_, c)| is_qe(c)) {
        return None;
    }
    // 。。。 is an ellipsis (punct-ellipsis)
    let mut dots = 0;
    for &(_, c) in marks {
        dots = if c == '。' { dots + 1 } else { 0 };
        if dots >= 3 {
            return None;
        }
    }
    let has_full = marks.iter().any(|&(_, c)| !c.is_ascii());
    if !has_full {
        // only half-width marks: Chinese context needed (English `Hi,, you`)
        let p = prev_char(s, start);
        let n = s[end..].chars().find(|&c| !is_space(c));
        if !(p.is_some_and(is_cjk) || n.is_some_and(is_han)) {
            return None;
        }
    }
    let kept: String = if marks.iter().any(|&(_, c)| is_qe(c)) {
        // keep the first run of ？！ (as written, in full width)
        marks
            .iter()
            .skip_while(|&&(_, c)| !is_qe(c))
            .take_while(|&&(_, c)| is_qe(c))
            .map(|&(_, c)| full_mark(c))
            .collect()
    } else {
        let pool: Vec<char> = marks
            .iter()
            .map(|&(_, c)| c)
            .filter(|c| !has_full || !c.is_ascii())
            .collect();
        let best = pool.iter().filter_map(|&c| rank(c)).max().unwrap_or(0);
        pool.iter()
            .find(|&&c| rank(c) == Some(best))
            .map(|&c| full_mark(c).to_string())
            .unwrap_or_default()
    };
    if kept.is_empty() {
        return None;
    }
    let written = &s[start..end];
    Some(
        Finding::new(
            DOUBLED,
            start..end,
            format!("“{written}”标点重复，应为“{kept}”"),
        )
        .with_fix(Fix::replace(
            start..end,
            kept.clone(),
            format!("改为“{kept}”"),
        )),
    )
}

/// `,` `;` `:` `?` `!`.
const DOUBLED_ASCII: u64 = ascii_set(b",;:?!");

/// The length of the char at byte `i` if it has a [`rank`] (read from the
/// bytes: `，；：？！` are EF BC xx, `。、` are E3 80 xx).
fn rank_len(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b',' | b';' | b':' | b'?' | b'!' => Some(1),
        0xEF => match b.get(i + 1..i + 3)? {
            [0xBC, 0x8C | 0x9B | 0x9A | 0x9F | 0x81] => Some(3),
            _ => None,
        },
        0xE3 => match b.get(i + 1..i + 3)? {
            [0x80, 0x82 | 0x81] => Some(3),
            _ => None,
        },
        _ => None,
    }
}

/// The first offset at or after `k` that is not a space ([`is_space`]).
fn skip_spaces(b: &[u8], mut k: usize) -> usize {
    loop {
        match b.get(k) {
            Some(b' ' | b'\t') => k += 1,
            Some(0xE3) if b.get(k + 1..k + 3) == Some(&[0x80, 0x80]) => k += 3,
            _ => return k,
        }
    }
}

/// The check of the rule (see the rule table).
pub(super) fn check_doubled(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    let s = ctx.masked;
    let b = s.as_bytes();
    let mut scan = MarkScan::new(
        s,
        |r| find_ascii(r, 0, DOUBLED_ASCII),
        |r| memchr::memchr2(0xEF, 0xE3, r),
    );
    let mut i = 0;
    while let Some(at) = scan.next(i) {
        i = at;
        // cheap rejection on the bytes: not a pause mark, or a mark whose next
        // non-space char is not one (the slow path below then moves on to
        // the end of the mark as well)
        let Some(len) = rank_len(b, i) else {
            i += 1;
            continue;
        };
        if rank_len(b, skip_spaces(b, i + len)).is_none() {
            i += len;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        if is_pause_at(s, i, c) {
            // fast path: a single mark (the common case) needs no run
            let after = i + c.len_utf8();
            let next = s[after..]
                .char_indices()
                .find(|&(_, x)| !is_space(x))
                .map(|(k, x)| (after + k, x));
            if !next.is_some_and(|(k, x)| is_pause_at(s, k, x)) {
                i = after;
                continue;
            }
            let (end, marks) = scan_pause_run(s, i);
            if let Some(f) = doubled_finding(s, i, end, &marks) {
                out.push(f);
            }
            i = end.max(i + c.len_utf8());
            continue;
        }
        i += c.len_utf8();
    }
}

/// Is the half-width mark at byte `i` part of a run that `punct-doubled`
/// reports? (`punct-halfwidth` stays silent there: one finding per defect.)
pub fn in_doubled_run(s: &str, i: usize) -> bool {
    let Some(c) = next_char(s, i) else {
        return false;
    };
    if !is_pause_at(s, i, c) {
        return false;
    }
    // walk back to the first mark of the run
    let mut start = i;
    for (k, ch) in s[..i].char_indices().rev() {
        if is_pause_at(s, k, ch) {
            start = k;
        } else if !is_space(ch) {
            break;
        }
    }
    let (end, marks) = scan_pause_run(s, start);
    doubled_finding(s, start, end, &marks).is_some()
}
