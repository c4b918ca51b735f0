//! Writing a laid-out map as SVG: bands, shared areas, arrows, step symbols with links,
//! the title block and the legend. Every piece of model text is escaped here.

use super::color::{lane_colors, LaneColors};
use crate::layout::style::{self, title_lines_for, LABEL_LINE, SMALL_SIZE, TITLE_LINE, TITLE_SIZE};
use crate::layout::text::{self, Weight, FAMILY};
use crate::layout::{header_lines, MapLayout, Rect, StepBox};
use crate::model::{LaneId, Model, StepKind, StepNr};
use crate::render::site::escape_html;
use std::collections::BTreeMap;
use std::fmt::Write;

/// What a map is, for its title, description and links.
pub struct MapPage<'a> {
    /// The heading in the title block.
    pub title: String,
    /// What the map shows, for `<desc>`.
    pub description: String,
    /// Prepended to every link.
    pub prefix: &'a str,
    /// The way back, for a sub-process or lane map: (link, text).
    pub back: Option<(String, String)>,
    /// Paper size in points, or `None` to size the page to the diagram.
    pub paper: Option<(f64, f64)>,
    /// Paper size in millimetres for the `width`/`height` attributes.
    pub paper_mm: Option<(f64, f64)>,
    /// A prefix for element ids, so that several maps can share a page.
    pub id_prefix: &'a str,
    /// The changes to highlight, for the review page of `diff --format html`. A map with
    /// highlights stands alone: its steps are not links, and its legend explains the marks.
    pub changes: Option<&'a Highlights>,
}

/// How a step or an arrow changed between two versions of a model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    /// On the new map only.
    Added,
    /// On the old map only.
    Removed,
    /// On both maps, changed in title, lane, kind, aktualisering or (arrows) label.
    Changed,
    /// On both maps, only under another number.
    Renumbered,
}

impl Mark {
    /// Every mark, in the order of the legend.
    pub const ALL: [Mark; 4] = [Mark::Added, Mark::Removed, Mark::Changed, Mark::Renumbered];

    /// The `data-change` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Mark::Added => "added",
            Mark::Removed => "removed",
            Mark::Changed => "changed",
            Mark::Renumbered => "renumbered",
        }
    }

    /// The word written beside a marked step, so that colour is not the only cue.
    pub fn label(self) -> &'static str {
        match self {
            Mark::Added => "Nytt",
            Mark::Removed => "Borttaget",
            Mark::Changed => "Ändrat",
            Mark::Renumbered => "Nytt nummer",
        }
    }

    /// The colour of the mark: each has a contrast of at least 4.5:1 on white.
    pub fn color(self) -> &'static str {
        match self {
            Mark::Added => "#1a7f37",
            Mark::Removed => "#cf222e",
            Mark::Changed => "#9a6700",
            Mark::Renumbered => "#8250df",
        }
    }

    /// The dash pattern of the mark's outline and arrows (none for a solid line), a second
    /// cue beside the colour.
    pub fn dash(self) -> Option<&'static str> {
        match self {
            Mark::Added => None,
            Mark::Removed => Some("6 3"),
            Mark::Changed => Some("2 2"),
            Mark::Renumbered => Some("8 2 2 2"),
        }
    }
}

/// The highlighted steps and arrows of one map in one version, by cited step number.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Highlights {
    /// Each marked step, with a note written after the label ("var 5").
    pub steps: BTreeMap<String, (Mark, Option<String>)>,
    /// Each marked arrow, by (from, to).
    pub arrows: BTreeMap<(String, String), Mark>,
}

/// Height of the legend's row of change marks.
const CHANGES_ROW_H: f64 = 22.0;

/// Where the diagram sits on the page.
pub struct Placed {
    /// Page width in points.
    pub page_w: f64,
    /// Page height in points.
    pub page_h: f64,
    /// Left edge of the diagram.
    pub x: f64,
    /// Top edge of the diagram.
    pub y: f64,
    /// Scale of the diagram.
    pub scale: f64,
}

