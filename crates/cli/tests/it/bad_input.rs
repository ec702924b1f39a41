//! Issue 2, item 7: each bad input gets one clear line naming it and the
//! reason; the rest of the batch goes on; the exit code says that some
//! inputs failed; the database keeps everything good.

use std::fs;

use crate::{run, samples, stderr};

const GOOD: &str = "Paper Lanterns (2021)\n\nDirected by Ada Pike. With Rob Quill and Nan Tebbit.\n\n\
Ada Pike's quiet drama follows a widower who builds lanterns for a village festival. \
It is slow and lovely, and Rob Quill has never been better.\n\nRunning time: 94 minutes. Rated PG.\n";

#[test]
fn each_bad_input_is_named_and_the_rest_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("good.txt"), GOOD).unwrap();
    fs::write(d.join("binary.txt"), b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00").unwrap();
    let mut undecodable = b"\xEF\xBB\xBFA review of ".to_vec();
    undecodable.extend(std::iter::repeat_n(b"\xff\xfe\xc3", 200).flatten());
    fs::write(d.join("undecodable.txt"), undecodable).unwrap();
    fs::write(d.join("empty.txt"), "").unwrap();
    fs::write(d.join("shopping.txt"), "eggs\nmilk\nbread\n").unwrap();
    let huge = fs::File::create(d.join("huge.txt")).unwrap();
    huge.set_len(200 * 1024 * 1024).unwrap(); // sparse: costs no disk
    fs::write(
        d.join("batch.jsonl"),
        format!("{}\n{{not json\n{}\n", serde_json::json!({"id": "j1", "text": GOOD.replace("Paper", "Stone")}),
                serde_json::json!({"id": "j3", "text": GOOD.replace("Paper", "Glass")})),
    )
    .unwrap();
    let input = d.join("inputs");
    fs::create_dir(&input).unwrap();
    for entry in fs::read_dir(d).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            fs::rename(&path, input.join(path.file_name().unwrap())).unwrap();
        }
    }
    let db = d.join("test.db");
    let db = db.to_str().unwrap();
    let input = input.to_str().unwrap();

    let out = run(&["ingest", input, "--db", db]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "exit code says some inputs failed; stderr:\n{err}");
    for (name, reason) in [
        ("binary.txt", "binary"),
        ("undecodable.txt", "undecodable"),
        ("empty.txt", "empty"),
        ("shopping.txt", "no film review"),
        ("huge.txt", "too large"),
        ("batch.jsonl:2", "malformed JSON"),
    ] {
        let line = err.lines().find(|l| l.contains(name)).unwrap_or_else(|| panic!("no line for {name} in:\n{err}"));
        assert!(line.contains(reason), "{name}: expected {reason:?} in {line:?}");
    }
    assert!(!err.lines().any(|l| l.contains("good.txt")), "the good file is not reported:\n{err}");

    let films = run(&["films", "--db", db, "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&films.stdout).unwrap();
    let mut titles: Vec<&str> = json["items"].as_array().unwrap().iter().map(|f| f["title"].as_str().unwrap()).collect();
    titles.sort();
    assert_eq!(titles, ["Glass Lanterns", "Paper Lanterns", "Stone Lanterns"]);

    // A second run over the same inputs stores nothing new and loses nothing.
    let again = run(&["ingest", input, "--db", db, "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(report["inserted"], 0);
    assert_eq!(report["unchanged"], 3);
}

#[test]
fn a_missing_path_is_named() {
    let out = run(&["extract", "/nonexistent/review.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("/nonexistent/review.txt") && err.contains("no such file"), "{err}");
}

#[test]
fn query_commands_without_a_database_say_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let out = run(&["films", "--db", db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("marquee ingest"), "{}", stderr(&out));
    assert!(!db.exists(), "a query must not create a database");
}

#[test]
fn samples_folder_extracts_without_failures() {
    let out = run(&["extract", "--format", "jsonl", samples().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
}
