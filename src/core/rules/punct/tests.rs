//! Tests of the punctuation rules.

use std::sync::Arc;

use super::scan::{ascii_set, find_ascii};
use super::*;
use crate::core::config::{Config, Quotes};
use crate::core::finding::Finding;
use crate::core::rules::testutil::{fixed, run_para};
use crate::core::text::DocKind;

/// The texts the findings cover.
fn texts<'a>(s: &'a str, fs: &[Finding]) -> Vec<&'a str> {
    fs.iter()
        .map(|f| s.get(f.range.clone()).unwrap_or(""))
        .collect()
}

/// The word-at-a-time search finds what a byte-by-byte search finds, at
/// every offset and alignment.
#[test]
fn find_ascii_agrees_with_a_plain_search() {
    let text = "市南区召开座谈会,部署工作;会议指出:要（认真）落实!对吗?(好)\"引号\"。";
    let b = text.as_bytes();
    for set_bytes in [&b",;:?!"[..], b"()\"", b",:;?!()"] {
        let set = ascii_set(set_bytes);
        for from in 0..=b.len() {
            let want = b[from..]
                .iter()
                .position(|x| set_bytes.contains(x))
                .map(|k| from + k);
            assert_eq!(find_ascii(b, from, set), want, "{from}");
        }
    }
    assert_eq!(find_ascii(b, b.len() + 1, ascii_set(b",")), None);
}

fn hits(code: &str, s: &str) -> Vec<String> {
    run_para(code, s, DocKind::Plain)
        .iter()
        .map(|f| s[f.range.clone()].to_string())
        .collect()
}

fn fix(code: &str, s: &str) -> String {
    fixed(s, &run_para(code, s, DocKind::Plain))
}

/// Run the whole analyzer (document rules included) and keep one code.
fn doc(code: &str, text: &str) -> Vec<Finding> {
    doc_with(code, text, DocKind::Plain, Config::default())
}

fn doc_with(code: &str, text: &str, kind: DocKind, config: Config) -> Vec<Finding> {
    let mut a = crate::core::analyze(text, kind, Arc::new(config));
    a.findings.retain(|f| f.code == code);
    a.findings
}

fn doc_hits(text: &str) -> Vec<String> {
    doc(UNPAIRED, text)
        .iter()
        .map(|f| text[f.range.clone()].to_string())
        .collect()
}

// ── punct-doubled ──

#[test]
fn doubled_fires_and_keeps_the_stronger_full_width_mark() {
    assert_eq!(
        fix(
            DOUBLED,
            "开展大讨论活动是学习贯彻的必然要求。,是推动发展的迫切需要。"
        ),
        "开展大讨论活动是学习贯彻的必然要求。是推动发展的迫切需要。"
    );
    assert_eq!(
        fix(DOUBLED, "会议强调，，要抓好落实。"),
        "会议强调，要抓好落实。"
    );
    assert_eq!(fix(DOUBLED, "街道、、社区和企业"), "街道、社区和企业");
    assert_eq!(fix(DOUBLED, "圆满完成各项任务。。"), "圆满完成各项任务。");
    assert_eq!(fix(DOUBLED, "切实推动问题整改,。"), "切实推动问题整改。");
    assert_eq!(fix(DOUBLED, "圆满完成各项任务，。"), "圆满完成各项任务。");
    assert_eq!(fix(DOUBLED, "深化改革；，扩大开放"), "深化改革；扩大开放");
    assert_eq!(fix(DOUBLED, "实施方案如下：，"), "实施方案如下：");
    assert_eq!(fix(DOUBLED, "如何破解难题？。"), "如何破解难题？");
    assert_eq!(fix(DOUBLED, "这是为什么，？"), "这是为什么？");
    assert_eq!(
        fix(DOUBLED, "会议强调， ，要抓好落实"),
        "会议强调，要抓好落实"
    );
    // both half-width, Chinese context: one full-width mark
    assert_eq!(fix(DOUBLED, "会议强调,,要抓好落实"), "会议强调，要抓好落实");
    let f = run_para(DOUBLED, "必然要求。,是", DocKind::Plain);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].message, "“。,”标点重复，应为“。”");
}

