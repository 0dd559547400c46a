//! Unknown keys that stand for a key other rules find missing: the cause of a cascade.
//!
//! A misspelled `Nxt: Done` is one mistake with several symptoms: an unknown key (FDL-S007), a
//! state with neither `Next` nor `End` (FDL-S030), an unreachable `Done` (FDL-S014). The cause is
//! reported once, by the unknown-key rule, as an error with the rename. Every rule that reports
//! an absent key first asks [`stand_in`] (or a wrapper below) whether the key is there under
//! another spelling, and stays quiet if so; the state graph reads a misspelled transition as the
//! transition it was meant to be. Both use [`intended`], the same guess the unknown-key rules
//! print, so a consequence is dropped exactly when its cause is reported.

use super::util::did_you_mean;
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::lint::RuleMeta;
use crate::model::fields;
use crate::model::fields::legacy as legacy_keys;
use crate::model::{Catcher, ChoiceBranch, KeySpan, Scope, State, Step};

/// Keys of one dialect (or of AWS States Language) written where the other key has the same
/// role: a legacy choice branch jumps with `goto`, a current one with `Next`. Lower case; matched
/// without regard to case.
const SYNONYMS: &[(&str, &str)] = &[("next", "goto"), ("goto", "next"), ("branches", "choices")];

/// What an unknown key `name` most likely is: a close spelling of an allowed key (case,
/// transposition, a letter or two), else the allowed key with the same role in the other dialect.
pub fn intended<'k>(name: &str, allowed: &[&'k str]) -> Option<&'k str> {
    if let Some(s) = did_you_mean(name, allowed.iter().copied()) {
        return Some(s);
    }
    let lower = name.to_ascii_lowercase();
    let (_, target) = SYNONYMS.iter().find(|(from, _)| *from == lower)?;
    allowed.iter().copied().find(|a| a.eq_ignore_ascii_case(target))
}

/// The key of `keys` that stands for the absent key `wanted`: a key outside `allowed` whose
/// [`intended`] key is `wanted`. `None` when `wanted` is present.
pub fn stand_in<'a>(keys: &'a [KeySpan], allowed: &[&str], wanted: &str) -> Option<&'a KeySpan> {
    if keys.iter().any(|k| k.name == wanted) {
        return None;
    }
    keys.iter().find(|k| !allowed.contains(&k.name.as_str()) && intended(&k.name, allowed) == Some(wanted))
}

/// Which dialect's key rules apply, for [`unknown_key`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Current,
    Legacy,
}

impl Dialect {
    fn structural(self) -> &'static [&'static str] {
        match self {
            Dialect::Current => fields::STRUCTURAL_KEYS,
            Dialect::Legacy => legacy_keys::STRUCTURAL,
        }
    }

    /// Whether the mapping with `keys` needs `key` to be valid or to go where its author meant:
    /// a structural key, except that of the pairs `Next`/`End` and `duration`/`timestamp` one is
    /// enough. A misspelling of such a key is the cause of other findings.
    fn needs(self, key: &str, keys: &[KeySpan]) -> bool {
        let has = |k: &str| keys.iter().any(|x| x.name == k);
        match (self, key) {
            (Dialect::Current, "Next" | "End") => !has("Next") && !has("End"),
            (Dialect::Legacy, "duration" | "timestamp") => !has("duration") && !has("timestamp"),
            _ => self.structural().contains(&key),
        }
    }

    /// Whether the mapping with `keys` is invalid without `key`, so that renaming a misspelling
    /// to it cannot change what a working flow does. `Next`/`End` and `duration`/`timestamp`
    /// are needed only when neither of the pair is there; a legacy choice without `goto` or
    /// `default` is valid (it goes on with the next step), so restoring one changes behaviour.
    fn required(self, key: &str, keys: &[KeySpan]) -> bool {
        !matches!((self, key), (Dialect::Legacy, "goto" | "default")) && self.needs(key, keys)
    }
}

/// The finding of an unknown-key rule (`meta`) for `key`, one of the `keys` of a mapping whose
/// documented keys are `allowed`; `place` names the mapping ("a Pass state").
///
/// A misspelling of a structural key that the mapping lacks (`Nxt` in a state without `Next`)
/// is the cause of the findings the other rules then leave out, so it is an error whatever the
/// rule's default severity. The rename is safe when the mapping is invalid without the key and
/// unsafe otherwise: whether the service ignores an unknown key is UNCERTAIN, and if it
/// does, the rename changes what the flow does.
pub fn unknown_key(
    meta: &RuleMeta,
    dialect: Dialect,
    key: &KeySpan,
    keys: &[KeySpan],
    allowed: &[&str],
    place: &str,
) -> Diagnostic {
    let Some(s) = intended(&key.name, allowed) else {
        return Diagnostic::new(
            meta.code,
            meta.default_severity,
            key.key,
            format!("unknown key `{}` in {place}", key.name),
        )
        .with_help(format!("known keys here: {}", allowed.join(", ")));
    };
    if keys.iter().any(|k| k.name == s) {
        return Diagnostic::new(
            meta.code,
            meta.default_severity,
            key.key,
            format!("unknown key `{}` in {place}", key.name),
        )
        .with_help(format!("did you mean `{s}`? {place} already has `{s}`, so remove one of them"));
    }
    let applicability = if dialect.required(s, keys) { Applicability::Safe } else { Applicability::Unsafe };
    let fix = Fix::replace(format!("rename to `{s}`"), key.key, s, applicability);
    if dialect.needs(s, keys) {
        Diagnostic::new(
            meta.code,
            Severity::Error,
            key.key,
            format!("unknown key `{}` in {place}, which therefore has no `{s}`: did you mean `{s}`?", key.name),
        )
        .with_help(format!("rename `{}` to `{s}` (findings about the missing `{s}` are left out until then)", key.name))
        .with_fix(fix)
    } else {
        Diagnostic::new(meta.code, meta.default_severity, key.key, format!("unknown key `{}` in {place}", key.name))
            .with_help(format!("did you mean `{s}`?"))
            .with_fix(fix)
    }
}

