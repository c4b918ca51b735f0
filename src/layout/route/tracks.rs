//! Tracks: parallel stretches in one gap or corridor get tracks of their own, except the
//! stretches of a comb or bundle, which share one.

use super::*;

/// Gives parallel segments in a gap or corridor their own tracks (interval colouring).
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
pub(super) fn first_free(ends: &mut Vec<f64>, lo: f64, hi: f64) -> usize {
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
