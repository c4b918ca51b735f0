//! Putting an [`Output`] on disk, atomically: the new site is written to a temporary
//! folder beside the build folder and swapped in only when complete, so a failed or
//! interrupted build leaves the previous site as it was.

use crate::render::Output;
use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Why the output could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The build folder would be the model itself, a source folder, or outside the model.
    UnsafeBuildDir(String),
    /// The disk said no.
    Io(PathBuf, io::Error),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::UnsafeBuildDir(why) => write!(f, "refusing to build: {why}"),
            WriteError::Io(p, e) => write!(f, "cannot write {}: {e}", p.display()),
        }
    }
}

impl std::error::Error for WriteError {}

/// Folders of a model that a build must never replace.
pub const SOURCE_FOLDERS: [&str; 5] = ["process", "handlaggarstod", "themes", "src", "tests"];

/// Checks that `build_dir` (as written in book.toml) names a folder inside the model that
/// holds no sources, and returns its full path.
pub fn build_dir(root: &Path, build_dir: &str) -> Result<PathBuf, WriteError> {
    let rel = Path::new(build_dir);
    let mut parts = Vec::new();
    for c in rel.components() {
        match c {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::CurDir => {}
            _ => {
                return Err(WriteError::UnsafeBuildDir(format!(
                    "build-dir `{build_dir}` must be a relative path inside the model, without `..`"
                )))
            }
        }
    }
    let Some(first) = parts.first() else {
        return Err(WriteError::UnsafeBuildDir(format!(
            "build-dir `{build_dir}` is the model folder itself; the build would replace the model"
        )));
    };
    if SOURCE_FOLDERS.contains(&first.as_str()) || parts.iter().any(|p| p.starts_with('.')) {
        return Err(WriteError::UnsafeBuildDir(format!(
            "build-dir `{build_dir}` is, or is inside, a source or hidden folder"
        )));
    }
    let full = root.join(parts.join("/"));
    // A symbolic link anywhere on the way could lead outside the model.
    let mut cur = root.to_path_buf();
    for p in &parts {
        cur.push(p);
        if std::fs::symlink_metadata(&cur).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(WriteError::UnsafeBuildDir(format!(
                "build-dir `{build_dir}` passes through the symbolic link {}",
                cur.display()
            )));
        }
    }
    Ok(full)
}

/// Writes `output` to `dir`, replacing what was there only once everything is written.
pub fn write_atomic(output: &Output, dir: &Path) -> Result<(), WriteError> {
    let parent = dir.parent().unwrap_or(Path::new("."));
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "book".into());
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| WriteError::Io(p, e)
    };
    std::fs::create_dir_all(parent).map_err(io(parent))?;
    let pid = std::process::id();
    let tmp = parent.join(format!(".{name}.new-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    recover(parent, &name, dir);
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).map_err(io(&tmp))?;
    for (rel, bytes) in &output.files {
        let path = tmp.join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).map_err(io(p))?;
        }
        std::fs::write(&path, bytes).map_err(io(&path))?;
    }
    if dir.exists() {
        if exchange(&tmp, dir) {
            // `tmp` now holds the previous site.
            let _ = std::fs::remove_dir_all(&tmp);
            return Ok(());
        }
        std::fs::rename(dir, &old).map_err(io(dir))?;
        if let Err(e) = std::fs::rename(&tmp, dir) {
            let _ = std::fs::rename(&old, dir);
            return Err(WriteError::Io(dir.to_path_buf(), e));
        }
        let _ = std::fs::remove_dir_all(&old);
    } else {
        std::fs::rename(&tmp, dir).map_err(io(dir))?;
    }
    Ok(())
}

/// Swaps two folders in one step, so there is no moment without a site. Linux only; elsewhere
/// (or on file systems without support) the caller falls back to two renames.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let (Ok(a), Ok(b)) = (
        CString::new(a.as_os_str().as_bytes()),
        CString::new(b.as_os_str().as_bytes()),
    ) else {
        return false;
    };
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    rc == 0
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> bool {
    false
}

/// Cleans up after a build that was killed: restores a previous site that was moved aside
/// but not replaced, and removes half-written temporary folders.
fn recover(parent: &Path, name: &str, dir: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let Some(file) = path.file_name().map(|f| f.to_string_lossy().into_owned()) else {
            continue;
        };
        if file.starts_with(&format!(".{name}.old-")) {
            if !dir.exists() {
                let _ = std::fs::rename(&path, dir);
            } else {
                let _ = std::fs::remove_dir_all(&path);
            }
        } else if file.starts_with(&format!(".{name}.new-")) {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}
