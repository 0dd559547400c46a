//! The flowchart: an SVG of the workflow next to the editor, laid out from the model.
//!
//! Each scope is a column of states in document order; Parallel branches and Map processors
//! are nested containers with their scopes side by side. `Next` to the following state is a
//! straight arrow; other transitions are curves on the right, labelled for Choice branches and
//! dashed for catchers.

use fdl::Span;
use fdl::model::{Document, Scope, StateKind, Step, StepKind, StepList, StepType, TransitionKind};
use yew::prelude::*;

const NODE_W: f64 = 170.0;
const NODE_H: f64 = 34.0;
const GAP: f64 = 30.0;
const PAD: f64 = 14.0;
const HEADER: f64 = 26.0;
const EDGE_LANE: f64 = 46.0;

/// A laid-out box.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeBox {
    pub name: String,
    pub kind: &'static str,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub container: bool,
    pub terminal: bool,
    /// The state's span in the document, to jump to and to highlight from the cursor.
    pub span: Span,
    pub name_span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub label: Option<String>,
    pub catch: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub nodes: Vec<NodeBox>,
    pub edges: Vec<Edge>,
    /// (node index) the root StartAt points to.
    pub start: Option<usize>,
    pub width: f64,
    pub height: f64,
}

/// One state (current dialect) or step (legacy), as the layout sees it: both dialects are laid
/// out by the same code, from these.
struct Item<'a> {
    name: &'a str,
    kind: &'static str,
    terminal: bool,
    span: Span,
    name_span: Span,
    /// Branches, iterators, choice arms: laid out side by side inside the item.
    children: Vec<List<'a>>,
}

/// A scope or a step list: its items in document order and the transitions between them.
struct List<'a> {
    items: Vec<Item<'a>>,
    /// (from, to, label, catch) by item index.
    edges: Vec<(usize, usize, Option<String>, bool)>,
    start: Option<usize>,
}

fn current_list(scope: &Scope) -> List<'_> {
    let items = scope
        .states
        .iter()
        .map(|state| Item {
            name: state.name().unwrap_or("(unnamed)"),
            kind: state.state_type().map_or("?", |t| t.as_str()),
            terminal: state.is_end() || matches!(state.kind, StateKind::Succeed | StateKind::Fail(_)),
            span: state.span,
            name_span: state.anchor_span(),
            children: state.child_scopes().iter().map(current_list).collect(),
        })
        .collect();
    let mut edges = Vec::new();
    for (i, state) in scope.states.iter().enumerate() {
        for t in state.transitions() {
            let Some(j) = scope.state_index(&t.target.value) else { continue };
            let label = match t.via {
                TransitionKind::ChoiceBranch(b) => match &state.kind {
                    StateKind::Choice(c) => {
                        c.branches.get(b).and_then(|br| br.condition.as_ref()).map(|e| short(&e.text))
                    }
                    _ => None,
                },
                TransitionKind::Default => Some("default".to_owned()),
                TransitionKind::Catch(_) => Some("catch".to_owned()),
                TransitionKind::Next => None,
            };
            edges.push((i, j, label, matches!(t.via, TransitionKind::Catch(_))));
        }
    }
    let start = scope.start_at.as_ref().and_then(|s| scope.state_index(&s.value));
    List { items, edges, start }
}

/// A `goto`'s target name.
fn target(goto: &Option<fdl::model::Spanned<fdl::CompactString>>) -> Option<&str> {
    goto.as_ref().map(|g| g.value.as_str())
}

