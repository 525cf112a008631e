//! Article structure: what each block is (title, byline, caption, heading,
//! body…) and the section tree built from the headings.
//!
//! Headings follow GB/T 9704-2012: `一、` → `（一）` → `1.` → `（1）`; plus
//! Markdown headings and short standalone subheadings. Bylines, datelines and
//! photo captions are article metadata, never sections.

use std::ops::Range;

use super::chars::{is_han, is_sentence_final};
use super::text::{Block, BlockKind, DocKind};

/// Numbering style of a numbered heading or list item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum NumStyle {
    /// `一、`
    HanComma,
    /// `（一）` / `(一)`
    HanParen,
    /// `1.` (half-width point)
    ArabicDot,
    /// `1．` (full-width point)
    ArabicFullDot,
    /// `1、`
    ArabicComma,
    /// `（1）` / `(1)`
    ArabicParen,
}

impl NumStyle {
    /// Level in the GB/T 9704 hierarchy (1-based).
    pub fn level(self) -> u8 {
        match self {
            NumStyle::HanComma => 1,
            NumStyle::HanParen => 2,
            NumStyle::ArabicDot | NumStyle::ArabicFullDot | NumStyle::ArabicComma => 3,
            NumStyle::ArabicParen => 4,
        }
    }
}

/// A heading or list number at the start of a block.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Marker {
    pub style: NumStyle,
    pub number: u32,
    /// Byte range of the marker (`（一）`) in the document.
    pub range: Range<usize>,
}

/// What a block is in the article.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum BlockClass {
    /// The main title; `range` is its text.
    Title,
    /// Kicker (引题) above or subtitle (副题) below the title.
    TitleLine,
    Byline,
    Dateline,
    Caption,
    /// Web or app boilerplate (`大家都在看`).
    Boilerplate,
    /// A heading: level, the title text range (document bytes), and the number marker if any.
    Heading {
        level: u8,
        title: Range<usize>,
        marker: Option<Marker>,
    },
    /// A numbered paragraph that is not a heading (`（1）召开……。`).
    ListItem {
        marker: Option<Marker>,
    },
    Body,
    Code,
    TableRow,
}

impl BlockClass {
    pub fn is_body(&self) -> bool {
        matches!(self, BlockClass::Body | BlockClass::ListItem { .. })
    }
    pub fn is_heading(&self) -> bool {
        matches!(self, BlockClass::Heading { .. })
    }
    pub fn marker(&self) -> Option<&Marker> {
        match self {
            BlockClass::Heading { marker, .. } | BlockClass::ListItem { marker } => marker.as_ref(),
            _ => None,
        }
    }
}

/// A section of the outline.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Section {
    pub name: String,
    /// Kicker / subtitle for the title, marker for numbered headings.
    pub detail: Option<String>,
    pub is_title: bool,
    pub level: u8,
    /// From the heading to the end of the section (bytes).
    pub range: Range<usize>,
    /// The heading text (bytes).
    pub selection: Range<usize>,
    pub children: Vec<Section>,
}

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
        let sp = t[end..].len() - t[end..].trim_start_matches([' ', '\u{3000}']).len();
        return Some((
            Marker {
                style,
                number,
                range: base..base + end,
            },
            end + sp,
        ));
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
        let sp = t[end..].len() - t[end..].trim_start_matches([' ', '\u{3000}']).len();
        return Some((
            Marker {
                style: NumStyle::HanComma,
                number: n,
                range: base..base + end,
            },
            end + sp,
        ));
    }
    // 1. 1． 1、
    let dl = t.bytes().take_while(|b| b.is_ascii_digit()).count();
    if (1..=3).contains(&dl) {
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
        let sp = t[end..].len() - t[end..].trim_start_matches([' ', '\u{3000}']).len();
        return Some((
            Marker {
                style,
                number: t[..dl].parse().ok()?,
                range: base..base + end,
            },
            end + sp,
        ));
    }
    None
}

