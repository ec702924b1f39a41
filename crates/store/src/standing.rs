//! A film's standing among critics, and a critic's generosity: the formulas,
//! as pure functions over tallies that the database keeps up to date.
//!
//! # The shrunk score
//!
//! A film with one glowing review should not outrank one with forty good
//! ones. Like IMDb's weighted rating, the film's mean `R` over its `n` scored
//! reviews is pulled towards the mean `C` of every scored review in the
//! store, as if the film had [`PRIOR_WEIGHT`] (`m`) extra reviews scoring
//! `C`:
//!
//! ```text
//! S = n/(n+m) · R + m/(n+m) · C  =  (Σ scores + m·C) / (n + m)
//! ```
//!
//! # Its interval
//!
//! `S` is the posterior mean of a normal model whose prior is worth `m`
//! reviews, so its standard error is `σ/√(n+m)`. The spread `σ²` pools the
//! film's own sample variance `s²` (with `n−1` degrees of freedom) with the
//! variance `σ²_all` of every score in the store (worth `m`):
//!
//! ```text
//! σ² = ((n−1)·s² + m·σ²_all) / ((n−1) + m)
//! interval = S ± 1.96 · σ/√(n+m), clipped to 0..100
//! ```
//!
//! so films whose critics agree get narrower intervals, and few reviews give
//! wide ones.
//!
//! # The rest
//!
//! - `label` is the band ([`VerdictLabel::from_score`]) of the rounded mean.
//! - `fresh_share` is fresh/scored, reported once a film has
//!   [`MIN_REVIEWS_FOR_FRESH_SHARE`] scored reviews.
//! - [`consensus`] picks the evidence sentences most typical of a film's
//!   reviews.

use std::collections::{HashMap, HashSet};

use marquee_model::VerdictLabel;

use crate::api::{Interval, LabelCounts, Standing};

/// `m`: how many reviews' worth of weight the store-wide mean gets.
pub const PRIOR_WEIGHT: f64 = 5.0;
/// A film's share of fresh reviews is shown from this many scored reviews.
pub const MIN_REVIEWS_FOR_FRESH_SHARE: u32 = 5;
/// The prior mean while the store has no scored review at all.
pub const FALLBACK_MEAN: f64 = 50.0;
/// The prior spread (standard deviation) while the store has fewer than two
/// scored reviews.
pub const FALLBACK_SD: f64 = 20.0;
/// How many sentences [`consensus`] picks.
pub const CONSENSUS_SENTENCES: usize = 3;

/// Sums over every scored review in the store.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct GlobalTally {
    /// Scored reviews.
    pub scored: u64,
    /// Σ score.
    pub sum: f64,
    /// Σ score².
    pub sq_sum: f64,
}

impl GlobalTally {
    /// `C`, the mean of every score (or [`FALLBACK_MEAN`]).
    pub fn mean(&self) -> f64 {
        if self.scored == 0 { FALLBACK_MEAN } else { self.sum / self.scored as f64 }
    }

    /// `σ²_all`, the (population) variance of every score (or
    /// [`FALLBACK_SD`]²).
    pub fn variance(&self) -> f64 {
        if self.scored < 2 {
            return FALLBACK_SD * FALLBACK_SD;
        }
        let n = self.scored as f64;
        let mean = self.sum / n;
        (self.sq_sum / n - mean * mean).max(0.0)
    }
}

/// Sums over one film's reviews.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FilmTally {
    /// Reviews.
    pub reviews: u32,
    /// Reviews with a verdict score.
    pub scored: u32,
    /// Σ score.
    pub sum: f64,
    /// Σ score².
    pub sq_sum: f64,
    /// Fresh reviews.
    pub fresh: u32,
    /// Reviews per label.
    pub labels: LabelCounts,
}

/// The standing of a film with tally `film` in a store with tally `all`.
pub fn standing(film: &FilmTally, all: &GlobalTally) -> Standing {
    let mut standing = Standing {
        reviews: film.reviews,
        scored: film.scored,
        fresh_share: None,
        mean_score: None,
        shrunk_score: None,
        interval: None,
        label: None,
        labels: film.labels,
    };
    if film.scored == 0 {
        return standing;
    }
    let n = f64::from(film.scored);
    let m = PRIOR_WEIGHT;
    let mean = film.sum / n;
    let shrunk = (film.sum + m * all.mean()) / (n + m);
    let own_variance =
        if film.scored >= 2 { ((film.sq_sum - n * mean * mean) / (n - 1.0)).max(0.0) } else { 0.0 };
    let pooled = ((n - 1.0) * own_variance + m * all.variance()) / ((n - 1.0) + m);
    let half_width = 1.96 * (pooled / (n + m)).sqrt();
    standing.mean_score = Some(mean);
    standing.shrunk_score = Some(shrunk);
    standing.interval = Some(Interval {
        low: (shrunk - half_width).clamp(0.0, 100.0),
        high: (shrunk + half_width).clamp(0.0, 100.0),
    });
    // The mean of u8 scores is in 0..=100, so the cast cannot truncate.
    standing.label = Some(VerdictLabel::from_score(mean.round().clamp(0.0, 100.0) as u8));
    if film.scored >= MIN_REVIEWS_FOR_FRESH_SHARE {
        standing.fresh_share = Some(f64::from(film.fresh) / n);
    }
    standing
}