/// A legacy step list: steps run in order (the next one unless a step ends the flow), `goto`
/// jumps to a sibling (choice arms, default, catchers).
fn legacy_list(list: &StepList) -> List<'_> {
    let steps = &list.steps;
    let terminal = |step: &Step| {
        matches!(step.kind, StepKind::Succeed | StepKind::Fail(_)) || step.end.as_ref().is_some_and(|e| e.value)
    };
    let items = steps
        .iter()
        .map(|step| Item {
            name: step.name().unwrap_or("(unnamed)"),
            kind: step.type_.as_ref().and_then(|t| StepType::parse(&t.value)).map_or("?", StepType::as_str),
            terminal: terminal(step),
            span: step.span,
            name_span: step.anchor_span(),
            children: step.child_lists().into_iter().map(legacy_list).collect(),
        })
        .collect();
    let index = |name: &str| steps.iter().position(|s| s.name() == Some(name));
    let mut edges = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        if !terminal(step) && i + 1 < steps.len() {
            edges.push((i, i + 1, None, false));
        }
        let mut goto = |target: Option<&str>, label: Option<String>, catch: bool| {
            if let Some(j) = target.and_then(index) {
                edges.push((i, j, label, catch));
            }
        };
        match &step.kind {
            StepKind::Choice(c) => {
                for branch in &c.choices {
                    goto(target(&branch.goto), branch.condition.as_ref().map(|c| short(&c.value)), false);
                }
                if let Some(d) = &c.default {
                    goto(target(&d.goto), Some("default".to_owned()), false);
                }
            }
            StepKind::Task(t) => {
                for catch in &t.catch {
                    goto(target(&catch.goto), Some("catch".to_owned()), true);
                }
            }
            _ => {}
        }
    }
    List { items, edges, start: (!steps.is_empty()).then_some(0) }
}

fn list_size(list: &List) -> (f64, f64) {
    let mut w: f64 = NODE_W;
    let mut h = 0.0;
    for item in &list.items {
        let (iw, ih) = item_size(item);
        w = w.max(iw);
        h += ih + GAP;
    }
    (w + EDGE_LANE, h.max(NODE_H))
}

fn item_size(item: &Item) -> (f64, f64) {
    if item.children.is_empty() {
        return (NODE_W, NODE_H);
    }
    let sizes: Vec<(f64, f64)> = item.children.iter().map(list_size).collect();
    let w = sizes.iter().map(|s| s.0).sum::<f64>() + PAD * (sizes.len() as f64 + 1.0);
    let h = HEADER + sizes.iter().map(|s| s.1).fold(0.0, f64::max) + PAD;
    (w.max(NODE_W), h)
}

/// Lays out a list at (x, y); returns the indices of its items' boxes.
fn place_list(list: &List, x: f64, y: f64, layout: &mut Layout) -> Vec<usize> {
    let mut ids = Vec::with_capacity(list.items.len());
    let mut cy = y;
    for item in &list.items {
        let (w, h) = item_size(item);
        let id = layout.nodes.len();
        layout.nodes.push(NodeBox {
            name: item.name.to_owned(),
            kind: item.kind,
            x,
            y: cy,
            w,
            h,
            container: !item.children.is_empty(),
            terminal: item.terminal,
            span: item.span,
            name_span: item.name_span,
        });
        ids.push(id);
        let mut cx = x + PAD;
        for child in &item.children {
            let (cw, _) = list_size(child);
            place_list(child, cx, cy + HEADER, layout);
            cx += cw + PAD;
        }
        cy += h + GAP;
    }
    for (from, to, label, catch) in &list.edges {
        layout.edges.push(Edge { from: ids[*from], to: ids[*to], label: label.clone(), catch: *catch });
    }
    ids
}

fn short(text: &str) -> String {
    let t: String = text.chars().take(28).collect();
    if text.chars().count() > 28 { format!("{t}…") } else { t }
}

fn layout_list(list: &List) -> Layout {
    let mut layout = Layout::default();
    let top = 40.0;
    let ids = place_list(list, 20.0, top, &mut layout);
    layout.start = list.start.map(|i| ids[i]);
    let (w, h) = list_size(list);
    layout.width = w + 60.0;
    layout.height = top + h + 30.0;
    layout
}

/// The flowchart of a workflow in either dialect.
pub fn layout(document: &Document) -> Layout {
    match document {
        Document::Current(flow) => layout_list(&current_list(&flow.scope)),
        Document::Legacy(flow) => layout_list(&legacy_list(&flow.steps)),
    }
}

#[derive(Properties, PartialEq)]
pub struct FlowchartProps {
    pub layout: Layout,
    /// The last layout that parsed, shown dimmed while the text does not parse.
    #[prop_or_default]
    pub stale: bool,
    /// Byte offset of the cursor in the document (highlights the innermost state around it).
    pub cursor: Option<u32>,
    /// Called with the state's name span when a node is clicked.
    pub on_select: Callback<Span>,
    /// Run status per state name: "current" | "done" | "failed".
    #[prop_or_default]
    pub status: std::collections::HashMap<String, String>,
    /// States a run pauses before.
    #[prop_or_default]
    pub breakpoints: std::collections::HashSet<String>,
    /// Toggles a state's breakpoint (its dot, or Alt+click on the node).
    #[prop_or_default]
    pub on_toggle_breakpoint: Callback<String>,
}

