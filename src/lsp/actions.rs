//! Code actions that configure rather than fix: suppress a rule on a line or
//! in the whole document, add a word to the project word list. All are plain
//! `WorkspaceEdit`s, so they work in any editor.

use std::collections::{HashMap, HashSet};

use ropey::Rope;
use tower_lsp_server::ls_types::*;

use super::convert;
use super::position::{to_pos, Encoding, PosTable};
use super::words;
use crate::core::suppress;
use crate::core::{DocKind, Edit, Finding};

/// What the client can apply.
#[derive(Debug, Clone, Copy, Default)]
pub struct EditCaps {
    /// `workspace.workspaceEdit.documentChanges`
    pub document_changes: bool,
    /// `create` in `workspace.workspaceEdit.resourceOperations`
    pub create_files: bool,
}

/// The project's `.zhproof.toml` as the word action sees it.
pub struct WordTarget {
    pub uri: Uri,
    /// Its current text (open buffer or disk); `None` when it does not exist yet.
    pub text: Option<String>,
    /// Version of the open buffer, if open.
    pub version: Option<i32>,
}

/// The document the actions are for.
pub struct Doc<'a> {
    pub uri: &'a Uri,
    pub rope: &'a Rope,
    pub text: &'a str,
    pub kind: DocKind,
    pub enc: Encoding,
    /// The document's blocks (from its analysis).
    pub blocks: &'a [crate::core::text::Block],
    /// Positions converted ahead for the findings' ranges (others are
    /// converted one by one).
    pub table: Option<&'a PosTable>,
}

impl Doc<'_> {
    /// A byte range as an LSP range, from the table where it has the offsets.
    fn range(&self, r: &std::ops::Range<usize>) -> Range {
        let pos = |b: usize| match self.table.and_then(|t| t.get(b)) {
            Some(p) => convert::pos(p),
            None => convert::pos(to_pos(self.rope, b, self.enc)),
        };
        Range {
            start: pos(r.start),
            end: pos(r.end),
        }
    }
}

fn doc_edit(doc: &Doc, e: &Edit) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(
            doc.uri.clone(),
            vec![convert::text_edit(doc.rope, e, doc.enc)],
        )])),
        ..Default::default()
    }
}

fn action(title: String, diag: &Diagnostic, edit: WorkspaceEdit) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diag.clone()]),
        edit: Some(edit),
        is_preferred: Some(false),
        ..Default::default()
    })
}

/// The edit that adds `word` to the target configuration file, if the
/// client can apply it.
pub fn add_word_edit(
    target: &WordTarget,
    word: &str,
    caps: EditCaps,
    enc: Encoding,
) -> Option<WorkspaceEdit> {
    match &target.text {
        Some(text) => {
            let e = words::add_word_edit(text, word)?;
            let rope = Rope::from_str(text);
            let te = convert::text_edit(&rope, &e, enc);
            Some(if caps.document_changes {
                WorkspaceEdit {
                    document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                        text_document: OptionalVersionedTextDocumentIdentifier {
                            uri: target.uri.clone(),
                            version: target.version,
                        },
                        edits: vec![OneOf::Left(te)],
                    }])),
                    ..Default::default()
                }
            } else {
                WorkspaceEdit {
                    changes: Some(HashMap::from([(target.uri.clone(), vec![te])])),
                    ..Default::default()
                }
            })
        }
        None => {
            if !(caps.document_changes && caps.create_files) {
                return None;
            }
            let insert = TextEdit {
                range: Range::default(),
                new_text: words::new_config_with_word(word),
            };
            Some(WorkspaceEdit {
                document_changes: Some(DocumentChanges::Operations(vec![
                    DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                        uri: target.uri.clone(),
                        options: Some(CreateFileOptions {
                            overwrite: Some(false),
                            ignore_if_exists: Some(true),
                        }),
                        annotation_id: None,
                    })),
                    DocumentChangeOperation::Edit(TextDocumentEdit {
                        text_document: OptionalVersionedTextDocumentIdentifier {
                            uri: target.uri.clone(),
                            version: None,
                        },
                        edits: vec![OneOf::Left(insert)],
                    }),
                ])),
                ..Default::default()
            })
        }
    }
}

