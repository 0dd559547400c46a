//! `flowplay sign` takes the AccessKey secret from the environment or standard input only: the
//! removed `--secret SECRET` put it in shell history and `ps`, and now fails with exit status 2
//! and a message naming the replacements (without echoing the value).

use std::io::Write;
use std::process::{Command, Stdio};

/// The documented DescribeRegions example (openapi-signing.md §3.2), signed with `testsecret`.
const PARAMS: [&str; 8] = [
    "AccessKeyId=testid",
    "Action=DescribeRegions",
    "Format=XML",
    "SignatureMethod=HMAC-SHA1",
    "SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
    "SignatureVersion=1.0",
    "Timestamp=2016-02-23T12:46:24Z",
    "Version=2014-05-26",
];
const SIGNATURE: &str = "OLeaidS1JvxuMvnyHOwuJ+uX5qY=";

/// Runs `flowplay sign rpc <secret_args> --param …` with `env` and `stdin`.
fn sign(secret_args: &[&str], env: &[(&str, &str)], stdin: &str) -> (i32, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_flowplay"));
    command.args(["sign", "rpc"]).args(secret_args);
    for p in PARAMS {
        command.args(["--param", p]);
    }
    command.env_remove("ALIBABA_CLOUD_ACCESS_KEY_SECRET").envs(env.iter().copied());
    let mut child = command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_secret_is_read_from_the_default_variable_a_named_one_or_stdin() {
    let (code, stdout, stderr) = sign(&[], &[("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "testsecret")], "");
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains(SIGNATURE), "{stdout}");
    let (code, stdout, stderr) = sign(&["--secret-env", "MY_SECRET"], &[("MY_SECRET", "testsecret")], "");
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains(SIGNATURE), "{stdout}");
    let (code, stdout, stderr) = sign(&["--secret-stdin"], &[], "testsecret\n");
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains(SIGNATURE), "{stdout}");
}

#[test]
fn the_removed_secret_flag_is_a_usage_error_naming_the_replacements() {
    for args in [&["--secret", "hunter2"][..], &["--secret=hunter2"], &["--secret"]] {
        let (code, stdout, stderr) = sign(args, &[("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "testsecret")], "");
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{stdout}");
        assert!(stderr.contains("--secret was removed"), "{stderr}");
        assert!(stderr.contains("--secret-env VAR") && stderr.contains("--secret-stdin"), "{stderr}");
        assert!(!stderr.contains("hunter2"), "the secret is echoed: {stderr}");
    }
}

#[test]
fn no_secret_at_all_is_a_usage_error() {
    let (code, _, stderr) = sign(&[], &[], "");
    assert_eq!(code, 2);
    assert!(stderr.contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set"), "{stderr}");
    let (code, _, stderr) = sign(&["--secret-env", "A", "--secret-stdin"], &[], "");
    assert_eq!(code, 2, "the two sources conflict: {stderr}");
}
