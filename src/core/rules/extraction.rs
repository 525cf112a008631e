//! Extraction artifacts: text pasted from web pages, apps and PDFs.
//!
//! - `para-broken`: a paragraph broken mid-sentence (often around photo captions);
//! - `web-boilerplate`: page furniture such as `大家都在看` or related-headline lists;
//! - `dangling-word`: a preposition or verb whose object was cut out.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{Check, DocCtx, ParaCtx, Rule};
use crate::core::broken::{opens_paragraph, runs_on, split_word, stand_alone_lines};
use crate::core::chars::{is_closing, is_han, is_sentence_final};
use crate::core::data::{self, data_file};
use crate::core::finding::{Edit, Finding, Fix, Severity};
use crate::core::nlp::{self, Token};
use crate::core::outline::{is_caption_line, parse_marker, BlockClass};
use crate::core::text::BlockKind;

pub const RULES: &[Rule] = &[
    Rule {
        code: "para-broken",
        family: "提取残留",
        severity: Severity::Warning,
        default_off: false,
        fixable: true,
        description: "段落在句中断开（网页、PDF复制时常见），下文接着上一段，中间可能夹着图片说明。修正时合并两部分，图片说明移到合并后的段落之后。标题、署名、列表项和图片说明不报。",
        wrong: "今年以来，某区多次召开会议部署城市更新工作。\n\n此外，在城市更新行动的推进过\n\n社区居民议事会现场。\n\n程中，某区不断完善居民议事机制。",
        right: "此外，在城市更新行动的推进过程中，某区不断完善居民议事机制。\n\n社区居民议事会现场。",
        check: Check::Doc(para_broken),
    },
    Rule {
        code: "web-boilerplate",
        family: "提取残留",
        severity: Severity::Warning,
        default_off: false,
        fixable: true,
        description: "网页或App的页面残留（“打开APP查看更多评论”“大家都在看”“责任编辑：…”、App下载横幅、文末带时间的相关新闻列表），不属于正文。修正时删除这些行。",
        wrong: "……确保各项任务落到实处。\n\n大家都在看",
        right: "……确保各项任务落到实处。",
        check: Check::Doc(web_boilerplate),
    },
    Rule {
        code: "dangling-word",
        family: "提取残留",
        severity: Severity::Warning,
        default_off: false,
        fixable: false,
        description: "介词或动词后缺少宾语，疑似删改时漏掉了文字（“以，围绕”“学习贯彻和党的十九大精神”“用武装党员干部”）。只报告，不自动修改。",
        wrong: "为深入学习贯彻和党的二十大精神，区委决定开展专题培训。",
        right: "为深入学习贯彻党的二十大精神，区委决定开展专题培训。",
        check: Check::Para(dangling_word),
    },
];

// ---------------------------------------------------------------- helpers

const WS: &[char] = &[' ', '\t', '\u{3000}', '\u{a0}'];

/// The block's text without markup prefix and surrounding spaces, as a range.
fn content(ctx: &DocCtx, i: usize) -> Range<usize> {
    let r = ctx.block_range(i);
    let prefix = ctx.blocks.get(i).map(|b| b.prefix).unwrap_or(0);
    let start = (r.start + prefix).min(r.end);
    let s = ctx.text.get(start..r.end).unwrap_or("");
    let (lead, trail) = ws_around(s.as_bytes());
    let a = start + lead;
    a..(r.end - trail).max(a)
}

/// The bytes of [`WS`] chars at the start and at the end of `s`, as
/// `trim_start_matches(WS)` and `trim_end_matches(WS)` find them but by
/// bytes, without decoding (in UTF-8, C2 and E3 start a char wherever they
/// stand: C2 A0 and E3 80 80 at the end are the last char).
fn ws_around(s: &[u8]) -> (usize, usize) {
    let mut a = 0;
    loop {
        match s[a..] {
            [b' ' | b'\t', ..] => a += 1,
            [0xC2, 0xA0, ..] => a += 2,
            [0xE3, 0x80, 0x80, ..] => a += 3,
            _ => break,
        }
    }
    let mut z = s.len();
    loop {
        match s[..z] {
            [.., b' ' | b'\t'] => z -= 1,
            [.., 0xC2, 0xA0] => z -= 2,
            [.., 0xE3, 0x80, 0x80] => z -= 3,
            _ => break,
        }
    }
    (a, s.len() - z)
}

fn first_chars(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map(|(i, _)| i).unwrap_or(s.len());
    &s[..end]
}

fn last_chars(s: &str, n: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(0);
    &s[start..]
}

// ---------------------------------------------------------------- para-broken

/// A paragraph may run on when it ends in a character, a digit, a comma or
/// an opening mark — not after sentence-final or closing punctuation.
fn open_end(c: char) -> bool {
    (is_han(c)
        || c.is_ascii_alphanumeric()
        || matches!(c, '，' | ',' | '、' | '“' | '‘' | '《' | '（' | '('))
        && !is_sentence_final(c)
        && !is_closing(c)
}

/// Text starts like running text (not a mark, quote close or list number).
fn starts_like_text(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '“' | '《'))
        && parse_marker(s, 0).is_none()
}

/// The first clause of `s` is short (`问题，进一步…`): the tail of a split
/// sentence. A new paragraph starts with a subject and predicate, or with an
/// opening phrase (`据了解，`) that [`opens_paragraph`] knows.
fn short_first_clause(s: &str) -> bool {
    s.chars()
        .take(9)
        .any(|c| matches!(c, '，' | ',' | '、' | '；' | '。'))
}

