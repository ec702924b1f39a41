//! Splitting a document into reviews: most documents review one film, a
//! page of capsules reviews many ("Title ***1/2 ... 1 hr. 42 PG-13
//! (violence) - S.R."), each its own review.
//!
//! A capsule opens a paragraph with its title and grade ("Sailor Moon
//! ***1/2", "GHOST TOWN (2001) ** 1/2") or closes with a credit tail (a
//! running time and a mark, often signed with initials). Two or more of
//! either make a roundup; fewer leave the document whole.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::credits::paragraphs;

/// The byte ranges of the reviews in `text`; the whole text when it
/// reviews one film.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let paras = paragraphs(text);
    let heads: Vec<usize> = paras.iter().filter(|p| is_capsule_head(&text[(*p).clone()])).map(|p| p.start).collect();
    if heads.len() >= 2 {
        return ranges_from_starts(text, &heads);
    }
    let tails: Vec<usize> = paras.iter().filter(|p| is_capsule_tail(&text[(*p).clone()])).map(|p| p.end).collect();
    if tails.len() >= 2 {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, &end) in tails.iter().enumerate() {
            let end = if i + 1 == tails.len() { text.len() } else { end };
            out.push(start..end);
            start = end;
        }
        return out;
    }
    vec![0..text.len()]
}

fn ranges_from_starts(text: &str, starts: &[usize]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (i, &s) in starts.iter().enumerate() {
        // The page's heading and byline above the first capsule belong to
        // no one capsule; the page's byline is applied to all of them.
        let from = s;
        let to = starts.get(i + 1).copied().unwrap_or(text.len());
        out.push(from..to);
    }
    out
}

/// "Sailor Moon ***1/2 A schoolgirl ...", "GHOST TOWN (2001) ** 1/2": a
/// title and a star grade opening a paragraph of prose.
fn is_capsule_head(para: &str) -> bool {
    static HEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?P<t>[A-Z0-9\x22'][^*★\n]{0,60}?)(?:\s*\((?:\d{4}|[A-Z][^)]{0,20})\))?\s+(?:\*{1,5}|★{1,5})(?:\s?(?:1/2|½))?(?:\s|$|[.:,-])")
            .expect("static regex")
    });
    let first = para.lines().next().unwrap_or("");
    if !first.contains(['*', '★']) {
        return false;
    }
    let Some(c) = HEAD.captures(para) else { return false };
    let title = c.name("t").map_or("", |m| m.as_str()).trim();
    // The title is a name, not a sentence: few words, mostly capitalised.
    let words: Vec<&str> = title.split_whitespace().collect();
    let capitalised = words.iter().filter(|w| w.chars().next().is_some_and(|ch| !ch.is_lowercase())).count();
    let legend = para.lines().next().is_some_and(|l| l.contains('='));
    !words.is_empty() && words.len() <= 8 && capitalised * 2 > words.len() && !legend && para.len() > 80
}

/// A paragraph closing with a capsule's credit tail: "1 hr. 42 PG-13
/// (violence, adult themes) - S.R.", "98 minutes. R."
fn is_capsule_tail(para: &str) -> bool {
    static TAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:\d\s*hrs?\.?\s*\d{1,2}|\d{2,3}\s*min(?:utes|s)?\.?)[^\n]{0,40}?(?:\bG|\bPG|\bPG-13|\bR|\bNC-17|\bNR|(?i:not\s+rated|unrated))\b[^\n]{0,80}$")
            .expect("static regex")
    });
    let last = para.trim_end().lines().last().unwrap_or("");
    para.len() > 120 && last.bytes().any(|b| b.is_ascii_digit()) && TAIL.is_match(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_review_stays_whole() {
        let text = "THE BIG CHILL\nA film review by Someone\n\nProse about it.\n\nMore prose.\n";
        assert_eq!(split(text), vec![0..text.len()]);
    }

    #[test]
    fn capsules_with_heads_split() {
        let text = "WEEKEND ROUNDUP\n\nSailor Moon ***1/2 A schoolgirl finds her powers in a plucky cartoon that never slows down for a breath. 1 hr. 42 PG-13 (violence) - S.R.\n\nGhost Town ** A dentist sees the dead; the dead are funnier than he is, which the film knows too well. 1 hr. 40 PG-13 (language) - T.K.\n";
        let parts = split(text);
        assert_eq!(parts.len(), 2);
        assert!(text[parts[0].clone()].starts_with("Sailor Moon"));
        assert!(text[parts[1].clone()].starts_with("Ghost Town"));
    }

    #[test]
    fn capsules_with_tails_split() {
        let text = "SAILOR MOON\nA schoolgirl finds her powers in a plucky cartoon that never slows down for a breath or a joke. 1 hr. 42 PG-13 (violence) - S.R.\n\nGHOST TOWN\nA dentist sees the dead; the dead are funnier than he is, which the film knows all too well. 100 minutes. PG-13 - T.K.\n";
        assert_eq!(split(text).len(), 2);
    }
}
