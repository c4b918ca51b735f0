//! Rules about how the model prints.

use crate::diagnostic::{Code, Diagnostic};
use crate::layout::style::{max_lines, title_fits, title_lines_for};
use crate::model::Model;

/// Warns about titles that need more lines than a step box holds.
pub fn check(model: &Model, diags: &mut Vec<Diagnostic>) {
    for map in model.maps() {
        for step in &map.steps {
            if !title_fits(step.kind, &step.title) {
                diags.push(
                    Diagnostic::warning(
                        Code::TitleTooLong,
                        format!(
                            "the title of step {} is too long for its box on the printed map",
                            step.nr
                        ),
                    )
                    .at(step.title_span)
                    .label(format!(
                        "needs {} lines; a box holds {}",
                        title_lines_for(step.kind, &step.title).len(),
                        max_lines(step.kind)
                    ))
                    .help("shorten the title; put the detail in the guidance page"),
                );
            }
        }
    }
}
