//! marquee-judge: the verdict on a review, and the model behind it.
//!
//! This crate owns the [`Verdict`](marquee_model::Verdict) of each review:
//! the model's reading of the prose (a linear NBSVM model over hashed word
//! 1- to 3-grams, mixed on short texts with a second one over word 1- and
//! 2-grams and the character n-grams of words), the calibration of that
//! reading to a 0..100 score, the rule that a printed grade decides the
//! score, and the choice of evidence sentences (opinion prose only, never
//! credit, rating or signature lines). It also owns training ([`train`]) and measurement
//! ([`evaluate`]) on the labelled corpora of `../shared/corpora`, and the
//! model file format ([`Model::save`], [`Model::load`]).
//!
//! It does not find the grade in a text (that is `extract`'s job: the caller
//! passes the [`Rating`](marquee_model::Rating) it found), store verdicts, or
//! print anything. Judging is a pure function of the text, the grade and the
//! model: no IO, no clock, and the same model version gives the same verdict.
//!
//! ```
//! use marquee_judge::Judge;
//! use marquee_model::{Rating, VerdictBasis};
//!
//! let judge = Judge::default_model().unwrap();
//! let text = "A dazzling, heartfelt film. The performances are wonderful \
//!             and the script is sharp and funny. I loved every minute.";
//! let verdict = judge.verdict(text, None);
//! assert!(verdict.fresh);
//! assert!(verdict.evidence.iter().all(|s| text.contains(s.as_str())));
//!
//! let grade = Rating { text: "1/4".into(), score: 25 };
//! let graded = judge.verdict(text, Some(&grade));
//! assert_eq!((graded.score, graded.basis), (25, VerdictBasis::Grade));
//! assert!(graded.disagreement);
//! ```
#![warn(missing_docs)]

pub mod corpus;
mod error;
mod evidence;
mod eval;
pub mod features;
mod judge;
pub mod linear;
mod model;
mod plot;
pub mod text;
mod train;

pub use corpus::{GradedText, Source, strip_grade};
pub use error::{Error, Result};
pub use eval::{EvalOptions, EvalReport, EvalRow, Reliability, ReliabilityBin, evaluate};
pub use plot::reliability_svg;
pub use features::FeatureSpec;
pub use judge::{DISAGREEMENT_POINTS, EVIDENCE_SENTENCES, FRESH_GRADE, Judge, Reading};
pub use model::{Calibration, Model, ModelInfo, ShortInfo};
pub use train::{ShortOptions, TrainOptions, TrainReport, train, train_with};
