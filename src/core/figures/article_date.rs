//! The article's own date: the configured one, the date in a dateline,
//! or the latest full date in the text. Relative dates (`去年`, `昨天`) in
//! the hovers are resolved against it.

#[cfg(test)]
use super::parse;
use super::{DateSpec, Figure};
use crate::core::config::Ymd;

/// The article's date: `config_date` if given; else the date in a dateline
/// (`2023-05-12 07:30 来源：某某日报`); else the latest explicit full date in
/// the text (`2018年12月18日`).
#[cfg(test)]
pub fn article_date(doc_text: &str, config_date: Option<Ymd>) -> Option<Ymd> {
    if config_date.is_some() {
        return config_date;
    }
    let mut latest: Option<Ymd> = None;
    for line in doc_text.lines() {
        let figs = parse(line);
        if crate::core::lines::is_dateline(line) {
            if let Some(d) = figs
                .iter()
                .find_map(|f| f.dates().and_then(|(lo, _)| lo.full_date()))
            {
                return Some(d);
            }
        }
        latest = latest.max(latest_full_date(&figs));
    }
    latest
}

/// One block of an analysed document, as [`article_date_of`] needs it.
pub struct BlockDates<'a> {
    /// The block's text (`None` if the block is missing).
    pub text: Option<&'a str>,
    /// Did the outline class the block as a dateline?
    pub dateline: bool,
    /// The figures of the block (cached per paragraph by the analyzer).
    pub figures: &'a [Figure],
}

/// Like [`article_date`], from the blocks of an analysis (no re-parsing: the
/// figures are cached per paragraph).
pub fn article_date_of<'a>(
    blocks: impl IntoIterator<Item = BlockDates<'a>>,
    config_date: Option<Ymd>,
) -> Option<Ymd> {
    if config_date.is_some() {
        return config_date;
    }
    let mut latest = None;
    for b in blocks {
        let is_dl = b.dateline || b.text.is_some_and(crate::core::lines::is_dateline);
        if is_dl {
            if let Some(d) = b
                .figures
                .iter()
                .find_map(|f| f.dates().and_then(|(lo, _)| lo.full_date()))
            {
                return Some(d);
            }
        }
        latest = latest.max(latest_full_date(b.figures));
    }
    latest
}

pub(super) fn latest_full_date(figs: &[Figure]) -> Option<Ymd> {
    figs.iter()
        .filter_map(|f| f.dates())
        .flat_map(|(lo, hi)| [lo.full_date(), hi.and_then(DateSpec::full_date)])
        .flatten()
        .max()
}
