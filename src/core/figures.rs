//! Figures in Chinese news text: numbers with their units, dates and times,
//! ranges, relative dates and change figures, each with its exact byte range
//! in the paragraph and a typed value.
//!
//! The recognizer is a hand-written scanner (no regexes). It wakes up only on
//! digits, Chinese numerals and a few trigger characters (`去` `今` `同` …),
//! so a paragraph without figures costs one pass over its chars.
//!
//! Precision first: Chinese numerals inside words (`第一时间`, `一把手`,
//! `统一`, `十九大`, `三化一型`), a lone `一` with a measure word (`一项工作`),
//! slogans in quotes (`“四个意识”`) and bare numbers without a unit (`(1)`,
//! `12345`) are not figures.

use crate::core::chars::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use super::chars::{decode3, is_han};
use super::config::Ymd;

// ---------------------------------------------------------------------------
// Types

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `81.73亿元`, `4.09亿美元`.
    Money,
    /// `7.8%`, `百分之五`, `三成`.
    Percent,
    /// `2个百分点`.
    Points,
    /// `1.5倍`.
    Multiple,
    /// A count with a measure word: `16867户`, `23万余名`, `三大类`.
    Count,
    /// A physical quantity: `3.5公里`, `120平方米`.
    Measure,
    /// A length of time: `五天`, `3个月`, `40年`.
    Duration,
    /// `65岁`.
    Age,
    /// A number without a unit: `两千三百`, `1.2万`.
    Number,
    /// A calendar date (possibly with a time): `2018年12月18日上午`, `9月17日`,
    /// `11月中旬`, `去年11月`.
    Date,
    /// A time of day without a date: `上午9时30分`.
    Time,
    /// A change without a number: `环比下降`.
    Change,
}

impl Kind {
    pub fn chinese(self) -> &'static str {
        match self {
            Kind::Money => "金额",
            Kind::Percent => "百分比",
            Kind::Points => "百分点",
            Kind::Multiple => "倍数",
            Kind::Count => "数量",
            Kind::Measure => "度量",
            Kind::Duration => "时长",
            Kind::Age => "年龄",
            Kind::Number => "数值",
            Kind::Date => "日期",
            Kind::Time => "时刻",
            Kind::Change => "变化",
        }
    }
}

/// How the numeral is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Arabic,
    Chinese,
    /// Both scripts in one number (`二0一八`) or a letter O among digits (`2O18`).
    Mixed,
}

/// What an approximation marker says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sense {
    /// `约` `大约` `左右` `上下` `前后` `许` `来`.
    About,
    /// `余` `多` `超过` `逾` `以上`.
    MoreThan,
    /// `近` `将近` `接近`.
    Nearly,
    /// `以下` `以内` `不到` `不足` `不超过`.
    AtMost,
}

impl Sense {
    pub fn chinese(self) -> &'static str {
        match self {
            Sense::About => "约数",
            Sense::MoreThan => "多于",
            Sense::Nearly => "接近",
            Sense::AtMost => "不超过",
        }
    }
}

/// An approximation marker and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub word: &'static str,
    pub range: Range<usize>,
    pub sense: Sense,
}

/// An exact decimal: `mant × 10^exp`.
///
/// Packed to an alignment of 8: an `i128` alone would align every `Amount`,
/// `Value` and `Figure` to 16 bytes and pad each `Num` to 32 (the figures of
/// a document are kept in the paragraph cache). The fields are read and
/// written by value; a reference to `mant` is refused by the compiler.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(C, packed(8))]
pub struct Num {
    pub mant: i128,
    pub exp: i32,
}

impl Num {
    pub fn int(v: i128) -> Num {
        Num { mant: v, exp: 0 }
    }

    pub fn to_f64(self) -> f64 {
        self.mant as f64 * 10f64.powi(self.exp)
    }

    fn scaled(self, e: i32) -> Num {
        Num {
            mant: self.mant,
            exp: self.exp + e,
        }
    }

    /// The value as a small non-negative integer (date components).
    pub fn as_u32(self) -> Option<u32> {
        if self.exp < 0 || self.exp > 9 || self.mant < 0 {
            return None;
        }
        let v = self
            .mant
            .checked_mul(10i128.checked_pow(self.exp as u32)?)?;
        u32::try_from(v).ok()
    }

    /// Digits with thousands grouping: `8,173,000,000`, `1,234.5`, `0.07`.
    pub fn grouped(self) -> String {
        let neg = self.mant < 0;
        let digits = self.mant.unsigned_abs().to_string();
        let (int, frac) = if self.exp >= 0 {
            if self.exp > 40 {
                return format!("{}", self.to_f64());
            }
            let mut d = digits;
            if d != "0" {
                d.push_str(&"0".repeat(self.exp as usize));
            }
            (d, String::new())
        } else {
            let e = (-self.exp) as usize;
            if e > 40 {
                return format!("{}", self.to_f64());
            }
            let padded = if digits.len() <= e {
                format!("{}{}", "0".repeat(e + 1 - digits.len()), digits)
            } else {
                digits
            };
            let (i, f) = padded.split_at(padded.len() - e);
            (i.to_string(), f.trim_end_matches('0').to_string())
        };
        let mut out = String::new();
        if neg {
            out.push('-');
        }
        let n = int.len();
        for (k, c) in int.chars().enumerate() {
            if k > 0 && (n - k) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push('.');
            out.push_str(&frac);
        }
        out
    }
}

/// A quantity: one value or a range, in a unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    /// The value, multiplier applied (`81.73亿元` → 8173000000).
    pub lo: Num,
    /// The upper end of a range (`10%～20%`).
    pub hi: Option<Num>,
    /// The unit or measure word: `元` `美元` `%` `个百分点` `倍` `成` `户` `个月` …
    pub unit: &'static str,
    /// The multiplier as written: `亿` `万` `千万` or empty.
    pub scale: &'static str,
    /// Decimal places as written (before the multiplier).
    pub decimals: u32,
}

impl Amount {
    /// The value in the written multiplier (`81.73` for `81.73亿元`).
    pub fn in_scale(&self, v: f64) -> f64 {
        v / 10f64.powi(scale_exp(self.scale))
    }
}

/// Which day of the week (0 = Monday … 6 = Sunday) is written, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weekday {
    pub day: u32,
    /// The numeral char of the weekday (`三` in `星期三`).
    pub range: Range<usize>,
}

/// The granularity of a relative date word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RelUnit {
    Year,
    Month,
    Week,
    Day,
    /// `近日`, `日前`: a few days before the article.
    Recent,
    /// `至今`: up to the article date.
    Now,
}

/// A date stated relative to the article: `去年`, `上月`, `昨天`, `近日`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rel {
    pub word: &'static str,
    pub unit: RelUnit,
    pub offset: i32,
}

/// A (possibly partial) date and time as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DateSpec {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub rel: Option<Rel>,
    /// `上旬` `中旬` `下旬` `初` `底` `末` `上半年` `一季度` `年度` …
    pub part: Option<&'static str>,
    /// `上午` `下午` `晚上` …
    pub daypart: Option<&'static str>,
    pub hour: Option<u32>,
    pub minute: Option<u32>,
    /// Boxed: rarely written, and a `DateSpec` is in every date figure.
    pub weekday: Option<Box<Weekday>>,
    /// Bytes of this date in the paragraph.
    pub span: Range<usize>,
}

impl DateSpec {
    fn is_empty(&self) -> bool {
        self.year.is_none()
            && self.month.is_none()
            && self.day.is_none()
            && self.rel.is_none()
            && self.part.is_none()
            && self.hour.is_none()
            && self.daypart.is_none()
    }

    /// A full explicit date (year, month and day written out).
    pub fn full_date(&self) -> Option<Ymd> {
        let (year, month, day) = (self.year?, self.month?, self.day?);
        if self.rel.is_some() || !valid_date(Some(year), month, day) {
            return None;
        }
        Some(Ymd { year, month, day })
    }
}

/// What a figure's value is.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Amount(Amount),
    /// A date, or a range of dates (the second end boxed: ranges are rare).
    Date {
        lo: DateSpec,
        hi: Option<Box<DateSpec>>,
    },
    None,
}

/// A change figure: `同比增长7.8%`, `环比下降`, `增加200人`.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// `同比` `环比` `比上年` … if written.
    pub basis: Option<&'static str>,
    pub verb: &'static str,
    pub up: bool,
    /// The base implied by the current amount stated just before.
    pub base: Option<Base>,
}

/// An implied base: `利用内资81.73亿元，同比增长7.8%` → ≈ 75.82亿元.
#[derive(Debug, Clone, PartialEq)]
pub struct Base {
    /// Normalized value (multiplier applied).
    pub value: f64,
    /// In the current amount's written form: `75.82亿元`.
    pub text: String,
    /// The current amount it was computed from.
    pub from: Range<usize>,
    pub from_text: String,
}

/// One figure in a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Bytes in the paragraph, markers and change words included.
    pub range: Range<usize>,
    pub kind: Kind,
    pub value: Value,
    pub approx: Vec<Marker>,
    /// Boxed: few figures are changes, and `Change` is large.
    pub change: Option<Box<Change>>,
    pub style: Style,
    /// The first numeral as written (`二0一八` in `二0一八年`).
    pub digits: Range<usize>,
    /// The range mark between the two ends (`～` `至` `-`), if a range.
    pub connector: Option<Range<usize>>,
    /// Does the first end of a range carry the unit (`10%～20%`, not `10～20%`)?
    pub lo_unit: bool,
    /// The noun right after a count's measure word (`督导组` in `3个督导组`).
    pub noun_after: Option<Range<usize>>,
}

impl Figure {
    pub fn amount(&self) -> Option<&Amount> {
        match &self.value {
            Value::Amount(a) => Some(a),
            _ => None,
        }
    }

    pub fn dates(&self) -> Option<(&DateSpec, Option<&DateSpec>)> {
        match &self.value {
            Value::Date { lo, hi } => Some((lo, hi.as_deref())),
            _ => None,
        }
    }

    pub fn is_range(&self) -> bool {
        match &self.value {
            Value::Amount(a) => a.hi.is_some(),
            Value::Date { hi, .. } => hi.is_some(),
            Value::None => false,
        }
    }

    pub fn is_approx(&self) -> bool {
        !self.approx.is_empty()
    }
}

// ---------------------------------------------------------------------------
// Char helpers (all indices are char boundaries computed by the scanner)

/// The char starting at byte `i`; `None` at the end or inside a char.
/// This is the recognizer's innermost helper, so ASCII and three-byte chars
/// (all of Chinese) are decoded in place, without the boundary check and
/// the general decoder of `str::chars`.
#[inline]
fn ch_at(s: &str, i: usize) -> Option<char> {
    let b = s.as_bytes();
    let x = *b.get(i)?;
    if x < 0x80 {
        return Some(x as char);
    }
    // a three-byte lead (the text is valid UTF-8: two continuation bytes follow)
    if x & 0xF0 == 0xE0 {
        if let (Some(&y), Some(&z)) = (b.get(i + 1), b.get(i + 2)) {
            return Some(decode3(x, y, z));
        }
    }
    s.get(i..)?.chars().next()
}

/// The char ending at byte `i`; `None` at the start or inside a char.
#[inline]
fn ch_before(s: &str, i: usize) -> Option<char> {
    let b = s.as_bytes();
    // `i` must be a char boundary: the end, or not a continuation byte
    let boundary = b.get(i).is_none_or(|&x| x & 0xC0 != 0x80);
    if boundary && i <= b.len() {
        match i.checked_sub(1).and_then(|k| b.get(k)) {
            Some(&x) if x < 0x80 => return Some(x as char),
            None => return None,
            _ => {}
        }
        if let Some(&[x, y, z]) = i.checked_sub(3).and_then(|k| b.get(k..i)) {
            if x & 0xF0 == 0xE0 {
                return Some(decode3(x, y, z));
            }
        }
    }
    s.get(..i)?.chars().next_back()
}

/// Byte-wise prefix test: the patterns are short words, and most differ from
/// the text in their first bytes, so a loop beats a call to `memcmp`.
#[inline]
fn starts(r: &[u8], p: &[u8]) -> bool {
    p.len() <= r.len() && p.iter().zip(r).all(|(a, b)| a == b)
}

#[inline]
fn ends(r: &[u8], p: &[u8]) -> bool {
    p.len() <= r.len() && p.iter().rev().zip(r.iter().rev()).all(|(a, b)| a == b)
}

// The word tests below compare bytes without asking whether `i` is a char
// boundary: every pattern is a non-empty string of whole chars, and UTF-8 is
// self-synchronizing, so a byte match of a whole pattern starts (or ends) on
// a char boundary anyway.

#[inline]
fn at(s: &str, i: usize, pat: &str) -> bool {
    s.as_bytes()
        .get(i..)
        .is_some_and(|r| starts(r, pat.as_bytes()))
}

#[inline]
fn before(s: &str, i: usize, pat: &str) -> bool {
    s.as_bytes()
        .get(..i)
        .is_some_and(|r| ends(r, pat.as_bytes()))
}

