//! Real mode: a Task state with an OpenAPI integration becomes a request signed here, with the
//! caller's AccessKey, and sent through the relay (`POST /api/relay`) by a [`Transport`]: the
//! CLI's is an HTTP client, the playground's is `fetch`. The AccessKey secret never leaves the
//! process that signs; the relay only sees the signed request.
//!
//! What is called for real: every operation of the OpenAPI catalog (RPC signed with RPC v1, ROA
//! with V3), `FC:InvokeFunction` (FC 3.0) and `FNF:StartExecution` (child flows), each built and
//! validated by `acs::build_request` (`request.rs`). The other optimized
//! integrations (HTTP, MNS, EventBridge, OSS) have no OpenAPI shape the relay may forward and are
//! answered by the fallback invoker (the mocks).

mod outcome;
mod record;
mod request;
mod transport;
mod writes;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

use engine::{Invoker, TaskCall, TaskOutcome};
use serde_json::json;

pub use outcome::{outcome_from_reply, task_error};
pub use record::{CallRecord, redact_url, scrub};
pub use request::{Built, build_signed_request, is_resource_arn};
pub use transport::{RelayReply, Transport};
pub use writes::{
    WRITE_REFUSED, WritePolicy, legacy_resource_tasks, legacy_write_actions, mask_access_key_id,
    workflow_write_actions, write_actions,
};

/// Gives the catalog to a closure: the CLI's embedded one, or the browser's lazily loaded one
/// (`None` until its index has arrived).
pub type CatalogAccess = Box<dyn Fn(&mut dyn FnMut(Option<&catalog::Catalog>))>;

/// Where and as whom real calls go.
pub struct RealConfig {
    /// The relay's endpoint, e.g. `http://127.0.0.1:8080/api/relay`.
    pub relay_url: String,
    pub credentials: acs::Credentials,
    /// Region of calls whose `Parameters` name none (`RegionId`).
    pub region: String,
    /// Service (upper case) → endpoint base override, e.g. `ECS` → `http://127.0.0.1:9000`.
    pub endpoints: BTreeMap<String, String>,
    /// Wall-clock time in epoch milliseconds (signature timestamps, nonces, call durations).
    pub now_ms: fn() -> i64,
}

/// Signs Task calls and sends them through the relay; records every call (without secrets) for
/// the playground's call log.
pub struct RealInvoker<T: Transport> {
    pub config: RealConfig,
    pub transport: T,
    pub catalog: CatalogAccess,
    /// Answers Tasks that are not OpenAPI calls.
    pub fallback: Box<dyn Invoker>,
    records: RefCell<Vec<CallRecord>>,
    writes: writes::WriteGuard,
}

impl<T: Transport> RealInvoker<T> {
    /// An invoker that refuses writes; [`RealInvoker::with_writes`] says otherwise.
    pub fn new(config: RealConfig, transport: T, catalog: CatalogAccess, fallback: Box<dyn Invoker>) -> Self {
        let writes = writes::WriteGuard::new(WritePolicy::Refuse { hint: "writes are off".into() });
        Self { config, transport, catalog, fallback, records: RefCell::new(Vec::new()), writes }
    }

    /// What to do with calls that write (see [`catalog::access`]).
    pub fn with_writes(mut self, policy: WritePolicy) -> Self {
        self.writes = writes::WriteGuard::new(policy);
        self
    }

    /// The calls sent so far: requests with the security token and signature redacted, and
    /// the responses.
    pub fn records(&self) -> Vec<CallRecord> {
        self.records.borrow().clone()
    }

    async fn call(&self, call: &TaskCall) -> TaskOutcome {
        let mut built = None;
        (self.catalog)(&mut |catalog| built = Some(build_signed_request(catalog, &self.config, call)));
        // An access that never calls back has no catalog to give.
        let request = match built.unwrap_or_else(|| build_signed_request(None, &self.config, call)) {
            Built::Request(r) => r,
            Built::NotCallable(outcome) => return outcome,
            Built::NotOpenApi => return self.fallback.invoke(call).await,
        };
        // Checked once the call is known to go out for real: mocked integrations never ask.
        if let Some(cause) = self.writes.check(&call.action).await {
            return task_error(WRITE_REFUSED, cause);
        }
        let started = (self.config.now_ms)();
        let envelope =
            json!({"method": request.method, "url": request.url, "headers": request.headers, "body": request.body});
        let reply = self.transport.post(&self.config.relay_url, envelope.to_string()).await;
        let duration_ms = ((self.config.now_ms)() - started).max(0);
        let mut record = CallRecord::new(call, &request, &self.config.credentials);
        let outcome = match reply {
            Ok(mut reply) => {
                reply.body = record::scrub(&reply.body, &self.config.credentials);
                record.status = Some(reply.status);
                record.response = Some(reply.body.clone());
                outcome_from_reply(&call.action, &reply, duration_ms)
            }
            Err(message) => {
                let outcome = task_error(
                    "FnF.RelayUnavailable",
                    format!("the relay at {} did not answer: {message}", self.config.relay_url),
                );
                record.response = Some(message);
                outcome
            }
        };
        record.duration_ms = duration_ms;
        self.records.borrow_mut().push(record);
        TaskOutcome { duration_ms, ..outcome }
    }
}

impl<T: Transport> Invoker for RealInvoker<T> {
    fn invoke<'a>(&'a self, call: &'a TaskCall) -> Pin<Box<dyn Future<Output = TaskOutcome> + 'a>> {
        Box::pin(self.call(call))
    }
}
