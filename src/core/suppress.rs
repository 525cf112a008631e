//! In-text suppression comments. Two syntaxes, both recognised in Markdown
//! and in plain text (so that they survive copy-paste between files):
//!
//! - HTML comments, anywhere in a line:
//!   `<!-- zhproof-disable-next-line CODE … -->`, `<!-- zhproof-disable-line CODE … -->`,
//!   `<!-- zhproof-disable CODE … -->` … `<!-- zhproof-enable CODE … -->`;
//! - a whole line starting with `%%` (an Obsidian-style comment, never seen in
//!   articles): `%% zhproof-disable-next-line CODE …`, optionally closed by `%%`.
//!
//! No CODE means every rule. Codes are separated by spaces or commas; the
//! first word that is not a rule code (e.g. `--` or a Chinese reason) ends
//! the list, so a reason may follow. `disable-next-line` applies to the next
//! line that is not blank and not itself a suppression comment.
//!
//! The comment lines themselves are never checked: [`super::text::blocks`]
//! makes whole-line comments `Code` blocks, and [`super::text::mask`] masks
//! inline ones.

use std::ops::Range;

use super::finding::{Edit, Finding};
pub use super::text::directives::{is_directive_line, MARK};
use super::text::directives::{HTML, PERCENT};
use super::text::{DocKind, LineIter};

/// What a suppression comment does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `zhproof-disable-next-line`
    DisableNextLine,
    /// `zhproof-disable-line`
    DisableLine,
    /// `zhproof-disable`
    Disable,
    /// `zhproof-enable`
    Enable,
}

impl DirectiveKind {
    fn parse(s: &str) -> Option<DirectiveKind> {
        Some(match s {
            "disable-next-line" => DirectiveKind::DisableNextLine,
            "disable-line" => DirectiveKind::DisableLine,
            "disable" => DirectiveKind::Disable,
            "enable" => DirectiveKind::Enable,
            _ => return None,
        })
    }

    /// The keyword as written after `zhproof-`.
    pub fn keyword(self) -> &'static str {
        match self {
            DirectiveKind::DisableNextLine => "disable-next-line",
            DirectiveKind::DisableLine => "disable-line",
            DirectiveKind::Disable => "disable",
            DirectiveKind::Enable => "enable",
        }
    }
}

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// Rule codes; empty = every rule.
    pub codes: Vec<String>,
    /// Byte range of the comment.
    pub range: Range<usize>,
    /// Byte range of its line (terminator excluded).
    pub line: Range<usize>,
    /// Where another code would be inserted: after the last code (or the keyword).
    pub codes_end: usize,
}

/// The rule codes at the start of a directive's argument text, and the
/// byte offset (in `args`) after the last one.
fn parse_codes(args: &str) -> (Vec<String>, usize) {
    let mut out = Vec::new();
    let mut end = 0;
    let base = args.as_ptr() as usize;
    for tok in args.split(|c: char| c == ',' || c == '，' || c.is_whitespace()) {
        if tok.is_empty() {
            continue;
        }
        let is_code = tok
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            && tok
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !is_code {
            break;
        }
        end = tok.as_ptr() as usize - base + tok.len();
        out.push(tok.to_string());
    }
    (out, end)
}

fn directive_from(
    kind: DirectiveKind,
    c: &regex::Captures,
    at: usize,
    range: Range<usize>,
    line: Range<usize>,
) -> Directive {
    let kw_end = c.get(1).map(|m| m.end()).unwrap_or(0);
    let (codes, codes_end) = match c.get(2) {
        Some(m) => {
            let (codes, end) = parse_codes(m.as_str());
            let e = if codes.is_empty() {
                kw_end
            } else {
                m.start() + end
            };
            (codes, e)
        }
        None => (Vec::new(), kw_end),
    };
    Directive {
        kind,
        codes,
        range,
        line,
        codes_end: at + codes_end,
    }
}

