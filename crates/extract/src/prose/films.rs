//! Other films a review names: ALL-CAPS titles in reviews that print titles
//! that way, quoted titles in reviews that quote them, and titles introduced
//! by the words around them ("in Georgia, a movie that", "his previous film,
//! X", "(see X)", "titled X").

use super::lexicon::{CAPS_STOP, is_caps_stop, is_stop};
use super::names::{People, key, likely_person};
use super::tokens::{Kind, Toks};

/// Words just before a quoted or capitalised title that make it something
/// other than a film.
const NOT_FILM_BEFORE: &[&str] = &["visit", "skit", "sketch", "commercial", "ad", "ads", "tv", "television", "series", "show", "shows", "sitcom",
                                   "song", "songs", "single", "album", "book", "novel", "play",
                                   "magazine", "newspaper", "article", "banner", "poem",
                                   "singing", "sings", "sang", "reading", "read", "band",
                                   "group", "headline", "episode", "cartoon", "comic", "strip",
                                   "tune", "hit", "says", "said", "asks", "asked", "quips",
                                   "tells", "told", "yells", "shouts", "announces", "called",
                                   "named", "nicknamed", "slogan", "motto", "line", "lines",
                                   "word", "words", "phrase", "company", "corporation"];
/// Words just after one that make it something other than a film.
const NOT_FILM_AFTER: &[&str] = &["style", "-style", "song", "songs", "theme", "album", "single",
                                  "tune", "series", "show", "episode", "magazine", "novel",
                                  "book", "character", "characters"];
/// Words an ALL-CAPS run does not end with.
const TRAILING: &[&str] = &["AND", "OR", "OF", "THE", "A", "AN", "TO", "IN", "ON", "WITH", "FOR",
                            "BUT", "IS", "AS", "AT", "BY"];
/// Small words a title keeps in lower case.
const TITLE_SMALL: &[&str] = &["of", "the", "a", "an", "and", "in", "on", "to", "with", "for",
                               "from", "at", "by", "or", "vs", "is"];
/// Nouns that say a title before them is a film ("Georgia, a movie that").
const FILM_NOUNS: &[&str] = &["movie", "film", "picture", "documentary", "thriller", "comedy",
                              "drama", "western", "musical", "feature", "sequel", "remake",
                              "classic", "effort", "flick", "epic", "romance", "cartoon"];

/// What a film mention must not be: the reviewed title, a person, a character.
pub(crate) struct Exclude<'a> {
    pub title: &'a str,
    pub people: &'a People,
    pub characters: &'a [String],
}

impl Exclude<'_> {
    fn rejects(&self, words: &[String]) -> bool {
        let k = key(&words.join(" "));
        if k.is_empty() || same_title(&k, self.title) {
            return true;
        }
        let title_cased: Vec<String> = words.iter().map(|w| title_case(w)).collect();
        self.people.is_credited(&title_cased)
            || likely_person(&title_cased)
            || self.characters.iter().any(|c| key(c) == k)
    }
}

/// Whether `k` (a key) is the reviewed title, with or without a leading article.
fn same_title(k: &str, title: &str) -> bool {
    let t = key(title);
    let strip = |s: &str| -> String {
        for a in ["the", "a", "an"] {
            if let Some(rest) = s.strip_prefix(a)
                && !rest.is_empty()
            {
                return rest.to_owned();
            }
        }
        s.to_owned()
    };
    k == t || strip(k) == strip(&t) || key(&strip_article_words(title)) == k
}

fn strip_article_words(title: &str) -> String {
    let mut words = title.split_whitespace();
    match words.next() {
        Some(w) if ["the", "a", "an"].contains(&w.to_lowercase().as_str()) => {
            words.collect::<Vec<_>>().join(" ")
        }
        _ => title.to_owned(),
    }
}

