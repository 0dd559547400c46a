//! The write guard of real mode: which calls of a workflow write (by [`catalog::access`]), and
//! what the invoker does before sending one: send it, refuse it, or ask once per run.

use std::cell::RefCell;

use catalog::access::is_write;
use fdl::model::{Flow, LegacyFlow, StateKind, StepKind, StepList};
use futures::FutureExt;
use futures::future::{LocalBoxFuture, Shared};

/// What real mode does with a call that writes.
pub enum WritePolicy {
    /// Send it.
    Allow,
    /// Refuse it (read-only): the Task fails with [`WRITE_REFUSED`] and a cause ending in `hint`
    /// (how to allow writes: a CLI flag, a switch on the page).
    Refuse { hint: String },
    /// Ask before the first write of the run; the answer holds for the rest of the run. The
    /// question is asynchronous: the playground runs in a Web Worker and asks the page.
    Ask(Box<dyn Fn() -> LocalBoxFuture<'static, bool>>),
}

/// Error name of a Task whose write was refused.
pub const WRITE_REFUSED: &str = "FnF.WriteRefused";

/// The policy with its per-run answer.
pub(crate) struct WriteGuard {
    pub policy: WritePolicy,
    /// The one question of the run, shared: writes of parallel branches that come while it is
    /// open wait for the same answer instead of asking again.
    answer: RefCell<Option<Shared<LocalBoxFuture<'static, bool>>>>,
}

impl WriteGuard {
    pub fn new(policy: WritePolicy) -> Self {
        Self { policy, answer: RefCell::new(None) }
    }

    /// `None` when `action` may be sent, else why not.
    pub async fn check(&self, action: &str) -> Option<String> {
        if !is_write(action) {
            return None;
        }
        match &self.policy {
            WritePolicy::Allow => None,
            WritePolicy::Refuse { hint } => Some(format!("{action} writes and writes are not allowed; {hint}")),
            WritePolicy::Ask(ask) => {
                let answer = self.answer.borrow_mut().get_or_insert_with(|| ask().shared()).clone();
                let allowed = answer.await;
                (!allowed).then(|| format!("{action} writes and sending writes was declined for this run"))
            }
        }
    }
}

/// Whether real mode sends `service:operation` for real (the optimized integrations other than
/// `FC:InvokeFunction` and `FNF:StartExecution` are answered by the mocks).
fn sent_for_real(service: &str, operation: &str) -> bool {
    let optimized =
        catalog::OPTIMIZED.iter().any(|(s, o)| s.eq_ignore_ascii_case(service) && (*o == "*" || *o == operation));
    !optimized
        || (service.eq_ignore_ascii_case("FC") && operation == "InvokeFunction")
        || (service.eq_ignore_ascii_case("FNF") && operation == "StartExecution")
}

/// The distinct actions of `flow` (at every depth) that real mode would send and that write, in
/// order of first appearance: what a confirmation lists.
pub fn write_actions(flow: &Flow) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    fdl::model::visit::for_each_state(flow, &mut |state, _, _| {
        if let StateKind::Task(task) = &state.kind
            && let Some((service, operation)) = task.service_and_operation()
        {
            note_write(&mut out, service, operation);
        }
    });
    out
}

/// The writes of a workflow in either dialect ([`write_actions`], [`legacy_write_actions`]).
pub fn workflow_write_actions(workflow: &engine::Workflow) -> Vec<String> {
    match workflow {
        engine::Workflow::Current(flow) => write_actions(flow),
        engine::Workflow::Legacy(flow) => legacy_write_actions(flow),
    }
}

/// [`write_actions`] of a legacy flow: its tasks written `action: service:Operation` (a task
/// naming a `resourceArn` is answered by the mocks, see [`legacy_resource_tasks`]).
pub fn legacy_write_actions(flow: &LegacyFlow) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for_each_legacy_task(&flow.steps, &mut |_, task| {
        if let Some((service, operation)) = task.action.as_ref().and_then(|a| a.value.split_once(':')) {
            note_write(&mut out, service, operation);
        }
    });
    out
}

/// The names of a legacy flow's tasks that name a `resourceArn`: real mode cannot call a
/// resource through the relay, so the mocks answer them.
pub fn legacy_resource_tasks(flow: &LegacyFlow) -> Vec<String> {
    let mut out = Vec::new();
    for_each_legacy_task(&flow.steps, &mut |step, task| {
        if task.resource_arn.is_some() && task.action.is_none() {
            out.push(step.name().unwrap_or("(unnamed)").to_owned());
        }
    });
    out
}

fn for_each_legacy_task(list: &StepList, f: &mut dyn FnMut(&fdl::model::Step, &fdl::model::LegacyTask)) {
    for step in &list.steps {
        if let StepKind::Task(task) = &step.kind {
            f(step, task);
        }
        for child in step.child_lists() {
            for_each_legacy_task(child, f);
        }
    }
}

/// Adds `service:operation` to `out` (once) when real mode sends it and it writes.
fn note_write(out: &mut Vec<String>, service: &str, operation: &str) {
    if sent_for_real(service, operation) && is_write(operation) {
        let action = format!("{service}:{operation}");
        if !out.contains(&action) {
            out.push(action);
        }
    }
}

