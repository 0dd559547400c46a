// A hostile web page in the same browser as `flowplay serve` (issue 14): served by node from a
// second loopback origin (the pages are in tests/e2e/attacks/), it tries an auto-submitted
// text/plain form post to /api/relay, no-cors fetches, reading relay answers with fetch, a
// DNS-rebinding request (evil.example mapped to 127.0.0.1 by Chromium's --host-resolver-rules)
// and keeping a handle on the playground's window. Every attempt must fail: the fake upstream
// (loopback, allowed with --allow-host) is never called and the playground origin's
// sessionStorage is never read. Loopback only; every wait is bounded.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { launch, startProgram, dist } from "./harness.mjs";

const ATTACKS = new URL("./attacks/", import.meta.url);
const HOSTILE_PAGES = ["form-post.html", "no-cors.html", "read-answer.html", "open-window.html"];
const SECRET = "remembered-secret-5b1e";
const MARKER = "UPSTREAM-MARKER";

let upstream; // { url, hits: paths called }
let hostile; // { url, leaks: query strings received at /leak }
let relay;
let browser;

async function listen(handler) {
  const server = createServer(handler);
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { server, port: server.address().port };
}

before(async () => {
  hostile = { leaks: [] };
  const h = await listen(async (req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    if (path === "/leak") {
      hostile.leaks.push(req.url);
      return res.writeHead(204).end();
    }
    const name = path.slice(1);
    if (!HOSTILE_PAGES.includes(name)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/html" }).end(await readFile(new URL(name, ATTACKS)));
  });
  hostile.server = h.server;
  hostile.url = `http://127.0.0.1:${h.port}`;

  // The fake upstream answers every call with an HTML page that exfiltrates sessionStorage, and
  // allows any origin to read it (as a careless or hostile upstream could).
  const answer = (await readFile(new URL("upstream-answer.html", ATTACKS), "utf8")).replaceAll("@LEAK@", hostile.url);
  upstream = { hits: [] };
  const u = await listen((req, res) => {
    upstream.hits.push(new URL(req.url, "http://x").pathname);
    req.resume();
    res.writeHead(200, { "content-type": "text/html", "access-control-allow-origin": "*" }).end(answer);
  });
  upstream.server = u.server;
  upstream.url = `http://localhost:${u.port}`;

  relay = await startProgram("flowplay", ["serve", "--port", "0", "--static-dir", dist, "--allow-host", `localhost:${u.port}`, "--allow-http-upstream"]);
  browser = await launch(["--host-resolver-rules=MAP evil.example 127.0.0.1"]);
});

after(async () => {
  await browser?.close();
  await relay?.stop();
  for (const s of [upstream?.server, hostile?.server]) await new Promise((ok) => (s ? s.close(ok) : ok()));
});

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const hostilePage = (name) => `${hostile.url}/${name}?relay=${encodeURIComponent(relay.url)}&upstream=${encodeURIComponent(upstream.url)}`;

/** A tab that has the playground open with a remembered secret in its sessionStorage. */
async function playgroundTab(context) {
  const page = await context.newPage();
  await page.goto(`${relay.url}/`);
  await page.evaluate((s) => sessionStorage.setItem("flowplay-attack-test", s), SECRET);
  return page;
}

function assertNothingLeaked() {
  assert.deepEqual(hostile.leaks.filter((l) => l.includes(SECRET)), [], "the secret reached the hostile server");
  assert.deepEqual(hostile.leaks, [], "the upstream's script ran somewhere");
}

test("a text/plain form post from a hostile page neither reaches the upstream nor renders on the playground's origin", async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  // Same tab as the playground: a page rendered there on the playground's origin would share
  // its sessionStorage.
  const page = await playgroundTab(context);
  let downloaded = false;
  page.on("download", () => (downloaded = true));
  await page.goto(hostilePage("form-post.html"));
  const deadline = Date.now() + 5000;
  while (!downloaded && !page.url().includes("/api/relay") && Date.now() < deadline) await sleep(100);
  await page.waitForLoadState("load").catch(() => {});
  await sleep(500); // time for a leak, if a script ran
  if (page.url().startsWith(relay.url)) {
    // The relay's answer is shown: it must not be an HTML page, and no script of it may read storage.
    const view = await page.evaluate((key) => {
      let storage;
      try {
        storage = sessionStorage.getItem(key);
      } catch (e) {
        storage = `blocked (${e.name})`;
      }
      return { type: document.contentType, origin: self.origin, storage, text: document.body?.innerText ?? "" };
    }, "flowplay-attack-test");
    console.log("form post answer as shown:", JSON.stringify(view).slice(0, 300));
    assert.notEqual(view.type, "text/html");
    assert.notEqual(view.storage, SECRET);
    assert.ok(!view.text.includes(MARKER), "the upstream's answer was relayed");
  } else {
    console.log(`form post answer: ${downloaded ? "a download" : `not shown (the tab is at ${page.url()})`}`);
  }
  assert.ok(!upstream.hits.includes("/form"), "the form post reached the upstream");
  assertNothingLeaked();
  await context.close();
});

