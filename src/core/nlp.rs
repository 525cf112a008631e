//! Segmentation and POS tagging with jieba, loaded once, off the startup path.
//!
//! jieba's dictionary takes ~90 ms to load. `analyzer::preload` starts that
//! on a background thread (the server calls it at start-up, so `initialize`
//! is answered at once); [`jieba`] blocks until it is ready.
//! Traditional text is mapped to simplified (1:1 per character, `fast2s`)
//! before segmenting, so byte offsets carry over.

use std::ops::Range;
use std::sync::{Arc, OnceLock, RwLock};

use jieba_rs::Jieba;

static BASE: OnceLock<Arc<Jieba>> = OnceLock::new();
static CUSTOM: RwLock<Option<(Vec<String>, Arc<Jieba>)>> = RwLock::new(None);

/// Load jieba's dictionary now (it is otherwise loaded on first use).
pub fn load() {
    let _ = base();
}

fn base() -> &'static Arc<Jieba> {
    BASE.get_or_init(|| Arc::new(Jieba::new()))
}

/// The segmenter, with the user's word list (from configuration) added.
pub fn jieba_with_words(words: &[String]) -> Arc<Jieba> {
    if words.is_empty() {
        return base().clone();
    }
    if let Ok(guard) = CUSTOM.read() {
        if let Some((w, j)) = guard.as_ref() {
            if w.as_slice() == words {
                return j.clone();
            }
        }
    }
    let mut j: Jieba = (**base()).clone();
    for w in words {
        if !w.trim().is_empty() {
            j.add_word(w.trim(), None, Some("nz"));
        }
    }
    let j = Arc::new(j);
    if let Ok(mut guard) = CUSTOM.write() {
        *guard = Some((words.to_vec(), j.clone()));
    }
    j
}

/// The plain segmenter.
pub fn jieba() -> Arc<Jieba> {
    base().clone()
}

/// A word with its POS tag and byte range (in the paragraph).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    pub tag: &'static str,
    /// Is the word in jieba's dictionary (what `Jieba::has_word` says)?
    /// Known from the tagging itself, so rules need not look it up again.
    pub known: bool,
}

/// jieba's POS tags (those of its dictionary and its model for unknown words).
const KNOWN_TAGS: &[&str] = &[
    "a", "ad", "ag", "an", "b", "bg", "c", "d", "df", "dg", "e", "eng", "f", "g", "h", "i", "j",
    "k", "l", "m", "mg", "mq", "n", "ng", "nr", "nrfg", "nrt", "ns", "nt", "nz", "o", "p", "q",
    "r", "rg", "rr", "rz", "s", "t", "tg", "u", "ud", "ug", "uj", "ul", "uv", "uz", "v", "vd",
    "vg", "vi", "vn", "vq", "x", "y", "yg", "z", "zg",
];

/// A tag's (at most four) bytes as a number; 0 for none.
const fn tag_key(t: &[u8]) -> u32 {
    if t.len() > 4 {
        return 0;
    }
    let (mut k, mut i) = (0u32, 0);
    while i < t.len() {
        k = (k << 8) | t[i] as u32;
        i += 1;
    }
    k
}

const fn tag_slot(k: u32) -> usize {
    (k.wrapping_mul(0x9E37_79B1) >> 24) as usize
}

/// The known tags by key, open addressing over 256 slots (built at compile time).
const TAG_TABLE: [(u32, &str); 256] = {
    let mut t: [(u32, &str); 256] = [(0, ""); 256];
    let mut n = 0;
    while n < KNOWN_TAGS.len() {
        let k = tag_key(KNOWN_TAGS[n].as_bytes());
        let mut i = tag_slot(k);
        while t[i].0 != 0 {
            i = (i + 1) % 256;
        }
        t[i] = (k, KNOWN_TAGS[n]);
        n += 1;
    }
    t
};

