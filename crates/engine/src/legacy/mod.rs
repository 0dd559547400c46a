//! The legacy dialect (`version: v1`, `type: flow`, `steps:`; spec §15), run natively with its
//! own data model on the engine's run: the same clock, limits, history, invoker (mocks by step
//! name) and expression evaluation as the current dialect.
//!
//! Layout: this module runs the flow and its step lists (sibling order, `end`, `goto`,
//! `succeed`); `data` is the data model (input/output/local, mappings, legacy paths,
//! conditions); `steps` runs one step of each type; `task` is a task's call, retry and timeout.
//!
//! ## Semantics (spec §15.3) and the choices made where the spec is INFERRED or silent
//! - Every step has an input, an output and a local (JSON objects). Default input: the parent's
//!   input merged with the parent's local (local wins); with `inputMappings`, the mappings read
//!   the parent's input (`$input`) and local (`$local`). Default output: the step's local, except
//!   `parallel` and `foreach`, which output `{}` without `outputMappings`. A parent's local is
//!   the union of its children's outputs so far, in order. So a `pass` without mappings outputs
//!   `{}`. An empty mapping list counts as absent (as the migration treats it, INFERRED).
//! - Local per type: task = the call's result; parallel = array of branch outputs (a branch's
//!   output is its local: the union of its steps' outputs); foreach = array of iteration outputs;
//!   choice = the union of the chosen branch's step outputs (a choice's nested steps are its
//!   children, spec §15.3); pass/wait/succeed = `{}`.
//! - The flow: `inputMappings` read the execution input; the execution output is the flow's
//!   `outputMappings` over the flow's input and local, else the flow's local.
//! - `goto` (choice branches, `default`, task `catch`) names a sibling of the step holding it;
//!   jumping backwards loops, bounded by the engine's transition, event and time limits (each
//!   step run is one transition). `end: true` ends the step's own list (a `goto` wins over it).
//! - `succeed` ends the enclosing flow, parallel branch or foreach iteration, through any choice
//!   branches it is nested in (INFERRED: as the current Succeed ends its scope, and as the
//!   migration, which hoists choice branches into the enclosing scope, behaves).
//! - `fail` without `error` fails with `FnF.Failed` (as a current Fail without `Code`).
//! - `foreach`: the iteration input is the foreach's input plus `item` (and `index`) (spec,
//!   INFERRED); at most 100 iterations at a time on the clock; a collection that is not an array
//!   fails the step (`FnF.InvalidInput`); the Map item limit applies.
//! - A failed parallel branch or foreach iteration fails the step (the first one, in order).
//! - Sizes: input + output + local of a step ≤ 32 KiB (spec §15.3) when the run has the
//!   service's payload limit; a run with a changed `maxPayloadBytes` uses that value instead.
//! - History: the spec lists no legacy-specific event names, so the current ones are used
//!   (INFERRED): `StepEntered`/`StepStarted`/`StepSucceeded`/`StepFailed`/`StepExited` per step,
//!   `BranchEntered`/`BranchExited` per parallel branch, `IterationEntered`/`IterationExited`
//!   per foreach iteration, and the Task events per call attempt. A choice records no branch
//!   events (its nested steps record their own).
//! - `loop` (spec §15.8b, whose semantics the spec INFERS from the editor schema):
//!   `preCondition` before each pass, `postCondition` after it, either false leaves; the loop's
//!   local carries over between passes and its conditions read its input merged with that local
//!   (see `steps::legacy_loop`). Its default output is its local, as a choice's.

mod data;
mod steps;
mod task;

use std::borrow::Cow;
use std::sync::Arc;

use fdl::model::{LegacyFlow, StepList};
use serde_json::{Value, json};

use crate::interpreter::{Boxed, Failure, Gate, Run, errors, timed_out};
use data::{Sources, apply_mappings, non_empty};

/// How a step list ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ListEnd {
    /// Its last step ran, or a step with `end: true`.
    Done,
    /// A `succeed` step ended it (and its enclosing choice branches).
    Succeeded,
}

impl Run<'_> {
    /// Runs a legacy flow: its input mappings, its steps, its output (see the module docs).
    pub(crate) async fn run_legacy(
        &self,
        flow: &LegacyFlow,
        input: Arc<Value>,
        start: i64,
    ) -> (Result<Value, Failure>, i64) {
        let empty = json!({});
        let flow_input = match non_empty(&flow.input_mappings) {
            Some(m) => Arc::new(apply_mappings(m, &Sources { input: &input, local: &empty, token: None })),
            None => input,
        };
        let mut local = json!({});
        let (r, t) = self.run_list(&flow.steps, &flow_input, &mut local, start).await;
        match r {
            Err(f) => (Err(f), t),
            Ok(_) => {
                let output = match non_empty(&flow.output_mappings) {
                    Some(m) => apply_mappings(m, &Sources { input: &flow_input, local: &local, token: None }),
                    None => local,
                };
                (Ok(output), t)
            }
        }
    }

    /// Runs a list of sibling steps whose parent has `parent_input`; each step's output is
    /// merged into `parent_local` (a JSON object) as it finishes.
    pub(crate) fn run_list<'s>(
        &'s self,
        list: &'s StepList,
        parent_input: &'s Value,
        parent_local: &'s mut Value,
        start_ms: i64,
    ) -> Boxed<'s, (Result<ListEnd, Failure>, i64)> {
        Box::pin(async move {
            let mut index = 0;
            let mut t = start_ms;
            while let Some(step) = list.steps.get(index) {
                if let Err(f) = self.count_transition("step", "is there a goto loop without an exit?") {
                    return (Err(f), t);
                }
                // A step's pending input is its default input (built only for a supervisor).
                let name = step.name().unwrap_or("");
                let pending = || Cow::Owned(data::merged(parent_input, parent_local));
                match self.before_next(name, pending, t).await {
                    Gate::Go => {}
                    Gate::End(f, at) => return (Err(f), at),
                    Gate::Stopped(fatal) => return (fatal.map(|_| ListEnd::Done), t),
                }
                let (result, end) = self.run_step(step, parent_input, parent_local, t).await;
                if end > self.deadline_ms {
                    self.end_execution(timed_out());
                    return (Err(timed_out()), self.deadline_ms);
                }
                t = end;
                if let Err(f) = self.check_fatal() {
                    return (Err(f), t);
                }
                let out = match result {
                    Err(f) => return (Err(f), t),
                    Ok(out) => out,
                };
                data::absorb(parent_local, &out.output);
                if out.succeeded {
                    return (Ok(ListEnd::Succeeded), t);
                }
                match out.goto {
                    Some(target) => match list.steps.iter().position(|s| s.name() == Some(target)) {
                        Some(i) => index = i,
                        None => {
                            let f = Failure::new(
                                errors::INVALID_INPUT,
                                format!("`goto: {target}` in `{name}` names no sibling step"),
                            );
                            return (Err(f), t);
                        }
                    },
                    None if step.end.as_ref().is_some_and(|e| e.value) => return (Ok(ListEnd::Done), t),
                    None => index += 1,
                }
            }
            (Ok(ListEnd::Done), t)
        })
    }
}

/// A step's name as an event's step name.
fn step_name(name: &str) -> Arc<str> {
    Arc::from(name)
}
