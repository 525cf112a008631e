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
//!
//! This file holds the types of a figure and [`parse`]; the reading is done
//! by the files beside it, bottom up:
//!
//! - `probe`: the char and the word at or before a byte offset, char sets;
//! - `numbers`: Arabic, Chinese and mixed numerals with their multipliers;
//! - `units`: the units and measure words after a number, and the stop
//!   phrases in which a numeral is no figure;
//! - `dates`: dates, times of day and ISO dates; `relative`: `去年`, `上月` …;
//! - `markers`: approximation markers (`约` `左右`) and change words (`同比增长`);
//! - `scan`: the scanner that finds the figures of a paragraph;
//! - `bases`: the implied bases of change figures;
//! - `calendar`: days, months, weekdays;
//! - `nouns`: what a figure counts (`counted_noun`);
//! - `article_date`: the article's own date; `hover`: the hover text.

mod article_date;
mod bases;
mod calendar;
mod dates;
mod hover;
mod lists;
mod markers;
mod nouns;
mod numbers;
mod probe;
mod relative;
mod scan;
mod units;

use std::ops::Range;

use crate::core::config::Ymd;

#[cfg(test)]
pub use article_date::article_date;
pub use article_date::{article_date_of, BlockDates};
#[cfg(test)]
pub use calendar::add_days;
pub use calendar::{days_in_month, valid_date, weekday, weekday_name};
pub use hover::hover_markdown;
pub use nouns::counted_noun;
pub(crate) use probe::CharBits;

use bases::link_bases;
use numbers::scale_exp;
use scan::Scanner;

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

#[cfg(test)]
mod tests;
