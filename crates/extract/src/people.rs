//! Lists of people in credit values: "A, B and C", "Name (Character)",
//! "Name as Character", "Name ....... Character", one per line in tables.

use std::sync::LazyLock;

use regex::Regex;

/// One entry of a credit list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Credit {
    pub name: String,
    pub character: Option<String>,
}

/// Splits a credit value into people. Entries that do not look like a
/// person's name (companies, phrases, "et al.") are dropped.
pub(crate) fn parse_list(value: &str) -> Vec<Credit> {
    let value = cut_tail(value);
    let raw_lines: Vec<&str> = value.lines().collect();
    // Continuation lines set in under the first, or a label alone on its
    // line, make a column of entries; flush-left lines are wrapped text.
    let column = raw_lines.first().is_some_and(|l| l.trim().is_empty())
        || raw_lines.len() >= 2 && raw_lines[1..].iter().all(|l| l.trim().is_empty() || l.starts_with([' ', '\t']));
    let lines: Vec<&str> = raw_lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
    // A table: one person per line, name and character apart.
    // A table, or one person per line: no commas, and each line a whole entry.
    let tabular = lines.len() >= 2
        && lines.iter().all(|l| !l.contains(','))
        && (lines.iter().filter(|l| is_table_row(l)).count() * 2 >= lines.len()
            || column && lines.iter().all(|l| entry(l).is_some() && !l.ends_with(" and"))
            || lines.iter().all(|l| l.ends_with(')') && !l.contains('/') && entry(l).is_some()));
    let items: Vec<String> = if tabular {
        lines.iter().map(|l| (*l).to_owned()).collect()
    } else {
        split_top(&lines.join(" "))
    };
    items.iter().filter_map(|item| entry(item)).collect()
}

/// Drops what follows the list proper: "based on the novel by ...", "et al.".
fn cut_tail(value: &str) -> &str {
    static TAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:[,;(]?\s*\b(?:based\s+(?:on|upon)|adapted\s+from|from\s+(?:the|a|an)\s+(?:novel|book|story|play|short|comic|graphic|memoir|article|musical|screenplay|characters)|of\s+novel|from\s+(?:his|her|their)\s+|suggested\s+by|inspired\s+by|et\s+al|and\s+others|among\s+others|in\s+association|with\s+the\s+voices?)\b|\s(?:for|at)\s+(?-i:[A-Z])|\bet\s+al\.?|\betc\b\.?).*$")
            .expect("static regex")
    });
    match TAIL.find(value) {
        Some(m) => &value[..m.start()],
        None => value,
    }
}

fn is_table_row(line: &str) -> bool {
    line.contains("..") || line.contains('\t') || line.contains("   ") || line.contains(" as ") || line.contains(" - ")
}

/// Splits at commas, semicolons, slashes, "&" and "and" outside parentheses.
fn split_top(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ => {}
        }
        if depth <= 0 && matches!(c, ',' | ';' | '&' | '/') {
            // "Sammy Davis, Jr." keeps its suffix.
            let rest: String = chars[i + 1..].iter().take(6).collect();
            let rest = rest.trim_start();
            if c == ',' && (rest.starts_with("Jr") || rest.starts_with("Sr") || rest.starts_with("III") || rest.starts_with("II")) {
                cur.push(c);
                i += 1;
                continue;
            }
            out.push(std::mem::take(&mut cur));
            i += 1;
            continue;
        }
        if depth <= 0 && c == ' ' {
            let rest: String = chars[i..].iter().take(5).collect();
            if rest == " and " || rest.to_ascii_lowercase() == " and " {
                out.push(std::mem::take(&mut cur));
                i += 5;
                continue;
            }
        }
        cur.push(c);
        i += 1;
    }
    out.push(cur);
    out.into_iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect()
}

