use super::dates::{DAYPARTS, MONTH_PARTS, YEAR_PARTS};
use super::markers::{
    BASES, POST_MARKERS, PRE_MARKERS, SHORT_DOWN, SHORT_UP, VERBS_DOWN, VERBS_UP,
};
use super::nouns::{
    EVENT_VERBS, LEAD_FILLERS, NOUN_STOP, NOUN_STOP2, NOUN_STOP_SET, SUBJECT_SUFFIXES,
    TAIL_FILLERS, VERB_NOUNS,
};
use super::numbers::is_cn_num;
use super::relative::{may_be_second_of_rel_word, may_start_rel_word, REL_WORDS};
use super::scan::{is_scan_char, is_trigger, DAY_DURATION_AFTER, DAY_DURATION_BEFORE, SCAN3};
use super::units::{STOP_MAX, STOP_PHRASES, UNITS};
use super::*;
use crate::core::data::{self, data_file};

fn show(text: &str, f: &Figure) -> String {
    let v = match &f.value {
        Value::Amount(a) => format!(
            "{}{}{} {}",
            a.lo.grouped(),
            a.hi.map(|h| format!("..{}", h.grouped()))
                .unwrap_or_default(),
            if a.scale.is_empty() {
                String::new()
            } else {
                format!(" [{}]", a.scale)
            },
            a.unit
        ),
        Value::Date { lo, hi } => format!(
            "{:?}/{:?}/{:?} rel={:?} part={:?} dp={:?} h={:?}:{:?} wd={:?}{}",
            lo.year,
            lo.month,
            lo.day,
            lo.rel.map(|r| r.word),
            lo.part,
            lo.daypart,
            lo.hour,
            lo.minute,
            lo.weekday.as_ref().map(|w| w.day),
            hi.as_ref()
                .map(|h| format!(
                    " .. {:?}/{:?}/{:?} rel={:?} part={:?}",
                    h.year,
                    h.month,
                    h.day,
                    h.rel.map(|r| r.word),
                    h.part
                ))
                .unwrap_or_default()
        ),
        Value::None => String::new(),
    };
    let ap: Vec<&str> = f.approx.iter().map(|m| m.word).collect();
    format!(
        "[{}] {:?} {} approx={:?} change={:?} style={:?} noun={:?}",
        &text[f.range.clone()],
        f.kind,
        v,
        ap,
        f.change
            .as_ref()
            .map(|c| (c.basis, c.verb, c.base.as_ref().map(|b| b.text.clone()))),
        f.style,
        f.noun_after.clone().map(|r| &text[r])
    )
}

#[test]
#[ignore]
fn dump_corpus() {
    let dir = std::env::var("FIG_DUMP").unwrap_or_else(|_| "/work/shared/corpus".into());
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap();
        let mut n = 0;
        println!("==== {}", p.display());
        for line in text.lines() {
            for f in parse(line) {
                n += 1;
                println!("{}", show(line, &f));
            }
        }
        println!(
            "---- {n} figures; article date {:?}",
            article_date(&text, None)
        );
    }
}

/// One line per figure: `text|kind|value|unit|approx`.
fn summ(text: &str, f: &Figure) -> String {
    fn date(d: &DateSpec) -> String {
        let o = |x: Option<String>| x.unwrap_or_else(|| "?".into());
        let mut s = format!(
            "{}-{}-{}",
            o(d.year.map(|v| v.to_string())),
            o(d.month.map(|v| v.to_string())),
            o(d.day.map(|v| v.to_string()))
        );
        if let Some(r) = d.rel {
            s.push_str(&format!("@{}", r.word));
        }
        if let Some(p) = d.part {
            s.push_str(&format!("+{p}"));
        }
        if let Some(p) = d.daypart {
            s.push_str(&format!("+{p}"));
        }
        if let Some(h) = d.hour {
            s.push_str(&format!(" {h}:{}", d.minute.unwrap_or(0)));
        }
        if let Some(w) = &d.weekday {
            s.push_str(&format!(" w{}", w.day + 1));
        }
        s
    }
    let (v, unit) = match &f.value {
        Value::Amount(a) => (
            match a.hi {
                Some(h) => format!("{}..{}", a.lo.grouped(), h.grouped()),
                None => a.lo.grouped(),
            },
            a.unit.to_string(),
        ),
        Value::Date { lo, hi } => (
            match hi {
                Some(h) => format!("{}..{}", date(lo), date(h)),
                None => date(lo),
            },
            String::new(),
        ),
        Value::None => (String::new(), String::new()),
    };
    let ap: Vec<&str> = f
        .approx
        .iter()
        .map(|m| m.word)
        .filter(|w| !w.is_empty())
        .collect();
    let mut s = format!(
        "{}|{:?}|{}|{}|{}",
        &text[f.range.clone()],
        f.kind,
        v,
        unit,
        ap.join(",")
    );
    if let Some(c) = &f.change {
        s.push_str(&format!("|{}{}", c.basis.unwrap_or(""), c.verb));
    }
    s
}

