//! Credit blocks: the labelled lines and sentences where critics print who
//! made the film ("Director: ...", "Directed by ...", "Cast: A (Char), B",
//! "(director: ...; cast: ...)", aligned tables, Variety's "Crew:" block).
//!
//! A paragraph is read as a block when it holds a labelled line ("Label:
//! value", "Label ..... value", "Label    value") or at least two credit
//! phrases; a single "directed by" inside prose is left to the prose reader.

use std::ops::Range;
use std::sync::LazyLock;

use marquee_model::Certificate;
use regex::Regex;

use crate::people::{self, Credit};
use crate::{certificate, runtime};

/// What a label introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Director,
    Writer,
    WriterDirector,
    WriterProducer,
    DirectorProducer,
    Producer,
    Cast,
    Distributor,
    Runtime,
    Certificate,
    Title,
    /// "Also known as", "Original title": another title of the same film.
    AltTitle,
    Year,
    /// A label whose value we do not keep (music, editing, executive producer),
    /// known so that it ends the value before it.
    Other,
}

/// What the credit blocks of a text state.
#[derive(Debug, Default, Clone)]
pub(crate) struct Credits {
    pub directors: Vec<String>,
    pub writers: Vec<String>,
    pub producers: Vec<String>,
    pub cast: Vec<Credit>,
    pub distributor: Option<String>,
    pub runtime: Option<u32>,
    pub certificate: Option<Certificate>,
    pub title: Option<String>,
    /// Other titles a block labels ("AKA: ...", "Original title: ...").
    pub alt_titles: Vec<String>,
    /// The words before a sentence-style block ("Her Smell. Directed by ..."),
    /// which name the film in newspaper layouts.
    pub lead: Option<String>,
    pub year: Option<i32>,
    /// The byte ranges of the paragraphs read as credit blocks.
    pub blocks: Vec<Range<usize>>,
}

const LABELS: &str = r"(?:written\s*(?:,|and|&)\s*directed\s+by|directed\s*(?:,|and|&)\s*written\s+by|writer\s*(?:[/&,-]|and)\s*director|director\s*(?:[/&,-]|and)\s*(?:writer|screenwriter)|writer\s*(?:[/&,-]|and)\s*producer|producer\s*(?:[/&,-]|and)\s*writer|director\s*(?:[/&,-]|and)\s*producer|producer\s*(?:[/&,-]|and)\s*director|screenplay\s+and\s+direction|executive\s+producers?|exec\.?\s+producers?|co-?\s*producers?|associate\s+producers?|line\s+producers?|co-?executive\s+producers?|supervising\s+producers?|executive\s+producer\s+by|directors?\s+of\s+photography|directed\s+by|direction|directors?|dir\.|a\s+film\s+by|screenplay\s+by|screenplays?|screen\s+story|written\s+by|screenwriters?|writers?|script\s+by|script|story\s+by|story|teleplay|produced\s+by|producers?|starring|stars|cast\s+includes|cast|actors|featuring|with\s+the\s+voices\s+of|voices|voice\s+cast|with|u\.\s?s\.\s+distributor|us\s+distributor|distributor|distributed\s+by|distribution|us\s+distribution|u\.\s?s\.\s+distribution|released\s+by|studio|running\s+(?:time|length)|run\s*time|runtime|length|mpaa\s+rating|mpaa\s+classification|mpaa\s+rated|mpaa|rated|parents'?\s+guide|certificate|film\s+title|movie\s+title|original\s+title|alternat(?:e|ive)\s+titles?|also\s+known\s+as|a\.k\.a\.?|aka|title|year\s+of\s+release|year|photography|cinematography|cinematographer|camera|editor|editing|edited\s+by|film\s+editor|music\s+by|music|original\s+music|score|songs|production\s+design|production\s+designer|art\s+direction|costumes?|costume\s+design|sound|special\s+effects|visual\s+effects|casting|makeup|genre|country|language|release\s+date|u\.\s?s\.\s+release\s+date|opens|opening|reviewed\s+at|screened\s+at|seen\s+at|playing\s+at|theatrical\s+aspect\s+ratio|aspect\s+ratio|crew|capsule|plot|synopsis|rating|grade|review|reviewed\s+by|review\s+by|based\s+on|web\s+site|website|e-?mail)";

