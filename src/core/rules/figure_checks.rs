//! Figure checks: invalid dates and weekdays, redundant approximations, mixed
//! numeral styles, range forms (GB/T 15835-2011), and the same labelled
//! quantity given two values in one article.
//!
//! All paragraph checks read the figures the recognizer found once per
//! paragraph (`ParaCtx::figures`); the document check reads the cached
//! per-paragraph figures.

use crate::core::chars::{is_han, FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

use super::{Check, DocCtx, ParaCtx, Rule};
use crate::core::config::Ymd;
use crate::core::data::{self, data_file};
use crate::core::figures::{self, CharBits, DateSpec, Figure, Kind, Sense, Style, Value};
use crate::core::finding::{Finding, Fix, Severity};
use crate::core::outline::BlockClass;

pub const RULES: &[Rule] = &[
    Rule {
        code: "date-invalid",
        family: "数字",
        severity: Severity::Warning,
        default_off: false,
        fixable: true,
        description: "不存在的日期（2月30日、13月、3月32日、非闰年的2月29日），或星期与日期不符（可修正星期）。",
        wrong: "2024年3月5日（星期三）召开大会。",
        right: "2024年3月5日（星期二）召开大会。",
        check: Check::Para(check_dates),
    },
    Rule {
        code: "approx-redundant",
        family: "数字",
        severity: Severity::Warning,
        default_off: false,
        fixable: true,
        description: "一个数字前后重复使用表示约数的词（约……左右、超过……以上、近……余），应删去其一。",
        wrong: "约100人左右参加，增幅超过3%以上。",
        right: "约100人参加，增幅超过3%。",
        check: Check::Para(check_approx),
    },
    Rule {
        code: "numeral-mixed",
        family: "数字",
        severity: Severity::Warning,
        default_off: false,
        fixable: true,
        description: "一个数字中混用汉字数字和阿拉伯数字，或把字母O当作数字0，或用间隔号“·”作小数点（13·4亿美元）。",
        wrong: "二0一八年，2O19年",
        right: "二〇一八年，2019年",
        check: Check::Para(check_mixed),
    },
    Rule {
        code: "range-form",
        family: "数字",
        severity: Severity::Warning,
        default_off: false,
        fixable: true,
        description: "数值范围的写法：百分数范围两端都应带百分号（GB/T 15835-2011），范围号用浪纹线“～”；用一字线“—”（报刊常见）只作信息级提示，可设 style.range_dash = \"allow\" 关闭。",
        wrong: "增幅为10-20%，占比10~20%。",
        right: "增幅为10%～20%，占比10%～20%。",
        check: Check::Para(check_ranges),
    },
    Rule {
        code: "figure-inconsistent",
        family: "数字",
        severity: Severity::Hint,
        default_off: false,
        fixable: false,
        description: "同一篇文章中同一计数对象前后数字不一致（如先说组织了3个督导组，后说4个督导组），请核对。",
        wrong: "会议决定组织3个督导组开展专项督查。\n\n目前，4个督导组已深入一线检查。",
        right: "会议决定组织3个督导组开展专项督查。\n\n目前，3个督导组已深入一线检查。",
        check: Check::Doc(check_inconsistent),
    },
];

// ---------------------------------------------------------------------------
// date-invalid

fn check_dates(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    let from = out.len();
    for f in ctx.figures() {
        let Some((lo, hi)) = f.dates() else { continue };
        check_date(ctx.text, lo, None, out);
        if let Some(h) = hi {
            check_date(ctx.text, h, Some(lo), out);
        }
    }
    impossible_months(ctx, from, out);
}

/// `13月` wherever it is written (`13月工作安排`), when the date reader did
/// not take it for a date: no month has a number above 12. (`13薪`, `13个月`,
/// `18月龄` are not months.)
fn impossible_months(ctx: &ParaCtx, from: usize, out: &mut Vec<Finding>) {
    let s = ctx.text;
    // (the date reader does not take `13月` for a date: read the text)
    for (at, _) in s.match_indices('月') {
        let before = &s[..at];
        let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if !(1..=2).contains(&digits) {
            continue;
        }
        let start = at - digits;
        let Ok(m) = before[start..].parse::<u32>() else {
            continue;
        };
        if m <= 12 {
            continue;
        }
        // part of a longer number or code (`2.13月`, `A13月`), a monthly wage
        // or an age in months (`18月龄`)
        let outer = before[..start].chars().next_back();
        if outer.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/' | '第'))
            || s[at..].starts_with("月薪")
            || s[at..].starts_with("月龄")
        {
            continue;
        }
        let range = start..at + '月'.len_utf8();
        if out[from..]
            .iter()
            .any(|f| f.range.start < range.end && range.start < f.range.end)
        {
            continue;
        }
        out.push(Finding::new(
            "date-invalid",
            range,
            format!("不存在{m}月，月份应为1～12"),
        ));
    }
}

fn check_date(text: &str, d: &DateSpec, lo: Option<&DateSpec>, out: &mut Vec<Finding>) {
    let relative = d.rel.is_some() || (d.year.is_none() && lo.is_some_and(|l| l.rel.is_some()));
    let year = if relative {
        None
    } else {
        d.year.or(lo.and_then(|l| l.year))
    };
    let month = d.month.or(if d.day.is_some() {
        lo.and_then(|l| l.month)
    } else {
        None
    });
    let span = d.span.clone();
    if span.is_empty() || text.get(span.clone()).is_none() {
        return;
    }
    if let Some(m) = d.month {
        if !(1..=12).contains(&m) {
            out.push(Finding::new(
                "date-invalid",
                span,
                format!("不存在{m}月，月份应为1～12"),
            ));
            return;
        }
    }
    if let (Some(m), Some(day)) = (month, d.day) {
        if !figures::valid_date(year, m, day) {
            let msg = match (m, day, year) {
                (_, 0, _) => "不存在0日".to_string(),
                (2, 29, Some(y)) => format!("{y}年不是闰年，2月只有28天，没有29日"),
                _ => format!(
                    "{m}月只有{}天，没有{day}日",
                    figures::days_in_month(year, m)
                ),
            };
            out.push(Finding::new("date-invalid", span, msg));
            return;
        }
    }
    if let (Some(w), Some(y), Some(m), Some(day)) = (&d.weekday, year, month, d.day) {
        let real = figures::weekday(Ymd {
            year: y,
            month: m,
            day,
        });
        if real != w.day {
            let name = figures::weekday_name(real);
            let right = name.chars().last().unwrap_or('日').to_string();
            out.push(
                Finding::new(
                    "date-invalid",
                    span,
                    format!(
                        "{y}年{m}月{day}日是{name}，不是{}",
                        figures::weekday_name(w.day)
                    ),
                )
                .with_fix(Fix::replace(
                    w.range.clone(),
                    right,
                    format!("改为“{name}”"),
                )),
            );
        }
    }
}

// ---------------------------------------------------------------------------
// approx-redundant

fn check_approx(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    // (two markers at least, before any is collected)
    for f in ctx.figures().iter().filter(|f| f.approx.len() >= 2) {
        let mut ms: Vec<_> = f
            .approx
            .iter()
            .filter(|m| !m.word.is_empty() && m.sense != Sense::AtMost)
            .collect();
        if ms.len() < 2 {
            continue;
        }
        ms.sort_by_key(|m| m.range.start);
        let (first, second) = (ms[0], ms[1]);
        out.push(
            Finding::new(
                "approx-redundant",
                f.range.clone(),
                format!(
                    "“{}”与“{}”重复表示约数，应删去“{}”",
                    first.word, second.word, second.word
                ),
            )
            .with_fix(Fix::replace(
                second.range.clone(),
                "",
                format!("删去“{}”", second.word),
            )),
        );
    }
}

// ---------------------------------------------------------------------------
// numeral-mixed

fn to_cn(c: char) -> char {
    match c {
        '0' | '０' | 'O' | 'o' => '〇',
        '1' | '１' => '一',
        '2' | '２' => '二',
        '3' | '３' => '三',
        '4' | '４' => '四',
        '5' | '５' => '五',
        '6' | '６' => '六',
        '7' | '７' => '七',
        '8' | '８' => '八',
        '9' | '９' => '九',
        x => x,
    }
}

fn to_ar(c: char) -> char {
    match c {
        '〇' | '零' | 'O' | 'o' => '0',
        '一' => '1',
        '二' => '2',
        '三' => '3',
        '四' => '4',
        '五' => '5',
        '六' => '6',
        '七' => '7',
        '八' => '8',
        '九' => '9',
        x => x,
    }
}

/// A middle dot standing for a decimal point (`13·4亿美元`, `5·8万`): digits,
/// the dot, digits and a magnitude or unit right after. Dates named with a
/// middle dot (`5·12汶川地震`, `3·15晚会`) have no unit after them.
fn check_dot_decimal(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    let s = ctx.text;
    // the figure reader reads the digits after the dot (`8万` of `5·8万`):
    // only the figures' starts are looked at
    for f in ctx.figures() {
        let Some(before) = s.get(..f.digits.start) else {
            continue;
        };
        if let Some(dot) = before
            .chars()
            .next_back()
            .filter(|c| matches!(c, '·' | '・' | '•'))
        {
            let at = f.digits.start - dot.len_utf8();
            dot_decimal_at(s, at, &s[at..f.digits.start], out);
        }
    }
}

/// The middle dot `dot` at `at` of `s`, if it stands for a decimal point.
fn dot_decimal_at(s: &str, at: usize, dot: &str, out: &mut Vec<Finding>) {
    {
        let before = &s[..at];
        let int = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let after = &s[at + dot.len()..];
        let frac = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if !(1..=4).contains(&int) || !(1..=3).contains(&frac) {
            return;
        }
        let unit = after[frac..].chars().next();
        if !unit.is_some_and(|c| "万亿%％‰倍元吨米亩克".contains(c)) {
            return;
        }
        // not a part of a longer run (`1·2·3`, a version or a code)
        let outer = before[..before.len() - int].chars().next_back();
        if outer.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '·' | '・' | '•' | '.'))
        {
            return;
        }
        let range = at - int..at + dot.len() + frac;
        let right = format!("{}.{}", &before[at - int..], &after[..frac]);
        out.push(
            Finding::new(
                "numeral-mixed",
                range,
                format!("小数点应为“.”，不是间隔号“{dot}”：应为“{right}”"),
            )
            .with_fix(Fix::replace(at..at + dot.len(), ".", "改为小数点“.”")),
        );
    }
}

