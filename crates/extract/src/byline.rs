//! The byline and dateline: who wrote the review, for which outlet, and on
//! which date, from "A film review by ...", "Reviewed by X, December 20,
//! 1999", copyright lines, sign-offs and "Visit X at http://...".

use std::sync::LazyLock;

use regex::Regex;

use crate::people;

/// What the byline, sign-off and dateline state.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Byline {
    pub critic: Option<String>,
    pub publication: Option<String>,
    pub published: Option<String>,
}

static BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|\b(?:a\s+)?(?:film|movie|video|dvd|capsule)?\s*reviews?(?:ed)?\s+|^\s*)by\s*:?\s+(?P<rest>.+)$|^\s*(?:reviewer|critic|review\s+by|reviewed\s+by|by)\s*:\s*(?P<rest2>.+)$")
        .expect("static regex")
});

/// Whether `line` is a byline ("A film review by X", "Reviewed by X", "By X").
pub(crate) fn is_byline_line(line: &str) -> bool {
    byline_name(line).is_some()
}

/// The critic's name on a byline line, and what follows it.
fn byline_name(line: &str) -> Option<(String, String)> {
    // Cheap test first: bylines hold "by" or a critic label.
    let has = |w: &[u8]| line.as_bytes().windows(w.len()).any(|x| x.eq_ignore_ascii_case(w));
    if !has(b"by") && !has(b"critic") {
        return None;
    }
    let t = line.trim();
    let caps = BY.captures(t)?;
    let rest = caps.name("rest").or_else(|| caps.name("rest2"))?.as_str();
    let lead = &t[..caps.get(0)?.start()];
    // "Directed by", "Written by" are credits, not bylines.
    let whole = caps.get(0)?.as_str().to_lowercase();
    if !(whole.contains("review") || whole.starts_with("by") || whole.starts_with("critic")) {
        return None;
    }
    if !lead.trim().is_empty() && !whole.contains("review") {
        return None;
    }
    name_then_rest(rest)
}

/// A person's name at the start of `s` and the remainder after a separator.
fn name_then_rest(s: &str) -> Option<(String, String)> {
    let s = s.trim().trim_start_matches(|c: char| c == '-' || c == ':').trim();
    let end = s
        .find(|c: char| matches!(c, ',' | '(' | '<' | '[' | '|' | '/' | ';'))
        .or_else(|| s.find(" - "))
        .or_else(|| s.find(" -- "))
        .or_else(|| s.find("  "))
        .unwrap_or(s.len());
    let (name, rest) = s.split_at(end);
    let name = name.trim().trim_end_matches('.').trim();
    let name = name.strip_prefix("the ").unwrap_or(name);
    let words: Vec<&str> = name.split_whitespace().collect();
    // Cut at a lower-case word ("Ed Johnson-Ott for NUVO").
    let cut = words.iter().position(|w| w.chars().next().is_some_and(char::is_lowercase) && !matches!(*w, "de" | "van" | "von" | "la" | "le" | "da" | "del" | "di")).unwrap_or(words.len());
    let name = words[..cut].join(" ");
    let mut name = people::clean_name(&name)?;
    if name.split_whitespace().count() < 2 || name.split_whitespace().count() > 5 {
        return None;
    }
    if s[..end].trim().ends_with('.') && name.rsplit(' ').next().is_some_and(|w| w.len() == 1) {
        name.push('.');
    }
    let rest = rest.trim_start_matches([',', ' ', '-', '|', '/']).trim().to_owned();
    Some((name, rest))
}

