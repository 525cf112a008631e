//! Code actions: quick fixes of the findings in a range, the configuration
//! actions (suppress, add word), and fix-all.

use std::collections::HashMap;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::actions::{self, WordTarget};
use super::backend::Backend;
use super::convert;
use super::position::{to_byte, to_pos, Encoding, Pos, PosTable};
use super::state::DocResult;
use crate::core::{fix, DocKind, Finding};

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

    /// `textDocument/codeAction`. The actions are built off the message
    /// loop (a fix-all on a long article converts many positions), and one
    /// response carries at most [`MAX_QUICK_FIXES`] findings' actions.
    pub(super) async fn on_code_action(
        &self,
        params: CodeActionParams,
    ) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some(r) = self.current(&uri).await else {
            return Ok(None);
        };
        let enc = self.shared.encoding();
        let pos = |p: Position| Pos {
            line: p.line,
            character: p.character,
        };
        let (start, _) = to_byte(&r.rope, pos(params.range.start), enc);
        let (end, _) = to_byte(&r.rope, pos(params.range.end), enc);
        let only = params.context.only;
        let quick_fixes = wants(&only, CodeActionKind::QUICKFIX.as_str());
        let fix_all = wants(&only, FIX_ALL_KIND)
            || only
                .as_ref()
                .is_some_and(|l| l.iter().any(|k| k.as_str() == "source.fixAll"));
        let touching = if quick_fixes {
            nearest_touching(&r.analysis.findings, start, end)
        } else {
            Vec::new()
        };
        let kind = self
            .shared
            .snapshot(&uri)
            .map(|(_, _, k)| k)
            .unwrap_or_else(|| DocKind::from_path(uri.as_str()));
        let target = if touching.is_empty() {
            None
        } else {
            self.word_target(&uri)
        };
        let config = fix_all.then(|| self.shared.config_for(&uri));
        let req = Request {
            uri,
            enc,
            kind,
            touching,
            fix_all: config,
            target,
            caps: self.caps().edits,
        };
        let built = tokio::task::spawn_blocking(move || build(&r, req)).await;
        Ok(Some(built.unwrap_or_default()))
    }
}

/// The most findings whose actions one code-action response carries.
pub const MAX_QUICK_FIXES: usize = 500;

/// Does the client's `only` filter ask for actions of `kind`?
fn wants(only: &Option<Vec<CodeActionKind>>, kind: &str) -> bool {
    match only {
        None => true,
        Some(list) => list
            .iter()
            .any(|k| kind == k.as_str() || kind.starts_with(&format!("{}.", k.as_str()))),
    }
}

/// Indices of the findings touching `start..=end`: at most
/// [`MAX_QUICK_FIXES`], those starting nearest `start` first, returned in
/// document order.
fn nearest_touching(findings: &[Finding], start: usize, end: usize) -> Vec<usize> {
    let mut idx: Vec<usize> = findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.range.start <= end && start <= f.range.end)
        .map(|(i, _)| i)
        .collect();
    if idx.len() > MAX_QUICK_FIXES {
        idx.sort_by_key(|&i| (findings[i].range.start.abs_diff(start), i));
        idx.truncate(MAX_QUICK_FIXES);
        idx.sort_unstable();
    }
    idx
}

/// What a code-action request asks for, resolved on the message loop.
struct Request {
    uri: Uri,
    enc: Encoding,
    kind: DocKind,
    /// Indices of the findings to offer actions for.
    touching: Vec<usize>,
    /// Fix-all, under the document's configuration.
    fix_all: Option<std::sync::Arc<crate::core::Config>>,
    /// The configuration file the add-word action edits.
    target: Option<WordTarget>,
    caps: actions::EditCaps,
}

