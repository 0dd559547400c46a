//! Flattening nested parameter values into the flat string parameters the signatures cover
//! (openapi-signing.md §3.4), as the official SDKs do (`Utils.query`, `map_to_flat_style`,
//! `array_to_string_with_specified_style`).
//!
//! The default, [`ParamStyle::RepeatList`]: lists as `Name.1`, `Name.2` (1-based), objects as
//! `Name.Field`, nested lists as `Name.1.1`; `null` is dropped; booleans are `true`/`false`
//! (the Python SDK would write `True`; Java and Go write `true`, which is what the service
//! documents) and numbers their JSON text. A string stays one parameter even when it holds
//! JSON (ECS `InstanceIds`).

use serde_json::Value;

/// Deepest nesting expanded into `A.1.B…` keys. No Alibaba API nests parameters anywhere
/// near this deep; a value below this depth is sent as one compact JSON text parameter
/// instead of being expanded further, which bounds the recursion for any input.
pub const MAX_FLATTEN_DEPTH: usize = 16;

/// How one parameter's value is written (the `style` of the OpenAPI metadata).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ParamStyle {
    /// `Name.1`, `Name.1.Field`, `Name.Field` (the default for arrays and objects).
    #[default]
    RepeatList,
    /// The whole value as one compact JSON text (FnF `CreateFlow` `Environment`).
    Json,
    /// An array as `a,b,c`.
    Simple,
    /// An array as `a b c`.
    SpaceDelimited,
    /// An array as `a|b|c`.
    PipeDelimited,
    /// Like `RepeatList`, but every map key is written `#<length>#<key>` (length in characters).
    Flat,
}

impl ParamStyle {
    /// The style named as in the metadata (`repeatList`, `json`, `simple`, `spaceDelimited`,
    /// `pipeDelimited`, `flat`; case-insensitive), or `None` for an unknown name.
    pub fn from_metadata(name: &str) -> Option<Self> {
        const NAMES: [(&str, ParamStyle); 6] = [
            ("repeatList", ParamStyle::RepeatList),
            ("json", ParamStyle::Json),
            ("simple", ParamStyle::Simple),
            ("spaceDelimited", ParamStyle::SpaceDelimited),
            ("pipeDelimited", ParamStyle::PipeDelimited),
            ("flat", ParamStyle::Flat),
        ];
        NAMES.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, style)| *style)
    }
}

/// Appends the flat parameters of one named value in `style`.
pub fn flatten_param(name: &str, value: &Value, style: ParamStyle, out: &mut Vec<(String, String)>) {
    match (style, value) {
        (_, Value::Null) => {}
        (ParamStyle::RepeatList, _) => flatten_into(name, value, false, 0, out),
        (ParamStyle::Flat, _) => flatten_into(name, value, true, 0, out),
        (ParamStyle::Json, Value::String(text)) => out.push((name.to_owned(), text.clone())),
        (ParamStyle::Json, _) => out.push((name.to_owned(), value.to_string())),
        (ParamStyle::Simple | ParamStyle::SpaceDelimited | ParamStyle::PipeDelimited, Value::Array(items)) => {
            let separator = match style {
                ParamStyle::Simple => ",",
                ParamStyle::SpaceDelimited => " ",
                _ => "|",
            };
            let joined = items.iter().map(scalar_text).collect::<Vec<_>>().join(separator);
            out.push((name.to_owned(), joined));
        }
        // A delimited style on a non-array: the value as it is.
        (_, _) => out.push((name.to_owned(), scalar_text(value))),
    }
}

/// Flattens every member of a parameter object with the default style
/// ([`ParamStyle::RepeatList`]); anything but an object gives no parameters.
pub fn flatten_params(params: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Value::Object(members) = params {
        for (name, value) in members {
            flatten_param(name, value, ParamStyle::RepeatList, &mut out);
        }
    }
    out
}