fn para_broken(ctx: &DocCtx, out: &mut Vec<Finding>) {
    let n = ctx.blocks.len().min(ctx.classes.len());
    for i in 0..n {
        if !matches!(ctx.classes[i], BlockClass::Body) || ctx.blocks[i].kind != BlockKind::Para {
            continue;
        }
        let pr = content(ctx, i);
        let p = &ctx.text[pr.clone()];
        let Some(last) = p.chars().next_back() else {
            continue;
        };
        if !open_end(last) {
            continue;
        }
        // a line of verse followed by the next, whatever it was taken for
        if i + 1 < n && stand_alone_lines(p, &ctx.text[content(ctx, i + 1)]) {
            continue;
        }
        // the continuation: a caption-shaped line that completes a split
        // word, or the next paragraph after the captions
        let mut k = i + 1;
        let mut found = None;
        while k < n && matches!(ctx.classes[k], BlockClass::Caption) {
            let t = &ctx.text[content(ctx, k)];
            if !is_caption_line(t) && split_word(p, t) {
                found = Some(k);
                break;
            }
            k += 1;
        }
        let j = match found {
            Some(j) => j,
            None => {
                if k >= n || ctx.blocks[k].kind != BlockKind::Para {
                    continue;
                }
                let t = &ctx.text[content(ctx, k)];
                if !starts_like_text(t) || stand_alone_lines(p, t) {
                    continue;
                }
                let split = split_word(p, t);
                let ok = match &ctx.classes[k] {
                    BlockClass::Body => {
                        split
                            || runs_on(p, t)
                            || p.chars().count() > 40
                                && !opens_paragraph(t)
                                && short_first_clause(t)
                    }
                    BlockClass::Heading { marker: None, .. } => split,
                    _ => false,
                };
                if !ok {
                    continue;
                }
                k
            }
        };
        out.push(broken_finding(ctx, i, j));
    }
}

fn broken_finding(ctx: &DocCtx, i: usize, j: usize) -> Finding {
    let pr = content(ctx, i);
    let nr = content(ctx, j);
    let p = &ctx.text[pr.clone()];
    let nt = &ctx.text[nr.clone()];
    let last_len = p.chars().next_back().map(char::len_utf8).unwrap_or(0);
    let captions = j > i + 1;
    let mut edits = vec![Edit::new(pr.end..nr.start, "")];
    if captions {
        // move the captions after the joined paragraph, with the spacing
        // that separated them from the second part
        let cap = ctx.block_range(i + 1).start..ctx.block_range(j - 1).end;
        let sep = &ctx.text[ctx.block_range(j - 1).end..ctx.block_range(j).start];
        let end = ctx.block_range(j).end;
        edits.push(Edit::new(end..end, format!("{sep}{}", &ctx.text[cap])));
    }
    let message = format!(
        "段落在“{}”处断开，应与下文“{}”连成一段{}",
        last_chars(p, 8),
        first_chars(nt, 8),
        if captions {
            "（中间的图片说明移到该段之后）"
        } else {
            ""
        }
    );
    let head = nr.start..nr.start + first_chars(nt, 8).len();
    Finding::new("para-broken", pr.end - last_len..pr.end, message)
        .with_fix(Fix {
            title: "合并断开的段落".into(),
            edits,
        })
        .with_related(head, "段落的后半部分")
}

// ---------------------------------------------------------------- web-boilerplate

fn web_boilerplate(ctx: &DocCtx, out: &mut Vec<Finding>) {
    use crate::core::boilerplate::{
        is_app_banner, is_dated_source_line, is_headline_over_source, is_headline_with_time,
    };
    let n = ctx.blocks.len().min(ctx.classes.len());
    let is_bp = |k: usize| matches!(ctx.classes[k], BlockClass::Boilerplate);
    let line = |k: usize| &ctx.text[content(ctx, k)];
    // (paragraphs and list items carry the answer in their cached shape)
    let headline = |k: usize| {
        is_bp(k)
            && match (
                ctx.blocks[k].kind,
                ctx.paras.get(k).and_then(|p| p.shape.as_ref()),
            ) {
                (BlockKind::Para | BlockKind::ListItem, Some(shape)) => shape.headline_with_time,
                _ => is_headline_with_time(line(k)),
            }
                // a related-news item over its `date source` line
                || is_headline_over_source(line(k))
                || k + 1 < n && is_bp(k + 1) && is_dated_source_line(line(k + 1))
    };
    // the `date source` line of an item whose headline is the block before
    let source_line = |k: usize| k > 0 && is_bp(k) && is_dated_source_line(line(k));
    // from which block on everything is boilerplate
    let mut tail = n;
    while tail > 0 && is_bp(tail - 1) {
        tail -= 1;
    }
    let mut k = 0;
    while k < n {
        if !is_bp(k) {
            k += 1;
            continue;
        }
        // the unit removed by one fix: a banner with its `打开` line, a
        // related-headline list with its widget title, or one line — so that
        // removing one unit never makes another unrecognisable
        let (last, message) = if is_app_banner(line(k)) && k + 1 < n && is_bp(k + 1) {
            (
                k + 1,
                format!(
                    "App下载横幅“{} {}”，不属于正文，应删除",
                    line(k),
                    line(k + 1)
                ),
            )
        } else if let Some(first_h) = (k..n).take_while(|&j| is_bp(j)).find(|&j| headline(j)) {
            headline_list(k, first_h, n, &is_bp, &headline, &source_line, &line)
        } else {
            (k, single_message(line(k)))
        };
        let first = content(ctx, k).start;
        let end = content(ctx, last).end;
        let del = deletion(ctx, k, last, tail, n);
        let title = if last > k {
            "删除这些行"
        } else {
            "删除此行"
        };
        out.push(
            Finding::new("web-boilerplate", first..end, message)
                .with_fix(Fix::replace(del, "", title)),
        );
        k = last + 1;
    }
}

