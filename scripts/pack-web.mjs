// Makes dist/ fast and cacheable; run by scripts/build-web.sh once the files are in place.
// 1. The playground's first-load files get content-hashed names (name.<16 hex>.ext), so that
//    they can be cached as immutable; the references to them are rewritten (leaves first, so a
//    file's hash covers the hashed names it refers to). index.html keeps its name and is
//    revalidated on every load (crates/relay/src/assets.rs).
// 2. Every text or wasm file gets a brotli (.br) and a gzip (.gz) copy, made once here at the
//    highest levels; `flowplay serve` (or any static host that can) picks one by Accept-Encoding.
// Node's own zlib does both compressions: no extra tool. dist/pkg (the npm package) is left as is.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, renameSync, readdirSync, statSync, rmSync } from "node:fs";
import { basename, dirname, extname, join, relative } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const dist = process.argv[2] || "dist";

// [file, files that refer to it by name, loaded later than the first load], in an order where
// every file comes after those it refers to.
const FINGERPRINTED = [
  ["app/flowplay_web_bg.wasm", ["app/main.js", "index.html"]],
  ["app/flowplay_run_worker_bg.wasm", ["app/run-worker.js"], "lazy"],
  ["app/run-worker.js", ["app/main.js"], "lazy"],
  ["app/main.js", ["index.html"]],
  ["editor-extras.js", ["editor.bundle.js"], "lazy"],
  ["editor.bundle.js", ["index.html"]],
  ["playground.css", ["index.html"]],
];

const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".json", ".yaml", ".svg", ".txt", ".ts", ".md"]);

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const renamed = new Map();
const current = (file) => renamed.get(file) ?? file;

for (const [file, referrers] of FINGERPRINTED) {
  const path = join(dist, file);
  const hash = createHash("sha256").update(readFileSync(path)).digest("hex").slice(0, 16);
  const ext = extname(file);
  const hashed = `${file.slice(0, -ext.length)}.${hash}${ext}`;
  renameSync(path, join(dist, hashed));
  renamed.set(file, hashed);
  const name = basename(file);
  for (const referrer of referrers) {
    const at = join(dist, current(referrer));
    const text = readFileSync(at, "utf8");
    // The name as a whole path segment inside quotes: "./app/x.js", 'x.wasm', href=./x.css.
    const pattern = new RegExp(`(["'/=])${escape(name)}(?=["'\\s>?#])`, "g");
    const count = text.match(pattern)?.length ?? 0;
    if (count === 0) throw new Error(`pack-web: ${current(referrer)} no longer names ${name}; update FINGERPRINTED`);
    writeFileSync(at, text.replace(pattern, `$1${basename(hashed)}`));
  }
}

function* files(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (relative(dist, path) !== "pkg") yield* files(path);
    } else if (COMPRESSIBLE.has(extname(entry))) {
      yield path;
    }
  }
}

/** Brotli at the highest quality and window. For large files the block size the encoder picks
 * is not always the best (−2 KB on the playground's wasm with 16 or 20): the smallest of a few. */
function brotli(raw) {
  const blocks = raw.length > 64 * 1024 ? [0, 16, 20] : [0];
  let best;
  for (const lgblock of blocks) {
    const out = brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
        [constants.BROTLI_PARAM_LGBLOCK]: lgblock,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    });
    if (!best || out.length < best.length) best = out;
  }
  return best;
}

const sizes = new Map();
for (const path of files(dist)) {
  const raw = readFileSync(path);
  const br = brotli(raw);
  const gz = gzipSync(raw, { level: 9 });
  // A variant no smaller than the file itself is not worth a byte: the file is served as is.
  if (br.length < raw.length) writeFileSync(`${path}.br`, br);
  else rmSync(`${path}.br`, { force: true });
  if (gz.length < raw.length) writeFileSync(`${path}.gz`, gz);
  else rmSync(`${path}.gz`, { force: true });
  sizes.set(relative(dist, path), { raw: raw.length, gz: gz.length, br: br.length });
}

const firstLoad = ["index.html", ...FINGERPRINTED.filter(([, , lazy]) => !lazy).map(([f]) => current(f)), "catalog/index.json"];
let total = { raw: 0, gz: 0, br: 0 };
console.log("playground first load (the e2e test wire-size.test.mjs checks the bytes on the wire, catalog included, against issue 14's 450 KB budget):");
for (const file of firstLoad) {
  const s = sizes.get(file);
  console.log(`${file.padEnd(48)} ${String(s.raw).padStart(8)} raw ${String(s.gz).padStart(8)} gzip ${String(s.br).padStart(8)} brotli`);
  for (const k of Object.keys(total)) total[k] += s[k];
}
console.log(`${"total".padEnd(48)} ${String(total.raw).padStart(8)} raw ${String(total.gz).padStart(8)} gzip ${String(total.br).padStart(8)} brotli`);
