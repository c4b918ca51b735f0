//! Steps 2 and 3 of the layout: routes for the arrows, tracks for parallel arrows, and the
//! coordinates of everything.
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
    let mut edges = Vec::with_capacity(graph.links.len());
    for ((i, link), points) in graph.links.iter().enumerate().zip(paths) {
        let label_at = link.label.as_ref().map(|_| {
            place_label(
                link.lines.clone(),
                topo[i].out_side,
                ports[i].0,
                &rects[link.from],
            )
        });
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

fn column_widths(p: &Placement, sizes: &[(f64, f64)], lane_map: bool) -> Vec<f64> {
    let floor = if lane_map {
        style::LANE_MAP_COLUMN - 2.0 * style::GAP_PAD
    } else {
        style::BOX_W
    };
    let mut w = vec![floor; p.cols];
    for (i, &(bw, _)) in sizes.iter().enumerate() {
        w[p.col[i]] = w[p.col[i]].max(bw);
    }
    w
}

/// Room in each gap for the labels of the arrows that leave the column before it.
fn label_room(
    graph: &Graph,
    p: &Placement,
    sizes: &[(f64, f64)],
    col_w: &[f64],
    topo: &[Topo],
) -> Vec<f64> {
    let mut room = vec![0.0f64; p.cols + 1];
    for (i, link) in graph.links.iter().enumerate() {
        if link.label.is_none() || topo[i].out_side != Side::Right {
            continue;
        }
        let c = p.col[link.from];
        let slack = (col_w[c] - sizes[link.from].0) / 2.0;
        room[c + 1] = room[c + 1].max(link.label_w + 4.0 - slack);
    }
    room
}

#[allow(clippy::too_many_arguments)]
fn geometry(
    graph: &Graph,
    p: &Placement,
    sizes: &[(f64, f64)],
    col_w: &[f64],
    gap_label: &[f64],
    tracks: &Tracks,
    stub_room: f64,
    header_w: f64,
) -> Geometry {
    let gap_w: Vec<f64> = (0..=p.cols)
        .map(|k| {
            gap_label[k]
                + 2.0 * style::GAP_PAD
                + tracks.gaps[k].saturating_sub(1) as f64 * style::TRACK
        })
        .collect();
    let mut gap_x = Vec::with_capacity(p.cols + 1);
    let mut col_x = Vec::with_capacity(p.cols);
    let mut x = header_w;
    for c in 0..p.cols {
        gap_x.push(x);
        x += gap_w[c];
        col_x.push(x);
        x += col_w[c];
    }
    gap_x.push(x);
    x += gap_w[p.cols];
    let width = x;

    let bands = p.rows.len();
    let mut row_h: Vec<Vec<f64>> = p.rows.iter().map(|&r| vec![0.0; r]).collect();
    for (i, &(_, h)) in sizes.iter().enumerate() {
        let cell = &mut row_h[p.band[i]][p.row[i]];
        *cell = cell.max(h);
    }
    for rows in &mut row_h {
        for h in rows.iter_mut() {
            if *h == 0.0 {
                *h = style::BOX_H;
            }
        }
    }
    let top = graph.shared_head_h;
    let mut y = top;
    let mut band_y = Vec::with_capacity(bands);
    let mut band_h = Vec::with_capacity(bands);
    let mut row_y = Vec::with_capacity(bands);
    let mut corr_y = Vec::with_capacity(bands);
    for ((corridors, heights), &rows) in tracks.corridors.iter().zip(&row_h).zip(&p.rows) {
        band_y.push(y);
        let start = y;
        let mut rys = Vec::new();
        let mut cys = Vec::new();
        for (j, &t) in corridors.iter().enumerate() {
            cys.push(y);
            let mut h = 2.0 * style::CORRIDOR_PAD + t.saturating_sub(1) as f64 * style::TRACK;
            if j == 0 || j == rows {
                h = h.max(stub_room).max(8.0);
            }
            y += h;
            if let Some(row) = heights.get(j) {
                rys.push(y);
                y += row;
            }
        }
        band_h.push(y - start);
        row_y.push(rys);
        corr_y.push(cys);
    }
    Geometry {
        col_x,
        col_w: col_w.to_vec(),
        gap_x,
        gap_label: gap_label.to_vec(),
        band_y,
        band_h,
        row_y,
        row_h,
        corr_y,
        width,
        height: y,
    }
}

fn boxes(graph: &Graph, p: &Placement, sizes: &[(f64, f64)], g: &Geometry) -> Vec<Rect> {
    (0..graph.nodes.len())
        .map(|i| {
            let (w, h) = sizes[i];
            let (c, b, r) = (p.col[i], p.band[i], p.row[i]);
            Rect {
                x: g.col_x[c] + (g.col_w[c] - w) / 2.0,
                y: g.row_y[b][r] + (g.row_h[b][r] - h) / 2.0,
                w,
                h,
            }
        })
        .collect()
}

/// The point where an arrow meets a box: (out port, in port) of every link.
type Ports = Vec<((f64, f64), (f64, f64))>;

/// Spreads the arrows that use one side of a box along it, ordered by where their other
/// end is, so that they do not cross at the box. The arrows of a bundle (see [`bundles`])
/// share the port of the first of them, ordered by where they come from on average.
fn assign_ports(
    graph: &Graph,
    topo: &[Topo],
    joined: &[Option<usize>],
    rects: &[Rect],
    g: &Geometry,
) -> Ports {
    // The arrows at each side of each box: (node * 4 + side, other end's y, other end's x,
    // link, is_out), sorted so that each side's arrows come together in their order.
    let mut at: Vec<(usize, f64, f64, usize, bool)> = Vec::with_capacity(graph.links.len() * 2);
    let code = |s: Side| match s {
        Side::Left => 0usize,
        Side::Right => 1,
        Side::Top => 2,
        Side::Bottom => 3,
    };
    for (i, link) in graph.links.iter().enumerate() {
        // Where the arrow heads for from each end: the other end, or the corridor it runs along.
        let (mut sx, mut sy) = rects[link.from].center();
        let (mut tx, mut ty) = rects[link.to].center();
        if let Shape::Corridor {
            first,
            band,
            corridor,
            second,
        } = topo[i].shape
        {
            let y = g.track_y(band, corridor, 0);
            (tx, ty) = (g.track_x(first, 0), y);
            (sx, sy) = (g.track_x(second, 0), y);
        }
        // Along a top or bottom side the arrows are ordered by where they come from across.
        let key = |node: usize, side: Side, x: f64, y: f64| {
            let k = code(side);
            if k >= 2 {
                (node * 4 + k, x, y)
            } else {
                (node * 4 + k, y, x)
            }
        };
        let (k, a, b) = key(link.from, topo[i].out_side, tx, ty);
        at.push((k, a, b, i, true));
        match joined[i] {
            Some(first) if first != i => {
                // A later member: its place in the order is its bundle's, as an average.
                let entry = at
                    .iter_mut()
                    .find(|e| e.3 == first && !e.4)
                    .expect("a bundle's first arrow comes first");
                let members = joined
                    .iter()
                    .take(i + 1)
                    .filter(|&&j| j == Some(first))
                    .count();
                let (_, a, b) = key(link.to, topo[i].in_side, sx, sy);
                entry.1 += (a - entry.1) / members as f64;
                entry.2 += (b - entry.2) / members as f64;
            }
            _ => {
                let (k, a, b) = key(link.to, topo[i].in_side, sx, sy);
                at.push((k, a, b, i, false));
            }
        }
    }
    at.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(a.1.total_cmp(&b.1))
            .then(a.2.total_cmp(&b.2))
            .then(a.3.cmp(&b.3))
            .then(a.4.cmp(&b.4))
    });
    for list in at.chunk_by_mut(|a, b| a.0 == b.0) {
        turn_order(graph, topo, rects, g, list);
    }
    let mut ports: Ports = vec![((0.0, 0.0), (0.0, 0.0)); graph.links.len()];
    for list in at.chunk_by(|a, b| a.0 == b.0) {
        let (node, side) = (list[0].0 / 4, list[0].0 % 4);
        let r = rects[node];
        let kind = graph.nodes[node].kind;
        let (cx, cy) = r.center();
        let n = list.len();
        let spacing = style::PORT_SPACING.min((r.h - 12.0) / n.max(1) as f64);
        for (k, &(_, _, _, link, is_out)) in list.iter().enumerate() {
            let offset = (k as f64 - (n as f64 - 1.0) / 2.0) * spacing;
            let point = match side {
                0 | 1 => {
                    let y = cy + offset;
                    let half = outline_half_width(kind, &r, y);
                    let x = if side == 0 { cx - half } else { cx + half };
                    (x, y)
                }
                _ => {
                    let spacing = style::PORT_SPACING.min((r.w - 12.0) / n.max(1) as f64);
                    let x = cx + (k as f64 - (n as f64 - 1.0) / 2.0) * spacing;
                    let half = outline_half_height(kind, &r, x);
                    (x, if side == 2 { cy - half } else { cy + half })
                }
            };
            if is_out {
                ports[link].0 = point;
            } else {
                ports[link].1 = point;
            }
        }
    }
    for (i, first) in joined.iter().enumerate() {
        if let Some(first) = *first {
            ports[i].1 = ports[first].1;
        }
    }
    ports
}

