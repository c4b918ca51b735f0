//! Untangling: the order of the tracks in each gap and corridor, mirrored or exchanged
//! where that crosses less.

use super::*;

/// The most arrows a map may have for [`untangle`] to run: each trial recounts the crossings
/// of the arrows it moves with the arrows near them.
pub(super) const UNTANGLE_MAX_ARROWS: usize = 3000;

/// The most arrows a map may have for [`untangle`] to also try every exchange of two
/// tracks, which recounts the crossings once per pair of tracks in each gap and corridor.
pub(super) const UNTANGLE_SWAP_MAX_ARROWS: usize = 120;

/// Mirrors the order of the tracks in a gap or corridor wherever that lowers the number of
/// crossings, one gap or corridor at a time (a local search, not an optimum). Sizes do not
/// change, so the geometry stays valid.
pub(super) fn untangle(
    topo: &[Topo],
    targets: &[usize],
    ports: &Ports,
    g: &Geometry,
    tracks: &mut Tracks,
) {
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
pub(super) type Path = Vec<(f64, f64)>;

/// The bounding box of a path: min x, min y, max x, max y.
pub(super) fn bounds(points: &[(f64, f64)]) -> [f64; 4] {
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
pub(super) fn local(
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
pub(super) fn pair(a: &[(f64, f64)], b: &[(f64, f64)], same_target: bool) -> (usize, usize) {
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

pub(super) fn minmax(a: f64, b: f64) -> (f64, f64) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}
