//! The extraction-artifact and numbering rules on whole articles: the planted
//! defects are found (the exact lists of findings are the snapshots
//! `broken_article.expected` and `official_plan.expected`), clean articles
//! are silent, and fixes give the same text applied all at once or one at a
//! time (re-analysing between).

use std::sync::Arc;

use zhproof::core::{analyze, apply_edits, fix_all_edits, Config, DocKind, Finding};

const CODES: &[&str] = &[
    "para-broken",
    "web-boilerplate",
    "dangling-word",
    "heading-numbering",
];

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn mine(text: &str) -> Vec<Finding> {
    analyze(text, DocKind::Plain, Arc::new(Config::default()))
        .findings
        .into_iter()
        .filter(|f| CODES.contains(&f.code))
        .collect()
}

fn pairs(text: &str) -> Vec<(&'static str, String)> {
    mine(text)
        .iter()
        .map(|f| (f.code, text[f.range.clone()].to_string()))
        .collect()
}

fn fix_all_at_once(text: &str) -> String {
    let edits = fix_all_edits(&mine(text));
    apply_edits(text, &edits).0
}

/// Apply the first (or last) fixable finding, re-analyse, repeat.
fn fix_one_at_a_time(text: &str, from_end: bool) -> String {
    let mut cur = text.to_string();
    for _ in 0..100 {
        let findings = mine(&cur);
        let mut fixes = findings.iter().filter_map(|f| f.fix.as_ref());
        let next = if from_end {
            fixes.next_back()
        } else {
            fixes.next()
        };
        let Some(fx) = next else {
            return cur;
        };
        let (next, n) = apply_edits(&cur, &fx.edits);
        assert_eq!(n, fx.edits.len(), "every edit of a fix applies");
        cur = next;
    }
    panic!("fixes do not converge");
}

fn check_fixes(name: &str, expected: &str) {
    let text = fixture(name);
    let want = fixture(expected);
    let once = fix_all_at_once(&text);
    assert_eq!(once, want, "{name}: all fixes at once");
    assert_eq!(
        fix_one_at_a_time(&text, false),
        want,
        "{name}: fixes one at a time, first to last"
    );
    assert_eq!(
        fix_one_at_a_time(&text, true),
        want,
        "{name}: fixes one at a time, last to first"
    );
    // what is left after fixing is only what has no fix
    assert!(
        mine(&once).iter().all(|f| f.fix.is_none()),
        "{name}: fixable findings left: {:?}",
        pairs(&once)
    );
}

/// Asserts that each `(code, flagged text)` of `planted` is among `found`.
fn assert_found(found: &[(&'static str, String)], planted: &[(&str, &str)]) {
    for (code, flagged) in planted {
        assert!(
            found.iter().any(|(c, t)| c == code && t == flagged),
            "({code}, {flagged:?}) not found in {found:?}"
        );
    }
}

#[test]
fn broken_article_findings() {
    let text = fixture("broken_article.txt");
    assert_found(
        &pairs(&text),
        &[
            ("web-boilerplate", "青岛新闻APP\n\n打开"),
            ("para-broken", "金"),
            ("para-broken", "过"),
            ("web-boilerplate", "（责任编辑：王某）"),
            ("web-boilerplate", "打开APP查看更多评论"),
            (
                "web-boilerplate",
                "大家都在看\n\n某区召开安全生产工作会议 2023-05-12 07:30\n\n市民公园新增健身步道 | 3小时前\n\n全市中小学开学在即 05-11 09:15",
            ),
        ],
    );
}

#[test]
fn broken_article_fixes() {
    check_fixes("broken_article.txt", "broken_article.fixed.txt");
}

#[test]
fn official_plan_findings() {
    let text = fixture("official_plan.txt");
    assert_found(
        &pairs(&text),
        &[
            ("dangling-word", "学习贯彻和"),
            ("heading-numbering", "2．"),
            ("heading-numbering", "四、"),
        ],
    );
    // the skipped number is named in the message
    let skip = mine(&text)
        .into_iter()
        .find(|f| f.code == "heading-numbering" && &text[f.range.clone()] == "四、")
        .map(|f| f.message.into_owned())
        .unwrap_or_default();
    assert!(skip.contains("应为“三、”"), "{skip}");
}

#[test]
fn official_plan_fixes() {
    check_fixes("official_plan.txt", "official_plan.fixed.txt");
}

#[test]
fn fixed_texts_are_clean() {
    // the expected outputs themselves: no broken paragraph, no boilerplate
    for name in ["broken_article.fixed.txt", "official_plan.fixed.txt"] {
        let text = fixture(name);
        let left: Vec<_> = pairs(&text)
            .into_iter()
            .filter(|(c, _)| *c == "para-broken" || *c == "web-boilerplate")
            .collect();
        assert!(left.is_empty(), "{name}: {left:?}");
    }
}

#[test]
fn clean_articles_are_silent() {
    // a notice with headings, lists, attachments and a signature block, and a
    // news report with subheadings and photo captions: nothing to report
    for name in ["clean_notice.txt", "clean_news.txt"] {
        let text = fixture(name);
        assert!(pairs(&text).is_empty(), "{name}: {:?}", pairs(&text));
    }
}
