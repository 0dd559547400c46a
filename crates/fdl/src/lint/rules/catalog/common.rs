//! Resolving a Task's Action against the catalog, shared by the `FDL-A…` rules.

use crate::lint::{ApiCatalog, OperationLookup, ParamInfo, ServiceLookup, param_matches};
use crate::model::{Field, State, StateKind, Task};

/// A Task whose Action is a cataloged OpenAPI operation.
pub struct ApiTask<'a> {
    pub task: &'a Task,
    pub product: String,
    pub operation: &'a str,
    pub params: Vec<ParamInfo>,
}

/// The Task's product and operation, when the catalog knows both.
pub fn api_task<'a>(catalog: &dyn ApiCatalog, state: &'a State) -> Option<ApiTask<'a>> {
    let StateKind::Task(task) = &state.kind else { return None };
    let (service, operation) = task.service_and_operation()?;
    let ServiceLookup::Product(product) = catalog.service(service, operation) else { return None };
    let OperationLookup::Known { params } = catalog.operation(&product, operation) else { return None };
    Some(ApiTask { task, product, operation, params })
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

/// Top-level parameter fields of the Task.
pub fn fields(task: &Task) -> &[Field] {
    task.parameters.as_ref().map_or(&[], |p| p.fields.as_slice())
}
