//! What the text at a position refers to: the hover of the analysis core.
//! Figures take precedence over entities (a figure may sit inside a name).

use std::ops::Range;

use super::analyzer::Analysis;
use super::config::Ymd;
use super::entities::{self, EntityIndex};
use super::figures;

/// Hover content for a byte range of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoverInfo {
    pub range: Range<usize>,
    /// Markdown.
    pub markdown: String,
}

/// Document-wide knowledge hovers need, built once per analysed version.
pub struct HoverIndex {
    pub entities: EntityIndex,
    /// The article's own date (dateline, latest full date, or configuration).
    pub article_date: Option<Ymd>,
}

impl HoverIndex {
    pub fn new(analysis: &Analysis, text: &str, config_date: Option<Ymd>) -> HoverIndex {
        let mut entities = analysis.entities();
        entities.fill_lines(text);
        let article_date = figures::article_date_of(article_blocks(analysis, text), config_date);
        HoverIndex {
            entities,
            article_date,
        }
    }
}

/// The blocks of an analysis as [`figures::article_date_of`] reads them.
pub fn article_blocks<'a>(
    analysis: &'a Analysis,
    text: &'a str,
) -> impl Iterator<Item = figures::BlockDates<'a>> {
    analysis
        .paras
        .iter()
        .enumerate()
        .map(move |(k, p)| figures::BlockDates {
            text: analysis
                .blocks
                .get(k)
                .and_then(|b| text.get(b.range.clone())),
            dateline: analysis.classes.get(k) == Some(&super::outline::BlockClass::Dateline),
            figures: &p.figures,
        })
}

/// The hover at byte `offset`, if the text there is a figure or a name.
pub fn hover(
    analysis: &Analysis,
    text: &str,
    index: &HoverIndex,
    offset: usize,
) -> Option<HoverInfo> {
    // the block holding the offset
    let bi = analysis.blocks.partition_point(|b| b.range.end < offset);
    if let (Some(b), Some(p)) = (analysis.blocks.get(bi), analysis.paras.get(bi)) {
        if b.range.start <= offset && offset <= b.range.end {
            let rel = offset - b.range.start;
            let para = text.get(b.range.clone()).unwrap_or("");
            if let Some(f) = p
                .figures
                .iter()
                .find(|f| f.range.start <= rel && rel < f.range.end)
            {
                let noun = figures::counted_noun(para, f);
                return Some(HoverInfo {
                    range: b.range.start + f.range.start..b.range.start + f.range.end,
                    markdown: figures::hover_markdown(f, index.article_date, noun.as_deref()),
                });
            }
        }
    }
    let (range, e) = index.entities.mention_at(offset)?;
    Some(HoverInfo {
        range,
        markdown: entities::hover_markdown(e),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{analyze, Config, DocKind};
    use std::sync::Arc;

    #[test]
    fn figure_before_entity() {
        let text = "2018-11-05 08:00 来源：某某日报\n\n1至9月，某区利用内资81.73亿元，同比增长7.8%。区长王建国表示，将继续努力。\n";
        let a = analyze(text, DocKind::Plain, Arc::new(Config::default()));
        let ix = HoverIndex::new(&a, text, None);
        let at = |needle: &str| hover(&a, text, &ix, text.find(needle).unwrap() + 1);
        let h = at("81.73").expect("figure hover");
        assert_eq!(&text[h.range.clone()], "81.73亿元");
        assert!(h.markdown.contains("8,173,000,000"), "{}", h.markdown);
        let h = at("7.8%").expect("change hover");
        assert!(h.markdown.contains("75.8"), "implied base: {}", h.markdown);
        let h = at("王建国").expect("person hover");
        assert!(
            h.markdown.contains("人物") && h.markdown.contains("区长"),
            "{}",
            h.markdown
        );
        assert!(at("将继续").is_none());
    }
}
