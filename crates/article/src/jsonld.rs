//! schema.org JSON-LD: the structured data pages embed in
//! `<script type="application/ld+json">`. Reviews, films and articles are
//! read from it; everything else is ignored.
//!
//! serde_json refuses nesting deeper than 128 levels, so the recursive walk
//! below is bounded too.

use serde_json::Value;

/// A schema.org `Review` or `CriticReview` found on the page.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct ReviewData {
    /// The `@type` as written (`Review`, `CriticReview`).
    pub kind: String,
    /// `itemReviewed`, when it is a film (or has a name).
    pub item: Option<FilmData>,
    /// `author.name`, several joined by `, `.
    pub author: Option<String>,
    /// `publisher.name`.
    pub publisher: Option<String>,
    /// `datePublished` as `YYYY-MM-DD`.
    pub published: Option<String>,
    /// `reviewRating`.
    pub rating: Option<RatingData>,
    /// `name` or `headline`.
    pub headline: Option<String>,
    /// `reviewBody`.
    pub body: Option<String>,
}

/// A schema.org `reviewRating` (or `aggregateRating`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RatingData {
    /// `ratingValue`.
    pub value: f64,
    /// `bestRating`; schema.org's default is 5.
    pub best: Option<f64>,
    /// `worstRating`; schema.org's default is 1.
    pub worst: Option<f64>,
}

/// A schema.org `Movie` (or any named `itemReviewed`).
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct FilmData {
    /// The `@type` as written (`Movie`, `TVSeries`, ...).
    pub kind: String,
    /// `name`.
    pub name: Option<String>,
    /// The year of `dateCreated` or `datePublished`.
    pub year: Option<i32>,
    /// `director` names.
    pub directors: Vec<String>,
    /// `actor` names.
    pub actors: Vec<String>,
    /// `duration` (ISO 8601, `PT1H42M`) in minutes.
    pub runtime_minutes: Option<u32>,
    /// `contentRating` as written (`R`, `PG-13`, `MPAA R`).
    pub content_rating: Option<String>,
    /// `genre`.
    pub genres: Vec<String>,
}

/// An article-like node (`NewsArticle`, `Article`, `BlogPosting`, `Review`,
/// ...): the fields the page's `Article` metadata comes from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleData {
    pub headline: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub publisher: Option<String>,
    /// `articleBody`, as plain text.
    pub body: Option<String>,
}

/// Everything read from a page's JSON-LD blocks.
#[derive(Debug, Default)]
pub struct JsonLd {
    pub reviews: Vec<ReviewData>,
    pub films: Vec<FilmData>,
    pub articles: Vec<ArticleData>,
    pub site_name: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
    "ReviewNewsArticle", "BlogPosting", "Review", "CriticReview", "WebPage", "ScholarlyArticle", "Report",
];
const FILM_TYPES: &[&str] = &["Movie", "Film", "TVSeries", "TVEpisode", "TVSeason", "CreativeWork", "VideoObject"];

/// Parses the JSON-LD blocks' text (the contents of the script elements).
pub fn parse<'a>(blocks: impl IntoIterator<Item = &'a str>) -> JsonLd {
    let mut out = JsonLd::default();
    for block in blocks {
        let cleaned = clean(block);
        let Ok(value) = serde_json::from_str::<Value>(cleaned) else { continue };
        visit(&value, &mut out, 0);
    }
    out
}

/// Strips what sites wrap JSON-LD in: white space, HTML comments, CDATA
/// markers, a trailing semicolon.
fn clean(block: &str) -> &str {
    let mut text = block.trim();
    for (open, close) in [("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")] {
        if let Some(inner) = text.strip_prefix(open) {
            text = inner.strip_suffix(close).unwrap_or(inner).trim();
        }
    }
    text.trim_end_matches(';').trim()
}