#[test]
fn doubled_silent_on_legitimate_sequences() {
    for s in [
        "这难道不是我们的责任吗？！",
        "太好了！！我们终于成功了！",
        "真的是这样吗？？",
        "助力企业全面发展……解放思想大讨论工作开展以来",
        "我们的目标——建设现代化国际城区。",
        "他说：“要抓好落实。”随后，会议进入下一议程。",
        "聚焦“七大行动”，结合“十大问题”，认真做好“规定动作”。",
        "《实施方案》《工作方案》，",
        "红岛经济区（高新区）。会议",
        "共计3,000人参加，时间为10:30,地点另行通知",
        "He said: Hello,, world; ok",
        "活动主题&nbsp;，由街道统一部署",
        "致敬改革开放40周年??‘我与家乡的故事’",
        "加强理论学习。。。推动问题整改",
    ] {
        assert!(hits(DOUBLED, s).is_empty(), "{s}");
    }
}

#[test]
fn halfwidth_does_not_double_report() {
    let s = "开展大讨论活动是学习贯彻的必然要求。,是推动发展的迫切需要,。";
    assert!(run_para("punct-halfwidth", s, DocKind::Plain).is_empty());
    assert_eq!(hits(DOUBLED, s), vec!["。,", ",。"]);
    // a single half-width comma is still punct-halfwidth's
    assert_eq!(
        run_para("punct-halfwidth", "必然要求,是", DocKind::Plain).len(),
        1
    );
}

// ── punct-ellipsis ──

#[test]
fn ellipsis_fires() {
    assert_eq!(
        fix(ELLIPSIS, "加强理论学习、推动问题整改...各项工作稳步推进。"),
        "加强理论学习、推动问题整改……各项工作稳步推进。"
    );
    assert_eq!(fix(ELLIPSIS, "走访企业、社区。。。"), "走访企业、社区……");
    assert_eq!(
        fix(ELLIPSIS, "成都、长沙、杭州······"),
        "成都、长沙、杭州……"
    );
    assert_eq!(
        fix(ELLIPSIS, "深挖思想根源…集体把脉"),
        "深挖思想根源……集体把脉"
    );
    assert_eq!(fix(ELLIPSIS, "他说：“...”"), "他说：“……”");
    assert_eq!(fix(ELLIPSIS, "新机遇………新征程"), "新机遇……新征程");
    assert_eq!(hits(ELLIPSIS, "推动整改......再出发"), vec!["......"]);
}

#[test]
fn ellipsis_silent() {
    for s in [
        "助力企业全面发展……解放思想大讨论工作开展以来",
        "省略整段时可用十二连点…………",
        "He paused... then smiled.",
        "编号为1...10的展板",
        "详见 https://example.com/a...b 网页",
        "马克·吐温的小说",
        "Wait… what?",
        "一、总体要求......................3",
        "二、主要任务......5",
        "同比增长7.8%。",
    ] {
        assert!(hits(ELLIPSIS, s).is_empty(), "{s}");
    }
    let md = run_para(ELLIPSIS, "运行`cargo run ...`命令。", DocKind::Markdown);
    assert!(md.is_empty());
}

// ── punct-dash ──

#[test]
fn dash_fires() {
    assert_eq!(
        fix(DASH, "这次活动的主题—解放思想，改革再出发。"),
        "这次活动的主题——解放思想，改革再出发。"
    );
    assert_eq!(
        fix(DASH, "围绕一个目标--建设时尚幸福的现代化城区"),
        "围绕一个目标——建设时尚幸福的现代化城区"
    );
    assert_eq!(
        fix(DASH, "坚持一条主线－－高质量发展"),
        "坚持一条主线——高质量发展"
    );
    assert_eq!(
        fix(DASH, "我们的口号是—“改革再出发”"),
        "我们的口号是——“改革再出发”"
    );
    assert_eq!(
        fix(DASH, "“改革再出发”—这是全市上下的共同心声"),
        "“改革再出发”——这是全市上下的共同心声"
    );
}

#[test]
fn dash_silent() {
    for s in [
        "我们的目标——建设现代化国际城区。",
        "开通北京—上海的直达航线",
        "青岛市—济南市高铁",
        "2018--2019年度考核",
        "沈括（1031—1095）是北宋科学家",
        "运行 zhproof check --fix 命令",
        "使用--fix参数",
        "这是一个浅-深的过渡",
        "———",
        "工作时间为周一—周五",
        "“十三五”—“十四五”时期的主要指标",
        "表格中“—”表示无数据。",
    ] {
        assert!(hits(DASH, s).is_empty(), "{s}");
    }
    let md = "| 项目 | 说明 |\n|---|---|\n| 甲--乙 | 丙—丁 |";
    assert!(doc_with(DASH, md, DocKind::Markdown, Config::default()).is_empty());
    let fm = "---\ntitle: 标题--副题\n---\n\n正文。\n";
    assert!(doc_with(DASH, fm, DocKind::Markdown, Config::default()).is_empty());
}

