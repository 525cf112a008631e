//! Word-level rules: commonly confused words (`word-confused`, from
//! `data/confused_words.txt`) and redundant wording (`word-redundant`, from
//! `data/redundancy.txt`). Both match their lists in one pass and accept a
//! match only on jieba word boundaries (see `core/wordlists.rs`).

use std::ops::Range;
use std::sync::LazyLock;

use super::{hits, List};
use crate::core::data::{self, data_file};
use crate::core::finding::{Edit, Finding, Fix, Severity};
use crate::core::nlp;
use crate::core::rules::{Check, ParaCtx, Rule};
use crate::core::wordlists::{after_surname, is_word_at, match_text, tail_ok, Guards, Lexicon};

pub const RULES: &[Rule] = &[
    Rule {
        code: "word-confused",
        family: "用词",
        severity: Severity::Warning,
        default_off: false,
        fixable: true,
        description: "易错词：编辑常见错别字表中的错误词形（成语、常用词的错字、别字和非规范词形），按分词边界匹配，正确词语中含有相同字序列时不报。",
        wrong: "截止目前，全区各部门按步就班推进整改，再接再励巩固成果。",
        right: "截至目前，全区各部门按部就班推进整改，再接再厉巩固成果。",
        check: Check::Para(check_confused),
    },
    Rule {
        code: "word-redundant",
        family: "用词",
        severity: Severity::Info,
        default_off: false,
        fixable: true,
        description: "语义重复与句式杂糅：词义已包含的成分重复出现（凯旋而归、免费赠送、涉及到、再次重申），或两种句式混用（截止到……为止、原因是……造成的）。数量表述的重复（约……左右）由数字规则处理。",
        wrong: "截止到目前为止，队员们凯旋而归，主办方再次重申将免费赠送纪念品。",
        right: "截至目前，队员们凯旋，主办方重申将赠送纪念品。",
        check: Check::Para(check_redundant),
    },
];

// ---------------------------------------------------------------------------
// word-confused

pub(crate) struct Confused {
    pub wrong: &'static str,
    pub right: &'static str,
    /// jieba's dictionary lists the wrong form (reviewed: never correct);
    /// checked by the tests.
    #[cfg_attr(not(test), allow(dead_code))]
    pub in_dict: bool,
    guards: Guards,
}

pub(crate) struct ConfusedList {
    pub entries: Vec<Confused>,
    pub(crate) lex: Lexicon,
}

pub(crate) static CONFUSED: LazyLock<ConfusedList> = LazyLock::new(|| {
    let mut entries = Vec::new();
    for f in data::lines(data_file!("confused_words.txt")) {
        let (Some(&wrong), Some(&right)) = (f.first(), f.get(1)) else {
            continue;
        };
        let (guards, rest) = Guards::parse(f.get(2).copied().unwrap_or(""));
        entries.push(Confused {
            wrong,
            right,
            in_dict: rest.contains(&"dict"),
            guards,
        });
    }
    let lex = Lexicon::new(entries.iter().map(|e| e.wrong));
    ConfusedList { entries, lex }
});

fn check_confused(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    let s = match_text(ctx);
    let list = &*CONFUSED;
    let found = hits(ctx);
    let hits = found.of(List::Confused);
    if hits.is_empty() {
        return;
    }
    let jieba = nlp::jieba_with_words(&ctx.config.words);
    let mut covered = 0;
    for (r, i) in hits.iter().cloned() {
        if r.start < covered {
            continue;
        }
        let Some(e) = list.entries.get(i) else {
            continue;
        };
        if e.guards.excuses(s, &r) || ctx.config.is_user_word(e.wrong) {
            continue;
        }
        if !is_word_at(ctx, &jieba, &r) {
            continue;
        }
        if e.wrong.chars().count() == 2 && after_surname(ctx, r.start) {
            continue;
        }
        let mut f = Finding::new(
            "word-confused",
            r.clone(),
            format!("“{}”应为“{}”", e.wrong, e.right),
        );
        // a fix only where the text is written in simplified characters
        if ctx.text.get(r.clone()) == Some(e.wrong) {
            f = f.with_fix(Fix::replace(
                r.clone(),
                e.right,
                format!("改为“{}”", e.right),
            ));
        }
        out.push(f);
        covered = r.end;
    }
}

// ---------------------------------------------------------------------------
// word-redundant

/// The longest gap (in characters) of a `A…B` pattern.
const MAX_GAP: usize = 15;

pub(crate) struct Redundant {
    /// The pattern's first part (the whole pattern if it has no gap).
    pub head: &'static str,
    /// The part after the gap, if any.
    pub tail: Option<&'static str>,
    /// Replacements for head and tail (`None`: no certain fix).
    pub fix: Option<(&'static str, &'static str)>,
    pub reason: &'static str,
    guards: Guards,
}

