//! The article extraction benchmark's metric, reimplemented so that tests
//! and benches need no Python: texts are split into `\w+` tokens, each text
//! becomes a multiset of 4-token shingles, and per page the true positives,
//! false positives and false negatives are normalised to sum to one.
//! Precision and recall are means over pages (a page with an empty
//! prediction adds no precision), F1 their harmonic mean. It follows
//! `../shared/tools/score_article.py` line by line.

use std::collections::HashMap;

/// Precision, recall and F1 over a set of pages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    /// Mean shingle precision over pages.
    pub precision: f64,
    /// Mean shingle recall over pages.
    pub recall: f64,
    /// Harmonic mean of `precision` and `recall`.
    pub f1: f64,
}

fn tokens(text: &str) -> Vec<&str> {
    // `\w` as Python's `re` has it: letters, digits and the underscore, in
    // any script. Rust's `char::is_alphanumeric` is the same test.
    text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|t| !t.is_empty()).collect()
}

fn shingles<'a>(tokens: &'a [&'a str]) -> HashMap<&'a [&'a str], usize> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    let windows = tokens.len().saturating_sub(3).max(1);
    for start in 0..windows {
        let end = (start + 4).min(tokens.len());
        *counts.entry(&tokens[start..end]).or_insert(0) += 1;
    }
    counts
}

/// Scores `(gold, predicted)` text pairs, one per page.
pub fn score(pages: &[(&str, &str)]) -> Score {
    let (mut precisions, mut recalls) = (Vec::new(), Vec::new());
    for (gold, predicted) in pages {
        let (gold_tokens, predicted_tokens) = (tokens(gold), tokens(predicted));
        let (gold, predicted) = (shingles(&gold_tokens), shingles(&predicted_tokens));
        let tp: usize = gold.iter().map(|(k, n)| (*n).min(predicted.get(k).copied().unwrap_or(0))).sum();
        let fp = predicted.values().sum::<usize>() - tp;
        let fn_ = gold.values().sum::<usize>() - tp;
        let all = tp + fp + fn_;
        if all == 0 || (fp == 0 && fn_ == 0) {
            // Both empty, or identical: a perfect page (as the scorer has it;
            // two empty texts count as a perfect page too).
            precisions.push(1.0);
            recalls.push(1.0);
            continue;
        }
        // The normalisation by `all` cancels in these ratios.
        if tp + fp > 0 {
            precisions.push(tp as f64 / (tp + fp) as f64);
        }
        if tp + fn_ > 0 {
            recalls.push(tp as f64 / (tp + fn_) as f64);
        }
    }
    let mean = |values: &[f64]| if values.is_empty() { 0.0 } else { values.iter().sum::<f64>() / values.len() as f64 };
    let (precision, recall) = (mean(&precisions), mean(&recalls));
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    Score { precision, recall, f1 }
}
