//! Property tests: a signature depends on the set of parameters and headers, never on the
//! order the caller inserted them in.

use proptest::prelude::*;

fn key() -> impl Strategy<Value = String> {
    // Distinct keys: ASCII names like real parameters plus a few reserved/Unicode characters.
    "[A-Za-z][A-Za-z0-9._]{0,8}|[a-z]{1,3}[ *~中]"
}

fn pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    proptest::collection::btree_map(key(), ".{0,12}", 1..12).prop_map(|m| m.into_iter().collect())
}

fn header_pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    proptest::collection::btree_map("x-acs-[a-z]{1,8}", "[ -~]{0,12}", 1..8).prop_map(|m| m.into_iter().collect())
}

proptest! {
    #[test]
    fn rpc_signature_ignores_parameter_order((params, shuffled) in pairs().prop_flat_map(|p| (Just(p.clone()), Just(p).prop_shuffle()))) {
        prop_assert_eq!(acs::rpc::sign_rpc("GET", &params, "secret"), acs::rpc::sign_rpc("GET", &shuffled, "secret"));
    }

    #[test]
    fn v3_signature_ignores_query_and_header_order(
        (query, shuffled_query) in pairs().prop_flat_map(|p| (Just(p.clone()), Just(p).prop_shuffle())),
        (headers, shuffled_headers) in header_pairs().prop_flat_map(|p| (Just(p.clone()), Just(p).prop_shuffle())),
    ) {
        let a = acs::v3::sign_v3("POST", "/", &query, &headers, b"body", "id", "secret");
        let b = acs::v3::sign_v3("POST", "/", &shuffled_query, &shuffled_headers, b"body", "id", "secret");
        prop_assert_eq!(a, b);
    }

    #[test]
    fn roa_signature_ignores_query_and_header_order(
        (query, shuffled_query) in pairs().prop_flat_map(|p| (Just(p.clone()), Just(p).prop_shuffle())),
        (headers, shuffled_headers) in header_pairs().prop_flat_map(|p| (Just(p.clone()), Just(p).prop_shuffle())),
    ) {
        let a = acs::roa::sign_roa("GET", "/p", &query, &headers, "id", "secret");
        let b = acs::roa::sign_roa("GET", "/p", &shuffled_query, &shuffled_headers, "id", "secret");
        prop_assert_eq!(a, b);
    }

    #[test]
    fn built_rpc_requests_ignore_the_order_of_object_members(
        (params, shuffled) in pairs().prop_flat_map(|p| (Just(p.clone()), Just(p).prop_shuffle())),
    ) {
        // serde_json keeps insertion order here (preserve_order), so the two objects differ
        // in member order only.
        let object = |p: &[(String, String)]| serde_json::Value::Object(p.iter().map(|(k, v)| (k.clone(), v.clone().into())).collect());
        let creds = acs::Credentials { access_key_id: "id".into(), access_key_secret: "s".into(), security_token: None };
        let target = acs::Resolved {
            api: acs::ApiInfo { product: "Ecs".into(), version: "2014-05-26".into(), endpoint: "https://ecs.cn-hangzhou.aliyuncs.com".into() },
            style: acs::Style::Rpc,
            signature: acs::SignatureFamily::V1,
        };
        let stamp = acs::Stamp::new(acs::UtcTime::parse_iso8601("2024-01-01T00:00:00Z").unwrap(), "n").unwrap();
        let build = |p: &[(String, String)]| acs::build_request(&creds, &target, &acs::Operation::rpc("DescribeInstances", &object(p)), &stamp);
        let (a, b) = (build(&params), build(&shuffled));
        prop_assert_eq!(a, b);
    }
}
