// The built site in headless Chromium: axe-core finds no accessibility violation on any page
// type, at desktop and phone width; a click on a step of the overview map lands on that
// step's page, and so does the keyboard; search finds inflected Swedish words; and no page
// asks any other host for anything.
//
// Usage: node site.test.js <site folder> <base URL serving that folder>
"use strict";
const fs = require("node:fs");
const path = require("node:path");
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
      for (const [name, rel] of Object.entries(types)) {
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

    if (outside.length) fail("no request leaves the site", outside.slice(0, 20).join("\n"));
    else ok("no request leaves the site");
  } finally {
    await browser.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
