//! Properties: arbitrary bytes, arbitrary YAML-ish text and mutations of real workflows never
//! panic the parser, the lowering or any lint rule, and hostile documents are refused with one
//! clear, located error.

use proptest::prelude::*;

fn lint(text: &str) -> fdl::LintReport {
    fdl::Linter::default().lint(text)
}

const SEED: &str = "Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Task\n    Name: A\n    Action: FC:InvokeFunction\n    Parameters:\n      body.$: $Input\n    Retry:\n      - Errors: [FnF.ALL]\n        MaxAttempts: 2\n        IntervalSeconds: 1\n    Catch:\n      - Errors: [FnF.ALL]\n        Next: B\n    Next: B\n  - Type: Choice\n    Name: B\n    Branches:\n      - Condition: $Input.a == 1\n        Next: C\n    Default: C\n  - Type: Map\n    Name: C\n    ItemsPath: $Input.items\n    Processor:\n      StartAt: D\n      States:\n        - Type: Pass\n          Name: D\n          End: true\n    End: true\n";

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let _ = lint(&text);
    }

    #[test]
    fn yaml_shaped_text_never_panics(lines in prop::collection::vec("( {0,6})(- )?([A-Za-z$.]{0,8})(: )?([\\[\\]{}&*!|>'\"#A-Za-z0-9$., -]{0,12})", 0..40)) {
        let _ = lint(&lines.join("\n"));
    }

    #[test]
    fn mutated_workflows_never_panic(cut in 0usize..SEED.len(), insert in "[\\[\\]{}:&*#\\t\\n -]{0,3}", delete in 0usize..8) {
        let mut text = SEED.to_owned();
        let at = (0..=cut).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        let end = (at + delete).min(text.len());
        let end = (end..=text.len()).find(|i| text.is_char_boundary(*i)).unwrap_or(text.len());
        text.replace_range(at..end, &insert);
        let report = lint(&text);
        for d in &report.diagnostics {
            prop_assert!(d.span.start <= d.span.end && d.span.end as usize <= text.len());
        }
    }
}

#[test]
fn hostile_documents_get_one_clear_error() {
    let bomb = {
        let mut s = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            s.push_str(&format!("a{i}: &a{i} [{}]\n", vec![format!("*a{}", i - 1); 10].join(", ")));
        }
        s
    };
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let huge = "x".repeat(10 * 1024 * 1024);
    for (name, text, code) in
        [("alias bomb", bomb, "FDL-P006"), ("10,000-deep nesting", deep, "FDL-P005"), ("10 MB", huge, "FDL-P004")]
    {
        let report = lint(&text);
        let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, vec![code], "{name}");
    }
}