fn visit(value: &Value, out: &mut JsonLd, depth: usize) {
    if depth > 32 {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                visit(item, out, depth + 1);
            }
        }
        Value::Object(map) => {
            let types = types(value);
            if types.iter().any(|t| t == "Review" || t == "CriticReview" || t == "ReviewNewsArticle") {
                out.reviews.push(review(value));
            }
            if types.iter().any(|t| ARTICLE_TYPES.contains(&t.as_str())) {
                out.articles.push(ArticleData {
                    headline: string(value.get("headline")).or_else(|| string(value.get("name"))),
                    author: names(value.get("author")),
                    published: value.get("datePublished").and_then(Value::as_str).and_then(crate::meta::iso_date),
                    publisher: names(value.get("publisher")),
                    body: value.get("articleBody").and_then(Value::as_str).map(str::to_owned),
                });
            }
            if types.iter().any(|t| FILM_TYPES[..2].contains(&t.as_str())) {
                out.films.push(film(value));
            }
            if types.iter().any(|t| t == "WebSite" || t == "NewsMediaOrganization" || t == "Organization")
                && out.site_name.is_none() && types.iter().any(|t| t == "WebSite") {
                    out.site_name = string(value.get("name"));
                }
            if let Some(graph) = map.get("@graph") {
                visit(graph, out, depth + 1);
            }
            // Reviews nested in a Movie (`review`), and films in `itemReviewed`
            // are read by `review`/`film`; other nesting (`mainEntity`) is
            // followed here.
            for key in ["mainEntity", "mainEntityOfPage", "review"] {
                if let Some(inner) = map.get(key)
                    && (inner.is_object() || inner.is_array()) {
                        visit(inner, out, depth + 1);
                    }
            }
        }
        _ => {}
    }
}

fn types(value: &Value) -> Vec<String> {
    match value.get("@type") {
        Some(Value::String(t)) => vec![short_type(t)],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(short_type).collect(),
        _ => Vec::new(),
    }
}

/// `http://schema.org/Movie` → `Movie`.
fn short_type(t: &str) -> String {
    t.rsplit(['/', '#', ':']).next().unwrap_or(t).to_owned()
}

fn review(value: &Value) -> ReviewData {
    let item = value.get("itemReviewed").map(|item| match item {
        Value::Array(items) => items.first().map(film).unwrap_or_default(),
        item => film(item),
    });
    ReviewData {
        kind: types(value).into_iter().next().unwrap_or_default(),
        item: item.filter(|item| item.name.is_some()),
        author: names(value.get("author")),
        publisher: names(value.get("publisher")),
        published: value.get("datePublished").and_then(Value::as_str).and_then(crate::meta::iso_date),
        rating: value.get("reviewRating").and_then(rating),
        headline: string(value.get("name")).or_else(|| string(value.get("headline"))),
        body: string(value.get("reviewBody")),
    }
}

fn film(value: &Value) -> FilmData {
    let year = ["dateCreated", "datePublished", "releasedEvent"]
        .iter()
        .filter_map(|key| value.get(*key).and_then(Value::as_str))
        .find_map(|date| date.get(..4).and_then(|y| y.parse::<i32>().ok()).filter(|y| (1870..=2100).contains(y)));
    FilmData {
        kind: types(value).into_iter().next().unwrap_or_default(),
        name: string(value.get("name")),
        year,
        directors: name_list(value.get("director")),
        actors: name_list(value.get("actor").or_else(|| value.get("actors"))),
        runtime_minutes: value.get("duration").and_then(Value::as_str).and_then(iso_minutes),
        content_rating: string(value.get("contentRating")),
        genres: match value.get("genre") {
            Some(Value::String(g)) => vec![g.trim().to_owned()],
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(|g| g.trim().to_owned()).collect(),
            _ => Vec::new(),
        },
    }
}