/// Text of a leaf: strings as they are, everything else as compact JSON.
pub(crate) fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn flatten_into(key: &str, value: &Value, flat_keys: bool, depth: usize, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Array(_) | Value::Object(_) if depth >= MAX_FLATTEN_DEPTH => {
            out.push((key.to_owned(), value.to_string()))
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                flatten_into(&format!("{key}.{}", index + 1), item, flat_keys, depth + 1, out);
            }
        }
        Value::Object(members) => {
            for (field, item) in members {
                let child = if flat_keys {
                    format!("{key}.#{}#{field}", field.chars().count())
                } else {
                    format!("{key}.{field}")
                };
                flatten_into(&child, item, flat_keys, depth + 1, out);
            }
        }
        leaf => out.push((key.to_owned(), scalar_text(leaf))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn styled(value: Value, style: ParamStyle) -> Vec<(String, String)> {
        let mut out = Vec::new();
        flatten_param("P", &value, style, &mut out);
        out
    }

    fn pair(k: &str, v: &str) -> (String, String) {
        (k.to_owned(), v.to_owned())
    }

    #[test]
    fn repeat_list_numbers_lists_from_one_and_joins_fields_with_dots() {
        let out = flatten_params(&json!({"Tag": [{"Key": "a", "Value": "b"}], "Disk": {"Size": 40}, "N": [[1, 2]]}));
        assert_eq!(
            out,
            vec![
                pair("Tag.1.Key", "a"),
                pair("Tag.1.Value", "b"),
                pair("Disk.Size", "40"),
                pair("N.1.1", "1"),
                pair("N.1.2", "2")
            ]
        );
    }

    #[test]
    fn nulls_are_dropped_and_booleans_are_lower_case() {
        assert_eq!(
            flatten_params(&json!({"A": null, "B": true, "C": [null, false]})),
            vec![pair("B", "true"), pair("C.2", "false")]
        );
    }

    #[test]
    fn json_text_strings_stay_one_parameter() {
        assert_eq!(flatten_params(&json!({"InstanceIds": "[\"i-1\"]"})), vec![pair("InstanceIds", "[\"i-1\"]")]);
    }

    #[test]
    fn delimited_and_json_styles_write_one_parameter() {
        let p = || json!(["a", "b", 2]);
        assert_eq!(styled(p(), ParamStyle::Json), vec![pair("P", r#"["a","b",2]"#)]);
        assert_eq!(styled(p(), ParamStyle::Simple), vec![pair("P", "a,b,2")]);
        assert_eq!(styled(p(), ParamStyle::SpaceDelimited), vec![pair("P", "a b 2")]);
        assert_eq!(styled(p(), ParamStyle::PipeDelimited), vec![pair("P", "a|b|2")]);
        assert_eq!(styled(json!("x"), ParamStyle::Simple), vec![pair("P", "x")]);
    }

    #[test]
    fn flat_style_prefixes_map_keys_with_their_length_in_characters() {
        assert_eq!(
            styled(json!({"env": "prod", "中文": {"a": "b"}, "l": ["x"]}), ParamStyle::Flat),
            vec![pair("P.#3#env", "prod"), pair("P.#2#中文.#1#a", "b"), pair("P.#1#l.1", "x")]
        );
    }

    #[test]
    fn values_nested_beyond_the_limit_are_sent_as_json_text() {
        let mut deep = json!("leaf");
        for _ in 0..(MAX_FLATTEN_DEPTH + 3) {
            deep = json!([deep]);
        }
        let out = styled(deep, ParamStyle::RepeatList);
        assert_eq!(out.len(), 1);
        let (key, value) = &out[0];
        assert_eq!(key.matches(".1").count(), MAX_FLATTEN_DEPTH);
        assert_eq!(value, r#"[[["leaf"]]]"#);
    }

    #[test]
    fn style_names_follow_the_metadata_spelling() {
        assert_eq!(ParamStyle::from_metadata("spaceDelimited"), Some(ParamStyle::SpaceDelimited));
        assert_eq!(ParamStyle::from_metadata("JSON"), Some(ParamStyle::Json));
        assert_eq!(ParamStyle::from_metadata("form"), None);
    }
}
