//! Heading numbering (GB/T 9704-2012 §7.3.3): within one level of the
//! `一、` → `（一）` → `1.` → `（1）` hierarchy numbers run 1, 2, 3… without
//! gaps or repeats, restart under each new parent, and keep one style
//! (`1.` not mixed with `1．` or `1、`).

use super::{Check, DocCtx, Rule};
use crate::core::finding::{Finding, Fix, Severity};
use crate::core::outline::{BlockClass, Marker, NumStyle};

pub const RULES: &[Rule] = &[Rule {
    code: "heading-numbering",
    family: "结构",
    severity: Severity::Warning,
    default_off: false,
    fixable: true,
    description: "同一层级的标题或条目编号（一、（一）1.（1））应从1起连续排列，不跳号、不重号，每个上级标题下重新编号；同一列表中不混用“1.”“1．”“1、”。只对编号格式不一致提供修正。",
    wrong: "一、总体要求\n\n二、主要任务\n\n四、保障措施\n\n1.加强组织领导\n\n2．强化工作保障\n\n3.做好宣传引导",
    right: "一、总体要求\n\n二、主要任务\n\n三、保障措施\n\n1.加强组织领导\n\n2.强化工作保障\n\n3.做好宣传引导",
    check: Check::Doc(check),
}];

const CODE: &str = "heading-numbering";

/// One run of numbers at one level under one parent.
struct List {
    items: Vec<Marker>,
    /// Unnumbered text (a paragraph or heading) came after the last item:
    /// a `1` here starts a new list rather than repeating the old one.
    interrupted: bool,
}

fn check(ctx: &DocCtx, out: &mut Vec<Finding>) {
    let mut lists: Vec<List> = Vec::new();
    // open list per level (1..=4)
    let mut open: [Option<usize>; 5] = [None; 5];
    for c in ctx.classes {
        match c {
            BlockClass::Heading {
                marker: Some(m), ..
            }
            | BlockClass::ListItem { marker: Some(m) } => {
                let l = usize::from(m.style.level()).min(4);
                for slot in open.iter_mut().skip(l + 1) {
                    *slot = None;
                }
                let cont = open[l].filter(|&li| !(m.number == 1 && lists[li].interrupted));
                match cont {
                    Some(li) => {
                        lists[li].items.push(m.clone());
                        lists[li].interrupted = false;
                    }
                    None => {
                        lists.push(List {
                            items: vec![m.clone()],
                            interrupted: false,
                        });
                        open[l] = Some(lists.len() - 1);
                    }
                }
            }
            BlockClass::Heading { marker: None, .. } | BlockClass::Body => {
                for li in open.iter().flatten() {
                    lists[*li].interrupted = true;
                }
            }
            BlockClass::Title => open = [None; 5],
            _ => {}
        }
    }
    for list in &lists {
        sequence(ctx, list, out);
        styles(ctx, list, out);
    }
}

/// Numbers run 1, 2, 3…
fn sequence(ctx: &DocCtx, list: &List, out: &mut Vec<Finding>) {
    let Some(first) = list.items.first() else {
        return;
    };
    let shown = |m: &Marker| ctx.text.get(m.range.clone()).unwrap_or("").to_string();
    if first.number != 1 && list.items.len() >= 2 {
        let want = render(&shown(first), first.style, 1);
        out.push(Finding::new(
            CODE,
            first.range.clone(),
            format!("编号应从“{want}”开始，而不是“{}”", shown(first)),
        ));
    }
    for w in list.items.windows(2) {
        let (prev, cur) = (&w[0], &w[1]);
        let expected = prev.number + 1;
        if cur.number == expected {
            continue;
        }
        let want = render(&shown(cur), cur.style, expected);
        let kind = if cur.number > expected {
            "编号跳号"
        } else if cur.number == prev.number {
            "编号重复"
        } else {
            "编号顺序错误"
        };
        out.push(Finding::new(
            CODE,
            cur.range.clone(),
            format!(
                "{kind}：“{}”之后应为“{want}”，而不是“{}”",
                shown(prev),
                shown(cur)
            ),
        ));
    }
}

