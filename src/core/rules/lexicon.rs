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
use crate::core::chars::{code3, is_inline_ws};
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
    first_bits: Box<Bits16>,
    /// Bitset over the BMP of the one-character words.
    single_bits: Box<Bits16>,
    /// Bitset over a hash of the first two characters.
    pair_bits: Box<Bits16>,
}

/// A bit per 16-bit number (a BMP code point or a pair hash).
type Bits16 = [u64; 1024];

fn bit_set(bits: &mut Bits16, n: u32) {
    if let Some(w) = bits.get_mut((n >> 6) as usize) {
        *w |= 1 << (n & 63);
    }
}

/// Is bit `n` (below 0x10000) set? (The mask only lets the compiler drop
/// the bounds check.)
#[inline(always)]
fn bit_test(bits: &Bits16, n: u32) -> bool {
    bits[(n >> 6) as usize & 1023] & (1 << (n & 63)) != 0
}

fn pair_hash(a: u32, b: u32) -> u32 {
    (a.wrapping_mul(0x9E37_79B1) ^ b).wrapping_mul(0x85EB_CA6B) >> 16
}

/// The code point of the character at byte `i` of `s` (a char boundary), or
/// `None` at the end. Three-byte characters are read from their bytes.
#[inline(always)]
fn code_at(s: &str, i: usize) -> Option<u32> {
    let b = s.as_bytes();
    match *b.get(i)? {
        x @ 0..=0x7F => Some(x as u32),
        x @ 0xE0..=0xEF => match b.get(i + 1..i + 3)? {
            &[y, z] => Some(code3(x, y, z)),
            _ => None,
        },
        _ => s.get(i..)?.chars().next().map(|c| c as u32),
    }
}

impl Lexicon {
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Lexicon {
        let words: Vec<Box<str>> = words.into_iter().map(Into::into).collect();
        let mut by_first: HashMap<char, Vec<u32>> = HashMap::default();
        let mut first_bits = Box::new([0u64; 1024]);
        let mut single_bits = Box::new([0u64; 1024]);
        let mut pair_bits = Box::new([0u64; 1024]);
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
                    Some(c2) => bit_set(&mut pair_bits, pair_hash(n, c2 as u32)),
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
        self.scan::<false>(s, &mut Census::default())
    }

    /// [`find_all`](Self::find_all), and with `CENSUS` the [`Census`] of `s`
    /// taken in the same walk.
    ///
    /// A byte walk: ASCII is stepped over, a three-byte character (nearly
    /// every other one) is decoded from its bytes and tested against the
    /// first-character bits; only then is the next character read for the
    /// pair filter, and only a position that passes both is looked up.
    // (inlined into its two callers, each of which calls it once per
    // paragraph: as a function of its own it was measured ~10 % slower)
    #[inline(always)]
    fn scan<const CENSUS: bool>(&self, s: &str, census: &mut Census) -> Hits {
        let mut out = Vec::new();
        let astral = bit_test(&self.single_bits, 0);
        let simp_only = super::script::simp_only_bits();
        // the census, in locals (kept in registers): the three previous
        // characters (NUL: none; no Han) and the offsets after the last
        // white space and the last NBSP or U+3000
        let (mut p1, mut p2, mut p3) = (0u32, 0u32, 0u32);
        let (mut ws_end, mut wide_ws_end) = (0, 0);
        let (mut repeats, mut latin, mut de, mut paren) = (false, false, false, false);
        let mut simp = 0u32;
        let b = s.as_bytes();
        // the bytes not yet read (slice patterns: one length check per character)
        let mut rest = b;
        loop {
            let at = b.len() - rest.len();
            let n = match *rest {
                [] => break,
                [x, ref tail @ ..] if x < 0x80 => {
                    rest = tail;
                    if CENSUS {
                        latin |= x.is_ascii_alphabetic();
                        match x {
                            b'(' => paren = true,
                            b' ' | b'\t' => ws_end = at + 1,
                            _ => {}
                        }
                        // (no Han character: no repeat ends here)
                        (p3, p2, p1) = (p2, p1, x as u32);
                    }
                    continue;
                }
                [x @ 0xE0..=0xEF, y, z, ref tail @ ..] => {
                    rest = tail;
                    let n = code3(x, y, z);
                    if CENSUS {
                        simp += bit_test(simp_only, n) as u32;
                    }
                    n
                }
                _ => {
                    let Some(c) = s.get(at..).and_then(|r| r.chars().next()) else {
                        break;
                    };
                    rest = rest.get(c.len_utf8()..).unwrap_or_default();
                    // (`simp_only` holds three-byte characters only)
                    c as u32
                }
            };
            if CENSUS {
                match n {
                    0x7684 => de = true,    // 的
                    0xFF08 => paren = true, // （
                    0x3000 | 0xA0 => {
                        ws_end = b.len() - rest.len();
                        wide_ws_end = ws_end;
                    }
                    _ => {}
                }
                // rarely equal: the Han test only then
                if n == p1 || (n == p2 && p1 == p3) {
                    repeats |= (n == p1 && is_han_code(n))
                        || (p3 == p1 && p2 == n && is_han_code(p3) && is_han_code(p2));
                }
                (p3, p2, p1) = (p2, p1, n);
            }
            if n <= 0xFFFF {
                if !bit_test(&self.first_bits, n) {
                    continue;
                }
                if !bit_test(&self.single_bits, n) {
                    let Some(n2) = code_at(s, b.len() - rest.len()) else {
                        continue;
                    };
                    if !bit_test(&self.pair_bits, pair_hash(n, n2)) {
                        continue;
                    }
                }
            } else if !astral {
                continue;
            }
            let Some(cands) = char::from_u32(n).and_then(|c| self.by_first.get(&c)) else {
                continue;
            };
            let from = s.get(at..).unwrap_or("");
            for &k in cands {
                let w = &self.words[k as usize];
                if from.starts_with(&**w) {
                    out.push((at..at + w.len(), k as usize));
                }
            }
        }
        if CENSUS {
            // white space after the indentation: the last one ends after it
            let indent = s.len() - s.trim_start_matches(is_inline_ws).len();
            *census = Census {
                repeats,
                simp_only: simp,
                latin,
                de,
                paren,
                inner_ws: ws_end > indent,
                wide_ws: wide_ws_end > indent,
            };
        }
        out
    }

