//! Migration of a legacy flow (`type: flow`, `steps`) to the current dialect (spec §16).
//!
//! The result is readable YAML with the user's names, an explicit `Next` on every state and
//! `# flowplay:` comments where the conversion cannot keep the meaning exactly (legacy
//! `timestamp` waits, `$local[*]` projections of a foreach, a foreach's `item`, parent-local
//! merging); its first line counts them. It never writes `[*]`: CloudFlow expressions have no
//! projection (the linter and the engine refuse it).
//!
//! Parent-local merging is the one difference most flows meet: a legacy step reads its parent's
//! input merged with the outputs of the steps before it, and the flow outputs the union of its
//! steps' outputs, while a current state reads only the previous state's output (and a
//! constructor builds an object of fixed keys, so it cannot merge). A flow whose steps output
//! nothing is exact (its ending states output `{}`); any other gets a note on its `Name`.
//! `crates/engine/tests/migration_differential.rs` runs every legacy flow of the corpora and
//! generated ones both ways and lists the flows that still differ, with these reasons.

use serde_json::Value;

use crate::model::{Constructor, Field, LegacyFlow, Mapping, Step, StepKind, StepList, Template};
use crate::print::quote_if_needed;

/// A key, its value and an optional `# flowplay:` comment above it.
type Entry = (String, Y, Option<String>);

/// A YAML node to print.
enum Y {
    Map(Vec<Entry>),
    Seq(Vec<Y>),
    Scalar(String),
}

fn s(text: &str) -> Y {
    Y::Scalar(quote_if_needed(text))
}

fn raw(text: impl Into<String>) -> Y {
    Y::Scalar(text.into())
}

fn value(v: &Value) -> Y {
    match v {
        Value::String(t) => s(t),
        Value::Array(items) => Y::Seq(items.iter().map(value).collect()),
        Value::Object(m) => Y::Map(m.iter().map(|(k, v)| (quote_if_needed(k), value(v), None)).collect()),
        other => raw(other.to_string()),
    }
}

fn print(y: &Y, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match y {
        Y::Map(entries) => {
            for (k, v, comment) in entries {
                if let Some(c) = comment {
                    out.push_str(&format!("{pad}# flowplay: {c}\n"));
                }
                match v {
                    Y::Scalar(t) => out.push_str(&format!("{pad}{k}: {t}\n")),
                    Y::Map(m) if m.is_empty() => out.push_str(&format!("{pad}{k}: {{}}\n")),
                    Y::Seq(items) if items.is_empty() => out.push_str(&format!("{pad}{k}: []\n")),
                    Y::Map(_) => {
                        out.push_str(&format!("{pad}{k}:\n"));
                        print(v, indent + 2, out);
                    }
                    Y::Seq(_) => {
                        out.push_str(&format!("{pad}{k}:\n"));
                        print(v, indent + 2, out);
                    }
                }
            }
        }
        Y::Seq(items) => {
            for item in items {
                match item {
                    Y::Scalar(t) => out.push_str(&format!("{pad}- {t}\n")),
                    _ => {
                        let mut inner = String::new();
                        print(item, indent + 2, &mut inner);
                        // Put the first line after the dash.
                        let trimmed = inner.get(indent + 2..).unwrap_or("");
                        out.push_str(&format!("{pad}- {trimmed}"));
                    }
                }
            }
        }
        Y::Scalar(t) => out.push_str(&format!("{pad}{t}\n")),
    }
}

/// What `$local` holds where a mapping is converted: the Task result, the array of a parallel's
/// branch outputs (now `$Output.Branch<i>`), a foreach's iteration outputs (now `$Output.Items`),
/// or, in `inputMappings`, the parent's local: the earlier siblings' outputs (now the state's
/// `$Input`, the previous state's output).
#[derive(Clone, Copy)]
enum Local {
    Result,
    Parent,
    Branches(usize),
    Iterations,
}

/// Rewrites a legacy path (`$input.x`, `$.x`, `$local.x`, `$context.task.token`) to the current
/// dialect. `local` says what `$local` is (for an OutputConstructor, `$Output`).
fn path(text: &str, local: Local, notes: &mut Vec<String>) -> String {
    let t = text.trim();
    if t == "$context.task.token" {
        return "$Context.Current.TaskToken".into();
    }
    let (root, rest) = if let Some(r) = t.strip_prefix("$input") {
        ("$Input", r)
    } else if let Some(r) = t.strip_prefix("$local") {
        return local_path(t, r, local, notes);
    } else if let Some(r) = t.strip_prefix("$context") {
        ("$Context", r)
    } else if let Some(r) = t.strip_prefix('$') {
        ("$Input", r)
    } else {
        return t.to_owned();
    };
    without_projection(t, root, rest, notes)
}

/// `$local…` where `$local` is an array (parallel, foreach): `$local[i].x` is one element;
/// `$local[*].x` of a parallel lists the field of each branch with `toArray`.
fn local_path(t: &str, rest: &str, local: Local, notes: &mut Vec<String>) -> String {
    let index = rest.strip_prefix('[').and_then(|r| r.split_once(']'));
    match (local, index) {
        // The whole `$local` of a parallel or a foreach is the array of outputs.
        (Local::Branches(n), None) if rest.is_empty() => {
            let items: Vec<String> = (0..n).map(|i| format!("$Output.Branch{i}")).collect();
            format!("toArray({})", items.join(", "))
        }
        (Local::Iterations, None) if rest.is_empty() => "$Output.Items".to_owned(),
        (Local::Branches(n), Some(("*", tail))) if !tail.contains("[*]") => {
            let items: Vec<String> = (0..n).map(|i| format!("$Output.Branch{i}{tail}")).collect();
            format!("toArray({})", items.join(", "))
        }
        (Local::Branches(_), Some((i, tail))) if i.parse::<usize>().is_ok() => {
            without_projection(t, &format!("$Output.Branch{i}"), tail, notes)
        }
        (Local::Iterations, Some((i, tail))) if i != "*" => {
            without_projection(t, "$Output.Items", &format!("[{i}]{tail}"), notes)
        }
        (Local::Iterations, Some(("*", tail))) => {
            notes.push(format!(
                "`{t}` took `{}` from every iteration; CloudFlow has no projection, so this reads the whole list: end each iteration with an OutputConstructor that keeps only that field",
                tail.trim_start_matches('.')
            ));
            "$Output.Items".to_owned()
        }
        (Local::Parent, _) => without_projection(t, "$Input", rest, notes),
        _ => without_projection(t, "$Output", rest, notes),
    }
}

