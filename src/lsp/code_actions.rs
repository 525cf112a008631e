//! Code actions: quick fixes of the findings in a range, the configuration
//! actions (suppress, add word), and fix-all.

use std::collections::HashMap;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::actions::{self, WordTarget};
use super::backend::Backend;
use super::convert;
use super::position::{to_byte, Pos};
use crate::core::{fix, DocKind};

/// The code-action kind of fix-all.
pub const FIX_ALL_KIND: &str = "source.fixAll.zhproof";

impl Backend {
    /// The project configuration file that "add word" edits for a document.
    pub(super) fn word_target(&self, uri: &Uri) -> Option<WordTarget> {
        let path = {
            let st = self.shared.cfg.lock().ok()?;
            match st.doc_files.get(uri.as_str()).cloned().flatten() {
                Some(p) => p,
                None => st.new_file_location(uri)?,
            }
        };
        let turi = Uri::from_file_path(&path)?;
        let open = self.shared.snapshot(&turi);
        let (text, version) = match open {
            Some((rope, v, _)) => (Some(rope.to_string()), Some(v)),
            None => (std::fs::read_to_string(&path).ok(), None),
        };
        if text.is_none() && path.exists() {
            return None; // unreadable
        }
        Some(WordTarget {
            uri: turi,
            text,
            version,
        })
    }

    pub(super) async fn on_code_action(
        &self,
        params: CodeActionParams,
    ) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some(r) = self.current(&uri).await else {
            return Ok(None);
        };
        let enc = self.shared.encoding();
        let only = params.context.only.clone();
        let wants = |kind: &str| match &only {
            None => true,
            Some(list) => list
                .iter()
                .any(|k| kind == k.as_str() || kind.starts_with(&format!("{}.", k.as_str()))),
        };
        let (start, _) = to_byte(
            &r.rope,
            Pos {
                line: params.range.start.line,
                character: params.range.start.character,
            },
            enc,
        );
        let (end, _) = to_byte(
            &r.rope,
            Pos {
                line: params.range.end.line,
                character: params.range.end.character,
            },
            enc,
        );
        let mut actions: Vec<CodeActionOrCommand> = Vec::new();
        if wants(CodeActionKind::QUICKFIX.as_str()) {
            for f in &r.analysis.findings {
                let touches = f.range.start <= end && start <= f.range.end;
                let Some(fx) = &f.fix else { continue };
                if !touches {
                    continue;
                }
                let edits: Vec<TextEdit> = fx
                    .edits
                    .iter()
                    .map(|e| convert::text_edit(&r.rope, e, enc))
                    .collect();
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("{}（{}）", fx.title, f.code),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![convert::diagnostic(&uri, &r.rope, f, enc)]),
                    edit: Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(uri.clone(), edits)])),
                        ..Default::default()
                    }),
                    is_preferred: Some(true),
                    ..Default::default()
                }));
            }
            // suppress the rule here / in the file, add the word to the word list
            let touching: Vec<&crate::core::Finding> = r
                .analysis
                .findings
                .iter()
                .filter(|f| f.range.start <= end && start <= f.range.end)
                .collect();
            if !touching.is_empty() {
                let kind = self
                    .shared
                    .snapshot(&uri)
                    .map(|(_, _, k)| k)
                    .unwrap_or_else(|| DocKind::from_path(uri.as_str()));
                let target = self.word_target(&uri);
                let doc = actions::Doc {
                    uri: &uri,
                    rope: &r.rope,
                    text: &r.text,
                    kind,
                    enc,
                    blocks: &r.analysis.blocks,
                };
                actions.extend(actions::config_actions(
                    &doc,
                    &touching,
                    target.as_ref(),
                    self.caps().edits,
                ));
            }
        }
        if wants(FIX_ALL_KIND)
            || only
                .as_ref()
                .is_some_and(|l| l.iter().any(|k| k.as_str() == "source.fixAll"))
        {
            let edits = fix::fix_all_edits(&r.analysis.findings);
            if !edits.is_empty() {
                let n = edits.len();
                let edits: Vec<TextEdit> = edits
                    .iter()
                    .map(|e| convert::text_edit(&r.rope, e, enc))
                    .collect();
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("修复全文可自动修复的问题（{n} 处）"),
                    kind: Some(CodeActionKind::new(FIX_ALL_KIND)),
                    edit: Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(uri.clone(), edits)])),
                        ..Default::default()
                    }),
                    ..Default::default()
                }));
            }
        }
        Ok(Some(actions))
    }
}
