#!/usr/bin/env python3
"""The layout comparison: lays out each graph with processkarta, elkjs (lanes as compound
nodes, lanes as partitions) and Graphviz dot (lanes as clusters), reduces every drawing to
the counter's `Drawing` and prints one Markdown table. Called by run.sh, which installs and
builds what this needs; see README.md."""

import argparse
import json
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

from counter import Drawing, Lane, Step, count

SVG = "{http://www.w3.org/2000/svg}"

# Box sizes for ELK and dot when processkarta drew no map to take them from.
DEFAULT_SIZE = {"vagval": (96.0, 56.0)}
TASK_SIZE = (74.0, 47.0)


class Timeout(Exception):
    pass


def run(cmd, timeout, cwd=None):
    """Runs a command and returns its stdout; raises Timeout or CalledProcessError."""
    try:
        done = subprocess.run(
            cmd, cwd=cwd, timeout=timeout, capture_output=True, text=True
        )
    except subprocess.TimeoutExpired:
        raise Timeout() from None
    if done.returncode != 0:
        raise subprocess.CalledProcessError(
            done.returncode, cmd, done.stdout, done.stderr
        )
    return done.stdout


# ---- processkarta: the map SVG -------------------------------------------------------------


def _matrix(transform):
    """The affine matrix (a, b, c, d, e, f) of an SVG transform attribute."""
    m = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    for name, args in re.findall(r"(\w+)\s*\(([^)]*)\)", transform or ""):
        v = [float(x) for x in re.split(r"[\s,]+", args.strip()) if x]
        if name == "translate":
            t = (1, 0, 0, 1, v[0], v[1] if len(v) > 1 else 0)
        elif name == "scale":
            t = (v[0], 0, 0, v[1] if len(v) > 1 else v[0], 0, 0)
        elif name == "matrix":
            t = tuple(v)
        else:
            raise ValueError(f"transform {name} is not handled")
        m = _compose(m, t)
    return m


def _compose(m, t):
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = t
    return (
        a * a2 + c * b2,
        b * a2 + d * b2,
        a * c2 + c * d2,
        b * c2 + d * d2,
        a * e2 + c * f2 + e,
        b * e2 + d * f2 + f,
    )


def _apply(m, p):
    a, b, c, d, e, f = m
    return (a * p[0] + c * p[1] + e, b * p[0] + d * p[1] + f)


def _path_points(d):
    """The polylines of a path that uses only M, L, H, V (absolute) and Z."""
    lines, pts, cmd = [], [], None
    tokens = re.findall(r"[A-Za-z]|-?\d*\.?\d+(?:[eE][-+]?\d+)?", d)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.isalpha():
            cmd = tok
            i += 1
            if cmd == "Z":
                if pts:
                    pts.append(pts[0])
                continue
            if cmd not in "MLHV":
                raise ValueError(f"path command {cmd} is not handled: {d}")
            continue
        if cmd in "ML":
            p = (float(tokens[i]), float(tokens[i + 1]))
            i += 2
            if cmd == "M":
                if len(pts) > 1:
                    lines.append(pts)
                pts = [p]
                cmd = "L"
            else:
                pts.append(p)
        elif cmd == "H":
            pts.append((float(tok), pts[-1][1]))
            i += 1
        elif cmd == "V":
            pts.append((pts[-1][0], float(tok)))
            i += 1
        else:
            raise ValueError(f"a number without a command in {d}")
    if len(pts) > 1:
        lines.append(pts)
    return lines


def _box(points):
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _rect(el, m):
    x, y = float(el.get("x", 0)), float(el.get("y", 0))
    w, h = float(el.get("width")), float(el.get("height"))
    return _box([_apply(m, (x, y)), _apply(m, (x + w, y + h))])


def _classes(el):
    return (el.get("class") or "").split()


