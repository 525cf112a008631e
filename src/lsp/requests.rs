//! Read-only requests: hover, workspace and document symbols, folding
//! ranges, and the custom `zhproof/documentText`; and the log of malformed
//! frames.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::backend::Backend;
use super::convert;
use super::position::{to_byte, Pos};
use super::state::DocResult;

impl Backend {
    /// `zhproof/documentText`: the server's copy of a document and its version
    /// (lets clients and tests verify that incremental sync kept it identical).
    pub async fn document_text(
        &self,
        params: TextDocumentIdentifier,
    ) -> Result<Option<serde_json::Value>> {
        let Some((rope, version, _)) = self.shared.snapshot(&params.uri) else {
            return Ok(None);
        };
        Ok(Some(
            serde_json::json!({ "version": version, "text": rope.to_string() }),
        ))
    }
}

impl Backend {
    /// A frame that was not valid JSON-RPC (see `sanitize`): log it and go on.
    pub async fn malformed_message(&self, params: serde_json::Value) {
        let why = params
            .get("error")
            .and_then(|e| e.as_str())
            .unwrap_or("unknown")
            .to_string();
        self.log(
            MessageType::ERROR,
            format!("zhproof: ignored a malformed message: {why}"),
        )
        .await;
    }
}

impl Backend {
    pub(super) async fn on_hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let pp = params.text_document_position_params;
        let Some(r) = self.current(&pp.text_document.uri).await else {
            return Ok(None);
        };
        let enc = self.shared.encoding();
        let (offset, clamped) = to_byte(
            &r.rope,
            Pos {
                line: pp.position.line,
                character: pp.position.character,
            },
            enc,
        );
        if clamped {
            return Ok(None);
        }
        let Some(h) = crate::core::hover::hover(&r.analysis, &r.text, r.hover_index(), offset)
        else {
            return Ok(None);
        };
        Ok(Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: h.markdown,
            }),
            range: Some(convert::range(&r.rope, &h.range, enc)),
        }))
    }

    #[allow(deprecated)]
    pub(super) async fn on_symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let results: Vec<Arc<DocResult>> = match self.shared.results.lock() {
            Ok(r) => r.values().cloned().collect(),
            Err(_) => Vec::new(),
        };
        let enc = self.shared.encoding();
        let mut out = Vec::new();
        for r in results {
            for e in r.hover_index().entities.search(&params.query) {
                out.push(SymbolInformation {
                    name: e.name.clone(),
                    kind: match e.kind {
                        crate::core::entities::EntityKind::Person => SymbolKind::OBJECT,
                        crate::core::entities::EntityKind::Org => SymbolKind::NAMESPACE,
                        crate::core::entities::EntityKind::Place => SymbolKind::PACKAGE,
                    },
                    tags: None,
                    deprecated: None,
                    location: Location {
                        uri: r.uri.clone(),
                        range: convert::range(&r.rope, &e.first(), enc),
                    },
                    container_name: Some(format!("{}（{} 次）", e.kind.label(), e.count())),
                });
            }
        }
        out.sort_by(|a, b| {
            a.name
                .cmp(&b.name)
                .then(a.location.uri.as_str().cmp(b.location.uri.as_str()))
        });
        Ok(Some(WorkspaceSymbolResponse::Flat(out)))
    }

    pub(super) async fn on_document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(r) = self.current(&params.text_document.uri).await else {
            return Ok(None);
        };
        let enc = self.shared.encoding();
        let syms = r
            .analysis
            .sections(&r.text)
            .iter()
            .map(|s| convert::symbol(&r.rope, s, enc))
            .collect();
        Ok(Some(DocumentSymbolResponse::Nested(syms)))
    }

    pub(super) async fn on_folding_range(
        &self,
        params: FoldingRangeParams,
    ) -> Result<Option<Vec<FoldingRange>>> {
        let Some(r) = self.current(&params.text_document.uri).await else {
            return Ok(None);
        };
        let mut out = Vec::new();
        fn walk(r: &DocResult, s: &crate::core::outline::Section, out: &mut Vec<FoldingRange>) {
            let start = r.rope.byte_to_line(s.range.start.min(r.rope.len_bytes()));
            let end = r.rope.byte_to_line(s.range.end.min(r.rope.len_bytes()));
            if end > start {
                out.push(FoldingRange {
                    start_line: start as u32,
                    start_character: None,
                    end_line: end as u32,
                    end_character: None,
                    kind: Some(FoldingRangeKind::Region),
                    collapsed_text: Some(s.name.clone()),
                });
            }
            for c in &s.children {
                walk(r, c, out);
            }
        }
        for s in r.analysis.sections(&r.text) {
            walk(&r, s, &mut out);
        }
        Ok(Some(out))
    }
}
