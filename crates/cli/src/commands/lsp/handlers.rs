//! The requests: each finds its document, converts positions and calls the `ide` crate.

use lsp_server::{ErrorCode, Request, Response};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{self as lsp, Url};

use super::convert;
use super::documents::{Documents, View};

/// A request that could not be answered: the protocol's error code and a message.
struct Failure(ErrorCode, String);

/// The response to `request`. A panic (a bug) answers this request with an error instead of
/// ending the server and the editor's session with it.
pub fn handle(documents: &mut Documents, request: Request) -> Response {
    let id = request.id.clone();
    let method = request.method.clone();
    let answer = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| dispatch(documents, request)));
    let result = answer.unwrap_or_else(|_| {
        Err(Failure(ErrorCode::InternalError, format!("flowplay lsp failed on {method} (a bug; please report it)")))
    });
    match result {
        Ok(value) => Response::new_ok(id, value),
        Err(Failure(code, message)) => Response::new_err(id, code as i32, message),
    }
}

fn dispatch(documents: &mut Documents, request: Request) -> Result<serde_json::Value, Failure> {
    match request.method.as_str() {
        req::HoverRequest::METHOD => on::<req::HoverRequest>(documents, request, hover),
        req::Completion::METHOD => on::<req::Completion>(documents, request, completion),
        req::GotoDefinition::METHOD => on::<req::GotoDefinition>(documents, request, definition),
        req::References::METHOD => on::<req::References>(documents, request, references),
        req::PrepareRenameRequest::METHOD => on::<req::PrepareRenameRequest>(documents, request, prepare_rename),
        req::Rename::METHOD => on::<req::Rename>(documents, request, rename),
        req::DocumentSymbolRequest::METHOD => on::<req::DocumentSymbolRequest>(documents, request, symbols),
        req::FoldingRangeRequest::METHOD => on::<req::FoldingRangeRequest>(documents, request, folding),
        req::CodeActionRequest::METHOD => on::<req::CodeActionRequest>(documents, request, code_actions),
        req::SemanticTokensFullRequest::METHOD => on::<req::SemanticTokensFullRequest>(documents, request, tokens),
        _ => Err(Failure(ErrorCode::MethodNotFound, format!("flowplay lsp does not handle {}", request.method))),
    }
}

fn on<R: req::Request>(
    documents: &mut Documents,
    request: Request,
    f: fn(&mut Documents, R::Params) -> Result<R::Result, Failure>,
) -> Result<serde_json::Value, Failure> {
    let params: R::Params = serde_json::from_value(request.params)
        .map_err(|e| Failure(ErrorCode::InvalidParams, format!("malformed {} parameters: {e}", R::METHOD)))?;
    let result = f(documents, params)?;
    serde_json::to_value(result).map_err(|e| Failure(ErrorCode::InternalError, e.to_string()))
}

/// The view of an open workflow (`None` for a document that is not one).
fn view<'d>(documents: &'d mut Documents, uri: &Url) -> Option<View<'d>> {
    documents.get(uri).map(|d| d.view())
}

fn location(view: &View<'_>, uri: &Url, span: fdl::Span) -> lsp::Location {
    lsp::Location { uri: uri.clone(), range: convert::range(view.lines, view.text, span) }
}

fn hover(documents: &mut Documents, p: lsp::HoverParams) -> Result<Option<lsp::Hover>, Failure> {
    let at = p.text_document_position_params;
    let Some(view) = view(documents, &at.text_document.uri) else { return Ok(None) };
    let offset = view.offset(at.position);
    Ok(ide::hover_in(view.text, offset, Some(catalog::Catalog::embedded()), view.report.analysis.document.as_ref())
        .map(|text| lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent { kind: lsp::MarkupKind::Markdown, value: text }),
            range: None,
        }))
}

/// The most items one completion answer carries, as clangd's default: a 1,000-state flow offers
/// 1,000 names after `Next:`, and sending them all took longer than the 10 ms budget (issue 18;
/// `benches/lsp_latency.rs`). Past it, the items that best match what is typed (prefix, then
/// substring) go, marked incomplete, so the editor asks again as the user types.
pub const COMPLETION_LIMIT: usize = 100;

fn completion(documents: &mut Documents, p: lsp::CompletionParams) -> Result<Option<lsp::CompletionResponse>, Failure> {
    let at = p.text_document_position;
    let Some(view) = view(documents, &at.text_document.uri) else { return Ok(None) };
    let offset = view.offset(at.position);
    let found =
        ide::complete_in(view.text, offset, Some(catalog::Catalog::embedded()), view.report.analysis.document.as_ref());
    let replace = convert::range(view.lines, view.text, fdl::Span::new(found.from, offset));
    let mut items = found.items;
    let is_incomplete = items.len() > COMPLETION_LIMIT;
    if is_incomplete {
        let typed = view.text.get(found.from as usize..offset as usize).unwrap_or("").to_lowercase();
        items.retain(|i| i.label.to_lowercase().contains(&typed));
        // A stable sort: prefix matches first, each group in the order ide gave.
        items.sort_by_key(|i| !i.label.to_lowercase().starts_with(&typed));
        items.truncate(COMPLETION_LIMIT);
    }
    let items = items
        .into_iter()
        .map(|i| lsp::CompletionItem {
            kind: Some(convert::completion_kind(i.kind)),
            detail: Some(i.detail),
            text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit { range: replace, new_text: i.label.clone() })),
            label: i.label,
            ..Default::default()
        })
        .collect();
    Ok(Some(lsp::CompletionResponse::List(lsp::CompletionList { is_incomplete, items })))
}