/// One side's port order, corrected for the arrows whose stretch next to this side runs up
/// or down a gap: of two that run up from the side (or come down into it), the one whose
/// vertical stretch is nearer the box must sit above the other, or that stretch crosses the
/// other's horizontal one (and of two below the side, below). The order by where the arrows
/// head for gets this wrong when the arrow to the higher step turns later. Only the places
/// these arrows hold are reordered among themselves.
fn turn_order(
    graph: &Graph,
    topo: &[Topo],
    rects: &[Rect],
    g: &Geometry,
    list: &mut [(usize, f64, f64, usize, bool)],
) {
    let side = list[0].0 % 4;
    if side >= 2 {
        return;
    }
    let node = list[0].0 / 4;
    let (cx, cy) = rects[node].center();
    // (above, distance from the box) of the vertical stretch next to this side, if any.
    let turn = |link: usize, is_out: bool| -> Option<(bool, f64)> {
        let l = &graph.links[link];
        let (ox, oy) = rects[if is_out { l.to } else { l.from }].center();
        let (x, y) = match (topo[link].shape, is_out) {
            (Shape::ViaGap { gap }, _) => (g.track_x(gap, 0), oy),
            (
                Shape::Corridor {
                    first,
                    band,
                    corridor,
                    second,
                },
                _,
            ) => (
                g.track_x(if is_out { first } else { second }, 0),
                g.track_y(band, corridor, 0),
            ),
            (Shape::Elbow { row_first: true }, true)
            | (Shape::Elbow { row_first: false }, false) => (ox, oy),
            _ => return None,
        };
        ((y - cy).abs() > 1e-6).then_some((y < cy, (x - cx).abs()))
    };
    for above in [true, false] {
        let places: Vec<usize> = (0..list.len())
            .filter(|&k| turn(list[k].3, list[k].4).is_some_and(|t| t.0 == above))
            .collect();
        if places.len() < 2 {
            continue;
        }
        let mut entries: Vec<(usize, f64, f64, usize, bool)> =
            places.iter().map(|&k| list[k]).collect();
        // Above: the nearest stretch first (on top); below: the nearest last (at the bottom).
        entries.sort_by(|a, b| {
            let distance = |e: &(usize, f64, f64, usize, bool)| turn(e.3, e.4).map_or(0.0, |t| t.1);
            let order = distance(a).total_cmp(&distance(b)).then(a.3.cmp(&b.3));
            if above {
                order
            } else {
                order.reverse()
            }
        });
        for (&k, e) in places.iter().zip(entries) {
            list[k] = e;
        }
    }
}

