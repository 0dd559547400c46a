//! Alibaba's percent-encoding (openapi-signing.md §2): RFC 3986 unreserved characters stay,
//! every other UTF-8 byte becomes `%XY` with upper-case hex (`%20` for space, `%2A` for `*`).

/// Percent-encodes `text` the way every Alibaba signature family does.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(char::from_digit((b >> 4) as u32, 16).unwrap_or('0').to_ascii_uppercase());
            out.push(char::from_digit((b & 0xF) as u32, 16).unwrap_or('0').to_ascii_uppercase());
        }
    }
    out
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::percent_encode as e;

    #[test]
    fn documented_encodings() {
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
}
