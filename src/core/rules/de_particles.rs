//! 的 / 地 / 得: the structural particles that drafts mix up.
//!
//! - adverbial `地` before a verb: `认真的学习了` → `认真地学习了`;
//! - complement `得` after a verb: `跑的很快` → `跑得很快`.
//!
//! jieba's tags are too noisy to trust alone (`高兴/b`, `热情/n`, `很快/d`),
//! so each pattern also needs words from short lists and a context that leaves
//! only the one reading: a verb that takes an aspect marker or opens a quote
//! after `的`, a degree adverb and a manner adjective closing the clause after
//! `V的`. `认真的态度`, `一次认真的学习`, `他说的很对`, `我的学习` stay silent.

use super::{Check, ParaCtx, Rule};
use crate::core::chars::{is_han, FxHashSet};
use crate::core::data::{self, data_file};
use crate::core::finding::{Finding, Fix, Severity};
use crate::core::nlp::Token;
use std::sync::LazyLock;

pub const RULES: &[Rule] = &[Rule {
    code: "de-di-de",
    family: "的地得",
    severity: Severity::Hint,
    default_off: false,
    fixable: true,
    description: "“的、地、得”用法：修饰动词的状语后用“地”（认真地学习），动词后引出补语用“得”（跑得很快）。提示级别，只在句式确定时提示。",
    wrong: "同学们认真的学习了会议精神，工作开展的十分扎实。",
    right: "同学们认真地学习了会议精神，工作开展得十分扎实。",
    check: Check::Para(check),
}];

const CODE: &str = "de-di-de";

/// A list of words under `data/`, in the order of the file.
fn words(src: &'static str) -> Vec<&'static str> {
    data::entries(src).collect()
}

/// A list of words under `data/` as a hash set (asked at nearly every `的`).
fn word_set(src: &'static str) -> FxHashSet<&'static str> {
    data::entries(src).collect()
}

/// Words that describe how something is done (adverbial before `地`).
static MANNER_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| word_set(data_file!("de_particles_manner.txt")));
/// Noun AABB forms: `方方面面的关心我们都记得` is a noun phrase.
static NOUN_AABB_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| word_set(data_file!("de_particles_noun_aabb.txt")));
/// Adjectives of manner or of how a process went (a complement after `得`);
/// evaluations of content (`好`, `对`, `多`) are left out, since `他说的很对`
/// can be read as a headless relative clause.
static COMPLEMENT_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| word_set(data_file!("de_particles_complement.txt")));
/// Verbs that introduce what someone said: `高兴的说：` is always adverbial.
static SPEECH: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(data_file!("de_particles_speech.txt")));
/// Aspect markers and verb complements that show the word before is used as a verb.
/// (`过` is left out: `紧张的备考过了一半` uses it as a verb.)
static ASPECT: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(data_file!("de_particles_aspect.txt")));
/// Personal pronouns that can be the object right after a verb.
static PRONOUN_OBJ: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(data_file!("de_particles_pronouns.txt")));
/// Degree adverbs that open a complement.
static DEGREE: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(data_file!("de_particles_degree.txt")));

fn is_han_word(w: &str) -> bool {
    !w.is_empty() && w.chars().all(is_han)
}

/// A reduplicated adverbial form: AA (`慢慢`), ABB (`乐呵呵`), AABB (`认认真真`).
fn reduplicated(w: &str) -> bool {
    // the first four characters, and whether there are more (no allocation:
    // asked at nearly every `的`)
    let mut c = ['\0'; 4];
    let mut n = 0;
    for ch in w.chars() {
        match c.get_mut(n) {
            Some(slot) => *slot = ch,
            None => return false,
        }
        n += 1;
    }
    match c[..n] {
        [a, b] => a == b,
        [_, b, c] => b == c,
        [a, b, c, d] => a == b && c == d && a != c,
        _ => false,
    }
}

fn is_verb_tag(tag: &str) -> bool {
    tag.starts_with('v')
}

fn check(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    // no `的` in the masked text (the paragraph's facts say)
    if !ctx.facts().de {
        return;
    }
    let s = ctx.simplified();
    let toks = ctx.tokens();
    let word = |i: usize| -> &str {
        toks.get(i)
            .and_then(|t| s.get(t.range.clone()))
            .unwrap_or("")
    };
    for i in de_tokens(s, toks) {
        if let Some(f) = adverbial(toks, &word, i).or_else(|| complement(toks, &word, i)) {
            out.push(f);
        }
    }
}

/// The indices of the tokens that are `的`, but the first, in order. A `的`
/// of the text is one if a token spans exactly its bytes (tokens are in
/// text order and do not overlap): a search instead of a look at every
/// token.
fn de_tokens<'t>(s: &'t str, toks: &'t [Token]) -> impl Iterator<Item = usize> + 't {
    static DE: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("的".as_bytes()));
    DE.find_iter(s.as_bytes()).filter_map(|at| {
        let i = toks.partition_point(|t| t.range.start < at);
        let t = toks.get(i)?;
        (i > 0 && t.range == (at..at + "的".len())).then_some(i)
    })
}

