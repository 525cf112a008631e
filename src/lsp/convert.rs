//! Core findings and sections → LSP types.

use std::sync::OnceLock;

use ropey::Rope;
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DocumentSymbol,
    Location, NumberOrString, Position, Range, SymbolKind, TextEdit, Uri,
};

use super::position::{to_pos, Encoding, Pos};
use crate::core::outline::Section;
use crate::core::{Edit, Finding, Severity};

/// Where the diagnostics' rule links point: a prefix the rule code is
/// appended to. Set once, at `initialize`.
static RULE_DOCS: OnceLock<Option<String>> = OnceLock::new();

/// Set the prefix of the rule links (`initializationOptions.ruleDocs`, e.g.
/// the VS Code extension's `zhproof:/rules/`); `None` keeps the default,
/// [`default_rule_docs`]. A prefix that does not make a URI is ignored. Only
/// the first call counts (one `initialize` a process). The prefix must
/// parse as a URI unchanged (so that both ways of writing a diagnostic agree).
pub fn set_rule_docs(prefix: Option<&str>) {
    let chosen = prefix
        .filter(|p| {
            let probe = format!("{p}punct-halfwidth");
            probe.parse::<Uri>().is_ok_and(|u| u.as_str() == probe)
        })
        .map(str::to_string)
        .or_else(default_rule_docs);
    let _ = RULE_DOCS.set(chosen);
}

/// The default prefix: the rule reference of the source tree the binary was
/// built from (`docs/rules.md`, a `file:` URI with the rule's heading as its
/// fragment), when that file is still there; else no links.
pub fn default_rule_docs() -> Option<String> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    if !p.is_file() {
        return None;
    }
    Uri::from_file_path(&p).map(|u| format!("{}#", u.as_str()))
}

/// The documentation link of a rule (`codeDescription.href`).
pub fn rule_link(code: &str) -> Option<String> {
    RULE_DOCS
        .get_or_init(default_rule_docs)
        .as_ref()
        .map(|p| format!("{p}{code}"))
}

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
        code_description: rule_link(f.code)
            .and_then(|l| l.parse::<Uri>().ok())
            .map(|href| CodeDescription { href }),
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

/// The symbol kind of a section, chosen to read as structure in an
/// outline: the title is the document (`File`), a top-level heading a
/// `Module`, the headings under it `Namespace`s.
pub fn symbol_kind(s: &Section) -> SymbolKind {
    match s.level {
        _ if s.is_title => SymbolKind::FILE,
        0 | 1 => SymbolKind::MODULE,
        _ => SymbolKind::NAMESPACE,
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
        kind: symbol_kind(s),
        tags: None,
        deprecated: None,
        range: full,
        selection_range: sel,
        children: Some(s.children.iter().map(|c| symbol(rope, c, enc)).collect()),
    }
}