/// `root` + `rest`, cut before any `[*]` (with a note saying what was dropped).
fn without_projection(t: &str, root: &str, rest: &str, notes: &mut Vec<String>) -> String {
    match rest.find("[*]") {
        Some(i) => {
            notes.push(format!(
                "`{t}` projects a list with `[*]`; CloudFlow expressions have no projection, so this reads the whole list: adjust by hand"
            ));
            format!("{root}{}", &rest[..i])
        }
        None => format!("{root}{rest}"),
    }
}

/// Rewrites the paths inside a legacy condition (`$.x == "a"` → `$Input.x == "a"`).
fn condition(text: &str) -> String {
    condition_reading(text, Local::Result)
}

/// A loop's condition: it read the loop's input merged with the loop's local, so `$local` is
/// what the current Choice sees as `$Input` (the previous state's output; a Choice has no
/// `$Output`, and the current engine refuses one there).
fn loop_condition(text: &str) -> String {
    condition_reading(text, Local::Parent)
}

/// Rewrites the paths inside a condition, `$local` read as `local` says.
fn condition_reading(text: &str, local: Local) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let end = after[1..]
            .find(|c: char| !(c.is_alphanumeric() || c == '.' || c == '_' || c == '[' || c == ']'))
            .map_or(after.len(), |e| e + 1);
        out.push_str(&path(&after[..end], local, &mut Vec::new()));
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// A task of the `action` form (spec §15.4): the same API call with `serviceParams` as its
/// `Parameters`; legacy paths among the values become `.$` expressions. A child flow started
/// by name (`fnf:StartExecution` with `FlowName`) becomes the child-flow integration.
fn action_task(action: &str, service_params: Option<&Constructor>, notes: &mut Vec<String>) -> (String, Vec<Entry>) {
    let fields = service_params.map_or(&[][..], |p| p.fields.as_slice());
    let flow_name = service_params.and_then(|p| p.field("FlowName")).and_then(|f| match &f.value {
        Template::Literal { value: Value::String(n), .. } => Some(n.as_str()),
        _ => None,
    });
    if action.eq_ignore_ascii_case("fnf:StartExecution")
        && let Some(flow) = flow_name
    {
        let mut params = vec![("resourceArn".into(), s(&format!("acs:fnf:::flow/{flow}")), None)];
        for f in fields {
            let key = match f.key.as_str() {
                "FlowName" => continue,
                "Input" => "input",
                "ExecutionName" => "executionName",
                other => other,
            };
            params.push(param_entry(key, f, notes));
        }
        return ("FNF:StartExecution".into(), params);
    }
    (action.to_owned(), fields.iter().map(|f| param_entry(&f.key, f, notes)).collect())
}

/// One `serviceParams` entry as a `Parameters` entry.
fn param_entry(key: &str, f: &Field, notes: &mut Vec<String>) -> Entry {
    match &f.value {
        Template::Literal { value: Value::String(t), .. } if crate::lint::rules::legacy::walk::is_legacy_path(t) => {
            (quote_if_needed(&format!("{key}.$")), s(&path(t, Local::Result, notes)), None)
        }
        Template::Expression(e) => (quote_if_needed(&f.raw_key), s(&e.text), None),
        Template::Object { fields, .. } => {
            (quote_if_needed(key), Y::Map(fields.iter().map(|f| param_entry(&f.key, f, notes)).collect()), None)
        }
        other => (quote_if_needed(key), template_value(other), None),
    }
}

/// What a task of the `resourceArn` form sends (the `key` parameter): the step's input,
/// `$Input`, or with a token, the object [`token_input`] spells out.
fn payload(key: &str, step: &Step) -> Entry {
    match token_input(step) {
        Some(object) => (key.to_owned(), object, None),
        None => (format!("{key}.$"), raw("$Input"), None),
    }
}

fn reads_token(m: &Mapping) -> bool {
    m.source.as_ref().and_then(|x| x.value.as_str()).is_some_and(|t| t.trim() == "$context.task.token")
}

/// When a task's `inputMappings` read the callback token (`$context.task.token`), its input
/// spelled out as an object for its parameters: the current engine makes the token only when
/// the call starts, after the InputConstructor ran (where it is `null`).
fn token_input(step: &Step) -> Option<Y> {
    let mappings = step.input_mappings.as_ref().filter(|m| m.iter().any(reads_token))?;
    let fields = mappings.iter().filter_map(|m| {
        let target = m.target.as_ref()?.value.as_str();
        let source = if reads_token(m) { "$Context.Current.TaskToken".to_owned() } else { format!("$Input.{target}") };
        Some((quote_if_needed(&format!("{target}.$")), s(&source), None))
    });
    Some(Y::Map(fields.collect()))
}

/// A `serviceParams` entry of a step whose input carries the callback token (see
/// [`token_input`]): the whole input (`$`, `$input`) is spelled out and a field that is the
/// token reads it; else as [`param_entry`].
fn step_param(key: &str, f: &Field, step: &Step, notes: &mut Vec<String>) -> Entry {
    if let (Template::Literal { value: Value::String(t), .. }, Some(object)) = (&f.value, token_input(step)) {
        let t = t.trim();
        if t == "$" || t == "$input" {
            return (quote_if_needed(key), object, None);
        }
        let field = t.strip_prefix("$input.").or_else(|| t.strip_prefix("$."));
        let token_field = step
            .input_mappings
            .iter()
            .flatten()
            .any(|m| reads_token(m) && m.target.as_ref().is_some_and(|x| Some(x.value.as_str()) == field));
        if token_field {
            return (quote_if_needed(&format!("{key}.$")), s("$Context.Current.TaskToken"), None);
        }
    }
    param_entry(key, f, notes)
}

