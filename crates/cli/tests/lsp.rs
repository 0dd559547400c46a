//! Protocol tests of `flowplay lsp`: a client speaking JSON-RPC over pipes to the binary, in
//! both dialects, on non-ASCII text (UTF-16 columns).

mod lsp_client;

use std::time::Duration;

use lsp_client::{Client, apply_edits, position_of};
use serde_json::{Value, json};

/// A current-dialect workflow with an unknown key (FDL-S007) and a `Next` naming no state
/// (FDL-S013); its names are Chinese and one has an emoji (2 UTF-16 units, 1 character).
const BROKEN: &str = "Type: StateMachine
Name: 演示
SpecVersion: v1
StartAt: 开始
States:
  - Type: Pass
    Name: 开始
    Colour: red
    Next: 😀结束
  - Type: Task
    Name: 调用
    Action: ECS:DescribeInstances
    Parameters:
      RegionId: cn-hangzhou
    OutputConstructor:
      n.$: length($Input.items)
    Next: 结束
  - Type: Parallel
    Name: 并行
    Branches:
      - StartAt: 里面
        States:
          - Type: Pass
            Name: 里面
            Next: 完
          - Type: Succeed
            Name: 完
    End: true
  - Type: Succeed
    Name: 结束
";

const LEGACY: &str = "version: v1
type: flow
steps:
  - type: choice
    name: 选择
    choices:
      - condition: $.a > 1
        goto: 完成
    default:
      goto: 中间
  - type: pass
    name: 中间
  - type: succeed
    name: 完成
";

fn uri(dir: &std::path::Path, name: &str) -> String {
    format!("file://{}/{name}", dir.display())
}

fn open(client: &mut Client, uri: &str, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
}

fn codes_and_ranges(diagnostics: &Value) -> Vec<(String, Value)> {
    diagnostics["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_owned(), d["range"].clone()))
        .collect()
}

fn codes(diagnostics: &Value) -> Vec<String> {
    codes_and_ranges(diagnostics).into_iter().map(|(c, _)| c).collect()
}

fn at(uri: &str, text: &str, needle: &str, delta: usize) -> Value {
    json!({"textDocument": {"uri": uri}, "position": position_of(text, needle, 0, delta)})
}

fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({"start": {"line": start.0, "character": start.1}, "end": {"line": end.0, "character": end.1}})
}

