//! Where suppression comments are, as far as splitting and masking need to
//! know: the comment marker, the two comment syntaxes, "is this line only
//! comments?" and "where are the inline comments?". What the comments mean
//! (which rules, which lines) is `core::suppress`, one layer up.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// What every suppression comment holds (`zhproof-disable`, `zhproof-enable`…).
pub const MARK: &str = "zhproof-";

/// An HTML-comment directive anywhere in a line:
/// `<!-- zhproof-disable-next-line CODE … -->`; group 1 is the keyword,
/// group 2 the codes and reason.
pub(crate) static HTML: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--[ \t]*zhproof-(disable-next-line|disable-line|disable|enable)(?:[ \t]+([^>\r\n]*?))?[ \t]*-->")
        .expect("valid regex")
});

/// A whole-line `%%` directive: `%% zhproof-disable-next-line CODE …`,
/// optionally closed by `%%`; groups as in [`HTML`].
pub(crate) static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[ \t]*%%[ \t]*zhproof-(disable-next-line|disable-line|disable|enable)(?:[ \t]+(.*?))?[ \t]*(?:%%)?[ \t]*$",
    )
    .expect("valid regex")
});

/// Does the text hold the marker anywhere (so that it may hold suppression
/// comments)? One substring search: most texts have none.
pub fn mentions_mark(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), MARK.as_bytes()).is_some()
}

/// Is the line (without terminator) nothing but suppression comments?
pub fn is_directive_line(line: &str) -> bool {
    if !line.contains(MARK) {
        return false;
    }
    if PERCENT.is_match(line) {
        return true;
    }
    let mut any = false;
    let rest = HTML.replace_all(line, |_: &regex::Captures| {
        any = true;
        ""
    });
    any && rest.trim().is_empty()
}

/// Byte ranges of inline HTML-comment directives in a block (for masking).
pub fn comment_ranges(text: &str) -> Vec<Range<usize>> {
    // (a byte search for the first letter before the substring search)
    if memchr::memchr(b'z', text.as_bytes()).is_none() || !text.contains(MARK) {
        return Vec::new();
    }
    HTML.find_iter(text).map(|m| m.range()).collect()
}
