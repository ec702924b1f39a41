//! schema.org JSON-LD for pages and the `jsonld` export: Movie,
//! CriticReview with reviewRating, ScreeningEvent, MovieTheater, Person.
//!
//! Every builder takes the site's base URL so that `@id`s and `url`s are
//! absolute, as schema.org consumers expect.

use marquee_store::{
    EventView, FilmDetail, FilmExport, FilmRef, FilmSummary, PersonRef, ReviewSummary, VenueRef,
};
use serde_json::{Map, Value, json};

/// The context every top-level object carries.
pub(crate) const CONTEXT: &str = "https://schema.org";

fn obj(kind: &str) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("@type".into(), Value::from(kind));
    m
}

fn put(m: &mut Map<String, Value>, key: &str, value: impl Into<Value>) {
    m.insert(key.into(), value.into());
}

fn put_opt<T: Into<Value>>(m: &mut Map<String, Value>, key: &str, value: Option<T>) {
    if let Some(v) = value {
        m.insert(key.into(), v.into());
    }
}

/// Wraps an object as a top-level JSON-LD document.
pub(crate) fn top(mut value: Value) -> Value {
    if let Value::Object(m) = &mut value {
        let mut out = Map::new();
        out.insert("@context".into(), Value::from(CONTEXT));
        out.append(m);
        return Value::Object(out);
    }
    value
}

pub(crate) fn person(base: &str, p: &PersonRef) -> Value {
    let mut m = obj("Person");
    let url = format!("{base}/people/{}", p.id);
    put(&mut m, "@id", url.clone());
    put(&mut m, "name", p.name.clone());
    put(&mut m, "url", url);
    Value::Object(m)
}

pub(crate) fn movie_ref(base: &str, f: &FilmRef) -> Value {
    let mut m = obj("Movie");
    let url = format!("{base}/films/{}", f.id);
    put(&mut m, "@id", url.clone());
    put(&mut m, "name", f.title.clone());
    put(&mut m, "url", url);
    put_opt(&mut m, "dateCreated", f.year.map(|y| y.to_string()));
    Value::Object(m)
}

pub(crate) fn theater(base: &str, v: &VenueRef) -> Value {
    let mut m = obj("MovieTheater");
    let url = format!("{base}/venues/{}", v.id);
    put(&mut m, "@id", url.clone());
    put(&mut m, "name", v.name.clone());
    put(&mut m, "url", url);
    Value::Object(m)
}

/// A schema.org date from a stored one: full dates only (`--MM-DD` has no
/// year, which schema.org cannot express), with the time when known.
pub(crate) fn iso_start(date: Option<&str>, time: Option<&str>) -> Option<String> {
    let date = date.filter(|d| d.len() == 10 && !d.starts_with('-'))?;
    Some(match time {
        Some(t) => format!("{date}T{t}"),
        None => date.to_owned(),
    })
}

pub(crate) fn screening(base: &str, e: &EventView) -> Value {
    let mut m = obj("ScreeningEvent");
    put(&mut m, "@id", format!("{base}/events#event-{}", e.id));
    put(&mut m, "name", format!("{}: {}", e.kind, e.film.title));
    put_opt(&mut m, "startDate", iso_start(e.date.as_deref(), e.time.as_deref()));
    if let Some(v) = &e.venue {
        put(&mut m, "location", theater(base, v));
    }
    put(&mut m, "workPresented", movie_ref(base, &e.film));
    if !e.participants.is_empty() {
        put(&mut m, "performer", Value::Array(e.participants.iter().map(|p| person(base, p)).collect()));
    }
    Value::Object(m)
}

pub(crate) fn critic_review(base: &str, r: &ReviewSummary, with_item: bool) -> Value {
    let mut m = obj("CriticReview");
    let url = format!("{base}/reviews/{}", r.id);
    put(&mut m, "@id", url.clone());
    put(&mut m, "url", url);
    if let Some(c) = &r.critic {
        put(&mut m, "author", json!({"@type": "Person", "name": c.name, "url": format!("{base}/critics/{}", c.id)}));
    }
    if let Some(p) = &r.publication {
        put(&mut m, "publisher", json!({"@type": "Organization", "name": p}));
    }
    put_opt(&mut m, "datePublished", r.published.clone());
    if !r.excerpt.is_empty() {
        put(&mut m, "reviewBody", r.excerpt.clone());
    }
    if let Some(v) = &r.verdict {
        put(&mut m, "reviewRating", json!({
            "@type": "Rating", "ratingValue": v.score, "bestRating": 100, "worstRating": 0,
            "ratingExplanation": v.label.as_str(),
        }));
    }
    if with_item {
        put(&mut m, "itemReviewed", movie_ref(base, &r.film));
    }
    Value::Object(m)
}

