//! People, organizations and places named in a paragraph, with exact byte
//! ranges, and a document-level index of them.
//!
//! jieba's `nr`/`ns`/`nt` tags alone are too noisy for news text (it tags
//! `高新区`, `文明`, `道德` as person names), so a person is only recognized
//! with evidence the text gives reliably: a title right before the name
//! (`宣传部长付荣云`, title chains `市南区常委、宣传部长付荣云`), a byline
//! (`□半岛记者 高晓飞 通讯员 沈明书`), a reporting verb right after it
//! (`付荣云指出`), or a title right after it (`吴庆文书记`). Bare `nr` words
//! are kept as *unconfirmed* mentions that count only when the same name is
//! confirmed somewhere in the document.
//! Organizations come from name endings (`…集团`, `…局`, `…大学`) with a
//! specific name in front, places from a gazetteer, `ns` tags and
//! administrative endings (`斜塘街道`). Aliases stated in parentheses
//! (`红岛经济区(高新区)`) are linked to the full name.
//! All matching runs on the simplified text, so `羅武俠` and `罗武侠` are one name.
//!
//! The files: `data.rs` loads the word lists of `data/`; `tokens.rs` is the
//! recognizer's view of jieba's tokens and the shape of a name;
//! `recognizer.rs` runs the passes of `people.rs`, `places.rs` and `orgs.rs`
//! over a paragraph and settles their overlaps; `index.rs` groups the
//! mentions of a document into entities.

mod data;
mod index;
mod orgs;
mod people;
mod places;
mod recognizer;
mod tokens;

#[cfg(test)]
mod tests;

use std::ops::Range;

use super::chars::is_han;
use super::lines::is_byline;
use super::para::ParaCtx;

pub use data::title_is_shared;
#[cfg(test)]
pub use data::{is_known_place, is_single_surname};
pub use index::{hover_markdown, index, Entity, EntityIndex};
pub use recognizer::recognize;
#[cfg(test)]
pub use tokens::person_shape;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum EntityKind {
    Person,
    Org,
    Place,
}

impl EntityKind {
    /// The type in Chinese: 人物 / 机构 / 地点.
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Person => "人物",
            EntityKind::Org => "机构",
            EntityKind::Place => "地点",
        }
    }
}

/// One mention of an entity in a paragraph (offsets relative to the paragraph).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub range: Range<usize>,
    pub kind: EntityKind,
    /// Canonical name (simplified script; the full name for an alias).
    pub name: Box<str>,
    /// The text as written at `range` (traditional script, alias…).
    pub written: Box<str>,
    /// Titles and roles the text gives here (`市南区常委`, `宣传部长`).
    pub roles: Vec<Box<str>>,
    /// The title written right before the name (`宣传部长`), if any.
    pub title: Option<Box<str>>,
    /// Other names stated for it here (`高新区` for `红岛经济区(高新区)`).
    pub aliases: Vec<Box<str>>,
    /// Backed by evidence in the text. Unconfirmed mentions (a bare `nr`
    /// word) count only when the same name is confirmed elsewhere.
    pub confident: bool,
}

/// Recognize the people, organizations and places mentioned in a paragraph.
pub fn mentions(ctx: &ParaCtx) -> Vec<Mention> {
    // cheap pre-check: no Chinese, no names
    if !ctx.masked.bytes().any(|b| b >= 0xE3) || !ctx.masked.chars().any(is_han) {
        return Vec::new();
    }
    let s = ctx.simplified();
    let toks = ctx.tokens();
    recognize(ctx.text, s, toks)
}
