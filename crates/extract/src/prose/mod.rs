//! What the prose says of the film's people, and the venues, events and
//! mentions around it.
//!
//! Everything here is a pure function of the review's text and the record
//! the block readers filled: performers named only in prose and the
//! characters they play, roles ("writer-director", "who also produced"),
//! surname-only mentions resolved to full names, venues, dated events, and
//! the other people, films and music the text names. Names are found with
//! capitalised-token runs and small general word lists (`lexicon`); no
//! statistical model is involved, so it is fast and deterministic.

/// A [`tokens::Lex`] built at compile time from a `&'static [&'static str]`
/// expression: `t.is_any(k, lex!(&["by", "from"]))`.
macro_rules! lex {
    ($words:expr) => {{
        const LEX: $crate::prose::tokens::Lex = $crate::prose::tokens::Lex::new($words);
        &LEX
    }};
}

mod credits;
mod events;
mod films;
mod lexicon;
mod mentions;
mod names;
mod tokens;

use marquee_model::Review;

use names::{People, key, name_run, person_shaped};
use tokens::Toks;

/// Adds to `review` what its prose `text` states: performers named only in
/// prose, characters, roles ("writer-director", "who also produced"),
/// surname-only mentions resolved to full names, venues, dated events and
/// mentions of other people, films and music.
pub(crate) fn enrich(text: &str, review: &mut Review) {
    let t = Toks::new(text);
    let mut people = people_of(&t, review);
    credits::credits(&t, &mut people, &mut review.film);

    let characters: Vec<String> =
        review.film.cast.iter().filter_map(|c| c.character.clone()).collect();
    let title = review.film.title.clone();
    let found = films::films(&t, &films::Exclude { title: &title, people: &people,
                                                   characters: &characters });
    merge(&mut review.mentions.films, found);

    let (music, bands) = mentions::music(&t, &people);
    let known = mentions::Known { title: &title, critic: review.critic.as_deref(),
                                  characters: &characters };
    let named = mentions::people_named(&t, &people, &known, &music, &bands);
    merge(&mut review.mentions.music, music);
    merge(&mut review.mentions.people, named);

    merge(&mut review.venues, events::venues(text));
    for e in events::events(&t, &people, &title, review.published.as_deref()) {
        if !review.events.contains(&e) {
            review.events.push(e);
        }
    }
}

/// The people `review`'s credits name, and every person-shaped name run of
/// `t`.
fn people_of(t: &Toks<'_>, review: &Review) -> People {
    let mut people = People::default();
    let film = &review.film;
    for name in film.cast.iter().map(|c| &c.name)
        .chain(&film.directors).chain(&film.writers).chain(&film.producers)
    {
        people.add(name);
    }
    for k in 0..t.len() {
        if let Some(r) = name_run(t, k)
            && person_shaped(&r.words)
        {
            people.add_seen(&r.text());
        }
    }
    people
}

/// Adds to `review` the venues and dated events of `coda`, text after a
/// roundup's last capsule that names this review's film.
pub(crate) fn enrich_coda(coda: &str, review: &mut Review) {
    let t = Toks::new(coda);
    let people = people_of(&t, review);
    merge(&mut review.venues, events::venues(coda));
    for e in events::events(&t, &people, &review.film.title, review.published.as_deref()) {
        if !review.events.contains(&e) {
            review.events.push(e);
        }
    }
}

