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
    /// A plain token: `num` written in `style` at `digits`, ending at `end`,
    /// with no decimals, multiplier, marker or pair.
    #[inline]
    fn new(end: usize, num: Num, style: Style, digits: Range<usize>) -> NumTok {
        NumTok {
            end,
            num,
            style,
            digits,
            decimals: 0,
            int_digits: 0,
            positional: false,
            single_yi: false,
            scale: "",
            mid: None,
            pair_hi: None,
            grouped: false,
        }
    }

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
    if b.get(i)?.is_ascii_digit() && !ascii_run_goes_on(s, i) {
        return read_arabic(s, i);
    }
    let c = ch_at(s, i)?;
    if !(is_cn_num(c) || ar_digit(c).is_some()) {
        // (the reading below would find an empty run)
        return None;
    }
    let run = PosRun::scan(s, i);
    if let Some(tok) = positional_year(s, i, &run) {
        return Some(tok);
    }
    if ar_digit(c).is_some() {
        return read_arabic(s, i);
    }
    if let Some((a, b)) = run.pair(s, c) {
        // 一二 is neither a pair nor a number
        if c == '一' {
            return None;
        }
        return Some(approx_pair(s, i, run.end, a, b));
    }
    read_chinese(s, i, c)
}

/// Whether the ASCII digits at `i` go on in a full-width or Chinese digit or
/// a letter O. Most numbers are ASCII digits; their run is a positional one
/// of mixed scripts (`2O18`, `2０一8`) only then, else it is read as an
/// Arabic number right away.
#[inline]
fn ascii_run_goes_on(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    let k = i + b.iter().skip(i).take_while(|x| x.is_ascii_digit()).count();
    ch_at(s, k).is_some_and(|x| matches!(x, 'O' | 'o') || ar_digit(x).is_some() || positional_cn(x))
}

/// A positional run: digits of either script, the letter O between digits
/// (`二〇一八`, `2O18`, `两三`), as read digit by digit.
struct PosRun {
    /// Where the run ends (a byte offset).
    end: usize,
    /// How many digits it has (at most 25).
    n: usize,
    has_ar: bool,
    has_cn: bool,
    has_o: bool,
    /// The digits read as one decimal number (saturating).
    val: i128,
    /// The first digit, when the run starts in a Chinese one.
    first_cn: Option<u32>,
    /// The second digit, when it is a Chinese one.
    second_cn: Option<u32>,
}

impl PosRun {
    /// Scan the positional run at `i`.
    #[inline]
    fn scan(s: &str, i: usize) -> PosRun {
        let mut r = PosRun {
            end: i,
            n: 0,
            has_ar: false,
            has_cn: false,
            has_o: false,
            val: 0,
            first_cn: None,
            second_cn: None,
        };
        while let Some(x) = ch_at(s, r.end) {
            let d = if let Some(d) = ar_digit(x) {
                r.has_ar = true;
                d
            } else if positional_cn(x) {
                r.has_cn = true;
                cn_digit(x).unwrap_or(0)
            } else if matches!(x, 'O' | 'o')
                && r.n > 0
                && ch_at(s, r.end + 1).is_some_and(|y| ar_digit(y).is_some())
            {
                r.has_o = true;
                0
            } else if x == '两' && r.n == 0 {
                r.has_cn = true;
                2
            } else {
                break;
            };
            if r.has_cn && r.n == 0 {
                r.first_cn = Some(d);
            } else if r.n == 1 && cn_digit(x).is_some() {
                r.second_cn = Some(d);
            }
            r.val = r.val.saturating_mul(10).saturating_add(d as i128);
            r.n += 1;
            r.end += x.len_utf8();
            if r.n > 24 {
                break;
            }
        }
        r
    }

    /// Digits of both scripts, or a letter O (`2０一8`, `2O18`).
    fn mixed(&self) -> bool {
        (self.has_cn && self.has_ar) || self.has_o
    }

    /// Chinese digits only (`二〇一八`).
    fn pure_cn(&self) -> bool {
        self.has_cn && !self.has_ar && !self.has_o
    }

    /// The two digits of an approximate pair (`两三个`, `三四天`, `三四十`),
    /// the run starting in `c`: consecutive digits from 1 to 9, or 两 and 三.
    #[inline]
    fn pair(&self, s: &str, c: char) -> Option<(u32, u32)> {
        if !(self.pure_cn()
            && self.n == 2
            && ch_at(s, self.end).is_some_and(|x| cn_digit(x).is_none()))
        {
            return None;
        }
        let (a, b) = (self.first_cn?, self.second_cn?);
        let pair = (b == a + 1 && (1..=8).contains(&a) && c != '两') || (c == '两' && b == 3);
        pair.then_some((a, b))
    }
}

