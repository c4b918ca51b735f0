//! The fixed geometry of a step on the map, shared by the layout and by the `check` rule
//! that warns about titles too long to print.
//!
//! Units are PostScript points of the printed page (1/72 inch): the A3 overview is drawn at
//! scale 1, so a font size here is the printed size.

use super::text::{wrap, Weight};

/// Font size of step titles: at least 7 pt printed.
pub const TITLE_SIZE: f64 = 7.5;
/// Line height of step titles.
pub const TITLE_LINE: f64 = 9.0;
/// Width available to a title inside a step box.
pub const TITLE_WIDTH: f64 = 66.0;
/// The most title lines a box holds.
pub const MAX_TITLE_LINES: usize = 4;

/// A title wrapped to the step box.
pub fn title_lines(title: &str) -> Vec<String> {
    wrap(title, TITLE_SIZE, Weight::Regular, TITLE_WIDTH)
}

/// True when the title fits its box on the printed map.
pub fn title_fits(title: &str) -> bool {
    title_lines(title).len() <= MAX_TITLE_LINES
}