/// Which field a matched label introduces.
fn field_of(label: &str) -> Field {
    let l = label.to_lowercase();
    let l = l.split_whitespace().collect::<Vec<_>>().join(" ");
    let has = |w: &str| l.contains(w);
    if has("executive") || has("exec") || has("co-") || has("coproducer") || has("co producer") || has("associate") || has("line producer") || has("supervising") || has("photography") || has("art direction") {
        return Field::Other;
    }
    let director = has("direct") || l.starts_with("dir") || has("a film by");
    let writer = has("writ") || has("screenplay") || has("script") || has("story") || has("teleplay");
    let producer = has("produc");
    match (director, writer, producer) {
        (true, true, _) => return Field::WriterDirector,
        (false, true, true) => return Field::WriterProducer,
        (true, false, true) => return Field::DirectorProducer,
        (true, false, false) if !has("design") && !has("casting") => return Field::Director,
        (false, true, false) => return Field::Writer,
        (false, false, true) if !has("design") => return Field::Producer,
        _ => {}
    }
    if l.starts_with("star") || l.starts_with("cast") || l == "actors" || l == "featuring" || l == "with" || has("voice") {
        return Field::Cast;
    }
    if has("distribut") || l == "released by" {
        return Field::Distributor;
    }
    if l.starts_with("run") || l == "length" {
        return Field::Runtime;
    }
    if l.starts_with("mpaa") || l == "rated" || l.starts_with("parent") || l == "certificate" {
        return Field::Certificate;
    }
    if l.starts_with("original") || l.starts_with("alternat") || l.starts_with("also known") || l.starts_with("a.k.a") || l == "aka" {
        return Field::AltTitle;
    }
    if l.ends_with("title") {
        return Field::Title;
    }
    if l.starts_with("year") {
        return Field::Year;
    }
    Field::Other
}

/// Labels read after a single space ("Directed by X", "Starring X") rather
/// than after a colon or a table gap.
fn is_phrase_label(label: &str) -> bool {
    let l = label.to_lowercase();
    l.ends_with(" by") || l == "starring" || l == "with" || l == "featuring" || l.ends_with("voices of")
}

struct Hit {
    /// Where the boundary before the label starts (the value before ends here).
    pre_start: usize,
    /// Where the value starts.
    value_start: usize,
    field: Field,
    strong: bool,
    at_line_start: bool,
}

/// Reads the credit blocks of `text`.
pub(crate) fn read(text: &str) -> Credits {
    let mut credits = Credits::default();
    for para in paragraphs(text) {
        let body = &text[para.clone()];
        let hits = hits(body);
        let strong_line = hits.iter().any(|h| h.strong && h.at_line_start);
        let short_lead = hits.first().is_some_and(|h| h.at_line_start && h.pre_start == 0) && body.lines().count() <= 3;
        if !(strong_line || hits.len() >= 2 || short_lead) {
            continue;
        }
        credits.blocks.push(para.clone());
        if let Some(first) = hits.first() {
            let lead = body[..first.pre_start].trim();
            if credits.lead.is_none() && !lead.is_empty() && lead.len() <= 60 && !lead.contains('\n') && body[first.pre_start..].starts_with('.') {
                credits.lead = Some(lead.to_owned());
            }
        }
        for (i, hit) in hits.iter().enumerate() {
            let end = hits.get(i + 1).map_or(body.len(), |n| n.pre_start);
            let value = &body[hit.value_start..end.max(hit.value_start)];
            fill(&mut credits, hit.field, value);
        }
    }
    credits
}

