//! Facts about a paragraph's masked text that cheap pre-checks ask before a
//! rule does any real work ("is there a 的 at all?").
//!
//! Each fact has a plain definition below ([`reference`]); [`Facts::of`]
//! computes all of them in one walk over the bytes, which is what the
//! analyzer runs (one pass instead of one per fact). A test checks that the
//! walk and the definitions agree on many texts.

use crate::core::chars::{code3, is_han, is_inline_ws};
use crate::core::hanzi;
use crate::core::nlp;
use std::sync::LazyLock;

/// What a paragraph holds, as its pre-checks ask.
#[derive(Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    /// Some Han character right after itself (`的的`), or two Han characters
    /// right after themselves (`我们我们`).
    pub repeats: bool,
    /// Any ASCII letter.
    pub latin: bool,
    /// Any `的`.
    pub de: bool,
    /// Any opening parenthesis, `(` or `（`.
    pub paren: bool,
    /// Any white space (space, tab, NBSP, U+3000) after the indentation.
    pub inner_ws: bool,
    /// Any NBSP or U+3000 after the indentation.
    pub wide_ws: bool,
    /// How many Han characters from U+3400 on only simplified script has
    /// (see [`hanzi`]).
    pub simp_only: u32,
    /// Any character the simplifier may change (a traditional form, see
    /// [`nlp::may_change`]).
    pub may_change: bool,
}

/// [`is_han`] of a code point.
fn is_han_code(n: u32) -> bool {
    char::from_u32(n).is_some_and(is_han)
}

/// What the walk asks of a three-byte character, a bit each (one table
/// lookup instead of one per question).
const SIMP_ONLY: u8 = 1;
const MAY_CHANGE: u8 = 2;
/// `的`, `（` or U+3000: the walk looks closer.
const MARK: u8 = 4;

/// The [`SIMP_ONLY`], [`MAY_CHANGE`] and [`MARK`] bits of every code point
/// of U+0000..=U+FFFF (built once from the script and simplifier tables).
static CLASS: LazyLock<Box<[u8; 0x10000]>> = LazyLock::new(|| {
    let mut class = Box::new([0u8; 0x10000]);
    let simp_only = &hanzi::TABLES.simp_only_han;
    let changeable = nlp::may_change_bits();
    for (n, c) in class.iter_mut().enumerate() {
        let (word, bit) = (n >> 6, n & 63);
        if (simp_only[word] >> bit) & 1 != 0 {
            *c |= SIMP_ONLY;
        }
        if (changeable[word] >> bit) & 1 != 0 {
            *c |= MAY_CHANGE;
        }
    }
    for mark in ['的', '（', '\u{3000}'] {
        class[mark as usize] |= MARK;
    }
    class
});

impl Facts {
    /// All facts of `s`, in one walk.
    pub fn of(s: &str) -> Facts {
        // the three previous characters (0: none, or not Han-relevant), and
        // the offsets after the last white space and the last NBSP or U+3000
        let (mut p1, mut p2, mut p3) = (0u32, 0u32, 0u32);
        let (mut ws_end, mut wide_ws_end) = (0, 0);
        let mut f = Facts::default();
        let class = &**CLASS;
        let b = s.as_bytes();
        let mut rest = b;
        loop {
            let at = b.len() - rest.len();
            let (n, marked) = match *rest {
                [] => break,
                [x, ref tail @ ..] if x < 0x80 => {
                    rest = tail;
                    f.latin |= x.is_ascii_alphabetic();
                    match x {
                        b'(' => f.paren = true,
                        b' ' | b'\t' => ws_end = at + 1,
                        _ => {}
                    }
                    // (an ASCII character ends no repeat of Han characters)
                    (p3, p2, p1) = (p2, p1, x as u32);
                    continue;
                }
                [x @ 0xE0..=0xEF, y, z, ref tail @ ..] => {
                    rest = tail;
                    let n = code3(x, y, z);
                    let c = class[n as usize & 0xFFFF];
                    f.simp_only += u32::from(c & SIMP_ONLY);
                    f.may_change |= c & MAY_CHANGE != 0;
                    (n, c & MARK != 0)
                }
                _ => {
                    let Some(c) = s.get(at..).and_then(|r| r.chars().next()) else {
                        break;
                    };
                    rest = rest.get(c.len_utf8()..).unwrap_or_default();
                    (c as u32, c == '\u{A0}')
                }
            };
            if marked {
                match n {
                    0x7684 => f.de = true,    // 的
                    0xFF08 => f.paren = true, // （
                    _ => {
                        // U+3000 or NBSP
                        ws_end = b.len() - rest.len();
                        wide_ws_end = ws_end;
                    }
                }
            }
            // rarely equal: the Han test only then
            if n == p1 || (n == p2 && p1 == p3) {
                f.repeats |= (n == p1 && is_han_code(n))
                    || (p3 == p1 && p2 == n && is_han_code(p3) && is_han_code(p2));
            }
            (p3, p2, p1) = (p2, p1, n);
        }
        // white space after the indentation: the last one ends after it
        let indent = s.len() - s.trim_start_matches(is_inline_ws).len();
        f.inner_ws = ws_end > indent;
        f.wide_ws = wide_ws_end > indent;
        f
    }
}

