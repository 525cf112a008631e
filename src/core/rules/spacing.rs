//! Spacing: spaces between Chinese and digits / Latin letters (style from
//! `config.spacing`), spaces next to full-width punctuation, and irregular
//! whitespace (runs of spaces, NBSP and ideographic spaces inside sentences,
//! trailing spaces).
//!
//! One scanner looks at every whitespace run of a paragraph and gives it at
//! most one verdict (rule code + wanted replacement); each rule keeps its own.
//!
//! Decisions:
//! - Whitespace at the start of a line is indentation and stays silent, whatever
//!   it is made of: `　　` (two U+3000) is the customary paragraph indent of
//!   Chinese documents, and Markdown gives leading spaces a meaning.
//! - A space between two Chinese words is not wrong as such: it separates names
//!   in bylines (`半岛记者 高晓飞 通讯员 沈明书`) and the halves of a title line
//!   (`培育新动能 率先走在前列`). Only runs of several spaces, NBSP or U+3000
//!   between Chinese words inside running prose (after a `，`/`。`, outside
//!   quotes) are flagged.
//! - Lines whose spaces are field separators (bylines, datelines such as
//!   `2023-05-12 07:30 来源：某某日报`, short title lines that separate phrases
//!   by spaces) keep their spaces next to digits, Latin and quotes.
//! - Whitespace next to code, URLs or markup (masked text) is left alone.
//! - In Markdown, two or more trailing spaces inside a paragraph are a hard
//!   line break, not a defect.

use std::cell::OnceCell;
use std::ops::Range;

use super::{Check, ParaCtx, Rule};
use crate::core::chars::{is_han, is_inline_ws, MASK};
use crate::core::config::Spacing;
use crate::core::finding::{Finding, Fix, Severity};
use crate::core::latin_words;
use crate::core::text::DocKind;
use crate::core::{lines, outline};

pub const CJK_ALNUM: &str = "space-cjk-alnum";
pub const AROUND: &str = "space-around-fullwidth";
pub const IRREGULAR: &str = "space-irregular";

pub const RULES: &[Rule] = &[
    Rule {
        code: CJK_ALNUM,
        family: "空格",
        severity: Severity::Warning,
        default_off: false,
        fixable: true,
        description: "中文与数字、英文之间的空格，按配置的风格检查：默认（spacing = \"none\"，新闻稿风格）不加空格；spacing = \"space\" 时应加一个空格。中文与引号、括号、书名号之间也不应有空格。署名行、电头日期行和以空格分隔短语的标题行不报。",
        wrong: "纪念真理标准问题讨论40 周年，大力实施 “善治斜塘党建引领工程”。",
        right: "纪念真理标准问题讨论40周年，大力实施“善治斜塘党建引领工程”。",
        check: Check::Para(check_cjk_alnum),
    },
    Rule {
        code: AROUND,
        family: "空格",
        severity: Severity::Warning,
        default_off: false,
        fixable: true,
        description: "全角标点前后不加空格：逗号、句号、顿号、分号、冒号、问号、叹号前后，引号、括号、书名号内侧，以及两个引号、括号之间。",
        wrong: "市南区召开座谈会， 部署“ 双招双引”工作。",
        right: "市南区召开座谈会，部署“双招双引”工作。",
        check: Check::Para(check_around),
    },
    Rule {
        code: IRREGULAR,
        family: "空格",
        severity: Severity::Info,
        default_off: false,
        fixable: true,
        description: "不规则空白：行尾空格；句中的不间断空格（U+00A0）、全角空格（U+3000）；正文句子中连续多个空格。行首的全角空格是段首缩进，不报；标题、署名行中用来分隔词语的空格不报。",
        wrong: "全区300余个党组织参照区级做法，迅速完成\u{3000}动员部署。  ",
        right: "全区300余个党组织参照区级做法，迅速完成动员部署。",
        check: Check::Para(check_irregular),
    },
];

fn check_cjk_alnum(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    scan(ctx, CJK_ALNUM, out);
    if ctx.config.spacing == Spacing::Space {
        missing_spaces(ctx, out);
    }
}

fn check_around(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    scan(ctx, AROUND, out);
}

fn check_irregular(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    scan(ctx, IRREGULAR, out);
}

/// Opening quotes and brackets.
pub fn is_open(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '《' | '〈' | '【' | '「' | '『' | '（' | '〔' | '〖'
    )
}

