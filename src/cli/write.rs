//! Writing fixed files for `check --fix`: atomically where that keeps the
//! file what it was, in place where replacing it would not.
//!
//! - A symbolic link is kept: its target is fixed (and replaced beside the
//!   target), not the link.
//! - A file with several hard links is written in place: replacing it would
//!   cut it off from its other names. (In place is not atomic: a kill during
//!   the write can leave the file half written.)
//! - Permissions are kept, and the owner and group: when the temporary
//!   cannot be given them (another user's file the group may write), the
//!   file is written in place instead.
//! - A read-only file is refused, untouched.
//! - The temporary is `.NAME.zhproof-PID.tmp` beside the file; one left by a
//!   run that was killed (its process is gone) is removed by the next
//!   `--fix` of that file ([`remove_stale_temporaries`]).

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Write the fixed `contents` to `path` (see the module documentation for
/// how). An error says why nothing (or, in place, not all) was written.
pub fn write_fixed(path: &Path, contents: &str) -> io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let meta = std::fs::metadata(&target)?;
    if !meta.is_file() {
        return Err(io::Error::other("不是普通文件"));
    }
    if !writable(&target, &meta) {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "文件只读，未写入修复",
        ));
    }
    if link_count(&meta) > 1 || !replace(&target, &meta, contents)? {
        write_in_place(&target, contents)?;
    }
    Ok(())
}

/// Could the user write the file in place? Not if no one may write it (even
/// root is refused then), nor if opening it for writing is denied.
fn writable(target: &Path, meta: &Metadata) -> bool {
    !meta.permissions().readonly() && OpenOptions::new().write(true).open(target).is_ok()
}

/// Replace `target` by a temporary written beside it, with its permissions
/// and owner. `Ok(false)`: the temporary could not be made (the directory is
/// not writable) or could not get the owner; nothing was changed.
fn replace(target: &Path, meta: &Metadata, contents: &str) -> io::Result<bool> {
    let tmp = temp_path(target, std::process::id());
    let file = match File::create(&tmp) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => return Ok(false),
        Err(e) => return Err(e),
    };
    let result = fill(file, &tmp, meta, contents).and_then(|ok| {
        if ok {
            std::fs::rename(&tmp, target)?;
            sync_dir(target);
        }
        Ok(ok)
    });
    if !matches!(result, Ok(true)) {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Give the temporary the original's permissions and owner, then the
/// contents, synced. `Ok(false)`: the owner could not be kept.
fn fill(mut file: File, tmp: &Path, meta: &Metadata, contents: &str) -> io::Result<bool> {
    file.set_permissions(meta.permissions())?;
    if !same_owner(tmp, &file.metadata()?, meta) {
        return Ok(false);
    }
    file.write_all(contents.as_bytes())?;
    file.sync_all()?;
    Ok(true)
}

/// Overwrite the file's contents, keeping the file itself (its links, owner,
/// permissions).
fn write_in_place(target: &Path, contents: &str) -> io::Result<()> {
    let mut f = OpenOptions::new().write(true).open(target)?;
    f.write_all(contents.as_bytes())?;
    f.set_len(contents.len() as u64)?;
    f.sync_all()
}

/// Make the rename durable (best effort: not every system syncs directories).
fn sync_dir(target: &Path) {
    if let Some(dir) = target.parent() {
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

/// The temporary for `target` written by process `pid`.
fn temp_path(target: &Path, pid: u32) -> PathBuf {
    let (dir, name) = dir_and_name(target);
    dir.join(format!(".{name}.zhproof-{pid}.tmp"))
}

/// The directory and file name of a path (`.` for a bare name).
fn dir_and_name(path: &Path) -> (&Path, String) {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "file".into());
    (dir, name)
}

/// Remove the temporaries a killed `--fix` of `path` left beside the file
/// (`.NAME.zhproof-PID.tmp` whose process is gone). Returns those removed.
pub fn remove_stale_temporaries(path: &Path) -> Vec<PathBuf> {
    let Ok(target) = std::fs::canonicalize(path) else {
        return Vec::new();
    };
    let (dir, name) = dir_and_name(&target);
    let prefix = format!(".{name}.zhproof-");
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in rd.flatten() {
        let file_name = entry.file_name();
        let pid = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|pid| pid.parse::<u32>().ok());
        let Some(pid) = pid else { continue };
        let p = entry.path();
        if is_stale(&p, pid) && std::fs::remove_file(&p).is_ok() {
            removed.push(p);
        }
    }
    removed
}

/// Is the temporary `tmp` of process `pid` left over? Where `/proc` shows
/// the processes: when `pid` is not running. Elsewhere: when it is more
/// than an hour old.
fn is_stale(tmp: &Path, pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    if Path::new("/proc/self").exists() {
        return !Path::new("/proc").join(pid.to_string()).exists();
    }
    std::fs::metadata(tmp)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age.as_secs() > 3600)
}

/// How many names (hard links) the file has.
#[cfg(unix)]
fn link_count(meta: &Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

/// How many names (hard links) the file has (not known here: one).
#[cfg(not(unix))]
fn link_count(_meta: &Metadata) -> u64 {
    1
}

/// Does the temporary (made with `tmp_meta`) have the original's owner and
/// group, or can it be given them?
#[cfg(unix)]
fn same_owner(tmp: &Path, tmp_meta: &Metadata, meta: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (tmp_meta.uid(), tmp_meta.gid()) == (meta.uid(), meta.gid())
        || std::os::unix::fs::chown(tmp, Some(meta.uid()), Some(meta.gid())).is_ok()
}

/// Owners are not kept here.
#[cfg(not(unix))]
fn same_owner(_tmp: &Path, _tmp_meta: &Metadata, _meta: &Metadata) -> bool {
    true
}