fn at_any(s: &str, i: usize, pats: &[&'static str]) -> Option<&'static str> {
    let r = s.as_bytes().get(i..)?;
    pats.iter().copied().find(|p| starts(r, p.as_bytes()))
}

fn before_any(s: &str, i: usize, pats: &[&'static str]) -> Option<&'static str> {
    let r = s.as_bytes().get(..i)?;
    pats.iter().copied().find(|p| ends(r, p.as_bytes()))
}

fn ar_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Small units: 十 百 千 (as powers of ten).
fn cn_unit(c: char) -> Option<i32> {
    match c {
        '十' | '拾' => Some(1),
        '百' | '佰' => Some(2),
        '千' | '仟' => Some(3),
        _ => None,
    }
}

fn cn_big(c: char) -> Option<i32> {
    match c {
        '万' => Some(4),
        '亿' => Some(8),
        _ => None,
    }
}

fn is_cn_num(c: char) -> bool {
    cn_digit(c).is_some() || cn_unit(c).is_some() || cn_big(c).is_some()
}

fn is_ascii_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn scale_exp(scale: &str) -> i32 {
    scale
        .chars()
        .map(|c| match c {
            '十' => 1,
            '百' => 2,
            '千' => 3,
            '万' => 4,
            '亿' => 8,
            _ => 0,
        })
        .sum()
}

// ---------------------------------------------------------------------------
// Units

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cat {
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

struct UnitDef {
    text: &'static str,
    unit: &'static str,
    cat: Cat,
    /// Only after Arabic digits (`3部`, but `三部门` is not `三部`).
    arabic_only: bool,
}

const fn u(text: &'static str, unit: &'static str, cat: Cat, arabic_only: bool) -> UnitDef {
    UnitDef {
        text,
        unit,
        cat,
        arabic_only,
    }
}

/// Longer entries first: the first match wins.
static UNITS: &[UnitDef] = &[
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
static STOP_PHRASES: &[&str] = &[
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
static UNIT_INDEX: LazyLock<HashMap<char, Vec<usize>>> = LazyLock::new(|| {
    let mut m: HashMap<char, Vec<usize>> = HashMap::default();
    for (k, d) in UNITS.iter().enumerate() {
        if let Some(c) = d.text.chars().next() {
            m.entry(c).or_default().push(k);
        }
    }
    m
});

fn unit_at(s: &str, i: usize, chinese: bool) -> Option<(&'static UnitDef, usize)> {
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

// ---------------------------------------------------------------------------
// Numbers

#[derive(Debug, Clone)]
struct NumTok {
    end: usize,
    num: Num,
    style: Style,
    digits: Range<usize>,
    decimals: u32,
    /// Arabic integer digits (year detection); 0 for Chinese.
    int_digits: usize,
    /// Written digit by digit (`二〇一八`, `2O18`).
    positional: bool,
    /// Just `一`.
    single_yi: bool,
    scale: &'static str,
    /// `余` `多` `来` between the number and its unit.
    mid: Option<Marker>,
    /// `两三` `三四十`: an approximate pair.
    pair_hi: Option<Num>,
    /// Thousands separators used.
    grouped: bool,
}

impl NumTok {
    /// Usable as a date component (a plain integer as written).
    fn plain(&self) -> Option<u32> {
        if self.decimals > 0
            || !self.scale.is_empty()
            || self.mid.is_some()
            || self.pair_hi.is_some()
            || self.grouped
        {
            return None;
        }
        self.num.as_u32()
    }
}

/// Parse a Chinese numeral (`两千三百`, `十九`, `三万五千`, `一百五`).
fn parse_cn(run: &str) -> Option<i128> {
    let mut total: i128 = 0;
    let mut section: i128 = 0;
    let mut cur: Option<i128> = None;
    let mut last_unit: i32 = 99;
    let mut zero = false;
    let mut any_unit = false;
    let mut first = true;
    for c in run.chars() {
        if let Some(d) = cn_digit(c) {
            if d == 0 && c != '两' {
                zero = true;
                if cur.is_some() {
                    return None;
                }
            } else {
                if cur.is_some() {
                    return None;
                }
                cur = Some(d as i128);
            }
        } else if let Some(e) = cn_unit(c) {
            if e >= last_unit {
                return None;
            }
            let n = match cur.take() {
                Some(n) => n,
                None if first && e == 1 => 1,
                None => return None,
            };
            section += n * 10i128.pow(e as u32);
            last_unit = e;
            zero = false;
            any_unit = true;
        } else if let Some(e) = cn_big(c) {
            let n = section + cur.take().unwrap_or(0);
            if n == 0 {
                return None;
            }
            if e == 8 {
                total = (total + n).checked_mul(100_000_000)?;
            } else if total == 0 {
                total = n * 10_000;
            } else {
                total += n * 10_000;
            }
            section = 0;
            last_unit = 99;
            zero = false;
            any_unit = true;
        } else {
            return None;
        }
        first = false;
    }
    if let Some(d) = cur {
        // 一百五 = 150, 两千三 = 2300 (no 零 before the last digit)
        if !zero && (2..=3).contains(&last_unit) {
            section += d * 10i128.pow(last_unit as u32 - 1);
        } else {
            section += d;
        }
    } else if !any_unit {
        return None;
    }
    Some(total + section)
}

/// A Chinese digit that may be written digit by digit (`二〇一八`).
fn positional_cn(c: char) -> bool {
    matches!(
        c,
        '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
    )
}

/// Read a number at `i`: Arabic, Chinese or mixed, with its multiplier
/// (`81.73亿`, `1000万`) and an approximation marker before the unit
/// (`9万余`, `300余`, `三十多万`).
fn read_number(s: &str, i: usize) -> Option<NumTok> {
    let b = s.as_bytes();
    if b.get(i)?.is_ascii_digit() {
        // Most numbers are ASCII digits. Their run is a positional one of
        // mixed scripts (`2O18`, `2０一8`, see below) only if it goes on in
        // a full-width or Chinese digit or a letter O; else it is read as
        // an Arabic number right away.
        let k = i + b.iter().skip(i).take_while(|x| x.is_ascii_digit()).count();
        let goes_on = ch_at(s, k)
            .is_some_and(|x| matches!(x, 'O' | 'o') || ar_digit(x).is_some() || positional_cn(x));
        if !goes_on {
            return read_arabic(s, i);
        }
    }
    let c = ch_at(s, i)?;
    if !(is_cn_num(c) || ar_digit(c).is_some()) {
        // (the reading below would find an empty run)
        return None;
    }
    // a positional run: digits of either script, letter O between digits
    let mut j = i;
    let (mut n, mut has_ar, mut has_cn, mut has_o) = (0usize, false, false, false);
    let mut pos_val: i128 = 0;
    let mut first_cn: Option<u32> = None;
    let mut second_cn: Option<u32> = None;
    while let Some(x) = ch_at(s, j) {
        let d = if let Some(d) = ar_digit(x) {
            has_ar = true;
            d
        } else if positional_cn(x) {
            has_cn = true;
            cn_digit(x).unwrap_or(0)
        } else if matches!(x, 'O' | 'o')
            && n > 0
            && ch_at(s, j + 1).is_some_and(|y| ar_digit(y).is_some())
        {
            has_o = true;
            0
        } else if x == '两' && n == 0 {
            has_cn = true;
            2
        } else {
            break;
        };
        if has_cn && n == 0 {
            first_cn = Some(d);
        } else if n == 1 && cn_digit(x).is_some() {
            second_cn = Some(d);
        }
        pos_val = pos_val.saturating_mul(10).saturating_add(d as i128);
        n += 1;
        j += x.len_utf8();
        if n > 24 {
            break;
        }
    }
    let run_end = j;
    let mixed = (has_cn && has_ar) || has_o;
    let pure_cn = has_cn && !has_ar && !has_o;
    let first_ok = |v: i128| (1000..=2999).contains(&v);
    if n == 4 && at(s, run_end, "年") && (mixed || pure_cn) && first_ok(pos_val) {
        return Some(NumTok {
            end: run_end,
            num: Num::int(pos_val),
            style: if mixed { Style::Mixed } else { Style::Chinese },
            digits: i..run_end,
            decimals: 0,
            int_digits: 4,
            positional: true,
            single_yi: false,
            scale: "",
            mid: None,
            pair_hi: None,
            grouped: false,
        });
    }
    if ar_digit(c).is_some() {
        return read_arabic(s, i);
    }
    // an approximate pair: 两三个, 三四天, 三四十
    if pure_cn && n == 2 && ch_at(s, run_end).is_some_and(|x| cn_digit(x).is_none()) {
        if let (Some(a), Some(b)) = (first_cn, second_cn) {
            if (b == a + 1 && (1..=8).contains(&a) && c != '两') || (c == '两' && b == 3) {
                let a = if c == '一' { return None } else { a };
                let mut e = 0;
                let mut k = run_end;
                if let Some(x) = ch_at(s, k) {
                    if let Some(ue) = cn_unit(x).or(cn_big(x)) {
                        e = ue;
                        k += x.len_utf8();
                    }
                }
                return Some(NumTok {
                    end: k,
                    num: Num::int(a as i128).scaled(e),
                    style: Style::Chinese,
                    digits: i..k,
                    decimals: 0,
                    int_digits: 0,
                    positional: false,
                    single_yi: false,
                    scale: "",
                    mid: None,
                    pair_hi: Some(Num::int(b as i128).scaled(e)),
                    grouped: false,
                });
            }
        }
    }
    // a Chinese numeral
    if cn_unit(c).is_some_and(|e| e > 1) || cn_big(c).is_some() || matches!(c, '〇' | '零') {
        return None;
    }
    let mut k = i;
    while let Some(x) = ch_at(s, k) {
        if !is_cn_num(x) {
            break;
        }
        // 千米 千克 千瓦 百米: the multiplier belongs to the unit
        if (x == '千' || x == '百')
            && ch_at(s, k + 3).is_some_and(|y| matches!(y, '米' | '克' | '瓦' | '分'))
        {
            break;
        }
        k += x.len_utf8();
    }
    let run = s.get(i..k)?;
    if run.is_empty() {
        return None;
    }
    let v = parse_cn(run)?;
    let single_yi = run == "一";
    let mut tok = NumTok {
        end: k,
        num: Num::int(v),
        style: Style::Chinese,
        digits: i..k,
        decimals: 0,
        int_digits: 0,
        positional: false,
        single_yi,
        scale: "",
        mid: None,
        pair_hi: None,
        grouped: false,
    };
    // 三十多万: marker, then the multiplier
    if let Some((m, after)) = mid_marker(s, k) {
        if let Some(x) = ch_at(s, after) {
            if let Some(e) = cn_big(x) {
                tok.mid = Some(m);
                tok.num = tok.num.scaled(e);
                tok.scale = if e == 8 { "亿" } else { "万" };
                tok.end = after + x.len_utf8();
            }
        }
    }
    // 三十余名, 十多个, 二十来岁
    if tok.mid.is_none() && !single_yi {
        if let Some((m, after)) = mid_marker(s, tok.end) {
            tok.mid = Some(m);
            tok.end = after;
        }
    }
    Some(tok)
}

fn mid_marker(s: &str, i: usize) -> Option<(Marker, usize)> {
    let (word, sense) = match ch_at(s, i)? {
        '余' => ("余", Sense::MoreThan),
        '多' => ("多", Sense::MoreThan),
        '来' => ("来", Sense::About),
        _ => return None,
    };
    let end = i + word.len();
    Some((
        Marker {
            word,
            range: i..end,
            sense,
        },
        end,
    ))
}

/// The Arabic digit at byte `j`, ASCII or full-width (`０`…`９`): its value
/// and its width in bytes.
#[inline]
fn ar_digit_at(b: &[u8], j: usize) -> Option<(u8, usize)> {
    match *b.get(j)? {
        x @ b'0'..=b'9' => Some((x - b'0', 1)),
        // U+FF10..U+FF19
        0xEF => match *b.get(j + 1..j + 3)? {
            [0xBC, z @ 0x90..=0x99] => Some((z - 0x90, 3)),
            _ => None,
        },
        _ => None,
    }
}

/// `mant * 10 + d` after `n` digits; `None` on overflow. Only a number of
/// more than 38 digits can overflow an `i128`, so the common case needs no
/// checked (and slow) 128-bit multiplication.
#[inline]
fn push_digit(mant: i128, d: u8, n: usize) -> Option<i128> {
    if n < 38 {
        Some(mant * 10 + i128::from(d))
    } else {
        mant.checked_mul(10)?.checked_add(i128::from(d))
    }
}

fn read_arabic(s: &str, i: usize) -> Option<NumTok> {
    let b = s.as_bytes();
    let mut j = i;
    let mut mant: i128 = 0;
    let mut int_digits = 0usize;
    let mut decimals = 0u32;
    let mut grouped = false;
    loop {
        if let Some((d, w)) = ar_digit_at(b, j) {
            mant = push_digit(mant, d, int_digits)?;
            int_digits += 1;
            j += w;
            if int_digits > 30 {
                return None;
            }
        } else if b.get(j) == Some(&b',') && int_digits > 0 && (grouped || int_digits <= 3) {
            // 3,000 and 1,234,567: exactly three digits after each comma
            let three = (1..=3).all(|k| b.get(j + k).is_some_and(u8::is_ascii_digit));
            if three && !b.get(j + 4).is_some_and(u8::is_ascii_digit) {
                grouped = true;
                j += 1;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    if int_digits == 0 {
        return None;
    }
    // a decimal point (`.` or `．`, U+FF0E) and a digit
    let point = match b.get(j) {
        Some(b'.') => 1,
        Some(0xEF) if b.get(j + 1..j + 3) == Some(&[0xBC, 0x8E]) => 3,
        _ => 0,
    };
    if point > 0 && ar_digit_at(b, j + point).is_some() {
        j += point;
        while let Some((d, w)) = ar_digit_at(b, j) {
            mant = push_digit(mant, d, int_digits + decimals as usize)?;
            decimals += 1;
            j += w;
            if decimals > 12 {
                return None;
            }
        }
    }
    let digits = i..j;
    let mut tok = NumTok {
        end: j,
        num: Num {
            mant,
            exp: -(decimals as i32),
        },
        style: Style::Arabic,
        digits,
        decimals,
        int_digits,
        positional: false,
        single_yi: false,
        scale: "",
        mid: None,
        pair_hi: None,
        grouped,
    };
    // 300余, 9万余: a marker before or after the multiplier
    let mut k = j;
    let mut mid = None;
    if let Some((m, after)) = mid_marker(s, k) {
        if ch_at(s, after).is_some_and(|x| cn_big(x).is_some() || x == '千' || x == '百') {
            mid = Some(m);
            k = after;
        }
    }
    let scale_start = k;
    let mut e = 0;
    while let Some(x) = ch_at(s, k) {
        let step = match x {
            '万' | '亿' => cn_big(x).unwrap_or(0),
            '千' | '百'
                if !ch_at(s, k + 3)
                    .is_some_and(|y| matches!(y, '米' | '克' | '瓦' | '分' | '卡' | '帕')) =>
            {
                cn_unit(x).unwrap_or(0)
            }
            _ => break,
        };
        e += step;
        k += x.len_utf8();
        if e > 16 {
            return None;
        }
    }
    if e > 0 {
        tok.scale = match s.get(scale_start..k) {
            Some("万") => "万",
            Some("亿") => "亿",
            Some("千") => "千",
            Some("百") => "百",
            Some("千万") => "千万",
            Some("百万") => "百万",
            Some("万亿") => "万亿",
            Some("十万") => "十万",
            Some("百亿") => "百亿",
            Some("千亿") => "千亿",
            _ => "",
        };
        if tok.scale.is_empty() {
            return None;
        }
        tok.num = tok.num.scaled(e);
        tok.end = k;
        tok.mid = mid;
    } else if mid.is_some() {
        // 300余 without a multiplier: the marker sits before the unit
    }
    if tok.mid.is_none() {
        if let Some((m, after)) = mid_marker(s, tok.end) {
            tok.mid = Some(m);
            tok.end = after;
        }
    }
    Some(tok)
}

// ---------------------------------------------------------------------------
// Dates

const CONNECTORS: &[&str] = &["至", "到", "～", "~", "〜", "-", "－", "—", "–"];

fn connector_at(s: &str, i: usize) -> Option<Range<usize>> {
    let c = at_any(s, i, CONNECTORS)?;
    let end = i + c.len();
    // 至今 is read as a range end, 到位/到达 are not ranges
    if c == "到"
        && !ch_at(s, end)
            .is_some_and(|x| ar_digit(x).is_some() || cn_digit(x).is_some() || x == '十')
    {
        return None;
    }
    if c == "至" && ch_at(s, end).is_some_and(|x| matches!(x, '少' | '多' | '于')) {
        return None;
    }
    Some(i..end)
}

const YEAR_PARTS: &[&str] = &[
    "上半年",
    "下半年",
    "第一季度",
    "第二季度",
    "第三季度",
    "第四季度",
    "一季度",
    "二季度",
    "三季度",
    "四季度",
    "前三季度",
    "前两季度",
    "年初",
    "年底",
    "年末",
    "年中",
    "年度",
    "底",
    "初",
    "末",
    "度",
];
const MONTH_PARTS: &[&str] = &[
    "上旬",
    "中旬",
    "下旬",
    "中下旬",
    "上中旬",
    "初",
    "底",
    "末",
    "份",
];
const DAYPARTS: &[&str] = &[
    "上午", "下午", "晚上", "凌晨", "早上", "早晨", "中午", "傍晚", "夜间", "深夜", "晚间", "午后",
    "晚",
];

fn part_ok(s: &str, end: usize, part: &str) -> bool {
    let next = ch_at(s, end);
    match part {
        "初" => !next.is_some_and(|c| "步期次级中心衷见具始创稿".contains(c)),
        "底" => !next.is_some_and(|c| "线层气数子蕴色座部下".contains(c)),
        "末" => !next.is_some_and(|c| "端尾".contains(c)),
        "度" => !next.is_some_and(|c| "过假".contains(c)),
        "晚" => !next.is_some_and(|c| "会宴餐报霞辈期年点".contains(c)),
        _ => true,
    }
}

fn valid_year_tok(t: &NumTok) -> Option<i32> {
    if t.positional {
        return Some(t.num.mant as i32);
    }
    let v = t.plain()?;
    if t.style == Style::Arabic && t.int_digits == 4 && (1000..=2999).contains(&v) {
        Some(v as i32)
    } else {
        None
    }
}

/// [`read_number`] at one position at a time, remembered: `read_date` asks
/// for the number at one position as a year, a month, a day and an hour
/// until one of them fits.
struct NumAt<'a> {
    s: &'a str,
    at: usize,
    tok: Option<NumTok>,
}

impl<'a> NumAt<'a> {
    fn new(s: &'a str) -> NumAt<'a> {
        NumAt {
            s,
            at: usize::MAX,
            tok: None,
        }
    }

    /// Knowing the number at `at` already.
    fn with(s: &'a str, at: usize, tok: &NumTok) -> NumAt<'a> {
        NumAt {
            s,
            at,
            tok: Some(tok.clone()),
        }
    }

    fn get(&mut self, j: usize) -> Option<&NumTok> {
        if j != self.at {
            self.tok = read_number(self.s, j);
            self.at = j;
        }
        self.tok.as_ref()
    }
}

/// Read a date or time at `i` (the caller has checked a number or a
/// relative word starts there). Returns the date, an inner range end
/// (`1至9月`, `19至22日`) and the end offset.
fn read_date(
    s: &str,
    i: usize,
    d: &mut DateSpec,
    nums: &mut NumAt,
) -> Option<(Option<DateSpec>, usize)> {
    let mut j = i;
    let mut hi: Option<DateSpec> = None;
    // ISO: 2023-05-12, 2023/5/12, 2023.05.12
    if let Some((y, m, dd, end)) = iso_date(s, j) {
        d.year = Some(y);
        d.month = Some(m);
        d.day = Some(dd);
        j = end;
        let k = if at(s, j, " ") { j + 1 } else { j };
        if let Some((h, mi, end)) = clock(s, k) {
            d.hour = Some(h);
            d.minute = Some(mi);
            j = end;
        }
        return Some((None, j));
    }
    // year
    if d.year.is_none() && d.rel.is_none() {
        if let Some(t) = nums.get(j) {
            if let Some(y) = valid_year_tok(t) {
                if at(s, t.end, "年")
                    && !at(s, t.end, "年代")
                    && !at(s, t.end, "年级")
                    && !ch_at(s, t.end + 3).is_some_and(|c| matches!(c, '来' | '间' | '前'))
                    && !at(s, t.end + 3, "之久")
                    && !at(s, t.end + 3, "历史")
                {
                    d.year = Some(y);
                    j = t.end + "年".len();
                } else if let Some(c) = connector_at(s, t.end) {
                    // 2017至2018年
                    if let Some(t2) = read_number(s, c.end) {
                        if let Some(y2) = valid_year_tok(&t2) {
                            if at(s, t2.end, "年") && y2 > y {
                                d.year = Some(y);
                                let mut h = d.clone();
                                h.year = Some(y2);
                                d.span = i..t.end;
                                h.span = c.end..t2.end + 3;
                                return Some((Some(h), t2.end + 3));
                            }
                        }
                    }
                }
            }
        }
    }
    let has_year = d.year.is_some() || d.rel.is_some_and(|r| r.unit == RelUnit::Year);
    if has_year {
        if let Some(p) = at_any(s, j, YEAR_PARTS) {
            let pj = j + p.len();
            if part_ok(s, pj, p) {
                d.part = Some(match p {
                    "底" => "年底",
                    "初" => "年初",
                    "末" => "年末",
                    other => other,
                });
                if p == "度" {
                    d.part = Some("年度");
                }
                return Some((None, pj));
            }
        }
    }
    // month
    if let Some(t) = nums.get(j) {
        let m_ok = |t: &NumTok| {
            t.plain()
                .filter(|&m| m <= 99 && (t.style != Style::Chinese || m <= 12))
        };
        if let Some(m) = m_ok(t) {
            // 13月 is a wrong date, but 13月薪 is a salary
            let month_ok = m <= 12
                || ch_at(s, t.end + 3).is_none_or(|c| {
                    !is_han(c) || ar_digit(c).is_some() || "份上中下初底末至到日".contains(c)
                });
            if at(s, t.end, "月") && month_ok {
                d.month = Some(m);
                j = t.end + "月".len();
            } else if let Some(c) = connector_at(s, t.end) {
                // 1至9月, 8～10月
                if let Some(t2) = read_number(s, c.end) {
                    if let Some(m2) = m_ok(&t2) {
                        if at(s, t2.end, "月") && m2 > m {
                            d.month = Some(m);
                            d.span = i..t.end;
                            let mut h = d.clone();
                            h.month = Some(m2);
                            let mut e = t2.end + "月".len();
                            if at(s, e, "份") {
                                e += "份".len();
                            }
                            h.span = c.end..e;
                            hi = Some(h);
                            j = e;
                            return Some((hi, j));
                        }
                    }
                }
            }
        }
    }
    if d.month.is_some() {
        if let Some(p) = at_any(s, j, MONTH_PARTS) {
            let pj = j + p.len();
            if part_ok(s, pj, p) {
                if p != "份" {
                    d.part = Some(p);
                }
                return Some((None, pj));
            }
        }
    }
    // day (after a month, or alone)
    if let Some(t) = nums.get(j) {
        if let Some(dd) = t.plain().filter(|&x| x <= 99) {
            let unit = if at(s, t.end, "日") {
                Some("日")
            } else if at(s, t.end, "号") && d.month.is_some() {
                Some("号")
            } else {
                None
            };
            let cn_ok =
                t.style != Style::Chinese || (dd <= 31 && !t.single_yi || d.month.is_some());
            if let (Some(un), true) = (unit, cn_ok) {
                d.day = Some(dd);
                j = t.end + un.len();
            } else if d.month.is_some() {
                if let Some(c) = connector_at(s, t.end) {
                    // 19至22日
                    if let Some(t2) = read_number(s, c.end) {
                        if let Some(d2) = t2.plain() {
                            if at(s, t2.end, "日") && d2 > dd {
                                d.day = Some(dd);
                                d.span = i..t.end;
                                let mut h = d.clone();
                                h.day = Some(d2);
                                let e = t2.end + "日".len();
                                h.span = c.end..e;
                                return Some((Some(h), e));
                            }
                        }
                    }
                }
            }
        }
    }
    // weekday right after a day: (星期三) （周三） 星期三
    if d.day.is_some() {
        if let Some((w, end)) = weekday_at(s, j) {
            d.weekday = Some(Box::new(w));
            j = end;
        }
    }
    // part of the day, then a clock time
    let date_before = d.day.is_some() || d.rel.is_some_and(|r| r.unit == RelUnit::Day);
    if let Some(p) = at_any(s, j, DAYPARTS) {
        let pj = j + p.len();
        if (date_before || clock_like(s, pj)) && part_ok(s, pj, p) {
            d.daypart = Some(p);
            j = pj;
        }
    }
    let context = date_before || d.daypart.is_some();
    if let Some((h, mi, end)) = nums.get(j).and_then(|t| clock_cn(s, t, context)) {
        d.hour = Some(h);
        d.minute = mi;
        j = end;
    } else if date_before || d.daypart.is_some() {
        if let Some((h, mi, end)) = clock(s, j) {
            d.hour = Some(h);
            d.minute = Some(mi);
            j = end;
        }
    }
    if d.is_empty() && d.weekday.is_none() {
        return None;
    }
    Some((hi, j))
}

fn clock_like(s: &str, i: usize) -> bool {
    read_number(s, i).is_some_and(|t| {
        t.plain().is_some_and(|h| h <= 24)
            && (at(s, t.end, "时") || at(s, t.end, "点") || at(s, t.end, ":") || at(s, t.end, "："))
    })
}

/// `9时30分`, `9时`, `9点半`, `九时许`: hour and minutes, from the number `t`.
fn clock_cn(s: &str, t: &NumTok, context: bool) -> Option<(u32, Option<u32>, usize)> {
    let h = t.plain().filter(|&h| h <= 24)?;
    if t.style == Style::Chinese && !context {
        return None;
    }
    let mut j = t.end;
    if at(s, j, "时") {
        let next = ch_at(s, j + 3);
        if next.is_some_and(|c| "间期代候刻尚机事局效空速段光节令".contains(c)) {
            return None;
        }
        j += 3;
    } else if at(s, j, "点") {
        let next_ok = at(s, j + 3, "半")
            || at(s, j + 3, "钟")
            || at(s, j + 3, "整")
            || at(s, j + 3, "许")
            || read_number(s, j + 3).is_some_and(|m| at(s, m.end, "分"));
        if !(context || next_ok) {
            return None;
        }
        j += 3;
        if at(s, j, "钟") {
            j += 3;
        }
    } else {
        return None;
    }
    if t.style == Style::Arabic && t.int_digits > 2 {
        return None;
    }
    if at(s, j, "半") {
        return Some((h, Some(30), j + 3));
    }
    if let Some(m) = read_number(s, j) {
        if let Some(mv) = m.plain().filter(|&x| x < 60) {
            if at(s, m.end, "分") && !at(s, m.end, "分钟") {
                return Some((h, Some(mv), m.end + 3));
            }
        }
    }
    Some((h, None, j))
}

/// `07:30`, `9:05:10` (the caller decides whether the context makes it a time).
fn clock(s: &str, i: usize) -> Option<(u32, u32, usize)> {
    let b = s.as_bytes();
    let mut j = i;
    let hd = b
        .get(j..)?
        .iter()
        .take_while(|x| x.is_ascii_digit())
        .count();
    if !(1..=2).contains(&hd) {
        return None;
    }
    let h: u32 = s.get(j..j + hd)?.parse().ok()?;
    j += hd;
    let colon = if at(s, j, ":") {
        1
    } else if at(s, j, "：") {
        3
    } else {
        return None;
    };
    j += colon;
    let md = b
        .get(j..)?
        .iter()
        .take_while(|x| x.is_ascii_digit())
        .count();
    if md != 2 {
        return None;
    }
    let m: u32 = s.get(j..j + 2)?.parse().ok()?;
    j += 2;
    if h > 24 || m > 59 {
        return None;
    }
    if at(s, j, ":")
        && b.get(j + 1..j + 3)
            .is_some_and(|x| x.iter().all(u8::is_ascii_digit))
    {
        j += 3;
    }
    Some((h, m, j))
}

fn iso_date(s: &str, i: usize) -> Option<(i32, u32, u32, usize)> {
    let b = s.as_bytes();
    if !b.get(i..i + 4)?.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sep = *b.get(i + 4)?;
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let y: i32 = s.get(i..i + 4)?.parse().ok()?;
    let mut j = i + 5;
    let md = b
        .get(j..)?
        .iter()
        .take_while(|x| x.is_ascii_digit())
        .count();
    if !(1..=2).contains(&md) {
        return None;
    }
    let m: u32 = s.get(j..j + md)?.parse().ok()?;
    j += md;
    if b.get(j) != Some(&sep) {
        return None;
    }
    j += 1;
    let dd = b
        .get(j..)?
        .iter()
        .take_while(|x| x.is_ascii_digit())
        .count();
    if !(1..=2).contains(&dd) {
        return None;
    }
    let d: u32 = s.get(j..j + dd)?.parse().ok()?;
    j += dd;
    if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    if b.get(j).is_some_and(|x| x.is_ascii_alphanumeric())
        || (b.get(j) == Some(&sep) && b.get(j + 1).is_some_and(u8::is_ascii_digit))
    {
        return None;
    }
    Some((y, m, d, j))
}

fn weekday_at(s: &str, i: usize) -> Option<(Weekday, usize)> {
    let mut j = i;
    while at(s, j, " ") {
        j += 1;
    }
    let open = if at(s, j, "(") {
        Some(")")
    } else if at(s, j, "（") {
        Some("）")
    } else {
        None
    };
    if open.is_some() {
        j += ch_at(s, j)?.len_utf8();
    }
    let w = at_any(s, j, &["星期", "礼拜", "周"])?;
    j += w.len();
    let c = ch_at(s, j)?;
    let day = match c {
        '一' => 0,
        '二' => 1,
        '三' => 2,
        '四' => 3,
        '五' => 4,
        '六' => 5,
        '日' | '天' => 6,
        _ => return None,
    };
    let r = j..j + c.len_utf8();
    j = r.end;
    if let Some(close) = open {
        if !at(s, j, close) {
            return None;
        }
        j += close.len();
    }
    Some((Weekday { day, range: r }, j))
}

// ---------------------------------------------------------------------------
// Relative dates

struct RelWord {
    word: &'static str,
    unit: RelUnit,
    offset: i32,
}

const fn rw(word: &'static str, unit: RelUnit, offset: i32) -> RelWord {
    RelWord { word, unit, offset }
}

static REL_WORDS: &[RelWord] = &[
    rw("去年", RelUnit::Year, -1),
    rw("今年", RelUnit::Year, 0),
    rw("明年", RelUnit::Year, 1),
    rw("前年", RelUnit::Year, -2),
    rw("上月", RelUnit::Month, -1),
    rw("本月", RelUnit::Month, 0),
    rw("下月", RelUnit::Month, 1),
    rw("上周", RelUnit::Week, -1),
    rw("本周", RelUnit::Week, 0),
    rw("下周", RelUnit::Week, 1),
    rw("昨天", RelUnit::Day, -1),
    rw("昨日", RelUnit::Day, -1),
    rw("前天", RelUnit::Day, -2),
    rw("今天", RelUnit::Day, 0),
    rw("今日", RelUnit::Day, 0),
    rw("明天", RelUnit::Day, 1),
    rw("明日", RelUnit::Day, 1),
    rw("近日", RelUnit::Recent, 0),
    rw("日前", RelUnit::Recent, 0),
    rw("年初", RelUnit::Year, 0),
    rw("年底", RelUnit::Year, 0),
    rw("年末", RelUnit::Year, 0),
];

fn relative_at(s: &str, i: usize, floor: usize) -> Option<(DateSpec, Option<DateSpec>, usize)> {
    // cheap dispatch on the first char before comparing words
    let first = ch_at(s, i)?;
    if !matches!(
        first,
        '去' | '今' | '明' | '前' | '上' | '本' | '下' | '昨' | '近' | '日' | '年'
    ) {
        return None;
    }
    let second = ch_at(s, i + first.len_utf8())?;
    if !matches!(
        second,
        '年' | '月' | '周' | '天' | '日' | '前' | '初' | '底' | '末'
    ) {
        return None;
    }
    let w = REL_WORDS.iter().find(|w| at(s, i, w.word))?;
    let end = i + w.word.len();
    let prev = if i > floor { ch_before(s, i) } else { None };
    let next = ch_at(s, end);
    // 比去年同期增长: the basis of a change, not a date
    if prev.is_some_and(|c| c == '比' || c == '较') && w.unit != RelUnit::Recent {
        return None;
    }
    let ok = match w.word {
        "近日" => {
            !prev.is_some_and(|c| "最接将靠临邻附亲贴逼走".contains(c)) && next != Some('本')
        }
        "日前" => !prev.is_some_and(|c| {
            "节生假作念止易周休平每当前元旦末初时数半昨今明次翌两几多某终".contains(c)
        }),
        "今天" | "明天" | "今日" | "明日" => {
            !(at(s, end, "的") || at(s, end, "之") || at(s, end, "头条") || at(s, end, "说法"))
        }
        "前天" | "前年" => !prev.is_some_and(|c| is_han(c) && "三两几多数".contains(c)),
        "年初" | "年底" | "年末" => {
            !prev.is_some_and(|c| is_han(c) && c != '至' && c != '到')
        }
        "上月" | "下月" | "本月" | "上周" | "下周" | "本周" => {
            !prev.is_some_and(|c| "晚早".contains(c))
        }
        _ => true,
    };
    if !ok {
        return None;
    }
    let mut d = DateSpec {
        rel: Some(Rel {
            word: w.word,
            unit: w.unit,
            offset: w.offset,
        }),
        ..DateSpec::default()
    };
    if matches!(w.word, "年初" | "年底" | "年末") {
        d.part = Some(w.word);
        d.span = i..end;
        return Some((d, None, end));
    }
    let mut j = end;
    match w.unit {
        RelUnit::Year => {
            // 去年底, 今年上半年, 去年11月, 今年1至9月
            if let Some((hi, e)) = read_date(s, j, &mut d, &mut NumAt::new(s)) {
                j = e;
                if hi.is_some() {
                    // 今年1至9月: a month range inside a relative year
                    d.span.start = i;
                    return Some((d, hi, j));
                }
            }
            if at(s, j, "同期") {
                j += "同期".len();
            }
        }
        RelUnit::Month => {
            if let Some(p) = at_any(s, j, MONTH_PARTS) {
                if part_ok(s, j + p.len(), p) && p != "份" {
                    d.part = Some(p);
                    j += p.len();
                }
            } else if let Some(t) = read_number(s, j) {
                if let Some(dd) = t.plain().filter(|&x| (1..=31).contains(&x)) {
                    if at(s, t.end, "日") || at(s, t.end, "号") {
                        d.day = Some(dd);
                        j = t.end + 3;
                    }
                }
            }
        }
        RelUnit::Day => {
            if let Some((_, e)) = read_date(s, j, &mut d, &mut NumAt::new(s)) {
                j = e;
            }
        }
        _ => {}
    }
    d.span = i..j;
    Some((d, None, j))
}

// ---------------------------------------------------------------------------
// Approximation markers and change words around a figure

struct PreMarker {
    word: &'static str,
    sense: Sense,
}

static PRE_MARKERS: &[PreMarker] = &[
    PreMarker {
        word: "不超过",
        sense: Sense::AtMost,
    },
    PreMarker {
        word: "大约",
        sense: Sense::About,
    },
    PreMarker {
        word: "大概",
        sense: Sense::About,
    },
    PreMarker {
        word: "将近",
        sense: Sense::Nearly,
    },
    PreMarker {
        word: "接近",
        sense: Sense::Nearly,
    },
    PreMarker {
        word: "超过",
        sense: Sense::MoreThan,
    },
    PreMarker {
        word: "不到",
        sense: Sense::AtMost,
    },
    PreMarker {
        word: "不足",
        sense: Sense::AtMost,
    },
    PreMarker {
        word: "约",
        sense: Sense::About,
    },
    PreMarker {
        word: "近",
        sense: Sense::Nearly,
    },
    PreMarker {
        word: "超",
        sense: Sense::MoreThan,
    },
    PreMarker {
        word: "逾",
        sense: Sense::MoreThan,
    },
];

/// Words ending in 约/近/超 that are no approximation (`签约100个项目`).
fn pre_marker_ok(s: &str, start: usize, word: &str) -> bool {
    let prev = ch_before(s, start);
    match word {
        "约" => !prev.is_some_and(|c| {
            "节制预签契邀公条相履违赴简婉隐特规合誓盟失守解爽毁践网集大".contains(c)
        }),
        "近" => !prev.is_some_and(|c| "最附接将靠亲邻临贴逼凑走就".contains(c)),
        "超" => !prev.is_some_and(|c| "赶高超".contains(c)),
        "超过" => prev != Some('不'),
        _ => true,
    }
}

const POST_MARKERS: &[(&str, Sense)] = &[
    ("左右", Sense::About),
    ("上下", Sense::About),
    ("以上", Sense::MoreThan),
    ("以下", Sense::AtMost),
    ("以内", Sense::AtMost),
];

fn post_marker_ok(s: &str, end: usize, word: &str) -> bool {
    match word {
        "左右" => {
            !(at(s, end, "为难") || at(s, end, "逢源") || at(s, end, "开弓") || at(s, end, "两"))
        }
        "上下" => ch_at(s, end).is_none_or(|c| !is_han(c) || matches!(c, '的' | '浮' | '波')),
        "以上" => !ch_at(s, end)
            .is_some_and(|c| matches!(c, '率' | '几' | '各' | '所' | '这' | '两' | '三')),
        "以下" => {
            !(at(s, end, "简称")
                || ch_at(s, end)
                    .is_some_and(|c| matches!(c, '几' | '各' | '问' | '方' | '工' | '要' | '内')))
        }
        _ => true,
    }
}

const BASES: &[&str] = &[
    "比上年同期",
    "较上年同期",
    "比去年同期",
    "较去年同期",
    "比上年",
    "较上年",
    "比去年",
    "较去年",
    "比上月",
    "较上月",
    "比上半年",
    "较上半年",
    "比上季度",
    "较上季度",
    "比年初",
    "较年初",
    "同比",
    "环比",
];
const VERBS_UP: &[&str] = &[
    "增长",
    "增加",
    "上升",
    "提高",
    "提升",
    "上涨",
    "增幅为",
    "增幅达",
    "增速为",
];
const VERBS_DOWN: &[&str] = &[
    "下降",
    "减少",
    "降低",
    "下滑",
    "回落",
    "下跌",
    "收窄",
    "降幅为",
    "降幅达",
];
const SHORT_UP: &[&str] = &["增", "涨", "升"];
const SHORT_DOWN: &[&str] = &["降", "减", "跌"];

/// The last chars of the change verbs.
static VERB_ENDS: LazyLock<CharBits> = LazyLock::new(|| {
    let verbs = [VERBS_UP, VERBS_DOWN, SHORT_UP, SHORT_DOWN];
    CharBits::of(
        verbs
            .iter()
            .flat_map(|v| v.iter().filter_map(|w| w.chars().last())),
    )
});

/// A change verb (and its basis) ending at `end`: `同比增长`, `下降了`.
fn change_before(s: &str, end: usize, floor: usize) -> Option<(usize, Change)> {
    let mut j = end;
    if before(s, j, "了") {
        j -= "了".len();
    }
    // (most figures have none: first the last char of a verb)
    if !ch_before(s, j).is_some_and(|c| VERB_ENDS.contains(c)) {
        return None;
    }
    let (verb, up) = if let Some(v) = before_any(s, j, VERBS_UP) {
        (v, true)
    } else if let Some(v) = before_any(s, j, VERBS_DOWN) {
        (v, false)
    } else if let Some(v) = before_any(s, j, SHORT_UP) {
        (v, true)
    } else if let Some(v) = before_any(s, j, SHORT_DOWN) {
        (v, false)
    } else {
        return None;
    };
    let short = verb.chars().count() == 1;
    let vstart = j - verb.len();
    if vstart < floor {
        return None;
    }
    let basis = before_any(s, vstart, BASES).filter(|b| vstart - b.len() >= floor);
    if short && basis.is_none() {
        return None;
    }
    // 新增, 净增: an added amount, not a change
    if verb == "增加" && before(s, vstart, "新") {
        return None;
    }
    let start = vstart - basis.map_or(0, str::len);
    Some((
        start,
        Change {
            basis,
            verb,
            up,
            base: None,
        },
    ))
}

// ---------------------------------------------------------------------------
// The scanner

struct Scanner<'a> {
    s: &'a str,
    out: Vec<Figure>,
    /// End of the last figure: backward extensions stop here.
    floor: usize,
}

/// What happened at a trigger char.
// A step lives only from a recognizer's return to the push into `out`, and
// a boxed figure would cost an allocation per figure.
#[allow(clippy::large_enum_variant)]
enum Step {
    Emit(Figure),
    Skip(usize),
    Nothing,
}

/// Parse the figures of one paragraph. Ranges are byte offsets in `text`.
pub fn parse(text: &str) -> Vec<Figure> {
    let mut sc = Scanner {
        s: text,
        out: Vec::new(),
        floor: 0,
    };
    sc.run();
    let mut out = sc.out;
    link_bases(text, &mut out);
    // The figures are kept in the paragraph cache: give back the room a
    // third, fifth … figure left spare (the first one takes no more).
    out.shrink_to_fit();
    out
}

/// Is `c` a non-ASCII char the scanner acts on: a quote, a numeral, a minus
/// sign or the first char of a relative date or a change?
fn is_scan_char(c: char) -> bool {
    !c.is_ascii()
        && (matches!(c, '“' | '「' | '『' | '”' | '」' | '』' | '－')
            || ar_digit(c).is_some()
            || is_cn_num(c)
            || is_trigger(c))
}

/// A set of three-byte chars (U+0800..U+FFFF, which holds all of Chinese)
/// as bits by code point: word `cp >> 6`, bit `cp & 63`. Both indices come
/// straight from the UTF-8 bytes (the lead's low nibble and the second
/// byte's six bits, then the third byte's six bits), so a char can be
/// tested without decoding it. Other chars are never members.
pub(crate) struct CharBits([u64; 1024]);

impl CharBits {
    pub(crate) fn of(chars: impl IntoIterator<Item = char>) -> CharBits {
        let mut bits = [0u64; 1024];
        for c in chars {
            let n = c as u32;
            debug_assert_eq!(c.len_utf8(), 3, "{c}");
            if let (3, Some(w)) = (c.len_utf8(), bits.get_mut((n >> 6) as usize)) {
                *w |= 1 << (n & 63);
            }
        }
        CharBits(bits)
    }

    /// Is the char of the three bytes `x y z` (a lead and two continuation
    /// bytes) a member?
    #[inline]
    fn has_bytes(&self, x: u8, y: u8, z: u8) -> bool {
        let word = self
            .0
            .get(usize::from(x & 0x0F) << 6 | usize::from(y & 0x3F))
            .copied()
            .unwrap_or(0);
        word >> (z & 0x3F) & 1 == 1
    }

    #[inline]
    pub(crate) fn contains(&self, c: char) -> bool {
        let n = c as u32;
        (0x800..0x1_0000).contains(&n)
            && self
                .0
                .get((n >> 6) as usize)
                .is_some_and(|w| w >> (n & 63) & 1 == 1)
    }
}

/// [`is_scan_char`] as a table (every scan char is a three-byte char: a
/// test checks it).
static SCAN3: LazyLock<CharBits> = LazyLock::new(|| {
    CharBits::of(
        (0x800u32..0x1_0000)
            .filter_map(char::from_u32)
            .filter(|&c| is_scan_char(c)),
    )
});

fn is_trigger(c: char) -> bool {
    matches!(
        c,
        '去' | '今' | '明' | '前' | '昨' | '近' | '日' | '上' | '本' | '下' | '年' | '同' | '环'
    )
}

/// The first byte at or after `from` (a char boundary) where something may
/// happen: an ASCII digit or minus sign, or a scan char. This loop sees
/// every char of the text, so it works on the bytes: a three-byte char is
/// tested against `scan3` undecoded, and two- and four-byte chars are never
/// scan chars. The slice patterns cost one length test per char.
fn skip_plain(bytes: &[u8], from: usize, scan3: &CharBits) -> usize {
    let mut rest = bytes.get(from..).unwrap_or_default();
    loop {
        rest = match *rest {
            // (three-byte chars first: they are nearly all of the text)
            [x, y, z, ref tail @ ..] if x & 0xF0 == 0xE0 => {
                if scan3.has_bytes(x, y, z) {
                    break;
                }
                tail
            }
            [x, ref tail @ ..] if x < 0x80 && !x.is_ascii_digit() && x != b'-' => tail,
            [x, _, ref tail @ ..] if x & 0xE0 == 0xC0 => tail,
            [x, _, _, _, ref tail @ ..] if x & 0xF8 == 0xF0 => tail,
            _ => break,
        };
    }
    bytes.len() - rest.len()
}

impl Scanner<'_> {
    fn run(&mut self) {
        let s = self.s;
        let mut i = 0;
        let mut quote = 0u32;
        let bytes = s.as_bytes();
        // (dereferenced once: each `LazyLock` access is an atomic load)
        let scan3 = &*SCAN3;
        while i < bytes.len() {
            i = skip_plain(bytes, i, scan3);
            let Some(c) = ch_at(s, i) else { break };
            match c {
                '“' | '「' | '『' => quote += 1,
                '”' | '」' | '』' => quote = quote.saturating_sub(1),
                _ => {}
            }
            let step = if ar_digit(c).is_some() || is_cn_num(c) || c == '-' || c == '－' {
                self.number_at(i, c, quote > 0)
            } else if is_trigger(c) {
                self.trigger_at(i, c)
            } else {
                Step::Nothing
            };
            match step {
                Step::Emit(f) => {
                    let end = f.range.end.max(i + c.len_utf8());
                    self.floor = f.range.end;
                    if self.out.capacity() == 0 {
                        // most paragraphs have one figure or none: room for
                        // one, not four (see `parse`)
                        self.out.reserve_exact(1);
                    }
                    self.out.push(f);
                    i = end;
                }
                Step::Skip(e) => i = e.max(i + c.len_utf8()),
                Step::Nothing => i += c.len_utf8(),
            }
        }
    }

    fn trigger_at(&mut self, i: usize, c: char) -> Step {
        let s = self.s;
        if let Some((d, hi, end)) = relative_at(s, i, self.floor) {
            let inner = hi.as_ref().map(|h| d.span.end..h.span.start);
            let mut fig = date_figure(i..end, d, hi, Style::Arabic, i..i);
            match inner {
                Some(c) => fig.connector = Some(c),
                // a range from a relative date: 今年1月至今
                None => self.extend_date_range(&mut fig),
            }
            return Step::Emit(fig);
        }
        if c == '同' || c == '环' {
            // a change without a number: 环比下降
            if let Some(b) = at_any(s, i, &["同比", "环比"]) {
                let j = i + b.len();
                let verb = at_any(s, j, VERBS_UP)
                    .map(|v| (v, true))
                    .or_else(|| at_any(s, j, VERBS_DOWN).map(|v| (v, false)))
                    .or_else(|| at_any(s, j, &["持平"]).map(|v| (v, true)));
                if let Some((v, up)) = verb {
                    let mut e = j + v.len();
                    if at(s, e, "了") {
                        e += 3;
                    }
                    let number_follows = ch_at(s, e).is_some_and(|x| {
                        ar_digit(x).is_some()
                            || is_cn_num(x)
                            || x == '约'
                            || x == '近'
                            || x == '超'
                            || x == '逾'
                    }) || at(s, e, "大约")
                        || at(s, e, "百分之");
                    if !number_follows {
                        return Step::Emit(Figure {
                            range: i..j + v.len(),
                            kind: Kind::Change,
                            value: Value::None,
                            approx: Vec::new(),
                            change: Some(Box::new(Change {
                                basis: Some(b),
                                verb: v,
                                up,
                                base: None,
                            })),
                            style: Style::Arabic,
                            digits: i..i,
                            connector: None,
                            lo_unit: false,
                            noun_after: None,
                        });
                    }
                }
            }
        }
        Step::Nothing
    }

    /// Skip a run of word chars after a failed number (`0532-8888`, `G20`).
    fn skip_run(&self, i: usize) -> Step {
        let s = self.s;
        let mut j = i;
        let ascii = ch_at(s, i).is_some_and(|c| c.is_ascii());
        while let Some(c) = ch_at(s, j) {
            let keep = if ascii {
                is_ascii_word(c) || matches!(c, '.' | '-' | '/' | ':' | ',')
            } else {
                is_cn_num(c)
            };
            if !keep {
                break;
            }
            j += c.len_utf8();
        }
        Step::Skip(j)
    }

    fn number_at(&mut self, i: usize, c: char, quoted: bool) -> Step {
        let s = self.s;
        let prev = ch_before(s, i);
        // minus sign: -2.5% after Chinese text
        if c == '-' || c == '－' {
            let after = i + c.len_utf8();
            let neg_ok = ch_at(s, after).is_some_and(|x| ar_digit(x).is_some())
                && !prev.is_some_and(|p| is_ascii_word(p) || ar_digit(p).is_some());
            if !neg_ok {
                return Step::Nothing;
            }
            return match self.figure_at(after, false) {
                Some(mut f) => {
                    if let Value::Amount(a) = &mut f.value {
                        if a.hi.is_none() && f.kind != Kind::Date {
                            a.lo.mant = -a.lo.mant;
                            f.range.start = f.range.start.min(i);
                            return Step::Emit(f);
                        }
                    }
                    Step::Nothing
                }
                None => Step::Nothing,
            };
        }
        if ar_digit(c).is_some() {
            if prev.is_some_and(|p| {
                is_ascii_word(p) || matches!(p, '.' | '/' | ':' | '_' | '#' | '第')
            }) || (prev == Some('-') && ch_before(s, i - 1).is_some_and(is_ascii_word))
            {
                return self.skip_run(i);
            }
        } else {
            // Chinese numerals: ordinals (第三), weekdays (周三, 星期一), 初一
            if prev.is_some_and(|p| matches!(p, '第' | '初' | '周'))
                || before(s, i, "星期")
                || before(s, i, "礼拜")
            {
                return self.skip_run(i);
            }
            if c == '百' && at(s, i, "百分之") {
                if let Some(f) = self.percent_words(i) {
                    return Step::Emit(f);
                }
            }
            if c == '千' && at(s, i, "千分之") {
                if let Some(f) = self.percent_words(i) {
                    return Step::Emit(f);
                }
            }
            if cn_big(c).is_some() || c == '千' || c == '百' {
                if let Some(f) = self.bare_scale_money(i) {
                    return Step::Emit(f);
                }
                return self.skip_run(i);
            }
        }
        match self.figure_at(i, quoted) {
            Some(f) => Step::Emit(f),
            None => self.skip_run(i),
        }
    }

    /// `亿元以上`: a money threshold written without a number.
    fn bare_scale_money(&mut self, i: usize) -> Option<Figure> {
        let s = self.s;
        let scale = at_any(s, i, &["千万", "百万", "亿", "万"])?;
        let j = i + scale.len();
        if !at(s, j, "元") {
            return None;
        }
        if ch_before(s, i).is_some_and(|p| {
            "数几上多成百千万亿十".contains(p) || ar_digit(p).is_some() || cn_digit(p).is_some()
        }) {
            return None;
        }
        let e = scale_exp(scale);
        let mut fig = Figure {
            range: i..j + 3,
            kind: Kind::Money,
            value: Value::Amount(Amount {
                lo: Num::int(1).scaled(e),
                hi: None,
                unit: "元",
                scale,
                decimals: 0,
            }),
            approx: Vec::new(),
            change: None,
            style: Style::Chinese,
            digits: i..j,
            connector: None,
            lo_unit: true,
            noun_after: None,
        };
        self.post_markers(&mut fig);
        self.pre_markers(&mut fig);
        Some(fig)
    }

    /// `百分之五`, `百分之三十五点五` (decimals in words are rare; integers only).
    fn percent_words(&mut self, i: usize) -> Option<Figure> {
        let s = self.s;
        let permille = at(s, i, "千分之");
        let j = i + "百分之".len();
        let t = read_number(s, j)?;
        if t.mid.is_some() {
            return None;
        }
        let unit = if permille { "‰" } else { "%" };
        let mut fig = Figure {
            range: i..t.end,
            kind: Kind::Percent,
            value: Value::Amount(Amount {
                lo: t.num,
                hi: None,
                unit,
                scale: "",
                decimals: t.decimals,
            }),
            approx: Vec::new(),
            change: None,
            style: t.style,
            digits: t.digits.clone(),
            connector: None,
            lo_unit: true,
            noun_after: None,
        };
        self.post_markers(&mut fig);
        self.pre_markers(&mut fig);
        self.change_words(&mut fig);
        Some(fig)
    }

    fn figure_at(&mut self, i: usize, quoted: bool) -> Option<Figure> {
        let s = self.s;
        // The commonest numeral is a lone 一 (一步, 一次, 一、), which is no
        // figure (see `single_yi` below) unless a month (一月), more
        // numerals (一百, 一〇一八, 一O18) or a marker (一多万) follow: it is
        // turned down before it is read.
        if at(s, i, "一")
            && !ch_at(s, i + "一".len()).is_some_and(|x| {
                is_cn_num(x)
                    || ar_digit(x).is_some()
                    || matches!(x, 'O' | 'o' | '月' | '余' | '多' | '来')
            })
        {
            return None;
        }
        let t = read_number(s, i)?;
        // a lone Arabic number directly followed by Latin letters: 5G, 3D
        if t.style == Style::Arabic
            && ch_at(s, t.end).is_some_and(|x| x.is_ascii_alphabetic())
            && unit_at(s, t.end, false).is_none()
        {
            return None;
        }
        let chinese = t.style == Style::Chinese;
        // a lone 一 is a figure only as a month (一月)
        if t.single_yi && !at(s, t.end, "月") {
            return None;
        }
        // dates and times first
        if let Some(f) = self.date_at(i, &t, quoted) {
            return Some(f);
        }
        if t.single_yi || t.positional {
            return None;
        }
        let mut u = t.end;
        if t.style == Style::Arabic && at(s, u, " ") && unit_at(s, u + 1, false).is_some() {
            u += 1;
        }
        let found = unit_at(s, u, chinese);
        if chinese && in_stop_phrase(s, i, found.map_or(t.end, |(_, e)| e)) {
            return None;
        }
        let mut fig = match found {
            Some((def, uend)) => {
                if chinese && quoted && matches!(def.cat, Cat::Count | Cat::Duration | Cat::Age) {
                    return None;
                }
                let mut fig = amount_figure(i..uend, &t, def, t.num, t.pair_hi);
                // an outer range with units on both ends: 10%～20%, 100人至200人
                if t.pair_hi.is_none() {
                    if let Some(c) = connector_at(s, uend) {
                        if let Some(t2) = read_number(s, c.end) {
                            let mut u2 = t2.end;
                            if t2.style == Style::Arabic && at(s, u2, " ") {
                                u2 += 1;
                            }
                            if let Some((def2, uend2)) = unit_at(s, u2, t2.style == Style::Chinese)
                            {
                                if def2.unit == def.unit && t2.mid.is_none() && !t2.single_yi {
                                    if let Value::Amount(a) = &mut fig.value {
                                        a.hi = Some(t2.num);
                                        a.decimals = a.decimals.max(t2.decimals);
                                    }
                                    fig.connector = Some(c);
                                    fig.lo_unit = true;
                                    fig.range.end = uend2;
                                }
                            }
                        }
                    }
                }
                fig
            }
            None => {
                // an inner range: 10～20%, 3至5年, 10-20%
                if let Some(c) =
                    connector_at(s, t.end).filter(|_| t.mid.is_none() && t.pair_hi.is_none())
                {
                    if let Some(t2) = read_number(s, c.end) {
                        let mut u2 = t2.end;
                        if t2.style == Style::Arabic && at(s, u2, " ") {
                            u2 += 1;
                        }
                        let same_script =
                            (t.style == Style::Chinese) == (t2.style == Style::Chinese);
                        if let (Some((def2, uend2)), true) =
                            (unit_at(s, u2, t2.style == Style::Chinese), same_script)
                        {
                            let lo = if t.scale.is_empty() && !t2.scale.is_empty() {
                                t.num.scaled(scale_exp(t2.scale))
                            } else {
                                t.num
                            };
                            let ok = !t2.single_yi
                                && t2.mid.is_none()
                                && lo.to_f64() <= t2.num.to_f64()
                                && !(chinese && quoted);
                            if ok {
                                let mut fig = amount_figure(i..uend2, &t2, def2, lo, Some(t2.num));
                                fig.digits = t.digits.clone();
                                fig.style = t.style;
                                fig.connector = Some(c);
                                fig.lo_unit = false;
                                if let Value::Amount(a) = &mut fig.value {
                                    a.decimals = a.decimals.max(t.decimals);
                                }
                                self.finish(&mut fig);
                                return Some(fig);
                            }
                        }
                    }
                }
                // a bare number
                let bare_ok = match t.style {
                    Style::Arabic => !t.scale.is_empty() || t.grouped,
                    Style::Chinese => {
                        !quoted
                            && t.digits.len() >= 9
                            && t.num.mant >= 100
                            && t.mid.is_none()
                            && !ch_at(s, t.end).is_some_and(is_han)
                            && !ch_before(s, i).is_some_and(|p| matches!(p, '第' | '初'))
                    }
                    Style::Mixed => false,
                };
                if !bare_ok {
                    return None;
                }
                let mut end = t.end;
                let mut approx = Vec::new();
                if let Some(m) = t.mid.clone() {
                    // 300余 without a unit: the marker is not part of it
                    if t.scale.is_empty() {
                        end = m.range.start;
                    } else {
                        approx.push(m);
                    }
                }
                Figure {
                    range: i..end,
                    kind: Kind::Number,
                    value: Value::Amount(Amount {
                        lo: t.num,
                        hi: None,
                        unit: "",
                        scale: t.scale,
                        decimals: t.decimals,
                    }),
                    approx,
                    change: None,
                    style: t.style,
                    digits: t.digits.clone(),
                    connector: None,
                    lo_unit: true,
                    noun_after: None,
                }
            }
        };
        self.finish(&mut fig);
        Some(fig)
    }

    fn finish(&mut self, fig: &mut Figure) {
        self.post_markers(fig);
        self.pre_markers(fig);
        self.change_words(fig);
        if fig.kind == Kind::Count && fig.amount().is_some_and(|a| a.unit != "周年") {
            fig.noun_after = noun_after(self.s, fig.range.end);
        }
    }

    /// Dates, times and durations written with 年/月/日.
    fn date_at(&mut self, i: usize, t: &NumTok, quoted: bool) -> Option<Figure> {
        let s = self.s;
        // quick check: a date unit, a clock or an ISO date must follow
        let after = t.end;
        let next = ch_at(s, after)?;
        let dateish = matches!(
            next,
            '年' | '月' | '日' | '号' | '时' | '点' | ':' | '：' | '-' | '/' | '.'
        ) || connector_at(s, after).is_some();
        if !dateish {
            return None;
        }
        let mut d = DateSpec::default();
        let (hi, end) = read_date(s, i, &mut d, &mut NumAt::with(s, i, t))?;
        if d.is_empty() {
            return None;
        }
        // a day alone: 17日 is a date, but 30日内 / 为期15日 / 32日 is a duration
        let day_only = d.day.is_some() && d.month.is_none() && d.year.is_none() && d.hour.is_none();
        if day_only {
            let dd = d.day.unwrap_or(0);
            let dur_before = before_any(
                s,
                i,
                &[
                    "为期", "历时", "连续", "用时", "耗时", "长达", "经过", "坚持", "仅用", "只用",
                    "短短", "满", "共", "累计", "超过", "近", "不到", "每",
                ],
            )
            .is_some();
            let dur_after = at_any(
                s,
                end,
                &[
                    "内", "以内", "之内", "后", "以后", "之后", "来", "以来", "左右", "多", "余",
                ],
            )
            .is_some();
            if dur_before
                || dur_after
                || dd > 31
                || dd == 0
                || t.single_yi
                || (t.style == Style::Chinese && hi.is_none())
            {
                if t.single_yi || (t.style == Style::Chinese && quoted) {
                    return None;
                }
                // a duration in days
                let def = UnitDef {
                    text: "日",
                    unit: "日",
                    cat: Cat::Duration,
                    arabic_only: false,
                };
                let mut fig = amount_figure(i..t.end + 3, t, &def, t.num, None);
                self.finish(&mut fig);
                return Some(fig);
            }
        }
        // a lone year-less 年 that is no year (40年, 五年) is a duration: let the unit table read it
        if d.year.is_none()
            && d.month.is_none()
            && d.day.is_none()
            && d.hour.is_none()
            && d.part.is_none()
        {
            return None;
        }
        let hour_only =
            d.hour.is_some() && d.year.is_none() && d.month.is_none() && d.day.is_none();
        if d.year.is_some() && d.month.is_none() && d.part.is_none() && t.mid.is_some() {
            return None;
        }
        d.span = if d.span.is_empty() {
            i..end
        } else {
            d.span.start.min(i)..d.span.end
        };
        if hi.is_none() {
            d.span = i..end;
        }
        let mut fig = date_figure(i..end, d, hi, t.style, t.digits.clone());
        if hour_only {
            fig.kind = Kind::Time;
        }
        if let Some((_, Some(_))) = fig.dates() {
            if let Value::Date { lo, hi: Some(h) } = &fig.value {
                fig.connector = Some(lo.span.end..h.span.start);
            }
        } else {
            self.extend_date_range(&mut fig);
        }
        self.post_markers(&mut fig);
        self.pre_markers(&mut fig);
        // 上午9时: the part of the day before a time
        if fig.kind == Kind::Time {
            if let Some(p) = before_any(s, fig.range.start, DAYPARTS) {
                let ps = fig.range.start - p.len();
                if ps >= self.floor {
                    fig.range.start = ps;
                    if let Value::Date { lo, .. } = &mut fig.value {
                        lo.daypart = Some(p);
                        lo.span.start = ps;
                    }
                }
            }
        }
        Some(fig)
    }

    /// `10月19日至22日`, `8月~10月`, `12月中旬至年底`, `2018年至今`.
    fn extend_date_range(&mut self, fig: &mut Figure) {
        let s = self.s;
        let Some(c) = connector_at(s, fig.range.end) else {
            return;
        };
        let Value::Date { lo, hi } = &mut fig.value else {
            return;
        };
        if hi.is_some() {
            return;
        }
        let mut d2 = DateSpec::default();
        let end;
        if at(s, c.end, "今")
            && !at(s, c.end, "今年")
            && !at(s, c.end, "今天")
            && !at(s, c.end, "今日")
        {
            d2.rel = Some(Rel {
                word: "至今",
                unit: RelUnit::Now,
                offset: 0,
            });
            end = c.end + "今".len();
        } else if let Some((r, None, e)) = relative_at(s, c.end, c.end) {
            d2 = r;
            end = e;
        } else if ch_at(s, c.end)
            .is_some_and(|x| ar_digit(x).is_some() || cn_digit(x).is_some() || x == '十')
        {
            let Some((inner, e)) = read_date(s, c.end, &mut d2, &mut NumAt::new(s)) else {
                return;
            };
            if inner.is_some() {
                return;
            }
            end = e;
        } else {
            return;
        }
        // the second end must be no coarser than needed and fit the first
        let lo_has_day = lo.day.is_some();
        let ok = if d2.rel.is_some() {
            true
        } else if d2.year.is_some() {
            lo.year.is_some() || lo.rel.is_some()
        } else if d2.month.is_some() {
            lo.month.is_some()
        } else if d2.day.is_some() {
            lo_has_day
        } else {
            d2.hour.is_some() && lo.hour.is_some()
        };
        if !ok {
            return;
        }
        d2.span = c.end..end;
        fig.range.end = end;
        fig.connector = Some(c);
        *hi = Some(Box::new(d2));
    }

    fn post_markers(&mut self, fig: &mut Figure) {
        let s = self.s;
        let mut end = fig.range.end;
        let time_like = matches!(
            fig.kind,
            Kind::Date | Kind::Time | Kind::Duration | Kind::Age
        );
        // 两年多, 3个多月 (read by the unit table), 1.5倍多
        if matches!(fig.kind, Kind::Duration | Kind::Multiple | Kind::Age)
            && (at(s, end, "多") || at(s, end, "余"))
        {
            let w = if at(s, end, "多") { "多" } else { "余" };
            if !ch_at(s, end + 3).is_some_and(|c| "样种次万亿名个人项".contains(c)) {
                fig.approx.push(Marker {
                    word: w,
                    range: end..end + 3,
                    sense: Sense::MoreThan,
                });
                end += 3;
            }
        }
        for &(w, sense) in POST_MARKERS {
            if at(s, end, w) && post_marker_ok(s, end + w.len(), w) {
                if fig.kind == Kind::Date && matches!(w, "以上" | "以下") {
                    continue;
                }
                fig.approx.push(Marker {
                    word: w,
                    range: end..end + w.len(),
                    sense,
                });
                end += w.len();
                break;
            }
        }
        if time_like && fig.kind != Kind::Duration {
            if at(s, end, "前后") && !at(s, end + 6, "左右") {
                fig.approx.push(Marker {
                    word: "前后",
                    range: end..end + 6,
                    sense: Sense::About,
                });
                end += 6;
            } else if at(s, end, "许") {
                fig.approx.push(Marker {
                    word: "许",
                    range: end..end + 3,
                    sense: Sense::About,
                });
                end += 3;
            }
        }
        fig.range.end = end;
    }

    fn pre_markers(&mut self, fig: &mut Figure) {
        let s = self.s;
        let mut start = fig.range.start;
        // 约有100人: 有 may sit between
        let with_you = before(s, start, "有") && start >= self.floor + 3;
        for probe in [start, if with_you { start - 3 } else { usize::MAX }] {
            if probe == usize::MAX {
                continue;
            }
            if let Some(m) = PRE_MARKERS.iter().find(|m| before(s, probe, m.word)) {
                let ms = probe - m.word.len();
                if ms < self.floor || !pre_marker_ok(s, ms, m.word) {
                    continue;
                }
                if probe != start && !matches!(m.word, "约" | "大约" | "大概") {
                    continue;
                }
                // 近3年 is "the last three years", not an approximation
                if m.sense == Sense::Nearly && matches!(fig.kind, Kind::Duration | Kind::Date) {
                    continue;
                }
                if fig.kind == Kind::Date {
                    continue;
                }
                fig.approx.insert(
                    0,
                    Marker {
                        word: m.word,
                        range: ms..ms + m.word.len(),
                        sense: m.sense,
                    },
                );
                start = ms;
                break;
            }
        }
        fig.range.start = start;
    }

    fn change_words(&mut self, fig: &mut Figure) {
        if !matches!(
            fig.kind,
            Kind::Percent
                | Kind::Points
                | Kind::Multiple
                | Kind::Money
                | Kind::Count
                | Kind::Measure
                | Kind::Number
        ) || fig.is_range() && fig.kind != Kind::Percent
        {
            return;
        }
        if let Some((start, ch)) = change_before(self.s, fig.range.start, self.floor) {
            // absolute amounts only with full verbs (增加200人), never 新增
            if !matches!(fig.kind, Kind::Percent | Kind::Points | Kind::Multiple)
                && !matches!(ch.verb, "增加" | "减少" | "增长" | "下降" | "提高" | "降低")
            {
                return;
            }
            fig.range.start = start;
            fig.change = Some(Box::new(ch));
        }
    }
}

/// The longest stop phrase, in bytes.
const STOP_MAX: usize = 15;

/// [`STOP_PHRASES`] by their first char (table order kept).
static STOP_INDEX: LazyLock<HashMap<char, Vec<&'static str>>> = LazyLock::new(|| {
    let mut m: HashMap<char, Vec<&'static str>> = HashMap::default();
    for p in STOP_PHRASES {
        if let Some(c) = p.chars().next() {
            m.entry(c).or_default().push(p);
        }
    }
    m
});

fn in_stop_phrase(s: &str, start: usize, end: usize) -> bool {
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

fn amount_figure(
    range: Range<usize>,
    t: &NumTok,
    def: &UnitDef,
    lo: Num,
    hi: Option<Num>,
) -> Figure {
    let (kind, unit, lo, hi) = match def.cat {
        Cat::Money => (Kind::Money, def.unit, lo, hi),
        Cat::Percent | Cat::Permille => (Kind::Percent, def.unit, lo, hi),
        Cat::Tenths => (Kind::Percent, "成", lo, hi),
        Cat::Points => (Kind::Points, def.unit, lo, hi),
        Cat::Multiple => (Kind::Multiple, def.unit, lo, hi),
        Cat::Count => (Kind::Count, def.unit, lo, hi),
        Cat::Measure => (Kind::Measure, def.unit, lo, hi),
        Cat::Duration => (Kind::Duration, def.unit, lo, hi),
        Cat::Age => (Kind::Age, def.unit, lo, hi),
    };
    let mut approx = Vec::new();
    if let Some(m) = &t.mid {
        approx.push(m.clone());
    }
    if def.text == "个多月" || def.text == "个多小时" {
        let ms = range.end - def.text.len() + "个".len();
        approx.push(Marker {
            word: "多",
            range: ms..ms + 3,
            sense: Sense::MoreThan,
        });
    }
    if t.pair_hi.is_some() {
        approx.push(Marker {
            word: "",
            range: t.digits.clone(),
            sense: Sense::About,
        });
    }
    Figure {
        range,
        kind,
        value: Value::Amount(Amount {
            lo,
            hi,
            unit,
            scale: t.scale,
            decimals: t.decimals,
        }),
        approx,
        change: None,
        style: t.style,
        digits: t.digits.clone(),
        connector: None,
        lo_unit: true,
        noun_after: None,
    }
}

fn date_figure(
    range: Range<usize>,
    lo: DateSpec,
    hi: Option<DateSpec>,
    style: Style,
    digits: Range<usize>,
) -> Figure {
    Figure {
        range,
        kind: Kind::Date,
        value: Value::Date {
            lo,
            hi: hi.map(Box::new),
        },
        approx: Vec::new(),
        change: None,
        style,
        digits,
        connector: None,
        lo_unit: true,
        noun_after: None,
    }
}

// ---------------------------------------------------------------------------
// Nouns around figures

/// Single chars that end a noun phrase after a measure word.
const NOUN_STOP: &str =
    "的和与及或在对将把被为以于到赴均都也还已又再并等由从向每是，。、；：！？（）“”《》";
static NOUN_STOP_SET: LazyLock<CharBits> = LazyLock::new(|| CharBits::of(NOUN_STOP.chars()));
/// Two-char verbs that end it.
const NOUN_STOP2: &[&str] = &[
    "参照", "参加", "参与", "开展", "进行", "负责", "完成", "实现", "召开", "举办", "深入", "分别",
    "围绕", "共同", "先后", "全部", "已经", "正在", "通过", "按照", "根据", "覆盖", "落户", "入驻",
    "受到", "获得", "发表", "讲授", "出席", "进驻", "挂帅", "实地", "提出", "赴京", "走访", "带队",
];

/// The first chars of [`NOUN_STOP2`] (most chars of a noun are none of them).
static NOUN_STOP2_FIRST: LazyLock<CharBits> =
    LazyLock::new(|| CharBits::of(NOUN_STOP2.iter().filter_map(|w| w.chars().next())));

/// The noun right after a count (`3个督导组，` → `督导组`): Han chars up to
/// punctuation, a function word or a common verb; at most 8 chars.
fn noun_after(s: &str, end: usize) -> Option<Range<usize>> {
    let mut j = end;
    let mut n = 0;
    while let Some(c) = ch_at(s, j) {
        // a short quoted term inside the noun: 社区“两委”干部
        if c == '“' && n > 0 {
            let inner = s.get(j + 3..).unwrap_or("");
            if let Some(k) = inner.find('”') {
                let q = inner.get(..k).unwrap_or("");
                let after = inner.get(k + 3..).and_then(|r| r.chars().next());
                if (1..=4).contains(&q.chars().count())
                    && q.chars().all(is_han)
                    && after.is_some_and(|a| is_han(a) && !NOUN_STOP_SET.contains(a))
                {
                    j += 3 + k + 3;
                    n += q.chars().count();
                    continue;
                }
            }
        }
        if !is_han(c) || NOUN_STOP_SET.contains(c) || n >= 10 {
            break;
        }
        if NOUN_STOP2_FIRST.contains(c) && NOUN_STOP2.iter().any(|w| at(s, j, w)) {
            break;
        }
        if ar_digit(c).is_some() || (n > 0 && is_cn_num(c) && cn_digit(c).is_some_and(|d| d > 1)) {
            break;
        }
        j += c.len_utf8();
        n += 1;
    }
    (n >= 1).then_some(end..j)
}

/// Fillers trimmed from a label before a figure.
const LEAD_FILLERS: &[&str] = &[
    "确保",
    "力争",
    "预计",
    "预期",
    "努力",
    "据悉",
    "据了解",
    "据统计",
    "其中",
    "同时",
    "此外",
    "另外",
    "全年",
    "累计",
    "共计",
    "总计",
    "合计",
    "共",
    "已",
];
const TAIL_FILLERS: &[&str] = &[
    "保持在",
    "控制在",
    "稳定在",
    "维持在",
    "在",
    "达到",
    "达",
    "为",
    "是",
    "共计",
    "共",
    "约",
    "超过",
    "了",
    "的",
    "总计",
    "累计",
    "合计",
    "有",
    "仅",
    "近",
    "超",
];

/// What a figure counts or measures: the noun after a count's measure word
/// (`3个督导组` → `督导组`) or after a threshold (`500万元以上招商项目`),
/// else the nearest noun phrase before it in its clause (`高新区利用内资81.73亿元`
/// → `利用内资`). For a change figure, the label of the amount its base was
/// computed from.
pub fn counted_noun(paragraph: &str, fig: &Figure) -> Option<String> {
    if matches!(fig.kind, Kind::Date | Kind::Time | Kind::Change) {
        return None;
    }
    let base_from = fig
        .change
        .as_ref()
        .and_then(|c| c.base.as_ref())
        .map(|b| b.from.clone());
    if fig.change.is_some() && base_from.is_none() {
        return None;
    }
    if base_from.is_none() {
        let after = fig.noun_after.clone().or_else(|| {
            // a threshold or an amount used attributively: 500万元以上招商项目
            let threshold = fig
                .approx
                .last()
                .is_some_and(|m| m.range.end == fig.range.end && matches!(m.word, "以上" | "以下"));
            if threshold {
                noun_after(paragraph, fig.range.end)
            } else {
                None
            }
        });
        if let Some(r) = after {
            if let Some(n) = paragraph.get(r).and_then(noun_head) {
                return Some(n);
            }
        }
    }
    let start = base_from.map_or(fig.range.start, |r| r.start);
    // the clause before the figure, after the previous figure
    let figs = parse(paragraph);
    let floor = figs
        .iter()
        .filter(|f| f.range.end <= start)
        .map(|f| f.range.end)
        .max()
        .unwrap_or(0);
    let mut j = start;
    while j > floor {
        let Some(c) = ch_before(paragraph, j) else {
            break;
        };
        if !is_han(c) || "，。、；：！？（）“”《》".contains(c) {
            break;
        }
        j -= c.len_utf8();
    }
    label_of(paragraph.get(j..start)?)
}

fn noun_tag(tag: &str) -> bool {
    tag.starts_with('n') || matches!(tag, "vn" | "j" | "l" | "b" | "an" | "ng" | "eng")
}

/// The noun phrase at the start of `text` (`两名副区长任副组长` → `副区长`);
/// the first word may be mis-tagged (`处级/v 干部/n`), later ones must be nouns.
fn noun_head(text: &str) -> Option<String> {
    let j = super::nlp::jieba();
    let toks = super::nlp::tag(&j, text);
    let mut end = 0;
    let mut quoted = false;
    for (k, t) in toks.iter().enumerate() {
        let tag: &str = t.tag;
        // a quoted term inside the noun (社区“两委”干部) is part of it
        match text.get(t.range.clone()) {
            Some("“") if k > 0 => {
                quoted = true;
                continue;
            }
            Some("”") if quoted => {
                quoted = false;
                continue;
            }
            _ if quoted => continue,
            _ => {}
        }
        let ok = noun_tag(tag)
            || (k == 0 && !matches!(tag, "p" | "c" | "r" | "u" | "d" | "m" | "q" | "x"));
        if !ok {
            break;
        }
        end = t.range.end;
    }
    let head = text.get(..end)?;
    (head.chars().count() >= 2).then(|| head.to_string())
}

/// Verbs that end a clause before a count of events (`共组织5次`, `举办3期`).
const EVENT_VERBS: &[&str] = &[
    "组织", "举办", "召开", "开展", "进行", "达到", "实现", "完成", "为期", "共有", "组建", "举行",
    "累计",
];
/// Economic nouns jieba tags as verbs.
const VERB_NOUNS: &[&str] = &[
    "占比",
    "增速",
    "增幅",
    "降幅",
    "收入",
    "投资",
    "支出",
    "消费",
    "出口",
    "进口",
    "营收",
    "利润",
    "税收",
    "就业",
    "贷款",
    "存款",
    "融资",
    "成交",
    "销售",
    "产值",
    "增加值",
];

/// Suffixes of places and organizations that open a clause as its subject.
const SUBJECT_SUFFIXES: &[&str] = &[
    "区", "市", "县", "省", "镇", "乡", "街道", "村", "局", "委", "部", "办", "厅", "府", "集团",
    "公司",
];

fn label_of(clause: &str) -> Option<String> {
    let j = super::nlp::jieba();
    let toks = super::nlp::tag(&j, clause);
    // drop the subject (a place or organization), connectives and time words
    let mut cut = 0;
    for (k, tok) in toks.iter().enumerate() {
        if k + 1 >= toks.len() {
            break;
        }
        let w = clause.get(tok.range.clone()).unwrap_or("");
        let tag: &str = tok.tag;
        let subject = matches!(
            tag,
            "ns" | "nt" | "nr" | "r" | "c" | "t" | "d" | "p" | "m" | "q" | "f"
        ) || LEAD_FILLERS.contains(&w)
            || (w.chars().count() >= 2 && SUBJECT_SUFFIXES.iter().any(|x| w.ends_with(x)));
        let rest = clause.len() - toks[k + 1].range.start;
        if subject && rest >= 6 {
            cut = toks[k + 1].range.start;
        } else {
            break;
        }
    }
    let mut t = clause.get(cut..).unwrap_or(clause);
    loop {
        let before_len = t.len();
        for f in LEAD_FILLERS {
            if let Some(r) = t.strip_prefix(f) {
                t = r;
            }
        }
        for f in TAIL_FILLERS {
            if let Some(r) = t.strip_suffix(f) {
                t = r;
            }
        }
        if t.len() == before_len {
            break;
        }
    }
    // a long phrase: its head noun after the last 的 (制约发展的突出问题 → 突出问题)
    if t.chars().count() > 8 {
        if let Some(k) = t.rfind('的') {
            let head = t.get(k + '的'.len_utf8()..).unwrap_or("");
            if head.chars().count() >= 2 {
                t = head;
            }
        }
    }
    // a label must end in a noun, not a verb or function word (为期, 先后, 共组织)
    let toks = super::nlp::tag(&j, t);
    let last = toks.last()?;
    let last_word = t.get(last.range.clone()).unwrap_or("");
    let tag: &str = last.tag;
    let function_word = matches!(
        tag,
        "d" | "p" | "c" | "r" | "q" | "m" | "f" | "y" | "t" | "vd"
    ) || tag.starts_with('u');
    let verb = tag.starts_with('v') && tag != "vn";
    let bare_verb = verb && (toks.len() == 1 || EVENT_VERBS.contains(&last_word));
    let known_noun = VERB_NOUNS.iter().any(|w| t.ends_with(w));
    if !known_noun && (function_word || bare_verb) {
        return None;
    }
    let n = t.chars().count();
    if (2..=12).contains(&n) {
        Some(t.to_string())
    } else if n > 12 {
        // the last words that fit
        let start = toks
            .iter()
            .map(|x| x.range.start)
            .find(|&st| t.get(st..).is_some_and(|r| r.chars().count() <= 12))?;
        t.get(start..).map(str::to_string)
    } else {
        None
    }
}

// ---------------------------------------------------------------------------

// Implied bases of change figures

fn link_bases(s: &str, figs: &mut [Figure]) {
    for k in 1..figs.len() {
        let (head, tail) = figs.split_at_mut(k);
        let Some(prev) = head.last() else { continue };
        let Some(cur) = tail.first_mut() else {
            continue;
        };
        let Some(delta) = cur.value_amount().cloned() else {
            continue;
        };
        let cur_kind = cur.kind;
        let Some(ch) = cur.change.as_mut() else {
            continue;
        };
        let Some(base_amt) = prev.amount() else {
            continue;
        };
        if prev.change.is_some()
            || base_amt.hi.is_some()
            || prev.kind == Kind::Number && base_amt.unit.is_empty() && base_amt.scale.is_empty()
        {
            continue;
        }
        // only punctuation between: 利用内资81.73亿元，同比增长7.8%
        let gap = s.get(prev.range.end..cur.range.start).unwrap_or("x");
        if gap.chars().count() > 2 || !gap.chars().all(|c| matches!(c, '，' | ',' | ' ' | '、')) {
            continue;
        }
        let cur_v = base_amt.lo.to_f64();
        let d = delta.lo.to_f64();
        let base = match (cur_kind, prev.kind) {
            (Kind::Percent, pk) if pk != Kind::Percent && pk != Kind::Points => {
                let p = if delta.unit == "成" {
                    d / 10.0
                } else if delta.unit == "‰" {
                    d / 1000.0
                } else {
                    d / 100.0
                };
                let f = if ch.up { 1.0 + p } else { 1.0 - p };
                (f > 0.0).then(|| cur_v / f)
            }
            (Kind::Multiple, pk) if pk != Kind::Percent && pk != Kind::Points && ch.up => {
                Some(cur_v / (1.0 + d))
            }
            (Kind::Points, Kind::Percent) => Some(if ch.up { cur_v - d } else { cur_v + d }),
            (ck, pk)
                if ck == pk
                    && delta.unit == base_amt.unit
                    && matches!(ck, Kind::Money | Kind::Count | Kind::Measure) =>
            {
                Some(if ch.up { cur_v - d } else { cur_v + d })
            }
            _ => None,
        };
        let Some(b) = base.filter(|b| b.is_finite() && *b > 0.0) else {
            continue;
        };
        let in_scale = base_amt.in_scale(b);
        let dec = if base_amt.decimals > 0 {
            base_amt.decimals.max(2)
        } else if base_amt.scale.is_empty() {
            1
        } else {
            2
        } as usize;
        let mut txt = format!("{in_scale:.dec$}");
        if txt.contains('.') {
            txt = txt.trim_end_matches('0').trim_end_matches('.').to_string();
        }
        let unit = base_amt.unit;
        ch.base = Some(Base {
            value: b,
            text: format!("{txt}{}{unit}", base_amt.scale),
            from: prev.range.clone(),
            from_text: s.get(prev.range.clone()).unwrap_or("").to_string(),
        });
    }
}

impl Figure {
    fn value_amount(&self) -> Option<&Amount> {
        self.amount().filter(|a| a.hi.is_none())
    }
}

// ---------------------------------------------------------------------------
// Calendar

pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in a month; without a year, February has 29.
pub fn days_in_month(year: Option<i32>, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !is_leap(y) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

pub fn valid_date(year: Option<i32>, month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
}

/// Days since 1970-01-01 (proleptic Gregorian).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y as i64 - 1 } else { y as i64 };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> Ymd {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    Ymd {
        year: (if m <= 2 { y + 1 } else { y }) as i32,
        month: m,
        day: d,
    }
}

/// Day of the week: 0 = Monday … 6 = Sunday.
pub fn weekday(date: Ymd) -> u32 {
    // 1970-01-01 was a Thursday (3)
    ((days_from_civil(date.year, date.month, date.day) + 3).rem_euclid(7)) as u32
}

/// `星期二`.
pub fn weekday_name(day: u32) -> &'static str {
    [
        "星期一",
        "星期二",
        "星期三",
        "星期四",
        "星期五",
        "星期六",
        "星期日",
    ]
    .get(day as usize)
    .copied()
    .unwrap_or("")
}

pub fn add_days(date: Ymd, n: i64) -> Ymd {
    civil_from_days(days_from_civil(date.year, date.month, date.day) + n)
}

fn fmt_ymd(d: Ymd) -> String {
    format!("{}年{}月{}日", d.year, d.month, d.day)
}

// ---------------------------------------------------------------------------
// The article's own date

/// The article's date: `config_date` if given; else the date in a dateline
/// (`2023-05-12 07:30 来源：某某日报`); else the latest explicit full date in
/// the text (`2018年12月18日`).
pub fn article_date(doc_text: &str, config_date: Option<Ymd>) -> Option<Ymd> {
    if config_date.is_some() {
        return config_date;
    }
    let mut latest: Option<Ymd> = None;
    for line in doc_text.lines() {
        let figs = parse(line);
        if super::outline::is_dateline(line) {
            if let Some(d) = figs
                .iter()
                .find_map(|f| f.dates().and_then(|(lo, _)| lo.full_date()))
            {
                return Some(d);
            }
        }
        latest = latest.max(latest_full_date(&figs));
    }
    latest
}

/// Like [`article_date`], from an analysis (no re-parsing: the figures are
/// cached per paragraph).
pub fn article_date_of(
    text: &str,
    analysis: &super::Analysis,
    config_date: Option<Ymd>,
) -> Option<Ymd> {
    if config_date.is_some() {
        return config_date;
    }
    let mut latest = None;
    for (k, p) in analysis.paras.iter().enumerate() {
        let is_dl = analysis.classes.get(k) == Some(&super::outline::BlockClass::Dateline)
            || analysis
                .blocks
                .get(k)
                .and_then(|b| text.get(b.range.clone()))
                .is_some_and(super::outline::is_dateline);
        if is_dl {
            if let Some(d) = p
                .figures
                .iter()
                .find_map(|f| f.dates().and_then(|(lo, _)| lo.full_date()))
            {
                return Some(d);
            }
        }
        latest = latest.max(latest_full_date(&p.figures));
    }
    latest
}

fn latest_full_date(figs: &[Figure]) -> Option<Ymd> {
    figs.iter()
        .filter_map(|f| f.dates())
        .flat_map(|(lo, hi)| [lo.full_date(), hi.and_then(DateSpec::full_date)])
        .flatten()
        .max()
}

// ---------------------------------------------------------------------------
// Hover

/// A date shown with its resolved year: the year, the rest (`12月18日（星期二）上午`),
/// and whether the year was inferred or a relative word resolved.
struct Shown {
    year: Option<i32>,
    rest: String,
    inferred: bool,
    rel: bool,
}

fn year_part(p: &str) -> bool {
    p.starts_with('年') || p.contains('季') || p.contains("半年")
}

/// Resolve `d` (the upper end of a range inherits from `lo`). `None` when a
/// relative word needs the article date and there is none.
fn show_date(d: &DateSpec, article: Option<Ymd>, lo: Option<&DateSpec>) -> Option<Shown> {
    let lo_rel = lo
        .and_then(|l| l.rel)
        .filter(|_| d.year.is_none() && d.rel.is_none());
    let rel = d.rel.or(lo_rel);
    let mut y = d.year.or(lo.and_then(|l| l.year));
    let mut m = d.month;
    let mut day = d.day;
    if day.is_some() && m.is_none() {
        m = lo.and_then(|l| l.month);
    }
    let mut inferred = false;
    match rel {
        Some(r) => {
            let a = article?;
            match r.unit {
                RelUnit::Year => y = Some(a.year + r.offset),
                RelUnit::Month => {
                    let total = a.year * 12 + a.month as i32 - 1 + r.offset;
                    y = Some(total.div_euclid(12));
                    m = Some(total.rem_euclid(12) as u32 + 1);
                }
                RelUnit::Day | RelUnit::Now => {
                    let x = add_days(a, r.offset as i64);
                    y = Some(x.year);
                    m = Some(x.month);
                    day = Some(x.day);
                }
                RelUnit::Week | RelUnit::Recent => {
                    y = Some(a.year);
                    m = Some(a.month);
                    day = Some(a.day);
                }
            }
        }
        None => {
            if y.is_none() && (m.is_some() || d.part.is_some()) {
                if let Some(a) = article {
                    y = Some(a.year);
                    inferred = true;
                }
            }
        }
    }
    let mut rest = String::new();
    if let Some(p) = d.part.filter(|p| year_part(p)) {
        if y.is_some() {
            rest.push_str(p.strip_prefix('年').unwrap_or(p));
            if p == "年度" {
                rest.push('度');
            }
        } else {
            rest.push_str(p);
        }
    }
    if let Some(m) = m {
        rest.push_str(&format!("{m}月"));
    }
    if let Some(p) = d.part.filter(|p| !year_part(p)) {
        rest.push_str(p);
    }
    if let Some(dd) = day {
        rest.push_str(&format!("{dd}日"));
        if let (Some(y), Some(m)) = (y, m) {
            if valid_date(Some(y), m, dd) {
                let w = weekday(Ymd {
                    year: y,
                    month: m,
                    day: dd,
                });
                rest.push_str(&format!("（{}）", weekday_name(w)));
            }
        }
    }
    if let Some(p) = d.daypart {
        rest.push_str(p);
    }
    if let Some(h) = d.hour {
        rest.push_str(&format!("{h}时"));
        if let Some(mi) = d.minute {
            rest.push_str(&format!("{mi}分"));
        }
    }
    Some(Shown {
        year: y,
        rest,
        inferred,
        rel: rel.is_some(),
    })
}

/// The relative date as written: `去年11月`, `今年上半年`.
fn rel_written(d: &DateSpec) -> String {
    let mut s = d.rel.map(|r| r.word).unwrap_or("").to_string();
    if let Some(p) = d.part.filter(|p| year_part(p)) {
        if !s.ends_with(p) {
            s.push_str(p.strip_prefix('年').unwrap_or(p));
        }
    }
    if let Some(m) = d.month {
        s.push_str(&format!("{m}月"));
    }
    if let Some(p) = d.part.filter(|p| !year_part(p)) {
        s.push_str(p);
    }
    if let Some(dd) = d.day {
        s.push_str(&format!("{dd}日"));
    }
    if let Some(p) = d.daypart {
        s.push_str(p);
    }
    s
}

fn full(sh: &Shown) -> String {
    match sh.year {
        Some(y) => format!("{y}年{}", sh.rest),
        None => sh.rest.clone(),
    }
}

fn fmt_dates(lo: &DateSpec, hi: Option<&DateSpec>, article: Option<Ymd>) -> String {
    let special = |d: &DateSpec| -> Option<String> {
        let r = d.rel?;
        let a = article?;
        match r.unit {
            RelUnit::Recent => Some(format!("{}：{} 前几天", r.word, fmt_ymd(a))),
            RelUnit::Week => {
                let monday = add_days(a, -(weekday(a) as i64) + 7 * r.offset as i64);
                let sunday = add_days(monday, 6);
                Some(format!(
                    "{}：{}—{}",
                    r.word,
                    fmt_ymd(monday),
                    fmt_ymd(sunday)
                ))
            }
            _ => None,
        }
    };
    let Some(hi) = hi else {
        if let Some(s) = special(lo) {
            return s;
        }
        return match show_date(lo, article, None) {
            None => format!("{}（文章日期不明，无法推算）", rel_written(lo)),
            Some(sh) if sh.rel => format!("{} → {}", rel_written(lo), full(&sh)),
            Some(sh) if sh.inferred => format!("{}（年份按文章日期推定）", full(&sh)),
            Some(sh) => full(&sh),
        };
    };
    match (
        show_date(lo, article, None),
        show_date(hi, article, Some(lo)),
    ) {
        (Some(a), Some(b)) => {
            let right = if b.year == a.year
                && (hi.month.is_some() || hi.day.is_some() || hi.hour.is_some())
            {
                b.rest.clone()
            } else {
                full(&b)
            };
            let right = if let (Some(RelUnit::Now), Some(x)) = (hi.rel.map(|r| r.unit), article) {
                format!("今（{}）", fmt_ymd(x))
            } else {
                right
            };
            let note = if a.rel || b.rel {
                article
                    .map(|x| format!("（按文章日期 {} 推算）", fmt_ymd(x)))
                    .unwrap_or_default()
            } else if a.inferred {
                "（年份按文章日期推定）".to_string()
            } else {
                String::new()
            };
            format!("{} 至 {right}{note}", full(&a))
        }
        _ => {
            let w = |d: &DateSpec, l: Option<&DateSpec>| {
                if d.rel.is_some() {
                    rel_written(d)
                } else {
                    show_date(d, None, l).map(|s| full(&s)).unwrap_or_default()
                }
            };
            format!(
                "{} 至 {}（文章日期不明，无法推算）",
                w(lo, None),
                w(hi, Some(lo))
            )
        }
    }
}

fn fmt_amount_value(a: &Amount, v: Num) -> String {
    match a.unit {
        "%" | "‰" => format!("{}{}", v.grouped(), a.unit),
        "成" => format!(
            "{}成（{}%）",
            v.grouped(),
            Num {
                mant: v.mant,
                exp: v.exp + 1
            }
            .grouped()
        ),
        "" => v.grouped(),
        u => format!("{} {u}", v.grouped()),
    }
}

/// A short Markdown hover for a figure.
pub fn hover_markdown(
    fig: &Figure,
    article_date: Option<Ymd>,
    context_noun: Option<&str>,
) -> String {
    let mut lines: Vec<String> = Vec::new();
    let approx = if fig.approx.is_empty() {
        String::new()
    } else {
        let words: Vec<String> = fig
            .approx
            .iter()
            .filter(|m| !m.word.is_empty())
            .map(|m| format!("“{}”", m.word))
            .collect();
        let sense = fig
            .approx
            .first()
            .map(|m| m.sense.chinese())
            .unwrap_or("约数");
        if words.is_empty() {
            " · 约数".to_string()
        } else {
            format!(" · {sense}（{}）", words.join(""))
        }
    };
    match &fig.value {
        Value::Amount(a) => {
            let mut title = fig.kind.chinese().to_string();
            if let Some(ch) = &fig.change {
                title = format!("{}{}", ch.basis.unwrap_or(""), ch.verb);
            }
            let value = match a.hi {
                Some(hi) => {
                    title.push_str("范围");
                    format!(
                        "{} ～ {}",
                        fmt_amount_value(a, a.lo),
                        fmt_amount_value(a, hi)
                    )
                }
                None => fmt_amount_value(a, a.lo),
            };
            let unit_note = match fig.kind {
                Kind::Count => format!("（量词“{}”）", a.unit),
                _ => String::new(),
            };
            lines.push(format!("**{title}** {value}{unit_note}{approx}"));
            if let Some(b) = fig.change.as_ref().and_then(|c| c.base.as_ref()) {
                lines.push(format!("基数 ≈ {}（由 {} 推算）", b.text, b.from_text));
            }
        }
        Value::Date { lo, hi } => {
            let title = match (fig.kind, hi.is_some(), lo.rel.is_some()) {
                (Kind::Time, _, _) => "时刻",
                (_, true, _) => "日期范围",
                (_, false, true) => "相对日期",
                _ => "日期",
            };
            let v = fmt_dates(lo, hi.as_deref(), article_date);
            lines.push(format!("**{title}** {v}{approx}"));
        }
        Value::None => {
            if let Some(ch) = &fig.change {
                lines.push(format!(
                    "**变化** {}{}（未给出幅度）",
                    ch.basis.unwrap_or(""),
                    ch.verb
                ));
            }
        }
    }
    if let Some(n) = context_noun.filter(|n| !n.is_empty()) {
        lines.push(format!("计的是：{n}"));
    }
    lines.join("\n\n")
}

#[cfg(test)]
mod tests;
