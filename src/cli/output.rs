//! Printing for the command line: findings as text lines or JSON (with
//! 1-based lines and character columns), the outline tree, the entity
//! list and the rule reference.

use std::io::Write;

use crate::core::entities::EntityKind;
use crate::core::outline::Section;
use crate::core::{rules, Analysis, Finding};

/// Maps byte offsets to 1-based line and character columns.
pub struct LineIndex {
    starts: Vec<usize>,
    /// In lines longer than [`STEP`] bytes: every `STEP` bytes (at a char
    /// boundary), the byte offset and its 0-based column, so that a column
    /// is counted from the nearest mark, not from the start of a line that
    /// may be megabytes long (text pasted without line breaks).
    marks: Vec<(usize, usize)>,
}

/// Bytes between two column marks of a long line.
const STEP: usize = 4096;

impl LineIndex {
    /// Index the line starts of `text` (`\n`, `\r\n` and a lone `\r` end a line).
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if b.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        let mut marks = Vec::new();
        for (line, &from) in starts.iter().enumerate() {
            let end = starts.get(line + 1).copied().unwrap_or(text.len());
            if end - from <= STEP {
                continue;
            }
            let (mut at, mut col) = (column_start(text, line, from), 0);
            while at + STEP < end {
                let mut next = at + STEP;
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                col += text.get(at..next).map_or(0, |s| s.chars().count());
                marks.push((next, col));
                at = next;
            }
        }
        LineIndex { starts, marks }
    }

    /// (line, column) both 1-based, column counted in characters. A UTF-8
    /// byte order mark at the start of the text is not a character of the
    /// first line: editors do not show it, and columns are counted after it.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = column_start(text, line, self.starts[line]);
        // the nearest mark of this line at or before `offset`, if any
        let k = self.marks.partition_point(|&(at, _)| at <= offset);
        let (from, col) = match k.checked_sub(1).and_then(|k| self.marks.get(k)) {
            Some(&(at, col)) if at > start => (at, col),
            _ => (start, 0),
        };
        let col = col + text.get(from..offset).map_or(0, |s| s.chars().count());
        (line + 1, col + 1)
    }
}

/// Where the columns of line `line` (starting at byte `from`) are counted
/// from: after a byte order mark on the first line.
fn column_start(text: &str, line: usize, from: usize) -> usize {
    if line == 0 && text.starts_with('\u{feff}') {
        3
    } else {
        from
    }
}

/// One finding as a text line: `NAME:LINE:COL: SEVERITY[CODE] MESSAGE`.
pub fn write_finding_text(
    out: &mut dyn Write,
    name: &str,
    text: &str,
    index: &LineIndex,
    f: &Finding,
) {
    let (l, c) = index.line_col(text, f.range.start);
    let _ = writeln!(
        out,
        "{}:{}:{}: {}[{}] {}",
        name,
        l,
        c,
        f.severity.as_str(),
        f.code,
        f.message
    );
}

/// One finding as a JSON object (byte ranges and lines/columns, the fix's
/// edits, the related places).
pub fn finding_json(name: &str, text: &str, index: &LineIndex, f: &Finding) -> serde_json::Value {
    let (sl, sc) = index.line_col(text, f.range.start);
    let (el, ec) = index.line_col(text, f.range.end);
    serde_json::json!({
        "path": name,
        "code": f.code,
        "severity": f.severity.as_str(),
        "message": f.message,
        "text": text.get(f.range.clone()).unwrap_or(""),
        "byte_range": { "start": f.range.start, "end": f.range.end },
        "start": { "line": sl, "column": sc },
        "end": { "line": el, "column": ec },
        "fix": f.fix.as_ref().map(|fx| serde_json::json!({
            "title": fx.title,
            "edits": fx.edits.iter().map(|e| serde_json::json!({
                "byte_range": { "start": e.range.start, "end": e.range.end },
                "replacement": e.replacement,
            })).collect::<Vec<_>>(),
        })),
        "related": f.related.iter().map(|r| {
            let (l, c) = index.line_col(text, r.range.start);
            serde_json::json!({ "message": r.message, "byte_range": { "start": r.range.start, "end": r.range.end }, "start": { "line": l, "column": c } })
        }).collect::<Vec<_>>(),
    })
}

/// Print the outline of an analysis as an indented tree.
pub fn print_outline(text: &str, analysis: &Analysis, out: &mut dyn Write) {
    let index = LineIndex::new(text);
    for s in analysis.sections(text) {
        print_section(text, &index, s, 0, out);
    }
}

