use super::*;

const SRC: &str = "Type: StateMachine\nName: d\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Wait\n    Name: 开始\n    Seconds: 1\n    Next: \n  - Type: Parallel\n    Name: P\n    Branches:\n      - StartAt: Inner\n        States:\n          - Type: Pass\n            Name: Inner\n            Next: \n          - Type: Succeed\n            Name: Done\n    End: true\n";

fn labels(c: &Completions) -> Vec<&str> {
    c.items.iter().map(|o| o.label.as_str()).collect()
}

fn at(src: &str, needle: &str, delta: usize) -> u32 {
    (src.find(needle).unwrap_or_else(|| panic!("{needle}")) + delta) as u32
}

#[test]
fn next_offers_the_state_names_of_the_cursors_scope() {
    let c = complete(SRC, at(SRC, "Next: \n", 6), None);
    assert_eq!(labels(&c), ["开始", "P"]);
    assert!(c.items.iter().all(|i| i.kind == CompletionKind::State));
    let inner = complete(SRC, at(SRC, "Next: \n          - Type: Succeed", 6), None);
    assert_eq!(labels(&inner), ["Inner", "Done"], "a branch's own states");
}

#[test]
fn keys_for_the_state_type_leave_out_those_present() {
    let c = complete(SRC, at(SRC, "    Seconds", 4), None);
    let l = labels(&c);
    assert!(l.contains(&"OutputConstructor") && !l.contains(&"Seconds") && !l.contains(&"Action"), "{l:?}");
    // A key being typed on a new line (no `:` yet) in a Wait state.
    let typing = SRC.replace("    Seconds: 1\n", "    Seconds: 1\n    Ou\n");
    let c = complete(&typing, at(&typing, "    Ou\n", 6), None);
    assert!(labels(&c).contains(&"OutputConstructor"));
    assert_eq!(c.from, at(&typing, "    Ou\n", 4));
    // At the root.
    let c = complete("Type: StateMachine\nNa", 21, None);
    assert!(labels(&c).contains(&"Name") && labels(&c).contains(&"StartAt"));
}

#[test]
fn enum_values() {
    let c = complete(SRC, at(SRC, "- Type: Wait", 8), None);
    assert!(labels(&c).contains(&"Parallel") && labels(&c).contains(&"Succeed"));
    let root = complete(SRC, at(SRC, "Type: StateMachine", 6), None);
    assert_eq!(labels(&root), ["StateMachine"]);
    let mode = "States:\n  - Type: Task\n    TaskMode: ";
    assert!(labels(&complete(mode, mode.len() as u32, None)).contains(&"WaitForCustomCallback"));
    // In a key (before its `:`), no values.
    assert!(complete(SRC, at(SRC, "Seconds: 1", 3), None).items.iter().all(|i| i.kind == CompletionKind::Key));
}

#[test]
fn expressions_offer_variables_and_functions() {
    let src = "a:\n  x.$: $In";
    let c = complete(src, src.len() as u32, None);
    assert!(labels(&c).contains(&"$Input"));
    assert_eq!(c.from, src.len() as u32 - 3);
    let ctx = "a:\n  x.$: $Context.";
    assert_eq!(labels(&complete(ctx, ctx.len() as u32, None)), ["$Context.Execution", "$Context.Current"]);
    let current = "a:\n  x.$: $Context.Current.Re";
    assert!(labels(&complete(current, current.len() as u32, None)).contains(&"$Context.Current.RetryCount"));
    let error = "a:\n  x.$: $Context.Current.Error.";
    assert_eq!(
        labels(&complete(error, error.len() as u32, None)),
        ["$Context.Current.Error.Code", "$Context.Current.Error.Detail"]
    );
    let unknown = "a:\n  x.$: $Context.Nope.";
    assert!(complete(unknown, unknown.len() as u32, None).items.is_empty(), "no member of an unknown path");
    let f = "a:\n  x.$: len";
    let c = complete(f, f.len() as u32, None);
    assert!(c.items.iter().any(|i| i.kind == CompletionKind::Function && i.label == "length"), "{:?}", labels(&c));
}

