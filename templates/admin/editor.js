// Web editor set-up, loaded by intro.js after decap-cms.js once the reader opens the editor
// (Decap waits: CMS_MANUAL_INIT). Registers the « yaml-catalogue » format — files rewritten only
// where the editor changed something (yaml-roundtrip.js) — then starts Decap CMS with
// admin/config.yml.
import { parseYaml, updateYaml } from "./yaml-roundtrip.js";

// {catalogue: {field: sub-order | null}}: key order of entries written anew (optional nicety)
const FIELD_ORDER = await fetch(new URL("field-order.json", import.meta.url))
  .then((response) => (response.ok ? response.json() : {}))
  .catch(() => ({}));
const sources = new Map(); // catalogue name -> text of its file as last read or written

window.CMS.registerCustomFormat("yaml-catalogue", "yaml", {
  fromFile(text) {
    const data = parseYaml(text);
    for (const key of Object.keys(data)) sources.set(key, text);
    return data;
  },
  toFile(data) {
    const key = Object.keys(data)[0];
    const text = updateYaml(sources.get(key) || "", data, { [key]: FIELD_ORDER[key] || null });
    sources.set(key, text);
    return text;
  },
});
window.CMS.init();
const loading = document.querySelector("[data-chargement]");
if (loading) loading.hidden = true; // Decap shows its own progress from here
