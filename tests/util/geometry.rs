//! The layout invariants of a map, checked on plain rectangles and polylines so that the
//! same checks run on a parsed SVG and on a layout from the library.

/// A step's symbol.
#[derive(Clone, Debug)]
pub struct Shape {
    /// The step number as shown.
    pub nr: String,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// An arrow.
#[derive(Clone, Debug)]
pub struct Arrow {
    pub from: String,
    pub to: String,
    pub points: Vec<(f64, f64)>,
}

const EPS: f64 = 0.01;

fn overlaps(a: &Shape, b: &Shape) -> bool {
    a.x < b.x + b.w - EPS && b.x < a.x + a.w - EPS && a.y < b.y + b.h - EPS && b.y < a.y + a.h - EPS
}

/// True when the segment passes through the inside of the shape.
fn crosses(s: &Shape, p: (f64, f64), q: (f64, f64)) -> bool {
    let (x1, x2) = (p.0.min(q.0), p.0.max(q.0));
    let (y1, y2) = (p.1.min(q.1), p.1.max(q.1));
    x1 < s.x + s.w - EPS && x2 > s.x + EPS && y1 < s.y + s.h - EPS && y2 > s.y + EPS
}

fn on_outline(s: &Shape, p: (f64, f64)) -> bool {
    let inside_x = p.0 >= s.x - 0.5 && p.0 <= s.x + s.w + 0.5;
    let inside_y = p.1 >= s.y - 0.5 && p.1 <= s.y + s.h + 0.5;
    inside_x && inside_y
}

/// Every broken invariant, as a sentence.
pub fn problems(shapes: &[Shape], arrows: &[Arrow]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, a) in shapes.iter().enumerate() {
        for b in &shapes[i + 1..] {
            if overlaps(a, b) {
                out.push(format!("boxes of steps {} and {} overlap", a.nr, b.nr));
            }
        }
    }
    for e in arrows {
        if e.points.len() < 2 {
            out.push(format!(
                "arrow {} → {} has fewer than two points",
                e.from, e.to
            ));
            continue;
        }
        for w in e.points.windows(2) {
            let (p, q) = (w[0], w[1]);
            let horizontal = (p.1 - q.1).abs() < EPS;
            let vertical = (p.0 - q.0).abs() < EPS;
            if horizontal == vertical {
                out.push(format!(
                    "arrow {} → {} has a segment that is not horizontal or vertical: {p:?} {q:?}",
                    e.from, e.to
                ));
            }
            for s in shapes {
                if s.nr != e.from && s.nr != e.to && crosses(s, p, q) {
                    out.push(format!(
                        "arrow {} → {} passes through the box of step {}",
                        e.from, e.to, s.nr
                    ));
                }
            }
        }
        let start = e.points[0];
        let end = *e.points.last().unwrap();
        match shapes.iter().find(|s| s.nr == e.from) {
            Some(s) if on_outline(s, start) => {}
            _ => out.push(format!(
                "arrow {} → {} does not start at its step",
                e.from, e.to
            )),
        }
        match shapes.iter().find(|s| s.nr == e.to) {
            Some(s) if on_outline(s, end) => {}
            _ => out.push(format!(
                "arrow {} → {} does not end at its step",
                e.from, e.to
            )),
        }
    }
    // Arrows share a stretch of line only on their way into the same step: a reader who
    // follows a line must never be able to take a wrong turn.
    for (i, a) in arrows.iter().enumerate() {
        for b in &arrows[i + 1..] {
            if a.to != b.to && shares_a_stretch(&a.points, &b.points) {
                out.push(format!(
                    "arrows {} → {} and {} → {} run along the same line",
                    a.from, a.to, b.from, b.to
                ));
            }
        }
    }
    out
}

/// True when two polylines overlap along a segment of positive length.
fn shares_a_stretch(a: &[(f64, f64)], b: &[(f64, f64)]) -> bool {
    let overlap = |(p, q): ((f64, f64), (f64, f64)), (r, s): ((f64, f64), (f64, f64))| {
        let run = |lo1: f64, hi1: f64, lo2: f64, hi2: f64| hi1.min(hi2) - lo1.max(lo2) > EPS;
        if (p.0 - q.0).abs() < EPS && (r.0 - s.0).abs() < EPS && (p.0 - r.0).abs() < EPS {
            return run(p.1.min(q.1), p.1.max(q.1), r.1.min(s.1), r.1.max(s.1));
        }
        if (p.1 - q.1).abs() < EPS && (r.1 - s.1).abs() < EPS && (p.1 - r.1).abs() < EPS {
            return run(p.0.min(q.0), p.0.max(q.0), r.0.min(s.0), r.0.max(s.0));
        }
        false
    };
    a.windows(2)
        .any(|x| b.windows(2).any(|y| overlap((x[0], x[1]), (y[0], y[1]))))
}

/// Shapes and arrows of a layout from the library.
pub fn of_layout(layout: &processkarta::layout::MapLayout) -> (Vec<Shape>, Vec<Arrow>) {
    let shapes = layout
        .boxes
        .iter()
        .map(|b| Shape {
            nr: b.nr.to_string(),
            x: b.rect.x,
            y: b.rect.y,
            w: b.rect.w,
            h: b.rect.h,
        })
        .collect();
    let arrows = layout
        .edges
        .iter()
        .map(|e| Arrow {
            from: e.from.to_string(),
            to: e.to.to_string(),
            points: e.points.clone(),
        })
        .collect();
    (shapes, arrows)
}

/// The points of an SVG path written with M, L, H and V only; `None` for anything else.
pub fn parse_path(d: &str) -> Option<Vec<(f64, f64)>> {
    let mut points = Vec::new();
    let mut tokens = d.split_whitespace();
    let mut cur = (0.0, 0.0);
    while let Some(cmd) = tokens.next() {
        let mut n = || tokens.next()?.parse::<f64>().ok();
        cur = match cmd {
            "M" | "L" => (n()?, n()?),
            "H" => (n()?, cur.1),
            "V" => (cur.0, n()?),
            _ => return None,
        };
        points.push(cur);
    }
    Some(points)
}
