//! Masking what rules must not read: the masked copy of a block has the same
//! length as its text, with code spans, URLs, e-mail addresses, link targets,
//! HTML tags, table markup and markup prefixes replaced by [`MASK`] bytes.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::directives::comment_ranges;
use super::markdown::is_delim_row;
use super::{DocKind, LineIter};
use crate::core::chars::{is_han, MASK};

/// An autolink: `<https://…>` (the URL may hold any non-space characters).
static AUTOLINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*>").expect("valid regex")
});

/// An HTML open or close tag, attribute values may hold Chinese (`title="说明"`).
static HTML_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^</?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*/?>"#)
        .expect("valid regex")
});

/// Produce the masked copy of a block's text: same length, with code spans,
/// URLs, e-mail addresses, link targets, HTML tags and markup prefixes
/// replaced by [`MASK`] bytes so that rules never read them.
pub fn mask(text: &str, kind: DocKind, prefix: usize) -> String {
    mask_cow(text, kind, prefix).into_owned()
}

/// [`mask`], borrowing the text when nothing in it is masked (the common case).
pub fn mask_cow(text: &str, kind: DocKind, prefix: usize) -> Cow<'_, str> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    if prefix > 0 && prefix <= text.len() {
        ranges.push(0..prefix);
    }
    ranges.extend(url_ranges(text));
    if kind == DocKind::Markdown {
        ranges.extend(markdown_ranges(text));
        ranges.extend(table_ranges(text, prefix));
    } else {
        // inline suppression comments (`<!-- zhproof-… -->`) in plain text
        ranges.extend(comment_ranges(text));
    }
    if ranges.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for r in ranges {
        if let Some(part) = bytes.get_mut(r) {
            part.fill(MASK as u8);
        }
    }
    // Only whole ASCII bytes or whole chars were replaced, so this is valid UTF-8;
    // fall back to the original text if it somehow is not.
    match String::from_utf8(bytes) {
        Ok(m) => Cow::Owned(m),
        Err(_) => Cow::Borrowed(text),
    }
}
/// Table markup in a block: the cell separators `|` of a table and its
/// delimiter row (`|---|---|`) entirely.
pub fn table_ranges(text: &str, prefix: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !text.contains('|') {
        return out;
    }
    let starts_with_pipe = text
        .get(prefix.min(text.len())..)
        .is_some_and(|t| t.trim_start().starts_with('|'));
    let lines: Vec<(usize, usize)> = LineIter::new(text).collect();
    let has_delim = lines
        .iter()
        .any(|&(s, e)| text.get(s..e).is_some_and(is_delim_row));
    if !(starts_with_pipe || has_delim) {
        return out;
    }
    let b = text.as_bytes();
    for &(s, e) in &lines {
        if text.get(s..e).is_some_and(is_delim_row) {
            out.push(s..e);
            continue;
        }
        for i in s..e {
            if b[i] == b'|' && (i == 0 || b[i - 1] != b'\\') {
                out.push(i..i + 1);
            }
        }
    }
    out
}

