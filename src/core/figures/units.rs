//! Units and measure words after a number (`亿元`, `%`, `个百分点`, `户`,
//! `平方公里`), and the stop phrases in which a numeral and a measure word
//! are no figure (`三番五次`, `四个意识`).

use super::numbers::is_cn_num;
use super::probe::{at, ch_at, starts};
use crate::core::chars::is_han;
use crate::core::chars::FxHashMap as HashMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cat {
    Money,
    Percent,
    Permille,
    Points,
    Multiple,
    Tenths,
    Count,
    Measure,
    Duration,
    Age,
}

pub(super) struct UnitDef {
    pub(super) text: &'static str,
    pub(super) unit: &'static str,
    pub(super) cat: Cat,
    /// Only after Arabic digits (`3部`, but `三部门` is not `三部`).
    pub(super) arabic_only: bool,
}

pub(super) const fn u(
    text: &'static str,
    unit: &'static str,
    cat: Cat,
    arabic_only: bool,
) -> UnitDef {
    UnitDef {
        text,
        unit,
        cat,
        arabic_only,
    }
}

/// Longer entries first: the first match wins.
pub(super) static UNITS: &[UnitDef] = &[
    // money
    u("元人民币", "元", Cat::Money, false),
    u("美元", "美元", Cat::Money, false),
    u("欧元", "欧元", Cat::Money, false),
    u("英镑", "英镑", Cat::Money, false),
    u("日元", "日元", Cat::Money, false),
    u("港元", "港元", Cat::Money, false),
    u("港币", "港元", Cat::Money, false),
    u("澳元", "澳元", Cat::Money, false),
    u("韩元", "韩元", Cat::Money, false),
    u("卢布", "卢布", Cat::Money, false),
    u("元", "元", Cat::Money, false),
    // percent
    u("个百分点", "个百分点", Cat::Points, false),
    u("百分点", "个百分点", Cat::Points, false),
    u("%", "%", Cat::Percent, false),
    u("％", "%", Cat::Percent, false),
    u("‰", "‰", Cat::Permille, false),
    u("倍", "倍", Cat::Multiple, false),
    u("成", "成", Cat::Tenths, false),
    // durations (before counts: 个月 beats 个)
    u("个多月", "个月", Cat::Duration, false),
    u("个月", "个月", Cat::Duration, false),
    u("个多小时", "小时", Cat::Duration, false),
    u("个小时", "小时", Cat::Duration, false),
    u("个工作日", "个工作日", Cat::Duration, false),
    u("个星期", "个星期", Cat::Duration, false),
    u("个季度", "个季度", Cat::Duration, false),
    u("个学期", "个学期", Cat::Duration, false),
    u("工作日", "个工作日", Cat::Duration, true),
    u("小时", "小时", Cat::Duration, false),
    u("分钟", "分钟", Cat::Duration, false),
    u("秒钟", "秒", Cat::Duration, false),
    u("秒", "秒", Cat::Duration, true),
    u("天", "天", Cat::Duration, false),
    u("年", "年", Cat::Duration, false),
    u("周岁", "周岁", Cat::Age, false),
    u("周年", "周年", Cat::Count, false),
    u("周", "周", Cat::Duration, true),
    u("岁", "岁", Cat::Age, false),
    // physical
    u("平方公里", "平方公里", Cat::Measure, false),
    u("平方千米", "平方千米", Cat::Measure, false),
    u("平方米", "平方米", Cat::Measure, false),
    u("立方米", "立方米", Cat::Measure, false),
    u("公里", "公里", Cat::Measure, false),
    u("千米", "千米", Cat::Measure, false),
    u("厘米", "厘米", Cat::Measure, false),
    u("毫米", "毫米", Cat::Measure, false),
    u("公顷", "公顷", Cat::Measure, false),
    u("千克", "千克", Cat::Measure, false),
    u("公斤", "公斤", Cat::Measure, false),
    u("千瓦时", "千瓦时", Cat::Measure, false),
    u("千瓦", "千瓦", Cat::Measure, false),
    u("兆瓦", "兆瓦", Cat::Measure, false),
    u("毫升", "毫升", Cat::Measure, false),
    u("摄氏度", "摄氏度", Cat::Measure, false),
    u("海里", "海里", Cat::Measure, false),
    u("分贝", "分贝", Cat::Measure, true),
    u("标准箱", "标准箱", Cat::Measure, false),
    u("标箱", "标准箱", Cat::Measure, false),
    u("℃", "℃", Cat::Measure, false),
    u("米", "米", Cat::Measure, false),
    u("亩", "亩", Cat::Measure, false),
    u("吨", "吨", Cat::Measure, false),
    u("克", "克", Cat::Measure, true),
    u("斤", "斤", Cat::Measure, false),
    u("升", "升", Cat::Measure, true),
    u("度", "度", Cat::Measure, true),
    u("km²", "平方公里", Cat::Measure, true),
    u("km", "公里", Cat::Measure, true),
    u("kg", "千克", Cat::Measure, true),
    u("cm", "厘米", Cat::Measure, true),
    u("mm", "毫米", Cat::Measure, true),
    u("m²", "平方米", Cat::Measure, true),
    u("m³", "立方米", Cat::Measure, true),
    u("kWh", "千瓦时", Cat::Measure, true),
    u("kW", "千瓦", Cat::Measure, true),
    u("MW", "兆瓦", Cat::Measure, true),
    u("GW", "吉瓦", Cat::Measure, true),
    u("TEU", "标准箱", Cat::Measure, true),
    u("GB", "GB", Cat::Measure, true),
    u("TB", "TB", Cat::Measure, true),
    u("MB", "MB", Cat::Measure, true),
    // counts
    u("人次", "人次", Cat::Count, false),
    u("家次", "家次", Cat::Count, false),
    u("架次", "架次", Cat::Count, false),
    u("场次", "场次", Cat::Count, false),
    u("车次", "车次", Cat::Count, false),
    u("户次", "户次", Cat::Count, false),
    u("批次", "批次", Cat::Count, false),
    u("大类", "大类", Cat::Count, false),
    u("名", "名", Cat::Count, false),
    u("人", "人", Cat::Count, false),
    u("个", "个", Cat::Count, false),
    u("位", "位", Cat::Count, false),
    u("项", "项", Cat::Count, false),
    u("次", "次", Cat::Count, false),
    u("场", "场", Cat::Count, false),
    u("户", "户", Cat::Count, false),
    u("件", "件", Cat::Count, false),
    u("条", "条", Cat::Count, false),
    u("家", "家", Cat::Count, false),
    u("批", "批", Cat::Count, false),
    u("支", "支", Cat::Count, false),
    u("期", "期", Cat::Count, false),
    u("所", "所", Cat::Count, false),
    u("座", "座", Cat::Count, false),
    u("栋", "栋", Cat::Count, false),
    u("幢", "幢", Cat::Count, false),
    u("套", "套", Cat::Count, false),
    u("台", "台", Cat::Count, false),
    u("辆", "辆", Cat::Count, false),
    u("架", "架", Cat::Count, false),
    u("艘", "艘", Cat::Count, false),
    u("篇", "篇", Cat::Count, false),
    u("部", "部", Cat::Count, true),
    u("本", "本", Cat::Count, false),
    u("册", "册", Cat::Count, false),
    u("份", "份", Cat::Count, false),
    u("张", "张", Cat::Count, false),
    u("页", "页", Cat::Count, false),
    u("种", "种", Cat::Count, false),
    u("类", "类", Cat::Count, false),
    u("块", "块", Cat::Count, false),
    u("片", "片", Cat::Count, false),
    u("株", "株", Cat::Count, false),
    u("棵", "棵", Cat::Count, false),
    u("只", "只", Cat::Count, false),
    u("匹", "匹", Cat::Count, false),
    u("头", "头", Cat::Count, true),
    u("枚", "枚", Cat::Count, false),
    u("颗", "颗", Cat::Count, false),
    u("盏", "盏", Cat::Count, false),
    u("箱", "箱", Cat::Count, false),
    u("袋", "袋", Cat::Count, false),
    u("道", "道", Cat::Count, false),
    u("门", "门", Cat::Count, true),
    u("间", "间", Cat::Count, false),
    u("层", "层", Cat::Count, false),
    u("级", "级", Cat::Count, false),
    u("轮", "轮", Cat::Count, false),
    u("届", "届", Cat::Count, true),
    u("段", "段", Cat::Count, false),
    u("节", "节", Cat::Count, false),
    u("笔", "笔", Cat::Count, false),
    u("款", "款", Cat::Count, false),
    u("例", "例", Cat::Count, false),
    u("宗", "宗", Cat::Count, false),
    u("起", "起", Cat::Count, false),
    u("处", "处", Cat::Count, false),
    u("地", "地", Cat::Count, false),
    u("组", "组", Cat::Count, false),
    u("队", "队", Cat::Count, false),
    u("首", "首", Cat::Count, false),
    u("幅", "幅", Cat::Count, false),
    u("把", "把", Cat::Count, false),
    u("趟", "趟", Cat::Count, false),
    u("遍", "遍", Cat::Count, false),
    u("回", "回", Cat::Count, true),
    u("封", "封", Cat::Count, false),
    u("列", "列", Cat::Count, false),
    u("票", "票", Cat::Count, true),
    u("单", "单", Cat::Count, true),
    u("口", "口", Cat::Count, true),
    u("字", "字", Cat::Count, true),
];

