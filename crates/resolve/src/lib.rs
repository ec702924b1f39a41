//! marquee-resolve: which reviews are of one film, and which bylines are
//! one critic.
//!
//! Pure functions of evidence: the store gathers what each review says
//! (titles, year, directors, cast, runtime; a byline's name, e-mail address
//! and outlet) and the curators' decisions, calls [`resolve_films`] and
//! [`resolve_critics`], and writes the groups back. Nothing here reads a
//! database, a clock or the order in which reviews arrived: the same
//! evidence gives the same groups (see [`film`] and [`critic`] for the
//! rules). The keys that decide when two titles or names are the same
//! ([`keys`], [`title`]) live here too.
//!
//! ```
//! use marquee_resolve::{FilmEvidence, resolve_films};
//! let review = |ident: &str, title: &str, year| FilmEvidence {
//!     ident: ident.into(), title: title.into(), year, ..FilmEvidence::default()
//! };
//! let groups = resolve_films(&[
//!     review("a", "Star Wars: Episode I -- The Phantom Menace", Some(1999)),
//!     review("b", "The Phantom Menace", Some(1999)),
//!     review("c", "Star Wars", Some(1977)),
//! ], &[]);
//! assert_eq!(groups.len(), 2);
//! assert_eq!(groups[0].members, vec![0, 1]);
//! ```
#![warn(missing_docs)]

pub mod critic;
pub mod film;
pub mod keys;
pub mod title;
mod unionfind;

pub use critic::{CriticDecision, CriticEvidence, CriticGroup, resolve_critics};
pub use film::{Decision, FilmEvidence, FilmGroup, KnownTitle, components, resolve_films};
pub use title::{TitleMatch, TitleVariants};
