//! A language client for the protocol tests: speaks JSON-RPC (Content-Length framing) to
//! `flowplay lsp` over its stdin and stdout, and keeps the notifications it sends.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long any answer may take before the test fails (never hangs).
const PATIENCE: Duration = Duration::from_secs(20);

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Notifications received while waiting for something else.
    pub notifications: Vec<Value>,
    next_id: i64,
}

impl Client {
    /// Starts `flowplay lsp` and initializes it with `options` as `initializationOptions`.
    pub fn start(options: Value) -> (Client, Value) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_flowplay"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start flowplay lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (send, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if send.send(message).is_err() {
                    break;
                }
            }
        });
        let mut client = Client { child, stdin, messages, notifications: Vec::new(), next_id: 1 };
        let result = client.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}, "initializationOptions": options}),
        );
        client.notify("initialized", json!({}));
        (client, result)
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its `result` (panics on an error response).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params);
        assert!(response.get("error").is_none(), "{method} failed: {response}");
        response["result"].clone()
    }

    /// Sends a request and returns the whole response (`result` or `error`).
    pub fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + PATIENCE;
        loop {
            let message = self.next(deadline).unwrap_or_else(|| panic!("no answer to {method}"));
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                return message;
            }
            self.notifications.push(message);
        }
    }

    /// The next `publishDiagnostics` for `uri` (one already received first).
    pub fn diagnostics(&mut self, uri: &str) -> Value {
        if let Some(i) = self.notifications.iter().position(|n| is_diagnostics_for(n, uri)) {
            return self.notifications.remove(i)["params"].clone();
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let message = self.next(deadline).unwrap_or_else(|| panic!("no diagnostics for {uri}"));
            if is_diagnostics_for(&message, uri) {
                return message["params"].clone();
            }
            self.notifications.push(message);
        }
    }

    /// Whether diagnostics for `uri` arrive within `wait`.
    pub fn diagnostics_within(&mut self, uri: &str, wait: Duration) -> Option<Value> {
        if let Some(i) = self.notifications.iter().position(|n| is_diagnostics_for(n, uri)) {
            return Some(self.notifications.remove(i)["params"].clone());
        }
        let deadline = Instant::now() + wait;
        while let Some(message) = self.next(deadline) {
            if is_diagnostics_for(&message, uri) {
                return Some(message["params"].clone());
            }
            self.notifications.push(message);
        }
        None
    }

    /// Shuts the server down and checks that it exits with status 0.
    pub fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                assert!(status.success(), "flowplay lsp exited with {status}");
                return;
            }
            assert!(Instant::now() < deadline, "flowplay lsp did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn next(&mut self, deadline: Instant) -> Option<Value> {
        match self.messages.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(message) => Some(message),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => panic!("flowplay lsp closed its output"),
        }
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write to the server");
        self.stdin.flush().expect("flush");
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // A failed test must not leave the server running.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn is_diagnostics_for(message: &Value, uri: &str) -> bool {
    message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The 0-based line and UTF-16 column of the `n`th occurrence of `needle` in `text`, plus `delta`
/// characters (as an editor would send them).
pub fn position_of(text: &str, needle: &str, n: usize, delta: usize) -> Value {
    let byte = text.match_indices(needle).nth(n).unwrap_or_else(|| panic!("`{needle}` #{n}")).0;
    let byte = byte + needle.char_indices().nth(delta).map_or(needle.len(), |(i, _)| i);
    let line_start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..byte].matches('\n').count();
    json!({"line": line, "character": text[line_start..byte].encode_utf16().count()})
}

/// `text` with LSP text edits applied (ranges in UTF-16 positions).
pub fn apply_edits(text: &str, edits: &[Value]) -> String {
    let map = ide::position::LineMap::new(text);
    let offset = |p: &Value| {
        let at = ide::position::LineCol {
            line: p["line"].as_u64().unwrap() as u32,
            character: p["character"].as_u64().unwrap() as u32,
        };
        map.offset(text, at)
    };
    let edits: Vec<fdl::TextEdit> = edits
        .iter()
        .map(|e| fdl::TextEdit {
            span: fdl::Span::new(offset(&e["range"]["start"]), offset(&e["range"]["end"])),
            replacement: e["newText"].as_str().unwrap().to_owned(),
        })
        .collect();
    ide::actions::apply(text, &edits).expect("edits that fit the text")
}