/// `s.trim()`, answered from the bytes at both ends when they are no white
/// space (nearly all text): std's `trim` decodes a char at each end and looks
/// it up in the Unicode tables.
fn trim(s: &str) -> &str {
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
fn starts_with_white_space(b: &[u8]) -> bool {
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
fn ends_with_white_space(b: &[u8]) -> bool {
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
fn chars_and_line_break(s: &str) -> (usize, bool) {
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

/// Number of chars (cheap enough for the short lines we ask about).
fn chars(s: &str) -> usize {
    s.chars().count()
}

#[inline]
fn ends_sentence(s: &str) -> bool {
    // (most text ends in a char that is neither white space nor a closing
    // mark, `）` and `)` included: that char answers, without a call)
    match s.chars().next_back() {
        None => false,
        Some(c) if !c.is_whitespace() && !super::chars::is_closing(c) => is_sentence_final(c),
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
            if before.ends_with(|c: char| is_sentence_final(c) || super::chars::is_closing(c)) {
                t = before;
            }
        }
    }
    let mut it = t.chars().rev();
    loop {
        match it.next() {
            Some(c) if super::chars::is_closing(c) => continue,
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
fn is_byline_trimmed(
    t: &str,
    n: impl FnOnce() -> usize,
    ends_sentence: impl FnOnce() -> bool,
) -> bool {
    // (the shape first: it turns away almost every line, the empty one too;
    // the length limit and the sentence test can only say no)
    byline_shape(t) && n() <= 60 && (!ends_sentence() || t.ends_with('摄'))
}

/// The heads a byline starts with (after an opening bracket).
const BYLINE_HEADS: &[&str] = &[
    "文/",
    "图/",
    "文／",
    "图／",
    "文 / ",
    "图 / ",
    "本报记者",
    "本报通讯员",
    "记者 ",
    "作者：",
    "作者:",
    "撰文",
    "通讯员 ",
    "摄影：",
];

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
        && BYLINE_HEADS.iter().any(|h| t.starts_with(h))
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
fn dateline_shape(t: &str) -> bool {
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

/// A date standing alone on its line: `2024年3月5日`, `二〇二四年三月五日`.
pub fn is_date_only(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let Some((y, rest)) = t.split_once('年') else {
        return false;
    };
    let Some((m, rest)) = rest.split_once('月') else {
        return false;
    };
    let Some(d) = rest.strip_suffix('日') else {
        return false;
    };
    let arabic = |x: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&x.len()) && x.bytes().all(|b| b.is_ascii_digit())
    };
    let han = |x: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&x.chars().count()) && x.chars().all(|c| "〇零一二三四五六七八九十".contains(c))
    };
    (arabic(y, 4..=4) && arabic(m, 1..=2) && arabic(d, 1..=2))
        || (han(y, 4..=4) && han(m, 1..=3) && han(d, 1..=3))
}

/// The signature of an official document (落款, GB/T 9704-2012 §7.3.5): the
/// issuing office on one or a few short lines, then the date alone, at the
/// end. Metadata (a byline and a dateline), not a heading.
fn mark_signature<'t>(
    blocks: &[Block],
    body_text: &dyn Fn(usize) -> &'t str,
    shapes: &[&BlockShape],
    out: &mut [BlockClass],
) {
    // the last block with text
    let Some(last) = (0..blocks.len())
        .rev()
        .find(|&i| !matches!(out[i], BlockClass::Code | BlockClass::Boilerplate))
    else {
        return;
    };
    if !matches!(out[last], BlockClass::Body | BlockClass::Caption)
        || !is_date_only(body_text(last))
    {
        return;
    }
    // (short lines in a row read as captions until here)
    let office = |i: usize| {
        matches!(out[i], BlockClass::Body | BlockClass::Caption)
            && !is_caption_line(body_text(i))
            && blocks[i].kind == BlockKind::Para
            && !shapes[i].ends_sentence
            && shapes[i].has_han
            && !shapes[i].multiline
            && (2..=30).contains(&shapes[i].nchars)
            && !body_text(i).contains(['，', '。', '；', ',', ';'])
    };
    let mut first = last;
    while first > 0 && last - first < 3 && office(first - 1) {
        first -= 1;
    }
    if first == last {
        return;
    }
    for c in &mut out[first..last] {
        *c = BlockClass::Byline;
    }
    out[last] = BlockClass::Dateline;
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
pub fn is_boilerplate_line(s: &str) -> bool {
    super::boilerplate::is_boilerplate(s)
}

/// Classify every block. `continues(prev, next)` says whether the text of
/// block `prev` runs on into block `next` (a paragraph broken mid-sentence).
/// What a block says about itself, independent of its neighbours: cached per
/// paragraph by the analyzer, so that classifying a document on a keystroke
/// does not re-read every paragraph. Ranges are relative to the block start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockShape {
    /// First-pass class (relative ranges).
    pub own: BlockClass,
    pub ends_sentence: bool,
    /// Characters of the body text (after the markup prefix).
    pub nchars: usize,
    pub caption_shape: bool,
    pub has_han: bool,
    pub multiline: bool,
    pub starts_dash: bool,
    pub app_banner: bool,
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
        let own = match b.kind {
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
                if nt <= 40 && super::boilerplate::is_boilerplate_trimmed(trimmed, nt) {
                    BlockClass::Boilerplate
                } else if nt <= 60 && is_byline_trimmed(trimmed, || nt, || ends_sentence(trimmed)) {
                    BlockClass::Byline
                } else if nt <= 60 && dateline_shape(trimmed) {
                    BlockClass::Dateline
                } else if nt <= 80 && caption_line_shape(trimmed) {
                    BlockClass::Caption
                } else if let Some((m, l)) = parse_marker(t, prefix) {
                    numbered(bt, prefix + l..bt.len(), m)
                } else {
                    BlockClass::Body
                }
            }
        };
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
            app_banner: text_ok && super::boilerplate::is_app_banner_trimmed(trimmed, nt),
            headline_with_time: text_ok
                && may_end_with_time
                && super::boilerplate::is_headline_with_time(t),
        }
    }
}

