//! The pages' content.

use maud::{Markup, PreEscaped, html};
use marquee_index::{DocKind, MAX_RESULT_WINDOW};
use marquee_model::{CriticId, FilmId, PersonId, ReviewId, VenueId, VerdictLabel};
use marquee_store::{
    EventQuery, EventView, FilmSort, FilmSummary, PersonFilm, ReviewSummary, Standing, VerdictView,
};
use serde_json::json;

use super::Page;
use crate::error::ApiError;
use crate::params::{FilmParams, MAX_PAGE, SearchParams};
use crate::jsonld;
use crate::state::AppState;

fn not_found(what: &str, id: i64) -> ApiError {
    ApiError::NotFound(format!("{what} {id}"))
}

pub(crate) fn runtime(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

fn year_suffix(year: Option<i32>) -> String {
    year.map(|y| format!(" ({y})")).unwrap_or_default()
}

fn badge(verdict: Option<&VerdictView>) -> Markup {
    match verdict {
        Some(v) => html! {
            span class={"badge " (v.label.as_str())} {
                (label_word(v.label)) " · " (v.score)
                span.visually-hidden { " out of 100" }
            }
            " "
            span.muted { @if v.fresh { "fresh" } @else { "rotten" } }
        },
        None => html! { span.badge.none { "not judged" } },
    }
}

fn label_word(label: VerdictLabel) -> &'static str {
    match label {
        VerdictLabel::Positive => "Positive",
        VerdictLabel::Mixed => "Mixed",
        VerdictLabel::Negative => "Negative",
    }
}

fn film_link(id: FilmId, title: &str, year: Option<i32>) -> Markup {
    // A film stored without a title still needs a link a person can see
    // and a screen reader can name.
    let title = if title.trim().is_empty() { "Untitled film" } else { title };
    html! { a href={"/films/" (id)} { (title) } (year_suffix(year)) }
}

fn review_item(r: &ReviewSummary, show_film: bool) -> Markup {
    html! {
        article.review aria-labelledby={"r" (r.id)} {
            h3 #{"r" (r.id)} {
                @if show_film { (film_link(r.film.id, &r.film.title, r.film.year)) " — " }
                @match &r.critic {
                    Some(c) => { a href={"/critics/" (c.id)} { (c.name) } }
                    None => { "Unsigned review" }
                }
            }
            p.meta {
                @if let Some(p) = &r.publication { span { (p) } }
                @if let Some(d) = &r.published { span { time datetime=(d) { (d) } } }
                @if let Some(g) = &r.rating { span { "Grade: " (g.text) } }
            }
            p { (badge(r.verdict.as_ref())) }
            @if let Some(v) = &r.verdict {
                @for sentence in v.evidence.iter().take(2) { blockquote { (sentence) } }
            }
            @if !r.excerpt.is_empty() { p { (r.excerpt) } }
            p { a href={"/reviews/" (r.id)} { "Read the review" span.visually-hidden { " of " (r.film.title) } } }
        }
    }
}

fn standing_block(s: &Standing) -> Markup {
    let total = s.labels.positive + s.labels.mixed + s.labels.negative;
    let pct = |n: u32| if total == 0 { 0.0 } else { f64::from(n) * 100.0 / f64::from(total) };
    html! {
        div.standing {
            div {
                @match s.shrunk_score {
                    Some(score) => {
                        div.score { (format!("{score:.0}")) span.muted style="font-size:1rem" { " / 100" } }
                        div.muted { "weighted score" }
                        @if let Some(i) = s.interval {
                            div.muted { (format!("95% interval {:.0}–{:.0}", i.low, i.high)) }
                        }
                    }
                    None => { p { "No judged reviews yet." } }
                }
            }
            div {
                p {
                    strong { (s.reviews) } @if s.reviews == 1 { " review" } @else { " reviews" }
                    @if let Some(mean) = s.mean_score { ", mean score " strong { (format!("{mean:.0}")) } }
                }
                p {
                    @match s.fresh_share {
                        Some(share) => { strong { (format!("{:.0}%", share * 100.0)) } " fresh" }
                        None => { span.muted { "Share fresh is shown from 5 judged reviews." } }
                    }
                }
                @if total > 0 {
                    div.bar role="img" aria-label=(format!("{} positive, {} mixed, {} negative", s.labels.positive, s.labels.mixed, s.labels.negative)) {
                        span.p style=(format!("width:{:.1}%", pct(s.labels.positive))) {}
                        span.m style=(format!("width:{:.1}%", pct(s.labels.mixed))) {}
                        span.n style=(format!("width:{:.1}%", pct(s.labels.negative))) {}
                    }
                    p.muted { (s.labels.positive) " positive · " (s.labels.mixed) " mixed · " (s.labels.negative) " negative" }
                }
            }
        }
    }
}

