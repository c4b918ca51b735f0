//! Putting an [`Output`] on disk, atomically: the new site is written to a temporary
//! folder beside the build folder and swapped in only when complete, so a failed or
//! interrupted build leaves the previous site as it was. A lock file beside the build folder
//! keeps two builds from writing the same folder at once. Which folders may be replaced at
//! all is [`crate::outdir`]'s decision, made before anything is written.

use crate::outdir::{marker_text, MARKER};
use crate::render::Output;
use std::fmt;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// Why the output could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The disk said no.
    Io(PathBuf, io::Error),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Io(p, e) => write!(f, "cannot write {}: {e}", p.display()),
        }
    }
}

impl std::error::Error for WriteError {}

/// The right to write one build folder: an exclusive lock on `.<name>.lock` beside it, held
/// until dropped. Another build of the same folder waits for it, or is told it is busy.
pub struct BuildLock {
    _file: File,
    dir: PathBuf,
}

/// The outcome of [`BuildLock::try_acquire`].
pub enum Locking {
    /// The lock is ours.
    Acquired(BuildLock),
    /// Another build holds it; [`Busy::wait`] blocks until it is released.
    Busy(Busy),
}

/// A lock that another build holds.
pub struct Busy {
    file: File,
    dir: PathBuf,
    lock_path: PathBuf,
}

impl Busy {
    /// The lock file, for telling the user what is held.
    pub fn lock_path(&self) -> &Path {
        &self.lock_path
    }

    /// Waits until the other build is done and takes the lock.
    pub fn wait(self) -> Result<BuildLock, WriteError> {
        self.file
            .lock()
            .map_err(|e| WriteError::Io(self.lock_path.clone(), e))?;
        Ok(BuildLock {
            _file: self.file,
            dir: self.dir,
        })
    }
}

impl BuildLock {
    /// Tries to take the lock of the build folder `dir` (its parent is created if needed).
    pub fn try_acquire(dir: &Path) -> Result<Locking, WriteError> {
        let parent = parent_of(dir);
        std::fs::create_dir_all(parent).map_err(|e| WriteError::Io(parent.to_path_buf(), e))?;
        let lock_path = parent.join(format!(".{}.lock", name_of(dir)));
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| WriteError::Io(lock_path.clone(), e))?;
        match file.try_lock() {
            Ok(()) => Ok(Locking::Acquired(BuildLock {
                _file: file,
                dir: dir.to_path_buf(),
            })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(Locking::Busy(Busy {
                file,
                dir: dir.to_path_buf(),
                lock_path,
            })),
            Err(std::fs::TryLockError::Error(e)) => Err(WriteError::Io(lock_path, e)),
        }
    }

    /// The build folder this lock is for.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// Writes `output` to the locked build folder, replacing what was there only once
/// everything is written, with the [`MARKER`] that lets the next build replace it again.
pub fn write_atomic(output: &Output, lock: &BuildLock) -> Result<(), WriteError> {
    let dir = lock.dir();
    let parent = parent_of(dir);
    let name = name_of(dir);
    let pid = std::process::id();
    let tmp = parent.join(format!(".{name}.new-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    recover(parent, &name, dir);
    if let Err(e) = fill(&tmp, output) {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if dir.exists() {
        if exchange(&tmp, dir) {
            // `tmp` now holds the previous site.
            let _ = std::fs::remove_dir_all(&tmp);
            return Ok(());
        }
        if let Err(e) = std::fs::rename(dir, &old) {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(WriteError::Io(dir.to_path_buf(), e));
        }
        if let Err(e) = std::fs::rename(&tmp, dir) {
            let _ = std::fs::rename(&old, dir);
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(WriteError::Io(dir.to_path_buf(), e));
        }
        let _ = std::fs::remove_dir_all(&old);
    } else if let Err(e) = std::fs::rename(&tmp, dir) {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(WriteError::Io(dir.to_path_buf(), e));
    }
    Ok(())
}

/// Writes every file of `output`, and the marker listing them, into a new folder `tmp`.
fn fill(tmp: &Path, output: &Output) -> Result<(), WriteError> {
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| WriteError::Io(p, e)
    };
    std::fs::create_dir_all(tmp).map_err(io(tmp))?;
    for (rel, bytes) in &output.files {
        let path = tmp.join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).map_err(io(p))?;
        }
        std::fs::write(&path, bytes).map_err(io(&path))?;
    }
    let marker = tmp.join(MARKER);
    std::fs::write(
        &marker,
        marker_text(output.files.keys().map(String::as_str)),
    )
    .map_err(io(&marker))
}

/// Writes `bytes` to the file `path` atomically: to a temporary file beside it, then renamed
/// over it, so a failed write never leaves half a file.
pub fn write_file_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let parent = parent_of(path);
    let tmp = parent.join(format!(".{}.new-{}", name_of(path), std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(WriteError::Io(path.to_path_buf(), e));
    }
    Ok(())
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "book".into())
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
