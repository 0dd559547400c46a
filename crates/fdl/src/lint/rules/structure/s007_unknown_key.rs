use crate::lint::rules::prelude::*;
use crate::lint::rules::schema;

declare_rule! {
    /// ## What it checks
    /// Keys of states, branches, retriers and catchers that no state type documents. Keys are
    /// case-sensitive.
    ///
    /// ## Why
    /// An unknown key is usually a typo (`Nxt`, `inputConstructor`) that the service ignores or
    /// rejects; whether it rejects is UNCERTAIN (spec §3), hence a warning.
    ///
    /// ## Example
    /// ```yaml
    /// - Type: Pass
    ///   Name: A
    ///   outputConstructor: {a: 1}
    ///   End: true
    /// ```
    ///
    /// ## Fix
    /// Use the suggested spelling (`OutputConstructor`).
    ///
    /// ## Fix safety
    /// Unsafe: the service may accept and ignore the unknown key (UNCERTAIN), and the rename makes it
    /// take effect (an `OutputConstructor` now shapes the output, a `Next` now moves on), which
    /// changes what runs; the suggestion is also a guess. No fix is offered when the suggested key is
    /// already in the mapping.
    pub struct UnknownKey {
        code: "FDL-S007",
        name: "unknown-key",
        category: Structure,
        severity: Warning,
        summary: "unknown key in a state",
    }
}

impl UnknownKey {
    fn check_keys(keys: &[KeySpan], allowed: &[&str], where_: &str, out: &mut Vec<Diagnostic>) {
        for key in keys {
            if allowed.contains(&key.name.as_str()) {
                continue;
            }
            let mut d = report(&Self::META, key.key, format!("unknown key `{}` in {where_}", key.name));
            if let Some(s) = did_you_mean(&key.name, allowed.iter().copied()) {
                d = d.with_help(format!("did you mean `{s}`?")).with_fix(Fix::replace(
                    format!("rename to `{s}`"),
                    key.key,
                    s,
                    Applicability::Unsafe,
                ));
            } else {
                d = d.with_help(format!("known keys here: {}", allowed.join(", ")));
            }
            out.push(d);
        }
    }

    /// Reports the keys of `state` that belong to no state type.
    fn check_state_keys(state: &State, all: &[&str], out: &mut Vec<Diagnostic>) {
        let unknown: Vec<KeySpan> = state
            .keys
            .iter()
            .filter(|k| {
                !all.contains(&k.name.as_str()) && !schema::KEYS_WITH_DEDICATED_RULES.contains(&k.name.as_str())
            })
            .cloned()
            .collect();
        let allowed: Vec<&str> = match state.state_type() {
            Some(t) => schema::COMMON_STATE_KEYS.iter().chain(schema::specific_keys(t)).copied().collect(),
            None => all.to_vec(),
        };
        let kind = state.state_type().map_or("state".to_owned(), |t| format!("{} state", t.as_str()));
        Self::check_keys(&unknown, &allowed, &format!("a {kind}"), out);
    }
}

impl Rule for UnknownKey {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        let all = schema::all_state_keys();
        for_each_scope(flow, &mut |scope, owner, _| {
            if owner.is_some() {
                Self::check_keys(
                    &scope.keys,
                    schema::SCOPE_KEYS,
                    "a branch or processor (only StartAt and States)",
                    out,
                );
            }
        });
        for_each_state(flow, &mut |state, _, _| {
            // Nearly every state has only keys of its type: say so without building the lists.
            let expected = |k: &KeySpan| {
                state.state_type().is_some_and(|t| schema::allowed(t, &k.name))
                    || schema::KEYS_WITH_DEDICATED_RULES.contains(&k.name.as_str())
            };
            if !state.keys.iter().all(expected) {
                Self::check_state_keys(state, &all, out);
            }
            if let StateKind::Choice(choice) = &state.kind {
                for b in &choice.branches {
                    Self::check_keys(&b.keys, schema::CHOICE_BRANCH_KEYS, "a Choice branch", out);
                }
            }
            for r in &state.retry {
                Self::check_keys(&r.keys, schema::RETRIER_KEYS, "a retrier", out);
            }
            for c in &state.catch {
                Self::check_keys(&c.keys, schema::CATCHER_KEYS, "a catcher", out);
            }
        });
    }
}
