//! What the text at a position refers to: the hover of the analysis core.
//! Figures take precedence over entities (a figure may sit inside a name).

use std::ops::Range;

use super::analyzer::Analysis;
use super::entities::{self, EntityIndex};

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
}

impl HoverIndex {
    pub fn new(analysis: &Analysis, text: &str) -> HoverIndex {
        let mut entities = analysis.entities();
        entities.fill_lines(text);
        HoverIndex { entities }
    }
}

/// The hover at byte `offset`, if the text there is a figure or a name.
pub fn hover(_analysis: &Analysis, index: &HoverIndex, offset: usize) -> Option<HoverInfo> {
    let (range, e) = index.entities.mention_at(offset)?;
    Some(HoverInfo {
        range,
        markdown: entities::hover_markdown(e),
    })
}
