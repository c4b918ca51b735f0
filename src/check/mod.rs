//! The rules a resolved model must follow. Each rule pushes [`Diagnostic`]s; none stops the
//! others. The structural rules that need the files (syntax, types, references) already ran
//! in `load` and `model`.

mod build_dir;
mod graph;
mod laws;
mod links;
mod outcomes;
mod print;

use crate::diagnostic::Diagnostic;
use crate::layout::MapLayout;
use crate::model::Model;

pub use build_dir::refusal as build_dir_refusal;

/// Runs every rule on the model.
pub fn check(model: &Model) -> Vec<Diagnostic> {
    check_and_lay_out(model).0
}

/// Runs every rule on the model, and returns with the problems the layouts of its maps (in
/// the order of [`Model::maps`]) when the rules needed them: W003 lays every map out once the
/// graph has no errors.
pub fn check_and_lay_out(model: &Model) -> (Vec<Diagnostic>, Option<Vec<MapLayout>>) {
    let mut diags = Vec::new();
    build_dir::check(model, &mut diags);
    for map in model.maps() {
        graph::check_map(model, map, &mut diags);
    }
    outcomes::check(model, &mut diags);
    links::check(model, &mut diags);
    laws::check(model, &mut diags);
    print::check(model, &mut diags);
    // The fit needs a layout, and a layout needs a graph without errors.
    let layouts = if diags.iter().any(Diagnostic::is_error) {
        None
    } else {
        Some(print::check_fit(model, &mut diags))
    };
    (diags, layouts)
}
