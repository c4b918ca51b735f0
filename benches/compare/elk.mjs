// Lays out one ELK JSON graph with elkjs (the bundled build, no worker) and prints
// {"ms": <time of elk.layout alone>, "graph": <the laid-out graph>} on stdout.
// Usage: node elk.mjs <graph.json>
//
// elkjs is Java compiled to JavaScript: its first layout in a process also initialises the
// algorithm's classes and warms up the JIT. A small graph with the same options (two nodes of
// each of the first two top-level children) is laid out first, so the time is the layout's.
import { readFileSync } from "node:fs";
import ELK from "elkjs/lib/elk.bundled.js";

const graph = JSON.parse(readFileSync(process.argv[2], "utf8"));
const elk = new ELK();

const ids = new Set();
const shrink = (node) => {
  ids.add(node.id);
  return { ...node, children: (node.children ?? []).slice(0, 2).map(shrink) };
};
const warm = shrink(structuredClone(graph));
warm.edges = graph.edges.filter((e) => ids.has(e.sources[0]) && ids.has(e.targets[0]));
await elk.layout(warm);

const start = performance.now();
const laid = await elk.layout(graph);
const ms = performance.now() - start;
process.stdout.write(JSON.stringify({ ms, graph: laid }));
