//! The one gate through which the build reads a file of the model: model YAML, book.toml,
//! guidance pages, the files pages link to, and theme files.
//!
//! A file passes only if its real path (with every symbolic link resolved) lies inside the
//! model folder, outside `.git/` and every other hidden folder, and it is a regular file no
//! larger than the caller's limit. The type and size are looked at before the file is
//! opened, so a FIFO or a device is never opened and an oversized file is never read; after
//! opening, the open handle is looked at again and at most `limit` bytes are read, so a file
//! swapped in between cannot slip past either check.

use crate::i18n::{Arg, Msg};
use crate::msg;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Why a file of the model may not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing is there (or it cannot be looked at).
    Missing,
    /// Its real path lies outside the model folder: a symbolic link leads out.
    Outside,
    /// Its real path lies in a hidden folder of the model, such as `.git`; the name of that
    /// folder (or file).
    Hidden(String),
    /// It is not a regular file; what it is instead ("a folder", "a named pipe (FIFO)", …).
    NotAFile(&'static str),
    /// It is larger than the limit, in bytes.
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
}

impl Refusal {
    /// What is wrong with `shown` (the path as the user wrote it), in words for the people
    /// who edit the model.
    pub fn describe(&self, shown: impl Into<Arg>) -> Msg {
        let shown: Arg = shown.into();
        match self {
            Refusal::Missing => msg!("refusal-missing", file = shown),
            Refusal::Outside => msg!("refusal-outside", file = shown),
            Refusal::Hidden(name) => msg!("refusal-hidden", file = shown, name = name),
            Refusal::NotAFile(what) => {
                msg!("refusal-not-a-file", file = shown, what = kind_msg(what))
            }
            Refusal::TooLarge { size, limit } => msg!(
                "refusal-too-large",
                file = shown,
                size = mib(*size),
                limit = mib(*limit)
            ),
        }
    }

    /// How to fix it.
    pub fn advice(&self) -> Msg {
        match self {
            Refusal::Missing => msg!("refusal-missing-help"),
            Refusal::Outside => msg!("refusal-outside-help"),
            Refusal::Hidden(_) => msg!("refusal-hidden-help"),
            Refusal::NotAFile("a folder") => msg!("refusal-folder-help"),
            Refusal::NotAFile(_) => msg!("refusal-not-a-file-help"),
            Refusal::TooLarge { .. } => msg!("refusal-too-large-help"),
        }
    }
}

/// The words for what a [`Refusal::NotAFile`] is instead.
fn kind_msg(what: &str) -> Msg {
    match what {
        "a folder" => msg!("kind-folder"),
        "a file" => msg!("kind-file"),
        "a named pipe (FIFO)" => msg!("kind-fifo"),
        "a device" => msg!("kind-device"),
        "a socket" => msg!("kind-socket"),
        _ => msg!("kind-other"),
    }
}

/// A size in MiB as people read it: "1.5 GiB", "9 MiB".
fn mib(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= 1024 * MIB {
        format!("{:.1} GiB", bytes as f64 / (1024 * MIB) as f64)
    } else if bytes >= MIB {
        format!("{} MiB", bytes.div_ceil(MIB))
    } else {
        format!("{} KiB", bytes.div_ceil(1024))
    }
}

