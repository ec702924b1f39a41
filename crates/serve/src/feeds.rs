//! Feeds: the iCalendar (RFC 5545) of events at `/events.ics`, and the Atom
//! (RFC 4287) feed of new reviews at `/reviews.atom`.
//!
//! Both are written by hand: the formats are small, and writing them here
//! keeps line folding, escaping and the choice of properties in plain view;
//! the tests check the output with independent parsers.

use std::fmt::Write as _;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use marquee_store::{EventView, ReviewSummary};

use crate::params::{EventParams, Params};
use crate::state::AppState;

/// `GET /events.ics?venue=ID&film=ID`.
pub(crate) async fn ics(State(state): State<AppState>, Params(params): Params<EventParams>) -> Response {
    // The feed holds every event that matches: it takes the filters, not a page.
    let query = marquee_store::EventQuery { limit: marquee_store::EventQuery::default().limit, ..params.query() };
    match state.read(move |s| s.events(&query)).await {
        Ok(events) => {
            let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
            let body = calendar(&state.config().base_url, &events, &stamp);
            ([(header::CONTENT_TYPE, "text/calendar; charset=utf-8")], body).into_response()
        }
        Err(e) => e.into_response(),
    }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn ics_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded at 75 octets (RFC 5545 §3.1) without
/// splitting a UTF-8 sequence, ended with CRLF.
fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// Where an event's day comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Day {
    /// The date as stored, with its year.
    Given(chrono::NaiveDate),
    /// A yearless `--MM-DD`, placed on its next occurrence on or after
    /// `anchor`, which is the review's publication date (`from_review`) or
    /// else the day the review was stored.
    Inferred { day: chrono::NaiveDate, anchor: chrono::NaiveDate, from_review: bool },
}

impl Day {
    fn date(&self) -> chrono::NaiveDate {
        match self {
            Day::Given(day) | Day::Inferred { day, .. } => *day,
        }
    }
}

