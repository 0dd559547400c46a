//! Prints a current-dialect model back to YAML: block style for the structure, JSON (valid YAML
//! flow) for values, keys in the reference's order. Comments, formatting and unknown keys are
//! not kept: this is the model's canonical text (used by the property test that printing then
//! re-parsing gives the same model; `--fix` edits the source text instead and keeps it all).
//!
//! Opaque distributed-Map objects (`ItemReader`, `ItemBatcher`, `ResultWriter`, `MaxItems`,
//! `ProcessorConfig`), kept in the model as spans only, are printed from the source's YAML tree.

use compact_str::CompactString;
use std::cell::OnceCell;
use std::fmt::Write as _;

use serde_json::Value;

use crate::model::{Catcher, Constructor, Field, Flow, Retrier, Scope, Spanned, State, StateKind, Template};
use crate::span::Span;
use crate::yaml::{Node, Scalar, ScalarStyle, ScalarValue};

/// The canonical YAML of `flow`; `source` is the text it was lowered from.
pub fn print_flow(flow: &Flow, source: &str) -> String {
    let tree = OnceCell::new();
    let mut p = Printer { out: String::new(), source, tree: &tree };
    p.scalar_line(0, "Type", flow.type_.as_ref().map(|t| Value::from(t.value.as_str())));
    p.scalar_line(0, "Name", flow.name.as_ref().map(|t| Value::from(t.value.as_str())));
    p.scalar_line(0, "SpecVersion", flow.spec_version.as_ref().map(|t| Value::from(t.value.as_str())));
    p.scalar_line(0, "Description", flow.description.as_ref().map(|t| Value::from(t.value.as_str())));
    p.scalar_line(0, "Timeout", flow.timeout.as_ref().map(|t| number(t.value)));
    p.scope(0, &flow.scope);
    p.out
}

struct Printer<'t> {
    out: String,
    source: &'t str,
    /// The source's YAML tree, parsed only when an opaque object is printed.
    tree: &'t OnceCell<Option<Node>>,
}

