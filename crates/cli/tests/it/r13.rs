//! Issue 13, the CLI section: one test per item.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::Stdio;

use crate::{marquee, run, samples, stderr, stdout};

/// A database holding the bundled samples, in `dir`.
fn sample_db(dir: &Path) -> String {
    let db = dir.join("m.db").display().to_string();
    let out = run(&["ingest", samples().to_str().unwrap(), "--db", &db]);
    assert!(out.status.success(), "{}", stderr(&out));
    db
}

const REVIEW: &str = "The Orchard Wall (2019)\n\nDirected by Tomas Reyes. With Ilse Brand and Kit Morrow.\n\n\
Tomas Reyes's patient film watches two sisters argue over an orchard their father left them. \
It is wise and funny, and Ilse Brand gives the performance of the year.\n\nRunning time: 101 minutes.\n";

#[test]
fn r13_a_port_in_use_is_said_first_and_once_with_a_hint() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    // No database either: the port is what is said, before anything else.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let out = run(&["serve", "--db", db.to_str().unwrap(), "--addr", &addr]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains(&addr) && err.contains("already in use") && err.contains("--addr"), "{err}");
    assert_eq!(err.to_lowercase().matches("in use").count(), 1, "said once: {err}");
    assert!(!db.exists());
    let out = run(&["demo", "--db", db.to_str().unwrap(), "--addr", &addr]);
    assert!(stderr(&out).contains("already in use"), "{}", stderr(&out));
    assert!(!db.exists(), "demo stops before ingesting when it cannot serve");
}

#[test]
fn r13_reading_commands_refuse_a_missing_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo.db");
    let db_s = db.to_str().unwrap();
    for args in [
        vec!["serve", "--addr", "127.0.0.1:0"],
        vec!["films"],
        vec!["show", "Anything"],
        vec!["reviews"],
        vec!["search", "harbor"],
        vec!["reindex"],
        vec!["export"],
    ] {
        let mut all = args.clone();
        all.extend(["--db", db_s]);
        let out = run(&all);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("no such database") && err.contains("marquee ingest"), "{args:?}: {err}");
        assert!(!db.exists(), "{args:?} created the database");
        assert!(!dir.path().join("typo.db.index").exists(), "{args:?} created an index");
    }
}

#[test]
fn r13_a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    for args in [
        vec!["films", "--db", &db],
        vec!["films", "--db", &db, "--json"],
        vec!["reviews", "--db", &db],
        vec!["search", "harbor", "--db", &db],
        vec!["export", "--db", &db],
        vec!["show", "The Lantern Keeper", "--db", &db],
    ] {
        let mut child = marquee().args(&args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        // Close the reading end before the command writes: `| head -0`.
        drop(child.stdout.take());
        let mut err = String::new();
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        let status = child.wait().unwrap();
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(status.success(), "{args:?} ended with {status}: {err}");
        assert!(!err.contains("Broken pipe") && !err.contains("error"), "{args:?}: {err}");
    }
}

