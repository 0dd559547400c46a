//! Flattening of nested parameter values into flat string parameters (openapi-signing.md §3.4):
//! lists as `Name.1`, `Name.2` (1-based), objects as `Name.Field`, nested lists as `Name.1.1`;
//! `null` is dropped; booleans and numbers become text.

use serde_json::Value;

/// Flattens `value` under `prefix` into `(key, value)` pairs (repeat-list style).
pub fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Bool(b) => out.push((prefix.to_owned(), b.to_string())),
        Value::Number(n) => out.push((prefix.to_owned(), n.to_string())),
        Value::String(s) => out.push((prefix.to_owned(), s.clone())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten(&format!("{prefix}.{}", i + 1), item, out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&key, v, out);
            }
        }
    }
}

/// Flattens a whole parameter object.
pub fn flatten_params(params: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    flatten("", params, &mut out);
    out
}
