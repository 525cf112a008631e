//! Character classes used by every rule.

/// CJK ideographs (incl. extensions and compatibility ideographs, non-BMP too).
#[inline]
pub fn is_han(c: char) -> bool {
    // the basic block first: nearly every Chinese character is there
    let u = c as u32;
    (0x4E00..=0x9FFF).contains(&u)
        || matches!(u,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF
        | 0x2A700..=0x2EBEF | 0x2F800..=0x2FA1F | 0x30000..=0x323AF | 0x3007)
}

/// The code point of a three-byte UTF-8 sequence (its lead and two
/// continuation bytes), not checked to be a `char` (it may be a surrogate).
#[inline(always)]
pub fn code3(a: u8, b: u8, c: u8) -> u32 {
    (a as u32 & 0x0F) << 12 | (b as u32 & 0x3F) << 6 | (c as u32 & 0x3F)
}

/// The character of a three-byte UTF-8 sequence (its lead and two
/// continuation bytes); `'\0'` for a surrogate code point.
#[inline(always)]
pub fn decode3(a: u8, b: u8, c: u8) -> char {
    char::from_u32(code3(a, b, c)).unwrap_or('\0')
}

/// White space inside a line: space, tab, NBSP and the ideographic space.
#[inline]
pub fn is_inline_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{3000}')
}

/// Full-width CJK punctuation that may sit next to Chinese text.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '【'
            | '】'
            | '「'
            | '」'
            | '『'
            | '』'
            | '〔'
            | '〕'
            | '…'
            | '—'
            | '～'
            | '·'
            | '〖'
            | '〗'
            | '．'
            | '〇'
    )
}

/// Chinese text: ideographs or full-width punctuation.
pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// Sentence-final punctuation (a paragraph may end here).
pub fn is_sentence_final(c: char) -> bool {
    matches!(
        c,
        '。' | '？' | '！' | '…' | '.' | '?' | '!' | '；' | ';' | '：' | ':'
    )
}

/// Closing marks that may follow sentence-final punctuation.
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '）' | ')' | '》' | '」' | '』' | '】' | '〕' | '"' | '\''
    )
}

/// The mask character that replaces code, URLs and markup in a paragraph's
/// masked text. It keeps byte offsets and belongs to no class above.
pub const MASK: char = '\u{1}';

/// Pinyin syllables as a conversion tool leaves them in parentheses:
/// lowercase Latin letters with tone marks (`shí`, `jìn`) or tone numbers
/// (`shi2`), possibly several separated by spaces.
pub fn is_pinyin_annotation(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() || s.len() > 40 {
        return false;
    }
    let mut has_tone = false;
    for word in s.split(' ') {
        if word.is_empty() {
            continue;
        }
        let mut letters = 0;
        for (i, c) in word.char_indices() {
            if is_tone_vowel(c) {
                has_tone = true;
                letters += 1;
            } else if c.is_ascii_lowercase() || c == 'ü' {
                letters += 1;
            } else if ('1'..='5').contains(&c) && i == word.len() - 1 && letters > 0 {
                has_tone = true;
            } else {
                return false;
            }
        }
        if letters == 0 || letters > 6 {
            return false;
        }
    }
    has_tone
}

fn is_tone_vowel(c: char) -> bool {
    "āáǎàōóǒòēéěèīíǐìūúǔùǖǘǚǜńňǹḿ".contains(c)
}

/// The hash maps and sets of the word and character tables of the hot
/// paths: `rustc-hash`'s Fx hasher. None of those tables is iterated in an
/// order that matters, so the hasher does not change results.
pub use rustc_hash::{FxBuildHasher as FxBuild, FxHashMap, FxHashSet};

/// A word table (a hash map from `'static` words) with a bit filter in front:
/// a word whose first and last characters and length match no entry is
/// rejected without hashing it. Answers exactly as the map alone would.
pub struct WordTable<V> {
    map: FxHashMap<&'static str, V>,
    /// Bits over a 16-bit hash of (first char, last char, byte length).
    bits: Vec<u64>,
}

