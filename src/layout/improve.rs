//! Step 1b of the layout: a local search over the placement, with the real router as its
//! cost function.
//!
//! [`place`](super::place) fills the grid greedily in number order. This phase then takes
//! the steps one at a time and tries each in every free cell of its lane within a few
//! columns, in a new column of its own, and exchanged with the steps of its lane there;
//! it routes the map for each and keeps the best move when it makes the map better: first
//! whether it fits its paper at full size, then fewer crossings, fewer bends, shorter arrows, less
//! area. Rounds repeat until no move helps. Moves keep the reading order: a step never goes
//! left of a step it follows from.
//! The search is deterministic (moves are tried in a fixed order) and bounded by a number
//! of routings, so its time grows with the map only up to [`MAX_ROUTINGS`].

use super::anneal;
use super::place::Placement;
use super::route::{self, Tweaks};
use super::Graph;

/// The most nodes a map may have for the search to run; larger maps keep the greedy
/// placement, which is already good on long chains.
pub(super) const MAX_NODES: usize = 120;

/// The most routings one descent (placement and routes in turn until neither improves) may
/// spend.
const MAX_ROUTINGS: usize = 3000;

/// Annealing runs from each descent's result this many times, each with a sequence of moves
/// of its own, and the best result is kept: the runs end far apart.
pub(super) const CHAINS: u64 = 2;

/// The most arrows a map may have for the last round of route choices to count crossings
/// after untangling the tracks, which costs a search of its own per routing.
const UNTANGLED_TWEAKS_MAX_ARROWS: usize = 80;

/// How many of an arrow's routes, the cheapest without untangling, the last round routes
/// with the tracks untangled.
const SCREENED: usize = 5;

/// How far, in columns, a step may move from where it is in one move.
const REACH: usize = 2;

/// The quality of a layout, compared lexicographically: smaller is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Cost {
    /// True when the diagram must shrink to fit its paper (so its text prints under
    /// 7 pt): a map that fits at full size comes before any that does not.
    pub shrinks: bool,
    /// Arrows to different steps along one line: a reader could take a wrong turn.
    pub overlaps: usize,
    pub crossings: usize,
    pub bends: usize,
    /// Total arrow length, rounded to whole points so noise does not decide.
    pub length: i64,
    /// Area in square points, rounded to hundreds.
    pub area: i64,
}

impl Cost {
    /// The cost as one number, for the annealing, which must weigh how much worse a map is:
    /// shrinking outweighs any overlaps, an overlap 100 crossings, a crossing 50 bends, a
    /// bend 400 pt of arrow. (The descent and the choice of the best map compare [`Cost`]
    /// as it is, field by field.)
    pub(super) fn energy(&self) -> f64 {
        1e6 * f64::from(u8::from(self.shrinks))
            + 1e4 * self.overlaps as f64
            + 100.0 * self.crossings as f64
            + 2.0 * self.bends as f64
            + self.length as f64 / 200.0
    }

    /// The cost of a routing on paper with room `room` (width, height).
    pub(super) fn of(layout: impl Into<route::Figures>, room: (f64, f64)) -> Cost {
        let layout: route::Figures = layout.into();
        let fit = (room.0 / layout.width).min(room.1 / layout.height);
        Cost {
            shrinks: fit < 1.0 - 1e-9,
            overlaps: layout.overlaps,
            crossings: layout.crossings,
            bends: layout.bends,
            length: layout.length.round() as i64,
            area: (layout.width * layout.height / 100.0).round() as i64,
        }
    }
}

/// A placement with its routes and their cost: what each phase of the search hands on.
#[derive(Clone, Debug)]
pub(super) struct Searched {
    pub placement: Placement,
    pub tweaks: Tweaks,
    pub cost: Cost,
    /// The most rows a lane may have.
    pub cap: usize,
}

/// Phase 1: the descent from a greedy start to its local optimum (maps over [`MAX_NODES`]
/// keep the start). `cap` is the most rows a lane may have.
pub(super) fn descend_from(
    graph: &Graph,
    start: Placement,
    cap: usize,
    room: (f64, f64),
) -> Searched {
    let mut search = Search::new(graph, room);
    let none = Tweaks::none(graph.links.len());
    let placement = normalized(graph, start);
    let cost = search.cost(&placement, &none);
    if graph.nodes.len() > MAX_NODES {
        return Searched {
            placement,
            tweaks: none,
            cost,
            cap,
        };
    }
    let (placement, tweaks, cost) = settle(&mut search, cap, placement, none, cost);
    Searched {
        placement,
        tweaks,
        cost,
        cap,
    }
}

