//! Rendered pages kept in memory until the data changes.
//!
//! Pages are a pure function of the database, which changes only through
//! ingest; ingest clears the cache. This is what makes a film page cost a
//! hash lookup instead of a dozen queries.

use std::collections::HashMap;
use std::sync::RwLock;

use axum::body::Bytes;

/// Most pages kept, and most bytes of them; past either the cache starts
/// over (cheap: a page renders in well under a millisecond). The byte bound
/// keeps a server holding a whole corpus's pages to a known size.
const MAX_ENTRIES: usize = 50_000;
const MAX_BYTES: usize = 256 * 1024 * 1024;

/// A rendered HTML page.
#[derive(Debug, Clone)]
pub(crate) struct Cached {
    pub body: Bytes,
}

pub(crate) struct PageCache {
    enabled: bool,
    max_entries: usize,
    max_bytes: usize,
    pages: RwLock<Pages>,
}

#[derive(Default)]
struct Pages {
    map: HashMap<String, Cached>,
    bytes: usize,
}

impl PageCache {
    pub fn new(enabled: bool) -> PageCache {
        PageCache::with_limits(enabled, MAX_ENTRIES, MAX_BYTES)
    }

    fn with_limits(enabled: bool, max_entries: usize, max_bytes: usize) -> PageCache {
        PageCache { enabled, max_entries, max_bytes, pages: RwLock::new(Pages::default()) }
    }

    pub fn get(&self, key: &str) -> Option<Cached> {
        if !self.enabled {
            return None;
        }
        // A poisoned lock only means a writer panicked mid-insert; the map
        // itself is still consistent.
        self.pages.read().unwrap_or_else(|e| e.into_inner()).map.get(key).cloned()
    }

    pub fn put(&self, key: String, value: Cached) {
        if !self.enabled {
            return;
        }
        let mut pages = self.pages.write().unwrap_or_else(|e| e.into_inner());
        let size = key.len() + value.body.len();
        if pages.map.len() >= self.max_entries || pages.bytes + size > self.max_bytes {
            *pages = Pages::default();
        }
        let key_len = key.len();
        pages.bytes += size;
        if let Some(old) = pages.map.insert(key, value) {
            pages.bytes -= key_len + old.body.len();
        }
    }

    pub fn clear(&self) {
        *self.pages.write().unwrap_or_else(|e| e.into_inner()) = Pages::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(n: usize) -> Cached {
        Cached { body: Bytes::from(vec![b'x'; n]) }
    }

    #[test]
    fn the_cache_starts_over_past_its_byte_budget() {
        let cache = PageCache::with_limits(true, 100, 1000);
        cache.put("/a".into(), page(400));
        cache.put("/a".into(), page(400));
        cache.put("/b".into(), page(400));
        assert!(cache.get("/a").is_some() && cache.get("/b").is_some(), "replacing a page does not count it twice");
        cache.put("/c".into(), page(400));
        assert!(cache.get("/a").is_none() && cache.get("/b").is_none());
        assert_eq!(cache.get("/c").map(|c| c.body.len()), Some(400));
    }
}
