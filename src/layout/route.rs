//! Steps 2 and 3 of the layout: routes for the arrows, tracks for parallel arrows, and the
//! coordinates of everything.
//!
//! This file chooses each arrow's way through the grid (`alternative`, `elbows`) and runs
//! the phases after it in order (`trace`): [`coords`] sizes the grid, [`ports`] spreads the
//! arrows along the boxes' sides, [`tracks`] gives parallel stretches their tracks,
//! [`untangle`] reorders them, [`count`] counts what the search compares.
//!
//! The grid has gaps between columns (gap `k` lies just left of column `k`; gap `cols` is
//! right of the last column) and corridors between rows (corridor `j` of a band lies just
//! above its row `j`; corridor `rows` is at the bottom of the band). Boxes sit only in
//! cells, so gaps and corridors are free: arrows run horizontally along a row only where
//! the row is empty, and otherwise through gaps and corridors.

use super::place::Placement;
use super::style;
use super::{Band, EdgeLabel, EdgeRoute, Graph, MapLayout, Rect, SharedArea, StepBox};
use crate::model::StepKind;

mod coords;
mod count;
mod ports;
mod tracks;
mod untangle;

use coords::*;
pub(super) use count::crossed;
use count::*;
use ports::*;
use tracks::*;
use untangle::*;

/// A side of a box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Left,
    Right,
    Top,
    Bottom,
}

/// The path an arrow takes through the grid.
#[derive(Clone, Copy, Debug)]
enum Shape {
    /// Straight up or down within a column.
    Vertical,
    /// Out of the source, along its row, down or up in one gap, along the target's row.
    ViaGap { gap: usize },
    /// One corner: along the source's row to the target's column, then up or down into
    /// the target (`row_first`), or up or down the source's column to the target's row,
    /// then along it into the target. Only through cells that are empty.
    Elbow { row_first: bool },
    /// Into a gap, along a corridor, into another gap.
    Corridor {
        first: usize,
        band: usize,
        corridor: usize,
        second: usize,
    },
}

#[derive(Clone, Copy, Debug)]
struct Topo {
    out_side: Side,
    in_side: Side,
    shape: Shape,
}

/// Sizes that come from the tracks of the arrows.
#[derive(Clone, Debug)]
struct Tracks {
    /// Tracks in each gap.
    gaps: Vec<usize>,
    /// Tracks in each corridor, by band.
    corridors: Vec<Vec<usize>>,
    /// Track of each (link, segment): index 0 is the first gap, 1 the corridor, 2 the
    /// second gap.
    of_link: Vec<[usize; 3]>,
}

/// Coordinates of the grid.
#[derive(Clone, Debug)]
struct Geometry {
    col_x: Vec<f64>,
    col_w: Vec<f64>,
    gap_x: Vec<f64>,
    gap_label: Vec<f64>,
    band_y: Vec<f64>,
    band_h: Vec<f64>,
    row_y: Vec<Vec<f64>>,
    row_h: Vec<Vec<f64>>,
    corr_y: Vec<Vec<f64>>,
    width: f64,
    height: f64,
}

impl Geometry {
    fn track_x(&self, gap: usize, track: usize) -> f64 {
        self.gap_x[gap] + self.gap_label[gap] + style::GAP_PAD + track as f64 * style::TRACK
    }
    fn track_y(&self, band: usize, corridor: usize, track: usize) -> f64 {
        self.corr_y[band][corridor] + style::CORRIDOR_PAD + track as f64 * style::TRACK
    }
}

/// What the router may do beyond the plain routes.
#[derive(Clone, Copy, Debug)]
pub(super) struct Options {
    /// Search for track orders with fewer crossings, which costs more than the rest together.
    pub untangle: bool,
    /// Give arrows between rows one corner where the cells on the way are free
    /// (see [`elbows`]).
    pub elbows: bool,
}

/// Per-arrow choices between routes that are all valid, which the search in
/// [`improve`](super::improve) sets where they cross less. An empty list means the defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Tweaks {
    /// Arrows that keep their route through gaps instead of one corner.
    pub no_elbow: Vec<bool>,
    /// Which of the arrow's [`alternatives`] it takes (0, the default, when out of range):
    /// the gap it turns in, or the corridor it runs along and the sides it leaves and enters.
    pub route: Vec<u8>,
}

impl Tweaks {
    /// The defaults for `links` arrows.
    pub fn none(links: usize) -> Tweaks {
        Tweaks {
            no_elbow: vec![false; links],
            route: vec![0; links],
        }
    }

    fn route(&self, link: usize) -> usize {
        self.route.get(link).copied().unwrap_or(0) as usize
    }

    fn no_elbow(&self, link: usize) -> bool {
        self.no_elbow.get(link).copied().unwrap_or(false)
    }
}