/// The unit of boilerplate blocks `k..` whose first headline is `first_h`
/// (all of them up to block `n`): its last block and the message. The
/// lines before the list are units of their own, but widget titles
/// (`大家都在看`) directly above it belong to it.
fn headline_list<'a>(
    k: usize,
    first_h: usize,
    n: usize,
    is_bp: &impl Fn(usize) -> bool,
    headline: &impl Fn(usize) -> bool,
    source_line: &impl Fn(usize) -> bool,
    line: &impl Fn(usize) -> &'a str,
) -> (usize, String) {
    // widget titles (`大家都在看`) directly above the list belong to it
    let titles_from = (k..first_h)
        .rev()
        .take_while(|&j| {
            !headline(j) && line(j).chars().count() <= 6 && !line(j).contains(['：', ':'])
        })
        .last()
        .unwrap_or(first_h);
    if titles_from > k {
        // lines before the list are units of their own
        (k, single_message(line(k)))
    } else {
        let mut last = first_h;
        let mut j = first_h;
        while j < n && is_bp(j) {
            if headline(j) || source_line(j) && j == last + 1 {
                last = j;
            }
            j += 1;
        }
        let count = (k..=last).filter(|&j| headline(j)).count();
        let title = if titles_from < first_h {
            format!("“{}”", line(titles_from))
        } else {
            String::new()
        };
        (
            last,
            format!("网页残留的{title}相关新闻列表（{count}条），不属于正文，应删除"),
        )
    }
}

/// What one fix deletes for the blocks `k..=last` (of `n`; from `tail` on
/// everything is boilerplate): the lines with one line break, the one
/// before them at the end of the document, the one after them elsewhere.
fn deletion(ctx: &DocCtx, k: usize, last: usize, tail: usize, n: usize) -> Range<usize> {
    if k >= tail && k > 0 {
        ctx.block_range(k - 1).end..ctx.block_range(last).end
    } else if last + 1 < n {
        ctx.block_range(k).start..ctx.block_range(last + 1).start
    } else {
        ctx.block_range(k).start..ctx.text.len()
    }
}

fn single_message(t: &str) -> String {
    let shown = if t.chars().count() > 20 {
        format!("{}…", first_chars(t, 20))
    } else {
        t.to_string()
    };
    format!("网页或App残留文字“{shown}”，不属于正文，应删除")
}

// ---------------------------------------------------------------- dangling-word

/// Prepositions that never stand at the head of a clause without an object.
static CLAUSE_PREPS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| data::entries(data_file!("dangling_clause_preps.txt")).collect());

/// The last characters of [`CLAUSE_PREPS`] (a cheap test before comparing them all).
const PREP_LAST: [char; 8] = ['以', '把', '照', '据', '绕', '着', '于', '了'];

/// Punctuation that ends the clause a dangling preposition stands in.
fn clause_punct(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '。')
}

/// Punctuation after which a new clause starts.
fn clause_start(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '；' | ';' | '。' | '：' | ':' | '！' | '？' | '!' | '?'
    )
}

/// Verbs of study and implementation that need an object (`学习贯彻`).
static STUDY_VERBS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| data::entries(data_file!("dangling_study_verbs.txt")).collect());

/// Verbs that turn `学习贯彻` into a noun (`加强学习贯彻和…`).
static NOMINALIZERS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| data::entries(data_file!("dangling_nominalizers.txt")).collect());

/// What a `党的…` object phrase names (`党的十九大精神`).
static DOC_NOUNS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| data::entries(data_file!("dangling_doc_nouns.txt")).collect());

/// `与` + a predicate that needs the thing compared (`与不相适应的地方`).
static RELATION_WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| data::entries(data_file!("dangling_relation_words.txt")).collect());

/// Objects of `武装` (`用…武装党员干部`).
static ARM_OBJECTS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| data::entries(data_file!("dangling_arm_objects.txt")).collect());

/// What `以…为` takes when the `…` was removed (`以为指导，`).
static GUIDE_WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| data::entries(data_file!("dangling_guide_words.txt")).collect());

/// The character shapes of the segmented patterns: a cheap pre-check.
struct NeedsTokens {
    /// What every match of `shapes` contains: `武装` (`用武装`), `以为`,
    /// `党的` (after a study verb and a conjunction) or `相` (in every word
    /// of [`RELATION_WORDS`]). A search for these four (a quick one: its
    /// literal prefilter seldom stops in vain, unlike that of `shapes`, with
    /// its 70-odd literals) rules out nearly every paragraph.
    words: Regex,
    shapes: Regex,
}

