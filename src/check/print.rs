//! Rules about how the model prints.

use crate::diagnostic::{Code, Diagnostic};
use crate::layout::style::{max_lines, title_fits, title_lines_for, MIN_PRINT_SIZE};
use crate::layout::MapLayout;
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

/// Warns when a map does not fit its paper at full size, so that its text would print
/// smaller than 7 pt. Returns the layouts, in the order of [`Model::maps`], for render to
/// use rather than lay the maps out again.
pub fn check_fit(model: &Model, diags: &mut Vec<Diagnostic>) -> Vec<MapLayout> {
    let room = crate::layout::style::diagram_room(crate::layout::style::page_size(
        model.book.paper,
        model.book.orientation,
    ));
    let mut layouts = Vec::new();
    for map in model.maps() {
        let layout = crate::layout::layout_map(model, map);
        if layout.min_text_size() + 1e-9 >= MIN_PRINT_SIZE {
            layouts.push(layout);
            continue;
        }
        let name = match &map.id {
            crate::model::MapId::Overview => "the overview map".to_string(),
            crate::model::MapId::Sub(id) => format!("the map of sub-process `{id}`"),
        };
        diags.push(
            Diagnostic::warning(
                Code::MapTooLarge,
                format!(
                    "{name} does not fit {:?} paper: it prints at {:.0} %, with text of {:.1} pt",
                    model.book.paper,
                    layout.scale * 100.0,
                    layout.min_text_size()
                ),
            )
            .at(map.title_span)
            .label(format!(
                "{} steps in {:.0} × {:.0} pt; the paper has room for {:.0} × {:.0} pt",
                map.steps.len(),
                layout.width,
                layout.height,
                room.0,
                room.1
            ))
            .help("move detail into a sub-process, let more steps run in parallel lanes, or set a larger `paper` under [map] in book.toml"),
        );
        layouts.push(layout);
    }
    layouts
}