/// A literal template as YAML (arrays keep their items as written).
fn template_value(t: &Template) -> Y {
    match t {
        Template::Literal { value: v, .. } => value(v),
        Template::Expression(e) => s(&e.text),
        Template::Array { items, .. } => Y::Seq(items.iter().map(template_value).collect()),
        Template::Object { fields, .. } => {
            Y::Map(fields.iter().map(|f| (quote_if_needed(&f.raw_key), template_value(&f.value), None)).collect())
        }
    }
}

fn constructor(mappings: &[Mapping], local: Local, notes: &mut Vec<String>) -> Y {
    Y::Map(
        mappings
            .iter()
            .filter_map(|m| {
                let target = m.target.as_ref()?.value.clone();
                let source = m.source.as_ref()?;
                Some(match source.value.as_str() {
                    Some(t) if t.trim_start().starts_with('$') => {
                        (quote_if_needed(&format!("{target}.$")), s(&path(t, local, notes)), None)
                    }
                    _ => (quote_if_needed(&target), value(&source.value), None),
                })
            })
            .collect(),
    )
}

struct Converter {
    notes: Vec<String>,
}

impl Converter {
    /// Converts a step list into a scope: `(StartAt, States)`. `after` is where the last step
    /// continues (`None`: it ends the scope).
    fn scope(&mut self, list: &StepList, after: Option<&str>) -> (String, Vec<Y>) {
        let mut states = Vec::new();
        let names: Vec<String> = list
            .steps
            .iter()
            .enumerate()
            .map(|(i, st)| st.name().map_or_else(|| format!("step{}", i + 1), str::to_owned))
            .collect();
        for (i, step) in list.steps.iter().enumerate() {
            let ends = step.end.as_ref().is_some_and(|e| e.value);
            let next = if ends { None } else { names.get(i + 1).map(String::as_str).or(after) };
            self.step(step, &names[i], next, &mut states);
        }
        (names.first().cloned().unwrap_or_else(|| "Start".into()), states)
    }

    fn transition(entries: &mut Vec<Entry>, next: Option<&str>) {
        match next {
            Some(n) => entries.push(("Next".into(), s(n), None)),
            None => entries.push(("End".into(), raw("true"), None)),
        }
    }

