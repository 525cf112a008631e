//! The figure recognizer and figure checks over a whole article (a unit
//! test: it reads the analysis's paragraphs and the figures' internals).

use std::sync::Arc;

use super::config::Ymd;
use super::figures::{self, Figure};
use super::{analyze, Analysis, Config, DocKind};

const TEXT: &str = include_str!("../../tests/fixtures/figures_article.txt");
const CODES: &[&str] = &[
    "date-invalid",
    "approx-redundant",
    "numeral-mixed",
    "range-form",
    "figure-inconsistent",
];

fn analysis() -> Analysis {
    analyze(TEXT, DocKind::Plain, Arc::new(Config::default()))
}

/// The first figure whose text is `s`, with its paragraph.
fn figure<'a>(a: &'a Analysis, s: &str) -> (&'a str, &'a Figure) {
    for (b, p) in a.blocks.iter().zip(&a.paras) {
        let para = &TEXT[b.range.clone()];
        if let Some(f) = p.figures.iter().find(|f| &para[f.range.clone()] == s) {
            return (para, f);
        }
    }
    panic!("no figure {s}");
}

fn hover(a: &Analysis, s: &str) -> String {
    let date = figures::article_date_of(super::hover::article_blocks(a, TEXT), None);
    let (para, f) = figure(a, s);
    figures::hover_markdown(f, date, figures::counted_noun(para, f).as_deref())
}

/// (That the fixture is otherwise clean is its snapshot, `figures_article.expected`.)
#[test]
fn finds_the_two_defects() {
    let a = analysis();
    let mine: Vec<(&str, &str)> = a
        .findings
        .iter()
        .filter(|f| CODES.contains(&f.code))
        .map(|f| (f.code, &TEXT[f.range.clone()]))
        .collect();
    for planted in [
        ("approx-redundant", "约2300亿元左右"),
        ("date-invalid", "2023年11月31日"),
    ] {
        assert!(mine.contains(&planted), "{planted:?} not found in {mine:?}");
    }
}

#[test]
fn article_date_comes_from_the_dateline() {
    let want = Some(Ymd {
        year: 2023,
        month: 10,
        day: 20,
    });
    assert_eq!(figures::article_date(TEXT, None), want);
    assert_eq!(
        figures::article_date_of(super::hover::article_blocks(&analysis(), TEXT), None),
        want
    );
    let over = Some(Ymd {
        year: 2024,
        month: 1,
        day: 2,
    });
    assert_eq!(figures::article_date(TEXT, over), over);
}

#[test]
fn figures_per_paragraph_are_cached() {
    let a = analysis();
    let n: usize = a.paras.iter().map(|p| p.figures.len()).sum();
    assert!(n >= 30, "{n}");
    let (_, f) = figure(&a, "5326.8亿元");
    assert_eq!(f.kind, figures::Kind::Money);
}

#[test]
fn hovers() {
    let a = analysis();
    assert_eq!(
        hover(&a, "5326.8亿元"),
        "**金额** 532,680,000,000 元\n\n计的是：实现地区生产总值"
    );
    let h = hover(&a, "同比增长6.1%");
    assert!(h.starts_with("**同比增长** 6.1%"), "{h}");
    assert!(
        h.contains("基数 ≈ 5020.55亿元（由 5326.8亿元 推算）"),
        "{h}"
    );
    let h = hover(&a, "比上半年提高0.8个百分点");
    assert!(h.contains("0.8 个百分点"), "{h}");
    assert_eq!(hover(&a, "去年11月"), "**相对日期** 去年11月 → 2022年11月");
    assert_eq!(
        hover(&a, "10月19日"),
        "**日期** 2023年10月19日（星期四）（年份按文章日期推定）"
    );
    assert_eq!(
        hover(&a, "10月23日至11月3日"),
        "**日期范围** 2023年10月23日（星期一） 至 11月3日（星期五）（年份按文章日期推定）"
    );
    assert_eq!(
        hover(&a, "近日"),
        "**相对日期** 近日：2023年10月20日 前几天"
    );
    assert_eq!(
        hover(&a, "16867户"),
        "**数量** 16,867 户（量词“户”）\n\n计的是：企业"
    );
    assert_eq!(
        hover(&a, "3个"),
        "**数量** 3 个（量词“个”）\n\n计的是：督导组"
    );
    assert_eq!(
        hover(&a, "约2300亿元左右"),
        "**金额** 230,000,000,000 元 · 约数（“约”“左右”）\n\n计的是：总投资"
    );
    assert_eq!(
        hover(&a, "5%～6%"),
        "**百分比范围** 5% ～ 6%\n\n计的是：经济增速"
    );
}
