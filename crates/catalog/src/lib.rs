//! The Alibaba Cloud OpenAPI catalog: 323 products and their operations and parameters, from
//! Alibaba's public `aliyun-openapi-meta` metadata (Apache-2.0; see NOTICE), in the compact
//! form made by `tools/catalog/build_catalog.py`.
//!
//! Service naming (how a CloudFlow `Action: <Service>:<Operation>` finds its product): the
//! optimized integrations (`FC:InvokeFunction`, `FNF:StartExecution`, `HTTP:*`, `MNS:*`,
//! `EventBridge:*`, `OSS:*`, `DashScope:*`) are not OpenAPI calls and are not checked; any
//! other service matches a product code case-insensitively (`ECS` → `Ecs`, `FNF` → `fnf`),
//! then through the alias table [`ALIASES`] for names that differ.

pub mod access;

use std::collections::{BTreeMap, HashMap};
use std::sync::RwLock;

use fdl::lint::{ApiCatalog, OperationLookup, ParamInfo, ParamPosition, ServiceLookup};
use serde::Deserialize;

/// Service names CloudFlow users write that differ from the product code.
pub const ALIASES: &[(&str, &str)] = &[
    ("ACK", "CS"),
    ("Redis", "R-kvstore"),
    ("KVStore", "R-kvstore"),
    ("CloudFlow", "fnf"),
    ("ServerlessWorkflow", "fnf"),
    ("FC2", "FC-Open"),
];

/// `(service, operation or "*")` pairs that are optimized integrations.
pub const OPTIMIZED: &[(&str, &str)] = &[
    ("FC", "InvokeFunction"),
    ("FNF", "StartExecution"),
    ("HTTP", "*"),
    ("MNS", "*"),
    ("EventBridge", "*"),
    ("OSS", "*"),
    ("DashScope", "*"),
    ("SMS", "*"),
];

/// A product as the index lists it. Its endpoints are in its own file, with its operations: the
/// index is what every page load fetches, and endpoints were four fifths of it.
#[derive(Clone, Debug, Deserialize)]
pub struct ProductEntry {
    pub code: String,
    pub version: String,
    pub style: acs::Style,
    pub file: String,
    pub count: usize,
}

#[derive(Clone, Debug, Deserialize)]
struct Index {
    positions: Vec<ParamPosition>,
    types: Vec<String>,
    products: Vec<ProductEntry>,
}

/// `[method, path, [[name, position, type, required]]]`
type RawOperation = (String, Option<String>, Vec<(String, usize, usize, u8)>);

#[derive(Clone, Debug, Deserialize)]
struct RawProduct {
    code: String,
    ops: BTreeMap<String, RawOperation>,
    #[serde(default)]
    global: Option<String>,
    #[serde(default)]
    regional: BTreeMap<String, String>,
}

/// A product's file, read: its operations and endpoints.
struct Loaded {
    ops: BTreeMap<String, Operation>,
    /// The endpoint host of every region (`None`: the product has one for all).
    global: Option<String>,
    regional: BTreeMap<String, String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operation {
    pub method: String,
    /// ROA path pattern, e.g. `/2023-03-30/functions/[functionName]/invocations`.
    pub path: Option<String>,
    pub params: Vec<ParamInfo>,
}

/// Gives a product's JSON (`products/<file>`) the first time a lookup needs its operations.
/// The CLI's embedded catalog has one (it inflates the product from the binary); the browser's
/// has none: it fetches a product asynchronously and hands it to [`Catalog::add_product`].
pub type ProductSource = Box<dyn Fn(&ProductEntry) -> Option<String> + Send + Sync>;

/// The index (products) and the operations and endpoints of the products loaded so far. Every
/// lookup of operations or endpoints ([`Catalog::operation`], [`Catalog::operation_names`],
/// [`Catalog::endpoint`], [`ApiCatalog::operation`], [`ApiCatalog::regions`]) first loads the
/// product from the [`ProductSource`], if there is one and the product is not loaded yet;
/// without one it sees what `add_product` added.
pub struct Catalog {
    index: Index,
    by_code: HashMap<String, usize>,
    /// Loaded products by lower-case product code.
    loaded: RwLock<HashMap<String, Loaded>>,
    source: Option<ProductSource>,
}

impl Catalog {
    /// Builds a catalog from `index.json` (operations are added per product).
    pub fn from_index(index_json: &str) -> Result<Catalog, String> {
        let index: Index = serde_json::from_str(index_json).map_err(|e| format!("catalog index: {e}"))?;
        let by_code = index.products.iter().enumerate().map(|(i, p)| (p.code.to_ascii_lowercase(), i)).collect();
        Ok(Catalog { index, by_code, loaded: RwLock::new(HashMap::new()), source: None })
    }

