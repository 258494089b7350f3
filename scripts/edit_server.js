#!/usr/bin/env node
// The local web editor's server (`make edit`): decap-server's file-system API behind a guard.
//
// decap-server (npm) writes whatever path a request names inside the repository, for any
// Host: a page of another site that a DNS record points at 127.0.0.1 (DNS rebinding) could
// rewrite .git/hooks, hooks/*.py or the Makefile. This server mounts decap-server's own
// middleware (decap-server/dist/middlewares, registerLocalFs) after a guard that lets through:
//   - requests to this very address (Host 127.0.0.1:PORT or localhost:PORT), from the site's
//     own pages (Origin in SITE_ORIGINS, or none: a local tool such as curl);
//   - JSON requests of the actions the editor needs, on its files only:
//     reading and writing the existing catalogues data/<name>.yaml; listing, reading, adding and
//     deleting images (PNG, JPEG, GIF, WebP, AVIF, checked by their first bytes: never SVG or
//     HTML) in the media folder MEDIA_FOLDER (admin/config.yml's media_folder).
// Anything else gets 403 with a French message. It listens on 127.0.0.1 only.
//
// Environment: PORT (8081, local_backend of admin/config.yml), GIT_REPO_DIRECTORY (the
// repository, default: the current folder), SITE_ORIGINS (comma-separated, default
// http://127.0.0.1:8000,http://localhost:8000), MEDIA_FOLDER (default docs/assets/medias).
"use strict";

const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(process.env.GIT_REPO_DIRECTORY || process.cwd());
process.env.GIT_REPO_DIRECTORY = ROOT; // what decap-server's middleware reads
const PORT = Number.parseInt(process.env.PORT || "8081", 10);
const ORIGINS = new Set((process.env.SITE_ORIGINS || "http://127.0.0.1:8000,http://localhost:8000")
  .split(",").map((o) => o.trim()).filter(Boolean));
const HOSTS = new Set([`127.0.0.1:${PORT}`, `localhost:${PORT}`]);
const DATA = /^data\/[a-z_]+\.yaml$/;
const MEDIA = (process.env.MEDIA_FOLDER || "docs/assets/medias").replace(/\/+$/, "");
const IMAGE = /\.(png|jpe?g|gif|webp|avif)$/i;
const MAX_IMAGE = 10 * 1024 * 1024;

const decapDir = path.dirname(require.resolve("decap-server/package.json", { paths: [ROOT, __dirname] }));
const express = require(require.resolve("express", { paths: [decapDir] }));
const { registerLocalFs } = require(path.join(decapDir, "dist", "middlewares.js"));

class Refused extends Error {}

/** *p* if it is a clean relative path (no « .. », no « \ », no absolute path), else Refused. */
function clean(p) {
  if (typeof p !== "string" || !p || p.includes("\\") || p.includes("\0") || path.posix.isAbsolute(p)
      || path.posix.normalize(p) !== p || p.split("/").includes("..")) {
    throw new Refused(`chemin refusé : ${JSON.stringify(String(p)).slice(0, 80)}`);
  }
  return p;
}

/** *p* if it names an existing catalogue file data/<name>.yaml inside the repository. */
function catalogue(p) {
  clean(p);
  if (!DATA.test(p)) throw new Refused(`l'éditeur n'écrit que dans data/*.yaml (demandé : ${p})`);
  const full = path.join(ROOT, p);
  let real;
  try {
    real = fs.realpathSync(full);
  } catch {
    throw new Refused(`${p} n'est pas un catalogue existant`);
  }
  if (path.dirname(real) !== fs.realpathSync(path.join(ROOT, "data"))) throw new Refused(`${p} sort de data/`);
  return p;
}

/** *p* if it names an image directly inside the media folder. */
function media(p) {
  clean(p);
  const name = p.slice(MEDIA.length + 1);
  if (!p.startsWith(MEDIA + "/") || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || !IMAGE.test(name)) {
    throw new Refused(`les images vont dans ${MEDIA}/ (PNG, JPEG, GIF, WebP, AVIF ; demandé : ${p})`);
  }
  return p;
}

/** The type of image *bytes* hold, from their first bytes (never SVG or HTML). */
function sniff(bytes) {
  const ascii = (a, b) => bytes.subarray(a, b).toString("latin1");
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "png";
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpg";
  if (["GIF87a", "GIF89a"].includes(ascii(0, 6))) return "gif";
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "webp";
  if (ascii(4, 8) === "ftyp" && ["avif", "avis"].includes(ascii(8, 12))) return "avif";
  return null;
}

