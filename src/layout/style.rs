//! The fixed geometry of the map: step boxes, gaps, the page around the diagram. Shared by
//! the layout, the SVG renderer and the `check` rules about how the model prints.
//!
//! Units are PostScript points of the printed page (1/72 inch): a map that fits its paper
//! is drawn at scale 1, so a font size here is the printed size.

use super::text::{wrap, Weight};
use crate::model::StepKind;

/// Font size of step titles: at least 7 pt printed.
pub const TITLE_SIZE: f64 = 7.0;
/// Line height of step titles.
pub const TITLE_LINE: f64 = 8.2;
/// Width available to a title inside a step box.
pub const TITLE_WIDTH: f64 = 62.0;
/// The most title lines a box holds.
pub const MAX_TITLE_LINES: usize = 4;
/// Width available to a title inside a vägval diamond.
pub const VAGVAL_TITLE_WIDTH: f64 = 54.0;
/// The most title lines a vägval diamond holds.
pub const MAX_VAGVAL_LINES: usize = 3;

/// Size of the smallest text on the map (arrow labels, legend): the floor for print.
pub const SMALL_SIZE: f64 = 7.0;
/// The smallest text size allowed on paper.
pub const MIN_PRINT_SIZE: f64 = 7.0;
/// Line height of arrow labels.
pub const LABEL_LINE: f64 = 8.0;
/// Arrow labels wrap at this width.
pub const LABEL_WIDTH: f64 = 64.0;

/// A step box (start, task, sub-process, end).
pub const BOX_W: f64 = 74.0;
/// Height of a step box: the number badge and four title lines.
pub const BOX_H: f64 = 47.0;
/// A vägval diamond.
pub const DIAMOND_W: f64 = 96.0;
/// Height of a vägval diamond.
pub const DIAMOND_H: f64 = 56.0;

/// Width of the lane name column at the left, at least.
pub const HEADER_MIN_W: f64 = 64.0;
/// Width of the lane name column at most.
pub const HEADER_MAX_W: f64 = 110.0;
/// Space on each side of a lane name.
pub const HEADER_PAD: f64 = 6.0;
/// Size of the lane names.
pub const HEADER_SIZE: f64 = 8.0;
/// Free space on each side of the arrow tracks in a gap between columns.
pub const GAP_PAD: f64 = 4.0;
/// Distance between parallel arrows.
pub const TRACK: f64 = 3.5;
/// Free space above and below the arrows in a corridor between rows.
pub const CORRIDOR_PAD: f64 = 4.0;
/// Distance between arrow ports on one side of a box.
pub const PORT_SPACING: f64 = 12.0;
/// Height of the strip above the lanes that names the shared areas.
pub const SHARED_HEAD_H: f64 = 16.0;
/// Length of a stub on a lane map: an arrow to or from another party.
pub const STUB_ARROW: f64 = 12.0;
/// Width of a column on a lane map, where stub labels name the other party.
pub const LANE_MAP_COLUMN: f64 = 128.0;

/// Margin of the printed page.
pub const PAGE_MARGIN: f64 = 14.0;

/// The most a diagram is enlarged to fill its paper: a small map on a wall should print
/// with text as large as the sheet allows, but not as a poster of a few boxes.
pub const MAX_SCALE: f64 = 2.0;
/// Height of the title block above the diagram.
pub const TITLE_BLOCK_H: f64 = 34.0;
/// Height of the legend below the diagram.
pub const LEGEND_H: f64 = 40.0;
/// Space between the title block, diagram and legend.
pub const BLOCK_GAP: f64 = 8.0;

/// The width and height of a step's symbol.
pub fn box_size(kind: StepKind) -> (f64, f64) {
    match kind {
        StepKind::Vagval => (DIAMOND_W, DIAMOND_H),
        _ => (BOX_W, BOX_H),
    }
}

/// A title wrapped to its box.
pub fn title_lines_for(kind: StepKind, title: &str) -> Vec<String> {
    let width = match kind {
        StepKind::Vagval => VAGVAL_TITLE_WIDTH,
        _ => TITLE_WIDTH,
    };
    wrap(title, TITLE_SIZE, Weight::Regular, width)
}

/// The most title lines a symbol of this kind holds.
pub fn max_lines(kind: StepKind) -> usize {
    match kind {
        StepKind::Vagval => MAX_VAGVAL_LINES,
        _ => MAX_TITLE_LINES,
    }
}

/// A task title wrapped to the step box.
pub fn title_lines(title: &str) -> Vec<String> {
    title_lines_for(StepKind::Task, title)
}

/// True when the title fits its symbol on the printed map.
pub fn title_fits(kind: StepKind, title: &str) -> bool {
    title_lines_for(kind, title).len() <= max_lines(kind)
}

/// An arrow label wrapped to its width.
pub fn label_lines(label: &str) -> Vec<String> {
    wrap(label, SMALL_SIZE, Weight::Regular, LABEL_WIDTH)
}

/// Page size in millimetres for a paper and orientation: (width, height).
pub fn paper_mm(paper: crate::model::Paper, orientation: crate::model::Orientation) -> (f64, f64) {
    let (short, long) = paper.size_mm();
    match orientation {
        crate::model::Orientation::Landscape => (long, short),
        crate::model::Orientation::Portrait => (short, long),
    }
}

/// Page size in points for a paper and orientation: (width, height).
pub fn page_size(paper: crate::model::Paper, orientation: crate::model::Orientation) -> (f64, f64) {
    let (w, h) = paper_mm(paper, orientation);
    let pt = |mm: f64| mm * 72.0 / 25.4;
    (pt(w), pt(h))
}

/// The room a diagram has on the page, after margins, title block and legend.
pub fn diagram_room(page: (f64, f64)) -> (f64, f64) {
    (
        page.0 - 2.0 * PAGE_MARGIN,
        page.1 - 2.0 * PAGE_MARGIN - TITLE_BLOCK_H - LEGEND_H - 2.0 * BLOCK_GAP,
    )
}
