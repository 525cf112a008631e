//! The scanner: one pass over a paragraph that wakes up at numerals and
//! trigger chars and builds the figures (amounts with units, ranges, dates,
//! change figures without a number).

use super::dates::{connector_at, read_date, NumAt, DAYPARTS};
use super::lists::words_of;
use super::markers::{VERBS_DOWN, VERBS_UP};
use super::nouns::noun_after;
use super::numbers::{
    ar_digit, cn_big, cn_digit, is_ascii_word, is_cn_num, read_number, scale_exp, NumTok,
};
use super::probe::{at, at_any, before, before_any, ch_at, ch_before, CharBits};
use super::relative::relative_at;
use super::units::{in_stop_phrase, unit_at, Cat, UnitDef};
use super::{
    Amount, Change, DateSpec, Figure, Kind, Marker, Num, Rel, RelUnit, Sense, Style, Value,
};
use crate::core::chars::is_han;
use crate::core::data::data_file;
use std::ops::Range;
use std::sync::LazyLock;

pub(super) struct Scanner<'a> {
    pub(super) s: &'a str,
    pub(super) out: Vec<Figure>,
    /// End of the last figure: backward extensions stop here.
    pub(super) floor: usize,
}

/// What happened at a trigger char.
// A step lives only from a recognizer's return to the push into `out`, and
// a boxed figure would cost an allocation per figure.
#[allow(clippy::large_enum_variant)]
pub(super) enum Step {
    Emit(Figure),
    Skip(usize),
    Nothing,
}

/// Is `c` a non-ASCII char the scanner acts on: a quote, a numeral, a minus
/// sign or the first char of a relative date or a change?
pub(super) fn is_scan_char(c: char) -> bool {
    !c.is_ascii()
        && (matches!(c, '“' | '「' | '『' | '”' | '」' | '』' | '－')
            || ar_digit(c).is_some()
            || is_cn_num(c)
            || is_trigger(c))
}

/// [`is_scan_char`] as a table (every scan char is a three-byte char: a
/// test checks it).
pub(super) static SCAN3: LazyLock<CharBits> = LazyLock::new(|| {
    CharBits::of(
        (0x800u32..0x1_0000)
            .filter_map(char::from_u32)
            .filter(|&c| is_scan_char(c)),
    )
});

/// Words before a day count that make it a duration (`为期15日`), from
/// `data/figure_day_durations.txt`.
pub(super) static DAY_DURATION_BEFORE: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words_of(data_file!("figure_day_durations.txt"), "before"));
/// Words after a day count that make it a duration (`30日内`).
pub(super) static DAY_DURATION_AFTER: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words_of(data_file!("figure_day_durations.txt"), "after"));

