//! Built-in functions (spec §7.6): one entry per function with what the linter and the editor
//! know about it and the implementation the engine runs, so the two cannot drift. Choices where
//! the documentation is silent are marked UNCERTAIN.
//!
//! Without the `evaluate` feature (the lint-only embed) the table keeps no pointer to the
//! implementations: `f` drops its `eval` argument during constant evaluation, so the linker
//! leaves them (and regex-lite, base64, …) out of the binary.
#![cfg_attr(not(feature = "evaluate"), allow(dead_code))]

use base64::Engine as _;
use serde_json::{Map, Value};

use super::eval::{EvalEnv, json_equal, type_name};

/// An implementation: the arguments (arity already checked) to the result, or a plain message
/// (the caller adds the location).
pub type FunctionImpl = fn(&[Value], &mut EvalEnv<'_>) -> Result<Value, String>;

/// A built-in function: its signature and documentation, and its implementation.
#[derive(Debug)]
pub struct FunctionSpec {
    pub name: &'static str,
    pub min_args: usize,
    /// `None`: variadic.
    pub max_args: Option<usize>,
    /// Signature in the documentation's Go-like types.
    pub signature: &'static str,
    pub summary: &'static str,
    pub returns_bool: bool,
    /// `false` for functions the documentation does not show (we implement them because the
    /// platform very likely has them; the linter says so).
    pub documented: bool,
    #[cfg(feature = "evaluate")]
    pub eval: FunctionImpl,
}

#[cfg_attr(not(feature = "evaluate"), allow(unused_variables))]
const fn f(
    name: &'static str,
    min_args: usize,
    max_args: Option<usize>,
    signature: &'static str,
    summary: &'static str,
    eval: FunctionImpl,
) -> FunctionSpec {
    FunctionSpec {
        name,
        min_args,
        max_args,
        signature,
        summary,
        returns_bool: false,
        documented: true,
        #[cfg(feature = "evaluate")]
        eval,
    }
}

pub static FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec {
        returns_bool: true,
        ..f(
            "arrayContains",
            2,
            Some(2),
            "(array []any, value any) -> bool",
            "whether the array has an element equal to the value",
            |a, _| Ok(Value::Bool(array("arrayContains", &a[0])?.iter().any(|v| json_equal(v, &a[1])))),
        )
    },
    f(
        "arrayUnique",
        1,
        Some(1),
        "(array []any) -> []any",
        "the array without duplicates, first occurrences kept in order",
        array_unique,
    ),
    f(
        "format",
        1,
        None,
        "(template string, args ...any) -> string",
        "replaces each `{}` in the template with the next argument",
        format,
    ),
    f("fromBase64", 1, Some(1), "(text string) -> string", "decodes standard Base64", from_base64),
    f("fromJSON", 1, Some(1), "(text string) -> any", "parses JSON text (alias of stringToJson)", |a, _| {
        from_json("fromJSON", &a[0])
    }),
    f(
        "get",
        2,
        Some(2),
        "(container []any | map[string]any, indexOrKey int | string) -> any",
        "an array element or a map value; null when absent",
        get,
    ),
    f(
        "hash",
        2,
        Some(2),
        "(text string, algorithm string) -> string",
        "lowercase hex digest with MD5, SHA-1, SHA-256 or SHA-512",
        hash,
    ),
    f("intAdd", 2, Some(2), "(a int, b int) -> int", "the sum of two integers", int_add),
    f(
        "jsonMerge",
        2,
        Some(2),
        "(a map[string]any, b map[string]any) -> map[string]any",
        "shallow merge; keys of the second map win",
        json_merge,
    ),
    FunctionSpec {
        documented: false,
        ..f("jsonToString", 1, Some(1), "(value any) -> string", "serializes a value to compact JSON text", to_json)
    },
    f(
        "length",
        1,
        Some(1),
        "(value []any | map[string]any | string) -> int",
        "element count, key count, or string length in characters",
        length,
    ),
    f("mapKeys", 1, Some(1), "(map map[string]any) -> []string", "the keys of a map, sorted", map_keys),
    f(
        "mapValues",
        1,
        Some(1),
        "(map map[string]any) -> []any",
        "the values of a map, in the order of mapKeys",
        map_values,
    ),
    f("randomInt", 2, Some(2), "(min int, max int) -> int", "a random integer in [min, max)", random_int),
    FunctionSpec {
        returns_bool: true,
        ..f(
            "regexMatchString",
            2,
            Some(2),
            "(pattern string, text string) -> bool",
            "whether the text contains a match of the regular expression",
            regex_match_string,
        )
    },
    f("split", 2, Some(2), "(text string, separator string) -> []string", "splits the text by the separator", split),
    f("stringToJson", 1, Some(1), "(text string) -> any", "parses JSON text", |a, _| from_json("stringToJson", &a[0])),
    f("toArray", 0, None, "(values ...any) -> []any", "its arguments as an array", |a, _| Ok(Value::Array(a.to_vec()))),
    FunctionSpec {
        documented: false,
        ..f("toBase64", 1, Some(1), "(text string) -> string", "encodes text as standard Base64", |a, _| {
            Ok(Value::String(base64::engine::general_purpose::STANDARD.encode(string("toBase64", &a[0])?)))
        })
    },
    FunctionSpec {
        documented: false,
        ..f(
            "toJSON",
            1,
            Some(1),
            "(value any) -> string",
            "serializes a value to compact JSON text (alias of jsonToString)",
            to_json,
        )
    },
    f("uuid", 0, Some(0), "() -> string", "a random UUID (version 4)", uuid),
];

