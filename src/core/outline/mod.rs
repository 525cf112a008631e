//! Article structure: what each block is (title, byline, caption, heading,
//! body…) and the section tree built from the headings.
//!
//! Headings follow GB/T 9704-2012: `一、` → `（一）` → `1.` → `（1）`; plus
//! Markdown headings and short standalone subheadings. Bylines, datelines and
//! photo captions are article metadata, never sections.
//!
//! The files: `marker` (numbering markers such as `（一）`), `shape` (what a
//! block says about itself, cached per paragraph), `classify` (the passes
//! over neighbouring blocks), `metadata` (page furniture and the signature of
//! an official document), `sections` (the section tree).

use std::ops::Range;

mod classify;
mod marker;
mod metadata;
mod sections;
mod shape;
#[cfg(test)]
mod tests;

pub use classify::classify_shapes;
pub use marker::parse_marker;
pub use sections::sections;
pub use shape::{is_caption_line, BlockShape};
// what the tests use
#[cfg(test)]
pub use classify::classify;
#[cfg(test)]
pub use marker::han_number;
#[cfg(test)]
pub use metadata::is_date_only;
#[cfg(test)]
pub use shape::is_boilerplate_line;
// (the line tests moved to `core::lines`; these paths keep working)
#[cfg(test)]
pub use crate::core::lines::{is_byline, is_dateline};

/// Numbering style of a numbered heading or list item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum NumStyle {
    /// `一、`
    HanComma,
    /// `（一）` / `(一)`
    HanParen,
    /// `1.` (half-width point)
    ArabicDot,
    /// `1．` (full-width point)
    ArabicFullDot,
    /// `1、`
    ArabicComma,
    /// `（1）` / `(1)`
    ArabicParen,
}

impl NumStyle {
    /// Level in the GB/T 9704 hierarchy (1-based).
    pub fn level(self) -> u8 {
        match self {
            NumStyle::HanComma => 1,
            NumStyle::HanParen => 2,
            NumStyle::ArabicDot | NumStyle::ArabicFullDot | NumStyle::ArabicComma => 3,
            NumStyle::ArabicParen => 4,
        }
    }
}

/// A heading or list number at the start of a block.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Marker {
    /// How it is written.
    pub style: NumStyle,
    /// The number it gives (`（三）` is 3).
    pub number: u32,
    /// Byte range of the marker (`（一）`) in the document.
    pub range: Range<usize>,
}

/// What a block is in the article.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum BlockClass {
    /// The main title; `range` is its text.
    Title,
    /// Kicker (引题) above or subtitle (副题) below the title.
    TitleLine,
    /// Author and reporter line (`□本报记者 王某`).
    Byline,
    /// Date, time and source line (`2023-05-12 07:30 来源：某某日报`).
    Dateline,
    /// Photo caption.
    Caption,
    /// Web or app boilerplate (`大家都在看`).
    Boilerplate,
    /// A heading: level, the title text range (document bytes), and the number marker if any.
    Heading {
        /// 1 for the highest level.
        level: u8,
        /// The heading text (document bytes).
        title: Range<usize>,
        /// The number marker, if any.
        marker: Option<Marker>,
    },
    /// A numbered paragraph that is not a heading (`（1）召开……。`).
    ListItem {
        /// The number marker (none for a Markdown list item).
        marker: Option<Marker>,
    },
    /// Body text.
    Body,
    /// Code, front matter, HTML or suppression comments: never read.
    Code,
    /// A Markdown table row.
    TableRow,
}

impl BlockClass {
    /// Body text, numbered paragraphs included.
    pub fn is_body(&self) -> bool {
        matches!(self, BlockClass::Body | BlockClass::ListItem { .. })
    }

    /// Any heading.
    pub fn is_heading(&self) -> bool {
        matches!(self, BlockClass::Heading { .. })
    }
}

/// A section of the outline.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Section {
    /// The heading text, trimmed (without its number marker).
    pub name: String,
    /// Kicker / subtitle for the title, marker for numbered headings.
    pub detail: Option<String>,
    /// The section of the article's title (it wraps all others).
    pub is_title: bool,
    /// 0 for the title, else the heading level.
    pub level: u8,
    /// From the heading to the end of the section (bytes).
    pub range: Range<usize>,
    /// The heading text (bytes).
    pub selection: Range<usize>,
    /// The sections under this one, in order.
    pub children: Vec<Section>,
}