/// Words in which a numeral and a measure word are not a figure.
pub(super) static STOP_PHRASES: &[&str] = &[
    "三番五次",
    "五花八门",
    "三天两头",
    "三天打鱼",
    "两天晒网",
    "四面八方",
    "三长两短",
    "三言两语",
    "三五成群",
    "七嘴八舌",
    "三三两两",
    "一年半载",
    "三年五载",
    "四处",
    "四周",
    "两头",
    "十分",
    "三位一体",
    "五位一体",
    "三轮车",
    "两手",
    "九死一生",
    "百年大计",
    "千家万户",
    "千方百计",
    "三令五申",
    "两面",
    "三心二意",
    "十全十美",
    "四个全面",
    "四个意识",
    "四个自信",
    "两个维护",
    "两个确立",
    "两个一百年",
    "三个代表",
    "两学一做",
    "八项规定",
];

/// Units by their first char (indices into `UNITS`, table order kept).
pub(super) static UNIT_INDEX: LazyLock<HashMap<char, Vec<usize>>> = LazyLock::new(|| {
    let mut m: HashMap<char, Vec<usize>> = HashMap::default();
    for (k, d) in UNITS.iter().enumerate() {
        if let Some(c) = d.text.chars().next() {
            m.entry(c).or_default().push(k);
        }
    }
    m
});

