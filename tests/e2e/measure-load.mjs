// Prints page load → first diagnostics for the playground and the embed demo, over several
// fresh browser contexts (median and each run). Not a test: `node tests/e2e/measure-load.mjs [RUNS]`
// after scripts/build-web.sh. Budget (design.md): < 800 ms on localhost.
import { serveStatic, launch, dist, openPlayground } from "./harness.mjs";

const runs = Number(process.argv[2] || 7);
const server = await serveStatic(dist);
const browser = await launch();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  const playground = [];
  const embed = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const { loadMs } = await openPlayground(context, server.url);
    playground.push(loadMs);
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(`${server.url}/embed/index.html`);
    await page.waitForFunction(() => document.querySelectorAll("cloudflow-lint[data-errors]").length === 3, null, { timeout: 10000 });
    embed.push(Date.now() - started);
    await context.close();
  }
  console.log(`playground load to first diagnostics: median ${median(playground)} ms (runs: ${playground.join(", ")}; budget 800 ms)`);
  console.log(`embed demo load to first findings: median ${median(embed)} ms (runs: ${embed.join(", ")})`);
} finally {
  await browser.close();
  await server.close();
}
