//! Half-width punctuation in Chinese context (GB/T 15834-2011 §4: Chinese text
//! takes full-width marks): `,` `:` `;` `?` `!` `(` `)` next to Chinese.

use super::doubled::in_doubled_run;
use super::mojibake::is_lost_char_question;
use super::scan::{ascii_set, find_ascii};
use super::{DOUBLED, MOJIBAKE};
use crate::core::chars::{is_cjk, is_han, is_pinyin_annotation, MASK};
use crate::core::finding::{Finding, Fix, Severity};
use crate::core::rules::{Check, ParaCtx, Rule};
use crate::core::text::DocKind;
use std::ops::Range;

pub const RULES: &[Rule] = &[Rule {
    code: "punct-halfwidth",
    family: "标点",
    severity: Severity::Warning,
    default_off: false,
    fixable: true,
    description: "中文语境中使用了半角标点（, : ; ? ! ( )），应改用全角标点；中文句末的半角句号“.”应为“。”，用作书名号的“<>”应为“《》”。数字、时间、网址、英文句子和代码中的半角标点不报。",
    wrong: "红岛经济区(高新区)召开会议,部署工作:一是学习。",
    right: "红岛经济区（高新区）召开会议，部署工作：一是学习。",
    check: Check::Para(check),
}];

const CODE: &str = "punct-halfwidth";

/// The full-width form of a half-width mark (the reference for [`texts`]).
#[cfg(test)]
fn full(c: char) -> char {
    match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        '.' => '。',
        other => other,
    }
}

/// Previous char that is not a space, tab or mask.
fn prev_sig(s: &str, at: usize) -> Option<char> {
    s[..at]
        .chars()
        .rev()
        .find(|&c| c != ' ' && c != '\t' && c != MASK)
}

fn next_sig(s: &str, at: usize) -> Option<char> {
    s[at..]
        .chars()
        .find(|&c| c != ' ' && c != '\t' && c != MASK)
}

fn cjk(c: Option<char>) -> bool {
    c.is_some_and(is_cjk)
}

/// Opening or closing quote / bracket that belongs to Chinese text.
fn cjk_open(c: Option<char>) -> bool {
    c.is_some_and(|c| is_han(c) || matches!(c, '“' | '‘' | '《' | '（' | '「' | '『' | '【'))
}

/// `,` `:` `;` `?` `!` `(` `)`, the full stop `.` and the angle bracket `<`.
const MARKS: u64 = ascii_set(b",:;?!().<");