/// jieba's POS tags as `'static` strings: the known ones from a table, any
/// other (a custom dictionary's) interned once, so a token costs no allocation.
#[inline]
pub fn intern_tag(tag: &str) -> &'static str {
    let k = tag_key(tag.as_bytes());
    if k != 0 {
        let mut i = tag_slot(k);
        loop {
            let (key, v) = TAG_TABLE[i];
            if key == 0 {
                break;
            }
            // (same key and same length: the same bytes)
            if key == k && v.len() == tag.len() {
                return v;
            }
            i = (i + 1) % 256;
        }
    }
    intern_other(tag)
}

#[cold]
fn intern_other(tag: &str) -> &'static str {
    static OTHER: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    let mut other = match OTHER.lock() {
        Ok(g) => g,
        Err(e) => e.into_inner(),
    };
    if let Some(&k) = other.iter().find(|&&k| k == tag) {
        return k;
    }
    // bounded by the tag set of the dictionaries in use
    let k: &'static str = Box::leak(tag.to_string().into_boxed_str());
    other.push(k);
    k
}

/// The characters the simplifier may change (traditional forms), as a bitset
/// over U+0800..=U+FFFF (it only converts three-byte characters): those it
/// changes on their own, and those it changes only next to certain others.
static MAY_CHANGE: std::sync::LazyLock<Box<[u64; 1024]>> = std::sync::LazyLock::new(|| {
    let mut all = String::with_capacity(0x10000 * 4);
    for n in 0x0800u32..=0xFFFF {
        if let Some(c) = char::from_u32(n) {
            all.push(c);
            all.push(' ');
        }
    }
    // the converter emits one char per char, so the two align
    let simple = fast2s::convert(&all);
    let mut bits = Box::new([0u64; 1024]);
    let mut set = |c: char| {
        let n = c as u32;
        if n <= 0xFFFF {
            bits[(n >> 6) as usize] |= 1 << (n & 63);
        }
    };
    for (a, b) in all.chars().zip(simple.chars()) {
        if a != b {
            set(a);
        }
    }
    // converted only next to certain characters (藉口, 看著, 苧麻, 計畫…)
    for c in ['藉', '著', '苧', '闔', '鍾', '讎', '畫'] {
        set(c);
    }
    bits
});

/// The characters the simplifier may change, a bit per code point of
/// U+0800..=U+FFFF (index `n >> 6`, bit `n & 63`), for walks that test them
/// among other things (the paragraph's facts); [`may_change`] is the plain
/// test.
pub fn may_change_bits() -> &'static [u64; 1024] {
    &MAY_CHANGE
}

/// Could the simplifier change anything in `s`? (If not, [`to_simplified`]
/// returns `s` as it is.)
pub fn may_change(s: &str) -> bool {
    let bits = &*MAY_CHANGE;
    // only three-byte characters (U+0800..=U+FFFF) can be in the set: read
    // those from their bytes (no decoding to `char`: a surrogate's bit is
    // never set), step over the others by their lead byte
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x < 0xE0 {
            i += if x < 0x80 { 1 } else { 2 };
            continue;
        }
        if x >= 0xF0 {
            i += 4;
            continue;
        }
        let (Some(&y), Some(&z)) = (b.get(i + 1), b.get(i + 2)) else {
            return false;
        };
        let n = super::chars::code3(x, y, z) as usize;
        if bits[n >> 6] & (1 << (n & 63)) != 0 {
            return true;
        }
        i += 3;
    }
    false
}

/// Map traditional characters to simplified ones, character by character.
/// The result has the same byte length (and char boundaries) as the input;
/// if the converter ever changed a length, the input is returned unchanged.
pub fn to_simplified(text: &str) -> String {
    if !may_change(text) {
        return text.to_string();
    }
    let s = fast2s::convert(text);
    // same char boundaries: the same bytes start a char (are no UTF-8
    // continuation byte) in both
    let starts = |b: u8| b & 0xC0 != 0x80;
    if s.len() == text.len()
        && s.bytes()
            .zip(text.bytes())
            .all(|(a, b)| starts(a) == starts(b))
    {
        s
    } else {
        text.to_string()
    }
}