fn title_case(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut first = true;
    for c in w.chars() {
        if first {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        first = !c.is_alphanumeric();
        if c == '\'' || c == '’' {
            first = false;
        }
    }
    out
}

/// The films that `t` names, other than the one reviewed, in text order.
pub(crate) fn films(t: &Toks, ex: &Exclude) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        let k = key(&s);
        if !k.is_empty() && !out.iter().any(|o| key(o) == k) {
            out.push(s);
        }
    };
    let caps = caps_runs(t);
    let caps_mode = caps_mode(t, &caps, ex.title);
    if caps_mode {
        for run in &caps {
            if run.prose && !before_says_not_film(t, run.a) && !ex.rejects(&run.words)
                && (run.words.len() > 1 || run.words[0].chars().filter(|c| c.is_alphabetic()).count() >= 4)
            {
                push(run.words.join(" "));
            }
        }
    }
    let quoted = quoted_titles(t);
    let quote_mode = !caps_mode && quoted.iter().any(|q| same_title(&key(&q.words.join(" ")), ex.title));
    for q in &quoted {
        let film_before = q.a > 0 && t.is_any(q.a - 1, lex!(FILM_NOUNS));
        if (quote_mode || film_before) && !q.not_film && !ex.rejects(&q.words)
            && !part_of_title(&q.words, ex.title)
        {
            push(q.words.join(" "));
        }
    }
    for words in introduced_titles(t) {
        if !ex.rejects(&words) {
            push(words.join(" "));
        }
    }
    out
}

/// Whether every word is a word of the reviewed title ("Lethal 4" for
/// "Lethal Weapon 4"): a short form of it, not another film.
fn part_of_title(words: &[String], title: &str) -> bool {
    let title: Vec<String> = title.split_whitespace().map(key).collect();
    words.iter().all(|w| title.contains(&key(w)))
}

/// An ALL-CAPS run `a..b` and its words.
struct CapsRun {
    a: usize,
    words: Vec<String>,
    /// On a line of prose (one with lower-case letters) or a numbered list.
    prose: bool,
}

/// Token `k` is an ALL-CAPS word (or a one-letter capital, or digits inside a run).
fn caps_word(t: &Toks, k: usize, inside: bool) -> bool {
    if !t.is_word(k) {
        return false;
    }
    let s = t.s(k);
    t.toks[k].upper
        || (s.chars().count() == 1 && s.chars().all(char::is_uppercase)
            && !(t.is_p(k + 1, '.') && !inside))
        || (inside && s.chars().all(|c| c.is_ascii_digit()))
}

fn caps_runs(t: &Toks) -> Vec<CapsRun> {
    let mut runs = Vec::new();
    let mut k = 0;
    while k < t.len() {
        // "DELIVERANCE-inspired": the capitalised head of a hyphenated word.
        if t.is_word(k) && !t.toks[k].upper && t.s(k).contains('-') {
            let s = t.s(k);
            if let Some((head, tail)) = s.split_once('-')
                && head.chars().filter(|c| c.is_alphabetic()).count() >= 4
                && head.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
                && tail.starts_with(char::is_lowercase)
            {
                runs.push(CapsRun { a: k, words: vec![head.to_owned()], prose: prose_line(t, k) });
            }
            k += 1;
            continue;
        }
        if !caps_word(t, k, false) {
            k += 1;
            continue;
        }
        let a = k;
        let mut words: Vec<String> = vec![t.s(k).to_owned()];
        let mut j = k + 1;
        loop {
            // A run wraps onto the next line only from prose, and never into a list number.
            if j < t.len() && t.toks[j].line_start
                && (!prose_line(t, a) || t.s(j).starts_with(|c: char| c.is_ascii_digit()))
            {
                break;
            }
            if caps_word(t, j, true) {
                words.push(t.s(j).to_owned());
                j += 1;
            } else if (t.kind(j.min(t.len() - 1)) == Kind::Poss && j < t.len()
                && t.s(j).chars().any(char::is_uppercase))
                || (j < t.len() && t.kind(j) == Kind::Punct
                    && matches!(t.ch(j), '.' | ':' | '&' | '!' | '?' | '-')
                    && caps_word(t, j + 1, true)
                    && t.toks[j + 1].upper)
            {
                if let Some(last) = words.last_mut() {
                    last.push_str(t.s(j));
                }
                j += 1;
            } else {
                break;
            }
        }
        // A period right after the last word belongs to it when it is an abbreviation ("DR.").
        k = j;
        // Trim stop words at the ends ("AND", "OR", "OF") but keep a leading "THE"/"A".
        while words.len() > 1
            && words.last().is_some_and(|w| TRAILING.contains(&trim_p(w)))
        {
            words.pop();
        }
        // All layout words or acronyms: no title, unless an abbreviation
        // inside holds the words together ("DR. NO").
        let glued = words.len() > 1 && words[..words.len() - 1].iter().any(|w| w.ends_with('.'));
        if !glued
            && words.iter().all(|w| is_caps_stop(trim_p(w)) || w.chars().all(|c| !c.is_alphabetic()))
        {
            continue;
        }
        let mut words = words;
        if let Some(last) = words.last_mut() {
            *last = trim_p(last).to_owned();
        }
        runs.push(CapsRun { a, words, prose: prose_line(t, a) });
    }
    runs
}

