//! Stray Latin words in Chinese sentences: English function words left by a
//! translation or an input-method slip (`扶持政策 and 人才政策`), and other
//! lower-case English words that are neither known acronyms, units nor names.
//!
//! Silent on: upper-case tokens (acronyms), anything with an upper-case
//! letter (CamelCase brands, names), tokens with digits (`5G`, `PM2.5`,
//! `iPhone15`), single letters (`A股`), words of the allow-list
//! (`data/latin_allow.txt`) and of the user's word list, units after numbers,
//! Latin in parentheses (`国内生产总值(GDP)`) or directly quoted (`“cloud”`),
//! English phrases of three words or more and English sentences.
//!
//! In plainly technical paragraphs (inline code, code-like tokens, three or
//! more lower-case English words) English terms are at home: only function
//! words are reported there.
//!
//! Function words are warnings (`and` → `和`, `or` → `或` are fixed when they
//! sit between two Chinese words); other unknown words are hints.

use std::ops::Range;
use std::sync::LazyLock;

use super::{Check, ParaCtx, Rule};
use crate::core::chars::{is_cjk, is_han};
use crate::core::data::{self, data_file};
use crate::core::finding::{Finding, Fix, Severity};
use crate::core::latin_words::{
    connector, connector_fix_range, in_parens, is_space, word_is_stray,
};

pub const CODE: &str = "latin-stray";

pub const RULES: &[Rule] = &[Rule {
    code: CODE,
    family: "空格与外文",
    severity: Severity::Warning,
    default_off: false,
    fixable: true,
    description: "中文句子中夹杂的英文单词：英文虚词（and、or、the、of、with……）报警告，连接两个中文词语的 and、or 可自动改为“和”“或”；其他不认识的小写英文单词报提示。常见缩写（APP、GDP、CPI、5G、PM2.5）、全大写词、带大写字母的品牌名和人名、带数字的词、计量单位、用户词表中的词、括号里的英文注释（国内生产总值(GDP)）和引号里的英文不报；明显的技术文字（含行内代码、p.toString、camelCase、snake_case、rank() 等代码写法，或三个以上小写英文词）只报英文虚词。",
    wrong: "对促进经济发展的扶持政策 and 人才政策全面修订。",
    right: "对促进经济发展的扶持政策和人才政策全面修订。",
    check: Check::Para(check),
}];

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (('\u{C0}'..='\u{24F}').contains(&c) && c != '×' && c != '÷')
        || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

const LEAD: &[char] = &['(', '[', '{', '"', '\'', '<'];
const TRAIL: &[char] = &[')', ']', '}', '"', '\'', '>', ',', '.', ';', ':', '!', '?'];

/// A maximal run of Latin-ish chars, with its stripped core.
struct Chunk {
    range: Range<usize>,
    core: Range<usize>,
}

fn chunks(s: &str) -> Vec<Chunk> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut letters = false;
    let close = |out: &mut Vec<Chunk>, a: usize, e: usize, letters: bool| {
        if !letters {
            return;
        }
        let t = &s[a..e];
        let lead = t.len() - t.trim_start_matches(LEAD).len();
        let trail = t.len() - t.trim_end_matches(TRAIL).len();
        let cs = a + lead;
        let ce = (e - trail).max(cs);
        out.push(Chunk {
            range: a..e,
            core: cs..ce,
        });
    };
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        // byte-level fast path: only ASCII and Latin-letter lead bytes are decoded
        let (len, chunk, letter) = if x < 0x80 {
            (1, x.is_ascii_graphic(), x.is_ascii_alphabetic())
        } else if (0xC3..=0xC9).contains(&x) || x == 0xE1 {
            let c = s[i..].chars().next().unwrap_or(' ');
            let l = is_latin_letter(c);
            (c.len_utf8(), l, l)
        } else {
            let len = match x {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            (len, false, false)
        };
        if chunk {
            if start.is_none() {
                start = Some(i);
                letters = false;
            }
            letters |= letter;
        } else if let Some(a) = start.take() {
            close(&mut out, a, i, letters);
        }
        i += len;
    }
    if let Some(a) = start {
        close(&mut out, a, s.len(), letters);
    }
    out
}

