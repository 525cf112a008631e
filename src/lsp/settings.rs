//! The server's configuration state: the `.zhproof.toml` files in use (the
//! last good version of each, and its problems), the editor settings, and the
//! effective configuration of each open document (its nearest
//! `.zhproof.toml`, with the editor settings on top).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tower_lsp_server::ls_types::Uri;

use crate::core::config::{Config, ConfigLayer};
use crate::core::config_file::{self, ConfigProblem, FILE_NAME};

/// One configuration file as last read.
#[derive(Debug, Clone, Default)]
pub struct ConfigFileState {
    /// The last configuration that parsed (kept while the file has syntax errors).
    pub good: Option<Config>,
    pub problems: Vec<ConfigProblem>,
    /// The text the problems refer to.
    pub text: String,
}

#[derive(Debug, Default)]
pub struct ConfigState {
    /// Workspace roots (from `initialize`).
    pub roots: Vec<PathBuf>,
    /// Editor settings (`workspace/configuration`, `didChangeConfiguration`).
    pub editor: ConfigLayer,
    /// Configuration files in use, by absolute path.
    pub files: HashMap<PathBuf, ConfigFileState>,
    /// Each open document's configuration file (`None`: defaults).
    pub doc_files: HashMap<String, Option<PathBuf>>,
    /// Configuration files open in the editor: their buffer wins over the disk.
    pub buffers: HashMap<PathBuf, String>,
    /// Configuration files whose problems are currently published, with them.
    pub published: HashMap<PathBuf, Vec<ConfigProblem>>,
    effective: HashMap<Option<PathBuf>, Arc<Config>>,
}

/// The file path of a `file:` URI.
pub fn uri_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.as_str().starts_with("file:") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// Is this URI a `.zhproof.toml`?
pub fn is_config_uri(uri: &Uri) -> bool {
    uri.as_str().ends_with(&format!("/{FILE_NAME}"))
}

impl ConfigState {
    /// The configuration file for a document: the nearest `.zhproof.toml`
    /// from the document's directory upwards; for documents without a path,
    /// the first workspace root's.
    pub fn resolve(&self, uri: &Uri) -> Option<PathBuf> {
        match uri_path(uri) {
            Some(p) => config_file::find_config(&p),
            None => self.roots.first().and_then(|r| config_file::find_config(r)),
        }
    }

    /// Where a new `.zhproof.toml` for this document goes: the workspace root
    /// holding it, else the first root, else the document's directory.
    pub fn new_file_location(&self, uri: &Uri) -> Option<PathBuf> {
        let doc = uri_path(uri);
        let root = doc
            .as_ref()
            .and_then(|d| {
                self.roots
                    .iter()
                    .filter(|r| d.starts_with(r))
                    .max_by_key(|r| r.as_os_str().len())
            })
            .or_else(|| self.roots.first())
            .cloned()
            .or_else(|| doc.as_ref().and_then(|d| d.parent().map(Path::to_path_buf)))?;
        Some(root.join(FILE_NAME))
    }

    /// (Re)read a configuration file from its open buffer or the disk. A file
    /// with syntax errors keeps its last good configuration; a file that no
    /// longer exists is dropped.
    pub fn load(&mut self, path: &Path) {
        let text = match self.buffers.get(path) {
            Some(t) => t.clone(),
            None => match std::fs::read_to_string(path) {
                Ok(t) => t,
                Err(e) => {
                    if path.exists() {
                        let st = self.files.entry(path.to_path_buf()).or_default();
                        st.problems = vec![ConfigProblem {
                            line: 1,
                            range: 0..0,
                            message: format!("无法读取配置文件：{e}"),
                            error: true,
                        }];
                        st.text.clear();
                    } else {
                        self.files.remove(path);
                    }
                    return;
                }
            },
        };
        self.set_text(path, text);
    }

    /// Parse a configuration file's text.
    pub fn set_text(&mut self, path: &Path, text: String) {
        let parsed = config_file::parse_config(&text);
        let st = self.files.entry(path.to_path_buf()).or_default();
        if let Some(c) = parsed.config {
            st.good = Some(c);
        }
        st.problems = parsed.problems;
        st.text = text;
    }

    /// Find and load the configuration file of a document.
    pub fn attach(&mut self, uri: &Uri) {
        let file = self.resolve(uri);
        if let Some(f) = &file {
            if !self.files.contains_key(f) {
                self.load(f);
            }
        }
        self.doc_files.insert(uri.as_str().to_string(), file);
        self.rebuild();
    }

    pub fn detach(&mut self, uri: &Uri) {
        self.doc_files.remove(uri.as_str());
    }

    /// Load the configuration files of the workspace roots.
    pub fn load_roots(&mut self) {
        for r in self.roots.clone() {
            if let Some(f) = config_file::find_config(&r) {
                self.load(&f);
            }
        }
        self.rebuild();
    }

    /// After files were created or deleted: find every document's nearest
    /// file again and drop files no longer used.
    pub fn reresolve(&mut self) {
        let uris: Vec<String> = self.doc_files.keys().cloned().collect();
        for u in uris {
            let Ok(uri) = u.parse::<Uri>() else { continue };
            let file = self.resolve(&uri);
            if let Some(f) = &file {
                if !self.files.contains_key(f) {
                    self.load(f);
                }
            }
            self.doc_files.insert(u, file);
        }
        let roots: Vec<PathBuf> = self
            .roots
            .iter()
            .filter_map(|r| config_file::find_config(r))
            .collect();
        let used: HashSet<PathBuf> = self
            .doc_files
            .values()
            .flatten()
            .cloned()
            .chain(roots)
            .chain(self.buffers.keys().cloned())
            .collect();
        self.files.retain(|p, _| used.contains(p));
        self.rebuild();
    }

    /// Recompute the effective configurations.
    pub fn rebuild(&mut self) {
        let mut eff = HashMap::new();
        eff.insert(None, Arc::new(Config::default().overlay(&self.editor)));
        for (p, st) in &self.files {
            let base = st.good.clone().unwrap_or_default();
            eff.insert(Some(p.clone()), Arc::new(base.overlay(&self.editor)));
        }
        // keep the same Arc when nothing changed (cheap comparisons later)
        for (k, v) in eff.iter_mut() {
            if let Some(old) = self.effective.get(k) {
                if **old == **v {
                    *v = old.clone();
                }
            }
        }
        self.effective = eff;
    }

    /// Is the document excluded by an `ignore` glob (of its configuration
    /// file, relative to that file's directory; of the editor settings alone,
    /// relative to the workspace root holding it)?
    pub fn ignores(&self, uri: &str) -> bool {
        let config = self.config_for(uri);
        if config.ignore.is_empty() {
            return false;
        }
        let Some(path) = uri.parse::<Uri>().ok().as_ref().and_then(uri_path) else {
            return false;
        };
        let base = match self.doc_files.get(uri).cloned().flatten() {
            Some(file) => file.parent().map(Path::to_path_buf),
            None => self
                .roots
                .iter()
                .filter(|r| path.starts_with(r))
                .max_by_key(|r| r.as_os_str().len())
                .cloned(),
        };
        config_file::ignores(&config.ignore, base.as_deref(), &path)
    }

    /// The effective configuration of a document.
    pub fn config_for(&self, uri: &str) -> Arc<Config> {
        let key = self.doc_files.get(uri).cloned().flatten();
        self.effective
            .get(&key)
            .or_else(|| self.effective.get(&None))
            .cloned()
            .unwrap_or_default()
    }
}
