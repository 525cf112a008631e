//! A news report with exactly one typo, one 的/地 error and one repeated
//! word, among plenty of correct reduplication: the word-level rules report
//! those three with their messages and fixes (that they report nothing else
//! is the snapshot `typos_article.expected`).

use std::sync::Arc;

use zhproof::core::{analyze, apply_edits, fix_all_edits, Config, DocKind};

const CODES: &[&str] = &["typo-char", "de-di-de", "word-repeated"];

#[test]
fn typos_article_planted_defects_are_found() {
    let text = include_str!("fixtures/typos_article.txt");
    let a = analyze(text, DocKind::Plain, Arc::new(Config::default()));
    let got: Vec<(&str, &str, String)> = a
        .findings
        .iter()
        .filter(|f| CODES.contains(&f.code))
        .map(|f| (f.code, &text[f.range.clone()], f.message.to_string()))
        .collect();
    for planted in [
        (
            "de-di-de",
            "的",
            "修饰动词的状语后应用“地”：“高兴的说”应为“高兴地说”",
        ),
        ("typo-char", "安徘", "“安徘”疑为“安排”之误"),
        ("word-repeated", "的的", "“的的”重复，应为“的”"),
    ] {
        assert!(
            got.iter().any(|(c, t, m)| (*c, *t, m.as_str()) == planted),
            "{planted:?} not found in {got:?}"
        );
    }
}

#[test]
fn typos_article_fixes() {
    let text = include_str!("fixtures/typos_article.txt");
    let a = analyze(text, DocKind::Plain, Arc::new(Config::default()));
    let mine: Vec<_> = a
        .findings
        .iter()
        .filter(|f| CODES.contains(&f.code))
        .cloned()
        .collect();
    let edits = fix_all_edits(&mine);
    let (fixed, _) = apply_edits(text, &edits);
    assert!(fixed.contains("一边高兴地说，"));
    assert!(fixed.contains("作出部署安排，"));
    assert!(fixed.contains("让村民的“小菜园”"));
    assert_eq!(fixed.len(), text.len() - "的".len());
}
