//! The iCalendar and Atom feeds, and the exports, checked with parsers that
//! are not ours.

use axum::http::StatusCode;

use crate::fixture::{film_id, fixture, get};

fn parse_ics(text: &str) -> Vec<ical::parser::ical::component::IcalCalendar> {
    ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()))
        .collect::<Result<Vec<_>, _>>()
        .expect("the calendar parses")
}

fn prop<'a>(event: &'a ical::parser::ical::component::IcalEvent, name: &str) -> Option<&'a str> {
    event.properties.iter().find(|p| p.name == name).and_then(|p| p.value.as_deref())
}

#[tokio::test]
async fn the_calendar_parses_and_filters() {
    let f = fixture();
    let reply = get(&f.state, "/events.ics").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.content_type.starts_with("text/calendar"));
    assert!(reply.body.contains("\r\n"), "CRLF line ends");
    let calendars = parse_ics(&reply.body);
    assert_eq!(calendars.len(), 1);
    let events = &calendars[0].events;
    assert_eq!(events.len(), 2);
    let qa = events.iter().find(|e| prop(e, "SUMMARY").unwrap().starts_with("Q&A")).unwrap();
    assert_eq!(prop(qa, "DTSTART"), Some("20300514T193000"));
    assert_eq!(prop(qa, "LOCATION"), Some("Bellweather Cinema"));
    assert!(prop(qa, "UID").unwrap().ends_with("@marquee.test"));
    // Commas and semicolons in a venue's name are escaped.
    let premiere = events.iter().find(|e| prop(e, "SUMMARY").unwrap().starts_with("premiere")).unwrap();
    assert_eq!(prop(premiere, "LOCATION"), Some("Odeon Row\\, Hall 2\\; upstairs"));

    let venues = get(&f.state, "/api/venues").await.json();
    let bell = venues["items"].as_array().unwrap().iter().find(|v| v["name"] == "Bellweather Cinema").unwrap()["id"].as_i64().unwrap();
    let by_venue = parse_ics(&get(&f.state, &format!("/events.ics?venue={bell}")).await.body);
    assert_eq!(by_venue[0].events.len(), 1);
    let harbour = film_id(&f.state, "Harbour of Glass").await;
    let by_film = parse_ics(&get(&f.state, &format!("/events.ics?film={harbour}")).await.body);
    assert_eq!(by_film[0].events.len(), 0);
    assert_eq!(get(&f.state, "/events.ics?venue=abc").await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_atom_feed_lists_new_reviews() {
    let f = fixture();
    let reply = get(&f.state, "/reviews.atom").await;
    assert!(reply.content_type.starts_with("application/atom+xml"));
    let feed = &reply.body;
    assert_eq!(feed.matches("<entry>").count(), 3);
    assert!(feed.contains("Harbour of Glass — reviewed by Rosa Feld"));
    assert!(!feed.contains("<script"), "review text is escaped");
    crate::validators::check_atom(feed);
}

#[tokio::test]
async fn exports_write_every_record() {
    let f = fixture();
    let store = marquee_store::SqliteStore::open(f.dir.path().join("marquee.db")).unwrap();
    use marquee_serve::export::{Records, csv, jsonl, jsonld};
    let mut out = Vec::new();
    assert_eq!(jsonl(&store, Records::Reviews, &mut out).unwrap(), 3);
    let lines: Vec<serde_json::Value> = String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().any(|l| l["record"]["film"]["title"] == "Harbour of Glass"));

    let mut out = Vec::new();
    assert_eq!(csv(&store, Records::Films, &mut out).unwrap(), 2);
    let text = String::from_utf8(out).unwrap();
    let rows: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(rows.len(), 3);
    assert!(rows[0].starts_with("id,title,year"));

    let mut out = Vec::new();
    assert_eq!(jsonld(&store, Records::Films, "http://marquee.test", &mut out).unwrap(), 2);
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["@graph"].as_array().unwrap().len(), 2);
    crate::validators::check_jsonld(&doc);
    let mut out = Vec::new();
    jsonld(&store, Records::Reviews, "http://marquee.test", &mut out).unwrap();
    crate::validators::check_jsonld(&serde_json::from_slice(&out).unwrap());
}

/// r5: a date given without a year (`--MM-DD`) goes into the calendar on its
/// next occurrence on or after the review's date, or else the day it was
/// stored, and the description says so; the API keeps the raw date.
#[tokio::test]
async fn r5_yearless_dates_take_the_year_of_the_review() {
    use marquee_model::{Event, Extraction, Film, Review};
    use marquee_store::{ContentKind, DocumentInput, Store};

    let f = fixture();
    let mut store = marquee_store::SqliteStore::open(f.dir.path().join("marquee.db")).unwrap();
    let event = |kind: &str, date: &str| Event {
        kind: kind.into(),
        date: Some(date.into()),
        time: Some("20:00".into()),
        venue: Some("Tin Roof Hall".into()),
        participants: vec![],
    };
    for (source, published, events) in [
        ("dated.txt", Some("2024-11-20"), vec![event("revival", "--01-05"), event("encore", "--12-01")]),
        ("undated.txt", None, vec![event("matinee", "--07-04")]),
    ] {
        let mut review = Review::new(Film::titled(format!("The Long Winter of {source}")));
        review.published = published.map(str::to_owned);
        review.events = events;
        review.text = format!("A short notice written for this test ({source}).");
        let extraction = Extraction { source: source.into(), reviews: vec![review.clone()], ..Extraction::default() };
        let input = DocumentInput { source, origin: source, content: &review.text, kind: ContentKind::Text };
        store.ingest(&input, &extraction).unwrap();
    }

    let calendar = parse_ics(&get(&f.state, "/events.ics").await.body);
    let events = &calendar[0].events;
    assert_eq!(events.len(), 5, "the two dated fixture events and the three yearless ones");
    let by_kind = |kind: &str| events.iter().find(|e| prop(e, "SUMMARY").unwrap().starts_with(kind)).unwrap();
    // After a review of 2024-11-20, 5 January is next in 2025, 1 December still in 2024.
    assert_eq!(prop(by_kind("revival"), "DTSTART"), Some("20250105T200000"));
    assert_eq!(prop(by_kind("encore"), "DTSTART"), Some("20241201T200000"));
    let description = prop(by_kind("revival"), "DESCRIPTION").unwrap();
    assert!(description.contains("without a year") && description.contains("publication date (2024-11-20)"), "{description}");

    // Without a review date, the day the document was stored is the anchor.
    let matinee = by_kind("matinee");
    let description = prop(matinee, "DESCRIPTION").unwrap();
    assert!(description.contains("the day the review was added"), "{description}");
    let api = get(&f.state, "/api/events").await.json();
    let raw = api["items"].as_array().unwrap().iter().find(|e| e["kind"] == "matinee").unwrap().clone();
    assert_eq!(raw["date"], "--07-04", "the API keeps the date as given");
    let review = get(&f.state, &format!("/api/reviews/{}", raw["review"])).await.json();
    let stored = chrono::NaiveDate::parse_from_str(&review["ingested_at"].as_str().unwrap()[..10], "%Y-%m-%d").unwrap();
    let start = prop(matinee, "DTSTART").unwrap();
    let day = chrono::NaiveDate::parse_from_str(&start[..8], "%Y%m%d").unwrap();
    assert_eq!(&start[4..], "0704T200000");
    assert!(day >= stored && day - chrono::Duration::days(366) < stored, "{day} is the next 4 July after {stored}");
}
