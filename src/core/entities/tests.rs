//! Tests of the entity recognizer and the document index, on sentences of
//! the news corpus, and a property test over random fragments.

use super::data::DATA;
use super::*;
use crate::core::nlp;

/// Is `c` a one-character surname?
fn is_surname(c: &str) -> bool {
    let mut cs = c.chars();
    match (cs.next(), cs.next()) {
        (Some(ch), None) => is_single_surname(ch),
        _ => false,
    }
}

/// Is `w` a known title?
fn is_title(w: &str) -> bool {
    DATA.titles.contains_key(w)
}

fn run(text: &str) -> Vec<Mention> {
    let s = nlp::to_simplified(text);
    let toks = nlp::tag(&nlp::jieba(), &s);
    recognize(text, &s, &toks)
}

fn of(text: &str, kind: EntityKind) -> Vec<String> {
    run(text)
        .into_iter()
        .filter(|m| m.kind == kind && m.confident)
        .map(|m| m.name.to_string())
        .collect()
}

fn people(text: &str) -> Vec<String> {
    of(text, EntityKind::Person)
}

fn person<'a>(ms: &'a [Mention], name: &str) -> &'a Mention {
    ms.iter()
        .find(|m| m.kind == EntityKind::Person && &*m.name == name)
        .unwrap_or_else(|| panic!("{name} not found in {ms:?}"))
}

#[test]
fn data_loads() {
    assert!(is_surname("付") && is_surname("王"));
    assert!(DATA.compound_surnames.contains("欧阳"));
    assert!(is_known_place("青岛市") && is_known_place("青岛") && is_known_place("市南区"));
    assert!(is_known_place("朝阳区") && !is_known_place("朝阳"));
    assert!(is_title("宣传部长") && is_title("见习记者"));
    assert!(title_is_shared("记者") && !title_is_shared("宣传部长"));
    assert!(title_is_shared("副区长"));
}

#[test]
fn name_shape() {
    for w in ["付荣云", "张伟", "欧阳明华", "司马南"] {
        assert!(person_shape(w), "{w}");
    }
    for w in [
        "文明",
        "道德",
        "高新区",
        "市南",
        "张先生",
        "解放思想",
        "双招双引",
        "王府井路",
    ] {
        assert!(!person_shape(w), "{w}");
    }
}

#[test]
fn title_before_name() {
    let t = "11月1日，市南区召开座谈会，市南区常委、宣传部长付荣云出席会议并作讲话。";
    let ms = run(t);
    let p = person(&ms, "付荣云");
    assert_eq!(&t[p.range.clone()], "付荣云");
    assert_eq!(
        p.roles,
        vec!["市南区常委".into(), "宣传部长".into()] as Vec<Box<str>>
    );
    assert_eq!(p.title.as_deref(), Some("宣传部长"));
    assert!(p.confident);
    assert_eq!(
        people("贯彻落实省委书记娄勤俭在全省党委中心组学习会上的讲话精神"),
        ["娄勤俭"]
    );
    let ms = run("道德模范、汇慈体检中心院长丁继东则表示，解放思想，贵在行动。");
    assert_eq!(
        person(&ms, "丁继东").roles,
        vec!["道德模范".into(), "汇慈体检中心院长".into()] as Vec<Box<str>>
    );
    // jieba glues a verb to the name: 赵雪梅作
    assert_eq!(
        people("会上，社区卫生服务中心主任赵雪梅作了交流发言。"),
        ["赵雪梅"]
    );
    // a list after one title
    assert_eq!(
        people("副区长王建国、李红军分别带队检查安全生产工作。"),
        ["王建国", "李红军"]
    );
}

#[test]
fn title_without_name() {
    assert!(people("记者从市南区了解到，今年以来全区共举办各类活动300余场。").is_empty());
    assert!(people("区委主要领导带队赴深圳考察，书记项目推进会随后召开。").is_empty());
    assert!(people("人大代表、政协委员围绕民生问题建言献策，道德模范代表发言。").is_empty());
    assert!(people("市民张先生告诉记者，家门口就能办事。").is_empty());
    assert!(people("常委会组成人员出席会议，主任委员会议审议通过了相关事项。").is_empty());
}