    fn step(&mut self, step: &Step, name: &str, next: Option<&str>, states: &mut Vec<Y>) {
        let mut e: Vec<Entry> = Vec::new();
        // A state to add after this one (where a catch without `goto` ends the scope).
        let mut extra = None;
        let mut notes = Vec::new();
        let local = match &step.kind {
            StepKind::Parallel(p) => Local::Branches(p.branches.len()),
            StepKind::Foreach(_) => Local::Iterations,
            _ => Local::Result,
        };
        let input =
            step.input_mappings.as_ref().filter(|m| !m.is_empty()).map(|m| constructor(m, Local::Parent, &mut notes));
        let output = step.output_mappings.as_ref().filter(|m| !m.is_empty()).map(|m| constructor(m, local, &mut notes));
        let push_io = |e: &mut Vec<Entry>, input: Option<Y>, output: Option<Y>| {
            if let Some(i) = input {
                e.push((
                    "InputConstructor".into(),
                    i,
                    Some("replaces the input; legacy inputMappings merged the parent's local too".into()),
                ));
            }
            if let Some(o) = output {
                e.push(("OutputConstructor".into(), o, None));
            }
        };
        match &step.kind {
            StepKind::Pass | StepKind::Unknown => {
                e.push(("Type".into(), raw("Pass"), None));
                e.push(("Name".into(), s(name), None));
                push_io(&mut e, input, output);
                Self::transition(&mut e, next);
            }
            StepKind::Succeed => {
                e.push(("Type".into(), raw("Succeed"), None));
                e.push(("Name".into(), s(name), None));
                push_io(&mut e, input, output);
            }
            StepKind::Fail(f) => {
                e.push(("Type".into(), raw("Fail"), None));
                e.push(("Name".into(), s(name), None));
                e.push(("Code".into(), s(f.error.as_ref().map_or("Failed", |x| x.value.as_str())), None));
                e.push(("Detail".into(), s(f.cause.as_ref().map_or("the flow failed", |x| x.value.as_str())), None));
            }
            StepKind::Wait(w) => {
                e.push(("Type".into(), raw("Wait"), None));
                e.push(("Name".into(), s(name), None));
                match (&w.duration, &w.timestamp) {
                    (Some(d), _) => match &d.value {
                        Value::String(p) if p.starts_with('$') => e.push(("Seconds.$".into(), s(&path(p, Local::Result, &mut notes)), None)),
                        Value::Number(n) => {
                            let secs = n.as_f64().unwrap_or(1.0);
                            let comment = (secs > 300.0).then(|| format!("the legacy wait was {secs} s; current Waits allow 1–300 s (Standard)"));
                            e.push(("Seconds".into(), raw(((secs.round() as i64).clamp(1, 300)).to_string()), comment));
                        }
                        other => e.push(("Seconds".into(), value(other), None)),
                    },
                    (None, Some(t)) => e.push((
                        "Seconds".into(),
                        raw("1"),
                        Some(format!("the legacy step waited until timestamp {}; the current dialect has no equivalent, set the seconds by hand", t.value)),
                    )),
                    (None, None) => e.push(("Seconds".into(), raw("1"), None)),
                }
                push_io(&mut e, input, output);
                Self::transition(&mut e, next);
            }
            StepKind::Task(t) => {
                let arn = t.resource_arn.as_ref().map_or("", |a| a.value.as_str());
                let (action, params): (String, Vec<Entry>) = if let Some(action) = &t.action {
                    action_task(&action.value, t.service_params.as_ref(), &mut notes)
                } else if arn.starts_with("acs:fnf:") {
                    // With `serviceParams`, the legacy task started the child with them (`Input`,
                    // `ExecutionName`), as the `action` form does; else with the step's input.
                    let mut params = vec![("resourceArn".into(), s(arn), None)];
                    match t.service_params.as_ref().filter(|p| !p.fields.is_empty()) {
                        Some(sp) => params.extend(sp.fields.iter().map(|f| {
                            let key = match f.key.as_str() {
                                "Input" => "input",
                                "ExecutionName" => "executionName",
                                other => other,
                            };
                            step_param(key, f, step, &mut notes)
                        })),
                        None => params.push(payload("input", step)),
                    }
                    ("FNF:StartExecution".into(), params)
                } else if arn.starts_with("acs:mns:") {
                    let body = t.service_params.as_ref().and_then(|p| p.field("MessageBody"));
                    let message = match body {
                        Some(f) => step_param("message", f, step, &mut notes),
                        None => payload("message", step),
                    };
                    ("MNS:SendMessage".into(), vec![("resourceArn".into(), s(arn), None), message])
                } else {
                    // With `serviceParams`, the legacy task sent them (resolved) as the
                    // function's event; else the step's input.
                    let body = match t.service_params.as_ref().filter(|p| !p.fields.is_empty()) {
                        Some(sp) => (
                            "body".into(),
                            Y::Map(sp.fields.iter().map(|f| step_param(&f.key, f, step, &mut notes)).collect()),
                            None,
                        ),
                        None => payload("body", step),
                    };
                    (
                        "FC:InvokeFunction".into(),
                        vec![("resourceArn".into(), s(arn), None), ("invocationType".into(), raw("Sync"), None), body],
                    )
                };
                e.push(("Type".into(), raw("Task"), None));
                e.push(("Name".into(), s(name), None));
                e.push(("Action".into(), s(&action), None));
                let mode = match t.pattern.as_ref().map(|p| p.value.as_str()) {
                    Some("sync") => "WaitForSystemCallback",
                    Some("waitForCallback") => "WaitForCustomCallback",
                    _ => "RequestComplete",
                };
                e.push(("TaskMode".into(), raw(mode), None));
                e.push(("Parameters".into(), Y::Map(params), None));
                if let Some(to) = &t.timeout_seconds {
                    e.push(("Timeout".into(), raw(to.value.to_string()), None));
                }
                push_io(&mut e, input, output);
                if !t.retry.is_empty() {
                    let rules = t.retry.iter().map(|r| {
                        let mut m = vec![
                            ("Description".into(), s("migrated retry rule"), None),
                            ("Errors".into(), Y::Seq(r.errors.iter().map(|x| s(&x.value)).collect()), None),
                        ];
                        m.push((
                            "MaxAttempts".into(),
                            raw(r.max_attempts.as_ref().map_or(3, |x| x.value).to_string()),
                            None,
                        ));
                        m.push((
                            "IntervalSeconds".into(),
                            raw(fmt_num(r.interval_seconds.as_ref().map_or(1.0, |x| x.value))),
                            None,
                        ));
                        m.push((
                            "BackoffRate".into(),
                            raw(fmt_num(r.multiplier.as_ref().map_or(2.0, |x| x.value))),
                            None,
                        ));
                        if let Some(mi) = &r.max_interval_seconds {
                            m.push(("MaxBackoffSeconds".into(), raw(fmt_num(mi.value)), None));
                        }
                        Y::Map(m)
                    });
                    e.push(("Retry".into(), Y::Seq(rules.collect()), None));
                }
                if !t.catch.is_empty() {
                    let errors_out = t.error_mappings.as_ref().filter(|m| !m.is_empty()).map(|m| {
                        Y::Map(
                            m.iter()
                                .filter_map(|x| {
                                    let target = x.target.as_ref()?.value.clone();
                                    let src = x.source.as_ref()?.value.as_str().unwrap_or("").trim().to_owned();
                                    let expr = if src.starts_with("$local.error") {
                                        "$Context.Current.Error.Code"
                                    } else {
                                        "$Context.Current.Error.Detail"
                                    };
                                    Some((quote_if_needed(&format!("{target}.$")), raw(expr), None))
                                })
                                .collect(),
                        )
                    });
                    let mut caught_end = None;
                    let rules = t.catch.iter().map(|c| {
                        let mut m = vec![
                            ("Description".into(), s("migrated catch rule"), None),
                            ("Errors".into(), Y::Seq(c.errors.iter().map(|x| s(&x.value)).collect()), None),
                        ];
                        if let Some(out) = &errors_out {
                            m.push(("OutputConstructor".into(), clone_y(out), None));
                        }
                        // Without `goto`, the legacy step list goes on after the caught step,
                        // or ends: a Pass that ends the scope (not the Task itself, a loop).
                        let target = match (c.goto.as_ref(), next) {
                            (Some(g), _) => g.value.to_string(),
                            (None, Some(n)) => n.to_owned(),
                            (None, None) => {
                                let end = format!("{name} caught");
                                if caught_end.is_none() {
                                    caught_end = Some(Y::Map(vec![
                                        ("Type".into(), raw("Pass"), None),
                                        ("Name".into(), s(&end), None),
                                        ("End".into(), raw("true"), None),
                                    ]));
                                }
                                end
                            }
                        };
                        m.push(("Next".into(), s(&target), None));
                        Y::Map(m)
                    });
                    e.push(("Catch".into(), Y::Seq(rules.collect()), None));
                    extra = caught_end;
                }
                Self::transition(&mut e, next);
            }
            StepKind::Choice(c) => {
                e.push(("Type".into(), raw("Choice"), None));
                e.push(("Name".into(), s(name), None));
                let mut branches = Vec::new();
                let mut hoisted = Vec::new();
                for (i, b) in c.choices.iter().enumerate() {
                    let target = self.branch_target(
                        &b.steps,
                        b.goto.as_ref().map(|g| g.value.as_str()),
                        next,
                        &format!("{name} branch {}", i + 1),
                        &mut hoisted,
                    );
                    let cond = b.condition.as_ref().map_or_else(|| "true".to_owned(), |x| condition(&x.value));
                    branches
                        .push(Y::Map(vec![("Condition".into(), s(&cond), None), ("Next".into(), s(&target), None)]));
                }
                e.push(("Branches".into(), Y::Seq(branches), None));
                let default = match &c.default {
                    Some(d) => self.branch_target(
                        &d.steps,
                        d.goto.as_ref().map(|g| g.value.as_str()),
                        next,
                        &format!("{name} default"),
                        &mut hoisted,
                    ),
                    None => match next {
                        Some(n) => n.to_owned(),
                        None => {
                            let end = format!("{name} done");
                            hoisted.push(Y::Map(vec![
                                ("Type".into(), raw("Succeed"), None),
                                ("Name".into(), s(&end), None),
                            ]));
                            end
                        }
                    },
                };
                e.push(("Default".into(), s(&default), None));
                states.push(Y::Map(e));
                states.extend(hoisted);
                return;
            }
            StepKind::Loop(l) => {
                // A loop (spec §15.8b, INFERRED semantics) becomes a Choice entering the body
                // while `preCondition` holds (a Pass without one); the body's last state goes to a
                // Choice on `postCondition` that goes back to the loop (or straight back).
                let check = format!("{name} check");
                let back = if l.post_condition.is_some() { check.as_str() } else { name };
                let (body_start, body) = self.scope(&l.steps, Some(back));
                let body_start = if l.steps.steps.is_empty() { back.to_owned() } else { body_start };
                let mut hoisted = Vec::new();
                let exit = match next {
                    Some(n) => n.to_owned(),
                    None => {
                        let end = format!("{name} done");
                        hoisted
                            .push(Y::Map(vec![("Type".into(), raw("Succeed"), None), ("Name".into(), s(&end), None)]));
                        end
                    }
                };
                let note = (step.input_mappings.is_some() || step.output_mappings.is_some()).then(|| {
                    "the loop's mappings were not converted; the legacy loop kept its own local across passes"
                        .to_owned()
                });
                match &l.pre_condition {
                    Some(c) => {
                        e.push(("Type".into(), raw("Choice"), None));
                        e.push(("Name".into(), s(name), note));
                        let branch = Y::Map(vec![
                            ("Condition".into(), s(&loop_condition(&c.value)), None),
                            ("Next".into(), s(&body_start), None),
                        ]);
                        e.push(("Branches".into(), Y::Seq(vec![branch]), None));
                        e.push(("Default".into(), s(&exit), None));
                    }
                    None => {
                        e.push(("Type".into(), raw("Pass"), None));
                        e.push(("Name".into(), s(name), note));
                        e.push(("Next".into(), s(&body_start), None));
                    }
                }
                states.push(Y::Map(e));
                states.extend(body);
                if let Some(c) = &l.post_condition {
                    let branch = Y::Map(vec![
                        ("Condition".into(), s(&loop_condition(&c.value)), None),
                        ("Next".into(), s(name), None),
                    ]);
                    states.push(Y::Map(vec![
                        ("Type".into(), raw("Choice"), None),
                        ("Name".into(), s(&check), None),
                        ("Branches".into(), Y::Seq(vec![branch]), None),
                        ("Default".into(), s(&exit), None),
                    ]));
                }
                states.extend(hoisted);
                return;
            }
            StepKind::Parallel(p) => {
                e.push(("Type".into(), raw("Parallel"), None));
                e.push(("Name".into(), s(name), None));
                let branches = p.branches.iter().map(|b| {
                    let (start, states) = self.scope(b, None);
                    Y::Map(vec![("StartAt".into(), s(&start), None), ("States".into(), Y::Seq(states), None)])
                });
                e.push(("Branches".into(), Y::Seq(branches.collect()), None));
                push_io(&mut e, input, output);
                Self::transition(&mut e, next);
            }
            StepKind::Foreach(f) => {
                e.push(("Type".into(), raw("Map"), None));
                e.push(("Name".into(), s(name), None));
                let items = f
                    .collection
                    .as_ref()
                    .map_or_else(|| "$Input.items".to_owned(), |c| path(&c.value, Local::Result, &mut notes));
                e.push((
                    "ItemsPath".into(),
                    s(&items),
                    Some("each item is now the iteration's whole input (legacy foreach put it under `item`)".into()),
                ));
                let (start, inner) = self.scope(&f.steps, None);
                e.push((
                    "Processor".into(),
                    Y::Map(vec![("StartAt".into(), s(&start), None), ("States".into(), Y::Seq(inner), None)]),
                    None,
                ));
                push_io(&mut e, input, output);
                Self::transition(&mut e, next);
            }
        }
        if let Some((_, _, comment)) = e.get_mut(1)
            && !notes.is_empty()
        {
            *comment = Some(notes.join("; "));
        }
        self.notes.extend(notes);
        states.push(Y::Map(e));
        states.extend(extra);
    }