pub fn lookup_function(name: &str) -> Option<&'static FunctionSpec> {
    FUNCTIONS.iter().find(|f| f.name == name)
}

/// The closest known function name, for did-you-mean.
pub fn suggest_function(name: &str) -> Option<&'static str> {
    crate::lint::rules::did_you_mean(name, FUNCTIONS.iter().map(|f| f.name))
}

/// The function a call names, when it exists and takes `argc` arguments; otherwise the message
/// (both are knowable from the text: FDL-E014 and FDL-E015 report them).
pub fn resolve_call(name: &str, argc: usize) -> Result<&'static FunctionSpec, String> {
    let Some(spec) = lookup_function(name) else {
        return Err(match suggest_function(name) {
            Some(s) => format!("unknown function `{name}`; did you mean `{s}`?"),
            None => format!("unknown function `{name}`"),
        });
    };
    if argc < spec.min_args || spec.max_args.is_some_and(|m| argc > m) {
        return Err(format!("`{name}` takes {} but got {argc}", arity(spec)));
    }
    Ok(spec)
}

fn array_unique(a: &[Value], _: &mut EvalEnv<'_>) -> Result<Value, String> {
    let mut out: Vec<Value> = Vec::new();
    for v in array("arrayUnique", &a[0])? {
        if !out.iter().any(|o| json_equal(o, v)) {
            out.push(v.clone());
        }
    }
    Ok(Value::Array(out))
}

fn format(args: &[Value], _: &mut EvalEnv<'_>) -> Result<Value, String> {
    let template = string("format", &args[0])?;
    let mut rest = args[1..].iter();
    let mut out = String::with_capacity(template.len());
    let mut parts = template.split("{}").peekable();
    while let Some(part) = parts.next() {
        out.push_str(part);
        if parts.peek().is_some() {
            // UNCERTAIN: extra `{}` stay as they are; extra arguments are ignored.
            match rest.next() {
                Some(v) => out.push_str(&text_form(v)),
                None => out.push_str("{}"),
            }
        }
    }
    Ok(Value::String(out))
}

fn from_base64(a: &[Value], _: &mut EvalEnv<'_>) -> Result<Value, String> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(string("fromBase64", &a[0])?.trim())
        .map_err(|e| format!("fromBase64: the argument is not valid Base64 ({e})"))?;
    String::from_utf8(bytes).map(Value::String).map_err(|_| "fromBase64: the decoded bytes are not UTF-8 text".into())
}

fn from_json(name: &str, text: &Value) -> Result<Value, String> {
    serde_json::from_str(string(name, text)?).map_err(|e| format!("{name}: the argument is not valid JSON ({e})"))
}

fn to_json(a: &[Value], _: &mut EvalEnv<'_>) -> Result<Value, String> {
    serde_json::to_string(&a[0]).map(Value::String).map_err(|e| e.to_string())
}

fn get(a: &[Value], _: &mut EvalEnv<'_>) -> Result<Value, String> {
    Ok(match (&a[0], &a[1]) {
        (Value::Array(items), Value::Number(n)) => {
            n.as_i64().and_then(|i| usize::try_from(i).ok()).and_then(|i| items.get(i)).cloned().unwrap_or(Value::Null)
        }
        (Value::Object(m), Value::String(k)) => m.get(k).cloned().unwrap_or(Value::Null),
        (c, k) => return Err(format!("get: cannot index {} with {}", type_name(c), type_name(k))),
    })
}

fn hash(a: &[Value], _: &mut EvalEnv<'_>) -> Result<Value, String> {
    use sha2::Digest;
    let text = string("hash", &a[0])?.as_bytes();
    let algorithm = string("hash", &a[1])?;
    let digest: Vec<u8> = match algorithm.to_ascii_uppercase().replace('_', "-").as_str() {
        "MD5" => md5::Md5::digest(text).to_vec(),
        "SHA-1" | "SHA1" => sha1::Sha1::digest(text).to_vec(),
        "SHA-256" | "SHA256" => sha2::Sha256::digest(text).to_vec(),
        "SHA-512" | "SHA512" => sha2::Sha512::digest(text).to_vec(),
        _ => return Err(format!("hash: unknown algorithm `{algorithm}`; use MD5, SHA-1, SHA-256 or SHA-512")),
    };
    Ok(Value::String(digest.iter().map(|b| format!("{b:02x}")).collect()))
}

