//! The expression language (spec §7): parsing into an AST with spans, evaluation, and the
//! built-in functions.

mod ast;
mod eval;
mod functions;
mod lexer;
mod parser;

pub use ast::{CompareOp, Expr, ExprKind, Path, Root, Segment, SegmentKind};
pub use eval::{EXPRESSION_ERROR, EvalEnv, EvalOptions, ExprRng, SeededRng, evaluate, json_equal, type_name};
pub use functions::{
    ExampleOutcome, FUNCTIONS, FunctionDocs, FunctionExample, FunctionImpl, FunctionSpec, lookup_function,
    resolve_call, suggest_function,
};
pub use parser::parse;

use crate::span::Span;

/// Longest accepted expression text.
pub const MAX_EXPRESSION_BYTES: usize = 64 * 1024;
/// Deepest accepted nesting of parentheses, calls, arrays and objects (stack guard).
pub const MAX_PARSE_DEPTH: usize = 128;
/// Most nested built-in function calls the service allows (spec §12).
pub const MAX_CALL_DEPTH: usize = 10;

/// A parse error: what was expected, at the exact place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExprError {
    pub message: String,
    pub span: Span,
}

impl ExprError {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Self { message: message.into(), span }
    }
}

/// An evaluation error; `code` is the error name the state fails with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalError {
    pub message: String,
    pub span: Span,
    pub code: &'static str,
    pub kind: EvalErrorKind,
}

/// Whether an evaluation error follows from the expression's text and where it is (the linter
/// must report every such case as an error, so a clean workflow never meets one) or from the
/// data it runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvalErrorKind {
    /// Unknown variable or function, wrong arity, a variable not available in that place,
    /// nesting beyond the limit.
    Static,
    /// A value of the wrong type, a missing member in strict mode, a failing function.
    Data,
}

#[cfg(test)]
mod tests;
