// Search over the built site's index, in Node with the theme's sok.js: a table of real
// queries a caseworker types and the page each must return first, plus the pages it must
// find at all (inside compounds, through the glossary's synonyms).
//
// Usage: SITE=<built site folder> node --test search.test.js
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const sok = require(path.join(__dirname, "..", "..", "themes", "default", "sok.js"));

const site = process.env.SITE;
if (!site) throw new Error("set SITE to a built site folder");
const window = {};
vm.runInNewContext(fs.readFileSync(path.join(site, "search-index.js"), "utf8"), { window });
const index = window.PROCESSKARTA_SOK;

// query, the page it must return first, pages it must also find, the least number of hits.
const QUERIES = [
  ["koordinator", "steg/9.html", ["sidor/begrepp.html", "sidor/parter/halso-och-sjukvarden.html"], 30],
  ["rehabkoordinator", "steg/9.html", ["sidor/begrepp.html"], 30],
  ["intyg", "steg/24.4.html", ["steg/12.2.html", "steg/12.3.html", "steg/12.8.html", "steg/3.html"], 60],
  ["läkarintyget", "steg/3.html", ["steg/12.2.html", "steg/12.3.html", "steg/12.8.html"], 60],
  ["sjukintyg", "steg/3.html", ["steg/12.2.html"], 60],
  ["försörjningsstöd", "steg/7.html", ["steg/8.html", "sidor/begrepp.html"], 40],
  ["ekonomiskt bistånd", "steg/7.html", ["steg/8.html", "steg/26.html"], 40],
  ["sip", "steg/13.html", ["underprocesser/sip.html", "steg/13.2.html"], 30],
  ["samordnad individuell plan", "steg/13.html", ["underprocesser/sip.html"], 30],
  ["sgi", "steg/12.4.html", ["steg/4.html", "sidor/begrepp.html"], 30],
  ["samtycke", "steg/12.7.html", ["steg/13.2.html", "steg/18.2.html"], 51],
  ["jobbtorg", "sidor/parter/jobbtorg.html", ["parter/jobbtorg.html", "steg/11.5.html"], 30],
  ["aktualisering", "aktualisering.html", [], 10],
  ["tillgänglighet", "tillganglighet.html", [], 1],
];

for (const [query, first, also, least] of QUERIES) {
  test(`"${query}" returns ${first} first`, () => {
    const urls = sok.search(index, query).map((h) => h.doc.u);
    assert.strictEqual(urls[0], first, `got ${urls.slice(0, 5).join(", ")}`);
    for (const u of also) assert.ok(urls.includes(u), `${u} missing from ${urls.length} hits`);
    assert.ok(urls.length >= least, `only ${urls.length} hits`);
  });
}

test("every page of the site is in the index", () => {
  const indexed = new Set(index.docs.map((d) => d.u));
  const pages = [];
  (function walk(dir) {
    for (const e of fs.readdirSync(path.join(site, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith(".html")) pages.push(rel);
    }
  })("");
  // The search page and the print view (everything in it is indexed page by page) are not results.
  const missing = pages.filter((p) => !indexed.has(p) && p !== "sok.html" && p !== "skriv-ut.html");
  assert.deepStrictEqual(missing, []);
});

test("an excerpt shows the matched passage with the words marked", () => {
  const [hit] = sok.search(index, "koordinator");
  const parts = sok.excerpt(hit.doc.x, hit.words, 200);
  const marked = parts.filter((p) => p.mark).map((p) => p.text);
  assert.ok(marked.length > 0, "no word marked");
  assert.ok(marked.every((w) => /koordinator/i.test(w)), marked.join(", "));
  const text = parts.map((p) => p.text).join("");
  assert.ok(text.length <= 210, `${text.length} characters`);
  // Deep in a long page: the excerpt starts near the word, not at the page's opening.
  const deep = { x: "Början. " + "ord ".repeat(200) + "Här står läkarintyget och mer text efteråt." };
  const d = sok.excerpt(deep.x, sok.terms("intyg"), 120);
  assert.strictEqual(d[0].text, "… ");
  assert.deepStrictEqual(d.filter((p) => p.mark).map((p) => p.text), ["läkarintyget"]);
});
