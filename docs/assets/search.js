/* Site search on Pagefind's JS API (the bundle hooks/search_index.py writes into pagefind/):
 * the engine, the URL state and a controller that drives a query box, facets with counts
 * and a result list. search-ui.js uses it twice: the header's search dialog and the
 * practices catalogue block. Query and facets live in the URL (?q=…&diplome=EJE&…):
 * opening such a link restores them. Pagefind is loaded on first use only, from the
 * site root (the folder above this script), so the site works under any sub-path, with
 * search-query.js (typos, feminine forms, phrases first) and its vocabulary.
 */
(() => {
  "use strict";

  const FACETS = [
    ["type", "Type de page"], ["diplome", "Diplôme"], ["format", "Format"],
    ["acteur", "Acteur"], ["territoire", "Territoire"], ["annee", "Année"],
  ];
  const TYPE_ORDER = ["Format", "Pratique", "Partenaire", "Témoignage", "Texte de référence"];
  const PAGE_SIZE = 8;

  // --- Pagefind ---------------------------------------------------------------

  let engine = null, forgiving = null;

  // This file is <site root>/assets/search.js: the site root is the folder above it, wherever
  // the site is published (read once, while the script runs: document.currentScript).
  const ROOT = new URL("..", document.currentScript.src).href;

  function siteRoot() {
    return ROOT;
  }

  function pagefind() {
    if (!engine) {
      const root = siteRoot();
      engine = import(root + "pagefind/pagefind.js").then(async (pf) => {
        await pf.options({
          baseUrl: new URL(root).pathname,
          excerptLength: 24,
          ranking: { metaWeights: { title: 5, keywords: 3, glossaire: 1.5, resume: 0 } },
        });
        await pf.init();
        await pf.filters(); // loads every filter chunk: search counts then cover all facets
        return pf;
      });
      engine.catch(() => { engine = null; });
    }
    return engine;
  }

  /* Pagefind, search-query.js and the vocabulary: {pf, search(query, filters)}. */
  function searcher() {
    if (!forgiving) {
      const root = siteRoot();
      forgiving = Promise.all([pagefind(), import(root + "assets/search-query.js")]).then(async ([pf, mod]) => {
        const vocabulary = await mod.loadVocabulary(root);
        return { pf, search: (query, filters) => mod.forgivingSearch(pf, vocabulary, query, filters) };
      });
      forgiving.catch(() => { forgiving = null; });
    }
    return forgiving;
  }

  const toPagefind = (selected, fixed, skip) => {
    const out = { ...fixed };
    for (const [key, values] of Object.entries(selected)) if (key !== skip && values.length) out[key] = { any: values };
    return out;
  };

  /* Results of the query and facets, and for each facet the counts its values would
     have (the other facets applied, values of one facet combined with « ou »). */
  async function run(state, fixed) {
    const { pf, search: forgive } = await searcher();
    const query = state.q.trim();
    const filters = toPagefind(state.f, fixed);
    if (!query && !Object.keys(filters).length) return { results: null, counts: await pf.filters() };
    const main = await forgive(query, filters);
    const search = (f) => (!main.searched && !Object.keys(f).length ? null : pf.search(main.searched || null, { filters: f }));
    const counts = { ...main.filters };
    for (const key of Object.keys(state.f)) {
      const other = await search(toPagefind(state.f, fixed, key));
      counts[key] = (other ? other.filters : await pf.filters())[key] || {};
    }
    return { results: main.results, counts, corrected: main.corrected, suggestions: main.suggestions };
  }

  // --- State and URL ----------------------------------------------------------

  const PARAMS = ["q", ...FACETS.map(([key]) => key)];
  const isEmpty = (state) => !state.q.trim() && !Object.keys(state.f).length;

  function readURL() {
    const params = new URLSearchParams(location.search);
    const state = { q: params.get("q") || "", f: {} };
    for (const [key] of FACETS) {
      const values = params.getAll(key).filter(Boolean);
      if (values.length) state.f[key] = [...new Set(values)];
    }
    return state;
  }

  function writeURL(state) {
    const url = new URL(location.href);
    for (const key of PARAMS) url.searchParams.delete(key);
    if (state.q.trim()) url.searchParams.set("q", state.q.trim());
    for (const [key, values] of Object.entries(state.f)) for (const v of values) url.searchParams.append(key, v);
    if (url.href !== location.href) history.replaceState(history.state, "", url);
  }

  // --- Rendering --------------------------------------------------------------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function byFacetOrder(key) {
    if (key === "type") return ([a], [b]) => TYPE_ORDER.indexOf(a) - TYPE_ORDER.indexOf(b);
    if (key === "annee") return ([a], [b]) => b.localeCompare(a);
    return ([a], [b]) => a.localeCompare(b, "fr");
  }

  /* A facet whose only value every result has (« Bretagne » on all practices) filters
     nothing: it is not offered, unless chosen. *total*: the number of results. */
  function renderFacets(box, counts, state, skip, total) {
    const focused = box.contains(document.activeElement) ? document.activeElement : null;
    const again = focused && `input[name="${CSS.escape(focused.name)}"][value="${CSS.escape(focused.value)}"]`;
    box.replaceChildren();
    for (const [key, label] of FACETS) {
      const chosen = state.f[key] || [];
      const values = Object.entries(counts[key] || {}).filter(([v, n]) => n > 0 || chosen.includes(v));
      if (key === skip || !values.length) continue;
      if (values.length === 1 && !chosen.length && values[0][1] >= total) continue;
      const set = el("fieldset", "pf-facet");
      set.append(el("legend", "pf-facet__legend", label));
      for (const [value, count] of values.sort(byFacetOrder(key))) {
        const option = el("label", "pf-option");
        const box_ = el("input");
        Object.assign(box_, { type: "checkbox", name: key, value, checked: chosen.includes(value) });
        option.append(box_, el("span", "pf-option__label", value), el("span", "pf-option__count", `(${count})`));
        set.append(option);
      }
      box.append(set);
    }
    if (again) box.querySelector(again)?.focus();
  }

  /* One result: type, title, excerpt (or summary), the best-matching sections; in the
     catalogue, its facts (diplomas, territory, year) instead of the type. */
  function resultItem(data, withSections, facts) {
    const item = el("li", "pf-result");
    const link = el("a", "pf-result__link");
    link.href = data.url;
    const types = (data.filters && data.filters.type) || [];
    const f = data.filters || {};
    const line = facts ? [...(f.diplome || []), ...(f.territoire || []), ...(f.annee || [])] : types;
    if (line.length) link.append(el("span", "pf-result__type", line.join(" · ")));
    link.append(el("span", "pf-result__title", data.meta.title || data.url));
    const excerpt = el("span", "pf-result__excerpt");
    if (withSections || !data.meta.resume) excerpt.innerHTML = data.excerpt; // escaped by Pagefind, <mark> added
    else excerpt.textContent = data.meta.resume;
    link.append(excerpt);
    item.append(link);
    const sections = withSections
      ? data.sub_results.filter((s) => s.anchor && s.anchor.element !== "h1" && s.url !== data.url)
        .sort((a, b) => b.locations.length - a.locations.length).slice(0, 3)
      : [];
    if (sections.length) {
      const list = el("ul", "pf-sections");
      for (const s of sections) {
        const sub = el("a", "pf-section__link");
        sub.href = s.url;
        const text = el("span", "pf-section__excerpt");
        text.innerHTML = s.excerpt;
        sub.append(el("span", "pf-section__title", s.title), text);
        const li = el("li", "pf-section");
        li.append(sub);
        list.append(li);
      }
      item.append(list);
    }
    return item;
  }

  const quote = (text) => `«\u00a0${text}\u00a0»`;

  /* Under the status: the words corrected, or what to try when nothing was found. */
  function renderNote(note, out, onTry) {
    note.replaceChildren();
    const corrected = out.corrected || [], suggestions = out.suggestions || [];
    if (corrected.length) {
      const typed = corrected.map(([word]) => quote(word)).join(", ");
      const searched = corrected.map(([, word]) => quote(word)).join(", ");
      note.textContent = `Aucune page ne contient ${typed}\u00a0: recherche faite avec ${searched}.`;
    } else if (suggestions.length) {
      note.append("Essayez\u00a0: ");
      suggestions.forEach((text, i) => {
        const button = el("button", "pf-suggestion", text);
        button.type = "button";
        button.addEventListener("click", () => onTry(text));
        note.append(...(i ? [", ", button] : [button]));
      });
    }
    note.hidden = !note.childNodes.length;
  }

  function summary(count, state, noun) {
    const n = count === 0 ? `${noun[2]}` : `${count}\u00a0${count === 1 ? noun[0] : noun[1]}`;
    const q = state.q.trim() ? ` pour «\u00a0${state.q.trim()}\u00a0»` : "";
    const k = Object.values(state.f).reduce((s, v) => s + v.length, 0);
    return n + q + (k ? ` avec ${k}\u00a0filtre${k > 1 ? "s" : ""}` : "");
  }

  // --- Controller -------------------------------------------------------------

  /* Wires the query box, facets, status line, results and « more » button found under
     *root* ([data-pf-query], [data-pf-facets], [data-pf-status], [data-pf-results],
     [data-pf-more]). Options: fixed (filters always applied), skip (facet not offered),
     noun (singular, plural, none: « Aucune pratique »), hint (status before any search), ownsURL (state kept in the
     address), facts (show diplomas, territory, year rather than the type), listed (state ->
     whether to list results), onUpdate (state, count). */
  function controller(root, options) {
    const { fixed = {}, skip = null, noun, hint, ownsURL, facts = false, onUpdate = () => {}, listed = () => true } = options;
    const $ = (name) => root.querySelector(`[data-pf-${name}]`);
    const [input, facets, status, list, more] = ["query", "facets", "status", "results", "more"].map($);
    const note = $("note") || el("p", "pf-note");
    if (!note.isConnected) status.after(note);
    note.hidden = true;
    const self = { state: { q: "", f: {} }, ownsURL, update, set };
    let seq = 0, results = [], shown = 0, timer = 0;

    function set(state) {
      self.state = state;
      input.value = state.q;
      return update();
    }

    async function showMore(my) {
      const next = results.slice(shown, shown + PAGE_SIZE);
      const data = await Promise.all(next.map((r) => r.data()));
      if (my !== seq) return;
      for (const d of data) list.append(resultItem(d, Boolean(self.state.q.trim()), facts));
      shown += next.length;
      more.hidden = shown >= results.length;
    }

    async function update() {
      const my = ++seq;
      const state = self.state;
      let out;
      try {
        out = await run(state, fixed);
      } catch (error) {
        if (my === seq) status.textContent = "La recherche n'a pas pu être chargée.";
        throw error;
      }
      if (my !== seq) return;
      if (self.ownsURL) writeURL(state);
      renderFacets(facets, out.counts, state, skip, out.results ? out.results.length : Infinity);
      list.replaceChildren();
      results = out.results || [];
      shown = 0;
      more.hidden = true;
      if (out.results && listed(state)) await showMore(my);
      if (my !== seq) return;
      status.textContent = out.results ? summary(results.length, state, noun) : hint;
      renderNote(note, out, (q) => { set({ ...self.state, q }); input.focus(); });
      self.rendered = state;
      onUpdate(state, results.length);
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => { self.state = { ...self.state, q: input.value }; update(); }, 150);
    });
    input.closest("form")?.addEventListener("submit", (e) => e.preventDefault());
    facets.addEventListener("change", (e) => {
      const { name, value, checked } = e.target;
      const values = (self.state.f[name] || []).filter((v) => v !== value).concat(checked ? [value] : []);
      const f = { ...self.state.f, [name]: values };
      if (!values.length) delete f[name];
      self.state = { ...self.state, f };
      update();
    });
    more.addEventListener("click", () => {
      const first = list.children.length;
      showMore(seq).then(() => list.children[first]?.querySelector("a")?.focus());
    });
    return self;
  }

  window.siteSearch = { pagefind, searcher, controller, readURL, writeURL, isEmpty };
})();
