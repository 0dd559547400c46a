//! Typed reads of YAML values with a diagnostic when the type is wrong.

use compact_str::CompactString;

use crate::diagnostic::Diagnostic;
use crate::expr;
use crate::model::{Constructor, Expression, Field, KeySpan, Spanned, Template};
use crate::yaml::{Node, NodeKind, ScalarValue};

use crate::lint::rules::structure::s008_wrong_value_type::WrongValueType;

pub(super) struct Reader<'a> {
    pub source: &'a str,
    pub diagnostics: &'a mut Vec<Diagnostic>,
}

impl<'a> Reader<'a> {
    pub fn new(source: &'a str, diagnostics: &'a mut Vec<Diagnostic>) -> Self {
        Self { source, diagnostics }
    }

    fn wrong_type(&mut self, key: &str, node: &Node, expected: &str) {
        self.diagnostics.push(Diagnostic::error(
            WrongValueType::META.code,
            node.span,
            format!("`{key}` must be {expected}, but this is {}", node.type_name()),
        ));
    }

    /// Every key of a mapping with its spans.
    pub fn keys(&self, map: &Node) -> Vec<KeySpan> {
        map.as_map()
            .unwrap_or_default()
            .iter()
            .filter_map(|e| Some(KeySpan { name: e.key.scalar_text()?.into(), key: e.key.span, value: e.value.span }))
            .collect()
    }

    /// A scalar as text. Numbers and booleans are accepted as their text (a state may be called
    /// `1`); mappings, lists and null are type errors.
    pub fn string(&mut self, map: &Node, key: &str) -> Option<Spanned<CompactString>> {
        let node = map.get(key)?;
        match &node.kind {
            NodeKind::Scalar(s) if !matches!(s.resolve(), ScalarValue::Null) => {
                Some(Spanned::new(s.value.clone(), node.span))
            }
            // A deployment-template function: an opaque string, unchecked (FDL-P011).
            _ if crate::placeholder::is_template_collection(self.source, node) => {
                Some(Spanned::new(node.span.slice(self.source).into(), node.span))
            }
            _ => {
                self.wrong_type(key, node, "a string");
                None
            }
        }
    }

    pub fn bool(&mut self, map: &Node, key: &str) -> Option<Spanned<bool>> {
        let node = map.get(key)?;
        match node.as_bool() {
            Some(b) => Some(Spanned::new(b, node.span)),
            None => {
                self.wrong_type(key, node, "`true` or `false`");
                None
            }
        }
    }

    /// An integer; a string of digits is accepted too (the docs type some integers as strings,
    /// e.g. Task `Timeout: "30"`).
    pub fn int(&mut self, map: &Node, key: &str) -> Option<Spanned<i64>> {
        let node = map.get(key)?;
        if let Some(i) = node.as_i64() {
            return Some(Spanned::new(i, node.span));
        }
        if let Some(i) = node.as_str().and_then(|s| s.trim().parse::<i64>().ok()) {
            return Some(Spanned::new(i, node.span));
        }
        self.wrong_type(key, node, "an integer");
        None
    }

    pub fn number(&mut self, map: &Node, key: &str) -> Option<Spanned<f64>> {
        let node = map.get(key)?;
        if let Some(f) = node.as_f64() {
            return Some(Spanned::new(f, node.span));
        }
        if let Some(f) = node.as_str().and_then(|s| crate::float::parse_f64(s.trim())) {
            return Some(Spanned::new(f, node.span));
        }
        self.wrong_type(key, node, "a number");
        None
    }