/// One section of the outline and, indented below it, its children.
fn print_section(text: &str, index: &LineIndex, s: &Section, depth: usize, out: &mut dyn Write) {
    let (l, _) = index.line_col(text, s.selection.start);
    let label = if s.is_title { "标题" } else { "" };
    let detail = s
        .detail
        .as_deref()
        .map(|d| format!("  ({d})"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}{}{}{}  [行 {}]",
        "  ".repeat(depth),
        if label.is_empty() {
            String::new()
        } else {
            format!("{label}：")
        },
        s.name,
        detail,
        l
    );
    for c in &s.children {
        print_section(text, index, c, depth + 1, out);
    }
}

/// Print the people, organizations and places of an analysed article,
/// with mention counts, roles and the line of the first mention.
pub fn print_entities(text: &str, analysis: &Analysis, out: &mut dyn Write) {
    let mut index = analysis.entities();
    index.fill_lines(text);
    for kind in [EntityKind::Person, EntityKind::Org, EntityKind::Place] {
        let list: Vec<_> = index.of_kind(kind).collect();
        let _ = writeln!(out, "{}（{}）", kind.label(), list.len());
        for e in list {
            let mut extra = Vec::new();
            if !e.roles.is_empty() {
                extra.push(e.roles.join("；"));
            }
            if !e.aliases.is_empty() {
                extra.push(format!("简称 {}", e.aliases.join("、")));
            }
            if !e.variants.is_empty() {
                extra.push(format!("又作 {}", e.variants.join("、")));
            }
            let extra = if extra.is_empty() {
                String::new()
            } else {
                format!("  {}", extra.join("  "))
            };
            let _ = writeln!(
                out,
                "  {}  {} 次{}  [行 {}]",
                e.name,
                e.count(),
                extra,
                e.first_line.unwrap_or(0)
            );
        }
    }
}

/// Print the rule reference (Markdown).
pub fn print_rules(out: &mut dyn Write) {
    let _ = writeln!(out, "# zhproof 规则参考 / Rule reference\n");
    let _ = writeln!(
        out,
        "| 代码 code | 类别 | 默认级别 | 默认开启 | 可自动修复 | 说明 |\n|---|---|---|---|---|---|"
    );
    for r in rules::all() {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} |",
            r.code,
            r.family,
            r.severity.as_str(),
            if r.default_off { "否" } else { "是" },
            if r.fixable { "是" } else { "否" },
            r.description
        );
    }
    let _ = writeln!(out);
    for r in rules::all() {
        let _ = writeln!(
            out,
            "## `{}`\n\n{}\n\n- 错误：{}\n- 正确：{}\n",
            r.code,
            r.description,
            example(r.wrong),
            example(r.right)
        );
    }
}

/// A rule example; one spanning several paragraphs goes in an indented
/// code block under its list item, so its line breaks show.
fn example(s: &str) -> String {
    if !s.contains('\n') {
        return s.to_string();
    }
    let mut out = String::from("\n\n  ```text\n");
    for line in s.lines() {
        if !line.is_empty() {
            out.push_str("  ");
        }
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("  ```");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_count_columns_from_marks_as_from_the_line_start() {
        let line = "中文abc，𠮷é。".repeat(2000);
        for text in [
            format!("{line}\n{line}\r\n短行\r{line}"),
            format!("\u{feff}{line}\n{line}"),
        ] {
            let ix = LineIndex::new(&text);
            assert!(ix.marks.len() > 10);
            let plain = |offset: usize| {
                let line = ix.starts.partition_point(|&s| s <= offset) - 1;
                let start = column_start(&text, line, ix.starts[line]);
                (
                    line + 1,
                    text[start.min(offset)..offset].chars().count() + 1,
                )
            };
            for (offset, _) in text.char_indices().step_by(7) {
                assert_eq!(ix.line_col(&text, offset), plain(offset), "{offset}");
            }
            assert_eq!(ix.line_col(&text, text.len()), plain(text.len()));
        }
    }

    #[test]
    fn line_cols_in_chars() {
        let t = "𠮷a\r\n中,文\n";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, 0), (1, 1));
        assert_eq!(ix.line_col(t, 4), (1, 2));
        let comma = t.find(',').unwrap();
        assert_eq!(ix.line_col(t, comma), (2, 2));
    }
}