/// Can a line ending in `c` end with a time stamp? The pattern ends with a
/// digit (`\d` is any Unicode digit: asked as `is_numeric`), `日`, `前`, `天`
/// or `刚`. Paragraphs end in a Chinese character or a sentence mark, none of
/// them numeric: answered without looking up the Unicode tables.
fn may_end_time(c: char) -> bool {
    match c {
        '0'..='9' | '日' | '前' | '天' | '刚' => true,
        '\0'..='\x7f' | '\u{4E00}'..='\u{9FFF}' | '。' | '”' | '）' | '！' | '？' | '…' => {
            false
        }
        _ => c.is_numeric(),
    }
}

fn shift_class(c: &BlockClass, by: usize) -> BlockClass {
    let sm = |m: &Option<Marker>| {
        m.as_ref().map(|m| Marker {
            style: m.style,
            number: m.number,
            range: m.range.start + by..m.range.end + by,
        })
    };
    match c {
        BlockClass::Heading {
            level,
            title,
            marker,
        } => BlockClass::Heading {
            level: *level,
            title: title.start + by..title.end + by,
            marker: sm(marker),
        },
        BlockClass::ListItem { marker } => BlockClass::ListItem { marker: sm(marker) },
        other => other.clone(),
    }
}

/// Classify every block (computing each block's shape afresh).
pub fn classify(text: &str, blocks: &[Block], kind: DocKind) -> Vec<BlockClass> {
    let shapes: Vec<BlockShape> = blocks
        .iter()
        .map(|b| BlockShape::of(&text[b.range.clone()], b))
        .collect();
    let refs: Vec<&BlockShape> = shapes.iter().collect();
    classify_shapes(text, blocks, kind, &refs)
}

