//! The line diff of the migration preview (legacy → current dialect).

use similar::ChangeTag;
use similar::algorithms::{Capture, Replace, myers};

/// Every line of `old` and `new` (with its line break) tagged kept, deleted or inserted, in order.
/// Myers' algorithm called directly rather than through `similar::TextDiff`, whose run-time
/// choice of algorithm links all three (≈4 KB brotli of the playground's first load).
pub fn lines<'a>(old: &'a str, new: &'a str) -> Vec<(ChangeTag, &'a str)> {
    let old: Vec<&str> = old.split_inclusive('\n').collect();
    let new: Vec<&str> = new.split_inclusive('\n').collect();
    // Replace: a changed line reads as its old line then its new one (as `TextDiff` shows it).
    let mut capture = Replace::new(Capture::new());
    // Capture's hook never fails.
    let _ = myers::diff(&mut capture, &old, 0..old.len(), &new, 0..new.len());
    capture
        .into_inner()
        .into_ops()
        .iter()
        .flat_map(|op| op.iter_changes(&old, &new))
        .map(|c| (c.tag(), c.value()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_every_line_in_order() {
        let diff = lines("version: v1\ntype: flow\nsteps:\n", "Type: StateMachine\nsteps:\n");
        assert_eq!(
            diff,
            [
                (ChangeTag::Delete, "version: v1\n"),
                (ChangeTag::Delete, "type: flow\n"),
                (ChangeTag::Insert, "Type: StateMachine\n"),
                (ChangeTag::Equal, "steps:\n"),
            ]
        );
        assert_eq!(lines("", ""), []);
        assert_eq!(lines("a", "a\n"), [(ChangeTag::Delete, "a"), (ChangeTag::Insert, "a\n")]);
    }
}
