//! Every lint rule, one per file, grouped by category in sub-modules. A file name starts with
//! the rule's code.
//!
//! To add a rule: create `<group>/<code>_<name>.rs` with `declare_rule!` (its doc comment is the
//! rule's documentation), implement `Rule`, list it in its group's `RULES`, and add
//! `valid.yaml`/`invalid.yaml` fixtures under `crates/fdl/tests/fixtures/<CODE>/`.

pub(crate) mod graph;
pub mod near_miss;
pub mod prelude;
mod util;

pub mod catalog;
pub mod compat;
pub mod errors;
pub mod expression;
pub mod integration;
pub mod legacy;
pub mod state;
pub mod structure;
pub mod suppression;
pub mod syntax;

pub use util::{did_you_mean, edit_distance};

use std::sync::LazyLock;

use super::Rule;

/// Every rule, sorted by code.
pub static ALL: LazyLock<Vec<&'static dyn Rule>> = LazyLock::new(|| {
    let groups: &[&[&'static dyn Rule]] = &[
        syntax::RULES,
        structure::RULES,
        expression::RULES,
        integration::RULES,
        errors::RULES,
        state::RULES,
        compat::RULES,
        legacy::RULES,
        catalog::RULES,
        suppression::RULES,
    ];
    let mut all: Vec<&'static dyn Rule> = groups.iter().flat_map(|g| g.iter().copied()).collect();
    all.sort_by_key(|r| r.meta().code);
    all
});