pub(super) fn unit_at(s: &str, i: usize, chinese: bool) -> Option<(&'static UnitDef, usize)> {
    let first = ch_at(s, i)?;
    // cheap pre-filter: units start with a Han char, % ‰ ℃ or an ASCII letter
    if !(is_han(first) || matches!(first, '%' | '％' | '‰' | '℃') || first.is_ascii_alphabetic())
    {
        return None;
    }
    let def = UNIT_INDEX
        .get(&first)?
        .iter()
        .map(|&k| &UNITS[k])
        .find(|d| at(s, i, d.text))?;
    if chinese && def.arabic_only {
        return None;
    }
    let end = i + def.text.len();
    // Latin units must end there (`5km`, not `5kmh`); `5G` is no unit at all
    if def.text.is_ascii() && ch_at(s, end).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    // measure words that begin other words (matched as a char: a match on
    // the unit's text would compare strings arm by arm)
    let one_char = ch_at(def.text, 0).filter(|c| c.len_utf8() == def.text.len());
    let next = ch_at(s, end);
    let bad = match one_char.unwrap_or('\0') {
        '部' => matches!(next, Some('门' | '委' | '署')),
        '人' => matches!(next, Some('民' | '大')),
        '度' => matches!(next, Some('假' | '过')),
        '成' => matches!(
            next,
            Some('立' | '为' | '功' | '果' | '员' | '本' | '效' | '熟' | '长' | '就' | '型' | '交')
        ),
        '倍' => matches!(next, Some('增')),
        '地' => next.is_some_and(|c| matches!(c, '区' | '方' | '市' | '块' | '产' | '铁' | '震')),
        '家' => matches!(next, Some('乡' | '长' | '属' | '庭' | '园' | '风')),
        '节' => matches!(next, Some('日' | '约' | '能' | '点')),
        '起' => matches!(next, Some('来' | '点' | '步' | '草' | '源' | '始')),
        '期' => matches!(
            next,
            Some('间' | '待' | '望' | '刊' | '限' | '末' | '初' | '中')
        ),
        '间' => matches!(next, Some('隔' | '断')),
        '处' => matches!(next, Some('理' | '置' | '于' | '罚' | '分')),
        '道' => matches!(next, Some('路' | '德' | '理')),
        '级' => matches!(next, Some('别')),
        '年' => matches!(
            next,
            Some('级' | '代' | '龄' | '轻' | '终' | '会' | '货' | '画')
        ),
        '类' => matches!(next, Some('似' | '型')),
        '组' => matches!(next, Some('织' | '成' | '建' | '合')),
        '片' => matches!(next, Some('区')),
        '台' => matches!(next, Some('湾')),
        '场' => matches!(next, Some('所' | '景' | '面' | '地')),
        '首' => matches!(next, Some('都' | '先' | '次' | '届' | '批' | '位' | '府')),
        _ => false,
    };
    if bad {
        return None;
    }
    Some((def, end))
}

/// The longest stop phrase, in bytes.
pub(super) const STOP_MAX: usize = 15;

/// [`STOP_PHRASES`] by their first char (table order kept).
pub(super) static STOP_INDEX: LazyLock<HashMap<char, Vec<&'static str>>> = LazyLock::new(|| {
    let mut m: HashMap<char, Vec<&'static str>> = HashMap::default();
    for p in STOP_PHRASES {
        if let Some(c) = p.chars().next() {
            m.entry(c).or_default().push(p);
        }
    }
    m
});

pub(super) fn in_stop_phrase(s: &str, start: usize, end: usize) -> bool {
    // A phrase overlapping start..end starts before `end` and less than its
    // length before `start`. Every phrase starts with a numeral (a test
    // checks it), so only the numerals in that window are tried.
    let mut a = start.saturating_sub(STOP_MAX - 1);
    while a < end && !s.is_char_boundary(a) {
        a += 1;
    }
    while a < end {
        let Some(c) = ch_at(s, a) else {
            break;
        };
        if is_cn_num(c) {
            let r = s.as_bytes().get(a..).unwrap_or_default();
            let phrases = STOP_INDEX.get(&c).map_or(&[][..], Vec::as_slice);
            if phrases
                .iter()
                .any(|p| a + p.len() > start && starts(r, p.as_bytes()))
            {
                return true;
            }
        }
        a += c.len_utf8();
    }
    false
}
