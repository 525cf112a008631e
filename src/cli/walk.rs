//! Finding the files to check: the paths named on the command line, and
//! the `.txt` / `.md` / `.markdown` files under the directories named.
//!
//! The walk does not follow symbolic links to directories (two links to
//! `.` would otherwise never end), and skips hidden entries, `target` and
//! `node_modules`. Whether a found file can be read (a regular file, not
//! too large) is `input::read_input`'s to say, with a message.

use std::path::{Path, PathBuf};

use crate::core::config_file::glob_match;

/// Expand the PATH arguments: files as given, directories recursed for
/// `.txt`/`.md`/`.markdown`, sorted for stable output. Paths matching an
/// `ignore` glob are dropped. Returns the files and the error messages
/// (a path that does not exist, a directory that cannot be read).
pub fn expand_paths(paths: &[PathBuf], ignore: &[String]) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found, &mut errors);
            found.sort();
            files.extend(found);
        } else if p.exists() || p.symlink_metadata().is_ok() {
            // (a link that cannot be followed, such as one in a loop, is
            // read, so that the reader says what is wrong with it)
            files.push(p.clone());
        } else {
            errors.push(format!("{}: 文件不存在", p.display()));
        }
    }
    files.retain(|f| !ignore.iter().any(|g| glob_match(g, &f.to_string_lossy())));
    (files, errors)
}

/// Collect the article files under `dir` into `out`.
fn walk(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            errors.push(format!("{}: 无法读取目录：{e}", dir.display()));
            return;
        }
    };
    for entry in rd.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == "target" || name == "node_modules" {
            continue;
        }
        let Ok(ft) = entry.file_type() else { continue };
        let p = entry.path();
        if ft.is_dir() {
            walk(&p, out, errors);
        } else if ft.is_symlink() && p.is_dir() {
            // a link to a directory: not followed
        } else if is_article(&p) {
            out.push(p);
        }
    }
}

/// Is this a file name the walk checks (`.txt`, `.md`, `.markdown`)?
fn is_article(p: &Path) -> bool {
    matches!(
        p.extension().and_then(|e| e.to_str()),
        Some("txt" | "md" | "markdown")
    )
}
