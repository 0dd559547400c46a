//! Walking the steps of a legacy flow.

use crate::model::{LegacyFlow, Step, StepList};

/// Calls `f` for every step list (the flow's, then nested ones, depth first).
pub fn for_each_list<'a>(flow: &'a LegacyFlow, f: &mut dyn FnMut(&'a StepList)) {
    fn walk<'a>(list: &'a StepList, f: &mut dyn FnMut(&'a StepList)) {
        f(list);
        for step in &list.steps {
            for child in step.child_lists() {
                walk(child, f);
            }
        }
    }
    walk(&flow.steps, f);
}

/// Calls `f` for every step with the list it belongs to.
pub fn for_each_step<'a>(flow: &'a LegacyFlow, f: &mut dyn FnMut(&'a Step, &'a StepList)) {
    for_each_list(flow, &mut |list| {
        for step in &list.steps {
            f(step, list);
        }
    });
}

/// Whether `text` is a legacy path: `$`, `$.a.b`, `$input.x`, `$local[*].name`, `$context.task.token`.
pub fn is_legacy_path(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('$') else { return false };
    let rest = ["input", "local", "context"].iter().find_map(|r| rest.strip_prefix(r)).unwrap_or(rest);
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '.' => {
                let mut n = 0;
                while chars.peek().is_some_and(|c| c.is_alphanumeric() || *c == '_' || *c == '-') {
                    chars.next();
                    n += 1;
                }
                if n == 0 {
                    return false;
                }
            }
            '[' => {
                let mut inner = String::new();
                for c in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                    inner.push(c);
                }
                if !(inner == "*" || (!inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit()))) {
                    return false;
                }
            }
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    #[test]
    fn legacy_paths() {
        for ok in ["$", "$.a", "$input.a.b", "$local[*].name", "$local[0].x", "$context.task.token", "$input"] {
            assert!(super::is_legacy_path(ok), "{ok}");
        }
        for bad in ["$local.cause // comment", "$input.", "$local[x]", "input.a", "$.a b"] {
            assert!(!super::is_legacy_path(bad), "{bad}");
        }
    }
}