/// One entry: a name and, when paired, the character.
fn entry(item: &str) -> Option<Credit> {
    let item = item
        .trim()
        .trim_start_matches(|c: char| matches!(c, '-' | '*' | '•' | ':' | '"' | '\''))
        .trim_end_matches(|c: char| matches!(c, ',' | ';' | ':' | '"' | '\''))
        .trim();
    static PAREN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?P<name>[^()]+?)\s*\((?P<ch>[^()]*)\)\s*(?P<rest>.*)$").expect("static regex"));
    static AS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?P<name>.+?)(?:\s+as\s+|\s*\.{2,}\s*|\t+|\s{3,}|\s+-{1,2}\s+|\s+\.\s+)(?P<ch>.+)$").expect("static regex")
    });
    let (name, character) = if let Some(c) = PAREN.captures(item) {
        let rest = c.name("rest").map_or("", |m| m.as_str()).trim();
        if !rest.is_empty() && !rest.starts_with(['.', ',']) {
            return None;
        }
        (c["name"].to_owned(), character(&c["ch"]))
    } else if let Some(c) = AS.captures(item) {
        (c["name"].to_owned(), character(&c["ch"]))
    } else {
        (item.to_owned(), None)
    };
    let name = clean_name(&name)?;
    Some(Credit { name, character })
}

/// The character of a pairing, or `None` for an unnamed role or a note.
fn character(s: &str) -> Option<String> {
    let s = s.trim().trim_matches(|c: char| matches!(c, '"' | '\'' | '.' | ',' | ' '));
    let s = s
        .strip_prefix("voice of ")
        .or_else(|| s.strip_prefix("the voice of "))
        .or_else(|| s.strip_prefix("voice: "))
        .or_else(|| s.strip_prefix("as "))
        .unwrap_or(s)
        .trim();
    if s.is_empty() || s.len() > 60 {
        return None;
    }
    // Notes in parentheses are not characters: "(uncredited)", "(voice)", "(1999)".
    let lower = s.to_lowercase();
    if ["uncredited", "voice", "cameo", "narrator's voice", "himself", "herself", "themselves"].contains(&lower.as_str())
        || s.chars().all(|c| c.is_ascii_digit())
        || !s.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        return None;
    }
    Some(s.to_owned())
}

/// Words that never name a person: company suffixes, placeholders.
const NOT_PEOPLE: &[&str] = &[
    "pictures", "picture", "films", "film", "entertainment", "productions", "production", "studios", "studio",
    "inc", "ltd", "llc", "corp", "corporation", "company", "co", "releasing", "distribution", "bros", "brothers",
    "fox", "century", "classics", "features", "media", "group", "television", "tv", "network", "records",
    "various", "unknown", "none", "n/a", "tba", "others", "cast", "the", "a", "an", "of", "in", "who",
    "starring", "directed", "written", "produced", "screenplay", "music", "rated", "running", "minutes",
    "mpaa", "review", "reviewed", "grade", "rating", "length", "runtime", "writer", "director", "producer", "copyright", "novel", "story", "book", "play", "it", "this", "his", "her",
    "their", "my", "is", "was", "are", "and", "with", "by", "from", "for", "on", "at", "to", "as",
    "dreamworks", "miramax", "paramount", "universal", "columbia", "warner", "disney", "mgm", "tristar",
    "orion", "newline", "gramercy", "touchstone", "lionsgate", "artisan", "castle", "rock", "centropolis",
];

/// Lowercase particles that may sit inside a name.
const PARTICLES: &[&str] =
    &["de", "da", "del", "della", "der", "den", "van", "von", "le", "la", "du", "di", "dos", "das", "bin", "al", "el", "y", "ten", "ter", "st.", "d'", "mc"];

