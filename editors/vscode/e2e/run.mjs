// End-to-end test of the extension in a real VS Code workbench: code-server
// (VS Code 1.100.3 in a browser) with the packaged .vsix installed, driven by
// Playwright in Debian's headless chromium. The tools come from
// editors/vscode/e2e/install.sh (the cache directory is passed in
// ZHPROOF_E2E_TOOLS).
//
//   ZHPROOF_BIN=target/debug/zhproof ZHPROOF_VSIX=editors/vscode/zhproof.vsix \
//   ZHPROOF_E2E_TOOLS=~/.cache/zhproof-ci/npm-… node editors/vscode/e2e/run.mjs
//
// It opens a fixture article and checks, as a user would see them:
// 1. the Problems count equals `zhproof check`'s count for the same file;
// 2. a hover on a figure shows its value;
// 3. the Outline view lists the article's sections;
// 4. a quick fix (Ctrl+.) changes the saved file;
// 5. "zhproof: Fix all" changes the saved file;
// 6. Format Document gives what `zhproof check --fix` gives;
// 7. "Show rule reference" opens a read-only document that is not proofread;
// 8. "Restart server" logs no error; the status bar keeps the count while the
//    Output panel has the focus.
// The workbench is driven by keyboard: clicks on the editor are intercepted.
// On a failure a screenshot is written next to the temporary workspace.
import { spawn, execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import url from "node:url";

const here = path.dirname(url.fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../..");
const tools = process.env.ZHPROOF_E2E_TOOLS;
const binary = path.resolve(process.env.ZHPROOF_BIN ?? path.join(repo, "target/debug/zhproof"));
const vsix = path.resolve(process.env.ZHPROOF_VSIX ?? path.join(repo, "editors/vscode/zhproof.vsix"));
const chromiumPath = process.env.ZHPROOF_CHROMIUM ?? "/usr/bin/chromium";
if (!tools) throw new Error("ZHPROOF_E2E_TOOLS is not set (run editors/vscode/e2e/install.sh)");
const require = createRequire(path.join(tools, "package.json"));
const { chromium } = require("playwright-core");
const codeServer = path.join(tools, "node_modules/.bin/code-server");

const started = Date.now();
const log = (msg) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${name}${detail === undefined ? "" : `: ${detail}`}`);
  }
}

// a workspace of its own, with the article and no .zhproof.toml above it
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "zhproof-e2e-"));
const workspace = path.join(tmp, "ws");
const userData = path.join(tmp, "user");
const extensions = path.join(tmp, "ext");
fs.mkdirSync(path.join(userData, "User"), { recursive: true });
fs.mkdirSync(workspace);
const article = path.join(workspace, "news_report.txt");
const original = fs.readFileSync(path.join(repo, "tests/fixtures/news_report.txt"), "utf8");
fs.writeFileSync(article, original);
fs.writeFileSync(
  path.join(userData, "User/settings.json"),
  JSON.stringify(
    {
      "zhproof.path": binary,
      "workbench.startupEditor": "none",
      "workbench.tips.enabled": false,
      "workbench.enableExperiments": false,
      "security.workspace.trust.enabled": false,
      "extensions.ignoreRecommendations": true,
      "extensions.autoCheckUpdates": false,
      "extensions.autoUpdate": false,
      "update.mode": "none",
      "telemetry.telemetryLevel": "off",
      "chat.disableAIFeatures": true,
      "files.autoSave": "off",
      "editor.hover.delay": 100,
      "workbench.editor.enablePreview": false,
    },
    null,
    2,
  ),
);

function cli(args, input) {
  try {
    return execFileSync(binary, args, { cwd: workspace, encoding: "utf8", input });
  } catch (e) {
    if (e.status === 1) return e.stdout; // findings that fail the check
    throw e;
  }
}
const expected = JSON.parse(cli(["check", "--format", "json", article]));

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

const env = { ...process.env, XDG_CONFIG_HOME: path.join(tmp, "config"), XDG_DATA_HOME: path.join(tmp, "data") };
const common = ["--user-data-dir", userData, "--extensions-dir", extensions];
log("installing the extension");
execFileSync(codeServer, [...common, "--install-extension", vsix], { env, stdio: ["ignore", "pipe", "inherit"] });

const port = await freePort();
const server = spawn(
  codeServer,
  [
    ...common,
    "--auth",
    "none",
    "--bind-addr",
    `127.0.0.1:${port}`,
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    "--disable-getting-started-override",
    workspace,
  ],
  { env, stdio: ["ignore", "pipe", "pipe"] },
);
let serverLog = "";
server.stdout.on("data", (d) => (serverLog += d));
server.stderr.on("data", (d) => (serverLog += d));

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, fn, ms = 30000, every = 250) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await sleep(every);
  }
  throw new Error(`timed out waiting for ${what} (last: ${last})`);
}

let browser;
let page;
try {
  await until("code-server to listen", async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 60000, 500);
  log("code-server is up");
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector(".monaco-workbench", { timeout: 60000 });
  await page.waitForSelector(".explorer-folders-view, .explorer-viewlet", { timeout: 60000 });
  log("workbench loaded");

  const keys = async (...combo) => {
    for (const k of combo) {
      await page.keyboard.press(k);
      await sleep(150);
    }
  };
  const quickInput = async (text) => {
    const box = page.locator(".quick-input-widget input");
    await box.waitFor({ state: "visible", timeout: 10000 });
    await box.fill(text);
    await sleep(400);
  };
  const pick = async (label) => {
    const row = page.locator(".quick-input-list .monaco-list-row", { hasText: label }).first();
    await row.waitFor({ state: "visible", timeout: 15000 });
    await sleep(300);
    await keys("Enter");
  };
  const command = async (title) => {
    await keys("F1");
    await quickInput(`>${title}`);
    await pick(title.split(" / ")[0].replace(/^.*: /, ""));
    await sleep(500);
  };
  const goTo = async (line, column) => {
    await keys("Control+g");
    await quickInput(`:${line}:${column}`);
    await keys("Enter");
    await sleep(300);
  };
  const save = async () => {
    await keys("Control+s");
    await until("the file to be saved", async () => !(await page.locator(".tab.active.dirty").count()), 10000);
    await sleep(300);
  };

  // open the article
  await keys("Control+p");
  await quickInput("news_report.txt");
  await pick("news_report.txt");
  await page.waitForSelector(".monaco-editor .view-lines", { timeout: 20000 });
  await page.locator(".monaco-editor textarea").first().focus();
  log("article open");

  // 1. the Problems panel's count
  await keys("Control+Shift+M");
  const badge = page.locator(".part.panel .composite-bar .badge-content, .part.panel .action-item.checked .badge .badge-content");
  const problemsCount = async () =>
    (await badge.allTextContents()).map((t) => parseInt(t.replace(/\D/g, ""), 10)).find((v) => v > 0);
  const shown = await until("the Problems count", problemsCount, 60000);
  // the count settles: the server publishes once per version
  await sleep(1500);
  const settled = await problemsCount();
  check(`Problems shows zhproof check's count (${expected.length})`, settled === expected.length, `shown ${settled ?? shown}`);

  // the status bar's count, also while the Output panel has the focus
  await command("Output: Focus on Output View");
  await sleep(800);
  const statusText = (await page.locator(".statusbar-item", { hasText: "校对" }).allTextContents()).join(" ");
  check(
    "the status bar keeps the count while the Output panel has the focus",
    statusText.includes(String(expected.length)),
    statusText,
  );
  await keys("Control+Shift+M");

  // 2. hover on a figure
  const lines = original.split("\n");
  const li = lines.findIndex((l) => l.includes("200余个"));
  await page.locator(".monaco-editor textarea").first().focus();
  await goTo(li + 1, lines[li].indexOf("200余个") + 2);
  await keys("Control+k", "Control+i");
  const hover = await until(
    "the hover",
    async () => {
      const t = (await page.locator(".monaco-hover:visible").allTextContents()).join(" ");
      return t.includes("200") ? t : undefined;
    },
    15000,
  ).catch((e) => String(e));
  check("a hover on a figure shows its value", /200/.test(hover) && /余|约|以上|多/.test(hover), hover.slice(0, 200));
  await keys("Escape");

  // 3. the Outline view
  // `zhproof outline`: "标题：NAME  (detail)  [行 N]", sections indented
  const names = cli(["outline", article])
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => l.trim().replace(/\s+\[行 \d+\]$/, "").replace(/^标题：/, "").split("  ")[0]);
  await command("Explorer: Focus on Outline View");
  const rows = await until(
    "the Outline rows",
    async () => {
      const r = await page.locator(".outline-pane .monaco-list-row").allTextContents();
      return names.every((n) => r.some((x) => x.includes(n))) ? r : undefined;
    },
    20000,
  ).catch(async () => page.locator(".outline-pane .monaco-list-row").allTextContents());
  check(
    `the Outline lists the title and the ${names.length - 1} sections`,
    names.length >= 2 && names.every((n) => rows.some((x) => x.includes(n))),
    `${JSON.stringify(rows)} / want ${JSON.stringify(names)}`,
  );

  // 4. a quick fix
  const halfwidth = expected.find((f) => f.code === "punct-halfwidth");
  await page.locator(".monaco-editor textarea").first().focus();
  await goTo(halfwidth.start.line, halfwidth.start.column);
  await keys("Control+.");
  await page.waitForSelector(".action-widget", { timeout: 10000 });
  const menu = (await page.locator(".action-widget").allTextContents()).join(" ");
  await keys("Enter");
  await sleep(500);
  await save();
  const afterQuick = fs.readFileSync(article, "utf8");
  // exactly the fix's edit (byte range → replacement), nothing else
  const bytes = Buffer.from(original, "utf8");
  const edit = halfwidth.fix.edits[0];
  const wantQuick = Buffer.concat([
    bytes.subarray(0, edit.byte_range.start),
    Buffer.from(edit.replacement, "utf8"),
    bytes.subarray(edit.byte_range.end),
  ]).toString("utf8");
  check("a quick fix changes the saved file", afterQuick === wantQuick, `menu: ${menu.slice(0, 120)}`);

  // 5. Fix all
  await command("zhproof: 修复全文可自动修复的问题 / Fix all in document");
  await sleep(800);
  await save();
  const afterAll = fs.readFileSync(article, "utf8");
  const left = JSON.parse(cli(["check", "--format", "json", article])).filter((f) => f.code === "punct-halfwidth");
  check("Fix all changes the saved file", afterAll !== afterQuick && left.length === 0, `${left.length} half-width marks left`);

  // 6. Format Document = zhproof check --fix, from the original text (put
  // back on disk: the unmodified editor reloads it)
  fs.writeFileSync(article, original);
  await until("the reloaded article's problems", async () => (await problemsCount()) === expected.length, 30000);
  const want = cli(["check", "--fix", "--stdin-filename", article, "-"], original);
  await page.locator(".monaco-editor textarea").first().focus();
  // by the palette: Shift+Alt+F is the browser's File menu
  await command("Format Document");
  await until("the document to be formatted", async () => (await page.locator(".tab.active.dirty").count()) > 0, 15000);
  await save();
  const formatted = fs.readFileSync(article, "utf8");
  check(
    "Format Document gives what zhproof check --fix gives",
    want !== original && formatted === want,
    formatted === original ? "unchanged" : "different",
  );

  // 7. the rule reference: a read-only document, not proofread
  const before = await problemsCount();
  await command("zhproof: 显示规则参考 / Show rule reference");
  const tab = page.locator(".tab", { hasText: "rules.md" });
  await tab.waitFor({ state: "visible", timeout: 15000 });
  await sleep(1500);
  await page.locator(".monaco-editor textarea").first().focus();
  await page.keyboard.type("x");
  await sleep(500);
  const dirty = await page.locator(".tab.dirty").count();
  const after = await problemsCount();
  check("Show rule reference opens a read-only, unchecked document", dirty === 0 && after === before, `dirty tabs ${dirty}, problems ${before} → ${after}`);

  // 8. Restart server: no error in the zhproof output channel
  await command("zhproof: 重启语言服务器 / Restart server");
  await sleep(2500);
  // (the channel picker may not take the first time on a loaded machine: retried)
  const channelText = async () =>
    (await page.locator(".part.panel .monaco-editor .view-lines").allTextContents()).join("\n");
  let channel = "";
  for (let attempt = 0; attempt < 3 && !channel.includes("restarted"); attempt++) {
    await command("Output: Show Output Channels...");
    await pick("zhproof");
    channel = await until(
      "the zhproof output channel",
      async () => {
        const t = await channelText();
        return t.includes("restarted") ? t : undefined;
      },
      10000,
    ).catch(channelText);
  }
  // Known problem (issue 13, item 5): in this environment the output-channel
  // picker selects another channel after the restart, so the channel's text
  // cannot be read back. An error in the channel still fails the run; a
  // channel that cannot be read is reported as a skip, not as a pass.
  if (!channel.includes("restarted")) {
    console.log("ok - Restart server logs no error # SKIP the zhproof output channel could not be selected");
  } else {
    check("Restart server logs no error", !/exited with code|\[Error/.test(channel), channel.slice(-300));
  }
} catch (e) {
  failed++;
  console.log(`not ok - the workbench could be driven: ${e.stack ?? e}`);
} finally {
  if (failed && page) {
    const shot = path.join(tmp, "failure.png");
    await page.screenshot({ path: shot }).catch(() => {});
    console.log(`screenshot: ${shot}`);
    console.log(serverLog.split("\n").slice(-30).join("\n"));
  }
  await browser?.close().catch(() => {});
  server.kill("SIGTERM");
}
log(`${passed} passed, ${failed} failed`);
if (!failed) fs.rmSync(tmp, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
