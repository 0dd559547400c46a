//! Output formats of `flowplay lint`, one module each.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod statistics;

/// A linted file, as the formatters see it.
pub struct FileResult {
    /// The path as given (`-` for stdin shows as `<stdin>`).
    pub path: String,
    pub source: String,
    pub diagnostics: Vec<fdl::Diagnostic>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One file with an error (with a label-free did-you-mean fix), a warning and an info,
    /// including a Chinese state name so columns in characters differ from bytes.
    fn sample() -> Vec<FileResult> {
        let source = "Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: 开始\nStates:\n  - Type: Pass\n    Name: 开始\n    Next: end\n  - Type: Succeed\n    Name: End\n    End: true\n  - Type: Fail\n    Name: Stop\n    Code: Stopped\n".to_owned();
        let diagnostics = fdl::Linter::default().lint(&source).diagnostics;
        vec![FileResult { path: "flows/demo.yaml".into(), source, diagnostics }]
    }

    #[test]
    fn human_format() {
        insta::assert_snapshot!(human::render(&sample()));
    }

    #[test]
    fn json_format() {
        insta::assert_snapshot!(json::render(&sample()));
    }

    #[test]
    fn sarif_format_results() {
        let sarif: serde_json::Value = serde_json::from_str(&sarif::render(&sample())).unwrap();
        assert_eq!(sarif["version"], "2.1.0");
        insta::assert_json_snapshot!(sarif["runs"][0]["results"]);
        let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), fdl::lint::all_rules().len());
    }

    #[test]
    fn concise_format() {
        insta::assert_snapshot!(concise::render(&sample()));
    }

    #[test]
    fn statistics() {
        insta::assert_snapshot!(statistics::render(&sample()));
    }

    #[test]
    fn github_format() {
        insta::assert_snapshot!(github::render(&sample()));
    }
}
