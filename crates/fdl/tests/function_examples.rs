//! The examples of the functions page (docs/functions.md, from `FunctionSpec::docs`) are
//! evaluated here by the evaluator the engine runs, so the page cannot show a result the
//! implementation does not give. Every built-in function has at least one example.
#![cfg(all(feature = "evaluate", feature = "rule-docs"))]

use fdl::expr::{EXPRESSION_ERROR, EvalEnv, EvalOptions, ExampleOutcome, FUNCTIONS, FunctionExample, SeededRng, parse};
use serde_json::Value;

/// Seeds the examples run with: results of `randomInt` and `uuid` examples must not depend on it.
const SEEDS: [u64; 8] = [0, 1, 2, 3, 42, 1 << 32, 0xDEAD_BEEF, u64::MAX];

fn variable(json: &str, what: &str, example: &FunctionExample) -> Value {
    if json.is_empty() {
        return Value::Object(Default::default());
    }
    serde_json::from_str(json).unwrap_or_else(|e| panic!("`{}`: {what} is not JSON: {e}", example.expression))
}

/// The example evaluated as the engine evaluates an expression (non-strict paths, its defaults).
fn run(example: &FunctionExample, seed: u64) -> Result<Value, String> {
    let ast =
        parse(example.expression).unwrap_or_else(|e| panic!("`{}` does not parse: {}", example.expression, e.message));
    let (input, context, global) = (
        variable(example.input, "$Input", example),
        variable(example.context, "$Context", example),
        variable(example.global, "$Global", example),
    );
    let mut rng = SeededRng::new(seed);
    let mut env = EvalEnv {
        input: Some(&input),
        output: None,
        context: Some(&context),
        global: Some(&global),
        item: None,
        rng: &mut rng,
        options: EvalOptions::default(),
    };
    fdl::expr::evaluate(&ast, &mut env).map_err(|e| {
        assert_eq!(e.code, EXPRESSION_ERROR);
        e.message
    })
}

#[test]
fn every_example_gives_what_the_page_says() {
    let mut failures = Vec::new();
    let mut count = 0;
    for spec in FUNCTIONS {
        for example in spec.docs.examples {
            count += 1;
            for seed in SEEDS {
                let got = run(example, seed);
                let ok = match (&example.outcome, &got) {
                    // Compact text on both sides: same value, same number form, same key order.
                    (ExampleOutcome::Value(want), Ok(v)) => {
                        let want: Value = serde_json::from_str(want)
                            .unwrap_or_else(|e| panic!("`{}`: the result is not JSON: {e}", example.expression));
                        serde_json::to_string(&want).unwrap() == serde_json::to_string(v).unwrap()
                    }
                    (ExampleOutcome::Error(want), Err(m)) => want == m,
                    _ => false,
                };
                if !ok {
                    failures.push(format!(
                        "{}: `{}` (seed {seed}) gives {:?}, the page says {:?}",
                        spec.name, example.expression, got, example.outcome
                    ));
                    break;
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(count >= FUNCTIONS.len());
}

#[test]
fn every_function_has_an_example_that_calls_it() {
    for spec in FUNCTIONS {
        assert!(!spec.docs.details.trim().is_empty(), "{} has no details", spec.name);
        let calls = format!("{}(", spec.name);
        assert!(
            spec.docs.examples.iter().any(|e| e.expression.contains(&calls)),
            "{} has no example calling it",
            spec.name
        );
        // Each function's page section shows a successful call, not only errors.
        assert!(
            spec.docs
                .examples
                .iter()
                .any(|e| matches!(e.outcome, ExampleOutcome::Value(_)) && e.expression.contains(&calls)),
            "{} has no example with a result",
            spec.name
        );
    }
}

/// The user-facing text carries no reference-document vocabulary.
#[test]
fn page_material_has_no_internal_markers() {
    for spec in FUNCTIONS {
        for text in [spec.summary, spec.docs.details] {
            for marker in ["UNCERTAIN", "INFERRED", "§", "spec "] {
                assert!(!text.contains(marker), "{}: `{marker}` in {text:?}", spec.name);
            }
        }
    }
}