fn check_mixed(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    check_dot_decimal(ctx, out);
    for f in ctx.figures() {
        if f.style != Style::Mixed {
            continue;
        }
        let Some(run) = ctx.text.get(f.digits.clone()) else {
            continue;
        };
        let cn = run
            .chars()
            .filter(|c| !c.is_ascii() && to_ar(*c) != *c)
            .count();
        let letter_o = run.chars().any(|c| matches!(c, 'O' | 'o'));
        let ar = run.chars().count() - cn;
        let chinese = cn > 0 && (cn > ar || (cn == ar && !run.starts_with(|c: char| c.is_ascii())));
        let fixed: String = if chinese {
            run.chars().map(to_cn).collect()
        } else {
            run.chars().map(to_ar).collect()
        };
        if fixed == run {
            continue;
        }
        let msg = if letter_o && cn == 0 {
            format!("“{run}”中混入了字母O，应为“{fixed}”")
        } else {
            format!("“{run}”混用了汉字数字和阿拉伯数字，应为“{fixed}”")
        };
        out.push(
            Finding::new("numeral-mixed", f.digits.clone(), msg).with_fix(Fix::replace(
                f.digits.clone(),
                fixed.clone(),
                format!("改为“{fixed}”"),
            )),
        );
    }
}

// ---------------------------------------------------------------------------
// range-form

