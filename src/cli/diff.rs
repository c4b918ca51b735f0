//! `processkarta diff`.

use super::output;
use anyhow::Result;
use processkarta::diagnostic;
use processkarta::diff::{self, report, revision};
use processkarta::i18n::Lang;
use processkarta::outdir::{self, Protected};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Show what changed in the process between two versions of a model.
///
/// OLD and NEW are model folders or git revisions of the repository the command runs in
/// (`processkarta diff main HEAD`, `processkarta diff origin/main .`); a revision is read
/// with `git archive`, never by checking it out, and the model is the current folder's path
/// in it (`REV:PATH` names another path from the top of the repository). A folder wins over
/// a revision of the same name.
///
/// Reports, in process terms: steps added, removed, renumbered (the same step, recognised by
/// its title and neighbours, under a new number), renamed, moved to another lane or changed
/// in kind; arrows added and removed; vägval labels changed; aktualisering points added and
/// removed; sub-processes and lanes added and removed; guidance pages changed, with the
/// number of words added and removed and the first changed places.
///
/// A model with errors is compared as far as it could be read: the report says so, and the
/// errors are printed to stderr as `check` prints them. A file that cannot be read in one
/// version (a YAML syntax error, say) is reported as not compared, with the reason, and its
/// steps, lane or page are left out of both versions instead of being reported as removed.
/// The report also lists the errors and warnings of `check` that are new in NEW, or
/// resolved.
///
/// `--format html` writes one self-contained page for a reviewer (no script, nothing loaded
/// from elsewhere): the old and the new overview and every changed sub-process side by
/// side, each changed step and arrow marked (added, removed, changed, renumbered: a colour,
/// a line style and a word each, explained in a legend), and the changes in words below.
/// `--png FILE` also draws the new overview with its marks as a picture.
///
/// Exit status: 0 whether or not there are changes (1 with --exit-code when there are),
/// 2 usage or I/O error, or a folder or revision that is not a model.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The old version: a model folder or a git revision.
    old: String,
    /// The new version: a model folder or a git revision.
    new: String,
    /// Output format: text, markdown (a pull-request comment), json (see the README) or html
    /// (a review page with the changed maps).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write the report to this file instead of standard output. Never a file of either
    /// model, nor one in its source, theme or hidden folders.
    #[arg(long, short = 'o')]
    out: Option<PathBuf>,
    /// Also write the new overview, with the changes marked, as a PNG picture to this file
    /// (for a pull-request comment).
    #[arg(long, value_name = "FILE")]
    png: Option<PathBuf>,
    /// With --format markdown: end the report with a link to the review page (the
    /// `--format html` page) at this address, such as the artifact a workflow attached it
    /// to. An empty address adds nothing.
    #[arg(long, value_name = "URL")]
    review_url: Option<String>,
    /// Exit with 1 when there are changes, like `git diff --exit-code`.
    #[arg(long)]
    exit_code: bool,
}

/// How the report is printed.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// Lines with +, - and ~ for a terminal.
    Text,
    /// Headings and tables for a pull-request comment.
    Markdown,
    /// A stable JSON document: {format, version, old, new, lanes, maps, changes}.
    Json,
    /// One self-contained HTML page with the changed maps side by side, changes marked.
    Html,
}

pub fn run(args: Args, lang: Option<Lang>) -> Result<ExitCode> {
    let old_src = revision::resolve(&args.old)?;
    let new_src = revision::resolve(&args.new)?;
    let old = processkarta::check_model(&old_src.root)?;
    let new = processkarta::check_model(&new_src.root)?;
    // The new version's language: the one the model is in now.
    let lang = super::lang_for(lang, &new.model);
    for (src, checked) in [(&old_src, &old), (&new_src, &new)] {
        report_errors(&src.label, checked, lang)?;
    }
    // Both files are judged before anything is written, against both models.
    let mut files = [None, None];
    for (file, path) in files.iter_mut().zip([&args.out, &args.png]) {
        if let Some(path) = path {
            match export_file(path, [(&old_src.root, &old), (&new_src.root, &new)], lang)? {
                Ok(real) => *file = Some(real),
                Err(exit) => return Ok(exit),
            }
        }
    }
    let [out_file, png_file] = files;
    let result = diff::diff_checked(&old, &new, &old_src.label, &new_src.label, lang);
    let text = match args.format {
        Format::Text => report::text(&result, lang),
        Format::Markdown => {
            let mut text = report::markdown(&result, lang);
            if let Some(url) = args.review_url.as_deref().filter(|u| !u.is_empty()) {
                text.push_str(&report::review_link(url, lang));
            }
            text
        }
        Format::Json => report::json(&result),
        Format::Html => diff::html::page(&result, &old, &new, lang),
    };
    match out_file {
        Some(path) => processkarta::write::write_file_atomic(&path, text.as_bytes())?,
        None => output::out(text)?,
    }
    if let Some(path) = png_file {
        match diff::html::overview_png(&result, &new) {
            Some(png) => processkarta::write::write_file_atomic(&path, &png)?,
            None => {
                let line = processkarta::msg!(
                    "diff-no-picture",
                    source = diagnostic::escape_control(&new_src.label)
                );
                output::err_line(line.text(lang))?;
                return Ok(ExitCode::from(2));
            }
        }
    }
    Ok(ExitCode::from(u8::from(
        args.exit_code && !result.is_empty(),
    )))
}

/// Checks that `path` may be written: not a file or folder of either model
/// ([`outdir::check_export_file`]). Returns its real path, or exit status 2 after saying why.
fn export_file(
    path: &Path,
    sides: [(&PathBuf, &processkarta::Checked); 2],
    lang: Lang,
) -> Result<Result<PathBuf, ExitCode>> {
    let mut real = None;
    for (root, checked) in sides {
        let protected = Protected::new(root, &checked.model.book.theme);
        match outdir::check_export_file(path, &protected) {
            Ok(r) => real = Some(r),
            Err(refusal) => {
                output::err_line(super::refusal_text(&refusal, lang))?;
                return Ok(Err(ExitCode::from(2)));
            }
        }
    }
    Ok(real.ok_or(ExitCode::from(2)))
}

/// Prints the errors of one side to stderr, like `check`, under a line naming the side.
fn report_errors(label: &str, checked: &processkarta::Checked, lang: Lang) -> Result<()> {
    let errors: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let line = processkarta::msg!("diff-errors-in", source = diagnostic::escape_control(label));
    output::err_line(line.text(lang))?;
    output::err(diagnostic::render_human(
        &errors,
        &checked.model.sources,
        color,
        lang,
    ))?;
    Ok(())
}
