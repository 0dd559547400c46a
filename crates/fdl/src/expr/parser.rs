//! Recursive-descent parser for the expression grammar of spec §7.3 (C-like precedence:
//! `!` > comparison > `&&` > `||`), with a nesting limit so hostile input cannot overflow the stack.

use serde_json::Value;

use super::ast::{CompareOp, Expr, ExprKind, Path, Root, Segment, SegmentKind};
use super::lexer::{Token, tokenize};
use super::{ExprError, MAX_EXPRESSION_BYTES, MAX_PARSE_DEPTH};
use crate::span::Span;

/// Parses an expression. Spans are byte offsets into `text`.
pub fn parse(text: &str) -> Result<Expr, ExprError> {
    if text.len() > MAX_EXPRESSION_BYTES {
        return Err(ExprError::new(
            Span::new(0, 0),
            format!("the expression is {} bytes long; the limit is {MAX_EXPRESSION_BYTES}", text.len()),
        ));
    }
    let tokens = tokenize(text)?;
    let end = text.trim_end().len();
    if tokens.is_empty() {
        return Err(ExprError::new(Span::empty(0), "the expression is empty; write a path such as `$Input.name`"));
    }
    let mut p = Parser { tokens, pos: 0, depth: 0, end: end as u32 };
    let expr = p.or()?;
    if let Some((tok, span)) = p.peek_full() {
        let hint = match tok {
            Token::Ident(_) | Token::Root(_) | Token::Literal(_) => " (missing operator such as `==` or `&&`?)",
            _ => "",
        };
        return Err(ExprError::new(span, format!("unexpected {} after a complete expression{hint}", tok.describe())));
    }
    Ok(expr)
}