/// Whether annealing may find a better map than the descent's `from`: where arrows still
/// cross or run along one line, on maps the search runs on.
pub(super) fn worth_annealing(graph: &Graph, from: &Searched) -> bool {
    graph.nodes.len() <= MAX_NODES && from.cost.crossings + from.cost.overlaps > 0
}

/// Phase 2: one run of annealing from the descent's result, with the move sequence of
/// `seed`, and the descent again from the best map it passed. Never worse than `from`.
pub(super) fn anneal_from(graph: &Graph, from: &Searched, seed: u64, room: (f64, f64)) -> Searched {
    let mut search = Search::new(graph, room);
    let start = (from.placement.clone(), from.tweaks.clone(), from.cost);
    let (p, t, c) = anneal::anneal(&mut search, from.cap, start, seed);
    let (placement, tweaks, cost) = settle(&mut search, from.cap, p, t, c);
    Searched {
        placement,
        tweaks,
        cost,
        cap: from.cap,
    }
}

/// Phase 3: the routes of the crossed arrows once more, with the cost the map will have:
/// track orders untangled (maps of up to [`UNTANGLED_TWEAKS_MAX_ARROWS`] arrows).
pub(super) fn finish(graph: &Graph, mut best: Searched, room: (f64, f64)) -> Searched {
    if graph.nodes.len() > MAX_NODES || graph.links.len() > UNTANGLED_TWEAKS_MAX_ARROWS {
        return best;
    }
    let mut search = Search::new(graph, room);
    search.untangle = true;
    let options = route::Options {
        untangle: true,
        elbows: true,
    };
    let layout = route::route_tweaked(graph, &best.placement, 0.0, false, options, &best.tweaks);
    let only = route::crossed(&layout.edges);
    let cost = Cost::of(&layout, room);
    (best.tweaks, best.cost) = tweak(&mut search, &best.placement, best.tweaks, cost, Some(&only));
    best
}

/// Placement and routes in turn, until neither improves or [`MAX_ROUTINGS`] more routings
/// are spent: the descent to a local optimum.
fn settle(
    search: &mut Search,
    cap: usize,
    mut best: Placement,
    mut tweaks: Tweaks,
    mut best_cost: Cost,
) -> (Placement, Tweaks, Cost) {
    search.limit = search.routings + MAX_ROUTINGS;
    loop {
        let before = best_cost;
        let all = vec![true; search.graph.nodes.len()];
        (best, best_cost, _) = descend(search, cap, &tweaks, best, best_cost, all);
        (tweaks, best_cost) = tweak(search, &best, tweaks, best_cost, None);
        if best_cost >= before || search.routings >= search.limit {
            return (best, tweaks, best_cost);
        }
    }
}

/// Tries each arrow's other route (see [`Tweaks`]) on the final placement and keeps each
/// change that makes the map better, in rounds until none does; with `only`, just for the
/// arrows it marks.
fn tweak(
    search: &mut Search,
    p: &Placement,
    mut best: Tweaks,
    mut best_cost: Cost,
    only: Option<&[bool]>,
) -> (Tweaks, Cost) {
    let counts = route::route_count(search.graph, p);
    let bundles = route::bundle_moves(search.graph, p);
    loop {
        let mut improved = false;
        for (link, &count) in counts.iter().enumerate() {
            if only.is_some_and(|only| !only[link]) {
                continue;
            }
            // The other elbow setting, then every other route of the arrow.
            let current = best.route[link];
            let mut choices: Vec<Option<u8>> = std::iter::once(None)
                .chain((0..count.min(usize::from(u8::MAX))).map(|k| Some(k as u8)))
                .filter(|&k| k != Some(current))
                .collect();
            if search.untangle && choices.len() > SCREENED {
                // Untangling costs a search of its own: only the choices that cost least
                // without it are routed with it.
                let mut plain: Vec<(Cost, Option<u8>)> = Vec::with_capacity(choices.len());
                for &choice in &choices {
                    let cost = search.cost_with(p, &apply(&best, link, choice), false);
                    plain.push((cost, choice));
                }
                plain.sort();
                choices = plain.iter().take(SCREENED).map(|c| c.1).collect();
            }
            for choice in choices {
                if search.routings >= search.limit {
                    return (best, best_cost);
                }
                let trial = apply(&best, link, choice);
                let cost = search.cost(p, &trial);
                if cost < best_cost {
                    best = trial;
                    best_cost = cost;
                    improved = true;
                }
            }
        }
        // Whole bundles: every arrow into a side of a step through one gap at once, which
        // no change of one arrow finds, since a bundle of one is no better than its arrow.
        for group in &bundles {
            if only.is_some_and(|only| group.iter().all(|&(link, _)| !only[link])) {
                continue;
            }
            if search.routings >= search.limit {
                return (best, best_cost);
            }
            let mut trial = best.clone();
            for &(link, k) in group {
                trial.route[link] = k;
                trial.no_elbow[link] = true;
            }
            if trial == best {
                continue;
            }
            let cost = search.cost(p, &trial);
            if cost < best_cost {
                best = trial;
                best_cost = cost;
                improved = true;
            }
        }
        if !improved {
            return (best, best_cost);
        }
    }
}

