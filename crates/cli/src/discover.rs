//! Which files `flowplay lint` reads: the walk of directory arguments, the workflow probe, the
//! `include`/`exclude` globs of `flowplay.json`, and the search for that file in parent directories.
//!
//! - Explicit file arguments are always linted, whatever their name or content, unless
//!   `--only-workflows` asks to filter them as a walk does (for pre-commit, which passes every
//!   changed file that matches the hook's pattern).
//! - A directory walk honours `.gitignore` (and `.ignore`, global git excludes) through the
//!   `ignore` crate, skips hidden entries, `target/` and `node_modules/`, does not follow symlinks
//!   (so a symlinked directory or a symlink loop is never walked twice), and keeps `.yaml`/`.yml`
//!   files whose top-level keys look like a workflow (a repository's `docker-compose.yaml` or
//!   Kubernetes manifests are not workflows) and host files that hold at least one workflow
//!   (Markdown, HTML, Terraform, ROS templates, Serverless Devs `s.yaml`: see `flowplay_hosts`)
//!   or cannot be read as their kind (reported). A README without a workflow block is skipped.
//! - A file that cannot be read (permissions, not UTF-8) is kept as [`Input::Unreadable`]: the
//!   caller reports it as FDL-P012 and goes on with the others.

use std::path::{Path, PathBuf};

use anyhow::bail;
use fdl::lint::ConfigError;
use flowplay_hosts::looks_like_workflow;
use globset::{Glob, GlobSet, GlobSetBuilder};

/// The name of the configuration file looked up from the current directory upwards.
pub const CONFIG_FILE: &str = "flowplay.json";

/// The keys of `flowplay.json` read here rather than by the linter ([`Filter::from_config`]).
pub const FILTER_KEYS: &[&str] = &["include", "exclude"];

/// One input of `flowplay lint`.
#[derive(Debug, PartialEq)]
pub enum Input {
    /// `-`: standard input.
    Stdin,
    /// A file and its text.
    File { path: PathBuf, text: String },
    /// A file that could not be read, with the reason.
    Unreadable { path: PathBuf, reason: String },
}

/// `include`/`exclude` globs of `flowplay.json`, matched against paths relative to the directory
/// that holds the config file (or to the current directory without one).
#[derive(Debug)]
pub struct Filter {
    root: PathBuf,
    include: Option<GlobSet>,
    exclude: GlobSet,
}

impl Default for Filter {
    fn default() -> Self {
        Self { root: PathBuf::from("."), include: None, exclude: GlobSet::empty() }
    }
}

impl Filter {
    /// Reads `include` and `exclude` (arrays of globs such as `flows/**/*.yaml`) from a config
    /// document, `text`; other keys are left to the linter's config. An error is placed at its key.
    pub fn from_config(root: &Path, text: &str) -> Result<Self, ConfigError> {
        let config: serde_json::Value =
            serde_json::from_str(text).map_err(|e| ConfigError::at(text, &[], format!("invalid JSON: {e}")))?;
        let globs = |key: &str| -> Result<Option<GlobSet>, ConfigError> {
            let error = |message: String| ConfigError::at(text, &[key], message);
            let Some(value) = config.get(key) else { return Ok(None) };
            let Some(list) = value.as_array() else { return Err(error(format!("`{key}` must be an array of globs"))) };
            let mut set = GlobSetBuilder::new();
            for item in list {
                let Some(pattern) = item.as_str() else {
                    return Err(error(format!("`{key}` must hold strings, got {item}")));
                };
                let glob =
                    Glob::new(pattern).map_err(|e| error(format!("invalid glob `{pattern}` in `{key}`: {e}")))?;
                set.add(glob);
                // `vendor` in `exclude` also means everything below it.
                if !pattern.ends_with("/**") {
                    let below = Glob::new(&format!("{}/**", pattern.trim_end_matches('/')))
                        .map_err(|e| error(format!("invalid glob `{pattern}` in `{key}`: {e}")))?;
                    set.add(below);
                }
            }
            set.build().map(Some).map_err(|e| error(format!("invalid globs in `{key}`: {e}")))
        };
        Ok(Self {
            root: root.to_path_buf(),
            include: globs("include")?,
            exclude: globs("exclude")?.unwrap_or_else(GlobSet::empty),
        })
    }

    fn relative<'a>(&self, path: &'a Path) -> std::borrow::Cow<'a, Path> {
        let (Ok(root), Ok(abs)) = (std::path::absolute(&self.root), std::path::absolute(path)) else {
            return path.into();
        };
        match abs.strip_prefix(&root) {
            Ok(rel) => rel.to_path_buf().into(),
            Err(_) => path.into(),
        }
    }

    fn excludes(&self, path: &Path) -> bool {
        self.exclude.is_match(self.relative(path))
    }

    fn includes(&self, path: &Path) -> bool {
        self.include.as_ref().is_none_or(|set| set.is_match(self.relative(path)))
    }
}