/// The page size and the diagram's place on it.
pub fn place(layout: &MapLayout, page: &MapPage) -> Placed {
    let top = style::PAGE_MARGIN + style::TITLE_BLOCK_H + style::BLOCK_GAP;
    match page.paper {
        Some((w, h)) => {
            let (room_w, _) = style::diagram_room((w, h));
            let scale = layout.scale;
            let x = style::PAGE_MARGIN + ((room_w - layout.width * scale) / 2.0).max(0.0);
            Placed {
                page_w: w,
                page_h: h,
                x,
                y: top,
                scale,
            }
        }
        None => {
            let w = layout.width + 2.0 * style::PAGE_MARGIN;
            let changes_row = if page.changes.is_some() {
                CHANGES_ROW_H
            } else {
                0.0
            };
            let h = top
                + layout.height
                + style::BLOCK_GAP
                + style::LEGEND_H
                + changes_row
                + style::PAGE_MARGIN;
            Placed {
                page_w: w.max(640.0),
                page_h: h,
                x: style::PAGE_MARGIN,
                y: top,
                scale: 1.0,
            }
        }
    }
}

/// A number with at most two decimals and no trailing zeros.
pub fn num(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    let s = format!("{r:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// Escapes text for XML content and attribute values: the HTML escaping of the site, with
/// the control characters XML 1.0 does not allow turned into spaces and soft hyphens
/// dropped (wrapped lines have resolved theirs already).
pub fn esc(s: &str) -> String {
    let s = &*crate::model::plain(s);
    let forbidden = |c: char| (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r');
    if s.contains(forbidden) {
        let cleaned: String = s
            .chars()
            .map(|c| if forbidden(c) { ' ' } else { c })
            .collect();
        escape_html(&cleaned)
    } else {
        escape_html(s)
    }
}

/// The href of a step: its sub-process map for a sub-process step, its page otherwise.
pub fn step_href(model: &Model, nr: StepNr, prefix: &str) -> String {
    if let Some((_, step)) = model.step(nr) {
        if let (StepKind::Subprocess, Some(id)) = (step.kind, &step.process) {
            return format!("{prefix}underprocesser/{id}.html");
        }
    }
    format!("{prefix}{}", crate::render::step_url(nr))
}

/// Writes the SVG document of a laid-out map.
pub fn write_svg(model: &Model, layout: &MapLayout, page: &MapPage) -> String {
    let placed = place(layout, page);
    let colors: BTreeMap<&LaneId, LaneColors> = model
        .lanes
        .iter()
        .map(|l| (&l.id, lane_colors(model, l)))
        .collect();
    let ids = page.id_prefix;
    let mut s = String::with_capacity(64 * 1024);
    let (w_attr, h_attr) = match page.paper_mm {
        Some((w, h)) => (format!("{}mm", num(w)), format!("{}mm", num(h))),
        None => (num(placed.page_w), num(placed.page_h)),
    };
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w_attr}\" height=\"{h_attr}\" viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"{ids}karta-titel {ids}karta-beskrivning\" font-family=\"{FAMILY}, sans-serif\" class=\"processkarta\">",
        num(placed.page_w),
        num(placed.page_h)
    );
    let _ = writeln!(
        s,
        "<title id=\"{ids}karta-titel\">{}</title>\n<desc id=\"{ids}karta-beskrivning\">{}</desc>",
        esc(&page.title),
        esc(&page.description)
    );
    let _ = writeln!(
        s,
        "<defs><marker id=\"{ids}pil\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"6\" markerHeight=\"6\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M 0 0 L 8 4 L 0 8 Z\" fill=\"#333333\"/></marker></defs>"
    );
    let _ = writeln!(
        s,
        "<rect class=\"page\" x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>",
        num(placed.page_w),
        num(placed.page_h)
    );
    title_block(&mut s, model, page, &placed);
    let transform = if (placed.scale - 1.0).abs() < 1e-9 {
        format!("translate({} {})", num(placed.x), num(placed.y))
    } else {
        format!(
            "translate({} {}) scale({})",
            num(placed.x),
            num(placed.y),
            placed.scale
        )
    };
    let _ = writeln!(s, "<g class=\"diagram\" transform=\"{transform}\">");
    bands(&mut s, model, layout, &colors);
    shared_areas(&mut s, model, layout, &colors);
    edges(&mut s, layout, ids, page.changes);
    stub_arrows(&mut s, layout, ids);
    steps(&mut s, model, layout, &colors, page, ids);
    // After the steps, so that the keyboard reaches the map's own steps first.
    stub_links(&mut s, model, layout, page.prefix);
    s.push_str("</g>\n");
    legend(&mut s, model, layout, &colors, &placed, ids, page.changes);
    back_link(&mut s, page, &placed);
    s.push_str("</svg>\n");
    s
}

fn title_block(s: &mut String, model: &Model, page: &MapPage, placed: &Placed) {
    let x = style::PAGE_MARGIN;
    let y = style::PAGE_MARGIN;
    let right = placed.page_w - style::PAGE_MARGIN;
    let _ = writeln!(s, "<g class=\"title-block\">");
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"{}\" font-size=\"13\" font-weight=\"bold\" fill=\"#111111\">{}</text>",
        num(x),
        num(y + 13.0),
        esc(&page.title)
    );
    let mut meta = Vec::new();
    if let Some(v) = &model.book.version {
        meta.push(v.clone());
    }
    if let Some(d) = &model.book.date {
        meta.push(d.clone());
    }
    if !meta.is_empty() {
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"8\" text-anchor=\"end\" fill=\"#333333\">{}</text>",
            num(right),
            num(y + 12.0),
            esc(&meta.join(" · "))
        );
    }
    let mut sub = model.book.title.clone();
    if let Some(d) = &model.book.description {
        sub = format!("{sub} – {d}");
    }
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"{}\" font-size=\"8\" fill=\"#333333\">{}</text>",
        num(x),
        num(y + 27.0),
        esc(&sub)
    );
    s.push_str("</g>\n");
}

