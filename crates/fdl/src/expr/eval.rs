//! Evaluation of the AST against the variables of a state (spec §7.4).

use serde_json::Value;

use super::ast::{CompareOp, Expr, ExprKind, Path, Root, Segment, SegmentKind};
use super::{EvalError, EvalErrorKind, MAX_PARSE_DEPTH};

/// The error name a state fails with when an expression cannot be evaluated. The service's
/// name for it is not documented (spec §7.6, UNCERTAIN); this one is flowplay's own.
pub const EXPRESSION_ERROR: &str = "FnF.ExpressionError";

/// A source of random numbers for `randomInt` and `uuid`; seeded by the caller so runs are
/// reproducible.
pub trait ExprRng {
    fn next_u64(&mut self) -> u64;
}

/// A small seeded generator (SplitMix64): deterministic on every platform, no OS randomness.
#[derive(Clone, Debug)]
pub struct SeededRng(u64);

impl SeededRng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }
}

impl ExprRng for SeededRng {
    fn next_u64(&mut self) -> u64 {
        // SplitMix64 (Steele, Lea, Flood 2014): the standard seeding generator.
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EvalOptions {
    /// A missing member or index is an error instead of `null` (spec §7.4, UNCERTAIN).
    pub strict_paths: bool,
}

/// The variables available where the expression is evaluated. `None` means "not available in
/// this place" (e.g. `$Output` outside an OutputConstructor).
pub struct EvalEnv<'a> {
    pub input: Option<&'a Value>,
    pub output: Option<&'a Value>,
    pub context: Option<&'a Value>,
    pub global: Option<&'a Value>,
    pub item: Option<&'a Value>,
    pub rng: &'a mut dyn ExprRng,
    pub options: EvalOptions,
}

pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "a map",
    }
}

/// JSON equality where numbers compare by value (`1 == 1.0`).
pub fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(i), Some(j)) => i == j,
            _ => x.as_f64() == y.as_f64(),
        },
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_equal(a, b)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

/// Evaluates an expression.
pub fn evaluate(expr: &Expr, env: &mut EvalEnv<'_>) -> Result<Value, EvalError> {
    eval(expr, env, 0)
}

/// An error that depends on the data (a type, a missing member in strict mode, a bad argument).
fn err(expr: &Expr, message: impl Into<String>) -> EvalError {
    EvalError { message: message.into(), span: expr.span, code: EXPRESSION_ERROR, kind: EvalErrorKind::Data }
}

/// An error knowable from the text alone; the linter reports each of these as an error.
fn static_err(expr: &Expr, message: impl Into<String>) -> EvalError {
    EvalError { message: message.into(), span: expr.span, code: EXPRESSION_ERROR, kind: EvalErrorKind::Static }
}