    /// Where a choice branch goes: its `goto`, or its inline steps hoisted into states that
    /// then continue with the step after the choice.
    fn branch_target(
        &mut self,
        steps: &StepList,
        goto: Option<&str>,
        next: Option<&str>,
        label: &str,
        hoisted: &mut Vec<Y>,
    ) -> String {
        if steps.steps.is_empty() {
            return goto.or(next).map_or_else(|| label.to_owned(), str::to_owned);
        }
        let (start, states) = self.scope(steps, goto.or(next));
        hoisted.extend(states);
        let _ = label;
        start
    }
}

/// A mapping list that is present and not empty (an empty list counts as absent).
fn non_empty(m: &Option<Vec<Mapping>>) -> Option<&[Mapping]> {
    m.as_deref().filter(|m| !m.is_empty())
}

/// Whether a legacy step always outputs `{}` (so adds nothing to its parent's local).
fn outputs_nothing(step: &Step) -> bool {
    if non_empty(&step.output_mappings).is_some() {
        return false;
    }
    match &step.kind {
        StepKind::Task(_) => false,
        StepKind::Choice(c) => c
            .choices
            .iter()
            .map(|b| &b.steps)
            .chain(c.default.as_ref().map(|d| &d.steps))
            .all(|list| list.steps.iter().all(outputs_nothing)),
        StepKind::Loop(l) => l.steps.steps.iter().all(outputs_nothing),
        _ => true,
    }
}

