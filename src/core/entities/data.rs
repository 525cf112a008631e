//! The word lists of the entity recognizer, loaded from `data/` (surnames,
//! titles, places, organization endings, and the `entity_*.txt` lists of
//! cues and non-names), and the per-character classes built from them.
//!
//! Everything sits behind two `LazyLock`s ([`DATA`] and [`SETS`]), parsed
//! once on first use through the one loader [`crate::core::data`].

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::core::chars::{is_han, CharSet, WordTable};
use crate::core::data::{self, data_file};

/// A set of words.
pub(super) type WordSet = WordTable<()>;

/// The gazetteers and tables that the per-token checks read.
pub(super) struct Data {
    /// One-character surnames.
    pub surnames: CharSet,
    pub compound_surnames: WordSet,
    /// First characters of the compound surnames.
    pub compound_first: CharSet,
    /// Places: full names and safe short forms.
    pub places: WordSet,
    /// Title → held by many people at once (记者, 代表…).
    pub titles: WordTable<bool>,
    /// Longest title, in chars.
    pub title_max: usize,
    /// Characters a name never ends with (`entity_not_name_last.txt`).
    pub suffix_chars: CharSet,
    /// The classes (`C_*` bits) of every BMP character, by code point.
    class: Box<[u8; 0x1_0000]>,
    /// The classes of the characters beyond the BMP that have any.
    class_astral: HashMap<char, u8>,
    /// Organization endings and their kind.
    pub org_suffixes: WordTable<SuffixKind>,
    /// Longest organization ending, in chars.
    pub org_suffix_max: usize,
}

/// Character classes ([`Data::class`]).
pub(super) const C_SURNAME: u8 = 1;
pub(super) const C_COMPOUND_FIRST: u8 = 2;
/// Ends a title.
pub(super) const C_TITLE_LAST: u8 = 4;
/// Ends an organization ending.
pub(super) const C_ORG_LAST: u8 = 8;
/// Ends an administrative ending ([`Sets::admin`]).
pub(super) const C_ADMIN_LAST: u8 = 16;
/// Ends a place name of the gazetteer.
pub(super) const C_PLACE_LAST: u8 = 32;
/// Ends one of [`Sets::known_orgs`].
pub(super) const C_KNOWN_ORG_LAST: u8 = 64;
/// A CJK ideograph ([`is_han`]).
pub(super) const C_HAN: u8 = 128;
/// May start a name: a surname or the start of a compound one.
pub(super) const C_NAME_START: u8 = C_SURNAME | C_COMPOUND_FIRST;

impl Data {
    /// The classes (`C_*` bits) of `c`.
    #[inline(always)]
    pub fn class(&self, c: char) -> u8 {
        let u = c as u32;
        if u < 0x1_0000 {
            self.class[u as usize & 0xFFFF]
        } else {
            self.astral_class(c)
        }
    }

    #[cold]
    fn astral_class(&self, c: char) -> u8 {
        let k = self.class_astral.get(&c).copied().unwrap_or(0);
        if is_han(c) {
            k | C_HAN
        } else {
            k
        }
    }
}

/// What an organization ending says about the name it ends.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum SuffixKind {
    /// `集团`, `大学`, `委员会`…
    Plain,
    /// One-character organ ending (`局`, `部`, `办`, `厅`): needs a name of ≥ 2 chars.
    Organ,
    /// Development zone run as an organization (`经济区`).
    Zone,
}

/// The tables of the recognizer, built on first use.
pub(super) static DATA: LazyLock<Data> = LazyLock::new(|| {
    let (surnames, compound_surnames) = load_surnames();
    let places = load_places();
    let titles = load_titles();
    let org_suffixes = load_org_suffixes();
    let title_max = titles.keys().map(|t| char_count(t)).max().unwrap_or(1);
    let org_suffix_max = org_suffixes
        .keys()
        .map(|s| char_count(s))
        .max()
        .unwrap_or(1);
    let mut compound_first = CharSet::new();
    for s in compound_surnames.keys() {
        if let Some(c) = s.chars().next() {
            compound_first.insert(c);
        }
    }
    let mut suffix_chars = CharSet::new();
    for c in data::entries(data_file!("entity_not_name_last.txt")).flat_map(str::chars) {
        suffix_chars.insert(c);
    }
    let (class, class_astral) = classes(&compound_surnames, &titles, &places, &org_suffixes);
    Data {
        class,
        class_astral,
        compound_first,
        suffix_chars,
        surnames,
        compound_surnames,
        places,
        titles,
        title_max,
        org_suffixes,
        org_suffix_max,
    }
});