/// Quotes a name for YAML when a plain scalar would not read back as the same string.
pub fn quote_if_needed(name: &str) -> String {
    let plain_ok = !name.is_empty()
        && !name.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@` ".contains(c))
        && !name.contains(": ")
        && !name.contains(" #")
        && !name.ends_with([' ', ':'])
        && Scalar { value: name.into(), style: ScalarStyle::Plain, tag: None }.resolve() == ScalarValue::Str(name);
    if plain_ok { name.to_owned() } else { serde_json::to_string(name).unwrap_or_else(|_| format!("{name:?}")) }
}

fn quoted(text: &str) -> String {
    Value::from(text).to_string()
}

fn number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 1e15 { Value::from(x as i64) } else { Value::from(x) }
}

impl Printer<'_> {
    fn indent(&mut self, depth: usize) {
        self.out.push_str(&"  ".repeat(depth));
    }

    fn scalar_line(&mut self, depth: usize, key: &str, value: Option<Value>) {
        if let Some(v) = value {
            self.indent(depth);
            let _ = writeln!(self.out, "{key}: {v}");
        }
    }

    fn text(&mut self, depth: usize, key: &str, value: Option<&Spanned<CompactString>>) {
        self.scalar_line(depth, key, value.map(|v| Value::from(v.value.as_str())));
    }

    fn scope(&mut self, depth: usize, scope: &Scope) {
        self.text(depth, "StartAt", scope.start_at.as_ref());
        self.indent(depth);
        self.out.push_str("States:\n");
        for state in &scope.states {
            self.state(depth + 1, state);
        }
    }

    fn state(&mut self, depth: usize, s: &State) {
        // `- ` then the first key; the others line up under it.
        self.indent(depth);
        self.out.push_str("- ");
        let type_text = s.type_.as_ref().map_or_else(|| "\"\"".to_owned(), |t| quoted(&t.value));
        let _ = writeln!(self.out, "Type: {type_text}");
        let d = depth + 1;
        self.text(d, "Name", s.name.as_ref());
        self.text(d, "Description", s.description.as_ref());
        self.constructor(d, "InputConstructor", s.input_constructor.as_ref());
        match &s.kind {
            StateKind::Task(t) => {
                self.text(d, "Action", t.action.as_ref());
                self.text(d, "TaskMode", t.task_mode.as_ref());
                self.constructor(d, "Parameters", t.parameters.as_ref());
                self.scalar_line(d, "Timeout", t.timeout.as_ref().map(|v| Value::from(v.value)));
            }
            StateKind::Choice(c) => {
                self.indent(d);
                self.out.push_str("Branches:\n");
                for b in &c.branches {
                    self.indent(d + 1);
                    self.out.push_str("- ");
                    let condition = b.condition.as_ref().map_or_else(|| "null".to_owned(), |e| quoted(&e.text));
                    let _ = writeln!(self.out, "Condition: {condition}");
                    self.text(d + 2, "Next", b.next.as_ref());
                }
                self.text(d, "Default", c.default.as_ref());
            }
            StateKind::Parallel(p) => {
                self.indent(d);
                self.out.push_str("Branches:\n");
                for branch in &p.branches {
                    self.indent(d + 1);
                    self.out.push_str("- ");
                    // The scope's keys start on the `- ` line.
                    let mut inner = Printer { out: String::new(), source: self.source, tree: self.tree };
                    inner.scope(d + 2, branch);
                    self.out.push_str(inner.out.trim_start());
                }
            }
            StateKind::Map(m) => {
                self.scalar_line(d, "ItemsPath", m.items_path.as_ref().map(|e| Value::from(e.text.as_str())));
                self.opaque(d, "ProcessorConfig", m.processor_config);
                self.opaque(d, "ItemReader", m.item_reader);
                self.opaque(d, "ItemBatcher", m.item_batcher);
                self.opaque(d, "ResultWriter", m.result_writer);
                self.opaque(d, "MaxItems", m.max_items);
                self.constructor(d, "ItemConstructor", m.item_constructor.as_ref());
                self.scalar_line(d, "MaxConcurrency", m.max_concurrency.as_ref().map(|v| Value::from(v.value)));
                self.scalar_line(
                    d,
                    "ToleratedFailurePercentage",
                    m.tolerated_failure_percentage.as_ref().map(|v| number(v.value)),
                );
                self.scalar_line(
                    d,
                    "ToleratedFailureCount",
                    m.tolerated_failure_count.as_ref().map(|v| Value::from(v.value)),
                );
                if let Some(processor) = &m.processor {
                    self.indent(d);
                    self.out.push_str("Processor:\n");
                    self.scope(d + 1, processor);
                }
            }
            StateKind::Wait(w) => {
                self.scalar_line(d, "Seconds", w.seconds.as_ref().map(|v| number(v.value)));
                self.scalar_line(d, "Seconds.$", w.seconds_expr.as_ref().map(|e| Value::from(e.text.as_str())));
                self.text(d, "UntilDateTime", w.until_date_time.as_ref());
            }
            StateKind::Fail(f) => {
                self.text(d, "Code", f.code.as_ref());
                self.text(d, "Detail", f.detail.as_ref());
            }
            StateKind::Pass | StateKind::Succeed | StateKind::Unknown => {}
        }
        self.constructor(d, "OutputConstructor", s.output_constructor.as_ref());
        self.constructor(d, "GlobalConstructor", s.global_constructor.as_ref());
        self.retriers(d, &s.retry);
        self.catchers(d, &s.catch);
        self.text(d, "Next", s.next.as_ref());
        self.scalar_line(d, "End", s.end.as_ref().map(|e| Value::from(e.value)));
    }

    fn retriers(&mut self, d: usize, retry: &[Retrier]) {
        if retry.is_empty() {
            return;
        }
        self.indent(d);
        self.out.push_str("Retry:\n");
        for r in retry {
            self.rule_head(d + 1, &r.errors, r.description.as_ref());
            self.scalar_line(d + 2, "MaxAttempts", r.max_attempts.as_ref().map(|v| Value::from(v.value)));
            self.scalar_line(d + 2, "IntervalSeconds", r.interval_seconds.as_ref().map(|v| number(v.value)));
            self.scalar_line(d + 2, "BackoffRate", r.backoff_rate.as_ref().map(|v| number(v.value)));
            self.scalar_line(d + 2, "MaxBackoffSeconds", r.max_backoff_seconds.as_ref().map(|v| number(v.value)));
        }
    }

    fn catchers(&mut self, d: usize, catch: &[Catcher]) {
        if catch.is_empty() {
            return;
        }
        self.indent(d);
        self.out.push_str("Catch:\n");
        for c in catch {
            self.rule_head(d + 1, &c.errors, c.description.as_ref());
            self.constructor(d + 2, "OutputConstructor", c.output_constructor.as_ref());
            self.text(d + 2, "Next", c.next.as_ref());
        }
    }

    /// `- Errors: [...]` and `Description` of a Retry or Catch rule.
    fn rule_head(
        &mut self,
        depth: usize,
        errors: &[Spanned<CompactString>],
        description: Option<&Spanned<CompactString>>,
    ) {
        self.indent(depth);
        let errors: Vec<&str> = errors.iter().map(|e| e.value.as_str()).collect();
        let _ = writeln!(self.out, "- Errors: {}", Value::from(errors));
        self.text(depth + 1, "Description", description);
    }

    fn constructor(&mut self, depth: usize, key: &str, c: Option<&Constructor>) {
        if let Some(c) = c {
            self.indent(depth);
            let _ = writeln!(self.out, "{key}: {}", fields_json(&c.fields));
        }
    }

    /// A distributed-Map object the model keeps as a span: its YAML, as JSON.
    fn opaque(&mut self, depth: usize, key: &str, span: Option<Span>) {
        let Some(span) = span else { return };
        let tree = self.tree.get_or_init(|| crate::yaml::parse(self.source, crate::yaml::ParseLimits::default()).root);
        let value = tree.as_ref().and_then(|t| node_at(t, span)).map_or(Value::Null, Node::to_json);
        self.scalar_line(depth, key, Some(value));
    }
}

/// A constructor's fields as one JSON object (keys as written, `.$` included).
fn fields_json(fields: &[Field]) -> String {
    let object: serde_json::Map<String, Value> =
        fields.iter().map(|f| (f.raw_key.to_string(), template_json(&f.value))).collect();
    Value::Object(object).to_string()
}

fn template_json(t: &Template) -> Value {
    match t {
        Template::Literal { value, .. } => value.clone(),
        Template::Expression(e) => Value::from(e.text.as_str()),
        Template::Object { fields, .. } => {
            Value::Object(fields.iter().map(|f| (f.raw_key.to_string(), template_json(&f.value))).collect())
        }
        Template::Array { items, .. } => Value::Array(items.iter().map(template_json).collect()),
    }
}

/// The node whose span is exactly `span`.
fn node_at(node: &Node, span: Span) -> Option<&Node> {
    if node.span == span {
        return Some(node);
    }
    if let Some(entries) = node.as_map() {
        return entries.iter().find_map(|e| node_at(&e.value, span));
    }
    node.as_seq().and_then(|items| items.iter().find_map(|n| node_at(n, span)))
}
