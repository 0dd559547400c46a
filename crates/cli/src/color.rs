//! Whether to colour output: one decision, [`decide`], from `--color`, the environment and
//! whether the stream is a terminal.

use std::ffi::OsString;

/// `--color`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorArg {
    /// Colour when the environment asks for it or the output is a terminal.
    #[default]
    Auto,
    Always,
    Never,
}

/// Decides colour, first match wins:
///
/// 1. `--color always` / `--color never` (what the user typed beats the environment);
/// 2. `FORCE_COLOR` or `CLICOLOR_FORCE` set, non-empty and not `0`: colour, even into a pipe
///    (<https://force-color.org>; `0` is the common way to turn the force off, so it is not a force);
/// 3. `NO_COLOR` set and non-empty: no colour (<https://no-color.org>: an empty value is ignored);
/// 4. colour exactly when the stream is a terminal.
///
/// Forcing beats `NO_COLOR` because it is the more specific request: a CI job sets FORCE_COLOR
/// for one tool's log while a user's profile may set NO_COLOR for everything.
pub fn decide(flag: ColorArg, env: impl Fn(&str) -> Option<OsString>, is_tty: bool) -> bool {
    let set = |name: &str| env(name).is_some_and(|v| !v.is_empty());
    let forced = |name: &str| env(name).is_some_and(|v| !v.is_empty() && v != "0");
    match flag {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto if forced("FORCE_COLOR") || forced("CLICOLOR_FORCE") => true,
        ColorArg::Auto if set("NO_COLOR") => false,
        ColorArg::Auto => is_tty,
    }
}

/// [`decide`] with the process environment.
pub fn from_env(flag: ColorArg, is_tty: bool) -> bool {
    decide(flag, |name| std::env::var_os(name), is_tty)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| OsString::from(v))
    }

    #[test]
    fn every_case_in_order() {
        use ColorArg::{Always, Auto, Never};
        /// (flag, environment, is_tty, colour)
        type Case = (ColorArg, &'static [(&'static str, &'static str)], bool, bool);
        let cases: &[Case] = &[
            // 1. The flag beats everything.
            (Always, &[("NO_COLOR", "1")], false, true),
            (Never, &[("FORCE_COLOR", "1"), ("CLICOLOR_FORCE", "1")], true, false),
            // 2. A force colours a pipe, and beats NO_COLOR.
            (Auto, &[("FORCE_COLOR", "1")], false, true),
            (Auto, &[("FORCE_COLOR", "true")], false, true),
            (Auto, &[("CLICOLOR_FORCE", "1")], false, true),
            (Auto, &[("FORCE_COLOR", "1"), ("NO_COLOR", "1")], true, true),
            (Auto, &[("CLICOLOR_FORCE", "yes"), ("NO_COLOR", "1")], false, true),
            // ... but an empty or `0` force is none.
            (Auto, &[("FORCE_COLOR", "")], false, false),
            (Auto, &[("FORCE_COLOR", "0")], false, false),
            (Auto, &[("CLICOLOR_FORCE", "0")], false, false),
            (Auto, &[("FORCE_COLOR", "0")], true, true),
            (Auto, &[("FORCE_COLOR", "0"), ("NO_COLOR", "1")], true, false),
            // 3. NO_COLOR (non-empty, any value) turns a terminal's colour off; empty is ignored.
            (Auto, &[("NO_COLOR", "1")], true, false),
            (Auto, &[("NO_COLOR", "0")], true, false),
            (Auto, &[("NO_COLOR", "")], true, true),
            // 4. Otherwise: a terminal.
            (Auto, &[], true, true),
            (Auto, &[], false, false),
            (Auto, &[("NO_COLOR", "")], false, false),
        ];
        for (flag, env, tty, expected) in cases {
            assert_eq!(decide(*flag, with(env), *tty), *expected, "{flag:?} {env:?} tty={tty}");
        }
    }
}
