//! Byte offsets ↔ LSP positions, in the negotiated encoding. Only the LSP
//! adapter converts; the core speaks byte ranges.

use ropey::Rope;

/// The negotiated position encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    fn units(self, c: char) -> u32 {
        match self {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
            Encoding::Utf32 => 1,
        }
    }
}

/// An LSP position (0-based line, character in encoding units).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub character: u32,
}

/// Byte length of line `line` without its terminator.
fn line_content_bytes(rope: &Rope, line: usize) -> usize {
    let start = rope.line_to_byte(line);
    let end = if line + 1 < rope.len_lines() {
        rope.line_to_byte(line + 1)
    } else {
        rope.len_bytes()
    };
    let slice = rope.byte_slice(start..end);
    let mut len = end - start;
    // strip \n, \r\n or \r
    let mut tail = slice.chars_at(slice.len_chars());
    if let Some(c) = tail.prev() {
        if c == '\n' {
            len -= 1;
            if let Some('\r') = tail.prev() {
                len -= 1;
            }
        } else if c == '\r' {
            len -= 1;
        }
    }
    len
}

/// Byte offset → position. Offsets past the end clamp to the end.
pub fn to_pos(rope: &Rope, byte: usize, enc: Encoding) -> Pos {
    let byte = byte.min(rope.len_bytes());
    let line = rope.byte_to_line(byte);
    let start = rope.line_to_byte(line);
    let mut units = 0u32;
    if byte > start {
        // byte may fall inside a char: count only whole chars before it
        let slice = rope.byte_slice(start..rope.char_to_byte(rope.byte_to_char(byte)));
        for c in slice.chars() {
            units += enc.units(c);
        }
    }
    Pos {
        line: line as u32,
        character: units,
    }
}

fn units_in(s: &str, enc: Encoding) -> u32 {
    (match enc {
        Encoding::Utf8 => s.len(),
        Encoding::Utf32 => s.chars().count(),
        Encoding::Utf16 => s.chars().count() + s.bytes().filter(|&b| b >= 0xF0).count(),
    }) as u32
}

/// Converts many byte offsets of one version (the rope and its text as a
/// string) to positions. Same results as [`to_pos`]; when offsets come in
/// increasing order on one line, as sorted findings mostly do, it counts
/// only from the previous offset instead of from the line start.
pub struct PosCursor<'a> {
    rope: &'a Rope,
    text: &'a str,
    enc: Encoding,
    /// The last conversion: its line, that line's byte span, and the
    /// offset with its unit count (None before the first).
    last: Option<(u32, usize, usize, usize, u32)>,
}

impl<'a> PosCursor<'a> {
    pub fn new(rope: &'a Rope, text: &'a str, enc: Encoding) -> Self {
        PosCursor {
            rope,
            text,
            enc,
            last: None,
        }
    }

    pub fn pos(&mut self, byte: usize) -> Pos {
        let mut byte = byte.min(self.rope.len_bytes()).min(self.text.len());
        while byte > 0 && !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        if let Some((line, start, next, at, units)) = self.last {
            if byte >= at && byte >= start && byte < next {
                let units = units + units_in(self.text.get(at..byte).unwrap_or(""), self.enc);
                self.last = Some((line, start, next, byte, units));
                return Pos {
                    line,
                    character: units,
                };
            }
            // a few lines further on: step over line breaks in the text
            // (LF, CR, CRLF, as the rope counts them) instead of asking the rope
            if byte >= next && next != usize::MAX {
                let (mut line, mut start, mut next) = (line, start, next);
                let mut steps = 0;
                while byte >= next && next != usize::MAX && steps < 32 {
                    line += 1;
                    start = next;
                    next = match memchr::memchr2(b'\n', b'\r', &self.text.as_bytes()[start..]) {
                        Some(i) => {
                            let at = start + i;
                            if self.text.as_bytes()[at] == b'\r'
                                && self.text.as_bytes().get(at + 1) == Some(&b'\n')
                            {
                                at + 2
                            } else {
                                at + 1
                            }
                        }
                        None => usize::MAX,
                    };
                    steps += 1;
                }
                if byte >= start && byte < next {
                    let units = units_in(self.text.get(start..byte).unwrap_or(""), self.enc);
                    self.last = Some((line, start, next, byte, units));
                    return Pos {
                        line,
                        character: units,
                    };
                }
            }
        }
        let line = self.rope.byte_to_line(byte);
        let start = self.rope.line_to_byte(line).min(byte);
        let next = if line + 1 < self.rope.len_lines() {
            self.rope.line_to_byte(line + 1)
        } else {
            usize::MAX
        };
        let units = units_in(self.text.get(start..byte).unwrap_or(""), self.enc);
        self.last = Some((line as u32, start, next, byte, units));
        Pos {
            line: line as u32,
            character: units,
        }
    }
}

/// The positions of a set of byte offsets of one version, converted in one
/// pass over the text (the offsets sorted, then walked with a
/// [`PosCursor`]): many conversions on one long line cost one count of the
/// line, not one count per offset.
pub struct PosTable {
    /// Sorted, without duplicates.
    offsets: Vec<usize>,
    /// The position of each offset.
    positions: Vec<Pos>,
}

