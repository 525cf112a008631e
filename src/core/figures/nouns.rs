//! What a figure counts or measures: the noun after a count's measure word
//! (`3个督导组` → `督导组`), else the label of its clause (`利用内资`).

use super::lists::words_of;
use super::numbers::{ar_digit, cn_digit, is_cn_num};
use super::probe::{at, ch_at, ch_before, CharBits};
use super::{parse, Figure, Kind};
use crate::core::chars::is_han;
use crate::core::data::data_file;
use std::ops::Range;
use std::sync::LazyLock;

/// Single chars that end a noun phrase after a measure word.
pub(super) const NOUN_STOP: &str =
    "的和与及或在对将把被为以于到赴均都也还已又再并等由从向每是，。、；：！？（）“”《》";
pub(super) static NOUN_STOP_SET: LazyLock<CharBits> =
    LazyLock::new(|| CharBits::of(NOUN_STOP.chars()));
/// Two-char verbs that end it (`data/figure_noun_words.txt`, role `stop`).
pub(super) static NOUN_STOP2: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words_of(data_file!("figure_noun_words.txt"), "stop"));

/// The first chars of [`NOUN_STOP2`] (most chars of a noun are none of them).
pub(super) static NOUN_STOP2_FIRST: LazyLock<CharBits> =
    LazyLock::new(|| CharBits::of(NOUN_STOP2.iter().filter_map(|w| w.chars().next())));

/// The noun right after a count (`3个督导组，` → `督导组`): Han chars up to
/// punctuation, a function word or a common verb; at most 8 chars.
pub(super) fn noun_after(s: &str, end: usize) -> Option<Range<usize>> {
    let mut j = end;
    let mut n = 0;
    while let Some(c) = ch_at(s, j) {
        // a short quoted term inside the noun: 社区“两委”干部
        if c == '“' && n > 0 {
            let inner = s.get(j + 3..).unwrap_or("");
            if let Some(k) = inner.find('”') {
                let q = inner.get(..k).unwrap_or("");
                let after = inner.get(k + 3..).and_then(|r| r.chars().next());
                if (1..=4).contains(&q.chars().count())
                    && q.chars().all(is_han)
                    && after.is_some_and(|a| is_han(a) && !NOUN_STOP_SET.contains(a))
                {
                    j += 3 + k + 3;
                    n += q.chars().count();
                    continue;
                }
            }
        }
        if !is_han(c) || NOUN_STOP_SET.contains(c) || n >= 10 {
            break;
        }
        if NOUN_STOP2_FIRST.contains(c) && NOUN_STOP2.iter().any(|w| at(s, j, w)) {
            break;
        }
        if ar_digit(c).is_some() || (n > 0 && is_cn_num(c) && cn_digit(c).is_some_and(|d| d > 1)) {
            break;
        }
        j += c.len_utf8();
        n += 1;
    }
    (n >= 1).then_some(end..j)
}

/// Fillers trimmed from the start of a label before a figure (`据悉`, `累计`).
pub(super) static LEAD_FILLERS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words_of(data_file!("figure_noun_words.txt"), "lead"));
/// Fillers trimmed from the end of a label (`达到`, `约`).
pub(super) static TAIL_FILLERS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words_of(data_file!("figure_noun_words.txt"), "tail"));

/// What a figure counts or measures: the noun after a count's measure word
/// (`3个督导组` → `督导组`) or after a threshold (`500万元以上招商项目`),
/// else the nearest noun phrase before it in its clause (`高新区利用内资81.73亿元`
/// → `利用内资`). For a change figure, the label of the amount its base was
/// computed from.
pub fn counted_noun(paragraph: &str, fig: &Figure) -> Option<String> {
    if matches!(fig.kind, Kind::Date | Kind::Time | Kind::Change) {
        return None;
    }
    let base_from = fig
        .change
        .as_ref()
        .and_then(|c| c.base.as_ref())
        .map(|b| b.from.clone());
    if fig.change.is_some() && base_from.is_none() {
        return None;
    }
    if base_from.is_none() {
        let after = fig.noun_after.clone().or_else(|| {
            // a threshold or an amount used attributively: 500万元以上招商项目
            let threshold = fig
                .approx
                .last()
                .is_some_and(|m| m.range.end == fig.range.end && matches!(m.word, "以上" | "以下"));
            if threshold {
                noun_after(paragraph, fig.range.end)
            } else {
                None
            }
        });
        if let Some(r) = after {
            if let Some(n) = paragraph.get(r).and_then(noun_head) {
                return Some(n);
            }
        }
    }
    let start = base_from.map_or(fig.range.start, |r| r.start);
    // the clause before the figure, after the previous figure
    let figs = parse(paragraph);
    let floor = figs
        .iter()
        .filter(|f| f.range.end <= start)
        .map(|f| f.range.end)
        .max()
        .unwrap_or(0);
    let mut j = start;
    while j > floor {
        let Some(c) = ch_before(paragraph, j) else {
            break;
        };
        if !is_han(c) || "，。、；：！？（）“”《》".contains(c) {
            break;
        }
        j -= c.len_utf8();
    }
    label_of(paragraph.get(j..start)?)
}

