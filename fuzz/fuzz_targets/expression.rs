//! The expression language: parse arbitrary text, then evaluate against a fixed input.
//! Asserts: no panic; AST and error spans inside the text on char boundaries; the printed form
//! (`Display`) parses again to the same printed form; evaluation returns Ok or a located error
//! with the documented code.
#![no_main]

use fdl::expr::{EvalEnv, EvalOptions, SeededRng, evaluate, parse};
use flowplay_fuzz::*;
use libfuzzer_sys::fuzz_target;
use serde_json::json;

fuzz_target!(|data: &[u8]| {
    let source = text(data);
    let source = source.as_ref();
    let expr = match parse(source) {
        Ok(e) => e,
        Err(err) => {
            check_span(source, err.span, "parse error");
            assert!(!err.message.is_empty());
            return;
        }
    };
    check_expr(source, &expr);
    let _ = expr.max_call_depth();
    let _ = expr.is_boolean_shaped();
    let _ = expr.paths();
    let printed = expr.to_string();
    match parse(&printed) {
        Ok(again) => assert_eq!(again.to_string(), printed, "printing is not stable for {source:?}"),
        // `!x` prints as `!(x)`, so a deep chain of `!` may print past the nesting limit.
        Err(e) if e.message.contains("nests more than") || printed.len() > fdl::expr::MAX_EXPRESSION_BYTES => {}
        Err(e) => panic!("printed form {printed:?} of {source:?} does not parse: {e:?}"),
    }

    let input = sample_input();
    let output = json!({"Body": input.clone(), "Items": [1, 2]});
    let context = json!({"Execution": {"Name": "e", "Input": input.clone()}, "Current": {"Name": "S", "Input": input.clone()}});
    let global = json!({"g": 1, "list": [1, 2, 3]});
    let item = json!({"x": "y", "i": 0});
    for strict in [false, true] {
        let mut rng = SeededRng::new(7);
        let mut env = EvalEnv {
            input: Some(&input),
            output: Some(&output),
            context: Some(&context),
            global: Some(&global),
            item: Some(&item),
            rng: &mut rng,
            options: EvalOptions { strict_paths: strict },
        };
        match evaluate(&expr, &mut env) {
            Ok(v) => {
                let _ = serde_json::to_string(&v).expect("value serializes");
            }
            Err(e) => {
                check_span(source, e.span, "eval error");
                assert!(e.code.starts_with("FnF."), "odd error code {}", e.code);
            }
        }
    }
    // Places where only $Input exists ($Output etc. must be clean errors).
    let mut rng = SeededRng::new(1);
    let mut env = EvalEnv {
        input: Some(&input),
        output: None,
        context: None,
        global: None,
        item: None,
        rng: &mut rng,
        options: EvalOptions::default(),
    };
    if let Err(e) = evaluate(&expr, &mut env) {
        check_span(source, e.span, "eval error");
    }
});