/// The directives of one line (`line` is the line's text, `at` its offset).
fn line_directives(line: &str, at: usize, out: &mut Vec<Directive>) {
    if !line.contains(MARK) {
        return;
    }
    let lr = at..at + line.len();
    if let Some(c) = PERCENT.captures(line) {
        if let Some(kind) = c.get(1).and_then(|m| DirectiveKind::parse(m.as_str())) {
            out.push(directive_from(kind, &c, at, lr.clone(), lr));
        }
        return;
    }
    for c in HTML.captures_iter(line) {
        let (Some(all), Some(kind)) = (
            c.get(0),
            c.get(1).and_then(|m| DirectiveKind::parse(m.as_str())),
        ) else {
            continue;
        };
        out.push(directive_from(
            kind,
            &c,
            at,
            at + all.start()..at + all.end(),
            lr.clone(),
        ));
    }
}

/// All suppression comments of a document, in order.
pub fn directives(text: &str) -> Vec<Directive> {
    let mut out = Vec::new();
    if !text.contains(MARK) {
        return out;
    }
    for (s, e) in LineIter::new(text) {
        if let Some(line) = text.get(s..e) {
            line_directives(line, s, &mut out);
        }
    }
    out
}

/// Which rules a region suppresses.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Scope {
    /// Every rule except these.
    AllExcept(Vec<String>),
    /// Only these.
    Only(Vec<String>),
}

impl Scope {
    fn covers(&self, code: &str) -> bool {
        match self {
            Scope::AllExcept(ex) => !ex.iter().any(|c| c == code),
            Scope::Only(list) => list.iter().any(|c| c == code),
        }
    }

    fn from_codes(codes: &[String]) -> Scope {
        if codes.is_empty() {
            Scope::AllExcept(Vec::new())
        } else {
            Scope::Only(codes.to_vec())
        }
    }
}

/// The suppressed regions of a document: byte ranges and the rules they cover.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    regions: Vec<(Range<usize>, Scope)>,
}

impl Suppressions {
    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }

    /// Is a finding of rule `code` starting at byte `at` suppressed?
    pub fn covers(&self, code: &str, at: usize) -> bool {
        self.regions
            .iter()
            .any(|(r, s)| r.start <= at && at <= r.end && s.covers(code))
    }
}

/// Compute the suppressed regions of a document.
pub fn suppressions(text: &str) -> Suppressions {
    let dirs = directives(text);
    let mut regions = Vec::new();
    if dirs.is_empty() {
        return Suppressions { regions };
    }
    // line-based directives
    let lines: Vec<(usize, usize)> = LineIter::new(text).collect();
    for d in &dirs {
        match d.kind {
            DirectiveKind::DisableLine => {
                regions.push((d.line.clone(), Scope::from_codes(&d.codes)));
            }
            DirectiveKind::DisableNextLine => {
                let idx = lines.partition_point(|&(s, _)| s <= d.line.start);
                let target = lines.iter().skip(idx).find(|&&(s, e)| {
                    text.get(s..e)
                        .is_some_and(|l| !l.trim().is_empty() && !is_directive_line(l))
                });
                if let Some(&(s, e)) = target {
                    regions.push((s..e, Scope::from_codes(&d.codes)));
                }
            }
            _ => {}
        }
    }
    // disable … enable regions
    let mut all = false;
    let mut set: Vec<String> = Vec::new(); // disabled codes, or (when `all`) re-enabled ones
    let mut from = 0usize;
    let close = |from: usize, to: usize, all: bool, set: &[String], regions: &mut Vec<_>| {
        if all {
            regions.push((from..to, Scope::AllExcept(set.to_vec())));
        } else if !set.is_empty() {
            regions.push((from..to, Scope::Only(set.to_vec())));
        }
    };
    for d in dirs
        .iter()
        .filter(|d| matches!(d.kind, DirectiveKind::Disable | DirectiveKind::Enable))
    {
        close(from, d.range.start, all, &set, &mut regions);
        from = d.range.start;
        match (d.kind, d.codes.is_empty()) {
            (DirectiveKind::Disable, true) => {
                all = true;
                set.clear();
            }
            (DirectiveKind::Disable, false) => {
                if all {
                    set.retain(|c| !d.codes.contains(c));
                } else {
                    for c in &d.codes {
                        if !set.contains(c) {
                            set.push(c.clone());
                        }
                    }
                }
            }
            (_, true) => {
                all = false;
                set.clear();
            }
            (_, false) => {
                if all {
                    for c in &d.codes {
                        if !set.contains(c) {
                            set.push(c.clone());
                        }
                    }
                } else {
                    set.retain(|c| !d.codes.contains(c));
                }
            }
        }
    }
    close(from, text.len(), all, &set, &mut regions);
    Suppressions { regions }
}