fn eval(expr: &Expr, env: &mut EvalEnv<'_>, depth: usize) -> Result<Value, EvalError> {
    // A parsed expression is at most three evaluation levels deep per parser level (a comparison
    // of an access on a call), so this guard never refuses what the parser (and so the
    // linter) accepted; it bounds the stack for ASTs built by other means.
    if depth > 4 * MAX_PARSE_DEPTH {
        return Err(static_err(expr, "the expression nests too deeply to evaluate"));
    }
    match &expr.kind {
        ExprKind::Literal(v) => Ok(v.clone()),
        ExprKind::Path(p) => resolve(p, expr, env).cloned(),
        ExprKind::Not(e) => match eval(e, env, depth + 1)? {
            Value::Bool(b) => Ok(Value::Bool(!b)),
            other => Err(err(e, format!("`!` needs a boolean, but this is {}", type_name(&other)))),
        },
        ExprKind::And(l, r) | ExprKind::Or(l, r) => {
            let is_and = matches!(expr.kind, ExprKind::And(..));
            let op = if is_and { "&&" } else { "||" };
            let left = match eval(l, env, depth + 1)? {
                Value::Bool(b) => b,
                other => return Err(err(l, format!("`{op}` needs booleans, but this is {}", type_name(&other)))),
            };
            if left != is_and {
                return Ok(Value::Bool(left));
            }
            match eval(r, env, depth + 1)? {
                Value::Bool(b) => Ok(Value::Bool(b)),
                other => Err(err(r, format!("`{op}` needs booleans, but this is {}", type_name(&other)))),
            }
        }
        ExprKind::Compare { op, lhs, rhs } => {
            let (a, b) = (eval(lhs, env, depth + 1)?, eval(rhs, env, depth + 1)?);
            let ordering = match (&a, &b) {
                (Value::Number(x), Value::Number(y)) => x.as_f64().zip(y.as_f64()).and_then(|(x, y)| x.partial_cmp(&y)),
                (Value::String(x), Value::String(y)) => Some(x.cmp(y)),
                _ => None,
            };
            let result = match op {
                CompareOp::Eq => json_equal(&a, &b),
                CompareOp::Ne => !json_equal(&a, &b),
                _ => match ordering {
                    Some(o) => match op {
                        CompareOp::Lt => o.is_lt(),
                        CompareOp::Le => o.is_le(),
                        CompareOp::Gt => o.is_gt(),
                        _ => o.is_ge(),
                    },
                    None if env.options.strict_paths => {
                        return Err(err(
                            expr,
                            format!("cannot order {} and {} with `{}`", type_name(&a), type_name(&b), op.as_str()),
                        ));
                    }
                    // UNCERTAIN: mixed types compare as false (spec §7.4 recommendation).
                    None => false,
                },
            };
            Ok(Value::Bool(result))
        }
        ExprKind::Call { name, args, .. } => {
            let spec = super::functions::resolve_call(name, args.len()).map_err(|m| static_err(expr, m))?;
            let values = args.iter().map(|a| eval(a, env, depth + 1)).collect::<Result<Vec<_>, _>>()?;
            #[cfg(feature = "evaluate")]
            return match super::functions::implementation(spec.name) {
                Some(implementation) => implementation(&values, env).map_err(|m| err(expr, m)),
                None => Err(err(expr, format!("`{}` has no implementation", spec.name))),
            };
            #[cfg(not(feature = "evaluate"))]
            let _ = values;
            #[cfg(not(feature = "evaluate"))]
            Err(err(
                expr,
                format!("`{}` is not evaluated in this build (fdl without the `evaluate` feature)", spec.name),
            ))
        }
        ExprKind::Access { target, segments } => {
            let base = eval(target, env, depth + 1)?;
            let options = env.options;
            follow(&base, segments, expr, options, &|i| {
                let mut text = format!("({target})");
                segments[..=i].iter().for_each(|s| text.push_str(&s.to_string()));
                text
            })
            .cloned()
        }
        ExprKind::Array(items) => {
            Ok(Value::Array(items.iter().map(|a| eval(a, env, depth + 1)).collect::<Result<_, _>>()?))
        }
        ExprKind::Object(entries) => {
            let mut map = serde_json::Map::with_capacity(entries.len());
            for (k, _, v) in entries {
                map.insert(k.clone(), eval(v, env, depth + 1)?);
            }
            Ok(Value::Object(map))
        }
    }
}

static NULL: Value = Value::Null;

/// Resolves a path without cloning intermediate values.
fn resolve<'v>(path: &Path, expr: &Expr, env: &EvalEnv<'v>) -> Result<&'v Value, EvalError> {
    let root = match &path.root {
        Root::Input => env.input,
        Root::Output => env.output,
        Root::Context => env.context,
        Root::Global => env.global,
        Root::Item => env.item,
        Root::Dollar | Root::Other(_) => {
            return Err(static_err(
                expr,
                format!("`{}` is not a variable; use $Input, $Output, $Context, $Global or $Item", path.root.text()),
            ));
        }
    };
    let Some(current) = root else {
        return Err(static_err(expr, format!("{} is not available here", path.root.text())));
    };
    follow(current, &path.segments, expr, env.options, &|i| {
        Path { root: path.root.clone(), root_span: path.root_span, segments: path.segments[..=i].to_vec() }.to_string()
    })
}

/// Walks `segments` down from `current`. A missing member or index is `null`, or an error in
/// strict mode naming the path up to it (`upto(i)` prints the path through segment `i`).
fn follow<'v>(
    mut current: &'v Value,
    segments: &[Segment],
    expr: &Expr,
    options: EvalOptions,
    upto: &dyn Fn(usize) -> String,
) -> Result<&'v Value, EvalError> {
    for (i, seg) in segments.iter().enumerate() {
        let next = match (&seg.kind, current) {
            (SegmentKind::Field(k) | SegmentKind::Key(k), Value::Object(map)) => map.get(k),
            (SegmentKind::Index(i), Value::Array(items)) => usize::try_from(*i).ok().and_then(|i| items.get(i)),
            _ => None,
        };
        match next {
            Some(v) => current = v,
            None if options.strict_paths => {
                return Err(err(
                    expr,
                    format!("`{}` does not exist ({} has no such member)", upto(i), type_name(current)),
                ));
            }
            // UNCERTAIN: a missing member is null (spec §7.4 recommendation).
            None => return Ok(&NULL),
        }
    }
    Ok(current)
}
