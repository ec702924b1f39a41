//! The film's title as the review prints it, and what its title line says
//! beside it: "(1998)" is the year, "(R)" the certificate, "(MGM)" the
//! distributor.

use std::sync::LazyLock;

use marquee_model::Certificate;
use regex::Regex;

use crate::byline;
use crate::certificate;
use crate::credits::year_in;

/// What the title line of a review states.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Head {
    pub title: Option<String>,
    pub year: Option<i32>,
    pub certificate: Option<Certificate>,
    pub distributor: Option<String>,
    /// The byte range of the title line in the text.
    pub line: Option<std::ops::Range<usize>>,
}

/// How many lines from the top a title line may sit.
const HEAD_LINES: usize = 30;

/// Finds the title line among the first lines of `text`.
pub(crate) fn find(text: &str) -> Head {
    let lines = head_lines(text);
    // The line closest above a byline ("A film review by ...") is the title;
    // taglines may sit above it.
    let byline_at = lines.iter().position(|l| byline::is_byline_line(l.text));
    let mut order: Vec<usize> = Vec::new();
    if let Some(b) = byline_at {
        order.extend((0..b).rev());
        order.extend(b + 1..lines.len());
    } else {
        order.extend(0..lines.len());
    }
    for i in order {
        let line = &lines[i];
        let next_blank = lines.get(i + 1).is_none_or(|n| n.after_blank);
        let next_is_meta = lines.get(i + 1).is_some_and(|n| byline::is_byline_line(n.text) || is_label_line(n.text));
        let near_byline = byline_at.is_some_and(|b| b == i + 1 || b == i + 2 && i + 1 < lines.len() && !lines[i + 1].after_blank && lines[i + 1].text.trim().len() < 40);
        if let Some(head) = title_line(line.text, line.start, line.after_blank || i == 0 || near_byline, next_blank || next_is_meta || near_byline) {
            return head;
        }
        // Only the first few lines are worth trying without a byline.
        if byline_at.is_none() && i >= 8 {
            break;
        }
    }
    Head::default()
}

struct Line<'a> {
    text: &'a str,
    start: usize,
    after_blank: bool,
}

/// The first lines worth reading for a title: no headers, notes, addresses.
fn head_lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut blank_before = true;
    let mut in_note = false;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let t = line.trim();
        if out.len() >= HEAD_LINES {
            break;
        }
        if in_note {
            if t.contains(']') {
                in_note = false;
            }
            blank_before = true;
            continue;
        }
        if t.starts_with('[') && !t.contains(']') {
            in_note = true;
            continue;
        }
        if t.is_empty() || t.chars().all(|c| !c.is_alphanumeric()) {
            blank_before = true;
            continue;
        }
        let lower = t.to_ascii_lowercase();
        let skip = (t.starts_with('[') && t.ends_with(']'))
            || lower.starts_with("x-")
            || lower.contains("http")
            || lower.contains("www.")
            || lower.contains('@')
            || lower.starts_with("copyright")
            || lower.starts_with("(c)")
            || lower.starts_with('©')
            || lower.starts_with("subject:")
            || lower.starts_with("from:")
            || lower.starts_with("newsgroups:")
            || lower.starts_with("date:");
        if !skip {
            out.push(Line { text: line.trim_end_matches(['\n', '\r']), start, after_blank: blank_before });
        }
        blank_before = false;
    }
    out
}

/// "Director: ..." and the like.
fn is_label_line(line: &str) -> bool {
    static LABEL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*[A-Za-z][A-Za-z .'/&-]{1,30}\s*(?::|\.{3,})\s*\S").expect("static regex"));
    static PHRASE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:directed\s+by|written\s+by|starring|screenplay\s+by|produced\s+by|rated|running\s+time|with\s+[A-Z]|\(director:|cast\s*:)").expect("static regex")
    });
    LABEL.is_match(line) || PHRASE.is_match(line)
}

