// Types of the <cloudflow-lint> module (static/embed/cloudflow-lint.js).
import type { Diagnostic, LintOptions } from "./flowplay_wasm.js";

/** Loads the wasm module once. */
export function load(): Promise<unknown>;
/** Lints `text`; throws on invalid options. */
export function lintText(text: string, options?: LintOptions | string): Promise<Diagnostic[]>;
/** Wraps every workflow-looking code block under `root` (default selector `pre > code, pre.cloudflow`) in a checking `<cloudflow-lint>`; returns how many. */
export function checkAll(root?: ParentNode, selector?: string): number;
/** The web component: `<cloudflow-lint options='{"executionMode":"Express"}'><pre><code>…</code></pre></cloudflow-lint>`. */
export class CloudflowLint extends HTMLElement {}