fn int_add(a: &[Value], _: &mut EvalEnv<'_>) -> Result<Value, String> {
    let (x, y) = (integer("intAdd", &a[0])?, integer("intAdd", &a[1])?);
    x.checked_add(y).map(Value::from).ok_or_else(|| format!("intAdd: {x} + {y} overflows a 64-bit integer"))
}

fn json_merge(a: &[Value], _: &mut EvalEnv<'_>) -> Result<Value, String> {
    let mut merged: Map<String, Value> = object("jsonMerge", &a[0])?.clone();
    for (k, v) in object("jsonMerge", &a[1])? {
        merged.insert(k.clone(), v.clone());
    }
    Ok(Value::Object(merged))
}

fn length(a: &[Value], _: &mut EvalEnv<'_>) -> Result<Value, String> {
    Ok(Value::from(match &a[0] {
        Value::Array(items) => items.len(),
        Value::Object(m) => m.len(),
        // UNCERTAIN: characters, not bytes (spec §7.6 recommendation).
        Value::String(s) => s.chars().count(),
        other => return Err(format!("length: expected an array, a map or a string, got {}", type_name(other))),
    }))
}

fn map_keys(a: &[Value], _: &mut EvalEnv<'_>) -> Result<Value, String> {
    // UNCERTAIN: sorted keys, so results do not depend on insertion order.
    let mut keys: Vec<&String> = object("mapKeys", &a[0])?.keys().collect();
    keys.sort();
    Ok(Value::Array(keys.into_iter().map(|k| Value::String(k.clone())).collect()))
}

fn map_values(a: &[Value], _: &mut EvalEnv<'_>) -> Result<Value, String> {
    let map = object("mapValues", &a[0])?;
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    Ok(Value::Array(keys.into_iter().filter_map(|k| map.get(k).cloned()).collect()))
}

fn random_int(a: &[Value], env: &mut EvalEnv<'_>) -> Result<Value, String> {
    let (min, max) = (integer("randomInt", &a[0])?, integer("randomInt", &a[1])?);
    if min >= max {
        return Err(format!("randomInt: min ({min}) must be less than max ({max})"));
    }
    // UNCERTAIN: half-open [min, max), like Go's rand.Intn offset by min.
    let span = (max as i128 - min as i128) as u128;
    let r = (env.rng.next_u64() as u128) % span;
    Ok(Value::from((min as i128 + r as i128) as i64))
}

fn regex_match_string(a: &[Value], _: &mut EvalEnv<'_>) -> Result<Value, String> {
    // UNCERTAIN: argument order (pattern, text) as Go's regexp.MatchString; unanchored.
    let pattern = string("regexMatchString", &a[0])?;
    let re =
        regex_lite::Regex::new(pattern).map_err(|e| format!("regexMatchString: invalid regular expression: {e}"))?;
    Ok(Value::Bool(re.is_match(string("regexMatchString", &a[1])?)))
}

fn split(a: &[Value], _: &mut EvalEnv<'_>) -> Result<Value, String> {
    let (text, sep) = (string("split", &a[0])?, string("split", &a[1])?);
    let parts: Vec<Value> = if sep.is_empty() {
        text.chars().map(|c| Value::String(c.to_string())).collect()
    } else {
        text.split(sep).map(|s| Value::String(s.to_owned())).collect()
    };
    Ok(Value::Array(parts))
}

fn uuid(_: &[Value], env: &mut EvalEnv<'_>) -> Result<Value, String> {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&env.rng.next_u64().to_le_bytes());
    bytes[8..].copy_from_slice(&env.rng.next_u64().to_le_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(Value::String(format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])))
}

fn arity(spec: &FunctionSpec) -> String {
    let plural = |n: usize| if n == 1 { "argument" } else { "arguments" };
    match spec.max_args {
        Some(max) if max == spec.min_args => format!("{max} {}", plural(max)),
        Some(max) => format!("{} to {max} arguments", spec.min_args),
        None => format!("at least {} {}", spec.min_args, plural(spec.min_args)),
    }
}

/// Text form of a value inside `format`: strings as is, others as compact JSON (UNCERTAIN).
fn text_form(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn array<'v>(f: &str, v: &'v Value) -> Result<&'v Vec<Value>, String> {
    v.as_array().ok_or_else(|| format!("{f}: expected an array, got {}", type_name(v)))
}

fn object<'v>(f: &str, v: &'v Value) -> Result<&'v Map<String, Value>, String> {
    v.as_object().ok_or_else(|| format!("{f}: expected a map, got {}", type_name(v)))
}

fn string<'v>(f: &str, v: &'v Value) -> Result<&'v str, String> {
    v.as_str().ok_or_else(|| format!("{f}: expected a string, got {}", type_name(v)))
}

fn integer(f: &str, v: &Value) -> Result<i64, String> {
    match v {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|x| x.fract() == 0.0 && x.abs() < 9.0e15).map(|x| x as i64))
            .ok_or_else(|| format!("{f}: expected an integer, got {n}")),
        other => Err(format!("{f}: expected an integer, got {}", type_name(other))),
    }
}
