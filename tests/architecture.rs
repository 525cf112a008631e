//! The layering of `docs/architecture.md`, checked on the source.
//!
//! Every `.rs` file under `src/` is read; comments, string literals and test
//! code are left out (files named `tests.rs` or `*_tests.rs`, and each item
//! that follows a `#[cfg(test)]` line, to its end). From what is left, the
//! module paths it names are collected (`crate::X`, `super::X`, the library
//! as `zhproof::X` in `main.rs`, with `use` groups expanded), resolved to
//! the module they point into, and checked against three rules:
//!
//! 1. **Layers**: a module imports only from lower layers or from earlier
//!    entries of its own layer ([`LAYERS`], the table of the document, in
//!    its order), or from within its own entry (the files of a directory
//!    module import each other freely). A module missing from the table is a
//!    failure too, with a message saying to add it.
//! 2. **Rules**: a rule module under `src/core/rules/` imports no other rule
//!    module (the table, `rules/mod.rs`, imports them all; a rule family that
//!    is a directory imports within itself).
//! 3. **Core**: no file under `src/core` names `tower_lsp_server`, `tokio`,
//!    `serde_json`, `crate::lsp` or `crate::cli`.
//! 4. **Public API**: the core root declares no module `pub` (they are
//!    `pub(crate)` or private) and re-exports items, never a module: the
//!    core's public API is the list of its `pub use` items.
//!
//! The crate root (`lib.rs`) and the core root (`core/mod.rs`) are facades:
//! they declare modules and re-export items. They are not checked as
//! importers, and a path through them (`crate::core::Config`) counts as a
//! path into the module the item comes from (`core::config`).
//!
//! Each check prints every violation it finds before failing
//! (`cargo test --test architecture -- --nocapture`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layer table of `docs/architecture.md`: (module path prefix, layer),
/// in the order of the table. Within a layer, a module may import only the
/// entries listed before its own. `core::rules` is the rule table
/// (`rules/mod.rs`); the row `core::rules::*` stands for each rule module,
/// every one an entry of its own.
const LAYERS: &[(&str, u8)] = &[
    // 0 text
    ("core::chars", 0),
    ("core::data", 0),
    ("core::text", 0),
    ("core::lines", 0),
    // 1 findings and config
    ("core::finding", 1),
    ("core::edits", 1),
    ("core::config", 1),
    ("core::suppress", 1),
    // 2 language
    ("core::nlp", 2),
    ("core::hanzi", 2),
    ("core::figures", 2),
    // 3 paragraph context
    ("core::para", 3),
    // 4 knowledge, in this order
    ("core::boilerplate", 4),
    ("core::broken", 4),
    ("core::wordlists", 4),
    ("core::latin_words", 4),
    ("core::entities", 4),
    ("core::outline", 4),
    // 5 rules
    ("core::doc", 5),
    ("core::rules", 5),
    ("core::rules::*", 5),
    // 6 analyzer
    ("core::analyzer", 6),
    // 7 services
    ("core::hover", 7),
    ("core::fix", 7),
    ("core::config_file", 7),
    // 8 adapters
    ("memory", 8),
    ("lsp", 8),
    ("cli", 8),
    ("main", 8),
];

/// The facades: the crate root and the core root.
const FACADES: &[&str] = &["", "core"];

/// The row of [`LAYERS`] whose every module is an entry of its own.
const RULE_MODULES: &str = "core::rules::*";

/// The rule table, which may import every rule module.
const RULE_TABLE: &str = "core::rules";

/// What no non-test code under `src/core` may name.
const FORBIDDEN_IN_CORE: &[&str] = &[
    "tower_lsp_server",
    "tokio",
    "serde_json",
    "crate::lsp",
    "crate::cli",
];

/// One source file: its path under `src/` (with `/`) and its text.
struct SourceFile {
    path: String,
    text: String,
}

/// What the checks found, by rule (each a readable line).
#[derive(Default, Debug)]
struct Violations {
    layers: Vec<String>,
    rule_imports: Vec<String>,
    core_names: Vec<String>,
    api: Vec<String>,
}

/// Every `.rs` file under `src/` of this crate, sorted by path.
fn source_files() -> Vec<SourceFile> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<SourceFile>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, root, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel = p.strip_prefix(root).unwrap_or(&p);
                let path = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                let text =
                    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
                out.push(SourceFile { path, text });
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    walk(&root, &root, &mut out);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