    pub fn list<'n>(&mut self, map: &'n Node, key: &str) -> Option<&'n [Node]> {
        let node = map.get(key)?;
        match node.as_seq() {
            Some(items) => Some(items),
            None if node.is_null() => Some(&[]),
            None => {
                self.wrong_type(key, node, "a list");
                None
            }
        }
    }

    pub fn mapping<'n>(&mut self, map: &'n Node, key: &str) -> Option<&'n Node> {
        let node = map.get(key)?;
        match node.kind {
            NodeKind::Map(_) => Some(node),
            _ => {
                self.wrong_type(key, node, "a mapping");
                None
            }
        }
    }

    /// A list of strings (`Errors`); a single string is accepted as a one-element list.
    pub fn string_list(&mut self, map: &Node, key: &str) -> Vec<Spanned<CompactString>> {
        let Some(node) = map.get(key) else { return Vec::new() };
        match &node.kind {
            NodeKind::Seq(items) => items
                .iter()
                .filter_map(|item| match item.scalar_text() {
                    Some(text) => Some(Spanned::new(text.into(), item.span)),
                    None => {
                        self.wrong_type(key, item, "a list of strings");
                        None
                    }
                })
                .collect(),
            NodeKind::Scalar(s) if !node.is_null() => vec![Spanned::new(s.value.clone(), node.span)],
            _ => {
                self.wrong_type(key, node, "a list of strings");
                Vec::new()
            }
        }
    }

    /// An expression written without `.$` (ItemsPath, Condition).
    pub fn expression(&mut self, map: &Node, key: &str) -> Option<Expression> {
        let node = map.get(key)?;
        match node.as_scalar() {
            Some(s) if !node.is_null() => Some(parse_expression(self.source, node, &s.value)),
            _ => {
                self.wrong_type(key, node, "an expression string");
                None
            }
        }
    }

    pub fn constructor(&mut self, map: &Node, key: &str) -> Option<Constructor> {
        let node = map.get(key)?;
        if node.is_null() {
            return Some(Constructor { span: node.span, fields: Vec::new() });
        }
        match node.as_map() {
            Some(entries) => Some(Constructor { span: node.span, fields: self.fields(entries) }),
            None => {
                self.wrong_type(key, node, "a mapping of keys to values (use `key.$: expression` for expressions)");
                None
            }
        }
    }

    fn fields(&mut self, entries: &[crate::yaml::Entry]) -> Vec<Field> {
        entries
            .iter()
            .map(|entry| {
                let raw_key: CompactString =
                    entry.key.scalar_text().map_or_else(|| entry.key.to_json().to_string().into(), CompactString::from);
                let (key, is_expression) = match raw_key.strip_suffix(".$") {
                    Some(stripped) => (stripped.into(), true),
                    None => (raw_key.clone(), false),
                };
                let value = if is_expression {
                    match entry.value.as_scalar() {
                        // A `.$` value must be a string expression; other scalars stay literals so
                        // the linter can say so (FDL-E004).
                        Some(s) if matches!(s.resolve(), ScalarValue::Str(_)) => {
                            Template::Expression(parse_expression(self.source, &entry.value, &s.value))
                        }
                        _ => self.template(&entry.value),
                    }
                } else {
                    self.template(&entry.value)
                };
                Field { raw_key, key, key_span: entry.key.span, is_expression, value }
            })
            .collect()
    }

    fn template(&mut self, node: &Node) -> Template {
        match &node.kind {
            NodeKind::Scalar(_) => Template::Literal { value: node.to_json(), span: node.span },
            NodeKind::Map(entries) => Template::Object { fields: self.fields(entries), span: node.span },
            NodeKind::Seq(items) => {
                Template::Array { items: items.iter().map(|i| self.template(i)).collect(), span: node.span }
            }
        }
    }
}

/// Parses the expression held by a scalar node, moving AST spans into document coordinates.
pub fn parse_expression(source: &str, node: &Node, text: &str) -> Expression {
    let map = |span: crate::span::Span| node.value_span_to_source(source, span);
    let parsed = match expr::parse(text) {
        Ok(mut ast) => {
            ast.map_spans(&map);
            Ok(ast)
        }
        Err(mut err) => {
            err.span = map(err.span);
            Err(err)
        }
    };
    Expression { text: text.into(), span: node.span, parsed }
}