/// How many routes arrow `link` may choose between on placement `p` (see [`Tweaks::route`]).
pub(super) fn route_count(graph: &Graph, p: &Placement) -> Vec<usize> {
    let by_row = ByRow::of(p);
    graph
        .links
        .iter()
        .map(|l| alternatives(&by_row, p, l.from, l.to, l.label.is_some()).len())
        .collect()
}

/// Moves that bundle arrows (see [`bundles`]): for each side of each step and each gap, the
/// arrows into that side that can take their last stretch in that gap, with the route each
/// takes for it, when there are two or more of them.
pub(super) fn bundle_moves(graph: &Graph, p: &Placement) -> Vec<Vec<(usize, u8)>> {
    let by_row = ByRow::of(p);
    // (target, side, gap, link, route)
    let mut options: Vec<(usize, usize, usize, usize, u8)> = Vec::new();
    for (i, l) in graph.links.iter().enumerate() {
        let mut seen: Vec<(usize, usize)> = Vec::new();
        let all = alternatives(&by_row, p, l.from, l.to, l.label.is_some());
        for (k, topo) in all.iter().enumerate().take(usize::from(u8::MAX)) {
            let Some(gap) = last_gap(topo) else { continue };
            let side = topo.in_side as usize;
            if matches!(topo.in_side, Side::Left | Side::Right) && !seen.contains(&(side, gap)) {
                seen.push((side, gap));
                options.push((l.to, side, gap, i, k as u8));
            }
        }
    }
    options.sort_unstable();
    options
        .chunk_by(|a, b| (a.0, a.1, a.2) == (b.0, b.1, b.2))
        .filter(|group| group.len() > 1)
        .map(|group| group.iter().map(|o| (o.3, o.4)).collect())
        .collect()
}

/// Routes every arrow of a placed graph and fixes all coordinates.
pub(super) fn route(
    graph: &Graph,
    p: &Placement,
    stub_room: f64,
    lane_map: bool,
    options: Options,
) -> MapLayout {
    route_tweaked(graph, p, stub_room, lane_map, options, &Tweaks::default())
}

/// What routing decided, before it is turned into a [`MapLayout`]: the geometry, the boxes,
/// each arrow's topology and port, and its points.
struct Traced {
    geo: Geometry,
    rects: Vec<Rect>,
    topo: Vec<Topo>,
    ports: Ports,
    paths: Vec<Vec<(f64, f64)>>,
}

/// Routes every arrow of `p`: the shared work of [`route_tweaked`] and [`cost`].
fn trace(
    graph: &Graph,
    p: &Placement,
    stub_room: f64,
    lane_map: bool,
    options: Options,
    tweaks: &Tweaks,
) -> Traced {
    let sizes: Vec<(f64, f64)> = graph
        .nodes
        .iter()
        .map(|n| style::box_size(n.kind))
        .collect();
    let by_row = ByRow::of(p);
    let mut topo: Vec<Topo> = graph
        .links
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let (s, t, labelled) = (l.from, l.to, l.label.is_some());
            alternative(&by_row, p, s, t, labelled, tweaks.route(i))
                .or_else(|| alternative(&by_row, p, s, t, labelled, 0))
                .expect("every arrow has a route")
        })
        .collect();
    if options.elbows && !lane_map {
        elbows(graph, p, &by_row, &mut topo, tweaks);
    }
    let col_w = column_widths(p, &sizes, lane_map);
    let gap_label = label_room(graph, p, &sizes, &col_w, &topo);
    let mut tracks = Tracks {
        gaps: vec![0; p.cols + 1],
        corridors: p.rows.iter().map(|&r| vec![0; r + 1]).collect(),
        of_link: vec![[0; 3]; graph.links.len()],
    };
    let header_w = graph.header_w;
    // Sizes first without tracks, to order the segments; then with them.
    let rough = geometry(
        graph, p, &sizes, &col_w, &gap_label, &tracks, stub_room, header_w,
    );
    let rough_boxes = boxes(graph, p, &sizes, &rough);
    let joined = bundles(graph, p, &topo);
    let ports = assign_ports(graph, &topo, &joined, &rough_boxes, &rough);
    assign_tracks(graph, &topo, &ports, &rough, &mut tracks);
    let geo = geometry(
        graph, p, &sizes, &col_w, &gap_label, &tracks, stub_room, header_w,
    );
    let rects = boxes(graph, p, &sizes, &geo);
    let ports = assign_ports(graph, &topo, &joined, &rects, &geo);
    if options.untangle {
        untangle(&topo, &targets(graph), &ports, &geo, &mut tracks);
    }
    let paths = (0..graph.links.len())
        .map(|i| path(&topo[i], &ports[i], &tracks.of_link[i], &geo))
        .collect();
    Traced {
        geo,
        rects,
        topo,
        ports,
        paths,
    }
}

