//! A JSON Schema (draft-07) of the current dialect for editors. Generated from the same field
//! tables the linter uses (`model::fields`), so the two cannot drift apart.

use serde_json::{Value, json};

use crate::model::fields::{COMMON_STATE_KEYS, specific_keys};
use crate::model::{StateType, TaskMode};

fn constructor() -> Value {
    json!({"type": "object", "description": "Keys ending in `.$` take an expression; other keys are literal values."})
}

fn property(key: &str) -> Value {
    match key {
        "Type" => json!({"type": "string"}),
        "Name" => json!({"type": "string", "minLength": 1, "description": "State name, unique in its scope."}),
        "Description" => json!({"type": "string"}),
        "InputConstructor" | "OutputConstructor" | "GlobalConstructor" | "Parameters" | "ItemConstructor" => {
            constructor()
        }
        "Next" | "Default" => json!({"type": "string", "description": "Name of a state in the same scope."}),
        "End" => json!({"type": "boolean"}),
        "Action" => {
            json!({"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9-]*:[A-Za-z][A-Za-z0-9]*$", "description": "<Service>:<Operation>, e.g. FC:InvokeFunction"})
        }
        "TaskMode" => json!({"enum": TaskMode::ALL.map(TaskMode::as_str)}),
        "Timeout" => json!({"type": ["string", "integer"], "pattern": "^[0-9]+$", "minimum": 0, "maximum": 604800}),
        "Retry" => json!({"type": "array", "items": {"$ref": "#/definitions/retrier"}}),
        "Catch" => json!({"type": "array", "items": {"$ref": "#/definitions/catcher"}}),
        "ItemsPath" => json!({"type": "string", "description": "Expression yielding an array, e.g. $Input.items"}),
        "Processor" => json!({"$ref": "#/definitions/scope"}),
        "MaxConcurrency" => json!({"type": "integer", "minimum": 1}),
        "Seconds" => json!({"type": "integer", "minimum": 1, "maximum": 300}),
        "Seconds.$" => json!({"type": "string"}),
        "Code" | "Detail" | "UntilDateTime" => json!({"type": "string"}),
        "ProcessorConfig" => {
            json!({"type": "object", "properties": {"ExecutionMode": {"enum": ["Express", "Standard"]}}})
        }
        "ToleratedFailurePercentage" => json!({"type": "number", "minimum": 0, "maximum": 100}),
        "ToleratedFailureCount" => json!({"type": "integer", "minimum": 0}),
        _ => json!({}),
    }
}

/// A property's schema with its documentation (`crate::keys`) as its description.
fn documented(key: &str) -> Value {
    let mut schema = property(key);
    if let (Some(object), Some(doc)) = (schema.as_object_mut(), crate::keys::key_doc(key)) {
        object.entry("description").or_insert_with(|| Value::from(doc));
    }
    schema
}

fn state_schema(t: StateType) -> Value {
    let mut properties = serde_json::Map::new();
    for key in COMMON_STATE_KEYS.iter().chain(specific_keys(t)) {
        properties.insert((*key).to_owned(), documented(key));
    }
    if t == StateType::Choice {
        properties.insert("Branches".into(), json!({"type": "array", "minItems": 1, "items": {"type": "object", "required": ["Condition", "Next"], "properties": {"Condition": {"type": "string"}, "Next": {"type": "string"}}, "additionalProperties": false}}));
    }
    if t == StateType::Parallel {
        properties.insert(
            "Branches".into(),
            json!({"type": "array", "minItems": 1, "maxItems": 50, "items": {"$ref": "#/definitions/scope"}}),
        );
    }
    properties.insert("Type".into(), json!({"const": t.as_str()}));
    let mut required = vec!["Type", "Name"];
    match t {
        StateType::Task => required.push("Action"),
        StateType::Choice => required.extend(["Branches", "Default"]),
        StateType::Parallel => required.push("Branches"),
        StateType::Map => required.push("Processor"),
        _ => {}
    }
    json!({
        "if": {"properties": {"Type": {"const": t.as_str()}}, "required": ["Type"]},
        "then": {"properties": properties, "required": required, "additionalProperties": false}
    })
}

/// The schema document.
pub fn json_schema() -> Value {
    let states: Vec<Value> = StateType::ALL.into_iter().map(state_schema).collect();
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": format!("{}/cloudflow-v1.schema.json", crate::PROJECT_URL),
        "title": "Alibaba Cloud CloudFlow workflow (current dialect, SpecVersion v1)",
        "type": "object",
        "required": ["Type", "Name", "SpecVersion", "StartAt", "States"],
        "properties": {
            "Type": {"const": "StateMachine"},
            "Name": {"type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_-]{0,127}$"},
            "SpecVersion": {"const": "v1"},
            "Description": {"type": "string"},
            "Timeout": {"description": "the execution's time limit in seconds (Standard: at most 31536000; Express: at most 300)", "oneOf": [{"type": "integer", "minimum": 1, "maximum": 31_536_000}, {"type": "string", "pattern": "^[0-9]+$"}]},
            "StartAt": {"type": "string"},
            "States": {"$ref": "#/definitions/states"}
        },
        "definitions": {
            "states": {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/state"}},
            "scope": {"type": "object", "required": ["StartAt", "States"], "properties": {"StartAt": {"type": "string"}, "States": {"$ref": "#/definitions/states"}}, "additionalProperties": false},
            "state": {
                "type": "object",
                "required": ["Type", "Name"],
                "properties": {"Type": {"enum": StateType::ALL.map(StateType::as_str)}},
                "allOf": states
            },
            "retrier": {"type": "object", "required": ["Errors", "MaxAttempts", "IntervalSeconds"], "properties": {
                "Errors": {"type": "array", "items": {"type": "string"}},
                "Description": {"type": "string"},
                "MaxAttempts": {"type": "integer", "minimum": 0},
                "IntervalSeconds": {"type": "integer", "minimum": 0, "maximum": 86400},
                "BackoffRate": {"type": "number", "minimum": 1},
                "MaxBackoffSeconds": {"type": "integer", "minimum": 0, "maximum": 86400}
            }, "additionalProperties": false},
            "catcher": {"type": "object", "required": ["Errors", "Next"], "properties": {
                "Errors": {"type": "array", "items": {"type": "string"}},
                "Description": {"type": "string"},
                "OutputConstructor": constructor(),
                "Next": {"type": "string"}
            }, "additionalProperties": false}
        }
    })
}