function image(asset) {
  media(asset && asset.path);
  if (asset.encoding !== "base64" || typeof asset.content !== "string") throw new Refused("image attendue en base64");
  const bytes = Buffer.from(asset.content, "base64");
  const kind = sniff(bytes);
  const ext = asset.path.split(".").pop().toLowerCase().replace("jpeg", "jpg");
  if (bytes.length > MAX_IMAGE) throw new Refused("image trop lourde (10 Mo au plus)");
  if (kind === null || kind !== ext) throw new Refused(`${asset.path} n'est pas une image ${ext.toUpperCase()} (SVG et HTML refusés)`);
}

/** Throws Refused unless the API call *body* only touches the editor's files. */
function allowed(body) {
  const params = (body && body.params) || {};
  switch (body && body.action) {
    case "info":
    case "getDeployPreview":
      return;
    case "entriesByFolder":
      if (params.folder !== "data") throw new Refused("seul le dossier data/ se lit");
      return;
    case "entriesByFiles":
      if (!Array.isArray(params.files)) throw new Refused("liste de fichiers attendue");
      params.files.forEach((f) => catalogue(f && f.path));
      return;
    case "getEntry":
      catalogue(params.path);
      return;
    case "persistEntry": {
      const files = params.dataFiles || [params.entry];
      if (!Array.isArray(files) || !files.length) throw new Refused("fichier à enregistrer attendu");
      for (const f of files) {
        catalogue(f && f.path);
        if (f.newPath !== undefined) throw new Refused("un catalogue ne se renomme pas");
        if (typeof f.raw !== "string") throw new Refused("contenu texte attendu");
      }
      (params.assets || []).forEach(image);
      return;
    }
    case "getMedia":
      if (params.mediaFolder !== MEDIA) throw new Refused(`seul le dossier ${MEDIA}/ se lit`);
      return;
    case "getMediaFile":
    case "deleteFile":
      media(params.path);
      return;
    case "deleteFiles":
      if (!Array.isArray(params.paths)) throw new Refused("liste de fichiers attendue");
      params.paths.forEach(media);
      return;
    case "persistMedia":
      image(params.asset);
      return;
    default:
      throw new Refused(`action non permise : ${JSON.stringify(String(body && body.action)).slice(0, 40)}`);
  }
}

function refuse(res, status, message) {
  res.status(status).json({ error: `Refusé par le serveur de l'éditeur (make edit) : ${message}` });
}

async function main() {
  const app = express();
  app.disable("x-powered-by");
  app.use((req, res, next) => {
    const origin = req.headers.origin;
    if (!HOSTS.has(String(req.headers.host || "").toLowerCase())) {
      return refuse(res, 403, `hôte « ${String(req.headers.host).slice(0, 80)} » inconnu (seul http://127.0.0.1:${PORT} est servi)`);
    }
    if (origin !== undefined && !ORIGINS.has(origin)) {
      return refuse(res, 403, `origine « ${String(origin).slice(0, 80)} » refusée (attendue : ${[...ORIGINS].join(", ")})`);
    }
    if (req.method === "OPTIONS" && req.path === "/api/v1") return next(); // CORS preflight of the site's pages
    if (req.method !== "POST" || req.path !== "/api/v1") return refuse(res, 404, "seule l'adresse /api/v1 répond");
    if (!req.is("application/json")) return refuse(res, 415, "requête JSON attendue");
    return next();
  });
  app.use(express.json({ limit: "20mb" }));
  app.use((req, res, next) => {
    if (req.method !== "POST") return next();
    try {
      allowed(req.body);
    } catch (error) {
      if (error instanceof Refused) return refuse(res, 403, error.message);
      throw error;
    }
    return next();
  });
  await registerLocalFs(app, { logLevel: process.env.LOG_LEVEL || "warn" });
  app.listen(PORT, "127.0.0.1", () => {
    console.log(`Serveur de l'éditeur : http://127.0.0.1:${PORT}/api/v1 (écrit seulement data/*.yaml et les images de ${MEDIA}/)`);
  });
}

main().catch((error) => {
  console.error(`Le serveur de l'éditeur n'a pas démarré : ${error.message}`);
  process.exit(1);
});
