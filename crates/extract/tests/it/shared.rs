//! Checks against `../shared` (the seed review, the record's JSON Schema and
//! the ramr corpus), skipped with a note when it is absent (failed under CI,
//! see `marquee_testkit::shared`).

use std::io::BufRead;
use std::path::PathBuf;

/// `../shared` beside the repository, or the directory `MARQUEE_SHARED` names.
#[track_caller]
fn shared() -> Option<PathBuf> {
    marquee_testkit::shared()
}

fn validator(shared: &std::path::Path) -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(shared.join("schema/extract.schema.json")).expect("schema readable"))
            .expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

#[test]
fn seed_film_fields() {
    let Some(shared) = shared() else { return };
    let text = std::fs::read_to_string(shared.join("seed/her-smell.txt")).expect("seed readable");
    let record = marquee_extract::extract_text("her-smell.txt", &text);
    assert_eq!(record.reviews.len(), 1);
    let review = &record.reviews[0];
    let film = &review.film;
    assert_eq!(film.title, "Her Smell");
    assert_eq!(film.year, None);
    assert_eq!(film.directors, ["Alex Ross Perry"]);
    assert_eq!(film.distributor.as_deref(), Some("Gunpowder and Sky"));
    assert_eq!(film.runtime_minutes, Some(135));
    let cert = film.certificate.as_ref().expect("certificate");
    assert_eq!((cert.system.as_str(), cert.rating.as_str()), ("MPAA", "R"));
    assert_eq!(cert.reasons, ["language"]);
    for name in ["Elisabeth Moss", "Dan Stevens", "Virginia Madsen", "Agyness Deyn", "Cara Delevingne"] {
        assert!(film.cast.iter().any(|c| c.name == name), "{name} missing from {:?}", film.cast);
    }
    assert_eq!(review.critic, None);
    assert_eq!(review.published, None);
    assert_eq!(review.rating, None);

    let json = serde_json::to_value(&record).expect("record serialises");
    let v = validator(&shared);
    let errors: Vec<String> = v.iter_errors(&json).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "seed record breaks the schema: {errors:?}");
}

/// Every record over a slice of ramr (all of it with RUN_SLOW_TESTS) is
/// valid against the schema, and extraction does not panic.
#[test]
fn ramr_records_follow_the_schema() {
    let Some(shared) = shared() else { return };
    let Some(path) = marquee_testkit::shared_file("corpora/ramr/ramr.jsonl.gz") else { return };
    let file = std::fs::File::open(&path).expect("ramr readable");
    let limit = if std::env::var_os("RUN_SLOW_TESTS").is_some() { usize::MAX } else { 400 };
    let v = validator(&shared);
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
    let mut seen = 0;
    for line in reader.lines().take(limit) {
        let line = line.expect("corpus line");
        let doc: serde_json::Value = serde_json::from_str(&line).expect("corpus line is JSON");
        let id = doc["id"].as_str().expect("id");
        let record = marquee_extract::extract_text(id, doc["text"].as_str().expect("text"));
        assert!(!record.reviews.is_empty(), "{id}: no review");
        let json = serde_json::to_value(&record).expect("record serialises");
        let errors: Vec<String> = v.iter_errors(&json).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{id}: {errors:?}");
        seen += 1;
    }
    assert!(seen > 0);
}
