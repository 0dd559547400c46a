//! The legacy data model (spec §15.3): input, output and local of every step, mappings, and
//! the legacy paths (`$input.x`, `$local[*].name`, `$.x`, `$context.task.token`).

use fdl::model::Mapping;
use serde_json::{Map, Value};

/// Where a mapping or a path is read: `$input`, `$local` and the callback token.
pub(crate) struct Sources<'v> {
    pub input: &'v Value,
    pub local: &'v Value,
    pub token: Option<&'v str>,
}

/// `base` merged with `over`: `over`'s keys win (spec §15.3: "local wins on key clash"). A
/// side that is not an object contributes nothing.
pub(crate) fn merged(base: &Value, over: &Value) -> Value {
    let empty = Map::new();
    let base = base.as_object().unwrap_or(&empty);
    let over = over.as_object().unwrap_or(&empty);
    // Each value is copied once: a key of both takes `over`'s, in `base`'s place.
    let mut out = Map::with_capacity(base.len() + over.len());
    for (k, v) in base {
        out.insert(k.clone(), over.get(k).unwrap_or(v).clone());
    }
    for (k, v) in over {
        if !base.contains_key(k) {
            out.insert(k.clone(), v.clone());
        }
    }
    Value::Object(out)
}

/// Adds a child's output to its parent's local (later children overwrite earlier keys, in
/// their place). A child output that is not an object adds nothing.
pub(crate) fn absorb(local: &mut Value, output: &Value) {
    if let (Value::Object(local), Value::Object(m)) = (local, output) {
        for (k, v) in m {
            match local.get_mut(k) {
                Some(slot) => *slot = v.clone(),
                None => {
                    local.insert(k.clone(), v.clone());
                }
            }
        }
    }
}

/// A mapping list that is present and not empty (an empty list counts as absent, as in the
/// migration; INFERRED).
pub(crate) fn non_empty(mappings: &Option<Vec<Mapping>>) -> Option<&[Mapping]> {
    mappings.as_deref().filter(|m| !m.is_empty())
}

/// Whether a string is a legacy path (else it is a constant).
pub(crate) fn is_path(text: &str) -> bool {
    let t = text.trim();
    t == "$"
        || t.starts_with("$.")
        || t.starts_with("$[")
        || ["$input", "$local", "$context"]
            .iter()
            .any(|root| t.strip_prefix(root).is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '['])))
}

/// A mapping source or a `serviceParams`/`duration`/`timestamp` value: a path string is read,
/// anything else is a constant.
pub(crate) fn source_value(source: &Value, from: &Sources<'_>) -> Value {
    match source {
        Value::String(t) if is_path(t) => resolve(t, from),
        other => other.clone(),
    }
}

/// Builds an object from mappings (`{target: source}` for each item, in order; a later item
/// with the same target wins). Items without a target are skipped (the linter reports them);
/// an item without a source maps `null`.
pub(crate) fn apply_mappings(mappings: &[Mapping], from: &Sources<'_>) -> Value {
    let mut out = Map::with_capacity(mappings.len());
    for m in mappings {
        let Some(target) = &m.target else { continue };
        let value = m.source.as_ref().map_or(Value::Null, |s| source_value(&s.value, from));
        out.insert(target.value.as_str().to_owned(), value);
    }
    Value::Object(out)
}

/// One step of a legacy path.
#[derive(Debug, PartialEq)]
enum Seg<'p> {
    Key(&'p str),
    Index(i64),
    /// `[*]` (or `.*`): every element, the rest of the path applied to each (JSONPath-like).
    All,
}

