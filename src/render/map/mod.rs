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

/// The overview map as an SVG document. `href_prefix` is prepended to every link, so the
/// same map works inline in a page at the site root (`""`), one folder deep (`"../"`), or as
/// a file in `kartor/`.
pub fn overview_svg(_model: &Model, _href_prefix: &str) -> String {
    String::new()
}

/// The map of one party's lane, with the arrows to and from other parties as labelled stubs.
pub fn lane_svg(_model: &Model, _lane: &crate::model::LaneId, _href_prefix: &str) -> String {
    String::new()
}

/// The map of one sub-process, with its way back to the overview.
pub fn subprocess_svg(_model: &Model, _id: &str, _href_prefix: &str) -> String {
    String::new()
}