fn check_ranges(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    let s = ctx.text;
    for f in ctx.figures() {
        let (Some(a), Some(conn)) = (f.amount(), f.connector.clone()) else {
            continue;
        };
        if a.hi.is_none() {
            continue;
        }
        let Some(c) = s.get(conn.clone()) else {
            continue;
        };
        let lo_text = s.get(f.digits.start..conn.start).unwrap_or("");
        let hi_text = s.get(conn.end..f.range.end).unwrap_or("");
        // the one-em dash is a 连接号 of GB/T 15834-2011 4.13 and long-standing
        // newsroom practice in ranges: a note (or nothing, when allowed)
        let em_dash = c == "—";
        let allowed_dash = em_dash && ctx.config.allow_range_dash;
        let wrong_mark = matches!(c, "-" | "－" | "~" | "〜" | "—" | "–") && !allowed_dash;
        let percent = f.kind == Kind::Percent && matches!(a.unit, "%" | "‰");
        if percent && !f.lo_unit {
            let mark = if wrong_mark { "～" } else { c };
            let unit = hi_text
                .chars()
                .find(|x| matches!(x, '%' | '％' | '‰'))
                .unwrap_or('%');
            let right = format!("{lo_text}{unit}{mark}{hi_text}");
            out.push(
                Finding::new(
                    "range-form",
                    f.digits.start..f.range.end,
                    format!("百分数范围两端都应带“{unit}”，应为“{right}”"),
                )
                .with_fix(Fix::replace(
                    conn,
                    format!("{unit}{mark}"),
                    format!("改为“{right}”"),
                )),
            );
        } else if wrong_mark && (percent || c == "~" || c == "〜") {
            // dates take 一字线 or 至 (GB/T 15834 4.13.3.2); numbers take 浪纹线
            let right = format!("{lo_text}～{hi_text}");
            let finding = if em_dash {
                Finding::new(
                    "range-form",
                    f.digits.start..f.range.end,
                    format!("GB/T 15834-2011 建议数值范围用浪纹线“～”：“{right}”（一字线是常见的报刊用法，可在配置中设 range_dash = \"allow\"）"),
                )
                .with_severity(Severity::Info)
            } else {
                Finding::new(
                    "range-form",
                    f.digits.start..f.range.end,
                    format!("数值范围应使用浪纹线“～”，应为“{right}”"),
                )
            };
            out.push(finding.with_fix(Fix::replace(conn, "～", "改为“～”")));
        }
    }
}

