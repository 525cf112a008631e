//! The word-list rules: commonly confused words and redundant wording
//! ([`words`]), banned and cautioned terms ([`terms`]). Each list is a data
//! file under `data/`.
//!
//! The family's lists are matched together, in one walk over a paragraph
//! ([`hits`]): one [`Lexicon`] of all their entries, whose matches are split
//! back by list and kept in the paragraph's memo for the family's rules. A
//! new list of the family is one more entry of [`List`] and [`LISTS`].

pub mod terms;
pub mod words;

use std::rc::Rc;
use std::sync::LazyLock;

use crate::core::para::ParaCtx;
use crate::core::wordlists::{Hits, Lexicon};

/// The lists of the family.
#[derive(Clone, Copy)]
pub enum List {
    Confused = 0,
    Redundant = 1,
    Terms = 2,
}

/// The lexicon of each [`List`], in the order of its discriminant.
fn lists() -> [&'static Lexicon; 3] {
    [
        &words::CONFUSED.lex,
        &words::REDUNDANT.lex,
        &terms::TERMS.lex,
    ]
}

/// One lexicon of all lists' words, and for each of its entries the list and
/// the entry index there.
struct Combined {
    lex: Lexicon,
    owner: Vec<(usize, usize)>,
}

static LISTS: LazyLock<Combined> = LazyLock::new(|| {
    let mut words = Vec::new();
    let mut owner = Vec::new();
    for (l, lex) in lists().iter().enumerate() {
        for (i, w) in lex.words.iter().enumerate() {
            words.push(&**w);
            owner.push((l, i));
        }
    }
    Combined {
        lex: Lexicon::new(words),
        owner,
    }
});

/// The matches of every list in one paragraph (kept in its memo).
pub struct ParaHits([Hits; 3]);

impl ParaHits {
    /// The matches of `list`: (byte range, entry index in that list), by
    /// start, longest first; no duplicates.
    pub fn of(&self, list: List) -> &Hits {
        &self.0[list as usize]
    }
}

/// The matches of all the family's lists in the paragraph, made on the first
/// call for a paragraph (see [`Lexicon::hits_in`]).
pub fn hits(ctx: &ParaCtx) -> Rc<ParaHits> {
    ctx.memo.get_or_make(|| {
        let c = &*LISTS;
        let mut out: [Hits; 3] = Default::default();
        for (r, k) in c.lex.hits_in(ctx) {
            if let Some(&(l, i)) = c.owner.get(k) {
                out[l].push((r, i));
            }
        }
        ParaHits(out)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The combined walk finds what each list finds on its own.
    #[test]
    fn the_combined_walk_finds_what_each_list_finds() {
        let mut hits = 0;
        for t in crate::core::wordlists::sample_texts().iter().step_by(5) {
            let found = LISTS.lex.find_all(t);
            let mut split: [Hits; 3] = Default::default();
            for (r, k) in found {
                let (l, i) = LISTS.owner[k];
                split[l].push((r, i));
            }
            for (l, lex) in lists().iter().enumerate() {
                assert_eq!(split[l], lex.find_all(t), "{t}");
                hits += split[l].len();
            }
        }
        assert!(hits > 100, "{hits}");
    }
}
