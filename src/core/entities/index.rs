//! The document's entity index: the mentions of all paragraphs grouped into
//! entities (one per kind and canonical name, unconfirmed mentions joining a
//! confirmed one), a position lookup, search, and the hover text.

use std::collections::HashMap;
use std::ops::Range;

use super::{EntityKind, Mention};
use crate::core::nlp;

/// An entity of the document: every mention of one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Canonical name (simplified script).
    pub name: String,
    pub kind: EntityKind,
    /// Titles and roles, in order of first appearance.
    pub roles: Vec<String>,
    /// Other names stated for it (`高新区`).
    pub aliases: Vec<String>,
    /// Written forms other than the canonical name (traditional script).
    pub variants: Vec<String>,
    /// Document byte ranges of its mentions, in order.
    pub mentions: Vec<Range<usize>>,
    /// 1-based line of the first mention, when the caller filled it in
    /// ([`EntityIndex::fill_lines`]).
    pub first_line: Option<usize>,
}

impl Entity {
    /// The number of mentions.
    pub fn count(&self) -> usize {
        self.mentions.len()
    }

    /// The first mention's document byte range.
    pub fn first(&self) -> Range<usize> {
        self.mentions.first().cloned().unwrap_or(0..0)
    }

    /// A new entity named by `m`, with no mentions yet.
    fn of(m: &Mention) -> Entity {
        Entity {
            name: m.name.to_string(),
            kind: m.kind,
            roles: Vec::new(),
            aliases: Vec::new(),
            variants: Vec::new(),
            mentions: Vec::new(),
            first_line: None,
        }
    }

    /// Add mention `m` at document range `range`: its roles, aliases and
    /// written form.
    fn add(&mut self, m: &Mention, range: Range<usize>) {
        self.mentions.push(range);
        for r in &m.roles {
            if !self.roles.iter().any(|x| **x == **r) {
                self.roles.push(r.to_string());
            }
        }
        for a in &m.aliases {
            if !self.aliases.iter().any(|x| **x == **a) && **a != *self.name {
                self.aliases.push(a.to_string());
            }
        }
        if *m.written != *m.name
            && !m.aliases.iter().any(|a| **a == *m.written)
            && !self.variants.iter().any(|x| **x == *m.written)
        {
            self.variants.push(m.written.to_string());
        }
    }
}

/// All entities of a document, with a position lookup.
#[derive(Debug, Clone, Default)]
pub struct EntityIndex {
    /// People first, then organizations, then places; most mentioned first.
    pub entities: Vec<Entity>,
    /// (mention range, entity) sorted by start.
    spans: Vec<(Range<usize>, usize)>,
}

/// Group the mentions of a document (`(block start, mentions)` per paragraph).
pub fn index(paras: &[(usize, &[Mention])]) -> EntityIndex {
    let (mut entities, mut spans) = group(paras);
    for e in &mut entities {
        e.mentions.sort_by_key(|r| r.start);
        // a role contained in a longer one adds nothing (常委 ⊂ 市南区常委)
        let all = e.roles.clone();
        e.roles
            .retain(|r| !all.iter().any(|o| o != r && o.ends_with(r.as_str())));
    }
    let entities = sort_entities(entities, &mut spans);
    spans.sort_by_key(|(r, _)| (r.start, r.end));
    EntityIndex { entities, spans }
}

/// The entities in order of first confident mention, and (mention, entity)
/// pairs. Confident mentions come first; an unconfirmed one only joins an
/// entity a confident one made.
fn group(paras: &[(usize, &[Mention])]) -> (Vec<Entity>, Vec<(Range<usize>, usize)>) {
    let mut by_key: HashMap<(EntityKind, &str), usize> = HashMap::new();
    let mut entities: Vec<Entity> = Vec::new();
    let mut spans: Vec<(Range<usize>, usize)> = Vec::new();
    for pass in 0..2 {
        for (off, ms) in paras {
            for m in ms.iter() {
                if m.confident != (pass == 0) {
                    continue;
                }
                let key = (m.kind, &*m.name);
                let idx = match by_key.get(&key) {
                    Some(&i) => i,
                    None if pass == 0 => {
                        entities.push(Entity::of(m));
                        by_key.insert(key, entities.len() - 1);
                        entities.len() - 1
                    }
                    None => continue,
                };
                let range = off + m.range.start..off + m.range.end;
                entities[idx].add(m, range.clone());
                spans.push((range, idx));
            }
        }
    }
    (entities, spans)
}

