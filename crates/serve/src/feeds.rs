//! Feeds: the iCalendar (RFC 5545) of events at `/events.ics`, and the Atom
//! (RFC 4287) feed of new reviews at `/reviews.atom`.
//!
//! Both are written by hand: the formats are small, and writing them here
//! keeps line folding, escaping and the choice of properties in plain view;
//! the tests check the output with independent parsers.

use std::collections::HashMap;
use std::fmt::Write as _;

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use marquee_model::{FilmId, VenueId};
use marquee_store::{EventQuery, EventView, ReviewSummary};

use crate::error::ApiError;
use crate::pages::num;
use crate::state::AppState;

/// `GET /events.ics?venue=ID&film=ID`.
pub(crate) async fn ics(State(state): State<AppState>, Query(params): Query<HashMap<String, String>>) -> Response {
    let query = (|| -> Result<EventQuery, ApiError> {
        Ok(EventQuery {
            venue: num(&params, "venue")?.map(VenueId),
            film: num(&params, "film")?.map(FilmId),
            ..EventQuery::default()
        })
    })();
    let query = match query {
        Ok(q) => q,
        Err(e) => return e.into_response(),
    };
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

/// `DTSTART` for a stored date and time: a floating local time when the
/// time is known, a whole day otherwise. `None` for dates without a year
/// (`--MM-DD`), which a calendar cannot place.
fn dtstart(e: &EventView) -> Option<String> {
    let date = e.date.as_deref().filter(|d| d.len() == 10 && !d.starts_with('-'))?;
    let ymd = date.replace('-', "");
    if ymd.len() != 8 || !ymd.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(match e.time.as_deref().map(|t| t.replace(':', "")) {
        Some(hm) if hm.len() == 4 && hm.bytes().all(|b| b.is_ascii_digit()) => format!("DTSTART:{ymd}T{hm}00"),
        _ => format!("DTSTART;VALUE=DATE:{ymd}"),
    })
}

/// The calendar of `events`. Events without a full date are left out.
pub(crate) fn calendar(base: &str, events: &[EventView], stamp: &str) -> String {
    let mut out = String::new();
    for line in ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//marquee//events//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:marquee events"] {
        push_line(&mut out, line);
    }
    let host = base.split("://").nth(1).unwrap_or(base).trim_end_matches('/');
    for e in events {
        let Some(start) = dtstart(e) else { continue };
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(&mut out, &format!("UID:event-{}@{}", e.id, ics_text(host)));
        push_line(&mut out, &format!("DTSTAMP:{stamp}"));
        push_line(&mut out, &start);
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
    fn text_values_are_escaped() {
        assert_eq!(ics_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