fn figs(text: &str) -> Vec<String> {
    parse(text).iter().map(|f| summ(text, f)).collect()
}

/// (text, expected figures). Non-figures expect nothing.
const TABLE: &[(&str, &[&str])] = &[
    // numbers in Arabic, Chinese and mixed forms
    ("81.73亿", &["81.73亿|Number|8,173,000,000||"]),
    (
        "到账外资4.09亿美元。",
        &["4.09亿美元|Money|409,000,000|美元|"],
    ),
    ("惠及16867户群众", &["16867户|Count|16,867|户|"]),
    (
        "新增1000万元以上项目",
        &["1000万元以上|Money|10,000,000|元|以上"],
    ),
    ("两千三百", &["两千三百|Number|2,300||"]),
    ("二〇一八年", &["二〇一八年|Date|2018-?-?||"]),
    ("举办9万余场", &["9万余场|Count|90,000|场|余"]),
    ("覆盖23万余名", &["23万余名|Count|230,000|名|余"]),
    ("为期五天的培训", &["五天|Duration|5|天|"]),
    (
        "三大类12条问题",
        &["三大类|Count|3|大类|", "12条|Count|12|条|"],
    ),
    ("3,000人参加", &["3,000人|Count|3,000|人|"]),
    ("1.2万人次", &["1.2万人次|Count|12,000|人次|"]),
    ("二十余名志愿者", &["二十余名|Count|20|名|余"]),
    ("十多个部门", &["十多个|Count|10|个|多"]),
    ("投资一百五十万元", &["一百五十万元|Money|1,500,000|元|"]),
    ("两万一千", &["两万一千|Number|21,000||"]),
    (
        "亿元以上在建项目15个",
        &["亿元以上|Money|100,000,000|元|以上", "15个|Count|15|个|"],
    ),
    ("全市200余个基层党组织", &["200余个|Count|200|个|余"]),
    ("三十多万元", &["三十多万元|Money|300,000|元|多"]),
    // approximations
    ("约100人参加", &["约100人|Count|100|人|约"]),
    ("近300名干部", &["近300名|Count|300|名|近"]),
    ("超过5000户", &["超过5000户|Count|5,000|户|超过"]),
    ("30多个单位", &["30多个|Count|30|个|多"]),
    ("占比3%左右", &["3%左右|Percent|3|%|左右"]),
    ("单价100元上下。", &["100元上下|Money|100|元|上下"]),
    ("约有100人左右", &["约有100人左右|Count|100|人|约,左右"]),
    ("逾百万元", &["逾百万元|Money|1,000,000|元|逾"]),
    ("不到50人", &["不到50人|Count|50|人|不到"]),
    // kinds and units
    ("百分之三十五", &["百分之三十五|Percent|35|%|"]),
    ("超过三成", &["超过三成|Percent|3|成|超过"]),
    ("提高2个百分点", &["提高2个百分点|Points|2|个百分点||提高"]),
    ("全长3.5公里", &["3.5公里|Measure|3.5|公里|"]),
    ("建筑面积120平方米", &["120平方米|Measure|120|平方米|"]),
    ("运量5000吨", &["5000吨|Measure|5,000|吨|"]),
    ("全长10km的绿道", &["10km|Measure|10|公里|"]),
    ("年满65岁", &["65岁|Age|65|岁|"]),
    ("用时3个月", &["3个月|Duration|3|个月|"]),
    ("工作两年多", &["两年多|Duration|2|年|多"]),
    ("3个多月", &["3个多月|Duration|3|个月|多"]),
    ("24小时值守", &["24小时|Duration|24|小时|"]),
    ("改革开放40周年", &["40周年|Count|40|周年|"]),
    ("讨论40 周年", &["40 周年|Count|40|周年|"]),
    ("庆祝改革开放40年", &["40年|Duration|40|年|"]),
    ("自收到之日起30日内", &["30日|Duration|30|日|"]),
    ("增速为-2.5%。", &["-2.5%|Percent|-2.5|%|"]),
    // change figures
    ("同比增长7.8%", &["同比增长7.8%|Percent|7.8|%||同比增长"]),
    ("环比下降。", &["环比下降|Change||||环比下降"]),
    ("增长3%以上", &["增长3%以上|Percent|3|%|以上|增长"]),
    (
        "下降了2.5个百分点",
        &["下降了2.5个百分点|Points|2.5|个百分点||下降"],
    ),
    ("增长1.5倍", &["增长1.5倍|Multiple|1.5|倍||增长"]),
    (
        "比上年同期减少200人",
        &["比上年同期减少200人|Count|200|人||比上年同期减少"],
    ),
    ("新增200人", &["200人|Count|200|人|"]),
    // dates and times
    (
        "2018年12月18日上午",
        &["2018年12月18日上午|Date|2018-12-18+上午||"],
    ),
    ("9月17日召开", &["9月17日|Date|?-9-17||"]),
    (
        "10月19日至22日举办",
        &["10月19日至22日|Date|?-10-19..?-?-22||"],
    ),
    ("11月中旬", &["11月中旬|Date|?-11-?+中旬||"]),
    ("12月上旬", &["12月上旬|Date|?-12-?+上旬||"]),
    (
        "2023-05-12 07:30 来源：某某日报",
        &["2023-05-12 07:30|Date|2023-5-12 7:30||"],
    ),
    ("2018年5月", &["2018年5月|Date|2018-5-?||"]),
    ("到2018年年底", &["2018年年底|Date|2018-?-?+年底||"]),
    ("12月20日前后", &["12月20日前后|Date|?-12-20||前后"]),
    ("十二月", &["十二月|Date|?-12-?||"]),
    ("上午9时30分", &["上午9时30分|Time|?-?-?+上午 9:30||"]),
    (
        "2024年3月5日(星期二)",
        &["2024年3月5日(星期二)|Date|2024-3-5 w2||"],
    ),
    ("5月份", &["5月份|Date|?-5-?||"]),
    ("二0一八年", &["二0一八年|Date|2018-?-?||"]),
    ("2O18年", &["2O18年|Date|2018-?-?||"]),
    // ranges
    ("在8月~10月期间", &["8月~10月|Date|?-8-?..?-10-?||"]),
    ("1至9月", &["1至9月|Date|?-1-?..?-9-?||"]),
    (
        "10月28日至11月3日",
        &["10月28日至11月3日|Date|?-10-28..?-11-3||"],
    ),
    ("10%～20%", &["10%～20%|Percent|10..20|%|"]),
    ("10～20%", &["10～20%|Percent|10..20|%|"]),
    ("3至5年", &["3至5年|Duration|3..5|年|"]),
    ("100～200人", &["100～200人|Count|100..200|人|"]),
    ("两三天", &["两三天|Duration|2..3|天|"]),
    ("三四十个", &["三四十个|Count|30..40|个|"]),
    ("2017至2018年", &["2017至2018年|Date|2017-?-?..2018-?-?||"]),
    (
        "12月中旬至年底",
        &["12月中旬至年底|Date|?-12-?+中旬..?-?-?@年底+年底||"],
    ),
    ("2018年至今", &["2018年至今|Date|2018-?-?..?-?-?@至今||"]),
    // relative dates
    ("去年", &["去年|Date|?-?-?@去年||"]),
    ("今年以来", &["今年|Date|?-?-?@今年||"]),
    ("去年11月", &["去年11月|Date|?-11-?@去年||"]),
    ("近日，高新区", &["近日|Date|?-?-?@近日||"]),
    ("今年上半年", &["今年上半年|Date|?-?-?@今年+上半年||"]),
    ("去年底", &["去年底|Date|?-?-?@去年+年底||"]),
    ("今年1至9月", &["今年1至9月|Date|?-1-?@今年..?-9-?@今年||"]),
    ("昨天上午", &["昨天上午|Date|?-?-?@昨天+上午||"]),
    // not figures
    ("第一时间部署落实", &[]),
    ("单位一把手", &[]),
    ("不搞一刀切", &[]),
    ("推进三化一型建设", &[]),
    ("党的十九大精神", &[]),
    ("一是加强学习", &[]),
    ("统一思想认识", &[]),
    ("一些问题", &[]),
    ("一起研究", &[]),
    ("万一出现问题", &[]),
    ("一直以来", &[]),
    ("进一步解放思想", &[]),
    ("以“四个新、六个对照”为总要求", &[]),
    ("聚焦“七大行动”", &[]),
    ("(1)对照", &[]),
    ("1.强化宣传发动", &[]),
    ("G20峰会", &[]),
    ("5G网络", &[]),
    ("十分重要", &[]),
    ("四处奔走", &[]),
    ("三番五次", &[]),
    ("一项重要工作", &[]),
    ("党的十九届四中全会", &[]),
    ("争做“两个标杆”示范", &[]),
    ("十三五规划", &[]),
    ("联系电话0532-88886666", &[]),
    ("千方百计", &[]),
    ("万众一心", &[]),
    ("“三会一课”", &[]),
    ("五位一体", &[]),
    ("第三阶段", &[]),
    ("每逢星期三", &[]),
    ("拨打12345热线", &[]),
    ("百花齐放", &[]),
    ("积累了多年经验", &[]),
    ("坚持以上率下", &[]),
    ("一年一度", &[]),
    ("掀起一场学习热潮", &[]),
    ("节日前夕", &[]),
    ("接近日本", &[]),
    ("今日头条", &[]),
    ("第19届亚运会", &[]),
    ("发放13月薪", &[]),
    (
        "比去年同期增长5%",
        &["比去年同期增长5%|Percent|5|%||比去年同期增长"],
    ),
    ("国庆十一期间", &[]),
    ("九三学社", &[]),
    ("20世纪80年代", &[]),
    ("3号楼", &[]),
];