fn film_card(f: &FilmSummary) -> Markup {
    html! {
        li.card {
            h3 { (film_link(f.id, &f.title, f.year)) }
            p.meta {
                @if !f.directors.is_empty() {
                    span { "dir. " @for (i, d) in f.directors.iter().enumerate() {
                        @if i > 0 { ", " } a href={"/people/" (d.id)} { (d.name) }
                    } }
                }
                @if let Some(c) = &f.certificate { span { (c) } }
                @if let Some(r) = f.runtime_minutes { span { (runtime(r)) } }
            }
            p {
                // One label everywhere: the standing's (the band of the
                // mean score, as the API says), beside that mean.
                @match (f.standing.mean_score, f.standing.label) {
                    (Some(score), Some(label)) => {
                        span class={"badge " (label.as_str())} { (label_word(label)) " · " (format!("{score:.0}")) }
                        " " span.muted { (f.standing.reviews) " reviews" }
                    }
                    _ => { span.muted { (f.standing.reviews) " reviews, none judged" } }
                }
            }
        }
    }
}

fn event_item(e: &EventView) -> Markup {
    html! {
        li #{"event-" (e.id)} {
            strong { (e.kind) } " — " (film_link(e.film.id, &e.film.title, e.film.year))
            @if let Some(d) = &e.date {
                ", " @match jsonld::iso_start(Some(d), e.time.as_deref()) {
                    Some(iso) => { time datetime=(iso) { (d) @if let Some(t) = &e.time { " " (t) } } }
                    None => { (d.trim_start_matches("--")) @if let Some(t) = &e.time { " " (t) } }
                }
            }
            @if let Some(v) = &e.venue { " at " a href={"/venues/" (v.id)} { (v.name) } }
            @if !e.participants.is_empty() {
                " with " @for (i, p) in e.participants.iter().enumerate() {
                    @if i > 0 { ", " } a href={"/people/" (p.id)} { (p.name) }
                }
            }
        }
    }
}

/// Links to the pages before and after `page`, up to the last page that
/// holds rows and that the request bounds let a link reach (`max_page`).
fn pager(base: &str, page: u32, per_page: u32, total: u64, max_page: u32) -> Markup {
    let last = total.div_ceil(u64::from(per_page.max(1))).clamp(1, u64::from(max_page.max(1)));
    let sep = if base.contains('?') { '&' } else { '?' };
    html! {
        nav.pager aria-label="Pages" {
            @if page > 1 { a rel="prev" href={(base) (sep) "page=" (page - 1)} { "← Previous" } }
            span { "Page " (page) " of " (last) }
            @if u64::from(page) < last { a rel="next" href={(base) (sep) "page=" (page + 1)} { "Next →" } }
        }
    }
}

