//! The wasm API under wasm32 (run by scripts/test.sh with wasm-bindgen-test-runner in Node):
//! the JS objects it returns, UTF-16 ranges on non-ASCII text, fixes, migration, runs and the
//! Stepper.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn get(v: &JsValue, path: &[&str]) -> JsValue {
    path.iter()
        .fold(v.clone(), |v, key| js_sys::Reflect::get(&v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED))
}

fn index(v: &JsValue, i: u32) -> JsValue {
    js_sys::Reflect::get_u32(v, i).unwrap_or(JsValue::UNDEFINED)
}

#[wasm_bindgen_test]
fn lint_gives_utf16_columns_for_chinese_and_emoji_names() {
    let text = "Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: 😀开始\nStates:\n  - Type: Pass\n    Name: 开始\n    End: true\n";
    let result = flowplay_wasm::lint(text, JsValue::UNDEFINED);
    let first = index(&get(&result, &["diagnostics"]), 0);
    assert_eq!(get(&first, &["code"]).as_string().as_deref(), Some("FDL-S011"));
    assert_eq!(get(&first, &["range", "start", "line"]).as_f64(), Some(4.0));
    assert_eq!(get(&first, &["range", "end", "column"]).as_f64(), Some(13.0));
    assert_eq!(get(&first, &["range", "end", "column_utf16"]).as_f64(), Some(14.0));
}

#[wasm_bindgen_test]
fn options_objects_are_accepted_and_bad_ones_reported() {
    let text = "Type: StateMachine\nName: demo\nSpecVersion: v1\nComment: x\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    End: true\n";
    let options = js_sys::JSON::parse(r#"{"rules": {"FDL-S010": "off"}}"#).unwrap();
    let result = flowplay_wasm::lint(text, options);
    assert_eq!(js_sys::Array::from(&get(&result, &["diagnostics"])).length(), 0);
    let bad = flowplay_wasm::lint(text, js_sys::JSON::parse(r#"{"executionMode": "Fast"}"#).unwrap());
    assert!(get(&bad, &["error"]).as_string().unwrap().contains("executionMode"));
    assert_eq!(js_sys::Array::from(&get(&bad, &["diagnostics"])).length(), 0);
    // JSON text (the component's `options` attribute) is read like the object.
    let text_options = flowplay_wasm::lint(text, JsValue::from_str(r#"{"rules": {"FDL-S010": "off"}}"#));
    assert_eq!(js_sys::Array::from(&get(&text_options, &["diagnostics"])).length(), 0);
    assert!(get(&text_options, &["error"]).is_undefined());
    let empty = flowplay_wasm::lint(text, JsValue::from_str(" "));
    assert_eq!(js_sys::Array::from(&get(&empty, &["diagnostics"])).length(), 1);
    for (options, message) in [
        ("{", "invalid lint options"),
        (r#"{"rule": {}}"#, "unknown field `rule`"),
        (r#"{"rules": {"FDL-S010": "loud"}}"#, "rules.FDL-S010 must be"),
        (r#"{"rules": {"FDL-S010": 1}}"#, "rules.FDL-S010 must be"),
        (r#"{"rules": []}"#, "`rules` must be an object"),
        ("[]", "expected an object"),
        (r#"{"executionMode": 1}"#, "executionMode"),
    ] {
        let error = get(&flowplay_wasm::lint(text, JsValue::from_str(options)), &["error"]).as_string();
        assert!(error.as_deref().is_some_and(|e| e.contains(message)), "{options}: {error:?}");
    }
    let express = js_sys::JSON::parse(r#"{"executionMode": "express", "rules": {"FDL-S010": "error"}}"#).unwrap();
    let result = flowplay_wasm::lint(text, express);
    let first = index(&get(&result, &["diagnostics"]), 0);
    assert_eq!(get(&first, &["severity"]).as_string().as_deref(), Some("error"));
    // A fix with options, and invalid options leave the text as it is.
    assert_eq!(flowplay_wasm::fix(text, JsValue::from_str("{"), true), text);
}

#[wasm_bindgen_test]
fn fix_and_version() {
    let text =
        "Type: StateMachine\nName: demo\nSpecVersion: \"1.0\"\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n";
    // `SpecVersion: v1` is safe; `End: true` (where `Next` may be meant) is unsafe.
    let safe = flowplay_wasm::fix(text, JsValue::NULL, false);
    assert!(safe.contains("SpecVersion: v1\n") && !safe.contains("End: true"), "{safe}");
    assert!(flowplay_wasm::fix(text, JsValue::NULL, true).ends_with("End: true\n"));
    assert!(!flowplay_wasm::version().is_empty());
    assert!(js_sys::Array::from(&flowplay_wasm::rules()).length() >= 90);
}

#[wasm_bindgen_test]
fn block_scalars_flow_collections_and_aliases_are_read_in_both_builds() {
    let text = "Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    Description: !!str >-\n      two\n      lines\n    InputConstructor: &c {a: [1, {b: c}]}\n    OutputConstructor: *c\n    End: true\n";
    let result = flowplay_wasm::lint(text, JsValue::UNDEFINED);
    assert_eq!(js_sys::Array::from(&get(&result, &["diagnostics"])).length(), 0);
}

/// YAML outside the scanner's subset: the full build reads it (granit); the embed build reports
/// where it stopped and what it met, never a wrong tree.
#[wasm_bindgen_test]
fn yaml_outside_the_subset() {
    let text = "Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    InputConstructor:\n      ? a\n      : 1\n    End: true\n";
    let result = flowplay_wasm::lint(text, JsValue::UNDEFINED);
    let diagnostics = js_sys::Array::from(&get(&result, &["diagnostics"]));
    if cfg!(feature = "full") {
        assert_eq!(diagnostics.length(), 0);
    } else {
        assert_eq!(diagnostics.length(), 1);
        let first = index(&diagnostics, 0);
        assert_eq!(get(&first, &["code"]).as_string().as_deref(), Some("FDL-P001"));
        assert_eq!(get(&first, &["range", "start", "line"]).as_f64(), Some(9.0));
        assert_eq!(get(&first, &["range", "start", "column"]).as_f64(), Some(7.0));
        assert!(get(&first, &["message"]).as_string().unwrap().contains("explicit key"));
    }
}

#[cfg(feature = "full")]
#[wasm_bindgen_test]
fn run_and_step_through() {
    let text = "Type: StateMachine\nName: d\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    Next: B\n  - Type: Pass\n    Name: B\n    End: true\n";
    let options = js_sys::JSON::parse(r#"{"input": {"x": 1}, "breakpoints": ["B"]}"#).unwrap();
    let execution = flowplay_wasm::run(text, options.clone());
    assert_eq!(get(&execution, &["Status"]).as_string().as_deref(), Some("Succeeded"));
    let mut stepper = flowplay_wasm::Stepper::new(text, options).unwrap_or_else(|_| panic!("the flow runs"));
    let hit = stepper.resume();
    assert_eq!(get(&hit, &["StepName"]).as_string().as_deref(), Some("B"));
    assert_eq!(get(&stepper.current(), &["name"]).as_string().as_deref(), Some("B"));
    while !stepper.step().is_undefined() {}
    assert!(js_sys::Array::from(&stepper.seen()).length() > 4);
    let migrated = flowplay_wasm::migrate("version: v1beta1\ntype: flow\nsteps:\n  - type: pass\n    name: a\n");
    assert!(get(&migrated, &["text"]).as_string().unwrap().contains("Type: StateMachine"));
    assert!(get(&flowplay_wasm::schema(), &["$schema"]).is_string());
}
