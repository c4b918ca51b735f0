//! Placing a map on paper: lanes as horizontal bands, step boxes on a grid of columns and
//! rows, orthogonal arrows routed through the free space between them.
//!
//! The approach follows the "layered" family (ELK, Sugiyama) adapted to swimlanes:
//! 1. [`place`]: each step gets a cell (column, lane, row). Steps are placed in number
//!    order; a step goes in the first column after its predecessors, or in the same column
//!    when the arrow can run straight down or up to it. A lane holds up to `rows` steps in
//!    one column; the layout starts from each of 1–3, improves each placement by local
//!    search ([`improve`]), anneals from where the search ends while arrows still cross
//!    ([`anneal`]), and keeps the best.
//! 2. [`route`]: each arrow gets a route through the gaps between columns and the
//!    corridors between rows. Boxes only ever sit in cells, so a route that keeps to gaps
//!    and corridors never passes through a box: that is the main invariant of the map.
//! 3. Parallel arrows in a gap or corridor get their own tracks, except that arrows into
//!    the same side of a step through the same gap join on one track (a comb beside the
//!    step, a bundle into one port further away); the gaps and corridors are
//!    sized to their tracks; only then are coordinates fixed.
//!
//! Everything here is pure computation on the model: no I/O, no hashing order, and the
//! annealing's moves come from a pseudo-random sequence with a fixed seed, so the same
//! model always gives the same layout.

mod anneal;
mod improve;
mod place;
mod route;
pub mod style;
pub mod text;

use crate::model::{LaneId, MapId, Model, ProcessMap, StepKind, StepNr};

/// A rectangle in points, origin top-left.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// Right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    /// Centre.
    pub fn center(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
    /// True when the two rectangles share interior area.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }
}

/// A lane drawn as a horizontal band.
#[derive(Clone, Debug)]
pub struct Band {
    /// The lane.
    pub lane: LaneId,
    /// Its band, header included.
    pub rect: Rect,
}

/// A shared collaboration area drawn as a strip across every band.
#[derive(Clone, Debug)]
pub struct SharedArea {
    /// The shared lane.
    pub lane: LaneId,
    /// The strip, with its name above the bands.
    pub rect: Rect,
}

/// A step's symbol.
#[derive(Clone, Debug)]
pub struct StepBox {
    /// The step.
    pub nr: StepNr,
    /// Its lane (a band or a shared area).
    pub lane: LaneId,
    /// Its kind, which decides the symbol.
    pub kind: StepKind,
    /// The symbol's bounding box.
    pub rect: Rect,
}

/// An arrow label and where it goes.
#[derive(Clone, Debug)]
pub struct EdgeLabel {
    /// The label wrapped into lines.
    pub lines: Vec<String>,
    /// Left end of the baseline of its first line.
    pub x: f64,
    /// Baseline of its first line (the others follow below it).
    pub y: f64,
}

/// An arrow as a polyline of horizontal and vertical segments.
#[derive(Clone, Debug)]
pub struct EdgeRoute {
    /// Source step.
    pub from: StepNr,
    /// Target step.
    pub to: StepNr,
    /// The vägval label, as written.
    pub label: Option<String>,
    /// Where the label is drawn.
    pub label_at: Option<EdgeLabel>,
    /// Corner points, from the source's outline to the target's outline. Consecutive
    /// points differ in exactly one coordinate.
    pub points: Vec<(f64, f64)>,
}

/// A stub on a lane map: an arrow to or from a step of another party.
#[derive(Clone, Debug)]
pub struct Stub {
    /// The step of this lane.
    pub step: StepNr,
    /// The step in the other lane.
    pub other: StepNr,
    /// True for an arrow arriving at `step`, false for one leaving it.
    pub incoming: bool,
    /// The stub's two points: from far end to the box for incoming, from the box out for
    /// outgoing.
    pub points: [(f64, f64); 2],
    /// Left end of its label's baseline.
    pub label_x: f64,
    /// Baseline of its label.
    pub label_y: f64,
}

/// A laid-out map, in points, origin at the top-left corner of the diagram.
#[derive(Clone, Debug)]
pub struct MapLayout {
    /// Width of the diagram.
    pub width: f64,
    /// Height of the diagram.
    pub height: f64,
    /// Width of the lane name column.
    pub header_w: f64,
    /// Bands, top to bottom.
    pub bands: Vec<Band>,
    /// Shared areas, left to right.
    pub shared: Vec<SharedArea>,
    /// One box per step, in the map's step order.
    pub boxes: Vec<StepBox>,
    /// One route per arrow.
    pub edges: Vec<EdgeRoute>,
    /// Stubs to other lanes (lane maps only).
    pub stubs: Vec<Stub>,
    /// Arrows that cross each other.
    pub crossings: usize,
    /// Pairs of arrows to different steps that run along the same line for a stretch (the
    /// search avoids them before anything else but fitting the paper; normally 0).
    pub overlaps: usize,
    /// Corners in all arrows together.
    pub bends: usize,
    /// Length of all arrows together, in points.
    pub length: f64,
    /// Scale at which the diagram fills its paper: below 1 when it must shrink to fit, up
    /// to [`style::MAX_SCALE`] when it is small for it.
    pub scale: f64,
}

