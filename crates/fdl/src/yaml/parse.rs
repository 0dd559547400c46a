//! Builds the spanned tree from `granit-parser` events and reports YAML-level problems as
//! diagnostics: syntax errors, duplicate keys, tabs, YAML 1.1 booleans, alias bombs, excessive
//! nesting, oversized documents and extra documents. Never panics; hostile input is refused
//! quickly with a located error.

use std::collections::HashMap;

#[cfg(feature = "full-yaml")]
use granit_parser::{Event, Marker, Parser, ScanError};

use super::fast::{MAX_DEPTH_ALONE, Refusal};
use super::tree::{Entry, Node, ScalarStyle};
#[cfg(feature = "full-yaml")]
use super::tree::{NodeKind, Scalar};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::lint::rules::syntax::{
    p001_syntax::YamlSyntax, p004_too_large::DocumentTooLarge, p005_too_deep::NestingTooDeep,
    p006_alias_budget::AliasBudget, p007_multiple_documents::MultipleDocuments, p008_duplicate_key::DuplicateKey,
    p009_tab_indent::TabIndent, p010_yaml11_boolean::Yaml11Boolean,
};
use crate::span::Span;
#[cfg(feature = "full-yaml")]
use compact_str::CompactString;

/// Hard limits applied while parsing. The defaults follow the service where it has a limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseLimits {
    /// Largest accepted document. CloudFlow's API request limit is 1,024 KiB (spec §12), which
    /// bounds the definition size.
    pub max_bytes: usize,
    /// Deepest accepted nesting of mappings and sequences. Real workflows nest a few levels per
    /// Parallel/Map; 64 leaves room for about a dozen nested control states.
    pub max_depth: usize,
    /// Most nodes that alias expansion may create in one document (alias-bomb guard).
    pub max_alias_nodes: usize,
}

impl ParseLimits {
    pub const DEFAULT_MAX_BYTES: usize = 1024 * 1024;
    pub const DEFAULT_MAX_DEPTH: usize = 64;
    pub const DEFAULT_MAX_ALIAS_NODES: usize = 10_000;
}

impl Default for ParseLimits {
    fn default() -> Self {
        Self {
            max_bytes: Self::DEFAULT_MAX_BYTES,
            max_depth: Self::DEFAULT_MAX_DEPTH,
            max_alias_nodes: Self::DEFAULT_MAX_ALIAS_NODES,
        }
    }
}

/// A `# comment`, with the text after `#`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub span: Span,
    pub text: String,
}