#[test]
fn figure_table() {
    assert!(TABLE.len() >= 80);
    let mut bad = Vec::new();
    for (text, want) in TABLE {
        let got = figs(text);
        let want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        if got != want {
            bad.push(format!("{text}\n   got  {got:?}\n   want {want:?}"));
        }
    }
    assert!(
        bad.is_empty(),
        "{} of {} wrong:\n{}",
        bad.len(),
        TABLE.len(),
        bad.join("\n")
    );
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn parse_is_total_and_ranges_are_sane(
            s in "[0-9０-９一二三四五六七八九十百千万亿两〇零第年月日号时分点半天个名人元%％～~至到—－\\-：:，,。.“”（）() 约近超过余多左右以上下来前后许去今明昨同比增长环比下降提高个百分点倍成星期周上午中旬底初O]{0,40}"
        ) {
            let figs = parse(&s);
            let mut last = 0;
            for f in &figs {
                prop_assert!(f.range.start >= last, "{s:?} {figs:?}");
                prop_assert!(f.range.start < f.range.end && f.range.end <= s.len());
                prop_assert!(s.is_char_boundary(f.range.start) && s.is_char_boundary(f.range.end));
                for m in &f.approx {
                    prop_assert!(s.get(m.range.clone()).is_some());
                }
                prop_assert!(s.get(f.digits.clone()).is_some());
                if let Some(c) = &f.connector {
                    prop_assert!(s.get(c.clone()).is_some());
                }
                if let Some(r) = &f.noun_after {
                    prop_assert!(s.get(r.clone()).is_some());
                }
                if let Value::Date { lo, .. } = &f.value {
                    if let Some(w) = &lo.weekday {
                        prop_assert!(s.get(w.range.clone()).is_some());
                    }
                }
                let _ = hover_markdown(f, Some(Ymd { year: 2023, month: 1, day: 31 }), None);
                let _ = hover_markdown(f, None, None);
                last = f.range.end;
            }
            let a = crate::core::analyze(&s, crate::core::DocKind::Plain, std::sync::Arc::new(crate::core::Config::default()));
            prop_assert!(a.panics.is_empty(), "{:?}", a.panics);
        }
    }
}

