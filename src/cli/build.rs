//! `processkarta build`.

use super::check::{report, Format};
use super::output;
use anyhow::Result;
use processkarta::check;
use processkarta::diagnostic;
use processkarta::i18n::Lang;
use processkarta::model::Model;
use processkarta::msg;
use processkarta::outdir::{self, Protected};
use processkarta::write::{BuildLock, Locking};
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
    /// The model folder, where book.toml is; by default the current folder or the nearest
    /// folder above it with a book.toml.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Write here instead of the build-dir of book.toml. The folder is replaced, so it must
    /// be new, empty, or written by an earlier build (which leaves a `.processkarta-build`
    /// file listing what it wrote); any other folder is refused, as are the model folder and
    /// every folder above it, its source and theme folders, hidden folders, `/` and your home.
    #[arg(long, short = 'o')]
    out: Option<PathBuf>,
    /// Also print each map's layout figures: crossings, bends, arrow length, area, and the
    /// scale it prints at.
    #[arg(long, short = 'v')]
    verbose: bool,
}

/// The folder to build into, after [`outdir::check_build_dir`]: `-o`, else the build-dir
/// of book.toml. A refused `-o` is a usage error (exit 2); a refused build-dir is a
/// diagnostic at its line in book.toml (exit 1).
fn target(args: &Args, model: &Model, lang: Lang) -> Result<Result<PathBuf, ExitCode>> {
    let protected = Protected::new(&args.dir, &model.book.theme);
    match &args.out {
        Some(out) => match outdir::check_build_dir(out, &protected) {
            Ok(dir) => Ok(Ok(dir)),
            Err(refusal) => {
                output::err_line(super::refusal_text(&refusal, lang))?;
                Ok(Err(ExitCode::from(2)))
            }
        },
        None => {
            let dir = args.dir.join(&model.book.build_dir);
            match outdir::check_build_dir(&dir, &protected) {
                Ok(dir) => Ok(Ok(dir)),
                Err(refusal) => {
                    let diag = check::build_dir_refusal(model, &refusal);
                    report(&[diag], &model.sources, Format::Human, lang)?;
                    output::err_line(msg!("build-refused-nothing-built").text(lang))?;
                    Ok(Err(ExitCode::from(1)))
                }
            }
        }
    }
}

pub fn run(args: Args, lang: Option<Lang>) -> Result<ExitCode> {
    let args = Args {
        dir: super::model_dir(&args.dir),
        ..args
    };
    let started = Instant::now();
    let checked = processkarta::check_model(&args.dir)?;
    let lang = super::lang_for(lang, &checked.model);
    if checked.has_errors() {
        report(
            &checked.diagnostics,
            &checked.model.sources,
            Format::Human,
            lang,
        )?;
        let (errors, warnings) = diagnostic::count(&checked.diagnostics);
        let line = msg!("build-nothing-built", errors = errors, warnings = warnings);
        output::err_line(line.text(lang))?;
        return Ok(ExitCode::from(1));
    }
    report(
        &checked.diagnostics,
        &checked.model.sources,
        Format::Human,
        lang,
    )?;
    let model = &checked.model;
    let output = match processkarta::render::render_checked(&checked) {
        Ok(o) => o,
        Err(diags) => {
            report(&diags, &model.sources, Format::Human, lang)?;
            let line = msg!("build-render-failed", errors = diags.len());
            output::err_line(line.text(lang))?;
            return Ok(ExitCode::from(1));
        }
    };
    let dir = match target(&args, model, lang)? {
        Ok(dir) => dir,
        Err(exit) => return Ok(exit),
    };
    let lock = match BuildLock::try_acquire(&dir)? {
        Locking::Acquired(lock) => lock,
        Locking::Busy(busy) => {
            let line = msg!(
                "build-waiting",
                dir = dir.display().to_string(),
                lock = busy.lock_path().display().to_string()
            );
            output::err_line(line.text(lang))?;
            let lock = busy.wait()?;
            // The other build changed the folder: look at it again.
            if let Err(exit) = target(&args, model, lang)? {
                return Ok(exit);
            }
            lock
        }
    };
    processkarta::write::write_atomic(&output, &lock)?;
    if args.verbose {
        for line in processkarta::render::map::layout_report(
            &processkarta::render::map::Layouts::of_checked(&checked),
            lang,
        ) {
            output::err_line(line)?;
        }
    }
    let pages = output.files.keys().filter(|p| p.ends_with(".html")).count();
    let maps = output.files.keys().filter(|p| p.ends_with(".svg")).count();
    let line = msg!(
        "build-done",
        pages = pages,
        maps = maps,
        ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        dir = dir.display().to_string()
    );
    output::err_line(line.text(lang))?;
    Ok(ExitCode::SUCCESS)
}
