//! Remembered signature nonces, to refuse replays (`SignatureNonceUsed`). Bounded: nonces are
//! forgotten once their request time is outside the accepted clock skew (a replay that old is
//! refused as expired anyway), and at most `capacity` are kept, oldest forgotten first.

use std::collections::{HashSet, VecDeque};

/// The nonces seen, oldest first.
#[derive(Debug)]
pub struct NonceStore {
    capacity: usize,
    order: VecDeque<(i64, String)>,
    seen: HashSet<String>,
}

impl NonceStore {
    pub fn new(capacity: usize) -> Self {
        Self { capacity: capacity.max(1), order: VecDeque::new(), seen: HashSet::new() }
    }

    /// Records `nonce` seen at `now` (Unix seconds); `false` when it was already seen.
    /// Entries older than `now - window_seconds` are forgotten first.
    pub fn insert(&mut self, nonce: &str, now: i64, window_seconds: i64) -> bool {
        while let Some((seen_at, _)) = self.order.front() {
            if *seen_at >= now - window_seconds && self.order.len() < self.capacity {
                break;
            }
            if let Some((_, old)) = self.order.pop_front() {
                self.seen.remove(&old);
            }
        }
        if !self.seen.insert(nonce.to_owned()) {
            return false;
        }
        self.order.push_back((now, nonce.to_owned()));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nonce_is_refused_the_second_time_within_the_window() {
        let mut store = NonceStore::new(10);
        assert!(store.insert("a", 100, 900));
        assert!(!store.insert("a", 200, 900));
        assert!(store.insert("b", 200, 900));
    }

    #[test]
    fn nonces_older_than_the_window_are_forgotten() {
        let mut store = NonceStore::new(10);
        assert!(store.insert("a", 100, 900));
        assert!(store.insert("a", 1001, 900));
    }

    #[test]
    fn the_store_never_holds_more_than_its_capacity() {
        let mut store = NonceStore::new(3);
        for (i, n) in ["a", "b", "c", "d"].iter().enumerate() {
            assert!(store.insert(n, i as i64, 900));
        }
        assert_eq!(store.order.len(), 3);
        assert!(store.insert("a", 5, 900), "the oldest was forgotten");
    }
}
