//! The relay's reply → the Task's result or error, named as CloudFlow names them.

use engine::{TaskError, TaskOutcome};
use serde_json::{Value, json};

use crate::RelayReply;

/// A failed call's outcome.
pub fn task_error(error: impl Into<String>, cause: impl Into<String>) -> TaskOutcome {
    TaskOutcome { result: Err(TaskError { error: error.into(), cause: cause.into() }), duration_ms: 0 }
}

/// Maps the reply for `action` (`Service:Operation`): the service's JSON → `$Output`; its
/// `Code` → the error name (FC's as `FC.<Code>`, spec §8.4); the relay's own refusal (it has
/// `error`, not `Code`) → `FnF.Relay.<error>`.
pub fn outcome_from_reply(action: &str, reply: &RelayReply, duration_ms: i64) -> TaskOutcome {
    if reply.json
        && reply.status >= 400
        && let Ok(v) = serde_json::from_str::<Value>(&reply.body)
        && let (Some(code), None) = (v.get("error").and_then(Value::as_str), v.get("Code"))
    {
        return TaskOutcome {
            result: Err(TaskError {
                error: format!("FnF.Relay.{code}"),
                cause: v["message"].as_str().unwrap_or("").to_owned(),
            }),
            duration_ms,
        };
    }
    let fc = action.split_once(':').is_some_and(|(s, o)| s.eq_ignore_ascii_case("FC") && o == "InvokeFunction");
    let result = acs::response::map_response(reply.status, &reply.body)
        // FC results are wrapped: the function's return value is under `Body` (spec §9.3).
        .map(|v| if fc { json!({"Body": v, "StatusCode": reply.status}) } else { v })
        .map_err(|e| TaskError {
            error: if fc && !e.code.starts_with("FC.") { format!("FC.{}", e.code) } else { e.code },
            cause: format!("{} (RequestId {})", e.message, e.request_id.unwrap_or_default()),
        });
    TaskOutcome { result, duration_ms }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(status: u16, body: &str) -> RelayReply {
        RelayReply { status, json: true, body: body.to_owned() }
    }

    #[test]
    fn a_relay_refusal_is_named_after_the_relay() {
        let o = outcome_from_reply(
            "ECS:DescribeRegions",
            &reply(403, r#"{"error":"HostNotAllowed","message":"only *.aliyuncs.com"}"#),
            3,
        );
        let e = o.result.unwrap_err();
        assert_eq!(e.error, "FnF.Relay.HostNotAllowed");
        assert_eq!(e.cause, "only *.aliyuncs.com");
        assert_eq!(o.duration_ms, 3);
    }

    #[test]
    fn service_errors_keep_their_code_and_fc_errors_get_the_prefix() {
        let body = r#"{"Code":"Throttling","Message":"slow down","RequestId":"r-1"}"#;
        let e = outcome_from_reply("ECS:DescribeRegions", &reply(400, body), 0).result.unwrap_err();
        assert_eq!(e.error, "Throttling");
        assert!(e.cause.contains("r-1"));
        let e = outcome_from_reply("FC:InvokeFunction", &reply(429, body), 0).result.unwrap_err();
        assert_eq!(e.error, "FC.Throttling");
    }

    #[test]
    fn fc_results_are_wrapped_under_body() {
        let o = outcome_from_reply("FC:InvokeFunction", &reply(200, r#"{"ok":true}"#), 0);
        assert_eq!(o.result.unwrap(), json!({"Body": {"ok": true}, "StatusCode": 200}));
    }
}
