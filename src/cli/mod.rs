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
use processkarta::i18n::Lang;
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
///
/// Language: problems and reports are written in the model's language, `language` in
/// `[book]` of book.toml (`sv` Swedish, `en` English; any other language gets English),
/// Swedish when there is no readable book.toml; `--lang` overrides both.
#[derive(Parser, Debug)]
#[command(name = "processkarta", version, arg_required_else_help = true)]
pub struct Cli {
    /// Language of the messages and reports: sv or en. Without it, book.toml's
    /// `language` decides (sv when there is no readable book.toml).
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    lang: Option<LangArg>,
    #[command(subcommand)]
    command: Command,
}

/// The languages of `--lang`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum LangArg {
    /// Swedish.
    Sv,
    /// English.
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Sv => Lang::Sv,
            LangArg::En => Lang::En,
        }
    }
}

/// A refused folder or file, as printed on standard error: what is wrong and how to proceed.
fn refusal_text(refusal: &processkarta::outdir::Refusal, lang: Lang) -> String {
    format!(
        "error: {}\n  {}: {}",
        refusal.text(lang),
        processkarta::msg!("help").text(lang),
        refusal.help.text(lang)
    )
}

/// The language of the tool's words for a model: `--lang` when given, else the model's
/// `language` in book.toml (the model's default, Swedish, when it has no readable one).
fn lang_for(chosen: Option<Lang>, model: &processkarta::model::Model) -> Lang {
    chosen.unwrap_or_else(|| Lang::for_model(&model.book.language))
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
    let lang = cli.lang.map(Lang::from);
    match cli.command {
        Command::Check(args) => check::run(args, lang),
        Command::Build(args) => build::run(args, lang),
        Command::Init(args) => init::run(args),
        Command::Serve(args) => serve::run(args, lang),
        Command::Schema(args) => schema::run(args),
        Command::Diff(args) => diff::run(args, lang),
        Command::Export(args) => export::run(args, lang),
    }
}
