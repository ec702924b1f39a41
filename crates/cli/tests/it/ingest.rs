//! Ingest and the query commands over the bundled samples.

use crate::{run, samples, stderr, stdout};

#[test]
fn samples_ingest_once_and_query() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let db = db.to_str().unwrap();
    let input = samples();
    let out = run(&["ingest", input.to_str().unwrap(), "--db", db, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let first: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(first["failed"], 0);
    assert!(first["reviews"].as_u64().unwrap() >= 11, "{first}");

    // Idempotent: nothing changes the second time.
    let out = run(&["ingest", input.to_str().unwrap(), "--db", db, "--json"]);
    let second: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(second["inserted"], 0);
    assert_eq!(second["unchanged"], first["documents"]);

    // Three critics reviewed The Lantern Keeper: one film.
    let out = run(&["show", "The Lantern Keeper", "--db", db, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let film: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(film["reviews"].as_array().unwrap().len(), 3, "{film:#}");
    let directors: Vec<&str> =
        film["credits"]["directors"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(directors, ["Marisol Ortega"]);
    assert_eq!(film["runtime_minutes"], 112);
    for review in film["reviews"].as_array().unwrap() {
        let verdict = &review["verdict"];
        assert!(verdict["score"].as_u64().unwrap() <= 100);
        assert!(!verdict["evidence"].as_array().unwrap().is_empty(), "{review:#}");
    }

    // Readable text for people.
    let text = stdout(&run(&["show", "The Lantern Keeper", "--db", db]));
    assert!(text.contains("Directed by   Marisol Ortega"), "{text}");
    assert!(text.contains("Maren Colfax (Nell"), "{text}");

    let out = run(&["reviews", "--critic", "Hendricks", "--db", db, "--json"]);
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(page["total"], 1, "{page:#}");
    assert_eq!(page["items"][0]["rating"]["score"], 88);
}
