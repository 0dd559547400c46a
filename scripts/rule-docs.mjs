// Writes the rule documentation the playground fetches on first need (web/src/rule_docs.rs):
// `[{"code", "docs"}]` from the API package's rules(), i.e. from the rules' doc comments.
// Usage: node scripts/rule-docs.mjs dist/pkg dist/rules.json
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pkgDir, out] = process.argv.slice(2);
if (!pkgDir || !out) {
  console.error("usage: node scripts/rule-docs.mjs <dist/pkg> <out.json>");
  process.exit(2);
}
const pkg = await import(pathToFileURL(resolve(pkgDir, "flowplay_wasm.js")).href);
pkg.initSync({ module: readFileSync(resolve(pkgDir, "flowplay_wasm_bg.wasm")) });
const rules = pkg.rules().map(({ code, docs }) => ({ code, docs }));
if (!rules.length || rules.some((r) => !r.docs)) {
  console.error("rule-docs: the package was built without rule documentation");
  process.exit(1);
}
writeFileSync(out, JSON.stringify(rules));
console.log(`${out}: ${rules.length} rules`);
