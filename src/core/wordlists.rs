//! The word-list matcher: lists of words found in a paragraph on jieba word
//! boundaries. Rules that check a list (confused words, redundant phrases,
//! banned terms, …) build a [`Lexicon`] of their own and ask it here; the
//! matcher knows no list and no rule.
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

use crate::core::chars::code3;
use crate::core::chars::FxHashMap as HashMap;
use std::ops::Range;

use jieba_rs::Jieba;

use crate::core::nlp::Token;
use crate::core::para::ParaCtx;

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

    #[cfg(test)]
    pub fn word(&self, i: usize) -> &str {
        self.words.get(i).map(|w| &**w).unwrap_or("")
    }

    /// Every occurrence as (byte range, entry index), by start, longest first.
    ///
    /// A byte walk: ASCII is stepped over, a three-byte character (nearly
    /// every other one) is decoded from its bytes and tested against the
    /// first-character bits; only then is the next character read for the
    /// pair filter, and only a position that passes both is looked up.
    pub fn find_all(&self, s: &str) -> Hits {
        let mut out = Vec::new();
        let astral = bit_test(&self.single_bits, 0);
        let b = s.as_bytes();
        // the bytes not yet read (slice patterns: one length check per character)
        let mut rest = b;
        loop {
            let at = b.len() - rest.len();
            let n = match *rest {
                [] => break,
                [x, ref tail @ ..] if x < 0x80 => {
                    rest = tail;
                    // words start with a Chinese character: ASCII is stepped over
                    continue;
                }
                [x @ 0xE0..=0xEF, y, z, ref tail @ ..] => {
                    rest = tail;
                    code3(x, y, z)
                }
                _ => {
                    let Some(c) = s.get(at..).and_then(|r| r.chars().next()) else {
                        break;
                    };
                    rest = rest.get(c.len_utf8()..).unwrap_or_default();
                    c as u32
                }
            };
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

/// Matches of one list: (byte range, entry index), by start, longest first.
pub type Hits = Vec<(Range<usize>, usize)>;

impl Lexicon {
    /// The matches in a paragraph: in its simplified text, and, where it
    /// differs, in the text as written too (a wrong form may hold a character
    /// that the simplifier maps onto the right one: `薰陶` becomes `熏陶`).
    /// Sorted by start, longest first; no duplicates.
    pub fn hits_in(&self, ctx: &ParaCtx) -> Hits {
        let s = match_text(ctx);
        let mut hits = self.find_all(ctx.masked);
        if s != ctx.masked {
            hits.extend(self.find_all(s));
            hits.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
            hits.dedup();
        }
        hits
    }
}

/// Common single-character surnames: a two-character match right after one
/// of them, standing alone as a token, may be a given name (`张宏扬`).
static SURNAMES: std::sync::LazyLock<crate::core::chars::FxHashSet<char>> =
    std::sync::LazyLock::new(|| {
        crate::core::data::entries(crate::data_file!("common_surnames.txt"))
            .filter_map(|w| w.chars().next())
            .collect()
    });

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
    matches!((cs.next(), cs.next()), (Some(c), None) if SURNAMES.contains(&c))
}

/// Texts for the differential tests of the rewritten scans: the fixture
/// articles, their paragraphs, and generated paragraphs made of the word
/// lists' entries, fragments of the articles and characters of every UTF-8
/// length and of the classes the rules look for.
#[cfg(test)]
pub(crate) fn sample_texts() -> Vec<String> {
    let real = fixture_texts();
    let mut out: Vec<String> = real.clone();
    for t in &real {
        out.extend(t.lines().map(String::from));
    }
    let pieces = sample_pieces(&real);
    let atoms = [
        SAMPLE_WORDS,
        SAMPLE_LATIN,
        SAMPLE_SPACES_AND_WIDTHS,
        SAMPLE_PUNCT,
        SAMPLE_MIXED,
        SAMPLE_DEFECTS,
    ]
    .concat();
    out.extend(generated_texts(&pieces, &atoms));
    out
}

/// The fixture articles, sorted.
#[cfg(test)]
fn fixture_texts() -> Vec<String> {
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
    real
}

/// Pieces of generated text: the entries of the rules' word lists and
/// fragments of seven characters of the articles `real`.
#[cfg(test)]
fn sample_pieces(real: &[String]) -> Vec<String> {
    let lists = [
        &crate::core::rules::lists::words::CONFUSED.lex,
        &crate::core::rules::lists::words::REDUNDANT.lex,
        &crate::core::rules::lists::terms::TERMS.lex,
    ];
    let mut pieces: Vec<String> = lists
        .iter()
        .flat_map(|l| l.words.iter().map(|w| w.to_string()))
        .collect();
    for t in real {
        let cs: Vec<char> = t.chars().collect();
        pieces.extend(cs.chunks(7).take(400).map(|w| w.iter().collect::<String>()));
    }
    pieces
}

/// Sample words: particles, pronouns, traditional forms.
#[cfg(test)]
const SAMPLE_WORDS: &[&str] = &[
    "的", "的的", "地", "得", "了", "在", "我们", "他们", "这", "這", "這个", "們", "後", "后",
    "乾隆", "羅",
];

/// Samples around Latin script: pinyin annotations, brackets, English
/// words, accented letters.
#[cfg(test)]
const SAMPLE_LATIN: &[&str] = &[
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
];

/// Spaces, line ends, a control character and characters at the edges of
/// the UTF-8 lengths (an astral one, U+07FF, U+0800, U+FFFF).
#[cfg(test)]
const SAMPLE_SPACES_AND_WIDTHS: &[&str] = &[
    "\u{a0}", "\u{3000}", " ", "  ", "\t", "\n", "\r\n", "\u{1}", "𠮷", "𠮷𠮷", "\u{7FF}",
    "\u{800}", "\u{FFFF}",
];

/// Chinese punctuation.
#[cfg(test)]
const SAMPLE_PUNCT: &[&str] = &["，", "。", "；", "：", "“", "”", "、", "！", "？"];

/// Digits and letters among Han characters, dashes, Japanese and
/// compatibility characters.
#[cfg(test)]
const SAMPLE_MIXED: &[&str] = &[
    "5G", "2023年", "PM2.5", "a", "Z", "7", "—", "…", "〇", "読", "﨑",
];

/// Phrases the rules flag (的/地/得, confused and redundant words,
/// reduplication).
#[cfg(test)]
const SAMPLE_DEFECTS: &[&str] = &[
    "认真的学习了",
    "跑的很快",
    "截止目前",
    "凯旋而归",
    "维族",
    "按步就班",
    "看看",
    "研究研究",
];

/// 4000 paragraphs of up to 40 pieces and atoms, drawn by a fixed
/// xorshift sequence (a third pieces, two thirds atoms).
#[cfg(test)]
fn generated_texts(pieces: &[String], atoms: &[&str]) -> Vec<String> {
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut rnd = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut out = Vec::new();
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
            let lists = [
                &crate::core::rules::lists::words::CONFUSED.lex,
                &crate::core::rules::lists::words::REDUNDANT.lex,
                &crate::core::rules::lists::terms::TERMS.lex,
            ];
            for lex in lists.into_iter().chain([&small, &bmp]) {
                let found = lex.find_all(&t);
                assert_eq!(found, lex.find_all_unfiltered(&t), "{t}");
                hits += found.len();
            }
        }
        assert!(hits > 1000, "{hits}");
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
        assert!(crate::core::nlp::may_change("這項工作"));
        assert!(crate::core::nlp::may_change("他們憑藉"));
        assert!(!crate::core::nlp::may_change(
            "这项工作按部就班推进，GDP增长7.8%。"
        ));
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