/// One-character surnames and compound surnames (`surnames.txt`).
fn load_surnames() -> (CharSet, WordSet) {
    let mut surnames = CharSet::new();
    let mut compound_surnames = WordTable::new();
    for l in data::entries(data_file!("surnames.txt")) {
        let mut cs = l.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) => surnames.insert(c),
            _ => {
                compound_surnames.insert(l, ());
            }
        }
    }
    (surnames, compound_surnames)
}

/// The gazetteer (`places.txt`) with the short forms of its names.
fn load_places() -> WordSet {
    let mut places = WordTable::new();
    for l in data::entries(data_file!("places.txt")) {
        let (name, full_only) = match l.strip_suffix('*') {
            Some(n) => (n, true),
            None => (l, false),
        };
        places.insert(name, ());
        if full_only {
            continue;
        }
        if let Some(suf) = SETS.short_endings.iter().find(|s| name.ends_with(*s)) {
            let short = &name[..name.len() - suf.len()];
            if short.chars().count() >= 2 {
                places.insert(short, ());
            }
        }
    }
    places
}

/// Titles (`titles.txt`), each with whether many people hold it at once.
fn load_titles() -> WordTable<bool> {
    let mut titles = WordTable::new();
    for l in data::entries(data_file!("titles.txt")) {
        match l.strip_suffix('*') {
            Some(t) => titles.insert(t, true),
            None => titles.insert(l, false),
        };
    }
    titles
}

/// Organization endings (`org_suffixes.txt`) and their kinds.
fn load_org_suffixes() -> WordTable<SuffixKind> {
    data::entries(data_file!("org_suffixes.txt"))
        .map(|l| {
            if let Some(s) = l.strip_suffix('!') {
                (s, SuffixKind::Organ)
            } else if let Some(s) = l.strip_suffix('=') {
                (s, SuffixKind::Zone)
            } else {
                (l, SuffixKind::Plain)
            }
        })
        .collect()
}

/// The class table of every character ([`Data::class`]).
fn classes(
    compound_surnames: &WordSet,
    titles: &WordTable<bool>,
    places: &WordSet,
    org_suffixes: &WordTable<SuffixKind>,
) -> (Box<[u8; 0x1_0000]>, HashMap<char, u8>) {
    let mut class: Box<[u8; 0x1_0000]> = vec![0u8; 0x1_0000]
        .into_boxed_slice()
        .try_into()
        .unwrap_or_else(|_| unreachable!());
    let mut class_astral = HashMap::new();
    let mut mark = |c: char, bit: u8| match class.get_mut(c as usize) {
        Some(k) => *k |= bit,
        None => *class_astral.entry(c).or_insert(0) |= bit,
    };
    let firsts = |t: &WordSet| -> Vec<char> { t.keys().filter_map(|w| w.chars().next()).collect() };
    let lasts = |ws: &mut dyn Iterator<Item = &&'static str>| -> Vec<char> {
        ws.filter_map(|w| w.chars().next_back()).collect()
    };
    let surname_chars = data::entries(data_file!("surnames.txt"))
        .filter(|l| l.chars().count() == 1)
        .filter_map(|l| l.chars().next());
    for c in surname_chars {
        mark(c, C_SURNAME);
    }
    for c in firsts(compound_surnames) {
        mark(c, C_COMPOUND_FIRST);
    }
    for c in lasts(&mut titles.keys()) {
        mark(c, C_TITLE_LAST);
    }
    for c in lasts(&mut org_suffixes.keys()) {
        mark(c, C_ORG_LAST);
    }
    for c in lasts(&mut places.keys()) {
        mark(c, C_PLACE_LAST);
    }
    for c in lasts(&mut SETS.known_orgs.keys()) {
        mark(c, C_KNOWN_ORG_LAST);
    }
    for c in lasts(&mut SETS.admin.keys()) {
        mark(c, C_ADMIN_LAST);
    }
    for (u, k) in class.iter_mut().enumerate() {
        if char::from_u32(u as u32).is_some_and(is_han) {
            *k |= C_HAN;
        }
    }
    (class, class_astral)
}

