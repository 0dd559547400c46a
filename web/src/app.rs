//! The playground page: editor, diagnostics, flowchart, examples, permalinks.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use fdl::LineIndex;
use fdl::report::JsonDiagnostic;
use gloo_timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::diagnostics::DiagnosticsPanel;
use crate::editor;
use crate::examples::EXAMPLES;
use crate::flowchart::{Flowchart, Layout, layout};
use crate::permalink::{self, Shared};
use crate::real::{CredentialsPanel, RealSettings};
use crate::run::{Finished, Paused, RunCallbacks, RunView, Runner, statuses};
use crate::storage;

/// The re-lint action, shared by the editor callbacks and the catalog loader.
type Relint = Rc<dyn Fn()>;

/// Lint-as-you-type debounce (immediate on paste).
const LINT_DEBOUNCE_MS: u32 = 150;

/// What one lint pass produces for the page.
#[derive(Clone, Default, PartialEq)]
struct Checked {
    /// The length of the text these results are for, in UTF-16 code units (as JavaScript counts
    /// it): the page shows it, so a test can wait for the lint of the text it typed.
    linted_chars: usize,
    diagnostics: Vec<JsonDiagnostic>,
    layout: Option<Layout>,
    /// The layout is the last one that parsed: the text does not parse now (a line being typed),
    /// and the flowchart stays, dimmed, instead of disappearing.
    layout_stale: bool,
    legacy: bool,
    /// The current-dialect rewrite of a legacy flow (spec §16).
    migration: Option<String>,
    /// The model, for loading the catalog products its tasks use.
    document: Option<fdl::model::Document>,
    /// What real mode would send that writes, and (legacy) the tasks the mocks answer.
    writes: Vec<String>,
    mocked: Vec<String>,
    errors: usize,
}

/// Lints as the page does everywhere (the diagnostics panel and the check before a run): in the
/// chosen execution mode, with the OpenAPI catalog once its index is loaded (FDL-A rules).
pub(crate) fn lint(text: &str, express: bool) -> fdl::LintReport {
    flowplay_runner::with_linter(express, |linter| linter.lint(text))
}

fn check(text: &str, express: bool) -> Checked {
    let report = lint(text, express);
    let index = LineIndex::new(text);
    let diagnostics: Vec<JsonDiagnostic> =
        report.diagnostics.iter().map(|d| JsonDiagnostic::new(text, &index, d)).collect();
    let document = report.analysis.document.as_ref();
    Checked {
        errors: report.count(fdl::Severity::Error),
        linted_chars: text.encode_utf16().count(),
        layout: document.map(layout),
        layout_stale: false,
        legacy: document.is_some_and(|d| d.as_legacy().is_some()),
        migration: document.and_then(|d| d.as_legacy()).map(|flow| {
            let header: String = text
                .lines()
                .take_while(|l| l.trim_start().starts_with('#') || l.trim().is_empty())
                .map(|l| format!("{l}\n"))
                .collect();
            header + &fdl::migrate::migrate_legacy(flow, "migrated_flow")
        }),
        writes: match document {
            Some(fdl::model::Document::Current(flow)) => flowplay_real::write_actions(flow),
            Some(fdl::model::Document::Legacy(flow)) => flowplay_real::legacy_write_actions(flow),
            None => Vec::new(),
        },
        mocked: match document {
            Some(fdl::model::Document::Legacy(flow)) => flowplay_real::legacy_resource_tasks(flow),
            _ => Vec::new(),
        },
        document: document.cloned(),
        diagnostics,
    }
}

fn location_hash() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let hash = hash.strip_prefix('#')?.to_owned();
    (!hash.is_empty()).then_some(hash)
}

/// The page's URL without its fragment.
fn url_without_hash() -> Option<String> {
    let location = web_sys::window()?.location();
    Some(format!("{}{}{}", location.origin().ok()?, location.pathname().ok()?, location.search().ok()?))
}

