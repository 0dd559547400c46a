//! The content test that tells a workflow from other YAML, shared by the directory walk (bare
//! files) and the hosts (a Markdown block is a workflow only if it passes it).

/// The step types of the legacy dialect.
const LEGACY_STEP_TYPES: &[&str] = &["task", "pass", "choice", "parallel", "foreach", "succeed", "fail", "wait"];

/// A cheap probe of the top-level keys, not a parse: does this YAML look like a workflow?
/// Current dialect: `Type: StateMachine`, or both `StartAt` and `States`. Legacy dialect:
/// `version: v1…` with `type: flow` or `steps`, or a top-level `steps` whose items have a legacy
/// step `type` (the fragments Alibaba's documentation publishes, e.g. the shared corpus's
/// invalid/35-37). Anything else (Compose files, Kubernetes manifests, CI configs such as Cloud
/// Build's `steps` of `name`s or Azure's of `task`s) is left alone by a directory walk.
pub fn looks_like_workflow(text: &str) -> bool {
    let (mut start_at, mut states, mut legacy_version, mut legacy_body) = (false, false, false, false);
    let mut legacy_steps = false;
    for line in text.lines() {
        if legacy_steps && legacy_step_item(line) {
            return true;
        }
        // Top-level keys start in column 0; skip comments, document markers and nested lines.
        if line.is_empty() || line.starts_with([' ', '\t', '#', '-', '.']) {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else { continue };
        let key = unquote(key.trim());
        let value = unquote(value.split(" #").next().unwrap_or("").trim());
        match key {
            "Type" if value == "StateMachine" => return true,
            "StartAt" => start_at = true,
            "States" => states = true,
            "version" if value.starts_with("v1") => legacy_version = true,
            "type" if value == "flow" => legacy_body = true,
            "steps" => {
                legacy_body = true;
                legacy_steps = true;
            }
            _ => {}
        }
        if (start_at && states) || (legacy_version && legacy_body) {
            return true;
        }
    }
    false
}

/// `  - type: task` (or `type: task` further down an item) with a legacy step type.
fn legacy_step_item(line: &str) -> bool {
    let item = line.trim_start().trim_start_matches("- ").trim_start();
    let Some(value) = item.strip_prefix("type:") else { return false };
    let value = unquote(value.split(" #").next().unwrap_or("").trim());
    LEGACY_STEP_TYPES.contains(&value)
}

fn unquote(s: &str) -> &str {
    s.trim_matches(|c| c == '"' || c == '\'')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_probe_knows_workflows_of_both_dialects() {
        assert!(looks_like_workflow("Type: StateMachine\nName: a\n"));
        assert!(looks_like_workflow("# a flow\nName: a\nStartAt: S\nStates:\n  - Name: S\n"));
        assert!(looks_like_workflow("\"Type\": \"StateMachine\"\n"));
        assert!(looks_like_workflow("version: v1beta1\ntype: flow\nsteps:\n  - type: pass\n"));
        assert!(looks_like_workflow("version: v1\nsteps:\n  - type: pass\n"));
        assert!(looks_like_workflow("# a fragment\nsteps:\n  - type: task\n    name: hello\n"));
        assert!(looks_like_workflow("steps:\n  - name: hello\n    type: \"pass\" # greet\n"));
    }

    #[test]
    fn the_probe_leaves_other_yaml_alone() {
        assert!(!looks_like_workflow("version: \"3.8\"\nservices:\n  web:\n    image: nginx\n"));
        assert!(!looks_like_workflow("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  Type: StateMachine\n"));
        assert!(!looks_like_workflow("on: push\njobs:\n  build:\n    steps:\n      - run: make\n"));
        assert!(!looks_like_workflow("States: []\n"));
        assert!(!looks_like_workflow("steps:\n  - name: gcr.io/cloud-builders/docker\n    args: [build]\n"));
        assert!(!looks_like_workflow("steps:\n  - task: NuGetCommand@2\n  - script: make\n"));
        assert!(!looks_like_workflow(""));
    }
}