/// `1.` `1．` `1、` not mixed in one list: the minority follows the majority.
fn styles(ctx: &DocCtx, list: &List, out: &mut Vec<Finding>) {
    const ARABIC: [NumStyle; 3] = [
        NumStyle::ArabicDot,
        NumStyle::ArabicComma,
        NumStyle::ArabicFullDot,
    ];
    let count = |st: NumStyle| list.items.iter().filter(|m| m.style == st).count();
    let counts: Vec<usize> = ARABIC.iter().map(|&st| count(st)).collect();
    if counts.iter().filter(|&&c| c > 0).count() < 2 {
        return;
    }
    // the most frequent style; ties go to the standard `1.`
    let mut best = 0;
    for (k, &c) in counts.iter().enumerate() {
        if c > counts[best] {
            best = k;
        }
    }
    let major = ARABIC[best];
    for m in &list.items {
        if m.style == major || !ARABIC.contains(&m.style) {
            continue;
        }
        let Some(old) = ctx.text.get(m.range.clone()) else {
            continue;
        };
        let new = format!("{}{}", m.number, punct(major));
        out.push(
            Finding::new(
                CODE,
                m.range.clone(),
                format!("同一列表中编号格式不一致：应为“{new}”，与其他各项一致，而不是“{old}”"),
            )
            .with_fix(Fix::replace(
                m.range.clone(),
                new.clone(),
                format!("改为“{new}”"),
            )),
        );
    }
}

fn punct(style: NumStyle) -> &'static str {
    match style {
        NumStyle::ArabicFullDot => "．",
        NumStyle::ArabicComma => "、",
        _ => ".",
    }
}

/// A Chinese numeral for 1..=99 (`十二`, `二十`); larger numbers in digits.
fn han(n: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let d = |k: u32| D.get(k as usize).copied().unwrap_or("");
    match n {
        0..=9 => d(n).to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { d(n % 10) }),
        20..=99 => format!(
            "{}十{}",
            d(n / 10),
            if n.is_multiple_of(10) { "" } else { d(n % 10) }
        ),
        _ => n.to_string(),
    }
}

