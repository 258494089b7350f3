/* « Page introuvable » (overrides/404.html): « Vouliez-vous dire ? » links to the published
 * addresses nearest to the wrong one, and its words in the search box.
 *
 * The addresses come from assets/adresses.json (hooks/reader.py): every page with its
 * title, and the old addresses of data/redirects.yaml with where they lead now. The host
 * serves this page at any wrong address, at any depth, under a sub-path too: the site's
 * root is data-racine (from site_url), never guessed from the address.
 *
 * Nearness: each word of the wrong address (accents, case and « -_./ » folded) is matched
 * with the candidate's words (its address and its title) exactly, by prefix, or within a
 * small edit distance (typos); the whole addresses are also compared by edit distance.
 * Only the end of the wrong address is compared (its last 1 to 4 folders, the best).
 */
(() => {
  "use strict";

  const box = document.querySelector("[data-introuvable]");
  if (!box) return;
  const root = box.dataset.racine || "/";
  const STOP = new Set(["a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les",
    "un", "une", "html", "htm", "index", "php", "www"]);
  const MAX = 3;

  function words(text, keepStop = false) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .split(/[^a-z0-9]+/).filter((w) => w && (keepStop || !STOP.has(w)));
  }

  function distance(a, b) {
    if (a === b) return 0;
    if (!a.length || !b.length) return Math.max(a.length, b.length);
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i += 1) {
      const row = [i];
      for (let j = 1; j <= b.length; j += 1) {
        row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      previous = row;
    }
    return previous[b.length];
  }

  function wordMatch(w, candidates) {
    let best = 0;
    for (const c of candidates) {
      let s = 0;
      if (w === c) s = 1;
      else if (Math.min(w.length, c.length) >= 4 && (c.startsWith(w) || w.startsWith(c))) s = 0.85;
      else if (Math.min(w.length, c.length) >= 4) {
        const near = 1 - distance(w, c) / Math.max(w.length, c.length);
        if (near >= 0.7) s = near * 0.9;
      }
      if (s > best) best = s;
      if (best === 1) break;
    }
    return best;
  }

  function score(asked, askedPath, candidate) {
    if (!asked.length) return 0;
    let found = 0;
    for (const w of asked) found += wordMatch(w, candidate.words);
    const covered = found / asked.length;
    let used = 0;
    for (const w of candidate.pathWords) used += wordMatch(w, asked);
    const precise = candidate.pathWords.length ? used / candidate.pathWords.length : 0;
    const flat = candidate.flat;
    const whole = 1 - distance(askedPath, flat) / Math.max(askedPath.length, flat.length, 1);
    return 0.55 * covered + 0.2 * precise + 0.25 * whole;
  }

  function candidates(data) {
    const titles = new Map((data.pages || []).map(([url, title]) => [url, title]));
    const list = (data.pages || []).map(([url, title]) => ({ path: url, target: url, title }));
    for (const [from, to] of data.redirections || []) list.push({ path: from, target: to, title: titles.get(to) || to });
    for (const c of list) {
      c.pathWords = words(c.path);
      c.flat = words(c.path, true).join("-");
      c.words = [...new Set([...c.pathWords, ...words(c.title || "")])];
    }
    return list;
  }

  function show(found) {
    const list = box.querySelector("[data-suggestions]");
    list.replaceChildren();
    for (const c of found) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = root + c.target;
      a.textContent = c.title || root + c.target;
      const where = document.createElement("span");
      where.className = "introuvable__adresse";
      where.textContent = ` ${root}${c.target}`;
      li.append(a, where);
      list.append(li);
    }
    box.hidden = found.length === 0;
    box.dataset.calcule = String(found.length); // done (tests wait for it; hidden when nothing is near)
  }

  let path = location.pathname;
  try { path = decodeURIComponent(path); } catch { /* keep it as it is */ }
  if (path.startsWith(root)) path = path.slice(root.length);
  // An old link often carries folders of its own site before the words that matter
  // (« ecole/intranet/ressources/glosaire.html »): the wrong address is compared by its
  // last 1, 2, 3… folders, and the best of them counts.
  const segments = path.split("/").filter((part) => words(part).length);
  const tails = [];
  for (let k = 1; k <= Math.min(segments.length, 4); k += 1) {
    const tail = segments.slice(-k).join("/");
    tails.push({ asked: words(tail), flat: words(tail, true).join("-") });
  }
  const input = document.getElementById("introuvable-q");
  if (input && !input.value && tails.length) input.value = tails[0].asked.join(" ");
  if (!tails.length) return;

  fetch(box.dataset.adresses)
    .then((response) => (response.ok ? response.json() : { pages: [] }))
    .then((data) => {
      const ranked = candidates(data)
        .map((c) => ({ ...c, score: Math.max(...tails.map((t) => score(t.asked, t.flat, c))) }))
        .filter((c) => c.score >= 0.45)
        .sort((a, b) => b.score - a.score || a.target.length - b.target.length);
      const seen = new Set();
      const found = [];
      for (const c of ranked) {
        if (seen.has(c.target)) continue;
        seen.add(c.target);
        found.push(c);
        if (found.length === MAX) break;
      }
      show(found);
    })
    .catch(() => show([]));
})();
