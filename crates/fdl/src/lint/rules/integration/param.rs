//! Reading Task parameters for the integration rules.

use crate::model::{Field, Task, Template};
use crate::span::Span;

/// The top-level parameter field named `name` (with or without `.$`).
pub fn field<'a>(task: &'a Task, name: &str) -> Option<&'a Field> {
    task.parameters.as_ref()?.fields.iter().find(|f| f.key == name)
}

/// A parameter's literal string value (not an expression) with its span.
pub fn literal_str(task: &Task, name: &str) -> Option<(String, Span)> {
    let f = field(task, name)?;
    match &f.value {
        Template::Literal { value: serde_json::Value::String(s), span } if !f.is_expression => Some((s.clone(), *span)),
        _ => None,
    }
}

/// A parameter's literal number value with its span.
pub fn literal_number(task: &Task, name: &str) -> Option<(f64, Span)> {
    let f = field(task, name)?;
    match &f.value {
        Template::Literal { value: serde_json::Value::Number(n), span } if !f.is_expression => {
            Some((n.as_f64()?, *span))
        }
        _ => None,
    }
}
