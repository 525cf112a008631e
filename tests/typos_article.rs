//! A news report with exactly one typo, one 的/地 error and one repeated
//! word, among plenty of correct reduplication: the word-level rules must
//! report exactly those three.

use std::sync::Arc;

use zhproof::core::{analyze, Config, DocKind};

const CODES: &[&str] = &["typo-char", "de-di-de", "word-repeated"];

#[test]
fn typos_article_exact_findings() {
    let text = include_str!("fixtures/typos_article.txt");
    let a = analyze(text, DocKind::Plain, Arc::new(Config::default()));
    let got: Vec<(&str, &str, String)> = a
        .findings
        .iter()
        .filter(|f| CODES.contains(&f.code))
        .map(|f| (f.code, &text[f.range.clone()], f.message.to_string()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "de-di-de",
                "的",
                "修饰动词的状语后应用“地”：“高兴的说”应为“高兴地说”".to_string()
            ),
            ("typo-char", "安徘", "“安徘”疑为“安排”之误".to_string()),
            ("word-repeated", "的的", "“的的”重复，应为“的”".to_string()),
        ]
    );
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
    let edits = zhproof::core::fix::fix_all_edits(&mine);
    let (fixed, _) = zhproof::core::fix::apply_edits(text, &edits);
    assert!(fixed.contains("一边高兴地说，"));
    assert!(fixed.contains("作出部署安排，"));
    assert!(fixed.contains("让村民的“小菜园”"));
    assert_eq!(fixed.len(), text.len() - "的".len());
}

/// Throughput cost of the three rules: analyse ~5 MB of text (the files in
/// `ZHPROOF_BENCH_FILES`, colon-separated, or this fixture) with the rules on
/// and off. Run with `cargo test --release --test typos_article -- --ignored --nocapture`.
#[test]
#[ignore]
fn typos_rules_throughput() {
    use std::time::Instant;
    use zhproof::core::config::RuleSetting;

    let files = std::env::var("ZHPROOF_BENCH_FILES").unwrap_or_default();
    let mut sample = String::new();
    for f in files.split(':').filter(|f| !f.is_empty()) {
        sample.push_str(&std::fs::read_to_string(f).unwrap_or_default());
        sample.push('\n');
    }
    if sample.trim().is_empty() {
        sample = include_str!("fixtures/typos_article.txt").to_string();
    }
    let mut text = String::new();
    let mut n = 0;
    while text.len() < 5_000_000 {
        // vary every copy so that no paragraph is a duplicate
        for line in sample.lines() {
            if !line.trim().is_empty() {
                text.push_str(&format!("{n}．{line}\n"));
            }
        }
        n += 1;
    }
    let mb = text.len() as f64 / 1e6;
    let _ = analyze("预热。", DocKind::Plain, Arc::new(Config::default()));
    let run = |off: &[&str]| {
        let mut c = Config::default();
        for code in off {
            c.rules.insert(code.to_string(), RuleSetting::Off);
        }
        let t = Instant::now();
        let a = analyze(&text, DocKind::Plain, Arc::new(c));
        let s = t.elapsed().as_secs_f64();
        (s, a.findings.len())
    };
    let (base, nb) = run(CODES);
    let (with, nw) = run(&[]);
    println!(
        "{mb:.1} MB: without the three rules {base:.2} s ({:.1} MB/s, {nb} findings), with them {with:.2} s ({:.1} MB/s, {nw} findings)",
        mb / base,
        mb / with
    );
    let t = Instant::now();
    let j = zhproof::core::nlp::jieba();
    let mut ntok = 0;
    for line in text.lines() {
        ntok += zhproof::core::nlp::tag(&j, &zhproof::core::nlp::to_simplified(line)).len();
    }
    println!(
        "  of which jieba tagging alone (shared by all word rules): {:.2} s ({ntok} tokens)",
        t.elapsed().as_secs_f64()
    );
    for code in CODES {
        let others: Vec<&str> = CODES.iter().copied().filter(|c| c != code).collect();
        let (t, _) = run(&others);
        println!("  only {code}: +{:.2} s", t - base);
    }
}
