//! Markdown awareness, for every rule of the table: code, URLs, link
//! targets, HTML and front matter are never read; headings, lists, tables,
//! quotes and emphasis text are.

use std::ops::Range;
use std::sync::Arc;

use super::text::{self, BlockKind, DocKind};
use super::{analyze, rules, Config, Finding};

fn md(text: &str) -> Vec<Finding> {
    analyze(text, DocKind::Markdown, Arc::new(Config::default())).findings
}

/// Findings that start strictly inside `r`.
fn inside<'a>(fs: &'a [Finding], r: &Range<usize>) -> Vec<&'a Finding> {
    fs.iter()
        .filter(|f| f.range.start > r.start && f.range.start < r.end)
        .collect()
}

/// Build a document from parts; returns it and the ranges of the parts marked `true`.
fn doc(parts: &[(&str, bool)]) -> (String, Vec<Range<usize>>) {
    let mut s = String::new();
    let mut marked = Vec::new();
    for (p, m) in parts {
        let start = s.len();
        s.push_str(p);
        if *m {
            marked.push(start..s.len());
        }
    }
    (s, marked)
}

#[test]
fn every_rule_skips_code_urls_html_and_front_matter() {
    for rule in rules::all() {
        let w = rule.wrong;
        let mut parts: Vec<(String, bool)> = vec![
            (format!("---\ntitle: {w}\nsummary: {w}\n---\n"), true),
            ("# 标题\n\n".into(), false),
            (format!("```\n{w}\n{w}\n```\n"), true),
            ("\n".into(), false),
            (format!("    {w}\n"), false),
            ("\n".into(), false),
            (format!("<!--\n{w}\n-->\n"), true),
            ("\n".into(), false),
            (format!("~~~text\n{w}\n~~~\n"), true),
            ("\n".into(), false),
        ];
        // inline contexts hold one paragraph: multi-paragraph examples can't be inlined
        let inline_ok = !w.contains('\n');
        if inline_ok && !w.contains('`') {
            parts.push(("正文见".into(), false));
            parts.push((format!("`{w}`"), true));
            parts.push(("。\n\n".into(), false));
        }
        if inline_ok && !w.contains('"') && !w.contains('>') {
            parts.push(("正文<span title=\"".into(), false));
            parts.push((format!("{w}\">"), true));
            parts.push(("说明。\n\n".into(), false));
        }
        if inline_ok && !w.contains('-') {
            parts.push(("正文".into(), false));
            parts.push((format!("<!-- {w} -->"), true));
            parts.push(("。\n\n".into(), false));
        }
        let enc: String = w.bytes().map(|b| format!("%{b:02X}")).take(30).collect();
        parts.push(("见[链接](".into(), false));
        parts.push((format!("https://example.com/a,b(c)?q={enc}"), true));
        parts.push(("）。\n\n".into(), false));
        let borrowed: Vec<(&str, bool)> = parts.iter().map(|(s, m)| (s.as_str(), *m)).collect();
        let (text, marked) = doc(&borrowed);
        let fs = md(&text);
        for r in &marked {
            let bad = inside(&fs, r);
            assert!(
                bad.is_empty(),
                "rule {} reported inside {:?}: {:?}",
                rule.code,
                &text[r.clone()],
                bad
            );
        }
    }
}

#[test]
fn every_rule_still_reads_emphasis_and_quotes() {
    for rule in rules::all() {
        let w = rule.wrong;
        let fires = |t: &str| md(t).iter().any(|f| f.code == rule.code);
        if !fires(&format!("{w}\n")) || w.contains(['*', '>', '\n']) {
            continue;
        }
        assert!(
            fires(&format!("**{w}**\n")),
            "{}: emphasis text unchecked",
            rule.code
        );
        assert!(
            fires(&format!("> {w}\n")),
            "{}: block quote unchecked",
            rule.code
        );
    }
}

const P: &str = "punct-halfwidth";

fn count(text: &str) -> usize {
    md(text).iter().filter(|f| f.code == P).count()
}