/// The actions of one request (runs off the message loop): every position
/// is converted through one [`PosTable`].
fn build(r: &DocResult, req: Request) -> Vec<CodeActionOrCommand> {
    let findings = &r.analysis.findings;
    let touching: Vec<&Finding> = req
        .touching
        .iter()
        .filter_map(|&i| findings.get(i))
        .collect();
    let fix_all = match &req.fix_all {
        Some(config) => fix_all_to_fixed_point(&r.text, findings, req.kind, config),
        None => None,
    };
    let fix_all: Vec<crate::core::Edit> = fix_all.into_iter().collect();
    let mut offsets = Vec::new();
    let mut add = |r: &std::ops::Range<usize>| offsets.extend([r.start, r.end]);
    for f in &touching {
        add(&f.range);
        f.related.iter().for_each(|x| add(&x.range));
        f.fix
            .iter()
            .flat_map(|fx| &fx.edits)
            .for_each(|e| add(&e.range));
    }
    fix_all.iter().for_each(|e| add(&e.range));
    let table = PosTable::new(&r.rope, &r.text, req.enc, offsets);
    let conv = |x: &std::ops::Range<usize>| {
        let pos =
            |b: usize| convert::pos(table.get(b).unwrap_or_else(|| to_pos(&r.rope, b, req.enc)));
        Range {
            start: pos(x.start),
            end: pos(x.end),
        }
    };
    let uri = &req.uri;
    let mut out: Vec<CodeActionOrCommand> = Vec::new();
    for f in &touching {
        let Some(fx) = &f.fix else { continue };
        let edits: Vec<TextEdit> = fx
            .edits
            .iter()
            .map(|e| convert::text_edit_with(e, &conv))
            .collect();
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("{}（{}）", fx.title, f.code),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![convert::diagnostic_with(uri, f, &conv)]),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), edits)])),
                ..Default::default()
            }),
            is_preferred: Some(true),
            ..Default::default()
        }));
    }
    // suppress the rule here / in the file, add the word to the word list
    if !touching.is_empty() {
        let doc = actions::Doc {
            uri,
            rope: &r.rope,
            text: &r.text,
            kind: req.kind,
            enc: req.enc,
            blocks: &r.analysis.blocks,
            table: Some(&table),
        };
        out.extend(actions::config_actions(
            &doc,
            &touching,
            req.target.as_ref(),
            req.caps,
        ));
    }
    if !fix_all.is_empty() {
        out.push(fix_all_action(uri, &fix_all, &conv));
    }
    out
}

/// Fix-all as one edit that reaches the fixed point `zhproof check --fix`
/// reaches (fixes applied, the text analysed again, until nothing is left:
/// some findings appear only once others are fixed): the changed middle of
/// the text, between the unchanged start and end. `None` when nothing has a
/// fix.
fn fix_all_to_fixed_point(
    text: &str,
    findings: &[Finding],
    kind: DocKind,
    config: &std::sync::Arc<crate::core::Config>,
) -> Option<crate::core::Edit> {
    if fix::fix_all_edits(findings).is_empty() {
        return None;
    }
    let (fixed, _) = crate::core::fix_until_stable(text, kind, config.clone());
    changed_middle(text, &fixed)
}

/// [`changed_span`] as a core edit.
fn changed_middle(old: &str, new: &str) -> Option<crate::core::Edit> {
    changed_span(old, new)
        .map(|(range, replacement)| crate::core::Edit::new(range, replacement.to_string()))
}

/// The fix-all action: one edit to the fixed point of the fixes.
fn fix_all_action(
    uri: &Uri,
    fix_all: &[crate::core::Edit],
    conv: &dyn Fn(&std::ops::Range<usize>) -> Range,
) -> CodeActionOrCommand {
    let edits: Vec<TextEdit> = fix_all
        .iter()
        .map(|e| convert::text_edit_with(e, conv))
        .collect();
    CodeActionOrCommand::CodeAction(CodeAction {
        title: "修复全文可自动修复的问题".to_string(),
        kind: Some(CodeActionKind::new(FIX_ALL_KIND)),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..Default::default()
        }),
        ..Default::default()
    })
}

