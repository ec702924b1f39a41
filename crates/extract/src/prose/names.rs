//! People's names in prose: the capitalised runs that look like a name, and
//! the document's index of full names that surname-only mentions ("Perry",
//! "Moss’") resolve to.

use super::lexicon::{PLACE_WORDS, is_first_name, is_stop};
use super::tokens::{Kind, Toks};

/// A capitalised run of tokens `a..b` and its words ("Samuel", "L.", "Jackson").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Run {
    pub a: usize,
    pub b: usize,
    pub words: Vec<String>,
}

impl Run {
    /// The run as one string, words joined by single spaces.
    pub(crate) fn text(&self) -> String {
        self.words.join(" ")
    }
}

const PARTICLES: &[&str] = &["de", "van", "von", "der", "den", "da", "di", "du", "del", "della",
                             "la", "le", "dos", "das", "ten", "ter", "bin", "st"];
const SUFFIXES: &[&str] = &["Jr", "Sr", "II", "III"];

/// Token `k` is a capitalised word that can be part of a name (not ALL-CAPS,
/// unless a one-letter initial).
fn name_word(t: &Toks, k: usize) -> bool {
    t.is_word(k) && t.toks[k].cap && !t.toks[k].upper
        && t.s(k).chars().next().is_some_and(char::is_alphabetic)
}

/// Token `k` is a one-letter initial followed directly by a period ("L.").
fn initial(t: &Toks, k: usize) -> bool {
    t.is_word(k) && t.toks[k].cap && t.s(k).chars().count() == 1 && t.is_p(k + 1, '.')
        && t.toks[k + 1].start == t.toks[k].end
}

/// The longest person-shaped run starting at token `k`: capitalised words,
/// initials, particles ("van", "de") and a "Jr." suffix, at most five words,
/// never starting or ending with a stop word.
pub(crate) fn name_run(t: &Toks, k: usize) -> Option<Run> {
    let mut words: Vec<String> = Vec::new();
    let mut i = k;
    if !t.is_word(k) || t.common_at_start(k) {
        return None;
    }
    while i < t.len() && words.len() < 5 {
        // A new line that opens with a label ("Writer:") ends the name.
        if i > k && t.toks[i].line_start && t.is_p(i + 1, ':') {
            break;
        }
        // A name runs on across a soft wrap of prose, never from one entry
        // of a list or column to the next ("Walt\nSimone Achebe as Ruth").
        if i > k && t.toks[i].line_start && !t.soft_wrap(i) {
            break;
        }
        if initial(t, i) {
            words.push(format!("{}.", t.s(i)));
            i += 2;
        } else if !words.is_empty() && t.is_word(i) && SUFFIXES.contains(&t.s(i)) {
            let mut w = t.s(i).to_owned();
            i += 1;
            if t.is_p(i, '.') && t.toks[i].start == t.toks[i - 1].end {
                w.push('.');
                i += 1;
            }
            words.push(w);
            break;
        } else if name_word(t, i) && !is_stop(t.s(i)) {
            words.push(t.s(i).to_owned());
            i += 1;
        } else if !words.is_empty() && t.is_any(i, lex!(PARTICLES)) && t.is_lower(i) && name_word(t, i + 1)
            && !is_stop(t.s(i + 1))
        {
            words.push(t.s(i).to_owned());
            i += 1;
        } else {
            break;
        }
    }
    // An honorific-less run must not be only initials.
    if words.is_empty() || words.iter().all(|w| w.ends_with('.')) {
        return None;
    }
    Some(Run { a: k, b: i, words })
}

