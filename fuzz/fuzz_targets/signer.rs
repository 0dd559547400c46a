//! The signer's canonicalization (crates/acs) on arbitrary parameter maps. Asserts: no panic;
//! percent-encoding emits only unreserved characters and `%XY` and decodes back to the input;
//! RPC v1, ROA v1 and V3 signatures do not depend on the order parameters and headers were
//! given in (for ROA/RPC with distinct keys, as repeated keys keep their order by design);
//! the string-to-sign has its documented shape; flattening, path filling, whole-request
//! building and response mapping never panic.
#![no_main]

use std::collections::BTreeSet;

use acs::encode::{encode_pairs, form_encode, percent_encode};
use acs::endpoint::{ApiInfo, Resolved, SignatureFamily, Style};
use acs::request::{Body, Method, Operation, RoaOperation, Stamp, build_request, fill_path};
use acs::{Credentials, UtcTime};
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    method: String,
    pathname: String,
    params: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    access_key_id: String,
    secret: String,
    /// Drives the permutation of parameters and headers.
    shuffle: u64,
    json_params: String,
    nonce: String,
    unix_seconds: i64,
    status: u16,
}

fn decode(encoded: &str) -> Vec<u8> {
    let bytes = encoded.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            assert!(hex.bytes().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b)), "lower-case hex {hex}");
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            let b = bytes[i];
            assert!(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~'), "unencoded {:?}", b as char);
            out.push(b);
            i += 1;
        }
    }
    out
}

