// Search of the archive site, in the browser. It folds and splits the query exactly as
// briefing/text/search.py folds and splits the briefings when it writes the index.
(function () {
  "use strict";
  const TASHKEEL = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]/g;
  const FOLD = {"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
                "\u0649": "\u064a", "\u0629": "\u0647", "\u0624": "\u0648", "\u0626": "\u064a"};
  const ARABIC = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/; // briefing/text/script.py ARABIC_RANGES
  const WORD = /[\p{L}\p{N}]+(?:['\u2019][\p{L}\p{N}]+)*/gu;
  const MIN_STEM = 2;

  function words(text) {
    if (ARABIC.test(text)) {
      const folded = text.replace(TASHKEEL, "").replace(/\u0640/g, "")
        .replace(/[\u0623\u0625\u0622\u0671\u0649\u0629\u0624\u0626]/g, (c) => FOLD[c]);
      return (folded.match(WORD) || []).map((w) => w.toLowerCase());
    }
    return (text.match(WORD) || []).map((w) => w.toLowerCase().replace(/\u2019/g, "'"));
  }

  function stripProclitics(word) {
    const forms = [];
    let rest = word, preposition = "";
    if ("وف".includes(rest[0]) && rest.length - 1 >= MIN_STEM + 1) { rest = rest.slice(1); forms.push(rest); }
    if ("بكل".includes(rest[0]) && rest.length - 1 >= MIN_STEM + 1) {
      preposition = rest[0]; rest = rest.slice(1); forms.push(rest);
    }
    if (rest.startsWith("ال") && rest.length - 2 >= MIN_STEM) forms.push(rest.slice(2));
    else if (preposition === "ل" && rest.startsWith("ل") && rest.length - 1 >= MIN_STEM) forms.push(rest.slice(1));
    return forms;
  }

  function matches(index, query) {
    let found = null;
    for (const word of words(query)) {
      const forms = ARABIC.test(word[0]) ? [word].concat(stripProclitics(word)) : [word];
      const usable = index.terms[forms[0]] ? [forms[0]] : forms.slice(1);
      const docs = new Set();
      for (const form of usable) for (const doc of index.terms[form] || []) docs.add(doc);
      found = found === null ? docs : new Set([...found].filter((d) => docs.has(d)));
      if (!found.size) break;
    }
    return found ? [...found].sort((a, b) => a - b) : [];
  }

  function show(index, query) {
    const list = document.getElementById("results");
    const status = document.getElementById("status");
    list.textContent = "";
    const hits = matches(index, query);
    status.textContent = hits.length ? `${hits.length} ${SEARCH.results}` : SEARCH.noResults;
    for (const doc of hits.slice(0, 100)) {
      const [href, date, job, title, snippet, lang] = index.docs[doc];
      const item = document.createElement("li");
      item.className = "result";
      item.lang = lang;
      item.dir = ARABIC.test(title) ? "rtl" : "ltr";
      const link = document.createElement("a");
      link.href = SEARCH.root + href;
      link.textContent = title;
      const when = document.createElement("time");
      when.dateTime = date;
      when.textContent = `${date} · ${job}`;
      const text = document.createElement("p");
      text.textContent = snippet;
      item.append(link, " ", when, text);
      list.append(item);
    }
    document.body.dataset.searched = "true";
  }

  const query = new URLSearchParams(window.location.search).get("q") || "";
  document.getElementById("q").value = query;
  if (!query.trim()) return;
  fetch(SEARCH.index).then((r) => r.json()).then((index) => show(index, query)).catch((error) => {
    document.getElementById("status").textContent = String(error);
    document.body.dataset.searched = "error";
  });
})();