// ── punct-mojibake ──

#[test]
fn mojibake_fires() {
    assert_eq!(
        hits(MOJIBAKE, "开展“致敬改革开放40周年??‘我与家乡的故事’”活动"),
        vec!["??"]
    );
    assert_eq!(hits(MOJIBAKE, "美国作家马克?吐温的故乡"), vec!["?"]);
    assert_eq!(
        hits(MOJIBAKE, "市南区召开\u{FFFD}\u{FFFD}座谈会"),
        vec!["\u{FFFD}\u{FFFD}"]
    );
    assert_eq!(
        hits(MOJIBAKE, "以“*新气象新作为”为主题，举办系列活动。"),
        vec!["*"]
    );
    assert_eq!(
        hits(MOJIBAKE, "12月18日上午,*、国务院召开庆祝大会。"),
        vec!["*"]
    );
    assert_eq!(hits(MOJIBAKE, "认真学习《》精神"), vec!["《》"]);
    assert_eq!(hits(MOJIBAKE, "围绕“”主题开展研讨"), vec!["“”"]);
    // no fix: the lost text is unknown
    assert!(run_para(MOJIBAKE, "马克?吐温", DocKind::Plain)[0]
        .fix
        .is_none());
}

#[test]
fn mojibake_silent() {
    for s in [
        "如何进一步解放思想?市南区秉持理念",
        "如何进一步解放思想,加大工作力度,为区域发展再添新动能?市南区秉持理念",
        "你们准备好了吗?大家齐声回答",
        "去不去?由你决定",
        "这是真的吗??",
        "详见 https://example.com/a?b=1 网页",
        "What?Really?",
        "□文/本报记者 王晓明",
        "犯罪嫌疑人王*被依法刑事拘留",
        "该数据为初步统计数*。",
        "*注：本文数据来源于区统计局。",
        "要把**重点工作**抓实抓细，把*关键环节*盯紧盯牢。",
        "“一窗受理”“互联网+审批服务”等改革",
        "引号“”和书名号《》的用法",
        "计算3*5的结果",
        "注：*号标注的为新增项目。",
        "备注：*表示必填项。",
    ] {
        assert!(hits(MOJIBAKE, s).is_empty(), "{s}");
    }
    // Markdown emphasis and bullets are masked
    for s in [
        "- 要把*重点*抓实，",
        "* 以“新气象”为主题",
        "**注意**：请按时参会。",
    ] {
        let md = doc_with(MOJIBAKE, s, DocKind::Markdown, Config::default());
        assert!(md.is_empty(), "{s}");
    }
}

#[test]
fn lost_question_mark_is_not_halfwidth() {
    assert!(run_para("punct-halfwidth", "美国作家马克?吐温的故乡", DocKind::Plain).is_empty());
    assert_eq!(
        run_para(
            "punct-halfwidth",
            "如何进一步解放思想?市南区",
            DocKind::Plain
        )
        .len(),
        1
    );
}

// ── punct-fullwidth-alnum ──

#[test]
fn fullwidth_alnum_fires() {
    assert_eq!(
        fix(
            FULLWIDTH_ALNUM,
            "全区共有１２３个党组织，并开通了ＡＰＰ服务。"
        ),
        "全区共有123个党组织，并开通了APP服务。"
    );
    assert_eq!(fix(FULLWIDTH_ALNUM, "同比增长１２．５％"), "同比增长12.5％");
    assert_eq!(fix(FULLWIDTH_ALNUM, "１．强化宣传发动"), "1．强化宣传发动");
    assert_eq!(hits(FULLWIDTH_ALNUM, "ｗｗｗ网站"), vec!["ｗｗｗ"]);
}

#[test]
fn fullwidth_alnum_silent() {
    for s in ["全区共有123个党组织，并开通了APP服务。", "（一）", "１"] {
        let n = hits(FULLWIDTH_ALNUM, s).len();
        assert_eq!(n, usize::from(s == "１"), "{s}");
    }
}

