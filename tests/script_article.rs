//! The spacing / stray-Latin / script / pinyin rules on a whole article: the
//! planted defects are found (the exact list of findings is the snapshot
//! `script_article.expected`), and a clean re-analysis after applying all
//! fixes.

use std::sync::Arc;

use zhproof::core::{analyze, apply_edits, fix_all_edits, Config, DocKind};

const CODES: &[&str] = &[
    "space-cjk-alnum",
    "space-around-fullwidth",
    "space-irregular",
    "latin-stray",
    "script-mixed",
    "pinyin-inline",
];

fn article() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/script_article.txt"
    ))
    .expect("fixture exists")
}

fn mine(text: &str) -> Vec<(&'static str, String, bool)> {
    analyze(text, DocKind::Plain, Arc::new(Config::default()))
        .findings
        .into_iter()
        .filter(|f| CODES.contains(&f.code))
        .map(|f| (f.code, text[f.range.clone()].to_string(), f.fix.is_some()))
        .collect()
}

#[test]
fn planted_defects_are_found() {
    let text = article();
    let got: Vec<(&str, String)> = mine(&text).into_iter().map(|(c, t, _)| (c, t)).collect();
    for (code, flagged) in [
        ("pinyin-inline", "(jìn)"),
        ("pinyin-inline", "(shí)"),
        ("pinyin-inline", "(xí)"),
        ("script-mixed", "見"),
        ("script-mixed", "習"),
        ("script-mixed", "記"),
        ("script-mixed", "羅"),
        ("script-mixed", "張"),
        ("script-mixed", "實"),
        ("space-cjk-alnum", " "),
        ("latin-stray", "and"),
        ("space-around-fullwidth", " "),
        ("space-irregular", "  "),
    ] {
        assert!(
            got.iter().any(|(c, t)| *c == code && t == flagged),
            "({code}, {flagged:?}) not found in {got:?}"
        );
    }
}

#[test]
fn fix_all_leaves_nothing_fixable() {
    let text = article();
    let a = analyze(&text, DocKind::Plain, Arc::new(Config::default()));
    let edits = fix_all_edits(&a.findings);
    let (fixed, _) = apply_edits(&text, &edits);
    let left: Vec<_> = mine(&fixed)
        .into_iter()
        .filter(|(_, _, fix)| *fix)
        .collect();
    assert!(left.is_empty(), "{left:?}\n{fixed}");
    // the prose reads as it should
    assert!(fixed.contains("□本报见习记者 罗小明 通讯员 王丽"));
    assert!(fixed.contains("纪念改革开放45周年。区委书记张某"));
    assert!(fixed.contains("统筹推进产业政策和人才政策落地见效"));
    assert!(fixed.contains("要坚持以“项目为王”理念"));
    assert!(fixed.contains("发扬实干精神，以钉钉子精神"));
    assert!(fixed.contains("奋进新征程　实干谱新篇"));
    assert!(fixed.contains("确保各项目标任务按期完成。\n"));
}
