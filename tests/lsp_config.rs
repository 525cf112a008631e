//! The language server's configuration: `.zhproof.toml` in the workspace,
//! editor settings (pull and push), live reload through watched files, bad
//! configuration files, and the suppression code actions.

mod common;

use serde_json::{json, Value};

use common::{apply_text_edits, edits_for, file_uri, temp_dir, Client, Enc};

const P: &str = "punct-halfwidth";
const TEXT: &str = "会议召开,部署工作。\n";

fn count(diags: &[Value], code: &str) -> usize {
    diags.iter().filter(|d| d["code"] == code).count()
}

#[test]
fn file_turns_a_rule_off_and_editor_settings_override_it() {
    let dir = temp_dir("cfg-precedence");
    std::fs::write(
        dir.join(".zhproof.toml"),
        "[rules]\npunct-halfwidth = \"off\"\n",
    )
    .unwrap();
    let doc = dir.join("a.txt");
    std::fs::write(&doc, TEXT).unwrap();
    let uri = file_uri(&doc);

    let mut c = Client::start();
    c.settings = json!({});
    c.initialize_workspace(&dir);
    // the watcher for .zhproof.toml is registered dynamically
    let reg = c.wait_for_server_request("client/registerCapability");
    assert_eq!(
        reg["registrations"][0]["method"],
        "workspace/didChangeWatchedFiles"
    );
    assert_eq!(
        reg["registrations"][0]["registerOptions"]["watchers"][0]["globPattern"],
        "**/.zhproof.toml"
    );
    // the settings were pulled
    let conf = c.wait_for_server_request("workspace/configuration");
    assert_eq!(conf["items"][0]["section"], "zhproof");

    c.open(&uri, "plaintext", TEXT);
    let d = c.diagnostics(&uri, 1);
    assert_eq!(count(&d, P), 0, "the file turns the rule off: {d:?}");

    // pull model: the client says settings changed, the server asks for them
    c.settings = json!({"rules": {"punct-halfwidth": "error"}});
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    let d = c.diagnostics_where(&uri, |d| count(d, P) == 1);
    assert_eq!(d[0]["severity"], 1, "the editor's severity wins");

    // push model: the settings come with the notification
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"zhproof": {"rules": {"punct-halfwidth": "off"}}}}),
    );
    c.diagnostics_where(&uri, |d| count(d, P) == 0);
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"zhproof": {"rules": {"punct-halfwidth": "hint"}}}}),
    );
    let d = c.diagnostics_where(&uri, |d| count(d, P) == 1);
    assert_eq!(d[0]["severity"], 4);
    // removing the editor value: the file's "off" applies again
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"zhproof": {}}}),
    );
    c.diagnostics_where(&uri, |d| count(d, P) == 0);
    c.shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn config_file_changes_are_reloaded_and_bad_files_keep_the_last_good_config() {
    let dir = temp_dir("cfg-reload");
    let cfg = dir.join(".zhproof.toml");
    let cfg_uri = file_uri(&cfg);
    let doc = dir.join("a.txt");
    std::fs::write(&doc, TEXT).unwrap();
    let uri = file_uri(&doc);

    let mut c = Client::start();
    c.initialize_workspace(&dir);
    c.open(&uri, "plaintext", TEXT);
    let d = c.diagnostics(&uri, 1);
    assert_eq!(count(&d, P), 1, "no configuration file yet: {d:?}");

    // the file is created: reloaded, the document re-checked
    std::fs::write(&cfg, "[rules]\npunct-halfwidth = \"off\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": cfg_uri, "type": 1}]}),
    );
    c.diagnostics_where(&uri, |d| count(d, P) == 0);

    // a broken file: a diagnostic on it with its line, the last good config stays
    std::fs::write(
        &cfg,
        "[rules]\npunct-halfwidth = \"warning\"\nspacing = none\n",
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": cfg_uri, "type": 2}]}),
    );
    let p = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == cfg_uri && !p["diagnostics"].as_array().is_none_or(|a| a.is_empty())
    });
    let cd = &p["diagnostics"][0];
    assert_eq!(cd["range"]["start"]["line"], 2, "{cd}");
    assert_eq!(cd["severity"], 1);
    assert!(cd["message"].as_str().unwrap_or("").contains("TOML"));
    c.replace(&uri, 2, TEXT);
    let d = c.diagnostics(&uri, 2);
    assert_eq!(
        count(&d, P),
        0,
        "the last good configuration is kept: {d:?}"
    );

    // unknown keys and rule codes: warnings on their lines, the rest applies
    std::fs::write(
        &cfg,
        "[rules]\npunct-halfwidth = \"error\"\nno-such-rule = \"off\"\n[style]\ncolour = \"red\"\n",
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": cfg_uri, "type": 2}]}),
    );
    let p = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == cfg_uri && p["diagnostics"].as_array().is_some_and(|a| a.len() == 2)
    });
    let lines: Vec<&Value> = p["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["range"]["start"]["line"])
        .collect();
    assert_eq!(lines, vec![&json!(2), &json!(4)]);
    assert!(p["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["severity"] == 2));
    let d = c.diagnostics_where(&uri, |d| count(d, P) == 1);
    assert_eq!(d[0]["severity"], 1);

    // fixed: the problems are cleared
    std::fs::write(&cfg, "[rules]\npunct-halfwidth = \"off\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": cfg_uri, "type": 2}]}),
    );
    c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == cfg_uri && p["diagnostics"].as_array().is_some_and(|a| a.is_empty())
    });
    c.diagnostics_where(&uri, |d| count(d, P) == 0);

    // deleted: back to the defaults
    std::fs::remove_file(&cfg).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": cfg_uri, "type": 3}]}),
    );
    c.diagnostics_where(&uri, |d| count(d, P) == 1);
    c.shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_open_config_buffer_is_validated_and_applied() {
    let dir = temp_dir("cfg-buffer");
    let cfg = dir.join(".zhproof.toml");
    std::fs::write(&cfg, "").unwrap();
    let cfg_uri = file_uri(&cfg);
    let doc = dir.join("a.md");
    std::fs::write(&doc, TEXT).unwrap();
    let uri = file_uri(&doc);
    let mut c = Client::start();
    c.initialize_workspace(&dir);
    c.open(&uri, "markdown", TEXT);
    assert_eq!(count(&c.diagnostics(&uri, 1), P), 1);
    c.open(&cfg_uri, "toml", "[rules]\npunct-halfwidth = \"off\"\n");
    c.diagnostics_where(&uri, |d| count(d, P) == 0);
    c.replace(&cfg_uri, 2, "[rules]\npunct-halfwidth = \"offf\"\n");
    let p = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == cfg_uri && p["diagnostics"].as_array().is_some_and(|a| !a.is_empty())
    });
    assert_eq!(p["diagnostics"][0]["range"]["start"]["line"], 1);
    c.shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}