    /// The matcher without any filter (every character's entries are
    /// tried), as the reference of the differential tests.
    #[cfg(test)]
    fn find_all_unfiltered(&self, s: &str) -> Vec<(Range<usize>, usize)> {
        let mut out = Vec::new();
        for (i, c) in s.char_indices() {
            for &k in self.by_first.get(&c).map(Vec::as_slice).unwrap_or_default() {
                let w = &self.words[k as usize];
                if s[i..].starts_with(&**w) {
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

/// Facts about a paragraph's masked text that character-level rules test
/// before doing any real work. They are taken in the walk that matches the
/// word lists, which visits every character anyway: one pass instead of one
/// per rule. Each is exactly the test its rule made by itself (see the
/// tests).
#[derive(Default, Debug, Clone, PartialEq)]
pub struct Census {
    /// Some Han character right after itself (`的的`), or two Han characters
    /// right after themselves (`我们我们`): `repeat.rs`.
    pub repeats: bool,
    /// Characters of simplified script only (see `script.rs`).
    pub simp_only: u32,
    /// Any ASCII letter: `latin.rs`.
    pub latin: bool,
    /// Any `的`: `dedi.rs`.
    pub de: bool,
    /// Any opening parenthesis, `(` or `（`: `pinyin.rs`.
    pub paren: bool,
    /// Any white space (space, tab, NBSP, U+3000) after the indentation:
    /// `spacing.rs`.
    pub inner_ws: bool,
    /// Any NBSP or U+3000 after the indentation: `spacing.rs` (without one,
    /// white space is found by a search for space and tab).
    pub wide_ws: bool,
}

/// [`crate::core::chars::is_han`] of a code point.
fn is_han_code(n: u32) -> bool {
    char::from_u32(n).is_some_and(crate::core::chars::is_han)
}

/// The matches of every [`List`] in one paragraph, and the census of its
/// masked text.
#[derive(Default)]
pub struct ParaHits {
    lists: [Hits; 3],
    census: Census,
}

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

/// The paragraph's word list matches and census, made on first use.
fn para_hits<'c>(ctx: &'c ParaCtx) -> &'c ParaHits {
    ctx.lexicon_hits.get_or_init(|| {
        let c = &*COMBINED;
        let s = match_text(ctx);
        let mut out = ParaHits::default();
        let mut split = |found: Hits| {
            for (r, k) in found {
                if let Some(&(l, i)) = c.owner.get(k) {
                    out.lists[l].push((r, i));
                }
            }
        };
        // the masked text is walked in any case (for the census)
        let mut census = Census::default();
        let masked_hits = c.lex.scan::<true>(ctx.masked, &mut census);
        if s != ctx.masked {
            split(c.lex.find_all(s));
            split(masked_hits);
            for hits in &mut out.lists {
                hits.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
                hits.dedup();
            }
        } else {
            split(masked_hits);
        }
        out.census = census;
        out
    })
}

/// The matches of `list` in the paragraph: in the simplified text, and, where
/// it differs, in the text as written too (a wrong form may hold a character
/// that the simplifier maps onto the right one: `薰陶` becomes `熏陶`).
/// Sorted by start, longest first; no duplicates. All lists are matched on
/// the first call for a paragraph.
pub fn list_hits<'c>(ctx: &'c ParaCtx, list: List) -> &'c [(Range<usize>, usize)] {
    &para_hits(ctx).lists[list as usize]
}

/// The census of `s` alone (for tests).
#[cfg(test)]
pub(crate) fn census_of(s: &str) -> Census {
    let mut c = Census::default();
    COMBINED.lex.scan::<true>(s, &mut c);
    c
}

/// The [`Census`] of the paragraph's masked text (taken with the word lists'
/// matches, on the first call for a paragraph).
pub fn census<'c>(ctx: &'c ParaCtx) -> &'c Census {
    &para_hits(ctx).census
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

