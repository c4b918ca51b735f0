//! Rules about how the model prints.

use crate::diagnostic::{Code, Diagnostic};
use crate::layout::style::{max_lines, title_fits, title_lines_for, MIN_PRINT_SIZE};
use crate::layout::MapLayout;
use crate::model::Model;
use crate::msg;

/// Warns about titles that need more lines than a step box holds.
pub fn check(model: &Model, diags: &mut Vec<Diagnostic>) {
    for map in model.maps() {
        for step in &map.steps {
            if !title_fits(step.kind, &step.title) {
                diags.push(
                    Diagnostic::warning(Code::TitleTooLong, msg!("title-too-long", step = step.nr))
                        .at(step.title_span)
                        .label(msg!(
                            "title-too-long-label",
                            needs = title_lines_for(step.kind, &step.title).len(),
                            holds = max_lines(step.kind)
                        ))
                        .help(msg!("title-too-long-help")),
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
            crate::model::MapId::Overview => msg!("map-of-overview"),
            crate::model::MapId::Sub(id) => msg!("map-of-subprocess", id = id),
        };
        diags.push(
            Diagnostic::warning(
                Code::MapTooLarge,
                msg!(
                    "map-too-large",
                    map = name,
                    paper = format!("{:?}", model.book.paper),
                    scale = format!("{:.0}", layout.scale * 100.0),
                    text = crate::i18n::Arg::decimal(layout.min_text_size(), 1)
                ),
            )
            .at(map.title_span)
            .label(msg!(
                "map-too-large-label",
                n = map.steps.len(),
                size = format!("{:.0} × {:.0}", layout.width, layout.height),
                room = format!("{:.0} × {:.0}", room.0, room.1)
            ))
            .help(msg!("map-too-large-help")),
        );
        layouts.push(layout);
    }
    layouts
}
