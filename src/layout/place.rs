//! Step 1 of the layout: a cell (column, band, row) for every step.
//!
//! Steps are placed in number order, which is the reading order of the map. A step goes
//! in the first column where a free cell of its lane exists, at or after its predecessors'
//! columns. It may share a predecessor's column only when the arrow between them can run
//! straight up or down without meeting a box; the cells that arrow passes are then
//! reserved, so no later step is put in its way.

use super::{Graph, Mode};
use std::collections::{BTreeSet, HashMap, HashSet};

/// Where each step goes.
#[derive(Clone, Debug)]
pub(super) struct Placement {
    /// Column of each node.
    pub col: Vec<usize>,
    /// Band of each node (a shared step sits in a band cell too).
    pub band: Vec<usize>,
    /// Row of each node within its band.
    pub row: Vec<usize>,
    /// For a node placed in its predecessor's column: that predecessor.
    pub vertical_from: Vec<Option<usize>>,
    /// Number of columns.
    pub cols: usize,
    /// Rows of each band (at least one).
    pub rows: Vec<usize>,
}

/// The grid while it fills up.
struct Grid {
    cap: usize,
    /// Occupied cells: (col, band, row) → node.
    cells: HashMap<(usize, usize, usize), usize>,
    /// Cells an arrow passes through vertically.
    reserved: HashSet<(usize, usize, usize)>,
    /// Columns with at least one step.
    used_cols: HashSet<usize>,
    shared_cols: BTreeSet<usize>,
}

impl Grid {
    fn free(&self, col: usize, band: usize, row: usize) -> bool {
        !self.shared_cols.contains(&col)
            && !self.cells.contains_key(&(col, band, row))
            && !self.reserved.contains(&(col, band, row))
    }

    /// The cells between two cells of one column, exclusive, top to bottom.
    fn between(
        &self,
        col: usize,
        a: (usize, usize),
        b: (usize, usize),
    ) -> Vec<(usize, usize, usize)> {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let mut out = Vec::new();
        for band in lo.0..=hi.0 {
            for row in 0..self.cap {
                let cell = (band, row);
                if cell > lo && cell < hi {
                    out.push((col, band, row));
                }
            }
        }
        out
    }
}

/// Places every node of the graph.
pub(super) fn place(graph: &Graph, mode: Mode) -> Placement {
    let n = graph.nodes.len();
    let band_count = graph.bands.len().max(1);
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    for link in &graph.links {
        if link.from < link.to && !preds[link.to].contains(&link.from) {
            preds[link.to].push(link.from);
        }
    }
    let cap = match mode {
        Mode::Flow { rows } => rows.max(1),
        Mode::Sequence => 1,
    };
    let mut grid = Grid {
        cap,
        cells: HashMap::new(),
        reserved: HashSet::new(),
        used_cols: HashSet::new(),
        shared_cols: BTreeSet::new(),
    };
    let mut col = vec![0; n];
    let mut band = vec![0; n];
    let mut row = vec![0; n];
    let mut vertical_from = vec![None; n];
    for i in 0..n {
        let node = &graph.nodes[i];
        if mode == Mode::Sequence {
            col[i] = i;
            band[i] = 0;
            grid.cells.insert((i, 0, 0), i);
            continue;
        }
        let after = preds[i].iter().map(|&p| col[p] + 1).max().unwrap_or(0);
        let Some(b) = node.band else {
            // A shared step: a column of its own, in the band of its first predecessor.
            let mut c = after;
            while grid.used_cols.contains(&c) || grid.shared_cols.contains(&c) {
                c += 1;
            }
            let b = preds[i].first().map(|&p| band[p]).unwrap_or(band_count / 2);
            col[i] = c;
            band[i] = b;
            grid.cells.insert((c, b, 0), i);
            grid.used_cols.insert(c);
            grid.shared_cols.insert(c);
            continue;
        };
        let earliest = preds[i].iter().map(|&p| col[p]).max().unwrap_or(0);
        let mut c = earliest;
        let (cell, vertical) = loop {
            if let Some(found) = fit_in_column(&grid, &preds[i], &col, &band, &row, c, b) {
                break found;
            }
            c += 1;
        };
        col[i] = c;
        band[i] = b;
        row[i] = cell;
        grid.cells.insert((c, b, cell), i);
        grid.used_cols.insert(c);
        if let Some(p) = vertical {
            vertical_from[i] = Some(p);
            for between in grid.between(c, (band[p], row[p]), (b, cell)) {
                grid.reserved.insert(between);
            }
        }
    }
    let cols = col.iter().map(|c| c + 1).max().unwrap_or(1);
    let mut rows = vec![1; band_count];
    for i in 0..n {
        rows[band[i]] = rows[band[i]].max(row[i] + 1);
    }
    Placement {
        col,
        band,
        row,
        vertical_from,
        cols,
        rows,
    }
}

/// The first row of band `b` in column `c` that the node can take, and the predecessor it
/// hangs under (or over) when that predecessor is in the same column.
fn fit_in_column(
    grid: &Grid,
    preds: &[usize],
    col: &[usize],
    band: &[usize],
    row: &[usize],
    c: usize,
    b: usize,
) -> Option<(usize, Option<usize>)> {
    let same: Vec<usize> = preds.iter().copied().filter(|&p| col[p] == c).collect();
    if same.len() > 1 {
        return None;
    }
    for r in 0..grid.cap {
        if !grid.free(c, b, r) {
            continue;
        }
        let Some(&p) = same.first() else {
            return Some((r, None));
        };
        // The arrow from p runs straight to (b, r): every cell between must be empty, and
        // the node must sit below p's band/row or above it without anything in between.
        if (band[p], row[p]) == (b, r) {
            continue;
        }
        let clear = grid
            .between(c, (band[p], row[p]), (b, r))
            .iter()
            .all(|&(cc, bb, rr)| grid.free(cc, bb, rr));
        if clear {
            return Some((r, Some(p)));
        }
    }
    None
}
