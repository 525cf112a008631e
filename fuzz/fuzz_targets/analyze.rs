//! Full analysis of arbitrary text (first byte: plain or Markdown): no
//! panic (also none caught inside a rule), every range on character
//! boundaries, findings sorted.
#![no_main]
use libfuzzer_sys::fuzz_target;
use zhproof_fuzz::*;

fuzz_target!(|data: &[u8]| {
    warm();
    let (kind, rest) = kind_and_rest(data);
    let text = text_of(rest);
    let a = analyze(&text, kind, default_config());
    check_no_panics(&a);
    check_findings(&text, &a.findings);
    for s in a.sections(&text) {
        assert_range(&text, &s.range, "section");
        assert_range(&text, &s.selection, "section title");
    }
});