/// Closing quotes and brackets.
pub fn is_close(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '》' | '〉' | '】' | '」' | '』' | '）' | '〕' | '〗'
    )
}

/// Full-width marks that take no space on either side.
fn is_stop(c: char) -> bool {
    matches!(c, '，' | '。' | '、' | '；' | '：' | '？' | '！')
}

fn is_alnum_side(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

fn what(c: char) -> &'static str {
    match c {
        '0'..='9' => "数字",
        c if c.is_ascii_alphabetic() => "英文",
        '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』' => "引号",
        '《' | '》' | '〈' | '〉' => "书名号",
        _ => "括号",
    }
}

/// Facts about the whole paragraph that some verdicts need, computed lazily.
struct Para<'a> {
    ctx: &'a ParaCtx<'a>,
    title_like: OnceCell<bool>,
    separators: OnceCell<bool>,
    field_line: OnceCell<bool>,
}

impl<'a> Para<'a> {
    fn new(ctx: &'a ParaCtx<'a>) -> Self {
        Para {
            ctx,
            title_like: OnceCell::new(),
            separators: OnceCell::new(),
            field_line: OnceCell::new(),
        }
    }

    /// A short line without clause punctuation: a title, heading or label.
    fn title_like(&self) -> bool {
        *self.title_like.get_or_init(|| {
            let t = self.ctx.masked.trim();
            t.chars().count() <= 40 && !t.contains(['，', '。', '；', ',', ';'])
        })
    }

    /// Title-like, and it separates phrases by spaces (`培育新动能 率先走在前列`).
    fn separators(&self) -> bool {
        *self.separators.get_or_init(|| {
            if !self.title_like() {
                return false;
            }
            let s = self.ctx.masked;
            let mut prev: Option<char> = None;
            let mut in_gap = false;
            for c in s.trim().chars() {
                if is_inline_ws(c) {
                    in_gap = true;
                    continue;
                }
                if in_gap && is_han(c) && prev.is_some_and(is_han) {
                    return true;
                }
                in_gap = false;
                prev = Some(c);
            }
            false
        })
    }

    /// Byline or dateline (spaces separate fields).
    fn field_line(&self) -> bool {
        *self.field_line.get_or_init(|| {
            let t = self.ctx.text;
            lines::is_byline(t) || lines::is_dateline(t)
        })
    }
}

/// What the scanner decided about one whitespace run.
#[derive(Debug, PartialEq)]
struct Verdict {
    code: &'static str,
    replacement: &'static str,
    message: String,
}

fn scan(ctx: &ParaCtx, code: &'static str, out: &mut Vec<Finding>) {
    let s = ctx.masked;
    let b = s.as_bytes();
    // cheap pre-check: any whitespace after the indentation at all? (The
    // paragraph's facts say, once for the three rules.)
    if !ctx.facts().inner_ws {
        return;
    }
    let para = Para::new(ctx);
    // the indentation is one run that gets no verdict (nothing on its
    // left): the runs after it
    let indent = s.len() - s.trim_start_matches(is_inline_ws).len();
    let plain = !ctx.facts().wide_ws;
    for run in ws_runs(b, indent, plain) {
        if let Some(v) = judge(&para, run.clone(), Some(code)) {
            if v.code == code {
                let title = match v.replacement {
                    "" => "删除空格".to_string(),
                    _ => "改为一个普通空格".to_string(),
                };
                out.push(
                    Finding::new(v.code, run.clone(), v.message).with_fix(Fix::replace(
                        run,
                        v.replacement,
                        title,
                    )),
                );
            }
        }
    }
}

/// The maximal runs of white space in `b` from byte `from` on. `plain`:
/// there is no NBSP or U+3000 from `from` on, so a run starts at a space
/// or tab, found by a search instead of a look at every byte.
fn ws_runs(b: &[u8], from: usize, plain: bool) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut i = from;
    std::iter::from_fn(move || {
        while i < b.len() {
            if plain {
                i += b.get(i..).and_then(|r| memchr::memchr2(b' ', b'\t', r))?;
            }
            if ws_len(b, i) == 0 {
                i += 1;
                continue;
            }
            let start = i;
            while let w @ 1.. = ws_len(b, i) {
                i += w;
            }
            return Some(start..i);
        }
        None
    })
}

/// Byte length of the whitespace char at `i` (0 if none).
fn ws_len(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b' ') | Some(b'\t') => 1,
        Some(0xC2) if b.get(i + 1) == Some(&0xA0) => 2,
        Some(0xE3) if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80) => 3,
        _ => 0,
    }
}

