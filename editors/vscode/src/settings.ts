// Pure configuration logic shared by the extension and its tests (no `vscode` import here).
import * as fs from "fs";
import * as path from "path";

/** What the extension reads from the `zhproof.*` settings. */
export interface ZhproofSettings {
  path: string;
  languages: string[];
  rules: Record<string, string>;
  spacing: "none" | "space";
  quotes: "“”" | "「」";
  words: string[];
  articleDate: string;
}

export const DEFAULTS: ZhproofSettings = {
  path: "zhproof",
  languages: ["plaintext", "markdown"],
  rules: {},
  spacing: "none",
  quotes: "“”",
  words: [],
  articleDate: "",
};

/** Read settings through a `get(key)` accessor (VS Code's WorkspaceConfiguration fits). */
export function readSettings(get: (key: string) => unknown): ZhproofSettings {
  const str = (k: string, d: string) => {
    const v = get(k);
    return typeof v === "string" && v.length > 0 ? v : d;
  };
  const arr = (k: string, d: string[]) => {
    const v = get(k);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : d;
  };
  const rulesRaw = get("rules");
  const rules: Record<string, string> = {};
  if (rulesRaw && typeof rulesRaw === "object") {
    for (const [k, v] of Object.entries(rulesRaw as Record<string, unknown>)) {
      if (typeof v === "string") rules[k] = v;
    }
  }
  const spacing = str("style.spacing", DEFAULTS.spacing) === "space" ? "space" : "none";
  const quotes = str("style.quotes", DEFAULTS.quotes) === "「」" ? "「」" : "“”";
  return {
    path: str("path", DEFAULTS.path),
    languages: arr("languages", DEFAULTS.languages),
    rules,
    spacing,
    quotes,
    words: arr("words", DEFAULTS.words),
    articleDate: str("articleDate", ""),
  };
}

/** The `zhproof` section the server receives (workspace/configuration, didChangeConfiguration). */
export function serverSettings(s: ZhproofSettings): Record<string, unknown> {
  const out: Record<string, unknown> = {
    rules: s.rules,
    style: { spacing: s.spacing, quotes: s.quotes },
    words: s.words,
  };
  if (s.articleDate) out.articleDate = s.articleDate;
  return out;
}

/** Document selector: the configured languages (files and unsaved documents), and
 * `.zhproof.toml` itself, which the server validates as you type. */
export function documentSelector(languages: string[]): ({ scheme: string; language: string } | { scheme: string; pattern: string })[] {
  const out: ({ scheme: string; language: string } | { scheme: string; pattern: string })[] = [];
  for (const language of languages) {
    out.push({ scheme: "file", language });
    out.push({ scheme: "untitled", language });
  }
  out.push({ scheme: "file", pattern: "**/.zhproof.toml" });
  return out;
}

/** Find the server binary: an explicit path must exist; a bare name is looked up on PATH. */
export function resolveServerPath(configured: string, envPath: string | undefined = process.env.PATH): string | undefined {
  const isFile = (p: string) => {
    try {
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  };
  if (configured.includes("/") || configured.includes("\\")) {
    return isFile(configured) ? configured : undefined;
  }
  const exts = process.platform === "win32" ? [".exe", ".cmd", ""] : [""];
  for (const dir of (envPath ?? "").split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, configured + ext);
      if (isFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/** The command line that starts the server. */
export function serverCommand(binary: string): { command: string; args: string[] } {
  return { command: binary, args: ["lsp"] };
}

export const INSTALL_HINT =
  "未找到 zhproof 可执行文件。请先安装：在 zhproof 源码目录运行 `cargo install --path .`，" +
  "或在设置 `zhproof.path` 中填写可执行文件的完整路径。" +
  " (zhproof binary not found: install it with `cargo install --path .` or set `zhproof.path`.)";

/** The scheme of the read-only rule reference documents. */
export const RULES_SCHEME = "zhproof";

/** The prefix of the diagnostics' rule links (`codeDescription.href` is
 * this and the rule code), sent to the server as `initializationOptions.ruleDocs`. */
export const RULE_DOCS_PREFIX = `${RULES_SCHEME}:/rules/`;

/** One rule's section (from its `## \`code\`` heading to the next heading of
 * that level) of the `zhproof rules` reference; the whole text when the
 * rule is not in it. */
export function ruleSection(reference: string, code: string): string {
  const lines = reference.split("\n");
  const start = lines.findIndex((l) => l.trim() === `## \`${code}\``);
  if (start < 0) return reference;
  let end = lines.findIndex((l, i) => i > start && l.startsWith("## "));
  if (end < 0) end = lines.length;
  return lines.slice(start, end).join("\n").trimEnd() + "\n";
}
