//! The byte searches the punctuation checks share: runs of a mark, a set of
//! ASCII bytes eight at a time, and two searches merged in order.

/// A space between marks: ASCII space, tab or the ideographic space.
pub(super) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}')
}

/// The run of `c` starting at byte `i` of `s`: its end and length in chars.
pub(super) fn run_of(s: &str, i: usize, c: char) -> (usize, usize) {
    let mut end = i;
    let mut n = 0;
    for ch in s[i..].chars() {
        if ch != c {
            break;
        }
        end += ch.len_utf8();
        n += 1;
    }
    (end, n)
}

/// A bit set of ASCII bytes below 0x40 (bit `n` for byte `n`), for [`find_ascii`].
pub(crate) const fn ascii_set(bytes: &[u8]) -> u64 {
    let mut set = 0u64;
    let mut k = 0;
    while k < bytes.len() {
        assert!(bytes[k] < 64);
        set |= 1 << bytes[k];
        k += 1;
    }
    set
}

/// The first offset at or after `from` whose byte is in `set` (see
/// [`ascii_set`]). Eight bytes at a time: a word with no byte below 0x40
/// (Han characters, full-width marks) is skipped whole.
pub(crate) fn find_ascii(b: &[u8], from: usize, set: u64) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    const TOP2: u64 = 0xC0C0_C0C0_C0C0_C0C0;
    let hit = |x: u8| x < 64 && (set >> x) & 1 != 0;
    let rest = b.get(from..)?;
    let mut words = rest.chunks_exact(8);
    let mut i = from;
    for word in words.by_ref() {
        let w = u64::from_le_bytes(word.try_into().unwrap_or_default());
        // some byte has its top two bits clear (is below 0x40)
        let t = w & TOP2;
        if t.wrapping_sub(LO) & !t & HI != 0 {
            if let Some(k) = word.iter().position(|&x| hit(x)) {
                return Some(i + k);
            }
        }
        i += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&x| hit(x))
        .map(|k| i + k)
}

/// The offsets found by two byte searches, merged in order. Each search gets
/// the rest of the text and returns the first offset in it; both look for
/// ASCII or lead bytes, never UTF-8 continuation bytes, so every offset is a
/// char boundary.
pub(super) struct MarkScan<'a, F, G> {
    b: &'a [u8],
    f: F,
    g: G,
    /// The next hit of each search at or after the last query (`usize::MAX`: none).
    next_f: usize,
    next_g: usize,
}

impl<'a, F, G> MarkScan<'a, F, G>
where
    F: Fn(&[u8]) -> Option<usize>,
    G: Fn(&[u8]) -> Option<usize>,
{
    pub(super) fn new(s: &'a str, f: F, g: G) -> Self {
        let b = s.as_bytes();
        let next_f = f(b).unwrap_or(usize::MAX);
        let next_g = g(b).unwrap_or(usize::MAX);
        MarkScan {
            b,
            f,
            g,
            next_f,
            next_g,
        }
    }

    fn search(b: &[u8], search: &impl Fn(&[u8]) -> Option<usize>, from: usize) -> usize {
        b.get(from..)
            .and_then(search)
            .map_or(usize::MAX, |k| from + k)
    }

    /// The first offset at or after `from`.
    pub(super) fn next(&mut self, from: usize) -> Option<usize> {
        if self.next_f < from {
            self.next_f = Self::search(self.b, &self.f, from);
        }
        if self.next_g < from {
            self.next_g = Self::search(self.b, &self.g, from);
        }
        let at = self.next_f.min(self.next_g);
        (at != usize::MAX).then_some(at)
    }
}

/// Does the char of `len` bytes at `i` come again right after itself?
pub(super) fn doubled_at(b: &[u8], i: usize, len: usize) -> bool {
    b.get(i + len..i + 2 * len) == b.get(i..i + len)
}
