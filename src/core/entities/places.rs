//! The places pass of the recognizer: names of the gazetteer, `ns` words
//! with an administrative or natural-feature ending, and a specific stem
//! before an administrative ending (`斜塘/街道`).

use super::data::{starts_quant, Data, C_ADMIN_LAST, SETS};
use super::recognizer::{place, Rec};
use super::tokens::{proper_oov, Tok, MAY_PLACE};

impl Rec<'_> {
    /// The places pass.
    pub(super) fn places(&mut self) {
        // nothing applies without a known place's or an administrative
        // ending (in the word or the next token) or an `ns` tag
        self.each_candidate(MAY_PLACE, Self::place_at);
    }

    /// Places from token `i` (two or more Han chars).
    #[inline(never)]
    fn place_at(&mut self, d: &Data, i: usize) {
        if self.stem_and_ending(d, i) {
            return;
        }
        let t = &self.toks[i];
        if t.is_place(d) {
            self.others.push(place(t.range.clone()));
            return;
        }
        // what follows needs an `ns` tag or an administrative ending
        // (all of which end with one of these characters)
        let admin_last = t.lc & C_ADMIN_LAST != 0;
        if t.tag != "ns" && !admin_last {
            return;
        }
        if generic_place_word(t) {
            return;
        }
        let admin_end = admin_last && has_admin_ending(t);
        let feature = SETS.feature_last.contains(t.last);
        if (t.tag == "ns" && (admin_end || feature))
            || (admin_end && proper_oov(t.word, t.tag) && t.chars() <= 6)
        {
            self.others.push(place(t.range.clone()));
        }
    }

    /// Stem + administrative ending as separate tokens (`斜塘/街道`) at
    /// token `i`: a place (then true).
    fn stem_and_ending(&mut self, d: &Data, i: usize) -> bool {
        let t = &self.toks[i];
        let Some(u) = self.next_contiguous(i) else {
            return false;
        };
        if u.lc & C_ADMIN_LAST != 0
            && u.is_admin()
            && (2..=5).contains(&t.chars())
            && !t.is_in(&SETS.stem_stop)
        {
            let strong =
                t.is_place(d) || t.tag == "ns" || t.tag == "nz" || proper_oov(t.word, t.tag);
            if strong && !starts_quant(t.word) {
                let range = t.range.start..u.range.end;
                self.others.push(place(range));
                return true;
            }
        }
        false
    }
}

/// A word that names no particular place (`城区`, `全省`, `文明城市`).
fn generic_place_word(t: &Tok) -> bool {
    let sets = &*SETS;
    t.is_in(&sets.ns_stop)
        || starts_quant(t.word)
        || (sets.not_place_last.contains(t.last)
            && sets.not_place_endings.iter().any(|e| t.word.ends_with(e)))
}

/// Does the word end with an administrative ending after a stem of two or
/// more chars that is not generic (`斜塘街道`, not `全区街道`)?
fn has_admin_ending(t: &Tok) -> bool {
    let sets = &*SETS;
    let w = t.word;
    let ends = w.char_indices().rev().take(sets.admin_max).enumerate();
    // an ending of `k + 1` chars after a stem of two or more chars
    ends.into_iter().any(|(k, (at, _))| {
        sets.admin.contains(&w[at..]) && t.n >= k + 3 && !sets.stem_stop.contains(&w[..at])
    })
}
