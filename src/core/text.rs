//! Splitting a document into blocks (the unit of incremental analysis) and
//! masking what rules must not read (code, URLs, link targets, HTML, front matter).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::chars::MASK;
use super::suppress;

/// A reference-style link definition line: `[id]: http://… "title"`.
static LINK_DEF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^\[(?:[^\]\\]|\\.)+\]:[ \t]*(?:<[^>\n]*>|[^\s\p{Han}]+)(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$"#)
        .expect("valid regex")
});

/// A table delimiter row: `|---|:---:|`, `--- | ---`.
static DELIM_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
        .expect("valid regex")
});

/// An autolink: `<https://…>` (the URL may hold any non-space characters).
static AUTOLINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*>").expect("valid regex")
});

/// An HTML open or close tag, attribute values may hold Chinese (`title="说明"`).
static HTML_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^</?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*/?>"#)
        .expect("valid regex")
});

/// Is this line a Markdown table delimiter row (it must hold a `|`)?
pub fn is_delim_row(line: &str) -> bool {
    line.contains('|') && line.contains('-') && DELIM_ROW.is_match(line)
}

/// What kind of file we read: plain-text articles or Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum DocKind {
    Plain,
    Markdown,
}

impl DocKind {
    /// From a path or URI: `.md`/`.markdown` is Markdown, anything else plain.
    pub fn from_path(path: &str) -> DocKind {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".mdx") {
            DocKind::Markdown
        } else {
            DocKind::Plain
        }
    }
}

/// The structural kind of a block as the text itself shows it (before outline
/// classification, which needs neighbours).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum BlockKind {
    /// A paragraph of text (one line in plain text; consecutive lines in Markdown).
    Para,
    /// Markdown ATX (`#`) or Setext heading, with its level.
    MdHeading(u8),
    /// Markdown list item.
    ListItem,
    /// Markdown table row.
    TableRow,
    /// Fenced code, front matter or an HTML block: never checked.
    Code,
}

/// One block of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Byte range of the block, line terminators excluded.
    pub range: Range<usize>,
    pub kind: BlockKind,
    /// Bytes at the start that are markup (`## `, `- `, `> `), not text.
    pub prefix: usize,
    /// 0-based line of the block's first line.
    pub line: usize,
}

/// Split `text` into blocks. Blank lines separate blocks; in plain text each
/// non-blank line is its own block (Chinese articles put one paragraph on a
/// line); in Markdown consecutive text lines form one paragraph.
pub fn blocks(text: &str, kind: DocKind) -> Vec<Block> {
    blocks_with(text, kind, true)
}