// ---------------------------------------------------------------------------
// figure-inconsistent

/// Counted nouns too general to be the same thing in two places.
static GENERIC: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| data::entries(data_file!("figure_generic_nouns.txt")).collect());

/// Words in a clause that make a count a part, an increment or a share.
static SCOPE: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| data::entries(data_file!("figure_scope_words.txt")).collect());

/// The first chars of [`SCOPE`].
static SCOPE_FIRST: LazyLock<CharBits> =
    LazyLock::new(|| CharBits::of(SCOPE.iter().filter_map(|w| w.chars().next())));

/// Does a scope word occur in `clause`? One pass over its chars (a scope
/// word can start only at a first char of one), not a substring search
/// per word.
fn has_scope_word(clause: &str) -> bool {
    clause.char_indices().any(|(k, c)| {
        SCOPE_FIRST.contains(c)
            && clause
                .get(k..)
                .is_some_and(|r| SCOPE.iter().any(|w| r.starts_with(w)))
    })
}

fn clause_before(text: &str, at: usize) -> &str {
    let head = text.get(..at).unwrap_or("");
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '，' | '。' | '；' | '！' | '？' | ',' | ';' | '：'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    head.get(start..).unwrap_or("")
}

struct Mention {
    range: std::ops::Range<usize>,
    block: usize,
    value: figures::Num,
    text: String,
    /// The clause before the figure (what the count is of: `汶川地震造成`).
    clause: String,
}

