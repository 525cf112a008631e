//! The recognizer's view of jieba's tokens: each word with its length, first
//! and last characters, their classes and which passes may find something
//! there; and the tests on one word (the shape of a personal name, name
//! material, unknown words).

use std::cell::Cell;
use std::ops::Range;
use std::sync::LazyLock;

use super::data::{
    Data, WordSet, C_ADMIN_LAST, C_HAN, C_KNOWN_ORG_LAST, C_NAME_START, C_ORG_LAST, C_PLACE_LAST,
    C_TITLE_LAST, DATA, SETS,
};
use crate::core::chars::{decode3, is_han, WordTable};
use crate::core::nlp::{self, Token};

/// One jieba token with the facts the passes ask about it.
pub(super) struct Tok<'a> {
    pub range: Range<usize>,
    pub word: &'a str,
    pub tag: &'a str,
    /// Length in chars.
    pub n: usize,
    /// All CJK ideographs?
    pub han: bool,
    /// First and last characters (`'\0'` for an empty word).
    pub first: char,
    pub last: char,
    /// Their classes (`C_*`).
    pub fc: u8,
    pub lc: u8,
    /// Which passes may find something at this token (`MAY_*`).
    pub may: u8,
}

/// The places pass may find a place at the token.
pub(super) const MAY_PLACE: u8 = 1;
/// The organizations pass may find an organization at the token.
pub(super) const MAY_ORG: u8 = 2;
/// A name may start at the token.
pub(super) const MAY_NAME: u8 = 4;
/// A name may start at the token, which starts with a Han char.
pub(super) const MAY_NAME_HAN: u8 = 8;

impl Tok<'_> {
    /// Tagged as a person name (`nr`, `nrt`, `nrfg`)?
    pub fn is_nr(&self) -> bool {
        self.tag.starts_with("nr")
    }
    /// Length in chars.
    pub fn chars(&self) -> usize {
        self.n
    }
    /// The entry of `table` for this word.
    #[inline]
    pub fn in_table<'t, V>(&self, table: &'t WordTable<V>) -> Option<&'t V> {
        if self.n == 0 {
            return table.get(self.word);
        }
        table.get_ends(self.word, self.first, self.last)
    }
    /// Is this word in `table`?
    #[inline]
    pub fn is_in(&self, table: &WordSet) -> bool {
        self.in_table(table).is_some()
    }
    /// Is this word a title?
    #[inline]
    pub fn is_in_titles(&self, d: &Data) -> bool {
        self.lc & C_TITLE_LAST != 0 && self.in_table(&d.titles).is_some()
    }
    /// Is this word a place of the gazetteer?
    #[inline]
    pub fn is_place(&self, d: &Data) -> bool {
        self.lc & C_PLACE_LAST != 0 && self.in_table(&d.places).is_some()
    }
    /// Is this word an administrative ending of place names (`街道`, `区`)?
    #[inline]
    pub fn is_admin(&self) -> bool {
        self.is_in(&SETS.admin)
    }
}

/// The tokens of a paragraph (`s` is its simplified text), in the vector
/// kept from the previous paragraph.
pub(super) fn build_toks<'a>(s: &'a str, tokens: &[Token]) -> Vec<Tok<'a>> {
    let d = &*DATA;
    let mut toks: Vec<Tok> = recycle(TOK_BUF.with(Cell::take));
    toks.reserve(tokens.len());
    for t in tokens {
        let Some(word) = s.get(t.range.clone()) else {
            continue;
        };
        let (n, han, first, last, fc, lc) = facts(d, word);
        let may = may_bits(n, han, first, fc, lc, t.tag);
        // a stem before an administrative ending (`斜塘/街道`)
        if lc & C_ADMIN_LAST != 0 {
            if let Some(p) = toks.last_mut() {
                if p.range.end == t.range.start && p.han && p.n >= 2 {
                    p.may |= MAY_PLACE;
                }
            }
        }
        toks.push(Tok {
            range: t.range.clone(),
            word,
            tag: t.tag,
            n,
            han,
            first,
            last,
            fc,
            lc,
            may,
        });
    }
    toks
}