/// The result of parsing: the tree of the first document (if it could be built), every comment,
/// and the YAML-level diagnostics.
#[derive(Clone, Debug, Default)]
pub struct YamlDocument {
    pub root: Option<Node>,
    pub comments: Vec<Comment>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses `source` into a spanned tree. Only the first document is kept.
///
/// Common block-style workflows go through the fast scanner (`super::fast`); anything it is
/// unsure of is parsed with granit, which stays the reference. Without the `full-yaml` feature
/// (the embed package) there is no granit: see [`parse_subset`].
pub fn parse(source: &str, limits: ParseLimits) -> YamlDocument {
    #[cfg(feature = "full-yaml")]
    {
        if let Some(doc) = too_large(source, limits) {
            return doc;
        }
        super::fast::parse(source, limits, false).unwrap_or_else(|_| parse_events(source, limits))
    }
    #[cfg(not(feature = "full-yaml"))]
    parse_subset(source, limits)
}

/// Parses with the fast scanner alone, what a build without granit does: a document outside its
/// subset (see `yaml/fast.rs`) gets one error (FDL-P001, or FDL-P005/FDL-P009 where those fit)
/// at the place the scanner stopped, saying what it met there.
#[doc(hidden)]
pub fn parse_subset(source: &str, limits: ParseLimits) -> YamlDocument {
    if let Some(doc) = too_large(source, limits) {
        return doc;
    }
    super::fast::parse(source, limits, true).unwrap_or_else(|refusal| refused(source, limits, refusal))
}

/// Parses with granit only, bypassing the fast scanner: the reference the fast path is tested
/// against.
#[cfg(feature = "full-yaml")]
#[doc(hidden)]
pub fn parse_full(source: &str, limits: ParseLimits) -> YamlDocument {
    too_large(source, limits).unwrap_or_else(|| parse_events(source, limits))
}

/// The document the scanner could not read, as a build without granit reports it.
fn refused(source: &str, limits: ParseLimits, refusal: Refusal) -> YamlDocument {
    let diagnostic = match refusal {
        Refusal::TooDeep(at) => too_deep(source, limits.max_depth.min(MAX_DEPTH_ALONE), at as u32),
        Refusal::AliasBudget(start, end) => alias_budget(Span::from_range(start..end), limits.max_alias_nodes),
        Refusal::Unreadable(at, reason) => {
            let at = at.min(source.len()) as u32;
            tab_in_indentation_of_line(source, at).unwrap_or_else(|| {
                Diagnostic::error(
                    YamlSyntax::META.code,
                    char_span_at(source, at),
                    format!("cannot read this YAML: {reason}"),
                )
                .with_help(
                    "the embedded validator reads the block-style YAML workflows are written in; if this is valid \
                         YAML, `flowplay lint` and the playground read all of YAML 1.2",
                )
            })
        }
    };
    YamlDocument { root: None, comments: Vec::new(), diagnostics: vec![diagnostic] }
}

/// FDL-P006 at the alias whose expansion goes over the budget.
fn alias_budget(span: Span, max_alias_nodes: usize) -> Diagnostic {
    Diagnostic::error(
        AliasBudget::META.code,
        span,
        format!(
            "expanding aliases would create more than {max_alias_nodes} nodes; the document is refused (this is \
             how an alias bomb looks)"
        ),
    )
    .with_help("write the repeated content out, or use fewer nested aliases")
}

/// FDL-P007 at the `---` (`start..end`) that starts a second document.
pub(super) fn second_document(source: &str, start: u32, end: u32) -> Diagnostic {
    Diagnostic::error(
        MultipleDocuments::META.code,
        whole_chars(source, start, end),
        "a workflow file holds exactly one YAML document; everything from this `---` on is ignored",
    )
    .with_help("put each workflow in its own file")
}

fn too_deep(source: &str, max_depth: usize, at: u32) -> Diagnostic {
    Diagnostic::error(
        NestingTooDeep::META.code,
        whole_chars(source, at, at.saturating_add(1)),
        format!("mappings and lists are nested more than {max_depth} levels deep here"),
    )
    .with_help("flatten the structure; CloudFlow workflows need only a few levels per Parallel or Map")
}

/// FDL-P009 when the line holding `offset` is indented with a tab: what a syntax error there
/// usually is.
fn tab_in_indentation_of_line(source: &str, offset: u32) -> Option<Diagnostic> {
    tab_span_on_line(source, offset).filter(|t| is_indentation(source, t.start)).map(tab_in_indentation)
}

fn tab_in_indentation(tab: Span) -> Diagnostic {
    Diagnostic::error(TabIndent::META.code, tab, "tab character in indentation; YAML indents with spaces only")
        .with_fix(Fix::replace("replace the tab with two spaces", tab, "  ", Applicability::Unsafe))
}

/// The document refused for its size, if it is over the limit.
fn too_large(source: &str, limits: ParseLimits) -> Option<YamlDocument> {
    if source.len() > limits.max_bytes {
        let mut doc = YamlDocument::default();
        doc.diagnostics.push(
            Diagnostic::error(
                DocumentTooLarge::META.code,
                Span::empty(0),
                format!(
                    "the document is {} bytes; flowplay accepts at most {} bytes (CloudFlow's API rejects \
                     definitions over 1,024 KiB)",
                    source.len(),
                    limits.max_bytes
                ),
            )
            .with_help("split the workflow, or move large constants out of the definition"),
        );
        return Some(doc);
    }
    None
}

#[cfg(feature = "full-yaml")]
/// Builds the document from granit-parser events.
fn parse_events(source: &str, limits: ParseLimits) -> YamlDocument {
    let doc = YamlDocument::default();
    let options = granit_parser::options! {
        flow_nesting_limit: limits.max_depth,
        block_nesting_limit: limits.max_depth,
    };
    let mut builder = Builder { source, limits, stack: Vec::new(), anchors: HashMap::new(), alias_nodes: 0, doc };
    let mut documents = 0usize;
    for item in Parser::new_from_str_with_options(source, options) {
        match item {
            Err(err) => {
                let diagnostic = builder.scan_error(&err);
                builder.doc.diagnostics.push(diagnostic);
                builder.doc.root = None;
                break;
            }
            Ok((event, span)) => {
                let span = to_span(source, &span.start, &span.end);
                match event {
                    Event::DocumentStart(..) => {
                        documents += 1;
                        if documents == 2 {
                            let end = span.start.saturating_add(3).min(span.end.max(span.start + 1));
                            builder.doc.diagnostics.push(second_document(source, span.start, end));
                        }
                    }
                    Event::Comment(text, _) => {
                        builder.doc.comments.push(Comment { span, text: text.into_owned() });
                    }
                    _ if documents >= 2 => {}
                    other => {
                        if let Err(diagnostic) = builder.event(other, span) {
                            builder.doc.diagnostics.push(*diagnostic);
                            builder.doc.root = None;
                            break;
                        }
                    }
                }
            }
        }
    }
    builder.doc
}

#[cfg(feature = "full-yaml")]
fn to_span(source: &str, start: &Marker, end: &Marker) -> Span {
    let s = marker_offset(source, start);
    let e = marker_offset(source, end).max(s);
    Span::from_range(s..e)
}

#[cfg(feature = "full-yaml")]
/// Byte offset of a marker. `new_from_str` fills byte offsets; the char index is a fallback.
fn marker_offset(source: &str, marker: &Marker) -> usize {
    match marker.byte_offset() {
        Some(b) => b.min(source.len()),
        None => source.char_indices().nth(marker.index()).map_or(source.len(), |(i, _)| i),
    }
}

#[cfg(feature = "full-yaml")]
enum Frame {
    Seq { start: u32, items: Vec<Node>, anchor: usize, flow: bool },
    Map { start: u32, entries: Vec<Entry>, key: Option<Node>, anchor: usize, flow: bool },
}

#[cfg(feature = "full-yaml")]
struct Builder<'s> {
    source: &'s str,
    limits: ParseLimits,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    alias_nodes: usize,
    doc: YamlDocument,
}

