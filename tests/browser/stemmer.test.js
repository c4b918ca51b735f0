// The browser's stemmer (themes/default/sok.js) against the word list the Rust stemmer is
// tested with (tests/site_search.rs): the index is made in Rust and the query is cut in the
// browser, so the two must agree word for word.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const sok = require(path.join(__dirname, "..", "..", "themes", "default", "sok.js"));

const words = fs
  .readFileSync(path.join(__dirname, "stemmer-words.tsv"), "utf8")
  .split("\n")
  .filter((l) => l.trim() && !l.startsWith("#"))
  .map((l) => l.split("\t"));

test("every word of the shared list gets its stem", () => {
  for (const [word, stem] of words) {
    assert.deepStrictEqual(sok.terms(word), [stem], word);
  }
});

test("läkarintyget finds läkarintyg", () => {
  const index = {
    docs: [{ u: "steg/17.html", t: "Läser av läkarintyg", m: "Steg 17", x: "" }],
    terms: { "läkarintyg": [[0, 1, 0]], "läs": [[0, 1, 0]] },
  };
  const urls = (q) => sok.search(index, q).map((h) => h.doc.u);
  assert.deepStrictEqual(urls("läkarintyget"), ["steg/17.html"]);
  assert.deepStrictEqual(urls("LÄKARINTYG"), ["steg/17.html"]);
  assert.deepStrictEqual(urls("läkar"), ["steg/17.html"]);
  assert.deepStrictEqual(urls("intyget"), ["steg/17.html"]);
  assert.deepStrictEqual(urls("försäkring"), []);
});
