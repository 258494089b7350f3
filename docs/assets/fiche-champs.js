/* Fill-online model forms: one field of the form (used by fiche.js).
 *
 * Each field of the printable form (.fiche-champ, made by
 * templates/partials/form-fields.html.j2) is described from its data-* attributes;
 * `inputs` makes its labelled inputs (label/for, help via aria-describedby, required,
 * radio group or checkboxes in a fieldset with a legend, date input, textarea, name
 * and date of a signature); `show` writes an answer back into the printable form, so
 * that printing shows it; `places` says where answers go in the ODT/DOCX; `missing`
 * lists the required fields left empty, `flag` marks one as such (aria-invalid and a
 * message its control is described by) or clears the mark, and `summary` writes the
 * message that lists them.
 */
(function () {
  "use strict";

  const STORE = "fiche-modele:";
  const BOX = "\u2610", BOX_CHECKED = "\u2612";
  const SIGNATURE_PARTS = [["nom", "Nom, qualité", "text"], ["date", "Date", "date"]];
  const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === false || value === null || value === undefined) continue;
      if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    node.append(...children.filter(Boolean));
    return node;
  }

  const isoDate = (value) => (typeof value === "string" && ISO_DATE.test(value) ? value : "");
  const frDate = (value) => (isoDate(value) ? value.split("-").reverse().join("/") : "");
  const anchor = (id, part) => "champ_" + id.replace(/-/g, "_") + (part ? "_" + part : "");

  function isEmpty(value) {
    if (Array.isArray(value)) return value.length === 0;
    if (value && typeof value === "object") return !value.nom && !value.date;
    return !value;
  }

  /* --- One field: its description, its inputs, its printable answer ---------- */

  function describe(node) {
    const help = node.querySelector(".fiche-aide");
    return {
      node, id: node.dataset.field, kind: node.dataset.kind,
      required: node.dataset.required === "true", lines: Number(node.dataset.lines) || 1,
      label: node.querySelector(".fiche-label strong").textContent,
      help: help ? help.textContent.trim() : "",
      options: Array.from(node.querySelectorAll("[data-option]"), (li) => li.dataset.option),
    };
  }

  function inputs(field) {
    const key = "saisie-" + field.id, helpId = field.help ? "aide-" + key : null;
    const mark = field.required ? el("span", { class: "fiche-requis", text: " (obligatoire)" }) : null;
    const help = helpId ? el("p", { class: "fiche-aide", id: helpId, text: field.help }) : null;
    const required = (on) => ({ required: on, "aria-required": on ? "true" : null });
    if (field.kind === "choice" || field.kind === "checklist") {
      const radio = field.kind === "choice";
      const box = el("fieldset", { class: "fiche-saisie", role: radio ? "radiogroup" : null,
        "aria-describedby": helpId, "aria-required": radio && field.required ? "true" : null },
      el("legend", { class: "fiche-label" }, el("strong", { text: field.label }), mark), help);
      field.options.forEach((option, index) => {
        const id = key + "-" + (index + 1);
        box.append(el("div", { class: "fiche-choix" },
          el("input", { type: radio ? "radio" : "checkbox", id, name: key, value: option,
                        required: radio && field.required }),
          el("label", { for: id, text: option })));
      });
      return box;
    }
    if (field.kind === "signature") {
      const row = el("div", { class: "fiche-signature-saisie" });
      for (const [part, label, type] of SIGNATURE_PARTS) {
        const id = key + "-" + part;
        row.append(el("div", {}, el("label", { for: id, text: label }),
          el("input", { id, type, name: id, "data-part": part, autocomplete: "off",
                        "aria-describedby": helpId, ...required(field.required && part === "nom") })));
      }
      return el("fieldset", { class: "fiche-saisie", "aria-describedby": helpId },
        el("legend", { class: "fiche-label" }, el("strong", { text: field.label }), mark), help, row,
        el("p", { class: "fiche-aide", text: "La signature se fait à la main, sur la fiche imprimée." }));
    }
    const control = field.kind === "paragraph"
      ? el("textarea", { id: key, name: key, rows: Math.max(3, field.lines), "aria-describedby": helpId,
                         ...required(field.required) })
      : el("input", { id: key, name: key, type: field.kind === "date" ? "date" : "text", autocomplete: "off",
                      "aria-describedby": helpId, ...required(field.required) });
    return el("div", { class: "fiche-saisie" },
      el("label", { class: "fiche-label", for: key }, el("strong", { text: field.label }), mark), help, control);
  }

  function read(field) {
    const box = field.box;
    if (field.kind === "choice") {
      const checked = box.querySelector("input:checked");
      return checked ? checked.value : "";
    }
    if (field.kind === "checklist") return Array.from(box.querySelectorAll("input:checked"), (c) => c.value);
    if (field.kind === "signature") {
      const part = (name) => box.querySelector('[data-part="' + name + '"]').value;
      return { nom: part("nom"), date: part("date") };
    }
    return box.querySelector("input, textarea").value;
  }

  /* Keeps only what the field can hold (a loaded JSON file may hold anything). */
  function tidy(field, value) {
    if (field.kind === "choice") return field.options.includes(value) ? value : "";
    if (field.kind === "checklist") return field.options.filter((o) => Array.isArray(value) && value.includes(o));
    if (field.kind === "signature") {
      const v = value && typeof value === "object" ? value : {};
      return { nom: typeof v.nom === "string" ? v.nom : "", date: isoDate(v.date) };
    }
    if (field.kind === "date") return isoDate(value);
    return typeof value === "string" ? value : "";
  }

  function write(field, value) {
    const box = field.box;
    if (field.kind === "choice" || field.kind === "checklist") {
      const chosen = [].concat(value);
      box.querySelectorAll("input").forEach((c) => { c.checked = chosen.includes(c.value); });
    } else if (field.kind === "signature") {
      box.querySelector('[data-part="nom"]').value = value.nom;
      box.querySelector('[data-part="date"]').value = value.date;
    } else {
      box.querySelector("input, textarea").value = value;
    }
  }

  /* The answer, on the printable form (empty value: the blank form). */
  function show(field, value) {
    const node = field.node;
    if (field.kind === "choice" || field.kind === "checklist") {
      const chosen = [].concat(value || []);
      node.querySelectorAll("[data-option]").forEach((li) => {
        const on = chosen.includes(li.dataset.option);
        li.classList.toggle("fiche-coche", on);
        li.querySelector(".fiche-case").textContent = on ? BOX_CHECKED : BOX;
      });
    } else if (field.kind === "signature") {
      node.querySelector(".fiche-signature-nom").textContent = (value && value.nom) || "";
      node.querySelector(".fiche-signature-date").textContent = frDate(value && value.date);
    } else {
      node.querySelector(".fiche-zone").textContent = field.kind === "date" ? frDate(value) : value || "";
    }
  }

  /* --- Required fields -------------------------------------------------------- */

  function answered(field, value) {
    if (field.kind === "signature") return Boolean(value && value.nom && value.nom.trim());
    return Array.isArray(value) ? value.length > 0 : Boolean(value && String(value).trim());
  }

  const missing = (fields, answers) => fields.filter((f) => f.required && !answered(f, answers[f.id]));

  /* The control a missing field's message points to (its first input). */
  const control = (field) => field.box && field.box.querySelector("input, textarea");

  function flag(field, on) {
    if (!field.box) return;
    const id = "erreur-saisie-" + field.id;
    let message = document.getElementById(id);
    const targets = field.kind === "choice" || field.kind === "checklist"
      ? [field.box] : [control(field)].filter(Boolean);
    if (on && !message) {
      message = el("p", { class: "fiche-erreur", id, text: "Champ obligatoire à remplir." });
      field.box.querySelector("legend, .fiche-label").after(message);
    } else if (!on && message) {
      message.remove();
    }
    for (const node of targets) {
      const described = (node.getAttribute("aria-describedby") || "").split(" ").filter((d) => d && d !== id);
      if (on) described.unshift(id);
      node.setAttribute("aria-describedby", described.join(" "));
      if (!described.length) node.removeAttribute("aria-describedby");
      if (on) node.setAttribute("aria-invalid", "true");
      else node.removeAttribute("aria-invalid");
    }
  }

  /* The message listing the required fields left empty, each a link to its control,
     then *go* (« Continuer quand même »), written into *box*. */
  function summary(box, empty, go) {
    const list = el("ul", {});
    for (const field of empty) {
      const link = el("a", { href: "#champ-" + field.id, text: field.label });
      link.addEventListener("click", (e) => {
        e.preventDefault();
        control(field)?.focus();
      });
      list.append(el("li", {}, link));
    }
    const n = empty.length;
    box.replaceChildren(
      el("p", { class: "fiche-manque__titre", text: n > 1 ? n + " champs obligatoires ne sont pas remplis\u00a0:"
        : "Un champ obligatoire n'est pas rempli\u00a0:" }),
      list, el("p", { text: "Remplissez-les (chaque lien mène au champ), ou continuez quand même." }), go);
  }

  /* Bookmark name -> what to write there, for fiche-documents.js. */
  function places(fields, answers) {
    const map = new Map();
    for (const field of fields) {
      const value = answers[field.id];
      if (isEmpty(value)) continue;
      if (field.kind === "choice" || field.kind === "checklist") {
        field.options.forEach((o, i) => map.set(anchor(field.id, "o" + (i + 1)), { checked: [].concat(value).includes(o) }));
      } else if (field.kind === "signature") {
        if (value.nom) map.set(anchor(field.id, "nom"), { text: value.nom });
        if (value.date) map.set(anchor(field.id, "date"), { text: frDate(value.date) });
      } else {
        map.set(anchor(field.id), { text: field.kind === "date" ? frDate(value) : value });
      }
    }
    return map;
  }

  window.FicheSaisie = { describe, inputs, read, tidy, write, show, places, isEmpty, frDate, el, missing, flag, control, summary };
})();
