//! `processkarta init`.

use super::output;
use anyhow::{bail, Context, Result};
use std::path::PathBuf;
use std::process::ExitCode;

/// Create a new model: book.toml, one lane with a few steps, and their guidance pages.
///
/// The YAML files start with a `# yaml-language-server: $schema=…` line that points at the
/// JSON Schemas written to schemas/, for completion and checks in editors.
///
/// The new model passes `check` and builds. Refuses to touch a folder that already holds a
/// model (a book.toml, process/, handlaggarstod/ or schemas/).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Where to create the model (created if missing).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Title of the new model.
    #[arg(long, default_value = "Ny processkarta")]
    title: String,
}

pub fn run(args: Args) -> Result<ExitCode> {
    for existing in [
        "book.toml",
        "process",
        "handlaggarstod",
        processkarta::scaffold::SCHEMA_DIR,
    ] {
        let p = args.dir.join(existing);
        if p.exists() {
            bail!(
                "{} already exists; init never overwrites a model (choose an empty folder)",
                p.display()
            );
        }
    }
    let files = processkarta::scaffold::files(&args.title);
    for (rel, text) in &files {
        let path = args.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    output::err_line(format_args!(
        "created a model with {} files in {}; try `processkarta check` and `processkarta build` there",
        files.len(),
        args.dir.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}