impl NeedsTokens {
    /// Could `s` contain a match of `shapes`?
    fn may_match(&self, s: &str) -> bool {
        self.words.is_match(s)
    }
}

/// (One lazy value, so that the regex too is built by the first paragraph
/// checked, as the start-up warm-up does, not by the first that needs it.)
static NEEDS_TOKENS: LazyLock<NeedsTokens> = LazyLock::new(|| {
    // (the words are data: escaped, though none holds a regex metacharacter)
    let alt = |words: &[&str]| {
        words
            .iter()
            .map(|w| regex::escape(w))
            .collect::<Vec<_>>()
            .join("|")
    };
    let rel = alt(&RELATION_WORDS);
    let guide = alt(&GUIDE_WORDS);
    let verbs = alt(&STUDY_VERBS);
    NeedsTokens {
        words: Regex::new("武装|以为|党的|相").expect("valid regex"),
        shapes: Regex::new(&format!(
            "用武装|以为(?:{guide})|(?:{verbs})(?:和|与|及|以及)党的|[与同](?:{rel})"
        ))
        .expect("valid regex"),
    }
});

fn dangling_word(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    let s = ctx.simplified();
    if s.len() < 3 {
        return;
    }
    clause_initial_preps(s, out);
    let needs = &*NEEDS_TOKENS;
    if !needs.may_match(s) {
        return;
    }
    // segment only the clauses where a pattern below can match (jieba cuts
    // at punctuation anyway, so a clause segments as in the whole paragraph)
    let mut done = 0;
    for m in needs.shapes.find_iter(s) {
        if m.start() < done {
            continue;
        }
        let start = s[..m.start()]
            .rfind(clause_delim)
            .map(|i| i + s[i..].chars().next().map_or(1, char::len_utf8))
            .unwrap_or(0);
        let end = s[m.end()..]
            .find(clause_delim)
            .map_or(s.len(), |i| m.end() + i);
        done = end;
        let j = nlp::jieba_with_words(&ctx.config.words);
        let toks: Vec<Token> = nlp::tag(&j, &s[start..end])
            .into_iter()
            .map(|t| Token {
                range: t.range.start + start..t.range.end + start,
                ..t
            })
            .collect();
        scan_tokens(s, &toks, out);
    }
}

/// Punctuation that ends a clause.
fn clause_delim(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '；' | '：' | '！' | '？' | ',' | ';' | ':' | '!' | '?' | '\n'
    )
}

/// The segmented patterns, over the tokens of one clause.
fn scan_tokens(s: &str, toks: &[Token], out: &mut Vec<Finding>) {
    let word = |k: usize| toks.get(k).map(|t| &s[t.range.clone()]).unwrap_or("");
    let tag = |k: usize| toks.get(k).map(|t| t.tag).unwrap_or("");
    for k in 0..toks.len() {
        let w = word(k);
        let r = toks[k].range.clone();
        match w {
            // 用武装党员干部 / 用武装头脑
            "用" => {
                let next = word(k + 1);
                let hit =
                    next == "武装头脑" || next == "武装" && ARM_OBJECTS.contains(&word(k + 2));
                if hit {
                    out.push(Finding::new(
                        "dangling-word",
                        r.start..toks[k + 1].range.end,
                        format!("“用”后直接接“{next}”，缺少“用”的宾语，疑似有文字被删除"),
                    ));
                }
            }
            // 以为指导，
            "以为" => {
                let next = word(k + 1);
                let after = toks
                    .get(k + 1)
                    .and_then(|t| s[t.range.end..].chars().next());
                let prev_tag = if k > 0 { tag(k - 1) } else { "" };
                if GUIDE_WORDS.contains(&next)
                    && after.is_none_or(clause_punct)
                    && !prev_tag.starts_with('r')
                    && !prev_tag.starts_with('n')
                {
                    out.push(Finding::new(
                        "dangling-word",
                        r.start..toks[k + 1].range.end,
                        format!("“以…为{next}”中缺少“以”的宾语，疑似有文字被删除"),
                    ));
                }
            }
            // 学习贯彻和党的十九大精神
            "和" | "与" | "及" | "以及" => {
                if k == 0 {
                    continue;
                }
                if let Some(f) = study_verb_conj(s, toks, k) {
                    out.push(f);
                    continue;
                }
                // 与不相适应的地方
                if (w == "与") && RELATION_WORDS.contains(&word(k + 1)) {
                    out.push(Finding::new(
                        "dangling-word",
                        r.start..toks[k + 1].range.end,
                        format!(
                            "“与”后缺少比较的对象（“与……{}”），疑似有文字被删除",
                            word(k + 1)
                        ),
                    ));
                }
            }
            "同" if RELATION_WORDS.contains(&word(k + 1)) => {
                out.push(Finding::new(
                    "dangling-word",
                    r.start..toks[k + 1].range.end,
                    format!(
                        "“同”后缺少比较的对象（“同……{}”），疑似有文字被删除",
                        word(k + 1)
                    ),
                ));
            }
            _ => {}
        }
    }
}

