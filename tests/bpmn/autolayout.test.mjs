// processkarta's BPMN export through bpmn-auto-layout, which throws our diagram interchange
// away and lays the first process (the overview) out again from the process alone, following
// each flow node's incoming and outgoing references. The round trip must keep every sequence
// flow of every process (same id, source and target), and the new diagram must draw each
// flow of the overview as an edge and spread the steps over more than one column.
//
// Usage: node autolayout.test.mjs <model.bpmn>
import fs from "node:fs";
import { BpmnModdle } from "bpmn-moddle";
import { layoutProcess } from "bpmn-auto-layout";

const [file] = process.argv.slice(2);
if (!file) {
  console.error("usage: node autolayout.test.mjs <model.bpmn>");
  process.exit(2);
}

let passed = 0;
let failed = 0;
function check(name, ok, why) {
  if (ok) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${name}\n${String(why).replace(/^/gm, "    ")}`);
  }
}

/** Per process id: its sequence flows as "id: source → target", sorted. */
function flows(definitions) {
  const out = {};
  for (const root of definitions.rootElements) {
    if (root.$type !== "bpmn:Process") continue;
    out[root.id] = (root.flowElements || [])
      .filter((e) => e.$type === "bpmn:SequenceFlow")
      .map((f) => `${f.id}: ${f.sourceRef.id} → ${f.targetRef.id}`)
      .sort();
  }
  return out;
}

const moddle = new BpmnModdle();
const before = await moddle.fromXML(fs.readFileSync(file, "utf8"));
const laidOut = await layoutProcess(fs.readFileSync(file, "utf8"));
const after = await moddle.fromXML(laidOut);
for (const [what, parsed] of [
  ["export", before],
  ["round trip", after],
]) {
  check(`${what} reads without warnings`, parsed.warnings.length === 0, parsed.warnings.map((w) => w.message).join("\n"));
}

const want = flows(before.rootElement);
const got = flows(after.rootElement);
const count = (f) => Object.values(f).reduce((n, list) => n + list.length, 0);
console.log(`# sequence flows: ${count(want)} before, ${count(got)} after`);
check("the export has sequence flows", count(want) > 0, "none");
check(
  "every sequence flow of every process is kept",
  JSON.stringify(got) === JSON.stringify(want),
  `before: ${JSON.stringify(want, null, 1)}\nafter: ${JSON.stringify(got, null, 1)}`
);

// The overview, the first process, as bpmn-auto-layout drew it.
const overview = after.rootElement.rootElements.find((e) => e.$type === "bpmn:Process");
const diagrams = after.rootElement.diagrams || [];
const drawn = diagrams.flatMap((d) => d.plane.planeElement || []);
const edges = new Map(
  drawn.filter((e) => e.$type === "bpmndi:BPMNEdge").map((e) => [e.bpmnElement.id, e])
);
const missing = want[overview.id]
  .map((f) => f.split(":")[0])
  .filter((id) => !(edges.get(id)?.waypoint?.length >= 2));
check(
  `each of the overview's ${want[overview.id].length} flows is drawn as an edge`,
  missing.length === 0,
  `not drawn: ${missing.join(", ")}`
);
const nodes = (overview.flowElements || []).filter((e) => e.$type !== "bpmn:SequenceFlow");
const columns = new Set(
  drawn
    .filter((e) => e.$type === "bpmndi:BPMNShape" && nodes.includes(e.bpmnElement))
    .map((s) => s.bounds.x)
);
check(
  `the overview's ${nodes.length} steps are spread over ${columns.size} columns, not one`,
  columns.size > 1,
  `${columns.size} column(s)`
);

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
