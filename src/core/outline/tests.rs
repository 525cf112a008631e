//! Tests of the outline: markers, shapes, classes and sections.

use super::shape::{
    chars_and_line_break, ends_with_white_space, has_caption_stop, may_end_time, numbered,
    starts_with_white_space, trim,
};
use super::*;
use crate::core::text::{blocks, Block, BlockKind, DocKind};

#[test]
fn han_numbers() {
    assert_eq!(han_number("一"), Some(1));
    assert_eq!(han_number("十"), Some(10));
    assert_eq!(han_number("十二"), Some(12));
    assert_eq!(han_number("二十三"), Some(23));
    assert_eq!(han_number("一二"), None);
}

#[test]
fn markers() {
    let m = |s: &str| parse_marker(s, 0).map(|(m, _)| (m.style, m.number));
    assert_eq!(m("一、深刻领会"), Some((NumStyle::HanComma, 1)));
    assert_eq!(m("（三）扎实推进"), Some((NumStyle::HanParen, 3)));
    assert_eq!(m("(2)围绕"), Some((NumStyle::ArabicParen, 2)));
    assert_eq!(m("1.强化"), Some((NumStyle::ArabicDot, 1)));
    assert_eq!(m("2．搞好"), Some((NumStyle::ArabicFullDot, 2)));
    assert_eq!(m("1.5亿元"), None);
    assert_eq!(m("2018年"), None);
    assert_eq!(m("（牵头单位：宣传条线）"), None);
    // the number inside has at most three chars
    assert_eq!(m("（二十三）"), Some((NumStyle::HanParen, 23)));
    assert_eq!(m("(123)"), Some((NumStyle::ArabicParen, 123)));
    assert_eq!(m("（一二三四）"), None);
    assert_eq!(m("(1234)"), None);
    assert_eq!(m("（十）"), Some((NumStyle::HanParen, 10)));
    assert_eq!(m("（十"), None);
}

/// The byte and char shortcuts say what the plain tests say.
#[test]
fn shortcuts_agree_with_plain_tests() {
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        assert_eq!(
            may_end_time(c),
            c.is_numeric() || matches!(c, '日' | '前' | '天' | '刚'),
            "{c:?}"
        );
        let s = format!("{c}图{c}");
        assert_eq!(
            has_caption_stop(&s),
            s.contains(['，', ',', '；', '：', ':', '“', '？', '！']),
            "{c:?}"
        );
        let ws = c.is_whitespace();
        assert_eq!(starts_with_white_space(s.as_bytes()), ws, "{c:?}");
        assert_eq!(ends_with_white_space(s.as_bytes()), ws, "{c:?}");
        assert_eq!(trim(&s), s.trim(), "{c:?}");
        assert_eq!(chars_and_line_break(&s), (3, c == '\n'), "{c:?}");
    }
    // the byte count past the vectorized chunks and their remainders
    for n in 0..600 {
        let s = format!("{}\n{}", "中".repeat(n), "a".repeat(n % 17));
        assert_eq!(chars_and_line_break(&s), (s.chars().count(), true));
        let s = &s[..n * 3];
        assert_eq!(chars_and_line_break(s), (n, false));
    }
}