/// Suppression and word-list actions for the findings at the cursor (one of
/// each kind per rule code and per word).
pub fn config_actions(
    doc: &Doc,
    findings: &[&Finding],
    target: Option<&WordTarget>,
    caps: EditCaps,
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    let mut line_codes = HashSet::new();
    let mut file_codes = HashSet::new();
    let mut words = HashSet::new();
    for f in findings {
        let diag = convert::diagnostic_with(doc.uri, f, &|r| doc.range(r));
        if let Some(t) = target {
            if let Some(w) = words::finding_word(doc.text, f) {
                if words.insert(w.to_string()) {
                    if let Some(edit) = add_word_edit(t, w, caps, doc.enc) {
                        out.push(action(format!("将“{w}”加入项目词表"), &diag, edit));
                    }
                }
            }
        }
        let line = doc
            .rope
            .byte_to_line(f.range.start.min(doc.rope.len_bytes()));
        if line_codes.insert((line, f.code)) {
            if let Some(e) = suppress::disable_line_edit_in(
                doc.text,
                doc.kind,
                doc.blocks,
                f.range.start,
                f.code,
            ) {
                out.push(action(
                    format!("在此行禁用 {}", f.code),
                    &diag,
                    doc_edit(doc, &e),
                ));
            }
        }
        if file_codes.insert(f.code) {
            if let Some(e) = suppress::disable_file_edit(doc.text, doc.kind, f.code) {
                out.push(action(
                    format!("在本文件禁用 {}", f.code),
                    &diag,
                    doc_edit(doc, &e),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::config_file::parse_config;

    /// Apply LSP text edits (UTF-16 positions) to a text.
    fn apply(text: &str, edits: &[TextEdit]) -> String {
        let rope = Rope::from_str(text);
        let core: Vec<Edit> = edits
            .iter()
            .map(|e| {
                let b = |p: Position| {
                    super::super::position::to_byte(
                        &rope,
                        super::super::position::Pos {
                            line: p.line,
                            character: p.character,
                        },
                        Encoding::Utf16,
                    )
                    .0
                };
                Edit::new(b(e.range.start)..b(e.range.end), e.new_text.clone())
            })
            .collect();
        crate::core::fix::apply_edits(text, &core).0
    }

    fn edits_of(edit: &WorkspaceEdit, uri: &Uri) -> Vec<TextEdit> {
        if let Some(c) = edit.changes.as_ref().and_then(|c| c.get(uri)) {
            return c.clone();
        }
        let mut out = Vec::new();
        let ops: Vec<DocumentChangeOperation> = match &edit.document_changes {
            Some(DocumentChanges::Edits(es)) => es
                .iter()
                .cloned()
                .map(DocumentChangeOperation::Edit)
                .collect(),
            Some(DocumentChanges::Operations(ops)) => ops.clone(),
            None => Vec::new(),
        };
        for op in ops {
            if let DocumentChangeOperation::Edit(te) = op {
                if &te.text_document.uri == uri {
                    out.extend(te.edits.into_iter().map(|e| match e {
                        OneOf::Left(t) => t,
                        OneOf::Right(a) => a.text_edit,
                    }));
                }
            }
        }
        out
    }

    const TEXT: &str = "本报讯 高实集团发布年报。\n";

    fn word_actions(target: &WordTarget, caps: EditCaps) -> Vec<CodeAction> {
        let uri: Uri = "file:///ws/a.txt".parse().unwrap();
        let rope = Rope::from_str(TEXT);
        let s = TEXT.find("高实集团").unwrap();
        let f = Finding::new("latin-stray", s..s + "高实集团".len(), "疑似错误");
        let doc = Doc {
            uri: &uri,
            rope: &rope,
            text: TEXT,
            kind: DocKind::Plain,
            enc: Encoding::Utf16,
            blocks: &[],
            table: None,
        };
        config_actions(&doc, &[&f], Some(target), caps)
            .into_iter()
            .filter_map(|a| match a {
                CodeActionOrCommand::CodeAction(a) if a.title.contains("词表") => Some(a),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn add_word_to_an_existing_file() {
        let turi: Uri = "file:///ws/.zhproof.toml".parse().unwrap();
        let cfg = "# 项目配置\n[rules]\npunct-halfwidth = \"off\"\n";
        let target = WordTarget {
            uri: turi.clone(),
            text: Some(cfg.into()),
            version: None,
        };
        for caps in [
            EditCaps::default(),
            EditCaps {
                document_changes: true,
                create_files: true,
            },
        ] {
            let acts = word_actions(&target, caps);
            assert_eq!(acts.len(), 1);
            assert_eq!(acts[0].title, "将“高实集团”加入项目词表");
            assert!(acts[0].command.is_none());
            let edit = acts[0].edit.as_ref().unwrap();
            assert_eq!(edit.changes.is_some(), !caps.document_changes);
            let out = apply(cfg, &edits_of(edit, &turi));
            assert_eq!(
                out,
                "# 项目配置\nwords = [\"高实集团\"]\n\n[rules]\npunct-halfwidth = \"off\"\n"
            );
            let c = parse_config(&out).config.unwrap();
            assert_eq!(c.words, vec!["高实集团"]);
            assert!(!c.is_on("punct-halfwidth", true));
        }
        // already in the list: no action
        let target = WordTarget {
            uri: turi,
            text: Some("words = [\"高实集团\"]\n".into()),
            version: Some(3),
        };
        assert!(word_actions(&target, EditCaps::default()).is_empty());
    }

    #[test]
    fn add_word_creates_the_file() {
        let turi: Uri = "file:///ws/.zhproof.toml".parse().unwrap();
        let target = WordTarget {
            uri: turi.clone(),
            text: None,
            version: None,
        };
        // without resource operations nothing can be done
        assert!(word_actions(&target, EditCaps::default()).is_empty());
        let acts = word_actions(
            &target,
            EditCaps {
                document_changes: true,
                create_files: true,
            },
        );
        assert_eq!(acts.len(), 1);
        let edit = acts[0].edit.as_ref().unwrap();
        let Some(DocumentChanges::Operations(ops)) = &edit.document_changes else {
            panic!("operations expected");
        };
        assert!(
            matches!(&ops[0], DocumentChangeOperation::Op(ResourceOp::Create(c)) if c.uri == turi)
        );
        let out = apply("", &edits_of(edit, &turi));
        assert_eq!(out, "words = [\"高实集团\"]\n");
    }
}
