//! The paragraph context: what a paragraph rule (and the entity recognizer)
//! sees of one block, with the facts about it computed on first use and kept
//! for the other rules of the same paragraph.
//!
//! It sits below the rules and the knowledge modules (entities, outline, the
//! word lists) and above the language layer: it knows text, configuration,
//! segmentation and figures, and nothing that reads it. What a higher layer
//! wants to compute once per paragraph (the matches of a word list, say) it
//! keeps in the context's [`Memo`], under a type of its own.

pub mod annotations;
pub mod facts;

use std::any::{Any, TypeId};
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

use super::chars::MASK;
use super::config::{Config, Switches};
use super::figures::{self, Figure};
use super::nlp::{self, Token};
use super::text::{BlockKind, DocKind};
pub use facts::Facts;

/// What a paragraph rule sees.
pub struct ParaCtx<'a> {
    /// The paragraph's text as written.
    pub text: &'a str,
    /// Same length as `text`, with code, URLs and markup replaced by MASK.
    pub masked: &'a str,
    pub kind: BlockKind,
    pub doc_kind: DocKind,
    pub config: &'a Config,
    /// Which rules are on.
    switches: &'a Switches,
    /// `None`: the same as `masked`.
    simplified: OnceCell<Option<String>>,
    tokens: OnceCell<Vec<Token>>,
    figures: OnceCell<Vec<Figure>>,
    facts: OnceCell<Facts>,
    /// What higher layers computed once for this paragraph.
    pub memo: Memo,
}

impl<'a> ParaCtx<'a> {
    pub fn new(
        text: &'a str,
        masked: &'a str,
        kind: BlockKind,
        doc_kind: DocKind,
        config: &'a Config,
        switches: &'a Switches,
    ) -> Self {
        ParaCtx {
            text,
            masked,
            kind,
            doc_kind,
            config,
            switches,
            simplified: OnceCell::new(),
            tokens: OnceCell::new(),
            figures: OnceCell::new(),
            facts: OnceCell::new(),
            memo: Memo::default(),
        }
    }

    /// The masked text mapped to simplified characters (same offsets), with
    /// inline pinyin annotations (`见习(xí)记者`) blanked out by MASK bytes so
    /// that they do not disturb segmentation.
    pub fn simplified(&self) -> &str {
        self.simplified
            .get_or_init(|| {
                // nothing to convert: the masked text as it is (asked once per paragraph)
                let converted = self
                    .may_change()
                    .then(|| nlp::to_simplified(self.masked))
                    .filter(|c| c != self.masked);
                let base = converted.as_deref().unwrap_or(self.masked);
                let found = annotations::annotations(base);
                if found.is_empty() {
                    return converted;
                }
                let mut bytes = base.as_bytes().to_vec();
                for r in found {
                    if let Some(part) = bytes.get_mut(r) {
                        part.fill(MASK as u8);
                    }
                }
                // whole chars were replaced by ASCII bytes: still valid UTF-8
                Some(String::from_utf8(bytes).unwrap_or_else(|_| nlp::to_simplified(self.masked)))
            })
            .as_deref()
            .unwrap_or(self.masked)
    }

    /// Could the simplifier change anything in the masked text? (One of the
    /// paragraph's [`facts`].)
    pub fn may_change(&self) -> bool {
        self.facts().may_change
    }

    /// The pre-check facts of the masked text (see [`facts`]).
    pub fn facts(&self) -> &Facts {
        self.facts.get_or_init(|| Facts::of(self.masked))
    }

    /// jieba words with POS tags, over the simplified masked text.
    pub fn tokens(&self) -> &[Token] {
        self.tokens.get_or_init(|| {
            let j = nlp::jieba_with_words(&self.config.words);
            nlp::tag(&j, self.simplified())
        })
    }

    /// The figures of the paragraph (parsed once, over the masked text).
    pub fn figures(&self) -> &[Figure] {
        self.figures.get_or_init(|| figures::parse(self.masked))
    }

