//! `flowplay sign rpc|roa|v3`: signs an Alibaba Cloud OpenAPI request and prints the
//! intermediate strings and the signature as JSON (a public contract, used to cross-check
//! against the official SDKs).
//!
//! `flowplay sign rpc [--secret-env VAR | --secret-stdin] [--method GET|POST] --param KEY=VALUE …` prints
//! `{"canonicalized_query", "string_to_sign", "signature"}`; without `Timestamp` and
//! `SignatureNonce` parameters it fills them in (current UTC time, random nonce). `roa` prints
//! `{"string_to_sign", "signature", "authorization"}`, `v3` every intermediate string. Usage
//! errors (a malformed `KEY=VALUE`, no secret, the removed `--secret`) exit with status 2. The secret
//! comes from `$ALIBABA_CLOUD_ACCESS_KEY_SECRET`, the variable named by `--secret-env` or the first
//! line of standard input (`--secret-stdin`), never from an argument.

use std::io::{BufRead, Read};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, bail};

/// The variable read when neither `--secret-env` nor `--secret-stdin` is given (the one
/// `flowplay run --real` reads).
pub const DEFAULT_SECRET_ENV: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";

/// Longest secret line read from standard input (real secrets are 30 characters).
const MAX_SECRET_LEN: u64 = 4096;

/// Where the AccessKey secret comes from: the environment or standard input, never an argument
/// (arguments stay in shell history and are visible to every user in `ps`).
#[derive(clap::Args)]
pub struct Secret {
    /// Read the secret from this environment variable [default: ALIBABA_CLOUD_ACCESS_KEY_SECRET].
    #[arg(long, value_name = "VAR", conflicts_with = "secret_stdin")]
    secret_env: Option<String>,
    /// Read the secret from the first line of standard input.
    #[arg(long)]
    secret_stdin: bool,
    /// Removed (it put the secret in shell history and `ps`); still parsed, hidden, so that using
    /// it gets an error naming the replacements instead of clap's "unexpected argument".
    #[arg(long, hide = true, num_args = 0..=1, value_name = "SECRET")]
    secret: Option<Option<String>>,
}

impl Secret {
    fn get(&self) -> anyhow::Result<String> {
        self.read(|var| std::env::var(var).ok(), &mut std::io::stdin().lock())
    }

    /// The secret, from `env` or `stdin`; never echoed in an error.
    fn read(&self, env: impl Fn(&str) -> Option<String>, stdin: &mut dyn std::io::BufRead) -> anyhow::Result<String> {
        if self.secret.is_some() {
            bail!(
                "--secret was removed: a secret given as an argument is kept in shell history and shown \
                 to other users by `ps`. Put it in an environment variable and pass --secret-env VAR \
                 (default {DEFAULT_SECRET_ENV}), or pipe it in with --secret-stdin"
            );
        }
        let secret = if self.secret_stdin {
            let mut line = String::new();
            stdin.take(MAX_SECRET_LEN).read_line(&mut line).context("cannot read the secret from standard input")?;
            if line.len() as u64 >= MAX_SECRET_LEN {
                bail!("the first line of standard input is longer than {MAX_SECRET_LEN} bytes; it is not a secret");
            }
            line.trim_end_matches(['\r', '\n']).to_owned()
        } else {
            let var = self.secret_env.as_deref().unwrap_or(DEFAULT_SECRET_ENV);
            env(var).with_context(|| {
                format!("environment variable {var} is not set; set it, or give the secret with --secret-env VAR or --secret-stdin")
            })?
        };
        if secret.is_empty() {
            bail!("the AccessKey secret is empty");
        }
        Ok(secret)
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
        /// A signed parameter, `KEY=VALUE` (repeatable; every common parameter too).
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
        /// A query parameter with its raw value (repeatable).
        #[arg(long = "query", value_name = "KEY=VALUE")]
        query: Vec<String>,
        /// A header (repeatable); Accept, Content-MD5, Content-Type, Date and x-acs-* are signed.
        #[arg(long = "header", value_name = "NAME=VALUE")]
        headers: Vec<String>,
        /// Only used in the printed Authorization header.
        #[arg(long, default_value = "")]
        access_key_id: String,
    },
    /// V3 (ACS3-HMAC-SHA256). Signs exactly the headers given, plus x-acs-content-sha256
    /// computed from the body when it is not given.
    V3 {
        #[command(flatten)]
        secret: Secret,
        #[arg(long, default_value = "GET")]
        method: String,
        /// The request path as sent (already percent-encoded).
        #[arg(long, default_value = "/")]
        pathname: String,
        /// A query parameter with its raw value (repeatable).
        #[arg(long = "query", value_name = "KEY=VALUE")]
        query: Vec<String>,
        /// A header to sign (repeatable).
        #[arg(long = "header", value_name = "NAME=VALUE")]
        headers: Vec<String>,
        /// The request body (UTF-8 text).
        #[arg(long, default_value = "")]
        body: String,
        /// Only used in the printed Authorization header.
        #[arg(long, default_value = "")]
        access_key_id: String,
    },
}

