//! What the fuzz targets share: every `zhproof::` path they use (one place
//! to re-point when the library's public API moves), the one-time warm-up,
//! and the checks of ranges and findings.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, Once};

// ---- the library's API, as the targets use it ----
pub use zhproof::core::{
    analyze, apply_edits, fix_all_edits, fix_until_stable, hover, parse_config, warm_up, Analysis,
    Analyzer, Config, DocKind, Edit, Finding, HoverIndex, Section,
};
pub use zhproof::lsp::parse_settings;
pub use zhproof::lsp::position::{to_byte, to_pos, Encoding, Pos, PosCursor, PosTable};

/// Load the dictionary and the rules' tables once per process, so that an
/// input's time is the analysis of that input.
pub fn warm() {
    static ONCE: Once = Once::new();
    ONCE.call_once(warm_up);
}

/// The input as text (invalid bytes become U+FFFD, so no input is wasted).
pub fn text_of(data: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// The document kind an input asks for (its first byte), and the rest.
pub fn kind_and_rest(data: &[u8]) -> (DocKind, &[u8]) {
    match data.split_first() {
        Some((b, rest)) if b & 1 == 1 => (DocKind::Markdown, rest),
        Some((_, rest)) => (DocKind::Plain, rest),
        None => (DocKind::Plain, data),
    }
}

pub fn default_config() -> Arc<Config> {
    Arc::new(Config::default())
}

/// `r` is a range of `text` whose ends are character boundaries.
pub fn assert_range(text: &str, r: &Range<usize>, what: &str) {
    assert!(
        r.start <= r.end && r.end <= text.len(),
        "{what}: range {r:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "{what}: range {r:?} not on character boundaries"
    );
}

/// Every finding's range, related range and fix edit lies on character
/// boundaries of `text`, and the findings are sorted by position.
pub fn check_findings(text: &str, findings: &[Finding]) {
    for f in findings {
        assert_range(text, &f.range, f.code);
        assert!(!f.message.is_empty(), "{}: empty message", f.code);
        for r in &f.related {
            assert_range(text, &r.range, f.code);
        }
        if let Some(fix) = &f.fix {
            for e in &fix.edits {
                assert_range(text, &e.range, f.code);
            }
        }
    }
    for w in findings.windows(2) {
        assert!(
            w[0].range.start <= w[1].range.start,
            "findings out of order: {:?} then {:?}",
            w[0].range,
            w[1].range
        );
    }
}

/// No rule panicked (the analyzer catches a panic and records it: a caught
/// panic is a bug all the same).
pub fn check_no_panics(a: &Analysis) {
    assert!(a.panics.is_empty(), "a rule panicked: {:?}", a.panics);
}

/// Every section (and its children) lies in `text`, on boundaries.
pub fn check_sections(text: &str, sections: &[Section]) {
    for s in sections {
        assert_range(text, &s.range, "section");
        assert_range(text, &s.selection, "section heading");
        check_sections(text, &s.children);
    }
}

/// The largest character boundary at or before `b` (clamped to the text).
pub fn floor_boundary(text: &str, b: usize) -> usize {
    let mut b = b.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    b
}
