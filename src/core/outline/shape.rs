//! What a block says about itself, independent of its neighbours
//! ([`BlockShape`], cached per paragraph by the analyzer), and the line
//! tests it is made of: captions, boilerplate, numbered blocks.

use std::ops::Range;

use super::marker::parse_marker;
use super::{BlockClass, Marker};
use crate::core::boilerplate;
use crate::core::chars::is_han;
use crate::core::lines::{chars, dateline_shape, ends_sentence, is_byline_trimmed};
use crate::core::text::{Block, BlockKind};

/// `s.trim()`, answered from the bytes at both ends when they are no white
/// space (nearly all text): std's `trim` decodes a char at each end and looks
/// it up in the Unicode tables.
pub(super) fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    if starts_with_white_space(b) || ends_with_white_space(b) {
        s.trim()
    } else {
        s
    }
}

/// Does UTF-8 text start with a white space char (`char::is_whitespace`:
/// U+0009–000D, 0020, 0085, 00A0, 1680, 2000–200A, 2028, 2029, 202F, 205F,
/// 3000)?
pub(super) fn starts_with_white_space(b: &[u8]) -> bool {
    matches!(
        b,
        [b'\t'..=b'\r' | b' ', ..]
            | [0xC2, 0x85 | 0xA0, ..]
            | [0xE1, 0x9A, 0x80, ..]
            | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
            | [0xE2, 0x81, 0x9F, ..]
            | [0xE3, 0x80, 0x80, ..]
    )
}

/// Does UTF-8 text end with a white space char? (C2, E1, E2 and E3 are lead
/// bytes: a match at the end is the last char.)
pub(super) fn ends_with_white_space(b: &[u8]) -> bool {
    matches!(
        b,
        [.., b'\t'..=b'\r' | b' ']
            | [.., 0xC2, 0x85 | 0xA0]
            | [.., 0xE1, 0x9A, 0x80]
            | [.., 0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF]
            | [.., 0xE2, 0x81, 0x9F]
            | [.., 0xE3, 0x80, 0x80]
    )
}

/// The chars of `s` and whether it has a line break, in one pass over its
/// bytes (each char has one byte that is no UTF-8 continuation byte). The
/// counters are bytes, summed per chunk of 255, so that the compiler can
/// vectorize the loop.
pub(super) fn chars_and_line_break(s: &str) -> (usize, bool) {
    let mut n = 0;
    let mut line_break = 0;
    for chunk in s.as_bytes().chunks(255) {
        let mut c = 0u8;
        for &b in chunk {
            c += u8::from((b as i8) >= -0x40);
            line_break |= u8::from(b == b'\n');
        }
        n += usize::from(c);
    }
    (n, line_break != 0)
}

/// Photo caption line that says so: `…供图`, `…摄`, `图为…`.
pub fn is_caption_line(s: &str) -> bool {
    let t = s.trim();
    // (the shape, a look at both ends, before counting chars)
    caption_line_shape(t) && chars(t) <= 80
}

/// [`is_caption_line`] without the length limit, of a trimmed line.
fn caption_line_shape(t: &str) -> bool {
    let t2 = t.trim_end_matches(['。', '）', ')']);
    t2.ends_with("供图")
        || t2.ends_with("摄") && t.chars().rev().nth(1).is_some_and(|c| c != '拍')
        || t.starts_with("图为")
        || t.starts_with(['▲', '△', '↑'])
        || t2.ends_with("（资料图）")
        || t2.ends_with("资料图")
}

/// Short boilerplate lines left by web pages and apps.
#[cfg(test)]
pub fn is_boilerplate_line(s: &str) -> bool {
    boilerplate::is_boilerplate(s)
}

/// What a block says about itself, independent of its neighbours: cached per
/// paragraph by the analyzer, so that classifying a document on a keystroke
/// does not re-read every paragraph. Ranges are relative to the block start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockShape {
    /// First-pass class (relative ranges).
    pub own: BlockClass,
    /// Does the text end a sentence?
    pub ends_sentence: bool,
    /// Characters of the body text (after the markup prefix).
    pub nchars: usize,
    /// Short, without commas: shaped like a photo caption.
    pub caption_shape: bool,
    /// Has Chinese characters.
    pub has_han: bool,
    /// Runs over more than one line.
    pub multiline: bool,
    /// Starts with a dash (a subtitle under the title).
    pub starts_dash: bool,
    /// Names an app (`青岛新闻APP`): a banner when `打开` follows.
    pub app_banner: bool,
    /// A headline with a time stamp (a line of a related-news list).
    pub headline_with_time: bool,
}

impl BlockShape {
    /// The shape of `b`, whose text is `bt` (the whole block, prefix included).
    pub fn of(bt: &str, b: &Block) -> BlockShape {
        let prefix = b.prefix.min(bt.len());
        let t = bt.get(prefix..).unwrap_or("");
        // The line tests below all trim the text and give up beyond a length
        // (40, 60, 80, 16 chars): it is trimmed and its chars counted once
        // here and handed to them, so a long paragraph skips them without
        // changing any answer.
        let code = b.kind == BlockKind::Code;
        let trimmed = trim(t);
        let (nt, mut multiline) = chars_and_line_break(trimmed);
        let mut nchars = nt;
        if trimmed.len() != t.len() {
            // (white space around the text is rare: counted when there is some)
            (nchars, multiline) = chars_and_line_break(t);
        }
        if code {
            nchars = 0;
        }
        let own = own_class(bt, b, prefix, t, trimmed, nt);
        let text_ok = matches!(b.kind, BlockKind::Para | BlockKind::ListItem);
        // the time stamp pattern is tried on at most 240 bytes
        let may_end_with_time =
            trimmed.len() <= 240 && trimmed.chars().next_back().is_some_and(may_end_time);
        BlockShape {
            own,
            ends_sentence: !code && ends_sentence(t),
            nchars,
            caption_shape: !code && nt <= 40 && is_short_caption_shape(trimmed, nt),
            has_han: !code && t.chars().any(is_han),
            multiline,
            starts_dash: t.starts_with('—') || t.starts_with('-'),
            app_banner: text_ok && boilerplate::is_app_banner_trimmed(trimmed, nt),
            headline_with_time: text_ok
                && may_end_with_time
                && boilerplate::is_headline_with_time(t),
        }
    }
}

