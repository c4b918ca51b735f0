//! The maps: the overview, one per party and one per sub-process, as SVG, and the overview
//! as a one-page PDF.
//!
//! Files: `kartor/oversikt.svg`, `kartor/oversikt.pdf`, `kartor/parter/<lane>.svg`,
//! `kartor/underprocesser/<id>.svg`.

mod color;
mod pdf;
mod svg;

pub use color::{contrast, lane_colors, parse_hex, LaneColors};
pub use svg::{esc, kind_name, num, path_data};

use super::Output;
use crate::diagnostic::Diagnostic;
use crate::layout::{self, style, MapLayout};
use crate::model::{LaneId, MapId, Model, ProcessMap};
use svg::MapPage;

/// Adds every map of the model to `out` under `kartor/`.
pub fn render_maps(model: &Model, out: &mut Output) -> Result<(), Vec<Diagnostic>> {
    let overview = layout::layout_map(model, &model.overview);
    let page = overview_page(model, "../", "");
    let svg = svg::write_svg(model, &overview, &page);
    let pdf = pdf::write_pdf(model, &overview, &page, &svg)?;
    out.add("kartor/oversikt.svg", svg);
    out.add("kartor/oversikt.pdf", pdf);
    for lane in model.lanes.iter().filter(|l| !l.shared) {
        out.add(
            format!("kartor/parter/{}.svg", lane.id),
            lane_svg(model, &lane.id, "../../"),
        );
    }
    for sub in &model.subprocesses {
        if let MapId::Sub(id) = &sub.id {
            out.add(
                format!("kartor/underprocesser/{id}.svg"),
                subprocess_svg(model, id, "../../"),
            );
        }
    }
    Ok(())
}

/// One line per map with its layout figures (edge crossings and bends), for `build --verbose`.
pub fn layout_report(model: &Model) -> Vec<String> {
    let line = |name: &str, l: &MapLayout| {
        format!(
            "{name}: {} steps, {} arrows, {} crossings, {} bends, {:.0} × {:.0} pt, printed at {:.0} % (smallest text {:.1} pt)",
            l.boxes.len(),
            l.edges.len(),
            l.crossings,
            l.bends,
            l.width,
            l.height,
            l.scale * 100.0,
            l.min_text_size()
        )
    };
    let mut out = vec![line(
        "overview",
        &layout::layout_map(model, &model.overview),
    )];
    for sub in &model.subprocesses {
        if let MapId::Sub(id) = &sub.id {
            out.push(line(
                &format!("sub-process {id}"),
                &layout::layout_map(model, sub),
            ));
        }
    }
    out
}

fn overview_page<'a>(model: &Model, prefix: &'a str, id_prefix: &'a str) -> MapPage<'a> {
    let paper = style::page_size(model.book.paper, model.book.orientation);
    let mm = style::paper_mm(model.book.paper, model.book.orientation);
    MapPage {
        title: model.overview.title.clone(),
        description: describe(model, &model.overview),
        prefix,
        back: None,
        paper: Some(paper),
        paper_mm: Some(mm),
        id_prefix,
    }
}

/// A sentence on what a map holds, for its `<desc>`.
fn describe(model: &Model, map: &ProcessMap) -> String {
    let lanes: Vec<&str> = model
        .lanes
        .iter()
        .filter(|l| map.steps.iter().any(|s| s.lane == l.id))
        .map(|l| l.name.as_str())
        .collect();
    let first = map
        .steps
        .first()
        .map(|s| s.nr.to_string())
        .unwrap_or_default();
    let last = map
        .steps
        .last()
        .map(|s| s.nr.to_string())
        .unwrap_or_default();
    format!(
        "Processkarta med {} steg ({first}–{last}) för {}. Varje steg länkar till sitt handläggarstöd.",
        map.steps.len(),
        lanes.join(", ")
    )
}

/// The overview map as an SVG document. `href_prefix` is prepended to every link, so the
/// same map works inline in a page at the site root (`""`), one folder deep (`"../"`), or as
/// a file in `kartor/`.
///
/// This is the map for the screen: its page is the diagram with its title block and legend,
/// without the empty paper around it. `kartor/oversikt.svg` and the PDF keep the paper size.
pub fn overview_svg(model: &Model, href_prefix: &str) -> String {
    let layout = layout::layout_map(model, &model.overview);
    let mut page = overview_page(model, href_prefix, "");
    page.paper = None;
    page.paper_mm = None;
    svg::write_svg(model, &layout, &page)
}

/// The map of one party's lane, with the arrows to and from other parties as labelled stubs.
pub fn lane_svg(model: &Model, lane: &LaneId, href_prefix: &str) -> String {
    let layout = layout::layout_lane(model, lane);
    let name = model.lane(lane).map(|l| l.name.clone()).unwrap_or_default();
    let count = layout.boxes.len();
    let page = MapPage {
        title: format!("{name} – steg i {}", model.overview.title),
        description: format!(
            "{name}s {count} steg i översiktskartan, i nummerordning. Pilar till och från andra parter visas som korta pilar med partens namn och stegnummer."
        ),
        prefix: href_prefix,
        back: Some((
            format!("{href_prefix}index.html"),
            "Till översiktskartan".to_string(),
        )),
        paper: None,
        paper_mm: None,
        id_prefix: "",
    };
    svg::write_svg(model, &layout, &page)
}

/// The map of one sub-process, with its way back to the overview.
pub fn subprocess_svg(model: &Model, id: &str, href_prefix: &str) -> String {
    let Some(sub) = model.subprocess(id) else {
        return String::new();
    };
    let layout = layout::layout_map(model, sub);
    let back = match sub.opened_from {
        Some(nr) => (
            format!("{href_prefix}index.html#steg-{nr}"),
            format!("Tillbaka till översiktskartan (steg {nr})"),
        ),
        None => (
            format!("{href_prefix}index.html"),
            "Tillbaka till översiktskartan".to_string(),
        ),
    };
    let page = MapPage {
        title: sub.title.clone(),
        description: describe(model, sub),
        prefix: href_prefix,
        back: Some(back),
        paper: None,
        paper_mm: None,
        id_prefix: "",
    };
    svg::write_svg(model, &layout, &page)
}