/// The previous / next char that is not a space.
fn prev_sig(s: &str, at: usize) -> Option<char> {
    s[..at].chars().rev().find(|c| !is_space(*c))
}

fn next_sig(s: &str, at: usize) -> Option<char> {
    s[at..].chars().find(|c| !is_space(*c))
}

fn pair(open: char, close: char) -> bool {
    matches!(
        (open, close),
        ('(', ')')
            | ('（', '）')
            | ('“', '”')
            | ('‘', '’')
            | ('"', '"')
            | ('\'', '\'')
            | ('《', '》')
            | ('〈', '〉')
            | ('「', '」')
            | ('『', '』')
            | ('【', '】')
            | ('[', ']')
            | ('<', '>')
    )
}

/// English function words: never part of a Chinese sentence.
static FUNCTION_WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| data::entries(data_file!("latin_function_words.txt")).collect());

fn check(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    let s = ctx.masked;
    // no ASCII letter, no chunk (the paragraph's facts say)
    if !ctx.facts().latin {
        return;
    }
    let cs = chunks(s);
    let technical = is_technical(ctx, &cs);
    let mut i = 0;
    while i < cs.len() {
        // a phrase: chunks separated only by spaces
        let mut j = i + 1;
        while j < cs.len()
            && s[cs[j - 1].range.end..cs[j].range.start]
                .chars()
                .all(is_space)
        {
            j += 1;
        }
        phrase(ctx, &cs[i..j], technical, out);
        i = j;
    }
}

/// Is the paragraph plainly technical writing, where English terms
/// (`heroku`, `setter`) are at home and only stray function words are
/// reported? Inline code in Markdown, a code-like token (`p.toString`,
/// `snake_case`, `camelCase`, `rank()`), or three lower-case English words.
fn is_technical(ctx: &ParaCtx, cs: &[Chunk]) -> bool {
    if ctx.doc_kind == crate::core::text::DocKind::Markdown && ctx.text.contains('`') {
        return true;
    }
    let s = ctx.masked;
    let mut lower = 0;
    for c in cs {
        let core = &s[c.core.clone()];
        let b = core.as_bytes();
        let camel = b
            .windows(2)
            .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
        let dotted = b.windows(3).any(|w| {
            w[0].is_ascii_alphanumeric()
                && matches!(w[1], b'.' | b'_')
                && w[2].is_ascii_alphabetic()
        });
        if camel || dotted || s[c.core.end..].starts_with("()") {
            return true;
        }
        if b.first().is_some_and(u8::is_ascii_lowercase) && b.len() > 1 {
            lower += 1;
        }
    }
    lower >= 3
}

fn phrase(ctx: &ParaCtx, ph: &[Chunk], technical: bool, out: &mut Vec<Finding>) {
    let s = ctx.masked;
    let (Some(first), Some(last)) = (ph.first(), ph.last()) else {
        return;
    };
    let words: Vec<&Chunk> = ph
        .iter()
        .filter(|c| s[c.core.clone()].chars().any(is_latin_letter))
        .collect();
    if words.is_empty() || words.len() >= 3 {
        return; // an English phrase or sentence
    }
    if !in_chinese_sentence(s, ph, first, last) {
        return;
    }
    let unit = |w: &Chunk| {
        // a unit after a number: `30 km`
        s[..w.core.start]
            .chars()
            .rev()
            .find(|c| !is_space(*c))
            .is_some_and(|c| c.is_ascii_digit())
    };
    let stray: Vec<&&Chunk> = words
        .iter()
        .filter(|w| word_is_stray(ctx, &s[w.core.clone()]) && !unit(w))
        .collect();
    let Some(w) = stray.first() else {
        return;
    };
    let function_word =
        |w: &Chunk| FUNCTION_WORDS.contains(&s[w.core.clone()].to_ascii_lowercase().as_str());
    if technical && !function_word(w) {
        return; // technical writing: English terms are at home
    }
    if words.len() == 2 {
        if technical {
            return;
        }
        if stray.len() < 2 {
            return; // `de Gaulle`, `and CPI`: a name or term is part of it
        }
        // a two-word English expression (`dark mode`): one hint for it
        let r = words[0].core.start..words[1].core.end;
        let f = Finding::new(
            CODE,
            r.clone(),
            format!("中文句中夹杂英文“{}”，请确认是否应改用中文", &s[r]),
        );
        out.push(f.with_severity(Severity::Hint));
        return;
    }
    out.push(word_finding(ctx, w));
}

