//! Placing a map on paper: lanes, step boxes and orthogonal arrows.

pub mod style;
pub mod text;
