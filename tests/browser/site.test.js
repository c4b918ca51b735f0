// The built site in headless Chromium: axe-core finds no accessibility violation on any page
// of the site at desktop width, and on one page of every type at phone width; a click on a
// step of the overview map lands on that step's page, and so does the keyboard; the map
// viewer opens readable, zooms, fits, follows a step and filters a party; "Visa steget i
// kartan" lands zoomed with focus on the step; WCAG 2.1 AA beyond axe (reflow at 320 px,
// headings that wrap, focus indicators of 3:1, the party's own steps first in the tab
// order, text spacing); search finds inflected Swedish words and counts honestly; the print
// view prints with page numbers, the site title, contents and the overview; and no page
// asks any other host for anything.
//
// Usage: node site.test.js <site folder> <base URL serving that folder>
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const os = require("node:os");
const { chromium } = require("playwright-core");

const [siteDir, baseArg] = process.argv.slice(2);
if (!siteDir || !baseArg) {
  console.error("usage: node site.test.js <site folder> <base URL>");
  process.exit(2);
}
const base = baseArg.endsWith("/") ? baseArg : baseArg + "/";
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

let passed = 0;
let failed = 0;
function ok(name) {
  passed++;
  console.log(`ok - ${name}`);
}
function fail(name, why) {
  failed++;
  console.log(`not ok - ${name}\n${String(why).replace(/^/gm, "    ")}`);
}

function read(rel) {
  return fs.readFileSync(path.join(siteDir, rel), "utf8");
}
function list(dir) {
  const full = path.join(siteDir, dir);
  return fs.existsSync(full) ? fs.readdirSync(full).filter((f) => f.endsWith(".html")).sort() : [];
}
function first(dir, pred) {
  return list(dir).map((f) => `${dir}/${f}`).find((rel) => pred(read(rel)));
}

