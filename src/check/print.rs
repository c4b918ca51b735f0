//! Rules about how the model prints.

use crate::diagnostic::{Code, Diagnostic};
use crate::layout::style::{title_fits, title_lines, MAX_TITLE_LINES};
use crate::model::Model;

/// Warns about titles that need more lines than a step box holds.
pub fn check(model: &Model, diags: &mut Vec<Diagnostic>) {
    for map in model.maps() {
        for step in &map.steps {
            if !title_fits(&step.title) {
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
                        "needs {} lines; a box holds {MAX_TITLE_LINES}",
                        title_lines(&step.title).len()
                    ))
                    .help("shorten the title; put the detail in the guidance page"),
                );
            }
        }
    }
}