/// The plain definitions of the facts, one function each: what
/// [`Facts::of`] must agree with.
#[cfg(test)]
pub mod reference {
    use super::*;

    pub fn repeats(s: &str) -> bool {
        let cs: Vec<char> = s.chars().collect();
        let one = cs.windows(2).any(|w| w[0] == w[1] && is_han(w[0]));
        let two = cs
            .windows(4)
            .any(|w| w[0] == w[2] && w[1] == w[3] && is_han(w[0]) && is_han(w[1]));
        one || two
    }

    pub fn latin(s: &str) -> bool {
        s.bytes().any(|b| b.is_ascii_alphabetic())
    }

    pub fn de(s: &str) -> bool {
        s.contains('的')
    }

    pub fn paren(s: &str) -> bool {
        s.contains('(') || s.contains('（')
    }

    pub fn inner_ws(s: &str) -> bool {
        s.trim_start_matches(is_inline_ws).contains(is_inline_ws)
    }

    pub fn wide_ws(s: &str) -> bool {
        s.trim_start_matches(is_inline_ws)
            .contains(['\u{3000}', '\u{A0}'])
    }

    pub fn simp_only(s: &str) -> u32 {
        let t = &*hanzi::TABLES;
        s.chars()
            .filter(|&c| c as u32 >= 0x3400 && is_han(c) && t.simp_only.has(c))
            .count() as u32
    }

    /// All facts, from the definitions.
    pub fn facts(s: &str) -> Facts {
        Facts {
            repeats: repeats(s),
            latin: latin(s),
            de: de(s),
            paren: paren(s),
            inner_ws: inner_ws(s),
            wide_ws: wide_ws(s),
            simp_only: simp_only(s),
            may_change: nlp::may_change(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_agrees_with_the_definitions() {
        let atoms = [
            "的",
            "的的",
            "我们",
            "我们我们",
            "他",
            "(",
            "（",
            ")",
            " ",
            "\t",
            "\u{3000}",
            "\u{A0}",
            "a",
            "Z",
            "1",
            "é",
            "𠮷",
            "𠮷𠮷",
            "。",
            "\u{1}",
            "de",
            "，",
            "這",
            "著",
            "乾",
        ];
        let mut texts: Vec<String> = atoms.iter().map(|s| s.to_string()).collect();
        // every sequence of up to three atoms, and some with an indentation
        for a in atoms {
            for b in atoms {
                for c in atoms {
                    texts.push(format!("{a}{b}{c}"));
                    texts.push(format!("  {a}{b}{c}"));
                    texts.push(format!("\u{3000}\u{3000}{a}文{b}{c}"));
                }
            }
        }
        for name in ["clean_news.txt", "punct_article.txt", "script_article.txt"] {
            let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
            let t = std::fs::read_to_string(path).unwrap_or_default();
            texts.extend(t.lines().map(String::from));
        }
        texts.extend(crate::core::wordlists::sample_texts());
        let mut seen = [0usize; 8];
        for t in &texts {
            let f = Facts::of(t);
            assert_eq!(f, reference::facts(t), "{t:?}");
            let all = [
                f.repeats,
                f.latin,
                f.de,
                f.paren,
                f.inner_ws,
                f.wide_ws,
                f.simp_only > 0,
                f.may_change,
            ];
            for (k, on) in all.iter().enumerate() {
                seen[k] += usize::from(*on);
            }
        }
        // every fact was both true and false many times
        assert!(
            seen.iter().all(|&n| n > 100 && n + 100 < texts.len()),
            "{seen:?}"
        );
    }
}