def svg_drawing(path, lanes):
    """The drawing in a processkarta map SVG, in the diagram's own points (the scale that
    fits it to the paper is left out). `lanes` are the map's lanes in karta order."""
    root = ET.parse(path).getroot()
    diagram = next(
        g for g in root.iter(SVG + "g") if "diagram" in _classes(g)
    )
    boxes, steps, edges = {}, [], []

    def walk(el, m):
        for child in el:
            cm = _compose(m, _matrix(child.get("transform")))
            cls = _classes(child)
            tag = child.tag.replace(SVG, "")
            if tag == "g" and ("lane" in cls or "shared-area" in cls):
                shape = child.find(SVG + "rect")
                boxes[child.get("data-lane")] = _rect(shape, cm)
            elif tag == "g" and "step" in cls:
                shape = next(e for e in child.iter() if "shape" in _classes(e))
                if shape.tag == SVG + "rect":
                    box = _rect(shape, cm)
                else:
                    pts = [p for line in _path_points(shape.get("d")) for p in line]
                    box = _box([_apply(cm, p) for p in pts])
                steps.append(Step(child.get("data-nr"), child.get("data-lane"), box))
            elif tag == "path" and "edge" in cls:
                lines = _path_points(child.get("d"))
                edges.append([[_apply(cm, p) for p in line] for line in lines])
            else:
                walk(child, cm)

    walk(diagram, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))
    return Drawing(
        edges=edges,
        steps=steps,
        lanes=[Lane(l["id"], l["shared"], boxes.get(l["id"])) for l in lanes],
    )


# ---- ELK -------------------------------------------------------------------------------------


def elk_graph(steps, arrows, lanes, sizes, mode):
    """The ELK JSON graph of a map: lanes as compound nodes (flow RIGHT) or as partitions (flow
    DOWN, as in the issue's table). Coordinates in and out are absolute."""
    options = {
        "elk.algorithm": "layered",
        "elk.edgeRouting": "ORTHOGONAL",
        "elk.json.shapeCoords": "ROOT",
        "elk.json.edgeCoords": "ROOT",
    }
    node = lambda i, s: {"id": f"s{i}", "width": sizes[i][0], "height": sizes[i][1]}
    edges = [
        {"id": f"e{k}", "sources": [f"s{a}"], "targets": [f"s{b}"]}
        for k, (a, b) in enumerate(arrows)
    ]
    index = {l["id"]: k for k, l in enumerate(lanes)}
    if mode == "compound":
        options["elk.direction"] = "RIGHT"
        options["elk.hierarchyHandling"] = "INCLUDE_CHILDREN"
        children = [
            {
                "id": f"lane{k}",
                "children": [node(i, s) for i, s in enumerate(steps) if s["lane"] == l["id"]],
            }
            for k, l in enumerate(lanes)
        ]
    else:
        options["elk.direction"] = "DOWN"
        options["elk.partitioning.activate"] = "true"
        children = []
        for i, s in enumerate(steps):
            n = node(i, s)
            n["layoutOptions"] = {"elk.partitioning.partition": str(index[s["lane"]])}
            children.append(n)
    return {"id": "root", "layoutOptions": options, "children": children, "edges": edges}


def elk_drawing(graph, steps, lanes, mode):
    boxes, found, edges = {}, {}, []

    def walk(n):
        for c in n.get("children", []):
            box = (c["x"], c["y"], c["x"] + c["width"], c["y"] + c["height"])
            if c["id"].startswith("lane"):
                boxes[lanes[int(c["id"][4:])]["id"]] = box
            else:
                found[int(c["id"][1:])] = box
            walk(c)
        for e in n.get("edges", []):
            lines = []
            for sec in e.get("sections", []):
                pts = [sec["startPoint"], *sec.get("bendPoints", []), sec["endPoint"]]
                lines.append([(p["x"], p["y"]) for p in pts])
            edges.append(lines)

    walk(graph)
    return Drawing(
        edges=edges,
        steps=[Step(s["nr"], s["lane"], found[i]) for i, s in enumerate(steps)],
        lanes=[Lane(l["id"], l["shared"], boxes.get(l["id"])) for l in lanes],
    )


# ---- Graphviz dot ---------------------------------------------------------------------------


def dot_source(steps, arrows, lanes, sizes, splines):
    """Lanes as clusters in karta order, boxes of the given sizes, no labels."""
    out = [
        "digraph map {",
        f"  graph [rankdir=LR, newrank=true, splines={splines}];",
        '  node [shape=box, fixedsize=true, label=""];',
    ]
    for k, l in enumerate(lanes):
        out.append(f'  subgraph cluster_{k} {{ label="";')
        for i, s in enumerate(steps):
            if s["lane"] == l["id"]:
                w, h = sizes[i]
                out.append(f"    s{i} [width={w / 72:.4f}, height={h / 72:.4f}];")
        out.append("  }")
    out.extend(f"  s{a} -> s{b};" for a, b in arrows)
    out.append("}")
    return "\n".join(out) + "\n"