/// The way back, in the title block's corner but last in the document, so that the
/// keyboard reaches the map's steps first.
fn back_link(s: &mut String, page: &MapPage, placed: &Placed) {
    if let Some((href, label)) = &page.back {
        let _ = writeln!(
            s,
            "<a href=\"{}\" class=\"back\"><text x=\"{}\" y=\"{}\" font-size=\"8\" text-anchor=\"end\" fill=\"#0b4f8a\" text-decoration=\"underline\">{}</text></a>",
            esc(href),
            num(placed.page_w - style::PAGE_MARGIN),
            num(style::PAGE_MARGIN + 27.0),
            esc(label)
        );
    }
}

fn bands(
    s: &mut String,
    model: &Model,
    layout: &MapLayout,
    colors: &BTreeMap<&LaneId, LaneColors>,
) {
    for band in &layout.bands {
        let Some(lane) = model.lane(&band.lane) else {
            continue;
        };
        let c = &colors[&band.lane];
        let r = band.rect;
        let _ = writeln!(
            s,
            "<g class=\"lane\" data-lane=\"{}\" data-name=\"{}\"><rect class=\"band\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"0.8\"/><rect class=\"lane-header\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
            esc(&band.lane.0),
            esc(&lane.name),
            num(r.x),
            num(r.y),
            num(r.w),
            num(r.h),
            c.tint,
            c.border,
            num(r.x),
            num(r.y),
            num(layout.header_w),
            num(r.h),
            c.strong
        );
        let lines = header_lines(&lane.name, layout.header_w);
        let line_h = style::HEADER_SIZE + 2.0;
        let first =
            r.y + r.h / 2.0 - (lines.len() as f64 * line_h) / 2.0 + style::HEADER_SIZE * 0.85;
        let _ = write!(
            s,
            "<text x=\"{}\" font-size=\"{}\" font-weight=\"bold\" fill=\"{}\" text-anchor=\"middle\">",
            num(r.x + layout.header_w / 2.0),
            num(style::HEADER_SIZE),
            c.on_strong
        );
        tspans(s, r.x + layout.header_w / 2.0, first, line_h, &lines);
        s.push_str("</text></g>\n");
    }
}

fn shared_areas(
    s: &mut String,
    model: &Model,
    layout: &MapLayout,
    colors: &BTreeMap<&LaneId, LaneColors>,
) {
    for area in &layout.shared {
        let Some(lane) = model.lane(&area.lane) else {
            continue;
        };
        let c = &colors[&area.lane];
        let r = area.rect;
        // Opaque, so a shared step does not look as if it belonged to the band behind it.
        let _ = write!(
            s,
            "<g class=\"shared-area\" data-lane=\"{}\" data-name=\"{}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1\" stroke-dasharray=\"4 2\"/><text font-size=\"{}\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#111111\">",
            esc(&area.lane.0),
            esc(&lane.name),
            num(r.x),
            num(r.y),
            num(r.w),
            num(r.h),
            c.tint,
            c.border,
            num(SMALL_SIZE),
        );
        let lines = crate::layout::shared_head_lines(&lane.name, r.w);
        tspans(s, r.x + r.w / 2.0, r.y + 11.0, LABEL_LINE, &lines);
        s.push_str("</text></g>\n");
    }
}

