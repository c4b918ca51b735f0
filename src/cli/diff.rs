//! `processkarta diff`.

use super::output;
use anyhow::Result;
use processkarta::diagnostic;
use processkarta::diff::{self, report, revision};
use std::io::IsTerminal;
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
/// Exit status: 0 whether or not there are changes (1 with --exit-code when there are),
/// 2 usage or I/O error, or a folder or revision that is not a model.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The old version: a model folder or a git revision.
    old: String,
    /// The new version: a model folder or a git revision.
    new: String,
    /// Output format: text, markdown (a pull-request comment) or json (see the README).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
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
}

pub fn run(args: Args) -> Result<ExitCode> {
    let old_src = revision::resolve(&args.old)?;
    let new_src = revision::resolve(&args.new)?;
    let old = processkarta::check_model(&old_src.root)?;
    let new = processkarta::check_model(&new_src.root)?;
    for (src, checked) in [(&old_src, &old), (&new_src, &new)] {
        report_errors(&src.label, checked)?;
    }
    let result = diff::diff_checked(&old, &new, &old_src.label, &new_src.label);
    let text = match args.format {
        Format::Text => report::text(&result),
        Format::Markdown => report::markdown(&result),
        Format::Json => report::json(&result),
    };
    output::out(text)?;
    Ok(ExitCode::from(u8::from(
        args.exit_code && !result.is_empty(),
    )))
}

/// Prints the errors of one side to stderr, like `check`, under a line naming the side.
fn report_errors(label: &str, checked: &processkarta::Checked) -> Result<()> {
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
    output::err_line(format_args!(
        "errors in {}:",
        diagnostic::escape_control(label)
    ))?;
    output::err(diagnostic::render_human(
        &errors,
        &checked.model.sources,
        color,
    ))?;
    Ok(())
}