/// Reads the byline, sign-off and dateline of `text`.
pub(crate) fn read(text: &str) -> Byline {
    let mut out = Byline::default();
    let lines: Vec<&str> = text.lines().collect();
    let mut byline_at = None;
    // 1. A byline line.
    for (i, line) in lines.iter().enumerate() {
        if let Some((name, rest)) = byline_name(line) {
            out.critic = Some(name);
            byline_at = Some(i);
            if let Some(d) = date_in(&rest) {
                out.published = Some(d);
            } else if !rest.is_empty() && out.publication.is_none() {
                out.publication = outlet(&rest);
            }
            break;
        }
    }
    // 2. "Susan Granger's review of".
    if out.critic.is_none() {
        static REVIEW_OF: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"(?m)^\s*(?P<n>[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){1,3})'s\s+review\s+of\b").expect("static regex"));
        if let Some(c) = REVIEW_OF.captures(text) {
            out.critic = people::clean_name(&c["n"]);
        }
    }
    // 3. A copyright line: "Copyright 1999 Steve Rhodes", "© 2000 Ed Johnson-Ott".
    static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?im)^[\s-]*(?:copyright|\(c\)|©)(?:\s*(?:\(c\)|©))?\s*(?:\d{4}(?:\s*[-,]\s*\d{4})?)?\s*,?\s*(?:by\s+)?(?P<n>[^\n,]+?)\s*(?:,|\d{4}|$|\s+all\s+rights)").expect("static regex")
    });
    let marked = text.lines().filter(|l| {
        let b = l.as_bytes();
        l.contains('©') || b.windows(3).any(|w| w.eq_ignore_ascii_case(b"(c)")) || b.windows(9).any(|w| w.eq_ignore_ascii_case(b"copyright"))
    });
    for c in marked.filter_map(|l| COPYRIGHT.captures(l)) {
        let n = c["n"].trim().trim_end_matches('.');
        if out.critic.is_none() {
            if let Some((name, _)) = name_then_rest(n) {
                out.critic = Some(name);
                continue;
            }
        }
        if out.publication.is_none() && people::clean_name(n).is_none() && n.contains('.') && !n.contains(' ') && n.len() > 4 {
            // "Copyright 2000 filmcritic.com": an outlet, not a person.
            out.publication = Some(n.to_owned());
        }
    }
    // 4. A sign-off among the last lines.
    if out.critic.is_none() {
        out.critic = sign_off(&lines);
    }
    // 5. "Reviews by Bob Bloom can be found".
    if out.critic.is_none() {
        static REVIEWS_BY: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"(?i)\breviews\s+by\s+(?P<n>[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){1,3})\s+(?:can|are|may)\b").expect("static regex"));
        if let Some(c) = REVIEWS_BY.captures(text) {
            out.critic = people::clean_name(&c["n"]);
        }
    }
    if out.publication.is_none() {
        out.publication = publication(text, &lines, out.critic.as_deref());
    }
    if out.published.is_none() {
        out.published = dateline(&lines, byline_at);
    }
    out
}

/// The critic's sign-off: "- James Berardinelli", "-Ron Rejmaniak", a
/// lone name above an e-mail address, or ". James Sanford" closing the text.
fn sign_off(lines: &[&str]) -> Option<String> {
    // Only the bottom of the text signs off; a short text's heading does not.
    let from = lines.len() / 2;
    let tail: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .skip(from)
        .rev()
        .map(|(i, l)| (i, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .filter(|(_, l)| !l.to_ascii_lowercase().starts_with("x-"))
        .take(10)
        .collect();
    for (i, &(at, line)) in tail.iter().enumerate() {
        // A name under a label ("Written by" / "Ines Falk") is a credit.
        let above = lines[..at].iter().rev().map(|l| l.trim()).find(|l| !l.is_empty()).unwrap_or("");
        let above_lower = above.to_ascii_lowercase();
        if above.ends_with(':') || above_lower.ends_with(" by") || above_lower == "cast" || above_lower == "starring" {
            continue;
        }
        let lower = line.to_ascii_lowercase();
        if lower.contains("http") || lower.contains("www.") {
            continue;
        }
        let l = line.trim_start_matches(['-', '~', '—', '–', ' ']).trim();
        if l.contains(':') {
            continue;
        }
        if l.contains('@') {
            // "Jamahl Epsicokhan - jammer@epsico.com".
            if let Some((name, _)) = name_then_rest(l.split('@').next().unwrap_or("")).filter(|(_, r)| !r.contains(' ')) {
                let words = name.split_whitespace().count();
                if words >= 2 && !l.starts_with(&name[..1].to_lowercase()) {
                    return Some(name);
                }
            }
            continue;
        }
        if l.len() <= 40 && l.split_whitespace().count() <= 4 {
            if let Some(name) = people::clean_name(l.trim_end_matches('.')) {
                if name.split_whitespace().count() >= 2 && name.chars().filter(|c| c.is_uppercase()).count() >= 2 {
                    return Some(name);
                }
            }
            // "Mike Legeros - Movie Hell".
            if let Some((name, rest)) = name_then_rest(l) {
                if !rest.is_empty() && l.contains(" - ") {
                    return Some(name);
                }
            }
        }
        if i == 0 {
            // "... agree whole-heartedly. James Sanford" closing the last line.
            static CLOSING: LazyLock<Regex> =
                LazyLock::new(|| Regex::new(r"[.!?]\s+(?P<n>[A-Z][a-z'-]+(?:\s+[A-Z]\.)?\s+[A-Z][A-Za-z'-]+)\s*$").expect("static regex"));
            if let Some(c) = CLOSING.captures(line) {
                if let Some(n) = people::clean_name(&c["n"]) {
                    return Some(n);
                }
            }
        }
    }
    None
}

/// The outlet: "NAME, NUVO Newsweekly", "Visit X at", "more reviews at X",
/// "film critic at the X", "X - http://...".
fn publication(text: &str, lines: &[&str], critic: Option<&str>) -> Option<String> {
    static PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        [
            r#"(?i)\b(?:visit|see\s+more\s+of\s+my|check\s+out\s+more\s+reviews\s+at|more\s+reviews\s+at|check\s+out)\s+(?:(?-i:the)\s+)?["“]?(?P<p>[A-Z][^"”\n@]{2,50}?)["”]?(?:\s+(?:home\s*page|web\s*site|site|page))?\s*(?:at\s*(?:$|\n|https?:|www\.)|@|:|\n|$|[.!])"#,
            r"\b(?i:critic)\s+(?i:at|for|with)\s+(?:(?i:the)\s+)?(?P<p>[A-Z][\w.'&-]*(?:\s+(?:[A-Z][\w.'&-]*|and|of|the))*)",
            r#"(?m)^[ \t]*(?P<p>[A-Z][\w'’&.]*(?:[ \t]+[A-Z][\w'’&.]*){1,5})[ \t]*(?:-+|:)[ \t]+(?:https?://|www\.)"#,
        ]
        .iter()
        .map(|r| Regex::new(r).expect("static regex"))
        .collect()
    });
    // The "Outlet - http://..." form is tried only on lines with an address.
    let addressed: String = lines.iter().filter(|l| l.contains("http") || l.contains("www.")).map(|l| format!("{l}\n")).collect();
    for (n, re) in PATTERNS.iter().enumerate() {
        let haystack = if n == 2 { addressed.as_str() } else { text };
        for c in re.captures_iter(haystack) {
            let p = c["p"].trim().trim_end_matches(['.', ',', '!']).trim();
            let p = p.strip_prefix("the ").unwrap_or(p);
            let p = p.strip_suffix(" in").unwrap_or(p);
            if p.is_empty() || p.len() < 3 || p.to_ascii_lowercase().starts_with("my ") {
                continue;
            }
            // A critic's own name is not an outlet.
            if critic.is_some_and(|c| c.eq_ignore_ascii_case(p)) || people::clean_name(p).is_some_and(|n| n.split_whitespace().count() >= 2 && !p.contains('\'')) && !looks_like_outlet(p) {
                continue;
            }
            return outlet(p);
        }
    }
    None
}