/// Lines of text as `<tspan>`s, one under the other, from the baseline `first`.
fn tspans(s: &mut String, x: f64, first: f64, line_height: f64, lines: &[String]) {
    for (i, line) in lines.iter().enumerate() {
        let _ = write!(
            s,
            "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
            num(x),
            num(first + i as f64 * line_height),
            esc(line)
        );
    }
}

/// The `d` of a polyline with M, H and V only.
pub fn path_data(points: &[(f64, f64)]) -> String {
    let mut d = String::new();
    let Some(&(x0, y0)) = points.first() else {
        return d;
    };
    let _ = write!(d, "M {} {}", num(x0), num(y0));
    let mut prev = (x0, y0);
    for &(x, y) in &points[1..] {
        if (y - prev.1).abs() < 1e-9 {
            let _ = write!(d, " H {}", num(x));
        } else {
            let _ = write!(d, " V {}", num(y));
        }
        prev = (x, y);
    }
    d
}

fn edges(s: &mut String, layout: &MapLayout, ids: &str, changes: Option<&Highlights>) {
    s.push_str("<g class=\"edges\" aria-hidden=\"true\" fill=\"none\" stroke=\"#333333\" stroke-width=\"0.9\">\n");
    let mut marked = Vec::new();
    for e in &layout.edges {
        let mark = changes.and_then(|c| c.arrows.get(&(e.from.to_string(), e.to.to_string())));
        match mark {
            None => {
                let _ = writeln!(
                    s,
                    "<path class=\"edge\" data-from=\"{}\" data-to=\"{}\" d=\"{}\" marker-end=\"url(#{ids}pil)\"/>",
                    e.from,
                    e.to,
                    path_data(&e.points)
                );
            }
            Some(&mark) => {
                let _ = writeln!(
                    s,
                    "<path class=\"edge\" data-from=\"{}\" data-to=\"{}\" data-change=\"{}\" d=\"{}\" stroke=\"{}\" stroke-width=\"2.2\"{} marker-end=\"url(#{ids}pil)\"/>",
                    e.from,
                    e.to,
                    mark.as_str(),
                    path_data(&e.points),
                    mark.color(),
                    dash_attr(mark)
                );
                marked.push((e, mark));
            }
        }
    }
    s.push_str("</g>\n");
    if !marked.is_empty() {
        s.push_str("<g class=\"edge-changes\">\n");
        for (e, mark) in marked {
            edge_mark(s, &e.points, mark);
        }
        s.push_str("</g>\n");
    }
    s.push_str("<g class=\"edge-labels\" aria-hidden=\"true\">\n");
    for e in &layout.edges {
        let Some(l) = &e.label_at else { continue };
        let _ = write!(
            s,
            "<text class=\"edge-label\" data-from=\"{}\" data-to=\"{}\" font-size=\"{}\" fill=\"#111111\" stroke=\"#ffffff\" stroke-width=\"2\" paint-order=\"stroke\">",
            e.from,
            e.to,
            num(SMALL_SIZE)
        );
        tspans(s, l.x, l.y, LABEL_LINE, &l.lines);
        s.push_str("</text>\n");
    }
    s.push_str("</g>\n");
}

/// The arrows of the stubs, under the steps.
fn stub_arrows(s: &mut String, layout: &MapLayout, ids: &str) {
    if layout.stubs.is_empty() {
        return;
    }
    s.push_str("<g class=\"stubs\" aria-hidden=\"true\">\n");
    for stub in &layout.stubs {
        let (from, to) = if stub.incoming {
            (stub.other, stub.step)
        } else {
            (stub.step, stub.other)
        };
        let _ = writeln!(
            s,
            "<path class=\"stub\" data-from=\"{from}\" data-to=\"{to}\" d=\"{}\" fill=\"none\" stroke=\"#333333\" stroke-width=\"0.9\" marker-end=\"url(#{ids}pil)\"/>",
            path_data(&stub.points)
        );
    }
    s.push_str("</g>\n");
}

