//! Execution history: the service's event types (spec §13.2) and what each carries.

use std::borrow::Cow;
use std::sync::Arc;

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventType {
    ExecutionStarted,
    ExecutionSucceeded,
    ExecutionFailed,
    ExecutionTimedOut,
    ExecutionStopped,
    StepEntered,
    StepStarted,
    StepSucceeded,
    StepFailed,
    StepExited,
    BranchEntered,
    BranchExited,
    IterationEntered,
    IterationExited,
    MapRunStarted,
    TaskScheduled,
    TaskStarted,
    TaskSubmitted,
    TaskSubmitFailed,
    TaskSucceeded,
    TaskFailed,
    TaskTimedOut,
}

/// One history event, shaped like `GetExecutionHistory`'s (spec §13.2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Event {
    pub event_id: u64,
    #[serde(rename = "Type")]
    pub kind: EventType,
    pub time: Arc<str>,
    pub step_name: Arc<str>,
    /// The `TaskScheduled` event a task event belongs to (0 otherwise).
    pub schedule_event_id: u64,
    /// Event-specific data (the service sends it as JSON text; we keep it as shared values).
    pub event_detail: EventDetail,
    /// Epoch milliseconds on the engine's clock (not part of the service's shape).
    #[serde(skip)]
    pub at_ms: i64,
}

/// `DescribeExecution`-style status (spec §13.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExecutionStatus {
    Running,
    Succeeded,
    Failed,
    TimedOut,
    Stopped,
}

/// An event's data (`EventDetail`). A state's input or output is shared with the run, the
/// state traces and the other events that show it, not copied: recording the history of a long
/// run costs no copies of its data. It reads, prints and serializes as the JSON value it
/// stands for (`{"input": …}`, `{"error": …, "cause": …}`, `null`).
#[derive(Clone, Debug, Default)]
pub struct EventDetail(Repr);

#[derive(Clone, Debug, Default)]
enum Repr {
    /// `null`: an event without data, or a run that records none.
    #[default]
    Null,
    /// `{key: value}` with a shared value.
    Field(&'static str, Arc<Value>),
    /// An object of several members with shared values, in order.
    Fields(Box<[(&'static str, Arc<Value>)]>),
    /// Any other value (boxed: an event stays small, 88 bytes, where a `Value` alone is 72).
    Value(Arc<Value>),
}

static NULL: Value = Value::Null;

/// Read back as the value it serialized as (the playground's page reads the run worker's
/// reports).
impl<'de> Deserialize<'de> for EventDetail {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Value::deserialize(deserializer)? {
            Value::Null => Self(Repr::Null),
            value => Self(Repr::Value(Arc::new(value))),
        })
    }
}

impl EventDetail {
    /// `{key: value}`, sharing `value`.
    pub fn field(key: &'static str, value: Arc<Value>) -> Self {
        Self(Repr::Field(key, value))
    }

    /// An object of these members, in order, sharing their values.
    pub fn fields(members: Vec<(&'static str, Arc<Value>)>) -> Self {
        Self(Repr::Fields(members.into_boxed_slice()))
    }

    /// `{"index": i}` of a branch or iteration event.
    pub(crate) fn index(i: usize) -> Self {
        Self::field("index", Arc::new(Value::from(i)))
    }

    pub fn is_null(&self) -> bool {
        match &self.0 {
            Repr::Null => true,
            Repr::Field(..) | Repr::Fields(_) => false,
            Repr::Value(v) => v.is_null(),
        }
    }

    /// The member `key` (as `Value::get`).
    pub fn get(&self, key: &str) -> Option<&Value> {
        match &self.0 {
            Repr::Null => None,
            Repr::Field(k, v) => (*k == key).then_some(&**v),
            Repr::Fields(members) => members.iter().find(|(k, _)| *k == key).map(|(_, v)| &**v),
            Repr::Value(v) => v.get(key),
        }
    }

    /// The detail as a JSON object (borrowed when it is stored as one), `None` when it is not one.
    pub fn as_object(&self) -> Option<Cow<'_, Map<String, Value>>> {
        match &self.0 {
            Repr::Null => None,
            Repr::Field(..) | Repr::Fields(_) => match self.to_value() {
                Value::Object(m) => Some(Cow::Owned(m)),
                _ => None,
            },
            Repr::Value(v) => v.as_object().map(Cow::Borrowed),
        }
    }

    /// The JSON value it stands for (a copy).
    pub fn to_value(&self) -> Value {
        match &self.0 {
            Repr::Null => Value::Null,
            Repr::Field(k, v) => {
                let mut m = Map::with_capacity(1);
                m.insert((*k).to_owned(), (**v).clone());
                Value::Object(m)
            }
            Repr::Fields(members) => {
                Value::Object(members.iter().map(|(k, v)| ((*k).to_owned(), (**v).clone())).collect())
            }
            Repr::Value(v) => (**v).clone(),
        }
    }
}

impl From<Value> for EventDetail {
    fn from(v: Value) -> Self {
        if v.is_null() { Self(Repr::Null) } else { Self(Repr::Value(Arc::new(v))) }
    }
}

impl std::ops::Index<&str> for EventDetail {
    type Output = Value;

    /// The member `key`, `null` when absent (as indexing a `Value`).
    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&NULL)
    }
}

