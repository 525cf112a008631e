//! The word-level and term rules over a whole news report: the defects
//! planted in the fixture are found and fixed (that nothing else is found is
//! the snapshot `words_article.expected`).

use std::sync::Arc;

use zhproof::core::{analyze, apply_edits, fix_all_edits, Config, DocKind};

const CODES: &[&str] = &[
    "word-confused",
    "word-redundant",
    "term-banned",
    "term-cautioned",
];

#[test]
fn words_article_planted_defects_are_found_and_fixed() {
    let text = include_str!("fixtures/words_article.txt");
    let a = analyze(text, DocKind::Plain, Arc::new(Config::default()));
    let got: Vec<(&str, &str)> = a
        .findings
        .iter()
        .filter(|f| CODES.contains(&f.code))
        .map(|f| (f.code, &text[f.range.clone()]))
        .collect();
    for planted in [
        ("word-confused", "截止目前"),
        ("word-confused", "按步就班"),
        ("word-confused", "按装"),
        ("term-banned", "残废人"),
        ("word-redundant", "免费赠送"),
        ("word-confused", "再接再励"),
        ("word-redundant", "涉及到"),
    ] {
        assert!(got.contains(&planted), "{planted:?} not found in {got:?}");
    }

    // every one of them has a fix; applying them leaves none of these findings
    let mine: Vec<_> = a
        .findings
        .iter()
        .filter(|f| CODES.contains(&f.code))
        .cloned()
        .collect();
    assert!(mine.iter().all(|f| f.fix.is_some()));
    let (fixed, _) = apply_edits(text, &fix_all_edits(&mine));
    for (wrong, right) in [
        ("截止目前，东湖", "截至目前，东湖"),
        ("按步就班", "按部就班"),
        ("上门按装", "上门安装"),
        ("残废人", "残疾人"),
        ("免费赠送", "赠送"),
        ("再接再励", "再接再厉"),
        ("涉及到的", "涉及的"),
    ] {
        assert!(!fixed.contains(wrong), "{wrong}");
        assert!(fixed.contains(right), "{right}");
    }
    let again = analyze(&fixed, DocKind::Plain, Arc::new(Config::default()));
    assert!(again.findings.iter().all(|f| !CODES.contains(&f.code)));
}
