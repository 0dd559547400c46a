// Prints page load → first diagnostics for the playground and the embed demo, over several
// fresh browser contexts (median and each run). Not a test: `node tests/e2e/measure-load.mjs [RUNS]`
// after scripts/build-web.sh. Budget (design.md): < 800 ms on localhost.
//
// Times are taken in the page, from navigation start (performance.now()) to the task that put
// the element on screen: the diagnostics panel, then the editor with its text and squiggles
// (created after the app's first render). The wall clock around the browser automation, which
// adds its own round trips, is printed too.
import { serveStatic, launch, dist, openPlayground } from "./harness.mjs";

const runs = Number(process.argv[2] || 7);
const server = await serveStatic(dist);
const browser = await launch();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Records when each selector first matches, in ms since navigation start, in window.__shown. */
function recordShown(selectors) {
  window.__shown = {};
  new MutationObserver(() => {
    for (const [name, selector, count] of selectors) {
      if (!(name in window.__shown) && document.querySelectorAll(selector).length >= count) {
        window.__shown[name] = Math.round(performance.now());
      }
    }
  }).observe(document, { childList: true, subtree: true, attributes: true });
}

const line = (label, xs) => `${label}: median ${median(xs)} ms (runs: ${xs.join(", ")})`;
try {
  const panel = [];
  const editor = [];
  const wall = [];
  const embed = [];
  const embedWall = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    await context.addInitScript(recordShown, [
      ["panel", ".diagnostics", 1],
      ["editor", ".cm-content", 1],
      ["embed", "cloudflow-lint[data-errors]", 3],
    ]);
    const { page, loadMs } = await openPlayground(context, server.url);
    const shown = await page.evaluate(() => window.__shown);
    panel.push(shown.panel);
    editor.push(shown.editor);
    wall.push(loadMs);
    const demo = await context.newPage();
    const started = Date.now();
    await demo.goto(`${server.url}/embed/index.html`);
    await demo.waitForFunction(() => document.querySelectorAll("cloudflow-lint[data-errors]").length === 3, null, { timeout: 10000 });
    embedWall.push(Date.now() - started);
    embed.push(await demo.evaluate(() => window.__shown.embed));
    await context.close();
  }
  console.log(line("playground, navigation start to the diagnostics panel", panel));
  console.log(line("playground, navigation start to the editor with its squiggles (budget 800 ms)", editor));
  console.log(line("playground, wall clock around the automation", wall));
  console.log(line("embed demo, navigation start to the findings of all 3 snippets", embed));
  console.log(line("embed demo, wall clock around the automation", embedWall));
} finally {
  await browser.close();
  await server.close();
}
