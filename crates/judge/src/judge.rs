//! The verdict: a model's reading of a review, the critic's grade when one is
//! printed, and the sentences that weigh most.

use std::path::Path;

use marquee_model::{Rating, Review, Verdict, VerdictBasis, VerdictLabel};

use crate::error::Result;
use crate::model::Model;
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
}

impl Reading {
    /// Whether the model reads a recommendation.
    pub fn fresh(&self) -> bool {
        self.margin > 0.0
    }
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
        let margin = self.model.margin(text);
        Reading { margin, score: self.score_of(margin) }
    }

    fn score_of(&self, margin: f32) -> u8 {
        // `Calibration::score` clamps to 0..=100, so the cast cannot wrap.
        self.model.info().calibration.score(margin).round() as u8
    }

    /// The verdict on a review's `text`. A printed `grade` decides the score,
    /// as at Metacritic; the model's reading is kept beside it, and a wide
    /// gap between the two is flagged.
    pub fn verdict(&self, text: &str, grade: Option<&Rating>) -> Verdict {
        let spec = self.model.info().features;
        let mut doc = Vec::new();
        spec.features(text, &mut doc);
        let margin = self.model.margin_of(&doc);
        let model_score = self.score_of(margin);
        let (score, fresh, basis, disagreement) = match grade {
            Some(g) => {
                let score = g.score.min(100);
                (score, score >= FRESH_GRADE, VerdictBasis::Grade, score.abs_diff(model_score) >= DISAGREEMENT_POINTS)
            }
            None => (model_score, margin > 0.0, VerdictBasis::Model, false),
        };
        let label = VerdictLabel::from_score(score);
        let evidence = self.evidence(text, self.model.scale_of(&doc), fresh, label);
        Verdict { label, fresh, score, evidence, basis, model_score, disagreement, model: self.id.clone() }
    }

    /// Sets `review.verdict` from its text and printed grade.
    pub fn judge_review(&self, review: &mut Review) {
        review.verdict = Some(self.verdict(&review.text, review.rating.as_ref()));
    }

    /// The sentences whose features add most to the margin in the direction
    /// of the call, strongest first. For a mixed verdict the strongest
    /// sentences on each side alternate, starting with the side of `fresh`.
    fn evidence(&self, text: &str, doc_scale: f32, fresh: bool, label: VerdictLabel) -> Vec<String> {
        let spec = self.model.info().features;
        let mut buckets = Vec::new();
        let mut weighed: Vec<(f32, &str)> = Vec::new();
        for range in sentences(text) {
            let sentence = &text[range];
            let words = sentence.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count();
            // Headings, credit lines and run-together blocks are not evidence.
            if !(4..=80).contains(&words) {
                continue;
            }
            spec.features(sentence, &mut buckets);
            let weight = doc_scale * buckets.iter().map(|&b| self.model.weight(b)).sum::<f32>();
            weighed.push((weight, sentence));
        }
        let sign = if fresh { 1.0 } else { -1.0 };
        let mut with: Vec<(f32, &str)> = weighed.iter().filter(|(w, _)| w * sign > 0.0).copied().collect();
        let mut against: Vec<(f32, &str)> = weighed.iter().filter(|(w, _)| w * sign < 0.0).copied().collect();
        // Strongest first; ties keep text order (the sort is stable).
        with.sort_by(|a, b| (b.0 * sign).total_cmp(&(a.0 * sign)));
        against.sort_by(|a, b| (a.0 * sign).total_cmp(&(b.0 * sign)));
        let chosen: Vec<&str> = if label == VerdictLabel::Mixed {
            let mut out = Vec::new();
            let (mut a, mut b) = (with.iter(), against.iter());
            while out.len() < EVIDENCE_SENTENCES {
                let next = if out.len() % 2 == 0 { a.next().or_else(|| b.next()) } else { b.next().or_else(|| a.next()) };
                match next {
                    Some((_, s)) => out.push(*s),
                    None => break,
                }
            }
            out
        } else {
            with.iter().take(EVIDENCE_SENTENCES).map(|(_, s)| *s).collect()
        };
        chosen.into_iter().map(str::to_owned).collect()
    }
}
