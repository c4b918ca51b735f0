//! processkarta: a compiler for process maps.
//!
//! The pipeline runs in one direction: [`load`] reads the files, [`model`] resolves them into
//! a process graph, [`check`] validates it, [`layout`] places it on paper, [`render`] turns it
//! into SVG, PDF and HTML in memory, and [`write`] puts the result on disk. See
//! `ARCHITECTURE.md`.

pub mod check;
pub mod diagnostic;
pub mod diff;
pub mod export;
pub mod format;
pub mod i18n;
pub mod layout;
pub mod load;
pub mod model;
pub mod outdir;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod source;
pub mod write;

use diagnostic::Diagnostic;
use std::path::Path;

/// A model after loading, resolving and checking, with every problem found.
pub struct Checked {
    /// The model as far as it could be resolved.
    pub model: model::Model,
    /// Every problem, follow-on problems folded into their causes, causes first (see
    /// [`diagnostic::sort`]).
    pub diagnostics: Vec<Diagnostic>,
    /// The layouts of the maps, in the order of [`model::Model::maps`], when `check` made
    /// them (a model whose graph has no errors); [`render::render_checked`] reuses them.
    pub maps: Option<Vec<layout::MapLayout>>,
}

impl Checked {
    /// True when there is at least one error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads, resolves and checks the model in `root`.
pub fn check_model(root: &Path) -> Result<Checked, load::LoadError> {
    let (raw, mut diagnostics) = load::load(root)?;
    let model = model::resolve(raw, &mut diagnostics);
    let (found, maps) = check::check_and_lay_out(&model);
    diagnostics.extend(found);
    diagnostic::fold(&mut diagnostics);
    diagnostic::sort(&mut diagnostics, &model.sources);
    Ok(Checked {
        model,
        diagnostics,
        maps,
    })
}
