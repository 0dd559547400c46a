use serde_json::{Value, json};

use super::*;

fn eval_with(text: &str, input: &Value) -> Result<Value, EvalError> {
    let expr = parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
    let mut rng = SeededRng::new(7);
    let ctx = json!({"Execution": {"Name": "e1", "Input": input}, "Current": {"Name": "S", "Input": input}});
    let global = json!({"g": 1});
    let mut env = EvalEnv {
        input: Some(input),
        output: None,
        context: Some(&ctx),
        global: Some(&global),
        item: None,
        rng: &mut rng,
        options: EvalOptions::default(),
    };
    evaluate(&expr, &mut env)
}

fn ev(text: &str) -> Value {
    eval_with(text, &json!({"a": {"b": [10, 20]}, "status": "ready", "n": 3, "s": "x"}))
        .unwrap_or_else(|e| panic!("{text}: {e:?}"))
}

#[test]
fn parse_error_at_the_end_of_a_dangling_comparison() {
    let err = parse("$Input.a ==").unwrap_err();
    assert_eq!(err.span, crate::Span::empty(11));
    assert!(err.message.contains("after `==`"), "{}", err.message);
    let err = parse("$Input.a == ").unwrap_err();
    assert_eq!(err.span.start, 11);
}

#[test]
fn parse_errors_point_at_the_offending_token() {
    assert_eq!(parse("$Input.a = 1").unwrap_err().span, crate::Span::new(9, 10));
    assert_eq!(parse("length($Input.a").unwrap_err().span, crate::Span::empty(15));
    assert_eq!(parse("$Input.a 1").unwrap_err().span, crate::Span::new(9, 10));
    assert!(parse("status == \"x\"").unwrap_err().message.contains("variables start with `$`"));
    assert!(parse("\"abc").unwrap_err().message.contains("no closing"));
    assert!(parse("").is_err());
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let text = format!("{}1{}", "(".repeat(5000), ")".repeat(5000));
    assert!(parse(&text).unwrap_err().message.contains("nests more than"));
    let text = format!("{}1{}", "[".repeat(5000), "]".repeat(5000));
    assert!(parse(&text).is_err());
    let text = "!".repeat(5000) + "true";
    assert!(parse(&text).is_err());
}

/// Long `&&`/`||` chains nest the tree; the parser counts them against its limit, so the
/// evaluator never refuses (as "nests too deeply") an expression the linter accepted.
#[test]
fn long_boolean_chains_parse_within_the_evaluation_limit() {
    let chain = |n: usize, op: &str| vec!["true"; n].join(op);
    assert_eq!(ev(&chain(100, " && ")), json!(true));
    assert_eq!(ev(&chain(100, " || ")), json!(true));
    assert_eq!(ev(&format!("({}) && ({})", chain(60, " || "), chain(60, " && "))), json!(true));
    // At the parser's limit, with the deepest operand the grammar allows at the bottom.
    let deepest = format!("(toArray(toArray(1))[0][0] == 1) && {}", chain(126, " && "));
    assert!(parse(&deepest).is_ok());
    assert_eq!(ev(&deepest), json!(true));
    let nested = format!("{}1{}", "[".repeat(60), "]".repeat(60));
    assert!(eval_with(&nested, &json!({})).is_ok());
    for op in [" && ", " || "] {
        let err = parse(&chain(400, op)).unwrap_err();
        assert!(err.message.contains("nests more than"), "{}", err.message);
    }
}

#[test]
fn paths_literals_and_precedence() {
    assert_eq!(ev("$Input.a.b[1]"), json!(20));
    assert_eq!(ev("$Input[\"status\"]"), json!("ready"));
    assert_eq!(ev("$Input.missing.deeper"), Value::Null);
    assert_eq!(ev("$Context.Current.Name"), json!("S"));
    assert_eq!(ev("$Global.g"), json!(1));
    assert_eq!(ev("$Input.status == \"ready\" && $Input.n >= 3 || false"), json!(true));
    assert_eq!(ev("!($Input.n < 3)"), json!(true));
    assert_eq!(ev("1 == 1.0"), json!(true));
    assert_eq!(ev("`raw` == 'raw'"), json!(true));
    assert_eq!(ev("\"a\" < \"b\""), json!(true));
    assert_eq!(ev("1 < \"b\""), json!(false));
    assert_eq!(ev("$Input.missing == null"), json!(true));
    assert_eq!(ev("{\"k\": [1, $Input.n]}"), json!({"k": [1, 3]}));
}

