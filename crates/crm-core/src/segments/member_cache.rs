//! A dynamic segment's members, kept for a minute: the segment page asks for the count and then
//! for page after page, and evaluating a broad definition over a million customers costs a few
//! hundred milliseconds each time, while slicing a kept list costs nothing. A list is dropped as
//! soon as this process begins a write, when its definition, the reader's scope or the minute of
//! the clock differs (all are in the key: relative windows move with the clock) and after a
//! minute of real time (another process such as `crm` may have written).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const KEEP: Duration = Duration::from_secs(60);
const ENTRIES: usize = 8;

struct Kept {
    key: String,
    writes: u64,
    taken: Instant,
    seqs: Arc<Vec<i64>>,
}

#[derive(Default)]
pub struct MemberCache(Mutex<Vec<Kept>>);

impl MemberCache {
    /// The members kept under `key`, if no write began since (`writes`) and they are fresh.
    pub(crate) fn get(&self, key: &str, writes: u64) -> Option<Arc<Vec<i64>>> {
        let kept = self.0.lock().ok()?;
        kept.iter().find(|k| k.key == key && k.writes == writes && k.taken.elapsed() < KEEP).map(|k| k.seqs.clone())
    }

    pub(crate) fn put(&self, key: String, writes: u64, seqs: Arc<Vec<i64>>) {
        let Ok(mut kept) = self.0.lock() else { return };
        kept.retain(|k| k.key != key && k.writes == writes && k.taken.elapsed() < KEEP);
        if kept.len() >= ENTRIES {
            kept.remove(0);
        }
        kept.push(Kept { key, writes, taken: Instant::now(), seqs });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_is_found_by_key_until_a_write_begins() {
        let cache = MemberCache::default();
        cache.put("a".into(), 1, Arc::new(vec![1, 2]));
        assert_eq!(cache.get("a", 1).as_deref(), Some(&vec![1, 2]));
        assert!(cache.get("b", 1).is_none());
        assert!(cache.get("a", 2).is_none(), "a write began since");
        for i in 0..ENTRIES + 2 {
            cache.put(format!("k{i}"), 1, Arc::new(vec![]));
        }
        assert!(cache.get("a", 1).is_none(), "the oldest goes first");
        assert!(cache.get(&format!("k{}", ENTRIES + 1), 1).is_some());
    }
}