#[cfg(feature = "full-yaml")]
impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), Box<Diagnostic>> {
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                let style = match style {
                    granit_parser::ScalarStyle::Plain => ScalarStyle::Plain,
                    granit_parser::ScalarStyle::SingleQuoted => ScalarStyle::SingleQuoted,
                    granit_parser::ScalarStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
                    granit_parser::ScalarStyle::Literal => ScalarStyle::Literal,
                    _ => ScalarStyle::Folded,
                };
                let tag = tag.map(|t| {
                    if t.is_yaml_core_schema() {
                        t.suffix().to_string()
                    } else {
                        format!("{}{}", t.handle(), t.suffix())
                    }
                });
                let node =
                    Node { kind: NodeKind::Scalar(Scalar { value: CompactString::from(value), style, tag }), span };
                self.complete(node, anchor)
            }
            Event::SequenceStart(style, anchor, _) => {
                self.check_depth(span)?;
                let flow = style == granit_parser::StructureStyle::Flow;
                self.stack.push(Frame::Seq { start: span.start, items: Vec::new(), anchor, flow });
                Ok(())
            }
            Event::MappingStart(style, anchor, _) => {
                self.check_depth(span)?;
                let flow = style == granit_parser::StructureStyle::Flow;
                self.stack.push(Frame::Map { start: span.start, entries: Vec::new(), key: None, anchor, flow });
                Ok(())
            }
            Event::SequenceEnd => match self.stack.pop() {
                Some(Frame::Seq { start, items, anchor, flow }) => {
                    let end = collection_end(flow, span, items.last().map(|n| n.span.end));
                    self.complete(Node { kind: NodeKind::Seq(items), span: Span::new(start, end) }, anchor)
                }
                _ => Err(Box::new(Diagnostic::error(YamlSyntax::META.code, span, "unbalanced YAML sequence"))),
            },
            Event::MappingEnd => match self.stack.pop() {
                Some(Frame::Map { start, entries, anchor, flow, .. }) => {
                    check_duplicate_keys(&entries, &mut self.doc.diagnostics);
                    let end = collection_end(flow, span, entries.last().map(|e| e.value.span.end));
                    self.complete(Node { kind: NodeKind::Map(entries), span: Span::new(start, end) }, anchor)
                }
                _ => Err(Box::new(Diagnostic::error(YamlSyntax::META.code, span, "unbalanced YAML mapping"))),
            },
            Event::Alias(id) => {
                let Some(target) = self.anchors.get(&id) else {
                    return Err(Box::new(Diagnostic::error(YamlSyntax::META.code, span, "alias to an unknown anchor")));
                };
                let count = target.count();
                self.alias_nodes = self.alias_nodes.saturating_add(count);
                if self.alias_nodes > self.limits.max_alias_nodes {
                    return Err(Box::new(alias_budget(span, self.limits.max_alias_nodes)));
                }
                let mut node = target.clone();
                node.span = span;
                self.complete(node, 0)
            }
            _ => Ok(()),
        }
    }

    fn check_depth(&self, span: Span) -> Result<(), Box<Diagnostic>> {
        if self.stack.len() >= self.limits.max_depth {
            return Err(Box::new(self.too_deep(span)));
        }
        Ok(())
    }

    fn too_deep(&self, span: Span) -> Diagnostic {
        too_deep(self.source, self.limits.max_depth, span.start)
    }

    /// Attaches a finished node to its parent (or makes it the root) and records its anchor.
    fn complete(&mut self, node: Node, anchor: usize) -> Result<(), Box<Diagnostic>> {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => {
                if self.doc.root.is_none() {
                    self.doc.root = Some(node);
                }
            }
            Some(Frame::Seq { items, .. }) => {
                check_yaml11_boolean(&node, self.source, &mut self.doc.diagnostics);
                items.push(node);
            }
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => *key = Some(node),
                Some(k) => {
                    check_yaml11_boolean(&node, self.source, &mut self.doc.diagnostics);
                    entries.push(Entry { key: k, value: node });
                }
            },
        }
        Ok(())
    }

    fn scan_error(&self, err: &ScanError) -> Diagnostic {
        use granit_parser::ErrorKind;
        let offset = marker_offset(self.source, err.marker()) as u32;
        let span = char_span_at(self.source, offset);
        match err.kind() {
            ErrorKind::RecursionLimitExceeded => self.too_deep(span),
            ErrorKind::TabNotAllowed | ErrorKind::TabInBlockIndentation => {
                tab_in_indentation(tab_span_on_line(self.source, offset).unwrap_or(span))
            }
            kind => {
                // A tab in indentation often surfaces as another error (e.g. inside a plain
                // scalar); report it as what it is when the failing line is indented with one.
                tab_in_indentation_of_line(self.source, offset).unwrap_or_else(|| {
                    Diagnostic::error(YamlSyntax::META.code, span, format!("YAML syntax error: {kind}"))
                })
            }
        }
    }
}