#[test]
fn diagnostics_edits_and_code_actions_in_utf16() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, init) = Client::start(Value::Null);
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["renameProvider"]["prepareProvider"], true);

    let uri = uri(dir.path(), "flow.yaml");
    open(&mut client, &uri, BROKEN);
    let published = client.diagnostics(&uri);
    assert_eq!(published["version"], 1);
    let found = codes_and_ranges(&published);
    assert!(found.contains(&("FDL-S007".into(), range((7, 4), (7, 10)))), "{found:?}");
    // `😀结束` starts after `    Next: ` and is 4 UTF-16 units long (3 characters).
    assert!(found.contains(&("FDL-S013".into(), range((8, 10), (8, 14)))), "{found:?}");

    // An incremental edit: `😀结束` → `结束`.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": range((8, 10), (8, 14)), "text": "结束"}]}),
    );
    let text = BROKEN.replace("😀结束", "结束");
    let published = client.diagnostics(&uri);
    assert_eq!(published["version"], 2);
    assert!(!codes(&published).contains(&"FDL-S013".to_owned()), "{:?}", codes(&published));
    assert!(codes(&published).contains(&"FDL-S007".to_owned()));

    // The code actions at the unknown key: suppressions (no fix: nothing to guess).
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range((7, 5), (7, 5)), "context": {"diagnostics": []}}),
    );
    let titles: Vec<&str> = actions.as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&"Suppress FDL-S007 on this line"), "{titles:?}");
    let suppress = actions.as_array().unwrap().iter().find(|a| a["title"] == "Suppress FDL-S007 on this line").unwrap();
    assert_eq!(suppress["kind"], "quickfix");
    assert_eq!(suppress["diagnostics"][0]["code"], "FDL-S007");
    let edits = suppress["edit"]["changes"][&uri].as_array().unwrap();
    let suppressed = apply_edits(&text, edits);
    assert!(suppressed.contains("    # flowplay-ignore: FDL-S007\n    Colour: red\n"), "{suppressed}");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": suppressed}]}),
    );
    let published = client.diagnostics(&uri);
    assert!(!codes(&published).contains(&"FDL-S007".to_owned()), "{:?}", codes(&published));

    // A fix: `Next: end` where `End` exists only differs in case (a safe, preferred fix).
    let typo = suppressed
        .replace("    Next: 结束\n  - Type: Parallel", "    Next: succeed\n  - Type: Parallel")
        .replace("    Name: 结束\n", "    Name: Succeed\n");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": typo}]}),
    );
    let published = client.diagnostics(&uri);
    let (_, s013) = codes_and_ranges(&published)
        .into_iter()
        .find(|(c, r)| c == "FDL-S013" && r["start"]["line"] == 17)
        .expect("FDL-S013 on the Task's Next");
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": s013, "context": {"diagnostics": []}}),
    );
    let fix = actions.as_array().unwrap().iter().find(|a| a["isPreferred"] == true).expect("a preferred fix");
    assert!(fix["title"].as_str().unwrap().starts_with("FDL-S013: "), "{}", fix["title"]);
    let fixed = apply_edits(&typo, fix["edit"]["changes"][&uri].as_array().unwrap());
    assert!(fixed.contains("    Next: Succeed\n  - Type: Parallel"), "{fixed}");

    // Saving publishes at once; closing clears.
    client.notify("textDocument/didSave", json!({"textDocument": {"uri": uri}}));
    assert!(!client.diagnostics(&uri)["diagnostics"].as_array().unwrap().is_empty());
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": uri}}));
    assert_eq!(client.diagnostics(&uri)["diagnostics"], json!([]));
    client.shutdown();
}

#[test]
fn hover_texts() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(Value::Null);
    let uri = uri(dir.path(), "flow.yaml");
    open(&mut client, &uri, BROKEN);
    let mut hover = |needle: &str, delta: usize| {
        let result = client.request("textDocument/hover", at(&uri, BROKEN, needle, delta));
        result["contents"]["value"].as_str().unwrap_or("").to_owned()
    };
    assert!(hover("    Next: 结束", 6).starts_with("Next — The state to go to next"));
    assert!(hover("ECS:Describe", 6).starts_with("Ecs:DescribeInstances — API 2014-05-26"));
    assert!(hover("RegionId", 3).starts_with("RegionId — String (required, in Query)"));
    assert!(hover("length(", 3).starts_with("length(value"));
    assert_eq!(hover("cn-hangzhou", 3), "", "nothing on a plain value");
    client.shutdown();
}

/// The labels offered at `‸` in `marked` (sent as the document's new text), and the range the
/// items replace.
fn complete(client: &mut Client, uri: &str, version: i64, marked: &str) -> (Vec<String>, Value) {
    let text = marked.replace('‸', "");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
    );
    let position = position_of(marked, "‸", 0, 0);
    let result = client.request("textDocument/completion", json!({"textDocument": {"uri": uri}, "position": position}));
    let items = result["items"].as_array().cloned().unwrap_or_default();
    let labels = items.iter().map(|i| i["label"].as_str().unwrap().to_owned()).collect();
    let range = items.first().map_or(Value::Null, |i| i["textEdit"]["range"].clone());
    (labels, range)
}

