//! Blocks that are metadata or page furniture, found among their
//! neighbours: app banners and lists of related headlines, and the signature
//! (issuing office and date) at the end of an official document.

use super::classify::Doc;
use super::shape::is_caption_line;
use super::BlockClass;
use crate::core::boilerplate;
use crate::core::text::BlockKind;

/// A date standing alone on its line: `2024年3月5日`, `二〇二四年三月五日`.
pub fn is_date_only(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let Some((y, rest)) = t.split_once('年') else {
        return false;
    };
    let Some((m, rest)) = rest.split_once('月') else {
        return false;
    };
    let Some(d) = rest.strip_suffix('日') else {
        return false;
    };
    let arabic = |x: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&x.len()) && x.bytes().all(|b| b.is_ascii_digit())
    };
    let han = |x: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&x.chars().count()) && x.chars().all(|c| "〇零一二三四五六七八九十".contains(c))
    };
    (arabic(y, 4..=4) && arabic(m, 1..=2) && arabic(d, 1..=2))
        || (han(y, 4..=4) && han(m, 1..=3) && han(d, 1..=3))
}

/// The signature of an official document (落款, GB/T 9704-2012 §7.3.5): the
/// issuing office on one or a few short lines, then the date alone, at the
/// end. Metadata (a byline and a dateline), not a heading.
pub(super) fn mark_signature(d: &Doc, out: &mut [BlockClass]) {
    let (blocks, shapes) = (d.blocks, d.shapes);
    let body_text = |i: usize| d.body_text(i);
    // the last block with text
    let Some(last) = (0..blocks.len())
        .rev()
        .find(|&i| !matches!(out[i], BlockClass::Code | BlockClass::Boilerplate))
    else {
        return;
    };
    if !matches!(out[last], BlockClass::Body | BlockClass::Caption)
        || !is_date_only(body_text(last))
    {
        return;
    }
    // (short lines in a row read as captions until here)
    let office = |i: usize| {
        matches!(out[i], BlockClass::Body | BlockClass::Caption)
            && !is_caption_line(body_text(i))
            && blocks[i].kind == BlockKind::Para
            && !shapes[i].ends_sentence
            && shapes[i].has_han
            && !shapes[i].multiline
            && (2..=30).contains(&shapes[i].nchars)
            && !body_text(i).contains(['，', '。', '；', ',', ';'])
    };
    let mut first = last;
    while first > 0 && last - first < 3 && office(first - 1) {
        first -= 1;
    }
    if first == last {
        return;
    }
    for c in &mut out[first..last] {
        *c = BlockClass::Byline;
    }
    out[last] = BlockClass::Dateline;
}

/// App banners (`青岛新闻APP` + `打开`) and lists of related headlines with
/// time stamps (3 or more, at the end of the article or under a widget title
/// such as `相关新闻`) are page furniture too.
pub(super) fn mark_page_furniture(d: &Doc, out: &mut [BlockClass]) {
    let (blocks, shapes) = (d.blocks, d.shapes);
    let body_text = |i: usize| d.body_text(i);
    let n = blocks.len();
    let text_ok = |i: usize| matches!(blocks[i].kind, BlockKind::Para | BlockKind::ListItem);
    for i in 0..n.saturating_sub(1) {
        if text_ok(i)
            && !matches!(out[i], BlockClass::Boilerplate)
            && shapes[i].app_banner
            && matches!(out[i + 1], BlockClass::Boilerplate)
            && {
                let next = body_text(i + 1)
                    .trim()
                    .trim_start_matches(['立', '即', '点', '击']);
                next.starts_with("打开") || next.starts_with("下载")
            }
        {
            out[i] = BlockClass::Boilerplate;
        }
    }
    // a related-news item: a headline with its time on one line, or over
    // its `date source` line (in one block, or as two); `weight` counts the
    // items (a two-block item once)
    let mut headline: Vec<bool> = (0..n)
        .map(|i| text_ok(i) && shapes[i].headline_with_time)
        .collect();
    let mut weight: Vec<usize> = headline.iter().map(|&h| usize::from(h)).collect();
    for i in 0..n {
        if !text_ok(i) || headline[i] || !shapes[i].has_han {
            continue;
        }
        let t = body_text(i);
        if shapes[i].multiline {
            if boilerplate::is_headline_over_source(t) {
                headline[i] = true;
                weight[i] = 1;
            }
        } else if i + 1 < n
            && text_ok(i + 1)
            && !headline[i + 1]
            && boilerplate::is_dated_source_line(body_text(i + 1))
            && boilerplate::is_headline_shape(t)
        {
            headline[i] = true;
            headline[i + 1] = true;
            weight[i + 1] = 1;
        }
    }
    let mut i = 0;
    while i < n {
        if !(headline[i] || matches!(out[i], BlockClass::Boilerplate)) {
            i += 1;
            continue;
        }
        // a group of headline and boilerplate lines
        let start = i;
        while i < n && (headline[i] || matches!(out[i], BlockClass::Boilerplate)) {
            i += 1;
        }
        let group = start..i;
        let count: usize = group.clone().map(|k| weight[k]).sum();
        let titled = group
            .clone()
            .take_while(|&k| !headline[k])
            .any(|k| matches!(out[k], BlockClass::Boilerplate));
        if count >= 3 && (titled || i == n) {
            for k in group {
                if headline[k] {
                    out[k] = BlockClass::Boilerplate;
                }
            }
        }
    }
}
