//! Coordinates: column widths, the room labels need, the geometry of gaps and corridors
//! from their tracks, the boxes, and each arrow's corner points and label.

use super::*;

pub(super) fn column_widths(p: &Placement, sizes: &[(f64, f64)], lane_map: bool) -> Vec<f64> {
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
pub(super) fn label_room(
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
pub(super) fn geometry(
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

pub(super) fn boxes(graph: &Graph, p: &Placement, sizes: &[(f64, f64)], g: &Geometry) -> Vec<Rect> {
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

/// The corner points of an arrow.
pub(super) fn path(
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
pub(super) fn simplify(mut points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
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

pub(super) fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// Where the label of an arrow may go, best first: just past the box, above the arrow (or
/// below it) for arrows that leave sideways, right (or left) of it for arrows that leave
/// up or down. `width` is the label's widest line.
pub(super) fn label_places(
    lines: &[String],
    width: f64,
    side: Side,
    port: (f64, f64),
    r: &Rect,
) -> [EdgeLabel; 2] {
    let n = lines.len() as f64;
    let ascent = style::SMALL_SIZE * 0.75;
    let beside = match side {
        Side::Left => r.x - 2.0 - width,
        _ => r.right() + 2.0,
    };
    let places = match side {
        Side::Bottom => [
            (port.0 + 3.0, r.bottom() + 8.0),
            (port.0 - 3.0 - width, r.bottom() + 8.0),
        ],
        Side::Top => {
            let y = r.y - 3.0 - (n - 1.0) * style::LABEL_LINE;
            [(port.0 + 3.0, y), (port.0 - 3.0 - width, y)]
        }
        Side::Left | Side::Right => [
            (beside, port.1 - 2.0 - (n - 1.0) * style::LABEL_LINE),
            (beside, port.1 + 2.0 + ascent),
        ],
    };
    places.map(|(x, y)| EdgeLabel {
        lines: lines.to_vec(),
        x,
        y,
    })
}

/// The box a label's text takes, `width` wide.
pub(super) fn label_rect(label: &EdgeLabel, width: f64) -> Rect {
    let n = label.lines.len().max(1) as f64;
    let top = label.y - style::SMALL_SIZE * 0.75;
    Rect {
        x: label.x,
        y: top,
        w: width,
        h: (n - 1.0) * style::LABEL_LINE + style::SMALL_SIZE * 0.95,
    }
}

/// How many of `paths` (but `own`) run through `r`, and how many of `others` overlap it.
pub(super) fn label_hits(
    r: &Rect,
    paths: &[Vec<(f64, f64)>],
    own: usize,
    others: &[Rect],
) -> usize {
    let through = paths
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != own)
        .filter(|(_, p)| {
            p.windows(2).any(|w| {
                let ((x1, y1), (x2, y2)) = (w[0], w[1]);
                let (xlo, xhi) = (x1.min(x2), x1.max(x2));
                let (ylo, yhi) = (y1.min(y2), y1.max(y2));
                xlo < r.right() && xhi > r.x && ylo < r.bottom() && yhi > r.y
            })
        })
        .count();
    through + others.iter().filter(|b| b.overlaps(r)).count()
}
