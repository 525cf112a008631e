//! Byte-level probes the recognizer is built on: the char at or before a
//! byte offset, a word at or before it, and [`CharBits`], a set of
//! three-byte chars tested without decoding them.

use crate::core::chars::decode3;

/// The char starting at byte `i`; `None` at the end or inside a char.
/// This is the recognizer's innermost helper, so ASCII and three-byte chars
/// (all of Chinese) are decoded in place, without the boundary check and
/// the general decoder of `str::chars`.
#[inline]
pub(super) fn ch_at(s: &str, i: usize) -> Option<char> {
    let b = s.as_bytes();
    let x = *b.get(i)?;
    if x < 0x80 {
        return Some(x as char);
    }
    // a three-byte lead (the text is valid UTF-8: two continuation bytes follow)
    if x & 0xF0 == 0xE0 {
        if let (Some(&y), Some(&z)) = (b.get(i + 1), b.get(i + 2)) {
            return Some(decode3(x, y, z));
        }
    }
    s.get(i..)?.chars().next()
}

/// The char ending at byte `i`; `None` at the start or inside a char.
#[inline]
pub(super) fn ch_before(s: &str, i: usize) -> Option<char> {
    let b = s.as_bytes();
    // `i` must be a char boundary: the end, or not a continuation byte
    let boundary = b.get(i).is_none_or(|&x| x & 0xC0 != 0x80);
    if boundary && i <= b.len() {
        match i.checked_sub(1).and_then(|k| b.get(k)) {
            Some(&x) if x < 0x80 => return Some(x as char),
            None => return None,
            _ => {}
        }
        if let Some(&[x, y, z]) = i.checked_sub(3).and_then(|k| b.get(k..i)) {
            if x & 0xF0 == 0xE0 {
                return Some(decode3(x, y, z));
            }
        }
    }
    s.get(..i)?.chars().next_back()
}

/// Byte-wise prefix test: the patterns are short words, and most differ from
/// the text in their first bytes, so a loop beats a call to `memcmp`.
#[inline]
pub(super) fn starts(r: &[u8], p: &[u8]) -> bool {
    p.len() <= r.len() && p.iter().zip(r).all(|(a, b)| a == b)
}

#[inline]
pub(super) fn ends(r: &[u8], p: &[u8]) -> bool {
    p.len() <= r.len() && p.iter().rev().zip(r.iter().rev()).all(|(a, b)| a == b)
}

// The word tests below compare bytes without asking whether `i` is a char
// boundary: every pattern is a non-empty string of whole chars, and UTF-8 is
// self-synchronizing, so a byte match of a whole pattern starts (or ends) on
// a char boundary anyway.

#[inline]
pub(super) fn at(s: &str, i: usize, pat: &str) -> bool {
    s.as_bytes()
        .get(i..)
        .is_some_and(|r| starts(r, pat.as_bytes()))
}

#[inline]
pub(super) fn before(s: &str, i: usize, pat: &str) -> bool {
    s.as_bytes()
        .get(..i)
        .is_some_and(|r| ends(r, pat.as_bytes()))
}

pub(super) fn at_any(s: &str, i: usize, pats: &[&'static str]) -> Option<&'static str> {
    let r = s.as_bytes().get(i..)?;
    pats.iter().copied().find(|p| starts(r, p.as_bytes()))
}

pub(super) fn before_any(s: &str, i: usize, pats: &[&'static str]) -> Option<&'static str> {
    let r = s.as_bytes().get(..i)?;
    pats.iter().copied().find(|p| ends(r, p.as_bytes()))
}

/// A set of three-byte chars (U+0800..U+FFFF, which holds all of Chinese)
/// as bits by code point: word `cp >> 6`, bit `cp & 63`. Both indices come
/// straight from the UTF-8 bytes (the lead's low nibble and the second
/// byte's six bits, then the third byte's six bits), so a char can be
/// tested without decoding it. Other chars are never members.
pub(crate) struct CharBits([u64; 1024]);

impl CharBits {
    pub(crate) fn of(chars: impl IntoIterator<Item = char>) -> CharBits {
        let mut bits = [0u64; 1024];
        for c in chars {
            let n = c as u32;
            debug_assert_eq!(c.len_utf8(), 3, "{c}");
            if let (3, Some(w)) = (c.len_utf8(), bits.get_mut((n >> 6) as usize)) {
                *w |= 1 << (n & 63);
            }
        }
        CharBits(bits)
    }

    /// Is the char of the three bytes `x y z` (a lead and two continuation
    /// bytes) a member?
    #[inline]
    pub(super) fn has_bytes(&self, x: u8, y: u8, z: u8) -> bool {
        let word = self
            .0
            .get(usize::from(x & 0x0F) << 6 | usize::from(y & 0x3F))
            .copied()
            .unwrap_or(0);
        word >> (z & 0x3F) & 1 == 1
    }

    #[inline]
    pub(crate) fn contains(&self, c: char) -> bool {
        let n = c as u32;
        (0x800..0x1_0000).contains(&n)
            && self
                .0
                .get((n >> 6) as usize)
                .is_some_and(|w| w >> (n & 63) & 1 == 1)
    }
}
