//! marquee's plain data: what a review *is* once it has been read, extracted
//! and judged.
//!
//! This crate owns the types that cross crate boundaries: [`Document`] (what
//! `read` hands on), [`Extraction`] and everything inside it (what `extract`
//! produces and `marquee extract` prints), [`Verdict`] (what `judge` adds), and
//! the database ids. It does no IO, no parsing and no async: every type here is
//! data with serde derives.
//!
//! The JSON shape of [`Extraction`] is a contract: it is the record described
//! in `../shared/schema/EXTRACT.md` and validated against
//! `extract.schema.json`. Keys that the schema lists are always written, as
//! `null` or `[]` when the text does not state them, so that a consumer can tell
//! "not stated" from "not looked for".
//!
//! ```
//! use marquee_model::{Film, Review};
//! let review = Review::new(Film::titled("Her Smell"));
//! let json = serde_json::to_value(&review).unwrap();
//! assert_eq!(json["film"]["title"], "Her Smell");
//! assert!(json["critic"].is_null());
//! ```
#![warn(missing_docs)]

mod document;
mod ids;
mod record;

pub use document::{Body, Document};
pub use ids::{CriticId, DocumentId, FilmId, PersonId, ReviewId, VenueId};
pub use record::{
    Article, CastMember, Certificate, Event, Extraction, Film, Mentions, Rating, Review, TitleConfidence,
    TitleSource, Verdict, VerdictBasis, VerdictLabel, Warning,
};