fn trim_p(w: &str) -> &str {
    w.trim_end_matches(|c: char| !c.is_alphanumeric())
}

/// Whether token `k` stands on a line with lower-case letters, or on a
/// numbered list line ("3.  THUNDERBALL").
fn prose_line(t: &Toks, k: usize) -> bool {
    let start = t.text[..t.toks[k].start].rfind('\n').map_or(0, |i| i + 1);
    let end = t.text[t.toks[k].start..].find('\n').map_or(t.text.len(), |i| t.toks[k].start + i);
    let line = &t.text[start..end];
    let trimmed = line.trim_start();
    let numbered = trimmed.starts_with(|c: char| c.is_ascii_digit())
        && trimmed.trim_start_matches(|c: char| c.is_ascii_digit()).starts_with(['.', ')']);
    numbered || line.chars().filter(|c| c.is_lowercase()).count() >= 3
}

/// Whether the review prints titles in capitals: its own title in capitals
/// on a line of prose, or at least three capitalised titles.
fn caps_mode(t: &Toks, runs: &[CapsRun], title: &str) -> bool {
    if runs.iter().any(|r| r.prose && same_title(&key(&r.words.join(" ")), title)) {
        return true;
    }
    runs.iter()
        .filter(|r| r.prose && !before_says_not_film(t, r.a)
                && r.words.iter().filter(|w| !CAPS_STOP.contains(&w.as_str())).count() >= 1
                && r.words.iter().map(|w| w.chars().filter(|c| c.is_alphabetic()).count())
                    .sum::<usize>() >= 5)
        .count() >= 3
}

/// Whether the two words before token `a` say it is not a film ("TV show,").
fn before_says_not_film(t: &Toks, a: usize) -> bool {
    (a.saturating_sub(4)..a).any(|j| t.is_any(j, lex!(NOT_FILM_BEFORE)))
}

/// A quoted span `a..b` (the quote marks at `a - 1` and `b`) that reads as a title.
struct Quoted {
    a: usize,
    words: Vec<String>,
    not_film: bool,
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '`' | '\'')
}

fn closes(open: char, c: char) -> bool {
    match open {
        '"' => c == '"',
        '“' => c == '”' || c == '"',
        '‘' | '`' | '\'' => c == '’' || c == '\'',
        _ => false,
    }
}

fn quoted_titles(t: &Toks) -> Vec<Quoted> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < t.len() {
        if !(t.kind(k) == Kind::Punct && is_open_quote(t.ch(k))) {
            k += 1;
            continue;
        }
        let open = t.ch(k);
        // An opening quote is followed directly by its first word.
        if !t.is_word(k + 1) || t.toks[k + 1].start != t.toks[k].end {
            k += 1;
            continue;
        }
        let Some(close) = (k + 1..t.len().min(k + 25))
            .take_while(|&j| t.kind(j) != Kind::Break)
            .find(|&j| t.kind(j) == Kind::Punct && closes(open, t.ch(j)) && j > k + 1)
        else {
            k += 1;
            continue;
        };
        if let Some(words) = title_words(t, k + 1, close) {
            let not_film = before_says_not_film(t, k)
                || t.is_any(close + 1, lex!(NOT_FILM_AFTER))
                || (t.is_p(close + 1, '-') && t.is_any(close + 2, lex!(NOT_FILM_AFTER)));
            out.push(Quoted { a: k, words, not_film });
        }
        k = close + 1;
    }
    out
}