/// Splits `KEY=VALUE` items at the first `=`; the key must not be empty.
fn pairs(items: &[String], flag: &str) -> anyhow::Result<Vec<(String, String)>> {
    items
        .iter()
        .map(|item| match item.split_once('=') {
            Some((key, value)) if !key.is_empty() => Ok((key.to_owned(), value.to_owned())),
            _ => bail!("{flag} must be KEY=VALUE, got `{item}`"),
        })
        .collect()
}

fn method(name: &str) -> anyhow::Result<&'static str> {
    acs::Method::parse(name)
        .map(acs::Method::as_str)
        .with_context(|| format!("unsupported method `{name}` (GET, POST, PUT, DELETE, PATCH or HEAD)"))
}

fn now() -> anyhow::Result<acs::UtcTime> {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).context("the system clock is before 1970")?.as_secs();
    Ok(acs::UtcTime::from_unix_seconds(i64::try_from(seconds)?)?)
}

/// 32 hex characters, as the SDKs send. `RandomState` is seeded from the OS per process and
/// per instance, which is enough for a replay-protection nonce (it is not a secret).
fn random_nonce() -> String {
    use std::hash::{BuildHasher, Hasher};
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    (0..2u8)
        .map(|half| {
            let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
            hasher.write_u128(nanos);
            hasher.write_u8(half);
            format!("{:016x}", hasher.finish())
        })
        .collect()
}

/// Adds `Timestamp` and `SignatureNonce` when the caller did not give them.
fn complete_rpc_params(params: &mut Vec<(String, String)>) -> anyhow::Result<()> {
    if !params.iter().any(|(k, _)| k == "Timestamp") {
        params.push(("Timestamp".into(), now()?.iso8601()));
    }
    if !params.iter().any(|(k, _)| k == "SignatureNonce") {
        params.push(("SignatureNonce".into(), random_nonce()));
    }
    Ok(())
}