/// A block's shape is what the public line tests say of its text: the
/// shape trims and counts once and hands both to them.
#[test]
fn shape_agrees_with_line_tests() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut lines = vec![String::new(), " ".to_string(), "\u{3000}".to_string()];
    for e in std::fs::read_dir(dir).expect("fixtures") {
        let text = std::fs::read_to_string(e.expect("entry").path()).unwrap_or_default();
        for l in text.lines() {
            let cs: Vec<usize> = l.char_indices().map(|(i, _)| i).collect();
            // the line, and cut to the lengths the tests stop at
            lines.push(l.to_string());
            for k in [16, 40, 60, 80] {
                if let Some(&i) = cs.get(k) {
                    lines.push(l[..i].to_string());
                }
            }
            for (a, z) in [(" ", ""), ("\u{3000}", " "), ("（一）", "。"), ("", "摄")] {
                lines.push(format!("{a}{l}{z}"));
            }
        }
    }
    for l in &lines {
        let b = Block {
            range: 0..l.len(),
            kind: BlockKind::Para,
            prefix: 0,
            line: 0,
            continues: false,
        };
        let shape = BlockShape::of(l, &b);
        let t = l.trim();
        let n = t.chars().count();
        let own = if n <= 40 && is_boilerplate_line(l) {
            BlockClass::Boilerplate
        } else if n <= 60 && is_byline(l) {
            BlockClass::Byline
        } else if n <= 60 && is_dateline(l) {
            BlockClass::Dateline
        } else if let Some((m, k)) = parse_marker(l, 0) {
            numbered(l, k..l.len(), m)
        } else if n <= 80 && is_caption_line(l) {
            BlockClass::Caption
        } else {
            BlockClass::Body
        };
        assert_eq!(shape.own, own, "{l:?}");
        assert_eq!(shape.nchars, l.chars().count(), "{l:?}");
        let caption = (4..=40).contains(&n)
            && !t.contains(['，', ',', '；', '：', ':', '“', '？', '！'])
            && !t.ends_with(['…', '；'])
            && parse_marker(t, 0).is_none();
        assert_eq!(shape.caption_shape, caption, "{l:?}");
        assert_eq!(shape.multiline, l.contains('\n'), "{l:?}");
        let banner = crate::core::boilerplate::is_app_banner(l);
        assert_eq!(shape.app_banner, banner, "{l:?}");
        let headline = crate::core::boilerplate::is_headline_with_time(l);
        assert_eq!(shape.headline_with_time, headline, "{l:?}");
    }
}

fn outline(t: &str) -> Vec<Section> {
    let bs = blocks(t, DocKind::Plain);
    let cs = classify(t, &bs, DocKind::Plain);
    sections(t, &bs, &cs)
}

fn names(s: &[Section]) -> Vec<String> {
    s.iter()
        .map(|s| {
            format!(
                "{}{}",
                s.name,
                if s.children.is_empty() {
                    String::new()
                } else {
                    format!("[{}]", names(&s.children).join(","))
                }
            )
        })
        .collect()
}

#[test]
fn gbt9704_hierarchy() {
    let t = "关于开展读书活动的通知\n\n为推动学习，现通知如下：\n\n一、总体要求\n\n坚持学以致用。\n\n（一）目标任务\n\n全年读书十本。\n\n1.强化组织领导。成立领导小组，统筹推进。\n\n（1）召开动员会议，部署活动安排，明确责任分工和完成时限。\n\n2.搞好分类指导\n\n分层分类推进。\n\n二、保障措施\n\n加强督查。\n";
    let o = outline(t);
    assert_eq!(names(&o), vec!["关于开展读书活动的通知[一、总体要求[（一）目标任务[强化组织领导,搞好分类指导]],二、保障措施]".replace("一、总体要求", "总体要求").replace("（一）目标任务", "目标任务").replace("二、保障措施", "保障措施")]);
}

#[test]
fn signature_of_an_official_document_is_metadata() {
    let t = "关于做好安全生产工作的通知\n\n各街道办事处，区政府各部门：\n\n现将有关事项通知如下。\n\n一、总体要求\n\n压实各方责任。\n\n二、工作措施\n\n加强隐患排查。\n\n某某区应急管理局\n某某区安全生产委员会办公室\n\n2024年3月5日\n";
    let o = outline(t);
    assert_eq!(
        names(&o),
        vec!["关于做好安全生产工作的通知[总体要求,工作措施]"]
    );
    let c = classes(t);
    assert_eq!(c[c.len() - 2], BlockClass::Byline);
    assert_eq!(c[c.len() - 1], BlockClass::Dateline);
    // a Chinese-numeral date too
    let t2 = t.replace("2024年3月5日", "二〇二四年三月五日");
    assert_eq!(names(&outline(&t2)), names(&o));
    assert!(is_date_only("2024年3月5日"));
    assert!(is_date_only("2024 年 3 月 5 日"));
    assert!(!is_date_only("2024年3月5日上午"));
    assert!(!is_date_only("3月5日"));
}

