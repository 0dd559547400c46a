//! The linter and the engine agree on expressions (issue 13, class 6): every expression a
//! workflow may carry without a lint error is one the engine's evaluator runs without an error
//! the text alone decides (a syntax error, an unknown variable or function, a wrong arity, a
//! variable missing in that place). What remains are errors of the data (types, bad JSON).
//!
//! An unknown function name is a warning (FDL-E014: the documented list is incomplete, the
//! service may have it), so a workflow with that warning counts as not accepted here.

use fdl::expr::{EvalEnv, EvalErrorKind, EvalOptions, SeededRng, evaluate};
use fdl::model::{StateKind, Template};
use proptest::prelude::*;
use serde_json::{Value, json};

fn input() -> Value {
    json!({"a": "x", "b": 1, "list": [1, 2], "o": {"k": "v"}, "body": "{\"d\": [1]}"})
}

/// Expression texts from a grammar of what workflows write, right and wrong.
fn expression() -> impl Strategy<Value = String> {
    let root = prop_oneof![
        Just("$Input"),
        Just("$Output"),
        Just("$Context"),
        Just("$Global"),
        Just("$Item"),
        Just("$input"),
        Just("$local"),
        Just("$"),
        Just("$Foo"),
    ];
    let segment = prop_oneof![
        "\\.[a-z]{1,4}",
        Just(".list".to_owned()),
        "\\[[0-2]\\]",
        Just("[\"k\"]".to_owned()),
        Just("[*]".to_owned()),
    ];
    let path = (root, prop::collection::vec(segment.clone(), 0..3)).prop_map(|(r, s)| format!("{r}{}", s.concat()));
    let leaf =
        prop_oneof![path, "-?[0-9]{1,3}", "\"[a-z{} ]{0,4}\"", Just("true".to_owned()), Just("null".to_owned()),];
    let function = prop_oneof![
        Just("length"),
        Just("stringToJson"),
        Just("toArray"),
        Just("format"),
        Just("intAdd"),
        Just("uuid"),
        Just("lenght"),
        Just("jsonMerge"),
    ];
    leaf.prop_recursive(3, 24, 3, move |inner| {
        prop_oneof![
            (function.clone(), prop::collection::vec(inner.clone(), 0..3))
                .prop_map(|(f, args)| format!("{f}({})", args.join(", "))),
            (inner.clone(), "(==|!=|<|>=)", inner.clone()).prop_map(|(a, op, b)| format!("{a} {op} {b}")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) && !({b})")),
            prop::collection::vec(inner.clone(), 0..3).prop_map(|v| format!("[{}]", v.join(", "))),
            inner.clone().prop_map(|a| format!("{{\"k\": {a}}}")),
            (inner, prop::collection::vec(segment.clone(), 1..3)).prop_map(|(a, s)| format!("({a}){}", s.concat())),
        ]
    })
}

fn workflow(in_input: &str, in_output: &str) -> String {
    let quote = |e: &str| serde_json::to_string(e).unwrap();
    format!(
        "Type: StateMachine\nName: agreement\nSpecVersion: v1\nStartAt: S\nStates:\n  - Type: Pass\n    Name: S\n    InputConstructor:\n      v.$: {}\n    OutputConstructor:\n      w.$: {}\n    End: true\n",
        quote(in_input),
        quote(in_output)
    )
}

/// Whether the linter accepts the workflow: no error, and no unknown-function warning.
fn accepted(source: &str) -> bool {
    fdl::Linter::default()
        .lint(source)
        .diagnostics
        .iter()
        .all(|d| d.severity != fdl::Severity::Error && d.code != "FDL-E014")
}

/// Evaluates each constructor expression with what the engine provides in its place (spec
/// §6.2: `$Output` only in the OutputConstructor; no `$Item` outside a Map's ItemConstructor).
fn static_errors(source: &str) -> Vec<String> {
    let analysis = fdl::analyze(source);
    let Some(flow) = analysis.document.as_ref().and_then(|d| d.as_current()) else { return vec![] };
    let state = &flow.scope.states[0];
    let (input, output, context, global) = (input(), json!({"r": 1}), json!({"Execution": {}}), json!({}));
    let mut errors = Vec::new();
    let mut check = |fields: &[fdl::model::Field], output: Option<&Value>| {
        for f in fields {
            let Template::Expression(e) = &f.value else { continue };
            let Some(ast) = e.ast() else {
                errors.push(format!("`{}` does not parse", e.text));
                continue;
            };
            let mut rng = SeededRng::new(1);
            let mut env = EvalEnv {
                input: Some(&input),
                output,
                context: Some(&context),
                global: Some(&global),
                item: None,
                rng: &mut rng,
                options: EvalOptions::default(),
            };
            if let Err(err) = evaluate(ast, &mut env)
                && err.kind == EvalErrorKind::Static
            {
                errors.push(format!("`{}`: {}", e.text, err.message));
            }
        }
    };
    assert!(matches!(state.kind, StateKind::Pass));
    if let Some(c) = &state.input_constructor {
        check(&c.fields, None);
    }
    if let Some(c) = &state.output_constructor {
        check(&c.fields, Some(&output));
    }
    errors
}

/// The engine itself never refuses an accepted workflow's expression as unparsable.
fn engine_cause(source: &str) -> Option<String> {
    let analysis = fdl::analyze(source);
    let flow = analysis.document.as_ref()?.as_current()?;
    let run =
        futures::executor::block_on(engine::run(flow, input(), &engine::MockInvoker::echo(), &Default::default()));
    run.cause
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn accepted_expressions_have_no_static_evaluation_error(a in expression(), b in expression()) {
        let source = workflow(&a, &b);
        if accepted(&source) {
            let errors = static_errors(&source);
            prop_assert!(errors.is_empty(), "lints clean but the evaluator refuses: {errors:?}\n{source}");
            let cause = engine_cause(&source).unwrap_or_default();
            prop_assert!(!cause.contains("invalid expression"), "the engine refuses: {cause}\n{source}");
        }
    }
}

/// The expressions of issue 13 that lint clean now run, and `[*]` is an error for both.
#[test]
fn the_issue_examples() {
    let ok = workflow("$Input.body", "stringToJson($Input.v).d[0]");
    assert!(accepted(&ok));
    assert!(static_errors(&ok).is_empty());
    assert_eq!(engine_cause(&ok), None);
    let wildcard = workflow("$Input.list[*].name", "$Output");
    assert!(!accepted(&wildcard));
}

/// The property is not vacuous: many generated workflows are accepted, and many are not.
#[test]
fn the_generator_makes_both_accepted_and_refused_workflows() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = (expression(), expression());
    let total = 300;
    let accepted_count = (0..total)
        .filter(|_| {
            let (a, b) = strategy.new_tree(&mut runner).expect("a value").current();
            accepted(&workflow(&a, &b))
        })
        .count();
    assert!(accepted_count * 10 >= total, "only {accepted_count} of {total} accepted");
    assert!(accepted_count * 10 <= total * 9, "{accepted_count} of {total} accepted");
}
