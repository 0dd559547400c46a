use crate::expr::Root;
use crate::lint::context::PathSite;
use crate::lint::rules::prelude::*;
use crate::model::visit::Place;

declare_rule! {
    /// ## What it checks
    /// `$Output` is used only where it exists: in a state's own `OutputConstructor` and
    /// `GlobalConstructor`. A catcher's `OutputConstructor` runs after the call
    /// failed, so there is no result there either. The documentation does not say what the
    /// service gives there; most plausibly an unknown name, an error, as flowplay's engine treats
    /// it, so the linter reports it as an error too.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Pass
    ///     Name: A
    ///     InputConstructor:
    ///       body.$: $Output.Body
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
    ///   - Type: Pass
    ///     Name: A
    ///     OutputConstructor:
    ///       body.$: $Output.Body
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Read the previous state's result through `$Input` (the previous output is this state's
    /// input), or move the expression into the `OutputConstructor`.
    pub struct OutputOutsideOutputConstructor {
        code: "FDL-E012",
        name: "output-outside-output-constructor",
        category: Expression,
        severity: Error,
        summary: "`$Output` outside a state's OutputConstructor/GlobalConstructor",
    }
}

impl Rule for OutputOutsideOutputConstructor {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        for &PathSite { path, place, .. } in ctx.expression_paths() {
            if matches!(place, Place::OutputConstructor | Place::GlobalConstructor) || path.root != Root::Output {
                continue;
            }
            let mut d = report(
                &Self::META,
                path.root_span,
                format!(
                    "`$Output` does not exist in {}; it is the state's raw result, readable only in its OutputConstructor and GlobalConstructor",
                    place.describe()
                ),
            );
            if place == Place::CatchOutputConstructor {
                d = d.with_help(
                    "a catcher runs after the call failed, so there is no result; read the error from $Context.Current.Error",
                );
            } else {
                d = d.with_help("the previous state's output is this state's `$Input`");
            }
            out.push(d);
        }
    }
}
