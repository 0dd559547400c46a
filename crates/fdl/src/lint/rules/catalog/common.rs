//! The API calls of a workflow, resolved against the catalog, shared by the `FDL-A…` rules:
//! a current Task's `Action` and `Parameters`, and a legacy task's `action` and `serviceParams`
//! (spec §15.4), checked by the same code.

use compact_str::CompactString;
use serde_json::Value;

use crate::lint::rules::legacy::walk::{for_each_step, is_legacy_path};
use crate::lint::{ApiCatalog, OperationLookup, ParamInfo, ServiceLookup, param_matches};
use crate::model::visit::for_each_state;
use crate::model::{Constructor, Document, Field, Spanned, StateKind, StepKind, Template};
use crate::span::Span;

/// An API call written in the workflow.
pub struct ApiCall<'a> {
    /// `Action` (current) or `action` (legacy): `Service:Operation`.
    pub action: &'a Spanned<CompactString>,
    /// `Parameters` (current) or `serviceParams` (legacy).
    pub params: Option<&'a Constructor>,
    /// The key `Parameters`/`serviceParams` when written, else the `Action` value: where a
    /// missing parameter is reported.
    pub params_at: Span,
    /// The legacy dialect, where arguments have no `.$` and a path string is read at run time.
    pub legacy: bool,
}

impl<'a> ApiCall<'a> {
    /// `(service, operation)` of a well-formed action.
    pub fn service_and_operation(&self) -> Option<(&'a str, &'a str)> {
        self.action.value.split_once(':')
    }

    /// Top-level argument fields.
    pub fn fields(&self) -> &'a [Field] {
        self.params.map_or(&[], |p| p.fields.as_slice())
    }

    /// Whether the argument's value is known only at run time: an expression (`key.$`), or in
    /// the legacy dialect a path string such as `$.url`.
    pub fn is_dynamic(&self, field: &Field) -> bool {
        let legacy_path =
            |t: &Template| matches!(t, Template::Literal { value: Value::String(s), .. } if is_legacy_path(s));
        field.is_expression || (self.legacy && legacy_path(&field.value))
    }
}

/// Calls `f` for every API call of the document, in document order.
pub fn for_each_call<'a>(document: &'a Document, f: &mut dyn FnMut(ApiCall<'a>)) {
    if let Some(flow) = document.as_current() {
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Task(task) = &state.kind else { return };
            let Some(action) = &task.action else { return };
            let params_at = state.key("Parameters").map_or(action.span, |k| k.key);
            f(ApiCall { action, params: task.parameters.as_ref(), params_at, legacy: false });
        });
    }
    if let Some(flow) = document.as_legacy() {
        for_each_step(flow, &mut |step, _| {
            let StepKind::Task(task) = &step.kind else { return };
            let Some(action) = &task.action else { return };
            let params_at = step.key("serviceParams").map_or(action.span, |k| k.key);
            f(ApiCall { action, params: task.service_params.as_ref(), params_at, legacy: true });
        });
    }
}

/// A call whose action is a cataloged OpenAPI operation.
pub struct ApiTask<'a> {
    pub call: ApiCall<'a>,
    pub product: String,
    pub operation: &'a str,
    pub params: Vec<ParamInfo>,
}

/// The call's product and operation, when the catalog knows both.
pub fn api_task<'a>(catalog: &dyn ApiCatalog, call: ApiCall<'a>) -> Option<ApiTask<'a>> {
    let (service, operation) = call.service_and_operation()?;
    let ServiceLookup::Product(product) = catalog.service(service, operation) else { return None };
    let OperationLookup::Known { params } = catalog.operation(&product, operation) else { return None };
    Some(ApiTask { call, product, operation, params })
}

/// Calls `f` for every call of the document whose operation the catalog knows.
pub fn for_each_api_task<'a>(document: &'a Document, catalog: &dyn ApiCatalog, f: &mut dyn FnMut(ApiTask<'a>)) {
    for_each_call(document, &mut |call| {
        if let Some(api) = api_task(catalog, call) {
            f(api);
        }
    });
}

/// The catalog parameter a given key belongs to: exact (with `.N` folding), or a key under a
/// RepeatList/Struct/Array/Json parameter (`Tag.1.Key` under `Tag`).
pub fn param_for<'p>(params: &'p [ParamInfo], key: &str) -> Option<&'p ParamInfo> {
    params.iter().find(|p| param_matches(&p.name, key)).or_else(|| {
        params.iter().find(|p| {
            matches!(p.ty.as_str(), "RepeatList" | "Struct" | "Array" | "Json" | "Any")
                && key.strip_prefix(p.name.as_str()).is_some_and(|rest| rest.starts_with('.'))
        })
    })
}
