//! The film's title as the review prints it, and what its title line says
//! beside it: "(1998)" is the year, "(R)" the certificate, "(MGM)" the
//! distributor.

use std::sync::LazyLock;

use marquee_model::Certificate;
use regex::Regex;

use crate::byline;
use crate::certificate;
use crate::credits::{self, year_in};

/// What the title line of a review states.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Head {
    pub title: Option<String>,
    pub year: Option<i32>,
    pub certificate: Option<Certificate>,
    pub distributor: Option<String>,
    /// The byte range of the title line in the text.
    pub line: Option<std::ops::Range<usize>>,
    /// Something beside the line marks it as a title: a byline, a year, a
    /// grade, a certificate, "review of".
    pub sure: bool,
    /// Other titles printed beside the title: "(aka ...)", ", aka ...".
    pub alt_titles: Vec<String>,
}

/// How many lines from the top a title line may sit.
const HEAD_LINES: usize = 30;

/// Finds the title line among the first lines of `text`.
pub(crate) fn find(text: &str) -> Head {
    let lines = head_lines(text);
    let byline_at = lines.iter().position(|l| byline::is_byline_line(l.text)).filter(|&b| b <= 8);
    // Above a byline ("A film review by ..."): the line just above it, or
    // the paragraph above it (its last line when it is a stack of short
    // lines, a tagline over the title; else its first line).
    if let Some(b) = byline_at {
        // "TITLE -- a movie review by NAME" names the film on the byline.
        let mut tries = vec![b];
        if b > 0 && !lines[b].after_blank {
            tries.push(b - 1);
        } else if b > 0 {
            let first = (0..b).rev().find(|&i| lines[i].after_blank).unwrap_or(0);
            let short = (first..b).all(|i| lines[i].text.trim().len() <= 50) && b - first <= 3;
            tries.push(if short { b - 1 } else { first });
        }
        tries.extend(b + 1..(b + 4).min(lines.len()));
        for i in tries {
            if let Some(head) = try_line(&lines, i, true) {
                return head;
            }
        }
    }
    for i in 0..lines.len().min(10) {
        if let Some(head) = try_line(&lines, i, false) {
            return head;
        }
        // Titles come before the prose: past a line of prose, stop.
        let t = lines[i].text.trim();
        if t.len() > 80 || t.split_whitespace().count() >= 8 && t.ends_with(['.', ',', ';']) {
            break;
        }
    }
    Head::default()
}

fn try_line(lines: &[Line<'_>], i: usize, by_byline: bool) -> Option<Head> {
    let line = &lines[i];
    let next_blank = lines.get(i + 1).is_none_or(|n| n.after_blank);
    let next_is_meta = lines.get(i + 1).is_some_and(|n| byline::is_byline_line(n.text) || is_label_line(n.text));
    let mut head = title_line(line.text, line.start, line.after_blank || by_byline, next_blank || next_is_meta || by_byline)?;
    head.sure |= by_byline;
    // Lines of the header that are only a parenthesis: "(1998) *** (out
    // of four)" under the byline, "(Fine Line)" above the credits.
    for other in lines.iter().skip(i + 1).take(6) {
        static ALONE: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^\s*[(\[]([^()\[\]]{1,40})[)\]]\s*(?:$|[*★\d(])").expect("static regex"));
        if let Some(c) = ALONE.captures(other.text) {
            read_parenthesis(&c[1], &mut head);
        }
    }
    Some(head)
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
    if credits::starts_with_label(line) {
        return true;
    }
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:[\w']+\s+)?(?:rating|grade|note|warning|spoilers?|capsule|summary|synopsis|plot|opinion|verdict|bottom\s+line|in\s+short|nutshell|subject|keywords|mpaa|cast|genre|country|language|starring|running\s+time|length)\s*(?::|\.{3,}|\s-+\s)").expect("static regex")
    });
    static PHRASE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:directed\s+by|written\s+by|starring|screenplay\s+by|produced\s+by|rated|running\s+time|with\s+[A-Z]|\(director:|cast\s*:)").expect("static regex")
    });
    LABEL.is_match(line) || PHRASE.is_match(line)
}

