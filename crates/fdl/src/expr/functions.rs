//! Built-in functions (spec §7.6): one entry per function with what the linter and the editor
//! know about it and the implementation the engine runs, so the two cannot drift. Choices where
//! the documentation is silent are marked UNCERTAIN.
//!
//! Without the `evaluate` feature (the lint-only embed) the table keeps no pointer to the
//! implementations: `f` drops its `eval` argument during constant evaluation, so the linker
//! leaves them (and regex-lite, base64, …) out of the binary. The functions page's material
//! (`docs`: details and examples) is dropped the same way without the `rule-docs` feature.
#![cfg_attr(not(all(feature = "evaluate", feature = "rule-docs")), allow(dead_code))]

use base64::Engine as _;
use serde_json::{Map, Value};

use super::eval::{EvalEnv, json_equal, type_name};

/// An implementation: the arguments (arity already checked) to the result, or a plain message
/// (the caller adds the location).
pub type FunctionImpl = fn(&[Value], &mut EvalEnv<'_>) -> Result<Value, String>;

/// A built-in function: its signature and documentation (its implementation is in
/// [`IMPLEMENTATIONS`]).
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
    /// The functions page's material (`flowplay functions --markdown`, docs/functions.md).
    #[cfg(feature = "rule-docs")]
    pub docs: FunctionDocs,
}

/// What the functions page says about a function beyond its summary. Without the `rule-docs`
/// feature (the embed) `f` drops it during constant evaluation, like the implementations.
#[derive(Debug)]
pub struct FunctionDocs {
    /// Behaviour in detail: edge cases (null, wrong types) and errors, as the implementation
    /// behaves. Markdown.
    pub details: &'static str,
    /// At least one per function; `tests/function_examples.rs` evaluates every one.
    pub examples: &'static [FunctionExample],
}

/// An expression, the variables it runs with, and what it gives.
#[derive(Debug)]
pub struct FunctionExample {
    pub expression: &'static str,
    /// `$Input`, `$Context` and `$Global` as JSON text; `""`: not needed (`{}`).
    pub input: &'static str,
    pub context: &'static str,
    pub global: &'static str,
    pub outcome: ExampleOutcome,
}