    /// Loads each product from `source` when a lookup first needs it.
    pub fn with_source(mut self, source: ProductSource) -> Catalog {
        self.source = Some(source);
        self
    }

    /// Adds one product's operations and endpoints (`products/<code>.json`).
    pub fn add_product(&self, product_json: &str) -> Result<(), String> {
        let raw: RawProduct = serde_json::from_str(product_json).map_err(|e| format!("catalog product: {e}"))?;
        self.insert(raw);
        Ok(())
    }

    fn insert(&self, raw: RawProduct) {
        // An index past the table (not made by the generator) reads as the default position.
        let pos = |i: usize| self.index.positions.get(i).copied().unwrap_or(ParamPosition::Query);
        let ty = |i: usize| self.index.types.get(i).cloned().unwrap_or_default();
        let ops = raw
            .ops
            .into_iter()
            .map(|(name, (method, path, params))| {
                let params = params
                    .into_iter()
                    .map(|(n, p, t, r)| ParamInfo { name: n, ty: ty(t), required: r == 1, position: pos(p) })
                    .collect();
                (name, Operation { method, path, params })
            })
            .collect();
        if let Ok(mut map) = self.loaded.write() {
            map.insert(raw.code.to_ascii_lowercase(), Loaded { ops, global: raw.global, regional: raw.regional });
        }
    }

    /// Loads `code`'s operations from the source unless they are loaded (or there is no source,
    /// or the product is not in the index). Takes no lock while inflating and parsing; two
    /// threads that race both insert the same operations.
    fn load(&self, code: &str) {
        let Some(source) = &self.source else { return };
        let key = code.to_ascii_lowercase();
        if self.loaded.read().map(|map| map.contains_key(&key)).unwrap_or(true) {
            return;
        }
        if let Some(json) = self.product(&key).and_then(source) {
            // Embedded data is made from the same files at build time: it parses.
            let _ = self.add_product(&json);
        }
    }

    /// Runs `f` on `code`'s file (`None`: not loaded, or not a product), loading it first.
    fn with_loaded<R>(&self, code: &str, f: impl FnOnce(Option<&Loaded>) -> R) -> R {
        self.load(code);
        match self.loaded.read() {
            Ok(map) => f(map.get(&code.to_ascii_lowercase())),
            Err(_) => f(None),
        }
    }

    /// Runs `f` on `code`'s operations (`None`: not loaded, or not a product), loading them first.
    fn with_ops<R>(&self, code: &str, f: impl FnOnce(Option<&BTreeMap<String, Operation>>) -> R) -> R {
        self.with_loaded(code, |p| f(p.map(|p| &p.ops)))
    }

    /// Codes of the products whose operations are loaded, sorted.
    pub fn loaded_products(&self) -> Vec<String> {
        let mut codes: Vec<String> = self
            .loaded
            .read()
            .map(|map| map.keys().map(|k| self.product(k).map_or_else(|| k.clone(), |p| p.code.clone())).collect())
            .unwrap_or_default();
        codes.sort();
        codes
    }

    /// The catalog compiled into the binary, for the whole process: its index is inflated on
    /// first use, each product's operations when a lookup first needs them.
    #[cfg(feature = "embedded")]
    pub fn embedded() -> &'static Catalog {
        EMBEDDED.get_or_init(Catalog::from_embedded)
    }