def _dot_points(text, flip):
    return [(float(x), flip - float(y)) for x, y in (t.split(",") for t in text)]


def dot_drawing(result, steps, lanes):
    """Reads `dot -Tjson`: y is flipped so that it grows downwards like the others'."""
    height = float(result["bb"].split(",")[3])
    boxes, found, by_gvid = {}, {}, {}
    for obj in result.get("objects", []):
        name = obj.get("name", "")
        if name.startswith("cluster_") and "bb" in obj:
            x0, y0, x1, y1 = (float(v) for v in obj["bb"].split(","))
            boxes[lanes[int(name[8:])]["id"]] = (x0, height - y1, x1, height - y0)
        elif "pos" in obj:
            x, y = (float(v) for v in obj["pos"].split(","))
            w, h = float(obj["width"]) * 72, float(obj["height"]) * 72
            found[int(name[1:])] = (x - w / 2, height - y - h / 2, x + w / 2, height - y + h / 2)
            by_gvid[obj["_gvid"]] = name
    edges = []
    for e in result.get("edges", []):
        if "pos" not in e:
            raise ValueError(f"dot gave arrow {e['tail']}→{e['head']} no route")
        lines = []
        for spline in e["pos"].split(";"):
            start = end = None
            pts = []
            for tok in spline.split():
                if tok.startswith("s,"):
                    start = tok[2:]
                elif tok.startswith("e,"):
                    end = tok[2:]
                else:
                    pts.append(tok)
            # B-spline control points: every third point lies on the line.
            line = _dot_points(pts[0::3], height)
            if start:
                line = _dot_points([start], height) + line
            if end:
                line = line + _dot_points([end], height)
            lines.append(line)
        edges.append(lines)
    return Drawing(
        edges=edges,
        steps=[Step(s["nr"], s["lane"], found[i]) for i, s in enumerate(steps)],
        lanes=[Lane(l["id"], l["shared"], boxes.get(l["id"])) for l in lanes],
    )


# ---- the table --------------------------------------------------------------------------------


def cells(figures, ms, note=""):
    kept = "yes" if figures["lanes_kept"] else "no: " + figures["lane_problems"][0]
    more = len(figures["lane_problems"]) - 1
    if more > 0:
        kept += f" (+{more})"
    return [
        str(figures["crossings"]),
        str(figures["bends"]),
        f"{figures['width']:.0f} × {figures['height']:.0f}",
        kept,
        fmt_ms(ms) + note,
    ]


def no_figures(why):
    """The row's cells when an engine gave no drawing."""
    return ["–", "–", "–", "–", why]


