//! Which product, API version, style, signature family and host a CloudFlow service name
//! (`ECS` in `ECS:DescribeInstances`) means in a region (openapi-signing.md §7–8).
//!
//! The built-in [`SeedProducts`] table covers the products the seed flows and the emulator use;
//! the full catalog (`crates/catalog`) can stand behind the same [`ProductDirectory`] trait.
//! [`Resolver`] applies per-service overrides (version, endpoint, signature family) on top,
//! which is also how tests point a product at the local emulator.

use std::collections::BTreeMap;
use std::fmt;

/// Longest region id accepted (real ones are ≤ 20 characters, e.g. `cn-shanghai-finance-1`).
pub const MAX_REGION_LEN: usize = 64;

/// The API style of a product (`rpc` or `roa` in the catalog's metadata).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Style {
    /// `?Action=…&Version=…` on `/`.
    Rpc,
    /// RESTful: a path and a verb per operation.
    Roa,
}

impl fmt::Display for Style {
    /// The metadata's name: `rpc` or `roa`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Rpc => "rpc",
            Self::Roa => "roa",
        })
    }
}

/// The signature family used to call a product.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignatureFamily {
    /// HMAC-SHA1: RPC v1 for RPC products, ROA v1 (`Authorization: acs`) for ROA products.
    V1,
    /// `ACS3-HMAC-SHA256`, for both styles.
    V3,
}

/// How to reach one product: its code, API version and endpoint base (`https://host`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiInfo {
    /// Catalog product code, e.g. `Ecs`.
    pub product: String,
    /// API version, e.g. `2014-05-26`.
    pub version: String,
    /// Endpoint base, e.g. `https://ecs.cn-hangzhou.aliyuncs.com`.
    pub endpoint: String,
}

/// A product resolved for a region, with how to sign calls to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub api: ApiInfo,
    pub style: Style,
    pub signature: SignatureFamily,
}

/// Where a product's host comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostRule {
    /// A host per region; `{region}` in the template is replaced by the region id.
    Regional(String),
    /// One host for every region.
    Central(String),
}

/// What a directory knows about one product.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductEntry {
    pub code: String,
    pub version: String,
    pub style: Style,
    pub signature: SignatureFamily,
    pub host: HostRule,
}

/// A source of product metadata, looked up by CloudFlow service name (case-insensitive).
pub trait ProductDirectory {
    fn product(&self, service: &str) -> Option<ProductEntry>;
}

/// The products the seed flows and the emulator use (openapi-signing.md §7.2). Hosts follow the
/// documented examples (`ecs.cn-hangzhou.aliyuncs.com`) rather than the SDK maps' legacy aliases.
/// Signature family: V3 (the current SDK default) except CloudFlow, whose SDK pins RPC v1.
#[derive(Clone, Copy, Debug, Default)]
pub struct SeedProducts;

/// (service name, product code, version, style, signature, host rule is central, host).
const SEED: &[(&str, &str, &str, Style, SignatureFamily, bool, &str)] = &[
    ("ECS", "Ecs", "2014-05-26", Style::Rpc, SignatureFamily::V3, false, "ecs.{region}.aliyuncs.com"),
    ("VPC", "Vpc", "2016-04-28", Style::Rpc, SignatureFamily::V3, false, "vpc.{region}.aliyuncs.com"),
    ("FNF", "fnf", "2019-03-15", Style::Rpc, SignatureFamily::V1, false, "{region}.fnf.aliyuncs.com"),
    ("FC", "FC", "2023-03-30", Style::Roa, SignatureFamily::V3, false, "fcv3.{region}.aliyuncs.com"),
    ("CS", "CS", "2015-12-15", Style::Roa, SignatureFamily::V3, false, "cs.{region}.aliyuncs.com"),
    ("STS", "Sts", "2015-04-01", Style::Rpc, SignatureFamily::V3, true, "sts.aliyuncs.com"),
    ("RAM", "Ram", "2015-05-01", Style::Rpc, SignatureFamily::V3, true, "ram.aliyuncs.com"),
];

impl ProductDirectory for SeedProducts {
    fn product(&self, service: &str) -> Option<ProductEntry> {
        SEED.iter()
            .find(|(name, code, ..)| name.eq_ignore_ascii_case(service) || code.eq_ignore_ascii_case(service))
            .map(|&(_, code, version, style, signature, central, host)| ProductEntry {
                code: code.to_owned(),
                version: version.to_owned(),
                style,
                signature,
                host: if central { HostRule::Central(host.to_owned()) } else { HostRule::Regional(host.to_owned()) },
            })
    }
}

/// A per-service override; `None` fields keep the directory's value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Override {
    pub version: Option<String>,
    /// Endpoint base including the scheme, e.g. `http://127.0.0.1:9000`.
    pub endpoint: Option<String>,
    pub signature: Option<SignatureFamily>,
}