#[test]
fn strict_paths_and_unavailable_roots_are_errors() {
    let expr = parse("$Input.nope").unwrap();
    let mut rng = SeededRng::new(1);
    let input = json!({});
    let mut env = EvalEnv {
        input: Some(&input),
        output: None,
        context: None,
        global: None,
        item: None,
        rng: &mut rng,
        options: EvalOptions { strict_paths: true },
    };
    assert!(evaluate(&expr, &mut env).unwrap_err().message.contains("`$Input.nope` does not exist"));
    let err = evaluate(&parse("$Output.x").unwrap(), &mut env).unwrap_err();
    assert_eq!(err.message, "$Output is not available here");
    assert_eq!(err.code, EXPRESSION_ERROR);
    assert!(evaluate(&parse("1 && true").unwrap(), &mut env).unwrap_err().message.contains("needs booleans"));
}

#[test]
fn documented_function_examples() {
    assert_eq!(ev("arrayContains([\"a\",1], 1)"), json!(true));
    assert_eq!(ev("arrayContains([\"Tom\",10],10)"), json!(true));
    assert_eq!(ev("arrayUnique([3,1,3])"), json!([3, 1]));
    assert_eq!(ev("toArray(1,\"x\")"), json!([1, "x"]));
    assert_eq!(ev("format(\"{}-{}\", \"a\", 2)"), json!("a-2"));
    assert_eq!(ev("format(\"hello {}\",\"world\")"), json!("hello world"));
    assert_eq!(ev("length([1,2,3])"), json!(3));
    assert_eq!(ev("length({\"name\":\"Tom\",\"age\":10})"), json!(2));
    assert_eq!(ev("length(\"name\")"), json!(4));
    assert_eq!(ev("length(\"调用\")"), json!(2));
    assert_eq!(ev("fromBase64(\"Rm5G\")"), json!("FnF"));
    assert_eq!(ev("toBase64(\"FnF\")"), json!("Rm5G"));
    assert_eq!(ev("hash(\"abc\",\"MD5\")"), json!("900150983cd24fb0d6963f7d28e17f72"));
    assert_eq!(ev("hash(\"abc\",\"SHA-1\")"), json!("a9993e364706816aba3e25717850c26c9cd0d89d"));
    assert_eq!(
        ev("hash(\"abc\",\"SHA-256\")"),
        json!("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    );
    assert!(ev("hash(\"abc\",\"SHA-512\")").as_str().unwrap().starts_with("ddaf35a193617aba"));
    assert_eq!(ev("stringToJson('{\"name\": \"Tom\"}')"), json!({"name": "Tom"}));
    assert_eq!(ev("fromJSON('{\"a\":1}')"), json!({"a": 1}));
    assert_eq!(ev("jsonMerge({\"name\":\"Tom\"},{\"age\":10})"), json!({"name": "Tom", "age": 10}));
    assert_eq!(ev("jsonMerge({\"a\":1},{\"a\":2})"), json!({"a": 2}));
    assert_eq!(ev("jsonToString({\"a\":[1]})"), json!("{\"a\":[1]}"));
    assert_eq!(ev("get([1,2], 1)"), json!(2));
    assert_eq!(ev("get({\"k\": \"v\"}, \"k\")"), json!("v"));
    assert_eq!(ev("intAdd(2, 40)"), json!(42));
    assert_eq!(ev("split(\"a,b\", \",\")"), json!(["a", "b"]));
    assert_eq!(ev("mapKeys({\"b\":1,\"a\":2})"), json!(["a", "b"]));
    assert_eq!(ev("mapValues({\"b\":1,\"a\":2})"), json!([2, 1]));
    assert_eq!(ev("regexMatchString(\"^a.c$\", \"abc\")"), json!(true));
    assert_eq!(ev("regexMatchString(\"b\", \"abc\")"), json!(true));
}

#[test]
fn random_functions_are_reproducible_with_a_seed() {
    let a = ev("uuid()");
    assert_eq!(a, ev("uuid()"));
    let text = a.as_str().unwrap();
    assert_eq!(text.len(), 36);
    assert_eq!(&text[14..15], "4");
    let n = ev("randomInt(5, 8)").as_i64().unwrap();
    assert!((5..8).contains(&n));
}

#[test]
fn function_errors_name_the_function_and_the_problem() {
    let e = eval_with("intAdd(\"a\", 1)", &json!({})).unwrap_err();
    assert_eq!(e.message, "intAdd: expected an integer, got a string");
    let e = eval_with("lenght([1])", &json!({})).unwrap_err();
    assert!(e.message.contains("did you mean `length`"), "{}", e.message);
    let e = eval_with("length()", &json!({})).unwrap_err();
    assert_eq!(e.message, "`length` takes 1 argument but got 0");
    assert!(eval_with("fromBase64(\"@@\")", &json!({})).unwrap_err().message.contains("not valid Base64"));
    assert!(eval_with("hash(\"a\", \"CRC\")", &json!({})).unwrap_err().message.contains("unknown algorithm"));
}

#[test]
fn analysis_helpers() {
    let e = parse("a(b(c()))").unwrap();
    assert_eq!(e.max_call_depth(), 3);
    assert!(parse("$Input.a == 1").unwrap().is_boolean_shaped());
    assert!(parse("arrayContains([1], 1)").unwrap().is_boolean_shaped());
    assert!(!parse("$Input.a").unwrap().is_boolean_shaped());
    let legacy = parse("$input.x").unwrap();
    assert!(matches!(&legacy.paths()[0].root, Root::Other(n) if n == "input"));
    assert!(matches!(parse("$.x").unwrap().paths()[0].root, Root::Dollar));
    assert_eq!(suggest_function("arraycontains"), Some("arrayContains"));
}

#[test]
fn spans_move_into_document_coordinates() {
    let mut e = parse("$Input.a == 1").unwrap();
    e.map_spans(&|s| crate::Span::new(s.start + 100, s.end + 100));
    assert_eq!(e.span, crate::Span::new(100, 113));
}

/// Issue 13, class 3: member access and indexing after any primary (spec §7.3 `postfix`), as in
/// `stringToJson($Output.Body).Data.text_embedding[0]` of an official Serverless Devs template.
#[test]
fn member_access_and_index_after_any_primary() {
    let input = json!({"Body": "{\"Data\": {\"text_embedding\": [[0.5, 0.25]]}}", "csv": "x,y"});
    let ev_in = |text: &str| eval_with(text, &input).unwrap_or_else(|e| panic!("{text}: {e:?}"));
    assert_eq!(ev_in("stringToJson($Input.Body).Data.text_embedding[0]"), json!([0.5, 0.25]));
    assert_eq!(ev_in("stringToJson($Input.Body).Data.text_embedding[0][1]"), json!(0.25));
    assert_eq!(ev_in("stringToJson($Input.Body)[\"Data\"].missing"), Value::Null);
    assert_eq!(ev_in("split($Input.csv, \",\")[1]"), json!("y"));
    assert_eq!(ev_in("toArray(1, 2)[0] == 1"), json!(true));
    assert_eq!(ev_in("[10, 20][1]"), json!(20));
    assert_eq!(ev_in("{\"a\": {\"b\": true}}.a.b"), json!(true));
    assert_eq!(ev_in("(\"text\").length"), Value::Null);
    assert_eq!(ev_in("length(split($Input.csv, \",\")[0]) == 1 && toArray(true)[0]"), json!(true));
    // After a variable the segments belong to its path, wherever the parentheses are.
    assert_eq!(parse("($Input.a).b[0]").unwrap().paths()[0].to_string(), "$Input.a.b[0]");
    let e = parse("f(x)").err();
    assert!(e.is_some(), "`x` is not a variable");
    let call = parse("stringToJson($Input.Body).Data[0]").unwrap();
    assert!(matches!(&call.kind, ExprKind::Access { segments, .. } if segments.len() == 2));
    assert_eq!(call.span, crate::Span::new(0, 33));
    assert_eq!(call.to_string(), "stringToJson($Input.Body).Data[0]");
    assert_eq!(parse("(!true).x").unwrap().to_string(), "(!(true)).x");
    assert_eq!(parse("(1 == 1)[0]").unwrap().to_string(), "((1 == 1))[0]");
}

#[test]
fn postfix_errors_are_located() {
    let err = parse("length($Input.a).").unwrap_err();
    assert!(err.message.contains("expected a member name after `.`"), "{}", err.message);
    assert_eq!(err.span, crate::Span::empty(17));
    let err = parse("uuid()[\"a\"").unwrap_err();
    assert!(err.message.contains("`]`"), "{}", err.message);
    assert!(parse("uuid()[$Input.i]").is_err(), "dynamic indexes are not in the grammar");
}

/// A missing member after a call is null, or an error in strict mode naming the path.
#[test]
fn strict_mode_names_the_missing_member_after_a_call() {
    let expr = parse("toArray(1)[3].x").unwrap();
    let mut rng = SeededRng::new(1);
    let mut env = EvalEnv {
        input: None,
        output: None,
        context: None,
        global: None,
        item: None,
        rng: &mut rng,
        options: EvalOptions { strict_paths: true },
    };
    let err = evaluate(&expr, &mut env).unwrap_err();
    assert_eq!(err.message, "`(toArray(1))[3]` does not exist (an array has no such member)");
    assert_eq!(err.kind, EvalErrorKind::Data);
}

/// Issue 13, class 6: `[*]` is refused where both the linter and the engine parse.
#[test]
fn wildcard_is_a_parse_error_with_a_way_out() {
    let err = parse("$Input.items[*].name").unwrap_err();
    assert_eq!(err.span, crate::Span::new(12, 15));
    assert!(err.message.contains("index one element such as `[0]`"), "{}", err.message);
    assert!(parse("stringToJson($Input.x)[*]").is_err());
}

/// Errors a linter can know from the text are `Static`; the others depend on the data.
#[test]
fn evaluation_errors_say_whether_the_text_decides_them() {
    let kind = |text: &str| eval_with(text, &json!({"s": "x"})).unwrap_err().kind;
    for text in ["lenght([1])", "length()", "$input.x", "$.x", "$Output.x", "$Item"] {
        assert_eq!(kind(text), EvalErrorKind::Static, "{text}");
    }
    for text in ["intAdd($Input.s, 1)", "!$Input.s", "stringToJson($Input.s)"] {
        assert_eq!(kind(text), EvalErrorKind::Data, "{text}");
    }
}

/// One entry per built-in: its documented arity holds and its implementation runs on an example.
#[test]
fn every_function_runs_its_example() {
    let examples: &[(&str, Value)] = &[
        ("arrayContains([1], 1)", json!(true)),
        ("arrayUnique([1, 1])", json!([1])),
        ("format(\"{}!\", 1)", json!("1!")),
        ("fromBase64(\"eA==\")", json!("x")),
        ("fromJSON(\"[1]\")", json!([1])),
        ("get([7], 0)", json!(7)),
        ("hash(\"\", \"MD5\")", json!("d41d8cd98f00b204e9800998ecf8427e")),
        ("intAdd(1, 2)", json!(3)),
        ("jsonMerge({}, {\"a\": 1})", json!({"a": 1})),
        ("jsonToString([1])", json!("[1]")),
        ("length(\"ab\")", json!(2)),
        ("mapKeys({\"k\": 1})", json!(["k"])),
        ("mapValues({\"k\": 1})", json!([1])),
        ("randomInt(4, 5)", json!(4)),
        ("regexMatchString(\"^a\", \"ab\")", json!(true)),
        ("split(\"a b\", \" \")", json!(["a", "b"])),
        ("stringToJson(\"{}\")", json!({})),
        ("toArray()", json!([])),
        ("toBase64(\"x\")", json!("eA==")),
        ("toJSON(null)", json!("null")),
    ];
    for spec in FUNCTIONS {
        let calls: Vec<&(&str, Value)> =
            examples.iter().filter(|(text, _)| text.starts_with(&format!("{}(", spec.name))).collect();
        if spec.name == "uuid" {
            assert_eq!(ev("uuid()").as_str().map(str::len), Some(36));
            continue;
        }
        assert!(!calls.is_empty(), "`{}` has no example here", spec.name);
        for (text, want) in calls {
            assert_eq!(&ev(text), want, "{text}");
            let argc = match parse(text).unwrap().kind {
                ExprKind::Call { args, .. } => args.len(),
                _ => unreachable!(),
            };
            assert!(resolve_call(spec.name, argc).is_ok(), "{text}");
        }
        assert!(resolve_call(spec.name, spec.max_args.map_or(99, |m| m + 1)).is_err() || spec.max_args.is_none());
        if spec.min_args > 0 {
            assert!(resolve_call(spec.name, spec.min_args - 1).is_err(), "{}", spec.name);
        }
    }
}

mod properties {
    use proptest::prelude::*;

    use super::super::*;

    fn strip(e: &mut Expr) {
        e.map_spans(&|_| crate::Span::default());
    }

    fn arb_expr() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            "\\$(Input|Output|Context|Global|Item)(\\.[a-z]{1,4}|\\[[0-9]\\]){0,3}",
            "split\\(\"a\", \"b\"\\)(\\.[a-z]{1,4}|\\[[0-9]\\]){1,3}",
            "-?[0-9]{1,5}",
            "\"[a-z {}]{0,5}\"",
            Just("true".to_owned()),
            Just("null".to_owned()),
        ];
        leaf.prop_recursive(4, 32, 3, |inner| {
            prop_oneof![
                (inner.clone(), "(==|!=|<|>=)", inner.clone()).prop_map(|(a, op, b)| format!("{a} {op} {b}")),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) && ({b})")),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) || !({b})")),
                prop::collection::vec(inner.clone(), 0..3).prop_map(|v| format!("format({})", v.join(", "))),
                prop::collection::vec(inner.clone(), 0..3).prop_map(|v| format!("[{}]", v.join(", "))),
                inner.clone().prop_map(|a| format!("{{\"k\": {a}}}")),
                inner.prop_map(|a| format!("({a}).k[0]")),
            ]
        })
    }

    proptest! {
        #[test]
        fn printing_then_parsing_gives_the_same_ast(text in arb_expr()) {
            if let Ok(mut e) = parse(&text) {
                let printed = e.to_string();
                let mut again = parse(&printed).unwrap_or_else(|err| panic!("{printed}: {err:?}"));
                strip(&mut e);
                strip(&mut again);
                prop_assert_eq!(e, again);
            }
        }

        #[test]
        fn arbitrary_text_never_panics_the_parser(text in "\\PC{0,80}") {
            let _ = parse(&text);
        }
    }
}

#[test]
fn printed_strings_with_control_characters_parse_again() {
    // fuzz/regressions/expression/display-backspace-escape: `Display` writes U+0008 as the
    // JSON escape `\b`, which the lexer refused ("unknown escape").
    let expr = parse("stringToJson('\u{8}\u{c}\u{1}\"')").unwrap();
    let printed = expr.to_string();
    assert_eq!(parse(&printed).unwrap().to_string(), printed);
    assert_eq!(ev("\"\\b\\f\""), json!("\u{8}\u{c}"));
}