/// What kind of thing a file type is, for a [`Refusal::NotAFile`].
fn kind_of(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

/// The real path of `rel` (relative to `root`), if it lies inside the model and outside
/// hidden folders, whatever it is.
fn locate(root: &Path, rel: &Path) -> Result<PathBuf, Refusal> {
    let root = root.canonicalize().map_err(|_| Refusal::Missing)?;
    let path = root.join(rel);
    std::fs::symlink_metadata(&path).map_err(|_| Refusal::Missing)?;
    let real = match path.canonicalize() {
        Ok(real) => real,
        // A link to nothing: where it leads cannot be published in any case.
        Err(_) => return Err(Refusal::Missing),
    };
    let inside = real.strip_prefix(&root).map_err(|_| Refusal::Outside)?;
    if let Some(hidden) = inside
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .find(|name| name.starts_with('.'))
    {
        return Err(Refusal::Hidden(hidden.into_owned()));
    }
    Ok(real)
}

/// The real path of the folder `rel` (relative to `root`) if it lies inside the model and
/// outside hidden folders, for walking it; [`Refusal::NotAFile`] with "a file" (or what
/// else it is) when it is not a folder.
pub fn inspect_dir(root: &Path, rel: &Path) -> Result<PathBuf, Refusal> {
    let real = locate(root, rel)?;
    let meta = std::fs::symlink_metadata(&real).map_err(|_| Refusal::Missing)?;
    if meta.is_dir() {
        Ok(real)
    } else if meta.is_file() {
        Err(Refusal::NotAFile("a file"))
    } else {
        Err(Refusal::NotAFile(kind_of(meta.file_type())))
    }
}

/// The real path of `rel` (relative to `root`) if it may be read: see the module comment.
/// Nothing is opened.
pub fn inspect(root: &Path, rel: &Path, limit: u64) -> Result<PathBuf, Refusal> {
    let real = locate(root, rel)?;
    // `real` has no symbolic link left, so this is the type of the file itself.
    let meta = std::fs::symlink_metadata(&real).map_err(|_| Refusal::Missing)?;
    if !meta.file_type().is_file() {
        return Err(Refusal::NotAFile(kind_of(meta.file_type())));
    }
    if meta.len() > limit {
        return Err(Refusal::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    Ok(real)
}

/// Reads `rel` (relative to `root`) if [`inspect`] lets it through, at most `limit` bytes.
pub fn read(root: &Path, rel: &Path, limit: u64) -> Result<Vec<u8>, Refusal> {
    let real = inspect(root, rel, limit)?;
    let file = File::open(&real).map_err(|_| Refusal::Missing)?;
    let meta = file.metadata().map_err(|_| Refusal::Missing)?;
    if !meta.file_type().is_file() {
        return Err(Refusal::NotAFile(kind_of(meta.file_type())));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|_| Refusal::Missing)?;
    if bytes.len() as u64 > limit {
        return Err(Refusal::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(mib(1536 * 1024 * 1024), "1.5 GiB");
        assert_eq!(mib(9 * 1024 * 1024), "9 MiB");
        assert_eq!(mib(1), "1 KiB");
    }

    #[cfg(unix)]
    #[test]
    fn refuses_links_out_hidden_folders_and_pipes() {
        let outside = tempfile::tempdir().unwrap();
        let root = tempfile::tempdir().unwrap();
        let r = root.path();
        std::fs::write(outside.path().join("secret"), "s").unwrap();
        std::fs::create_dir(r.join(".git")).unwrap();
        std::fs::write(r.join(".git/config"), "token").unwrap();
        std::fs::write(r.join("ok.txt"), "ok").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret"), r.join("out")).unwrap();
        std::os::unix::fs::symlink(".git/config", r.join("config")).unwrap();
        std::os::unix::fs::symlink("ok.txt", r.join("alias")).unwrap();
        let fifo = std::ffi::CString::new(r.join("pipe").to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
        #[cfg(target_os = "linux")]
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);

        let read = |rel: &str| read(r, Path::new(rel), 10);
        assert_eq!(read("ok.txt"), Ok(b"ok".to_vec()));
        assert_eq!(read("alias"), Ok(b"ok".to_vec()));
        assert_eq!(read("out"), Err(Refusal::Outside));
        assert_eq!(read("config"), Err(Refusal::Hidden(".git".into())));
        assert_eq!(read(".git/config"), Err(Refusal::Hidden(".git".into())));
        assert_eq!(read("../x"), Err(Refusal::Missing));
        assert_eq!(read("."), Err(Refusal::NotAFile("a folder")));
        #[cfg(target_os = "linux")]
        assert_eq!(read("pipe"), Err(Refusal::NotAFile("a named pipe (FIFO)")));
        std::fs::write(r.join("big"), [0u8; 11]).unwrap();
        assert_eq!(
            read("big"),
            Err(Refusal::TooLarge {
                size: 11,
                limit: 10
            })
        );
    }
}
