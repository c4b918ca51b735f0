//! Command-line interface: one file per subcommand.

mod build;
mod check;
mod diff;
mod export;
mod init;
mod output;
mod schema;
mod serve;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// processkarta – a compiler for process maps.
///
/// Reads a process model (YAML lanes and steps in process/, Markdown guidance in
/// handlaggarstod/, settings in book.toml), validates it, and writes a printable map and a
/// linked guidance site.
///
/// Exit status: 0 success, 1 the model has errors, 2 usage or I/O error.
///
/// Output into a closed pipe (`processkarta schema | head -c1`) stops quietly and the
/// command ends with its usual status; any other failed write (a full disk) is reported
/// once, with status 2.
#[derive(Parser, Debug)]
#[command(name = "processkarta", version, arg_required_else_help = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    Check(check::Args),
    Build(build::Args),
    Init(init::Args),
    Serve(serve::Args),
    Schema(schema::Args),
    Diff(diff::Args),
    Export(export::Args),
}

/// The model folder of a command: `dir` as given, or, when no folder was given (`.`) and
/// the current folder holds no book.toml, the nearest folder above it that does. Says on
/// stderr which folder that is.
fn model_dir(dir: &std::path::Path) -> std::path::PathBuf {
    if dir != std::path::Path::new(".") || dir.join("book.toml").is_file() {
        return dir.to_path_buf();
    }
    match processkarta::load::find_root(dir) {
        Some(root) => {
            eprintln!("processkarta: using the model in {}", root.display());
            root
        }
        None => dir.to_path_buf(),
    }
}

/// Runs the chosen subcommand.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Build(args) => build::run(args),
        Command::Init(args) => init::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Export(args) => export::run(args),
    }
}
