use super::*;

fn tree(symbols: &[Symbol], depth: usize, out: &mut Vec<String>) {
    for s in symbols {
        out.push(format!("{}{} {}", "  ".repeat(depth), s.name, s.detail.as_deref().unwrap_or("")));
        tree(&s.children, depth + 1, out);
    }
}

fn outline(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    tree(&document_symbols(&fdl::analyze(src).document.unwrap()), 0, &mut out);
    out
}

#[test]
fn the_state_tree_of_the_current_dialect() {
    let src = "Type: StateMachine\nName: d\nSpecVersion: v1\nStartAt: P\nStates:\n  - Type: Parallel\n    Name: P\n    Branches:\n      - StartAt: A\n        States:\n          - Type: Pass\n            Name: A\n            End: true\n      - StartAt: B\n        States:\n          - Type: Map\n            Name: B\n            ItemsPath: $Input.x\n            Processor:\n              StartAt: C\n              States:\n                - Type: Pass\n                  Name: C\n                  End: true\n            End: true\n    End: true\n  - Type: Pass\n    End: true\n";
    assert_eq!(
        outline(src),
        ["P Parallel", "  Branch 1 ", "    A Pass", "  Branch 2 ", "    B Map", "      C Pass", "(unnamed) Pass"]
    );
    let symbols = document_symbols(&fdl::analyze(src).document.unwrap());
    assert_eq!(symbols[0].selection.slice(src), "P");
}

#[test]
fn the_step_tree_of_the_legacy_dialect() {
    let src = "version: v1\ntype: flow\nsteps:\n  - type: foreach\n    name: 每个\n    iterationMapping:\n      collection: $.xs\n      item: x\n    steps:\n      - type: pass\n        name: inner\n  - type: succeed\n    name: end\n";
    assert_eq!(outline(src), ["每个 foreach", "  inner pass", "end succeed"]);
}

#[test]
fn folding_ranges_cover_multi_line_blocks() {
    let src = "Type: StateMachine\nStates:\n  - Type: Pass\n    Name: A\n    End: true\n  - Type: Pass\n    Name: B\n    OutputConstructor: {a: 1}\n    End: true\n";
    let analysis = fdl::analyze(src);
    let ranges = folding_ranges(analysis.yaml.root.as_ref().unwrap(), &analysis.line_index);
    assert_eq!(ranges, [(1, 8), (2, 4), (5, 8)]);
    let flat = fdl::analyze("a: 1\nb: 2\n");
    assert!(folding_ranges(flat.yaml.root.as_ref().unwrap(), &flat.line_index).is_empty());
}