#[derive(Debug)]
pub enum ExampleOutcome {
    /// The result as compact JSON text (exactly what the evaluator gives, key order included).
    Value(&'static str),
    /// The evaluation fails with this message (the state fails with `FnF.ExpressionError`).
    Error(&'static str),
}

/// An example without variables or with `$Input` only.
const fn ex(expression: &'static str, input: &'static str, result: &'static str) -> FunctionExample {
    FunctionExample { expression, input, context: "", global: "", outcome: ExampleOutcome::Value(result) }
}

/// An example that fails with `message`.
const fn fails(expression: &'static str, input: &'static str, message: &'static str) -> FunctionExample {
    FunctionExample { expression, input, context: "", global: "", outcome: ExampleOutcome::Error(message) }
}

#[cfg_attr(not(feature = "rule-docs"), allow(unused_variables))]
const fn f(
    name: &'static str,
    min_args: usize,
    max_args: Option<usize>,
    signature: &'static str,
    summary: &'static str,
    docs: FunctionDocs,
) -> FunctionSpec {
    FunctionSpec {
        name,
        min_args,
        max_args,
        signature,
        summary,
        returns_bool: false,
        documented: true,
        #[cfg(feature = "rule-docs")]
        docs,
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
            FunctionDocs {
                details: "Elements compare as JSON values: same type and same value, arrays and maps \
                          member by member, and numbers by value (`1` equals `1.0`); a string never \
                          equals a number. A first argument that is not an array (null included) is an \
                          error; the value may be anything, null included.",
                examples: &[
                    ex(r#"arrayContains(["Tom", 10], 10)"#, "", "true"),
                    ex(r#"arrayContains($Input.tags, "urgent")"#, r#"{"tags":["new","urgent"]}"#, "true"),
                    ex(r#"arrayContains([1, 2], "1")"#, "", "false"),
                    ex("arrayContains([1, 2], 2.0)", "", "true"),
                    fails("arrayContains($Input.missing, 1)", "{}", "arrayContains: expected an array, got null"),
                ],
            },
        )
    },
    f(
        "arrayUnique",
        1,
        Some(1),
        "(array []any) -> []any",
        "the array without duplicates, first occurrences kept in order",
        FunctionDocs {
            details: "Keeps the first occurrence of each element, in order. Elements compare as in \
                      `arrayContains` (`1` and `1.0` are duplicates, `1` and `\"1\"` are not). A \
                      non-array argument is an error.",
            examples: &[
                ex("arrayUnique([3, 1, 3])", "", "[3,1]"),
                ex("arrayUnique($Input.ids)", r#"{"ids":["a","b","a",{"x":1},{"x":1}]}"#, r#"["a","b",{"x":1}]"#),
                ex(r#"arrayUnique([1, "1", 1.0])"#, "", r#"[1,"1"]"#),
                fails(r#"arrayUnique("abc")"#, "", "arrayUnique: expected an array, got a string"),
            ],
        },
    ),
    f(
        "format",
        1,
        None,
        "(template string, args ...any) -> string",
        "replaces each `{}` in the template with the next argument",
        FunctionDocs {
            details: "Each `{}` takes the next argument, left to right. Strings are inserted as they \
                      are; other values as compact JSON (`null`, `true`, `12.5`, `[1,2]`, \
                      `{\"a\":1}`). A `{}` without an argument is left as it is; arguments without \
                      a `{}` are ignored. The template must be a string.",
            examples: &[
                ex(r#"format("hello {}", "world")"#, "", r#""hello world""#),
                ex(r#"format("{}-{}", "a", 2)"#, "", r#""a-2""#),
                ex(
                    r#"format("order {} of {}", $Input.id, $Input.customer)"#,
                    r#"{"id":7,"customer":{"name":"Tom"}}"#,
                    r#""order 7 of {\"name\":\"Tom\"}""#,
                ),
                FunctionExample {
                    expression: r#"format("{}/{}", $Context.Execution.Name, $Input.file)"#,
                    input: r#"{"file":"a.txt"}"#,
                    context: r#"{"Execution":{"Name":"exec-1"}}"#,
                    global: "",
                    outcome: ExampleOutcome::Value(r#""exec-1/a.txt""#),
                },
                ex(r#"format("{} and {}", "one")"#, "", r#""one and {}""#),
                ex(r#"format("value: {}", $Input.missing)"#, "{}", r#""value: null""#),
                fails("format(42)", "", "format: expected a string, got a number"),
            ],
        },
    ),
    f(
        "fromBase64",
        1,
        Some(1),
        "(text string) -> string",
        "decodes standard Base64",
        FunctionDocs {
            details: "Decodes the standard alphabet (`+`, `/`) with `=` padding; spaces and line \
                      breaks around the text are ignored. Text that is not Base64, bytes that are \
                      not UTF-8 text, and a non-string argument are errors.",
            examples: &[
                ex(r#"fromBase64("Rm5G")"#, "", r#""FnF""#),
                ex("fromBase64($Input.payload)", r#"{"payload":"aGVsbG8gd29ybGQ="}"#, r#""hello world""#),
                fails(
                    r#"fromBase64("not base64!")"#,
                    "",
                    "fromBase64: the argument is not valid Base64 (Invalid symbol 32, offset 3.)",
                ),
                fails(r#"fromBase64("/w==")"#, "", "fromBase64: the decoded bytes are not UTF-8 text"),
            ],
        },
    ),
    f(
        "fromJSON",
        1,
        Some(1),
        "(text string) -> any",
        "parses JSON text (alias of stringToJson)",
        FunctionDocs {
            details: "The same as `stringToJson`: any JSON text (a map, an array, a string, a number, \
                      `true`, `false` or `null`) becomes that value. Text that is not JSON and a \
                      non-string argument are errors.",
            examples: &[
                ex(r#"fromJSON('{"a":1}')"#, "", r#"{"a":1}"#),
                ex("fromJSON($Input.body).items[0]", r#"{"body":"{\"items\":[\"x\",\"y\"]}"}"#, r#""x""#),
                fails("fromJSON($Input.body)", r#"{"body":{"a":1}}"#, "fromJSON: expected a string, got a map"),
            ],
        },
    ),
    f(
        "get",
        2,
        Some(2),
        "(container []any | map[string]any, indexOrKey int | string) -> any",
        "an array element or a map value; null when absent",
        FunctionDocs {
            details: "An array takes an index counted from 0; a map takes a key. An index past the \
                      end, a negative or fractional index, and a missing key give null. Any other \
                      pairing (a map with a number, an array with a string, null as the container) \
                      is an error. Useful when the key is computed, e.g. from `$Input`.",
            examples: &[
                ex(r#"get(["a", "b", "c"], 1)"#, "", r#""b""#),
                ex("get($Input.prices, $Input.region)", r#"{"prices":{"eu":10,"us":12},"region":"us"}"#, "12"),
                ex(r#"get({"name": "Tom"}, "age")"#, "", "null"),
                ex("get([1, 2], 5)", "", "null"),
                ex("get([1, 2], -1)", "", "null"),
                fails(r#"get(["a"], "0")"#, "", "get: cannot index an array with a string"),
                fails(r#"get($Input.missing, "a")"#, "{}", "get: cannot index null with a string"),
            ],
        },
    ),
    f(
        "hash",
        2,
        Some(2),
        "(text string, algorithm string) -> string",
        "lowercase hex digest with MD5, SHA-1, SHA-256 or SHA-512",
        FunctionDocs {
            details: "Hashes the UTF-8 bytes of the text and returns the digest in lowercase \
                      hexadecimal. The algorithm name ignores letter case and may omit the dash or \
                      write an underscore (`sha256`, `SHA_256`). Another algorithm, or a non-string \
                      argument, is an error.",
            examples: &[
                ex(r#"hash("abc", "MD5")"#, "", r#""900150983cd24fb0d6963f7d28e17f72""#),
                ex(
                    r#"hash($Input.user, "SHA-256")"#,
                    r#"{"user":"abc"}"#,
                    r#""ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad""#,
                ),
                ex(r#"hash("abc", "sha1")"#, "", r#""a9993e364706816aba3e25717850c26c9cd0d89d""#),
                fails(
                    r#"hash("abc", "CRC32")"#,
                    "",
                    "hash: unknown algorithm `CRC32`; use MD5, SHA-1, SHA-256 or SHA-512",
                ),
            ],
        },
    ),
    f(
        "intAdd",
        2,
        Some(2),
        "(a int, b int) -> int",
        "the sum of two integers",
        FunctionDocs {
            details: "Both arguments must be integers; a number with no fractional part such as \
                      `2.0` counts as one. A fraction, a string or null is an error, and so is a sum \
                      beyond a 64-bit signed integer (it never wraps around).",
            examples: &[
                ex("intAdd(1, 2)", "", "3"),
                ex("intAdd($Input.retries, 1)", r#"{"retries":2}"#, "3"),
                ex("intAdd(2.0, -5)", "", "-3"),
                fails("intAdd(1.5, 1)", "", "intAdd: expected an integer, got 1.5"),
                fails(r#"intAdd("1", 1)"#, "", "intAdd: expected an integer, got a string"),
                fails(
                    "intAdd(9223372036854775807, 1)",
                    "",
                    "intAdd: 9223372036854775807 + 1 overflows a 64-bit integer",
                ),
            ],
        },
    ),
    f(
        "jsonMerge",
        2,
        Some(2),
        "(a map[string]any, b map[string]any) -> map[string]any",
        "shallow merge; keys of the second map win",
        FunctionDocs {
            details: "Copies the first map and sets every key of the second on it: on a clash the \
                      second map's value replaces the first's whole (nested maps are not merged). \
                      Keys keep the first map's order, new keys follow. Both arguments must be maps.",
            examples: &[
                ex(r#"jsonMerge({"name": "Tom"}, {"age": 10})"#, "", r#"{"name":"Tom","age":10}"#),
                FunctionExample {
                    expression: "jsonMerge($Global.defaults, $Input)",
                    input: r#"{"size":"L"}"#,
                    context: "",
                    global: r#"{"defaults":{"size":"M","color":"red"}}"#,
                    outcome: ExampleOutcome::Value(r#"{"size":"L","color":"red"}"#),
                },
                ex(r#"jsonMerge({"a": {"x": 1}}, {"a": {"y": 2}})"#, "", r#"{"a":{"y":2}}"#),
                fails(r#"jsonMerge({"a": 1}, [1])"#, "", "jsonMerge: expected a map, got an array"),
            ],
        },
    ),
    FunctionSpec {
        documented: false,
        ..f(
            "jsonToString",
            1,
            Some(1),
            "(value any) -> string",
            "serializes a value to compact JSON text",
            FunctionDocs {
                details: "Any value becomes its JSON text, without spaces; map keys keep their order. \
                          A string becomes a quoted JSON string, null becomes `\"null\"`.",
                examples: &[
                    ex("jsonToString($Input)", r#"{"a":1,"b":[true,null]}"#, r#""{\"a\":1,\"b\":[true,null]}""#),
                    ex(r#"jsonToString("hi")"#, "", r#""\"hi\"""#),
                    ex("jsonToString($Input.missing)", "{}", r#""null""#),
                ],
            },
        )
    },
    f(
        "length",
        1,
        Some(1),
        "(value []any | map[string]any | string) -> int",
        "element count, key count, or string length in characters",
        FunctionDocs {
            details: "An array gives its element count, a map its key count, a string its length in \
                      Unicode characters (not bytes: `\"héllo\"` is 5). A number, a boolean or null \
                      is an error.",
            examples: &[
                ex("length([1, 2, 3])", "", "3"),
                ex(r#"length({"name": "Tom", "age": 10})"#, "", "2"),
                ex(r#"length("name")"#, "", "4"),
                ex("length($Input.title)", r#"{"title":"héllo"}"#, "5"),
                fails("length($Input.missing)", "{}", "length: expected an array, a map or a string, got null"),
            ],
        },
    ),
    f(
        "mapKeys",
        1,
        Some(1),
        "(map map[string]any) -> []string",
        "the keys of a map, sorted",
        FunctionDocs {
            details: "The keys in ascending order by Unicode code point (upper case before lower \
                      case), whatever the map's own order, so the result does not depend on how the \
                      map was built. A non-map argument is an error.",
            examples: &[
                ex(r#"mapKeys({"b": 1, "a": 2})"#, "", r#"["a","b"]"#),
                ex("mapKeys($Input.headers)", r#"{"headers":{"x-id":"1","Accept":"*/*"}}"#, r#"["Accept","x-id"]"#),
                ex("mapKeys({})", "", "[]"),
                fails("mapKeys([1])", "", "mapKeys: expected a map, got an array"),
            ],
        },
    ),
    f(
        "mapValues",
        1,
        Some(1),
        "(map map[string]any) -> []any",
        "the values of a map, in the order of mapKeys",
        FunctionDocs {
            details: "The values in the order of their keys as `mapKeys` gives them, so \
                      `mapKeys(m)[i]` is the key of `mapValues(m)[i]`. A non-map argument is an \
                      error.",
            examples: &[
                ex(r#"mapValues({"b": 1, "a": 2})"#, "", "[2,1]"),
                ex("mapValues($Input.scores)", r#"{"scores":{"tom":3,"ann":5}}"#, "[5,3]"),
                fails(r#"mapValues("a")"#, "", "mapValues: expected a map, got a string"),
            ],
        },
    ),
    f(
        "randomInt",
        2,
        Some(2),
        "(min int, max int) -> int",
        "a random integer in [min, max)",
        FunctionDocs {
            details: "A random integer at least `min` and less than `max` (`max` itself never comes \
                      out). Both must be integers, and `min` less than `max`. flowplay draws from a \
                      generator seeded per run (`flowplay run --seed`), so the same seed gives the \
                      same numbers; the examples below give their result whatever the seed.",
            examples: &[
                ex("randomInt(5, 6)", "", "5"),
                ex("randomInt(0, 10) < 10", "", "true"),
                ex("randomInt(-3, 0) >= -3", "", "true"),
                fails("randomInt(5, 5)", "", "randomInt: min (5) must be less than max (5)"),
                fails(r#"randomInt(0, "9")"#, "", "randomInt: expected an integer, got a string"),
            ],
        },
    ),
    FunctionSpec {
        returns_bool: true,
        ..f(
            "regexMatchString",
            2,
            Some(2),
            "(pattern string, text string) -> bool",
            "whether the text contains a match of the regular expression",
            FunctionDocs {
                details: "The pattern comes first, the text second (as Go's `regexp.MatchString`). \
                          The match may be anywhere in the text: anchor it with `^` and `$` to match \
                          the whole text. The syntax is RE2's, as in Go: no look-around, no \
                          back-references; flowplay also lacks the Unicode classes such as \
                          `\\p{Han}`, and its `\\d`, `\\w` and `\\s` are ASCII-only. Inside a \
                          double-quoted string a backslash is written twice; a backtick string takes \
                          it as it is. An invalid pattern or a non-string argument is an error.",
                examples: &[
                    ex(r#"regexMatchString("^[0-9]+$", "12345")"#, "", "true"),
                    ex(r#"regexMatchString("[0-9]+", "order 66")"#, "", "true"),
                    ex(r#"regexMatchString("^[0-9]+$", $Input.code)"#, r#"{"code":"12a"}"#, "false"),
                    ex(r#"regexMatchString(`^\w+@\w+\.com$`, $Input.email)"#, r#"{"email":"tom@example.com"}"#, "true"),
                    ex(r#"regexMatchString("\\d{3}", "call 911")"#, "", "true"),
                    fails(
                        r#"regexMatchString(`\p{Han}`, "中文")"#,
                        "",
                        "regexMatchString: invalid regular expression: Unicode character classes are not supported",
                    ),
                    fails(
                        r#"regexMatchString("(", "x")"#,
                        "",
                        "regexMatchString: invalid regular expression: found open group without closing ')'",
                    ),
                ],
            },
        )
    },
    f(
        "split",
        2,
        Some(2),
        "(text string, separator string) -> []string",
        "splits the text by the separator",
        FunctionDocs {
            details: "The parts between the separators, empty parts included (as Go's \
                      `strings.Split`). A text without the separator gives a one-element array; an \
                      empty separator splits the text into its characters. Both arguments must be \
                      strings.",
            examples: &[
                ex(r#"split("a,b,c", ",")"#, "", r#"["a","b","c"]"#),
                ex(r#"split($Input.path, "/")"#, r#"{"path":"/data/in"}"#, r#"["","data","in"]"#),
                ex(r#"split("abc", "")"#, "", r#"["a","b","c"]"#),
                ex(r#"split("abc", ",")"#, "", r#"["abc"]"#),
                fails(r#"split(123, ",")"#, "", "split: expected a string, got a number"),
            ],
        },
    ),
    f(
        "stringToJson",
        1,
        Some(1),
        "(text string) -> any",
        "parses JSON text",
        FunctionDocs {
            details: "Any JSON text (a map, an array, a string, a number, `true`, `false` or `null`) \
                      becomes that value; the result can be followed by `.member` and `[index]`. \
                      Text that is not JSON and a non-string argument are errors (a value that is \
                      already a map is not passed through).",
            examples: &[
                ex(r#"stringToJson('{"name": "Tom"}')"#, "", r#"{"name":"Tom"}"#),
                ex("stringToJson($Input.Body).Data.score", r#"{"Body":"{\"Data\":{\"score\":0.9}}"}"#, "0.9"),
                ex(r#"stringToJson("[1, 2]")"#, "", "[1,2]"),
                fails(
                    r#"stringToJson("{name: Tom}")"#,
                    "",
                    "stringToJson: the argument is not valid JSON (key must be a string at line 1 column 2)",
                ),
            ],
        },
    ),
    f(
        "toArray",
        0,
        None,
        "(values ...any) -> []any",
        "its arguments as an array",
        FunctionDocs {
            details: "Its arguments, in order, as one array; any number of them, none included. An \
                      array argument stays one element (it is not flattened).",
            examples: &[
                ex(r#"toArray(1, "x")"#, "", r#"[1,"x"]"#),
                ex("toArray($Input.a, $Input.b)", r#"{"a":{"id":1},"b":[2]}"#, r#"[{"id":1},[2]]"#),
                ex("toArray()", "", "[]"),
            ],
        },
    ),
    FunctionSpec {
        documented: false,
        ..f(
            "toBase64",
            1,
            Some(1),
            "(text string) -> string",
            "encodes text as standard Base64",
            FunctionDocs {
                details: "Encodes the UTF-8 bytes of the text with the standard alphabet (`+`, `/`) \
                          and `=` padding: the counterpart of `fromBase64`. A non-string argument is \
                          an error (serialize other values first with `toJSON`).",
                examples: &[
                    ex(r#"toBase64("FnF")"#, "", r#""Rm5G""#),
                    ex("toBase64($Input.text)", r#"{"text":"hello world"}"#, r#""aGVsbG8gd29ybGQ=""#),
                    fails(r#"toBase64({"a": 1})"#, "", "toBase64: expected a string, got a map"),
                ],
            },
        )
    },
    FunctionSpec {
        documented: false,
        ..f(
            "toJSON",
            1,
            Some(1),
            "(value any) -> string",
            "serializes a value to compact JSON text (alias of jsonToString)",
            FunctionDocs {
                details: "The same as `jsonToString`: any value becomes its JSON text, without \
                          spaces, map keys in their order.",
                examples: &[
                    ex(r#"toJSON({"a": [1, 2]})"#, "", r#""{\"a\":[1,2]}""#),
                    ex("toBase64(toJSON($Input))", r#"{"id":1}"#, r#""eyJpZCI6MX0=""#),
                ],
            },
        )
    },
    f(
        "uuid",
        0,
        Some(0),
        "() -> string",
        "a random UUID (version 4)",
        FunctionDocs {
            details: "A new random version-4 UUID in lowercase, 36 characters with dashes, on every \
                      call. flowplay draws from a generator seeded per run (`flowplay run \
                      --seed`), so the same seed gives the same UUIDs; the examples below give their \
                      result whatever the seed.",
            examples: &[
                ex("length(uuid())", "", "36"),
                ex(
                    r#"regexMatchString("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", uuid())"#,
                    "",
                    "true",
                ),
                ex("uuid() == uuid()", "", "false"),
            ],
        },
    ),
];

/// What each function computes, apart from [`FUNCTIONS`]: only the evaluator refers to this
/// table, so a build that lints but never evaluates (the playground's page) links none of it.
#[cfg(feature = "evaluate")]
pub static IMPLEMENTATIONS: &[(&str, FunctionImpl)] = &[
    ("arrayContains", |a, _| Ok(Value::Bool(array("arrayContains", &a[0])?.iter().any(|v| json_equal(v, &a[1]))))),
    ("arrayUnique", array_unique),
    ("format", format),
    ("fromBase64", from_base64),
    ("fromJSON", |a, _| from_json("fromJSON", &a[0])),
    ("get", get),
    ("hash", hash),
    ("intAdd", int_add),
    ("jsonMerge", json_merge),
    ("jsonToString", to_json),
    ("length", length),
    ("mapKeys", map_keys),
    ("mapValues", map_values),
    ("randomInt", random_int),
    ("regexMatchString", regex_match_string),
    ("split", split),
    ("stringToJson", |a, _| from_json("stringToJson", &a[0])),
    ("toArray", |a, _| Ok(Value::Array(a.to_vec()))),
    ("toBase64", |a, _| {
        Ok(Value::String(base64::engine::general_purpose::STANDARD.encode(string("toBase64", &a[0])?)))
    }),
    ("toJSON", to_json),
    ("uuid", uuid),
];

/// The implementation of the function `name` (every name in [`FUNCTIONS`] has one: a test).
#[cfg(feature = "evaluate")]
pub fn implementation(name: &str) -> Option<FunctionImpl> {
    IMPLEMENTATIONS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

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

#[cfg(all(test, feature = "evaluate"))]
mod tests {
    use super::*;

    #[test]
    fn every_function_has_one_implementation_and_every_implementation_a_function() {
        let mut declared: Vec<&str> = FUNCTIONS.iter().map(|f| f.name).collect();
        let mut implemented: Vec<&str> = IMPLEMENTATIONS.iter().map(|(n, _)| *n).collect();
        declared.sort_unstable();
        implemented.sort_unstable();
        assert_eq!(declared, implemented);
        assert!(FUNCTIONS.iter().all(|f| implementation(f.name).is_some()));
        assert!(implementation("noSuchFunction").is_none());
    }
}