def fmt_ms(ms):
    if ms < 1:
        return f"{ms:.2f} ms"
    return f"{ms:.1f} ms" if ms < 100 else f"{ms:.0f} ms" if ms < 10000 else f"{ms / 1000:.1f} s"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repo", required=True, help="the repository (its model is measured)")
    ap.add_argument("--work", required=True, help="an empty folder for the runs")
    ap.add_argument("--bin", required=True, help="the processkarta binary")
    ap.add_argument("--helper", required=True, help="the compare_models example binary")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per engine run")
    args = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    work = os.path.abspath(args.work)
    timeout = f"timeout ({args.timeout:.0f} s)"

    run([args.helper, "models", os.path.join(work, "models")], args.timeout)
    models = [("repository", args.repo)] + [
        (f"generated {n}", os.path.join(work, "models", f"gen-{n}")) for n in (50, 200, 500, 2000)
    ]
    engines = [
        "processkarta",
        "ELK layered, lanes as compound nodes",
        "ELK layered, lanes as partitions (DOWN)",
        "Graphviz dot, lanes as clusters",
    ]
    rows = []
    notes = []

    def add(row):
        rows.append(row)
        print("  " + " | ".join(row[1:]), file=sys.stderr, flush=True)

    for name, root in models:
        exported = json.loads(run([args.bin, "export", root, "--to", "json"], args.timeout))
        slug = name.replace(" ", "-")
        site = os.path.join(work, f"site-{slug}")
        built = True
        try:
            run([args.bin, "build", root, "-o", site], args.timeout)
            times = dict(
                line.split("\t")
                for line in run([args.helper, "time", root], args.timeout).splitlines()
            )
        except Timeout:
            built = False
        maps = exported["maps"] if name == "repository" else exported["maps"][:1]
        for m in maps:
            if m["id"] == "overview":
                graph = f"{name} overview" if name == "repository" else name
                svg = os.path.join(site, "kartor", "oversikt.svg")
            else:
                sub = m["id"].split(":", 1)[1]
                graph = f"repository sub-process {sub}"
                svg = os.path.join(site, "kartor", "underprocesser", f"{sub}.svg")
            steps = m["steps"]
            graph += f" ({len(steps)} steps)"
            used = {s["lane"] for s in steps}
            lanes = [l for l in exported["lanes"] if l["id"] in used]
            at = {s["nr"]: i for i, s in enumerate(steps)}
            arrows = [(at[s["nr"]], at[n["to"]]) for s in steps for n in s["next"]]
            print(f"{graph}: {len(arrows)} arrows", file=sys.stderr, flush=True)
            ours = None
            if built:
                ours = svg_drawing(svg, lanes)
                if (len(ours.steps), len(ours.edges)) != (len(steps), len(arrows)):
                    sys.exit(
                        f"{svg}: {len(ours.steps)} steps and {len(ours.edges)} arrows drawn, "
                        f"but the map has {len(steps)} and {len(arrows)}"
                    )
                add([graph, engines[0], *cells(count(ours), float(times[m["id"]]))])
            else:
                add([graph, engines[0], *no_figures(timeout)])
            drawn = {s.nr: s.box for s in ours.steps} if ours else {}
            sizes = [
                (drawn[s["nr"]][2] - drawn[s["nr"]][0], drawn[s["nr"]][3] - drawn[s["nr"]][1])
                if s["nr"] in drawn
                else DEFAULT_SIZE.get(s["kind"], TASK_SIZE)
                for s in steps
            ]
            stem = os.path.join(work, f"{slug}-{m['id'].replace(':', '-')}")
            for engine, mode in zip(engines[1:3], ["compound", "partitions"]):
                source = f"{stem}-elk-{mode}.json"
                with open(source, "w") as f:
                    json.dump(elk_graph(steps, arrows, lanes, sizes, mode), f)
                try:
                    elk = ["node", os.path.join(here, "elk.mjs"), source]
                    text = run(elk, args.timeout, here)
                    with open(f"{stem}-elk-{mode}-laid.json", "w") as f:
                        f.write(text)
                    out = json.loads(text)
                    drawing = elk_drawing(out["graph"], steps, lanes, mode)
                    add([graph, engine, *cells(count(drawing), out["ms"])])
                except Timeout:
                    add([graph, engine, *no_figures(timeout)])
                except subprocess.CalledProcessError as e:
                    notes.append(f"{graph}: {engine} failed: {e.stderr.strip()[-200:]}")
                    add([graph, engine, *no_figures("failed")])
            # dot: orthogonal arrows where dot manages them with clusters, else polylines.
            for splines in ["ortho", "polyline"]:
                source = f"{stem}-{splines}.dot"
                with open(source, "w") as f:
                    f.write(dot_source(steps, arrows, lanes, sizes, splines))
                start = time.perf_counter()
                try:
                    text = run(["dot", "-Tjson", source], args.timeout)
                    ms = (time.perf_counter() - start) * 1000
                    with open(f"{stem}-{splines}.json", "w") as f:
                        f.write(text)
                    result = json.loads(text)
                    drawing = dot_drawing(result, steps, lanes)
                except subprocess.CalledProcessError as e:
                    # dot prints its internal tables after an error: keep the error line.
                    errors = [l for l in e.stderr.splitlines() if "Error" in l]
                    why = errors[0].strip() if errors else f"exit status {e.returncode}"
                    notes.append(f"{graph}: dot with splines={splines} failed: {why}")
                    continue
                except ValueError as e:
                    notes.append(f"{graph}: dot with splines={splines} failed: {e}")
                    continue
                except Timeout:
                    add([graph, engines[3], *no_figures(f"{timeout}, {splines}")])
                    break
                add([graph, engines[3], *cells(count(drawing), ms, f" ({splines})")])
                break
            else:
                add([graph, engines[3], *no_figures("failed")])

    print("| graph | engine | crossings | bends | area (pt) | lanes in order | time |")
    print("|---|---|---:|---:|---:|---|---:|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    if notes:
        print()
    for n in notes:
        print(f"- {n}")


if __name__ == "__main__":
    main()