#[test]
fn headings_lists_tables_and_emphasis_are_checked() {
    assert_eq!(count("# 会议召开,部署工作\n"), 1);
    assert_eq!(count("会议召开\n====\n\n正文。\n"), 0);
    assert_eq!(count("## 一是学习,二是落实\n"), 1);
    assert_eq!(count("- 会议要求,各单位落实\n1. 第一,学习\n"), 2);
    assert_eq!(
        count("| 单位 | 说明 |\n|---|:---:|\n| 市南区 | 已完成,待验收 |\n"),
        1
    );
    assert_eq!(count("会议*强调*,各单位**必须**落实。\n"), 1);
    assert_eq!(count("> 会议指出,要落实责任。\n"), 1);
    assert_eq!(count("见[会议通知,附件](http://x.cn/a,b)。\n"), 1);
    assert_eq!(count("![图片说明,现场](img/a,b.jpg)\n"), 1);
}

#[test]
fn markup_is_skipped() {
    // code spans, fences, URLs, link targets
    assert_eq!(count("见`a,b`和[链接](http://x.cn/中文,路径)。\n"), 0);
    assert_eq!(count("```\n代码,这里\n```\n"), 0);
    // autolinks, also with Chinese in the URL
    assert_eq!(count("见<https://x.cn/路径,一>。\n"), 0);
    assert_eq!(count("来信请寄<editor@example.com>。\n"), 0);
    // reference-style links: definitions and labels
    assert_eq!(
        count("详见[通知][通知,一]。\n\n[通知,一]: http://x.cn/a,b \"标题,一\"\n"),
        0
    );
    assert_eq!(count("[id]: <http://x.cn/a b> '说明,一'\n"), 0);
    // footnotes
    assert_eq!(count("据报道[^注1]。\n\n[^注1]:记者采访。\n"), 0);
    // HTML tags, with Chinese attribute values
    assert_eq!(
        count("正文<abbr title=\"世界卫生组织,WHO\">世卫</abbr>。\n"),
        0
    );
    assert_eq!(count("<div class=\"a,b\">\n\n正文。\n\n</div>\n"), 0);
    // a multi-line HTML comment
    assert_eq!(count("<!--\n编辑备注,待核实\n-->\n\n正文。\n"), 0);
    // YAML and TOML front matter
    assert_eq!(count("---\ntitle: 标题,副题\n---\n正文。\n"), 0);
    assert_eq!(count("+++\ntitle = \"标题,副题\"\n+++\n正文。\n"), 0);
    // the table delimiter row and the cell separators
    let t = "| 单位 | 说明 |\n| --- | --- |\n| 甲 | 乙 |\n";
    let bs = text::blocks(t, DocKind::Markdown);
    assert_eq!(
        bs.iter().map(|b| b.kind).collect::<Vec<_>>(),
        vec![BlockKind::TableRow, BlockKind::Code, BlockKind::TableRow]
    );
    let m = text::mask(&t[bs[2].range.clone()], DocKind::Markdown, 0);
    assert!(!m.contains('|') && m.contains('甲') && m.contains('乙'));
    // a table without outer pipes
    let t = "单位 | 说明\n--- | ---\n甲 | 乙\n";
    let bs = text::blocks(t, DocKind::Markdown);
    let m = text::mask(&t[bs[0].range.clone()], DocKind::Markdown, bs[0].prefix);
    assert!(!m.contains('|') && !m.contains("---") && m.contains("说明"));
}

#[test]
fn not_over_masked() {
    // ASCII comparisons and brackets in text are text, not markup
    let t = "若 x<y 且 y>z,则成立。";
    let m = text::mask(t, DocKind::Markdown, 0);
    assert!(m.contains("且"));
    let t = "[注]:本文为节选。";
    let bs = text::blocks(t, DocKind::Markdown);
    assert_eq!(bs[0].kind, BlockKind::Para, "not a link definition");
    // a thematic break / setext underline is not a table delimiter
    assert!(!text::is_delim_row("---"));
    assert!(text::is_delim_row("|---|:---:|"));
    assert!(text::is_delim_row("--- | ---"));
}
