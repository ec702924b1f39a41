//! Issue 4: a `kill -9` in the middle of an ingest leaves the database
//! consistent, and running the same ingest again finishes the job without
//! duplicates.

use std::ops::ControlFlow;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use marquee_store::{FilmExport, SqliteStore, Store, synth};

const BIN: &str = env!("CARGO_BIN_EXE_marquee-store-synth");
const DOCS: &str = "1500";
const FILMS: &str = "300";
const BATCH: u64 = 50;

fn command(db: &Path) -> Command {
    let mut command = Command::new(BIN);
    command
        .arg("--db")
        .arg(db)
        .args(["--docs", DOCS, "--films", FILMS, "--batch", &BATCH.to_string()])
        .stdout(Stdio::null());
    command
}

fn films(store: &SqliteStore) -> Vec<FilmExport> {
    let mut films = Vec::new();
    store
        .for_each_film_export(&mut |f| {
            films.push(f);
            ControlFlow::Continue(())
        })
        .unwrap();
    films
}

#[test]
fn kill_9_mid_batch_then_rerun_completes_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    // Slow: each document sleeps inside the batch's transaction, so the
    // kill lands mid-transaction.
    let mut child = command(&db).args(["--slow-ms", "3"]).spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let committed = SqliteStore::open_read_only(&db)
            .and_then(|store| store.counts())
            .map_or(0, |counts| counts.documents);
        if committed >= 2 * BATCH {
            break;
        }
        assert!(child.try_wait().unwrap().is_none(), "the ingest finished before it was killed");
        assert!(Instant::now() < deadline, "no batch committed in time");
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(70));
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();

    let store = SqliteStore::open(&db).unwrap();
    assert_eq!(store.check_consistency().unwrap(), Vec::<String>::new());
    let partial = store.counts().unwrap();
    assert_eq!(partial.documents % BATCH, 0, "only whole batches are kept: {partial:?}");
    assert!(partial.documents < DOCS.parse().unwrap(), "killed too late: {partial:?}");
    assert_eq!(partial.reviews, synth::review_count(partial.documents));
    drop(store);

    let status = command(&db).status().unwrap();
    assert!(status.success());
    let resumed = SqliteStore::open(&db).unwrap();
    assert_eq!(resumed.check_consistency().unwrap(), Vec::<String>::new());

    let clean_db = dir.path().join("clean.db");
    assert!(command(&clean_db).status().unwrap().success());
    let clean = SqliteStore::open(&clean_db).unwrap();
    assert_eq!(resumed.counts().unwrap(), clean.counts().unwrap());
    assert_eq!(clean.counts().unwrap().films, FILMS.parse::<u64>().unwrap());
    assert_eq!(films(&resumed), films(&clean));
}
