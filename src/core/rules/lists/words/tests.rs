use crate::core::config::Config;
use crate::core::nlp;
use crate::core::rules::testutil::{fixed, run_para, run_para_with};
use crate::core::text::DocKind;

fn hits(code: &str, s: &str) -> Vec<String> {
    run_para(code, s, DocKind::Plain)
        .iter()
        .map(|f| s[f.range.clone()].to_string())
        .collect()
}

fn fix(code: &str, s: &str) -> String {
    fixed(s, &run_para(code, s, DocKind::Plain))
}

/// Carrier sentences for the every-entry test: the word between clause
/// punctuation, between ordinary words on both sides, and in quotes.
const CARRIERS: &[&str] = &[
    "他在发言中说，{}，这一点大家都认同。",
    "大家认为{}是关键所在。",
    "报道中“{}”的写法引起了读者注意。",
];

/// (wrong form, carrier) pairs where jieba reads a dictionary word across the
/// end of the wrong form, so the match is rightly not taken: `必竟是` is read
/// `必/竟是`, `给于是` `给/于是`, `尝还是` `尝/还是` — each a correct reading in
/// other sentences.
const AMBIGUOUS_IN_CARRIER: &[(&str, usize)] = &[("必竟", 1), ("给于", 1), ("尝还", 1)];

