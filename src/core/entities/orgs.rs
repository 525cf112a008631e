//! The organizations pass of the recognizer: a specific name before an
//! organization ending (`高实集团`, `市委组织部`), an ending jieba glued to
//! the next word (`宣推办/供图`), and whole `nt` words or known
//! organizations (`国务院`).

use std::ops::Range;

use super::data::{
    char_count, ends_not_org, is_known_place, Data, SuffixKind, C_KNOWN_ORG_LAST, C_ORG_LAST,
    C_TITLE_LAST, FUNCTION_ENDINGS, SETS,
};
use super::recognizer::{more_chars_than, org, Rec};
use super::tokens::{is_function_tag, material, proper_oov, tok_shape, Tok, MAY_ORG};
use super::EntityKind;

/// The organization ending found in a token.
struct Ending<'a> {
    /// The ending (`集团`, `局`).
    suf: &'a str,
    kind: SuffixKind,
    /// The part of the token before the ending.
    own_stem: &'a str,
    /// Where the name ends (before a glued word).
    end: usize,
}

impl<'a> Rec<'a> {
    /// The organizations pass.
    pub(super) fn orgs(&mut self) {
        // nothing applies without an ending, a glued organ ending (`局以`),
        // an `nt` tag or a known organization
        self.each_candidate(MAY_ORG, Self::org_at);
    }

    /// An organization ending at token `i` (all Han).
    #[inline(never)]
    fn org_at(&mut self, d: &Data, i: usize) {
        let t = &self.toks[i];
        let Some(e) = ending(d, t).or_else(|| glued_ending(t)) else {
            self.whole_org(i);
            return;
        };
        // a title is not an organization (市委常委, 宣传部长)
        let w = t.word;
        if t.lc & C_TITLE_LAST != 0
            && w.char_indices()
                .any(|(k, c)| d.titles.get_ends(&w[k..], c, t.last).is_some())
        {
            return;
        }
        let (start, j) = self.stem_start(d, i, e.end);
        if self.quant_before(start) {
            return;
        }
        let name = &self.s[start..e.end];
        let stem_len = char_count(name) - char_count(e.suf);
        if stem_len == 0 || SETS.generic_org.contains(name) || ends_not_org(name) {
            return;
        }
        if e.kind == SuffixKind::Organ && stem_len < 2 {
            return;
        }
        let specific = self.specific_stem(i, j, e.own_stem, start..e.end);
        // a government organ named by its function: 行政审批局, 市委组织部
        let organ = matches!(e.kind, SuffixKind::Organ | SuffixKind::Plain)
            && stem_len >= 4
            && i - j + 1 >= 2
            && FUNCTION_ENDINGS.contains(e.suf);
        if specific || organ {
            self.others.push(org(start..e.end));
        }
    }

    /// A token without an ending: an organization when it is a specific `nt`
    /// word or a known organization.
    fn whole_org(&mut self, i: usize) {
        let t = &self.toks[i];
        let whole = (t.tag == "nt" && t.chars() >= 3 && !t.is_in(&SETS.generic_org))
            || (t.lc & C_KNOWN_ORG_LAST != 0 && t.is_in(&SETS.known_orgs));
        if whole && !self.quant_before(t.range.start) {
            self.others.push(org(t.range.clone()));
        }
    }