/// Do the clauses before two counts name different subjects? Each has at
/// least two Han characters of its own that the other lacks (`汶川特大地震
/// 造成` / `玉树地震造成`): deaths in two earthquakes, staff of two
/// districts. A count that refers back (`目前，4个督导组…`, `这4个督导组`)
/// has no such subject of its own.
fn different_subjects(a: &str, b: &str) -> bool {
    let own = |x: &str, y: &str| {
        let mut seen: Vec<char> = Vec::new();
        for c in x.chars().filter(|c| is_han(*c) && !y.contains(*c)) {
            if !seen.contains(&c) {
                seen.push(c);
            }
        }
        seen.len()
    };
    own(a, b) >= 2 && own(b, a) >= 2
}

fn check_inconsistent(ctx: &DocCtx, out: &mut Vec<Finding>) {
    let mut seen: HashMap<(&'static str, &str), Mention> = HashMap::default();
    let mut reported: HashSet<(&'static str, &str)> = HashSet::default();
    for (bi, p) in ctx.paras.iter().enumerate() {
        if matches!(ctx.classes.get(bi), Some(BlockClass::Boilerplate)) {
            continue;
        }
        let text = ctx.block_text(bi);
        let base = ctx.block_range(bi).start;
        for f in &p.figures {
            let Some((unit, noun, value)) = labelled(text, f) else {
                continue;
            };
            let key = (unit, noun);
            match seen.get(&key) {
                None => {
                    seen.insert(
                        key,
                        Mention {
                            range: base + f.range.start..base + f.range.end,
                            block: bi,
                            value,
                            text: text.get(f.range.clone()).unwrap_or("").to_string(),
                            clause: clause_before(text, f.range.start).to_string(),
                        },
                    );
                }
                Some(first) => {
                    if first.block == bi || first.value == value || reported.contains(&key) {
                        continue;
                    }
                    if different_subjects(&first.clause, clause_before(text, f.range.start)) {
                        continue;
                    }
                    let this = text.get(f.range.clone()).unwrap_or("");
                    let range = base + f.range.start..base + f.range.end;
                    out.push(
                        Finding::new(
                            "figure-inconsistent",
                            range,
                            format!("“{noun}”前文为“{}”，此处为“{this}”，请核对", first.text),
                        )
                        .with_related(first.range.clone(), format!("前文：{}{noun}", first.text)),
                    );
                    reported.insert(key);
                }
            }
        }
    }
}

/// A plain count with a specific noun after it: (measure word, noun, value).
fn labelled<'t>(text: &'t str, f: &Figure) -> Option<(&'static str, &'t str, figures::Num)> {
    if f.kind != Kind::Count || f.change.is_some() || f.is_approx() || f.style == Style::Mixed {
        return None;
    }
    let Value::Amount(a) = &f.value else {
        return None;
    };
    if a.hi.is_some() {
        return None;
    }
    // `5·8万`: the figure read is only the part after a middle dot
    let mut back = text.get(..f.digits.start)?.chars().rev();
    if back.next().is_some_and(|c| matches!(c, '·' | '・' | '•'))
        && back.next().is_some_and(|c| c.is_ascii_digit())
    {
        return None;
    }
    let noun = text.get(f.noun_after.clone()?)?;
    let n = noun.chars().count();
    if !(2..=8).contains(&n) || GENERIC.contains(&noun) {
        return None;
    }
    let clause = clause_before(text, f.range.start);
    if has_scope_word(clause) {
        return None;
    }
    Some((a.unit, noun, a.lo))
}

#[cfg(test)]
mod tests {
    use crate::core::rules::testutil::{fixed, run_para};
    use crate::core::text::DocKind;

    fn count(code: &str, s: &str) -> usize {
        run_para(code, s, DocKind::Plain).len()
    }

    fn fix(code: &str, s: &str) -> String {
        fixed(s, &run_para(code, s, DocKind::Plain))
    }

    #[test]
    fn invalid_dates_fire() {
        assert_eq!(count("date-invalid", "会议定于2月30日召开。"), 1);
        assert_eq!(count("date-invalid", "活动将持续到13月。"), 1);
        assert_eq!(count("date-invalid", "截至3月32日，共受理申请120件。"), 1);
        assert_eq!(
            count("date-invalid", "2023年2月29日，全区召开动员大会。"),
            1
        );
        assert_eq!(count("date-invalid", "4月31日上午，市委召开常委会议。"), 1);
        assert_eq!(count("date-invalid", "10月19日至32日举办读书班。"), 1);
        let f = run_para(
            "date-invalid",
            "2023年2月29日，全区召开动员大会。",
            DocKind::Plain,
        );
        assert!(f[0].message.contains("不是闰年"), "{}", f[0].message);
    }

    #[test]
    fn wrong_weekday_is_fixed() {
        assert_eq!(
            fix("date-invalid", "2024年3月5日(星期三)召开大会。"),
            "2024年3月5日(星期二)召开大会。"
        );
        assert_eq!(
            fix("date-invalid", "大会于2018年12月18日（周三）上午召开。"),
            "大会于2018年12月18日（周二）上午召开。"
        );
        let f = run_para(
            "date-invalid",
            "2024年3月5日(星期三)召开大会。",
            DocKind::Plain,
        );
        assert_eq!(f[0].message, "2024年3月5日是星期二，不是星期三");
    }

    #[test]
    fn impossible_month_wherever_written() {
        for s in [
            "13月工作安排如下。",
            "二、13月工作安排",
            "预计到15月底完成。",
        ] {
            let f = run_para("date-invalid", s, DocKind::Plain);
            assert_eq!(f.len(), 1, "{s}: {f:?}");
            assert!(f[0].message.starts_with("不存在1"), "{s}");
        }
        // reported once where the date reader already saw it
        assert_eq!(count("date-invalid", "2023年13月5日，全区召开大会。"), 1);
        for s in [
            "全年发放13个月工资。",
            "实行13薪制度。",
            "他的月薪为13000元。",
            "12月工作安排如下。",
            "产品型号A13月底上市。",
            "连续第13月保持增长。",
            "适用于18月龄以上的幼儿。",
        ] {
            assert_eq!(count("date-invalid", s), 0, "{s}");
        }
    }

    #[test]
    fn valid_dates_are_silent() {
        for s in [
            "2024年2月29日，全区召开动员大会。",
            "2月29日是闰日。",
            "2024年3月5日（星期二）召开大会。",
            "2018年12月18日上午，庆祝大会召开。",
            "10月19日至22日举办青年干部培训班。",
            "收到申请之日起30日内作出决定。",
            "为期32日的集中整治行动圆满结束。",
            "8月~10月期间举办3期论坛。",
            "12月中旬至年底，集中开展督查。",
            "第13个月的工资照常发放。",
            "3月5日（星期三）召开会议。",
        ] {
            assert_eq!(count("date-invalid", s), 0, "{s}");
        }
    }

    #[test]
    fn redundant_approximations() {
        assert_eq!(
            fix("approx-redundant", "约100人左右参加了活动。"),
            "约100人参加了活动。"
        );
        assert_eq!(fix("approx-redundant", "增幅超过3%以上。"), "增幅超过3%。");
        assert_eq!(
            fix("approx-redundant", "大约100多人参加。"),
            "大约100人参加。"
        );
        assert_eq!(
            fix("approx-redundant", "近200名左右志愿者到场。"),
            "近200名志愿者到场。"
        );
        assert_eq!(
            fix("approx-redundant", "共有300余个以上党组织参与。"),
            "共有300余个党组织参与。"
        );
        assert_eq!(
            fix("approx-redundant", "大约有50名左右干部参加。"),
            "大约有50名干部参加。"
        );
    }

    #[test]
    fn single_approximations_are_silent() {
        for s in [
            "约100人参加了活动。",
            "全市200余个基层党组织迅速行动。",
            "新增500万元以上招商项目38个。",
            "增长3%以上。",
            "近3年来，累计投入资金5亿元左右。",
            "签约100个项目，节约资金20%左右。",
            "12月20日前后，省委召开座谈会。",
            "不到100人。",
        ] {
            assert_eq!(count("approx-redundant", s), 0, "{s}");
        }
    }

    #[test]
    fn mixed_numerals() {
        assert_eq!(
            fix("numeral-mixed", "二0一八年，全区开展大讨论。"),
            "二〇一八年，全区开展大讨论。"
        );
        assert_eq!(
            fix("numeral-mixed", "2O18年，全区开展大讨论。"),
            "2018年，全区开展大讨论。"
        );
        assert_eq!(fix("numeral-mixed", "201八年5月"), "2018年5月");
        for s in [
            "二〇一八年，全区开展大讨论。",
            "2018年，全区开展大讨论。",
            "利用内资81.73亿元。",
            "发布H2O检测报告。",
            "型号为A2O18的设备。",
        ] {
            assert_eq!(count("numeral-mixed", s), 0, "{s}");
        }
    }

    #[test]
    fn range_forms() {
        assert_eq!(fix("range-form", "增幅为10-20%。"), "增幅为10%～20%。");
        assert_eq!(fix("range-form", "增幅为10~20%。"), "增幅为10%～20%。");
        assert_eq!(fix("range-form", "增幅为10～20%。"), "增幅为10%～20%。");
        assert_eq!(fix("range-form", "增幅为10%-20%。"), "增幅为10%～20%。");
        assert_eq!(fix("range-form", "占比在5%~8%之间。"), "占比在5%～8%之间。");
        assert_eq!(fix("range-form", "每批100~200人。"), "每批100～200人。");
        let f = run_para("range-form", "增幅为10-20%。", DocKind::Plain);
        assert_eq!(f[0].message, "百分数范围两端都应带“%”，应为“10%～20%”");
        for s in [
            "增幅为10%～20%。",
            "增幅为10%至20%。",
            "在8月~10月期间举办3期论坛。",
            "1至9月，全区利用内资81.73亿元。",
            "每批100～200人。",
            "增速为-2.5%。",
            "2023-05-12 07:30 来源：某某日报",
            "联系电话0532-88886666。",
        ] {
            assert_eq!(count("range-form", s), 0, "{s}");
        }
    }

    #[test]
    fn middle_dot_decimal_points() {
        assert_eq!(
            fix("numeral-mixed", "双边贸易额达13·4亿美元。"),
            "双边贸易额达13.4亿美元。"
        );
        assert_eq!(
            fix("numeral-mixed", "全县5·8万农户受益。"),
            "全县5.8万农户受益。"
        );
        assert_eq!(fix("numeral-mixed", "增长2·5%。"), "增长2.5%。");
        let f = run_para("numeral-mixed", "双边贸易额达13·4亿美元。", DocKind::Plain);
        assert_eq!(f[0].message, "小数点应为“.”，不是间隔号“·”：应为“13.4”");
        for s in [
            "5·12汶川特大地震造成重大人员伤亡。",
            "3·15晚会曝光了一批侵权行为。",
            "“7·20”特大暴雨过后，群众生活逐步恢复。",
            "约翰·史密斯出席会议。",
            "双边贸易额达13.4亿美元。",
            "版本号为1·2·3万。",
        ] {
            assert_eq!(count("numeral-mixed", s), 0, "{s}");
        }
    }

    #[test]
    fn counts_of_different_subjects_are_not_compared() {
        let t = "地震灾害回顾\n\n□本报记者 王某\n\n2008年，汶川特大地震造成69227人遇难，给灾区带来巨大损失。\n\n2010年，玉树地震造成2698人遇难，当地群众在废墟上重建家园。\n";
        assert!(doc_findings(t).is_empty(), "{:?}", doc_findings(t));
        // a middle-dot figure is not read as its tail (`5·8万` is not `8万`)
        let t = "区里召开推进会\n\n□本报记者 王某\n\n今年全区组织了8万名志愿者参与活动。\n\n目前，5·8万名志愿者已经完成培训。\n";
        assert!(doc_findings(t).is_empty(), "{:?}", doc_findings(t));
        // the same subject, told twice, is still compared
        let t = "区里召开推进会\n\n□本报记者 王某\n\n会议决定组织3个督导组开展专项督查。\n\n目前，4个督导组已深入一线检查。\n";
        assert_eq!(doc_findings(t).len(), 1);
    }

    #[test]
    fn range_with_one_em_dash_is_a_note_unless_allowed() {
        use crate::core::config::Config;
        use crate::core::rules::testutil::run_para_with;
        let s = "今年以来，全市房价上涨了30%—40%。";
        let f = run_para("range-form", s, DocKind::Plain);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].own_severity, "a note of its own severity");
        assert_eq!(f[0].severity, crate::core::Severity::Info);
        assert_eq!(&s[f[0].range.clone()], "30%—40%");
        assert_eq!(fix("range-form", s), "今年以来，全市房价上涨了30%～40%。");
        // a hyphen or a tilde stays a warning
        let f = run_para("range-form", "上涨了30%-40%。", DocKind::Plain);
        assert!(!f[0].own_severity);
        let allow = Config {
            allow_range_dash: true,
            ..Config::default()
        };
        for s in ["今年以来，全市房价上涨了30%—40%。", "增幅在5‰—8‰之间。"]
        {
            let f = run_para_with("range-form", s, DocKind::Plain, &allow);
            assert!(f.is_empty(), "{s}: {f:?}");
        }
        // allowed, the dash stays where the lower bound lacks its percent sign
        let s = "上涨了30—40%。";
        let f = run_para_with("range-form", s, DocKind::Plain, &allow);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            crate::core::rules::testutil::fixed(s, &f),
            "上涨了30%—40%。"
        );
        assert_eq!(fix("range-form", s), "上涨了30%～40%。");
    }

    fn doc_findings(text: &str) -> Vec<crate::core::Finding> {
        let a = crate::core::analyze(
            text,
            DocKind::Plain,
            std::sync::Arc::new(crate::core::Config::default()),
        );
        a.findings
            .into_iter()
            .filter(|f| f.code == "figure-inconsistent")
            .collect()
    }

    #[test]
    fn inconsistent_figures() {
        let text = "区里召开推进会议8次，组织了3个督导组，强化专项检查。\n\n督导期间，4个督导组深入一线，查找问题。\n";
        let f = doc_findings(text);
        assert_eq!(f.len(), 1);
        assert_eq!(&text[f[0].range.clone()], "4个");
        assert_eq!(f[0].related.len(), 1);
        assert_eq!(&text[f[0].related[0].range.clone()], "3个");
    }

    #[test]
    fn consistent_or_scoped_figures_are_silent() {
        for text in [
            "组织了3个督导组，强化专项检查。\n\n3个督导组深入一线。\n",
            "组织了3个督导组，强化专项检查。\n\n其中2个督导组深入一线。\n",
            "组织了5个专项工作组。\n\n新增2个专项工作组。\n",
            "市里派出5个督导组，区里派出3个督导组。\n",
            "组织了3个督导组。\n\n4个督导组成员深入一线。\n",
            "收集问题清单309条。\n\n梳理出12条问题。\n",
        ] {
            assert!(doc_findings(text).is_empty(), "{text}");
        }
    }
}
