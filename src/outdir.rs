//! Which folders a build may replace and which files an export may overwrite.
//!
//! A build replaces its folder wholesale, so the folder must be one that nobody keeps
//! anything else in: empty, new, or written by an earlier `processkarta build`. Every build
//! leaves a [`MARKER`] file in its folder that lists the files it wrote; a later build
//! replaces the folder only when it holds nothing else. Some folders are never accepted,
//! whatever the flags: the file system's root, the user's home, the model folder and every
//! folder above it, the model's source folders and its theme, and hidden folders.

use crate::i18n::{Lang, Msg};
use crate::msg;
use std::fmt;
use std::path::{Component, Path, PathBuf};

/// The file that marks a folder as written by `processkarta build`.
pub const MARKER: &str = ".processkarta-build";

/// The first line of [`MARKER`]; the relative paths of the files the build wrote follow.
const MARKER_HEADER: &str =
    "# Written by `processkarta build`: this folder is replaced on every build. Files:";

/// Folders of a model that a build must never replace or write into.
pub const SOURCE_FOLDERS: [&str; 5] = ["process", "handlaggarstod", "themes", "src", "tests"];

/// Why a folder or file was refused, with what to do instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The folder or file as the user named it.
    pub path: PathBuf,
    /// What is wrong with it, as the end of "refusing to replace X: …".
    pub why: Msg,
    /// How to proceed.
    pub help: Msg,
}

impl Refusal {
    /// "refusing to use X: why" in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        msg!(
            "refusing-to-use",
            path = self.path.display().to_string(),
            why = self.why.clone()
        )
        .text(lang)
    }
}

/// In English; the command line prints [`Refusal::text`] in the chosen language.
impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// The places of a model that output must keep away from.
pub struct Protected {
    /// The model folder, real path.
    root: PathBuf,
    /// The theme folder, real path (it may lie outside [`SOURCE_FOLDERS`]).
    theme: PathBuf,
    /// The user's home folder, real path, when known.
    home: Option<PathBuf>,
}

impl Protected {
    /// The protected places of the model in `root` with the theme folder `theme` (as written
    /// in book.toml, relative to `root`).
    pub fn new(root: &Path, theme: &str) -> Protected {
        let home = std::env::var_os("HOME")
            .or_else(|| std::env::var_os("USERPROFILE"))
            .filter(|h| !h.is_empty())
            .map(|h| real_path(Path::new(&h)))
            // A home of `/` (some service accounts) would make every folder its ancestor.
            .filter(|h| h.parent().is_some());
        let root = real_path(root);
        let theme = real_path(&root.join(theme));
        Protected { root, theme, home }
    }

    /// The model folder, real path.
    pub fn root(&self) -> &Path {
        &self.root
    }
}

/// Checks that a build may replace `dir` (absolute, or relative to the current folder) and
/// returns its real path. Refuses the places no build may touch, and a folder that holds
/// anything an earlier build did not write.
pub fn check_build_dir(dir: &Path, protected: &Protected) -> Result<PathBuf, Refusal> {
    let real = real_path(dir);
    if let Some(why) = forbidden_place(&real, protected) {
        return Err(refuse(dir, why, protected));
    }
    if let Some(why) = foreign_contents(&real) {
        return Err(refuse(dir, why, protected));
    }
    Ok(real)
}

/// The part of [`check_build_dir`] that depends only on where the folder is, not on what it
/// holds: `check` reports it for the build-dir of book.toml.
pub fn check_build_place(dir: &Path, protected: &Protected) -> Result<PathBuf, Refusal> {
    let real = real_path(dir);
    match forbidden_place(&real, protected) {
        Some(why) => Err(refuse(dir, why, protected)),
        None => Ok(real),
    }
}

/// Checks that an export may write the file `file` and returns its real path: not a folder,
/// not a file of the model (book.toml, a lane file, a page), not inside a source, theme or
/// hidden folder, and not one of the places no output may touch.
pub fn check_export_file(file: &Path, protected: &Protected) -> Result<PathBuf, Refusal> {
    let real = real_path(file);
    let refuse_file = |why: Msg| Refusal {
        path: file.to_path_buf(),
        why,
        help: msg!("export-refused-help"),
    };
    if real.is_dir() {
        return Err(refuse_file(msg!("refused-is-a-folder")));
    }
    if let Ok(rel) = real.strip_prefix(&protected.root) {
        if rel.as_os_str().is_empty() || rel == Path::new("book.toml") {
            return Err(refuse_file(msg!("refused-is-book-toml")));
        }
        if let Some(first) = first_component(rel) {
            if SOURCE_FOLDERS.contains(&first.as_str()) {
                return Err(refuse_file(msg!(
                    "refused-in-source-folder",
                    folder = &first
                )));
            }
        }
    }
    if real.starts_with(&protected.theme) {
        return Err(refuse_file(msg!("refused-in-theme")));
    }
    if let Some(hidden) = hidden_component(&real, protected) {
        return Err(refuse_file(msg!("refused-in-hidden", folder = &hidden)));
    }
    Ok(real)
}

