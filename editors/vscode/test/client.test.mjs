// The extension's client configuration, tested with Node's LSP client stack
// (vscode-languageserver-protocol, which vscode-languageclient is built on)
// against the real built server. VS Code itself cannot be downloaded here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import fs from "node:fs";
import url from "node:url";

const require = createRequire(import.meta.url);
const rpc = require("vscode-languageserver-protocol/node");
const settings = require("../out/settings.js");

const here = path.dirname(url.fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../..");
const binary = process.env.ZHPROOF_BIN ?? path.join(repo, "target/debug/zhproof");

function startServer(editorSettings) {
  const s = settings.readSettings((k) => editorSettings[k]);
  const resolved = settings.resolveServerPath(binary);
  assert.ok(resolved, `server binary at ${binary}`);
  const { command, args } = settings.serverCommand(resolved);
  const child = spawn(command, args, { stdio: ["pipe", "pipe", "ignore"] });
  const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  let current = s;
  const diagnostics = new Map();
  const waiters = [];
  conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
    diagnostics.set(p.uri, p);
    for (const w of [...waiters]) w();
  });
  conn.onRequest(rpc.ConfigurationRequest.type, (p) =>
    p.items.map((it) => (it.section === "zhproof" ? settings.serverSettings(current) : null)),
  );
  conn.onRequest(rpc.RegistrationRequest.type, () => null);
  conn.onNotification(rpc.LogMessageNotification.type, () => {});
  conn.listen();
  const waitFor = (uri, pred, ms = 20000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const p = diagnostics.get(uri);
        if (p && pred(p)) {
          waiters.splice(waiters.indexOf(check), 1);
          clearTimeout(timer);
          resolve(p);
        }
      };
      const timer = setTimeout(() => reject(new Error(`timeout waiting for diagnostics of ${uri}`)), ms);
      waiters.push(check);
      check();
    });
  return {
    conn,
    child,
    waitFor,
    setSettings(next) {
      current = settings.readSettings((k) => next[k]);
    },
    selector: settings.documentSelector(s.languages),
  };
}

async function initialize(conn) {
  return conn.sendRequest(rpc.InitializeRequest.type, {
    processId: process.pid,
    initializationOptions: { ruleDocs: settings.RULE_DOCS_PREFIX },
    rootUri: null,
    workspaceFolders: null,
    capabilities: {
      general: { positionEncodings: ["utf-16"] },
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: { versionSupport: true }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source"] } } } },
    },
  });
}

test("settings: defaults, server shape, selector", () => {
  const s = settings.readSettings(() => undefined);
  assert.deepEqual(s.languages, ["plaintext", "markdown"]);
  assert.equal(s.path, "zhproof");
  const shaped = settings.serverSettings({ ...s, rules: { "punct-halfwidth": "off" }, words: ["高实集团"], articleDate: "2018-11-05" });
  assert.deepEqual(shaped, { rules: { "punct-halfwidth": "off" }, style: { spacing: "none", quotes: "“”" }, words: ["高实集团"], articleDate: "2018-11-05" });
  assert.deepEqual(settings.documentSelector(["markdown"]), [
    { scheme: "file", language: "markdown" },
    { scheme: "untitled", language: "markdown" },
    { scheme: "file", pattern: "**/.zhproof.toml" },
  ]);
});

test("a missing binary is reported, not started", () => {
  assert.equal(settings.resolveServerPath("/nonexistent/zhproof"), undefined);
  assert.equal(settings.resolveServerPath("zhproof-definitely-missing", "/nonexistent"), undefined);
  assert.match(settings.INSTALL_HINT, /cargo install/);
  const dir = path.dirname(binary);
  assert.equal(settings.resolveServerPath(path.basename(binary), dir), binary);
});

test("the configured client talks to the real server", async () => {
  const srv = startServer({});
  try {
    const init = await initialize(srv.conn);
    assert.equal(init.serverInfo.name, "zhproof");
    assert.equal(init.capabilities.positionEncoding, "utf-16");
    srv.conn.sendNotification(rpc.InitializedNotification.type, {});
    const uri = "file:///tmp/zhproof-vscode-test/article.txt";
    const text = fs.readFileSync(path.join(repo, "tests/fixtures/news_report.txt"), "utf8");
    srv.conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: srv.selector[0].language, version: 1, text },
    });
    const p = await srv.waitFor(uri, (p) => p.version === 1);
    const halfwidth = p.diagnostics.filter((d) => d.code === "punct-halfwidth");
    assert.ok(halfwidth.length > 5, "half-width punctuation is reported");
    assert.ok(p.diagnostics.every((d) => d.source === "zhproof"));
    // each diagnostic links to its rule, in the scheme the extension serves
    for (const d of p.diagnostics) assert.equal(d.codeDescription?.href, `zhproof:/rules/${d.code}`);
    // fix all, as the extension's command asks for it
    const actions = await srv.conn.sendRequest(rpc.CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ["source.fixAll.zhproof"] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, "source.fixAll.zhproof");
    // one edit to the fixed point (as `zhproof check --fix`), spanning every half-width mark
    const edits = actions[0].edit.changes[uri];
    assert.equal(edits.length, 1);
    const lines = halfwidth.map((d) => d.range.start.line);
    assert.ok(edits[0].range.start.line <= Math.min(...lines));
    assert.ok(edits[0].range.end.line >= Math.max(...lines));
    assert.ok(edits[0].newText.includes("，"), "half-width commas become full-width");
    // turning the rule off in the editor settings removes its diagnostics
    srv.setSettings({ rules: { "punct-halfwidth": "off" } });
    srv.conn.sendNotification(rpc.DidChangeConfigurationNotification.type, { settings: { zhproof: settings.serverSettings(settings.readSettings((k) => ({ rules: { "punct-halfwidth": "off" } })[k])) } });
    const after = await srv.waitFor(uri, (p) => !p.diagnostics.some((d) => d.code === "punct-halfwidth"));
    assert.ok(after.diagnostics.every((d) => d.code !== "punct-halfwidth"));
    await srv.conn.sendRequest(rpc.ShutdownRequest.type);
    // wait until `exit` is written and the server is gone: disposing the
    // connection while the write is pending is an unhandled rejection
    const exited = new Promise((resolve) => srv.child.once("exit", resolve));
    await srv.conn.sendNotification(rpc.ExitNotification.type);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  } finally {
    srv.conn.dispose();
    srv.child.kill();
  }
});

test("a rule link's document is that rule's section of `zhproof rules`", async () => {
  const { execFileSync } = await import("node:child_process");
  const reference = execFileSync(binary, ["rules"], { encoding: "utf8" });
  const one = settings.ruleSection(reference, "punct-halfwidth");
  assert.ok(one.startsWith("## `punct-halfwidth`\n"), one.slice(0, 80));
  assert.ok(one.includes("错误："), "the section holds the rule's examples");
  assert.ok(!one.includes("## `punct-doubled`"), "and stops before the next rule");
  assert.ok(one.length < reference.length / 10);
  assert.equal(settings.ruleSection(reference, "no-such-rule"), reference);
});
