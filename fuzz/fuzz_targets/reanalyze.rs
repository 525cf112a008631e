//! Incremental re-analysis: an `Analyzer` (with its paragraph cache) fed a
//! text and then the text after each of a few random edits finds exactly
//! what a fresh analysis of the same text finds.
//!
//! Input: `kind-byte text (0xFF op)*`, where an op is two bytes of position
//! (a fraction of the char count), one byte of how many chars to delete,
//! and the text to insert. 0xFF never occurs in UTF-8, so seeds of plain
//! text are valid inputs.
#![no_main]
use libfuzzer_sys::fuzz_target;
use zhproof_fuzz::*;

const MAX_OPS: usize = 4;

fn apply(text: &mut String, op: &[u8]) {
    let (pos, del, ins) = match op {
        [a, b, d, rest @ ..] => (
            u16::from_le_bytes([*a, *b]) as usize,
            *d as usize % 16,
            rest,
        ),
        _ => return,
    };
    let n = text.chars().count();
    let start_char = if n == 0 { 0 } else { pos * (n + 1) / 65536 };
    let at = |k: usize| text.char_indices().nth(k).map_or(text.len(), |(i, _)| i);
    let s = at(start_char.min(n));
    let e = at((start_char + del).min(n));
    let ins = String::from_utf8_lossy(ins);
    text.replace_range(s..e, &ins);
}

fuzz_target!(|data: &[u8]| {
    warm();
    let (kind, rest) = kind_and_rest(data);
    let mut parts = rest.split(|&b| b == 0xFF);
    let mut text = text_of(parts.next().unwrap_or_default()).into_owned();
    let config = default_config();
    let mut inc = Analyzer::new(config.clone());
    let first = inc.analyze(&text, kind);
    check_findings(&text, &first.findings);
    for op in parts.take(MAX_OPS) {
        apply(&mut text, op);
        let again = inc.analyze(&text, kind);
        let fresh = analyze(&text, kind, config.clone());
        check_no_panics(&fresh);
        check_findings(&text, &again.findings);
        assert_eq!(
            again.findings, fresh.findings,
            "incremental and fresh analyses differ on {text:?}"
        );
        // the same outline (blocks and their classes, as the public API shows them)
        assert_eq!(again.sections(&text), fresh.sections(&text));
    }
});