#[test]
fn byline() {
    let t = "□半岛记者 高晓飞 通讯员 沈明书 李伟 滕媛";
    let ms = run(t);
    assert_eq!(people(t), ["高晓飞", "沈明书", "李伟", "滕媛"]);
    assert_eq!(&t[person(&ms, "滕媛").range.clone()], "滕媛");
    assert_eq!(
        person(&ms, "李伟").roles,
        vec!["通讯员".into()] as Vec<Box<str>>
    );
    assert_eq!(
        person(&ms, "高晓飞").roles,
        vec!["半岛记者".into()] as Vec<Box<str>>
    );
    assert_eq!(people("□文/半岛记者 胡蕾"), ["胡蕾"]);
    assert!(people("图/高新区宣推办供图").is_empty());
    assert_eq!(of("图/高新区宣推办供图", EntityKind::Org), ["高新区宣推办"]);
}

#[test]
fn speaker_verbs_and_post_titles() {
    assert_eq!(
        people("付荣云指出，当前正在开展的大讨论活动十分重要。"),
        ["付荣云"]
    );
    assert_eq!(
        people("有着多年志愿服务经验的宋乐玉希望将志愿服务进行统一规范提升。"),
        ["宋乐玉"]
    );
    let ms = run("苏州市委常委、园区党工委吴庆文书记在园区党工委会议上讲话。");
    assert_eq!(
        person(&ms, "吴庆文").roles,
        vec!["苏州市委常委".into(), "园区党工委书记".into()] as Vec<Box<str>>
    );
    assert_eq!(people("司马南同志强调，要加强干部队伍建设。"), ["司马南"]);
    // not speakers
    for t in [
        "会议指出，要坚持以人民为中心的发展思想。",
        "大家表示，将以此次活动为契机，进一步弘扬文明新风。",
        "高新区表示将继续优化营商环境。",
        "专家认为，文明城市创建要常态化。",
        "有关负责人介绍，今年全区共新建文明实践站12个。",
    ] {
        assert!(people(t).is_empty(), "{t}: {:?}", people(t));
    }
}

#[test]
fn non_names_are_never_people() {
    let t = "市南区召开“解放思想勇担当 文明先行我献策”道德模范专场座谈会，\
             扎实推动公民思想道德建设，市南也要做到，围绕“双招双引”，在高新区签约落户。";
    let ms = run(t);
    for m in &ms {
        assert!(m.kind != EntityKind::Person, "{m:?}");
    }
}

#[test]
fn unconfirmed_names_are_marked() {
    let ms = run("张伟讲授了专题党课。");
    let p = person(&ms, "张伟");
    assert!(!p.confident);
}

#[test]
fn traditional_names_are_canonical() {
    let t = "見習記者羅武俠說，活動秩序良好。";
    let ms = run(t);
    let p = person(&ms, "罗武侠");
    assert_eq!(&*p.written, "羅武俠");
    assert_eq!(&t[p.range.clone()], "羅武俠");
    assert_eq!(
        people("區委書記歐陽明華在調研時強調，要堅持問題導向。"),
        ["欧阳明华"]
    );
}