fn aggregate(standing: &marquee_store::Standing) -> Option<Value> {
    let score = standing.shrunk_score?;
    (standing.scored > 0).then(|| json!({
        "@type": "AggregateRating", "ratingValue": (score * 10.0).round() / 10.0,
        "bestRating": 100, "worstRating": 0, "ratingCount": standing.scored,
    }))
}

fn movie_common(
    base: &str,
    m: &mut Map<String, Value>,
    id: marquee_model::FilmId,
    title: &str,
    year: Option<i32>,
    runtime: Option<u32>,
    certificate: Option<&str>,
    genres: &[String],
) {
    let url = format!("{base}/films/{id}");
    put(m, "@id", url.clone());
    put(m, "name", title.to_owned());
    put(m, "url", url);
    put_opt(m, "dateCreated", year.map(|y| y.to_string()));
    put_opt(m, "duration", runtime.map(|r| format!("PT{r}M")));
    put_opt(m, "contentRating", certificate.map(str::to_owned));
    if !genres.is_empty() {
        put(m, "genre", genres.to_vec());
    }
}

fn people(base: &str, list: &[PersonRef]) -> Value {
    Value::Array(list.iter().map(|p| person(base, p)).collect())
}

fn credits(base: &str, m: &mut Map<String, Value>, c: &marquee_store::Credits) {
    if !c.directors.is_empty() {
        put(m, "director", people(base, &c.directors));
    }
    if !c.writers.is_empty() {
        put(m, "author", people(base, &c.writers));
    }
    if !c.producers.is_empty() {
        put(m, "producer", people(base, &c.producers));
    }
    if !c.cast.is_empty() {
        // schema.org has no "character" on a Movie's actor; a PerformanceRole
        // would be the precise form, but most consumers read plain actors.
        put(m, "actor", Value::Array(c.cast.iter().map(|a| person(base, &a.person)).collect()));
    }
}

/// The Movie of a film page, with its reviews, venues and screenings.
pub(crate) fn movie(base: &str, f: &FilmDetail) -> Value {
    let mut m = obj("Movie");
    let cert = f.certificate.as_ref().map(|c| c.rating.as_str());
    movie_common(base, &mut m, f.id, &f.title, f.year, f.runtime_minutes, cert, &f.genres);
    credits(base, &mut m, &f.credits);
    put_opt(&mut m, "aggregateRating", aggregate(&f.standing));
    if !f.reviews.is_empty() {
        put(&mut m, "review", Value::Array(f.reviews.iter().map(|r| critic_review(base, r, false)).collect()));
    }
    top(Value::Object(m))
}

/// A Movie for a film in a list.
pub(crate) fn movie_summary(base: &str, f: &FilmSummary) -> Value {
    let mut m = obj("Movie");
    movie_common(base, &mut m, f.id, &f.title, f.year, f.runtime_minutes, f.certificate.as_deref(), &[]);
    if !f.directors.is_empty() {
        put(&mut m, "director", people(base, &f.directors));
    }
    put_opt(&mut m, "aggregateRating", aggregate(&f.standing));
    Value::Object(m)
}

/// A Movie for the `jsonld` export.
pub(crate) fn movie_export(base: &str, f: &FilmExport) -> Value {
    let mut m = obj("Movie");
    let cert = f.certificate.as_ref().map(|c| c.rating.as_str());
    movie_common(base, &mut m, f.id, &f.title, f.year, f.runtime_minutes, cert, &f.genres);
    credits(base, &mut m, &f.credits);
    put_opt(&mut m, "aggregateRating", aggregate(&f.standing));
    top(Value::Object(m))
}

/// A page's list of things as one graph.
pub(crate) fn graph(items: Vec<Value>) -> Value {
    json!({"@context": CONTEXT, "@graph": items})
}

/// JSON-LD text safe inside `<script>`: `<`, `>` and `&` are written as
/// JSON escapes, so no review text can close the script element.
pub(crate) fn script_text(value: &Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}