pub(super) fn is_trigger(c: char) -> bool {
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
pub(super) fn skip_plain(bytes: &[u8], from: usize, scan3: &CharBits) -> usize {
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
    pub(super) fn run(&mut self) {
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

    pub(super) fn trigger_at(&mut self, i: usize, c: char) -> Step {
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
                let verb = at_any(s, j, &VERBS_UP)
                    .map(|v| (v, true))
                    .or_else(|| at_any(s, j, &VERBS_DOWN).map(|v| (v, false)))
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
    pub(super) fn skip_run(&self, i: usize) -> Step {
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

    pub(super) fn number_at(&mut self, i: usize, c: char, quoted: bool) -> Step {
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
    pub(super) fn bare_scale_money(&mut self, i: usize) -> Option<Figure> {
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
    pub(super) fn percent_words(&mut self, i: usize) -> Option<Figure> {
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

    pub(super) fn figure_at(&mut self, i: usize, quoted: bool) -> Option<Figure> {
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
            Some((def, uend)) => self.unit_figure(i, &t, def, uend, quoted)?,
            None => {
                if let Some(fig) = self.inner_range(i, &t, quoted) {
                    return Some(fig);
                }
                bare_number(s, i, &t, quoted)?
            }
        };
        self.finish(&mut fig);
        Some(fig)
    }

    /// A number with its unit (`81.73亿元`), or an outer range with units
    /// on both ends (`10%～20%`, `100人至200人`); not yet finished.
    fn unit_figure(
        &self,
        i: usize,
        t: &NumTok,
        def: &'static UnitDef,
        uend: usize,
        quoted: bool,
    ) -> Option<Figure> {
        let s = self.s;
        let chinese = t.style == Style::Chinese;
        if chinese && quoted && matches!(def.cat, Cat::Count | Cat::Duration | Cat::Age) {
            return None;
        }
        let mut fig = amount_figure(i..uend, t, def, t.num, t.pair_hi);
        // an outer range with units on both ends: 10%～20%, 100人至200人
        if t.pair_hi.is_none() {
            if let Some(c) = connector_at(s, uend) {
                if let Some(t2) = read_number(s, c.end) {
                    let mut u2 = t2.end;
                    if t2.style == Style::Arabic && at(s, u2, " ") {
                        u2 += 1;
                    }
                    if let Some((def2, uend2)) = unit_at(s, u2, t2.style == Style::Chinese) {
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
        Some(fig)
    }

    /// An inner range with one unit at its end (`10～20%`, `3至5年`,
    /// `10-20%`), finished.
    fn inner_range(&mut self, i: usize, t: &NumTok, quoted: bool) -> Option<Figure> {
        let s = self.s;
        let chinese = t.style == Style::Chinese;
        // an inner range: 10～20%, 3至5年, 10-20%
        if let Some(c) = connector_at(s, t.end).filter(|_| t.mid.is_none() && t.pair_hi.is_none()) {
            if let Some(t2) = read_number(s, c.end) {
                let mut u2 = t2.end;
                if t2.style == Style::Arabic && at(s, u2, " ") {
                    u2 += 1;
                }
                let same_script = (t.style == Style::Chinese) == (t2.style == Style::Chinese);
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
        None
    }

    pub(super) fn finish(&mut self, fig: &mut Figure) {
        self.post_markers(fig);
        self.pre_markers(fig);
        self.change_words(fig);
        if fig.kind == Kind::Count && fig.amount().is_some_and(|a| a.unit != "周年") {
            fig.noun_after = noun_after(self.s, fig.range.end);
        }
    }

    /// Dates, times and durations written with 年/月/日.
    pub(super) fn date_at(&mut self, i: usize, t: &NumTok, quoted: bool) -> Option<Figure> {
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
            let range = hi.is_some();
            if let Some(duration) = self.day_duration(i, t, end, d.day.unwrap_or(0), range, quoted)
            {
                return duration;
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
            if let Some(p) = before_any(s, fig.range.start, &DAYPARTS) {
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

    /// A day count alone (`17日`, read as a date up to `end`) that is a
    /// duration in days instead (`30日内`, `为期15日`, `32日`): `Some` with
    /// the figure, or `Some(None)` when it is neither; `None` for a date.
    fn day_duration(
        &mut self,
        i: usize,
        t: &NumTok,
        end: usize,
        dd: u32,
        range: bool,
        quoted: bool,
    ) -> Option<Option<Figure>> {
        let s = self.s;
        let dur_before = before_any(s, i, &DAY_DURATION_BEFORE).is_some();
        let dur_after = at_any(s, end, &DAY_DURATION_AFTER).is_some();
        let duration = dur_before
            || dur_after
            || dd > 31
            || dd == 0
            || t.single_yi
            || (t.style == Style::Chinese && !range);
        if !duration {
            return None;
        }
        if t.single_yi || (t.style == Style::Chinese && quoted) {
            return Some(None);
        }
        let def = UnitDef {
            text: "日",
            unit: "日",
            cat: Cat::Duration,
            arabic_only: false,
        };
        let mut fig = amount_figure(i..t.end + 3, t, &def, t.num, None);
        self.finish(&mut fig);
        Some(Some(fig))
    }

    /// `10月19日至22日`, `8月~10月`, `12月中旬至年底`, `2018年至今`.
    pub(super) fn extend_date_range(&mut self, fig: &mut Figure) {
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
}

/// A bare number without a unit: only with a multiplier or grouped digits
/// (`3亿`, `12,345`), or a long Chinese numeral; not yet finished.
fn bare_number(s: &str, i: usize, t: &NumTok, quoted: bool) -> Option<Figure> {
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
    Some(Figure {
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
    })
}

pub(super) fn amount_figure(
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

pub(super) fn date_figure(
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