fn finding(de: &Token, right: &str, written: &str, corrected: &str, why: &str) -> Finding {
    Finding::new(
        CODE,
        de.range.clone(),
        format!("{why}应用“{right}”：“{written}”应为“{corrected}”"),
    )
    .with_fix(Fix::replace(
        de.range.clone(),
        right.to_string(),
        format!("改为“{right}”"),
    ))
}

/// `X的V…` where X is a manner word and V is clearly used as a verb.
fn adverbial<'a>(toks: &[Token], word: &impl Fn(usize) -> &'a str, i: usize) -> Option<Finding> {
    let x_tok = toks.get(i - 1)?;
    let x = word(i - 1);
    let listed = MANNER_SET.contains(x);
    // reduplicated forms, but not nouns (`妈妈`, `星星`, `家家户户`)
    let redup = is_han_word(x)
        && reduplicated(x)
        && !NOUN_AABB_SET.contains(x)
        && (x.chars().count() == 4 || !x_tok.tag.starts_with('n'));
    if !listed && !redup {
        return None;
    }
    let v_tok = toks.get(i + 1)?;
    let v = word(i + 1);
    if !is_han_word(v) {
        return None;
    }
    let next = word(i + 2);
    let verbal = if SPEECH.contains(&v) {
        // `认真的回答，让人满意` is a noun phrase: a comma only after 说/道/问/喊
        matches!(next, "：" | ":" | "“")
            || matches!(next, "，" | ",") && matches!(v, "说" | "道" | "问" | "喊")
    } else {
        is_verb_tag(v_tok.tag)
            && (ASPECT.contains(&next)
                || listed && PRONOUN_OBJ.contains(&next) && word(i + 3) != "的")
    };
    // a determiner or a numeral before X makes `X的V` a noun phrase:
    // `一次认真的学习`
    if !verbal || i >= 2 && matches!(toks[i - 2].tag, "m" | "q" | "mq") {
        return None;
    }
    let de = toks.get(i)?;
    Some(finding(
        de,
        "地",
        &format!("{x}的{v}"),
        &format!("{x}地{v}"),
        "修饰动词的状语后",
    ))
}

/// `V的 + degree adverb + manner adjective` closing the clause.
fn complement<'a>(toks: &[Token], word: &impl Fn(usize) -> &'a str, i: usize) -> Option<Finding> {
    let v_tok = toks.get(i - 1)?;
    let v = word(i - 1);
    if !is_han_word(v) || !(is_verb_tag(v_tok.tag) || v_tok.tag == "a" && v == "长") {
        return None;
    }
    // `所做的`, `新来的`: a relative clause, not a verb with a complement
    if i >= 2 && matches!(word(i - 2), "所" | "新" | "刚" | "才" | "被")
        || v.starts_with(['所', '新', '刚', '才'])
    {
        return None;
    }
    // the rest of the clause must open with a degree adverb: its first
    // character is the first of `word(i + 1)` (an empty rest opens with none)
    let first = word(i + 1).chars().next();
    if !DEGREE.iter().any(|d| d.chars().next() == first) {
        return None;
    }
    // the rest of the clause after 的
    let mut rest = String::new();
    let mut k = i + 1;
    while let Some(w) = toks.get(k).map(|_| word(k)) {
        if !is_han_word(w) || matches!(w, "了" | "啊" | "呢" | "呀") {
            break;
        }
        rest.push_str(w);
        k += 1;
        if rest.chars().count() > 8 {
            return None;
        }
    }
    let after = word(k);
    if !(after.is_empty()
        || after.chars().all(|c| !is_han(c))
        || matches!(after, "了" | "啊" | "呢" | "呀"))
    {
        return None;
    }
    let ok = DEGREE.iter().any(|d| {
        rest.strip_prefix(d)
            .is_some_and(|a| COMPLEMENT_SET.contains(a))
    });
    if !ok {
        return None;
    }
    let de = toks.get(i)?;
    Some(finding(
        de,
        "得",
        &format!("{v}的{rest}"),
        &format!("{v}得{rest}"),
        "动词后引出补语",
    ))
}

#[cfg(test)]
mod tests {
    use crate::core::rules::testutil::{fixed, run_para};
    use crate::core::text::DocKind;

    fn run(s: &str) -> Vec<crate::core::finding::Finding> {
        run_para(super::CODE, s, DocKind::Plain)
    }

