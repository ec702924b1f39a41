//! Readable text output for the query commands. `--json` bypasses this and
//! prints the store's rows as they are.

use std::fmt::Write as _;

use marquee_store::{FilmDetail, FilmSummary, ReviewSummary, Standing};

fn year(year: Option<i32>) -> String {
    year.map(|y| format!(" ({y})")).unwrap_or_default()
}

fn standing_line(s: &Standing) -> String {
    let mut line = format!("{} review{}", s.reviews, if s.reviews == 1 { "" } else { "s" });
    if let Some(mean) = s.mean_score {
        let _ = write!(line, ", mean {mean:.0}");
    }
    if let (Some(shrunk), Some(interval)) = (s.shrunk_score, s.interval) {
        let _ = write!(line, ", weighted {shrunk:.0} [{:.0}–{:.0}]", interval.low, interval.high);
    }
    if let Some(fresh) = s.fresh_share {
        let _ = write!(line, ", {:.0}% fresh", fresh * 100.0);
    }
    line
}

/// One line per film.
pub fn films(films: &[FilmSummary]) -> String {
    let mut out = String::new();
    for film in films {
        let directors: Vec<&str> = film.directors.iter().map(|p| p.name.as_str()).collect();
        let by = if directors.is_empty() { String::new() } else { format!(" — {}", directors.join(", ")) };
        let _ = writeln!(out, "{:>5}  {}{}{}  [{}]", film.id, film.title, year(film.year), by, standing_line(&film.standing));
    }
    if films.is_empty() {
        out.push_str("no films stored yet: `marquee ingest PATH` adds some\n");
    }
    out
}

/// A film's page, as text.
pub fn film(film: &FilmDetail) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}{}", film.title, year(film.year));
    if film.titles.len() > 1 {
        let _ = writeln!(out, "  Also known as {}", film.titles[1..].join("; "));
    }
    if let Some(imdb) = &film.imdb_id {
        let _ = writeln!(out, "  IMDb          {imdb}");
    }
    let names = |people: &[marquee_store::PersonRef]| people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ");
    let c = &film.credits;
    if !c.directors.is_empty() {
        let _ = writeln!(out, "  Directed by   {}", names(&c.directors));
    }
    if !c.writers.is_empty() {
        let _ = writeln!(out, "  Written by    {}", names(&c.writers));
    }
    if !c.producers.is_empty() {
        let _ = writeln!(out, "  Produced by   {}", names(&c.producers));
    }
    if !c.cast.is_empty() {
        let cast: Vec<String> = c
            .cast
            .iter()
            .map(|m| match &m.character {
                Some(ch) => format!("{} ({ch})", m.person.name),
                None => m.person.name.clone(),
            })
            .collect();
        let _ = writeln!(out, "  With          {}", cast.join(", "));
    }
    if let Some(d) = &film.distributor {
        let _ = writeln!(out, "  Distributor   {d}");
    }
    if let Some(m) = film.runtime_minutes {
        let _ = writeln!(out, "  Runtime       {m} min");
    }
    if let Some(cert) = &film.certificate {
        let reasons = if cert.reasons.is_empty() { String::new() } else { format!(" for {}", cert.reasons.join(", ")) };
        let _ = writeln!(out, "  Rated         {} {}{}", cert.system, cert.rating, reasons);
    }
    let _ = writeln!(out, "  Standing      {}", standing_line(&film.standing));
    if !film.consensus.is_empty() {
        let _ = writeln!(out, "\nConsensus");
        for s in &film.consensus {
            let _ = writeln!(out, "  “{}”", s.sentence);
        }
    }
    if !film.venues.is_empty() {
        let venues: Vec<&str> = film.venues.iter().map(|v| v.name.as_str()).collect();
        let _ = writeln!(out, "\nPlaying at {}", venues.join(", "));
    }
    for e in &film.events {
        let when = [e.date.as_deref(), e.time.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
        let at = e.venue.as_ref().map(|v| format!(" at {}", v.name)).unwrap_or_default();
        let who = names(&e.participants);
        let _ = writeln!(out, "Event: {} {when}{at}{}", e.kind, if who.is_empty() { String::new() } else { format!(" with {who}") });
    }
    let _ = writeln!(out, "\nReviews");
    out.push_str(&reviews(&film.reviews));
    out
}

/// One paragraph per review.
pub fn reviews(reviews: &[ReviewSummary]) -> String {
    let mut out = String::new();
    for r in reviews {
        let critic = r.critic.as_ref().map(|c| c.name.as_str()).unwrap_or("unsigned");
        let publication = r.publication.as_deref().map(|p| format!(", {p}")).unwrap_or_default();
        let grade = r.rating.as_ref().map(|g| format!("  grade {} ({})", g.text, g.score)).unwrap_or_default();
        let _ = writeln!(out, "{:>6}  {}{} — {}{}{}", r.id, r.film.title, year(r.film.year), critic, publication, grade);
        if let Some(v) = &r.verdict {
            let fresh = if v.fresh { "fresh" } else { "rotten" };
            let _ = writeln!(out, "        verdict {} {} ({fresh}, by {:?})", v.label.as_str(), v.score, v.basis);
            if let Some(first) = v.evidence.first() {
                let _ = writeln!(out, "        “{first}”");
            }
        }
    }
    if reviews.is_empty() {
        out.push_str("no reviews match\n");
    }
    out
}

/// What a curator should check (`marquee films --doubtful`).
pub fn doubts(doubts: &marquee_store::Doubts) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Titles on weak evidence ({}):", doubts.weak_titles.len());
    for d in &doubts.weak_titles {
        let _ = writeln!(out, "{:>5}  {}{}  — {}", d.film.id, d.film.title, year(d.film.year), d.reason);
    }
    let _ = writeln!(out, "\nLikely duplicates ({}):", doubts.likely_duplicates.len());
    for d in &doubts.likely_duplicates {
        let _ = writeln!(
            out,
            "{:>5} {}{}  /  {:>5} {}{}  — {}",
            d.a.id,
            d.a.title,
            year(d.a.year),
            d.b.id,
            d.b.title,
            year(d.b.year),
            d.reason
        );
    }
    let _ = writeln!(out, "\nReviews set aside: their text gives no title ({}):", doubts.untitled.len());
    for r in &doubts.untitled {
        let critic = r.critic.as_ref().map(|c| format!(" — {}", c.name)).unwrap_or_default();
        let _ = writeln!(out, "{:>5}  {}{critic}", r.id, r.source);
    }
    out
}