impl MapLayout {
    /// The box of a step.
    pub fn step_box(&self, nr: StepNr) -> Option<&StepBox> {
        self.boxes.iter().find(|b| b.nr == nr)
    }

    /// The smallest text size on paper, in points.
    pub fn min_text_size(&self) -> f64 {
        style::SMALL_SIZE * self.scale
    }
}

/// One node of the graph handed to the placer: a step and where it may go.
#[derive(Clone, Debug)]
struct Node {
    nr: StepNr,
    lane: LaneId,
    /// Index of its band; `None` for a step of a shared area.
    band: Option<usize>,
    kind: StepKind,
}

/// One arrow of the graph, by node index.
#[derive(Clone, Debug)]
struct Link {
    from: usize,
    to: usize,
    label: Option<String>,
    /// The label wrapped for the map, and its widest line: measured once, since every
    /// routing of the search needs them.
    lines: Vec<String>,
    label_w: f64,
}

impl Link {
    fn new(from: usize, to: usize, label: Option<String>) -> Link {
        let lines = label.as_deref().map(style::label_lines).unwrap_or_default();
        let label_w = lines
            .iter()
            .map(|l| text::width(l, style::SMALL_SIZE, text::Weight::Regular))
            .fold(0.0, f64::max);
        Link {
            from,
            to,
            label,
            lines,
            label_w,
        }
    }
}

/// The graph of one map, ready for placement.
#[derive(Clone, Debug)]
struct Graph {
    nodes: Vec<Node>,
    links: Vec<Link>,
    /// Band lanes, top to bottom.
    bands: Vec<LaneId>,
    /// Width of the lane name column.
    header_w: f64,
    /// Height of the strip above the bands that names the shared areas (0 without any).
    shared_head_h: f64,
}

/// How steps are put in columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Follow the arrows, several steps per column.
    Flow { rows: usize },
    /// One step per column in number order (a lane map).
    Sequence,
}

/// The most rows a lane may have in one column: the search starts once from each of 1 to
/// this many.
const START_ROWS: usize = 3;

/// Lays out a map (the overview or a sub-process) for the paper of the book: the greedy
/// placement with one, two and three rows per lane, each improved by local search and then
/// by annealing where arrows still cross; the best of them routed with and without
/// one-corner arrows.
pub fn layout_map(model: &Model, map: &ProcessMap) -> MapLayout {
    let graph = graph_of(model, map);
    let room = style::diagram_room(style::page_size(model.book.paper, model.book.orientation));
    let graph = &graph;
    // The search ends in a different local optimum from each greedy start (1–3 rows a
    // lane), and no start is best on every map: each is searched, on threads of their own.
    let descended: Vec<improve::Searched> = in_parallel((1..=START_ROWS).collect(), |rows| {
        let start = place::place(graph, Mode::Flow { rows });
        improve::descend_from(graph, start, rows, room)
    });
    // Annealing from each result that still crosses, and fits its paper if any result does
    // (annealing keeps the rows a lane may have, so it hardly ever makes a map fit).
    let any_fits = descended.iter().any(|d| !d.cost.shrinks);
    let runs: Vec<(usize, u64)> = (0..descended.len())
        .filter(|&k| improve::worth_annealing(graph, &descended[k]))
        .filter(|&k| !any_fits || !descended[k].cost.shrinks)
        .flat_map(|k| (0..improve::CHAINS).map(move |seed| (k, seed)))
        .collect();
    let annealed = in_parallel(runs, |(k, seed)| {
        improve::anneal_from(graph, &descended[k], seed, room)
    });
    // The best of all, the fewest rows on a tie (starts and runs come in a fixed order, so
    // the choice does not depend on the threads).
    let searched = descended
        .into_iter()
        .chain(annealed)
        .reduce(|best, next| {
            if (next.cost, next.cap) < (best.cost, best.cap) {
                next
            } else {
                best
            }
        })
        .expect("at least one placement was searched");
    let improve::Searched {
        placement, tweaks, ..
    } = improve::finish(graph, searched, room);
    let mut best: Option<(improve::Cost, MapLayout)> = None;
    // One-corner arrows help most maps, but not every one: keep what crosses least.
    for elbows in [true, false] {
        let options = route::Options {
            untangle: true,
            elbows,
        };
        let mut layout = route::route_tweaked(graph, &placement, 0.0, false, options, &tweaks);
        layout.scale = scale_for(&layout, room);
        let cost = improve::Cost::of(&layout, room);
        if best.as_ref().is_none_or(|(b, _)| cost < *b) {
            best = Some((cost, layout));
        }
    }
    best.expect("both routings were tried").1
}