/// The first-pass class of block `b` (text `bt`, markup prefix of `prefix`
/// bytes), whose body text is `t`, trimmed `trimmed`, of `nt` chars.
fn own_class(bt: &str, b: &Block, prefix: usize, t: &str, trimmed: &str, nt: usize) -> BlockClass {
    match b.kind {
        BlockKind::Code => BlockClass::Code,
        BlockKind::TableRow => BlockClass::TableRow,
        BlockKind::MdHeading(level) => {
            let (marker, skip) = match parse_marker(t, prefix) {
                Some((m, l)) => (Some(m), l),
                None => (None, 0),
            };
            let tr = trim_range(bt, prefix + skip..bt.len());
            BlockClass::Heading {
                level,
                title: tr,
                marker,
            }
        }
        BlockKind::ListItem => BlockClass::ListItem { marker: None },
        BlockKind::Para => {
            if nt <= 40 && boilerplate::is_boilerplate_trimmed(trimmed, nt) {
                BlockClass::Boilerplate
            } else if nt <= 60 && is_byline_trimmed(trimmed, || nt, || ends_sentence(trimmed)) {
                BlockClass::Byline
            } else if nt <= 60 && dateline_shape(trimmed) {
                BlockClass::Dateline
            } else if let Some((m, l)) = parse_marker(t, prefix) {
                // a numbered item ending in a photo credit (`3．……（吴明摄）`)
                // is an item of its list, not a caption
                numbered(bt, prefix + l..bt.len(), m)
            } else if nt <= 80 && caption_line_shape(trimmed) {
                BlockClass::Caption
            } else {
                BlockClass::Body
            }
        }
    }
}

/// Can a line ending in `c` end with a time stamp? The pattern ends with a
/// digit (`\d` is any Unicode digit: asked as `is_numeric`), `日`, `前`, `天`
/// or `刚`. Paragraphs end in a Chinese character or a sentence mark, none of
/// them numeric: answered without looking up the Unicode tables.
pub(super) fn may_end_time(c: char) -> bool {
    match c {
        '0'..='9' | '日' | '前' | '天' | '刚' => true,
        '\0'..='\x7f' | '\u{4E00}'..='\u{9FFF}' | '。' | '”' | '）' | '！' | '？' | '…' => {
            false
        }
        _ => c.is_numeric(),
    }
}

/// A short line, no commas, ending in `。` or nothing: the shape of a photo
/// caption. `t` is trimmed, of `n` chars.
fn is_short_caption_shape(t: &str, n: usize) -> bool {
    // (the ends before the scan of the whole line)
    (4..=40).contains(&n)
        && !t.ends_with(['…', '；'])
        && parse_marker(t, 0).is_none()
        && !has_caption_stop(t)
}

/// Does `t` contain one of `，,；：:“？！`, which no photo caption has? (A byte
/// scan: `t.contains([…])` decodes every char. In UTF-8 the lead bytes E2 and
/// EF start only these chars' sequences when the two bytes after them match.)
pub(super) fn has_caption_stop(t: &str) -> bool {
    let b = t.as_bytes();
    b.iter().enumerate().any(|(i, &x)| match x {
        b',' | b':' => true,
        // `“` is E2 80 9C
        0xE2 => b.get(i + 1..i + 3) == Some(&[0x80, 0x9C][..]),
        // `，；：？！` are EF BC 8C, 9B, 9A, 9F, 81
        0xEF => matches!(
            b.get(i + 1..i + 3),
            Some([0xBC, 0x8C | 0x9B | 0x9A | 0x9F | 0x81])
        ),
        _ => false,
    })
}

/// A numbered block: heading when short or run-in (`1.强化党的领导。把……`),
/// otherwise a numbered list paragraph.
pub(super) fn numbered(text: &str, body: Range<usize>, m: Marker) -> BlockClass {
    let t = &text[body.clone()];
    let level = m.style.level();
    if t.trim().is_empty() {
        return BlockClass::Heading {
            level,
            title: body.start..body.start,
            marker: Some(m),
        };
    }
    if !ends_sentence(t) && chars(t) <= 40 && !t.contains('\n') {
        return BlockClass::Heading {
            level,
            title: trim_range(text, body),
            marker: Some(m),
        };
    }
    // run-in heading: a short first sentence without commas
    if let Some(p) = t.find(['。', '：', ':']) {
        let first = &t[..p];
        let c = chars(first);
        if (2..=20).contains(&c)
            && !first.contains(['，', ',', '；', '“', '（', '('])
            && p + 3 < t.len()
        {
            return BlockClass::Heading {
                level,
                title: body.start..body.start + p,
                marker: Some(m),
            };
        }
    }
    BlockClass::ListItem { marker: Some(m) }
}

/// `r` without the white space at either end of its text.
pub(super) fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    r.start + lead..(r.end - trail).max(r.start + lead)
}