/// URLs (`http://`, `https://`, `www.`) and e-mail addresses: ASCII runs.
pub fn url_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    // every URL has `://` or `www.`, every address an `@`
    if memchr::memchr3(b'@', b':', b'w', b).is_none() {
        return out;
    }
    let mut i = 0;
    while i < b.len() {
        // only `h`, `f`, `w` and `@` can start what is looked for
        if !matches!(b[i], b'h' | b'f' | b'w' | b'@') {
            i += 1;
            continue;
        }
        let rest = &b[i..];
        let is_start = (rest.starts_with(b"http://")
            || rest.starts_with(b"https://")
            || rest.starts_with(b"ftp://")
            || rest.starts_with(b"www."))
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric());
        if is_start {
            let mut j = i;
            while j < b.len() && b[j].is_ascii_graphic() && !matches!(b[j], b'<' | b'>' | b'"') {
                j += 1;
            }
            // don't eat trailing punctuation or a closing paren not opened in the URL
            while j > i && matches!(b[j - 1], b'.' | b',' | b';' | b':' | b'!' | b'?' | b')') {
                if b[j - 1] == b')'
                    && text[i..j].matches('(').count() >= text[i..j].matches(')').count()
                {
                    break;
                }
                j -= 1;
            }
            out.push(i..j);
            i = j.max(i + 1);
            continue;
        }
        if b[i] == b'@' && i > 0 && b[i - 1].is_ascii_alphanumeric() {
            let mut s = i;
            while s > 0
                && (b[s - 1].is_ascii_alphanumeric()
                    || matches!(b[s - 1], b'.' | b'_' | b'-' | b'+'))
            {
                s -= 1;
            }
            let mut j = i + 1;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || matches!(b[j], b'.' | b'-')) {
                j += 1;
            }
            if text[i + 1..j].contains('.') {
                while j > i && b[j - 1] == b'.' {
                    j -= 1;
                }
                out.push(s..j);
                i = j;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Inline code, link targets, autolinks, HTML tags and comments, and the
/// emphasis markers `*`/`_` of Markdown.
pub fn markdown_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    // each arm masks what starts at `i` and says where the scan goes on
    while i < b.len() {
        i = match b[i] {
            b'`' => code_span(text, i, &mut out),
            b'\\' if i + 1 < b.len() && b[i + 1].is_ascii_punctuation() => {
                out.push(i..i + 1);
                i + 2
            }
            b'[' if b.get(i + 1) == Some(&b'^') => footnote(text, i, &mut out),
            b']' if b.get(i + 1) == Some(&b'[') => reference_label(text, i, &mut out),
            b']' if b.get(i + 1) == Some(&b'(') => link_target(text, i, &mut out),
            b'[' | b']' | b'!' if is_link_bracket(text, i) => {
                out.push(i..i + 1);
                i + 1
            }
            b'<' => angle(text, i, &mut out),
            b'&' => entity(text, i, &mut out),
            b'{' if b.get(i + 1) == Some(&b'{') => macro_call(text, i, &mut out),
            b'*' | b'_' => emphasis(text, i, &mut out),
            _ => i + 1,
        };
    }
    out
}

/// Inline code: a run of backticks at `i` up to the same run again.
fn code_span(text: &str, i: usize, out: &mut Vec<Range<usize>>) -> usize {
    let b = text.as_bytes();
    let n = b[i..].iter().take_while(|&&c| c == b'`').count();
    let ticks = &text[i..i + n];
    if let Some(close) = text[i + n..].find(ticks) {
        let end = i + n + close + n;
        out.push(i..end);
        return end;
    }
    i + n
}

/// A footnote reference `[^1]`, or definition `[^1]:` at the start.
fn footnote(text: &str, i: usize, out: &mut Vec<Range<usize>>) -> usize {
    let b = text.as_bytes();
    let close = text[i..]
        .find(']')
        .filter(|&c| c > 2 && !text[i..i + c].contains(['\n', ' ']));
    match close {
        Some(c) => {
            let mut end = i + c + 1;
            if b.get(end) == Some(&b':') && text[..i].trim().is_empty() {
                end += 1;
            }
            out.push(i..end);
            end
        }
        None => i + 1,
    }
}

/// A reference link label after the text: `[text][id]`, `[text][]`.
fn reference_label(text: &str, i: usize, out: &mut Vec<Range<usize>>) -> usize {
    let close = text[i + 2..]
        .find(']')
        .filter(|&c| c <= 100 && !text[i + 2..i + 2 + c].contains('\n'));
    match close {
        Some(c) => {
            let end = i + 2 + c + 1;
            out.push(i..end);
            end
        }
        None => i + 1,
    }
}

