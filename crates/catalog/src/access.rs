//! Read or write: which operations change something in the account. Real mode asks before the
//! first write of a run (the playground) or refuses writes unless allowed (`flowplay run --real
//! --allow-writes`); both use [`classify`], so the rule lives here once.
//!
//! The rule is Alibaba's naming convention, not per-operation metadata (the OpenAPI metadata has
//! no read-only flag): an operation whose name starts with one of [`READ_PREFIXES`] followed by
//! a capital letter (or nothing) reads; anything else writes. Unknown names therefore count as
//! writes: a false "write" costs a confirmation, a false "read" could delete an instance.

/// Name prefixes of operations that only read.
pub const READ_PREFIXES: &[&str] = &["Describe", "List", "Get", "Query", "Check", "Search"];

/// What an operation does to the account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// Classifies an operation name (`DescribeInstances`) or a CloudFlow action
/// (`ECS:DescribeInstances`: the part after the colon is classified).
pub fn classify(operation_or_action: &str) -> Access {
    let operation = operation_or_action.rsplit_once(':').map_or(operation_or_action, |(_, op)| op).trim();
    let reads = READ_PREFIXES.iter().any(|prefix| {
        operation
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.chars().next().is_none_or(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
    });
    if reads { Access::Read } else { Access::Write }
}

/// Whether an operation or action writes (see [`classify`]).
pub fn is_write(operation_or_action: &str) -> bool {
    classify(operation_or_action) == Access::Write
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_prefixes_read() {
        for op in [
            "DescribeInstances",
            "ECS:DescribeInstances",
            "ListFunctions",
            "FC:GetFunction",
            "QueryMetricList",
            "CheckInstanceExist",
            "SearchResources",
            "Describe",
            "GetV2Status",
        ] {
            assert_eq!(classify(op), Access::Read, "{op}");
        }
    }

    #[test]
    fn everything_else_writes() {
        for op in [
            "ECS:DeleteInstance",
            "StopInstance",
            "RunInstances",
            "CreateVSwitch",
            "FC:InvokeFunction",
            "FNF:StartExecution",
            "ModifyInstanceAttribute",
            "TagResources",
            // A read prefix that is not a whole word does not make a read.
            "Getaway",
            "Listen",
            "Describer",
            "describeInstances",
            "",
            "ECS:",
        ] {
            assert_eq!(classify(op), Access::Write, "{op}");
            assert!(is_write(op));
        }
    }
}