#[test]
fn actions_and_parameters_from_the_catalog() {
    let catalog = catalog::Catalog::from_embedded();
    let src = "Type: StateMachine\nName: d\nSpecVersion: v1\nStartAt: T\nStates:\n  - Type: Task\n    Name: T\n    Action: ECS:\n    Parameters:\n      RegionId: cn-hangzhou\n      \n    End: true\n";
    let c = complete(src, at(src, "ECS:\n", 4), Some(&catalog));
    assert!(labels(&c).contains(&"ECS:DescribeInstances"), "{:?}", &labels(&c)[..5.min(c.items.len())]);
    let with_action = src.replace("Action: ECS:\n", "Action: ECS:DescribeInstances\n");
    let c = complete(&with_action, at(&with_action, "cn-hangzhou\n      ", 18), Some(&catalog));
    let l = labels(&c);
    assert!(l.contains(&"InstanceIds") && !l.contains(&"RegionId"), "{l:?}");
    // Without a catalog: the short list of common Actions.
    assert!(labels(&complete(src, at(src, "ECS:\n", 4), None)).contains(&"FC:InvokeFunction"));
}

#[test]
fn legacy_goto_offers_sibling_steps() {
    let src = "version: v1\ntype: flow\nsteps:\n  - type: pass\n    name: 第一\n  - type: choice\n    name: c\n    choices:\n      - condition: $.a > 1\n        goto: \n  - type: task\n    name: t\n    resourceArn: x\n";
    let c = complete(src, at(src, "goto: ", 6), None);
    assert_eq!(labels(&c), ["第一", "c", "t"]);
    let t = complete(src, at(src, "- type: pass", 8), None);
    assert!(labels(&t).contains(&"foreach"));
}

#[test]
fn words_after_wide_characters_and_offsets_inside_them() {
    let src = "States:\n  - Type: Pass\n    Name: A\n    Next: 😀开";
    let c = complete(src, src.len() as u32, None);
    assert_eq!(c.from, src.len() as u32 - 3, "the word is `开`, after the emoji");
    assert_eq!(labels(&c), ["A"]);
    // Every offset, including those inside a character, answers without a panic.
    for offset in 0..=src.len() as u32 + 2 {
        complete(src, offset, None);
        crate::hover(src, offset, None);
    }
}

#[test]
fn an_already_lowered_document_gives_the_same_items() {
    let lowered = fdl::analyze(SRC).document;
    for needle in ["Next: \n", "- Type: Wait", "    Seconds"] {
        let offset = at(SRC, needle, 6);
        assert_eq!(complete_in(SRC, offset, None, lowered.as_ref()), complete(SRC, offset, None), "{needle}");
    }
}

#[test]
fn legacy_keys_for_the_step_at_the_cursor() {
    let src = "version: v1\ntype: flow\nsteps:\n  - type: task\n    name: t\n    resourceArn: acs:fc:::services/s/functions/f\n    re\n  - type: parallel\n    name: p\n    branches:\n      - steps:\n          - type: wait\n            name: w\n            du\n";
    // The last key of a task (the step's span ends above the line being typed).
    let first = src.replace("            du\n", "");
    let c = complete(&first, at(&first, "    re\n", 6), None);
    let l = labels(&c);
    assert!(
        l.contains(&"retry") && l.contains(&"end") && !l.contains(&"resourceArn") && !l.contains(&"duration"),
        "{l:?}"
    );
    // In a nested step list.
    let src = src.replace("    re\n", "");
    let l = complete(&src, at(&src, "du\n", 2), None);
    assert!(labels(&l).contains(&"duration") && !labels(&l).contains(&"retry"), "{:?}", labels(&l));
    // At the root: the root keys it lacks.
    let root = "version: v1\ntype: flow\nna\nsteps:\n  - type: pass\n    name: a\n";
    let l = complete(root, at(root, "na\n", 2), None);
    assert!(labels(&l).contains(&"name") && !labels(&l).contains(&"steps"), "{:?}", labels(&l));
    // Inside a nested mapping of a step: nothing rather than a guess.
    let nested = "version: v1\ntype: flow\nsteps:\n  - type: task\n    name: t\n    retry:\n      - errors: [FnF.ALL]\n        ma\n";
    assert!(complete(nested, at(nested, "ma\n", 2), None).items.is_empty());
}