/// Reports duplicate keys of a finished mapping (FDL-P008), the first occurrence labelled.
pub(super) fn check_duplicate_keys(entries: &[Entry], out: &mut Vec<Diagnostic>) {
    // Most mappings have a handful of keys: comparing pairs is cheaper than hashing them.
    const SMALL: usize = 16;
    let mut seen: HashMap<&str, Span> = HashMap::new();
    for (i, entry) in entries.iter().enumerate() {
        let Some(key) = entry.key_str() else { continue };
        let first = if entries.len() <= SMALL {
            entries.get(..i).unwrap_or_default().iter().find(|e| e.key_str() == Some(key)).map(|e| e.key.span)
        } else {
            seen.get(key).copied()
        };
        if let Some(first) = first {
            out.push(
                Diagnostic::error(
                    DuplicateKey::META.code,
                    entry.key.span,
                    format!("duplicate key `{key}`; YAML mappings need unique keys (which one wins is undefined)"),
                )
                .with_label(first, "first defined here")
                .with_help("remove or rename one of the two entries"),
            );
        } else if entries.len() > SMALL {
            seen.insert(key, entry.key.span);
        }
    }
}

#[cfg(feature = "full-yaml")]
/// Block collections end where their last child ends (the end event sits on the next token);
/// flow collections end after their closing bracket.
fn collection_end(flow: bool, end_event: Span, last_child_end: Option<u32>) -> u32 {
    match (flow, last_child_end) {
        (false, Some(end)) => end,
        _ => end_event.end.max(end_event.start),
    }
}

/// Whether only spaces and tabs precede `offset` on its line.
fn is_indentation(source: &str, offset: u32) -> bool {
    let line_start = source.get(..offset as usize).and_then(|p| p.rfind('\n')).map_or(0, |i| i + 1);
    source.get(line_start..offset as usize).is_some_and(|p| p.chars().all(|c| c == ' ' || c == '\t'))
}