/// Cleans and checks a name: 1 to 6 words, each capitalised (or an
/// initial, a particle or a suffix), no digits, not a company.
pub(crate) fn clean_name(raw: &str) -> Option<String> {
    let s = raw
        .trim()
        .trim_matches(|c: char| matches!(c, '"' | '\'' | '`' | '.' | ',' | ';' | ':' | '-' | '*' | '(' | ')'))
        .trim();
    // Keep a trailing period that belongs to an initial or a suffix ("Jr.").
    let s = if raw.trim().ends_with('.') && (s.ends_with("Jr") || s.ends_with("Sr") || s.rsplit(' ').next().is_some_and(|w| w.len() == 1)) {
        format!("{s}.")
    } else {
        s.to_owned()
    };
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return None;
    }
    if s.chars().any(|c| c.is_ascii_digit() || matches!(c, '@' | '<' | '>' | '=' | '!' | '?' | '_' | '#' | '+')) {
        return None;
    }
    let mut capitals = 0;
    for w in &words {
        let lower = w.to_lowercase();
        let bare = lower.trim_end_matches(['.', ',']);
        let initial = w.len() <= 2 && w.ends_with('.');
        if !initial && NOT_PEOPLE.contains(&bare) && !(words.len() >= 2 && matches!(bare, "rock" | "castle" | "fox" | "co" | "la" | "al")) {
            return None;
        }
        let first = w.chars().next()?;
        if first.is_uppercase() {
            capitals += 1;
        } else if PARTICLES.contains(&bare) || PARTICLES.contains(&lower.as_str()) {
        } else {
            return None;
        }
    }
    if capitals == 0 {
        return None;
    }
    Some(words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &str) -> Vec<(String, Option<String>)> {
        parse_list(v).into_iter().map(|c| (c.name, c.character)).collect()
    }

    fn plain(v: &[&str]) -> Vec<(String, Option<String>)> {
        v.iter().map(|n| (n.to_string(), None)).collect()
    }

    #[test]
    fn comma_and_lists() {
        assert_eq!(
            names("Kate Capshaw, Blythe Danner, Ellen DeGeneres and Gloria Stuart"),
            plain(&["Kate Capshaw", "Blythe Danner", "Ellen DeGeneres", "Gloria Stuart"])
        );
        assert_eq!(names("Dean Devlin & Roland Emmerich"), plain(&["Dean Devlin", "Roland Emmerich"]));
        assert_eq!(names("Sammy Davis Jr., Catherine Bach"), plain(&["Sammy Davis Jr.", "Catherine Bach"]));
        assert_eq!(names("John Gatins and W. Peter Iliff"), plain(&["John Gatins", "W. Peter Iliff"]));
        assert_eq!(names("Jean-Claude Van Damme, Aki Kaurism{ki"), plain(&["Jean-Claude Van Damme", "Aki Kaurism{ki"]));
    }

    #[test]
    fn characters_in_parentheses_and_tables() {
        assert_eq!(
            names("Jeff Bridges (Michael Faraday), Tim Robbins (Oliver Lang), et al."),
            vec![
                ("Jeff Bridges".into(), Some("Michael Faraday".into())),
                ("Tim Robbins".into(), Some("Oliver Lang".into()))
            ]
        );
        assert_eq!(
            names("Christine Cavanaugh (voice of Babe), James Cromwell (Farmer Hoggett)"),
            vec![("Christine Cavanaugh".into(), Some("Babe".into())), ("James Cromwell".into(), Some("Farmer Hoggett".into()))]
        );
        assert_eq!(
            names("Lauren Holly as Darian Smalls\nUma Thurman as Andera"),
            vec![("Lauren Holly".into(), Some("Darian Smalls".into())), ("Uma Thurman".into(), Some("Andera".into()))]
        );
        assert_eq!(
            names("Mel Gibson ........ Martin Riggs\nDanny Glover ...... Roger Murtaugh"),
            vec![("Mel Gibson".into(), Some("Martin Riggs".into())), ("Danny Glover".into(), Some("Roger Murtaugh".into()))]
        );
    }

    #[test]
    fn tails_and_companies_are_dropped() {
        assert_eq!(names("Claude Chabrol and Caroline Eliacheff based on the novel by Ruth Rendell"), plain(&["Claude Chabrol", "Caroline Eliacheff"]));
        assert_eq!(names("Maria Maggenti of Novel by Cathleen Schine"), plain(&["Maria Maggenti"]));
        assert_eq!(names("Sarah Pillsbury and Kate Capshaw at\nDreamworks/Sanford-Pillsbury"), plain(&["Sarah Pillsbury", "Kate Capshaw"]));
        assert_eq!(names("20th Century Fox / Centropolis Entertainment"), plain(&[]));
        assert_eq!(names("the usual suspects"), plain(&[]));
    }
}