/// Why a service could not be resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResolveError {
    UnknownService(String),
    /// Not a region id (lower-case letters, digits and `-`, at most [`MAX_REGION_LEN`]).
    BadRegion(String),
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownService(s) => write!(f, "`{s}` is not a known Alibaba Cloud product"),
            Self::BadRegion(r) => write!(f, "`{r}` is not a region id (e.g. cn-hangzhou)"),
        }
    }
}

impl std::error::Error for ResolveError {}

/// Resolves service names through a directory, then applies overrides.
#[derive(Clone, Debug, Default)]
pub struct Resolver<D = SeedProducts> {
    directory: D,
    /// Upper-cased service name → override.
    overrides: BTreeMap<String, Override>,
}

impl<D: ProductDirectory> Resolver<D> {
    pub fn new(directory: D) -> Self {
        Self { directory, overrides: BTreeMap::new() }
    }

    /// Sets the override for `service` (case-insensitive), replacing an earlier one.
    pub fn with_override(mut self, service: &str, value: Override) -> Self {
        self.overrides.insert(service.to_ascii_uppercase(), value);
        self
    }

    /// The product behind `service` in `region`, overrides applied.
    pub fn resolve(&self, service: &str, region: &str) -> Result<Resolved, ResolveError> {
        if region.is_empty()
            || region.len() > MAX_REGION_LEN
            || !region.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(ResolveError::BadRegion(region.chars().take(MAX_REGION_LEN).collect()));
        }
        let entry = self.directory.product(service).ok_or_else(|| ResolveError::UnknownService(service.to_owned()))?;
        let host = match &entry.host {
            HostRule::Regional(template) => template.replace("{region}", region),
            HostRule::Central(host) => host.clone(),
        };
        let over = self.overrides.get(&service.to_ascii_uppercase()).cloned().unwrap_or_default();
        Ok(Resolved {
            api: ApiInfo {
                product: entry.code,
                version: over.version.unwrap_or(entry.version),
                endpoint: over.endpoint.unwrap_or_else(|| format!("https://{}", host.trim())),
            },
            style: entry.style,
            signature: over.signature.unwrap_or(entry.signature),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_products_put_the_region_in_the_host() {
        let r = Resolver::new(SeedProducts).resolve("ecs", "cn-hangzhou").unwrap();
        assert_eq!(r.api.endpoint, "https://ecs.cn-hangzhou.aliyuncs.com");
        assert_eq!((r.api.product.as_str(), r.style, r.signature), ("Ecs", Style::Rpc, SignatureFamily::V3));
        let fnf = Resolver::new(SeedProducts).resolve("FNF", "cn-shanghai").unwrap();
        assert_eq!(fnf.api.endpoint, "https://cn-shanghai.fnf.aliyuncs.com");
    }

    #[test]
    fn central_products_ignore_the_region() {
        let sts = Resolver::new(SeedProducts).resolve("sts", "ap-southeast-1").unwrap();
        assert_eq!(sts.api.endpoint, "https://sts.aliyuncs.com");
    }

    #[test]
    fn cloudflow_is_signed_with_rpc_v1_and_fc_is_roa() {
        let resolver = Resolver::new(SeedProducts);
        assert_eq!(resolver.resolve("fnf", "cn-hangzhou").unwrap().signature, SignatureFamily::V1);
        assert_eq!(resolver.resolve("FC", "cn-hangzhou").unwrap().style, Style::Roa);
    }

    #[test]
    fn overrides_replace_version_endpoint_and_signature_per_service() {
        let resolver = Resolver::new(SeedProducts).with_override(
            "Ecs",
            Override {
                version: Some("2099-01-01".into()),
                endpoint: Some("http://127.0.0.1:9000".into()),
                signature: Some(SignatureFamily::V1),
            },
        );
        let r = resolver.resolve("ECS", "cn-hangzhou").unwrap();
        assert_eq!(
            (r.api.version.as_str(), r.api.endpoint.as_str(), r.signature),
            ("2099-01-01", "http://127.0.0.1:9000", SignatureFamily::V1)
        );
        assert_eq!(resolver.resolve("VPC", "cn-hangzhou").unwrap().api.version, "2016-04-28");
    }

    #[test]
    fn unknown_services_and_malformed_regions_are_errors() {
        let resolver = Resolver::new(SeedProducts);
        assert_eq!(resolver.resolve("Nope", "cn-hangzhou"), Err(ResolveError::UnknownService("Nope".into())));
        for region in ["", "cn-hangzhou.evil.com", "CN", &"a".repeat(MAX_REGION_LEN + 1)] {
            assert!(matches!(resolver.resolve("ECS", region), Err(ResolveError::BadRegion(_))), "{region}");
        }
    }
}