/// `tweaks` with one choice changed for arrow `link`: its other elbow setting (`None`) or
/// route `k`.
pub(super) fn apply(tweaks: &Tweaks, link: usize, choice: Option<u8>) -> Tweaks {
    let mut trial = tweaks.clone();
    match choice {
        None => trial.no_elbow[link] = !trial.no_elbow[link],
        Some(k) => trial.route[link] = k,
    }
    trial
}

/// Moves one node at a time to its best cell until no move improves the placement, or the
/// routings run out. Only the nodes in `focus` are tried at first; after that, the ones next
/// to a node that moved. Returns the nodes that moved.
fn descend(
    search: &mut Search,
    cap: usize,
    tweaks: &Tweaks,
    mut best: Placement,
    mut best_cost: Cost,
    mut focus: Vec<bool>,
) -> (Placement, Cost, Vec<bool>) {
    let graph = search.graph;
    let mut moved = vec![false; graph.nodes.len()];
    loop {
        let mut next = vec![false; graph.nodes.len()];
        for i in (0..graph.nodes.len()).filter(|&i| focus[i]) {
            let mut choice: Option<(Placement, Cost)> = None;
            for candidate in moves(graph, &best, i, cap) {
                if search.routings >= search.limit {
                    break;
                }
                let cost = search.cost(&candidate, tweaks);
                if cost < choice.as_ref().map_or(best_cost, |c| c.1) {
                    choice = Some((candidate, cost));
                }
            }
            if let Some((p, c)) = choice {
                best = p;
                best_cost = c;
                moved[i] = true;
                next[i] = true;
                for l in &graph.links {
                    if l.from == i {
                        next[l.to] = true;
                    }
                    if l.to == i {
                        next[l.from] = true;
                    }
                }
            }
        }
        if !next.contains(&true) || search.routings >= search.limit {
            return (best, best_cost, moved);
        }
        focus = next;
    }
}

/// The router as a cost function, counting its calls.
pub(super) struct Search<'a> {
    pub graph: &'a Graph,
    room: (f64, f64),
    routings: usize,
    /// The routings at which the phase that runs stops.
    limit: usize,
    /// Whether the cost includes the search for track orders (slower, closer to the end).
    untangle: bool,
}

impl<'a> Search<'a> {
    /// A search on `graph` for paper with room `room`, with no routings spent.
    pub(super) fn new(graph: &'a Graph, room: (f64, f64)) -> Search<'a> {
        Search {
            graph,
            room,
            routings: 0,
            limit: MAX_ROUTINGS,
            untangle: false,
        }
    }

    pub(super) fn cost(&mut self, p: &Placement, tweaks: &Tweaks) -> Cost {
        self.cost_with(p, tweaks, self.untangle)
    }

    /// The cost with or without the search for track orders, whatever the phase.
    fn cost_with(&mut self, p: &Placement, tweaks: &Tweaks, untangle: bool) -> Cost {
        self.routings += 1;
        let options = route::Options {
            untangle,
            elbows: true,
        };
        Cost::of(route::cost(self.graph, p, options, tweaks), self.room)
    }
}

/// The placements one move of node `i` away from `p`, each normalised (see [`unnormalized_moves`]).
pub(super) fn moves(graph: &Graph, p: &Placement, i: usize, cap: usize) -> Vec<Placement> {
    unnormalized_moves(graph, p, i, cap)
        .into_iter()
        .map(|q| normalized(graph, q))
        .collect()
}

/// The placements one move of node `i` away from `p`: to every free cell of its lane within
/// [`REACH`] columns that keeps the reading order, and exchanges with the nodes of its lane
/// there. They still need [`normalized`]: the annealing, which uses one of them, normalises
/// only that one.
pub(super) fn unnormalized_moves(
    graph: &Graph,
    p: &Placement,
    i: usize,
    cap: usize,
) -> Vec<Placement> {
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
        // Into a new column just left of column `c`.
        if c < p.cols {
            for &b in &bands {
                let mut q = p.clone();
                for k in 0..n {
                    if q.col[k] >= c && k != i {
                        q.col[k] += 1;
                    }
                }
                q.col[i] = c;
                q.band[i] = b;
                q.row[i] = 0;
                q.cols += 1;
                if order_kept(graph, &q) {
                    out.push(q);
                }
            }
        }
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
                out.push(q);
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
                    out.push(q);
                }
            }
        }
    }
    out
}

