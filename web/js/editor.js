// The playground's editor: CodeMirror 6 with YAML highlighting, search, undo, completion and
// lint squiggles. Exposed as `window.FlowplayEditor` for the Yew app (bound in web/src/editor.rs).
// Bundled by scripts/bundle-editor.mjs into dist/editor.bundle.js; editor-extras.js is loaded
// when the editor first gets focus (≈10 KB brotli off the first load; issue 14's budget). The
// list below is CodeMirror's `basicSetup`, written out as its documentation recommends, minus
// the extras.
// First: hands CodeMirror's core to the extras (scripts/bundle-editor.mjs).
import "codemirror-shared";
import {
  EditorView, hoverTooltip, keymap, lineNumbers, highlightActiveLineGutter, highlightSpecialChars,
  drawSelection, dropCursor, rectangularSelection, crosshairCursor, highlightActiveLine,
} from "@codemirror/view";
import { EditorState, Compartment } from "@codemirror/state";
import { foldGutter, indentOnInput, indentUnit, syntaxHighlighting, defaultHighlightStyle, bracketMatching, foldKeymap } from "@codemirror/language";
import { history, defaultKeymap, historyKeymap, indentWithTab } from "@codemirror/commands";
import { yaml } from "@codemirror/lang-yaml";
import { setDiagnostics, lintGutter, lintKeymap } from "@codemirror/lint";

let extrasModule = null;
/** Loads the extras once per page (search, completion, bracket closing, match highlighting). */
function loadExtras() {
  extrasModule ??= import("./editor-extras.js");
  return extrasModule;
}

/** Completions computed by the Rust side (web/src/complete.rs) through window.flowplayComplete. */
function flowplayCompletions(context) {
  if (typeof window.flowplayComplete !== "function") return null;
  const result = JSON.parse(window.flowplayComplete(context.state.doc.toString(), context.pos));
  if (!result.options.length || (!context.explicit && result.from === context.pos && !/[:$]\s*$/.test(context.state.doc.lineAt(context.pos).text.slice(0, context.pos - context.state.doc.lineAt(context.pos).from)))) return null;
  return { from: result.from, options: result.options, validFor: /^[\w$.:-]*$/ };
}

const views = new Map();
/** Per view: its extras compartment, and whether the last edit was typing (see withExtras). */
const extrasOf = new Map();

/** Puts the extras into `view` (loading them first), then calls `then(module)`. Text typed while
 * they load gets the completion it would have had. */
function withExtras(view, then) {
  const entry = extrasOf.get(view);
  loadExtras().then((m) => {
    if (!entry.loaded) {
      entry.loaded = true;
      view.dispatch({ effects: entry.compartment.reconfigure(m.extras(flowplayCompletions)) });
      if (entry.typed && view.hasFocus) m.startCompletion(view);
    }
    then?.(m);
  });
}
let nextId = 1;

/** Position (1-based line, 1-based UTF-16 column) → document offset, clamped. */
function offset(doc, pos) {
  const line = doc.line(Math.min(Math.max(pos.line, 1), doc.lines));
  return Math.min(line.from + Math.max(pos.column_utf16 - 1, 0), line.to);
}

/** Enter after a key that opens a block (`Parameters:`, `- Branches:`) starts the block's first
 * line one level deeper; anything else is CodeMirror's own newline-and-indent (the YAML mode does
 * not indent after a key with no value yet). */
