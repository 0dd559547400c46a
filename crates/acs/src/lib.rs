//! Alibaba Cloud OpenAPI request signing for flowplay, in pure Rust (no I/O, wasm-ready: the
//! caller supplies timestamps and nonces). The browser signs with the user's AccessKey so the
//! secret never leaves it; the relay only forwards signed requests.
//!
//! - [`rpc::sign_rpc`]: RPC v1 (HMAC-SHA1), the signature in the `Signature` parameter.
//! - [`roa::sign_roa`]: ROA v1 (HMAC-SHA1), `Authorization: acs <id>:<sig>`.
//! - [`v3::sign_v3`]: V3 `ACS3-HMAC-SHA256`.
//! - [`flatten`]: nested parameters as `Tag.1.Key` (repeat-list style).
//! - [`response::map_response`]: JSON body → Task output; error body → error named by `Code`.
//!
//! Every published and SDK-computed vector of `../shared/spec/signing-vectors.json` is a test.

pub mod credentials;
pub mod encode;
pub mod flatten;
pub mod request;
pub mod response;
pub mod roa;
pub mod rpc;
pub mod v3;

pub use credentials::Credentials;
pub use encode::percent_encode;
