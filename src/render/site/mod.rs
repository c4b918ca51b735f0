//! The handläggarstöd site: HTML pages from the theme's templates, the search index and the
//! theme's assets.
//!
//! - [`theme`] loads the templates, UI strings and assets (built in, or from the model).
//! - [`markdown`] turns guidance into safe HTML with the links rewritten.
//! - [`nav`] knows the order of the steps and the navigation around a page.
//! - [`pages`] builds every page.
//! - [`search`] builds the search index and holds the Swedish stemmer.

mod markdown;
mod nav;
mod pages;
pub mod search;
mod theme;

pub use markdown::step_anchor;
pub use theme::escape_html;

use super::Output;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Model;
use crate::source::Span;

/// Adds every page of the site, the theme's assets and the search index to `out`, with the
/// page of `changes` since the previous version when there are any to show.
pub fn render_site(
    model: &Model,
    layouts: &super::map::Layouts,
    changes: Option<&crate::diff::ModelDiff>,
    out: &mut Output,
) -> Result<(), Vec<Diagnostic>> {
    let a11y = accessibility(model);
    let theme = theme::Theme::load(model);
    let (a11y, theme) = match (a11y, theme) {
        (Ok(a), Ok(t)) => (a, t),
        (a, t) => {
            let mut diags = Vec::new();
            diags.extend(a.err());
            diags.extend(t.err().unwrap_or_default());
            return Err(diags);
        }
    };
    let site = nav::Site::new(model, layouts, &theme);
    pages::render_all(&site, &a11y, changes, out)?;
    for (rel, bytes) in &theme.assets {
        out.add(format!("tema/{rel}"), bytes.clone());
    }
    Ok(())
}

/// The accessibility statement from book.toml; the site cannot be published without one.
fn accessibility(model: &Model) -> Result<crate::model::AccessibilitySection, Diagnostic> {
    match &model.book.accessibility {
        Some(a) => Ok(a.clone()),
        None => {
            let mut d = Diagnostic::error(Code::BookToml, crate::msg!("no-accessibility"))
                .help(crate::msg!("no-accessibility-help"));
            if let Some(id) = model.sources.find("book.toml") {
                d = d.at(Span::file_start(id));
            }
            Err(d)
        }
    }
}