/// The words of tokens `a..b` if they read as a title: a capital or a digit
/// first, every other word capitalised or a small word, at most ten words,
/// trailing punctuation dropped.
fn title_words(t: &Toks, a: usize, b: usize) -> Option<Vec<String>> {
    let mut b = b;
    while b > a && t.kind(b - 1) == Kind::Punct && matches!(t.ch(b - 1), ',' | '.' | '!' | '?' | ';') {
        b -= 1;
    }
    if b <= a || !t.is_word(a) {
        return None;
    }
    let first = t.s(a);
    if !(first.starts_with(char::is_uppercase) || first.starts_with(|c: char| c.is_ascii_digit())) {
        return None;
    }
    let mut words: Vec<String> = Vec::new();
    for k in a..b {
        match t.kind(k) {
            Kind::Word => {
                let s = t.s(k);
                let ok = s.starts_with(char::is_uppercase)
                    || s.starts_with(|c: char| c.is_ascii_digit())
                    || TITLE_SMALL.contains(&s);
                if !ok {
                    return None;
                }
                words.push(s.to_owned());
            }
            Kind::Poss => {
                if let Some(last) = words.last_mut() {
                    last.push_str(t.s(k));
                }
            }
            Kind::Punct if matches!(t.ch(k), ':' | ',' | '&' | '.' | '!' | '?' | '-') => {
                if let Some(last) = words.last_mut() {
                    last.push_str(t.s(k));
                }
            }
            _ => return None,
        }
    }
    if words.is_empty() || words.len() > 10 {
        return None;
    }
    // "Hey, Martha": a greeting or a cry, not a title.
    let first = &words[0];
    if words.len() > 1 && first.ends_with(',') {
        return None;
    }
    // A lone stop word ("The", "Why") is no title.
    if words.len() == 1 && is_stop(trim_p(&words[0])) {
        return None;
    }
    let words: Vec<String> = words.iter().map(|w| trim_p(w).to_owned()).collect();
    if words.iter().all(|w| is_stop(w) || TITLE_SMALL.contains(&w.as_str())) {
        return None;
    }
    Some(words)
}

/// A title-case run starting at token `k`: capitalised words and digits,
/// with small words between them, at most eight words.
fn title_run_at(t: &Toks, k: usize) -> Option<(usize, Vec<String>)> {
    if !t.is_word(k) || !(t.toks[k].cap || t.s(k).starts_with(|c: char| c.is_ascii_digit())) {
        return None;
    }
    let mut words = vec![t.s(k).to_owned()];
    let mut j = k + 1;
    let mut end = j;
    while j < t.len() && words.len() < 8 {
        if t.is_word(j) && (t.toks[j].cap || t.s(j).starts_with(|c: char| c.is_ascii_digit())) {
            words.push(t.s(j).to_owned());
            j += 1;
            end = j;
        } else if t.is_word(j) && TITLE_SMALL.contains(&t.s(j)) && t.is_word(j + 1) && t.toks[j + 1].cap {
            words.push(t.s(j).to_owned());
            j += 1;
        } else if t.is_p(j, ':') && t.is_word(j + 1) && t.toks[j + 1].cap {
            if let Some(last) = words.last_mut() {
                last.push(':');
            }
            j += 1;
        } else {
            break;
        }
    }
    // Drop small words left dangling at the end.
    let keep = words.len() - (j - end).min(words.len() - 1);
    words.truncate(keep);
    if words.len() == 1 && is_stop(&words[0]) {
        return None;
    }
    Some((end, words))
}

/// The title-case run that ends just before token `end` (reading back at
/// most eight words), for "in Georgia, a movie that".
fn title_run_before(t: &Toks, end: usize) -> Option<Vec<String>> {
    let mut a = end;
    while a > 0 && end - a < 8 {
        let k = a - 1;
        if t.is_word(k) && (t.toks[k].cap || t.s(k).starts_with(|c: char| c.is_ascii_digit())) {
            a = k;
        } else if t.is_word(k) && TITLE_SMALL.contains(&t.s(k)) && a < end {
            a = k;
        } else {
            break;
        }
    }
    while a < end && t.is_word(a) && (TITLE_SMALL.contains(&t.s(a)) || is_stop(t.s(a))) && !t.toks[a].cap {
        a += 1;
    }
    if a >= end || t.toks[a].sent_start && end - a == 1 {
        return None;
    }
    let (_, words) = title_run_at(t, a)?;
    Some(words)
}

