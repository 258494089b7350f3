// Rewrite a YAML catalogue after an edit in the web editor, changing only the text of what changed.
//
// Decap CMS's own YAML format re-serialises the whole file: it drops every comment
// and, past eight keys, shuffles the keys of each entry. This format instead edits
// the original text: a changed value is rewritten in place (keeping its style, e.g.
// `>-` folded text or `[a, b]` lists), a removed key or entry is cut out, a new one
// is appended in the form's field order; comments and layout elsewhere stay as
// they were. The result is parsed again and must equal the editor's data: if not,
// or for edits too tangled to splice (reordered lists), the file is written out
// whole (its leading comment block kept) — never wrong, only a larger diff.
import { parseDocument, stringify, isMap, isSeq, isScalar, Scalar, Schema } from "./yaml/index.js";

// The site's loader reads YAML 1.1 scalars (yes/no are booleans…) except timestamps, which stay
// strings: quote what YAML 1.1 would misread, but leave dates such as 2026-11-23 plain.
const YAML_11 = new Schema({ schema: "yaml-1.1" }).tags.filter((t) => !String(t.tag).endsWith(":timestamp"));
const PLAIN = { lineWidth: 0, compat: YAML_11, flowCollectionPadding: false };
const FOLDED_WIDTH = 96; // the hand-written files fold `>-` text near this column

class Fallback extends Error {}

const pad = (n) => " ".repeat(n);
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isScalarValue = (v) => v === null || typeof v !== "object";
const indent = (text, col) => text.split("\n").map((l, i) => (i && l ? pad(col) + l : l)).join("\n");
const column = (text, pos) => pos - text.lastIndexOf("\n", pos - 1) - 1;
/** Where *node*'s text ends, trailing blank space excluded (block scalars and collections include it). */
function endOf(text, node) {
  let end = node.range[1];
  while (end > node.range[0] && /\s/.test(text[end - 1])) end--;
  return end;
}

/** Drop null, undefined and "" (never valid in the catalogues: what a cleared field leaves). */
export function prune(value) {
  const empty = (v) => v === null || v === undefined || v === "";
  if (Array.isArray(value)) return value.filter((v) => !empty(v)).map(prune);
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => !empty(v)).map(([k, v]) => [k, prune(v)]));
  }
  return value;
}

export function same(a, b) {
  if (a === b) return true;
  if (isScalarValue(a) || isScalarValue(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
}

/** *value* where a list of *old* that the editor emptied (Decap then sends null) is [], not gone. */
export function keepLists(value, old) {
  if (Array.isArray(value) && Array.isArray(old)) return value.map((v, i) => keepLists(v, old[i]));
  if (!isObject(value) || !isObject(old)) return value;
  const out = { ...value };
  for (const [k, v] of Object.entries(old)) {
    if (Array.isArray(v) && (out[k] === null || out[k] === undefined || out[k] === "")) out[k] = [];
    else if (Object.hasOwn(out, k)) out[k] = keepLists(out[k], v);
  }
  return out;
}

/** *value* with the keys of every object in the form's order (*order*: {field: sub-order | null}). */
export function sortKeys(value, order) {
  if (Array.isArray(value)) return value.map((v) => sortKeys(v, order));
  if (!isObject(value) || !order) return value;
  const names = Object.keys(order);
  const rank = (k) => (names.indexOf(k) + 1 || names.length + 1);
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b));
  return Object.fromEntries(keys.map((k) => [k, sortKeys(value[k], order[k])]));
}

/** A scalar's text for a line indented at column *col* (block scalar lines indented below it). */
function scalarText(value, col, type) {
  let node = value;
  let options = PLAIN;
  if (typeof value === "string" && (type === "BLOCK_FOLDED" || type === "BLOCK_LITERAL")) {
    node = new Scalar(value);
    node.type = type;
    options = { ...PLAIN, lineWidth: Math.max(FOLDED_WIDTH - col - 2, 40) };
  }
  return indent(stringify(node, options).replace(/\n$/, ""), col + 2);
}

/** Text after `key:` for a key at column *col*, in the style of the node it replaces. */
function valueText(value, col, node) {
  if (isScalarValue(value)) return " " + scalarText(value, col, isScalar(node) ? node.type : undefined);
  if (Array.isArray(value) && value.every(isScalarValue) && (value.length === 0 || (isSeq(node) && node.flow))) {
    return " [" + value.map((v) => scalarText(v, col, undefined)).join(", ") + "]";
  }
  if (isObject(value) && Object.keys(value).length === 0) return " {}";
  return "\n" + pad(col + 2) + indent(stringify(value, PLAIN).replace(/\n$/, ""), col + 2);
}

/** Text after `- ` for a list item whose dash is at column *col*. */
function itemText(value, col, node) {
  if (isScalarValue(value)) return scalarText(value, col, isScalar(node) ? node.type : undefined);
  return indent(stringify(value, PLAIN).replace(/\n$/, ""), col + 2);
}

function dashBefore(text, pos) {
  const dash = text.lastIndexOf("-", pos - 1);
  if (dash < 0 || text.slice(dash + 1, pos).trim() !== "") throw new Fallback("no dash");
  return dash;
}