#[test]
fn calendar() {
    let d = |year, month, day| Ymd { year, month, day };
    assert_eq!(weekday(d(2024, 3, 5)), 1);
    assert_eq!(weekday(d(2018, 12, 18)), 1);
    assert_eq!(weekday(d(1970, 1, 1)), 3);
    assert_eq!(weekday(d(2000, 2, 29)), 1);
    assert_eq!(weekday_name(6), "星期日");
    assert_eq!(add_days(d(2024, 2, 28), 2), d(2024, 3, 1));
    assert_eq!(add_days(d(2023, 1, 1), -1), d(2022, 12, 31));
    assert!(valid_date(Some(2024), 2, 29));
    assert!(!valid_date(Some(2023), 2, 29));
    assert!(valid_date(None, 2, 29));
    assert!(!valid_date(None, 2, 30));
    assert!(!valid_date(Some(2023), 13, 1));
}

#[test]
fn article_dates() {
    let d = |year, month, day| Some(Ymd { year, month, day });
    assert_eq!(
        article_date(
            "标题\n2023-05-12 07:30 来源：某某日报\n正文2024年1月1日。",
            None
        ),
        d(2023, 5, 12)
    );
    assert_eq!(
        article_date(
            "2018年5月开始，2018年12月18日上午召开大会，12月20日前后座谈。",
            None
        ),
        d(2018, 12, 18)
    );
    assert_eq!(article_date("9月17日召开会议。", None), None);
    assert_eq!(
        article_date("9月17日召开会议。", d(2019, 1, 1)),
        d(2019, 1, 1)
    );
}

