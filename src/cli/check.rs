//! `processkarta check`.

use super::output;
use anyhow::Result;
use processkarta::diagnostic::{self, Diagnostic};
use processkarta::i18n::Lang;
use processkarta::msg;
use processkarta::source::SourceMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Validate the model and report every problem with file, line and column.
///
/// Checks the YAML (syntax, types, unknown fields), the process graph (numbers, arrows,
/// start and end, reachability, loops, vägval, sub-processes), the guidance pages and their
/// links, and warns about numbering against the flow and titles too long to print.
///
/// Exit status: 0 no errors, 1 the model has errors (or warnings with --deny-warnings),
/// 2 usage or I/O error.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The model folder, where book.toml is; by default the current folder or the nearest
    /// folder above it with a book.toml.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Output format: human (rustc-like), json, or github (workflow annotations).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Treat warnings as errors.
    #[arg(long)]
    deny_warnings: bool,
    /// Also print each map's layout figures: crossings, bends, arrow length, area, and the
    /// scale it prints at (only for a model without errors).
    #[arg(long, short = 'v')]
    verbose: bool,
}

/// How diagnostics are printed.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Messages with the source line and a marker, like rustc.
    Human,
    /// A JSON array with file, line, column, code, message and help.
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`).
    Github,
}

/// Prints diagnostics in the chosen format: human text to stderr, the others to stdout.
pub fn report(diags: &[Diagnostic], sources: &SourceMap, format: Format, lang: Lang) -> Result<()> {
    match format {
        Format::Human => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            output::err(diagnostic::render_human(diags, sources, color, lang))?;
        }
        Format::Json => output::out(diagnostic::render_json(diags, sources, lang))?,
        Format::Github => output::out(diagnostic::render_github(diags, sources, lang))?,
    }
    Ok(())
}

pub fn run(args: Args, lang: Option<Lang>) -> Result<ExitCode> {
    let args = Args {
        dir: super::model_dir(&args.dir),
        ..args
    };
    let checked = processkarta::check_model(&args.dir)?;
    let lang = super::lang_for(lang, &checked.model);
    report(
        &checked.diagnostics,
        &checked.model.sources,
        args.format,
        lang,
    )?;
    let (errors, warnings) = diagnostic::count(&checked.diagnostics);
    if args.format == Format::Human {
        let steps: usize = checked.model.maps().map(|m| m.steps.len()).sum();
        if errors == 0 && warnings == 0 {
            let line = msg!(
                "check-ok",
                steps = steps,
                maps = checked.model.maps().count(),
                pages = checked.model.guidance.len()
            );
            output::err_line(line.text(lang))?;
        } else {
            let line = msg!("check-counts", errors = errors, warnings = warnings);
            output::err_line(line.text(lang))?;
        }
        if args.verbose && errors == 0 {
            let layouts = processkarta::render::map::Layouts::of_checked(&checked);
            for line in processkarta::render::map::layout_report(&layouts, lang) {
                output::err_line(line)?;
            }
        }
    }
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    Ok(ExitCode::from(u8::from(failed)))
}
