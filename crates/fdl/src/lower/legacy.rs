//! Lowering of the legacy dialect (spec §15).

use super::reader::Reader;
use crate::model::{
    LegacyCatch, LegacyChoice, LegacyChoiceBranch, LegacyChoiceDefault, LegacyFail, LegacyFlow, LegacyForeach,
    LegacyLoop, LegacyParallel, LegacyRetry, LegacyTask, LegacyWait, Mapping, Spanned, Step, StepKind, StepList,
    StepType,
};
use crate::yaml::Node;

pub(super) fn lower_flow(r: &mut Reader<'_>, root: &Node) -> LegacyFlow {
    LegacyFlow {
        span: root.span,
        version: r.string(root, "version"),
        type_: r.string(root, "type"),
        name: r.string(root, "name"),
        steps: step_list(r, root),
        input_mappings: mappings(r, root, "inputMappings"),
        output_mappings: mappings(r, root, "outputMappings"),
        timeout_seconds: r.int(root, "timeoutSeconds"),
        keys: r.keys(root),
    }
}

fn step_list(r: &mut Reader<'_>, owner: &Node) -> StepList {
    let node = owner.get("steps");
    let steps = r.list(owner, "steps").unwrap_or_default().iter().map(|n| lower_step(r, n)).collect();
    StepList { span: node.map_or(owner.span, |n| n.span), present: node.is_some(), steps }
}

fn mappings(r: &mut Reader<'_>, owner: &Node, key: &str) -> Option<Vec<Mapping>> {
    let items = r.list(owner, key)?;
    Some(
        items
            .iter()
            .map(|n| Mapping {
                span: n.span,
                target: r.string(n, "target"),
                source: n.get("source").map(|s| Spanned::new(s.to_json(), s.span)),
                keys: r.keys(n),
            })
            .collect(),
    )
}

fn lower_step(r: &mut Reader<'_>, node: &Node) -> Step {
    let type_ = r.string(node, "type");
    let kind = match type_.as_ref().and_then(|t| StepType::parse(&t.value)) {
        None => StepKind::Unknown,
        Some(StepType::Pass) => StepKind::Pass,
        Some(StepType::Succeed) => StepKind::Succeed,
        Some(StepType::Task) => StepKind::Task(LegacyTask {
            resource_arn: r.string(node, "resourceArn"),
            action: r.string(node, "action"),
            pattern: r.string(node, "pattern"),
            timeout_seconds: r.int(node, "timeoutSeconds"),
            service_params: r.constructor(node, "serviceParams"),
            error_mappings: mappings(r, node, "errorMappings"),
            retry: r
                .list(node, "retry")
                .unwrap_or_default()
                .iter()
                .map(|n| LegacyRetry {
                    span: n.span,
                    errors: r.string_list(n, "errors"),
                    interval_seconds: r.number(n, "intervalSeconds"),
                    max_interval_seconds: r.number(n, "maxIntervalSeconds"),
                    max_attempts: r.int(n, "maxAttempts"),
                    multiplier: r.number(n, "multiplier"),
                    keys: r.keys(n),
                })
                .collect(),
            catch: r
                .list(node, "catch")
                .unwrap_or_default()
                .iter()
                .map(|n| LegacyCatch {
                    span: n.span,
                    errors: r.string_list(n, "errors"),
                    goto: r.string(n, "goto"),
                    keys: r.keys(n),
                })
                .collect(),
        }),
        Some(StepType::Wait) => StepKind::Wait(LegacyWait {
            duration: node.get("duration").map(|n| Spanned::new(n.to_json(), n.span)),
            timestamp: node.get("timestamp").map(|n| Spanned::new(n.to_json(), n.span)),
        }),
        Some(StepType::Fail) => {
            StepKind::Fail(LegacyFail { error: r.string(node, "error"), cause: r.string(node, "cause") })
        }
        Some(StepType::Choice) => StepKind::Choice(LegacyChoice {
            choices: r
                .list(node, "choices")
                .unwrap_or_default()
                .iter()
                .map(|n| LegacyChoiceBranch {
                    span: n.span,
                    condition: r.string(n, "condition"),
                    steps: step_list(r, n),
                    goto: r.string(n, "goto"),
                    keys: r.keys(n),
                })
                .collect(),
            default: r.mapping(node, "default").map(|d| LegacyChoiceDefault {
                span: d.span,
                steps: step_list(r, d),
                goto: r.string(d, "goto"),
                keys: r.keys(d),
            }),
        }),
        Some(StepType::Parallel) => {
            let items = r.list(node, "branches").unwrap_or_default();
            StepKind::Parallel(LegacyParallel {
                branches: items.iter().map(|b| step_list(r, b)).collect(),
                branch_keys: items.iter().map(|b| r.keys(b)).collect(),
                branches_span: node.get("branches").map(|n| n.span),
            })
        }
        Some(StepType::Loop) => StepKind::Loop(LegacyLoop {
            pre_condition: r.string(node, "preCondition"),
            post_condition: r.string(node, "postCondition"),
            steps: step_list(r, node),
        }),
        Some(StepType::Foreach) => {
            let mapping = r.mapping(node, "iterationMapping");
            StepKind::Foreach(LegacyForeach {
                collection: mapping.and_then(|m| r.string(m, "collection")),
                item: mapping.and_then(|m| r.string(m, "item")),
                index: mapping.and_then(|m| r.string(m, "index")),
                iteration_mapping: mapping.map(|m| m.span),
                iteration_mapping_keys: mapping.map(|m| r.keys(m)).unwrap_or_default(),
                steps: step_list(r, node),
            })
        }
    };
    Step {
        span: node.span,
        name: r.string(node, "name"),
        type_,
        end: r.bool(node, "end"),
        input_mappings: mappings(r, node, "inputMappings"),
        output_mappings: mappings(r, node, "outputMappings"),
        kind,
        keys: r.keys(node),
    }
}