impl Backend {
    /// `textDocument/formatting`: fix-all to the fixed point, as `zhproof
    /// check --fix` writes it (the fixes applied until none is left), as one
    /// edit over the part that changed. An ignored document is left alone.
    pub(super) async fn on_formatting(
        &self,
        params: DocumentFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        let uri = params.text_document.uri;
        // waits for the configuration and the current version's analysis
        if self.current(&uri).await.is_none() || self.shared.ignored(&uri) {
            return Ok(None);
        }
        let Some((rope, _, kind)) = self.shared.snapshot(&uri) else {
            return Ok(None);
        };
        let config = self.shared.config_for(&uri);
        let enc = self.shared.encoding();
        let built = tokio::task::spawn_blocking(move || {
            let text = rope.to_string();
            let (fixed, _) = fix::fix_until_stable(&text, kind, config);
            changed_span(&text, &fixed).map(|(range, replacement)| TextEdit {
                range: convert::range(&rope, &range, enc),
                new_text: replacement.to_string(),
            })
        })
        .await;
        Ok(Some(built.ok().flatten().into_iter().collect()))
    }
}

/// The one edit that turns `old` into `new`: the byte range of `old` between
/// their common prefix and suffix (on character boundaries) and what
/// replaces it; `None` when they are equal.
pub fn changed_span<'a>(old: &str, new: &'a str) -> Option<(std::ops::Range<usize>, &'a str)> {
    if old == new {
        return None;
    }
    let mut pre = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !(old.is_char_boundary(pre) && new.is_char_boundary(pre)) {
        pre -= 1;
    }
    let max_suf = old.len().min(new.len()) - pre;
    let mut suf = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suf)
        .take_while(|(a, b)| a == b)
        .count();
    while !(old.is_char_boundary(old.len() - suf) && new.is_char_boundary(new.len() - suf)) {
        suf -= 1;
    }
    Some((pre..old.len() - suf, &new[pre..new.len() - suf]))
}

#[cfg(test)]
mod tests {
    use super::{changed_middle, changed_span};

    fn apply(old: &str, new: &str) -> String {
        match changed_span(old, new) {
            None => old.to_string(),
            Some((r, rep)) => format!("{}{rep}{}", &old[..r.start], &old[r.end..]),
        }
    }

    #[test]
    fn the_changed_span_is_the_part_between_common_prefix_and_suffix() {
        assert_eq!(changed_span("会议,部署。", "会议,部署。"), None);
        // the ASCII comma becomes a full-width one: only it is replaced
        let (r, rep) = changed_span("会议,部署。", "会议，部署。").expect("changed");
        assert_eq!((r, rep), (6..7, "，"));
        // characters sharing leading bytes (，U+FF0C and ：U+FF1A) are cut whole
        let (r, rep) = changed_span("甲，乙", "甲：乙").expect("changed");
        assert_eq!((r, rep), (3..6, "："));
        for (a, b) in [
            ("abc", "abxc"),
            ("aaa", "aa"),
            ("", "新"),
            ("新", ""),
            ("。。", "。"),
            ("一，二，三", "一：二：三"),
        ] {
            assert_eq!(apply(a, b), b, "{a:?} -> {b:?}");
        }
    }

    #[test]
    fn the_changed_middle_turns_old_into_new() {
        for (old, new) in [
            (
                "会议(高新区)召开,部署工作:一是学习。",
                "会议（高新区）召开，部署工作：一是学习。",
            ),
            ("甲乙丙", "甲乙丙丁"),
            ("甲乙丙", "乙丙"),
            ("啊啊啊", "啊啊"),
            ("", "新"),
            ("旧", ""),
            ("ab", "aé b"),
        ] {
            let e = changed_middle(old, new).expect("changed");
            let (got, n) = crate::core::apply_edits(old, &[e]);
            assert_eq!((got.as_str(), n), (new, 1), "{old} → {new}");
        }
        assert!(changed_middle("同", "同").is_none());
    }
}
