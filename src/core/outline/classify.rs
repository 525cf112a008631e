//! Classifying blocks among their neighbours: the header zone (title,
//! kicker, subtitle), photo captions and standalone subheadings, on top of
//! what each block says about itself ([`BlockShape`]).

use super::metadata::{mark_page_furniture, mark_signature};
use super::shape::{trim_range, BlockShape};
use super::{BlockClass, Marker};
use crate::core::broken;
use crate::core::text::{Block, BlockKind, DocKind};

/// A first-pass class with relative ranges, moved to the block's offset `by`.
fn shift_class(c: &BlockClass, by: usize) -> BlockClass {
    let sm = |m: &Option<Marker>| {
        m.as_ref().map(|m| Marker {
            style: m.style,
            number: m.number,
            range: m.range.start + by..m.range.end + by,
        })
    };
    match c {
        BlockClass::Heading {
            level,
            title,
            marker,
        } => BlockClass::Heading {
            level: *level,
            title: title.start + by..title.end + by,
            marker: sm(marker),
        },
        BlockClass::ListItem { marker } => BlockClass::ListItem { marker: sm(marker) },
        other => other.clone(),
    }
}

/// Classify every block (computing each block's shape afresh).
#[cfg(test)]
pub fn classify(text: &str, blocks: &[Block], kind: DocKind) -> Vec<BlockClass> {
    let shapes: Vec<BlockShape> = blocks
        .iter()
        .map(|b| BlockShape::of(&text[b.range.clone()], b))
        .collect();
    let refs: Vec<&BlockShape> = shapes.iter().collect();
    classify_shapes(text, blocks, kind, &refs)
}

/// The blocks being classified, with their text and cached shapes.
pub(super) struct Doc<'a> {
    pub(super) text: &'a str,
    pub(super) blocks: &'a [Block],
    pub(super) shapes: &'a [&'a BlockShape],
}

impl<'a> Doc<'a> {
    /// The number of blocks.
    pub(super) fn len(&self) -> usize {
        self.blocks.len()
    }

    /// The text of block `i` after its markup prefix.
    pub(super) fn body_text(&self, i: usize) -> &'a str {
        let b = &self.blocks[i];
        &self.text[(b.range.start + b.prefix).min(b.range.end)..b.range.end]
    }

    /// Does block `i` end a sentence?
    fn ends(&self, i: usize) -> bool {
        self.shapes[i].ends_sentence
    }

    /// The chars of block `i`'s text.
    fn nch(&self, i: usize) -> usize {
        self.shapes[i].nchars
    }
}

/// Classify every block from their cached shapes; only the neighbour rules
/// run here (and jieba only on the few candidate junctions).
pub fn classify_shapes(
    text: &str,
    blocks: &[Block],
    kind: DocKind,
    shapes: &[&BlockShape],
) -> Vec<BlockClass> {
    let n = blocks.len().min(shapes.len());
    let blocks = &blocks[..n];
    let d = Doc {
        text,
        blocks,
        shapes,
    };
    let has_md_heading = blocks
        .iter()
        .any(|b| matches!(b.kind, BlockKind::MdHeading(_)));

    // first pass: what each block says about itself (cached)
    let mut out: Vec<BlockClass> = blocks
        .iter()
        .zip(shapes)
        .map(|(b, s)| match b.continues {
            // a window of a very long paragraph: body text, whatever it starts with
            true => BlockClass::Body,
            false => shift_class(&s.own, b.range.start),
        })
        .collect();

    mark_page_furniture(&d, &mut out);
    if kind == DocKind::Plain || !has_md_heading {
        mark_header_zone(&d, &mut out);
    }
    mark_captions(&d, &mut out);
    mark_signature(&d, &mut out);
    mark_subheadings(&d, &mut out);
    out
}

/// The header zone: leading plain blocks before the first body paragraph or
/// byline are the title and its kicker or subtitle.
fn mark_header_zone(d: &Doc, out: &mut [BlockClass]) {
    let mut zone = Vec::new();
    for (i, c) in out.iter().enumerate() {
        // leading front matter or suppression comments do not end the zone
        if zone.is_empty() && matches!(c, BlockClass::Code) {
            continue;
        }
        // an app banner or share bar above the title
        if zone.is_empty() && matches!(c, BlockClass::Boilerplate) {
            continue;
        }
        if matches!(c, BlockClass::Body)
            && d.blocks[i].kind == BlockKind::Para
            && !d.ends(i)
            && d.nch(i) <= 60
        {
            zone.push(i);
            if zone.len() == 4 {
                break;
            }
            continue;
        }
        break;
    }
    // a zone of one line directly followed by body text is a title only if
    // the next block is metadata or body; a lone first line counts.
    match zone.len() {
        0 => {}
        1 => out[zone[0]] = BlockClass::Title,
        2 => {
            if d.shapes[zone[1]].starts_dash {
                out[zone[0]] = BlockClass::Title;
                out[zone[1]] = BlockClass::TitleLine;
            } else {
                out[zone[0]] = BlockClass::TitleLine;
                out[zone[1]] = BlockClass::Title;
            }
        }
        _ => {
            for &z in &zone {
                out[z] = BlockClass::TitleLine;
            }
            out[zone[1]] = BlockClass::Title;
        }
    }
}

