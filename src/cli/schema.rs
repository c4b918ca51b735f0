//! `processkarta schema`.

use super::output;
use anyhow::Result;
use processkarta::schema::{self, FileKind};
use std::process::ExitCode;

/// Print a JSON Schema of the model files, for editors.
///
/// With no argument: one combined schema that accepts any YAML file of a model (karta, lane
/// or sub-process), with every type under `$defs`. With `karta`, `lane`, `subprocess`,
/// `book` or `lagar`: the schema of that one file, which gives sharper messages in an editor.
///
/// The schemas are generated from the same Rust types the loader reads, so a field the
/// loader rejects as unknown is rejected by the schema too.
///
/// In VS Code (with the YAML extension), save the schema in the model and put a line like
/// this at the top of a lane file:
///
///     # yaml-language-server: $schema=../schemas/lane.json
///
/// See the README, "Editor support".
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Which file: karta, lane, subprocess, book or lagar; leave out for the combined schema.
    #[arg(value_enum)]
    file: Option<Which>,
}

/// The file kinds on the command line.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum Which {
    /// process/karta.yaml
    Karta,
    /// process/<lane-id>.yaml
    Lane,
    /// process/underprocesser/<id>.yaml
    Subprocess,
    /// book.toml
    Book,
    /// handlaggarstod/lagar.yaml
    Lagar,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let value = match args.file {
        None => schema::combined(),
        Some(which) => schema::schema_for(match which {
            Which::Karta => FileKind::Karta,
            Which::Lane => FileKind::Lane,
            Which::Subprocess => FileKind::Subprocess,
            Which::Book => FileKind::Book,
            Which::Lagar => FileKind::Lagar,
        }),
    };
    output::out(format!("{}\n", serde_json::to_string_pretty(&value)?))?;
    Ok(ExitCode::SUCCESS)
}
