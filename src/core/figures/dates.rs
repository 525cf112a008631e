//! Dates and times of day as written: `2018年12月18日上午`, `1至9月`,
//! `11月中旬`, `9时30分`, `07:30`, `2023-05-12`, weekdays after a day.

use super::lists::words_of;
use super::numbers::{ar_digit, cn_digit, read_number, NumTok};
use super::probe::{at, at_any, ch_at};
use super::{DateSpec, RelUnit, Style, Weekday};
use crate::core::chars::is_han;
use crate::core::data::data_file;
use std::ops::{ControlFlow, Range};
use std::sync::LazyLock;

pub(super) const CONNECTORS: &[&str] = &["至", "到", "～", "~", "〜", "-", "－", "—", "–"];

pub(super) fn connector_at(s: &str, i: usize) -> Option<Range<usize>> {
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

/// Parts of a year after a year (`上半年`, `一季度`, `年底`), from
/// `data/figure_date_parts.txt`.
pub(super) static YEAR_PARTS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words_of(data_file!("figure_date_parts.txt"), "year"));
/// Parts of a month after a month (`上旬`, `初`).
pub(super) static MONTH_PARTS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words_of(data_file!("figure_date_parts.txt"), "month"));
/// Parts of the day (`上午`, `凌晨`).
pub(super) static DAYPARTS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words_of(data_file!("figure_date_parts.txt"), "day"));