// ---------------------------------------------------------------- reading

/// The module path of a file under `src/`: `core/rules/punct.rs` →
/// `[core, rules, punct]`, `core/mod.rs` → `[core]`, `lib.rs` → `[]`,
/// `main.rs` → `[main]` (the binary, named as in the table).
fn module_of(path: &str) -> Vec<String> {
    let mut parts: Vec<String> = path.split('/').map(str::to_string).collect();
    let file = parts.pop().unwrap_or_default();
    let stem = file.strip_suffix(".rs").unwrap_or(&file).to_string();
    if parts.is_empty() && stem == "lib" {
        return parts;
    }
    if stem != "mod" {
        parts.push(stem);
    }
    parts
}

/// Is the whole file test code (`tests.rs`, `*_tests.rs`)?
fn is_test_file(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    file == "tests.rs" || file.ends_with("_tests.rs")
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The code of a file without comments and without the contents of string
/// and character literals (a string becomes `""`, a char `' '`), newlines
/// kept so that line numbers stay.
fn strip_comments_and_literals(src: &str) -> String {
    let s: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    // keeps the newlines of skipped text
    let skip = |from: usize, to: usize, out: &mut String| {
        for &c in &s[from..to.min(s.len())] {
            if c == '\n' {
                out.push('\n');
            }
        }
    };
    while i < s.len() {
        let c = s[i];
        let next = s.get(i + 1).copied();
        let prev_ident = i > 0 && is_ident_char(s[i - 1]);
        if c == '/' && next == Some('/') {
            while i < s.len() && s[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let (start, mut depth) = (i, 0usize);
            while i < s.len() {
                if s[i] == '/' && s.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if s[i] == '*' && s.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            skip(start, i, &mut out);
            out.push(' ');
        } else if !prev_ident && (c == 'r' || (c == 'b' && next == Some('r'))) && {
            // a raw string: r"…", r#"…"#, br"…"
            let mut j = i + if c == 'b' { 2 } else { 1 };
            while s.get(j) == Some(&'#') {
                j += 1;
            }
            s.get(j) == Some(&'"')
        } {
            let mut j = i + if c == 'b' { 2 } else { 1 };
            let mut hashes = 0;
            while s.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            let start = j + 1;
            let mut k = start;
            let end = loop {
                if k >= s.len() {
                    break s.len();
                }
                if s[k] == '"' && (1..=hashes).all(|h| s.get(k + h) == Some(&'#')) {
                    break k + 1 + hashes;
                }
                k += 1;
            };
            skip(start, end, &mut out);
            out.push_str("\"\"");
            i = end;
        } else if c == '"' || (c == 'b' && next == Some('"') && !prev_ident) {
            let start = if c == 'b' { i + 2 } else { i + 1 };
            let mut k = start;
            while k < s.len() && s[k] != '"' {
                k += if s[k] == '\\' { 2 } else { 1 };
            }
            skip(start, k, &mut out);
            out.push_str("\"\"");
            i = k + 1;
        } else if c == '\'' {
            // a char literal ('x', '\n', '\u{..}') or a lifetime ('a)
            if next == Some('\\') {
                let mut k = i + 2;
                while k < s.len() && s[k] != '\'' {
                    k += 1;
                }
                out.push_str("' '");
                i = k + 1;
            } else if s.get(i + 2) == Some(&'\'') {
                out.push_str("' '");
                i += 3;
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// `code` (already without comments and literals) with every item that
/// follows a `#[cfg(test)]` line blanked out to its end: to the `;` of a
/// one-line item (`mod tests;`) or the `,` of a field, or to the brace that
/// closes its body (brackets are counted). Newlines are kept.
fn strip_test_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut lines = code.split_inclusive('\n');
    while let Some(line) = lines.next() {
        if !line.trim_start().starts_with("#[cfg(test)]") {
            out.push_str(line);
            continue;
        }
        let mut depth = 0i64;
        let mut opened = false;
        let mut cur = Some(line);
        while let Some(l) = cur {
            if l.ends_with('\n') {
                out.push('\n');
            }
            let rest = l.trim_start().strip_prefix("#[cfg(test)]").unwrap_or(l);
            let mut done = false;
            for ch in rest.chars() {
                match ch {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '(' | '[' => depth += 1,
                    '}' | ')' | ']' => {
                        depth -= 1;
                        // the end of the body, or of the item around (a field)
                        if (opened && depth == 0) || depth < 0 {
                            done = true;
                        }
                    }
                    // a one-line item, or a field or match arm
                    ';' | ',' if !opened && depth == 0 => done = true,
                    _ => {}
                }
                if done {
                    break;
                }
            }
            if done {
                break;
            }
            cur = lines.next();
        }
    }
    out
}

/// The code of a file that the checks read: `None` for a test file.
fn checked_code(file: &SourceFile) -> Option<String> {
    if is_test_file(&file.path) {
        return None;
    }
    Some(strip_test_items(&strip_comments_and_literals(&file.text)))
}

/// Skips spaces and newlines.
fn skip_ws(s: &[char], i: &mut usize) {
    while *i < s.len() && s[*i].is_whitespace() {
        *i += 1;
    }
}

/// Reads an identifier at `i` (empty if there is none).
fn ident(s: &[char], i: &mut usize) -> String {
    let start = *i;
    while *i < s.len() && is_ident_char(s[*i]) {
        *i += 1;
    }
    s[start..*i].iter().collect()
}

/// Parses the rest of a path or `use` tree at `i`, after `prefix`, and adds
/// every full path it names to `out` (`{a, b::c}` gives two; `*` and `self`
/// give the prefix itself).
fn parse_tree(s: &[char], i: &mut usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let mut path = prefix;
    loop {
        skip_ws(s, i);
        match s.get(*i) {
            Some('{') => {
                *i += 1;
                loop {
                    skip_ws(s, i);
                    match s.get(*i) {
                        None => return,
                        Some('}') => {
                            *i += 1;
                            return;
                        }
                        Some(',') => *i += 1,
                        Some(_) => {
                            let before = *i;
                            parse_tree(s, i, path.clone(), out);
                            if *i == before {
                                *i += 1; // not a path: step over it
                            }
                        }
                    }
                }
            }
            Some('*') => {
                *i += 1;
                out.push(path);
                return;
            }
            _ => {
                let name = ident(s, i);
                if name.is_empty() {
                    out.push(path);
                    return;
                }
                if name != "self" {
                    path.push(name);
                }
                let mut j = *i;
                skip_ws(s, &mut j);
                if s.get(j) == Some(&':') && s.get(j + 1) == Some(&':') {
                    *i = j + 2;
                    continue;
                }
                // `as alias` and whatever follows the path end it
                out.push(path);
                return;
            }
        }
    }
}

/// A module path named in a file: the words as written (`crate`, `super`,
/// `zhproof` first) and the line.
struct Reference {
    path: Vec<String>,
    line: usize,
}

/// Every path in `code` that starts with `crate::`, `super::` or (in the
/// binary) `zhproof::`, with `use` groups expanded.
fn references(code: &str, binary: bool) -> Vec<Reference> {
    let s: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let starts: &[&str] = if binary {
        &["crate", "super", "zhproof"]
    } else {
        &["crate", "super"]
    };
    while i < s.len() {
        if s[i] == '\n' {
            line += 1;
            i += 1;
            continue;
        }
        let boundary = i == 0 || !(is_ident_char(s[i - 1]) || s[i - 1] == ':');
        if boundary && is_ident_char(s[i]) {
            let mut j = i;
            let word = ident(&s, &mut j);
            let mut k = j;
            skip_ws(&s, &mut k);
            if starts.contains(&word.as_str())
                && s.get(k) == Some(&':')
                && s.get(k + 1) == Some(&':')
            {
                let mut paths = Vec::new();
                let mut p = k + 2;
                parse_tree(&s, &mut p, vec![word], &mut paths);
                for path in paths {
                    out.push(Reference { path, line });
                }
                // newlines inside a `use` group
                line += s[i..p.min(s.len())].iter().filter(|c| **c == '\n').count();
                i = p.max(i + 1);
                continue;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    out
}

/// The items a facade re-exports: name → the absolute path it stands for
/// (`core/mod.rs`: `pub use config::Config;` gives `Config` → `core::config::Config`).
fn reexports(code: &str, module: &[String]) -> BTreeMap<String, Vec<String>> {
    let s: Vec<char> = code.chars().collect();
    let text: String = s.iter().collect();
    let mut out = BTreeMap::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("pub use ") {
        let byte = from + at + "pub use ".len();
        from = byte;
        let mut i = text[..byte].chars().count();
        let mut paths = Vec::new();
        parse_tree(&s, &mut i, Vec::new(), &mut paths);
        for p in paths {
            let Some(name) = p.last().cloned() else {
                continue;
            };
            let abs = match p.first().map(String::as_str) {
                Some("crate") => p[1..].to_vec(),
                Some("super") => {
                    let mut m = module[..module.len().saturating_sub(1)].to_vec();
                    m.extend_from_slice(&p[1..]);
                    m
                }
                _ => {
                    let mut m = module.to_vec();
                    m.extend(p);
                    m
                }
            };
            out.insert(name, abs);
        }
    }
    out
}

// ---------------------------------------------------------------- the table

/// A module's place in [`LAYERS`].
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    /// Row of the table.
    index: usize,
    layer: u8,
    /// What counts as "the same module": the prefix of the row, or for a
    /// rule module `core::rules::NAME`.
    key: String,
}

/// The entry of a module path (the longest matching row), if any.
fn entry_of(module: &[String]) -> Option<Entry> {
    let joined = module.join("::");
    let mut best: Option<(usize, Entry)> = None;
    for (index, (prefix, layer)) in LAYERS.iter().enumerate() {
        let (len, key) = if *prefix == RULE_MODULES {
            let base: Vec<&str> = prefix.trim_end_matches("::*").split("::").collect();
            let under = module.len() > base.len() && module.iter().zip(&base).all(|(a, b)| a == b);
            if !under {
                continue;
            }
            (base.len() + 1, module[..=base.len()].join("::"))
        } else {
            let matches = joined == *prefix || joined.starts_with(&format!("{prefix}::"));
            if !matches {
                continue;
            }
            (prefix.split("::").count(), prefix.to_string())
        };
        if best.as_ref().is_none_or(|(l, _)| len > *l) {
            best = Some((
                len,
                Entry {
                    index,
                    layer: *layer,
                    key,
                },
            ));
        }
    }
    best.map(|(_, e)| e)
}

fn is_rule_module(e: &Entry) -> bool {
    LAYERS.get(e.index).is_some_and(|(p, _)| *p == RULE_MODULES)
}

/// May a module of entry `from` import one of entry `to`?
fn may_import(from: &Entry, to: &Entry) -> bool {
    from.key == to.key
        || to.layer < from.layer
        || (to.layer == from.layer && to.index < from.index)
        || (from.key == RULE_TABLE && is_rule_module(to))
}

// ---------------------------------------------------------------- the checks

/// Runs the three checks over a set of source files.
fn check(files: &[SourceFile]) -> Violations {
    let mut v = Violations::default();
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(&f.path)).collect();
    let codes: Vec<(&SourceFile, Vec<String>, Option<String>)> = files
        .iter()
        .map(|f| (f, module_of(&f.path), checked_code(f)))
        .collect();
    let mut exports: BTreeMap<Vec<String>, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    for (_, module, code) in &codes {
        if FACADES.contains(&module.join("::").as_str()) {
            if let Some(code) = code {
                exports.insert(module.clone(), reexports(code, module));
            }
        }
    }
    // the module a resolved path points into, through the facades' re-exports
    let target_of = |path: &[String]| -> Option<Vec<String>> {
        let mut path = path.to_vec();
        for _ in 0..4 {
            let n = (0..=path.len())
                .rev()
                .find(|&n| modules.contains(&path[..n]))?;
            let module = path[..n].to_vec();
            if !FACADES.contains(&module.join("::").as_str()) {
                return Some(module);
            }
            let item = path.get(n)?;
            let to = exports.get(&module)?.get(item)?.clone();
            let mut next = to;
            next.extend_from_slice(&path[n + 1..]);
            path = next;
        }
        None
    };
    if let Some((_, core, Some(code))) = codes.iter().find(|(_, m, _)| m.join("::") == "core") {
        for (n, l) in code.lines().enumerate() {
            if l.trim_start().starts_with("pub mod ") {
                v.api.push(format!(
                    "src/core/mod.rs:{}: `{}`: declare it `pub(crate) mod` and re-export the items that are public",
                    n + 1,
                    l.trim()
                ));
            }
        }
        for (name, path) in reexports(code, core) {
            if modules.contains(&path) {
                v.api.push(format!(
                    "src/core/mod.rs: `{name}` re-exports the module `{}`: re-export its items",
                    path.join("::")
                ));
            }
        }
    }
    let mut unlisted = BTreeSet::new();
    for (file, module, code) in &codes {
        let Some(code) = code else { continue };
        let name = module.join("::");
        if module.first().is_some_and(|m| m == "core") {
            for bad in FORBIDDEN_IN_CORE {
                for (n, l) in code.lines().enumerate() {
                    if names(l, bad) {
                        v.core_names.push(format!(
                            "src/{}:{}: the core names `{bad}`",
                            file.path,
                            n + 1
                        ));
                    }
                }
            }
        }
        if FACADES.contains(&name.as_str()) {
            continue;
        }
        let Some(from) = entry_of(module) else {
            if unlisted.insert(name.clone()) {
                v.layers.push(format!(
                    "src/{}: module `{name}` is not in the layer table: add it to docs/architecture.md and to LAYERS in tests/architecture.rs",
                    file.path
                ));
            }
            continue;
        };
        let binary = name == "main";
        let mut seen = BTreeSet::new();
        for r in references(code, binary) {
            let abs = match r.path.first().map(String::as_str) {
                Some("crate") if binary => continue, // the binary's own items
                Some("crate") | Some("zhproof") => r.path[1..].to_vec(),
                Some("super") => {
                    let mut m = module.clone();
                    let mut rest = &r.path[..];
                    while rest.first().is_some_and(|w| w == "super") {
                        m.pop();
                        rest = &rest[1..];
                    }
                    m.extend_from_slice(rest);
                    m
                }
                _ => continue,
            };
            let Some(target) = target_of(&abs) else {
                continue;
            };
            let target_name = target.join("::");
            let Some(to) = entry_of(&target) else {
                if unlisted.insert(target_name.clone()) {
                    v.layers.push(format!(
                        "src/{}:{}: imports `{target_name}`, which is not in the layer table: add it to docs/architecture.md and to LAYERS in tests/architecture.rs",
                        file.path, r.line
                    ));
                }
                continue;
            };
            if !seen.insert(to.key.clone()) {
                continue; // one message per imported module and file
            }
            if is_rule_module(&from) && is_rule_module(&to) && from.key != to.key {
                v.rule_imports.push(format!(
                    "src/{}:{}: rule module `{}` imports rule module `{}` (`{}`)",
                    file.path,
                    r.line,
                    from.key,
                    to.key,
                    abs.join("::")
                ));
            } else if !may_import(&from, &to) {
                v.layers.push(format!(
                    "src/{}:{}: `{name}` (layer {}, `{}`) imports `{}` (layer {}, `{}`)",
                    file.path,
                    r.line,
                    from.layer,
                    from.key,
                    abs.join("::"),
                    to.layer,
                    to.key
                ));
            }
        }
    }
    v
}

/// Does the code line name `what` as a whole word / path?
fn names(line: &str, what: &str) -> bool {
    line.match_indices(what).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after = line[at + what.len()..].chars().next();
        !before.is_some_and(|c| is_ident_char(c) || c == ':') && !after.is_some_and(is_ident_char)
    })
}

/// Prints the violations of one check (libtest shows them when it fails)
/// and fails if there are any.
fn report(what: &str, list: &[String]) {
    for l in list {
        println!("{l}");
    }
    assert!(
        list.is_empty(),
        "{} {what} violation(s), printed above (see docs/architecture.md)",
        list.len()
    );
}

#[test]
fn modules_import_only_from_lower_layers() {
    report("layer", &check(&source_files()).layers);
}

#[test]
fn rule_modules_do_not_import_each_other() {
    report("rule-to-rule import", &check(&source_files()).rule_imports);
}

#[test]
fn the_core_names_no_lsp_json_or_async_types() {
    report("core naming", &check(&source_files()).core_names);
}

#[test]
fn the_core_exports_items_not_modules() {
    report("public API", &check(&source_files()).api);
}

#[test]
fn the_source_is_read() {
    // the checks above see the real tree: every file, modules resolved
    let files = source_files();
    assert!(files.iter().any(|f| f.path == "core/rules/mod.rs"));
    assert!(files.iter().any(|f| f.path == "lib.rs"));
    let v = check(&files);
    let all = v.layers.len() + v.rule_imports.len() + v.core_names.len() + v.api.len();
    println!("{all} violations in src/ today");
}

// ---------------------------------------------------------------- testing the test

/// A fake source tree.
fn tree(files: &[(&str, &str)]) -> Vec<SourceFile> {
    files
        .iter()
        .map(|(p, t)| SourceFile {
            path: p.to_string(),
            text: t.to_string(),
        })
        .collect()
}

/// A small tree that follows the table.
fn clean_tree() -> Vec<(&'static str, &'static str)> {
    vec![
        ("lib.rs", "pub mod core;\npub mod cli;\npub mod lsp;\n"),
        ("lsp/mod.rs", "use crate::core::Config;\npub struct Server;\n"),
        (
            "core/mod.rs",
            "pub(crate) mod chars;\npub(crate) mod config;\nmod finding;\npub(crate) mod analyzer;\npub(crate) mod rules;\n#[cfg(test)]\nmod md_tests;\npub use config::Config;\npub use analyzer::{analyze, Analyzer};\npub use rules::{all as rules, Rule};\n",
        ),
        ("core/chars.rs", "pub fn is_han(c: char) -> bool { c > '\\u{3000}' }\n"),
        (
            "core/finding.rs",
            "use super::chars;\n/// Not `crate::core::rules` here: a comment.\npub struct Finding;\nconst S: &str = \"crate::core::analyzer and serde_json\";\n",
        ),
        (
            "core/config.rs",
            "use super::{chars::is_han, finding::Finding};\n#[cfg(test)]\nmod tests {\n    use crate::core::analyzer::Analyzer;\n    fn f() { let _ = '}'; }\n}\n",
        ),
        (
            "core/rules/mod.rs",
            "pub mod punct;\npub mod words;\nuse super::config::Config;\npub fn all() { punct::RULES; words::RULES; let _ = self::punct::RULES; }\n",
        ),
        ("core/rules/punct.rs", "use super::Rule;\nuse crate::core::{chars, Config};\n"),
        ("core/rules/words.rs", "use super::super::finding::Finding;\nmod tests;\n"),
        ("core/rules/words/tests.rs", "use crate::core::rules::punct;\n"),
        (
            "core/rules/words/list.rs",
            "use crate::core::rules::words::Entry;\n",
        ),
        ("core/analyzer.rs", "use crate::core::rules;\npub struct Analyzer;\n"),
        (
            "core/md_tests.rs",
            "use crate::cli::Anything;\nuse serde_json::Value;\n",
        ),
        ("cli.rs", "use crate::core::{analyze, Config};\nuse serde_json::json;\n"),
        ("main.rs", "use zhproof::cli;\nuse zhproof::core::Analyzer;\n"),
    ]
}

/// The clean tree with one file added or replaced.
fn with(file: (&'static str, &'static str)) -> Vec<SourceFile> {
    let mut t = clean_tree();
    t.retain(|(p, _)| *p != file.0);
    t.push(file);
    tree(&t)
}

#[test]
fn a_clean_tree_passes() {
    let v = check(&tree(&clean_tree()));
    assert!(
        v.layers.is_empty()
            && v.rule_imports.is_empty()
            && v.core_names.is_empty()
            && v.api.is_empty(),
        "{v:#?}"
    );
}

#[test]
fn a_public_core_module_is_caught() {
    let v = check(&with((
        "core/mod.rs",
        "pub(crate) mod chars;\npub mod config;\npub(crate) mod finding;\npub(crate) mod analyzer;\npub(crate) mod rules;\npub use analyzer::Analyzer;\npub use self::rules::*;\npub use crate::core::chars;\n// pub mod not_code;\n",
    )));
    assert_eq!(v.api.len(), 3, "{v:#?}");
    assert!(
        v.api[0].starts_with("src/core/mod.rs:2: `pub mod config;`"),
        "{v:#?}"
    );
    assert!(
        v.api
            .iter()
            .any(|l| l.contains("re-exports the module `core::rules`")),
        "{v:#?}"
    );
    assert!(
        v.api
            .iter()
            .any(|l| l.contains("`chars` re-exports the module `core::chars`")),
        "{v:#?}"
    );
}

#[test]
fn an_upward_import_is_caught() {
    // a layer-1 module using the rule table (layer 5)
    let v = check(&with((
        "core/finding.rs",
        "pub fn new() { let _ = crate::core::rules::all(); }\n",
    )));
    assert_eq!(v.layers.len(), 1, "{v:#?}");
    assert!(v.layers[0].contains("core/finding.rs:1"), "{v:#?}");
    assert!(v.layers[0].contains("`core::rules`"), "{v:#?}");
    // through a `super` group, and through the core facade's re-export
    let v = check(&with((
        "core/chars.rs",
        "use super::{config::Config, finding};\n",
    )));
    assert_eq!(v.layers.len(), 2, "{v:#?}");
    let v = check(&with(("core/chars.rs", "use crate::core::Analyzer;\n")));
    assert_eq!(v.layers.len(), 1, "{v:#?}");
    assert!(v.layers[0].contains("`core::analyzer`"), "{v:#?}");
    // an earlier entry of the same layer may not import a later one
    let v = check(
        &with(("core/chars.rs", "use super::text::mask;\n"))
            .into_iter()
            .chain(tree(&[("core/text.rs", "")]))
            .collect::<Vec<_>>(),
    );
    assert_eq!(v.layers.len(), 1, "{v:#?}");
}

#[test]
fn a_module_missing_from_the_table_is_caught() {
    let v = check(&with(("core/helpers.rs", "pub fn help() {}\n")));
    assert_eq!(v.layers.len(), 1, "{v:#?}");
    assert!(v.layers[0].contains("`core::helpers` is not in the layer table"));
    assert!(v.layers[0].contains("add it"));
}

#[test]
fn a_rule_to_rule_import_is_caught() {
    let v = check(&with((
        "core/rules/punct.rs",
        "use super::words::Entry;\nfn f() { crate::core::rules::words::list::get(); }\n",
    )));
    assert_eq!(v.rule_imports.len(), 1, "{v:#?}");
    assert!(
        v.rule_imports[0].contains("`core::rules::punct` imports rule module `core::rules::words`")
    );
    assert!(v.layers.is_empty(), "{v:#?}");
}

#[test]
fn serde_json_in_the_core_is_caught() {
    let v = check(&with((
        "core/config.rs",
        "pub fn parse(v: &serde_json::Value) {}\nuse crate::lsp::Server;\n",
    )));
    assert_eq!(v.core_names.len(), 2, "{v:#?}");
    assert!(v.core_names[0].contains("core/config.rs:1: the core names `serde_json`"));
    assert!(v.core_names[1].contains("`crate::lsp`"));
    // and it is an upward import too
    assert_eq!(v.layers.len(), 1, "{v:#?}");
}

#[test]
fn test_code_is_left_out() {
    let code = strip_test_items(&strip_comments_and_literals(
        "fn a() {}\n#[cfg(test)]\nmod t;\nfn b() {}\n#[cfg(test)]\nmod tests {\n    fn c() { if x { '{'; } }\n}\nfn d() {}\n",
    ));
    let kept: Vec<&str> = code.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(kept, ["fn a() {}", "fn b() {}", "fn d() {}"]);
    assert_eq!(code.lines().count(), 9, "line numbers stay");
    assert!(is_test_file("core/figures/tests.rs"));
    assert!(is_test_file("core/md_awareness_tests.rs"));
    assert!(!is_test_file("core/rules/mod.rs"));
}

#[test]
fn paths_and_use_groups_are_read() {
    let refs = references(
        "use crate::core::{self, chars::{is_han, MASK}, rules::*};\nlet x = super::super::figures::parse(s);\nfn f() -> crate::X {}\n",
        false,
    );
    let got: Vec<(String, usize)> = refs.iter().map(|r| (r.path.join("::"), r.line)).collect();
    assert_eq!(
        got,
        [
            ("crate::core".to_string(), 1),
            ("crate::core::chars::is_han".to_string(), 1),
            ("crate::core::chars::MASK".to_string(), 1),
            ("crate::core::rules".to_string(), 1),
            ("super::super::figures::parse".to_string(), 2),
            ("crate::X".to_string(), 3),
        ]
    );
    assert_eq!(module_of("core/rules/mod.rs"), ["core", "rules"]);
    assert_eq!(module_of("core/rules/punct.rs"), ["core", "rules", "punct"]);
    assert!(module_of("lib.rs").is_empty());
    assert_eq!(
        entry_of(&module_of("core/rules/words/tests.rs")).map(|e| e.key),
        Some("core::rules::words".into())
    );
    assert_eq!(
        entry_of(&module_of("core/rules/mod.rs")).map(|e| e.key),
        Some("core::rules".into())
    );
}
