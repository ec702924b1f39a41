//! Where the film plays ("Playing at: ...") and dated happenings around it
//! (a Q&A after a screening, a premiere, a festival screening).

use std::sync::LazyLock;

use marquee_model::Event;
use regex::Regex;

use super::lexicon::{is_stop, is_weekday, month_number};
use super::names::{People, key, likely_person, name_run};
use super::tokens::{Toks, collapse};

static VENUE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    // Invariant: a literal pattern that compiles.
    Regex::new(r"(?im)^[ \t]*(?:now\s+)?(?:playing|showing|screening|opens|opening)(?:\s+\w+)?\s+at\s*:?\s*(.+?)\s*$")
        .expect("valid regex")
});
static VENUE_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    // "in a Boston movie theater, the Charles." / "plays at the Ritz Five".
    Regex::new(r"\b(?:theater|theatre|cinema|movie\s+house|arthouse|art\s+house),\s+(the\s+[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){0,3})|\b(?:plays|playing|opens|showing|screens|shows)\s+(?:exclusively\s+|only\s+|today\s+|tonight\s+)?at\s+((?:the\s+)?[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){0,3})")
        .expect("valid regex")
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?|\b(\d{1,2})(?:st|nd|rd|th)?\s+of\s+(January|February|March|April|May|June|July|August|September|October|November|December)\b")
        .expect("valid regex")
});
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})(?:[:.](\d{2}))?\s*(a\.m\.|p\.m\.|am\b|pm\b)|\b(noon|midnight)\b")
        .expect("valid regex")
});

/// Venues printed on a "Playing at:" line or named as where the film plays.
pub(crate) fn venues(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |v: &str| {
        let v = collapse(v.trim().trim_end_matches(['.', ',', ';']));
        if !v.is_empty() && v.len() < 80 && !out.iter().any(|o| key(o) == key(&v)) {
            out.push(v);
        }
    };
    for c in VENUE_LINE.captures_iter(text) {
        for part in c[1].split(';') {
            push(part);
        }
    }
    for c in VENUE_PROSE.captures_iter(text) {
        if let Some(m) = c.get(1).or_else(|| c.get(2)) {
            let v = m.as_str();
            // Not a day, a month or a time ("opens at Christmas" aside).
            let first = v.trim_start_matches("the ").split_whitespace().next().unwrap_or("");
            if !is_weekday(first) && month_number(first).is_none() && !is_stop(first) {
                push(v);
            }
        }
    }
    out
}

/// The event kinds, most specific first, with the words that announce them.
const KINDS: &[(&str, &[&str])] = &[
    ("Q&A", &["q&a", "q & a", "question-and-answer", "questions and answers"]),
    ("introduction", &["introduce", "introduces", "will introduce", "in person"]),
    ("discussion", &["discussion", "panel", "conversation with", "talkback"]),
    ("premiere", &["premiere", "premieres", "gala"]),
    ("festival screening", &["festival"]),
    ("screening", &["screening", "screens", "sneak preview", "advance screening"]),
];

/// Dated happenings: a sentence with an event word and a month and day.
/// `published` (`YYYY-MM-DD`) supplies the year when the sentence has none.
pub(crate) fn events(t: &Toks, people: &People, title: &str, published: Option<&str>)
    -> Vec<Event>
{
    let mut out: Vec<Event> = Vec::new();
    for m in DATE.captures_iter(t.text) {
        let whole = m.get(0).map_or(0..0, |g| g.range());
        let (month, day, year) = if let Some(mo) = m.get(1) {
            (month_number(mo.as_str()), m.get(2).and_then(|d| d.as_str().parse::<u32>().ok()),
             m.get(3).map(|y| y.as_str().to_owned()))
        } else {
            (m.get(5).and_then(|mo| month_number(mo.as_str())),
             m.get(4).and_then(|d| d.as_str().parse::<u32>().ok()), None)
        };
        let (Some(month), Some(day)) = (month, day) else { continue };
        if !(1..=31).contains(&day) {
            continue;
        }
        let Some((sa, sb)) = sentence_around(t, whole.start) else { continue };
        let sentence = &t.text[t.toks[sa].start..t.toks[sb - 1].end];
        let lower = sentence.to_lowercase();
        let Some(kind) = KINDS.iter()
            .find(|(_, words)| words.iter().any(|w| contains_word(&lower, w)))
            .map(|(k, _)| *k)
        else {
            continue;
        };
        let year = year.or_else(|| published.and_then(|p| p.get(..4)).map(str::to_owned));
        let date = match year {
            Some(y) => format!("{y}-{month:02}-{day:02}"),
            None => format!("--{month:02}-{day:02}"),
        };
        let time = TIME.captures(sentence).and_then(|c| time_of(&c));
        let venue = venue_in(t, sa, sb);
        let participants = participants(t, people, title, sa, sb, venue.as_deref());
        if out.iter().any(|e| e.date.as_deref() == Some(date.as_str()) && e.kind == kind) {
            continue;
        }
        out.push(Event { kind: kind.to_owned(), date: Some(date), time, venue, participants });
    }
    out
}

