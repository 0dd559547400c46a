//! Lowering of the current dialect (spec §3–§9).

use super::reader::Reader;
use crate::lint::rules::structure::s008_wrong_value_type::WrongValueType;
use crate::model::{
    Catcher, Choice, ChoiceBranch, Fail, Flow, MapState, Parallel, Retrier, Scope, State, StateKind, StateType, Task,
    Wait,
};

use crate::yaml::Node;

pub(super) fn lower_flow(r: &mut Reader<'_>, root: &Node) -> Flow {
    Flow {
        span: root.span,
        type_: r.string(root, "Type"),
        name: r.string(root, "Name"),
        spec_version: r.string(root, "SpecVersion"),
        description: r.string(root, "Description"),
        timeout: r.number(root, "Timeout"),
        scope: lower_scope(r, root),
        keys: r.keys(root),
    }
}

/// Reads `StartAt` and `States` from a mapping (the root, a Parallel branch, a Map processor).
pub(super) fn lower_scope(r: &mut Reader<'_>, node: &Node) -> Scope {
    let states_node = node.get("States");
    let states = r
        .list(node, "States")
        .map(|items| items.iter().filter(|n| n.as_map().is_some() || !n.is_null()).map(|n| lower_state(r, n)).collect())
        .unwrap_or_default();
    Scope::new(node.span, r.string(node, "StartAt"), states, states_node.map(|n| n.span), r.keys(node))
}

fn lower_state(r: &mut Reader<'_>, node: &Node) -> State {
    if node.as_map().is_none() {
        r.diagnostics.push(crate::Diagnostic::error(
            WrongValueType::META.code,
            node.span,
            format!(
                "each entry of `States` must be a mapping with `Type` and `Name`, but this is {}",
                node.type_name()
            ),
        ));
    }
    let type_ = r.string(node, "Type");
    let state_type = type_.as_ref().and_then(|t| StateType::parse(&t.value));
    let kind = match state_type {
        None => StateKind::Unknown,
        Some(StateType::Pass) => StateKind::Pass,
        Some(StateType::Succeed) => StateKind::Succeed,
        Some(StateType::Task) => StateKind::Task(Task {
            action: r.string(node, "Action"),
            task_mode: r.string(node, "TaskMode"),
            parameters: r.constructor(node, "Parameters"),
            timeout: r.int(node, "Timeout"),
        }),
        Some(StateType::Choice) => StateKind::Choice(Choice {
            branches: r.list(node, "Branches").unwrap_or_default().iter().map(|b| lower_choice_branch(r, b)).collect(),
            branches_span: node.get("Branches").map(|n| n.span),
            default: r.string(node, "Default"),
        }),
        Some(StateType::Parallel) => StateKind::Parallel(Parallel {
            branches: r.list(node, "Branches").unwrap_or_default().iter().map(|b| lower_scope(r, b)).collect(),
            branches_span: node.get("Branches").map(|n| n.span),
        }),
        Some(StateType::Map) => StateKind::Map(Box::new(lower_map(r, node))),
        Some(StateType::Wait) => StateKind::Wait(Wait {
            seconds: r.number(node, "Seconds"),
            seconds_expr: r.expression(node, "Seconds.$"),
            until_date_time: r.string(node, "UntilDateTime"),
        }),
        Some(StateType::Fail) => {
            StateKind::Fail(Fail { code: r.string(node, "Code"), detail: r.string(node, "Detail") })
        }
    };
    let retry = r.list(node, "Retry").unwrap_or_default().iter().map(|n| lower_retrier(r, n)).collect();
    let catch = r.list(node, "Catch").unwrap_or_default().iter().map(|n| lower_catcher(r, n)).collect();
    State {
        span: node.span,
        name: r.string(node, "Name"),
        type_,
        description: r.string(node, "Description"),
        input_constructor: r.constructor(node, "InputConstructor"),
        output_constructor: r.constructor(node, "OutputConstructor"),
        global_constructor: r.constructor(node, "GlobalConstructor"),
        next: r.string(node, "Next"),
        end: r.bool(node, "End"),
        retry,
        catch,
        kind,
        keys: r.keys(node),
    }
}

fn lower_choice_branch(r: &mut Reader<'_>, node: &Node) -> ChoiceBranch {
    ChoiceBranch {
        span: node.span,
        condition: r.expression(node, "Condition"),
        next: r.string(node, "Next"),
        keys: r.keys(node),
    }
}

fn lower_map(r: &mut Reader<'_>, node: &Node) -> MapState {
    let span_of = |key: &str| node.get(key).map(|n| n.span);
    let processor_config = r.mapping(node, "ProcessorConfig");
    let processor_execution_mode = processor_config.and_then(|pc| r.string(pc, "ExecutionMode"));
    MapState {
        items_path: r.expression(node, "ItemsPath"),
        processor: r.mapping(node, "Processor").map(|p| lower_scope(r, p)),
        max_concurrency: r.int(node, "MaxConcurrency"),
        item_constructor: r.constructor(node, "ItemConstructor"),
        processor_execution_mode,
        processor_config: processor_config.map(|n| n.span),
        item_reader: span_of("ItemReader"),
        item_batcher: span_of("ItemBatcher"),
        result_writer: span_of("ResultWriter"),
        max_items: span_of("MaxItems"),
        tolerated_failure_percentage: r.number(node, "ToleratedFailurePercentage"),
        tolerated_failure_count: r.int(node, "ToleratedFailureCount"),
    }
}

fn lower_retrier(r: &mut Reader<'_>, node: &Node) -> Retrier {
    Retrier {
        span: node.span,
        errors: r.string_list(node, "Errors"),
        description: r.string(node, "Description"),
        max_attempts: r.int(node, "MaxAttempts"),
        interval_seconds: r.number(node, "IntervalSeconds"),
        backoff_rate: r.number(node, "BackoffRate"),
        max_backoff_seconds: r.number(node, "MaxBackoffSeconds"),
        keys: r.keys(node),
    }
}

fn lower_catcher(r: &mut Reader<'_>, node: &Node) -> Catcher {
    Catcher {
        span: node.span,
        errors: r.string_list(node, "Errors"),
        description: r.string(node, "Description"),
        output_constructor: r.constructor(node, "OutputConstructor"),
        next: r.string(node, "Next"),
        keys: r.keys(node),
    }
}
