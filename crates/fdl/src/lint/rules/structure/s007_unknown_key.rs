use crate::lint::rules::near_miss::{self, Dialect};
use crate::lint::rules::prelude::*;
use crate::model::fields;

declare_rule! {
    /// ## What it checks
    /// Keys of states, branches, retriers and catchers that no state type documents. Keys are
    /// case-sensitive.
    ///
    /// ## Why
    /// An unknown key is usually a typo (`Nxt`, `inputConstructor`) that the service ignores or
    /// rejects; the documentation does not say which, hence a warning.
    ///
    /// A misspelling of a key the state then lacks and needs (`Nxt` for `Next`, `Tpye` for
    /// `Type`; also transpositions) is an **error**: it is the cause, and the rules that would
    /// report its consequences (FDL-S030 "neither `Next` nor `End`", FDL-S004, FDL-S011,
    /// unreachable states) stay quiet about it.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Pass
    ///     Name: A
    ///     outputConstructor:
    ///       a: 1
    ///     Nxt: Done
    ///   - Type: Succeed
    ///     Name: Done
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Pass
    ///     Name: A
    ///     OutputConstructor:
    ///       a: 1
    ///     Next: Done
    ///   - Type: Succeed
    ///     Name: Done
    /// ```
    ///
    /// ## Fix
    /// Use the suggested spelling (`OutputConstructor`, `Next`).
    ///
    /// ## Fix safety
    /// Safe only when the mapping is invalid without the key the rename supplies (a missing
    /// `Next`, `Type` or `StartAt`): the service rejects the file as written, and the rename
    /// completes it in the one way its text suggests. Unsafe otherwise: the service may accept
    /// and ignore the unknown key (the documentation does not say), and the rename makes it take effect. No fix is
    /// offered when the suggested key is already in the mapping.
    pub struct UnknownKey {
        code: "FDL-S007",
        name: "unknown-key",
        category: Structure,
        severity: Warning,
        summary: "unknown key in a state",
    }
}

impl UnknownKey {
    /// Reports `unknown`, keys of a mapping whose keys are `keys` and documented keys `allowed`.
    fn check_keys(unknown: &[&KeySpan], keys: &[KeySpan], allowed: &[&str], place: &str, out: &mut Vec<Diagnostic>) {
        for key in unknown {
            out.push(near_miss::unknown_key(&Self::META, Dialect::Current, key, keys, allowed, place));
        }
    }

    fn check_mapping(keys: &[KeySpan], allowed: &[&str], place: &str, out: &mut Vec<Diagnostic>) {
        let unknown: Vec<&KeySpan> = keys.iter().filter(|k| !allowed.contains(&k.name.as_str())).collect();
        Self::check_keys(&unknown, keys, allowed, place, out);
    }

    /// Reports the keys of `state` that belong to no state type.
    fn check_state_keys(state: &State, all: &[&str], out: &mut Vec<Diagnostic>) {
        let unknown: Vec<&KeySpan> = state
            .keys
            .iter()
            .filter(|k| {
                !all.contains(&k.name.as_str()) && !fields::KEYS_WITH_DEDICATED_RULES.contains(&k.name.as_str())
            })
            .collect();
        let kind = state.state_type().map_or("state".to_owned(), |t| format!("{} state", t.as_str()));
        Self::check_keys(&unknown, &state.keys, &fields::state_allowed(state), &format!("a {kind}"), out);
    }
}

impl Rule for UnknownKey {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        let all = fields::all_state_keys();
        for_each_scope(flow, &mut |scope, owner, _| {
            if owner.is_some() {
                Self::check_mapping(
                    &scope.keys,
                    fields::SCOPE_KEYS,
                    "a branch or processor (only StartAt and States)",
                    out,
                );
            }
        });
        for_each_state(flow, &mut |state, _, _| {
            // Nearly every state has only keys of its type: say so without building the lists.
            let expected = |k: &KeySpan| {
                state.state_type().is_some_and(|t| fields::allowed(t, &k.name))
                    || fields::KEYS_WITH_DEDICATED_RULES.contains(&k.name.as_str())
            };
            if !state.keys.iter().all(expected) {
                Self::check_state_keys(state, &all, out);
            }
            if let StateKind::Choice(choice) = &state.kind {
                for b in &choice.branches {
                    Self::check_mapping(&b.keys, fields::CHOICE_BRANCH_KEYS, "a Choice branch", out);
                }
            }
            for r in &state.retry {
                Self::check_mapping(&r.keys, fields::RETRIER_KEYS, "a retrier", out);
            }
            for c in &state.catch {
                Self::check_mapping(&c.keys, fields::CATCHER_KEYS, "a catcher", out);
            }
        });
    }
}