/// Paragraphs: byte ranges separated by blank lines.
pub(crate) fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty() || line.trim().chars().all(|c| matches!(c, '-' | '=' | '_' | '*' | '~'));
        match (blank, start) {
            (true, Some(s)) => {
                out.push(s..pos);
                start = None;
            }
            (false, None) => start = Some(pos),
            _ => {}
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

fn hits(body: &str) -> Vec<Hit> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?im)(?P<pre>^[ \t>*•\-\[(]*|[.;]\s+|\(\s*|[ \t]{{2,}}|,\s+)(?P<label>{LABELS})(?P<sep>\s*:\s*|\s*\.{{2,}}:?\s*|\s+-{{1,2}}>?\s+|\s*,\s+|\t\s*|[ ]{{2,}}|\s+)"
        ))
        .expect("static regex")
    });
    let mut out: Vec<Hit> = Vec::new();
    for caps in LABEL.captures_iter(body) {
        let pre = caps.name("pre").expect("group pre always matches");
        let label = caps.name("label").expect("group label always matches");
        let sep = caps.name("sep").expect("group sep always matches");
        let sep_text = sep.as_str();
        let at_line_start = pre.as_str().chars().all(|c| c != '.' && c != ';' && c != ',')
            && (pre.start() == 0 || body[..pre.start()].ends_with('\n') || pre.as_str().contains('\n') || body[..label.start()].rsplit('\n').next().is_some_and(|l| l.trim().is_empty() || l.trim().chars().all(|c| "([>*•-".contains(c))));
        let colon = sep_text.contains(':') || sep_text.contains("..") || sep_text.trim() == "-" || sep_text.trim() == "--" || sep_text.contains("->");
        let table = !colon && at_line_start && (sep_text.contains('\t') || sep_text.len() >= 2 && sep_text.chars().all(|c| c == ' '));
        let comma = sep_text.trim() == ",";
        let phrase = is_phrase_label(label.as_str());
        let after_comma = pre.as_str().trim_start().starts_with(',');
        let after_paren = pre.as_str().trim_start().starts_with('(');
        // A label alone on its line heads a column of values ("Cast\nA as B").
        let alone = sep_text.contains('\n') && at_line_start && body[..label.start()].rsplit('\n').next().is_some_and(|l| l.trim().is_empty());
        let table = table || alone;
        let accepted = if colon || table {
            true
        } else if comma {
            // "Producers, Peter Samuelson" in Variety and newspaper blocks:
            // only after a sentence boundary and never for phrase labels.
            !phrase && !after_comma && (pre.as_str().contains('.') || pre.as_str().contains(';'))
        } else {
            // A single space: "Directed by X", "Starring X", "With X".
            phrase
                && !(after_comma && matches!(label.as_str().to_lowercase().as_str(), "with" | "starring" | "featuring"))
                && (!after_paren || label.as_str().to_lowercase().ends_with(" by"))
        };
        if !accepted {
            continue;
        }
        // The value must start with something: a capital, a digit, a quote, a star.
        let value_start = sep.end();
        let next = body[value_start..].chars().next();
        if !colon && !table && !next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '"') {
            continue;
        }
        let field = field_of(label.as_str());
        // Phrase labels like "with" read only as cast at the start of a sentence.
        out.push(Hit { pre_start: pre.start(), value_start, field, strong: colon || table, at_line_start });
    }
    out
}

/// Whether `line` opens with a credit label ("Distributed by ...", "Cast:").
pub(crate) fn starts_with_label(line: &str) -> bool {
    hits(line.trim_start()).first().is_some_and(|h| h.pre_start == 0 && h.at_line_start)
}

/// Records one labelled value.
fn fill(credits: &mut Credits, field: Field, value: &str) {
    let value = value.trim();
    // "(director: ...; cast: A (Anna), B, 1987)": the header closes with the year.
    static CLOSING_YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r",\s*((?:18|19|20)\d\d)\b[^,()]{0,16}\)\s*$").expect("static regex"));
    if let Some(c) = CLOSING_YEAR.captures(value) {
        credits.year.get_or_insert_with(|| c[1].parse().unwrap_or_default());
    }
    match field {
        Field::Director => push_names(&mut credits.directors, list_value(value)),
        Field::Writer => push_names(&mut credits.writers, list_value(value)),
        Field::Producer => push_names(&mut credits.producers, list_value(value)),
        Field::WriterDirector => {
            let v = list_value(value);
            push_names(&mut credits.writers, v);
            push_names(&mut credits.directors, v);
        }
        Field::WriterProducer => {
            let v = list_value(value);
            push_names(&mut credits.writers, v);
            push_names(&mut credits.producers, v);
        }
        Field::DirectorProducer => {
            let v = list_value(value);
            push_names(&mut credits.directors, v);
            push_names(&mut credits.producers, v);
        }
        Field::Cast => {
            for credit in people::parse_list(list_value(value)) {
                if !credits.cast.iter().any(|c| c.name == credit.name) {
                    credits.cast.push(credit);
                }
            }
        }
        Field::Distributor => {
            if credits.distributor.is_none() {
                credits.distributor = company(value);
            }
        }
        Field::Runtime => {
            if credits.runtime.is_none() {
                credits.runtime = runtime::parse(value);
            }
        }
        Field::Certificate => {
            if credits.certificate.as_ref().is_none_or(|c| c.reasons.is_empty()) {
                if let Some(c) = certificate::parse(value) {
                    if credits.certificate.as_ref().is_none_or(|old| old.rating == c.rating) {
                        credits.certificate = Some(c);
                    }
                }
            }
        }
        Field::Title => {
            if credits.title.is_none() {
                let first = value.lines().next().unwrap_or("").trim();
                if !first.is_empty() && first.len() <= 100 {
                    credits.title = Some(first.to_owned());
                }
            }
        }
        Field::AltTitle => {
            let first = value.lines().next().unwrap_or("").trim();
            if let Some(t) = crate::title::clean_title(first).filter(|t| t.len() <= 100) {
                if !credits.alt_titles.contains(&t) {
                    credits.alt_titles.push(t);
                }
            }
        }
        Field::Year => {
            if credits.year.is_none() {
                credits.year = year_in(value.lines().next().unwrap_or(""));
            }
        }
        Field::Other => {}
    }
}