/// The verdict on a run; with `only`, `None` for a verdict of another code
/// (which is then not worked out: each of the three rules scans the
/// paragraph, and keeps only its own verdicts).
fn judge(p: &Para, run: Range<usize>, only: Option<&str>) -> Option<Verdict> {
    let ctx = p.ctx;
    let s = ctx.masked;
    let gap = s.get(run.clone())?;
    let left = super::prev_char(s, run.start).filter(|c| *c != '\n' && *c != '\r');
    let right = super::next_char(s, run.end).filter(|c| *c != '\n' && *c != '\r');
    let nbsp = gap.contains('\u{a0}');
    let ideo = gap.contains('\u{3000}');
    let special = nbsp || ideo;
    let ascii_run = gap.len() >= 2 || gap.contains('\t');

    let Some(r) = right else {
        // trailing whitespace
        left?;
        if only.is_some_and(|c| c != IRREGULAR) {
            return None;
        }
        if ctx.doc_kind == DocKind::Markdown
            && gap.len() >= 2
            && !special
            && !gap.contains('\t')
            && s.len() > run.end
        {
            return None; // Markdown hard line break
        }
        return Some(Verdict {
            code: IRREGULAR,
            replacement: "",
            message: "行尾有多余的空格，应删除".into(),
        });
    };
    // leading whitespace is indentation
    let l = left?;
    // next to code or a link, only a full-width mark's own space is judged
    // (`测试， `code``)
    // (a space before a mark after a URL keeps the mark out of the address)
    if l == MASK || (r == MASK && !is_stop(l)) {
        return None;
    }
    if only.is_some_and(|c| !may_be(c, l, r, special)) {
        return None;
    }

    let mut v = verdict(p, l, r, run.clone(), special || ascii_run)?;
    if special {
        let name = if ideo {
            "全角空格（U+3000）"
        } else {
            "不间断空格（U+00A0）"
        };
        v.code = IRREGULAR;
        v.message = match v.replacement {
            "" => format!("句中有{name}，应删除"),
            _ => format!("句中有{name}，应改为普通空格"),
        };
    }
    Some(v)
}

/// Can the verdict on a run between `l` and `r` have the code `code`? A
/// special run (NBSP, U+3000) is always `IRREGULAR`; otherwise the branches
/// of [`verdict`] that give each code need these characters.
fn may_be(code: &str, l: char, r: char, special: bool) -> bool {
    if special {
        return code == IRREGULAR;
    }
    match code {
        AROUND => {
            is_open(l) || is_close(r) || is_stop(l) || is_stop(r) || (is_close(l) && is_open(r))
        }
        CJK_ALNUM => {
            (is_han(l) && is_open(r))
                || (is_close(l) && is_han(r))
                || (is_han(l) && is_alnum_side(r))
                || (is_alnum_side(l) && is_han(r))
        }
        IRREGULAR => is_han(l) && is_han(r),
        _ => true,
    }
}

/// The verdict on whitespace between `l` and `r` (`irregular`: more than a
/// single ordinary space).
fn verdict(p: &Para, l: char, r: char, run: Range<usize>, irregular: bool) -> Option<Verdict> {
    let around = |m: String| {
        Some(Verdict {
            code: AROUND,
            replacement: "",
            message: m,
        })
    };
    let cjk = |c: char| is_han(c) || is_open(c) || is_close(c) || is_stop(c);
    // inside quotes and brackets
    if is_open(l) {
        if l == '‘' && !cjk(r) {
            return None;
        }
        return around(format!("“{l}”后不应有空格"));
    }
    if is_close(r) {
        if r == '’' && !cjk(l) {
            return None;
        }
        return around(format!("“{r}”前不应有空格"));
    }
    if is_stop(l) {
        // `图为活动现场。 记者 赵六 摄`: the space sets off the photo credit
        if p.field_line() || outline::is_caption_line(p.ctx.text) {
            return None;
        }
        return around(format!("全角标点“{l}”后不应有空格"));
    }
    if is_stop(r) {
        return around(format!("全角标点“{r}”前不应有空格"));
    }
    // between two quotes / brackets: `“三会一课” “主题党日”`
    if is_close(l) && is_open(r) {
        if p.title_like() || p.field_line() {
            return None;
        }
        return around(format!("“{l}”与“{r}”之间不应有空格"));
    }
    // outside quotes and brackets, next to Chinese
    if (is_han(l) && is_open(r)) || (is_close(l) && is_han(r)) {
        if p.title_like() || p.field_line() || dateline_lead(p.ctx.masked, &run) {
            return None;
        }
        let mark = if is_open(r) { r } else { l };
        return Some(Verdict {
            code: CJK_ALNUM,
            replacement: "",
            message: format!("中文与{}之间不应有空格", what(mark)),
        });
    }
    // Chinese and digits / Latin
    let han_alnum = (is_han(l) && is_alnum_side(r)) || (is_alnum_side(l) && is_han(r));
    if han_alnum {
        return han_alnum_verdict(p, l, r, &run, irregular);
    }
    // two Chinese words: only irregular whitespace inside running prose
    if is_han(l) && is_han(r) && irregular && in_prose(p.ctx.masked, &run) {
        return Some(Verdict {
            code: IRREGULAR,
            replacement: "",
            message: "句中有多余的空格，应删除".into(),
        });
    }
    if is_han(l)
        && is_han(r)
        && !irregular
        && !p.title_like()
        && !p.field_line()
        && !outline::is_caption_line(p.ctx.text)
        && stray_single_space(p.ctx.masked, &run)
    {
        return Some(Verdict {
            code: IRREGULAR,
            replacement: "",
            message: "汉字之间有多余的空格，应删除".into(),
        });
    }
    None
}

