//! Relative dates: `去年`, `上月`, `昨天`, `近日`, with what follows them
//! (`去年11月`, `今年上半年`, `上月18日`).

use super::dates::{part_ok, read_date, NumAt, MONTH_PARTS};
use super::lists::rel_unit_named;
use super::numbers::read_number;
use super::probe::{at, at_any, ch_at, ch_before};
use super::{DateSpec, Rel, RelUnit};
use crate::core::chars::is_han;
use crate::core::data::{self, data_file};
use std::sync::LazyLock;

/// A relative date word: what it counts and how many from the article date.
pub(super) struct RelWord {
    pub(super) word: &'static str,
    pub(super) unit: RelUnit,
    pub(super) offset: i32,
}

/// The relative words of `data/figure_relative_words.txt`, in file order
/// (the first match wins).
pub(super) static REL_WORDS: LazyLock<Vec<RelWord>> = LazyLock::new(|| {
    data::lines(data_file!("figure_relative_words.txt"))
        .filter_map(|f| match f[..] {
            [word, unit, offset] => Some(RelWord {
                word,
                unit: rel_unit_named(unit)?,
                offset: offset.parse().ok()?,
            }),
            _ => None,
        })
        .collect()
});

/// Can `c` start a word of [`REL_WORDS`]? (A test checks that every word
/// passes.)
pub(super) fn may_start_rel_word(c: char) -> bool {
    matches!(
        c,
        '去' | '今' | '明' | '前' | '上' | '本' | '下' | '昨' | '近' | '日' | '年'
    )
}

/// Can `c` be the second char of a word of [`REL_WORDS`]? (A test checks
/// that every word passes.)
pub(super) fn may_be_second_of_rel_word(c: char) -> bool {
    matches!(
        c,
        '年' | '月' | '周' | '天' | '日' | '前' | '初' | '底' | '末'
    )
}

/// Is `word` (ending at `end`, between `prev` and `next`) a relative date
/// here, not part of another word (`最近日`, `生日前`, `今天的`)?
fn rel_word_ok(s: &str, word: &str, end: usize, prev: Option<char>, next: Option<char>) -> bool {
    match word {
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
    }
}

/// A relative date at `i` (`去年11月`, `上月18日`, `近日`) with what follows
/// it, and the inner range end if any (`今年1至9月`), and its end offset.
pub(super) fn relative_at(
    s: &str,
    i: usize,
    floor: usize,
) -> Option<(DateSpec, Option<DateSpec>, usize)> {
    // cheap dispatch on the first chars before comparing words
    let first = ch_at(s, i)?;
    if !may_start_rel_word(first) {
        return None;
    }
    let second = ch_at(s, i + first.len_utf8())?;
    if !may_be_second_of_rel_word(second) {
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
    let ok = rel_word_ok(s, w.word, end, prev, next);
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
            if let Some(p) = at_any(s, j, &MONTH_PARTS) {
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