fn parse_day(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// The first `month`-`day` on or after `anchor` (29 February waits for the
/// next leap year).
fn next_occurrence(month: u32, day: u32, anchor: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
    use chrono::Datelike;
    (anchor.year()..anchor.year() + 8)
        .filter_map(|year| chrono::NaiveDate::from_ymd_opt(year, month, day))
        .find(|d| *d >= anchor)
}

/// The day of `e`: its stored date, or for a yearless date the year inferred
/// from the review's publication date, else from the day it was stored.
/// `None` when there is no usable date.
fn day_of(e: &EventView) -> Option<Day> {
    let date = e.date.as_deref()?;
    if let Some(mmdd) = date.strip_prefix("--") {
        let (month, day) = mmdd.split_once('-')?;
        let (month, day) = (month.parse().ok()?, day.parse().ok()?);
        let published = e.review_published.as_deref().and_then(parse_day);
        let (anchor, from_review) = match published {
            Some(day) => (day, true),
            None => (parse_day(&e.ingested_at)?, false),
        };
        let day = next_occurrence(month, day, anchor)?;
        return Some(Day::Inferred { day, anchor, from_review });
    }
    if date.len() != 10 {
        return None;
    }
    parse_day(date).map(Day::Given)
}

/// `DTSTART` for a day and a stored time: a floating local time when the
/// time is known, a whole day otherwise.
fn dtstart(day: &Day, time: Option<&str>) -> String {
    let ymd = day.date().format("%Y%m%d");
    match time.map(|t| t.replace(':', "")) {
        Some(hm) if hm.len() == 4 && hm.bytes().all(|b| b.is_ascii_digit()) => format!("DTSTART:{ymd}T{hm}00"),
        _ => format!("DTSTART;VALUE=DATE:{ymd}"),
    }
}

/// The calendar of `events`. Events without a date are left out; a date
/// given without a year is placed by [`day_of`], and the event's description
/// says so.
pub(crate) fn calendar(base: &str, events: &[EventView], stamp: &str) -> String {
    let mut out = String::new();
    for line in ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//marquee//events//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:marquee events"] {
        push_line(&mut out, line);
    }
    let host = base.split("://").nth(1).unwrap_or(base).trim_end_matches('/');
    for e in events {
        let Some(day) = day_of(e) else { continue };
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(&mut out, &format!("UID:event-{}@{}", e.id, ics_text(host)));
        push_line(&mut out, &format!("DTSTAMP:{stamp}"));
        push_line(&mut out, &dtstart(&day, e.time.as_deref()));
        push_line(&mut out, &format!("SUMMARY:{}", ics_text(&format!("{}: {}", e.kind, e.film.title))));
        if let Some(v) = &e.venue {
            push_line(&mut out, &format!("LOCATION:{}", ics_text(&v.name)));
        }
        let mut description = String::new();
        if !e.participants.is_empty() {
            let names: Vec<&str> = e.participants.iter().map(|p| p.name.as_str()).collect();
            let _ = write!(description, "With {}. ", names.join(", "));
        }
        let _ = write!(description, "Announced in {base}/reviews/{}", e.review);
        if let Day::Inferred { anchor, from_review, .. } = day {
            let source = if from_review { "the review's publication date" } else { "the day the review was added" };
            let _ = write!(
                description,
                ". The date was given without a year; the year is inferred from {source} ({anchor}) as the date's next occurrence on or after it.",
            );
        }
        push_line(&mut out, &format!("DESCRIPTION:{}", ics_text(&description)));
        push_line(&mut out, &format!("URL:{base}/films/{}", e.film.id));
        push_line(&mut out, "END:VEVENT");
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

/// Escapes text for XML, dropping characters XML 1.0 forbids.
pub(crate) fn xml_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// `GET /reviews.atom`: the 50 newest reviews.
pub(crate) async fn atom(State(state): State<AppState>) -> Response {
    match state.read(|s| s.recent_reviews(50)).await {
        Ok(reviews) => {
            let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            let body = atom_feed(&state.config().base_url, &reviews, &now);
            ([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], body).into_response()
        }
        Err(e) => e.into_response(),
    }
}

pub(crate) fn atom_feed(base: &str, reviews: &[ReviewSummary], now: &str) -> String {
    let updated = reviews.first().map_or(now, |r| r.ingested_at.as_str());
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(out, "<title>marquee: new reviews</title>");
    let _ = writeln!(out, "<id>{}/reviews.atom</id>", xml_text(base));
    let _ = writeln!(out, "<link rel=\"self\" href=\"{}/reviews.atom\"/>", xml_text(base));
    let _ = writeln!(out, "<link rel=\"alternate\" href=\"{}/\"/>", xml_text(base));
    let _ = writeln!(out, "<updated>{}</updated>", xml_text(updated));
    let _ = writeln!(out, "<author><name>marquee</name></author>");
    for r in reviews {
        let url = format!("{base}/reviews/{}", r.id);
        let title = match &r.critic {
            Some(c) => format!("{} — reviewed by {}", r.film.title, c.name),
            None => format!("{} — a review", r.film.title),
        };
        let mut summary = String::new();
        if let Some(v) = &r.verdict {
            let _ = write!(summary, "{} ({}/100). ", v.label.as_str(), v.score);
        }
        summary.push_str(&r.excerpt);
        out.push_str("<entry>\n");
        let _ = writeln!(out, "<title>{}</title>", xml_text(&title));
        let _ = writeln!(out, "<id>{}</id>", xml_text(&url));
        let _ = writeln!(out, "<link rel=\"alternate\" href=\"{}\"/>", xml_text(&url));
        let _ = writeln!(out, "<updated>{}</updated>", xml_text(&r.ingested_at));
        if let Some(c) = &r.critic {
            let _ = writeln!(out, "<author><name>{}</name><uri>{}/critics/{}</uri></author>", xml_text(&c.name), xml_text(base), c.id);
        }
        let _ = writeln!(out, "<summary type=\"text\">{}</summary>", xml_text(&summary));
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "é".repeat(60));
        push_line(&mut out, &line);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn a_yearless_date_takes_its_next_occurrence() {
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(next_occurrence(5, 14, day("2024-03-01")), Some(day("2024-05-14")));
        assert_eq!(next_occurrence(5, 14, day("2024-05-14")), Some(day("2024-05-14")));
        assert_eq!(next_occurrence(1, 2, day("2024-12-30")), Some(day("2025-01-02")));
        assert_eq!(next_occurrence(2, 29, day("2025-03-01")), Some(day("2028-02-29")));
        assert_eq!(next_occurrence(2, 30, day("2025-03-01")), None);
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(ics_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
