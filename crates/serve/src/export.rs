//! `marquee export`: films or reviews as JSON Lines, CSV or JSON-LD.
//!
//! Each function streams from the store to `out` and returns how many
//! records it wrote.

use std::io::Write;
use std::ops::ControlFlow;

use marquee_store::{FilmExport, ReviewExport, Store};
use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::jsonld;

/// Which records to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Records {
    /// One record per film, with credits and standing.
    Films,
    /// One record per review: the extraction record with its verdict.
    Reviews,
}

/// Runs `f` over every record, stopping at the first write error.
fn each(
    store: &dyn Store,
    records: Records,
    mut films: impl FnMut(FilmExport) -> std::io::Result<()>,
    mut reviews: impl FnMut(ReviewExport) -> std::io::Result<()>,
) -> Result<u64> {
    let mut n = 0;
    let mut failed = None;
    match records {
        Records::Films => store.for_each_film_export(&mut |f| match films(f) {
            Ok(()) => { n += 1; ControlFlow::Continue(()) }
            Err(e) => { failed = Some(e); ControlFlow::Break(()) }
        })?,
        Records::Reviews => store.for_each_review_export(&mut |r| match reviews(r) {
            Ok(()) => { n += 1; ControlFlow::Continue(()) }
            Err(e) => { failed = Some(e); ControlFlow::Break(()) }
        })?,
    }
    match failed {
        Some(e) => Err(Error::Write(e)),
        None => Ok(n),
    }
}

/// One JSON object per line: the store's export rows as they are.
pub fn jsonl(store: &dyn Store, records: Records, out: &mut dyn Write) -> Result<u64> {
    let mut line = |v: &dyn erased::Ser| -> std::io::Result<()> {
        v.write_json(out)?;
        out.write_all(b"\n")
    };
    let n = {
        let line = std::cell::RefCell::new(&mut line);
        each(store, records, |f| (line.borrow_mut())(&f), |r| (line.borrow_mut())(&r))?
    };
    out.flush()?;
    Ok(n)
}

/// A tiny object-safe wrapper over `Serialize`, so one closure can write
/// either record type.
mod erased {
    pub trait Ser {
        fn write_json(&self, out: &mut dyn std::io::Write) -> std::io::Result<()>;
    }
    impl<T: serde::Serialize> Ser for T {
        fn write_json(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
            serde_json::to_writer(out, self).map_err(std::io::Error::from)
        }
    }
}

/// Quotes a CSV field when it needs it (RFC 4180). Written by hand: a
/// dependency for one quoting rule would not pay for itself.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn csv_row(out: &mut dyn Write, fields: &[String]) -> std::io::Result<()> {
    let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    out.write_all(row.join(",").as_bytes())?;
    out.write_all(b"\r\n")
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn names(list: &[marquee_store::PersonRef]) -> String {
    list.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join("; ")
}

/// A header row, then one row per record. Lists are joined with "; ".
pub fn csv(store: &dyn Store, records: Records, out: &mut dyn Write) -> Result<u64> {
    match records {
        Records::Films => csv_row(out, &["id", "title", "year", "runtime_minutes", "certificate", "directors", "writers", "cast", "reviews", "mean_score", "shrunk_score", "fresh_share", "label"].map(String::from))?,
        Records::Reviews => csv_row(out, &["id", "film_id", "title", "year", "critic", "publication", "published", "grade", "label", "score", "fresh", "source"].map(String::from))?,
    }
    let mut sink = |fields: Vec<String>| csv_row(out, &fields);
    let n = {
        let sink = std::cell::RefCell::new(&mut sink);
        each(
            store,
            records,
            |f| {
                let s = &f.standing;
                (sink.borrow_mut())(vec![
                    f.id.to_string(), f.title.clone(), opt(f.year), opt(f.runtime_minutes),
                    opt(f.certificate.as_ref().map(|c| c.rating.clone())),
                    names(&f.credits.directors), names(&f.credits.writers),
                    f.credits.cast.iter().map(|c| c.person.name.as_str()).collect::<Vec<_>>().join("; "),
                    s.reviews.to_string(), opt(s.mean_score.map(|m| format!("{m:.1}"))),
                    opt(s.shrunk_score.map(|m| format!("{m:.1}"))), opt(s.fresh_share.map(|m| format!("{m:.3}"))),
                    opt(s.label.map(|l| l.as_str())),
                ])
            },
            |r| {
                let rec = &r.record;
                let v = rec.verdict.as_ref();
                (sink.borrow_mut())(vec![
                    r.id.to_string(), r.film.to_string(), rec.film.title.clone(), opt(rec.film.year),
                    opt(rec.critic.clone()), opt(rec.publication.clone()), opt(rec.published.clone()),
                    opt(rec.rating.as_ref().map(|g| g.text.clone())), opt(v.map(|v| v.label.as_str())),
                    opt(v.map(|v| v.score)), opt(v.map(|v| v.fresh)), r.source.clone(),
                ])
            },
        )?
    };
    out.flush()?;
    Ok(n)
}

fn review_ld(base: &str, r: &ReviewExport) -> Value {
    let rec = &r.record;
    let url = format!("{base}/reviews/{}", r.id);
    let mut v = json!({
        "@type": "CriticReview", "@id": url, "url": url,
        "itemReviewed": {"@type": "Movie", "@id": format!("{base}/films/{}", r.film), "name": rec.film.title},
    });
    if let Value::Object(m) = &mut v {
        if let Some(c) = &rec.critic {
            m.insert("author".into(), json!({"@type": "Person", "name": c}));
        }
        if let Some(p) = &rec.publication {
            m.insert("publisher".into(), json!({"@type": "Organization", "name": p}));
        }
        if let Some(d) = &rec.published {
            m.insert("datePublished".into(), d.clone().into());
        }
        if let Some(verdict) = &rec.verdict {
            m.insert("reviewRating".into(), json!({"@type": "Rating", "ratingValue": verdict.score,
                "bestRating": 100, "worstRating": 0, "ratingExplanation": verdict.label.as_str()}));
        }
    }
    v
}

/// One JSON-LD document: a schema.org `@graph` of Movie or CriticReview
/// objects. `base_url` makes the `@id`s absolute.
pub fn jsonld(store: &dyn Store, records: Records, base_url: &str, out: &mut dyn Write) -> Result<u64> {
    out.write_all(format!("{{\"@context\":\"{}\",\"@graph\":[\n", jsonld::CONTEXT).as_bytes())?;
    let mut first = true;
    let mut item = |v: Value| -> std::io::Result<()> {
        if !first {
            out.write_all(b",\n")?;
        }
        first = false;
        serde_json::to_writer(&mut *out, &v).map_err(std::io::Error::from)
    };
    let n = {
        let item = std::cell::RefCell::new(&mut item);
        each(
            store,
            records,
            |f| {
                let mut v = jsonld::movie_export(base_url, &f);
                if let Value::Object(m) = &mut v {
                    m.remove("@context");
                }
                (item.borrow_mut())(v)
            },
            |r| (item.borrow_mut())(review_ld(base_url, &r)),
        )?
    };
    out.write_all(b"\n]}\n")?;
    out.flush()?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
