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
