// The /admin/ intro page (index.html): who can edit, how login works, then « Ouvrir l'éditeur ».
// Loaded before decap-cms.js: Decap is told to wait (CMS_MANUAL_INIT) until the editor is
// opened; editor.js starts it on the « admin:ouvrir » event. An editor's own link into the
// editor (admin/#/collections/…) skips the intro.
window.CMS_MANUAL_INIT = true;
(() => {
  "use strict";
  const root = document.documentElement;
  function open() {
    if (root.dataset.editeur === "ouvert") return;
    root.dataset.editeur = "ouvert";
    const intro = document.querySelector("[data-intro]");
    if (intro) intro.hidden = true;
    document.title = document.title.replace(/^Éditeur en ligne/, "Éditeur en ligne (ouvert)");
    document.dispatchEvent(new Event("admin:ouvrir"));
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