/// A deterministic permutation (Fisher-Yates driven by a SplitMix64 stream).
fn shuffled<T: Clone>(items: &[T], mut seed: u64) -> Vec<T> {
    let mut v = items.to_vec();
    for i in (1..v.len()).rev() {
        seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        let j = ((z ^ (z >> 31)) % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
    v
}

fn distinct_by<T: Clone>(items: &[(String, T)], key: impl Fn(&str) -> String) -> Vec<(String, T)> {
    let mut seen = BTreeSet::new();
    items.iter().filter(|(k, _)| seen.insert(key(k))).cloned().collect()
}

fuzz_target!(|input: Input| {
    // Percent-encoding round-trips.
    for (k, v) in &input.params {
        assert_eq!(decode(&percent_encode(k)), k.as_bytes());
        assert_eq!(decode(&percent_encode(v)), v.as_bytes());
    }
    let _ = encode_pairs(&input.params);
    let unique = distinct_by(&input.params, str::to_owned);
    let form = form_encode(&unique);
    assert_eq!(form, form_encode(&shuffled(&unique, input.shuffle)), "form body depends on order");
    assert!(!form.contains(' '));

    // RPC v1: independent of parameter order when keys are distinct.
    let rpc = acs::rpc::sign_rpc(&input.method, &unique, &input.secret);
    let rpc2 = acs::rpc::sign_rpc(&input.method, &shuffled(&unique, input.shuffle), &input.secret);
    assert_eq!(rpc, rpc2, "RPC signature depends on parameter order");
    assert!(rpc.string_to_sign.starts_with(&format!("{}&%2F&", input.method.to_ascii_uppercase())));
    let _ = acs::rpc::sign_rpc(&input.method, &input.params, &input.secret);

    // ROA v1: the query with distinct keys, headers with distinct (case-insensitive) names.
    let headers = distinct_by(&input.headers, str::to_ascii_lowercase);
    let roa = acs::roa::sign_roa(&input.method, &input.pathname, &unique, &headers, &input.access_key_id, &input.secret);
    let roa2 = acs::roa::sign_roa(
        &input.method,
        &input.pathname,
        &shuffled(&unique, input.shuffle),
        &shuffled(&headers, input.shuffle.rotate_left(17)),
        &input.access_key_id,
        &input.secret,
    );
    assert_eq!(roa, roa2, "ROA signature depends on parameter/header order");
    assert!(roa.string_to_sign.starts_with(&input.method.to_ascii_uppercase()));

    // V3: every permutation, repeated keys and header names included.
    let v3 = acs::v3::sign_v3(&input.method, &input.pathname, &input.params, &input.headers, &input.body, &input.access_key_id, &input.secret);
    let v3b = acs::v3::sign_v3(
        &input.method,
        &input.pathname,
        &shuffled(&input.params, input.shuffle),
        &shuffled(&input.headers, input.shuffle ^ 0xA5A5),
        &input.body,
        &input.access_key_id,
        &input.secret,
    );
    assert_eq!(v3, v3b, "V3 signature depends on parameter/header order");
    assert!(v3.string_to_sign.starts_with("ACS3-HMAC-SHA256\n"));
    assert_eq!(v3.signature.len(), 64);
    let _ = acs::roa::content_md5(&input.body);

    // Flattening arbitrary JSON in every style, path templates, response mapping.
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(&input.json_params) {
        let flat = acs::flatten::flatten_params(&value);
        let again = acs::flatten::flatten_params(&value);
        assert_eq!(flat, again);
        for style in ["repeatList", "json", "flat", "simple", "spaceDelimited", "pipeDelimited", "commaDelimited"] {
            if let Some(style) = acs::flatten::ParamStyle::from_metadata(style) {
                let mut out = Vec::new();
                acs::flatten::flatten_param(&input.access_key_id, &value, style, &mut out);
            }
        }
        let creds = Credentials {
            access_key_id: input.access_key_id.clone(),
            access_key_secret: input.secret.clone(),
            security_token: (input.shuffle % 3 == 0).then(|| input.nonce.clone()),
        };
        let mut roa = RoaOperation::new(&input.method, Method::parse(&input.method).unwrap_or(Method::Get), &input.pathname);
        for (i, (k, _)) in input.params.iter().enumerate() {
            match i % 4 {
                0 => roa.path(k, &value),
                1 => roa.query(k, &value),
                2 => roa.header(k, &value),
                _ => roa.body(k, &value),
            }
        }
        let target = Resolved {
            api: ApiInfo { product: "FC".into(), version: "2023-03-30".into(), endpoint: "https://fc.cn-hangzhou.aliyuncs.com".into() },
            style: Style::Roa,
            signature: SignatureFamily::V3,
        };
        if let (Ok(operation), Ok(stamp)) = (roa.finish(), Stamp::new(UtcTime::from_unix_seconds(1_767_225_600).unwrap(), &input.nonce)) {
            let _ = build_request(&creds, &target, &operation, &stamp);
        }
    }
    let _ = fill_path(&input.pathname, &input.params);
    let _ = acs::response::map_response(input.status, &input.json_params);

    // Whole requests in every style and family.
    if let Ok(time) = UtcTime::from_unix_seconds(input.unix_seconds) {
        let _ = time.iso8601();
        let _ = time.rfc1123();
        let Ok(stamp) = Stamp::new(time, &input.nonce) else { return };
        let creds = Credentials {
            access_key_id: input.access_key_id.clone(),
            access_key_secret: input.secret.clone(),
            security_token: None,
        };
        let bodies = [
            Body::Empty,
            Body::Form(input.params.clone()),
            Body::Json(input.json_params.clone()),
            Body::Raw { content_type: input.method.clone(), text: input.json_params.clone() },
        ];
        for (style, family) in [(Style::Rpc, SignatureFamily::V1), (Style::Rpc, SignatureFamily::V3), (Style::Roa, SignatureFamily::V1), (Style::Roa, SignatureFamily::V3)] {
            let target = Resolved {
                api: ApiInfo { product: "Ecs".into(), version: "2014-05-26".into(), endpoint: input.pathname.clone() },
                style,
                signature: family,
            };
            let operation = Operation {
                action: input.method.clone(),
                method: Method::parse(&input.method).unwrap_or(Method::Post),
                pathname: input.pathname.clone(),
                query: input.params.clone(),
                headers: input.headers.clone(),
                body: bodies[(input.shuffle % 4) as usize].clone(),
                sign_all_headers: input.shuffle % 2 == 0,
            };
            let _ = build_request(&creds, &target, &operation, &stamp);
            let target = Resolved {
                api: ApiInfo { product: "Ecs".into(), version: "2014-05-26".into(), endpoint: "https://ecs.cn-hangzhou.aliyuncs.com".into() },
                style,
                signature: family,
            };
            if let Ok(req) = build_request(&creds, &target, &operation, &stamp) {
                assert!(req.url.starts_with("https://ecs.cn-hangzhou.aliyuncs.com"), "{}", req.url);
            }
        }
    }
    let _ = UtcTime::parse_iso8601(&input.json_params);
    let _ = UtcTime::parse_rfc1123(&input.json_params);
});
