//! Alibaba's percent-encoding (openapi-signing.md §2): RFC 3986 unreserved characters stay,
//! every other UTF-8 byte becomes `%XY` with upper-case hex (`%20` for space, `%2A` for `*`,
//! `~` kept). Also the lower-case hex the V3 family prints.

const UPPER_HEX: &[u8; 16] = b"0123456789ABCDEF";
const LOWER_HEX: &[u8; 16] = b"0123456789abcdef";

/// Percent-encodes `text` the way every Alibaba signature family does.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(UPPER_HEX[usize::from(byte >> 4)]));
            out.push(char::from(UPPER_HEX[usize::from(byte & 0x0F)]));
        }
    }
    out
}

/// `key=value` pairs, both percent-encoded, joined with `&`, in the given order. This is the
/// wire form flowplay sends for queries and form bodies: equal to the canonical string when the
/// pairs are sorted (the server decodes `%20` and `+` alike).
pub fn encode_pairs(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(&percent_encode(key));
        out.push('=');
        out.push_str(&percent_encode(value));
    }
    out
}

/// An `application/x-www-form-urlencoded` body as the SDKs write it (`Utils.to_form`): pairs
/// sorted by key, encoded as [`percent_encode`] except that a space is `+`.
pub fn form_encode(pairs: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = pairs.iter().collect();
    sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let plus = |text: &str| percent_encode(text).replace("%20", "+");
    sorted.iter().map(|(k, v)| format!("{}={}", plus(k), plus(v))).collect::<Vec<_>>().join("&")
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(LOWER_HEX[usize::from(byte >> 4)]));
        out.push(char::from(LOWER_HEX[usize::from(byte & 0x0F)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::percent_encode as e;

    #[test]
    fn encodes_the_documented_table() {
        assert_eq!(e("a b"), "a%20b");
        assert_eq!(e("*"), "%2A");
        assert_eq!(e("~"), "~");
        assert_eq!(e("+"), "%2B");
        assert_eq!(e("/"), "%2F");
        assert_eq!(e("%"), "%25");
        assert_eq!(e("!'()"), "%21%27%28%29");
        assert_eq!(e("=&:"), "%3D%26%3A");
        assert_eq!(e("\n\t"), "%0A%09");
        assert_eq!(e("中"), "%E4%B8%AD");
        assert_eq!(e("😀"), "%F0%9F%98%80");
        assert_eq!(e("2023-03-13T08:34:30Z"), "2023-03-13T08%3A34%3A30Z");
    }

    #[test]
    fn joins_encoded_pairs_in_order_and_keeps_empty_values() {
        let pairs = vec![("b k".to_owned(), "x*y".to_owned()), ("a".to_owned(), String::new())];
        assert_eq!(super::encode_pairs(&pairs), "b%20k=x%2Ay&a=");
    }

    #[test]
    fn form_bodies_sort_keys_and_write_spaces_as_plus() {
        let pairs = vec![("c.d".to_owned(), "*~".to_owned()), ("a".to_owned(), "x y".to_owned())];
        assert_eq!(super::form_encode(&pairs), "a=x+y&c.d=%2A~");
    }

    #[test]
    fn hex_is_lower_case_and_two_digits_per_byte() {
        assert_eq!(super::hex(&[0x00, 0x0a, 0xff]), "000aff");
    }
}
