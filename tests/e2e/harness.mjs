// Shared helpers for the browser tests: a static server on loopback and headless Chromium.
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".json": "application/json", ".yaml": "text/yaml" };

/** Serves `root` on 127.0.0.1 with an ephemeral port. Returns { url, close }. */
export async function serveStatic(root) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    let file = join(root, path);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}

/** Launches Debian's Chromium headless with the flags this machine needs (toolchain.md) and
 * `extraArgs`; Playwright gives every launch a fresh temporary profile. */
export async function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", ...extraArgs],
  });
}

/** Starts a program of this repository (built by scripts/test.sh into target/debug) and waits
 * until it prints `http://…/`. Returns { url, logs(), stop }. Everything it prints is kept,
 * so tests can scan the logs (for secrets, say). */
export async function startProgram(name, args) {
  const { spawn } = await import("node:child_process");
  const bin = new URL(`../../target/debug/${name}`, import.meta.url).pathname;
  const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${output}`)), 15000);
    const onData = (chunk) => {
      output += chunk;
      const m = output.match(/http:\/\/[0-9.]+:\d+\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[0].replace(/\/$/, ""));
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${name} exited with ${code}: ${output}`)));
  });
  return {
    url,
    logs: () => output,
    stop: () => new Promise((ok) => { child.once("exit", ok); child.kill("SIGINT"); }),
  };
}

/** Saves a screenshot under target/e2e-screenshots (kept as CI output). */
export async function screenshot(page, name) {
  const { mkdir } = await import("node:fs/promises");
  const dir = new URL("../../target/e2e-screenshots/", import.meta.url).pathname;
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: `${dir}${name}.png`, fullPage: true });
}

/** The built site (scripts/build-web.sh). */
export const dist = new URL("../../dist/", import.meta.url).pathname;

/** Per test file: a static server of dist/ and a browser, started before and closed after the
 * tests. Returns an object whose `server` and `browser` are set once started. */
export function useSite(before, after) {
  const site = {};
  before(async () => {
    site.server = await serveStatic(dist);
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

/** Opens the playground at `base` (+ `hash`) and waits for the editor and the first lint.
 * Collects page errors and console lines; `loadMs` is load to first diagnostics. */
export async function openPlayground(context, base, hash = "") {
  const page = await context.newPage();
  const errors = [];
  const console = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => console.push(m.text()));
  const started = Date.now();
  await page.goto(`${base}/index.html${hash}`);
  await page.waitForSelector(".cm-content");
  await page.waitForSelector(".diagnostics");
  return { page, errors, console, loadMs: Date.now() - started };
}

/** Replaces the editor's text as typing would (the lint runs on the change). */
export async function setText(page, text) {
  await page.click(".cm-content");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
  // Until the page has linted this text (after its debounce), what it shows is the previous
  // text's: counts, flowchart, real mode's list of writes.
  await page.waitForFunction((n) => document.querySelector(".counts")?.dataset.lintedChars === String(n), text.length);
}

/** The screen point over character `offset` of the first `word` on an editor line containing it. */
export async function pointAt(page, word, offset) {
  return page.evaluate(([word, offset]) => {
    const line = [...document.querySelectorAll(".cm-line")].find((l) => l.textContent.includes(word));
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const i = node.textContent.indexOf(word);
      if (i >= 0) {
        const range = document.createRange();
        range.setStart(node, i + offset);
        range.setEnd(node, i + offset + 1);
        const r = range.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }
    }
    return null;
  }, [word, offset]);
}
