//! The extraction record scored against the hand-made gold in `../shared`
//! with the project's own scorer (`../shared/tools/score_extract.py`): the
//! seed review must score 1.00, the dev set at least 0.90 macro F1.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::Command;

use crate::{run, shared, stderr};

/// Scores `pred` against `gold` and returns the macro F1 and the report.
fn score(shared: &Path, gold: &Path, pred: &Path) -> (f64, String) {
    let out = Command::new("python3")
        .arg(shared.join("tools/score_extract.py"))
        .args([gold, pred])
        .arg("--json")
        .output()
        .expect("python3 runs the scorer");
    assert!(out.status.success(), "scorer failed: {}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    (report["macro_f1"].as_f64().unwrap(), serde_json::to_string_pretty(&report["fields"]).unwrap())
}

#[test]
fn seed_review_scores_full_marks() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["extract", "--format", "jsonl", shared.join("seed/her-smell.txt").to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pred = dir.path().join("seed.jsonl");
    std::fs::write(&pred, &out.stdout).unwrap();
    let (macro_f1, fields) = score(&shared, &shared.join("gold/seed.jsonl"), &pred);
    assert!(macro_f1 >= 0.999, "seed macro F1 {macro_f1:.3}\n{fields}");
}

#[test]
fn dev_gold_scores_at_least_ninety() {
    let Some(shared) = shared() else { return };
    let gold = shared.join("gold/dev.jsonl");
    let ids: std::collections::HashSet<String> = BufReader::new(std::fs::File::open(&gold).unwrap())
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(&l.unwrap()).unwrap();
            v["source"].as_str().unwrap().trim_end_matches(".txt").to_owned()
        })
        .collect();
    // The dev reviews, taken from the corpus at test time into a temporary
    // JSON Lines file (corpus text never enters the repository).
    let corpus = shared.join("corpora/ramr/ramr.jsonl.gz");
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("dev-input.jsonl");
    let mut writer = std::fs::File::create(&input).unwrap();
    let reader = BufReader::new(flate2::read::GzDecoder::new(std::fs::File::open(&corpus).unwrap()));
    for line in reader.lines() {
        let line = line.unwrap();
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        if ids.contains(v["id"].as_str().unwrap()) {
            writeln!(writer, "{}", serde_json::json!({"id": v["id"], "text": v["text"]})).unwrap();
        }
    }
    drop(writer);
    let out = run(&["extract", "--format", "jsonl", input.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pred = dir.path().join("dev.jsonl");
    std::fs::write(&pred, &out.stdout).unwrap();
    let (macro_f1, fields) = score(&shared, &gold, &pred);
    eprintln!("dev gold macro F1 {macro_f1:.3}\n{fields}");
    assert!(macro_f1 >= 0.90, "dev macro F1 {macro_f1:.3} is below 0.90\n{fields}");
}
