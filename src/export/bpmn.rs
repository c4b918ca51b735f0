//! BPMN 2.0 XML: the overview as one process in one pool (a collaboration with one
//! participant), a lane per party and per shared area, steps as start and end events, tasks,
//! exclusive gateways (vägval, with named sequence flows) and call activities (sub-process
//! steps), each sub-process as a process of its own; and diagram interchange (BPMNDI) for the
//! overview and every sub-process with the coordinates of our own layout
//! ([`crate::layout::layout_map`]), so that bpmn.io and Camunda Modeler show the same picture
//! as the printed map.
//!
//! The document validates against the OMG BPMN 2.0 XSD (`tests/bpmn/run.sh`). Ids are made
//! from step numbers and lane ids (`Step_15_3`, `Lane_kommun`, `Flow_3_4`), never from
//! titles; every name is escaped for XML.

use crate::layout::{layout_map, MapLayout, Rect};
use crate::model::{Model, ProcessMap, Step, StepKind, StepNr};
use crate::render::map::num;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

const BPMN_NS: &str = "http://www.omg.org/spec/BPMN/20100524/MODEL";
const BPMNDI_NS: &str = "http://www.omg.org/spec/BPMN/20100524/DI";
const DC_NS: &str = "http://www.omg.org/spec/DD/20100524/DC";
const DI_NS: &str = "http://www.omg.org/spec/DD/20100524/DI";

/// Width of the pool's name column, left of the lanes.
pub const POOL_HEADER: f64 = 30.0;

/// The font size at which bpmn-js and Camunda Modeler draw labels.
const MODELLER_LABEL_SIZE: f64 = 11.0;

/// The id of the overview's process.
pub const OVERVIEW_PROCESS: &str = "Process_overview";

/// The model as a BPMN 2.0 document with diagram interchange.
pub fn bpmn(model: &Model) -> String {
    let maps: Vec<MapOut> = model
        .maps()
        .enumerate()
        .map(|(i, map)| MapOut::new(model, map, i))
        .collect();
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<bpmn:definitions xmlns:bpmn=\"{BPMN_NS}\" xmlns:bpmndi=\"{BPMNDI_NS}\" \
         xmlns:dc=\"{DC_NS}\" xmlns:di=\"{DI_NS}\" id=\"Definitions_processkarta\" \
         name=\"{}\" targetNamespace=\"urn:processkarta\" exporter=\"processkarta\" \
         exporterVersion=\"{}\">",
        attr(&model.book.title),
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        out,
        "  <bpmn:collaboration id=\"Collaboration_overview\">\n    \
         <bpmn:participant id=\"Participant_overview\" name=\"{}\" processRef=\"{OVERVIEW_PROCESS}\" />\n  \
         </bpmn:collaboration>",
        attr(&model.overview.title)
    );
    for m in &maps {
        m.process(model, &maps, &mut out);
    }
    for m in &maps {
        m.diagram(&mut out);
    }
    out.push_str("</bpmn:definitions>\n");
    out
}

/// One map on its way out: its ids and its layout.
struct MapOut<'m> {
    map: &'m ProcessMap,
    /// `Process_overview`, `Process_sub1` …
    process_id: String,
    /// `overview`, `sub1` …: the part of lane and diagram ids that tells maps apart.
    key: String,
    layout: MapLayout,
}