/// Drop the findings that suppression comments cover. Cheap when the text
/// has none (one substring search).
pub fn apply(text: &str, findings: &mut Vec<Finding>) {
    if findings.is_empty() || !text.contains(MARK) {
        return;
    }
    let s = suppressions(text);
    if s.is_empty() {
        return;
    }
    findings.retain(|f| !s.covers(f.code, f.range.start));
}

/// The line ending the document uses.
fn eol(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// The comment text of a directive in the document's syntax.
pub fn comment(kind: DocKind, d: DirectiveKind, code: &str) -> String {
    match kind {
        DocKind::Markdown => format!("<!-- zhproof-{} {code} -->", d.keyword()),
        DocKind::Plain => format!("%% zhproof-{} {code}", d.keyword()),
    }
}

/// Byte range of the line holding `at` (terminator excluded).
fn line_at(text: &str, at: usize) -> Range<usize> {
    let at = at.min(text.len());
    let b = text.as_bytes();
    let start = b[..at]
        .iter()
        .rposition(|&c| c == b'\n' || c == b'\r')
        .map_or(0, |i| i + 1);
    let end = b[at..]
        .iter()
        .position(|&c| c == b'\n' || c == b'\r')
        .map_or(text.len(), |i| at + i);
    start..end
}

/// The line before the one starting at `start`, if any.
fn prev_line(text: &str, start: usize) -> Option<Range<usize>> {
    if start == 0 {
        return None;
    }
    let b = text.as_bytes();
    let mut end = start - 1; // the terminator
    if b.get(end) == Some(&b'\n') && end > 0 && b.get(end - 1) == Some(&b'\r') {
        end -= 1;
    }
    Some(line_at(text, end))
}

/// Add `code` to an existing directive with codes.
fn add_code(d: &Directive, code: &str) -> Option<Edit> {
    if d.codes.is_empty() || d.codes.iter().any(|c| c == code) {
        return None;
    }
    Some(Edit::new(d.codes_end..d.codes_end, format!(" {code}")))
}

/// The edit that suppresses rule `code` on the line holding byte `at`.
///
/// Plain text: a `%% zhproof-disable-next-line CODE` line above it (or the
/// code added to such a line that is already there). Markdown: a
/// `<!-- zhproof-disable-next-line CODE -->` line above it when the line
/// starts a block after a blank line (where a comment line changes nothing in
/// the rendering); otherwise, inside paragraphs, lists and tables, a
/// `<!-- zhproof-disable-line CODE -->` at the end of the line itself.
#[cfg(test)]
pub fn disable_line_edit(text: &str, kind: DocKind, at: usize, code: &str) -> Option<Edit> {
    let blocks = match kind {
        DocKind::Markdown => super::text::blocks(text, kind),
        DocKind::Plain => Vec::new(),
    };
    disable_line_edit_in(text, kind, &blocks, at, code)
}

/// [`disable_line_edit`] with the document's blocks already split (as the
/// analysis has them).
pub fn disable_line_edit_in(
    text: &str,
    kind: DocKind,
    blocks: &[super::text::Block],
    at: usize,
    code: &str,
) -> Option<Edit> {
    if at > text.len() {
        return None;
    }
    let line = line_at(text, at);
    let nl = eol(text);
    let here: Vec<Directive> = {
        let mut v = Vec::new();
        if let Some(l) = text.get(line.clone()) {
            line_directives(l, line.start, &mut v);
        }
        v
    };
    if let Some(d) = here.iter().find(|d| d.kind == DirectiveKind::DisableLine) {
        return add_code(d, code);
    }
    let prev = prev_line(text, line.start);
    let prev_text = prev.as_ref().and_then(|r| text.get(r.clone()));
    // a disable-next-line comment already above: add the code to it
    if let (Some(p), Some(pt)) = (&prev, prev_text) {
        let mut v = Vec::new();
        line_directives(pt, p.start, &mut v);
        if let Some(d) = v
            .iter()
            .rev()
            .find(|d| d.kind == DirectiveKind::DisableNextLine)
        {
            return add_code(d, code);
        }
    }
    let line_text = text.get(line.clone())?;
    if comment_above_fits(kind, blocks, line.start, prev_text) {
        return Some(comment_above(kind, line.start, line_text, code, nl));
    }
    Some(comment_at_end(text, kind, line, line_text, code))
}

/// Can a disable-next-line comment go on a line of its own above the line
/// at `line_start`? Always in plain text; in Markdown when the line starts
/// a paragraph, heading or list item after a blank line (or the start).
fn comment_above_fits(
    kind: DocKind,
    blocks: &[super::text::Block],
    line_start: usize,
    prev_text: Option<&str>,
) -> bool {
    match kind {
        DocKind::Plain => true,
        DocKind::Markdown => {
            let starts_block = blocks.iter().any(|b| {
                b.range.start == line_start
                    && matches!(
                        b.kind,
                        super::text::BlockKind::Para
                            | super::text::BlockKind::MdHeading(_)
                            | super::text::BlockKind::ListItem
                    )
            });
            starts_block && prev_text.is_none_or(|p| p.trim().is_empty())
        }
    }
}

/// A disable-next-line comment for `code` inserted above the line at
/// `line_start` (with the line's indentation in Markdown).
fn comment_above(kind: DocKind, line_start: usize, line_text: &str, code: &str, nl: &str) -> Edit {
    let indent: &str = match kind {
        DocKind::Markdown => {
            let n = line_text.len() - line_text.trim_start_matches([' ', '\t']).len();
            &line_text[..n]
        }
        DocKind::Plain => "",
    };
    Edit::new(
        line_start..line_start,
        format!(
            "{indent}{}{nl}",
            comment(kind, DirectiveKind::DisableNextLine, code)
        ),
    )
}

/// Markdown, inside a block: a disable-line comment at the end of the
/// line, before a hard break (two spaces or a backslash) and before a table
/// row's closing pipe.
fn comment_at_end(
    text: &str,
    kind: DocKind,
    line: Range<usize>,
    line_text: &str,
    code: &str,
) -> Edit {
    let body = line_text.trim_end_matches([' ', '\t']);
    let mut end = line.start + body.len();
    if body.ends_with('\\') {
        end -= 1;
    } else if body.trim_start().starts_with('|') && body.ends_with('|') && body.len() > 1 {
        end -= 1;
        let before = &text[line.start..end];
        end = line.start + before.trim_end_matches([' ', '\t']).len();
        return Edit::new(
            end..end,
            format!(" {}", comment(kind, DirectiveKind::DisableLine, code)),
        );
    }
    Edit::new(end..end, comment(kind, DirectiveKind::DisableLine, code))
}

/// The edit that disables rule `code` for the whole document: a
/// `zhproof-disable CODE` comment at the top (after Markdown front matter),
/// or the code added to such a comment already there. `None` when the top
/// comment already disables it.
pub fn disable_file_edit(text: &str, kind: DocKind, code: &str) -> Option<Edit> {
    let nl = eol(text);
    let mut at = if text.starts_with('\u{feff}') { 3 } else { 0 };
    if kind == DocKind::Markdown {
        let blocks = super::text::blocks(text, kind);
        if let Some(b) = blocks.first() {
            let first = text.get(b.range.clone()).unwrap_or("");
            let fm = first.trim_start_matches('\u{feff}');
            if b.kind == super::text::BlockKind::Code
                && b.line == 0
                && (fm.starts_with("---") || fm.starts_with("+++"))
            {
                let end = b.range.end;
                // after the closing line's terminator
                at = match text[end..].find('\n') {
                    Some(i) => end + i + 1,
                    None => end,
                };
                if at == text.len() && !text.ends_with('\n') {
                    return Some(Edit::new(
                        at..at,
                        format!("{nl}{}{nl}", comment(kind, DirectiveKind::Disable, code)),
                    ));
                }
            }
        }
    }
    // an existing disable comment on the first non-blank line from there
    if let Some((s, e)) = LineIter::new(&text[at..])
        .map(|(s, e)| (s + at, e + at))
        .find(|&(s, e)| !text[s..e].trim().is_empty())
    {
        let mut v = Vec::new();
        line_directives(&text[s..e], s, &mut v);
        if let Some(d) = v.iter().find(|d| d.kind == DirectiveKind::Disable) {
            return add_code(d, code);
        }
    }
    Some(Edit::new(
        at..at,
        format!("{}{nl}", comment(kind, DirectiveKind::Disable, code)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{analyze, Config, DocKind};
    use std::sync::Arc;

    fn codes_at(text: &str, kind: DocKind) -> Vec<(usize, &'static str)> {
        let a = analyze(text, kind, Arc::new(Config::default()));
        a.findings
            .iter()
            .map(|f| {
                (
                    crate::core::config_file::line_of(text, f.range.start),
                    f.code,
                )
            })
            .collect()
    }

    const P: &str = "punct-halfwidth";

    #[test]
    fn parses_both_syntaxes() {
        let d = directives("甲\n<!-- zhproof-disable-next-line punct-halfwidth, other-rule -->\n%% zhproof-disable\n%%zhproof-enable punct-halfwidth %%\n正文<!--zhproof-disable-line-->。\n");
        let kinds: Vec<_> = d.iter().map(|d| d.kind).collect();
        assert_eq!(
            kinds,
            vec![
                DirectiveKind::DisableNextLine,
                DirectiveKind::Disable,
                DirectiveKind::Enable,
                DirectiveKind::DisableLine
            ]
        );
        assert_eq!(d[0].codes, vec!["punct-halfwidth", "other-rule"]);
        assert!(d[1].codes.is_empty());
        assert_eq!(d[2].codes, vec!["punct-halfwidth"]);
        assert!(d[3].codes.is_empty());
        // a reason after the codes
        let d = directives("<!-- zhproof-disable-next-line punct-halfwidth -- 原文引用 -->");
        assert_eq!(d[0].codes, vec!["punct-halfwidth"]);
        let d = directives("%% zhproof-disable punct-halfwidth 原文如此");
        assert_eq!(d[0].codes, vec!["punct-halfwidth"]);
        // not directives
        assert!(directives(
            "本文讨论 zhproof-disable 的用法。\n%% 注释\n<!-- zhproof-disabled -->"
        )
        .is_empty());
    }

    #[test]
    fn directive_lines() {
        assert!(is_directive_line(
            "<!-- zhproof-disable-next-line punct-halfwidth -->"
        ));
        assert!(is_directive_line(
            "  <!-- zhproof-disable --> <!-- zhproof-enable a -->"
        ));
        assert!(is_directive_line("%% zhproof-disable-next-line"));
        assert!(!is_directive_line("正文，<!-- zhproof-disable-line -->"));
        assert!(!is_directive_line("%% 这是注释"));
    }

    #[test]
    fn next_line_in_plain_text() {
        let t = "第一段,有问题。\n%% zhproof-disable-next-line punct-halfwidth\n第二段,有问题。\n第三段,有问题。\n";
        assert_eq!(codes_at(t, DocKind::Plain), vec![(1, P), (4, P)]);
    }

    #[test]
    fn next_line_in_markdown_skips_blank_and_stacked_comments() {
        let t = "第一段,有问题。\n\n<!-- zhproof-disable-next-line punct-halfwidth -->\n<!-- zhproof-disable-next-line other-rule -->\n\n第二段,有问题。\n\n第三段,有问题。\n";
        assert_eq!(codes_at(t, DocKind::Markdown), vec![(1, P), (8, P)]);
    }

    #[test]
    fn next_line_inside_a_paragraph() {
        // the comment at the end of a line applies to the next line only
        let t =
            "第一行,有问题。<!-- zhproof-disable-next-line -->\n第二行,有问题。\n第三行,有问题。\n";
        assert_eq!(codes_at(t, DocKind::Markdown), vec![(1, P), (3, P)]);
    }

    #[test]
    fn same_line() {
        let t = "| 甲,乙 <!-- zhproof-disable-line punct-halfwidth --> | 丙 |\n| 丁,戊 | 己 |\n";
        assert_eq!(codes_at(t, DocKind::Markdown), vec![(2, P)]);
    }

    #[test]
    fn ranges() {
        let t = "甲,乙。\n<!-- zhproof-disable punct-halfwidth -->\n丙,丁。\n\n戊,己。\n<!-- zhproof-enable punct-halfwidth -->\n庚,辛。\n";
        assert_eq!(codes_at(t, DocKind::Markdown), vec![(1, P), (7, P)]);
        // plain text, all rules, no enable: to the end
        let t = "甲,乙。\n%% zhproof-disable\n丙,丁。\n戊,己。\n";
        assert_eq!(codes_at(t, DocKind::Plain), vec![(1, P)]);
    }

    #[test]
    fn specific_vs_all_codes() {
        // disabling another rule leaves this one on
        let t = "%% zhproof-disable-next-line other-rule\n甲,乙。\n%% zhproof-disable other-rule\n丙,丁。\n";
        assert_eq!(codes_at(t, DocKind::Plain), vec![(2, P), (4, P)]);
        // disable all, then re-enable just this rule
        let t = "%% zhproof-disable\n甲,乙。\n%% zhproof-enable punct-halfwidth\n丙,丁。\n%% zhproof-enable\n戊,己。\n";
        assert_eq!(codes_at(t, DocKind::Plain), vec![(4, P), (6, P)]);
        // enable without codes ends a specific disable
        let t = "<!-- zhproof-disable punct-halfwidth -->\n\n甲,乙。\n\n<!-- zhproof-enable -->\n\n丙,丁。\n";
        assert_eq!(codes_at(t, DocKind::Markdown), vec![(7, P)]);
    }

    #[test]
    fn html_form_in_plain_text_and_percent_form_in_markdown() {
        let t = "<!-- zhproof-disable-next-line punct-halfwidth -->\n甲,乙。\n丙,丁。\n";
        assert_eq!(codes_at(t, DocKind::Plain), vec![(3, P)]);
        let t = "%% zhproof-disable-next-line punct-halfwidth\n甲,乙。\n丙,丁。\n";
        assert_eq!(codes_at(t, DocKind::Markdown), vec![(3, P)]);
    }

    #[test]
    fn comment_lines_are_not_checked() {
        // the comment's own text (a reason with half-width punctuation) is never a finding
        let t = "%% zhproof-disable-next-line punct-halfwidth 原文如此,保留\n甲,乙。\n正文<!-- zhproof-disable-line other -- 说明,理由 -->。\n";
        assert_eq!(codes_at(t, DocKind::Plain), vec![]);
        assert_eq!(codes_at(t, DocKind::Markdown), vec![]);
    }

    #[test]
    fn title_detection_survives_a_leading_directive() {
        let t = "%% zhproof-disable punct-halfwidth\n市南区召开安全生产工作会议\n\n本报讯 会议要求,各部门落实责任。\n";
        let a = analyze(t, DocKind::Plain, Arc::new(Config::default()));
        assert!(a.findings.is_empty());
        assert!(
            a.sections(t)
                .first()
                .is_some_and(|s| s.is_title && s.name.contains("市南区")),
            "{:?}",
            a.sections(t)
        );
    }

    fn apply_line(text: &str, kind: DocKind, needle: &str) -> String {
        let at = text.find(needle).expect("needle");
        let e = disable_line_edit(text, kind, at, P).expect("an edit");
        crate::core::edits::apply_edits(text, &[e]).0
    }

    fn apply_file(text: &str, kind: DocKind) -> Option<String> {
        disable_file_edit(text, kind, P).map(|e| crate::core::edits::apply_edits(text, &[e]).0)
    }

    #[test]
    fn disable_line_actions_plain() {
        let t = "标题\n第一段,有问题。\n第二段,有问题。\n";
        let out = apply_line(t, DocKind::Plain, "第二段");
        assert_eq!(out, "标题\n第一段,有问题。\n%% zhproof-disable-next-line punct-halfwidth\n第二段,有问题。\n");
        assert_eq!(codes_at(&out, DocKind::Plain), vec![(2, P)]);
        // added to an existing comment above
        let t = "%% zhproof-disable-next-line other-rule -- 原文\n第二段,有问题。\n";
        assert_eq!(
            apply_line(t, DocKind::Plain, "第二段"),
            "%% zhproof-disable-next-line other-rule punct-halfwidth -- 原文\n第二段,有问题。\n"
        );
        // CRLF documents get CRLF
        let t = "第一段。\r\n第二段,有问题。\r\n";
        assert_eq!(
            apply_line(t, DocKind::Plain, "第二段"),
            "第一段。\r\n%% zhproof-disable-next-line punct-halfwidth\r\n第二段,有问题。\r\n"
        );
    }

    #[test]
    fn disable_line_actions_markdown() {
        // a paragraph after a blank line: a comment line above
        let t = "# 标题\n\n正文,有问题。\n";
        let out = apply_line(t, DocKind::Markdown, "正文");
        assert_eq!(
            out,
            "# 标题\n\n<!-- zhproof-disable-next-line punct-halfwidth -->\n正文,有问题。\n"
        );
        assert!(codes_at(&out, DocKind::Markdown).is_empty());
        // a later list item: at the end of the line
        let t = "- 第一项。\n- 第二项,有问题。\n- 第三项,有问题。\n";
        let out = apply_line(t, DocKind::Markdown, "第二项");
        assert_eq!(out, "- 第一项。\n- 第二项,有问题。<!-- zhproof-disable-line punct-halfwidth -->\n- 第三项,有问题。\n");
        assert_eq!(codes_at(&out, DocKind::Markdown), vec![(3, P)]);
        // a table row: inside the last cell
        let t = "| 单位 | 说明 |\n|---|---|\n| 甲 | 已完成,待验收 |\n";
        let out = apply_line(t, DocKind::Markdown, "已完成");
        assert_eq!(out, "| 单位 | 说明 |\n|---|---|\n| 甲 | 已完成,待验收 <!-- zhproof-disable-line punct-halfwidth --> |\n");
        assert!(codes_at(&out, DocKind::Markdown).is_empty());
        // a continuation line with a hard break
        let t = "第一行。\n第二行,有问题。  \n第三行。\n";
        let out = apply_line(t, DocKind::Markdown, "第二行");
        assert_eq!(
            out,
            "第一行。\n第二行,有问题。<!-- zhproof-disable-line punct-halfwidth -->  \n第三行。\n"
        );
        assert!(codes_at(&out, DocKind::Markdown).is_empty());
        // an indented list continuation keeps its indentation
        let t = "- 项目\n\n  续段,有问题。\n";
        let out = apply_line(t, DocKind::Markdown, "续段");
        assert_eq!(
            out,
            "- 项目\n\n  <!-- zhproof-disable-next-line punct-halfwidth -->\n  续段,有问题。\n"
        );
        // already on the line with another code
        let t = "甲,乙。<!-- zhproof-disable-line other-rule -->\n";
        assert_eq!(
            apply_line(t, DocKind::Markdown, "甲"),
            "甲,乙。<!-- zhproof-disable-line other-rule punct-halfwidth -->\n"
        );
    }

    #[test]
    fn disable_file_actions() {
        let t = "标题\n正文,有问题。\n";
        let out = apply_file(t, DocKind::Plain).unwrap();
        assert_eq!(
            out,
            "%% zhproof-disable punct-halfwidth\n标题\n正文,有问题。\n"
        );
        assert!(codes_at(&out, DocKind::Plain).is_empty());
        let t = "---\ntitle: x\n---\n# 标题\n\n正文,有问题。\n";
        let out = apply_file(t, DocKind::Markdown).unwrap();
        assert_eq!(out, "---\ntitle: x\n---\n<!-- zhproof-disable punct-halfwidth -->\n# 标题\n\n正文,有问题。\n");
        assert!(codes_at(&out, DocKind::Markdown).is_empty());
        let t = "<!-- zhproof-disable other-rule -->\n正文,有问题。\n";
        assert_eq!(
            apply_file(t, DocKind::Markdown).as_deref(),
            Some("<!-- zhproof-disable other-rule punct-halfwidth -->\n正文,有问题。\n")
        );
        let t = "%% zhproof-disable punct-halfwidth\n正文,有问题。\n";
        assert_eq!(apply_file(t, DocKind::Plain), None, "already disabled");
        let t = "\u{feff}正文,有问题。";
        assert_eq!(
            apply_file(t, DocKind::Plain).as_deref(),
            Some("\u{feff}%% zhproof-disable punct-halfwidth\n正文,有问题。")
        );
    }
}
