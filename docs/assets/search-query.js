/* A search that forgives: loaded by search.js with Pagefind, on the first search only.
 *
 * The vocabulary is the words of the site's titles, glossary terms and keywords
 * (assets/search-vocabulary.json, written at build time by hooks/search_index.py).
 * - A query word the vocabulary lacks, whose masculine singular it has, is searched as
 *   that form: « monitrice » as « moniteur », « assistantes » as « assistant ».
 * - A word no page contains (Pagefind has no exact match for it) is replaced by the
 *   nearest vocabulary word, one letter away (two for words of seven letters or more):
 *   missing, extra, wrong or swapped letters (« gratfication », « ersamus »).
 * - Pages that hold the query as a phrase (as many matched words one after the other
 *   as the query has words, by the word positions Pagefind gives with each result,
 *   before any fragment is loaded) come first, before pages where its words are scattered.
 * When fewer than three pages are found, `suggestions` gives the query with a word the
 * vocabulary lacks replaced by one of its nearest words (« Essayez : … »). The test of a word (Pagefind's quoted
 * search) loads the index chunk the search itself needs: no extra bytes.
 */

const fold = (word) => word.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
const WORD = /[\p{L}\p{N}]+/gu;
// Feminine and plural endings -> masculine singular, tried in this order.
const ENDINGS = [
  ["atrices", "ateur"], ["atrice", "ateur"], ["trices", "teur"], ["trice", "teur"], ["euses", "eur"],
  ["euse", "eur"], ["ieres", "ier"], ["iere", "ier"], ["ennes", "en"], ["enne", "en"], ["ales", "al"],
  ["aux", "al"], ["ees", "e"], ["ee", "e"], ["es", "e"], ["es", ""], ["e", ""], ["s", ""], ["x", ""],
];

/* Optimal string alignment distance (Levenshtein with swaps of two neighbours), or
   max + 1 as soon as it exceeds max. */
function distance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = null, previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    [before, previous] = [previous, row];
  }
  return previous[b.length];
}

export class Vocabulary {
  constructor(words) {
    this.words = new Map(words.map((w) => [fold(w), w])); // folded -> as written
  }

  /* The vocabulary's masculine singular of *folded*, or null. */
  base(folded) {
    for (const [ending, replacement] of ENDINGS) {
      if (!folded.endsWith(ending) || folded.length - ending.length < 2) continue;
      const stem = folded.slice(0, -ending.length) + replacement;
      if (this.words.has(stem)) return this.words.get(stem);
    }
    return null;
  }

  /* Vocabulary words nearest to *folded*, best first: one letter away (two for words of
     seven letters or more), or up to *max*. */
  nearest(folded, count = 1, max = folded.length >= 7 ? 2 : 1) {
    const found = [];
    for (const [key, word] of this.words) {
      const d = distance(folded, key, max);
      if (d <= max) found.push([d, Math.abs(key.length - folded.length), key[0] === folded[0] ? 0 : 1, word]);
    }
    found.sort((x, y) => x[0] - y[0] || x[2] - y[2] || x[1] - y[1] || x[3].localeCompare(y[3], "fr"));
    return found.slice(0, count).map((f) => f[3]);
  }
}

let vocabularyLoad = null;
export function loadVocabulary(root) {
  if (!vocabularyLoad) {
    vocabularyLoad = fetch(root + "assets/search-vocabulary.json")
      .then((r) => (r.ok ? r.json() : []))
      .catch(() => [])
      .then((words) => new Vocabulary(Array.isArray(words) ? words : []));
  }
  return vocabularyLoad;
}

const quoted = (text) => `"${text.replace(/"/g, " ")}"`;

/* Whether a result holds *length* matched words one after the other. (Pagefind's own
   quoted search misses pages whose title has the words: its title, indexed a second time
   for metaWeights, breaks the sequence it checks.) */
function holdsPhrase(positions, length) {
  const sorted = [...new Set(positions)].sort((a, b) => a - b);
  for (let i = 1, run = 1; i < sorted.length; i++) {
    run = sorted[i] === sorted[i - 1] + 1 ? run + 1 : 1;
    if (run >= length) return true;
  }
  return false;
}

/* Among the first results (those the search box shows first: their fragments are loaded
   anyway), pages that have the query's words as typed, not only words of the same stem
   (« éducateur », not only « éducation »), come first within their group. */
const FETCHED = 8;
const WEAK = 3; // fewer results than this: « Essayez : … » the nearest vocabulary words
async function exactFormsFirst(results, tier, searched) {
  const words = [...searched.matchAll(WORD)].map(([w]) => fold(w)).filter((w) => w.length >= 4);
  if (!words.length) return results;
  const head = results.slice(0, FETCHED);
  const data = await Promise.all(head.map((r) => r.data()));
  const found = new Map(head.map((r, i) => {
    const text = ` ${fold(`${data[i].meta.title || ""} ${data[i].content}`).replace(/[^\p{L}\p{N}]+/gu, " ")} `;
    return [r, words.filter((w) => [w, `${w}s`, `${w}x`].some((form) => text.includes(` ${form} `))).length];
  }));
  head.sort((a, b) => tier.get(a) - tier.get(b) || found.get(b) - found.get(a));
  return [...head, ...results.slice(FETCHED)];
}

/* The query as searched: {query, corrected: [[typed, searched]…]}. */
async function rewrite(pf, vocabulary, query) {
  const corrected = [];
  const exists = new Map();
  for (const [word] of query.matchAll(WORD)) {
    const folded = fold(word);
    if (folded.length < 4 || /\d/.test(folded) || vocabulary.words.has(folded) || exists.has(folded)) continue;
    exists.set(folded, (await pf.search(quoted(word))).results.length > 0);
  }
  const searched = query.replace(WORD, (word) => {
    const folded = fold(word);
    if (folded.length < 4 || /\d/.test(folded) || vocabulary.words.has(folded)) return word;
    const base = vocabulary.base(folded);
    if (base) return base;
    if (exists.get(folded)) return word;
    const [near] = vocabulary.nearest(folded);
    if (!near) return word;
    corrected.push([word, near]);
    return near;
  });
  return { query: searched, corrected };
}

/* Pagefind's search, forgiving: {results, filters, searched, corrected, suggestions}. */
export async function forgivingSearch(pf, vocabulary, text, filters) {
  const query = text.trim();
  if (!query) return { ...(await pf.search(null, { filters })), searched: "", corrected: [], suggestions: [] };
  const { query: searched, corrected } = await rewrite(pf, vocabulary, query);
  const main = await pf.search(searched, { filters });
  let results = main.results;
  const length = searched.split(/\s+/).length; // Pagefind counts « d'intérêt » or « socio-éducatives » as one word
  const tier = new Map(results.map((r) => [r, length > 1 && holdsPhrase(r.words, length) ? 0 : 1]));
  results = [...results].sort((a, b) => tier.get(a) - tier.get(b)); // stable: Pagefind's order within
  results = await exactFormsFirst(results, tier, searched);
  const suggestions = new Set();
  if (results.length < WEAK && !corrected.length) {
    for (const [word] of searched.matchAll(WORD)) {
      const folded = fold(word);
      if (folded.length < 4 || /\d/.test(folded) || vocabulary.words.has(folded)) continue;
      for (const near of vocabulary.nearest(folded, 2, 2)) suggestions.add(searched.replace(word, near));
    }
  }
  return { ...main, results, searched, corrected, suggestions: [...suggestions].slice(0, 3) };
}
