//! Word and phrase features, hashed into a fixed number of buckets.
//!
//! Each token is hashed once (FNV-1a, written here because the standard
//! library's hasher is not promised to stay the same across Rust releases, and
//! a model's features must not change under it); n-grams combine the hashes of
//! their tokens. A document's features are the set of buckets of its 1- to
//! n-grams: presence, not counts, as in NBSVM.

use serde::{Deserialize, Serialize};

use crate::text::for_each_token_bytes;

/// How text becomes features. Stored in the model: scoring must featurise
/// exactly as training did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeatureSpec {
    /// log2 of the number of buckets.
    pub bits: u32,
    /// Longest n-gram (1 = words only, 3 = words, bigrams and trigrams).
    pub max_ngram: u32,
    /// Mark words between a negation ("not", "isn't", "never") and the next
    /// punctuation as negated, so "not good" and "good" differ as unigrams.
    #[serde(default)]
    pub negation: bool,
    /// Also hash the character n-grams of each word, `^word$` padded, from 3
    /// up to this length (0 = none): words unseen in training still share
    /// stems and endings with seen ones, which matters for short snippets.
    #[serde(default)]
    pub char_ngrams: u32,
}

impl Default for FeatureSpec {
    fn default() -> Self {
        FeatureSpec { bits: 21, max_ngram: 3, negation: true, char_ngrams: 0 }
    }
}

impl FeatureSpec {
    /// The number of buckets.
    pub fn dim(&self) -> usize {
        1 << self.bits
    }

    /// Puts the distinct buckets of `text` in `out` (cleared first), in the
    /// order of their first occurrence; returns the number of tokens.
    pub fn features(&self, text: &str, out: &mut Vec<u32>) -> usize {
        out.clear();
        let tokens = self.raw_features(text, out);
        dedup_in_order(out);
        tokens
    }

    /// Appends the bucket of every n-gram occurrence in `text`, in text order,
    /// with repeats; returns the number of tokens.
    pub fn raw_features(&self, text: &str, out: &mut Vec<u32>) -> usize {
        self.raw_features_with(text, out, |_| {})
    }

    /// [`FeatureSpec::raw_features`], also calling `on_token` with the byte
    /// offset where each token starts. Without character n-grams, token `t`
    /// (counting from 0) adds `min(t + 1, max_ngram)` buckets: its 1-gram,
    /// then the 2-gram ending with it, and so on.
    pub(crate) fn raw_features_at(&self, text: &str, out: &mut Vec<u32>, on_token: impl FnMut(usize)) -> usize {
        self.raw_features_with(text, out, on_token)
    }

    fn raw_features_with(&self, text: &str, out: &mut Vec<u32>, mut on_token: impl FnMut(usize)) -> usize {
        let n = self.max_ngram.clamp(1, MAX_NGRAM as u32) as usize;
        let shift = 64 - self.bits;
        // The hashes of the last `n` tokens, most recent first.
        let mut recent = [0u64; MAX_NGRAM];
        let mut seen = 0usize;
        let mut negated = false;
        let negation = self.negation;
        let char_ngrams = self.char_ngrams;
        for_each_token_bytes(text, |token, at| {
            on_token(at);
            recent.copy_within(0..MAX_NGRAM - 1, 1);
            let mut h = fnv1a(token);
            if negation {
                if token.len() == 1 && !token[0].is_ascii_alphanumeric() && token != b"'" && token != b"-" {
                    negated = false;
                } else if negated {
                    h ^= 0x5bd1_e995_0000_0000;
                } else if is_negation(token) {
                    negated = true;
                }
            }
            recent[0] = h;
            seen += 1;
            if char_ngrams >= 3 && token.len() >= 3 && token[0].is_ascii_alphanumeric() {
                push_char_ngrams(token, char_ngrams as usize, shift, out);
            }
            let mut acc = 0u64;
            for (k, &h) in recent.iter().enumerate().take(n.min(seen)) {
                acc = mix(acc.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ h ^ (k as u64 + 1));
                out.push((acc >> shift) as u32);
            }
        });
        seen
    }
}

const MAX_NGRAM: usize = 4;

/// Appends the buckets of the 3- to `longest`-character n-grams of `^token$`.
fn push_char_ngrams(token: &[u8], longest: usize, shift: u32, out: &mut Vec<u32>) {
    let mut padded = [0u8; 66];
    let len = token.len().min(64);
    padded[0] = b'^';
    padded[1..=len].copy_from_slice(&token[..len]);
    padded[len + 1] = b'$';
    let padded = &padded[..len + 2];
    for n in 3..=longest.min(padded.len()) {
        for gram in padded.windows(n) {
            out.push((mix(fnv1a(gram) ^ 0xC4A2_0000_0000_0000) >> shift) as u32);
        }
    }
}

/// Removes repeats from `items`, keeping first occurrences in order, with a
/// small open-addressing set: for the few thousand buckets of a review this
/// is several times faster than sorting. Bucket numbers are below 2^26, so
/// `u32::MAX` is free to mark an empty slot.
pub(crate) fn dedup_in_order(items: &mut Vec<u32>) {
    if items.len() < 2 {
        return;
    }
    let bits = (items.len() * 2).next_power_of_two().trailing_zeros().max(4);
    let mask = (1usize << bits) - 1;
    let mut table = vec![u32::MAX; 1 << bits];
    let mut kept = 0;
    for k in 0..items.len() {
        let x = items[k];
        let mut slot = (x.wrapping_mul(0x9E37_79B1) >> (32 - bits)) as usize;
        loop {
            let held = table[slot];
            if held == u32::MAX {
                table[slot] = x;
                items[kept] = x;
                kept += 1;
                break;
            }
            if held == x {
                break;
            }
            slot = (slot + 1) & mask;
        }
    }
    items.truncate(kept);
}

/// Calls `f` with the index of the first occurrence of each distinct item of
/// `items`, in order: [`dedup_in_order`] without writing the result out.
pub(crate) fn for_each_distinct(items: &[u32], mut f: impl FnMut(usize)) {
    let bits = (items.len() * 2).next_power_of_two().trailing_zeros().max(4);
    let mask = (1usize << bits) - 1;
    let mut table = vec![u32::MAX; 1 << bits];
    for (i, &x) in items.iter().enumerate() {
        let mut slot = (x.wrapping_mul(0x9E37_79B1) >> (32 - bits)) as usize;
        loop {
            let held = table[slot];
            if held == u32::MAX {
                table[slot] = x;
                f(i);
                break;
            }
            if held == x {
                break;
            }
            slot = (slot + 1) & mask;
        }
    }
}

fn is_negation(token: &[u8]) -> bool {
    matches!(
        token,
        b"not" | b"no" | b"never" | b"nothing" | b"nobody" | b"none" | b"neither" | b"nor" | b"cannot" | b"without" | b"hardly"
    ) || token.ends_with(b"n't")
}

/// 64-bit FNV-1a.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The finaliser of MurmurHash3, so that every output bit depends on every
/// input bit before the top `bits` are taken as the bucket.
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

/// A hash of a byte string, stable across platforms and releases (used for
/// model fingerprints and seeded shuffles).
pub fn stable_hash(bytes: &[u8]) -> u64 {
    mix(fnv1a(bytes))
}
