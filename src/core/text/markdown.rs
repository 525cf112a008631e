//! The block splitter for Markdown: front matter, fenced and indented code,
//! HTML blocks and comments and link definitions (all `Code`, never
//! checked), ATX and Setext headings, list items, table rows, and paragraphs
//! of consecutive text lines.

use std::iter::{Enumerate, Peekable};
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::directives::is_directive_line;
use super::{Block, BlockKind, LineIter};

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

/// Is this line a Markdown table delimiter row (it must hold a `|`)?
pub fn is_delim_row(line: &str) -> bool {
    line.contains('|') && line.contains('-') && DELIM_ROW.is_match(line)
}

/// The blocks of Markdown `text`; `directives` says whether it may hold
/// suppression comments ([`super::directives::mentions_mark`]).
pub(super) fn blocks(text: &str, directives: bool) -> Vec<Block> {
    let mut s = Splitter {
        text,
        lines: LineIter::new(text).enumerate().peekable(),
        out: Vec::with_capacity(text.len() / 200 + 8),
        directives,
        code_end: None,
    };
    let mut fence: Option<Fence> = None;
    let mut first = true;
    while let Some((ln, (start, end))) = s.lines.next() {
        let line = &text[start..end];
        if let Some(f) = &fence {
            if f.closed_by(line) {
                s.push(f.start..end, BlockKind::Code, 0, f.line);
                fence = None;
            }
            continue;
        }
        // front matter (YAML `---` or TOML `+++`): only on the very first line
        if std::mem::take(&mut first) && s.front_matter(ln, start, end) {
            continue;
        }
        if let Some(f) = Fence::opened_by(line, start, ln) {
            fence = Some(f);
            continue;
        }
        s.line(ln, start, end);
    }
    if let Some(f) = fence {
        s.push(f.start..text.len(), BlockKind::Code, 0, f.line);
    }
    s.out
}

/// An open code fence.
struct Fence {
    /// The opening run of `` ` `` or `~`, which the closing line repeats.
    marker: String,
    /// Byte offset and 0-based line of the opening line.
    start: usize,
    line: usize,
}

impl Fence {
    /// The fence that `line` (at byte `start`, line `ln`) opens, if it opens one.
    fn opened_by(line: &str, start: usize, ln: usize) -> Option<Fence> {
        let (trimmed, indent) = trim_indent(line);
        if indent <= 3 && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            let ch = trimmed.chars().next().unwrap_or('`');
            let n = trimmed.chars().take_while(|&c| c == ch).count();
            return Some(Fence {
                marker: std::iter::repeat_n(ch, n).collect(),
                start,
                line: ln,
            });
        }
        None
    }

    /// Does `line` close the fence (the marker again, nothing after it)?
    fn closed_by(&self, line: &str) -> bool {
        let (trimmed, _) = trim_indent(line);
        trimmed.starts_with(self.marker.as_str())
            && trimmed
                .trim_end()
                .trim_start_matches(self.marker.chars().next().unwrap_or('`'))
                .is_empty()
    }
}

/// A line without its leading spaces and tabs, and how many bytes they take.
fn trim_indent(line: &str) -> (&str, usize) {
    let trimmed = line.trim_start_matches([' ', '\t']);
    (trimmed, line.len() - trimmed.len())
}

/// The state of one pass over a Markdown text.
struct Splitter<'a> {
    text: &'a str,
    /// The lines not read yet: (0-based line, (start, end)).
    lines: Peekable<Enumerate<LineIter<'a>>>,
    out: Vec<Block>,
    /// May the text hold suppression comments?
    directives: bool,
    /// The end of the last indented code line pushed.
    code_end: Option<usize>,
}