fn actions_at(c: &mut Client, uri: &str, diag: &Value) -> Vec<Value> {
    let r = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": diag["range"],
            "context": {"diagnostics": [diag]}
        }),
    );
    r.as_array().cloned().unwrap_or_default()
}

fn apply_titled(actions: &[Value], title: &str, uri: &str, text: &str) -> String {
    let a = actions
        .iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| panic!("no action {title:?} in {actions:#?}"));
    assert_eq!(a["kind"], "quickfix");
    assert!(
        a.get("command").is_none_or(Value::is_null),
        "no client-side command"
    );
    apply_text_edits(text, &edits_for(&a["edit"], uri), Enc::Utf16)
}

#[test]
fn suppression_code_actions() {
    let dir = temp_dir("cfg-actions");
    let mut c = Client::start();
    c.initialize_workspace(&dir);

    // plain text
    let txt = "市南区召开会议\n会议要求,各单位落实责任。\n会议强调,要抓好落实。\n";
    let turi = file_uri(&dir.join("a.txt"));
    c.open(&turi, "plaintext", txt);
    let d = c.diagnostics(&turi, 1);
    assert_eq!(count(&d, P), 2);
    let acts = actions_at(&mut c, &turi, &d[0]);
    let line = apply_titled(&acts, "在此行禁用 punct-halfwidth", &turi, txt);
    assert_eq!(
        line,
        "市南区召开会议\n%% zhproof-disable-next-line punct-halfwidth\n会议要求,各单位落实责任。\n会议强调,要抓好落实。\n"
    );
    let file = apply_titled(&acts, "在本文件禁用 punct-halfwidth", &turi, txt);
    assert_eq!(file, format!("%% zhproof-disable punct-halfwidth\n{txt}"));
    assert!(
        !acts
            .iter()
            .any(|a| a["title"].as_str().unwrap_or("").contains("词表")),
        "punctuation is not a word"
    );
    // the edited texts really suppress: one finding left, then none
    c.replace(&turi, 2, &line);
    let d2 = c.diagnostics(&turi, 2);
    assert_eq!(count(&d2, P), 1);
    assert_eq!(d2[0]["range"]["start"]["line"], 3);
    c.replace(&turi, 3, &file);
    assert_eq!(count(&c.diagnostics(&turi, 3), P), 0);

    // Markdown
    let md = "---\ntitle: 会议\n---\n# 会议召开\n\n会议要求,各单位落实责任。\n\n- 第一项。\n- 第二项,抓好落实。\n";
    let muri = file_uri(&dir.join("a.md"));
    c.open(&muri, "markdown", md);
    let d = c.diagnostics(&muri, 1);
    assert_eq!(count(&d, P), 2);
    let acts = actions_at(&mut c, &muri, &d[0]);
    assert_eq!(
        apply_titled(&acts, "在此行禁用 punct-halfwidth", &muri, md),
        "---\ntitle: 会议\n---\n# 会议召开\n\n<!-- zhproof-disable-next-line punct-halfwidth -->\n会议要求,各单位落实责任。\n\n- 第一项。\n- 第二项,抓好落实。\n"
    );
    assert_eq!(
        apply_titled(&acts, "在本文件禁用 punct-halfwidth", &muri, md),
        "---\ntitle: 会议\n---\n<!-- zhproof-disable punct-halfwidth -->\n# 会议召开\n\n会议要求,各单位落实责任。\n\n- 第一项。\n- 第二项,抓好落实。\n"
    );
    let acts = actions_at(&mut c, &muri, &d[1]);
    let out = apply_titled(&acts, "在此行禁用 punct-halfwidth", &muri, md);
    assert!(
        out.ends_with("- 第二项,抓好落实。<!-- zhproof-disable-line punct-halfwidth -->\n"),
        "{out}"
    );
    c.replace(&muri, 2, &out);
    assert_eq!(count(&c.diagnostics(&muri, 2), P), 1);
    c.shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}