struct Parser<'a> {
    tokens: Vec<(Token<'a>, Span)>,
    pos: usize,
    depth: usize,
    end: u32,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&Token<'a>> {
        self.tokens.get(self.pos).map(|(t, _)| t)
    }

    fn peek_full(&self) -> Option<(Token<'a>, Span)> {
        self.tokens.get(self.pos).cloned()
    }

    fn bump(&mut self) -> Option<(Token<'a>, Span)> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn eat(&mut self, tok: &Token) -> Option<Span> {
        match self.tokens.get(self.pos) {
            Some((t, s)) if t == tok => {
                let s = *s;
                self.pos += 1;
                Some(s)
            }
            _ => None,
        }
    }

    /// The place to report "expected X": the next token, or the end of the text.
    fn here(&self) -> Span {
        self.tokens.get(self.pos).map_or(Span::empty(self.end), |(_, s)| *s)
    }

    fn expected(&self, what: &str, after: &str) -> ExprError {
        match self.tokens.get(self.pos) {
            Some((t, s)) => ExprError::new(*s, format!("expected {what} {after}, found {}", t.describe())),
            None => ExprError::new(Span::empty(self.end), format!("expected {what} {after}, but the expression ended")),
        }
    }

    fn enter(&mut self) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_PARSE_DEPTH {
            return Err(ExprError::new(
                self.here(),
                format!("the expression nests more than {MAX_PARSE_DEPTH} levels deep"),
            ));
        }
        Ok(())
    }

    /// Each `||` and `&&` of a chain nests the tree one level deeper (`a && b && c` is
    /// `(a && b) && c`), so it counts towards the nesting limit: the evaluator, which recurses
    /// through the tree, then never meets a tree deeper than the parser allowed.
    fn or(&mut self) -> Result<Expr, ExprError> {
        self.enter()?;
        let outer = self.depth;
        let mut lhs = self.and()?;
        while let Some(op) = self.eat(&Token::OrOr) {
            self.enter().map_err(|e| Self::long_chain(e, "||"))?;
            let rhs = self.and().map_err(|e| self.after_operator(e, op, "||"))?;
            let span = lhs.span.cover(rhs.span);
            lhs = Expr { kind: ExprKind::Or(Box::new(lhs), Box::new(rhs)), span };
        }
        self.depth = outer - 1;
        Ok(lhs)
    }

    fn long_chain(err: ExprError, op: &str) -> ExprError {
        ExprError::new(
            err.span,
            format!(
                "{}; each `{op}` of a chain counts as a level: split the condition over several Choice branches or states",
                err.message
            ),
        )
    }

    fn and(&mut self) -> Result<Expr, ExprError> {
        let outer = self.depth;
        let mut lhs = self.not()?;
        while let Some(op) = self.eat(&Token::AndAnd) {
            self.enter().map_err(|e| Self::long_chain(e, "&&"))?;
            let rhs = self.not().map_err(|e| self.after_operator(e, op, "&&"))?;
            let span = lhs.span.cover(rhs.span);
            lhs = Expr { kind: ExprKind::And(Box::new(lhs), Box::new(rhs)), span };
        }
        self.depth = outer;
        Ok(lhs)
    }

    fn not(&mut self) -> Result<Expr, ExprError> {
        if let Some(bang) = self.eat(&Token::Bang) {
            self.enter()?;
            let operand = self.not().map_err(|e| self.after_operator(e, bang, "!"))?;
            self.depth -= 1;
            let span = bang.cover(operand.span);
            return Ok(Expr { kind: ExprKind::Not(Box::new(operand)), span });
        }
        self.compare()
    }

    fn compare(&mut self) -> Result<Expr, ExprError> {
        let lhs = self.postfix()?;
        let op = match self.peek() {
            Some(Token::EqEq) => CompareOp::Eq,
            Some(Token::NotEq) => CompareOp::Ne,
            Some(Token::Lt) => CompareOp::Lt,
            Some(Token::Le) => CompareOp::Le,
            Some(Token::Gt) => CompareOp::Gt,
            Some(Token::Ge) => CompareOp::Ge,
            _ => return Ok(lhs),
        };
        let (_, op_span) = self.bump().unwrap_or((Token::EqEq, Span::empty(self.end)));
        let rhs = self.postfix().map_err(|e| self.after_operator(e, op_span, op.as_str()))?;
        if matches!(self.peek(), Some(Token::EqEq | Token::NotEq | Token::Lt | Token::Le | Token::Gt | Token::Ge)) {
            return Err(ExprError::new(self.here(), "comparisons cannot be chained; combine them with `&&`"));
        }
        let span = lhs.span.cover(rhs.span);
        Ok(Expr { kind: ExprKind::Compare { op, lhs: Box::new(lhs), rhs: Box::new(rhs) }, span })
    }

    /// Rewrites "expected an operand … but the expression ended" after an operator to name it.
    fn after_operator(&self, err: ExprError, _op: Span, op_text: &str) -> ExprError {
        if err.message.starts_with("expected an operand") {
            let found = if self.pos < self.tokens.len() { "" } else { " but the expression ended" };
            if found.is_empty() {
                return err;
            }
            return ExprError::new(err.span, format!("expected an operand after `{op_text}`{found}"));
        }
        err
    }

    /// A primary followed by member accesses and indexes: `$Input.a[0]`, `f(x).Data[0]`,
    /// `($Input.a).b`. Segments after a path extend the path, so `($Input.a).b` is `$Input.a.b`.
    fn postfix(&mut self) -> Result<Expr, ExprError> {
        let mut base = self.primary()?;
        let mut segments = Vec::new();
        let mut end = base.span;
        self.segments(&mut segments, &mut end)?;
        if segments.is_empty() {
            return Ok(base);
        }
        let span = base.span.cover(end);
        if let ExprKind::Path(path) = &mut base.kind {
            path.segments.extend(segments);
            return Ok(Expr { kind: base.kind, span });
        }
        Ok(Expr { kind: ExprKind::Access { target: Box::new(base), segments }, span })
    }

    fn primary(&mut self) -> Result<Expr, ExprError> {
        let Some((tok, span)) = self.peek_full() else {
            return Err(ExprError::new(Span::empty(self.end), "expected an operand, but the expression ended"));
        };
        match tok {
            Token::Literal(v) => {
                self.pos += 1;
                Ok(Expr { kind: ExprKind::Literal(v), span })
            }
            Token::Root(name) => {
                self.pos += 1;
                self.path(Root::from_name(name), span)
            }
            Token::Ident(name) => {
                self.pos += 1;
                if self.eat(&Token::LParen).is_none() {
                    return Err(ExprError::new(
                        span,
                        format!(
                            "`{name}` is neither a variable nor a function call; variables start with `$` (e.g. `$Input.{name}`) and strings need quotes"
                        ),
                    ));
                }
                self.enter()?;
                let args = self.list(&Token::RParen, "a function argument", "`)`")?;
                self.depth -= 1;
                let close = self.tokens.get(self.pos - 1).map_or(span, |(_, s)| *s);
                Ok(Expr {
                    kind: ExprKind::Call { name: name.to_owned(), name_span: span, args },
                    span: span.cover(close),
                })
            }
            Token::LParen => {
                self.pos += 1;
                let inner = self.or()?;
                let Some(close) = self.eat(&Token::RParen) else { return Err(self.expected("`)`", "to close `(`")) };
                Ok(Expr { kind: inner.kind, span: span.cover(close) })
            }
            Token::LBracket => {
                self.pos += 1;
                self.enter()?;
                let items = self.list(&Token::RBracket, "an array element", "`]`")?;
                self.depth -= 1;
                let close = self.tokens.get(self.pos - 1).map_or(span, |(_, s)| *s);
                Ok(Expr { kind: ExprKind::Array(items), span: span.cover(close) })
            }
            Token::LBrace => {
                self.pos += 1;
                self.enter()?;
                let mut entries = Vec::new();
                if self.eat(&Token::RBrace).is_none() {
                    loop {
                        let (key, key_span) = match self.bump() {
                            Some((Token::Literal(Value::String(k)), s)) => (k, s),
                            Some((Token::Ident(k), s)) => (k.to_owned(), s),
                            _ => {
                                self.pos -= 1;
                                return Err(self.expected("a quoted key", "in an object literal"));
                            }
                        };
                        if self.eat(&Token::Colon).is_none() {
                            return Err(self.expected("`:`", "after an object key"));
                        }
                        let value = self.or()?;
                        entries.push((key, key_span, value));
                        if self.eat(&Token::Comma).is_some() {
                            continue;
                        }
                        if self.eat(&Token::RBrace).is_some() {
                            break;
                        }
                        return Err(self.expected("`,` or `}`", "in an object literal"));
                    }
                }
                self.depth -= 1;
                let close = self.tokens.get(self.pos - 1).map_or(span, |(_, s)| *s);
                Ok(Expr { kind: ExprKind::Object(entries), span: span.cover(close) })
            }
            other => Err(ExprError::new(
                span,
                format!("expected an operand (a path, literal or function call), found {}", other.describe()),
            )),
        }
    }

    /// Comma-separated expressions up to `close` (already past the opener).
    fn list(&mut self, close: &Token, what: &str, close_text: &str) -> Result<Vec<Expr>, ExprError> {
        let mut items = Vec::new();
        if self.eat(close).is_some() {
            return Ok(items);
        }
        loop {
            if self.peek().is_none() {
                return Err(self.expected(what, &format!("or {close_text}")));
            }
            items.push(self.or()?);
            if self.eat(&Token::Comma).is_some() {
                continue;
            }
            if self.eat(close).is_some() {
                return Ok(items);
            }
            return Err(self.expected(&format!("`,` or {close_text}"), &format!("after {what}")));
        }
    }

    fn path(&mut self, root: Root, root_span: Span) -> Result<Expr, ExprError> {
        let mut segments = Vec::new();
        let mut end = root_span;
        self.segments(&mut segments, &mut end)?;
        Ok(Expr { kind: ExprKind::Path(Path { root, root_span, segments }), span: root_span.cover(end) })
    }

    /// `.name`, `[3]` and `["key"]` segments, as many as follow; `end` moves to the last one.
    fn segments(&mut self, segments: &mut Vec<Segment>, end: &mut Span) -> Result<(), ExprError> {
        loop {
            match self.peek() {
                Some(Token::Dot) => {
                    let dot = self.bump().map_or(*end, |(_, s)| s);
                    let name = match self.bump() {
                        Some((Token::Ident(name), s)) => (name.to_owned(), s),
                        // Keywords are fine as member names: `$Input.null`.
                        Some((Token::Literal(Value::Bool(b)), s)) => (b.to_string(), s),
                        Some((Token::Literal(Value::Null), s)) => ("null".to_owned(), s),
                        _ => {
                            self.pos -= 1;
                            return Err(self.expected("a member name", "after `.`"));
                        }
                    };
                    segments.push(Segment { kind: SegmentKind::Field(name.0), span: dot.cover(name.1) });
                    *end = name.1;
                }
                Some(Token::LBracket) => {
                    let open = self.bump().map_or(*end, |(_, s)| s);
                    let kind = match self.bump() {
                        Some((Token::Literal(Value::Number(n)), s)) => match n.as_i64() {
                            Some(i) => SegmentKind::Index(i),
                            None => return Err(ExprError::new(s, "an array index must be a whole number")),
                        },
                        Some((Token::Literal(Value::String(k)), _)) => SegmentKind::Key(k),
                        // The engine has no projection, so this is refused here, where the
                        // linter (FDL-E001) and the engine both see it (issue 13, class 6).
                        Some((Token::Star, s)) => {
                            let close = self.tokens.get(self.pos).filter(|(t, _)| *t == Token::RBracket);
                            return Err(ExprError::new(
                                open.cover(close.map_or(s, |(_, c)| *c)),
                                "`[*]` (a JSONPath wildcard) is not part of CloudFlow expressions; index one element such as `[0]`, or process every element with a Map state",
                            ));
                        }
                        _ => {
                            self.pos -= 1;
                            return Err(self.expected("an index or a quoted key", "inside `[`"));
                        }
                    };
                    let Some(close) = self.eat(&Token::RBracket) else {
                        return Err(self.expected("`]`", "to close `[`"));
                    };
                    segments.push(Segment { kind, span: open.cover(close) });
                    *end = close;
                }
                _ => return Ok(()),
            }
        }
    }
}
