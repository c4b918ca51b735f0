"""The one counter of the layout comparison: every engine's drawing is reduced to the same
`Drawing` (arrows as polylines, step boxes, lane boxes) and counted by the same functions.

Coordinates are points with y growing downwards. Standard library only.
"""

from dataclasses import dataclass, field
import math

# Two points closer than this (in points) are the same point; a point closer than this to a
# line lies on it. The SVG and dot write coordinates with two decimals.
TOL = 0.01


@dataclass
class Step:
    """A step's box: `lane` is its lane id, `box` is (x0, y0, x1, y1)."""

    nr: str
    lane: str
    box: tuple


@dataclass
class Lane:
    """A lane in karta.yaml order. `box` is the drawn band, compound node or cluster, or None
    when the engine draws no box for lanes (ELK partitions): then the band is the extent of the
    lane's steps. Shared areas (`shared`) are not bands and have no place in the order."""

    id: str
    shared: bool = False
    box: tuple = None


@dataclass
class Drawing:
    """One engine's drawing of one graph. `edges` holds one list of polylines per arrow (an
    arrow is normally one polyline), each polyline a list of (x, y)."""

    edges: list = field(default_factory=list)
    steps: list = field(default_factory=list)
    lanes: list = field(default_factory=list)


def clean(polyline):
    """The polyline's corners: repeated points and points on a straight run are dropped."""
    pts = []
    for p in polyline:
        if not pts or math.dist(p, pts[-1]) > TOL:
            pts.append(p)
    out = pts[:2]
    for p in pts[2:]:
        a, b = out[-2], out[-1]
        if _straight(a, b, p):
            out[-1] = p
        else:
            out.append(p)
    return out


def _straight(a, b, c):
    """Whether b lies on a straight run from a to c (same direction, no turn)."""
    ux, uy = b[0] - a[0], b[1] - a[1]
    vx, vy = c[0] - b[0], c[1] - b[1]
    lu, lv = math.hypot(ux, uy), math.hypot(vx, vy)
    if lu <= TOL or lv <= TOL:
        return True
    cross = (ux * vy - uy * vx) / (lu * lv)
    return abs(cross) < 1e-3 and ux * vx + uy * vy > 0


def bends(drawing):
    """Interior corners of every arrow's polylines."""
    return sum(
        max(len(clean(line)) - 2, 0) for edge in drawing.edges for line in edge
    )


def _side(a, b, c):
    """Which side of the line a→b the point c is on: 1, -1, or 0 within TOL of the line."""
    cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    length = math.hypot(b[0] - a[0], b[1] - a[1])
    if abs(cross) <= TOL * length:
        return 0
    return 1 if cross > 0 else -1


def proper_intersection(s, t):
    """The point where segments s and t cross, or None. Only a proper crossing counts: each
    segment has the other's ends strictly on opposite sides, so segments that touch (at an end
    or with an end on the other) or run along each other do not cross."""
    (a, b), (c, d) = s, t
    if _side(a, b, c) * _side(a, b, d) >= 0 or _side(c, d, a) * _side(c, d, b) >= 0:
        return None
    rx, ry = b[0] - a[0], b[1] - a[1]
    sx, sy = d[0] - c[0], d[1] - c[1]
    u = ((c[0] - a[0]) * sy - (c[1] - a[1]) * sx) / (rx * sy - ry * sx)
    return (a[0] + u * rx, a[1] + u * ry)


def segments(drawing):
    """(edge index, segment) for every segment of every arrow."""
    out = []
    for i, edge in enumerate(drawing.edges):
        for line in edge:
            pts = clean(line)
            out.extend((i, (p, q)) for p, q in zip(pts, pts[1:]))
    return out


