//! Rendered pages kept in memory until the data changes.
//!
//! Pages are a pure function of the database, which changes only through
//! ingest; ingest clears the cache. This is what makes a film page cost a
//! hash lookup instead of a dozen queries.

use std::collections::HashMap;
use std::sync::RwLock;

use axum::body::Bytes;

/// Most pages kept; past it the cache starts over (cheap, and a server
/// holding a corpus's worth of pages is still a few hundred MB at most).
const MAX_ENTRIES: usize = 50_000;

/// A rendered HTML page.
#[derive(Debug, Clone)]
pub(crate) struct Cached {
    pub body: Bytes,
}

pub(crate) struct PageCache {
    enabled: bool,
    pages: RwLock<HashMap<String, Cached>>,
}

impl PageCache {
    pub fn new(enabled: bool) -> PageCache {
        PageCache { enabled, pages: RwLock::new(HashMap::new()) }
    }

    pub fn get(&self, key: &str) -> Option<Cached> {
        if !self.enabled {
            return None;
        }
        // A poisoned lock only means a writer panicked mid-insert; the map
        // itself is still consistent.
        self.pages.read().unwrap_or_else(|e| e.into_inner()).get(key).cloned()
    }

    pub fn put(&self, key: String, value: Cached) {
        if !self.enabled {
            return;
        }
        let mut pages = self.pages.write().unwrap_or_else(|e| e.into_inner());
        if pages.len() >= MAX_ENTRIES {
            pages.clear();
        }
        pages.insert(key, value);
    }

    pub fn clear(&self) {
        self.pages.write().unwrap_or_else(|e| e.into_inner()).clear();
    }
}
