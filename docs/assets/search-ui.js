/* Site search, the two places it shows (engine and controller: search.js):
 * - the header's dialog (overrides/partials/search.html): opened by its button or the
 *   / key, a modal <dialog> (focus kept inside, Esc closes), arrows through results;
 *   closed when a result is opened; « Back » reopens it with the same query;
 * - the practices catalogue block (templates/indexes/practices.md.j2, [data-pf-catalogue]):
 *   facets with counts over the practices, the selection kept in the page address.
 * Both are (re)bound on Material's document$, i.e. after each instant navigation.
 * Also here, the other control of overrides/partials/header.html: the menu button
 * (Material's <label for=__drawer>), opened with Space as well as Enter.
 */
(() => {
  "use strict";

  const { controller, readURL, writeURL, isEmpty } = window.siteSearch;
  const WIDE = "(min-width: 60em)";

  // --- The header dialog ------------------------------------------------------

  const FOCUSABLE = "input, button:not([hidden]), summary, a[href]";

  function setupDialog() {
    const dialog = document.querySelector("[data-pf-dialog]");
    if (!dialog) return null;
    const box = dialog.querySelector("[data-pf-facets-box]");
    const active = dialog.querySelector("[data-pf-active]");
    const input = dialog.querySelector("[data-pf-query]");
    const list = dialog.querySelector("[data-pf-results]");
    const show = dialog.querySelector("[data-pf-show]");
    let navigating = false;
    const search = controller(dialog, {
      noun: ["résultat", "résultats", "Aucun résultat"],
      hint: "Tapez un mot ou un sigle (EJE, ASS…), ou choisissez un filtre.",
      ownsURL: true,
      onUpdate: (state, count) => {
        const k = Object.values(state.f).reduce((s, v) => s + v.length, 0);
        active.textContent = k ? ` (${k}\u00a0actif${k > 1 ? "s" : ""})` : "";
        show.textContent = `Voir les résultats (${count})`;
      },
    });

    let openedOn = null; // the page the dialog was opened on
    function open(state) {
      if (!dialog.open) dialog.showModal();
      openedOn = location.pathname;
      box.open = matchMedia(WIDE).matches;
      input.focus();
      input.select();
      if (state) return search.set(state);
      return search.rendered === search.state ? null : search.update(); // reopened as it was left
    }

    document.addEventListener("click", (e) => {
      if (e.target.closest("[data-pf-open]")) open();
    });
    dialog.querySelector("[data-pf-close]").addEventListener("click", () => dialog.close());
    show.addEventListener("click", () => { // narrow screens: fold the facets, go to the results
      box.open = false;
      (list.querySelector("a[href]") || input).focus();
    });
    dialog.addEventListener("click", (e) => {
      if (e.target === dialog) dialog.close(); // the backdrop
      const link = e.target.closest("a[href]");
      if (link && e.button === 0 && !(e.ctrlKey || e.metaKey || e.shiftKey || e.altKey)) {
        // Another page: keep ?q=… on this history entry, so « Back » reopens the results.
        navigating = new URL(link.href).pathname !== location.pathname;
        dialog.close();
      }
    });
    dialog.addEventListener("close", () => {
      if (!navigating && search.ownsURL) writeURL({ q: "", f: {} });
    });
    dialog.addEventListener("keydown", (e) => {
      const links = [...list.querySelectorAll("a[href]")];
      const at = links.indexOf(document.activeElement);
      if (e.key === "Escape") {
        e.preventDefault();
        dialog.close();
      } else if ((e.key === "ArrowDown" || e.key === "ArrowUp") && (e.target === input || at >= 0)) {
        e.preventDefault();
        const next = e.key === "ArrowDown" ? at + 1 : at - 1;
        (next < 0 ? input : links[Math.min(next, links.length - 1)])?.focus();
      } else if (e.key === "Tab") {
        const all = [...dialog.querySelectorAll(FOCUSABLE)].filter((n) => n.getClientRects().length);
        const [first, last] = [all[0], all[all.length - 1]];
        if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
        if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
      }
    });
    document.addEventListener("keydown", (e) => {
      const t = e.target;
      const typing = t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName);
      if (e.key === "/" && !typing && !dialog.open && !(e.ctrlKey || e.metaKey || e.altKey)) {
        e.preventDefault();
        open();
      }
    });
    return {
      search,
      pageShown(hasCatalogue) {
        navigating = false;
        search.ownsURL = !hasCatalogue;
        const state = readURL();
        if (!hasCatalogue && !isEmpty(state)) open(state);
        // Left open on the previous page: close it. Opened here already (« / » pressed as
        // soon as the address changed, before Material announced the page): keep it.
        else if (dialog.open && openedOn !== location.pathname) dialog.close();
      },
    };
  }

  // --- The catalogue block ----------------------------------------------------

  /* The block comes from the build (templates/indexes/practices.md.j2) with the facets and
     counts of the whole catalogue: its controls are enabled here, and Pagefind is loaded
     only once the reader types or ticks (or opens an address with a selection). */
  function setupCatalogue(block) {
    if (block.dataset.pfReady) return;
    block.dataset.pfReady = "1";
    block.querySelector("[data-pf-controls]").disabled = false;
    const listing = document.querySelector(".pf-catalogue-static");
    const reset = block.querySelector("[data-pf-reset]");
    const share = block.querySelector("[data-pf-share]");
    const search = controller(block, {
      fixed: { type: block.dataset.pfCatalogue },
      skip: "type",
      noun: ["pratique", "pratiques", "Aucune pratique"],
      facts: true,
      hint: "",
      listed: (state) => !isEmpty(state), // the full listing is the page's own table
      ownsURL: true,
      onUpdate: (state) => {
        const filtering = !isEmpty(state);
        reset.hidden = share.hidden = !filtering;
        block.querySelector("[data-pf-results]").hidden = !filtering;
        if (listing) listing.hidden = filtering;
      },
    });
    reset.addEventListener("click", () => {
      search.set({ q: "", f: {} });
      block.querySelector("[data-pf-query]").focus();
    });
    const state = readURL();
    if (!isEmpty(state)) {
      block.querySelector("[data-pf-status]").textContent = "Recherche…";
      search.set(state);
    }
    else search.rendered = search.state; // as the build wrote it
  }

  // --- The header's menu button (Material's <label for=__drawer>) from the keyboard ---
  // Material clicks a focused label on Enter; a button also answers Space.

  document.addEventListener("keydown", (e) => {
    if (e.key === " " && e.target.matches?.("label[for='__drawer']")) {
      e.preventDefault();
      e.target.click();
    }
  });

  // --- Each page (first load and Material's instant navigation) ---------------

  const dialog = setupDialog();
  for (const button of document.querySelectorAll("[data-pf-open]")) button.hidden = false;
  function pageShown() {
    const block = document.querySelector("[data-pf-catalogue]");
    if (block) setupCatalogue(block);
    if (dialog) dialog.pageShown(Boolean(block));
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(pageShown);
  else pageShown();
})();
