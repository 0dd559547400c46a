//! The spanned YAML tree and YAML 1.2 core-schema resolution of scalars.

use compact_str::CompactString;
use serde_json::Value;

use crate::span::Span;

/// How a scalar was written. Matters for resolution (only plain scalars become numbers,
/// booleans or null) and for mapping offsets inside the value back to the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    /// The value after YAML escape processing and folding (inline when short: no allocation).
    pub value: CompactString,
    pub style: ScalarStyle,
    /// The tag suffix when the node carries an explicit core-schema tag (`!!str` → `str`),
    /// or the full tag text for other tags.
    pub tag: Option<String>,
}

/// A scalar resolved with the YAML 1.2 core schema.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ScalarValue<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(&'a str),
}

impl Scalar {
    /// Resolves the scalar with the YAML 1.2 core schema (what CloudFlow most plausibly uses:
    /// spec §1.4 recommends it; YAML 1.1 spellings such as `yes` are strings here and get a
    /// warning from the parser).
    pub fn resolve(&self) -> ScalarValue<'_> {
        match self.tag.as_deref() {
            Some("str") => return ScalarValue::Str(&self.value),
            Some("int") => {
                if let Some(i) = parse_int(&self.value) {
                    return ScalarValue::Int(i);
                }
            }
            Some("float") => {
                if let Some(f) = parse_float(&self.value).or_else(|| parse_int(&self.value).map(|i| i as f64)) {
                    return ScalarValue::Float(f);
                }
            }
            Some("bool") => match self.value.as_str() {
                "true" | "True" | "TRUE" => return ScalarValue::Bool(true),
                "false" | "False" | "FALSE" => return ScalarValue::Bool(false),
                _ => {}
            },
            Some("null") => return ScalarValue::Null,
            _ => {}
        }
        if self.style != ScalarStyle::Plain {
            return ScalarValue::Str(&self.value);
        }
        let v = self.value.as_str();
        match v {
            "" | "~" | "null" | "Null" | "NULL" => ScalarValue::Null,
            "true" | "True" | "TRUE" => ScalarValue::Bool(true),
            "false" | "False" | "FALSE" => ScalarValue::Bool(false),
            // Numbers start with a digit, a sign or a dot: most scalars are names and text.
            _ if !matches!(v.as_bytes()[0], b'0'..=b'9' | b'+' | b'-' | b'.') => ScalarValue::Str(v),
            _ => {
                if let Some(i) = parse_int(v) {
                    ScalarValue::Int(i)
                } else if let Some(f) = parse_float(v) {
                    ScalarValue::Float(f)
                } else {
                    ScalarValue::Str(v)
                }
            }
        }
    }
}

fn parse_int(v: &str) -> Option<i64> {
    let bytes = v.as_bytes();
    if let Some(hex) = v.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok();
    }
    if let Some(oct) = v.strip_prefix("0o") {
        return i64::from_str_radix(oct, 8).ok();
    }
    let digits = match bytes.first() {
        Some(b'-' | b'+') => &v[1..],
        _ => v,
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    v.parse::<i64>().ok()
}

fn parse_float(v: &str) -> Option<f64> {
    match v {
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Some(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        _ => {}
    }
    // Core schema float: [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    let body = v.strip_prefix(['-', '+']).unwrap_or(v);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, frac)) => {
            (!int.is_empty() || !frac.is_empty())
                && int.bytes().all(|b| b.is_ascii_digit())
                && frac.bytes().all(|b| b.is_ascii_digit())
                && !(int.is_empty() && frac.is_empty())
        }
        None => !mantissa.is_empty() && mantissa.bytes().all(|b| b.is_ascii_digit()),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
    });
    if mantissa_ok && exponent_ok { crate::float::parse_f64(v) } else { None }
}

/// A key/value pair of a mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
}

impl Entry {
    /// The key's text when the key is a scalar.
    pub fn key_str(&self) -> Option<&str> {
        self.key.as_scalar().map(|s| s.value.as_str())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Scalar(Scalar),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

/// A YAML node with the byte span of its text in the document.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub span: Span,
}

impl Node {
    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.kind {
            NodeKind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The value of the first entry with this key, when this node is a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.as_map()?.iter().find(|e| e.key_str() == Some(key))
    }

    /// The scalar's resolved value, if this is a scalar.
    pub fn resolve(&self) -> Option<ScalarValue<'_>> {
        self.as_scalar().map(Scalar::resolve)
    }