pub(super) fn noun_tag(tag: &str) -> bool {
    tag.starts_with('n') || matches!(tag, "vn" | "j" | "l" | "b" | "an" | "ng" | "eng")
}

/// The noun phrase at the start of `text` (`两名副区长任副组长` → `副区长`);
/// the first word may be mis-tagged (`处级/v 干部/n`), later ones must be nouns.
pub(super) fn noun_head(text: &str) -> Option<String> {
    let j = crate::core::nlp::jieba();
    let toks = crate::core::nlp::tag(&j, text);
    let mut end = 0;
    let mut quoted = false;
    for (k, t) in toks.iter().enumerate() {
        let tag: &str = t.tag;
        // a quoted term inside the noun (社区“两委”干部) is part of it
        match text.get(t.range.clone()) {
            Some("“") if k > 0 => {
                quoted = true;
                continue;
            }
            Some("”") if quoted => {
                quoted = false;
                continue;
            }
            _ if quoted => continue,
            _ => {}
        }
        let ok = noun_tag(tag)
            || (k == 0 && !matches!(tag, "p" | "c" | "r" | "u" | "d" | "m" | "q" | "x"));
        if !ok {
            break;
        }
        end = t.range.end;
    }
    let head = text.get(..end)?;
    (head.chars().count() >= 2).then(|| head.to_string())
}

/// Verbs that end a clause before a count of events (`共组织5次`, `举办3期`).
pub(super) static EVENT_VERBS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words_of(data_file!("figure_noun_words.txt"), "event"));
/// Economic nouns jieba tags as verbs (`增速`, `投资`).
pub(super) static VERB_NOUNS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words_of(data_file!("figure_noun_words.txt"), "verb-noun"));

/// Suffixes of places and organizations that open a clause as its subject.
pub(super) static SUBJECT_SUFFIXES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words_of(data_file!("figure_noun_words.txt"), "subject"));

pub(super) fn label_of(clause: &str) -> Option<String> {
    let j = crate::core::nlp::jieba();
    let toks = crate::core::nlp::tag(&j, clause);
    // drop the subject (a place or organization), connectives and time words
    let mut cut = 0;
    for (k, tok) in toks.iter().enumerate() {
        if k + 1 >= toks.len() {
            break;
        }
        let w = clause.get(tok.range.clone()).unwrap_or("");
        let tag: &str = tok.tag;
        let subject = matches!(
            tag,
            "ns" | "nt" | "nr" | "r" | "c" | "t" | "d" | "p" | "m" | "q" | "f"
        ) || LEAD_FILLERS.contains(&w)
            || (w.chars().count() >= 2 && SUBJECT_SUFFIXES.iter().any(|x| w.ends_with(x)));
        let rest = clause.len() - toks[k + 1].range.start;
        if subject && rest >= 6 {
            cut = toks[k + 1].range.start;
        } else {
            break;
        }
    }
    let mut t = clause.get(cut..).unwrap_or(clause);
    loop {
        let before_len = t.len();
        for f in LEAD_FILLERS.iter() {
            if let Some(r) = t.strip_prefix(f) {
                t = r;
            }
        }
        for f in TAIL_FILLERS.iter() {
            if let Some(r) = t.strip_suffix(f) {
                t = r;
            }
        }
        if t.len() == before_len {
            break;
        }
    }
    // a long phrase: its head noun after the last 的 (制约发展的突出问题 → 突出问题)
    if t.chars().count() > 8 {
        if let Some(k) = t.rfind('的') {
            let head = t.get(k + '的'.len_utf8()..).unwrap_or("");
            if head.chars().count() >= 2 {
                t = head;
            }
        }
    }
    // a label must end in a noun, not a verb or function word (为期, 先后, 共组织)
    let toks = crate::core::nlp::tag(&j, t);
    let last = toks.last()?;
    let last_word = t.get(last.range.clone()).unwrap_or("");
    let tag: &str = last.tag;
    let function_word = matches!(
        tag,
        "d" | "p" | "c" | "r" | "q" | "m" | "f" | "y" | "t" | "vd"
    ) || tag.starts_with('u');
    let verb = tag.starts_with('v') && tag != "vn";
    let bare_verb = verb && (toks.len() == 1 || EVENT_VERBS.contains(&last_word));
    let known_noun = VERB_NOUNS.iter().any(|w| t.ends_with(w));
    if !known_noun && (function_word || bare_verb) {
        return None;
    }
    let n = t.chars().count();
    if (2..=12).contains(&n) {
        Some(t.to_string())
    } else if n > 12 {
        // the last words that fit
        let start = toks
            .iter()
            .map(|x| x.range.start)
            .find(|&st| t.get(st..).is_some_and(|r| r.chars().count() <= 12))?;
        t.get(start..).map(str::to_string)
    } else {
        None
    }
}
