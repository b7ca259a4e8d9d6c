/* Sitemark search: runs in the page, offline, from file:// too. No dependencies.
 *
 * The build writes the index as a script (search-index.js) that assigns
 * window.sitemarkSearchIndex; browsers refuse fetch() on file:// but load a <script src>.
 * It is loaded the first time the search box gets focus, so pages stay light.
 * Words are normalised exactly as the build does (SearchText.swift): NFD, marks stripped,
 * lowercased, runs of letters and digits. Every query word must match the start of an indexed
 * word (prefix matching as you type); results are ranked by where the words occur.
 * Results are built as DOM nodes; no text from the index or the query goes through innerHTML.
 */
(function () {
  "use strict";

  var WEIGHTS = { title: 10, alias: 8, heading: 4, description: 3, body: 1 };
  var FIELD = { title: 1, alias: 2, heading: 4, description: 8, body: 16 };
  var DROPDOWN_LIMIT = 8;
  var PAGE_LIMIT = 50;

  // --- text: the same rules as SearchText.swift --------------------------------------------
  var MARKS = /\p{M}/gu;
  var WORD = /[\p{L}\p{N}]+/gu;
  var DIGIT = /^\p{N}$/u;

  function normalize(text) {
    return text.normalize("NFD").toLowerCase().replace(MARKS, "");
  }

  function words(text) {
    var found = normalize(text).match(WORD) || [];
    return found.filter(function (w) { return w.length > 1 || DIGIT.test(w); });
  }

  /* The normalised text of `text` with, for each UTF-16 unit of it, the offset in `text` it
   * came from; so a match found in normalised text can be marked in the original. */
  function normalizeWithMap(text) {
    var out = "", map = [], offset = 0;
    for (var ch of text) {
      var piece = normalize(ch);
      for (var k = 0; k < piece.length; k++) map.push(offset);
      out += piece;
      offset += ch.length;
    }
    map.push(offset);
    return { text: out, map: map };
  }

  /* A heading id the index leaves out ("") because it is this slug of the heading's text:
   * SearchIndexScript.plainSlug in Swift, character for character. */
  var SLUG_KEEP = /[\p{L}\p{N}_]/u;
  function plainSlug(text) {
    var out = "";
    for (var ch of text.toLowerCase()) {
      if (ch === " " || ch === "-") out += "-";
      else if (SLUG_KEEP.test(ch)) out += ch;
    }
    return out;
  }

  // --- the index --------------------------------------------------------------------------
  var index = null;        // { docs, words, postings }
  var loading = null;      // callbacks waiting for the index

  function loadIndex(form, done) {
    if (index) { done(); return; }
    if (window.sitemarkSearchIndex) { prepare(window.sitemarkSearchIndex); done(); return; }
    if (loading) { loading.push(done); return; }
    loading = [done];
    var script = document.createElement("script");
    script.src = form.getAttribute("data-index");
    script.onload = function () {
      if (window.sitemarkSearchIndex) prepare(window.sitemarkSearchIndex);
      var waiting = loading; loading = null;
      waiting.forEach(function (f) { f(); });
    };
    script.onerror = function () {
      var waiting = loading; loading = null;
      index = { failed: true };
      waiting.forEach(function (f) { f(); });
    };
    document.head.appendChild(script);
  }

  function prepare(raw) {
    decoded = [];
    index = {
      docs: raw.docs.map(function (d) {
        var headings = [];
        for (var i = 0; i + 1 < d[5].length; i += 2) headings.push({ text: d[5][i], id: d[5][i + 1] || plainSlug(d[5][i]) });
        return { kind: d[0], url: d[1], title: d[2], context: d[3], description: d[4],
                 headings: headings, aliases: d[6], excerpt: d[7] };
      }),
      words: raw.words,
      postings: raw.postings
    };
  }

  /* First position in the sorted word list whose word is >= key. */
  function lowerBound(list, key) {
    var low = 0, high = list.length;
    while (low < high) {
      var mid = (low + high) >> 1;
      if (list[mid] < key) low = mid + 1; else high = mid;
    }
    return low;
  }

  /* A word's postings as a flat [doc, packed, doc, packed, …] array, decoded on first use.
   * The build writes them as a string (PostingCode in SearchIndexScript.swift): per posting a
   * base-32 varint of the document number minus the previous one (alphabet letters 32-63
   * continue the number), then one letter: field bits, plus 32 if frequent in the body. */
  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var LETTER = {};
  for (var a = 0; a < ALPHABET.length; a++) LETTER[ALPHABET[a]] = a;
  var decoded = [];

  function postings(i) {
    if (decoded[i]) return decoded[i];
    var code = index.postings[i], out = [], doc = 0, number = 0, readingNumber = true;
    for (var c = 0; c < code.length; c++) {
      var v = LETTER[code[c]];
      if (readingNumber) {
        if (v >= 32) { number = number * 32 + (v - 32); continue; }
        doc += number * 32 + v; number = 0; readingNumber = false;
      } else {
        out.push(doc, v); readingNumber = true;
      }
    }
    decoded[i] = out;
    return out;
  }

  /* Score of a word in a document by where it occurs: the best field counts fully, others a
   * tenth. All 64 combinations of field bits and the "frequent" bit are worked out once. */
  var FIELD_SCORE = [];
  for (var packed = 0; packed < 64; packed++) {
    var best = 0, extra = 0;
    Object.keys(FIELD).forEach(function (name) {
      if (packed & FIELD[name]) {
        var w = name === "body" ? WEIGHTS.body + (packed & 32 ? 0.6 : 0) : WEIGHTS[name];
        if (w > best) { extra += best; best = w; } else { extra += w; }
      }
    });
    FIELD_SCORE.push(best + extra * 0.1);
  }

  /* Ranked documents for a query: [{doc, score, fields}], best first. Every query word must
   * match; an exact word counts more than a longer word it starts. */
  function search(query) {
    var terms = words(query);
    if (!terms.length || !index || !index.docs) return { terms: terms, results: [], partial: false };
    var perTerm = terms.map(function (term) {
      var scores = new Map();
      for (var i = lowerBound(index.words, term); i < index.words.length; i++) {
        var word = index.words[i];
        if (word.lastIndexOf(term, 0) !== 0) break;
        var factor = word === term ? 1 : 0.55 + 0.35 * (term.length / word.length);
        var list = postings(i);
        for (var p = 0; p + 1 < list.length; p += 2) {
          var doc = list[p], packed = list[p + 1], fields = packed & 31;
          var score = FIELD_SCORE[packed] * factor;
          var seen = scores.get(doc);
          if (!seen) scores.set(doc, { score: score, fields: fields });
          else { if (score > seen.score) seen.score = score; seen.fields |= fields; }
        }
      }
      return scores;
    });
    var results = combine(perTerm, true), partial = false;
    if (!results.length && terms.length > 1) { results = combine(perTerm, false); partial = results.length > 0; }
    var phrase = terms.join(" ");
    results.forEach(function (r) {
      var doc = r.doc;
      if (doc.titleKey === undefined) {  // normalised once per document, on first use
        doc.titleKey = words(doc.title).join(" ");
        doc.aliasKeys = doc.aliases.map(function (a) { return words(a).join(" "); });
      }
      if (doc.titleKey === phrase) r.score += 20;
      else if (doc.titleKey.lastIndexOf(phrase, 0) === 0) r.score += 8;
      if (doc.aliasKeys.indexOf(phrase) >= 0) r.score += 12;
    });
    results.sort(function (a, b) {
      return b.score - a.score || compare(a.doc.title, b.doc.title) || compare(a.doc.url, b.doc.url);
    });
    return { terms: terms, results: results, partial: partial };
  }

  function compare(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  function combine(perTerm, requireAll) {
    var totals = new Map();
    perTerm.forEach(function (scores) {
      scores.forEach(function (value, doc) {
        var t = totals.get(doc) || { score: 0, fields: 0, count: 0 };
        t.score += value.score; t.fields |= value.fields; t.count += 1;
        totals.set(doc, t);
      });
    });
    var out = [];
    totals.forEach(function (t, doc) {
      if (!requireAll || t.count === perTerm.length) {
        out.push({ doc: index.docs[doc], score: t.score * t.count / perTerm.length, fields: t.fields });
      }
    });
    return out;
  }

  // --- snippets and highlighting ----------------------------------------------------------
  /* Ranges [start, end) in `text` where a word starts with one of the terms. */
  function matchRanges(text, terms) {
    var norm = normalizeWithMap(text), ranges = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(norm.text)) !== null) {
      var best = 0;
      terms.forEach(function (t) { if (t.length > best && m[0].lastIndexOf(t, 0) === 0) best = t.length; });
      if (best) ranges.push([norm.map[m.index], norm.map[m.index + best]]);
    }
    return ranges;
  }

  /* Appends `text` to `parent` with every range wrapped in <mark>. */
  function appendHighlighted(parent, text, ranges) {
    var at = 0;
    ranges.forEach(function (r) {
      if (r[0] < at) return;
      if (r[0] > at) parent.appendChild(document.createTextNode(text.slice(at, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      parent.appendChild(mark);
      at = r[1];
    });
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  /* About `size` characters of `text` around its first match, cut at spaces. */
  function around(text, ranges, size) {
    if (!ranges.length || text.length <= size) return { text: text, ranges: ranges };
    var start = Math.max(0, ranges[0][0] - Math.floor(size / 3));
    if (start > 0) { var space = text.indexOf(" ", start); if (space >= 0 && space < ranges[0][0]) start = space + 1; }
    var end = Math.min(text.length, start + size);
    if (end < text.length) { var back = text.lastIndexOf(" ", end); if (back > ranges[0][1]) end = back; }
    var prefix = start > 0 ? "…" : "", suffix = end < text.length && !/…$/.test(text.slice(0, end)) ? "…" : "";
    var shifted = ranges.filter(function (r) { return r[0] >= start && r[1] <= end; })
      .map(function (r) { return [r[0] - start + prefix.length, r[1] - start + prefix.length]; });
    return { text: prefix + text.slice(start, end) + suffix, ranges: shifted };
  }

  function snippetFor(doc, terms) {
    var sources = [doc.description, doc.excerpt].concat(doc.aliases.length ? [doc.aliases.join(", ")] : []);
    for (var i = 0; i < sources.length; i++) {
      var ranges = matchRanges(sources[i], terms);
      if (ranges.length) return around(sources[i], ranges, 160);
    }
    return around(doc.description || doc.excerpt, [], 160);
  }

  /* The alias (other name, abbreviation) that every query word matches, if any: a glossary
   * result found by "slipped disc" says it is also called that. */
  function matchingAlias(doc, terms, fields) {
    if (!(fields & FIELD.alias) || doc.kind !== "term") return null;
    for (var i = 0; i < doc.aliases.length; i++) {
      var aliasWords = words(doc.aliases[i]);
      var all = terms.every(function (t) { return aliasWords.some(function (w) { return w.lastIndexOf(t, 0) === 0; }); });
      if (all) return doc.aliases[i];
    }
    return null;
  }

  function matchingHeading(doc, terms, fields) {
    if (!(fields & FIELD.heading)) return null;
    var best = null, bestCount = 0;
    doc.headings.forEach(function (h) {
      var count = matchRanges(h.text, terms).length;
      if (count > bestCount) { best = h; bestCount = count; }
    });
    return best;
  }

  // --- rendering ----------------------------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function renderResults(list, found, root, limit) {
    while (list.firstChild) list.removeChild(list.firstChild);
    found.results.slice(0, limit).forEach(function (r) {
      var doc = r.doc, terms = found.terms;
      var heading = (r.fields & FIELD.title) ? null : matchingHeading(doc, terms, r.fields);
      var item = el("li", "search-result");
      var link = el("a", "search-result-link");
      link.href = root + doc.url + (heading ? "#" + heading.id : "");
      var context = doc.kind === "term" ? "Glossary" : doc.context;
      if (context) link.appendChild(el("span", "search-result-context", context));
      var title = el("span", "search-result-title");
      appendHighlighted(title, doc.title, matchRanges(doc.title, terms));
      link.appendChild(title);
      if (heading) {
        var section = el("span", "search-result-heading");
        appendHighlighted(section, heading.text, matchRanges(heading.text, terms));
        link.appendChild(section);
      }
      var alias = matchingAlias(doc, terms, r.fields);
      if (alias) {
        var also = el("span", "search-result-alias", "Also called ");
        appendHighlighted(also, alias, matchRanges(alias, terms));
        link.appendChild(also);
      }
      var snippet = snippetFor(doc, terms);
      if (snippet.text) {
        var p = el("span", "search-result-snippet");
        appendHighlighted(p, snippet.text, snippet.ranges);
        link.appendChild(p);
      }
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  function describe(found, query) {
    var n = found.results.length;
    if (!found.terms.length) return "";
    if (!n) return "No results for “" + query.trim() + "”.";
    var text = n + (n === 1 ? " result" : " results") + " for “" + query.trim() + "”";
    return text + (found.partial ? " (no page has every word; showing pages with some of them)." : ".");
  }

  // --- wiring -------------------------------------------------------------------------------
  function init() {
    var form = document.getElementById("site-search-form");
    var input = document.getElementById("site-search");
    var panel = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    if (!form || !input || !panel || !status) return;
    var root = form.getAttribute("data-root") || "";
    var list = panel.querySelector(".search-list");
    var more = panel.querySelector(".search-more");
    var pageList = document.getElementById("search-page-results");
    var pageStatus = document.getElementById("search-page-status");
    var onSearchPage = !!pageList;

    // With JavaScript the form leads to the results page; without, to the A-Z index.
    form.action = root + "search.html";
    form.classList.add("search-enabled");
    input.setAttribute("aria-describedby", "search-help");
    var query = "";

    // The live region is updated once typing pauses, so a screen reader announces the count
    // for the word typed rather than for every letter of it.
    var statusTimer = null;
    function setStatus(text) {
      clearTimeout(statusTimer);
      statusTimer = setTimeout(function () {
        if (status.textContent !== text) status.textContent = text;
      }, text ? 400 : 0);
    }

    function close() {
      panel.hidden = true;

    }

    function update() {
      query = input.value;
      loadIndex(form, function () {
        if (index && index.failed) { setStatus("The search index could not be loaded."); return; }
        var found = search(query);
        var message = describe(found, query);
        if (onSearchPage) {
          renderResults(pageList, found, root, PAGE_LIMIT);
          if (pageStatus) pageStatus.textContent = message || "Type a word to search every page.";
          setStatus(message);
          return;
        }
        if (!found.terms.length) { close(); setStatus(""); return; }
        renderResults(list, found, root, DROPDOWN_LIMIT);
        if (more) {
          var remaining = found.results.length - DROPDOWN_LIMIT;
          more.hidden = remaining <= 0;
          var moreLink = more.querySelector("a");
          if (moreLink) {
            moreLink.href = root + "search.html?q=" + encodeURIComponent(query.trim());
            moreLink.textContent = "Show all " + found.results.length + " results";
          }
        }
        panel.querySelector(".search-summary").textContent = message;
        panel.hidden = false;

        setStatus(message);
      });
    }

    function links() {
      return Array.prototype.slice.call((onSearchPage ? pageList : panel).querySelectorAll("a"))
        .filter(function (a) { return !a.closest("[hidden]"); });
    }

    input.addEventListener("focus", function () { loadIndex(form, function () {}); });
    input.addEventListener("input", update);
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        var all = links();
        if (all.length) { event.preventDefault(); if (!onSearchPage) panel.hidden = false; all[0].focus(); }
      } else if (event.key === "Escape") {
        if (!panel.hidden) { close(); } else if (input.value) { input.value = ""; update(); }
      }
    });

    function onResultKey(event) {
      if (!event.target.matches || !event.target.matches("a")) return;
      var all = links(), at = all.indexOf(event.target);
      if (at < 0) return;
      if (event.key === "ArrowDown" && at + 1 < all.length) { event.preventDefault(); all[at + 1].focus(); }
      else if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? all[at - 1] : input).focus(); }
      else if (event.key === "Home") { event.preventDefault(); all[0].focus(); }
      else if (event.key === "End") { event.preventDefault(); all[all.length - 1].focus(); }
      else if (event.key === "Escape") { event.preventDefault(); close(); input.focus(); }
    }
    panel.addEventListener("keydown", onResultKey);
    if (pageList) pageList.addEventListener("keydown", onResultKey);

    // Leaving the search (by Tab or a click elsewhere) closes the drop-down.
    form.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !form.contains(event.relatedTarget)) close();
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) close();
    });

    // Submitting opens the results page. Navigating from script rather than submitting the
    // form keeps browsers from saving queries as autofill entries that would cover the results.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var q = input.value.trim();
      if (!q) return;
      if (onSearchPage) { update(); return; }
      window.location.href = root + "search.html?q=" + encodeURIComponent(q);
    });

    // "/" focuses the search box from anywhere except a field the reader is typing in.
    document.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      var t = event.target, tag = t && t.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
      event.preventDefault();
      input.focus();
      input.select();
    });

    if (onSearchPage) {
      var q = new URLSearchParams(window.location.search).get("q") || "";
      input.value = q;
      update();
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();

  // For the browser tests and anyone scripting the page.
  window.sitemarkSearch = { normalize: normalize, words: words, search: function (q) { return search(q); } };
})();
