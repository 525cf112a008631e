//! The people pass of the recognizer: names after a title (`宣传部长付荣云`,
//! chains `市南区常委、宣传部长付荣云`, lists `副区长王建国、李红军`), in a
//! byline, before a reporting verb (`付荣云指出`) or a title (`吴庆文书记`),
//! and bare `nr` words kept as unconfirmed.

use std::ops::Range;

use super::data::{Data, C_COMPOUND_FIRST, C_SURNAME, C_TITLE_LAST, DATA, SETS};
use super::recognizer::{more_chars_than, offset_in, split_ws, Cand, Rec};
use super::tokens::{
    is_function_tag, is_oov, material, next_may, person_shape, proper_oov, tok_shape, MAY_NAME,
    MAY_NAME_HAN,
};
use super::EntityKind;
use crate::core::chars::is_han;

/// A confident person candidate.
fn person(range: Range<usize>, roles: Vec<Box<str>>, title: Option<Box<str>>) -> Cand {
    Cand {
        range,
        kind: EntityKind::Person,
        roles,
        title,
        aliases: Vec::new(),
        confident: true,
    }
}

impl Rec<'_> {
    /// Add a confident person (or its roles to the one already at `range`).
    fn add_person(&mut self, range: Range<usize>, roles: Vec<Box<str>>, title: Option<Box<str>>) {
        if let Some(p) = self
            .people
            .iter_mut()
            .find(|p| p.range == range && p.confident)
        {
            for r in roles {
                if !p.roles.contains(&r) {
                    p.roles.push(r);
                }
            }
            if p.title.is_none() {
                p.title = title;
            }
            return;
        }
        if self.has_person(&range) {
            return;
        }
        self.people.push(person(range, roles, title));
    }

    /// `□半岛记者 高晓飞 通讯员 沈明书 李伟 滕媛`: names after a title, space-separated.
    pub(super) fn byline(&mut self) {
        let s = self.s;
        let mut role: Option<Box<str>> = None;
        let mut found = Vec::new();
        for (_, seg) in split_ws(s) {
            let clean = byline_segment(seg);
            if clean.is_empty() {
                continue;
            }
            let titled = SETS.byline_roles.iter().any(|t| clean.ends_with(t));
            if titled {
                role = Some(clean.into());
            } else if let Some(r) = &role {
                if person_shape(clean) {
                    let at = offset_in(s, clean);
                    found.push((at..at + clean.len(), r.clone()));
                } else {
                    role = None;
                }
            }
        }
        for (range, r) in found {
            self.add_person(range, vec![r.clone()], Some(r));
        }
    }

    /// The longest title that the text ends with at byte `end` (spaces skipped).
    fn title_before(&self, end: usize) -> Option<Range<usize>> {
        let s = self.s;
        let head = s.get(..end)?;
        let trimmed = head.trim_end_matches([' ', '\u{3000}']);
        let e = trimmed.len();
        let d = &*DATA;
        // every title ends with one of a few characters
        let last = trimmed.chars().next_back()?;
        if d.class(last) & C_TITLE_LAST == 0 {
            return None;
        }
        let mut best = None;
        for (n, (i, c)) in trimmed.char_indices().rev().enumerate() {
            if n >= d.title_max {
                break;
            }
            if d.titles.get_ends(&trimmed[i..], c, last).is_some() {
                best = Some(i..e);
            }
        }
        best
    }

    /// A role segment ending at `end` (a title, with the organization words before it).
    fn role_segment(&self, title_start: usize, end: usize) -> Range<usize> {
        let mut start = title_start;
        // the token containing the title start, then material tokens to the left
        let i = self.toks.partition_point(|t| t.range.end <= title_start);
        if let Some(t) = self.toks.get(i) {
            if t.range.start < title_start && t.range.end > title_start {
                start = t.range.start;
            }
        }
        let first = self.toks.partition_point(|t| t.range.end <= start);
        let mut j = first;
        while j > 0 {
            let t = &self.toks[j - 1];
            if t.range.end != start || !material(t, true) {
                break;
            }
            if t.is_nr() && tok_shape(&DATA, t) {
                break;
            }
            if more_chars_than(&self.s[t.range.start..end], 14) {
                break;
            }
            start = t.range.start;
            j -= 1;
        }
        // a verb does not start a role (支持/企业董事长)
        while j < first && matches!(self.toks[j].tag, "v" | "vn") {
            j += 1;
            start = self.toks.get(j).map_or(start, |t| t.range.start);
        }
        start..end
    }

    /// Roles in a chain ending with `seg`: `市南区常委、宣传部长`.
    fn role_chain(&self, seg: Range<usize>) -> Vec<Box<str>> {
        let s = self.s;
        let mut roles: Vec<Box<str>> = vec![s[seg.clone()].into()];
        let mut at = seg.start;
        for _ in 0..4 {
            let Some(before) = s.get(..at) else { break };
            let Some(p) = before.strip_suffix('、') else {
                break;
            };
            let Some(t) = self.title_before(p.len()) else {
                break;
            };
            if t.end != p.len() {
                break;
            }
            let seg = self.role_segment(t.start, t.end);
            roles.insert(0, s[seg.clone()].into());
            at = seg.start;
        }
        roles
    }

    /// The name that starts at token `i` right after a title, as a byte range.
    fn name_after_title(&self, i: usize) -> Option<Range<usize>> {
        let t = &self.toks[i];
        let n = t.chars();
        let d = &*DATA;
        if (2..=4).contains(&n) && tok_shape(d, t) && (t.is_nr() || is_oov(t.word)) {
            return Some(self.compound_tail(i).unwrap_or(t.range.clone()));
        }
        // `赵雪梅作`: jieba glued a verb to the name
        if t.is_nr() && n == 4 {
            let (cut, last) = t.word.char_indices().nth(3)?;
            if SETS.glue_after_title.contains(last) && person_shape(&t.word[..cut]) {
                return Some(t.range.start..t.range.start + cut);
            }
        }
        // `罗/武侠`: surname split off the given name
        if n == 1 && t.fc & C_SURNAME != 0 {
            let u = self.next_contiguous(i)?;
            let m = u.chars();
            // (a time word or a verb does not finish a name either)
            let function = is_function_tag(u.tag) || matches!(u.tag, "t" | "v" | "vn");
            let joined = &self.s[t.range.start..u.range.end];
            if (1..=2).contains(&m) && !function && person_shape(joined) {
                return Some(t.range.start..u.range.end);
            }
        }
        None
    }

    /// A name at token `i` as jieba gives it: an `nr` or unknown word of name
    /// shape, or a surname split off an `nr` given name (`罗/武侠`).
    /// Returns the range and the index of its last token.
    fn strict_name(&self, i: usize) -> Option<(Range<usize>, usize)> {
        let t = &self.toks[i];
        let d = &*DATA;
        if t.chars() == 1 && t.fc & C_SURNAME != 0 {
            return self.split_name(i).map(|r| (r, i + 1));
        }
        let ok = (2..=4).contains(&t.chars())
            && tok_shape(d, t)
            && (t.is_nr() || (t.tag != "ns" && t.tag != "nt" && proper_oov(t.word, t.tag)));
        if !ok {
            return None;
        }
        match self.compound_tail(i) {
            // a lone char completes the name (欧阳明/华/指出); a glued one
            // (欧阳明/华在) leaves no token to read evidence from
            Some(r) if self.toks.get(i + 1).is_some_and(|u| u.range.end == r.end) => {
                Some((r, i + 1))
            }
            Some(r) => Some((r, i)),
            None => Some((t.range.clone(), i)),
        }
    }

    /// `罗/武侠`: a one-char surname token `i` and the `nr` given name after it.
    fn split_name(&self, i: usize) -> Option<Range<usize>> {
        let t = &self.toks[i];
        let u = self.next_contiguous(i)?;
        let joined = &self.s[t.range.start..u.range.end];
        (u.is_nr() && (1..=2).contains(&u.chars()) && person_shape(joined))
            .then_some(t.range.start..u.range.end)
    }

    /// `欧阳明/华在`: jieba cut the last given-name char of a compound-surname
    /// name off and glued it to a function word (or left it alone).
    fn compound_tail(&self, i: usize) -> Option<Range<usize>> {
        let t = &self.toks[i];
        if t.chars() != 3 || t.fc & C_COMPOUND_FIRST == 0 {
            return None;
        }
        let (k, _) = t.word.char_indices().nth(2)?;
        if !DATA.compound_surnames.contains(&t.word[..k]) {
            return None;
        }
        let u = self.next_contiguous(i)?;
        let mut cs = u.word.chars();
        let c = cs.next()?;
        let rest = cs.as_str();
        let mut rest_chars = rest.chars();
        let glued = match (rest_chars.next(), rest_chars.next()) {
            (Some(g), None) => SETS.glue_compound.contains(g),
            _ => false,
        };
        let alone = rest.is_empty()
            && !matches!(
                u.tag,
                "p" | "c" | "u" | "uj" | "ul" | "d" | "r" | "m" | "q" | "f" | "v"
            );
        let name = &self.s[t.range.start..u.range.start + c.len_utf8()];
        (is_han(c) && (glued || alone) && person_shape(name))
            .then(|| t.range.start..u.range.start + c.len_utf8())
    }

    /// The people pass: confirmed names first, then unconfirmed ones.
    pub(super) fn people(&mut self) {
        let d = &*DATA;
        // where nothing starts a name there is no name (strict or after a title)
        let mut i = 0;
        while let Some(k) = next_may(&self.toks, i, MAY_NAME_HAN) {
            i = self.person_at(d, k);
        }
        self.unconfirmed(d);
    }

    /// Unconfirmed: bare nr words of name shape (and `罗/武侠` splits); both
    /// kinds start with a surname (or a compound one).
    fn unconfirmed(&mut self, d: &Data) {
        let mut i = 0;
        while let Some(k) = next_may(&self.toks, i, MAY_NAME) {
            i = k + 1;
            let t = &self.toks[k];
            let range = if t.is_nr() && (2..=3).contains(&t.chars()) && tok_shape(d, t) {
                Some(t.range.clone())
            } else if t.chars() == 1 && t.fc & C_SURNAME != 0 {
                self.split_name(k)
            } else {
                None
            };
            if let Some(range) = range {
                if !self.has_person(&range) {
                    self.people.push(Cand {
                        confident: false,
                        ..person(range, Vec::new(), None)
                    });
                }
            }
        }
    }

    /// A person named at token `i` (which may start a name); the token to go on from.
    #[inline(never)]
    fn person_at(&mut self, d: &Data, i: usize) -> usize {
        let strict = self.strict_name(i);
        let next_i = strict.as_ref().map_or(i, |(_, last)| *last) + 1;
        // 1. a title right before the name
        if let Some(end) = self.titled_person(d, i) {
            return next_i.max(self.toks.partition_point(|t| t.range.start < end));
        }
        // 2. a reporting verb or a title right after it
        if let Some((name, last)) = strict {
            self.person_before_cue(name, last, self.toks[i].range.start);
        }
        next_i
    }

    /// A title right before a name at token `i`: the person, with the names
    /// listed after it; the end of the person's name.
    fn titled_person(&mut self, d: &Data, i: usize) -> Option<usize> {
        let t = &self.toks[i];
        let (start, w) = (t.range.start, t.word);
        let could_start = t.fc & C_SURNAME != 0
            || (t.n >= 3
                && t.fc & C_COMPOUND_FIRST != 0
                && w.char_indices()
                    .nth(2)
                    .is_some_and(|(k, _)| d.compound_surnames.contains(&w[..k])));
        if !could_start {
            return None;
        }
        // the char before the name must end a title: when the token
        // before ends right here with no space, that is its last char
        let no_title = i > 0 && {
            let p = &self.toks[i - 1];
            p.range.end == start
                && p.n > 0
                && !matches!(p.last, ' ' | '\u{3000}')
                && p.lc & C_TITLE_LAST == 0
        };
        if no_title {
            return None;
        }
        let title = self.title_before(start)?;
        let name = self.name_after_title(i)?;
        let seg = self.role_segment(title.start, title.end);
        let roles = self.role_chain(seg.clone());
        let title_text: Box<str> = self.s[seg].into();
        let end = name.end;
        self.add_person(name, roles.clone(), Some(title_text.clone()));
        self.name_list(end, &roles, &title_text);
        Some(end)
    }

    /// A strict name (`name`, ending at token `last`, starting at byte
    /// `start`) followed by a reporting verb or a title: a person.
    fn person_before_cue(&mut self, name: Range<usize>, last: usize, start: usize) {
        let Some(u) = self.next_contiguous(last) else {
            return;
        };
        let post = u.word;
        let sets = &*SETS;
        let speech =
            u.is_in(&sets.speech) || sets.speech_prefixes.iter().any(|v| post.starts_with(v));
        if speech {
            self.add_person(name, Vec::new(), None);
        } else if u.is_in(&sets.post_titles) {
            let mut roles = Vec::new();
            if !sets.address_only.contains(post) {
                let seg = self.role_segment(start, start);
                let role = if seg.start < start {
                    format!("{}{}", &self.s[seg.clone()], post)
                } else {
                    post.to_string()
                };
                roles = self.role_chain(seg.start..seg.start);
                roles.pop();
                roles.push(role.into());
            }
            self.add_person(name, roles, None);
        }
    }

    /// `市领导张三、李四出席`: further nr names after `、` share the roles.
    fn name_list(&mut self, mut end: usize, roles: &[Box<str>], title: &str) {
        for _ in 0..6 {
            let Some(rest) = self.s.get(end..) else {
                return;
            };
            let Some(after) = rest.strip_prefix('、') else {
                return;
            };
            let at = self.s.len() - after.len();
            let Some(j) = self.tok_at(at) else { return };
            let t = &self.toks[j];
            let Some(range) = self.name_after_title(j) else {
                return;
            };
            // a bare word must be tagged as a name, a split one (李/红军) starts with a surname
            if range == t.range && !t.is_nr() && !proper_oov(t.word, t.tag) {
                return;
            }
            end = range.end;
            self.add_person(range, roles.to_vec(), Some(title.into()));
        }
    }
}

/// A byline segment without its marks (`□`, `【`), credit heads (`文/`) and
/// closing brackets.
fn byline_segment(seg: &str) -> &str {
    let clean_start = seg
        .char_indices()
        .find(|&(_, c)| !matches!(c, '□' | '■' | '◎' | '●' | '【' | '[' | '（' | '('))
        .map(|(i, _)| i)
        .unwrap_or(seg.len());
    let mut clean = &seg[clean_start..];
    for head in &SETS.byline_heads {
        if let Some(rest) = clean.strip_prefix(head) {
            clean = rest;
        }
    }
    clean.trim_end_matches([']', '】', '）', ')'])
}
