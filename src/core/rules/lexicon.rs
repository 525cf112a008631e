//! Word lists matched on jieba word boundaries, shared by the word-level
//! rules (`words.rs`) and the term rules (`terms.rs`).
//!
//! A list is matched in one pass over the (simplified) paragraph: a bitset of
//! first characters rejects almost every position at once, and a map from the
//! first character to the entries starting with it (longest first) does the
//! rest. Segmentation is asked for only when a character sequence matched.
//!
//! A raw character match is a finding only if it is a word of the sentence:
//! its start and its end must not cut through a dictionary word that jieba
//! found there (`按装修标准` holds `按装` but cuts `装修`; `涉嫌犯罪` holds `嫌犯`
//! but cuts `涉嫌`). A wrong form is often not a jieba word, so jieba may split
//! it into pieces, or glue a piece to a neighbour with its HMM into a word of
//! no dictionary: such pieces do not block the match; dictionary words and
//! HMM-guessed names do.

use crate::core::chars::FxHashMap as HashMap;
use std::ops::Range;

use jieba_rs::Jieba;

use super::ParaCtx;
use crate::core::nlp::{self, Token};

/// Conditions under which a match is not an error, from a data file's flags
/// column: `+X` (X follows the match), `-X` (X precedes it), `…X` (X follows
/// later in the same sentence).
#[derive(Debug, Default, Clone)]
pub struct Guards {
    after: Vec<Box<str>>,
    before: Vec<Box<str>>,
    later: Vec<Box<str>>,
}

impl Guards {
    /// Parse the comma-separated flags; returns the guards and the other flags.
    pub fn parse(flags: &str) -> (Guards, Vec<&str>) {
        let mut g = Guards::default();
        let mut rest = Vec::new();
        for f in flags.split(',').map(str::trim).filter(|f| !f.is_empty()) {
            if let Some(x) = f.strip_prefix('+') {
                g.after.push(x.into());
            } else if let Some(x) = f.strip_prefix('…') {
                g.later.push(x.into());
            } else if let Some(x) = f.strip_prefix('-').filter(|x| !x.is_empty()) {
                g.before.push(x.into());
            } else {
                rest.push(f);
            }
        }
        (g, rest)
    }

    /// Does a guard excuse the match at `r` of `s`?
    pub fn excuses(&self, s: &str, r: &Range<usize>) -> bool {
        let after = s.get(r.end..).unwrap_or("");
        let before = s.get(..r.start).unwrap_or("");
        if self.after.iter().any(|x| after.starts_with(&**x)) {
            return true;
        }
        if self.before.iter().any(|x| before.ends_with(&**x)) {
            return true;
        }
        if !self.later.is_empty() {
            let end = after
                .find(['。', '！', '？', '；', '!', '?', ';', '\n'])
                .unwrap_or(after.len());
            let sentence = &after[..end];
            if self.later.iter().any(|x| sentence.contains(&**x)) {
                return true;
            }
        }
        false
    }
}

/// A set of strings matched in one pass.
pub struct Lexicon {
    pub(crate) words: Vec<Box<str>>,
    /// Entry indices by first character, longest word first.
    by_first: HashMap<char, Vec<u32>>,
    /// Bitset over the BMP of the first characters.
    first_bits: Vec<u64>,
    /// Bitset over the BMP of the one-character words.
    single_bits: Vec<u64>,
    /// Bitset over a hash of the first two characters.
    pair_bits: Vec<u64>,
}

fn bit_set(bits: &mut [u64], n: u32) {
    if let Some(w) = bits.get_mut((n >> 6) as usize) {
        *w |= 1 << (n & 63);
    }
}

fn bit_test(bits: &[u64], n: u32) -> bool {
    bits.get((n >> 6) as usize)
        .is_some_and(|w| w & (1 << (n & 63)) != 0)
}

fn pair_hash(a: char, b: char) -> u32 {
    ((a as u32).wrapping_mul(0x9E37_79B1) ^ (b as u32)).wrapping_mul(0x85EB_CA6B) >> 16
}

impl Lexicon {
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Lexicon {
        let words: Vec<Box<str>> = words.into_iter().map(Into::into).collect();
        let mut by_first: HashMap<char, Vec<u32>> = HashMap::default();
        let mut first_bits = vec![0u64; 1024];
        let mut single_bits = vec![0u64; 1024];
        let mut pair_bits = vec![0u64; 1024];
        for (i, w) in words.iter().enumerate() {
            let mut cs = w.chars();
            if let Some(c) = cs.next() {
                by_first.entry(c).or_default().push(i as u32);
                let n = c as u32;
                if n > 0xFFFF {
                    // outside the BMP: no filtering for this first character
                    bit_set(&mut single_bits, 0);
                    continue;
                }
                bit_set(&mut first_bits, n);
                match cs.next() {
                    Some(c2) => bit_set(&mut pair_bits, pair_hash(c, c2)),
                    None => bit_set(&mut single_bits, n),
                }
            }
        }
        for v in by_first.values_mut() {
            v.sort_by_key(|&i| std::cmp::Reverse(words[i as usize].len()));
        }
        Lexicon {
            words,
            by_first,
            first_bits,
            single_bits,
            pair_bits,
        }
    }