/// A word's length in chars, whether it is all Han, its first and last
/// characters and their classes.
#[inline(always)]
fn facts(d: &Data, word: &str) -> (usize, bool, char, char, u8, u8) {
    // most words are two basic CJK ideographs or one character
    match *word.as_bytes() {
        [a, b, c, x, y, z] if basic_cjk(a, b) && basic_cjk(x, y) => {
            let (first, last) = (decode3(a, b, c), decode3(x, y, z));
            (2, true, first, last, d.class(first), d.class(last))
        }
        [a, b, c] if (0xE0..=0xEF).contains(&a) => {
            let ch = decode3(a, b, c);
            let k = d.class(ch);
            (1, k & C_HAN != 0, ch, ch, k, k)
        }
        _ => {
            let (n, han, first, last) = scan(d, word);
            (n, han, first, last, d.class(first), d.class(last))
        }
    }
}

/// Which passes may find something at a token (each pass checks in full).
#[inline(always)]
fn may_bits(n: usize, han: bool, first: char, fc: u8, lc: u8, tag: &str) -> u8 {
    let mut may = 0;
    if han && n >= 2 && (lc & (C_PLACE_LAST | C_ADMIN_LAST) != 0 || tag == "ns") {
        may |= MAY_PLACE;
    }
    // glued organ endings (`局以`), `nt` words, known organizations
    if han
        && (lc & (C_ORG_LAST | C_KNOWN_ORG_LAST) != 0
            || first == '局'
            || first == '办'
            || tag == "nt")
    {
        may |= MAY_ORG;
    }
    if fc & C_NAME_START != 0 {
        may |= MAY_NAME;
        if fc & C_HAN != 0 {
            may |= MAY_NAME_HAN;
        }
    }
    may
}

thread_local! {
    /// The token vector's allocation, kept from one paragraph for the next
    /// (always empty here).
    static TOK_BUF: Cell<Vec<Tok<'static>>> = const { Cell::new(Vec::new()) };
}