// ── punct-unpaired ──

#[test]
fn unpaired_fires_at_the_unmatched_mark() {
    assert_eq!(
        doc_hits("制定了《关于开展解放思想大讨论的实施方案，明确任务。\n"),
        vec!["《"]
    );
    assert_eq!(
        doc_hits("红岛经济区（高新区高度重视这项工作。\n"),
        vec!["（"]
    );
    assert_eq!(doc_hits("高新区）高度重视这项工作。\n"), vec!["）"]);
    assert_eq!(
        doc_hits("聚焦“七大行动，结合“十大问题”开展工作。\n"),
        vec!["“"]
    );
    assert_eq!(doc_hits("聚焦七大行动”，认真做好工作。\n"), vec!["”"]);
    assert_eq!(doc_hits("开展‘我与家乡的故事活动。\n"), vec!["‘"]);
    assert_eq!(doc_hits("【编者按本报今日推出专题。\n"), vec!["【"]);
    assert_eq!(doc_hits("「解放思想』大讨论\n"), vec!["「", "』"]);
    let f = doc(UNPAIRED, "制定了《实施方案，明确任务。\n");
    assert_eq!(f[0].message, "“《”没有配对的“》”（书名号不成对）");
    assert!(f[0].fix.is_none());
    // an unclosed quote at paragraph end, next paragraph does not open with “
    assert_eq!(
        doc_hits("他说：“我们要抓好落实。\n\n会议随后进入下一议程。\n"),
        vec!["“"]
    );
}

#[test]
fn unpaired_silent() {
    for t in [
        "红岛经济区（高新区）以“践行新思想”为主题，制定《实施方案》【图】「注」『注』。\n",
        "他在Xi’an工作，说“don’t worry”。\n",
        "1）召开工作会议；2）部署推进任务。\n",
        "对照上海、深圳(浙江）等地区\n",
        "屏幕尺寸为5”。\n",
        "他说：\"我们要抓好落实”。\n",
    ] {
        assert!(doc_hits(t).is_empty(), "{t}");
    }
    // half-width parentheses are punct-halfwidth's
    assert!(doc_hits("红岛经济区(高新区高度重视\n").is_empty());
}

#[test]
fn multi_paragraph_quotation_is_silent() {
    let t = "他在讲话中指出：\n\n“第一，要坚持解放思想，敢闯敢试。\n\n“第二，要坚持问题导向，真查真改。\n\n“第三，要坚持久久为功，善作善成。”\n";
    assert!(doc_hits(t).is_empty());
    // but the last paragraph must close it
    let t2 = "“第一，要坚持解放思想，敢闯敢试。\n\n“第二，要坚持问题导向，真查真改。\n";
    assert_eq!(doc_hits(t2), vec!["“"]);
}

#[test]
fn broken_paragraph_is_left_to_its_own_rule() {
    let t = "此外，在推进“专题研\n\n学”过程中，红岛经济区不断加强理论学习。\n";
    assert!(doc_hits(t).is_empty());
    // with photo captions between the two parts
    let t = "红岛经济区推动大讨论取得实效\n\n□本报记者 王晓明\n\n红岛经济区高度重视解放思想大讨论工作，召开动员会。\n\n此外，在推进过程中，红岛经济区突出“专题研\n\n高实集团解放思想大讨论学习研讨会。\n\n高新区建设局召开学习交流会。\n\n学”，不断加强理论学习。\n";
    assert!(doc_hits(t).is_empty());
    // over three lines
    let t = "此外，在推进“专题研学、创新\n帮学、培训促\n学”过程中，红岛经济区（高新\n区）不断加强理论学习。\n";
    assert!(doc_hits(t).is_empty());
    // a paragraph that ends a sentence does not run on
    let t = "此外，要推进“专题研学。\n\n学”过程中，红岛经济区不断加强理论学习。\n";
    assert_eq!(doc_hits(t), vec!["“", "”"]);
}

