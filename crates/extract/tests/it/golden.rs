//! Golden tests: every `tests/data/<layout>/<name>.txt` is extracted and the
//! record compared with `<name>.expected.json`. A missing or different
//! expected file fails; `UPDATE_EXPECT=1` (never under CI) writes them all
//! (review the diff before committing). The fixtures are written by us, in the layouts real reviews
//! use; no corpus text is copied here.

use std::path::{Path, PathBuf};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

fn fixtures() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for layout in std::fs::read_dir(data_dir()).expect("tests/data exists") {
        let layout = layout.expect("readable dir entry").path();
        if !layout.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&layout).expect("readable layout dir") {
            let path = file.expect("readable dir entry").path();
            if path.extension().is_some_and(|e| e == "txt") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn golden_records() {
    let mut failures = Vec::new();
    let all = fixtures();
    assert!(all.len() >= 10, "expected the layout fixtures, found {}", all.len());
    for path in all {
        let text = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        let name = path.file_name().and_then(|n| n.to_str()).expect("UTF-8 file name");
        let record = marquee_extract::extract_text(name, &text);
        let got = serde_json::to_string_pretty(&record).expect("record serialises") + "\n";
        let expected_path = path.with_extension("expected.json");
        match marquee_testkit::compare(&expected_path, &got) {
            marquee_testkit::Golden::Same | marquee_testkit::Golden::Written => {}
            marquee_testkit::Golden::Missing => {
                failures.push(format!("{}: no expected file {}", path.display(), expected_path.display()));
            }
            marquee_testkit::Golden::Different(expected) => {
                failures.push(format!("{}:\n--- expected\n{expected}\n--- got\n{got}", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{} golden mismatches (UPDATE_EXPECT=1 re-blesses):\n{}", failures.len(), failures.join("\n"));
}

/// The layouts' key facts, stated by hand so that a careless re-bless
/// cannot hide a regression in what each layout is there to show. Lists
/// are checked by their first entries: the block's credits come first, and
/// the prose reader may add more after them.
#[test]
fn layouts_keep_their_key_facts() {
    let read = |rel: &str| {
        let path = data_dir().join(rel);
        let text = std::fs::read_to_string(&path).expect("fixture exists");
        marquee_extract::extract_text(rel, &text)
    };
    let r = read("berardinelli/lantern-keeper.txt");
    let review = &r.reviews[0];
    assert_eq!(review.film.title, "The Lantern Keeper");
    assert_eq!(review.film.runtime_minutes, Some(108));
    assert_eq!(review.film.directors[..1], ["Marcus Ellery"]);
    assert_eq!(review.film.producers[..2], ["Dana Whitcomb", "Ira Feld"]);
    assert_eq!(review.film.writers[..2], ["Marcus Ellery", "Nora Quist"]);
    assert_eq!(review.film.distributor.as_deref(), Some("Northlight Pictures"));
    assert_eq!(review.rating.as_ref().map(|g| g.score), Some(75));
    assert_eq!(review.critic.as_deref(), Some("Joan Aldridge"));
    let cert = review.film.certificate.as_ref().expect("certificate");
    assert_eq!((cert.rating.as_str(), cert.reasons.clone()), ("PG-13", vec!["violence".to_owned(), "mild profanity".to_owned()]));

    let r = read("one_line/quiet-harbor.txt");
    let f = &r.reviews[0].film;
    assert_eq!(f.directors[..1], ["Sam Petrakis"]);
    assert_eq!(f.runtime_minutes, Some(101));
    assert_eq!(f.cast.iter().take(3).map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Rosa Delgado", "Ben Okafor", "Minnie Hale"]);
    assert_eq!(r.reviews[0].rating.as_ref().map(|g| g.score), Some(63));

    let r = read("paren_header/glass-road.txt");
    let f = &r.reviews[0].film;
    assert_eq!((f.title.as_str(), f.year), ("The Glass Road", Some(1987)));
    assert_eq!(f.cast[0].character.as_deref(), Some("Anna"));
    assert_eq!(f.writers[..2], ["Ilse Brandauer", "Kurt Fenner"]);

    let r = read("table/dockside.txt");
    let f = &r.reviews[0].film;
    assert_eq!((f.title.as_str(), f.year), ("Dockside", Some(1997)));
    assert_eq!(f.writers[..2], ["Paul Sorensen", "Ada Kline"]);
    assert_eq!(f.cast.iter().take(4).map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Victor Hale", "Imogen Pratt", "Saul Brenner", "Kit Morrow"]);
    assert_eq!(f.certificate.as_ref().map(|c| c.rating.as_str()), Some("R"));

    let r = read("capsule_tail/paper-kites.txt");
    let f = &r.reviews[0].film;
    assert_eq!(f.runtime_minutes, Some(97));
    assert_eq!(f.distributor.as_deref(), Some("Sidewalk Films"));
    assert_eq!(f.producers[..2], ["Ellis Moor", "Fay Dunmore"]);
    assert_eq!(f.cast[2].character.as_deref(), None);

    let r = read("runs_rated/night-ferry.txt");
    let review = &r.reviews[0];
    assert_eq!(review.film.runtime_minutes, Some(94));
    assert_eq!(review.film.certificate.as_ref().map(|c| c.reasons.clone()), Some(vec!["mild violence".to_owned(), "some language".to_owned()]));
    assert_eq!(review.published.as_deref(), Some("1999-09-12"));

    let r = read("newspaper/orchard-song.txt");
    let f = &r.reviews[0].film;
    assert_eq!(f.title, "Orchard Song");
    assert_eq!(f.runtime_minutes, Some(112));
    assert_eq!(f.distributor.as_deref(), Some("Hollowtree"));

    let r = read("variety/salt-line.txt");
    let f = &r.reviews[0].film;
    assert_eq!(f.producers[..2], ["Abel Stone", "Rita Vance"]);
    assert_eq!(f.runtime_minutes, Some(112));
    assert_eq!(f.distributor.as_deref(), Some("Meridian"));
    assert!(f.cast.iter().any(|c| c.name == "Tilda Park"));

    let r = read("rogerebert/kitchen-light.txt");
    let review = &r.reviews[0];
    assert_eq!(review.film.cast[0].character.as_deref(), Some("Walt"));
    assert_eq!(review.film.runtime_minutes, Some(104));
    assert_eq!(review.film.certificate.as_ref().map(|c| c.rating.as_str()), Some("PG-13"));

    let r = read("roundup/weekend-capsules.txt");
    let titles: Vec<&str> = r.reviews.iter().map(|r| r.film.title.as_str()).collect();
    assert_eq!(titles, ["Sailor Star", "Ghost Harbor", "The Long Field"]);
    let minutes: Vec<Option<u32>> = r.reviews.iter().map(|r| r.film.runtime_minutes).collect();
    assert_eq!(minutes, [Some(102), Some(98), Some(125)]);
    let critics: Vec<Option<&str>> = r.reviews.iter().map(|r| r.critic.as_deref()).collect();
    assert_eq!(critics, [Some("S.R."), Some("T.K."), Some("S.R.")]);

    // Each capsule layout gives one review per film, with its own facts.
    let r = read("roundup/video-shelf.txt");
    let got: Vec<(&str, Option<i32>, Option<u8>)> =
        r.reviews.iter().map(|r| (r.film.title.as_str(), r.film.year, r.rating.as_ref().map(|g| g.score))).collect();
    assert_eq!(got, [("The Salt Road", Some(1987), Some(80)), ("Winter of the Owls", Some(1991), Some(40)), ("Ladies of the Night Shift", Some(1985), Some(60))]);
    assert_eq!(r.reviews[0].film.directors, ["Tomasz Wierzbicki"]);
    assert!(r.reviews[1].film.directors.is_empty());
    assert_eq!(r.reviews[1].film.writers, ["Len Abernathy"]);

    let r = read("roundup/critics-corner.txt");
    let got: Vec<(&str, Option<&str>)> =
        r.reviews.iter().map(|r| (r.film.title.as_str(), r.film.certificate.as_ref().map(|c| c.rating.as_str()))).collect();
    assert_eq!(got, [("The River Room", Some("R")), ("Paper Moons", Some("PG")), ("Last Call at the Majestic", Some("PG-13"))]);
    assert_eq!(r.reviews[0].film.directors, ["Tobias Fenn"]);
    assert_eq!(r.reviews[2].film.directors, ["Helene Marchetti"]);

    let r = read("roundup/report-cards.txt");
    let titles: Vec<&str> = r.reviews.iter().map(|r| r.film.title.as_str()).collect();
    assert_eq!(titles, ["Glass Houses", "The Tin Crown"]);
    assert_eq!(r.reviews[1].film.cast.first().map(|c| c.name.as_str()), Some("Rhys Calloway"));

    let r = read("roundup/tail-capsules.txt");
    let got: Vec<(&str, Option<u32>, Option<&str>, Option<&str>)> = r
        .reviews
        .iter()
        .map(|r| (r.film.title.as_str(), r.film.runtime_minutes, r.film.distributor.as_deref(), r.critic.as_deref()))
        .collect();
    assert_eq!(got, [("Harbor Lights", Some(118), Some("Fjord Pictures"), Some("M.T.")), ("The Counting House", Some(96), Some("Meridian"), Some("J.W."))]);

    let r = read("grades/mirror-lake.txt");
    assert_eq!(r.reviews[0].rating.as_ref().map(|g| g.score), Some(60));
    let r = read("grades/letter-grade.txt");
    assert_eq!(r.reviews[0].rating.as_ref().map(|g| g.score), Some(83));
    assert_eq!(r.reviews[0].film.writers[..1], ["Ana Kovac"]);
}