/// True when no forward arrow points left.
pub(super) fn order_kept(graph: &Graph, p: &Placement) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{place, testing::graph, Mode};

    const A3: (f64, f64) = (1163.0, 724.0);

    #[test]
    fn normalising_drops_empty_columns_and_rows_and_finds_straight_arrows() {
        let g = graph(2, &[Some(0), Some(1), Some(1)], &[(0, 1), (1, 2)]);
        let p = Placement {
            col: vec![0, 0, 3],
            band: vec![0, 1, 1],
            row: vec![1, 2, 0],
            vertical_from: vec![None; 3],
            cols: 4,
            rows: vec![2, 3],
        };
        let q = normalized(&g, p);
        assert_eq!(q.col, [0, 0, 1]);
        assert_eq!(q.row, [0, 1, 0]);
        assert_eq!(q.rows, [1, 2]);
        assert_eq!(q.cols, 2);
        // 0 → 1 runs straight down; 1 → 2 changes column.
        assert_eq!(q.vertical_from, [None, Some(0), None]);
    }

    #[test]
    fn a_step_between_two_steps_of_a_column_blocks_the_straight_arrow() {
        let g = graph(3, &[Some(0), Some(1), Some(2)], &[(0, 2), (1, 2)]);
        let p = Placement {
            col: vec![0, 0, 0],
            band: vec![0, 1, 2],
            row: vec![0, 0, 0],
            vertical_from: vec![None; 3],
            cols: 1,
            rows: vec![1, 1, 1],
        };
        // Two predecessors share the column: neither arrow may run straight.
        assert_eq!(normalized(&g, p).vertical_from, [None, None, None]);
    }

    /// A fan into and out of a middle lane, where number order puts the steps badly.
    fn tangled() -> Graph {
        graph(
            3,
            &[Some(1), Some(0), Some(2), Some(0), Some(2), Some(1)],
            &[(0, 1), (0, 2), (1, 4), (2, 3), (3, 5), (4, 5)],
        )
    }

    /// The three phases in a row, as [`layout_map`](crate::layout::layout_map) runs them
    /// for one start and one run of annealing.
    fn searched(g: &Graph, cap: usize) -> (Searched, Searched) {
        let start = place::place(g, Mode::Flow { rows: cap });
        let descended = descend_from(g, start, cap, A3);
        let annealed = anneal_from(g, &descended, 0, A3);
        (descended, finish(g, annealed, A3))
    }

    #[test]
    fn the_search_never_ends_worse_than_it_started_and_keeps_the_reading_order() {
        for cap in 1..=3 {
            let g = tangled();
            let start = place::place(&g, Mode::Flow { rows: cap });
            let options = route::Options {
                untangle: false,
                elbows: true,
            };
            let before = Cost::of(&route::route(&g, &start, 0.0, false, options), A3);
            let (descended, end) = searched(&g, cap);
            assert!(
                descended.cost <= before,
                "rows {cap}: {descended:?} after {before:?}"
            );
            assert!(end.cost <= descended.cost, "rows {cap}: {end:?}");
            // Small maps end with the cost the drawn map has: track orders untangled.
            let drawn = route::Options {
                untangle: true,
                elbows: true,
            };
            let again = route::route_tweaked(&g, &end.placement, 0.0, false, drawn, &end.tweaks);
            assert_eq!(end.cost, Cost::of(&again, A3));
            assert!(order_kept(&g, &end.placement));
            assert!(end.placement.row.iter().all(|&r| r < cap));
        }
    }

    #[test]
    fn the_search_is_deterministic() {
        let g = tangled();
        let (_, a) = searched(&g, 2);
        let (_, b) = searched(&g, 2);
        let key = |s: Searched| {
            (
                s.placement.col,
                s.placement.band,
                s.placement.row,
                s.tweaks,
                s.cost,
            )
        };
        assert_eq!(key(a), key(b));
    }

    #[test]
    fn a_map_that_fits_its_paper_beats_any_that_does_not() {
        let g = tangled();
        let p = place::place(&g, Mode::Flow { rows: 1 });
        let options = route::Options {
            untangle: false,
            elbows: true,
        };
        let layout = route::route(&g, &p, 0.0, false, options);
        let roomy = Cost::of(&layout, A3);
        let cramped = Cost::of(&layout, (layout.width / 2.0, layout.height));
        assert!(roomy < cramped);
    }
}