    pub fn word(&self, i: usize) -> &str {
        self.words.get(i).map(|w| &**w).unwrap_or("")
    }

    /// Every occurrence as (byte range, entry index), by start, longest first.
    pub fn find_all(&self, s: &str) -> Vec<(Range<usize>, usize)> {
        let mut out = Vec::new();
        let astral = bit_test(&self.single_bits, 0);
        let mut it = s.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            let n = c as u32;
            if n < 0x80 {
                continue;
            }
            if n <= 0xFFFF {
                if !bit_test(&self.first_bits, n) {
                    continue;
                }
                if !bit_test(&self.single_bits, n) {
                    let Some(&(_, c2)) = it.peek() else {
                        continue;
                    };
                    if !bit_test(&self.pair_bits, pair_hash(c, c2)) {
                        continue;
                    }
                }
            } else if !astral {
                continue;
            }
            let Some(cands) = self.by_first.get(&c) else {
                continue;
            };
            let rest = &s[i..];
            for &k in cands {
                let w = &self.words[k as usize];
                if rest.starts_with(&**w) {
                    out.push((i..i + w.len(), k as usize));
                }
            }
        }
        out
    }
}

/// The token that runs across byte `at` (starts before it, ends after it).
fn crossing(toks: &[Token], at: usize) -> Option<&Token> {
    let i = toks.partition_point(|t| t.range.end <= at);
    toks.get(i)
        .filter(|t| t.range.start < at && at < t.range.end)
}

/// Does a token that runs across a match's edge forbid the match? A
/// dictionary word (or a user word) does; so does, with `names`, a name that
/// jieba's HMM guessed (`时侯勇说`: is `时侯` a typo or `侯勇` a name?).
fn blocks(ctx: &ParaCtx, jieba: &Jieba, t: &Token, names: bool) -> bool {
    let w = ctx.word(t);
    let name = names && (t.tag.starts_with("nr") || t.tag.starts_with("ns"));
    name || jieba.has_word(w) || ctx.config.is_user_word(w)
}

/// Is the match at `r` a word of the sentence (both ends on boundaries)?
/// Guessed names block only short matches: a name does not cut through a
/// four-character idiom (`忧心仲仲是` is tagged as if `仲仲是` were a name).
pub fn is_word_at(ctx: &ParaCtx, jieba: &Jieba, r: &Range<usize>) -> bool {
    let names = r.len() <= 6;
    let toks = ctx.tokens();
    let cut = |at| crossing(toks, at).is_some_and(|t| blocks(ctx, jieba, t, names));
    !cut(r.start) && !cut(r.end)
}

/// Like [`is_word_at`], but a term may begin or end with a word that jieba
/// glued to a neighbour (`市人大/常委`, `北/朝鲜外务省`): an edge may cut a
/// token whose part inside the match is a dictionary word of two or more
/// characters that does not cover the whole match (`黑瞎子` still protects
/// `瞎子`, `涉嫌` still protects `嫌犯`, `回/教室` still protects `回教`).
pub fn is_term_at(ctx: &ParaCtx, jieba: &Jieba, r: &Range<usize>) -> bool {
    let names = r.len() <= 6;
    let toks = ctx.tokens();
    let glued = |inside: Range<usize>| {
        let part = match_text(ctx).get(inside.clone()).unwrap_or("");
        inside != *r && part.chars().count() >= 2 && jieba.has_word(part)
    };
    let start_ok = match crossing(toks, r.start) {
        Some(t) if blocks(ctx, jieba, t, names) => glued(r.start..t.range.end.min(r.end)),
        _ => true,
    };
    let end_ok = match crossing(toks, r.end) {
        Some(t) if blocks(ctx, jieba, t, names) => glued(t.range.start.max(r.start)..r.end),
        _ => true,
    };
    start_ok && end_ok
}

/// May a pattern's tail (after a gap) start at `r.start`? Yes on a boundary,
/// and also inside a dictionary word that ends with the tail (`截至/目前为止`).
pub fn tail_ok(ctx: &ParaCtx, jieba: &Jieba, r: &Range<usize>) -> bool {
    let toks = ctx.tokens();
    if crossing(toks, r.end).is_some_and(|t| blocks(ctx, jieba, t, true)) {
        return false;
    }
    match crossing(toks, r.start) {
        Some(t) => t.range.end == r.end || !blocks(ctx, jieba, t, true),
        None => true,
    }
}

/// Could the simplifier change anything in `s`?
pub(crate) fn may_change(s: &str) -> bool {
    nlp::may_change(s)
}