/// Reads `line` as a title line if it looks like one.
fn title_line(line: &str, start: usize, blank_before: bool, ends_block: bool) -> Option<Head> {
    let t = line.trim();
    if byline::is_byline_line(t) {
        return None;
    }
    let lower = t.to_lowercase();
    // "Susan Granger's review of "CRAZY IN ALABAMA" (Columbia Pictures)".
    static REVIEW_OF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)\breview\s+of\s+["'“`]+(?P<t>[^"'”]+?)[,.]?["'”]+(?:\s*\((?P<p>[^)]*)\))?"#).expect("static regex")
    });
    if let Some(c) = REVIEW_OF.captures(t) {
        let mut head = Head { title: Some(clean_title(&c["t"])?), line: Some(start..start + line.len()), ..Head::default() };
        if let Some(p) = c.name("p") {
            read_parenthesis(p.as_str(), &mut head);
        }
        return Some(head);
    }
    if is_label_line(t) && !lower.starts_with("title") && !lower.starts_with("film:") && !lower.starts_with("movie:") {
        return None;
    }
    // Strip a "Review:" prefix.
    static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:re:\s*|(?:movie|film|video|dvd)?\s*review(?:\s*#?\d+)?\s*[:-]\s*|title\s*:\s*|film\s*:\s*|movie\s*:\s*)").expect("static regex")
    });
    let body = PREFIX.replace(t, "");
    let body = body.trim();
    // The title proper ends at a parenthesis, stars, a grade, a wide gap, a dash, or a sentence end.
    static CUT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)\s*(?:\(|\[|\*|★|\s{2,}|\t|\s+[-–—]+\s+|\s+--|[.:;]\s+(?:directed|starring|written|with|rated|a\s+film|review)|\.\s*$|\s+\d(?:\.\d)?\s*(?:stars?|/\s*\d)|\s+[A-DF][+-]?\s*$|,\s*(?:19|20)\d\d\b)"#).expect("static regex")
    });
    let cut = CUT.find(body).map_or(body.len(), |m| m.start());
    let cut = if cut == 0 { body.len() } else { cut };
    let (name, rest) = body.split_at(cut);
    let title = clean_title(name)?;
    let words = title.split_whitespace().count();
    let shortened = !rest.trim().is_empty();
    let caps = title.chars().any(char::is_alphabetic) && !title.chars().any(char::is_lowercase);
    let standalone = blank_before && ends_block;
    if words > 12 || title.len() > 80 {
        return None;
    }
    // A line of prose is no title line: it must stand alone, be set in
    // capitals, or carry the year, grade or certificate beside the title.
    if !(standalone || (caps && words <= 8) || (shortened && blank_before && title.len() <= 60)) {
        return None;
    }
    if !standalone && !caps && ends_like_sentence(t) && !shortened {
        return None;
    }
    let mut head = Head { title: Some(title), line: Some(start..start + line.len()), ..Head::default() };
    static PAREN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[(\[]([^()\[\]]{1,60})[)\]]").expect("static regex"));
    for c in PAREN.captures_iter(rest) {
        read_parenthesis(&c[1], &mut head);
    }
    if head.year.is_none() {
        static YEAR_AFTER: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^\s*(?:[,-–]\s*)?((?:18|19|20)\d\d)\b").expect("static regex"));
        if let Some(c) = YEAR_AFTER.captures(rest) {
            head.year = c[1].parse().ok();
        }
    }
    Some(head)
}

fn ends_like_sentence(line: &str) -> bool {
    let words = line.split_whitespace().count();
    words >= 6 && line.trim_end().ends_with(['.', ',', ';'])
}

/// "(1998)", "(USA, 1998)", "(R)", "(MGM)", "(Warner Bros.)".
fn read_parenthesis(inner: &str, head: &mut Head) {
    let inner = inner.trim();
    if let Some(y) = year_in(inner) {
        if inner.len() <= 24 && head.year.is_none() {
            head.year = Some(y);
        }
        return;
    }
    if let Some(c) = certificate::parse(inner).filter(|_| inner.len() <= 12) {
        head.certificate.get_or_insert(c);
        return;
    }
    let lower = inner.to_ascii_lowercase();
    let country = ["usa", "us", "uk", "u.s.", "u.k.", "france", "canada", "italy", "germany", "japan", "china", "hong kong", "australia", "spain", "india", "mexico"]
        .iter()
        .any(|c| lower == *c || lower.starts_with(&format!("{c},")) || lower.starts_with(&format!("{c}/")));
    let words = inner.split_whitespace().count();
    let capitalised = inner.split_whitespace().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) || matches!(w, "of" | "and" | "&"));
    let noted = ["director", "cast", "aka", "a.k.a", "also", "in ", "dubbed", "subtitled", "english", "french", "review", "re-release", "rerelease", "imax", "dvd", "video"]
        .iter()
        .any(|w| lower.contains(w));
    if !country && !noted && capitalised && (1..=4).contains(&words) && head.distributor.is_none() {
        head.distributor = Some(inner.trim_end_matches(',').to_owned());
    }
}

/// Strips quotes, underscores, a trailing period and surrounding space.
pub(crate) fn clean_title(s: &str) -> Option<String> {
    let t = s
        .trim()
        .trim_matches(|c: char| matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '`' | '_' | '*' | '<' | '>' | '-' | ':' | ',' | '='))
        .trim();
    let t = t.strip_suffix('.').unwrap_or(t).trim();
    let t = t.trim_matches(|c: char| matches!(c, '"' | '“' | '”' | '`')).trim();
    let collapsed = t.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty() && collapsed.chars().any(char::is_alphanumeric)).then_some(collapsed)
}

