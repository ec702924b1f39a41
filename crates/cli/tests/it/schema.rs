//! Every record `marquee extract` prints is valid against the schema in
//! `../shared/schema/extract.schema.json`.

use crate::{run, samples, shared, stderr};

#[test]
fn sample_records_are_valid_against_the_schema() {
    let Some(shared) = shared() else { return };
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(shared.join("schema/extract.schema.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let out = run(&["extract", "--format", "jsonl", samples().to_str().unwrap(), shared.join("seed/her-smell.txt").to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut n = 0;
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        let errors: Vec<String> = validator.iter_errors(&record).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", record["source"]);
        assert!(record["reviews"][0]["verdict"]["label"].is_string(), "{}", record["source"]);
        n += 1;
    }
    assert_eq!(n, 12, "one record per sample and the seed");
}