pub(crate) async fn home_page(state: AppState) -> Result<Page, ApiError> {
    let today = state.today();
    let (recent, best, events, counts) = state
        .read(move |s| {
            let events = s.events(&EventQuery { from: Some(today), limit: 10, ..EventQuery::default() })?;
            Ok((s.recent_reviews(10)?, s.best_films(12)?, events, s.counts()?))
        })
        .await?;
    let mut ld: Vec<serde_json::Value> = best.iter().map(|f| jsonld::movie_summary(&state.config().base_url, f)).collect();
    ld.extend(recent.iter().map(|r| jsonld::critic_review(&state.config().base_url, r, true)));
    ld.extend(events.iter().map(|e| jsonld::screening(&state.config().base_url, e)));
    let main = html! {
        h1 { "Film reviews, read and weighed" }
        p.muted { (counts.reviews) " reviews of " (counts.films) " films by " (counts.critics) " critics." }
        section aria-labelledby="new" {
            h2 #new { "New reviews" }
            @if recent.is_empty() { p { "No reviews yet." } }
            @for r in &recent { (review_item(r, true)) }
        }
        section aria-labelledby="best" {
            h2 #best { "Best-reviewed films" }
            ul.grid.plain { @for f in &best { (film_card(f)) } }
            p { a href="/films" { "All films" } }
        }
        section aria-labelledby="upcoming" {
            h2 #upcoming { "Upcoming events" }
            @if events.is_empty() { p { "No upcoming events." } }
            ul.plain { @for e in &events { (event_item(e)) } }
        }
    };
    Ok(Page::new("Film reviews", jsonld::graph(ld), main))
}

