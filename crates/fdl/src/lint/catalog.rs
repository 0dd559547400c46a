//! What the linter asks of an Alibaba Cloud OpenAPI catalog (implemented by `crates/catalog`,
//! which ships Alibaba's public API metadata). The embed package lints without one; the CLI
//! passes the embedded catalog.

/// How a Task `Action`'s service resolves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServiceLookup {
    /// An OpenAPI product (normal integration), by its product code.
    Product(String),
    /// One of CloudFlow's optimized integrations (FC:InvokeFunction, HTTP, MNS, …): not an
    /// OpenAPI call, so the catalog does not check it.
    Optimized,
    Unknown {
        suggestion: Option<String>,
    },
}

/// One parameter of an operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamInfo {
    /// The name, with repeat-list indices folded as `.N` (`Filter.N.Key`).
    pub name: String,
    /// Metadata type: String, Integer, Long, Boolean, RepeatList, Json, Array, Struct, …
    pub ty: String,
    pub required: bool,
    pub position: ParamPosition,
}

/// Where an operation's parameter is sent (the metadata's `position`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Deserialize)]
pub enum ParamPosition {
    Query,
    Body,
    /// A `[name]` segment of a ROA path.
    Path,
    Header,
    /// Part of the host name (SLS's `project`).
    Host,
}

impl std::fmt::Display for ParamPosition {
    /// The metadata's name (`Query`, `Host`, …).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OperationLookup {
    Known {
        params: Vec<ParamInfo>,
    },
    Unknown {
        suggestion: Option<String>,
    },
    /// The product's operations are not loaded (the browser loads them lazily).
    NotLoaded,
}

pub trait ApiCatalog: Sync {
    fn service(&self, service: &str, operation: &str) -> ServiceLookup;
    fn operation(&self, product: &str, operation: &str) -> OperationLookup;
    /// Regions with an endpoint for the product (`None` when unknown or global only).
    fn regions(&self, product: &str) -> Option<Vec<String>>;
}

/// Whether a given parameter key matches a metadata name with folded indices:
/// `Filter.1.Key` matches `Filter.N.Key`.
pub fn param_matches(pattern: &str, given: &str) -> bool {
    let (mut p, mut g) = (pattern.split('.'), given.split('.'));
    loop {
        match (p.next(), g.next()) {
            (None, None) => return true,
            (Some("N"), Some(x)) if !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit()) => {}
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn repeat_list_patterns() {
        assert!(super::param_matches("Filter.N.Key", "Filter.1.Key"));
        assert!(super::param_matches("RegionId", "RegionId"));
        assert!(!super::param_matches("Filter.N.Key", "Filter.x.Key"));
        assert!(!super::param_matches("Filter.N.Key", "Filter.1"));
    }
}