/// "Review:", "CrankyCritic movie reviews:", "Title:" before a title.
static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:re:\s*|[^:]{0,40}\breviews?(?:\s*#?\d+)?\s*[:-]\s*|title\s*:\s*|film\s*:\s*|movie\s*:\s*)").expect("static regex")
});

/// Reads `line` as a title line if it looks like one.
fn title_line(line: &str, start: usize, blank_before: bool, ends_block: bool) -> Option<Head> {
    let t = line.trim();
    if byline::is_byline_line(t) {
        // "THE TIN CROWN -- a movie review by Lou Ferreira": the title leads
        // its own byline.
        static LEAD: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)^(?P<t>\S.{0,80}?)\s+(?:-{1,2}|–|—|:)\s+(?:an?\s+)?(?:movie|film)\s+reviews?\s+by\b").expect("static regex")
        });
        let c = LEAD.captures(t)?;
        let title = clean_title(&c["t"])?;
        return Some(Head { title: Some(title), line: Some(start..start + line.len()), sure: true, ..Head::default() });
    }
    let lower = t.to_lowercase();
    // "Susan Granger's review of "CRAZY IN ALABAMA" (Columbia Pictures)".
    static REVIEW_OF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)\b(?:review|commentary|preview|critique|thoughts)\s+(?:of|on)\b[^"“]{0,60}?["“`]+(?P<t>[^"”]+?)[,.]?["”]+(?:\s*\((?P<p>[^)]*)\))?"#).expect("static regex")
    });
    if let Some(c) = REVIEW_OF.captures(t) {
        let mut head = Head { title: Some(clean_title(&c["t"])?), line: Some(start..start + line.len()), sure: true, ..Head::default() };
        if let Some(p) = c.name("p") {
            read_parenthesis(p.as_str(), &mut head);
        }
        return Some(head);
    }
    if is_label_line(t) && !PREFIX.is_match(t) {
        return None;
    }
    // Section words and dates head a text without naming the film.
    if matches!(lower.trim_end_matches([':', '.']), "summary" | "synopsis" | "review" | "plot" | "introduction" | "spoilers" | "contents" | "from" | "the review")
        || byline::date_in(t).is_some() && t.len() <= 40
        || lower.contains('©')
        || lower.contains("copyright")
    {
        return None;
    }
    // Strip a "Review:" prefix.
    let body = PREFIX.replace(t, "");
    let body = body.trim();
    // The title proper ends at a parenthesis, stars, a grade, a wide gap, a dash, or a sentence end.
    static CUT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)\s*(?:\(|\[|\*|★|\s{2,}|\t|\s+[-–—]+\s+|\s+--|[.:;]\s+(?:directed|starring|written|with|rated|a\s+film|review)|,\s+(?:starring|directed\s+by|written\s+by)\b|\.\s*$|\s+\d(?:\.\d)?\s*(?:stars?|/\s*\d)|\s+[A-DF][+-]?\s*$|,?\s+(?:18|19|20)\d\d\s*$|,\s*(?:19|20)\d\d\b)"#).expect("static regex")
    });
    let cut = CUT.find(body).map_or(body.len(), |m| m.start());
    let cut = if cut == 0 { body.len() } else { cut };
    let (name, rest) = body.split_at(cut);
    if name.trim_start().starts_with(['(', '[']) {
        return None;
    }
    // A parenthesis beside a title holds a year, a mark or a company, and
    // the line does not run on into a list ("Bobby (Richard Dreyfuss), Bats").
    if let Some(inner) = rest.trim_start().strip_prefix('(') {
        let close = inner.find(')').unwrap_or(inner.len());
        let (paren, after) = inner.split_at(close);
        let after = after.trim_start_matches(')').trim_start();
        let plausible = year_in(paren).is_some()
            || certificate::parse(paren).is_some()
            || paren.to_ascii_lowercase().starts_with("dir")
            || ["aka", "a.k.a", "also known as"].iter().any(|a| paren.to_ascii_lowercase().starts_with(a))
            || paren.starts_with(|c: char| c.is_uppercase()) && paren.split_whitespace().count() <= 4 && !after.starts_with([',', ';']);
        if !plausible || after.starts_with(|c: char| c.is_lowercase()) {
            return None;
        }
    }
    let title = clean_title(name)?;
    let words = title.split_whitespace().count();
    let shortened = !rest.trim().is_empty();
    let caps = title.chars().any(char::is_alphabetic) && !title.chars().any(char::is_lowercase);
    let standalone = blank_before && ends_block;
    if words > 12 || title.len() > 80 {
        return None;
    }
    // A sentence of prose is no title: mostly lower-case words, or a
    // period closing a line that goes on.
    let lower_words = title.split_whitespace().filter(|w| w.chars().next().is_some_and(char::is_lowercase)).count();
    if words >= 6 && lower_words * 2 > words || name.trim_end().ends_with('.') && !name.trim_end().ends_with("..") && shortened && !rest.trim_start().starts_with(['(', '[']) {
        return None;
    }
    // A certificate or a running time alone is no title ("R, 127 minutes").
    if certificate::parse(&title).is_some() && (title.len() <= 12 || crate::runtime::find_bare(&title).is_some()) || title.chars().next().is_some_and(|c| c.is_ascii_digit()) && crate::runtime::find_bare(&title).is_some() {
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
    aka_in(rest, &mut head);
    let marked = rest.trim_start().starts_with(['(', '[', '*', '★']) || crate::grade::find(rest).is_some();
    head.sure = head.year.is_some() || head.certificate.is_some() || marked;
    Some(head)
}

fn ends_like_sentence(line: &str) -> bool {
    let words = line.split_whitespace().count();
    words >= 6 && line.trim_end().ends_with(['.', ',', ';'])
}

/// "aka DEMON", ", a.k.a. Call It Murder", "also known as X" after a title.
fn aka_in(rest: &str, head: &mut Head) {
    static AKA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)(?:^|[\s(\[,;])(?:a\.?k\.?a\.?|also\s+known\s+as)\s*:?\s*(?P<t>[^()\[\];]{1,80}?)\s*(?:[)\];]|\(|\s{2,}|$)"#).expect("static regex")
    });
    for c in AKA.captures_iter(rest) {
        let Some(t) = clean_title(&c["t"]) else { continue };
        // A year after the alternative title is not part of it.
        static YEAR_END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r",?\s*(?:18|19|20)\d\d$").expect("static regex"));
        let t = YEAR_END.replace(&t, "").trim().to_owned();
        if !t.is_empty() && t.chars().any(char::is_alphabetic) && !head.alt_titles.contains(&t) {
            head.alt_titles.push(t);
        }
    }
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
    if lower.starts_with("aka") || lower.starts_with("a.k.a") || lower.starts_with("also known as") {
        aka_in(inner, head);
        return;
    }
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

/// A title printed in capitals ("THE LANTERN KEEPER") as the document
/// writes it elsewhere in mixed case ("The Lantern Keeper"), or else in
/// title case, short words lower-case. Other titles come back unchanged.
pub(crate) fn recase(title: &str, text: &str) -> String {
    let letters = || title.chars().filter(|c| c.is_alphabetic());
    if letters().count() < 2 || !letters().all(char::is_uppercase) {
        return title.to_owned();
    }
    better_case_in(title, text).unwrap_or_else(|| title_case(title))
}

/// The first mixed-case printing of `title` in `text` that capitalises
/// its first word ("Pulp Fiction" for "PULP FICTION"; not "pulp fiction").
fn better_case_in(title: &str, text: &str) -> Option<String> {
    let first = title.split_whitespace().next()?;
    let needle: Vec<&str> = title.split_whitespace().collect();
    let mut from = 0;
    // Candidates start where the first word occurs in any case.
    let lower = text.to_ascii_lowercase();
    let first_lower = first.to_ascii_lowercase();
    while let Some(i) = lower[from..].find(&first_lower).map(|i| i + from) {
        from = i + first_lower.len().max(1);
        if !text.is_char_boundary(i) || text[..i].chars().next_back().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let mut words: Vec<&str> = text[i..].split_whitespace().take(needle.len()).collect();
        // The last word may carry the sentence's punctuation ("Fiction,").
        if let (Some(w), Some(n)) = (words.last_mut(), needle.last()) {
            if w.len() > n.len() && w.is_char_boundary(n.len()) && !w[n.len()..].chars().any(char::is_alphanumeric) {
                *w = &w[..n.len()];
            }
        }
        if words.len() != needle.len() || !words.iter().zip(&needle).all(|(w, n)| w.eq_ignore_ascii_case(n)) {
            continue;
        }
        let found = words.join(" ");
        let mixed = found.chars().any(char::is_lowercase);
        let capitalised = found.chars().next().is_some_and(|c| !c.is_lowercase());
        if mixed && capitalised && found.chars().filter(|c| c.is_uppercase()).count() >= 1 {
            return Some(found);
        }
    }
    None
}

/// Title case for a title printed in capitals: every word capitalised,
/// short words lower-case inside the title, Roman numerals and vowel-less
/// initialisms ("JFK", "TV") kept in capitals.
pub(crate) fn title_case(title: &str) -> String {
    const SMALL: &[&str] = &["a", "an", "the", "and", "but", "or", "nor", "for", "of", "at", "by", "in", "on", "to", "up", "as", "vs", "via", "from", "with", "into", "onto", "de", "la", "le", "du", "von", "van"];
    static ROMAN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$").expect("static regex"));
    let words: Vec<&str> = title.split(' ').collect();
    let mut out = Vec::with_capacity(words.len());
    let mut after_break = true;
    for (n, word) in words.iter().enumerate() {
        let last = n + 1 == words.len();
        let core: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
        let lower = core.to_lowercase();
        let cased = if core.is_empty() {
            (*word).to_owned()
        } else if ROMAN.is_match(&core) && !core.is_empty() && core != "I" || core == "I" {
            (*word).to_owned()
        } else if core.chars().all(|c| c.is_alphabetic()) && core.len() >= 2 && !core.chars().any(|c| "AEIOUY".contains(c)) {
            (*word).to_owned()
        } else if core.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            word.to_lowercase()
        } else if core.chars().any(|c| c.is_ascii_digit()) {
            (*word).to_owned()
        } else if !after_break && !last && SMALL.contains(&lower.as_str()) {
            word.to_lowercase()
        } else {
            capitalise(word)
        };
        after_break = word.ends_with([':', '-', '—', '.', '?', '!']);
        out.push(cased);
    }
    out.join(" ")
}

/// "SPIDER-MAN" → "Spider-Man", "O'NEIL" → "O'Neil", "PASCALI'S" → "Pascali's".
fn capitalise(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    let chars: Vec<char> = word.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphabetic() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            out.push(c);
            // A new part after a hyphen, or after a one-letter prefix and an
            // apostrophe ("O'Neil", "D'Artagnan"); not "Don't" or "Pascali's".
            let one_letter_before = i == 1 || i >= 2 && !chars[i - 2].is_alphabetic();
            let long_after = chars.get(i + 1..i + 3).is_some_and(|r| r.iter().all(|c| c.is_alphabetic()));
            start = c == '-' || c == '/' || (matches!(c, '\'' | '’') && one_letter_before && long_after) || !c.is_alphanumeric() && i == 0;
        }
    }
    out
}

/// Where `title` is first named in `text`, ignoring case, as whole words.
pub(crate) fn position_in(text: &str, title: &str) -> Option<usize> {
    let title = title.trim();
    if title.is_empty() {
        return None;
    }
    let hay = text.to_lowercase();
    let needle = title.to_lowercase();
    // Lower-casing keeps byte offsets for the ASCII text this is used on;
    // elsewhere the offset only orders candidates.
    hay.match_indices(&needle).map(|(i, _)| i).find(|&i| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Strips quotes, underscores, a trailing period and surrounding space.
pub(crate) fn clean_title(s: &str) -> Option<String> {
    let t = s
        .trim()
        .trim_matches(|c: char| matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '`' | '_' | '*' | '<' | '>' | '-' | ':' | ',' | '='))
        .trim();
    let t = t.strip_suffix('.').unwrap_or(t).trim();
    let t = t.trim_matches(|c: char| matches!(c, '"' | '“' | '”' | '`')).trim().replace('_', " ");
    let mut collapsed = t.split_whitespace().collect::<Vec<_>>().join(" ");
    // An index's inverted article: "Lady Confesses, The" is "The Lady Confesses".
    for article in [", The", ", A", ", An", ", THE", ", AN"] {
        if let Some(stem) = collapsed.strip_suffix(article).filter(|s| !s.is_empty()) {
            collapsed = format!("{} {stem}", &article[2..]);
            break;
        }
    }
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

    #[test]
    fn inverted_articles_and_trailing_credits() {
        assert_eq!(clean_title("Lady Confesses, The").as_deref(), Some("The Lady Confesses"));
        assert_eq!(find("Night Owls, starring Ann Lee, Bo Chen\n\nProse.\n").title.as_deref(), Some("Night Owls"));
    }

    #[test]
    fn capitals_become_title_case() {
        assert_eq!(title_case("THE LANTERN KEEPER"), "The Lantern Keeper");
        assert_eq!(title_case("MIDNIGHT AT THE AURORA"), "Midnight at the Aurora");
        assert_eq!(title_case("PSYCHO IV: THE BEGINNING"), "Psycho IV: The Beginning");
        assert_eq!(title_case("JFK"), "JFK");
        assert_eq!(title_case("SPIDER-MAN 2"), "Spider-Man 2");
        assert_eq!(title_case("PASCALI'S ISLAND"), "Pascali's Island");
        assert_eq!(title_case("THE MAN FROM O'NEIL COUNTY"), "The Man from O'Neil County");
        assert_eq!(title_case("FRIDAY THE 13TH"), "Friday the 13th");
        assert_eq!(title_case("WHAT IT IS ABOUT"), "What It Is About");
    }

    #[test]
    fn the_document_casing_wins() {
        assert_eq!(recase("PULP FICTION", "PULP FICTION\n\nIn Pulp Fiction, nobody is safe."), "Pulp Fiction");
        assert_eq!(recase("PULP FICTION", "PULP FICTION\n\npulp fiction is trash."), "Pulp Fiction");
        assert_eq!(recase("Pulp Fiction", "whatever"), "Pulp Fiction");
        assert_eq!(recase("eXistenZ", "whatever"), "eXistenZ");
    }

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
#[cfg(test)]
mod more_tests {
    use super::*;

    #[test]
    fn header_variants() {
        assert_eq!(find("Review:        Why Do Fools Fall In Love\n\nStarring:   Halle Berry\n").title.as_deref(), Some("Why Do Fools Fall In Love"));
        assert_eq!(find("REVIEW: Out of Sight\nBy Luke Buckmaster (someone@example.au)\n").title.as_deref(), Some("Out of Sight"));
        assert_eq!(find("Varsity_Blues\n\nProse.").title.as_deref(), Some("Varsity Blues"));
        assert_eq!(find("I WAS BORN, BUT... (UMARETE WA MITA KEREDO) (director/writer: Yasujiro\nOzu; cast: Hideo Sugawara)\n").title.as_deref(), Some("I WAS BORN, BUT.."));
        assert_eq!(find("April 8, 1998\n\nTen Movies That Shook Me\n\n").title.as_deref(), Some("Ten Movies That Shook Me"));
    }
}

#[cfg(test)]
mod aka_tests {
    use super::*;

    #[test]
    fn alternative_titles() {
        let head = find("\"THE DEEP WELL\" (aka \"DROWNING\") (USA, 1977)\n\nProse.\n");
        assert_eq!(head.title.as_deref(), Some("THE DEEP WELL"));
        assert_eq!(head.alt_titles, ["DROWNING"]);
        assert_eq!(head.year, Some(1977));
        let head = find("Autumn Fires: 20 Years On  (aka AF20)\n\nProse.\n");
        assert_eq!(head.alt_titles, ["AF20"]);
        assert!(find("Lantern Row (1999)\n\nProse.\n").sure);
        assert!(!find("Lantern Row\n\nProse goes here for a while.\n").sure);
    }
}
