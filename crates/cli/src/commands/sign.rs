//! `flowplay sign rpc|roa|v3`: signs an Alibaba Cloud OpenAPI request and prints the
//! intermediate strings and the signature as JSON (a public contract, used to cross-check
//! against the official SDKs).
//!
//! `flowplay sign rpc --secret SECRET [--method GET|POST] --param KEY=VALUE …` prints
//! `{"canonicalized_query", "string_to_sign", "signature"}`; without `Timestamp` and
//! `SignatureNonce` parameters it fills them in (current UTC time, random nonce).

use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, bail};

#[derive(clap::Args)]
pub struct Secret {
    /// The AccessKey secret (prefer --secret-env so it stays out of shell history).
    #[arg(long, conflicts_with = "secret_env")]
    secret: Option<String>,
    /// Read the secret from this environment variable.
    #[arg(long)]
    secret_env: Option<String>,
}

impl Secret {
    fn get(&self) -> anyhow::Result<String> {
        match (&self.secret, &self.secret_env) {
            (Some(s), _) => Ok(s.clone()),
            (None, Some(var)) => std::env::var(var).with_context(|| format!("environment variable {var} is not set")),
            (None, None) => bail!("give the secret with --secret or --secret-env VAR"),
        }
    }
}

#[derive(clap::Subcommand)]
pub enum SignCommand {
    /// RPC style, signature version 1.0 (HMAC-SHA1).
    Rpc {
        #[command(flatten)]
        secret: Secret,
        #[arg(long, default_value = "GET")]
        method: String,
        /// A signed parameter, `KEY=VALUE` (repeatable; include every common parameter).
        #[arg(long = "param", value_name = "KEY=VALUE")]
        params: Vec<String>,
    },
    /// ROA style (HMAC-SHA1, `Authorization: acs …`).
    Roa {
        #[command(flatten)]
        secret: Secret,
        #[arg(long, default_value = "GET")]
        method: String,
        /// The request path as sent (already percent-encoded).
        #[arg(long, default_value = "/")]
        pathname: String,
        #[arg(long = "query", value_name = "KEY=VALUE")]
        query: Vec<String>,
        #[arg(long = "header", value_name = "NAME=VALUE")]
        headers: Vec<String>,
        #[arg(long, default_value = "")]
        access_key_id: String,
    },
    /// V3 (ACS3-HMAC-SHA256). Signs exactly the headers given (plus x-acs-content-sha256).
    V3 {
        #[command(flatten)]
        secret: Secret,
        #[arg(long, default_value = "GET")]
        method: String,
        #[arg(long, default_value = "/")]
        pathname: String,
        #[arg(long = "query", value_name = "KEY=VALUE")]
        query: Vec<String>,
        #[arg(long = "header", value_name = "NAME=VALUE")]
        headers: Vec<String>,
        /// The request body (UTF-8 text).
        #[arg(long, default_value = "")]
        body: String,
        #[arg(long, default_value = "")]
        access_key_id: String,
    },
}

fn pairs(items: &[String], what: &str) -> anyhow::Result<Vec<(String, String)>> {
    items
        .iter()
        .map(|p| match p.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_owned(), v.to_owned())),
            _ => bail!("{what} must be KEY=VALUE, got `{p}`"),
        })
        .collect()
}

fn method(m: &str) -> anyhow::Result<String> {
    let m = m.to_ascii_uppercase();
    match m.as_str() {
        "GET" | "POST" | "PUT" | "DELETE" | "PATCH" | "HEAD" => Ok(m),
        _ => bail!("unsupported method `{m}`"),
    }
}

fn now_iso() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let text = engine::format_rfc3339_millis(secs * 1000);
    format!("{}Z", &text[..19])
}

fn nonce() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut out = String::new();
    for i in 0..2u64 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(i ^ SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64));
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

pub fn run(cmd: SignCommand) -> anyhow::Result<ExitCode> {
    let out = match cmd {
        SignCommand::Rpc { secret, method: m, params } => {
            let mut params = pairs(&params, "--param")?;
            if !params.iter().any(|(k, _)| k == "Timestamp") {
                params.push(("Timestamp".into(), now_iso()));
            }
            if !params.iter().any(|(k, _)| k == "SignatureNonce") {
                params.push(("SignatureNonce".into(), nonce()));
            }
            serde_json::to_value(acs::rpc::sign_rpc(&method(&m)?, &params, &secret.get()?))?
        }
        SignCommand::Roa { secret, method: m, pathname, query, headers, access_key_id } => {
            serde_json::to_value(acs::roa::sign_roa(
                &method(&m)?,
                &pathname,
                &pairs(&query, "--query")?,
                &pairs(&headers, "--header")?,
                &access_key_id,
                &secret.get()?,
            ))?
        }
        SignCommand::V3 { secret, method: m, pathname, query, headers, body, access_key_id } => {
            let mut headers = pairs(&headers, "--header")?;
            if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("x-acs-content-sha256")) {
                headers.push(("x-acs-content-sha256".into(), acs::v3::hash_payload(body.as_bytes())));
            }
            serde_json::to_value(acs::v3::sign_v3(
                &method(&m)?,
                &pathname,
                &pairs(&query, "--query")?,
                &headers,
                body.as_bytes(),
                &access_key_id,
                &secret.get()?,
            ))?
        }
    };
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(ExitCode::SUCCESS)
}
