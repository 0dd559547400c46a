// Runs in the browser: breakpoints, Step, Continue and Abort on a live run; the transition
// limit ends a runaway loop with a clear error; real mode signs in wasm and goes through the
// relay (`flowplay serve`) to the local emulator, and afterwards no secret or STS token is
// anywhere: permalink, localStorage, sessionStorage, console, the page, the relay's log.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { useSite, openPlayground, setText as typeText, pointAt, startProgram, screenshot, dist } from "./harness.mjs";

const site = useSite(before, after);

const CHAIN = "Type: StateMachine\nName: chain\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    Next: B\n  - Type: Pass\n    Name: B\n    InputConstructor:\n      seen.$: $Input\n    Next: C\n  - Type: Pass\n    Name: C\n    End: true\n";

const open = (context, base = site.server.url) => openPlayground(context, base);

/** Types a workflow that lints clean and waits for that. */
async function setText(page, text) {
  await typeText(page, text);
  await page.waitForFunction(() => document.querySelector(".counts")?.dataset.errors === "0");
}

const status = (page) => page.getAttribute(".run-result", "data-status");

test("a breakpoint pauses a run; Step, Continue and Abort drive it", async () => {
  const context = await site.browser.newContext();
  const { page, errors } = await open(context);
  await setText(page, CHAIN);
  await page.click('.flowchart [data-state="B"] .breakpoint');
  await page.waitForSelector('.flowchart [data-state="B"] .breakpoint.on');
  await page.fill(".input", '{"n": 1}');
  await page.click(".run-button");
  await page.waitForSelector('.run-result[data-status="Paused"]');
  assert.match(await page.textContent(".run-result"), /Paused before B/);
  // The data view shows what B is about to get (A passes the execution input on).
  assert.deepEqual(JSON.parse(await page.textContent('.pending-input[data-state="B"] pre')), { n: 1 });
  assert.ok(await page.$('.flowchart [data-state="A"].done'), "A ran");
  assert.ok(await page.$('.flowchart [data-state="B"].current'), "B is next");
  // The history so far ends with A.
  const states = await page.$$eval(".history tbody tr td:nth-child(4)", (tds) => tds.map((td) => td.textContent));
  assert.ok(states.includes("A") && !states.includes("B"), states.join(","));
  await screenshot(page, "paused-at-breakpoint");
  // The history filters by event type or state.
  await page.fill(".history-filter", "stepentered");
  const types = await page.$$eval(".history tbody tr td:nth-child(3)", (tds) => tds.map((td) => td.textContent));
  assert.ok(types.length > 0 && types.every((t) => t === "StepEntered"), types.join(","));
  await page.fill(".history-filter", "");

  await page.click(".step-button");
  await page.waitForFunction(() => /Paused before C/.test(document.querySelector(".run-result")?.textContent ?? ""));
  assert.ok(await page.$('.flowchart [data-state="B"].done'));
  // B's data flow is there while paused.
  await page.click('.flowchart [data-state="B"]');
  await page.waitForSelector('.dataflow[data-state="B"]');
  assert.match(await page.textContent('.dataflow[data-state="B"]'), /"seen"/);

  await page.click(".continue-button");
  await page.waitForSelector('.run-result[data-status="Succeeded"]');
  assert.match(await page.textContent(".run-output"), /"seen"/);

  // Abort while paused: the execution is Stopped and C never runs.
  await page.click(".run-button");
  await page.waitForSelector('.run-result[data-status="Paused"]');
  await page.click(".abort-button");
  await page.waitForSelector('.run-result[data-status="Stopped"]');
  assert.ok(!(await page.$('.flowchart [data-state="C"].done')));

  // Step from the start pauses before the first state.
  await page.click('.flowchart [data-state="B"] .breakpoint');
  await page.click(".step-button");
  await page.waitForFunction(() => /Paused before A/.test(document.querySelector(".run-result")?.textContent ?? ""));
  await page.click(".continue-button");
  await page.waitForSelector('.run-result[data-status="Succeeded"]');
  assert.deepEqual(errors, []);
  await context.close();
});

test("a runaway loop ends at the transition limit and the page stays responsive", async () => {
  const context = await site.browser.newContext();
  const { page, errors } = await open(context);
  await setText(page, "Type: StateMachine\nName: loop\nSpecVersion: v1\nStartAt: Again\nStates:\n  - Type: Choice\n    Name: Again\n    Branches:\n      - Condition: $Input.stop == true\n        Next: Done\n    Default: Spin\n  - Type: Pass\n    Name: Spin\n    Next: Again\n  - Type: Succeed\n    Name: Done\n");
  await page.click(".run-button");
  await page.waitForSelector('.run-result[data-status="Failed"]', { timeout: 20000 });
  assert.match(await page.textContent(".run-output"), /FnF\.(TransitionLimitExceeded|EventLimitExceeded)/);
  // Still responsive: typing lints again.
  await setText(page, CHAIN);
  assert.deepEqual(errors, []);
  await context.close();
});

