//! `[book] previous`: the model as it was at a git revision, compared with the model being
//! built, for the site's page "Ändringar sedan förra versionen".
//!
//! This is the one place where a build reads git: the revision is read with
//! [`super::revision`] (`git archive` into a temporary folder, the working tree untouched)
//! before anything is rendered, and the rendering gets the finished [`ModelDiff`].

use super::{diff_checked, revision, ModelDiff};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;
use crate::Checked;

/// The changes since `[book] previous`, or `None` when it is not set. A revision that
/// cannot be read (no git repository, an unknown revision, no model in it) is E010 at the
/// value in book.toml.
pub fn changes(checked: &Checked) -> Result<Option<ModelDiff>, Diagnostic> {
    let model = &checked.model;
    let Some(rev) = &model.book.previous else {
        return Ok(None);
    };
    let at = model.sources.find("book.toml").map(|id| {
        let text = &model.sources.get(id).text;
        crate::load::value_span(text, "book", "previous")
            .map_or(Span::file_start(id), |r| Span::new(id, r))
    });
    let fail = |why: String| {
        let d = Diagnostic::error(
            Code::BookToml,
            crate::msg!("previous-unreadable", rev = rev, why = why),
        )
        .label(crate::msg!("previous-unreadable-label"))
        .help(crate::msg!("previous-unreadable-help"));
        match at {
            Some(span) => d.at(span),
            None => d,
        }
    };
    let source = revision::resolve_revision(rev, model.sources.root())
        .map_err(|e| fail(first_line(&format!("{e:#}"))))?;
    let old = crate::check_model(&source.root).map_err(|e| fail(e.to_string()))?;
    let label = model
        .book
        .version
        .clone()
        .unwrap_or_else(|| "den här versionen".to_string());
    // The page of changes is part of the site, whose words are Swedish.
    Ok(Some(diff_checked(
        &old,
        checked,
        rev,
        &label,
        crate::i18n::Lang::Sv,
    )))
}

/// The first line of an error chain, for a one-line message.
fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).trim().to_string()
}
