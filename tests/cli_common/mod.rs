//! What the command-line tests share: the built binary and a fresh
//! temporary folder per test.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

/// The built `zhproof` binary, as a command to run.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zhproof"))
}

/// An empty folder of its own for test `name` (`prefix` names the test file).
pub fn tmpdir(prefix: &str, name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("zhproof-{prefix}-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("a temporary folder");
    d
}