#[test]
fn wrong_quote_nesting_is_fixed() {
    let t = "他说：“我们要坚持“两个毫不动摇”，推动高质量发展。”\n";
    let f = doc(UNPAIRED, t);
    assert_eq!(f.len(), 1);
    assert_eq!(&t[f[0].range.clone()], "“");
    assert_eq!(
        fixed(t, &f),
        "他说：“我们要坚持‘两个毫不动摇’，推动高质量发展。”\n"
    );
    // right nesting, and sequences of quotes, are silent
    for t in [
        "他说：“我们要坚持‘两个毫不动摇’，推动高质量发展。”\n",
        "加快“一窗受理”“互联网+审批服务”等改革。\n",
        "他说：“要开展‘我与“家乡”的故事’活动。”\n",
    ] {
        assert!(doc_hits(t).is_empty(), "{t}");
    }
    // corner quotes when configured
    let cfg = Config {
        quotes: Quotes::Corner,
        ..Config::default()
    };
    let t = "他說：「我們要堅持「兩個毫不動搖」。」\n";
    let f = doc_with(UNPAIRED, t, DocKind::Plain, cfg);
    assert_eq!(fixed(t, &f), "他說：「我們要堅持『兩個毫不動搖』。」\n");
}

#[test]
fn markdown_code_is_not_scanned() {
    let t = "运行`echo “`命令，然后（见下文）继续。\n";
    assert!(doc_with(UNPAIRED, t, DocKind::Markdown, Config::default()).is_empty());
    let t = "> “第一，要坚持解放思想。\n\n> “第二，要坚持问题导向。”\n";
    assert!(doc_with(UNPAIRED, t, DocKind::Markdown, Config::default()).is_empty());
}

#[test]
fn ranges_are_on_char_boundaries() {
    let s = "马克?吐温、、１２３...—";
    for code in [DOUBLED, ELLIPSIS, DASH, MOJIBAKE, FULLWIDTH_ALNUM] {
        for f in run_para(code, s, DocKind::Plain) {
            assert!(s.get(f.range.clone()).is_some());
        }
    }
    let _ = texts(s, &[]);
}

#[test]
fn quote_typed_the_wrong_way_round_is_one_finding() {
    let t = "他说：“我们要坚持下去“。\n";
    let f = doc(UNPAIRED, t);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        f[0].range,
        "他说：“我们要坚持下去".len().."他说：“我们要坚持下去“".len()
    );
    let edits = crate::core::edits::fix_all_edits(&f);
    assert_eq!(
        crate::core::edits::apply_edits(t, &edits).0,
        "他说：“我们要坚持下去”。\n"
    );
    let t = "他说：”我们要坚持下去”。\n";
    let f = doc(UNPAIRED, t);
    assert_eq!(f.len(), 1, "{f:?}");
    let edits = crate::core::edits::fix_all_edits(&f);
    assert_eq!(
        crate::core::edits::apply_edits(t, &edits).0,
        "他说：“我们要坚持下去”。\n"
    );
    // two different kinds are two defects
    assert_eq!(doc_hits("他说：“我们要‘坚持下去。\n"), vec!["“", "‘"]);
}

#[test]
fn apostrophe_year_is_not_a_quote() {
    assert!(doc_hits("’98北京新年音乐会在国家大剧院举行。\n").is_empty());
    assert!(doc_hits("他参加了’08奥运会和’22冬奥会的报道。\n").is_empty());
    // a closing quote before a longer number is still unpaired
    assert_eq!(doc_hits("会议决定’2024年继续推进。\n"), vec!["’"]);
}

#[test]
fn garbled_text_and_star_placeholders() {
    assert_eq!(
        hits(MOJIBAKE, "会议强调锟斤拷锟斤拷要抓好落实。"),
        vec!["锟斤拷锟斤拷"]
    );
    assert_eq!(hits(MOJIBAKE, "数据显示烫烫烫烫烫。"), vec!["烫烫烫烫烫"]);
    assert_eq!(hits(MOJIBAKE, "会议由***主持，全体人员参加。"), vec!["***"]);
    assert_eq!(hits(MOJIBAKE, "8日上午，**、国务院召开会议。"), vec!["**"]);
    // anonymised names, emphasis, footnotes, a single 锟 are not placeholders
    for t in [
        "犯罪嫌疑人张**已被刑事拘留。",
        "他说锟字很少见。",
        "烫伤的孩子被送往医院。",
        "注：带**的为重点项目。",
        "评分：***",
    ] {
        assert!(hits(MOJIBAKE, t).is_empty(), "{t}");
    }
    let md =
        crate::core::rules::testutil::run_para(MOJIBAKE, "这是***重点***内容。", DocKind::Markdown);
    assert!(md.is_empty());
}
