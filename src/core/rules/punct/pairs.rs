//! Paired marks (quotes, book-title marks, brackets): what one paragraph
//! leaves unmatched, and the wrongly nested quotes in it ([`Marks`], cached
//! per paragraph by the analyzer for the document rule `punct-unpaired`).

use super::scan::{ascii_set, find_ascii, is_space, MarkScan};
use crate::core::chars::MASK;
use crate::core::config::Quotes;
use crate::core::rules::{next_char, prev_char};
use crate::core::text::{self, Block, DocKind};

/// The pairs checked, with their Chinese names.
pub(super) const PAIRS: &[(char, char, &str)] = &[
    ('“', '”', "双引号"),
    ('‘', '’', "单引号"),
    ('《', '》', "书名号"),
    ('（', '）', "括号"),
    ('【', '】', "方头括号"),
    ('「', '」', "直角引号"),
    ('『', '』', "双层直角引号"),
];

/// `(` `)` `"`.
const PAIR_ASCII: u64 = ascii_set(b"()\"");

/// The index in [`PAIRS`] of the pair `c` belongs to.
fn pair_index(c: char) -> Option<usize> {
    match c {
        '“' | '”' => Some(0),
        '‘' | '’' => Some(1),
        '《' | '》' => Some(2),
        '（' | '）' => Some(3),
        '【' | '】' => Some(4),
        '「' | '」' => Some(5),
        '『' | '』' => Some(6),
        _ => None,
    }
}

/// An opening mark on a stack: its offset, and whether it is half-width
/// (takes part in matching but is never reported here).
#[derive(Clone, Copy)]
struct Open {
    at: usize,
    silent: bool,
}

/// What one paragraph leaves unmatched (offsets relative to the block text).
/// Cached per paragraph by the analyzer ([`paragraph_marks`]).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Marks {
    /// Opening marks left open: (pair index, offset).
    pub(super) opens: Vec<(usize, usize)>,
    /// Closing marks that close nothing: (pair index, offset).
    pub(super) closes: Vec<(usize, usize)>,
    /// Inner pairs of same-kind quotes: (inner open, inner close, outer open).
    pub(super) nested: Vec<(usize, usize, usize)>,
}

/// `1）` `a）` `二）` at the start of the paragraph or after a clause mark or space:
/// an enumeration marker written with a closing parenthesis only.
fn enumeration_close(s: &str, at: usize) -> bool {
    let mut n = 0;
    let mut k = at;
    for (j, c) in s[..at].char_indices().rev() {
        if c.is_ascii_alphanumeric() || "一二三四五六七八九十".contains(c) {
            n += 1;
            k = j;
            if n > 2 {
                return false;
            }
        } else {
            break;
        }
    }
    n > 0
        && prev_char(s, k).is_none_or(|c| {
            is_space(c)
                || c == MASK
                || matches!(c, '，' | '。' | '；' | '：' | '、' | ';' | ':' | ',')
        })
}

/// Two digits and no third at byte `at`: the year after an apostrophe (`’98`).
fn year_abbreviation(s: &str, at: usize) -> bool {
    let d = s.as_bytes().get(at..).unwrap_or_default();
    d.len() >= 2
        && d[0].is_ascii_digit()
        && d[1].is_ascii_digit()
        && !d.get(2).is_some_and(u8::is_ascii_digit)
}

/// The state of one scan over a paragraph's paired marks.
struct Scan {
    m: Marks,
    /// The open marks of each pair.
    stacks: [Vec<Open>; 7],
    /// The pair indexes of the outer and inner quotes.
    outer: usize,
    inner: usize,
    /// A candidate nested pair of the outer quote: (inner open, outer open,
    /// saw an inner quote).
    nest_open: Option<(usize, usize, bool)>,
    nest_pairs: Vec<(usize, usize, usize)>,
    /// Are the outer quotes all matched, none silent? (Only then is a
    /// nesting reported.)
    outer_clean: bool,
}