/// After a permalink is loaded its fragment is cleared (without a history entry) and what it
/// held becomes the saved work: a reload then shows the user's edits, not the link again. (Not
/// kept in sync instead: rewriting the URL on every keystroke would put private edits in the
/// address bar, where copying it shares them, and grow it past what some servers accept.)
fn forget_permalink(shared: &Shared) {
    storage::save(shared);
    if let (Some(window), Some(url)) = (web_sys::window(), url_without_hash())
        && let Ok(history) = window.history()
    {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// How the page starts.
struct Start {
    shared: Shared,
    notice: Option<String>,
    /// The saved work a permalink replaced, offered back in the notice.
    replaced: Option<Shared>,
}

/// The initial workspace: a permalink if the URL has one (a broken one is reported and does
/// not overwrite the saved work), else the saved work, else the first example.
fn initial() -> Start {
    let saved = storage::load();
    let (shared, notice) = initial_workspace();
    // Loaded from a link when there is a hash and it decoded (no error notice).
    let from_link = notice.is_none() && location_hash().is_some();
    if !from_link {
        return Start { shared, notice, replaced: None };
    }
    forget_permalink(&shared);
    let replaced = saved.filter(|saved| saved.workflow != shared.workflow);
    let notice = Some(match replaced {
        Some(_) => "Opened a shared workflow; it replaces your saved work (reloading now keeps your edits).",
        None => "Opened a shared workflow; it is now your saved work (reloading keeps your edits).",
    });
    Start { shared, notice: notice.map(str::to_owned), replaced }
}

fn initial_workspace() -> (Shared, Option<String>) {
    let saved = storage::load();
    let fallback = || {
        saved.clone().unwrap_or_else(|| Shared {
            workflow: EXAMPLES[0].source.to_owned(),
            input: EXAMPLES[0].input.to_owned(),
            ..Shared::default()
        })
    };
    match location_hash() {
        Some(hash) => match permalink::decode(&hash) {
            Ok(shared) => (shared, None),
            Err(message) => (fallback(), Some(format!("{message} Your saved work is shown instead."))),
        },
        None => (fallback(), None),
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let start = use_memo((), |_| initial());
    let text = use_mut_ref(|| start.shared.workflow.clone());
    let input = use_state(|| start.shared.input.clone());
    let express = use_state(|| start.shared.express);
    let notice = use_state(|| start.notice.clone());
    let replaced = use_state(|| start.replaced.clone());
    let checked = use_state(|| check(&start.shared.workflow, start.shared.express));
    let cursor = use_state(|| None::<u32>);
    let mocks = use_state(|| start.shared.mocks.clone());
    let finished = use_state(|| None::<Finished>);
    let paused = use_state(|| None::<Paused>);
    let running = use_state(|| false);
    // The run worker (started on first use) and the run the page shows.
    let runner = (*use_memo((), |_| Runner::default())).clone();
    let breakpoints = use_state(std::collections::HashSet::<String>::new);
    let real_mode = use_state(|| false);
    let real_settings = use_state(crate::real::initial_settings);
    let run_error = use_state(|| None::<String>);
    let selected_state = use_state(|| None::<String>);
    // The definition the current (or last) run started with, and whether the text now differs.
    let run_source = use_mut_ref(|| None::<String>);
    let stale = use_state_eq(|| false);
    // Live (input, mocks, express) for callbacks created in an earlier render.
    let live = use_mut_ref(|| (start.shared.input.clone(), start.shared.mocks.clone(), start.shared.express));
    *live.borrow_mut() = ((*input).clone(), (*mocks).clone(), *express);
    // The CodeMirror instance's id, set once the editor is mounted.
    let editor_id: Rc<Cell<Option<u32>>> = (*use_memo((), |_| Rc::new(Cell::new(None)))).clone();
    let pending = use_mut_ref(|| None::<Timeout>);

    // Re-lints the current text now.
    // Lets relint reach itself (to re-lint when a catalog product arrives).
    let relint_slot: Rc<RefCell<Option<Relint>>> = use_mut_ref(|| None);
    // The last flowchart that parsed.
    let last_layout = use_mut_ref(|| checked.layout.clone());
    let relint = {
        let text = text.clone();
        let checked = checked.clone();
        let last_layout = last_layout.clone();
        let editor_id = editor_id.clone();
        let live = live.clone();
        let slot = relint_slot.clone();
        Rc::new(move || {
            let source = text.borrow().clone();
            let mut result = check(&source, live.borrow().2);
            match &result.layout {
                Some(layout) => *last_layout.borrow_mut() = Some(layout.clone()),
                None => {
                    result.layout = last_layout.borrow().clone();
                    result.layout_stale = result.layout.is_some();
                }
            }
            if let Some(id) = editor_id.get() {
                editor::set_diagnostics(
                    id,
                    &serde_json::to_string(&result.diagnostics).unwrap_or_else(|_| "[]".into()),
                );
            }
            // The editor's callbacks outlive this render: read the live values from the mirrors.
            storage::save(&Shared {
                workflow: source,
                input: live.borrow().0.clone(),
                mocks: live.borrow().1.clone(),
                express: live.borrow().2,
            });
            if let Some(document) = &result.document {
                let slot = slot.clone();
                crate::catalog_loader::load_products_for(document, move || {
                    let again = slot.borrow().clone();
                    if let Some(f) = again {
                        f();
                    }
                });
            }
            checked.set(result);
        })
    };
    *relint_slot.borrow_mut() = Some(relint.clone());

    // The editor is created during the first render, on a detached element that the render
    // then places in the page (`Html::VRef`): its text and squiggles come with the first frame.
    // Created in the effect below, it came a frame later: Yew's scheduler yields to the browser
    // every 16 ms, and on a slow machine the first render takes longer than that.
    let editor_element = {
        let text = text.clone();
        let editor_id = editor_id.clone();
        let relint = relint.clone();
        let pending = pending.clone();
        let cursor = cursor.clone();
        let checked = checked.clone();
        let run_source = run_source.clone();
        let stale = stale.clone();
        use_memo((), move |_| {
            let on_change = {
                let text = text.clone();
                Closure::<dyn FnMut(String, bool)>::new(move |value: String, pasted: bool| {
                    // At once, not after the lint debounce: Continue must not run an old
                    // definition unmarked.
                    stale.set(run_source.borrow().as_ref().is_some_and(|ran| *ran != value));
                    *text.borrow_mut() = value;
                    let relint = relint.clone();
                    if pasted {
                        pending.borrow_mut().take();
                        relint();
                    } else {
                        *pending.borrow_mut() = Some(Timeout::new(LINT_DEBOUNCE_MS, move || relint()));
                    }
                })
            };
            let on_cursor = {
                let text = text.clone();
                Closure::<dyn FnMut(u32, u32)>::new(move |line: u32, col: u32| {
                    let source = text.borrow();
                    let index = LineIndex::new(&source);
                    cursor.set(Some(editor::offset_of_utf16(&source, &index, line, col)));
                })
            };
            let element = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.create_element("div").ok())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())?;
            element.set_class_name("editor-host");
            let id = editor::create_editor(&element, &text.borrow(), &on_change, &on_cursor);
            editor_id.set(Some(id));
            editor::set_diagnostics(id, &serde_json::to_string(&checked.diagnostics).unwrap_or_else(|_| "[]".into()));
            // The editor calls the closures for as long as the page lives: kept with the element.
            Some((element, on_change, on_cursor))
        })
    };

    {
        let relint = relint.clone();
        use_effect_with((), move |_| {
            // The OpenAPI catalog's index; re-lint when it arrives (FDL-A rules), which then
            // fetches the products the workflow uses.
            {
                let relint = relint.clone();
                crate::catalog_loader::load_index(move || relint());
            }
            // Completion source for the editor (web/js/editor.js calls it).
            let completer = Closure::<dyn Fn(String, u32) -> String>::new(|text: String, pos: u32| {
                serde_json::to_string(&crate::complete::complete(&text, pos as usize))
                    .unwrap_or_else(|_| "{\"from\":0,\"options\":[]}".into())
            });
            if let Some(window) = web_sys::window() {
                let _ = js_sys::Reflect::set(&window, &JsValue::from_str("flowplayComplete"), completer.as_ref());
            }
            completer.forget();
            let hover = Closure::<dyn Fn(String, u32) -> Option<String>>::new(|text: String, pos: u32| {
                crate::complete::hover(&text, pos as usize)
            });
            if let Some(window) = web_sys::window() {
                let _ = js_sys::Reflect::set(&window, &JsValue::from_str("flowplayHover"), hover.as_ref());
            }
            hover.forget();
        });
    }

    let on_example = {
        let editor_id = editor_id.clone();
        let input = input.clone();
        Callback::from(move |e: Event| {
            let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() else { return };
            if let Some(example) = EXAMPLES.iter().find(|x| x.name == select.value()) {
                input.set(example.input.to_owned());
                if let Some(id) = editor_id.get() {
                    editor::set_value(id, example.source);
                }
            }
            select.set_value("");
        })
    };

    let on_jump = {
        let editor_id = editor_id.clone();
        Callback::from(move |(line, col): (u32, u32)| {
            if let Some(id) = editor_id.get() {
                editor::jump_to(id, line, col);
            }
        })
    };

    let on_select_state = {
        let on_jump = on_jump.clone();
        let text = text.clone();
        let selected_state = selected_state.clone();
        Callback::from(move |span: fdl::Span| {
            let source = text.borrow();
            let pos = LineIndex::new(&source).position(&source, span.start);
            let name = span.slice(&source).trim_matches(['"', '\'']).to_owned();
            selected_state.set(Some(name));
            on_jump.emit((pos.line, pos.column_utf16));
        })
    };

    // Starts a run (a run still going, e.g. on a restart, is stopped first); `stepping` pauses
    // before the first state.
    let start_run = {
        let text = text.clone();
        let input = input.clone();
        let mocks = mocks.clone();
        let finished = finished.clone();
        let paused = paused.clone();
        let running = running.clone();
        let runner = runner.clone();
        let breakpoints = breakpoints.clone();
        let real_mode = real_mode.clone();
        let real_settings = real_settings.clone();
        let run_error = run_error.clone();
        let live = live.clone();
        let run_source = run_source.clone();
        let stale = stale.clone();
        Rc::new(move |stepping: bool| {
            let request = flowplay_runner::protocol::RunRequest {
                source: text.borrow().clone(),
                input: (*input).clone(),
                mocks: (*mocks).clone(),
                seed: 0,
                real: real_mode.then(|| (*real_settings).clone()),
                express: live.borrow().2,
                stepping,
                breakpoints: breakpoints.iter().cloned().collect(),
            };
            *run_source.borrow_mut() = Some(request.source.clone());
            stale.set(false);
            run_error.set(None);
            finished.set(None);
            paused.set(None);
            running.set(true);
            let callbacks = RunCallbacks {
                on_pause: {
                    let paused = paused.clone();
                    Callback::from(move |p: Paused| paused.set(Some(p)))
                },
                on_done: {
                    let finished = finished.clone();
                    let paused = paused.clone();
                    let running = running.clone();
                    Callback::from(move |f: Finished| {
                        paused.set(None);
                        running.set(false);
                        finished.set(Some(f));
                    })
                },
                on_refused: {
                    let run_error = run_error.clone();
                    let running = running.clone();
                    let paused = paused.clone();
                    let run_source = run_source.clone();
                    Callback::from(move |message: String| {
                        run_source.borrow_mut().take();
                        paused.set(None);
                        running.set(false);
                        run_error.set(Some(message));
                    })
                },
            };
            runner.start(request, callbacks);
        })
    };
    let on_run = {
        let start_run = start_run.clone();
        Callback::from(move |_: MouseEvent| start_run(false))
    };
    let on_step = {
        let start_run = start_run.clone();
        let runner = runner.clone();
        let running = running.clone();
        Callback::from(move |_: MouseEvent| {
            if *running {
                runner.resume(true);
            } else {
                start_run(true);
            }
        })
    };
    // Stops a run of an old definition (if any) and runs the text as it is now.
    let on_restart = {
        let start_run = start_run.clone();
        Callback::from(move |_: MouseEvent| start_run(false))
    };
    let on_continue = {
        let runner = runner.clone();
        Callback::from(move |_: MouseEvent| runner.resume(false))
    };
    let on_abort = {
        let runner = runner.clone();
        Callback::from(move |_: MouseEvent| runner.abort())
    };
    // The run worker's files start downloading as the pointer (or focus) reaches Run or Step.
    let on_preload = {
        let runner = runner.clone();
        Callback::from(move |_: web_sys::Event| runner.preload())
    };
    let on_toggle_breakpoint = {
        let breakpoints = breakpoints.clone();
        let runner = runner.clone();
        Callback::from(move |name: String| {
            let mut next = (*breakpoints).clone();
            if !next.remove(&name) {
                next.insert(name);
            }
            // A running execution sees the change before its next state.
            runner.set_breakpoints(&next);
            breakpoints.set(next);
        })
    };
    let on_real_mode = {
        let real_mode = real_mode.clone();
        Callback::from(move |e: Event| {
            real_mode.set(e.target_dyn_into::<web_sys::HtmlInputElement>().is_some_and(|i| i.checked()));
        })
    };
    let on_real_settings = {
        let real_settings = real_settings.clone();
        Callback::from(move |s: RealSettings| {
            crate::real::remember(&s);
            real_settings.set(s);
        })
    };

    let on_mocks = {
        let mocks = mocks.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                mocks.set(area.value());
            }
        })
    };
    let run_status = match (&*paused, &*finished) {
        (Some(p), _) => statuses(&p.snapshot, Some(&p.before)),
        (None, Some(f)) => statuses(&f.execution, None),
        _ => Default::default(),
    };
    let show_diff = use_state(|| false);
    let on_toggle_diff = {
        let show_diff = show_diff.clone();
        Callback::from(move |_: MouseEvent| show_diff.set(!*show_diff))
    };
    let on_migrate = {
        let editor_id = editor_id.clone();
        let migration = checked.migration.clone();
        let show_diff = show_diff.clone();
        Callback::from(move |_: MouseEvent| {
            if let (Some(id), Some(text)) = (editor_id.get(), &migration) {
                editor::set_value(id, text);
                show_diff.set(false);
            }
        })
    };
    let migration_diff = checked.migration.as_ref().filter(|_| *show_diff).map(|m| {
        let source = text.borrow().clone();
        let lines = crate::diff::lines(&source, m).into_iter().map(|(tag, line)| {
            let (class, sign) = match tag {
                similar::ChangeTag::Delete => ("del", "-"),
                similar::ChangeTag::Insert => ("ins", "+"),
                similar::ChangeTag::Equal => ("same", " "),
            };
            html! { <div class={classes!("diff-line", class)}>{ format!("{sign} {}", line.trim_end_matches('\n')) }</div> }
        });
        html! { <div class="migration-diff">{ for lines }</div> }
    });

    let on_fix = {
        let checked = checked.clone();
        let editor_id = editor_id.clone();
        let text = text.clone();
        Callback::from(move |i: usize| {
            let Some(fix) = checked.diagnostics.get(i).and_then(|d| d.fix.clone()) else { return };
            let source = text.borrow().clone();
            let mut edits: Vec<(u32, u32, String)> =
                fix.edits.iter().map(|e| (e.range.start.offset, e.range.end.offset, e.replacement.clone())).collect();
            edits.sort_by_key(|e| std::cmp::Reverse(e.0));
            let mut fixed = source;
            for (s, e, r) in edits {
                if fixed.is_char_boundary(s as usize)
                    && fixed.is_char_boundary(e as usize)
                    && s <= e
                    && (e as usize) <= fixed.len()
                {
                    fixed.replace_range(s as usize..e as usize, &r);
                }
            }
            if let Some(id) = editor_id.get() {
                editor::set_value(id, &fixed);
            }
        })
    };

    let share_url = use_state(|| None::<String>);
    let on_share = {
        let share_url = share_url.clone();
        let text = text.clone();
        let input = input.clone();
        let mocks = mocks.clone();
        let express = express.clone();
        let notice = notice.clone();
        Callback::from(move |_| {
            let shared = Shared {
                workflow: text.borrow().clone(),
                input: (*input).clone(),
                mocks: (*mocks).clone(),
                express: *express,
            };
            let (share_url, notice) = (share_url.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let Some(fragment) = permalink::encode(&shared).await else {
                    notice.set(Some("This browser cannot compress a permalink (no CompressionStream).".into()));
                    return;
                };
                // The address bar keeps no fragment: a link there would win over later edits on reload.
                let url = format!("{}#{}", url_without_hash().unwrap_or_default(), fragment);
                if let Some(window) = web_sys::window() {
                    let _ = window.navigator().clipboard().write_text(&url);
                    share_url.set(Some(url));
                    notice.set(Some(
                        "Permalink copied to the clipboard (it holds the workflow, input, mocks and settings; never credentials).".into(),
                    ));
                }
            });
        })
    };

    let on_restore = {
        let replaced = replaced.clone();
        let editor_id = editor_id.clone();
        let input = input.clone();
        let mocks = mocks.clone();
        let notice = notice.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(previous) = (*replaced).clone() else { return };
            input.set(previous.input);
            mocks.set(previous.mocks);
            if let Some(id) = editor_id.get() {
                editor::set_value(id, &previous.workflow);
            }
            replaced.set(None);
            notice.set(Some("Your previous work is back.".into()));
        })
    };

    let on_markdown = {
        let text = text.clone();
        let notice = notice.clone();
        Callback::from(move |_| {
            let markdown = format!("```yaml\n{}\n```\n", text.borrow().trim_end());
            if let Some(window) = web_sys::window() {
                let _ = window.navigator().clipboard().write_text(&markdown);
            }
            notice.set(Some("Copied as Markdown.".into()));
        })
    };

    let on_express = {
        let express = express.clone();
        let relint = relint.clone();
        Callback::from(move |e: Event| {
            let checked = e.target_dyn_into::<web_sys::HtmlInputElement>().is_some_and(|i| i.checked());
            express.set(checked);
            let relint = relint.clone();
            // Re-lint after the state update lands.
            Timeout::new(0, move || relint()).forget();
        })
    };

    let on_input = {
        let input = input.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                input.set(area.value());
            }
        })
    };

    let input_error = (!input.trim().is_empty())
        .then(|| {
            serde_json::from_str::<serde_json::Value>(&input).err().map(|e| format!("input is not valid JSON: {e}"))
        })
        .flatten();
    // The mocks are checked as they are typed, as the run would read them (engine::prepare).
    let mocks_error = use_memo((*mocks).clone(), |m| {
        (!m.trim().is_empty())
            .then(|| engine::MockInvoker::from_text(m, None).err())
            .flatten()
            .map(|e| e.located("mocks"))
    });
    // Why Run and Step are greyed out, shown beside them (a disabled button explains nothing).
    let run_blocked = if checked.errors > 0 {
        Some(format!("Fix the workflow's {} error(s) to run it.", checked.errors))
    } else if input_error.is_some() {
        Some("The input is not valid JSON.".to_owned())
    } else if mocks_error.is_some() {
        Some("The mocks have an error (see above).".to_owned())
    } else {
        None
    };
    let counts = format!(
        "{} error(s), {} warning(s)",
        checked.errors,
        checked.diagnostics.iter().filter(|d| d.severity == fdl::Severity::Warning).count()
    );

    html! {
        <div class="app">
            <header>
                <h1>{ "flowplay" }</h1>
                <span class="tagline">{ "CloudFlow workflow playground" }</span>
                <select class="examples" onchange={on_example} aria-label="examples">
                    <option value="" selected=true>{ "Examples…" }</option>
                    { for EXAMPLES.iter().map(|x| html! { <option value={x.name}>{ x.title }</option> }) }
                </select>
                <label class="express"><input type="checkbox" checked={*express} onchange={on_express} />{ " Express mode" }</label>
                <button class="share" onclick={on_share}>{ "Share" }</button>
                <button class="markdown" onclick={on_markdown}>{ "Copy as Markdown" }</button>
                <span class="counts" role="status" aria-live="polite" data-errors={checked.errors.to_string()} data-linted-chars={checked.linted_chars.to_string()}>{ counts }</span>
            </header>
            if let Some(message) = &*notice {
                <div class="notice" role="status">
                    { message }
                    if replaced.is_some() {
                        { " " }<button class="restore-previous" onclick={on_restore}>{ "Restore my previous work" }</button>
                    }
                    if let Some(url) = &*share_url {
                        { " " }<input class="permalink" readonly=true aria-label="permalink" value={url.clone()} />
                    }
                </div>
            }
            if checked.legacy {
                <div class="banner legacy">
                    { "This workflow uses the legacy dialect (type: flow, steps). The current dialect (Type: StateMachine) is recommended. " }
                    <button class="show-migration" onclick={on_toggle_diff}>{ if *show_diff { "Hide the migration" } else { "Show the migration" } }</button>
                    { " " }
                    <button class="apply-migration" onclick={on_migrate}>{ "Migrate" }</button>
                    { for migration_diff }
                </div>
            }
            <main>
                <section class="editor-pane">
                    <div class="editor">
                        { editor_element.as_ref().as_ref().map(|(element, ..)| Html::VRef(element.clone().into())).unwrap_or_default() }
                    </div>
                    <DiagnosticsPanel diagnostics={checked.diagnostics.clone()} on_jump={on_jump.clone()} {on_fix} />
                </section>
                <section class="side-pane">
                    <h2>{ "Flowchart" }</h2>
                    <div class="flowchart-wrap">
                        if let Some(l) = &checked.layout {
                            <Flowchart layout={l.clone()} stale={checked.layout_stale} cursor={*cursor} on_select={on_select_state} status={run_status} breakpoints={(*breakpoints).clone()} {on_toggle_breakpoint} />
                        } else {
                            <p class="muted">{ "The flowchart appears when the workflow parses." }</p>
                        }
                    </div>
                    <h2>{ "Input (JSON)" }</h2>
                    <textarea class="input" aria-label="execution input (JSON)" value={(*input).clone()} oninput={on_input} spellcheck="false" />
                    if let Some(e) = input_error { <div class="input-error">{ e }</div> }
                    <h2>{ "Mocks (YAML)" }</h2>
                    <textarea class="mocks" aria-label="mocks (YAML)" value={(*mocks).clone()} oninput={on_mocks} spellcheck="false" placeholder="empty: every Task returns its parameters (echo). Cases: {default: {StateName: {Result: {...}}}}" />
                    if let Some(e) = &*mocks_error { <div class="input-error mocks-error" role="alert">{ e }</div> }
                    <div class="mode">
                        <label class="real-mode"><input type="checkbox" checked={*real_mode} onchange={on_real_mode} />{ " Real mode (signed calls through the relay)" }</label>
                    </div>
                    if *real_mode {
                        <CredentialsPanel settings={(*real_settings).clone()} on_change={on_real_settings} />
                        <div class="real-identity" role="status">
                            { format!("Calls go to {}. ", crate::real::identity(&real_settings)) }
                            { match checked.writes.clone() {
                                writes if writes.is_empty() => "This workflow only reads.".to_owned(),
                                writes if real_settings.read_only => format!("Writes ({}) are refused: read-only.", writes.join(", ")),
                                writes => format!("This workflow writes ({}): you are asked before the first write of each run.", writes.join(", ")),
                            } }
                            if !checked.mocked.is_empty() {
                                { format!(" Legacy tasks that name a resourceArn are answered by the mocks, not called: {}.", checked.mocked.join(", ")) }
                            }
                        </div>
                    }
                    <div class="run-controls">
                        <button class="run-button" onclick={on_run} onpointerenter={on_preload.reform(web_sys::Event::from)} onfocus={on_preload.reform(web_sys::Event::from)} disabled={run_blocked.is_some() || *running} title={run_blocked.clone()}>{ if *real_mode { "Run (real mode)" } else { "Run (mock mode)" } }</button>
                        <button class="step-button" onclick={on_step} onpointerenter={on_preload.reform(web_sys::Event::from)} onfocus={on_preload.reform(web_sys::Event::from)} disabled={run_blocked.is_some() || (*running && paused.is_none())} title={run_blocked.clone()}>{ "Step" }</button>
                        <button class="continue-button" onclick={on_continue} disabled={paused.is_none()}>{ "Continue" }</button>
                        <button class="abort-button" onclick={on_abort} disabled={!*running}>{ "Abort" }</button>
                        if let Some(why) = &run_blocked {
                            <span class="run-blocked" role="status">{ why }</span>
                        } else {
                        <span class="muted">{ if *real_mode { "Tasks with an OpenAPI integration are signed here and sent through the relay; others use the mocks." } else { "Runs locally on a virtual clock; nothing is sent anywhere. A node's dot (or Alt+click on the node) sets a breakpoint." } }</span>
                        }
                    </div>
                    if let Some(message) = &*run_error { <div class="input-error run-error">{ message }</div> }
                    if *stale && (paused.is_some() || finished.is_some()) {
                        <div class="run-stale" role="status">
                            { if paused.is_some() {
                                "The workflow changed since this run started: Continue and Step run the definition it started with. "
                            } else {
                                "The workflow changed since this run: the result below is from the earlier definition. "
                            } }
                            <button class="restart-button" onclick={on_restart}>{ "Restart with the new definition" }</button>
                        </div>
                    }
                    <div class={classes!("run-view", stale.then_some("stale"))} data-stale={stale.to_string()}>
                    if let Some(p) = &*paused {
                        <RunView execution={p.snapshot.clone()} selected={(*selected_state).clone()} paused_before={Some(p.before.clone())} pending_input={Some(p.input.clone())} />
                    } else if let Some(f) = &*finished {
                        <RunView execution={f.execution.clone()} selected={(*selected_state).clone()} calls={f.calls.clone()} />
                    }
                    </div>
                </section>
            </main>
        </div>
    }
}