pub fn run(cmd: SignCommand) -> anyhow::Result<ExitCode> {
    let out = match cmd {
        SignCommand::Rpc { secret, method: m, params } => {
            let mut params = pairs(&params, "--param")?;
            let method = method(&m)?;
            let secret = secret.get()?;
            complete_rpc_params(&mut params)?;
            serde_json::to_value(acs::rpc::sign_rpc(method, &params, &secret))?
        }
        SignCommand::Roa { secret, method: m, pathname, query, headers, access_key_id } => {
            let (query, headers, method) = (pairs(&query, "--query")?, pairs(&headers, "--header")?, method(&m)?);
            let secret = secret.get()?;
            serde_json::to_value(acs::roa::sign_roa(method, &pathname, &query, &headers, &access_key_id, &secret))?
        }
        SignCommand::V3 { secret, method: m, pathname, query, headers, body, access_key_id } => {
            let (query, mut headers, method) = (pairs(&query, "--query")?, pairs(&headers, "--header")?, method(&m)?);
            let secret = secret.get()?;
            if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("x-acs-content-sha256")) {
                headers.push(("x-acs-content-sha256".into(), acs::v3::hash_payload(body.as_bytes())));
            }
            serde_json::to_value(acs::v3::sign_v3(
                method,
                &pathname,
                &query,
                &headers,
                body.as_bytes(),
                &access_key_id,
                &secret,
            ))?
        }
    };
    print_json(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints to stdout; a reader that went away (`| head`) is not an error.
fn print_json(value: &serde_json::Value) -> anyhow::Result<()> {
    use std::io::Write;
    let text = serde_json::to_string_pretty(value)?;
    match writeln!(std::io::stdout().lock(), "{text}") {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_split_at_the_first_equals_sign_and_keep_empty_values() {
        let items = vec!["a=b=c".to_owned(), "k=".to_owned()];
        assert_eq!(pairs(&items, "--param").unwrap(), vec![("a".into(), "b=c".into()), ("k".into(), String::new())]);
    }

    #[test]
    fn pairs_without_a_key_or_equals_sign_are_refused_naming_the_flag() {
        for bad in ["novalue", "=x"] {
            let err = pairs(&[bad.to_owned()], "--param").unwrap_err().to_string();
            assert!(err.contains("--param must be KEY=VALUE") && err.contains(bad), "{err}");
        }
    }

    #[test]
    fn missing_timestamp_and_nonce_are_filled_in_but_given_ones_are_kept() {
        let mut params = vec![("Timestamp".to_owned(), "2016-02-23T12:46:24Z".to_owned())];
        complete_rpc_params(&mut params).unwrap();
        assert_eq!(params[0].1, "2016-02-23T12:46:24Z");
        let nonce = &params.iter().find(|(k, _)| k == "SignatureNonce").unwrap().1;
        assert_eq!(nonce.len(), 32);
        assert!(nonce.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(random_nonce(), random_nonce());
    }

    #[test]
    fn methods_are_case_insensitive_and_unknown_ones_refused() {
        assert_eq!(method("post").unwrap(), "POST");
        assert!(method("FETCH").is_err());
    }

    fn secret(secret_env: Option<&str>, secret_stdin: bool, secret: Option<Option<&str>>) -> Secret {
        Secret { secret_env: secret_env.map(str::to_owned), secret_stdin, secret: secret.map(|s| s.map(str::to_owned)) }
    }

    fn env(var: &str) -> Option<String> {
        match var {
            "MY_SECRET" => Some("from-my-var".into()),
            DEFAULT_SECRET_ENV => Some("from-default".into()),
            _ => None,
        }
    }

    #[test]
    fn the_secret_comes_from_the_named_variable_the_default_one_or_stdin() {
        let read = |s: Secret, stdin: &str| s.read(env, &mut stdin.as_bytes()).unwrap();
        assert_eq!(read(secret(Some("MY_SECRET"), false, None), ""), "from-my-var");
        assert_eq!(read(secret(None, false, None), ""), "from-default");
        assert_eq!(read(secret(None, true, None), "s3cr3t\r\nignored\n"), "s3cr3t");
    }

    #[test]
    fn a_missing_or_empty_secret_is_a_clear_error() {
        let err = secret(Some("UNSET"), false, None).read(env, &mut "".as_bytes()).unwrap_err().to_string();
        assert!(err.contains("UNSET is not set") && err.contains("--secret-stdin"), "{err}");
        let err = secret(None, true, None).read(env, &mut "\n".as_bytes()).unwrap_err().to_string();
        assert!(err.contains("empty"), "{err}");
    }

    #[test]
    fn the_removed_secret_flag_says_what_to_use_and_never_echoes_the_value() {
        for given in [Some("hunter2"), None] {
            let err = secret(None, false, Some(given)).read(env, &mut "".as_bytes()).unwrap_err().to_string();
            assert!(err.contains("--secret-env VAR") && err.contains("--secret-stdin"), "{err}");
            assert!(!err.contains("hunter2"), "{err}");
        }
    }
}