/// The labels of the stubs: links to the step in the other party's lane.
fn stub_links(s: &mut String, model: &Model, layout: &MapLayout, prefix: &str) {
    if layout.stubs.is_empty() {
        return;
    }
    s.push_str("<g class=\"stub-links\">\n");
    for stub in &layout.stubs {
        let party = model
            .step(stub.other)
            .and_then(|(_, st)| model.lane(&st.lane))
            .map(|l| l.name.clone())
            .unwrap_or_default();
        let (from, to) = if stub.incoming {
            (stub.other, stub.step)
        } else {
            (stub.step, stub.other)
        };
        let text = if stub.incoming {
            format!("från {party}, steg {}", stub.other)
        } else {
            format!("till {party}, steg {}", stub.other)
        };
        let _ = writeln!(
            s,
            "<a href=\"{}\" aria-label=\"{}\" class=\"stub-link\" data-from=\"{from}\" data-to=\"{to}\"><text class=\"stub-label\" x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"#0b4f8a\">{}</text></a>",
            esc(&step_href(model, stub.other, prefix)),
            esc(&text),
            num(stub.label_x),
            num(stub.label_y),
            num(SMALL_SIZE),
            esc(&text)
        );
    }
    s.push_str("</g>\n");
}

fn steps(
    s: &mut String,
    model: &Model,
    layout: &MapLayout,
    colors: &BTreeMap<&LaneId, LaneColors>,
    page: &MapPage,
    ids: &str,
) {
    s.push_str("<g class=\"steps\">\n");
    for b in &layout.boxes {
        let Some((_, step)) = model.step(b.nr) else {
            continue;
        };
        let c = &colors[&b.lane];
        let kind = kind_name(b.kind);
        let mark = page.changes.and_then(|c| c.steps.get(&b.nr.to_string()));
        let mut name = format!("Steg {}: {}", b.nr, step.title);
        if let Some((mark, note)) = mark {
            let _ = write!(name, " ({}", mark.label().to_lowercase());
            if let Some(note) = note {
                let _ = write!(name, ", {note}");
            }
            name.push(')');
        }
        let change = mark.map_or(String::new(), |(m, _)| {
            format!(" data-change=\"{}\"", m.as_str())
        });
        let group = format!(
            "<g class=\"step\" id=\"{ids}{}\" data-nr=\"{}\" data-lane=\"{}\" data-kind=\"{kind}\"{change}>",
            crate::render::site::step_anchor(b.nr),
            b.nr,
            esc(&b.lane.0)
        );
        if page.changes.is_some() {
            // The review page stands alone: the name is the group's tooltip, not a link's.
            let _ = writeln!(s, "{group}<title>{}</title>", esc(&name));
        } else {
            let _ = writeln!(
                s,
                "<a href=\"{}\"><title>{}</title>{group}",
                esc(&step_href(model, b.nr, page.prefix)),
                esc(&name)
            );
        }
        if let Some((mark, note)) = mark {
            step_mark(s, b, *mark, note.as_deref());
        }
        shape(s, b, c);
        badge(s, b, c);
        if step.aktualisering {
            let mut r = b.rect;
            if b.kind == StepKind::Subprocess {
                r.w -= 12.0;
            }
            flag(s, &r);
        }
        title(s, b, &step.title);
        s.push_str(if page.changes.is_some() {
            "</g>\n"
        } else {
            "</g></a>\n"
        });
    }
    s.push_str("</g>\n");
}

/// ` stroke-dasharray="…"` of a mark, or nothing for a solid line.
fn dash_attr(mark: Mark) -> String {
    mark.dash()
        .map_or(String::new(), |d| format!(" stroke-dasharray=\"{d}\""))
}

/// A changed step's outline around its box and its label above it ("Nytt nummer, var 5").
fn step_mark(s: &mut String, b: &StepBox, mark: Mark, note: Option<&str>) {
    let r = b.rect;
    let pad = 3.5;
    let _ = write!(
        s,
        "<rect class=\"change-mark\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"5\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.4\"{}/>",
        num(r.x - pad),
        num(r.y - pad),
        num(r.w + 2.0 * pad),
        num(r.h + 2.0 * pad),
        mark.color(),
        dash_attr(mark)
    );
    let text = match note {
        Some(n) => format!("{}, {n}", mark.label()),
        None => mark.label().to_string(),
    };
    let _ = write!(
        s,
        "<text class=\"change-label\" x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"bold\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"2\" paint-order=\"stroke\" aria-hidden=\"true\">{}</text>",
        num(r.x - pad),
        num(r.y - pad - 1.5),
        num(SMALL_SIZE),
        mark.color(),
        esc(&text)
    );
}

