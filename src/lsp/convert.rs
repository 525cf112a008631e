//! Core findings and sections → LSP types.

use ropey::Rope;
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DocumentSymbol, Location,
    NumberOrString, Position, Range, SymbolKind, TextEdit, Uri,
};

use super::position::{to_pos, Encoding, Pos};
use crate::core::outline::Section;
use crate::core::{Edit, Finding, Severity};

pub fn pos(p: Pos) -> Position {
    Position {
        line: p.line,
        character: p.character,
    }
}

pub fn range(rope: &Rope, r: &std::ops::Range<usize>, enc: Encoding) -> Range {
    Range {
        start: pos(to_pos(rope, r.start, enc)),
        end: pos(to_pos(rope, r.end, enc)),
    }
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

pub fn diagnostic(uri: &Uri, rope: &Rope, f: &Finding, enc: Encoding) -> Diagnostic {
    diagnostic_with(uri, f, &|r| range(rope, r, enc))
}

/// A diagnostic, with `conv` turning byte ranges into LSP ranges.
pub fn diagnostic_with(
    uri: &Uri,
    f: &Finding,
    conv: &dyn Fn(&std::ops::Range<usize>) -> Range,
) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range: conv(&r.range),
            },
            message: r.message.to_string(),
        })
        .collect();
    Diagnostic {
        range: conv(&f.range),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.code.to_string())),
        code_description: None,
        source: Some("zhproof".to_string()),
        message: f.message.to_string(),
        related_information: if related.is_empty() {
            None
        } else {
            Some(related)
        },
        tags: None,
        data: None,
    }
}

pub fn text_edit(rope: &Rope, e: &Edit, enc: Encoding) -> TextEdit {
    TextEdit {
        range: range(rope, &e.range, enc),
        new_text: e.replacement.to_string(),
    }
}

/// A text edit, with `conv` turning byte ranges into LSP ranges.
pub fn text_edit_with(e: &Edit, conv: &dyn Fn(&std::ops::Range<usize>) -> Range) -> TextEdit {
    TextEdit {
        range: conv(&e.range),
        new_text: e.replacement.to_string(),
    }
}

#[allow(deprecated)]
pub fn symbol(rope: &Rope, s: &Section, enc: Encoding) -> DocumentSymbol {
    let full = range(rope, &s.range, enc);
    let mut sel = range(rope, &s.selection, enc);
    // selectionRange must be inside range
    if sel.start < full.start || sel.end > full.end {
        sel = Range {
            start: full.start,
            end: full.start,
        };
    }
    DocumentSymbol {
        name: if s.name.trim().is_empty() {
            "（无标题）".to_string()
        } else {
            s.name.clone()
        },
        detail: s.detail.clone(),
        kind: if s.is_title {
            SymbolKind::FILE
        } else {
            SymbolKind::STRING
        },
        tags: None,
        deprecated: None,
        range: full,
        selection_range: sel,
        children: Some(s.children.iter().map(|c| symbol(rope, c, enc)).collect()),
    }
}
