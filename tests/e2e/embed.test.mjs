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
  await page.waitForFunction(() => document.querySelectorAll("cloudflow-lint[data-errors]").length === 2, null, { timeout: 10000 });
  const firstDiagnostics = Date.now() - started;
  const results = await page.$$eval("cloudflow-lint", (els) =>
    els.map((el) => ({
      errors: Number(el.dataset.errors),
      findings: [...el.shadowRoot.querySelectorAll(".finding")].map((li) => li.textContent),
    })),
  );
  assert.equal(results.length, 2, "the non-workflow block is not wrapped");
  assert.equal(results[0].errors, 0, results[0].findings.join("\n"));
  assert.match(results[0].findings[0], /no problems found/);
  assert.equal(results[1].errors, 2);
  assert.ok(results[1].findings.some((f) => f.startsWith("FDL-S011 4:10 ")), results[1].findings.join("\n"));
  assert.ok(results[1].findings.some((f) => f.startsWith("FDL-S013 8:11 ")), results[1].findings.join("\n"));
  assert.deepEqual(errors, []);
  console.log(`page load to first diagnostics: ${firstDiagnostics} ms (budget 800 ms)`);
});
