// Issue 16, items 3, 4 and 6: a run goes stale as soon as the text differs from the definition
// it ran and offers a restart; a permalink is forgotten once loaded so saved work wins on reload;
// real mode shows as whom and where it calls, asks once before the first write of a run, and a
// read-only switch refuses writes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { useSite, openPlayground, setText as typeText, startProgram, screenshot, dist } from "./harness.mjs";

const site = useSite(before, after);

const CHAIN = "Type: StateMachine\nName: chain\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    Next: B\n  - Type: Pass\n    Name: B\n    OutputConstructor:\n      version: old\n    Next: C\n  - Type: Pass\n    Name: C\n    End: true\n";

async function setText(page, text) {
  await typeText(page, text);
  await page.waitForFunction(() => document.querySelector(".counts")?.dataset.errors === "0");
}

const status = (page) => page.getAttribute(".run-result", "data-status");

test("editing while paused marks the run stale and Restart runs the new definition", async () => {
  const context = await site.browser.newContext();
  const { page, errors } = await openPlayground(context, site.server.url);
  await setText(page, CHAIN);
  await page.click('.flowchart [data-state="B"] .breakpoint');
  await page.click(".run-button");
  await page.waitForSelector('.run-result[data-status="Paused"]');
  assert.equal(await page.$(".run-stale"), null, "not stale before any edit");

  // One typed character makes it stale at once (no waiting for the lint debounce).
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  await page.keyboard.type("#");
  await page.waitForSelector(".run-stale", { timeout: 1000 });
  assert.match(await page.textContent(".run-stale"), /Continue and Step run the definition it started with/);
  assert.equal(await page.getAttribute(".run-view", "data-stale"), "true");
  // Typing it back: the text equals the run's definition again.
  await page.keyboard.press("Backspace");
  await page.waitForSelector(".run-stale", { state: "detached", timeout: 1000 });

  // A real change: B's Result. Restart stops the old run and runs the new text.
  await page.click(".cm-content");
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(CHAIN.replace("version: old", "version: new"));
  await page.waitForSelector(".run-stale");
  await screenshot(page, "stale-paused-run");
  await page.click(".restart-button");
  await page.waitForSelector('.run-result[data-status="Paused"]');
  assert.equal(await page.$(".run-stale"), null, "the restarted run is current");
  await page.click(".continue-button");
  await page.waitForSelector('.run-result[data-status="Succeeded"]');
  assert.match(await page.textContent(".run-output"), /"version": "new"/);
  // The aborted predecessor did not overwrite the result with its Stopped end.
  await page.waitForTimeout(200);
  assert.equal(await status(page), "Succeeded");

  // A finished result under a changed workflow is marked too.
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  await page.keyboard.type("#");
  await page.waitForSelector(".run-stale");
  assert.match(await page.textContent(".run-stale"), /result below is from the earlier definition/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the editor keeps Tab (Escape, then Tab, leaves it) and Enter after a key opens its block", async () => {
  const context = await site.browser.newContext();
  const { page, errors } = await openPlayground(context, site.server.url);
  await typeText(page, "Type: StateMachine\nName: t\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    Parameters:");
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("x: 1");
  // A completion list opened by the typing would take Enter: close it first.
  const closePopup = async () => (await page.$(".cm-tooltip-autocomplete")) && page.keyboard.press("Escape");
  await closePopup();
  const lines = () => page.evaluate(() => [...document.querySelectorAll(".cm-line")].map((l) => l.textContent));
  assert.equal((await lines()).at(-1), "      x: 1", "Enter after `Parameters:` indents one level deeper");
  // Enter after a key with a value keeps the indentation (CodeMirror's own newline).
  await page.keyboard.press("Enter");
  await page.keyboard.type("y: 2");
  await closePopup();
  assert.equal((await lines()).at(-1), "      y: 2");
  // Tab indents instead of leaving the editor.
  await page.keyboard.press("Home");
  await page.keyboard.press("Tab");
  assert.equal((await lines()).at(-1), "        y: 2");
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains("cm-content")), "focus stays in the editor");
  // Escape, then Tab: focus moves on.
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  assert.ok(await page.evaluate(() => !document.activeElement?.classList.contains("cm-content")), "Escape, Tab leaves the editor");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a permalink is forgotten once loaded: edits survive a reload, and the replaced work can be restored", async () => {
  const context = await site.browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const { page, errors } = await openPlayground(context, site.server.url);
  await setText(page, CHAIN.replace("chain", "shared"));
  await page.click("button.share");
  await page.waitForSelector(".notice .permalink");
  const link = await page.inputValue(".notice .permalink");
  assert.match(link, /#v1\./);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  assert.equal(await page.evaluate(() => location.hash), "", "Share leaves the address bar alone");

  // My own work, then the shared link in the same browser.
  await setText(page, CHAIN.replace("chain", "mine"));
  await page.waitForFunction(() => localStorage.getItem("flowplay.workspace.v1")?.includes("Name: mine"));
  const linked = await context.newPage();
  await linked.goto(link);
  await linked.waitForSelector(".cm-content");
  assert.match(await linked.textContent(".cm-content"), /Name: shared/);
  assert.equal(await linked.evaluate(() => location.hash), "", "the hash is cleared after loading");
  assert.match(await linked.textContent(".notice"), /replaces your saved work/);

  // Edit, reload: the edit is there, not the link's text.
  await setText(linked, CHAIN.replace("chain", "shared-and-edited"));
  await linked.waitForFunction(() => localStorage.getItem("flowplay.workspace.v1")?.includes("shared-and-edited"));
  await linked.reload();
  await linked.waitForSelector(".cm-content");
  assert.match(await linked.textContent(".cm-content"), /Name: shared-and-edited/);

  // Opening the link again offers the work it replaced back.
  const again = await context.newPage();
  await again.goto(link);
  await again.waitForSelector(".restore-previous");
  await again.click(".restore-previous");
  await again.waitForFunction(() => /Name: shared-and-edited/.test(document.querySelector(".cm-content")?.textContent ?? ""));
  assert.deepEqual(errors, []);
  await context.close();
});