#[test]
fn the_signature_date_is_the_article_date() {
    let t = "关于做好安全生产工作的通知\n\n各单位要在2024年12月31日前完成整改，去年的问题要逐项销号。\n\n某某区应急管理局\n\n2024年3月5日\n";
    let a = crate::core::analyze(t, DocKind::Plain, std::sync::Arc::new(Default::default()));
    let blocks = crate::core::hover::article_blocks(&a, t);
    let d = crate::core::figures::article_date_of(blocks, None).expect("a date");
    assert_eq!(
        (d.year, d.month, d.day),
        (2024, 3, 5),
        "not the latest date in the text"
    );
}

#[test]
fn a_date_that_is_not_a_signature_changes_nothing() {
    let meta = |c: &[BlockClass]| {
        c.iter()
            .filter(|c| matches!(c, BlockClass::Byline | BlockClass::Dateline))
            .count()
    };
    // a short line and a date with more text after them: not the end
    let t = "市南区举办读书节\n\n本报讯 读书节开幕。\n\n活动时间\n\n2024年3月5日\n\n活动地点设在区图书馆，市民可免费参加。\n";
    assert_eq!(meta(&classes(t)), 0);
    // the paragraph before the closing date ends a sentence: no signing office
    let t = "市南区举办读书节\n\n本报讯 读书节开幕，市民踊跃参加。\n\n2024年3月5日\n";
    assert_eq!(meta(&classes(t)), 0);
    // a photo caption before it is no office either
    let t =
        "市南区举办读书节\n\n本报讯 读书节开幕，市民踊跃参加。\n\n图为读书节现场\n\n2024年3月5日\n";
    assert_eq!(meta(&classes(t)), 0);
}

fn classes(t: &str) -> Vec<BlockClass> {
    let bs = blocks(t, DocKind::Plain);
    classify(t, &bs, DocKind::Plain)
}

#[test]
fn continuation_is_not_a_caption() {
    // captions after a broken paragraph stay captions; the line that
    // completes the split word (`第` / `一时间`) is body text
    let t = "社区治理见实效\n\n□本报记者 王某\n\n此外，在城市更新行动的推进过\n\n社区居民议事会现场。\n\n施工人员正在铺设管道。\n\n程中，某区不断完善居民议事机制。\n\n社区网格员每天入户走访，确保群众反映的问题在第\n\n一时间得到回应。\n\n下一步，某区将继续推进。\n";
    let c = classes(t);
    assert_eq!(c[3], BlockClass::Caption);
    assert_eq!(c[4], BlockClass::Caption);
    assert_eq!(c[5], BlockClass::Body);
    assert_eq!(c[7], BlockClass::Body);
}

#[test]
fn page_furniture() {
    let t = "青岛新闻APP\n\n打开\n\n社区治理见实效\n\n□本报记者 王某\n\n今年以来，某区扎实推进各项工作。\n\n大家都在看\n\n某区召开安全生产工作会议 2023-05-12 07:30\n\n市民公园新增健身步道 | 3小时前\n\n全市中小学开学在即 05-11 09:15\n";
    let c = classes(t);
    assert_eq!(c[0], BlockClass::Boilerplate);
    assert_eq!(c[1], BlockClass::Boilerplate);
    assert_eq!(c[2], BlockClass::Title);
    assert!(
        c[5..].iter().all(|c| *c == BlockClass::Boilerplate),
        "{c:?}"
    );
    // two dated lines inside the article are not a related-news list
    let t = "社区治理见实效\n\n□本报记者 王某\n\n活动安排如下。\n\n开幕式 2023-05-12 09:00\n\n闭幕式 2023-05-13 17:00\n\n欢迎市民参加。\n";
    assert!(!classes(t).contains(&BlockClass::Boilerplate));
}

#[test]
fn metadata_is_not_a_section() {
    let t = "加快建设美丽城区\n\n培育新动能 走在前列\n\n□本报记者 王某某 通讯员 李某\n\n今年以来，某区认真贯彻落实市委部署，扎实推进各项工作。\n\n传达落实:确保工作传达快\n\n某区高度重视此项工作，多次召开会议研究部署。\n\n某区召开专题会议。\n\n会议现场。\n\n外出取经,责任担当\n\n10月28日至11月3日，某区举办培训班。\n";
    let o = outline(t);
    assert_eq!(
        names(&o),
        vec!["培育新动能 走在前列[传达落实:确保工作传达快,外出取经,责任担当]"]
    );
    assert_eq!(o[0].detail.as_deref(), Some("加快建设美丽城区"));
}