fn looks_like_outlet(p: &str) -> bool {
    let l = p.to_ascii_lowercase();
    ["movie", "film", "review", "page", "times", "news", "journal", "magazine", "weekly", "daily", "post", "courier", "herald", "tribune", "line", "zone", "site", "online", "cinema", "reel", "hell", "emporium"]
        .iter()
        .any(|w| l.contains(w))
}

fn outlet(s: &str) -> Option<String> {
    let s = s.trim().trim_end_matches(['.', ',']).trim();
    let lower = s.to_ascii_lowercase();
    if s.is_empty() || s.len() > 60 || lower.starts_with("copyright") || lower.contains('@') || lower.contains("http") || lower.contains("all rights") {
        return None;
    }
    if !s.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
        return None;
    }
    Some(s.to_owned())
}

/// The review's date: on a date line ("Review written on September 21st
/// 2001", "REVIEWED WRITTEN ON: September 7, 1995", "Review date: ..."), or
/// alone on the line after the byline.
fn dateline(lines: &[&str], byline_at: Option<usize>) -> Option<String> {
    static CUE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:review(?:ed)?\s+(?:written\s+)?(?:on|date)|written\s+on|review\s+date|date\s+(?:of\s+)?review|posted(?:\s+on)?|date\s*:|dated|reviewed\s+on|screened\s+on|seen\s+on)\b").expect("static regex")
    });
    // Only lines with a digit can hold a date.
    for line in lines.iter().filter(|l| l.bytes().any(|b| b.is_ascii_digit())) {
        if let Some(m) = CUE.find(line) {
            if let Some(d) = date_in(&line[m.start()..]) {
                return Some(d);
            }
        }
    }
    if let Some(b) = byline_at {
        for line in lines.iter().skip(b + 1).take(2) {
            let t = line.trim();
            if !t.is_empty() && t.len() <= 40 {
                if let Some(d) = date_in(t) {
                    return Some(d);
                }
            }
        }
    }
    None
}