/// An emptied token vector of another lifetime, in the same allocation.
fn recycle<'a, 'b>(mut v: Vec<Tok<'a>>) -> Vec<Tok<'b>> {
    v.clear();
    // an empty vector maps to an empty one, collected in place
    v.into_iter()
        .map(|_| -> Tok<'b> { unreachable!("the vector is empty") })
        .collect()
}

/// Keep the allocation of `toks` for the next paragraph (unless it is large).
pub(super) fn give_back(toks: Vec<Tok>) {
    if toks.capacity() <= 4096 {
        TOK_BUF.with(|b| b.set(recycle(toks)));
    }
}

/// The first token from `i` on with any of the `may` bits.
#[inline(always)]
pub(super) fn next_may(toks: &[Tok], i: usize, may: u8) -> Option<usize> {
    let rest = toks.get(i..)?;
    rest.iter().position(|t| t.may & may != 0).map(|k| i + k)
}

/// Do the first two bytes of a UTF-8 sequence lead a character of
/// U+4E00..U+9FFF (Han, three bytes)?
#[inline(always)]
fn basic_cjk(a: u8, b: u8) -> bool {
    matches!(a, 0xE5..=0xE9) || (a == 0xE4 && b >= 0xB8)
}

/// A word's length in chars, whether it is all Han, and its first and last
/// characters (`'\0'` for an empty word), in one pass.
fn scan(d: &Data, w: &str) -> (usize, bool, char, char) {
    // basic CJK ideographs only (three bytes each)
    let b = w.as_bytes();
    if b.len() >= 3 && b.len().is_multiple_of(3) && b.chunks_exact(3).all(|c| basic_cjk(c[0], c[1]))
    {
        let l = b.len() - 3;
        let first = decode3(b[0], b[1], b[2]);
        let last = decode3(b[l], b[l + 1], b[l + 2]);
        return (b.len() / 3, true, first, last);
    }
    let is_han = |c: char| d.class(c) & C_HAN != 0;
    let (mut n, mut han, mut first, mut last) = (0, false, '\0', '\0');
    let mut cs = w.chars();
    if let Some(c) = cs.next() {
        (n, han, first, last) = (1, is_han(c), c, c);
        for c in cs {
            n += 1;
            han = han && is_han(c);
            last = c;
        }
    }
    (n, han, first, last)
}

/// Could `w` be a Chinese personal name (surname + one or two characters)?
pub fn person_shape(w: &str) -> bool {
    // 2–4 CJK chars of 3 or 4 bytes each
    if !(6..=12).contains(&w.len()) {
        return false;
    }
    let d = &*DATA;
    // a surname or the start of a compound one must come first
    match w.chars().next() {
        Some(c) if d.surnames.contains(c) || d.compound_first.contains(c) => shape_rest(d, w),
        _ => false,
    }
}

/// [`person_shape`] past its cheap checks (length, first character).
fn shape_rest(d: &Data, w: &str) -> bool {
    // all Han; 6–12 bytes of them are 2–4 chars
    let mut at = [0usize; 4];
    let mut cs = ['\0'; 4];
    let mut n = 0;
    for (i, c) in w.char_indices() {
        if n == 4 || !is_han(c) {
            return false;
        }
        at[n] = i;
        cs[n] = c;
        n += 1;
    }
    if n < 2 {
        return false;
    }
    shape_parts(d, w, &at, &cs, n)
}

/// [`person_shape`] of `w`, all Han, given its 2–4 chars and their offsets.
#[inline]
fn shape_parts(d: &Data, w: &str, at: &[usize; 4], cs: &[char; 4], n: usize) -> bool {
    let last = cs[n - 1];
    // a name never ends with an organization or place ending
    if d.suffix_chars.contains(last) {
        return false;
    }
    // compound surname + 1–2 chars, or a surname + 1–2 chars
    let g = if n >= 3
        && d.compound_first.contains(cs[0])
        && d.compound_surnames
            .get_ends(&w[..at[2]], cs[0], cs[1])
            .is_some()
    {
        2
    } else if n <= 3 && d.surnames.contains(cs[0]) {
        1
    } else {
        return false;
    };
    let sets = &*SETS;
    sets.address.get_ends(&w[at[g]..], cs[g], last).is_none()
        && sets.not_names.get_ends(w, cs[0], last).is_none()
}

/// [`person_shape`] of a token, with its cheap checks on what the token knows.
pub(super) fn tok_shape(d: &Data, t: &Tok) -> bool {
    let w = t.word;
    if t.fc & C_NAME_START == 0 || !(6..=12).contains(&w.len()) || !t.han {
        return false;
    }
    // all Han of three bytes: the chars at fixed offsets
    if w.len() == 3 * t.n && t.n <= 4 {
        let b = w.as_bytes();
        let mut cs = ['\0'; 4];
        for (k, c) in cs.iter_mut().enumerate().take(t.n) {
            *c = decode3(b[3 * k], b[3 * k + 1], b[3 * k + 2]);
        }
        return shape_parts(d, w, &[0, 3, 6, 9], &cs, t.n);
    }
    shape_rest(d, w)
}

/// Tags of function words (pronouns, numerals, prepositions, conjunctions,
/// particles, measure words, locatives, adverbs, modals, interjections):
/// never part of a name.
pub(super) fn is_function_tag(tag: &str) -> bool {
    matches!(
        tag,
        "r" | "m"
            | "p"
            | "c"
            | "u"
            | "uj"
            | "ul"
            | "uz"
            | "uv"
            | "ud"
            | "ug"
            | "q"
            | "f"
            | "d"
            | "y"
            | "e"
    )
}

/// Name material: tokens that may be part of an organization or role name.
pub(super) fn material(t: &Tok, verbs: bool) -> bool {
    if !t.han || t.is_in(&SETS.quant) {
        return false;
    }
    let tag = t.tag;
    matches!(
        tag,
        "n" | "nt"
            | "ns"
            | "nz"
            | "nr"
            | "nrt"
            | "nrfg"
            | "j"
            | "s"
            | "ag"
            | "ng"
            | "zg"
            | "b"
            | "x"
    ) || tag.starts_with("nr")
        || (verbs && matches!(tag, "v" | "vn"))
}

/// The plain segmenter, held once (asking `nlp::jieba` clones an `Arc`).
static JIEBA: LazyLock<std::sync::Arc<jieba_rs::Jieba>> = LazyLock::new(nlp::jieba);

/// Is `word` unknown to jieba's dictionary?
pub(super) fn is_oov(word: &str) -> bool {
    !nlp::is_word(&JIEBA, word)
}

/// An unknown word that jieba did not read as a verb or adjective: a proper name.
pub(super) fn proper_oov(word: &str, tag: &str) -> bool {
    !matches!(
        tag,
        "v" | "vn" | "vd" | "a" | "ad" | "an" | "d" | "p" | "c" | "m" | "q" | "r" | "f" | "t"
    ) && is_oov(word)
}