test("no-cors fetches from a hostile page do not reach the upstream", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(hostilePage("no-cors.html"));
  await page.evaluate(() => window.attack);
  await sleep(300);
  assert.ok(!upstream.hits.includes("/no-cors"), "a no-cors fetch reached the upstream");
  await context.close();
});

test("a hostile page cannot read a relay answer with fetch, simple or preflighted", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(hostilePage("read-answer.html"));
  const results = await page.evaluate(() => window.attack);
  console.log("read attempts:", JSON.stringify(results).slice(0, 300));
  for (const r of results) assert.equal(r.read, false, `a relay answer was readable: ${JSON.stringify(r).slice(0, 200)}`);
  assert.ok(!upstream.hits.some((p) => p.startsWith("/read")), `the upstream was called: ${upstream.hits}`);
  await context.close();
});

test("a DNS-rebinding page (evil.example → 127.0.0.1) is refused by the relay", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const port = new URL(relay.url).port;
  // After the rebinding, evil.example:PORT is the relay (--host-resolver-rules): a page of that
  // origin makes same-origin requests that reach the relay with `Host: evil.example:PORT`, and
  // could read the answers. The attacker's script is run in such a page (tests/e2e/attacks/rebind.js).
  await page.goto(`http://evil.example:${port}/index.html`);
  const attack = await readFile(new URL("rebind.js", ATTACKS), "utf8");
  const answer = await page.evaluate(`(${attack})(${JSON.stringify(upstream.url)})`);
  console.log("rebinding attempt:", JSON.stringify(answer).slice(0, 300));
  // The request reached the relay (so this is the relay's refusal, not the browser's) and was refused.
  assert.ok(answer.read && answer.status >= 400 && answer.status < 500, `not refused by the relay: ${JSON.stringify(answer).slice(0, 200)}`);
  assert.ok(!answer.text.includes(MARKER));
  assert.ok(!upstream.hits.includes("/rebind"), "the rebinding request reached the upstream");
  // The rebound origin is not the playground's: its storage has nothing of the playground.
  assert.ok(!(await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }))).includes(SECRET));
  await context.close();
});

test("a hostile page that opens the playground keeps no handle on it (Cross-Origin-Opener-Policy)", async () => {
  const context = await browser.newContext();
  const page = await playgroundTab(context);
  await page.goto(hostilePage("open-window.html"));
  const [opened] = await Promise.all([context.waitForEvent("page"), page.click("#open")]);
  await opened.waitForLoadState("load");
  assert.equal(await page.evaluate(() => window.opened.closed), true, "the opener still holds the playground's window");
  // And whatever it tries through the handle, nothing of the playground's storage comes back.
  const peek = await page.evaluate(() => {
    try {
      return String(window.opened.sessionStorage?.length);
    } catch (e) {
      return `blocked (${e.name})`;
    }
  });
  assert.match(peek, /blocked|undefined/);
  assertNothingLeaked();
  await context.close();
});
