//! The recognizer of one paragraph: its state ([`Rec`]), the order of its
//! passes (byline, people, places, organizations) and the last step that
//! settles overlaps and aliases into [`Mention`]s. The passes themselves are
//! in `people.rs`, `places.rs` and `orgs.rs`.

use std::ops::Range;

use super::data::{char_count, Data, DATA, SETS};
use super::tokens::{build_toks, give_back, next_may, Tok};
use super::{EntityKind, Mention};
use crate::core::chars::{is_han, is_sentence_final};
use crate::core::nlp::Token;

/// A mention found by a pass, before overlaps are settled.
pub(super) struct Cand {
    pub range: Range<usize>,
    pub kind: EntityKind,
    pub roles: Vec<Box<str>>,
    pub title: Option<Box<str>>,
    pub aliases: Vec<Box<str>>,
    pub confident: bool,
}

/// The recognizer's state over one paragraph.
pub(super) struct Rec<'a> {
    /// The simplified text.
    pub s: &'a str,
    pub toks: Vec<Tok<'a>>,
    pub people: Vec<Cand>,
    /// Organizations and places.
    pub others: Vec<Cand>,
}

/// The recognizer over a paragraph's text, its simplified form (same offsets)
/// and jieba tokens of the simplified form.
pub fn recognize(text: &str, s: &str, tokens: &[Token]) -> Vec<Mention> {
    let toks = build_toks(s, tokens);
    let mut r = Rec {
        s,
        toks,
        people: Vec::new(),
        others: Vec::new(),
    };
    // a byline is no sentence, and names people only after a space (one
    // segment gives nothing)
    let sentence = text
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(is_sentence_final);
    if !sentence && has_space(s) && super::is_byline(text) {
        r.byline();
    }
    r.people();
    r.places();
    r.orgs();
    r.finish(text)
}

impl<'a> Rec<'a> {
    /// Index of the token starting exactly at byte `at`.
    pub fn tok_at(&self, at: usize) -> Option<usize> {
        let i = self.toks.partition_point(|t| t.range.start < at);
        (i < self.toks.len() && self.toks[i].range.start == at).then_some(i)
    }

    /// Index of the token ending exactly at byte `at`.
    pub fn tok_ending(&self, at: usize) -> Option<usize> {
        let i = self.toks.partition_point(|t| t.range.end < at);
        (i < self.toks.len() && self.toks[i].range.end == at).then_some(i)
    }

    /// The token after token `i`, if it follows with nothing between.
    pub fn next_contiguous(&self, i: usize) -> Option<&Tok<'a>> {
        let t = self.toks.get(i + 1)?;
        (t.range.start == self.toks[i].range.end).then_some(t)
    }

    /// Does a person found so far overlap `range`?
    pub fn has_person(&self, range: &Range<usize>) -> bool {
        self.people
            .iter()
            .any(|p| p.range.start < range.end && range.start < p.range.end)
    }

    /// Run `at` on every token whose `may` bits meet `may`, in order.
    pub fn each_candidate(&mut self, may: u8, at: fn(&mut Self, &Data, usize)) {
        let d = &*DATA;
        let mut i = 0;
        while let Some(k) = next_may(&self.toks, i, may) {
            at(self, d, k);
            i = k + 1;
        }
    }

    /// Settle overlaps and aliases: the mentions of the paragraph, in order.
    fn finish(mut self, text: &str) -> Vec<Mention> {
        give_back(std::mem::take(&mut self.toks));
        let mut kept = self.settle_overlaps();
        // unconfirmed people inside organizations or places are not people
        self.people.retain(|p| {
            p.confident
                || !kept
                    .iter()
                    .any(|k| p.range.start < k.range.end && k.range.start < p.range.end)
        });
        self.add_aliases(&mut kept);
        kept.append(&mut self.people);
        kept.sort_by_key(|c| c.range.start);
        let s = self.s;
        kept.into_iter()
            .filter_map(|c| to_mention(text, s, c))
            .collect()
    }

    /// Organizations and places that overlap no longer one and no confident
    /// person (longest wins; people win over both).
    fn settle_overlaps(&mut self) -> Vec<Cand> {
        self.others
            .sort_by_key(|c| (std::cmp::Reverse(c.range.len()), c.range.start, c.kind));
        let mut kept: Vec<Cand> = Vec::new();
        let s = self.s;
        // a name that is a whole book or magazine title (《斜塘河》) names the publication
        let titled = |r: &Range<usize>| {
            s.get(..r.start).is_some_and(|p| p.ends_with('《'))
                && s.get(r.end..).is_some_and(|n| n.starts_with('》'))
        };
        for c in std::mem::take(&mut self.others) {
            let overlaps = |r: &Range<usize>| r.start < c.range.end && c.range.start < r.end;
            if titled(&c.range)
                || kept.iter().any(|k| overlaps(&k.range))
                || self
                    .people
                    .iter()
                    .any(|p| p.confident && overlaps(&p.range))
            {
                continue;
            }
            kept.push(c);
        }
        kept
    }

    /// Aliases in parentheses: 红岛经济区(高新区), 某某委员会(以下简称“某委”).
    /// The alias becomes a mention of its own, named by the full name.
    fn add_aliases(&mut self, kept: &mut Vec<Cand>) {
        let mut aliases = Vec::new();
        for k in kept.iter_mut() {
            if let Some((inner, alias)) = alias_after(self.s, k.range.end) {
                let name = &self.s[k.range.clone()];
                if alias != name && alias.chars().any(|c| name.contains(c)) {
                    k.aliases.push(alias.into());
                    aliases.push((inner, k.kind, k.range.clone(), alias.to_string()));
                }
            }
        }
        for (inner, kind, of, alias) in aliases {
            self.people
                .retain(|p| p.range.end <= inner.start || p.range.start >= inner.end);
            kept.retain(|k| k.range.end <= inner.start || k.range.start >= inner.end);
            kept.push(Cand {
                range: inner,
                kind,
                roles: Vec::new(),
                title: None,
                aliases: vec![alias.into()],
                confident: true,
            });
            // the alias mention's name is the full name
            if let Some(last) = kept.last_mut() {
                last.roles.clear();
                last.title = Some(self.s[of].into());
            }
        }
    }
}

