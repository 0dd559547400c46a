//! Template interpolations inside a workflow text (`${var.x}` in Terraform, `${Var}` in ROS
//! `Fn::Sub`, the names of `Fn::Replace`): each becomes a stand-in of the same length that fdl
//! recognises as a placeholder (`fdl::placeholder`), so positions stay right, the YAML stays
//! well-formed whatever the interpolation held (quotes, braces, newlines) and no finding blames it.

use std::ops::Range;

/// `${___}` of `len` bytes (`len` ≥ 4), else underscores: a `${…}` placeholder to fdl.
pub fn stand_in(len: usize) -> String {
    if len < 4 {
        return "_".repeat(len);
    }
    format!("${{{}}}", "_".repeat(len - 3))
}

/// The end (exclusive) of the `${…}` or `%{…}` that starts at `at`, counting nested braces and
/// skipping quoted strings inside it, as Terraform reads it; `None` when it never closes.
pub fn interpolation_end(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = at + 1;
    let mut in_string = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if in_string => i += 1,
            b'"' => in_string = !in_string,
            b'{' if !in_string => depth += 1,
            b'}' if !in_string => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The ranges of every occurrence of the names in `names` (longest first), for `Fn::Replace`.
pub fn occurrences(text: &str, names: &[&str]) -> Vec<Range<usize>> {
    let mut names: Vec<&str> = names.iter().copied().filter(|n| !n.is_empty()).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let mut found = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if let Some(name) = names.iter().find(|n| text[i..].starts_with(**n)) {
            found.push(i..i + name.len());
            i += name.len();
        } else {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stand_ins_are_fdl_placeholders_of_the_same_length() {
        for len in 4..40 {
            let s = stand_in(len);
            assert_eq!(s.len(), len);
            assert_eq!(fdl::placeholder::find_in_text(&s), Some(0..len));
        }
        assert_eq!(stand_in(3), "___");
    }

    #[test]
    fn interpolations_end_at_their_closing_brace() {
        let text = r#"a ${jsonencode({"k" = "}"})} b"#;
        assert_eq!(&text[2..interpolation_end(text, 2).unwrap()], r#"${jsonencode({"k" = "}"})}"#);
        assert_eq!(interpolation_end("${var.x}", 0), Some(8));
        assert_eq!(interpolation_end("%{ if a }", 0), Some(9));
        assert_eq!(interpolation_end("${var.x", 0), None);
    }

    #[test]
    fn occurrences_prefer_the_longest_name() {
        let text = "acs:fc:$Region:$RegionId:x";
        assert_eq!(occurrences(text, &["$Region", "$RegionId"]), [7..14, 15..24]);
        assert_eq!(occurrences("abc", &[""]), []);
    }
}