pub(crate) struct RedundantList {
    pub entries: Vec<Redundant>,
    pub(crate) lex: Lexicon,
}

pub(crate) static REDUNDANT: LazyLock<RedundantList> = LazyLock::new(|| {
    let mut entries = Vec::new();
    for f in data::lines(data_file!("redundancy.txt")) {
        let (Some(&pat), Some(&rep), Some(&reason)) = (f.first(), f.get(1), f.get(2)) else {
            continue;
        };
        let (head, tail) = match pat.split_once('…') {
            Some((h, t)) => (h, Some(t)),
            None => (pat, None),
        };
        let fix = if rep == "-" {
            None
        } else {
            match (tail, rep.split_once('…')) {
                (Some(_), Some((h, t))) => Some((h, t)),
                (None, None) => Some((rep, "")),
                _ => None,
            }
        };
        let (guards, _) = Guards::parse(f.get(3).copied().unwrap_or(""));
        entries.push(Redundant {
            head,
            tail,
            fix,
            reason,
            guards,
        });
    }
    let lex = Lexicon::new(entries.iter().map(|e| e.head));
    RedundantList { entries, lex }
});

/// Clause punctuation a gap may not cross.
fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '；' | '！' | '？' | '、' | '：' | ',' | ';' | '!' | '?' | ':' | '\n'
    )
}

/// Where a gap pattern's tail may stand after `from`: within one clause,
/// 1..=MAX_GAP characters on. Plain string search: segmentation is asked
/// only once a candidate is found.
fn tail_candidates<'s>(
    s: &'s str,
    from: usize,
    tail: &'s str,
) -> impl Iterator<Item = Range<usize>> + 's {
    let rest = s.get(from..).unwrap_or("");
    rest.char_indices()
        .enumerate()
        .take_while(|(n, (_, c))| *n <= MAX_GAP && !ends_clause(*c))
        .filter(move |(n, (i, _))| *n >= 1 && rest[*i..].starts_with(tail))
        .map(move |(_, (i, _))| from + i..from + i + tail.len())
}

fn check_redundant(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    let s = match_text(ctx);
    let list = &*REDUNDANT;
    let found = hits(ctx);
    let hits = found.of(List::Redundant);
    if hits.is_empty() {
        return;
    }
    let jieba = nlp::jieba_with_words(&ctx.config.words);
    let mut covered = 0;
    for (r, i) in hits.iter().cloned() {
        if r.start < covered {
            continue;
        }
        let Some(e) = list.entries.get(i) else {
            continue;
        };
        let tail = match e.tail {
            Some(t) => {
                let mut cands = tail_candidates(s, r.end, t).peekable();
                if cands.peek().is_none() || !is_word_at(ctx, &jieba, &r) {
                    continue;
                }
                match cands.find(|tr| tail_ok(ctx, &jieba, tr)) {
                    Some(tr) => Some(tr),
                    None => continue,
                }
            }
            None if is_word_at(ctx, &jieba, &r) => None,
            None => continue,
        };
        let whole = r.start..tail.as_ref().map(|t| t.end).unwrap_or(r.end);
        if e.guards.excuses(s, &whole) {
            continue;
        }
        let written = ctx.text.get(whole.clone()).unwrap_or("");
        let kind = if e.reason.contains("杂糅") {
            "句式杂糅"
        } else {
            "语义重复"
        };
        let mut msg = format!("“{written}”{kind}：{}", e.reason);
        let mut fix = None;
        if let Some((h, t)) = e.fix {
            let mut edits = vec![Edit::new(r.clone(), h)];
            let mut fixed = String::from(h);
            if let Some(tr) = &tail {
                fixed.push_str(ctx.text.get(r.end..tr.start).unwrap_or(""));
                fixed.push_str(t);
                edits.push(Edit::new(tr.clone(), t));
            }
            msg.push_str(&format!("，应为“{fixed}”"));
            // only where the text is in simplified characters, like the pattern
            let same = ctx.text.get(r.clone()) == s.get(r.clone())
                && tail
                    .as_ref()
                    .is_none_or(|tr| ctx.text.get(tr.clone()) == s.get(tr.clone()));
            if same {
                fix = Some(Fix {
                    title: format!("改为“{fixed}”").into(),
                    edits,
                });
            }
        }
        let mut f = Finding::new("word-redundant", whole.clone(), msg);
        if let Some(fx) = fix {
            f = f.with_fix(fx);
        }
        out.push(f);
        covered = whole.end;
    }
}

#[cfg(test)]
mod tests;