#[test]
fn r13_ingest_never_reads_its_own_database_index_or_hidden_folders() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("orchard.txt"), REVIEW).unwrap();
    fs::create_dir(d.join(".cache")).unwrap();
    fs::write(d.join(".cache/copy.txt"), REVIEW.replace("Orchard", "Hidden")).unwrap();
    fs::create_dir(d.join("old.db.index")).unwrap();
    fs::write(d.join("old.db.index/meta.json"), REVIEW.replace("Orchard", "Indexed")).unwrap();
    let db = d.join("catalogue.db");
    let db_s = db.to_str().unwrap();
    let folder = d.to_str().unwrap();
    // The second run finds the database and its index inside the folder.
    for round in 0..2 {
        let out = run(&["ingest", folder, "--db", db_s, "--json"]);
        let err = stderr(&out);
        assert!(out.status.success(), "round {round}: {err}");
        assert!(!err.contains("catalogue.db") || err.contains("search index"), "round {round}: {err}");
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["failed"], 0, "round {round}: {report}");
        assert_eq!(report["documents"], 1, "round {round}: only orchard.txt is read: {report}");
    }
    let films = run(&["films", "--db", db_s, "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&films.stdout).unwrap();
    let titles: Vec<&str> = json["items"].as_array().unwrap().iter().map(|f| f["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["The Orchard Wall"]);
    // Named outright, the database is refused with a reason.
    let out = run(&["ingest", db_s, "--db", db_s]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("never read as input"), "{}", stderr(&out));
}

#[test]
fn r13_a_text_that_is_not_a_film_review_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("note.txt", "Hello mum, see you Sunday.\n"),
        ("memo.txt", "Team meeting moved to Thursday\n\nPlease bring the quarterly figures and your laptops.\n"),
    ] {
        let path = dir.path().join(name);
        fs::write(&path, text).unwrap();
        let out = run(&["extract", path.to_str().unwrap()]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: {}\n{err}", stdout(&out));
        assert!(err.contains(name) && err.contains("no film review"), "{name}: {err}");
    }
    let path = dir.path().join("orchard.txt");
    fs::write(&path, REVIEW).unwrap();
    assert!(run(&["extract", path.to_str().unwrap()]).status.success());
}

#[test]
fn r13_a_file_with_nul_bytes_is_called_binary_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.txt");
    fs::write(&path, b"The Orchard Wall\x00\x00\x01\x02 review").unwrap();
    let out = run(&["extract", path.to_str().unwrap()]);
    let err = stderr(&out);
    assert!(err.contains("data.txt") && err.contains("contains NUL bytes (binary)"), "{err}");
    assert!(!err.contains("zero bytes"), "{err}");
}

#[test]
fn r13_ingest_on_a_terminal_shows_a_bar_with_total_eta_and_rate() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let transcript = dir.path().join("typescript");
    // `script` runs the command on a pseudo-terminal, as a person would.
    let command = format!(
        "{} ingest {} --db {}",
        env!("CARGO_BIN_EXE_marquee"),
        samples().display(),
        db.display()
    );
    let out = std::process::Command::new("script")
        .args(["-qefc", &command, transcript.to_str().unwrap()])
        .env("TERM", "xterm")
        .output()
        .expect("`script` (util-linux) runs the command on a terminal");
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &fs::read_to_string(&transcript).unwrap_or_default();
    assert!(out.status.success(), "{text}");
    let n = fs::read_dir(samples()).unwrap().count();
    assert!(text.contains(&format!("/{n} documents")), "a total of {n}: {text:?}");
    assert!(text.contains("ETA"), "{text:?}");
    assert!(text.contains("/s"), "a rate: {text:?}");
    assert!(!regex_like_long_rate(&text), "the rate is rounded: {text:?}");
}

/// Whether the text shows a rate with more than one decimal ("143.2871/s").
fn regex_like_long_rate(text: &str) -> bool {
    text.split("/s").any(|before| {
        let digits: String = before.chars().rev().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
        digits.split('.').next().is_some_and(|frac| frac.len() > 1) && digits.contains('.')
    })
}

#[test]
fn r13_show_forgives_typos() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let out = run(&["show", "quiet harbour", "--db", &db]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("Quiet Harbor"), "{}", stdout(&out));
    let out = run(&["show", "zzzz qqqq", "--db", &db]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no film matches"), "{}", stderr(&out));
}

#[test]
fn r13_export_jsonld_takes_its_base_url() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let out = run(&["export", "--format", "jsonld", "--records", "films", "--base-url", "https://reviews.example.org/", "--db", &db]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("https://reviews.example.org/films/"), "{text}");
    assert!(!text.contains("localhost") && !text.contains("example.org//"), "{text}");
}

#[test]
fn r13_readme_says_how_to_install_and_gitignore_covers_the_index() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    assert!(readme.contains("cargo install --path crates/cli"), "README says how to put marquee on the PATH");
    let gitignore = fs::read_to_string(root.join(".gitignore")).unwrap();
    assert!(gitignore.lines().any(|l| l.trim() == "*.db.index/"), ".gitignore covers *.db.index/");
    // The examples name files and folders that exist in a fresh clone.
    for line in readme.lines().filter(|l| l.starts_with("marquee ")) {
        let command = line.split('#').next().unwrap();
        for word in command.split_whitespace().skip(2) {
            let local = !word.starts_with('-') && !word.starts_with("../") && !word.contains("://") && !word.contains('\'');
            if local && (word.ends_with('/') || word.ends_with(".txt") || word.ends_with(".md") || word.ends_with(".html")) {
                assert!(root.join(word).exists(), "README example names {word}, which a fresh clone lacks: {line}");
            }
        }
    }
}
