//! What the linter knows about CloudFlow's optimized integrations (spec §9.2, §9.3).

use crate::model::TaskMode;

/// An optimized integration's `Action`, its parameters and the TaskModes it supports.
pub struct Integration {
    pub action: &'static str,
    /// (name, required)
    pub parameters: &'static [(&'static str, bool)],
    pub modes: &'static [TaskMode],
}

use TaskMode::{RequestComplete as RC, WaitForCustomCallback as WCC, WaitForSystemCallback as WSC};

pub static INTEGRATIONS: &[Integration] = &[
    Integration {
        action: "FC:InvokeFunction",
        parameters: &[("resourceArn", true), ("invocationType", true), ("body", false)],
        modes: &[RC, WSC, WCC],
    },
    Integration {
        action: "HTTP:Request",
        parameters: &[("url", true), ("method", true), ("headers", false), ("body", false)],
        modes: &[RC, WCC],
    },
    Integration {
        action: "FNF:StartExecution",
        parameters: &[("resourceArn", true), ("executionName", false), ("input", false)],
        modes: &[RC, WSC, WCC],
    },
    Integration {
        action: "MNS:SendMessage",
        parameters: &[
            ("resourceArn", true),
            ("message", true),
            ("priority", false),
            ("delaySeconds", false),
            ("messageTag", false),
            ("messageAttributes", false),
        ],
        modes: &[RC, WCC],
    },
    Integration {
        action: "EventBridge:PutEvents",
        parameters: &[
            ("id", false),
            ("type", false),
            ("eventBusName", false),
            ("subject", false),
            ("source", false),
            ("data", false),
        ],
        modes: &[RC, WCC],
    },
    Integration {
        action: "OSS:GetObject",
        parameters: &[
            ("bucket", true),
            ("key", true),
            ("region", false),
            ("versionId", false),
            ("range", false),
            ("ifMatch", false),
            ("ifNoneMatch", false),
        ],
        modes: &[RC],
    },
];

/// Service prefixes CloudFlow documents or shows in published flows. Any other prefix is
/// assumed to be an OpenAPI product (normal integration).
pub const KNOWN_SERVICES: &[&str] = &["FC", "HTTP", "FNF", "MNS", "EventBridge", "OSS", "ECS", "DashScope", "SMS"];

pub fn integration(action: &str) -> Option<&'static Integration> {
    INTEGRATIONS.iter().find(|i| i.action == action)
}

/// OSS actions all share the RequestComplete-only rule, whatever the operation.
pub fn is_oss(action: &str) -> bool {
    action.starts_with("OSS:")
}
