//! Resource attacks against a running `flowplay serve` on loopback (scripts/attack-relay.sh runs
//! it): slowloris, an idle-connection flood and slow 1 MiB bodies, one after the other, each for
//! a bounded time. During each, `/api/health` is probed on fresh connections and its latency
//! reported (p50/p99/max; a probe that fails or takes over 2 s counts as 2 s), with the server's
//! RSS before, at its peak and after, and what happened to the attack connections.
//!
//! Usage: `attack_relay ADDR PID [SECONDS_PER_ATTACK]` (ADDR must be a loopback address).

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

#[derive(Default)]
struct Counters {
    opened: AtomicU64,
    connect_failed: AtomicU64,
    closed_by_server: AtomicU64,
    answered: AtomicU64,
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// CPU time (user + system) the process has used, in seconds.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of stat, at 11 and 12 after the name; 100 ticks/s.
    (ticks(11) + ticks(12)) / 100.0
}

async fn probe(addr: SocketAddr) -> Duration {
    let started = Instant::now();
    let attempt = async {
        let mut s = TcpStream::connect(addr).await.ok()?;
        let head = format!("GET /api/health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
        s.write_all(head.as_bytes()).await.ok()?;
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).await.ok()?;
        buf.starts_with(b"HTTP/1.1 200").then_some(())
    };
    match tokio::time::timeout(PROBE_TIMEOUT, attempt).await {
        Ok(Some(())) => started.elapsed(),
        _ => PROBE_TIMEOUT,
    }
}

