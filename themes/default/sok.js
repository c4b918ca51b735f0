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

  /* How well a query stem matches an index stem: the same stem, the start of a longer word
   * (the reader may not have finished it), or, from four letters, the end or middle of a
   * compound ("koordinator" in "rehabkoordinator", "intyg" in "läkarintyg"). */
  function factor(key, word) {
    if (key === word) return 1;
    var at = key.indexOf(word);
    if (at === 0) return 0.6;
    return at > 0 && Array.from(word).length >= 4 ? 0.4 : 0;
  }

  /* The query's words, and the variants the glossary's synonyms give: each phrase of a
   * synonym group found in the query is replaced by each other phrase of its group. */
  function variants(index, words) {
    var out = [{ words: words, weight: 1 }];
    var groups = index.syn || [];
    for (var g = 0; g < groups.length; g++) {
      var phrases = groups[g].map(terms);
      for (var p = 0; p < phrases.length; p++) {
        var at = find(words, phrases[p]);
        if (at < 0) continue;
        for (var q = 0; q < phrases.length; q++) {
          if (q === p || !phrases[q].length) continue;
          out.push({
            words: words.slice(0, at).concat(phrases[q], words.slice(at + phrases[p].length)),
            weight: 0.8
          });
        }
      }
    }
    return out;
  }

  function find(words, phrase) {
    if (!phrase.length) return -1;
    for (var i = 0; i + phrase.length <= words.length; i++) {
      var all = true;
      for (var j = 0; j < phrase.length && all; j++) all = words[i + j] === phrase[j];
      if (all) return i;
    }
    return -1;
  }

  /* Scores of the documents that match every word: [title, body], summed over the words. */
  function score(index, keys, words) {
    var scores = null;
    for (var w = 0; w < words.length; w++) {
      var found = {};
      for (var k = 0; k < keys.length; k++) {
        var f = factor(keys[k], words[w]);
        if (!f) continue;
        var postings = index.terms[keys[k]];
        for (var p = 0; p < postings.length; p++) {
          var d = postings[p][0];
          var s = found[d] || (found[d] = [0, 0]);
          s[0] += postings[p][1] * f;
          s[1] += postings[p][2] * f;
        }
      }
      if (scores === null) {
        scores = found;
      } else {
        var both = {};
        for (var doc in scores) {
          if (Object.prototype.hasOwnProperty.call(found, doc)) {
            both[doc] = [scores[doc][0] + found[doc][0], scores[doc][1] + found[doc][1]];
          }
        }
        scores = both;
      }
    }
    return scores || {};
  }

  /* Documents matching every query word (or a synonym's variant of the query), best first:
   * pages whose title matches before the others, then by how often the words occur. Each
   * result is { doc, words }: the document and the words that found it, for the excerpt. */
  function search(index, query) {
    var words = terms(query);
    if (!words.length) return [];
    var keys = Object.keys(index.terms);
    var best = {};
    var vs = variants(index, words);
    for (var v = 0; v < vs.length; v++) {
      var scores = score(index, keys, vs[v].words);
      for (var d in scores) {
        var t = scores[d][0] * vs[v].weight;
        var b = scores[d][1] * vs[v].weight;
        var old = best[d];
        if (!old || t > old.t || (t === old.t && b > old.b)) {
          best[d] = { t: t, b: b, words: vs[v].words };
        }
      }
    }
    return Object.keys(best)
      .map(function (d) { return { doc: Number(d), t: best[d].t, b: best[d].b, words: best[d].words }; })
      .sort(function (x, y) {
        return (y.t > 0) - (x.t > 0) || y.t - x.t || y.b - x.b || x.doc - y.doc;
      })
      .map(function (r) { return { doc: index.docs[r.doc], words: r.words }; });
  }

  /* The passage of `text` around the first word that matches, as parts
   * [{ text, mark }], about `size` characters long. */
  function excerpt(text, words, size) {
    var re = /[\p{Alphabetic}\p{N}]+/gu;
    var hits = [];
    var m;
    while ((m = re.exec(text)) !== null) {
      var t = terms(m[0])[0] || "";
      for (var w = 0; w < words.length; w++) {
        if (factor(t, words[w])) { hits.push([m.index, m.index + m[0].length]); break; }
      }
    }
    var start = 0;
    if (hits.length && hits[0][0] > size / 3) {
      start = text.lastIndexOf(" ", hits[0][0] - Math.floor(size / 3)) + 1;
    }
    var end = Math.min(text.length, start + size);
    if (end < text.length) {
      var space = text.lastIndexOf(" ", end);
      if (space > start + size / 2) end = space;
    }
    var parts = [];
    if (start > 0) parts.push({ text: "… ", mark: false });
    var at = start;
    for (var h = 0; h < hits.length; h++) {
      if (hits[h][0] < start || hits[h][1] > end) continue;
      if (hits[h][0] > at) parts.push({ text: text.slice(at, hits[h][0]), mark: false });
      parts.push({ text: text.slice(hits[h][0], hits[h][1]), mark: true });
      at = hits[h][1];
    }
    if (end > at) parts.push({ text: text.slice(at, end), mark: false });
    if (end < text.length) parts.push({ text: " …", mark: false });
    return parts;
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { fold: fold, tokens: tokens, stem: stem, terms: terms, search: search, excerpt: excerpt };
    return;
  }

  var index = window.PROCESSKARTA_SOK;
  var field = document.getElementById("sok-sida");
  var status = document.getElementById("sok-status");
  var list = document.getElementById("sok-traffar");
  if (!index || !field || !status || !list) return;
  var root = (document.querySelector("link[rel=stylesheet]").getAttribute("href") || "")
    .replace(/tema\/site\.css$/, "");

  /* At most this many results are listed. */
  var SHOWN = 50;

  function show(query) {
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!terms(query).length) {
      status.textContent = status.getAttribute("data-empty");
      return;
    }
    var all = search(index, query);
    var n = all.length;
    var hits = all.slice(0, SHOWN);
    status.textContent = n === 0 ? status.getAttribute("data-none")
      : n === 1 ? status.getAttribute("data-one")
      : n > SHOWN ? status.getAttribute("data-capped").replace("{shown}", String(SHOWN)).replace("{n}", String(n))
      : status.getAttribute("data-many").replace("{n}", String(n));
    hits.forEach(function (hit) {
      var doc = hit.doc;
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
        excerpt(doc.x, hit.words, 200).forEach(function (part) {
          if (part.mark) {
            var mark = document.createElement("mark");
            mark.textContent = part.text;
            x.appendChild(mark);
          } else {
            x.appendChild(document.createTextNode(part.text));
          }
        });
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
