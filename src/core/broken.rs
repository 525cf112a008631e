//! Does one block's text run on into the next (a paragraph broken
//! mid-sentence by copy-paste)? Used by the outline (a fragment is not a
//! subheading) and by the broken-paragraph rule.

use super::chars::{is_han, is_sentence_final};
use super::nlp;

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

#[cfg(test)]
mod tests {
    use super::*;

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