/// Classify every block from their cached shapes; only the neighbour rules
/// run here (and jieba only on the few candidate junctions).
pub fn classify_shapes(
    text: &str,
    blocks: &[Block],
    kind: DocKind,
    shapes: &[&BlockShape],
) -> Vec<BlockClass> {
    let n = blocks.len().min(shapes.len());
    let blocks = &blocks[..n];
    let body_text = |i: usize| -> &str {
        let b = &blocks[i];
        &text[(b.range.start + b.prefix).min(b.range.end)..b.range.end]
    };
    let ends = |i: usize| shapes[i].ends_sentence;
    let nch = |i: usize| shapes[i].nchars;
    let has_md_heading = blocks
        .iter()
        .any(|b| matches!(b.kind, BlockKind::MdHeading(_)));

    // first pass: what each block says about itself (cached)
    let mut out: Vec<BlockClass> = blocks
        .iter()
        .zip(shapes)
        .map(|(b, s)| shift_class(&s.own, b.range.start))
        .collect();

    mark_page_furniture(blocks, &body_text, shapes, &mut out);

    // header zone: leading plain blocks before the first body paragraph / byline
    if kind == DocKind::Plain || !has_md_heading {
        let mut zone = Vec::new();
        for (i, c) in out.iter().enumerate() {
            // leading front matter or suppression comments do not end the zone
            if zone.is_empty() && matches!(c, BlockClass::Code) {
                continue;
            }
            // an app banner or share bar above the title
            if zone.is_empty() && matches!(c, BlockClass::Boilerplate) {
                continue;
            }
            if matches!(c, BlockClass::Body)
                && blocks[i].kind == BlockKind::Para
                && !ends(i)
                && nch(i) <= 60
            {
                zone.push(i);
                if zone.len() == 4 {
                    break;
                }
                continue;
            }
            break;
        }
        // a zone of one line directly followed by body text is a title only if
        // the next block is metadata or body; a lone first line counts.
        match zone.len() {
            0 => {}
            1 => out[zone[0]] = BlockClass::Title,
            2 => {
                if shapes[zone[1]].starts_dash {
                    out[zone[0]] = BlockClass::Title;
                    out[zone[1]] = BlockClass::TitleLine;
                } else {
                    out[zone[0]] = BlockClass::TitleLine;
                    out[zone[1]] = BlockClass::Title;
                }
            }
            _ => {
                for &z in &zone {
                    out[z] = BlockClass::TitleLine;
                }
                out[zone[1]] = BlockClass::Title;
            }
        }
    }

    // captions: runs of short lines without commas between body paragraphs,
    // or right after a paragraph that breaks off mid-sentence
    for i in 0..n {
        if !matches!(out[i], BlockClass::Body) {
            continue;
        }
        if !shapes[i].caption_shape {
            continue;
        }
        let t = body_text(i);
        let prev = prev_content(&out, i);
        let prev_broken = prev.is_some_and(|p| {
            matches!(out[p], BlockClass::Body) && !ends(p) && nch(p) > 10
                || matches!(out[p], BlockClass::Caption)
        });
        let next_is_caption_like = (i + 1 < n)
            && matches!(out[i + 1], BlockClass::Body | BlockClass::Caption)
            && shapes[i + 1].caption_shape;
        // the rest of a word split by the line break (`问题在第` / `一时间解决。`),
        // or a lone line that completes an open sentence, continues the
        // paragraph; it is not a caption
        if prev.is_some_and(|p| {
            matches!(out[p], BlockClass::Body)
                && !ends(p)
                && (super::broken::split_word(body_text(p), t)
                    || !next_is_caption_like && super::broken::runs_on(body_text(p), t))
        }) {
            continue;
        }
        let prev_is_caption = i > 0 && matches!(out[i - 1], BlockClass::Caption);
        if prev_broken
            || (next_is_caption_like
                && (prev_is_caption
                    || i > 0 && shapes[i - 1].caption_shape
                    || next_is_run(shapes, &out, i)))
            || prev_is_caption && next_is_caption_like
        {
            out[i] = BlockClass::Caption;
        }
    }

    mark_signature(blocks, &body_text, shapes, &mut out);

    // standalone subheadings: short, no sentence-final punctuation, followed by body text
    let mut group_heading_seen = false;
    for i in 0..n {
        if !matches!(out[i], BlockClass::Body) || blocks[i].kind != BlockKind::Para {
            continue;
        }
        if ends(i) || nch(i) > 30 || nch(i) < 2 || shapes[i].multiline || !shapes[i].has_han {
            continue;
        }
        let t = body_text(i);
        // next content block, skipping captions
        let mut j = i + 1;
        while j < n && matches!(out[j], BlockClass::Caption | BlockClass::Code) {
            j += 1;
        }
        if j >= n {
            continue;
        }
        let next_is_sub =
            matches!(out[j], BlockClass::Body) && !ends(j) && nch(j) <= 30 && j + 1 < n;
        let next_ok = out[j].is_body() || out[j].is_heading() || next_is_sub;
        if !next_ok {
            continue;
        }
        if super::broken::runs_on(t, body_text(j)) {
            continue;
        }
        let start = blocks[i].range.start + blocks[i].prefix;
        let level = if next_is_sub
            && j == i + 1
            && !super::broken::runs_on(body_text(j), body_text((j + 1).min(n - 1)))
        {
            group_heading_seen = true;
            1
        } else if group_heading_seen {
            2
        } else {
            1
        };
        out[i] = BlockClass::Heading {
            level,
            title: trim_range(text, start..blocks[i].range.end),
            marker: None,
        };
    }
    out
}