/// The marker `shown` with its number replaced by `n` (`（四）` → `（三）`).
fn render(shown: &str, style: NumStyle, n: u32) -> String {
    let han_style = matches!(style, NumStyle::HanComma | NumStyle::HanParen);
    let is_num = |c: char| {
        if han_style {
            "〇零一二三四五六七八九十百两".contains(c)
        } else {
            c.is_ascii_digit()
        }
    };
    let Some(start) = shown.find(is_num) else {
        return shown.to_string();
    };
    let len: usize = shown[start..]
        .chars()
        .take_while(|&c| is_num(c))
        .map(char::len_utf8)
        .sum();
    let num = if han_style { han(n) } else { n.to_string() };
    format!("{}{}{}", &shown[..start], num, &shown[start + len..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{analyze, fix, Config, DocKind};
    use std::sync::Arc;

    fn run(t: &str) -> Vec<(String, String)> {
        analyze(t, DocKind::Plain, Arc::new(Config::default()))
            .findings
            .iter()
            .filter(|f| f.code == CODE)
            .map(|f| (t[f.range.clone()].to_string(), f.message.to_string()))
            .collect()
    }

    fn marks(t: &str) -> Vec<String> {
        run(t).into_iter().map(|(m, _)| m).collect()
    }

    #[test]
    fn renders_numbers() {
        assert_eq!(han(3), "三");
        assert_eq!(han(10), "十");
        assert_eq!(han(12), "十二");
        assert_eq!(han(20), "二十");
        assert_eq!(han(34), "三十四");
        assert_eq!(render("四、", NumStyle::HanComma, 3), "三、");
        assert_eq!(render("（十一）", NumStyle::HanParen, 10), "（十）");
        assert_eq!(render("12.", NumStyle::ArabicDot, 11), "11.");
        assert_eq!(render("(3)", NumStyle::ArabicParen, 2), "(2)");
    }

    const GOOD: &str = "关于开展读书活动的实施方案\n\n为推动学习，现制定如下方案。\n\n一、总体要求\n\n坚持学以致用，注重实效。\n\n（一）目标任务\n\n全年组织读书活动十次。\n\n（二）基本原则\n\n1.坚持问题导向\n\n2.坚持统筹兼顾\n\n（1）召开动员会议，部署活动安排，明确责任分工和完成时限。\n\n（2）开展专题研讨，交流学习体会，推动成果转化。\n\n3.坚持务求实效\n\n二、主要任务\n\n（一）深化学习讨论\n\n1.组织专题学习\n\n2.开展交流研讨\n\n（二）注重实践转化\n\n三、保障措施\n\n加强督查，确保实效。\n";

    #[test]
    fn correct_numbering_is_silent() {
        assert!(run(GOOD).is_empty(), "{:?}", run(GOOD));
    }

    #[test]
    fn gaps_and_repeats() {
        let t = GOOD.replace("三、保障措施", "四、保障措施");
        let r = run(&t);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].0, "四、");
        assert_eq!(r[0].1, "编号跳号：“二、”之后应为“三、”，而不是“四、”");
        let t = GOOD.replace("（二）注重实践转化", "（一）注重实践转化");
        assert_eq!(
            run(&t),
            vec![(
                "（一）".to_string(),
                "编号重复：“（一）”之后应为“（二）”，而不是“（一）”".to_string()
            )]
        );
        let t = GOOD.replace("3.坚持务求实效", "4.坚持务求实效");
        assert_eq!(marks(&t), vec!["4."]);
        let t = GOOD.replace("（2）开展专题研讨", "（3）开展专题研讨");
        assert_eq!(marks(&t), vec!["（3）"]);
    }

    #[test]
    fn first_number_must_be_one() {
        let t = GOOD
            .replace("1.组织专题学习", "2.组织专题学习")
            .replace("2.开展交流研讨", "3.开展交流研讨");
        assert_eq!(
            run(&t),
            vec![("2.".to_string(), "编号应从“1.”开始，而不是“2.”".to_string())]
        );
    }

    #[test]
    fn restart_under_new_parent_and_after_text() {
        // 1. restarts under （一） and （二）; a list of its own after a paragraph
        let t = "一、主要任务\n\n（一）深化学习\n\n1.组织专题学习\n\n2.开展交流研讨\n\n（二）注重转化\n\n1.梳理意见建议\n\n2.形成制度成果\n\n会议要求：\n\n1.提高思想认识\n\n2.加强组织领导\n";
        assert!(run(t).is_empty(), "{:?}", run(t));
    }

    #[test]
    fn style_mix_fixed_to_majority() {
        let t = "一、保障措施\n\n1.加强组织领导。成立工作专班，明确责任分工。\n\n2．强化工作保障。统筹安排专项经费，保障活动顺利开展。\n\n3.做好宣传引导。用好各类媒体平台，营造良好氛围。\n";
        let a = analyze(t, DocKind::Plain, Arc::new(Config::default()));
        let f: Vec<_> = a.findings.iter().filter(|f| f.code == CODE).collect();
        assert_eq!(f.len(), 1);
        assert_eq!(&t[f[0].range.clone()], "2．");
        let fx = f[0].fix.as_ref().expect("fix");
        assert_eq!(
            fix::apply_edits(t, &fx.edits).0,
            t.replace("2．强化", "2.强化")
        );
        // majority full-width: the half-width one follows
        let t = "1．加强组织领导\n\n领导带头。\n\n2．强化工作保障\n\n保障到位。\n\n3.做好宣传引导\n\n加强宣传。\n";
        assert_eq!(marks(t), vec!["3."]);
    }

    #[test]
    fn items_ending_in_a_photo_credit_are_items() {
        // numbered points, one of them ending in its photographer's credit
        let t = "春耕一线见闻\n\n□本报记者 王某\n\n连日来，各地春耕生产有序展开，田间地头一派繁忙景象。记者走访发现，今年的春耕有五个新变化。\n\n1．育秧工厂化。某县现代农业示范园里，一排排育秧大棚整齐排列，秧苗长势喜人。\n\n2．施肥精准化。农技人员在田间指导村民操作无人机施肥，每亩节约化肥一成以上。\n\n3．耕作机械化。某镇种粮大户驾驶新型农机翻耕土地（吴明摄）\n\n4．服务社会化。全县组建农机服务队86支，为小农户提供代耕代种服务。\n\n5．销售网络化。不少合作社开通了网店，农产品卖到了全国各地。\n\n各地农业部门表示，将继续做好春耕服务保障。\n";
        assert!(run(t).is_empty(), "{:?}", run(t));
        // with item 3 gone, the gap is reported
        let gap = t.replace("5．销售网络化", "6．销售网络化");
        assert_eq!(marks(&gap), vec!["6．"]);
        // a caption line that is not numbered stays a caption
        let cap = "春到江南\n\n□本报记者 王某\n\n一、总体情况\n\n全区春耕生产有序展开。\n\n农民在育秧大棚里查看秧苗长势（吴明摄）\n\n二、主要做法\n\n加强农技服务。\n";
        assert!(run(cap).is_empty(), "{:?}", run(cap));
    }

    #[test]
    fn numbers_in_prose_are_not_markers() {
        let t = "区里召开推进会\n\n1.5亿元资金已拨付到位。\n\n2018年，全区新增项目106个。\n\n3.14这个数字大家都熟悉。\n";
        assert!(run(t).is_empty());
    }
}