function editMap(ctx, node, oldV, newV, order) {
  if (!isMap(node) || node.flow || !node.items.length || !Object.keys(newV).length) throw new Fallback("map");
  const items = node.items;
  let prevEnd = null;
  items.forEach((pair, i) => {
    const key = String(pair.key.value);
    const end = pair.value ? endOf(ctx.text, pair.value) : pair.key.range[1] + 1;
    if (!Object.hasOwn(newV, key)) {
      if (prevEnd !== null) ctx.edits.push([prevEnd, end, ""]);
      else if (items[1]) ctx.edits.push([pair.key.range[0], items[1].key.range[0], ""]);
      else throw new Fallback("last key");
    } else if (!same(oldV[key], newV[key])) {
      editValue(ctx, pair, oldV[key], newV[key], order ? order[key] : null);
    }
    prevEnd = end;
  });
  const added = Object.keys(sortKeys(newV, order)).filter((k) => !Object.hasOwn(oldV, k));
  if (added.length) {
    const col = column(ctx.text, items[0].key.range[0]);
    const sub = (k) => (order ? order[k] : null);
    const text = added.map((k) => `\n${pad(col)}${k}:` + valueText(sortKeys(newV[k], sub(k)), col, null)).join("");
    ctx.edits.push([prevEnd, prevEnd, text]);
  }
}

function editValue(ctx, pair, oldV, newV, order) {
  const node = pair.value;
  if (isMap(node) && !node.flow && isObject(newV) && isObject(oldV) && Object.keys(newV).length) {
    return editMap(ctx, node, oldV, newV, order);
  }
  if (isSeq(node) && !node.flow && Array.isArray(newV) && Array.isArray(oldV) && newV.length && oldV.length) {
    return editSeq(ctx, node, oldV, newV, order);
  }
  const col = column(ctx.text, pair.key.range[0]);
  const end = node ? endOf(ctx.text, node) : pair.key.range[1] + 1;
  ctx.edits.push([pair.key.range[1], end, ":" + valueText(sortKeys(newV, order), col, node)]);
}

function editSeq(ctx, node, oldV, newV, order) {
  const items = node.items;
  const dashCol = column(ctx.text, dashBefore(ctx.text, items[0].range[0]));
  if (oldV.length === newV.length) {
    items.forEach((item, i) => {
      if (same(oldV[i], newV[i])) return;
      if (isMap(item) && !item.flow && isObject(newV[i]) && isObject(oldV[i]) && Object.keys(newV[i]).length) {
        editMap(ctx, item, oldV[i], newV[i], order);
      } else {
        ctx.edits.push([item.range[0], endOf(ctx.text, item), itemText(sortKeys(newV[i], order), dashCol, item)]);
      }
    });
    return;
  }
  let p = 0;
  while (p < oldV.length && p < newV.length && same(oldV[p], newV[p])) p++;
  let s = 0;
  while (s < oldV.length - p && s < newV.length - p && same(oldV[oldV.length - 1 - s], newV[newV.length - 1 - s])) s++;
  const removed = oldV.length - p - s;
  const inserted = newV.length - p - s;
  if ((removed && inserted) || p === 0) throw new Fallback("list reordered or changed at its start");
  const at = endOf(ctx.text, items[p - 1]);
  if (removed) ctx.edits.push([at, endOf(ctx.text, items[p - 1 + removed]), ""]);
  if (inserted) {
    const gap = items.length > 1 && /\n[ \t]*\n/.test(ctx.text.slice(endOf(ctx.text, items[0]), items[1].range[0])) ? "\n\n" : "\n";
    const text = newV.slice(p, p + inserted)
      .map((v) => `${gap}${pad(dashCol)}- ` + itemText(sortKeys(v, order), dashCol, null)).join("");
    ctx.edits.push([at, at, text]);
  }
}

/** The whole file written anew, keeping its leading comment block. */
export function rewrite(text, data, order) {
  const header = (text.match(/^(#[^\n]*\n)*/) || [""])[0];
  return header + stringify(sortKeys(data, order), { ...PLAIN, lineWidth: FOLDED_WIDTH });
}

/** *text* (a catalogue file) updated to hold *data*, changing as little text as possible. */
export function updateYaml(text, data, order) {
  const doc = parseDocument(text || "");
  if (!text || doc.errors.length || !isMap(doc.contents)) return rewrite(text || "", prune(data), order);
  const old = doc.toJS();
  const target = prune(keepLists(data, old));
  if (same(old, target)) return text;
  const ctx = { text, edits: [] };
  try {
    editMap(ctx, doc.contents, old, target, order);
    let out = text;
    ctx.edits.sort((x, y) => y[0] - x[0] || y[1] - x[1]);
    for (const [start, end, replacement] of ctx.edits) out = out.slice(0, start) + replacement + out.slice(end);
    const check = parseDocument(out);
    if (!check.errors.length && same(check.toJS(), target)) return out;
    console.warn("Réécriture complète du fichier : la modification en place ne redonnait pas les mêmes données.");
  } catch (error) {
    if (!(error instanceof Fallback)) console.warn(error);
  }
  return rewrite(text, target, order);
}

/** Parse a catalogue file as the editor needs it (YAML 1.2 core schema: dates stay strings). */
export function parseYaml(text) {
  const doc = parseDocument(text || "");
  if (doc.errors.length) throw new Error(`Fichier YAML illisible :\n${doc.errors.map((e) => e.message).join("\n")}`);
  return doc.toJS() || {};
}