    /// The text of a scalar that resolves to a string (not a number, boolean or null).
    pub fn as_str(&self) -> Option<&str> {
        match self.resolve()? {
            ScalarValue::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The raw text of any scalar (numbers and booleans included), e.g. for names like `123`.
    pub fn scalar_text(&self) -> Option<&str> {
        self.as_scalar().map(|s| s.value.as_str())
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.resolve()? {
            ScalarValue::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self.resolve()? {
            ScalarValue::Int(i) => Some(i),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self.resolve()? {
            ScalarValue::Int(i) => Some(i as f64),
            ScalarValue::Float(f) => Some(f),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.resolve(), Some(ScalarValue::Null))
    }

    /// A short description of the node's type for messages ("a mapping", "a string", …).
    pub fn type_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Map(_) => "a mapping",
            NodeKind::Seq(_) => "a list",
            NodeKind::Scalar(s) => match s.resolve() {
                ScalarValue::Null => "null",
                ScalarValue::Bool(_) => "a boolean",
                ScalarValue::Int(_) => "an integer",
                ScalarValue::Float(_) => "a number",
                ScalarValue::Str(_) => "a string",
            },
        }
    }

    /// Converts the node to JSON. Non-string keys use their text; NaN and infinities become null
    /// (JSON has no such numbers).
    pub fn to_json(&self) -> Value {
        match &self.kind {
            NodeKind::Scalar(s) => match s.resolve() {
                ScalarValue::Null => Value::Null,
                ScalarValue::Bool(b) => Value::Bool(b),
                ScalarValue::Int(i) => Value::from(i),
                ScalarValue::Float(f) => serde_json::Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null),
                ScalarValue::Str(s) => Value::String(s.to_owned()),
            },
            NodeKind::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeKind::Map(entries) => {
                let mut map = serde_json::Map::with_capacity(entries.len());
                for e in entries {
                    let key = match &e.key.kind {
                        NodeKind::Scalar(s) => s.value.to_string(),
                        _ => e.key.to_json().to_string(),
                    };
                    map.insert(key, e.value.to_json());
                }
                Value::Object(map)
            }
        }
    }

    /// Number of nodes in this subtree (used for the alias expansion budget).
    pub fn count(&self) -> usize {
        match &self.kind {
            NodeKind::Scalar(_) => 1,
            NodeKind::Seq(items) => 1 + items.iter().map(Node::count).sum::<usize>(),
            NodeKind::Map(entries) => 1 + entries.iter().map(|e| e.key.count() + e.value.count()).sum::<usize>(),
        }
    }

    /// Maps a byte range *within a scalar's value* to the document. Exact for scalars whose value
    /// is a verbatim copy of their source text (plain or quoted on one line without escapes);
    /// otherwise the whole scalar's span, which is still the right place to point at.
    pub fn value_span_to_source(&self, source: &str, within: Span) -> Span {
        let Some(scalar) = self.as_scalar() else { return self.span };
        let text = self.span.slice(source);
        let base = match scalar.style {
            ScalarStyle::Plain if text == scalar.value => Some(self.span.start),
            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted
                if text.len() >= 2 && text.get(1..text.len() - 1) == Some(scalar.value.as_str()) =>
            {
                Some(self.span.start + 1)
            }
            _ => None,
        };
        match base {
            Some(base) if within.end as usize <= scalar.value.len() => {
                Span::new(base + within.start, base + within.end)
            }
            _ => self.span,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(v: &str) -> Scalar {
        Scalar { value: v.into(), style: ScalarStyle::Plain, tag: None }
    }

    #[test]
    fn core_schema_resolution() {
        assert_eq!(plain("true").resolve(), ScalarValue::Bool(true));
        assert_eq!(plain("yes").resolve(), ScalarValue::Str("yes"));
        assert_eq!(plain("~").resolve(), ScalarValue::Null);
        assert_eq!(plain("-12").resolve(), ScalarValue::Int(-12));
        assert_eq!(plain("0x1F").resolve(), ScalarValue::Int(31));
        assert_eq!(plain("1.5e3").resolve(), ScalarValue::Float(1500.0));
        assert_eq!(plain(".5").resolve(), ScalarValue::Float(0.5));
        assert_eq!(plain("1.2.3").resolve(), ScalarValue::Str("1.2.3"));
        assert_eq!(plain("v1").resolve(), ScalarValue::Str("v1"));
        assert_eq!(plain("+").resolve(), ScalarValue::Str("+"));
        assert_eq!(plain("99999999999999999999").resolve(), ScalarValue::Float(1e20));
        let quoted = Scalar { value: "30".into(), style: ScalarStyle::DoubleQuoted, tag: None };
        assert_eq!(quoted.resolve(), ScalarValue::Str("30"));
        let tagged = Scalar { value: "30".into(), style: ScalarStyle::Plain, tag: Some("str".into()) };
        assert_eq!(tagged.resolve(), ScalarValue::Str("30"));
    }
}