/// The text of the marker file for a build that wrote `files` (relative paths).
pub fn marker_text<'a>(files: impl IntoIterator<Item = &'a str>) -> String {
    let mut text = String::from(MARKER_HEADER);
    text.push('\n');
    for f in files {
        text.push_str(f);
        text.push('\n');
    }
    text
}

fn refuse(dir: &Path, why: Msg, protected: &Protected) -> Refusal {
    let suggestion = protected.root.join("book");
    Refusal {
        path: dir.to_path_buf(),
        why,
        help: msg!(
            "build-refused-help",
            suggestion = suggestion.display().to_string()
        ),
    }
}

/// Why no build may replace the folder at `real` wherever its contents, if it may not.
fn forbidden_place(real: &Path, protected: &Protected) -> Option<Msg> {
    if real.parent().is_none() {
        return Some(msg!("refused-root"));
    }
    if protected.root.starts_with(real) {
        return Some(if real == protected.root {
            msg!("refused-model-folder")
        } else {
            msg!(
                "refused-holds-model",
                model = protected.root.display().to_string()
            )
        });
    }
    if let Some(home) = &protected.home {
        if home.starts_with(real) {
            return Some(if real == home {
                msg!("refused-home")
            } else {
                msg!("refused-holds-home", home = home.display().to_string())
            });
        }
    }
    if real.exists() && !real.is_dir() {
        return Some(msg!("refused-is-a-file"));
    }
    if let Ok(rel) = real.strip_prefix(&protected.root) {
        if let Some(first) = first_component(rel) {
            if SOURCE_FOLDERS.contains(&first.as_str()) {
                return Some(msg!("refused-source-folder", folder = &first));
            }
        }
    }
    if real.starts_with(&protected.theme) || protected.theme.starts_with(real) {
        return Some(msg!("refused-theme"));
    }
    if let Some(hidden) = hidden_component(real, protected) {
        return Some(msg!("refused-hidden", folder = &hidden));
    }
    None
}

/// Why the folder at `real` may not be replaced because of what it holds: anything but an
/// earlier build's files. A missing folder, or one with no files in it, holds nothing.
fn foreign_contents(real: &Path) -> Option<Msg> {
    if !real.exists() {
        return None;
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(real)
        .follow_links(false)
        .min_depth(1)
        .sort_by_file_name()
    {
        match entry {
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) => files.push(relative_name(e.path(), real)),
            Err(e) => return Some(msg!("refused-unreadable", why = e.to_string())),
        }
    }
    if files.is_empty() {
        return None;
    }
    let listed = match std::fs::read_to_string(real.join(MARKER)) {
        Ok(text) if text.starts_with(MARKER_HEADER) => text,
        _ => return Some(msg!("refused-not-a-build", marker = MARKER)),
    };
    let listed: std::collections::BTreeSet<&str> = listed.lines().skip(1).collect();
    let foreign: Vec<String> = files
        .into_iter()
        .filter(|f| f != MARKER && !listed.contains(f.as_str()))
        .collect();
    if foreign.is_empty() {
        return None;
    }
    let count = foreign.len();
    let shown: Vec<&str> = foreign.iter().take(5).map(String::as_str).collect();
    Some(msg!(
        "refused-foreign-files",
        n = count,
        files = shown.join(", "),
        more = count - shown.len()
    ))
}

/// The first hidden component of `real` below the model folder or the home folder (or
/// anywhere in it, when it is below neither), so that a model kept inside a hidden folder
/// can still build into its own `book/`.
fn hidden_component(real: &Path, protected: &Protected) -> Option<String> {
    let below = real
        .strip_prefix(&protected.root)
        .ok()
        .or_else(|| {
            protected
                .home
                .as_deref()
                .and_then(|h| real.strip_prefix(h).ok())
        })
        .unwrap_or(real);
    below.components().find_map(|c| match c {
        Component::Normal(p) => {
            let p = p.to_string_lossy();
            p.starts_with('.').then(|| p.into_owned())
        }
        _ => None,
    })
}

fn first_component(rel: &Path) -> Option<String> {
    rel.components().find_map(|c| match c {
        Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
        _ => None,
    })
}

