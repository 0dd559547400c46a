//! Tokens of the expression language.

use serde_json::{Number, Value};

use super::ExprError;
use crate::span::Span;

#[derive(Clone, Debug, PartialEq)]
pub enum Token<'a> {
    /// `$Name` (the name without `$`; empty for a bare `$`). Names borrow the expression text.
    Root(&'a str),
    Ident(&'a str),
    Literal(Value),
    Dot,
    Comma,
    Colon,
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    Star,
    EqEq,
    NotEq,
    Lt,
    Le,
    Gt,
    Ge,
    AndAnd,
    OrOr,
    Bang,
}

impl Token<'_> {
    pub fn describe(&self) -> String {
        match self {
            Token::Root(n) => format!("`${n}`"),
            Token::Ident(n) => format!("`{n}`"),
            Token::Literal(v) => format!("`{v}`"),
            other => format!("`{}`", other.symbol()),
        }
    }

    fn symbol(&self) -> &'static str {
        match self {
            Token::Dot => ".",
            Token::Comma => ",",
            Token::Colon => ":",
            Token::LParen => "(",
            Token::RParen => ")",
            Token::LBracket => "[",
            Token::RBracket => "]",
            Token::LBrace => "{",
            Token::RBrace => "}",
            Token::Star => "*",
            Token::EqEq => "==",
            Token::NotEq => "!=",
            Token::Lt => "<",
            Token::Le => "<=",
            Token::Gt => ">",
            Token::Ge => ">=",
            Token::AndAnd => "&&",
            Token::OrOr => "||",
            Token::Bang => "!",
            _ => "",
        }
    }
}

pub fn tokenize(text: &str) -> Result<Vec<(Token<'_>, Span)>, ExprError> {
    let bytes = text.as_bytes();
    // About one token per four bytes in typical expressions: usually one allocation.
    let mut out = Vec::with_capacity(text.len() / 4 + 2);
    let mut i = 0usize;
    let span = |s: usize, e: usize| Span::from_range(s..e);
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        let two = |a: u8, b: u8| c == a && bytes.get(i + 1) == Some(&b);
        let (tok, len) = match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'$' => {
                let mut j = i + 1;
                while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_' || bytes[j] >= 0x80) {
                    j += 1;
                }
                (Token::Root(&text[i + 1..j]), j - i)
            }
            b'"' | b'\'' | b'`' => {
                let (value, len) = string_literal(text, i)?;
                (Token::Literal(Value::String(value)), len)
            }
            b'0'..=b'9' => number(text, i)?,
            b'-' if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => number(text, i)?,
            _ if two(b'=', b'=') => (Token::EqEq, 2),
            _ if two(b'!', b'=') => (Token::NotEq, 2),
            _ if two(b'<', b'=') => (Token::Le, 2),
            _ if two(b'>', b'=') => (Token::Ge, 2),
            _ if two(b'&', b'&') => (Token::AndAnd, 2),
            _ if two(b'|', b'|') => (Token::OrOr, 2),
            b'<' => (Token::Lt, 1),
            b'>' => (Token::Gt, 1),
            b'!' => (Token::Bang, 1),
            b'.' => (Token::Dot, 1),
            b',' => (Token::Comma, 1),
            b':' => (Token::Colon, 1),
            b'(' => (Token::LParen, 1),
            b')' => (Token::RParen, 1),
            b'[' => (Token::LBracket, 1),
            b']' => (Token::RBracket, 1),
            b'{' => (Token::LBrace, 1),
            b'}' => (Token::RBrace, 1),
            b'*' => (Token::Star, 1),
            _ if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 => {
                let mut j = i;
                while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_' || bytes[j] >= 0x80) {
                    j += 1;
                }
                let word = &text[i..j];
                let tok = match word {
                    "true" => Token::Literal(Value::Bool(true)),
                    "false" => Token::Literal(Value::Bool(false)),
                    "null" => Token::Literal(Value::Null),
                    _ => Token::Ident(word),
                };
                (tok, j - i)
            }
            _ => {
                let ch = text[i..].chars().next().unwrap_or('?');
                let hint = match ch {
                    '=' => " (use `==` to compare)",
                    '&' => " (use `&&`)",
                    '|' => " (use `||`)",
                    '+' | '-' | '/' | '%' => " (arithmetic operators are not part of the language; use intAdd())",
                    _ => "",
                };
                return Err(ExprError::new(span(i, i + ch.len_utf8()), format!("unexpected character `{ch}`{hint}")));
            }
        };
        out.push((tok, span(start, start + len)));
        i = start + len;
    }
    Ok(out)
}

