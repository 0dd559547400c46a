//! `flowplay completions SHELL` prints a script that knows the subcommands; an unknown shell is
//! a usage error (exit 2).

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_flowplay");

#[test]
fn every_shell_gets_a_script_naming_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let output = Command::new(BIN).args(["completions", shell]).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{shell}: {}", String::from_utf8_lossy(&output.stderr));
        let script = String::from_utf8(output.stdout).unwrap();
        assert!(!script.trim().is_empty(), "{shell}: empty script");
        assert!(script.contains("lint") && script.contains("completions"), "{shell}: {script}");
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let output = Command::new(BIN).args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("tcsh") && stderr.contains("bash"), "{stderr}");
    assert!(output.stdout.is_empty());
}