fn relative_name(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// The real path of `path`, which need not exist: the deepest existing ancestor is resolved
/// (symbolic links, `.`, `..`), and the rest appended with `.` and `..` applied as written.
pub fn real_path(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .unwrap_or_else(|_| PathBuf::from("/"))
            .join(path)
    };
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut out = real;
            for c in rest.iter().rev() {
                match c {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::Normal(p) => out.push(p),
                    _ => {}
                }
            }
            return out;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn protected(root: &Path) -> Protected {
        Protected {
            root: real_path(root),
            theme: real_path(&root.join("tema")),
            home: Some(real_path(&root.join("home-of-user"))),
        }
    }

    #[test]
    fn real_path_resolves_what_exists_and_appends_the_rest() {
        let dir = tempfile::Builder::new().prefix("pk-").tempdir().unwrap();
        let base = dir.path().canonicalize().unwrap();
        std::fs::create_dir(base.join("a")).unwrap();
        assert_eq!(real_path(&base.join("a/./x/../y")), base.join("a/y"));
        assert_eq!(real_path(&base.join("a/..")), base);
    }

    #[test]
    fn the_places_no_build_may_touch_are_refused_whatever_they_hold() {
        let dir = tempfile::Builder::new().prefix("pk-").tempdir().unwrap();
        let root = dir.path().join("model");
        std::fs::create_dir_all(root.join("process")).unwrap();
        std::fs::create_dir_all(root.join("home-of-user")).unwrap();
        let p = protected(&root);
        for (target, why) in [
            (PathBuf::from("/"), "root of the file system"),
            (root.clone(), "model folder itself"),
            (dir.path().to_path_buf(), "holds the model folder"),
            (root.join("process"), "source folder `process`"),
            (root.join("process/out"), "source folder `process`"),
            (root.join("themes/default"), "source folder `themes`"),
            (root.join("tema"), "theme folder"),
            (root.join("tema/x"), "theme folder"),
            (root.join(".git"), "hidden folder `.git`"),
            (root.join("ut/.cache/x"), "hidden folder `.cache`"),
            (root.join("home-of-user"), "your home folder"),
            (root.join("home-of-user/.ssh"), "hidden folder `.ssh`"),
        ] {
            let err = check_build_dir(&target, &p).unwrap_err();
            assert!(
                err.why.to_string().contains(why),
                "{}: {}",
                target.display(),
                err.why
            );
        }
        assert!(check_build_dir(&root.join("book"), &p).is_ok());
        assert!(check_build_dir(&root.join("home-of-user/site"), &p).is_ok());
    }

    #[test]
    fn a_folder_is_replaced_only_when_an_earlier_build_wrote_all_of_it() {
        let dir = tempfile::Builder::new().prefix("pk-").tempdir().unwrap();
        let root = dir.path().join("model");
        std::fs::create_dir_all(&root).unwrap();
        let p = protected(&root);
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("steg")).unwrap();
        assert!(check_build_dir(&site, &p).is_ok(), "an empty folder");
        std::fs::write(site.join("index.html"), "x").unwrap();
        std::fs::write(site.join("steg/1.html"), "x").unwrap();
        let err = check_build_dir(&site, &p).unwrap_err();
        assert!(
            err.why.to_string().contains("has no .processkarta-build"),
            "{}",
            err.why
        );
        std::fs::write(
            site.join(MARKER),
            marker_text(["index.html", "steg/1.html"]),
        )
        .unwrap();
        assert!(check_build_dir(&site, &p).is_ok(), "a marked folder");
        std::fs::write(site.join("steg/anteckning.txt"), "mine").unwrap();
        let err = check_build_dir(&site, &p).unwrap_err();
        assert!(
            err.why.to_string().contains(
                "holds a file that `processkarta build` did not write (steg/anteckning.txt)"
            ),
            "{}",
            err.why
        );
    }

    #[test]
    fn exports_never_overwrite_the_model() {
        let dir = tempfile::Builder::new().prefix("pk-").tempdir().unwrap();
        let root = dir.path().join("model");
        std::fs::create_dir_all(root.join("process")).unwrap();
        std::fs::write(root.join("book.toml"), "").unwrap();
        let p = protected(&root);
        for (target, why) in [
            (root.join("book.toml"), "book.toml"),
            (root.join("process/fk.yaml"), "source folder `process`"),
            (root.join(".git/config"), "hidden folder `.git`"),
            (root.join("process"), "a folder"),
        ] {
            let err = check_export_file(&target, &p).unwrap_err();
            assert!(
                err.why.to_string().contains(why),
                "{}: {}",
                target.display(),
                err.why
            );
        }
        assert!(check_export_file(&root.join("karta.bpmn"), &p).is_ok());
        assert!(check_export_file(&dir.path().join("karta.bpmn"), &p).is_ok());
    }
}