    /// The figures, for the paragraph's cached result.
    pub fn take_figures(self) -> Vec<Figure> {
        let _ = self.figures();
        self.figures.into_inner().unwrap_or_default()
    }

    /// The (simplified) word of a token.
    pub fn word(&self, t: &Token) -> &str {
        self.simplified().get(t.range.clone()).unwrap_or("")
    }

    /// Is a rule on?
    pub fn enabled(&self, code: &str) -> bool {
        self.switches.is_on(code)
    }
}

/// Values computed once per paragraph by the layers above the context, one
/// per type: a module keeps its value under a type of its own
/// (`struct TermHits(Vec<…>)`), so that two modules never share a slot.
///
/// The first [`INLINE`] values sit in the memo itself (a paragraph pays no
/// vector allocation for them); any more go to a vector.
#[derive(Default)]
pub struct Memo {
    inline: [OnceCell<Slot>; INLINE],
    more: RefCell<Vec<Slot>>,
}

/// How many values a memo holds without allocating a vector.
const INLINE: usize = 2;

type Slot = (TypeId, Rc<dyn Any>);

impl Memo {
    /// The value of type `T`, made by `make` on the first call.
    pub fn get_or_make<T: 'static>(&self, make: impl FnOnce() -> T) -> Rc<T> {
        if let Some(v) = self.find::<T>() {
            return v;
        }
        // made with no borrow held: `make` may use the memo itself
        let v = Rc::new(make());
        let slot: Slot = (TypeId::of::<T>(), v.clone() as Rc<dyn Any>);
        match self.inline.iter().find(|c| c.get().is_none()) {
            Some(free) => {
                let _ = free.set(slot);
            }
            None => self.more.borrow_mut().push(slot),
        }
        v
    }

    fn find<T: 'static>(&self) -> Option<Rc<T>> {
        let want = TypeId::of::<T>();
        if let Some((_, v)) = self
            .inline
            .iter()
            .filter_map(OnceCell::get)
            .find(|(t, _)| *t == want)
        {
            return v.clone().downcast::<T>().ok();
        }
        let more = self.more.borrow();
        let (_, v) = more.iter().find(|(t, _)| *t == want)?;
        v.clone().downcast::<T>().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_memo_makes_each_type_once_and_keeps_types_apart() {
        struct A(u32);
        struct B(u32);
        let m = Memo::default();
        let mut calls = 0;
        assert_eq!(
            m.get_or_make(|| {
                calls += 1;
                A(1)
            })
            .0,
            1
        );
        assert_eq!(m.get_or_make(|| A(2)).0, 1, "made once");
        // a value made while another is being made
        let b = m.get_or_make(|| B(m.get_or_make(|| A(3)).0 + 10));
        assert_eq!(b.0, 11);
        assert_eq!(calls, 1);
        // more types than sit inline: the rest are kept too
        struct C(u32);
        struct D(u32);
        assert_eq!(m.get_or_make(|| C(5)).0, 5);
        assert_eq!(m.get_or_make(|| D(6)).0, 6);
        assert_eq!(m.get_or_make(|| C(7)).0, 5);
        assert_eq!(m.get_or_make(|| A(8)).0, 1);
        assert_eq!(m.get_or_make(|| B(9)).0, 11);
        assert_eq!(m.get_or_make(|| D(10)).0, 6);
    }

    #[test]
    fn simplified_blanks_pinyin_and_keeps_offsets() {
        let config = Config::default();
        let switches = Switches::default();
        let t = "見習(xí)記者";
        let ctx = ParaCtx::new(t, t, BlockKind::Para, DocKind::Plain, &config, &switches);
        let s = ctx.simplified();
        assert_eq!(s.len(), t.len());
        assert!(s.starts_with("见习\u{1}"), "{s:?}");
        assert!(s.ends_with("记者"));
    }
}
