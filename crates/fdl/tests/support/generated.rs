//! The generated workflow of the lint benchmark, shared with the tests that check the fast YAML
//! path takes it (`#[path]`-included by `benches/lint_throughput.rs` and `tests/fast_yaml.rs`).

/// A chain of states cycling through Pass, Task (with Retry/Catch and expressions), Choice, Wait.
pub fn workflow(states: usize) -> String {
    let mut s = String::from("Type: StateMachine\nName: bench\nSpecVersion: v1\nStartAt: S0\nStates:\n");
    for i in 0..states {
        let next = if i + 1 == states { "    End: true\n".to_owned() } else { format!("    Next: S{}\n", i + 1) };
        match i % 4 {
            0 => s.push_str(&format!(
                "  - Type: Pass\n    Name: S{i}\n    InputConstructor:\n      id.$: $Context.Execution.Input.id\n      n: {i}\n{next}"
            )),
            1 => s.push_str(&format!(
                "  - Type: Task\n    Name: S{i}\n    Action: FC:InvokeFunction\n    TaskMode: RequestComplete\n    Parameters:\n      resourceArn: acs:fc:cn-hangzhou:123:functions/f/LATEST\n      invocationType: Sync\n      body:\n        id.$: $Input.id\n    Retry:\n      - Description: throttled\n        Errors: [FC.ResourceThrottled]\n        MaxAttempts: 3\n        IntervalSeconds: 1\n    OutputConstructor:\n      id.$: $Output.Body.id\n{next}"
            )),
            2 if i + 1 < states => s.push_str(&format!(
                "  - Type: Choice\n    Name: S{i}\n    Branches:\n      - Condition: $Input.id == \"x\" && length($Input.id) > 0\n        Next: S{}\n    Default: S{}\n",
                i + 1,
                i + 1
            )),
            _ => s.push_str(&format!("  - Type: Wait\n    Name: S{i}\n    Seconds: 1\n{next}")),
        }
    }
    s
}
