//! The flowchart: an SVG of the workflow next to the editor, laid out from the model.
//!
//! Each scope is a column of states in document order; Parallel branches and Map processors
//! are nested containers with their scopes side by side. `Next` to the following state is a
//! straight arrow; other transitions are curves on the right, labelled for Choice branches and
//! dashed for catchers.

use fdl::Span;
use fdl::model::{Flow, Scope, State, StateKind, TransitionKind};
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

fn kind_name(state: &State) -> &'static str {
    state.state_type().map_or("?", |t| t.as_str())
}

fn scope_size(scope: &Scope) -> (f64, f64) {
    let mut w: f64 = NODE_W;
    let mut h = 0.0;
    for s in &scope.states {
        let (sw, sh) = state_size(s);
        w = w.max(sw);
        h += sh + GAP;
    }
    (w + EDGE_LANE, h.max(NODE_H))
}

fn state_size(state: &State) -> (f64, f64) {
    let children = state.child_scopes();
    if children.is_empty() {
        return (NODE_W, NODE_H);
    }
    let sizes: Vec<(f64, f64)> = children.iter().map(scope_size).collect();
    let w = sizes.iter().map(|s| s.0).sum::<f64>() + PAD * (sizes.len() as f64 + 1.0);
    let h = HEADER + sizes.iter().map(|s| s.1).fold(0.0, f64::max) + PAD;
    (w.max(NODE_W), h)
}

/// Lays out a scope at (x, y); returns the indices of its states' boxes.
fn place_scope(scope: &Scope, x: f64, y: f64, layout: &mut Layout) -> Vec<usize> {
    let mut ids = Vec::with_capacity(scope.states.len());
    let mut cy = y;
    for state in &scope.states {
        let (w, h) = state_size(state);
        let id = layout.nodes.len();
        let terminal = state.is_end() || matches!(state.kind, StateKind::Succeed | StateKind::Fail(_));
        layout.nodes.push(NodeBox {
            name: state.name().unwrap_or("(unnamed)").to_owned(),
            kind: kind_name(state),
            x,
            y: cy,
            w,
            h,
            container: !state.child_scopes().is_empty(),
            terminal,
            span: state.span,
            name_span: state.anchor_span(),
        });
        ids.push(id);
        let mut cx = x + PAD;
        for child in state.child_scopes() {
            let (cw, _) = scope_size(child);
            place_scope(child, cx, cy + HEADER, layout);
            cx += cw + PAD;
        }
        cy += h + GAP;
    }
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
            layout.edges.push(Edge {
                from: ids[i],
                to: ids[j],
                label,
                catch: matches!(t.via, TransitionKind::Catch(_)),
            });
        }
    }
    ids
}

fn short(text: &str) -> String {
    let t: String = text.chars().take(28).collect();
    if text.chars().count() > 28 { format!("{t}…") } else { t }
}

pub fn layout(flow: &Flow) -> Layout {
    let mut layout = Layout::default();
    let top = 40.0;
    let ids = place_scope(&flow.scope, 20.0, top, &mut layout);
    layout.start = flow.scope.start_at.as_ref().and_then(|s| flow.scope.state_index(&s.value)).map(|i| ids[i]);
    let (w, h) = scope_size(&flow.scope);
    layout.width = w + 60.0;
    layout.height = top + h + 30.0;
    layout
}

#[derive(Properties, PartialEq)]
pub struct FlowchartProps {
    pub layout: Layout,
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
        <svg class="flowchart" width={l.width.to_string()} height={l.height.to_string()} viewBox={format!("0 0 {} {}", l.width, l.height)} role="img" aria-label="flowchart of the workflow">
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
        let flow = analysis.document.as_ref().and_then(|d| d.as_current()).unwrap();
        let l = layout(flow);
        assert_eq!(l.nodes.iter().map(|n| n.name.as_str()).collect::<Vec<_>>(), ["C", "P", "X", "Y"]);
        assert!(l.nodes[1].container && l.nodes[1].w > 2.0 * NODE_W);
        assert!(l.nodes[2].x < l.nodes[3].x, "branches side by side");
        assert!(l.edges.iter().any(|e| e.label.as_deref() == Some("$Input.a == 1")));
        assert_eq!(l.start, Some(0));
    }
}