/// Reads a legacy path. `$` and `$.x` read the input (INFERRED for mapping sources: the spec
/// documents `$.` in conditions, `duration`, `timestamp`, `collection` and MNS `serviceParams`).
/// A missing member is `null` (as the current engine's default, UNCERTAIN).
pub(crate) fn resolve(text: &str, from: &Sources<'_>) -> Value {
    let t = text.trim();
    if t == "$context.task.token" {
        return from.token.map_or(Value::Null, |s| Value::String(s.to_owned()));
    }
    let (root, rest) = if let Some(r) = t.strip_prefix("$input") {
        (from.input, r)
    } else if let Some(r) = t.strip_prefix("$local") {
        (from.local, r)
    } else if let Some(r) = t.strip_prefix("$context") {
        // INFERRED: the only documented context value is the callback token.
        let context = serde_json::json!({"task": {"token": from.token}});
        return walk(&context, r);
    } else if let Some(r) = t.strip_prefix('$') {
        (from.input, r)
    } else {
        return Value::String(t.to_owned());
    };
    walk(root, rest)
}

/// The first step of a path's `rest` and what follows it (`None` at its end). Read as it is
/// walked: a path read on every step run costs no allocation.
fn next_segment(mut rest: &str) -> Option<(Seg<'_>, &str)> {
    loop {
        if rest.is_empty() {
            return None;
        }
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            let key = &r[..end];
            rest = &r[end..];
            if key == "*" {
                return Some((Seg::All, rest));
            } else if !key.is_empty() {
                return Some((Seg::Key(key), rest));
            }
            // `..`: an empty key is skipped.
        } else if let Some(r) = rest.strip_prefix('[') {
            let Some(close) = r.find(']') else {
                return Some((Seg::Key(r), ""));
            };
            let inner = r[..close].trim();
            let seg = if inner == "*" {
                Seg::All
            } else if let Ok(i) = inner.parse::<i64>() {
                Seg::Index(i)
            } else {
                Seg::Key(inner.trim_matches(['"', '\'']))
            };
            return Some((seg, &r[close + 1..]));
        } else {
            // Not a separator: the rest is one key (`$inputx` never reaches here).
            return Some((Seg::Key(rest), ""));
        }
    }
}

fn walk(v: &Value, rest: &str) -> Value {
    let Some((first, rest)) = next_segment(rest) else { return v.clone() };
    match (first, v) {
        (Seg::Key(k), Value::Object(m)) => m.get(k).map_or(Value::Null, |x| walk(x, rest)),
        (Seg::Index(i), Value::Array(items)) => {
            // A negative index counts from the end (JSONPath-like, INFERRED).
            let at = if i < 0 { items.len() as i64 + i } else { i };
            usize::try_from(at).ok().and_then(|at| items.get(at)).map_or(Value::Null, |x| walk(x, rest))
        }
        (Seg::All, Value::Array(items)) => Value::Array(items.iter().map(|x| walk(x, rest)).collect()),
        (Seg::All, Value::Object(m)) => Value::Array(m.values().map(|x| walk(x, rest)).collect()),
        _ => Value::Null,
    }
}

/// Rewrites a legacy condition (`$.x == "a" && $input.n > 1`) into a current expression over
/// `$Input` (the step's input) and `$Output` (its local), leaving string literals alone.
pub(crate) fn condition_expression(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.char_indices().peekable();
    let mut quote: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == '\\' {
                if let Some((_, n)) = chars.next() {
                    out.push(n);
                }
            } else if c == q {
                quote = None;
            }
            continue;
        }
        if c == '"' || c == '\'' {
            quote = Some(c);
            out.push(c);
            continue;
        }
        if c != '$' {
            out.push(c);
            continue;
        }
        let rest = &text[i..];
        let len = rest[1..]
            .find(|ch: char| !(ch.is_alphanumeric() || matches!(ch, '.' | '_' | '[' | ']' | '*')))
            .map_or(rest.len(), |e| e + 1);
        let path = &rest[..len];
        out.push_str(&condition_path(path));
        for _ in 1..path.chars().count() {
            chars.next();
        }
    }
    out
}

