//! Words around a figure: approximation markers before it (`约` `近`
//! `超过`) and after it (`左右` `以上`), and the change words before it
//! (`同比增长`, `下降了`).

use super::lists::{sense_named, words_of};
use super::probe::{at, before, before_any, ch_at, ch_before, CharBits};
use super::scan::Scanner;
use super::{Change, Figure, Kind, Marker, Sense};
use crate::core::chars::is_han;
use crate::core::data::{self, data_file};
use std::sync::LazyLock;

/// An approximation marker before a figure and what it says of it.
pub(super) struct PreMarker {
    pub(super) word: &'static str,
    pub(super) sense: Sense,
}

/// The markers before a figure (`data/figure_approx_markers.txt`), in file
/// order (the first match wins: `不超过` before `超过`).
pub(super) static PRE_MARKERS: LazyLock<Vec<PreMarker>> = LazyLock::new(|| {
    approx_markers("before")
        .map(|(word, sense)| PreMarker { word, sense })
        .collect()
});

/// The approximation markers on one side of a figure, with their senses.
fn approx_markers(side: &'static str) -> impl Iterator<Item = (&'static str, Sense)> {
    data::lines(data_file!("figure_approx_markers.txt")).filter_map(move |f| match f[..] {
        [word, s, sense] if s == side => Some((word, sense_named(sense)?)),
        _ => None,
    })
}

/// Words ending in 约/近/超 that are no approximation (`签约100个项目`).
pub(super) fn pre_marker_ok(s: &str, start: usize, word: &str) -> bool {
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

/// The markers after a figure (`左右`, `以上`), in file order.
pub(super) static POST_MARKERS: LazyLock<Vec<(&'static str, Sense)>> =
    LazyLock::new(|| approx_markers("after").collect());

pub(super) fn post_marker_ok(s: &str, end: usize, word: &str) -> bool {
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

/// The bases of a change (`比上年同期`, `同比`), from
/// `data/figure_change_words.txt`; the first match wins.
pub(super) static BASES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words_of(data_file!("figure_change_words.txt"), "basis"));
/// The verbs of a rise (`增长`, `增幅为`).
pub(super) static VERBS_UP: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words_of(data_file!("figure_change_words.txt"), "up"));
/// The verbs of a fall (`下降`, `收窄`).
pub(super) static VERBS_DOWN: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words_of(data_file!("figure_change_words.txt"), "down"));
/// One-char verbs of a rise (`增`): only after a basis.
pub(super) static SHORT_UP: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words_of(data_file!("figure_change_words.txt"), "short-up"));
/// One-char verbs of a fall (`降`): only after a basis.
pub(super) static SHORT_DOWN: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words_of(data_file!("figure_change_words.txt"), "short-down"));

/// The last chars of the change verbs.
pub(super) static VERB_ENDS: LazyLock<CharBits> = LazyLock::new(|| {
    let verbs = [&*VERBS_UP, &*VERBS_DOWN, &*SHORT_UP, &*SHORT_DOWN];
    CharBits::of(
        verbs
            .iter()
            .flat_map(|v| v.iter().filter_map(|w| w.chars().last())),
    )
});

/// A change verb (and its basis) ending at `end`: `同比增长`, `下降了`.
pub(super) fn change_before(s: &str, end: usize, floor: usize) -> Option<(usize, Change)> {
    let mut j = end;
    if before(s, j, "了") {
        j -= "了".len();
    }
    // (most figures have none: first the last char of a verb)
    if !ch_before(s, j).is_some_and(|c| VERB_ENDS.contains(c)) {
        return None;
    }
    let (verb, up) = if let Some(v) = before_any(s, j, &VERBS_UP) {
        (v, true)
    } else if let Some(v) = before_any(s, j, &VERBS_DOWN) {
        (v, false)
    } else if let Some(v) = before_any(s, j, &SHORT_UP) {
        (v, true)
    } else if let Some(v) = before_any(s, j, &SHORT_DOWN) {
        (v, false)
    } else {
        return None;
    };
    let short = verb.chars().count() == 1;
    let vstart = j - verb.len();
    if vstart < floor {
        return None;
    }
    let basis = before_any(s, vstart, &BASES).filter(|b| vstart - b.len() >= floor);
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

impl Scanner<'_> {
    pub(super) fn post_markers(&mut self, fig: &mut Figure) {
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
        for &(w, sense) in POST_MARKERS.iter() {
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

    pub(super) fn pre_markers(&mut self, fig: &mut Figure) {
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

    pub(super) fn change_words(&mut self, fig: &mut Figure) {
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
