/* Fill-online model forms (fiches modèles) on format pages.
 *
 * « Remplir en ligne » turns each field of the printable form into labelled inputs
 * (fiche-champs.js). Answers stay in this browser only: localStorage, one key per
 * format, saved at each keystroke, never sent anywhere. They are written back into the
 * printable form (printing shows them), can be downloaded as DOCX or ODT
 * (fiche-documents.js fills the build's own documents) or as JSON, which « Charger
 * des réponses (JSON) » reads back; « Effacer mes réponses » asks, then removes them.
 * Stored answers reopen the fill-in mode when the page is opened again.
 *
 * Material's instant navigation swaps pages without reloading: setup runs for each
 * page through document$. Status messages go to an aria-live region.
 */
(function () {
  "use strict";

  const STORE = "fiche-modele:";
  const F = window.FicheSaisie, D = window.FicheDocuments;

  function storage() {
    try {
      const store = window.localStorage, probe = STORE + "essai";
      store.setItem(probe, probe);
      store.removeItem(probe);
      return store;
    } catch (error) {
      return null; // disabled, or private browsing without storage
    }
  }

  function offer(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = F.el("a", { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  function button(text, className, action) {
    const node = F.el("button", { type: "button", class: "md-button " + className, text });
    node.addEventListener("click", action);
    return node;
  }

  function setup(root) {
    if (root.dataset.ficheActive) return;
    root.dataset.ficheActive = "true";
    const id = root.dataset.format, key = STORE + id, store = storage();
    const fields = Array.from(root.querySelectorAll(".fiche-champ[data-field]"), F.describe);
    let answers = restore(), on = false;

    /* --- Answers ------------------------------------------------------------ */

    function tidyAll(raw) {
      const out = {};
      if (!raw || typeof raw !== "object") return out;
      for (const field of fields) {
        const value = F.tidy(field, raw[field.id]);
        if (!F.isEmpty(value)) out[field.id] = value;
      }
      return out;
    }

    function restore() {
      if (!store) return {};
      try {
        return tidyAll((JSON.parse(store.getItem(key) || "{}") || {}).reponses);
      } catch (error) {
        return {};
      }
    }

    function save() {
      if (!store) return;
      try {
        if (Object.keys(answers).length) {
          store.setItem(key, JSON.stringify({ fiche: id, version: root.dataset.version || null,
            enregistre_le: new Date().toISOString(), reponses: answers }));
        } else {
          store.removeItem(key);
        }
      } catch (error) {
        say("Vos réponses n'ont pas pu être enregistrées dans ce navigateur (espace plein\u00a0?)\u00a0: " +
            "téléchargez-les en JSON pour les garder.");
      }
    }

    function render() {
      for (const field of fields) {
        if (field.box) F.write(field, F.tidy(field, answers[field.id]));
        F.show(field, on ? answers[field.id] : null);
      }
    }

    /* --- Page controls ---------------------------------------------------------- */

    const status = F.el("p", { class: "fiche-statut", role: "status", "aria-live": "polite" });
    function say(text) {
      status.textContent = "";
      setTimeout(() => { status.textContent = text; }, 50); // a new message, even if the same
    }

    const file = F.el("input", { type: "file", accept: ".json,application/json", hidden: true,
                                 class: "fiche-fichier", "aria-label": "Fichier de réponses (JSON)" });
    const panel = F.el("div", { class: "fiche-outils fiche-outils--saisie", id: "fiche-actions-" + id,
                                role: "group", "aria-label": "Vos réponses", hidden: true },
      F.el("p", { class: "fiche-note", text: "Vos réponses restent dans ce navigateur, sur cet appareil\u00a0: " +
        "elles sont enregistrées à chaque saisie et ne sont envoyées nulle part. Sur un ordinateur " +
        "partagé, effacez-les quand vous avez fini." }),
      button("Télécharger mes réponses (DOCX)", "fiche-docx", () => download("docx")),
      button("Télécharger mes réponses (ODT)", "fiche-odt", () => download("odt")),
      button("Télécharger mes réponses (JSON)", "fiche-json", downloadJson),
      button("Charger des réponses (JSON)", "fiche-charger", () => file.click()),
      button("Effacer mes réponses", "fiche-effacer", clear),
      file);
    const toggle = button("Remplir en ligne", "md-button--primary fiche-remplir", () => (on ? leave() : enter(true)));
    toggle.setAttribute("aria-pressed", "false");
    toggle.setAttribute("aria-controls", panel.id);
    const bar = F.el("div", { class: "fiche-outils" }, toggle,
      button("Imprimer la fiche", "fiche-imprimer", () => window.print()));
    const place = root.querySelector(".fiche-note") || root.querySelector(".fiche-telechargements");
    if (place) place.after(bar, panel, status);
    else root.prepend(bar, panel, status);

    function enter(byUser) {
      for (const field of fields) {
        if (!field.box) {
          field.box = F.inputs(field);
          field.node.append(field.box);
        }
      }
      on = true;
      root.classList.add("fiche--saisie");
      toggle.setAttribute("aria-pressed", "true");
      panel.hidden = false;
      render();
      const kept = store ? "" : " Attention\u00a0: ce navigateur n'autorise pas l'enregistrement local, " +
        "vos réponses seront perdues en quittant la page\u00a0; téléchargez-les pour les garder.";
      say((byUser ? "Mode saisie\u00a0: chaque rubrique de la fiche est devenue un champ à remplir." :
        "Vos réponses enregistrées dans ce navigateur ont été rétablies (mode saisie).") + kept);
    }

    function leave() {
      on = false;
      root.classList.remove("fiche--saisie");
      toggle.setAttribute("aria-pressed", "false");
      panel.hidden = true;
      render();
      say("Saisie masquée\u00a0: la fiche est de nouveau vierge à l'écran et à l'impression. " +
          "Vos réponses restent enregistrées dans ce navigateur.");
    }

    function changed(event) {
      const node = on && event.target.closest ? event.target.closest(".fiche-champ") : null;
      const field = node && fields.find((f) => f.node === node);
      if (!field || !field.box || !field.box.contains(event.target)) return;
      const value = F.read(field);
      if (F.isEmpty(value)) delete answers[field.id];
      else answers[field.id] = value;
      F.show(field, value);
      save();
    }
    root.addEventListener("input", changed);
    root.addEventListener("change", changed);

    /* --- Downloads, loading, clearing ------------------------------------------- */

    async function download(kind) {
      const name = "fiche-" + id + "-remplie." + kind, label = kind.toUpperCase();
      const link = root.querySelector('.fiche-telechargement[data-kind="' + kind + '"]');
      if (!link || !D || !D.supported) {
        say("Ce navigateur ne sait pas préparer le document " + label + "\u00a0: téléchargez vos réponses " +
            "en JSON, ou la fiche vierge.");
        return;
      }
      say("Préparation du document " + label + " avec vos réponses…");
      try {
        offer(await D.fill(link.href, kind, F.places(fields, answers), new Date()), name);
        say("Document " + label + " avec vos réponses téléchargé\u00a0: " + name + ".");
      } catch (error) {
        say("Le document " + label + " n'a pas pu être préparé (" + error.message + "). Vos réponses " +
            "restent enregistrées\u00a0; vous pouvez les télécharger en JSON.");
      }
    }

    function downloadJson() {
      const name = "fiche-" + id + "-reponses.json";
      const data = { fiche: id, titre: root.dataset.titre || id, version: root.dataset.version || null,
                     adresse: root.dataset.adresse || location.href.split("#")[0],
                     enregistre_le: new Date().toISOString(), reponses: answers };
      offer(new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" }), name);
      say("Vos réponses ont été téléchargées\u00a0: " + name + ". Pour les reprendre plus tard, ici ou sur " +
          "un autre appareil\u00a0: «\u00a0Charger des réponses (JSON)\u00a0».");
    }

    file.addEventListener("change", async () => {
      const chosen = file.files && file.files[0];
      if (!chosen) return;
      file.value = "";
      let data = null;
      try {
        data = JSON.parse(await chosen.text());
      } catch (error) {
        say("«\u00a0" + chosen.name + "\u00a0» n'est pas un fichier de réponses\u00a0: son contenu JSON est illisible.");
        return;
      }
      if (!data || typeof data !== "object" || !data.reponses || typeof data.reponses !== "object") {
        say("«\u00a0" + chosen.name + "\u00a0» ne contient pas de réponses de fiche modèle.");
        return;
      }
      if (data.fiche !== id) {
        say("«\u00a0" + chosen.name + "\u00a0» contient les réponses d'une autre fiche («\u00a0" + (data.titre || data.fiche) +
            "\u00a0»)\u00a0: ouvrez la page de ce format pour les charger.");
        return;
      }
      if (Object.keys(answers).length &&
          !window.confirm("Remplacer vos réponses actuelles par celles du fichier «\u00a0" + chosen.name + "\u00a0»\u00a0?")) {
        say("Rien n'a été chargé\u00a0: vos réponses actuelles sont conservées.");
        return;
      }
      answers = tidyAll(data.reponses);
      save();
      render();
      const count = Object.keys(answers).length;
      say(count + (count > 1 ? " réponses chargées" : " réponse chargée") + " depuis «\u00a0" + chosen.name + "\u00a0».");
    });

    function clear() {
      if (!window.confirm("Effacer toutes vos réponses à cette fiche\u00a0? Elles seront supprimées de ce " +
                          "navigateur. Pour les garder, téléchargez-les d'abord (JSON).")) {
        say("Rien n'a été effacé.");
        return;
      }
      answers = {};
      save();
      render();
      say("Vos réponses ont été effacées de ce navigateur.");
    }

    if (Object.keys(answers).length) enter(false);
  }

  /* The printed form's running footer (version date, permanent URL): the text of
     the page's .fiche-pied line, in the @page margin box (see print.css). */
  function pageFooter() {
    const line = document.querySelector(".fiche[data-format] .fiche-pied");
    let style = document.getElementById("fiche-impression");
    if (!line || !("CSSMarginRule" in window)) {
      if (style) style.remove();
      return;
    }
    if (!style) {
      style = F.el("style", { id: "fiche-impression" });
      document.head.append(style);
    }
    const text = line.textContent.replace(/[ \t\r\n]+/g, " ").trim().replace(/["\\]/g, "\\$&");
    style.textContent = '@media print { @page { @bottom-left { content: "' + text + '"; } } }';
    line.closest(".fiche").classList.add("fiche--pied-de-page");
  }

  function init() {
    if (!F) return;
    document.querySelectorAll(".fiche[data-format]").forEach(setup);
    pageFooter();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