#[test]
fn every_confused_entry_fires_and_its_right_form_never_does() {
    let list = &*super::CONFUSED;
    assert!(list.entries.len() >= 300, "{}", list.entries.len());
    let mut failures = Vec::new();
    for e in &list.entries {
        assert_ne!(e.wrong, e.right);
        for (k, c) in CARRIERS.iter().enumerate() {
            let s = c.replace("{}", e.wrong);
            let h = hits("word-confused", &s);
            let expect_silent = AMBIGUOUS_IN_CARRIER.contains(&(e.wrong, k));
            if expect_silent != h.is_empty() || (!h.is_empty() && h != [e.wrong]) {
                failures.push(format!("wrong form: {s} -> {h:?}"));
            }
            if !h.is_empty() {
                assert_eq!(fix("word-confused", &s), c.replace("{}", e.right));
            }
            let s = c.replace("{}", e.right);
            let h = hits("word-confused", &s);
            if !h.is_empty() {
                failures.push(format!("right form: {s} -> {h:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_wrong_form_in_jiebas_dictionary_was_reviewed() {
    // A wrong form that jieba's dictionary lists must carry the `dict` flag
    // (reviewed: a misspelling the dictionary happens to hold, never a correct
    // word); forms that could be correct were left out of the list (see the
    // file's header). And the flag must not be stale.
    let j = nlp::jieba();
    let mut unreviewed = Vec::new();
    for e in &super::CONFUSED.entries {
        if j.has_word(e.wrong) != e.in_dict {
            unreviewed.push(format!("{} (has_word={})", e.wrong, j.has_word(e.wrong)));
        }
    }
    assert!(unreviewed.is_empty(), "{}", unreviewed.join(", "));
}

#[test]
fn confused_words_fire_in_news_sentences() {
    assert_eq!(
        fix("word-confused", "截止目前，全区已有300余个党组织完成部署。"),
        "截至目前，全区已有300余个党组织完成部署。"
    );
    assert_eq!(
        fix("word-confused", "既使困难再大，也要按步就班推进。"),
        "即使困难再大，也要按部就班推进。"
    );
    assert_eq!(
        fix("word-confused", "队员们再接再励，迫不急待地投入训练。"),
        "队员们再接再厉，迫不及待地投入训练。"
    );
    assert_eq!(
        fix(
            "word-confused",
            "工作人员上门按装净水设备，施工现场秩序井然。"
        ),
        "工作人员上门安装净水设备，施工现场秩序井然。"
    );
    assert_eq!(
        hits("word-confused", "消息不径而走，对手只能甘败下风。"),
        ["不径而走", "甘败下风"]
    );
    assert_eq!(
        hits("word-confused", "坚决破除因循守旧、默守成规思想。"),
        ["默守成规"]
    );
    let f = run_para("word-confused", "要谈笑风声地面对。", DocKind::Plain);
    assert_eq!(f[0].message, "“谈笑风声”应为“谈笑风生”");
}

#[test]
fn confused_words_silent_where_the_characters_belong_to_correct_words() {
    for s in [
        "坚决破除因循守旧、墨守成规思想。",
        "在工作上不能墨守成规。",
        "报名截止日期为9月30日，截至目前已有200人报名。",
        "这项政策既使得企业受益，又让群众满意。",
        "既使企业受益，又使群众满意。",
        "请按装修标准验收，并按装配要求施工。",
        "当时侯先生正在现场。",
        "他竟选择了放弃，两人竟相识多年。",
        "律师申辩认为证据不足。",
        "游客放松驰骋在草原上。",
        "张宏扬在会上发言。",
        "他点了一份外卖，又准备了三份外文资料。",
        "公司超过份额的部分将另行结算。",
        "该男子因涉嫌犯罪被刑事拘留。",
        "堪察加半岛位于俄罗斯远东地区。",
        "由此可见一般企业都面临类似问题。",
        "大家认为给于是关键所在。",
        "记者问侯先生为何选择回乡创业。",
        "没想到他竟选了这条路，两支队伍竟赛出了好成绩。",
        "他们一心追求完美无暇顾及其他。",
        "一座落成不久的大楼矗立在路旁。",
        "按照规定出租凭证须妥善保管。",
        "这项措施既将成本降了下来，又提高了效率。",
    ] {
        assert!(
            hits("word-confused", s).is_empty(),
            "{s}: {:?}",
            hits("word-confused", s)
        );
    }
}

#[test]
fn confused_words_respect_the_user_word_list() {
    let mut c = Config::default();
    c.words.push("宏扬".into());
    let f = run_para_with("word-confused", "大力宏扬传统文化。", DocKind::Plain, &c);
    assert!(f.is_empty());
    assert_eq!(hits("word-confused", "大力宏扬传统文化。"), ["宏扬"]);
}

#[test]
fn confused_words_in_traditional_text_are_reported_without_fix() {
    let f = run_para(
        "word-confused",
        "這項工作要按步就班地進行。",
        DocKind::Plain,
    );
    assert_eq!(f.len(), 1);
    let f = run_para("word-confused", "他們再接再勵。", DocKind::Plain);
    assert_eq!(f.len(), 1);
    assert!(f[0].fix.is_none());
}

#[test]
fn every_redundancy_entry_fires() {
    let list = &*super::REDUNDANT;
    assert!(list.entries.len() >= 40);
    for e in &list.entries {
        let text = match e.tail {
            Some(t) => format!("{}目前{}", e.head, t),
            None => e.head.to_string(),
        };
        let s = format!("记者了解到，{text}，情况属实。");
        let h = hits("word-redundant", &s);
        assert_eq!(h, [text], "{s}");
    }
}

#[test]
fn redundancy_fires_with_fix() {
    let r = |s: &str| fix("word-redundant", s);
    assert_eq!(
        r("中国女排凯旋而归，受到热烈欢迎。"),
        "中国女排凯旋，受到热烈欢迎。"
    );
    assert_eq!(r("商家向顾客免费赠送纪念品。"), "商家向顾客赠送纪念品。");
    assert_eq!(r("此次改革涉及到多个部门。"), "此次改革涉及多个部门。");
    assert_eq!(
        r("截止到今年6月底为止，全市共有企业5000家。"),
        "截至今年6月底，全市共有企业5000家。"
    );
    assert_eq!(
        r("截至目前为止，已有30人报名。"),
        "截至目前，已有30人报名。"
    );
    assert_eq!(
        r("截止目前为止，已有30人报名。"),
        "截至目前，已有30人报名。"
    );
    assert_eq!(r("发言人再次重申了中方立场。"), "发言人重申了中方立场。");
    assert_eq!(
        r("专家提醒，家长不要过分溺爱孩子。"),
        "专家提醒，家长不要溺爱孩子。"
    );
    assert_eq!(r("两队实力悬殊很大。"), "两队实力悬殊。");
    assert_eq!(
        r("据新华社报道称，会议将于明天举行。"),
        "据新华社报道，会议将于明天举行。"
    );
    assert_eq!(r("今年营收较去年同比增长10%。"), "今年营收同比增长10%。");
    let f = run_para("word-redundant", "此次改革涉及到多个部门。", DocKind::Plain);
    assert_eq!(
        f[0].message,
        "“涉及到”语义重复：“涉及”已含“到”的意思，应为“涉及”"
    );
    let f = run_para(
        "word-redundant",
        "事故的原因是操作失误造成的。",
        DocKind::Plain,
    );
    assert_eq!(f.len(), 1);
    assert!(f[0].fix.is_none());
    assert!(f[0].message.contains("句式杂糅"));
}

#[test]
fn redundancy_silent_in_correct_text() {
    for s in [
        "中国女排凯旋，受到热烈欢迎。",
        "此次改革涉及多个部门，工作已经到位。",
        "改革涉及到位率考核的部分将另行规定。",
        "截至目前，已有30人报名。到目前为止，一切顺利。",
        "截至今年6月底，全市共有企业5000家，为止损采取了措施。",
        "发言人重申了中方立场。",
        "两队实力悬殊。",
        "原因是多方面的，事故调查仍在进行，损失是暴雨造成的。",
        "根据新华社报道，会议将于明天举行。",
        "今年营收同比增长10%。",
        "平均都在30岁以上。",
        "他获得了免费赠阅的资格证书。",
        "国际社会给予以色列和巴勒斯坦人道援助。",
    ] {
        let h = hits("word-redundant", s);
        // 免费赠阅 is itself redundant: only that one
        if s.contains("免费赠阅") {
            assert_eq!(h, ["免费赠阅"]);
        } else {
            assert!(h.is_empty(), "{s}: {h:?}");
        }
    }
}
