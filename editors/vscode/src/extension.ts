// The zhproof VS Code extension: starts `zhproof lsp` through vscode-languageclient.
import * as vscode from "vscode";
import { execFile } from "child_process";
import { LanguageClient, LanguageClientOptions, ServerOptions, State } from "vscode-languageclient/node";
import { documentSelector, INSTALL_HINT, readSettings, resolveServerPath, serverCommand, serverSettings } from "./settings";

let client: LanguageClient | undefined;
let status: vscode.StatusBarItem | undefined;
let output: vscode.OutputChannel | undefined;
let binaryPath: string | undefined;

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
  const serverOptions: ServerOptions = { run: cmd, debug: cmd };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(s.languages),
    outputChannel: output,
    traceOutputChannel: output,
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
    if (e.newState === State.Stopped) updateStatus();
  });
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

function updateStatus(): void {
  if (!status) return;
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) {
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
      if (client) {
        await client.restart();
      } else {
        await start(context);
      }
    }),
    vscode.commands.registerCommand("zhproof.showRules", () => {
      if (!binaryPath) {
        void vscode.window.showErrorMessage(INSTALL_HINT);
        return;
      }
      execFile(binaryPath, ["rules"], { maxBuffer: 8 << 20 }, async (err, stdout) => {
        if (err) {
          void vscode.window.showErrorMessage(`zhproof rules: ${err.message}`);
          return;
        }
        const doc = await vscode.workspace.openTextDocument({ language: "markdown", content: stdout });
        await vscode.window.showTextDocument(doc, { preview: true });
      });
    }),
    vscode.languages.onDidChangeDiagnostics(() => updateStatus()),
    vscode.window.onDidChangeActiveTextEditor(() => updateStatus()),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration("zhproof.path") || e.affectsConfiguration("zhproof.languages")) {
        await client?.stop();
        client = undefined;
        await start(context);
      }
    }),
  );
  await start(context);
  updateStatus();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