    /// The search finds the tokens a look at every token found.
    #[test]
    fn de_tokens_are_the_tokens_that_are_de() {
        use crate::core::config::Config;
        use crate::core::rules::ParaCtx;
        use crate::core::text::{self, BlockKind};
        let config = Config::default();
        let switches = crate::core::rules::testutil::switches(&config);
        let mut found = 0;
        for t in crate::core::wordlists::sample_texts().iter().step_by(3) {
            let masked = text::mask(t, DocKind::Plain, 0);
            let ctx = ParaCtx::new(
                t,
                &masked,
                BlockKind::Para,
                DocKind::Plain,
                &config,
                &switches,
            );
            let (s, toks) = (ctx.simplified(), ctx.tokens());
            let by_look: Vec<usize> = (1..toks.len())
                .filter(|&i| s.get(toks[i].range.clone()) == Some("的"))
                .collect();
            assert_eq!(
                super::de_tokens(s, toks).collect::<Vec<_>>(),
                by_look,
                "{t}"
            );
            found += by_look.len();
        }
        assert!(found > 300, "{found}");
    }

    #[test]
    fn fires() {
        let cases = [
            (
                "同学们认真的学习了会议精神。",
                "同学们认真地学习了会议精神。",
            ),
            ("他高兴的说：“今天真开心。”", "他高兴地说：“今天真开心。”"),
            ("大家认真的讨论了这个问题。", "大家认真地讨论了这个问题。"),
            ("他们慢慢的走了过去。", "他们慢慢地走了过去。"),
            ("他默默的守护着这片森林。", "他默默地守护着这片森林。"),
            ("村民们热情的接待了我们。", "村民们热情地接待了我们。"),
            (
                "她激动的说，这是她最难忘的一天。",
                "她激动地说，这是她最难忘的一天。",
            ),
            ("他跑的很快。", "他跑得很快。"),
            ("今年的工作开展的十分扎实。", "今年的工作开展得十分扎实。"),
            (
                "项目推进的很顺利，群众很满意。",
                "项目推进得很顺利，群众很满意。",
            ),
            (
                "近年来，当地经济发展的非常快。",
                "近年来，当地经济发展得非常快。",
            ),
            ("孩子们长的很高了。", "孩子们长得很高了。"),
        ];
        for (wrong, right) in cases {
            let f = run(wrong);
            assert_eq!(f.len(), 1, "{wrong}: {f:?}");
            assert_eq!(fixed(wrong, &f), right, "{wrong}");
        }
    }

    #[test]
    fn message() {
        let f = run("他跑的很快。");
        assert_eq!(
            f[0].message,
            "动词后引出补语应用“得”：“跑的很快”应为“跑得很快”"
        );
        let f = run("大家认真的讨论了这个问题。");
        assert_eq!(
            f[0].message,
            "修饰动词的状语后应用“地”：“认真的讨论”应为“认真地讨论”"
        );
    }

    #[test]
    fn silent() {
        for s in SILENT {
            let f = run(s);
            assert!(f.is_empty(), "{s}: {f:?}");
        }
    }

    const SILENT: &[&str] = &[
        "认真的态度是做好工作的前提。",
        "一次认真的学习胜过十次走马观花。",
        "与会人员进行了热烈的讨论，提出了许多有价值的意见。",
        "工地上到处是紧张的施工现场。",
        "他说的很对，我们要照着办。",
        "他写的很好，值得大家学习。",
        "我的学习成绩不太好，但我会努力的。",
        "我们的学习是为了更好地工作。",
        "大家都干得很起劲。",
        "他认真地学习了会议精神。",
        "他跑得很快，第一个冲过了终点。",
        "这件事情办得很漂亮，群众都很满意。",
        "这是他应得的荣誉，也是大家共同努力的结果。",
        "积极的财政政策要更加积极有为。",
        "热情的服务赢得了顾客的好评。",
        "科学的管理方法提高了工作效率。",
        "新来的很认真，大家都喜欢他。",
        "他所做的很多，我们都看在眼里。",
        "这种做法是值得的，群众也是认可的。",
        "我吃的很多，已经饱了。",
        "村民们的生活一天比一天好。",
        "认真的学习态度值得肯定。",
        "会议要求，各地各部门要认认真真地抓好各项工作的落实。",
        "老人们高高兴兴地领到了分红。",
        "他们的的确确做到了这一点。",
        "慢慢的变化让人欣喜。",
        "这是经过深入的调查研究作出的决定。",
        "默默的付出终有回报。",
        "姐姐的鼓励我一直记得，妈妈的叮嘱我牢记在心。",
        "社会方方面面的关心我们都记在心里。",
        "他认真的回答，让大家很满意。",
        "她耐心的介绍，让我们对这里有了更多了解。",
        "家家户户的支持着实让人感动。",
        "紧张的备考过了一半，大家都很疲惫。",
        "积极的作用显现了，群众的认可度也提高了。",
        "他那种认真的劲头感染了大家，会场响起了热烈的掌声。",
        "他耐心的讲解赢得了好评，这种积极的探索给了我们启示。",
        "激烈的竞争开始了，深入的交流少了。",
        "最重要的是坚持，热情的欢迎让我们倍感温暖。",
    ];
}