impl<'m> MapOut<'m> {
    fn new(model: &Model, map: &'m ProcessMap, index: usize) -> MapOut<'m> {
        let key = if index == 0 {
            "overview".to_string()
        } else {
            format!("sub{index}")
        };
        MapOut {
            map,
            process_id: format!("Process_{key}"),
            key,
            layout: layout_map(model, map),
        }
    }

    /// The lanes of this map: every band and shared area of its layout, top to bottom and
    /// then left to right, with the id of the lane element.
    fn lanes(&self) -> Vec<(String, &crate::model::LaneId, Rect, bool)> {
        let mut out = Vec::new();
        for band in &self.layout.bands {
            out.push((self.lane_id(&band.lane), &band.lane, band.rect, true));
        }
        for area in &self.layout.shared {
            out.push((self.lane_id(&area.lane), &area.lane, area.rect, false));
        }
        out
    }

    fn lane_id(&self, lane: &crate::model::LaneId) -> String {
        if self.key == "overview" {
            format!("Lane_{lane}")
        } else {
            format!("Lane_{}_{lane}", self.key)
        }
    }

    fn process(&self, model: &Model, maps: &[MapOut], out: &mut String) {
        let _ = writeln!(
            out,
            "  <bpmn:process id=\"{}\" name=\"{}\" isExecutable=\"false\">",
            self.process_id,
            attr(&self.map.title)
        );
        let _ = writeln!(out, "    <bpmn:laneSet id=\"LaneSet_{}\">", self.key);
        let mut placed: BTreeSet<StepNr> = BTreeSet::new();
        for (id, lane, _, _) in self.lanes() {
            let name = model
                .lane(lane)
                .map_or(lane.0.as_str(), |l| l.name.as_str());
            let _ = writeln!(out, "      <bpmn:lane id=\"{id}\" name=\"{}\">", attr(name));
            for step in self.map.steps.iter().filter(|s| &s.lane == lane) {
                if placed.insert(step.nr) {
                    let _ = writeln!(
                        out,
                        "        <bpmn:flowNodeRef>{}</bpmn:flowNodeRef>",
                        step_id(step.nr)
                    );
                    if has_gateway(step) {
                        let _ = writeln!(
                            out,
                            "        <bpmn:flowNodeRef>{}</bpmn:flowNodeRef>",
                            gateway_id(step.nr)
                        );
                    }
                }
            }
            out.push_str("      </bpmn:lane>\n");
        }
        out.push_str("    </bpmn:laneSet>\n");
        // The flows into each step, in the order the sequence flows are written.
        let mut incoming: BTreeMap<StepNr, Vec<String>> = BTreeMap::new();
        for step in &self.map.steps {
            for edge in &step.next {
                incoming
                    .entry(edge.to)
                    .or_default()
                    .push(flow_id(step.nr, edge.to));
            }
        }
        for step in &self.map.steps {
            let into = incoming.get(&step.nr).map_or(&[][..], Vec::as_slice);
            flow_node(model, maps, step, into, out);
            if has_gateway(step) {
                outcome_gateway(step, out);
            }
        }
        for step in &self.map.steps {
            // After a sub-process whose outcomes go on to different steps: one flow into its
            // gateway, then one labelled flow per outcome out of it.
            let source = if has_gateway(step) {
                let _ = writeln!(
                    out,
                    "    <bpmn:sequenceFlow id=\"{}\" sourceRef=\"{}\" targetRef=\"{}\" />",
                    gateway_flow_id(step.nr),
                    step_id(step.nr),
                    gateway_id(step.nr)
                );
                gateway_id(step.nr)
            } else {
                step_id(step.nr)
            };
            for edge in &step.next {
                let name = edge
                    .label
                    .as_ref()
                    .map_or(String::new(), |l| format!(" name=\"{}\"", attr(l)));
                let _ = writeln!(
                    out,
                    "    <bpmn:sequenceFlow id=\"{}\"{name} sourceRef=\"{source}\" targetRef=\"{}\" />",
                    flow_id(step.nr, edge.to),
                    step_id(edge.to)
                );
            }
        }
        out.push_str("  </bpmn:process>\n");
    }

    fn diagram(&self, out: &mut String) {
        let plane_of = if self.key == "overview" {
            "Collaboration_overview".to_string()
        } else {
            self.process_id.clone()
        };
        let _ = writeln!(
            out,
            "  <bpmndi:BPMNDiagram id=\"Diagram_{}\" name=\"{}\">",
            self.key,
            attr(&self.map.title)
        );
        let _ = writeln!(
            out,
            "    <bpmndi:BPMNPlane id=\"Plane_{}\" bpmnElement=\"{plane_of}\">",
            self.key
        );
        if self.key == "overview" {
            let pool = Rect {
                x: 0.0,
                y: 0.0,
                w: self.layout.width + POOL_HEADER,
                h: self.layout.height,
            };
            shape(out, "Participant_overview", pool, Some(true), None);
        }
        for (id, _, rect, horizontal) in self.lanes() {
            shape(out, &id, shifted(rect), Some(horizontal), None);
        }
        for b in &self.layout.boxes {
            let rect = shifted(b.rect);
            match b.kind {
                StepKind::Start | StepKind::End => {
                    shape(out, &step_id(b.nr), event(rect), None, None)
                }
                // The title inside the diamond, as on the printed map.
                StepKind::Vagval => shape(out, &step_id(b.nr), rect, None, Some(inner(rect))),
                StepKind::Task | StepKind::Subprocess => {
                    shape(out, &step_id(b.nr), rect, None, None)
                }
            }
        }
        // The gateway after a sub-process whose outcomes go different ways: a small diamond
        // just right of its box, with a flow into it.
        let mut gateways: BTreeMap<StepNr, Rect> = BTreeMap::new();
        for step in self.map.steps.iter().filter(|s| has_gateway(s)) {
            let Some(b) = self.layout.step_box(step.nr) else {
                continue;
            };
            let r = shifted(b.rect);
            let g = Rect {
                x: r.x + r.w + 4.0,
                y: r.y + r.h / 2.0 - GATEWAY / 2.0,
                w: GATEWAY,
                h: GATEWAY,
            };
            shape(out, &gateway_id(step.nr), g, None, None);
            let id = gateway_flow_id(step.nr);
            let _ = writeln!(
                out,
                "      <bpmndi:BPMNEdge id=\"Edge_{id}\" bpmnElement=\"{id}\">"
            );
            for (x, y) in [(r.x + r.w, g.y + GATEWAY / 2.0), (g.x, g.y + GATEWAY / 2.0)] {
                let _ = writeln!(
                    out,
                    "        <di:waypoint x=\"{}\" y=\"{}\" />",
                    num(x),
                    num(y)
                );
            }
            out.push_str("      </bpmndi:BPMNEdge>\n");
            gateways.insert(step.nr, g);
        }
        for e in &self.layout.edges {
            let id = flow_id(e.from, e.to);
            let _ = writeln!(
                out,
                "      <bpmndi:BPMNEdge id=\"Edge_{id}\" bpmnElement=\"{id}\">"
            );
            let mut points: Vec<(f64, f64)> = e
                .points
                .iter()
                .map(|&(x, y)| (x + POOL_HEADER, y))
                .collect();
            // An outcome's flow leaves the gateway's right corner.
            if let (Some(g), Some(first)) = (gateways.get(&e.from), points.first_mut()) {
                *first = (g.x + GATEWAY, g.y + GATEWAY / 2.0);
            }
            // Events are drawn as circles inside their box: the ends meet the circle.
            for (end, nr) in [(0, e.from), (points.len().saturating_sub(1), e.to)] {
                if let Some(b) = self.layout.step_box(nr) {
                    if matches!(b.kind, StepKind::Start | StepKind::End) && points.len() >= 2 {
                        let next = if end == 0 { 1 } else { end - 1 };
                        points[end] =
                            onto_circle(event(shifted(b.rect)), points[end], points[next]);
                    }
                }
            }
            for (x, y) in points {
                let _ = writeln!(
                    out,
                    "        <di:waypoint x=\"{}\" y=\"{}\" />",
                    num(x),
                    num(y)
                );
            }
            if let Some(label) = &e.label_at {
                let lines = label.lines.len().max(1) as f64;
                let width = label
                    .lines
                    .iter()
                    .map(|l| {
                        crate::layout::text::width(
                            l,
                            crate::layout::style::SMALL_SIZE,
                            crate::layout::text::Weight::Regular,
                        )
                    })
                    .fold(0.0, f64::max);
                let h = lines * crate::layout::style::LABEL_LINE;
                // Modellers draw labels at 11 px where the map uses SMALL_SIZE: the box is
                // widened by that ratio so that a label keeps its lines.
                let r = Rect {
                    x: label.x + POOL_HEADER,
                    y: label.y - h + 2.0,
                    w: (width * MODELLER_LABEL_SIZE / crate::layout::style::SMALL_SIZE).ceil()
                        + 2.0,
                    h,
                };
                label_bounds(out, r);
            }
            out.push_str("      </bpmndi:BPMNEdge>\n");
        }
        out.push_str("    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n");
    }
}

/// One step as a flow node: event, task, gateway or call activity, with the references to
/// its incoming and outgoing sequence flows. The XSD makes them optional, but tools that lay
/// a diagram out from the process alone (bpmn-auto-layout) follow only these references.
fn flow_node(model: &Model, maps: &[MapOut], step: &Step, incoming: &[String], out: &mut String) {
    let element = match step.kind {
        StepKind::Start => "startEvent",
        StepKind::End => "endEvent",
        StepKind::Task => "task",
        StepKind::Vagval => "exclusiveGateway",
        StepKind::Subprocess => "callActivity",
    };
    let called = step
        .process
        .as_ref()
        .and_then(|p| model.subprocess(p))
        .and_then(|sub| maps.iter().find(|m| std::ptr::eq(m.map, sub)))
        .map_or(String::new(), |m| {
            format!(" calledElement=\"{}\"", m.process_id)
        });
    let _ = writeln!(
        out,
        "    <bpmn:{element} id=\"{}\" name=\"{}\"{called}>",
        step_id(step.nr),
        attr(&format!("{} {}", step.nr, step.title))
    );
    if let Some(page) = model.guidance.get(&step.nr) {
        let _ = writeln!(
            out,
            "      <bpmn:documentation>{}</bpmn:documentation>",
            text(&format!("handlaggarstod/{}", page.path))
        );
    }
    for flow in incoming {
        let _ = writeln!(out, "      <bpmn:incoming>{flow}</bpmn:incoming>");
    }
    if has_gateway(step) {
        let _ = writeln!(
            out,
            "      <bpmn:outgoing>{}</bpmn:outgoing>",
            gateway_flow_id(step.nr)
        );
    } else {
        for edge in &step.next {
            let _ = writeln!(
                out,
                "      <bpmn:outgoing>{}</bpmn:outgoing>",
                flow_id(step.nr, edge.to)
            );
        }
    }
    let _ = writeln!(out, "    </bpmn:{element}>");
}

/// Whether a sub-process step's outcomes go on to different steps: the export then draws an
/// exclusive gateway after it, with one labelled flow per outcome.
fn has_gateway(step: &Step) -> bool {
    step.kind == StepKind::Subprocess
        && step.outcomes.iter().any(|o| o.explicit)
        && step.next.len() >= 2
}

/// The gateway after a sub-process step, named for its outcomes.
fn outcome_gateway(step: &Step, out: &mut String) {
    let _ = writeln!(
        out,
        "    <bpmn:exclusiveGateway id=\"{}\" name=\"{}\">",
        gateway_id(step.nr),
        attr(&format!("Utfall av {} {}", step.nr, step.title))
    );
    let _ = writeln!(
        out,
        "      <bpmn:incoming>{}</bpmn:incoming>",
        gateway_flow_id(step.nr)
    );
    for edge in &step.next {
        let _ = writeln!(
            out,
            "      <bpmn:outgoing>{}</bpmn:outgoing>",
            flow_id(step.nr, edge.to)
        );
    }
    out.push_str("    </bpmn:exclusiveGateway>\n");
}

/// The id of the gateway after sub-process step `nr`.
pub fn gateway_id(nr: StepNr) -> String {
    format!("Gateway_{}", nr.to_string().replace('.', "_"))
}

/// The id of the flow from sub-process step `nr` into its gateway.
pub fn gateway_flow_id(nr: StepNr) -> String {
    format!("Flow_{}_utfall", nr.to_string().replace('.', "_"))
}

fn shape(out: &mut String, element: &str, r: Rect, horizontal: Option<bool>, label: Option<Rect>) {
    let horizontal = horizontal.map_or(String::new(), |h| format!(" isHorizontal=\"{h}\""));
    let _ = writeln!(
        out,
        "      <bpmndi:BPMNShape id=\"Shape_{element}\" bpmnElement=\"{element}\"{horizontal}>"
    );
    bounds(out, r, "        ");
    if let Some(l) = label {
        label_bounds(out, l);
    }
    out.push_str("      </bpmndi:BPMNShape>\n");
}

fn label_bounds(out: &mut String, r: Rect) {
    out.push_str("        <bpmndi:BPMNLabel>\n");
    bounds(out, r, "          ");
    out.push_str("        </bpmndi:BPMNLabel>\n");
}

fn bounds(out: &mut String, r: Rect, indent: &str) {
    let _ = writeln!(
        out,
        "{indent}<dc:Bounds x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" />",
        num(r.x),
        num(r.y),
        num(r.w),
        num(r.h)
    );
}

/// A rectangle of the layout in the diagram: right of the pool's name column.
fn shifted(r: Rect) -> Rect {
    Rect {
        x: r.x + POOL_HEADER,
        ..r
    }
}

/// The square of an event's circle: as high as the step's box, centred in it.
fn event(r: Rect) -> Rect {
    let side = r.w.min(r.h);
    Rect {
        x: r.x + (r.w - side) / 2.0,
        y: r.y + (r.h - side) / 2.0,
        w: side,
        h: side,
    }
}

/// The middle of a vägval diamond, where its title goes.
fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x + r.w * 0.1,
        y: r.y + r.h / 4.0,
        w: r.w * 0.8,
        h: r.h / 2.0,
    }
}