fn clone_y(y: &Y) -> Y {
    match y {
        Y::Map(m) => Y::Map(m.iter().map(|(k, v, c)| (k.clone(), clone_y(v), c.clone())).collect()),
        Y::Seq(items) => Y::Seq(items.iter().map(clone_y).collect()),
        Y::Scalar(t) => Y::Scalar(t.clone()),
    }
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 { format!("{}", v as i64) } else { v.to_string() }
}

/// Converts a legacy flow to the current dialect. `fallback_name` is used when the flow has no
/// `name` (the root `Name` must equal the flow's name in the API; check it).
pub fn migrate_legacy(flow: &LegacyFlow, fallback_name: &str) -> String {
    let mut c = Converter { notes: Vec::new() };
    let (mut start, mut states) = c.scope(&flow.steps, None);
    // The flow's `outputMappings` built its output from its input and local once its steps
    // ended: the states that end it go on to a Pass that builds it (from the last output).
    if let Some(m) = non_empty(&flow.output_mappings)
        && !states.is_empty()
    {
        for state in &mut states {
            let Y::Map(entries) = state else { continue };
            for (k, v, _) in entries.iter_mut() {
                match (k.as_str(), &*v) {
                    ("End", Y::Scalar(t)) if t == "true" => {
                        *k = "Next".into();
                        *v = s(FLOW_OUTPUT);
                    }
                    ("Type", Y::Scalar(t)) if t == "Succeed" => *v = raw("Pass"),
                    _ => continue,
                }
                if k == "Type" {
                    entries.push(("Next".into(), s(FLOW_OUTPUT), None));
                    break;
                }
            }
        }
        let mut notes = Vec::new();
        let output = constructor(m, Local::Parent, &mut notes);
        states.push(Y::Map(vec![
            ("Type".into(), raw("Pass"), None),
            (
                "Name".into(),
                s(FLOW_OUTPUT),
                Some(
                    "the legacy flow's outputMappings read its input and local; here both are the last state's output"
                        .into(),
                ),
            ),
            ("OutputConstructor".into(), output, None),
            ("End".into(), raw("true"), None),
        ]));
    }
    // The flow's `inputMappings` built the input its steps read: a Pass builds it first.
    if let Some(m) = non_empty(&flow.input_mappings)
        && !states.is_empty()
    {
        let mut notes = Vec::new();
        let input = constructor(m, Local::Parent, &mut notes);
        states.insert(
            0,
            Y::Map(vec![
                ("Type".into(), raw("Pass"), None),
                ("Name".into(), s(FLOW_INPUT), None),
                ("OutputConstructor".into(), input, None),
                ("Next".into(), s(&start), None),
            ]),
        );
        start = FLOW_INPUT.to_owned();
    }
    let name = flow.name.as_ref().map_or(fallback_name, |n| n.value.as_str());
    let mut root = vec![
        ("Type".into(), raw("StateMachine"), None),
        ("Name".into(), s(name), flow.name.is_none().then(|| "set Name to the flow's name in CloudFlow".to_owned())),
        ("SpecVersion".into(), raw("v1"), None),
        ("StartAt".into(), s(&start), None),
    ];
    // The legacy flow-level `timeoutSeconds` is the execution's time limit, as root `Timeout` is.
    if let Some(limit) = &flow.timeout_seconds {
        root.insert(3, ("Timeout".into(), raw(limit.value.to_string()), None));
    }
    // The legacy flow outputs its local, the union of its steps' outputs. When no step can
    // output anything (passes, waits, parallels and foreaches without `outputMappings`, choices
    // and loops of such), that is `{}`: the states that end the flow say so (a current state
    // would pass its input on).
    let quiet = flow.steps.steps.iter().all(outputs_nothing);
    if !quiet {
        root[1].2 = Some(match root[1].2.take() {
            Some(c) => format!("{c}; {DATA_MODEL_NOTE}"),
            None => DATA_MODEL_NOTE.to_owned(),
        });
    }
    if quiet && non_empty(&flow.output_mappings).is_none() {
        for state in &mut states {
            let Y::Map(entries) = state else { continue };
            let ends = entries.iter().any(|(k, v, _)| {
                (k == "End" && matches!(v, Y::Scalar(t) if t == "true"))
                    || (k == "Type" && matches!(v, Y::Scalar(t) if t == "Succeed"))
            });
            if ends && !entries.iter().any(|(k, _, _)| k == "OutputConstructor") {
                let at = entries.iter().position(|(k, _, _)| k == "End").unwrap_or(entries.len());
                entries.insert(at, ("OutputConstructor".into(), Y::Map(Vec::new()), None));
            }
        }
    }
    if states.is_empty() {
        root.push((
            "States".into(),
            Y::Seq(vec![Y::Map(vec![("Type".into(), raw("Succeed"), None), ("Name".into(), s("Done"), None)])]),
            None,
        ));
    } else {
        root.push(("States".into(), Y::Seq(states), None));
    }
    let mut body = String::new();
    print(&Y::Map(root), 0, &mut body);
    let notes = body.lines().filter(|l| l.trim_start().starts_with("# flowplay:")).count();
    format!(
        "# Migrated from the legacy dialect by flowplay; review the {notes} `# flowplay:` note{} (where the current dialect has no exact equivalent).\n{body}",
        if notes == 1 { "" } else { "s" }
    )
}

/// The states that build a legacy flow's input and output from its mappings.
const FLOW_INPUT: &str = "flow input";
const FLOW_OUTPUT: &str = "flow output";

/// The legacy data model has no exact current equivalent once steps output something.
const DATA_MODEL_NOTE: &str = "legacy steps read their parent's input merged with the outputs of the steps before them, and the flow output the union of its steps' outputs; a current state reads only the previous state's output: check what each state reads";

