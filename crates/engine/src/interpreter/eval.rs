//! Expressions, templates and constructors evaluated against a state's variables (spec §6).

use fdl::expr::{self, EvalEnv, EvalOptions, Root};
use fdl::model::{Constructor, Expression, Field, Template};
use serde_json::{Map, Value, json};

use super::{Failure, Run};

/// The variables an expression may see in one place.
pub(crate) struct Vars<'v> {
    pub input: &'v Value,
    pub output: Option<&'v Value>,
    pub current: Option<&'v Value>,
    pub item: Option<&'v Value>,
}

fn uses_context(t: &Template) -> bool {
    let mut found = false;
    t.for_each_expression(&mut |e| found |= expression_uses_context(e));
    found
}

/// Whether the expression reads `$Context` (only then is the context value built).
fn expression_uses_context(e: &Expression) -> bool {
    let mut found = false;
    if let Some(ast) = e.ast() {
        ast.for_each_path(&mut |p| found |= p.root == Root::Context);
    }
    found
}

impl Run<'_> {
    fn context_value(
        &self,
        state: &str,
        input: &Value,
        output: Option<&Value>,
        error: Option<&Failure>,
        retries: u32,
        token: Option<&str>,
    ) -> Value {
        json!({
            "Execution": {"Name": self.opts.execution_name, "Input": self.input.get(), "RoleArn": ""},
            "Current": {
                "Name": state,
                "Input": input,
                "Output": output.cloned().unwrap_or(Value::Null),
                "Error": error.map_or(Value::Null, |e| json!({"Code": e.error, "Detail": e.cause})),
                "RetryCount": retries,
                "TaskToken": token.map_or(Value::Null, |t| Value::String(t.to_owned())),
            }
        })
    }

    fn eval(&self, e: &Expression, vars: &Vars<'_>) -> Result<Value, Failure> {
        let ast = e.parsed.as_ref().map_err(|err| {
            Failure::new(expr::EXPRESSION_ERROR, format!("invalid expression `{}`: {}", e.text, err.message))
        })?;
        let global = self.global.borrow();
        let mut rng = self.rng.borrow_mut();
        let mut env = EvalEnv {
            input: Some(vars.input),
            output: vars.output,
            context: vars.current,
            global: Some(&**global),
            item: vars.item,
            rng: &mut *rng,
            options: EvalOptions { strict_paths: self.opts.strict_paths },
        };
        expr::evaluate(ast, &mut env)
            .map_err(|err| Failure::new(err.code, format!("{} (in `{}`)", err.message, e.text)))
    }

    fn template(&self, t: &Template, vars: &Vars<'_>) -> Result<Value, Failure> {
        Ok(match t {
            Template::Literal { value, .. } => value.clone(),
            Template::Expression(e) => self.eval(e, vars)?,
            Template::Object { fields, .. } => self.fields(fields, vars)?,
            Template::Array { items, .. } => {
                Value::Array(items.iter().map(|i| self.template(i, vars)).collect::<Result<_, _>>()?)
            }
        })
    }

    fn fields(&self, fields: &[Field], vars: &Vars<'_>) -> Result<Value, Failure> {
        let mut map = Map::with_capacity(fields.len());
        for f in fields {
            if f.is_expression && !matches!(f.value, Template::Expression(_)) {
                return Err(Failure::new(
                    expr::EXPRESSION_ERROR,
                    format!("the value of `{}` must be an expression string", f.raw_key),
                ));
            }
            map.insert(f.key.as_str().to_owned(), self.template(&f.value, vars)?);
        }
        Ok(Value::Object(map))
    }

    /// Evaluates a constructor; `$Context` is built only when the constructor reads it.
    pub(crate) fn construct(
        &self,
        c: &Constructor,
        state: &str,
        vars: Vars<'_>,
        error: Option<&Failure>,
        retries: u32,
        token: Option<&str>,
    ) -> Result<Value, Failure> {
        let needs_context = c.fields.iter().any(|f| uses_context(&f.value));
        if needs_context {
            let ctx = self.context_value(state, vars.input, vars.output, error, retries, token);
            self.fields(&c.fields, &Vars { current: Some(&ctx), ..vars })
        } else {
            self.fields(&c.fields, &vars)
        }
    }

    pub(crate) fn eval_with_context(&self, e: &Expression, state: &str, input: &Value) -> Result<Value, Failure> {
        if expression_uses_context(e) {
            let ctx = self.context_value(state, input, None, None, 0, None);
            self.eval(e, &Vars { input, output: None, current: Some(&ctx), item: None })
        } else {
            self.eval(e, &Vars { input, output: None, current: None, item: None })
        }
    }
}
