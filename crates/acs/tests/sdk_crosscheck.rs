//! Cross-check against Alibaba's official SDK packages: `tools/acs/crosscheck.sh N` generates
//! N random cases per family with `../shared/tools/sign_reference.py random` (the SDK computes
//! the expected values) and runs this test on them through `FLOWPLAY_SDK_CASES`.

use serde_json::Value;

fn pairs(v: &Value) -> Vec<(String, String)> {
    v.as_object().map_or_else(Vec::new, |m| {
        m.iter().map(|(k, v)| (k.clone(), v.as_str().map_or_else(|| v.to_string(), str::to_owned))).collect()
    })
}

#[test]
fn random_cases_agree_with_the_official_sdk() {
    let Some(path) = std::env::var_os("FLOWPLAY_SDK_CASES") else {
        eprintln!(
            "SKIPPED: set FLOWPLAY_SDK_CASES (tools/acs/crosscheck.sh does) to cross-check with the official SDK"
        );
        return;
    };
    let text = std::fs::read_to_string(&path).unwrap();
    let mut counts = std::collections::BTreeMap::<String, usize>::new();
    for (n, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let v: Value = serde_json::from_str(line).unwrap();
        let (kind, case, sdk) = (v["kind"].as_str().unwrap_or(""), &v["case"], &v["sdk"]);
        let s = |k: &str| case[k].as_str().unwrap_or("").to_owned();
        match kind {
            "rpc" => {
                let sig = acs::rpc::sign_rpc(&s("method"), &pairs(&sdk["params"]), &s("secret"));
                assert_eq!(sig.string_to_sign, sdk["string_to_sign"].as_str().unwrap(), "case {n}: {line}");
                assert_eq!(sig.signature, sdk["signature"].as_str().unwrap(), "case {n}");
                // Our flattening of the operation parameters must match the SDK's.
                for (k, val) in acs::flatten::flatten_params(&case["params"]) {
                    assert_eq!(sdk["params"][&k].as_str(), Some(val.as_str()), "case {n}: param {k}");
                }
            }
            "roa" => {
                let sig = acs::roa::sign_roa(
                    &s("method"),
                    &s("pathname"),
                    &pairs(&case["query"]),
                    &pairs(&case["headers"]),
                    &s("access_key_id"),
                    &s("secret"),
                );
                assert_eq!(sig.string_to_sign, sdk["string_to_sign"].as_str().unwrap(), "case {n}: {line}");
                assert_eq!(sig.signature, sdk["signature"].as_str().unwrap(), "case {n}");
            }
            "v3" => {
                let body = case["body"].as_str().unwrap_or("");
                let sig = acs::v3::sign_v3(
                    &s("method"),
                    &s("pathname"),
                    &pairs(&case["query"]),
                    &pairs(&sdk["headers"]),
                    body.as_bytes(),
                    &s("access_key_id"),
                    &s("secret"),
                );
                assert_eq!(sig.canonical_request, sdk["canonical_request"].as_str().unwrap(), "case {n}: {line}");
                assert_eq!(sig.signature, sdk["signature"].as_str().unwrap(), "case {n}");
                assert_eq!(sig.authorization, sdk["authorization"].as_str().unwrap(), "case {n}");
            }
            other => panic!("unknown kind {other}"),
        }
        *counts.entry(kind.to_owned()).or_default() += 1;
    }
    eprintln!("agreed with the official SDK on {counts:?}");
    assert!(!counts.is_empty());
}