/// Appends the items of `new` that `list` does not hold yet.
fn merge(list: &mut Vec<String>, new: Vec<String>) {
    for n in new {
        if !list.iter().any(|l| key(l) == key(&n)) {
            list.push(n);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use marquee_model::{CastMember, Film};
    use serde_json::Value;

    use super::*;

    const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

    fn set<'a>(items: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
        items.into_iter().map(key).collect()
    }

    fn strs(v: &Value) -> Vec<&str> {
        v.as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
    }

    #[test]
    fn trace_file() {
        let Some(path) = std::env::var_os("PROSE_FILE") else { return };
        let text = std::fs::read_to_string(path).unwrap();
        let got = crate::extract_text("x", &text);
        eprintln!("{}", serde_json::to_string_pretty(&got.reviews).unwrap());
    }

    /// The seed review, through the whole extractor, matches the gold record
    /// on every field the prose decides.
    #[test]
    fn seed_review_matches_gold_on_prose_fields() {
        let (Ok(text), Ok(gold)) = (std::fs::read_to_string(format!("{SHARED}/seed/her-smell.txt")),
                                    std::fs::read_to_string(format!("{SHARED}/gold/seed.jsonl")))
        else {
            eprintln!("skipping: ../shared/seed not found");
            return;
        };
        let gold: Value = serde_json::from_str(gold.lines().next().unwrap_or("{}")).unwrap();
        let g = &gold["reviews"][0];
        let got = crate::extract_text("her-smell.txt", &text);
        let r = &got.reviews[0];
        let cast_pairs = |c: &[CastMember]| -> BTreeSet<String> {
            c.iter().filter_map(|m| m.character.as_ref().map(|ch| key(&format!("{}|{ch}", m.name))))
                .collect()
        };
        let gold_cast: Vec<CastMember> = serde_json::from_value(g["film"]["cast"].clone()).unwrap();
        assert_eq!(set(r.film.cast.iter().map(|c| c.name.as_str())),
                   set(gold_cast.iter().map(|c| c.name.as_str())), "cast");
        assert_eq!(cast_pairs(&r.film.cast), cast_pairs(&gold_cast), "characters");
        for (field, mine) in [("writers", &r.film.writers), ("producers", &r.film.producers),
                              ("directors", &r.film.directors)] {
            assert_eq!(set(mine.iter().map(String::as_str)), set(strs(&g["film"][field])), "{field}");
        }
        for (field, mine) in [("people", &r.mentions.people), ("films", &r.mentions.films),
                              ("music", &r.mentions.music)] {
            assert_eq!(set(mine.iter().map(String::as_str)), set(strs(&g["mentions"][field])),
                       "mentions.{field}");
        }
        assert_eq!(set(r.venues.iter().map(String::as_str)), set(strs(&g["venues"])), "venues");
        let gold_events: Vec<marquee_model::Event> =
            serde_json::from_value(g["events"].clone()).unwrap();
        assert_eq!(r.events.len(), gold_events.len(), "events");
        for (e, ge) in r.events.iter().zip(&gold_events) {
            assert_eq!((&e.date, &e.time), (&ge.date, &ge.time));
            assert_eq!(e.venue.as_deref().map(key), ge.venue.as_deref().map(key));
            assert_eq!(set(e.participants.iter().map(String::as_str)),
                       set(ge.participants.iter().map(String::as_str)));
        }
    }

    /// The prose rules on a review of our own, written in the seed's style.
    #[test]
    fn a_newspaper_review_in_our_own_words() {
        let text = "Night Owls trails a jazz pianist after a late set, from writer-director \
(and Toledo native) Mara Quinn Holt.\n\nDelia (Ruth Anand, who also produced and has \
worked with Holt before) is the pianist. She is cruel to her manager (Colm Dwyer) and her \
two sidemen (Pete Okafor, Luis Brand). Anand's turn recalls Jennifer Cole's work in \
Harbor Lights, a movie that took its time.\n\nThe score comes from the Detroit band Gravel, \
and from Ohio's own Tina Marsh (of the bands Lowlight and Drum Hollow); Delia hums a Bruce \
Keane song.\n\nMarsh will join Holt for a Q&A after the screening of Night Owls at the \
Lantern Film Center at 7 p.m. Friday, May 3.\n\nPlaying at: Roxy Screening Room\n";
        let mut review = Review::new(Film::titled("Night Owls"));
        review.film.directors = vec!["Mara Quinn Holt".into()];
        review.film.cast = vec![CastMember { name: "Ruth Anand".into(), character: None },
                                CastMember { name: "Colm Dwyer".into(), character: None }];
        enrich(text, &mut review);
        let f = &review.film;
        let cast: Vec<(&str, Option<&str>)> =
            f.cast.iter().map(|c| (c.name.as_str(), c.character.as_deref())).collect();
        assert_eq!(cast, [("Ruth Anand", Some("Delia")), ("Colm Dwyer", None),
                          ("Pete Okafor", None), ("Luis Brand", None)]);
        assert_eq!(f.writers, ["Mara Quinn Holt"]);
        assert_eq!(f.producers, ["Ruth Anand"]);
        let m = &review.mentions;
        assert_eq!(m.films, ["Harbor Lights"]);
        assert_eq!(m.music, ["Gravel", "Tina Marsh", "Lowlight", "Drum Hollow", "Bruce Keane"]);
        assert_eq!(m.people, ["Jennifer Cole", "Tina Marsh", "Bruce Keane"]);
        assert_eq!(review.venues, ["Roxy Screening Room"]);
        assert_eq!(review.events.len(), 1);
        let e = &review.events[0];
        assert_eq!((e.kind.as_str(), e.date.as_deref(), e.time.as_deref(), e.venue.as_deref()),
                   ("Q&A", Some("--05-03"), Some("19:00"), Some("Lantern Film Center")));
        assert_eq!(e.participants, ["Tina Marsh", "Mara Quinn Holt"]);
    }
}

#[cfg(test)]
mod properties {
    use marquee_model::{CastMember, Film, Review};
    use proptest::prelude::*;

    use super::enrich;

    fn review() -> Review {
        let mut r = Review::new(Film::titled("Night Owls"));
        r.film.cast = vec![CastMember { name: "Ruth Anand".into(), character: None }];
        r.film.directors = vec!["Mara Quinn Holt".into()];
        r
    }

    proptest! {
        /// Any text at all: no panic.
        #[test]
        fn enrich_never_panics_on_arbitrary_text(text in any::<String>()) {
            enrich(&text, &mut review());
        }

        /// Text made of the pieces the rules look for, in any order: no panic.
        #[test]
        fn enrich_never_panics_on_rule_shaped_text(parts in prop::collection::vec(
            prop::sample::select(vec!["(", ")", "\"", "“", "”", "’s", "'", ",", ".", ";", ":",
                "\n", "\n\n", "Ruth", "Anand", "Holt", "Delia", "as", "the", "played", "by",
                "who", "also", "produced", "band", "music", "from", "a", "song", "Q&A",
                "April", "27", "6:30", "p.m.", "at", "Playing at:", "BIG", "CHILL", "DR.",
                "NO", "writer-director", "director", "starring", "{", "|", "-", "1.", "see"]),
            0..60))
        {
            let text = parts.join(" ");
            enrich(&text, &mut review());
            let glued: String = parts.concat();
            enrich(&glued, &mut review());
        }
    }
}

#[cfg(test)]
mod timing {
    use std::time::Instant;

    use marquee_model::{Film, Review};

    use super::enrich;

    /// Time per review of `enrich` alone over a JSON Lines corpus (`text`,
    /// `title`), e.g. the ramr corpus unpacked: `PROSE_BENCH=/tmp/ramr.jsonl
    /// cargo test --release -p marquee-extract --lib prose_time -- --nocapture`.
    #[test]
    fn prose_time() {
        let Some(path) = std::env::var_os("PROSE_BENCH") else { return };
        let Ok(data) = std::fs::read_to_string(&path) else {
            eprintln!("skipping: {path:?} not found");
            return;
        };
        let docs: Vec<(String, String)> = data.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .map(|v| (v["title"].as_str().unwrap_or("").to_owned(),
                      v["text"].as_str().unwrap_or("").to_owned()))
            .collect();
        let start = Instant::now();
        let mut found = [0usize; 5];
        for (title, text) in &docs {
            let mut r = Review::new(Film::titled(title.clone()));
            enrich(text, &mut r);
            found[0] += usize::from(!r.film.cast.is_empty());
            found[1] += usize::from(!r.mentions.films.is_empty());
            found[2] += usize::from(!r.mentions.people.is_empty());
            found[3] += usize::from(!r.venues.is_empty());
            found[4] += usize::from(!r.events.is_empty());
        }
        let per = start.elapsed().as_secs_f64() * 1e6 / docs.len().max(1) as f64;
        eprintln!("{} reviews, {per:.1} µs per review; with cast {}, films {}, people {}, \
                   venues {}, events {}", docs.len(), found[0], found[1], found[2], found[3],
                  found[4]);
    }
}