/// [`blocks`], with or without the fast path for plain text (the tests
/// compare the two).
fn blocks_with(text: &str, kind: DocKind, fast: bool) -> Vec<Block> {
    // ~1 block per 200 bytes of article text; growing a long Vec costs copies
    let mut out: Vec<Block> = Vec::with_capacity(text.len() / 200 + 8);
    let mut lines = LineIter::new(text).enumerate().peekable();
    let mut fence: Option<(String, usize, usize)> = None; // (marker, start byte, start line)
    let mut first = true;
    // suppression comments are rare: look for them only if the text has one
    let directives = memchr::memmem::find(text.as_bytes(), suppress::MARK.as_bytes()).is_some();
    if fast && kind == DocKind::Plain && !directives {
        // plain text without suppression comments: every non-blank line is a
        // paragraph (what the loop below does, without its Markdown tests)
        let b = text.as_bytes();
        let (mut start, mut ln) = (0, 0);
        for i in memchr::memchr2_iter(b'\n', b'\r', b) {
            if i < start {
                continue; // the `\n` of a `\r\n`
            }
            let line = &text[start..i];
            if !line.trim().is_empty() {
                out.push(Block {
                    range: start..i,
                    kind: BlockKind::Para,
                    prefix: 0,
                    line: ln,
                });
            }
            ln += 1;
            start = if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                i + 2
            } else {
                i + 1
            };
        }
        let line = &text[start..];
        if !line.trim().is_empty() {
            out.push(Block {
                range: start..text.len(),
                kind: BlockKind::Para,
                prefix: 0,
                line: ln,
            });
        }
        return out;
    }
    while let Some((ln, (start, end))) = lines.next() {
        let line = &text[start..end];
        let trimmed = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - trimmed.len();
        if kind == DocKind::Markdown {
            if let Some((marker, fstart, fline)) = &fence {
                if trimmed.starts_with(marker.as_str())
                    && trimmed
                        .trim_end()
                        .trim_start_matches(marker.chars().next().unwrap_or('`'))
                        .is_empty()
                {
                    out.push(Block {
                        range: *fstart..end,
                        kind: BlockKind::Code,
                        prefix: 0,
                        line: *fline,
                    });
                    fence = None;
                }
                continue;
            }
            // front matter (YAML `---` or TOML `+++`): only on the very first line
            let fm = line.trim_end();
            if first && (fm == "---" || fm == "+++") {
                first = false;
                let toml = fm == "+++";
                let mut close = None;
                for (l2, (s2, e2)) in lines.by_ref() {
                    let l = text[s2..e2].trim_end();
                    if (toml && l == "+++") || (!toml && matches!(l, "---" | "...")) {
                        close = Some((l2, e2));
                        break;
                    }
                }
                let end2 = close.map(|c| c.1).unwrap_or(text.len());
                out.push(Block {
                    range: start..end2,
                    kind: BlockKind::Code,
                    prefix: 0,
                    line: ln,
                });
                continue;
            }
            first = false;
            if indent <= 3 && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
                let ch = trimmed.chars().next().unwrap_or('`');
                let n = trimmed.chars().take_while(|&c| c == ch).count();
                fence = Some((std::iter::repeat_n(ch, n).collect(), start, ln));
                continue;
            }
        }
        first = false;
        if trimmed.trim().is_empty() {
            continue;
        }
        // a line holding only suppression comments is never checked
        if directives && suppress::is_directive_line(line) {
            out.push(Block {
                range: start..end,
                kind: BlockKind::Code,
                prefix: 0,
                line: ln,
            });
            continue;
        }
        if kind == DocKind::Plain {
            out.push(Block {
                range: start..end,
                kind: BlockKind::Para,
                prefix: 0,
                line: ln,
            });
            continue;
        }
        // Markdown line kinds
        if indent <= 3 {
            if let Some(level) = atx_level(trimmed) {
                let after = &trimmed[level as usize..];
                let sp = after.len() - after.trim_start().len();
                out.push(Block {
                    range: start..end,
                    kind: BlockKind::MdHeading(level),
                    prefix: indent + level as usize + sp,
                    line: ln,
                });
                continue;
            }
            if trimmed.starts_with("<!--") && !trimmed.contains("-->") {
                // a multi-line HTML comment: up to the line that closes it
                let mut cend = text.len();
                for (_, (s2, e2)) in lines.by_ref() {
                    if text[s2..e2].contains("-->") {
                        cend = e2;
                        break;
                    }
                }
                out.push(Block {
                    range: start..cend,
                    kind: BlockKind::Code,
                    prefix: 0,
                    line: ln,
                });
                continue;
            }
            if trimmed.starts_with("<!--")
                || (trimmed.starts_with('<')
                    && trimmed.len() > 1
                    && trimmed.as_bytes()[1].is_ascii_alphabetic()
                    && trimmed.trim_end().ends_with('>'))
            {
                out.push(Block {
                    range: start..end,
                    kind: BlockKind::Code,
                    prefix: 0,
                    line: ln,
                });
                continue;
            }
            // reference-style link definitions are not rendered
            if trimmed.starts_with('[') && trimmed.contains("]:") && LINK_DEF.is_match(trimmed) {
                out.push(Block {
                    range: start..end,
                    kind: BlockKind::Code,
                    prefix: 0,
                    line: ln,
                });
                continue;
            }
            if let Some(p) = list_prefix(trimmed) {
                out.push(Block {
                    range: start..end,
                    kind: BlockKind::ListItem,
                    prefix: indent + p,
                    line: ln,
                });
                continue;
            }
            if trimmed.starts_with('|') {
                out.push(Block {
                    range: start..end,
                    kind: if is_delim_row(trimmed) {
                        BlockKind::Code
                    } else {
                        BlockKind::TableRow
                    },
                    prefix: 0,
                    line: ln,
                });
                continue;
            }
        } else if indent >= 4 && out.last().is_none_or(|b| b.range.end + 2 < start) {
            // indented code block after a blank line
            out.push(Block {
                range: start..end,
                kind: BlockKind::Code,
                prefix: 0,
                line: ln,
            });
            continue;
        }
        let quote = if let Some(after) = trimmed.strip_prefix('>') {
            indent + 1 + usize::from(after.starts_with(' '))
        } else {
            0
        };
        // a paragraph: extend over following text lines; Setext underline ends it as heading
        let mut pend = end;
        let mut heading = None;
        while let Some((_, (s2, e2))) = lines.peek() {
            let l2 = &text[*s2..*e2];
            let t2 = l2.trim();
            if t2.is_empty() {
                break;
            }
            if !t2.is_empty()
                && (t2.chars().all(|c| c == '=') || (t2.chars().all(|c| c == '-') && t2.len() >= 2))
            {
                heading = Some(if t2.starts_with('=') { 1 } else { 2 });
                pend = *e2;
                lines.next();
                break;
            }
            let t2s = l2.trim_start();
            if atx_level(t2s).is_some()
                || list_prefix(t2s).is_some()
                || t2s.starts_with("```")
                || t2s.starts_with("~~~")
                || t2s.starts_with('|')
                || t2s.starts_with("<!--")
                || directives && suppress::is_directive_line(l2)
            {
                break;
            }
            pend = *e2;
            lines.next();
        }
        match heading {
            Some(level) => {
                // the heading text is the first line(s); keep the underline out of the text range
                let text_end = text[start..pend]
                    .rfind('\n')
                    .map(|i| start + i)
                    .unwrap_or(pend);
                let text_end = if text[..text_end].ends_with('\r') {
                    text_end - 1
                } else {
                    text_end
                };
                out.push(Block {
                    range: start..text_end,
                    kind: BlockKind::MdHeading(level),
                    prefix: indent,
                    line: ln,
                });
            }
            None => out.push(Block {
                range: start..pend,
                kind: BlockKind::Para,
                prefix: quote,
                line: ln,
            }),
        }
    }
    if let Some((_, fstart, fline)) = fence {
        out.push(Block {
            range: fstart..text.len(),
            kind: BlockKind::Code,
            prefix: 0,
            line: fline,
        });
    }
    out
}