const WRITES = "Type: StateMachine\nName: cleanup\nSpecVersion: v1\nStartAt: List\nStates:\n  - Type: Task\n    Name: List\n    Action: ECS:DescribeInstances\n    TaskMode: RequestComplete\n    Parameters:\n      RegionId: cn-hangzhou\n    Next: Delete\n  - Type: Task\n    Name: Delete\n    Action: ECS:DeleteInstance\n    TaskMode: RequestComplete\n    Parameters:\n      InstanceId: i-bp1example\n      Force: true\n    Next: Stop\n  - Type: Task\n    Name: Stop\n    Action: ECS:StopInstance\n    TaskMode: RequestComplete\n    Parameters:\n      InstanceId: i-bp1example\n    End: true\n";

test("real mode shows region and masked AccessKey ID, asks once before the first write, and read-only refuses writes", async () => {
  const emulator = await startProgram("flowplay-emulator", []);
  const emulatorHost = new URL(emulator.url).host.replace("127.0.0.1", "localhost");
  const relay = await startProgram("flowplay", ["serve", "--port", "0", "--static-dir", dist, "--allow-host", emulatorHost, "--allow-http-upstream"]);
  try {
    const context = await site.browser.newContext();
    const { page, errors } = await openPlayground(context, relay.url);
    await setText(page, WRITES);
    // (0 errors and ecs.json held for the default example too: wait for this workflow's chart.)
    await page.waitForSelector('.flowchart [data-state="Delete"]');
    await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => e.name.endsWith("/catalog/products/ecs.json")), null, { timeout: 10000 });
    await page.check(".real-mode input");
    await page.fill('input[name="access-key-id"]', "LTAI5tExampleKeyabcd");
    await page.fill('input[name="access-key-secret"]', "testsecret");
    await page.fill('input[name="region"]', "cn-shanghai");
    await page.fill('textarea[name="endpoints"]', `ECS=http://${emulatorHost}`);
    const identity = await page.textContent(".real-identity");
    assert.match(identity, /region cn-shanghai · AccessKey ID LTAI\*\*\*\*abcd/);
    assert.ok(!identity.includes("LTAI5tExampleKeyabcd"), "the full ID is not shown");
    assert.match(identity, /writes \(ECS:DeleteInstance, ECS:StopInstance\)/);
    await screenshot(page, "real-mode-identity");
    // The emulator knows the key `testid` only.
    await page.fill('input[name="access-key-id"]', "testid");

    // Declined: asked once (before Delete, not before the read), Delete is never sent.
    const dialogs = [];
    const answer = { accept: false };
    page.on("dialog", async (d) => {
      dialogs.push(d.message());
      await (answer.accept ? d.accept() : d.dismiss());
    });
    await page.click(".run-button");
    await page.waitForSelector(".run-result:not([data-status=Paused])", { timeout: 15000 });
    assert.equal(dialogs.length, 1, await page.textContent(".run"));
    assert.match(dialogs[0], /ECS:DeleteInstance, ECS:StopInstance/);
    assert.match(dialogs[0], /region cn-shanghai · AccessKey ID \*\*\*\*id/);
    assert.equal(await status(page), "Failed");
    assert.match(await page.textContent(".run-output"), /FnF\.WriteRefused/);
    const sent = await page.$$eval(".calls details.call summary", (s) => s.map((x) => x.textContent));
    assert.equal(sent.length, 1, sent.join("\n"));
    assert.match(sent[0], /DescribeInstances/);

    // Accepted: the write goes out (the emulator does not implement it and says so).
    answer.accept = true;
    await page.click(".run-button");
    await page.waitForSelector(".run-result:not([data-status=Paused])", { timeout: 15000 });
    assert.equal(dialogs.length, 2, "asked again: once per run");
    const sentAfterYes = await page.$$eval(".calls details.call summary", (s) => s.map((x) => x.textContent));
    assert.ok(sentAfterYes.some((s) => /DeleteInstance/.test(s)), sentAfterYes.join("\n"));

    // Read-only: no question, writes refused with the reason.
    await page.check('.credentials input[name="read-only"]');
    assert.match(await page.textContent(".real-identity"), /are refused: read-only/);
    await page.click(".run-button");
    await page.waitForSelector(".run-result:not([data-status=Paused])", { timeout: 15000 });
    assert.equal(dialogs.length, 2, "read-only asks nothing");
    assert.match(await page.textContent(".run-output"), /FnF\.WriteRefused.*Read-only/s);
    const sentReadOnly = await page.$$eval(".calls details.call summary", (s) => s.map((x) => x.textContent));
    assert.ok(!sentReadOnly.some((s) => /DeleteInstance/.test(s)), sentReadOnly.join("\n"));
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await relay.stop();
    await emulator.stop();
  }
});