fn check(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    let s = ctx.masked;
    let b = s.as_bytes();
    let mut i = 0;
    // every other byte only moves the scan on by one
    while let Some(at) = find_ascii(b, i, MARKS) {
        i = at;
        let c = b[i];
        match c {
            b',' | b':' | b';' | b'?' | b'!' => {
                // runs of ?/? are encoding losses, left to the placeholder rule
                if c == b'?' && (b.get(i + 1) == Some(&b'?') || (i > 0 && b[i - 1] == b'?')) {
                    i += 1;
                    continue;
                }
                // one finding per defect: doubled marks and lost characters have their own rules
                if (ctx.enabled(DOUBLED) && in_doubled_run(s, i))
                    || (c == b'?' && ctx.enabled(MOJIBAKE) && is_lost_char_question(s, i))
                {
                    i += 1;
                    continue;
                }
                let before = i.checked_sub(1).map(|j| b[j]);
                let after = b.get(i + 1).copied();
                if not_a_chinese_mark(ctx, s, i) {
                    i += 1;
                    continue;
                }
                // 3,000 · 06:42 · 1:2 · a;b
                if before.is_some_and(|x| x.is_ascii_alphanumeric())
                    && after.is_some_and(|x| x.is_ascii_alphanumeric())
                {
                    i += 1;
                    continue;
                }
                let p = prev_sig(s, i);
                let n = next_sig(s, i + 1);
                // `HTML5,至少`: a digit ending a Latin word is part of the word
                let digit_of_number = p.is_some_and(|x| x.is_ascii_digit())
                    && !s[..i]
                        .trim_end_matches(|x: char| x.is_ascii_digit())
                        .ends_with(|x: char| x.is_ascii_alphabetic());
                let chinese = cjk(p) || (cjk_open(n) && !digit_of_number && c != b'?' && c != b'!');
                if chinese {
                    out.push(make(s, i, c as char));
                }
                i += 1;
            }
            b'(' => {
                let close = matching_paren(b, i);
                let content = close.map(|j| &s[i + 1..j]).unwrap_or("");
                if close.is_some() && is_pinyin_annotation(content) {
                    i = close.unwrap_or(i) + 1;
                    continue;
                }
                let inside_cjk = content.chars().any(is_cjk);
                // `rank()` `p.toString()`: a function call in technical prose
                let call =
                    i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') && !inside_cjk;
                if call {
                    i = close.map_or(i + 1, |j| j + 1);
                    continue;
                }
                let p = prev_sig(s, i);
                let after_close = close.and_then(|j| next_sig(s, j + 1));
                let chinese = inside_cjk || cjk(p) || (close.is_some() && cjk(after_close));
                if chinese {
                    out.push(make(s, i, '('));
                    if let Some(j) = close {
                        out.push(make(s, j, ')'));
                    }
                }
                i = match (chinese, close) {
                    (true, Some(j)) if !content.contains('(') => j + 1,
                    _ => i + 1,
                };
            }
            b'.' => {
                if is_chinese_full_stop(s, i) && !between_names(ctx, i) {
                    out.push(make(s, i, '.'));
                }
                i += 1;
            }
            b'<' => {
                i = match book_title_angles(s, i) {
                    Some((inner, end)) => {
                        out.push(angle_finding(s, i, inner, end));
                        end
                    }
                    None => i + 1,
                };
            }
            b')' => {
                // an unmatched closing paren (matched ones were handled with their opener)
                if opening_for(b, i).is_none() && (cjk(prev_sig(s, i)) || cjk(next_sig(s, i + 1))) {
                    out.push(make(s, i, ')'));
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
}

/// Is the `.` at byte `i` a full stop ending or splitting a Chinese
/// sentence (`会议强调.要抓好落实.`)? Directly after a Han character or a
/// closing Chinese mark, and followed by the end, a space, a Han character or
/// a closing quote; never in a run of dots (an ellipsis, its own rule), nor
/// before a Latin letter or digit (`文件.txt`, `第3.5`).
fn is_chinese_full_stop(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    if b.get(i + 1) == Some(&b'.') || (i > 0 && b[i - 1] == b'.') {
        return false;
    }
    let before = s[..i].chars().next_back();
    if !before.is_some_and(|c| is_han(c) || matches!(c, '”' | '’' | '）' | '》' | '」' | '』'))
    {
        return false;
    }
    // `一.概况`: an enumeration marker (wants `、`, not `。`), left alone
    let head = s[..i].trim_end_matches(|c: char| "一二三四五六七八九十".contains(c));
    if head.len() < i
        && head
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || c == MASK || "，。；：、（）".contains(c))
    {
        return false;
    }
    match s[i + 1..].chars().next() {
        None => true,
        Some(c) => {
            is_han(c) || matches!(c, ' ' | '\t' | '\n' | '\r' | '”' | '’' | '」' | '』' | '）')
        }
    }
}

/// `马克.吐温`: a `.` beside part of a transliterated name (jieba: `nr`) is a
/// wrong middle dot, not a full stop (left alone: the fix is not `。`).
fn between_names(ctx: &ParaCtx, i: usize) -> bool {
    let s = ctx.masked;
    if !s[i + 1..].starts_with(is_han) {
        return false;
    }
    let toks = ctx.tokens();
    let name = |x: usize| {
        toks.iter()
            .find(|t| t.range.start <= x && x < t.range.end)
            .is_some_and(|t| t.tag.starts_with("nr"))
    };
    i > 0 && (name(i - 1) || name(i + 1))
}

/// `<…>` (or `<<…>>`) used as book-title marks (`<人民日报>`): for the `<`
/// at byte `open`, the title's range and the end of the closing marks, when
/// what is between is a Chinese title on one line (Han first, then Han,
/// digits, `·` or `—`, at most 30 characters). Markup (`<br>`, `<code>`)
/// starts with a Latin letter and is never taken.
fn book_title_angles(s: &str, open: usize) -> Option<(Range<usize>, usize)> {
    let b = s.as_bytes();
    if open > 0 && b[open - 1] == b'<' {
        return None;
    }
    let double = b.get(open + 1) == Some(&b'<');
    let start = open + if double { 2 } else { 1 };
    let rest = s.get(start..)?;
    let close = start + rest.find(['>', '<', '\n'])?;
    if b[close] != b'>' || (double && b.get(close + 1) != Some(&b'>')) {
        return None;
    }
    let end = close + if double { 2 } else { 1 };
    if !double && b.get(end) == Some(&b'>') {
        return None;
    }
    let inner = &s[start..close];
    let mut chars = inner.chars();
    let first = chars.next()?;
    let ok = is_han(first)
        && inner.chars().count() <= 30
        && chars.all(|c| is_han(c) || c.is_ascii_digit() || matches!(c, '·' | '—'));
    ok.then_some((start..close, end))
}

/// The finding for `<…>` book-title marks, with a fix that writes `《…》`.
fn angle_finding(s: &str, open: usize, inner: Range<usize>, end: usize) -> Finding {
    let title = &s[inner];
    Finding::new(
        CODE,
        open..end,
        "中文书名、报刊名应使用书名号“《》”，而不是半角尖括号“<>”",
    )
    .with_fix(Fix::replace(
        open..end,
        format!("《{title}》"),
        "改为“《》”",
    ))
}

/// Marks that are not punctuation of a Chinese sentence: `;` ending an
/// HTML entity (`&nbsp;`), an emoticon (`;-)` `:)`), `!` before a Latin
/// word (`!important`), and the colon of a Markdown definition list
/// (`: 定义` at the start of a line).
fn not_a_chinese_mark(ctx: &ParaCtx, s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    let c = b[i];
    let rest = &b[i + 1..];
    if matches!(c, b';' | b':')
        && (rest.starts_with(b"-)") || rest.starts_with(b"-(") || rest.starts_with(b")"))
    {
        return true;
    }
    if c == b';' {
        let body = s[..i]
            .bytes()
            .rev()
            .take_while(|x| x.is_ascii_alphanumeric() || *x == b'#')
            .count();
        if body > 0 && i > body && b[i - body - 1] == b'&' {
            return true;
        }
    }
    if c == b'!' && rest.first().is_some_and(u8::is_ascii_alphabetic) {
        return true;
    }
    c == b':'
        && ctx.doc_kind == DocKind::Markdown
        && (i == 0 || b[i - 1] == b'\n')
        && rest.first() == Some(&b' ')
}

fn matching_paren(b: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0;
    for (j, &x) in b.iter().enumerate().skip(open) {
        match x {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
            b'\n' => return None,
            _ => {}
        }
    }
    None
}

fn opening_for(b: &[u8], close: usize) -> Option<usize> {
    let mut depth = 0;
    for j in (0..=close).rev() {
        match b[j] {
            b')' => depth += 1,
            b'(' => {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
            b'\n' => return None,
            _ => {}
        }
    }
    None
}

/// The finding for the mark at `i`, with a fix that also drops the spaces a
/// full-width mark makes redundant.
fn make(s: &str, i: usize, c: char) -> Finding {
    let b = s.as_bytes();
    let mut start = i;
    let mut end = i + 1;
    let spaces_before = |mut k: usize| {
        while k > 0 && b[k - 1] == b' ' {
            k -= 1;
        }
        k
    };
    let spaces_after = |mut k: usize| {
        while k < b.len() && b[k] == b' ' {
            k += 1;
        }
        k
    };
    match c {
        '(' => {
            if cjk(s[..i].trim_end_matches(' ').chars().next_back()) {
                start = spaces_before(i);
            }
        }
        ')' => {
            let e = spaces_after(i + 1);
            if e < b.len() && cjk(s[e..].chars().next()) {
                end = e;
            }
        }
        _ => {
            start = spaces_before(i);
            let e = spaces_after(i + 1);
            if e < b.len() {
                end = e;
            }
        }
    }
    let (message, label, replacement) = texts(c);
    Finding::new(CODE, i..i + 1, message).with_fix(Fix::replace(start..end, replacement, label))
}

/// The message, the fix's title and the replacement for the mark `c` (fixed
/// strings: the most frequent finding costs no text allocation).
fn texts(c: char) -> (&'static str, &'static str, &'static str) {
    match c {
        ',' => (
            "中文语境中应使用全角标点“，”，而不是半角“,”",
            "改为“，”",
            "，",
        ),
        ':' => (
            "中文语境中应使用全角标点“：”，而不是半角“:”",
            "改为“：”",
            "：",
        ),
        ';' => (
            "中文语境中应使用全角标点“；”，而不是半角“;”",
            "改为“；”",
            "；",
        ),
        '?' => (
            "中文语境中应使用全角标点“？”，而不是半角“?”",
            "改为“？”",
            "？",
        ),
        '!' => (
            "中文语境中应使用全角标点“！”，而不是半角“!”",
            "改为“！”",
            "！",
        ),
        '.' => ("中文句子应使用句号“。”，而不是半角“.”", "改为“。”", "。"),
        '(' => (
            "中文语境中应使用全角标点“（”，而不是半角“(”",
            "改为“（”",
            "（",
        ),
        _ => (
            "中文语境中应使用全角标点“）”，而不是半角“)”",
            "改为“）”",
            "）",
        ),
    }
}

#[cfg(test)]
mod tests {
    use crate::core::rules::testutil::{fixed, run_para};
    use crate::core::text::DocKind;

    /// The fixed texts say what `full` says.
    #[test]
    fn texts_follow_full() {
        for c in [',', ':', ';', '?', '!', '(', ')'] {
            let f = super::full(c);
            let (m, l, r) = super::texts(c);
            assert_eq!(m, format!("中文语境中应使用全角标点“{f}”，而不是半角“{c}”"));
            assert_eq!(l, format!("改为“{f}”"));
            assert_eq!(r, f.to_string());
        }
    }

    fn fix(s: &str) -> String {
        fixed(s, &run_para("punct-halfwidth", s, DocKind::Plain))
    }

    fn count(s: &str) -> usize {
        run_para("punct-halfwidth", s, DocKind::Plain).len()
    }

    #[test]
    fn fires_in_chinese_text() {
        assert_eq!(
            fix("红岛经济区(高新区)紧密结合实际,精心部署安排"),
            "红岛经济区（高新区）紧密结合实际，精心部署安排"
        );
        assert_eq!(fix("传达落实:确保工作传达快"), "传达落实：确保工作传达快");
        assert_eq!(
            fix("如何进一步解放思想?市南区秉持理念!"),
            "如何进一步解放思想？市南区秉持理念！"
        );
        assert_eq!(
            fix("(1)对照和党的十九大精神;(2)对照上海"),
            "（1）对照和党的十九大精神；（2）对照上海"
        );
        assert_eq!(fix("下载APP, 然后注册"), "下载APP，然后注册");
        assert_eq!(fix("“四个新、六个对照”,聚焦"), "“四个新、六个对照”，聚焦");
    }

    #[test]
    fn range_is_the_mark() {
        let f =
            crate::core::rules::testutil::run_para("punct-halfwidth", "实际,精心", DocKind::Plain);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].range, 6..7);
    }

    #[test]
    fn silent_on_numbers_times_latin_urls() {
        assert_eq!(count("同比增长7.8%,到账外资4.09亿美元"), 1);
        assert_eq!(count("共计3,000人参加"), 0);
        assert_eq!(count("2023-05-12 07:30 来源：某某日报"), 0);
        assert_eq!(count("比分为2:1。"), 0);
        assert_eq!(count("他说：“Hello, world (and you)!”"), 0);
        assert_eq!(count("详见 https://example.com/a?b=1,2:3 。"), 0);
        assert_eq!(count("見習(xí)記者"), 0);
        assert_eq!(count("红岛经济区（高新区）紧密结合实际，精心部署安排。"), 0);
    }

    #[test]
    fn markdown_code_is_skipped() {
        let f = run_para("punct-halfwidth", "运行`a(b, c)`命令。", DocKind::Markdown);
        assert!(f.is_empty());
        let f = run_para("punct-halfwidth", "**注意**:请先保存。", DocKind::Markdown);
        assert_eq!(f.len(), 1);
    }

    #[test]
    fn half_width_full_stop_in_chinese() {
        assert_eq!(fix("会议强调.要抓好落实."), "会议强调。要抓好落实。");
        assert_eq!(fix("你好,这是一个句子."), "你好，这是一个句子。");
        assert_eq!(fix("他说：“这是大事.”"), "他说：“这是大事。”");
        assert_eq!(
            fix("工作稳步推进. 下一步要抓好落实。"),
            "工作稳步推进。下一步要抓好落实。"
        );
    }

    #[test]
    fn full_stop_left_alone() {
        assert_eq!(count("增长7.8个百分点。"), 0);
        assert_eq!(count("请下载附件.pdf文件。"), 0);
        assert_eq!(count("他说Hello world."), 0);
        assert_eq!(count("阿里巴巴.US发布财报。"), 0);
        assert_eq!(count("加强学习...推动整改"), 0);
        assert_eq!(count("一.基本情况"), 0);
        assert_eq!(count("美国作家马克.吐温的作品。"), 0);
        assert_eq!(count("工作概况：三.主要做法"), 0);
        assert_eq!(count("工作稳步推进。"), 0);
    }

    #[test]
    fn angle_brackets_as_book_title_marks() {
        assert_eq!(
            fix("他在<人民日报>上发表文章。"),
            "他在《人民日报》上发表文章。"
        );
        assert_eq!(
            fix("学习<<习近平谈治国理政>>第三卷。"),
            "学习《习近平谈治国理政》第三卷。"
        );
        assert_eq!(count("换行用<br>标签。"), 0);
        assert_eq!(count("当a<b且b>c时成立。"), 0);
        assert_eq!(count("他在《人民日报》上发表文章。"), 0);
        assert!(run_para("punct-halfwidth", "使用<code>标签。", DocKind::Markdown).is_empty());
    }

    #[test]
    fn technical_marks_left_alone() {
        let md = |t: &str| run_para("punct-halfwidth", t, DocKind::Markdown).len();
        assert_eq!(
            md("调用 rank() 函数得到排名，使用 p.toString() 转为字符串。"),
            0
        );
        assert_eq!(
            md("使用 <code>foo(bar)</code> 调用，或者用&nbsp;空格分隔。"),
            0
        );
        assert_eq!(md("参见 {{domxref(\"Element.getAttribute()\")}} 方法。"), 0);
        assert_eq!(md("术语\n: 定义内容"), 0);
        assert_eq!(count("规则后面是否跟随者!important 以及规则的来源"), 0);
        assert_eq!(count("中文 ;-)"), 0);
        assert_eq!(count("确保&quot;字符&#34;不会被处理"), 0);
        // a Chinese word in the parentheses, or a colon inside a line, is still Chinese
        assert_eq!(md("调用函数(即排名)得到结果。"), 2);
        assert_eq!(md("术语: 定义内容"), 1);
    }

    #[test]
    fn comma_after_a_latin_word_with_digits() {
        assert_eq!(
            fix("熟悉JavaScript、HTML5,至少理解一种框架。"),
            "熟悉JavaScript、HTML5，至少理解一种框架。"
        );
        assert_eq!(count("共有3,000人参加"), 0);
    }

    #[test]
    fn question_mark_runs_left_to_mojibake_rule() {
        assert_eq!(count("致敬改革开放40周年??‘我与斜塘的故事’"), 0);
    }
}
