//! Where a side of a diff comes from: a model folder, or a git revision of the repository
//! the command runs in.
//!
//! A revision is read with the git command line: `git archive <commit>` piped into `tar -x`
//! in a temporary folder. The working tree and the index are never touched.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A model on disk, in a temporary folder when it came from git.
#[derive(Debug)]
pub struct ModelSource {
    /// The model folder (where book.toml is).
    pub root: PathBuf,
    /// The argument as given, for the report.
    pub label: String,
    /// Keeps the temporary folder of a revision alive.
    _temp: Option<tempfile::TempDir>,
}

/// Finds the model that `spec` names, from the current folder.
///
/// - an existing folder is a model folder;
/// - otherwise `REV` is a git revision (`main`, `HEAD~1`, `origin/main`, a commit id), and the
///   model is the current folder's path inside that revision;
/// - `REV:PATH` is a revision with an explicit path from the repository's top.
pub fn resolve(spec: &str) -> Result<ModelSource> {
    resolve_in(spec, Path::new("."))
}

/// [`resolve`] from another current folder.
pub fn resolve_in(spec: &str, cwd: &Path) -> Result<ModelSource> {
    let as_dir = cwd.join(spec);
    if as_dir.is_dir() {
        return Ok(ModelSource {
            root: as_dir,
            label: spec.to_string(),
            _temp: None,
        });
    }
    if spec.is_empty() || spec.starts_with('-') {
        bail!("`{spec}` is neither a folder nor a git revision");
    }
    from_git(spec, cwd, "neither a folder nor")
}

/// The model at the git revision `spec` (`REV` or `REV:PATH`) of the repository `cwd` is
/// in, never a folder: [`resolve_in`] without its first rule.
pub fn resolve_revision(spec: &str, cwd: &Path) -> Result<ModelSource> {
    if spec.is_empty() || spec.starts_with('-') {
        bail!("`{spec}` is not a git revision");
    }
    from_git(spec, cwd, "not")
}

/// [`resolve_revision`]; `not` says what `spec` is not when no revision has that name.
fn from_git(spec: &str, cwd: &Path, not: &str) -> Result<ModelSource> {
    let (rev, path) = match spec.split_once(':') {
        Some((rev, path)) => (rev, Some(path.trim_matches('/').to_string())),
        None => (spec, None),
    };
    let commit = git(
        cwd,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .ok()
    .filter(|s| !s.is_empty())
    .with_context(|| format!("`{spec}` is {not} a git revision of the repository here"))?;
    let top = git(cwd, &["rev-parse", "--show-toplevel"])?;
    let prefix = match path {
        Some(p) => p,
        None => git(cwd, &["rev-parse", "--show-prefix"])?
            .trim_end_matches('/')
            .to_string(),
    };
    let temp = tempfile::Builder::new()
        .prefix("processkarta-diff-")
        .tempdir()
        .context("cannot create a temporary folder")?;
    extract(Path::new(&top), &commit, &prefix, temp.path())
        .with_context(|| format!("cannot read revision `{rev}`"))?;
    let root = if prefix.is_empty() {
        temp.path().to_path_buf()
    } else {
        temp.path().join(&prefix)
    };
    if !root.is_dir() {
        bail!("revision `{rev}` has no folder `{prefix}`");
    }
    Ok(ModelSource {
        root,
        label: spec.to_string(),
        _temp: Some(temp),
    })
}

/// Runs git in `dir` and returns its trimmed stdout.
fn git(dir: &Path, args: &[&str]) -> Result<String> {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .context("cannot run git (is it installed?)")?;
    if !out.status.success() {
        bail!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// `git archive <commit> [-- <prefix>] | tar -x -C <into>`.
fn extract(top: &Path, commit: &str, prefix: &str, into: &Path) -> Result<()> {
    let mut archive = Command::new("git");
    archive
        .current_dir(top)
        .args(["archive", "--format=tar", commit]);
    if !prefix.is_empty() {
        archive.args(["--", prefix]);
    }
    let mut archive = archive
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot run git archive")?;
    let stdout = archive
        .stdout
        .take()
        .context("no output from git archive")?;
    let tar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(into)
        .stdin(stdout)
        .stderr(Stdio::piped())
        .output()
        .context("cannot run tar")?;
    let archived = archive.wait_with_output()?;
    if !archived.status.success() {
        bail!(
            "git archive failed: {}",
            String::from_utf8_lossy(&archived.stderr).trim()
        );
    }
    if !tar.status.success() {
        bail!(
            "tar failed: {}",
            String::from_utf8_lossy(&tar.stderr).trim()
        );
    }
    Ok(())
}
