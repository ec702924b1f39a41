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

/// r5: an ingest brings the search index up to date by itself, touching only
/// what it stored, and the result holds as many documents as a full rebuild.
#[test]
fn r5_ingest_keeps_the_index_current_without_a_reindex() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let db = db.to_str().unwrap();
    // A: every sample but the Salt and Iron reviews; B: one of them.
    let a = dir.path().join("a");
    std::fs::create_dir(&a).unwrap();
    for entry in std::fs::read_dir(samples()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if !name.starts_with("salt-and-iron") {
            std::fs::copy(&path, a.join(&name)).unwrap();
        }
    }
    let b = samples().join("salt-and-iron-ebert.txt");

    let search = |query: &str| -> serde_json::Value {
        let out = run(&["search", query, "--db", db, "--json", "--limit", "100"]);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let kinds = |results: &serde_json::Value| -> Vec<String> {
        let mut kinds: Vec<String> =
            results["hits"].as_array().unwrap().iter().map(|h| h["kind"].as_str().unwrap().to_owned()).collect();
        kinds.sort();
        kinds.dedup();
        kinds
    };

    let out = run(&["ingest", a.to_str().unwrap(), "--db", db]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("search index rebuilt with"), "a new index is built whole: {}", stderr(&out));
    assert_eq!(search("\"salt and iron\"")["total"], 0);
    let after_a = search("")["total"].as_u64().unwrap();

    let out = run(&["ingest", b.to_str().unwrap(), "--db", db]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("search index updated:"), "not rebuilt: {}", stderr(&out));
    // Its people match too: their text is their films' titles.
    assert_eq!(kinds(&search("\"salt and iron\"")), ["film", "person", "review"]);
    assert_eq!(kinds(&search("critic:\"marcus bell\"")), ["critic", "review"]);
    assert!(kinds(&search("lila marchetti")).contains(&"person".to_owned()), "the film's new people are indexed");
    let incremental = search("")["total"].as_u64().unwrap();
    assert!(incremental > after_a);

    let out = run(&["reindex", "--db", db]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(search("")["total"].as_u64().unwrap(), incremental, "same documents as a full rebuild");
}
