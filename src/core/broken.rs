//! Does one block's text run on into the next (a paragraph broken
//! mid-sentence by copy-paste)? Used by the outline (a fragment is not a
//! subheading) and by the broken-paragraph rule.

use super::chars::{is_han, is_sentence_final, FxHashMap};
use super::data::{self, data_file};
use super::nlp;
use std::sync::LazyLock;

/// Words that never end a sentence: prepositions, conjunctions, structural particles.
const NEVER_LAST: &[char] = &[
    '的', '地', '得', '和', '与', '及', '在', '对', '把', '被', '将', '从', '向', '为', '第', '、',
    '，', ',', '或', '而', '以', '并', '使', '让', '给', '于', '由', '是', '等',
];
/// Characters that never start a paragraph.
const NEVER_FIRST: &[char] = &[
    '，', '。', '、', '；', '：', '）', '》', '”', '的', '地', '得', '了', '着', '过', '吗', '呢',
    ',',
];

/// The text of `prev` does not end a sentence and continues in `next`:
/// a word is split across the two, or the junction is grammatically open.
pub fn runs_on(prev: &str, next: &str) -> bool {
    let p = prev.trim_end();
    let n = next.trim_start();
    let (Some(last), Some(first)) = (p.chars().next_back(), n.chars().next()) else {
        return false;
    };
    if is_sentence_final(last) || super::chars::is_closing(last) {
        return false;
    }
    if NEVER_FIRST.contains(&first) {
        return true;
    }
    if NEVER_LAST.contains(&last) && is_han(first) {
        return true;
    }
    split_word(p, n)
}

/// Segment the junction; true when a dictionary word of two or more
/// characters spans it (`推进过` + `程中` → `过程`).
pub fn split_word(prev: &str, next: &str) -> bool {
    // the outline and `para-broken` ask about the same junctions on every
    // keystroke: remember the answers (per thread, bounded)
    thread_local! {
        static MEMO: std::cell::RefCell<FxHashMap<Junction, bool>> =
            std::cell::RefCell::new(FxHashMap::default());
    }
    let key = Junction::of(prev, next);
    if let Some(v) = MEMO.with(|m| m.borrow().get(&key).copied()) {
        return v;
    }
    let v = split_word_uncached(prev, next);
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= 4096 {
            m.clear();
        }
        m.insert(key, v);
    });
    v
}

/// What [`split_word`] looks at: the last four chars of the text before the
/// junction (last first) and the first four after it. A memo key built
/// without allocating; the counts tell the `'\0'` padding from a NUL in the
/// text.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Junction {
    tail: [char; 4],
    tail_len: u8,
    head: [char; 4],
    head_len: u8,
}

impl Junction {
    fn of(prev: &str, next: &str) -> Junction {
        let mut j = Junction {
            tail: ['\0'; 4],
            tail_len: 0,
            head: ['\0'; 4],
            head_len: 0,
        };
        for (slot, c) in j.tail.iter_mut().zip(prev.chars().rev()) {
            *slot = c;
            j.tail_len += 1;
        }
        for (slot, c) in j.head.iter_mut().zip(next.chars()) {
            *slot = c;
            j.head_len += 1;
        }
        j
    }
}

fn split_word_uncached(prev: &str, next: &str) -> bool {
    let tail: String = {
        let v: Vec<char> = prev.chars().rev().take(4).collect();
        v.into_iter().rev().collect()
    };
    let head: String = next.chars().take(4).collect();
    if !tail.chars().next_back().is_some_and(is_han) || !head.chars().next().is_some_and(is_han) {
        return false;
    }
    let joined = nlp::to_simplified(&format!("{tail}{head}"));
    let cut = tail.len();
    let j = nlp::jieba();
    j.cut(&joined, false).iter().any(|t| {
        t.byte_start < cut && t.byte_end > cut && t.word.chars().count() >= 2 && j.has_word(t.word)
    })
}

/// Words that open a new paragraph of a news report (`据了解，`, `此外，`).
static OPENERS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| data::entries(data_file!("broken_openers.txt")).collect());

/// Does `next` read like the start of a new paragraph: an opening phrase
/// followed by a comma, or a date (`11月1日，`, `2018年`)?
pub fn opens_paragraph(next: &str) -> bool {
    let n = next.trim_start_matches([' ', '\t', '\u{3000}']);
    let comma = |rest: &str| rest.starts_with(['，', ',', '：', ':']);
    if OPENERS.iter().any(|o| n.strip_prefix(o).is_some_and(comma)) {
        return true;
    }
    // a date at the start: 11月1日 / 2018年 / 10月28日至
    let digits = n.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let rest = &n[digits..];
        return rest.starts_with('月') || rest.starts_with('年') && digits == 4;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_openers() {
        assert!(opens_paragraph("据介绍，11月中旬，市南区将召开座谈会。"));
        assert!(opens_paragraph("11月1日，市南区召开座谈会。"));
        assert!(opens_paragraph("2018年，全区新增项目106个。"));
        assert!(!opens_paragraph("问题，进一步确立了推进重点工作的新思路。"));
        assert!(!opens_paragraph("优势产业提质升级，推动新兴产业加速崛起。"));
        assert!(!opens_paragraph("12条问题，进一步确立了新思路。"));
    }

    #[test]
    fn split_words() {
        assert!(runs_on(
            "此外,在解放思想大讨论的推进过",
            "程中,红岛经济区不断加强理论学习。"
        ));
        assert!(runs_on("推动建议在基层一线收集、问题在第", "一时间解决。"));
        assert!(runs_on(
            "总结归纳出在解放思想上的不足,提出",
            "，扎实工作举措"
        ));
    }

    #[test]
    fn headings_do_not_run_on() {
        assert!(!runs_on(
            "外出取经,责任担当",
            "10月28日至11月3日,市南区与中山大学合作举办培训班。"
        ));
        assert!(!runs_on(
            "传达落实:确保工作传达快、推进实",
            "红岛经济区(高新区)高度重视解放思想大讨论工作"
        ));
        assert!(!runs_on("工作取得实效。", "程序"));
    }
}