/// jieba's tokens of `text` (converted to simplified script first), as the
/// word rules see them; ranges are bytes of `text`.
pub fn tokens(text: &str) -> Vec<Token> {
    tag(&jieba(), &to_simplified(text))
}

/// Tag `text` (already simplified) with jieba's HMM on; tokens of only
/// whitespace or mask bytes are dropped.
pub fn tag(jieba: &Jieba, text: &str) -> Vec<Token> {
    let tags = jieba.tag(text, true);
    let mut out = Vec::with_capacity(tags.len());
    let blank = |c: char| c.is_whitespace() || c == super::chars::MASK;
    for t in tags {
        // a token that starts with a Han character (lead byte E4..E9: U+4000
        // to U+9FFF) or another word character is kept
        let han_lead = t
            .word
            .as_bytes()
            .first()
            .is_some_and(|b| (0xE4..=0xE9).contains(b));
        if !han_lead && t.word.chars().next().is_none_or(blank) && t.word.chars().all(blank) {
            continue;
        }
        out.push(Token {
            range: t.byte_start..t.byte_end,
            tag: intern_tag(t.tag),
            known: dictionary_tag(jieba, t.tag, t.word),
        });
    }
    out
}

/// Did jieba take `tag`, which it gave `word`, from its dictionary? Then the
/// word is in the dictionary; otherwise jieba guessed the tag of an unknown
/// word.
///
/// jieba-rs returns a dictionary word's tag from the dictionary's own table
/// of tags (strings on the heap) and a guessed tag as a `'static` string
/// (its model's tags, `x`, `m`, `eng`), so where the tag string lives tells
/// which it is. The answer for each tag string is learned once, from a
/// dictionary lookup of the first word that carries it, and kept per
/// process; the test `known_agrees_with_dictionary` checks the premise on
/// every token of the fixtures. A heap address, once a dictionary's tag,
/// stays one even if that dictionary is dropped and the memory reused: only
/// dictionaries' tags reach this function, and static strings never move.
fn dictionary_tag(jieba: &Jieba, tag: &str, word: &str) -> bool {
    use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
    const SLOTS: usize = 256;
    /// Each slot: a tag string's address, with the answer in the top bit
    /// (user-space addresses leave it clear); 0 when empty. One word, so a
    /// reader never sees an address with another's answer.
    static ORIGIN: [AtomicU64; SLOTS] = [const { AtomicU64::new(0) }; SLOTS];
    const KNOWN: u64 = 1 << 63;
    let key = tag.as_ptr() as u64;
    if key & KNOWN != 0 {
        return jieba.has_word(word);
    }
    let slot = &ORIGIN[(key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize];
    let entry = slot.load(Relaxed);
    if entry & !KNOWN == key {
        return entry & KNOWN != 0;
    }
    let known = jieba.has_word(word);
    slot.store(key | if known { KNOWN } else { 0 }, Relaxed);
    known
}

/// Is `word` in jieba's dictionary?
pub fn is_word(jieba: &Jieba, word: &str) -> bool {
    jieba.has_word(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The premise of [`dictionary_tag`]: on every token of the fixtures,
    /// the corpus-style samples and with a user word list, `known` is what a
    /// dictionary lookup says.
    #[test]
    fn known_agrees_with_dictionary() {
        let mut texts: Vec<String> = vec![
            "市南区常委、宣传部长付荣云指出，利用内资81.73亿元，同比增长7.8%。".into(),
            "见习记者罗武侠说：“GDP 和 CPI 都在涨，PM2.5 下降了。”\r\n".into(),
            "𠮷野家在斜塘街道开了新店，顾客络绎不绝……".into(),
        ];
        if let Ok(rd) = std::fs::read_dir("tests/fixtures") {
            for e in rd.flatten() {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    texts.push(t);
                }
            }
        }
        assert!(texts.len() > 10, "fixtures read");
        let words = vec!["付荣云".to_string(), "高实集团".to_string()];
        let (mut known, mut unknown) = (0, 0);
        for j in [jieba(), jieba_with_words(&words)] {
            for t in &texts {
                let s = to_simplified(t);
                for tok in tag(&j, &s) {
                    let w = &s[tok.range.clone()];
                    assert_eq!(tok.known, j.has_word(w), "{w:?} ({})", tok.tag);
                    if tok.known {
                        known += 1;
                    } else {
                        unknown += 1;
                    }
                }
            }
        }
        // both kinds occur, so the test tells them apart
        assert!(
            known > 1000 && unknown > 100,
            "{known} known, {unknown} unknown"
        );
    }

    #[test]
    fn simplified_keeps_offsets() {
        let t = "見習記者羅武俠說";
        let s = to_simplified(t);
        assert_eq!(s, "见习记者罗武侠说");
        assert_eq!(s.len(), t.len());
    }

    /// The shortcut for text with nothing to convert gives what the
    /// converter gives.
    #[test]
    fn simplified_shortcut_agrees_with_converter() {
        let full = |t: &str| {
            let s = fast2s::convert(t);
            if s.len() == t.len() {
                s
            } else {
                t.to_string()
            }
        };
        let mut texts: Vec<String> = vec![
            "見習記者羅武俠說".into(),
            "憑藉藉口看著苧麻計畫闔家鍾書校讎".into(),
            "这项工作按部就班推进，GDP增长7.8%。".into(),
        ];
        for dir in ["tests/fixtures", "data"] {
            if let Ok(rd) = std::fs::read_dir(dir) {
                for e in rd.flatten() {
                    texts.extend(std::fs::read_to_string(e.path()));
                }
            }
        }
        for t in &texts {
            for line in t.lines() {
                assert_eq!(to_simplified(line), full(line), "{line}");
            }
        }
    }

    /// The byte reading of `may_change` agrees with reading chars.
    #[test]
    fn may_change_reads_every_character() {
        let bits = &*MAY_CHANGE;
        let by_chars = |s: &str| {
            s.chars().any(|c| {
                let n = c as u32;
                (0x0800..=0xFFFF).contains(&n) && bits[(n >> 6) as usize] & (1 << (n & 63)) != 0
            })
        };
        let mut changed = 0;
        for n in (0u32..0x11_0000).step_by(7).chain(0x4E00..0xA000) {
            if let Some(c) = char::from_u32(n) {
                let t = format!("a{c}é𠮷");
                assert_eq!(may_change(&t), by_chars(&t), "{n:x}");
                changed += usize::from(by_chars(&t));
            }
        }
        assert!(changed > 1000);
        assert!(may_change("見習記者") && !may_change("见习记者"));
    }

    #[test]
    fn interned_tags_are_the_same_strings() {
        for t in ["a", "nr", "nrfg", "eng", "zg", "x", "uj"] {
            assert_eq!(intern_tag(t), t);
        }
        // not in the table: interned once, same address every time
        let k = intern_tag("nzz");
        assert_eq!(k, "nzz");
        assert!(std::ptr::eq(k, intern_tag(&String::from("nzz"))));
        // a key collision by zero bytes is not a match
        assert_eq!(intern_tag("\0a"), "\0a");
        assert_eq!(intern_tag(""), "");
    }

    #[test]
    fn tags_with_byte_ranges() {
        let j = jieba();
        let text = "市南区召开座谈会";
        let toks = tag(&j, text);
        let words: Vec<&str> = toks.iter().map(|t| &text[t.range.clone()]).collect();
        assert_eq!(words.concat(), text);
    }
}
