//! Latin words in Chinese text: which lower-case words are at home there
//! (`data/latin_allow.txt`, the user's words), which could be stray, and the
//! connectors `and`/`or` between two Chinese words that read as 和/或. The
//! `latin-stray` rule reports with it; the spacing rules ask it which spaces
//! that rule's fix will remove.

use std::ops::Range;
use std::sync::LazyLock;

use super::chars::{is_han, FxHashSet as HashSet};
use super::data::{self, data_file};
use super::para::ParaCtx;

/// Lower-case Latin words that are at home in Chinese text (terms, units, …).
static ALLOW: LazyLock<HashSet<String>> = LazyLock::new(|| {
    data::entries(data_file!("latin_allow.txt"))
        .map(str::to_ascii_lowercase)
        .collect()
});

/// The Chinese for a connector word (`and` → 和, `or` → 或).
pub fn connector(word: &str) -> Option<&'static str> {
    match word {
        "and" => Some("和"),
        "or" => Some("或"),
        _ => None,
    }
}

/// Is the allow-list loaded with at least `n` entries (for tests)?
#[cfg(test)]
pub fn allow_len() -> usize {
    ALLOW.len()
}

/// A space inside a line, as Latin words are separated.
pub fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}')
}

/// Is `at` inside an unclosed parenthesis of the paragraph?
pub fn in_parens(s: &str, at: usize) -> bool {
    let mut depth = 0i32;
    for c in s[..at].chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth > 0
}

/// Could this Latin word be a stray word at all (before context checks)?
pub fn word_is_stray(ctx: &ParaCtx, core: &str) -> bool {
    if core.chars().count() < 2
        || !core
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '-' || c == '\'')
        || core.starts_with(['-', '\''])
        || core.ends_with(['-', '\''])
    {
        return false; // upper case, digits, accents (pinyin), symbols
    }
    let lower = core.to_ascii_lowercase();
    if ALLOW.contains(&lower) {
        return false;
    }
    !ctx.config
        .words
        .iter()
        .any(|w| w.trim().eq_ignore_ascii_case(core))
}

/// For a connector word (`and`/`or`) at `word` that sits between two Chinese
/// characters (with optional spaces), the range its fix replaces (spaces
/// included); None if it is not in that shape.
pub fn connector_fix_range(s: &str, word: Range<usize>) -> Option<Range<usize>> {
    connector(s.get(word.clone())?)?;
    let before = &s[..word.start];
    let a = word.start - (before.len() - before.trim_end_matches(is_space).len());
    let after = &s[word.end..];
    let e = word.end + (after.len() - after.trim_start_matches(is_space).len());
    let ok = s
        .get(..a)
        .and_then(|p| p.chars().next_back())
        .is_some_and(is_han)
        && s.get(e..)
            .and_then(|p| p.chars().next())
            .is_some_and(is_han);
    (ok && !in_parens(s, a)).then_some(a..e)
}

/// Is the whitespace `run` one of the spaces around a connector word that
/// `latin-stray` will replace (so the spacing rules leave it alone)?
pub fn connector_at(ctx: &ParaCtx, run: &Range<usize>) -> bool {
    let s = ctx.masked;
    let b = s.as_bytes();
    // the word right after the run
    let mut e = run.end;
    while e < b.len() && b[e].is_ascii_lowercase() {
        e += 1;
    }
    // the word right before the run
    let mut a = run.start;
    while a > 0 && b[a - 1].is_ascii_lowercase() {
        a -= 1;
    }
    let candidates = [run.end..e, a..run.start];
    candidates.into_iter().any(|w| {
        !w.is_empty()
            && (w.start == 0 || !b[w.start - 1].is_ascii_alphanumeric())
            && (w.end == b.len() || !b[w.end].is_ascii_alphanumeric())
            && s.get(w.clone()).is_some_and(|t| word_is_stray(ctx, t))
            && connector_fix_range(s, w).is_some()
    })
}