#[test]
fn implied_bases() {
    let base = |s: &str| -> Vec<String> {
        parse(s)
            .iter()
            .filter_map(|f| f.change.as_ref()?.base.as_ref().map(|b| b.text.clone()))
            .collect()
    };
    assert_eq!(base("利用内资81.73亿元,同比增长7.8%"), ["75.82亿元"]);
    assert_eq!(base("到账外资4.09亿美元，同比下降10%"), ["4.54亿美元"]);
    assert_eq!(base("接待游客1200万人次，增长20%"), ["1000万人次"]);
    assert_eq!(base("新增项目106个，同比增长6%"), ["100个"]);
    assert_eq!(base("占比35%，同比提高2个百分点"), ["33%"]);
    assert_eq!(base("营收120亿元，增长1倍"), ["60亿元"]);
    assert_eq!(base("常住人口增加200人，达到5000人"), Vec::<String>::new());
    // not the same clause
    assert_eq!(
        base("利用内资81.73亿元；工业增加值同比增长7.8%"),
        Vec::<String>::new()
    );
}

#[test]
fn hover_texts() {
    let ad = Some(Ymd {
        year: 2023,
        month: 5,
        day: 12,
    });
    let h = |s: &str, pick: &str| -> String {
        let f = parse(s)
            .into_iter()
            .find(|f| &s[f.range.clone()] == pick)
            .expect(pick);
        hover_markdown(&f, ad, counted_noun(s, &f).as_deref())
    };
    assert_eq!(
        h("高新区利用内资81.73亿元,同比增长7.8%", "81.73亿元"),
        "**金额** 8,173,000,000 元\n\n计的是：利用内资"
    );
    assert_eq!(
        h("高新区利用内资81.73亿元,同比增长7.8%", "同比增长7.8%"),
        "**同比增长** 7.8%\n\n基数 ≈ 75.82亿元（由 81.73亿元 推算）\n\n计的是：利用内资"
    );
    assert_eq!(
        h("2018年12月18日上午召开", "2018年12月18日上午"),
        "**日期** 2018年12月18日（星期二）上午"
    );
    assert_eq!(
        h("去年11月启动", "去年11月"),
        "**相对日期** 去年11月 → 2022年11月"
    );
    assert_eq!(h("今年以来", "今年"), "**相对日期** 今年 → 2023年");
    assert_eq!(
        h("昨天上午", "昨天上午"),
        "**相对日期** 昨天上午 → 2023年5月11日（星期四）上午"
    );
    assert_eq!(
        h("上周召开", "上周"),
        "**相对日期** 上周：2023年5月1日—2023年5月7日"
    );
    assert_eq!(
        h("组织了3个督导组，", "3个"),
        "**数量** 3 个（量词“个”）\n\n计的是：督导组"
    );
    assert_eq!(
        h("全市200余个基层党组织对照要求迅速行动", "200余个"),
        "**数量** 200 个（量词“个”） · 多于（“余”）\n\n计的是：基层党组织"
    );
    assert_eq!(
        h("新增500万元以上招商项目38个", "500万元以上"),
        "**金额** 5,000,000 元 · 多于（“以上”）\n\n计的是：招商项目"
    );
    assert_eq!(
        h("占比10%～20%", "10%～20%"),
        "**百分比范围** 10% ～ 20%\n\n计的是：占比"
    );
    assert_eq!(
        h("超过三成", "超过三成"),
        "**百分比** 3成（30%） · 多于（“超过”）"
    );
    assert_eq!(h("环比下降", "环比下降"), "**变化** 环比下降（未给出幅度）");
    assert_eq!(
        h("2018年至今", "2018年至今"),
        "**日期范围** 2018年 至 今（2023年5月12日）（按文章日期 2023年5月12日 推算）"
    );
    // without an article date relative dates stay unresolved
    let f = parse("去年11月").remove(0);
    assert_eq!(
        hover_markdown(&f, None, None),
        "**相对日期** 去年11月（文章日期不明，无法推算）"
    );
}