    /// [`Catalog::embedded`] if something has used it (its index is inflated), else `None`.
    #[cfg(feature = "embedded")]
    pub fn embedded_if_used() -> Option<&'static Catalog> {
        EMBEDDED.get()
    }

    /// A new catalog on the embedded data, nothing loaded but the index (tests, measurements;
    /// everything else shares [`Catalog::embedded`]).
    #[cfg(feature = "embedded")]
    pub fn from_embedded() -> Catalog {
        let index = embedded::inflate(embedded::INDEX).unwrap_or_default();
        let catalog = Catalog::from_index(&index).unwrap_or_else(|_| Catalog::empty());
        catalog.with_source(Box::new(|entry| embedded::product(&entry.file)))
    }

    #[cfg(feature = "embedded")]
    fn empty() -> Catalog {
        Catalog {
            index: Index { positions: vec![], types: vec![], products: vec![] },
            by_code: HashMap::new(),
            loaded: RwLock::new(HashMap::new()),
            source: None,
        }
    }

    pub fn products(&self) -> &[ProductEntry] {
        &self.index.products
    }

    pub fn product(&self, code: &str) -> Option<&ProductEntry> {
        self.by_code.get(&code.to_ascii_lowercase()).and_then(|i| self.index.products.get(*i))
    }

    /// The product a CloudFlow service name means.
    pub fn resolve(&self, service: &str) -> Option<&ProductEntry> {
        self.product(service).or_else(|| {
            ALIASES.iter().find(|(a, _)| a.eq_ignore_ascii_case(service)).and_then(|(_, code)| self.product(code))
        })
    }

    pub fn operation(&self, code: &str, name: &str) -> Option<Operation> {
        self.with_ops(code, |ops| ops?.get(name).cloned())
    }

    pub fn operation_names(&self, code: &str) -> Vec<String> {
        self.with_ops(code, |ops| ops.map(|o| o.keys().cloned().collect()).unwrap_or_default())
    }

    /// The endpoint host for a region: the regional one, else the global one (`None` also while
    /// the product is not loaded).
    pub fn endpoint(&self, code: &str, region: &str) -> Option<String> {
        self.with_loaded(code, |p| {
            let p = p?;
            p.regional.get(region).cloned().or_else(|| p.global.clone())
        })
    }

    /// File name of a product's lazily loaded JSON (for the web build).
    pub fn product_file_name(&self, code: &str) -> Option<&str> {
        self.product(code).map(|p| p.file.as_str())
    }
}

impl ApiCatalog for Catalog {
    fn service(&self, service: &str, operation: &str) -> ServiceLookup {
        if OPTIMIZED.iter().any(|(s, o)| s.eq_ignore_ascii_case(service) && (*o == "*" || *o == operation)) {
            return ServiceLookup::Optimized;
        }
        match self.resolve(service) {
            Some(p) => ServiceLookup::Product(p.code.clone()),
            None => ServiceLookup::Unknown {
                suggestion: fdl::lint::rules::did_you_mean(
                    service,
                    self.index.products.iter().map(|p| p.code.as_str()),
                )
                .map(str::to_owned),
            },
        }
    }

    fn operation(&self, product: &str, operation: &str) -> OperationLookup {
        self.with_ops(product, |ops| {
            let Some(ops) = ops else { return OperationLookup::NotLoaded };
            match ops.get(operation) {
                Some(op) => OperationLookup::Known { params: op.params.clone() },
                None => OperationLookup::Unknown {
                    suggestion: fdl::lint::rules::did_you_mean(operation, ops.keys().map(String::as_str))
                        .map(str::to_owned),
                },
            }
        })
    }

    fn regions(&self, product: &str) -> Option<Vec<String>> {
        self.with_loaded(product, |p| {
            let p = p?;
            (!p.regional.is_empty()).then(|| p.regional.keys().cloned().collect())
        })
    }
}

#[cfg(feature = "embedded")]
static EMBEDDED: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();

/// [`Catalog::embedded`] for the linter, not touched until a rule asks about a Task's service:
/// linting a flow without a Task does not even inflate the index. `flowplay lint` uses it.
#[cfg(feature = "embedded")]
pub struct EmbeddedCatalog;

