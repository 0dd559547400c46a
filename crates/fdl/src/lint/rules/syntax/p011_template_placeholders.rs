use crate::lint::rules::prelude::*;
use crate::placeholder;

declare_rule! {
    /// ## What it checks
    /// Deployment-template placeholders: values a deployment tool replaces before CloudFlow
    /// sees the workflow. Recognised (the list lives in `fdl::placeholder`):
    ///
    /// - `${…}` interpolation: Serverless Devs `${vars.name}`, `${env.X}`, `${config('AccountID')}`,
    ///   ROS/Fun `${ALIYUN::Region}`, Terraform `${var.x}`;
    /// - YAML template tags (ROS/Fun, CloudFormation short form): `!Ref Name`, `!Sub …`,
    ///   `!GetAtt …`, `!Join [...]`, any local `!Tag`;
    /// - intrinsic-function mappings (long form): `{Ref: Name}`, `{Fn::Sub: …}`;
    /// - `<…>` fill-in names of documentation pages: `<your-arn>`,
    ///   `acs:fc:cn-hangzhou:<account-id>:…`.
    ///
    /// ## Why
    /// A placeholder stands for a value of whatever kind its place needs, known only at
    /// deployment. flowplay does not check it, and reports nothing whose only cause is a
    /// placeholder (no FDL-S003 on `Name: ${vars.name}-flow`, no catalog finding on
    /// `RegionId: ${vars.region}`). This note, once per file, says that those values were not
    /// checked.
    ///
    /// ## Example
    /// ```yaml
    /// # A flow kept in a Serverless Devs s.yaml: `${vars.…}` and `${env.…}` are replaced by `s deploy`.
    /// Type: StateMachine
    /// Name: ${vars.name}-flow
    /// SpecVersion: v1
    /// StartAt: Recognize
    /// States:
    ///   - Type: Task
    ///     Name: Recognize
    ///     Action: FC:InvokeFunction
    ///     TaskMode: RequestComplete
    ///     Parameters:
    ///       resourceArn: acs:fc:${vars.region}:${config('AccountID')}:functions/${vars.functionName}
    ///       invocationType: Sync
    ///       body.$: $Input
    ///     Timeout: ${env.TIMEOUT}
    ///     End: true
    /// ```
    ///
    /// ## Corrected
    /// The flow as `s deploy` writes it:
    ///
    /// ```yaml
    /// Type: StateMachine
    /// Name: orders-flow
    /// SpecVersion: v1
    /// StartAt: Recognize
    /// States:
    ///   - Type: Task
    ///     Name: Recognize
    ///     Action: FC:InvokeFunction
    ///     TaskMode: RequestComplete
    ///     Parameters:
    ///       resourceArn: acs:fc:cn-hangzhou:123456789:functions/recognize
    ///       invocationType: Sync
    ///       body.$: $Input
    ///     Timeout: 60
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Nothing to change. To check the values too, lint the definition the deployment tool
    /// produces (for Serverless Devs, the rendered flow; for ROS, the stack's definition).
    pub struct TemplatePlaceholders {
        code: "FDL-P011",
        name: "template-placeholders",
        category: Syntax,
        severity: Info,
        summary: "deployment-template placeholders present; their values are not checked",
    }
}

impl Rule for TemplatePlaceholders {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let spans = placeholder::spans(ctx.source, ctx.root);
        let Some(first) = spans.first() else { return };
        let more = match spans.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        out.push(report(
            &Self::META,
            *first,
            format!(
                "this value is a deployment-template placeholder{more}; flowplay does not check placeholder values, so lint the deployed definition to check them"
            ),
        ));
    }
}