#[test]
#[ignore]
fn dump_corpus_hovers() {
    let dir = std::env::var("FIG_DUMP").unwrap_or_else(|_| "/work/shared/corpus".into());
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap();
        let ad = article_date(&text, None);
        println!("==== {} (article date {ad:?})", p.display());
        for line in text.lines() {
            for f in parse(line) {
                let n = counted_noun(line, &f);
                println!(
                    "[{}] {}",
                    &line[f.range.clone()],
                    hover_markdown(&f, ad, n.as_deref()).replace("\n\n", " | ")
                );
            }
        }
    }
}

#[test]
fn scan_chars_are_three_byte() {
    // the scanner tests only three-byte chars against SCAN3
    let all = (0..=0x10_FFFFu32).filter_map(char::from_u32);
    for c in all.filter(|&c| is_scan_char(c)) {
        assert_eq!(c.len_utf8(), 3, "{c}");
        assert!(SCAN3.contains(c), "{c}");
    }
    let set = &*SCAN3;
    let all = (0..=0x10_FFFFu32).filter_map(char::from_u32);
    for c in all.filter(|&c| set.contains(c)) {
        assert!(is_scan_char(c), "{c}");
    }
}

#[test]
fn change_verbs_are_three_byte() {
    // CharBits holds three-byte chars only
    let verbs = [&*VERBS_UP, &*VERBS_DOWN, &*SHORT_UP, &*SHORT_DOWN];
    for w in verbs.iter().flat_map(|v| v.iter()) {
        assert!(w.chars().all(|c| c.len_utf8() == 3), "{w}");
    }
}

#[test]
fn noun_stops_are_three_byte() {
    // CharBits holds three-byte chars only
    for c in NOUN_STOP.chars() {
        assert_eq!(c.len_utf8(), 3, "{c}");
        assert!(NOUN_STOP_SET.contains(c), "{c}");
    }
    for w in NOUN_STOP2.iter() {
        assert!(w.chars().all(|c| c.len_utf8() == 3), "{w}");
    }
}