/** Every HTML page of the built site, relative to its root, sorted. */
function allPages() {
  const out = [];
  (function walk(dir) {
    for (const e of fs.readdirSync(path.join(siteDir, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith(".html")) out.push(rel);
    }
  })("");
  return out.sort();
}

/** One page of every type, found in the built site. */
function pageTypes() {
  const byNr = (a, b) => a.localeCompare(b, "en", { numeric: true });
  const steps = list("steg").sort(byNr).map((f) => `steg/${f}`);
  const pages = {
    "start page": "index.html",
    step: steps[0],
    "vägval step": steps.find((s) => read(s).includes("kind--vagval")),
    "sub-process step": steps.find((s) => /\d+\.\d+\.html$/.test(s)),
    party: first("parter", (t) => !t.includes("Gemensam samverkansyta")) || first("parter", () => true),
    "shared area": first("parter", (t) => t.includes("Gemensam samverkansyta")),
    "sub-process": first("underprocesser", () => true),
    aktualisering: "aktualisering.html",
    "free page": list("sidor").filter((f) => f !== "begrepp.html").map((f) => `sidor/${f}`)[0],
    glossary: "sidor/begrepp.html",
    "print view": "skriv-ut.html",
    "accessibility statement": "tillganglighet.html",
    search: "sok.html?q=l%C3%A4karintyget",
  };
  for (const [name, rel] of Object.entries(pages)) {
    if (!rel) delete pages[name];
  }
  return pages;
}

async function axe(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary}`),
    }));
  });
}

async function main() {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  const outside = [];
  async function newPage(viewport) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.on("request", (req) => {
      const url = req.url();
      if (!url.startsWith(base) && !url.startsWith("data:") && !url.startsWith("about:")) {
        outside.push(`${page.url()} → ${url}`);
      }
    });
    return page;
  }

  try {
    const types = pageTypes();
    for (const expected of ["start page", "step", "vägval step", "party", "sub-process", "aktualisering",
      "free page", "glossary", "print view", "accessibility statement", "search"]) {
      if (!types[expected]) fail(`the site has a ${expected}`, "no such page was built");
    }
    const widths = [
      ["desktop", { width: 1280, height: 900 }],
      ["phone", { width: 390, height: 844 }],
    ];
    for (const [label, viewport] of widths) {
      const page = await newPage(viewport);
      // Every page at desktop width (the search page with a query too); every type on a phone.
      const targets = label === "desktop"
        ? [...allPages().map((rel) => [rel, rel]), ["search", types.search]]
        : Object.entries(types);
      for (const [name, rel] of targets) {
        const test = `axe: ${name} (${rel}, ${label})`;
        try {
          const resp = await page.goto(base + rel, { waitUntil: "load" });
          if (!resp || !resp.ok()) throw new Error(`HTTP ${resp && resp.status()}`);
          const violations = await axe(page);
          if (violations.length) fail(test, JSON.stringify(violations, null, 2));
          else ok(test);
        } catch (e) {
          fail(test, e.stack || e);
        }
      }
      await page.context().close();
    }

    const page = await newPage({ width: 1280, height: 900 });

    // A click on a step of the overview map lands on that step's page.
    {
      const test = "a click on a step of the overview map opens its page";
      try {
        await page.goto(base + "index.html");
        const link = page.locator('.map svg a[href*="steg/"]').first();
        if ((await link.count()) === 0) throw new Error("the overview map has no step links");
        const href = await link.getAttribute("href");
        const nr = href.match(/steg\/([\d.]+)\.html/)[1];
        await Promise.all([page.waitForURL("**/steg/" + nr + ".html"), link.click()]);
        const h1 = (await page.locator("h1").innerText()).replace(/\s+/g, " ");
        if (!h1.includes("Steg " + nr)) throw new Error(`landed on a page headed "${h1}"`);
        ok(`${test} (steg ${nr})`);
      } catch (e) {
        fail(test, e.stack || e);
      }
    }

    // The map's steps are reachable with the keyboard.
    {
      const test = "the keyboard reaches a step of the overview map and opens it";
      try {
        await page.goto(base + "index.html");
        let href = null;
        for (let i = 0; i < 400 && !href; i++) {
          await page.keyboard.press("Tab");
          href = await page.evaluate(() => {
            const el = document.activeElement;
            return el && el.closest && el.closest(".map svg") && /steg\//.test(el.getAttribute("href") || "")
              ? el.getAttribute("href") : null;
          });
        }
        if (!href) throw new Error("Tab never reached a step link in the map");
        const nr = href.match(/steg\/([\d.]+)\.html/)[1];
        await Promise.all([page.waitForURL("**/steg/" + nr + ".html"), page.keyboard.press("Enter")]);
        ok(`${test} (steg ${nr})`);
      } catch (e) {
        fail(test, e.stack || e);
      }
    }

    // "Visa steget i kartan" goes back to the map with the step as the target.
    {
      const test = "a step page links back to its box on the map";
      try {
        await page.goto(base + types.step);
        const back = page.locator(".step__actions a").first();
        const href = await back.getAttribute("href");
        await back.click();
        await page.waitForLoadState("load");
        const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
        const found = await page.evaluate((id) => !!document.getElementById(id), id);
        if (!found) throw new Error(`${href}: no element with id ${id}`);
        ok(`${test} (${href})`);
      } catch (e) {
        fail(test, e.stack || e);
      }
    }

    // Search finds the inflected form, offline.
    {
      const test = "search for läkarintyget lists pages about läkarintyg";
      try {
        await page.goto(base + "sok.html");
        await page.fill("#sok-sida", "läkarintyget");
        await page.waitForFunction(() => document.querySelectorAll("#sok-traffar li").length > 0, null, { timeout: 5000 });
        const hits = await page.locator("#sok-traffar li").count();
        const status = await page.locator("#sok-status").innerText();
        ok(`${test} (${hits} results: ${status})`);
      } catch (e) {
        fail(test, e.stack || e);
      }
    }

    // The header's search form leads to results too.
    {
      const test = "the search box in the header shows results on the search page";
      try {
        await page.goto(base + types.step);
        await page.fill("#sok-falt", "Läkarintyg");
        await Promise.all([page.waitForURL("**/sok.html?q=*"), page.press("#sok-falt", "Enter")]);
        await page.waitForFunction(() => document.querySelectorAll("#sok-traffar li").length > 0, null, { timeout: 5000 });
        ok(test);
      } catch (e) {
        fail(test, e.stack || e);
      }
    }

    await mapViewer(newPage, types);
    await beyondAxe(newPage, types);
    await searchPage(newPage);
    await print(newPage);

    if (outside.length) fail("no request leaves the site", outside.slice(0, 20).join("\n"));
    else ok("no request leaves the site");
  } finally {
    await browser.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

/** Runs one named check: ok when `body` returns (its result is shown), not ok when it throws. */
async function check(name, body) {
  try {
    const note = await body();
    ok(note ? `${name} (${note})` : name);
  } catch (e) {
    fail(name, e.stack || e);
  }
}

/** In the page: the size of a step's text on the map, in CSS px (smallest). */
function labelPx() {
  const sizes = [...document.querySelectorAll(".map__scroll svg text.title")].map(
    (t) => t.getScreenCTM().a * parseFloat(t.getAttribute("font-size")),
  );
  return sizes.length ? Math.min(...sizes) : 0;
}

const LAPTOP = { width: 1366, height: 768 };

async function mapViewer(newPage, types) {
  const page = await newPage(LAPTOP);
  for (const [name, rel] of [["start page", "index.html"], ["party", types.party], ["sub-process", types["sub-process"]]]) {
    await check(`the map of the ${name} opens with step text of at least 12 CSS px at 1366×768`, async () => {
      await page.goto(base + rel);
      const px = await page.evaluate(labelPx);
      if (!(px >= 12)) throw new Error(`step text is ${px.toFixed(2)} px`);
      return `${px.toFixed(2)} px`;
    });
  }

  await page.goto(base + "index.html");
  const box = page.locator(".map__scroll");
  const size = () => page.evaluate(() => {
    const b = document.querySelector(".map__scroll");
    const r = b.querySelector("svg").getBoundingClientRect();
    return { w: r.width, h: r.height, bw: b.clientWidth, bh: b.clientHeight, x: b.scrollLeft, y: b.scrollTop };
  });
  await check("0 fits the whole map in its window, + and − zoom, arrows pan", async () => {
    await box.focus();
    await page.keyboard.press("0");
    const fit = await size();
    if (fit.w > fit.bw + 1 || fit.h > fit.bh + 1) throw new Error(`after 0 the map is ${fit.w}×${fit.h} in ${fit.bw}×${fit.bh}`);
    await page.keyboard.press("+");
    const bigger = await size();
    if (!(bigger.w > fit.w * 1.2)) throw new Error(`+ gave ${bigger.w} from ${fit.w}`);
    await page.keyboard.press("-");
    const back = await size();
    if (Math.abs(back.w - fit.w) > 1) throw new Error(`− gave ${back.w}, not ${fit.w}`);
    await page.keyboard.press("+");
    await page.keyboard.press("+");
    const before = await size();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowDown");
    const after = await size();
    if (!(after.x > before.x && after.y > before.y)) throw new Error(`arrows moved from ${before.x},${before.y} to ${after.x},${after.y}`);
    return `fit ${Math.round(fit.w)}×${Math.round(fit.h)} px`;
  });
  await check("Ctrl and the mouse wheel zoom the map; dragging pans it", async () => {
    await page.goto(base + "index.html");
    const r = await box.boundingBox();
    const start = await size();
    await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
    await page.keyboard.down("Control");
    await page.mouse.wheel(0, -300);
    await page.keyboard.up("Control");
    await page.waitForTimeout(100);
    const zoomed = await size();
    if (!(zoomed.w > start.w * 1.5)) throw new Error(`wheel gave ${zoomed.w} from ${start.w}`);
    // Drag on the lane header, where there is no link.
    const header = await page.locator(".map__scroll svg .lane-header").first().boundingBox();
    const x0 = Math.max(header.x + 5, r.x + 5), y0 = Math.max(header.y + 5, r.y + 5);
    await page.mouse.move(x0 + 100, y0 + 100);
    await page.mouse.down();
    await page.mouse.move(x0 + 20, y0 + 40, { steps: 5 });
    await page.mouse.up();
    const dragged = await size();
    if (!(dragged.x > zoomed.x + 50)) throw new Error(`drag moved from ${zoomed.x} to ${dragged.x}`);
  });
  await check("two fingers pinch the map larger", async () => {
    await page.goto(base + "index.html");
    const start = await size();
    await page.evaluate(() => {
      const b = document.querySelector(".map__scroll");
      const r = b.getBoundingClientRect();
      const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
      const ev = (type, id, x) => b.dispatchEvent(new PointerEvent(type, { pointerId: id, pointerType: "touch", clientX: x, clientY: cy, bubbles: true, cancelable: true }));
      ev("pointerdown", 1, cx - 20);
      ev("pointerdown", 2, cx + 20);
      ev("pointermove", 1, cx - 60);
      ev("pointermove", 2, cx + 60);
      ev("pointerup", 1, cx - 60);
      ev("pointerup", 2, cx + 60);
    });
    const after = await size();
    if (!(after.w > start.w * 2.5)) throw new Error(`pinch gave ${after.w} from ${start.w}`);
  });

  await check("focus on a step lights its arrows and neighbours and dims the rest", async () => {
    await page.goto(base + "index.html");
    const r = await page.evaluate(() => {
      const g = document.querySelector(".map__scroll g.step[data-nr='8']") || document.querySelector(".map__scroll g.step[data-nr]");
      const nr = g.getAttribute("data-nr");
      g.parentNode.focus();
      const svg = g.ownerSVGElement;
      const mine = [...svg.querySelectorAll(".edges path")].filter((p) => p.dataset.from === nr || p.dataset.to === nr);
      const others = [...svg.querySelectorAll(".edges path")].filter((p) => p.dataset.from !== nr && p.dataset.to !== nr);
      const near = new Set(mine.flatMap((p) => [p.dataset.from, p.dataset.to]));
      const lit = [...svg.querySelectorAll(".steps > a.is-on g.step")].map((s) => s.dataset.nr);
      const op = (el) => getComputedStyle(el).opacity;
      return {
        nr, following: svg.classList.contains("is-following"),
        mine: mine.map(op), others: [...new Set(others.map(op))], near: [...near].sort(), lit: lit.sort(),
        dimmed: [...svg.querySelectorAll(".steps > a")].filter((a) => op(a) !== "1").length,
      };
    });
    if (!r.following) throw new Error("the map is not following the step");
    if (r.mine.length === 0 || r.mine.some((o) => o !== "1")) throw new Error(`own arrows: ${r.mine}`);
    if (r.others.join() !== "0.25") throw new Error(`other arrows have opacity ${r.others}`);
    if (r.near.join() !== r.lit.join()) throw new Error(`lit steps ${r.lit}, expected ${r.near}`);
    if (!r.dimmed) throw new Error("no step dimmed");
    return `step ${r.nr}: ${r.mine.length} arrows, steps ${r.lit.join(" ")} lit`;
  });
  await check("the party filter shows one party's steps and the arrows into and out of it", async () => {
    await page.goto(base + "index.html");
    const lane = await page.evaluate(() => document.querySelector(".map__scroll g.step[data-lane]").dataset.lane);
    await page.selectOption("[data-map-party]", lane);
    const r = await page.evaluate((lane) => {
      const svg = document.querySelector(".map__scroll svg");
      const lanes = {};
      for (const g of svg.querySelectorAll("g.step[data-nr]")) lanes[g.dataset.nr] = g.dataset.lane;
      const own = [...svg.querySelectorAll(".steps > a")].filter((a) => a.querySelector("g.step").dataset.lane === lane);
      const bad = [];
      for (const a of own) if (!a.classList.contains("is-on")) bad.push("step " + a.querySelector("g.step").dataset.nr + " not shown");
      for (const p of svg.querySelectorAll(".edges path")) {
        const touches = lanes[p.dataset.from] === lane || lanes[p.dataset.to] === lane;
        if (touches !== p.classList.contains("is-on")) bad.push(`arrow ${p.dataset.from}→${p.dataset.to}`);
      }
      const dimmed = [...svg.querySelectorAll(".steps > a")].filter((a) => getComputedStyle(a).opacity !== "1").length;
      return { bad, own: own.length, dimmed };
    }, lane);
    if (r.bad.length) throw new Error(r.bad.slice(0, 10).join("\n"));
    if (!r.dimmed) throw new Error("nothing dimmed");
    return `${lane}: ${r.own} steps, ${r.dimmed} dimmed`;
  });

  for (const [name, rel] of [["step", types.step], ["sub-process step", types["sub-process step"]]]) {
    await check(`"Visa steget i kartan" from a ${name} lands zoomed on the step with focus on it`, async () => {
      await page.goto(base + rel);
      const link = page.locator(".step__actions a").first();
      const href = await link.getAttribute("href");
      await link.click();
      await page.waitForLoadState("load");
      await page.waitForTimeout(100);
      const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
      const r = await page.evaluate((id) => {
        const el = document.getElementById(id);
        if (!el) return { missing: true };
        const a = el.closest("a");
        const b = el.getBoundingClientRect(), box = document.querySelector(".map__scroll").getBoundingClientRect();
        const inside = b.left >= box.left && b.right <= box.right && b.top >= box.top && b.bottom <= box.bottom;
        const vis = b.top >= 0 && b.bottom <= window.innerHeight;
        const t = el.querySelector("text.title");
        return {
          focused: document.activeElement === a, inside, vis,
          px: t.getScreenCTM().a * parseFloat(t.getAttribute("font-size")),
        };
      }, id);
      if (r.missing) throw new Error(`${href}: no element with id ${id}`);
      if (!r.focused) throw new Error("focus is not on the step");
      if (!r.inside || !r.vis) throw new Error(`the step is not in view (in the map window: ${r.inside}, on screen: ${r.vis})`);
      if (!(r.px >= 12)) throw new Error(`its text is ${r.px.toFixed(2)} px`);
      return `${href}, ${r.px.toFixed(1)} px`;
    });
  }
  await page.context().close();
}

/** WCAG contrast of two colours given as CSS rgb()/rgba() strings. */
const CONTRAST = `
  function rgb(c) { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null; const v = m[1].split(/[ ,/]+/).filter(Boolean).map(Number); return v.length > 3 && v[3] === 0 ? null : v.slice(0, 3); }
  function lum(v) { const [r, g, b] = v.map((x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; }
  function contrast(a, b) { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); }
  function behind(el) { for (let e = el.parentElement; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c) return c; } return [255, 255, 255]; }
`;

async function beyondAxe(newPage, types) {
  const narrow = await newPage({ width: 320, height: 640 });
  for (const [name, rel] of Object.entries(types)) {
    await check(`reflow: no sideways scrolling at 320 CSS px, headings wrap: ${name} (${rel})`, async () => {
      await narrow.goto(base + rel);
      const r = await narrow.evaluate(() => ({
        w: document.documentElement.scrollWidth,
        wide: [...document.querySelectorAll("body *")].filter((e) => {
          const b = e.getBoundingClientRect();
          return b.width && b.right > 321 && !e.closest(".map__scroll, .visually-hidden, table, pre");
        }).slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.getAttribute("class") || ""}`),
        headings: [...document.querySelectorAll("h1, h2, h3")].filter((h) => h.scrollWidth > h.clientWidth + 1).map((h) => h.innerText),
      }));
      if (r.w > 320 || r.wide.length) throw new Error(`page is ${r.w} px wide: ${r.wide.join(", ")}`);
      if (r.headings.length) throw new Error(`headings overflow: ${r.headings.join(" | ")}`);
    });
  }
  await check("a long compound in a heading wraps at 320 CSS px", async () => {
    await narrow.goto(base + "index.html");
    const r = await narrow.evaluate(() => {
      const h = document.querySelector("h1");
      h.textContent = "Arbetsmarknadsutbildningsförberedelsesamordningsansvar";
      return { sw: h.scrollWidth, cw: h.clientWidth, lines: Math.round(h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight)) };
    });
    if (r.sw > r.cw + 1) throw new Error(`the heading is ${r.sw} px in ${r.cw}`);
    return `${r.lines} lines`;
  });
  await narrow.context().close();

  const page = await newPage({ width: 1280, height: 900 });
  for (const [name, rel] of Object.entries(types)) {
    await check(`every focusable element shows a focus indicator of at least 3:1: ${name} (${rel})`, async () => {
      await page.goto(base + rel);
      await page.evaluate(() => document.activeElement && document.activeElement.blur());
      const bad = [];
      let count = 0;
      for (let i = 0; i < 600; i++) {
        await page.keyboard.press("Tab");
        const r = await page.evaluate(`(() => {${CONTRAST}
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          window.seenByTest = window.seenByTest || [];
          const key = window.seenByTest.indexOf(el) >= 0 ? "again" : "new " + window.seenByTest.push(el);
          const cs = getComputedStyle(el);
          const colours = [];
          if (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2) colours.push(rgb(cs.outlineColor));
          const shadow = cs.boxShadow.match(/rgba?\\([^)]+\\)[^,]*?(\\d+)px(?:,|$)/);
          if (shadow && parseFloat(shadow[1]) >= 2) colours.push(rgb(shadow[0]));
          const bg = behind(el);
          let best = Math.max(0, ...colours.filter(Boolean).map((c) => contrast(c, bg)));
          let text = 21;
          const svg = el.ownerSVGElement || (el instanceof SVGElement ? el : null);
          if (svg) {
            // A step: its shape's fill changes to the focus colour, edged in black.
            const shape = el.querySelector(".shape");
            if (shape) {
              const on = rgb(getComputedStyle(shape).fill);
              el.blur();
              const off = rgb(getComputedStyle(shape).fill);
              el.focus();
              best = Math.max(best, contrast(on, off));
            }
          } else {
            const own = rgb(cs.backgroundColor) || bg;
            text = contrast(rgb(cs.color), own);
          }
          return { key, what: el.tagName.toLowerCase() + (el.getAttribute("class") ? "." + el.getAttribute("class") : "") + " " + (el.getAttribute("href") || el.textContent.trim().slice(0, 30)), best, text };
        })()`);
        if (!r) continue;
        if (r.key === "again") break;
        count++;
        if (r.best < 3) bad.push(`${r.what}: indicator ${r.best.toFixed(2)}:1`);
        if (r.text < 4.5) bad.push(`${r.what}: text ${r.text.toFixed(2)}:1 when focused`);
      }
      if (bad.length) throw new Error(bad.slice(0, 15).join("\n"));
      return `${count} elements`;
    });
  }

  await check("a party page tabs through the party's own steps before the arrows to other parties", async () => {
    const rel = types.party;
    const lane = rel.match(/parter\/(.+)\.html$/)[1];
    await page.goto(base + rel);
    await page.locator(".map__scroll").focus();
    const order = [];
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press("Tab");
      const r = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el.closest(".map__scroll svg")) return null;
        const g = el.querySelector("g.step");
        return g ? `step:${g.dataset.lane}` : "other";
      });
      if (!r) break;
      order.push(r);
    }
    const own = order.filter((o) => o === `step:${lane}`).length;
    if (!own) throw new Error("no step of the party reached");
    if (order.slice(0, own).some((o) => o !== `step:${lane}`)) throw new Error(`order: ${order.join(" ")}`);
    return `${own} own steps, then ${order.length - own} links to other parties`;
  });

  for (const [name, rel] of Object.entries(types)) {
    await check(`text spacing (WCAG 1.4.12) clips no text: ${name} (${rel})`, async () => {
      await page.goto(base + rel);
      await page.addStyleTag({ content: "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }" });
      const r = await page.evaluate(() => {
        const bad = [];
        for (const e of document.querySelectorAll("body *")) {
          if (e.closest(".visually-hidden, svg") || !e.textContent.trim()) continue;
          const cs = getComputedStyle(e);
          const clips = (o) => o === "hidden" || o === "clip";
          if (clips(cs.overflowX) && e.scrollWidth > e.clientWidth + 1) bad.push(`${e.tagName.toLowerCase()}.${e.className} ${e.scrollWidth}>${e.clientWidth}`);
          if (clips(cs.overflowY) && e.scrollHeight > e.clientHeight + 1) bad.push(`${e.tagName.toLowerCase()}.${e.className} ${e.scrollHeight}>${e.clientHeight}`);
        }
        return { bad, w: document.documentElement.scrollWidth, vw: window.innerWidth };
      });
      if (r.bad.length) throw new Error(r.bad.slice(0, 10).join("\n"));
      if (r.w > r.vw) throw new Error(`the page scrolls sideways: ${r.w} > ${r.vw}`);
    });
  }
  await page.context().close();
}

