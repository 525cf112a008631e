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

/// Do `prev` and `next` stand as lines of their own, whatever the junction
/// looks like: a line of verse or a couplet followed by the next
/// (`青山绿水绕村庄，` / `稻花香里说丰年。`), a short line without any
/// punctuation (a subheading, a name, a signature, the `此致` of a letter's
/// `此致` / `敬礼`), a chapter heading (`第二章　风雨同舟`) or a date line
/// (`2023年5月12日`) after it. A paragraph broken by copy-paste has a longer
/// first part, with its commas, before the break.
pub fn stand_alone_lines(prev: &str, next: &str) -> bool {
    let p = prev.trim();
    let n = next.trim();
    // the marks between clauses (quotes, book-title marks and the colon of
    // `线路一：冰雪运动之旅` may stand in a heading)
    let clause_mark =
        |c: char| matches!(c, '，' | ',' | '。' | '、' | '；' | ';' | '！' | '？' | '…');
    let count = |s: &str| s.chars().count();
    // a short line without clause marks: a heading, a name, a signature
    if count(p) <= 15 && !p.chars().any(clause_mark) {
        return true;
    }
    // a line of verse, and the next line as short (`她说，天黑得早，`)
    if count(p) <= 16 && count(n) <= 16 && p.ends_with(clause_mark) {
        return true;
    }
    chapter_heading(n) || date_line(n)
}

/// `第二章`, `第十一回　…`, `第3节`: a chapter or section heading.
fn chapter_heading(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('第') else {
        return false;
    };
    let num = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || "〇零一二三四五六七八九十百千两".contains(*c))
        .count();
    let mut after = rest.chars().skip(num);
    num > 0
        && num <= 4
        && after
            .next()
            .is_some_and(|c| "章节回部篇卷集幕讲课单元".contains(c))
}

/// A line that is only a date (`2023年5月12日`, `二〇二三年九月一日`).
fn date_line(s: &str) -> bool {
    let n = s.chars().count();
    (6..=12).contains(&n)
        && s.ends_with('日')
        && s.contains('年')
        && s.contains('月')
        && s.chars()
            .all(|c| c.is_ascii_digit() || "〇零一二三四五六七八九十年月日".contains(c))
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
    fn lines_that_stand_alone() {
        // verse, a couplet
        assert!(stand_alone_lines("青山绿水绕村庄，", "稻花香里说丰年。"));
        assert!(stand_alone_lines("春风又绿江南岸，", "明月何时照我还？"));
        assert!(stand_alone_lines("我爱这土地，", "爱得深沉。"));
        assert!(stand_alone_lines("她说，天黑得早，", "路上要小心。"));
        assert!(stand_alone_lines(
            "歌唱昨天，歌唱今天，",
            "歌唱美好的明天。"
        ));
        // subheadings with quotes or a colon
        assert!(stand_alone_lines(
            "“新三样”出口表现亮眼",
            "今年前三季度，电动汽车、锂电池、光伏产品合计出口增长。"
        ));
        assert!(stand_alone_lines(
            "线路一：冰雪运动之旅",
            "行程：第一天抵达滑雪场，体验初级雪道。"
        ));
        // a letter's closing, a signature and its date
        assert!(stand_alone_lines("此致", "敬礼！"));
        assert!(stand_alone_lines("某某县教育局", "二〇二三年九月一日"));
        assert!(stand_alone_lines(
            "中共某某市委宣传部　某某市文化和旅游局联合主办单位",
            "2023年5月12日"
        ));
        // a chapter heading
        assert!(stand_alone_lines(
            "那年秋天，他背着行囊来到江城，在一家小工厂当学徒，日子虽苦却很充实，那是他人生中的第一个转折的年份和一个新的层次",
            "第二章　风雨同舟"
        ));
        assert!(stand_alone_lines("全书分为上下两册，共二十个", "第3节"));
        // broken paragraphs do not stand alone
        assert!(!stand_alone_lines(
            "此外，在城市更新行动的推进过",
            "程中，某区不断完善居民议事机制，推动问题就地解决。"
        ));
        assert!(!stand_alone_lines(
            "社区网格员每天入户走访，确保群众反映的问题在第",
            "一时间得到回应。"
        ));
        assert!(!stand_alone_lines(
            "今年以来，某区认真贯彻落实市委部署，扎实推进各项工作，在提升服务水平、",
            "优化营商环境等方面取得明显成效。"
        ));
        assert!(!stand_alone_lines(
            "会议强调，",
            "要抓好各项工作的落实，确保取得实效。"
        ));
        assert!(!chapter_heading("第一时间赶到现场。"));
        assert!(!chapter_heading("第二季度，全区完成投资。"));
        assert!(!date_line("2023年5月12日，会议召开"));
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