/// App banners (`青岛新闻APP` + `打开`) and lists of related headlines with
/// time stamps (3 or more, at the end of the article or under a widget title
/// such as `相关新闻`) are page furniture too.
fn mark_page_furniture<'t>(
    blocks: &[Block],
    body_text: &dyn Fn(usize) -> &'t str,
    shapes: &[&BlockShape],
    out: &mut [BlockClass],
) {
    let n = blocks.len();
    let text_ok = |i: usize| matches!(blocks[i].kind, BlockKind::Para | BlockKind::ListItem);
    for i in 0..n.saturating_sub(1) {
        if text_ok(i)
            && !matches!(out[i], BlockClass::Boilerplate)
            && shapes[i].app_banner
            && matches!(out[i + 1], BlockClass::Boilerplate)
            && {
                let next = body_text(i + 1)
                    .trim()
                    .trim_start_matches(['立', '即', '点', '击']);
                next.starts_with("打开") || next.starts_with("下载")
            }
        {
            out[i] = BlockClass::Boilerplate;
        }
    }
    let headline: Vec<bool> = (0..n)
        .map(|i| text_ok(i) && shapes[i].headline_with_time)
        .collect();
    let mut i = 0;
    while i < n {
        if !(headline[i] || matches!(out[i], BlockClass::Boilerplate)) {
            i += 1;
            continue;
        }
        // a group of headline and boilerplate lines
        let start = i;
        while i < n && (headline[i] || matches!(out[i], BlockClass::Boilerplate)) {
            i += 1;
        }
        let group = start..i;
        let count = group.clone().filter(|&k| headline[k]).count();
        let titled = group
            .clone()
            .take_while(|&k| !headline[k])
            .any(|k| matches!(out[k], BlockClass::Boilerplate));
        if count >= 3 && (titled || i == n) {
            for k in group {
                if headline[k] {
                    out[k] = BlockClass::Boilerplate;
                }
            }
        }
    }
}

fn next_is_run(shapes: &[&BlockShape], out: &[BlockClass], i: usize) -> bool {
    // two or more caption-shaped lines in a row
    let shape = |j: usize| {
        shapes.get(j).is_some_and(|s| s.caption_shape)
            && matches!(out.get(j), Some(BlockClass::Body | BlockClass::Caption))
    };
    shape(i + 1) && shape(i + 2)
}