    /// The start of the name whose ending is at token `i` (ending at byte
    /// `end`): material to the left, one-char tokens only as a run of
    /// fragments right before the ending (高/实/集团: an unknown name).
    /// Returns the byte start and the index of its first token.
    fn stem_start(&self, d: &Data, i: usize, end: usize) -> (usize, usize) {
        let mut start = self.toks[i].range.start;
        let mut j = i;
        let mut singles = true;
        while j > 0 {
            let p = &self.toks[j - 1];
            if p.range.end != start {
                break;
            }
            let single =
                p.chars() == 1 && p.han && !p.is_in(&SETS.quant) && !is_function_tag(p.tag);
            if p.chars() == 1 {
                if !(single && singles) {
                    break;
                }
            } else {
                singles = false;
                if !material(p, true) {
                    break;
                }
            }
            if p.is_nr() && tok_shape(d, p) || p.is_in_titles(d) {
                break;
            }
            if more_chars_than(&self.s[p.range.start..end], 18) {
                break;
            }
            start = p.range.start;
            j -= 1;
        }
        // a verb does not start a name (召开/建设局), unless it names a department
        while j < i
            && matches!(self.toks[j].tag, "v" | "vn")
            && !(self.toks[j].is_in(&SETS.dept_words)
                && self.toks[j + 1..=i]
                    .iter()
                    .all(|x| x.tag == "n" || x.tag == "vn"))
        {
            start = self.toks[j + 1].range.start;
            j += 1;
        }
        (start, j)
    }

    /// Is there something specific in the stem (tokens `j..=i`, the last one
    /// contributing `own_stem`): a place, a proper or unknown word?
    fn specific_stem(&self, i: usize, j: usize, own_stem: &str, name: Range<usize>) -> bool {
        let t = &self.toks[i];
        let stem_toks = &self.toks[j..=i];
        stem_toks.iter().enumerate().any(|(k, x)| {
            let part = if j + k == i { own_stem } else { x.word };
            if part.is_empty() {
                return false;
            }
            matches!(x.tag, "ns" | "nt" | "nz" | "j")
                || is_known_place(part)
                || (char_count(part) >= 2 && proper_oov(part, x.tag))
        }) || self.inside_place(name)
            || (t.tag == "nt" && !t.is_in(&SETS.generic_org))
            // a run of one-char fragments: an unknown name (高/实/集团)
            || stem_toks.windows(2).any(|p| {
                p[0].chars() == 1 && p[1].chars() == 1 && p[1].range.end <= t.range.start
            })
    }

    /// Does a quantifier or numeral end right at byte `at`?
    fn quant_before(&self, at: usize) -> bool {
        self.tok_ending(at)
            .is_some_and(|k| self.toks[k].is_in(&SETS.quant) || self.toks[k].tag == "m")
    }

    /// Does a place found so far lie inside `r`?
    fn inside_place(&self, r: Range<usize>) -> bool {
        self.others.iter().any(|c| {
            c.kind == EntityKind::Place && c.range.start >= r.start && c.range.end <= r.end
        })
    }
}

/// The longest known ending of the token's word (none unless its last
/// character ends one).
fn ending<'a>(d: &Data, t: &Tok<'a>) -> Option<Ending<'a>> {
    if t.lc & C_ORG_LAST == 0 {
        return None;
    }
    let w = t.word;
    let skip = t.chars().saturating_sub(d.org_suffix_max);
    for (k, (at, c)) in w.char_indices().enumerate().skip(skip) {
        let suf = &w[at..];
        if let Some(&kind) = d.org_suffixes.get_ends(suf, c, t.last) {
            // a one-char organ ending needs a standalone char or a ≥ 2-char stem in the word
            if kind == SuffixKind::Organ && at > 0 && k < 2 {
                continue;
            }
            return Some(Ending {
                suf,
                kind,
                own_stem: &w[..at],
                end: t.range.end,
            });
        }
    }
    None
}

/// `局以` / `办供`: jieba glued a function word to a one-char organ ending.
fn glued_ending<'a>(t: &Tok<'a>) -> Option<Ending<'a>> {
    let w = t.word;
    if t.chars() != 2 || !(w.starts_with('局') || w.starts_with('办')) {
        return None;
    }
    let glued = matches!(
        t.tag,
        "p" | "c" | "d" | "v" | "u" | "uj" | "ul" | "r" | "vn"
    ) && !t.is_in(&SETS.not_glued_organs);
    glued.then(|| Ending {
        suf: &w[..3],
        kind: SuffixKind::Organ,
        own_stem: "",
        end: t.range.start + 3,
    })
}