/// Moves the end `p` of an arrow, whose neighbouring corner is `q`, along the arrow's last
/// segment onto the circle inscribed in `square`.
fn onto_circle(square: Rect, p: (f64, f64), q: (f64, f64)) -> (f64, f64) {
    let (cx, cy) = square.center();
    let r = square.w / 2.0;
    if (p.1 - q.1).abs() < 1e-9 {
        // A horizontal segment: keep y, move x to the circle on the side of q.
        let dy = p.1 - cy;
        if dy.abs() >= r {
            return p;
        }
        let dx = (r * r - dy * dy).sqrt();
        (if q.0 < cx { cx - dx } else { cx + dx }, p.1)
    } else {
        let dx = p.0 - cx;
        if dx.abs() >= r {
            return p;
        }
        let dy = (r * r - dx * dx).sqrt();
        (p.0, if q.1 < cy { cy - dy } else { cy + dy })
    }
}

/// Side of the gateway drawn after a sub-process with outcomes, in points.
const GATEWAY: f64 = 24.0;

/// The id of a step's flow node: `Step_12`, `Step_15_3`.
pub fn step_id(nr: StepNr) -> String {
    format!("Step_{}", nr.to_string().replace('.', "_"))
}

/// The id of the sequence flow between two steps (a map has at most one arrow per pair).
pub fn flow_id(from: StepNr, to: StepNr) -> String {
    format!(
        "Flow_{}_{}",
        from.to_string().replace('.', "_"),
        to.to_string().replace('.', "_")
    )
}

