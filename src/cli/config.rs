//! Finding and loading `.zhproof.toml` for the command line: every command
//! (`check`, `outline`, `entities`) takes a file's configuration from the
//! nearest `.zhproof.toml` in its directory or above, through
//! [`ConfigLoader`].

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::core::config::Config;
use crate::core::config_file;

/// A configuration and the `.zhproof.toml` it came from.
#[derive(Debug, Clone)]
pub struct LoadedConfig {
    /// The configuration (the defaults overlaid with the file).
    pub config: Arc<Config>,
    /// The file, if one was found.
    pub file: Option<PathBuf>,
}

impl LoadedConfig {
    /// Does one of the configuration's `ignore` globs match `path`? Globs are
    /// relative to the directory of the configuration file.
    pub fn ignores(&self, path: &Path) -> bool {
        config_file::ignores(
            &self.config.ignore,
            self.file.as_deref().and_then(Path::parent),
            path,
        )
    }
}

/// Finds the configuration of each checked file: the nearest `.zhproof.toml`
/// in its directory or above (each file read once), or a fixed configuration.
pub struct ConfigLoader {
    fixed: Option<Arc<Config>>,
    cache: RefCell<HashMap<PathBuf, Result<Arc<LoadedConfig>, String>>>,
}

impl ConfigLoader {
    /// Search for `.zhproof.toml` from each file upwards.
    pub fn search() -> ConfigLoader {
        ConfigLoader {
            fixed: None,
            cache: RefCell::new(HashMap::new()),
        }
    }

    /// Always use this configuration (no file is read).
    pub fn fixed(config: Config) -> ConfigLoader {
        ConfigLoader {
            fixed: Some(Arc::new(config)),
            cache: RefCell::new(HashMap::new()),
        }
    }

    /// The configuration for a file (`None`: standard input, searched from the
    /// current directory). Warnings about the configuration file go to `err`
    /// once; a file that is not valid TOML is an error naming its lines.
    pub fn for_path(
        &self,
        path: Option<&Path>,
        err: &mut dyn Write,
    ) -> Result<Arc<LoadedConfig>, String> {
        if let Some(c) = &self.fixed {
            return Ok(Arc::new(LoadedConfig {
                config: c.clone(),
                file: None,
            }));
        }
        let start = match path {
            Some(p) => p.to_path_buf(),
            None => std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        };
        let Some(file) = config_file::find_config(&start) else {
            return Ok(Arc::new(LoadedConfig {
                config: Arc::new(Config::default()),
                file: None,
            }));
        };
        if let Some(r) = self.cache.borrow().get(&file) {
            return r.clone();
        }
        let result = load(&file, err);
        self.cache.borrow_mut().insert(file, result.clone());
        result
    }

    /// [`ConfigLoader::for_path`], reporting an unusable configuration file
    /// to `err` the one way every command does: its problems, then that the
    /// file `name` was not checked. `None` then: the caller exits with
    /// `EXIT_USAGE` (or goes on with its other files).
    pub fn config_for(
        &self,
        path: Option<&Path>,
        name: &str,
        err: &mut dyn Write,
    ) -> Option<Arc<LoadedConfig>> {
        match self.for_path(path, err) {
            Ok(c) => Some(c),
            Err(e) => {
                let _ = writeln!(err, "{e}");
                let _ = writeln!(err, "{name}: 配置文件无法解析，未检查");
                None
            }
        }
    }
}

/// Read and parse one configuration file; its warnings go to `err`, its
/// errors (when it is unusable) into the `Err`, one line each.
fn load(file: &Path, err: &mut dyn Write) -> Result<Arc<LoadedConfig>, String> {
    let parsed = config_file::load_config(file)?;
    let shown = file.display();
    match parsed.config {
        None => Err(parsed
            .problems
            .iter()
            .map(|p| format!("{shown}:{}: 错误：{}", p.line, p.message))
            .collect::<Vec<_>>()
            .join("\n")),
        Some(c) => {
            for p in &parsed.problems {
                let level = if p.error { "错误" } else { "警告" };
                let _ = writeln!(err, "{shown}:{}: {level}：{}", p.line, p.message);
            }
            Ok(Arc::new(LoadedConfig {
                config: Arc::new(c),
                file: Some(file.to_path_buf()),
            }))
        }
    }
}
