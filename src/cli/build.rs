//! `processkarta build`.

use super::check::{report, Format};
use super::output;
use anyhow::Result;
use processkarta::diagnostic;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Build the map (SVG and PDF) and the handläggarstöd site.
///
/// Checks the model first and refuses to build one with errors, printing the same
/// diagnostics as `check`. Writes to the build-dir of book.toml (default `book/`),
/// atomically: a failed build leaves the previous site untouched. Open
/// `book/index.html` in a browser, or copy the folder to any web host.
///
/// The maps go to `kartor/`: `oversikt.svg` and `oversikt.pdf` sized for `[map] paper` and
/// `orientation` of book.toml (print the PDF at 100 %), `parter/<lane>.svg` for each party and
/// `underprocesser/<id>.svg` for each sub-process.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The model folder, where book.toml is.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Write here instead of the build-dir of book.toml.
    #[arg(long, short = 'o')]
    out: Option<PathBuf>,
    /// Also print layout figures (edge crossings and bends per map).
    #[arg(long, short = 'v')]
    verbose: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let started = Instant::now();
    let checked = processkarta::check_model(&args.dir)?;
    if checked.has_errors() {
        report(&checked.diagnostics, &checked.model.sources, Format::Human)?;
        let (errors, warnings) = diagnostic::count(&checked.diagnostics);
        output::err_line(format_args!(
            "{errors} error(s), {warnings} warning(s): nothing was built"
        ))?;
        return Ok(ExitCode::from(1));
    }
    report(&checked.diagnostics, &checked.model.sources, Format::Human)?;
    let model = &checked.model;
    let output = match processkarta::render::render(model) {
        Ok(o) => o,
        Err(diags) => {
            report(&diags, &model.sources, Format::Human)?;
            output::err_line(format_args!("{} error(s): nothing was built", diags.len()))?;
            return Ok(ExitCode::from(1));
        }
    };
    let dir = match &args.out {
        Some(out) => out.clone(),
        None => processkarta::write::build_dir(&args.dir, &model.book.build_dir)?,
    };
    processkarta::write::write_atomic(&output, &dir)?;
    if args.verbose {
        for line in
            processkarta::render::map::layout_report(&processkarta::render::map::Layouts::of(model))
        {
            output::err_line(line)?;
        }
    }
    let pages = output.files.keys().filter(|p| p.ends_with(".html")).count();
    let maps = output.files.keys().filter(|p| p.ends_with(".svg")).count();
    output::err_line(format_args!(
        "built {pages} pages and {maps} maps in {} ms → {}",
        started.elapsed().as_millis(),
        dir.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}