fn condition_path(path: &str) -> String {
    if path == "$context.task.token" {
        return "$Context.Current.TaskToken".into();
    }
    for (legacy, current) in [("$input", "$Input"), ("$local", "$Output"), ("$context", "$Context")] {
        if let Some(rest) = path.strip_prefix(legacy)
            && (rest.is_empty() || rest.starts_with(['.', '[']))
        {
            return format!("{current}{rest}");
        }
    }
    match path.strip_prefix('$') {
        Some(rest) if rest.is_empty() || rest.starts_with(['.', '[']) => format!("$Input{rest}"),
        // Another `$` word (a current root such as `$Input`): as written.
        _ => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_read_input_local_and_projections() {
        let input = json!({"a": {"b": 1}, "list": [{"id": 1}, {"id": 2}]});
        let local = json!([{"name": "x"}, {"name": "y"}]);
        let from = Sources { input: &input, local: &local, token: Some("tok") };
        assert_eq!(resolve("$input.a.b", &from), json!(1));
        assert_eq!(resolve("$.a.b", &from), json!(1));
        assert_eq!(resolve("$", &from), input);
        assert_eq!(resolve("$input.list[*].id", &from), json!([1, 2]));
        assert_eq!(resolve("$local[*].name", &from), json!(["x", "y"]));
        assert_eq!(resolve("$local[1].name", &from), json!("y"));
        assert_eq!(resolve("$local[-1].name", &from), json!("y"));
        assert_eq!(resolve("$input.missing.deeper", &from), Value::Null);
        assert_eq!(resolve("$context.task.token", &from), json!("tok"));
        assert_eq!(source_value(&json!("begin"), &from), json!("begin"));
        assert_eq!(source_value(&json!(["A", "B"]), &from), json!(["A", "B"]));
        assert_eq!(source_value(&json!("$inputs"), &from), json!("$inputs"), "not a path: a constant");
    }

    #[test]
    fn segments_are_read_as_walked() {
        fn segs(mut rest: &str) -> Vec<Seg<'_>> {
            let mut out = Vec::new();
            while let Some((seg, r)) = next_segment(rest) {
                out.push(seg);
                rest = r;
            }
            out
        }
        assert_eq!(segs(".a[0].b"), [Seg::Key("a"), Seg::Index(0), Seg::Key("b")]);
        assert_eq!(segs("[*].name"), [Seg::All, Seg::Key("name")]);
        assert_eq!(segs(".*..x"), [Seg::All, Seg::Key("x")]);
        assert_eq!(segs("['k'][\"j\"]"), [Seg::Key("k"), Seg::Key("j")]);
        assert_eq!(segs("[unclosed"), [Seg::Key("unclosed")]);
        assert_eq!(segs(""), []);
    }

    #[test]
    fn conditions_become_expressions() {
        assert_eq!(condition_expression("$.status == \"ready\""), "$Input.status == \"ready\"");
        assert_eq!(condition_expression("$input.n > 1 && $local.x"), "$Input.n > 1 && $Output.x");
        assert_eq!(condition_expression("$.a == \"$.b\""), "$Input.a == \"$.b\"");
        assert_eq!(condition_expression("$.faceIndex < $.faceCount"), "$Input.faceIndex < $Input.faceCount");
    }

    #[test]
    fn merging_lets_the_later_side_win() {
        assert_eq!(merged(&json!({"a": 1, "b": 1}), &json!({"b": 2})), json!({"a": 1, "b": 2}));
        let order = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(order(&merged(&json!({"b": 1, "a": 1}), &json!({"c": 3, "b": 2}))), ["b", "a", "c"]);
        assert_eq!(merged(&json!("not an object"), &json!({"x": 1})), json!({"x": 1}));
        assert_eq!(merged(&json!({"x": 1}), &json!(null)), json!({"x": 1}));
        let mut local = json!({});
        absorb(&mut local, &json!({"x": 1}));
        absorb(&mut local, &json!({"x": 2, "y": 3}));
        absorb(&mut local, &json!("not an object"));
        assert_eq!(local, json!({"x": 2, "y": 3}));
        absorb(&mut local, &json!({"z": 4, "x": 5}));
        assert_eq!(local.as_object().unwrap().keys().collect::<Vec<_>>(), ["x", "y", "z"], "a key keeps its place");
    }
}
