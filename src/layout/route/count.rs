//! Counting: crossings (each point once) and arrows to different steps along one line.

use super::*;

/// Counts the points where a horizontal segment of one arrow crosses a vertical segment of
/// another, away from their ends.
pub(super) fn crossings_of(paths: &[Vec<(f64, f64)>]) -> usize {
    crossings(paths).0
}

/// The crossings of the paths, each point where lines cross counted once (arrows that share
/// a stretch of track, see [`assign_tracks`], are crossed there in one point), and for each
/// path the crossings it takes part in.
pub(super) fn crossings(paths: &[Vec<(f64, f64)>]) -> (usize, Vec<usize>) {
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
pub(super) fn targets(graph: &Graph) -> Vec<usize> {
    graph.links.iter().map(|l| l.to).collect()
}

/// Pairs of paths to different targets that run along the same line for a stretch.
pub(super) fn overlaps(paths: &[Vec<(f64, f64)>], targets: &[usize]) -> usize {
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
pub(in crate::layout) fn crossed(edges: &[EdgeRoute]) -> Vec<bool> {
    let paths: Vec<Vec<(f64, f64)>> = edges.iter().map(|e| e.points.clone()).collect();
    crossings(&paths).1.iter().map(|&c| c > 0).collect()
}