#[test]
fn organizations() {
    let orgs = |t: &str| of(t, EntityKind::Org);
    assert_eq!(orgs("高实集团着力抓好“四个结合”。"), ["高实集团"]);
    assert_eq!(orgs("市南区与中山大学合作举办培训班。"), ["中山大学"]);
    assert_eq!(
        orgs("组织市南区委理论学习中心组集中学习研讨。"),
        ["市南区委"]
    );
    assert_eq!(
        orgs("中共青岛市委宣传部主办，市委组织部协办。"),
        ["中共青岛市委宣传部", "市委组织部"]
    );
    assert_eq!(
        orgs("行政审批局以深入推进“一次办好”为切入点。"),
        ["行政审批局"]
    );
    assert_eq!(orgs("组织人事部召开人才工作专题研讨会。"), ["组织人事部"]);
    assert_eq!(
        orgs("学员们实地考察了广东超算中心、越秀区政务服务中心。"),
        ["广东超算中心", "越秀区政务服务中心"]
    );
    assert_eq!(
        orgs("10月25日，路演活动在上海成市南区金融办供图"),
        ["市南区金融办"]
    );
    assert_eq!(
        orgs("2018年12月18日上午，党中央、国务院召开大会。"),
        ["党中央", "国务院"]
    );
    // generic bodies and common words
    for t in [
        "全区300余个党组织参照区级做法迅速完成动员部署。",
        "各招商事业部通过现场模拟招商推介的形式相互比较学习。",
        "着力提升基层干部队伍理论素养和业务能力。",
        "围绕新旧动能转换总体布局和发展思路，该集团负责人表示将加大投入。",
        "街道党工委决定在街道广泛开展大讨论活动，组建推进小组办公室。",
        "由区委主要领导挂帅，认真贯彻落实市委决策部署。",
    ] {
        assert!(orgs(t).is_empty(), "{t}: {:?}", orgs(t));
    }
}

#[test]
fn alias_in_parentheses() {
    let t = "红岛经济区(高新区)高度重视解放思想大讨论工作。";
    let ms = run(t);
    let orgs: Vec<&Mention> = ms.iter().filter(|m| m.kind == EntityKind::Org).collect();
    assert_eq!(orgs.len(), 2, "{ms:?}");
    assert_eq!(&*orgs[0].name, "红岛经济区");
    assert_eq!(orgs[0].aliases, vec!["高新区".into()] as Vec<Box<str>>);
    assert_eq!(&t[orgs[1].range.clone()], "高新区");
    assert_eq!(&*orgs[1].name, "红岛经济区");
    assert!(!ms.iter().any(|m| m.kind == EntityKind::Person));
    let t = "青岛市文明办（以下简称“文明办”）牵头组织。";
    let ms = run(t);
    let a = ms.iter().find(|m| &*m.written == "文明办").expect("alias");
    assert_eq!(&*a.name, "青岛市文明办");
    // 岭南(大学): not an alias (no shared character)
    assert!(run("在岭南(大学)学院举办培训班")
        .iter()
        .all(|m| m.aliases.is_empty()));
}

#[test]
fn places() {
    let places = |t: &str| of(t, EntityKind::Place);
    assert_eq!(
        places("工委主要领导分别带队赴成都、长沙、杭州、苏州4地先进高新区取经。"),
        ["成都", "长沙", "杭州", "苏州"]
    );
    assert_eq!(
        places("推动斜塘街道高质量发展，按照省市区部署要求。"),
        ["斜塘街道"]
    );
    assert_eq!(
        places("组织50余名社区干部赴延安党性教育基地集中培训。"),
        ["延安"]
    );
    assert_eq!(
        places("2018年青岛市市南区重点企业优秀项目路演活动。"),
        ["青岛市", "市南区"]
    );
    assert_eq!(
        places("在崂山区王哥庄街道，村民告诉记者收成不错。"),
        ["崂山区", "王哥庄街道"]
    );
    for t in [
        "围绕老城区复兴发展，推动新旧动能转换。",
        "提振街道干部干事创业的精气神，拓宽街道干部视野。",
        "全面总结街道成立以来的成就，走在全区街道前列。",
        "文明城市创建工作全面铺开，把青岛建设得更加富有活力。",
        "在“斜塘之音”广播、《斜塘河》杂志开办专栏。",
    ] {
        let p = places(t);
        assert!(p.iter().all(|x| x == "青岛"), "{t}: {p:?}");
    }
}

