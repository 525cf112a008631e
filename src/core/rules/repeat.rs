//! Repeated words: `的的`, `了了`, `在在`, `我们我们` — a word typed twice.
//!
//! Chinese reduplicates a great many words on purpose (`看看`, `常常`,
//! `天天`, `一一`, `谢谢`, `研究研究`, `干干净净`, `个个`, `人人`), so only
//! function words and pronouns, conjunctions and prepositions are checked,
//! and both copies must be words of their own in jieba's segmentation:
//! `在在线`, `为了了解`, `目的的`, `不了了之`, `的的确确`, `是是非非` stay silent.

use super::{Check, ParaCtx, Rule};
use crate::core::chars::is_han;
use crate::core::data::{self, data_file};
use crate::core::finding::{Finding, Fix, Severity};
use crate::core::nlp::Token;
use std::sync::LazyLock;

pub const RULES: &[Rule] = &[Rule {
    code: "word-repeated",
    family: "重复",
    severity: Severity::Warning,
    default_off: false,
    fixable: true,
    description: "词语误重复，如“的的”“了了”“在在”“我们我们”。“看看”“常常”“研究研究”“干干净净”等正常的重叠式不报。",
    wrong: "我们我们要在在新的起点上，推动经济社会发展的的新跨越。",
    right: "我们要在新的起点上，推动经济社会发展的新跨越。",
    check: Check::Para(check),
}];

const CODE: &str = "word-repeated";

/// One-character function words that are never reduplicated.
static SINGLE: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| data::entries(data_file!("repeat_single.txt")).collect());

/// Tags of multi-character words whose repetition is an error: pronouns,
/// conjunctions, prepositions, auxiliaries (verbs `研究研究`, adjectives
/// `雪白雪白` and measure phrases `一个一个` reduplicate on purpose).
fn repeatable_tag(tag: &str) -> bool {
    matches!(
        tag,
        "r" | "c" | "p" | "uj" | "ul" | "uz" | "ug" | "ud" | "uv"
    )
}

/// Pronouns repeated on purpose for unspecified things: `要如何如何`,
/// `什么什么的`, `这样这样，那样那样`.
static VAGUE: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| data::entries(data_file!("repeat_vague.txt")).collect());

fn check(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    // cheap pre-check: some Han character immediately repeated, or a
    // repeated two-character unit (ABAB), in the masked text (the paragraph
    // facts say)
    if !ctx.facts().repeats {
        return;
    }
    let s = ctx.simplified();
    let toks = ctx.tokens();
    let word = |i: usize| -> &str {
        toks.get(i)
            .and_then(|t| s.get(t.range.clone()))
            .unwrap_or("")
    };
    let mut i = 0;
    while i + 1 < toks.len() {
        let (a, b) = (&toks[i], &toks[i + 1]);
        // the cheap tests first: two adjacent tokens of the same length (a
        // pair that fails them is no repetition)
        if a.range.end != b.range.start || a.range.len() != b.range.len() {
            i += 1;
            continue;
        }
        let w = word(i);
        let single = w.chars().count() == 1;
        let repeated = a.range.end == b.range.start
            && w == word(i + 1)
            && !w.is_empty()
            && w.chars().all(is_han)
            && if single {
                SINGLE.contains(&w)
            } else {
                repeatable_tag(a.tag) && a.tag == b.tag && !VAGUE.contains(&w)
            };
        if !repeated {
            i += 1;
            continue;
        }
        // AABB (`是是非非`, `和和美美`) when jieba split it into characters
        let aabb = single && {
            let (c, d) = (word(i + 2), word(i + 3));
            c.chars().count() == 1 && c == d && c != w
        };
        // `明了/了` (liǎo, then the aspect marker), `不了/了`, `的/的/确`: a lone neighbouring character that makes a word
        // with one copy (jieba split a word apart)
        let glued = single && {
            let p = i.checked_sub(1).map(word).unwrap_or("");
            glued(ctx, p, w, word(i + 2))
        };
        // `对对对`, `是是是`: a spoken answer, said three times on purpose
        let triple = i.checked_sub(1).is_some_and(|p| word(p) == w) || word(i + 2) == w;
        if repeated && !aabb && !glued && !triple {
            out.push(finding(ctx, a, b, w));
            i += 2;
            continue;
        }
        i += 1;
    }
}

/// `明了/了` (liǎo, then the aspect marker), `不了/了`, `的/的/确`: a lone
/// neighbouring character (`p` before, `n` after) that makes a word with one
/// copy of the single character `w` (jieba split a word apart).
fn glued(ctx: &ParaCtx, p: &str, w: &str, n: &str) -> bool {
    let j = crate::core::nlp::jieba_with_words(&ctx.config.words);
    (w == "了"
        && p.chars()
            .next_back()
            .is_some_and(|c| "明为除罢算不得末终".contains(c)))
        || (p.chars().count() == 1 && p.chars().all(is_han) && j.has_word(&format!("{p}{w}")))
        || (n.chars().count() == 1 && n.chars().all(is_han) && j.has_word(&format!("{w}{n}")))
}

