/* Small reader's tools, all progressive: without JavaScript the page works as written.
 * - Section links: a click on a heading's ¶ still goes to the section, and also copies
 *   its address (the page's permanent URL and the anchor) to the clipboard.
 * - « Citer cette page » (overrides/partials/page-tools.html): a « Copier la citation » button.
 * - Reference texts (templates/indexes/references.md.j2, <section data-nature data-annee>):
 *   a filter by kind and by period, with the number of texts shown.
 * Bound on Material's document$, i.e. after each instant navigation too.
 */
(() => {
  "use strict";

  // --- « Copied » message: one live region, shown for a moment --------------------

  let timer = 0;
  function announce(text) {
    let box = document.querySelector(".copie-annonce");
    if (!box) {
      box = document.createElement("p");
      box.className = "copie-annonce";
      box.setAttribute("role", "status");
      document.body.append(box);
    }
    box.textContent = text;
    clearTimeout(timer);
    timer = setTimeout(() => { box.textContent = ""; }, 2500);
  }

  async function copy(text, done) {
    try {
      await navigator.clipboard.writeText(text);
      announce(done);
    } catch {
      announce("Copie impossible : sélectionnez le texte et copiez-le.");
    }
  }

  // --- Section links (Material's a.headerlink) --------------------------------------

  document.addEventListener("click", (e) => {
    const link = e.target.closest?.("a.headerlink");
    if (!link || !navigator.clipboard) return;
    const url = new URL(link.getAttribute("href"), location.href);
    url.search = ""; // the search's or a filter's state is not part of the section's address
    copy(url.href, "Lien de la section copié");
  });

  function sectionLinks() {
    if (!navigator.clipboard) return;
    for (const link of document.querySelectorAll(".md-content a.headerlink")) {
      link.title = "Lien vers cette section (copié en cliquant)";
    }
  }

  // --- « Copier la citation » -----------------------------------------------------------

  function citation() {
    for (const button of document.querySelectorAll("[data-copier]")) {
      if (!navigator.clipboard) continue;
      button.hidden = false;
      button.onclick = () => {
        const source = document.getElementById(button.dataset.copier);
        if (source) copy(source.textContent.trim(), button.dataset.copie || "Copié");
      };
    }
  }

  // --- Reference texts: filter by kind and period --------------------------------------

  function option(value, label) {
    const o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    return o;
  }

  function select(labelText, name) {
    const label = document.createElement("label");
    label.append(labelText);
    const box = document.createElement("select");
    box.name = name;
    label.append(box);
    return [label, box];
  }

  function referencesFilter() {
    const texts = [...document.querySelectorAll(".md-content section.texte-reference")];
    if (!texts.length || document.querySelector(".filtre-references")) return;
    const kinds = new Map();
    const years = new Set();
    for (const t of texts) {
      kinds.set(t.dataset.nature, t.dataset.natureNom || t.dataset.nature);
      if (t.dataset.annee) years.add(Number(t.dataset.annee));
    }
    const sorted = [...years].sort((a, b) => a - b);
    const form = document.createElement("form");
    form.className = "filtre-references";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "Filtrer les textes de référence");
    const [kindLabel, kind] = select("Nature", "nature");
    kind.append(option("", "Toutes les natures"));
    for (const [value, name] of [...kinds].sort((a, b) => a[1].localeCompare(b[1], "fr"))) {
      const n = texts.filter((t) => t.dataset.nature === value).length;
      kind.append(option(value, `${name} (${n})`));
    }
    const [fromLabel, from] = select("Depuis", "depuis");
    const [toLabel, to] = select("Jusqu'à", "jusqua");
    for (const y of sorted) {
      from.append(option(String(y), String(y)));
      to.append(option(String(y), String(y)));
    }
    from.value = String(sorted[0] ?? "");
    to.value = String(sorted[sorted.length - 1] ?? "");
    const reset = document.createElement("button");
    reset.type = "button";
    reset.className = "md-button";
    reset.textContent = "Tout afficher";
    const status = document.createElement("p");
    status.className = "filtre-references__statut";
    status.setAttribute("role", "status");
    form.append(kindLabel, fromLabel, toLabel, reset, status);
    form.addEventListener("submit", (e) => e.preventDefault());

    function apply() {
      const lo = Number(from.value), hi = Number(to.value);
      let shown = 0;
      for (const t of texts) {
        const year = Number(t.dataset.annee);
        const ok = (!kind.value || t.dataset.nature === kind.value)
          && (!t.dataset.annee || !sorted.length || (year >= Math.min(lo, hi) && year <= Math.max(lo, hi)));
        t.hidden = !ok;
        if (ok) shown += 1;
      }
      const all = shown === texts.length;
      status.textContent = all
        ? `${texts.length}\u00a0textes`
        : `${shown}\u00a0texte${shown > 1 ? "s" : ""} sur ${texts.length}`;
      reset.hidden = all;
    }
    for (const control of [kind, from, to]) control.addEventListener("change", apply);
    reset.addEventListener("click", () => {
      kind.value = "";
      from.value = String(sorted[0] ?? "");
      to.value = String(sorted[sorted.length - 1] ?? "");
      apply();
      kind.focus();
    });
    texts[0].before(form);
    apply();
  }

  function pageShown() {
    sectionLinks();
    citation();
    referencesFilter();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(pageShown);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", pageShown);
  else pageShown();
})();
