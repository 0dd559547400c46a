//! Fail (spec §5.8): fails with its `Code` and `Detail`.

use fdl::model::Fail;

use crate::interpreter::Failure;

/// The failure a Fail state raises; without `Code` it is `FnF.Failed` (UNCERTAIN).
pub(crate) fn failure_of(f: &Fail) -> Failure {
    Failure::new(
        f.code.as_ref().map_or("FnF.Failed", |c| c.value.as_str()),
        f.detail.as_ref().map_or("", |d| d.value.as_str()),
    )
}