/// A single space between two Han characters inside a sentence of running
/// prose (`会议 强调`): the only such space of its clause (a list of names
/// `张三 李四 王五` has several, or follows a colon), outside quotes, and not
/// setting off a credit (`记者 张三`, `张三 摄`) or a weekday (`12日 星期五`).
fn stray_single_space(s: &str, run: &Range<usize>) -> bool {
    let before = &s[..run.start];
    let after = &s[run.end..];
    let clause = |c: char| {
        matches!(
            c,
            '，' | '。' | '；' | '！' | '？' | '、' | '：' | ',' | ';' | ':'
        )
    };
    let mark = before.rfind(clause);
    let start = mark.unwrap_or(0);
    let end = after.find(clause).map_or(s.len(), |k| run.end + k);
    // a list after a colon, or several words set off by spaces
    if before[start..].starts_with(['：', ':']) {
        return false;
    }
    // the first words of a paragraph may be a label (`本报讯 `, `主持人 `)
    if mark.is_none() || s[start..end].matches(' ').count() != 1 {
        return false;
    }
    const CREDIT: &[&str] = &[
        "记者",
        "通讯员",
        "编辑",
        "责编",
        "作者",
        "摄影",
        "实习生",
        "特约",
    ];
    if CREDIT.iter().any(|w| before.ends_with(w))
        || [
            "摄", "星期", "周一", "周二", "周三", "周四", "周五", "周六", "周日", "报道",
        ]
        .iter()
        .any(|w| after.starts_with(w))
    {
        return false;
    }
    let mut depth = 0i32;
    for c in before.chars() {
        match c {
            '“' | '《' | '「' | '『' | '（' => depth += 1,
            '”' | '》' | '」' | '』' | '）' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth == 0
}

/// The verdict on a gap between Chinese and a digit or a Latin letter: none
/// in a field line, a date or a stray-Latin connector; otherwise what the
/// configured [`Spacing`] wants.
fn han_alnum_verdict(
    p: &Para,
    l: char,
    r: char,
    run: &Range<usize>,
    irregular: bool,
) -> Option<Verdict> {
    if p.field_line()
        || p.separators()
        || datetime_next_to(p.ctx.masked, run, l)
        || dateline_lead(p.ctx.masked, run)
    {
        return None;
    }
    if p.ctx.enabled("latin-stray") && latin_words::connector_at(p.ctx, run) {
        return None; // `政策 and 人才`: the stray-Latin fix takes the spaces too
    }
    let kind = if is_han(l) { what(r) } else { what(l) };
    match p.ctx.config.spacing {
        Spacing::None => Some(Verdict {
            code: CJK_ALNUM,
            replacement: "",
            message: format!("中文与{kind}之间不加空格（新闻稿风格）"),
        }),
        Spacing::Space if irregular => Some(Verdict {
            code: CJK_ALNUM,
            replacement: " ",
            message: format!("中文与{kind}之间应只有一个空格"),
        }),
        Spacing::Space => None,
    }
}

/// Is the ASCII token on the digit/Latin side of the gap a date or time
/// (`2023-05-12`, `07:30`, `2023/5/12`, `2023.05.12`)?
fn datetime_next_to(s: &str, run: &Range<usize>, l: char) -> bool {
    let b = s.as_bytes();
    let tok = if is_alnum_side(l) {
        let mut a = run.start;
        while a > 0 && b[a - 1].is_ascii_graphic() {
            a -= 1;
        }
        &b[a..run.start]
    } else {
        let mut e = run.end;
        while e < b.len() && b[e].is_ascii_graphic() {
            e += 1;
        }
        &b[run.end..e]
    };
    let seps = tok
        .windows(3)
        .filter(|w| {
            w[0].is_ascii_digit()
                && matches!(w[1], b'-' | b'/' | b':' | b'.')
                && w[2].is_ascii_digit()
        })
        .count();
    let strong = tok.windows(3).any(|w| {
        w[0].is_ascii_digit() && matches!(w[1], b'-' | b'/' | b':') && w[2].is_ascii_digit()
    });
    strong || seps >= 2
}

/// Does the gap follow the dateline lead of a news report (`本报讯 5月12日`,
/// `新华社北京5月12日电 （记者…）`), where a space is the newspaper's separator?
fn dateline_lead(s: &str, run: &Range<usize>) -> bool {
    let before = s[..run.start].trim_start();
    (before.ends_with('讯') || before.ends_with('电'))
        && before.chars().count() <= 25
        && !before
            .chars()
            .any(|c| is_stop(c) || is_open(c) || is_close(c) || c == ',')
}

/// Is the gap inside a running sentence: clause punctuation before and after
/// it in the paragraph, and not inside quotes or a book title?
fn in_prose(s: &str, run: &Range<usize>) -> bool {
    let before = &s[..run.start];
    let after = &s[run.end..];
    let clause = |c: char| matches!(c, '，' | '。' | '；' | '！' | '？' | ',' | ';');
    if !before.contains(clause) || !(after.contains(clause) || after.contains('…')) {
        return false;
    }
    let mut depth = 0i32;
    for c in before.chars() {
        match c {
            '“' | '《' | '「' | '『' => depth += 1,
            '”' | '》' | '」' | '』' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth == 0
}

/// Is the Latin/digit character at byte `at` part of a technical token that
/// takes no space from the Chinese beside it: a path or URL piece
/// (`bin/zh目录`), an anchor (`#intro`), a placeholder (`%s`, `%1$d`, `$1`,
/// `\1`, `{0}`) or a wikilink (`[[Page]]`)?
fn technical_token(s: &str, at: usize) -> bool {
    let tok = |c: char| c.is_ascii_graphic() && c != '(' && c != ')';
    let start = s[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| !tok(c))
        .map_or(0, |(k, c)| k + c.len_utf8());
    let end = s[at..].find(|c: char| !tok(c)).map_or(s.len(), |k| at + k);
    let word = &s[start..end];
    word.contains('/')
        || word.starts_with(['#', '%', '$', '\\', '{'])
        || word.contains("[[")
        || word.contains("]]")
}

/// `spacing = "space"`: Chinese directly next to a digit or Latin letter.
fn missing_spaces(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    let s = ctx.masked;
    if !s.bytes().any(|x| x.is_ascii_alphanumeric()) {
        return;
    }
    let mut prev: Option<(usize, char)> = None;
    for (i, c) in s.char_indices() {
        if let Some((pi, p)) = prev {
            let pair = (is_han(p) && is_alnum_side(c)) || (is_alnum_side(p) && is_han(c));
            let latin_at = if is_han(p) { i } else { pi };
            if pair && !technical_token(s, latin_at) {
                let kind = if is_han(p) { what(c) } else { what(p) };
                out.push(
                    Finding::new(
                        CJK_ALNUM,
                        pi..i + c.len_utf8(),
                        format!("中文与{kind}之间应加一个空格"),
                    )
                    .with_fix(Fix::replace(i..i, " ", "加空格")),
                );
            }
        }
        prev = Some((i, c));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::config::Config;
    use crate::core::rules::testutil::{fixed, run_para, run_para_with};

    fn fix(code: &str, s: &str) -> String {
        fixed(s, &run_para(code, s, DocKind::Plain))
    }

    fn count(code: &str, s: &str) -> usize {
        run_para(code, s, DocKind::Plain).len()
    }

    /// A rule's verdicts, worked out for that rule alone, are the verdicts
    /// of its code worked out for all.
    #[test]
    fn verdicts_of_one_code() {
        let config = Config::default();
        let switches = crate::core::rules::testutil::switches(&config);
        let mut kept = [0usize; 3];
        for t in crate::core::wordlists::sample_texts() {
            for kind in [DocKind::Plain, DocKind::Markdown] {
                let masked = crate::core::text::mask(&t, kind, 0);
                let ctx = crate::core::rules::ParaCtx::new(
                    &t,
                    &masked,
                    crate::core::text::BlockKind::Para,
                    kind,
                    &config,
                    &switches,
                );
                let para = Para::new(&ctx);
                for run in ws_runs(masked.as_bytes(), 0, false) {
                    let all = judge(&para, run.clone(), None);
                    for (k, code) in [CJK_ALNUM, AROUND, IRREGULAR].into_iter().enumerate() {
                        let one = judge(&para, run.clone(), Some(code));
                        let want = all.as_ref().filter(|v| v.code == code);
                        assert_eq!(one.as_ref(), want, "{t:?} {run:?}");
                        kept[k] += usize::from(one.is_some());
                    }
                }
            }
        }
        assert!(kept.iter().all(|&n| n > 50), "{kept:?}");
    }

    /// The runs after the indentation are those of a look at every byte
    /// but the first (the indentation), searched for when the census found
    /// no NBSP or U+3000 after the indentation.
    #[test]
    fn runs_after_the_indentation() {
        let mut searched = 0;
        for t in crate::core::wordlists::sample_texts() {
            let b = t.as_bytes();
            let indent = t.len() - t.trim_start_matches(is_inline_ws).len();
            let mut every: Vec<_> = ws_runs(b, 0, false).collect();
            if every.first().is_some_and(|r| r.start == 0) {
                every.remove(0);
            }
            let plain = !crate::core::para::Facts::of(&t).wide_ws;
            assert_eq!(
                ws_runs(b, indent, plain).collect::<Vec<_>>(),
                every,
                "{t:?}"
            );
            searched += usize::from(plain && !every.is_empty());
        }
        assert!(searched > 100, "{searched}");
    }

    #[test]
    fn cjk_alnum_newsroom_style() {
        assert_eq!(
            fix(
                CJK_ALNUM,
                "结合纪念真理标准问题讨论40 周年，社科理论界深入研讨。"
            ),
            "结合纪念真理标准问题讨论40周年，社科理论界深入研讨。"
        );
        assert_eq!(
            fix(
                CJK_ALNUM,
                "以提升组织力为重点，大力实施 “善治斜塘党建引领工程”，贯彻落实。"
            ),
            "以提升组织力为重点，大力实施“善治斜塘党建引领工程”，贯彻落实。"
        );
        assert_eq!(
            fix(CJK_ALNUM, "市民可下载 APP 查询办理进度，全程网上办理。"),
            "市民可下载APP查询办理进度，全程网上办理。"
        );
        assert_eq!(
            fix(CJK_ALNUM, "同比增长 7.8%，到账外资 4.09 亿美元。"),
            "同比增长7.8%，到账外资4.09亿美元。"
        );
        assert_eq!(
            fix(CJK_ALNUM, "红岛经济区 （高新区）召开会议，部署工作。"),
            "红岛经济区（高新区）召开会议，部署工作。"
        );
        let f = run_para(CJK_ALNUM, "讨论40 周年，", DocKind::Plain);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].range, 8..9);
        assert!(f[0].message.contains("数字"));
    }

    #[test]
    fn cjk_alnum_silent_on_separators_and_correct_text() {
        for s in [
            "□半岛记者 高晓飞 通讯员 沈明书 李伟 滕媛",
            "培育新动能 率先走在前列",
            "本报讯 今年以来，东湖区把老旧小区改造作为民生实事。",
            "主持人 各位来宾，大家好。",
            "2023-05-12 07:30 来源：某某日报",
            "来源：某某日报 2023-05-12 07:30",
            "记者 张三 摄于2023年5月",
            "纪念改革开放40周年，市南区召开座谈会。",
            "11月1日，市南区召开“解放思想勇担当 文明先行我献策”座谈会。",
            "他用英语说：“We are ready.”随后离开。",
            "运行 `cargo build` 命令。",
            "版本号为 v2.0.1-beta，已上线。",
            "“四个新” 找差距",
            "本报讯 5月12日，市科技局召开科技创新工作会议。",
            "新华社北京5月12日电 （记者张三）国家统计局12日发布数据。",
        ] {
            assert_eq!(count(CJK_ALNUM, s), 0, "{s}");
        }
        // Markdown code spans keep their spaces
        assert!(run_para(CJK_ALNUM, "运行 `cargo build` 命令。", DocKind::Markdown).is_empty());
    }

    #[test]
    fn cjk_alnum_space_style() {
        let c = Config {
            spacing: Spacing::Space,
            ..Default::default()
        };
        let f = run_para_with(
            CJK_ALNUM,
            "共有300余个党组织参加，下载APP查询。",
            DocKind::Plain,
            &c,
        );
        assert_eq!(
            fixed("共有300余个党组织参加，下载APP查询。", &f),
            "共有 300 余个党组织参加，下载 APP 查询。"
        );
        assert_eq!(f.len(), 4);
        // already spaced: silent; double spaces become one
        let s = "共有 300 余个党组织参加。";
        assert!(run_para_with(CJK_ALNUM, s, DocKind::Plain, &c).is_empty());
        let s = "共有  300 余个党组织参加。";
        let f = run_para_with(CJK_ALNUM, s, DocKind::Plain, &c);
        assert_eq!(fixed(s, &f), "共有 300 余个党组织参加。");
        // the quote rule holds in both styles
        let s = "大力实施 “善治”工程，";
        assert_eq!(run_para_with(CJK_ALNUM, s, DocKind::Plain, &c).len(), 1);
    }

    #[test]
    fn around_fullwidth() {
        assert_eq!(fix(AROUND, "你好， 世界。"), "你好，世界。");
        assert_eq!(
            fix(AROUND, "大力实施“ 善治斜塘 ”工程。"),
            "大力实施“善治斜塘”工程。"
        );
        assert_eq!(fix(AROUND, "部署工作 。下一步，"), "部署工作。下一步，");
        assert_eq!(
            fix(AROUND, "采取“三会一课” “主题党日”等方式，开展学习。"),
            "采取“三会一课”“主题党日”等方式，开展学习。"
        );
        assert_eq!(fix(AROUND, "切实整改。  下一步，"), "切实整改。下一步，");
        let f = run_para(AROUND, "你好， 世界", DocKind::Plain);
        assert_eq!(f[0].range, 9..10);
    }

    #[test]
    fn around_fullwidth_silent() {
        for s in [
            "红岛经济区紧密结合实际，精心部署安排。",
            "□文/半岛记者 胡蕾",
            "He said ‘rock ’n’ roll’ is fine.",
            "　　全市解放思想大讨论开展以来，市南区认真贯彻落实。",
            "详见 https://example.com/a ，欢迎访问。",
            "图为活动现场。 记者 赵六 摄",
        ] {
            assert_eq!(count(AROUND, s), 0, "{s}");
        }
    }

    #[test]
    fn irregular_whitespace() {
        assert_eq!(
            fix(
                IRREGULAR,
                "全区党组织参照区级做法，迅速完成\u{3000}动员部署。"
            ),
            "全区党组织参照区级做法，迅速完成动员部署。"
        );
        assert_eq!(
            fix(
                IRREGULAR,
                "全区党组织参照区级做法，迅速完成\u{a0}动员部署。"
            ),
            "全区党组织参照区级做法，迅速完成动员部署。"
        );
        assert_eq!(
            fix(IRREGULAR, "全区党组织参照区级做法，迅速完成   动员部署。"),
            "全区党组织参照区级做法，迅速完成动员部署。"
        );
        assert_eq!(fix(IRREGULAR, "推动工作落实。  "), "推动工作落实。");
        assert_eq!(fix(IRREGULAR, "推动工作落实。\u{3000}"), "推动工作落实。");
        // NBSP next to a full-width comma is reported once, by this rule
        let s = "你好，\u{a0}世界。";
        assert_eq!(count(IRREGULAR, s), 1);
        assert_eq!(count(AROUND, s), 0);
        assert_eq!(count(CJK_ALNUM, "讨论40\u{a0}周年，"), 0);
        assert_eq!(fix(IRREGULAR, "讨论40\u{a0}周年，"), "讨论40周年，");
    }

    #[test]
    fn irregular_silent() {
        for s in [
            "\u{3000}\u{3000}全市解放思想大讨论开展以来，市南区认真贯彻落实。",
            "    全市解放思想大讨论开展以来，市南区认真贯彻落实。",
            "培育新动能\u{3000}率先走在前列",
            "培育新动能  率先走在前列",
            "本报北京5月12日电\u{3000}记者张三报道：近日，市南区召开会议。",
            "□半岛记者  高晓飞  通讯员  沈明书",
            "11月1日，市南区召开“解放思想勇担当  文明先行我献策”座谈会。",
            "The price is 100\u{a0}km away, he said.",
            "Hello  world, this is fine.",
        ] {
            assert_eq!(count(IRREGULAR, s), 0, "{s}");
        }
        // Markdown hard line break
        let md = "第一行文字  \n第二行文字。";
        assert!(run_para(IRREGULAR, md, DocKind::Markdown).is_empty());
        assert_eq!(run_para(IRREGULAR, md, DocKind::Plain).len(), 1);
    }

    #[test]
    fn fixes_are_idempotent() {
        let s = "大力实施 “ 善治斜塘”工程，讨论40 周年，你好，\u{3000}世界。  ";
        let all: Vec<Finding> = [CJK_ALNUM, AROUND, IRREGULAR]
            .iter()
            .flat_map(|c| run_para(c, s, DocKind::Plain))
            .collect();
        let once = fixed(s, &all);
        assert_eq!(once, "大力实施“善治斜塘”工程，讨论40周年，你好，世界。");
        for c in [CJK_ALNUM, AROUND, IRREGULAR] {
            assert_eq!(count(c, &once), 0);
        }
    }
}

#[cfg(test)]
mod technical_tests {
    use super::*;
    use crate::core::config::Config;
    use crate::core::rules::testutil::{fixed, run_para, run_para_with};

    fn space_style(s: &str, kind: DocKind) -> Vec<Finding> {
        let config = Config {
            spacing: Spacing::Space,
            ..Config::default()
        };
        run_para_with(CJK_ALNUM, s, kind, &config)
    }

    #[test]
    fn technical_tokens_take_no_space() {
        for t in [
            "打开/usr/local/bin/zh目录。",
            "格式为%s和%d，第%1$d页。",
            "替换为$1和\\1。",
            "跳到#intro一节。",
            "详见[[Main Page]]页面。",
            "填入{0}占位。",
        ] {
            assert!(space_style(t, DocKind::Plain).is_empty(), "{t}");
        }
        // ordinary words and figures still want their space
        assert_eq!(space_style("在Ubuntu系统上", DocKind::Plain).len(), 2);
        assert_eq!(space_style("增长15%的产值", DocKind::Plain).len(), 1);
    }

    #[test]
    fn space_after_a_full_width_mark_before_code() {
        let s = "测试测试， `code` 测试。";
        let f = run_para(AROUND, s, DocKind::Markdown);
        assert_eq!(fixed(s, &f), "测试测试，`code` 测试。");
        // a space between code and Chinese is the spacing style's, not this rule's
        assert!(run_para(AROUND, "运行 `ls` 命令。", DocKind::Markdown).is_empty());
    }
}

#[cfg(test)]
mod stray_space_tests {
    use super::*;
    use crate::core::rules::testutil::{fixed, run_para};

    fn hits(s: &str) -> usize {
        run_para(IRREGULAR, s, DocKind::Plain).len()
    }

    #[test]
    fn single_stray_space_between_han_in_prose() {
        let s = "会议强调，要抓好各项 工作落实。";
        assert_eq!(
            fixed(s, &run_para(IRREGULAR, s, DocKind::Plain)),
            "会议强调，要抓好各项工作落实。"
        );
        assert_eq!(hits("全区各级党组织迅速行动，认真 学习会议精神。"), 1);
    }

    #[test]
    fn spaces_that_separate_are_left_alone() {
        for t in [
            "培育新动能 率先走在前列",
            "本报讯 今年以来，东湖区把老旧小区改造作为民生实事。",
            "主持人 各位来宾，大家好。",
            "半岛记者 高晓飞 通讯员 沈明书",
            "出席会议的有：张三 李四 王五等同志。",
            "本报记者 张三 报道，会议于昨日召开。",
            "图为活动现场。张三 摄",
            "2023年5月12日 星期五，天气晴。",
            "他朗诵了“春眠不觉晓 处处闻啼鸟”，赢得掌声。",
            "参加会议的有张三 李四 王五 赵六，会议由张三主持。",
        ] {
            assert_eq!(hits(t), 0, "{t}");
        }
    }
}