/// The part of a value that is the list: up to the end of its sentence, and
/// without following lines of prose.
fn list_value(value: &str) -> &str {
    let mut end = value.len();
    // Stop at the first line that reads as prose.
    let mut pos = 0;
    for (i, line) in value.split_inclusive('\n').enumerate() {
        if i > 0 && is_prose_line(line) {
            end = pos;
            break;
        }
        pos += line.len();
    }
    let value = &value[..end];
    // "Carla Muniz; camera (color), Ben Ostrow": a lower-case word after a
    // semicolon starts the next credit.
    let value = match value.match_indices(';').find(|(i, _)| value[i + 1..].trim_start().starts_with(|c: char| c.is_lowercase())) {
        Some((i, _)) => &value[..i],
        None => value,
    };
    &value[..sentence_end(value)]
}

/// Where the first sentence of `s` ends: a period followed by a space and
/// not closing an initial or a common abbreviation.
pub(crate) fn sentence_end(s: &str) -> usize {
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b != b'.' {
            continue;
        }
        let after = bytes.get(i + 1).copied();
        if !matches!(after, None | Some(b' ' | b'\n' | b'\r' | b'\t')) {
            continue;
        }
        let word = s[..i].rsplit(|c: char| c.is_whitespace() || c == '(' || c == ',').next().unwrap_or("");
        let abbreviation = word.chars().count() == 1 && word.chars().all(char::is_uppercase)
            || ["Jr", "Sr", "Dr", "Mr", "Mrs", "Ms", "St", "Bros", "Inc", "Co", "Corp", "Ltd", "Lt", "Capt", "Cpt", "Sgt", "Gen", "Col", "Rev", "Prof", "Mt", "Ft", "vs", "U.S", "U.K", "Sen", "Rep", "Gov", "Pres"]
                .contains(&word)
            || word.contains('.') && word.len() <= 5;
        if !abbreviation {
            return i;
        }
    }
    s.len()
}

/// A line that continues prose rather than a list: mostly lower-case words.
fn is_prose_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() < 4 {
        return false;
    }
    let lower = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase) && !matches!(**w, "and" | "as" | "de" | "van" | "von" | "la" | "le" | "du" | "da"))
        .count();
    lower * 2 > words.len()
}

fn push_names(list: &mut Vec<String>, value: &str) {
    for credit in people::parse_list(value) {
        if !list.contains(&credit.name) {
            list.push(credit.name);
        }
    }
}

/// A company name from a distributor value: "Warner Bros. (USA)" is "Warner Bros.".
pub(crate) fn company(value: &str) -> Option<String> {
    let first = value.lines().next().unwrap_or("");
    let cut = first.find(['(', ';', '[']).unwrap_or(first.len());
    let s = &first[..cut];
    let s = &s[..sentence_end(s)];
    let s = s.trim().trim_end_matches([',', ':']).trim();
    let s = s.strip_prefix("by ").unwrap_or(s);
    let words = s.split_whitespace().count();
    (words >= 1 && words <= 8 && s.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()))
        .then(|| s.to_owned())
}

/// A plausible film year in `s`.
pub(crate) fn year_in(s: &str) -> Option<i32> {
    static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(18[89]\d|19\d\d|20[0-3]\d)\b").expect("static regex"));
    YEAR.find(s).and_then(|m| m.as_str().parse().ok())
}