impl Splitter<'_> {
    fn push(&mut self, range: Range<usize>, kind: BlockKind, prefix: usize, line: usize) {
        self.out.push(Block {
            range,
            kind,
            prefix,
            line,
            continues: false,
        });
    }

    /// Read the front matter opened by the first line (`start..end`, line
    /// `ln`) if it opens one, up to its closing line (or the end of the text).
    fn front_matter(&mut self, ln: usize, start: usize, end: usize) -> bool {
        let text = self.text;
        let fm = text[start..end].trim_end();
        if !(fm == "---" || fm == "+++") {
            return false;
        }
        let toml = fm == "+++";
        let mut close = None;
        for (l2, (s2, e2)) in self.lines.by_ref() {
            let l = text[s2..e2].trim_end();
            if (toml && l == "+++") || (!toml && matches!(l, "---" | "...")) {
                close = Some((l2, e2));
                break;
            }
        }
        let end2 = close.map(|c| c.1).unwrap_or(text.len());
        self.push(start..end2, BlockKind::Code, 0, ln);
        true
    }

    /// A line outside fences and front matter, and for a paragraph the lines
    /// it runs on over.
    fn line(&mut self, ln: usize, start: usize, end: usize) {
        let line = &self.text[start..end];
        let (trimmed, indent) = trim_indent(line);
        if trimmed.trim().is_empty() {
            return;
        }
        // a line holding only suppression comments is never checked
        if self.directives && is_directive_line(line) {
            self.push(start..end, BlockKind::Code, 0, ln);
            return;
        }
        if indent <= 3 {
            if self.marked_line(ln, start, end, trimmed, indent) {
                return;
            }
        } else if self.indented_code(start) {
            self.push(start..end, BlockKind::Code, 0, ln);
            self.code_end = Some(end);
            return;
        }
        self.paragraph(ln, start, end, trimmed, indent);
    }

    /// Does a line indented by four or more, starting at `start`, belong to
    /// an indented code block? At the start of the text, after a blank line
    /// (one is enough), and on the lines of an indented code block, yes; as
    /// the continuation of a paragraph (a lazy line) and after a list item
    /// (the item's own indented paragraph), no.
    fn indented_code(&self, start: usize) -> bool {
        let Some(last) = self.out.last() else {
            return true;
        };
        if self.code_end == Some(last.range.end) {
            return true;
        }
        if last.kind == BlockKind::ListItem {
            return false;
        }
        let gap = self.text.get(last.range.end..start).unwrap_or("");
        let line_ends =
            gap.matches('\n').count() + gap.matches('\r').count() - gap.matches("\r\n").count();
        line_ends >= 2
    }

    /// A line whose start says what it is (heading, HTML, link definition,
    /// list item, table row): its block, if it is one.
    fn marked_line(
        &mut self,
        ln: usize,
        start: usize,
        end: usize,
        trimmed: &str,
        indent: usize,
    ) -> bool {
        if let Some(level) = atx_level(trimmed) {
            let after = &trimmed[level as usize..];
            let sp = after.len() - after.trim_start().len();
            let prefix = indent + level as usize + sp;
            self.push(start..end, BlockKind::MdHeading(level), prefix, ln);
            return true;
        }
        if self.html(ln, start, end, trimmed) {
            return true;
        }
        // reference-style link definitions are not rendered
        if trimmed.starts_with('[') && trimmed.contains("]:") && LINK_DEF.is_match(trimmed) {
            self.push(start..end, BlockKind::Code, 0, ln);
            return true;
        }
        if let Some(p) = list_prefix(trimmed) {
            self.push(start..end, BlockKind::ListItem, indent + p, ln);
            return true;
        }
        if trimmed.starts_with('|') {
            let kind = if is_delim_row(trimmed) {
                BlockKind::Code
            } else {
                BlockKind::TableRow
            };
            self.push(start..end, kind, 0, ln);
            return true;
        }
        false
    }

    /// An HTML comment (up to the line that closes it) or a line of HTML.
    fn html(&mut self, ln: usize, start: usize, end: usize, trimmed: &str) -> bool {
        if trimmed.starts_with("<!--") && !trimmed.contains("-->") {
            // a multi-line HTML comment: up to the line that closes it
            let text = self.text;
            let mut cend = text.len();
            for (_, (s2, e2)) in self.lines.by_ref() {
                if text[s2..e2].contains("-->") {
                    cend = e2;
                    break;
                }
            }
            self.push(start..cend, BlockKind::Code, 0, ln);
            return true;
        }
        if trimmed.starts_with("<!--")
            || (trimmed.starts_with('<')
                && trimmed.len() > 1
                && trimmed.as_bytes()[1].is_ascii_alphabetic()
                && trimmed.trim_end().ends_with('>'))
        {
            self.push(start..end, BlockKind::Code, 0, ln);
            return true;
        }
        false
    }

    /// A paragraph from this line over the following text lines; a Setext
    /// underline ends it as a heading.
    fn paragraph(&mut self, ln: usize, start: usize, end: usize, trimmed: &str, indent: usize) {
        let text = self.text;
        let quote = if let Some(after) = trimmed.strip_prefix('>') {
            indent + 1 + usize::from(after.starts_with(' '))
        } else {
            0
        };
        let (pend, heading) = self.run_on(end);
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
                self.push(start..text_end, BlockKind::MdHeading(level), indent, ln);
            }
            None => self.push(start..pend, BlockKind::Para, quote, ln),
        }
    }

    /// Read the text lines a paragraph ending at `end` runs on over: the end
    /// of its last line, and the Setext heading level if an underline ends it.
    fn run_on(&mut self, end: usize) -> (usize, Option<u8>) {
        let text = self.text;
        let mut pend = end;
        while let Some((_, (s2, e2))) = self.lines.peek() {
            let (s2, e2) = (*s2, *e2);
            let l2 = &text[s2..e2];
            let t2 = l2.trim();
            if t2.is_empty() {
                break;
            }
            if !t2.is_empty()
                && (t2.chars().all(|c| c == '=') || (t2.chars().all(|c| c == '-') && t2.len() >= 2))
            {
                self.lines.next();
                return (e2, Some(if t2.starts_with('=') { 1 } else { 2 }));
            }
            let t2s = l2.trim_start();
            if atx_level(t2s).is_some()
                || list_prefix(t2s).is_some()
                || t2s.starts_with("```")
                || t2s.starts_with("~~~")
                || t2s.starts_with('|')
                || t2s.starts_with("<!--")
                || self.directives && is_directive_line(l2)
            {
                break;
            }
            pend = e2;
            self.lines.next();
        }
        (pend, None)
    }
}

/// The level of an ATX heading line (`## 标题`), if it is one.
fn atx_level(t: &str) -> Option<u8> {
    let n = t.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&n) && (t.len() == n || t.as_bytes()[n] == b' ' || t.as_bytes()[n] == b'\t')
    {
        Some(n as u8)
    } else {
        None
    }
}

/// The bytes of a list item's marker and the space after it (`- `, `12. `).
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
