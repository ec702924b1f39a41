//! The store's integration tests: one binary, one module per feature.

mod compat;
mod crash;
mod identity;
mod standing;
mod suite;

use marquee_model::{Extraction, Film, Review, Verdict, VerdictBasis, VerdictLabel};
use marquee_store::{ContentKind, DocumentInput, IngestOutcome, Store};

/// A film with a title, a year and directors.
pub fn film(title: &str, year: Option<i32>, directors: &[&str]) -> Film {
    Film {
        title: title.into(),
        year,
        directors: directors.iter().map(|d| d.to_string()).collect(),
        ..Film::default()
    }
}

/// A judged review of `film` by `critic` with verdict `score`.
pub fn review(film: Film, critic: &str, score: u8, evidence: &[&str]) -> Review {
    Review {
        critic: Some(critic.into()),
        verdict: Some(Verdict {
            label: VerdictLabel::from_score(score),
            fresh: score >= 60,
            score,
            evidence: evidence.iter().map(|e| e.to_string()).collect(),
            basis: VerdictBasis::Model,
            model_score: score,
            disagreement: false,
            model: "test@1".into(),
        }),
        text: format!("{critic} on {}: {score}.", film.title),
        ..Review::new(film)
    }
}

/// Ingests `reviews` as one text document whose content is `content`.
#[track_caller]
pub fn ingest(store: &mut dyn Store, content: &str, reviews: Vec<Review>) -> IngestOutcome {
    let source = format!("{}.txt", content.len());
    let extraction = Extraction { source: source.clone(), reviews, ..Extraction::default() };
    let doc = DocumentInput { source: &source, origin: &source, content, kind: ContentKind::Text };
    store.ingest(&doc, &extraction).expect("ingest")
}
