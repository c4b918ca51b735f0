/* Search in the browser, over the index that search-index.js sets. Loads nothing else.
 *
 * fold, tokens and stem mirror src/render/site/search.rs exactly: the index holds stems made
 * in Rust, and a query must be cut the same way to find them. Both are tested against
 * tests/browser/stemmer-words.tsv. */
(function () {
  "use strict";

  var SUFFIXES = [
    "heterna", "elserna", "hetens", "arnas", "ernas", "ornas", "andes", "andet", "anden",
    "heten", "heter", "arens", "elsen", "elser", "arna", "erna", "orna", "ande", "ende",
    "arne", "aste", "aren", "ades", "else", "erns", "ens", "ets", "het", "ast", "are", "ern", "ade",
    "ena", "ad", "an", "en", "et", "na", "ar", "er", "or", "as", "es", "at", "a", "e"
  ];
  var MIN_STEM = 3;
  var S_ENDING = "bcdfghjklmnoprtvy";
  var PAIRS = ["dd", "gd", "nn", "dt", "gt", "kt", "tt"];
  var ALNUM = /[\p{Alphabetic}\p{N}]/u;
  var DIGIT = /[0-9]/;

  function compose(out, base, withChar) {
    if (out.length && out[out.length - 1] === base) {
      out[out.length - 1] = withChar;
      return true;
    }
    return false;
  }

  function fold(text) {
    var out = [];
    var chars = Array.from(String(text).toLowerCase());
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      if (c === "\u030a") {
        compose(out, "a", "å");
      } else if (c === "\u0308") {
        if (!compose(out, "a", "ä")) compose(out, "o", "ö");
      } else if (c === "\u0301" || c === "\u0300") {
        /* dropped */
      } else if (c === "é" || c === "è" || c === "ê") {
        out.push("e");
      } else if (c === "à" || c === "á") {
        out.push("a");
      } else if (c === "ü") {
        out.push("u");
      } else {
        out.push(c);
      }
    }
    return out.join("");
  }

  function tokens(folded) {
    var chars = Array.from(folded);
    var out = [];
    var i = 0;
    while (i < chars.length) {
      if (!ALNUM.test(chars[i])) { i++; continue; }
      var start = i;
      while (i < chars.length) {
        if (ALNUM.test(chars[i])) {
          i++;
        } else if (chars[i] === "." && i > start && DIGIT.test(chars[i - 1]) &&
                   i + 1 < chars.length && DIGIT.test(chars[i + 1])) {
          i++;
        } else {
          break;
        }
      }
      out.push(chars.slice(start, i).join(""));
    }
    return out;
  }

  function stem(word) {
    var chars = Array.from(word);
    if (chars.some(function (c) { return DIGIT.test(c); })) return word;
    var len = chars.length;
    for (var k = 0; k < SUFFIXES.length; k++) {
      var suffix = Array.from(SUFFIXES[k]);
      var n = suffix.length;
      if (len >= n + MIN_STEM && chars.slice(len - n).join("") === suffix.join("")) {
        len -= n;
        break;
      }
    }
    if (len === chars.length && len > MIN_STEM && chars[len - 1] === "s" &&
        S_ENDING.indexOf(chars[len - 2]) >= 0) {
      len -= 1;
    }
    if (len > MIN_STEM && PAIRS.indexOf(chars.slice(len - 2, len).join("")) >= 0) {
      len -= 1;
    }
    return chars.slice(0, len).join("");
  }

  function terms(text) {
    return tokens(fold(text)).map(stem);
  }

  /* Documents matching every query word, best first. A query word matches an index word
   * with the same stem, or one that begins with it (the reader may not have finished it). */
  function search(index, query) {
    var words = terms(query);
    if (!words.length) return [];
    var keys = Object.keys(index.terms);
    var scores = null;
    for (var w = 0; w < words.length; w++) {
      var word = words[w];
      var found = {};
      for (var k = 0; k < keys.length; k++) {
        var key = keys[k];
        var factor = key === word ? 1 : (key.indexOf(word) === 0 ? 0.5 : 0);
        if (!factor) continue;
        var postings = index.terms[key];
        for (var p = 0; p < postings.length; p++) {
          var doc = postings[p][0];
          found[doc] = (found[doc] || 0) + postings[p][1] * factor;
        }
      }
      if (scores === null) {
        scores = found;
      } else {
        var both = {};
        for (var d in scores) {
          if (Object.prototype.hasOwnProperty.call(found, d)) both[d] = scores[d] + found[d];
        }
        scores = both;
      }
    }
    return Object.keys(scores)
      .map(function (d) { return { doc: Number(d), score: scores[d] }; })
      .sort(function (a, b) { return b.score - a.score || a.doc - b.doc; })
      .map(function (r) { return index.docs[r.doc]; });
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { fold: fold, tokens: tokens, stem: stem, terms: terms, search: search };
    return;
  }

  var index = window.PROCESSKARTA_SOK;
  var field = document.getElementById("sok-sida");
  var status = document.getElementById("sok-status");
  var list = document.getElementById("sok-traffar");
  if (!index || !field || !status || !list) return;
  var root = (document.querySelector("link[rel=stylesheet]").getAttribute("href") || "")
    .replace(/tema\/site\.css$/, "");

  function show(query) {
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!terms(query).length) {
      status.textContent = status.getAttribute("data-empty");
      return;
    }
    var hits = search(index, query).slice(0, 50);
    var n = hits.length;
    status.textContent = n === 0 ? status.getAttribute("data-none")
      : n === 1 ? status.getAttribute("data-one")
      : status.getAttribute("data-many").replace("{n}", String(n));
    hits.forEach(function (doc) {
      var li = document.createElement("li");
      li.className = "search-results__item";
      var a = document.createElement("a");
      a.href = root + doc.u;
      a.textContent = doc.t;
      var h = document.createElement("h2");
      h.className = "search-results__title";
      h.appendChild(a);
      var meta = document.createElement("p");
      meta.className = "search-results__meta";
      meta.textContent = doc.m;
      li.appendChild(h);
      li.appendChild(meta);
      if (doc.x) {
        var x = document.createElement("p");
        x.className = "search-results__excerpt";
        x.textContent = doc.x;
        li.appendChild(x);
      }
      list.appendChild(li);
    });
  }

  var params = new URLSearchParams(window.location.search);
  var q = params.get("q") || "";
  field.value = q;
  var header = document.getElementById("sok-falt");
  if (header) header.value = q;
  show(q);
  var timer = null;
  field.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(field.value); }, 150);
  });
})();
