//! `processkarta export`.

use super::check::{report, Format};
use super::output;
use anyhow::Result;
use processkarta::diagnostic;
use processkarta::export::{self, Target};
use processkarta::i18n::Lang;
use processkarta::outdir::{self, Protected};
use std::path::PathBuf;
use std::process::ExitCode;

/// Export the model to another tool's format.
///
/// The model is checked first, exactly as `check` does, and a model with errors is not
/// exported: its problems are printed instead.
///
/// - bpmn: BPMN 2.0 XML with one pool, a lane per party, tasks, exclusive gateways for
///   vägval, call activities for sub-processes (each a process of its own) and diagram
///   coordinates from processkarta's own layout, for bpmn.io and Camunda Modeler;
/// - dot: a Graphviz graph with the lanes as clusters (`dot -Tsvg`), for other documentation;
/// - mermaid: a Mermaid flowchart with the lanes as subgraphs, for Markdown that renders it;
/// - json: the resolved model (numbers, lanes, arrows with labels, sub-process steps as
///   "20.3", guidance paths) for scripts.
///
/// The output is deterministic: the same model gives the same bytes.
///
/// Exit status: 0 exported, 1 the model has errors, 2 usage or I/O error.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The model folder, where book.toml is.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// The format to write.
    #[arg(long, value_enum)]
    to: To,
    /// Write to this file instead of standard output. Never a file of the model (book.toml,
    /// a lane file, a page), nor one in its source, theme or hidden folders such as .git.
    #[arg(long, short = 'o')]
    out: Option<PathBuf>,
}

/// The formats on the command line.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum To {
    /// BPMN 2.0 XML with diagram interchange.
    Bpmn,
    /// Graphviz DOT.
    Dot,
    /// Mermaid flowchart.
    Mermaid,
    /// The resolved model as JSON.
    Json,
}

pub fn run(args: Args, lang: Option<Lang>) -> Result<ExitCode> {
    let checked = processkarta::check_model(&args.dir)?;
    let lang = super::lang_for(lang, &checked.model);
    report(
        &checked.diagnostics,
        &checked.model.sources,
        Format::Human,
        lang,
    )?;
    if checked.has_errors() {
        let (errors, warnings) = diagnostic::count(&checked.diagnostics);
        let line = processkarta::msg!(
            "export-nothing-exported",
            errors = errors,
            warnings = warnings
        );
        output::err_line(line.text(lang))?;
        return Ok(ExitCode::from(1));
    }
    let target = match args.to {
        To::Bpmn => Target::Bpmn,
        To::Dot => Target::Dot,
        To::Mermaid => Target::Mermaid,
        To::Json => Target::Json,
    };
    let out = match &args.out {
        Some(path) => {
            let protected = Protected::new(&args.dir, &checked.model.book.theme);
            match outdir::check_export_file(path, &protected) {
                Ok(real) => Some(real),
                Err(refusal) => {
                    output::err_line(super::refusal_text(&refusal, lang))?;
                    return Ok(ExitCode::from(2));
                }
            }
        }
        None => None,
    };
    let text = export::export(&checked.model, target);
    match &out {
        Some(path) => processkarta::write::write_file_atomic(path, text.as_bytes())?,
        None => output::out(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}
