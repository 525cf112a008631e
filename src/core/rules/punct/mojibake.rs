//! `punct-mojibake`: encoding losses (`?` `??` between Chinese characters
//! that ask nothing, `\u{FFFD}`), a lone `*` for removed words, and empty
//! book-title marks or quotes. No fix: the lost text cannot be known.

use super::scan::{run_of, MarkScan};
use super::MOJIBAKE;
use crate::core::chars::{is_cjk, is_han};
use crate::core::data::{self, data_file};
use crate::core::finding::Finding;
use crate::core::rules::{next_char, prev_char, ParaCtx};
use std::sync::LazyLock;

/// Words that make a clause a question.
static INTERROGATIVE: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| data::entries(data_file!("mojibake_interrogatives.txt")).collect());

/// The sentence before byte `at` (back to the previous sentence mark): a
/// question may put its interrogative word several clauses earlier
/// (`如何进一步解放思想，加大工作力度，为区域发展再添新动能?`).
fn sentence_before(s: &str, at: usize) -> &str {
    let start = s[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '。' | '！' | '？' | '；' | ';' | '!' | '?'))
        .map(|(k, c)| k + c.len_utf8())
        .unwrap_or(0);
    &s[start..at]
}

/// Does the clause ask a question (an interrogative word, or `A不A`)?
fn asks(sentence: &str) -> bool {
    if INTERROGATIVE.iter().any(|w| sentence.contains(w)) {
        return true;
    }
    let cs: Vec<char> = sentence.chars().collect();
    cs.windows(3)
        .any(|w| matches!(w[1], '不' | '没') && w[0] == w[2] && is_han(w[0]))
}

/// Is the ASCII `?` at byte `i` an encoding loss rather than a question mark?
/// A single `?` directly between two Han characters in a clause that asks
/// nothing (`马克?吐温`).
pub fn is_lost_char_question(s: &str, i: usize) -> bool {
    if s.as_bytes().get(i) != Some(&b'?') {
        return false;
    }
    let p = prev_char(s, i);
    let n = next_char(s, i + 1);
    p.is_some_and(is_han) && n.is_some_and(is_han) && !asks(sentence_before(s, i))
}

/// The mark at byte `i` that `punct-mojibake` looks at (read from the bytes):
/// `?` `*` `＊` `\u{FFFD}`, and `《` `“` `‘` directly followed by their closing mark.
fn mojibake_mark(b: &[u8], i: usize) -> Option<char> {
    let m = match (*b.get(i)?, b.get(i + 1..i + 6)) {
        (b'?', _) => '?',
        (b'*', _) => '*',
        (0xEF, _) => match b.get(i + 1..i + 3)? {
            [0xBF, 0xBD] => '\u{FFFD}',
            [0xBC, 0x8A] => '＊',
            _ => return None,
        },
        (0xE3, Some([0x80, 0x8A, 0xE3, 0x80, 0x8B])) => '《',
        (0xE2, Some([0x80, 0x9C, 0xE2, 0x80, 0x9D])) => '“',
        (0xE2, Some([0x80, 0x98, 0xE2, 0x80, 0x99])) => '‘',
        _ => return None,
    };
    Some(m)
}

/// The check of the rule (see the rule table).
pub(super) fn check_mojibake(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    let s = ctx.masked;
    let b = s.as_bytes();
    let mut scan = MarkScan::new(
        s,
        |r| memchr::memchr2(b'?', b'*', r),
        |r| memchr::memchr3(0xE2, 0xE3, 0xEF, r),
    );
    let mut i = 0;
    while let Some(at) = scan.next(i) {
        i = match mojibake_mark(b, at) {
            Some('*') if star_run(ctx, s, at).is_some() => {
                let end = star_run(ctx, s, at).unwrap_or(at + 1);
                out.push(Finding::new(
                    MOJIBAKE,
                    at..end,
                    format!(
                        "“{}”疑为被删除文字（如人名）的占位符，请补全原文",
                        &s[at..end]
                    ),
                ));
                end
            }
            Some(c) => mojibake_at(s, at, c, out),
            None => at + 1,
        };
    }
    garbled_runs(s, out);
}

/// The classic mojibake of a UTF-8 ↔ GBK round trip (`锟斤拷`) and of
/// uninitialised memory (`烫烫烫`, `屯屯屯`).
const GARBLED: &[&str] = &["锟斤拷", "烫烫烫", "屯屯屯"];

/// Runs of [`GARBLED`] text.
fn garbled_runs(s: &str, out: &mut Vec<Finding>) {
    static FINDERS: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::LazyLock::new(|| {
            GARBLED
                .iter()
                .map(|u| memchr::memmem::Finder::new(u.as_bytes()))
                .collect()
        });
    for (unit, finder) in GARBLED.iter().zip(FINDERS.iter()) {
        let mut from = 0;
        while let Some(k) = s.get(from..).and_then(|r| finder.find(r.as_bytes())) {
            let start = from + k;
            let mut end = start + unit.len();
            while s[end..].starts_with(unit) {
                end += unit.len();
            }
            // a trailing partial unit (`锟斤拷锟`) belongs to the run
            while let Some(c) = s[end..].chars().next().filter(|&c| unit.contains(c)) {
                end += c.len_utf8();
            }
            out.push(Finding::new(
                MOJIBAKE,
                start..end,
                format!(
                    "“{}”是乱码（编码转换或未初始化的数据），请核对原文",
                    &s[start..end]
                ),
            ));
            from = end;
        }
    }
}

