//! A token bucket per key: `burst` requests at once, refilled at `per_second`. The relay keys
//! it by (Origin, client address), so one page (or the CLI, which sends no Origin) cannot use
//! up another's budget even when both come from the same address.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::Instant;

pub struct RateLimiter<K> {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<K, (f64, Instant)>>,
}

/// Most keys remembered; past it, buckets idle for a minute are dropped and, if that is not
/// enough, all of them (bounded memory whatever the keys).
const MAX_KEYS: usize = 10_000;

impl<K: Hash + Eq> RateLimiter<K> {
    pub fn new(per_second: f64, burst: f64) -> Self {
        Self { per_second, burst, buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes a token for `key`; false when the key is over its rate.
    pub fn allow(&self, key: K) -> bool {
        let now = Instant::now();
        let Ok(mut buckets) = self.buckets.lock() else { return false };
        if buckets.len() >= MAX_KEYS {
            buckets.retain(|_, (_, at)| now.duration_since(*at).as_secs() < 60);
            if buckets.len() >= MAX_KEYS {
                buckets.clear();
            }
        }
        let (tokens, at) = buckets.entry(key).or_insert((self.burst, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * self.per_second).min(self.burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use std::net::IpAddr;

    #[test]
    fn bursts_then_refuses_per_key() {
        let r = super::RateLimiter::new(0.0, 3.0);
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        let page = Some("http://127.0.0.1:8080".to_owned());
        assert!(r.allow((page.clone(), ip)) && r.allow((page.clone(), ip)) && r.allow((page.clone(), ip)));
        assert!(!r.allow((page, ip)));
        // Another origin (or none: the CLI) on the same address has its own budget.
        assert!(r.allow((Some("http://localhost:5173".to_owned()), ip)));
        assert!(r.allow((None, ip)));
        assert!(r.allow((None, "127.0.0.2".parse().unwrap())));
    }
}
