//! Reading what the command line checks: a file (only a regular file, only
//! up to [`MAX_FILE_BYTES`], only UTF-8 text without NUL bytes) or standard
//! input.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::core::DocKind;

/// The largest file (or standard input) the command line reads: larger
/// ones are refused with a message rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// A text to check: its display name, where it came from and its contents.
pub struct Input {
    /// The name findings are printed with.
    pub name: String,
    /// The file (`None`: standard input).
    pub path: Option<PathBuf>,
    /// The text.
    pub text: String,
    /// Plain text or Markdown (from the file name).
    pub kind: DocKind,
}

/// Read one file. Anything but a regular file (a FIFO, a device), a file
/// over [`MAX_FILE_BYTES`], a binary file (one holding a NUL byte) and a
/// file that is not UTF-8 (naming the byte offset) is an error; a symbolic
/// link to a regular file is read.
pub fn read_input(path: &Path) -> Result<Input, String> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| format!("{shown}: 无法读取：{e}"))?;
    if !meta.is_file() {
        return Err(format!("{shown}: 不是普通文件，已跳过"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(&shown.to_string(), meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("{shown}: 无法读取：{e}"))?;
    let bytes = read_limited(file).map_err(|e| format!("{shown}: 无法读取：{e}"))?;
    let bytes = bytes.ok_or_else(|| too_large(&shown.to_string(), MAX_FILE_BYTES + 1))?;
    if let Some(at) = nul_at(&bytes) {
        return Err(format!(
            "{shown}: 是二进制文件（第 {at} 字节处为 NUL），已跳过"
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{shown}: 不是有效的 UTF-8 文本（第 {} 字节处），已跳过",
            e.utf8_error().valid_up_to()
        )
    })?;
    let name = shown.to_string();
    Ok(Input {
        kind: DocKind::from_path(&name),
        name,
        path: Some(path.to_path_buf()),
        text,
    })
}

/// Read standard input. `name` (`--stdin-filename`) is what it stands for:
/// the name findings are printed with and the extension that picks the
/// kind; without it, `<stdin>` and plain text.
pub fn read_stdin(name: Option<&Path>) -> Result<Input, String> {
    let name = name.map_or_else(|| "<stdin>".to_string(), |n| n.display().to_string());
    let bytes = read_limited(std::io::stdin().lock()).map_err(|e| format!("{name}: {e}"))?;
    let bytes = bytes.ok_or_else(|| format!("{name}: 输入超过 64 MiB，未检查"))?;
    if let Some(at) = nul_at(&bytes) {
        return Err(format!(
            "{name}: 是二进制数据（第 {at} 字节处为 NUL），未检查"
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name}: 不是有效的 UTF-8 文本（第 {} 字节处）",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(Input {
        kind: DocKind::from_path(&name),
        name,
        path: None,
        text,
    })
}

/// Where the first NUL byte is: text never holds one, binary files
/// (images, archives, UTF-16 text) mostly do near the start.
fn nul_at(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

/// Read everything, up to [`MAX_FILE_BYTES`]; `None` if there is more.
fn read_limited(r: impl Read) -> std::io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    r.take(MAX_FILE_BYTES + 1).read_to_end(&mut buf)?;
    Ok((buf.len() as u64 <= MAX_FILE_BYTES).then_some(buf))
}

/// The message for a file over the limit.
fn too_large(shown: &str, len: u64) -> String {
    format!("{shown}: 文件过大（{len} 字节，上限 64 MiB），已跳过")
}
