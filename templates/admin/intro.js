// The /admin/ intro page (index.html): who can edit, how login works, then « Ouvrir l'éditeur ».
// Decap's bundle (decap-cms.js, 5 MB) and editor.js, which starts it, are loaded only when the
// editor is opened: a reader of this page downloads nothing more. Decap is told not to start
// by itself (CMS_MANUAL_INIT): editor.js registers the YAML format first. An editor's own link
// into the editor (admin/#/collections/…) skips the intro.
window.CMS_MANUAL_INIT = true;
(() => {
  "use strict";
  const root = document.documentElement;
  function load(src, type) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      if (type) script.type = type;
      script.onload = resolve;
      script.onerror = () => reject(new Error(src));
      document.head.append(script);
    });
  }
  function show(selector, shown) {
    const element = document.querySelector(selector);
    if (element) element.hidden = !shown;
  }
  function open() {
    if (root.dataset.editeur === "ouvert") return;
    root.dataset.editeur = "ouvert";
    show("[data-intro]", false);
    show("[data-echec]", false);
    show("[data-chargement]", true); // until editor.js has started Decap, which shows its own
    document.title = document.title.replace(/^Éditeur en ligne/, "Éditeur en ligne (ouvert)");
    load("decap-cms.js")
      .then(() => load("editor.js", "module"))
      .catch(() => {
        root.dataset.editeur = "";
        show("[data-chargement]", false);
        show("[data-intro]", true);
        show("[data-echec]", true);
        document.querySelector("[data-echec]")?.scrollIntoView({ block: "center" });
      });
  }
  if (location.hash.startsWith("#/")) {
    root.dataset.editeur = "direct"; // intro.css hides the intro at once, no flash
    document.addEventListener("DOMContentLoaded", () => { root.dataset.editeur = ""; open(); });
    return;
  }
  document.addEventListener("click", (e) => {
    if (e.target.closest?.("[data-ouvrir]")) open(); // the link also sets #/, where Decap starts
  });
})();
