//! The handläggarstöd site: HTML pages from the theme's templates.

use super::Output;
use crate::diagnostic::Diagnostic;
use crate::model::Model;

/// Adds every page of the site, the theme's assets and the search index to `out`.
pub fn render_site(_model: &Model, _out: &mut Output) -> Result<(), Vec<Diagnostic>> {
    Ok(())
}