/// The mention of a settled candidate (`text` as written, `s` simplified).
fn to_mention(text: &str, s: &str, c: Cand) -> Option<Mention> {
    let written: Box<str> = text.get(c.range.clone())?.into();
    // for an alias the full name rode along in `title`
    let (name, title): (Box<str>, Option<Box<str>>) =
        if c.kind != EntityKind::Person && c.title.is_some() {
            (c.title.unwrap_or_default(), None)
        } else {
            (s.get(c.range.clone())?.into(), c.title)
        };
    Some(Mention {
        range: c.range,
        kind: c.kind,
        name,
        written,
        roles: c.roles,
        title,
        aliases: c.aliases,
        confident: c.confident,
    })
}

/// A place candidate at `range`.
pub(super) fn place(range: Range<usize>) -> Cand {
    Cand {
        range,
        kind: EntityKind::Place,
        roles: Vec::new(),
        title: None,
        aliases: Vec::new(),
        confident: true,
    }
}

/// An organization candidate at `range`.
pub(super) fn org(range: Range<usize>) -> Cand {
    Cand {
        kind: EntityKind::Org,
        ..place(range)
    }
}

/// `char_count(s) > n`, without counting a string of at most `n` bytes.
pub(super) fn more_chars_than(s: &str, n: usize) -> bool {
    s.len() > n && char_count(s) > n
}

/// Is `s` non-empty and all CJK ideographs?
fn all_han(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_han)
}

/// Does `s` hold a separator of [`split_ws`]?
fn has_space(s: &str) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // some byte of `x` is `v` (no false answer either way)
    let has = |x: u64, v: u8| {
        let y = x ^ (LO * v as u64);
        y.wrapping_sub(LO) & !y & HI != 0
    };
    let b = s.as_bytes();
    // U+3000 is E3 80 80
    let ideographic = |at: usize| b.get(at..at + 3) == Some(&[0xE3, 0x80, 0x80][..]);
    let mut chunks = b.chunks_exact(8);
    let mut at = 0;
    for c in &mut chunks {
        let x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        if has(x, b' ') || has(x, b'\t') {
            return true;
        }
        if has(x, 0xE3) && (at..at + 8).any(ideographic) {
            return true;
        }
        at += 8;
    }
    (at..b.len()).any(|i| matches!(b[i], b' ' | b'\t') || ideographic(i))
}

/// Whitespace-separated segments with their byte offsets.
pub(super) fn split_ws(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split([' ', '\t', '\u{3000}'])
        .filter(|seg| !seg.is_empty())
        .map(move |seg| (offset_in(s, seg), seg))
}

/// Byte offset of `sub`, a subslice of `s`, in `s`.
pub(super) fn offset_in(s: &str, sub: &str) -> usize {
    (sub.as_ptr() as usize).saturating_sub(s.as_ptr() as usize)
}

/// `(高新区)` or `（以下简称“市委”）` right at `at`: the alias and its byte range.
fn alias_after(s: &str, at: usize) -> Option<(Range<usize>, &str)> {
    let rest = s.get(at..)?;
    let open = if rest.starts_with('(') {
        1
    } else if rest.starts_with('（') {
        '（'.len_utf8()
    } else {
        return None;
    };
    let body = &rest[open..];
    let close = body.find([')', '）'])?;
    let inner = &body[..close];
    let mut a = inner;
    let mut lead = 0;
    for p in &SETS.alias_leads {
        if let Some(r) = a.strip_prefix(p) {
            lead += p.len();
            a = r;
            break;
        }
    }
    for q in ['“', '"', '「'] {
        if let Some(r) = a.strip_prefix(q) {
            lead += q.len_utf8();
            a = r;
        }
    }
    let a = a.trim_end_matches(['”', '"', '」']);
    let n = char_count(a);
    if !(2..=8).contains(&n) || !all_han(a) {
        return None;
    }
    let start = at + open + lead;
    Some((start..start + a.len(), a))
}