/// `(深入)学习贯彻和党的十九大精神`: a study verb, a conjunction, and an
/// object phrase `党的…精神` — the first object was cut out.
fn study_verb_conj(s: &str, toks: &[Token], k: usize) -> Option<Finding> {
    let word = |i: usize| toks.get(i).map(|t| &s[t.range.clone()]).unwrap_or("");
    let conj = &toks[k];
    // the verb right before the conjunction, with no space between
    let v = k.checked_sub(1)?;
    let verb = word(v);
    if !STUDY_VERBS.contains(&verb) || toks[v].range.end != conj.range.start {
        return None;
    }
    // 学习 + 贯彻 → one verb
    let mut start = v;
    if start > 0 && matches!(word(start - 1), "学习" | "认真学习" | "深入学习") {
        start -= 1;
    }
    // the verb must not be used as a noun (`加强学习贯彻和…`, `理论学习和…`)
    if start > 0 {
        let prev = &toks[start - 1];
        let pw = word(start - 1);
        if prev.tag.starts_with('n') || pw == "的" || NOMINALIZERS.contains(&pw) {
            return None;
        }
    }
    let rest = &s[conj.range.end..];
    if !rest.starts_with("党的") {
        return None;
    }
    let clause_end = rest
        .find(|c: char| {
            matches!(
                c,
                '，' | ',' | '。' | '；' | ';' | '：' | ':' | '、' | '！' | '？'
            )
        })
        .unwrap_or(rest.len());
    let clause = &rest[..clause_end];
    if !DOC_NOUNS.iter().any(|d| clause.contains(d)) {
        return None;
    }
    let vs = toks[start].range.start;
    let cw = &s[conj.range.clone()];
    Some(Finding::new(
        "dangling-word",
        vs..conj.range.end,
        format!(
            "“{}”后直接接“{cw}”，“{cw}”前缺少并列的宾语，疑似有文字被删除",
            &s[vs..toks[v].range.end]
        ),
    ))
}

/// `(3)以,围绕…`: a preposition at the head of a clause, directly followed
/// by punctuation. Found on the text in one pass, no segmentation needed.
fn clause_initial_preps(s: &str, out: &mut Vec<Finding>) {
    let b = s.as_bytes();
    // The clause marks are `，` `；` (lead byte EF), `。` (E3), `,` and `;`.
    // Text without the ASCII ones (nearly all) is searched for the two lead
    // bytes with memchr instead of decoding every char.
    let mut marker_end = None;
    if memchr::memchr2(b',', b';', b).is_none() {
        for at in memchr::memchr2_iter(0xE3, 0xEF, b) {
            // `，` EF BC 8C, `；` EF BC 9B, `。` E3 80 82 (a lead byte: `at`
            // starts a char)
            if matches!(
                b[at..],
                [0xEF, 0xBC, 0x8C | 0x9B, ..] | [0xE3, 0x80, 0x82, ..]
            ) {
                prep_before(s, at, &mut marker_end, out);
            }
        }
    } else {
        for (at, c) in s.char_indices() {
            if clause_punct(c) {
                prep_before(s, at, &mut marker_end, out);
            }
        }
    }
}

