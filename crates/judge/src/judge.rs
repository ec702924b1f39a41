//! The verdict: a model's reading of a review, the critic's grade when one is
//! printed, and the sentences that weigh most.

use std::path::Path;

use marquee_model::{Rating, Review, Verdict, VerdictBasis, VerdictLabel};

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::error::Result;
use crate::model::Model;
use crate::evidence::prose_part;
use crate::text::sentences;

/// A printed grade at or above this score is a recommendation (Rotten
/// Tomatoes counts 3/5, 6/10 and 2.5/4 as fresh, 2/4 and 5/10 as rotten).
pub const FRESH_GRADE: u8 = 60;

/// A grade and the model's reading this many points apart are flagged as a
/// disagreement: more than a whole Metacritic band.
pub const DISAGREEMENT_POINTS: u8 = 35;

/// How many evidence sentences a verdict carries at most.
pub const EVIDENCE_SENTENCES: usize = 3;

/// The model's reading of a text, before any grade is considered.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    /// The classifier's margin: positive means fresh.
    pub margin: f32,
    /// The calibrated 0..=100 score.
    pub score: u8,
    /// Whether the model reads a recommendation (the margin is past the
    /// calibration's fresh point).
    pub fresh: bool,
}

/// Judges reviews with one model. Cheap to share across threads.
#[derive(Debug, Clone)]
pub struct Judge {
    model: Model,
    id: String,
}

/// The shipped model, built by the command in `crates/judge/MODEL.md`.
static DEFAULT_MODEL: &[u8] = include_bytes!("../model/default.bin");

impl Judge {
    /// A judge with the model that ships in the repository.
    pub fn default_model() -> Result<Judge> {
        Ok(Judge::new(Model::from_bytes(DEFAULT_MODEL)?))
    }

    /// A judge with the model saved at `path` (by `marquee train` or
    /// [`Model::save`]).
    pub fn load(path: &Path) -> Result<Judge> {
        Ok(Judge::new(Model::load(path)?))
    }