fn definition(
    documents: &mut Documents,
    p: lsp::GotoDefinitionParams,
) -> Result<Option<lsp::GotoDefinitionResponse>, Failure> {
    let at = p.text_document_position_params;
    let uri = at.text_document.uri;
    let Some(view) = view(documents, &uri) else { return Ok(None) };
    let Some(document) = &view.report.analysis.document else { return Ok(None) };
    let span = ide::definition(document, view.offset(at.position));
    Ok(span.map(|span| lsp::GotoDefinitionResponse::Scalar(location(&view, &uri, span))))
}

fn references(documents: &mut Documents, p: lsp::ReferenceParams) -> Result<Option<Vec<lsp::Location>>, Failure> {
    let at = p.text_document_position;
    let uri = at.text_document.uri;
    let Some(view) = view(documents, &uri) else { return Ok(None) };
    let Some(document) = &view.report.analysis.document else { return Ok(None) };
    let spans = ide::references(document, view.offset(at.position), p.context.include_declaration);
    Ok(Some(spans.into_iter().map(|span| location(&view, &uri, span)).collect()))
}

fn prepare_rename(
    documents: &mut Documents,
    p: lsp::TextDocumentPositionParams,
) -> Result<Option<lsp::PrepareRenameResponse>, Failure> {
    let Some(view) = view(documents, &p.text_document.uri) else { return Ok(None) };
    let Some(document) = &view.report.analysis.document else { return Ok(None) };
    let span = ide::navigate::rename_target(document, view.offset(p.position));
    Ok(span.map(|span| lsp::PrepareRenameResponse::Range(convert::range(view.lines, view.text, span))))
}

fn rename(documents: &mut Documents, p: lsp::RenameParams) -> Result<Option<lsp::WorkspaceEdit>, Failure> {
    let at = p.text_document_position;
    let uri = at.text_document.uri;
    let Some(view) = view(documents, &uri) else { return Ok(None) };
    let Some(document) = &view.report.analysis.document else { return Ok(None) };
    let rename = ide::rename(document, view.offset(at.position), &p.new_name)
        .map_err(|e| Failure(ErrorCode::RequestFailed, e.to_string()))?;
    let edits =
        rename.edits.into_iter().map(|(span, text)| convert::text_edit(view.lines, view.text, span, text)).collect();
    Ok(Some(lsp::WorkspaceEdit { changes: Some([(uri, edits)].into_iter().collect()), ..Default::default() }))
}

fn symbols(
    documents: &mut Documents,
    p: lsp::DocumentSymbolParams,
) -> Result<Option<lsp::DocumentSymbolResponse>, Failure> {
    let Some(view) = view(documents, &p.text_document.uri) else { return Ok(None) };
    let Some(document) = &view.report.analysis.document else { return Ok(None) };
    let symbols =
        ide::document_symbols(document).into_iter().map(|s| convert::symbol(view.lines, view.text, s)).collect();
    Ok(Some(lsp::DocumentSymbolResponse::Nested(symbols)))
}

fn folding(documents: &mut Documents, p: lsp::FoldingRangeParams) -> Result<Option<Vec<lsp::FoldingRange>>, Failure> {
    let Some(view) = view(documents, &p.text_document.uri) else { return Ok(None) };
    let Some(root) = &view.report.analysis.yaml.root else { return Ok(None) };
    let ranges = ide::folding_ranges(root, view.lines.index())
        .into_iter()
        .map(|(start_line, end_line)| lsp::FoldingRange { start_line, end_line, ..Default::default() })
        .collect();
    Ok(Some(ranges))
}

fn tokens(
    documents: &mut Documents,
    p: lsp::SemanticTokensParams,
) -> Result<Option<lsp::SemanticTokensResult>, Failure> {
    let Some(view) = view(documents, &p.text_document.uri) else { return Ok(None) };
    let Some(document) = &view.report.analysis.document else { return Ok(None) };
    let data = convert::semantic_tokens(view.lines, view.text, &ide::semantic_tokens(document));
    Ok(Some(lsp::SemanticTokensResult::Tokens(lsp::SemanticTokens { result_id: None, data })))
}

fn code_actions(
    documents: &mut Documents,
    p: lsp::CodeActionParams,
) -> Result<Option<lsp::CodeActionResponse>, Failure> {
    let uri = p.text_document.uri;
    let Some(view) = view(documents, &uri) else { return Ok(None) };
    let start = view.offset(p.range.start);
    let end = view.offset(p.range.end);
    let diagnostics = &view.report.diagnostics;
    let actions =
        ide::code_actions(view.text, diagnostics, fdl::Span::new(start.min(end), start.max(end)), view.linter);
    let out = actions
        .into_iter()
        .map(|a| {
            let edits =
                a.edits.into_iter().map(|e| convert::text_edit(view.lines, view.text, e.span, e.replacement)).collect();
            let diagnostic = diagnostics.get(a.diagnostic).map(|d| convert::diagnostic(view.lines, view.text, &uri, d));
            lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: a.title,
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: diagnostic.map(|d| vec![d]),
                edit: Some(lsp::WorkspaceEdit {
                    changes: Some([(uri.clone(), edits)].into_iter().collect()),
                    ..Default::default()
                }),
                is_preferred: a.preferred.then_some(true),
                ..Default::default()
            })
        })
        .collect();
    Ok(Some(out))
}
