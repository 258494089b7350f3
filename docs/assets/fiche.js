/* Fill-online model forms (fiches modèles) on format pages.
 *
 * « Remplir en ligne » turns each field of the printable form into labelled inputs
 * (fiche-champs.js). Answers stay in this browser only: localStorage, one key per
 * format, saved at each keystroke, never sent anywhere, in named answer sets — one per
 * student or site — created, renamed, chosen and deleted (fiche-jeux.js). They are
 * written back into the printable form (printing shows them), can be downloaded as DOCX
 * or ODT (fiche-documents.js fills the build's own documents) or as JSON, which
 * « Charger des réponses (JSON) » reads back; « Effacer mes réponses » asks, then empties
 * the set. Stored answers reopen the fill-in mode when the page is opened again.
 *
 * Before printing or making a document in fill-in mode, the required fields left empty
 * are listed in a message that takes the focus, each with a link to its field (marked
 * aria-invalid, with its own message); « Continuer quand même » goes on. The buttons
 * are at the top and at the bottom of the form. Two prints: the form alone (print.css),
 * or the whole page, method and form (class impression-page-entiere on <html> while
 * printing).
 *
 * Material's instant navigation swaps pages without reloading: setup runs for each
 * page through document$. Status messages go to an aria-live region.
 */
(function () {
  "use strict";

  const STORE = "fiche-modele:";
  const WHOLE_PAGE = "impression-page-entiere";
  const F = window.FicheSaisie, D = window.FicheDocuments, J = window.FicheJeux;

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

  function print(whole) {
    document.documentElement.classList.toggle(WHOLE_PAGE, whole);
    window.print();
    document.documentElement.classList.remove(WHOLE_PAGE); // print() returns once the print is done
  }

  function setup(root) {
    if (root.dataset.ficheActive) return;
    root.dataset.ficheActive = "true";
    const id = root.dataset.format, store = J.storage();
    const fields = Array.from(root.querySelectorAll(".fiche-champ[data-field]"), F.describe);
    const tidyAll = (raw) => {
      const out = {};
      for (const field of fields) {
        const value = F.tidy(field, raw && typeof raw === "object" ? raw[field.id] : undefined);
        if (!F.isEmpty(value)) out[field.id] = value;
      }
      return out;
    };
    const sets = J.open(store, STORE + id, { id, version: root.dataset.version || null }, tidyAll, () =>
      say("Vos réponses n'ont pas pu être enregistrées dans ce navigateur (espace plein\u00a0?)\u00a0: " +
          "téléchargez-les en JSON pour les garder."));
    let answers = sets.current().reponses, on = false;

    function render() {
      for (const field of fields) {
        if (field.box) F.write(field, F.tidy(field, answers[field.id]));
        F.show(field, on ? answers[field.id] : null);
        F.flag(field, false);
      }
      check.hidden = true;
    }

    /* --- Page controls: top (with the answer sets) and bottom ------------------- */

    const statuses = [0, 1].map(() => F.el("p", { class: "fiche-statut", role: "status", "aria-live": "polite" }));
    let status = statuses[0];
    function say(text, where) {
      status = where || status;
      for (const s of statuses) s.textContent = "";
      setTimeout(() => { status.textContent = text; }, 50); // a new message, even if the same
    }
    const near = (event) => statuses[event && event.currentTarget && event.currentTarget.closest(".fiche-outils--bas") ? 1 : 0];

    const file = F.el("input", { type: "file", accept: ".json,application/json", hidden: true,
                                 class: "fiche-fichier", "aria-label": "Fichier de réponses (JSON)" });
    const picker = J.picker(F, id, sets, changeSet);
    const downloads = (where) => [
      button("Télécharger mes réponses (DOCX)", "fiche-docx", (e) => guarded(e, () => download("docx", near(e)))),
      button("Télécharger mes réponses (ODT)", "fiche-odt", (e) => guarded(e, () => download("odt", near(e)))),
      button("Télécharger mes réponses (JSON)", "fiche-json", (e) => downloadJson(near(e))),
    ].map((b) => { b.classList.add("fiche-seulement-saisie"); b.dataset.place = where; return b; });
    const prints = () => [
      button("Imprimer la fiche", "fiche-imprimer", (e) => guarded(e, () => print(false))),
      button("Imprimer la page entière", "fiche-imprimer-page", (e) => guarded(e, () => print(true))),
    ];
    const panel = F.el("div", { class: "fiche-outils fiche-outils--saisie", id: "fiche-actions-" + id,
                                role: "group", "aria-label": "Vos réponses", hidden: true },
      F.el("p", { class: "fiche-note", text: "Vos réponses restent dans ce navigateur, sur cet appareil\u00a0: " +
        "elles sont enregistrées à chaque saisie et ne sont envoyées nulle part. Sur un ordinateur " +
        "partagé, effacez-les quand vous avez fini." }),
      picker.node,
      ...downloads("haut"),
      button("Charger des réponses (JSON)", "fiche-charger", () => file.click()),
      button("Effacer mes réponses", "fiche-effacer", clear),
      file);
    const toggle = button("Remplir en ligne", "md-button--primary fiche-remplir", () => (on ? leave() : enter(true)));
    toggle.setAttribute("aria-pressed", "false");
    toggle.setAttribute("aria-controls", panel.id);
    const top = F.el("div", { class: "fiche-outils" }, toggle, ...prints());
    const bottom = F.el("div", { class: "fiche-outils fiche-outils--bas", role: "group",
                                 "aria-label": "Imprimer ou télécharger la fiche" }, ...prints(), ...downloads("bas"));
    const check = F.el("div", { class: "fiche-manque", role: "alert", tabindex: "-1", hidden: true });
    const place = root.querySelector(".fiche-note") || root.querySelector(".fiche-telechargements");
    if (place) place.after(top, panel, statuses[0]);
    else root.prepend(top, panel, statuses[0]);
    (root.querySelector(".fiche-pied") || root.lastChild).before(bottom, statuses[1]);
    root.querySelectorAll(".fiche-seulement-saisie").forEach((b) => { b.hidden = true; });

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
      root.querySelectorAll(".fiche-seulement-saisie").forEach((b) => { b.hidden = false; });
      render();
      const kept = store ? "" : " Attention\u00a0: ce navigateur n'autorise pas l'enregistrement local, " +
        "vos réponses seront perdues en quittant la page\u00a0; téléchargez-les pour les garder.";
      say((byUser ? "Mode saisie\u00a0: chaque rubrique de la fiche est devenue un champ à remplir." :
        "Vos réponses enregistrées dans ce navigateur ont été rétablies (mode saisie, jeu «\u00a0" +
        sets.current().nom + "\u00a0»).") + kept, statuses[0]);
    }

    function leave() {
      on = false;
      root.classList.remove("fiche--saisie");
      toggle.setAttribute("aria-pressed", "false");
      panel.hidden = true;
      root.querySelectorAll(".fiche-seulement-saisie").forEach((b) => { b.hidden = true; });
      render();
      say("Saisie masquée\u00a0: la fiche est de nouveau vierge à l'écran et à l'impression. " +
          "Vos réponses restent enregistrées dans ce navigateur.", statuses[0]);
    }

    function changeSet(action, value) {
      const message = J.change(sets, action, value); // asks first before a deletion
      answers = sets.current().reponses;
      picker.refresh();
      render();
      say(message, statuses[0]);
    }

    function changed(event) {
      const node = on && event.target.closest ? event.target.closest(".fiche-champ") : null;
      const field = node && fields.find((f) => f.node === node);
      if (!field || !field.box || !field.box.contains(event.target)) return;
      const value = F.read(field);
      answers = { ...answers };
      if (F.isEmpty(value)) delete answers[field.id];
      else answers[field.id] = value;
      F.show(field, value);
      if (!F.missing([field], answers).length) F.flag(field, false);
      sets.setAnswers(answers);
    }
    root.addEventListener("input", changed);
    root.addEventListener("change", changed);

    /* --- Required fields, checked before a print or a document ------------------- */

    function guarded(event, action) {
      const empty = on ? F.missing(fields, answers) : [];
      if (!empty.length) {
        check.hidden = true;
        action();
        return;
      }
      for (const field of fields) F.flag(field, empty.includes(field));
      F.summary(check, empty, button("Continuer quand même", "fiche-continuer", () => { check.hidden = true; action(); }));
      event.currentTarget.closest(".fiche-outils").after(check);
      check.hidden = false;
      check.focus();
    }

    /* --- Downloads, loading, clearing ------------------------------------------- */

    const fileName = (suffix) => J.fileName(id, sets, suffix);

    async function download(kind, where) {
      const name = fileName("-remplie." + kind), label = kind.toUpperCase();
      const link = root.querySelector('.fiche-telechargement[data-kind="' + kind + '"]');
      if (!link || !D || !D.supported) {
        say("Ce navigateur ne sait pas préparer le document " + label + "\u00a0: téléchargez vos réponses " +
            "en JSON, ou la fiche vierge.", where);
        return;
      }
      say("Préparation du document " + label + " avec vos réponses…", where);
      try {
        offer(await D.fill(link.href, kind, F.places(fields, answers), new Date()), name);
        say("Document " + label + " avec vos réponses téléchargé\u00a0: " + name + ".", where);
      } catch (error) {
        say("Le document " + label + " n'a pas pu être préparé (" + error.message + "). Vos réponses " +
            "restent enregistrées\u00a0; vous pouvez les télécharger en JSON.", where);
      }
    }

    function downloadJson(where) {
      const name = fileName("-reponses.json");
      const data = { fiche: id, titre: root.dataset.titre || id, version: root.dataset.version || null,
                     adresse: root.dataset.adresse || location.href.split("#")[0], jeu: sets.current().nom,
                     enregistre_le: new Date().toISOString(), reponses: answers };
      offer(new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" }), name);
      say("Vos réponses ont été téléchargées\u00a0: " + name + ". Pour les reprendre plus tard, ici ou sur " +
          "un autre appareil\u00a0: «\u00a0Charger des réponses (JSON)\u00a0».", where);
    }

    file.addEventListener("change", async () => {
      const chosen = file.files && file.files[0];
      if (!chosen) return;
      file.value = "";
      const { data, problem } = await J.readFile(chosen, id);
      if (problem) {
        say(problem);
        return;
      }
      if (Object.keys(answers).length &&
          !window.confirm("Remplacer les réponses du jeu «\u00a0" + sets.current().nom + "\u00a0» par celles du fichier «\u00a0" +
                          chosen.name + "\u00a0»\u00a0?")) {
        say("Rien n'a été chargé\u00a0: vos réponses actuelles sont conservées.");
        return;
      }
      answers = tidyAll(data.reponses);
      sets.setAnswers(answers);
      render();
      const count = Object.keys(answers).length;
      say(count + (count > 1 ? " réponses chargées" : " réponse chargée") + " depuis «\u00a0" + chosen.name + "\u00a0».");
    });

    function clear() {
      if (!window.confirm("Effacer toutes les réponses du jeu «\u00a0" + sets.current().nom + "\u00a0»\u00a0? Elles " +
                          "seront supprimées de ce navigateur. Pour les garder, téléchargez-les d'abord (JSON).")) {
        say("Rien n'a été effacé.", statuses[0]);
        return;
      }
      answers = {};
      sets.setAnswers(answers);
      render();
      say("Vos réponses ont été effacées de ce navigateur.", statuses[0]);
    }

    if (Object.keys(answers).length || sets.list().length > 1) enter(false);
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
    if (!F || !J) return;
    document.querySelectorAll(".fiche[data-format]").forEach(setup);
    pageFooter();
  }

  /* In a task of its own, once the browser is idle (at the latest 0.5 s later): the page
     shows and answers first; the form's controls follow, below the fold. */
  const soon = (task) => ("requestIdleCallback" in window ? window.requestIdleCallback(task, { timeout: 500 })
    : setTimeout(task, 0));

  window.addEventListener("afterprint", () => document.documentElement.classList.remove(WHOLE_PAGE));
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(() => soon(init));
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => soon(init));
  else soon(init);
})();
