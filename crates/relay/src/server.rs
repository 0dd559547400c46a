//! The connection loop: HTTP/1.1 on a TCP listener with the limits a server next to a hostile
//! browser needs (axum's own `serve` has neither).
//!
//! - A header-read timeout: a request head must arrive whole within `header_read_timeout` of the
//!   server starting to wait for it (slowloris). hyper starts that timer whenever a connection
//!   waits for a head, after a response too, so it is also the idle keep-alive timeout.
//! - A connection cap: at most `max_connections` open at once. At the cap a new connection
//!   evicts the oldest one with no request in flight (idle, or still sending its head), so a
//!   flood of idle connections cannot lock out `/api/health` or the playground; when every
//!   connection is busy the new one is closed at once.
//! - The body-read timeout, rate limit and concurrency limit are the handler's (lib.rs), before
//!   the body is read.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tower::ServiceExt as _;

/// File descriptors kept for everything but client connections: the listener, upstream
/// calls (at most `max_concurrency`), static files, logs.
const RESERVED_FDS: u64 = 128;
/// Highest open-file limit asked for (macOS refuses more than its OPEN_MAX, 10,240).
const MAX_FDS: u64 = 10_240;

/// Raises the open-file soft limit towards the hard one (a desktop default of 1,024 or even
/// 256 is below what a browser tab alone can open) and returns how many connections fit
/// beside [`RESERVED_FDS`]: at most `wanted`, so accept never fails for want of descriptors.
pub fn connection_budget(wanted: usize) -> usize {
    #[cfg(unix)]
    {
        use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
        let limit = getrlimit(Resource::Nofile);
        let target = limit.maximum.unwrap_or(MAX_FDS).min(MAX_FDS);
        let mut soft = limit.current.unwrap_or(target);
        if soft < target
            && setrlimit(Resource::Nofile, Rlimit { current: Some(target), maximum: limit.maximum }).is_ok()
        {
            soft = target;
        }
        let fit = usize::try_from(soft.saturating_sub(RESERVED_FDS)).unwrap_or(usize::MAX).max(16);
        wanted.min(fit)
    }
    #[cfg(not(unix))]
    {
        wanted
    }
}

/// Connection-level limits.
#[derive(Clone, Copy, Debug)]
pub struct ConnectionLimits {
    pub header_read_timeout: Duration,
    pub max_connections: usize,
    /// Largest request head (request line and headers) in bytes.
    pub max_head_bytes: usize,
}

struct Entry {
    in_flight: Arc<AtomicUsize>,
    evict: Arc<Notify>,
}

/// Open connections by age (ids increase).
#[derive(Default)]
struct Registry {
    next: AtomicU64,
    open: Mutex<BTreeMap<u64, Entry>>,
}

impl Registry {
    /// Registers a new connection, evicting the oldest idle one at the cap; `None` when the
    /// cap is reached and every connection has a request in flight.
    fn admit(&self, max: usize) -> Option<(u64, Arc<AtomicUsize>, Arc<Notify>)> {
        let mut open = self.open.lock().ok()?;
        if open.len() >= max {
            let idle = open.iter().find(|(_, e)| e.in_flight.load(Ordering::Acquire) == 0).map(|(id, _)| *id)?;
            if let Some(evicted) = open.remove(&idle) {
                evicted.evict.notify_one();
            }
        }
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let entry = Entry { in_flight: Arc::new(AtomicUsize::new(0)), evict: Arc::new(Notify::new()) };
        let handles = (id, entry.in_flight.clone(), entry.evict.clone());
        open.insert(id, entry);
        Some(handles)
    }

    fn remove(&self, id: u64) {
        if let Ok(mut open) = self.open.lock() {
            open.remove(&id);
        }
    }
}

/// Counts a request in flight on its connection for as long as it lives.
struct InFlight(Arc<AtomicUsize>);

impl InFlight {
    fn enter(counter: &Arc<AtomicUsize>) -> Self {
        counter.fetch_add(1, Ordering::AcqRel);
        Self(counter.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Serves `app` on `listener` until `shutdown` completes, then lets requests in flight finish
/// (for at most 5 s).
pub async fn run(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let registry = Arc::new(Registry::default());
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(true)
        .max_buf_size(limits.max_head_bytes.max(8192));
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors or a connection reset before accept: wait a
                    // little rather than spin.
                    eprintln!("{}", serde_json::json!({"event": "accept_error", "error": e.to_string()}));
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Some((id, in_flight, evict)) = registry.admit(limits.max_connections) else {
            drop(stream);
            continue;
        };
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            let guard = InFlight::enter(&in_flight);
            request.extensions_mut().insert(ConnectInfo::<SocketAddr>(peer));
            let app = app.clone();
            async move {
                let response = app.oneshot(request).await;
                drop(guard);
                response
            }
        });
        let connection = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        let registry = registry.clone();
        tokio::spawn(async move {
            tokio::select! {
                _ = connection => {}
                () = evict.notified() => {}
            }
            registry.remove(id);
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(Duration::from_secs(5), graceful.shutdown()).await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_the_cap_the_oldest_idle_connection_is_evicted() {
        let r = Registry::default();
        let (a, busy_a, _) = r.admit(2).unwrap();
        let (b, _, evict_b) = r.admit(2).unwrap();
        let _busy = InFlight::enter(&busy_a);
        // a is busy: b, the oldest idle one, makes room.
        let (c, busy_c, _) = r.admit(2).unwrap();
        assert!(r.open.lock().unwrap().keys().copied().eq([a, c]));
        assert!(
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap()
                .block_on(async { tokio::time::timeout(Duration::from_millis(100), evict_b.notified()).await.is_ok() })
        );
        let _busy_c = InFlight::enter(&busy_c);
        // Every connection busy: the new one is refused.
        assert!(r.admit(2).is_none());
        r.remove(b);
        r.remove(a);
        assert!(r.admit(2).is_some());
    }
}
