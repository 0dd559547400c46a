// The playground in headless Chromium: it loads an example, lints as you type with exact
// positions, draws the flowchart, jumps from a node to its YAML, survives a reload, restores
// permalinks and reports a broken one without losing the saved work.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { useSite, openPlayground, setText, pointAt } from "./harness.mjs";

const site = useSite(before, after);
const open = (context, hash = "") => openPlayground(context, site.server.url, hash);

test("lints as you type, with positions, flowchart and jump to YAML", async () => {
  const context = await site.browser.newContext();
  const { page, errors, loadMs } = await open(context);
  console.log(`playground load to first diagnostics: ${loadMs} ms (budget 800 ms)`);
  // The first example is clean and drawn.
  assert.equal(await page.getAttribute(".diagnostics", "data-count"), "0");
  assert.ok(await page.$('.flowchart [data-state="DescribeInstances"]'));

  await setText(page, "Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: 开始\nStates:\n  - Type: Pass\n    Name: 开始\n    Next: end\n  - Type: Succeed\n    Name: End\n");
  await page.waitForFunction(() => document.querySelector(".diagnostics")?.dataset.count === "1");
  const row = await page.textContent(".diagnostic");
  assert.match(row, /^8:11\s*FDL-S013/);
  // A squiggle is drawn by CodeMirror's lint extension.
  await page.waitForSelector(".cm-lintRange-error");
  // Quick fix from the panel.
  await page.click(".diagnostic .fix");
  await page.waitForFunction(() => document.querySelector(".diagnostics")?.dataset.count === "0");
  assert.match(await page.textContent(".cm-content"), /Next: End/);
  // Clicking a node moves the cursor to its name.
  await page.click('.flowchart [data-state="End"]');
  const line = await page.evaluate(() => document.querySelector(".cm-activeLine")?.textContent);
  assert.equal(line.trim(), "Name: End");
  assert.deepEqual(errors, []);

  // The work survives a reload.
  const again = await open(context);
  assert.match(await again.page.textContent(".cm-content"), /Name: 开始/);
  await context.close();
});

test("while the text does not parse, the last flowchart stays, dimmed", async () => {
  const context = await site.browser.newContext();
  const { page, errors } = await open(context);
  const good = "Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    End: true\n";
  await setText(page, good);
  await page.waitForSelector('.flowchart[data-stale="false"] [data-state="A"]');
  // A line half typed: the YAML does not parse.
  await setText(page, good + "  - Type: [Pass\n");
  await page.waitForFunction(() => Number(document.querySelector(".counts")?.dataset.errors) > 0);
  await page.waitForSelector('.flowchart[data-stale="true"] [data-state="A"]');
  await setText(page, good.replace("Name: A\n    End", "Name: B\n    End").replace("StartAt: A", "StartAt: B"));
  await page.waitForSelector('.flowchart[data-stale="false"] [data-state="B"]');
  assert.deepEqual(errors, []);
  await context.close();
});

test("axe-core finds no serious or critical accessibility violation, before and after a run", async () => {
  // CSP bypassed for this context only: axe is injected as a script the page's policy refuses.
  const context = await site.browser.newContext({ bypassCSP: true });
  const { page, errors } = await open(context);
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve("axe-core/axe.min.js") });
  const audit = async (label) => {
    const violations = await page.evaluate(async () =>
      (await window.axe.run(document, { resultTypes: ["violations"] })).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, target: v.nodes[0]?.target.join(" ") })),
    );
    console.log(`axe (${label}): ${violations.length} kinds of violation${violations.map((v) => `\n  ${v.impact} ${v.id} ×${v.nodes} (${v.target})`).join("")}`);
    return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  };
  assert.deepEqual(await audit("first load"), []);
  await setText(page, "Type: StateMachine\nName: a\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    Next: B\n  - Type: Pass\n    Name: B\n    End: true\n  - Type: Pass\n    Name: Orphan\n    End: true\n");
  await page.waitForSelector(".diagnostic");
  await page.click(".run-button");
  await page.waitForSelector('.run-result[data-status="Succeeded"]');
  assert.deepEqual(await audit("with diagnostics and a run"), []);
  // The diagnostics are reachable by keyboard: the position is a button that jumps.
  await page.focus(".diagnostic .position");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.classList.contains("cm-content") || document.querySelector(".cm-activeLine")?.textContent.includes("Orphan"));
  assert.deepEqual(errors, []);
  await context.close();
});