    /// A judge with `model`.
    pub fn new(model: Model) -> Judge {
        let id = model.id();
        Judge { model, id }
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The model's reading of `text` alone: the fast path, with no evidence.
    pub fn reading(&self, text: &str) -> Reading {
        let (margin, tokens) = self.model.margin_and_tokens(text);
        let cal = self.model.calibration_for(tokens);
        // `Calibration::score` clamps to 0..=100, so the cast cannot wrap.
        Reading { margin, score: cal.score(margin).round() as u8, fresh: cal.fresh(margin) }
    }

    /// The verdict on a review's `text`. A printed `grade` decides the score,
    /// as at Metacritic; the model's reading is kept beside it, and a wide
    /// gap between the two is flagged.
    pub fn verdict(&self, text: &str, grade: Option<&Rating>) -> Verdict {
        let spec = self.model.info().features;
        let ranges = sentences(text);
        // About one token per five bytes of review prose, and up to
        // `max_ngram` buckets per token.
        let mut raw = Vec::with_capacity(text.len() * 3 / 4);
        let mut starts = Vec::with_capacity(text.len() / 4);
        let mut token_sentence = Vec::with_capacity(text.len() / 4);
        let mut sentence = 0;
        let tokens = spec.raw_features_at(text, &mut raw, |at| {
            while sentence + 1 < ranges.len() && ranges[sentence].end <= at {
                sentence += 1;
            }
            starts.push(at as u32);
            token_sentence.push(sentence as u32);
        });
        let max_ngram = spec.max_ngram.max(1) as usize;
        let mut sums = vec![0i64; ranges.len()];
        let (main, doc_scale) = if spec.char_ngrams == 0 {
            self.model.margin_and_sentences(&raw, &token_sentence, max_ngram, &mut sums)
        } else {
            self.model.margin_and_scale(&raw)
        };
        let margin = self.model.mixed_margin(text, main, tokens);
        let cal = self.model.calibration_for(tokens);
        // `Calibration::score` clamps to 0..=100, so the cast cannot wrap.
        let model_score = cal.score(margin).round() as u8;
        let model_fresh = cal.fresh(margin);
        let (score, fresh, basis, disagreement) = match grade {
            Some(g) => {
                let score = g.score.min(100);
                (score, score >= FRESH_GRADE, VerdictBasis::Grade, score.abs_diff(model_score) >= DISAGREEMENT_POINTS)
            }
            None => (model_score, model_fresh, VerdictBasis::Model, false),
        };
        let label = VerdictLabel::from_score(score);
        // Evidence needs n-grams laid out by token, which character n-grams
        // would break; no shipped main model uses them.
        let evidence = if spec.char_ngrams == 0 {
            let occurrences = Occurrences { raw: &raw, starts: &starts, max_ngram };
            let mut per_sentence = vec![0u32; ranges.len()];
            for &s in &token_sentence {
                per_sentence[s as usize] += 1;
            }
            let weighed = ranges
                .into_iter()
                .zip(sums)
                .zip(per_sentence)
                // A sentence of fewer than four tokens has fewer than four
                // words; one of hundreds is a run-together block.
                .filter(|(_, n)| (4..=400).contains(n))
                .map(|((range, sum), _)| (range, doc_scale * self.model.weight_of_sum(sum)))
                .collect();
            self.evidence(text, weighed, &occurrences, doc_scale, fresh, label)
        } else {
            Vec::new()
        };
        Verdict { label, fresh, score, evidence, basis, model_score, disagreement, model: self.id.clone() }
    }

    /// Sets `review.verdict` from its text and printed grade.
    pub fn judge_review(&self, review: &mut Review) {
        review.verdict = Some(self.verdict(&review.text, review.rating.as_ref()));
    }

    /// The sentences whose features move the margin most: the strongest in
    /// the direction of the call first, then the strongest either way. For a
    /// mixed verdict the strongest sentences on each side alternate,
    /// starting with the side of `fresh`.
    ///
    /// A sentence weighs the main classifier's weights of the distinct
    /// n-grams that lie wholly inside it (`weighed`, summed in the same pass
    /// as the margin) rather than by featurising each sentence again. Only
    /// opinion prose qualifies ([`prose_part`]): since that check costs more
    /// than the weighing, it runs lazily on the strongest candidates only.
    fn evidence(
        &self,
        text: &str,
        weighed: Vec<(std::ops::Range<usize>, f32)>,
        occ: &Occurrences<'_>,
        doc_scale: f32,
        fresh: bool,
        label: VerdictLabel,
    ) -> Vec<String> {
        let sign = if fresh { 1.0 } else { -1.0 };
        let mut buckets = Vec::new();
        let mut weigh = |range: &std::ops::Range<usize>| -> f32 {
            let first = occ.starts.partition_point(|&s| (s as usize) < range.start);
            let last = occ.starts.partition_point(|&s| (s as usize) < range.end);
            occ.buckets_within(first..last, &mut buckets);
            sign * doc_scale * self.model.weight_sum(&buckets)
        };
        let (mut with, mut against) = (BinaryHeap::new(), BinaryHeap::new());
        for (order, (range, weight)) in weighed.into_iter().enumerate() {
            let weight = sign * weight;
            let candidate = Candidate { weight, order, range, checked: false };
            if weight > 0.0 {
                with.push(candidate);
            } else if weight < 0.0 {
                against.push(Candidate { weight: -weight, ..candidate });
            }
        }
        // Takes the strongest sentence of a side that passes the checks; a
        // sentence cut down to its prose is weighed again and put back.
        let mut next = |heap: &mut BinaryHeap<Candidate>, side: f32| -> Option<std::ops::Range<usize>> {
            while let Some(c) = heap.pop() {
                if c.checked {
                    return Some(c.range);
                }
                // Headings, credit lines, rating lines and signatures are not
                // evidence, nor are fragments and run-together blocks.
                let Some(range) = prose_part(text, c.range.clone()) else { continue };
                let weight = if range == c.range { c.weight } else { side * weigh(&range) };
                if weight > 0.0 {
                    heap.push(Candidate { weight, range, checked: true, ..c });
                }
            }
            None
        };
        let mut chosen = Vec::new();
        while chosen.len() < EVIDENCE_SENTENCES {
            // A mixed verdict alternates sides. Otherwise the first sentence
            // is on the side of the call, and then the strongest either way:
            // a sentence that pulls hard against the call explains why the
            // score is not further out.
            let ours_first = if label == VerdictLabel::Mixed {
                chosen.len() % 2 == 0
            } else {
                let top = |heap: &BinaryHeap<Candidate>| heap.peek().map_or(0.0, |c| c.weight);
                chosen.is_empty() || top(&with) >= top(&against)
            };
            let pick = if ours_first {
                next(&mut with, 1.0).or_else(|| next(&mut against, -1.0))
            } else {
                next(&mut against, -1.0).or_else(|| next(&mut with, 1.0))
            };
            match pick {
                Some(range) => chosen.push(text[range].to_owned()),
                None => break,
            }
        }
        chosen
    }
}

/// A sentence in the running for evidence: its weight towards one side,
/// its place in the text (ties go to the earlier sentence), its byte range
/// and whether it passed the prose checks.
#[derive(Debug)]
struct Candidate {
    weight: f32,
    order: usize,
    range: std::ops::Range<usize>,
    checked: bool,
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Candidate {}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.weight.total_cmp(&other.weight).then_with(|| other.order.cmp(&self.order))
    }
}

