//! Reading numerals: Arabic (`81.73`, `3,000`, full-width digits),
//! Chinese (`两千三百`, `三十余`), positional and mixed (`二〇一八`, `2O18`),
//! approximate pairs (`两三`), with their multipliers (`亿`, `万`).

use super::probe::{at, ch_at};
use super::{Marker, Num, Sense, Style};
use std::ops::Range;

pub(super) fn ar_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

pub(super) fn cn_digit(c: char) -> Option<u32> {
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
pub(super) fn cn_unit(c: char) -> Option<i32> {
    match c {
        '十' | '拾' => Some(1),
        '百' | '佰' => Some(2),
        '千' | '仟' => Some(3),
        _ => None,
    }
}

pub(super) fn cn_big(c: char) -> Option<i32> {
    match c {
        '万' => Some(4),
        '亿' => Some(8),
        _ => None,
    }
}

pub(super) fn is_cn_num(c: char) -> bool {
    cn_digit(c).is_some() || cn_unit(c).is_some() || cn_big(c).is_some()
}

pub(super) fn is_ascii_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

pub(super) fn scale_exp(scale: &str) -> i32 {
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

#[derive(Debug, Clone)]
pub(super) struct NumTok {
    pub(super) end: usize,
    pub(super) num: Num,
    pub(super) style: Style,
    pub(super) digits: Range<usize>,
    pub(super) decimals: u32,
    /// Arabic integer digits (year detection); 0 for Chinese.
    pub(super) int_digits: usize,
    /// Written digit by digit (`二〇一八`, `2O18`).
    pub(super) positional: bool,
    /// Just `一`.
    pub(super) single_yi: bool,
    pub(super) scale: &'static str,
    /// `余` `多` `来` between the number and its unit.
    pub(super) mid: Option<Marker>,
    /// `两三` `三四十`: an approximate pair.
    pub(super) pair_hi: Option<Num>,
    /// Thousands separators used.
    pub(super) grouped: bool,
}

impl NumTok {
    /// Usable as a date component (a plain integer as written).
    pub(super) fn plain(&self) -> Option<u32> {
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
pub(super) fn parse_cn(run: &str) -> Option<i128> {
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
pub(super) fn positional_cn(c: char) -> bool {
    matches!(
        c,
        '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
    )
}

/// Read a number at `i`: Arabic, Chinese or mixed, with its multiplier
/// (`81.73亿`, `1000万`) and an approximation marker before the unit
/// (`9万余`, `300余`, `三十多万`).
pub(super) fn read_number(s: &str, i: usize) -> Option<NumTok> {
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

pub(super) fn mid_marker(s: &str, i: usize) -> Option<(Marker, usize)> {
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
pub(super) fn ar_digit_at(b: &[u8], j: usize) -> Option<(u8, usize)> {
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
pub(super) fn push_digit(mant: i128, d: u8, n: usize) -> Option<i128> {
    if n < 38 {
        Some(mant * 10 + i128::from(d))
    } else {
        mant.checked_mul(10)?.checked_add(i128::from(d))
    }
}

pub(super) fn read_arabic(s: &str, i: usize) -> Option<NumTok> {
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
