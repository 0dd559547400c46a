//! Alibaba Cloud OpenAPI request signing and building for flowplay, in pure Rust: no I/O, no
//! clock, no OS randomness, so it compiles to `wasm32-unknown-unknown`. The caller supplies the
//! time ([`UtcTime`]) and the nonce. The browser signs with the user's AccessKey so the secret
//! never leaves it; the relay only forwards the [`SignedRequest`].
//!
//! | Piece | Items |
//! |---|---|
//! | RPC v1 (HMAC-SHA1, `Signature` parameter) | [`rpc::sign_rpc`] |
//! | ROA v1 (HMAC-SHA1, `Authorization: acs id:sig`) | [`roa::sign_roa`], [`roa::content_md5`] |
//! | V3 (`ACS3-HMAC-SHA256`) | [`v3::sign_v3`], [`v3::hash_payload`] |
//! | Percent-encoding | [`percent_encode`], [`encode::form_encode`] |
//! | Nested parameters | [`flatten::flatten_params`], [`flatten::flatten_param`] with [`flatten::ParamStyle`] |
//! | Products and endpoints | [`endpoint::Resolver`], [`endpoint::ProductDirectory`], [`endpoint::SeedProducts`] |
//! | Whole requests | [`request::build_request`] ([`request::Operation`], [`request::RoaOperation`], [`request::Stamp`]): validated, then signed; the only way flowplay builds a request |
//! | Responses | [`response::map_response`] → output or [`response::ApiError`] |
//!
//! # Error mapping
//!
//! [`response::map_response`] turns an HTTP response into a Task result:
//!
//! | Response | Result |
//! |---|---|
//! | 2xx, JSON body | `Ok(body)` — the Task output (`RequestId` included, as the service sends it) |
//! | 2xx, body not JSON | error `FnF.InvalidResponse` |
//! | 4xx/5xx with `Code` (RPC) or `code` (ROA) or `ErrorCode` | error named by that code, e.g. `SignatureDoesNotMatch`, `Throttling.User`, `InvalidTimeStamp.Expired` |
//! | 4xx/5xx without a code | error `HTTP.<status>`, e.g. `HTTP.502` |
//!
//! The message comes from `Message`/`message`/`ErrorMessage` (else the first
//! [`response::MAX_QUOTED_BODY_CHARS`] characters of the body); `RequestId`/`requestId`,
//! `HostId` and `Recommend` are kept. Naming the error by `Code` is INFERRED (CloudFlow does
//! not document it); the FC optimized integration prefixes `FC.` in the caller.
//!
//! Every vector of `../shared/spec/signing-vectors.json` is a test (`tests/vectors.rs`), and
//! `tools/acs/crosscheck.sh` compares random cases with the official SDK packages.

pub mod credentials;
pub mod encode;
pub mod endpoint;
pub mod flatten;
mod mac;
pub mod request;
pub mod response;
pub mod roa;
pub mod rpc;
pub mod time;
pub mod v3;

pub use credentials::Credentials;
pub use encode::percent_encode;
pub use endpoint::{ApiInfo, Resolved, Resolver, SignatureFamily, Style};
pub use request::{Body, BuildError, Method, Operation, RoaOperation, SignedRequest, Stamp, build_request};
pub use time::UtcTime;