/// The capitalised run that ends just before token `end`, read backwards:
/// capitalised words, initials and abbreviated titles ("Rep.", "Capt."),
/// leading stop words dropped.
pub(crate) fn run_before(t: &Toks, end: usize) -> Option<Run> {
    let mut a = end;
    let mut n = 0;
    while a > 0 && n < 6 {
        let k = a - 1;
        if t.is_p(k, '.') && k > 0 && t.is_word(k - 1) && t.toks[k - 1].cap
            && t.toks[k - 1].end == t.toks[k].start && t.s(k - 1).len() <= 4
        {
            a = k - 1;
            n += 1;
        } else if t.is_word(k) && t.toks[k].cap && !t.toks[k].upper {
            a = k;
            n += 1;
        } else if t.is_word(k) && t.toks[k].upper && t.s(k).len() <= 3 && n > 0 {
            // "US President": a short acronym inside a title.
            a = k;
            n += 1;
        } else {
            break;
        }
    }
    while a < end && t.is_word(a) && (is_stop(t.s(a)) || t.common_at_start(a)) {
        a += 1;
    }
    if a >= end || !t.is_word(a) {
        return None;
    }
    let words = words_of(t, a, end);
    if words.is_empty() {
        return None;
    }
    Some(Run { a, b: end, words })
}

/// The words of tokens `a..b`, periods glued to the word before them.
fn words_of(t: &Toks, a: usize, b: usize) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for k in a..b {
        match t.kind(k) {
            Kind::Word => words.push(t.s(k).to_owned()),
            Kind::Punct if t.ch(k) == '.' => {
                if let Some(last) = words.last_mut() {
                    last.push('.');
                }
            }
            _ => {}
        }
    }
    words
}

/// Whether a run of words is shaped like a person's full name: two to five
/// words, none a stop word, the last not a place or company word.
pub(crate) fn person_shaped(words: &[String]) -> bool {
    if !(2..=5).contains(&words.len()) {
        return false;
    }
    let last = words[words.len() - 1].to_lowercase();
    if PLACE_WORDS.contains(&last.as_str()) && !is_first_name(&words[0]) {
        return false;
    }
    words.iter().all(|w| !is_stop(w)) && words[words.len() - 1].chars().count() > 1
}

/// Whether the words look like a person even without context: person-shaped
/// and starting with a common given name (or an initial).
pub(crate) fn likely_person(words: &[String]) -> bool {
    person_shaped(words)
        && (is_first_name(&words[0]) || (words[0].ends_with('.') && words[0].chars().count() == 2))
}

/// Names compared the way the scorer compares them: letters and digits, lower case.
pub(crate) fn key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The full names a document uses, credits first; surname-only and shortened
/// mentions resolve to them.
#[derive(Debug, Default)]
pub(crate) struct People {
    /// Full names, the keys of their words, and whether the film credits them.
    full: Vec<(String, Vec<String>, bool)>,
}

impl People {
    /// Adds a credited full name (two or more words) once.
    pub(crate) fn add(&mut self, name: &str) {
        self.insert(name, true);
    }

    /// Adds a full name seen in the prose, not (yet) known to be credited.
    pub(crate) fn add_seen(&mut self, name: &str) {
        self.insert(name, false);
    }

    fn insert(&mut self, name: &str, credited: bool) {
        if name.split_whitespace().count() < 2 {
            return;
        }
        let keys: Vec<String> = name.split_whitespace().map(key).collect();
        match self.full.iter_mut().find(|(_, k, _)| *k == keys) {
            Some(entry) => entry.2 |= credited,
            None => self.full.push((name.to_owned(), keys, credited)),
        }
    }

    /// Whether `words` name a credited person.
    pub(crate) fn is_credited(&self, words: &[String]) -> bool {
        self.resolve_in(words, true).is_some()
    }

    /// The full name that `words` refer to: the same name, a surname or
    /// trailing part ("Moss", "Van Der Beek"), or first and last name of a
    /// longer one ("Lee Montgomery" for "Lee Harcourt Montgomery"). Credited
    /// names win over names only seen; `None` when nothing or more than one
    /// name matches.
    pub(crate) fn resolve(&self, words: &[String]) -> Option<String> {
        self.resolve_in(words, true).or_else(|| self.resolve_in(words, false))
    }

