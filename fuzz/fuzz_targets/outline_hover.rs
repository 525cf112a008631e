//! The outline of arbitrary text, and the hover at every byte offset (also
//! inside characters): no panic, every range inside the text on boundaries,
//! and a hover's range holds its offset's character.
#![no_main]
use libfuzzer_sys::fuzz_target;
use zhproof_fuzz::*;

fuzz_target!(|data: &[u8]| {
    warm();
    let (kind, rest) = kind_and_rest(data);
    let text = text_of(rest);
    let a = analyze(&text, kind, default_config());
    check_sections(&text, a.sections(&text));
    let index = HoverIndex::new(&a, &text, None);
    for offset in 0..=text.len() + 1 {
        if let Some(h) = hover(&a, &text, &index, offset) {
            assert_range(&text, &h.range, "hover");
            assert!(!h.markdown.is_empty(), "empty hover at {offset}");
            let at = floor_boundary(&text, offset);
            assert!(
                h.range.start <= at && at <= h.range.end,
                "hover at {offset} covers {:?}",
                h.range
            );
        }
    }
});