/// A title named in the prose when no title line exists: the most
/// frequent quoted or capitalised film name, if it recurs.
pub(crate) fn from_prose(text: &str) -> Option<String> {
    static QUOTED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"["“]([A-Z0-9][^"“”\n]{0,60}?)[,.!?]?["”]"#).expect("static regex"));
    static CAPS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b([A-Z0-9][A-Z0-9'&:!?-]*(?:\s+[A-Z0-9][A-Z0-9'&:!?,-]*)*)\b").expect("static regex"));
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    let mut bump = |s: &str, at: usize| {
        if let Some(e) = counts.iter_mut().find(|e| e.0 == s) {
            e.1 += 1;
        } else {
            counts.push((s.to_owned(), 1, at));
        }
    };
    for c in QUOTED.captures_iter(text) {
        let m = c.get(1).expect("group 1 always matches");
        if m.as_str().split_whitespace().count() <= 8 {
            bump(m.as_str().trim(), m.start());
        }
    }
    for m in CAPS.find_iter(text) {
        let s = m.as_str().trim_end_matches([',', ':', '-']);
        let letters = s.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= 4 && !matches!(s, "MPAA" | "NOTE" | "SPOILER" | "SPOILERS" | "WARNING" | "HTTP" | "THE END" | "RATING" | "USA" | "CAST") {
            bump(s, m.start());
        }
    }
    counts
        .into_iter()
        .filter(|e| e.1 >= 2)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        .and_then(|e| clean_title(&e.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, title: &str, year: Option<i32>) {
        let head = find(text);
        assert_eq!(head.title.as_deref(), Some(title), "{text:?}");
        assert_eq!(head.year, year, "{text:?}");
    }

    #[test]
    fn title_above_byline() {
        check("                 LA CEREMONIE\n        A film review by James Berardinelli\n", "LA CEREMONIE", None);
        check("Is This Your Type?\nThe Love Letter\n\nBy Ross Anthony\n\nProse.", "The Love Letter", None);
        check("Varsity Blues\nA Film Review by Matt Lawrence\n", "Varsity Blues", None);
        check("CAST AWAY (2000)\nReviewed by Jerry Saravia\nJanuary 13th, 2001\n", "CAST AWAY", Some(2000));
    }

    #[test]
    fn title_with_grade_and_year() {
        check("BEN (1972)\n\nstarring: Lee Montgomery\n", "BEN", Some(1972));
        check("Cannonball Run II (1984) ***1/2 out of ****\n\nStarring: Burt Reynolds\n", "Cannonball Run II", Some(1984));
        check("Bicentennial Man      * * * (out of * * * * )\n\nDirected by Chris Columbus.\n", "Bicentennial Man", None);
        check("The Contender (2000)  1 star out of 4. Starring Joan Allen, Gary Oldman,\nJeff Bridges.\n", "The Contender", Some(2000));
        check("Lethal Weapon 4 (USA, 1998)\n\nR, 127 minutes\n", "Lethal Weapon 4", Some(1998));
        check("'Where the Money Is' (2000)\n\nA movie review by Walter Frith\n", "Where the Money Is", Some(2000));
    }

    #[test]
    fn parentheses_beside_the_title() {
        let head = find("SUPERNOVA (MGM)\nDirected by \"Thomas Lee\"\n\n  Prose begins here and goes on.");
        assert_eq!(head.title.as_deref(), Some("SUPERNOVA"));
        assert_eq!(head.distributor.as_deref(), Some("MGM"));
        let head = find("Con Air (R) *** 1/2 (out of ****)\n\nProse.");
        assert_eq!(head.certificate.map(|c| c.rating).as_deref(), Some("R"));
        let head = find("Susan Granger's review of \"CRAZY IN ALABAMA\" (Columbia Pictures)\n\nProse.");
        assert_eq!(head.title.as_deref(), Some("CRAZY IN ALABAMA"));
        assert_eq!(head.distributor.as_deref(), Some("Columbia Pictures"));
    }

    #[test]
    fn prose_is_not_a_title() {
        let head = find("With its story of a brilliant musician destroyed in her prime, \"Hilary\nand Jackie\" has already drawn comparisons to \"Shine,\" the 1995 hit.\n");
        assert_eq!(head.title, None);
    }

    #[test]
    fn recurring_names_in_prose() {
        assert_eq!(from_prose("I liked \"Big Fish.\" Later \"Big Fish\" drags. \"Other\" once.").as_deref(), Some("Big Fish"));
        assert_eq!(from_prose("THE BOXER is fine. I think THE BOXER works.").as_deref(), Some("THE BOXER"));
    }
}