/// Waits until the server closes or answers on `s`, while `tick` is called every `every`.
async fn hold(s: &mut TcpStream, every: Duration, stop: &AtomicBool, c: &Counters, mut tick: impl FnMut() -> Vec<u8>) {
    let mut buf = [0u8; 512];
    loop {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        tokio::select! {
            r = s.read(&mut buf) => {
                match r {
                    Ok(n) if n > 0 && buf.starts_with(b"HTTP/") => { c.answered.fetch_add(1, Ordering::Relaxed); }
                    _ => { c.closed_by_server.fetch_add(1, Ordering::Relaxed); }
                }
                return;
            }
            _ = tokio::time::sleep(every) => {
                let bytes = tick();
                if !bytes.is_empty() && s.write_all(&bytes).await.is_err() {
                    c.closed_by_server.fetch_add(1, Ordering::Relaxed);
                    return;
                }
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Attack {
    Slowloris,
    IdleFlood,
    SlowBodies,
}

impl Attack {
    fn name(self) -> &'static str {
        match self {
            Attack::Slowloris => "slowloris (1000 conns, a header line per second)",
            Attack::IdleFlood => "idle flood (1100 conns, nothing sent)",
            Attack::SlowBodies => "slow bodies (300 conns, 1 MiB minus 1 byte sent)",
        }
    }
    fn connections(self) -> usize {
        match self {
            Attack::Slowloris => 1000,
            Attack::IdleFlood => 1100,
            Attack::SlowBodies => 300,
        }
    }
}

/// One attacking connection, reopened whenever the server drops it, until `stop`.
async fn attacker(kind: Attack, addr: SocketAddr, stop: Arc<AtomicBool>, c: Arc<Counters>, body: Arc<Vec<u8>>) {
    while !stop.load(Ordering::Relaxed) {
        let mut s = match tokio::time::timeout(Duration::from_secs(2), TcpStream::connect(addr)).await {
            Ok(Ok(s)) => s,
            _ => {
                c.connect_failed.fetch_add(1, Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(200)).await;
                continue;
            }
        };
        c.opened.fetch_add(1, Ordering::Relaxed);
        match kind {
            Attack::Slowloris => {
                let head = format!("POST /api/relay HTTP/1.1\r\nHost: {addr}\r\n");
                if s.write_all(head.as_bytes()).await.is_err() {
                    c.closed_by_server.fetch_add(1, Ordering::Relaxed);
                } else {
                    let mut n = 0;
                    hold(&mut s, Duration::from_secs(1), &stop, &c, || {
                        n += 1;
                        format!("X-Slow-{n}: 1\r\n").into_bytes()
                    })
                    .await;
                }
            }
            Attack::IdleFlood => hold(&mut s, Duration::from_secs(3600), &stop, &c, Vec::new).await,
            Attack::SlowBodies => {
                let sent = tokio::select! {
                    r = s.write_all(&body) => r.is_ok(),
                    _ = async { while !stop.load(Ordering::Relaxed) { tokio::time::sleep(Duration::from_millis(50)).await } } => true,
                };
                if sent {
                    hold(&mut s, Duration::from_secs(3600), &stop, &c, Vec::new).await;
                } else {
                    c.closed_by_server.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

async fn phase(kind: Option<Attack>, addr: SocketAddr, pid: u32, seconds: u64) {
    let rss_before = rss_kib(pid);
    let cpu_before = cpu_seconds(pid);
    let own_cpu_before = cpu_seconds(std::process::id());
    let stop = Arc::new(AtomicBool::new(false));
    let counters = Arc::new(Counters::default());
    let mut tasks = Vec::new();
    if let Some(kind) = kind {
        let len = 1024 * 1024;
        let mut body = format!(
            "POST /api/relay HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {len}\r\n\r\n"
        )
        .into_bytes();
        body.resize(body.len() + len - 1, b' ');
        let body = Arc::new(body);
        for _ in 0..kind.connections() {
            tasks.push(tokio::spawn(attacker(kind, addr, stop.clone(), counters.clone(), body.clone())));
        }
        // Let the attack build up before probing.
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    // Probes run on their own thread and runtime, so the attackers' work does not delay them.
    let prober = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let mut latencies = Vec::new();
            let mut peak = rss_kib(pid);
            let deadline = Instant::now() + Duration::from_secs(seconds);
            while Instant::now() < deadline {
                latencies.push(probe(addr).await);
                peak = peak.max(rss_kib(pid));
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            (latencies, peak)
        })
    });
    let (mut latencies, peak) = loop {
        if prober.is_finished() {
            break prober.join().unwrap();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        t.abort();
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let rss_after = rss_kib(pid);
    let cpu = cpu_seconds(pid) - cpu_before;
    let own_cpu = cpu_seconds(std::process::id()) - own_cpu_before;
    latencies.sort();
    let failed = latencies.iter().filter(|d| **d >= PROBE_TIMEOUT).count();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("== {}", kind.map_or("no attack (baseline)", Attack::name));
    println!(
        "   /api/health: {} probes, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms, failed/over 2 s: {}",
        latencies.len(),
        ms(percentile(&latencies, 0.5)),
        ms(percentile(&latencies, 0.99)),
        ms(latencies.last().copied().unwrap_or_default()),
        failed
    );
    println!(
        "   server RSS: before {:.1} MiB, peak {:.1} MiB, 2 s after {:.1} MiB",
        rss_before as f64 / 1024.0,
        peak as f64 / 1024.0,
        rss_after as f64 / 1024.0
    );
    println!("   CPU used: server {cpu:.1} s, attacker {own_cpu:.1} s");
    if kind.is_some() {
        println!(
            "   attack connections: opened {}, closed by the server {}, answered (refused with a status) {}, connect failed {}",
            counters.opened.load(Ordering::Relaxed),
            counters.closed_by_server.load(Ordering::Relaxed),
            counters.answered.load(Ordering::Relaxed),
            counters.connect_failed.load(Ordering::Relaxed),
        );
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(addr), Some(pid)) =
        (args.get(1).and_then(|a| a.parse::<SocketAddr>().ok()), args.get(2).and_then(|p| p.parse::<u32>().ok()))
    else {
        eprintln!("usage: attack_relay ADDR PID [SECONDS_PER_ATTACK]");
        std::process::exit(2);
    };
    if !addr.ip().is_loopback() {
        eprintln!("attack_relay only attacks loopback addresses");
        std::process::exit(2);
    }
    let seconds = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(12).min(60);
    phase(None, addr, pid, 3).await;
    for kind in [Attack::Slowloris, Attack::IdleFlood, Attack::SlowBodies] {
        phase(Some(kind), addr, pid, seconds).await;
    }
}