/// The gap of an arrow's last vertical stretch, which ends level with its port.
fn last_gap(topo: &Topo) -> Option<usize> {
    match topo.shape {
        Shape::ViaGap { gap } => Some(gap),
        Shape::Corridor { second, .. } => Some(second),
        Shape::Vertical | Shape::Elbow { .. } => None,
    }
}

/// Bundles: arrows into the same side of a step whose last vertical stretch is in the same
/// gap, away from the step, join there and run on as one line into one port, so what
/// crosses them crosses one line. Each member gets the first member's index; other arrows
/// (and arrows that join beside their step, which keep a port each) get `None`.
fn bundles(graph: &Graph, p: &Placement, topo: &[Topo]) -> Vec<Option<usize>> {
    let key = |i: usize| {
        let t = graph.links[i].to;
        let gap = last_gap(&topo[i])?;
        let beside = match topo[i].in_side {
            Side::Left => p.col[t],
            Side::Right => p.col[t] + 1,
            Side::Top | Side::Bottom => return None,
        };
        (gap != beside).then_some((t, topo[i].in_side as usize, gap))
    };
    let keys: Vec<Option<(usize, usize, usize)>> = (0..topo.len()).map(key).collect();
    let mut joined = vec![None; topo.len()];
    for i in 0..topo.len() {
        let Some(k) = keys[i] else { continue };
        if joined[i].is_some() {
            continue;
        }
        let members: Vec<usize> = (i..topo.len()).filter(|&j| keys[j] == Some(k)).collect();
        if members.len() > 1 {
            for j in members {
                joined[j] = Some(i);
            }
        }
    }
    joined
}

