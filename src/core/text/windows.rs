//! Very long paragraphs in windows.
//!
//! Text pasted from a PDF or a web page often arrives without line breaks:
//! one "paragraph" of a megabyte. Rules see one paragraph at a time, and
//! every keystroke re-analyses the paragraph it falls in, so such a block is
//! cut into windows of a few kilobytes, each analysed (and cached) as a
//! paragraph of its own. A window after the first is marked
//! [`Block::continues`]: the outline reads it as body text of the paragraph
//! it continues.
//!
//! Cuts fall only after a sentence end (`。！？`) with no bracket, quote or
//! code span open (one open for over 2 KB is taken for a stray mark), so
//! each window holds whole sentences, as the same text
//! with line breaks would. Which sentence ends are cut is decided by the
//! sentence's own last bytes (content-defined, as in rsync's chunking), not
//! by counting from the paragraph's start: an edit moves at most the cuts
//! next to it, and the windows after it keep their text and their cache.
//!
//! What changes against one unbroken paragraph: a rule about the paragraph
//! as a whole sees a window (`para-broken` and the outline's shape of the
//! block); the figures, names and marks of one sentence are never split.

use super::{Block, BlockKind};

/// Paragraphs longer than this are cut into windows.
pub const LONG: usize = 16 * 1024;
/// No window is shorter than this (but the last).
const MIN: usize = 4 * 1024;
/// From this length on, any sentence end at depth 0 is a cut.
const MAX: usize = 32 * 1024;
/// From this length on, any sentence end is a cut, even inside a quote or
/// bracket that never closes (a stray opening mark must not leave the rest
/// of a huge paragraph whole).
const FORCE: usize = 4 * MAX;
/// A quote or bracket open for longer than this is taken for a stray mark.
const STRAY: usize = 2048;
/// One sentence end in this many (by its last bytes) is a cut, once the
/// window is [`MIN`] long.
const ONE_IN: u64 = 4;

/// `blocks` with every paragraph longer than [`LONG`] cut into windows.
pub(super) fn split_long(text: &str, blocks: Vec<Block>) -> Vec<Block> {
    if !blocks.iter().any(is_long) {
        return blocks;
    }
    let mut out = Vec::with_capacity(blocks.len() + 16);
    for b in blocks {
        let Some(s) = text.get(b.range.clone()).filter(|_| is_long(&b)) else {
            out.push(b);
            continue;
        };
        let (mut start, mut line) = (0, b.line);
        for end in cuts(s).into_iter().chain([s.len()]) {
            out.push(Block {
                range: b.range.start + start..b.range.start + end,
                kind: b.kind,
                prefix: if start == 0 { b.prefix } else { 0 },
                line,
                continues: start > 0,
            });
            line += s
                .get(start..end)
                .map_or(0, |w| memchr::memchr_iter(b'\n', w.as_bytes()).count());
            start = end;
        }
    }
    out
}

fn is_long(b: &Block) -> bool {
    b.kind == BlockKind::Para && b.range.len() > LONG
}

/// The byte offsets in `s` after which a window ends (none at `s.len()`).
fn cuts(s: &str) -> Vec<usize> {
    let mut out = Vec::new();
    // where the marks still open were opened (innermost last), whether a
    // code span is open, and the last cut
    let (mut open, mut code, mut last) = (Vec::<usize>::new(), false, 0usize);
    for (i, c) in s.char_indices() {
        match c {
            '“' | '‘' | '（' | '(' | '《' | '〈' | '「' | '『' | '【' | '〔' | '[' => {
                open.push(i)
            }
            '”' | '’' | '）' | ')' | '》' | '〉' | '」' | '』' | '】' | '〕' | ']' => {
                open.pop();
            }
            '`' => code = !code,
            '。' | '！' | '？' => {
                // a mark open for longer than STRAY bytes is a stray one
                // (pasted text often holds a few): it holds no cut back
                let fresh = open.partition_point(|&at| i - at > STRAY);
                open.drain(..fresh);
                let end = i + c.len_utf8();
                let len = end - last;
                let cut = if !open.is_empty() || code {
                    len >= FORCE
                } else {
                    len >= MAX || (len >= MIN && chosen(&s.as_bytes()[..end]))
                };
                // (the rest must be worth a window of its own)
                if cut && s.len() - end >= MIN {
                    out.push(end);
                    last = end;
                    (code, open) = (false, Vec::new());
                }
            }
            _ => {}
        }
    }
    out
}