/// "distributed by 20th Century Fox" in a sentence of prose.
pub(crate) fn distributed_by(text: &str) -> Option<String> {
    static BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?i:distributed|released)\s+(?i:in\s+the\s+u\.?s\.?\s+)?(?i:by)\s+(?P<d>[A-Z0-9][\w&.'-]*(?:\s+(?:[A-Z0-9][\w&.'-]*|of|and)){0,4})")
            .expect("static regex")
    });
    BY.captures_iter(text).find_map(|c| company(c.name("d")?.as_str().trim_end_matches(" and").trim_end_matches(" of")))
}

/// "A Miramax release", "a Cinerama release", "A Screen Gems release of a ... production".
pub(crate) fn release_line(text: &str) -> Option<String> {
    static RELEASE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?m)(?:^|[.;]\s+|^\s*)(?:An?|a|an)\s+(?P<d>[A-Z0-9][\w&.'-]*(?:\s+(?:[A-Z0-9][\w&.'-]*|of|and|the)){0,5})\s+(?:release|releasing|presentation|film\s+release)\b")
            .expect("static regex")
    });
    text.lines().filter(|l| l.contains(" release") || l.contains(" presentation")).flat_map(|l| RELEASE.captures_iter(l)).find_map(|c| {
        let d = c.name("d")?.as_str().trim();
        (!d.ends_with(" of") && !d.ends_with(" and")).then(|| d.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colon_block() {
        let c = read(
            "Cast: Sandrine Bonnaire, Isabelle Huppert,\n      Jean-Pierre Cassel\nDirector: Claude Chabrol\nProducer: Marin Karmitz\nScreenplay: Claude Chabrol and Caroline Eliacheff based on the novel by Ruth Rendell\nCinematography: Bernard Zitzermann\nU.S. Distributor: New Yorker Films\n",
        );
        assert_eq!(c.directors, ["Claude Chabrol"]);
        assert_eq!(c.writers, ["Claude Chabrol", "Caroline Eliacheff"]);
        assert_eq!(c.producers, ["Marin Karmitz"]);
        assert_eq!(c.cast.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Sandrine Bonnaire", "Isabelle Huppert", "Jean-Pierre Cassel"]);
        assert_eq!(c.distributor.as_deref(), Some("New Yorker Films"));
    }

    #[test]
    fn sentence_block() {
        let c = read("Her Smell. Directed by Alex Ross Perry. With Elisabeth Moss, Dan Stevens, and Cara Delevingne. Distributed by Gunpowder and Sky.\n");
        assert_eq!(c.directors, ["Alex Ross Perry"]);
        assert_eq!(c.cast.len(), 3);
        assert_eq!(c.distributor.as_deref(), Some("Gunpowder and Sky"));
    }

    #[test]
    fn header_in_parentheses() {
        let c = read("eXistenZ (director: David Cronenberg; cast: Jennifer Jason Leigh\n(Allegra Geller), Jude Law (Ted Pikul), 1999)\n\nProse follows here.");
        assert_eq!(c.directors, ["David Cronenberg"]);
        assert_eq!(c.cast[0].character.as_deref(), Some("Allegra Geller"));
        assert_eq!(c.cast[1].name, "Jude Law");
    }

    #[test]
    fn comma_chain() {
        let c = read("Starring: Christine Cavanaugh (voice of Babe), James Cromwell (Farmer\nHoggett), produced by George Miller, Doug Mitchell, written by George Miller, Chris Noonan, directed by\nChris Noonan, based on the novel by Dick King-Smith.\n");
        assert_eq!(c.producers, ["George Miller", "Doug Mitchell"]);
        assert_eq!(c.writers, ["George Miller", "Chris Noonan"]);
        assert_eq!(c.directors, ["Chris Noonan"]);
    }

    #[test]
    fn prose_by_phrase_is_not_a_block() {
        let c = read("Written and directed by THE CRYING GAME's Neil Jordan, IN DREAMS wants to be more than\nthe typical horror film, but it only partially succeeds.\n");
        assert!(c.directors.is_empty());
    }

    #[test]
    fn executive_producers_are_not_producers() {
        let c = read("Producer: Ann Smith\nExecutive Producer: Bob Jones\nCo-Producer: Carl Wu\n");
        assert_eq!(c.producers, ["Ann Smith"]);
    }

    #[test]
    fn release_lines() {
        assert_eq!(release_line("et al. A Screen Gems release. 117 minutes.").as_deref(), Some("Screen Gems"));
        assert_eq!(release_line("a Bing Crosby Production\na Cinerama release\n").as_deref(), Some("Cinerama"));
    }
}
