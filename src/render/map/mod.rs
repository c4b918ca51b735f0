//! The maps: the overview, one per party and one per sub-process, as SVG, and the overview
//! as a one-page PDF.
//!
//! Files: `kartor/oversikt.svg`, `kartor/oversikt.pdf`, `kartor/parter/<lane>.svg`,
//! `kartor/underprocesser/<id>.svg`.

mod color;
mod pdf;
mod svg;

pub use color::{contrast, lane_colors, parse_hex, LaneColors};
pub use svg::{esc, kind_name, num, path_data, Highlights, Mark};

use super::Output;
use crate::diagnostic::Diagnostic;
use crate::i18n::{Arg, Lang, Msg};
use crate::layout::{self, style, MapLayout};
use crate::model::{LaneId, MapId, Model, ProcessMap};
use crate::msg;
use svg::MapPage;

/// Every map of a model laid out once, for the files in `kartor/`, the pages of the site
/// and `build --verbose`.
pub struct Layouts {
    /// The overview.
    pub overview: MapLayout,
    /// Each party's lane map, in the order of `karta.yaml` (shared areas have none).
    pub lanes: Vec<(LaneId, MapLayout)>,
    /// Each sub-process, by id, in the model's order.
    pub subprocesses: Vec<(String, MapLayout)>,
}

impl Layouts {
    /// Lays out every map of the model.
    pub fn of(model: &Model) -> Layouts {
        let maps = model.maps().map(|m| layout::layout_map(model, m)).collect();
        Layouts::with_maps(model, maps)
    }

    /// The layouts of a checked model: the overview and sub-processes as `check` laid them
    /// out (laid out here when it did not), the lane maps added.
    pub fn of_checked(checked: &crate::Checked) -> Layouts {
        match &checked.maps {
            Some(maps) => Layouts::with_maps(&checked.model, maps.clone()),
            None => Layouts::of(&checked.model),
        }
    }

    /// The layouts with `maps` for the overview and sub-processes (in the order of
    /// [`Model::maps`]) and the lane maps laid out.
    fn with_maps(model: &Model, maps: Vec<MapLayout>) -> Layouts {
        let mut maps = maps.into_iter();
        let overview = maps.next().expect("a model has an overview");
        Layouts {
            overview,
            lanes: model
                .lanes
                .iter()
                .filter(|l| !l.shared)
                .map(|l| (l.id.clone(), layout::layout_lane(model, &l.id)))
                .collect(),
            subprocesses: model
                .subprocesses
                .iter()
                .zip(maps)
                .filter_map(|(sub, layout)| match &sub.id {
                    MapId::Sub(id) => Some((id.clone(), layout)),
                    MapId::Overview => None,
                })
                .collect(),
        }
    }

    /// The map of a party's lane; none for a shared area.
    pub fn lane(&self, lane: &LaneId) -> Option<&MapLayout> {
        self.lanes.iter().find(|(id, _)| id == lane).map(|(_, l)| l)
    }

    /// The map of a sub-process.
    pub fn subprocess(&self, id: &str) -> Option<&MapLayout> {
        self.subprocesses
            .iter()
            .find(|(sub, _)| sub == id)
            .map(|(_, l)| l)
    }
}

/// Adds every map of the model to `out` under `kartor/`.
pub fn render_maps(
    model: &Model,
    layouts: &Layouts,
    out: &mut Output,
) -> Result<(), Vec<Diagnostic>> {
    let page = overview_page(model, "../", "");
    let svg = svg::write_svg(model, &layouts.overview, &page);
    let pdf = pdf::write_pdf(model, &layouts.overview, &page, &svg)?;
    out.add("kartor/oversikt.svg", svg);
    out.add("kartor/oversikt.pdf", pdf);
    for (lane, layout) in &layouts.lanes {
        out.add(
            format!("kartor/parter/{lane}.svg"),
            lane_svg(model, lane, layout, "../../"),
        );
    }
    for (id, layout) in &layouts.subprocesses {
        if let Some(sub) = model.subprocess(id) {
            out.add(
                format!("kartor/underprocesser/{id}.svg"),
                subprocess_svg(model, sub, layout, "../../"),
            );
        }
    }
    Ok(())
}

/// One line per map with its layout figures (crossings, bends, arrow length, area, print
/// scale), for `build --verbose` and `check --verbose`, in `lang`. Arrows to later steps never
/// point left, so the reading order holds on every map and is not reported.
pub fn layout_report(layouts: &Layouts, lang: Lang) -> Vec<String> {
    let line = |map: Msg, l: &MapLayout| {
        msg!(
            "layout-figures",
            map = map,
            steps = l.boxes.len(),
            arrows = l.edges.len(),
            crossings = l.crossings,
            bends = l.bends,
            length = Arg::decimal(l.length, 0),
            width = Arg::decimal(l.width, 0),
            height = Arg::decimal(l.height, 0),
            area = Arg::decimal(l.width * l.height * (2.54 / 72.0) * (2.54 / 72.0), 0),
            scale = Arg::decimal(l.scale * 100.0, 0),
            smallest = Arg::decimal(l.min_text_size(), 1)
        )
        .text(lang)
    };
    std::iter::once(line(msg!("layout-map-overview"), &layouts.overview))
        .chain(
            layouts
                .subprocesses
                .iter()
                .map(|(id, l)| line(msg!("layout-map-subprocess", id = id.to_string()), l)),
        )
        .collect()
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
        changes: None,
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
pub fn overview_svg(model: &Model, layout: &MapLayout, href_prefix: &str) -> String {
    overview_svg_ids(model, layout, href_prefix, "")
}

/// [`overview_svg`] with `id_prefix` before every element id, for a page that has ids
/// of its own like the map's (`steg-12`).
pub fn overview_svg_ids(
    model: &Model,
    layout: &MapLayout,
    href_prefix: &str,
    id_prefix: &str,
) -> String {
    let mut page = overview_page(model, href_prefix, id_prefix);
    page.paper = None;
    page.paper_mm = None;
    svg::write_svg(model, layout, &page)
}

/// The map of one party's lane, with the arrows to and from other parties as labelled stubs.
pub fn lane_svg(model: &Model, lane: &LaneId, layout: &MapLayout, href_prefix: &str) -> String {
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
        changes: None,
    };
    svg::write_svg(model, layout, &page)
}

/// The map of one sub-process, with its way back to the overview.
pub fn subprocess_svg(
    model: &Model,
    sub: &ProcessMap,
    layout: &MapLayout,
    href_prefix: &str,
) -> String {
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
        changes: None,
    };
    svg::write_svg(model, layout, &page)
}

/// A map for the review page of `diff --format html`: sized to its diagram, without links
/// (the page stands alone), with `changes` highlighted and every element id prefixed with
/// `id_prefix`, so that several maps can share the page.
pub fn review_svg(
    model: &Model,
    map: &ProcessMap,
    layout: &MapLayout,
    changes: &Highlights,
    id_prefix: &str,
) -> String {
    let page = MapPage {
        title: map.title.clone(),
        description: format!(
            "Processkarta med {} steg. Ändrade steg och pilar är markerade med färg, linje och ord.",
            map.steps.len()
        ),
        prefix: "",
        back: None,
        paper: None,
        paper_mm: None,
        id_prefix,
        changes: Some(changes),
    };
    svg::write_svg(model, layout, &page)
}