/// The figures of a routing, without the layout: what the search compares.
pub(super) struct Figures {
    /// Crossings between arrows.
    pub crossings: usize,
    /// Arrows to different steps along one line.
    pub overlaps: usize,
    /// Corners of all arrows.
    pub bends: usize,
    /// Total arrow length in points.
    pub length: f64,
    /// Width of the diagram in points.
    pub width: f64,
    /// Height of the diagram in points.
    pub height: f64,
}

impl From<&MapLayout> for Figures {
    fn from(l: &MapLayout) -> Figures {
        Figures {
            crossings: l.crossings,
            overlaps: l.overlaps,
            bends: l.bends,
            length: l.length,
            width: l.width,
            height: l.height,
        }
    }
}

/// Routes `p` on an overview-like map and counts, without building the layout.
pub(super) fn cost(graph: &Graph, p: &Placement, options: Options, tweaks: &Tweaks) -> Figures {
    let t = trace(graph, p, 0.0, false, options, tweaks);
    figures(graph, &t.paths, &t.geo)
}

/// The figures of routed arrows: what both [`cost`] and [`route_tweaked`] report.
fn figures(graph: &Graph, paths: &[Vec<(f64, f64)>], geo: &Geometry) -> Figures {
    Figures {
        crossings: crossings_of(paths),
        overlaps: overlaps(paths, &targets(graph)),
        bends: paths.iter().map(|p| p.len().saturating_sub(2)).sum(),
        length: paths
            .iter()
            .flat_map(|p| p.windows(2))
            .map(|w| (w[0].0 - w[1].0).abs() + (w[0].1 - w[1].1).abs())
            .sum(),
        width: geo.width,
        height: geo.height,
    }
}

/// [`route`] with per-arrow choices.
pub(super) fn route_tweaked(
    graph: &Graph,
    p: &Placement,
    stub_room: f64,
    lane_map: bool,
    options: Options,
    tweaks: &Tweaks,
) -> MapLayout {
    let Traced {
        geo,
        rects,
        topo,
        ports,
        paths,
    } = trace(graph, p, stub_room, lane_map, options, tweaks);
    let header_w = graph.header_w;
    let Figures {
        crossings,
        overlaps,
        bends,
        length,
        ..
    } = figures(graph, &paths, &geo);
    let mut labels = place_labels(graph, &topo, &ports, &rects, &paths, &geo);
    let mut edges = Vec::with_capacity(graph.links.len());
    for ((i, link), points) in graph.links.iter().enumerate().zip(paths) {
        let label_at = labels[i].take();
        edges.push(EdgeRoute {
            from: graph.nodes[link.from].nr,
            to: graph.nodes[link.to].nr,
            label: link.label.clone(),
            label_at,
            points,
        });
    }
    let bands = graph
        .bands
        .iter()
        .enumerate()
        .map(|(b, lane)| Band {
            lane: lane.clone(),
            rect: Rect {
                x: 0.0,
                y: geo.band_y[b],
                w: geo.width,
                h: geo.band_h[b],
            },
        })
        .collect();
    let mut shared = Vec::new();
    for (i, node) in graph.nodes.iter().enumerate() {
        if node.band.is_none() && !shared.iter().any(|s: &SharedArea| s.lane == node.lane) {
            let c = p.col[i];
            shared.push(SharedArea {
                lane: node.lane.clone(),
                rect: Rect {
                    x: geo.col_x[c] - 3.0,
                    y: 0.0,
                    w: geo.col_w[c] + 6.0,
                    h: geo.height,
                },
            });
        }
    }
    let boxes = graph
        .nodes
        .iter()
        .zip(&rects)
        .map(|(n, r)| StepBox {
            nr: n.nr,
            lane: n.lane.clone(),
            kind: n.kind,
            rect: *r,
        })
        .collect();
    MapLayout {
        width: geo.width,
        height: geo.height,
        header_w,
        bands,
        shared,
        boxes,
        edges,
        stubs: Vec::new(),
        crossings,
        overlaps,
        bends,
        length,
        scale: 1.0,
    }
}

/// Where each labelled arrow's label goes: of its places (see [`label_places`]) the first
/// that no other arrow, no box and no label placed before it runs through, or else the one
/// that fewest do. The lane name column and the space outside the diagram count as taken.
fn place_labels(
    graph: &Graph,
    topo: &[Topo],
    ports: &Ports,
    rects: &[Rect],
    paths: &[Vec<(f64, f64)>],
    geo: &Geometry,
) -> Vec<Option<EdgeLabel>> {
    let far = 1e6;
    let mut taken: Vec<Rect> = rects.to_vec();
    taken.extend([
        Rect {
            x: -far,
            y: -far,
            w: far + graph.header_w,
            h: 2.0 * far,
        },
        Rect {
            x: geo.width,
            y: -far,
            w: far,
            h: 2.0 * far,
        },
    ]);
    let mut out = Vec::with_capacity(graph.links.len());
    for (i, link) in graph.links.iter().enumerate() {
        if link.label.is_none() {
            out.push(None);
            continue;
        }
        let places = label_places(
            &link.lines,
            link.label_w,
            topo[i].out_side,
            ports[i].0,
            &rects[link.from],
        );
        let (_, rect, label) = places
            .into_iter()
            .map(|l| {
                let rect = label_rect(&l, link.label_w);
                (label_hits(&rect, paths, i, &taken), rect, l)
            })
            .min_by_key(|(hits, _, _)| *hits)
            .expect("two places");
        taken.push(rect);
        out.push(Some(label));
    }
    out
}