function enterAfterKey(view) {
  const { state } = view;
  const selection = state.selection.main;
  if (!selection.empty) return false;
  const line = state.doc.lineAt(selection.head);
  const before = line.text.slice(0, selection.head - line.from);
  // A key and its colon, nothing after it but spaces (a comment ends the match: not a block).
  const key = /^(\s*)(- )?[^\s#][^#]*:\s*$/.exec(before);
  if (!key || line.text.slice(before.length).trim() !== "") return false;
  const column = key[1].length + (key[2] ? 2 : 0);
  const insert = "\n" + " ".repeat(column + state.facet(indentUnit).length);
  view.dispatch({
    changes: { from: selection.head, insert },
    selection: { anchor: selection.head + insert.length },
    scrollIntoView: true,
    userEvent: "input",
  });
  return true;
}

window.FlowplayEditor = {
  /** Creates an editor in `parent`; `onChange(text)` is called on every edit, `onCursor(offsetUtf16)` on cursor moves. */
  create(parent, text, onChange, onCursor) {
    const id = nextId++;
    const compartment = new Compartment();
    const entry = { compartment, loaded: false, typed: false };
    const view = new EditorView({
      parent,
      state: EditorState.create({
        doc: text,
        extensions: [
          // First: once loaded, the extras' keymaps take precedence over the stand-ins below.
          compartment.of([]),
          keymap.of([
            // Stand-ins until the extras are loaded: load them, then do what was asked.
            { key: "Mod-f", run: (v) => (withExtras(v, (m) => m.openSearchPanel(v)), true) },
            { key: "Ctrl-Space", run: (v) => (withExtras(v, (m) => m.startCompletion(v)), true) },
          ]),
          EditorView.domEventHandlers({ focus: (_, v) => void (entry.loaded || withExtras(v)) }),
          // The editor's accessible name (screen readers announce the text box by it). An
          // explicit tabindex: it is in the tab order anyway (contenteditable), but checkers such
          // as axe count only tabindex when they ask whether the scroller has focusable content.
          EditorView.contentAttributes.of({ "aria-label": "workflow (YAML)", tabindex: "0" }),
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightSpecialChars(),
          history(),
          foldGutter(),
          drawSelection(),
          dropCursor(),
          EditorState.allowMultipleSelections.of(true),
          indentOnInput(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          bracketMatching(),
          rectangularSelection(),
          crosshairCursor(),
          highlightActiveLine(),
          // Tab indents (Escape, then Tab, leaves the editor, as CodeMirror does by default once
          // Tab is taken: the editor must not trap keyboard users).
          keymap.of([{ key: "Enter", run: enterAfterKey }, ...defaultKeymap, ...historyKeymap, ...foldKeymap, ...lintKeymap, indentWithTab]),
          yaml(),
          // Hover: an Action's operation or a parameter's type (web/src/complete.rs::hover).
          hoverTooltip((view, pos) => {
            if (typeof window.flowplayHover !== "function") return null;
            const text = window.flowplayHover(view.state.doc.toString(), pos);
            if (!text) return null;
            return { pos, create() { const dom = document.createElement("div"); dom.className = "flowplay-hover"; dom.textContent = text; return { dom }; } };
          }),
          lintGutter(),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) entry.typed = update.transactions.some((t) => t.isUserEvent("input.type"));
            if (update.docChanged) onChange(update.state.doc.toString(), update.transactions.some((t) => t.isUserEvent("input.paste")));
            if (update.selectionSet && onCursor) {
              const head = update.state.selection.main.head;
              const line = update.state.doc.lineAt(head);
              onCursor(line.number, head - line.from + 1);
            }
          }),
          EditorView.theme({ "&": { height: "100%" }, ".cm-scroller": { fontFamily: "ui-monospace, monospace" } }),
        ],
      }),
    });
    views.set(id, view);
    extrasOf.set(view, entry);
    return id;
  },

  getValue(id) {
    return views.get(id)?.state.doc.toString() ?? "";
  },

  /** Replaces the whole text (one undoable change). */
  setValue(id, text) {
    const view = views.get(id);
    if (view && view.state.doc.toString() !== text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    }
  },

  /** Shows diagnostics (the JSON shape of fdl::report) as squiggles with quick fixes. */
  setDiagnostics(id, diagnosticsJson) {
    const view = views.get(id);
    if (!view) return;
    const doc = view.state.doc;
    const list = JSON.parse(diagnosticsJson).map((d) => {
      const from = offset(doc, d.range.start);
      const to = Math.max(offset(doc, d.range.end), from);
      const actions = d.fix
        ? [{
            name: d.fix.message,
            apply(v) {
              const changes = d.fix.edits.map((e) => ({ from: offset(v.state.doc, e.range.start), to: offset(v.state.doc, e.range.end), insert: e.replacement }));
              v.dispatch({ changes });
            },
          }]
        : [];
      return {
        from,
        to,
        severity: d.severity,
        source: d.code,
        message: d.message + (d.help ? `\nhelp: ${d.help}` : ""),
        actions,
      };
    });
    view.dispatch(setDiagnostics(view.state, list));
  },

  /** Moves the cursor to a 1-based line and UTF-16 column and focuses the editor. */
  jumpTo(id, line, columnUtf16) {
    const view = views.get(id);
    if (!view) return;
    const pos = offset(view.state.doc, { line, column_utf16: columnUtf16 });
    view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
    view.focus();
  },
};
