//! Signature verification as the service does it, for the three families: the signature is
//! recomputed with the caller's secret from what arrived on the wire and compared. Checks run
//! in the service's order: required parameters, AccessKey, time, body digest, signature. Nonce
//! reuse is checked by the caller afterwards (it needs the shared store).

use std::collections::HashMap;

use acs::UtcTime;
use axum::http::{HeaderMap, Method, StatusCode, Uri};

use crate::errors::ApiFailure;

/// A request whose signature is correct.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    pub access_key_id: String,
    pub nonce: String,
    /// RPC: `Action`; V3 and ROA v1: `x-acs-action`.
    pub action: Option<String>,
    pub version: Option<String>,
    /// Query parameters plus form-body fields, decoded.
    pub params: Vec<(String, String)>,
}

/// What verification needs from the server.
pub struct Verifier<'a> {
    /// AccessKey ID → secret.
    pub keys: &'a HashMap<String, String>,
    /// Accepted clock difference in seconds.
    pub max_skew_seconds: i64,
    pub now: i64,
}

/// Decoded `key=value` pairs of a query string or form body (`+` and `%20` are spaces).
pub fn decode_pairs(encoded: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(encoded).into_owned().collect()
}

fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn is_form(headers: &HeaderMap) -> bool {
    header(headers, "content-type").is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"))
}