/// Do the chunks `ph` (first to last) stand in a Chinese sentence: no
/// sentence punctuation or quotes of their own, not in a pair of brackets or
/// quotes, Chinese on at least one side and nothing but CJK on either?
fn in_chinese_sentence(s: &str, ph: &[Chunk], first: &Chunk, last: &Chunk) -> bool {
    // sentence punctuation inside or around the chunks: an English sentence
    if ph.iter().any(|c| {
        s[c.core.end..c.range.end].contains([',', '.', ';', ':', '!', '?'])
            || s[c.range.start..c.core.start].contains(['"', '\''])
    }) {
        return false;
    }
    let open = s[first.range.start..first.core.start]
        .chars()
        .next()
        .or_else(|| prev_sig(s, first.range.start));
    let close = s[last.core.end..last.range.end]
        .chars()
        .next_back()
        .or_else(|| next_sig(s, last.range.end));
    if let (Some(o), Some(c)) = (open, close) {
        if pair(o, c) {
            return false; // `(GDP)`, `“cloud”`
        }
    }
    let before = prev_sig(s, first.range.start);
    let after = next_sig(s, last.range.end);
    let chinese_side = |c: Option<char>| c.is_none_or(is_cjk);
    if !(before.is_some_and(is_han) || after.is_some_and(is_han))
        || !chinese_side(before)
        || !chinese_side(after)
    {
        return false;
    }
    !in_parens(s, first.range.start)
}