/// The occupied columns of each (band, row), sorted; and a dense index of the cells.
struct ByRow {
    /// Where each band's rows start in `cols`.
    base: Vec<usize>,
    cols: Vec<Vec<usize>>,
}

impl ByRow {
    fn new(p: &Placement) -> ByRow {
        let mut base = Vec::with_capacity(p.rows.len() + 1);
        let mut total = 0;
        for &r in &p.rows {
            base.push(total);
            total += r;
        }
        base.push(total);
        ByRow {
            base,
            cols: vec![Vec::new(); total],
        }
    }

    /// The occupied columns of every row of `p`.
    fn of(p: &Placement) -> ByRow {
        let mut by_row = ByRow::new(p);
        for i in 0..p.col.len() {
            let at = by_row.index(p.band[i], p.row[i]);
            by_row.cols[at].push(p.col[i]);
        }
        for cols in &mut by_row.cols {
            cols.sort_unstable();
        }
        by_row
    }

    fn index(&self, band: usize, row: usize) -> usize {
        self.base[band] + row
    }

    fn get(&self, band: usize, row: usize) -> Option<&Vec<usize>> {
        self.cols
            .get(self.index(band, row))
            .filter(|c| !c.is_empty())
    }

    /// Rows across all bands.
    fn rows(&self) -> usize {
        self.base[self.base.len() - 1]
    }
}

/// Every valid way an arrow can run on placement `p`, the default first (see [`alternative`]).
fn alternatives(by_row: &ByRow, p: &Placement, s: usize, t: usize, labelled: bool) -> Vec<Topo> {
    (0..)
        .map_while(|k| alternative(by_row, p, s, t, labelled, k))
        .collect()
}

/// The `k`-th valid way an arrow can run on placement `p`, the default (0) first, or `None`
/// past the last. `by_row` lists the occupied columns of each (band, row); `labelled` arrows
/// keep their label's side (right).
///
/// - Straight: only the vertical arrow.
/// - Forward through one gap: the gap just left of the target (along the source's row),
///   then just right of the source (along the target's row), then any gap between where
///   both rows are clear.
/// - Forward through a corridor, and backward: the corridor just below the upper row, just
///   below the lower one, then every corridor of the bands the two rows span; a backward
///   arrow also into the target's left side, and (unlabelled) out of the source's left.
fn alternative(
    by_row: &ByRow,
    p: &Placement,
    s: usize,
    t: usize,
    labelled: bool,
    k: usize,
) -> Option<Topo> {
    let (a, b) = (p.col[s], p.col[t]);
    let only = |topo: Topo| (k == 0).then_some(topo);
    if p.vertical_from[t] == Some(s) {
        let down = (p.band[t], p.row[t]) > (p.band[s], p.row[s]);
        return only(Topo {
            out_side: if down { Side::Bottom } else { Side::Top },
            in_side: if down { Side::Top } else { Side::Bottom },
            shape: Shape::Vertical,
        });
    }
    let via = |gap| Topo {
        out_side: Side::Right,
        in_side: Side::Left,
        shape: Shape::ViaGap { gap },
    };
    if b == a + 1 {
        return only(via(b));
    }
    if b == a {
        return only(Topo {
            out_side: Side::Right,
            in_side: Side::Right,
            shape: Shape::ViaGap { gap: a + 1 },
        });
    }
    if b > a {
        // True when no box sits in the node's row strictly between columns `lo` and `hi`.
        let clear = |n: usize, lo: usize, hi: usize| {
            by_row.get(p.band[n], p.row[n]).is_none_or(|cols| {
                let first_after = cols.partition_point(|&c| c <= lo);
                cols.get(first_after).is_none_or(|&c| c >= hi)
            })
        };
        // Through gap `g`: along the source's row to it, along the target's row after it.
        let through = |g: &usize| clear(s, a, *g) && clear(t, *g - 1, b);
        let mut gaps = std::iter::once(b)
            .chain(std::iter::once(a + 1))
            .chain(a + 2..b)
            .filter(through)
            .peekable();
        if gaps.peek().is_some() {
            return gaps.nth(k).map(via);
        }
    }
    let upper = nearest_corridor(p, s, t, false);
    let lower = nearest_corridor(p, s, t, true);
    let (lo, hi) = (p.band[s].min(p.band[t]), p.band[s].max(p.band[t]));
    let corridors: usize = (lo..=hi).map(|band| p.rows[band] + 1).sum();
    let sides: &[(Side, Side)] = match (b < a, labelled) {
        (false, _) => &[(Side::Right, Side::Left)],
        (true, true) => &[(Side::Right, Side::Right), (Side::Right, Side::Left)],
        (true, false) => &[
            (Side::Right, Side::Right),
            (Side::Right, Side::Left),
            (Side::Left, Side::Right),
            (Side::Left, Side::Left),
        ],
    };
    let &(out_side, in_side) = sides.get(k / corridors)?;
    let c = k % corridors;
    let (band, corridor) = if c == 0 {
        upper
    } else if c == 1 && lower != upper {
        lower
    } else {
        let skip = if lower != upper { c - 2 } else { c - 1 };
        (lo..=hi)
            .flat_map(|band| (0..=p.rows[band]).map(move |j| (band, j)))
            .filter(|&x| x != upper && x != lower)
            .nth(skip)?
    };
    Some(Topo {
        out_side,
        in_side,
        shape: Shape::Corridor {
            first: if out_side == Side::Right { a + 1 } else { a },
            band,
            corridor,
            second: if in_side == Side::Right { b + 1 } else { b },
        },
    })
}

