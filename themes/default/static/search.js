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

  const shardOf = (word) => Array.from(new TextEncoder().encode(Array.from(word).slice(0, 2).join("")))
    .map((b) => b.toString(16).padStart(2, "0")).join("");

  // The entries (numbers, ascending) with a word that starts with `word`.
  const entriesWith = async (word, meta) => {
    const shard = shardOf(word);
    if (!meta.shards.includes(shard)) return [];
    const words = await fetchJson("w-" + shard + ".json");
    const found = new Set();
    for (const [key, gaps] of Object.entries(words)) {
      if (!key.startsWith(word)) continue;
      let at = 0;
      for (const gap of gaps) { at += gap; found.add(at); }
    }
    return Array.from(found).sort((a, b) => a - b);
  };

  const passes = (facets, n, filters) => {
    const [year, work, layers, tags] = facets.entries[n];
    if (filters.year && String(year) !== filters.year) return false;
    if (filters.work && ["", "growth", "depth"][work] !== filters.work) return false;
    if (filters.layer && !layers.includes(facets.layers.indexOf(filters.layer))) return false;
    if (filters.tag && !tags.includes(facets.tags.indexOf(filters.tag))) return false;
    return true;
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
    // The facets are asked for with the words, not after them, when a filter is set.
    const filtered = Object.values(filters).some(Boolean);
    const facetsLoading = filtered ? fetchJson("facets.json") : null;
    const lists = await Promise.all(words.map((w) => entriesWith(w, meta)));
    lists.sort((a, b) => a.length - b.length);
    const others = lists.slice(1).map((l) => new Set(l));
    let found = lists[0].filter((n) => others.every((set) => set.has(n)));
    if (facetsLoading) {
      const facets = await facetsLoading;
      found = found.filter((n) => passes(facets, n, filters));
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
  // The index's description is fetched as the page opens, before any query needs it, and the
  // facets as soon as a filter is touched.
  fetchJson("meta.json").catch(() => {});
  for (const field of form.querySelectorAll("select")) {
    field.addEventListener("focus", () => { fetchJson("facets.json").catch(() => {}); }, { once: true });
  }
  run().catch((e) => { status.textContent = String(e); });
})();