fn atx_level(t: &str) -> Option<u8> {
    let n = t.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&n) && (t.len() == n || t.as_bytes()[n] == b' ' || t.as_bytes()[n] == b'\t')
    {
        Some(n as u8)
    } else {
        None
    }
}

fn list_prefix(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    if b.len() >= 2 && matches!(b[0], b'-' | b'*' | b'+') && b[1] == b' ' {
        return Some(2);
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=9).contains(&digits)
        && b.len() > digits + 1
        && matches!(b[digits], b'.' | b')')
        && b[digits + 1] == b' '
    {
        return Some(digits + 2);
    }
    None
}

/// Iterate over lines as byte ranges without terminators; `\n`, `\r\n` and a
/// lone `\r` end a line (as in LSP). U+2028 and form feed do not.
pub struct LineIter<'a> {
    text: &'a str,
    pos: usize,
    done: bool,
}

impl<'a> LineIter<'a> {
    pub fn new(text: &'a str) -> Self {
        LineIter {
            text,
            pos: 0,
            done: false,
        }
    }
}

impl Iterator for LineIter<'_> {
    type Item = (usize, usize);
    fn next(&mut self) -> Option<(usize, usize)> {
        if self.done {
            return None;
        }
        let bytes = self.text.as_bytes();
        let start = self.pos;
        if let Some(k) = bytes
            .get(start..)
            .and_then(|rest| memchr::memchr2(b'\n', b'\r', rest))
        {
            let i = start + k;
            self.pos = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i + 2
            } else {
                i + 1
            };
            return Some((start, i));
        }
        self.done = true;
        if start == bytes.len() && start > 0 {
            // text ended with a line break: the last (empty) line has no content
            return Some((start, start));
        }
        Some((start, bytes.len()))
    }
}

/// Produce the masked copy of a block's text: same length, with code spans,
/// URLs, e-mail addresses, link targets, HTML tags and markup prefixes
/// replaced by [`MASK`] bytes so that rules never read them.
pub fn mask(text: &str, kind: DocKind, prefix: usize) -> String {
    mask_cow(text, kind, prefix).into_owned()
}