/// The nearest `flowplay.json` in `start` or one of its parents.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(start).ok()?;
    start.ancestors().map(|dir| dir.join(CONFIG_FILE)).find(|p| p.is_file())
}

/// Expands the arguments (the current directory when there are none) into inputs: files and `-`
/// as given, directories into the workflows below them (sorted by path). With `only_workflows`,
/// file arguments are filtered as a walk filters the files it meets.
pub fn collect(paths: &[PathBuf], filter: &Filter, only_workflows: bool) -> anyhow::Result<Vec<Input>> {
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() { &default[..] } else { paths };
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if path.is_dir() {
            out.extend(walk(path, filter)?);
        } else if only_workflows && path.is_file() {
            if filter.excludes(path) || !filter.includes(path) || !flowplay_hosts::may_be_host(path) {
                continue;
            }
            match read(path) {
                Input::File { text, .. } if !worth_linting(path, &text) => {}
                input => out.push(input),
            }
        } else if path.exists() || path.symlink_metadata().is_ok() {
            out.push(read(path));
        } else {
            bail!("no such file or directory: {}", path.display());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, filter: &Filter) -> anyhow::Result<Vec<Input>> {
    let mut found = Vec::new();
    let walker = ignore::WalkBuilder::new(dir)
        // Honour .gitignore outside a git checkout too (a fresh tarball, a test's temp dir).
        .require_git(false)
        .follow_links(false)
        .filter_entry(|entry| {
            let name = entry.file_name();
            !(entry.depth() > 0 && (name == "target" || name == "node_modules"))
        })
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            // A malformed line in a .gitignore: git ignores it too.
            Err(err) if err.io_error().is_none() => continue,
            // An unreadable directory: report it like an unreadable file and go on.
            Err(err) => {
                let path = error_path(&err).unwrap_or_else(|| dir.to_path_buf());
                found.push(Input::Unreadable { path, reason: err.to_string() });
                continue;
            }
        };
        let path = entry.path();
        let is_file = entry.file_type().is_some_and(|t| t.is_file());
        if !is_file || !flowplay_hosts::may_be_host(path) || filter.excludes(path) || !filter.includes(path) {
            continue;
        }
        // A JSON, Markdown or HTML file over the host limit is data, not a page or a template:
        // not read at all (YAML files are read as before, to report an oversized workflow).
        let oversized = entry.metadata().is_ok_and(|m| m.len() > flowplay_hosts::MAX_HOST_BYTES as u64);
        if oversized && !has_yaml_extension(path) {
            continue;
        }
        match read(path) {
            Input::File { text, .. } if !worth_linting(path, &text) => {}
            input => found.push(input),
        }
    }
    found.sort_by(|a, b| input_path(a).cmp(&input_path(b)));
    Ok(found)
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        _ => None,
    }
}

fn input_path(input: &Input) -> Option<&Path> {
    match input {
        Input::Stdin => None,
        Input::File { path, .. } | Input::Unreadable { path, .. } => Some(path),
    }
}

fn has_yaml_extension(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

/// Whether a walk keeps a file: a host with a workflow (or one it cannot read, to report it), or
/// a bare YAML workflow.
fn worth_linting(path: &Path, text: &str) -> bool {
    match flowplay_hosts::host_kind(path, text) {
        Some(kind) => flowplay_hosts::extract(kind, text).map_or(true, |found| !found.is_empty()),
        None => has_yaml_extension(path) && looks_like_workflow(text),
    }
}

/// Reads a file as UTF-8 text; a failure becomes [`Input::Unreadable`].
pub fn read(path: &Path) -> Input {
    let path = path.to_path_buf();
    match std::fs::read(&path) {
        Err(err) => Input::Unreadable { path, reason: err.to_string() },
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Input::File { path, text },
            Err(e) => Input::Unreadable {
                path,
                reason: format!("not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to()),
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excluding_a_directory_excludes_what_is_below_it() {
        let config = r#"{"exclude": ["vendor"], "include": ["flows/**/*.yaml"]}"#;
        let filter = Filter::from_config(Path::new("/repo"), config).unwrap();
        assert!(filter.excludes(Path::new("/repo/vendor/a/b.yaml")));
        assert!(!filter.excludes(Path::new("/repo/flows/b.yaml")));
        assert!(filter.includes(Path::new("/repo/flows/x/b.yaml")));
        assert!(!filter.includes(Path::new("/repo/docs/b.yaml")));
    }

    #[test]
    fn a_malformed_filter_is_an_error() {
        let error = |text: &str| Filter::from_config(Path::new("."), text).unwrap_err().to_string();
        assert_eq!(error(r#"{"include": "x"}"#), "1:2: `include` must be an array of globs");
        assert!(error("{\n  \"exclude\": [\"a[\"]}").starts_with("2:3: invalid glob `a[` in `exclude`"));
    }
}