test("runs happen in the run worker, fetched on first use: the page's thread stays free during a long run", async () => {
  const context = await site.browser.newContext();
  const { page, errors } = await open(context);
  const workerFiles = () =>
    page.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname).filter((p) => /run-worker\.[0-9a-f]{16}\.js$/.test(p)));
  assert.deepEqual(await workerFiles(), [], "the engine is not part of the first load");
  // The main thread's long tasks while a runaway loop runs to its transition limit.
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: "longtask" });
  });
  await setText(page, "Type: StateMachine\nName: loop\nSpecVersion: v1\nStartAt: Again\nStates:\n  - Type: Choice\n    Name: Again\n    Branches:\n      - Condition: $Input.stop == true\n        Next: Done\n    Default: Spin\n  - Type: Pass\n    Name: Spin\n    Next: Again\n  - Type: Succeed\n    Name: Done\n");
  await page.evaluate(() => (window.longTasks = []));
  await page.hover(".run-button");
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => /run-worker\.[0-9a-f]{16}\.js$/.test(e.name)), null, { timeout: 10000 });
  const started = Date.now();
  await page.click(".run-button");
  await page.waitForSelector('.run-result[data-status="Failed"]', { timeout: 20000 });
  const ms = Date.now() - started;
  const longTasks = await page.evaluate(() => window.longTasks);
  const longest = Math.max(0, ...longTasks);
  console.log(`runaway loop to the transition limit: ${ms} ms in the worker; main-thread long tasks meanwhile: ${longTasks.length}, longest ${longest.toFixed(0)} ms`);
  // (The worker's wasm is in the worker's own performance timeline, not the page's.)
  assert.equal((await workerFiles()).length, 1, "the worker's script was fetched once");
  // The run renders a history of thousands of events once it ends; the engine's own work never
  // lands on the page's thread (before the worker, it took every frame in 8 ms slices).
  assert.ok(longest < ms, `a main-thread task (${longest} ms) as long as the run (${ms} ms)`);
  // The history is rendered from its end; the rest on request.
  const total = Number((await page.textContent(".history-title")).match(/History \((\d+) events\)/)?.[1]);
  assert.ok(total > 300, `a runaway loop's history is long (${total})`);
  assert.equal(await page.locator(".history tbody tr").count(), 300);
  await page.click(".show-all-events");
  await page.waitForFunction((n) => document.querySelectorAll(".history tbody tr").length === n, total);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a legacy flow gets its flowchart, and a breakpoint on a nested step pauses its run there", async () => {
  const context = await site.browser.newContext();
  const { page, errors } = await open(context);
  await setText(page, "version: v1\ntype: flow\nsteps:\n  - type: pass\n    name: First\n  - type: parallel\n    name: Both\n    branches:\n      - steps:\n          - type: pass\n            name: Left\n      - steps:\n          - type: pass\n            name: Right\n  - type: pass\n    name: Last\n");
  // (0 errors held before the text was linted too: wait for this flow's chart.)
  await page.waitForSelector('.flowchart [data-state="Last"]');
  const nodes = await page.$$eval(".flowchart [data-state]", (gs) => gs.map((g) => g.dataset.state));
  assert.deepEqual(nodes, ["First", "Both", "Left", "Right", "Last"]);
  await page.click('.flowchart [data-state="Left"] .breakpoint');
  await page.waitForSelector('.flowchart [data-state="Left"] .breakpoint.on');
  await page.click(".run-button");
  await page.waitForSelector('.run-result[data-status="Paused"]');
  assert.match(await page.textContent(".run-result"), /Paused before Left/);
  // A legacy step's pending input: its parent's input merged with its parent's local.
  assert.ok(await page.$('.pending-input[data-state="Left"] pre'), "Left's pending input is shown");
  assert.ok(await page.$('.flowchart [data-state="First"].done'), "First ran");
  assert.ok(await page.$('.flowchart [data-state="Left"].current'), "Left is next");
  await page.click(".continue-button");
  await page.waitForSelector('.run-result[data-status="Succeeded"]');
  // The data view of a legacy step: click its node.
  await page.click('.flowchart [data-state="Last"] rect');
  await page.waitForFunction(() => /Data flow of Last/.test(document.querySelector(".run")?.textContent ?? ""));
  await screenshot(page, "legacy-flowchart-run");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the Express switch is honoured by runs: an Express execution times out after 5 minutes", async () => {
  const context = await site.browser.newContext();
  const { page, errors } = await open(context);
  // 16 Waits of 20 s (Express allows 1-20 s per Wait): 320 s in all.
  let waits = "Type: StateMachine\nName: waits\nSpecVersion: v1\nStartAt: W0\nStates:\n";
  for (let i = 0; i < 16; i++) {
    waits += `  - Type: Wait\n    Name: W${i}\n    Seconds: 20\n` + (i < 15 ? `    Next: W${i + 1}\n` : "    End: true\n");
  }
  await setText(page, waits);
  await page.click(".run-button");
  await page.waitForSelector('.run-result[data-status="Succeeded"]', { timeout: 20000 });
  await page.check("label.express input");
  await page.waitForFunction(() => document.querySelector(".counts")?.dataset.errors === "0");
  await page.click(".run-button");
  await page.waitForSelector('.run-result[data-status="TimedOut"]', { timeout: 20000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test("real mode signs in the browser and calls the emulator through the relay; no secret leaks", async () => {
  const emulator = await startProgram("flowplay-emulator", []);
  const emulatorHost = new URL(emulator.url).host.replace("127.0.0.1", "localhost");
  const relay = await startProgram("flowplay", ["serve", "--port", "0", "--static-dir", dist, "--allow-host", emulatorHost, "--allow-http-upstream"]);
  const SECRET = "testsecret";
  const TOKEN = "sts-token-e2e-7f3a9c";
  try {
    const context = await site.browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    const { page, errors, console: consoleLines } = await open(context, relay.url);
    await page.selectOption(".examples", "ecs-describe-instances");
    await page.waitForFunction(() => document.querySelector(".counts")?.dataset.errors === "0");
    // The ECS product must be in the browser's catalog before the run.
    await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => e.name.endsWith("/catalog/products/ecs.json")), null, { timeout: 10000 });
    await page.check(".real-mode input");
    await page.fill('input[name="access-key-id"]', "testid");
    await page.fill('input[name="access-key-secret"]', SECRET);
    await page.fill('input[name="security-token"]', TOKEN);
    await page.fill('textarea[name="endpoints"]', `ECS=http://${emulatorHost}`);
    await page.click(".run-button");
    await page.waitForSelector(".run-result:not([data-status=Paused])", { timeout: 15000 });
    assert.equal(await status(page), "Succeeded", await page.textContent(".run-result"));
    const output = JSON.parse(await page.textContent(".run-output"));
    assert.ok(output.total >= 1 && Array.isArray(output.instances), JSON.stringify(output));
    // The call log shows the request (signed, redacted) and the emulator's response.
    await page.click(".calls details.call summary");
    assert.match(await page.textContent(".call-request"), /Action=DescribeInstances/);
    assert.match(await page.textContent(".call-request"), /Signature=<redacted>/);
    assert.match(await page.textContent(".call-response"), /"Instances"/);
    await screenshot(page, "real-mode-call-log");

    // Wrong secret: the emulator's SignatureDoesNotMatch comes back as the Task's error.
    await page.fill('input[name="access-key-secret"]', "wrong-secret");
    await page.click(".run-button");
    await page.waitForSelector(".run-result:not([data-status=Paused])", { timeout: 15000 });
    assert.equal(await status(page), "Failed");
    assert.match(await page.textContent(".run-output"), /SignatureDoesNotMatch/);
    await page.fill('input[name="access-key-secret"]', SECRET);

    // Credential scan: permalink, storage, console, page text, relay log.
    await page.click("button.share");
    await page.waitForSelector(".notice .permalink");
    const permalink = await page.inputValue(".notice .permalink");
    const decoded = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
    const pageText = await page.evaluate(() => document.body.innerText);
    const logs = relay.logs();
    for (const [where, text] of [["permalink", permalink], ["storage", decoded], ["console", consoleLines.join("\n")], ["page text", pageText], ["relay log", logs]]) {
      for (const secret of [SECRET, TOKEN, "wrong-secret"]) {
        assert.ok(!text.includes(secret), `${secret} found in ${where}`);
      }
    }
    assert.ok(!permalink.includes("testid") && !decoded.includes("testid"), "the AccessKey ID is not stored either");
    assert.ok(logs.includes("/api/relay"), "the relay logged the calls (redacted)");

    // "Remember in this tab" keeps the credentials in sessionStorage only, and unticking clears them.
    await page.check(".credentials .remember input");
    const remembered = await page.evaluate(() => ({ session: JSON.stringify({ ...sessionStorage }), local: JSON.stringify({ ...localStorage }) }));
    assert.ok(remembered.session.includes(SECRET) && !remembered.local.includes(SECRET));
    await page.uncheck(".credentials .remember input");
    assert.ok(!(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).includes(SECRET));
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await relay.stop();
    await emulator.stop();
  }
});

test("hover on a state key shows its documentation", async () => {
  const context = await site.browser.newContext();
  const { page, errors } = await open(context);
  await setText(page, CHAIN);
  const box = await pointAt(page, "InputConstructor", 3);
  await page.mouse.move(box.x, box.y);
  await page.waitForSelector(".flowplay-hover", { timeout: 5000 });
  assert.match(await page.textContent(".flowplay-hover"), /InputConstructor — Builds the state's input/);
  assert.deepEqual(errors, []);
  await context.close();
});