/// The first full date in `s`, as `YYYY-MM-DD`.
pub(crate) fn date_in(s: &str) -> Option<String> {
    static DATES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s+(?P<year2>\d{4})|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2}))\b")
            .expect("static regex")
    });
    let c = DATES.captures(s)?;
    let (y, m, d) = if let Some(y) = c.name("y3") {
        (y.as_str().parse().ok()?, c["m3"].parse().ok()?, c["d3"].parse().ok()?)
    } else if let Some(mon) = c.name("mon") {
        (c["year"].parse().ok()?, month(mon.as_str())?, c["day"].parse().ok()?)
    } else {
        (c["year2"].parse().ok()?, month(&c["mon2"])?, c["day2"].parse().ok()?)
    };
    let (y, m, d): (u32, u32, u32) = (y, m, d);
    ((1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn month(s: &str) -> Option<u32> {
    let l = s.to_ascii_lowercase();
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    months.iter().position(|m| l.starts_with(m)).map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(date_in("September 7, 1995").as_deref(), Some("1995-09-07"));
        assert_eq!(date_in("Review written on September 21st 2001").as_deref(), Some("2001-09-21"));
        assert_eq!(date_in("20 December 1999").as_deref(), Some("1999-12-20"));
        assert_eq!(date_in("Jan. 13th, 2001").as_deref(), Some("2001-01-13"));
        assert_eq!(date_in("2001-09-21").as_deref(), Some("2001-09-21"));
        assert_eq!(date_in("in May 1999"), None);
        assert_eq!(date_in("Month 13, 1999"), None);
    }

    #[test]
    fn bylines() {
        let b = read("IN DREAMS\nA film review by Steve Rhodes\nCopyright 1999 Steve Rhodes\n\nProse.\n\nREVIEWED WRITTEN ON: September 7, 1995\n");
        assert_eq!(b.critic.as_deref(), Some("Steve Rhodes"));
        assert_eq!(b.published.as_deref(), Some("1995-09-07"));
        let b = read("Title\n\nReview by Ed Johnson-Ott, NUVO Newsweekly\nwww.nuvo.com\n");
        assert_eq!(b.critic.as_deref(), Some("Ed Johnson-Ott"));
        assert_eq!(b.publication.as_deref(), Some("NUVO Newsweekly"));
        let b = read("Bicentennial Man\nReviewed by Dustin Putman, December 20, 1999.\n");
        assert_eq!(b.critic.as_deref(), Some("Dustin Putman"));
        assert_eq!(b.published.as_deref(), Some("1999-12-20"));
        let b = read("CAST AWAY (2000)\nReviewed by Jerry Saravia\nJanuary 13th, 2001\n");
        assert_eq!(b.published.as_deref(), Some("2001-01-13"));
        let b = read("BY EDWIN JAHIEL\n\nARLINGTON ROAD. Directed by Mark Pellington.\n");
        assert_eq!(b.critic.as_deref(), Some("EDWIN JAHIEL"));
    }

    #[test]
    fn sign_offs() {
        let b = read("Prose about the film.\n\n- James Berardinelli\ne-mail: someone@example.com\n");
        assert_eq!(b.critic.as_deref(), Some("James Berardinelli"));
        let b = read("Prose.\n\n-Ron Rejmaniak\n\n[Moderator's note: a note.]\n");
        assert_eq!(b.critic.as_deref(), Some("Ron Rejmaniak"));
        let b = read("Any audience member will agree\nwhole-heartedly. James Sanford\n");
        assert_eq!(b.critic.as_deref(), Some("James Sanford"));
        let b = read("Prose.\n\nCopyright (C) 1998 Douglas P. Mosurak\nsomeone@example.edu\n");
        assert_eq!(b.critic.as_deref(), Some("Douglas P. Mosurak"));
        let b = read("THREESOME (1994)\nA Film Review\nCopyright Dragan Antulov 2001\n");
        assert_eq!(b.critic.as_deref(), Some("Dragan Antulov"));
    }

    #[test]
    fn outlets() {
        let b = read("Prose.\n\nVisit Scott Renshaw's MoviePage\nhttp://example.com/\n");
        assert_eq!(b.publication.as_deref(), Some("Scott Renshaw's MoviePage"));
        let b = read("Prose.\n Bloom is the film critic at the Journal and Courier in Lafayette, IN.\n");
        assert_eq!(b.publication.as_deref(), Some("Journal and Courier"));
        let b = read("Prose.\nGot beef?  Visit \"La Movie Boeuf\"\n");
        assert_eq!(b.publication.as_deref(), Some("La Movie Boeuf"));
        let b = read("Prose.\nJammer's Movie Reviews - http://www.example.com/movies/\n");
        assert_eq!(b.publication.as_deref(), Some("Jammer's Movie Reviews"));
        let b = read("Prose.\ncheck out more reviews at The Bottom Line\n");
        assert_eq!(b.publication.as_deref(), Some("The Bottom Line"));
    }
}
