//! Output formats of `flowplay lint`, one module each.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod statistics;

/// How stdin is named in reports without `--stdin-filename`.
pub const STDIN_NAME: &str = "<stdin>";

/// A linted file, as the formatters see it.
pub struct FileResult {
    /// The path as given (stdin shows as `--stdin-filename`, else [`STDIN_NAME`]).
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

    /// Artifact URIs are %-escaped, stdin has a name, each rule links its documentation, and
    /// the rule texts have no leading space left over from `///`.
    #[test]
    fn sarif_uris_help_links_and_texts() {
        let mut files = sample();
        files[0].path = "flows/a b#c?d%e:f 开始.yaml".into();
        files.push(FileResult { path: STDIN_NAME.into(), source: files[0].source.clone(), diagnostics: vec![] });
        files[1].diagnostics = files[0].diagnostics.clone();
        let sarif: serde_json::Value = serde_json::from_str(&sarif::render(&files)).unwrap();
        let run = &sarif["runs"][0];
        let uris: std::collections::BTreeSet<&str> = run["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap())
            .collect();
        let expected = ["flows/a%20b%23c%3Fd%25e%3Af%20%E5%BC%80%E5%A7%8B.yaml", "stdin"];
        assert_eq!(uris, expected.into_iter().collect());
        assert_eq!(run["tool"]["driver"]["informationUri"], fdl::PROJECT_URL);
        assert!(fdl::PROJECT_URL.starts_with("https://") && !fdl::PROJECT_URL.contains("invalid"));
        let schema_id = fdl::schema::json_schema()["$id"].as_str().unwrap().to_owned();
        assert!(schema_id.starts_with(fdl::PROJECT_URL), "{schema_id}");
        for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
            let code = rule["id"].as_str().unwrap();
            let help_uri = rule["helpUri"].as_str().unwrap();
            assert_eq!(
                help_uri,
                format!("{}/blob/main/docs/rules.md#{}", fdl::PROJECT_URL, code.to_lowercase()),
                "{code}"
            );
            for field in [&rule["fullDescription"]["text"], &rule["help"]["text"], &rule["help"]["markdown"]] {
                let text = field.as_str().unwrap();
                assert!(!text.is_empty(), "{code}");
                for line in text.lines() {
                    let stray = line.starts_with(' ') && !line.starts_with("  ");
                    assert!(!stray, "{code}: a stray leading space in {line:?}");
                }
            }
        }
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