/// Occupied cells of the grid: (column, band, row).
/// A set of cells (column, band, row), as one flag per cell.
struct Cells {
    rows: usize,
    on: Vec<bool>,
}

impl Cells {
    fn contains(&self, by_row: &ByRow, &(c, band, row): &(usize, usize, usize)) -> bool {
        self.on[c * self.rows + by_row.index(band, row)]
    }

    fn insert(&mut self, by_row: &ByRow, (c, band, row): (usize, usize, usize)) {
        self.on[c * self.rows + by_row.index(band, row)] = true;
    }
}

/// Gives an arrow one corner instead of two or more where its steps are in different rows
/// and the cells on the way are empty: along the source's row into the target's column and
/// into its top or bottom, or out of the source's top or bottom and along the target's row.
/// Arrows are taken in order; the column cells an arrow runs through are reserved, so no two
/// arrows share a stretch of column, and a side that a straight vertical arrow uses takes no
/// other arrow.
fn elbows(graph: &Graph, p: &Placement, by_row: &ByRow, topo: &mut [Topo], tweaks: &Tweaks) {
    let n = graph.nodes.len();
    let empty = || Cells {
        rows: by_row.rows(),
        on: vec![false; p.cols * by_row.rows()],
    };
    let mut occupied = empty();
    for k in 0..n {
        occupied.insert(by_row, (p.col[k], p.band[k], p.row[k]));
    }
    let cell = |k: usize| (p.band[k], p.row[k]);
    let rows_of = |band: usize| p.rows[band];
    // Cells of column `c` strictly between two (band, row) places, top to bottom.
    let between = |c: usize, x: (usize, usize), y: (usize, usize)| {
        let (lo, hi) = if x <= y { (x, y) } else { (y, x) };
        let mut out = Vec::new();
        for band in lo.0..=hi.0 {
            for row in 0..rows_of(band) {
                if (band, row) > lo && (band, row) < hi {
                    out.push((c, band, row));
                }
            }
        }
        out
    };
    let mut reserved = empty();
    // Per node, the sides a straight vertical arrow uses.
    let mut straight_sides = vec![[false; 4]; n];
    let side_code = |s: Side| s as usize;
    for (i, l) in graph.links.iter().enumerate() {
        if matches!(topo[i].shape, Shape::Vertical) {
            for c in between(p.col[l.to], cell(l.from), cell(l.to)) {
                reserved.insert(by_row, c);
            }
            straight_sides[l.from][side_code(topo[i].out_side)] = true;
            straight_sides[l.to][side_code(topo[i].in_side)] = true;
        }
    }
    let row_clear = |k: usize, a: usize, b: usize| {
        by_row.get(p.band[k], p.row[k]).is_none_or(|cols| {
            let first_after = cols.partition_point(|&c| c <= a);
            cols.get(first_after).is_none_or(|&c| c >= b)
        })
    };
    for (i, l) in graph.links.iter().enumerate() {
        let (s, t) = (l.from, l.to);
        let (a, b) = (p.col[s], p.col[t]);
        if b <= a
            || tweaks.no_elbow(i)
            || cell(s) == cell(t)
            || !matches!(topo[i].shape, Shape::ViaGap { .. } | Shape::Corridor { .. })
        {
            continue;
        }
        let down = cell(t) > cell(s);
        let (toward, away) = if down {
            (Side::Bottom, Side::Top)
        } else {
            (Side::Top, Side::Bottom)
        };
        let free = |cells: &[(usize, usize, usize)]| {
            cells
                .iter()
                .all(|c| !occupied.contains(by_row, c) && !reserved.contains(by_row, c))
        };
        // Along the source's row, then down or up column `b` into the target.
        let mut turn = between(b, cell(s), cell(t));
        turn.push((b, p.band[s], p.row[s]));
        if row_clear(s, a, b) && free(&turn) && !straight_sides[t][side_code(away)] {
            for c in turn {
                reserved.insert(by_row, c);
            }
            topo[i] = Topo {
                out_side: Side::Right,
                in_side: away,
                shape: Shape::Elbow { row_first: true },
            };
            continue;
        }
        // Up or down column `a`, then along the target's row into it.
        let mut turn = between(a, cell(s), cell(t));
        turn.push((a, p.band[t], p.row[t]));
        if row_clear(t, a, b) && free(&turn) && !straight_sides[s][side_code(toward)] {
            for c in turn {
                reserved.insert(by_row, c);
            }
            topo[i] = Topo {
                out_side: toward,
                in_side: Side::Left,
                shape: Shape::Elbow { row_first: false },
            };
        }
    }
}