pub(super) fn part_ok(s: &str, end: usize, part: &str) -> bool {
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

pub(super) fn valid_year_tok(t: &NumTok) -> Option<i32> {
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
pub(super) struct NumAt<'a> {
    pub(super) s: &'a str,
    pub(super) at: usize,
    pub(super) tok: Option<NumTok>,
}

impl<'a> NumAt<'a> {
    pub(super) fn new(s: &'a str) -> NumAt<'a> {
        NumAt {
            s,
            at: usize::MAX,
            tok: None,
        }
    }

    /// Knowing the number at `at` already.
    pub(super) fn with(s: &'a str, at: usize, tok: &NumTok) -> NumAt<'a> {
        NumAt {
            s,
            at,
            tok: Some(tok.clone()),
        }
    }

    pub(super) fn get(&mut self, j: usize) -> Option<&NumTok> {
        if j != self.at {
            self.tok = read_number(self.s, j);
            self.at = j;
        }
        self.tok.as_ref()
    }
}

/// Where a date read so far ends: its inner range end if any (`1至9月`) and
/// its end offset.
pub(super) type DateEnd = (Option<DateSpec>, usize);

/// Read a date or time at `i` (the caller has checked a number or a
/// relative word starts there). Returns the date, an inner range end
/// (`1至9月`, `19至22日`) and the end offset.
///
/// The date is read field by field, coarse to fine; a step either reads on
/// (`Continue` with the new offset) or ends the date (`Break`).
pub(super) fn read_date(s: &str, i: usize, d: &mut DateSpec, nums: &mut NumAt) -> Option<DateEnd> {
    // ISO: 2023-05-12, 2023/5/12, 2023.05.12
    if let Some(end) = read_iso(s, i, d) {
        return Some((None, end));
    }
    let j = match read_fields(s, i, d, nums) {
        ControlFlow::Break(end) => return Some(end),
        ControlFlow::Continue(j) => j,
    };
    let j = read_time_of_day(s, j, d, nums);
    if d.is_empty() && d.weekday.is_none() {
        return None;
    }
    Some((None, j))
}

/// The year, month and day fields from `i`, each with its parts and ranges.
fn read_fields(
    s: &str,
    i: usize,
    d: &mut DateSpec,
    nums: &mut NumAt,
) -> ControlFlow<DateEnd, usize> {
    let mut j = i;
    if d.year.is_none() && d.rel.is_none() {
        j = read_year(s, i, d, nums)?;
    }
    year_part(s, j, d)?;
    j = read_month(s, i, j, d, nums)?;
    month_part(s, j, d)?;
    read_day(s, i, j, d, nums)
}

/// An ISO date with an optional clock time after it: its end.
fn read_iso(s: &str, i: usize, d: &mut DateSpec) -> Option<usize> {
    let (y, m, dd, mut j) = iso_date(s, i)?;
    d.year = Some(y);
    d.month = Some(m);
    d.day = Some(dd);
    let k = if at(s, j, " ") { j + 1 } else { j };
    if let Some((h, mi, end)) = clock(s, k) {
        d.hour = Some(h);
        d.minute = Some(mi);
        j = end;
    }
    Some(j)
}

/// The year at `i` (`2018年`), or a range of years (`2017至2018年`).
fn read_year(s: &str, i: usize, d: &mut DateSpec, nums: &mut NumAt) -> ControlFlow<DateEnd, usize> {
    let Some(t) = nums.get(i) else {
        return ControlFlow::Continue(i);
    };
    let Some(y) = valid_year_tok(t) else {
        return ControlFlow::Continue(i);
    };
    if at(s, t.end, "年")
        && !at(s, t.end, "年代")
        && !at(s, t.end, "年级")
        && !ch_at(s, t.end + 3).is_some_and(|c| matches!(c, '来' | '间' | '前'))
        && !at(s, t.end + 3, "之久")
        && !at(s, t.end + 3, "历史")
    {
        d.year = Some(y);
        return ControlFlow::Continue(t.end + "年".len());
    }
    let t_end = t.end;
    // 2017至2018年
    if let Some(c) = connector_at(s, t_end) {
        if let Some(t2) = read_number(s, c.end) {
            if let Some(y2) = valid_year_tok(&t2) {
                if at(s, t2.end, "年") && y2 > y {
                    d.year = Some(y);
                    let mut h = d.clone();
                    h.year = Some(y2);
                    d.span = i..t_end;
                    h.span = c.end..t2.end + 3;
                    return ControlFlow::Break((Some(h), t2.end + 3));
                }
            }
        }
    }
    ControlFlow::Continue(i)
}

/// A part of the year after a year (`上半年`, `年底`): it ends the date.
fn year_part(s: &str, j: usize, d: &mut DateSpec) -> ControlFlow<DateEnd> {
    let has_year = d.year.is_some() || d.rel.is_some_and(|r| r.unit == RelUnit::Year);
    if !has_year {
        return ControlFlow::Continue(());
    }
    if let Some(p) = at_any(s, j, &YEAR_PARTS) {
        let pj = j + p.len();
        if part_ok(s, pj, p) {
            d.part = Some(match p {
                "底" => "年底",
                "初" => "年初",
                "末" => "年末",
                "度" => "年度",
                other => other,
            });
            return ControlFlow::Break((None, pj));
        }
    }
    ControlFlow::Continue(())
}

/// A month number as a month: at most 12 in Chinese numerals, 99 in digits.
fn month_number(t: &NumTok) -> Option<u32> {
    t.plain()
        .filter(|&m| m <= 99 && (t.style != Style::Chinese || m <= 12))
}

/// The month at `j` (`11月`), or a range of months (`1至9月`).
fn read_month(
    s: &str,
    i: usize,
    j: usize,
    d: &mut DateSpec,
    nums: &mut NumAt,
) -> ControlFlow<DateEnd, usize> {
    let Some(t) = nums.get(j) else {
        return ControlFlow::Continue(j);
    };
    let Some(m) = month_number(t) else {
        return ControlFlow::Continue(j);
    };
    // 13月 is a wrong date, but 13月薪 is a salary
    let month_ok = m <= 12
        || ch_at(s, t.end + 3).is_none_or(|c| {
            !is_han(c) || ar_digit(c).is_some() || "份上中下初底末至到日".contains(c)
        });
    if at(s, t.end, "月") && month_ok {
        d.month = Some(m);
        return ControlFlow::Continue(t.end + "月".len());
    }
    let t_end = t.end;
    // 1至9月, 8～10月
    if let Some(c) = connector_at(s, t_end) {
        if let Some(t2) = read_number(s, c.end) {
            if let Some(m2) = month_number(&t2) {
                if at(s, t2.end, "月") && m2 > m {
                    d.month = Some(m);
                    d.span = i..t_end;
                    let mut h = d.clone();
                    h.month = Some(m2);
                    let mut e = t2.end + "月".len();
                    if at(s, e, "份") {
                        e += "份".len();
                    }
                    h.span = c.end..e;
                    return ControlFlow::Break((Some(h), e));
                }
            }
        }
    }
    ControlFlow::Continue(j)
}

/// A part of the month after a month (`中旬`, `底`, `份`): it ends the date.
fn month_part(s: &str, j: usize, d: &mut DateSpec) -> ControlFlow<DateEnd> {
    if d.month.is_none() {
        return ControlFlow::Continue(());
    }
    if let Some(p) = at_any(s, j, &MONTH_PARTS) {
        let pj = j + p.len();
        if part_ok(s, pj, p) {
            if p != "份" {
                d.part = Some(p);
            }
            return ControlFlow::Break((None, pj));
        }
    }
    ControlFlow::Continue(())
}

/// The day at `j` (after a month, or alone: `18日`, `5号`), or a range of
/// days after a month (`19至22日`).
fn read_day(
    s: &str,
    i: usize,
    j: usize,
    d: &mut DateSpec,
    nums: &mut NumAt,
) -> ControlFlow<DateEnd, usize> {
    let Some(t) = nums.get(j) else {
        return ControlFlow::Continue(j);
    };
    let Some(dd) = t.plain().filter(|&x| x <= 99) else {
        return ControlFlow::Continue(j);
    };
    let unit = if at(s, t.end, "日") {
        Some("日")
    } else if at(s, t.end, "号") && d.month.is_some() {
        Some("号")
    } else {
        None
    };
    let cn_ok = t.style != Style::Chinese || (dd <= 31 && !t.single_yi || d.month.is_some());
    if let (Some(un), true) = (unit, cn_ok) {
        d.day = Some(dd);
        return ControlFlow::Continue(t.end + un.len());
    }
    if d.month.is_none() {
        return ControlFlow::Continue(j);
    }
    let t_end = t.end;
    // 19至22日
    if let Some(c) = connector_at(s, t_end) {
        if let Some(t2) = read_number(s, c.end) {
            if let Some(d2) = t2.plain() {
                if at(s, t2.end, "日") && d2 > dd {
                    d.day = Some(dd);
                    d.span = i..t_end;
                    let mut h = d.clone();
                    h.day = Some(d2);
                    let e = t2.end + "日".len();
                    h.span = c.end..e;
                    return ControlFlow::Break((Some(h), e));
                }
            }
        }
    }
    ControlFlow::Continue(j)
}

/// After the date: a weekday (`（星期三）`), a part of the day (`上午`) and a
/// clock time (`9时30分`, `07:30`). Returns the end.
fn read_time_of_day(s: &str, mut j: usize, d: &mut DateSpec, nums: &mut NumAt) -> usize {
    // weekday right after a day: (星期三) （周三） 星期三
    if d.day.is_some() {
        if let Some((w, end)) = weekday_at(s, j) {
            d.weekday = Some(Box::new(w));
            j = end;
        }
    }
    // part of the day, then a clock time
    let date_before = d.day.is_some() || d.rel.is_some_and(|r| r.unit == RelUnit::Day);
    if let Some(p) = at_any(s, j, &DAYPARTS) {
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
    j
}

pub(super) fn clock_like(s: &str, i: usize) -> bool {
    read_number(s, i).is_some_and(|t| {
        t.plain().is_some_and(|h| h <= 24)
            && (at(s, t.end, "时") || at(s, t.end, "点") || at(s, t.end, ":") || at(s, t.end, "："))
    })
}

/// `9时30分`, `9时`, `9点半`, `九时许`: hour and minutes, from the number `t`.
pub(super) fn clock_cn(s: &str, t: &NumTok, context: bool) -> Option<(u32, Option<u32>, usize)> {
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
pub(super) fn clock(s: &str, i: usize) -> Option<(u32, u32, usize)> {
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

pub(super) fn iso_date(s: &str, i: usize) -> Option<(i32, u32, u32, usize)> {
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

pub(super) fn weekday_at(s: &str, i: usize) -> Option<(Weekday, usize)> {
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
