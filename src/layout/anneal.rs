//! Step 1c of the layout: simulated annealing over the placement and the routes, from the
//! local optimum the descent of [`improve`](super::improve) ended in.
//!
//! In that optimum no single move makes the map better, though two or three together
//! might. Annealing also takes moves that make it worse, the more rarely the worse they are
//! and the further the search has cooled, so it can pass such ridges; it keeps the best map
//! it passes. Its moves are the descent's (a step to another cell of its lane, or exchanged
//! with a step there) and an arrow's other route. Which move comes next is drawn from a
//! pseudo-random sequence with a fixed seed, so the same model always gives the same map.

use super::improve::{self, Cost, Search};
use super::place::Placement;
use super::route::{self, Tweaks};

/// Moves tried per step of the map, up to [`MAX_STEPS`].
const STEPS_PER_NODE: usize = 120;

/// The most moves one run tries.
const MAX_STEPS: usize = 3000;

/// The temperature at the start, in units of [`Cost::energy`]: a move that adds one
/// crossing (100) is taken about one time in four.
const HOT: f64 = 80.0;

/// The temperature at the end: only moves that add a bend or some length are still taken
/// now and then.
const COLD: f64 = 2.0;

/// Anneals from `from` (a placement, its routes and its cost) and returns the best map it
/// passes, never one worse than `from`. `seed` picks the sequence of moves; `cap` is the
/// most rows a lane may have.
pub(super) fn anneal(
    search: &mut Search,
    cap: usize,
    from: (Placement, Tweaks, Cost),
    seed: u64,
) -> (Placement, Tweaks, Cost) {
    let graph = search.graph;
    let steps = (STEPS_PER_NODE * graph.nodes.len()).min(MAX_STEPS);
    let mut rng = Rng::new(seed);
    let (mut p, mut t, mut cost) = from.clone();
    let mut best = from;
    let mut counts = route::route_count(graph, &p);
    for step in 0..steps {
        let temperature = HOT * (COLD / HOT).powf(step as f64 / steps as f64);
        // Two moves in three move a step, one changes an arrow's route.
        let (q, u) = if rng.below(3) < 2 {
            let i = rng.below(graph.nodes.len());
            let mut options = improve::unnormalized_moves(graph, &p, i, cap);
            if options.is_empty() {
                continue;
            }
            let k = rng.below(options.len());
            (
                improve::normalized(graph, options.swap_remove(k)),
                t.clone(),
            )
        } else {
            let link = rng.below(graph.links.len());
            // The other elbow setting, or one of the arrow's routes.
            let k = rng.below(counts[link] + 1);
            let choice = (k < counts[link]).then_some(k.min(usize::from(u8::MAX)) as u8);
            (p.clone(), improve::apply(&t, link, choice))
        };
        let c = search.cost(&q, &u);
        let worse = c.energy() - cost.energy();
        if worse <= 0.0 || rng.unit() < (-worse / temperature).exp() {
            let placed = q.col != p.col || q.band != p.band || q.row != p.row;
            (p, t, cost) = (q, u, c);
            if placed {
                counts = route::route_count(graph, &p);
            }
            if cost < best.2 {
                best = (p.clone(), t.clone(), cost);
            }
        }
    }
    best
}

/// A small pseudo-random generator (xorshift64*): the same seed gives the same sequence on
/// every machine and with every version of every crate.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(0x9E37_79B9_7F4A_7C15 ^ seed.wrapping_mul(0x2545_F491_4F6C_DD1D))
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::improve::{normalized, order_kept};
    use crate::layout::{place, testing::graph, Mode};

    const A3: (f64, f64) = (1163.0, 724.0);

    /// Arrows that cross in number order: two fans between three lanes.
    fn crossed() -> crate::layout::Graph {
        graph(
            3,
            &[Some(0), Some(2), Some(1), Some(0), Some(2), Some(1)],
            &[(0, 4), (1, 3), (2, 3), (2, 4), (0, 5), (1, 5), (3, 5)],
        )
    }

    fn run(seed: u64) -> (Placement, Tweaks, Cost, Cost) {
        let g = crossed();
        let mut search = Search::new(&g, A3);
        let p = normalized(&g, place::place(&g, Mode::Flow { rows: 2 }));
        let t = Tweaks::none(g.links.len());
        let start = search.cost(&p, &t);
        let (p, t, c) = anneal(&mut search, 2, (p, t, start), seed);
        (p, t, c, start)
    }

    #[test]
    fn annealing_never_ends_worse_than_it_started_and_keeps_the_reading_order() {
        for seed in 0..4 {
            let (p, t, end, start) = run(seed);
            assert!(end <= start, "seed {seed}: {end:?} after {start:?}");
            // The greedy start crosses; the annealed map does not.
            assert_eq!((start.overlaps, start.crossings), (3, 4));
            assert_eq!((end.overlaps, end.crossings), (0, 0), "seed {seed}");
            assert!(order_kept(&crossed(), &p));
            assert!(p.row.iter().all(|&r| r < 2));
            // The cost it reports is the cost of what it returns.
            let g = crossed();
            let mut search = Search::new(&g, A3);
            assert_eq!(search.cost(&p, &t), end);
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_map() {
        let (a, ta, ca, _) = run(7);
        let (b, tb, cb, _) = run(7);
        assert_eq!(
            (a.col, a.band, a.row, ta, ca),
            (b.col, b.band, b.row, tb, cb)
        );
    }

    #[test]
    fn the_sequence_stays_in_range_and_depends_on_the_seed() {
        let mut a = Rng::new(0);
        let mut b = Rng::new(1);
        let xs: Vec<usize> = (0..1000).map(|_| a.below(7)).collect();
        assert!(xs.iter().all(|&x| x < 7));
        // Every value comes up: the sequence is not stuck.
        assert!((0..7).all(|v| xs.contains(&v)));
        assert_ne!(xs, (0..1000).map(|_| b.below(7)).collect::<Vec<_>>());
        assert!((0..1000).map(|_| a.unit()).all(|u| (0.0..1.0).contains(&u)));
    }
}
