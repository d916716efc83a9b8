// strata's search: reads the index files in `search/` that the build made, fetching only the
// word shards a query needs and the entries it shows. No server, no other host. The query
// lives in the address (`search/?q=budget&layer=process`), so a search can be bookmarked.
(() => {
  "use strict";
  const script = document.currentScript;
  const base = (script && script.dataset.base) || "/";
  const form = document.querySelector(".search-form");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  if (!form || !status || !list) return;
  const SHOWN = 50;
  const cache = new Map();

  const fetchJson = (name) => {
    if (!cache.has(name)) {
      cache.set(name, fetch(base + "search/" + name).then((r) => {
        if (!r.ok) throw new Error(name + ": " + r.status);
        return r.json();
      }));
    }
    return cache.get(name);
  };

  // As the build splits text: runs of letters and digits, lowered, two characters or more.
  const wordsOf = (text) => Array.from(new Set(
    text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => Array.from(w).length >= 2)
      .map((w) => Array.from(w).slice(0, 40).join(""))));

  // The name of the shard of words starting as `word` does: the hex of the UTF-8 bytes of its
  // first `letters` characters.
  const shardOf = (word, letters) => Array.from(new TextEncoder().encode(Array.from(word).slice(0, letters).join("")))
    .map((b) => b.toString(16).padStart(2, "0")).join("");

  // The shards that may hold words starting with `word`: by its first two letters, or, where
  // the build split those by three, its first three (a two-letter word needs them all).
  const shardsFor = (word, meta) => {
    const two = shardOf(word, 2);
    if (Array.from(word).length >= 3) {
      const three = shardOf(word, 3);
      if (meta.shards.includes(three)) return [three];
    }
    return meta.shards.filter((s) => s === two || (Array.from(word).length < 3 && s.startsWith(two)));
  };

  // Which entries have a word that starts with `word`: a mark (1) at each entry's number.
  const entriesWith = async (word, meta) => {
    const has = new Uint8Array(meta.entries);
    const shards = await Promise.all(shardsFor(word, meta).map((s) => fetchJson("w-" + s + ".json")));
    for (const words of shards) {
      for (const key in words) {
        if (!key.startsWith(word)) continue;
        let at = 0;
        for (const gap of words[key]) { at += gap; has[at] = 1; }
      }
    }
    return has;
  };

  // Marks (1) at the numbers of a list of ascending gaps.
  const marksOf = (gaps, count) => {
    const has = new Uint8Array(count);
    let at = 0;
    for (const gap of gaps) { at += gap; has[at] = 1; }
    return has;
  };

  // A filter's entries, as marks: a year is a run of numbers in `meta`; a work kind, layer or
  // tag is one small list. A value the index does not know matches nothing.
  const filterMarks = async (kind, value, meta) => {
    if (kind === "year") {
      const has = new Uint8Array(meta.entries);
      const run = meta.years[value];
      if (run) has.fill(1, run[0], run[1]);
      return has;
    }
    const place = meta.layers.indexOf(value);
    const file = {
      work: ["growth", "depth"].includes(value) ? "work-" + value : "",
      layer: place >= 0 ? "layer-" + place : "",
      tag: /^[a-z0-9-]+$/.test(value) ? "tag-" + value : "",
    }[kind];
    if (!file) return new Uint8Array(meta.entries);
    try {
      return marksOf(await fetchJson(file + ".json"), meta.entries);
    } catch {
      return new Uint8Array(meta.entries);
    }
  };

  // `text` with each of `words` marked where a word of it starts with one.
  const marked = (text, words) => {
    const fragment = document.createDocumentFragment();
    for (const part of text.split(/([\p{L}\p{N}]+)/u)) {
      const lower = part.toLowerCase();
      if (words.some((w) => lower.startsWith(w))) {
        const mark = document.createElement("mark");
        mark.textContent = part;
        fragment.append(mark);
      } else {
        fragment.append(part);
      }
    }
    return fragment;
  };

  const say = (key, values = {}) => {
    let text = status.dataset[key] || "";
    for (const [name, value] of Object.entries(values)) text = text.replace("{" + name + "}", value);
    return text;
  };

  // One result: the entry's title and date as a link, its summary below, the words marked.
  const resultItem = (doc, words) => {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = doc.url;
    link.append(marked(doc.title, words));
    const time = document.createElement("time");
    time.dateTime = doc.iso;
    time.textContent = doc.date;
    const snippet = document.createElement("p");
    snippet.append(marked(doc.summary, words));
    item.append(link, " ", time, snippet);
    return item;
  };

  const show = async (found, words, meta) => {
    const shown = found.slice(0, SHOWN);
    // Every chunk the shown results are in, fetched at once rather than one after another.
    const chunks = Array.from(new Set(shown.map((n) => Math.floor(n / meta.chunk))));
    const loaded = new Map(await Promise.all(
      chunks.map(async (c) => [c, await fetchJson("docs-" + c + ".json")])));
    const items = document.createDocumentFragment();
    for (const n of shown) {
      items.append(resultItem(loaded.get(Math.floor(n / meta.chunk))[n % meta.chunk], words));
    }
    list.replaceChildren(items);
    let text = found.length === 1 ? say("one") : say("other", { count: found.length });
    if (found.length > SHOWN) text += " " + say("more", { shown: SHOWN });
    status.textContent = text;
  };

  let latest = 0;
  const run = async () => {
    const ticket = ++latest;
    const data = new FormData(form);
    const filters = Object.fromEntries(["year", "work", "layer", "tag"].map((k) => [k, data.get(k) || ""]));
    const words = wordsOf(String(data.get("q") || ""));
    if (!words.length) {
      list.replaceChildren();
      status.textContent = say("hint");
      return;
    }
    const meta = await fetchJson("meta.json");
    // The words' shards and the filters' lists, all asked for at once.
    const marks = await Promise.all([
      ...words.map((w) => entriesWith(w, meta)),
      ...Object.entries(filters).filter(([, v]) => v).map(([k, v]) => filterMarks(k, v, meta)),
    ]);
    // Entries are numbered newest first, so the list comes out newest first.
    const found = [];
    for (let n = 0; n < meta.entries; n++) {
      if (marks.every((has) => has[n])) found.push(n);
    }
    if (ticket !== latest) return;
    if (!found.length) {
      list.replaceChildren();
      status.textContent = say("none");
      return;
    }
    await show(found, words, meta);
  };

  // The form as the address says, then every change back into the address.
  const params = new URLSearchParams(location.search);
  for (const field of form.elements) {
    if (field.name && params.has(field.name)) field.value = params.get(field.name);
  }
  const update = () => {
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (value) query.set(key, value);
    history.replaceState(null, "", "?" + query.toString());
    run().catch((e) => { status.textContent = String(e); });
  };
  let timer = 0;
  form.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(update, 150); });
  form.addEventListener("submit", (event) => { event.preventDefault(); update(); });
  // The index's description is fetched as the page opens, before any query needs it, and
  // the newest entries' chunk: most searches show some of them first.
  fetchJson("meta.json").then((meta) => meta.entries && fetchJson("docs-0.json")).catch(() => {});
  run().catch((e) => { status.textContent = String(e); });
})();