impl PartialEq for EventDetail {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Repr::Null, Repr::Null) => true,
            (Repr::Field(k1, v1), Repr::Field(k2, v2)) => k1 == k2 && (Arc::ptr_eq(v1, v2) || v1 == v2),
            (Repr::Fields(a), Repr::Fields(b)) => a == b,
            (Repr::Value(a), Repr::Value(b)) => Arc::ptr_eq(a, b) || a == b,
            _ => self.to_value() == other.to_value(),
        }
    }
}

impl PartialEq<Value> for EventDetail {
    fn eq(&self, other: &Value) -> bool {
        match &self.0 {
            Repr::Value(v) => **v == *other,
            _ => self.to_value() == *other,
        }
    }
}

impl Serialize for EventDetail {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Repr::Null => s.serialize_unit(),
            Repr::Field(k, v) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry(k, &**v)?;
                m.end()
            }
            Repr::Fields(members) => {
                let mut m = s.serialize_map(Some(members.len()))?;
                for (k, v) in members.iter() {
                    m.serialize_entry(k, &**v)?;
                }
                m.end()
            }
            Repr::Value(v) => v.serialize(s),
        }
    }
}

/// JSON text, as `Value`'s `Display` (`{:#}` pretty-prints).
impl std::fmt::Display for EventDetail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = if f.alternate() { serde_json::to_string_pretty(self) } else { serde_json::to_string(self) };
        f.write_str(&text.map_err(|_| std::fmt::Error)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_detail_reads_and_prints_as_its_json() {
        let shared = Arc::new(json!({"k": [1, 2]}));
        let field = EventDetail::field("input", Arc::clone(&shared));
        assert_eq!(field.to_string(), r#"{"input":{"k":[1,2]}}"#);
        assert_eq!(serde_json::to_value(&field).unwrap(), json!({"input": {"k": [1, 2]}}));
        assert_eq!(field["input"]["k"][1], json!(2));
        assert_eq!(field["output"], Value::Null);
        assert!(field.as_object().unwrap().contains_key("input"));
        assert!(!field.is_null());
        assert_eq!(field, EventDetail::from(json!({"input": {"k": [1, 2]}})), "equal as JSON whatever the form");
        assert_ne!(field, EventDetail::field("output", shared));
        let null = EventDetail::from(Value::Null);
        assert!(null.is_null() && null.as_object().is_none());
        assert_eq!(null.to_string(), "null");
        assert_eq!(serde_json::to_value(&null).unwrap(), Value::Null);
        let several = EventDetail::fields(vec![("a", Arc::new(json!(1))), ("b", Arc::new(json!("x")))]);
        assert_eq!(several.to_string(), r#"{"a":1,"b":"x"}"#);
        assert_eq!((several["b"].clone(), several.get("c")), (json!("x"), None));
        assert_eq!(several, EventDetail::from(json!({"a": 1, "b": "x"})));
        assert_eq!(several.as_object().map(|m| m.len()), Some(2));
        let other = EventDetail::from(json!({"error": "E", "cause": "c"}));
        assert_eq!(other["error"], json!("E"));
        assert_eq!(format!("{other:#}"), "{\n  \"error\": \"E\",\n  \"cause\": \"c\"\n}");
    }
}