#[cfg(feature = "embedded")]
impl ApiCatalog for EmbeddedCatalog {
    fn service(&self, service: &str, operation: &str) -> ServiceLookup {
        Catalog::embedded().service(service, operation)
    }

    fn operation(&self, product: &str, operation: &str) -> OperationLookup {
        ApiCatalog::operation(Catalog::embedded(), product, operation)
    }

    fn regions(&self, product: &str) -> Option<Vec<String>> {
        Catalog::embedded().regions(product)
    }
}

/// The data `build.rs` compiled in: `index.json` and each product file, deflated separately.
#[cfg(feature = "embedded")]
mod embedded {
    static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalog.deflate"));
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

    /// The text of the stream at `(offset, length)`.
    pub(super) fn inflate((at, len): (usize, usize)) -> Option<String> {
        let deflated = BLOB.get(at..at.checked_add(len)?)?;
        String::from_utf8(miniz_oxide::inflate::decompress_to_vec(deflated).ok()?).ok()
    }

    /// The JSON of `products/<file>`.
    pub(super) fn product(file: &str) -> Option<String> {
        let i = PRODUCTS.binary_search_by(|(f, _, _)| (*f).cmp(file)).ok()?;
        PRODUCTS.get(i).and_then(|&(_, at, len)| inflate((at, len)))
    }
}

#[cfg(all(test, feature = "embedded"))]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalog_resolves_the_seed_operation() {
        let c = Catalog::embedded();
        assert_eq!(c.products().len(), 323);
        assert_eq!(c.resolve("ECS").map(|p| p.code.as_str()), Some("Ecs"));
        assert_eq!(c.resolve("ack").map(|p| (p.code.as_str(), p.style)), Some(("CS", acs::Style::Roa)));
        assert_eq!(c.resolve("ECS").map(|p| p.style), Some(acs::Style::Rpc));
        let op = c.operation("Ecs", "DescribeInstances").unwrap();
        for name in ["RegionId", "VpcId", "VSwitchId", "Tag", "Filter.N.Key"] {
            assert!(op.params.iter().any(|p| p.name == name), "{name}");
        }
        assert_eq!(c.endpoint("Ecs", "cn-shanghai").as_deref(), Some("ecs.cn-shanghai.aliyuncs.com"));
        assert!(matches!(c.service("ECS", "DescribeInstance"), ServiceLookup::Product(_)));
        assert_eq!(
            ApiCatalog::operation(c, "Ecs", "DescribeInstance"),
            OperationLookup::Unknown { suggestion: Some("DescribeInstances".into()) }
        );
        assert_eq!(c.service("FC", "InvokeFunction"), ServiceLookup::Optimized);
        let roa = c.operation("FC", "InvokeFunction").unwrap();
        assert!(roa.path.as_deref().unwrap_or("").contains("invocations"), "{:?}", roa.path);
        let position = |name: &str| roa.params.iter().find(|p| p.name == name).map(|p| p.position);
        assert_eq!(position("functionName"), Some(ParamPosition::Path));
        assert_eq!(position("qualifier"), Some(ParamPosition::Query));
        assert_eq!(position("body"), Some(ParamPosition::Body));
        assert_eq!(position("x-fc-invocation-type"), Some(ParamPosition::Header));
        // Hovers print them as the metadata names them.
        assert_eq!((acs::Style::Roa.to_string(), ParamPosition::Path.to_string()), ("roa".into(), "Path".into()));
    }

    #[test]
    fn lazy_loading_without_the_bundle() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
        let c = Catalog::from_index(&std::fs::read_to_string(format!("{dir}/index.json")).unwrap()).unwrap();
        assert_eq!(ApiCatalog::operation(&c, "Vpc", "CreateVSwitch"), OperationLookup::NotLoaded);
        let file = c.product_file_name("Vpc").unwrap().to_owned();
        c.add_product(&std::fs::read_to_string(format!("{dir}/products/{file}")).unwrap()).unwrap();
        assert!(matches!(ApiCatalog::operation(&c, "Vpc", "CreateVSwitch"), OperationLookup::Known { .. }));
    }
}