fn prev_content(out: &[BlockClass], i: usize) -> Option<usize> {
    (0..i).rev().find(|&j| !matches!(out[j], BlockClass::Code))
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
fn has_caption_stop(t: &str) -> bool {
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
fn numbered(text: &str, body: Range<usize>, m: Marker) -> BlockClass {
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

fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    r.start + lead..(r.end - trail).max(r.start + lead)
}

/// Build the section tree from classified blocks.
pub fn sections(text: &str, blocks: &[Block], classes: &[BlockClass]) -> Vec<Section> {
    let doc_end = blocks.last().map(|b| b.range.end).unwrap_or(0);
    let mut flat: Vec<(usize, Section)> = Vec::new(); // (block index, section)
    for (i, c) in classes.iter().enumerate() {
        if let BlockClass::Heading {
            level,
            title,
            marker,
        } = c
        {
            let name: String = text[title.clone()].trim().to_string();
            let name = if name.is_empty() {
                text[blocks[i].range.clone()].trim().to_string()
            } else {
                name
            };
            flat.push((
                i,
                Section {
                    name,
                    detail: marker.as_ref().map(|m| text[m.range.clone()].to_string()),
                    is_title: false,
                    level: *level,
                    range: blocks[i].range.start..doc_end,
                    selection: if title.is_empty() {
                        blocks[i].range.clone()
                    } else {
                        title.clone()
                    },
                    children: Vec::new(),
                },
            ));
        }
    }
    // each section ends where the next heading of the same or a higher level starts
    for k in 0..flat.len() {
        let level = flat[k].1.level;
        let end = flat[k + 1..]
            .iter()
            .find(|(_, s)| s.level <= level)
            .map(|(bi, _)| last_content_end(blocks, *bi))
            .unwrap_or(doc_end);
        flat[k].1.range.end = end.max(flat[k].1.selection.end);
    }
    let mut roots: Vec<Section> = Vec::new();
    let mut stack: Vec<Section> = Vec::new();
    for (_, s) in flat {
        while stack.last().is_some_and(|top| top.level >= s.level) {
            let done = stack.pop().expect("non-empty");
            push_child(&mut stack, &mut roots, done);
        }
        stack.push(s);
    }
    while let Some(done) = stack.pop() {
        push_child(&mut stack, &mut roots, done);
    }
    // the title wraps everything
    if let Some(ti) = classes.iter().position(|c| matches!(c, BlockClass::Title)) {
        let lines: Vec<String> = classes
            .iter()
            .enumerate()
            .filter(|(_, c)| matches!(c, BlockClass::TitleLine))
            .map(|(i, _)| text[blocks[i].range.clone()].trim().to_string())
            .collect();
        let start = blocks.first().map(|b| b.range.start).unwrap_or(0);
        return vec![Section {
            name: text[blocks[ti].range.clone()].trim().to_string(),
            detail: if lines.is_empty() {
                None
            } else {
                Some(lines.join(" / "))
            },
            is_title: true,
            level: 0,
            range: start..doc_end,
            selection: trim_range(text, blocks[ti].range.clone()),
            children: roots,
        }];
    }
    roots
}

fn last_content_end(blocks: &[Block], next_heading: usize) -> usize {
    if next_heading == 0 {
        return 0;
    }
    blocks[next_heading - 1].range.end
}

fn push_child(stack: &mut [Section], roots: &mut Vec<Section>, s: Section) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(s),
        None => roots.push(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::blocks;

    #[test]
    fn han_numbers() {
        assert_eq!(han_number("一"), Some(1));
        assert_eq!(han_number("十"), Some(10));
        assert_eq!(han_number("十二"), Some(12));
        assert_eq!(han_number("二十三"), Some(23));
        assert_eq!(han_number("一二"), None);
    }

    #[test]
    fn markers() {
        let m = |s: &str| parse_marker(s, 0).map(|(m, _)| (m.style, m.number));
        assert_eq!(m("一、深刻领会"), Some((NumStyle::HanComma, 1)));
        assert_eq!(m("（三）扎实推进"), Some((NumStyle::HanParen, 3)));
        assert_eq!(m("(2)围绕"), Some((NumStyle::ArabicParen, 2)));
        assert_eq!(m("1.强化"), Some((NumStyle::ArabicDot, 1)));
        assert_eq!(m("2．搞好"), Some((NumStyle::ArabicFullDot, 2)));
        assert_eq!(m("1.5亿元"), None);
        assert_eq!(m("2018年"), None);
        assert_eq!(m("（牵头单位：宣传条线）"), None);
        // the number inside has at most three chars
        assert_eq!(m("（二十三）"), Some((NumStyle::HanParen, 23)));
        assert_eq!(m("(123)"), Some((NumStyle::ArabicParen, 123)));
        assert_eq!(m("（一二三四）"), None);
        assert_eq!(m("(1234)"), None);
        assert_eq!(m("（十）"), Some((NumStyle::HanParen, 10)));
        assert_eq!(m("（十"), None);
    }

    /// The byte and char shortcuts say what the plain tests say.
    #[test]
    fn shortcuts_agree_with_plain_tests() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                may_end_time(c),
                c.is_numeric() || matches!(c, '日' | '前' | '天' | '刚'),
                "{c:?}"
            );
            let s = format!("{c}图{c}");
            assert_eq!(
                has_caption_stop(&s),
                s.contains(['，', ',', '；', '：', ':', '“', '？', '！']),
                "{c:?}"
            );
            let ws = c.is_whitespace();
            assert_eq!(starts_with_white_space(s.as_bytes()), ws, "{c:?}");
            assert_eq!(ends_with_white_space(s.as_bytes()), ws, "{c:?}");
            assert_eq!(trim(&s), s.trim(), "{c:?}");
            assert_eq!(chars_and_line_break(&s), (3, c == '\n'), "{c:?}");
        }
        // the byte count past the vectorized chunks and their remainders
        for n in 0..600 {
            let s = format!("{}\n{}", "中".repeat(n), "a".repeat(n % 17));
            assert_eq!(chars_and_line_break(&s), (s.chars().count(), true));
            let s = &s[..n * 3];
            assert_eq!(chars_and_line_break(s), (n, false));
        }
        for h in BYLINE_HEADS {
            let first = h.chars().next().expect("non-empty");
            assert!(
                matches!(first, '文' | '图' | '本' | '记' | '作' | '撰' | '通' | '摄'),
                "{h}"
            );
        }
    }

    /// A block's shape is what the public line tests say of its text: the
    /// shape trims and counts once and hands both to them.
    #[test]
    fn shape_agrees_with_line_tests() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut lines = vec![String::new(), " ".to_string(), "\u{3000}".to_string()];
        for e in std::fs::read_dir(dir).expect("fixtures") {
            let text = std::fs::read_to_string(e.expect("entry").path()).unwrap_or_default();
            for l in text.lines() {
                let cs: Vec<usize> = l.char_indices().map(|(i, _)| i).collect();
                // the line, and cut to the lengths the tests stop at
                lines.push(l.to_string());
                for k in [16, 40, 60, 80] {
                    if let Some(&i) = cs.get(k) {
                        lines.push(l[..i].to_string());
                    }
                }
                for (a, z) in [(" ", ""), ("\u{3000}", " "), ("（一）", "。"), ("", "摄")] {
                    lines.push(format!("{a}{l}{z}"));
                }
            }
        }
        for l in &lines {
            let b = Block {
                range: 0..l.len(),
                kind: BlockKind::Para,
                prefix: 0,
                line: 0,
            };
            let shape = BlockShape::of(l, &b);
            let t = l.trim();
            let n = t.chars().count();
            let own = if n <= 40 && is_boilerplate_line(l) {
                BlockClass::Boilerplate
            } else if n <= 60 && is_byline(l) {
                BlockClass::Byline
            } else if n <= 60 && is_dateline(l) {
                BlockClass::Dateline
            } else if n <= 80 && is_caption_line(l) {
                BlockClass::Caption
            } else if let Some((m, k)) = parse_marker(l, 0) {
                numbered(l, k..l.len(), m)
            } else {
                BlockClass::Body
            };
            assert_eq!(shape.own, own, "{l:?}");
            assert_eq!(shape.nchars, l.chars().count(), "{l:?}");
            let caption = (4..=40).contains(&n)
                && !t.contains(['，', ',', '；', '：', ':', '“', '？', '！'])
                && !t.ends_with(['…', '；'])
                && parse_marker(t, 0).is_none();
            assert_eq!(shape.caption_shape, caption, "{l:?}");
            assert_eq!(shape.multiline, l.contains('\n'), "{l:?}");
            let banner = crate::core::boilerplate::is_app_banner(l);
            assert_eq!(shape.app_banner, banner, "{l:?}");
            let headline = crate::core::boilerplate::is_headline_with_time(l);
            assert_eq!(shape.headline_with_time, headline, "{l:?}");
        }
    }

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

    fn outline(t: &str) -> Vec<Section> {
        let bs = blocks(t, DocKind::Plain);
        let cs = classify(t, &bs, DocKind::Plain);
        sections(t, &bs, &cs)
    }

    fn names(s: &[Section]) -> Vec<String> {
        s.iter()
            .map(|s| {
                format!(
                    "{}{}",
                    s.name,
                    if s.children.is_empty() {
                        String::new()
                    } else {
                        format!("[{}]", names(&s.children).join(","))
                    }
                )
            })
            .collect()
    }

    #[test]
    fn gbt9704_hierarchy() {
        let t = "关于开展读书活动的通知\n\n为推动学习，现通知如下：\n\n一、总体要求\n\n坚持学以致用。\n\n（一）目标任务\n\n全年读书十本。\n\n1.强化组织领导。成立领导小组，统筹推进。\n\n（1）召开动员会议，部署活动安排，明确责任分工和完成时限。\n\n2.搞好分类指导\n\n分层分类推进。\n\n二、保障措施\n\n加强督查。\n";
        let o = outline(t);
        assert_eq!(names(&o), vec!["关于开展读书活动的通知[一、总体要求[（一）目标任务[强化组织领导,搞好分类指导]],二、保障措施]".replace("一、总体要求", "总体要求").replace("（一）目标任务", "目标任务").replace("二、保障措施", "保障措施")]);
    }

    #[test]
    fn signature_of_an_official_document_is_metadata() {
        let t = "关于做好安全生产工作的通知\n\n各街道办事处，区政府各部门：\n\n现将有关事项通知如下。\n\n一、总体要求\n\n压实各方责任。\n\n二、工作措施\n\n加强隐患排查。\n\n某某区应急管理局\n某某区安全生产委员会办公室\n\n2024年3月5日\n";
        let o = outline(t);
        assert_eq!(
            names(&o),
            vec!["关于做好安全生产工作的通知[总体要求,工作措施]"]
        );
        let c = classes(t);
        assert_eq!(c[c.len() - 2], BlockClass::Byline);
        assert_eq!(c[c.len() - 1], BlockClass::Dateline);
        // a Chinese-numeral date too
        let t2 = t.replace("2024年3月5日", "二〇二四年三月五日");
        assert_eq!(names(&outline(&t2)), names(&o));
        assert!(is_date_only("2024年3月5日"));
        assert!(is_date_only("2024 年 3 月 5 日"));
        assert!(!is_date_only("2024年3月5日上午"));
        assert!(!is_date_only("3月5日"));
    }

    #[test]
    fn the_signature_date_is_the_article_date() {
        let t = "关于做好安全生产工作的通知\n\n各单位要在2024年12月31日前完成整改，去年的问题要逐项销号。\n\n某某区应急管理局\n\n2024年3月5日\n";
        let a = crate::core::analyze(t, DocKind::Plain, std::sync::Arc::new(Default::default()));
        let d = crate::core::figures::article_date_of(crate::core::hover::article_blocks(&a, t), None).expect("a date");
        assert_eq!(
            (d.year, d.month, d.day),
            (2024, 3, 5),
            "not the latest date in the text"
        );
    }

    #[test]
    fn a_date_that_is_not_a_signature_changes_nothing() {
        let meta = |c: &[BlockClass]| {
            c.iter()
                .filter(|c| matches!(c, BlockClass::Byline | BlockClass::Dateline))
                .count()
        };
        // a short line and a date with more text after them: not the end
        let t = "市南区举办读书节\n\n本报讯 读书节开幕。\n\n活动时间\n\n2024年3月5日\n\n活动地点设在区图书馆，市民可免费参加。\n";
        assert_eq!(meta(&classes(t)), 0);
        // the paragraph before the closing date ends a sentence: no signing office
        let t = "市南区举办读书节\n\n本报讯 读书节开幕，市民踊跃参加。\n\n2024年3月5日\n";
        assert_eq!(meta(&classes(t)), 0);
        // a photo caption before it is no office either
        let t = "市南区举办读书节\n\n本报讯 读书节开幕，市民踊跃参加。\n\n图为读书节现场\n\n2024年3月5日\n";
        assert_eq!(meta(&classes(t)), 0);
    }

    fn classes(t: &str) -> Vec<BlockClass> {
        let bs = blocks(t, DocKind::Plain);
        classify(t, &bs, DocKind::Plain)
    }

    #[test]
    fn continuation_is_not_a_caption() {
        // captions after a broken paragraph stay captions; the line that
        // completes the split word (`第` / `一时间`) is body text
        let t = "社区治理见实效\n\n□本报记者 王某\n\n此外，在城市更新行动的推进过\n\n社区居民议事会现场。\n\n施工人员正在铺设管道。\n\n程中，某区不断完善居民议事机制。\n\n社区网格员每天入户走访，确保群众反映的问题在第\n\n一时间得到回应。\n\n下一步，某区将继续推进。\n";
        let c = classes(t);
        assert_eq!(c[3], BlockClass::Caption);
        assert_eq!(c[4], BlockClass::Caption);
        assert_eq!(c[5], BlockClass::Body);
        assert_eq!(c[7], BlockClass::Body);
    }

    #[test]
    fn page_furniture() {
        let t = "青岛新闻APP\n\n打开\n\n社区治理见实效\n\n□本报记者 王某\n\n今年以来，某区扎实推进各项工作。\n\n大家都在看\n\n某区召开安全生产工作会议 2023-05-12 07:30\n\n市民公园新增健身步道 | 3小时前\n\n全市中小学开学在即 05-11 09:15\n";
        let c = classes(t);
        assert_eq!(c[0], BlockClass::Boilerplate);
        assert_eq!(c[1], BlockClass::Boilerplate);
        assert_eq!(c[2], BlockClass::Title);
        assert!(
            c[5..].iter().all(|c| *c == BlockClass::Boilerplate),
            "{c:?}"
        );
        // two dated lines inside the article are not a related-news list
        let t = "社区治理见实效\n\n□本报记者 王某\n\n活动安排如下。\n\n开幕式 2023-05-12 09:00\n\n闭幕式 2023-05-13 17:00\n\n欢迎市民参加。\n";
        assert!(!classes(t).contains(&BlockClass::Boilerplate));
    }

    #[test]
    fn metadata_is_not_a_section() {
        let t = "加快建设美丽城区\n\n培育新动能 走在前列\n\n□本报记者 王某某 通讯员 李某\n\n今年以来，某区认真贯彻落实市委部署，扎实推进各项工作。\n\n传达落实:确保工作传达快\n\n某区高度重视此项工作，多次召开会议研究部署。\n\n某区召开专题会议。\n\n会议现场。\n\n外出取经,责任担当\n\n10月28日至11月3日，某区举办培训班。\n";
        let o = outline(t);
        assert_eq!(
            names(&o),
            vec!["培育新动能 走在前列[传达落实:确保工作传达快,外出取经,责任担当]"]
        );
        assert_eq!(o[0].detail.as_deref(), Some("加快建设美丽城区"));
    }
}
