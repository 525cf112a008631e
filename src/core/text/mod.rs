//! Splitting a document into blocks (the unit of incremental analysis) and
//! masking what rules must not read (code, URLs, link targets, HTML, front matter).
//!
//! Layer 0: imports only `chars`. The files: `plain` and `markdown` (one
//! block splitter each), `mask` (the masked copy of a block), `directives`
//! (where suppression comments are; what they mean is `core::suppress`).

use std::ops::Range;

pub mod directives;
mod markdown;
mod mask;
mod plain;
mod windows;

#[cfg(test)]
pub use markdown::is_delim_row;
pub use mask::{mask, mask_cow};

/// What kind of file we read: plain-text articles or Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum DocKind {
    /// A plain-text article: one paragraph a line.
    Plain,
    /// Markdown (`.md`, `.markdown`, `.mdx`).
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
    /// What the block is, as its markup shows.
    pub kind: BlockKind,
    /// Bytes at the start that are markup (`## `, `- `, `> `), not text.
    pub prefix: usize,
    /// 0-based line of the block's first line.
    pub line: usize,
    /// A window after the first of a very long paragraph (see
    /// [`windows`]): body text that continues the block before it.
    pub continues: bool,
}

/// Split `text` into blocks. Blank lines separate blocks; in plain text each
/// non-blank line is its own block (Chinese articles put one paragraph on a
/// line); in Markdown consecutive text lines form one paragraph.
pub fn blocks(text: &str, kind: DocKind) -> Vec<Block> {
    // suppression comments are rare: look for them only if the text has one
    let directives = directives::mentions_mark(text);
    let blocks = match kind {
        DocKind::Plain => plain::blocks(text, directives),
        DocKind::Markdown => markdown::blocks(text, directives),
    };
    windows::split_long(text, blocks)
}

/// Iterate over lines as byte ranges without terminators; `\n`, `\r\n` and a
/// lone `\r` end a line (as in LSP). U+2028 and form feed do not.
pub struct LineIter<'a> {
    text: &'a str,
    pos: usize,
    done: bool,
}

impl<'a> LineIter<'a> {
    /// The lines of `text`, from its start.
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
                plain::fast_blocks(t),
                plain::general_blocks(t, false),
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
    fn indented_code_after_one_blank_line_is_code() {
        let kinds = |t: &str| -> Vec<(BlockKind, String)> {
            blocks(t, DocKind::Markdown)
                .into_iter()
                .map(|b| (b.kind, t[b.range].to_string()))
                .collect()
        };
        // one blank line, LF and CRLF: both lines of the block are code
        for nl in ["\n", "\r\n"] {
            let t = format!(
                "正文。{nl}{nl}    代码,一{nl}    代码,二{nl}{nl}    代码,三{nl}{nl}后文。{nl}"
            );
            let got = kinds(&t);
            let code: Vec<&str> = got
                .iter()
                .filter(|(k, _)| *k == BlockKind::Code)
                .map(|(_, s)| s.as_str())
                .collect();
            assert_eq!(code, ["    代码,一", "    代码,二", "    代码,三"], "{t:?}");
            assert_eq!(got.last().map(|(k, _)| *k), Some(BlockKind::Para));
        }
        // a lazy continuation line of a paragraph is not code
        let got = kinds("正文第一行\n    接着写,第二行\n");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, BlockKind::Para);
        // after a list item, an indented paragraph belongs to the item
        let got = kinds("- 列表项\n\n    列表项的第二段,要检查。\n");
        assert_eq!(got[1].0, BlockKind::Para, "{got:?}");
        // at the very start of the text
        assert_eq!(kinds("    代码\n")[0].0, BlockKind::Code);
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