/// The word for a changed arrow, at the middle of its longest segment.
fn edge_mark(s: &mut String, points: &[(f64, f64)], mark: Mark) {
    let longest = points.windows(2).max_by(|a, b| {
        let len = |w: &[(f64, f64)]| (w[1].0 - w[0].0).abs() + (w[1].1 - w[0].1).abs();
        len(a).total_cmp(&len(b))
    });
    let Some(seg) = longest else { return };
    let (x, y) = ((seg[0].0 + seg[1].0) / 2.0, (seg[0].1 + seg[1].1) / 2.0);
    // Beside a vertical segment, above a horizontal one, so that the word does not hide it.
    let (x, y, anchor) = if (seg[0].0 - seg[1].0).abs() < 1e-9 {
        (x + 3.0, y + 2.5, "start")
    } else {
        (x, y - 2.5, "middle")
    };
    let word = match mark {
        Mark::Added => "ny pil",
        Mark::Removed => "borttagen pil",
        Mark::Changed => "ny etikett",
        Mark::Renumbered => "nytt nummer",
    };
    let _ = writeln!(
        s,
        "<text class=\"change-label\" x=\"{}\" y=\"{}\" font-size=\"{}\" font-style=\"italic\" text-anchor=\"{anchor}\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"2\" paint-order=\"stroke\" aria-hidden=\"true\">{word}</text>",
        num(x),
        num(y),
        num(SMALL_SIZE),
        mark.color()
    );
}

/// The `data-kind` value of a step kind.
pub fn kind_name(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Start => "start",
        StepKind::Task => "task",
        StepKind::Vagval => "vagval",
        StepKind::Subprocess => "subprocess",
        StepKind::End => "end",
    }
}

fn shape(s: &mut String, b: &StepBox, c: &LaneColors) {
    let r = b.rect;
    match b.kind {
        StepKind::Vagval => {
            let (cx, cy) = r.center();
            let _ = write!(
                s,
                "<path class=\"shape\" d=\"M {} {} L {} {} L {} {} L {} {} Z\" fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"1.3\"/>",
                num(cx),
                num(r.y),
                num(r.right()),
                num(cy),
                num(cx),
                num(r.bottom()),
                num(r.x),
                num(cy),
                c.border
            );
        }
        StepKind::Start | StepKind::End => {
            let _ = write!(
                s,
                "<rect class=\"shape\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"12\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>",
                num(r.x),
                num(r.y),
                num(r.w),
                num(r.h),
                if b.kind == StepKind::Start { c.tint.as_str() } else { "#ffffff" },
                c.border,
                if b.kind == StepKind::Start { "2.4" } else { "1.2" }
            );
            if b.kind == StepKind::End {
                let _ = write!(
                    s,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"10\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.2\"/>",
                    num(r.x + 2.5),
                    num(r.y + 2.5),
                    num(r.w - 5.0),
                    num(r.h - 5.0),
                    c.border
                );
            }
        }
        StepKind::Task | StepKind::Subprocess => {
            let _ = write!(
                s,
                "<rect class=\"shape\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"1.2\"/>",
                num(r.x),
                num(r.y),
                num(r.w),
                num(r.h),
                c.border
            );
            if b.kind == StepKind::Subprocess {
                // The sub-process symbol: bars at both ends and a plus at the bottom.
                let _ = write!(
                    s,
                    "<path d=\"M {} {} V {} M {} {} V {}\" stroke=\"{}\" stroke-width=\"1.2\" fill=\"none\"/>",
                    num(r.x + 4.0),
                    num(r.y),
                    num(r.bottom()),
                    num(r.right() - 4.0),
                    num(r.y),
                    num(r.bottom()),
                    c.border
                );
                // The plus of a collapsed sub-process, in the top right corner.
                let (px, py) = (r.right() - 14.0, r.y + 3.0);
                let _ = write!(
                    s,
                    "<rect x=\"{}\" y=\"{}\" width=\"8\" height=\"8\" fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"0.8\"/><path d=\"M {} {} H {} M {} {} V {}\" stroke=\"#111111\" stroke-width=\"0.9\"/>",
                    num(px),
                    num(py),
                    c.border,
                    num(px + 1.5),
                    num(py + 4.0),
                    num(px + 6.5),
                    num(px + 4.0),
                    num(py + 1.5),
                    num(py + 6.5)
                );
            }
        }
    }
}