/// Titles the surrounding words introduce.
fn introduced_titles(t: &Toks) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for k in 0..t.len() {
        // "in Georgia, a movie that ...": a title, a comma, an article and a film noun.
        if t.is_p(k, ',') && t.is_any(k + 1, lex!(&["a", "an"])) {
            let mut j = k + 2;
            while (t.is_lower(j) || (t.is_word(j) && t.s(j).chars().all(|c| c.is_ascii_digit())))
                && !t.is_any(j, lex!(FILM_NOUNS)) && j < k + 5
            {
                j += 1;
            }
            if t.is_any(j, lex!(FILM_NOUNS)) && k > 1 && t.is_word(k - 1) && t.toks[k - 1].cap {
                if let Some(words) = title_run_before(t, k) {
                    let start_ok = t.is_any(k - words.len() - 1, lex!(&["in", "like", "of", "from",
                                                                   "than", "with", "and"]));
                    if start_ok {
                        out.push(words);
                    }
                }
            }
        }
        // "his previous film, X", "Reynold's new classic, X", "(see X)", "titled X".
        let after = if t.is_any(k, lex!(FILM_NOUNS)) && t.is_lower(k) && k > 0
            && (t.is_any(k - 1, lex!(&["previous", "last", "latest", "earlier", "next", "new", "first",
                                  "own", "debut", "recent", "current"]))
                || t.kind(k - 1) == Kind::Poss)
        {
            if t.is_p(k + 1, ',') || t.is_p(k + 1, ':') { Some(k + 2) } else { Some(k + 1) }
        } else if t.is_w(k, "own") && k > 0
            && (t.is_any(k - 1, lex!(&["his", "her", "their"])) || t.kind(k - 1) == Kind::Poss)
        {
            Some(k + 1)
        } else if (t.is_w(k, "see") && k > 0 && t.is_p(k - 1, '('))
            || t.is_any(k, lex!(&["titled", "entitled"]))
        {
            Some(k + 1)
        } else {
            None
        };
        if let Some(j) = after
            && let Some((end, words)) = title_run_at(t, j)
            && !t.toks[j].upper
            && (end >= t.len() || !t.is_word(end) || !t.toks[end].cap)
        {
            out.push(words);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prose::names::{name_run, person_shaped};

    fn check(text: &str, title: &str) -> Vec<String> {
        let t = Toks::new(text);
        let mut people = People::default();
        for k in 0..t.len() {
            if let Some(r) = name_run(&t, k)
                && person_shaped(&r.words)
            {
                people.add_seen(&r.text());
            }
        }
        people.add("Dale Rusk");
        films(&t, &Exclude { title, people: &people, characters: &[] })
    }

    #[test]
    fn capitals_when_the_review_prints_its_title_so() {
        let text = "Little did I know that SEA OF GLASS would top KINGPIN, and RUSK \
                    (as in DALE RUSK) is no help. Like a gay BIG CHILL, or DR. NO with \
                    MINOR SPOILERS, or the FBI and a DELIVERANCE-inspired scene.\n\
                    TOP TEN LIST\n 1.  FROM RUSSIA WITH LOVE\n 2.  SEA OF GLASS\n";
        assert_eq!(check(text, "Sea of Glass"),
                   ["KINGPIN", "BIG CHILL", "DR. NO", "DELIVERANCE", "FROM RUSSIA WITH LOVE"]);
    }

    #[test]
    fn capitals_as_emphasis_are_no_films() {
        let text = "The bar is a startling HALO drop, and we KNOW it. The BAD guy wins.";
        assert!(check(text, "Bar Story").is_empty());
    }

    #[test]
    fn capitals_after_tv_are_no_films() {
        let text = "BLUE MOON reminds me of the British TV show, THE HOUSE OF ELM, and of \
                    TV shows (THE MARY SHOW) more than of STONE AGE or RED DAWN.";
        assert_eq!(check(text, "Blue Moon"), ["STONE AGE", "RED DAWN"]);
    }

    #[test]
    fn quoted_titles_when_the_review_quotes_its_own() {
        let text = "Now we have \"Blue Moon,\" which does to westerns what \"Roller Disco\" \
                    did to disco. \"Dear me,\" he says. It has a \"Family\"-style plot and \
                    a song, \"Hello Sun\". He sings `The Star Banner.' It steals from \
                    \"Alien,\" \"The Abyss\" and \"Sphere\".";
        assert_eq!(check(text, "Blue Moon"), ["Roller Disco", "Alien", "The Abyss", "Sphere"]);
    }

    #[test]
    fn quoted_titles_without_quote_mode_need_a_film_word() {
        let text = "Blue Moon is fine. It recalls the movie \"Red Sky\" and a \"Long Ears\" tribe.";
        assert_eq!(check(text, "Blue Moon"), ["Red Sky"]);
    }

    #[test]
    fn titles_introduced_by_their_context() {
        let text = "She recalls a character in Marsh Lights, a movie that chose \
                    otherwise. Bruckheimer remakes his own Flashdance here. Compare \
                    Reynold's new classic, Boogie Nights, for fun (see Forrest Gump). \
                    He wrote a film titled Chubby Rain last year. He came from Georgia, \
                    a state.";
        assert_eq!(check(text, "Blue Moon"),
                   ["Marsh Lights", "Flashdance", "Boogie Nights", "Forrest Gump", "Chubby Rain"]);
    }
}
