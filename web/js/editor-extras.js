// The editor's extras, loaded when the editor first gets focus (web/js/editor.js): search,
// completion (computed by the Rust side), bracket closing and selection-match highlighting.
import { keymap } from "@codemirror/view";
import { EditorState } from "@codemirror/state";
import { highlightSelectionMatches, searchKeymap, openSearchPanel } from "@codemirror/search";
import { closeBrackets, autocompletion, closeBracketsKeymap, completionKeymap, startCompletion } from "@codemirror/autocomplete";

export { openSearchPanel, startCompletion };

/** The extensions, with `complete` as the YAML completion source. */
export function extras(complete) {
  return [
    closeBrackets(),
    autocompletion(),
    highlightSelectionMatches(),
    EditorState.languageData.of(() => [{ autocomplete: complete }]),
    keymap.of([...closeBracketsKeymap, ...searchKeymap, ...completionKeymap]),
  ];
}