impl PosTable {
    /// Convert `offsets` (in any order, duplicates allowed).
    pub fn new(rope: &Rope, text: &str, enc: Encoding, mut offsets: Vec<usize>) -> PosTable {
        offsets.sort_unstable();
        offsets.dedup();
        let mut cursor = PosCursor::new(rope, text, enc);
        let positions = offsets.iter().map(|&b| cursor.pos(b)).collect();
        PosTable { offsets, positions }
    }

    /// The position of an offset given to [`PosTable::new`].
    pub fn get(&self, byte: usize) -> Option<Pos> {
        let i = self.offsets.binary_search(&byte).ok()?;
        self.positions.get(i).copied()
    }
}

/// Position → byte offset. Returns the offset and whether it had to be
/// clamped (line past the end, character past the line, or inside a char).
pub fn to_byte(rope: &Rope, pos: Pos, enc: Encoding) -> (usize, bool) {
    let lines = rope.len_lines();
    let line = pos.line as usize;
    if line >= lines {
        return (rope.len_bytes(), true);
    }
    let start = rope.line_to_byte(line);
    let len = line_content_bytes(rope, line);
    let mut units = 0u32;
    let mut off = 0usize;
    for c in rope.byte_slice(start..start + len).chars() {
        if units >= pos.character {
            break;
        }
        let u = enc.units(c);
        if units + u > pos.character {
            // inside a char (e.g. between the surrogates of 𠮷)
            return (start + off, true);
        }
        units += u;
        off += c.len_utf8();
    }
    (start + off, units < pos.character)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_agrees_with_single_conversions() {
        let base = "𠮷中,\r\n第二行\u{2028}x\r末行\r\n\n空行后𠮷𠮷a\u{c}b";
        for (text, enc) in [
            base.to_string(),
            format!("{base}\n"),
            format!("{base}\r\n"),
            format!("\r\r\n\n{base}\r"),
            "𠮷中,\r\n第二行\u{2028}x\r😀a\n尾".to_string(),
        ]
        .iter()
        .flat_map(|t| [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32].map(|e| (t, e)))
        {
            let text = text.as_str();
            let rope = Rope::from_str(text);
            // in order, backwards, and jumping around (every offset, also inside chars)
            let n = text.len() + 2;
            let orders: [Vec<usize>; 3] = [
                (0..n).collect(),
                (0..n).rev().collect(),
                (0..n).map(|i| (i * 7) % n).collect(),
            ];
            for order in orders {
                let mut c = PosCursor::new(&rope, text, enc);
                for b in order {
                    assert_eq!(c.pos(b), to_pos(&rope, b, enc), "{b} {enc:?}");
                }
            }
        }
    }

    #[test]
    fn table_agrees_with_single_conversions() {
        let text = "𠮷中,\r\n第二行x\r末行\n";
        let rope = Rope::from_str(text);
        let offsets: Vec<usize> = (0..text.len() + 2).rev().chain([3, 3, 0]).collect();
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let t = PosTable::new(&rope, text, enc, offsets.clone());
            for &b in &offsets {
                assert_eq!(t.get(b), Some(to_pos(&rope, b, enc)), "{b} {enc:?}");
            }
            assert_eq!(t.get(text.len() + 5), None);
        }
    }

    #[test]
    fn non_bmp_and_crlf() {
        let r = Rope::from_str("𠮷中,\r\n第二行\u{2028}x\n");
        let comma = "𠮷中".len();
        assert_eq!(
            to_pos(&r, comma, Encoding::Utf16),
            Pos {
                line: 0,
                character: 3
            }
        );
        assert_eq!(
            to_pos(&r, comma, Encoding::Utf8),
            Pos {
                line: 0,
                character: 7
            }
        );
        assert_eq!(
            to_pos(&r, comma, Encoding::Utf32),
            Pos {
                line: 0,
                character: 2
            }
        );
        assert_eq!(
            to_byte(
                &r,
                Pos {
                    line: 0,
                    character: 3
                },
                Encoding::Utf16
            ),
            (comma, false)
        );
        // U+2028 is not a line break
        let x = r.to_string().find('x').unwrap();
        assert_eq!(
            to_pos(&r, x, Encoding::Utf16),
            Pos {
                line: 1,
                character: 4
            }
        );
        assert_eq!(r.len_lines(), 3);
        // past end of line clamps to the line end (before \r\n)
        assert_eq!(
            to_byte(
                &r,
                Pos {
                    line: 0,
                    character: 99
                },
                Encoding::Utf16
            ),
            (comma + 1, true)
        );
        // inside a surrogate pair
        assert_eq!(
            to_byte(
                &r,
                Pos {
                    line: 0,
                    character: 1
                },
                Encoding::Utf16
            ),
            (0, true)
        );
        // past the last line
        assert_eq!(
            to_byte(
                &r,
                Pos {
                    line: 9,
                    character: 0
                },
                Encoding::Utf16
            ),
            (r.len_bytes(), true)
        );
    }

    #[test]
    fn lone_cr_is_a_line_break() {
        let r = Rope::from_str("甲\r乙");
        assert_eq!(r.len_lines(), 2);
        assert_eq!(
            to_pos(&r, "甲\r".len(), Encoding::Utf16),
            Pos {
                line: 1,
                character: 0
            }
        );
    }
}