/// The paragraph text the word lists are matched on: the simplified text, or
/// (the same thing, without converting) the masked text when nothing in it
/// is traditional.
pub fn match_text<'a>(ctx: &'a ParaCtx) -> &'a str {
    if ctx.may_change() {
        ctx.simplified()
    } else {
        ctx.masked
    }
}

/// The word lists of the word-level rules, matched together in one pass
/// over a paragraph (the results are kept in the paragraph's context).
#[derive(Clone, Copy)]
pub enum List {
    Confused = 0,
    Redundant = 1,
    Terms = 2,
}

/// Matches of one list: (byte range, entry index), by start, longest first.
pub type Hits = Vec<(Range<usize>, usize)>;

/// The matches of every [`List`] in one paragraph.
#[derive(Default)]
pub struct ParaHits([Hits; 3]);

/// One lexicon of all lists' words, and for each of its entries the list and
/// the entry index there.
struct Combined {
    lex: Lexicon,
    owner: Vec<(usize, usize)>,
}

static COMBINED: std::sync::LazyLock<Combined> = std::sync::LazyLock::new(|| {
    let lists: [&Lexicon; 3] = [
        &super::words::CONFUSED.lex,
        &super::words::REDUNDANT.lex,
        &super::terms::TERMS.lex,
    ];
    let mut words = Vec::new();
    let mut owner = Vec::new();
    for (l, lex) in lists.iter().enumerate() {
        for (i, w) in lex.words.iter().enumerate() {
            words.push(&**w);
            owner.push((l, i));
        }
    }
    Combined {
        lex: Lexicon::new(words),
        owner,
    }
});

/// The matches of `list` in the paragraph: in the simplified text, and, where
/// it differs, in the text as written too (a wrong form may hold a character
/// that the simplifier maps onto the right one: `薰陶` becomes `熏陶`).
/// Sorted by start, longest first; no duplicates. All lists are matched on
/// the first call for a paragraph.
pub fn list_hits<'c>(ctx: &'c ParaCtx, list: List) -> &'c [(Range<usize>, usize)] {
    let all = ctx.lexicon_hits.get_or_init(|| {
        let c = &*COMBINED;
        let s = match_text(ctx);
        let mut out = ParaHits::default();
        let mut split = |found: Hits| {
            for (r, k) in found {
                if let Some(&(l, i)) = c.owner.get(k) {
                    out.0[l].push((r, i));
                }
            }
        };
        split(c.lex.find_all(s));
        if s != ctx.masked {
            split(c.lex.find_all(ctx.masked));
            for hits in &mut out.0 {
                hits.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
                hits.dedup();
            }
        }
        out
    });
    &all.0[list as usize]
}

/// Common single-character surnames: a two-character match right after one
/// of them, standing alone as a token, may be a given name (`张宏扬`).
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";

/// Does a two-character match at `start` follow a lone surname token?
pub fn after_surname(ctx: &ParaCtx, start: usize) -> bool {
    let toks = ctx.tokens();
    let i = toks.partition_point(|t| t.range.end <= start);
    let Some(prev) = i.checked_sub(1).and_then(|j| toks.get(j)) else {
        return false;
    };
    if prev.range.end != start {
        return false;
    }
    let w = ctx.word(prev);
    let mut cs = w.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if SURNAMES.contains(c))
}

/// Split a data file into its non-comment, non-empty lines' tab fields.
pub fn data_lines(src: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    src.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_character_words_and_pairs() {
        let lex = Lexicon::new(["据", "按步就班"]);
        let n = |s: &str| lex.find_all(s).len();
        assert_eq!(n("据了解，他按步就班。"), 2);
        assert_eq!(n("按部就班"), 0);
        assert_eq!(n("按"), 0);
    }

    #[test]
    fn finds_longest_first_at_each_start() {
        let lex = Lexicon::new(["截止", "截止目前", "目前"]);
        let hits = lex.find_all("截止目前，共有");
        let words: Vec<&str> = hits.iter().map(|(_, i)| lex.word(*i)).collect();
        assert_eq!(words, ["截止目前", "截止", "目前"]);
    }

    #[test]
    fn traditional_characters_are_known() {
        assert!(may_change("這項工作"));
        assert!(may_change("他們憑藉"));
        assert!(!may_change("这项工作按部就班推进，GDP增长7.8%。"));
    }

    #[test]
    fn guards() {
        let (g, rest) = Guards::parse("dict,+得,…又,-大学生");
        assert_eq!(rest, ["dict"]);
        let s = "既使得企业受益";
        assert!(g.excuses(s, &(0..6)));
        let s = "既使企业受益，又使群众满意。";
        assert!(g.excuses(s, &(0..6)));
        let s = "既使困难再大。又来了";
        assert!(!g.excuses(s, &(0..6)));
        let s = "大学生村官";
        assert!(g.excuses(s, &(9..15)));
    }
}