/// A link target: `](...)` with balanced parens.
fn link_target(text: &str, i: usize, out: &mut Vec<Range<usize>>) -> usize {
    let b = text.as_bytes();
    let mut depth = 0i32;
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        j += 1;
    }
    let end = (j + 1).min(b.len());
    out.push(i..end);
    end
}

/// What a `<` at `i` opens: an HTML comment, an autolink, an HTML tag, or
/// anything tag-like without Chinese in it.
/// An HTML character reference at `i` (`&nbsp;`, `&#34;`, `&#x4E2D;`).
fn entity(text: &str, i: usize, out: &mut Vec<Range<usize>>) -> usize {
    let b = text.as_bytes();
    let body = b[i + 1..]
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'#')
        .count();
    if body > 0 && b.get(i + 1 + body) == Some(&b';') {
        out.push(i..i + body + 2);
        return i + body + 2;
    }
    i + 1
}

/// A template macro at `i` (`{{domxref("Element")}}`, MDN and static-site
/// generators), on one line.
fn macro_call(text: &str, i: usize, out: &mut Vec<Range<usize>>) -> usize {
    let rest = &text[i..];
    match rest.find("}}") {
        Some(e) if !rest[..e].contains('\n') => {
            out.push(i..i + e + 2);
            i + e + 2
        }
        _ => i + 2,
    }
}

/// Inline HTML elements whose content is code (`<code>a(b)</code>`).
const CODE_ELEMENTS: &[(&str, &str)] = &[
    ("<code>", "</code>"),
    ("<kbd>", "</kbd>"),
    ("<var>", "</var>"),
    ("<samp>", "</samp>"),
];

fn angle(text: &str, i: usize, out: &mut Vec<Range<usize>>) -> usize {
    let b = text.as_bytes();
    for (open, close) in CODE_ELEMENTS {
        if text[i..].starts_with(open) {
            if let Some(e) = text[i..].find(close) {
                out.push(i..i + e + close.len());
                return i + e + close.len();
            }
        }
    }
    if text[i..].starts_with("<!--") {
        let end = text[i..].find("-->").map(|e| i + e + 3).unwrap_or(b.len());
        out.push(i..end);
        return end;
    }
    if let Some(m) = AUTOLINK
        .find(&text[i..])
        .or_else(|| HTML_TAG.find(&text[i..]))
    {
        out.push(i..i + m.end());
        return i + m.end();
    }
    let next = b.get(i + 1).copied().unwrap_or(b' ');
    if next.is_ascii_alphabetic() || next == b'/' {
        if let Some(close) = text[i..].find('>') {
            let inner = &text[i + 1..i + close];
            if !inner.contains('<') && !inner.chars().any(is_han) {
                out.push(i..i + close + 1);
                return i + close + 1;
            }
        }
    }
    i + 1
}

/// Emphasis markers: a run of `*` or `_` at `i` that has a matching run later
/// in the paragraph.
fn emphasis(text: &str, i: usize, out: &mut Vec<Range<usize>>) -> usize {
    let b = text.as_bytes();
    let n = b[i..].iter().take_while(|&&c| c == b[i]).count();
    let run = &text[i..i + n];
    if n <= 3 && text[i + n..].contains(run) {
        if let Some(close) = text[i + n..].find(run) {
            let cstart = i + n + close;
            if close > 0 && !text[i + n..cstart].starts_with(' ') {
                out.push(i..i + n);
                out.push(cstart..cstart + n);
                return cstart + n;
            }
        }
    }
    i + n
}

/// Is the `!`, `[` or `]` at `i` link markup (`![`, `[text](` on one line)?
fn is_link_bracket(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    match b[i] {
        b'!' => b.get(i + 1) == Some(&b'['),
        b'[' => text[i..]
            .find("](")
            .or_else(|| text[i..].find("]["))
            .is_some_and(|e| !text[i..i + e].contains('\n')),
        b']' => false,
        _ => false,
    }
}
