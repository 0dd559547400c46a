// The playground's first load from `flowplay serve`, in bytes on the wire as Chromium counts them
// (DevTools' "transferred": response headers + encoded bodies, from the Network domain's
// encodedDataLength), against the budget of issue 14: ≤ 450 KB. Prints the figure and each file.
// A second visit transfers only the revalidated index.html (hashed files are immutable).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, startProgram, dist } from "./harness.mjs";

const BUDGET = 450 * 1000;
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

test("the playground's first load is within 450 KB on the wire, and a second visit is nearly free", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const first = await load(page, cdp);
  report("playground first load", first);
  assert.ok(total(first) <= BUDGET, `first load ${total(first)} bytes > budget ${BUDGET}`);
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