/// Runs `job` on each of `inputs`, each on a thread of its own, and returns the results in
/// the order of `inputs`.
fn in_parallel<I: Send, O: Send>(inputs: Vec<I>, job: impl Fn(I) -> O + Sync) -> Vec<O> {
    std::thread::scope(|scope| {
        let job = &job;
        let handles: Vec<_> = inputs
            .into_iter()
            .map(|input| scope.spawn(move || job(input)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a layout search does not panic"))
            .collect()
    })
}

/// Lays out the map of one party: its steps on the overview in number order, with stubs
/// for the arrows to and from other parties.
pub fn layout_lane(model: &Model, lane: &LaneId) -> MapLayout {
    let map = &model.overview;
    let own: Vec<&crate::model::Step> = map.steps.iter().filter(|s| &s.lane == lane).collect();
    let index = |nr: StepNr| own.iter().position(|s| s.nr == nr);
    let nodes = own
        .iter()
        .map(|s| Node {
            nr: s.nr,
            lane: s.lane.clone(),
            band: Some(0),
            kind: s.kind,
        })
        .collect();
    let mut links = Vec::new();
    for (i, s) in own.iter().enumerate() {
        for e in &s.next {
            if let Some(j) = index(e.to) {
                links.push(Link::new(i, j, e.label.clone()));
            }
        }
    }
    let graph = Graph {
        nodes,
        links,
        header_w: header_width(model, std::slice::from_ref(lane)),
        shared_head_h: 0.0,
        bands: vec![lane.clone()],
    };
    let stubs = stubs_of(model, lane, &own);
    let most = stubs
        .iter()
        .map(|(_, inc, out)| inc.len().max(out.len()))
        .max()
        .unwrap_or(0);
    let stub_room = if most == 0 {
        0.0
    } else {
        style::STUB_ARROW + 6.0 + style::LABEL_LINE * most as f64
    };
    let room = style::diagram_room(style::page_size(model.book.paper, model.book.orientation));
    let mut layout = lay_out(&graph, Mode::Sequence, room, stub_room);
    place_stubs(&stubs, &mut layout);
    layout
}

/// For each step of the lane: the steps of other parties it comes from and leads to.
type StubList = Vec<(StepNr, Vec<StepNr>, Vec<StepNr>)>;

fn stubs_of(model: &Model, lane: &LaneId, own: &[&crate::model::Step]) -> StubList {
    let map = &model.overview;
    own.iter()
        .map(|step| {
            let incoming = map
                .steps
                .iter()
                .filter(|s| &s.lane != lane && s.next.iter().any(|e| e.to == step.nr))
                .map(|s| s.nr)
                .collect();
            let outgoing = step
                .next
                .iter()
                .filter(|e| map.step(e.to).is_some_and(|t| &t.lane != lane))
                .map(|e| e.to)
                .collect();
            (step.nr, incoming, outgoing)
        })
        .collect()
}

/// Puts the stubs around their boxes: arrows from other parties come in from above, arrows
/// to other parties leave below, each with a label line naming the party and step.
fn place_stubs(stubs: &StubList, layout: &mut MapLayout) {
    let mut out = Vec::new();
    for (nr, incoming, outgoing) in stubs {
        let Some(b) = layout.step_box(*nr) else {
            continue;
        };
        let r = b.rect;
        let (cx, _) = r.center();
        for (k, other) in incoming.iter().enumerate() {
            let x = stub_x(cx, k, incoming.len());
            let first_baseline =
                r.y - style::STUB_ARROW - 4.0 - style::LABEL_LINE * (incoming.len() - 1) as f64;
            out.push(Stub {
                step: *nr,
                other: *other,
                incoming: true,
                points: [(x, r.y - style::STUB_ARROW), (x, r.y)],
                label_x: r.x,
                label_y: first_baseline + style::LABEL_LINE * k as f64 - 2.0,
            });
        }
        for (k, other) in outgoing.iter().enumerate() {
            let x = stub_x(cx, k, outgoing.len());
            out.push(Stub {
                step: *nr,
                other: *other,
                incoming: false,
                points: [(x, r.bottom()), (x, r.bottom() + style::STUB_ARROW)],
                label_x: r.x,
                label_y: r.bottom() + style::STUB_ARROW + 8.0 + style::LABEL_LINE * k as f64,
            });
        }
    }
    layout.stubs = out;
}

/// The graph of a map: bands are the lanes its steps use, in the order of `karta.yaml`.
fn graph_of(model: &Model, map: &ProcessMap) -> Graph {
    let used = |id: &LaneId| map.steps.iter().any(|s| &s.lane == id);
    let mut bands = Vec::new();
    let mut shared = Vec::new();
    for lane in &model.lanes {
        if lane.shared {
            if used(&lane.id) {
                shared.push(lane.id.clone());
            }
        } else if map.id == MapId::Overview || used(&lane.id) {
            bands.push(lane.id.clone());
        }
    }
    let nodes: Vec<Node> = map
        .steps
        .iter()
        .map(|s| Node {
            nr: s.nr,
            lane: s.lane.clone(),
            band: bands.iter().position(|b| b == &s.lane),
            kind: s.kind,
        })
        .collect();
    let mut links = Vec::new();
    for (i, s) in map.steps.iter().enumerate() {
        for e in &s.next {
            if let Some(j) = map.index_of(e.to) {
                links.push(Link::new(i, j, e.label.clone()));
            }
        }
    }
    Graph {
        nodes,
        links,
        header_w: header_width(model, &bands),
        shared_head_h: shared_head_height(model, &shared),
        bands,
    }
}

/// The lane name column: wide enough for the longest piece of any lane name that cannot
/// break (a word, or part of one up to a dash or soft hyphen).
fn header_width(model: &Model, bands: &[LaneId]) -> f64 {
    let widest = bands
        .iter()
        .filter_map(|id| model.lane(id))
        .map(|lane| text::widest_piece(&lane.name, style::HEADER_SIZE, text::Weight::Bold))
        .fold(0.0, f64::max);
    (widest + 2.0 * style::HEADER_PAD).clamp(style::HEADER_MIN_W, style::HEADER_MAX_W)
}

/// The name of a shared area wrapped to its strip of width `strip_w`, so it is never cut.
pub fn shared_head_lines(name: &str, strip_w: f64) -> Vec<String> {
    text::wrap(name, style::SMALL_SIZE, text::Weight::Bold, strip_w - 4.0)
}

/// The strip above the bands: room for the longest name of a shared area, wrapped to the
/// narrowest strip a shared area can have.
fn shared_head_height(model: &Model, shared: &[LaneId]) -> f64 {
    let lines = shared
        .iter()
        .filter_map(|id| model.lane(id))
        .map(|lane| shared_head_lines(&lane.name, style::BOX_W + 6.0).len())
        .max();
    match lines {
        None => 0.0,
        Some(n) => style::SHARED_HEAD_H + n.saturating_sub(1) as f64 * style::LABEL_LINE,
    }
}

/// Lane names wrapped to the lane name column.
pub fn header_lines(name: &str, header_w: f64) -> Vec<String> {
    text::wrap(
        name,
        style::HEADER_SIZE,
        text::Weight::Bold,
        header_w - 2.0 * style::HEADER_PAD,
    )
}

fn lay_out(graph: &Graph, mode: Mode, room: (f64, f64), stub_room: f64) -> MapLayout {
    let placement = place::place(graph, mode);
    let options = route::Options {
        untangle: true,
        elbows: false,
    };
    let mut layout = route::route(
        graph,
        &placement,
        stub_room,
        mode == Mode::Sequence,
        options,
    );
    layout.scale = scale_for(&layout, room);
    layout
}

/// The scale at which a diagram fills the room on its paper, at most [`style::MAX_SCALE`].
fn scale_for(layout: &MapLayout, room: (f64, f64)) -> f64 {
    (room.0 / layout.width)
        .min(room.1 / layout.height)
        .min(style::MAX_SCALE)
}

fn stub_x(cx: f64, k: usize, n: usize) -> f64 {
    cx + (k as f64 - (n as f64 - 1.0) / 2.0) * 10.0
}

#[cfg(test)]
mod testing {
    //! Hand-made graphs for the tests of the layout phases.
    use super::{Graph, Link, Node};
    use crate::model::{LaneId, StepKind, StepNr};

    /// A graph of `bands` lanes; `steps` gives each step's band (`None`: a shared area) and
    /// `links` the arrows by index.
    pub(super) fn graph(bands: usize, steps: &[Option<usize>], links: &[(usize, usize)]) -> Graph {
        let lane = |b: Option<usize>| LaneId(b.map_or("delad".into(), |b| format!("lane{b}")));
        Graph {
            nodes: steps
                .iter()
                .enumerate()
                .map(|(i, &band)| Node {
                    nr: StepNr::top(i as u32 + 1),
                    lane: lane(band),
                    band,
                    kind: StepKind::Task,
                })
                .collect(),
            links: links
                .iter()
                .map(|&(from, to)| Link::new(from, to, None))
                .collect(),
            bands: (0..bands).map(|b| lane(Some(b))).collect(),
            header_w: 60.0,
            shared_head_h: 0.0,
        }
    }
}