#[test]
fn completion_at_a_dozen_positions() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(Value::Null);
    let uri = uri(dir.path(), "flow.yaml");
    open(&mut client, &uri, BROKEN);
    let root_states = ["开始", "调用", "并行", "结束"];
    #[rustfmt::skip]
    let cases: Vec<(String, Vec<&str>, Vec<&str>)> = vec![
        // A new key line in a Pass state: its keys, not a Task's.
        (BROKEN.replace("    Colour: red\n", "    Colour: red\n    Ou‸\n"), vec!["OutputConstructor"], vec!["Action", "Colour"]),
        (BROKEN.replace("Next: 😀结束", "Next: ‸"), root_states.to_vec(), vec!["里面"]),
        (BROKEN.replace("StartAt: 开始", "StartAt: ‸"), root_states.to_vec(), vec![]),
        (BROKEN.replace("Next: 完", "Next: ‸"), vec!["里面", "完"], vec!["开始"]),
        (BROKEN.replace("Action: ECS:DescribeInstances", "Action: ECS:Desc‸"), vec!["ECS:DescribeInstances", "ECS:DescribeRegions"], vec!["ECS:RunInstances"]),
        (BROKEN.replace("Action: ECS:DescribeInstances", "Action: ‸"), vec!["FC:InvokeFunction", "HTTP:Request"], vec![]),
        (BROKEN.replace("      RegionId: cn-hangzhou\n", "      RegionId: cn-hangzhou\n      Inst‸\n"), vec!["InstanceIds"], vec!["RegionId"]),
        (BROKEN.replace("    Action: ECS", "    TaskMode: ‸\n    Action: ECS"), vec!["RequestComplete", "WaitForCustomCallback"], vec![]),
        (BROKEN.replace("  - Type: Pass\n    Name: 开始", "  - Type: ‸\n    Name: 开始"), vec!["Parallel", "Map", "Wait"], vec!["StateMachine"]),
        (BROKEN.replace("length($Input.items)", "$Context.‸"), vec!["$Context.Execution", "$Context.Current"], vec![]),
        (BROKEN.replace("length($Input.items)", "len‸"), vec!["length", "$Input"], vec![]),
        (BROKEN.replace("length($Input.items)", "length($In‸)"), vec!["$Input", "$Output"], vec!["length"]),
        (BROKEN.replace("Name: 演示\n", "Name: 演示\nDesc‸\n"), vec!["Description", "Timeout"], vec!["Action"]),
    ];
    for (version, (marked, wanted, unwanted)) in cases.iter().enumerate() {
        let (labels, _) = complete(&mut client, &uri, version as i64 + 2, marked);
        for label in wanted {
            assert!(
                labels.iter().any(|l| l == label),
                "`{label}` missing at {}: {labels:?}",
                marked.lines().find(|l| l.contains('‸')).unwrap()
            );
        }
        for label in unwanted {
            assert!(
                !labels.iter().any(|l| l == label),
                "`{label}` offered at {}: {labels:?}",
                marked.lines().find(|l| l.contains('‸')).unwrap()
            );
        }
    }
    // The replaced range is in UTF-16 columns: after `    Next: 😀` (10 units + the emoji's 2),
    // the word `开`.
    let (labels, replaced) = complete(&mut client, &uri, 40, &BROKEN.replace("Next: 😀结束", "Next: 😀开‸"));
    assert!(labels.contains(&"开始".to_owned()));
    assert_eq!(replaced, range((8, 12), (8, 13)));

    // The legacy dialect: sibling steps after `goto`, step types after `type`.
    let legacy_uri = uri.replace("flow.yaml", "legacy.yaml");
    open(&mut client, &legacy_uri, LEGACY);
    let (labels, _) = complete(&mut client, &legacy_uri, 2, &LEGACY.replace("goto: 中间", "goto: ‸"));
    assert_eq!(labels, ["选择", "中间", "完成"]);
    let (labels, _) = complete(&mut client, &legacy_uri, 3, &LEGACY.replace("  - type: pass", "  - type: ‸"));
    assert!(labels.contains(&"foreach".to_owned()) && labels.contains(&"pass".to_owned()), "{labels:?}");
    client.shutdown();
}

fn location_texts(text: &str, locations: &Value) -> Vec<(u64, u64)> {
    let _ = text;
    locations
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["range"]["start"]["line"].as_u64().unwrap(), l["range"]["start"]["character"].as_u64().unwrap()))
        .collect()
}

