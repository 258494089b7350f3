/* Fill-online model forms: the filled ODT and DOCX, made in the browser.
 *
 * The build publishes each form as ODT and DOCX (macros/documents/site.py); every
 * place an answer goes carries a bookmark named champ_<id>, champ_<id>_o<n> (box of
 * option n), champ_<id>_nom / champ_<id>_date (signature cells), see
 * macros/documents/ (fiche.py, odt.py, docx.py). This script reads that very file (a zip), writes the answers
 * at the bookmarks of its main XML part and zips it again: the filled document looks
 * exactly like the blank one, and nothing ever leaves the browser.
 *
 * A zip needs little code (stored or deflated entries, CRC-32), so no library:
 * DecompressionStream / CompressionStream ("deflate-raw") do the (de)compression.
 *
 * API: window.FicheDocuments.fill(url, kind, places, date) -> Promise<Blob>, where
 * kind is "odt" or "docx" and places maps a bookmark name to {text} or {checked}.
 */
(function () {
  "use strict";

  const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  const TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
  const XML = "http://www.w3.org/XML/1998/namespace";
  const BOX = "\u2610", BOX_CHECKED = "\u2612";
  const KINDS = {
    odt: { part: "content.xml", fill: fillOdt, type: "application/vnd.oasis.opendocument.text" },
    docx: { part: "word/document.xml", fill: fillDocx,
            type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  };
  const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

  /* --- Zip -------------------------------------------------------------- */

  let crcTable = null; // made on the first document, not on every page load

  function crc32(bytes) {
    crcTable = crcTable || new Uint32Array(256).map((_, n) => {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      return c >>> 0;
    });
    let c = 0xffffffff;
    for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  }

  async function through(bytes, stream) {
    const piped = new Blob([bytes]).stream().pipeThrough(stream);
    return new Uint8Array(await new Response(piped).arrayBuffer());
  }

  async function readZip(buffer) {
    const view = new DataView(buffer), bytes = new Uint8Array(buffer);
    let end = bytes.length - 22;
    while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
    if (end < 0) throw new Error("fichier zip illisible");
    const entries = [];
    let at = view.getUint32(end + 16, true);
    for (let i = view.getUint16(end + 10, true); i > 0; i--) {
      if (view.getUint32(at, true) !== 0x02014b50) throw new Error("fichier zip illisible");
      const method = view.getUint16(at + 10, true), packed = view.getUint32(at + 20, true);
      const nameLength = view.getUint16(at + 28, true), local = view.getUint32(at + 42, true);
      const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      let data = bytes.subarray(start, start + packed);
      if (method === 8) data = await through(data, new DecompressionStream("deflate-raw"));
      else if (method !== 0) throw new Error("compression zip inconnue");
      entries.push({ name, data });
      at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
    return entries;
  }

  function header(size, fields) {
    const view = new DataView(new ArrayBuffer(size));
    for (const [offset, bits, value] of fields) {
      if (bits === 16) view.setUint16(offset, value, true);
      else view.setUint32(offset, value, true);
    }
    return new Uint8Array(view.buffer);
  }

  /* The mimetype entry (ODF) stays first and stored; the others are deflated. */
  async function writeZip(entries, date, type) {
    const day = ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate();
    const parts = [], central = [];
    let offset = 0;
    for (const { name: entryName, data } of entries) {
      const name = new TextEncoder().encode(entryName);
      const deflate = entryName !== "mimetype";
      const body = deflate ? await through(data, new CompressionStream("deflate-raw")) : data;
      const flags = /^[\x20-\x7e]*$/.test(entryName) ? 0 : 0x0800; // bit 11: UTF-8 name
      const method = deflate ? 8 : 0, crc = crc32(data);
      parts.push(header(30, [[0, 32, 0x04034b50], [4, 16, 20], [6, 16, flags], [8, 16, method],
        [12, 16, day], [14, 32, crc], [18, 32, body.length], [22, 32, data.length],
        [26, 16, name.length]]), name, body);
      central.push(header(46, [[0, 32, 0x02014b50], [4, 16, 20], [6, 16, 20], [8, 16, flags],
        [10, 16, method], [14, 16, day], [16, 32, crc], [20, 32, body.length],
        [24, 32, data.length], [28, 16, name.length], [42, 32, offset]]), name);
      offset += 30 + name.length + body.length;
    }
    const size = central.reduce((total, part) => total + part.length, 0);
    const end = header(22, [[0, 32, 0x06054b50], [8, 16, entries.length], [10, 16, entries.length],
      [12, 32, size], [16, 32, offset]]);
    return new Blob([...parts, ...central, end], { type });
  }

  /* --- XML ---------------------------------------------------------------- */

  function parse(text) {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    if (doc.getElementsByTagName("parsererror").length) throw new Error("XML illisible");
    return doc;
  }

  function serialize(doc) {
    const text = new XMLSerializer().serializeToString(doc).replace(/^<\?xml[^>]*\?>\s*/, "");
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + text;
  }

  function lines(text) {
    return String(text).replace(NOT_XML, "").replace(/\r\n?/g, "\n").split("\n");
  }

  function nextElement(node) {
    let next = node.nextSibling;
    while (next && next.nodeType !== 1) next = next.nextSibling;
    return next;
  }

  function fillDocx(doc, places) {
    for (const start of Array.from(doc.getElementsByTagNameNS(W, "bookmarkStart"))) {
      const place = places.get(start.getAttributeNS(W, "name"));
      if (!place) continue;
      const para = start.parentNode;
      if ("checked" in place) {
        let run = nextElement(start);
        while (run && run.localName !== "r") run = nextElement(run);
        const box = run && run.getElementsByTagNameNS(W, "t")[0];
        if (box) box.textContent = place.checked ? BOX_CHECKED : BOX;
        continue;
      }
      for (const run of Array.from(para.childNodes)) {
        if (run.namespaceURI === W && run.localName === "r") para.removeChild(run); // the grey placeholder
      }
      const run = doc.createElementNS(W, "w:r");
      lines(place.text).forEach((line, index) => {
        if (index) run.appendChild(doc.createElementNS(W, "w:br"));
        const text = doc.createElementNS(W, "w:t");
        text.setAttributeNS(XML, "xml:space", "preserve");
        text.textContent = line;
        run.appendChild(text);
      });
      para.appendChild(run);
    }
  }

  function appendOdtText(doc, parent, line) {
    for (const part of line.split(/(\t| {2,})/)) {
      if (!part) continue;
      if (part === "\t") {
        parent.appendChild(doc.createElementNS(TEXT, "text:tab"));
      } else if (part[0] === " " && part.length > 1) { // ODF collapses spaces: keep them as text:s
        parent.appendChild(doc.createTextNode(" "));
        const spaces = doc.createElementNS(TEXT, "text:s");
        spaces.setAttributeNS(TEXT, "text:c", String(part.length - 1));
        parent.appendChild(spaces);
      } else {
        parent.appendChild(doc.createTextNode(part));
      }
    }
  }

  function fillOdt(doc, places) {
    for (const mark of Array.from(doc.getElementsByTagNameNS(TEXT, "bookmark"))) {
      const place = places.get(mark.getAttributeNS(TEXT, "name"));
      if (!place) continue;
      if ("checked" in place) {
        const box = nextElement(mark);
        if (box) box.textContent = place.checked ? BOX_CHECKED : BOX;
        continue;
      }
      const para = mark.parentNode;
      while (mark.nextSibling) para.removeChild(mark.nextSibling); // the grey placeholder
      lines(place.text).forEach((line, index) => {
        if (index) para.appendChild(doc.createElementNS(TEXT, "text:line-break"));
        appendOdtText(doc, para, line);
      });
    }
  }

  /* --- API ---------------------------------------------------------------- */

  async function fill(url, kind, places, date) {
    const spec = KINDS[kind];
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) throw new Error("document introuvable (" + response.status + ")");
    const entries = await readZip(await response.arrayBuffer());
    const part = entries.find((entry) => entry.name === spec.part);
    if (!part) throw new Error("document sans " + spec.part);
    const doc = parse(new TextDecoder().decode(part.data));
    spec.fill(doc, places);
    part.data = new TextEncoder().encode(serialize(doc));
    return writeZip(entries, date, spec.type);
  }

  window.FicheDocuments = { fill, supported: typeof DecompressionStream === "function" &&
                                             typeof CompressionStream === "function" };
})();