/// Captions: runs of short lines without commas between body paragraphs,
/// or right after a paragraph that breaks off mid-sentence.
fn mark_captions(d: &Doc, out: &mut [BlockClass]) {
    let n = d.len();
    let shapes = d.shapes;
    for i in 0..n {
        if !matches!(out[i], BlockClass::Body) {
            continue;
        }
        if !shapes[i].caption_shape {
            continue;
        }
        let t = d.body_text(i);
        let prev = prev_content(out, i);
        let prev_broken = prev.is_some_and(|p| {
            matches!(out[p], BlockClass::Body) && !d.ends(p) && d.nch(p) > 10
                || matches!(out[p], BlockClass::Caption)
        });
        let next_is_caption_like = (i + 1 < n)
            && matches!(out[i + 1], BlockClass::Body | BlockClass::Caption)
            && shapes[i + 1].caption_shape;
        // the rest of a word split by the line break (`问题在第` / `一时间解决。`),
        // or a lone line that completes an open sentence, continues the
        // paragraph; it is not a caption
        if prev.is_some_and(|p| {
            matches!(out[p], BlockClass::Body)
                && !d.ends(p)
                && (broken::split_word(d.body_text(p), t)
                    || !next_is_caption_like && broken::runs_on(d.body_text(p), t))
        }) {
            continue;
        }
        let prev_is_caption = i > 0 && matches!(out[i - 1], BlockClass::Caption);
        if prev_broken
            || (next_is_caption_like
                && (prev_is_caption
                    || i > 0 && shapes[i - 1].caption_shape
                    || next_is_run(shapes, out, i)))
            || prev_is_caption && next_is_caption_like
        {
            out[i] = BlockClass::Caption;
        }
    }
}

/// Standalone subheadings: short, no sentence-final punctuation, followed by
/// body text.
fn mark_subheadings(d: &Doc, out: &mut [BlockClass]) {
    let n = d.len();
    let mut group_heading_seen = false;
    for i in 0..n {
        if !matches!(out[i], BlockClass::Body) || d.blocks[i].kind != BlockKind::Para {
            continue;
        }
        let s = d.shapes[i];
        if s.ends_sentence || s.nchars > 30 || s.nchars < 2 || s.multiline || !s.has_han {
            continue;
        }
        let t = d.body_text(i);
        // next content block, skipping captions
        let mut j = i + 1;
        while j < n && matches!(out[j], BlockClass::Caption | BlockClass::Code) {
            j += 1;
        }
        if j >= n {
            continue;
        }
        let next_is_sub =
            matches!(out[j], BlockClass::Body) && !d.ends(j) && d.nch(j) <= 30 && j + 1 < n;
        let next_ok = out[j].is_body() || out[j].is_heading() || next_is_sub;
        if !next_ok {
            continue;
        }
        if broken::runs_on(t, d.body_text(j)) {
            continue;
        }
        let start = d.blocks[i].range.start + d.blocks[i].prefix;
        let level = if next_is_sub
            && j == i + 1
            && !broken::runs_on(d.body_text(j), d.body_text((j + 1).min(n - 1)))
        {
            group_heading_seen = true;
            1
        } else if group_heading_seen {
            2
        } else {
            1
        };
        out[i] = BlockClass::Heading {
            level,
            title: trim_range(d.text, start..d.blocks[i].range.end),
            marker: None,
        };
    }
}

/// Are the two blocks after `i` caption-shaped too?
fn next_is_run(shapes: &[&BlockShape], out: &[BlockClass], i: usize) -> bool {
    // two or more caption-shaped lines in a row
    let shape = |j: usize| {
        shapes.get(j).is_some_and(|s| s.caption_shape)
            && matches!(out.get(j), Some(BlockClass::Body | BlockClass::Caption))
    };
    shape(i + 1) && shape(i + 2)
}

/// The block before `i` that is not code.
fn prev_content(out: &[BlockClass], i: usize) -> Option<usize> {
    (0..i).rev().find(|&j| !matches!(out[j], BlockClass::Code))
}
