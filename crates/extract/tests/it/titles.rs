//! Issue 9, point 1: a title is a film's title, and says where it came
//! from. The texts are written for these tests, in the layouts critics use.

use marquee_extract::extract_text;
use marquee_model::{Film, TitleConfidence, TitleSource};

#[track_caller]
fn film(text: &str) -> (Film, Vec<String>) {
    let record = extract_text("t.txt", text);
    assert_eq!(record.reviews.len(), 1, "{text:?}");
    let codes = record.warnings.iter().map(|w| w.code.clone()).collect();
    (record.reviews.into_iter().next().expect("one review").film, codes)
}

#[track_caller]
fn check(text: &str, title: &str, source: TitleSource, confidence: TitleConfidence) {
    let (f, warnings) = film(text);
    assert_eq!(f.title, title, "{text:?}");
    assert_eq!(f.title_source, Some(source), "{text:?}");
    assert_eq!(f.title_confidence, Some(confidence), "{text:?}");
    assert!(!warnings.iter().any(|w| w == "no_title"), "{text:?}");
}

#[track_caller]
fn check_untitled(text: &str) {
    let (f, warnings) = film(text);
    assert_eq!(f.title, "", "{text:?} must not invent a title");
    assert_eq!((f.title_source, f.title_confidence), (None, None));
    assert!(warnings.iter().any(|w| w == "no_title"), "{text:?} needs a no_title warning");
}

#[test]
fn titles_say_where_they_came_from() {
    use TitleConfidence::*;
    use TitleSource::*;
    check("THE SALT ROAD (1987)\n\nA fisherman's widow takes the boat out alone, and the sea is patient.\n", "The Salt Road", Header, High);
    check("Harbor of Glass\nA film review by Ada Quill\n\nThe harbour is quiet before the storm comes in.\n", "Harbor of Glass", Header, High);
    check("Title: Winter Lanterns\nDirector: Ines Falk\n\nThe lanterns are lit one by one as the snow falls.\n", "Winter Lanterns", Credits, High);
    check("Paper Moons\n\nThere is very little in this story that holds together, and the pace drags badly.\n", "Paper Moons", Header, Medium);
    check(
        "I went in knowing little. \"Copper Sky\" is a western of sorts, and the town\nis a character. By the end \"Copper Sky\" earns its long silences.\n",
        "Copper Sky",
        Prose,
        Low,
    );
}

#[test]
fn alternative_titles_beside_the_title() {
    let (f, _) = film("NIGHT OF THE OWLS (aka THE WATCHERS) (1979)\n\nThe owls watch the farmhouse all night long, and so do we.\n");
    assert_eq!((f.title.as_str(), f.year), ("Night of the Owls", Some(1979)));
    assert_eq!(f.alt_titles, ["The Watchers"]);
    let (f, _) = film("Midnight Ferry (1951), aka Crossing at Dawn\n\nA ferry crosses a dark river with a dead man aboard.\n");
    assert_eq!(f.title, "Midnight Ferry");
    assert_eq!(f.alt_titles, ["Crossing at Dawn"]);
    let (f, _) = film("Title: The Quiet Orchard\nOriginal title: Le Verger\nDirector: Ines Falk\n\nApples fall, slowly.\n");
    assert_eq!(f.title, "The Quiet Orchard");
    assert_eq!(f.alt_titles, ["Le Verger"]);
}

#[test]
fn no_title_is_invented() {
    check_untitled("I saw it on a Tuesday, and the theatre was nearly empty when the lights went down at last.\n");
}