/// Half the height of a symbol's outline at `x`.
fn outline_half_height(kind: StepKind, r: &Rect, x: f64) -> f64 {
    match kind {
        StepKind::Vagval => {
            let (cx, _) = r.center();
            let d = ((x - cx).abs() / (r.w / 2.0)).min(1.0);
            r.h / 2.0 * (1.0 - d)
        }
        _ => r.h / 2.0,
    }
}

/// Half the width of a symbol's outline at height `y`.
fn outline_half_width(kind: StepKind, r: &Rect, y: f64) -> f64 {
    match kind {
        StepKind::Vagval => {
            let (_, cy) = r.center();
            let d = ((y - cy).abs() / (r.h / 2.0)).min(1.0);
            r.w / 2.0 * (1.0 - d)
        }
        _ => r.w / 2.0,
    }
}

/// Gives parallel segments in a gap or corridor their own tracks (interval colouring).
///
/// The last vertical stretches of arrows into the same side of the same step, in one gap,
/// share one track: beside the step they join there like the teeth of a comb, each into its
/// own port, instead of running side by side and crossing each other on the way in;
/// further away they are a bundle with one port.
fn assign_tracks(graph: &Graph, topo: &[Topo], ports: &Ports, g: &Geometry, tracks: &mut Tracks) {
    // (gap, lo, hi, link, slot)
    let mut in_gaps: Vec<(usize, f64, f64, usize, usize)> = Vec::new();
    // (band, corridor, lo, hi, link)
    let mut in_corridors: Vec<(usize, usize, f64, f64, usize)> = Vec::new();
    for (i, t) in topo.iter().enumerate() {
        let ((_, y1), (_, y2)) = ports[i];
        match t.shape {
            Shape::Vertical | Shape::Elbow { .. } => {}
            Shape::ViaGap { gap } => {
                if (y1 - y2).abs() > 1e-6 {
                    in_gaps.push((gap, y1.min(y2), y1.max(y2), i, 0));
                }
            }
            Shape::Corridor {
                first,
                band,
                corridor,
                second,
            } => {
                let cy = g.track_y(band, corridor, 0);
                in_gaps.push((first, y1.min(cy), y1.max(cy), i, 0));
                in_gaps.push((second, y2.min(cy), y2.max(cy), i, 2));
                let x1 = g.track_x(first, 0);
                let x2 = g.track_x(second, 0);
                in_corridors.push((band, corridor, x1.min(x2), x1.max(x2), i));
            }
        }
    }
    // The last stretch into a side of the target: the comb (beside the target) or the
    // bundle (further away) it joins, as (target, side).
    let comb = |link: usize, slot: usize| {
        let t = graph.links[link].to;
        let side = matches!(topo[link].in_side, Side::Left | Side::Right);
        let last = match topo[link].shape {
            Shape::ViaGap { .. } => slot == 0,
            Shape::Corridor { .. } => slot == 2,
            _ => false,
        };
        (side && last).then_some((t, topo[link].in_side as usize))
    };
    // Each comb becomes one interval over all its teeth: runs are (gap, lo, hi, id), and
    // `members` says which (link, slot) belongs to which run.
    let mut runs: Vec<(usize, f64, f64, usize)> = Vec::with_capacity(in_gaps.len());
    let mut members: Vec<(usize, usize, usize)> = Vec::with_capacity(in_gaps.len());
    let mut combs: Vec<((usize, usize, usize), usize)> = Vec::new();
    for &(gap, lo, hi, link, slot) in &in_gaps {
        let key = comb(link, slot).map(|(t, side)| (gap, t, side));
        let joined = key.and_then(|k| combs.iter().find(|c| c.0 == k).map(|c| c.1));
        match joined {
            Some(r) => {
                let run = &mut runs[r];
                run.1 = run.1.min(lo);
                run.2 = run.2.max(hi);
                members.push((r, link, slot));
            }
            None => {
                let r = runs.len();
                if let Some(k) = key {
                    combs.push((k, r));
                }
                runs.push((gap, lo, hi, r));
                members.push((r, link, slot));
            }
        }
    }
    // Gaps: sort by start, then colour greedily.
    runs.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(a.1.total_cmp(&b.1))
            .then(a.2.total_cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    let mut track_of_run = vec![0; runs.len()];
    let mut ends: Vec<Vec<f64>> = vec![Vec::new(); tracks.gaps.len()];
    for &(gap, lo, hi, r) in &runs {
        let t = first_free(&mut ends[gap], lo, hi);
        track_of_run[r] = t;
        tracks.gaps[gap] = tracks.gaps[gap].max(t + 1);
    }
    for &(r, link, slot) in &members {
        tracks.of_link[link][slot] = track_of_run[r];
    }
    in_corridors.sort_by(|a, b| {
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then(a.2.total_cmp(&b.2))
            .then(a.3.total_cmp(&b.3))
            .then(a.4.cmp(&b.4))
    });
    let mut cends: Vec<Vec<Vec<f64>>> = tracks
        .corridors
        .iter()
        .map(|c| vec![Vec::new(); c.len()])
        .collect();
    for &(band, corridor, lo, hi, link) in &in_corridors {
        let t = first_free(&mut cends[band][corridor], lo, hi);
        tracks.of_link[link][1] = t;
        let c = &mut tracks.corridors[band][corridor];
        *c = (*c).max(t + 1);
    }
}

/// The first track whose last segment ends before `lo`, with a little air.
fn first_free(ends: &mut Vec<f64>, lo: f64, hi: f64) -> usize {
    const AIR: f64 = 3.0;
    for (t, end) in ends.iter_mut().enumerate() {
        if *end + AIR < lo {
            *end = hi;
            return t;
        }
    }
    ends.push(hi);
    ends.len() - 1
}

/// The corner points of an arrow.
fn path(
    topo: &Topo,
    ports: &((f64, f64), (f64, f64)),
    tracks: &[usize; 3],
    g: &Geometry,
) -> Vec<(f64, f64)> {
    let ((x1, y1), (x2, y2)) = *ports;
    let mut points = Vec::with_capacity(6);
    points.push((x1, y1));
    match topo.shape {
        Shape::Vertical => {}
        Shape::Elbow { row_first: true } => points.push((x2, y1)),
        Shape::Elbow { row_first: false } => points.push((x1, y2)),
        Shape::ViaGap { gap } => {
            let x = g.track_x(gap, tracks[0]);
            points.push((x, y1));
            points.push((x, y2));
        }
        Shape::Corridor {
            first,
            band,
            corridor,
            second,
        } => {
            let xa = g.track_x(first, tracks[0]);
            let y = g.track_y(band, corridor, tracks[1]);
            let xb = g.track_x(second, tracks[2]);
            points.extend([(xa, y1), (xa, y), (xb, y), (xb, y2)]);
        }
    }
    points.push((x2, y2));
    simplify(points)
}

/// Drops repeated points and corners that lie on a straight line.
fn simplify(mut points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let mut len = 0;
    for k in 0..points.len() {
        let p = points[k];
        if len > 0 && close(points[len - 1].0, p.0) && close(points[len - 1].1, p.1) {
            continue;
        }
        if len >= 2 {
            let (a, b) = (points[len - 2], points[len - 1]);
            if (close(a.0, b.0) && close(b.0, p.0)) || (close(a.1, b.1) && close(b.1, p.1)) {
                len -= 1;
            }
        }
        points[len] = p;
        len += 1;
    }
    points.truncate(len);
    points
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// Where the label of an arrow goes: just past the box, above the arrow for arrows that
/// leave sideways, beside it for arrows that leave up or down.
fn place_label(lines: Vec<String>, side: Side, port: (f64, f64), r: &Rect) -> EdgeLabel {
    let n = lines.len() as f64;
    let (x, y) = match side {
        Side::Bottom => (port.0 + 3.0, r.bottom() + 8.0),
        Side::Top => (port.0 + 3.0, r.y - 3.0 - (n - 1.0) * style::LABEL_LINE),
        _ => (
            r.right() + 2.0,
            port.1 - 2.0 - (n - 1.0) * style::LABEL_LINE,
        ),
    };
    EdgeLabel { lines, x, y }
}

/// The most arrows a map may have for [`untangle`] to run: each trial recounts the crossings
/// of the arrows it moves with the arrows near them.
const UNTANGLE_MAX_ARROWS: usize = 3000;

/// The most arrows a map may have for [`untangle`] to also try every exchange of two
/// tracks, which recounts the crossings once per pair of tracks in each gap and corridor.
const UNTANGLE_SWAP_MAX_ARROWS: usize = 120;

/// Mirrors the order of the tracks in a gap or corridor wherever that lowers the number of
/// crossings, one gap or corridor at a time (a local search, not an optimum). Sizes do not
/// change, so the geometry stays valid.
fn untangle(topo: &[Topo], targets: &[usize], ports: &Ports, g: &Geometry, tracks: &mut Tracks) {
    if topo.len() > UNTANGLE_MAX_ARROWS {
        return;
    }
    // Where each channel is used: (channel, link, slot); channel 0.. are gaps, then
    // corridors numbered after them.
    let corridor_ids: Vec<(usize, usize)> = tracks
        .corridors
        .iter()
        .enumerate()
        .flat_map(|(b, cs)| (0..cs.len()).map(move |j| (b, j)))
        .collect();
    let gaps = tracks.gaps.len();
    let mut uses: Vec<(usize, usize, usize)> = Vec::new();
    for (i, t) in topo.iter().enumerate() {
        match t.shape {
            Shape::Vertical | Shape::Elbow { .. } => {}
            Shape::ViaGap { gap } => uses.push((gap, i, 0)),
            Shape::Corridor {
                first,
                band,
                corridor,
                second,
            } => {
                uses.push((first, i, 0));
                uses.push((second, i, 2));
                let c = corridor_ids
                    .iter()
                    .position(|&x| x == (band, corridor))
                    .unwrap_or(0);
                uses.push((gaps + c, i, 1));
            }
        }
    }
    let mut by_channel: Vec<Vec<(usize, usize)>> = vec![Vec::new(); gaps + corridor_ids.len()];
    for &(channel, link, slot) in &uses {
        by_channel[channel].push((link, slot));
    }
    let trace =
        |link: usize, tracks: &Tracks| path(&topo[link], &ports[link], &tracks.of_link[link], g);
    let mut paths: Vec<Vec<(f64, f64)>> = (0..topo.len()).map(|i| trace(i, tracks)).collect();
    let mut boxes: Vec<[f64; 4]> = paths.iter().map(|p| bounds(p)).collect();
    let exact = |paths: &[Vec<(f64, f64)>]| (overlaps(paths, targets), crossings_of(paths));
    let start = (exact(&paths), tracks.clone());
    let small = topo.len() <= UNTANGLE_SWAP_MAX_ARROWS;
    // A trial is judged by what changes: the pairs of arrows that include one of the moved.
    let mut members: Vec<usize> = Vec::new();
    let mut moved = vec![false; topo.len()];
    for _pass in 0..3 {
        let mut improved = false;
        for channel in 0..gaps + corridor_ids.len() {
            let n = if channel < gaps {
                tracks.gaps[channel]
            } else {
                let (b, j) = corridor_ids[channel - gaps];
                tracks.corridors[b][j]
            };
            if n < 2 {
                continue;
            }
            members.clear();
            members.extend(by_channel[channel].iter().map(|&(link, _)| link));
            members.sort_unstable();
            members.dedup();
            for &m in &members {
                moved[m] = true;
            }
            // Small maps are judged whole, as drawn; large ones by the pairs that change.
            let judge = |paths: &[Vec<(f64, f64)>], boxes: &[[f64; 4]], moved: &[bool]| {
                if small {
                    exact(paths)
                } else {
                    local(paths, boxes, &members, moved, targets)
                }
            };
            let before = judge(&paths, &boxes, &moved);
            if before == (0, 0) {
                for &m in &members {
                    moved[m] = false;
                }
                continue;
            }
            // The mirrored order, then (on maps small enough for it) every exchange of two
            // tracks: each keeps the arrows of a track together, so no two arrows come to
            // share a stretch of track.
            let mirror: Vec<usize> = (0..n).rev().collect();
            let pairs = if topo.len() <= UNTANGLE_SWAP_MAX_ARROWS {
                n
            } else {
                0
            };
            let swaps = (0..pairs).flat_map(|a| {
                (a + 1..n).map(move |b| {
                    let mut order: Vec<usize> = (0..n).collect();
                    order.swap(a, b);
                    order
                })
            });
            let mut best = before;
            for order in std::iter::once(mirror).chain(swaps) {
                let mut trial = tracks.clone();
                for &(link, slot) in &by_channel[channel] {
                    trial.of_link[link][slot] = order[tracks.of_link[link][slot]];
                }
                let old: Vec<(Path, [f64; 4])> = members
                    .iter()
                    .map(|&m| (std::mem::replace(&mut paths[m], trace(m, &trial)), boxes[m]))
                    .collect();
                for &m in &members {
                    boxes[m] = bounds(&paths[m]);
                }
                let c = judge(&paths, &boxes, &moved);
                if c < best {
                    best = c;
                    *tracks = trial;
                    improved = true;
                } else {
                    for (&m, (p, b)) in members.iter().zip(old) {
                        paths[m] = p;
                        boxes[m] = b;
                    }
                }
            }
            for &m in &members {
                moved[m] = false;
            }
        }
        if !improved {
            break;
        }
    }
    // The trials were judged pair by pair; the map is judged as drawn, and never ends worse.
    if exact(&paths) > start.0 {
        *tracks = start.1;
    }
}

/// The corner points of one arrow.
type Path = Vec<(f64, f64)>;

/// The bounding box of a path: min x, min y, max x, max y.
fn bounds(points: &[(f64, f64)]) -> [f64; 4] {
    points.iter().fold(
        [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ],
        |b, &(x, y)| [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)],
    )
}

/// Overlaps and crossings of the pairs of paths that include one of `members` (flagged in
/// `in_set`), each pair counted once; a line across a comb counts once per arrow of it here.
fn local(
    paths: &[Vec<(f64, f64)>],
    boxes: &[[f64; 4]],
    members: &[usize],
    in_set: &[bool],
    targets: &[usize],
) -> (usize, usize) {
    let mut total = (0, 0);
    for &m in members {
        for j in 0..paths.len() {
            if j == m || (in_set[j] && j < m) {
                continue;
            }
            let (a, b) = (boxes[m], boxes[j]);
            if a[0] > b[2] + 1e-6 || b[0] > a[2] + 1e-6 || a[1] > b[3] + 1e-6 || b[1] > a[3] + 1e-6
            {
                continue;
            }
            let (o, c) = pair(&paths[m], &paths[j], targets[m] == targets[j]);
            total.0 += o;
            total.1 += c;
        }
    }
    total
}

/// Segments of two paths that run along one line (when they go to different steps), and
/// points where they cross.
fn pair(a: &[(f64, f64)], b: &[(f64, f64)], same_target: bool) -> (usize, usize) {
    let (mut along, mut crossed) = (0, 0);
    for s in a.windows(2) {
        for t in b.windows(2) {
            let (sv, tv) = (close(s[0].0, s[1].0), close(t[0].0, t[1].0));
            let (h, v) = match (sv, tv) {
                (false, true) => (s, t),
                (true, false) => (t, s),
                _ => {
                    // Parallel: along one line when they share the fixed coordinate.
                    let (fixed, k) = if sv { (0, 1) } else { (1, 0) };
                    let at = |p: (f64, f64), i: usize| if i == 0 { p.0 } else { p.1 };
                    if !same_target && close(at(s[0], fixed), at(t[0], fixed)) {
                        let (lo1, hi1) = minmax(at(s[0], k), at(s[1], k));
                        let (lo2, hi2) = minmax(at(t[0], k), at(t[1], k));
                        if hi1.min(hi2) - lo1.max(lo2) > 0.01 {
                            along += 1;
                        }
                    }
                    continue;
                }
            };
            let (y, (xlo, xhi)) = (h[0].1, minmax(h[0].0, h[1].0));
            let (x, (ylo, yhi)) = (v[0].0, minmax(v[0].1, v[1].1));
            if xlo + 1e-6 < x && x < xhi - 1e-6 && ylo + 1e-6 < y && y < yhi - 1e-6 {
                crossed += 1;
            }
        }
    }
    (along, crossed)
}

fn minmax(a: f64, b: f64) -> (f64, f64) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

/// Counts the points where a horizontal segment of one arrow crosses a vertical segment of
/// another, away from their ends.
fn crossings_of(paths: &[Vec<(f64, f64)>]) -> usize {
    crossings(paths).0
}

/// The crossings of the paths, each point where lines cross counted once (arrows that share
/// a stretch of track, see [`assign_tracks`], are crossed there in one point), and for each
/// path the crossings it takes part in.
fn crossings(paths: &[Vec<(f64, f64)>]) -> (usize, Vec<usize>) {
    let mut vertical: Vec<(f64, f64, f64, usize)> = Vec::new();
    let mut horizontal: Vec<(f64, f64, f64, usize)> = Vec::new();
    for (i, points) in paths.iter().enumerate() {
        for w in points.windows(2) {
            let ((x1, y1), (x2, y2)) = (w[0], w[1]);
            if close(x1, x2) {
                vertical.push((x1, y1.min(y2), y1.max(y2), i));
            } else {
                horizontal.push((y1, x1.min(x2), x1.max(x2), i));
            }
        }
    }
    vertical.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut counts = vec![0; paths.len()];
    let mut total = 0;
    for &(y, xlo, xhi, i) in &horizontal {
        let start = vertical.partition_point(|v| v.0 <= xlo + 1e-6);
        let mut last_x = f64::NAN;
        for v in &vertical[start..] {
            if v.0 >= xhi - 1e-6 {
                break;
            }
            if v.3 != i && v.1 + 1e-6 < y && y < v.2 - 1e-6 {
                counts[v.3] += 1;
                if !close(v.0, last_x) {
                    counts[i] += 1;
                    total += 1;
                    last_x = v.0;
                }
            }
        }
    }
    (total, counts)
}

/// The step each arrow goes to.
fn targets(graph: &Graph) -> Vec<usize> {
    graph.links.iter().map(|l| l.to).collect()
}

/// Pairs of paths to different targets that run along the same line for a stretch.
fn overlaps(paths: &[Vec<(f64, f64)>], targets: &[usize]) -> usize {
    // (fixed coordinate, lo, hi, path), vertical and horizontal apart.
    let mut lines: [Vec<(f64, f64, f64, usize)>; 2] = [Vec::new(), Vec::new()];
    for (i, points) in paths.iter().enumerate() {
        for w in points.windows(2) {
            let ((x1, y1), (x2, y2)) = (w[0], w[1]);
            if close(x1, x2) {
                lines[0].push((x1, y1.min(y2), y1.max(y2), i));
            } else {
                lines[1].push((y1, x1.min(x2), x1.max(x2), i));
            }
        }
    }
    let mut count = 0;
    for list in &mut lines {
        list.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        for (k, a) in list.iter().enumerate() {
            for b in &list[k + 1..] {
                if b.0 - a.0 > 1e-6 {
                    break;
                }
                if targets[a.3] != targets[b.3] && a.2.min(b.2) - a.1.max(b.1) > 0.01 {
                    count += 1;
                }
            }
        }
    }
    count
}

/// Which arrows of a layout cross another.
pub(super) fn crossed(edges: &[EdgeRoute]) -> Vec<bool> {
    let paths: Vec<Vec<(f64, f64)>> = edges.iter().map(|e| e.points.clone()).collect();
    crossings(&paths).1.iter().map(|&c| c > 0).collect()
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