/// The unmatched marks of `s` from byte `from`, and (with `quotes`) the
/// wrongly nested quotes.
fn scan_marks(s: &str, from: usize, quotes: Quotes) -> Marks {
    let (outer, inner) = match quotes {
        Quotes::Curly => (0usize, 1usize),
        Quotes::Corner => (5, 6),
    };
    let mut st = Scan {
        m: Marks::default(),
        stacks: Default::default(),
        outer,
        inner,
        nest_open: None,
        nest_pairs: Vec::new(),
        outer_clean: true,
    };
    let mut scan = MarkScan::new(
        s,
        |r| find_ascii(r, 0, PAIR_ASCII),
        |r| memchr::memchr3(0xE2, 0xE3, 0xEF, r),
    );
    let mut i = from;
    while let Some(at) = scan.next(i) {
        let Some(c) = s[at..].chars().next() else {
            break;
        };
        i = at + c.len_utf8();
        let (idx, opening, silent) = match c {
            '(' => (3, true, true),
            ')' => (3, false, true),
            '"' => {
                // direction unknown: close an open “ or open a silent one
                if st.stacks[0].is_empty() {
                    (0, true, true)
                } else {
                    (0, false, true)
                }
            }
            _ => match pair_index(c) {
                Some(p) => (p, PAIRS[p].0 == c, false),
                None => continue,
            },
        };
        if idx == inner {
            if let Some(n) = st.nest_open.as_mut() {
                n.2 = true;
            }
        }
        if opening {
            st.open(idx, at, silent);
        } else {
            st.close(s, at, c, idx, silent);
        }
    }
    st.finish()
}

impl Scan {
    /// An opening mark of pair `idx` at byte `at`.
    fn open(&mut self, idx: usize, at: usize, silent: bool) {
        if idx == self.outer && !silent {
            if let Some(top) = self.stacks[idx].last() {
                if self.stacks[idx].len() == 1
                    && !top.silent
                    && self.nest_open.is_none()
                    && self.stacks[self.inner].is_empty()
                {
                    self.nest_open = Some((at, top.at, false));
                } else {
                    self.outer_clean = false;
                }
            }
        }
        self.stacks[idx].push(Open { at, silent });
    }

    /// The closing mark `c` of pair `idx` at byte `at` of `s`.
    fn close(&mut self, s: &str, at: usize, c: char, idx: usize, silent: bool) {
        let p = prev_char(s, at);
        let nx = next_char(s, at + c.len_utf8());
        if c == '’'
            && p.is_some_and(|x| x.is_ascii_alphanumeric())
            && nx.is_some_and(|x| x.is_ascii_alphabetic())
        {
            return; // Xi’an, don’t
        }
        if c == '’'
            && !p.is_some_and(|x| x.is_ascii_alphanumeric())
            && year_abbreviation(s, at + c.len_utf8())
        {
            return; // ’98北京新年音乐会
        }
        match self.stacks[idx].pop() {
            Some(o) => {
                if idx == self.outer {
                    if o.silent || silent {
                        self.outer_clean = false;
                    }
                    if let Some((io, oo, saw)) = self.nest_open {
                        if io == o.at {
                            let empty = at == io + c.len_utf8();
                            if !saw && !empty {
                                self.nest_pairs.push((io, at, oo));
                            }
                            self.nest_open = None;
                        }
                    }
                }
            }
            None => {
                let apostrophe = c == '’' && p.is_some_and(|x| x.is_ascii_alphanumeric());
                let inch = c == '”' && p.is_some_and(|x| x.is_ascii_digit());
                let enumeration = c == '）' && enumeration_close(s, at);
                if idx == self.outer {
                    self.outer_clean = false;
                }
                if !silent && !apostrophe && !inch && !enumeration {
                    self.m.closes.push((idx, at));
                }
            }
        }
    }

    /// The marks left open at the end, and the nested pairs if the outer
    /// quotes are clean.
    fn finish(self) -> Marks {
        let mut m = self.m;
        let mut outer_clean = self.outer_clean;
        for (idx, st) in self.stacks.iter().enumerate() {
            if idx == self.outer && !st.is_empty() {
                outer_clean = false;
            }
            for o in st {
                if !o.silent {
                    m.opens.push((idx, o.at));
                }
            }
        }
        m.opens.sort_by_key(|&(_, at)| at);
        if outer_clean {
            m.nested = self.nest_pairs;
        }
        m
    }
}

/// The unmatched marks of one block, as `punct-unpaired` needs them; the
/// analyzer caches this per paragraph so the document check does not rescan
/// unchanged paragraphs on every keystroke.
pub fn paragraph_marks(bt: &str, b: &Block, doc_kind: DocKind, quotes: Quotes) -> Marks {
    let masked;
    let s = if doc_kind == DocKind::Markdown && bt.contains(['`', '<', ']']) {
        masked = text::mask(bt, doc_kind, b.prefix);
        masked.as_str()
    } else {
        bt
    };
    scan_marks(s, b.prefix.min(s.len()), quotes)
}
