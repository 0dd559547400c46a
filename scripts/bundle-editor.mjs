// Bundles the playground's CodeMirror editor in two files (esbuild; terser minifies them in
// scripts/build-web.sh):
//   <out>/editor.bundle.js   a classic script with all the editor needs at first (web/js/editor.js);
//   <out>/editor-extras.js   an ES module with search, completion and bracket closing
//                            (web/js/editor-extras.js), loaded when the editor first gets focus.
// The extras use CodeMirror's core packages, which the first bundle already has: rather than
// ship them twice (or split both into ES-module chunks, ≈4 KB brotli more), the first bundle
// hands the bindings listed in web/js/codemirror-shared.json to the extras through a global.
// Both sides are generated from that one list; a binding the extras need and the list lacks
// fails the extras' build ("No matching export").
// Usage: node scripts/bundle-editor.mjs <out dir>
import { readFileSync } from "node:fs";
import { build } from "esbuild";

const out = process.argv[2];
if (!out) {
  console.error("usage: node scripts/bundle-editor.mjs <out dir>");
  process.exit(2);
}
const shared = Object.fromEntries(
  Object.entries(JSON.parse(readFileSync("web/js/codemirror-shared.json", "utf8"))).filter(([key]) => key !== "//"),
);
const GLOBAL = "__flowplayCodeMirror";

// The first bundle imports "codemirror-shared": a module that puts the listed bindings on the global.
const provide = {
  name: "provide-shared",
  setup(b) {
    b.onResolve({ filter: /^codemirror-shared$/ }, () => ({ path: "codemirror-shared", namespace: "shared" }));
    b.onLoad({ filter: /.*/, namespace: "shared" }, () => {
      const lines = Object.entries(shared).map(([pkg, names], i) => `import { ${names.join(", ")} } from ${JSON.stringify(pkg)};\nconst m${i} = { ${names.join(", ")} };`);
      const table = Object.keys(shared).map((pkg, i) => `${JSON.stringify(pkg)}: m${i}`).join(", ");
      return { contents: `${lines.join("\n")}\nglobalThis.${GLOBAL} = { ${table} };\n`, resolveDir: process.cwd() };
    });
  },
};

// In the extras, each shared package is a module that reads the listed bindings off the global.
const take = {
  name: "take-shared",
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(shared).map((p) => p.replace(/[/@]/g, "\\$&")).join("|")})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: "take" }));
    b.onLoad({ filter: /.*/, namespace: "take" }, (args) => ({
      contents: `export const { ${shared[args.path].join(", ")} } = globalThis.${GLOBAL}[${JSON.stringify(args.path)}];\n`,
    }));
  },
};

const common = { bundle: true, logLevel: "warning" };
// The extras stay out (esbuild would inline a dynamic import) and are loaded from next to the page.
await build({ ...common, format: "iife", entryPoints: ["web/js/editor.js"], outfile: `${out}/editor.bundle.js`, plugins: [provide], external: ["./editor-extras.js"] });
// An ES module: the first bundle loads it with import(), which a classic script may call.
await build({ ...common, format: "esm", entryPoints: ["web/js/editor-extras.js"], outfile: `${out}/editor-extras.js`, plugins: [take] });
