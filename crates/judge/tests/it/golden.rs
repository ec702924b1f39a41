//! A fixture corpus of our own short reviews with expected verdicts.
//!
//! `tests/data/verdicts.jsonl` holds each review, an optional grade and the
//! fresh/rotten call a reader would make (checked for every model).
//! `tests/data/verdicts.expected.json` pins the exact verdicts of the shipped
//! model; a missing or different file fails, and only `UPDATE_EXPECT=1`
//! (never under CI) writes it, on purpose, when the model version changes.

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
    match marquee_testkit::compare(&expected_path, &pretty) {
        marquee_testkit::Golden::Written => eprintln!("wrote {}", expected_path.display()),
        marquee_testkit::Golden::Same => {}
        marquee_testkit::Golden::Missing => {
            panic!("{} is missing; write it with UPDATE_EXPECT=1 and review it", expected_path.display())
        }
        // Compared as JSON, not as text: the order of keys is not a change.
        marquee_testkit::Golden::Different(text) => {
            let expected: serde_json::Value = serde_json::from_str(&text).expect("expected verdicts are JSON");
            assert!(
                expected == got,
                "verdicts changed (model {}); if the model changed on purpose, re-bless with UPDATE_EXPECT=1.\n{pretty}",
                judge().model().id()
            );
        }
    }
}