test("permalinks restore the workflow; a broken one keeps the saved work", async () => {
  const context = await site.browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const { page } = await open(context);
  await setText(page, "Type: StateMachine\nName: shared\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    End: true\n");
  await page.waitForFunction(() => document.querySelector(".counts")?.dataset.errors === "0");
  await page.click("button.share");
  // The link is copied (and shown); the address bar keeps no fragment (issue 16: saved work wins on reload).
  await page.waitForSelector(".notice .permalink");
  const url = await page.inputValue(".notice .permalink");
  assert.match(url, /#v1\./);

  const fresh = await site.browser.newContext();
  const restored = await fresh.newPage();
  await restored.goto(url);
  await restored.waitForSelector(".cm-content");
  assert.match(await restored.textContent(".cm-content"), /Name: shared/);
  await fresh.close();

  const broken = await open(context, "#v1.AAAA@@");
  assert.match(await broken.page.textContent(".notice"), /damaged|not a flowplay permalink/);
  assert.match(await broken.page.textContent(".cm-content"), /Name: shared/, "saved work is shown, not overwritten");
  await context.close();
});

test("runs a workflow in mock mode and shows output, history and data flow", async () => {
  const context = await site.browser.newContext();
  const { page, errors } = await open(context);
  await page.selectOption(".examples", "retry-catch");
  // The default example also lints clean: wait for the new example's flowchart (the lint after
  // the debounce), or the run's marks land on the old chart (CI saw this race once).
  await page.waitForSelector('.flowchart [data-state="Refund"]');
  await page.waitForFunction(() => document.querySelector(".counts")?.dataset.errors === "0");
  await page.fill(".mocks", "Cases:\n  default:\n    Charge:\n      \"0\": {Error: FC.ResourceThrottled, Cause: busy}\n      \"1\": {Error: FC.InvalidArgument, Cause: card declined}\n");
  await page.click(".run-button");
  await page.waitForSelector(".run-result");
  assert.equal(await page.getAttribute(".run-result", "data-status"), "Succeeded");
  assert.match(await page.textContent(".run-output"), /"reason": "FC.InvalidArgument"/);
  const types = await page.$$eval(".history tbody tr td:nth-child(3)", (tds) => tds.map((td) => td.textContent));
  assert.ok(types.includes("TaskFailed") && types.includes("ExecutionSucceeded"), types.join(","));
  // The flowchart marks the states that ran.
  await page.waitForSelector('.flowchart [data-state="Refund"].done', { timeout: 5000 });
  await page.waitForSelector('.flowchart [data-state="Charge"].failed', { timeout: 5000 });
  // Clicking a node shows its data flow.
  await page.click('.flowchart [data-state="Charge"]');
  await page.waitForSelector('.dataflow[data-state="Charge"]');
  assert.deepEqual(errors, []);
  await context.close();
});

test("a legacy flow shows the migration as a diff and migrates with one click", async () => {
  const context = await site.browser.newContext();
  const { page, errors } = await open(context);
  await page.selectOption(".examples", "legacy-flow");
  await page.waitForSelector(".banner.legacy");
  await page.click(".show-migration");
  await page.waitForSelector(".migration-diff .diff-line.ins");
  const added = await page.$$eval(".diff-line.ins", (ls) => ls.map((l) => l.textContent));
  assert.ok(added.some((l) => l.includes("Type: StateMachine")), added.join("\n"));
  await page.click(".apply-migration");
  await page.waitForFunction(() => !document.querySelector(".banner.legacy"));
  assert.match(await page.textContent(".cm-content"), /Type: StateMachine/);
  assert.equal(await page.getAttribute(".counts", "data-errors"), "0");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a diagnostic's tooltip gets its rule's documentation, fetched on first hover", async () => {
  const context = await site.browser.newContext();
  const { page, errors } = await open(context);
  const fetched = () => page.evaluate(() => performance.getEntriesByType("resource").filter((e) => e.name.endsWith("/rules.json")).length);
  await setText(page, "Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    Next: B\n");
  await page.waitForFunction(() => document.querySelector(".diagnostics")?.dataset.count === "1");
  assert.equal(await fetched(), 0, "the documentation is not part of the first load");
  // Before it arrives, the tooltip is the rule's summary.
  assert.match(await page.getAttribute(".diagnostic", "title"), /^FDL-S013 — /);
  await page.hover(".diagnostic");
  await page.waitForFunction(() => /## What it checks/.test(document.querySelector(".diagnostic")?.title ?? ""));
  assert.equal(await fetched(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test("search and completion load with the editor's first focus; Ctrl+F works before they are there", async () => {
  const context = await site.browser.newContext();
  const { page, errors } = await open(context);
  const extras = () => page.evaluate(() => performance.getEntriesByType("resource").filter((e) => /editor-extras\.[0-9a-f]{16}\.js$/.test(e.name)).length);
  assert.equal(await extras(), 0, "not part of the first load");
  // The very first key press can be Ctrl+F: the stand-in loads the extras, then opens search.
  await page.focus(".cm-content");
  await page.keyboard.press("Control+f");
  await page.waitForSelector(".cm-search input[name=search]");
  assert.equal(await extras(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the mocks are checked as you type, and a greyed-out Run says why", async () => {
  const context = await site.browser.newContext();
  const { page, errors } = await open(context);
  await page.fill(".mocks", "Cases:\n  default:\n    Charge:\n      result: 1\n");
  await page.waitForSelector(".mocks-error");
  assert.match(await page.textContent(".mocks-error"), /^mocks:4:7: .*`result`/);
  assert.ok(await page.isDisabled(".run-button"));
  assert.match(await page.textContent(".run-blocked"), /mocks have an error/);
  await page.fill(".mocks", "");
  await page.waitForSelector(".mocks-error", { state: "detached" });
  assert.ok(await page.isEnabled(".run-button"));
  await setText(page, "Type: StateMachine\nName: x\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    Next: B\n");
  await page.waitForFunction(() => /Fix the workflow's 1 error/.test(document.querySelector(".run-blocked")?.textContent ?? ""));
  assert.ok(await page.isDisabled(".run-button"));
  assert.deepEqual(errors, []);
  await context.close();
});

test("completion offers state names after Next and keys for the state type", async () => {
  const context = await site.browser.newContext();
  const { page, errors } = await open(context);
  await setText(page, "Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    Next: \n  - Type: Succeed\n    Name: Done\n");
  // Put the cursor after "Next: " (three lines above the end) and ask for completions.
  await page.keyboard.press("Control+End");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("End");
  await page.keyboard.press("Control+Space");
  await page.waitForSelector(".cm-tooltip-autocomplete");
  const options = await page.$$eval(".cm-tooltip-autocomplete li", (lis) => lis.map((li) => li.textContent));
  assert.ok(options.some((o) => o.startsWith("Done")), options.join(","));
  await page.click('.cm-tooltip-autocomplete li:has-text("Done")');
  await page.waitForFunction(() => document.querySelector(".counts")?.dataset.errors === "0");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the OpenAPI catalog loads lazily and checks and completes Task operations", async () => {
  const context = await site.browser.newContext();
  const { page, errors } = await open(context);
  await setText(page, "Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Task\n    Name: A\n    Action: ECS:DescribeInstance\n    Parameters:\n      RegionId: cn-hangzhou\n    End: true\n");
  await page.waitForFunction(() => [...document.querySelectorAll(".diagnostic .code")].some((c) => c.textContent === "FDL-A002"), null, { timeout: 10000 });
  assert.match(await page.textContent(".diagnostics"), /did you mean `DescribeInstances`/);
  const fetched = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname).filter((p) => p.includes("/catalog/")));
  assert.ok(fetched.some((p) => p.endsWith("/catalog/products/ecs.json")), fetched.join(","));
  assert.ok(!fetched.some((p) => p.endsWith("/catalog/products/vpc.json")), "only the products the workflow uses are fetched");
  // Completion of parameters inside Parameters (of a correct operation).
  await setText(page, "Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Task\n    Name: A\n    Action: ECS:DescribeInstances\n    Parameters:\n      RegionId: cn-hangzhou\n    End: true\n");
  await page.waitForFunction(() => document.querySelector(".counts")?.dataset.errors === "0");
  await page.keyboard.press("Control+End");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Vpc");
  await page.keyboard.press("Control+Space");
  await page.waitForSelector(".cm-tooltip-autocomplete");
  const options = await page.$$eval(".cm-tooltip-autocomplete li", (lis) => lis.map((li) => li.textContent));
  assert.ok(options.some((o) => o.startsWith("VpcId")), options.join(","));
  await page.keyboard.press("Escape");
  // Hover on a parameter shows its type and whether it is required (on a parsable document).
  await setText(page, "Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Task\n    Name: A\n    Action: ECS:DescribeInstances\n    Parameters:\n      RegionId: cn-hangzhou\n    End: true\n");
  await page.waitForFunction(() => document.querySelector(".counts")?.dataset.errors === "0");
  const box = await pointAt(page, "RegionId", 2);
  await page.mouse.move(box.x, box.y);
  await page.waitForSelector(".flowplay-hover", { timeout: 5000 });
  assert.match(await page.textContent(".flowplay-hover"), /RegionId — String \(required, in Query\)/);
  assert.deepEqual(errors, []);
  await context.close();
});
