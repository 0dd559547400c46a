// <cloudflow-lint>: a drop-in web component that lints the CloudFlow workflow inside it with
// flowplay's wasm core and lists the findings under the snippet. Nothing is sent anywhere.
//
//   <script type="module" src="/embed/cloudflow-lint.js"></script>
//   <cloudflow-lint><pre><code>Type: StateMachine …</code></pre></cloudflow-lint>
//
// Or check every workflow snippet of a page (code blocks whose text looks like a workflow):
//   <script type="module" src="/embed/cloudflow-lint.js" data-auto></script>
//   <script type="module">import { checkAll } from "/embed/cloudflow-lint.js"; checkAll();</script>
//
// Attributes: `options` (JSON lint options, e.g. {"executionMode":"Express"}).

import init, { lint } from "./flowplay_wasm.js";

let ready = null;
/** Loads the wasm module once. */
export function load() {
  if (!ready) ready = init();
  return ready;
}

const STYLE = `
  :host { display: block; }
  .findings { margin: 0.25em 0 1em; padding: 0; list-style: none; font: 13px/1.5 ui-monospace, monospace; }
  .finding { padding: 0.15em 0.5em; border-left: 3px solid; }
  .error { border-color: #d33; background: #fdecec; }
  .warning { border-color: #d90; background: #fff6e0; }
  .info { border-color: #38c; background: #eaf4fc; }
  .ok { border-color: #2a2; background: #ecf8ec; }
  .code { font-weight: bold; }
  .help { color: #555; display: block; padding-left: 1.5em; }
`;

function isWorkflow(text) {
  return /^\s*Type:\s*StateMachine\b/m.test(text) || (/^\s*type:\s*flow\b/m.test(text) && /^\s*steps:/m.test(text));
}

/** Lints `text` and returns the diagnostics array (see fdl::report for the shape). */
export async function lintText(text, options = "") {
  await load();
  // Options: an object, or its JSON text (the `options` attribute).
  let result;
  try {
    result = lint(text, options || undefined);
  } catch (err) {
    // A bug in the wasm core ends in a trap (panics abort, see scripts/build-web.sh): report it
    // as such rather than as a finding or a broken page.
    if (err instanceof WebAssembly.RuntimeError) throw new Error(`internal error in the linter (${err.message}); please report it`);
    throw err;
  }
  if (result.error) throw new Error(result.error);
  return result.diagnostics;
}

export class CloudflowLint extends HTMLElement {
  connectedCallback() {
    if (this._done) return;
    this._done = true;
    const root = this.attachShadow({ mode: "open" });
    root.innerHTML = `<style>${STYLE}</style><slot></slot><ul class="findings" part="findings" aria-live="polite"></ul>`;
    // Content added later (e.g. by a framework) is checked when it arrives.
    root.querySelector("slot").addEventListener("slotchange", () => this.check());
    this.check();
  }

  /** The workflow text: the element's text content (usually a <pre><code> block). */
  get source() {
    return this.textContent.replace(/^\n/, "");
  }

  async check() {
    const list = this.shadowRoot.querySelector(".findings");
    let diagnostics;
    try {
      diagnostics = await lintText(this.source, this.getAttribute("options") || "");
    } catch (err) {
      list.innerHTML = "";
      list.append(item("error", "flowplay", String(err.message || err)));
      return;
    }
    list.innerHTML = "";
    this.dataset.errors = String(diagnostics.filter((d) => d.severity === "error").length);
    this.dataset.warnings = String(diagnostics.filter((d) => d.severity === "warning").length);
    if (diagnostics.length === 0) {
      list.append(item("ok", "", "no problems found"));
    }
    for (const d of diagnostics) {
      const li = item(d.severity, d.code, `${d.range.start.line}:${d.range.start.column} ${d.message}`);
      if (d.help) {
        const help = document.createElement("span");
        help.className = "help";
        help.textContent = `help: ${d.help}`;
        li.append(help);
      }
      list.append(li);
    }
    this.dispatchEvent(new CustomEvent("cloudflow-lint", { detail: { diagnostics }, bubbles: true }));
  }
}

function item(kind, code, message) {
  const li = document.createElement("li");
  li.className = `finding ${kind}`;
  if (code) {
    const c = document.createElement("span");
    c.className = "code";
    c.textContent = `${code} `;
    li.append(c);
  }
  li.append(document.createTextNode(message));
  return li;
}

/** Wraps every workflow code block under `root` in a <cloudflow-lint> element. */
export function checkAll(root = document, selector = "pre > code, pre.cloudflow") {
  const blocks = [...root.querySelectorAll(selector)]
    .map((el) => (el.tagName === "CODE" ? el.parentElement : el))
    .filter((pre) => !pre.closest("cloudflow-lint") && isWorkflow(pre.textContent));
  for (const pre of blocks) {
    // Build the wrapper detached so it is connected (and checks) with its content in place.
    const wrapper = document.createElement("cloudflow-lint");
    const parent = pre.parentNode;
    const next = pre.nextSibling;
    wrapper.append(pre);
    parent.insertBefore(wrapper, next);
  }
  return blocks.length;
}

if (!customElements.get("cloudflow-lint")) customElements.define("cloudflow-lint", CloudflowLint);

const self = document.querySelector('script[type="module"][data-auto][src*="cloudflow-lint"]');
if (self) {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => checkAll());
  else checkAll();
}