/// A positional year before 年 (`二〇一八年`, `2O18年`): four digits, Chinese
/// or mixed, from 1000 to 2999.
#[inline]
fn positional_year(s: &str, i: usize, run: &PosRun) -> Option<NumTok> {
    let mixed = run.mixed();
    if !(run.n == 4 && at(s, run.end, "年") && (mixed || run.pure_cn())) {
        return None;
    }
    if !(1000..=2999).contains(&run.val) {
        return None;
    }
    let style = if mixed { Style::Mixed } else { Style::Chinese };
    let mut tok = NumTok::new(run.end, Num::int(run.val), style, i..run.end);
    tok.int_digits = 4;
    tok.positional = true;
    Some(tok)
}

/// The approximate pair `a`–`b` at `i..end` with the unit or multiplier
/// after it (`三四十` is 30 to 40).
fn approx_pair(s: &str, i: usize, end: usize, a: u32, b: u32) -> NumTok {
    let mut e = 0;
    let mut k = end;
    if let Some(x) = ch_at(s, k) {
        if let Some(ue) = cn_unit(x).or(cn_big(x)) {
            e = ue;
            k += x.len_utf8();
        }
    }
    let mut tok = NumTok::new(k, Num::int(a as i128).scaled(e), Style::Chinese, i..k);
    tok.pair_hi = Some(Num::int(b as i128).scaled(e));
    tok
}

/// A Chinese numeral at `i`, which starts in `c` (`两千三百`, `十九`), with
/// its approximation marker and multiplier (`三十多万`, `三十余名`).
fn read_chinese(s: &str, i: usize, c: char) -> Option<NumTok> {
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
    let mut tok = NumTok::new(k, Num::int(parse_cn(run)?), Style::Chinese, i..k);
    tok.single_yi = run == "一";
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
    if !tok.single_yi {
        marker_after(s, &mut tok);
    }
    Some(tok)
}

/// An approximation marker right after `tok` (`300余`, `十多个`), unless it
/// has one.
#[inline]
fn marker_after(s: &str, tok: &mut NumTok) {
    if tok.mid.is_none() {
        if let Some((m, after)) = mid_marker(s, tok.end) {
            tok.mid = Some(m);
            tok.end = after;
        }
    }
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

/// An Arabic number at `i` (`81.73`, `3,000`, `１２`) with its multiplier
/// (`81.73亿`, `9万余`) and an approximation marker (`300余`).
pub(super) fn read_arabic(s: &str, i: usize) -> Option<NumTok> {
    let mut tok = arabic_digits(s.as_bytes(), i)?;
    arabic_multiplier(s, &mut tok)?;
    marker_after(s, &mut tok);
    Some(tok)
}

/// The Arabic digits at `i`: the integer part (with thousands separators)
/// and the decimals after a point (`.` or `．`), at most 30 and 12 of them.
#[inline]
fn arabic_digits(b: &[u8], i: usize) -> Option<NumTok> {
    let (mut j, mut mant, int_digits, grouped) = arabic_integer(b, i)?;
    let mut decimals = 0u32;
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
    let num = Num {
        mant,
        exp: -(decimals as i32),
    };
    let mut tok = NumTok::new(j, num, Style::Arabic, i..j);
    tok.decimals = decimals;
    tok.int_digits = int_digits;
    tok.grouped = grouped;
    Some(tok)
}

/// The integer part of an Arabic number at `i`: where it ends, its value,
/// its digit count and whether it is grouped (`3,000`, `1,234,567`).
#[inline]
fn arabic_integer(b: &[u8], i: usize) -> Option<(usize, i128, usize, bool)> {
    let mut j = i;
    let mut mant: i128 = 0;
    let mut int_digits = 0usize;
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
    (int_digits > 0).then_some((j, mant, int_digits, grouped))
}

/// The multiplier after an Arabic number (`亿`, `千万`; `9万余`: a marker
/// before it), applied to `tok`. `None` when it is no number: a multiplier
/// over 10^16 or not one of the usual ones.
#[inline]
fn arabic_multiplier(s: &str, tok: &mut NumTok) -> Option<()> {
    // 300余, 9万余: a marker before or after the multiplier
    let mut k = tok.end;
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
    // (300余 without a multiplier: the marker sits before the unit)
    if e > 0 {
        tok.scale = scale_name(s.get(scale_start..k)?)?;
        tok.num = tok.num.scaled(e);
        tok.end = k;
        tok.mid = mid;
    }
    Some(())
}

/// The multipliers an Arabic number may carry, as `'static` names.
fn scale_name(scale: &str) -> Option<&'static str> {
    Some(match scale {
        "万" => "万",
        "亿" => "亿",
        "千" => "千",
        "百" => "百",
        "千万" => "千万",
        "百万" => "百万",
        "万亿" => "万亿",
        "十万" => "十万",
        "百亿" => "百亿",
        "千亿" => "千亿",
        _ => return None,
    })
}