/// A run of two to six `*` in plain text standing for removed words
/// (`会议由***主持`, `，**、国务院`): after a pause or opening mark, or a run
/// of three or more after a Han character, and before a Han character or a
/// pause mark. `张**` (two stars after a name, an anonymised person) and
/// Markdown (emphasis) are left alone. Returns the end of the run.
fn star_run(ctx: &ParaCtx, s: &str, i: usize) -> Option<usize> {
    if ctx.doc_kind != crate::core::text::DocKind::Plain {
        return None;
    }
    let (end, n) = run_of(s, i, '*');
    if !(2..=6).contains(&n) || prev_char(s, i) == Some('*') {
        return None;
    }
    let p = prev_char(s, i)?;
    let nx = next_char(s, end)?;
    let after_mark = matches!(p, '，' | '、' | '：' | '“' | '（' | '；');
    let ok_before = after_mark || (is_han(p) && n >= 3);
    let ok_after = is_han(nx) || matches!(nx, '、' | '，' | '。');
    (ok_before && ok_after).then_some(end)
}

/// The mark `c` at byte `i`: its finding, if any; returns where the scan goes on.
fn mojibake_at(s: &str, i: usize, c: char, out: &mut Vec<Finding>) -> usize {
    match c {
        '\u{FFFD}' => {
            let (end, _) = run_of(s, i, c);
            out.push(Finding::new(
                MOJIBAKE,
                i..end,
                "“\u{FFFD}”是乱码（编码转换时丢失的字符），请核对原文",
            ));
            return end;
        }
        '?' => {
            let (end, n) = run_of(s, i, c);
            let p = prev_char(s, i);
            let nx = next_char(s, end);
            let lost = if n >= 2 {
                p.is_some_and(is_cjk) && nx.is_some_and(is_cjk) && !asks(sentence_before(s, i))
            } else {
                is_lost_char_question(s, i)
            };
            if lost {
                let written = &s[i..end];
                out.push(Finding::new(
                    MOJIBAKE,
                    i..end,
                    format!("“{written}”疑为乱码（编码转换时丢失的字符，常见于破折号、间隔号），请核对原文"),
                ));
            }
            return end;
        }
        '*' | '＊' if lone_star(s, i, c) => {
            out.push(Finding::new(
                MOJIBAKE,
                i..i + c.len_utf8(),
                format!("孤立的“{c}”疑为被删除文字的占位符，请补全原文"),
            ));
        }
        '《' | '“' | '‘' => {
            let close = match c {
                '《' => '》',
                '“' => '”',
                _ => '’',
            };
            let e = i + c.len_utf8();
            if next_char(s, e) == Some(close) && !names_marks(s, i, e + close.len_utf8()) {
                let what = if c == '《' { "书名号" } else { "引号" };
                out.push(Finding::new(
                    MOJIBAKE,
                    i..e + close.len_utf8(),
                    format!("{what}内容为空，疑似文字缺失"),
                ));
                return e + close.len_utf8();
            }
        }
        _ => {}
    }
    i + c.len_utf8()
}

/// `引号“”` or `（《》）`: the marks themselves are being named.
fn names_marks(s: &str, start: usize, end: usize) -> bool {
    let p = prev_char(s, start);
    let n = next_char(s, end);
    p == Some('号') || (matches!(p, Some('（' | '(')) && matches!(n, Some('）' | ')')))
}

/// A single `*` that stands for removed words: after an opening quote or a
/// pause mark, before a Han character or `、`, and alone in its sentence (so
/// not emphasis, a footnote mark or an anonymised name like `王*`).
fn lone_star(s: &str, i: usize, c: char) -> bool {
    let end = i + c.len_utf8();
    let p = prev_char(s, i);
    let n = next_char(s, end);
    let is_star = |x: char| x == '*' || x == '＊';
    if p.is_some_and(is_star) || n.is_some_and(is_star) {
        return false;
    }
    let p_ok = p.is_some_and(|x| {
        matches!(
            x,
            '“' | '‘'
                | '《'
                | '（'
                | '「'
                | '『'
                | '【'
                | '，'
                | ','
                | '、'
                | '；'
                | ';'
                | '：'
                | ':'
        )
    });
    let n_ok = n.is_some_and(|x| is_han(x) || x == '、');
    if !p_ok || !n_ok {
        return false;
    }
    // the sign itself is meant: `注：*号为新增项目` `*表示必填`
    let rest = &s[end..];
    if ["号", "表示", "代表", "为", "是", "者", "处", "标", "指"]
        .iter()
        .any(|w| rest.starts_with(w))
    {
        return false;
    }
    let is_end = |x: char| matches!(x, '。' | '！' | '？' | '!' | '?');
    let sent_start = s[..i]
        .char_indices()
        .rev()
        .find(|&(_, x)| is_end(x))
        .map(|(k, x)| k + x.len_utf8())
        .unwrap_or(0);
    let sent_end = s[end..]
        .char_indices()
        .find(|&(_, x)| is_end(x))
        .map(|(k, _)| end + k)
        .unwrap_or(s.len());
    !s[sent_start..i].chars().any(is_star) && !s[end..sent_end].chars().any(is_star)
}
