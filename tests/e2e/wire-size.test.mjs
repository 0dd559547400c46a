// The playground's first load from `flowplay serve`, in bytes on the wire as Chromium counts them
// (DevTools' "transferred": response headers + encoded bodies, from the Network domain's
// encodedDataLength), against the budget of issue 14: ≤ 450 KB (450,000 bytes), as the issue
// measured it (1.44 MB before): the page (index.html and the files it loads: wasm, scripts, CSS)
// and the OpenAPI catalog it fetches next (the index, then the products the default example
// uses), until the first diagnostics and an idle network. A second visit transfers only the
// revalidated index.html and catalog (hashed files are immutable). The page runs under its CSP
// with no violation.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, startProgram, dist } from "./harness.mjs";

// The page was at 477,260 bytes when the lint, fix and run features had grown the wasm. Out of
// the first load since, each loaded when first needed: the rule documentation (rules.json, on
// the first hover of a diagnostic), the editor's search and completion (editor-extras, on the
// editor's first focus), and the engine (the run worker, on the way to Run or Step). The
// catalog's index no longer carries the endpoints (they are in each product's file).
const BUDGET = 450 * 1000;
// Loaded later, never by the first load.
const LAZY = [/\/rules\.json$/, /\/editor-extras\.[0-9a-f]{16}\.js$/, /\/run-worker\.[0-9a-f]{16}\.js$/, /\/flowplay_run_worker_bg\.[0-9a-f]{16}\.wasm$/];
let relay;
let browser;

before(async () => {
  relay = await startProgram("flowplay", ["serve", "--port", "0", "--static-dir", dist]);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await relay?.stop();
});

/** Loads the playground until its first diagnostics and the network is idle; returns the
 * transferred bytes per URL path. */
async function load(page, cdp) {
  const urls = new Map();
  const bytes = new Map();
  cdp.on("Network.requestWillBeSent", (e) => urls.set(e.requestId, new URL(e.request.url).pathname));
  cdp.on("Network.loadingFinished", (e) => bytes.set(urls.get(e.requestId), (bytes.get(urls.get(e.requestId)) ?? 0) + e.encodedDataLength));
  await page.goto(`${relay.url}/`);
  await page.waitForSelector(".cm-content");
  await page.waitForSelector(".diagnostics");
  await page.waitForLoadState("networkidle");
  return bytes;
}

const total = (bytes) => [...bytes.values()].reduce((a, b) => a + b, 0);
const report = (label, bytes) =>
  console.log(`${label}: ${total(bytes)} bytes on the wire\n${[...bytes].map(([p, n]) => `  ${String(n).padStart(8)}  ${p}`).join("\n")}`);

test("the playground's first load, catalog included, stays within 450 KB on the wire, and a second visit is nearly free", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const violations = [];
  page.on("console", (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
  const first = await load(page, cdp);
  report("playground first load", first);
  const pageFiles = new Map([...first].filter(([p]) => !p.startsWith("/catalog/")));
  console.log(`page files: ${total(pageFiles)} bytes; with the catalog: ${total(first)} bytes (budget ${BUDGET}, ${BUDGET - total(first)} to spare)`);
  const early = [...first.keys()].filter((p) => LAZY.some((re) => re.test(p)));
  assert.deepEqual(early, [], "files meant to load later came with the first load");
  assert.ok(total(first) <= BUDGET, `the first load took ${total(first)} bytes > ${BUDGET}`);
  assert.deepEqual(violations, []);
  // The big files came compressed (brotli, as Chromium asks for it on localhost).
  const wasm = await page.evaluate(() => performance.getEntriesByType("resource").find((e) => e.name.endsWith(".wasm")));
  assert.ok(wasm && wasm.encodedBodySize < wasm.decodedBodySize / 2, JSON.stringify(wasm));

  // A second visit in the same browser: the hashed files come from the cache unasked.
  const again = await context.newPage();
  const cdp2 = await context.newCDPSession(again);
  await cdp2.send("Network.enable");
  const second = await load(again, cdp2);
  report("playground second visit", second);
  assert.ok(total(second) < 10 * 1000, `second visit transferred ${total(second)} bytes`);
  await context.close();
});