#[cfg(test)]
mod tests {
    #[test]
    fn paths_and_conditions_are_rewritten() {
        use super::Local::Result;
        let mut n = Vec::new();
        assert_eq!(super::path("$input.a.b", Result, &mut n), "$Input.a.b");
        assert_eq!(super::path("$.a", Result, &mut n), "$Input.a");
        assert_eq!(super::path("$local.x", Result, &mut n), "$Output.x");
        assert_eq!(super::path("$context.task.token", Result, &mut n), "$Context.Current.TaskToken");
        assert_eq!(super::condition("$.status == \"ok\" && $.n > 1"), "$Input.status == \"ok\" && $Input.n > 1");
        assert!(n.is_empty());
    }

    /// Issue 13, class 2: a task of the `action` form becomes the same API call.
    #[test]
    fn action_tasks_become_api_calls() {
        let legacy = "version: v1\ntype: flow\nsteps:\n  - type: task\n    name: ocr\n    action: ocr:RecognizeIdentityCard\n    timeoutSeconds: 30\n    serviceParams:\n      ImageURL: $.url\n      Side: face\n      Options:\n        Scale: 2\n        From: $input.from\n  - type: task\n    name: child\n    action: fnf:StartExecution\n    pattern: sync\n    serviceParams:\n      FlowName: child\n      Input: $\n      ExecutionName: $.id\n";
        let analysis = crate::analyze(legacy);
        let flow = analysis.document.as_ref().and_then(|d| d.as_legacy()).expect("legacy");
        let out = super::migrate_legacy(flow, "m");
        for line in [
            "    Action: ocr:RecognizeIdentityCard\n",
            "      ImageURL.$: $Input.url\n",
            "      Side: face\n",
            "        Scale: 2\n",
            "        From.$: $Input.from\n",
            "    Timeout: 30\n",
            "    Action: FNF:StartExecution\n",
            "    TaskMode: WaitForSystemCallback\n",
            "      resourceArn: acs:fnf:::flow/child\n",
            "      input.$: $Input\n",
            "      executionName.$: $Input.id\n",
        ] {
            assert!(out.contains(line), "missing {line:?} in\n{out}");
        }
        let report = crate::Linter::default().lint(&out);
        assert!(!report.has_errors(), "{:#?}\n{out}", report.diagnostics);
    }

    /// Issue 13, class 6: the migration never writes `[*]`, which the linter and the engine refuse.
    #[test]
    fn projections_become_expressions_the_engine_runs() {
        use super::Local::{Branches, Iterations, Result};
        let mut n = Vec::new();
        assert_eq!(
            super::path("$local[*].result", Branches(2), &mut n),
            "toArray($Output.Branch0.result, $Output.Branch1.result)"
        );
        assert_eq!(super::path("$local[1].x", Branches(2), &mut n), "$Output.Branch1.x");
        assert!(n.is_empty());
        assert_eq!(super::path("$local[0].name", Iterations, &mut n), "$Output.Items[0].name");
        assert_eq!(super::path("$local[*].name", Iterations, &mut n), "$Output.Items");
        assert_eq!(n.len(), 1);
        assert_eq!(super::path("$input.list[*].id", Result, &mut n), "$Input.list");
        assert_eq!(super::path("$local[*][*]", Branches(1), &mut n), "$Output");
        assert_eq!(super::path("$local.marker", super::Local::Parent, &mut n), "$Input.marker");
        // Issue 15 (differential test): the whole `$local` is the array of outputs.
        assert_eq!(super::path("$local", Branches(2), &mut n), "toArray($Output.Branch0, $Output.Branch1)");
        assert_eq!(super::path("$local", Iterations, &mut n), "$Output.Items");
        for text in ["$local[*].result", "$local[*].name", "$input.list[*].id", "$local[*][*]"] {
            for local in [Branches(3), Iterations, Result] {
                let out = super::path(text, local, &mut n);
                assert!(!out.contains("[*]"), "{text} -> {out}");
                crate::expr::parse(&out).unwrap_or_else(|e| panic!("{text} -> {out}: {e:?}"));
            }
        }
    }

    /// Issue 15: a `loop` step (spec §15.8b) becomes Choices around its body, lint-clean.
    #[test]
    fn loops_become_choices_around_the_body() {
        let legacy = "version: v1\ntype: flow\nsteps:\n  - type: loop\n    name: poll\n    preCondition: $.done != true\n    postCondition: $.tries < 5\n    steps:\n      - type: pass\n        name: body\n  - type: pass\n    name: after\n";
        let analysis = crate::analyze(legacy);
        let flow = analysis.document.as_ref().and_then(|d| d.as_legacy()).expect("legacy");
        let out = super::migrate_legacy(flow, "m");
        for line in [
            "  - Type: Choice\n    Name: poll\n",
            "      - Condition: $Input.done != true\n        Next: body\n",
            "    Default: after\n",
            "    Next: poll check\n",
            "    Name: poll check\n",
            "      - Condition: $Input.tries < 5\n        Next: poll\n",
        ] {
            assert!(out.contains(line), "missing {line:?} in\n{out}");
        }
        let report = crate::Linter::default().lint(&out);
        assert!(!report.has_errors(), "{:#?}\n{out}", report.diagnostics);
    }

    /// Issue 15: a loop condition reading `$local` reads the previous state's output, `$Input`
    /// (a Choice has no `$Output`: the current engine refused the migration).
    #[test]
    fn loop_conditions_read_the_local_as_the_input() {
        let legacy = "version: v1\ntype: flow\nsteps:\n  - type: loop\n    name: poll\n    preCondition: $local.done != true\n    postCondition: $local.tries < 5\n    steps:\n      - type: pass\n        name: body\n";
        let analysis = crate::analyze(legacy);
        let flow = analysis.document.as_ref().and_then(|d| d.as_legacy()).expect("legacy");
        let out = super::migrate_legacy(flow, "m");
        assert!(out.contains("      - Condition: $Input.done != true\n"), "{out}");
        assert!(out.contains("      - Condition: $Input.tries < 5\n"), "{out}");
        let report = crate::Linter::default().lint(&out);
        assert!(!report.has_errors(), "{:#?}\n{out}", report.diagnostics);
    }