/// A one-character span at `offset` (zero-width at the end of the text).
fn char_span_at(source: &str, offset: u32) -> Span {
    let len = source.get(offset as usize..).and_then(|rest| rest.chars().next()).map_or(0, char::len_utf8);
    Span::new(offset, offset + len as u32)
}

/// The first tab in the indentation of the line containing `offset`.
fn tab_span_on_line(source: &str, offset: u32) -> Option<Span> {
    let line_start = source.get(..offset as usize)?.rfind('\n').map_or(0, |i| i + 1);
    let line = &source[line_start..];
    let indent_len = line.len() - line.trim_start_matches([' ', '\t']).len();
    let tab = line[..indent_len].find('\t').or_else(|| line.find('\t'))?;
    let start = (line_start + tab) as u32;
    Some(Span::new(start, start + 1))
}

/// Warns on YAML 1.1 boolean spellings in value position (spec §1.4, FDL-P010): with the YAML
/// 1.2 core schema `yes` is a string, with YAML 1.1 libraries it is `true`. The backend's YAML
/// library is unknown (UNCERTAIN), so the author should say what they mean.
pub(super) fn check_yaml11_boolean(node: &Node, source: &str, out: &mut Vec<Diagnostic>) {
    let Some(scalar) = node.as_scalar() else { return };
    if scalar.style != ScalarStyle::Plain || scalar.tag.is_some() {
        return;
    }
    let meaning = match scalar.value.as_str() {
        "yes" | "Yes" | "YES" | "on" | "On" | "ON" => "true",
        "no" | "No" | "NO" | "off" | "Off" | "OFF" => "false",
        _ => return,
    };
    let _ = source;
    out.push(
        Diagnostic::warning(
            Yaml11Boolean::META.code,
            node.span,
            format!(
                "`{}` is the string \"{}\" in YAML 1.2 but the boolean {meaning} in YAML 1.1; write `{meaning}` \
                 for a boolean or quote it for a string",
                scalar.value, scalar.value
            ),
        )
        .with_fix(Fix::replace(format!("write `{meaning}`"), node.span, meaning, Applicability::Unsafe)),
    );
}

