//! Tracks: parallel stretches in one gap or corridor get tracks of their own, except the
//! stretches of a comb or bundle, which share one.

use super::*;

/// Gives parallel segments in a gap or corridor their own tracks, in the order that
/// crosses least (see [`ordered_tracks`]), so the search judges a map by about the
/// crossings it will have once the tracks are untangled.
///
/// The last vertical stretches of arrows into the same side of the same step, in one gap,
/// share one track: beside the step they join there like the teeth of a comb, each into its
/// own port, instead of running side by side and crossing each other on the way in;
/// further away they are a bundle with one port.
pub(super) fn assign_tracks(
    graph: &Graph,
    topo: &[Topo],
    ports: &Ports,
    g: &Geometry,
    tracks: &mut Tracks,
) {
    // (gap, lo, hi, link, slot) and the two ends of the stretch.
    let mut in_gaps: Vec<(usize, f64, f64, usize, usize)> = Vec::new();
    let mut gap_ends: Vec<[End; 2]> = Vec::new();
    // (band, corridor, lo, hi, link) and the two ends of the stretch.
    let mut in_corridors: Vec<(usize, usize, f64, f64, usize)> = Vec::new();
    let mut corridor_ends: Vec<[End; 2]> = Vec::new();
    for (i, t) in topo.iter().enumerate() {
        let ((x1, y1), (x2, y2)) = ports[i];
        match t.shape {
            Shape::Vertical | Shape::Elbow { .. } => {}
            Shape::ViaGap { gap } => {
                if (y1 - y2).abs() > 1e-6 {
                    let x = g.track_x(gap, 0);
                    in_gaps.push((gap, y1.min(y2), y1.max(y2), i, 0));
                    gap_ends.push([(y1, toward(x, x1)), (y2, toward(x, x2))]);
                }
            }
            Shape::Corridor {
                first,
                band,
                corridor,
                second,
            } => {
                let cy = g.track_y(band, corridor, 0);
                let xa = g.track_x(first, 0);
                let xb = g.track_x(second, 0);
                in_gaps.push((first, y1.min(cy), y1.max(cy), i, 0));
                gap_ends.push([(y1, toward(xa, x1)), (cy, toward(xa, xb))]);
                in_gaps.push((second, y2.min(cy), y2.max(cy), i, 2));
                gap_ends.push([(cy, toward(xb, xa)), (y2, toward(xb, x2))]);
                in_corridors.push((band, corridor, xa.min(xb), xa.max(xb), i));
                corridor_ends.push([(xa, toward(cy, y1)), (xb, toward(cy, y2))]);
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
    // Each comb becomes one run over all its teeth, with the ends of all of them.
    let mut runs: Vec<Run> = Vec::with_capacity(in_gaps.len());
    let mut run_of: Vec<usize> = Vec::with_capacity(in_gaps.len());
    let mut combs: Vec<((usize, usize, usize), usize)> = Vec::new();
    for (&(gap, lo, hi, link, slot), ends) in in_gaps.iter().zip(&gap_ends) {
        let key = comb(link, slot).map(|(t, side)| (gap, t, side));
        let joined = key.and_then(|k| combs.iter().find(|c| c.0 == k).map(|c| c.1));
        match joined {
            Some(r) => {
                let run = &mut runs[r];
                run.lo = run.lo.min(lo);
                run.hi = run.hi.max(hi);
                run.ends.extend_from_slice(ends);
                run_of.push(r);
            }
            None => {
                let r = runs.len();
                if let Some(k) = key {
                    combs.push((k, r));
                }
                runs.push(Run {
                    channel: gap,
                    lo,
                    hi,
                    ends: ends.to_vec(),
                });
                run_of.push(r);
            }
        }
    }
    let track_of_run = ordered_tracks(&runs, &mut tracks.gaps);
    for (&(_, _, _, link, slot), &r) in in_gaps.iter().zip(&run_of) {
        tracks.of_link[link][slot] = track_of_run[r];
    }
    // Corridors, numbered one after another across the bands.
    let first_corridor: Vec<usize> = tracks
        .corridors
        .iter()
        .scan(0, |next, cs| {
            let first = *next;
            *next += cs.len();
            Some(first)
        })
        .collect();
    let runs: Vec<Run> = in_corridors
        .iter()
        .zip(&corridor_ends)
        .map(|(&(band, corridor, lo, hi, _), ends)| Run {
            channel: first_corridor[band] + corridor,
            lo,
            hi,
            ends: ends.to_vec(),
        })
        .collect();
    let mut counts: Vec<usize> = tracks.corridors.iter().flatten().copied().collect();
    let track_of_run = ordered_tracks(&runs, &mut counts);
    for (&(_, _, _, _, link), &t) in in_corridors.iter().zip(&track_of_run) {
        tracks.of_link[link][1] = t;
    }
    for (band, cs) in tracks.corridors.iter_mut().enumerate() {
        for (j, c) in cs.iter_mut().enumerate() {
            *c = counts[first_corridor[band] + j];
        }
    }
}

/// Where a stretch of an arrow meets the rest of it: the coordinate along the channel, and
/// the way the arrow goes on from there across the channel (-1 towards track 0, +1 away from
/// it, 0 nowhere).
type End = (f64, i8);

/// The way from `from` to `to` along one axis.
fn toward(from: f64, to: f64) -> i8 {
    if to > from + 1e-6 {
        1
    } else if to < from - 1e-6 {
        -1
    } else {
        0
    }
}

/// Stretches in one channel (a gap or a corridor) that need a track: one arrow's, or a comb's.
struct Run {
    channel: usize,
    lo: f64,
    hi: f64,
    ends: Vec<End>,
}

/// Gives each run a track: in each channel, runs are put in the order that crosses least
/// (an arrow going on across the channel from its end crosses the runs it passes), then
/// each run takes the first track past the runs before it that it overlaps. `counts` gets
/// the tracks each channel needs.
fn ordered_tracks(runs: &[Run], counts: &mut [usize]) -> Vec<usize> {
    const AIR: f64 = 3.0;
    let mut by_channel: Vec<Vec<usize>> = vec![Vec::new(); counts.len()];
    let mut sorted: Vec<usize> = (0..runs.len()).collect();
    sorted.sort_by(|&a, &b| {
        let (a, b) = (&runs[a], &runs[b]);
        a.channel
            .cmp(&b.channel)
            .then(a.lo.total_cmp(&b.lo))
            .then(a.hi.total_cmp(&b.hi))
    });
    for r in sorted {
        by_channel[runs[r].channel].push(r);
    }
    let overlap = |a: &Run, b: &Run| a.lo < b.hi + AIR && b.lo < a.hi + AIR;
    // Crossings when `a` lies nearer track 0 than `b`.
    let before = |a: &Run, b: &Run| {
        let inside = |y: f64, r: &Run| r.lo + 1e-6 < y && y < r.hi - 1e-6;
        let a_on = a.ends.iter().filter(|e| e.1 > 0 && inside(e.0, b)).count();
        let b_on = b.ends.iter().filter(|e| e.1 < 0 && inside(e.0, a)).count();
        a_on + b_on
    };
    let mut track = vec![0; runs.len()];
    for (channel, members) in by_channel.iter().enumerate() {
        // Runs that overlap, directly or through others, are ordered together; the rest of
        // the channel does not change their crossings.
        let mut start = 0;
        let mut reach = f64::NEG_INFINITY;
        for k in 0..=members.len() {
            if k == members.len() || (k > start && runs[members[k]].lo >= reach + AIR) {
                let cluster = &members[start..k];
                let order = least_crossing_order(runs, cluster, &overlap, &before);
                for (at, &a) in order.iter().enumerate() {
                    let run = &runs[cluster[a]];
                    let t = order[..at]
                        .iter()
                        .filter(|&&b| overlap(run, &runs[cluster[b]]))
                        .map(|&b| track[cluster[b]] + 1)
                        .max()
                        .unwrap_or(0);
                    track[cluster[a]] = t;
                    counts[channel] = counts[channel].max(t + 1);
                }
                start = k;
                reach = f64::NEG_INFINITY;
            }
            if k < members.len() {
                reach = reach.max(runs[members[k]].hi);
            }
        }
    }
    track
}

/// The most runs of one cluster that are put in order by their crossings; a larger one
/// keeps the order of where the runs start, since ordering costs the cube of its size.
const ORDERED_MAX: usize = 40;

/// An order of the runs `cluster` (indices into it, nearest track 0 first) that crosses
/// little: each run is inserted where it crosses least, then each is moved to its best
/// place again until no move helps.
fn least_crossing_order(
    runs: &[Run],
    cluster: &[usize],
    overlap: &impl Fn(&Run, &Run) -> bool,
    before: &impl Fn(&Run, &Run) -> usize,
) -> Vec<usize> {
    let n = cluster.len();
    if n > ORDERED_MAX {
        return (0..n).collect();
    }
    let mut cost = vec![vec![0; n]; n];
    for a in 0..n {
        for b in 0..n {
            if a != b && overlap(&runs[cluster[a]], &runs[cluster[b]]) {
                cost[a][b] = before(&runs[cluster[a]], &runs[cluster[b]]);
            }
        }
    }
    let at_cost = |order: &[usize], r: usize, at: usize| {
        order[..at].iter().map(|&o| cost[o][r]).sum::<usize>()
            + order[at..].iter().map(|&o| cost[r][o]).sum::<usize>()
    };
    // The cheapest place, the last of equals: a run that starts later goes further out.
    let best_place = |order: &[usize], r: usize| {
        (0..=order.len())
            .map(|at| (at_cost(order, r, at), at))
            .fold(
                (usize::MAX, 0),
                |best, c| if c.0 <= best.0 { c } else { best },
            )
    };
    let mut order: Vec<usize> = Vec::with_capacity(n);
    for r in 0..n {
        let (_, at) = best_place(&order, r);
        order.insert(at, r);
    }
    for _ in 0..3 {
        let mut moved = false;
        for r in 0..n {
            let from = order.iter().position(|&o| o == r).expect("in the order");
            order.remove(from);
            let stay = at_cost(&order, r, from);
            let (c, at) = best_place(&order, r);
            let at = if c < stay { at } else { from };
            moved |= at != from;
            order.insert(at, r);
        }
        if !moved {
            break;
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(lo: f64, hi: f64, ends: &[End]) -> Run {
        Run {
            channel: 0,
            lo,
            hi,
            ends: ends.to_vec(),
        }
    }

    #[test]
    fn of_two_arrows_down_a_gap_from_left_to_right_the_one_that_starts_lower_runs_left() {
        // Both come in from the left at their top and go on to the right at their bottom.
        // With the first one left, each would cross the other; the other way round, neither.
        let runs = [
            run(0.0, 100.0, &[(0.0, -1), (100.0, 1)]),
            run(50.0, 150.0, &[(50.0, -1), (150.0, 1)]),
            run(200.0, 300.0, &[(200.0, -1), (300.0, 1)]),
        ];
        let mut counts = [0];
        assert_eq!(ordered_tracks(&runs, &mut counts), [1, 0, 0]);
        // The third overlaps neither and takes the first track again.
        assert_eq!(counts, [2]);
    }

    #[test]
    fn of_two_arrows_that_come_and_go_on_one_side_the_longer_runs_outside() {
        // Both come from the left and go back to the left; the shorter lies within the
        // longer, so the longer must run further from that side, though it starts first.
        let runs = [
            run(0.0, 40.0, &[(0.0, -1), (40.0, -1)]),
            run(-20.0, 80.0, &[(-20.0, -1), (80.0, -1)]),
        ];
        let mut counts = [0];
        assert_eq!(ordered_tracks(&runs, &mut counts), [0, 1]);
    }
}
