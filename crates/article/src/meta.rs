//! Page metadata from `<meta>` tags (OpenGraph, Twitter cards, Dublin Core,
//! the names news sites use), `<title>`, `<h1>` and `<time>`.

use scraper::{Html, Selector};

/// What the page's head (and a few body elements) say about it.
#[derive(Debug, Default)]
pub struct Meta {
    pub og_title: Option<String>,
    pub title_tag: Option<String>,
    pub h1: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub site: Option<String>,
    pub json_ld: Vec<String>,
}

fn selector(css: &str) -> Selector {
    // The selectors below are literals, checked by the unit tests.
    Selector::parse(css).unwrap_or_else(|_| unreachable!("invalid literal selector {css}"))
}

/// Collapses white space; `None` for empty text.
pub fn tidy(text: &str) -> Option<String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// Reads the metadata of a parsed page.
pub fn read(doc: &Html) -> Meta {
    let mut meta = Meta::default();
    let mut by_key: Vec<(String, String)> = Vec::new();
    for element in doc.select(&selector("meta")) {
        let value = element.value();
        let key = value.attr("property").or_else(|| value.attr("name")).or_else(|| value.attr("itemprop"));
        if let (Some(key), Some(content)) = (key, value.attr("content"))
            && let Some(content) = tidy(content) {
                by_key.push((key.trim().to_ascii_lowercase(), content));
            }
    }
    let first = |keys: &[&str]| {
        keys.iter().find_map(|key| by_key.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
    };
    meta.og_title = first(&["og:title", "twitter:title", "dc.title", "headline"]);
    meta.author = first(&["author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author", "twitter:creator"])
        .filter(|author| !author.starts_with("http"))
        .map(|author| author.trim_start_matches("By ").trim_start_matches("by ").to_owned());
    meta.published = first(&[
        "article:published_time", "datepublished", "publishdate", "pubdate", "publish-date", "date", "dc.date.issued",
        "dc.date", "sailthru.date", "parsely-pub-date", "og:published_time", "article.published", "cxenseparse:recs:publishtime",
    ])
    .as_deref()
    .and_then(iso_date);
    meta.site = first(&["og:site_name", "application-name", "twitter:site"])
        .map(|site| site.trim_start_matches('@').to_owned());
    meta.title_tag = doc.select(&selector("title")).next().and_then(|t| tidy(&t.text().collect::<String>()));
    meta.h1 = doc.select(&selector("h1")).next().and_then(|t| tidy(&t.text().collect::<String>()));
    if meta.published.is_none() {
        meta.published = doc
            .select(&selector("time[datetime]"))
            .filter_map(|t| t.value().attr("datetime"))
            .find_map(iso_date);
    }
    meta.json_ld = doc
        .select(&selector("script[type]"))
        .filter(|s| s.value().attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")))
        .map(|s| s.text().collect::<String>())
        .collect();
    meta
}

/// `2019-11-20T13:14:00+02:00`, `2019-11-20`, `20191120` → `2019-11-20`;
/// `None` for anything else.
pub fn iso_date(text: &str) -> Option<String> {
    let text = text.trim();
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes.get(range).is_some_and(|b| b.iter().all(u8::is_ascii_digit));
    let (year, month, day) = if digits(0..4) && bytes.get(4) == Some(&b'-') && digits(5..7) && bytes.get(7) == Some(&b'-') && digits(8..10) {
        (&text[0..4], &text[5..7], &text[8..10])
    } else if digits(0..8) && !bytes.get(8).is_some_and(u8::is_ascii_digit) {
        (&text[0..4], &text[4..6], &text[6..8])
    } else {
        return None;
    };
    let (y, m, d): (u32, u32, u32) = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    ((1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{year}-{month}-{day}"))
}

/// A `<title>` without the site name sites append (`Headline | Site`,
/// `Headline - Site`): the longest part, when a separator splits it.
pub fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    for separator in [" | ", " - ", " — ", " – ", " :: ", " » "] {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            let tail_is_site = site.is_some_and(|site| tail.trim().eq_ignore_ascii_case(site.trim()));
            if tail_is_site || tail.split_whitespace().count() <= 4 && head.len() > tail.len() {
                return head.trim().to_owned();
            }
        }
    }
    title.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(iso_date("2019-11-20T13:14:00+02:00").as_deref(), Some("2019-11-20"));
        assert_eq!(iso_date("20191120").as_deref(), Some("2019-11-20"));
        assert_eq!(iso_date("Nov 20, 2019"), None);
        assert_eq!(iso_date("2019-13-01"), None);
    }

    #[test]
    fn titles() {
        assert_eq!(strip_site_suffix("A Film Falls Flat | The Reel", Some("The Reel")), "A Film Falls Flat");
        assert_eq!(strip_site_suffix("Spider-Man - Far From Home review", None), "Spider-Man - Far From Home review");
    }

    #[test]
    fn reads_head() {
        let doc = Html::parse_document(
            r#"<html><head><title>T | S</title><meta property="og:site_name" content="S">
            <meta name="author" content="By Jo Park"><meta property="article:published_time" content="2020-01-02T03:04:05Z">
            <script type="application/ld+json">{"@type":"NewsArticle"}</script></head><body><h1> Head  line </h1></body></html>"#,
        );
        let meta = read(&doc);
        assert_eq!(meta.site.as_deref(), Some("S"));
        assert_eq!(meta.author.as_deref(), Some("Jo Park"));
        assert_eq!(meta.published.as_deref(), Some("2020-01-02"));
        assert_eq!(meta.h1.as_deref(), Some("Head line"));
        assert_eq!(meta.json_ld.len(), 1);
    }
}
