//! The section tree: each heading's section runs to the next heading of
//! the same or a higher level; the title wraps everything.

use super::shape::trim_range;
use super::{BlockClass, Section};
use crate::core::text::Block;

/// Build the section tree from classified blocks.
pub fn sections(text: &str, blocks: &[Block], classes: &[BlockClass]) -> Vec<Section> {
    let doc_end = blocks.last().map(|b| b.range.end).unwrap_or(0);
    let roots = nest(headings(text, blocks, classes, doc_end));
    // the title wraps everything
    match classes.iter().position(|c| matches!(c, BlockClass::Title)) {
        Some(ti) => vec![title_section(text, blocks, classes, ti, doc_end, roots)],
        None => roots,
    }
}

/// The sections of the headings, in order, each with the index of its
/// block and its range up to the next heading of the same or a higher level.
fn headings(
    text: &str,
    blocks: &[Block],
    classes: &[BlockClass],
    doc_end: usize,
) -> Vec<(usize, Section)> {
    let mut flat: Vec<(usize, Section)> = Vec::new(); // (block index, section)
    for (i, c) in classes.iter().enumerate() {
        if let BlockClass::Heading {
            level,
            title,
            marker,
        } = c
        {
            let name: String = text[title.clone()].trim().to_string();
            let name = if name.is_empty() {
                text[blocks[i].range.clone()].trim().to_string()
            } else {
                name
            };
            flat.push((
                i,
                Section {
                    name,
                    detail: marker.as_ref().map(|m| text[m.range.clone()].to_string()),
                    is_title: false,
                    level: *level,
                    range: blocks[i].range.start..doc_end,
                    selection: if title.is_empty() {
                        blocks[i].range.clone()
                    } else {
                        title.clone()
                    },
                    children: Vec::new(),
                },
            ));
        }
    }
    // each section ends where the next heading of the same or a higher level starts
    for k in 0..flat.len() {
        let level = flat[k].1.level;
        let end = flat[k + 1..]
            .iter()
            .find(|(_, s)| s.level <= level)
            .map(|(bi, _)| last_content_end(blocks, *bi))
            .unwrap_or(doc_end);
        flat[k].1.range.end = end.max(flat[k].1.selection.end);
    }
    flat
}

/// Nest the sections in order: each under the last one of a lower level.
fn nest(flat: Vec<(usize, Section)>) -> Vec<Section> {
    let mut roots: Vec<Section> = Vec::new();
    let mut stack: Vec<Section> = Vec::new();
    for (_, s) in flat {
        while stack.last().is_some_and(|top| top.level >= s.level) {
            let done = stack.pop().expect("non-empty");
            push_child(&mut stack, &mut roots, done);
        }
        stack.push(s);
    }
    while let Some(done) = stack.pop() {
        push_child(&mut stack, &mut roots, done);
    }
    roots
}

/// The section of the title (block `ti`), wrapping the whole document: its
/// kicker and subtitle are its detail, the other sections its children.
fn title_section(
    text: &str,
    blocks: &[Block],
    classes: &[BlockClass],
    ti: usize,
    doc_end: usize,
    roots: Vec<Section>,
) -> Section {
    let lines: Vec<String> = classes
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c, BlockClass::TitleLine))
        .map(|(i, _)| text[blocks[i].range.clone()].trim().to_string())
        .collect();
    let start = blocks.first().map(|b| b.range.start).unwrap_or(0);
    Section {
        name: text[blocks[ti].range.clone()].trim().to_string(),
        detail: if lines.is_empty() {
            None
        } else {
            Some(lines.join(" / "))
        },
        is_title: true,
        level: 0,
        range: start..doc_end,
        selection: trim_range(text, blocks[ti].range.clone()),
        children: roots,
    }
}

/// Where the section before the heading of block `next_heading` ends.
fn last_content_end(blocks: &[Block], next_heading: usize) -> usize {
    if next_heading == 0 {
        return 0;
    }
    blocks[next_heading - 1].range.end
}

/// Add a finished section to its parent on the stack, or to the roots.
fn push_child(stack: &mut [Section], roots: &mut Vec<Section>, s: Section) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(s),
        None => roots.push(s),
    }
}
