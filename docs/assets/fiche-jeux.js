/* Fill-online model forms: the named answer sets of one form (used by fiche.js).
 *
 * A tutor with several students, a school with several sites, keeps one set of answers
 * for each, named, in this browser only (localStorage, one key per format):
 *   {fiche, version, courant: <set id>, jeux: [{id, nom, enregistre_le, reponses}]}
 * The key of the first version of fiche.js ({fiche, reponses}) is read as one set.
 * `picker` makes the controls: a labelled list of the sets, « Nouveau jeu… »,
 * « Renommer… » and « Supprimer ce jeu » (names asked with the browser's own dialogs);
 * `storage` gives localStorage where the browser allows it; `readFile` checks a JSON file
 * of answers before it is loaded.
 */
(function () {
  "use strict";

  const DEFAULT_NAME = "Mes réponses";
  const STORE = "fiche-modele:";

  /* The browser's localStorage, or null where it is refused (disabled, private browsing). */
  function storage() {
    try {
      const store = window.localStorage, probe = STORE + "essai";
      store.setItem(probe, probe);
      store.removeItem(probe);
      return store;
    } catch (error) {
      return null;
    }
  }

  /* A JSON file of answers (« Télécharger mes réponses (JSON) ») for the form *id*:
     {data} or {problem: what to tell the reader}. */
  async function readFile(file, id) {
    const name = "«\u00a0" + file.name + "\u00a0»";
    let data = null;
    try {
      data = JSON.parse(await file.text());
    } catch (error) {
      return { problem: name + " n'est pas un fichier de réponses\u00a0: son contenu JSON est illisible." };
    }
    if (!data || typeof data !== "object" || !data.reponses || typeof data.reponses !== "object") {
      return { problem: name + " ne contient pas de réponses de fiche modèle." };
    }
    if (data.fiche !== id) {
      return { problem: name + " contient les réponses d'une autre fiche («\u00a0" + (data.titre || data.fiche) +
                        "\u00a0»)\u00a0: ouvrez la page de ce format pour les charger." };
    }
    return { data };
  }

  function uniqueName(wanted, taken) {
    const base = wanted.trim().replace(/\s+/g, " ").slice(0, 80) || DEFAULT_NAME;
    let name = base;
    for (let n = 2; taken.includes(name); n++) name = base + " (" + n + ")";
    return name;
  }

  /* The sets of the form stored under *key*; *tidy* keeps only what the form can hold.
     Every change is written at once; `onError` is called when the browser refuses. */
  function open(store, key, form, tidy, onError) {
    let data = { courant: "j1", jeux: [] };
    try {
      const raw = store ? JSON.parse(store.getItem(key) || "null") : null;
      if (raw && Array.isArray(raw.jeux)) data = raw;
      else if (raw && raw.reponses) data.jeux = [{ id: "j1", nom: DEFAULT_NAME, reponses: raw.reponses }];
    } catch (error) { /* unreadable: start afresh */ }
    data.jeux = data.jeux.filter((j) => j && typeof j.id === "string")
      .map((j) => ({ id: j.id, nom: uniqueName(String(j.nom || ""), []), enregistre_le: j.enregistre_le || null,
                     reponses: tidy(j.reponses) }));
    if (!data.jeux.length) data.jeux.push({ id: "j1", nom: DEFAULT_NAME, enregistre_le: null, reponses: {} });
    if (!data.jeux.some((j) => j.id === data.courant)) data.courant = data.jeux[0].id;

    const current = () => data.jeux.find((j) => j.id === data.courant);
    const blank = () => data.jeux.length === 1 && current().nom === DEFAULT_NAME && !Object.keys(current().reponses).length;

    function save() {
      if (!store) return;
      try {
        if (blank()) store.removeItem(key); // nothing kept: nothing left behind
        else store.setItem(key, JSON.stringify({ fiche: form.id, version: form.version, courant: data.courant, jeux: data.jeux }));
      } catch (error) {
        onError();
      }
    }

    return {
      list: () => data.jeux.map((j) => ({ id: j.id, nom: j.nom })),
      current,
      setAnswers(answers) {
        current().reponses = answers;
        current().enregistre_le = new Date().toISOString();
        save();
      },
      create(wanted) {
        const ids = data.jeux.map((j) => Number(j.id.slice(1)) || 0);
        const set = { id: "j" + (Math.max(0, ...ids) + 1), nom: uniqueName(wanted, data.jeux.map((j) => j.nom)),
                      enregistre_le: null, reponses: {} };
        data.jeux.push(set);
        data.courant = set.id;
        save();
        return set;
      },
      rename(wanted) {
        const set = current();
        set.nom = uniqueName(wanted, data.jeux.filter((j) => j !== set).map((j) => j.nom));
        save();
        return set;
      },
      remove() {
        data.jeux = data.jeux.filter((j) => j !== current());
        if (!data.jeux.length) data.jeux.push({ id: "j1", nom: DEFAULT_NAME, enregistre_le: null, reponses: {} });
        data.courant = data.jeux[0].id;
        save();
        return current();
      },
      choose(id) {
        if (data.jeux.some((j) => j.id === id)) data.courant = id;
        save();
        return current();
      },
      suggestedName: () => uniqueName("Réponses " + (data.jeux.length + 1), data.jeux.map((j) => j.nom)),
    };
  }

  /* Applies a choice of the picker to *sets* (a deletion is confirmed first); returns
     what to tell the reader. */
  function change(sets, action, value) {
    const before = "«\u00a0" + sets.current().nom + "\u00a0»";
    if (action === "remove") {
      if (!window.confirm("Supprimer le jeu " + before + " et ses réponses de ce navigateur\u00a0?")) return "Rien n'a été supprimé.";
      sets.remove();
    } else if (action === "create") sets.create(value);
    else if (action === "rename") sets.rename(value);
    else sets.choose(value);
    const name = "«\u00a0" + sets.current().nom + "\u00a0»", count = Object.keys(sets.current().reponses).length;
    return action === "create" ? "Nouveau jeu " + name + "\u00a0: la fiche est vide, prête à remplir."
      : action === "rename" ? "Le jeu " + before + " s'appelle maintenant " + name + "."
      : action === "remove" ? "Jeu " + before + " supprimé\u00a0; jeu affiché\u00a0: " + name + "."
      : "Jeu " + name + " affiché\u00a0: " + (count ? count + (count > 1 ? " réponses." : " réponse.") : "aucune réponse.");
  }

  /* « fiche-<format>[-<set name>]<suffix> »: the set's name once the reader has named one. */
  function fileName(id, sets, suffix) {
    const slug = sets.current().nom.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40);
    const named = sets.list().length > 1 || sets.current().nom !== DEFAULT_NAME;
    return "fiche-" + id + (named && slug ? "-" + slug : "") + suffix;
  }

  /* The controls of the sets: {node, refresh()}; *act* receives the user's choices. */
  function picker(F, id, sets, act) {
    const selectId = "fiche-jeu-" + id;
    const select = F.el("select", { id: selectId, class: "fiche-jeu" });
    const button = (text, className, action) => {
      const node = F.el("button", { type: "button", class: "md-button " + className, text });
      node.addEventListener("click", action);
      return node;
    };
    const node = F.el("div", { class: "fiche-jeux", role: "group", "aria-labelledby": selectId + "-titre" },
      F.el("p", { class: "fiche-jeux__titre", id: selectId + "-titre", text: "Jeux de réponses" }),
      F.el("p", { class: "fiche-note", text: "Un jeu par étudiant ou par site qualifiant\u00a0: chacun garde ses réponses, " +
        "sous son nom, dans ce navigateur." }),
      F.el("div", { class: "fiche-jeux__choix" },
        F.el("label", { for: selectId, text: "Jeu affiché" }), select),
      button("Nouveau jeu…", "fiche-jeu-nouveau", () => {
        const name = window.prompt("Nom du nouveau jeu de réponses (par exemple l'étudiant ou le site qualifiant)\u00a0:",
                                   sets.suggestedName());
        if (name !== null) act("create", name);
      }),
      button("Renommer ce jeu…", "fiche-jeu-renommer", () => {
        const name = window.prompt("Nouveau nom du jeu «\u00a0" + sets.current().nom + "\u00a0»\u00a0:", sets.current().nom);
        if (name !== null) act("rename", name);
      }),
      button("Supprimer ce jeu", "fiche-jeu-supprimer", () => act("remove")));
    select.addEventListener("change", () => act("choose", select.value));

    function refresh() {
      select.replaceChildren(...sets.list().map((j) => F.el("option", { value: j.id, text: j.nom })));
      select.value = sets.current().id;
    }
    refresh();
    return { node, refresh };
  }

  window.FicheJeux = { open, picker, change, fileName, storage, readFile, DEFAULT_NAME };
})();
