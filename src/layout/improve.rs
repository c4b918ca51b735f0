//! Step 1b of the layout: a local search over the placement, with the real router as its
//! cost function.
//!
//! [`place`](super::place) fills the grid greedily in number order. This phase then moves
//! one step at a time to another free cell of its lane (or exchanges two steps of a lane),
//! routes the map after each move, and keeps the move when the map gets better: first
//! when it fits its paper better, then fewer crossings, fewer bends, shorter arrows, less
//! area. Moves keep the reading order: a step never goes left of a step it follows from.
//! The search is deterministic (moves are tried in a fixed order) and bounded by a number
//! of routings, so its time grows with the map only up to [`MAX_ROUTINGS`].

use super::place::Placement;
use super::route;
use super::{Graph, MapLayout};

/// The most nodes a map may have for the search to run; larger maps keep the greedy
/// placement, which is already good on long chains.
pub(super) const MAX_NODES: usize = 120;

/// The most routings one search may spend.
const MAX_ROUTINGS: usize = 6000;

/// How far, in columns, a step may move from where it is in one move.
const REACH: usize = 3;

/// The quality of a layout, compared lexicographically: smaller is better.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub(super) struct Cost {
    /// How much the diagram must shrink to fit its paper (0 when it fits at full size).
    overflow: f64,
    crossings: usize,
    bends: usize,
    /// Total arrow length, rounded to whole points so noise does not decide.
    length: i64,
    /// Area in square points, rounded to hundreds.
    area: i64,
}

impl Cost {
    /// The cost of a routed layout on paper with room `room` (width, height).
    pub(super) fn of(layout: &MapLayout, room: (f64, f64)) -> Cost {
        let fit = (room.0 / layout.width).min(room.1 / layout.height);
        Cost {
            overflow: ((1.0 - fit).max(0.0) * 1000.0).round(),
            crossings: layout.crossings,
            bends: layout.bends,
            length: layout.length.round() as i64,
            area: (layout.width * layout.height / 100.0).round() as i64,
        }
    }
}

/// Improves `start` by local search and returns the best placement found with its cost.
/// `cap` is the most rows a lane may have.
pub(super) fn improve(
    graph: &Graph,
    start: Placement,
    cap: usize,
    room: (f64, f64),
) -> (Placement, Cost) {
    let mut search = Search {
        graph,
        room,
        routings: 0,
    };
    let mut best = normalized(graph, start);
    let mut best_cost = search.cost(&best);
    if graph.nodes.len() > MAX_NODES {
        return (best, best_cost);
    }
    loop {
        let mut improved = false;
        for i in 0..graph.nodes.len() {
            for candidate in moves(graph, &best, i, cap) {
                if search.routings >= MAX_ROUTINGS {
                    return (best, best_cost);
                }
                let cost = search.cost(&candidate);
                if cost < best_cost {
                    best = candidate;
                    best_cost = cost;
                    improved = true;
                }
            }
        }
        if !improved || best_cost.crossings == 0 && best_cost.bends == 0 {
            return (best, best_cost);
        }
    }
}

/// The router as a cost function, counting its calls.
struct Search<'a> {
    graph: &'a Graph,
    room: (f64, f64),
    routings: usize,
}

impl Search<'_> {
    fn cost(&mut self, p: &Placement) -> Cost {
        self.routings += 1;
        let layout = route::route(self.graph, p, 0.0, false, false);
        Cost::of(&layout, self.room)
    }
}