def crossings(drawing):
    """Points where segments of different arrows cross properly, each point once: where
    arrows into one step join and run along one line (processkarta's combs), a line across
    them is one crossing on the page, not one per arrow. Segments are bucketed in a grid, and
    only segments that share a cell can cross."""
    segs = segments(drawing)
    if not segs:
        return 0
    xs = [p[0] for _, s in segs for p in s]
    ys = [p[1] for _, s in segs for p in s]
    x0, y0 = min(xs), min(ys)
    n = max(1, min(256, int(math.sqrt(len(segs)))))
    width, height = max(max(xs) - x0, 1.0) / n, max(max(ys) - y0, 1.0) / n

    def column(x):
        return min(n - 1, int((x - x0) / width))

    def row(y):
        return min(n - 1, int((y - y0) / height))

    grid = {}
    ranges = []
    for k, (_, (p, q)) in enumerate(segs):
        cx0, cx1 = column(min(p[0], q[0])), column(max(p[0], q[0]))
        cy0, cy1 = row(min(p[1], q[1])), row(max(p[1], q[1]))
        ranges.append((cx0, cy0))
        for cx in range(cx0, cx1 + 1):
            for cy in range(cy0, cy1 + 1):
                grid.setdefault((cx, cy), []).append(k)
    points = set()
    for here, members in grid.items():
        for i, k in enumerate(members):
            ek, sk = segs[k]
            for m in members[i + 1 :]:
                em, sm = segs[m]
                # Each pair is tested once: in the first cell that holds both.
                first = (max(ranges[k][0], ranges[m][0]), max(ranges[k][1], ranges[m][1]))
                if ek == em or first != here:
                    continue
                point = proper_intersection(sk, sm)
                if point:
                    points.add((round(point[0], 2), round(point[1], 2)))
    return len(points)


def bounding_box(drawing):
    """(x0, y0, x1, y1) around every step, lane box and arrow point."""
    boxes = [s.box for s in drawing.steps] + [l.box for l in drawing.lanes if l.box]
    xs = [b[0] for b in boxes] + [b[2] for b in boxes]
    ys = [b[1] for b in boxes] + [b[3] for b in boxes]
    for edge in drawing.edges:
        for line in edge:
            xs.extend(p[0] for p in line)
            ys.extend(p[1] for p in line)
    return (min(xs), min(ys), max(xs), max(ys))


def size(drawing):
    """Width and height of the bounding box."""
    x0, y0, x1, y1 = bounding_box(drawing)
    return (x1 - x0, y1 - y0)


def lane_order(drawing):
    """Whether the lanes read as bands in karta.yaml order: (kept, problems). The bands of the
    lanes that are not shared areas must follow each other from top to bottom without
    overlapping, and every step must lie inside its lane's box (for a lane without a box, the
    band is the extent of its steps, so only the order can fail)."""
    problems = []
    by_lane = {}
    for s in drawing.steps:
        by_lane.setdefault(s.lane, []).append(s)
    bands = []
    for lane in drawing.lanes:
        steps = by_lane.get(lane.id, [])
        if lane.box:
            box = lane.box
        elif steps:
            box = (
                min(s.box[0] for s in steps),
                min(s.box[1] for s in steps),
                max(s.box[2] for s in steps),
                max(s.box[3] for s in steps),
            )
        else:
            continue
        for s in steps:
            inside = (
                s.box[0] >= box[0] - TOL
                and s.box[1] >= box[1] - TOL
                and s.box[2] <= box[2] + TOL
                and s.box[3] <= box[3] + TOL
            )
            if not inside:
                problems.append(f"step {s.nr} outside {lane.id}")
        if not lane.shared:
            bands.append((lane.id, box[1], box[3]))
    for (upper, _, bottom), (lower, top, _) in zip(bands, bands[1:]):
        if top < bottom - TOL:
            problems.append(f"{lower} not below {upper}")
    return (not problems, problems)


def count(drawing):
    """Every figure of the table but time, for one drawing."""
    width, height = size(drawing)
    kept, problems = lane_order(drawing)
    return {
        "crossings": crossings(drawing),
        "bends": bends(drawing),
        "width": width,
        "height": height,
        "lanes_kept": kept,
        "lane_problems": problems,
    }