/// Text for an XML attribute in double quotes. Line breaks and tabs are written as character
/// references so that they survive attribute normalisation; characters XML 1.0 does not
/// allow become U+FFFD; soft hyphens are dropped.
pub fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in crate::model::plain(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(xml_char(c)),
        }
    }
    out
}

/// Text for XML element content, without soft hyphens.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in crate::model::plain(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '\n' | '\t' => out.push(c),
            c => out.push(xml_char(c)),
        }
    }
    out
}

/// `c` if XML 1.0 allows it in a document, else U+FFFD.
fn xml_char(c: char) -> char {
    match c {
        '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {
            '\u{fffd}'
        }
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_numbers() {
        assert_eq!(
            attr("a\"b<c>&'\n\u{1}"),
            "a&quot;b&lt;c&gt;&amp;&apos;&#10;\u{fffd}"
        );
        assert_eq!(text("<x>&\n"), "&lt;x&gt;&amp;\n");
        assert_eq!(attr("Arbets\u{ad}förmedlingen"), "Arbetsförmedlingen");
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.505), "12.51");
        assert_eq!(num(-0.001), "0");
        assert_eq!(step_id(StepNr::on(Some(15), 3)), "Step_15_3");
    }

    #[test]
    fn arrow_ends_meet_an_event_circle() {
        let sq = Rect {
            x: 0.0,
            y: 0.0,
            w: 52.0,
            h: 52.0,
        };
        // From the left, level with the centre: the leftmost point of the circle.
        assert_eq!(onto_circle(sq, (-16.0, 26.0), (-40.0, 26.0)), (0.0, 26.0));
        // From above, through the centre: the top of the circle.
        assert_eq!(onto_circle(sq, (26.0, -5.0), (26.0, -30.0)), (26.0, 0.0));
    }
}
