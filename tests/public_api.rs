//! The core's public API, used as a program outside the crate uses it:
//! each entry point that no other integration test reaches.

use std::sync::Arc;

use zhproof::core::{
    analyze, hover, outline, parse_config, parse_figures, rules, tokens, Config, DocKind,
    FigureKind, HoverIndex, RuleSetting,
};

#[test]
fn outline_nests_numbered_headings() {
    let text = "关于做好安全生产工作的通知\n\n一、总体要求\n\n做好工作。\n\n（一）加强领导\n\n落实责任。\n\n二、保障措施\n\n加强督查。\n";
    let sections = outline(text, DocKind::Plain);
    // the title holds the numbered headings, which hold their sub-headings
    assert_eq!(sections.len(), 1, "{sections:#?}");
    let title = &sections[0];
    assert!(
        title.is_title && title.name == "关于做好安全生产工作的通知",
        "{title:#?}"
    );
    let names: Vec<&str> = title.children.iter().map(|s| s.name.as_str()).collect();
    assert!(names == ["总体要求", "保障措施"], "{names:?}");
    let first = &title.children[0];
    assert!(first.name == "总体要求", "{first:#?}");
    assert!(
        first.children.iter().any(|c| c.name == "加强领导"),
        "{first:#?}"
    );
    // a range of a section is a range of the text
    assert!(
        text[first.selection.clone()].contains("总体要求"),
        "{first:#?}"
    );
}

#[test]
fn tokens_cover_the_words_with_ranges_of_the_text() {
    // traditional script: converted first, ranges still those of the input
    let text = "經濟發展";
    let toks = tokens(text);
    assert!(!toks.is_empty());
    for t in &toks {
        assert!(text.get(t.range.clone()).is_some(), "{t:?}");
    }
    assert_eq!(toks.first().map(|t| t.range.start), Some(0));
    assert_eq!(toks.last().map(|t| t.range.end), Some(text.len()));
}

#[test]
fn figures_parse_with_their_kind() {
    let text = "实现地区生产总值5326.8亿元，同比增长6.1%。";
    let figs = parse_figures(text);
    let money = figs
        .iter()
        .find(|f| &text[f.range.clone()] == "5326.8亿元")
        .expect("the amount");
    assert_eq!(money.kind, FigureKind::Money);
}

#[test]
fn config_file_parses_and_reports_unknown_rules() {
    let p = parse_config("[rules]\n\"typo-char\" = \"off\"\n\"no-such-rule\" = \"off\"\n");
    let config = p.config.expect("a configuration");
    assert_eq!(config.rules.get("typo-char"), Some(&RuleSetting::Off));
    assert!(
        p.problems
            .iter()
            .any(|q| q.message.contains("no-such-rule")),
        "{:?}",
        p.problems
    );
    assert!(rules().iter().any(|r| r.code == "typo-char"));
}

#[test]
fn hover_shows_a_figure() {
    let text = "本报讯 今年全市实现地区生产总值5326.8亿元。\n";
    let a = analyze(text, DocKind::Plain, Arc::new(Config::default()));
    let ix = HoverIndex::new(&a, text, None);
    let at = text.find("5326.8").expect("in the text") + 1;
    let h = hover(&a, text, &ix, at).expect("a hover");
    assert_eq!(&text[h.range.clone()], "5326.8亿元");
    assert!(h.markdown.starts_with("**金额**"), "{}", h.markdown);
}
