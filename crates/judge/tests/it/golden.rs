//! A fixture corpus of our own short reviews with expected verdicts.
//!
//! `tests/data/verdicts.jsonl` holds each review, an optional grade and the
//! fresh/rotten call a reader would make (checked for every model).
//! `tests/data/verdicts.expected.json` pins the exact verdicts of the shipped
//! model; it is written when missing, and re-blessed with `UPDATE_EXPECT=1`
//! only on purpose, when the model version changes.

use std::path::Path;

use marquee_model::{Rating, Verdict};
use serde::Deserialize;

use crate::judge;

#[derive(Deserialize)]
struct Case {
    id: String,
    expect_fresh: bool,
    grade: Option<Rating>,
    text: String,
}

#[test]
fn fixture_verdicts_match_the_blessed_ones() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let input = std::fs::read_to_string(dir.join("verdicts.jsonl")).expect("fixture corpus");
    let cases: Vec<Case> = input.lines().map(|l| serde_json::from_str(l).expect("fixture line")).collect();
    let mut got = serde_json::Map::new();
    let mut wrong_calls = Vec::new();
    for case in &cases {
        let verdict: Verdict = judge().verdict(&case.text, case.grade.as_ref());
        if verdict.fresh != case.expect_fresh {
            wrong_calls.push(case.id.clone());
        }
        for e in &verdict.evidence {
            assert!(case.text.contains(e.as_str()), "{}: evidence {e:?} not verbatim", case.id);
        }
        got.insert(case.id.clone(), serde_json::to_value(&verdict).expect("verdicts serialise"));
    }
    // A reader's call is a property of the text, not of one model: allow one
    // miss in the twelve, but no more.
    assert!(wrong_calls.len() <= 1, "fresh/rotten calls a reader would not make: {wrong_calls:?}");

    let expected_path = dir.join("verdicts.expected.json");
    let got = serde_json::Value::Object(got);
    let pretty = serde_json::to_string_pretty(&got).expect("json") + "\n";
    if std::env::var_os("UPDATE_EXPECT").is_some() || !expected_path.exists() {
        std::fs::write(&expected_path, &pretty).expect("write expected verdicts");
        eprintln!("wrote {}", expected_path.display());
        return;
    }
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&expected_path).expect("expected verdicts")).expect("json");
    assert!(
        expected == got,
        "verdicts changed (model {}); if the model changed on purpose, re-bless with UPDATE_EXPECT=1.\n{pretty}",
        judge().model().id()
    );
}