/// The finding for the tokens `a` and `b`, both `w`: the second copy goes.
fn finding(ctx: &ParaCtx, a: &Token, b: &Token, w: &str) -> Finding {
    let written = ctx.text.get(a.range.start..b.range.end).unwrap_or("");
    let once = ctx.text.get(a.range.clone()).unwrap_or(w);
    Finding::new(
        CODE,
        a.range.start..b.range.end,
        format!("“{written}”重复，应为“{once}”"),
    )
    .with_fix(Fix::replace(
        b.range.clone(),
        "",
        format!("删去重复的“{once}”"),
    ))
}

#[cfg(test)]
mod tests {
    use crate::core::rules::testutil::{fixed, run_para};
    use crate::core::text::DocKind;

    fn run(s: &str) -> Vec<crate::core::finding::Finding> {
        run_para(super::CODE, s, DocKind::Plain)
    }

    #[test]
    fn fires() {
        let cases = [
            (
                "这是全市经济发展的的重要引擎。",
                "这是全市经济发展的重要引擎。",
            ),
            (
                "会议结束后，大家都回到了了各自的岗位。",
                "会议结束后，大家都回到了各自的岗位。",
            ),
            (
                "代表们在在分组讨论中踊跃发言。",
                "代表们在分组讨论中踊跃发言。",
            ),
            (
                "我们我们要在新的起点上再出发。",
                "我们要在新的起点上再出发。",
            ),
            ("他们他们已经完成了全部任务。", "他们已经完成了全部任务。"),
            ("这项工作是是全年的重点。", "这项工作是全年的重点。"),
            (
                "如果如果出现问题，要及时报告。",
                "如果出现问题，要及时报告。",
            ),
        ];
        for (wrong, right) in cases {
            let f = run(wrong);
            assert_eq!(f.len(), 1, "{wrong}: {f:?}");
            assert_eq!(fixed(wrong, &f), right, "{wrong}");
        }
    }

    #[test]
    fn message_and_range() {
        let s = "发展的的重要引擎";
        let f = run(s);
        assert_eq!(f.len(), 1);
        assert_eq!(&s[f[0].range.clone()], "的的");
        assert_eq!(f[0].message, "“的的”重复，应为“的”");
    }

    #[test]
    fn silent_on_reduplication() {
        for s in SILENT {
            let f = run(s);
            assert!(f.is_empty(), "{s}: {f:?}");
        }
    }

    const SILENT: &[&str] = &[
        "大家商量商量，研究研究再说，看看怎么办比较好。",
        "他常常说，做人要清清白白，做事要踏踏实实。",
        "孩子们天天向上，个个精神饱满，人人关心集体。",
        "他们一一核实情况，逐户登记造册。",
        "她激动地说：“谢谢党和政府，谢谢大家！”",
        "她把房间收拾得干干净净，整整齐齐。",
        "村民老王高高兴兴地领到了分红。",
        "中心组集中学习了“四个一”工作法，即一个目标、一套机制。",
        "天空中星星点点，妈妈抱着孩子在院子里乘凉，哈哈大笑。",
        "刚刚结束的运动会上，天渐渐黑了，我们试试这个办法。",
        "事情不能不了了之，必须一查到底。",
        "他把事情的来龙去脉讲得明明白白。",
        "这是一次又一次的考验，也是一次又一次的机遇。",
        "他们的的确确做到了这一点。",
        "在在线教育平台上，学生们可以随时随地学习。",
        "为了了解实际情况，调研组深入基层。",
        "这次活动的目的的确达到了。",
        "要分清是是非非，不能和稀泥。",
        "一家人和和美美，日子过得红红火火。",
        "工作人员一个一个地核对名单，一步一步地推进。",
        "这里的天空雪白雪白的，空气清新。",
        "请把这些材料再把把关。",
        "志愿者挨家挨户上门宣传，家家户户种上了果树。",
        "我明了了他的意思。",
        "他说的话是非常非常重要的。",
        "大家说说笑笑，来来往往，热热闹闹。",
        "请大家让一让，等一等。",
        "他总说要如何如何，结果什么什么都没做成。",
        "不能只说这样这样、那样那样，要拿出具体办法。",
        "“对对对，就是这样。”“是是是，您说得对。”",
        "退休后，他想回老家过过清静日子。",
        "派出所所长带队走访，研究所所长作了发言。",
        "他盖着被子，被被子压得喘不过气。",
    ];
}
