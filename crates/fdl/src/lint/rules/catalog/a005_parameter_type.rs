use super::common::{for_each_api_task, param_for};
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Literal parameter values have the operation's type: Integer/Long a whole number (or a
    /// string of digits), Float/Double a number, Boolean `true`/`false` (or the strings),
    /// RepeatList/Array a list, Struct a mapping. Expressions (`.$`) are not checked.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Task
    ///     Name: A
    ///     Action: ECS:DescribeInstances
    ///     Parameters:
    ///       RegionId: cn-hangzhou
    ///       PageSize: fifty
    ///       DryRun: maybe
    ///     End: true
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Task
    ///     Name: A
    ///     Action: ECS:DescribeInstances
    ///     Parameters:
    ///       RegionId: cn-hangzhou
    ///       VpcId: vpc-bp1
    ///       PageSize: 50
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Write a value of the type the message names.
    pub struct ParameterType {
        code: "FDL-A005",
        name: "openapi-parameter-type",
        category: Catalog,
        severity: Error,
        summary: "literal parameter of the wrong type",
    }
}

fn conforms(ty: &str, template: &Template) -> bool {
    use serde_json::Value;
    match (ty, template) {
        ("Integer" | "Long", Template::Literal { value: Value::Number(n), .. }) => n.is_i64() || n.is_u64(),
        ("Integer" | "Long", Template::Literal { value: Value::String(s), .. }) => s.trim().parse::<i64>().is_ok(),
        ("Integer" | "Long", _) => false,
        ("Float" | "Double", Template::Literal { value: Value::Number(_), .. }) => true,
        ("Float" | "Double", Template::Literal { value: Value::String(s), .. }) => {
            crate::float::parse_f64(s.trim()).is_some()
        }
        ("Float" | "Double", _) => false,
        ("Boolean", Template::Literal { value: Value::Bool(_), .. }) => true,
        ("Boolean", Template::Literal { value: Value::String(s), .. }) => s == "true" || s == "false",
        ("Boolean", _) => false,
        ("RepeatList" | "Array", Template::Array { .. }) => true,
        ("RepeatList" | "Array", Template::Literal { value: Value::String(_), .. }) => true, // JSON text or a single value (UNCERTAIN)
        ("RepeatList" | "Array", _) => false,
        ("Struct", Template::Object { .. }) => true,
        ("Struct", _) => false,
        _ => true,
    }
}

impl Rule for ParameterType {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog else { return };
        for_each_api_task(ctx.document, catalog, &mut |api| {
            for f in api.call.fields() {
                if api.call.is_dynamic(f) {
                    continue;
                }
                let Some(p) = param_for(&api.params, &f.key) else { continue };
                if p.name != f.key && !f.key.contains(".N") {
                    // A flattened key under a list/struct parameter: its element type is unknown.
                    if f.key.starts_with(&format!("{}.", p.name)) {
                        continue;
                    }
                }
                if !conforms(&p.ty, &f.value) {
                    let want = match p.ty.as_str() {
                        "Integer" | "Long" => "a whole number",
                        "Float" | "Double" => "a number",
                        "Boolean" => "`true` or `false`",
                        "RepeatList" | "Array" => "a list",
                        "Struct" => "a mapping",
                        other => other,
                    };
                    out.push(report(
                        &Self::META,
                        f.value.span(),
                        format!("`{}` of {}:{} is {} ({})", f.key, api.product, api.operation, want, p.ty),
                    ));
                }
            }
        });
    }
}