fn contains_word(hay: &str, w: &str) -> bool {
    hay.match_indices(w).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + w.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// The token range of the sentence that holds byte `at`.
fn sentence_around(t: &Toks, at: usize) -> Option<(usize, usize)> {
    let k = t.toks.iter().position(|tok| tok.end > at)?;
    let mut a = k;
    while a > 0 && !t.toks[a].sent_start {
        a -= 1;
    }
    let mut b = k + 1;
    while b < t.len() && !t.toks[b].sent_start && t.kind(b) != super::tokens::Kind::Break {
        b += 1;
    }
    Some((a, b))
}

fn time_of(c: &regex::Captures) -> Option<String> {
    if let Some(w) = c.get(4) {
        return Some(if w.as_str().eq_ignore_ascii_case("noon") { "12:00" } else { "00:00" }.into());
    }
    let mut h: u32 = c.get(1)?.as_str().parse().ok()?;
    let m: u32 = c.get(2).map_or(Some(0), |m| m.as_str().parse().ok())?;
    let pm = c.get(3)?.as_str().to_lowercase().starts_with('p');
    if h == 0 || h > 12 || m > 59 {
        return None;
    }
    if pm && h != 12 {
        h += 12;
    } else if !pm && h == 12 {
        h = 0;
    }
    Some(format!("{h:02}:{m:02}"))
}

/// The place after "at (the)" in tokens `a..b`: capitalised words, not a day,
/// a month or a time.
fn venue_in(t: &Toks, a: usize, b: usize) -> Option<String> {
    for k in a..b {
        if !t.is_w(k, "at") {
            continue;
        }
        let mut i = k + 1;
        if t.is_w(i, "the") {
            i += 1;
        }
        let start = i;
        while i < b && t.is_word(i) && (t.toks[i].cap || (t.is_any(i, lex!(&["of", "on"])) && i > start))
            && !is_weekday(t.s(i)) && month_number(t.s(i)).is_none()
        {
            i += 1;
        }
        while i > start && t.is_any(i - 1, lex!(&["of", "on"])) {
            i -= 1;
        }
        if i > start && !is_stop(t.s(start)) {
            return Some(t.span(start, i));
        }
    }
    None
}

/// The people a sentence names, as full names, in order.
fn participants(t: &Toks, people: &People, title: &str, a: usize, b: usize,
                venue: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut k = a;
    while k < b {
        let Some(run) = name_run(t, k) else {
            k += 1;
            continue;
        };
        k = run.b.max(k + 1);
        let name = match people.resolve(&run.words) {
            Some(f) => f,
            None if likely_person(&run.words) => run.text(),
            None => continue,
        };
        let nk = key(&name);
        if nk == key(title) || venue.is_some_and(|v| key(v).contains(&nk)) {
            continue;
        }
        if !out.iter().any(|o| key(o) == nk) {
            out.push(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn venue_lines_and_prose() {
        assert_eq!(venues("Rated R.\nPlaying at: Film Club at the Rialto\n"),
                   ["Film Club at the Rialto"]);
        assert_eq!(venues("Now showing at: Ritz Five; Bryn Cinema 6.\n"), ["Ritz Five", "Bryn Cinema 6"]);
        assert_eq!(venues("In Boston it plays in a big movie theater, the Charles.  At 9 it was empty."),
                   ["the Charles"]);
        assert_eq!(venues("It opens at the Ritz East and plays at Christmas."), ["the Ritz East"]);
        assert!(venues("He was playing at being a cop.").is_empty());
    }

    fn check(text: &str, credited: &[&str], published: Option<&str>) -> Vec<Event> {
        let t = Toks::new(text);
        let mut people = People::default();
        for c in credited {
            people.add(c);
        }
        events(&t, &people, "Night Owls", published)
    }

    #[test]
    fn a_q_and_a_with_time_venue_and_people() {
        let e = check("It is fine. Vale will join Pell for a Q&A after the screening of Night \
                       Owls at the Lantern Film Center at 6:30 p.m. Saturday, April 27. Go.",
                      &["Nina Vale", "Ada Ross Pell"], None);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].kind, "Q&A");
        assert_eq!(e[0].date.as_deref(), Some("--04-27"));
        assert_eq!(e[0].time.as_deref(), Some("18:30"));
        assert_eq!(e[0].venue.as_deref(), Some("Lantern Film Center"));
        assert_eq!(e[0].participants, ["Nina Vale", "Ada Ross Pell"]);
    }

    #[test]
    fn the_year_comes_from_the_text_or_the_publication() {
        let e = check("The premiere is on June 3, 2019 at the Grand Lake at 8 pm.", &[], None);
        assert_eq!(e[0].kind, "premiere");
        assert_eq!(e[0].date.as_deref(), Some("2019-06-03"));
        assert_eq!(e[0].time.as_deref(), Some("20:00"));
        let e = check("Director Dana Tan introduces the film on Oct. 9 at noon.", &[],
                      Some("2021-10-01"));
        assert_eq!(e[0].kind, "introduction");
        assert_eq!(e[0].date.as_deref(), Some("2021-10-09"));
        assert_eq!(e[0].time.as_deref(), Some("12:00"));
        assert_eq!(e[0].participants, ["Dana Tan"]);
    }

    #[test]
    fn dates_without_event_words_are_no_events() {
        assert!(check("The film opened on May 5 and was seen by June 30.", &[], None).is_empty());
        assert!(check("We had a discussion about it later.", &[], None).is_empty());
    }
}