/// A preposition at the head of a clause right before the punctuation at
/// `at`? `marker_end` caches where a list marker at the start of `s` ends
/// (looked for only when needed).
fn prep_before(s: &str, at: usize, marker_end: &mut Option<Option<usize>>, out: &mut Vec<Finding>) {
    let before = &s[..at];
    // (the last characters of the prepositions, before comparing them all)
    if !before.ends_with(PREP_LAST) {
        return;
    }
    let Some(prep) = CLAUSE_PREPS.iter().find(|p| before.ends_with(*p)) else {
        return;
    };
    let pos = at - prep.len();
    let head = s[..pos].trim_end_matches(WS);
    let at_head = head.is_empty()
        || head.chars().next_back().is_some_and(clause_start)
        || Some(pos) == *marker_end.get_or_insert_with(|| parse_marker(s, 0).map(|(_, l)| l));
    if at_head {
        out.push(Finding::new(
            "dangling-word",
            pos..at,
            format!("“{prep}”后直接接标点，缺少宾语，疑似有文字被删除"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::core::rules::testutil::run_para;
    use crate::core::text::DocKind;
    use crate::core::{analyze, fix, Config};
    use std::sync::Arc;

    /// Every string the pattern regex matches contains one of the words
    /// searched for first.
    #[test]
    fn token_pattern_words_cover_the_regex() {
        let needs = &*super::NEEDS_TOKENS;
        let mut lits = vec!["用武装".to_string()];
        lits.extend(super::GUIDE_WORDS.iter().map(|g| format!("以为{g}")));
        for v in super::STUDY_VERBS.iter() {
            for c in ["和", "与", "及", "以及"] {
                lits.push(format!("{v}{c}党的"));
            }
        }
        for x in ["与", "同"] {
            lits.extend(super::RELATION_WORDS.iter().map(|r| format!("{x}{r}")));
        }
        for l in &lits {
            assert!(needs.shapes.is_match(l), "{l}");
            assert!(needs.may_match(l), "{l}");
            assert!(!needs.may_match(&l.replace(['武', '为', '党', '相'], "某")));
        }
    }

    /// The clause marks found by their lead bytes are those found char by char.
    #[test]
    fn clause_preps_by_bytes_agree() {
        let plain = |s: &str| {
            let mut out = Vec::new();
            let mut marker_end = None;
            for (at, c) in s.char_indices() {
                if super::clause_punct(c) {
                    super::prep_before(s, at, &mut marker_end, &mut out);
                }
            }
            out.iter().map(|f| f.range.clone()).collect::<Vec<_>>()
        };
        let frags = [
            "以", "把", "按照", "对于", "为了", "随着", "了", "可以", "，", "；", "。", "：", "、",
            "！", "“", "（3）", "(3)", "一、", " ", "\u{3000}", "围绕", "社区", "\n", ",", ";",
        ];
        let mut x: u64 = 0x9E3779B97F4A7C15;
        for _ in 0..20_000 {
            let mut s = String::new();
            for _ in 0..(x % 9) as usize + 1 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.push_str(frags[(x >> 40) as usize % frags.len()]);
            }
            let mut out = Vec::new();
            super::clause_initial_preps(&s, &mut out);
            let got: Vec<_> = out.iter().map(|f| f.range.clone()).collect();
            assert_eq!(got, plain(&s), "{s:?}");
        }
    }

    #[test]
    fn white_space_by_bytes() {
        let frags = [
            " ", "\t", "\u{3000}", "\u{a0}", "a", "中", "\u{2000}", "。", "\u{c2}",
        ];
        let mut x: u64 = 0x2545F4914F6CDD1D;
        for _ in 0..20_000 {
            let mut s = String::new();
            for _ in 0..(x % 7) as usize {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.push_str(frags[(x >> 40) as usize % frags.len()]);
            }
            let lead = s.len() - s.trim_start_matches(super::WS).len();
            let trail = s.len() - s.trim_end_matches(super::WS).len();
            assert_eq!(super::ws_around(s.as_bytes()), (lead, trail), "{s:?}");
        }
    }

    #[test]
    fn prep_last_chars_cover_the_list() {
        for p in super::CLAUSE_PREPS.iter() {
            let last = p.chars().next_back().expect("non-empty");
            assert!(super::PREP_LAST.contains(&last), "{p}");
        }
    }

    fn dangling(s: &str) -> Vec<String> {
        run_para("dangling-word", s, DocKind::Plain)
            .iter()
            .map(|f| s[f.range.clone()].to_string())
            .collect()
    }

    fn doc(code: &str, t: &str) -> Vec<(String, Option<String>)> {
        analyze(t, DocKind::Plain, Arc::new(Config::default()))
            .findings
            .iter()
            .filter(|f| f.code == code)
            .map(|f| {
                (
                    t[f.range.clone()].to_string(),
                    f.fix.as_ref().map(|fx| fix::apply_edits(t, &fx.edits).0),
                )
            })
            .collect()
    }

    fn found(code: &str, t: &str) -> Vec<String> {
        doc(code, t).into_iter().map(|(s, _)| s).collect()
    }

    fn fixed_all(code: &str, t: &str) -> String {
        let a = analyze(t, DocKind::Plain, Arc::new(Config::default()));
        let mine: Vec<_> = a.findings.into_iter().filter(|f| f.code == code).collect();
        fix::apply_edits(t, &fix::fix_all_edits(&mine)).0
    }

    // ------------------------------------------------------------ para-broken

    #[test]
    fn broken_around_captions() {
        let t = "区里召开推进会\n\n□本报记者 王某\n\n今年以来，某区认真贯彻落实市委部署，扎实推进各项工作，取得了明显成效。\n\n此外，在城市更新行动的推进过\n\n\n\n某街道召开居民议事会。\n\n社区志愿者清理楼道杂物。\n\n老旧小区改造现场。\n\n程中，某区不断完善居民议事机制，推动问题就地解决。\n";
        assert_eq!(found("para-broken", t), vec!["过"]);
        assert_eq!(
            fixed_all("para-broken", t),
            "区里召开推进会\n\n□本报记者 王某\n\n今年以来，某区认真贯彻落实市委部署，扎实推进各项工作，取得了明显成效。\n\n此外，在城市更新行动的推进过程中，某区不断完善居民议事机制，推动问题就地解决。\n\n某街道召开居民议事会。\n\n社区志愿者清理楼道杂物。\n\n老旧小区改造现场。\n"
        );
    }

    #[test]
    fn broken_split_word_and_long_paragraphs() {
        // split word: 第 / 一时间
        let t = "区里召开推进会\n\n□本报记者 王某\n\n社区网格员每天入户走访，确保群众反映的问题在第\n\n一时间得到回应。\n\n下一步，全区将持续巩固活动成果。\n";
        assert_eq!(found("para-broken", t), vec!["第"]);
        assert_eq!(
            fixed_all("para-broken", t),
            "区里召开推进会\n\n□本报记者 王某\n\n社区网格员每天入户走访，确保群众反映的问题在第一时间得到回应。\n\n下一步，全区将持续巩固活动成果。\n"
        );
        // long paragraph, no punctuation, continued by a body paragraph
        let t = "区里召开推进会\n\n□本报记者 王某\n\n今年以来，全区共排查安全隐患1200余处，督促整改到位1150处，梳理出消防通道堵塞、电动车违规充电等三大类15项\n\n问题，进一步明确了整治重点。\n\n围绕建设宜居城区，推动\n\n背街小巷整治提升，让居民出行更方便。\n";
        // a short line (`围绕建设宜居城区，推动`) counts only when runs_on
        // says so; here no word spans the break and it stays a heading
        assert_eq!(found("para-broken", t), vec!["项"]);
    }

    #[test]
    fn broken_short_by_runs_on() {
        let t = "区里召开推进会\n\n□本报记者 王某\n\n今年以来，某区认真贯彻落实市委部署，扎实推进各项工作，在提升服务水平、\n\n优化营商环境等方面取得明显成效。\n";
        assert_eq!(found("para-broken", t), vec!["、"]);
    }

    #[test]
    fn headings_captions_bylines_are_not_broken() {
        let t = "加快建设美丽城区\n\n□本报记者 王某某 通讯员 李某\n\n今年以来，某区认真贯彻落实市委部署，扎实推进各项工作。\n\n强化统筹：确保任务落地见效\n\n某区高度重视此项工作，多次召开会议研究部署。\n\n某区召开专题会议\n\n会议现场\n\n学习考察，开阔视野\n\n9月12日至15日，某区组织干部赴外地学习考察。\n\n一、总体要求\n\n坚持学以致用。\n";
        assert!(found("para-broken", t).is_empty());
    }

    #[test]
    fn verse_closings_chapters_and_signatures_are_not_broken() {
        let t = "诗意乡村入画来\n\n□本报记者 王某\n\n近日，某县举办乡村诗会，退休教师李大爷朗诵了自己创作的诗歌。\n\n青山绿水绕村庄，\n稻花香里说丰年。\n家家户户笑开颜，\n幸福日子比蜜甜。\n\n李大爷说，这些年村里变化太大了。\n\n我爱这片土地，\n\n爱得深沉。\n\n他在信的末尾写道：“祝工作顺利，身体健康！”\n\n此致\n\n敬礼\n\n王某某\n\n2023年5月12日\n\n那年秋天，他背着行囊来到江城，在一家小工厂当学徒，白天干活晚上读书，这是他人生路上的一个新层次\n\n第二章　风雨同舟\n\n工厂遇到困难的时候，他和工友们一起想办法，渡过了难关。\n\n某某县教育局\n\n二〇二三年九月一日\n";
        assert!(
            found("para-broken", t).is_empty(),
            "{:?}",
            found("para-broken", t)
        );
        // the same document with a paragraph really broken is still reported
        let broken = t.replace(
            "李大爷说，这些年村里变化太大了。",
            "李大爷说，这些年村里的道路、住房和环境都发生了翻天覆地的变\n\n化，大家的日子越过越红火。",
        );
        assert_eq!(found("para-broken", &broken), vec!["变"]);
    }

    #[test]
    fn long_paragraph_followed_by_new_paragraph_is_not_broken() {
        // a missing full stop, not a break: the next paragraph opens with 据介绍 / a date
        let t = "区里召开推进会\n\n□本报记者 王某\n\n今年以来，某区认真贯彻落实市委部署，扎实推进各项工作，在提升服务水平、优化营商环境等方面取得明显成效\n\n据介绍，下一步某区将继续深化改革。\n\n全区共举办各类培训班12期，培训干部1000余人次，进一步提升了干部队伍的素质和能力水平\n\n11月1日，某区召开座谈会。\n\n全区新建改建口袋公园15处，新增绿地面积3万平方米，群众的获得感、幸福感持续增强\n\n某区还将继续实施城市更新行动，推动城市品质不断提升。\n";
        assert!(found("para-broken", t).is_empty());
    }

    // ------------------------------------------------------------ web-boilerplate

    #[test]
    fn boilerplate_tail_and_banner() {
        let t = "区里召开推进会\n\n青岛新闻APP\n\n打开\n\n今年以来，某区扎实推进各项工作。\n\n责任编辑：王某\n\n大家都在看\n\n某区召开安全生产工作会议 2023-05-12 07:30\n\n市民公园新增健身步道 2023-05-11 18:02\n\n全市中小学开学在即 2023-05-11 09:15\n";
        assert_eq!(
            found("web-boilerplate", t),
            vec![
                "青岛新闻APP\n\n打开",
                "责任编辑：王某",
                "大家都在看\n\n某区召开安全生产工作会议 2023-05-12 07:30\n\n市民公园新增健身步道 2023-05-11 18:02\n\n全市中小学开学在即 2023-05-11 09:15",
            ]
        );
        assert_eq!(
            fixed_all("web-boilerplate", t),
            "区里召开推进会\n\n今年以来，某区扎实推进各项工作。\n"
        );
    }

    #[test]
    fn related_news_with_source_lines() {
        // each headline over its `date  source` line, as two blocks or one
        let items = "某区召开安全生产工作会议\n\n2023-05-12 07:30  某某日报\n\n市民公园新增健身步道\n\n2023-05-11 18:02  某某晚报\n\n全市中小学开学在即\n\n2023-05-11 09:15  某某新闻网\n";
        let t =
            format!("区里召开推进会\n\n今年以来，某区扎实推进各项工作，取得明显成效。\n\n{items}");
        assert_eq!(found("web-boilerplate", &t), vec![items.trim_end()]);
        assert_eq!(
            fixed_all("web-boilerplate", &t),
            "区里召开推进会\n\n今年以来，某区扎实推进各项工作，取得明显成效。\n"
        );
        let items = "某区召开安全生产工作会议\n2023-05-12 07:30  某某日报\n\n市民公园新增健身步道\n2023-05-11 18:02  某某晚报\n\n全市中小学开学在即\n2023-05-11 09:15  某某新闻网\n";
        let t =
            format!("区里召开推进会\n\n今年以来，某区扎实推进各项工作，取得明显成效。\n\n{items}");
        assert_eq!(found("web-boilerplate", &t), vec![items.trim_end()]);
        // an article's own dateline under its title, and one or two items, stay
        let t = "某区召开安全生产工作会议\n\n2023-05-12 07:30  某某日报\n\n今年以来，某区扎实推进各项工作，取得明显成效。\n\n市民公园新增健身步道\n\n2023-05-11 18:02  某某晚报\n";
        assert!(
            found("web-boilerplate", t).is_empty(),
            "{:?}",
            found("web-boilerplate", t)
        );
    }

    #[test]
    fn boilerplate_not_in_prose() {
        let t = "区里召开推进会\n\n大家都在看这场比赛，现场座无虚席。\n\n下载APP后，点击首页即可报名。\n\n会议于2023年5月12日召开，部署下一阶段工作。\n\n居民可扫一扫社区公告栏上的二维码参与投票。\n";
        assert!(found("web-boilerplate", t).is_empty());
    }

    // ------------------------------------------------------------ dangling-word

    #[test]
    fn dangling_fires() {
        assert_eq!(
            dangling("（3）以，围绕社区治理需要，充实网格员队伍。"),
            vec!["以"]
        );
        assert_eq!(
            dangling("(3)以,围绕社区治理需要,充实网格员队伍。"),
            vec!["以"]
        );
        assert_eq!(
            dangling("为深入学习贯彻和党的二十大精神，区委决定开展专题培训。"),
            vec!["学习贯彻和"]
        );
        assert_eq!(
            dangling("（1）对照和党的二十大精神，查找工作中的差距和不足。"),
            vec!["对照和"]
        );
        assert_eq!(
            dangling("坚持政治引领，用武装党员干部，推动工作落实。"),
            vec!["用武装"]
        );
        assert_eq!(
            dangling("要用武装头脑、指导实践、推动工作。"),
            vec!["用武装头脑"]
        );
        assert_eq!(
            dangling("坚持以为指导，扎实推进各项工作。"),
            vec!["以为指导"]
        );
        assert_eq!(
            dangling("及时清理与不相适应的规章制度。"),
            vec!["与不相适应"]
        );
        assert_eq!(dangling("会议强调，把，作为首要政治任务。"), vec!["把"]);
    }

    #[test]
    fn dangling_silent_on_normal_prose() {
        for s in [
            "坚持以人民为中心的发展思想，和衷共济、共克时艰。",
            "深入学习贯彻党的十九大精神，用心用情服务群众。",
            "以上，以及会议确定的其他事项，请各单位抓好落实。",
            "认真学习贯彻和宣传宣讲党的十九大精神。",
            "认真学习贯彻和落实党的十九大精神。",
            "加强理论学习和党的建设，提升干部素质。",
            "加强学习贯彻和党的十九大精神宣传。",
            "所以，我们要以更大力度推进改革。",
            "可以，但要按程序办理。",
            "以习近平新时代中国特色社会主义思想为指导，扎实推进各项工作。",
            "用习近平新时代中国特色社会主义思想武装头脑、指导实践、推动工作。",
            "我以为指导员已经走了。",
            "用武装力量维护国家安全。",
            "与之相适应，各项制度也在不断完善。",
            "与相关部门加强沟通协调。",
            "同相关单位一道推进项目建设。",
            "没有根据，不能下结论。",
            "随着改革不断深化，群众获得感持续增强。",
            "对，就是要这样干。",
            "要以更大力度推进改革，把各项工作做实做细。",
            "按照市委部署，围绕中心工作，对照目标任务，抓好各项落实。",
            "活动以“学习新思想”为主题，以问题为导向。",
            "他说：“以，是介词。”",
            "把党的政治建设摆在首位，坚持和加强党的全面领导。",
            "坚持和完善党的领导，贯彻和落实党的各项方针政策。",
            "学习贯彻的成效，要用发展的实绩来检验。",
            "要用改革的办法、发展的眼光解决问题。",
            "将习近平总书记重要讲话精神与党的十九大精神结合起来。",
        ] {
            assert!(dangling(s).is_empty(), "{s}: {:?}", dangling(s));
        }
    }

    #[test]
    fn dangling_has_no_fix() {
        let f = run_para("dangling-word", "(3)以,围绕需要。", DocKind::Plain);
        assert_eq!(f.len(), 1);
        assert!(f[0].fix.is_none());
    }
}
/// Prose that mentions apps, QR codes and matches reads as body text, not
/// as scraped page furniture: no finding, every paragraph after the title
/// is body text.
#[cfg(test)]
mod prose_about_the_web {
    use crate::core::outline::BlockClass;

    #[test]
    fn is_body_text() {
        let t = "区里召开推进会\n\n大家都在看这场比赛，现场座无虚席。\n\n下载APP后，点击首页即可报名。\n\n会议于2023年5月12日召开，部署下一阶段工作。\n\n居民可扫一扫社区公告栏上的二维码参与投票。\n";
        let a = crate::core::analyze(t, crate::core::DocKind::Plain, Default::default());
        let found: Vec<_> = a
            .findings
            .iter()
            .map(|f| (f.code, &t[f.range.clone()]))
            .collect();
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(a.classes.len(), 5);
        assert_eq!(a.classes[0], BlockClass::Title);
        assert!(
            a.classes[1..].iter().all(|c| *c == BlockClass::Body),
            "{:?}",
            a.classes
        );
    }
}
