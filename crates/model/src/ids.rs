//! Database ids. Each is a newtype so that a film id can never be passed
//! where a person id is expected.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

id_type!(
    /// A stored input document (one per content hash).
    DocumentId,
    /// A stored review: one film reviewed in one document.
    ReviewId,
    /// A film; several critics' reviews of the same film share it.
    FilmId,
    /// A person: director, writer, producer, performer or other named person.
    PersonId,
    /// A critic, by byline.
    CriticId,
    /// A venue where films play.
    VenueId,
);