/// Words too common to say anything about a film. A short hand-written list
/// is enough here: it only keeps function words from deciding which
/// sentences look alike.
const STOPWORDS: &[&str] = &[
    "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her", "was",
    "one", "our", "out", "has", "him", "his", "how", "its", "may", "who", "did", "get", "let",
    "she", "too", "use", "that", "with", "have", "this", "will", "your", "from", "they", "been",
    "than", "them", "then", "were", "what", "when", "where", "which", "while", "their", "there",
    "these", "those", "would", "could", "should", "about", "into", "only", "also", "just", "more",
    "most", "some", "such", "very", "much", "even", "film", "movie", "films", "movies", "does",
    "being", "over", "here", "each", "other",
];

fn content_words(sentence: &str) -> HashSet<String> {
    crate::normalize::title_key(sentence)
        .split(' ')
        .filter(|w| w.chars().count() >= 3 && !STOPWORDS.contains(w))
        .map(str::to_owned)
        .collect()
}

/// Picks the evidence sentences most typical of a film's reviews: the ones
/// sharing the most content words with the *other* reviews' evidence.
///
/// `reviews` holds, per review, its evidence sentences (strongest first).
/// A sentence scores the number of its distinct content words (three letters
/// or more, not a stop word) that occur in at least one other review's
/// evidence; ties go to the sentence whose words occur in more reviews, then
/// to the shorter sentence, then to the earlier review and position, so the
/// pick is deterministic. At most one sentence per review, at most
/// [`CONSENSUS_SENTENCES`]. With a single review this picks its strongest
/// sentence. Returns `(review index, sentence index)` pairs, best first.
pub fn consensus(reviews: &[Vec<String>]) -> Vec<(usize, usize)> {
    let words: Vec<Vec<HashSet<String>>> =
        reviews.iter().map(|sentences| sentences.iter().map(|s| content_words(s)).collect()).collect();
    // In how many reviews' evidence each word occurs.
    let mut review_frequency: HashMap<&str, u32> = HashMap::new();
    for review in &words {
        let union: HashSet<&str> = review.iter().flatten().map(String::as_str).collect();
        for word in union {
            *review_frequency.entry(word).or_default() += 1;
        }
    }
    // (shared words, Σ other reviews per word, length, review, position)
    let mut best_per_review: Vec<(u32, u32, usize, usize, usize)> = Vec::new();
    for (r, review) in words.iter().enumerate() {
        let mut best: Option<(u32, u32, usize, usize, usize)> = None;
        for (p, sentence) in review.iter().enumerate() {
            // Words of this review occur in this review itself once.
            let others = |w: &String| review_frequency.get(w.as_str()).copied().unwrap_or(1) - 1;
            let shared = sentence.iter().filter(|w| others(w) > 0).count() as u32;
            let weight: u32 = sentence.iter().map(others).sum();
            let candidate = (shared, weight, reviews[r][p].len(), r, p);
            let better = match best {
                None => true,
                Some(b) => rank(&candidate) < rank(&b),
            };
            if better {
                best = Some(candidate);
            }
        }
        best_per_review.extend(best);
    }
    best_per_review.sort_by_key(rank);
    // The same sentence from two reviews (a review syndicated twice) is
    // shown once.
    let mut seen: HashSet<&str> = HashSet::new();
    best_per_review
        .into_iter()
        .filter(|&(_, _, _, r, p)| seen.insert(reviews[r][p].trim()))
        .take(CONSENSUS_SENTENCES)
        .map(|(_, _, _, r, p)| (r, p))
        .collect()
}

/// Sort key: more shared words, more weight, shorter, earlier.
fn rank(c: &(u32, u32, usize, usize, usize)) -> (std::cmp::Reverse<u32>, std::cmp::Reverse<u32>, usize, usize, usize) {
    (std::cmp::Reverse(c.0), std::cmp::Reverse(c.1), c.2, c.3, c.4)
}