/// The placements one move of node `i` away from `p`: to every free cell of its lane within
/// [`REACH`] columns that keeps the reading order, and exchanges with the nodes of its lane
/// there. Each is normalised.
fn moves(graph: &Graph, p: &Placement, i: usize, cap: usize) -> Vec<Placement> {
    let n = graph.nodes.len();
    let shared = |k: usize| graph.nodes[k].band.is_none();
    // Columns a node may take: not left of a node it follows from, not right of one that
    // follows from it (forward arrows only, as in number order).
    let window = |k: usize, p: &Placement| {
        let mut lo = 0;
        let mut hi = p.cols;
        for l in graph.links.iter().filter(|l| l.from < l.to) {
            if l.to == k {
                lo = lo.max(p.col[l.from]);
            }
            if l.from == k {
                hi = hi.min(p.col[l.to]);
            }
        }
        (lo, hi)
    };
    let occupant = |p: &Placement, c: usize, b: usize, r: usize| {
        (0..n).find(|&k| p.col[k] == c && p.band[k] == b && p.row[k] == r)
    };
    let column_has_shared = |p: &Placement, c: usize, except: usize| {
        (0..n).any(|k| k != except && p.col[k] == c && shared(k))
    };
    let column_used =
        |p: &Placement, c: usize, except: usize| (0..n).any(|k| k != except && p.col[k] == c);
    let (lo, hi) = window(i, p);
    let from = p.col[i].saturating_sub(REACH).max(lo);
    let to = (p.col[i] + REACH).min(hi).min(p.cols);
    let bands: Vec<usize> = match graph.nodes[i].band {
        Some(b) => vec![b],
        None => (0..p.rows.len()).collect(),
    };
    let mut out = Vec::new();
    for c in from..=to {
        if shared(i) {
            // A shared step keeps a column of its own, in any band.
            if c < p.cols && column_used(p, c, i) {
                continue;
            }
            for &b in &bands {
                if (c, b) == (p.col[i], p.band[i]) {
                    continue;
                }
                let mut q = p.clone();
                q.col[i] = c;
                q.band[i] = b;
                q.row[i] = 0;
                out.push(normalized(graph, q));
            }
            continue;
        }
        if c < p.cols && column_has_shared(p, c, i) {
            continue;
        }
        for &b in &bands {
            for r in 0..cap {
                if (c, b, r) == (p.col[i], p.band[i], p.row[i]) {
                    continue;
                }
                let mut q = p.clone();
                match occupant(p, c, b, r) {
                    None => {}
                    Some(j) => {
                        // Exchange, if `j` may go where `i` is.
                        let (jlo, jhi) = window(j, p);
                        if p.col[i] < jlo || p.col[i] > jhi || shared(j) {
                            continue;
                        }
                        q.col[j] = p.col[i];
                        q.band[j] = p.band[i];
                        q.row[j] = p.row[i];
                    }
                }
                q.col[i] = c;
                q.band[i] = b;
                q.row[i] = r;
                if order_kept(graph, &q) {
                    out.push(normalized(graph, q));
                }
            }
        }
    }
    out
}

/// True when no forward arrow points left.
fn order_kept(graph: &Graph, p: &Placement) -> bool {
    graph
        .links
        .iter()
        .all(|l| l.from >= l.to || p.col[l.to] >= p.col[l.from])
}

/// Makes a placement consistent after a move: empty columns and rows are removed, and an
/// arrow runs straight up or down exactly where its two steps share a column with nothing
/// between them.
pub(super) fn normalized(graph: &Graph, mut p: Placement) -> Placement {
    let n = graph.nodes.len();
    // Columns in use, renumbered from 0.
    let mut used: Vec<usize> = p.col.clone();
    used.sort_unstable();
    used.dedup();
    for c in p.col.iter_mut() {
        *c = used.binary_search(c).expect("a used column");
    }
    p.cols = used.len().max(1);
    // Rows in use per band, renumbered from 0.
    let bands = p.rows.len();
    let mut rows_used: Vec<Vec<usize>> = vec![Vec::new(); bands];
    for k in 0..n {
        rows_used[p.band[k]].push(p.row[k]);
    }
    for r in &mut rows_used {
        r.sort_unstable();
        r.dedup();
    }
    for k in 0..n {
        p.row[k] = rows_used[p.band[k]]
            .binary_search(&p.row[k])
            .expect("a used row");
    }
    p.rows = rows_used.iter().map(|r| r.len().max(1)).collect();
    // Straight arrows: a forward arrow between two steps of one column with only free
    // cells between them, when it is the target's only predecessor in that column.
    let cell = |k: usize, p: &Placement| (p.band[k], p.row[k]);
    let mut vertical_from = vec![None; n];
    for (t, vertical) in vertical_from.iter_mut().enumerate() {
        let same: Vec<usize> = graph
            .links
            .iter()
            .filter(|l| l.to == t && l.from < l.to && p.col[l.from] == p.col[t])
            .map(|l| l.from)
            .collect();
        let [s] = same[..] else { continue };
        let (lo, hi) = if cell(s, &p) < cell(t, &p) {
            (cell(s, &p), cell(t, &p))
        } else {
            (cell(t, &p), cell(s, &p))
        };
        let blocked = (0..n).any(|k| {
            k != s && k != t && p.col[k] == p.col[t] && cell(k, &p) > lo && cell(k, &p) < hi
        });
        if !blocked {
            *vertical = Some(s);
        }
    }
    p.vertical_from = vertical_from;
    p
}