/// [`mask`], borrowing the text when nothing in it is masked (the common case).
pub fn mask_cow(text: &str, kind: DocKind, prefix: usize) -> std::borrow::Cow<'_, str> {
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
        ranges.extend(suppress::comment_ranges(text));
    }
    if ranges.is_empty() {
        return std::borrow::Cow::Borrowed(text);
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
        Ok(m) => std::borrow::Cow::Owned(m),
        Err(_) => std::borrow::Cow::Borrowed(text),
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
    while i < b.len() {
        match b[i] {
            b'`' => {
                let n = b[i..].iter().take_while(|&&c| c == b'`').count();
                let ticks = &text[i..i + n];
                if let Some(close) = text[i + n..].find(ticks) {
                    let end = i + n + close + n;
                    out.push(i..end);
                    i = end;
                    continue;
                }
                i += n;
            }
            b'\\' if i + 1 < b.len() && b[i + 1].is_ascii_punctuation() => {
                out.push(i..i + 1);
                i += 2;
            }
            b'[' if b.get(i + 1) == Some(&b'^') => {
                // footnote reference `[^1]`, or definition `[^1]:` at the start
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
                        i = end;
                    }
                    None => i += 1,
                }
            }
            b']' if b.get(i + 1) == Some(&b'[') => {
                // reference link label: `[text][id]`, `[text][]`
                let close = text[i + 2..]
                    .find(']')
                    .filter(|&c| c <= 100 && !text[i + 2..i + 2 + c].contains('\n'));
                match close {
                    Some(c) => {
                        let end = i + 2 + c + 1;
                        out.push(i..end);
                        i = end;
                    }
                    None => i += 1,
                }
            }
            b']' if b.get(i + 1) == Some(&b'(') => {
                // link target: ](...) with balanced parens
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
                i = end;
            }
            b'[' | b']' | b'!' if is_link_bracket(text, i) => {
                out.push(i..i + 1);
                i += 1;
            }
            b'<' => {
                if text[i..].starts_with("<!--") {
                    let end = text[i..].find("-->").map(|e| i + e + 3).unwrap_or(b.len());
                    out.push(i..end);
                    i = end;
                    continue;
                }
                if let Some(m) = AUTOLINK
                    .find(&text[i..])
                    .or_else(|| HTML_TAG.find(&text[i..]))
                {
                    out.push(i..i + m.end());
                    i += m.end();
                    continue;
                }
                let next = b.get(i + 1).copied().unwrap_or(b' ');
                if next.is_ascii_alphabetic() || next == b'/' {
                    if let Some(close) = text[i..].find('>') {
                        let inner = &text[i + 1..i + close];
                        if !inner.contains('<') && !inner.chars().any(super::chars::is_han) {
                            out.push(i..i + close + 1);
                            i += close + 1;
                            continue;
                        }
                    }
                }
                i += 1;
            }
            b'*' | b'_' => {
                let n = b[i..].iter().take_while(|&&c| c == b[i]).count();
                // emphasis markers: a run that has a matching run later in the paragraph
                let run = &text[i..i + n];
                if n <= 3 && text[i + n..].contains(run) {
                    if let Some(close) = text[i + n..].find(run) {
                        let cstart = i + n + close;
                        if close > 0 && !text[i + n..cstart].starts_with(' ') {
                            out.push(i..i + n);
                            out.push(cstart..cstart + n);
                            i = cstart + n;
                            continue;
                        }
                    }
                }
                i += n;
            }
            _ => i += 1,
        }
    }
    out
}

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

#[cfg(test)]
mod tests {

    #[test]
    fn plain_fast_path_splits_as_the_general_one() {
        let texts = [
            "",
            "\n",
            "一行",
            "第一段。\n第二段。\n",
            "第一段。\r\n\r\n  \r\n第二段。\r\n",
            "甲\r乙\r\r丙",
            "\u{3000}\n \t\n\u{a0}\n正文\u{2028}同一行\u{c}仍同一行\n\n",
            "  缩进的段落\n\t制表符\n末行无换行",
            "# 不是标题\n- 不是列表\n```\n不是代码\n",
            "𠮷字\r\n\r\n\n",
        ];
        for t in texts {
            assert_eq!(
                blocks_with(t, DocKind::Plain, true),
                blocks_with(t, DocKind::Plain, false),
                "{t:?}"
            );
        }
    }

    use super::*;

    #[test]
    fn plain_lines_are_blocks() {
        let t = "标题\r\n\r\n第一段。\n第二段。\n";
        let bs = blocks(t, DocKind::Plain);
        assert_eq!(bs.len(), 3);
        assert_eq!(&t[bs[0].range.clone()], "标题");
        assert_eq!(&t[bs[2].range.clone()], "第二段。");
        assert_eq!(bs[2].line, 3);
    }

    #[test]
    fn u2028_is_not_a_line_break() {
        let t = "甲\u{2028}乙\n丙";
        let bs = blocks(t, DocKind::Plain);
        assert_eq!(bs.len(), 2);
        assert_eq!(&t[bs[0].range.clone()], "甲\u{2028}乙");
    }

    #[test]
    fn markdown_blocks() {
        let t = "---\ntitle: x\n---\n# 标题\n\n正文第一行\n第二行\n\n```\ncode, here\n```\n- 列表项\n\n副标题\n---\n";
        let bs = blocks(t, DocKind::Markdown);
        let kinds: Vec<BlockKind> = bs.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Code,
                BlockKind::MdHeading(1),
                BlockKind::Para,
                BlockKind::Code,
                BlockKind::ListItem,
                BlockKind::MdHeading(2)
            ]
        );
        assert_eq!(&t[bs[2].range.clone()], "正文第一行\n第二行");
        assert_eq!(&t[bs[5].range.clone()], "副标题");
        assert_eq!(bs[1].prefix, 2);
    }

    #[test]
    fn masks_code_and_urls() {
        let t = "见`a,b`和[链接](http://x.cn/a,b)以及 https://example.com/p?q=1,2 。";
        let m = mask(t, DocKind::Markdown, 0);
        assert_eq!(m.len(), t.len());
        assert!(!m.contains(','));
        assert!(m.contains("链接"));
        assert!(m.contains("以及"));
    }
}