/// A document's n-gram occurrences in text order, as
/// [`FeatureSpec::raw_features_at`](crate::FeatureSpec) lists them.
struct Occurrences<'a> {
    raw: &'a [u32],
    starts: &'a [u32],
    max_ngram: usize,
}

impl Occurrences<'_> {
    /// Puts in `out` the distinct buckets of the n-grams made only of the
    /// tokens `tokens`.
    fn buckets_within(&self, tokens: std::ops::Range<usize>, out: &mut Vec<u32>) {
        out.clear();
        let n = self.max_ngram;
        // Token t's occurrences start after those of the tokens before it:
        // min(k + 1, n) for each token k < t.
        let before = |t: usize| if t <= n { t * (t + 1) / 2 } else { n * (n + 1) / 2 + (t - n) * n };
        for t in tokens.clone() {
            let at = before(t);
            // The k-th occurrence of token t is the (k + 1)-gram ending at t.
            for k in 0..(t + 1).min(n) {
                if let Some(&b) = self.raw.get(at + k).filter(|_| t - k >= tokens.start) {
                    out.push(b);
                }
            }
        }
        if out.len() > 256 {
            crate::features::dedup_in_order(out);
        } else {
            out.sort_unstable();
            out.dedup();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sentence weights summed in the margin's pass are those of each
    /// sentence featurised on its own (negation marks end at punctuation,
    /// so no state crosses these sentence ends).
    #[test]
    fn sentence_sums_match_featurising_each_sentence() {
        let judge = Judge::default_model().expect("the shipped model loads");
        let model = judge.model();
        let spec = model.info().features;
        let text = "A fine film, and not a dull minute in it. It isn't bad at all!\n\n\
            The worst, dullest thing I have seen -- truly awful? Yet I loved the score, the score, the score.\n\
            Cast: Ann Example.";
        let ranges = sentences(text);
        assert_eq!(ranges.len(), 5);
        let (mut raw, mut token_sentence) = (Vec::new(), Vec::new());
        let mut sentence = 0;
        spec.raw_features_at(text, &mut raw, |at| {
            while ranges[sentence].end <= at {
                sentence += 1;
            }
            token_sentence.push(sentence as u32);
        });
        let mut sums = vec![0i64; ranges.len()];
        let (margin, scale) = model.margin_and_sentences(&raw, &token_sentence, spec.max_ngram as usize, &mut sums);
        assert_eq!((margin, scale), model.margin_and_scale(&raw));
        let mut doc = Vec::new();
        spec.features(text, &mut doc);
        assert_eq!(margin, model.margin_of(&doc));
        for (range, sum) in ranges.iter().zip(&sums) {
            let mut own = Vec::new();
            spec.features(&text[range.clone()], &mut own);
            assert_eq!(model.weight_of_sum(*sum), model.weight_sum(&own), "{:?}", &text[range.clone()]);
        }
    }
}