/// The corridor that keeps a detour shortest: just below the upper of the two rows
/// (between them when they differ, beside the shared row when they do not), or with `below`
/// just below the lower of them.
fn nearest_corridor(p: &Placement, s: usize, t: usize, below: bool) -> (usize, usize) {
    let a = (p.band[s], p.row[s]);
    let b = (p.band[t], p.row[t]);
    let row = if below { a.max(b) } else { a.min(b) };
    (row.0, row.1 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::testing::graph;

    fn placed(col: Vec<usize>, band: Vec<usize>, rows: Vec<usize>) -> Placement {
        let n = col.len();
        Placement {
            col,
            band,
            row: vec![0; n],
            vertical_from: vec![None; n],
            cols: 0,
            rows,
        }
    }

    #[test]
    fn a_label_goes_below_its_arrow_where_another_arrow_runs_through_its_place_above() {
        let r = Rect {
            x: 100.0,
            y: 100.0,
            w: 80.0,
            h: 40.0,
        };
        let lines = vec!["Arbets-".to_string(), "förmedlingen".to_string()];
        let port = (180.0, 126.0);
        let [above, below] = label_places(&lines, 50.0, Side::Right, port, &r);
        // Both just past the box; the first above the arrow, the second below it.
        assert_eq!((above.x, below.x), (182.0, 182.0));
        let (a, b) = (label_rect(&above, 50.0), label_rect(&below, 50.0));
        assert!(a.bottom() < port.1 && b.y > port.1, "{a:?} {b:?}");
        // Its own arrow runs along the port and hits neither; an arrow leaving 8 pt
        // higher runs through the place above.
        let own = vec![port, (300.0, 126.0)];
        let higher = vec![(180.0, 118.0), (300.0, 118.0)];
        let paths = [own, higher];
        assert_eq!(label_hits(&a, &paths, 0, &[]), 1);
        assert_eq!(label_hits(&b, &paths, 0, &[]), 0);
        // A box in the way counts as well.
        assert_eq!(label_hits(&b, &paths[..1], 0, &[b]), 1);
        // An arrow that leaves the left side has its label left of the box.
        let [left, _] = label_places(&lines, 50.0, Side::Left, (100.0, 126.0), &r);
        assert_eq!(left.x, 48.0);
    }

    fn route_with(g: &Graph, mut p: Placement, elbows: bool) -> MapLayout {
        p.cols = p.col.iter().max().map_or(1, |c| c + 1);
        let options = Options {
            untangle: true,
            elbows,
        };
        route(g, &p, 0.0, false, options)
    }

    #[test]
    fn an_arrow_between_lanes_takes_one_corner_through_free_cells() {
        // 1 in the top lane, 2 two columns right in the lane below, nothing in between.
        let g = graph(2, &[Some(0), Some(1)], &[(0, 1)]);
        let with = route_with(&g, placed(vec![0, 2], vec![0, 1], vec![1, 1]), true);
        assert_eq!(with.edges[0].points.len(), 3, "{:?}", with.edges[0].points);
        let (x, y) = with.edges[0].points[2];
        let target = with.boxes[1].rect;
        assert!(
            (y - target.y).abs() < 1e-6,
            "it enters the target from above"
        );
        assert!(x > target.x && x < target.right());
        let without = route_with(&g, placed(vec![0, 2], vec![0, 1], vec![1, 1]), false);
        assert_eq!(
            without.edges[0].points.len(),
            4,
            "two corners through a gap"
        );
    }

    #[test]
    fn a_flipped_arrow_runs_along_the_target_row_instead_of_the_source_row() {
        let g = graph(2, &[Some(0), Some(1)], &[(0, 1)]);
        let options = Options {
            untangle: false,
            elbows: false,
        };
        let mut p = placed(vec![0, 2], vec![0, 1], vec![1, 1]);
        p.cols = 3;
        let plain = route(&g, &p, 0.0, false, options);
        let flipped = Tweaks {
            no_elbow: vec![false],
            route: vec![1],
        };
        let other = route_tweaked(&g, &p, 0.0, false, options, &flipped);
        let (a, b) = (&plain.edges[0].points, &other.edges[0].points);
        assert_eq!((a.len(), b.len()), (4, 4));
        // The vertical stretch is in the gap before the target, or just after the source.
        assert!(a[1].0 > b[1].0, "{a:?} vs {b:?}");
        assert!(b[1].0 < plain.boxes[1].rect.x - 40.0);
    }

    #[test]
    fn arrows_into_one_side_of_a_step_join_on_one_track_beside_it() {
        // Steps 1 and 2 in the lanes above and below 3, both into it from two columns left:
        // both run along their own row and turn in the gap just before 3.
        let g = graph(3, &[Some(0), Some(2), Some(1)], &[(0, 2), (1, 2)]);
        let layout = route_with(
            &g,
            placed(vec![0, 0, 2], vec![0, 2, 1], vec![1, 1, 1]),
            false,
        );
        let (a, b) = (&layout.edges[0].points, &layout.edges[1].points);
        let target = layout.boxes[2].rect;
        // Each ends in its own port on the left side of 3, turning on the same x.
        assert!((a[a.len() - 1].0 - target.x).abs() < 1e-6, "{a:?}");
        assert!((b[b.len() - 1].0 - target.x).abs() < 1e-6, "{b:?}");
        assert!((a[a.len() - 1].1 - b[b.len() - 1].1).abs() > 1.0);
        assert!(
            (a[a.len() - 2].0 - b[b.len() - 2].0).abs() < 1e-6,
            "{a:?} {b:?}"
        );
    }

    #[test]
    fn arrows_into_one_side_that_turn_in_one_gap_away_from_it_are_one_bundle() {
        // 1 and 2 in the lanes above and below 3, three columns left of it. Turning just
        // right of their own column, both arrows join there and run on as one line.
        let g = graph(3, &[Some(0), Some(2), Some(1)], &[(0, 2), (1, 2)]);
        let mut p = placed(vec![0, 0, 3], vec![0, 2, 1], vec![1, 1, 1]);
        p.cols = 4;
        let moves = bundle_moves(&g, &p);
        assert!(moves.contains(&vec![(0, 1), (1, 1)]), "{moves:?}");
        assert!(
            moves.contains(&vec![(0, 0), (1, 0)]),
            "the comb beside 3: {moves:?}"
        );
        let options = Options {
            untangle: true,
            elbows: false,
        };
        let tweaks = Tweaks {
            no_elbow: vec![true; 2],
            route: vec![1, 1],
        };
        let layout = route_tweaked(&g, &p, 0.0, false, options, &tweaks);
        let (a, b) = (&layout.edges[0].points, &layout.edges[1].points);
        assert_eq!(a.len(), 4, "{a:?}");
        assert_eq!(b.len(), 4, "{b:?}");
        assert_eq!(a[2..], b[2..], "one track from where they meet, one port");
        assert!(
            a[2].0 < layout.boxes[2].rect.x - 100.0,
            "they meet away from 3"
        );
        // Beside 3, the same two arrows keep a port each.
        let beside = route_tweaked(&g, &p, 0.0, false, options, &Tweaks::none(2));
        let (a, b) = (&beside.edges[0].points, &beside.edges[1].points);
        assert!(
            (a[a.len() - 1].1 - b[b.len() - 1].1).abs() > 1.0,
            "{a:?} {b:?}"
        );
    }

    #[test]
    fn of_two_arrows_up_from_one_side_the_one_that_turns_first_leaves_above() {
        // 1 in the bottom lane; 2 one column right in the lane above it, 3 three columns
        // right in the top lane. The arrow to 3 heads higher but turns later: leaving above
        // the arrow to 2, it would be crossed by that arrow's way up.
        let g = graph(3, &[Some(2), Some(1), Some(0)], &[(0, 1), (0, 2)]);
        let layout = route_with(
            &g,
            placed(vec![0, 1, 3], vec![2, 1, 0], vec![1, 1, 1]),
            false,
        );
        let (near, far) = (&layout.edges[0].points, &layout.edges[1].points);
        assert!(near[0].1 < far[0].1, "{near:?} {far:?}");
        assert_eq!(layout.crossings, 0);
    }

    #[test]
    fn arrows_over_a_step_of_a_lane_map_never_run_along_one_line() {
        // Six steps in a row; 2 → 4 and 3 → 5 jump a step each, so in the gap between 3 and
        // 4 one leaves 3 and the other enters 4 at the same height: the tracks must be in
        // the order that keeps the two stubs apart.
        let links = [(0, 1), (1, 2), (2, 3), (1, 3), (2, 4), (3, 4), (4, 5)];
        let g = graph(1, &[Some(0); 6], &links);
        let mut p = placed(vec![0, 1, 2, 3, 4, 5], vec![0; 6], vec![1]);
        p.cols = 6;
        let options = Options {
            untangle: true,
            elbows: false,
        };
        let layout = route(&g, &p, 0.0, true, options);
        assert_eq!(layout.overlaps, 0, "{:?}", layout.edges);
        let without = Options {
            untangle: false,
            ..options
        };
        assert_eq!(route(&g, &p, 0.0, true, without).overlaps, 1);
    }

    #[test]
    fn untangling_a_large_map_takes_arrows_off_one_line() {
        // 130 steps in a row of one lane, each into the next two: 257 arrows, more than
        // the maps that are judged whole, with an overlap and crossings at every step.
        let n = 130;
        let links: Vec<(usize, usize)> = (0..n)
            .flat_map(|i| [(i, i + 1), (i, i + 2)])
            .filter(|&(_, j)| j < n)
            .collect();
        assert!(links.len() > UNTANGLE_SWAP_MAX_ARROWS);
        let g = graph(1, &vec![Some(0); n], &links);
        let mut p = placed((0..n).collect(), vec![0; n], vec![1]);
        p.cols = n;
        let tangled = Options {
            untangle: false,
            elbows: false,
        };
        let before = route(&g, &p, 0.0, true, tangled);
        let after = route(
            &g,
            &p,
            0.0,
            true,
            Options {
                untangle: true,
                ..tangled
            },
        );
        // Arrows to different steps along one line go first, even at the price of crossings.
        assert!(before.overlaps > 0, "{}", before.overlaps);
        assert_eq!(after.overlaps, 0);
        assert!((after.overlaps, after.crossings) < (before.overlaps, before.crossings));
    }

    #[test]
    fn lines_that_share_a_track_are_crossed_in_one_point() {
        // Two arrows share x = 10 from y 0 to 20; a third crosses it at y = 10.
        let paths = vec![
            vec![(0.0, 0.0), (10.0, 0.0), (10.0, 20.0), (30.0, 20.0)],
            vec![(0.0, -5.0), (10.0, -5.0), (10.0, 25.0), (30.0, 25.0)],
            vec![(5.0, 10.0), (20.0, 10.0)],
        ];
        let (total, per_path) = crossings(&paths);
        assert_eq!(total, 1);
        assert_eq!(per_path, [1, 1, 1]);
    }

    #[test]
    fn a_backward_arrow_may_take_every_corridor_it_spans_and_either_side() {
        // 1 (lane 0) back to 0 (lane 2), two columns left; lanes of one row each.
        let mut p = placed(vec![0, 2], vec![2, 0], vec![1, 1, 1]);
        p.cols = 3;
        let by_row = ByRow::of(&p);
        let all = alternatives(&by_row, &p, 1, 0, false);
        // Three bands of two corridors each, out of and into either side.
        assert_eq!(all.len(), 6 * 4);
        let mut seen = std::collections::BTreeSet::new();
        for t in &all {
            let Shape::Corridor {
                first,
                band,
                corridor,
                second,
            } = t.shape
            else {
                panic!("{t:?}");
            };
            assert_eq!(first, if t.out_side == Side::Right { 3 } else { 2 });
            assert_eq!(second, if t.in_side == Side::Right { 1 } else { 0 });
            seen.insert((band, corridor, t.out_side as u8, t.in_side as u8));
        }
        assert_eq!(seen.len(), all.len(), "no route twice");
        // The default is the corridor below the upper row, right side out and in.
        assert!(matches!(
            all[0].shape,
            Shape::Corridor {
                band: 0,
                corridor: 1,
                ..
            }
        ));
        // A labelled arrow keeps its label's side: out of the right.
        let labelled = alternatives(&by_row, &p, 1, 0, true);
        assert_eq!(labelled.len(), 6 * 2);
        assert!(labelled.iter().all(|t| t.out_side == Side::Right));
    }

    #[test]
    fn a_step_in_the_way_keeps_the_arrow_in_the_gaps() {
        // Step 3 sits in the target's column, between the source's lane and the target.
        let g = graph(3, &[Some(0), Some(2), Some(1)], &[(0, 1)]);
        let layout = route_with(
            &g,
            placed(vec![0, 2, 2], vec![0, 2, 1], vec![1, 1, 1]),
            true,
        );
        let boxes: Vec<Rect> = layout.boxes.iter().map(|b| b.rect).collect();
        let e = &layout.edges[0];
        for w in e.points.windows(2) {
            let (lo_x, hi_x) = (w[0].0.min(w[1].0), w[0].0.max(w[1].0));
            let (lo_y, hi_y) = (w[0].1.min(w[1].1), w[0].1.max(w[1].1));
            let r = boxes[2];
            let through = lo_x < r.right() && hi_x > r.x && lo_y < r.bottom() && hi_y > r.y;
            assert!(!through, "the arrow passes through step 3: {:?}", e.points);
        }
    }
}