pub(crate) async fn search_page(state: AppState, params: SearchParams) -> Result<Page, ApiError> {
    // The page shows 20 hits; its links do not carry `per_page`.
    let params = SearchParams { per_page: None, ..params };
    let per_page = 20;
    let query = params.query(per_page)?;
    let text = query.text.clone();
    let page = params.page.unwrap_or(1);
    // The facets' current values, as their links carry them.
    let current = |key: &str| -> Option<String> {
        match key {
            "kind" => params.kind.map(|k| k.as_str().to_owned()),
            "certificate" => params.certificate.clone(),
            "decade" => params.decade.clone(),
            "label" => params.label.map(|l| l.as_str().to_owned()),
            _ => None,
        }
    };
    let title = if text.is_empty() { "Search".to_owned() } else { format!("Search: {text}") };
    let results = match state.search(query.clone()).await {
        Ok(r) => Ok(r),
        // A query that does not parse is shown on the page, to be fixed in
        // the box; one over a bound is a 400 like any other.
        Err(ApiError::InvalidQuery(message)) => Err(message),
        Err(e) => return Err(e),
    };
    // The link to this search with one parameter changed (facets, pages).
    let link = |key: &str, value: Option<&str>| -> String {
        let mut pairs: Vec<(String, String)> = vec![("q".into(), text.clone())];
        for k in ["kind", "certificate", "decade", "label"] {
            if k == key {
                continue;
            }
            if let Some(v) = current(k) {
                pairs.push((k.into(), v));
            }
        }
        if let Some(v) = value {
            pairs.push((key.into(), v.into()));
        }
        let qs: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
        format!("/search?{}", qs.join("&"))
    };
    let main = html! {
        h1 { "Search" }
        form role="search" action="/search" method="get" {
            label for="q2" { "Words, names, or fields like " code { "director:" } ", " code { "cast:" } ", " code { "critic:" } ", " code { "year:" } ", " code { "label:" } }
            div style="display:flex;gap:.4rem;margin:.3rem 0 1rem" {
                input #q2 type="search" name="q" value=(text) style="flex:1;min-width:0;padding:.45rem;font:inherit";
                button type="submit" { "Search" }
            }
        }
        @match &results {
            Err(message) => { p role="alert" { "That query does not parse: " (message) } }
            Ok(results) => {
                p role="status" {
                    (results.total) @if results.total == 1 { " result" } @else { " results" }
                    @if !text.is_empty() { " for “" (text) "”" }
                    @if results.fuzzy { " (no exact match; showing close spellings)" }
                }
                div.facets {
                    @for (name, key, values) in [("Kind", "kind", &results.facets.kind), ("Certificate", "certificate", &results.facets.certificate), ("Decade", "decade", &results.facets.decade), ("Verdict", "label", &results.facets.label)] {
                        @if !values.is_empty() {
                            div {
                                strong { (name) }
                                ul {
                                    @for (value, n) in values.iter().take(8) {
                                        li {
                                            @if current(key).as_deref() == Some(value.as_str()) {
                                                strong { (value) } " (" (n) ") " a href=(link(key, None)) { "clear" span.visually-hidden { " " (name) } }
                                            } @else {
                                                a href=(link(key, Some(value))) { (value) } " (" (n) ")"
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                ol.plain start=(query.offset + 1) {
                    @for hit in &results.hits {
                        li {
                            @let href = match hit.kind {
                                DocKind::Film => format!("/films/{}", hit.id),
                                DocKind::Review => format!("/reviews/{}", hit.id),
                                DocKind::Person => format!("/people/{}", hit.id),
                                DocKind::Critic => format!("/critics/{}", hit.id),
                            };
                            span.muted { (hit.kind.as_str()) " " }
                            a href=(href) {
                                (hit.title) (year_suffix(hit.year))
                            }
                            @if let Some(c) = &hit.critic { @if hit.kind == DocKind::Review { " — review by " (c) } }
                            @if let Some(l) = &hit.label { @if hit.kind == DocKind::Review { " " span class={"badge " (l)} { (l) } } }
                            @if !hit.snippet.text.is_empty() {
                                // Snippet::to_html escapes the text and adds only <mark>.
                                p { (PreEscaped(hit.snippet.to_html())) }
                            }
                        }
                    }
                }
                (pager(&link("", None), page, per_page, results.total as u64, MAX_RESULT_WINDOW as u32 / per_page))
            }
        }
    };
    let ld = jsonld::top(json!({"@type": "SearchResultsPage", "name": title}));
    Ok(Page { query: text.clone(), ..Page::new(title, ld, main) })
}

/// Percent-encodes a query-string value.
pub(crate) fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

pub(crate) async fn films_page(state: AppState, params: FilmParams) -> Result<Page, ApiError> {
    let q = params.query();
    let sort = q.sort;
    let page = state.read(move |s| s.films(&q)).await?;
    let base = state.config().base_url.clone();
    let sorts = [(FilmSort::Best, "best", "Best"), (FilmSort::Title, "title", "Title"), (FilmSort::Year, "year", "Year"), (FilmSort::Reviews, "reviews", "Most reviewed"), (FilmSort::Recent, "recent", "Recently reviewed")];
    let sort_name = sorts.iter().find(|s| s.0 == sort).map_or("best", |s| s.1);
    let main = html! {
        h1 { "Films" }
        nav aria-label="Sort films" {
            "Sort: "
            @for (i, (value, key, name)) in sorts.iter().enumerate() {
                @if i > 0 { " · " }
                @if *value == sort { strong aria-current="true" { (name) } } @else { a href={"/films?sort=" (key)} { (name) } }
            }
        }
        p.muted { (page.total) " films" }
        ul.grid.plain style="margin-top:1rem" { @for f in &page.items { (film_card(f)) } }
        (pager(&format!("/films?sort={sort_name}"), page.page, page.per_page, page.total, MAX_PAGE))
    };
    let ld = jsonld::graph(page.items.iter().map(|f| jsonld::movie_summary(&base, f)).collect());
    Ok(Page::new("Films", ld, main))
}

pub(crate) async fn film_page(state: AppState, id: i64) -> Result<Page, ApiError> {
    let f = state.read(move |s| s.film(FilmId(id))).await?.ok_or_else(|| not_found("film", id))?;
    let ld = jsonld::movie(&state.config().base_url, &f);
    let c = &f.credits;
    let people = |list: &[marquee_store::PersonRef]| html! {
        @for (i, p) in list.iter().enumerate() { @if i > 0 { ", " } a href={"/people/" (p.id)} { (p.name) } }
    };
    let main = html! {
        h1 { (f.title) @if let Some(y) = f.year { " " span.muted { "(" (y) ")" } } }
        @if f.titles.len() > 1 { p.aka { "Also known as " (f.titles[1..].join("; ")) } }
        p.meta {
            @if let Some(r) = f.runtime_minutes { span { (runtime(r)) } }
            @if let Some(imdb) = &f.imdb_id { span { "IMDb " (imdb) } }
            @if let Some(cert) = &f.certificate { span { "Rated " strong { (cert.rating) } } }
            @if !f.genres.is_empty() { span { (f.genres.join(", ")) } }
            @if let Some(d) = &f.distributor { span { (d) } }
        }
        @if let Some(cert) = &f.certificate {
            @if !cert.reasons.is_empty() { p { (cert.system) " " (cert.rating) " for " (cert.reasons.join(", ")) "." } }
        }
        section aria-labelledby="standing" {
            h2 #standing { "Standing among critics" }
            (standing_block(&f.standing))
            @if !f.consensus.is_empty() {
                h3 { "What the critics say" }
                @for s in &f.consensus {
                    figure style="margin:.4rem 0" {
                        blockquote { (s.sentence) }
                        @if let Some(c) = &s.critic {
                            figcaption { "— " a href={"/critics/" (c.id)} { (c.name) } ", " a href={"/reviews/" (s.review)} { "review" } }
                        }
                    }
                }
            }
        }
        section aria-labelledby="credits" {
            h2 #credits { "Credits" }
            @if !c.directors.is_empty() { p { "Directed by " (people(&c.directors)) } }
            @if !c.writers.is_empty() { p { "Written by " (people(&c.writers)) } }
            @if !c.producers.is_empty() { p { "Produced by " (people(&c.producers)) } }
            @if !c.cast.is_empty() {
                table {
                    caption.visually-hidden { "Cast" }
                    thead { tr { th scope="col" { "Performer" } th scope="col" { "Character" } } }
                    tbody {
                        @for m in &c.cast {
                            tr {
                                td { a href={"/people/" (m.person.id)} { (m.person.name) } }
                                td { @if let Some(ch) = &m.character { (ch) } @else { span.muted { "—" } } }
                            }
                        }
                    }
                }
            }
            @if c.directors.is_empty() && c.writers.is_empty() && c.cast.is_empty() { p.muted { "No credits found in the reviews." } }
        }
        @if !f.venues.is_empty() || !f.events.is_empty() {
            section aria-labelledby="where" {
                h2 #where { "Where to see it" }
                @if !f.venues.is_empty() {
                    ul { @for v in &f.venues { li { a href={"/venues/" (v.id)} { (v.name) } } } }
                }
                @if !f.events.is_empty() {
                    ul.plain { @for e in &f.events { (event_item(e)) } }
                    p { a href={"/events.ics?film=" (f.id)} { "Add these events to your calendar" } }
                }
            }
        }
        section aria-labelledby="reviews" {
            h2 #reviews { "Reviews (" (f.reviews.len()) ")" }
            @for r in &f.reviews { (review_item(r, false)) }
        }
    };
    Ok(Page::new(format!("{}{}", f.title, year_suffix(f.year)), ld, main))
}

pub(crate) async fn review_page(state: AppState, id: i64) -> Result<Page, ApiError> {
    let r = state.read(move |s| s.review(ReviewId(id))).await?.ok_or_else(|| not_found("review", id))?;
    let base = state.config().base_url.clone();
    let mut ld = jsonld::critic_review(&base, &r.summary, true);
    if let serde_json::Value::Object(m) = &mut ld {
        m.insert("reviewBody".into(), r.text.clone().into());
    }
    let s = &r.summary;
    let title = match &s.critic {
        Some(c) => format!("{} reviewed by {}", s.film.title, c.name),
        None => format!("A review of {}", s.film.title),
    };
    let main = html! {
        h1 { (film_link(s.film.id, &s.film.title, s.film.year)) }
        p.meta {
            @match &s.critic { Some(c) => { span { "by " a href={"/critics/" (c.id)} { (c.name) } } } None => { span { "Unsigned" } } }
            @if let Some(p) = &s.publication { span { (p) } }
            @if let Some(d) = &s.published { span { (d) } }
            @if let Some(g) = &s.rating { span { "Grade: " (g.text) } }
        }
        p { (badge(s.verdict.as_ref())) }
        @if let Some(v) = &s.verdict {
            @if !v.evidence.is_empty() {
                h2 { "Why this verdict" }
                @for e in &v.evidence { blockquote { (e) } }
                p.muted { "Decided by " (if v.basis == marquee_model::VerdictBasis::Grade { "the critic's grade" } else { "a reading of the prose" }) "; model " (v.model) "." }
            }
        }
        h2 { "The review" }
        div.text { @for para in r.text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) { p { (para) } } }
        p.muted { "Source: " (s.source) }
    };
    Ok(Page::new(title, jsonld::top(ld), main))
}

fn filmography(title: &str, list: &[PersonFilm]) -> Markup {
    html! {
        @if !list.is_empty() {
            h2 { (title) }
            ul {
                @for pf in list {
                    li { (film_link(pf.film.id, &pf.film.title, pf.film.year)) @if let Some(c) = &pf.character { " as " (c) } }
                }
            }
        }
    }
}

pub(crate) async fn person_page(state: AppState, id: i64) -> Result<Page, ApiError> {
    let p = state.read(move |s| s.person(PersonId(id))).await?.ok_or_else(|| not_found("person", id))?;
    let base = state.config().base_url.clone();
    let ld = jsonld::top(jsonld::person(&base, &marquee_store::PersonRef { id: p.id, name: p.name.clone() }));
    let main = html! {
        h1 { (p.name) }
        (filmography("Director", &p.directed))
        (filmography("Writer", &p.wrote))
        (filmography("Producer", &p.produced))
        (filmography("Performer", &p.performed))
        @if !p.events.is_empty() { h2 { "Events" } ul.plain { @for e in &p.events { (event_item(e)) } } }
        @if !p.mentioned_in.is_empty() {
            h2 { "Mentioned in" }
            ul { @for r in p.mentioned_in.iter().take(50) { li { a href={"/reviews/" (r)} { "review " (r) } } } }
        }
        @if p.directed.is_empty() && p.wrote.is_empty() && p.produced.is_empty() && p.performed.is_empty() && p.events.is_empty() {
            p.muted { "Named in reviews, but not credited on any film." }
        }
    };
    Ok(Page::new(p.name.clone(), ld, main))
}

fn generosity(g: Option<f64>, shared: u32) -> Markup {
    html! {
        @match g {
            Some(g) if g >= 0.5 => { (format!("{g:.1}")) " points kinder than other critics" span.muted { " (over " (shared) " shared films)" } }
            Some(g) if g <= -0.5 => { (format!("{:.1}", -g)) " points harsher than other critics" span.muted { " (over " (shared) " shared films)" } }
            Some(_) => { "in line with other critics" span.muted { " (over " (shared) " shared films)" } }
            None => { span.muted { "no films shared with other critics" } }
        }
    }
}

pub(crate) async fn critics_page(state: AppState) -> Result<Page, ApiError> {
    let critics = state.read(|s| s.critics()).await?;
    let base = state.config().base_url.clone();
    let ld = jsonld::graph(critics.iter().take(200).map(|c| json!({"@type": "Person", "@id": format!("{base}/critics/{}", c.id), "name": c.name, "url": format!("{base}/critics/{}", c.id)})).collect());
    let main = html! {
        h1 { "Critics" }
        p.muted { (critics.len()) " critics, most reviews first." }
        table {
            thead { tr { th scope="col" { "Critic" } th scope="col" { "Reviews" } th scope="col" { "Mean" } th.hide-narrow scope="col" { "Against peers" } } }
            tbody {
                @for c in &critics {
                    tr {
                        td { a href={"/critics/" (c.id)} { (c.name) } }
                        td { (c.reviews) }
                        td { @if let Some(m) = c.mean_score { (format!("{m:.0}")) } }
                        td.hide-narrow { @if let Some(g) = c.generosity { (format!("{g:+.1}")) } }
                    }
                }
            }
        }
    };
    Ok(Page::new("Critics", ld, main))
}

pub(crate) async fn critic_page(state: AppState, id: i64) -> Result<Page, ApiError> {
    let c = state.read(move |s| s.critic(CriticId(id))).await?.ok_or_else(|| not_found("critic", id))?;
    let base = state.config().base_url.clone();
    let s = &c.summary;
    let url = format!("{base}/critics/{}", s.id);
    let ld = jsonld::top(json!({"@type": "Person", "@id": url, "name": s.name, "url": url,
        "jobTitle": "Film critic"}));
    let main = html! {
        h1 { (s.name) }
        @if !s.publications.is_empty() { p.meta { (s.publications.join(", ")) } }
        ul {
            li { (s.reviews) " reviews" }
            @if let Some(m) = s.mean_score { li { "Mean score " (format!("{m:.0}")) } }
            li { (generosity(s.generosity, s.shared_films)) }
        }
        h2 { "Reviews" }
        @for r in &c.reviews { (review_item(r, true)) }
    };
    Ok(Page::new(s.name.clone(), ld, main))
}

pub(crate) async fn venues_page(state: AppState) -> Result<Page, ApiError> {
    let venues = state.read(|s| s.venues()).await?;
    let base = state.config().base_url.clone();
    let ld = jsonld::graph(venues.iter().map(|v| jsonld::theater(&base, &marquee_store::VenueRef { id: v.id, name: v.name.clone() })).collect());
    let main = html! {
        h1 { "Venues" }
        @if venues.is_empty() { p { "No venues named in the reviews yet." } }
        ul.plain {
            @for v in &venues {
                li { a href={"/venues/" (v.id)} { (v.name) } span.muted { " — " (v.films) " films, " (v.events) " events" } }
            }
        }
    };
    Ok(Page::new("Venues", ld, main))
}

pub(crate) async fn venue_page(state: AppState, id: i64) -> Result<Page, ApiError> {
    let v = state.read(move |s| s.venue(VenueId(id))).await?.ok_or_else(|| not_found("venue", id))?;
    let base = state.config().base_url.clone();
    let mut ld = jsonld::theater(&base, &marquee_store::VenueRef { id: v.id, name: v.name.clone() });
    if let serde_json::Value::Object(m) = &mut ld {
        if !v.events.is_empty() {
            m.insert("event".into(), v.events.iter().map(|e| jsonld::screening(&base, e)).collect::<Vec<_>>().into());
        }
    }
    let main = html! {
        h1 { (v.name) }
        h2 { "Films playing here" }
        @if v.films.is_empty() { p.muted { "None named." } }
        ul { @for f in &v.films { li { (film_link(f.id, &f.title, f.year)) } } }
        h2 { "Events" }
        @if v.events.is_empty() { p.muted { "None announced." } }
        ul.plain { @for e in &v.events { (event_item(e)) } }
        p { a href={"/events.ics?venue=" (v.id)} { "Add this venue's events to your calendar" } }
    };
    Ok(Page::new(v.name.clone(), jsonld::top(ld), main))
}

pub(crate) async fn events_page(state: AppState) -> Result<Page, ApiError> {
    let today = state.today();
    let (upcoming, all) = state
        .read(move |s| {
            let upcoming = s.events(&EventQuery { from: Some(today), ..EventQuery::default() })?;
            Ok((upcoming, s.events(&EventQuery::default())?))
        })
        .await?;
    let base = state.config().base_url.clone();
    let ld = jsonld::graph(all.iter().map(|e| jsonld::screening(&base, e)).collect());
    let main = html! {
        h1 { "Events" }
        p { a href="/events.ics" { "Subscribe in your calendar (iCalendar)" } }
        h2 { "Upcoming" }
        @if upcoming.is_empty() { p.muted { "Nothing upcoming." } }
        ul.plain { @for e in &upcoming { (event_item(e)) } }
        h2 { "All events" }
        @if all.is_empty() { p.muted { "No events announced in the reviews yet." } }
        ul.plain { @for e in &all { (event_item(e)) } }
    };
    Ok(Page::new("Events", ld, main))
}