/// Texts for the differential tests of the rewritten scans: the fixture
/// articles, their paragraphs, and generated paragraphs made of the word
/// lists' entries, fragments of the articles and characters of every UTF-8
/// length and of the classes the rules look for.
#[cfg(test)]
pub(crate) fn sample_texts() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut real = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            if let Ok(t) = std::fs::read_to_string(e.path()) {
                real.push(t);
            }
        }
    }
    real.sort();
    let mut out: Vec<String> = real.clone();
    for t in &real {
        out.extend(t.lines().map(String::from));
    }
    let c = &*COMBINED;
    let mut pieces: Vec<String> = c.lex.words.iter().map(|w| w.to_string()).collect();
    for t in &real {
        let cs: Vec<char> = t.chars().collect();
        pieces.extend(cs.chunks(7).take(400).map(|w| w.iter().collect::<String>()));
    }
    let atoms = [
        "的",
        "的的",
        "地",
        "得",
        "了",
        "在",
        "我们",
        "他们",
        "这",
        "這",
        "這个",
        "們",
        "後",
        "后",
        "乾隆",
        "羅",
        "见习(xí)",
        "实（shí）",
        "(",
        ")",
        "（",
        "）",
        "(GDP)",
        "and",
        "or",
        "the",
        "iPhone",
        "é",
        "ü",
        "Ā",
        "ḿ",
        "\u{a0}",
        "\u{3000}",
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\u{1}",
        "𠮷",
        "𠮷𠮷",
        "\u{7FF}",
        "\u{800}",
        "\u{FFFF}",
        "，",
        "。",
        "；",
        "：",
        "“",
        "”",
        "、",
        "！",
        "？",
        "5G",
        "2023年",
        "PM2.5",
        "a",
        "Z",
        "7",
        "—",
        "…",
        "〇",
        "読",
        "﨑",
        "认真的学习了",
        "跑的很快",
        "截止目前",
        "凯旋而归",
        "维族",
        "按步就班",
        "看看",
        "研究研究",
    ];
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut rnd = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for _ in 0..4000 {
        let mut t = String::new();
        for _ in 0..rnd(40) {
            match rnd(3) {
                0 => t.push_str(&pieces[rnd(pieces.len())]),
                _ => t.push_str(atoms[rnd(atoms.len())]),
            }
        }
        out.push(t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The filtered byte walk finds what trying every character's entries
    /// finds, in the same order, over the combined lexicon and small ones.
    #[test]
    fn find_all_agrees_with_the_unfiltered_walk() {
        let small = Lexicon::new(["据", "按步就班", "𠮷", "𠮷家", "é", "\u{7FF}x", "的的"]);
        let bmp = Lexicon::new(["据", "é", "\u{7FF}", "\u{FFFF}", "實"]);
        let mut hits = 0;
        for t in sample_texts() {
            for lex in [&COMBINED.lex, &small, &bmp] {
                let found = lex.find_all(&t);
                assert_eq!(found, lex.find_all_unfiltered(&t), "{t}");
                hits += found.len();
            }
        }
        assert!(hits > 1000, "{hits}");
    }

    /// Every fact of the census is the test its rule made by itself (the
    /// rules' former code), and the walk that takes it matches as before.
    #[test]
    fn census_agrees_with_the_rules_own_tests() {
        use crate::core::chars::is_han;
        let repeats = |s: &str| {
            let mut prev = ['\0'; 3];
            s.chars().any(|c| {
                let [p3, p2, p1] = prev;
                prev = [p2, p1, c];
                (p1 == c && is_han(c)) || (p3 == p1 && p2 == c && is_han(p3) && is_han(p2))
            })
        };
        let inner_ws = |s: &str| {
            let bb = s.trim_start_matches(is_inline_ws).as_bytes();
            memchr::memchr2(b' ', b'\t', bb).is_some()
                || memchr::memmem::find(bb, "\u{3000}".as_bytes()).is_some()
                || memchr::memmem::find(bb, "\u{a0}".as_bytes()).is_some()
        };
        let mut seen = [0usize; 6];
        for t in sample_texts() {
            let mut c = Census::default();
            let found = COMBINED.lex.scan::<true>(&t, &mut c);
            assert_eq!(found, COMBINED.lex.find_all_unfiltered(&t), "{t}");
            let want = [
                repeats(&t),
                t.bytes().any(|b| b.is_ascii_alphabetic()),
                t.contains('的'),
                t.as_bytes().contains(&b'(') || t.contains("（"),
                inner_ws(&t),
                t.trim_start_matches(is_inline_ws)
                    .contains(['\u{a0}', '\u{3000}']),
            ];
            let got = [c.repeats, c.latin, c.de, c.paren, c.inner_ws, c.wide_ws];
            assert_eq!(got, want, "{t:?}");
            for (k, w) in want.iter().enumerate() {
                seen[k] += usize::from(*w);
            }
        }
        // every fact was both true and false many times
        assert!(seen.iter().all(|&n| n > 100 && n < 4000), "{seen:?}");
    }

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