/// The entities in a stable order (kind, most mentioned, first mention),
/// with the entity numbers of `spans` changed to match.
fn sort_entities(entities: Vec<Entity>, spans: &mut [(Range<usize>, usize)]) -> Vec<Entity> {
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by_key(|&i| {
        let e = &entities[i];
        (e.kind, std::cmp::Reverse(e.count()), e.first().start)
    });
    let mut remap = vec![0; entities.len()];
    for (new, &old) in order.iter().enumerate() {
        remap[old] = new;
    }
    let mut sorted: Vec<Option<Entity>> = entities.into_iter().map(Some).collect();
    let entities: Vec<Entity> = order.iter().filter_map(|&i| sorted[i].take()).collect();
    for s in spans.iter_mut() {
        s.1 = remap[s.1];
    }
    entities
}

impl EntityIndex {
    /// The entity mentioned at document byte `offset` (the innermost mention).
    pub fn at(&self, offset: usize) -> Option<&Entity> {
        self.mention_at(offset).map(|(_, e)| e)
    }

    /// The mention range at `offset`, with its entity.
    pub fn mention_at(&self, offset: usize) -> Option<(Range<usize>, &Entity)> {
        let upto = self.spans.partition_point(|(r, _)| r.start <= offset);
        self.spans[..upto]
            .iter()
            .rev()
            .take(8)
            .filter(|(r, _)| offset < r.end)
            .min_by_key(|(r, _)| r.len())
            .and_then(|(r, i)| Some((r.clone(), self.entities.get(*i)?)))
    }

    /// The entities of one kind, in index order.
    pub fn of_kind(&self, kind: EntityKind) -> impl Iterator<Item = &Entity> {
        self.entities.iter().filter(move |e| e.kind == kind)
    }

    /// The people, most mentioned first.
    pub fn people(&self) -> impl Iterator<Item = &Entity> {
        self.of_kind(EntityKind::Person)
    }

    /// Entities whose name, alias or variant contains `query` (for workspace symbols).
    pub fn search<'a>(&'a self, query: &'a str) -> impl Iterator<Item = &'a Entity> {
        let q = nlp::to_simplified(query);
        self.entities.iter().filter(move |e| {
            q.is_empty()
                || e.name.contains(q.as_str())
                || e.aliases.iter().any(|a| a.contains(q.as_str()))
                || e.variants.iter().any(|v| v.contains(query))
        })
    }

    /// Fill in `first_line` (1-based) of every entity from the document text.
    pub fn fill_lines(&mut self, text: &str) {
        let mut firsts: Vec<(usize, usize)> = self
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.first().start, i))
            .collect();
        firsts.sort_unstable();
        let b = text.as_bytes();
        let (mut line, mut pos) = (1, 0);
        for (off, i) in firsts {
            let off = off.min(b.len());
            if off > pos {
                line += b[pos..off].iter().filter(|&&c| c == b'\n').count();
                pos = off;
            }
            if let Some(e) = self.entities.get_mut(i) {
                e.first_line = Some(line);
            }
        }
    }
}

/// Hover text for an entity, in Markdown: name, type, roles, mentions, first appearance.
pub fn hover_markdown(e: &Entity) -> String {
    let mut s = format!("**{}** · {}", e.name, e.kind.label());
    if !e.roles.is_empty() {
        s.push_str(&format!("\n\n职务：{}", e.roles.join("；")));
    }
    if !e.aliases.is_empty() {
        s.push_str(&format!("\n\n简称：{}", e.aliases.join("、")));
    }
    if !e.variants.is_empty() {
        s.push_str(&format!("\n\n其他写法：{}", e.variants.join("、")));
    }
    let first = match e.first_line {
        Some(l) => format!("，首次出现在第 {l} 行"),
        None => String::new(),
    };
    s.push_str(&format!("\n\n文中提及 {} 次{}", e.count(), first));
    s
}
