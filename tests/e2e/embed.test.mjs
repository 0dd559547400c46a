// The embeddable validator in headless Chromium: every workflow snippet of a page is checked,
// findings carry exact line:column (Chinese state names included), non-workflows are left alone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { useSite } from "./harness.mjs";

const site = useSite(before, after);

test("embed component lints every workflow snippet on a page", async () => {
  const page = await site.browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const started = Date.now();
  await page.goto(`${site.server.url}/embed/index.html`);
  await page.waitForFunction(() => document.querySelectorAll("cloudflow-lint[data-errors]").length === 3, null, { timeout: 10000 });
  const firstDiagnostics = Date.now() - started;
  const results = await page.$$eval("cloudflow-lint", (els) =>
    els.map((el) => ({
      errors: Number(el.dataset.errors),
      findings: [...el.shadowRoot.querySelectorAll(".finding")].map((li) => li.textContent),
    })),
  );
  assert.equal(results.length, 3, "the non-workflow block is not wrapped");
  assert.equal(results[0].errors, 0, results[0].findings.join("\n"));
  assert.match(results[0].findings[0], /no problems found/);
  assert.equal(results[1].errors, 2);
  assert.ok(results[1].findings.some((f) => f.startsWith("FDL-S011 4:10 ")), results[1].findings.join("\n"));
  assert.ok(results[1].findings.some((f) => f.startsWith("FDL-S013 8:11 ")), results[1].findings.join("\n"));
  // Block scalars and flow collections are read by the embed's own YAML scanner (no granit).
  assert.equal(results[2].errors, 0, results[2].findings.join("\n"));
  assert.match(results[2].findings[0], /no problems found/);
  assert.deepEqual(errors, []);
  console.log(`page load to first diagnostics: ${firstDiagnostics} ms (budget 800 ms)`);
});

test("embed component takes options as JSON text in its attribute", async () => {
  const page = await site.browser.newPage();
  await page.goto(`${site.server.url}/embed/index.html`);
  await page.waitForFunction(() => document.querySelectorAll("cloudflow-lint[data-errors]").length === 3, null, { timeout: 10000 });
  const errors = await page.evaluate(async () => {
    const el = document.createElement("cloudflow-lint");
    el.setAttribute("options", '{"rules": {"FDL-S011": "off"}}');
    el.textContent = document.querySelector("#broken").textContent;
    document.body.append(el);
    while (!el.dataset.errors) await new Promise((ok) => setTimeout(ok, 20));
    return Number(el.dataset.errors);
  });
  assert.equal(errors, 1, "FDL-S011 is off, FDL-S013 remains");
});

test("embed component shows a trap in the wasm core as an internal error", async () => {
  const page = await site.browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // A stand-in for the core whose lint traps, as a panic does (immediate-abort).
  await page.route("**/embed/flowplay_wasm.js", (route) =>
    route.fulfill({
      contentType: "text/javascript",
      body: 'export default async function init() {}\nexport function lint() { throw new WebAssembly.RuntimeError("unreachable"); }\n',
    }),
  );
  await page.goto(`${site.server.url}/embed/index.html`);
  await page.waitForFunction(() => document.querySelectorAll("cloudflow-lint").length === 3, null, { timeout: 10000 });
  await page.waitForFunction(() => [...document.querySelectorAll("cloudflow-lint")].every((el) => el.shadowRoot?.querySelector(".finding")), null, { timeout: 10000 });
  const findings = await page.$$eval("cloudflow-lint", (els) => els.map((el) => el.shadowRoot.querySelector(".finding").textContent));
  for (const f of findings) assert.match(f, /^flowplay internal error in the linter \(unreachable\); please report it$/);
  assert.deepEqual(errors, []);
});
