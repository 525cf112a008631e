// The zhproof VS Code extension: starts `zhproof lsp` through vscode-languageclient.
import * as vscode from "vscode";
import { ChildProcess, execFile, spawn } from "child_process";
import { LanguageClient, LanguageClientOptions, ServerOptions, State, StreamInfo } from "vscode-languageclient/node";
import {
  documentSelector,
  INSTALL_HINT,
  readSettings,
  resolveServerPath,
  ruleSection,
  RULES_SCHEME,
  RULE_DOCS_PREFIX,
  serverCommand,
  serverSettings,
} from "./settings";

let client: LanguageClient | undefined;
let status: vscode.StatusBarItem | undefined;
let output: vscode.OutputChannel | undefined;
let binaryPath: string | undefined;
/** The running server process (started by `serverOptions`). */
let server: ChildProcess | undefined;
/** The server is being restarted on purpose: its exit is not an error. */
let restarting = false;
/** `zhproof rules` of the binary in use, read once. */
let rulesText: Promise<string> | undefined;

function readRules(): Promise<string> {
  if (!binaryPath) return Promise.reject(new Error(INSTALL_HINT));
  const bin = binaryPath;
  rulesText ??= new Promise((resolve, reject) => {
    execFile(bin, ["rules"], { maxBuffer: 8 << 20 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
  rulesText.catch(() => (rulesText = undefined));
  return rulesText;
}

/** Serves `zhproof:/rules.md` (the whole reference) and `zhproof:/rules/CODE`
 * (one rule), read-only; the document selector names only `file` and
 * `untitled`, so the server never checks them. */
class RulesProvider implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const all = await readRules();
    const code = uri.path.startsWith("/rules/") ? uri.path.slice("/rules/".length).replace(/\.md$/, "") : "";
    return code ? ruleSection(all, code) : all;
  }
}

function settings() {
  const cfg = vscode.workspace.getConfiguration("zhproof");
  return readSettings((k) => cfg.get(k));
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const s = settings();
  binaryPath = resolveServerPath(s.path);
  if (!binaryPath) {
    const choice = await vscode.window.showErrorMessage(INSTALL_HINT, "打开设置 / Open settings");
    if (choice) {
      await vscode.commands.executeCommand("workbench.action.openSettings", "zhproof.path");
    }
    return;
  }
  const cmd = serverCommand(binaryPath);
  // the process is started here, not by the client: the client reports every
  // exit as "[Error] Server process exited with code 0.", also the normal one
  // of a stop or restart; here only an abnormal exit is an error
  const serverOptions: ServerOptions = () => {
    const child: ChildProcess = spawn(cmd.command, cmd.args, { stdio: ["pipe", "pipe", "pipe"] });
    child.stderr?.on("data", (d: Buffer) => output?.append(d.toString("utf8")));
    child.on("error", (e) => output?.appendLine(`[Error] zhproof: ${e.message}`));
    child.on("exit", (code, signal) => {
      if (code !== 0 && !(signal === "SIGTERM" && restarting)) {
        output?.appendLine(`[Error] zhproof 语言服务器异常退出 / server exited abnormally (${code ?? signal})`);
      }
    });
    server = child;
    return Promise.resolve<StreamInfo>({ reader: child.stdout!, writer: child.stdin!, detached: false });
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(s.languages),
    outputChannel: output,
    traceOutputChannel: output,
    // diagnostics link to zhproof:/rules/CODE, served by RulesProvider
    initializationOptions: { ruleDocs: RULE_DOCS_PREFIX },
    synchronize: {
      configurationSection: "zhproof",
      fileEvents: vscode.workspace.createFileSystemWatcher("**/.zhproof.toml"),
    },
    middleware: {
      workspace: {
        // answer workspace/configuration with the settings in the server's shape
        configuration: (params, token, next) => {
          const result = next(params, token);
          const shape = (items: unknown[]) =>
            items.map((item, i) => (params.items[i]?.section === "zhproof" ? serverSettings(settings()) : item));
          return Array.isArray(result) ? shape(result) : result;
        },
      },
    },
  };
  client = new LanguageClient("zhproof", "zhproof", serverOptions, clientOptions);
  client.onDidChangeState((e) => {
    if (e.newState === State.Stopped && !restarting) updateStatus();
  });
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

/** Stop the client (shutdown, exit); a server that has not exited a second
 * later is terminated. */
async function stopServer(): Promise<void> {
  const proc = server;
  try {
    await client?.stop(2000);
  } catch {
    // a server that does not answer shutdown is terminated below
  }
  client = undefined;
  server = undefined;
  if (proc && proc.exitCode === null && proc.signalCode === null) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGTERM");
  }
}

function updateStatus(): void {
  if (!status) return;
  const editor = vscode.window.activeTextEditor;
  if (!client) {
    status.hide();
    return;
  }
  // the Output panel and other non-document editors: keep what was shown
  if (!editor || !["file", "untitled"].includes(editor.document.uri.scheme)) {
    if (!editor) status.hide();
    return;
  }
  if (!documentSelector(settings().languages).some((f) => "language" in f && f.language === editor.document.languageId)) {
    status.hide();
    return;
  }
  const diags = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === "zhproof");
  status.text = diags.length === 0 ? "$(check) 校对" : `$(warning) 校对 ${diags.length}`;
  status.tooltip = `zhproof：本文 ${diags.length} 处问题`;
  status.command = "workbench.actions.view.problems";
  status.show();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("zhproof");
  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  context.subscriptions.push(output, status);
  context.subscriptions.push(
    vscode.commands.registerCommand("zhproof.fixAll", async () => {
      await vscode.commands.executeCommand("editor.action.codeAction", { kind: "source.fixAll.zhproof", apply: "first" });
    }),
    vscode.commands.registerCommand("zhproof.restart", async () => {
      // stop and start again (not client.restart(), whose stop is reported
      // as "Server process exited with code 0" in the Output panel)
      restarting = true;
      try {
        await stopServer();
        rulesText = undefined;
        await start(context);
        output?.appendLine("zhproof: 语言服务器已重启 / server restarted");
      } finally {
        restarting = false;
      }
      updateStatus();
    }),
    vscode.workspace.registerTextDocumentContentProvider(RULES_SCHEME, new RulesProvider()),
    vscode.workspace.onDidOpenTextDocument((doc) => {
      if (doc.uri.scheme === RULES_SCHEME && doc.languageId !== "markdown") {
        void vscode.languages.setTextDocumentLanguage(doc, "markdown");
      }
    }),
    vscode.commands.registerCommand("zhproof.showRules", async () => {
      if (!binaryPath) {
        void vscode.window.showErrorMessage(INSTALL_HINT);
        return;
      }
      try {
        // a read-only virtual document: no dirty tab, not proofread
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(`${RULES_SCHEME}:/rules.md`));
        await vscode.window.showTextDocument(doc, { preview: true });
      } catch (e) {
        void vscode.window.showErrorMessage(`zhproof rules: ${e instanceof Error ? e.message : String(e)}`);
      }
    }),
    vscode.languages.onDidChangeDiagnostics(() => updateStatus()),
    vscode.window.onDidChangeActiveTextEditor(() => updateStatus()),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration("zhproof.path") || e.affectsConfiguration("zhproof.languages")) {
        await stopServer();
        await start(context);
      }
    }),
  );
  await start(context);
  updateStatus();
}

export async function deactivate(): Promise<void> {
  await stopServer();
}
