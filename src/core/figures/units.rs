//! Units and measure words after a number (`亿元`, `%`, `个百分点`, `户`,
//! `平方公里`), and the stop phrases in which a numeral and a measure word
//! are no figure (`三番五次`, `四个意识`).

use super::numbers::is_cn_num;
use super::probe::{at, ch_at, starts};
use crate::core::chars::is_han;
use crate::core::chars::FxHashMap as HashMap;
use crate::core::data::{self, data_file};
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

/// One unit: its text as written, its normal form and category.
pub(super) struct UnitDef {
    pub(super) text: &'static str,
    pub(super) unit: &'static str,
    pub(super) cat: Cat,
    /// Only after Arabic digits (`3部`, but `三部门` is not `三部`).
    pub(super) arabic_only: bool,
}

impl Cat {
    /// A category as `data/figure_units.txt` names it (`Money`, `Count`, …).
    fn named(name: &str) -> Option<Cat> {
        Some(match name {
            "Money" => Cat::Money,
            "Percent" => Cat::Percent,
            "Permille" => Cat::Permille,
            "Points" => Cat::Points,
            "Multiple" => Cat::Multiple,
            "Tenths" => Cat::Tenths,
            "Count" => Cat::Count,
            "Measure" => Cat::Measure,
            "Duration" => Cat::Duration,
            "Age" => Cat::Age,
            _ => return None,
        })
    }
}

/// The units of `data/figure_units.txt`, in file order: longer entries
/// first, the first match wins.
pub(super) static UNITS: LazyLock<Vec<UnitDef>> = LazyLock::new(|| {
    data::lines(data_file!("figure_units.txt"))
        .filter_map(|f| match f[..] {
            [text, unit, cat, only] => Some(UnitDef {
                text,
                unit,
                cat: Cat::named(cat)?,
                arabic_only: only == "arabic",
            }),
            _ => None,
        })
        .collect()
});

/// Words in which a numeral and a measure word are not a figure
/// (`data/figure_stop_phrases.txt`).
pub(super) static STOP_PHRASES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| data::entries(data_file!("figure_stop_phrases.txt")).collect());

/// [`UNITS`] by their first char (table order kept).
pub(super) static UNIT_INDEX: LazyLock<HashMap<char, Vec<&'static UnitDef>>> =
    LazyLock::new(|| {
        let mut m: HashMap<char, Vec<&'static UnitDef>> = HashMap::default();
        for d in UNITS.iter() {
            if let Some(c) = d.text.chars().next() {
                m.entry(c).or_default().push(d);
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
        .copied()
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
    for &p in STOP_PHRASES.iter() {
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