/// A quoted string starting at `start`. Double quotes take Go/JSON escapes; single quotes and
/// backticks are raw except that `\'` inside single quotes is a quote (spec §7.2, escapes
/// UNCERTAIN). Returns the value and the length in bytes including quotes.
fn string_literal(text: &str, start: usize) -> Result<(String, usize), ExprError> {
    let quote = text.as_bytes()[start] as char;
    let mut value = String::new();
    let mut chars = text[start + 1..].char_indices();
    while let Some((off, c)) = chars.next() {
        let at = start + 1 + off;
        if c == quote {
            return Ok((value, at + 1 - start));
        }
        if c == '\\' && quote != '`' {
            let Some((eoff, e)) = chars.next() else { break };
            let esc_span = Span::from_range(at..start + 1 + eoff + e.len_utf8());
            match (quote, e) {
                (_, '\\') => value.push('\\'),
                (q, e) if e == q => value.push(q),
                ('"', 'n') => value.push('\n'),
                ('"', 't') => value.push('\t'),
                ('"', 'r') => value.push('\r'),
                ('"', '/') => value.push('/'),
                // JSON's remaining escapes: `Display` prints U+0008/U+000C this way (fuzzing).
                ('"', 'b') => value.push('\u{8}'),
                ('"', 'f') => value.push('\u{c}'),
                ('"', 'u') => {
                    let hex: String = chars.by_ref().take(4).map(|(_, c)| c).collect();
                    match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                        Some(c) if hex.len() == 4 => value.push(c),
                        _ => return Err(ExprError::new(esc_span, "`\\u` must be followed by four hex digits")),
                    }
                }
                ('\'', other) => {
                    value.push('\\');
                    value.push(other);
                }
                (_, other) => return Err(ExprError::new(esc_span, format!("unknown escape `\\{other}` in a string"))),
            }
            continue;
        }
        value.push(c);
    }
    Err(ExprError::new(Span::from_range(start..text.len()), format!("this string has no closing {quote}")))
}

fn number(text: &str, start: usize) -> Result<(Token<'_>, usize), ExprError> {
    let bytes = text.as_bytes();
    let mut j = start + usize::from(bytes[start] == b'-');
    while j < bytes.len() && bytes[j].is_ascii_digit() {
        j += 1;
    }
    let mut float = false;
    if j + 1 < bytes.len() && bytes[j] == b'.' && bytes[j + 1].is_ascii_digit() {
        float = true;
        j += 1;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
    }
    if j < bytes.len() && (bytes[j] == b'e' || bytes[j] == b'E') {
        let mut k = j + 1;
        if k < bytes.len() && (bytes[k] == b'+' || bytes[k] == b'-') {
            k += 1;
        }
        if k < bytes.len() && bytes[k].is_ascii_digit() {
            float = true;
            j = k;
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
        }
    }
    let raw = &text[start..j];
    let span = Span::from_range(start..j);
    let value = if float {
        crate::float::parse_f64(raw).and_then(Number::from_f64)
    } else {
        raw.parse::<i64>().ok().map(Number::from).or_else(|| crate::float::parse_f64(raw).and_then(Number::from_f64))
    };
    match value {
        Some(n) => Ok((Token::Literal(Value::Number(n)), j - start)),
        None => Err(ExprError::new(span, format!("`{raw}` is not a valid number"))),
    }
}