    fn migrated(legacy: &str) -> String {
        let analysis = crate::analyze(legacy);
        let flow = analysis.document.as_ref().and_then(|d| d.as_legacy()).expect("legacy");
        let out = super::migrate_legacy(flow, "m");
        let report = crate::Linter::default().lint(&out);
        assert!(!report.has_errors(), "{:#?}\n{out}", report.diagnostics);
        out
    }

    /// Issue 15 (differential test): a task of the `resourceArn` form with `serviceParams`
    /// sends them, not its input (FC event, child flow `Input`/`ExecutionName`, MNS body).
    #[test]
    fn arn_tasks_send_their_service_params() {
        let out = migrated(
            "version: v1\ntype: flow\nsteps:\n  - type: task\n    name: fc\n    resourceArn: acs:fc:::services/s/functions/f\n    serviceParams:\n      a: $.x\n      b: 1\n  - type: task\n    name: child\n    resourceArn: acs:fnf:::flow/kid\n    serviceParams:\n      Input: $\n      ExecutionName: $.id\n  - type: task\n    name: mns\n    resourceArn: acs:mns:::/queues/q/messages\n    serviceParams:\n      MessageBody: hello\n",
        );
        for line in [
            "      body:\n        a.$: $Input.x\n        b: 1\n",
            "      resourceArn: acs:fnf:::flow/kid\n      input.$: $Input\n      executionName.$: $Input.id\n",
            "      message: hello\n",
        ] {
            assert!(out.contains(line), "missing {line:?} in\n{out}");
        }
    }

    /// Issue 15 (differential test): the callback token an `inputMappings` reads exists only
    /// when the call starts, so the call's parameters spell the input out with it.
    #[test]
    fn the_callback_token_reaches_the_call() {
        let out = migrated(
            "version: v1\ntype: flow\nsteps:\n  - type: task\n    name: fc\n    resourceArn: acs:fc:::services/s/functions/f\n    pattern: waitForCallback\n    inputMappings:\n      - target: who\n        source: $input.who\n      - target: token\n        source: $context.task.token\n  - type: task\n    name: mns\n    resourceArn: acs:mns:::/topics/t/messages\n    pattern: waitForCallback\n    inputMappings:\n      - target: token\n        source: $context.task.token\n    serviceParams:\n      MessageBody: $\n",
        );
        for line in [
            "      body:\n        who.$: $Input.who\n        token.$: $Context.Current.TaskToken\n",
            "      message:\n        token.$: $Context.Current.TaskToken\n",
        ] {
            assert!(out.contains(line), "missing {line:?} in\n{out}");
        }
    }

    /// Issue 15 (differential test): a legacy flow whose steps output nothing outputs `{}`;
    /// the states that end the migrated flow say so instead of passing their input on.
    #[test]
    fn a_flow_of_steps_without_outputs_outputs_nothing() {
        let out =
            migrated("version: v1\ntype: flow\nsteps:\n  - type: pass\n    name: a\n  - type: succeed\n    name: ok\n");
        assert!(out.contains("    Name: ok\n    OutputConstructor: {}\n"), "{out}");
        let out = migrated("version: v1\ntype: flow\nsteps:\n  - type: pass\n    name: a\n");
        assert!(out.contains("    Name: a\n    OutputConstructor: {}\n    End: true\n"), "{out}");
        let out = migrated(
            "version: v1\ntype: flow\nsteps:\n  - type: task\n    name: a\n    resourceArn: acs:fc:::services/s/functions/f\n",
        );
        assert!(!out.contains("OutputConstructor"), "{out}");
    }

    /// Issue 15 (proptest of the differential test): a catch without `goto` on the last step
    /// ends the list; it went back to the failed Task itself, a loop.
    #[test]
    fn a_catch_without_goto_on_the_last_step_ends_the_list() {
        let out = migrated(
            "version: v1\ntype: flow\nsteps:\n  - type: task\n    name: t\n    resourceArn: acs:fc:::services/s/functions/f\n    catch:\n      - errors: [FnF.ALL]\n",
        );
        assert!(out.contains("        Next: t caught\n"), "{out}");
        assert!(out.contains("  - Type: Pass\n    Name: t caught\n"), "{out}");
        assert!(!out.contains("        Next: t\n"), "{out}");
    }

    /// Issue 15 (differential test): the flow's own input and output mappings were dropped.
    #[test]
    fn flow_mappings_become_passes_around_the_steps() {
        let out = migrated(
            "version: v1\ntype: flow\ninputMappings:\n  - target: who\n    source: $input.user\noutputMappings:\n  - target: x\n    source: $local.x\nsteps:\n  - type: pass\n    name: a\n    outputMappings:\n      - target: x\n        source: $input.who\n  - type: succeed\n    name: done\n",
        );
        for line in [
            "StartAt: flow input\n",
            "    Name: flow input\n    OutputConstructor:\n      who.$: $Input.user\n    Next: a\n",
            "  - Type: Pass\n    Name: done\n    Next: flow output\n",
            "    Name: flow output\n    OutputConstructor:\n      x.$: $Input.x\n    End: true\n",
        ] {
            assert!(out.contains(line), "missing {line:?} in\n{out}");
        }
    }

    #[test]
    fn the_flow_timeout_becomes_root_timeout() {
        let legacy = "version: v1\ntype: flow\ntimeoutSeconds: 600\nsteps:\n  - type: pass\n    name: a\n";
        let analysis = crate::analyze(legacy);
        let flow = analysis.document.as_ref().and_then(|d| d.as_legacy()).expect("legacy");
        let migrated = super::migrate_legacy(flow, "f");
        let current = crate::analyze(&migrated);
        let flow = current.document.as_ref().and_then(|d| d.as_current()).expect("current");
        assert_eq!(flow.timeout_seconds(), Some(600), "{migrated}");
        assert!(
            !crate::Linter::default()
                .lint(&migrated)
                .diagnostics
                .iter()
                .any(|d| d.code == "FDL-S010" || d.code == "FDL-S009")
        );
    }
}