/// The finding for the one stray English word `w` of a phrase: a function
/// word (with the Chinese connector as its fix where there is one) or a
/// hint to check the word.
fn word_finding(ctx: &ParaCtx, w: &Chunk) -> Finding {
    let s = ctx.masked;
    let core = &s[w.core.clone()];
    let lower = core.to_ascii_lowercase();
    if FUNCTION_WORDS.contains(&lower.as_str()) {
        let mut f = Finding::new(
            CODE,
            w.core.clone(),
            format!("中文句中夹杂英文虚词“{core}”，应改用中文表达"),
        );
        if let (Some(r), Some(zh)) = (connector_fix_range(s, w.core.clone()), connector(core)) {
            f.message = format!("中文句中夹杂英文虚词“{core}”，应为“{zh}”").into();
            f = f.with_fix(Fix::replace(r, zh, format!("改为“{zh}”")));
        }
        f
    } else {
        let f = Finding::new(
            CODE,
            w.core.clone(),
            format!("中文句中夹杂英文单词“{core}”，请确认是否应改用中文"),
        );
        f.with_severity(Severity::Hint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::config::Config;
    use crate::core::rules::testutil::{fixed, run_para, run_para_with};
    use crate::core::text::DocKind;

    fn find(s: &str) -> Vec<Finding> {
        run_para(CODE, s, DocKind::Plain)
    }

    #[test]
    fn technical_text_keeps_its_english_terms() {
        // news: an unknown English word is a hint
        assert_eq!(find("部署到heroku有问题网页不能显示").len(), 1);
        for t in [
            "调用setter方法时，p.toString会先被执行。",
            "部署到heroku时，web服务和worker进程要分开配置。",
            "用getElementById取得节点，再交给setter处理。",
        ] {
            assert!(find(t).is_empty(), "{t}");
        }
        let md = run_para(CODE, "在`init`之后调用setter设置属性。", DocKind::Markdown);
        assert!(md.is_empty());
        // function words are still reported in technical text
        assert_eq!(
            find("调用setter方法 and 属性，p.toString会先被执行。").len(),
            1
        );
    }

    #[test]
    fn allow_list_is_loaded() {
        assert!(crate::core::latin_words::allow_len() >= 150);
    }

    #[test]
    fn function_words_fire() {
        let s = "对促进经济发展的扶持政策 and 人才政策全面修订。";
        let f = find(s);
        assert_eq!(f.len(), 1);
        assert_eq!(&s[f[0].range.clone()], "and");
        assert_eq!(f[0].severity, Severity::Warning);
        assert_eq!(fixed(s, &f), "对促进经济发展的扶持政策和人才政策全面修订。");
        assert_eq!(
            fixed(
                "申报企业可选择线上or线下办理。",
                &find("申报企业可选择线上or线下办理。")
            ),
            "申报企业可选择线上或线下办理。"
        );
        let s = "加强 the 基层党组织建设，推动发展。";
        let f = find(s);
        assert_eq!(f.len(), 1);
        assert!(f[0].fix.is_none());
        assert_eq!(find("推进城市更新 with 老城区复兴发展。").len(), 1);
        // a two-word expression is one hint
        let f = find("新版本支持dark mode和多窗口操作。");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Hint);
        let f = find("旅客可自助办理check in手续。");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Hint);
    }

    #[test]
    fn unknown_words_are_hints() {
        let f = find("这个 project 由市南区牵头推进。");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Hint);
        assert!(f[0].fix.is_none());
    }

    #[test]
    fn silent_on_acronyms_names_units_and_english() {
        for s in [
            "市民可下载APP查询，也可下载app查询。",
            "一季度GDP同比增长5.3%，CPI温和上涨，PPI降幅收窄。",
            "全市已建成5G基站1.2万个，PM2.5平均浓度下降。",
            "苹果公司发布iPhone15，华为推出Mate 60系列。",
            "国内生产总值(GDP)是衡量经济的重要指标。",
            "人工智能（artificial intelligence）发展迅速。",
            "他在发言中引用了一句英文：“Where there is a will, there is a way.”",
            "英文中的“cloud”一词原意是云。",
            "全程约30 km，海拔2000 m以上。",
            "A股市场今日收涨，B端业务增长。",
            "市南区与WeChat Pay合作推出便民服务。",
            "详见 https://example.com/and/or 页面。",
            "注意&nbsp;空格。",
            "見習(xí)記者報道。",
            "The Belt and Road Initiative 已成为国际公共产品。",
            "他的口头禅是ok，平时喜欢玩vlog。",
            "法国前总统de Gaulle曾访问该地。",
            "市南区委理论学习中心组集中学习研讨。",
        ] {
            assert!(find(s).is_empty(), "{s}: {:?}", find(s));
        }
    }

    #[test]
    fn user_words_are_silent() {
        let c = Config {
            words: vec!["hutong".to_string()],
            ..Default::default()
        };
        let s = "走进老北京的 hutong 感受历史。";
        assert!(run_para_with(CODE, s, DocKind::Plain, &c).is_empty());
        assert_eq!(find(s).len(), 1);
    }

    #[test]
    fn spacing_leaves_connector_spaces_to_this_rule() {
        let s = "对扶持政策 and 人才政策全面修订。";
        assert!(run_para("space-cjk-alnum", s, DocKind::Plain).is_empty());
        let s = "下载 project 文件，";
        assert_eq!(run_para("space-cjk-alnum", s, DocKind::Plain).len(), 2);
    }
}