/// The word lists of the `entity_*.txt` files.
pub(super) struct Sets {
    /// Words jieba tags as names that are not names (`entity_not_names.txt`).
    pub not_names: WordSet,
    /// Forms of address in place of a given name (`entity_address.txt`).
    pub address: WordSet,
    /// `ns` words that are not places (`entity_not_places.txt`).
    pub ns_stop: WordSet,
    /// Endings that make any word generic, no place (`城市`, `社区`).
    pub not_place_endings: Vec<&'static str>,
    /// The last characters of [`Sets::not_place_endings`].
    pub not_place_last: CharSet,
    /// Stems that make a generic administrative word (`entity_generic_stems.txt`).
    pub stem_stop: WordSet,
    /// Kinds of bodies, not one body (`entity_generic_orgs.txt`).
    pub generic_org: WordSet,
    /// Common words that look like organ endings (`entity_not_org_endings.txt`).
    pub not_org_endings: WordSet,
    /// Quantifiers and demonstratives (`entity_quantifiers.txt`).
    pub quant: WordSet,
    /// The first characters of [`Sets::quant`].
    pub quant_first: CharSet,
    /// Reporting verbs after a speaker (`entity_speech_verbs.txt`).
    pub speech: WordSet,
    /// Reporting verbs that count at the start of a longer token.
    pub speech_prefixes: Vec<&'static str>,
    /// Titles after a name (`entity_post_titles.txt`).
    pub post_titles: WordSet,
    /// Those of [`Sets::post_titles`] that are forms of address, no role.
    pub address_only: WordSet,
    /// Organizations without an ending (`entity_known_orgs.txt`).
    pub known_orgs: WordSet,
    /// Department functions kept before an organ ending (`entity_dept_words.txt`).
    pub dept_words: WordSet,
    /// Administrative endings of place names (`街道`, `区`).
    pub admin: WordSet,
    /// Longest administrative ending, in chars.
    pub admin_max: usize,
    /// Endings stripped from a gazetteer name for its short form, in order.
    pub short_endings: Vec<&'static str>,
    /// Last characters of natural features (`河`, `岛`).
    pub feature_last: CharSet,
    /// Characters jieba glues to a four-character name after a title (`作`).
    pub glue_after_title: CharSet,
    /// Characters jieba glues after a compound-surname name (`在`).
    pub glue_compound: CharSet,
    /// Credit marks stripped from the start of a byline segment, in order.
    pub byline_heads: Vec<&'static str>,
    /// Endings of byline roles (`记者`, `通讯员`).
    pub byline_roles: Vec<&'static str>,
    /// Words starting with `局`/`办` that are no glued organ ending.
    pub not_glued_organs: WordSet,
    /// Words that introduce an alias (`以下简称`), in order.
    pub alias_leads: Vec<&'static str>,
}

/// The first fields of a data file, as a set.
fn word_set(src: &'static str) -> WordSet {
    data::entries(src).collect()
}

/// The entries of a data file whose second field lists `use` (comma-separated).
fn with_use(src: &'static str, use_: &'static str) -> impl Iterator<Item = &'static str> {
    data::lines(src).filter_map(move |f| {
        let uses = f.get(1).copied().unwrap_or("");
        let first = f.first().copied()?;
        uses.split(',').any(|u| u.trim() == use_).then_some(first)
    })
}

/// The characters of the entries of a data file whose second field lists `use`.
fn char_set(src: &'static str, use_: &'static str) -> CharSet {
    let mut set = CharSet::new();
    for c in with_use(src, use_).flat_map(str::chars) {
        set.insert(c);
    }
    set
}

/// The last characters of some words.
fn last_chars<'w>(words: impl Iterator<Item = &'w &'static str>) -> CharSet {
    let mut set = CharSet::new();
    for c in words.filter_map(|w| w.chars().next_back()) {
        set.insert(c);
    }
    set
}