/// Is the sentence end at the end of `b` one of the cuts? Decided by its
/// last 16 bytes only (FNV-1a).
fn chosen(b: &[u8]) -> bool {
    let tail = &b[b.len().saturating_sub(16)..];
    let h = tail.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &x| {
        (h ^ u64::from(x)).wrapping_mul(0x0100_0000_01b3)
    });
    (h >> 32) % ONE_IN == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::{blocks, DocKind};

    /// A long paragraph of varied sentences, some with quotes and brackets.
    fn long_para(sentences: usize) -> String {
        let mut s = String::new();
        for k in 0..sentences {
            match k % 5 {
                0 => s.push_str(&format!("第{k}项工作按计划推进，全年完成投资{k}亿元。")),
                1 => s.push_str(&format!("他说：“今年的任务是第{k}项，要抓紧落实。”")),
                2 => s.push_str(&format!("会议（第{k}次）强调，要坚持稳中求进。")),
                3 => s.push_str(&format!("有没有第{k}种办法？")),
                _ => s.push_str(&format!("《第{k}号通知》印发了！")),
            }
        }
        s
    }

    #[test]
    fn a_long_paragraph_is_cut_at_sentence_ends_outside_quotes() {
        let text = format!("标题\n{}\n最后一段。", long_para(3000));
        let bs = blocks(&text, DocKind::Plain);
        assert!(bs.len() > 10, "{}", bs.len());
        assert_eq!(&text[bs[0].range.clone()], "标题");
        assert_eq!(&text[bs[bs.len() - 1].range.clone()], "最后一段。");
        let windows = &bs[1..bs.len() - 1];
        assert!(!windows[0].continues);
        for (k, w) in windows.iter().enumerate() {
            let t = &text[w.range.clone()];
            assert_eq!(w.continues, k > 0);
            assert_eq!(w.line, 1);
            assert!(t.len() >= MIN && t.len() <= MAX + 200, "{}", t.len());
            assert!(t.ends_with(['。', '！', '？']), "{}", &t[t.len() - 12..]);
            // never inside a quote or a bracket
            assert_eq!(t.matches('“').count(), t.matches('”').count());
            assert_eq!(t.matches('（').count(), t.matches('）').count());
        }
        // the windows tile the paragraph
        for p in windows.windows(2) {
            assert_eq!(p[0].range.end, p[1].range.start);
        }
    }

    #[test]
    fn an_edit_moves_only_the_cuts_near_it() {
        let para = long_para(6000);
        let cuts_before = cuts(&para);
        // an edit a third of the way in
        let third = (para.len() / 3..)
            .find(|&i| para.is_char_boundary(i))
            .unwrap_or(0);
        let at = para[third..]
            .find('。')
            .map_or(0, |i| third + i + '。'.len_utf8());
        let edited = format!("{}新增一句话，内容较长。{}", &para[..at], &para[at..]);
        let shift = edited.len() - para.len();
        let cuts_after = cuts(&edited);
        // cuts well after the edit are the same, shifted by its length
        let before: Vec<usize> = cuts_before
            .iter()
            .filter(|c| **c > at + 2 * MAX)
            .map(|c| c + shift)
            .collect();
        let after: Vec<usize> = cuts_after
            .iter()
            .copied()
            .filter(|c| *c > at + 2 * MAX + shift)
            .collect();
        assert!(before.len() > 10, "{}", before.len());
        assert_eq!(after, before);
        // and the cuts before it did not move
        let near: Vec<usize> = cuts_before.iter().copied().filter(|c| *c < at).collect();
        let near_after: Vec<usize> = cuts_after.iter().copied().filter(|c| *c < at).collect();
        assert_eq!(near, near_after);
    }

    #[test]
    fn stray_opening_marks_do_not_hold_cuts_back() {
        // a few stray opening marks early on: windows stay small after them
        let text = format!("“（{}“{}", long_para(200), long_para(12000));
        let c = cuts(&text);
        assert!(c.len() > 50, "{}", c.len());
        assert!(c.windows(2).all(|w| w[1] - w[0] <= MAX + 200));
        // but a quote that is still open nearby does: no cut inside 「…」
        let quoted = format!("{}「{}」{}", long_para(400), long_para(30), long_para(400));
        let q = quoted.find('「').unwrap_or(0);
        let close = quoted.find('」').unwrap_or(0);
        assert!(close - q < STRAY && close > q);
        let c = cuts(&quoted);
        assert!(c.len() > 3);
        assert!(c.iter().all(|&c| c <= q || c > close), "{c:?} {q} {close}");
    }

    #[test]
    fn normal_paragraphs_are_left_whole() {
        let text = format!("{}\n\n{}", long_para(40), long_para(60));
        assert!(text.len() < 2 * LONG);
        let bs = blocks(&text, DocKind::Plain);
        assert_eq!(bs.len(), 2);
        assert!(bs.iter().all(|b| !b.continues));
    }
}
