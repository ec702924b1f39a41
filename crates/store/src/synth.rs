//! Deterministic synthetic documents, for tests and the ingest benchmark.
//!
//! Document `i` of a corpus over `films` films reviews film
//! `i * 7919 % films` (so every film gets several critics), by critic
//! `i % 97`. Every tenth document is a roundup of three capsules. One review
//! in five leaves the year out but keeps the director, so merging by title
//! plus director is exercised; the content of every document is distinct.
//! Nothing here is real text.

use marquee_model::{
    CastMember, Certificate, Event, Extraction, Film, Mentions, Rating, Review, Verdict,
    VerdictBasis, VerdictLabel,
};

/// One synthetic input: what `read` would give and what `extract` + `judge`
/// would make of it.
#[derive(Debug, Clone)]
pub struct SynthDoc {
    /// The record's source.
    pub source: String,
    /// The raw text.
    pub content: String,
    /// The extraction, judged.
    pub extraction: Extraction,
}

const WORDS: &[&str] = &[
    "luminous", "tedious", "patient", "clumsy", "tender", "furious", "hollow", "graceful",
    "overlong", "witty", "somber", "playful", "muddled", "precise", "haunting", "brittle",
];

/// A small deterministic hash (SplitMix64), so the corpus needs no RNG crate.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// The `films` films' index of document `i`'s `k`-th review.
fn film_of(i: u64, k: u64, films: u64) -> u64 {
    (i * 7919 + k * 104_729) % films.max(1)
}

fn review(i: u64, k: u64, films: u64) -> Review {
    let f = film_of(i, k, films);
    let h = mix(i * 31 + k);
    let score = (h % 101) as u8;
    let word = |n: u64| WORDS[(mix(h + n) % WORDS.len() as u64) as usize];
    let film = Film {
        title: format!("The Synthetic Picture {f}"),
        year: if (i + k).is_multiple_of(5) { None } else { Some(1950 + (f % 70) as i32) },
        directors: vec![format!("Director Number{}", f % 1000)],
        writers: vec![format!("Writer Number{}", f % 700)],
        producers: vec![],
        cast: (0..4)
            .map(|c| CastMember {
                name: format!("Performer Number{}", (f * 3 + c) % 2000),
                character: (c % 2 == 0).then(|| format!("Character{c} of {f}")),
            })
            .collect(),
        distributor: Some(format!("Distributor{}", f % 20)),
        runtime_minutes: Some(80 + (f % 70) as u32),
        certificate: Some(Certificate {
            system: "MPAA".into(),
            rating: ["G", "PG", "PG-13", "R"][(f % 4) as usize].into(),
            reasons: vec!["some language".into()],
        }),
        genres: vec![],
        ..Film::default()
    };
    let label = VerdictLabel::from_score(score);
    let evidence = vec![
        format!("A {} and {} picture about number {f}.", word(1), word(2)),
        format!("The lead is {} throughout.", word(3)),
    ];
    let venue = format!("Cinema Number{}", f % 30);
    Review {
        film,
        critic: Some(format!("Critic Number{}", i % 97)),
        publication: Some(format!("Gazette Number{}", i % 13)),
        published: None,
        rating: i.is_multiple_of(3).then(|| Rating { text: format!("{}/100", score), score }),
        verdict: Some(Verdict {
            label,
            fresh: score >= 60,
            score,
            evidence,
            basis: if i.is_multiple_of(3) { VerdictBasis::Grade } else { VerdictBasis::Model },
            model_score: score,
            disagreement: false,
            model: "synthetic@1".into(),
        }),
        venues: if i.is_multiple_of(4) { vec![venue.clone()] } else { vec![] },
        events: if i.is_multiple_of(8) {
            vec![Event {
                kind: "Q&A".into(),
                date: Some(format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28)),
                time: Some("19:30".into()),
                venue: Some(venue),
                participants: vec![format!("Director Number{}", f % 1000)],
            }]
        } else {
            vec![]
        },
        mentions: Mentions {
            people: vec![format!("Somebody Else{}", h % 500)],
            films: vec![format!("Another Picture {}", h % 300)],
            music: vec![],
        },
        text: format!(
            "Review {i}.{k} of The Synthetic Picture {f}. {} {} It is {} and {}.",
            "Filler prose stands where a critic's words would be.",
            "The numbers make each document distinct.",
            word(4),
            word(5)
        ),
    }
}

/// Document `i` of a synthetic corpus over `films` films.
pub fn doc(i: u64, films: u64) -> SynthDoc {
    let capsules = if i.is_multiple_of(10) { 3 } else { 1 };
    let reviews: Vec<Review> = (0..capsules).map(|k| review(i, k, films)).collect();
    let content = reviews.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join("\n\n");
    let source = format!("synthetic-{i:06}.txt");
    SynthDoc {
        extraction: Extraction { source: source.clone(), reviews, ..Extraction::default() },
        source,
        content,
    }
}

/// How many reviews documents `0..n` hold in all.
pub fn review_count(n: u64) -> u64 {
    (0..n).map(|i| if i.is_multiple_of(10) { 3 } else { 1 }).sum()
}