/// The `entity_*.txt` word lists, built on first use.
pub(super) static SETS: LazyLock<Sets> = LazyLock::new(|| {
    let quant = word_set(data_file!("entity_quantifiers.txt"));
    let mut quant_first = CharSet::new();
    for c in quant.keys().filter_map(|q| q.chars().next()) {
        quant_first.insert(c);
    }
    let not_places = data_file!("entity_not_places.txt");
    let not_place_endings: Vec<&str> = with_use(not_places, "ending").collect();
    let post = data_file!("entity_post_titles.txt");
    let endings = data_file!("entity_place_endings.txt");
    let admin: WordSet = with_use(endings, "admin").collect();
    let glue = data_file!("entity_name_glue.txt");
    let byline = data_file!("entity_byline.txt");
    Sets {
        not_names: word_set(data_file!("entity_not_names.txt")),
        address: word_set(data_file!("entity_address.txt")),
        ns_stop: word_set(not_places),
        not_place_last: last_chars(not_place_endings.iter()),
        not_place_endings,
        stem_stop: word_set(data_file!("entity_generic_stems.txt")),
        generic_org: word_set(data_file!("entity_generic_orgs.txt")),
        not_org_endings: word_set(data_file!("entity_not_org_endings.txt")),
        quant,
        quant_first,
        speech: word_set(data_file!("entity_speech_verbs.txt")),
        speech_prefixes: with_use(data_file!("entity_speech_verbs.txt"), "prefix").collect(),
        post_titles: word_set(post),
        address_only: with_use(post, "address").collect(),
        known_orgs: word_set(data_file!("entity_known_orgs.txt")),
        dept_words: word_set(data_file!("entity_dept_words.txt")),
        admin_max: admin.keys().map(|a| char_count(a)).max().unwrap_or(1),
        admin,
        short_endings: with_use(endings, "short").collect(),
        feature_last: char_set(endings, "feature"),
        glue_after_title: char_set(glue, "title"),
        glue_compound: char_set(glue, "compound"),
        byline_heads: with_use(byline, "head").collect(),
        byline_roles: with_use(byline, "role").collect(),
        not_glued_organs: word_set(data_file!("entity_not_glued_organs.txt")),
        alias_leads: data::entries(data_file!("entity_alias_leads.txt")).collect(),
    }
});

/// The organization endings after which a long stem names a government
/// organ by its function (`org_suffixes.txt`, field `function`).
pub(super) static FUNCTION_ENDINGS: LazyLock<WordSet> = LazyLock::new(|| {
    with_use(data_file!("org_suffixes.txt"), "function")
        .map(|s| s.trim_end_matches(['!', '=']))
        .collect()
});

/// Is `c` a one-character surname of `data/surnames.txt`?
#[cfg(test)]
pub fn is_single_surname(c: char) -> bool {
    DATA.surnames.contains(c)
}

/// Is `w` a place name of the gazetteer (full or short form)?
pub fn is_known_place(w: &str) -> bool {
    DATA.places.contains(w)
}

/// Is `t` a title many people hold at once (记者, 代表)? Unknown titles count as shared.
pub fn title_is_shared(t: &str) -> bool {
    let t = t.rsplit(['、', ' ']).next().unwrap_or(t);
    // the longest known title the role ends with
    let mut best: Option<bool> = None;
    for (i, _) in t.char_indices() {
        if let Some(&shared) = DATA.titles.get(&t[i..]) {
            best = Some(shared || t[i..].starts_with('副'));
            break;
        }
    }
    best.unwrap_or(true)
}

/// Does `w` start with a quantifier or demonstrative (`各`, `全`, `该`…)?
pub(super) fn starts_quant(w: &str) -> bool {
    let mut it = w.char_indices();
    let Some((_, c0)) = it.next() else {
        return SETS.quant.contains(w);
    };
    // both candidates start with `c0`
    if !SETS.quant_first.contains(c0) {
        return false;
    }
    let (one, c1) = match it.next() {
        Some((i, c)) => (i, c),
        None => return SETS.quant.get_ends(w, c0, c0).is_some(),
    };
    let two = it.next().map_or(w.len(), |(i, _)| i);
    let q = &SETS.quant;
    q.get_ends(&w[..one], c0, c0).is_some() || q.get_ends(&w[..two], c0, c1).is_some()
}

/// Does `name` end with a common word that only looks like an organ ending (`干部`)?
pub(super) fn ends_not_org(name: &str) -> bool {
    let mut it = name.char_indices().rev();
    let _ = it.next();
    it.next()
        .is_some_and(|(i, _)| SETS.not_org_endings.contains(&name[i..]))
}

/// The number of chars of `s`.
pub(super) fn char_count(s: &str) -> usize {
    s.chars().count()
}