fn word_shape(w: &str) -> u32 {
    let first = w.chars().next().map_or(0, |c| c as u32);
    let last = w.chars().next_back().map_or(0, |c| c as u32);
    shape_of(first, last, w.len())
}

/// The filter hash of a word from its first and last characters and byte length.
#[inline]
fn shape_of(first: u32, last: u32, len: usize) -> u32 {
    let h = first.wrapping_mul(0x9E37_79B1).rotate_left(7)
        ^ last.wrapping_mul(0x85EB_CA6B)
        ^ (len as u32).wrapping_mul(0xC2B2_AE35);
    h.wrapping_mul(0x27D4_EB2F) >> 16
}

impl<V> WordTable<V> {
    pub fn new() -> WordTable<V> {
        WordTable {
            map: FxHashMap::default(),
            bits: vec![0; 1 << 10],
        }
    }

    pub fn insert(&mut self, w: &'static str, v: V) -> Option<V> {
        let k = word_shape(w);
        if let Some(b) = self.bits.get_mut((k >> 6) as usize) {
            *b |= 1 << (k & 63);
        }
        self.map.insert(w, v)
    }

    #[inline]
    fn may_hold(&self, w: &str) -> bool {
        self.may_hold_shape(word_shape(w))
    }

    #[inline]
    fn may_hold_shape(&self, k: u32) -> bool {
        self.bits
            .get((k >> 6) as usize)
            .is_some_and(|b| b & (1 << (k & 63)) != 0)
    }

    #[inline]
    pub fn get(&self, w: &str) -> Option<&V> {
        if !self.may_hold(w) {
            return None;
        }
        self.map.get(w)
    }

    /// [`get`](Self::get) for a caller that already knows the first and
    /// last characters of the non-empty word `w` (no decoding to filter it).
    #[inline]
    pub fn get_ends(&self, w: &str, first: char, last: char) -> Option<&V> {
        debug_assert_eq!(w.chars().next(), Some(first));
        debug_assert_eq!(w.chars().next_back(), Some(last));
        if !self.may_hold_shape(shape_of(first as u32, last as u32, w.len())) {
            return None;
        }
        self.map.get(w)
    }

    #[cfg(test)]
    #[inline]
    pub fn contains_key(&self, w: &str) -> bool {
        self.get(w).is_some()
    }

    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        self.get(w).is_some()
    }

    pub fn keys(&self) -> impl Iterator<Item = &&'static str> {
        self.map.keys()
    }
}

impl<V> Default for WordTable<V> {
    fn default() -> Self {
        WordTable::new()
    }
}

impl<V> FromIterator<(&'static str, V)> for WordTable<V> {
    fn from_iter<I: IntoIterator<Item = (&'static str, V)>>(it: I) -> Self {
        let mut t = WordTable::new();
        for (w, v) in it {
            t.insert(w, v);
        }
        t
    }
}

impl FromIterator<&'static str> for WordTable<()> {
    fn from_iter<I: IntoIterator<Item = &'static str>>(it: I) -> Self {
        it.into_iter().map(|w| (w, ())).collect()
    }
}

/// A set of characters (a bit per code point).
pub struct CharSet {
    bits: Vec<u64>,
}

impl CharSet {
    pub fn new() -> CharSet {
        CharSet {
            bits: vec![0; 0x11_0000 / 64],
        }
    }

    pub fn insert(&mut self, c: char) {
        let n = c as usize;
        if let Some(b) = self.bits.get_mut(n >> 6) {
            *b |= 1 << (n & 63);
        }
    }

    #[inline]
    pub fn contains(&self, c: char) -> bool {
        let n = c as usize;
        self.bits
            .get(n >> 6)
            .is_some_and(|b| b & (1 << (n & 63)) != 0)
    }
}

impl Default for CharSet {
    fn default() -> Self {
        CharSet::new()
    }
}