async function searchPage(newPage) {
  const page = await newPage({ width: 1280, height: 900 });
  await check("search counts honestly and marks the matched words in the excerpt", async () => {
    await page.goto(base + "sok.html?q=samtycke");
    await page.waitForFunction(() => document.querySelectorAll("#sok-traffar li").length > 0, null, { timeout: 5000 });
    const r = await page.evaluate(() => ({
      status: document.getElementById("sok-status").innerText,
      shown: document.querySelectorAll("#sok-traffar li").length,
      first: document.querySelector("#sok-traffar li a").getAttribute("href"),
      marks: [...document.querySelectorAll("#sok-traffar li:first-child mark")].map((m) => m.textContent),
    }));
    const m = r.status.match(/^Visar (\d+) av (\d+) träffar\.$/);
    if (!m || Number(m[1]) !== r.shown || Number(m[2]) <= r.shown) throw new Error(`status "${r.status}" with ${r.shown} shown`);
    if (!r.first.endsWith("steg/12.7.html")) throw new Error(`first hit ${r.first}`);
    if (!r.marks.length || !r.marks.every((w) => /^samtycke/i.test(w))) throw new Error(`marked: ${r.marks}`);
    return r.status;
  });
  await page.context().close();
}

async function print(newPage) {
  const page = await newPage({ width: 1280, height: 900 });
  await check("the printed print view has the site title and page numbers on every page, contents first, the overview on its own page of the map's paper, and no heading alone at a page's foot", async () => {
    await page.goto(base + "skriv-ut.html", { waitUntil: "load" });
    const info = await page.evaluate(() => ({
      title: document.querySelector(".site-title a").textContent.trim(),
      headings: [...document.querySelectorAll("main h2, main h3, main h4")].flatMap((h) => h.innerText.split("\n")).map((t) => t.trim()).filter(Boolean),
    }));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "print-"));
    try {
      const pdf = path.join(dir, "print.pdf");
      await page.pdf({ path: pdf, format: "A4", preferCSSPageSize: true });
      const pages = Number(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }).match(/Pages:\s+(\d+)/)[1]);
      const sizes = execFileSync("pdfinfo", ["-f", "1", "-l", String(pages), pdf], { encoding: "utf8" })
        .split("\n").filter((l) => /^Page\s+\d+ size/.test(l)).map((l) => l.match(/([\d.]+) x ([\d.]+)/).slice(1).map(Number));
      const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).split("\f").slice(0, pages);
      const bad = [];
      text.forEach((t, i) => {
        const lines = t.split("\n").map((l) => l.trim()).filter(Boolean);
        if (!lines[0] || !lines[0].startsWith(info.title)) bad.push(`page ${i + 1}: starts "${lines[0]}"`);
        const foot = lines[lines.length - 1] || "";
        if (foot !== `Sida ${i + 1} av ${pages}`) bad.push(`page ${i + 1}: ends "${foot}"`);
        const last = lines[lines.length - 2] || "";
        if (i + 1 < pages && (/^Steg \d+(\.\d+)?$/.test(last) || info.headings.includes(last))) bad.push(`page ${i + 1}: heading "${last}" alone at the foot`);
      });
      if (!/Innehåll/.test(text[0]) || !/Steg 1: /.test(text[0])) bad.push("no contents with step numbers on page 1");
      // book.toml: A3 landscape, 420 × 297 mm = 1190.6 × 841.9 pt.
      const a3 = sizes.map(([w, h], i) => [i + 1, w, h]).filter(([, w, h]) => Math.abs(w - 1190.6) < 2 && Math.abs(h - 841.9) < 2);
      if (a3.length !== 1) bad.push(`${a3.length} pages of A3 landscape, not 1`);
      else if (!/Parter/.test(text[a3[0][0] - 1]) || !/Symboler/.test(text[a3[0][0] - 1])) bad.push("the A3 page is not the whole overview with its legend");
      if (bad.length) throw new Error(bad.slice(0, 15).join("\n"));
      return `${pages} pages, overview on page ${a3[0][0]}`;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  await page.context().close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
