//! The maps: the overview, one per party and one per sub-process, as SVG, and the overview
//! as a one-page PDF.

use super::Output;
use crate::diagnostic::Diagnostic;
use crate::model::Model;

/// Adds every map of the model to `out` under `kartor/`.
pub fn render_maps(_model: &Model, _out: &mut Output) -> Result<(), Vec<Diagnostic>> {
    Ok(())
}

/// One line per map with its layout figures (edge crossings and bends), for `build --verbose`.
pub fn layout_report(_model: &Model) -> Vec<String> {
    Vec::new()
}
