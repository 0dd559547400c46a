use super::walk::for_each_step;
use crate::lint::rules::near_miss::{self, Dialect};
use crate::lint::rules::prelude::*;
use crate::model::fields::legacy as keys;

declare_rule! {
    /// ## What it checks
    /// Keys that the legacy dialect does not document anywhere in a legacy flow: the root, every
    /// step (with the keys of its type), and the mappings inside steps: `choices` items
    /// (`condition`, `steps`, `goto`), `default` (`steps`, `goto`), `branches` items (`steps`),
    /// `iterationMapping` (`collection`, `item`, `index`), `retry` and `catch` items and mapping
    /// items (`target`, `source`) (Alibaba's editor schema allows no other key in any
    /// of them). Keys are lowerCamelCase and case-sensitive.
    ///
    /// ## Why
    /// An unknown key is ignored or rejected, never obeyed. `next:` in a choice, written where
    /// `goto:` is meant, leaves the choice to fall through to the following step.
    ///
    /// A misspelling of a key that the mapping then lacks and needs (`tpye`, `resourceArm`,
    /// `colection`) is an error: it is the cause, and the rules that would report the missing key
    /// stay quiet about it. So is a misspelled `goto`, which changes where the flow goes.
    ///
    /// ## Example
    /// ```yaml
    /// version: v1
    /// type: flow
    /// steps:
    ///   - type: pass
    ///     name: a
    ///     outputMapping: []
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// version: v1
    /// type: flow
    /// steps:
    ///   - type: pass
    ///     name: a
    /// ```
    ///
    /// ## Fix
    /// Use the suggested spelling (`goto`; `next`/`Next` are the current dialect's name for it).
    ///
    /// ## Fix safety
    /// Safe only when the mapping is invalid without the key the rename supplies (a missing
    /// `Next`, `Type` or `StartAt`): the service rejects the file as written, and the rename
    /// completes it in the one way its text suggests. Unsafe otherwise: the service may accept
    /// and ignore the unknown key (the documentation does not say), and the rename makes it take effect. No fix is
    /// offered when the suggested key is already in the mapping.
    pub struct LegacyUnknownKey {
        code: "FDL-L013",
        name: "legacy-unknown-key",
        category: Legacy,
        severity: Warning,
        summary: "unknown key in a legacy flow or step",
    }
}

fn check_keys(keys: &[KeySpan], allowed: &[&str], place: &str, out: &mut Vec<Diagnostic>) {
    for k in keys.iter().filter(|k| !allowed.contains(&k.name.as_str())) {
        out.push(near_miss::unknown_key(&LegacyUnknownKey::META, Dialect::Legacy, k, keys, allowed, place));
    }
}

fn check_mappings(list: &Option<Vec<Mapping>>, out: &mut Vec<Diagnostic>) {
    for m in list.iter().flatten() {
        check_keys(&m.keys, keys::MAPPING, "a mapping item", out);
    }
}

fn check_step(step: &Step, out: &mut Vec<Diagnostic>) {
    match &step.type_ {
        // An unknown type is FDL-L003's finding; which keys it takes is unknown.
        Some(t) if StepType::parse(&t.value).is_none() => {}
        Some(t) => check_keys(&step.keys, &keys::step_allowed(step), &format!("a {} step", t.value), out),
        // Without a type (perhaps a misspelled `tpye`), keys of every type are allowed.
        None => check_keys(&step.keys, &keys::step_allowed(step), "a step", out),
    }
    check_mappings(&step.input_mappings, out);
    check_mappings(&step.output_mappings, out);
    match &step.kind {
        StepKind::Task(task) => {
            check_mappings(&task.error_mappings, out);
            for r in &task.retry {
                check_keys(&r.keys, keys::RETRY, "a retry item", out);
            }
            for c in &task.catch {
                check_keys(&c.keys, keys::CATCH, "a catch item", out);
            }
        }
        StepKind::Choice(choice) => {
            for b in &choice.choices {
                check_keys(&b.keys, keys::CHOICE_ITEM, "a choice item", out);
            }
            if let Some(d) = &choice.default {
                check_keys(&d.keys, keys::CHOICE_DEFAULT, "a choice's `default`", out);
            }
        }
        StepKind::Parallel(p) => {
            for b in &p.branch_keys {
                check_keys(b, keys::BRANCH, "a parallel branch", out);
            }
        }
        StepKind::Foreach(f) => {
            check_keys(&f.iteration_mapping_keys, keys::ITERATION_MAPPING, "`iterationMapping`", out);
        }
        StepKind::Pass
        | StepKind::Wait(_)
        | StepKind::Succeed
        | StepKind::Fail(_)
        | StepKind::Loop(_)
        | StepKind::Unknown => {}
    }
}

impl Rule for LegacyUnknownKey {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_legacy() else { return };
        check_keys(&flow.keys, keys::ROOT, "the flow's top level", out);
        check_mappings(&flow.input_mappings, out);
        check_mappings(&flow.output_mappings, out);
        for_each_step(flow, &mut |step, _| check_step(step, out));
    }
}