    fn resolve_in(&self, words: &[String], credited_only: bool) -> Option<String> {
        if words.is_empty() {
            return None;
        }
        let keys: Vec<String> = words.iter().map(|w| key(w)).collect();
        let mut found: Option<&String> = None;
        for (f, fk, credited) in &self.full {
            if credited_only && !credited {
                continue;
            }
            let hit = if *fk == keys {
                return Some(f.clone());
            } else if keys.len() < fk.len() {
                fk.ends_with(&keys)
                    || (keys.len() >= 2 && fk[0] == keys[0] && fk.last() == keys.last())
            } else {
                false
            };
            if hit {
                if found.is_some_and(|g| g != f) {
                    return None;
                }
                found = Some(f);
            }
        }
        found.cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_at(text: &str, k: usize) -> Option<String> {
        let t = Toks::new(text);
        name_run(&t, k).map(|r| r.text())
    }

    #[test]
    fn runs_take_initials_particles_and_suffixes() {
        assert_eq!(run_at("Samuel L. Jackson is", 0).as_deref(), Some("Samuel L. Jackson"));
        assert_eq!(run_at("James Van Der Beek stars", 0).as_deref(), Some("James Van Der Beek"));
        assert_eq!(run_at("Robert Downey Jr. plays", 0).as_deref(), Some("Robert Downey Jr."));
        assert_eq!(run_at("Rosanna de Soto and", 0).as_deref(), Some("Rosanna de Soto"));
        assert_eq!(run_at("Moss’ turn", 0).as_deref(), Some("Moss"));
        assert_eq!(run_at("The end", 0), None);
        assert_eq!(run_at("NASA said", 0), None);
    }

    #[test]
    fn runs_before_keep_titles() {
        let t = Toks::new("and now President Jackson Evans (Jeff)");
        let r = run_before(&t, 5).map(|r| r.text());
        assert_eq!(r.as_deref(), Some("President Jackson Evans"));
        let t = Toks::new("the elder Rep. Sheldon Runyan (x)");
        let r = run_before(&t, 6).map(|r| r.text());
        assert_eq!(r.as_deref(), Some("Rep. Sheldon Runyan"));
        let t = Toks::new("There The Doctor (x)");
        assert_eq!(run_before(&t, 3).map(|r| r.text()).as_deref(), Some("Doctor"));
    }

    #[test]
    fn shapes() {
        let w = |s: &str| s.split(' ').map(str::to_owned).collect::<Vec<_>>();
        assert!(person_shaped(&w("Agyness Deyn")));
        assert!(!person_shaped(&w("Philadelphia Film Center")));
        assert!(!person_shaped(&w("Bully")));
        assert!(likely_person(&w("Jennifer Jason Leigh")));
        assert!(!likely_person(&w("Bryn Mawr")));
    }

    #[test]
    fn resolves_surnames_and_short_forms() {
        let mut p = People::default();
        p.add("Alex Ross Perry");
        p.add("Elisabeth Moss");
        p.add("Lee Harcourt Montgomery");
        p.add("James Van Der Beek");
        let w = |s: &str| s.split(' ').map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(p.resolve(&w("Perry")).as_deref(), Some("Alex Ross Perry"));
        assert_eq!(p.resolve(&w("Moss")).as_deref(), Some("Elisabeth Moss"));
        assert_eq!(p.resolve(&w("Lee Montgomery")).as_deref(), Some("Lee Harcourt Montgomery"));
        assert_eq!(p.resolve(&w("Van Der Beek")).as_deref(), Some("James Van Der Beek"));
        assert_eq!(p.resolve(&w("Becky")), None);
        p.add("Greer Goodman");
        p.add("Jenniphr Goodman");
        assert_eq!(p.resolve(&w("Goodman")), None, "ambiguous surnames stay unresolved");
    }
}