/// The value of a stand-in key as a plain string (quotes removed), for reading a misspelled
/// transition's target from the source.
pub fn scalar_text<'s>(source: &'s str, key: &KeySpan) -> Option<&'s str> {
    let text = source.get(key.value.start as usize..key.value.end as usize)?.trim();
    let unquoted = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .or_else(|| text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')));
    match unquoted {
        Some(t) if !t.contains(['\\', '"', '\'']) => Some(t),
        Some(_) => None,
        None if text.is_empty() || text.starts_with(['[', '{', '|', '>', '&', '*', '!']) => None,
        None => Some(text),
    }
}

/// Current dialect: the misspelling of `wanted` in a state.
pub fn in_state<'a>(state: &'a State, wanted: &str) -> Option<&'a KeySpan> {
    // Nearly every state has the key, or only keys of its type: say so without building lists.
    if state.key(wanted).is_some()
        || state.state_type().is_some_and(|t| state.keys.iter().all(|k| fields::allowed(t, &k.name)))
    {
        return None;
    }
    stand_in(&state.keys, &fields::state_allowed(state), wanted)
}

/// Current dialect: the misspelling of `wanted` (`StartAt`, `States`, or at the root `Type`,
/// `Name`, `SpecVersion`) in a scope; `is_root` says whether it is the workflow's root.
pub fn in_scope<'a>(scope: &'a Scope, is_root: bool, wanted: &str) -> Option<&'a KeySpan> {
    stand_in(&scope.keys, if is_root { fields::ROOT_KEYS } else { fields::SCOPE_KEYS }, wanted)
}

/// Current dialect: the misspelling of `wanted` in a Choice branch.
pub fn in_choice_branch<'a>(branch: &'a ChoiceBranch, wanted: &str) -> Option<&'a KeySpan> {
    stand_in(&branch.keys, fields::CHOICE_BRANCH_KEYS, wanted)
}

/// Current dialect: the misspelling of `wanted` in a catcher.
pub fn in_catcher<'a>(catcher: &'a Catcher, wanted: &str) -> Option<&'a KeySpan> {
    stand_in(&catcher.keys, fields::CATCHER_KEYS, wanted)
}

/// Legacy dialect: the misspelling of `wanted` in a step.
pub fn in_step<'a>(step: &'a Step, wanted: &str) -> Option<&'a KeySpan> {
    stand_in(&step.keys, &legacy_keys::step_allowed(step), wanted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn key(name: &str) -> KeySpan {
        KeySpan { name: name.into(), key: Span::empty(0), value: Span::empty(0) }
    }

    #[test]
    fn a_misspelled_key_stands_in_for_the_absent_one() {
        let keys = [key("Type"), key("Nxt")];
        let allowed = ["Type", "Name", "Next", "End"];
        assert_eq!(stand_in(&keys, &allowed, "Next").map(|k| k.name.as_str()), Some("Nxt"));
        assert!(stand_in(&keys, &allowed, "End").is_none());
        // Present under its own name: nothing stands in for it.
        assert!(stand_in(&[key("Next"), key("Nxt")], &allowed, "Next").is_none());
    }

    #[test]
    fn the_other_dialects_transition_key_is_recognised() {
        assert_eq!(intended("next", &["condition", "steps", "goto"]), Some("goto"));
        assert_eq!(intended("Next", &["condition", "steps", "goto"]), Some("goto"));
        assert_eq!(intended("goto", &["Condition", "Next"]), Some("Next"));
        assert_eq!(intended("Strat", &["Start", "End"]), Some("Start"));
        assert_eq!(intended("colour", &["Condition", "Next"]), None);
    }

    #[test]
    fn a_misspelling_is_an_error_only_when_the_key_is_needed() {
        let meta = &crate::lint::rules::structure::s007_unknown_key::UnknownKey::META;
        let allowed = ["Type", "Name", "Next", "End", "OutputConstructor"];
        let finding = |keys: &[KeySpan]| unknown_key(meta, Dialect::Current, &keys[2], keys, &allowed, "a Pass state");
        // Neither `Next` nor `End`: the cause of FDL-S030, an error with a safe rename.
        let d = finding(&[key("Type"), key("Name"), key("Nxt")]);
        assert_eq!((d.severity, d.fix.map(|f| f.applicability)), (Severity::Error, Some(Applicability::Safe)));
        // `Ed` beside `Next`: the state is complete, so a warning with an unsafe rename.
        let d = finding(&[key("Type"), key("Next"), key("Ed")]);
        assert_eq!((d.severity, d.fix.map(|f| f.applicability)), (Severity::Warning, Some(Applicability::Unsafe)));
        // Not structural: a warning.
        let d = finding(&[key("Type"), key("End"), key("outputConstructor")]);
        assert_eq!(d.severity, Severity::Warning);
    }

    #[test]
    fn scalar_values_are_read_without_quotes() {
        let source = "Nxt: \"Done\"\nA: Done\nB: [x]\n";
        let k = |s: u32, e: u32| KeySpan { name: "k".into(), key: Span::empty(0), value: Span::new(s, e) };
        assert_eq!(scalar_text(source, &k(5, 11)), Some("Done"));
        assert_eq!(scalar_text(source, &k(15, 19)), Some("Done"));
        assert_eq!(scalar_text(source, &k(23, 26)), None);
    }
}
