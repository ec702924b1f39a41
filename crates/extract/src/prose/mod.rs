//! What the prose says of the film's people, and the venues, events and
//! mentions around it.
//!
//! Everything here is a pure function of the review's text and the record
//! the block readers filled: performers named only in prose and the
//! characters they play, roles ("writer-director", "who also produced"),
//! surname-only mentions resolved to full names, venues, dated events, and
//! the other people, films and music the text names. Names are found with
//! capitalised-token runs and small general word lists ([`lexicon`]); no
//! statistical model is involved, so it is fast and deterministic.

mod credits;
mod films;
mod lexicon;
mod names;
mod tokens;

use marquee_model::Review;

use names::{People, name_run, person_shaped};
use tokens::Toks;

/// Adds to `review` what its prose `text` states: performers named only in
/// prose, characters, roles ("writer-director", "who also produced"),
/// surname-only mentions resolved to full names, venues, dated events and
/// mentions of other people, films and music.
#[allow(dead_code)]
pub(crate) fn enrich(text: &str, review: &mut Review) {
    let t = Toks::new(text);
    let mut people = People::default();
    let film = &review.film;
    for name in film.cast.iter().map(|c| &c.name)
        .chain(&film.directors).chain(&film.writers).chain(&film.producers)
    {
        people.add(name);
    }
    for k in 0..t.len() {
        if let Some(r) = name_run(&t, k)
            && person_shaped(&r.words)
        {
            people.add_seen(&r.text());
        }
    }
    credits::credits(&t, &mut people, &mut review.film);
}