fn rating(value: &Value) -> Option<RatingData> {
    let number = |key: &str| match value.get(key) {
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.trim().replace(',', ".").parse::<f64>().ok(),
        _ => None,
    };
    let value_ = number("ratingValue")?;
    value_.is_finite().then_some(RatingData { value: value_, best: number("bestRating"), worst: number("worstRating") })
}

/// A trimmed, non-empty string, HTML entities left as the page wrote them.
fn string(value: Option<&Value>) -> Option<String> {
    let text = value?.as_str()?.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// A person or organisation, or a list of them: their names.
fn name_list(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(name)) => string(Some(&Value::String(name.clone()))).into_iter().collect(),
        Some(Value::Object(_)) => string(value.and_then(|v| v.get("name"))).into_iter().collect(),
        Some(Value::Array(items)) => items.iter().flat_map(|item| name_list(Some(item))).collect(),
        _ => Vec::new(),
    }
}

fn names(value: Option<&Value>) -> Option<String> {
    let list = name_list(value);
    (!list.is_empty()).then(|| list.join(", "))
}

/// ISO 8601 durations (`PT1H42M`, `PT102M`, `P0DT1H42M0S`) to minutes.
fn iso_minutes(duration: &str) -> Option<u32> {
    let rest = duration.trim().strip_prefix(['P', 'p'])?;
    let (days, time) = match rest.split_once(['T', 't']) {
        Some((days, time)) => (days, time),
        None => (rest, ""),
    };
    let mut minutes: u32 = 0;
    let mut number = String::new();
    for (part, is_time) in [(days, false), (time, true)] {
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' {
                number.push(c);
                continue;
            }
            let n: f64 = number.parse().ok()?;
            number.clear();
            let add = match (c.to_ascii_uppercase(), is_time) {
                ('D', false) => n * 1440.0,
                ('H', true) => n * 60.0,
                ('M', true) => n,
                ('S', true) => n / 60.0,
                _ => return None,
            };
            // Durations are small positive numbers; the cast saturates anyway.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let add = add.round() as u32;
            minutes = minutes.saturating_add(add);
        }
    }
    (minutes > 0).then_some(minutes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(iso_minutes("PT1H42M"), Some(102));
        assert_eq!(iso_minutes("PT102M"), Some(102));
        assert_eq!(iso_minutes("P0DT2H15M0S"), Some(135));
        assert_eq!(iso_minutes("1h42"), None);
    }

    #[test]
    fn review_with_film_and_rating() {
        let json = r#"{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"The Daily Reel"},
            {"@type":"CriticReview","author":[{"@type":"Person","name":"Ana Ortiz"}],"datePublished":"2021-03-04T10:00:00Z",
             "reviewRating":{"@type":"Rating","ratingValue":"3.5","bestRating":4},
             "itemReviewed":{"@type":"Movie","name":"The Long Field","dateCreated":"2020","director":{"@type":"Person","name":"Max Roe"},
             "duration":"PT1H50M","contentRating":"PG-13","genre":["Drama"]}}]}"#;
        let data = parse([json]);
        assert_eq!(data.site_name.as_deref(), Some("The Daily Reel"));
        let review = &data.reviews[0];
        assert_eq!(review.author.as_deref(), Some("Ana Ortiz"));
        assert_eq!(review.published.as_deref(), Some("2021-03-04"));
        assert_eq!(review.rating, Some(RatingData { value: 3.5, best: Some(4.0), worst: None }));
        let film = review.item.as_ref().unwrap();
        assert_eq!((film.name.as_deref(), film.year, film.runtime_minutes), (Some("The Long Field"), Some(2020), Some(110)));
        assert_eq!(film.directors, ["Max Roe"]);
    }

    #[test]
    fn tolerates_wrappers_and_garbage() {
        assert_eq!(parse(["<!-- {\"@type\":\"NewsArticle\",\"headline\":\"H\"} -->"]).articles[0].headline.as_deref(), Some("H"));
        assert!(parse(["{not json", "[[[[", ""]).articles.is_empty());
    }
}
