//! The Markdown hover of a figure: its kind, its value in digits, a date
//! with its resolved year and weekday, the approximation and the implied base.

use super::calendar::{add_days, fmt_ymd, valid_date, weekday, weekday_name};
use super::{Amount, DateSpec, Figure, Kind, Num, Rel, RelUnit, Value};
use crate::core::config::Ymd;

/// A date shown with its resolved year: the year, the rest (`12月18日（星期二）上午`),
/// and whether the year was inferred or a relative word resolved.
pub(super) struct Shown {
    pub(super) year: Option<i32>,
    pub(super) rest: String,
    pub(super) inferred: bool,
    pub(super) rel: bool,
}

pub(super) fn year_part(p: &str) -> bool {
    p.starts_with('年') || p.contains('季') || p.contains("半年")
}

/// Resolve `d` (the upper end of a range inherits from `lo`). `None` when a
/// relative word needs the article date and there is none.
pub(super) fn show_date(
    d: &DateSpec,
    article: Option<Ymd>,
    lo: Option<&DateSpec>,
) -> Option<Shown> {
    let lo_rel = lo
        .and_then(|l| l.rel)
        .filter(|_| d.year.is_none() && d.rel.is_none());
    let rel = d.rel.or(lo_rel);
    let mut when = When {
        year: d.year.or(lo.and_then(|l| l.year)),
        month: d.month,
        day: d.day,
    };
    if when.day.is_some() && when.month.is_none() {
        when.month = lo.and_then(|l| l.month);
    }
    let mut inferred = false;
    match rel {
        Some(r) => when.resolve(r, article?),
        None => {
            if when.year.is_none() && (when.month.is_some() || d.part.is_some()) {
                if let Some(a) = article {
                    when.year = Some(a.year);
                    inferred = true;
                }
            }
        }
    }
    Some(Shown {
        year: when.year,
        rest: shown_rest(d, &when),
        inferred,
        rel: rel.is_some(),
    })
}

/// The year, month and day a date is shown with, each possibly unknown.
struct When {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
}

impl When {
    /// Resolve the relative word `r` against the article date `a`: a year or
    /// month word sets those, a day word (and `本周`, `近日`) the whole date.
    fn resolve(&mut self, r: Rel, a: Ymd) {
        match r.unit {
            RelUnit::Year => self.year = Some(a.year + r.offset),
            RelUnit::Month => {
                let total = a.year * 12 + a.month as i32 - 1 + r.offset;
                self.year = Some(total.div_euclid(12));
                self.month = Some(total.rem_euclid(12) as u32 + 1);
            }
            RelUnit::Day | RelUnit::Now => {
                let x = add_days(a, r.offset as i64);
                (self.year, self.month, self.day) = (Some(x.year), Some(x.month), Some(x.day));
            }
            RelUnit::Week | RelUnit::Recent => {
                (self.year, self.month, self.day) = (Some(a.year), Some(a.month), Some(a.day));
            }
        }
    }
}

/// What follows the year: the part of the year, the month, the day with its
/// weekday, the part of the day and the time (`12月18日（星期二）上午`).
fn shown_rest(d: &DateSpec, when: &When) -> String {
    let mut rest = String::new();
    if let Some(p) = d.part.filter(|p| year_part(p)) {
        if when.year.is_some() {
            rest.push_str(p.strip_prefix('年').unwrap_or(p));
            if p == "年度" {
                rest.push('度');
            }
        } else {
            rest.push_str(p);
        }
    }
    if let Some(m) = when.month {
        rest.push_str(&format!("{m}月"));
    }
    if let Some(p) = d.part.filter(|p| !year_part(p)) {
        rest.push_str(p);
    }
    if let Some(dd) = when.day {
        rest.push_str(&format!("{dd}日"));
        if let (Some(y), Some(m)) = (when.year, when.month) {
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
    rest
}

/// The relative date as written: `去年11月`, `今年上半年`.
pub(super) fn rel_written(d: &DateSpec) -> String {
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

pub(super) fn full(sh: &Shown) -> String {
    match sh.year {
        Some(y) => format!("{y}年{}", sh.rest),
        None => sh.rest.clone(),
    }
}

pub(super) fn fmt_dates(lo: &DateSpec, hi: Option<&DateSpec>, article: Option<Ymd>) -> String {
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

pub(super) fn fmt_amount_value(a: &Amount, v: Num) -> String {
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