/// An AccessKey ID as it may be shown: the first four and last four characters (`LTAI****abcd`);
/// short IDs show only their last two.
pub fn mask_access_key_id(id: &str) -> String {
    let chars: Vec<char> = id.trim().chars().collect();
    if chars.len() >= 12 {
        let head: String = chars[..4].iter().collect();
        let tail: String = chars[chars.len() - 4..].iter().collect();
        format!("{head}****{tail}")
    } else {
        let tail: String = chars[chars.len().saturating_sub(2)..].iter().collect();
        format!("****{tail}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::executor::block_on;
    use std::cell::Cell;
    use std::rc::Rc;

    fn flow(text: &str) -> Flow {
        let report = fdl::Linter::default().lint(text);
        match report.analysis.document {
            Some(fdl::model::Document::Current(flow)) => flow,
            _ => panic!("not a current flow"),
        }
    }

    #[test]
    fn lists_the_writes_real_mode_would_send() {
        let f = flow(
            "Type: StateMachine\nName: w\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Task\n    Name: A\n    Action: ECS:DescribeInstances\n    Next: B\n  - Type: Task\n    Name: B\n    Action: ECS:DeleteInstance\n    Next: C\n  - Type: Task\n    Name: C\n    Action: HTTP:Invoke\n    Next: D\n  - Type: Parallel\n    Name: D\n    Branches:\n      - StartAt: E\n        States:\n          - Type: Task\n            Name: E\n            Action: FC:InvokeFunction\n            End: true\n      - StartAt: F\n        States:\n          - Type: Task\n            Name: F\n            Action: ECS:DeleteInstance\n            End: true\n    End: true\n",
        );
        assert_eq!(write_actions(&f), ["ECS:DeleteInstance", "FC:InvokeFunction"]);
    }

    #[test]
    fn lists_a_legacy_flows_writes_and_the_tasks_the_mocks_answer() {
        let text = "version: v1\ntype: flow\nsteps:\n  - type: task\n    name: List\n    action: ecs:DescribeInstances\n    serviceParams:\n      RegionId: cn-hangzhou\n  - type: parallel\n    name: Both\n    branches:\n      - steps:\n          - type: task\n            name: Delete\n            action: ecs:DeleteInstance\n            serviceParams:\n              InstanceId: i-1\n      - steps:\n          - type: task\n            name: Notify\n            resourceArn: acs:fc:cn-hangzhou:123:services/s/functions/f\n  - type: task\n    name: DeleteAgain\n    action: ecs:DeleteInstance\n";
        let report = fdl::Linter::default().lint(text);
        let Some(fdl::model::Document::Legacy(flow)) = report.analysis.document else { panic!("not a legacy flow") };
        assert_eq!(legacy_write_actions(&flow), ["ecs:DeleteInstance"]);
        assert_eq!(legacy_resource_tasks(&flow), ["Notify"]);
    }

    #[test]
    fn the_guard_refuses_asks_once_or_allows() {
        let check = |guard: &WriteGuard, action: &str| block_on(guard.check(action));
        assert_eq!(check(&WriteGuard::new(WritePolicy::Allow), "ECS:DeleteInstance"), None);
        let refuse = WriteGuard::new(WritePolicy::Refuse { hint: "pass --allow-writes".into() });
        assert_eq!(check(&refuse, "ECS:DescribeInstances"), None, "reads pass");
        assert!(check(&refuse, "ECS:DeleteInstance").unwrap().contains("--allow-writes"));
        let asked = Rc::new(Cell::new(0));
        let count = asked.clone();
        let ask = WriteGuard::new(WritePolicy::Ask(Box::new(move || {
            count.set(count.get() + 1);
            async { false }.boxed_local()
        })));
        assert_eq!(check(&ask, "ECS:DescribeInstances"), None);
        assert_eq!(asked.get(), 0, "no question before the first write");
        assert!(check(&ask, "ECS:DeleteInstance").unwrap().contains("declined"));
        assert!(check(&ask, "ECS:StopInstance").is_some());
        assert_eq!(asked.get(), 1, "asked once per run");
    }

    #[test]
    fn writes_that_come_while_the_question_is_open_wait_for_its_answer() {
        let (tx, rx) = futures::channel::oneshot::channel::<bool>();
        let rx = RefCell::new(Some(rx));
        let asked = Rc::new(Cell::new(0));
        let count = asked.clone();
        let guard = WriteGuard::new(WritePolicy::Ask(Box::new(move || {
            count.set(count.get() + 1);
            let rx = rx.borrow_mut().take().expect("asked once");
            async move { rx.await.unwrap_or(false) }.boxed_local()
        })));
        // Two parallel branches write before the user has answered; then the user allows.
        let both = futures::future::join(guard.check("ECS:DeleteInstance"), guard.check("ECS:StopInstance"));
        let answer = async {
            tx.send(true).expect("the question is open");
        };
        let ((first, second), ()) = block_on(futures::future::join(both, answer));
        assert_eq!((first, second), (None, None));
        assert_eq!(asked.get(), 1, "one question for both writes");
    }

    #[test]
    fn access_key_ids_are_masked() {
        assert_eq!(mask_access_key_id("LTAI5tQmExampleabcd"), "LTAI****abcd");
        assert_eq!(mask_access_key_id("testid"), "****id");
        assert_eq!(mask_access_key_id(""), "****");
    }
}
