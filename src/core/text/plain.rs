//! The block splitter for plain text: Chinese articles put one paragraph on
//! a line, so every non-blank line is a paragraph block; a line holding only
//! suppression comments is a `Code` block (never checked).

use super::directives::is_directive_line;
use super::{Block, BlockKind, LineIter};

/// The blocks of plain `text`; `directives` says whether it may hold
/// suppression comments ([`super::directives::mentions_mark`]).
pub(super) fn blocks(text: &str, directives: bool) -> Vec<Block> {
    if directives {
        general_blocks(text, directives)
    } else {
        fast_blocks(text)
    }
}

/// One block per line with room to spare: ~1 block per 200 bytes of article
/// text (growing a long Vec costs copies).
fn with_capacity(text: &str) -> Vec<Block> {
    Vec::with_capacity(text.len() / 200 + 8)
}

/// A paragraph block of one line.
fn para(range: std::ops::Range<usize>, line: usize) -> Block {
    Block {
        range,
        kind: BlockKind::Para,
        prefix: 0,
        line,
        continues: false,
    }
}

/// Plain text without suppression comments: every non-blank line is a
/// paragraph (what [`general_blocks`] does, on the bytes, without its tests).
pub(super) fn fast_blocks(text: &str) -> Vec<Block> {
    let mut out = with_capacity(text);
    let b = text.as_bytes();
    let (mut start, mut ln) = (0, 0);
    for i in memchr::memchr2_iter(b'\n', b'\r', b) {
        if i < start {
            continue; // the `\n` of a `\r\n`
        }
        let line = &text[start..i];
        if !line.trim().is_empty() {
            out.push(para(start..i, ln));
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
        out.push(para(start..text.len(), ln));
    }
    out
}

/// Line by line: blank lines are skipped, lines of suppression comments only
/// (looked for when `directives`) are `Code`, every other line a paragraph.
pub(super) fn general_blocks(text: &str, directives: bool) -> Vec<Block> {
    let mut out = with_capacity(text);
    for (ln, (start, end)) in LineIter::new(text).enumerate() {
        let line = &text[start..end];
        if line.trim().is_empty() {
            continue;
        }
        if directives && is_directive_line(line) {
            out.push(Block {
                range: start..end,
                kind: BlockKind::Code,
                prefix: 0,
                line: ln,
                continues: false,
            });
            continue;
        }
        out.push(para(start..end, ln));
    }
    out
}