#[test]
fn index_groups_and_looks_up() {
    let p1 = run("市南区常委、宣传部长付荣云出席会议。");
    let p2 = run("付荣云指出，要扎实推进。张伟讲授了专题党课。");
    let ix = index(&[(0, &p1), (100, &p2)]);
    let fu: Vec<&Entity> = ix.people().collect();
    assert_eq!(fu.len(), 1, "{fu:?}"); // 张伟 is never confirmed
    assert_eq!(fu[0].count(), 2);
    assert_eq!(fu[0].roles, ["市南区常委", "宣传部长"]);
    let second = 100 + p2[0].range.start + 1;
    assert_eq!(ix.at(second).map(|e| e.name.as_str()), Some("付荣云"));
    assert!(ix.at(100 + "付荣云指出，要扎实推进。".len()).is_none());
    let md = hover_markdown(fu[0]);
    assert!(
        md.contains("**付荣云** · 人物") && md.contains("提及 2 次"),
        "{md}"
    );
    // an unconfirmed name joins a confirmed one
    let p3 = run("组织部长张伟带队。");
    let ix = index(&[(0, &p2), (100, &p3)]);
    let zhang = ix.people().find(|e| e.name == "张伟").expect("张伟");
    assert_eq!(zhang.count(), 2);
    assert_eq!(ix.search("荣云").count(), 1);
}

mod prop {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Any text: no panic, ranges on char boundaries, names are what the text says.
        #[test]
        fn ranges_are_sound(v in proptest::collection::vec(prop_oneof![
            Just("记者"), Just(" "), Just("\u{3000}"), Just("付荣云"), Just("宣传部长"), Just("、"),
            Just("("), Just("（"), Just(")"), Just("高新区"), Just("集团"), Just("局"), Just("说"),
            Just("□"), Just("文/"), Just("羅"), Just("欧阳"), Just("街道"), Just("市南区"), Just("a"),
            Just("，"), Just("表示"), Just("𠮷"), Just("\u{a0}"), Just("书记"), Just("简称“"),
        ], 0..24)) {
            let text: String = v.concat();
            for m in super::tests_support::run(&text) {
                prop_assert!(text.is_char_boundary(m.range.start) && text.is_char_boundary(m.range.end));
                prop_assert!(m.range.start < m.range.end && m.range.end <= text.len());
                prop_assert_eq!(&*m.written, &text[m.range.clone()]);
            }
        }
    }
}

mod tests_support {
    use super::super::*;
    use crate::core::nlp;

    pub fn run(text: &str) -> Vec<Mention> {
        let s = nlp::to_simplified(text);
        let toks = nlp::tag(&nlp::jieba(), &s);
        recognize(text, &s, &toks)
    }
}

/// Every word list of the recognizer says what it is, its source, licence,
/// date and format.
#[test]
fn data_files_have_headers() {
    use crate::core::data::{self, data_file};
    let files = [
        data_file!("entity_address.txt"),
        data_file!("entity_alias_leads.txt"),
        data_file!("entity_byline.txt"),
        data_file!("entity_dept_words.txt"),
        data_file!("entity_generic_orgs.txt"),
        data_file!("entity_generic_stems.txt"),
        data_file!("entity_known_orgs.txt"),
        data_file!("entity_name_glue.txt"),
        data_file!("entity_not_glued_organs.txt"),
        data_file!("entity_not_name_last.txt"),
        data_file!("entity_not_names.txt"),
        data_file!("entity_not_org_endings.txt"),
        data_file!("entity_not_places.txt"),
        data_file!("entity_place_endings.txt"),
        data_file!("entity_post_titles.txt"),
        data_file!("entity_quantifiers.txt"),
        data_file!("entity_speech_verbs.txt"),
        data_file!("org_suffixes.txt"),
        data_file!("places.txt"),
        data_file!("titles.txt"),
    ];
    for src in files {
        let header: Vec<&str> = data::header(src).collect();
        for field in ["Source:", "Licence:", "Date:", "Format:"] {
            assert!(
                header.iter().any(|l| l.starts_with(field)),
                "{field} missing in {header:?}"
            );
        }
        assert!(data::entries(src).next().is_some());
    }
}