#[function_component(Flowchart)]
pub fn flowchart(props: &FlowchartProps) -> Html {
    let l = &props.layout;
    let selected = props.cursor.and_then(|c| {
        l.nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.span.start <= c && c <= n.span.end)
            .min_by_key(|(_, n)| n.span.len())
            .map(|(i, _)| i)
    });
    let edges = l.edges.iter().map(|e| {
        let (a, b) = (&l.nodes[e.from], &l.nodes[e.to]);
        let class = if e.catch { "edge catch" } else { "edge" };
        let straight = b.y > a.y && (b.x - a.x).abs() < 1.0 && e.label.is_none() && b.y - (a.y + a.h) <= GAP + 1.0;
        let (path, lx, ly) = if straight {
            let x = a.x + a.w / 2.0;
            (format!("M{x},{} L{x},{}", a.y + a.h, b.y), x, a.y + a.h + GAP / 2.0)
        } else {
            let (x1, y1) = (a.x + a.w, a.y + a.h / 2.0);
            let (x2, y2) = (b.x + b.w, b.y + b.h / 2.0);
            let bulge = x1.max(x2) + 30.0 + ((y2 - y1).abs() / 12.0).min(40.0);
            (format!("M{x1},{y1} C{bulge},{y1} {bulge},{y2} {x2},{y2}"), bulge - 4.0, (y1 + y2) / 2.0)
        };
        html! {
            <g>
                <path class={class} d={path} marker-end="url(#arrow)" />
                if let Some(label) = &e.label {
                    <text class="edge-label" x={lx.to_string()} y={ly.to_string()}>{ label }</text>
                }
            </g>
        }
    });
    let nodes = l.nodes.iter().enumerate().map(|(i, n)| {
        let mut class = classes!("node", n.kind.to_lowercase(), n.container.then_some("container"), n.terminal.then_some("terminal"), (selected == Some(i)).then_some("selected"));
        if let Some(s) = props.status.get(&n.name) {
            class.push(s.clone());
        }
        let span = n.name_span;
        let on_select = props.on_select.clone();
        let on_toggle = props.on_toggle_breakpoint.clone();
        let name = n.name.clone();
        let onclick = Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            if e.alt_key() { on_toggle.emit(name.clone()) } else { on_select.emit(span) }
        });
        let on_toggle = props.on_toggle_breakpoint.clone();
        let name = n.name.clone();
        let on_dot = Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            on_toggle.emit(name.clone())
        });
        let armed = props.breakpoints.contains(&n.name);
        let text_y = if n.container { n.y + 17.0 } else { n.y + n.h / 2.0 + 4.5 };
        html! {
            <g class={class} {onclick} data-state={n.name.clone()}>
                <rect x={n.x.to_string()} y={n.y.to_string()} width={n.w.to_string()} height={n.h.to_string()} rx="6" />
                <text x={(n.x + 10.0).to_string()} y={text_y.to_string()}>
                    <tspan class="kind">{ n.kind }</tspan>{ " " }{ &n.name }
                </text>
                <circle class={classes!("breakpoint", armed.then_some("on"))} onclick={on_dot} cx={(n.x + n.w - 9.0).to_string()} cy={(n.y + 9.0).to_string()} r="5">
                    <title>{ if armed { "remove the breakpoint" } else { "pause runs before this state" } }</title>
                </circle>
                if n.terminal {
                    <circle class="end-marker" cx={(n.x + n.w / 2.0).to_string()} cy={(n.y + n.h + 8.0).to_string()} r="4" />
                }
            </g>
        }
    });
    let start = l.start.map(|i| {
        let n = &l.nodes[i];
        let x = n.x + n.w / 2.0;
        html! {
            <g class="start">
                <circle cx={x.to_string()} cy="14" r="7" />
                <path class="edge" d={format!("M{x},21 L{x},{}", n.y)} marker-end="url(#arrow)" />
            </g>
        }
    });
    html! {
        <svg class={classes!("flowchart", props.stale.then_some("stale"))} data-stale={props.stale.to_string()} width={l.width.to_string()} height={l.height.to_string()} viewBox={format!("0 0 {} {}", l.width, l.height)} role="img" aria-label="flowchart of the workflow">
            <defs>
                <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M0,0 L10,5 L0,10 z" />
                </marker>
            </defs>
            { for nodes }
            { for edges }
            { for start }
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_nests_parallel_branches_and_labels_choice_edges() {
        let src = "Type: StateMachine\nName: d\nSpecVersion: v1\nStartAt: C\nStates:\n  - Type: Choice\n    Name: C\n    Branches:\n      - Condition: $Input.a == 1\n        Next: P\n    Default: P\n  - Type: Parallel\n    Name: P\n    Branches:\n      - StartAt: X\n        States:\n          - Type: Pass\n            Name: X\n            End: true\n      - StartAt: Y\n        States:\n          - Type: Pass\n            Name: Y\n            End: true\n    End: true\n";
        let analysis = fdl::analyze(src);
        let l = layout(analysis.document.as_ref().unwrap());
        assert_eq!(l.nodes.iter().map(|n| n.name.as_str()).collect::<Vec<_>>(), ["C", "P", "X", "Y"]);
        assert!(l.nodes[1].container && l.nodes[1].w > 2.0 * NODE_W);
        assert!(l.nodes[2].x < l.nodes[3].x, "branches side by side");
        assert!(l.edges.iter().any(|e| e.label.as_deref() == Some("$Input.a == 1")));
        assert_eq!(l.start, Some(0));
    }

    #[test]
    fn legacy_flows_are_laid_out_with_their_nested_steps_and_gotos() {
        let src = "version: v1\ntype: flow\nsteps:\n  - type: task\n    name: Fetch\n    resourceArn: acs:fc:::services/s/functions/f\n    catch:\n      - errors: [FC.Unknown]\n        goto: Failed\n  - type: choice\n    name: Route\n    choices:\n      - condition: $.ok == true\n        steps:\n          - type: pass\n            name: Good\n      - condition: $.retry == true\n        goto: Fetch\n    default:\n      goto: Failed\n  - type: parallel\n    name: Both\n    branches:\n      - steps:\n          - type: pass\n            name: Left\n      - steps:\n          - type: pass\n            name: Right\n    end: true\n  - type: fail\n    name: Failed\n    error: E\n";
        let analysis = fdl::analyze(src);
        let l = layout(analysis.document.as_ref().expect("a legacy flow"));
        let names: Vec<&str> = l.nodes.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["Fetch", "Route", "Good", "Both", "Left", "Right", "Failed"]);
        let node = |name: &str| names.iter().position(|n| *n == name).unwrap();
        let edge = |from: &str, to: &str| l.edges.iter().find(|e| e.from == node(from) && e.to == node(to));
        assert_eq!(l.nodes[node("Fetch")].kind, "task");
        assert_eq!(l.start, Some(node("Fetch")));
        // In order, the next step; gotos back and forward, labelled; the catcher dashed.
        assert!(edge("Fetch", "Route").is_some_and(|e| e.label.is_none() && !e.catch));
        assert!(edge("Fetch", "Failed").is_some_and(|e| e.catch));
        assert_eq!(edge("Route", "Fetch").and_then(|e| e.label.clone()).as_deref(), Some("$.retry == true"));
        assert_eq!(edge("Route", "Failed").and_then(|e| e.label.clone()).as_deref(), Some("default"));
        // `end: true` and fail steps end the flow: no edge onwards.
        assert!(l.nodes[node("Both")].terminal && edge("Both", "Failed").is_none());
        assert!(l.nodes[node("Failed")].terminal);
        // Choice arms and parallel branches are nested, side by side.
        assert!(l.nodes[node("Route")].container && l.nodes[node("Both")].container);
        assert!(l.nodes[node("Left")].x < l.nodes[node("Right")].x);
        assert!(l.nodes[node("Good")].y > l.nodes[node("Route")].y);
    }

    #[test]
    fn an_empty_legacy_flow_has_no_start() {
        let analysis = fdl::analyze("version: v1\ntype: flow\nsteps: []\n");
        let l = layout(analysis.document.as_ref().expect("a legacy flow"));
        assert!(l.nodes.is_empty() && l.start.is_none());
    }
}
