//! What a single line is: a byline (`□本报记者 王某`), a dateline
//! (`2023-05-12 07:30 来源：某某日报`), and whether it ends a sentence. Below
//! the outline, which classifies blocks with these tests, and the figures,
//! entities and spacing rules, which ask them of lines.
//!
//! Imports only `chars` and `data` (layer 0).

use super::chars::{is_closing, is_sentence_final};
use super::data::{self, data_file};
use std::sync::LazyLock;

/// Number of chars (cheap enough for the short lines we ask about).
pub(crate) fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Does the line end a sentence (a sentence-final mark, possibly followed
/// by closing marks, white space or a trailing note in parentheses)?
#[inline]
pub(crate) fn ends_sentence(s: &str) -> bool {
    // (most text ends in a char that is neither white space nor a closing
    // mark, `）` and `)` included: that char answers, without a call)
    match s.chars().next_back() {
        None => false,
        Some(c) if !c.is_whitespace() && !is_closing(c) => is_sentence_final(c),
        Some(_) => ends_sentence_after_marks(s),
    }
}

/// [`ends_sentence`] of text that ends in white space or a closing mark.
fn ends_sentence_after_marks(s: &str) -> bool {
    let mut t = s.trim_end();
    // a trailing note in parentheses after the sentence: `……干部。（牵头单位：组织部）`
    if t.ends_with(['）', ')']) {
        if let Some(open) = t.rfind(['（', '(']) {
            let before = t[..open].trim_end();
            if before.ends_with(|c: char| is_sentence_final(c) || is_closing(c)) {
                t = before;
            }
        }
    }
    let mut it = t.chars().rev();
    loop {
        match it.next() {
            Some(c) if is_closing(c) => continue,
            Some(c) => return is_sentence_final(c),
            None => return false,
        }
    }
}

/// Byline: `□文/半岛记者 胡蕾`, `图/高新区宣推办供图`, `本报记者 王某某 见习记者 李某`.
pub fn is_byline(s: &str) -> bool {
    let t = s.trim();
    is_byline_trimmed(t, || chars(t), || ends_sentence(t))
}

/// [`is_byline`] of a trimmed line `t`; `n` counts its chars and
/// `ends_sentence` says whether it ends a sentence, asked only of the few
/// lines shaped like a byline.
pub(crate) fn is_byline_trimmed(
    t: &str,
    n: impl FnOnce() -> usize,
    ends_sentence: impl FnOnce() -> bool,
) -> bool {
    // (the shape first: it turns away almost every line, the empty one too;
    // the length limit and the sentence test can only say no)
    byline_shape(t) && n() <= 60 && (!ends_sentence() || t.ends_with('摄'))
}

/// The heads a byline starts with (after an opening bracket).
static BYLINE_HEADS: LazyLock<Vec<String>> = LazyLock::new(|| {
    data::lines(data_file!("byline_heads.txt"))
        .filter_map(|f| match f.as_slice() {
            [h] => Some(h.to_string()),
            [h, "space"] => Some(format!("{h} ")),
            _ => None,
        })
        .collect()
});

/// A byline mark or head, or a title followed by space-separated names.
fn byline_shape(t: &str) -> bool {
    // (the first char decoded once for the marks, brackets and heads)
    let Some(first) = t.chars().next() else {
        return false;
    };
    if matches!(first, '□' | '■' | '◎' | '●') {
        return true;
    }
    let (t, first) = if matches!(first, '【' | '[' | '（' | '(') {
        let t = t.trim_start_matches(['【', '[', '（', '(']);
        (t, t.chars().next().unwrap_or(' '))
    } else {
        (t, first)
    };
    // (the heads' first chars, before comparing them all)
    if matches!(first, '文' | '图' | '本' | '记' | '作' | '撰' | '通' | '摄')
        && BYLINE_HEADS.iter().any(|h| t.starts_with(h.as_str()))
    {
        return true;
    }
    // 半岛记者 高晓飞 通讯员 沈明书 — a title followed by space-separated names
    // (the cheap byte searches first)
    memchr::memchr(b' ', t.as_bytes()).is_some()
        && (t.contains("记者") || t.contains("通讯员"))
        && !t.contains(['，', ',', '。'])
        && t.split(' ')
            .filter(|w| !w.is_empty())
            .all(|w| chars(w) <= 8)
}

/// Dateline: `2023-05-12 07:30 来源：某某日报`, `来源：新华社`, `发布时间：…`.
pub fn is_dateline(s: &str) -> bool {
    let t = s.trim();
    // (the shape, a few byte comparisons, before counting chars)
    dateline_shape(t) && chars(t) <= 60
}

/// [`is_dateline`] without the length limit, of a trimmed line.
pub(crate) fn dateline_shape(t: &str) -> bool {
    if t.starts_with("来源：")
        || t.starts_with("来源:")
        || t.starts_with("发布时间")
        || t.starts_with("发布日期")
    {
        return true;
    }
    let b = t.as_bytes();
    // 2023-05-12 or 2023年5月12日 at the start, followed by time or 来源
    let starts_date = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && (b[4] == b'-' || b[4] == b'/' || t[4..].starts_with('年'));
    starts_date
        && (t.contains("来源") || t.contains(':') && t.len() < 40 && !t.contains(['，', '。']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_and_datelines() {
        assert!(is_byline("□文/半岛记者 胡蕾"));
        assert!(is_byline("图/高新区宣推办供图"));
        assert!(is_byline("□半岛记者 高晓飞 通讯员 沈明书 李伟 滕媛"));
        assert!(is_byline("本报记者 王某某 见习记者 李某"));
        assert!(!is_byline(
            "记者从市南区了解到，今年以来全区共举办活动12场。"
        ));
        assert!(is_dateline("2023-05-12 07:30 来源：某某日报"));
        assert!(!is_dateline("2018年12月18日上午，大会召开。"));
    }

    /// [`byline_shape`] looks at the heads' first chars before comparing them all.
    /// Every line of the data file is a head; `space` keeps the space a
    /// head ends in (`记者 王某` is a byline, `记者手记` is not).
    #[test]
    fn byline_heads_keep_their_trailing_spaces() {
        assert_eq!(
            BYLINE_HEADS.len(),
            data::lines(data_file!("byline_heads.txt")).count()
        );
        for h in ["记者 ", "通讯员 ", "文 / ", "本报记者"] {
            assert!(BYLINE_HEADS.iter().any(|x| x == h), "{h:?}");
        }
        assert!(!BYLINE_HEADS.iter().any(|x| x == "记者"));
        // (a heading: a head `记者` without the space would take it for a byline)
        assert!(!is_byline("记者手记"));
    }

    #[test]
    fn byline_heads_start_with_the_chars_looked_at() {
        for h in BYLINE_HEADS.iter() {
            let first = h.chars().next().expect("non-empty");
            assert!(
                matches!(first, '文' | '图' | '本' | '记' | '作' | '撰' | '通' | '摄'),
                "{h}"
            );
        }
    }
}