#[test]
fn stop_phrases_start_with_a_numeral() {
    // in_stop_phrase tries only the numerals near a figure
    for p in STOP_PHRASES.iter() {
        assert!(p.chars().next().is_some_and(is_cn_num), "{p}");
        assert!(p.len() <= STOP_MAX, "{p}");
    }
}

#[test]
fn figure_stays_small() {
    // some 12,000 figures per MB of text are kept in the paragraph cache
    let size = std::mem::size_of::<Figure>();
    assert!(size <= 248, "Figure is {size} bytes");
    assert!(std::mem::align_of::<Num>() <= 8);
}

#[test]
fn long_numbers_stay_exact() {
    // read_arabic multiplies unchecked up to 38 digits, checked beyond
    let amount = |t: &str| {
        parse(t)
            .first()
            .and_then(|f| f.amount().map(|a| (a.lo.mant, a.lo.exp)))
    };
    let m38: i128 = 12_345_678_901_234_567_890_123_456_789_012_345_678;
    assert_eq!(
        amount("12345678901234567890123456.789012345678元"),
        Some((m38, -12))
    );
    // 39 digits still fit an i128, 40 do not: no figure
    assert_eq!(
        amount("123456789012345678901234567.890123456789元"),
        Some((m38 * 10 + 9, -12))
    );
    assert_eq!(amount("1234567890123456789012345678.901234567890元"), None);
}

#[test]
fn relative_words_pass_the_first_char_filters() {
    // relative_at looks a word up only after its first two chars pass
    for w in REL_WORDS.iter() {
        let mut cs = w.word.chars();
        let (first, second) = (cs.next(), cs.next());
        assert!(first.is_some_and(may_start_rel_word), "{}", w.word);
        assert!(second.is_some_and(may_be_second_of_rel_word), "{}", w.word);
    }
}

#[test]
fn triggers_cover_relative_words_and_bases_without_a_number() {
    // the scanner wakes up at a relative word or 同比/环比 only on a trigger
    let firsts = REL_WORDS
        .iter()
        .map(|w| w.word)
        .chain(["同比", "环比"])
        .filter_map(|w| w.chars().next());
    for c in firsts {
        assert!(is_trigger(c), "{c}");
        assert!(SCAN3.contains(c), "{c}");
    }
    assert!(BASES.contains(&"同比") && BASES.contains(&"环比"));
}

#[test]
fn every_figure_list_entry_is_read() {
    // a line with a misspelt category or sense would be dropped silently
    let count = |src: &'static str| data::lines(src).count();
    assert_eq!(UNITS.len(), count(data_file!("figure_units.txt")));
    assert_eq!(
        REL_WORDS.len(),
        count(data_file!("figure_relative_words.txt"))
    );
    assert_eq!(
        PRE_MARKERS.len() + POST_MARKERS.len(),
        count(data_file!("figure_approx_markers.txt"))
    );
    let roles = |src: &'static str, lists: &[&Vec<&str>]| {
        assert_eq!(lists.iter().map(|l| l.len()).sum::<usize>(), count(src));
        assert!(lists.iter().all(|l| !l.is_empty()));
    };
    roles(
        data_file!("figure_date_parts.txt"),
        &[&YEAR_PARTS, &MONTH_PARTS, &DAYPARTS],
    );
    roles(
        data_file!("figure_change_words.txt"),
        &[&BASES, &VERBS_UP, &VERBS_DOWN, &SHORT_UP, &SHORT_DOWN],
    );
    roles(
        data_file!("figure_noun_words.txt"),
        &[
            &NOUN_STOP2,
            &LEAD_FILLERS,
            &TAIL_FILLERS,
            &EVENT_VERBS,
            &VERB_NOUNS,
            &SUBJECT_SUFFIXES,
        ],
    );
    roles(
        data_file!("figure_day_durations.txt"),
        &[&DAY_DURATION_BEFORE, &DAY_DURATION_AFTER],
    );
    assert_eq!(
        STOP_PHRASES.len(),
        count(data_file!("figure_stop_phrases.txt"))
    );
}