#[test]
fn navigation_rename_and_symbols_in_both_dialects() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(Value::Null);
    let uri = uri(dir.path(), "flow.yaml");
    let text = BROKEN.replace("😀结束", "结束");
    open(&mut client, &uri, &text);

    // Definition: the Task's `Next: 结束` → the Succeed state's name (line 29).
    let def = client.request("textDocument/definition", at(&uri, &text, "    Next: 结束\n  - Type: Parallel", 11));
    assert_eq!(def["range"], range((29, 10), (29, 12)));
    // In a branch, `Next: 完` → the branch's own `完`.
    let def = client.request("textDocument/definition", at(&uri, &text, "Next: 完", 6));
    assert_eq!(def["range"]["start"]["line"], 26);
    // References of 结束, with its definition.
    let refs = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri}, "position": position_of(&text, "Name: 结束", 0, 7), "context": {"includeDeclaration": true}}),
    );
    assert_eq!(location_texts(&text, &refs), [(8, 10), (16, 10), (29, 10)]);

    // Rename 结束 → 终点, and a refused rename onto an existing name.
    let prepared = client.request("textDocument/prepareRename", at(&uri, &text, "Name: 结束", 6));
    assert_eq!(prepared, range((29, 10), (29, 12)));
    let edit = client.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": position_of(&text, "Name: 结束", 0, 7), "newName": "终点"}),
    );
    let renamed = apply_edits(&text, edit["changes"][&uri].as_array().unwrap());
    assert_eq!(renamed.matches("终点").count(), 3);
    assert!(!renamed.contains("结束"));
    let clash = client.request_raw(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": position_of(&text, "Name: 结束", 0, 7), "newName": "调用"}),
    );
    assert_eq!(clash["error"]["message"], "a state named `调用` already exists in this scope");

    // The outline: the state tree.
    let symbols = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}}));
    let names: Vec<&str> = symbols.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["开始", "调用", "并行", "结束"]);
    let inner: Vec<&str> =
        symbols[2]["children"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(inner, ["里面", "完"]);
    assert_eq!(symbols[0]["detail"], "Pass");
    assert_eq!(symbols[0]["selectionRange"], range((6, 10), (6, 12)));
    // Semantic tokens of `length($Input.items)` (line 15, after `      n.$: `): function,
    // variable, property, in the legend's order (variable 0, property 1, function 2).
    let tokens = client.request("textDocument/semanticTokens/full", json!({"textDocument": {"uri": uri}}));
    let data: Vec<u64> = tokens["data"].as_array().unwrap().iter().map(|n| n.as_u64().unwrap()).collect();
    assert_eq!(data, [15, 11, 6, 2, 0, 0, 7, 6, 0, 0, 0, 7, 5, 1, 0]);
    let folds = client.request("textDocument/foldingRange", json!({"textDocument": {"uri": uri}}));
    assert!(folds.as_array().unwrap().iter().any(|f| f["startLine"] == 4 && f["endLine"] == 29), "{folds}");

    // The legacy dialect.
    let legacy = uri.replace("flow.yaml", "legacy.yaml");
    open(&mut client, &legacy, LEGACY);
    let def = client.request("textDocument/definition", at(&legacy, LEGACY, "goto: 完成", 7));
    assert_eq!(def["range"], range((13, 10), (13, 12)));
    let refs = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": legacy}, "position": position_of(LEGACY, "name: 中间", 0, 6), "context": {"includeDeclaration": false}}),
    );
    assert_eq!(location_texts(LEGACY, &refs), [(9, 12)]);
    let edit = client.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": legacy}, "position": position_of(LEGACY, "goto: 中间", 0, 6), "newName": "middle"}),
    );
    let renamed = apply_edits(LEGACY, edit["changes"][&legacy].as_array().unwrap());
    assert!(renamed.contains("goto: middle") && renamed.contains("name: middle"));
    let symbols = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": legacy}}));
    let names: Vec<&str> = symbols.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["选择", "中间", "完成"]);
    client.shutdown();
}

