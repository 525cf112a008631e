//! Character classes used by every rule.

/// CJK ideographs (incl. extensions and compatibility ideographs, non-BMP too).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF
        | 0x2A700..=0x2EBEF | 0x2F800..=0x2FA1F | 0x30000..=0x323AF | 0x3007)
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

/// Full-width ASCII variants (U+FF01..U+FF5E).
pub fn is_fullwidth_ascii(c: char) -> bool {
    ('\u{FF01}'..='\u{FF5E}').contains(&c)
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

/// A fast, non-cryptographic hasher (FxHash-style, eight bytes at a time) for
/// the word and character tables of the hot paths. None of those tables is
/// iterated in an order that matters, so the hasher does not change results.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

const FX_K: u64 = 0xf135_7aea_2e62_a9c5;

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0 ^ w).wrapping_mul(FX_K);
    }
}

impl std::hash::Hasher for FxHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        let r = chunks.remainder();
        if !r.is_empty() {
            let mut b = [0u8; 8];
            b[..r.len()].copy_from_slice(r);
            self.add(u64::from_le_bytes(b) ^ ((r.len() as u64) << 59));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

/// Builds [`FxHasher`]s.
pub type FxBuild = std::hash::BuildHasherDefault<FxHasher>;
/// A `HashMap` with [`FxHasher`].
pub type FxHashMap<K, V> = std::collections::HashMap<K, V, FxBuild>;
/// A `HashSet` with [`FxHasher`].
pub type FxHashSet<K> = std::collections::HashSet<K, FxBuild>;
