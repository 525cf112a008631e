//! LSP position conversion over arbitrary text (CRLF, lone CR, U+2028,
//! astral characters whose UTF-16 form is a surrogate pair), in UTF-8, -16
//! and -32: `PosCursor` and `PosTable` agree with `to_pos` at every byte
//! offset in any order; `to_byte` of a boundary's position gives it back;
//! `to_byte` of arbitrary positions (inside surrogate pairs, past line ends,
//! past the last line) lands on a character boundary and says it clamped.
#![no_main]
use libfuzzer_sys::fuzz_target;
use ropey::Rope;
use zhproof_fuzz::*;

fuzz_target!(|data: &[u8]| {
    let (&sel, rest) = match data.split_first() {
        Some(x) => x,
        None => return,
    };
    // the tail after a 0xFF: arbitrary positions to convert back
    let (body, probes) = match rest.iter().position(|&b| b == 0xFF) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &[][..]),
    };
    let text = text_of(body);
    let rope = Rope::from_str(&text);
    let enc = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32][sel as usize % 3];
    let n = text.len() + 2;
    let stride = 1 + (sel as usize / 3) % 7;
    let mut fwd = PosCursor::new(&rope, &text, enc);
    let mut jump = PosCursor::new(&rope, &text, enc);
    let single: Vec<Pos> = (0..n).map(|b| to_pos(&rope, b, enc)).collect();
    for (b, &want) in single.iter().enumerate() {
        assert_eq!(fwd.pos(b), want, "in order at {b}");
        let j = (b * stride + b / 3) % n;
        assert_eq!(jump.pos(j), single[j], "jumping at {j}");
    }
    let table = PosTable::new(&rope, &text, enc, (0..n).rev().collect());
    for (b, &want) in single.iter().enumerate() {
        assert_eq!(table.get(b), Some(want));
    }
    let bytes = text.as_bytes();
    for b in 0..=text.len() {
        if !text.is_char_boundary(b) {
            continue;
        }
        // between \r and \n is no position of its own
        if b > 0 && bytes[b - 1] == b'\r' && bytes.get(b) == Some(&b'\n') {
            continue;
        }
        assert_eq!(
            to_byte(&rope, single[b], enc),
            (b, false),
            "round trip at {b}"
        );
    }
    for p in probes.chunks(4) {
        let (line, character) = match p {
            [a, b, c, d] => (
                u16::from_le_bytes([*a, *b]) as u32,
                u16::from_le_bytes([*c, *d]) as u32,
            ),
            _ => continue,
        };
        let pos = Pos { line, character };
        let (b, clamped) = to_byte(&rope, pos, enc);
        assert!(b <= text.len() && text.is_char_boundary(b), "{pos:?} → {b}");
        if !clamped {
            assert_eq!(to_pos(&rope, b, enc), pos, "exact {pos:?}");
        }
    }
});
