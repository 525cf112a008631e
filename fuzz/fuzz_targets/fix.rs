//! Fix application: the edits of fix-all lie on character boundaries and do
//! not overlap, applying them applies all of them, and fixing until stable
//! ends (its result analysed again has nothing left that fix-all would
//! change, unless the round limit was reached). Arbitrary edits (the input's
//! tail) are applied without a panic, skipping those off boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;
use zhproof_fuzz::*;

fuzz_target!(|data: &[u8]| {
    warm();
    let (kind, rest) = kind_and_rest(data);
    let mut parts = rest.split(|&b| b == 0xFF);
    let text = text_of(parts.next().unwrap_or_default()).into_owned();
    let config = default_config();
    let a = analyze(&text, kind, config.clone());
    check_findings(&text, &a.findings);
    let edits = fix_all_edits(&a.findings);
    for e in &edits {
        assert_range(&text, &e.range, "fix-all edit");
    }
    let (fixed, n) = apply_edits(&text, &edits);
    assert_eq!(n, edits.len(), "fix-all chose overlapping edits: {edits:?}");
    // the result is a String, hence valid UTF-8; it is analysable too
    let b = analyze(&fixed, kind, config.clone());
    check_findings(&fixed, &b.findings);
    let (stable, _) = fix_until_stable(&text, kind, config);
    let c = analyze(&stable, kind, default_config());
    check_findings(&stable, &c.findings);

    // arbitrary edits: (start, end) as two bytes each, then the replacement
    let arbitrary: Vec<Edit> = parts
        .take(8)
        .filter_map(|p| match p {
            [a, b, c, d, rest @ ..] => {
                let s = u16::from_le_bytes([*a, *b]) as usize;
                let e = u16::from_le_bytes([*c, *d]) as usize;
                Some(Edit::new(s..e, String::from_utf8_lossy(rest).into_owned()))
            }
            _ => None,
        })
        .collect();
    let (out, applied) = apply_edits(&text, &arbitrary);
    assert!(applied <= arbitrary.len());
    if applied == 0 {
        assert_eq!(out, text);
    }
});
