//! Issue 12 at the command line: hostile queries and settings get a clear
//! error and exit code 2, never an abort.

use std::os::unix::process::ExitStatusExt;

use crate::{run, stderr};

/// A database holding one small review of our own, and its index.
fn small_db(dir: &std::path::Path) -> String {
    let review = dir.join("review.txt");
    std::fs::write(
        &review,
        "QUIET HARBOUR\n\nDirected by Ines Vautrin. A patient, tender drama about a lighthouse keeper; \
         the best thing in it is the sea.\n\nBy Paula Hendricks",
    )
    .unwrap();
    let db = dir.join("m.db");
    let out = run(&["ingest", review.to_str().unwrap(), "--db", db.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    db.to_str().unwrap().to_owned()
}

#[test]
fn r12_row2_search_with_10000_nested_parentheses_exits_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_db(dir.path());
    // The 10,000 nested parentheses (refused for their length), the
    // same depth within the length bound, and the row-3 words.
    let nested = format!("{}lighthouse{}", "(".repeat(10_000), ")".repeat(10_000));
    let shallower = format!("{}lighthouse{}", "(".repeat(400), ")".repeat(400));
    let words: Vec<String> = (0..2000).map(|i| format!("qz{i}vx")).collect();
    for (query, needle) in [
        (nested, "bytes long; at most 1024"),
        (shallower, "groups and NOTs; at most 32"),
        (words.join(" "), "bytes long; at most 1024"),
        (words[..100].join(" "), "words; at most 32"),
    ] {
        let out = run(&["search", &query, "--db", &db]);
        assert_eq!(out.status.signal(), None, "killed by a signal: {}", stderr(&out));
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(needle), "{err}");
        assert!(err.len() < 400, "the error quotes the query whole: {} bytes", err.len());
    }
    // Within the bounds, the same search answers.
    let nested = format!("{}lighthouse{}", "(".repeat(30), ")".repeat(30));
    let out = run(&["search", &nested, "--db", &db, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let results: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(results["total"].as_u64().unwrap() >= 1, "{results}");
}

#[test]
fn r12_row12_serve_refuses_an_empty_token() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_db(dir.path());
    for (args, env) in [(vec!["--token", ""], None), (vec!["--token", "  "], None), (vec![], Some(""))] {
        let mut cmd = crate::marquee();
        cmd.args(["serve", "--db", &db, "--addr", "127.0.0.1:0"]).args(&args);
        if let Some(value) = env {
            cmd.env("MARQUEE_TOKEN", value);
        } else {
            cmd.env_remove("MARQUEE_TOKEN");
        }
        // A server that started would not exit: give it a moment, then fail.
        let mut child = cmd.stderr(std::process::Stdio::piped()).stdout(std::process::Stdio::null()).spawn().unwrap();
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > std::time::Duration::from_secs(20) {
                let _ = child.kill();
                panic!("serve {args:?} (MARQUEE_TOKEN={env:?}) started with an empty token");
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        };
        let mut err = String::new();
        std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
        assert_eq!(status.code(), Some(2), "{err}");
        assert!(err.contains("token is empty"), "{err}");
    }
}