#[test]
fn other_yaml_is_left_alone_unless_asked_and_flowplay_json_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let compose = "version: \"3.8\"\nservices:\n  web:\n    image: nginx\n";
    let (mut client, _) = Client::start(Value::Null);
    let other = uri(dir.path(), "compose.yaml");
    open(&mut client, &other, compose);
    assert_eq!(client.diagnostics_within(&other, Duration::from_millis(300)), None);
    assert_eq!(client.request("textDocument/hover", at(&other, compose, "image", 1)), Value::Null);
    // An edit that makes it a workflow makes it linted.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": other, "version": 2}, "contentChanges": [{"text": "Type: StateMachine\nName: x\n"}]}),
    );
    let published = client.diagnostics(&other);
    assert_eq!(published["version"], 2);
    assert!(!published["diagnostics"].as_array().unwrap().is_empty(), "no StartAt, no States");

    // flowplay.json next to the file turns FDL-S007 off.
    let configured = dir.path().join("configured");
    std::fs::create_dir(&configured).unwrap();
    std::fs::write(configured.join("flowplay.json"), r#"{"rules": {"FDL-S007": "off"}}"#).unwrap();
    let flow = uri(&configured, "flow.yaml");
    open(&mut client, &flow, BROKEN);
    let found = codes(&client.diagnostics(&flow));
    assert!(found.contains(&"FDL-S013".to_owned()) && !found.contains(&"FDL-S007".to_owned()), "{found:?}");
    // The configuration changes on disk and is saved: read again, every workflow re-published.
    std::fs::write(configured.join("flowplay.json"), r#"{"rules": {"FDL-S013": "off"}}"#).unwrap();
    client.notify("textDocument/didSave", json!({"textDocument": {"uri": uri(&configured, "flowplay.json")}}));
    let found = codes(&client.diagnostics(&flow));
    assert!(!found.contains(&"FDL-S013".to_owned()) && found.contains(&"FDL-S007".to_owned()), "{found:?}");
    // A mistake in it: a warning, and the defaults.
    std::fs::write(configured.join("flowplay.json"), r#"{"rules": {"FDL-S999": "off"}}"#).unwrap();
    client.notify("textDocument/didSave", json!({"textDocument": {"uri": flow}}));
    let found = codes(&client.diagnostics(&flow));
    assert!(found.contains(&"FDL-S013".to_owned()) && found.contains(&"FDL-S007".to_owned()), "{found:?}");
    let warning = client.notifications.iter().find(|n| n["method"] == "window/showMessage").expect("a warning");
    assert!(warning["params"]["message"].as_str().unwrap().contains("flowplay.json"), "{warning}");
    client.shutdown();

    // `allYaml`: every document is linted.
    let (mut client, _) = Client::start(json!({"allYaml": true}));
    open(&mut client, &other, compose);
    assert!(!client.diagnostics(&other)["diagnostics"].as_array().unwrap().is_empty());
    client.shutdown();
}

#[test]
fn long_completion_lists_are_cut_to_the_best_matches() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(Value::Null);
    let uri = uri(dir.path(), "long.yaml");
    let mut text = String::from("Type: StateMachine\nName: long\nSpecVersion: v1\nStartAt: S0\nStates:\n");
    for i in 0..300 {
        text.push_str(&format!("  - Type: Pass\n    Name: S{i}\n    Next: S{}\n", (i + 1) % 300));
    }
    open(&mut client, &uri, &text);
    let mut labels_at = |needle: &str, typed: usize| {
        // After `    Next: ` and `typed` more characters.
        let position = position_of(&text, needle, 0, 10 + typed);
        let result =
            client.request("textDocument/completion", json!({"textDocument": {"uri": uri}, "position": position}));
        let labels: Vec<String> =
            result["items"].as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap().to_owned()).collect();
        (result["isIncomplete"].clone(), labels)
    };
    // After `Next: ` (nothing typed): the first 100 states, incomplete.
    let (incomplete, labels) = labels_at("    Next: S42\n", 0);
    assert_eq!(incomplete, true);
    assert_eq!(labels.len(), 100);
    assert_eq!(labels[..3], ["S0", "S1", "S2"]);
    // After `Next: S4`: those starting with `S4` first.
    let (_, labels) = labels_at("    Next: S42\n", 2);
    assert_eq!(labels, ["S4", "S40", "S41", "S42", "S43", "S44", "S45", "S46", "S47", "S48", "S49"]);
    client.shutdown();
}
