// processkarta's BPMN export in bpmn-js (the library behind bpmn.io and Camunda Modeler),
// in headless Chromium from local files only: every diagram imports without warnings, and
// shows one shape per step and lane (and the pool, on the overview).
//
// Usage: node bpmn.test.js <model.bpmn> <model.json>
//   model.json is `processkarta export --to json` of the same model: the expected counts.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { chromium } = require("playwright-core");

const [bpmnFile, jsonFile] = process.argv.slice(2);
if (!bpmnFile || !jsonFile) {
  console.error("usage: node bpmn.test.js <model.bpmn> <model.json>");
  process.exit(2);
}
const xml = fs.readFileSync(bpmnFile, "utf8");
const model = JSON.parse(fs.readFileSync(jsonFile, "utf8"));

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

/** What each diagram must show, from the resolved model. */
function expected() {
  return model.maps.map((map, i) => {
    const used = new Set(map.steps.map((s) => s.lane));
    // The overview has a band for every party and a strip for every shared area in use;
    // a sub-process shows the lanes its steps are in.
    const lanes = model.lanes.filter((l) => (i === 0 && !l.shared) || used.has(l.id)).length;
    // A sub-process step whose ends say where they continue, to more than one step, is
    // followed by a gateway: one more shape and one more arrow (into the gateway).
    const gateways = map.steps.filter((s) => {
      if (!s.opens || s.next.length < 2) return false;
      const sub = model.maps.find((m) => m.id === s.opens);
      return sub !== undefined && sub.steps.some((e) => e.continues !== undefined);
    }).length;
    return {
      diagram: i === 0 ? "Diagram_overview" : `Diagram_sub${i}`,
      title: map.title,
      steps: map.steps.length + gateways,
      arrows: map.steps.reduce((n, s) => n + s.next.length, 0) + gateways,
      lanes,
      pool: i === 0 ? 1 : 0,
    };
  });
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "processkarta-bpmn-"));
  const viewer = require.resolve("bpmn-js/dist/bpmn-viewer.production.min.js");
  fs.copyFileSync(viewer, path.join(dir, "bpmn-viewer.js"));
  fs.writeFileSync(
    path.join(dir, "index.html"),
    '<!doctype html><meta charset="utf-8"><title>bpmn</title>' +
      '<div id="canvas" style="width:1600px;height:1000px"></div>' +
      '<script src="bpmn-viewer.js"></script>'
  );
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox"],
  });
  const outside = [];
  try {
    const page = await browser.newPage();
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file://")) return route.continue();
      outside.push(url);
      return route.abort();
    });
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto("file://" + path.join(dir, "index.html"));
    for (const want of expected()) {
      const got = await page.evaluate(
        async ({ xml, diagram }) => {
          const container = document.getElementById("canvas");
          container.innerHTML = "";
          const viewer = new BpmnJS({ container });
          const { warnings } = await viewer.importXML(xml, diagram);
          const all = viewer.get("elementRegistry").getAll();
          const root = viewer.get("canvas").getRootElement();
          const shapes = all.filter((e) => e !== root && !e.waypoints && e.type !== "label");
          const count = (type) => shapes.filter((e) => e.type === type).length;
          const result = {
            warnings: warnings.map((w) => w.message),
            shapes: shapes.length,
            pools: count("bpmn:Participant"),
            lanes: count("bpmn:Lane"),
            connections: all.filter((e) => e.waypoints).length,
            names: shapes.map((e) => e.businessObject.name || ""),
          };
          viewer.destroy();
          return result;
        },
        { xml, diagram: want.diagram }
      );
      const name = `${want.diagram} (${want.title})`;
      check(`${name}: imports without warnings`, got.warnings.length === 0, got.warnings.join("\n"));
      const total = want.steps + want.lanes + want.pool;
      check(
        `${name}: ${total} shapes = ${want.steps} steps + ${want.lanes} lanes + ${want.pool} pool`,
        got.shapes === total,
        JSON.stringify(got)
      );
      check(`${name}: ${want.lanes} lanes and ${want.pool} pool`, got.lanes === want.lanes && got.pools === want.pool, JSON.stringify(got));
      check(`${name}: ${want.arrows} arrows`, got.connections === want.arrows, JSON.stringify(got));
    }
    check("no script errors", errors.length === 0, errors.join("\n"));
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  check("no requests to other hosts", outside.length === 0, outside.join("\n"));
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
