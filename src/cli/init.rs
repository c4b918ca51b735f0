//! `processkarta init`.

use super::output;
use anyhow::{bail, Context, Result};
use processkarta::scaffold::{self, Ci};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Create a new model: book.toml, one lane with a few steps, their guidance pages, and a
/// .gitignore for the build folder.
///
/// The YAML files start with a `# yaml-language-server: $schema=…` line that points at the
/// JSON Schemas written to schemas/, for completion and checks in editors.
///
/// With `--ci github`, also the workflows .github/workflows/remiss.yml (the remiss check on
/// every pull request) and pages.yml (the site on GitHub Pages); with `--ci gitlab`, the
/// remiss job as .gitlab-ci.yml. Both install the processkarta version written to
/// processkarta-version.
///
/// The new model passes `check` and builds. Refuses to touch a folder that already holds a
/// model (a book.toml, process/, handlaggarstod/ or schemas/) or the CI files it would write;
/// an existing .gitignore gets the rules it lacks added at its end.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Where to create the model (created if missing).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Title of the new model.
    #[arg(long, default_value = "Ny processkarta")]
    title: String,
    /// Also write the CI workflows for this service.
    #[arg(long, value_enum)]
    ci: Option<Ci>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let mut files = scaffold::files(&args.title);
    if let Some(ci) = args.ci {
        files.extend(scaffold::ci_files(ci));
    }
    let model_paths = [
        "book.toml",
        "process",
        "handlaggarstod",
        scaffold::SCHEMA_DIR,
    ];
    for existing in model_paths
        .into_iter()
        .chain(files.iter().map(|(rel, _)| *rel))
    {
        let p = args.dir.join(existing);
        if p.exists() {
            bail!(
                "{} already exists; init never overwrites a model (choose an empty folder)",
                p.display()
            );
        }
    }
    let gitignore_path = args.dir.join(".gitignore");
    let existing = match std::fs::read_to_string(&gitignore_path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(e).with_context(|| format!("cannot read {}", gitignore_path.display()))
        }
    };
    for (rel, text) in &files {
        write(&args.dir.join(rel), text)?;
    }
    if let Some(text) = scaffold::gitignore(existing.as_deref()) {
        write(&gitignore_path, &text)?;
    }
    output::err_line(format_args!(
        "created a model with {} files in {}; try `processkarta check` and `processkarta build` there",
        files.len() + usize::from(existing.is_none()),
        args.dir.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn write(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}