fn badge(s: &mut String, b: &StepBox, c: &LaneColors) {
    let label = b.nr.to_string();
    let w = text::width(&label, TITLE_SIZE, Weight::Bold) + 7.0;
    let (x, y) = match b.kind {
        StepKind::Vagval => (b.rect.x, b.rect.y),
        StepKind::Subprocess => (b.rect.x + 6.0, b.rect.y + 3.0),
        _ => (b.rect.x + 3.0, b.rect.y + 3.0),
    };
    let _ = write!(
        s,
        "<rect class=\"badge\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"11\" rx=\"5.5\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"{}\" aria-hidden=\"true\">{}</text>",
        num(x),
        num(y),
        num(w),
        c.strong,
        num(x + w / 2.0),
        num(y + 8.3),
        num(TITLE_SIZE),
        c.on_strong,
        esc(&label)
    );
}

/// The aktualisering marker: a small flag in the top right corner.
fn flag(s: &mut String, r: &Rect) {
    let x = r.right() - 12.0;
    let y = r.y + 3.0;
    let _ = write!(
        s,
        "<path class=\"aktualisering\" d=\"M {} {} V {} M {} {} L {} {} L {} {} Z\" stroke=\"#111111\" stroke-width=\"0.9\" fill=\"#f2b705\"/>",
        num(x),
        num(y),
        num(y + 11.0),
        num(x),
        num(y),
        num(x + 8.0),
        num(y + 3.0),
        num(x),
        num(y + 6.0)
    );
}

fn title(s: &mut String, b: &StepBox, title: &str) {
    let lines = title_lines_for(b.kind, title);
    let (cx, cy) = b.rect.center();
    let n = lines.len() as f64;
    let first = match b.kind {
        StepKind::Vagval => cy - n * TITLE_LINE / 2.0 + 6.8,
        _ => {
            let top = b.rect.y + 15.0;
            let bottom = b.rect.bottom() - 2.0;
            top + ((bottom - top) - n * TITLE_LINE) / 2.0 + 6.8
        }
    };
    let _ = write!(
        s,
        // The link around the step carries the name ("Steg 12: …"); the wrapped lines, with
        // their hyphens, would only garble it.
        "<text class=\"title\" font-size=\"{}\" text-anchor=\"middle\" fill=\"#111111\" aria-hidden=\"true\">",
        num(TITLE_SIZE)
    );
    tspans(s, cx, first, TITLE_LINE, &lines);
    s.push_str("</text>");
}

