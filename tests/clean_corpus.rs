//! Issue 21's precision proof: `zhproof check` on `tests/clean_corpus/`, a
//! corpus of clean, professionally edited news and official-document text
//! written for the project (see its `README.md`), should raise at most 0.3
//! findings per 10,000 characters. Every finding on this text is a false
//! alarm: the text was proofread against GB/T 15834-2011, GB/T 15835-2011 and
//! newsroom style, and the defects found while writing it were fixed.
//!
//! The characters counted are Han characters and punctuation (spaces, digits
//! and Latin letters are not counted), as a copy editor counts a manuscript.
//!
//! While the false-alarm classes of issue 21 are being fixed, the 0.3 target
//! is an ignored test and a ratchet (`ratchet_findings_do_not_grow`) keeps the
//! count from growing: lower `RATCHET` whenever a fix brings it down.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The most findings the corpus may raise today (the count on the commit
/// that added the corpus); lower it as false-alarm classes are fixed.
const RATCHET: usize = 5;

/// The target of issue 21: findings per 10,000 characters.
const TARGET_PER_10K: f64 = 0.3;

/// The corpus must be at least this many characters (Han + punctuation).
const MIN_CHARS: usize = 100_000;

/// The folder of the corpus.
fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/clean_corpus")
}

/// The corpus articles (`.txt` and `.md`, without `README.md`), sorted.
fn articles() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("tests/clean_corpus is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            (name.ends_with(".txt") || name.ends_with(".md")) && name != "README.md"
        })
        .collect();
    out.sort();
    out
}

/// Is `c` a Han character (the unified ideographs, extension A, the
/// compatibility ideographs and the supplementary planes' extensions)?
fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

/// Is `c` a Chinese punctuation mark (the full-width marks, the CJK marks,
/// dashes, ellipsis, curly quotation marks, the middle dot, the wave dash)?
/// ASCII marks are not counted: in this text they are parts of numbers and
/// units (`6.1%`, `km/h`).
fn is_punct(c: char) -> bool {
    matches!(c,
            '\u{3001}'..='\u{3003}'        // 、。〃
            | '\u{3008}'..='\u{3011}'      // 〈〉《》「」『』【】
            | '\u{3014}'..='\u{301F}'      // 〔〕〖〗 …
            | '\u{2010}'..='\u{2027}'      // ‐ – — ― ‘ ’ “ ” … ‧
            | '\u{2030}'..='\u{205E}'      // ‰ ′ ″ …
            | '\u{00B7}'                   // ·
            | '\u{FF01}'..='\u{FF0F}'      // ！＂…／
            | '\u{FF1A}'..='\u{FF20}'      // ：；＜＝＞？＠
            | '\u{FF3B}'..='\u{FF40}'      // ［＼］＾＿｀
            | '\u{FF5B}'..='\u{FF65}'      // ｛｜｝～ …
            | '\u{2236}') // ∶ (ratio)
}

/// The characters of `text` a copy editor counts: Han characters and
/// punctuation.
fn counted_chars(text: &str) -> usize {
    text.chars().filter(|&c| is_han(c) || is_punct(c)).count()
}

/// The corpus's size in counted characters.
fn corpus_chars() -> usize {
    articles()
        .iter()
        .map(|p| {
            let text =
                std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            counted_chars(&text)
        })
        .sum()
}

/// One finding: where it is, its code and the text it flags.
struct Found {
    path: String,
    line: u64,
    column: u64,
    code: String,
    text: String,
}

/// Every finding `zhproof check --format json` reports on the corpus.
fn findings() -> Vec<Found> {
    let out = Command::new(env!("CARGO_BIN_EXE_zhproof"))
        .args(["check", "--format", "json"])
        .args(articles())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run zhproof check");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let list: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "check --format json printed no JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let str_of = |f: &Value, k: &str| f.get(k).and_then(Value::as_str).unwrap_or("?").to_string();
    list.as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|f| Found {
            path: short_path(&str_of(f, "path")),
            line: f["start"]["line"].as_u64().unwrap_or(0),
            column: f["start"]["column"].as_u64().unwrap_or(0),
            code: str_of(f, "code"),
            text: str_of(f, "text"),
        })
        .collect()
}

/// `path` relative to `tests/clean_corpus/` (the file name).
fn short_path(path: &str) -> String {
    Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(path)
        .to_string()
}

/// Findings per code, and a report naming each finding (printed by the tests,
/// shown with `--nocapture` or when a test fails).
fn report(found: &[Found], chars: usize) -> String {
    let mut per_code: BTreeMap<&str, usize> = BTreeMap::new();
    for f in found {
        *per_code.entry(f.code.as_str()).or_default() += 1;
    }
    let mut s = format!(
        "{} findings on {} characters in {} articles: {:.3} per 10,000 characters (target {TARGET_PER_10K}, ratchet {RATCHET})\n",
        found.len(),
        chars,
        articles().len(),
        per_10k(found.len(), chars)
    );
    for (code, n) in &per_code {
        s.push_str(&format!("  {code}: {n}\n"));
    }
    for f in found {
        s.push_str(&format!(
            "  {}:{}:{} {} «{}»\n",
            f.path, f.line, f.column, f.code, f.text
        ));
    }
    s
}

/// `n` findings on `chars` characters, per 10,000 characters.
fn per_10k(n: usize, chars: usize) -> f64 {
    n as f64 * 10_000.0 / chars.max(1) as f64
}

#[test]
fn the_corpus_is_large_and_varied_enough() {
    let arts = articles();
    assert!(arts.len() >= 30, "articles: {}", arts.len());
    assert!(
        arts.iter()
            .any(|p| p.extension().is_some_and(|x| x == "md")),
        "no Markdown article"
    );
    let chars = corpus_chars();
    assert!(
        chars >= MIN_CHARS,
        "the corpus has {chars} characters, fewer than {MIN_CHARS}"
    );
}

#[test]
fn counting_takes_han_characters_and_punctuation_only() {
    // 7 Han characters and 4 marks (“ ” ， 。); the digits, `.`, `%`, the
    // Latin letters and the space are not counted
    assert_eq!(counted_chars("增长6.1% GDP“稳中有进”，好。"), 7 + 4);
    assert_eq!(counted_chars("道—琼斯指数……"), 5 + 3);
    // 气温风力级 and ～ ， ～; neither `℃` nor `-` is counted
    assert_eq!(counted_chars("气温-3℃～5℃，风力4～5级"), 5 + 3);
    assert_eq!(counted_chars("abc 123 6.1%"), 0);
}

#[test]
fn ratchet_findings_do_not_grow() {
    let found = findings();
    let chars = corpus_chars();
    let report = report(&found, chars);
    println!("{report}");
    assert!(
        found.len() <= RATCHET,
        "the clean corpus raised more findings than the ratchet allows ({RATCHET}); every one is a false alarm:\n{report}"
    );
}

#[test]
#[ignore = "the clean corpus raises more than 0.3 findings per 10,000 characters until the false-alarm classes of issue 21 are fixed"]
fn at_most_three_findings_per_hundred_thousand_characters() {
    let found = findings();
    let chars = corpus_chars();
    let report = report(&found, chars);
    println!("{report}");
    assert!(
        per_10k(found.len(), chars) <= TARGET_PER_10K,
        "the clean corpus raised too many findings; every one is a false alarm:\n{report}"
    );
}
