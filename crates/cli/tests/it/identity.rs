//! Film identity from the command line: an IMDb catalogue link, the
//! curators' verbs and the doubtful list.

use std::io::Write;
use std::path::Path;

use crate::{run, stderr};

const REVIEW_A: &str = "                              NIGHT FERRY (1991)
                       A film review by Paula Grant

Directed by Ann Dee
Starring Leo Marsh, Ida Noor

     A slow crossing that rewards patience. Marsh plays a pilot who has
lost his nerve, and the film watches him find it again over one long night
on the water. I liked it a great deal; the last reel is superb.

RATING: ***1/2 (out of four)
";

const REVIEW_B: &str = "Night Ferry (1991)
Reviewed by Tom Rudd

Director: Ann Dee. Cast: Ida Noor, Leo Marsh.

Dee's film is handsome but it never quite leaves the harbour. Noor is
wasted in a thin part, and the pacing drags in the middle hour.

Two stars out of four.
";

/// Writes `rows` (tab-separated, header first) gzipped to `dir/name`.
fn tsv_gz(dir: &Path, name: &str, rows: &[&str]) -> String {
    let path = dir.join(name);
    let mut gz = flate2::write::GzEncoder::new(std::fs::File::create(&path).unwrap(), flate2::Compression::fast());
    for row in rows {
        writeln!(gz, "{row}").unwrap();
    }
    gz.finish().unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn films_link_to_an_imdb_catalogue_when_title_year_and_director_agree() {
    let dir = tempfile::tempdir().unwrap();
    let reviews = dir.path().join("reviews");
    std::fs::create_dir(&reviews).unwrap();
    std::fs::write(reviews.join("a.txt"), REVIEW_A).unwrap();
    std::fs::write(reviews.join("b.txt"), REVIEW_B).unwrap();
    let db = dir.path().join("m.db").to_string_lossy().into_owned();
    let out = run(&["ingest", reviews.to_str().unwrap(), "--db", &db]);
    assert!(out.status.success(), "{}", stderr(&out));

    let basics = tsv_gz(dir.path(), "title.basics.tsv.gz", &[
        "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres",
        "tt0000001\tmovie\tNight Ferry\tLe Bac de nuit\t0\t1991\t\\N\t101\tDrama",
        // Same title, another year: a remake, never linked.
        "tt0000002\tmovie\tNight Ferry\tNight Ferry\t0\t2005\t\\N\t90\tHorror",
        // Same title and year, but an episode of a series.
        "tt0000003\ttvEpisode\tNight Ferry\tNight Ferry\t0\t1991\t\\N\t30\tDrama",
    ]);
    let crew = tsv_gz(dir.path(), "title.crew.tsv.gz", &["tconst\tdirectors\twriters", "tt0000001\tnm0000001\t\\N", "tt0000002\tnm0000002\t\\N"]);
    let names = tsv_gz(dir.path(), "name.basics.tsv.gz", &[
        "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles",
        "nm0000001\tAnn Dee\t\\N\t\\N\tdirector\t\\N",
        "nm0000002\tBo Varga\t\\N\t\\N\tdirector\t\\N",
    ]);
    let out = run(&["catalog", "import", "--db", &db, "--basics", &basics, "--crew", &crew, "--names", &names]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 of 1 films linked"), "{}", stderr(&out));

    let out = run(&["show", "night ferry", "--db", &db, "--json"]);
    let film: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(film["imdb_id"], "tt0000001");
    assert_eq!(film["standing"]["reviews"], 2, "both reviews are of one film");
    assert!(film["titles"].as_array().unwrap().iter().any(|t| t == "Le Bac de nuit"), "{}", film["titles"]);

    // The reviews export carries the IMDb id too.
    let out = run(&["export", "--records", "reviews", "--format", "jsonl", "--db", &db]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"imdb_id\":\"tt0000001\""));

    // A file that is not the catalogue is refused with its name.
    let wrong = tsv_gz(dir.path(), "wrong.tsv.gz", &["nope\tnope"]);
    let out = run(&["catalog", "import", "--db", &db, "--basics", &wrong]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("wrong.tsv.gz"), "{}", stderr(&out));
}

#[test]
fn curators_verbs_refuse_what_is_not_there_and_doubts_list() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, REVIEW_A).unwrap();
    let db = dir.path().join("m.db").to_string_lossy().into_owned();
    assert!(run(&["ingest", file.to_str().unwrap(), "--db", &db]).status.success());
    let out = run(&["film", "merge", "1", "999", "--db", &db]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no film 999"), "{}", stderr(&out));
    let out = run(&["films", "--doubtful", "--json", "--db", &db]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doubts: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doubts["likely_duplicates"].as_array().unwrap().is_empty());
}