fn legend(
    s: &mut String,
    model: &Model,
    layout: &MapLayout,
    colors: &BTreeMap<&LaneId, LaneColors>,
    placed: &Placed,
    ids: &str,
    changes: Option<&Highlights>,
) {
    // Right under the diagram, so that a small map on a large sheet keeps its legend close.
    let changes_row = if changes.is_some() {
        CHANGES_ROW_H
    } else {
        0.0
    };
    let y = (placed.y + layout.height * placed.scale + style::BLOCK_GAP)
        .min(placed.page_h - style::PAGE_MARGIN - style::LEGEND_H - changes_row);
    let mut x = placed.x;
    let _ = writeln!(
        s,
        "<g class=\"legend\" font-size=\"{}\" fill=\"#111111\">",
        num(SMALL_SIZE)
    );
    // Row 1: the parties and shared areas on this map.
    let shown: Vec<&LaneId> = layout
        .bands
        .iter()
        .map(|b| &b.lane)
        .chain(layout.shared.iter().map(|a| &a.lane))
        .collect();
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"{}\" font-weight=\"bold\">Parter</text>",
        num(x),
        num(y + 10.0)
    );
    x += 40.0;
    for id in shown {
        let Some(lane) = model.lane(id) else { continue };
        let c = &colors[id];
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"9\" fill=\"{}\" stroke=\"{}\" stroke-width=\"0.8\"{}/><text x=\"{}\" y=\"{}\">{}</text>",
            num(x),
            num(y + 3.0),
            if lane.shared { c.tint.as_str() } else { c.strong.as_str() },
            c.border,
            if lane.shared { " stroke-dasharray=\"3 1.5\"" } else { "" },
            num(x + 18.0),
            num(y + 10.0),
            esc(&lane.name)
        );
        x += 26.0 + text::width(&lane.name, SMALL_SIZE, Weight::Regular) + 10.0;
    }
    // Row 2: the symbols.
    let y2 = y + 22.0;
    let mut x = placed.x;
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"{}\" font-weight=\"bold\">Symboler</text>",
        num(x),
        num(y2 + 8.0)
    );
    x += 40.0;
    let items: [(&str, &str); 7] = [
        ("start", "Start"),
        (
            "task",
            if changes.is_some() {
                "Steg"
            } else {
                "Steg (klicka för handläggarstöd)"
            },
        ),
        ("vagval", "Vägval"),
        ("subprocess", "Underprocess"),
        ("end", "Slut"),
        ("aktualisering", "Aktualiseringspunkt"),
        ("edge", "Flöde"),
    ];
    for (kind, label) in items {
        let sym_w = 18.0;
        match kind {
            "start" => {
                let _ = write!(s, "<rect x=\"{}\" y=\"{}\" width=\"{sym_w}\" height=\"11\" rx=\"4\" fill=\"#eeeeee\" stroke=\"#333333\" stroke-width=\"1.8\"/>", num(x), num(y2));
            }
            "end" => {
                let _ = write!(s, "<rect x=\"{}\" y=\"{}\" width=\"{sym_w}\" height=\"11\" rx=\"4\" fill=\"#ffffff\" stroke=\"#333333\" stroke-width=\"0.9\"/><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"7\" rx=\"3\" fill=\"none\" stroke=\"#333333\" stroke-width=\"0.9\"/>", num(x), num(y2), num(x + 2.0), num(y2 + 2.0), num(sym_w - 4.0));
            }
            "task" => {
                let _ = write!(s, "<rect x=\"{}\" y=\"{}\" width=\"{sym_w}\" height=\"11\" rx=\"1.5\" fill=\"#ffffff\" stroke=\"#333333\" stroke-width=\"0.9\"/>", num(x), num(y2));
            }
            "vagval" => {
                let _ = write!(s, "<path d=\"M {} {} L {} {} L {} {} L {} {} Z\" fill=\"#ffffff\" stroke=\"#333333\" stroke-width=\"0.9\"/>", num(x + 9.0), num(y2 - 1.0), num(x + 18.0), num(y2 + 5.5), num(x + 9.0), num(y2 + 12.0), num(x), num(y2 + 5.5));
            }
            "subprocess" => {
                let _ = write!(s, "<rect x=\"{}\" y=\"{}\" width=\"{sym_w}\" height=\"11\" rx=\"1.5\" fill=\"#ffffff\" stroke=\"#333333\" stroke-width=\"0.9\"/><path d=\"M {} {} V {} M {} {} V {}\" stroke=\"#333333\" stroke-width=\"0.9\"/>", num(x), num(y2), num(x + 3.0), num(y2), num(y2 + 11.0), num(x + 15.0), num(y2), num(y2 + 11.0));
            }
            "aktualisering" => {
                flag(
                    s,
                    &Rect {
                        x: x - 2.0,
                        y: y2 - 3.0,
                        w: 18.0,
                        h: 11.0,
                    },
                );
            }
            _ => {
                let _ = write!(s, "<path d=\"M {} {} H {}\" stroke=\"#333333\" stroke-width=\"0.9\" marker-end=\"url(#{ids}pil)\"/>", num(x), num(y2 + 5.5), num(x + sym_w));
            }
        }
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            num(x + sym_w + 4.0),
            num(y2 + 8.0),
            esc(label)
        );
        x += sym_w + 4.0 + text::width(label, SMALL_SIZE, Weight::Regular) + 14.0;
    }
    if changes.is_some() {
        change_legend(s, placed.x, y2 + CHANGES_ROW_H);
    }
    s.push_str("</g>\n");
}

/// Row 3 of a review map's legend: the four marks, each with its colour, dash and word.
fn change_legend(s: &mut String, x0: f64, y: f64) {
    let mut x = x0;
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"{}\" font-weight=\"bold\">Ändringar</text>",
        num(x),
        num(y + 8.0)
    );
    x += 40.0;
    for mark in Mark::ALL {
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"18\" height=\"11\" rx=\"3\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{}/><text x=\"{}\" y=\"{}\" fill=\"{}\" font-weight=\"bold\">{}</text>",
            num(x),
            num(y),
            mark.color(),
            dash_attr(mark),
            num(x + 22.0),
            num(y + 8.0),
            mark.color(),
            mark.label()
        );
        x += 22.0 + text::width(mark.label(), SMALL_SIZE, Weight::Bold) + 14.0;
    }
}