impl Verifier<'_> {
    /// Verifies a request of any family, told apart by its `Authorization` header.
    pub fn verify(&self, method: &Method, uri: &Uri, headers: &HeaderMap, body: &[u8]) -> Result<Verified, ApiFailure> {
        match header(headers, "authorization") {
            Some(auth) if auth.starts_with("ACS3-HMAC-SHA256 ") => self.v3(auth, method, uri, headers, body),
            Some(auth) if auth.starts_with("acs ") => self.roa_v1(auth, method, uri, headers, body),
            Some(_) => Err(ApiFailure::new(
                StatusCode::BAD_REQUEST,
                "IncompleteSignature",
                "The Authorization header is neither `ACS3-HMAC-SHA256 …` nor `acs <AccessKeyId>:<Signature>`.",
            )),
            None => self.rpc_v1(method, uri, headers, body),
        }
    }

    fn secret(&self, access_key_id: &str) -> Result<&str, ApiFailure> {
        self.keys.get(access_key_id).map(String::as_str).ok_or_else(ApiFailure::unknown_key)
    }

    fn check_time(
        &self,
        time: Result<UtcTime, acs::time::TimeError>,
        name: &str,
        text: &str,
    ) -> Result<(), ApiFailure> {
        let time = time.map_err(|_| {
            ApiFailure::new(
                StatusCode::BAD_REQUEST,
                "IllegalTimestamp",
                format!(
                    "The input parameter \"{name}\" that is mandatory for processing this request is not supplied or its format is wrong: {text}"
                ),
            )
        })?;
        if (time.unix_seconds() - self.now).abs() > self.max_skew_seconds {
            return Err(ApiFailure::expired());
        }
        Ok(())
    }

    fn rpc_v1(&self, method: &Method, uri: &Uri, headers: &HeaderMap, body: &[u8]) -> Result<Verified, ApiFailure> {
        let mut params = decode_pairs(uri.query().unwrap_or("").as_bytes());
        if is_form(headers) {
            params.extend(decode_pairs(body));
        }
        let get = |k: &str| params.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
        for required in
            ["Action", "Version", "AccessKeyId", "Signature", "SignatureMethod", "SignatureNonce", "Timestamp"]
        {
            if get(required).is_none() {
                return Err(ApiFailure::missing(required));
            }
        }
        let (id, timestamp) = (get("AccessKeyId").unwrap_or_default(), get("Timestamp").unwrap_or_default());
        if get("SignatureMethod").as_deref() != Some("HMAC-SHA1") {
            return Err(ApiFailure::new(
                StatusCode::BAD_REQUEST,
                "InvalidParameter.SignatureMethod",
                "SignatureMethod must be HMAC-SHA1.",
            ));
        }
        let secret = self.secret(&id)?;
        self.check_time(UtcTime::parse_iso8601(&timestamp), "Timestamp", &timestamp)?;
        let expected = acs::rpc::sign_rpc(method.as_str(), &params, secret);
        if get("Signature").as_deref() != Some(expected.signature.as_str()) {
            return Err(ApiFailure::signature_mismatch(&expected.string_to_sign));
        }
        Ok(Verified {
            access_key_id: id,
            nonce: get("SignatureNonce").unwrap_or_default(),
            action: get("Action"),
            version: get("Version"),
            params: params.into_iter().filter(|(k, _)| k != "Signature").collect(),
        })
    }

    fn v3(
        &self,
        auth: &str,
        method: &Method,
        uri: &Uri,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Verified, ApiFailure> {
        let rest = auth.trim_start_matches("ACS3-HMAC-SHA256 ");
        let part = |name: &str| rest.split(',').find_map(|p| p.trim().strip_prefix(name)).unwrap_or("");
        let (id, signed, signature) = (part("Credential="), part("SignedHeaders="), part("Signature="));
        for (name, value) in [("Credential", id), ("SignedHeaders", signed), ("Signature", signature)] {
            if value.is_empty() {
                return Err(ApiFailure::missing(name));
            }
        }
        for required in ["x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256", "x-acs-action"] {
            if header(headers, required).is_none() {
                return Err(ApiFailure::missing(required));
            }
        }
        let secret = self.secret(id)?;
        let date = header(headers, "x-acs-date").unwrap_or("");
        self.check_time(UtcTime::parse_iso8601(date), "x-acs-date", date)?;
        if header(headers, "x-acs-content-sha256") != Some(acs::v3::hash_payload(body).as_str()) {
            return Err(ApiFailure::new(
                StatusCode::BAD_REQUEST,
                "InvalidParameter.ContentSha256",
                "x-acs-content-sha256 does not match the body.",
            ));
        }
        let signed_names: Vec<&str> = signed.split(';').filter(|n| !n.is_empty()).collect();
        for name in ["host", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"] {
            if !signed_names.contains(&name) {
                return Err(ApiFailure::new(
                    StatusCode::BAD_REQUEST,
                    "IncompleteSignature",
                    format!("SignedHeaders must include {name}."),
                ));
            }
        }
        let signed_headers: Vec<(String, String)> = signed_names
            .iter()
            .flat_map(|n| {
                headers.get_all(*n).iter().map(move |v| ((*n).to_owned(), v.to_str().unwrap_or("").to_owned()))
            })
            .collect();
        let query = decode_pairs(uri.query().unwrap_or("").as_bytes());
        let expected = acs::v3::sign_v3(method.as_str(), uri.path(), &query, &signed_headers, body, id, secret);
        if expected.signature != signature {
            return Err(ApiFailure::signature_mismatch(&expected.string_to_sign));
        }
        let mut params = query;
        if is_form(headers) {
            params.extend(decode_pairs(body));
        }
        Ok(Verified {
            access_key_id: id.to_owned(),
            nonce: header(headers, "x-acs-signature-nonce").unwrap_or("").to_owned(),
            action: header(headers, "x-acs-action").map(str::to_owned),
            version: header(headers, "x-acs-version").map(str::to_owned),
            params,
        })
    }

    fn roa_v1(
        &self,
        auth: &str,
        method: &Method,
        uri: &Uri,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Verified, ApiFailure> {
        let Some((id, signature)) = auth.trim_start_matches("acs ").split_once(':') else {
            return Err(ApiFailure::missing("Authorization"));
        };
        for required in ["date", "x-acs-signature-nonce", "x-acs-signature-method", "x-acs-signature-version"] {
            if header(headers, required).is_none() {
                return Err(ApiFailure::missing(required));
            }
        }
        let secret = self.secret(id)?;
        let date = header(headers, "date").unwrap_or("");
        self.check_time(UtcTime::parse_rfc1123(date), "Date", date)?;
        if let Some(md5) = header(headers, "content-md5")
            && md5 != acs::roa::content_md5(body)
        {
            return Err(ApiFailure::new(
                StatusCode::BAD_REQUEST,
                "InvalidContentMD5",
                "Content-MD5 does not match the body.",
            ));
        }
        let all_headers: Vec<(String, String)> =
            headers.iter().map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned())).collect();
        let query = decode_pairs(uri.query().unwrap_or("").as_bytes());
        let expected = acs::roa::sign_roa(method.as_str(), uri.path(), &query, &all_headers, id, secret);
        if expected.signature != signature {
            return Err(ApiFailure::signature_mismatch(&expected.string_to_sign));
        }
        Ok(Verified {
            access_key_id: id.to_owned(),
            nonce: header(headers, "x-acs-signature-nonce").unwrap_or("").to_owned(),
            action: header(headers, "x-acs-action").map(str::to_owned),
            version: header(headers, "x-acs-version").map(str::to_owned),
            params: query,
        })
    }
}
