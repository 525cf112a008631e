//! Inline pinyin annotations left by a conversion tool: `見習(xí)記者`,
//! `實(shí)干`, `奮進(jìn)`. One finding per annotation; the fix removes it.
//!
//! The same annotations are blanked out of the text that is segmented
//! ([`super::ParaCtx::simplified`]), so that `见习(xí)记者` still yields 记者.
//!
//! A paragraph that talks about pronunciation (`读作`, `注音`, `拼音` …)
//! annotates on purpose and stays silent.

use super::{Check, ParaCtx, Rule};
use crate::core::data::{self, data_file};
use crate::core::finding::{Finding, Fix, Severity};
use crate::core::para::annotations::annotations;
use std::sync::LazyLock;

pub const CODE: &str = "pinyin-inline";

pub const RULES: &[Rule] = &[Rule {
    code: CODE,
    family: "文字",
    severity: Severity::Warning,
    default_off: false,
    fixable: true,
    description: "汉字后面括号里的拼音注音（带声调符号或声调数字），多为转换工具残留，应删除。谈读音的段落（含“读作”“注音”“拼音”等）不报。",
    wrong: "见习(xí)记者从实(shí)干中奋进(jìn)。",
    right: "见习记者从实干中奋进。",
    check: Check::Para(check),
}];

/// Words that show a paragraph discusses pronunciation on purpose.
static CUES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| data::entries(data_file!("pinyin_cues.txt")).collect());

fn check(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    let s = ctx.masked;
    // no opening parenthesis, no annotation (the paragraph's facts say)
    if !ctx.facts().paren {
        return;
    }
    let found = annotations(s);
    if found.is_empty() || CUES.iter().any(|c| s.contains(c)) {
        return;
    }
    for r in found {
        let a = &ctx.text[r.clone()];
        out.push(
            Finding::new(CODE, r.clone(), format!("“{a}”是残留的拼音注音，应删除"))
                .with_fix(Fix::replace(r, "", "删除拼音注音")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte search answers as the two searches it replaced.
    #[test]
    fn open_paren_search() {
        use crate::core::para::annotations::has_open_paren;
        for t in crate::core::wordlists::sample_texts()
            .iter()
            .map(String::as_str)
            .chain([
                "（", "x（", "(", "ĈĈ（", "\u{FF08}", "\u{FF48}", "\u{3088}", "",
            ])
        {
            let want = t.as_bytes().contains(&b'(') || t.contains("（");
            assert_eq!(has_open_paren(t), want, "{t:?}");
        }
    }
    use crate::core::rules::testutil::{fixed, run_para};
    use crate::core::text::DocKind;

    fn find(s: &str) -> Vec<Finding> {
        run_para(CODE, s, DocKind::Plain)
    }

    #[test]
    fn finds_annotations() {
        let s = "見習(xí)記者從實(shí)干中奮進(jìn)，推動工作落實。";
        let f = find(s);
        assert_eq!(f.len(), 3);
        assert_eq!(&s[f[0].range.clone()], "(xí)");
        assert_eq!(fixed(s, &f), "見習記者從實干中奮進，推動工作落實。");
        let s = "实（shí）干兴邦，空谈误国（wu4 guo2）。";
        let f = find(s);
        assert_eq!(f.len(), 2);
        assert_eq!(fixed(s, &f), "实干兴邦，空谈误国。");
    }

    #[test]
    fn silent_on_normal_parentheses_and_pronunciation_talk() {
        for s in [
            "红岛经济区(高新区)召开会议。",
            "国内生产总值(GDP)同比增长。",
            "人工智能（artificial intelligence）发展迅速。",
            "“莘”字在地名中读作shēn，如莘(shēn)庄。",
            "本次考试注音题：蚌(bèng)埠、六(lù)安。",
            "见习 (xí) 记者",
            "第(1)项工作",
        ] {
            assert!(find(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn segmentation_ignores_annotations() {
        let text = "见习(xí)记者深入一线采访。";
        let para = text.to_string();
        let cfg = crate::core::config::Config::default();
        let switches = crate::core::rules::testutil::switches(&cfg);
        let ctx = ParaCtx::new(
            &para,
            &para,
            crate::core::text::BlockKind::Para,
            DocKind::Plain,
            &cfg,
            &switches,
        );
        let words: Vec<&str> = ctx.tokens().iter().map(|t| ctx.word(t)).collect();
        assert!(words.contains(&"记者"), "{words:?}");
        assert!(words.contains(&"见习"), "{words:?}");
        assert_eq!(ctx.simplified().len(), text.len());
        // the annotation itself is no token
        assert!(words.iter().all(|w| !w.contains('x')), "{words:?}");
    }
}
