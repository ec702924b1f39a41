//! The standing formulas on hand-computed examples.

use marquee_store::standing::{FilmTally, GlobalTally, consensus, standing};
use marquee_store::{LabelCounts, SqliteStore, Store};
use marquee_model::VerdictLabel;

use crate::{film, ingest, review};

fn tally(scores: &[u8]) -> FilmTally {
    let mut t = FilmTally { reviews: scores.len() as u32, scored: scores.len() as u32, ..FilmTally::default() };
    for &s in scores {
        t.sum += f64::from(s);
        t.sq_sum += f64::from(s) * f64::from(s);
        t.fresh += u32::from(s >= 60);
        match VerdictLabel::from_score(s) {
            VerdictLabel::Positive => t.labels.positive += 1,
            VerdictLabel::Mixed => t.labels.mixed += 1,
            VerdictLabel::Negative => t.labels.negative += 1,
        }
    }
    t
}

#[track_caller]
fn close(actual: f64, expected: f64) {
    assert!((actual - expected).abs() < 1e-9, "{actual} != {expected}");
}

#[test]
fn shrunk_score_and_interval_by_hand() {
    // The store holds film A (90, 80) and film B (40): C = 210/3 = 70,
    // σ²_all = (8100 + 6400 + 1600)/3 − 70² = 466.67.
    let all = GlobalTally { scored: 3, sum: 210.0, sq_sum: 16_100.0 };
    close(all.mean(), 70.0);
    close(all.variance(), 16_100.0 / 3.0 - 4900.0);
    let a = standing(&tally(&[90, 80]), &all);
    // S = (170 + 5·70) / (2 + 5) = 520/7.
    close(a.shrunk_score.unwrap(), 520.0 / 7.0);
    close(a.mean_score.unwrap(), 85.0);
    // s² = (90−85)² + (80−85)² = 50 over 1 degree of freedom;
    // σ² = (1·50 + 5·466.67)/(1 + 5); half-width 1.96·√(σ²/7).
    let pooled = (50.0 + 5.0 * (16_100.0 / 3.0 - 4900.0)) / 6.0;
    let half = 1.96 * (pooled / 7.0_f64).sqrt();
    let interval = a.interval.unwrap();
    close(interval.low, 520.0 / 7.0 - half);
    close(interval.high, 520.0 / 7.0 + half);
    assert_eq!(a.label, Some(VerdictLabel::Positive));
    assert_eq!(a.labels, LabelCounts { positive: 2, mixed: 0, negative: 0 });
    assert_eq!(a.fresh_share, None);
    // B: one review of 40 → (40 + 350)/6 = 65; σ² = σ²_all.
    let b = standing(&tally(&[40]), &all);
    close(b.shrunk_score.unwrap(), 65.0);
    let half = 1.96 * ((16_100.0 / 3.0 - 4900.0) / 6.0_f64).sqrt();
    close(b.interval.unwrap().high - b.interval.unwrap().low, 2.0 * half);
}

#[test]
fn intervals_narrow_with_agreement_and_stay_in_range() {
    let all = GlobalTally { scored: 1000, sum: 60_000.0, sq_sum: 1000.0 * (3600.0 + 400.0) };
    close(all.variance(), 400.0);
    let agreed = standing(&tally(&[80; 20]), &all).interval.unwrap();
    let split = standing(&tally(&[[100, 60]; 10].concat()), &all).interval.unwrap();
    assert!(agreed.high - agreed.low < split.high - split.low);
    let perfect = standing(&tally(&[100; 3]), &GlobalTally { scored: 3, sum: 300.0, sq_sum: 30_000.0 });
    assert_eq!(perfect.interval.unwrap().high, 100.0);
    close(perfect.shrunk_score.unwrap(), 100.0);
}

#[test]
fn empty_store_uses_the_fallback_prior() {
    let lone = standing(&tally(&[100]), &GlobalTally::default());
    // (100 + 5·50)/6, with σ = 20.
    close(lone.shrunk_score.unwrap(), 350.0 / 6.0);
    close(lone.interval.unwrap().high - 350.0 / 6.0, 1.96 * (400.0 / 6.0_f64).sqrt());
    let unscored = standing(&FilmTally { reviews: 2, ..FilmTally::default() }, &GlobalTally::default());
    assert_eq!((unscored.reviews, unscored.shrunk_score, unscored.label), (2, None, None));
}

#[test]
fn fresh_share_appears_at_five_reviews() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let f = film("Five", Some(2000), &[]);
    for (i, score) in [90, 30, 70, 65].into_iter().enumerate() {
        ingest(&mut store, &i.to_string(), vec![review(f.clone(), &format!("Critic {i}"), score, &[])]);
    }
    let id = store.find_films("Five", 1).unwrap()[0].id;
    assert_eq!(store.film(id).unwrap().unwrap().standing.fresh_share, None);
    ingest(&mut store, "4", vec![review(f, "Critic 4", 20, &[])]);
    let standing = store.film(id).unwrap().unwrap().standing;
    assert_eq!(standing.fresh_share, Some(0.6));
    assert_eq!(standing.labels, LabelCounts { positive: 3, mixed: 0, negative: 2 });
    assert_eq!(standing.mean_score, Some(55.0));
    assert_eq!(standing.label, Some(VerdictLabel::Mixed));
}

#[test]
fn consensus_prefers_sentences_echoed_by_other_reviews() {
    let reviews = vec![
        vec!["The pacing drags badly.".to_owned(), "Its score is lovely and haunting.".to_owned()],
        vec!["A haunting score lifts everything.".to_owned()],
        vec!["Haunting, with a lovely score, though the pacing drags.".to_owned()],
        vec![],
    ];
    // Review 2's sentence shares haunting, lovely, score, pacing, drags with
    // the others (5 words); review 0's second sentence shares lovely, score,
    // haunting (3), beating its first (pacing, drags: 2); review 1's shares
    // haunting, score (2).
    assert_eq!(consensus(&reviews), [(2, 0), (0, 1), (1, 0)]);
    assert_eq!(consensus(&reviews[1..2]), [(0, 0)], "one review: its strongest sentence");
    assert!(consensus(&[]).is_empty());
}

#[test]
fn r5_consensus_shows_a_sentence_once_when_two_reviews_share_it() {
    let syndicated = "A haunting score lifts everything.".to_owned();
    let reviews = vec![
        vec![syndicated.clone()],
        vec![syndicated],
        vec!["The score is haunting, though the pacing drags.".to_owned()],
    ];
    let picked = consensus(&reviews);
    let sentences: Vec<&str> = picked.iter().map(|&(r, p)| reviews[r][p].as_str()).collect();
    assert_eq!(sentences.len(), 2, "{sentences:?}");
    assert_ne!(sentences[0], sentences[1]);
}