/// `ignore` globs apply in the editor as on the command line: an ignored
/// draft gets no diagnostics (and no fixes) but keeps its outline; editor
/// settings' globs are relative to the workspace root.
#[test]
fn ignore_globs_silence_documents_in_the_editor() {
    let dir = temp_dir("cfg-ignore");
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    std::fs::create_dir_all(dir.join("notes")).unwrap();
    std::fs::write(dir.join(".zhproof.toml"), "ignore = [\"drafts/**\"]\n").unwrap();
    let draft = file_uri(&dir.join("drafts/a.txt"));
    let kept = file_uri(&dir.join("b.txt"));
    let note = file_uri(&dir.join("notes/c.txt"));
    let text = "市南区召开安全生产会议\n\n会议召开,部署工作。\n";

    let mut c = Client::start();
    c.settings = json!({});
    c.initialize_workspace(&dir);
    c.open(&draft, "plaintext", text);
    c.open(&kept, "plaintext", text);
    assert_eq!(c.diagnostics(&draft, 1), Vec::<Value>::new());
    assert_eq!(count(&c.diagnostics(&kept, 1), P), 1);
    let syms = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": draft}}),
    );
    assert_eq!(syms[0]["name"], "市南区召开安全生产会议", "{syms}");
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": draft}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.zhproof"]}}),
    );
    assert!(
        actions.as_array().is_none_or(|a| a.is_empty()),
        "nothing to fix in an ignored file: {actions}"
    );

    // an editor setting adds a glob (united with the file's): notes/ goes quiet too
    c.open(&note, "plaintext", text);
    assert_eq!(count(&c.diagnostics(&note, 1), P), 1);
    c.settings = json!({"ignore": ["notes/*.txt"]});
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"zhproof": {"ignore": ["notes/*.txt"]}}}),
    );
    c.diagnostics_where(&note, |d| d.is_empty());
    c.replace(&kept, 2, text);
    assert_eq!(
        count(&c.diagnostics(&kept, 2), P),
        1,
        "b.txt is not ignored"
    );
    c.shutdown();
}

/// Workspace folders added or removed after start: the configuration of
/// documents without a path (which follow the first folder) follows them.
#[test]
fn workspace_folder_changes_are_followed() {
    let a = temp_dir("ws-a");
    let b = temp_dir("ws-b");
    std::fs::write(
        b.join(".zhproof.toml"),
        "[rules]\npunct-halfwidth = \"off\"\n",
    )
    .unwrap();
    let untitled = "untitled:Untitled-1";

    let mut c = Client::start();
    c.settings = json!({});
    let init = c.initialize_workspace(&a);
    assert_eq!(
        init["capabilities"]["workspace"]["workspaceFolders"]["changeNotifications"],
        true
    );
    c.open(untitled, "plaintext", TEXT);
    assert_eq!(count(&c.diagnostics(untitled, 1), P), 1);
    c.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": [{"uri": file_uri(&b), "name": "b"}], "removed": [{"uri": file_uri(&a), "name": "ws"}]}}),
    );
    c.diagnostics_where(untitled, |d| count(d, P) == 0);
    // and back
    c.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": [{"uri": file_uri(&a), "name": "ws"}], "removed": [{"uri": file_uri(&b), "name": "b"}]}}),
    );
    c.diagnostics_where(untitled, |d| count(d, P) == 1);
    c.shutdown();
}
