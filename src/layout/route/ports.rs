//! Ports: where on its boxes' sides each arrow leaves and enters, and which arrows share
//! a port (bundles).

use super::*;

/// The point where an arrow meets a box: (out port, in port) of every link.
pub(super) type Ports = Vec<((f64, f64), (f64, f64))>;

/// Spreads the arrows that use one side of a box along it, ordered by where their other
/// end is, so that they do not cross at the box. The arrows of a bundle (see [`bundles`])
/// share the port of the first of them, ordered by where they come from on average.
pub(super) fn assign_ports(
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
pub(super) fn turn_order(
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
    let turns: Vec<Option<(bool, f64)>> = list.iter().map(|e| turn(e.3, e.4)).collect();
    for above in [true, false] {
        let places: Vec<usize> = (0..list.len())
            .filter(|&k| turns[k].is_some_and(|t| t.0 == above))
            .collect();
        if places.len() < 2 {
            continue;
        }
        // Above: the nearest stretch first (on top); below: the nearest last (at the bottom).
        let mut order = places.clone();
        order.sort_by(|&a, &b| {
            let distance = |k: usize| turns[k].map_or(0.0, |t| t.1);
            let by = distance(a)
                .total_cmp(&distance(b))
                .then(list[a].3.cmp(&list[b].3));
            if above {
                by
            } else {
                by.reverse()
            }
        });
        let entries: Vec<(usize, f64, f64, usize, bool)> = order.iter().map(|&k| list[k]).collect();
        for (&k, e) in places.iter().zip(entries) {
            list[k] = e;
        }
    }
}

/// The gap of an arrow's last vertical stretch, which ends level with its port.
pub(super) fn last_gap(topo: &Topo) -> Option<usize> {
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
pub(super) fn bundles(graph: &Graph, p: &Placement, topo: &[Topo]) -> Vec<Option<usize>> {
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
pub(super) fn outline_half_height(kind: StepKind, r: &Rect, x: f64) -> f64 {
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
pub(super) fn outline_half_width(kind: StepKind, r: &Rect, y: f64) -> f64 {
    match kind {
        StepKind::Vagval => {
            let (_, cy) = r.center();
            let d = ((y - cy).abs() / (r.h / 2.0)).min(1.0);
            r.w / 2.0 * (1.0 - d)
        }
        _ => r.w / 2.0,
    }
}