/// `start..end` with `end` moved forward to a character boundary (and clamped to the source),
/// so a span meant to be a few bytes wide never cuts a multi-byte character (found by fuzzing).
fn whole_chars(source: &str, start: u32, end: u32) -> Span {
    let mut end = (end.max(start) as usize).min(source.len());
    while !source.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(doc: &YamlDocument) -> Vec<&'static str> {
        doc.diagnostics.iter().map(|d| d.code).collect()
    }

    #[test]
    fn spans_cover_keys_and_values() {
        let src = "Name: 调用\nStates:\n  - Type: Pass\n    End: true\n";
        let doc = parse(src, ParseLimits::default());
        assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
        let root = doc.root.unwrap();
        let name = root.entry("Name").unwrap();
        assert_eq!(name.key.span.slice(src), "Name");
        assert_eq!(name.value.span.slice(src), "调用");
        let states = root.get("States").unwrap();
        let state = &states.as_seq().unwrap()[0];
        assert_eq!(state.span.slice(src), "Type: Pass\n    End: true");
        assert_eq!(state.get("End").unwrap().as_bool(), Some(true));
    }

    #[test]
    fn flow_collections_include_brackets() {
        let src = "a: [1, {b: c}]\n";
        let root = parse(src, ParseLimits::default()).root.unwrap();
        assert_eq!(root.get("a").unwrap().span.slice(src), "[1, {b: c}]");
    }

    #[test]
    fn duplicate_keys_are_errors_with_the_first_key_labelled() {
        let src = "a: 1\nb: 2\na: 3\n";
        let doc = parse(src, ParseLimits::default());
        assert_eq!(codes(&doc), vec![DuplicateKey::META.code]);
        let d = &doc.diagnostics[0];
        assert_eq!(d.span, Span::new(10, 11));
        assert_eq!(d.labels[0].span, Span::new(0, 1));
    }

    #[test]
    fn syntax_error_has_a_location() {
        let src = "a: [1, 2\nb: c\n";
        let doc = parse(src, ParseLimits::default());
        assert_eq!(codes(&doc), vec![YamlSyntax::META.code]);
        assert!(doc.root.is_none());
    }

    #[test]
    fn tabs_in_indentation_are_reported_at_the_tab() {
        let src = "a:\n\tb: 1\n";
        let doc = parse(src, ParseLimits::default());
        assert_eq!(codes(&doc), vec![TabIndent::META.code]);
        assert_eq!(doc.diagnostics[0].span, Span::new(3, 4));
    }

    #[test]
    fn yaml11_booleans_warn_in_value_position_only() {
        let src = "yes: on\nb: 'no'\nc: off\n";
        let doc = parse(src, ParseLimits::default());
        assert_eq!(codes(&doc), vec![Yaml11Boolean::META.code, Yaml11Boolean::META.code]);
        assert_eq!(doc.diagnostics[0].span.slice(src), "on");
    }

    #[test]
    fn second_document_is_reported() {
        let src = "a: 1\n---\nb: 2\n";
        let doc = parse(src, ParseLimits::default());
        assert_eq!(codes(&doc), vec![MultipleDocuments::META.code]);
        assert_eq!(doc.root.unwrap().get("a").and_then(Node::as_i64), Some(1));
    }

    #[test]
    fn aliases_expand_within_budget() {
        let src = "base: &b {x: 1}\nuse: *b\n";
        let doc = parse(src, ParseLimits::default());
        assert!(doc.diagnostics.is_empty());
        assert_eq!(doc.root.unwrap().get("use").unwrap().get("x").and_then(Node::as_i64), Some(1));
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut src = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = format!("*a{}", i - 1);
            src.push_str(&format!("a{i}: &a{i} [{}]\n", [prev.as_str(); 10].join(", ")));
        }
        let doc = parse(&src, ParseLimits::default());
        assert_eq!(codes(&doc), vec![AliasBudget::META.code]);
        assert!(doc.root.is_none());
    }

    #[test]
    fn deep_nesting_is_refused() {
        let src = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let doc = parse(&src, ParseLimits::default());
        assert_eq!(codes(&doc), vec![NestingTooDeep::META.code]);
        let block: String = (0..200).map(|i| format!("{}k{i}:\n", "  ".repeat(i))).collect();
        assert_eq!(codes(&parse(&block, ParseLimits::default())), vec![NestingTooDeep::META.code]);
    }

    #[test]
    fn too_deep_span_covers_a_whole_multibyte_character() {
        // fuzz/regressions/yaml_model/too-deep-multibyte.yaml: FDL-P005 pointed at the first
        // byte of a multi-byte character (span not on a char boundary).
        let src = "a:\n  é: x\n";
        let limits = ParseLimits { max_depth: 1, ..ParseLimits::default() };
        for doc in [parse(src, limits), parse_full(src, limits)] {
            assert_eq!(codes(&doc), vec![NestingTooDeep::META.code]);
            assert_eq!(&src[doc.diagnostics[0].span.range()], "é");
        }
    }

    #[test]
    fn second_document_span_does_not_cut_a_multibyte_character() {
        // fuzz/regressions/lint/second-document-multibyte.yaml: FDL-P007 spanned 1-3 bytes
        // from the start of an implicit second document that began with a multi-byte character.
        let src = "a: 1\n...\né: 2\n";
        for doc in [parse(src, ParseLimits::default()), parse_full(src, ParseLimits::default())] {
            assert_eq!(codes(&doc), vec![MultipleDocuments::META.code]);
            let span = doc.diagnostics[0].span;
            assert!(src.is_char_boundary(span.start as usize) && src.is_char_boundary(span.end as usize), "{span:?}");
            assert!(src[span.range()].starts_with('é'));
        }
    }

    #[test]
    fn oversized_document_is_refused_before_parsing() {
        let src = "a: b\n".repeat(300_000);
        let doc = parse(&src, ParseLimits::default());
        assert_eq!(codes(&doc), vec![DocumentTooLarge::META.code]);
    }

    #[test]
    fn comments_are_collected_with_spans() {
        let src = "a: 1 # flowplay-ignore: FDL-S007\n";
        let doc = parse(src, ParseLimits::default());
        assert_eq!(doc.comments.len(), 1);
        assert_eq!(doc.comments[0].span.slice(src), "# flowplay-ignore: FDL-S007");
    }
}
